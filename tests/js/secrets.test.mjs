// @ts-check
// Secrets never leave the package: no error message, code, toString, stack, enumerable or own
// property of any thrown error, and nothing in any returned result (tryVerifyWebhook's failures,
// accepted deliveries), contains a secret or a tag the verifier computed (the expected
// signatures), in hex of either case or in base64.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));

const SECRET = 'whsec_do_not_leak_0123456789abcdefghijkl';
const OTHER = 'whsec_rotated_out_zyxwvutsrqponmlkjihgfe';
const NOW = 1774970000;
const BODY = `{"webhook_type":"status.updated","session_id":"s-1","status":"Approved","timestamp":${NOW},"metadata":{"name":"José"}}`;
const TAMPERED = BODY.replace('Approved', 'Declined');
const signed = kit.signWebhook(BODY, SECRET);

/** Every string that must not appear: the secrets and every tag they give over any form of a body. */
function forbidden() {
  const out = [];
  for (const key of [SECRET, OTHER, SECRET + '\uD800']) {
    out.push(key, Buffer.from(key).toString('hex'), Buffer.from(key).toString('base64'));
    for (const body of [BODY, TAMPERED]) {
      const messages = [body, kit.canonicalize(body), kit.canonicalize(body, { ascii: true }), `${NOW}:s-1:Approved:status.updated`, `${NOW}:s-1:Declined:status.updated`];
      for (const m of messages) {
        const tag = createHmac('sha256', key).update(m).digest();
        out.push(tag.toString('hex'), tag.toString('hex').toUpperCase(), tag.toString('base64'));
      }
    }
  }
  return out;
}

/** Everything a caller (or a logger) could read from a value. @param {any} v */
function everything(v) {
  const parts = [];
  const seen = new Set();
  /** @param {any} x @param {number} depth */
  const walk = (x, depth) => {
    if (x === null || (typeof x !== 'object' && typeof x !== 'function') || seen.has(x) || depth > 4) {
      parts.push(String(typeof x === 'symbol' ? x.description : x));
      return;
    }
    seen.add(x);
    parts.push(inspect(x, { showHidden: true, depth: 6, getters: true }));
    try {
      parts.push(JSON.stringify(x));
    } catch {}
    try {
      parts.push(String(x));
    } catch {}
    for (const k of [...Object.getOwnPropertyNames(x), ...Object.getOwnPropertySymbols(x)]) {
      try {
        walk(x[k], depth + 1);
      } catch {}
    }
    for (const k in x) {
      try {
        walk(x[k], depth + 1);
      } catch {}
    }
    if (x instanceof Error) walk(x.cause, depth + 1);
  };
  walk(v, 0);
  return parts.join('\n');
}

const h = (/** @type {Record<string, unknown>} */ extra) => ({ 'X-Timestamp': String(NOW), 'X-Signature-V2': signed['X-Signature-V2'], ...extra });
const at = { now: NOW * 1000 };

/**
 * Calls that fail, each a different way, and two that succeed; `verify` is verifyWebhook or
 * tryVerifyWebhook (whose result object is what gets logged).
 * @type {[string, (verify: Function) => unknown][]}
 */
const CALLS = [
  ['wrong secret', (verify) => verify(BODY, h({}), OTHER, at)],
  ['rotated list without the right secret', (verify) => verify(TAMPERED, h({}), [OTHER, SECRET], at)],
  ['tampered body, every signature', (verify) => verify(TAMPERED, { ...signed }, SECRET, { ...at, allowSimple: true })],
  ['stale', (verify) => verify(BODY, h({ 'X-Timestamp': String(NOW - 9999) }), SECRET, at)],
  ['future', (verify) => verify(BODY, h({ 'X-Timestamp': String(NOW + 9999) }), SECRET, at)],
  ['timestamp mismatch', (verify) => verify(BODY, h({ 'X-Timestamp': String(NOW + 1) }), SECRET, at)],
  ['no signature', (verify) => verify(BODY, { 'X-Timestamp': String(NOW) }, SECRET, at)],
  ['simple not allowed', (verify) => verify(BODY, { 'X-Timestamp': String(NOW), 'X-Signature-Simple': signed['X-Signature-Simple'] }, SECRET, at)],
  ['invalid JSON', (verify) => verify('{"a":NaN}', h({}), SECRET, at)],
  ['too large', (verify) => verify(BODY, h({}), SECRET, { ...at, maxBodyBytes: 10 })],
  ['secret passed as the body', (verify) => verify(SECRET, h({}), SECRET, at)],
  ['secret passed as the headers', (verify) => verify(BODY, SECRET, SECRET, at)],
  ['secret in every header', (verify) => verify(BODY, { 'X-Timestamp': SECRET, 'X-Signature-V2': SECRET, 'X-Signature': SECRET, 'X-Signature-Simple': SECRET }, SECRET, at)],
  ['secret with a lone surrogate', (verify) => verify(BODY, h({}), SECRET + '\uD800', at)],
  ['secret passed as now', (verify) => verify(BODY, h({}), SECRET, { now: SECRET })],
  ['secret as a Buffer', (verify) => verify(BODY, h({}), Buffer.from(SECRET), at)],
  ['secrets list with a number', (verify) => verify(BODY, h({}), [SECRET, 42], at)],
  ['empty secret in a rotation', (verify) => verify(BODY, h({}), [SECRET, ''], at)],
  ['signWebhook with a bad timestamp', () => kit.signWebhook(BODY, SECRET, { timestamp: -1 })],
  ['signWebhook with a contradicting timestamp', () => kit.signWebhook(BODY, SECRET, { timestamp: NOW + 1 })],
  ['signWebhook with a secret array', () => kit.signWebhook(BODY, [SECRET])],
  ['canonicalize the secret', () => kit.canonicalize(SECRET)],
  ['accepted (V2, second secret)', (verify) => verify(BODY, h({}), [OTHER, SECRET], at)],
  ['accepted (V1)', (verify) => verify(BODY, { 'X-Timestamp': String(NOW), 'X-Signature': signed['X-Signature'] }, SECRET, at)],
];

test('no error or result shows a secret or an expected signature', () => {
  const bad = forbidden();
  // The detector itself finds a secret hidden deep in an error, in a non-enumerable property, or in its cause.
  const planted = Object.assign(new Error('x', { cause: { why: [SECRET] } }), { detail: { deep: 1 } });
  Object.defineProperty(planted, 'hidden', { value: bad[bad.length - 1], enumerable: false });
  assert.ok(everything(planted).includes(SECRET) && everything(planted).includes(bad[bad.length - 1]));
  const leaks = [];
  let thrown = 0;
  for (const [name, call] of CALLS) {
    for (const verify of [kit.verifyWebhook, kit.tryVerifyWebhook]) {
      /** @type {unknown} */
      let seen;
      try {
        seen = call(verify);
      } catch (e) {
        thrown++;
        seen = e;
      }
      const text = everything(seen);
      for (const f of bad) if (text.includes(f)) leaks.push(`${name} (${verify.name}): shows ${f.slice(0, 12)}…`);
    }
  }
  assert.ok(thrown >= 26, `${thrown} calls threw`);
  assert.deepEqual(leaks, []);
});
