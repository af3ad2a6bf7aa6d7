// Must not compile: didit-kit/verify has no typed models, so its verification has no `event`
// (reading it in JavaScript throws ERR_NOT_IN_THIS_BUILD); `payload`, or 'didit-kit', instead.
// expect: TS2339 Property 'event' does not exist on type 'WebhookVerification'.
import { verifyWebhook } from 'didit-kit/verify';

declare const body: Uint8Array;
declare const headers: Record<string, string>;
console.log(verifyWebhook(body, headers, 'secret').event);
