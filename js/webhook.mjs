// @ts-check
// Webhook verification, canonicalization and signing: argument checks here, the rules in the core
// (src/webhook.rs). `webhookApi` is all the verify-only entry (`didit-kit/verify`) loads.
import { codedError, kind } from './errors.mjs';
import {
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_DOCUMENT_BYTES,
  WASM_MAX_BODY_BYTES,
  decoder,
  isBuiltinNonBag,
  isWellFormed,
  bodyBytes,
  checkSize,
  optionsObject,
  numberOption,
  limitOption,
  nowSeconds,
} from './args.mjs';
import { guarded } from './instance.mjs';
// The result's method and time-source order and the header arguments' order (src/webhook.rs).
import { METHODS, TIME_SOURCES, DEFAULT_TOLERANCE_SECONDS, WEBHOOK_HEADERS as HEADER_NAMES } from './rules.gen.mjs';

const HEADER_SLOTS = /** @type {Record<string, number>} */ (Object.fromEntries(HEADER_NAMES.map((n, i) => [n, i])));

/**
 * @param {unknown} value
 * @param {string} name
 * @returns {string | undefined}
 */
function headerValue(value, name) {
  if (value === undefined || value === null) return undefined;
  /** @type {string} */
  let s;
  if (typeof value === 'string') s = value;
  else if (typeof value === 'number') s = String(value);
  else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) s = value.join(', ');
  else throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `verifyWebhook: header ${name} must be a string, got ${kind(value)}`);
  if (!isWellFormed(s)) {
    // Header values are bytes on the wire: a lone surrogate can only come from the caller's code.
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `verifyWebhook: header ${name} contains an unpaired surrogate`);
  }
  return s;
}

/**
 * A header given more than once (two casings of its name): its values joined with ", ", as HTTP
 * combines repeated headers; the core tries each signature and requires equal timestamps.
 * @param {string | undefined} a
 * @param {string | undefined} b
 */
const joinRepeat = (a, b) => (a === undefined ? b : b === undefined ? a : `${a}, ${b}`);

/**
 * Picks X-Timestamp and the three signatures out of a plain object (any casing, array values
 * allowed, as Node gives them), a Fetch `Headers`, or a `Map`.
 * @param {unknown} headers
 * @returns {(string | undefined)[]}
 */
function pickHeaders(headers) {
  /** @type {(string | undefined)[]} */
  const out = [undefined, undefined, undefined, undefined];
  if (headers === null || typeof headers !== 'object' || isBuiltinNonBag(headers)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `verifyWebhook: headers must be an object, a Headers or a Map, got ${kind(headers)}`);
  }
  const h = /** @type {any} */ (headers);
  if (typeof h.get === 'function' && typeof h.entries === 'function') {
    // Fetch Headers (case-insensitive get) or a Map (iterate to ignore case).
    if (typeof Headers !== 'undefined' && h instanceof Headers) {
      for (const name of HEADER_NAMES) out[HEADER_SLOTS[name]] = headerValue(h.get(name), name);
    } else {
      for (const [k, v] of h.entries()) {
        const slot = typeof k === 'string' ? HEADER_SLOTS[k.toLowerCase()] : undefined;
        if (slot !== undefined) out[slot] = joinRepeat(out[slot], headerValue(v, k));
      }
    }
    return out;
  }
  // Plain object. Node lowercases incoming names, so try those first, then scan for other casings.
  let found = 0;
  for (const name of HEADER_NAMES) {
    const v = h[name];
    if (v !== undefined) {
      out[HEADER_SLOTS[name]] = headerValue(v, name);
      found++;
    }
  }
  if (found < HEADER_NAMES.length) {
    for (const k of Object.keys(h)) {
      const lower = k.toLowerCase();
      const slot = HEADER_SLOTS[lower];
      if (slot !== undefined && lower !== k) out[slot] = joinRepeat(out[slot], headerValue(h[k], k));
    }
  }
  return out;
}

/**
 * @param {unknown} secret
 * @param {string} fn
 * @returns {string[]}
 */
