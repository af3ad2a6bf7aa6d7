#!/usr/bin/env python3
"""Generate samples/deliveries.json: realistic Didit webhook deliveries for examples/demo.mjs.

    python3 samples/make_samples.py           rewrite samples/deliveries.json
    python3 samples/make_samples.py --check   exit 1 if the committed file differs

Stdlib only. The signatures are computed here with Python's own json and hmac, exactly as
Didit's Python server computes them (not with didit-kit), so the demo checks the package
against an independent signer:

    raw body        json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    canonical       json.dumps(shorten_floats(json.loads(raw)), sort_keys=True,
                               separators=(",", ":"), ensure_ascii=False).encode()
    X-Signature-V2  HMAC-SHA256(secret, canonical)
    X-Signature     HMAC-SHA256(secret, raw body bytes)
    X-Signature-Simple  HMAC-SHA256(secret, f"{ts}:{session_id}:{status}:{webhook_type}")
    X-Timestamp     str(ts)

Everything is fixed (ids are derived from names, times from NOW), so the output is
byte-for-byte reproducible. The secrets are demo values, not real credentials.
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import re
import sys
import uuid
from decimal import Decimal
from pathlib import Path
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "python"))
from didit_reference import canonical, hmac_hex  # noqa: E402  (the one Python reference signer)

OUT = Path(__file__).resolve().with_name("deliveries.json")

# A 43-character URL-safe secret, the shape of Didit's webhook secret keys (demo value only).
SECRET = "VThtpx2Rxja0bxfDaEPvMMeorRBZYjpu_KBkdiXqvrM"
# Another application's secret (say, the staging app's), for the wrong-secret delivery.
OTHER_SECRET = "69h99yFJqpORD0vkBh1gNO6nqnu3A98mTTDSKUGJWtM"
# The demo's clock: 2026-03-31T15:13:20Z.
NOW = 1774970000
TOLERANCE = 300  # Didit's documented freshness window, seconds

USER_AGENT = "DiditWebhook/2.0 +https://didit.me"


# --- Didit's signer ---------------------------------------------------------------------------

def didit_body(payload: dict) -> str:
    """The raw body Didit sends: compact, sorted keys, non-ASCII escaped."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def sign(raw: str, secret: str) -> dict:
    """The headers Didit sends with `raw` (the timestamp is the body's signed time: `timestamp`,
    else `created_at`)."""
    p = json.loads(raw)
    ts = p["timestamp"] if p.get("timestamp") is not None else p["created_at"]
    simple = f"{ts}:{p.get('session_id', '')}:{p.get('status', '')}:{p.get('webhook_type', '')}"
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Timestamp": str(ts),
        "X-Signature-V2": hmac_hex(secret, canonical(raw)),
        "X-Signature": hmac_hex(secret, raw.encode()),
        "X-Signature-Simple": hmac_hex(secret, simple.encode()),
    }


# --- What a JavaScript framework does to a body: JSON.stringify(JSON.parse(raw)) ----------------

_INDEX_KEY = re.compile(r"0|[1-9][0-9]*")


def _js_number(x) -> str:
    """Number.prototype.toString for the values used here (shortest round-trip digits)."""
    if isinstance(x, int):
        if abs(x) > 2**53:
            raise ValueError(f"{x} is not exact in a JS number; keep it out of re-serialised bodies")
        return str(x)
    if x == 0:
        return "0"
    sign_ = "-" if x < 0 else ""
    digits_t, exp = Decimal(repr(abs(x))).as_tuple()[1:]
    digits = "".join(map(str, digits_t)).rstrip("0") or "0"
    exp += len("".join(map(str, digits_t))) - len(digits)
    k, n = len(digits), exp + len(digits)  # value = 0.digits * 10**n
    if k <= n <= 21:
        return sign_ + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign_ + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign_ + "0." + "0" * -n + digits
    e = n - 1
    mant = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign_}{mant}e{'+' if e >= 0 else '-'}{abs(e)}"


def js_stringify(v) -> str:
    """JSON.stringify of a JSON.parse result: integer-like keys first in numeric order, then the
    others in source order; numbers as JS prints them; non-ASCII left raw."""
    if v is None:
        return "null"
    if v is True or v is False:
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return _js_number(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ",".join(js_stringify(x) for x in v) + "]"
    index = sorted((k for k in v if _INDEX_KEY.fullmatch(k) and int(k) < 2**32 - 1), key=int)
    rest = [k for k in v if k not in set(index)]
    return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + js_stringify(v[k])
                          for k in index + rest) + "}"


