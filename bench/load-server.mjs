// @ts-check
// A webhook receiver for the load test (load.mjs), on 127.0.0.1 and a free port, printing
// `listening <port>` once ready. Two kinds:
//   node bench/load-server.mjs express <secret> <nowSeconds>   Express + webhookMiddleware
//   node bench/load-server.mjs fetch <secret> <nowSeconds>     node:http + a Fetch handler (verifyRequest)
// Both answer 200 {"ok":true,"method":...} for a genuine delivery and 401/413 {"code":...}
// otherwise, as the README shows. `now` is fixed so that the Python-signed samples stay fresh.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';

const require = createRequire(import.meta.url);
const [kind, secret, nowArg] = process.argv.slice(2);
const options = { now: Number(nowArg) * 1000 };
const kit = require('../pkg');

/** @type {import('node:http').Server} */
let server;
if (kind === 'express') {
  const express = require('express');
  const app = express();
  app.post('/webhooks/didit', kit.webhookMiddleware(secret, options), (/** @type {any} */ req, /** @type {any} */ res) => {
    res.json({ ok: true, method: req.diditWebhook.method, status: req.diditWebhook.payload.status });
  });
  server = createServer(app);
} else if (kind === 'fetch') {
  // The Fetch handler, as a Worker/Deno/Bun app would export it.
  const handler = async (/** @type {Request} */ request) => {
    try {
      const v = await kit.verifyRequest(request, secret, options);
      return Response.json({ ok: true, method: v.method, status: /** @type {any} */ (v.payload).status });
    } catch (/** @type {any} */ error) {
      return Response.json({ code: error.code }, { status: error.code === 'ERR_BODY_TOO_LARGE' ? 413 : 401 });
    }
  };
  // The smallest node:http to Fetch adapter: the body stays a stream, so verifyRequest's limit
  // applies while reading.
  server = createServer(async (req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers,
      body: req.method === 'POST' ? /** @type {any} */ (Readable.toWeb(req)) : undefined,
      // @ts-ignore Node's fetch needs this for a streamed request body
      duplex: 'half',
    });
    const response = await handler(request);
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
    // An unread remainder (an oversized body cut short) must not keep the socket busy.
    if (!req.readableEnded) req.destroy();
  });
} else {
  throw new Error(`unknown server kind ${kind}`);
}
server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  console.log(`listening ${address.port}`);
});
