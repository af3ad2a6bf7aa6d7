// @ts-check
// Idempotency and the delivery simulator, on the built package (pkg/) and real components:
// a real redis-server (Debian's package; started here on a loopback port with no persistence,
// stopped by PID) driven through ioredis, node-redis and an Upstash-style REST shim; Durable
// Objects in workerd; concurrent duplicate deliveries racing through real HTTP servers; stores
// that fail mid-way; lease expiry; the simulator's wire format checked by CPython; and the
// simulator driving the Express, Fetch and Workers examples (examples/idempotency/).
// Needs: pkg/ (scripts/build.sh), npm dev tools (esbuild, workerd, express), python3, redis-server
// (installed with apt-get when missing). The Redis clients are pinned in tests/idempotency/fixture
// and installed here into target/idempotency-fixture.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, processes, workerdConfig } from '../support/processes.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PKG = join(ROOT, 'pkg');
const FIXTURE = join(ROOT, 'tests', 'idempotency', 'fixture');
const RUN = join(ROOT, 'target', 'idempotency-fixture');
const EXAMPLES = join(ROOT, 'examples', 'idempotency');
const require = createRequire(import.meta.url);
/** @type {any} */
const kit = require(PKG);
const SECRET = 'idempotency_test_secret_xxxxxxxxxxxxxxxxxxxxxx';

const { start, stop, stopAll } = processes();
/** @type {any} */
let clients; // { Redis (ioredis), createClient (node-redis) }
let redisPort = 0;
/** @type {any[]} */
const openClients = [];

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/** A redis-server on a free loopback port, no RDB/AOF persistence. */
async function startRedis() {
  const port = await freePort();
  const p = start('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--loglevel', 'warning']);
  const end = Date.now() + 10_000;
  for (;;) {
    try {
      execFileSync('redis-cli', ['-p', String(port), 'ping'], { stdio: 'pipe' });
      return { port, child: p.child };
    } catch {
      if (Date.now() > end) throw new Error(`redis-server did not start: ${p.stderr()}`);
      await sleep(100);
    }
  }
}

/** ioredis that fails fast when the server is gone (no offline queue, no retries per command). */
async function ioredis(port = redisPort) {
  const c = new clients.Redis({ port, host: '127.0.0.1', enableOfflineQueue: false, maxRetriesPerRequest: 0 });
  c.on('error', () => {}); // reconnect noise while a server is stopped on purpose
  openClients.push(c);
  await new Promise((ok, fail) => { c.once('ready', ok); c.once('end', fail); });
  return c;
}

async function nodeRedis() {
  const c = clients.createClient({ url: `redis://127.0.0.1:${redisPort}` });
  c.on('error', () => {});
  await c.connect();
  openClients.push(c);
  return c;
}

before(async () => {
  if (!existsSync(PKG)) throw new Error('pkg/ is missing: run scripts/build.sh first');
  // The pinned Redis clients, installed once (again when the committed lockfile changes).
  const lock = readFileSync(join(FIXTURE, 'package-lock.json'), 'utf8');
  if (!existsSync(join(RUN, 'node_modules', 'ioredis')) || !existsSync(join(RUN, 'package-lock.json')) || readFileSync(join(RUN, 'package-lock.json'), 'utf8') !== lock) {
    rmSync(RUN, { recursive: true, force: true });
    mkdirSync(RUN, { recursive: true });
    copyFileSync(join(FIXTURE, 'package.json'), join(RUN, 'package.json'));
    copyFileSync(join(FIXTURE, 'package-lock.json'), join(RUN, 'package-lock.json'));
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: RUN, stdio: 'inherit' });
  }
  // The examples import didit-kit, express and the clients: link them next to the clients.
  for (const [name, target] of [['didit-kit', PKG], ['express', join(ROOT, 'node_modules', 'express')]]) {
    rmSync(join(RUN, 'node_modules', name), { force: true, recursive: true });
    symlinkSync(target, join(RUN, 'node_modules', name), 'dir');
  }
  mkdirSync(join(RUN, 'examples'), { recursive: true });
  for (const f of ['express.mjs', 'fetch.mjs', 'worker.mjs']) copyFileSync(join(EXAMPLES, f), join(RUN, 'examples', f));
  const req = createRequire(join(RUN, 'package.json'));
  clients = { Redis: req('ioredis').Redis, createClient: req('redis').createClient };
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'pipe' });
  } catch {
    execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server'], { stdio: 'inherit' });
  }
  redisPort = (await startRedis()).port;
});

after(async () => {
  for (const c of openClients) {
    try {
      if (typeof c.disconnect === 'function' && !('isOpen' in c)) c.disconnect();
      else if (c.isOpen) await c.quit();
    } catch {
      // already closed
    }
  }
  stopAll();
});

// ---- The store contract, run against every store ---------------------------------------------

let keyCounter = 0;
const freshKey = (/** @type {string} */ p) => `${p}-${process.pid}-${++keyCounter}`;

/**
 * reserve / complete / release, lease expiry, completed TTL, and 20 racing reservations.
 * @param {string} name @param {any} store
 */
