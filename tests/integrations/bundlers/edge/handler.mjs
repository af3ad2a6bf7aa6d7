// A Vercel edge function (Fetch API) importing both entry points as a user would.
import { verifyRequest } from 'didit-kit/verify';
import * as full from 'didit-kit';

export default async function handler(request) {
  const verify = new URL(request.url).pathname === '/full' ? full.verifyRequest : verifyRequest;
  try {
    const event = await verify(request, globalThis.DIDIT_WEBHOOK_SECRET);
    return Response.json({ ok: true, method: event.method, edgeRuntime: typeof EdgeRuntime });
  } catch (err) {
    return Response.json({ code: err.code, message: err.message }, { status: 401 });
  }
}
