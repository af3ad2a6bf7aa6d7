#!/usr/bin/env python3
"""Generate differential test cases for didit-kit's webhook verifier (stdlib only, Python 3.11).

    python3 tests/differential/gen_cases.py --out FILE.jsonl [--count 12000] [--seed 1]

Writes at least ``--count`` cases (about 80 % positive, 20 % negative) as JSON lines. The output
depends only on ``--count`` and ``--seed`` (one seeded ``random.Random``), so two runs with the
same arguments produce byte-identical files. A one-line summary goes to stderr.

Each line is one JSON object (written with ``ensure_ascii=True``):

    {"id": "pos-00017-int-like-keys-respelled",   human-readable, unique
     "kind": "positive" | "negative",
     "trap": "<short label>",        positives: the body trap (what is hidden in the body);
                                     negatives: the defect (tampered-*, stale, wrong-secret, ...)
     "body_b64": "...",              base64 of the raw body bytes exactly as delivered
     "headers": {"X-Timestamp": "...", "X-Signature-V2": "...", "X-Signature": "...",
                 "X-Signature-Simple": "..."},       any header may be absent
     "secrets": ["..."],             1 or 2 secrets (UTF-8); rotation cases put the right one second
     "now": 1774970010,              the verifier's clock, Unix seconds
     "allow_simple": false,          whether X-Signature-Simple may be accepted
     "expect": {"ok": true, "method": "v2" | "v2-ascii" | "v1" | "simple",
                "secret_index": 0 | 1, "timestamp": 1774970000}
            or {"ok": false, "code": "ERR_WEBHOOK_..."},
     "canonical_b64": "...",         canonical(body, ascii=False); present whenever the body is valid
     "canonical_ascii_b64": "..."}   canonical(body, ascii=True)

The signer is Didit's (see ``canonical`` / ``hmac_hex`` below). With header timestamp T:
``X-Timestamp`` = str(T); ``X-Signature-V2`` = HMAC(canonical(raw)); ``X-Signature`` = HMAC(raw);
``X-Signature-Simple`` = HMAC(f"{T}:{session_id}:{status}:{webhook_type}") from the body's
top-level fields ("" when missing). The tolerance is 300 s in both directions, inclusive.
The body's signed time is its `timestamp` (= T), or in some positives `created_at` = T with
`timestamp` absent or null; the "created-at-replay" negatives carry only an old `created_at`
with a fresh X-Timestamp, which the verifier must refuse (ERR_WEBHOOK_TIMESTAMP_MISMATCH).
The expected method assumes the verifier tries, for each secret, V2 (ascii=False), V2
(ascii=True), V1, then Simple (only with allow_simple); cases never let two secrets match.

Bodies are Didit-like webhook envelopes carrying one or more *traps* (integer-like keys, big
integers, tiny / huge / long floats, unicode, escapes, duplicate keys, deep nesting, ...), each
written in one of several *spellings* (compact sorted ASCII as Didit sends, UTF-8, Python default,
pretty-printed, JS-like, or a hand-respelled form with odd escapes, number forms and whitespace).
Every emitted body is checked: Python parses it, its parsed value equals the intended value
(int stays int, float stays float, -0.0 stays -0.0), and its canonical bytes equal those computed
from the intended value; bodies Python cannot canonicalize are dropped.
"""
from __future__ import annotations

import argparse
import base64
import json
import math
import random
import re
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timezone
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from didit_reference import canonical as reference_canonical, hmac_hex, shorten_floats  # noqa: E402  (the one Python reference signer)

TOLERANCE = 300
MAX_BODY_BYTES = 64 * 1024

# --------------------------------------------------------------------------------------------
# Didit's signer (the reference; implemented exactly as specified)
# --------------------------------------------------------------------------------------------


def canonical(body_bytes: bytes, ascii: bool = False) -> bytes:
    # A number that overflows to inf would come out as the non-JSON `Infinity`; such bodies have
    # no JSON canonical form (the verifier reports ERR_JSON_NUMBER_OUT_OF_RANGE), so they are not
    # generated: ValueError makes try_canonical() reject them.
    return reference_canonical(body_bytes, ascii=ascii, allow_nan=False)

def simple_message(header_ts: int, parsed) -> bytes:
    """The Simple signature's message, from the body's top-level fields (missing -> "")."""
    top = parsed if isinstance(parsed, dict) else {}
    fields = [str(top.get(k, "")) for k in ("session_id", "status", "webhook_type")]
    return f"{header_ts}:{fields[0]}:{fields[1]}:{fields[2]}".encode()


# --------------------------------------------------------------------------------------------
# Value markers: data whose raw spelling is special but whose parsed value is ordinary
# --------------------------------------------------------------------------------------------


class NegZero(int):
    """The integer 0, always written as the literal ``-0`` in the raw body."""

    def __new__(cls):
        return super().__new__(cls, 0)


class FloatText(float):
    """A float with a fixed raw spelling, e.g. ``1E2`` (parses to 100.0)."""

    def __new__(cls, text: str):
        obj = super().__new__(cls, float(text))
        obj.text = text
        return obj


class DupDict(dict):
    """A JSON object whose raw text repeats keys: ``decoys[k]`` values are written before the
    real ``k`` (Python keeps the last one, so the dict's own value is what parses)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.decoys: dict[str, list] = {}


# --------------------------------------------------------------------------------------------
# Raw spellings: one serializer for all of them (it also writes duplicate keys and markers)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spelling:
    name: str
    order: str  # "sorted" | "insertion" | "js"
    ensure_ascii: bool = True
    item_sep: str = ","
    key_sep: str = ":"
    indent: str | None = None
    respell: bool = False


SPELLINGS = [
    # (spelling, weight)
    (Spelling("sorted-ascii", "sorted", True), 4),  # what Didit reportedly sends
    (Spelling("sorted-utf8", "sorted", False), 2),
    (Spelling("python-default", "insertion", True, ", ", ": "), 2),
    (Spelling("pretty-2", "insertion", True, ",", ": ", indent="  "), 1),
    (Spelling("pretty-tab", "insertion", False, ",", ": ", indent="\t"), 1),
    (Spelling("js-like", "js", False), 2),
    (Spelling("respelled", "insertion", respell=True), 2),
    (Spelling("respelled-sorted", "sorted", respell=True), 2),
]

_INDEX_RE = re.compile(r"0|[1-9][0-9]{0,9}")


def _is_array_index(key: str) -> bool:
    """JS array-index keys (0 .. 2**32-2) come first, ascending, in JS property order."""
    return _INDEX_RE.fullmatch(key) is not None and int(key) <= 2**32 - 2


def _ordered_pairs(d: dict, order: str):
    keys = list(d.keys())
    if order == "sorted":
        keys.sort()
    elif order == "js":
        idx = sorted((k for k in keys if _is_array_index(k)), key=int)
        keys = idx + [k for k in keys if not _is_array_index(k)]
    decoys = getattr(d, "decoys", None) or {}
    pairs = []
    for k in keys:
        for dv in decoys.get(k, ()):
            pairs.append((k, dv))
        pairs.append((k, d[k]))
    return pairs


_SHORT_ESC = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f",
              "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_FLOAT_RE = re.compile(r"(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?")
_WS = " \t\n\r"
_SPECIAL_SPLIT = re.compile(r"([^A-Za-z0-9 ])")


def _uesc(cp: int, upper: bool) -> str:
    return "\\u" + (f"{cp:04X}" if upper else f"{cp:04x}")


def _scalar_text(v) -> str:
    """Python's own spelling of a scalar (what json.dumps writes), honouring markers."""
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, NegZero):
        return "-0"
    if isinstance(v, int):
        return int.__repr__(v)
    if isinstance(v, FloatText):
        return v.text
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("non-finite float in a body")
        return float.__repr__(v)
    raise TypeError(f"unsupported value {type(v).__name__}")


