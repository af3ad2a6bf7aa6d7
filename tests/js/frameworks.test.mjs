// @ts-check
// The framework helpers of the built package (pkg/) without the frameworks: Lambda event shapes
// and bodies (verifyLambdaEvent, lambdaWebhook), koaWebhook's body sources and answers,
// fastifyWebhook's arguments, webhookRejectionStatus, and ERR_WEBHOOK_BODY_NOT_RAW naming the fix
// for each object it recognises. The frameworks themselves run in tests/frameworks/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const kit = require('../../pkg');
const SECRET = 'frameworks_test_secret_xxxxxxxxxxxxxxxxxxxxx';
const TS = 1774970000;
const OPTS = { now: TS * 1000 };
const BODY = `{"session_id":"s-1","status":"Approved","timestamp":${TS},"webhook_type":"status.updated","metadata":{"2":"b","10":"a"},"score":92.0}`;
const SIGNED = kit.signWebhook(BODY, SECRET); // { 'X-Timestamp', 'X-Signature-V2', ... } as Didit names them
const TAMPERED = BODY.replace('Approved', 'Declined');
const lower = (/** @type {Record<string, string>} */ h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

/** @param {() => unknown} fn @param {string} code @param {RegExp} [message] */
function throwsCode(fn, code, message) {
  assert.throws(fn, (/** @type {any} */ e) => {
    assert.equal(e.code, code, e.message);
    if (message) assert.match(e.message, message);
    assert.ok(!String(e.message).includes(SECRET));
    return true;
  });
}

/** @param {'v1' | 'v2'} shape @param {string} body @param {boolean} base64 @param {Record<string, string>} [headers] */
function event(shape, body, base64, headers = SIGNED) {
  const encoded = base64 ? Buffer.from(body).toString('base64') : body;
  if (shape === 'v1') {
    return {
      httpMethod: 'POST',
      headers,
      multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      requestContext: { stage: 'prod' },
      body: encoded,
      isBase64Encoded: base64,
    };
  }
  return { version: '2.0', routeKey: '$default', headers: lower(headers), requestContext: { http: { method: 'POST' } }, body: encoded, isBase64Encoded: base64 };
}

test('verifyLambdaEvent: v1 and v2 events, base64 and not, verify; tampered ones are rejected', () => {
  for (const shape of /** @type {const} */ (['v1', 'v2'])) {
    for (const base64 of [false, true]) {
      const r = kit.verifyLambdaEvent(event(shape, BODY, base64), SECRET, OPTS);
      assert.equal(r.payload.session_id, 's-1', `${shape} base64=${base64}`);
      assert.equal(r.method, 'v2');
      throwsCode(() => kit.verifyLambdaEvent(event(shape, TAMPERED, base64), SECRET, OPTS), 'ERR_WEBHOOK_SIGNATURE_MISMATCH');
    }
  }
});

test('verifyLambdaEvent: the Python-signed sample deliveries (samples/deliveries.json) in every event shape', () => {
  const samples = JSON.parse(readFileSync(new URL('../../samples/deliveries.json', import.meta.url), 'utf8'));
  const now = { now: samples.now * 1000 };
  let checked = 0;
  for (const d of samples.deliveries) {
    for (const shape of /** @type {const} */ (['v1', 'v2'])) {
      for (const base64 of [false, true]) {
        const e = event(shape, d.body, base64, d.headers);
        if (d.expect === 'accept') assert.equal(kit.verifyLambdaEvent(e, samples.secret, now).method, d.expect_method, d.name);
        else throwsCode(() => kit.verifyLambdaEvent(e, samples.secret, now), d.expect_code);
        checked++;
      }
    }
  }
  assert.equal(checked, samples.deliveries.length * 4);
});

test('verifyLambdaEvent: header shapes (multiValueHeaders only, headers only, any case), non-ASCII bodies', () => {
  const v1 = event('v1', BODY, false);
  assert.equal(kit.verifyLambdaEvent({ ...v1, headers: null }, SECRET, OPTS).method, 'v2');
  assert.equal(kit.verifyLambdaEvent({ ...v1, multiValueHeaders: null }, SECRET, OPTS).method, 'v2');
  const upper = Object.fromEntries(Object.entries(SIGNED).map(([k, v]) => [k.toUpperCase(), v]));
  assert.equal(kit.verifyLambdaEvent(event('v2', BODY, true, upper), SECRET, OPTS).method, 'v2');
  // multiValueHeaders keeps every value; `headers` only the last: the full list is what is verified.
  const wrongLast = { ...v1, headers: { ...SIGNED, 'X-Signature-V2': '0'.repeat(64) } };
  assert.equal(kit.verifyLambdaEvent(wrongLast, SECRET, OPTS).method, 'v2');
  // Header names that are also Object.prototype members are plain headers.
  const odd = { ...v1, multiValueHeaders: { ...v1.multiValueHeaders, constructor: ['x'], ['__proto__']: ['y'], toString: ['z'] } };
  assert.equal(kit.verifyLambdaEvent(odd, SECRET, OPTS).method, 'v2');
  // UTF-8 bodies survive base64 (API Gateway encodes the bytes, not the characters).
  const utf8 = `{"session_id":"s-2","status":"Approved","timestamp":${TS},"webhook_type":"status.updated","name":"José 日本 😀"}`;
  const h = kit.signWebhook(utf8, SECRET);
  assert.equal(kit.verifyLambdaEvent(event('v2', utf8, true, h), SECRET, OPTS).payload.name, 'José 日本 😀');
});

test('verifyLambdaEvent: wrong arguments name the mistake', () => {
  // event.body instead of the event (base64 or not).
  throwsCode(() => kit.verifyLambdaEvent(Buffer.from(BODY).toString('base64'), SECRET, OPTS), 'ERR_INVALID_ARG_TYPE', /pass the whole event, not event\.body/);
  throwsCode(() => kit.verifyLambdaEvent({ Records: [] }, SECRET, OPTS), 'ERR_INVALID_ARG_TYPE', /API Gateway/);
  throwsCode(() => kit.verifyLambdaEvent(null, SECRET, OPTS), 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => kit.verifyLambdaEvent({ ...event('v2', BODY, false), body: { a: 1 } }, SECRET, OPTS), 'ERR_INVALID_ARG_TYPE', /event\.body must be a string/);
  throwsCode(() => kit.verifyLambdaEvent({ ...event('v2', BODY, false), isBase64Encoded: true, body: '{not base64}' }, SECRET, OPTS), 'ERR_INVALID_ARG_VALUE', /not base64/);
  // No body at all is a delivery that cannot verify, not a set-up error.
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyLambdaEvent({ ...event('v2', BODY, false), body: null }, SECRET, OPTS))), 401);
  const { body: _omitted, ...bodiless } = event('v2', BODY, false);
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyLambdaEvent(bodiless, SECRET, OPTS))), 401);
});

