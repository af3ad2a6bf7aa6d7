// @ts-check
// Exactly-once processing of verified Didit deliveries: a key per event, a store that reserves the
// key with a lease while the handler runs, then marks it completed (kept for a TTL) or releases
// it. Plain JS with no wasm and no Node APIs: it runs wherever the framework helpers run. The stores (memory, Redis, Durable Objects, Upstash REST) implement one
// small interface; see docs/idempotency.md for which key catches what.
//
// Didit's delivery rules this follows (docs.didit.me/reference/webhooks; the integration prompt):
// a delivery is retried when the endpoint answers 5xx or 404 or does not answer within 5 s, about
// 1 min and then about 4 min later; other 4xx answers are not retried. So a duplicate is
// acknowledged with 2xx, and an event still being processed elsewhere gets 503 (retried later).

import { codedError, kind } from './errors.mjs';
import { memoryStore } from './stores/memory.mjs';
import { redisStore, REDIS_SCRIPTS } from './stores/redis.mjs';
import { durableObjectStore, DiditIdempotencyObject } from './stores/durable-object.mjs';
import { upstashRestClient } from './stores/upstash.mjs';

export { memoryStore, redisStore, REDIS_SCRIPTS, durableObjectStore, DiditIdempotencyObject, upstashRestClient };

/** Didit retries a failed delivery after about one minute: a sensible default Retry-After. */
const DEFAULT_RETRY_AFTER_SECONDS = 60;
/** Longer than any handler that answers within Didit's 5 s, shorter than the first retry (~60 s). */
const DEFAULT_LEASE_SECONDS = 30;
/** Console replays come later than retries (minutes to days): keep completed keys a week. */
const DEFAULT_COMPLETED_TTL_SECONDS = 7 * 24 * 3600;

/** @param {unknown} v */
const text = (v) => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' && Number.isFinite(v) ? String(v) : undefined);

/**
 * The built-in key functions. Each takes the parsed delivery body and returns a string, or
 * `undefined` when the body lacks what the key needs (the delivery is then processed without
 * idempotency and an `no-key` event is reported).
 */
export const keys = /* @__PURE__ */ Object.freeze({
  /**
   * `event_id`. Didit calls it the idempotency key but also "unique per delivery attempt": it
   * catches the same attempt delivered twice (a proxy or load balancer duplicating a request, a
   * captured request replayed), and most likely NOT Didit's own retries, which are "logged as a new,
   * separate event" (docs.didit.me/reference/webhooks). Falls back to `signedTime` without one.
   * @param {any} body
   */
  eventId(body) {
    const id = text(body?.event_id);
    return id === undefined ? keys.signedTime(body) : `event:${id}`;
  },
  /**
   * The session transition `webhook_type + session_id + status`, for `*status.updated` events:
   * catches the original, Didit's retries and Console replays of one transition, whatever their
   * `event_id` and timestamp. It also merges a genuine repeat of the same transition (a session
   * back to `In Review` after `Resubmitted`): the right choice for "approve the account once".
   * Other events (`data.updated`, `*.created`: no transition) and bodies without a session id use
   * `eventId`.
   * @param {any} body
   */
  transition(body) {
    const type = text(body?.webhook_type);
    const id = text(body?.session_id) ?? text(body?.business_session_id);
    const status = text(body?.status);
    if (type !== undefined && type.endsWith('status.updated') && id !== undefined && status !== undefined) {
      return `transition:${type}:${id}:${status}`;
    }
    return keys.eventId(body);
  },
  /**
   * Didit's documented fallback, `session_id + webhook_type + timestamp` (the integration prompt).
   * `timestamp` is the signing time, most likely re-stamped on every attempt, so like `eventId`
   * it catches duplicates of one attempt, not retries.
   * @param {any} body
   */
  signedTime(body) {
    const id = text(body?.session_id) ?? text(body?.business_session_id);
    const type = text(body?.webhook_type);
    const ts = text(body?.timestamp);
    return id === undefined || type === undefined || ts === undefined ? undefined : `signed:${type}:${id}:${ts}`;
  },
});

/**
 * @typedef {'acquired' | 'completed' | 'processing'} ReserveResult
 * @typedef {object} IdempotencyStore
 * @property {(key: string, token: string, leaseMs: number) => Promise<ReserveResult>} reserve
 *   atomically: absent (or expired) → held by `token` for `leaseMs`, 'acquired'; completed →
 *   'completed'; held by a live lease → 'processing'
 * @property {(key: string, token: string, ttlMs: number) => Promise<boolean>} complete
 *   held by `token` → completed for `ttlMs`, true; otherwise (the lease expired and was lost) false
 * @property {(key: string, token: string) => Promise<boolean>} release
 *   held by `token` → removed, true; otherwise false
 */

