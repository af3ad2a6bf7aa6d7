// @ts-check
// Timing shared by the benchmarks: CPU time per call in interleaved rounds, and the summaries
// they print. CPU time (this process's user + system) rather than wall time, so that time spent
// waiting for a core on a shared machine is not counted.

/**
 * CPU µs per call of `fn`, calling it in batches of 20 for about `ms` milliseconds of CPU.
 * @param {() => unknown} fn @param {number} ms
 */
export function time(fn, ms) {
  let n = 0;
  const t0 = process.cpuUsage();
  let elapsed = 0;
  while (elapsed < ms * 1000) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
    const d = process.cpuUsage(t0);
    elapsed = d.user + d.system;
  }
  return elapsed / n;
}

/** @param {number[]} xs */
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** @param {number[]} xs */
export const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });

/** A ratio's summary as the reports print it: `1.23× (1.10–1.40)` (median, then range). @param {{ median: number, min: number, max: number }} s */
export const ratioText = (s) => `${s.median.toFixed(2)}× (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;

/**
 * Runs every function of `fns` once per round, in turn, after a warm-up, so that load changes on
 * a shared machine hit all of them alike; returns µs per call per function, per round. With
 * `alternate`, odd rounds run them in reverse order: when two contenders are compared (an A/B of
 * two builds), whichever runs second gains or loses from the first (a warm cache, a JIT tier-up,
 * garbage left behind); a package measured against itself showed a 5-7 % bias without it.
 * @param {Record<string, () => unknown>} fns @param {number} rounds @param {number} ms per round
 * @param {{ alternate?: boolean }} [options]
 */
export function interleaved(fns, rounds, ms, { alternate = false } = {}) {
  for (const fn of Object.values(fns)) time(fn, 30);
  /** @type {Record<string, number[]>} */
  const out = Object.fromEntries(Object.keys(fns).map((k) => [k, []]));
  const entries = Object.entries(fns);
  for (let r = 0; r < rounds; r++) {
    for (const [k, fn] of alternate && r % 2 ? [...entries].reverse() : entries) out[k].push(time(fn, ms));
  }
  return out;
}
