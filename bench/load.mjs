// @ts-check
// Load test with real servers on 127.0.0.1: the Express middleware, a Fetch handler on Node and a
// Worker in workerd each receive, concurrently, genuine Python-signed deliveries
// (samples/deliveries.json) and hostile requests (oversized, deeply nested, sorting-path worst
// cases at the body limit, wrong signatures, garbage, missing headers). Prints, per server:
// throughput and p50/p99 latency of the genuine deliveries, alone (the baseline, same run) and
// under attack, the server's peak memory (VmHWM) and
// the hostile verdicts. Fails when a genuine delivery is rejected or lost (error, timeout), when
// a hostile request is accepted, or when the server process is gone at the end. The Node servers
// run a second time under a memory limit sized like a small container.
//   node bench/load.mjs            short run (~45 s; the test suite runs this)
//   node bench/load.mjs --long     30 s alone + 60 s under attack per server, more connections
//   node bench/load.mjs --write-doc  also writes the figures into docs/load.md
//   --only=express,fetch,workerd,express-limited,fetch-limited,express-starved   a subset
// Timings are printed, never asserted.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeSection } from './docs.mjs';
import { NOW, SHAPES } from './hostile-shapes.mjs';
import { freePort, workerdConfig } from '../tests/support/processes.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const LONG = argv.includes('--long');
const DURATION_MS = LONG ? 60_000 : 4_000;
const GENUINE_CONNECTIONS = LONG ? 32 : 8;
const HOSTILE_CONNECTIONS = LONG ? 4 : 2;
const REQUEST_TIMEOUT_MS = 30_000;
const MiB = 1024 * 1024;
// A small container, as V8 limits (JS heap and wasm memory separately; `ulimit -v` cannot be used:
// V8 reserves ~10 GiB of address space per wasm memory, so Node cannot load any wasm under it).
const LIMITED_FLAGS = ['--max-old-space-size=64', '--wasm-max-mem-pages=1024'];
// Tighter than the worst hostile bodies need (~10 MiB of wasm memory at 1 MiB on the sorting path):
// those requests run out of memory, and the instance must be replaced without a genuine delivery
// noticing (8 MiB still holds a fresh instance and any genuine delivery).
const STARVED_FLAGS = ['--max-old-space-size=64', '--wasm-max-mem-pages=128'];

const samples = JSON.parse(readFileSync(join(ROOT, 'samples', 'deliveries.json'), 'utf8'));
if (samples.now !== NOW) throw new Error('samples/deliveries.json and bench/hostile-shapes.mjs disagree on the clock');
/** @type {{ name: string, body: Buffer, headers: Record<string, string>, method: string }[]} */
const genuine = samples.deliveries
  .filter((/** @type {any} */ d) => d.expect_method)
  .map((/** @type {any} */ d) => ({ name: d.name, body: Buffer.from(d.body, 'utf8'), headers: d.headers, method: d.expect_method }));

/** The default maxBodyBytes, as the package reports it. */
function defaultLimit() {
  const kit = require('../pkg');
  try {
    kit.verifyWebhook(Buffer.alloc(33 * MiB, 0x20), { 'x-timestamp': String(NOW), 'x-signature-v2': 'ab'.repeat(32) }, 's', { now: NOW * 1000 });
  } catch (e) {
    const m = /maximum of (\d+)/.exec(/** @type {Error} */ (e).message);
    if (m) return Number(m[1]);
  }
  throw new Error('could not read the default maxBodyBytes from the package');
}

/** @typedef {{ name: string, body: Buffer, headers: Record<string, string>, chunked?: boolean }} Hostile */

/** @param {number} limit @returns {Hostile[]} */
function hostileCases(limit) {
  const wrong = { 'content-type': 'application/json', 'x-timestamp': String(NOW), 'x-signature-v2': 'ab'.repeat(32), 'x-signature': 'cd'.repeat(32) };
  const g = genuine[0];
  // Every signature header one hex digit off (the V1 and Simple tags would still match otherwise).
  const flip = (/** @type {string} */ tag) => tag.replace(/^./, (c) => (c === '0' ? '1' : '0'));
  const flipped = Object.fromEntries(Object.entries(g.headers).map(([k, v]) => [k, /^x-signature/i.test(k) ? flip(v) : v]));
  const noSignature = { 'content-type': 'application/json', 'x-timestamp': String(NOW) };
  return [
    { name: 'oversized, declared length', body: Buffer.alloc(2 * limit + 1, 0x20), headers: wrong },
    { name: 'oversized, chunked', body: Buffer.alloc(2 * limit + 1, 0x20), headers: wrong, chunked: true },
    { name: 'sort worst case: array of ones at the limit', body: SHAPES['array-of-ones'](limit - 64), headers: wrong },
    { name: 'sort worst case: many keys at the limit', body: SHAPES['many-keys'](limit - 64), headers: wrong },
    { name: 'deep nesting at the limit', body: SHAPES['deep-nesting'](limit - 64), headers: wrong },
    { name: 'nesting past maxDepth', body: Buffer.from('['.repeat(100_000)), headers: wrong },
    { name: 'escaped strings at the limit', body: SHAPES['escaped-strings'](limit - 64), headers: wrong },
    { name: 'wrong signatures on a genuine body', body: g.body, headers: flipped },
    { name: 'garbage bytes', body: randomBytes(64 * 1024), headers: wrong },
    { name: 'no signature header', body: SHAPES['array-of-ones'](limit - 64), headers: noSignature },
  ];
}

