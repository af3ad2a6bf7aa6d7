#!/usr/bin/env python3
"""Writes tests/vectors/canonical.json: canonicalization vectors whose expected output is
computed here by CPython's own json module (the oracle), read by the Rust and the JS tests.

    python3 tests/vectors/generate.py          # rewrite the file
    python3 tests/vectors/generate.py --check  # fail if the committed file differs (run by the suite)

Each vector: {"name", "body_b64", then either "canonical_b64" + "canonical_ascii_b64", or
"error": "<code>"}. Bodies that Python rejects carry our error code; the script asserts that
Python rejects them too (or, for NaN/Infinity, that Python only accepts them as non-JSON).
"""
import base64
import json
import math
import os
import random
import struct
import sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from didit_reference import canonical  # noqa: E402  (the one Python reference signer)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "canonical.json")


REFERENCE = ('{"webhook_type":"status.updated","session_id":"11111111-2222-3333-4444-555555555555",'
             '"status":"Approved","timestamp":1774970000,"created_at":1774969994,"vendor_data":"user-1",'
             '"metadata":{"name":"José Müller 日本"},"decision":{"face_matches":[{"score":92.0,'
             '"status":"Approved"}],"liveness_checks":[{"score":89.92}]}}')

GOOD = [
    ("reference example (API notes 1.4.3)", REFERENCE),
    ("already canonical", '{"a":[1,2.5,"x\\n"],"b":{"c":null,"d":true}}'),
    ("integer-like keys sort as strings", '{"10":1,"9":2,"a":3,"1":4,"2":5,"0":6,"4294967295":7,"-1":8,"01":9}'),
    ("big integers keep every digit", '[9007199254740993,18446744073709551621,-18446744073709551621,'
                                      '1234567890123456789012345678901234567890,-0,0]'),
    ("small floats in Python repr", '[1e-05,2.5e-10,0.0001,0.00012345,5e-324,-1.5e-7,1E-5,0.000099999]'),
    ("whole floats become exact integers", '[1e16,1e21,1e22,1.5e300,1.7976931348623157e308,123456789012345678.0,'
                                           '92.0,-0.0,1E2,1e+2,100e-2,4.0e0]'),
    ("non-whole floats", '[0.1,0.7034920634920635,97.99,1.0000000000000002,123456789012345.6,0.10,1.5e15,'
                         '2.675,1e15,0.3,-12.5e-1]'),
    ("float underflow is zero", '[1e-400,-1e-400]'),
    ("long float mantissa", '[' + '0.' + '0' * 300 + '1' + ',' + '1' + '0' * 400 + '.5e-400' + ']'),
    ("emoji keys sort after U+E000-U+FFFF", '{"\uff61":1,"\U0001F600":2,"\ue000":3,"\U0001F4A9":4,"\uffff":5,"z":6}'),
    ("unicode values", '{"name":"José Müller 日本","zw":"a\u200bb","ls":"\u2028\u2029","del":"\u007f","comb":"e\u0301"}'),
    ("escapes re-escaped as Python does", r'["\/","\u00E9","\u00e9","\ud83d\ude00","\uD83D\uDE00","\b\f\n\r\t",'
                                          r'"\u0000\u0001\u001F\u0008\u000A","\"\\","\u0041","\u007f","\u2028"]'),
    ("escaped keys sort by decoded value", r'{"\u0062":1,"a":2,"\"":3,"#":4,"\n":5}'),
    ("duplicate keys keep the last value", '{"b":1,"a":2,"b":3,"a":{"x":1,"x":[2]}}'),
    ("whitespace everywhere", ' \t\n\r{ "b" : [ 1 , 2 ] ,\n\t"a" :\r{ } } \n'),
    ("byte order mark", '\ufeff{"b":1,"a":2}'),
    ("scalars at top level", '"just a string"'),
    ("number at top level", '  -12.50e+1 '),
    ("literals", '[true,false,null,[],{}]'),
    ("keys sharing long prefixes", '{"' + 'k' * 10000 + 'b":1,"' + 'k' * 10000 + 'a":2}'),
    ("nesting at the default limit", '[' * 995 + ']' * 995),
    ("integer with 4300 digits", '1' * 4300),
]

