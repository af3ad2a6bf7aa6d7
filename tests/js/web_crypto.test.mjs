// @ts-check
// Verification with Web Crypto's HMAC (what `verifyRequest` does inside workerd; js/webhook.mjs
// verifyWebhookNative): the core names its fast-path message, Web Crypto signs it under each
// secret, and the core compares those tags and computes every other HMAC itself. Here it runs in
// Node on Node's Web Crypto, from 0 bytes up, against the synchronous verifyWebhook of the same
// module: the same result or the same error on every input, and, for Didit's wire format, no
// HMAC left to the core at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { delivery, pythonCompactAscii, reserialised } from '../../bench/payloads.mjs';

const require = createRequire(import.meta.url);
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const kit = require(join(ROOT, 'pkg'));
const { webhookApi } = await import(join(ROOT, 'pkg', 'webhook.mjs'));
const full = await import(join(ROOT, 'pkg', 'wasm', 'full', 'didit_kit.mjs'));
const lean = await import(join(ROOT, 'pkg', 'wasm', 'verify', 'didit_kit.mjs'));
full.initSync({ module: readFileSync(join(ROOT, 'pkg', 'wasm', 'full', 'didit_kit_full_bg.wasm')) });
lean.initSync({ module: readFileSync(join(ROOT, 'pkg', 'wasm', 'verify', 'didit_kit_verify_bg.wasm')) });

/** Counts what each HMAC path computed. */
const counts = { subtle: 0, core: 0 };
const subtle = /** @type {SubtleCrypto} */ (
  /** @type {unknown} */ ({
    importKey: (/** @type {any[]} */ ...a) => webcrypto.subtle.importKey(...(/** @type {[any, any, any, any, any]} */ (a))),
    sign: (/** @type {any} */ alg, /** @type {CryptoKey} */ key, /** @type {Uint8Array} */ data) => {
      counts.subtle++;
      return webcrypto.subtle.sign(alg, key, data);
    },
  })
);
/** The core's synchronous HMAC hook, counted (computed by node:crypto). */
const hmac = (/** @type {Uint8Array} */ key, /** @type {Uint8Array} */ message) => {
  counts.core++;
  return createHmac('sha256', key).update(message).digest();
};

const entries = {
  'didit-kit': { sync: webhookApi(full, { hmac }), native: webhookApi(full, { hmac, subtle, subtleMinBytes: 0 }) },
  'didit-kit/verify': { sync: webhookApi(lean, { hmac }), native: webhookApi(lean, { hmac, subtle, subtleMinBytes: 0 }) },
};

/** @param {any} r */
const outcome = (r) => `ok ${r.method} ${r.secretIndex} ${r.timestamp} ${r.timeSource} ${JSON.stringify(r.payload)}`;
/** @param {unknown} e */
const failure = (e) => `${/** @type {any} */ (e).code}: ${/** @type {any} */ (e).message}`;

/**
 * Both ways, on the same input; the body as bytes (verifyRequest's reads are bytes).
 * @param {{ sync: any, native: any }} api @param {string | Uint8Array} body @param {any} headers @param {any} secrets @param {any} options
 */
async function both(api, body, headers, secrets, options) {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  let sync;
  try {
    sync = outcome(api.sync.verifyWebhook(bytes, headers, secrets, options));
  } catch (e) {
    sync = failure(e);
  }
  let native;
  try {
    native = outcome(await api.native.verifyWebhookNative(bytes, headers, secrets, options));
  } catch (e) {
    native = failure(e);
  }
  return { sync, native };
}

const SECRET = 'whsec_test_0123456789abcdefghijklmnopqrstuv';
const NOW = 1_780_000_000;

