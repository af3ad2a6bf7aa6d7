// @ts-check
// The JS boundary of the built package (pkg/): every exported function, called with every wrong
// type in every argument and option position, throws a TypeError or RangeError with a `code`
// (tryVerifyWebhook returns one), never a WebAssembly.RuntimeError or an error without a code;
// and after every single call a genuine delivery still verifies on the same wasm instance.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
const reference = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/webhook.json'), 'utf8')).vectors[0];
const BODY = reference.body;
const HEADERS = reference.headers;
const SECRET = reference.secrets[0];
const NOW = reference.now * 1000;

function detachedBuffer() {
  const ab = new ArrayBuffer(16);
  structuredClone(ab, { transfer: [ab] });
  return ab;
}
function detached(/** @type {(ab: ArrayBuffer) => unknown} */ view) {
  const ab = new ArrayBuffer(16);
  const v = view(ab);
  structuredClone(ab, { transfer: [ab] });
  return v;
}
const shared = () => new SharedArrayBuffer(16);

/** Every wrong value, by name. Fresh objects per call (some calls could keep references). */
const VALUES = {
  undefined: () => undefined,
  null: () => null,
  zero: () => 0,
  'negative number': () => -1,
  NaN: () => NaN,
  Infinity: () => Infinity,
  '-Infinity': () => -Infinity,
  fraction: () => 1.5,
  '2^60': () => 2 ** 60,
  true: () => true,
  false: () => false,
  'empty object': () => ({}),
  object: () => ({ a: 1 }),
  'null-prototype object': () => Object.create(null),
  'empty array': () => [],
  'array of numbers': () => [1, 2],
  'array with a symbol': () => [Symbol('s')],
  symbol: () => Symbol('s'),
  BigInt: () => 10n,
  function: () => () => 'x',
  Date: () => new Date(0),
  'invalid Date': () => new Date(NaN),
  RegExp: () => /x/,
  Map: () => new Map(),
  Promise: () => Promise.resolve(1),
  Error: () => new Error('x'),
  'boxed string': () => new String(SECRET),
  'detached ArrayBuffer': detachedBuffer,
  'Uint8Array on a detached buffer': () => detached((ab) => new Uint8Array(ab)),
  'DataView on a detached buffer': () => detached((ab) => new DataView(ab)),
  'Buffer on a detached buffer': () => detached((ab) => Buffer.from(ab)),
  SharedArrayBuffer: shared,
  'Uint8Array on a SharedArrayBuffer': () => new Uint8Array(shared()),
  'DataView on a SharedArrayBuffer': () => new DataView(shared()),
  'lone high surrogate': () => '\uD800',
  'lone low surrogate': () => 'a\uDC00b',
  'reversed surrogates': () => '\uDC00\uD800',
  'JSON with a lone surrogate': () => '{"a":"\uD800"}',
};
/** @typedef {keyof typeof VALUES} Name */

const isNumber = (/** @type {Name} */ n) => ['zero', 'negative number', 'NaN', 'Infinity', '-Infinity', 'fraction', '2^60'].includes(n);
const plainBag = (/** @type {Name} */ n) => ['empty object', 'object', 'null-prototype object'].includes(n);

/**
 * Each position: how to call with `v` there, and which values are not wrong there (they may
 * succeed or fail with a coded Error, like any input). Every other value must be refused with
 * a TypeError or RangeError.
 * @type {{ where: string, call: (v: unknown) => unknown, accepts: (n: Name) => boolean }[]}
 */
