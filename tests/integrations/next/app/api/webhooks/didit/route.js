// app/api/webhooks/didit/route.js
import { webhookHandler } from 'didit-kit/verify';

// No `runtime` export: the Node.js runtime is Next's default. The same file also works with
// `export const runtime = 'edge'`, which Next.js deprecated in 16.3 (see below).

export const POST = webhookHandler(process.env.DIDIT_WEBHOOK_SECRET, async (event) => {
  return Response.json({ ok: true, session: event.payload.session_id });  // verified
});
