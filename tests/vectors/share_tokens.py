#!/usr/bin/env python3
"""Share-token test vectors, read by the Rust tests (tests/token_vectors.rs) and the Node tests.

Tokens are minted by PyJWT (the JWT library of Didit's Python stack) or built byte by byte for the
malformed cases; PyJWT also decodes every vector (signature unchecked), and the file records what
it made of it: the claims, or that it rejected the token as malformed. The expected findings are
our specification, written here by hand.

    python tests/vectors/share_tokens.py          # rewrite tests/vectors/share_tokens.json
    python tests/vectors/share_tokens.py --check  # fail if the file differs from a fresh run

Run it with the interpreter from scripts/python.sh (it has PyJWT).
"""
import base64
import json
import os
import sys

import jwt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "share_tokens.json")

# The one real token in Didit's docs (share endpoint reference, response example).
DOC_TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXNzaW9uX2lkIjoiMjBiYjNjM2ItNjE0Ni00MzlmLTg0YTQtYmQzMGQw"
    "MGFjNmEyIiwiZnJvbV9hcHBsaWNhdGlvbl9pZCI6ImRiZDIwZTM0LTQyZTktNGYyYy1iYTkxLWNmMDc2MjAxNmY2NCIsImZv"
    "cl9hcHBsaWNhdGlvbl9pZCI6ImE1ZjNiY2EyLTQ2ZTItNDExZS05MGVmLWE1ODA5MDBhNTdlZSIsImlhdCI6MTc1MzYzMDY2"
    "NiwiZXhwIjoxNzUzNjM0MjY2fQ.JJ9pNE_hqZsOtbR0XYZIWw4JzidjdEl279iUrsIkhGE"
)
DOC_IAT, DOC_EXP = 1753630666, 1753634266
FROM_APP = "dbd20e34-42e9-4f2c-ba91-cf0762016f64"
FOR_APP = "a5f3bca2-46e2-411e-90ef-a580900a57ee"
OTHER_APP = "0b6f2c1e-9a7d-4c41-8e2f-5d3a1b7c9e00"
SESSION = "20bb3c3b-6146-439f-84a4-bd30d00ac6a2"
KEY = "test-share-key-not-didit-0123456789"  # our own key: real tokens are signed with Didit's
IAT = 1774970000


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(**over):
    c = {
        "session_id": SESSION,
        "session_kind": "user",
        "from_application_id": FROM_APP,
        "for_application_id": FOR_APP,
        "iat": IAT,
        "exp": IAT + 3600,
    }
    for k, v in over.items():
        if v is None:
            c.pop(k, None)
        else:
            c[k] = v
    return c


def mint(payload, headers=None):
    return jwt.encode(payload, KEY, algorithm="HS256", headers=headers)


def raw_token(header: bytes, payload: bytes, sig: bytes = b"\x01" * 32) -> str:
    return f"{b64(header)}.{b64(payload)}.{b64(sig)}"


def pyjwt_view(token):
    """What PyJWT makes of a token without the key: its claims, or 'malformed'."""
    try:
        payload = jwt.decode(token, options={"verify_signature": False})
        header = jwt.get_unverified_header(token)
        return {"malformed": False, "claims": payload, "header": header}
    except jwt.exceptions.DecodeError as e:
        return {"malformed": True, "error": type(e).__name__}


GOOD = mint(claims())
BIZ = mint(claims(session_kind="business"))
GOOD_PARTS = GOOD.split(".")

VECTORS = []


def vec(name, token, expect, now=IAT + 60, **options):
    options["now"] = now
    v = {"name": name, "token": token, "options": options, "expect": expect}
    VECTORS.append(v)


def ok(codes=(), **more):
    e = {"codes": list(codes), "usable": True, "importStatus": None}
    e.update(more)
    return e


def bad(codes, status, **more):
    e = {"codes": list(codes), "usable": False, "importStatus": status}
    e.update(more)
    return e


# --- the documented real token ---------------------------------------------------------------
vec("documented token, 34 s after minting, for my application", DOC_TOKEN,
    ok(["SHARE_TOKEN_SESSION_KIND_DEFAULTED"], sessionKind="user", sessionKindDefaulted=True,
       ttlSeconds=3600, remainingSeconds=3566, issuedAtIso="2025-07-27T15:37:46Z",
       expiresAtIso="2025-07-27T16:37:46Z"),
    now=DOC_IAT + 34, applicationId=FOR_APP)
