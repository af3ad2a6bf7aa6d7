// @ts-nocheck
// The prototype against didit-kit's `canonicalize` in one Node process: per-call CPU µs, medians
// [min .. max] of interleaved rounds (process.cpuUsage). First checks that the prototype's output is
// byte-identical to didit-kit's on every body. The bodies are bench/payloads.mjs's deliveries
// (re-serialised and pretty-printed, 2 KB and 40 KB); they are also written to target/bodies/ for
// the native example (cargo run --release --example bench target/bodies/re-40k.json).
//   ./build.sh && node bench.mjs [rounds] [ms per contender]      (needs the package built: npm run build)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { delivery, reserialised } from '../../bench/payloads.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const kit = createRequire(import.meta.url)('../../pkg');
const ROUNDS = +(process.argv[2] ?? 15);
const MS = +(process.argv[3] ?? 100);

const bodies = {};
for (const [size, hits] of [['2k', 0], ['40k', 60]]) {
  const data = delivery(hits, 1774970000);
  bodies[`re-${size}`] = Buffer.from(reserialised(data), 'utf8');
  bodies[`pp-${size}`] = Buffer.from(JSON.stringify(data, null, 2), 'utf8');
}
mkdirSync(`${here}target/bodies`, { recursive: true });
for (const [name, body] of Object.entries(bodies)) writeFileSync(`${here}target/bodies/${name}.json`, body);

const mods = [];
for (const name of ['O3', 'Os']) {
  const { instance } = await WebAssembly.instantiate(readFileSync(`${here}build/proto-${name}.wasm`), {});
  mods.push([name, instance.exports]);
}

/** The body into wasm memory, canonicalized; the output as a JS string when `str`. */
function protoCall(ex, body, str, fresh) {
  const p = ex.alloc(body.length);
  new Uint8Array(ex.memory.buffer, p, body.length).set(body);
  const n = fresh ? ex.canon_fresh(p, body.length) : ex.canon(p, body.length);
  if (n < 0) throw new Error('rejected');
  return str ? Buffer.from(ex.memory.buffer, ex.out_ptr(), n).toString('utf8') : n;
}

function measure(fn) {
  let calls = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  do {
    for (let i = 0; i < 20; i++) fn();
    calls += 20;
  } while (performance.now() - t0 < MS);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / calls;
}
const med = (a) => [...a].sort((x, y) => x - y)[a.length >> 1];
const f = (x) => x.toFixed(x < 10 ? 2 : 1);

for (const [b, body] of Object.entries(bodies)) {
  const want = Buffer.from(kit.canonicalize(body), 'utf8');
  const contenders = [['didit-kit canonicalize', () => kit.canonicalize(body)]];
  for (const [name, ex] of mods) {
    const got = Buffer.from(protoCall(ex, body, true), 'utf8');
    if (!got.equals(want)) throw new Error(`prototype ${name}: output differs from didit-kit's on ${b}`);
    const len = body.length;
    contenders.push(
      [`proto ${name} +string`, () => protoCall(ex, body, true)],
      [`proto ${name} no string`, () => protoCall(ex, body, false)],
      [`proto ${name} no string, fresh buffers`, () => protoCall(ex, body, false, true)],
      [`  ${name} phase: UTF-8 check`, () => ex.t_utf8(len)],
      [`  ${name} phase: index`, () => ex.t_index(len)],
      [`  ${name} phase: walk and sort`, () => ex.t_walk(len)],
      [`  ${name} phase: write`, () => ex.t_write(len)],
      [`  ${name} copy in + output string only`, () => {
        const p = ex.alloc(len);
        new Uint8Array(ex.memory.buffer, p, len).set(body);
        return Buffer.from(ex.memory.buffer, ex.out_ptr(), want.length).toString('utf8');
      }],
    );
  }
  contenders.forEach(([, fn]) => measure(fn)); // warm-up: one untimed round
  const res = contenders.map(() => []);
  for (let r = 0; r < ROUNDS; r++) contenders.forEach(([, fn], i) => res[i].push(measure(fn)));
  console.log(`\n== ${b}: ${body.length} B in, ${want.length} B out, ${ROUNDS} rounds x ${MS} ms; identical output`);
  const base = med(res[0]);
  contenders.forEach(([name], i) => {
    const m = med(res[i]);
    console.log(`${name.padEnd(40)} ${f(m).padStart(7)} µs [${f(Math.min(...res[i]))} .. ${f(Math.max(...res[i]))}]  ${(body.length / m).toFixed(0).padStart(5)} MB/s  didit-kit / this ${(base / m).toFixed(2)}`);
  });
}
