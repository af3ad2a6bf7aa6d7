// @ts-check
// Framework helpers, shared by every runtime loader: `verifyRequest` for the Fetch API (Workers,
// Deno, Bun, Node 18+, Next.js, Hono, browsers), `verifyNodeRequest` / `webhookMiddleware` /
// `keepRawBody` for Node's `http`, Express, NestJS and Google Cloud Functions, `koaWebhook`,
// `fastifyWebhook`, `verifyLambdaEvent` / `lambdaWebhook` (API Gateway v1/v2, Function URLs), and
// `webhookRejectionStatus`. docs/frameworks.md shows each one in use. Plain JS with no Node or
// framework imports: a Node request is used only through what every `IncomingMessage` has
// (headers, async iteration over its chunks), a framework only through the objects it passes.
// The core stays synchronous; only reading a body is asynchronous.
import { codedError, kind } from './errors.mjs';
import { DEFAULT_MAX_BODY_BYTES, FRAMEWORK_GUIDE, encoder, tooLargeMessage } from './args.mjs';

/** @param {unknown} options */
function maxBodyBytes(options) {
  const v = options && typeof options === 'object' ? /** @type {any} */ (options).maxBodyBytes : undefined;
  // Invalid values (0, fractions, ...) are reported by verifyWebhook itself, with its usual
  // RangeError: reading stops at the default limit meanwhile.
  return typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : DEFAULT_MAX_BODY_BYTES;
}

/** @param {number} size @param {number} limit */
function tooLarge(size, limit) {
  return codedError(Error, 'ERR_BODY_TOO_LARGE', tooLargeMessage(`at least ${size}`, limit));
}

/**
 * Rejects early on a declared Content-Length above the limit.
 * @param {unknown} value
 * @param {number} limit
 */
function checkContentLength(value, limit) {
  const n = typeof value === 'string' ? Number(value) : NaN;
  if (Number.isSafeInteger(n) && n > limit) throw tooLarge(n, limit);
}

/** @param {Uint8Array[]} chunks @param {number} total */
function concat(chunks, total) {
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

const GUIDE = `the guide for each framework: ${FRAMEWORK_GUIDE}`;

const MOUNT_HINT =
  "mount the webhook route with a raw body before any JSON parser, e.g. app.post('/webhooks/didit', " +
  "express.raw({ type: 'application/json' }), webhookMiddleware(secret), handler) registered above " +
  'app.use(express.json()); or keep the global parser and let it save the raw bytes: ' +
  'app.use(express.json({ verify: keepRawBody })) with keepRawBody from didit-kit; ' +
  'NestJS: NestFactory.create(AppModule, { rawBody: true }) keeps req.rawBody; ' +
  `other frameworks: ${GUIDE}`;

const KOA_HINT =
  'the body parser that ran keeps no raw text: use koa-bodyparser or @koa/bodyparser (both keep ' +
  'ctx.request.rawBody), koa-body with { includeUnparsed: true }, or mount koaWebhook before any ' +
  `body parser so it reads the stream itself (${GUIDE})`;

// Where koa-body ({ includeUnparsed: true }) keeps the raw text on the parsed body.
const UNPARSED_BODY = Symbol.for('unparsedBody');

const SETUP_CODES = [
  'ERR_WEBHOOK_BODY_NOT_RAW',
  'ERR_WEBHOOK_NO_SECRET',
  'ERR_WEBHOOK_SECRET_EMPTY',
  'ERR_INVALID_ARG_TYPE',
  'ERR_INVALID_ARG_VALUE',
  'ERR_NOT_INITIALIZED',
];

/**
 * Errors that describe the server's own set-up, not the delivery: raised to the framework
 * (`next(err)`, a thrown error) instead of answering 401.
 * @param {unknown} error
 */
function isSetupError(error) {
  const code = error !== null && typeof error === 'object' ? /** @type {any} */ (error).code : undefined;
  return typeof code !== 'string' || SETUP_CODES.includes(code);
}

/** The HTTP status for a rejected delivery. @param {unknown} error @returns {401 | 413 | 503} */
function rejectionStatus(error) {
  switch (/** @type {any} */ (error).code) {
    case 'ERR_BODY_TOO_LARGE':
      return 413;
    // The verifier itself failed (its instance is replaced for the next call): a 503 makes Didit
    // retry the delivery (it drops a 4xx other than 404), so a genuine event is not lost.
    case 'ERR_OUT_OF_MEMORY':
    case 'ERR_WASM_TRAP':
      return 503;
    default:
      return 401;
  }
}

/** @param {string} fn @param {unknown} body @param {string} hint */
function notRaw(fn, body, hint) {
  return codedError(
    TypeError,
    'ERR_WEBHOOK_BODY_NOT_RAW',
    `${fn}: the request body was already parsed${body !== undefined && body !== null ? ` into ${kind(body)}` : ''}, and ` +
      `re-serialising parsed JSON does not reproduce the bytes Didit signed: ${hint}`,
  );
}

/**
 * Decodes standard base64 (what API Gateway and Function URLs use for `isBase64Encoded`).
 * @param {string} text
 * @param {string} fn
 */
function fromBase64(text, fn) {
  const U8 = /** @type {any} */ (Uint8Array);
  try {
    if (typeof U8.fromBase64 === 'function') return /** @type {Uint8Array} */ (U8.fromBase64(text));
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `${fn}: event.isBase64Encoded is true but event.body is not base64`);
  }
}