vec("documented token, application id in upper case", DOC_TOKEN,
    ok(["SHARE_TOKEN_SESSION_KIND_DEFAULTED"]), now=DOC_IAT + 34, applicationId=FOR_APP.upper())
vec("documented token, one second before exp", DOC_TOKEN,
    ok(["SHARE_TOKEN_SESSION_KIND_DEFAULTED"], remainingSeconds=1), now=DOC_EXP - 1)
vec("documented token, at exp (PyJWT: expired once exp <= now)", DOC_TOKEN,
    bad(["SHARE_TOKEN_SESSION_KIND_DEFAULTED", "SHARE_TOKEN_EXPIRED"], 401, remainingSeconds=0),
    now=DOC_EXP)
vec("documented token, 30 s after exp with 60 s clock tolerance", DOC_TOKEN,
    ok(["SHARE_TOKEN_SESSION_KIND_DEFAULTED"], remainingSeconds=-30), now=DOC_EXP + 30,
    clockToleranceSeconds=60)
vec("documented token, a day later", DOC_TOKEN,
    bad(["SHARE_TOKEN_SESSION_KIND_DEFAULTED", "SHARE_TOKEN_EXPIRED"], 401), now=DOC_EXP + 86400)
vec("documented token, another application", DOC_TOKEN,
    bad(["SHARE_TOKEN_SESSION_KIND_DEFAULTED", "SHARE_TOKEN_WRONG_APPLICATION"], 403),
    now=DOC_IAT + 34, applicationId=OTHER_APP)
vec("documented token, the sharer checks it against its own application", DOC_TOKEN,
    bad(["SHARE_TOKEN_SESSION_KIND_DEFAULTED", "SHARE_TOKEN_WRONG_APPLICATION"], 403),
    now=DOC_IAT + 34, applicationId=FROM_APP)
vec("documented token, 60 s left but 120 s needed", DOC_TOKEN,
    bad(["SHARE_TOKEN_SESSION_KIND_DEFAULTED", "SHARE_TOKEN_EXPIRES_SOON"], 401, remainingSeconds=60),
    now=DOC_EXP - 60, minRemainingSeconds=120)
vec("documented token, clock 100 s behind the issuer", DOC_TOKEN,
    bad(["SHARE_TOKEN_SESSION_KIND_DEFAULTED", "SHARE_TOKEN_ISSUED_IN_FUTURE"], 401),
    now=DOC_IAT - 100)

# --- tokens as Didit mints them today ----------------------------------------------------------
vec("KYC token with session_kind", GOOD, ok(sessionKind="user", sessionKindDefaulted=False,
    ttlSeconds=3600, remainingSeconds=3540), applicationId=FOR_APP)
vec("KYB token", BIZ, ok(sessionKind="business"), applicationId=FOR_APP)
vec("header without typ", mint(claims(), headers={"typ": None}), ok())
vec("shortest TTL", mint(claims(exp=IAT + 60)), ok(ttlSeconds=60), now=IAT + 1)
vec("longest TTL", mint(claims(exp=IAT + 86400)), ok(ttlSeconds=86400))
vec("non-ASCII and escaped characters in an extra claim",
    mint(claims(note="Zoë \"quoted\" \\ \u2028 \U0001F600")),
    ok(["SHARE_TOKEN_UNKNOWN_CLAIMS"]))

# --- header problems ---------------------------------------------------------------------------
P = json.dumps(claims(), separators=(",", ":")).encode()
NONE_HEADER = b64(b'{"alg":"none"}')
vec("alg none, empty signature", f"{NONE_HEADER}.{b64(P)}.",
    bad(["SHARE_TOKEN_ALG_NONE"], 401))
vec("alg None in mixed case", raw_token(b'{"alg":"None","typ":"JWT"}', P),
    bad(["SHARE_TOKEN_ALG_NONE"], 401))
vec("alg HS512 with a 64-byte signature", raw_token(b'{"alg":"HS512","typ":"JWT"}', P, b"\x02" * 64),
    bad(["SHARE_TOKEN_ALG_UNEXPECTED", "SHARE_TOKEN_SIGNATURE_LENGTH"], 401))
