// @ts-check
// GENERATED from the Rust core by src/gen.rs (DIDIT_KIT_UPDATE=1 cargo test --lib gen): do not edit.

// Limits in bytes (canonical::DEFAULT_MAX_DEPTH, webhook::DEFAULT_MAX_BODY_BYTES,
// canonical::DEFAULT_MAX_BYTES, canonical::WASM_MAX_BYTES say why) and seconds.
export const DEFAULT_MAX_DEPTH = 995;
export const DEFAULT_MAX_BODY_BYTES = 1048576;
export const DEFAULT_MAX_DOCUMENT_BYTES = 16777216;
export const WASM_MAX_BODY_BYTES = 33554432;
export const DEFAULT_TOLERANCE_SECONDS = 300;
// The wasm verifyWebhook's result indices (Method::ALL, TimeSource::ALL), header arguments (HEADER_NAMES).
export const METHODS = /** @type {const} */ (["v2", "v2-ascii", "v1", "simple"]);
export const TIME_SOURCES = /** @type {const} */ (["timestamp", "created_at", "header"]);
export const WEBHOOK_HEADERS = ["x-timestamp", "x-signature-v2", "x-signature", "x-signature-simple"];
// After a too-large body's sizes (error.rs).
export const TOO_LARGE_HINT = "Didit's deliveries are a few KB, so this is most likely not a Didit delivery; if yours really are larger, raise maxBodyBytes (max_bytes in Rust), whose documentation says what each MiB costs";
// The wasm verifyWebhook takes Web Crypto's fast-path tags for up to this many secrets (webhook::MAX_FAST_TAGS).
export const MAX_FAST_TAGS = 4;