const POSITIONS = [];
const verifyLike = /** @type {const} */ (['verifyWebhook', 'tryVerifyWebhook']);
for (const fn of verifyLike) {
  const f = (/** @type {unknown[]} */ ...a) => kit[fn](...a);
  POSITIONS.push(
    { where: `${fn}(body)`, call: (v) => f(v, HEADERS, SECRET, { now: NOW }), accepts: () => false },
    { where: `${fn}(headers)`, call: (v) => f(BODY, v, SECRET, { now: NOW }), accepts: (n) => plainBag(n) || n === 'Map' },
    { where: `${fn}(secret)`, call: (v) => f(BODY, HEADERS, v, { now: NOW }), accepts: () => false },
    { where: `${fn}(secret[1])`, call: (v) => f(BODY, HEADERS, [SECRET, v], { now: NOW }), accepts: () => false },
    { where: `${fn}(options)`, call: (v) => f(BODY, HEADERS, SECRET, v), accepts: (n) => n === 'undefined' || n === 'null' || plainBag(n) },
    { where: `${fn}(options.now)`, call: (v) => f(BODY, HEADERS, SECRET, { now: v }), accepts: (n) => n === 'undefined' || n === 'Date' || (isNumber(n) && !/Infinity|NaN|fraction/.test(n)) },
    { where: `${fn}(options.toleranceSeconds)`, call: (v) => f(BODY, HEADERS, SECRET, { now: NOW, toleranceSeconds: v }), accepts: (n) => n === 'undefined' || ['zero', 'fraction', '2^60'].includes(n) },
    { where: `${fn}(options.allowSimple)`, call: (v) => f(BODY, HEADERS, SECRET, { now: NOW, allowSimple: v }), accepts: (n) => ['undefined', 'true', 'false'].includes(n) },
    { where: `${fn}(options.maxDepth)`, call: (v) => f(BODY, HEADERS, SECRET, { now: NOW, maxDepth: v }), accepts: (n) => n === 'undefined' || n === '2^60' },
    { where: `${fn}(options.maxBodyBytes)`, call: (v) => f(BODY, HEADERS, SECRET, { now: NOW, maxBodyBytes: v }), accepts: (n) => n === 'undefined' },
  );
  for (const name of ['x-timestamp', 'X-Signature-V2', 'x-signature', 'x-signature-simple']) {
    // A header value may be a string, an array of strings, or a number (X-Timestamp as a number).
    const accepts = (/** @type {Name} */ n) => n === 'undefined' || n === 'null' || isNumber(n) || n === 'empty array';
    POSITIONS.push(
      { where: `${fn}(headers['${name}'])`, call: (v) => f(BODY, { ...HEADERS, [name]: v }, SECRET, { now: NOW }), accepts },
      { where: `${fn}(Headers-like Map '${name}')`, call: (v) => f(BODY, new Map([...Object.entries(HEADERS), [name, v]]), SECRET, { now: NOW }), accepts },
    );
  }
}
POSITIONS.push(
  { where: 'canonicalize(body)', call: (v) => kit.canonicalize(v), accepts: () => false },
  { where: 'canonicalize(options)', call: (v) => kit.canonicalize(BODY, v), accepts: (n) => n === 'undefined' || n === 'null' || plainBag(n) },
  { where: 'canonicalize(options.ascii)', call: (v) => kit.canonicalize(BODY, { ascii: v }), accepts: (n) => ['undefined', 'true', 'false'].includes(n) },
  { where: 'canonicalize(options.maxDepth)', call: (v) => kit.canonicalize(BODY, { maxDepth: v }), accepts: (n) => n === 'undefined' || n === '2^60' },
  { where: 'canonicalize(options.maxBodyBytes)', call: (v) => kit.canonicalize(BODY, { maxBodyBytes: v }), accepts: (n) => n === 'undefined' },
  { where: 'signWebhook(body)', call: (v) => kit.signWebhook(v, SECRET), accepts: () => false },
  { where: 'signWebhook(secret)', call: (v) => kit.signWebhook(BODY, v), accepts: () => false },
  { where: 'signWebhook(options)', call: (v) => kit.signWebhook(BODY, SECRET, v), accepts: (n) => n === 'undefined' || n === 'null' || plainBag(n) },
  { where: 'signWebhook(options.timestamp)', call: (v) => kit.signWebhook('{"a":1}', SECRET, { timestamp: v }), accepts: (n) => n === 'undefined' || n === 'zero' },
  { where: 'signWebhook(options.now)', call: (v) => kit.signWebhook('{"a":1}', SECRET, { now: v }), accepts: (n) => n === 'undefined' || n === 'Date' || n === 'zero' || n === '2^60' || n === 'negative number' },
);