/**
 * One POST; resolves with the status and body, or with status 0 and the error (reset, timeout).
 * @param {number} port @param {Buffer} body @param {Record<string, string>} headers
 * @param {http.Agent} agent @param {boolean} [chunked]
 * @returns {Promise<{ status: number, text: string, error?: string }>}
 */
function post(port, body, headers, agent, chunked = false) {
  return new Promise((done) => {
    const req = http.request(
      {
        host: '127.0.0.1', port, path: '/webhooks/didit', method: 'POST', agent, timeout: REQUEST_TIMEOUT_MS,
        headers: chunked ? headers : { ...headers, 'content-length': String(body.length) },
      },
      (res) => {
        const chunks = /** @type {Buffer[]} */ ([]);
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => done({ status: 0, text: '', error: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => done({ status: 0, text: '', error: /** @type {any} */ (e).code ?? e.message }));
    if (chunked) {
      for (let at = 0; at < body.length; at += 64 * 1024) req.write(body.subarray(at, at + 64 * 1024));
      req.end();
    } else req.end(body);
  });
}

/** Memory of a process from /proc (Linux): current and peak resident set, bytes. */
function procMemory(/** @type {number} */ pid) {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (/** @type {string} */ k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return { rss: NaN, hwm: NaN };
  }
}

/**
 * Starts a server process and waits for its `listening <port>` line (or for workerd's port to answer).
 * @param {string} cmd @param {string[]} args @param {{ cwd?: string, port?: number }} [o]
 */
async function startServer(cmd, args, o = {}) {
  const child = spawn(cmd, args, { cwd: o.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => (log += c));
  const port = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`server did not start in 30 s:\n${log}`)), 30_000);
    child.on('exit', (code) => fail(new Error(`server exited (${code}) before listening:\n${log}`)));
    if (o.port) {
      const poll = () =>
        post(/** @type {number} */ (o.port), Buffer.from('{}'), {}, new http.Agent()).then((r) =>
          r.status ? (clearTimeout(timer), ok(o.port)) : setTimeout(poll, 100),
        );
      poll();
    } else {
      child.stdout.on('data', (c) => {
        const m = /listening (\d+)/.exec(String(c));
        if (m) {
          clearTimeout(timer);
          ok(Number(m[1]));
        }
      });
    }
  });
  child.stdout.resume();
  return { child, port: /** @type {number} */ (port), log: () => log };
}