vec("alg missing", raw_token(b'{"typ":"JWT"}', P), bad(["SHARE_TOKEN_ALG_MISSING"], 401))
vec("alg is a number", raw_token(b'{"alg":256}', P), bad(["SHARE_TOKEN_ALG_UNEXPECTED"], 401))
vec("typ other than JWT", raw_token(b'{"alg":"HS256","typ":"at+jwt"}', P),
    ok(["SHARE_TOKEN_TYP_UNEXPECTED"]))
vec("header repeats alg", raw_token(b'{"alg":"none","alg":"HS256"}', P),
    ok(["SHARE_TOKEN_DUPLICATE_KEY"]))

# --- malformed ----------------------------------------------------------------------------------
vec("empty string", "", bad(["SHARE_TOKEN_SEGMENTS"], 401))
vec("no dots", "eyJhbGciOiJIUzI1NiJ9", bad(["SHARE_TOKEN_SEGMENTS"], 401))
vec("two segments (signature cut off)", ".".join(GOOD_PARTS[:2]),
    bad(["SHARE_TOKEN_SEGMENTS"], 401, sessionKind="user"))
vec("four segments", GOOD + ".AAAA", bad(["SHARE_TOKEN_SEGMENTS"], 401))
vec("five segments (a JWE)", "a.b.c.d.e", bad(["SHARE_TOKEN_SEGMENTS", "SHARE_TOKEN_BASE64",
    "SHARE_TOKEN_BASE64"], 401))
vec("padding on the payload", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}==.{GOOD_PARTS[2]}"
    if len(GOOD_PARTS[1]) % 4 == 2 else f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}=.{GOOD_PARTS[2]}",
    bad(["SHARE_TOKEN_BASE64"], 401))
vec("standard-base64 characters", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}.{GOOD_PARTS[2][:-2]}+/",
    bad(["SHARE_TOKEN_BASE64"], 401))
vec("a space inside the payload", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1][:10]} {GOOD_PARTS[1][10:]}.{GOOD_PARTS[2]}",
    bad(["SHARE_TOKEN_BASE64"], 401))
SIG_5MOD = GOOD_PARTS[2] + "A" * ((1 - len(GOOD_PARTS[2])) % 4)  # length = 1 (mod 4)
vec("impossible base64 length", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}.{SIG_5MOD}",
    bad(["SHARE_TOKEN_BASE64"], 401))
vec("non-canonical last symbol", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}.{GOOD_PARTS[2][:-1]}F",
    bad(["SHARE_TOKEN_BASE64"], 401))
vec("empty payload", f"{GOOD_PARTS[0]}..{GOOD_PARTS[2]}", bad(["SHARE_TOKEN_JSON"], 401))
vec("payload is a JSON array", raw_token(b'{"alg":"HS256","typ":"JWT"}', b'[1,2,3]'),
    bad(["SHARE_TOKEN_NOT_OBJECT"], 401))
vec("payload is a JSON string", raw_token(b'{"alg":"HS256","typ":"JWT"}', b'"session"'),
    bad(["SHARE_TOKEN_NOT_OBJECT"], 401))
vec("payload is not JSON", raw_token(b'{"alg":"HS256","typ":"JWT"}', b'hello'),
    bad(["SHARE_TOKEN_JSON"], 401))
vec("payload is not UTF-8", raw_token(b'{"alg":"HS256","typ":"JWT"}', b'{"a":"\xff"}'),
    bad(["SHARE_TOKEN_UTF8"], 401))
vec("header is not JSON", raw_token(b'HS256', P), bad(["SHARE_TOKEN_JSON"], 401))
vec("signature of 31 bytes", raw_token(b'{"alg":"HS256","typ":"JWT"}', P, b"\x03" * 31),
    bad(["SHARE_TOKEN_SIGNATURE_LENGTH"], 401))
vec("surrounding whitespace (a paste)", "  " + GOOD + "\n", bad(["SHARE_TOKEN_WHITESPACE"], 401))
vec("token over the 8 KiB limit", mint(claims(pad="x" * 9000)), bad(["SHARE_TOKEN_TOO_LARGE"], 401,
    claims=None))
vec("the same token with the limit raised", mint(claims(pad="x" * 9000)),
    ok(["SHARE_TOKEN_UNKNOWN_CLAIMS"]), maxTokenBytes=65536)