// Share tokens and typed models.
const tokens = JSON.parse(readFileSync(join(ROOT, 'tests/vectors/share_tokens.json'), 'utf8'));
const MINT = tokens.mint[0];
const TOKEN = MINT.token;
const APP = MINT.claims.for_application_id;
const T_NOW = MINT.claims.iat * 1000 + 60_000;
const SESSION = readFileSync(join(ROOT, 'tests/fixtures/decision-kyc.json'), 'utf8');
const EVENT = readFileSync(join(ROOT, 'tests/fixtures/webhook-status-updated-kyc.json'), 'utf8');
const UUID = '20bb3c3b-6146-439f-84a4-bd30d00ac6a2';
const isString = (/** @type {Name} */ n) => ['lone high surrogate', 'lone low surrogate', 'reversed surrogates', 'JSON with a lone surrogate'].includes(n);
const optionsBag = (/** @type {Name} */ n) => n === 'undefined' || n === 'null' || plainBag(n);
const nowOption = (/** @type {Name} */ n) => n === 'undefined' || n === 'Date' || (isNumber(n) && !/Infinity|NaN/.test(n));
// A positive now below 1e11 is refused as Unix seconds, not milliseconds: 1.5 is one.
const tokenNowOption = (/** @type {Name} */ n) => nowOption(n) && n !== 'fraction';
const seconds = (/** @type {Name} */ n) => n === 'undefined' || ['zero', 'fraction', '2^60'].includes(n);
const inspectLike = /** @type {const} */ (['inspectShareToken', 'assertShareTokenUsable']);
for (const fn of inspectLike) {
  const f = (/** @type {unknown} */ token, /** @type {any} */ o) => kit[fn](token, { applicationId: APP, now: T_NOW, ...o });
  POSITIONS.push(
    { where: `${fn}(token)`, call: (v) => f(v, {}), accepts: isString },
    { where: `${fn}(options)`, call: (v) => kit[fn](TOKEN, v), accepts: fn === 'inspectShareToken' ? optionsBag : () => false },
    { where: `${fn}(options.now)`, call: (v) => f(TOKEN, { now: v }), accepts: tokenNowOption },
    { where: `${fn}(options.applicationId)`, call: (v) => f(TOKEN, { applicationId: v }), accepts: (n) => n === 'undefined' && fn === 'inspectShareToken' },
    { where: `${fn}(options.clockToleranceSeconds)`, call: (v) => f(TOKEN, { clockToleranceSeconds: v }), accepts: seconds },
    { where: `${fn}(options.minRemainingSeconds)`, call: (v) => f(TOKEN, { minRemainingSeconds: v }), accepts: seconds },
    { where: `${fn}(options.maxTokenBytes)`, call: (v) => f(TOKEN, { maxTokenBytes: v }), accepts: seconds },
  );
}
const importInput = { shareToken: TOKEN, workflowId: UUID, trustReview: false };
const importOptions = { applicationId: APP, now: T_NOW };
POSITIONS.push(
  { where: 'shareRequest(sessionId)', call: (v) => kit.shareRequest(v, { forApplicationId: APP }), accepts: () => false },
  { where: 'shareRequest(options)', call: (v) => kit.shareRequest(UUID, v), accepts: () => false },
  { where: 'shareRequest(options.forApplicationId)', call: (v) => kit.shareRequest(UUID, { forApplicationId: v }), accepts: () => false },
  { where: 'shareRequest(options.ttlInSeconds)', call: (v) => kit.shareRequest(UUID, { forApplicationId: APP, ttlInSeconds: v }), accepts: (n) => n === 'undefined' },
  { where: 'shareRequest(options.baseUrl)', call: (v) => kit.shareRequest(UUID, { forApplicationId: APP, baseUrl: v }), accepts: (n) => n === 'undefined' },
  { where: 'importRequest(input)', call: (v) => kit.importRequest(v, importOptions), accepts: () => false },
  { where: 'importRequest(input.shareToken)', call: (v) => kit.importRequest({ ...importInput, shareToken: v }, importOptions), accepts: isString },
  { where: 'importRequest(input.workflowId)', call: (v) => kit.importRequest({ ...importInput, workflowId: v }, importOptions), accepts: () => false },
  { where: 'importRequest(input.trustReview)', call: (v) => kit.importRequest({ ...importInput, trustReview: v }, importOptions), accepts: (n) => n === 'true' || n === 'false' },
  { where: 'importRequest(input.vendorData)', call: (v) => kit.importRequest({ ...importInput, vendorData: v }, importOptions), accepts: (n) => n === 'undefined' || isString(n) },
  { where: 'importRequest(options)', call: (v) => kit.importRequest(importInput, v), accepts: optionsBag },
  { where: 'importRequest(options.now)', call: (v) => kit.importRequest(importInput, { ...importOptions, now: v }), accepts: tokenNowOption },
  { where: 'importRequest(options.applicationId)', call: (v) => kit.importRequest(importInput, { ...importOptions, applicationId: v }), accepts: (n) => n === 'undefined' },
  { where: 'importRequest(options.baseUrl)', call: (v) => kit.importRequest(importInput, { ...importOptions, baseUrl: v }), accepts: (n) => n === 'undefined' },
  { where: 'mintTestShareToken(claims)', call: (v) => kit.mintTestShareToken(v, MINT.key, { now: T_NOW }), accepts: plainBag },
  { where: 'mintTestShareToken(claims.session_id)', call: (v) => kit.mintTestShareToken({ ...MINT.claims, session_id: v }, MINT.key), accepts: (n) => n !== 'BigInt' },
  { where: 'mintTestShareToken(key)', call: (v) => kit.mintTestShareToken(MINT.claims, v), accepts: () => false },
  { where: 'mintTestShareToken(options)', call: (v) => kit.mintTestShareToken({}, MINT.key, v), accepts: optionsBag },
  { where: 'mintTestShareToken(options.now)', call: (v) => kit.mintTestShareToken({}, MINT.key, { now: v }), accepts: tokenNowOption },
  { where: 'mintTestShareToken(options.ttlInSeconds)', call: (v) => kit.mintTestShareToken({}, MINT.key, { ttlInSeconds: v }), accepts: (n) => n === 'undefined' || ['zero', 'negative number', '2^60'].includes(n) },
  { where: 'verifyShareTokenSignature(token)', call: (v) => kit.verifyShareTokenSignature(v, MINT.key), accepts: isString },
  { where: 'verifyShareTokenSignature(key)', call: (v) => kit.verifyShareTokenSignature(TOKEN, v), accepts: () => false },
);
for (const [fn, good] of /** @type {const} */ ([['parseSessionDecision', SESSION], ['parseWebhookEvent', EVENT], ['parseImportResponse', SESSION]])) {
  const f = (/** @type {unknown[]} */ ...a) => kit[fn](...a);
  POSITIONS.push(
    // A body may be a string, bytes, or an already parsed value (which the schema then judges:
    // a Date or a Map is an object without the model's members, ERR_MODEL_INVALID).
    { where: `${fn}(body)`, call: (v) => f(v), accepts: (n) => isString(n) || ['empty object', 'object', 'null-prototype object', 'empty array', 'array of numbers', 'array with a symbol', 'Date', 'invalid Date', 'RegExp', 'Map', 'Promise', 'Error', 'boxed string'].includes(n) },
    { where: `${fn}(options)`, call: (v) => f(good, v), accepts: optionsBag },
    { where: `${fn}(options.maxBodyBytes)`, call: (v) => f(good, { maxBodyBytes: v }), accepts: (n) => n === 'undefined' || n === '2^60' },
  );
}
POSITIONS.push(
  { where: 'parseImportResponse(options.status)', call: (v) => kit.parseImportResponse(SESSION, { status: v }), accepts: (n) => n === 'undefined' },
  { where: 'modelNotes(model)', call: (v) => kit.modelNotes(v), accepts: () => true },
  { where: 'stringify(value)', call: (v) => kit.stringify(v), accepts: (n) => !['undefined', 'symbol', 'function'].includes(n) },
);

