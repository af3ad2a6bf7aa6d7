// @ts-check
// What one unauthenticated request costs: for each hostile body shape, a fresh Node process
// verifies ONE delivery with a wrong (well-formed) signature and the default options, and
// reports the CPU time of that call, the peak RSS growth during it, the RSS growth still kept
// afterwards (after garbage collection), and the CPU time of the same request repeated (warm: the
// engine has optimised the code by then). The bound the package promises with default
// options: at most ~150 ms of CPU and ~64 MiB of memory per request, nothing kept. Memory is
// asserted (the run fails over 64 MiB peak or 16 MiB kept); CPU time is printed with its ratio
// to a genuine delivery measured in the same process, never asserted.
//   node bench/hostile-cost.mjs            the table at the default body limit + cost per MiB
//   node bench/hostile-cost.mjs --quick    fewer shapes and sizes (the test suite runs this)
//   node bench/hostile-cost.mjs --write-doc  also writes the figures into docs/load.md
// The default body limit is read from the package itself (the ERR_BODY_TOO_LARGE message), so
// the table always measures "just under the default limit".
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { NOW, SHAPES } from './hostile-shapes.mjs';
import { writeSection } from './docs.mjs';

const require = createRequire(import.meta.url);
const MiB = 1024 * 1024;
const SECRET = 'hostile-cost-secret';
const WRONG = 'ab'.repeat(32);

// ---- child: one request in a fresh process ---------------------------------------------------

async function child(/** @type {string} */ shape, /** @type {number} */ size, /** @type {number | undefined} */ maxBodyBytes) {
  const kit = require('../pkg');
  const gc = /** @type {() => void} */ (globalThis.gc);
  const body = SHAPES[shape](size);
  const headers = { 'x-timestamp': String(NOW), 'x-signature-v2': WRONG, 'x-signature': WRONG };
  const options = { now: NOW * 1000, ...(maxBodyBytes ? { maxBodyBytes } : {}) };
  // Warm up: one genuine delivery, so the instance and the code are in place.
  const genuineBody = Buffer.from(`{"a":1,"timestamp":${NOW}}`);
  kit.verifyWebhook(genuineBody, kit.signWebhook(genuineBody, SECRET, { timestamp: NOW }), SECRET, options);
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  await settle();
  const rss0 = process.memoryUsage().rss;
  const peak0 = process.resourceUsage().maxRSS * 1024;
  // A genuine ~2 KB delivery, timed the same way: the machine's unit of cost.
  const d = Buffer.from(JSON.stringify({ a: 'x'.repeat(1900), timestamp: NOW }));
  const dh = kit.signWebhook(d, SECRET, { timestamp: NOW });
  const g0 = process.cpuUsage();
  for (let i = 0; i < 200; i++) kit.verifyWebhook(d, dh, SECRET, options);
  const g = process.cpuUsage(g0);
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  let code;
  try {
    kit.verifyWebhook(body, headers, SECRET, options);
    code = 'accepted';
  } catch (e) {
    code = /** @type {any} */ (e).code ?? String(e);
  }
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  const peak = Math.max(peak0, process.resourceUsage().maxRSS * 1024);
  await settle();
  const rss1 = process.memoryUsage().rss;
  // The same request again: the engine has now optimised the canonicalizer's code (the first call
  // ran much of it in the baseline tier), as in a server that has been running for a while.
  let warmMs = Infinity;
  for (let i = 0; i < 3; i++) {
    const w = process.cpuUsage();
    try {
      kit.verifyWebhook(body, headers, SECRET, options);
    } catch {}
    const d = process.cpuUsage(w);
    warmMs = Math.min(warmMs, (d.user + d.system) / 1000);
  }
  // The body stays referenced until here, so it is in neither the baseline difference nor `kept`.
  process.stdout.write(
    `${JSON.stringify({
      shape, size: body.length, code, cpuMs: (c.user + c.system) / 1000, warmMs, wallMs: wall,
      genuineCpuMs: (g.user + g.system) / 1000 / 200, peakGrowth: peak - rss0, kept: rss1 - rss0,
    })}\n`,
  );
}