/** Bundles bench/load-worker.mjs as wrangler does and writes a workerd config; returns its folder. */
function prepareWorker(/** @type {number} */ port) {
  const dir = join(ROOT, 'target', 'load-worker');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  mkdirSync(join(dir, 'dist'));
  symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules', 'didit-kit'), 'dir');
  writeFileSync(join(dir, 'worker.mjs'), readFileSync(join(ROOT, 'bench', 'load-worker.mjs')));
  const bundler = join(ROOT, 'tests', 'runtimes', 'fixtures', 'bundle-worker.mjs');
  const modules = JSON.parse(
    execFileSync(process.execPath, ['--preserve-symlinks', bundler, join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js')], { cwd: dir, encoding: 'utf8' }).trim(),
  );
  writeFileSync(
    join(dir, 'config.capnp'),
    workerdConfig({ port, wasm: modules, bindings: [`(name = "SECRET", text = "${samples.secret}")`, `(name = "NOW", text = "${NOW}")`] }),
  );
  return dir;
}

const quantile = (/** @type {number[]} */ sorted, /** @type {number} */ q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/**
 * Runs the mix against one server for DURATION_MS and checks every verdict.
 * @param {string} name @param {() => Promise<{ child: import('node:child_process').ChildProcess, port: number, log: () => string }>} start
 * @param {Hostile[]} hostile
 */
async function run(name, start, hostile) {
  const server = await start();
  const pid = /** @type {number} */ (server.child.pid);
  const failures = /** @type {string[]} */ ([]);
  const verdicts = /** @type {Record<string, Record<string, number>>} */ ({});
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: GENUINE_CONNECTIONS });
  const oneShot = new http.Agent({ keepAlive: false });
  let genuineSent = 0;
  let hostileSent = 0;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, procMemory(pid).rss)), 50);
  try {
    // Warm-up: every genuine delivery once.
    for (const d of genuine) {
      const r = await post(server.port, d.body, d.headers, keepAlive);
      if (r.status !== 200) throw new Error(`${name}: warm-up delivery ${d.name} got ${r.status} ${r.text} ${r.error ?? ''}`);
    }
    const baseline = procMemory(pid).rss;
    /** One phase: genuine deliveries, with or without hostile traffic alongside. @param {boolean} attacked @param {number} ms */
    const phase = async (attacked, ms) => {
      const latencies = /** @type {number[]} */ ([]);
      let sent = 0;
      const t0 = performance.now();
      const end = t0 + ms;
      const genuineLoop = async (/** @type {number} */ k) => {
        for (let i = k; performance.now() < end; i += GENUINE_CONNECTIONS) {
          const d = genuine[i % genuine.length];
          const s = performance.now();
          const r = await post(server.port, d.body, d.headers, keepAlive);
          latencies.push(performance.now() - s);
          sent++;
          let method;
          try {
            method = JSON.parse(r.text).method;
          } catch {}
          if (r.status !== 200 || method !== d.method) {
            failures.push(`genuine ${d.name}: ${r.status || r.error} ${r.text.slice(0, 200)}`);
          }
        }
      };
      const hostileLoop = async (/** @type {number} */ k) => {
        for (let i = k; performance.now() < end; i += HOSTILE_CONNECTIONS) {
          const h = hostile[i % hostile.length];
          const r = await post(server.port, h.body, h.headers, oneShot, h.chunked);
          hostileSent++;
          let code = r.error ? `connection closed (${r.error})` : String(r.status);
          try {
            code = `${r.status} ${JSON.parse(r.text).code}`;
          } catch {}
          (verdicts[h.name] ??= {})[code] = (verdicts[h.name][code] ?? 0) + 1;
          // A verifier fault (out of memory, a trap) is answered 503 so that Didit would retry; any
          // other 5xx, or a 2xx, is a failure.
          const fault = r.status === 503 && /ERR_OUT_OF_MEMORY|ERR_WASM_TRAP/.test(code);
          if (r.status === 200 || (r.status >= 500 && !fault)) failures.push(`hostile ${h.name}: ${r.status} ${r.text.slice(0, 200)}`);
        }
      };
      await Promise.all([
        ...Array.from({ length: GENUINE_CONNECTIONS }, (_, k) => genuineLoop(k)),
        ...Array.from({ length: attacked ? HOSTILE_CONNECTIONS : 0 }, (_, k) => hostileLoop(k)),
      ]);
      const seconds = (performance.now() - t0) / 1000;
      latencies.sort((x, y) => x - y);
      genuineSent += sent;
      return { seconds, perSecond: sent / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
    };
    // The same server, first with genuine deliveries only (the baseline), then under attack.
    const quiet = await phase(false, DURATION_MS / 2);
    const attacked = await phase(true, DURATION_MS);
    // The server is still there and still verifies.
    const last = await post(server.port, genuine[0].body, genuine[0].headers, keepAlive);
    if (last.status !== 200) failures.push(`after the run, a genuine delivery got ${last.status || last.error}`);
    if (server.child.exitCode !== null || server.child.signalCode !== null) failures.push(`the server process is gone (${server.child.exitCode ?? server.child.signalCode})`);
    const mem = procMemory(pid);
    return {
      name, quiet, attacked, genuineSent, hostileSent, failures, verdicts, hostilePerSecond: hostileSent / attacked.seconds,
      baseline, peak: Math.max(peakRss, mem.hwm || 0), end: mem.rss,
    };
  } finally {
    clearInterval(sampler);
    keepAlive.destroy();
    oneShot.destroy();
    server.child.kill();
  }
}

