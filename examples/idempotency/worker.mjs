// Cloudflare Worker + Durable Object: wrangler.toml binds the class exported here
//   [[durable_objects.bindings]]  name = "IDEMPOTENCY"  class_name = "DiditIdempotencyObject"
//   [[migrations]]  tag = "v1"  new_sqlite_classes = ["DiditIdempotencyObject"]
import { webhookHandler, durableObjectStore } from 'didit-kit/verify';

export { DiditIdempotencyObject } from 'didit-kit/verify';

const processed = []; // stands for your side effects (one isolate here; use your database)
let handler;

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname === '/processed') return Response.json(processed); // for the tests
    handler ??= webhookHandler(
      env.DIDIT_WEBHOOK_SECRET,
      async (event) => {
        await new Promise((r) => setTimeout(r, Number(env.PROCESS_MS ?? 0))); // your work
        processed.push(event.payload.event_id);
        return new Response(null, { status: 204 });
      },
      { idempotency: { store: durableObjectStore(env.IDEMPOTENCY) } },
    );
    return handler(request);
  },
};