/**
 * @typedef {object} IdempotencyEvent
 * @property {'acquired' | 'completed' | 'released' | 'duplicate' | 'in-flight' | 'lease-lost' | 'store-degraded' | 'no-key'} type
 * @property {string} [key]
 * @property {'reserve' | 'complete' | 'release'} [operation]  for store-degraded
 * @property {unknown} [error]  for store-degraded: what the store threw
 * @property {boolean} [failOpen]  for store-degraded on reserve: whether the event was processed anyway
 */

/** @param {unknown} store */
function checkStore(store) {
  const s = /** @type {any} */ (store);
  for (const m of ['reserve', 'complete', 'release']) {
    if (s === null || typeof s !== 'object' || typeof s[m] !== 'function') {
      throw codedError(
        TypeError,
        'ERR_INVALID_ARG_TYPE',
        `idempotency: store must have reserve, complete and release methods (memoryStore(), redisStore(client), durableObjectStore(namespace)), got ${kind(store)}${s && typeof s === 'object' ? ` without ${m}()` : ''}`,
      );
    }
  }
  return /** @type {IdempotencyStore} */ (s);
}

/** @param {unknown} v @param {string} name @param {number} fallback */
function seconds(v, name, fallback) {
  if (v === undefined) return fallback;
  if (typeof v !== 'number') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `idempotency: ${name} must be a number of seconds, got ${kind(v)}`);
  if (!(v > 0) || !Number.isFinite(v)) throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `idempotency: ${name} must be a positive number of seconds, got ${v}`);
  return v;
}

