// Express + Redis (ioredis): each Didit event is processed once, whatever the retries, replays and
// duplicated requests. Run: DIDIT_WEBHOOK_SECRET=... REDIS_URL=redis://127.0.0.1:6379 node express.mjs
import express from 'express';
import { Redis } from 'ioredis';
import { webhookMiddleware, redisStore } from 'didit-kit';

const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const processed = []; // stands for your side effects (approve the account, send the e-mail)

const app = express();
app.post(
  '/webhooks/didit',
  express.raw({ type: 'application/json' }),
  webhookMiddleware(process.env.DIDIT_WEBHOOK_SECRET, {
    idempotency: { store: redisStore(redis) }, // the one option; key: 'transition' by default
  }),
  async (req, res) => {
    const event = req.diditWebhook.payload;
    await new Promise((r) => setTimeout(r, Number(process.env.PROCESS_MS ?? 0))); // your work
    processed.push(event.event_id);
    res.sendStatus(204); // 2xx: the key is completed; any other answer releases it for a retry
  },
);
app.get('/processed', (req, res) => res.json(processed)); // for the tests

const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
