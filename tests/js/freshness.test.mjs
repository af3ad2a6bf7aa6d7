// @ts-check
// Freshness bound to signed data, headers as proxies deliver them, and messages that lead to the
// fix, through the built package (pkg/): verifyWebhook, tryVerifyWebhook, verifyRequest and
// verifyNodeRequest. The rules live in the core (src/webhook.rs, tests/freshness.rs); these
// tests check that the package passes them through intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const kit = require('../../pkg');
const SECRET = 'freshness_js_secret_0123456789abcdefghijklm';
const T = 1780000000;
const DAY = 86400;
const ENVELOPE = '"session_id":"11111111-2222-3333-4444-555555555555","status":"Approved","webhook_type":"status.updated"';

/** @param {string} times */
const body = (times) => (times ? `{${times},${ENVELOPE}}` : `{${ENVELOPE}}`);
/** @param {string} message @param {string} [secret] */
const hmac = (message, secret = SECRET) => createHmac('sha256', secret).update(message, 'utf8').digest('hex');
/** V2 signature computed independently: the canonical form, from the package's canonicalize. */
const v2 = (/** @type {string} */ b) => hmac(kit.canonicalize(b));

/**
 * @param {string} b
 * @param {string | string[]} ts
 * @param {Record<string, unknown>} [options]
 * @param {Record<string, unknown>} [extra]  more headers
 */
function verify(b, ts, options = {}, extra = {}) {
  return kit.tryVerifyWebhook(b, { 'x-timestamp': ts, 'x-signature-v2': v2(b), ...extra }, SECRET, { now: T * 1000, ...options });
}