function secretList(secret, fn) {
  if (secret === undefined || secret === null) {
    // The usual cause: `process.env.DIDIT_WEBHOOK_SECRET` (or `env.…` in a Worker) is not set.
    throw codedError(TypeError, 'ERR_WEBHOOK_NO_SECRET', `${fn}: the secret is ${secret}: is the environment variable or binding that holds it (e.g. DIDIT_WEBHOOK_SECRET) set in this environment? Copy the webhook secret from the Didit Console`);
  }
  const list = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(list)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: secret must be a string or an array of strings, got ${kind(secret)}`);
  }
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (typeof s !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: secret #${i} must be a string, got ${kind(s)}`);
    }
    if (!isWellFormed(s)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: secret #${i} contains an unpaired surrogate`);
    }
  }
  return list;
}

/**
 * A freshness error when `options.now` was plainly Unix seconds (before 1973 read as
 * milliseconds): the message says so. The core judges in seconds; the unit is this layer's.
 * @param {unknown} error
 * @param {unknown} now  the caller's options.now
 */
function withNowHint(error, now) {
  const e = /** @type {any} */ (error);
  const code = e && typeof e === 'object' ? e.code : undefined;
  if ((code === 'ERR_WEBHOOK_TIMESTAMP_FUTURE' || code === 'ERR_WEBHOOK_TIMESTAMP_STALE') && typeof now === 'number' && now > 0 && now < 1e11) {
    e.message += `; options.now is ${now}, which looks like Unix seconds: it takes milliseconds (Date.now()), so pass ${now} * 1000`;
  }
  return error;
}

/**
 * @typedef {object} WebhookRaw  the wasm-bindgen exports this part calls
 * @property {Function} verifyWebhook
 * @property {Function} canonicalize
 * @property {Function} signWebhook
 */

/**
 * @param {WebhookRaw} raw  the wasm-bindgen exports
 * @param {{ hmac?: (key: Uint8Array, message: Uint8Array) => Uint8Array }} [platform]
 * @param {(body: string | Uint8Array) => unknown} [parseWebhookEvent]  the typed-model parser
 *   behind `event` (absent from the verify-only entry, where reading `event` throws)
 */
