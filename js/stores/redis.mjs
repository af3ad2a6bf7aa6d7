// @ts-check
// The Redis store: one Lua script per operation, so each check-and-set is atomic on the server
// (and on a Redis Cluster, since each script touches one key). Lease and completed TTLs are
// Redis expiries (PX), measured by the Redis server's clock. The client is the caller's: an
// `ioredis` instance, a connected `redis` (node-redis v4/v5) client, an `@upstash/redis` client,
// or `upstashRestClient(...)`; no client library is imported here.

import { codedError, kind } from '../errors.mjs';

/** The scripts, exported for review and for tests. A value is "p:<token>" or "c". */
export const REDIS_SCRIPTS = /* @__PURE__ */ Object.freeze({
  reserve: `local v = redis.call('GET', KEYS[1])
if not v then
  redis.call('SET', KEYS[1], 'p:' .. ARGV[1], 'PX', ARGV[2])
  return 'acquired'
end
if v == 'c' then return 'completed' end
return 'processing'`,
  complete: `if redis.call('GET', KEYS[1]) == 'p:' .. ARGV[1] then
  redis.call('SET', KEYS[1], 'c', 'PX', ARGV[2])
  return 1
end
return 0`,
  release: `if redis.call('GET', KEYS[1]) == 'p:' .. ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`,
});

/**
 * One `EVAL` call for each client library.
 * @param {any} client
 * @returns {(script: string, key: string, args: string[]) => Promise<unknown>}
 */
function evaluator(client) {
  if (client === null || typeof client !== 'object') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `redisStore: client must be an ioredis, node-redis or @upstash/redis client, got ${kind(client)}`);
  }
  // ioredis: `call(command, ...args)` (node-redis has no `call`).
  if (typeof client.call === 'function' && typeof client.sendCommand === 'function' && !('isOpen' in client)) {
    return (script, key, args) => client.call('EVAL', script, '1', key, ...args);
  }
  // node-redis v4/v5: `sendCommand(["EVAL", ...])`; `isOpen` tells it apart from ioredis.
  if (typeof client.sendCommand === 'function' && 'isOpen' in client) {
    return (script, key, args) => client.sendCommand(['EVAL', script, '1', key, ...args]);
  }
  // @upstash/redis and upstashRestClient: `eval(script, keys, args)`.
  if (typeof client.eval === 'function') {
    return (script, key, args) => client.eval(script, [key], args);
  }
  throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'redisStore: client must be an ioredis, node-redis or @upstash/redis client (no call, sendCommand or eval method found)');
}

/**
 * @param {unknown} client  see above; connected by the caller
 * @param {{ prefix?: string }} [options]  prefix of every key (default "didit:idempotency:")
 */
export function redisStore(client, options = {}) {
  const evalScript = evaluator(client);
  const prefix = options.prefix ?? 'didit:idempotency:';
  /** @param {number} ms */
  const px = (ms) => String(Math.max(1, Math.ceil(ms)));
  return {
    /** @param {string} key @param {string} token @param {number} leaseMs */
    async reserve(key, token, leaseMs) {
      const r = String(await evalScript(REDIS_SCRIPTS.reserve, prefix + key, [token, px(leaseMs)]));
      if (r !== 'acquired' && r !== 'completed' && r !== 'processing') throw new Error(`redisStore: unexpected reply ${JSON.stringify(r)}`);
      return r;
    },
    /** @param {string} key @param {string} token @param {number} ttlMs */
    async complete(key, token, ttlMs) {
      return Number(await evalScript(REDIS_SCRIPTS.complete, prefix + key, [token, px(ttlMs)])) === 1;
    },
    /** @param {string} key @param {string} token */
    async release(key, token) {
      return Number(await evalScript(REDIS_SCRIPTS.release, prefix + key, [token])) === 1;
    },
  };
}
