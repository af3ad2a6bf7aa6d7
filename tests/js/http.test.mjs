// @ts-check
// The framework helpers of the built package (pkg/) in Node: verifyNodeRequest on streams and on
// what Express body parsers leave behind, webhookMiddleware's answers, verifyRequest's limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const kit = require('../../pkg');
const SECRET = 'http_test_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxx';
const TS = 1774970000;
const OPTS = { now: TS * 1000 };
const BODY = `{"session_id":"s-1","status":"Approved","timestamp":${TS},"webhook_type":"status.updated"}`;
const HEADERS = Object.fromEntries(Object.entries(kit.signWebhook(BODY, SECRET)).map(([k, v]) => [k.toLowerCase(), v]));

/** A stand-in for http.IncomingMessage: a readable stream of `chunks` with `headers`. */
function request(/** @type {(string | Buffer)[]} */ chunks, headers = HEADERS, extra = {}) {
  return Object.assign(Readable.from(chunks), { headers }, extra);
}

/** @param {Promise<unknown>} p @param {string} code */
async function rejectsCode(p, code) {
  await assert.rejects(p, (/** @type {any} */ e) => {
    assert.equal(e.code, code, e.message);
    assert.ok(!String(e.message).includes(SECRET));
    return true;
  });
}

test('verifyNodeRequest reads an unread stream (plain node:http), in any chunking', async () => {
  const half = BODY.length >> 1;
  for (const chunks of [[BODY], [Buffer.from(BODY.slice(0, half)), Buffer.from(BODY.slice(half))], [BODY.slice(0, 3), BODY.slice(3)]]) {
    const v = await kit.verifyNodeRequest(request(chunks), SECRET, OPTS);
    assert.equal(v.method, 'v2');
    assert.equal(/** @type {any} */ (v.payload).status, 'Approved');
  }
  await rejectsCode(kit.verifyNodeRequest(request([BODY.replace('Approved', 'Declined')]), SECRET, OPTS), 'ERR_WEBHOOK_SIGNATURE_MISMATCH');
});

test('verifyNodeRequest uses req.body from express.raw/text and req.rawBody from keepRawBody', async () => {
  // What a body parser leaves: the stream read to its end, the result on req.body.
  const consumed = (/** @type {object} */ extra) => ({ headers: HEADERS, readableEnded: true, ...extra });
  assert.equal((await kit.verifyNodeRequest(consumed({ body: Buffer.from(BODY) }), SECRET, OPTS)).method, 'v2');
  assert.equal((await kit.verifyNodeRequest(consumed({ body: BODY }), SECRET, OPTS)).method, 'v2');
  const req = consumed({ body: JSON.parse(BODY), _body: true });
  kit.keepRawBody(req, {}, Buffer.from(BODY));
  assert.equal((await kit.verifyNodeRequest(req, SECRET, OPTS)).method, 'v2');
});

test('a body already parsed by express.json() is refused with the exact mount to use', async () => {
  const parsed = request([], HEADERS, { body: JSON.parse(BODY), _body: true });
  const drained = request([BODY]);
  for await (const _ of drained); // read to its end by someone else
  for (const req of [parsed, drained]) {
    await assert.rejects(kit.verifyNodeRequest(req, SECRET, OPTS), (/** @type {any} */ e) => {
      assert.ok(e instanceof TypeError);
      assert.equal(e.code, 'ERR_WEBHOOK_BODY_NOT_RAW');
      assert.match(e.message, /express\.raw\(\{ type: 'application\/json' \}\)/);
      assert.match(e.message, /express\.json\(\{ verify: keepRawBody \}\)/);
      return true;
    });
  }
  await rejectsCode(kit.verifyNodeRequest(null, SECRET), 'ERR_INVALID_ARG_TYPE');
});