/** @param {() => unknown} fn */
function catchError(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

test('lambdaWebhook: the handler answers verified deliveries, 401/413 answer the rest, set-up errors throw', async () => {
  /** @type {any[]} */
  const seen = [];
  const handler = kit.lambdaWebhook(SECRET, (/** @type {any} */ v, /** @type {any} */ e, /** @type {any} */ c) => {
    seen.push([v.payload.session_id, e.version, c.id]);
    return { statusCode: 202, body: 'ok' };
  }, OPTS);
  assert.deepEqual(await handler(event('v2', BODY, true), { id: 'c1' }), { statusCode: 202, body: 'ok' });
  assert.deepEqual(seen, [['s-1', '2.0', 'c1']]);
  const rejected = await handler(event('v1', TAMPERED, false), {});
  assert.equal(rejected.statusCode, 401);
  assert.deepEqual(JSON.parse(rejected.body), { code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' });
  assert.equal(rejected.headers['content-type'], 'application/json');
  const big = await kit.lambdaWebhook(SECRET, () => undefined, { ...OPTS, maxBodyBytes: 16 })(event('v2', BODY, true), {});
  assert.equal(big.statusCode, 413);
  assert.deepEqual(await kit.lambdaWebhook(SECRET, () => undefined, OPTS)(event('v2', BODY, false), {}), { statusCode: 200 });
  await assert.rejects(kit.lambdaWebhook(undefined, () => undefined, OPTS)(event('v2', BODY, false), {}), { code: 'ERR_WEBHOOK_NO_SECRET' });
  await assert.rejects(kit.lambdaWebhook(SECRET, () => undefined, OPTS)('not an event', {}), { code: 'ERR_INVALID_ARG_TYPE' });
  throwsCode(() => kit.lambdaWebhook(SECRET, 'handler'), 'ERR_INVALID_ARG_TYPE');
});

/** A Koa context as Koa builds one, over a request stream of `body`. */
function koaContext(/** @type {string} */ body, /** @type {Record<string, unknown>} */ request = {}) {
  const req = Object.assign(Readable.from([Buffer.from(body)]), { headers: lower(SIGNED) });
  return { req, res: {}, app: {}, request: { headers: req.headers, ...request }, state: {}, status: 404, body: undefined };
}

test('koaWebhook: rawBody, a Buffer body or the stream; 401 for a rejected delivery; a parsed body is a set-up error', async () => {
  const mw = kit.koaWebhook(SECRET, OPTS);
  const koaBody = Object.assign(JSON.parse(BODY), { [Symbol.for('unparsedBody')]: BODY }); // koa-body, includeUnparsed
  for (const request of [{ rawBody: BODY, body: JSON.parse(BODY) }, { body: Buffer.from(BODY) }, { body: BODY }, { body: koaBody }, {}]) {
    const ctx = /** @type {any} */ (koaContext(BODY, request));
    let called = 0;
    await mw(ctx, async () => {
      called++;
    });
    assert.equal(called, 1, JSON.stringify(Object.keys(request)));
    assert.equal(ctx.state.diditWebhook.payload.session_id, 's-1');
  }
  const tampered = /** @type {any} */ (koaContext(TAMPERED, { rawBody: TAMPERED }));
  await mw(tampered, async () => assert.fail('next() after a rejected delivery'));
  assert.equal(tampered.status, 401);
  assert.deepEqual(tampered.body, { code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' });
  await assert.rejects(mw(/** @type {any} */ (koaContext(BODY, { body: JSON.parse(BODY) })), async () => {}), (/** @type {any} */ e) => {
    assert.equal(e.code, 'ERR_WEBHOOK_BODY_NOT_RAW');
    assert.match(e.message, /koaWebhook: .*ctx\.request\.rawBody.*includeUnparsed/);
    return true;
  });
  await assert.rejects(mw(/** @type {any} */ ({}), async () => {}), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('fastifyWebhook: route options are checked; the plugin scopes a Buffer parser to its route', async () => {
  throwsCode(() => kit.fastifyWebhook(SECRET), 'ERR_INVALID_ARG_TYPE', /url and handler/);
  throwsCode(() => kit.fastifyWebhook(SECRET, { url: '/x' }), 'ERR_INVALID_ARG_TYPE');
  // What the plugin asks of the Fastify instance (the real one runs in tests/frameworks/).
  /** @type {any[]} */
  const calls = [];
  const scope = new Proxy({}, { get: (_t, name) => (/** @type {any[]} */ ...args) => calls.push([name, ...args]) });
  const handler = () => 'ok';
  await kit.fastifyWebhook(SECRET, { url: '/webhooks/didit', handler, schema: { a: 1 } }, { maxBodyBytes: 1000 })(scope);
  assert.deepEqual(calls.map((c) => c[0]), ['removeAllContentTypeParsers', 'addContentTypeParser', 'decorateRequest', 'route']);
  assert.equal(calls[1][1], '*');
  assert.deepEqual(calls[1][2], { parseAs: 'buffer', bodyLimit: 1000 });
  const route = calls[3][1];
  assert.equal(route.method, 'POST');
  assert.equal(route.url, '/webhooks/didit');
  assert.equal(route.handler, handler);
  assert.deepEqual(route.schema, { a: 1 });
  // Its preHandler: verified → request.diditWebhook; rejected → 401 {code}.
  const [verify] = route.preHandler;
  const request = /** @type {any} */ ({ body: Buffer.from(BODY), headers: lower(SIGNED) });
  await kit.fastifyWebhook(SECRET, { url: '/', handler }, OPTS)(scope);
  const [verifyNow] = calls[7][1].preHandler;
  assert.equal(await verifyNow(request, {}), undefined);
  assert.equal(request.diditWebhook.payload.session_id, 's-1');
  /** @type {any[]} */
  const sent = [];
  const reply = { code: (/** @type {number} */ c) => ({ send: (/** @type {unknown} */ b) => sent.push(c, b) }) };
  await verifyNow({ body: Buffer.from(TAMPERED), headers: lower(SIGNED) }, reply);
  assert.deepEqual(sent, [401, { code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' }]);
  await assert.rejects(verify({ body: { parsed: true }, headers: {} }, reply), { code: 'ERR_WEBHOOK_BODY_NOT_RAW' });
});

test('webhookRejectionStatus: 401 and 413 for rejected deliveries, undefined for set-up errors and foreign errors', () => {
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyWebhook(TAMPERED, SIGNED, SECRET, OPTS))), 401);
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyWebhook(BODY, SIGNED, SECRET))), 401); // stale
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyWebhook('{', SIGNED, SECRET, OPTS))), 401);
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyWebhook(BODY, SIGNED, SECRET, { ...OPTS, maxBodyBytes: 8 }))), 413);
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyWebhook(JSON.parse(BODY), SIGNED, SECRET, OPTS))), undefined);
  assert.equal(kit.webhookRejectionStatus(catchError(() => kit.verifyWebhook(BODY, SIGNED, '', OPTS))), undefined);
  assert.equal(kit.webhookRejectionStatus(new Error('x')), undefined);
  assert.equal(kit.webhookRejectionStatus(null), undefined);
  assert.equal(kit.webhookRejectionStatus('ERR_WEBHOOK_SIGNATURE_MISMATCH'), undefined);
});