# --- Realistic v3 envelopes -----------------------------------------------------------------

def uid(name: str) -> str:
    """A fixed, v4-shaped UUID derived from a name."""
    return str(uuid.UUID(bytes=hashlib.sha256(b"didit-kit demo/" + name.encode()).digest()[:16], version=4))


APPLICATION_ID = uid("application")
KYC_WORKFLOW_ID = uid("workflow/kyc")
KYB_WORKFLOW_ID = uid("workflow/kyb")

DEFAULT_PERSON = {
    "first_name": "Emma", "last_name": "Clarke", "document_type": "Passport",
    "document_number": "533380006", "date_of_birth": "1991-04-17", "nationality": "GBR",
    "issuing_state": "GBR", "place_of_birth": "Leeds", "gender": "F",
    "address": "14 Albion Street, Leeds LS1 6HX",
}


def warning(risk: str, text: str) -> dict:
    return {"risk": risk, "log_type": "error", "short_description": text,
            "long_description": text + ".", "additional_data": None}


def kyc_decision(session_id: str, status: str, person: dict, *, face_score=92.0,
                 aml_hits: list | None = None, vendor_data: str, metadata: dict) -> dict:
    declined = status == "Declined"
    face_status = "Declined" if declined else "Approved"
    aml_status = "In Review" if aml_hits else "Approved"
    full_name = f"{person['first_name']} {person['last_name']}"
    return {
        "session_id": session_id,
        "session_number": 40000 + int(session_id[:4], 16) % 9000,
        "session_url": f"https://verify.didit.me/session/{session_id}",
        "status": status,
        "workflow_id": KYC_WORKFLOW_ID,
        "features": ["ID_VERIFICATION", "LIVENESS", "FACE_MATCH", "AML"],
        "vendor_data": vendor_data,
        "metadata": metadata,
        "callback": "https://app.example.com/kyc/done",
        "created_at": "2026-03-31T15:05:12.418392Z",
        "id_verifications": [{
            "node_id": "feature_ocr", "status": "Approved",
            **{k: person[k] for k in ("document_type", "document_number", "first_name", "last_name")},
            "full_name": full_name,
            **{k: person[k] for k in ("date_of_birth", "nationality", "issuing_state",
                                      "place_of_birth", "gender", "address")},
            "age": 34, "expiration_date": "2033-02-08",
            "front_image": f"https://service-didit-verification.s3.amazonaws.com/{session_id}/front.jpg",
            "warnings": [],
        }],
        "liveness_checks": [{
            "node_id": "feature_liveness", "status": "Approved", "method": "PASSIVE",
            "score": 89.92, "age_estimation": 33.6, "warnings": [],
        }],
        "face_matches": [{
            "node_id": "feature_face", "status": face_status, "score": face_score,
            "warnings": [warning("LOW_FACE_MATCH_SIMILARITY", "The selfie does not match the document photo")]
            if declined else [],
        }],
        "aml_screenings": [{
            "node_id": "feature_aml", "status": aml_status, "total_hits": len(aml_hits or []),
            "score": 70.35 if aml_hits else 0.0, "hits": aml_hits or [],
            "screened_data": {"full_name": full_name, "date_of_birth": person["date_of_birth"],
                              "nationality": person["nationality"]},
        }],
        "ip_analyses": [{
            "node_id": "feature_ip", "status": "Approved", "ip_address": "203.0.113.7",
            "ip_country": "United Kingdom", "is_vpn_or_tor": False,
            "latitude": 53.7997, "longitude": -1.5492,
        }],
        "reviews": [],
    }


def kyc_envelope(key: str, ts: int, status: str, *, webhook_type="status.updated",
                 vendor_data: str, metadata: dict, person: dict = DEFAULT_PERSON, **decision) -> dict:
    session_id = uid(f"session/{key}")
    return {
        "event_id": uid(f"event/{key}"),
        "webhook_type": webhook_type,
        "timestamp": ts,
        "created_at": ts - 3,
        "application_id": APPLICATION_ID,
        "session_id": session_id,
        "status": status,
        "workflow_id": KYC_WORKFLOW_ID,
        "vendor_data": vendor_data,
        "metadata": metadata,
        "decision": kyc_decision(session_id, status, person, vendor_data=vendor_data,
                                 metadata=metadata, **decision),
    }


