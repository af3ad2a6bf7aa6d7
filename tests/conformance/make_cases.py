#!/usr/bin/env python3
"""Assemble the shared conformance cases every runtime runs (tests/conformance/runner.mjs).

    python3 tests/conformance/make_cases.py --out cases.json

Stdlib only; every expected value comes from CPython: the canonical vectors
(tests/vectors/canonical.json), the webhook vectors (tests/vectors/webhook.json) and a seeded
batch of adversarial deliveries signed with Python's json and hmac by
tests/differential/gen_cases.py. The output is deterministic.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
DELIVERIES = 150
MAX_CASE_BYTES = 64 * 1024  # keeps the file small enough for every runtime to load quickly
SEED = 5


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    canonical = json.loads((ROOT / "tests/vectors/canonical.json").read_text("utf-8"))["vectors"]
    webhook = json.loads((ROOT / "tests/vectors/webhook.json").read_text("utf-8"))["vectors"]
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "cases.jsonl"
        subprocess.run(
            [sys.executable, str(ROOT / "tests/differential/gen_cases.py"), "--out", str(out),
             "--count", str(DELIVERIES), "--seed", str(SEED)],
            check=True, stderr=subprocess.DEVNULL,
        )
        deliveries = [json.loads(line) for line in out.read_text("utf-8").splitlines()
                      if line and len(line) <= MAX_CASE_BYTES]
    cases = {"canonical": canonical, "webhook": webhook, "deliveries": deliveries}
    pathlib.Path(args.out).write_text(json.dumps(cases, ensure_ascii=True), "utf-8")
    print(f"conformance cases: {len(canonical)} canonical, {len(webhook)} webhook, "
          f"{len(deliveries)} deliveries", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
