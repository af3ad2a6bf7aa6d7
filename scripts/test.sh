#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, builds pkg/, then runs
# the Rust tests (with the hostile inputs and the fuzz corpus replay), lints, the vector oracle
# checks, a fuzzing smoke run, the Node tests (Node 20, 22 and 24) on the built package
# (boundary, hostile inputs, secrets, and the differential test against Python), the demo, a
# soak run and a benchmark smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "build (installs the wasm target and wasm-bindgen-cli when missing)"
bash scripts/build.sh

step "npm dev tools (Node 22 and 24 binaries)"
npm ci --no-audit --no-fund --loglevel=error

step "Rust: unit, vector, error, hostile-input, secrets and fuzz-replay tests"
cargo test --locked

step "Rust: clippy (native and wasm32), rustfmt"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown -- -D warnings
cargo fmt --check

step "vectors: the committed vectors, hostile cases and fuzz seeds still agree with this machine's CPython"
python3 tests/vectors/generate.py --check
python3 samples/make_samples.py --check
python3 tests/vectors/hostile.py --check
python3 fuzz/make_corpus.py --check

step "fuzzing smoke run: committed corpus and regressions, then 30 s per target (nightly, cargo-fuzz)"
bash scripts/fuzz.sh 30

for node in node node_modules/node22/bin/node node_modules/node24/bin/node; do
  step "Node $($node --version): package tests and differential test against Python"
  "$node" --test --test-reporter=spec tests/js/*.test.mjs
done

step "demo"
node examples/demo.mjs > /dev/null

step "soak smoke run: 20,000 mixed deliveries, every verdict checked, wasm memory must stay flat"
node bench/soak.mjs --quick

step "benchmark smoke run (figures only; nothing is asserted about time)"
node bench/verify.mjs --quick

printf '\nall tests passed\n'