def kyb_envelope(key: str, ts: int, status: str) -> dict:
    business_session_id = uid(f"business-session/{key}")
    return {
        "event_id": uid(f"event/{key}"),
        "webhook_type": "status.updated",
        "timestamp": ts,
        "created_at": ts - 4,
        "application_id": APPLICATION_ID,
        "session_kind": "business",
        "business_session_id": business_session_id,
        "status": status,
        "workflow_id": KYB_WORKFLOW_ID,
        "vendor_data": "org-7731",
        "metadata": {"account_manager": "l.moreau", "tier": "enterprise"},
        "decision": {
            "business_session_id": business_session_id,
            "status": status,
            "workflow_id": KYB_WORKFLOW_ID,
            "company": {"legal_name": "Northwind Logistics Ltd", "registration_number": "09876543",
                        "country": "GBR", "incorporation_date": "2014-06-02",
                        "registered_address": "1 Canada Square, London E14 5AB"},
            "registry_checks": [{"node_id": "feature_kyb_registry", "status": "Approved",
                                 "source": "Companies House", "company_status": "active",
                                 "match_score": 100.0, "warnings": []}],
            "ubo_verifications": [{"full_name": "Daniel Okafor", "ownership_percentage": 62.5,
                                   "status": "Approved", "kyc_session_id": uid("session/ubo-okafor")},
                                  {"full_name": "Priya Raman", "ownership_percentage": 37.5,
                                   "status": "Approved", "kyc_session_id": uid("session/ubo-raman")}],
            "aml_screenings": [{"node_id": "feature_kyb_aml", "status": "Approved", "total_hits": 0,
                                "score": 0.0, "hits": []}],
            "created_at": "2026-03-30T09:41:07.118204Z",
        },
    }


def delivery(name: str, description: str, body: str, headers: dict, expect: str, detail: str) -> dict:
    d = {"name": name, "description": description, "body": body, "headers": headers, "expect": expect}
    d["expect_method" if expect == "accept" else "expect_code"] = detail
    return d


