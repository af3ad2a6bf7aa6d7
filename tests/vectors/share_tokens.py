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


def pyjwt_accepts(token):
    """Whether PyJWT's decode() with our key accepts the string exactly as given, times not
    judged (those depend on Didit's clock): the structural half of 'would Didit's import take it'.
    Only meaningful for tokens signed with KEY (every mint() and its pasted forms)."""
    try:
        jwt.decode(token, KEY, algorithms=["HS256"],
                   options={"verify_exp": False, "verify_iat": False, "verify_nbf": False})
        return True
    except jwt.exceptions.PyJWTError:
        return False


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
# Didit stamps iat with the clock that judges it: a lead only measures our skew (item: clock skew).
vec("documented token, clock 100 s behind the issuer (a warning: our clock looks wrong)", DOC_TOKEN,
    ok(["SHARE_TOKEN_SESSION_KIND_DEFAULTED", "SHARE_TOKEN_ISSUED_IN_FUTURE"]),
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
    bad(["SHARE_TOKEN_TRUNCATED"], 401, sessionKind="user"))
vec("four segments", GOOD + ".AAAA", bad(["SHARE_TOKEN_SEGMENTS"], 401))
vec("five segments (a JWE)", "a.b.c.d.e", bad(["SHARE_TOKEN_SEGMENTS", "SHARE_TOKEN_BASE64",
    "SHARE_TOKEN_BASE64"], 401))
vec("padding on the payload", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}==.{GOOD_PARTS[2]}"
    if len(GOOD_PARTS[1]) % 4 == 2 else f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}=.{GOOD_PARTS[2]}",
    bad(["SHARE_TOKEN_BASE64"], 401))
vec("standard-base64 characters", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1]}.{GOOD_PARTS[2][:-2]}+/",
    bad(["SHARE_TOKEN_BASE64"], 401))
vec("a space inside the payload", f"{GOOD_PARTS[0]}.{GOOD_PARTS[1][:10]} {GOOD_PARTS[1][10:]}.{GOOD_PARTS[2]}",
    bad(["SHARE_TOKEN_WRAPPED"], 401, sessionKind="user", unwrappedToken=GOOD))
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
vec("signature of 31 bytes (42 characters: reads as cut off)",
    raw_token(b'{"alg":"HS256","typ":"JWT"}', P, b"\x03" * 31), bad(["SHARE_TOKEN_TRUNCATED"], 401))
vec("signature of 33 bytes", raw_token(b'{"alg":"HS256","typ":"JWT"}', P, b"\x03" * 33),
    bad(["SHARE_TOKEN_SIGNATURE_LENGTH"], 401))
