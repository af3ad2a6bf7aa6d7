// The helpers' declarations against the frameworks' own types (tsc --strict --noEmit, run by
// frameworks.test.mjs): a Fastify user augmenting FastifyRequest, a typed Lambda handler.
import Fastify from 'fastify';
import type { FastifyRequest } from 'fastify';
import { fastifyWebhook, lambdaWebhook, verifyLambdaEvent, webhookRejectionStatus } from 'didit-kit/verify';
import type { LambdaResult, WebhookVerification } from 'didit-kit/verify';

declare module 'fastify' {
  interface FastifyRequest {
    diditWebhook: WebhookVerification | null;
  }
}

const app = Fastify();
app.register(fastifyWebhook('secret', { url: '/webhooks/didit', handler: async (request: FastifyRequest) => request.diditWebhook?.payload }));
app.register(fastifyWebhook(['old', 'new'], { url: '/v2', schema: {}, handler: async () => ({ ok: true }) }, { toleranceSeconds: 60 }));

export const handler = lambdaWebhook('secret', async (verification) => ({ statusCode: 200, body: verification.method }));
const result: Promise<LambdaResult> = handler({ body: '{}', headers: {}, isBase64Encoded: false }, undefined);
void result;

const v: WebhookVerification = verifyLambdaEvent({ body: null, multiValueHeaders: { 'X-Timestamp': ['1'] } }, 'secret');
const status: 401 | 413 | 503 | undefined = webhookRejectionStatus(new Error('x'));
void v;
void status;
