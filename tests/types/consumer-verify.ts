// A consumer of didit-kit/verify's types, compiled with `tsc --strict` against the built package by
// tests/js/types.test.mjs: every helper's verification has `payload` and no `event` (the verify
// build has no typed models; fail-event-in-verify.ts holds that `.event` does not compile).
import {
  verifyWebhook,
  tryVerifyWebhook,
  verifyRequest,
  verifyNodeRequest,
  webhookMiddleware,
  webhookHandler,
  koaWebhook,
  verifyLambdaEvent,
  lambdaWebhook,
  webhookRejectionStatus,
  type KoaContextLike,
  type WebhookVerification,
} from 'didit-kit/verify';

declare const body: Uint8Array;
declare const headers: Record<string, string>;
const secret = 'secret';

const v: WebhookVerification = verifyWebhook(body, headers, secret);
const method: 'v2' | 'v2-ascii' | 'v1' | 'simple' = v.method;
const payload: unknown = v.payload;
console.log(method, payload, v.secretIndex, v.timestamp, v.timeSource, JSON.stringify(v.toJSON()));

const r = tryVerifyWebhook(body, headers, [secret, 'previous'], { now: Date.now() });
if (r.ok) console.log(r.payload, r.timeSource);
else console.log(r.code, webhookRejectionStatus(r.error));

export async function fetchStyle(request: Request): Promise<unknown> {
  return (await verifyRequest(request, secret)).payload;
}

export async function nodeStyle(req: Parameters<typeof verifyNodeRequest>[0]): Promise<unknown> {
  return (await verifyNodeRequest(req, secret)).payload;
}

export const middleware = webhookMiddleware(secret);
export const handler = webhookHandler(secret, (verification) => {
  console.log(verification.payload);
});
export const koa = koaWebhook(secret);
export function koaState(ctx: KoaContextLike): unknown {
  return ctx.state.diditWebhook?.payload;
}
export const lambda = lambdaWebhook(secret, async (verification) => {
  console.log(verification.payload);
  return { statusCode: 200 };
});
export function lambdaSync(event: Parameters<typeof verifyLambdaEvent>[0]): unknown {
  return verifyLambdaEvent(event, secret).payload;
}
