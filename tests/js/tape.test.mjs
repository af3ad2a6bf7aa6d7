// @ts-check
// The tape writer's structural index as the WebAssembly modules run it (src/canonical/index.rs:
// SIMD classification of 64-byte blocks, escapes and string insides carried from block to block,
// chunks of 1 KiB). The Rust unit tests check the native word-at-a-time classifier; these check the
// modules' SIMD one, with quotes, backslash runs, punctuation and control bytes at every offset
// around the blocks' and chunks' edges: the canonical form must be the one Python writes (for these
// bodies, JSON.stringify of the sorted data gives the same text), the verify-only module must
// verify it, and a control byte or an unterminated string must be reported where it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const full = require(join(ROOT, 'pkg'));
const verifyOnly = require(join(ROOT, 'pkg', 'verify', 'node.cjs'));
const SECRET = 'tape_secret';
const NOW = 1774970000;

/** Python's canonical form of data with ASCII keys, integers and strings without lone surrogates. */
const canonical = (/** @type {unknown} */ v) => {
  /** @returns {unknown} */
  const sorted = (/** @type {any} */ x) =>
    Array.isArray(x) ? x.map(sorted)
      : x && typeof x === 'object' ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sorted(x[k])]))
        : x;
  return JSON.stringify(sorted(v));
};

// What lands on the edges: escaped quotes after backslash runs of both parities, punctuation and
// brackets inside strings, escapes Python rewrites (`\/`, `\u0041`), raw non-ASCII.
const TRICKY = ['\\"', '\\\\', '\\\\\\"', '\\\\\\\\', ',:{}[]', '\\/', '\\u0041', 'é€', '\\n\\t'];

test('strings, escapes and punctuation at every offset around the blocks and chunks', () => {
  let checked = 0;
  for (const lead of [0, 1000]) {
    for (let pad = 0; pad < 140; pad++) {
      const tricky = TRICKY[pad % TRICKY.length];
      // Out of key order and re-serialised with spaces, so the sorting path runs; `lead` puts the
      // edges of the second chunk (1 KiB) under the same offsets.
      const text =
        `{"z": ${JSON.stringify('L'.repeat(lead))}, "b": "${'x'.repeat(pad)}${tricky}y", ` +
        `"a": [${'1, '.repeat(pad % 23)}"${tricky}", {"k": "${tricky}"}],  "c" : {"q":"${tricky}"}, "timestamp": ${NOW} }`;
      const data = JSON.parse(text);
      const out = Buffer.from(full.canonicalize(text)).toString('utf8');
      assert.equal(out, canonical(data), text);
      const h = full.signWebhook(text, SECRET, { timestamp: NOW });
      const headers = { 'x-timestamp': h['X-Timestamp'], 'x-signature-v2': h['X-Signature-V2'] };
      assert.equal(verifyOnly.verifyWebhook(Buffer.from(text), headers, SECRET, { now: NOW * 1000 }).method, 'v2', text);
      checked++;
    }
  }
  assert.equal(checked, 280);
});

test('a control byte or an unterminated string is reported where it is, at every offset', () => {
  for (let pad = 0; pad < 140; pad++) {
    const before = `{"a": ["${'x'.repeat(pad)}`;
    // A raw control byte inside a string.
    assert.throws(() => full.canonicalize(`${before}\u0001"]}`), (/** @type {any} */ e) =>
      e.code === 'ERR_JSON_CONTROL_CHARACTER' && e.message.includes(`(byte ${before.length})`));
    // Every control byte between tokens, after whitespace controls: an error where it is,
    // unless it is whitespace itself.
    const between = `{"a": ["${'x'.repeat(pad)}",\r\n\t`;
    for (let c = 0; c < 0x20; c++) {
      const body = `${between}${String.fromCharCode(c)}1]}`;
      if (c === 0x09 || c === 0x0a || c === 0x0d) {
        assert.equal(Buffer.from(full.canonicalize(body)).toString(), `{"a":["${'x'.repeat(pad)}",1]}`);
      } else {
        assert.throws(() => full.canonicalize(body), (/** @type {any} */ e) =>
          e.code === 'ERR_JSON_SYNTAX' && e.message.includes(`(byte ${between.length})`), `${c}`);
      }
    }
    // An escaped closing quote leaves the string open to the end.
    const open = `{"a": "${'x'.repeat(pad)}\\"}`;
    assert.throws(() => full.canonicalize(open), (/** @type {any} */ e) =>
      e.code === 'ERR_JSON_SYNTAX' && e.message.includes('(byte 6)'));
    // The same bytes with the backslash itself escaped: a string, then `}`.
    assert.equal(Buffer.from(full.canonicalize(`{"a": "${'x'.repeat(pad)}\\\\"}`)).toString(), `{"a":"${'x'.repeat(pad)}\\\\"}`);
  }
});

// The modules check UTF-8 a 64-byte block at a time (src/scan.rs, utf8_error: ASCII blocks by one
// SIMD test, other blocks extended to the next ASCII byte and checked by core's from_utf8). Valid
// and broken sequences at every offset around the blocks' edges: the offset reported must be
// the length of the longest valid prefix, as Python's UnicodeDecodeError.start and Rust's
// valid_up_to give it, and a body without a broken sequence must be read.
test('UTF-8 is checked at every offset around the blocks, with the offset of the first bad sequence', () => {
  const fatal = new TextDecoder('utf-8', { fatal: true });
  /** The longest prefix of `bytes` that is UTF-8 (Rust's `valid_up_to`). @param {Uint8Array} bytes */
  const validUpTo = (bytes) => {
    for (let k = bytes.length; k > 0; k--) {
      try {
        fatal.decode(bytes.subarray(0, k));
        return k;
      } catch { /* shorter */ }
    }
    return 0;
  };
  const seqs = [
    [0xc3, 0xa9], [0xe6, 0x97, 0xa5], [0xf0, 0x9f, 0x98, 0x80], // é, 日, 😀
    [0xc3], [0xe6, 0x97], [0xf0, 0x9f, 0x98], // truncated
    [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xff], // overlong, surrogate, > U+10FFFF, stray
  ];
  let broken = 0;
  for (let pad = 0; pad < 140; pad++) {
    for (const seq of seqs) {
      // Valid non-ASCII text before the sequence, so that a run of it may cross a block's edge.
      const head = Buffer.from(`{"a": "${'x'.repeat(pad)}é日`);
      const bytes = Buffer.concat([head, Buffer.from(seq), Buffer.from('y"}')]);
      const k = validUpTo(bytes);
      if (k === bytes.length) {
        assert.equal(JSON.parse(Buffer.from(full.canonicalize(bytes)).toString()).a, JSON.parse(bytes.toString()).a);
        continue;
      }
      broken++;
      assert.throws(() => full.canonicalize(bytes), (/** @type {any} */ e) =>
        e.code === 'ERR_JSON_INVALID_UTF8' && e.message === `body is not valid UTF-8 at byte ${k}`, `${pad} ${seq}`);
    }
  }
  assert.equal(broken, 140 * 8);
});
