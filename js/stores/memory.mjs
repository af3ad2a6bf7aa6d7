// @ts-check
// The in-memory store: one process only (each process or Worker isolate has its own map), for
// tests and single-instance servers. Expired entries are dropped lazily and when the map is full.

import { codedError } from '../errors.mjs';

/**
 * @param {{ maxEntries?: number, now?: () => number }} [options]
 *   maxEntries: at most this many keys (default 100,000); a reservation beyond it first drops
 *   expired keys, then the oldest completed one, and otherwise throws (the guard then answers
 *   503, or processes without a reservation when failOpen) rather than forget a live lease.
 *   now: the clock in milliseconds (default Date.now), for tests.
 */
export function memoryStore(options = {}) {
  const maxEntries = options.maxEntries ?? 100_000;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw codedError(RangeError, 'ERR_INVALID_ARG_VALUE', `memoryStore: maxEntries must be a positive integer, got ${String(maxEntries)}`);
  }
  const now = options.now ?? Date.now;
  /** @type {Map<string, { token: string | null, expiresAt: number }>} token null = completed */
  const entries = new Map();

  /** @param {string} key */
  function live(key) {
    const e = entries.get(key);
    if (e && e.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  }

  function makeRoom() {
    if (entries.size < maxEntries) return;
    const t = now();
    for (const [k, e] of entries) if (e.expiresAt <= t) entries.delete(k);
    if (entries.size < maxEntries) return;
    for (const [k, e] of entries) {
      if (e.token === null) {
        entries.delete(k);
        return;
      }
    }
    throw codedError(Error, 'ERR_IDEMPOTENCY_STORE_FULL', `memoryStore: ${maxEntries} events are in flight; refusing to drop a live lease`);
  }

  return {
    /** @param {string} key @param {string} token @param {number} leaseMs */
    async reserve(key, token, leaseMs) {
      const e = live(key);
      if (e) return e.token === null ? 'completed' : 'processing';
      makeRoom();
      entries.set(key, { token, expiresAt: now() + leaseMs });
      return 'acquired';
    },
    /** @param {string} key @param {string} token @param {number} ttlMs */
    async complete(key, token, ttlMs) {
      const e = live(key);
      if (!e || e.token !== token) return false;
      entries.delete(key); // re-inserted last: Map order is then oldest-completed first
      entries.set(key, { token: null, expiresAt: now() + ttlMs });
      return true;
    },
    /** @param {string} key @param {string} token */
    async release(key, token) {
      const e = live(key);
      if (!e || e.token !== token) return false;
      entries.delete(key);
      return true;
    },
    /** Number of keys held (live or not yet purged). */
    get size() {
      return entries.size;
    },
  };
}
