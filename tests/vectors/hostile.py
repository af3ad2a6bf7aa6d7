#!/usr/bin/env python3
"""Writes tests/vectors/hostile.json: hostile and edge inputs, each with the result the library
must give, read by the Rust tests (tests/hostile.rs) and the Node tests on the built package
(tests/js/hostile.test.mjs). Both also check that the library keeps working after each case.

    python3 tests/vectors/hostile.py          # rewrite the file
    python3 tests/vectors/hostile.py --check  # fail if the committed file differs (run by the suite)

Results come from CPython wherever it can compute them: canonical forms (as text, or as a
SHA-256 and a length when large), signatures, the byte offset of invalid UTF-8 or of a control
character, and which kind of failure it is (Python rejects the body, or accepts it but cannot
sign it). Our own policies are stated as such: the default depth (995) and size (canonicalize 16 MiB, verify_webhook 1 MiB) limits
and the wording of our messages.

Bodies are too big to store, so each is a list of parts, concatenated:
  "text"                              the UTF-8 bytes of the string
  {"text": s, "repeat": n}            s, n times
  {"hex": h, "repeat": n}             raw bytes (for invalid UTF-8)
  {"utf16": h, "repeat": n}           one UTF-16 code unit: a lone surrogate in JavaScript strings,
                                      U+FFFD as bytes (what TextEncoder makes of it)
  {"keys": n, "pad": p, "order": o, "value": v}
                                      n object members joined by ",": key "k" + "x" * p + the
                                      index as 7 digits, indices n-1 down to 0 ("descending"),
                                      or key "k" + "x" * p for every index 0 to n-1 ("same");
                                      value "0" ("zero") or the index ("index")

Case fields: "name", "call" (which function; the tests dispatch on it), the call's inputs
("body", "options", and for verify_webhook "headers" (name to a string or a list of parts),
"secrets" (strings, or {"text": s, "repeat": n} for n copies) and "now"), and "expect":
  {"error": code, "message": exact text or "message_contains": text}
  {"canonical": text} or {"canonical_sha256": hex, "canonical_bytes": n}
  {"ok": {"method": m, "secret_index": i, "timestamp": t}}
  {"findings": [codes], "usable": b, "signature_valid": b (with "key")}   for inspect_share_token
  {"parsed": {"session_id": s}}                                          for the model parsers
Share-token cases ("call": "inspect_share_token") take "body" as the token, "options" (now,
application_id, max_token_bytes) and, for signature checks, "key". Model cases ("call":
"parse_session", "parse_webhook_event", "parse_import_response" with "status") take "body".
"expect_wasm", when present, replaces "expect" for the WebAssembly package (its own limits).
Options use the Rust names (max_depth, max_bytes, ascii, allow_simple, tolerance_seconds);
the JS test maps them (maxDepth, maxBodyBytes, ...).

To add a kind of call (share tokens, typed models): give its cases a new "call" value and add
one arm to `run_case` in tests/hostile.rs and to `runCase` in tests/js/hostile.test.mjs.
"""
import base64
import hashlib
import hmac
import json
import math
import os
import random
import sys
import threading
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from didit_reference import shorten_floats  # noqa: E402  (the one Python reference signer)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hostile.json")

SECRET = "hostile_secret_0123456789abcdefghijklmnopq"
NOW = 1774970000
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 16 * MIB  # canonicalize
DEFAULT_MAX_WEBHOOK_BYTES = MIB  # verify_webhook (src/webhook.rs, DEFAULT_MAX_BODY_BYTES)
TOO_LARGE_HINT = ("Didit's deliveries are a few KB, so this is most likely not a Didit delivery; if yours really "
                  "are larger, raise maxBodyBytes (max_bytes in Rust), whose documentation says what each MiB costs")
INLINE_LIMIT = 4096  # canonical forms up to this size are stored as text


# ---------------------------------------------------------------------------------------------
# The parts language (mirrored by `expand` in tests/hostile.rs and tests/js/hostile.test.mjs).