function stillWorks() {
  const r = kit.verifyWebhook(BODY, HEADERS, SECRET, { now: NOW });
  return r.method === 'v2' && kit.canonicalize('{"b":1,"a":2}') === '{"a":2,"b":1}';
}

test('every exported function, every position, every wrong type: TypeError/RangeError with a code, and the instance keeps working', () => {
  const failures = [];
  let calls = 0;
  for (const { where, call, accepts } of POSITIONS) {
    for (const [name, make] of Object.entries(VALUES)) {
      const n = /** @type {Name} */ (name);
      calls++;
      /** @type {unknown} */
      let error;
      let returned;
      try {
        returned = call(make());
      } catch (e) {
        error = e;
      }
      // tryVerifyWebhook reports instead of throwing.
      if (returned && typeof returned === 'object' && 'ok' in returned && returned.ok === false) {
        const r = /** @type {any} */ (returned);
        if (r.code !== r.error?.code) failures.push(`${where} = ${name}: tryVerifyWebhook code ${r.code} differs from its error's ${r.error?.code}`);
        error = r.error;
      }
      const e = /** @type {any} */ (error);
      if (e instanceof WebAssembly.RuntimeError) failures.push(`${where} = ${name}: wasm trap ${e.message}`);
      else if (e !== undefined && !(e instanceof Error)) failures.push(`${where} = ${name}: threw a non-Error ${String(e)}`);
      else if (e !== undefined && typeof e.code !== 'string') failures.push(`${where} = ${name}: ${e.constructor.name} without a code: ${e.message}`);
      else if (!accepts(n) && !(e instanceof TypeError || e instanceof RangeError)) {
        failures.push(`${where} = ${name}: expected a TypeError or RangeError, got ${e ? `${e.constructor.name} ${e.code}: ${e.message}` : 'a result'}`);
      } else if (e && !/^ERR_[A-Z0-9_]+$/.test(e.code)) failures.push(`${where} = ${name}: odd code ${e.code}`);
      if (!stillWorks()) failures.push(`${where} = ${name}: a genuine delivery no longer verifies afterwards`);
    }
  }
  assert.ok(calls > 1500, `${calls} calls`);
  console.log(`${calls} calls, ${POSITIONS.length} positions`);
  assert.deepEqual(failures, []);
});

