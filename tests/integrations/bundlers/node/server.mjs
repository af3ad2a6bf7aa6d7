// The same server written as ESM (import), bundled by esbuild with --format=esm.
import { createServer } from 'node:http';
import * as full from 'didit-kit';
import * as verify from 'didit-kit/verify';

const secret = process.env.DIDIT_WEBHOOK_SECRET;
const server = createServer(async (req, res) => {
  const kit = req.url === '/full' ? full : verify;
  try {
    const event = await kit.verifyNodeRequest(req, secret);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, method: event.method }));
  } catch (err) {
    res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: err.code }));
  }
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