def build() -> dict:
    out = []

    # 1. The everyday case.
    raw = didit_body(kyc_envelope("approved", NOW - 42, "Approved", vendor_data="user-8812",
                                  metadata={"plan": "pro", "user_id": 8812}))
    out.append(delivery(
        "kyc-approved",
        "A genuine KYC approval exactly as Didit sends it (face match score 92.0 on the wire), "
        "which a correct verifier must accept.",
        raw, sign(raw, SECRET), "accept", "v2"))

    # 2. Integer-like metadata keys: JS objects put them first in numeric order.
    raw = didit_body(kyc_envelope("int-keys", NOW - 38, "Approved", vendor_data="user-1207",
                                  metadata={"1": "signup", "2": "kyc-basic", "10": "payouts-enabled"}))
    out.append(delivery(
        "integer-like-metadata-keys",
        "A genuine approval whose metadata has keys \"1\", \"2\", \"10\", which Python sorts as "
        "1, 10, 2 but a JS object reorders to 1, 2, 10; a correct verifier must accept it.",
        raw, sign(raw, SECRET), "accept", "v2"))

    # 3. A 64-bit id: exact in Python, rounded by JSON.parse.
    raw = didit_body(kyc_envelope("bigint", NOW - 35, "Approved", vendor_data="user-5540",
                                  metadata={"crm_contact_id": 12345678901234567890, "plan": "team"}))
    out.append(delivery(
        "64-bit-id-in-metadata",
        "A genuine approval carrying metadata.crm_contact_id = 12345678901234567890, beyond 2^53, "
        "which must be hashed exactly as written, not as a rounded double; a correct verifier must accept it.",
        raw, sign(raw, SECRET), "accept", "v2"))

    # 4. Tiny and huge floats, an AML hit, In Review.
    hit = {"id": uid("aml-hit/1"), "name": "Emma Clark", "match_score": 0.8123, "risk_score": 41.4022,
           "datasets": ["PEP"], "countries": ["GB"], "first_seen": "2019-05-02"}
    raw = didit_body(kyc_envelope("floats", NOW - 31, "In Review", vendor_data="user-3391",
                                  metadata={"risk_weight": 1e-05, "exposure_cap": 1e22},
                                  aml_hits=[hit]))
    out.append(delivery(
        "tiny-and-huge-floats",
        "A genuine In Review delivery whose metadata holds 1e-05 and the whole float 1e22 "
        "(sent as 1e+22, signed as 10000000000000000000000); a correct verifier must accept it.",
        raw, sign(raw, SECRET), "accept", "v2"))

    # 5. Non-ASCII: escaped on the wire, raw UTF-8 in the signed canonical form.
    person = dict(DEFAULT_PERSON, first_name="José", last_name="Müller", document_type="Identity Card",
                  document_number="CAA000000", nationality="ESP", issuing_state="ESP",
                  place_of_birth="東京, 日本", gender="M", address="Calle Mayor 1, 28013 Madrid")
    raw = didit_body(kyc_envelope("unicode", NOW - 27, "Approved", webhook_type="data.updated",
                                  vendor_data="user-José", person=person,
                                  metadata={"display_name": "José Müller", "🎉": "launch-promo"}))
    out.append(delivery(
        "non-ascii-names",
        "A genuine data.updated delivery with José Müller, 東京, 日本 and an emoji metadata key, "
        "\\u-escaped on the wire but signed as raw UTF-8; a correct verifier must accept it.",
        raw, sign(raw, SECRET), "accept", "v2"))

    # 6. KYB.
    raw = didit_body(kyb_envelope("kyb", NOW - 24, "Approved"))
    out.append(delivery(
        "kyb-business-approved",
        "A genuine KYB status.updated delivery (session_kind \"business\", business_session_id, "
        "no session_id); a correct verifier must accept it.",
        raw, sign(raw, SECRET), "accept", "v2"))

    # 7. Tampered: signed as Declined, flipped to Approved in transit.
    raw = didit_body(kyc_envelope("tampered", NOW - 20, "Declined", vendor_data="user-6620",
                                  metadata={"plan": "pro"}, face_score=31.5))
    headers = sign(raw, SECRET)
    tampered = raw.replace('"status":"Declined"', '"status":"Approved"')
    assert tampered != raw
    out.append(delivery(
        "tampered-declined-to-approved",
        "A Declined delivery whose status fields were changed to \"Approved\" after Didit signed it; "
        "a correct verifier must reject it.",
        tampered, headers, "reject", "ERR_WEBHOOK_SIGNATURE_MISMATCH"))

    # 8. Stale: genuine, but an hour old.
    raw = didit_body(kyc_envelope("stale", NOW - 3600, "Approved", vendor_data="user-4410",
                                  metadata={"plan": "pro"}))
    out.append(delivery(
        "stale-one-hour-old",
        "A genuinely signed delivery whose timestamp is an hour before now (tolerance 300 s), "
        "as a late retry or a replay looks; a correct verifier must reject it.",
        raw, sign(raw, SECRET), "reject", "ERR_WEBHOOK_TIMESTAMP_STALE"))

    # 9. Replay: the old body and its signatures, with a fresh X-Timestamp.
    raw = didit_body(kyc_envelope("replay", NOW - 3600, "Approved", vendor_data="user-2093",
                                  metadata={"plan": "team"}))
    headers = dict(sign(raw, SECRET), **{"X-Timestamp": str(NOW - 5)})
    out.append(delivery(
        "replay-with-fresh-timestamp",
        "An hour-old genuine delivery replayed with a fresh X-Timestamp header (V2 and V1 sign the "
        "body only), so only the body's own timestamp reveals it; a correct verifier must reject it.",
        raw, headers, "reject", "ERR_WEBHOOK_TIMESTAMP_MISMATCH"))

    # 10. Signed with another application's secret.
    raw = didit_body(kyc_envelope("wrong-secret", NOW - 15, "Approved", vendor_data="user-7001",
                                  metadata={"plan": "pro"}))
    out.append(delivery(
        "wrong-secret",
        "A well-formed, fresh delivery signed with a different application's secret (say, staging's); "
        "a correct verifier must reject it.",
        raw, sign(raw, OTHER_SECRET), "reject", "ERR_WEBHOOK_SIGNATURE_MISMATCH"))

    # 11. A framework parsed and re-stringified the body before the handler saw it.
    person = dict(DEFAULT_PERSON, first_name="Zoë", last_name="Dupré", nationality="FRA",
                  issuing_state="FRA", place_of_birth="Lyon", address="5 Rue de la République, 69001 Lyon")
    raw = didit_body(kyc_envelope("reserialised", NOW - 10, "Approved", vendor_data="user-9034",
                                  person=person, metadata={"1": "signup", "2": "kyc-basic", "10": "payouts"}))
    respelled = js_stringify(json.loads(raw))
    assert respelled != raw and canonical(respelled) == canonical(raw)
    out.append(delivery(
        "reserialised-by-framework",
        "A genuine delivery that middleware ran through JSON.parse + JSON.stringify (keys 1,2,10 "
        "reordered, 92.0 -> 92, \\u00eb -> ë), so X-Signature fails but X-Signature-V2 still "
        "verifies; a correct verifier must accept it.",
        respelled, sign(raw, SECRET), "accept", "v2"))

    # 12. Replay of a body whose only signed time is `created_at` (no `timestamp`, as older
    # payloads and other event types may send): the header alone would look fresh.
    envelope = kyc_envelope("created-at-only", NOW - 86400, "Approved", vendor_data="user-3141",
                            metadata={"plan": "team"})
    del envelope["timestamp"]
    raw = didit_body(envelope)
    headers = dict(sign(raw, SECRET), **{"X-Timestamp": str(NOW - 5)})
    out.append(delivery(
        "replay-created-at-only",
        "A day-old genuine delivery whose body has `created_at` but no `timestamp`, replayed with a "
        "fresh X-Timestamp. The signed `created_at` reveals it; a verifier that checks only the "
        "header accepts it.",
        raw, headers, "reject", "ERR_WEBHOOK_TIMESTAMP_MISMATCH"))

    doc = {"secret": SECRET, "now": NOW, "deliveries": out}
    for d in out:
        got = python_verdict(d["body"], d["headers"], SECRET, NOW)
        want = (d["expect"], d.get("expect_method") or d.get("expect_code"))
        if got != want:
            raise AssertionError(f"{d['name']}: Python's own verdict {got} != declared {want}")
    return doc


