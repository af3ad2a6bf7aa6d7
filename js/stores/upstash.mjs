// @ts-check
// A minimal client for Upstash's Redis REST API (a JSON array of command arguments POSTed to the
// database URL with a bearer token; https://upstash.com/docs/redis/features/restapi), for edge
// runtimes without TCP sockets. Enough for redisStore: `eval(script, keys, args)`, the same
// signature as `@upstash/redis`, which works too.

import { codedError } from '../errors.mjs';

/**
 * @param {{ url: string, token: string, fetch?: typeof fetch }} options
 *   url: the database's REST URL (UPSTASH_REDIS_REST_URL); token: its REST token
 */
export function upstashRestClient(options) {
  const { url, token } = options ?? {};
  if (typeof url !== 'string' || typeof token !== 'string' || url === '' || token === '') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'upstashRestClient: url and token must be non-empty strings (UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN)');
  }
  const doFetch = options.fetch ?? globalThis.fetch;
  /** @param {string[]} command */
  async function send(command) {
    const r = await doFetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(command),
    });
    /** @type {any} */
    let reply;
    try {
      reply = await r.json();
    } catch {
      reply = undefined;
    }
    if (!r.ok || reply === undefined || reply === null || 'error' in reply) {
      // The token never appears in the message.
      throw new Error(`upstashRestClient: HTTP ${r.status}${reply && typeof reply.error === 'string' ? `: ${reply.error}` : ''}`);
    }
    return reply.result;
  }
  return {
    send,
    /** @param {string} script @param {string[]} keys @param {string[]} args */
    eval(script, keys, args) {
      return send(['EVAL', script, String(keys.length), ...keys, ...args]);
    },
  };
}
