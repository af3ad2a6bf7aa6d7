#!/usr/bin/env python3
"""Writes tests/vectors/hostile.json: hostile and edge inputs, each with the result the library
must give, read by the Rust tests (tests/hostile.rs) and the Node tests on the built package
(tests/js/hostile.test.mjs). Both also check that the library keeps working after each case.

    python3 tests/vectors/hostile.py          # rewrite the file
    python3 tests/vectors/hostile.py --check  # fail if the committed file differs (run by the suite)

Results come from CPython wherever it can compute them: canonical forms (as text, or as a
SHA-256 and a length when large), signatures, the byte offset of invalid UTF-8 or of a control
character, and which kind of failure it is (Python rejects the body, or accepts it but cannot
sign it). Our own policies are stated as such: the default depth (995) and size (16 MiB) limits
and the wording of our messages.

Bodies are too big to store, so each is a list of parts, concatenated:
  "text"                              the UTF-8 bytes of the string
  {"text": s, "repeat": n}            s, n times
  {"hex": h, "repeat": n}             raw bytes (for invalid UTF-8)
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
"expect_wasm", when present, replaces "expect" for the WebAssembly package (its own limits).
Options use the Rust names (max_depth, max_bytes, ascii, allow_simple, tolerance_seconds);
the JS test maps them (maxDepth, maxBodyBytes, ...).

To add a kind of call (share tokens, typed models): give its cases a new "call" value and add
one arm to `run_case` in tests/hostile.rs and to `runCase` in tests/js/hostile.test.mjs.
"""
import hashlib
import hmac
import json
import math
import os
import random
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "hostile.json")

SECRET = "hostile_secret_0123456789abcdefghijklmnopq"
NOW = 1774970000
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 16 * MIB
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

def shorten_floats(v):
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, dict):
        return {k: shorten_floats(x) for k, x in v.items()}
    if isinstance(v, list):
        return [shorten_floats(x) for x in v]
    return v


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
    return f"body is {n} bytes, more than the maximum of {limit}"


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
    webhook_case("a delivery nested 1,000,000 deep", ["{" + ts + ',"a":', {"text": "[", "repeat": M}, {"text": "]", "repeat": M}, "}"],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": "0" * 64}, {"error": "ERR_JSON_TOO_DEEP"})

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
    webhook_case("a 64 MiB delivery under the default maximum", big, {"X-Timestamp": str(NOW), "X-Signature-V2": "0" * 64},
                 {"error": "ERR_BODY_TOO_LARGE", "message": too_large(n)})

    # -- Keys ---------------------------------------------------------------------------------
    million = ["{", {"keys": M, "pad": 0, "order": "descending", "value": "zero"}, "}"]
    raw = canonical_case("1,000,000 keys in one object, in reverse order", million)
    assert len(raw) < DEFAULT_MAX_BYTES
    webhook_case("a delivery with 1,000,000 keys in reverse order, signed V2 by Python", million,
                 {"X-Timestamp": str(NOW), "X-Signature-V2": v2(raw)},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}})
    canonical_case("1,000,000 copies of one key (the last value wins)",
                   ["{", {"keys": M, "pad": 0, "order": "same", "value": "index"}, "}"])
    long_keys = ["{", {"keys": 1000, "pad": 10240, "order": "descending", "value": "index"}, "}"]
    raw = canonical_case("1,000 keys that differ only after 10 KiB", long_keys)
    webhook_case("a delivery whose keys differ only after 10 KiB, signed V2 by Python", long_keys,
                 {"X-Timestamp": str(NOW), "X-Signature-V2": v2(raw)},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}})
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
                 {"error": "ERR_WEBHOOK_SIGNATURE_MISMATCH"})
    webhook_case("X-Signature-V2 carrying 10,000 signatures, the genuine one first", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": [genuine, {"text": ", " + other, "repeat": 9999}]},
                 {"error": "ERR_WEBHOOK_SIGNATURE_MISMATCH"})
    webhook_case("the genuine signature padded with 10,000 spaces each side", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": [{"text": " ", "repeat": 10000}, genuine, {"text": " ", "repeat": 10000}]},
                 {"ok": {"method": "v2", "secret_index": 0, "timestamp": NOW}})
    webhook_case("X-Timestamp of 1,000,000 digits", [ref],
                 {"X-Timestamp": [{"text": "1", "repeat": M}], "X-Signature-V2": genuine}, {"error": "ERR_WEBHOOK_TIMESTAMP_INVALID"})
    webhook_case("10,000 secrets, the right one last", [ref],
                 {"X-Timestamp": str(NOW), "X-Signature-V2": genuine},
                 {"ok": {"method": "v2", "secret_index": 9999, "timestamp": NOW}},
                 secrets=[{"text": "wrong", "repeat": 9999}, SECRET])

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