/** A lease token: 128 random bits (Web Crypto, present in Node 20+, workerd, Deno, Bun, browsers). */
function leaseToken() {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * @typedef {object} Claim  what `begin` decided for one delivery
 * @property {'process' | 'respond'} action  'process': run the handler, then `complete()` on
 *   success or `release()` on failure; 'respond': answer with status/headers/body, do not process
 * @property {'acquired' | 'duplicate' | 'in-flight' | 'store-unavailable' | 'degraded' | 'no-key'} outcome
 * @property {string | undefined} key
 * @property {boolean} degraded  true when processing goes ahead without a reservation (fail-open)
 * @property {number} [status]
 * @property {Record<string, string>} [headers]
 * @property {string} [body]
 * @property {() => Promise<void>} complete
 * @property {() => Promise<void>} release
 */

/**
 * Creates the idempotency guard the framework helpers use (pass it, or its options, as
 * `options.idempotency`). It never throws for a store failure: that becomes a 503 answer
 * (fail-closed, the default) or processing without a reservation (`failOpen: true`), reported
 * through `onEvent` either way.
 * @param {{ store: unknown, key?: unknown, leaseSeconds?: unknown, completedTtlSeconds?: unknown,
 *   failOpen?: unknown, inFlightStatus?: unknown, retryAfterSeconds?: unknown, onEvent?: unknown }} options
 */
export function idempotency(options) {
  if (options === null || typeof options !== 'object') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `idempotency: options must be an object such as { store: memoryStore() }, got ${kind(options)}`);
  }
  if (isGuard(options)) return options;
  const store = checkStore(options.store);
  const keyOpt = options.key ?? 'transition';
  /** @type {(body: any, verification?: unknown) => unknown} */
  let keyFn;
  if (typeof keyOpt === 'function') keyFn = /** @type {any} */ (keyOpt);
  else if (typeof keyOpt === 'string' && Object.hasOwn(keys, keyOpt)) keyFn = keys[/** @type {keyof typeof keys} */ (keyOpt)];
  else {
    throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `idempotency: key must be 'transition', 'eventId', 'signedTime' or a function (body, verification) => string, got ${typeof keyOpt === 'string' ? JSON.stringify(keyOpt) : kind(keyOpt)}`);
  }
  const leaseMs = seconds(options.leaseSeconds, 'leaseSeconds', DEFAULT_LEASE_SECONDS) * 1000;
  const ttlMs = seconds(options.completedTtlSeconds, 'completedTtlSeconds', DEFAULT_COMPLETED_TTL_SECONDS) * 1000;
  const retryAfter = String(Math.ceil(seconds(options.retryAfterSeconds, 'retryAfterSeconds', DEFAULT_RETRY_AFTER_SECONDS)));
  const failOpen = /** @type {boolean} */ (options.failOpen ?? false);
  if (typeof failOpen !== 'boolean') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `idempotency: failOpen must be a boolean, got ${kind(failOpen)}`);
  const inFlightStatus = /** @type {number} */ (options.inFlightStatus ?? 503);
  if (inFlightStatus !== 503 && inFlightStatus !== 409) {
    // 409 is allowed for those who want it, but Didit does not retry a 4xx other than 404.
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `idempotency: inFlightStatus must be 503 (Didit retries it) or 409 (Didit drops the delivery), got ${String(inFlightStatus)}`);
  }
  const onEvent = /** @type {((e: IdempotencyEvent) => void) | undefined} */ (options.onEvent);
  if (onEvent !== undefined && typeof onEvent !== 'function') throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `idempotency: onEvent must be a function, got ${kind(onEvent)}`);

  /** @param {IdempotencyEvent} e */
  function report(e) {
    if (!onEvent) return;
    try {
      onEvent(e);
    } catch {
      // An observer must not change the answer Didit gets.
    }
  }

  const noop = async () => {};
  /** @param {Claim['outcome']} outcome @param {string | undefined} key @param {boolean} degraded */
  const proceed = (outcome, key, degraded) => ({ action: /** @type {const} */ ('process'), outcome, key, degraded, complete: noop, release: noop });
  /** @param {Claim['outcome']} outcome @param {string} key @param {number} status @param {object} body @param {boolean} [retry] */
  const respond = (outcome, key, status, body, retry) => ({
    action: /** @type {const} */ ('respond'),
    outcome,
    key,
    degraded: false,
    status,
    headers: retry ? { ...JSON_HEADERS, 'retry-after': retryAfter } : { ...JSON_HEADERS },
    body: JSON.stringify(body),
    complete: noop,
    release: noop,
  });

  /**
   * Reserves the delivery's key. `input` is a verification (anything with `payload`) or the parsed body.
   * @param {unknown} input
   * @returns {Promise<Claim>}
   */
  async function begin(input) {
    const v = /** @type {any} */ (input);
    const body = v !== null && typeof v === 'object' && 'payload' in v ? v.payload : v;
    const raw = keyFn(body, input);
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `idempotency: the key function must return a string or undefined, got ${kind(raw)}`);
    }
    if (!raw) {
      report({ type: 'no-key' });
      return proceed('no-key', undefined, false);
    }
    const key = raw;
    const token = leaseToken();
    /** @type {ReserveResult} */
    let state;
    try {
      state = await store.reserve(key, token, leaseMs);
    } catch (error) {
      report({ type: 'store-degraded', key, operation: 'reserve', error, failOpen });
      if (failOpen) return proceed('degraded', key, true);
      return respond('store-unavailable', key, 503, { code: 'ERR_IDEMPOTENCY_STORE_UNAVAILABLE' }, true);
    }
    if (state === 'completed') {
      report({ type: 'duplicate', key });
      return respond('duplicate', key, 200, { duplicate: true });
    }
    if (state === 'processing') {
      report({ type: 'in-flight', key });
      return respond('in-flight', key, inFlightStatus, { code: 'ERR_WEBHOOK_IN_FLIGHT' }, inFlightStatus === 503);
    }
    if (state !== 'acquired') {
      report({ type: 'store-degraded', key, operation: 'reserve', error: new Error(`store answered ${String(state)}`), failOpen });
      if (failOpen) return proceed('degraded', key, true);
      return respond('store-unavailable', key, 503, { code: 'ERR_IDEMPOTENCY_STORE_UNAVAILABLE' }, true);
    }
    report({ type: 'acquired', key });
    let settled = false;
    return {
      action: 'process',
      outcome: 'acquired',
      key,
      degraded: false,
      async complete() {
        if (settled) return;
        settled = true;
        try {
          if (await store.complete(key, token, ttlMs)) report({ type: 'completed', key });
          else report({ type: 'lease-lost', key });
        } catch (error) {
          // Processed, but not recorded: a retry within the lease runs into 'in-flight', a
          // later one is processed again. Reported; the answer stays 2xx (the work is done).
          report({ type: 'store-degraded', key, operation: 'complete', error });
        }
      },
      async release() {
        if (settled) return;
        settled = true;
        try {
          if (await store.release(key, token)) report({ type: 'released', key });
          else report({ type: 'lease-lost', key });
        } catch (error) {
          // The lease expires by itself after leaseSeconds.
          report({ type: 'store-degraded', key, operation: 'release', error });
        }
      },
    };
  }

  /**
   * Runs `fn` once per key: returns `{ outcome, result }` when it ran (completing the key, or
   * releasing it and rethrowing when `fn` throws), else `{ outcome, status, headers, body }` to answer.
   * @template T
   * @param {unknown} input  a verification or the parsed body
   * @param {() => T | Promise<T>} fn
   */
  async function run(input, fn) {
    const claim = await begin(input);
    if (claim.action === 'respond') {
      return { ran: false, outcome: claim.outcome, key: claim.key, status: claim.status, headers: claim.headers, body: claim.body };
    }
    let result;
    try {
      result = await fn();
    } catch (error) {
      await claim.release();
      throw error;
    }
    await claim.complete();
    return { ran: true, outcome: claim.outcome, key: claim.key, degraded: claim.degraded, result };
  }

  return Object.freeze({ [GUARD]: true, begin, run });
}

const GUARD = /* @__PURE__ */ Symbol.for('didit-kit.idempotency');

/** @param {unknown} v */
function isGuard(v) {
  return v !== null && typeof v === 'object' && /** @type {any} */ (v)[GUARD] === true;
}