test('messages name the argument and describe the value without printing it', () => {
  const cases = [
    [() => kit.verifyWebhook(new Uint8Array(new SharedArrayBuffer(4)), HEADERS, SECRET), 'TypeError', 'ERR_INVALID_ARG_TYPE', /verifyWebhook: body .*SharedArrayBuffer/],
    [() => kit.verifyWebhook(detached((ab) => new Uint8Array(ab)), HEADERS, SECRET), 'TypeError', 'ERR_INVALID_ARG_VALUE', /verifyWebhook: body .*detached/],
    [() => kit.verifyWebhook(BODY, [['x-timestamp', '1']], SECRET), 'TypeError', 'ERR_INVALID_ARG_TYPE', /verifyWebhook: headers must be/],
    [() => kit.verifyWebhook(BODY, { ...HEADERS, 'x-signature': '\uD800' }, SECRET), 'TypeError', 'ERR_INVALID_ARG_VALUE', /header x-signature contains an unpaired surrogate/],
    [() => kit.verifyWebhook(BODY, { ...HEADERS, 'x-signature': 7n }, SECRET), 'TypeError', 'ERR_INVALID_ARG_TYPE', /header x-signature must be a string, got a bigint/],
    [() => kit.canonicalize(BODY, { maxDepth: 0 }), 'RangeError', 'ERR_INVALID_ARG_VALUE', /canonicalize: options.maxDepth must be a positive integer, got 0/],
    [() => kit.canonicalize(BODY, { maxBodyBytes: 1.5 }), 'RangeError', 'ERR_INVALID_ARG_VALUE', /options.maxBodyBytes must be a positive integer, got 1.5/],
    [() => kit.verifyWebhook(BODY, HEADERS, SECRET, { maxBodyBytes: 32 * 2 ** 20 + 1 }), 'RangeError', 'ERR_INVALID_ARG_VALUE', /options.maxBodyBytes must be at most 33554432 \(32 MiB\)/],
    [() => kit.verifyWebhook(BODY, HEADERS, SECRET, { now: new Date(NaN) }), 'RangeError', 'ERR_INVALID_ARG_VALUE', /options.now must be/],
    [() => kit.signWebhook(BODY, SECRET, { timestamp: 1.5 }), 'RangeError', 'ERR_INVALID_ARG_VALUE', /options.timestamp must be/],
    [() => kit.signWebhook(BODY, SECRET, { timestamp: '1' }), 'TypeError', 'ERR_INVALID_ARG_TYPE', /options.timestamp must be/],
    [() => kit.signWebhook('{"a":1}', SECRET, { now: -5000 }), 'Error', 'ERR_WEBHOOK_TIMESTAMP_INVALID', /X-Timestamp/],
  ];
  for (const [call, name, code, message] of cases) {
    assert.throws(/** @type {() => unknown} */ (call), (/** @type {any} */ e) => {
      assert.equal(e.constructor.name, name, e.message);
      assert.equal(e.code, code, e.message);
      assert.match(e.message, /** @type {RegExp} */ (message));
      assert.ok(!e.message.includes(SECRET));
      return true;
    });
  }
  assert.ok(stillWorks());
});

