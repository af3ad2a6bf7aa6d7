// @ts-check
// The built package (pkg/) in Node: loading (CommonJS and ESM), the shared vector files, and the
// behaviour of every exported function, including each error code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, mkdirSync, symlinkSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
const EXPORTS = [
  'DiditIdempotencyObject', 'REDIS_SCRIPTS',
  'assertShareTokenUsable', 'canonicalize', 'durableObjectStore', 'fastifyWebhook', 'idempotency', 'importRequest', 'init', 'initSync',
  'inspectShareToken', 'keepRawBody', 'keys', 'koaWebhook', 'lambdaWebhook', 'memoryStore', 'mintTestShareToken', 'modelNotes',
  'parseImportResponse', 'parseSessionDecision', 'parseWebhookEvent', 'redisStore', 'sendDeliveries', 'shareRequest', 'signWebhook',
  'simulateDeliveries', 'stringify', 'tryVerifyWebhook', 'upstashRestClient', 'verifyLambdaEvent', 'verifyNodeRequest', 'verifyRequest',
  'verifyShareTokenSignature', 'verifyWebhook', 'webhookHandler', 'webhookMiddleware', 'webhookRejectionStatus',
];

const webhookVectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/webhook.json'), 'utf8')).vectors;
const canonicalVectors = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/canonical.json'), 'utf8')).vectors;
const reference = webhookVectors[0];
const SECRET = reference.secrets[0];
const NOW = reference.now * 1000;