/** Deliveries of every shape the core treats differently, each signed and then damaged. */
function cases() {
  /** @type {{ name: string, body: string, headers: Record<string, string>, secrets: any, options?: any }[]} */
  const out = [];
  const bodies = {
    'wire format with escapes, 40 KB': pythonCompactAscii(delivery(40, NOW)),
    'wire format with escapes, 2 KB': pythonCompactAscii(delivery(0, NOW)),
    'wire format, ASCII only': JSON.stringify({ created_at: NOW - 6, session_id: 's', status: 'Approved', timestamp: NOW, webhook_type: 'status.updated' }),
    're-serialised (keys shuffled, spaces)': reserialised(delivery(3, NOW)),
    'pretty-printed': JSON.stringify(delivery(1, NOW), null, 2),
    'raw Unicode, compact and sorted': kit.canonicalize(pythonCompactAscii(delivery(1, NOW))),
    'a lone surrogate escape': '{"a":"\\ud800","timestamp":' + NOW + '}',
    'no signed time': '{"status":"Approved"}',
    'not JSON': '{"status":',
  };
  for (const [name, body] of Object.entries(bodies)) {
    let signed;
    try {
      signed = kit.signWebhook(body, SECRET, { timestamp: NOW, now: NOW * 1000 });
    } catch {
      signed = { 'X-Timestamp': String(NOW), 'X-Signature-V2': 'a'.repeat(64), 'X-Signature': createHmac('sha256', SECRET).update(body).digest('hex') };
    }
    let v2Ascii = 'c'.repeat(64);
    try {
      v2Ascii = createHmac('sha256', SECRET).update(kit.canonicalize(body, { ascii: true })).digest('hex');
    } catch {}
    const v1 = createHmac('sha256', SECRET).update(body).digest('hex');
    const ts = signed['X-Timestamp'];
    out.push(
      { name: `${name}: genuine`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: SECRET },
      { name: `${name}: V2 over the ASCII form`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': v2Ascii }, secrets: SECRET },
      { name: `${name}: the secret second of two`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: ['old-secret', SECRET] },
      { name: `${name}: wrong secret`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: 'not-the-secret' },
      { name: `${name}: V2 wrong, V1 right`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': 'b'.repeat(64), 'X-Signature': v1 }, secrets: SECRET },
      { name: `${name}: tampered`, body: body.replace('Approved', 'Declined'), headers: { 'X-Timestamp': ts, 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: SECRET },
      { name: `${name}: stale`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: SECRET, options: { now: (NOW + 3600) * 1000 } },
      { name: `${name}: X-Timestamp differs`, body, headers: { 'X-Timestamp': String(NOW + 1), 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: SECRET },
      { name: `${name}: no secret`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: [] },
      { name: `${name}: too large`, body, headers: { 'X-Timestamp': ts, 'X-Signature-V2': signed['X-Signature-V2'] }, secrets: SECRET, options: { maxBodyBytes: 16 } },
    );
  }
  for (const v of JSON.parse(readFileSync(join(ROOT, 'tests/vectors/webhook.json'), 'utf8')).vectors) {
    out.push({ name: `vector: ${v.name}`, body: v.body, headers: v.headers, secrets: v.secrets, options: { now: v.now * 1000, allowSimple: v.allow_simple ?? false } });
  }
  const samples = JSON.parse(readFileSync(join(ROOT, 'samples/deliveries.json'), 'utf8'));
  for (const d of samples.deliveries) {
    out.push({ name: `sample: ${d.name}`, body: d.body, headers: d.headers, secrets: samples.secret, options: { now: samples.now * 1000 } });
  }
  return out;
}

for (const [entry, api] of Object.entries(entries)) {
  test(`${entry}: with Web Crypto's HMAC, every result and error is the synchronous one`, async () => {
    let checked = 0;
    let genuine = 0;
    for (const c of cases()) {
      const { sync, native } = await both(api, c.body, c.headers, c.secrets, { now: NOW * 1000, ...c.options });
      assert.equal(native, sync, c.name);
      if (sync.startsWith('ok ')) genuine++;
      checked++;
    }
    assert.ok(checked >= 100 && genuine >= 30, `${checked} cases, ${genuine} genuine`);
  });
}

test("Didit's wire format: Web Crypto computes the only HMAC, once per secret tried", async () => {
  const api = entries['didit-kit/verify'];
  for (const body of [pythonCompactAscii(delivery(40, NOW)), JSON.stringify({ created_at: 1, status: 'Approved', timestamp: NOW })]) {
    const headers = kit.signWebhook(body, SECRET, { timestamp: NOW, now: NOW * 1000 });
    counts.subtle = counts.core = 0;
    const r = await api.native.verifyWebhookNative(new TextEncoder().encode(body), headers, ['old-secret', SECRET], { now: NOW * 1000 });
    assert.equal(r.secretIndex, 1);
    assert.equal(r.method, 'v2');
    assert.deepEqual(counts, { subtle: 2, core: 0 });
    // The synchronous path computes the same HMACs in the core.
    counts.subtle = counts.core = 0;
    api.sync.verifyWebhook(body, headers, ['old-secret', SECRET], { now: NOW * 1000 });
    assert.deepEqual(counts, { subtle: 0, core: 2 });
  }
});

test('Web Crypto is skipped where it cannot help, and a failing Web Crypto falls back to the core', async () => {
  const body = pythonCompactAscii(delivery(2, NOW));
  const headers = kit.signWebhook(body, SECRET, { timestamp: NOW, now: NOW * 1000 });
  const bytes = new TextEncoder().encode(body);
  const api = entries['didit-kit/verify'];
  const skipped = [
    ['no X-Signature-V2', { 'X-Timestamp': headers['X-Timestamp'], 'X-Signature': headers['X-Signature'] }, bytes],
    ['pretty-printed (cannot be canonical)', headers, new TextEncoder().encode(JSON.stringify(JSON.parse(body), null, 1))],
  ];
  for (const [name, h, b] of skipped) {
    counts.subtle = 0;
    await api.native.verifyWebhookNative(b, h, SECRET, { now: NOW * 1000 }).catch(() => {});
    assert.equal(counts.subtle, 0, name);
  }
  // Under the size threshold: synchronous.
  counts.subtle = 0;
  const small = webhookApi(lean, { subtle, subtleMinBytes: bytes.length + 1 });
  assert.equal((await small.verifyWebhookNative(bytes, headers, SECRET, { now: NOW * 1000 })).method, 'v2');
  assert.equal(counts.subtle, 0);
  // Web Crypto rejecting, or answering with something that is not a 32-byte tag.
  for (const sign of [() => Promise.reject(new Error('no')), () => Promise.resolve(new ArrayBuffer(20))]) {
    const broken = webhookApi(lean, { subtle: /** @type {any} */ ({ importKey: subtle.importKey, sign }), subtleMinBytes: 0 });
    const r = await broken.verifyWebhookNative(bytes, headers, SECRET, { now: NOW * 1000 });
    assert.equal(r.method, 'v2');
  }
  // Argument errors come before any HMAC, as from verifyWebhook.
  counts.subtle = 0;
  await assert.rejects(api.native.verifyWebhookNative(bytes, headers, 42), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.equal(counts.subtle, 0);
});

test('the loaders offer Web Crypto only inside workerd', async () => {
  const { webCryptoPlatform } = await import(join(ROOT, 'pkg', 'init.mjs'));
  assert.deepEqual(webCryptoPlatform(), {});
  assert.equal(kit.verifyWebhookNative, undefined);
});