def python_verdict(body: str, headers: dict, secret: str, now: int) -> tuple[str, str]:
    """The verdict per Didit's scheme, from Python's json and hmac: V2 (raw Unicode, then ASCII),
    then V1; then the body's signed time (`timestamp`, a whole float counting as its integer, else
    `created_at` when `timestamp` is absent or null), which X-Timestamp must equal, within the
    tolerance of `now`."""
    h = {k.lower(): v for k, v in headers.items()}
    ts = int(h["x-timestamp"])
    method = None
    for name, message in (("v2", canonical(body)), ("v2-ascii", canonical(body, ascii=True))):
        if hmac.compare_digest(hmac_hex(secret, message), h.get("x-signature-v2", "")):
            method = name
            break
    if method is None and hmac.compare_digest(hmac_hex(secret, body.encode()), h.get("x-signature", "")):
        method = "v1"
    if method is None:
        return "reject", "ERR_WEBHOOK_SIGNATURE_MISMATCH"
    p = json.loads(body)
    signed = p.get("timestamp")
    if signed is None:
        signed = p.get("created_at")
    if isinstance(signed, float) and signed.is_integer():
        signed = int(signed)
    if not isinstance(signed, int) or isinstance(signed, bool):
        return "reject", "ERR_WEBHOOK_TIMESTAMP_UNSIGNED"
    if signed != ts:
        return "reject", "ERR_WEBHOOK_TIMESTAMP_MISMATCH"
    if now - ts > TOLERANCE:
        return "reject", "ERR_WEBHOOK_TIMESTAMP_STALE"
    if ts - now > TOLERANCE:
        return "reject", "ERR_WEBHOOK_TIMESTAMP_FUTURE"
    return "accept", method


def render() -> str:
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if deliveries.json is out of date")
    args = ap.parse_args()
    text = render()
    if args.check:
        current = OUT.read_bytes().decode("utf-8") if OUT.exists() else None
        if current != text:
            print(f"{OUT.name} is out of date: run python3 samples/make_samples.py", file=sys.stderr)
            return 1
        print(f"{OUT.name} is up to date")
        return 0
    OUT.write_bytes(text.encode("utf-8"))
    print(f"wrote {OUT} ({len(json.loads(text)['deliveries'])} deliveries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
