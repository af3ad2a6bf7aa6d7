// @ts-check
// GENERATED from the Rust core by src/gen.rs (DIDIT_KIT_UPDATE=1 cargo test --lib gen): do not edit.

/** Didit's share endpoint: `ttl_in_seconds` bounds and default, seconds (src/token/). */
export const TTL_MIN_SECONDS = 60;
export const TTL_MAX_SECONDS = 86400;
export const TTL_DEFAULT_SECONDS = 3600;
/** Longer tokens are not decoded, bytes. */
export const DEFAULT_MAX_TOKEN_BYTES = 8192;
/** What Didit's import endpoint answers for each status a finding predicts. */
export const IMPORT_ANSWERS = /** @type {Record<number, string>} */ ({
  401: "401 Unauthorized: \"Share token invalid or expired.\" Ask the sharing party for a new token.",
  403: "403 Forbidden: \"Token not intended for your application, or session has already been imported.\"",
});
/** Findings whose answer is not their status's (FindingCode::import_answer). */
export const IMPORT_ANSWER_BY_CODE = /** @type {Record<string, string>} */ ({
  SHARE_TOKEN_WRAPPED: "401 Unauthorized: \"Share token invalid or expired.\" Send the token inside the wrapping (unwrappedToken), not the text as pasted; it needs no new token.",
});
/** The form of the UUID arguments (application, session and workflow ids): 8-4-4-4-12 hex digits, either case (claims::UUID_GROUPS). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** A strict function's message: NOT_USABLE + the finding's message + ` (${WOULD_ANSWER} ${status})`. */
export const NOT_USABLE = "share token not usable: ";
export const WOULD_ANSWER = "Didit's import would answer";
/** The header Didit writes, as the core's report carries it (token::DIDIT_HEADER_JSON): built as an object literal rather than parsed. */
export const DIDIT_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
/** In the core's compact report, an id's length when the id is the claim of that name (report::FROM_CLAIMS). */
export const FROM_CLAIMS = -1;
/** In the core's compact report, the claims text's length when the claims come as parts, and a part's kind for a string (report::FROM_PARTS, PART_STRING). */
export const FROM_PARTS = -2;
export const PART_STRING = 0;
/** The claims a part names by index (claims::NAMES). */
export const CLAIM_NAMES = ["session_id", "session_kind", "from_application_id", "for_application_id", "iat", "exp", "nbf", "aud"];
/** Tokens whose UTF-8 may need more bytes than this are encoded exactly before they are written into the core's input, which keeps no larger input between inspections (token::KEEP_BYTES). */
export const LARGE_TOKEN_BYTES = 65536;
