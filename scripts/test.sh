#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, builds pkg/, then runs
# the Rust tests, lints, the vector oracle check, the Node tests (Node 20, 22 and 24) on the
# built package, the differential test against Python, the demo and a benchmark smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "build (installs the wasm target and wasm-bindgen-cli when missing)"
bash scripts/build.sh

step "npm dev tools (Node 22 and 24 binaries)"
npm ci --no-audit --no-fund --loglevel=error

step "Rust: unit, vector and error tests"
cargo test --locked

step "Rust: clippy (native and wasm32), rustfmt"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown -- -D warnings
cargo fmt --check
# Typed models stay behind the `models` feature (the verification-only build leaves them out).
cargo clippy --locked --all-targets --no-default-features -- -D warnings

step "vectors: tests/vectors/canonical.json still agrees with this machine's CPython"
python3 tests/vectors/generate.py --check
python3 samples/make_samples.py --check
python3 tests/fixtures/make_fixtures.py --check

for node in node node_modules/node22/bin/node node_modules/node24/bin/node; do
  step "Node $($node --version): package tests and differential test against Python"
  "$node" --test --test-reporter=spec tests/js/*.test.mjs
done

step "demo"
node examples/demo.mjs > /dev/null

step "benchmark smoke run (figures only; nothing is asserted about time)"
node bench/verify.mjs --quick
node bench/models.mjs --quick

printf '\nall tests passed\n'
