#!/usr/bin/env python3
"""Random share tokens for the differential test against PyJWT (tests/js/token_differential.test.mjs).

Writes JSON lines. Each line is one token and what PyJWT (signature unchecked) makes of it:

  {"kind": "minted", "token": ..., "key": ..., "claims": {...}, "mintable": bool,
   "pyjwt": {"malformed": false, "claims": {...}, "header": {...}}}
  {"kind": "mutated", "token": ..., "pyjwt": {"malformed": true|false, ...}}

"minted" tokens come from jwt.encode over random claim sets (random Unicode keys and strings,
integers of any size, floats, nesting). "mutated" tokens are minted ones with one random damage
(a character dropped, inserted or replaced, padding, a segment added or removed, a segment
replaced by random bytes or by random JSON). "mintable" says whether JSON.stringify would write
the claims exactly as Python does (no floats, no integers beyond 2^53, no integer-like keys),
so that mintTestShareToken must reproduce PyJWT's token byte for byte.

    gen_tokens.py --count 4000 --seed 1 > cases.jsonl
"""
import argparse
import base64
import json
import random
import sys
import warnings

import jwt

warnings.simplefilter("ignore")  # PyJWT warns about short HMAC keys; short keys are the point here.

ALPHABET = "abcXYZ_-09 ~\"\\/\n\t\x00\x1f\x7féü€\u2028\u2029\ufeff\U0001F600\U00010000"


def rstring(rng, n=12):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, n)))


def rkey(rng):
    if rng.random() < 0.05:
        return str(rng.randint(0, 99))  # integer-like: JS objects reorder these
    return rstring(rng, 8) or "k"


def rvalue(rng, depth=0):
    r = rng.random()
    if depth > 2 or r < 0.3:
        return rstring(rng)
    if r < 0.45:
        return rng.choice([0, 1, -1, 2 ** 31, 2 ** 53, 2 ** 53 + 1, -(2 ** 63), 10 ** 30, rng.randint(-10 ** 9, 10 ** 9)])
    if r < 0.55:
        return rng.choice([0.5, -2.25, 1e-07, 1e16, 123456.789, 1.5e300, 5e-324])
    if r < 0.65:
        return rng.choice([True, False, None])
    if r < 0.8:
        return [rvalue(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {rkey(rng): rvalue(rng, depth + 1) for _ in range(rng.randint(0, 3))}


def has_float_or_intkey(v):
    """True when JSON.parse + JSON.stringify cannot write `v` as Python does: floats (repr differs),
    integers beyond 2^53 (JS numbers round them), integer-like keys (JS objects reorder them)."""
    if isinstance(v, float) or (isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2 ** 53 - 1):
        return True
    if isinstance(v, list):
        return any(has_float_or_intkey(x) for x in v)
    if isinstance(v, dict):
        return any(k.isdigit() or has_float_or_intkey(x) for k, x in v.items())
    return False


def claims(rng):
    c = {}
    if rng.random() < 0.9:
        c["session_id"] = rstring(rng, 36) if rng.random() < 0.2 else "20bb3c3b-6146-439f-84a4-bd30d00ac6a2"
    if rng.random() < 0.7:
        c["session_kind"] = rng.choice(["user", "business", "merchant", 1])
    c["from_application_id"] = "dbd20e34-42e9-4f2c-ba91-cf0762016f64"
    c["for_application_id"] = "a5f3bca2-46e2-411e-90ef-a580900a57ee"
    c["iat"] = rng.choice([1774970000, 1774970000.5, "1774970000", 0])
    c["exp"] = rng.choice([1774973600, 1774970060, 10 ** 12, -5])
    for _ in range(rng.randint(0, 4)):
        c[rkey(rng)] = rvalue(rng)
    return c


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mutate(rng, token):
    parts = token.split(".")
    m = rng.randrange(10)
    if m == 0:  # drop a character
        i = rng.randrange(len(token))
        return token[:i] + token[i + 1:]
    if m == 1:  # insert a character
        i = rng.randrange(len(token) + 1)
        return token[:i] + rng.choice("A=.+/ -_\u00e9!") + token[i:]
    if m == 2:  # replace a character
        i = rng.randrange(len(token))
        return token[:i] + rng.choice("AQgw=+/_-.") + token[i + 1:]
    if m == 3:  # padding on a segment
        i = rng.randrange(3)
        parts[i] += "=" * rng.randint(1, 2)
        return ".".join(parts)
    if m == 4:  # one segment more or less
        return ".".join(parts[:2]) if rng.random() < 0.5 else token + "." + parts[rng.randrange(3)]
    if m == 5:  # random bytes as header or payload
        parts[rng.randrange(2)] = b64(bytes(rng.randrange(256) for _ in range(rng.randint(0, 40))))
        return ".".join(parts)
    if m == 6:  # random JSON (maybe not an object) as payload
        parts[1] = b64(json.dumps(rvalue(rng)).encode())
        return ".".join(parts)
    if m == 7:  # truncate
        return token[: rng.randrange(len(token))]
    if m == 8:  # empty segment
        parts[rng.randrange(3)] = ""
        return ".".join(parts)
    # header with another alg
    parts[0] = b64(json.dumps({"alg": rng.choice(["none", "HS512", "RS256", "hs256"]), "typ": "JWT"}).encode())
    return ".".join(parts)


def pyjwt_view(token):
    try:
        return {
            "malformed": False,
            "claims": jwt.decode(token, options={"verify_signature": False}),
            "header": jwt.get_unverified_header(token),
        }
    except jwt.exceptions.DecodeError as e:
        return {"malformed": True, "error": str(e)[:80]}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = sys.stdout
    for n in range(a.count):
        c = claims(rng)
        key = rstring(rng, 20).replace("\x00", "") or "k"
        token = jwt.encode(c, key, algorithm="HS256")
        if n % 2 == 0:
            line = {"kind": "minted", "token": token, "key": key, "claims": c,
                    "mintable": not has_float_or_intkey(c), "pyjwt": pyjwt_view(token)}
        else:
            bad = mutate(rng, token)
            line = {"kind": "mutated", "token": bad, "pyjwt": pyjwt_view(bad)}
        out.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
