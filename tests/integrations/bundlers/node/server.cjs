// A node:http server as the README shows it, written as CommonJS (require), bundled by esbuild into
// one file and run from an empty folder. Prints {"port": n} once listening.
const { createServer } = require('node:http');
const full = require('didit-kit');
const verify = require('didit-kit/verify');

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
