// @ts-check
// What each way of shipping the WebAssembly module to Node costs, in bytes and in start-up time, for
// both modules (docs/runtimes.md quotes this script's output):
//   file     readFileSync(__dirname + '/x.wasm'), what wasm-bindgen's nodejs glue does (bundlers break it)
//   base64   Buffer.from('<base64>', 'base64') in a .cjs module, what the package ships (bytes.cjs)
//   array    a Uint8Array literal of numbers in a .cjs module
// Each variant is timed in fresh Node processes, interleaved (load the bytes, then compile the
// module; compiling is the same work for all three), and its median is printed with its ratio to
// `file` measured in the same run. Then the package's whole `require('didit-kit')` and
// `require('didit-kit/verify')`, for scale. Figures only; nothing is asserted about time.
//   node bench/startup.mjs [--runs N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const PKG = fileURLToPath(new URL('../pkg/', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;
const dir = mkdtempSync(join(tmpdir(), 'didit-kit-startup-'));

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;

try {
  for (const variant of ['full', 'verify']) {
    const wasm = readFileSync(join(PKG, 'wasm', variant, `didit_kit_${variant}_bg.wasm`));
    const files = {
      file: { name: `${variant}.wasm`, text: null },
      base64: { name: `${variant}-base64.cjs`, text: `module.exports = Buffer.from(${JSON.stringify(wasm.toString('base64'))}, 'base64');\n` },
      array: { name: `${variant}-array.cjs`, text: `module.exports = new Uint8Array([${[...wasm].join(',')}]);\n` },
    };
    writeFileSync(join(dir, files.file.name), wasm);
    for (const f of Object.values(files)) if (f.text) writeFileSync(join(dir, f.name), f.text);
    const load = {
      file: `require('fs').readFileSync(${JSON.stringify(join(dir, files.file.name))})`,
      base64: `require(${JSON.stringify(join(dir, files.base64.name))})`,
      array: `require(${JSON.stringify(join(dir, files.array.name))})`,
    };
    /** @type {Record<string, { load: number[], total: number[] }>} */
    const times = Object.fromEntries(Object.keys(load).map((k) => [k, { load: [], total: [] }]));
    for (let i = 0; i < RUNS; i++) {
      for (const [k, expr] of Object.entries(load)) {
        const script = `const t0 = process.hrtime.bigint(); const b = ${expr}; const t1 = process.hrtime.bigint();
          new WebAssembly.Module(b); const t2 = process.hrtime.bigint();
          console.log(JSON.stringify([Number(t1 - t0) / 1e6, Number(t2 - t0) / 1e6]));`;
        const [l, t] = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
        times[k].load.push(l);
        times[k].total.push(t);
      }
    }
    const base = median(times.file.load);
    const baseTotal = median(times.file.total);
    console.log(`${variant} module (${wasm.length.toLocaleString('en-US')} B), median of ${RUNS} fresh processes, Node ${process.version}:`);
    for (const [k, f] of Object.entries(files)) {
      const bytes = f.text ? Buffer.from(f.text) : wasm;
      const l = median(times[k].load);
      const t = median(times[k].total);
      console.log(
        `  ${k.padEnd(7)} ${kb(bytes.length).padStart(9)} raw, ${kb(gzipSync(bytes, { level: 9 }).length).padStart(8)} gzip;` +
          ` load ${l.toFixed(2)} ms (${(l / base).toFixed(2)}x file), load + compile ${t.toFixed(2)} ms (${(t / baseTotal).toFixed(2)}x)`,
      );
    }
  }
  for (const entry of ['didit-kit', 'didit-kit/verify']) {
    const target = entry === 'didit-kit' ? join(PKG, 'node.cjs') : join(PKG, 'verify', 'node.cjs');
    const script = `const t0 = process.hrtime.bigint(); require(${JSON.stringify(target)}); console.log(Number(process.hrtime.bigint() - t0) / 1e6);`;
    const ms = Array.from({ length: RUNS }, () => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
    console.log(`require('${entry}') as shipped (embedded bytes, compile, instantiate, API): median ${median(ms).toFixed(2)} ms`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
