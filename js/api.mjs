// @ts-check
// The public JavaScript API of the full entry (`didit-kit`), shared by every runtime loader. A
// loader passes the raw wasm-bindgen exports and its platform hooks; everything here is plain JS
// that runs in any runtime (no Node APIs). Each part lives in its own module:
//   errors.mjs       coded errors          args.mjs     argument checks and limits
//   webhook.mjs      verify/sign/canonical share-token.mjs  share tokens
//   models.mjs       typed models (its schema is generated from the Rust tables)
import { webhookApi } from './webhook.mjs';
import { shareTokenApi } from './share-token.mjs';
import { modelsApi } from './models.mjs';
import { guarded } from './instance.mjs';

/**
 * The full module's exports: it has signWebhook and canonicalize, which the verify-only one lacks.
 * @typedef {import('./webhook.mjs').WebhookRaw & import('./share-token.mjs').TokenRaw & { canonicalize: Function, signWebhook: Function }} RawModule
 */

/**
 * @param {RawModule} raw  the wasm-bindgen exports
 * @param {Parameters<typeof webhookApi>[1]} [platform]
 */
export function createApi(raw, platform = {}) {
  // One guard (trap recovery, memory recycling: instance.mjs) for every part.
  raw = guarded(raw);
  const models = modelsApi(raw);
  return { ...webhookApi(raw, platform, models.parseWebhookEvent), ...shareTokenApi(raw), ...models };
}
