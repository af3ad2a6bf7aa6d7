// @ts-check
// Compares two built packages (e.g. main's and a change's) in one process, interleaved: CPU µs
// per call of verifyWebhook and canonicalize on the bench deliveries in every spelling, and the
// ratio B/A per round (median and range). For deciding whether a change is faster; asserts nothing
// about time, but fails if the two packages disagree on any result.
//   node bench/ab.mjs DIR_A DIR_B [--quick] [--portable]
// DIR_A, DIR_B: package directories as scripts/build.sh leaves them in pkg/ (copy one aside first).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { delivery, pythonCompactAscii, reserialised } from './payloads.mjs';
import { interleaved, summary } from './timing.mjs';

const [dirA, dirB] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!dirA || !dirB) {
  console.error('usage: node bench/ab.mjs DIR_A DIR_B [--quick] [--portable]');
  process.exit(2);
}
const quick = process.argv.includes('--quick');
const portable = process.argv.includes('--portable');
const require = createRequire(import.meta.url);
/** @param {string} dir */
async function load(dir) {
  if (!portable) return require(resolve(dir));
  const kit = await import(pathToFileURL(resolve(dir, 'web.mjs')).href);
  kit.initSync(readFileSync(resolve(dir, 'wasm/full/didit_kit_full_bg.wasm')));
  return kit;
}
const A = await load(dirA);
const B = await load(dirB);
const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const NOW = 1774970000;

/** Sorted keys, indented: Python's json.dumps(sort_keys=True, indent=2), the one spelling whose
 * objects are all in key order without being canonical. @param {unknown} v @returns {unknown} */
const sortDeep = (v) =>
  Array.isArray(v) ? v.map(sortDeep)
    : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(/** @type {any} */ (v)[k])]))
      : v;

const cases = [];
for (const [size, hits] of /** @type {const} */ ([['2 KB', 0], ['40 KB', 60]])) {
  const data = delivery(hits, NOW);
  for (const [spelling, text] of [
    ['wire format', pythonCompactAscii(data)],
    ['re-serialised', reserialised(data)],
    ['pretty-printed', JSON.stringify(data, null, 2)],
    ['sorted, indented', JSON.stringify(sortDeep(data), null, 2)],
    // One escape (`\n`) in the first string: the strings after it must not pay for it.
    ['re-ser., early escape', reserialised({ ...data, a_note: 'line one\nline two' })],
  ]) cases.push({ name: `${size}, ${spelling}`, body: Buffer.from(text, 'utf8') });
}

const opts = { now: NOW * 1000 };
console.log(`B/A, CPU time per call (median, range over rounds)${portable ? '; portable entry' : ''}`);
console.log('case                         | verifyWebhook A µs | B/A                 | canonicalize A µs | B/A');
for (const { name, body } of cases) {
  const headers = A.signWebhook(body, SECRET, { timestamp: NOW });
  for (const [k, f] of Object.entries({ verifyWebhook: (/** @type {any} */ kit) => kit.verifyWebhook(body, headers, SECRET, opts).method, canonicalize: (/** @type {any} */ kit) => Buffer.from(kit.canonicalize(body)).toString('base64') })) {
    if (f(A) !== f(B)) throw new Error(`${name}: the packages disagree on ${k}`);
  }
  /** @type {Record<string, () => unknown>} */
  const fns = {
    vA: () => A.verifyWebhook(body, headers, SECRET, opts),
    vB: () => B.verifyWebhook(body, headers, SECRET, opts),
    cA: () => A.canonicalize(body),
    cB: () => B.canonicalize(body),
  };
  const r = interleaved(fns, quick ? 6 : 12, quick ? 40 : 100, { alternate: true });
  const ratio = (/** @type {number[]} */ b, /** @type {number[]} */ a) => summary(b.map((x, i) => x / a[i]));
  const fmt = (/** @type {{median: number, min: number, max: number}} */ s) => `${s.median.toFixed(3)} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`.padEnd(19);
  console.log(`${name.padEnd(28)} | ${summary(r.vA).median.toFixed(1).padStart(18)} | ${fmt(ratio(r.vB, r.vA))} | ${summary(r.cA).median.toFixed(1).padStart(17)} | ${fmt(ratio(r.cB, r.cA))}`);
}
