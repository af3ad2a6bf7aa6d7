"""Didit's webhook signer as its Python server computes it: the one reference that every generator
and oracle in this repository imports (the vectors, the samples, the hostile cases, the
differential cases, the runtime and simulator checks).

X-Signature-V2 is HMAC-SHA256 over
    json.dumps(shorten_floats(json.loads(body)), sort_keys=True, separators=(",", ":"),
               ensure_ascii=False)
(Didit's webhook documentation; `../shared/reference/didit-api.md` section 1.4.3). Scripts
import it with `sys.path.insert(0, <repo>/tests/python)`.
"""

import hashlib
import hmac
import json


def shorten_floats(v):
    """Whole floats become ints, recursively (92.0 -> 92, 1e22 -> 10000000000000000000000)."""
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, dict):
        return {k: shorten_floats(x) for k, x in v.items()}
    if isinstance(v, list):
        return [shorten_floats(x) for x in v]
    return v


def canonical(body, ascii: bool = False, allow_nan: bool = True) -> bytes:
    """What X-Signature-V2 signs (`ascii=True`: the ensure_ascii variant). `body` is the raw body
    as bytes or str. `allow_nan=False` refuses numbers that overflow to inf (Python would write the
    non-JSON `Infinity`) with ValueError."""
    return json.dumps(shorten_floats(json.loads(body)), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=ascii, allow_nan=allow_nan).encode("utf-8")


def hmac_hex(secret: str, message: bytes) -> str:
    """HMAC-SHA256 of `message` with the secret's UTF-8 bytes, as lowercase hex."""
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
