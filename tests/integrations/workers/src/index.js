// A Hono app on Cloudflare Workers: /full imports `didit-kit`, /verify `didit-kit/verify`.
import { Hono } from 'hono';
import * as full from 'didit-kit';
import { verifyRequest } from 'didit-kit/verify';

const app = new Hono();

for (const [path, verify] of [['/full', full.verifyRequest], ['/verify', verifyRequest]]) {
  app.post(path, async (c) => {
    try {
      const event = await verify(c.req.raw, c.env.DIDIT_WEBHOOK_SECRET);
      return c.json({ ok: true, method: event.method });
    } catch (err) {
      return c.json({ code: err.code, message: err.message }, 401);
    }
  });
}

export default app;
