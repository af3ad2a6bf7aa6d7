// @ts-check
// The lower bounds behind the performance targets that are not met (issue 14; docs/performance.md):
// for each, the budget the target allows, measured in this run against its baseline, beside what
// work any verifier or inspector in this design must do at the least, measured alone on the same
// input. A target whose unavoidable work alone exceeds its budget cannot be met by tuning our code.
// CPU µs per call, medians of interleaved rounds (bench/timing.mjs). Asserts nothing about time.
//   node bench/bounds.mjs [--quick] [--json]
//
// The unavoidable work, by target:
// - wire format (≤ 1.5× the HMAC floor): the HMAC itself (the floor's own work, over the decoded
//   copy) and, because the rules live in the Rust core, the body into WebAssembly memory and freed.
//   What is left of the budget is all the rest may cost: argument checks, the headers, finding and
//   decoding the escapes, reading the signed time, the result object. The "JS layer" row is the
//   package's own JS around a stand-in core that only does the floor's HMAC: the least a call of
//   this API costs with the checks it makes today.
// - any spelling (≥ 5× faster than Didit's documented JS, ≤ 4× the HMAC floor): reading the JSON.
//   V8's own JSON.parse of the body (native code, and from a string: the body's bytes must become
//   one first, which the "from bytes" row includes) is the fastest JSON reader in the process; a
//   verifier must read every byte of the body with Python's rules and then HMAC the canonical text.
// (Share tokens, the third target, is met since December 2026: bench/tokens.mjs.)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delivery, pythonCompactAscii, reserialised } from './payloads.mjs';
import { interleaved, ratioText, summary } from './timing.mjs';
import { documented, floor, lowerHeaders } from './baselines.mjs';
import * as glue from '../pkg/wasm/full/didit_kit.mjs';
import { webhookApi } from '../pkg/webhook.mjs';

const require = createRequire(import.meta.url);
const kit = require('../pkg');
const quick = process.argv.includes('--quick');
const asJson = process.argv.includes('--json');
const [ROUNDS, MS] = quick ? [5, 40] : [11, 100];
const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const NOW = 1774970000;

const wasm = glue.initSync({ module: readFileSync(new URL('../pkg/wasm/full/didit_kit_full_bg.wasm', import.meta.url)) });
/** The least a call into the core costs: `bytes` into wasm memory, and the memory freed. @param {Uint8Array} bytes */
const crossing = (bytes) => {
  const ptr = wasm.__wbindgen_malloc(bytes.length, 1);
  new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
  wasm.__wbindgen_free(ptr, bytes.length, 1);
};

// The package's own JS layer (argument checks, headers, packing, the payload snapshot, the result
// object) around a stand-in core that does nothing but the floor's HMAC and compare: what a
// verification costs before the core does any work of its own. The snapshot hook is the Node
// loaders' own (node-platform.cjs).
const { hmac: nodeHmac, latin1 } = require('../pkg/node-platform.cjs');
/** @param {Record<string, string>} h */
const jsLayer = (h) => webhookApi({
  verifyWebhook: (/** @type {Uint8Array} */ bytes, /** @type {unknown} */ _packed, /** @type {number} */ now) => {
    const tag = createHmac('sha256', SECRET).update(bytes).digest();
    if (!timingSafeEqual(tag, Buffer.from(h['x-signature'], 'hex'))) throw new Error('stand-in core: mismatch');
    return [0, 0, now, 0];
  },
}, { latin1 }).verifyWebhook;

// The package as node.cjs builds it (the same core and JS, node:crypto's HMAC through the hook),
// with the payload snapshot replaced by a constant: what a verification costs without the copy
// that makes `payload` the bytes that were verified (js/webhook.mjs, run()).
const withoutSnapshot = webhookApi(glue, { hmac: nodeHmac, latin1: { ...latin1, text: () => '', isAscii: () => true } }).verifyWebhook;