test('the issue example: an old created_at-only delivery replayed with a fresh X-Timestamp is refused', () => {
  const b = body(`"created_at":${T - DAY}`);
  const r = verify(b, String(T));
  assert.equal(r.ok, false);
  assert.equal(r.ok || r.code, 'ERR_WEBHOOK_TIMESTAMP_MISMATCH');
  assert.match(r.ok ? '' : r.message, /X-Timestamp 1780000000 differs from the body's signed `created_at` 1779913600/);
  // With the header agreeing, it is what it is: genuine but stale.
  const stale = verify(b, String(T - DAY));
  assert.equal(stale.ok || stale.code, 'ERR_WEBHOOK_TIMESTAMP_STALE');
  assert.match(stale.ok ? '' : stale.message, /^signature matches, but the delivery is stale: the body's signed `created_at` is 86400 s old/);
  // allowUnsignedTimestamp does not weaken a body that has a signed time.
  assert.equal(verify(b, String(T), { allowUnsignedTimestamp: true }).ok, false);
});

test('which field bound the time: timeSource on the result, in toJSON and in tryVerifyWebhook', () => {
  /** @type {[string, string, string, number][]} */
  const cases = [
    ['integer timestamp', `"timestamp":${T}`, 'timestamp', T],
    ['whole float timestamp', '"timestamp":1780000000.0', 'timestamp', T],
    ['exponent float', '"timestamp":1.78e9', 'timestamp', T],
    ['null timestamp, created_at', `"created_at":${T},"timestamp":null`, 'created_at', T],
    ['only created_at', `"created_at":${T}`, 'created_at', T],
    ['timestamp wins over an older created_at', `"created_at":${T - DAY},"timestamp":${T}`, 'timestamp', T],
  ];
  for (const [what, times, source, ts] of cases) {
    const b = body(times);
    const v = kit.verifyWebhook(b, { 'x-timestamp': String(T), 'x-signature-v2': v2(b) }, SECRET, { now: T * 1000 });
    assert.equal(v.timeSource, source, what);
    assert.equal(v.timestamp, ts, what);
    assert.equal(v.toJSON().timeSource, source, what);
    const r = verify(b, String(T));
    assert.equal(r.ok && r.timeSource, source, what);
  }
});

test('a body with no signed time: its own code and a message that says why; allowUnsignedTimestamp accepts it', () => {
  for (const [times, why] of [
    ['', /no `timestamp` and no `created_at`/],
    [`"timestamp":"${T}"`, /`timestamp` is a string/],
    ['"timestamp":null', /`timestamp` is null/],
    ['"timestamp":1780000000.5', /not a whole number/],
    ['"created_at":"2026-05-28T20:26:40Z"', /`created_at` is a string/],
    ['"timestamp":false', /`timestamp` is a boolean/],
  ]) {
    const b = body(/** @type {string} */ (times));
    const r = verify(b, String(T));
    assert.equal(r.ok || r.code, 'ERR_WEBHOOK_TIMESTAMP_UNSIGNED', String(times));
    assert.match(r.ok ? '' : r.message, /** @type {RegExp} */ (why));
    assert.match(r.ok ? '' : r.message, /replayed/);
    assert.throws(() => kit.verifyWebhook(b, { 'x-timestamp': String(T), 'x-signature-v2': v2(b) }, SECRET, { now: T * 1000 }), { code: 'ERR_WEBHOOK_TIMESTAMP_UNSIGNED' });
    const allowed = verify(b, String(T), { allowUnsignedTimestamp: true });
    assert.equal(allowed.ok && allowed.timeSource, 'header', String(times));
    // Allowed, the header alone is judged: a stale one is still stale.
    assert.equal(verify(b, String(T - 301), { allowUnsignedTimestamp: true }).ok || 'stale', 'stale');
  }
  assert.throws(() => kit.verifyWebhook(body(''), { 'x-timestamp': String(T), 'x-signature-v2': v2(body('')) }, SECRET, { allowUnsignedTimestamp: 'yes' }), { code: 'ERR_INVALID_ARG_TYPE' });
});

test('V1 and Simple follow the same rule', () => {
  const b = body(`"created_at":${T - DAY}`);
  const v1 = kit.tryVerifyWebhook(b, { 'x-timestamp': String(T), 'x-signature': hmac(b) }, SECRET, { now: T * 1000 });
  assert.equal(v1.ok || v1.code, 'ERR_WEBHOOK_TIMESTAMP_MISMATCH');
  // Simple's message carries X-Timestamp when the body has no integer timestamp: the header is
  // signed, so a replay with a fresh header breaks the signature.
  const fields = '11111111-2222-3333-4444-555555555555:Approved:status.updated';
  const genuine = { 'x-timestamp': String(T - DAY), 'x-signature-simple': hmac(`${T - DAY}:${fields}`) };
  const replay = { ...genuine, 'x-timestamp': String(T) };
  const o = { now: T * 1000, allowSimple: true };
  assert.equal(kit.tryVerifyWebhook(b, replay, SECRET, o).ok || 'refused', 'refused');
  const r = kit.tryVerifyWebhook(b, genuine, SECRET, { ...o, now: (T - DAY) * 1000 });
  assert.equal(r.ok && r.timeSource, 'header');
});

test('repeated headers as Node, Fetch and proxies deliver them', () => {
  const b = body(`"timestamp":${T}`);
  const good = v2(b);
  const other = 'ab'.repeat(32);
  // Node joins repeats with ", "; other runtimes give arrays; a Map or Headers may hold either.
  assert.equal(verify(b, `${T}, ${T}`).ok, true);
  assert.equal(verify(b, [String(T), String(T)]).ok, true);
  const h = new Headers();
  h.append('X-Timestamp', String(T));
  h.append('X-Timestamp', String(T));
  h.append('X-Signature-V2', other);
  h.append('X-Signature-V2', good);
  assert.equal(kit.tryVerifyWebhook(b, h, SECRET, { now: T * 1000 }).ok, true);
  assert.equal(kit.tryVerifyWebhook(b, new Map([['X-Timestamp', [String(T), String(T)]], ['x-signature-v2', [good, other]]]), SECRET, { now: T * 1000 }).ok, true);
  // Two casings of the name in a plain object: both values count.
  assert.equal(kit.tryVerifyWebhook(b, { 'x-timestamp': String(T), 'X-Timestamp': String(T + 1), 'x-signature-v2': good }, SECRET, { now: T * 1000 }).ok || 'conflict', 'conflict');
  assert.equal(kit.tryVerifyWebhook(b, { 'x-timestamp': String(T), 'x-signature-v2': other, 'X-Signature-V2': good }, SECRET, { now: T * 1000 }).ok, true);
  // Conflicting timestamps: the message says the header came more than once, not "not an integer".
  for (const ts of [`${T}, ${T + 1}`, [String(T), String(T - 5)], `${T},abc`]) {
    const r = verify(b, ts);
    assert.equal(r.ok || r.code, 'ERR_WEBHOOK_TIMESTAMP_CONFLICT', String(ts));
    assert.match(r.ok ? '' : r.message, /came more than once/);
    assert.doesNotMatch(r.ok ? '' : r.message, /not an integer/);
  }
  // Several signature values: each tried.
  for (const sig of [`${other}, ${good}`, [other, good], [good.toUpperCase(), 'garbage']]) {
    const r = kit.tryVerifyWebhook(b, { 'x-timestamp': String(T), 'x-signature-v2': sig }, SECRET, { now: T * 1000 });
    assert.equal(r.ok, true, String(sig));
  }
});

test('a secret that looks wrong is used as given, and the mismatch says what looks wrong (never the value)', () => {
  const b = body(`"timestamp":${T}`);
  const headers = { 'x-timestamp': String(T), 'x-signature-v2': v2(b) };
  for (const [secret, says] of [
    [`${SECRET}\n`, /secret #0 begins or ends with whitespace/],
    [` ${SECRET}`, /secret #0 begins or ends with whitespace/],
    [`"${SECRET}"`, /secret #0 is wrapped in quotes/],
    [`'${SECRET}'`, /secret #0 is wrapped in quotes/],
    [`old-secret-000,${SECRET}`, /secret #0 contains a comma/],
  ]) {
    const r = kit.tryVerifyWebhook(b, headers, secret, { now: T * 1000 });
    assert.equal(r.ok || r.code, 'ERR_WEBHOOK_SIGNATURE_MISMATCH');
    assert.match(r.ok ? '' : r.message, /** @type {RegExp} */ (says));
    assert.ok(!(r.ok ? '' : r.message).includes(SECRET));
  }
  // The right secret second in a list, a suspicious one first: it verifies (rotation), unchanged.
  assert.equal(kit.tryVerifyWebhook(b, headers, [`${SECRET}\n`, SECRET], { now: T * 1000 }).ok, true);
});

test('`now` plainly in seconds, and a body that is base64 of JSON: the error names the cause', () => {
  const b = body(`"timestamp":${T}`);
  // A set-up error (webhookRejectionStatus: undefined, so a 500 that Didit retries), not a
  // delivery from the future (a 401, and the delivery lost).
  const r = verify(b, String(T), { now: T });
  assert.equal(r.ok || r.code, 'ERR_INVALID_ARG_VALUE');
  assert.match(r.ok ? '' : r.message, /options\.now is 1780000000, which looks like Unix seconds: it takes milliseconds/);
  assert.equal(kit.webhookRejectionStatus(r.ok ? null : r.error), undefined);
  assert.throws(() => kit.signWebhook(b, SECRET, { now: T }), (/** @type {any} */ e) => e instanceof RangeError && e.code === 'ERR_INVALID_ARG_VALUE');
  // A `now` in milliseconds that is merely wrong gets no such hint.
  const ms = verify(b, String(T), { now: (T + 3600) * 1000 });
  assert.equal(ms.ok || ms.code, 'ERR_WEBHOOK_TIMESTAMP_STALE');
  assert.doesNotMatch(ms.ok ? '' : ms.message, /looks like Unix seconds/);

  for (const text of [Buffer.from(b).toString('base64'), Buffer.from(b).toString('base64url'), `${Buffer.from(b).toString('base64')}\n`]) {
    const r64 = kit.tryVerifyWebhook(text, { 'x-timestamp': String(T), 'x-signature-v2': v2(b) }, SECRET, { now: T * 1000 });
    assert.equal(r64.ok || r64.code, 'ERR_WEBHOOK_BODY_BASE64');
    assert.match(r64.ok ? '' : r64.message, /base64/);
  }
});

test('verifyRequest and verifyNodeRequest pass the freshness rule and timeSource through', async () => {
  const b = body(`"created_at":${T}`);
  const headers = { 'x-timestamp': String(T), 'x-signature-v2': v2(b) };
  const req = new Request('https://example.test/hook', { method: 'POST', body: b, headers });
  const v = await kit.verifyRequest(req, SECRET, { now: T * 1000 });
  assert.equal(v.timeSource, 'created_at');
  const replay = new Request('https://example.test/hook', { method: 'POST', body: b, headers: { ...headers, 'x-timestamp': String(T + DAY) } });
  await assert.rejects(kit.verifyRequest(replay, SECRET, { now: (T + DAY) * 1000 }), { code: 'ERR_WEBHOOK_TIMESTAMP_MISMATCH' });
  const unsigned = body('');
  const uh = { 'x-timestamp': String(T), 'x-signature-v2': v2(unsigned) };
  const node = Object.assign(Readable.from([unsigned]), { headers: uh });
  await assert.rejects(kit.verifyNodeRequest(node, SECRET, { now: T * 1000 }), { code: 'ERR_WEBHOOK_TIMESTAMP_UNSIGNED' });
  const node2 = Object.assign(Readable.from([unsigned]), { headers: uh });
  const ok = await kit.verifyNodeRequest(node2, SECRET, { now: T * 1000, allowUnsignedTimestamp: true });
  assert.equal(ok.timeSource, 'header');
});
