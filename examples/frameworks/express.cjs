const express = require('express');
const { verifyWebhook, webhookRejectionStatus } = require('didit-kit/verify');

const secret = process.env.DIDIT_WEBHOOK_SECRET;            // from the Didit Console
const app = express();
app.post('/webhooks/didit', express.raw({ type: 'application/json' }), (req, res) => {
  let verification;
  try {
    verification = verifyWebhook(req.body, req.headers, secret);  // the raw bytes, as Didit sent them
  } catch (err) {
    const status = webhookRejectionStatus(err);              // 401/413 rejected, 503 retry later
    if (status === undefined) throw err;                     // a set-up error (no secret, parsed body): 500
    return res.status(status).json({ code: err.code });      // e.g. ERR_WEBHOOK_SIGNATURE_MISMATCH
  }
  const { webhook_type, status } = verification.payload;    // parsed JSON, authenticated
  console.log(webhook_type, status);
  res.sendStatus(200);
});
app.use(express.json());      // the rest of your app: a global JSON parser goes BELOW the webhook route
app.post('/api/echo', (req, res) => res.json(req.body));    // another route: parsed JSON, as usual

const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST, () => {
  console.log(`listening on http://${process.env.HOST ?? 'localhost'}:${server.address().port}`);
});
