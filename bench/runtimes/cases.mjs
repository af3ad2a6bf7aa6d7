// @ts-check
// The measured work, shared by the Deno and workerd benchmarks (bench/runtimes.mjs): didit-kit's
// verifyWebhook and verifyRequest (HMAC-SHA256 in WebAssembly: these runtimes have no synchronous
// native HMAC)
// against the runtime's own Web Crypto `crypto.subtle.verify('HMAC', ...)` over the raw body,
// which compares in constant time (the floor).
import { delivery, pythonCompactAscii, reserialised } from '../payloads.mjs';

const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const NOW = 1774970000;

/** What each case times, in this order. */
export const WHAT = /** @type {const} */ (['ours', 'request', 'requestCore', 'requestSubtle', 'floor']);

/**
 * @param {any} kit  the package's runtime entry
 * @param {{ glue: any, webhookApi: Function, verifyRequestWith: Function }} parts  the same
 *   module's glue and the package's own parts, to build verifyRequest both ways in this process
 */
export async function setup(kit, parts) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  // verifyRequest with every HMAC in WebAssembly, and with Web Crypto's at every size.
  const core = parts.webhookApi(parts.glue);
  const native = parts.webhookApi(parts.glue, { subtle: crypto.subtle, subtleMinBytes: 0 });
  const requestCore = parts.verifyRequestWith({ verifyWebhook: core.verifyWebhook });
  const requestSubtle = parts.verifyRequestWith({ verifyWebhook: native.verifyWebhook, verifyWebhookNative: native.verifyWebhookNative });
  const cases = [];
  for (const [size, hits, spellings] of [['2 KB', 0, 2], ['5 KB', 6, 1], ['10 KB', 15, 1], ['40 KB', 60, 2]]) {
    const data = delivery(/** @type {number} */ (hits), NOW);
    for (const [spelling, text] of [['wire format', pythonCompactAscii(data)], ['re-serialised', reserialised(data)]].slice(0, /** @type {number} */ (spellings))) {
      const body = enc.encode(text);
      const h = kit.signWebhook(body, SECRET, { timestamp: NOW });
      const headers = { 'x-timestamp': h['X-Timestamp'], 'x-signature-v2': h['X-Signature-V2'] };
      const v1 = Uint8Array.from(h['X-Signature'].match(/../g).map((/** @type {string} */ x) => parseInt(x, 16)));
      const opts = { now: NOW * 1000 };
      if (kit.verifyWebhook(body, headers, SECRET, opts).method !== 'v2') throw new Error('expected v2');
      if (!(await crypto.subtle.verify('HMAC', key, v1, body))) throw new Error('floor disagrees');
      // As a delivery arrives over HTTP: with its Content-Length.
      const request = () => new Request('http://127.0.0.1/', { method: 'POST', body, headers: { ...headers, 'content-length': String(body.length) } });
      for (const f of [kit.verifyRequest, requestCore, requestSubtle]) {
        if ((await f(request(), SECRET, opts)).method !== 'v2') throw new Error('expected v2');
      }
      cases.push({
        name: `${size}, ${spelling}`,
        bytes: body.length,
        ours: async () => kit.verifyWebhook(body, headers, SECRET, opts),
        // The async helper as shipped: reads a Request, then verifies (in workerd, with Web Crypto's
        // HMAC from the package's threshold up).
        request: async () => kit.verifyRequest(request(), SECRET, opts),
        requestCore: async () => requestCore(request(), SECRET, opts),
        requestSubtle: async () => requestSubtle(request(), SECRET, opts),
        floor: async () => crypto.subtle.verify('HMAC', key, v1, body),
      });
    }
  }
  return cases;
}

/** Runs `fn` `n` times, awaiting each. @param {() => Promise<unknown>} fn @param {number} n */
export async function repeat(fn, n) {
  for (let i = 0; i < n; i++) await fn();
}