class Writer:
    """Serializes a value in one spelling. Respelled output draws from its own rng."""

    def __init__(self, spelling: Spelling, rng: random.Random):
        self.sp = spelling
        self.rng = rng
        self.ws_prob = rng.choice((0.0, 0.05, 0.3, 0.8)) if spelling.respell else 0.0

    def write(self, value) -> str:
        out: list[str] = []
        if self.sp.respell:
            out.append(self._ws())
            self._respelled(value, out)
            out.append(self._ws())
        else:
            self._standard(value, 0, out)
        return "".join(out)

    # ---- standard spellings (byte-identical to json.dumps with the matching options) ----

    def _standard(self, v, level: int, out: list[str]) -> None:
        sp = self.sp
        if isinstance(v, (dict, list)):
            is_dict = isinstance(v, dict)
            items = _ordered_pairs(v, sp.order) if is_dict else v
            open_, close = ("{", "}") if is_dict else ("[", "]")
            if not items:
                out.append(open_ + close)
                return
            if sp.indent is None:
                first_sep, sep, end = "", sp.item_sep, ""
            else:
                nl = "\n" + sp.indent * (level + 1)
                first_sep, sep, end = nl, sp.item_sep + nl, "\n" + sp.indent * level
            out.append(open_)
            for i, item in enumerate(items):
                out.append(sep if i else first_sep)
                if is_dict:
                    k, x = item
                    out.append(json.dumps(k, ensure_ascii=sp.ensure_ascii))
                    out.append(sp.key_sep)
                else:
                    x = item
                self._standard(x, level + 1, out)
            out.append(end + close)
        elif isinstance(v, str):
            out.append(json.dumps(v, ensure_ascii=sp.ensure_ascii))
        else:
            out.append(_scalar_text(v))

    # ---- hand respelling: escapes, number forms, whitespace ----

    def _ws(self) -> str:
        if self.ws_prob and self.rng.random() < self.ws_prob:
            return "".join(self.rng.choice(_WS) for _ in range(self.rng.randint(1, 3)))
        return ""

    def _respelled(self, v, out: list[str]) -> None:
        if isinstance(v, (dict, list)):
            is_dict = isinstance(v, dict)
            items = _ordered_pairs(v, self.sp.order) if is_dict else v
            out.append("{" if is_dict else "[")
            for i, item in enumerate(items):
                out.append(self._ws())
                if i:
                    out.append(",")
                    out.append(self._ws())
                if is_dict:
                    k, x = item
                    out.append(self._string(k))
                    out.append(self._ws() + ":" + self._ws())
                else:
                    x = item
                self._respelled(x, out)
            out.append(self._ws())
            out.append("}" if is_dict else "]")
        elif isinstance(v, str):
            out.append(self._string(v))
        elif isinstance(v, float) and not isinstance(v, bool):
            if isinstance(v, FloatText) and self.rng.random() < 0.5:
                out.append(v.text)
            else:
                out.append(respell_float(float(v), self.rng))
        else:
            out.append(_scalar_text(v))  # ints keep their one spelling (an int stays an int)

    def _string(self, s: str) -> str:
        rng = self.rng
        heavy = rng.random() < 0.05  # sometimes escape plain ASCII letters too
        out = ['"']
        # Odd-numbered parts are single special characters; even ones are plain runs, copied
        # as they are unless heavy (then split into characters and respelled too).
        for i, part in enumerate(_SPECIAL_SPLIT.split(s)):
            if i % 2 == 0 and not heavy:
                out.append(part)
            else:
                self._respell_chars(part, out)
        out.append('"')
        return "".join(out)

    def _respell_chars(self, chars: str, out: list[str]) -> None:
        rng = self.rng
        for ch in chars:
            o = ord(ch)
            r = rng.random()
            if o < 0x20 or ch in '"\\':
                out.append(_SHORT_ESC[ch] if ch in _SHORT_ESC and r < 0.6
                           else _uesc(o, rng.random() < 0.5))
            elif ch == "/":
                out.append("\\/" if r < 0.6 else "/" if r < 0.9 else _uesc(o, True))
            elif o < 0x80:
                out.append(ch if r < 0.8 else _uesc(o, rng.random() < 0.5))
            elif o < 0x10000:
                out.append(_uesc(o, rng.random() < 0.8) if r < 0.6 else ch)
            elif r < 0.6:
                hi = 0xD800 + ((o - 0x10000) >> 10)
                lo = 0xDC00 + ((o - 0x10000) & 0x3FF)
                up = rng.random() < 0.5
                out.append(_uesc(hi, up) + _uesc(lo, up if rng.random() < 0.7 else not up))
            else:
                out.append(ch)


def _place_point(digits: str, k: int) -> tuple[str, str]:
    """Integer and fraction parts of digits * 10**-k (no leading zeros in the integer part)."""
    if k <= 0:
        int_part, frac = digits + "0" * (-k), ""
    elif k < len(digits):
        int_part, frac = digits[:-k], digits[-k:]
    else:
        int_part, frac = "0", "0" * (k - len(digits)) + digits
    return int_part.lstrip("0") or "0", frac


def respell_float(x: float, rng: random.Random) -> str:
    """Another spelling of exactly the same decimal value, still a float token
    (fraction or exponent): 1.0 -> 1.00, 1E0, 10e-1, 0.1e+01 ...; falls back to repr."""
    base = float.__repr__(x)
    m = _FLOAT_RE.fullmatch(base)
    if m is None:
        return base
    sign, ip, fp, ex = m.group(1), m.group(2), m.group(3) or "", m.group(4)
    digits = (ip + fp).lstrip("0") or "0"
    exp = int(ex or 0) - len(fp)
    if digits == "0":
        exp = 0
    z = rng.choice((0, 0, 1, 2, 3))
    digits += "0" * z
    exp -= z
    plain_ok = -40 <= exp and len(digits) + exp <= 40
    if plain_ok and rng.random() < 0.4:
        int_part, frac = _place_point(digits, -exp)
        if not frac:
            frac = "0" * rng.randint(1, 3)
        text = f"{sign}{int_part}.{frac}"
    else:
        lead = exp + len(digits) - 1 if digits.strip("0") else 0
        shown = lead + rng.randint(-3, 3)
        int_part, frac = _place_point(digits, shown - exp)
        if not frac and rng.random() < 0.3:
            frac = "0" * rng.randint(1, 2)
        mantissa = int_part + ("." + frac if frac else "")
        e = rng.choice("eE")
        esign = "-" if shown < 0 else rng.choice(("", "+"))
        edigits = str(abs(shown)).zfill(rng.choice((1, 1, 1, 2, 3)))
        text = f"{sign}{mantissa}{e}{esign}{edigits}"
    try:
        back = json.loads(text)
    except ValueError:
        return base
    if type(back) is float and float.__repr__(back) == base:
        return text
    return base