/** @param {() => unknown} fn @param {string} code @param {Function} [ctor] */
function throwsCode(fn, code, ctor = Error) {
  assert.throws(fn, (/** @type {any} */ e) => {
    assert.ok(e instanceof ctor, `expected ${ctor.name}, got ${e?.constructor?.name}: ${e?.message}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('require() and import() of the package both expose the API', () => {
  assert.deepEqual(Object.keys(kit).sort(), EXPORTS);
  // ESM resolves packages by name (Node has no directory imports in ESM): install it by link.
  const dir = mkdtempSync(join(tmpdir(), 'didit-kit-esm-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(join(ROOT, 'pkg'), join(dir, 'node_modules', 'didit-kit'), 'dir');
    writeFileSync(join(dir, 'esm.mjs'), `
      import * as kit from 'didit-kit';
      import { verifyWebhook } from 'didit-kit';
      const names = Object.keys(kit).sort();
      const cjs = (await import('node:module')).createRequire(import.meta.url)('didit-kit');
      console.log(JSON.stringify({ names, same: cjs.verifyWebhook === verifyWebhook }));
    `);
    writeFileSync(join(dir, 'cjs.cjs'), `console.log(JSON.stringify(Object.keys(require('didit-kit')).sort()));`);
    const esm = JSON.parse(execFileSync(process.execPath, [join(dir, 'esm.mjs')], { cwd: dir, encoding: 'utf8' }));
    assert.deepEqual(esm, { names: EXPORTS, same: true });
    const cjs = JSON.parse(execFileSync(process.execPath, [join(dir, 'cjs.cjs')], { cwd: dir, encoding: 'utf8' }));
    assert.deepEqual(cjs, EXPORTS);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('canonical vectors (computed by CPython) match byte for byte', () => {
  const failures = [];
  for (const v of canonicalVectors) {
    const body = Buffer.from(v.body_b64, 'base64');
    for (const ascii of [false, true]) {
      const r = (() => {
        try {
          return { out: kit.canonicalize(body, { ascii }) };
        } catch (e) {
          return { code: /** @type {any} */ (e).code };
        }
      })();
      if (v.error) {
        if (r.code !== v.error) failures.push(`${v.name}: expected ${v.error}, got ${JSON.stringify(r).slice(0, 100)}`);
      } else {
        const want = Buffer.from(ascii ? v.canonical_ascii_b64 : v.canonical_b64, 'base64');
        if (r.out === undefined || !Buffer.from(r.out, 'utf8').equals(want)) failures.push(`${v.name} (ascii=${ascii}): ${r.code ?? 'output differs'}`);
      }
    }
  }
  assert.deepEqual(failures, []);
  assert.ok(canonicalVectors.length > 40);
});

test('webhook vectors (shared with the Rust tests)', () => {
  for (const v of webhookVectors) {
    const r = kit.tryVerifyWebhook(v.body, v.headers, v.secrets, { now: v.now * 1000, allowSimple: v.allow_simple });
    const got = r.ok ? { ok: true, method: r.method, secret_index: r.secretIndex, timestamp: r.timestamp } : { ok: false, code: r.code };
    assert.deepEqual(got, v.expect, v.name);
  }
});

test('body as string, Buffer, Uint8Array, ArrayBuffer and DataView', () => {
  const bytes = Buffer.from(reference.body, 'utf8');
  const u8 = new Uint8Array(bytes);
  for (const body of [reference.body, bytes, u8, u8.buffer, new DataView(u8.buffer)]) {
    assert.equal(kit.verifyWebhook(body, reference.headers, SECRET, { now: NOW }).method, 'v2');
  }
});

test('headers: any casing, array values, Fetch Headers, Map', () => {
  const { 'X-Timestamp': ts, 'X-Signature-V2': sig } = reference.headers;
  const forms = [
    { 'x-timestamp': ts, 'x-signature-v2': sig },
    { 'X-TIMESTAMP': ts, 'x-Signature-V2': sig },
    { 'x-timestamp': [ts], 'x-signature-v2': [sig] },
    new Headers({ 'X-Timestamp': ts, 'X-Signature-V2': sig }),
    new Map([['X-Timestamp', ts], ['X-Signature-V2', sig]]),
    Object.assign(Object.create(null), { 'x-timestamp': ts, 'x-signature-v2': sig }),
  ];
  for (const headers of forms) assert.equal(kit.verifyWebhook(reference.body, headers, SECRET, { now: NOW }).method, 'v2');
  // A header repeated by a proxy: identical values verify, each signature value is tried, and
  // timestamps that differ are refused as a repeated header (tests/js/freshness.test.mjs has more).
  assert.equal(kit.verifyWebhook(reference.body, { 'x-timestamp': [ts, ts], 'x-signature-v2': [sig, sig] }, SECRET, { now: NOW }).method, 'v2');
  throwsCode(() => kit.verifyWebhook(reference.body, { 'x-timestamp': [ts, String(Number(ts) + 1)], 'x-signature-v2': sig }, SECRET, { now: NOW }), 'ERR_WEBHOOK_TIMESTAMP_CONFLICT');
});

test('result: method, secretIndex, timestamp, lazy payload from a snapshot of the body', () => {
  const bytes = Buffer.from(reference.body, 'utf8');
  const r = kit.verifyWebhook(bytes, reference.headers, ['old-secret', SECRET], { now: new Date(NOW) });
  assert.equal(r.method, 'v2');
  assert.equal(r.secretIndex, 1);
  assert.equal(r.timestamp, 1774970000);
  bytes.fill(0x20); // the caller reuses its buffer
  assert.equal(/** @type {any} */ (r.payload).status, 'Approved');
  assert.equal(/** @type {any} */ (r.payload).metadata.name, 'José Müller 日本');
  assert.equal(JSON.parse(JSON.stringify(r)).payload.session_id, '11111111-2222-3333-4444-555555555555');
});

test('payload and event come from a snapshot of the body, whichever way it was taken', () => {
  // A wire-format (ASCII) delivery (the Node loaders keep it as its Latin-1 text, which is the
  // text itself), the same raw (UTF-8: kept as Latin-1 too, one character per byte, and given back
  // as bytes on first access), one behind a byte order mark, and one in the middle of a larger
  // buffer (as Node's pooled Buffers are): the caller's buffer is reused after verification each time.
  const ts = NOW / 1000;
  const data = { created_at: ts - 6, metadata: { name: 'José Müller 日本 😀', notes: 'x'.repeat(500) }, session_id: '11111111-2222-3333-4444-555555555555', status: 'Approved', timestamp: ts, webhook_type: 'status.updated' };
  const ascii = kit.canonicalize(JSON.stringify(data), { ascii: true });
  const utf8 = kit.canonicalize(JSON.stringify(data));
  for (const [name, text, method] of [['ascii', ascii, 'v2'], ['utf8', utf8, 'v2'], ['bom', `\uFEFF${utf8}`, 'v2'], ['offset', utf8, 'v2']]) {
    const bytes = name === 'offset' ? Buffer.from(`ab${text}cd`, 'utf8').subarray(2, -2) : Buffer.from(text, 'utf8');
    assert.ok(name !== 'ascii' || bytes.every((b) => b < 0x80), name);
    const headers = kit.signWebhook(utf8, SECRET, { timestamp: ts });
    const r = kit.verifyWebhook(bytes, headers, SECRET, { now: NOW });
    assert.equal(r.method, method, name);
    bytes.fill(0x20);
    // event first for one of them, so that each reads the snapshot before the other
    if (name === 'offset') assert.equal(/** @type {any} */ (r.event).metadata.name, 'José Müller 日本 😀', name);
    assert.deepEqual(r.payload, data, name);
    assert.equal(/** @type {any} */ (r.event).metadata.name, 'José Müller 日本 😀', name);
    assert.deepEqual(JSON.parse(JSON.stringify(r)).payload, data, name);
  }
});

test('headers and secrets reach the core intact whatever their characters', () => {
  // They cross the boundary packed into one byte array (ASCII in one pass, anything else string by
  // string): a non-ASCII header or secret before the right secret must not shift it.
  const headers = { ...reference.headers, 'X-Signature-Simple': 'ünïcödé 日本 😀', 'X-Signature': 'é'.repeat(64) };
  for (const secrets of [['ålt-sécret-😀', SECRET], ['plain', SECRET], ['日本', 'x', SECRET]]) {
    const r = kit.verifyWebhook(reference.body, headers, secrets, { now: NOW });
    assert.equal(r.method, 'v2');
    assert.equal(r.secretIndex, secrets.length - 1);
  }
  const sig = kit.signWebhook(reference.body, 'sécret-日本-😀', { timestamp: NOW / 1000 });
  assert.equal(kit.verifyWebhook(reference.body, sig, ['ålt', 'sécret-日本-😀'], { now: NOW }).secretIndex, 1);
  throwsCode(() => kit.verifyWebhook(reference.body, { ...reference.headers, 'X-Timestamp': '１７７４９７００００' }, SECRET, { now: NOW }), 'ERR_WEBHOOK_TIMESTAMP_INVALID');
});

test('tryVerifyWebhook never throws for coded failures', () => {
  const bad = kit.tryVerifyWebhook(reference.body, reference.headers, 'wrong', { now: NOW });
  assert.equal(bad.ok, false);
  assert.equal(bad.ok === false && bad.code, 'ERR_WEBHOOK_SIGNATURE_MISMATCH');
  assert.ok(bad.ok === false && bad.error instanceof Error);
  const typeErr = kit.tryVerifyWebhook(/** @type {any} */ (42), reference.headers, SECRET);
  assert.equal(typeErr.ok === false && typeErr.code, 'ERR_INVALID_ARG_TYPE');
  const good = kit.tryVerifyWebhook(reference.body, reference.headers, SECRET, { now: NOW });
  assert.ok(good.ok && good.method === 'v2' && /** @type {any} */ (good.payload).status === 'Approved');
});

test('argument errors are TypeError/RangeError with a code, and the instance keeps working', () => {
  const { body, headers } = reference;
  throwsCode(() => kit.verifyWebhook(/** @type {any} */ ({ a: 1 }), headers, SECRET), 'ERR_WEBHOOK_BODY_NOT_RAW', TypeError);
  throwsCode(() => kit.verifyWebhook(/** @type {any} */ (undefined), headers, SECRET), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyWebhook('{"a":"\uD800"}', headers, SECRET), 'ERR_INVALID_ARG_VALUE', TypeError);
  throwsCode(() => kit.verifyWebhook(body, /** @type {any} */ (null), SECRET), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyWebhook(body, /** @type {any} */ ({ 'x-timestamp': {} }), SECRET), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyWebhook(body, headers, /** @type {any} */ (undefined)), 'ERR_WEBHOOK_NO_SECRET', TypeError); // an unset environment variable
  throwsCode(() => kit.verifyWebhook(body, headers, /** @type {any} */ ([SECRET, 7])), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyWebhook(body, headers, []), 'ERR_WEBHOOK_NO_SECRET', RangeError);
  throwsCode(() => kit.verifyWebhook(body, headers, ''), 'ERR_WEBHOOK_SECRET_EMPTY', RangeError);
  throwsCode(() => kit.verifyWebhook(body, headers, SECRET, /** @type {any} */ ({ now: 'soon' })), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyWebhook(body, headers, SECRET, { now: NOW, toleranceSeconds: -1 }), 'ERR_INVALID_ARG_VALUE', RangeError);
  throwsCode(() => kit.verifyWebhook(body, headers, SECRET, /** @type {any} */ ({ now: NOW, allowSimple: 'yes' })), 'ERR_INVALID_ARG_TYPE', TypeError);
  throwsCode(() => kit.verifyWebhook(body, headers, SECRET, { now: NOW, maxBodyBytes: 10 }), 'ERR_BODY_TOO_LARGE', RangeError);
  assert.equal(kit.verifyWebhook(body, headers, SECRET, { now: NOW }).method, 'v2');
});

test('JSON errors say what and where', () => {
  const cases = [
    ['{"a":1,}', 'ERR_JSON_SYNTAX', /line 1 column 8/],
    ['{\n  "a": [1, 2\n}', 'ERR_JSON_SYNTAX', /expected `,` or `\]` at line 3 column 1/],
    ['{"a":NaN}', 'ERR_JSON_NAN_OR_INFINITY', /byte 5/],
    ['{"a":"\\ud800"}', 'ERR_JSON_LONE_SURROGATE', /byte 6/],
    ['[1e400]', 'ERR_JSON_NUMBER_OUT_OF_RANGE', /byte 1/],
    ['["a\u0001"]', 'ERR_JSON_CONTROL_CHARACTER', /byte 3/],
    ['[' .repeat(996) + ']'.repeat(996), 'ERR_JSON_TOO_DEEP', /995/],
  ];
  for (const [body, code, where] of cases) {
    throwsCode(() => kit.canonicalize(/** @type {string} */ (body)), /** @type {string} */ (code));
    assert.throws(() => kit.canonicalize(/** @type {string} */ (body)), where);
  }
  throwsCode(() => kit.canonicalize(Buffer.from([0x22, 0xff, 0x22])), 'ERR_JSON_INVALID_UTF8');
  assert.equal(kit.canonicalize('[' .repeat(996) + ']'.repeat(996), { maxDepth: 1000 }).length, 1992);
});

test('a signature mismatch is opaque: no secret, no expected tag', () => {
  const signed = kit.signWebhook(reference.body, SECRET, {});
  const tampered = reference.body.replace('Approved', 'Declined');
  const r = kit.tryVerifyWebhook(tampered, signed, SECRET, { now: NOW });
  assert.equal(r.ok, false);
  const everything = JSON.stringify(r) + String(r.ok === false && r.error) + (r.ok === false ? r.error.stack : '');
  assert.ok(!everything.includes(SECRET));
  // The tags the verifier computed for the tampered body must not leak either.
  const expected = kit.signWebhook(tampered, SECRET, {});
  for (const tag of [expected['X-Signature-V2'], expected['X-Signature']]) assert.ok(!everything.includes(tag));
});

test('signWebhook round-trips and refuses a timestamp that contradicts the body', () => {
  const h = kit.signWebhook(reference.body, SECRET);
  assert.deepEqual(h, { ...reference.headers, 'X-Timestamp': '1774970000', 'X-Signature': h['X-Signature'], 'X-Signature-Simple': h['X-Signature-Simple'] });
  assert.equal(h['X-Signature-V2'], reference.headers['X-Signature-V2']);
  for (const method of ['v2', 'v1']) {
    const headers = method === 'v2' ? { 'X-Timestamp': h['X-Timestamp'], 'X-Signature-V2': h['X-Signature-V2'] } : { 'X-Timestamp': h['X-Timestamp'], 'X-Signature': h['X-Signature'] };
    assert.equal(kit.verifyWebhook(reference.body, headers, SECRET, { now: NOW }).method, method);
  }
  throwsCode(() => kit.signWebhook(reference.body, SECRET, { timestamp: 5 }), 'ERR_WEBHOOK_TIMESTAMP_MISMATCH');
  const noTs = kit.signWebhook('{"a":1}', SECRET, { now: new Date(1_700_000_000_500) });
  assert.equal(noTs['X-Timestamp'], '1700000000');
});

test('the traps of Didit\'s documented JS snippet verify here', () => {
  const bodies = [
    '{"metadata":{"1":"a","2":"b","10":"c"},"timestamp":1774970000}',
    '{"metadata":{"id":12345678901234567890},"timestamp":1774970000}',
    '{"metadata":{"tiny":0.00001,"big":1e21},"timestamp":1774970000}',
    '{"metadata":{"\uFF61":1,"\u{1F600}":2},"timestamp":1774970000}',
  ];
  // Didit's documented snippet: JSON.parse, recursive key sort by rebuilding objects, JSON.stringify.
  const sortKeys = (/** @type {any} */ v) => Array.isArray(v) ? v.map(sortKeys) : v && typeof v === 'object'
    ? Object.keys(v).sort().reduce((/** @type {any} */ acc, k) => { acc[k] = sortKeys(v[k]); return acc; }, {}) : v;
  for (const body of bodies) {
    const h = kit.signWebhook(body, SECRET);
    const r = kit.verifyWebhook(body, { 'X-Timestamp': h['X-Timestamp'], 'X-Signature-V2': h['X-Signature-V2'] }, SECRET, { now: NOW });
    assert.equal(r.method, 'v2', body);
    assert.notEqual(JSON.stringify(sortKeys(JSON.parse(body))), kit.canonicalize(body), `the snippet should get ${body} wrong`);
  }
});