/**
 * Sustained attack in one process: `count` worst-case requests back to back, with the instance
 * replacement on (the package as shipped) or off (the same API over a glue without its reset
 * function). No forced garbage collection: what a server would see.
 */
async function sustained(/** @type {boolean} */ recycle, /** @type {number} */ count) {
  const { createApi } = require('../pkg/api.cjs');
  const raw = { ...require('../pkg/wasm/full/didit_kit.cjs') };
  if (!recycle) delete raw.__wbg_reset_state;
  const kit = createApi(raw);
  const body = SHAPES['array-of-ones'](defaultLimit() - 64);
  const headers = { 'x-timestamp': String(NOW), 'x-signature-v2': WRONG };
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  for (let i = 0; i < count; i++) {
    try {
      kit.verifyWebhook(body, headers, SECRET, { now: NOW * 1000 });
    } catch {}
    await new Promise((r) => setImmediate(r));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  // A quiet second afterwards, as between bursts.
  await new Promise((r) => setTimeout(r, 1000));
  process.stdout.write(`${JSON.stringify({ recycle, count, peakGrowth: peak - rss0, kept: process.memoryUsage().rss - rss0, wasm: raw.wasmMemory().buffer.byteLength })}\n`);
}

// ---- parent ---------------------------------------------------------------------------------

/** @param {string} shape @param {number} size @param {number} [maxBodyBytes] */
function measure(shape, size, maxBodyBytes) {
  const args = ['--expose-gc', fileURLToPath(import.meta.url), '--child', shape, String(size)];
  if (maxBodyBytes) args.push(String(maxBodyBytes));
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) {
    throw new Error(`${shape} at ${size} bytes: child exited ${r.status}\n${r.stderr}`);
  }
  return JSON.parse(line);
}

/** The default maxBodyBytes, as the package reports it. */
function defaultLimit() {
  const kit = require('../pkg');
  try {
    kit.verifyWebhook(Buffer.alloc(33 * MiB, 0x20), { 'x-timestamp': String(NOW), 'x-signature-v2': WRONG }, SECRET, { now: NOW * 1000 });
  } catch (e) {
    const m = /maximum of (\d+)/.exec(/** @type {Error} */ (e).message);
    if (m) return Number(m[1]);
  }
  throw new Error('could not read the default maxBodyBytes from the package');
}

const fmtMiB = (/** @type {number} */ b) => (b / MiB).toFixed(1);

