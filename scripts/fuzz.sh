#!/usr/bin/env bash
# Fuzzes every target in fuzz/ (cargo-fuzz, libFuzzer, nightly Rust) for a given time each.
#   bash scripts/fuzz.sh [seconds-per-target] [target...]     (default: 60 s, every target)
# First replays the committed corpus (fuzz/corpus/<target>/) and the crash regressions
# (tests/fuzz_regressions/<target>/), then fuzzes from a working copy in fuzz/target/work/
# (never committed; reused by later runs, so longer campaigns accumulate). Installs the nightly
# toolchain and cargo-fuzz when missing. A crash stops the run and leaves the input in
# fuzz/artifacts/<target>/: turn it into a regression (see README, "Security").
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[fuzz] $*" >&2; }
seconds=${1:-60}
shift || true

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  log "installing the nightly toolchain (libFuzzer needs -Z flags)"
  rustup toolchain install nightly --profile minimal >&2
fi
want_fuzz=0.13.2
if [ "$(cargo fuzz --version 2>/dev/null | awk '{ print $2 }')" != "$want_fuzz" ]; then
  log "installing cargo-fuzz $want_fuzz"
  cargo install cargo-fuzz --version "$want_fuzz" --locked >&2
fi

# cargo-fuzz has no --locked: fail here if fuzz/Cargo.lock is not current, instead of editing it.
cargo +nightly metadata --locked --format-version 1 --manifest-path fuzz/Cargo.toml >/dev/null

if [ $# -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi
# The targets are safe Rust (the core forbids `unsafe`): what libFuzzer hunts here is panics,
# overflow (debug assertions are on) and disagreement with the reference model, so no
# AddressSanitizer, which would halve the executions per second.
flags=(--sanitizer none)
log "building ${targets[*]}"
cargo +nightly fuzz build "${flags[@]}" >&2

for t in "${targets[@]}"; do
  mkdir -p "fuzz/target/work/$t" "tests/fuzz_regressions/$t"
  log "$t: replaying the committed corpus and the regressions"
  cargo +nightly fuzz run "${flags[@]}" "$t" "fuzz/corpus/$t" "tests/fuzz_regressions/$t" -- \
    -runs=0 -rss_limit_mb=4096 >/dev/null 2>"fuzz/target/replay-$t.log" || {
    cat "fuzz/target/replay-$t.log" >&2
    log "$t: a committed input fails"
    exit 1
  }
  log "$t: fuzzing for ${seconds} s"
  if ! cargo +nightly fuzz run "${flags[@]}" "$t" "fuzz/target/work/$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1 \
    >"fuzz/target/run-$t.log" 2>&1; then
    grep -v -E '^#[0-9]+[[:space:]]+(NEW|REDUCE|pulse)' "fuzz/target/run-$t.log" | tail -60 >&2
    log "$t: CRASH (input in fuzz/artifacts/$t/)"
    exit 1
  fi
  runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "fuzz/target/run-$t.log")
  log "$t: ${runs:-?} executions in ${seconds} s, no failure"
done