async function storeContract(name, store) {
  const k1 = freshKey(name);
  assert.equal(await store.reserve(k1, 'A', 10_000), 'acquired', `${name}: first reserve`);
  assert.equal(await store.reserve(k1, 'B', 10_000), 'processing', `${name}: reserve while held`);
  assert.equal(await store.complete(k1, 'B', 60_000), false, `${name}: complete with another token`);
  assert.equal(await store.release(k1, 'B'), false, `${name}: release with another token`);
  assert.equal(await store.complete(k1, 'A', 60_000), true, `${name}: complete by the holder`);
  assert.equal(await store.reserve(k1, 'C', 10_000), 'completed', `${name}: reserve after completion`);
  assert.equal(await store.release(k1, 'A'), false, `${name}: a completed key is not released`);

  const k2 = freshKey(name);
  assert.equal(await store.reserve(k2, 'A', 10_000), 'acquired');
  assert.equal(await store.release(k2, 'A'), true, `${name}: release by the holder`);
  assert.equal(await store.reserve(k2, 'B', 10_000), 'acquired', `${name}: reserve after release`);

  // Lease expiry: a second holder takes over, the first one's completion is refused (lease lost).
  const k3 = freshKey(name);
  assert.equal(await store.reserve(k3, 'A', 300), 'acquired');
  await sleep(450);
  assert.equal(await store.reserve(k3, 'B', 10_000), 'acquired', `${name}: reserve after the lease expired`);
  assert.equal(await store.complete(k3, 'A', 60_000), false, `${name}: the expired holder cannot complete`);
  assert.equal(await store.complete(k3, 'B', 300), true);
  assert.equal(await store.reserve(k3, 'C', 10_000), 'completed');
  await sleep(450);
  assert.equal(await store.reserve(k3, 'C', 10_000), 'acquired', `${name}: reserve after the completed TTL`);

  // Twenty reservations of one key at once: exactly one wins.
  const k4 = freshKey(name);
  const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.reserve(k4, `T${i}`, 10_000)));
  assert.equal(results.filter((r) => r === 'acquired').length, 1, `${name}: racing reservations ${results.join(',')}`);
  console.log(`  ${name}: contract holds (lease expiry, TTL, 20 racing reservations -> 1 acquired)`);
}

test('store contract: memory, Redis via ioredis, Redis via node-redis, Upstash REST client', async () => {
  await storeContract('memory', kit.memoryStore());
  await storeContract('redis/ioredis', kit.redisStore(await ioredis()));
  await storeContract('redis/node-redis', kit.redisStore(await nodeRedis()));
  // Upstash's REST protocol (a JSON array of arguments, bearer token, {result} / {error}),
  // served by a shim in front of the real Redis.
  const backend = await ioredis();
  const shim = createServer(async (req, res) => {
    let text = '';
    for await (const c of req) text += c;
    if (req.headers.authorization !== 'Bearer t0ken') return void res.writeHead(401).end(JSON.stringify({ error: 'Unauthorized' }));
    try {
      const [cmd, ...args] = JSON.parse(text);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: await backend.call(cmd, ...args) }));
    } catch (e) {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(/** @type {any} */ (e).message) }));
    }
  });
  await new Promise((ok) => shim.listen(0, '127.0.0.1', () => ok(undefined)));
  const url = `http://127.0.0.1:${/** @type {any} */ (shim.address()).port}`;
  try {
    await storeContract('redis/upstash-rest', kit.redisStore(kit.upstashRestClient({ url, token: 't0ken' })));
    const wrong = kit.redisStore(kit.upstashRestClient({ url, token: 'wrong' }));
    await assert.rejects(wrong.reserve('k', 't', 1000), (/** @type {any} */ e) => /HTTP 401/.test(e.message) && !e.message.includes('wrong'));
  } finally {
    shim.close();
  }
});

test('memory store: a fake clock drives lease expiry; maxEntries never drops a live lease', async () => {
  let now = 1_000_000;
  const store = kit.memoryStore({ now: () => now, maxEntries: 2 });
  assert.equal(await store.reserve('a', 'A', 1000), 'acquired');
  assert.equal(await store.reserve('b', 'B', 1000), 'acquired');
  await assert.rejects(store.reserve('c', 'C', 1000), { code: 'ERR_IDEMPOTENCY_STORE_FULL' });
  assert.equal(await store.complete('a', 'A', 5000), true);
  assert.equal(await store.reserve('c', 'C', 1000), 'acquired', 'the oldest completed key makes room');
  now += 1001;
  assert.equal(await store.reserve('b', 'X', 1000), 'acquired', 'expired lease taken over');
  assert.equal(await store.complete('b', 'B', 5000), false);
});

// ---- The guard's policies --------------------------------------------------------------------

const TS = 1774970000;
/** One signed delivery: session `sid`, status, its own event_id. */
function delivery(sid = 's-1', status = 'Approved', eventId = `e-${++keyCounter}`, ts = Math.floor(Date.now() / 1000)) {
  const body = `{"created_at":${ts - 3},"event_id":"${eventId}","session_id":"${sid}","status":"${status}","timestamp":${ts},"webhook_type":"status.updated"}`;
  return { body, headers: { 'content-type': 'application/json', ...kit.signWebhook(body, SECRET, { timestamp: ts }) } };
}

