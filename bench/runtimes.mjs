// @ts-check
// Verification where there is no node:crypto: inside Deno and inside workerd (both npm
// devDependencies), didit-kit's verifyWebhook (HMAC in WebAssembly) against the runtime's Web
// Crypto `crypto.subtle.verify('HMAC', ...)` over the raw body (the floor), on the same bodies as
// bench/verify.mjs; and the async verifyRequest (a Request read, then the same). Prints µs per
// delivery (medians of interleaved rounds) and the ratios to the floor.
// Deno is timed inside (performance.now). A Worker's clock does not advance during a request,
// so workerd is timed from outside: per delivery = (time of a request running n deliveries -
// time of one running 1) / (n - 1), on 127.0.0.1. Wall time, not CPU time: run it on an idle
// machine. Asserts nothing.
//   node bench/runtimes.mjs [--quick] [--json]      (needs a built pkg/)
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { freePort, workerdConfig } from '../tests/support/processes.mjs';
import { WHAT } from './runtimes/cases.mjs';

const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const ROUNDS = quick ? 3 : 9;
const root = fileURLToPath(new URL('../', import.meta.url));
const bin = (/** @type {string} */ name) => `${root}node_modules/.bin/${name}`;
/** @param {number[]} xs */
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** @returns {({ name: string, bytes: number } & Record<string, number[]>)[]} */
function deno() {
  const out = execFileSync(bin('deno'), ['run', '--no-prompt', 'bench/runtimes/deno.mjs', String(ROUNDS)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return JSON.parse(out.trim().split('\n').pop() ?? '[]');
}

async function workerd() {
  const dir = `${root}target/bench-workerd`;
  mkdirSync(`${dir}/dist`, { recursive: true });
  const esbuild = createRequire(import.meta.url)(`${root}node_modules/esbuild/lib/main.js`);
  await esbuild.build({
    entryPoints: [`${root}bench/runtimes/worker.mjs`],
    outfile: `${dir}/dist/worker.js`,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    external: ['./didit_kit_full_bg.wasm'],
    logLevel: 'error',
  });
  copyFileSync(`${root}pkg/wasm/full/didit_kit_full_bg.wasm`, `${dir}/dist/didit_kit_full_bg.wasm`);
  const port = await freePort();
  writeFileSync(`${dir}/config.capnp`, workerdConfig({ port, wasm: ['didit_kit_full_bg.wasm'] }));
  const version = execFileSync(bin('workerd'), ['--version'], { encoding: 'utf8' }).trim();
  const child = spawn(bin('workerd'), ['serve', 'config.capnp'], { cwd: dir, stdio: 'ignore' });
  try {
    const base = `http://127.0.0.1:${port}`;
    /** @type {{ name: string, bytes: number }[] | undefined} */
    let cases;
    for (let i = 0; i < 100 && !cases; i++) {
      try {
        cases = await (await fetch(`${base}/cases`)).json();
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    if (!cases) throw new Error('workerd did not start');
    const time = async (/** @type {string} */ q) => {
      const t0 = performance.now();
      const r = await fetch(`${base}/run?${q}`);
      await r.text();
      return performance.now() - t0;
    };
    const results = [];
    for (const [i, c] of cases.entries()) {
      const n = c.bytes > 10000 ? 200 : 1000;
      /** @type {Record<string, number[]>} */
      const t = Object.fromEntries(WHAT.map((k) => [k, []]));
      for (const what of WHAT) await time(`case=${i}&what=${what}&n=${n}`);
      for (let r = 0; r < ROUNDS; r++) {
        for (const what of WHAT) {
          const one = await time(`case=${i}&what=${what}&n=1`);
          const many = await time(`case=${i}&what=${what}&n=${n}`);
          t[what].push(((many - one) * 1000) / (n - 1));
        }
      }
      results.push({ ...c, ...t });
    }
    return { version, results };
  } finally {
    child.kill();
  }
}

const denoVersion = execFileSync(bin('deno'), ['--version'], { encoding: 'utf8' }).split('\n')[0];
const report = { deno: { version: denoVersion, results: deno() }, workerd: await workerd() };
if (asJson) {
  console.log(JSON.stringify(report));
} else {
  for (const [runtime, r] of Object.entries(report)) {
    console.log(`${runtime} (${r.version}): µs per delivery, median of ${ROUNDS} interleaved rounds; floor = Web Crypto HMAC verify over the raw body`);
    for (const c of r.results) {
      const [ours, request, requestCore, requestSubtle, floor] = WHAT.map((k) => median(c[k]));
      const f = (/** @type {number} */ x) => x.toFixed(1).padStart(7);
      console.log(`  ${c.name.padEnd(22)} ${String(c.bytes).padStart(6)} B | verifyWebhook ${f(ours)} (${(ours / floor).toFixed(2)}x) | verifyRequest ${f(request)} (core HMAC ${f(requestCore)}, Web Crypto HMAC ${f(requestSubtle)}) | floor ${f(floor)}`);
    }
  }
}
