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
  encoder,
  isBuiltinNonBag,
  isWellFormed,
  bodyBytes,
  checkSize,
  optionsObject,
  numberOption,
  limitOption,
  nowSeconds,
} from './args.mjs';
import { guarded, memoryOf } from './instance.mjs';
// The result's method and time-source order and the header arguments' order (src/webhook.rs).
import { METHODS, TIME_SOURCES, DEFAULT_TOLERANCE_SECONDS, WEBHOOK_HEADERS as HEADER_NAMES, MAX_FAST_TAGS } from './rules.gen.mjs';

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
      // Every name looked for starts with "x": skip the others without lowercasing them.
      if ((k.charCodeAt(0) | 0x20) !== 0x78) continue;
      const lower = k.toLowerCase();
      const slot = HEADER_SLOTS[lower];
      if (slot !== undefined && lower !== k) out[slot] = joinRepeat(out[slot], headerValue(h[k], k));
    }
  }
  return out;
}

/** Where the headers and secrets are packed for the core (reused: verification is synchronous). */
let scratch = new Uint8Array(1024);
/** Above this, a call packs into a buffer of its own rather than keeping a large one. */
const SCRATCH_KEEP = 64 * 1024;
const ABSENT = 0xffffffff;

/**
 * Writes `n` as a u32, little-endian, at `at`.
 * @param {Uint8Array} b @param {number} at @param {number} n
 */
function putU32(b, at, n) {
  b[at] = n;
  b[at + 1] = n >>> 8;
  b[at + 2] = n >>> 16;
  b[at + 3] = n >>> 24;
}

/**
 * The headers and secrets in the layout `verifyWebhook` of src/wasm.rs reads, one byte array
 * across the boundary: a u32 count of secrets, a u32 UTF-8 length per header (0xFFFFFFFF: absent)
 * and per secret, then all their bytes one after the other, then (flag 4) the 32-byte fast-path
 * tags, one per secret. u32s are little-endian.
 * @param {(string | undefined)[]} h  X-Timestamp, X-Signature-V2, X-Signature, X-Signature-Simple
 * @param {string[]} secrets
 * @param {ArrayBuffer[]} [tags]
 */