/**
 * A Lambda event's headers as one object with lower-case names. API Gateway REST (v1) events
 * carry every value in `multiValueHeaders` (the single-valued `headers` keeps only the last);
 * HTTP API (v2) and Function URL events join repeated values with commas already. Repeated
 * values are joined with ", " as Node does, so the verifier sees them as Node would.
 * @param {any} event
 * @returns {Record<string, string>}
 */
function lambdaHeaders(event) {
  /** @type {Record<string, string>} */
  const out = Object.create(null);
  /** @param {string} name @param {string} value */
  const add = (name, value) => {
    const key = name.toLowerCase();
    out[key] = key in out ? `${out[key]}, ${value}` : value; // two spellings of one name: both kept
  };
  const multi = event.multiValueHeaders;
  if (multi !== null && typeof multi === 'object') {
    for (const [name, values] of Object.entries(multi)) {
      if (Array.isArray(values) && values.length > 0) add(name, values.map(String).join(', '));
    }
  }
  const single = event.headers;
  if (single !== null && typeof single === 'object') {
    const fromMulti = new Set(Object.keys(out));
    for (const [name, value] of Object.entries(single)) {
      if (!fromMulti.has(name.toLowerCase()) && typeof value === 'string') add(name, value);
    }
  }
  return out;
}

/**
 * What the helpers below are made from: the runtime's synchronous verifier and, for
 * `options.idempotency`, the guard factory from idempotency.mjs (passed in by the loaders so that
 * this file imports neither). Each helper has its own factory (`verifyRequestWith(deps)`...), so a
 * bundle that imports one helper from an ESM entry keeps only that one (the entries call the
 * factories as `/* @__PURE__ *\/`).
 * @typedef {object} HttpContext
 * @property {(body: unknown, headers: unknown, secret: unknown, options?: unknown) => any} verifyWebhook
 * @property {(body: Uint8Array, headers: unknown, secret: unknown, options?: unknown) => Promise<any>} [verifyWebhookNative]
 *   verifyWebhook with the platform's Web Crypto HMAC, for a body the helper read itself (js/webhook.mjs)
 * @property {(options: any) => any} [idempotency]
 */

/** The guard for `options.idempotency` (a guard or its options), created once per helper. */
function guardFrom(/** @type {HttpContext} */ deps, /** @type {unknown} */ options) {
  const o = options && typeof options === 'object' ? /** @type {any} */ (options).idempotency : undefined;
  if (o === undefined) return undefined;
  if (!deps.idempotency) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', 'options.idempotency is not available in this build');
  return deps.idempotency(o);
}