def expand(parts):
    out = bytearray()
    for p in parts:
        if isinstance(p, str):
            out += p.encode("utf-8")
            continue
        n = p.get("repeat", 1)
        if "text" in p:
            out += p["text"].encode("utf-8") * n
        elif "hex" in p:
            out += bytes.fromhex(p["hex"]) * n
        elif "utf16" in p:
            # One UTF-16 code unit (a lone surrogate): a JavaScript string holds it, UTF-8 cannot,
            # so as bytes it is U+FFFD, as TextEncoder (and so wasm-bindgen) writes it.
            unit = int(p["utf16"], 16)
            out += (chr(unit) if not 0xD800 <= unit <= 0xDFFF else "\ufffd").encode("utf-8") * n
        elif "keys" in p:
            prefix = "k" + "x" * p["pad"]
            count = p["keys"]
            if p["order"] == "descending":
                order, key = range(count - 1, -1, -1), (lambda i: f'"{prefix}{i:07d}":')
            else:
                order, key = range(count), (lambda i: f'"{prefix}":')
            value = (lambda i: "0") if p["value"] == "zero" else str
            out += ",".join(key(i) + value(i) for i in order).encode("utf-8")
        else:
            raise ValueError(p)
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# CPython as the oracle.

class Unsignable(Exception):
    def __init__(self, code):
        self.code = code


