// @ts-check
// Deno: µs per delivery, interleaved rounds, medians (performance.now; run by bench/runtimes.mjs).
import * as kit from '../../pkg/deno.mjs';
import * as glue from '../../pkg/wasm/full/didit_kit.mjs';
import { webhookApi } from '../../pkg/webhook.mjs';
import { verifyRequestWith } from '../../pkg/http.mjs';
import { setup, repeat, WHAT } from './cases.mjs';

const rounds = Number(Deno.args[0] ?? 9);
const cases = await setup(kit, { glue, webhookApi, verifyRequestWith });
const out = [];
for (const c of cases) {
  /** @type {Record<string, number[]>} */
  const t = Object.fromEntries(WHAT.map((k) => [k, []]));
  const n = c.bytes > 10000 ? 100 : 500;
  for (const k of WHAT) await repeat(c[k], n);
  for (let r = 0; r < rounds; r++) {
    for (const k of WHAT) {
      const t0 = performance.now();
      await repeat(c[k], n);
      t[k].push(((performance.now() - t0) * 1000) / n);
    }
  }
  out.push({ name: c.name, bytes: c.bytes, ...t });
}
console.log(JSON.stringify(out));
