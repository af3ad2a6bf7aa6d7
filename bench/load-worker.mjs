// A Cloudflare Worker for the load test (load.mjs), run in workerd: POST /webhooks/didit verifies
// with verifyRequest from didit-kit/verify (what a Worker ships); `now` comes from a binding so
// that the Python-signed samples stay fresh.
import { verifyRequest } from 'didit-kit/verify';

export default {
  async fetch(request, env) {
    try {
      const v = await verifyRequest(request, env.SECRET, { now: Number(env.NOW) * 1000 });
      return Response.json({ ok: true, method: v.method, status: v.payload.status });
    } catch (error) {
      return Response.json({ code: error.code }, { status: error.code === 'ERR_BODY_TOO_LARGE' ? 413 : 401 });
    }
  },
};