def python(body, ascii=False):
    """("ok", canonical bytes) or ("error", code, byte offset or None), as CPython decides."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        return ("error", "ERR_JSON_INVALID_UTF8", e.start)
    bom = 3 if text.startswith("\ufeff") else 0

    def constant(_):
        raise Unsignable("ERR_JSON_NAN_OR_INFINITY")

    def number(s):
        x = float(s)
        if math.isinf(x):
            raise Unsignable("ERR_JSON_NUMBER_OUT_OF_RANGE")
        return x

    try:
        value = json.loads(body, parse_constant=constant, parse_float=number)
    except Unsignable as e:
        return ("error", e.code, None)
    except json.JSONDecodeError as e:
        offset = bom + len(text[bom:][: e.pos].encode("utf-8"))
        if e.msg.startswith("Invalid control character"):
            return ("error", "ERR_JSON_CONTROL_CHARACTER", offset)
        if e.msg.startswith("Invalid \\"):
            return ("error", "ERR_JSON_INVALID_ESCAPE", None)
        return ("error", "ERR_JSON_SYNTAX", None)
    except RecursionError:
        return ("error", "ERR_JSON_TOO_DEEP", None)
    except ValueError as e:
        if "digits" in str(e):
            return ("error", "ERR_JSON_NUMBER_TOO_LONG", None)
        raise
    try:
        out = json.dumps(shorten_floats(value), sort_keys=True, separators=(",", ":"),
                         ensure_ascii=ascii).encode("utf-8")
    except UnicodeEncodeError:
        return ("error", "ERR_JSON_LONE_SURROGATE", None)
    return ("ok", out)


def with_deep_stack(f):
    """Runs f in a thread with a 1 GiB stack and no recursion limit to speak of (CPython's json
    is recursive; the million-deep bodies need it)."""
    result = []

    def run():
        old = sys.getrecursionlimit()
        sys.setrecursionlimit(10 ** 8)
        try:
            result.append(f())
        finally:
            sys.setrecursionlimit(old)

    threading.stack_size(1 << 30)
    t = threading.Thread(target=run)
    t.start()
    t.join()
    threading.stack_size(0)
    return result[0]


# ---------------------------------------------------------------------------------------------
# The cases.

cases = []


def canonical_case(name, body, options=None, deep=False, message=None, message_contains=None,
                   policy=None):
    """A canonicalize case whose expectation CPython computes; `policy` overrides it with our own
    limit (the code we must report although Python, given enough stack, would accept)."""
    raw = expand(body)
    ascii = bool(options and options.get("ascii"))
    if policy:
        expect = {"error": policy}
    else:
        r = with_deep_stack(lambda: python(raw, ascii)) if deep else python(raw, ascii)
        if r[0] == "ok":
            if len(r[1]) <= INLINE_LIMIT:
                expect = {"canonical": r[1].decode("utf-8")}
            else:
                expect = {"canonical_sha256": hashlib.sha256(r[1]).hexdigest(), "canonical_bytes": len(r[1])}
        else:
            expect = {"error": r[1]}
            if r[1] == "ERR_JSON_INVALID_UTF8":
                message = f"body is not valid UTF-8 at byte {r[2]}"
            elif r[2] is not None:
                message_contains = f"(byte {r[2]})"
    if message:
        expect["message"] = message
    if message_contains:
        expect["message_contains"] = message_contains
    case = {"name": name, "call": "canonicalize", "body": body}
    if options:
        case["options"] = options
    case["expect"] = expect
    cases.append(case)
    return raw


def webhook_case(name, body, headers, expect, options=None, secrets=(SECRET,)):
    case = {"name": name, "call": "verify_webhook", "body": body, "headers": headers,
            "secrets": list(secrets), "now": NOW}
    if options:
        case["options"] = options
    case["expect"] = expect
    cases.append(case)


def v2(raw_body):
    r = python(raw_body)
    assert r[0] == "ok", r
    return hmac.new(SECRET.encode(), r[1], "sha256").hexdigest()


def too_deep(parts, limit=995):
    """Our message for nesting beyond `limit`: where the first container too many opens."""
    raw, opened, in_string, escaped = expand(parts), 0, False, False
    for i, b in enumerate(raw):
        if in_string:
            escaped, in_string = (not escaped and b == 0x5C), (in_string and (escaped or b != 0x22))
        elif b == 0x22:
            in_string = True
        elif b in b"[{":
            opened += 1
            if opened > limit:
                line = raw[:i].count(b"\n") + 1
                column = i - (raw.rfind(b"\n", 0, i) + 1) + 1
                return f"nesting deeper than {limit} levels at line {line} column {column} (byte {i})"
    raise ValueError("not too deep")


def too_large(n, limit=DEFAULT_MAX_BYTES):
    return f"body is {n} bytes, more than the maximum of {limit}: {TOO_LARGE_HINT}"


# ---------------------------------------------------------------------------------------------
# Share tokens and typed models: our own policies (limits, finding codes), stated as such; the
# signatures come from Python's hmac.

TOKEN_KEY = "test-share-key-not-didit-0123456789"
TOKEN_NOW = 1774970100
HEADER_B64 = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"  # {"alg":"HS256","typ":"JWT"}
CLAIMS = ('"session_id":"20bb3c3b-6146-439f-84a4-bd30d00ac6a2","session_kind":"user",'
          '"from_application_id":"dbd20e34-42e9-4f2c-ba91-cf0762016f64",'
          '"for_application_id":"a5f3bca2-46e2-411e-90ef-a580900a57ee","iat":1774970000,"exp":1774973600')


def b64u(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def padded_token(pad_bytes):
    """Parts of an HS256 token whose payload carries the claims plus a "pad" claim of
    3 * pad_bytes // 3 x's (base64 of "xxx" is "eHh4", so the token is built from parts)."""
    n = pad_bytes // 3
    head = ("{" + CLAIMS + ',"pad":"').encode()
    head += b"x" * (-len(head) % 3)
    tail = b'"}'
    payload = head + b"x" * (3 * n) + tail
    signing_input = (HEADER_B64 + "." + b64u(payload)).encode()
    sig = b64u(hmac.new(TOKEN_KEY.encode(), signing_input, "sha256").digest())
    parts = [HEADER_B64 + "." + b64u(head), {"text": "eHh4", "repeat": n}, b64u(tail) + "." + sig]
    assert expand(parts) == signing_input + b"." + sig.encode()
    return parts


def whole_token(pad):
    payload = ("{" + CLAIMS + ',"pad":"' + "x" * pad + '"}').encode()
    signing_input = HEADER_B64 + "." + b64u(payload)
    return signing_input + "." + b64u(hmac.new(TOKEN_KEY.encode(), signing_input.encode(), "sha256").digest())


def token_case(name, body, findings, usable, options=None, signature_valid=None):
    o = {"now": TOKEN_NOW}
    o.update(options or {})
    case = {"name": name, "call": "inspect_share_token", "body": body, "options": o}
    expect = {"findings": findings, "usable": usable}
    if signature_valid is not None:
        case["key"] = TOKEN_KEY
        expect["signature_valid"] = signature_valid
    case["expect"] = expect
    cases.append(case)