async function main() {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1], Number(argv[2]), argv[3] ? Number(argv[3]) : undefined);
  if (argv[0] === '--sustained') return sustained(argv[1] === 'on', Number(argv[2]));
  const quick = argv.includes('--quick');
  const limit = defaultLimit();
  const MEMORY_BOUND = 64 * MiB;
  const lines = /** @type {string[]} */ ([]);
  const out = (/** @type {string} */ s) => {
    console.log(s);
    lines.push(s);
  };
  const failures = /** @type {string[]} */ ([]);

  out(`Default maxBodyBytes: ${limit} bytes (${fmtMiB(limit)} MiB). One request per fresh process, wrong signature, default options.`);
  out('');
  out('| body shape | size | result | CPU ms, first such request | CPU ms, again (warm) | peak RSS growth MiB | RSS kept afterwards MiB |');
  out('|---|---:|---|---:|---:|---:|---:|');
  const shapes = quick ? ['array-of-ones', 'many-keys', 'garbage'] : Object.keys(SHAPES);
  const genuine = /** @type {number[]} */ ([]);
  for (const shape of shapes) {
    const r = measure(shape, limit - 64);
    genuine.push(r.genuineCpuMs);
    out(
      `| ${shape} | ${r.size} | ${r.code} | ${r.cpuMs.toFixed(0)} | ${r.warmMs.toFixed(0)} (${Math.round(r.warmMs / r.genuineCpuMs)}× a genuine delivery) | ` +
        `${fmtMiB(r.peakGrowth)} | ${fmtMiB(r.kept)} |`,
    );
    if (r.code === 'accepted') failures.push(`${shape}: accepted with a wrong signature`);
    if (r.peakGrowth > MEMORY_BOUND) failures.push(`${shape}: peak growth ${fmtMiB(r.peakGrowth)} MiB > 64 MiB`);
    if (r.kept > 16 * MiB) failures.push(`${shape}: ${fmtMiB(r.kept)} MiB kept after the request`);
  }
  genuine.sort((a, b) => a - b);
  out('');
  out(`A genuine ~2 KB delivery costs ${genuine[genuine.length >> 1].toFixed(3)} ms CPU in the same processes (median).`);

  // What raising the limit costs: the worst shape at growing sizes, with maxBodyBytes raised.
  out('');
  out('Raising maxBodyBytes: the worst shape (array-of-ones) at each size, limit raised to fit.');
  out('');
  out('| body MiB | CPU ms, first | CPU ms, warm | peak RSS growth MiB | RSS kept afterwards MiB |');
  out('|---:|---:|---:|---:|---:|');
  const sizes = quick ? [1, 4] : [1, 2, 4, 8, 16];
  const points = /** @type {{ m: number, cpu: number, peak: number }[]} */ ([]);
  for (const m of sizes) {
    const r = measure('array-of-ones', m * MiB - 64, m * MiB);
    points.push({ m, cpu: r.warmMs, peak: r.peakGrowth });
    out(`| ${m} | ${r.cpuMs.toFixed(0)} | ${r.warmMs.toFixed(0)} | ${fmtMiB(r.peakGrowth)} | ${fmtMiB(r.kept)} |`);
    if (r.kept > 16 * MiB) failures.push(`array-of-ones at ${m} MiB: ${fmtMiB(r.kept)} MiB kept after the request`);
  }
  // Least-squares slope through the points: cost per extra MiB of body.
  const slope = (/** @type {(p: { m: number, cpu: number, peak: number }) => number} */ f) => {
    const n = points.length;
    const mx = points.reduce((s, p) => s + p.m, 0) / n;
    const my = points.reduce((s, p) => s + f(p), 0) / n;
    const num = points.reduce((s, p) => s + (p.m - mx) * (f(p) - my), 0);
    const den = points.reduce((s, p) => s + (p.m - mx) ** 2, 0);
    return num / den;
  };
  out('');
  out(`Per MiB of maxBodyBytes (worst shape, fitted): ~${slope((p) => p.cpu).toFixed(0)} ms CPU (warm) and ~${slope((p) => p.peak / MiB).toFixed(0)} MiB peak memory, released after the request.`);
  // Instance replacement, measured: a burst of worst-case requests in one process, on and off.
  const burst = quick ? 20 : 60;
  out('');
  out(`A burst of ${burst} worst-case requests (array-of-ones at the limit) in one process, no forced garbage collection:`);
  out('');
  out('| instance replacement | peak RSS growth MiB | RSS growth 1 s after the burst MiB | wasm memory after MiB |');
  out('|---|---:|---:|---:|');
  for (const on of [true, false]) {
    const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--sustained', on ? 'on' : 'off', String(burst)], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sustained run failed:\n${r.stderr}`);
    const x = JSON.parse(r.stdout.trim().split('\n').pop() ?? '');
    out(`| ${on ? 'on (as shipped)' : 'off'} | ${fmtMiB(x.peakGrowth)} | ${fmtMiB(x.kept)} | ${fmtMiB(x.wasm)} |`);
    if (on && x.wasm > 8 * MiB) failures.push(`after a burst, the instance still holds ${fmtMiB(x.wasm)} MiB of wasm memory`);
  }
  out('');
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.versions.node}`;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  let rev = '';
  try {
    rev = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {}
  out(`Measured ${when} UTC on ${machine}${rev ? `, commit ${rev}` : ''}: \`node bench/hostile-cost.mjs${quick ? ' --quick' : ''}\`.`);

  if (argv.includes('--write-doc')) writeSection('hostile-cost', lines.join('\n'));
  if (failures.length) {
    console.error(`\nFAIL: over the per-request bound:\n  ${failures.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nok: every hostile request stayed within the per-request bound');
}

await main();