function packArgs(h, secrets, tags) {
  const n = secrets.length;
  const head = 4 * (5 + n);
  let text = '';
  for (let i = 0; i < 4; i++) text += h[i] ?? '';
  for (let i = 0; i < n; i++) text += secrets[i];
  const tagBytes = tags === undefined ? 0 : 32 * n;
  const need = head + 3 * text.length + tagBytes;
  let b = scratch;
  if (need > b.length) {
    b = new Uint8Array(need);
    if (need <= SCRATCH_KEEP) scratch = b;
  }
  putU32(b, 0, n);
  // One encoding of everything; when it is ASCII (every real header and secret) each UTF-8
  // length is the string's length, else each string is measured on its own.
  const written = encoder.encodeInto(text, b.subarray(head)).written;
  const ascii = written === text.length;
  for (let i = 0; i < 4 + n; i++) {
    const v = i < 4 ? h[i] : secrets[i - 4];
    putU32(b, 4 * (i + 1), v === undefined ? ABSENT : ascii ? v.length : encoder.encode(v).length);
  }
  if (tags !== undefined) for (let i = 0; i < n; i++) b.set(new Uint8Array(tags[i], 0, 32), head + written + 32 * i);
  return b.subarray(0, head + written + tagBytes);
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
 * @typedef {object} WebhookRaw  the wasm-bindgen exports this part calls
 * @property {Function} verifyWebhook
 * @property {Function} webhookFastMessage
 * @property {Function} [canonicalize]  absent from the verify-only module
 * @property {Function} [signWebhook]  absent from the verify-only module
 */

/**
 * Bytes as a Latin-1 string (one character per byte, U+0000-U+00FF) and back: lossless for any
 * bytes, and the text itself for ASCII ones.
 * @typedef {object} Latin1
 * @property {(bytes: Uint8Array) => string} text
 * @property {(text: string) => Uint8Array} bytes
 * @property {(bytes: Uint8Array) => boolean} isAscii
 */

/**
 * How a verification holds the body it verified (`payload` and `event` read it later): the
 * caller's string; the text of ASCII bytes; bytes as a Latin-1 string; a copy of the bytes.
 */
const SOURCE_STRING = 0;
const SOURCE_ASCII = 1;
const SOURCE_LATIN1 = 2;
const SOURCE_BYTES = 3;

/**
 * @param {WebhookRaw} raw  the wasm-bindgen exports
 * @param {{ hmac?: (key: Uint8Array, message: Uint8Array) => Uint8Array, latin1?: Latin1, subtle?: SubtleCrypto, subtleMinBytes?: number }} [platform]
 *   `hmac`: a synchronous native HMAC-SHA256 (the Node loaders' `createHmac`);
 *   `latin1`: bytes to a Latin-1 string and back, where that is cheaper than copying them (the
 *   Node loaders), for the payload snapshot;
 *   `subtle`: Web Crypto, where its HMAC beats the core's from `subtleMinBytes` bytes of body up
 *   (`verifyWebhookNative`, which the async helpers use; see webCryptoPlatform in init.mjs)
 * @param {(body: string | Uint8Array) => unknown} [parseWebhookEvent]  the typed-model parser
 *   behind `event` (absent from the verify-only entry, where reading `event` throws)
 */
export function webhookApi(raw, platform = {}, parseWebhookEvent) {
  raw = guarded(raw);
  const hmac = platform.hmac;
  const latin1 = platform.latin1;
  const subtle = platform.subtle;
  const subtleMinBytes = platform.subtleMinBytes ?? 0;
  /**
   * Web Crypto keys by secret (non-extractable, for HMAC-SHA256 signing), imported once: a
   * handler verifies with the same one or two secrets on every request.
   * @type {Map<string, Promise<CryptoKey>>}
   */
  const keys = new Map();
  /** @param {string} secret */
  const hmacKey = (secret) => {
    let key = keys.get(secret);
    if (key === undefined) {
      if (keys.size >= 16) keys.clear();
      key = /** @type {SubtleCrypto} */ (subtle).importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
      key.catch(() => keys.delete(secret));
      keys.set(secret, key);
    }
    return key;
  };
  const memory = memoryOf(raw);
  /**
   * The core's HMAC hook (src/wasm.rs, HmacInto): key and message are read from wasm memory by
   * address, the tag written back there; false lets the core compute it.
   * @type {((key: number, keyLen: number, message: number, messageLen: number, out: number) => boolean) | undefined}
   */
  const hmacInto =
    hmac === undefined || memory === undefined
      ? undefined
      : (key, keyLen, message, messageLen, out) => {
          const m = memory();
          if (m === undefined) return false;
          const buffer = m.buffer;
          const tag = hmac(new Uint8Array(buffer, key, keyLen), new Uint8Array(buffer, message, messageLen));
          if (!(tag instanceof Uint8Array) || tag.length !== 32) return false;
          new Uint8Array(buffer, out, 32).set(tag);
          return true;
        };

  /**
   * The module's export behind `fn`, or ERR_NOT_IN_THIS_BUILD: the verify-only module leaves out
   * signing and canonicalizing (tools for tests and debugging; 2.4 KB gzip of the module a
   * webhook handler loads).
   * @param {Function | undefined} f @param {string} fn
   */
  const tool = (f, fn) => {
    if (typeof f !== 'function') {
      throw codedError(Error, 'ERR_NOT_IN_THIS_BUILD', `${fn} is not in didit-kit/verify, the verification-only entry point, whose module leaves signing and canonicalizing out; import ${fn} from 'didit-kit' (in tests, or in a script of its own)`);
    }
    return f;
  };

  class WebhookVerification {
    /** @type {unknown} */
    #payload = undefined;
    #parsed = false;
    /** @type {string | Uint8Array} */
    #source;
    /** How #source holds the body (SOURCE_STRING...). */
    #form;
    /** @type {unknown} */
    #event = undefined;

    /**
     * @param {(typeof METHODS)[number]} method
     * @param {number} secretIndex
     * @param {number} timestamp
     * @param {(typeof TIME_SOURCES)[number]} timeSource
     * @param {string | Uint8Array} source
     * @param {number} form  how source holds the body (SOURCE_STRING...)
     */
    constructor(method, secretIndex, timestamp, timeSource, source, form) {
      /** Which signature matched. */
      this.method = method;
      /** Index of the secret that matched. */
      this.secretIndex = secretIndex;
      /** The delivery's signed time (equal to X-Timestamp), Unix seconds. */
      this.timestamp = timestamp;
      /** Which field bound that time: the body's `timestamp` or `created_at`, or the header. */
      this.timeSource = timeSource;
      this.#source = source;
      this.#form = form;
    }

    /** The verified body as the caller gave it: its string, or bytes (a Latin-1 snapshot given back). */
    #body() {
      const s = this.#source;
      return this.#form === SOURCE_LATIN1 ? /** @type {Latin1} */ (latin1).bytes(/** @type {string} */ (s)) : s;
    }

    /** The body parsed with JSON.parse (on first access; integers beyond 2^53 lose precision). */
    get payload() {
      if (!this.#parsed) {
        const s = this.#body();
        this.#payload = JSON.parse(
          typeof s !== 'string' ? decoder.decode(s) : this.#form === SOURCE_ASCII ? s : s.replace(/^\uFEFF/, ''),
        );
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
        this.#event = parseWebhookEvent(this.#body());
      }
      return this.#event;
    }

    toJSON() {
      return { method: this.method, secretIndex: this.secretIndex, timestamp: this.timestamp, timeSource: this.timeSource, payload: this.payload };
    }
  }

  /**
   * Checks verifyWebhook's arguments (every argument error is thrown here, before any HMAC) and
   * reads the clock.
   * @param {unknown} body
   * @param {unknown} headers
   * @param {unknown} secret
   * @param {unknown} options
   * @param {string} fn
   */
  function prepare(body, headers, secret, options, fn) {
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
    const usableSecrets = secrets.length > 0 && !secrets.includes('');
    if (usableSecrets) checkSize(bytes, maxBodyBytes);
    const flags = (allowSimple ? 1 : 0) | (allowUnsigned ? 2 : 0);
    return { body, bytes, h, secrets, usableSecrets, now, tolerance, flags, maxDepth, maxBodyBytes };
  }

  /**
   * Verifies in the core (synchronously) and builds the result.
   * @param {ReturnType<typeof prepare>} a
   * @param {ArrayBuffer[]} [fastTags]  Web Crypto's HMAC of the core's fast-path message, one per
   *   secret (src/webhook.rs, verify_webhook_with_tags)
   * @param {boolean} [owned]  whether nothing but this call holds `a.bytes` (verifyRequest read
   *   them), so they need no snapshot
   */
  function run(a, fastTags, owned = false) {
    const { body, bytes } = a;
    /** @type {number[]} */
    const r = raw.verifyWebhook(bytes, packArgs(a.h, a.secrets, fastTags), a.now, a.tolerance, a.flags | (fastTags ? 4 : 0), a.maxDepth, a.maxBodyBytes, hmacInto);
    // Snapshot the body: `payload` is parsed later, and the caller may reuse its buffer. As a
    // Latin-1 string where the platform has a cheap way (the Node loaders): a one-byte string costs
    // a fraction of a new ArrayBuffer, and for an ASCII body (Didit's wire format) it is the text
    // `payload` and `event` read anyway; other bytes are given back and decoded on first access.
    // Up to the models' limit, so `event` sees the same sizes either way. Not by decoding UTF-8
    // here: that is several times slower than the copy for non-ASCII text.
    /** @type {string | Uint8Array} */
    let source;
    let form = SOURCE_BYTES;
    if (typeof body === 'string') {
      source = body;
      form = SOURCE_STRING;
    } else if (owned) source = bytes;
    else if (latin1 !== undefined && bytes.byteLength <= DEFAULT_MAX_DOCUMENT_BYTES) {
      source = latin1.text(bytes);
      form = latin1.isAscii(bytes) ? SOURCE_ASCII : SOURCE_LATIN1;
    } else source = Uint8Array.prototype.slice.call(bytes);
    return new WebhookVerification(METHODS[r[0]], r[1], r[2], TIME_SOURCES[r[3]], source, form);
  }

  /**
   * @param {unknown} body
   * @param {unknown} headers
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function verifyWebhook(body, headers, secret, options) {
    return run(prepare(body, headers, secret, options, 'verifyWebhook'));
  }

  /**
   * verifyWebhook with the platform's Web Crypto HMAC (`platform.subtle`), for `verifyRequest`,
   * which owns the body it read (nothing else can change it between the two calls into the core,
   * nor after, so the result keeps it instead of a snapshot).
   * The core names the message its fast path signs first (`webhookFastMessage`); Web Crypto signs
   * it under each secret; the core compares those tags with X-Signature-V2 in constant time and
   * computes any other HMAC itself, as without them. The same results and errors as verifyWebhook
   * (argument errors before any await). Bodies under `platform.subtleMinBytes`, deliveries
   * without X-Signature-V2, bodies that cannot be canonical and lists of more than MAX_FAST_TAGS secrets
   * verify synchronously; so does everything if Web Crypto fails.
   * @param {unknown} body
   * @param {unknown} headers
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  async function verifyWebhookNative(body, headers, secret, options) {
    const a = prepare(body, headers, secret, options, 'verifyWebhook');
    if (subtle === undefined || !a.usableSecrets || a.secrets.length > MAX_FAST_TAGS || a.h[1] === undefined || a.bytes.byteLength < subtleMinBytes) return run(a, undefined, true);
    /** @type {ArrayBuffer[] | undefined} */
    let tags;
    try {
      /** @type {Uint8Array | undefined} */
      const message = raw.webhookFastMessage(a.bytes);
      if (message !== undefined) {
        // A copy out of wasm memory, or the body verifyRequest read (no one else holds it).
        const data = /** @type {Uint8Array<ArrayBuffer>} */ (message.length === 0 ? a.bytes : message);
        const secretKeys = await Promise.all(a.secrets.map(hmacKey));
        tags = await Promise.all(secretKeys.map((key) => subtle.sign('HMAC', key, data)));
        if (tags.some((tag) => tag.byteLength !== 32)) tags = undefined;
      }
    } catch {
      tags = undefined;
    }
    return run(a, tags, true);
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
    const rawCanonicalize = tool(raw.canonicalize, fn);
    const bytes = bodyBytes(body, fn);
    const o = optionsObject(options, fn);
    const ascii = o.ascii === undefined ? false : o.ascii;
    if (typeof ascii !== 'boolean') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.ascii must be a boolean, got ${kind(ascii)}`);
    }
    const maxDepth = limitOption(o.maxDepth, 'maxDepth', DEFAULT_MAX_DEPTH, fn);
    const maxBodyBytes = limitOption(o.maxBodyBytes, 'maxBodyBytes', DEFAULT_MAX_DOCUMENT_BYTES, fn, WASM_MAX_BODY_BYTES);
    checkSize(bytes, maxBodyBytes);
    return /** @type {string} */ (rawCanonicalize(bytes, ascii, maxDepth, maxBodyBytes));
  }

  /**
   * @param {unknown} body
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  function signWebhook(body, secret, options) {
    const fn = 'signWebhook';
    const rawSign = tool(raw.signWebhook, fn);
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
    const [t, v2, v1, simple] = rawSign(bytes, secret, ts, nowSeconds(o.now, fn), hmacInto);
    return { 'X-Timestamp': t, 'X-Signature-V2': v2, 'X-Signature': v1, 'X-Signature-Simple': simple };
  }
  // verifyWebhookNative only where the platform has Web Crypto to offer (not a public export).
  return { verifyWebhook, tryVerifyWebhook, canonicalize, signWebhook, ...(subtle === undefined ? {} : { verifyWebhookNative }) };
}