async function main() {
  if (!existsSync(join(ROOT, 'pkg', 'package.json'))) throw new Error('build the package first: bash scripts/build.sh');
  const limit = defaultLimit();
  const hostile = hostileCases(limit);
  const only = argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
  const node = (/** @type {string} */ kind, /** @type {string[]} */ flags) => () =>
    startServer(process.execPath, [...flags, join(ROOT, 'bench', 'load-server.mjs'), kind, samples.secret, String(NOW)]);
  const workerd = async () => {
    const port = await freePort();
    const dir = prepareWorker(port);
    return startServer(join(ROOT, 'node_modules', '.bin', 'workerd'), ['serve', 'config.capnp'], { cwd: dir, port });
  };
  /** @type {[string, () => Promise<any>, string][]} */
  const servers = [
    ['express', node('express', []), 'Express 5 + webhookMiddleware (Node)'],
    ['fetch', node('fetch', []), 'Fetch handler + verifyRequest (node:http)'],
    ['workerd', workerd, 'Worker + verifyRequest from didit-kit/verify (workerd)'],
    ['express-limited', node('express', LIMITED_FLAGS), `Express, ${LIMITED_FLAGS.join(' ')}`],
    ['fetch-limited', node('fetch', LIMITED_FLAGS), `Fetch handler, ${LIMITED_FLAGS.join(' ')}`],
    ['express-starved', node('express', STARVED_FLAGS), `Express, ${STARVED_FLAGS.join(' ')} (hostile bodies run out of memory)`],
  ];
  const lines = /** @type {string[]} */ ([]);
  const out = (/** @type {string} */ s) => {
    console.log(s);
    lines.push(s);
  };
  out(
    `Per server: ${DURATION_MS / 2000} s of genuine deliveries alone, then ${DURATION_MS / 1000} s under attack; ${GENUINE_CONNECTIONS} keep-alive connections sending genuine Python-signed deliveries ` +
      `(${genuine.length} samples, ~2 KB) and ${HOSTILE_CONNECTIONS} sending hostile requests (${hostile.length} kinds, ` +
      `the largest at the default limit of ${(limit / MiB).toFixed(0)} MiB); one process per server, client in another process.`,
  );
  out('');
  out('| server | genuine/s alone | p50 / p99 ms alone | genuine/s under attack | p50 / p99 ms under attack | hostile/s | genuine rejected or lost | RSS before / peak / after MiB |');
  out('|---|---:|---:|---:|---:|---:|---:|---:|');
  const failures = [];
  const allVerdicts = /** @type {Record<string, Set<string>>} */ ({});
  for (const [key, start, label] of servers) {
    if (only && !only.includes(key)) continue;
    const r = await run(key, start, hostile);
    const lost = r.failures.filter((/** @type {string} */ f) => f.startsWith('genuine')).length;
    const mib = (/** @type {number} */ b) => (b / MiB).toFixed(0);
    out(
      `| ${label} | ${r.quiet.perSecond.toFixed(0)} | ${r.quiet.p50.toFixed(1)} / ${r.quiet.p99.toFixed(1)} | ` +
        `${r.attacked.perSecond.toFixed(0)} | ${r.attacked.p50.toFixed(1)} / ${r.attacked.p99.toFixed(1)} | ${r.hostilePerSecond.toFixed(1)} | ` +
        `${lost} of ${r.genuineSent} | ${mib(r.baseline)} / ${mib(r.peak)} / ${mib(r.end)} |`,
    );
    for (const f of r.failures) failures.push(`${key}: ${f}`);
    // The starved server must really have hit the fault path (and survived it, checked above).
    const faults = Object.values(r.verdicts).flatMap((v) => Object.keys(v)).filter((c) => c.includes('ERR_OUT_OF_MEMORY'));
    if (key.endsWith('-starved') && faults.length === 0) {
      failures.push(`${key}: no hostile request ran out of memory, so the fault path was not exercised`);
    }
    for (const [h, v] of Object.entries(r.verdicts)) for (const c of Object.keys(v)) (allVerdicts[h] ??= new Set()).add(c);
  }
  out('');
  out('Hostile requests, and what the servers answered (any of them):');
  out('');
  for (const h of hostile) out(`- ${h.name} (${h.body.length} bytes): ${[...(allVerdicts[h.name] ?? [])].sort().join('; ') || 'not sent'}`);
  out('');
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.versions.node}`;
  const when = new Date().toISOString().slice(0, 16).replace('T', ' ');
  out(`Measured ${when} UTC on ${machine}: \`node bench/load.mjs${LONG ? ' --long' : ''}\`.`);
  if (argv.includes('--write-doc')) writeSection(LONG ? 'load-long' : 'load', lines.join('\n'));
  if (failures.length) {
    console.error(`\nFAIL (${failures.length}):\n  ${failures.slice(0, 30).join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nok: every genuine delivery accepted, every hostile request refused, every server alive');
}

await main();