def token_cases():
    M = 1_000_000
    ten_mb = padded_token(10 * MIB)
    n = len(expand(ten_mb))
    assert n > 10 * MIB
    token_case("a 10 MB share token under the default 8 KiB limit", ten_mb, ["SHARE_TOKEN_TOO_LARGE"], False,
               signature_valid=True)
    token_case("a 10 MB share token under a limit raised to 16 MiB", ten_mb, ["SHARE_TOKEN_UNKNOWN_CLAIMS"], True,
               options={"max_token_bytes": 16 * MIB}, signature_valid=True)
    # Exactly at and one byte over the default limit.
    for size, findings in [(8192, ["SHARE_TOKEN_UNKNOWN_CLAIMS"]), (8193, ["SHARE_TOKEN_TOO_LARGE"])]:
        token = next(t for t in (whole_token(k) for k in range(5000, 7000)) if len(t) == size)
        token_case(f"a share token of {size} bytes under the default 8,192-byte limit", [token], findings,
                   size <= 8192, signature_valid=True)
    dots = [{"text": ".", "repeat": 10000}]
    token_case("a token of 10,000 dots", dots, ["SHARE_TOKEN_TOO_LARGE"], False)
    # Inspection goes on reading the first two segments (here empty, so not JSON).
    token_case("a token of 10,000 dots under a limit raised to 1 MiB", dots,
               ["SHARE_TOKEN_SEGMENTS", "SHARE_TOKEN_JSON", "SHARE_TOKEN_JSON"], False,
               options={"max_token_bytes": MIB})
    good = padded_token(0)
    token_case("a genuine token followed by 10,000 dots", good + dots, ["SHARE_TOKEN_SEGMENTS", "SHARE_TOKEN_UNKNOWN_CLAIMS"], False,
               options={"max_token_bytes": MIB}, signature_valid=False)
    token_case("a genuine token (reference)", good, ["SHARE_TOKEN_UNKNOWN_CLAIMS"], True, signature_valid=True)
    token_case("a lone high surrogate as the token", [{"utf16": "d800"}], ["SHARE_TOKEN_SEGMENTS"], False)
    token_case("a lone surrogate inside the header segment",
               [HEADER_B64[:10], {"utf16": "dc00"}, HEADER_B64[10:] + "." + b64u(("{" + CLAIMS + "}").encode()) + "." + "A" * 43],
               ["SHARE_TOKEN_BASE64"], False)
    token_case("a payload holding a UTF-8-encoded surrogate",
               [HEADER_B64 + "." + b64u(("{" + CLAIMS + ',"x":"').encode() + bytes.fromhex("eda080") + b'"}') + "." + "A" * 43],
               ["SHARE_TOKEN_UTF8"], False)
    # Python's json would read it; ours refuses lone surrogates everywhere (as canonicalize does).
    token_case("a payload holding an escaped lone surrogate",
               [HEADER_B64 + "." + b64u(("{" + CLAIMS + r',"x":"\ud800"}').encode()) + "." + "A" * 43],
               ["SHARE_TOKEN_JSON"], False)
    deep = M
    token_case("a payload nested 1,000,000 deep, limit raised to 4 MiB",
               [HEADER_B64 + ".", {"text": "W1tb", "repeat": deep // 3}, "." + "A" * 43],
               ["SHARE_TOKEN_JSON"], False, options={"max_token_bytes": 4 * MIB})


SESSION_HEAD = ('{"session_id":"3a45843a-ba90-8e98-4eb3-c49eb97e4cc0","session_kind":"user","status":"Approved",'
                '"webhook_type":"status.updated","timestamp":1774970000,"workflow_id":"ce9e1811-ca03-7891-70cc-206377d0afd3"')


def model_case(name, call, body, expect, expect_wasm=None, status=None):
    case = {"name": name, "call": call, "body": body}
    if status is not None:
        case["status"] = status
    case["expect"] = expect
    if expect_wasm is not None:
        case["expect_wasm"] = expect_wasm
    cases.append(case)


def model_cases():
    M = 1_000_000
    ok = {"parsed": {"session_id": "3a45843a-ba90-8e98-4eb3-c49eb97e4cc0"}}
    calls = [("parse_session", "a session decision"), ("parse_webhook_event", "a webhook event"),
             ("parse_import_response", "an import response")]
    item = '"' + "x" * 1021 + '",'
    for call, what in calls:
        model_case(f"{what} of 10 MiB (a big metadata array)", call,
                   [SESSION_HEAD + ',"metadata":{"a":[', {"text": item, "repeat": 10 * 1024}, '0]}}'], ok)
        big = [SESSION_HEAD + ',"metadata":{"a":[', {"text": item, "repeat": 20 * 1024}, '0]}}']
        # The Rust parsers take the bytes they are given (no size option); the JavaScript ones
        # apply maxBodyBytes (16 MiB by default) before parsing.
        model_case(f"{what} of 20 MiB (JavaScript: over the default 16 MiB maximum)", call, big, ok,
                   expect_wasm={"error": "ERR_BODY_TOO_LARGE"})
        model_case(f"{what} with metadata nested 1,000,000 deep", call,
                   [SESSION_HEAD + ',"metadata":', {"text": "[", "repeat": M}, {"text": "]", "repeat": M}, "}"],
                   # JavaScript's models use JSON.parse (no depth limit) and do not walk metadata.
                   {"error": "ERR_JSON_TOO_DEEP"}, expect_wasm=ok)
        model_case(f"{what} with session_number of 100,000 digits", call,
                   [SESSION_HEAD + ',"session_number":', {"text": "9", "repeat": 100_000}, "}"],
                   # JavaScript: JSON.parse reads it; the schema then drops it as out of range
                   # (tolerant models; a webhook event has no session_number).
                   {"error": "ERR_JSON_NUMBER_TOO_LONG"}, expect_wasm=ok)
        model_case(f"{what} with session_number of 30 digits", call,
                   [SESSION_HEAD + ',"session_number":' + "9" * 30 + "}"],
                   # Out of range: dropped from the typed model and noted (tolerant models).
                   ok)
        model_case(f"{what} with a 30-digit integer in metadata", call,
                   [SESSION_HEAD + ',"metadata":{"n":' + "-" + "9" * 30 + "}}"], ok)
        model_case(f"{what} of 1,000,000 keys", call,
                   [SESSION_HEAD + ',"metadata":{', {"keys": M, "pad": 0, "order": "descending", "value": "zero"}, "}}"], ok)
    model_case("an import error (HTTP 400) with a 10 MiB body", "parse_import_response",
               ['{"detail":"', {"text": "x", "repeat": 10 * MIB}, '"}'], {"error": "ERR_IMPORT_BAD_REQUEST"}, status=400)
    model_case("an import error (HTTP 502) with 1,000,000-deep nesting", "parse_import_response",
               [{"text": "[", "repeat": M}, {"text": "]", "repeat": M}], {"error": "ERR_DIDIT_SERVER_ERROR"}, status=502)


def build():
    cases.clear()
    M = 1_000_000

    # -- Nesting ------------------------------------------------------------------------------
    arrays = [{"text": "[", "repeat": M}, {"text": "]", "repeat": M}]
    objects = [{"text": '{"a":', "repeat": M}, "1", {"text": "}", "repeat": M}]
    canonical_case("arrays nested 1,000,000 deep", arrays, policy="ERR_JSON_TOO_DEEP", message=too_deep(arrays))
    canonical_case("objects nested 1,000,000 deep", objects, policy="ERR_JSON_TOO_DEEP", message=too_deep(objects))
    canonical_case("arrays nested 1,000,000 deep, with max_depth raised to 1,000,000",
                   [{"text": "[ ", "repeat": M}, {"text": " ]", "repeat": M}], options={"max_depth": M}, deep=True)
    canonical_case("objects nested 1,000,000 deep, with max_depth raised to 1,000,000",
                   [{"text": '{ "b":2, "a":', "repeat": M}, "1.0", {"text": "}", "repeat": M}],
                   options={"max_depth": M}, deep=True)
    canonical_case("arrays nested 1,000,000 deep, one level beyond a raised max_depth", arrays,
                   options={"max_depth": M - 1}, policy="ERR_JSON_TOO_DEEP", message=too_deep(arrays, M - 1))
    ts = f'"timestamp":{NOW}'
    webhook_case("a delivery nested 1,000,000 deep (2 MB, under a raised maxBodyBytes)",
                 ["{" + ts + ',"a":', {"text": "[", "repeat": M}, {"text": "]", "repeat": M}, "}"],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": "0" * 64}, {"error": "ERR_JSON_TOO_DEEP"},
                 options={"max_bytes": 16 * MIB})

    # -- Size ---------------------------------------------------------------------------------
    item = '"' + "x" * 1021 + '",'
    big = ['{"b":[', {"text": item, "repeat": 65536}, '0],"a":0}']
    n = len(expand(big))
    assert n > 64 * MIB
    canonical_case("a 64 MiB body under the default 16 MiB maximum", big, message=too_large(n), policy="ERR_BODY_TOO_LARGE")
    canonical_case("a 64 MiB body under a configured 1,000,000-byte maximum", big, options={"max_bytes": 1_000_000},
                   message=too_large(n, 1_000_000), policy="ERR_BODY_TOO_LARGE")
    canonical_case("a 64 MiB body (sorting needed) under a maximum raised to 128 MiB", big, options={"max_bytes": 128 * MIB})
    # The WebAssembly package caps maxBodyBytes at 32 MiB (src/wasm.rs says why).
    cases[-1]["expect_wasm"] = {"error": "ERR_INVALID_ARG_VALUE", "message_contains": "must be at most 33554432"}
    webhook_case("a 64 MiB delivery under the default 1 MiB maximum", big, {"X-Timestamp": str(NOW), "X-Signature-V2": "0" * 64},
                 {"error": "ERR_BODY_TOO_LARGE", "message": too_large(n, DEFAULT_MAX_WEBHOOK_BYTES)})

    # -- Keys ---------------------------------------------------------------------------------
    million = ["{", {"keys": M, "pad": 0, "order": "descending", "value": "zero"}, "}"]
    raw = canonical_case("1,000,000 keys in one object, in reverse order", million)
    assert len(raw) < DEFAULT_MAX_BYTES
    # A delivery's freshness is bound to its signed time, so the signed deliveries carry one.
    million_timed = ["{" + ts + ",", {"keys": M, "pad": 0, "order": "descending", "value": "zero"}, "}"]
    webhook_case("a delivery with 1,000,000 keys in reverse order, signed V2 by Python (maxBodyBytes raised)", million_timed,
                 {"X-Timestamp": str(NOW), "X-Signature-V2": v2(expand(million_timed))},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}}, options={"max_bytes": 16 * MIB})
    canonical_case("1,000,000 copies of one key (the last value wins)",
                   ["{", {"keys": M, "pad": 0, "order": "same", "value": "index"}, "}"])
    long_keys = ["{", {"keys": 1000, "pad": 10240, "order": "descending", "value": "index"}, "}"]
    raw = canonical_case("1,000 keys that differ only after 10 KiB", long_keys)
    long_keys_timed = ["{" + ts + ",", {"keys": 1000, "pad": 10240, "order": "descending", "value": "index"}, "}"]
    webhook_case("a delivery whose keys differ only after 10 KiB, signed V2 by Python (maxBodyBytes raised)", long_keys_timed,
                 {"X-Timestamp": str(NOW), "X-Signature-V2": v2(expand(long_keys_timed))},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}}, options={"max_bytes": 16 * MIB})
    canonical_case("two keys that differ only in their last byte after 10 KiB, escaped differently",
                   ['{"', {"text": "\\u0078", "repeat": 10240}, 'b":1,"', {"text": "x", "repeat": 10240}, 'a":2}'])

    # -- Invalid UTF-8 at every position class ------------------------------------------------
    sequences = [
        ("lone continuation byte", "80"), ("last continuation byte", "bf"),
        ("overlong 2-byte NUL", "c080"), ("overlong 2-byte", "c1bf"), ("overlong 3-byte", "e08080"),
        ("overlong 4-byte", "f0808080"), ("UTF-8-encoded high surrogate", "eda080"),
        ("UTF-8-encoded low surrogate", "edbfbf"), ("beyond U+10FFFF", "f4908080"),
        ("start byte F5", "f5808080"), ("byte FE", "fe"), ("byte FF", "ff"),
        ("truncated 3-byte sequence", "e697"), ("truncated 4-byte sequence", "f09f98"),
    ]
    positions = [
        ("at the first byte", lambda s: [s, '{"a":1}']),
        ("right after a BOM", lambda s: [{"hex": "efbbbf"}, s, '{"a":1}']),
        ("in whitespace between tokens", lambda s: ['{"a": ', s, '1}']),
        ("inside a string value", lambda s: ['{"a":"caf', s, '"}']),
        ("inside a key", lambda s: ['{"k', s, 'ey":1}']),
        ("inside a number", lambda s: ['[12', s, '3]']),
        ("as the last bytes", lambda s: ['{"a":"b"}', s]),
        ("after 1 MiB of valid JSON", lambda s: ['["', {"text": "é", "repeat": MIB // 2}, s, '"]']),
    ]
    for pname, place in positions:
        for sname, hexbytes in sequences:
            canonical_case(f"invalid UTF-8 ({sname}) {pname}", place({"hex": hexbytes}))

    # -- Surrogate escapes --------------------------------------------------------------------
    surrogates = [
        ("lone high surrogate", r'["\ud800"]'), ("lone low surrogate", r'["\udc00"]'),
        ("reversed pair", r'["\udc00\ud800"]'), ("two high surrogates", r'["\ud800\ud800"]'),
        ("high surrogate then a BMP escape", r'["\ud800\u0041"]'), ("high surrogate then a raw character", r'["\ud800x"]'),
        ("high surrogate at the end of a string", r'["abc\udbff"]'), ("high surrogate then an escaped backslash", r'["\ud800\\udc00"]'),
        ("lone surrogate in a key", r'{"\udfff":1}'), ("upper-case lone surrogate", r'["\uD800"]'),
        ("reversed pair in a key", r'{"a\uDC00\uD800":1}'),
        ("lone surrogate after 10 KiB", '["' + "y" * 10240 + r'\ud83d"]'),
    ]
    for sname, body in surrogates:
        canonical_case(f"{sname}", [body])
    canonical_case("a valid surrogate pair, lower-case", [r'["\ud83d\ude00"]'])
    canonical_case("a valid surrogate pair, upper-case, ASCII output", [r'{"\uD83D\uDE00":"\uDBFF\uDFFF"}'], options={"ascii": True})
    webhook_case("a delivery with a lone surrogate", ['{"a":"\\ud800",' + ts + "}"],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": "0" * 64}, {"error": "ERR_JSON_LONE_SURROGATE"})

    # -- Every control character --------------------------------------------------------------
    for c in range(0x20):
        h = f"{c:02x}"
        canonical_case(f"raw U+00{h.upper()} in a string", ['["a', {"hex": h}, 'b"]'])
        canonical_case(f"raw U+00{h.upper()} in a key", ['{"k', {"hex": h}, '":1}'])
        canonical_case(f"raw U+00{h.upper()} between tokens", ["[1,", {"hex": h}, "2]"])
        canonical_case(f"escaped U+00{h.upper()}", [f'["\\u00{h}","\\u00{h.upper()}"]'])
    canonical_case("raw U+007F (DEL) is allowed", ['["a', {"hex": "7f"}, 'b"]'])
    canonical_case("raw U+007F (DEL), ASCII output", ['["a', {"hex": "7f"}, 'b"]'], options={"ascii": True})

    # -- Numbers ------------------------------------------------------------------------------
    digits = 100_000
    canonical_case("an integer with 100,000 digits", [{"text": "9", "repeat": digits}],
                   message_contains="has 100000 digits")
    canonical_case("a negative integer with 100,000 digits in an array", ["[-", {"text": "1", "repeat": digits}, "]"])
    canonical_case("a float with 100,000 integer digits (overflows)", ["1", {"text": "0", "repeat": digits - 1}, ".5"])
    canonical_case("a float with 100,000 fraction digits", ["[1.", {"text": "3", "repeat": digits}, "]"])
    canonical_case("a float with 100,000 leading fraction zeros (underflows to 0)", ["0.", {"text": "0", "repeat": digits}, "1"])
    canonical_case("100,000 digits scaled back to 1", ["1", {"text": "0", "repeat": digits}, f"e-{digits}"])
    for body in ["1e999999999", "-1e999999999", "[1E+999999999]", "1e99999999999999999999999999",
                 "1e-999999999", "-0e999999999", "[0.0e-99999999999999999999]"]:
        canonical_case(f"{body}", [body])
    canonical_case("an exponent with 100,000 digits", ["1e", {"text": "9", "repeat": digits}])
    canonical_case("a negative exponent with 100,000 digits", ["[2.5E-", {"text": "9", "repeat": digits}, "]"])

    # Doubles that lie exactly halfway between two shortest decimals: Python's repr takes the
    # even digit (found by the canonicalize fuzz target). Each is written with its exact digits.
    rng = random.Random(11)
    ties = []
    for _ in range(3000):
        j = rng.randint(1, 26)
        x = (rng.randrange(2 ** 52, 2 ** 53) | 1) * 2.0 ** -j
        ties.append(f"{x:.{j}f}")
    canonical_case("3,000 doubles with few fraction bits (repr ties go to the even digit)", ["[" + ",".join(ties) + "]"])

    # -- Headers ------------------------------------------------------------------------------
    ref = ('{"session_id":"s-1","status":"Approved","timestamp":%d,"webhook_type":"status.updated"}' % NOW)
    genuine = v2(ref.encode())
    other = hashlib.sha256(b"not it").hexdigest()
    webhook_case("X-Signature-V2 carrying 10,000 signatures, the genuine one last", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": [{"text": other + ",", "repeat": 9999}, genuine]},
                 {"error": "ERR_WEBHOOK_SIGNATURE_MISMATCH", "message_contains": "more than 16"})
    webhook_case("X-Signature-V2 carrying 10,000 signatures, the genuine one first", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": [genuine, {"text": ", " + other, "repeat": 9999}]},
                 {"error": "ERR_WEBHOOK_SIGNATURE_MISMATCH", "message_contains": "more than 16"})
    # A header repeated by proxies: up to 16 values are each tried (our policy).
    webhook_case("X-Signature-V2 carrying 16 signatures, the genuine one last", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": [{"text": other + ", ", "repeat": 15}, genuine]},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}})
    webhook_case("X-Timestamp repeated 10,000 times with the same value", [ref],
                 {"X-Timestamp": [str(NOW), {"text": ", " + str(NOW), "repeat": 9999}], "X-Signature-V2": genuine},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}})
    webhook_case("X-Timestamp repeated 10,000 times, the last value different", [ref],
                 {"X-Timestamp": [{"text": str(NOW) + ", ", "repeat": 9999}, str(NOW + 1)], "X-Signature-V2": genuine},
                 {"error": "ERR_WEBHOOK_TIMESTAMP_CONFLICT", "message_contains": "came more than once (10000 values"})
    webhook_case("the genuine signature padded with 10,000 spaces each side", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": [{"text": " ", "repeat": 10000}, genuine, {"text": " ", "repeat": 10000}]},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}})
    webhook_case("X-Timestamp of 1,000,000 digits", [ref],
                 {"X-Timestamp": [{"text": "1", "repeat": M}], "X-Signature-V2": genuine}, {"error": "ERR_WEBHOOK_TIMESTAMP_INVALID"})
    webhook_case("10,000 secrets, the right one last", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": genuine},
                 {"ok": {"method": "v2", "secret_index": 9999, "timestamp": NOW}},
                 secrets=[{"text": "wrong", "repeat": 9999}, SECRET])

    token_cases()
    model_cases()

    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "case names must be unique"
    return cases


def main():
    doc = {"generator": "tests/vectors/hostile.py", "python": sys.version.split()[0],
           "secret": SECRET, "cases": build()}
    text = json.dumps(doc, indent=1, ensure_ascii=True) + "\n"
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            committed = json.load(f)
        if committed["cases"] != doc["cases"]:
            sys.exit("tests/vectors/hostile.json differs from what this Python computes; rerun hostile.py")
        print(f"hostile.json agrees with Python {sys.version.split()[0]} ({len(doc['cases'])} cases)")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT} ({len(doc['cases'])} cases)")


if __name__ == "__main__":
    main()
