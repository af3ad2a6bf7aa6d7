// The route body every App Router route shares: the fixture's routes differ only in their import
// line and runtime. A rejected delivery gets 401 with the error's code.
export function handle(verifyRequest) {
  return async function POST(request) {
    try {
      const event = await verifyRequest(request, process.env.DIDIT_WEBHOOK_SECRET);
      const runtime = typeof EdgeRuntime === 'string' ? 'edge' : 'nodejs'; // Next defines EdgeRuntime on the edge
      return Response.json({ ok: true, method: event.method, runtime });
    } catch (err) {
      return Response.json({ code: err.code, message: err.message }, { status: 401 });
    }
  };
}
