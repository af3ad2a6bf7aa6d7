// @ts-check
// The wire-format fast path as the WebAssembly modules run it (src/webhook/fast.rs: the backslash
// scan in SIMD blocks of 64 and 16 bytes, the escapes decoded span by span). The Rust unit tests
// check these helpers natively, where the scan is the word-at-a-time version; these check the
// modules' own code, with escapes at every offset around the blocks' edges: the message each module's
// fast path signs (its `webhookFastMessage` export) must be the decoded form byte for byte, every
// delivery must verify by X-Signature-V2, and one changed escape must not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const full = require(join(ROOT, 'pkg'));
const verifyOnly = require(join(ROOT, 'pkg', 'verify', 'node.cjs'));
// The raw exports of both modules (the instances the two entries use: Node caches them by path).
const modules = ['full', 'verify'].map((m) => require(join(ROOT, 'pkg', 'wasm', m, 'didit_kit.cjs')));
const SECRET = 'fast_path_secret';
const NOW = 1774970000;

/**
 * Didit's wire format of an object with ASCII keys: compact, keys sorted, `ensure_ascii=True`
 * (every character from U+007F up as `\uXXXX`, astral ones as surrogate pairs).
 * @param {Record<string, unknown>} o
 */
const wire = (o) =>
  '{' +
  Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(o[k]).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`)
    .join(',') +
  '}';

const headersOf = (/** @type {string} */ body) => {
  const h = full.signWebhook(body, SECRET, { timestamp: NOW });
  return { 'x-timestamp': h['X-Timestamp'], 'x-signature-v2': h['X-Signature-V2'] };
};

// Characters whose escapes the fast path decodes (2-, 3- and 4-byte UTF-8, U+007F), and escapes
// it keeps as they are (quote, backslash, control, an ASCII letter spelled as an escape).
const DECODED = ['\u007f', 'é', 'ü', '€', '\u{1F600}'];
const KEPT = ['"', '\\', '\n', '\u0001'];

test('escapes at every offset around the SIMD blocks: the decoded form verifies by V2', () => {
  let checked = 0;
  for (const ch of DECODED) {
    for (let pad = 0; pad < 140; pad++) {
      for (const kept of ['', KEPT[pad % KEPT.length]]) {
        // The escape lands at every offset of the 16- and 64-byte blocks (of a body long enough to
        // have whole 64-byte blocks after it); a kept escape before it (the search restarts
        // after it) and a second decoded character after it.
        const data = { a: 'x'.repeat(pad) + kept + ch + 'y'.repeat(pad % 37) + ch + 'z'.repeat(150), timestamp: NOW };
        const body = wire(data);
        const decoded = Buffer.from(`{"a":${JSON.stringify(data.a)},"timestamp":${NOW}}`);
        for (const raw of modules) assert.deepEqual(Buffer.from(raw.webhookFastMessage(Buffer.from(body))), decoded, body);
        const headers = headersOf(body);
        for (const kit of [full, verifyOnly]) {
          const r = kit.verifyWebhook(Buffer.from(body), headers, SECRET, { now: NOW * 1000 });
          assert.equal(r.method, 'v2', `${JSON.stringify(body)}`);
          assert.equal(r.timestamp, NOW);
          assert.deepEqual(r.payload, data);
        }
        checked++;
      }
    }
  }
  assert.equal(checked, DECODED.length * 140 * 2);
});

test('a changed escape at any offset is a mismatch, not a fast-path match', () => {
  for (let pad = 0; pad < 140; pad += 3) {
    const body = wire({ a: 'x'.repeat(pad) + 'é' + 'z'.repeat(70), timestamp: NOW });
    const headers = headersOf(body);
    const changed = body.replace('\\u00e9', '\\u00e8');
    assert.notEqual(changed, body);
    for (const kit of [full, verifyOnly]) {
      const r = kit.tryVerifyWebhook(Buffer.from(changed), headers, SECRET, { now: NOW * 1000 });
      assert.equal(r.ok, false);
      assert.equal(/** @type {any} */ (r).code, 'ERR_WEBHOOK_SIGNATURE_MISMATCH');
    }
  }
});

test('an unpaired surrogate escape is not decoded by the fast path, and is refused as Python refuses it', () => {
  // Python's json.loads reads "\ud83d" as a lone surrogate, which its UTF-8 encoder cannot write.
  const body = `{"a":"${'x'.repeat(50)}\\ud83d${'y'.repeat(40)}","timestamp":${NOW}}`;
  const r = full.tryVerifyWebhook(Buffer.from(body), { 'x-timestamp': String(NOW), 'x-signature-v2': '0'.repeat(64) }, SECRET, { now: NOW * 1000 });
  assert.equal(r.ok, false);
  assert.match(/** @type {any} */ (r).code, /^ERR_/);
});