BAD = [
    ("trailing comma in array", b'[1,]', "ERR_JSON_SYNTAX"),
    ("trailing comma in object", b'{"a":1,}', "ERR_JSON_SYNTAX"),
    ("missing colon", b'{"a" 1}', "ERR_JSON_SYNTAX"),
    ("single quotes", b"{'a':1}", "ERR_JSON_SYNTAX"),
    ("leading zero", b'[01]', "ERR_JSON_SYNTAX"),
    ("bare dot", b'[1.]', "ERR_JSON_SYNTAX"),
    ("trailing data", b'{} {}', "ERR_JSON_SYNTAX"),
    ("empty body", b'', "ERR_JSON_SYNTAX"),
    ("unterminated string", b'["abc', "ERR_JSON_SYNTAX"),
    ("unterminated array", b'[1,2', "ERR_JSON_SYNTAX"),
    ("NaN", b'[NaN]', "ERR_JSON_NAN_OR_INFINITY"),
    ("Infinity", b'{"a":Infinity}', "ERR_JSON_NAN_OR_INFINITY"),
    ("-Infinity", b'-Infinity', "ERR_JSON_NAN_OR_INFINITY"),
    ("float overflow", b'[1e999]', "ERR_JSON_NUMBER_OUT_OF_RANGE"),
    ("huge exponent", b'1e999999999', "ERR_JSON_NUMBER_OUT_OF_RANGE"),
    ("integer over 4300 digits", b'1' * 4301, "ERR_JSON_NUMBER_TOO_LONG"),
    ("lone high surrogate", b'["\\ud800"]', "ERR_JSON_LONE_SURROGATE"),
    ("lone low surrogate", b'["\\udc00"]', "ERR_JSON_LONE_SURROGATE"),
    ("reversed surrogates", b'["\\udc00\\ud800"]', "ERR_JSON_LONE_SURROGATE"),
    ("high surrogate then BMP", b'["\\ud800\\u0041"]', "ERR_JSON_LONE_SURROGATE"),
    ("raw control character", b'["a\x01b"]', "ERR_JSON_CONTROL_CHARACTER"),
    ("raw newline in string", b'["a\nb"]', "ERR_JSON_CONTROL_CHARACTER"),
    ("invalid escape", b'["\\x41"]', "ERR_JSON_INVALID_ESCAPE"),
    ("short unicode escape", b'["\\u12"]', "ERR_JSON_INVALID_ESCAPE"),
    ("invalid UTF-8 byte", b'["\xff"]', "ERR_JSON_INVALID_UTF8"),
    ("overlong UTF-8", b'["\xc0\x80"]', "ERR_JSON_INVALID_UTF8"),
    ("UTF-8 encoded surrogate", b'["\xed\xa0\x80"]', "ERR_JSON_INVALID_UTF8"),
    ("truncated UTF-8", b'["\xe6\x97"]', "ERR_JSON_INVALID_UTF8"),
]
# Our policy limit (995, what CPython's json reaches from a shallow stack): Python's own limit
# depends on how deep its caller's stack already is, so this one is not asserted against Python.
POLICY = [
    ("nesting beyond the default limit", b'[' * 996 + b']' * 996, "ERR_JSON_TOO_DEEP"),
    ("object nesting beyond the default limit", b'{"a":' * 996 + b'1' + b'}' * 996, "ERR_JSON_TOO_DEEP"),
]


def python_rejects(body: bytes) -> bool:
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return True
    # NaN/Infinity are accepted by Python only as a non-JSON extension.
    def non_finite(v):
        if isinstance(v, float):
            return not math.isfinite(v)
        if isinstance(v, list):
            return any(non_finite(x) for x in v)
        if isinstance(v, dict):
            return any(non_finite(x) for x in v.values())
        return False
    if non_finite(value):
        return True
    try:
        canonical(body, False)
    except (ValueError, RecursionError, UnicodeEncodeError, OverflowError):
        return True
    return False


def random_doubles(n: int, seed: int) -> str:
    """A JSON array of random finite doubles spelled with 17 significant digits (round-trip)."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        x = struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]
        if math.isfinite(x):
            out.append(f"{x:.17e}")
    for _ in range(n // 4):
        out.append(repr(rng.uniform(-1000, 1000)))
        out.append(f"{rng.random() * 10 ** rng.randint(-12, 20):.{rng.randint(1, 17)}g}".replace("inf", "1"))
    return "[" + ",".join(s if ("e" in s or "." in s) else s + ".0" for s in out) + "]"


def build():
    vectors = []
    good = GOOD + [("random doubles (bit patterns and decimals)", random_doubles(3000, 7))]
    for name, text in good:
        body = text.encode("utf-8")
        vectors.append({
            "name": name,
            "body_b64": base64.b64encode(body).decode(),
            "canonical_b64": base64.b64encode(canonical(body, False)).decode(),
            "canonical_ascii_b64": base64.b64encode(canonical(body, True)).decode(),
        })
    for name, body, code in BAD:
        assert python_rejects(body), f"Python accepts the bad vector {name!r}"
        vectors.append({"name": name, "body_b64": base64.b64encode(body).decode(), "error": code})
    for name, body, code in POLICY:
        vectors.append({"name": name, "body_b64": base64.b64encode(body).decode(), "error": code})
    return json.dumps({"generator": "tests/vectors/generate.py", "python": sys.version.split()[0],
                       "vectors": vectors}, indent=1, ensure_ascii=True) + "\n"


def main():
    # Deep vectors need more than the default recursion limit once this script's frames count.
    sys.setrecursionlimit(10000)
    text = build()
    # The Python version line may differ between machines; compare the vectors only.
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            committed = json.load(f)
        if committed["vectors"] != json.loads(text)["vectors"]:
            sys.exit("tests/vectors/canonical.json differs from what this Python computes; rerun generate.py")
        print(f"canonical.json agrees with Python {sys.version.split()[0]} ({len(committed['vectors'])} vectors)")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
