// @ts-nocheck
// The structural index in safe code (build.sh: proto-Os-safe-index.wasm, feature safe-index)
// against the pointer version (proto-Os.wasm), interleaved: CPU µs per call of the index phase and
// of the whole canonicalization, medians of 15 rounds; the outputs must be identical.
//   ./build.sh && node bench.mjs 1 1 && node safe-index.mjs      (bench.mjs writes the bodies)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const dir = fileURLToPath(new URL('.', import.meta.url));
const load = async (f) => (await WebAssembly.instantiate(readFileSync(`${dir}build/${f}`), {})).instance.exports;
const mods = { unsafe: await load('proto-Os.wasm'), safe: await load('proto-Os-safe-index.wasm') };
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
function measure(fn, ms = 100) { let calls = 0; const c0 = process.cpuUsage(); const t0 = performance.now(); do { for (let i = 0; i < 20; i++) fn(); calls += 20; } while (performance.now() - t0 < ms); const c = process.cpuUsage(c0); return (c.user + c.system) / calls; }
for (const b of ['re-40k', 'pp-40k', 're-2k']) {
  const body = readFileSync(`${dir}target/bodies/${b}.json`);
  const outs = {};
  for (const [k, ex] of Object.entries(mods)) { const p = ex.alloc(body.length); new Uint8Array(ex.memory.buffer, p, body.length).set(body); const n = ex.canon(p, body.length); outs[k] = Buffer.from(new Uint8Array(ex.memory.buffer, ex.out_ptr(), n)); }
  if (!outs.safe.equals(outs.unsafe)) throw new Error('differ ' + b);
  const res = { unsafe: [], safe: [], unsafeAll: [], safeAll: [] };
  for (let r = 0; r < 15; r++) for (const [k, ex] of Object.entries(mods)) {
    const p = ex.alloc(body.length); new Uint8Array(ex.memory.buffer, p, body.length).set(body);
    res[k].push(measure(() => ex.t_index(body.length)));
    res[k + 'All'].push(measure(() => ex.canon(p, body.length)));
  }
  console.log(b, 'index: unsafe', med(res.unsafe).toFixed(2), 'safe', med(res.safe).toFixed(2), '| canon: unsafe', med(res.unsafeAll).toFixed(2), 'safe', med(res.safeAll).toFixed(2));
}
