#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets (fuzz/corpus/<target>/), from the shared vectors
(tests/vectors/canonical.json), the sample deliveries (samples/deliveries.json), the share-token
vectors (tests/vectors/share_tokens.json) and the typed-model fixtures (tests/fixtures/).

    python3 fuzz/make_corpus.py          # rewrite fuzz/corpus/
    python3 fuzz/make_corpus.py --check  # fail if the committed corpus differs (run by the suite)

The corpus stays small on purpose: libFuzzer grows its working copy in fuzz/target/ (not
committed). Inputs of the verify_webhook target follow the layout documented on
`verify_webhook` in tests/support/targets.rs:
    flags, skew (i16 LE), tolerance, secret_len, secret, templates_len, templates, body
"""
import base64
import json
import os
import re
import shutil
import struct
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MAX_SEED = 8192  # bytes; the long vectors stay in the Rust and JS vector tests


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]


def webhook_input(flags, skew, tolerance, secret, templates, body):
    tpl = "\n".join(templates).encode("utf-8")
    assert len(secret) < 256 and len(tpl) < 256
    return (bytes([flags]) + struct.pack("<h", skew) + bytes([tolerance, len(secret)]) + secret
            + bytes([len(tpl)]) + tpl + body)


def seeds():
    vectors = json.load(open(os.path.join(ROOT, "tests/vectors/canonical.json"), encoding="utf-8"))["vectors"]
    samples = json.load(open(os.path.join(ROOT, "samples/deliveries.json"), encoding="utf-8"))
    canon = {}
    for v in vectors:
        body = base64.b64decode(v["body_b64"])
        if len(body) <= MAX_SEED:
            canon["vector-" + slug(v["name"])] = body
    for d in samples["deliveries"]:
        canon["sample-" + d["name"]] = d["body"].encode("utf-8")

    secret = samples["secret"].encode("utf-8")
    hooks = {}
    bodies = [(d["name"], d["body"].encode("utf-8")) for d in samples["deliveries"][:6]]
    bodies.append(("small", b'{"session_id":"s-1","status":"Approved","timestamp":1774970000,"webhook_type":"status.updated"}'))
    bodies.append(("unsorted-escaped", b'{"timestamp":1774970000,"status":"Approved","name":"Jos\\u00e9","session_id":"s"}'))
    bodies.append(("no-timestamp", b'{"b":[1.0,2.5e-7],"a":"\\ud83d\\ude00"}'))
    # (flags, skew, tolerance, secret, templates, what it exercises)
    variants = [
        (0x0F, 10, 255, secret, [], "all-headers"),
        (0x0D, -30, 60, secret, [], "v1-and-simple"),
        (0x19, 0, 0, secret, [], "simple-allowed"),
        (0x63, 5, 10, b"k", [], "wrong-secret-first-uppercase"),
        (0x83, 200, 100, secret, [], "explicit-timestamp-stale"),
        (0x0F, 0, 255, secret, [" @\t", "@,@", "", "x"], "templated-headers"),
        (0x03, 0, 255, secret, ["", "", "", "", "X-Timestamp: 1774970000", "x-signature-v2: 00"], "pairs"),
    ]
    for i, (name, body) in enumerate(bodies):
        flags, skew, tol, sec, tpl, what = variants[i % len(variants)]
        hooks[f"{what}-{name}"] = webhook_input(flags, skew, tol, sec, tpl, body)
    for flags, skew, tol, sec, tpl, what in variants:
        hooks[f"{what}-small"] = webhook_input(flags, skew, tol, sec, tpl, bodies[-3][1])
    tokens, parsed = token_seeds(), model_seeds()
    return {"canonicalize": canon, "verify_webhook": hooks,
            "inspect_share_token": tokens, "parse_models": parsed}


def token_seeds():
    """inspect_share_token inputs: a flags byte (see the target), then a token or a payload."""
    doc = json.load(open(os.path.join(ROOT, "tests/vectors/share_tokens.json"), encoding="utf-8"))
    out = {}
    for i, v in enumerate(doc["inspect"]):
        # Judge the documented tokens at their own time (bit 4), the others at the minted time.
        documented = v["options"].get("now", 0) < 1_760_000_000
        flags = (0x10 if documented else 0) | (0x01 if v["options"].get("applicationId") else 0)
        flags |= (i % 8) << 5 if i % 3 == 0 else 0x80
        tok = v["token"].encode("utf-8")
        if len(tok) <= MAX_SEED:
            out[f"inspect-{i:02d}-{slug(v['name'])}"] = bytes([flags]) + tok
    for i, m in enumerate(doc["mint"]):
        claims = json.dumps(m["claims"], separators=(",", ":"), ensure_ascii=False).encode("utf-8")
        out[f"mint-{i:02d}-claims"] = bytes([0x81 | (i % 4) << 1]) + claims
    out["mint-escapes"] = bytes([0x80]) + (r'{"name":"Jos\u00e9","emoji":"\ud83d\ude00","esc":"\u007f","raw":"'
                                            + "é😀\x7f" + '"}').encode("utf-8")
    return out


def model_seeds():
    """parse_models inputs: the typed-model fixtures as they are (bodies of every shape)."""
    fixtures = os.path.join(ROOT, "tests/fixtures")
    out = {}
    for name in sorted(os.listdir(fixtures)):
        if name.endswith((".json", ".txt")) and name not in ("cases.json", "invalid.json"):
            with open(os.path.join(fixtures, name), "rb") as f:
                body = f.read()
            if len(body) <= MAX_SEED:
                out[slug(name)] = body
    invalid = json.load(open(os.path.join(fixtures, "invalid.json"), encoding="utf-8"))["cases"]
    for c in invalid:
        body = c["body"].encode("utf-8")
        if len(body) <= MAX_SEED:
            out["invalid-" + slug(c["name"])] = body
    return out


def write(dest):
    for target, files in seeds().items():
        d = os.path.join(dest, target)
        os.makedirs(d, exist_ok=True)
        for name, data in sorted(files.items()):
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)


def snapshot(dest):
    out = {}
    for target in sorted(os.listdir(dest)):
        for name in sorted(os.listdir(os.path.join(dest, target))):
            with open(os.path.join(dest, target, name), "rb") as f:
                out[f"{target}/{name}"] = f.read()
    return out


def main():
    corpus = os.path.join(HERE, "corpus")
    if "--check" in sys.argv:
        with tempfile.TemporaryDirectory() as tmp:
            write(tmp)
            if snapshot(tmp) != snapshot(corpus):
                sys.exit("fuzz/corpus differs from what fuzz/make_corpus.py writes; rerun it")
        print("fuzz/corpus is up to date")
        return
    shutil.rmtree(corpus, ignore_errors=True)
    write(corpus)
    n = sum(len(files) for files in seeds().values())
    print(f"wrote {n} seeds to fuzz/corpus/")


if __name__ == "__main__":
    main()