test('maxBodyBytes bounds what is read: declared Content-Length and streamed bytes', async () => {
  let pulled = 0;
  const endless = Object.assign(
    new Readable({ read() { pulled++; this.push(Buffer.alloc(1024, 0x20)); } }),
    { headers: HEADERS },
  );
  await rejectsCode(kit.verifyNodeRequest(endless, SECRET, { ...OPTS, maxBodyBytes: 4096 }), 'ERR_BODY_TOO_LARGE');
  assert.ok(pulled < 10, `read ${pulled} chunks past the limit`);
  await rejectsCode(kit.verifyNodeRequest(request([BODY], { ...HEADERS, 'content-length': '999999' }), SECRET, { ...OPTS, maxBodyBytes: 1000 }), 'ERR_BODY_TOO_LARGE');
  const big = new Request('http://127.0.0.1/', { method: 'POST', headers: { ...HEADERS, 'content-length': '999999' }, body: BODY });
  await rejectsCode(kit.verifyRequest(big, SECRET, { ...OPTS, maxBodyBytes: 1000 }), 'ERR_BODY_TOO_LARGE');
  assert.equal(big.bodyUsed, false, 'rejected before reading the body');
  // verifyRequest reads a body of declared length in one go (arrayBuffer), and one of unknown
  // length chunk by chunk up to the limit; either way the bytes read are held to the limit, even
  // when a Content-Length understates them.
  const endlessStream = () => {
    let sent = 0;
    const stream = new ReadableStream({ pull(c) { sent++; c.enqueue(new Uint8Array(1024).fill(0x20)); } });
    return { stream, sent: () => sent };
  };
  const chunked = endlessStream();
  const unknown = new Request('http://127.0.0.1/', { method: 'POST', headers: HEADERS, body: chunked.stream, duplex: 'half' });
  await rejectsCode(kit.verifyRequest(unknown, SECRET, { ...OPTS, maxBodyBytes: 4096 }), 'ERR_BODY_TOO_LARGE');
  assert.ok(chunked.sent() < 10, `read ${chunked.sent()} chunks past the limit`);
  const understated = new Request('http://127.0.0.1/', { method: 'POST', headers: { ...HEADERS, 'content-length': '10' }, body: BODY });
  await rejectsCode(kit.verifyRequest(understated, SECRET, { ...OPTS, maxBodyBytes: 50 }), 'ERR_BODY_TOO_LARGE');
  for (const headers of [{ ...HEADERS, 'content-length': String(Buffer.byteLength(BODY)) }, HEADERS]) {
    const r = await kit.verifyRequest(new Request('http://127.0.0.1/', { method: 'POST', headers, body: BODY }), SECRET, OPTS);
    assert.equal(r.method, 'v2');
  }
});

test('webhookMiddleware: next() with req.diditWebhook, 401 with the code, set-up errors to next(err)', async () => {
  const run = (/** @type {any} */ req, /** @type {any} */ mw = kit.webhookMiddleware(SECRET, OPTS)) =>
    new Promise((resolve) => {
      const res = {
        statusCode: 200,
        /** @type {Record<string, string>} */ headers: {},
        setHeader(/** @type {string} */ k, /** @type {string} */ v) { this.headers[k] = v; },
        end(/** @type {string} */ body) { resolve({ res: this, body }); },
      };
      mw(req, res, (/** @type {unknown} */ err) => resolve({ next: true, err, req }));
    });
  const ok = /** @type {any} */ (await run(request([BODY])));
  assert.equal(ok.next, true);
  assert.equal(ok.err, undefined);
  assert.equal(ok.req.diditWebhook.method, 'v2');
  const bad = /** @type {any} */ (await run(request([BODY.replace('s-1', 's-2')])));
  assert.equal(bad.res.statusCode, 401);
  assert.equal(bad.res.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(bad.body), { code: 'ERR_WEBHOOK_SIGNATURE_MISMATCH' });
  const large = /** @type {any} */ (await run(request([BODY]), kit.webhookMiddleware(SECRET, { ...OPTS, maxBodyBytes: 10 })));
  assert.equal(large.res.statusCode, 413);
  const parsed = /** @type {any} */ (await run(request([], HEADERS, { body: JSON.parse(BODY), _body: true })));
  assert.equal(parsed.next, true);
  assert.equal(parsed.err.code, 'ERR_WEBHOOK_BODY_NOT_RAW');
  const unset = /** @type {any} */ (await run(request([BODY]), kit.webhookMiddleware('', OPTS)));
  assert.equal(unset.err.code, 'ERR_WEBHOOK_SECRET_EMPTY');
});

test('init() and initSync() are no-ops in Node (the module loads on require)', async () => {
  await kit.init();
  kit.initSync(new Uint8Array(0));
  assert.equal(kit.canonicalize('{"b":1.0,"a":2}'), '{"a":2,"b":1}');
});
