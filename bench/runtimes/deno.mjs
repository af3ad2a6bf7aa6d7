// @ts-check
// Deno: µs per delivery, interleaved rounds, medians (performance.now; run by bench/runtimes.mjs).
import * as kit from '../../pkg/deno.mjs';
import { setup, repeat } from './cases.mjs';

const rounds = Number(Deno.args[0] ?? 9);
const cases = await setup(kit);
const out = [];
for (const c of cases) {
  const t = { ours: /** @type {number[]} */ ([]), request: /** @type {number[]} */ ([]), floor: /** @type {number[]} */ ([]) };
  const n = c.bytes > 10000 ? 100 : 500;
  await repeat(c.ours, n);
  await repeat(c.floor, n);
  await repeat(c.request, n);
  for (let r = 0; r < rounds; r++) {
    for (const k of /** @type {const} */ (['ours', 'request', 'floor'])) {
      const t0 = performance.now();
      await repeat(c[k], n);
      t[k].push(((performance.now() - t0) * 1000) / n);
    }
  }
  out.push({ name: c.name, bytes: c.bytes, ...t });
}
console.log(JSON.stringify(out));