export function webhookApi(raw, platform = {}, parseWebhookEvent) {
  raw = guarded(raw);
  const hmac = platform.hmac;

  class WebhookVerification {
    /** @type {unknown} */
    #payload = undefined;
    #parsed = false;
    /** @type {string | Uint8Array} */
    #source;
    /** @type {unknown} */
    #event = undefined;

    /**
     * @param {(typeof METHODS)[number]} method
     * @param {number} secretIndex
     * @param {number} timestamp
     * @param {(typeof TIME_SOURCES)[number]} timeSource
     * @param {string | Uint8Array} source
     */
    constructor(method, secretIndex, timestamp, timeSource, source) {
      /** Which signature matched. */
      this.method = method;
      /** Index of the secret that matched. */
      this.secretIndex = secretIndex;
      /** The delivery's signed time (equal to X-Timestamp), Unix seconds. */
      this.timestamp = timestamp;
      /** Which field bound that time: the body's `timestamp` or `created_at`, or the header. */
      this.timeSource = timeSource;
      this.#source = source;
    }

    /** The body parsed with JSON.parse (on first access; integers beyond 2^53 lose precision). */
    get payload() {
      if (!this.#parsed) {
        const s = this.#source;
        this.#payload = JSON.parse(typeof s === 'string' ? s.replace(/^\uFEFF/, '') : decoder.decode(s));
        this.#parsed = true;
      }
      return this.#payload;
    }

    /** The body as a typed webhook event (parsed and checked on first access; see parseWebhookEvent). */
    get event() {
      if (this.#event === undefined) {
        if (parseWebhookEvent === undefined) {
          throw codedError(Error, 'ERR_NOT_IN_THIS_BUILD', "event (the typed webhook model) is not in didit-kit/verify; import 'didit-kit' for it, or read `payload`");
        }
        this.#event = parseWebhookEvent(this.#source);
      }
      return this.#event;
    }

    toJSON() {
      return { method: this.method, secretIndex: this.secretIndex, timestamp: this.timestamp, timeSource: this.timeSource, payload: this.payload };
    }
  }

  /**
   * @param {unknown} body
   * @param {unknown} headers
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function verifyWebhook(body, headers, secret, options) {
    const fn = 'verifyWebhook';
    const bytes = bodyBytes(body, fn);
    const h = pickHeaders(headers);
    const secrets = secretList(secret, fn);
    const o = optionsObject(options, fn);
    const allowSimple = o.allowSimple === undefined ? false : o.allowSimple;
    if (typeof allowSimple !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.allowSimple must be a boolean, got ${kind(allowSimple)}`);
    }
    const allowUnsigned = o.allowUnsignedTimestamp === undefined ? false : o.allowUnsignedTimestamp;
    if (typeof allowUnsigned !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.allowUnsignedTimestamp must be a boolean, got ${kind(allowUnsigned)}`);
    }
    const now = nowSeconds(o.now, fn);
    const tolerance = numberOption(o.toleranceSeconds, 'toleranceSeconds', DEFAULT_TOLERANCE_SECONDS, fn);
    const maxDepth = limitOption(o.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH, fn);
    const maxBodyBytes = limitOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_BODY_BYTES, fn, WASM_MAX_BODY_BYTES);
    // The core reports a missing or empty secret before the size; keep that order.
    if (secrets.length > 0 && !secrets.includes('')) checkSize(bytes, maxBodyBytes);
    /** @type {number[]} */
    let r;
    try {
      r = raw.verifyWebhook(bytes, h[0], h[1], h[2], h[3], secrets, now, tolerance, allowSimple, allowUnsigned, maxDepth, maxBodyBytes, hmac);
    } catch (error) {
      throw withNowHint(error, o.now);
    }
    // Snapshot the bytes: `payload` is parsed later, and the caller may reuse its buffer.
    const source = typeof body === 'string' ? body : Uint8Array.prototype.slice.call(bytes);
    return new WebhookVerification(METHODS[r[0]], r[1], r[2], TIME_SOURCES[r[3]], source);
  }

  /**
   * @param {unknown} body
   * @param {unknown} headers
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function tryVerifyWebhook(body, headers, secret, options) {
    try {
      const v = verifyWebhook(body, headers, secret, options);
      return { ok: /** @type {const} */ (true), method: v.method, secretIndex: v.secretIndex, timestamp: v.timestamp, timeSource: v.timeSource, get payload() { return v.payload; }, get event() { return v.event; } };
    } catch (error) {
      const code = error && typeof error === 'object' ? /** @type {any} */ (error).code : undefined;
      if (typeof code !== 'string') throw error;
      return { ok: /** @type {const} */ (false), code, message: /** @type {Error} */ (error).message, error };
    }
  }

  /**
   * @param {unknown} body
   * @param {unknown} [options]
   */
  function canonicalize(body, options) {
    const fn = 'canonicalize';
    const bytes = bodyBytes(body, fn);
    const o = optionsObject(options, fn);
    const ascii = o.ascii === undefined ? false : o.ascii;
    if (typeof ascii !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.ascii must be a boolean, got ${kind(ascii)}`);
    }
    const maxDepth = limitOption(o.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH, fn);
    const maxBodyBytes = limitOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_DOCUMENT_BYTES, fn, WASM_MAX_BODY_BYTES);
    checkSize(bytes, maxBodyBytes);
    return /** @type {string} */ (raw.canonicalize(bytes, ascii, maxDepth, maxBodyBytes));
  }

  /**
   * @param {unknown} body
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function signWebhook(body, secret, options) {
    const fn = 'signWebhook';
    const bytes = bodyBytes(body, fn);
    if (typeof secret !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: secret must be a string, got ${kind(secret)}`);
    }
    secretList(secret, fn);
    const o = optionsObject(options, fn);
    const ts = o.timestamp;
    if (ts !== undefined && typeof ts !== 'number') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.timestamp must be a non-negative integer of Unix seconds, got ${kind(ts)}`);
    }
    if (ts !== undefined && (!Number.isInteger(ts) || ts < 0 || ts >= 1e15)) {
      throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.timestamp must be a non-negative integer of Unix seconds (at most 15 digits), got ${ts}`);
    }
    checkSize(bytes, WASM_MAX_BODY_BYTES);
    const [t, v2, v1, simple] = raw.signWebhook(bytes, secret, ts, nowSeconds(o.now, fn), hmac);
    return { 'X-Timestamp': t, 'X-Signature-V2': v2, 'X-Signature': v1, 'X-Signature-Simple': simple };
  }
  return { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook };
}