const wire = [];
for (const [size, hits] of /** @type {const} */ ([['2 KB', 0], ['40 KB', 60]])) {
  const body = Buffer.from(pythonCompactAscii(delivery(hits, NOW)), 'utf8');
  const h = lowerHeaders(kit.signWebhook(body, SECRET, { timestamp: NOW }));
  const opts = { now: NOW * 1000 };
  const layer = jsLayer(h);
  if (withoutSnapshot(body, h, SECRET, opts).method !== 'v2') throw new Error('the wire-format body did not verify by V2');
  const r = interleaved({
    floor: () => floor(body, h, SECRET),
    jsLayer: () => layer(body, h, SECRET, opts),
    crossing: () => crossing(body),
    snapshot: () => latin1.isAscii(body) && latin1.text(body),
    // The floor plus the body as text, which any handler then parses (`JSON.parse(body)` makes it
    // too); `payload` parses the snapshot itself, so a handler that reads it makes no other.
    floorText: () => floor(body, h, SECRET) && body.toString(),
    withoutSnapshot: () => withoutSnapshot(body, h, SECRET, opts),
    ours: () => kit.verifyWebhook(body, h, SECRET, opts),
  }, ROUNDS, MS);
  const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summary(v).median]));
  // Ratios to the floor per round (as bench/verify.mjs reports them), then their median and range.
  const perRound = (/** @type {number[]} */ xs) => summary(xs.map((x, i) => x / r.floor[i]));
  wire.push({
    case: `${size}, wire format`, bytes: body.length, ...m, budget: 1.5 * m.floor,
    oursRatio: perRound(r.ours), withoutSnapshotRatio: perRound(r.withoutSnapshot),
    oursToFloorText: summary(r.ours.map((x, i) => x / r.floorText[i])),
  });
}

const spelling = [];
for (const [size, hits] of /** @type {const} */ ([['2 KB', 0], ['40 KB', 60]])) {
  const data = delivery(hits, NOW);
  for (const [name, text] of [['re-serialised', reserialised(data)], ['pretty-printed', JSON.stringify(data, null, 2)]]) {
    const body = Buffer.from(text, 'utf8');
    const h = lowerHeaders(kit.signWebhook(body, SECRET, { timestamp: NOW }));
    if (!documented(body, h, SECRET, NOW) || !floor(body, h, SECRET)) throw new Error('baseline disagrees');
    const opts = { now: NOW * 1000 };
    const r = interleaved({
      documented: () => documented(body, h, SECRET, NOW),
      floor: () => floor(body, h, SECRET),
      parseBytes: () => JSON.parse(body.toString('utf8')),
      parseString: () => JSON.parse(text),
      ours: () => kit.verifyWebhook(body, h, SECRET, opts),
    }, ROUNDS, MS);
    const m = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, summary(v).median]));
    spelling.push({ case: `${size}, ${name}`, bytes: body.length, ...m, budget: Math.min(m.documented / 5, 4 * m.floor) });
  }
}

const out = { node: process.version, rounds: ROUNDS, wire, spelling };
if (asJson) {
  console.log(JSON.stringify(out));
} else {
  const f = (/** @type {number} */ x) => x.toFixed(1).padStart(7);
  console.log(`Lower bounds, CPU µs per call, medians of ${ROUNDS} interleaved rounds; Node ${process.version}`);
  console.log('\nWire format: budget = 1.5 × HMAC floor; the HMAC (= the floor) and the body into wasm memory are unavoidable');
  console.log('case                       bytes | floor   | budget  | into wasm and freed | left for all the rest | JS layer, HMAC only | didit-kit | its rest');
  for (const w of wire) {
    console.log(`${w.case.padEnd(24)} ${String(w.bytes).padStart(7)} | ${f(w.floor)} | ${f(w.budget)} | ${f(w.crossing)}             | ${f(w.budget - w.floor - w.crossing)}               | ${f(w.jsLayer)}             | ${f(w.ours)}   | ${f(w.ours - w.floor)}`);
  }
  console.log('\nWire format, the payload snapshot: didit-kit / floor, and without the snapshot (a constant instead)');
  console.log('case                       bytes | didit-kit / floor     | without the snapshot  | / floor               | snapshot alone | in the call | floor + text | didit-kit / (floor + text)');
  for (const w of wire) {
    console.log(`${w.case.padEnd(24)} ${String(w.bytes).padStart(7)} | ${ratioText(w.oursRatio).padEnd(21)} | ${f(w.withoutSnapshot)}               | ${ratioText(w.withoutSnapshotRatio).padEnd(21)} | ${f(w.snapshot)}        | ${f(w.ours - w.withoutSnapshot)}     | ${f(w.floorText)}      | ${ratioText(w.oursToFloorText)}`);
  }
  console.log('\nAny spelling: budget = min(documented JS / 5, 4 × HMAC floor); JSON.parse alone is V8\'s native reader');
  console.log('case                       bytes | documented | floor   | budget  | JSON.parse from bytes | + floor | from a string | didit-kit');
  for (const s of spelling) {
    console.log(`${s.case.padEnd(24)} ${String(s.bytes).padStart(7)} | ${f(s.documented)}    | ${f(s.floor)} | ${f(s.budget)} | ${f(s.parseBytes)}               | ${f(s.parseBytes + s.floor)} | ${f(s.parseString)}       | ${f(s.ours)}`);
  }
}
