// @ts-check
// A small fixed-seed generator (mulberry32) for tests and benchmarks that want the same "random"
// inputs on every run: `seeded(seed)` returns a function giving numbers in [0, 1), and `pick`.

/**
 * @param {number} seed
 * @returns {{ rand: () => number, pick: <T>(xs: T[]) => T }}
 */
export function seeded(seed) {
  let state = seed | 0;
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { rand, pick: (xs) => xs[Math.floor(rand() * xs.length)] };
}
