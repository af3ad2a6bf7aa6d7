// @ts-check
// The diagnostics behind `didit-kit verify-webhook` and the devtools page (pkg/devtools/analysis.mjs):
// the traps found in the committed sample deliveries, the diff against JavaScript re-serialisers,
// and the header parser on every accepted form (lines, a proxy capture, `curl -v` output).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
const { parseHeaderText, headerValue, reserialiserReport, diffJson, findTraps, formatDuration } = await import(join(ROOT, 'pkg', 'devtools', 'analysis.mjs'));
const SAMPLES = JSON.parse(readFileSync(join(ROOT, 'samples', 'deliveries.json'), 'utf8'));
const body = (/** @type {string} */ name) => SAMPLES.deliveries.find((/** @type {any} */ d) => d.name === name).body;
const canon = (/** @type {string} */ b) => kit.canonicalize(b);

test('traps: integer-like keys, big integers, tiny floats, float formatting in the samples', () => {
  const kinds = (/** @type {string} */ name) => [...new Set(findTraps(body(name), canon).map((/** @type {any} */ t) => t.kind))].sort();
  assert.deepEqual(kinds('integer-like-metadata-keys'), ['integer-like key']);
  assert.deepEqual(kinds('64-bit-id-in-metadata'), ['big integer']);
  assert.deepEqual(kinds('tiny-and-huge-floats'), ['float formatting', 'tiny float']);
  assert.deepEqual(kinds('non-ascii-names'), []);
  const big = findTraps(body('64-bit-id-in-metadata'), canon).find((/** @type {any} */ t) => t.kind === 'big integer');
  assert.match(big.path, /metadata\./);
  // Keys that are integer-like but already in the same order in both languages are no trap.
  assert.deepEqual(findTraps('{"1":1,"2":2,"a":3}', canon), []);
  assert.deepEqual(findTraps('{"b":{"10":1,"9":2}}', canon).map((/** @type {any} */ t) => t.path), ['b']);
  assert.deepEqual(findTraps('[0.5,1.5,-2,1e-7,true,null,"x"]', canon).map((/** @type {any} */ t) => [t.kind, t.path]), [['tiny float', '[3]']]);
});

test('the re-serialiser report: what JSON.stringify changes, against the canonical form', () => {
  for (const d of SAMPLES.deliveries) {
    const r = reserialiserReport(d.body, canon);
    assert.equal(r.canonical, kit.canonicalize(d.body));
    for (const v of r.variants) {
      // No difference exactly when the re-serialised text is the canonical form.
      assert.equal(v.hunks.length === 0, v.text === r.canonical, `${d.name} ${v.name}`);
      // Applying the hunks to the canonical form gives the re-serialised text.
      let out = '';
      let pos = 0;
      for (const h of v.hunks) {
        out += r.canonical.slice(pos, h.at) + h.other;
        pos = h.at + h.canonical.length;
      }
      out += r.canonical.slice(pos);
      assert.equal(out, v.text, `${d.name} ${v.name}`);
    }
    if (findTraps(d.body, canon).length === 0) assert.ok(r.variants[1].equal, `${d.name}: no trap, so key-sorted JS reproduces the canonical form`);
    else assert.ok(!r.variants[1].equal, d.name);
  }
  // Didit's own bytes (the canonical form ASCII-escaped, as sent), the canonical form, and either
  // with a final newline are "not re-serialised"; a reordered or spaced body is.
  const full = (/** @type {string} */ b, /** @type {any} */ o) => kit.canonicalize(b, o);
  const wire = kit.canonicalize(body('non-ascii-names'), { ascii: true });
  assert.match(wire, /\\u00/);
  for (const b of [wire, `${wire}\n`, kit.canonicalize(wire), `${kit.canonicalize(wire)}\r\n`]) assert.equal(reserialiserReport(b, full).bodyIsCanonical, true);
  for (const b of [JSON.stringify(JSON.parse(wire), null, 1), `${wire}\n\n`, '{"b":1,"a":2}']) assert.equal(reserialiserReport(b, full).bodyIsCanonical, false);
  assert.deepEqual(diffJson('{"a":1}', '{"a":1}'), []);
  assert.deepEqual(diffJson('{"a":1e-05}', '{"a":0.00001}'), [{ at: 5, context: '{"a":', canonical: '1e-05', other: '0.00001' }]);
});

test('header text: Name: value lines, a proxy capture with its body, curl -v output', () => {
  const lines = parseHeaderText('X-Timestamp: 1\nx-signature-v2:  abc \n\n');
  assert.deepEqual(lines.headers, [['X-Timestamp', '1'], ['x-signature-v2', 'abc']]);
  assert.equal(lines.body, null);
  assert.equal(headerValue(lines.headers, 'X-Signature-V2'), 'abc');
  const proxy = parseHeaderText('POST /hook HTTP/1.1\r\nHost: h\r\nX-Timestamp: 5\r\n\r\n{"a":1}\r\n');
  assert.equal(proxy.requestLine, 'POST /hook HTTP/1.1');
  assert.deepEqual(proxy.headers, [['Host', 'h'], ['X-Timestamp', '5']]);
  assert.equal(proxy.body, '{"a":1}');
  const curl = parseHeaderText('*   Trying 127.0.0.1:80...\n> POST /hook HTTP/1.1\n> Host: h\n> X-Signature: s\n>\n} [7 bytes data]\n< HTTP/1.1 401 Unauthorized\n< content-length: 0\n');
  assert.equal(curl.requestLine, 'POST /hook HTTP/1.1');
  assert.deepEqual(curl.headers, [['Host', 'h'], ['X-Signature', 's']]);
  assert.equal(curl.body, null);
  assert.equal(formatDuration(3566), '59m 26s');
  assert.equal(formatDuration(-90061), '-1d 1h 01m 01s');
  assert.equal(formatDuration(5), '5s');
});