export function verifyRequestWith(/** @type {HttpContext} */ deps) {
  /**
   * Verifies a Fetch API `Request`: reads its raw body (bounded by `maxBodyBytes`), then
   * verifies synchronously. The request body is consumed; pass `request.clone()` to read it again.
   * @param {unknown} request
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  return async function verifyRequest(request, secret, options) {
    const fn = 'verifyRequest';
    const r = /** @type {any} */ (request);
    if (r === null || typeof r !== 'object' || typeof r.arrayBuffer !== 'function' || typeof r.headers?.get !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: request must be a Fetch API Request, got ${kind(request)}`);
    }
    if (r.bodyUsed) {
      throw codedError(
        TypeError,
        'ERR_WEBHOOK_BODY_USED',
        `${fn}: the request body was already read; call verifyRequest before reading it (or pass request.clone())`,
      );
    }
    const limit = maxBodyBytes(options);
    const declared = r.headers.get('content-length');
    checkContentLength(declared, limit);
    /** @type {Uint8Array} */
    let body;
    const stream = r.body;
    if ((declared === null || !/^\d+$/.test(declared)) && stream && typeof stream.getReader === 'function') {
      // Unknown length (chunked): read chunk by chunk, and stop at the limit.
      const reader = stream.getReader();
      /** @type {Uint8Array[]} */
      const chunks = [];
      let total = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > limit) {
          await reader.cancel().catch(() => {});
          throw tooLarge(total, limit);
        }
        chunks.push(value);
      }
      body = concat(chunks, total);
    } else {
      // The length is known (and within the limit), or the body has no stream to read in chunks:
      // one read, held to the limit after it. In workerd it costs a tenth of reading chunk by
      // chunk (15 against 100 µs for 35 KB; bench/runtimes.mjs).
      body = new Uint8Array(await r.arrayBuffer());
      if (body.byteLength > limit) throw tooLarge(body.byteLength, limit);
    }
    return (deps.verifyWebhookNative ?? deps.verifyWebhook)(body, r.headers, secret, options);
  };
}

/**
 * The raw body of a Node request: `req.body` when a raw/text parser ran, `req.rawBody` when a
 * parser kept it (`keepRawBody`, Google Cloud Functions), otherwise the unread stream itself.
 * @param {any} req
 * @param {number} limit
 * @param {string} fn
 * @param {string} [hint] how to keep the raw body, for the framework at hand
 * @returns {Promise<string | Uint8Array>}
 */
async function nodeRawBody(req, limit, fn, hint = MOUNT_HINT) {
  if (req === null || typeof req !== 'object' || req.headers === null || typeof req.headers !== 'object') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: req must be a Node http.IncomingMessage or an Express request, got ${kind(req)}`);
  }
  const { body, rawBody } = req;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) return rawBody;
  const consumed = body !== undefined || req._body === true || req.readableEnded === true;
  if (consumed || typeof req[Symbol.asyncIterator] !== 'function') throw notRaw(fn, body, hint);
  checkContentLength(req.headers['content-length'], limit);
  /** @type {Uint8Array[]} */
  const chunks = [];
  let total = 0;
  for await (const chunk of req) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    total += bytes.byteLength;
    if (total > limit) {
      if (typeof req.destroy === 'function') req.destroy();
      throw tooLarge(total, limit);
    }
    chunks.push(bytes);
  }
  return concat(chunks, total);
}

export function verifyNodeRequestWith(/** @type {HttpContext} */ deps) {
  /**
   * Verifies a Node `http.IncomingMessage` or an Express request, finding the raw bytes
   * wherever they are (see `nodeRawBody`); throws ERR_WEBHOOK_BODY_NOT_RAW, saying how to mount
   * the route, when a JSON parser already consumed them.
   * @param {unknown} req
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  return async function verifyNodeRequest(req, secret, options) {
    const body = await nodeRawBody(req, maxBodyBytes(options), 'verifyNodeRequest');
    return deps.verifyWebhook(body, /** @type {any} */ (req).headers, secret, options);
  };
}