# --- claims --------------------------------------------------------------------------------------
vec("claim repeated (exp twice: Python keeps the last)",
    raw_token(b'{"alg":"HS256","typ":"JWT"}',
              json.dumps(claims(), separators=(",", ":")).encode()[:-1] + b',"exp":1000}'),
    bad(["SHARE_TOKEN_DUPLICATE_KEY", "SHARE_TOKEN_EXPIRED", "SHARE_TOKEN_TTL_OUT_OF_RANGE"], 401))
vec("session_id and for_application_id missing",
    mint(claims(session_id=None, for_application_id=None)),
    bad(["SHARE_TOKEN_CLAIM_MISSING", "SHARE_TOKEN_CLAIM_MISSING"], 401))
vec("exp missing", mint(claims(exp=None)), bad(["SHARE_TOKEN_CLAIM_MISSING"], 401,
    ttlSeconds=None, remainingSeconds=None))
vec("exp as a string", raw_token(b'{"alg":"HS256","typ":"JWT"}',
    json.dumps(claims(exp=str(IAT + 3600)), separators=(",", ":")).encode()),
    bad(["SHARE_TOKEN_CLAIM_TYPE"], 401))
vec("session_id as a number", mint(claims(session_id=12345)), bad(["SHARE_TOKEN_CLAIM_TYPE"], 401))
vec("ids that are not UUIDs", mint(claims(session_id="sess-1", for_application_id="app-2")),
    ok(["SHARE_TOKEN_CLAIM_NOT_UUID", "SHARE_TOKEN_CLAIM_NOT_UUID"]))
vec("iat with a fraction", mint(claims(iat=IAT + 0.5)), ok(["SHARE_TOKEN_CLAIM_NOT_INTEGER"],
    ttlSeconds=3600))
vec("exp far beyond year 9999", mint(claims(exp=10 ** 20)), bad(["SHARE_TOKEN_CLAIM_TYPE"], 401))
vec("TTL beyond a day", mint(claims(exp=IAT + 86401)), ok(["SHARE_TOKEN_TTL_OUT_OF_RANGE"],
    ttlSeconds=86401))
vec("exp before iat", mint(claims(exp=IAT - 1)), bad(["SHARE_TOKEN_EXPIRED",
    "SHARE_TOKEN_TTL_OUT_OF_RANGE"], 401))
vec("unknown session_kind", mint(claims(session_kind="merchant")),
    bad(["SHARE_TOKEN_SESSION_KIND_UNKNOWN"], None, sessionKind=None))
vec("session_kind is a boolean", mint(claims(session_kind=True)), bad(["SHARE_TOKEN_CLAIM_TYPE"], 401,
    sessionKind=None))
vec("undocumented claims", mint(claims(jti="abc", aud="someone")), ok(["SHARE_TOKEN_UNKNOWN_CLAIMS"]))
vec("nbf in the future", mint(claims(nbf=IAT + 600)), bad(["SHARE_TOKEN_UNKNOWN_CLAIMS",
    "SHARE_TOKEN_NOT_YET_VALID"], 401))

# Attach PyJWT's view of every vector.
for v in VECTORS:
    v["pyjwt"] = pyjwt_view(v["token"].strip()) if v["token"].strip() else {"malformed": True,
                                                                           "error": "DecodeError"}

# Tokens minted by PyJWT that our minting must reproduce byte for byte.
MINT = []
for c in [claims(), claims(session_kind="business"), claims(session_kind=None),
          claims(note="Zoë — ünïcode \U0001F600", nested={"a": [1, 2, {"b": None}], "t": True})]:
    MINT.append({"claims": c, "key": KEY, "token": jwt.encode(c, KEY, algorithm="HS256")})

DATA = {
    "comment": "Generated by tests/vectors/share_tokens.py (PyJWT " + jwt.__version__ + "). "
               "options.now is Unix seconds (the JS API takes milliseconds or a Date).",
    "inspect": VECTORS,
    "mint": MINT,
}


def main():
    text = json.dumps(DATA, indent=1, ensure_ascii=False) + "\n"
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("tests/vectors/share_tokens.json is stale: rerun tests/vectors/share_tokens.py")
        print(f"share_tokens.json: {len(VECTORS)} inspection and {len(MINT)} minting vectors agree with PyJWT {jwt.__version__}")
        return
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT}: {len(VECTORS)} inspection vectors, {len(MINT)} minting vectors")


if __name__ == "__main__":
    main()
