// Test harness, not user code: stands in for the Lambda service. Loads the bundle (./index.js, in
// the same empty folder) as the Node.js runtime does, turns each HTTP request into a payload
// format 2.0 event (alternating plain and base64 bodies) and writes the handler's answer back.
const { createServer } = require('node:http');
const { handler } = require('./index.js');

let n = 0;
const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const raw = Buffer.concat(chunks);
    const base64 = n++ % 2 === 1;
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const event = { version: '2.0', rawPath: req.url, headers, body: raw.toString(base64 ? 'base64' : 'utf8'), isBase64Encoded: base64 };
    const out = await handler(event, {});
    res.writeHead(out.statusCode, { 'content-type': 'application/json' }).end(out.body);
  });
});
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
