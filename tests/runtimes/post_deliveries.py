#!/usr/bin/env python3
"""POST Didit-signed webhook deliveries to a server over real HTTP and check its answers.

    python3 tests/runtimes/post_deliveries.py --url http://127.0.0.1:PORT/path --secret S

Stdlib only. Signs like Didit's Python server, with the current time:
    X-Timestamp     str(now)
    X-Signature-V2  HMAC-SHA256(secret, json.dumps(shorten_floats(json.loads(raw)), sort_keys=True,
                                separators=(",", ":"), ensure_ascii=False))
    X-Signature     HMAC-SHA256(secret, raw body)
Genuine deliveries must get a 2xx answer; tampered, stale and wrongly signed ones 401. Prints one
JSON line {"genuine": n, "rejected": n, "failures": [...]} and exits 1 on any unexpected answer.

    python3 tests/runtimes/post_deliveries.py --emit --secret S

prints the same deliveries as JSON instead ([{"name", "body_b64", "headers", "genuine"}]), for
handlers invoked without HTTP (AWS Lambda events).
"""
from __future__ import annotations

import argparse
import base64
import json
import sys
import time
import urllib.error
import urllib.request
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from didit_reference import canonical, hmac_hex  # noqa: E402  (the one Python reference signer)


def sign(secret: str, raw: bytes, ts: int) -> dict:
    return {"X-Timestamp": str(ts), "X-Signature-V2": hmac_hex(secret, canonical(raw)),
            "X-Signature": hmac_hex(secret, raw)}


def payload(ts: int, i: int) -> dict:
    return {
        "session_id": f"11111111-2222-3333-4444-{i:012d}",
        "status": "Approved",
        "webhook_type": "status.updated",
        "timestamp": ts,
        "created_at": ts - 6,
        "vendor_data": f"user-{i}",
        "metadata": {"name": "José Müller 日本", "10": "ten", "2": "two", "emoji 😀": True},
        "decision": {"face_matches": [{"score": 92.0, "status": "Approved"}],
                     "liveness_checks": [{"score": 89.92, "tiny": 1e-05}],
                     "aml": {"total_hits": 0, "score": 1e22}},
    }


def post(url: str, raw: bytes, headers: dict) -> int:
    req = urllib.request.Request(url, data=raw, method="POST",
                                 headers={"Content-Type": "application/json", **headers})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--url")
    ap.add_argument("--secret", required=True)
    ap.add_argument("--emit", action="store_true", help="print the deliveries as JSON, post nothing")
    args = ap.parse_args()
    if not args.emit and not args.url:
        ap.error("--url is required (or --emit)")
    now = int(time.time())
    cases = []
    for i in range(6):
        p = payload(now, i)
        # As Didit sends them (compact, sorted, ASCII-escaped), and in other valid spellings.
        spellings = [
            json.dumps(p, sort_keys=True, separators=(",", ":"), ensure_ascii=True),
            json.dumps(p, ensure_ascii=False),
            json.dumps(p, indent=2),
        ]
        raw = spellings[i % 3].encode()
        h = sign(args.secret, raw, now)
        cases.append((f"genuine #{i}", raw, h, True))
        cases.append((f"tampered status #{i}", raw.replace(b"Approved", b"Declined", 1), h, False))
        cases.append((f"tampered vendor_data #{i}", raw.replace(f"user-{i}".encode(), b"user-0x", 1), h, False))
        cases.append((f"wrong secret #{i}", raw, sign(args.secret + "x", raw, now), False))
        old = now - 3600
        p_old = payload(old, i)
        raw_old = json.dumps(p_old, sort_keys=True, separators=(",", ":")).encode()
        cases.append((f"stale #{i}", raw_old, sign(args.secret, raw_old, old), False))
    # Larger deliveries (over 4 KB: in workerd, verifyRequest has Web Crypto compute their HMAC),
    # in Didit's wire format, with escaped non-ASCII names and in plain ASCII.
    for i, name in enumerate(["José Müller", "Jose Muller"]):
        p = payload(now, 10 + i)
        p["metadata"] = {"name": name}
        p["decision"]["aml"]["hits"] = [{"name": f"{name} {k}", "score": 0.5 + k / 100, "datasets": ["PEP"],
                                         "summary": "Lorem ipsum dolor sit amet " * 8} for k in range(40)]
        raw = json.dumps(p, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()
        h = sign(args.secret, raw, now)
        cases.append((f"genuine large #{i}", raw, h, True))
        cases.append((f"tampered large #{i}", raw.replace(b"user-1", b"user-9", 1), h, False))
        cases.append((f"wrong secret large #{i}", raw, sign(args.secret + "x", raw, now), False))
    if args.emit:
        print(json.dumps([{"name": name, "body_b64": base64.b64encode(raw).decode(), "headers": headers,
                           "genuine": genuine} for name, raw, headers, genuine in cases]))
        return 0
    failures = []
    counts = {"genuine": 0, "rejected": 0}
    for name, raw, headers, genuine in cases:
        status = post(args.url, raw, headers)
        ok = 200 <= status < 300 if genuine else status == 401
        if ok:
            counts["genuine" if genuine else "rejected"] += 1
        else:
            failures.append(f"{name}: HTTP {status}")
    print(json.dumps({**counts, "failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