# Whether Didit trims whitespace is not documented (DRF's CharField would; PyJWT alone refuses).
vec("surrounding whitespace (a paste)", "  " + GOOD + "\n", bad(["SHARE_TOKEN_WHITESPACE"], None))
vec("token over the 8 KiB limit", mint(claims(pad="x" * 9000)), bad(["SHARE_TOKEN_TOO_LARGE"], None,
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
# PyJWT reads times with int(), which takes a string of digits: a warning, not a refusal.
vec("exp as a string of digits", mint(claims(exp=str(IAT + 3600))),
    ok(["SHARE_TOKEN_CLAIM_TIME_STRING"], ttlSeconds=3600, remainingSeconds=3540))
vec("iat as a string with spaces and a sign", mint(claims(iat=" +" + str(IAT) + " ")),
    ok(["SHARE_TOKEN_CLAIM_TIME_STRING"], ttlSeconds=3600))
vec("exp as a string with digit separators", mint(claims(exp="1_774_973_600")),
    ok(["SHARE_TOKEN_CLAIM_TIME_STRING"], ttlSeconds=3600))
vec("exp as a string that is not an integer", mint(claims(exp=str(IAT + 3600) + ".5")),
    bad(["SHARE_TOKEN_CLAIM_TYPE"], 401))
vec("exp as a word", mint(claims(exp="tomorrow")), bad(["SHARE_TOKEN_CLAIM_TYPE"], 401))
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
vec("undocumented claims", mint(claims(jti="abc", sub="someone")), ok(["SHARE_TOKEN_UNKNOWN_CLAIMS"]))
# PyJWT refuses a token with `aud` when decode() is given no audience (Didit documents none).
vec("an aud claim", mint(claims(aud="someone")),
    bad(["SHARE_TOKEN_AUD_PRESENT", "SHARE_TOKEN_UNKNOWN_CLAIMS"], 401))
vec("an aud claim that is a list", mint(claims(aud=[FOR_APP])),
    bad(["SHARE_TOKEN_AUD_PRESENT", "SHARE_TOKEN_UNKNOWN_CLAIMS"], 401))
vec("nbf in the future", mint(claims(nbf=IAT + 600)), bad(["SHARE_TOKEN_UNKNOWN_CLAIMS",
    "SHARE_TOKEN_NOT_YET_VALID"], 401))

# --- clock skew: iat ahead of our clock -----------------------------------------------------------
# Allowance 60 s (IAT_LEAD_ALLOWANCE_SECONDS); beyond it a warning, never an error.
for lead in (1, 3, 30, 60):
    vec(f"iat {lead} s ahead of our clock", GOOD, ok(), now=IAT - lead, applicationId=FOR_APP)
for lead in (61, 600, 2 * 86400):
    vec(f"iat {lead} s ahead of our clock (warning)", GOOD, ok(["SHARE_TOKEN_ISSUED_IN_FUTURE"]),
        now=IAT - lead, applicationId=FOR_APP)
vec("iat 100 s ahead within a 120 s clock tolerance", GOOD, ok(), now=IAT - 100,
    clockToleranceSeconds=120)
vec("nbf 3 s ahead is still an error (Didit checks it; it never sets it)",
    mint(claims(nbf=IAT + 63)), bad(["SHARE_TOKEN_UNKNOWN_CLAIMS", "SHARE_TOKEN_NOT_YET_VALID"], 401))

# --- tokens as people paste them -------------------------------------------------------------------
def wrapped(name, text, layers=1, after=(), status=401):
    codes = ["SHARE_TOKEN_WRAPPED"] * layers + list(after)
    vec(f"pasted: {name}", text, bad(codes, status, sessionKind="user", unwrappedToken=GOOD,
        remainingSeconds=3540), applicationId=FOR_APP)


wrapped("Bearer prefix", "Bearer " + GOOD)
wrapped("bearer in lower case", "bearer " + GOOD)
wrapped("Bearer and a tab", "Bearer\t" + GOOD)
wrapped("BEARER and two spaces", "BEARER  " + GOOD)
wrapped("JWT scheme", "JWT " + GOOD)
wrapped("Authorization header line with Bearer", "Authorization: Bearer " + GOOD, layers=2)
wrapped("authorization header without a space", "authorization:Bearer " + GOOD, layers=2)
wrapped("Authorization header line, no scheme", "Authorization: " + GOOD)
wrapped("header line copied with its newline", "Authorization: Bearer " + GOOD + "\r\n", layers=2,
        after=["SHARE_TOKEN_WHITESPACE"])
wrapped("double quotes", '"' + GOOD + '"')
wrapped("single quotes", "'" + GOOD + "'")
wrapped("backticks", "`" + GOOD + "`")
wrapped("quotes around Bearer", '"Bearer ' + GOOD + '"', layers=2)
wrapped("quotes and a trailing newline", '"' + GOOD + '"\n', after=["SHARE_TOKEN_WHITESPACE"])
wrapped("whole URL, ?token=", "https://partner.example/import?token=" + GOOD)
wrapped("URL with share_token among other parameters",
        "https://partner.example/cb?a=1&share_token=" + GOOD + "&lang=en")
wrapped("URL fragment", "https://partner.example/#token=" + GOOD)
wrapped("URL with the dots percent-encoded", "https://partner.example/cb?jwt=" + GOOD.replace(".", "%2E"))
wrapped("bare query string", "?token=" + GOOD)
wrapped("share_token=", "share_token=" + GOOD)
wrapped("query parameter with another name", "session=abc&t0=" + GOOD)
wrapped("the import request body", json.dumps({"share_token": GOOD, "workflow_id": SESSION,
                                               "trust_review": False}))
wrapped("broken over lines every 64 characters", "\n".join(GOOD[i:i + 64] for i in range(0, len(GOOD), 64)))
wrapped("broken over CRLF lines", "\r\n".join(GOOD[i:i + 76] for i in range(0, len(GOOD), 76)))
wrapped("broken over indented lines", "\n    ".join(GOOD[i:i + 50] for i in range(0, len(GOOD), 50)))
wrapped("shell line continuation", " \\\n".join(GOOD[i:i + 70] for i in range(0, len(GOOD), 70)))
wrapped("text before it", "share token: " + GOOD)
wrapped("text after it", GOOD + " (expires in 1 h)")
wrapped("angle brackets", "<" + GOOD + ">")

# --- tokens missing their last characters ---------------------------------------------------------
for cut in (1, 2, 3, 10, 42):
    vec(f"the last {cut} characters missing", GOOD[:-cut], bad(["SHARE_TOKEN_TRUNCATED"], 401,
        sessionKind="user"))
vec("cut off right after the payload's dot", GOOD_PARTS[0] + "." + GOOD_PARTS[1] + ".",
    bad(["SHARE_TOKEN_SIGNATURE_LENGTH"], 401))
for cut in (1, 5, 40):
    vec(f"cut off {cut} characters into the end of the payload",
        GOOD_PARTS[0] + "." + GOOD_PARTS[1][:-cut], bad(["SHARE_TOKEN_TRUNCATED"], 401, claims=None))
vec("a truncated token wrapped in Bearer", "Bearer " + GOOD[:-4],
    bad(["SHARE_TOKEN_WRAPPED", "SHARE_TOKEN_TRUNCATED"], 401, unwrappedToken=GOOD[:-4]))
vec("not a token cut off: two segments of noise", "payload.signature", bad(["SHARE_TOKEN_SEGMENTS",
    "SHARE_TOKEN_BASE64", "SHARE_TOKEN_BASE64"], 401))

# --- padding on the signature segment only: depends on Didit's decoder --------------------------
vec("signature with one = (PyJWT accepts it)", GOOD + "=", bad(["SHARE_TOKEN_SIGNATURE_PADDING"], None))
vec("signature with == (PyJWT refuses it)", GOOD + "==", bad(["SHARE_TOKEN_SIGNATURE_PADDING"], None))

# Attach PyJWT's view of every vector.
for v in VECTORS:
    v["pyjwt"] = pyjwt_view(v["token"].strip()) if v["token"].strip() else {"malformed": True,
                                                                           "error": "DecodeError"}
    v["pyjwt"]["acceptsWithKey"] = pyjwt_accepts(v["token"])
    # The token inside, as Didit minted it (wrapping and signature padding taken off), is ours.
    inner = v["expect"].get("unwrappedToken") or v["token"].strip().rstrip("=")
    v["pyjwt"]["signedWithKey"] = pyjwt_accepts(inner)

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