export function webhookMiddlewareWith(/** @type {HttpContext} */ deps) {
  const verifyNodeRequest = verifyNodeRequestWith(deps);
  /**
   * Express/Connect middleware: on success sets `req.diditWebhook` and calls `next()`; a
   * rejected delivery gets `401 {"code": ...}` (413 when too large); a set-up error goes to
   * `next(err)`.
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  return function webhookMiddleware(secret, options) {
    const guard = guardFrom(deps, options);
    /** @param {any} req @param {any} res @param {(error?: unknown) => void} next */
    return function diditWebhookMiddleware(req, res, next) {
      verifyNodeRequest(req, secret, options).then(
        async (verification) => {
          req.diditWebhook = verification;
          if (!guard) return next();
          // Exactly once per key: a duplicate or an event in flight is answered here; otherwise
          // the key is completed when the handler answers 2xx, released on any other answer.
          const claim = await guard.begin(verification);
          if (claim.action === 'respond') {
            res.statusCode = claim.status;
            for (const [k, v] of Object.entries(claim.headers)) res.setHeader(k, v);
            res.end(claim.body);
            return;
          }
          req.diditIdempotency = { key: claim.key, outcome: claim.outcome, degraded: claim.degraded };
          // Settled when the handler answers (res.end), not when the socket finishes: after Didit
          // gave up waiting (5 s) and closed the connection, finished work is still recorded, so
          // its retry is acknowledged. No answer at all (a crash): the lease expires.
          const end = res.end;
          res.end = function (/** @type {any[]} */ ...args) {
            res.end = end;
            const r = end.apply(this, args);
            if (res.statusCode >= 200 && res.statusCode < 300) claim.complete();
            else claim.release();
            return r;
          };
          next();
        },
        (error) => {
          if (isSetupError(error)) {
            next(error);
            return;
          }
          res.statusCode = rejectionStatus(error);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ code: error.code }));
        },
      ).catch(next); // a key function that throws
    };
  };
}

export function webhookHandlerWith(/** @type {HttpContext} */ deps) {
  const verifyRequest = verifyRequestWith(deps);
  /**
   * A Fetch API handler (Next.js route handlers, Workers, Deno, Bun, Hono): verifies the request,
   * then calls `handler(verification, request, ...rest)`, which returns a Response (undefined: 204).
   * A rejected delivery gets `401 {"code": ...}` (413 when too large); a set-up error is thrown.
   * With `options.idempotency`, the handler runs once per key (see webhookMiddleware).
   * @param {unknown} secret
   * @param {(verification: any, request: any, ...rest: any[]) => unknown} handler
   * @param {unknown} [options]
   */
  return function webhookHandler(secret, handler, options) {
    if (typeof handler !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `webhookHandler: handler must be a function (verification, request) => Response, got ${kind(handler)}`);
    }
    const guard = guardFrom(deps, options);
    /** @param {string} body @param {number} status @param {Record<string, string>} [headers] */
    const answer = (body, status, headers = { 'content-type': 'application/json' }) => new Response(body, { status, headers });
    /** @param {any} request @param {any[]} rest */
    return async function diditWebhookHandler(request, ...rest) {
      let verification;
      try {
        verification = await verifyRequest(request, secret, options);
      } catch (error) {
        if (isSetupError(error) || /** @type {any} */ (error).code === 'ERR_WEBHOOK_BODY_USED') throw error;
        return answer(JSON.stringify({ code: /** @type {any} */ (error).code }), rejectionStatus(error));
      }
      const claim = guard ? await guard.begin(verification) : undefined;
      if (claim && claim.action === 'respond') return answer(claim.body, claim.status, claim.headers);
      /** @type {Response} */
      let response;
      try {
        response = /** @type {any} */ (await handler(verification, request, ...rest)) ?? new Response(null, { status: 204 });
        if (typeof response !== 'object' || typeof response.status !== 'number') {
          throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `webhookHandler: the handler must return a Response or nothing, got ${kind(response)}`);
        }
      } catch (error) {
        await claim?.release();
        throw error;
      }
      // Awaited before answering: a Worker's pending work is cancelled once the Response is returned.
      if (claim) await (response.status >= 200 && response.status < 300 ? claim.complete() : claim.release());
      return response;
    };
  };
}

