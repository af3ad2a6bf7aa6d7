// @ts-check
// Argument checks shared by every part of the API: a wrong type becomes a TypeError with a `code`
// here and never reaches the wasm module. Also the limits the core enforces (src/wasm.rs says why).
import { codedError, kind } from './errors.mjs';

// The limits come from the core (js/rules.gen.mjs, generated from src/; the Rust constants say why).
import { TOO_LARGE_HINT } from './rules.gen.mjs';
export { DEFAULT_MAX_DEPTH, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DOCUMENT_BYTES, WASM_MAX_BODY_BYTES } from './rules.gen.mjs';

export const encoder = new TextEncoder();
export const decoder = new TextDecoder();

/** @param {string} s */
export const isWellFormed =
  typeof (/** @type {any} */ ('').isWellFormed) === 'function'
    ? (/** @type {string} */ s) => /** @type {any} */ (s).isWellFormed()
    : (/** @type {string} */ s) => !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);


/** @param {unknown} b */
export const isSharedBuffer = (b) => typeof SharedArrayBuffer !== 'undefined' && b instanceof SharedArrayBuffer;

/**
 * Whether an ArrayBuffer was detached (transferred): it then reads as empty, and copying from a
 * view of it throws. Node 20 has no `ArrayBuffer.prototype.detached`; constructing a view fails.
 * @param {ArrayBuffer} b
 */
function isDetached(b) {
  if (b.byteLength !== 0) return false;
  try {
    new Uint8Array(b, 0, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * Objects that cannot be a bag of headers or options: arrays, binary data, boxed primitives and
 * other built-ins. (Class instances and null-prototype objects are fine: header objects in Node
 * and in the frameworks come in every kind.)
 * @param {object} v
 */
export function isBuiltinNonBag(v) {
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return false; // the common case, quickly
  if (Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof ArrayBuffer || isSharedBuffer(v)) return true;
  const tag = Object.prototype.toString.call(v);
  return /^\[object (Date|RegExp|String|Number|Boolean|BigInt|Symbol|Promise|Error|WeakMap|WeakSet|Set)\]$/.test(tag);
}

/** Where each framework's raw-body set-up is shown (named by the ERR_WEBHOOK_BODY_NOT_RAW messages). */
export const FRAMEWORK_GUIDE = 'docs/frameworks.md (shipped in the package: node_modules/didit-kit/docs/frameworks.md)';

/**
 * What to do instead of passing `body`, an object that is not raw bytes: the fix for the
 * framework object it recognises (a Lambda event, a Fetch Request, a Koa context, a Fastify or
 * Node/Express request, a Buffer turned into JSON), else the fix for each framework's parser.
 * @param {object} body
 */
export function notRawHint(body) {
  const b = /** @type {any} */ (body);
  const has = (/** @type {string} */ key) => { try { return key in b; } catch { return false; } };
  if (has('requestContext') || (has('isBase64Encoded') && has('body')) || has('routeKey') || has('httpMethod')) {
    return 'this is an AWS Lambda event, not a body: verifyLambdaEvent(event, secret) or lambdaWebhook(secret, handler) ' +
      'decode a base64 event.body (isBase64Encoded) and read the headers from the event';
  }
  if (typeof b.arrayBuffer === 'function' && typeof b.headers?.get === 'function') {
    return 'this is a Fetch API Request, not a body: await verifyRequest(request, secret) reads its raw body';
  }
  if (has('request') && has('req') && has('res') && has('app')) {
    return 'this is a Koa context, not a body: use koaWebhook(secret) as the route\'s middleware (it reads ctx.request.rawBody or the stream)';
  }
  if (has('raw') && has('routeOptions')) {
    return "this is a Fastify request, not a body: register the route with fastifyWebhook(secret, { url, handler }), which keeps the body as a Buffer";
  }
  if (typeof b.on === 'function' && b.headers !== null && typeof b.headers === 'object') {
    return 'this is a Node/Express request, not a body: await verifyNodeRequest(req, secret), or webhookMiddleware(secret) in Express';
  }
  if (b.type === 'Buffer' && Array.isArray(b.data)) {
    return 'this is a Buffer that went through JSON.stringify: pass Buffer.from(body.data), or better the Buffer before serialisation';
  }
  return 'a JSON body parser already turned the body into an object, and re-serialising it does not reproduce the bytes Didit signed: pass the raw request body (string, Uint8Array/Buffer or ArrayBuffer). ' +
    "Express: a global app.use(express.json()) runs before every route registered after it, even one with express.raw(), so register the webhook route (with express.raw({ type: 'application/json' })) above app.use(express.json()), " +
    'or keep the global parser and let it save the bytes: app.use(express.json({ verify: keepRawBody })), then pass req.rawBody. ' +
    'Other frameworks: Fastify: fastifyWebhook(secret, { url, handler }); Koa: ctx.request.rawBody (koa-bodyparser) or koaWebhook(secret); ' +
    'NestJS: NestFactory.create(AppModule, { rawBody: true }) and req.rawBody; Google Cloud Functions: req.rawBody; ' +
    `AWS Lambda: verifyLambdaEvent(event, secret). The guide: ${FRAMEWORK_GUIDE}`;
}

/**
 * Why a body is `undefined`, most often: a body parser that skipped the request (found by a
 * first-time user whose curl sent form data).
 */
const UNDEFINED_BODY_HINT =
  ": in Express, req.body stays undefined when no parser read the request, and express.raw({ type: 'application/json' }) reads only " +
  "requests sent with Content-Type: application/json (curl -d sends application/x-www-form-urlencoded: add -H 'Content-Type: application/json'); " +
  'webhookMiddleware(secret) and verifyNodeRequest(req, secret) read the stream whatever its Content-Type';

/**
 * @param {unknown} body
 * @param {string} fn
 * @returns {Uint8Array}
 */
export function bodyBytes(body, fn) {
  if (typeof body === 'string') {
    if (!isWellFormed(body)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: body contains an unpaired surrogate, so it has no UTF-8 form`);
    }
    return encoder.encode(body);
  }
  /** @type {unknown} */
  let buffer;
  if (ArrayBuffer.isView(body)) buffer = body.buffer;
  else if (body instanceof ArrayBuffer || isSharedBuffer(body)) buffer = body;
  else if (body !== null && typeof body === 'object') {
    throw codedError(TypeError, 'ERR_WEBHOOK_BODY_NOT_RAW', `${fn}: ${notRawHint(body)}`);
  } else {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: body must be a string, Uint8Array or ArrayBuffer, got ${kind(body)}${body === undefined ? UNDEFINED_BODY_HINT : ''}`);
  }
  if (isSharedBuffer(buffer)) {
    // Another thread could change the bytes between verification and reading the payload.
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: body must not be backed by a SharedArrayBuffer (copy it into an ArrayBuffer first)`);
  }
  if (isDetached(/** @type {ArrayBuffer} */ (buffer))) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: body buffer is detached`);
  }
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new Uint8Array(/** @type {ArrayBuffer} */ (body));
}

/**
 * The core's message for a body over the maximum (src/error.rs): the sizes, the likely cause and
 * the fix.
 * @param {number | string} size  bytes, or e.g. `at least 1048577` while still reading
 * @param {number} max
 */
export function tooLargeMessage(size, max) {
  return `body is ${size} bytes, more than the maximum of ${max}: ${TOO_LARGE_HINT}`;
}

/**
 * Refuses a body over the maximum here, before wasm-bindgen copies it into wasm memory (which
 * would grow to hold it). Same message as the core's.
 * @param {Uint8Array} bytes
 * @param {number} max
 */
export function checkSize(bytes, max) {
  if (bytes.byteLength > max) {
    throw codedError(RangeError, 'ERR_BODY_TOO_LARGE', tooLargeMessage(bytes.byteLength, max));
  }
}

/**
 * @param {unknown} options
 * @param {string} fn
 * @returns {Record<string, unknown>}
 */
export function optionsObject(options, fn) {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || isBuiltinNonBag(options) || options instanceof Map) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options must be an object, got ${kind(options)}`);
  }
  return /** @type {Record<string, unknown>} */ (options);
}

/**
 * @param {unknown} v
 * @param {string} name
 * @param {number} fallback
 * @param {string} fn
 */
export function numberOption(v, name, fallback, fn) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw codedError(
      typeof v === 'number' ? RangeError : TypeError,
      typeof v === 'number' ? 'ERR_INVALID_ARG_VALUE' : 'ERR_INVALID_ARG_TYPE',
      `${fn}: options.${name} must be a non-negative finite number, got ${typeof v === 'number' ? v : kind(v)}`,
    );
  }
  return v;
}

/**
 * A positive integer option (a limit), at most `max`.
 * @param {unknown} v
 * @param {string} name
 * @param {number} fallback
 * @param {string} fn
 * @param {number} [max]
 */
export function limitOption(v, name, fallback, fn, max = Infinity) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.${name} must be a positive integer, got ${kind(v)}`);
  }
  if (!Number.isInteger(v) || v < 1) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.${name} must be a positive integer, got ${v}`);
  }
  if (v > max) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.${name} must be at most ${max} (${max / 1048576} MiB), got ${v}`);
  }
  return v;
}