test('HTTP helpers (verifyRequest, verifyNodeRequest, webhookMiddleware, keepRawBody): every wrong value in every position is a coded TypeError/RangeError', async () => {
  const { Readable } = await import('node:stream');
  const request = () => new Request('https://example.test/webhook', { method: 'POST', body: BODY, headers: HEADERS });
  const nodeRequest = () => Object.assign(Readable.from([Buffer.from(BODY)]), { headers: { ...HEADERS } });
  /** Runs the middleware to its end: the error it passes to next(), or undefined. @param {Function} mw */
  const runMiddleware = (mw, /** @type {any} */ req) =>
    new Promise((resolve) => {
      const res = { statusCode: 0, setHeader() {}, end: () => resolve(undefined) };
      mw(req, res, (/** @type {unknown} */ e) => resolve(e));
    });
  /** @type {{ where: string, call: (v: unknown) => unknown, accepts: (n: Name) => boolean }[]} */
  const rows = [
    { where: 'verifyRequest(request)', call: (v) => kit.verifyRequest(v, SECRET, { now: NOW }), accepts: () => false },
    { where: 'verifyRequest(secret)', call: (v) => kit.verifyRequest(request(), v, { now: NOW }), accepts: () => false },
    { where: 'verifyRequest(options)', call: (v) => kit.verifyRequest(request(), SECRET, v), accepts: (n) => n === 'undefined' || n === 'null' || plainBag(n) },
    { where: 'verifyRequest(options.maxBodyBytes)', call: (v) => kit.verifyRequest(request(), SECRET, { now: NOW, maxBodyBytes: v }), accepts: (n) => n === 'undefined' },
    { where: 'verifyNodeRequest(req)', call: (v) => kit.verifyNodeRequest(v, SECRET, { now: NOW }), accepts: () => false },
    { where: 'verifyNodeRequest(secret)', call: (v) => kit.verifyNodeRequest(nodeRequest(), v, { now: NOW }), accepts: () => false },
    { where: 'verifyNodeRequest(options)', call: (v) => kit.verifyNodeRequest(nodeRequest(), SECRET, v), accepts: (n) => n === 'undefined' || n === 'null' || plainBag(n) },
    { where: 'webhookMiddleware(secret)', call: (v) => runMiddleware(kit.webhookMiddleware(v, { now: NOW }), nodeRequest()).then((e) => { if (e) throw e; }), accepts: () => false },
    { where: 'webhookMiddleware(options)', call: (v) => runMiddleware(kit.webhookMiddleware(SECRET, v), nodeRequest()).then((e) => { if (e) throw e; }), accepts: (n) => n === 'undefined' || n === 'null' || plainBag(n) },
    { where: 'webhookMiddleware(req)', call: (v) => runMiddleware(kit.webhookMiddleware(SECRET, { now: NOW }), v).then((e) => { if (e) throw e; }), accepts: () => false },
    { where: 'keepRawBody(req)', call: (v) => kit.keepRawBody(v, {}, Buffer.from(BODY)), accepts: (n) => plainBag(n) || ['empty array', 'array of numbers', 'array with a symbol', 'function', 'Date', 'invalid Date', 'RegExp', 'Map', 'Promise', 'Error', 'boxed string'].includes(n) || /buffer|Buffer|Array|DataView/.test(n) },
    { where: 'keepRawBody(buf)', call: (v) => kit.keepRawBody({}, {}, v), accepts: (n) => /^(Uint8Array|Buffer) on/.test(n) },
  ];
  const failures = [];
  let calls = 0;
  for (const { where, call, accepts } of rows) {
    for (const [name, make] of Object.entries(VALUES)) {
      const n = /** @type {Name} */ (name);
      calls++;
      /** @type {any} */
      let e;
      try {
        await call(make());
      } catch (error) {
        e = error;
      }
      if (e instanceof WebAssembly.RuntimeError) failures.push(`${where} = ${name}: wasm trap ${e.message}`);
      else if (e !== undefined && !(e instanceof Error)) failures.push(`${where} = ${name}: threw a non-Error ${String(e)}`);
      else if (e !== undefined && typeof e.code !== 'string') failures.push(`${where} = ${name}: ${e.constructor.name} without a code: ${e.message}`);
      else if (!accepts(n) && !(e instanceof TypeError || e instanceof RangeError)) {
        failures.push(`${where} = ${name}: expected a TypeError or RangeError, got ${e ? `${e.constructor.name} ${e.code}: ${e.message}` : 'a result'}`);
      } else if (e && !/^ERR_[A-Z0-9_]+$/.test(e.code)) failures.push(`${where} = ${name}: odd code ${e.code}`);
      if (!stillWorks()) failures.push(`${where} = ${name}: a genuine delivery no longer verifies afterwards`);
    }
  }
  assert.ok(calls > 400, `${calls} calls`);
  console.log(`HTTP helpers: ${calls} calls`);
  assert.deepEqual(failures, []);
});