/**
 * For `express.json({ verify: keepRawBody })`: keeps the exact bytes as `req.rawBody`, so a
 * global JSON parser and webhook verification can coexist.
 * @param {any} req
 * @param {unknown} _res
 * @param {Uint8Array} buf
 */
export function keepRawBody(req, _res, buf) {
  if (req === null || (typeof req !== 'object' && typeof req !== 'function')) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `keepRawBody: req must be a request object, got ${kind(req)}`);
  }
  if (!(buf instanceof Uint8Array)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `keepRawBody: buf must be the raw body as a Buffer, got ${kind(buf)}`);
  }
  req.rawBody = buf;
}

export function koaWebhookWith(/** @type {HttpContext} */ deps) {
  /**
   * Koa middleware: on success sets `ctx.state.diditWebhook` and awaits `next()`; a rejected
   * delivery gets `401 {"code": ...}` (413 when too large); a set-up error is thrown (Koa answers
   * 500 and emits `error`). The raw body is `ctx.request.rawBody` when koa-bodyparser or
   * @koa/bodyparser ran (both keep the exact text), `ctx.request.body` when a raw/text parser
   * left a Buffer or string, koa-body's `includeUnparsed` text, else the unread request stream.
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  return function koaWebhook(secret, options) {
    const fn = 'koaWebhook';
    const guard = guardFrom(deps, options);
    /** @param {any} ctx @param {() => Promise<unknown>} next */
    return async function diditKoaWebhook(ctx, next) {
      if (ctx === null || typeof ctx !== 'object' || ctx.request === null || typeof ctx.request !== 'object' || ctx.req === null || typeof ctx.req !== 'object') {
        throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: expected a Koa context (ctx), got ${kind(ctx)}`);
      }
      let verification;
      try {
        const { rawBody, body } = ctx.request;
        /** @type {string | Uint8Array} */
        let raw;
        if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) raw = rawBody;
        else if (typeof body === 'string' || body instanceof Uint8Array) raw = body;
        else if (body !== null && typeof body === 'object' && typeof body[UNPARSED_BODY] === 'string') raw = body[UNPARSED_BODY];
        else if (body !== undefined && body !== null) throw notRaw(fn, body, KOA_HINT);
        else raw = await nodeRawBody(ctx.req, maxBodyBytes(options), fn, KOA_HINT);
        verification = deps.verifyWebhook(raw, ctx.request.headers, secret, options);
      } catch (error) {
        if (isSetupError(error)) throw error;
        ctx.status = rejectionStatus(error);
        ctx.body = { code: /** @type {any} */ (error).code };
        return;
      }
      ctx.state.diditWebhook = verification;
      const claim = guard ? await guard.begin(verification) : undefined;
      if (claim && claim.action === 'respond') {
        ctx.status = claim.status;
        if (typeof ctx.set === 'function') ctx.set(claim.headers);
        ctx.body = claim.body;
        return;
      }
      try {
        await next();
      } catch (error) {
        await claim?.release();
        throw error;
      }
      if (claim) await (ctx.status >= 200 && ctx.status < 300 ? claim.complete() : claim.release());
    };
  };
}

export function fastifyWebhookWith(/** @type {HttpContext} */ deps) {
  /**
   * A Fastify plugin holding one POST route whose body reaches the verifier as the exact bytes:
   * in the plugin's own (encapsulated) scope every content type is read as a Buffer, bounded
   * by `maxBodyBytes` (Fastify answers 413 above it), so the app's JSON parser stays as it is
   * elsewhere. On success `request.diditWebhook` holds the verification and `route.handler`
   * runs; a rejected delivery gets `401 {"code": ...}`; a set-up error is thrown (500).
   * @param {unknown} secret
   * @param {unknown} route Fastify route options without `method`: `url`, `handler`, and any
   *   other (`schema`, `config`, `preHandler`...)
   * @param {unknown} [options]
   */
  return function fastifyWebhook(secret, route, options) {
    const fn = 'fastifyWebhook';
    const r = /** @type {any} */ (route);
    if (r === null || typeof r !== 'object' || typeof r.url !== 'string' || typeof r.handler !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: route must be Fastify route options with url and handler, e.g. { url: '/webhooks/didit', handler }, got ${kind(route)}`);
    }
    const bodyLimit = maxBodyBytes(options);
    /** @param {any} request @param {any} reply */
    async function verifyDelivery(request, reply) {
      try {
        // No body at all (no Content-Type, or an empty POST): verified as empty, so rejected.
        const body = request.body === undefined || request.body === null ? new Uint8Array(0) : request.body;
        if (!(typeof body === 'string' || body instanceof Uint8Array)) {
          throw notRaw(fn, body, `another parser ran on this route: register it only through fastifyWebhook, not inside a plugin that adds a JSON parser (${GUIDE})`);
        }
        request.diditWebhook = deps.verifyWebhook(body, request.headers, secret, options);
      } catch (error) {
        if (isSetupError(error)) throw error;
        reply.code(rejectionStatus(error)).send({ code: /** @type {any} */ (error).code });
        return reply;
      }
      if (!guard) return;
      const claim = await guard.begin(request.diditWebhook);
      if (claim.action === 'respond') {
        reply.code(claim.status).headers(claim.headers).send(claim.body);
        return reply;
      }
      claims.set(request, claim);
    }
    // With options.idempotency: the key settles on the status the route answered.
    const guard = guardFrom(deps, options);
    /** @type {WeakMap<object, any>} */
    const claims = new WeakMap();
    /** @param {any} request @param {any} reply */
    async function settle(request, reply) {
      const claim = claims.get(request);
      if (!claim) return;
      claims.delete(request);
      await (reply.statusCode >= 200 && reply.statusCode < 300 ? claim.complete() : claim.release());
    }
    const onResponse = r.onResponse === undefined ? [] : Array.isArray(r.onResponse) ? r.onResponse : [r.onResponse];
    const preHandler = r.preHandler === undefined ? [] : Array.isArray(r.preHandler) ? r.preHandler : [r.preHandler];
    /** @param {any} scope */
    async function diditFastifyWebhook(scope) {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (/** @type {unknown} */ _req, /** @type {unknown} */ body, /** @type {Function} */ done) => done(null, body));
      scope.decorateRequest('diditWebhook', null);
      scope.route({ ...r, method: 'POST', bodyLimit, preHandler: [verifyDelivery, ...preHandler], ...(guard ? { onResponse: [settle, ...onResponse] } : {}) });
    }
    return diditFastifyWebhook;
  };
}

