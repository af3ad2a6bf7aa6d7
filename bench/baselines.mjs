// @ts-check
// The two baselines the webhook benchmarks measure didit-kit against (bench/verify.mjs,
// bench/bounds.mjs), written once:
// (a) Didit's documented JavaScript approach (integration prompt, §1.4.3 of the API notes),
//     verbatim logic: JSON.parse, shorten floats, sort keys, JSON.stringify, HMAC, compare;
// (b) the floor: node:crypto HMAC-SHA256 over the raw body and a constant-time compare, nothing else.
// Headers are Node's: lowercase names.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** @param {unknown} v @returns {unknown} */
function shortenFloats(v) {
  if (Array.isArray(v)) return v.map(shortenFloats);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shortenFloats(x)]));
  if (typeof v === 'number' && !Number.isInteger(v) && v % 1 === 0) return Math.trunc(v);
  return v;
}
/** @param {any} v @returns {any} */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.keys(v).sort().reduce((acc, k) => { acc[k] = sortKeys(v[k]); return acc; }, /** @type {any} */ ({}));
  return v;
}

/**
 * (a) Didit's documented approach, freshness included (300 s around `now`, Unix seconds).
 * @param {Buffer} raw @param {Record<string, string>} headers @param {string} secret @param {number} now
 */
export function documented(raw, headers, secret, now) {
  const ts = Number(headers['x-timestamp']);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > 300) return false;
  const canonical = JSON.stringify(sortKeys(shortenFloats(JSON.parse(raw.toString('utf8')))));
  const expected = createHmac('sha256', secret).update(canonical, 'utf8').digest('hex');
  const got = Buffer.from(headers['x-signature-v2'], 'utf8');
  return got.length === expected.length && timingSafeEqual(Buffer.from(expected, 'utf8'), got);
}

/**
 * (b) The floor: HMAC over the raw body (checked against X-Signature) and a constant-time compare.
 * @param {Buffer} raw @param {Record<string, string>} headers @param {string} secret
 */
export function floor(raw, headers, secret) {
  const expected = createHmac('sha256', secret).update(raw).digest('hex');
  const got = Buffer.from(headers['x-signature'], 'utf8');
  return got.length === expected.length && timingSafeEqual(Buffer.from(expected, 'utf8'), got);
}

/** Header names lowercased, as Node gives them. @param {Record<string, string>} h */
export const lowerHeaders = (h) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