/**
 * `now` in Unix seconds from a number of milliseconds or a Date; defaults to the current time.
 * @param {unknown} now
 * @param {string} fn
 */
export function nowSeconds(now, fn) {
  if (now === undefined) return Math.floor(Date.now() / 1000);
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: options.now must be milliseconds since the epoch or a valid Date, got ${kind(now)}`);
  }
  if (!Number.isFinite(ms)) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `${fn}: options.now must be milliseconds since the epoch or a valid Date, got ${now instanceof Date ? 'an invalid Date' : ms}`);
  }
  // A positive number below 1e11 (before March 1973 read as milliseconds) is Unix seconds by
  // mistake: refused as a set-up error (a 500, which Didit retries) rather than judged as 1970,
  // where a genuine delivery would be rejected as from the future (a 401, lost) and an expired
  // share token would look usable (both found by first-time users).
  if (typeof now === 'number' && now >= 1 && now < 1e11) {
    throw codedError(
      RangeError,
      'ERR_INVALID_ARG_VALUE',
      `${fn}: options.now is ${now}, which looks like Unix seconds: it takes milliseconds since the epoch (Date.now()) or a Date, so pass ${now} * 1000`,
    );
  }
  return Math.floor(ms / 1000);
}


/**
 * A key for the HS256 test helpers: a string (its UTF-8 bytes, as PyJWT uses a str key) or bytes.
 * @param {unknown} key
 * @param {string} fn
 * @returns {Uint8Array}
 */
export function keyBytes(key, fn) {
  let bytes;
  if (typeof key === 'string') {
    if (!isWellFormed(key)) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: key contains an unpaired surrogate`);
    bytes = encoder.encode(key);
  } else if (key instanceof Uint8Array && !isSharedBuffer(key.buffer)) {
    bytes = key;
  } else {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: key must be a string or a Uint8Array, got ${kind(key)}`);
  }
  if (bytes.length === 0) throw codedError(RangeError, 'ERR_SHARE_TOKEN_KEY_EMPTY', `${fn}: key is empty`);
  return bytes;
}