export function verifyLambdaEventWith(/** @type {HttpContext} */ deps) {
  /**
   * Verifies an AWS Lambda event from API Gateway (REST API, payload v1; HTTP API, payload v2)
   * or a Lambda Function URL, synchronously: decodes `body` when `isBase64Encoded`, and reads
   * headers from `multiValueHeaders` (v1, every value) or `headers`.
   * @param {unknown} event
   * @param {unknown} secret
   * @param {unknown} [options]
   */
  return function verifyLambdaEvent(event, secret, options) {
    const fn = 'verifyLambdaEvent';
    const e = /** @type {any} */ (event);
    // An event without `body` is a POST without one (HTTP APIs leave the member out): rejected
    // below as an empty body, not a set-up error.
    if (e === null || typeof e !== 'object' || (e.headers == null && e.multiValueHeaders == null && e.requestContext == null)) {
      const hint = typeof event === 'string' ? ' (pass the whole event, not event.body: the body may be base64 and the headers are on the event)' : '';
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: event must be an API Gateway (REST or HTTP API) or Lambda Function URL event with headers and a body, got ${kind(event)}${hint}`);
    }
    /** @type {string | Uint8Array} */
    let body;
    if (e.body === null || e.body === undefined) body = new Uint8Array(0);
    else if (typeof e.body !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `${fn}: event.body must be a string or null, got ${kind(e.body)}`);
    } else if (e.isBase64Encoded === true) body = fromBase64(e.body, fn);
    else body = e.body;
    return deps.verifyWebhook(body, lambdaHeaders(e), secret, options);
  };
}

export function lambdaWebhookWith(/** @type {HttpContext} */ deps) {
  const verifyLambdaEvent = verifyLambdaEventWith(deps);
  /**
   * Wraps a Lambda handler: `handler(verification, event, context)` runs for a verified delivery
   * and its return value is the response (`{ statusCode: 200 }` when it returns undefined); a
   * rejected delivery gets `{ statusCode: 401 (413 when too large), body: '{"code":...}' }`;
   * a set-up error is thrown (the invocation fails and is logged).
   * @param {unknown} secret
   * @param {(verification: any, event: any, context: any) => unknown} handler
   * @param {unknown} [options]
   */
  return function lambdaWebhook(secret, handler, options) {
    if (typeof handler !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `lambdaWebhook: handler must be a function (verification, event, context) => response, got ${kind(handler)}`);
    }
    const guard = guardFrom(deps, options);
    /** @param {unknown} event @param {unknown} context */
    return async function diditLambdaWebhook(event, context) {
      let verification;
      try {
        verification = verifyLambdaEvent(event, secret, options);
      } catch (error) {
        if (isSetupError(error)) throw error;
        return {
          statusCode: rejectionStatus(error),
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: /** @type {any} */ (error).code }),
        };
      }
      const claim = guard ? await guard.begin(verification) : undefined;
      if (claim && claim.action === 'respond') return { statusCode: claim.status, headers: claim.headers, body: claim.body };
      let response;
      try {
        response = await handler(verification, event, context);
      } catch (error) {
        await claim?.release();
        throw error;
      }
      const result = response === undefined ? { statusCode: 200 } : /** @type {any} */ (response);
      if (claim) {
        // A plain string or object without statusCode is answered 200 by API Gateway.
        const status = result !== null && typeof result === 'object' && typeof result.statusCode === 'number' ? result.statusCode : 200;
        await (status >= 200 && status < 300 ? claim.complete() : claim.release());
      }
      return result;
    };
  };
}

/**
 * Every helper at once, for the CommonJS entries (which export them all).
 * @param {HttpContext['verifyWebhook']} verifyWebhook
 * @param {HttpContext['idempotency']} [idempotency]
 */
export function httpHelpers(verifyWebhook, idempotency) {
  const deps = { verifyWebhook, idempotency };
  return {
    verifyRequest: verifyRequestWith(deps),
    verifyNodeRequest: verifyNodeRequestWith(deps),
    webhookMiddleware: webhookMiddlewareWith(deps),
    webhookHandler: webhookHandlerWith(deps),
    koaWebhook: koaWebhookWith(deps),
    fastifyWebhook: fastifyWebhookWith(deps),
    verifyLambdaEvent: verifyLambdaEventWith(deps),
    lambdaWebhook: lambdaWebhookWith(deps),
    keepRawBody,
    webhookRejectionStatus,
  };
}

/**
 * The HTTP status to answer for an error from a didit-kit verifier: 401 for a rejected delivery
 * (bad signature, stale, malformed...), 413 for one too large, 503 when the verifier ran out of
 * memory or trapped (Didit retries a 5xx; the next call gets a fresh instance), `undefined` for anything else
 * (a set-up error such as a body already parsed or a missing secret, or not a didit-kit error),
 * which belongs to the server's own error handling.
 * @param {unknown} error
 * @returns {401 | 413 | 503 | undefined}
 */
export function webhookRejectionStatus(error) {
  return isSetupError(error) ? undefined : rejectionStatus(error);
}