test('keys: what each built-in key makes of the original, a retry (new event_id, new timestamp) and a duplicate', () => {
  const original = { event_id: 'e1', webhook_type: 'status.updated', session_id: 's1', status: 'Approved', timestamp: TS, created_at: TS - 3 };
  const retry = { ...original, event_id: 'e2', timestamp: TS + 60 };
  const again = { ...original, event_id: 'e3', timestamp: TS + 900, status: 'Approved' };
  const other = { ...original, event_id: 'e4', status: 'Declined' };
  const data = { ...original, webhook_type: 'data.updated' };
  const k = kit.keys;
  assert.equal(k.eventId(original), k.eventId({ ...original })); // a duplicate: caught by every key
  assert.notEqual(k.eventId(original), k.eventId(retry), 'eventId does not catch a retry with a new event_id');
  assert.notEqual(k.signedTime(original), k.signedTime(retry), 'signedTime does not catch a re-stamped retry');
  assert.equal(k.transition(original), k.transition(retry), 'transition catches the retry');
  assert.equal(k.transition(original), k.transition(again), 'transition merges a repeat of the same transition');
  assert.notEqual(k.transition(original), k.transition(other));
  assert.equal(k.transition(data), k.eventId(data), 'no transition for data.updated: event_id');
  assert.equal(k.eventId({ session_id: 's1', webhook_type: 'status.updated', timestamp: TS }), k.signedTime({ session_id: 's1', webhook_type: 'status.updated', timestamp: TS }));
  assert.equal(k.signedTime({ webhook_type: 'user.status.updated', status: 'ACTIVE' }), undefined);
});

