// A Fetch API handler (Next.js App Router route, Deno, Bun, Hono) + Redis (node-redis): in a
// Next.js route file, `export const POST = handler`.
import { createClient } from 'redis';
import { webhookHandler, redisStore } from 'didit-kit';

export const redis = await createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' })
  .on('error', (e) => console.error('redis:', e.message)) // reconnects; meanwhile deliveries get 503
  .connect();
export const processed = []; // stands for your side effects

export const handler = webhookHandler(
  process.env.DIDIT_WEBHOOK_SECRET,
  async (event) => {
    await new Promise((r) => setTimeout(r, Number(process.env.PROCESS_MS ?? 0))); // your work
    processed.push(event.payload.event_id);
    return new Response(null, { status: 204 });
  },
  { idempotency: { store: redisStore(redis) } },
);
