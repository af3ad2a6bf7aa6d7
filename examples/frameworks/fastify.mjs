// Fastify: fastifyWebhook registers the webhook route in its own encapsulated scope, where the
// body is read as a Buffer (the exact bytes Didit signed); the rest of the app keeps Fastify's
// JSON parser.
import Fastify from 'fastify';
// #region readme
import { fastifyWebhook } from 'didit-kit/verify';
// #endregion readme

const app = Fastify();

// #region readme
app.register(fastifyWebhook(process.env.DIDIT_WEBHOOK_SECRET, {
  url: '/webhooks/didit',
  handler: async (request) => {
    const { payload } = request.diditWebhook;           // verified; rejected deliveries got 401 {"code": ...}
    console.log('didit', payload.webhook_type, payload.session_id, payload.status);
    return { received: true };
  },
}));
// #endregion readme

// Every other route still gets parsed JSON.
app.post('/api/echo', async (request) => request.body);

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
console.log(`listening on ${address}`);
