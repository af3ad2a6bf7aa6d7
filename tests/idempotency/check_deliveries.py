#!/usr/bin/env python3
"""Checks simulated deliveries against CPython itself: each body must be exactly what Didit's
Python signer sends (json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"),
ensure_ascii=True)), and each of the four headers must be what Python computes.
Reads JSON lines ({"headers", "body", ...}) on stdin; prints one JSON summary line.
    python3 check_deliveries.py SECRET < deliveries.jsonl
"""
import hashlib
import hmac
import json
import math
import sys
import os
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from didit_reference import shorten_floats  # noqa: E402  (the one Python reference signer)


def sign(secret, message):
    return hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


def main():
    secret = sys.argv[1]
    checked, failures = 0, []
    for line in sys.stdin:
        if not line.strip():
            continue
        d = json.loads(line)
        body, headers = d["body"], d["headers"]
        where = f'event {d["event"]} {d["label"]} {d["kind"]} {d["attempt"]}'
        obj = json.loads(body)
        wire = json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        if wire != body:
            failures.append(f"{where}: body is not Python's wire form")
        v2 = json.dumps(shorten_floats(obj), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        simple = ":".join(str(obj.get(k) or "") for k in ("timestamp", "session_id", "status", "webhook_type"))
        expected = {
            "X-Signature": sign(secret, body),
            "X-Signature-V2": sign(secret, v2),
            "X-Signature-Simple": sign(secret, simple),
            "X-Timestamp": str(obj.get("timestamp")),
        }
        for name, value in expected.items():
            if headers.get(name) != value:
                failures.append(f"{where}: {name} differs from Python's")
        for field in ("timestamp", "created_at", "event_id", "webhook_type"):
            if field not in obj:
                failures.append(f"{where}: no {field}")
        checked += 1
    print(json.dumps({"checked": checked, "failures": failures[:20]}))


if __name__ == "__main__":
    main()