def has_markers(value) -> bool:
    """True if the value holds a DupDict, NegZero or FloatText (json.dumps cannot spell those)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, (DupDict, NegZero, FloatText)):
            return True
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def serialize(value, spelling: Spelling, rng: random.Random) -> bytes:
    sp = spelling
    if not sp.respell and sp.order != "js" and not has_markers(value):
        # Plain data: let json.dumps itself write the standard spellings.
        text = json.dumps(value, sort_keys=sp.order == "sorted", ensure_ascii=sp.ensure_ascii,
                          separators=(sp.item_sep, sp.key_sep), indent=sp.indent)
    else:
        text = Writer(sp, rng).write(value)
    return text.encode("utf-8")


# --------------------------------------------------------------------------------------------
# Didit-like webhook bodies
# --------------------------------------------------------------------------------------------

STATUSES = ["Approved", "Declined", "In Review", "In Progress", "Not Started", "Abandoned",
            "Expired", "Resubmitted", "Kyc Expired"]
WEBHOOK_TYPES = ["status.updated", "data.updated", "status.updated", "status.updated",
                 "user.status.updated", "business.status.updated"]
FEATURES = ["OCR", "NFC", "LIVENESS", "FACE_MATCH", "AML", "IP_ANALYSIS", "PHONE", "EMAIL",
            "POA", "DATABASE_VALIDATION", "AGE_ESTIMATION"]
ASCII_NAMES = [("John", "Smith"), ("Maria", "Garcia"), ("Ahmed", "Khan"), ("Emily", "Chen"),
               ("Oliver", "Brown"), ("Sofia", "Rossi"), ("Liam", "O'Connor"), ("Ana", "Silva")]
UNICODE_NAMES = [("José", "Müller"), ("Zoë", "Ørsted"), ("Łukasz", "Żółć"), ("小龙", "李"),
                 ("Nguyễn", "Văn An"), ("Олег", "Петров"), ("محمد", "علي"), ("Renée", "Dubois"),
                 ("Søren", "Kierkegaard"), ("花子", "山田"), ("Ana María", "Pérez Ñúñez")]
COUNTRIES = [("ESP", "Spain", "Madrid", "Europe/Madrid"), ("USA", "United States", "New York",
             "America/New_York"), ("JPN", "Japan", "東京", "Asia/Tokyo"),
             ("DEU", "Germany", "München", "Europe/Berlin"), ("BRA", "Brazil", "São Paulo",
             "America/Sao_Paulo"), ("IND", "India", "Mumbai", "Asia/Kolkata")]
DOC_TYPES = ["Passport", "Identity Card", "Driver's License", "Residence Permit"]
DATASETS = ["sanctions", "peps", "crime", "debarment", "regulatory", "wanted", "us_ofac_sdn",
            "eu_fsf", "gb_hmt_sanctions", "un_sc_sanctions"]
RESERVED_TOP = {"timestamp", "session_id", "status", "webhook_type"}


def new_uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def iso(ts: int, rng: random.Random) -> str:
    dt = datetime.fromtimestamp(ts, tz=timezone.utc).replace(microsecond=rng.randrange(10**6))
    return dt.isoformat()


def a_score(rng: random.Random) -> float:
    """Scores as Didit sends them: often whole (100.0), else 1-4 decimals or full precision."""
    r = rng.random()
    if r < 0.25:
        return float(rng.choice((0, 100, rng.randint(1, 99))))
    if r < 0.8:
        return round(rng.uniform(0, 100), rng.randint(1, 4))
    return rng.random() * rng.choice((1, 100))


def pick_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(UNICODE_NAMES if rng.random() < 0.45 else ASCII_NAMES)


def make_id_verification(rng, status, first, last):
    cc, country, city, _tz = rng.choice(COUNTRIES)
    dob_year = rng.randint(1940, 2006)
    v = {
        "node_id": "feature_ocr",
        "status": status,
        "document_type": rng.choice(DOC_TYPES),
        "document_number": "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ0123456789") for _ in range(9)),
        "personal_number": None if rng.random() < 0.5 else str(rng.randint(10**7, 10**8)),
        "portrait_image": f"https://service-didit-verification.s3.amazonaws.com/{new_uuid(rng)}/portrait.jpg",
        "front_image": f"https://service-didit-verification.s3.amazonaws.com/{new_uuid(rng)}/front.jpg",
        "back_image": None,
        "date_of_birth": f"{dob_year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "age": 2024 - dob_year,
        "expiration_date": f"{rng.randint(2025, 2035)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "issuing_state": cc,
        "issuing_state_name": country,
        "first_name": first,
        "last_name": last,
        "full_name": f"{first} {last}",
        "gender": rng.choice(("M", "F", "X", None)),
        "address": f"Calle Mayor {rng.randint(1, 200)}, {city}",
        "place_of_birth": city,
        "nationality": cc,
        "parsed_address": {
            "city": city,
            "country": cc,
            "latitude": round(rng.uniform(-90, 90), rng.randint(4, 7)),
            "longitude": round(rng.uniform(-180, 180), rng.randint(4, 7)),
        },
        "extra_fields": {},
        "warnings": [],
    }
    if rng.random() < 0.3:
        v["warnings"].append({
            "risk": "DOCUMENT_EXPIRED",
            "additional_data": None,
            "log_type": "warning",
            "short_description": "Document expired",
            "long_description": "The document's expiration date is in the past.",
        })
    return v


def make_aml_hit(rng, first, last, T):
    return {
        "id": "NK-" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz23456789") for _ in range(22)),
        "url": f"https://www.opensanctions.org/entities/{new_uuid(rng)}/",
        "match": rng.random() < 0.2,
        "score": rng.random(),
        "target": rng.random() < 0.5,
        "caption": f"{first} {last}",
        "datasets": rng.sample(DATASETS, rng.randint(1, 4)),
        "features": {"person_name_jaro_winkler": rng.random(), "country_disjoint": -1.0},
        "rca_name": "",
        "last_seen": iso(T - rng.randint(0, 10**7), rng),
        "first_seen": iso(T - rng.randint(10**7, 10**8), rng),
        "properties": {
            "name": [f"{first} {last}"],
            "alias": [f"{first[:1]}. {last}"] if rng.random() < 0.5 else [],
            "notes": ["Listed under Regulation (EU) 2024/1234 and/or the UN list."],
            "gender": [rng.choice(("male", "female"))],
            "country": [rng.choice(COUNTRIES)[0].lower()],
            "birthDate": [f"{rng.randint(1940, 2000)}"],
        },
        "match_score": rng.randint(0, 100),
        "review_status": rng.choice(("False Positive", "Unreviewed", "Confirmed Match")),
    }


def make_decision(rng, session_id, status, T, first, last, n_hits):
    cc, country, city, tz = rng.choice(COUNTRIES)
    d = {
        "session_id": session_id,
        "session_number": rng.randint(1, 99999),
        "session_url": f"https://verify.didit.me/session/{new_uuid(rng).replace('-', '')[:20]}",
        "status": status,
        "workflow_id": new_uuid(rng),
        "features": rng.sample(FEATURES, rng.randint(1, 6)),
        "vendor_data": f"user-{rng.randint(1, 10**6)}",
        "metadata": {"plan": rng.choice(("free", "pro")), "ref": rng.randint(1, 10**4)},
        "callback": f"https://example.com/kyc/callback?user={rng.randint(1, 999)}&next=/home",
        "id_verifications": [make_id_verification(rng, status, first, last)
                             for _ in range(rng.choice((1, 1, 1, 2)))],
        "face_matches": [{
            "node_id": "feature_face",
            "status": status,
            "score": a_score(rng),
            "source_image": f"https://cdn.didit.me/{new_uuid(rng)}/source.jpg",
            "target_image": f"https://cdn.didit.me/{new_uuid(rng)}/target.jpg",
            "warnings": [],
        }],
        "liveness_checks": [{
            "node_id": "feature_liveness",
            "status": status,
            "method": rng.choice(("ACTIVE_3D", "PASSIVE", "FLASHING")),
            "score": a_score(rng),
            "reference_image": f"https://cdn.didit.me/{new_uuid(rng)}/ref.jpg",
            "video_url": None,
            "age_estimation": round(rng.uniform(16, 80), rng.randint(0, 8)),
            "warnings": [],
        }],
        "aml_screenings": [{
            "node_id": "feature_aml",
            "status": status,
            "total_hits": n_hits,
            "score": a_score(rng),
            "entity_type": "person",
            "hits": [make_aml_hit(rng, first, last, T) for _ in range(n_hits)],
            "screened_data": {"full_name": f"{first} {last}", "nationality": cc},
            "warnings": [],
        }],
        "ip_analyses": [{
            "status": status,
            "device_brand": rng.choice(("Apple", "Samsung", "Google")),
            "browser_family": "Mobile Safari",
            "os_family": "iOS",
            "platform": "mobile",
            "ip_country": country,
            "ip_country_code": cc[:2],
            "ip_city": city,
            "latitude": round(rng.uniform(-90, 90), 4),
            "longitude": round(rng.uniform(-180, 180), 5),
            "ip_address": ".".join(str(rng.randint(1, 254)) for _ in range(4)),
            "is_vpn_or_tor": False,
            "is_data_center": rng.random() < 0.1,
            "time_zone": tz,
            "time_zone_offset": rng.choice(("+0100", "-0500", "+0900", "+0530")),
            "warnings": [],
        }],
        "reviews": [],
        "created_at": iso(T - rng.randint(60, 7200), rng),
    }
    for key in ("liveness_checks", "aml_screenings", "ip_analyses", "reviews", "callback"):
        if rng.random() < 0.2:
            del d[key]
    return d


def make_envelope(rng: random.Random, body_ts: int, n_hits: int) -> dict:
    session_id = new_uuid(rng)
    status = rng.choice(STATUSES)
    first, last = pick_name(rng)
    body = {
        "event_id": new_uuid(rng),
        "webhook_type": rng.choice(WEBHOOK_TYPES),
        "timestamp": body_ts,
        "created_at": body_ts - rng.randint(0, 3600),
        "application_id": new_uuid(rng),
        "session_id": session_id,
        "status": status,
        "workflow_id": new_uuid(rng),
        "vendor_data": rng.choice((f"user-{rng.randint(1, 10**6)}", new_uuid(rng), "")),
        "metadata": {"source": rng.choice(("web", "ios", "android")), "user_type": "individual"},
    }
    r = rng.random()
    if r < 0.12:  # minimal envelope (~200 B)
        for key in ("event_id", "application_id", "workflow_id", "metadata", "created_at"):
            if rng.random() < 0.7:
                del body[key]
    elif r < 0.85:
        body["decision"] = make_decision(rng, session_id, status, body_ts, first, last, n_hits)
    if rng.random() < 0.03:  # a Simple field missing ("" in the Simple message)
        del body[rng.choice(("session_id", "status", "webhook_type"))]
    if rng.random() < 0.5:  # insertion order differs from sorted order
        items = list(body.items())
        rng.shuffle(items)
        body = dict(items)
    return body


# ---- where traps go ----


def dict_slots(root, max_depth: int):
    """(parent, slot, dict, depth) for every object up to max_depth; the root has parent None."""
    found, stack = [], [(None, None, root, 0)]
    while stack:
        parent, slot, v, depth = stack.pop()
        if isinstance(v, dict):
            found.append((parent, slot, v, depth))
            children = v.items()
        elif isinstance(v, list):
            children = enumerate(v)
        else:
            continue
        if depth < max_depth:
            for k, x in children:
                if isinstance(x, (dict, list)):
                    stack.append((v, k, x, depth + (1 if isinstance(x, dict) else 0)))
    return found  # found[0] is the root


def insert_random(rng: random.Random, d: dict, key: str, value) -> None:
    """Insert key at a random insertion position (keeps d's identity and class)."""
    items = [(k, v) for k, v in d.items() if k != key]
    items.insert(rng.randint(0, len(items)), (key, value))
    d.clear()
    d.update(items)


def place(rng: random.Random, body: dict, key: str, payload) -> None:
    """Put a trap payload somewhere in the body: metadata, vendor_data, or a nested object."""
    r = rng.random()
    meta = body.get("metadata")
    if r < 0.35 and isinstance(meta, dict):
        insert_random(rng, meta, key, payload)
    elif r < 0.5 and "vendor_data" in body:
        body["vendor_data"] = payload
    elif r < 0.6:
        insert_random(rng, body, key if key not in RESERVED_TOP else key + "_", payload)
    else:
        slots = [s for s in dict_slots(body, 4) if s[0] is not None]
        if not slots:
            insert_random(rng, body, key, payload)
            return
        insert_random(rng, rng.choice(slots)[2], key, payload)


def random_scalar(rng: random.Random):
    return rng.choice((
        rng.randint(-1000, 1000), round(rng.uniform(-100, 100), 2), True, False, None,
        "value", "", f"v{rng.randint(0, 99)}", 0, 1.0,
    ))


def mix_into(rng, d: dict, pairs) -> dict:
    items = list(d.items()) + list(pairs)
    rng.shuffle(items)
    return dict(items)


# ---- traps ----

INT_KEYS = ["1", "2", "10", "0", "4294967294", "4294967295", "-1", "01", "4294967296",
            "9007199254740993", "00", "1.5", "1e3", " 1"]
BIG_INTS = [2**53 + 1, 2**53, 2**53 - 1, 2**63, 2**63 - 1, -(2**63), 2**64, 2**64 - 1,
            -(2**64) - 5, 10**39 + 7, -(10**40 - 1), int("1234567890" * 4), 99999999999999999999]
SMALL_FLOATS = [1e-05, 2.5e-10, 0.0001, 0.00012345, 5e-324, -1.5e-7, 1e-7, 0.001,
                2.2250738585072014e-308, 2.2250738585072009e-308, 9.999999999999999e-05, -5e-324,
                1e-300, 0.000123456789]
LARGE_WHOLE = [1e16, 1e21, 1e22, 1e23, 1.5e300, 1.7976931348623157e308, -1.7976931348623157e308,
               123456789012345678.0, 92.0, -0.0, 0.0, 100.0, 1e15, 9007199254740993.0, 2.0**63,
               -1e17, 4.0, -3.0, 9.999999999999998e22, 5e-1 * 4]
FLOAT_TEXTS = ["1E2", "1e2", "1E+2", "92.000", "-0.0E0", "10e1", "1.0", "0.0e5", "2.5e1", "1e22"]
MANY_DIGITS = [0.1, 0.7034920634920635, 97.99, 1.0000000000000002, 123456789012345.6,
               0.30000000000000004, 1 / 3, math.pi, math.e, -97.5, 1234567.891, 0.2,
               4503599627370495.5, 9007199254740991.0 / 3, 1.7976931348623157e-300 * 1e10,
               2.675, 1.005, 0.5, 99.99999999999999]
UNICODE_KEYS = ["\uff61", "\ue000", "\U0001F600", "\U0001F4A9", "\uffff", "\ufb01", "\U00010000",
                "\U0010FFFF", "a", "Z", "é", "e\u0301", "中文", "日本語", "\u2028", "\u2029",
                "\x7f", "\u200b", "\ufeff", "ß", "ss", "Ω", "\u00ff", "\u0100", "\ud7ff",
                "\U0001F1FA\U0001F1F8", "key\u200dzwj"]
UNICODE_VALUES = ["José Müller", "Zoë Ørsted", "北京市朝阳区建国路88号", "naïve café",
                  "e\u0301 (combining)", "line\u2028sep\u2029para", "del\x7fchar",
                  "zero\u200bwidth\u200djoiner\ufeff", "😀💩🇺🇸", "\ue000\uf8ff private",
                  "\uffff\ufffe", "Ελληνικά", "עברית", "한국어", "\U0010FFFF", "Ǆ ǅ ǆ",
                  "a\u0300\u0301\u0302\u0303", "\u00a0nbsp\u00a0", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"]
ESCAPE_STRINGS = ['say "hi"', "back\\slash", "a/b</script>", "\b\f\n\r\t",
                  "".join(chr(i) for i in range(32)), "nul\x00byte", "tab\tsep\nnew",
                  "\x1f\x1e\x0b", "\\u0041 literally", '\\"', '"', "\\", "/", "//comment",
                  "C:\\path\\to\\file", "https://example.com/a/b?c=d&e=f", "\r\n", "end\\"]
ESCAPE_KEYS = ["key\nwith\nnewline", '"quoted"', "a\\b", "\x00", "tab\tkey", "/slash/",
               "\x1f", "\u2028"]


def trap_int_like_keys(rng, body):
    for _ in range(rng.randint(1, 3)):
        keys = rng.sample(INT_KEYS, rng.randint(3, len(INT_KEYS)))
        normal = [("name", "x"), ("a", 1), ("z", 2), ("b10", 3), ("key", None)]
        d = mix_into(rng, {}, [(k, random_scalar(rng)) for k in keys] + rng.sample(normal, 2))
        place(rng, body, rng.choice(("counters", "by_index", "steps")), d)
    meta = body.get("metadata")
    if isinstance(meta, dict):
        for k in rng.sample(INT_KEYS, 3):
            insert_random(rng, meta, k, rng.randint(0, 9))


def trap_big_ints(rng, body):
    values = rng.sample(BIG_INTS, rng.randint(3, 8)) + [NegZero()] * rng.randint(0, 2)
    values.append(rng.randrange(10**39, 10**40) * rng.choice((1, -1)))
    if rng.random() < 0.15:
        values.append(rng.randrange(10**299, 10**300))
    rng.shuffle(values)
    if rng.random() < 0.5:
        place(rng, body, "amounts", values)
    else:
        place(rng, body, "amounts", {f"n{i}": v for i, v in enumerate(values)})
    dec = body.get("decision")
    if isinstance(dec, dict) and rng.random() < 0.5:
        dec["session_number"] = rng.choice((2**53 + 1, 2**63, NegZero(), -(2**64) - 5))


def _float_payload(rng, pool, extra):
    values = rng.sample(pool, rng.randint(3, min(8, len(pool)))) + extra
    rng.shuffle(values)
    return values if rng.random() < 0.5 else {f"f{i}": v for i, v in enumerate(values)}


def _set_scores(rng, body, pool):
    dec = body.get("decision")
    if not isinstance(dec, dict):
        return
    for key in ("face_matches", "liveness_checks", "aml_screenings"):
        for item in dec.get(key, []):
            if rng.random() < 0.6:
                item["score"] = rng.choice(pool)


def trap_small_floats(rng, body):
    extra = [rng.random() * 10.0 ** -rng.randint(4, 20) for _ in range(2)]
    place(rng, body, "tiny", _float_payload(rng, SMALL_FLOATS, extra))
    _set_scores(rng, body, SMALL_FLOATS)


def trap_large_whole_floats(rng, body):
    extra = [FloatText(rng.choice(FLOAT_TEXTS)) for _ in range(rng.randint(1, 3))]
    extra.append(float(rng.randint(0, 10**6)) * 10.0 ** rng.randint(0, 25))
    place(rng, body, "whole", _float_payload(rng, LARGE_WHOLE, extra))
    _set_scores(rng, body, LARGE_WHOLE + [100.0, 0.0, 50.0])


def trap_many_digit_floats(rng, body):
    extra = [rng.uniform(-1e6, 1e6), rng.random(), round(rng.random() * 100, 2)]
    place(rng, body, "precise", _float_payload(rng, MANY_DIGITS, extra))
    _set_scores(rng, body, MANY_DIGITS)


def trap_unicode(rng, body):
    keys = rng.sample(UNICODE_KEYS, rng.randint(4, len(UNICODE_KEYS)))
    d = mix_into(rng, {}, [(k, rng.choice(UNICODE_VALUES)) for k in keys])
    place(rng, body, rng.choice(("labels", "i18n", "名前")), d)
    if rng.random() < 0.5:
        place(rng, body, "notes", rng.sample(UNICODE_VALUES, 4))
    dec = body.get("decision")
    if isinstance(dec, dict):
        for idv in dec.get("id_verifications", []):
            first, last = rng.choice(UNICODE_NAMES)
            idv.update(first_name=first, last_name=last, full_name=f"{first} {last}")
    if rng.random() < 0.4:
        body["vendor_data"] = rng.choice(UNICODE_VALUES)


def trap_escapes(rng, body):
    keys = rng.sample(ESCAPE_KEYS, rng.randint(2, 5)) + ["plain"]
    d = mix_into(rng, {}, [(k, rng.choice(ESCAPE_STRINGS)) for k in keys])
    place(rng, body, "escapes", d)
    place(rng, body, "raw_text", "".join(rng.sample(ESCAPE_STRINGS, 5)))
    if rng.random() < 0.4:
        body["vendor_data"] = rng.choice(ESCAPE_STRINGS)


def trap_deep_nesting(rng, body):
    depth = rng.randint(150, 197) if rng.random() < 0.4 else rng.randint(10, 120)
    v = rng.choice(({}, [], "bottom", 0, None, 1.5, {"end": True}, [1, 2.0]))
    levels = 1 if isinstance(v, (dict, list)) else 0
    while levels < depth:
        r = rng.random()
        if r < 0.35:
            v = [v]
        elif r < 0.7:
            v = {"k": v}
        elif r < 0.85:
            v = {"a": 1, "nested": v, "z": [None]}
        else:
            v = [0, v, "x"]
        levels += 1
    meta = body.get("metadata")
    if isinstance(meta, dict):  # metadata is level 2: total depth <= 2 + 197 + 1 (z list) < 201
        insert_random(rng, meta, "deep", v)
    else:
        insert_random(rng, body, "deep", v)


def trap_empty_and_literals(rng, body):
    pool = [("empty_obj", {}), ("empty_arr", []), ("nested_empty", [[], {}, [[]], [{}], {"": {}}]),
            ("t", True), ("f", False), ("n", None), ("list", [True, False, None, 0, "", 0.0]),
            ("", ""), ("zero", 0), ("obj_of_empty", {"a": {}, "b": [], "c": ""})]
    place(rng, body, "literals", dict(rng.sample(pool, rng.randint(3, len(pool)))))
    r = rng.random()
    if r < 0.2:
        body["metadata"] = {}
    elif r < 0.3:
        body["metadata"] = None
    elif r < 0.4:
        body["vendor_data"] = None
    dec = body.get("decision")
    if isinstance(dec, dict) and rng.random() < 0.5:
        dec["reviews"] = []
        dec["metadata"] = {}


def trap_long_strings(rng, body):
    for _ in range(rng.randint(1, 2)):
        n = rng.randint(9000, 11000)
        alphabet = "abcdefghij KLMNOP 0123456789.,-"
        if rng.random() < 0.5:
            alphabet += "é中😀\n\t\"\\/\u2028"
        s = "".join(rng.choices(alphabet, k=n))
        place(rng, body, rng.choice(("blob", "document_text", "log")), s)


def trap_shared_prefix_keys(rng, body):
    base = rng.choice(("a" * rng.randint(20, 200), "verification_result_" * 3, "key"))
    suffixes = ["", "a", "b", "0", "_", "aa", " ", "é", "\U0001F600", "\uffff", "\ue000", "A", "~"]
    keys = [base + s for s in rng.sample(suffixes, rng.randint(4, len(suffixes)))]
    keys.append(base[:-1])
    d = mix_into(rng, {}, [(k, random_scalar(rng)) for k in keys])
    place(rng, body, "prefixed", d)


def _decoy_for(rng, key, real, body_ts):
    if key == "timestamp":
        return rng.choice((body_ts + rng.choice((1, -1, 3600)), str(body_ts), body_ts + 0.5))
    if key == "status":
        return rng.choice([s for s in STATUSES if s != real])
    if key in ("session_id", "webhook_type"):
        return rng.choice(("", "decoy", new_uuid(rng)))
    return rng.choice((random_scalar(rng), {"decoy": True}, ["decoy"], "decoy", real))


def trap_duplicate_keys(rng, body, body_ts):
    """Apply last: replaces some objects (maybe the root) by DupDict copies. Returns the root."""
    slots = dict_slots(body, 5)
    chosen = rng.sample(slots, min(len(slots), rng.randint(1, 4)))
    if rng.random() < 0.5 and not any(c[2] is body for c in chosen):
        chosen.append(slots[0])  # the root (Simple fields / timestamp decoys)
    # Deepest first: a parent copied later then already holds its children's DupDict copies.
    chosen.sort(key=lambda c: -c[3])
    root = body
    for parent, slot, d, _depth in chosen:
        if not d:
            continue
        dup = d if isinstance(d, DupDict) else DupDict(d)
        for key in rng.sample(list(dup.keys()), min(len(dup), rng.randint(1, 3))):
            dup.decoys[key] = [_decoy_for(rng, key, dup[key], body_ts)
                               for _ in range(rng.choice((1, 1, 2)))]
        if parent is None:
            root = dup
        else:
            parent[slot] = dup
    return root


BODY_TRAPS = {
    "plain": (None, 8),
    "int-like-keys": (trap_int_like_keys, 8),
    "big-ints": (trap_big_ints, 8),
    "small-floats": (trap_small_floats, 8),
    "large-whole-floats": (trap_large_whole_floats, 8),
    "many-digit-floats": (trap_many_digit_floats, 8),
    "unicode": (trap_unicode, 10),
    "escapes": (trap_escapes, 8),
    "duplicate-keys": (None, 8),  # handled by trap_duplicate_keys (needs the root)
    "deep-nesting": (trap_deep_nesting, 5),
    "empty-and-literals": (trap_empty_and_literals, 5),
    "long-strings": (trap_long_strings, 3),
    "shared-prefix-keys": (trap_shared_prefix_keys, 5),
    "mixed": (None, 10),
    "large-body": (None, 1),
}
MIXABLE = [name for name, (fn, _w) in BODY_TRAPS.items() if fn is not None]


def make_body(rng: random.Random, body_ts: int, trap: str):
    n_hits = rng.randint(45, 65) if trap == "large-body" else rng.choice((0, 0, 1, 2, 3, 5))
    body = make_envelope(rng, body_ts, n_hits)
    if trap == "large-body" and "decision" not in body:
        first, last = pick_name(rng)
        body["decision"] = make_decision(rng, body.get("session_id", ""), "In Review",
                                         body_ts, first, last, n_hits)
        body["decision"].setdefault("aml_screenings", [{"hits": []}])
        body["decision"]["aml_screenings"][0]["hits"] = [
            make_aml_hit(rng, first, last, body_ts) for _ in range(n_hits)]
    if trap == "mixed":
        for name in rng.sample(MIXABLE, rng.randint(2, 4)):
            BODY_TRAPS[name][0](rng, body)
        if rng.random() < 0.4:
            body = trap_duplicate_keys(rng, body, body_ts)
    elif trap == "duplicate-keys":
        body = trap_duplicate_keys(rng, body, body_ts)
    elif BODY_TRAPS[trap][0] is not None:
        BODY_TRAPS[trap][0](rng, body)
    return body


# --------------------------------------------------------------------------------------------
# Checking a body: Python accepts it and it means exactly the intended value
# --------------------------------------------------------------------------------------------


class BodyBug(AssertionError):
    """A spelling changed the data: a bug in this generator, never silently dropped."""


@dataclass
class CheckedBody:
    raw: bytes
    parsed: object
    canon: bytes
    canon_ascii: bytes


def try_canonical(raw: bytes) -> tuple[object, bytes, bytes] | None:
    """Parsed value and both canonical forms, or None if Python cannot canonicalize raw."""
    try:
        parsed = json.loads(raw)
        return parsed, canonical(raw, False), canonical(raw, True)
    except (ValueError, UnicodeError, RecursionError):
        return None


def check_body(raw: bytes, intended) -> CheckedBody | None:
    got = try_canonical(raw)
    if got is None:
        return None
    parsed, canon, canon_ascii = got
    # Same Python types and values (json.dumps distinguishes 1 / 1.0 / -0.0, and NaN is absent).
    if json.dumps(parsed, sort_keys=True) != json.dumps(intended, sort_keys=True):
        raise BodyBug(f"parsed value differs from the intended value: {raw[:200]!r}")
    expected = json.dumps(shorten_floats(intended), sort_keys=True, separators=(",", ":"),
                          ensure_ascii=False).encode("utf-8")
    if canon != expected:
        raise BodyBug(f"canonical bytes differ from the intended value's: {raw[:200]!r}")
    return CheckedBody(raw, parsed, canon, canon_ascii)


# --------------------------------------------------------------------------------------------
# Tampering (negative cases): the canonical data must change, the timestamp must not
# --------------------------------------------------------------------------------------------

TAMPER_KINDS = ["tampered-value", "tampered-add-key", "tampered-remove-key",
                "tampered-raw-digit", "tampered-raw-char"]


def _walk(tree):
    """(container, slot, value) for every value below the root."""
    out, stack = [], [tree]
    while stack:
        c = stack.pop()
        items = c.items() if isinstance(c, dict) else enumerate(c)
        for k, v in items:
            out.append((c, k, v))
            if isinstance(v, (dict, list)):
                stack.append(v)
    return out


def _changed_scalar(rng, v):
    if isinstance(v, bool):
        return not v
    if v is None:
        return rng.choice((False, 0, ""))
    if isinstance(v, int):
        return v + rng.choice((1, -1, 10, 7 * 10**rng.randint(0, 20)))
    if isinstance(v, float):
        return rng.choice((v / 2 + 0.25, v * 0.75 + 1.0, -v + 1.5, 0.5))
    if isinstance(v, str):
        if not v:
            return "x"
        i = rng.randrange(len(v))
        return v[:i] + rng.choice("aZ7é😀 ") + v[i + 1:]
    return "tampered"


def tamper_data(rng, tree, kind: str) -> bool:
    """Mutate a parsed (plain) tree in place; False if nothing suitable was found."""
    entries = [e for e in _walk(tree) if not (e[0] is tree and e[1] == "timestamp")]
    if kind == "tampered-value":
        leaves = [e for e in entries if not isinstance(e[2], (dict, list))]
        if not leaves:
            return False
        c, k, v = rng.choice(leaves)
        c[k] = _changed_scalar(rng, v)
    elif kind == "tampered-add-key":
        dicts = [tree] + [e[2] for e in entries if isinstance(e[2], dict)]
        d = rng.choice(dicts)
        key = rng.choice(("tampered", "is_admin", "1", "amount", "é", "status_"))
        if key in d:
            return False
        d[key] = rng.choice((True, 1, "x", None, 0.5))
    elif kind == "tampered-remove-key":
        keyed = [e for e in entries if isinstance(e[0], dict)]
        if not keyed:
            return False
        c, k, _v = rng.choice(keyed)
        del c[k]
    else:
        raise ValueError(kind)
    return True


def tamper_raw(rng, raw: bytes, kind: str) -> bytes:
    """Change one ASCII digit or letter in the raw bytes (never part of a UTF-8 sequence)."""
    wanted = b"0123456789" if kind == "tampered-raw-digit" else (
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
    positions = [i for i, b in enumerate(raw) if b in wanted]
    if not positions:
        return raw
    i = rng.choice(positions)
    new = rng.choice([bytes([b]) for b in wanted if b != raw[i]])
    return raw[:i] + new + raw[i + 1:]


def make_tampered(rng, body: CheckedBody, spelling: Spelling, header_ts: int, kind: str):
    """A tampered body that is valid JSON, keeps timestamp == header_ts, changes the canonical."""
    for _ in range(25):
        if kind.startswith("tampered-raw"):
            raw = tamper_raw(rng, body.raw, kind)
        else:
            tree = json.loads(body.raw)
            if not tamper_data(rng, tree, kind):
                continue
            try:
                raw = serialize(tree, spelling, rng)
            except UnicodeError:
                continue
        got = try_canonical(raw)
        if got is None:
            continue
        parsed, canon, canon_ascii = got
        if canon == body.canon or not isinstance(parsed, dict):
            continue
        ts = parsed.get("timestamp")
        if type(ts) is not int or ts != header_ts:
            continue
        return CheckedBody(raw, parsed, canon, canon_ascii)
    return None


# --------------------------------------------------------------------------------------------
# Secrets, signatures and cases
# --------------------------------------------------------------------------------------------

SECRET_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def new_secret(rng: random.Random) -> str:
    s = "".join(rng.choice(SECRET_CHARS) for _ in range(rng.randint(24, 64)))
    if rng.random() < 0.03:  # secrets are UTF-8 encoded
        i = rng.randrange(len(s))
        s = s[:i] + rng.choice(("é", "🔑", "ß")) + s[i:]
    return s


def garbage_sig(rng: random.Random) -> str:
    return f"{rng.getrandbits(256):064x}"


@dataclass
class Sigs:
    v2: str
    v2_ascii: str
    v1: str
    simple: str


def sign(secret: str, body: CheckedBody, header_ts: int) -> Sigs:
    return Sigs(
        v2=hmac_hex(secret, body.canon),
        v2_ascii=hmac_hex(secret, body.canon_ascii),
        v1=hmac_hex(secret, body.raw),
        simple=hmac_hex(secret, simple_message(header_ts, body.parsed)),
    )


def build_headers(ts: str | None, v2=None, v1=None, simple=None) -> dict:
    h = {}
    for name, value in (("X-Timestamp", ts), ("X-Signature-V2", v2), ("X-Signature", v1),
                        ("X-Signature-Simple", simple)):
        if value is not None:
            h[name] = value
    return h


def absent_or_garbage(rng, p_absent: float = 0.5):
    return None if rng.random() < p_absent else garbage_sig(rng)


def fresh_now(rng: random.Random, header_ts: int) -> int:
    if rng.random() < 0.06:
        return header_ts + rng.choice((-TOLERANCE, TOLERANCE))  # inclusive bounds
    return header_ts + rng.randint(-TOLERANCE, TOLERANCE)


def b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


POSITIVE_VARIANTS = [("v2", 50), ("v2-ascii", 18), ("v1", 17), ("simple", 15)]
NEGATIVE_VARIANTS = [("tampered", 30), ("wrong-secret", 10), ("truncated-signature", 10),
                     ("simple-not-allowed", 8), ("stale", 9), ("future", 8),
                     ("timestamp-mismatch", 8), ("timestamp-missing", 6),
                     ("timestamp-invalid", 5), ("signature-missing", 6), ("created-at-replay", 6)]


def weighted(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def positive_case(rng, body: CheckedBody, T: int) -> dict:
    """Headers, secrets, clock and expectation for a delivery that must verify."""
    variant = weighted(rng, POSITIVE_VARIANTS)
    right = new_secret(rng)
    s = sign(right, body, T)
    allow_simple = rng.random() < 0.5
    if variant == "v2":
        v1 = rng.choices((s.v1, None, garbage_sig(rng)), weights=(7, 2, 1))[0]
        headers = build_headers(str(T), s.v2, v1, s.simple if rng.random() < 0.6 else None)
        method = "v2"
    elif variant == "v2-ascii":
        # V1 absent or wrong, so the result does not depend on where V1 sits in the order.
        headers = build_headers(str(T), s.v2_ascii, absent_or_garbage(rng),
                                s.simple if rng.random() < 0.4 else None)
        method = "v2-ascii" if body.canon_ascii != body.canon else "v2"
    elif variant == "v1":
        r = rng.random()
        v2 = None if r < 0.5 else garbage_sig(rng) if r < 0.85 else sign(new_secret(rng), body, T).v2
        headers = build_headers(str(T), v2, s.v1, s.simple if rng.random() < 0.5 else None)
        method = "v1"
    else:
        headers = build_headers(str(T), absent_or_garbage(rng), absent_or_garbage(rng), s.simple)
        allow_simple = True
        method = "simple"
    if rng.random() < 0.1:  # hex case must not matter
        for name in ("X-Signature-V2", "X-Signature", "X-Signature-Simple"):
            if name in headers:
                headers[name] = headers[name].upper()
    secrets, index = [right], 0
    if rng.random() < 0.2:  # rotation: the old secret first, the right one second
        secrets, index = [new_secret(rng), right], 1
    return {
        "headers": headers, "secrets": secrets, "now": fresh_now(rng, T),
        "allow_simple": allow_simple,
        "expect": {"ok": True, "method": method, "secret_index": index, "timestamp": T},
    }


def correct_headers(rng, s: Sigs, T: int) -> dict:
    """A genuine delivery's headers, with V1 / Simple sometimes left out."""
    return build_headers(str(T), s.v2, s.v1 if rng.random() < 0.8 else None,
                         s.simple if rng.random() < 0.6 else None)


def negative_case(rng, variant: str, body: CheckedBody, T: int):
    """Headers, secrets, clock and the error code; returns (fields, body_to_emit) or None."""
    right = new_secret(rng)
    s = sign(right, body, T)
    secrets = [right]
    allow_simple = rng.random() < 0.5
    now = fresh_now(rng, T)
    code = "ERR_WEBHOOK_SIGNATURE_MISMATCH"
    headers = correct_headers(rng, s, T)
    if variant == "wrong-secret":
        secrets = [new_secret(rng)] if rng.random() < 0.6 else [new_secret(rng), new_secret(rng)]
    elif variant == "truncated-signature":
        n = rng.choice((63, 32))
        for name in ("X-Signature-V2", "X-Signature", "X-Signature-Simple"):
            if name in headers:
                headers[name] = headers[name][:n]
    elif variant == "simple-not-allowed":
        headers = build_headers(str(T), absent_or_garbage(rng), absent_or_garbage(rng), s.simple)
        allow_simple = False
    elif variant == "stale":
        now = T + (TOLERANCE + 1 if rng.random() < 0.2 else rng.randint(TOLERANCE + 1, 100000))
        code = "ERR_WEBHOOK_TIMESTAMP_STALE"
    elif variant == "future":
        now = T - (TOLERANCE + 1 if rng.random() < 0.2 else rng.randint(TOLERANCE + 1, 100000))
        code = "ERR_WEBHOOK_TIMESTAMP_FUTURE"
    elif variant == "timestamp-mismatch":
        # The body was built with timestamp != T by the caller; everything is signed correctly.
        now = T + rng.randint(-200, 200)
        code = "ERR_WEBHOOK_TIMESTAMP_MISMATCH"
    elif variant == "timestamp-missing":
        del headers["X-Timestamp"]
        code = "ERR_WEBHOOK_TIMESTAMP_MISSING"
    elif variant == "timestamp-invalid":
        headers["X-Timestamp"] = rng.choice(("abc", "12.5", f"{T}.5", f"{T}x"))
        code = "ERR_WEBHOOK_TIMESTAMP_INVALID"
    elif variant == "signature-missing":
        headers = build_headers(str(T))
        code = "ERR_WEBHOOK_SIGNATURE_MISSING"
    elif variant == "created-at-replay":
        # The body's only signed time is an old `created_at` (no `timestamp`, or null); genuine
        # V2 and V1 with a fresh X-Timestamp: the header disagrees with the signed time.
        headers = build_headers(str(T), s.v2, s.v1, s.simple if rng.random() < 0.6 else None)
        code = "ERR_WEBHOOK_TIMESTAMP_MISMATCH"
    else:
        raise ValueError(variant)
    fields = {"headers": headers, "secrets": secrets, "now": now, "allow_simple": allow_simple,
              "expect": {"ok": False, "code": code}}
    return fields, body


def tampered_case(rng, kind: str, body: CheckedBody, spelling: Spelling, T: int):
    """Sign the original, deliver a tampered body with the original headers."""
    right = new_secret(rng)
    s = sign(right, body, T)
    tampered = make_tampered(rng, body, spelling, T, kind)
    if tampered is None:
        return None
    headers = correct_headers(rng, s, T)
    same_simple = simple_message(T, tampered.parsed) == simple_message(T, body.parsed)
    # If the Simple fields survived, an allowed Simple header would (rightly) still verify.
    allow_simple = False if same_simple else rng.random() < 0.5
    fields = {"headers": headers, "secrets": [right], "now": fresh_now(rng, T),
              "allow_simple": allow_simple,
              "expect": {"ok": False, "code": "ERR_WEBHOOK_SIGNATURE_MISMATCH"}}
    return fields, tampered


def make_case(rng: random.Random, index: int) -> dict | None:
    T = rng.randint(1_600_000_000, 1_900_000_000)
    kind = "positive" if rng.random() < 0.8 else "negative"
    variant = weighted(rng, NEGATIVE_VARIANTS) if kind == "negative" else None
    if variant == "tampered":
        variant = rng.choice(TAMPER_KINDS)
    body_ts = T + rng.choice((1, 1, 1, -1, 2, 59, -3600)) if variant == "timestamp-mismatch" else T
    body_trap = weighted(rng, [(name, w) for name, (_fn, w) in BODY_TRAPS.items()])
    spelling = weighted(rng, SPELLINGS)
    intended = make_body(rng, body_ts, body_trap)
    # The signed time may be `created_at` alone (`timestamp` absent or null): genuine when it is
    # T, a replay when it is old (the verifier binds X-Timestamp to it).
    created_at_only = variant == "created-at-replay" or (kind == "positive" and rng.random() < 0.06)
    if created_at_only:
        if type(intended) is not dict or "timestamp" not in intended:
            return None
        if rng.random() < 0.5:
            del intended["timestamp"]
        else:
            intended["timestamp"] = None
        intended["created_at"] = T - rng.randint(TOLERANCE + 1, 30 * 86400) if kind == "negative" else T
    try:
        raw = serialize(intended, spelling, rng)
    except UnicodeError:
        return None  # e.g. a lone surrogate: Python could not sign it either
    if len(raw) > MAX_BODY_BYTES:
        return None  # e.g. 200 levels pretty-printed: keep bodies near Didit's sizes
    body = check_body(raw, intended)
    if body is None:
        return None
    if kind == "positive":
        fields, emitted, trap = positive_case(rng, body, T), body, body_trap
        case_id = f"pos-{index:05d}-{body_trap}-{spelling.name}"
    else:
        if variant.startswith("tampered"):
            got = tampered_case(rng, variant, body, spelling, T)
        else:
            got = negative_case(rng, variant, body, T)
        if got is None:
            return None
        fields, emitted = got
        trap = variant
        case_id = f"neg-{index:05d}-{variant}-{body_trap}-{spelling.name}"
    case = {"id": case_id, "kind": kind, "trap": trap, "body_b64": b64(emitted.raw)}
    case.update(fields)
    case["canonical_b64"] = b64(emitted.canon)
    case["canonical_ascii_b64"] = b64(emitted.canon_ascii)
    return case


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def summary(cases_written: int, dropped: int, kinds: Counter, traps: Counter,
            outcomes: Counter, seconds: float, out: str, seed: int) -> str:
    def fmt(counter: Counter) -> str:
        return " ".join(f"{k}={v}" for k, v in sorted(counter.items()))

    return (f"gen_cases: {cases_written} cases -> {out} (seed {seed}, {seconds:.1f}s, "
            f"{dropped} dropped) | kind: {fmt(kinds)} | trap: {fmt(traps)} | "
            f"expect: {fmt(outcomes)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="output JSON-lines file")
    ap.add_argument("--count", type=int, default=12000, help="number of cases (default 12000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = ap.parse_args(argv)

    started = time.monotonic()
    rng = random.Random(args.seed)
    kinds, traps, outcomes = Counter(), Counter(), Counter()
    written = dropped = 0
    with open(args.out, "w", encoding="ascii", newline="\n") as f:
        while written < args.count:
            case = make_case(rng, written)
            if case is None:
                dropped += 1
                continue
            f.write(json.dumps(case, ensure_ascii=True, separators=(",", ":")) + "\n")
            written += 1
            kinds[case["kind"]] += 1
            traps[case["trap"]] += 1
            exp = case["expect"]
            outcomes[exp["method"] if exp["ok"] else exp["code"]] += 1
    print(summary(written, dropped, kinds, traps, outcomes, time.monotonic() - started,
                  args.out, args.seed), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
