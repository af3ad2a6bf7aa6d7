#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, builds pkg/, then runs
# the Rust tests (with the hostile inputs and the fuzz corpus replay), lints, the vector oracle
# checks, a fuzzing smoke run, the Node tests (Node 20, 22 and 24) on the built package
# (boundary, hostile inputs, secrets, share tokens, typed models, and the differential tests
# against Python and PyJWT), the packed tarball in every runtime (tests/runtimes) and in every
# framework and bundler (tests/integrations), the framework guide's examples with the real
# frameworks (tests/frameworks), idempotency on real stores and the delivery simulator
# (tests/idempotency), the size figures, the demo, a soak run and a benchmark smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "npm dev tools (wasm-opt, Node 22/24, TypeScript, publint, attw, workerd, Deno, Bun, Playwright...)"
# Not `npm ci`: it wants every platform's optional binaries of deno and workerd in the lock, which
# records the linux-x64 ones only; `npm install` installs exactly the locked versions.
npm install --no-audit --no-fund --loglevel=error

step "build (installs the wasm target and wasm-bindgen-cli when missing)"
bash scripts/build.sh

step "Rust: unit, vector, error, hostile-input, secrets and fuzz-replay tests"
cargo test --locked

step "Rust: clippy (native and wasm32), rustfmt"
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown -- -D warnings
# What scripts/build.sh compiles: no std (the prelude and panic handler of src/lib.rs).
cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features --features share-token,models,tools -- -D warnings
cargo clippy --locked --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings
# ...and as it compiles them, in release: code that only debug builds use (the scanner's loop,
# which checks the canonical writer there) must not warn in the shipped build.
cargo clippy --locked --lib --release --target wasm32-unknown-unknown --no-default-features -- -D warnings
cargo fmt --check
# Typed models stay behind the `models` feature (the verification-only build leaves them out).
cargo clippy --locked --all-targets --no-default-features -- -D warnings
# Docs, private items included: every intra-doc link resolves and names one item.
RUSTDOCFLAGS=-Dwarnings cargo doc --locked --no-deps --document-private-items

step "vectors: the committed vectors, hostile cases and fuzz seeds still agree with this machine's CPython"
python3 tests/vectors/generate.py --check
python3 samples/make_samples.py --check
python3 tests/fixtures/make_fixtures.py --check

step "vectors: tests/vectors/share_tokens.json still agrees with PyJWT (installed into target/py)"
PY=$(bash scripts/python.sh)
export DIDIT_KIT_PYTHON="$PY"
"$PY" tests/vectors/share_tokens.py --check
python3 tests/vectors/hostile.py --check
python3 fuzz/make_corpus.py --check

step "fuzzing smoke run: committed corpus and regressions, then 30 s per target (nightly, cargo-fuzz)"
bash scripts/fuzz.sh 30

for node in node node_modules/node22/bin/node node_modules/node24/bin/node; do
  step "Node $($node --version): package tests and differential test against Python"
  "$node" --test --test-reporter=spec tests/js/*.test.mjs
done

step "packed tarball in every runtime: Node 20/22/24 (CJS, ESM), Express and node:http, TypeScript, Deno, Bun, workerd, Chromium; publint, attw"
if [ ! -x /usr/bin/chromium ]; then
  # Debian's Chromium, driven by playwright-core (which downloads no browser of its own).
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
node --test --test-reporter=spec tests/runtimes/*.test.mjs

step "integrations from the packed tarball, production builds with pinned tools: Next.js (Turbopack + next start, webpack + standalone; App Router Node and edge, Pages Router), Vite and webpack in Chromium, esbuild single files (CJS, ESM), AWS Lambda as CDK bundles it, Vercel edge-runtime, wrangler dev + Hono"
# Each fixture (tests/integrations/<name>/) is installed from its lockfile once into
# target/integrations/<name>-<lockfile hash>/; the builds run one after the other.
node --test --test-reporter=spec --test-concurrency=1 tests/integrations/*.test.mjs

step "frameworks: the guide's examples (docs/frameworks.md) from the packed tarball with Fastify, Koa, NestJS, Google Cloud Functions (real servers on 127.0.0.1) and AWS Lambda events"
# The frameworks are pinned in tests/frameworks/package-lock.json, installed once into target/frameworks/.
node --test --test-reporter=spec tests/frameworks/*.test.mjs
node scripts/check-doc-links.mjs   # README.md and docs/*.md: every relative link and #anchor resolves (the examples' copies are checked by the test above)

step "idempotency on real stores (redis-server via ioredis/node-redis/REST, Durable Objects in workerd) and the delivery simulator driving the Express, Fetch and Workers examples"
# Installs redis-server (apt-get) and the pinned Redis clients (tests/idempotency/fixture) when missing.
node --test --test-reporter=spec tests/idempotency/*.test.mjs

step "the didit-kit CLI from the installed tarball, and the devtools page in Chromium (screenshots into docs/)"
node --test --test-reporter=spec tests/devtools/*.test.mjs

step "sizes (raw and gzip; targets: verify module <= 32 KB gzip, full <= 64 KB gzip); the size table in docs/runtimes.md must match the build"
node scripts/size.mjs
node scripts/size.mjs --check

step "demo"
demo_out=$(node examples/demo.mjs)
# Every explanation it prints names real values (a field it misread would print NaN or undefined).
if grep -nE 'NaN|undefined' <<<"$demo_out"; then
  echo "the demo printed a value it could not read (above)" >&2
  exit 1
fi

step "soak smoke run: 20,000 mixed deliveries, every verdict checked, wasm memory must stay flat; sorting-path memory per body byte"
node bench/soak.mjs --quick

step "cost of one hostile request per fresh process (peak and kept memory asserted; CPU printed)"
node bench/hostile-cost.mjs --quick

step "load: Express, a Fetch handler and workerd under genuine + hostile traffic, also memory-limited (no genuine delivery lost)"
node bench/load.mjs

step "benchmark smoke run (figures only; nothing is asserted about time)"
node bench/verify.mjs --quick
node bench/startup.mjs --runs 3
node bench/runtimes.mjs --quick
node bench/tokens.mjs --quick
node bench/models.mjs --quick
node bench/bounds.mjs --quick
# The A/B harness against itself: it must run, and it fails if the two packages disagree.
node bench/ab.mjs pkg pkg --quick
# The profiler (its own named build, in target/profile), with the writer's steps kept apart.
node bench/profile.mjs re --size=2 --calls=2000 --phases

printf '\nall tests passed\n'
