// @ts-check
// Benchmark: µs per verifyWebhook on realistic ~2 KB and ~40 KB Didit deliveries, against
// (a) Didit's documented JS approach and (b) the floor, node:crypto HMAC over the raw body.
// Prints figures and ratios measured in this run; asserts nothing about time.
//   node bench/verify.mjs [--quick] [--portable]
// --portable loads the package as workerd, Deno and browsers do (web.mjs): HMAC-SHA256 then runs
// in wasm (RustCrypto) instead of node:crypto, which is where the release profile's opt-level shows.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { delivery, pythonCompactAscii } from './payloads.mjs';

const require = createRequire(import.meta.url);
const portable = process.argv.includes('--portable');
// DIDIT_KIT_PKG: another built package directory, to compare builds (e.g. release profiles).
const PKG = new URL(`${process.env.DIDIT_KIT_PKG ?? '../pkg'}/`, import.meta.url);
const kit = portable ? await import(new URL('web.mjs', PKG).href) : require(fileURLToPath(PKG));
if (portable) kit.initSync(readFileSync(new URL('wasm/full/didit_kit_full_bg.wasm', PKG)));
const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const NOW = 1774970000;
const quick = process.argv.includes('--quick');

// (a) Didit's documented approach (integration prompt, §1.4.3 of the API notes), verbatim logic.
function shortenFloats(v) {
  if (Array.isArray(v)) return v.map(shortenFloats);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shortenFloats(x)]));
  if (typeof v === 'number' && !Number.isInteger(v) && v % 1 === 0) return Math.trunc(v);
  return v;
}
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.keys(v).sort().reduce((acc, k) => { acc[k] = sortKeys(v[k]); return acc; }, {});
  return v;
}
function diditDocumented(raw, headers, secret) {
  const ts = Number(headers['x-timestamp']);
  if (!Number.isInteger(ts) || Math.abs(NOW - ts) > 300) return false;
  const canonical = JSON.stringify(sortKeys(shortenFloats(JSON.parse(raw.toString('utf8')))));
  const expected = createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
  const got = Buffer.from(headers['x-signature-v2'], 'utf8');
  return got.length === expected.length && timingSafeEqual(Buffer.from(expected, 'utf8'), got);
}
// (b) The floor: HMAC over the raw body and a constant-time compare, nothing else.
function floor(raw, headers, secret) {
  const expected = createHmac('sha256', secret).update(raw).digest('hex');
  const got = Buffer.from(headers['x-signature'], 'utf8');
  return got.length === expected.length && timingSafeEqual(Buffer.from(expected, 'utf8'), got);
}

function bench(fn, minMs) {
  for (let i = 0; i < 200; i++) fn();
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs * 1e6) {
    for (let i = 0; i < 100; i++) fn();
    n += 100;
    elapsed = Number(process.hrtime.bigint() - t0);
  }
  return elapsed / n / 1000;
}

function lowerHeaders(h) {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

const rows = [];
for (const [label, hits] of [['~2 KB', 0], ['~40 KB', 60]]) {
  const body = Buffer.from(pythonCompactAscii(delivery(hits, NOW)), 'utf8');
  const headers = lowerHeaders(kit.signWebhook(body, SECRET, { timestamp: NOW }));
  const pretty = Buffer.from(JSON.stringify(delivery(hits, NOW), null, 2), 'utf8');
  const prettyHeaders = lowerHeaders(kit.signWebhook(pretty, SECRET, { timestamp: NOW }));
  if (!diditDocumented(body, headers, SECRET) || !floor(body, headers, SECRET)) throw new Error('baseline disagrees');
  const opts = { now: NOW * 1000 };
  const check = kit.verifyWebhook(body, headers, SECRET, opts);
  if (check.method !== 'v2') throw new Error('expected v2');
  const ms = quick ? 150 : 1500;
  const ours = bench(() => kit.verifyWebhook(body, headers, SECRET, opts), ms);
  const oursString = bench(() => kit.verifyWebhook(body.toString('latin1'), headers, SECRET, opts), ms);
  const oursPretty = bench(() => kit.verifyWebhook(pretty, prettyHeaders, SECRET, opts), ms);
  const oursPayload = bench(() => kit.verifyWebhook(body, headers, SECRET, opts).payload, ms);
  const a = bench(() => diditDocumented(body, headers, SECRET), ms);
  const b = bench(() => floor(body, headers, SECRET), ms);
  rows.push({ label, bytes: body.length, ours, oursString, oursPretty, oursPayload, a, b });
}

const f = (x) => x.toFixed(2).padStart(8);
console.log(`verifyWebhook, µs per call (lower is better); Node ${process.version}${portable ? '; portable entry (HMAC in wasm)' : ''}`);
console.log('payload  bytes  | didit-kit (Buffer) | (a) Didit documented JS | (b) HMAC floor | a/ours  ours/b');
for (const r of rows) {
  console.log(`${r.label.padEnd(7)} ${String(r.bytes).padStart(6)} | ${f(r.ours)}           | ${f(r.a)}                | ${f(r.b)}       | ${(r.a / r.ours).toFixed(2)}x  ${(r.ours / r.b).toFixed(2)}x`);
}
console.log('also measured (didit-kit):');
for (const r of rows) {
  console.log(`  ${r.label}: string body ${r.oursString.toFixed(2)} µs; pretty-printed unsorted body (sorting path) ${r.oursPretty.toFixed(2)} µs; verify + read .payload ${r.oursPayload.toFixed(2)} µs`);
}
const wasm = readFileSync(new URL('wasm/full/didit_kit_full_bg.wasm', PKG));
console.log(`wasm module: ${wasm.length} bytes raw, ${gzipSync(wasm, { level: 9 }).length} bytes gzip -9`);
console.log('targets: a/ours >= 3x; ours/b <= 2x');
