// @ts-check
// Benchmark: µs per verifyWebhook on realistic ~2 KB and ~40 KB Didit deliveries, in three
// spellings, against (a) Didit's documented JS approach (JSON.parse + sort + JSON.stringify +
// HMAC) and (b) the floor, node:crypto HMAC over the raw body and a constant-time compare.
// Every function is measured in interleaved rounds (one batch of each per round, in turn), so
// load changes on a shared machine hit all of them alike; a ratio is computed per round and
// printed as the median and the range over the rounds. Asserts nothing about time.
//   node bench/verify.mjs [--quick] [--portable] [--json]
// --portable loads the package as workerd, Deno and browsers do (web.mjs): HMAC-SHA256 then runs
// in wasm (RustCrypto) instead of node:crypto. --json prints one JSON object (bench/report.mjs).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { delivery, pythonCompactAscii, reserialised } from './payloads.mjs';
import { interleaved as interleavedFor, summary } from './timing.mjs';
import { documented, floor, lowerHeaders } from './baselines.mjs';

const require = createRequire(import.meta.url);
const portable = process.argv.includes('--portable');
const asJson = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
// DIDIT_KIT_PKG: another built package directory, to compare builds (e.g. release profiles).
const PKG = new URL(`${process.env.DIDIT_KIT_PKG ?? '../pkg'}/`, import.meta.url);
const kit = portable ? await import(new URL('web.mjs', PKG).href) : require(fileURLToPath(PKG));
if (portable) kit.initSync(readFileSync(new URL('wasm/full/didit_kit_full_bg.wasm', PKG)));
const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const NOW = 1774970000;
const ROUNDS = quick ? 5 : 15;
const ROUND_MS = quick ? 40 : 120;

/** @param {Buffer} raw @param {Record<string, string>} headers @param {string} secret */
const diditDocumented = (raw, headers, secret) => documented(raw, headers, secret, NOW);

/** @param {Record<string, () => unknown>} fns */
const interleaved = (fns) => interleavedFor(fns, ROUNDS, ROUND_MS);


const cases = [];
for (const [size, hits] of [['2 KB', 0], ['40 KB', 60]]) {
  const data = delivery(/** @type {number} */ (hits), NOW);
  for (const [spelling, text] of [
    ['wire format', pythonCompactAscii(data)],
    ['re-serialised', reserialised(data)],
    ['pretty-printed', JSON.stringify(data, null, 2)],
  ]) {
    cases.push({ size, spelling, body: Buffer.from(text, 'utf8') });
  }
}

const results = [];
for (const c of cases) {
  const { body } = c;
  const headers = lowerHeaders(kit.signWebhook(body, SECRET, { timestamp: NOW }));
  if (!diditDocumented(body, headers, SECRET) || !floor(body, headers, SECRET)) throw new Error('baseline disagrees');
  const opts = { now: NOW * 1000 };
  if (kit.verifyWebhook(body, headers, SECRET, opts).method !== 'v2') throw new Error('expected v2');
  const fns = {
    ours: () => kit.verifyWebhook(body, headers, SECRET, opts),
    documented: () => diditDocumented(body, headers, SECRET),
    floor: () => floor(body, headers, SECRET),
    canonicalize: () => kit.canonicalize(body),
  };
  const r = interleaved(fns);
  const perRound = (/** @type {(i: number) => number} */ f) => summary(r.ours.map((_, i) => f(i)));
  results.push({
    size: c.size,
    spelling: c.spelling,
    bytes: body.length,
    us: Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summary(v)])),
    oursOverFloor: perRound((i) => r.ours[i] / r.floor[i]),
    documentedOverOurs: perRound((i) => r.documented[i] / r.ours[i]),
    canonicalMBs: summary(r.canonicalize.map((us) => body.length / us)),
  });
}

const wasm = readFileSync(new URL('wasm/full/didit_kit_full_bg.wasm', PKG));
const out = {
  node: process.version,
  portable,
  rounds: ROUNDS,
  results,
  wasm: { raw: wasm.length, gzip: gzipSync(wasm, { level: 9 }).length },
};
if (asJson) {
  console.log(JSON.stringify(out));
} else {
  const f = (/** @type {number} */ x) => x.toFixed(2).padStart(8);
  const range = (/** @type {{ median: number, min: number, max: number }} */ s) => `${s.median.toFixed(2)}x (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
  console.log(`verifyWebhook, CPU µs per call, median of ${ROUNDS} interleaved rounds; Node ${process.version}${portable ? '; portable entry (HMAC in wasm)' : ''}`);
  console.log('case                          bytes |  didit-kit | (a) documented JS | (b) HMAC floor | ours/floor (range)   | a/ours (range)        | canonicalize MB/s');
  for (const r of results) {
    console.log(
      `${`${r.size}, ${r.spelling}`.padEnd(28)} ${String(r.bytes).padStart(6)} | ${f(r.us.ours.median)}   | ${f(r.us.documented.median)}          | ${f(r.us.floor.median)}       | ${range(r.oursOverFloor).padEnd(20)} | ${range(r.documentedOverOurs).padEnd(21)} | ${r.canonicalMBs.median.toFixed(0)}`,
    );
  }
  console.log(`wasm module (full): ${out.wasm.raw} bytes raw, ${out.wasm.gzip} bytes gzip -9`);
  console.log('targets: wire format ours/floor <= 1.5x; other spellings ours/floor <= 4x and a/ours >= 5x');
}
