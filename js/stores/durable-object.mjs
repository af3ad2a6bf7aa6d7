// @ts-check
// Cloudflare Workers: KV is eventually consistent (a second write can land seconds later, on
// another colo), so it cannot hold a lease; a Durable Object is one single-threaded instance per
// name with transactional storage. One object per key (`idFromName`): no hot spot, and each
// object's record expires by its own alarm.
//
// In the Worker:  export { DiditIdempotencyObject } from 'didit-kit/verify';
// In wrangler:    [[durable_objects.bindings]] name = "IDEMPOTENCY", class_name = "DiditIdempotencyObject"
//                 [[migrations]] tag = "v1", new_sqlite_classes = ["DiditIdempotencyObject"]
// Then:           idempotency: { store: durableObjectStore(env.IDEMPOTENCY) }

import { codedError } from '../errors.mjs';

/** The Durable Object class: bind it and export it from the Worker's main module. */
export class DiditIdempotencyObject {
  /** @param {any} state DurableObjectState @param {unknown} _env */
  constructor(state, _env) {
    this.state = state;
    this.storage = state.storage;
  }

  /** One operation per request: POST {op, token, ms}; answers {result}. */
  async fetch(/** @type {Request} */ request) {
    /** @type {any} */
    let msg;
    try {
      msg = await request.json();
    } catch {
      return Response.json({ error: 'bad request' }, { status: 400 });
    }
    const { op, token, ms } = msg ?? {};
    if (typeof token !== 'string' || (op !== 'release' && !(typeof ms === 'number' && ms > 0))) {
      return Response.json({ error: 'bad request' }, { status: 400 });
    }
    // blockConcurrencyWhile: no other request for this key runs between the read and the write.
    const result = await this.state.blockConcurrencyWhile(async () => {
      const now = Date.now();
      /** @type {{ token: string | null, expiresAt: number } | undefined} */
      let rec = await this.storage.get('r');
      if (rec && rec.expiresAt <= now) rec = undefined;
      if (op === 'reserve') {
        if (rec) return rec.token === null ? 'completed' : 'processing';
        await this.put({ token, expiresAt: now + ms });
        return 'acquired';
      }
      if (!rec || rec.token !== token) return false;
      if (op === 'complete') {
        await this.put({ token: null, expiresAt: now + ms });
        return true;
      }
      if (op === 'release') {
        await this.storage.delete('r');
        return true;
      }
      return null;
    });
    if (result === null) return Response.json({ error: 'unknown op' }, { status: 400 });
    return Response.json({ result });
  }

  /** @param {{ token: string | null, expiresAt: number }} rec */
  async put(rec) {
    await this.storage.put('r', rec);
    // The alarm only frees storage; expiry itself is checked on every read above.
    if (typeof this.storage.setAlarm === 'function') await this.storage.setAlarm(rec.expiresAt);
  }

  async alarm() {
    const rec = await this.storage.get('r');
    if (!rec || rec.expiresAt <= Date.now()) await this.storage.deleteAll();
    else await this.storage.setAlarm(rec.expiresAt);
  }
}

/**
 * The store that calls the object bound as `namespace` (env.IDEMPOTENCY).
 * @param {any} namespace  a DurableObjectNamespace bound to DiditIdempotencyObject
 * @param {{ prefix?: string }} [options]  prefix of every object name (default "didit:")
 */
export function durableObjectStore(namespace, options = {}) {
  if (namespace === null || typeof namespace !== 'object' || typeof namespace.idFromName !== 'function' || typeof namespace.get !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'durableObjectStore: namespace must be a Durable Object namespace binding (env.IDEMPOTENCY) bound to DiditIdempotencyObject');
  }
  const prefix = options.prefix ?? 'didit:';
  /** @param {string} key @param {object} msg */
  async function call(key, msg) {
    const stub = namespace.get(namespace.idFromName(prefix + key));
    const r = await stub.fetch('https://didit-idempotency.invalid/', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(msg),
    });
    /** @type {any} */
    const reply = await r.json().catch(() => undefined);
    if (!r.ok || !reply || !('result' in reply)) throw new Error(`durableObjectStore: the object answered HTTP ${r.status}${reply?.error ? ` (${reply.error})` : ''}`);
    return reply.result;
  }
  return {
    /** @param {string} key @param {string} token @param {number} leaseMs */
    reserve: (key, token, leaseMs) => call(key, { op: 'reserve', token, ms: leaseMs }),
    /** @param {string} key @param {string} token @param {number} ttlMs */
    complete: async (key, token, ttlMs) => (await call(key, { op: 'complete', token, ms: ttlMs })) === true,
    /** @param {string} key @param {string} token */
    release: async (key, token) => (await call(key, { op: 'release', token })) === true,
  };
}
