// @ts-check
// The measured work, shared by the Deno and workerd benchmarks (bench/runtimes.mjs): didit-kit's
// verifyWebhook and verifyRequest (HMAC-SHA256 in WebAssembly: these runtimes have no synchronous
// native HMAC)
// against the runtime's own Web Crypto `crypto.subtle.verify('HMAC', ...)` over the raw body,
// which compares in constant time (the floor).
import { delivery, pythonCompactAscii, reserialised } from '../payloads.mjs';

const SECRET = 'bench_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx';
const NOW = 1774970000;

/** @param {any} kit */
export async function setup(kit) {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', enc.encode(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  const cases = [];
  for (const [size, hits] of [['2 KB', 0], ['40 KB', 60]]) {
    const data = delivery(/** @type {number} */ (hits), NOW);
    for (const [spelling, text] of [['wire format', pythonCompactAscii(data)], ['re-serialised', reserialised(data)]]) {
      const body = enc.encode(text);
      const h = kit.signWebhook(body, SECRET, { timestamp: NOW });
      const headers = { 'x-timestamp': h['X-Timestamp'], 'x-signature-v2': h['X-Signature-V2'] };
      const v1 = Uint8Array.from(h['X-Signature'].match(/../g).map((/** @type {string} */ x) => parseInt(x, 16)));
      const opts = { now: NOW * 1000 };
      if (kit.verifyWebhook(body, headers, SECRET, opts).method !== 'v2') throw new Error('expected v2');
      if (!(await crypto.subtle.verify('HMAC', key, v1, body))) throw new Error('floor disagrees');
      cases.push({
        name: `${size}, ${spelling}`,
        bytes: body.length,
        ours: async () => kit.verifyWebhook(body, headers, SECRET, opts),
        // The async helper: reads a Request, then verifies as above.
        request: async () => kit.verifyRequest(new Request('http://127.0.0.1/', { method: 'POST', body, headers }), SECRET, opts),
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