test('guard, store and simulator arguments are checked with coded errors', async () => {
  await assert.rejects(kit.sendDeliveries('x', 'http://127.0.0.1:1/'), { code: 'ERR_INVALID_ARG_TYPE' });
  await assert.rejects(kit.sendDeliveries([], 'http://127.0.0.1:1/', { mode: 'some' }), { code: 'ERR_INVALID_ARG_VALUE' });
  const store = kit.memoryStore();
  assert.throws(() => kit.idempotency({}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.idempotency({ store, key: 'session' }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => kit.idempotency({ store, inFlightStatus: 429 }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => kit.idempotency({ store, leaseSeconds: 0 }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => kit.webhookMiddleware(SECRET, { idempotency: { store: {} } }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.webhookHandler(SECRET, undefined), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.simulateDeliveries({}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.simulateDeliveries({ secret: SECRET, types: 'status.updated' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.simulateDeliveries({ secret: SECRET, types: ['session.created'] }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => kit.simulateDeliveries({ secret: SECRET, retries: 3 }), { code: 'ERR_INVALID_ARG_VALUE' });
  assert.throws(() => kit.redisStore({}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.durableObjectStore({}), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.upstashRestClient({ url: 'https://x' }), { code: 'ERR_INVALID_ARG_TYPE' });
  assert.throws(() => kit.memoryStore({ maxEntries: 0 }), { code: 'ERR_INVALID_ARG_VALUE' });
});

/**
 * An Express app with webhookMiddleware(+idempotency) whose handler takes `ms` and may fail.
 * @param {any} idempotency @param {{ ms?: number, fail?: () => number | undefined }} [o]
 */
async function expressApp(idempotency, o = {}) {
  const express = createRequire(join(RUN, 'package.json'))('express');
  /** @type {{ eventId: string, degraded: boolean | undefined }[]} */
  const processed = [];
  const app = express();
  app.post('/hook', express.raw({ type: 'application/json' }), kit.webhookMiddleware(SECRET, { idempotency }), async (/** @type {any} */ req, /** @type {any} */ res) => {
    await sleep(o.ms ?? 0);
    const status = o.fail?.();
    if (status === -1) throw new Error('handler crashed');
    // Only work that succeeded counts as processed (a 500 stands for work that failed).
    if (status === undefined) processed.push({ eventId: req.diditWebhook.payload.event_id, degraded: req.diditIdempotency?.degraded });
    res.status(status ?? 204).end();
  });
  app.use((/** @type {any} */ err, /** @type {any} */ _req, /** @type {any} */ res, /** @type {any} */ _next) => res.status(500).json({ message: err.message }));
  const server = await new Promise((ok) => { const s = app.listen(0, '127.0.0.1', () => ok(s)); });
  const url = `http://127.0.0.1:${/** @type {any} */ (server).address().port}/hook`;
  /** @param {{ body: string, headers: Record<string, string> }} d */
  const post = async (d) => {
    const r = await fetch(url, { method: 'POST', body: d.body, headers: d.headers });
    return { status: r.status, retryAfter: r.headers.get('retry-after'), body: await r.text() };
  };
  return { url, post, processed, close: () => /** @type {any} */ (server).close() };
}

test('racing duplicates through a real HTTP server (Express + Redis): exactly one processed', async () => {
  /** @type {string[]} */
  const events = [];
  const app = await expressApp({ store: kit.redisStore(await ioredis()), onEvent: (/** @type {any} */ e) => events.push(e.type) }, { ms: 150 });
  try {
    const sid = freshKey('race');
    // The original, 9 verbatim duplicates and 2 retries (new event_id, new timestamp), all at once.
    const original = delivery(sid);
    const retries = [delivery(sid, 'Approved', `r1-${sid}`, Math.floor(Date.now() / 1000) + 1), delivery(sid, 'Approved', `r2-${sid}`, Math.floor(Date.now() / 1000) + 2)];
    const answers = await Promise.all([...Array(10).fill(original), ...retries].map(app.post));
    const statuses = answers.map((a) => a.status);
    assert.equal(app.processed.length, 1, `processed ${app.processed.length} times; answers ${statuses}`);
    assert.equal(statuses.filter((s) => s === 204).length, 1);
    for (const a of answers.filter((x) => x.status !== 204)) {
      assert.ok(a.status === 503 || a.status === 200, `unexpected ${a.status}`);
      if (a.status === 503) assert.equal(a.retryAfter, '60');
    }
    // Once completed, Didit's later retry is acknowledged without processing.
    await sleep(50);
    const late = await app.post(delivery(sid, 'Approved', `r3-${sid}`));
    assert.deepEqual([late.status, JSON.parse(late.body)], [200, { duplicate: true }]);
    assert.equal(app.processed.length, 1);
    assert.ok(events.includes('in-flight') && events.includes('duplicate') && events.includes('completed'));
    console.log(`  12 racing deliveries of one transition: answers ${[...new Set(statuses)].sort().join('/')}, processed once`);
  } finally {
    app.close();
  }
});

test('the handler fails: a 500 or a throw releases the key and the retry is processed', async () => {
  let mode = /** @type {number | undefined} */ (500);
  const app = await expressApp({ store: kit.memoryStore() }, { fail: () => mode });
  try {
    const sid = freshKey('fail');
    assert.equal((await app.post(delivery(sid))).status, 500);
    mode = -1;
    assert.equal((await app.post(delivery(sid))).status, 500);
    mode = undefined;
    assert.equal((await app.post(delivery(sid))).status, 204);
    assert.equal((await app.post(delivery(sid))).status, 200);
    assert.equal(app.processed.length, 1);
  } finally {
    app.close();
  }
});

test('Didit stops waiting (5 s) while the handler works: the finished work is still recorded, the retry acknowledged', async () => {
  const app = await expressApp({ store: kit.redisStore(await ioredis()) }, { ms: 300 });
  try {
    const d = delivery(freshKey('gone'));
    const ctl = new AbortController();
    const first = fetch(app.url, { method: 'POST', body: d.body, headers: d.headers, signal: ctl.signal });
    await sleep(100);
    ctl.abort(); // the sender closes the connection before the answer
    await assert.rejects(first);
    await sleep(350);
    assert.equal(app.processed.length, 1);
    const retry = await app.post(d);
    assert.deepEqual([retry.status, JSON.parse(retry.body)], [200, { duplicate: true }]);
    assert.equal(app.processed.length, 1);
  } finally {
    app.close();
  }
});

test('lease expiry: a handler slower than the lease is overtaken, and its completion reports lease-lost', async () => {
  /** @type {string[]} */
  const events = [];
  const app = await expressApp({ store: kit.redisStore(await ioredis()), leaseSeconds: 0.3, onEvent: (/** @type {any} */ e) => events.push(e.type) }, { ms: 700 });
  try {
    const sid = freshKey('lease');
    const first = app.post(delivery(sid));
    await sleep(450); // the first lease (300 ms) has expired; its handler is still running
    const second = app.post(delivery(sid));
    const answers = await Promise.all([first, second]);
    assert.deepEqual(answers.map((a) => a.status), [204, 204]);
    assert.equal(app.processed.length, 2, 'processed twice: the documented cost of a lease shorter than the handler');
    await sleep(100);
    assert.ok(events.includes('lease-lost'), `events: ${events}`);
  } finally {
    app.close();
  }
});

test('a store that fails mid-way: fail-closed answers 503 + Retry-After, fail-open processes and reports', async () => {
  for (const failOpen of [false, true]) {
    // A real Redis of its own, stopped (by PID) in the middle of the test.
    const own = await startRedis();
    /** @type {any[]} */
    const events = [];
    const app = await expressApp({ store: kit.redisStore(await ioredis(own.port)), failOpen, onEvent: (/** @type {any} */ e) => events.push(e) });
    try {
      const sid = freshKey('down');
      assert.equal((await app.post(delivery(sid))).status, 204, 'the store is up');
      await stop(own.child);
      const a = await app.post(delivery(sid, 'Declined'));
      const degraded = events.filter((e) => e.type === 'store-degraded');
      assert.equal(degraded.length, 1);
      assert.equal(degraded[0].operation, 'reserve');
      assert.equal(degraded[0].failOpen, failOpen);
      if (failOpen) {
        assert.equal(a.status, 204);
        assert.deepEqual(app.processed.map((p) => p.degraded), [false, true], 'req.diditIdempotency.degraded says so');
      } else {
        assert.equal(a.status, 503);
        assert.equal(a.retryAfter, '60');
        assert.deepEqual(JSON.parse(a.body), { code: 'ERR_IDEMPOTENCY_STORE_UNAVAILABLE' });
        assert.equal(app.processed.length, 1, 'not processed without a reservation');
      }
      console.log(`  redis-server stopped mid-way, failOpen=${failOpen}: HTTP ${a.status}, processed ${app.processed.length - 1} of 1, store-degraded reported`);
    } finally {
      app.close();
    }
  }

  // Failing after the reservation: complete() throws. The answer stays 2xx (the work is done);
  // the key stays reserved until the lease expires, so a retry meanwhile gets 503.
  const mem = kit.memoryStore();
  let completeFails = true;
  const flaky = { reserve: mem.reserve, release: mem.release, complete: (/** @type {any[]} */ ...a) => (completeFails ? Promise.reject(new Error('connection reset')) : mem.complete(...a)) };
  /** @type {any[]} */
  const events = [];
  const app = await expressApp({ store: flaky, leaseSeconds: 0.3, onEvent: (/** @type {any} */ e) => events.push(e) });
  try {
    const sid = freshKey('flaky');
    assert.equal((await app.post(delivery(sid))).status, 204);
    await sleep(30);
    assert.deepEqual(events.filter((e) => e.type === 'store-degraded').map((e) => e.operation), ['complete']);
    assert.equal((await app.post(delivery(sid))).status, 503, 'in flight until the lease expires');
    await sleep(350);
    completeFails = false;
    assert.equal((await app.post(delivery(sid))).status, 204, 'processed again after the lease: documented');
    assert.equal((await app.post(delivery(sid))).status, 200);
  } finally {
    app.close();
  }
});

test('fastifyWebhook takes the same option: racing duplicates through a real Fastify server (Redis), a failure released', async () => {
  const Fastify = createRequire(join(RUN, 'package.json'))('fastify');
  const app = Fastify();
  let processed = 0;
  let status = 204;
  app.register(kit.fastifyWebhook(SECRET, {
    url: '/hook',
    handler: async (/** @type {any} */ _request, /** @type {any} */ reply) => {
      await sleep(100);
      if (status === 204) processed++;
      reply.code(status).send();
    },
  }, { idempotency: { store: kit.redisStore(await ioredis()) } }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${app.server.address().port}/hook`;
    const post = async (/** @type {{ body: string, headers: Record<string, string> }} */ d) => (await fetch(url, { method: 'POST', body: d.body, headers: d.headers })).status;
    const sid = freshKey('fastify');
    status = 500;
    assert.equal(await post(delivery(sid)), 500);
    status = 204;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(delivery(sid))));
    assert.equal(processed, 1, `answers ${answers}`);
    assert.equal(answers.filter((a) => a === 204).length, 1);
    assert.ok(answers.every((a) => a === 204 || a === 503 || a === 200), `answers ${answers}`);
    await sleep(50);
    assert.equal(await post(delivery(sid)), 200);
    console.log(`  Fastify: a 500 released the key; 10 racing deliveries then: ${[...new Set(answers)].sort()}, processed once`);
  } finally {
    await app.close();
  }
});

test('lambdaWebhook and koaWebhook take the same option', async () => {
  const store = kit.memoryStore();
  let runs = 0;
  let fail = false;
  const lambda = kit.lambdaWebhook(SECRET, async () => {
    runs++;
    return fail ? { statusCode: 500 } : { statusCode: 204 };
  }, { idempotency: { store } });
  const event = (/** @type {{ body: string, headers: Record<string, string> }} */ d) => ({ version: '2.0', body: d.body, isBase64Encoded: false, headers: Object.fromEntries(Object.entries(d.headers).map(([k, v]) => [k.toLowerCase(), v])) });
  const sid = freshKey('lambda');
  fail = true;
  assert.equal((await lambda(event(delivery(sid)), {})).statusCode, 500);
  fail = false;
  assert.equal((await lambda(event(delivery(sid)), {})).statusCode, 204, 'released after the 500');
  const dup = await lambda(event(delivery(sid)), {});
  assert.deepEqual([dup.statusCode, dup.body], [200, '{"duplicate":true}']);
  assert.equal(runs, 2);

  // Koa: a context as Koa gives it to middleware (rawBody kept by a body parser).
  const koa = kit.koaWebhook(SECRET, { idempotency: { store, leaseSeconds: 5 } });
  const ctx = (/** @type {{ body: string, headers: Record<string, string> }} */ d) => {
    /** @type {Record<string, string>} */
    const set = {};
    return { request: { headers: d.headers, rawBody: d.body }, req: {}, state: {}, status: 404, body: undefined, set: (/** @type {Record<string, string>} */ h) => Object.assign(set, h), headersSet: set };
  };
  const ksid = freshKey('koa');
  let koaRuns = 0;
  /** @type {() => void} */
  let finish = () => {};
  const c1 = ctx(delivery(ksid));
  const first = koa(c1, async () => { koaRuns++; await new Promise((r) => (finish = () => r(undefined))); c1.status = 204; });
  await sleep(10);
  const c2 = ctx(delivery(ksid));
  await koa(c2, async () => { koaRuns++; });
  assert.deepEqual([c2.status, c2.headersSet['retry-after']], [503, '60'], 'in flight');
  finish();
  await first;
  const c3 = ctx(delivery(ksid));
  await koa(c3, async () => { koaRuns++; });
  assert.deepEqual([c3.status, c3.body], [200, '{"duplicate":true}']);
  assert.equal(koaRuns, 1);
});

test('in flight with inFlightStatus 409 (opt-in) and guard.run for code that verifies by hand', async () => {
  const guard = kit.idempotency({ store: kit.memoryStore(), inFlightStatus: 409 });
  const body = { event_id: 'x', webhook_type: 'status.updated', session_id: 'run-1', status: 'Approved' };
  let release;
  const slow = guard.run(body, () => new Promise((r) => (release = r)));
  await sleep(10);
  const busy = await guard.run(body, () => 'never');
  assert.equal(busy.ran, false);
  assert.equal(busy.status, 409);
  assert.equal(busy.headers['retry-after'], undefined, 'no Retry-After on a 409');
  /** @type {any} */ (release)('done');
  assert.deepEqual([(await slow).ran, (await slow).result], [true, 'done']);
  const dup = await guard.run(body, () => 'never');
  assert.deepEqual([dup.ran, dup.outcome, dup.status], [false, 'duplicate', 200]);
  await assert.rejects(guard.run({ ...body, status: 'Declined' }, () => { throw new Error('boom'); }), /boom/);
  assert.equal((await guard.run({ ...body, status: 'Declined' }, () => 1)).ran, true, 'released after the throw');
});

// ---- The simulator ---------------------------------------------------------------------------

test('simulator: every webhook_type and status, deterministic for a seed, parsed by the typed model', () => {
  const a = kit.simulateDeliveries({ secret: SECRET, seed: 42, now: TS * 1000, traps: true });
  const b = kit.simulateDeliveries({ secret: SECRET, seed: 42, now: TS * 1000, traps: true });
  const c = kit.simulateDeliveries({ secret: SECRET, seed: 43, now: TS * 1000, traps: true });
  assert.deepEqual(a, b, 'same seed, same deliveries');
  assert.notDeepEqual(a.map((d) => d.body), c.map((d) => d.body));
  const types = new Set(a.map((d) => d.webhookType));
  assert.equal(types.size, 10);
  const kycStatuses = new Set(a.filter((d) => d.label.startsWith('KYC ') && d.webhookType === 'status.updated').map((d) => d.status));
  assert.equal(kycStatuses.size, 10, 'the ten KYC session statuses');
  for (const d of a) {
    const body = JSON.parse(d.body);
    const v = kit.verifyWebhook(d.body, d.headers, SECRET, { now: d.timestamp * 1000 });
    assert.equal(v.method, 'v2');
    assert.ok(/^[\x20-\x7e]*$/.test(d.body), 'ASCII-escaped');
    assert.equal(body.timestamp, d.timestamp);
    assert.ok(Number.isInteger(body.created_at) && body.created_at <= body.timestamp);
    const hasDecision = 'decision' in body;
    if (d.webhookType === 'status.updated') assert.equal(hasDecision, ['Approved', 'Declined', 'In Review', 'Abandoned'].includes(d.status ?? ''), `${d.label}: decision presence`);
    if (d.status === 'Resubmitted') assert.ok(body.resubmit_info?.nodes_to_resubmit?.length);
    kit.parseWebhookEvent(d.body); // throws ERR_MODEL_INVALID on a wrong shape
  }
  const traps = a[0].body;
  assert.ok(traps.includes('"10":"ten","9":"nine"'), 'integer-like keys in code point order');
  assert.ok(traps.includes('12345678901234567890') && traps.includes('1e-05') && traps.includes('\\u00e9'));
  // Retries: new event_id, re-stamped; duplicates: the same bytes.
  const ev = a.filter((d) => d.event === 3);
  assert.deepEqual(ev.map((d) => d.kind), ['original', 'duplicate', 'retry', 'retry']);
  assert.equal(ev[1].body, ev[0].body);
  assert.deepEqual(ev.map((d) => d.timestamp - TS), [0, 0, 60, 240]);
  assert.equal(new Set(ev.map((d) => d.eventId)).size, 3);
  assert.equal(new Set(kit.simulateDeliveries({ secret: SECRET, seed: 1, now: TS * 1000, retryEventId: 'same', types: ['activity.created'] }).map((d) => d.eventId)).size, 1);
  console.log(`  ${a.length} deliveries for ${a.at(-1).event + 1} events, ${types.size} webhook types`);
});

test('simulator: bodies and all four headers equal what CPython computes', () => {
  const lines = [false, true].flatMap((traps) => kit.simulateDeliveries({ secret: SECRET, seed: 'py', now: TS * 1000, traps })).map((d) => JSON.stringify(d)).join('\n');
  const out = JSON.parse(execFileSync('python3', [join(ROOT, 'tests', 'idempotency', 'check_deliveries.py'), SECRET], { input: lines }).toString());
  assert.deepEqual(out.failures, []);
  assert.ok(out.checked > 200);
  console.log(`  ${out.checked} deliveries: json.dumps(..., ensure_ascii=True) reproduces every body; V1, V2, Simple, X-Timestamp agree`);
});

test('simulator CLI: --print is deterministic; --url reports an endpoint that loses events', async () => {
  const cli = join(PKG, 'cli.mjs');
  const env = { ...process.env, DIDIT_WEBHOOK_SECRET: SECRET };
  const args = ['simulate', '--print', '--seed', '9', '--now', String(TS), '--type', 'status.updated', '--traps'];
  const one = execFileSync(process.execPath, [cli, ...args], { env }).toString();
  assert.equal(execFileSync(process.execPath, [cli, ...args], { env }).toString(), one);
  assert.equal(one.trim().split('\n').length, 19 * 4);
  // An endpoint that answers 401 to everything: every event would be dropped (exit 1).
  const server = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(401).end('{"code":"ERR_WEBHOOK_SIGNATURE_MISMATCH"}')); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  try {
    const url = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/`;
    const child = spawn(process.execPath, [cli, 'simulate', '--url', url, '--type', 'user.status.updated', '--json'], { env });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    const code = await new Promise((ok) => child.on('exit', ok));
    const report = JSON.parse(text);
    assert.equal(code, 1);
    assert.equal(report.fits, false);
    assert.equal(report.summary.dropped, 6, 'the originals and duplicates; no retry after a 401');
    assert.equal(report.summary.sent, 6);
    assert.match(report.problems[0], /does not retry a 4xx other than 404/);
  } finally {
    server.close();
  }
});

test("sendDeliveries follows Didit's rules: a retry only after a 5xx, 404 or timeout", async () => {
  // Per event: the first attempt gets 500, the second is too slow, the third 204.
  /** @type {Map<string, number>} */
  const seen = new Map();
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      const key = JSON.parse(text).vendor_data;
      const n = (seen.get(key) ?? 0) + 1;
      seen.set(key, n);
      if (n === 1) res.writeHead(500).end();
      else if (n === 2) setTimeout(() => res.writeHead(204).end(), 400);
      else res.writeHead(204).end();
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  try {
    const url = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/`;
    const deliveries = kit.simulateDeliveries({ secret: SECRET, types: ['activity.created'], duplicates: 0 });
    const report = await kit.sendDeliveries(deliveries, url, { timeoutMs: 200 });
    assert.deepEqual(report.results.map((/** @type {any} */ r) => [r.attempt, r.status, r.verdict]), [[0, 500, 'retried'], [1, 0, 'retried'], [2, 204, 'delivered']]);
    assert.equal(report.fits, true);
    seen.clear();
    const once = await kit.sendDeliveries(kit.simulateDeliveries({ secret: SECRET, types: ['activity.created'], duplicates: 0, retries: 1 }), url, { timeoutMs: 200 });
    assert.equal(once.fits, false, 'a 500 then a timeout, and no retry left');
    assert.match(once.problems[0], /never acknowledged/);
    assert.equal(kit.simulateDeliveries({ secret: SECRET, retries: 0, duplicates: 0 }).length, 33);
  } finally {
    server.close();
  }
});

/**
 * Drives an endpoint with every simulated event (races, duplicates, every retry attempt) and
 * checks that it processed each event the number of times its key allows.
 * @param {string} name @param {string} url @param {() => Promise<string[]>} processed
 */
async function driveWithSimulator(name, url, processed) {
  const deliveries = kit.simulateDeliveries({ secret: SECRET, seed: name, traps: true });
  const report = await kit.sendDeliveries(deliveries, url, { mode: 'all', race: true, concurrency: 4 });
  assert.deepEqual(report.problems, [], `${name}: ${report.problems.join('; ')}`);
  assert.equal(report.fits, true);
  const seen = await processed();
  const byEvent = new Map(deliveries.map((d) => [d.eventId, d]));
  /** @type {Map<number, number>} */
  const counts = new Map();
  for (const id of seen) {
    const d = byEvent.get(id);
    assert.ok(d, `${name}: processed an unknown event_id`);
    counts.set(d.event, (counts.get(d.event) ?? 0) + 1);
  }
  const events = [...new Set(deliveries.map((d) => d.event))];
  for (const e of events) {
    const d = /** @type {any} */ (deliveries.find((x) => x.event === e));
    // The default key, 'transition', catches retries of session status events; other events
    // have no session transition and use event_id, which a retry renews: once per attempt.
    const expected = d.webhookType === 'status.updated' ? 1 : 3;
    assert.equal(counts.get(e) ?? 0, expected, `${name}: event ${e} (${d.label}) processed ${counts.get(e) ?? 0} times, expected ${expected}`);
  }
  const s = report.summary;
  console.log(`  ${name}: ${s.sent} deliveries (${s.events} events, racing duplicates, every retry): ${s.delivered} 2xx, ${s.retried} 503/5xx, ${s.dropped} dropped; ${seen.length} processed, each session status event once, other events once per attempt`);
}

test('the simulator drives the Express example (ioredis)', async () => {
  const redis = await ioredis();
  await redis.flushdb();
  const p = start(process.execPath, [join(RUN, 'examples', 'express.mjs')], { cwd: RUN, env: { ...process.env, DIDIT_WEBHOOK_SECRET: SECRET, REDIS_URL: `redis://127.0.0.1:${redisPort}`, PROCESS_MS: '40' } });
  try {
    const { port } = JSON.parse(await p.ready);
    await driveWithSimulator('express', `http://127.0.0.1:${port}/webhooks/didit`, async () => (await fetch(`http://127.0.0.1:${port}/processed`)).json());
  } finally {
    await stop(p.child);
  }
});

test('the simulator drives the Fetch example (node-redis) served through node:http', async () => {
  const redis = await ioredis();
  await redis.flushdb();
  Object.assign(process.env, { DIDIT_WEBHOOK_SECRET: SECRET, REDIS_URL: `redis://127.0.0.1:${redisPort}`, PROCESS_MS: '40' });
  const example = await import(pathToFileURL(join(RUN, 'examples', 'fetch.mjs')).href);
  // node:http → Request → the example's handler → Response, as a Fetch runtime would.
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const request = new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers: /** @type {any} */ (req.headers), body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
    const response = await example.handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
  try {
    await driveWithSimulator('fetch', `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/`, async () => example.processed);
  } finally {
    server.close();
    await example.redis.quit();
  }
});

test('Durable Objects in workerd: the store contract, and the simulator driving the Workers example', async () => {
  const dir = join(RUN, 'workerd');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(RUN, 'examples', 'worker.mjs'), join(dir, 'example-worker.mjs'));
  copyFileSync(join(ROOT, 'tests', 'runtimes', 'fixtures', 'bundle-worker.mjs'), join(dir, 'bundle-worker.mjs'));
  // The example, plus /store: the store's three operations, for the contract.
  writeFileSync(join(dir, 'worker.mjs'), `import example from './example-worker.mjs';
import { durableObjectStore } from 'didit-kit/verify';
export { DiditIdempotencyObject } from './example-worker.mjs';
export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname !== '/store') return example.fetch(request, env);
    const { op, key, token, ms } = await request.json();
    const store = durableObjectStore(env.IDEMPOTENCY, { prefix: 'contract:' });
    try {
      return Response.json({ result: await store[op](key, token, ms) });
    } catch (e) {
      return Response.json({ error: String(e) }, { status: 500 });
    }
  },
};
`);
  const modules = JSON.parse(execFileSync(process.execPath, ['bundle-worker.mjs', join(ROOT, 'node_modules', 'esbuild', 'lib', 'main.js')], { cwd: dir }).toString().trim());
  const port = await freePort();
  writeFileSync(join(dir, 'config.capnp'), workerdConfig({
    port,
    wasm: modules,
    bindings: [
      `(name = "DIDIT_WEBHOOK_SECRET", text = "${SECRET}")`,
      '(name = "PROCESS_MS", text = "40")',
      '(name = "IDEMPOTENCY", durableObjectNamespace = "DiditIdempotencyObject")',
    ],
    extra: `
  durableObjectNamespaces = [ (className = "DiditIdempotencyObject", uniqueKey = "didit-kit-idempotency-test") ],
  durableObjectStorage = (inMemory = void),`,
  }));
  const workerd = start(join(ROOT, 'node_modules', '.bin', 'workerd'), ['serve', 'config.capnp', '--verbose'], { cwd: dir });
  const base = `http://127.0.0.1:${port}`;
  try {
    const end = Date.now() + 20_000;
    for (;;) {
      try {
        await fetch(`${base}/processed`);
        break;
      } catch {
        if (Date.now() > end) throw new Error(`workerd did not start: ${workerd.stderr()}`);
        await sleep(200);
      }
    }
    /** @param {object} msg */
    const call = async (msg) => {
      const r = await (await fetch(`${base}/store`, { method: 'POST', body: JSON.stringify(msg) })).json();
      if ('error' in r) throw new Error(r.error);
      return r.result;
    };
    await storeContract('durable-object', {
      reserve: (/** @type {string} */ key, /** @type {string} */ token, /** @type {number} */ ms) => call({ op: 'reserve', key, token, ms }),
      complete: (/** @type {string} */ key, /** @type {string} */ token, /** @type {number} */ ms) => call({ op: 'complete', key, token, ms }),
      release: (/** @type {string} */ key, /** @type {string} */ token) => call({ op: 'release', key, token }),
    });
    await driveWithSimulator('workers', `${base}/webhooks/didit`, async () => (await fetch(`${base}/processed`)).json());
  } finally {
    await stop(workerd.child);
  }
});
