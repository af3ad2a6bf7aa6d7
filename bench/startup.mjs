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
//   node bench/startup.mjs [--runs N] [--write-doc]   --write-doc: also into docs/runtimes.md
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { writeSection } from './docs.mjs';

const PKG = fileURLToPath(new URL('../pkg/', import.meta.url));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 21;
const dir = mkdtempSync(join(tmpdir(), 'didit-kit-startup-'));

/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (/** @type {number} */ n) => `${(n / 1024).toFixed(1)} KB`;
/** @type {string[]} */
const lines = [];
const say = (/** @type {string} */ line) => {
  console.log(line);
  lines.push(line);
};

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
    say(`${variant} module (${wasm.length.toLocaleString('en-US')} B), median of ${RUNS} fresh processes, Node ${process.version}:`);
    for (const [k, f] of Object.entries(files)) {
      const bytes = f.text ? Buffer.from(f.text) : wasm;
      const l = median(times[k].load);
      const t = median(times[k].total);
      say(
        `  ${k.padEnd(7)} ${kb(bytes.length).padStart(9)} raw, ${kb(gzipSync(bytes, { level: 9 }).length).padStart(8)} gzip;` +
          ` load ${l.toFixed(2)} ms (${(l / base).toFixed(2)}x file), load + compile ${t.toFixed(2)} ms (${(t / baseTotal).toFixed(2)}x)`,
      );
    }
  }
  // The two entries interleaved, so that a busy machine weighs on both alike.
  const entries = ['didit-kit', 'didit-kit/verify'];
  /** @type {number[][]} */
  const ms = entries.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    entries.forEach((entry, k) => {
      const target = entry === 'didit-kit' ? join(PKG, 'node.cjs') : join(PKG, 'verify', 'node.cjs');
      const script = `const t0 = process.hrtime.bigint(); require(${JSON.stringify(target)}); console.log(Number(process.hrtime.bigint() - t0) / 1e6);`;
      ms[k].push(Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })));
    });
  }
  entries.forEach((entry, k) => say(`require('${entry}') as shipped (embedded bytes, compile, instantiate, API): median ${median(ms[k]).toFixed(2)} ms`));
  if (process.argv.includes('--write-doc')) {
    const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
    writeSection(
      'startup',
      ['```', ...lines, '```', '', `Measured ${when} UTC on ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores: \`node bench/startup.mjs\`.`].join('\n'),
      'runtimes.md',
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