test('ERR_WEBHOOK_BODY_NOT_RAW names the fix for the object it recognises, and every framework\'s fix for a parsed body', () => {
  const notRaw = (/** @type {unknown} */ body, /** @type {RegExp} */ message) => throwsCode(() => kit.verifyWebhook(body, SIGNED, SECRET, OPTS), 'ERR_WEBHOOK_BODY_NOT_RAW', message);
  notRaw(event('v1', BODY, true), /AWS Lambda event.*verifyLambdaEvent\(event, secret\)/);
  notRaw(event('v2', BODY, false), /AWS Lambda event/);
  notRaw(new Request('http://x/', { method: 'POST', body: BODY }), /Fetch API Request.*verifyRequest\(request, secret\)/);
  notRaw(koaContext(BODY), /Koa context.*koaWebhook\(secret\)/);
  notRaw({ raw: {}, routeOptions: {}, body: JSON.parse(BODY), headers: {} }, /Fastify request.*fastifyWebhook/);
  notRaw(new IncomingMessage(new Socket()), /Node\/Express request.*verifyNodeRequest\(req, secret\)/);
  notRaw(JSON.parse(JSON.stringify(Buffer.from(BODY))), /Buffer that went through JSON\.stringify/);
  const parsed = JSON.parse(BODY);
  for (const fix of [/register the webhook route .* above app\.use\(express\.json\(\)\)/, /node_modules\/didit-kit\/docs\/frameworks\.md/, /express\.raw\(\{ type: 'application\/json' \}\)/, /fastifyWebhook/, /ctx\.request\.rawBody/, /\{ rawBody: true \}/, /Google Cloud Functions: req\.rawBody/, /verifyLambdaEvent/, /docs\/frameworks\.md/]) {
    notRaw(parsed, fix);
  }
  // An undefined body (a parser that skipped the request) names the Content-Type.
  throwsCode(() => kit.verifyWebhook(undefined, SIGNED, SECRET, OPTS), 'ERR_INVALID_ARG_TYPE', /got undefined: .*Content-Type: application\/json/);
  // The Node helper knows it is in Express or NestJS and says how to mount the route.
  return assert.rejects(kit.verifyNodeRequest(Object.assign(Readable.from([]), { headers: {}, body: parsed }), SECRET, OPTS), (/** @type {any} */ e) => {
    assert.equal(e.code, 'ERR_WEBHOOK_BODY_NOT_RAW');
    assert.match(e.message, /express\.raw/);
    assert.match(e.message, /NestFactory\.create\(AppModule, \{ rawBody: true \}\)/);
    return true;
  });
});
