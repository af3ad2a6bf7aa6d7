//! Errors of the core, one enum per domain, each with a stable `code` for JavaScript.
//!
//! The variant → code mappings are exhaustive `match`es with no `_` arm, so adding a variant
//! forces choosing its code; `tests/errors.rs` walks every variant.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::msg::Piece;

/// Which JavaScript error constructor an error maps to at the boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorClass {
    /// A plain `Error`: the input was read and judged (bad JSON, bad signature, stale timestamp).
    Error,
    /// A `TypeError`: an argument has the wrong type.
    TypeError,
    /// A `RangeError`: an argument has the right type but an unusable value.
    RangeError,
}

/// Where in the body an error was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Byte offset from the start of the body.
    pub offset: usize,
    /// 1-based line (lines end at `\n`).
    pub line: usize,
    /// 1-based column, counted in bytes from the start of the line.
    pub column: usize,
}

impl Position {
    /// Computes line and column of `offset` in `input` (only on the error path).
    pub(crate) fn at(input: &[u8], offset: usize) -> Self {
        let before = input.get(..offset).unwrap_or(input);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Position {
            offset,
            line,
            column: offset - line_start + 1,
        }
    }
}

display_via_piece!(Position, JsonError, SecretHint, WebhookError);

impl Piece for Position {
    fn push_to(&self, out: &mut String) {
        msg_to!(
            out,
            "line ",
            self.line,
            " column ",
            self.column,
            " (byte ",
            self.offset,
            ")"
        )
    }
}

/// Why a body could not be canonicalized. Python either rejects these bodies too, or accepts
/// them only through a non-JSON extension (`NaN`, `Infinity`) that Didit's signer cannot emit.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JsonError {
    /// The body is longer than the configured maximum (`max_bytes`).
    TooLarge {
        /// The configured maximum, in bytes.
        limit: usize,
        /// The body's length, in bytes.
        actual: usize,
    },
    /// The body is not valid UTF-8 (this includes UTF-8-encoded surrogates).
    InvalidUtf8 {
        /// Offset of the first byte that is not part of a valid UTF-8 sequence.
        offset: usize,
    },
    /// The JSON grammar is violated: `expected` says what was expected there.
    Syntax {
        /// What the parser expected, e.g. "`,` or `}`".
        expected: &'static str,
        /// Where.
        at: Position,
    },
    /// A raw control character (U+0000–U+001F) inside a string; JSON requires it escaped.
    ControlCharacter {
        /// Where.
        at: Position,
    },
    /// A backslash escape that JSON does not define, or a `\u` not followed by four hex digits.
    InvalidEscape {
        /// Where the backslash is.
        at: Position,
    },
    /// A `\uD800`–`\uDFFF` escape that is not part of a high-low surrogate pair. Python keeps it,
    /// then cannot encode the canonical form as UTF-8, so no V2 signature can exist for it.
    LoneSurrogate {
        /// Where the escape is.
        at: Position,
    },
    /// `NaN`, `Infinity` or `-Infinity`: accepted by Python's `json`, but not JSON.
    NanOrInfinity {
        /// Where.
        at: Position,
    },
    /// A number with a fraction or exponent that overflows a double to infinity (e.g. `1e999`).
    NumberOutOfRange {
        /// Where the number starts.
        at: Position,
    },
    /// An integer with more digits than Python converts (4300, CPython's
    /// `sys.get_int_max_str_digits()` default): Python's `json.loads` raises on it.
    NumberTooLong {
        /// Where the number starts.
        at: Position,
        /// How many digits it has.
        digits: usize,
    },
    /// Arrays and objects nested deeper than the configured limit.
    TooDeep {
        /// The configured limit.
        limit: usize,
        /// Where the container that crosses the limit opens.
        at: Position,
    },
}

impl JsonError {
    /// The stable code reported to JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            JsonError::TooLarge { .. } => "ERR_BODY_TOO_LARGE",
            JsonError::InvalidUtf8 { .. } => "ERR_JSON_INVALID_UTF8",
            JsonError::Syntax { .. } => "ERR_JSON_SYNTAX",
            JsonError::ControlCharacter { .. } => "ERR_JSON_CONTROL_CHARACTER",
            JsonError::InvalidEscape { .. } => "ERR_JSON_INVALID_ESCAPE",
            JsonError::LoneSurrogate { .. } => "ERR_JSON_LONE_SURROGATE",
            JsonError::NanOrInfinity { .. } => "ERR_JSON_NAN_OR_INFINITY",
            JsonError::NumberOutOfRange { .. } => "ERR_JSON_NUMBER_OUT_OF_RANGE",
            JsonError::NumberTooLong { .. } => "ERR_JSON_NUMBER_TOO_LONG",
            JsonError::TooDeep { .. } => "ERR_JSON_TOO_DEEP",
        }
    }

    /// The JavaScript error class.
    pub fn class(&self) -> ErrorClass {
        match self {
            JsonError::TooLarge { .. } => ErrorClass::RangeError,
            JsonError::InvalidUtf8 { .. }
            | JsonError::Syntax { .. }
            | JsonError::ControlCharacter { .. }
            | JsonError::InvalidEscape { .. }
            | JsonError::LoneSurrogate { .. }
            | JsonError::NanOrInfinity { .. }
            | JsonError::NumberOutOfRange { .. }
            | JsonError::NumberTooLong { .. }
            | JsonError::TooDeep { .. } => ErrorClass::Error,
        }
    }

    /// Byte offset of the problem, when it has one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            JsonError::TooLarge { .. } => None,
            JsonError::InvalidUtf8 { offset } => Some(*offset),
            JsonError::Syntax { at, .. }
            | JsonError::ControlCharacter { at }
            | JsonError::InvalidEscape { at }
            | JsonError::LoneSurrogate { at }
            | JsonError::NanOrInfinity { at }
            | JsonError::NumberOutOfRange { at }
            | JsonError::NumberTooLong { at, .. }
            | JsonError::TooDeep { at, .. } => Some(at.offset),
        }
    }
}

/// The likely cause and the fix, after a too-large body's sizes (the JS layer says the same for
/// the bodies it refuses before they reach the core: `js/rules.gen.mjs`, generated from this).
pub(crate) const TOO_LARGE_HINT: &str =
    "Didit's deliveries are a few KB, so this is most likely not a Didit \
delivery; if yours really are larger, raise maxBodyBytes (max_bytes in Rust), whose documentation \
says what each MiB costs";

impl Piece for JsonError {
    fn push_to(&self, out: &mut String) {
        match self {
            JsonError::TooLarge { limit, actual } => {
                msg_to!(
                    out,
                    "body is ",
                    actual,
                    " bytes, more than the maximum of ",
                    limit,
                    ": ",
                    TOO_LARGE_HINT
                )
            }
            JsonError::InvalidUtf8 { offset } => {
                msg_to!(out, "body is not valid UTF-8 at byte ", offset)
            }
            JsonError::Syntax { expected, at } => {
                msg_to!(out, "invalid JSON: expected ", expected, " at ", at)
            }
            JsonError::ControlCharacter { at } => {
                msg_to!(
                    out,
                    "invalid JSON: unescaped control character in string at ",
                    at
                )
            }
            JsonError::InvalidEscape { at } => {
                msg_to!(out, "invalid JSON: invalid escape in string at ", at)
            }
            JsonError::LoneSurrogate { at } => msg_to!(
                out,
                "unpaired surrogate escape at ",
                at,
                ": Python cannot encode it as UTF-8, so it cannot be signed"
            ),
            JsonError::NanOrInfinity { at } => {
                msg_to!(
                    out,
                    "invalid JSON: NaN and Infinity are not JSON numbers (at ",
                    at,
                    ")"
                )
            }
            JsonError::NumberOutOfRange { at } => {
                msg_to!(out, "number at ", at, " overflows a double to infinity")
            }
            JsonError::NumberTooLong { at, digits } => msg_to!(
                out,
                "integer at ",
                at,
                " has ",
                digits,
                " digits, more than Python's limit of 4300"
            ),
            JsonError::TooDeep { limit, at } => {
                msg_to!(out, "nesting deeper than ", limit, " levels at ", at)
            }
        }
    }
}

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
impl std::error::Error for JsonError {}

/// Which signed field bounded a delivery's freshness (see [`crate::webhook`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeSource {
    /// The body's top-level `timestamp` (an integer, or a whole-valued float).
    Timestamp,
    /// The body's top-level `created_at`, used when `timestamp` is absent or `null`.
    CreatedAt,
    /// `X-Timestamp` itself: signed only by `X-Signature-Simple` (whose message carries it when the
    /// body has no integer `timestamp`); otherwise accepted only with `allow_unsigned_timestamp`.
    Header,
}

impl TimeSource {
    /// Every source, in declaration order: `source as u8` is the index here, which the wasm
    /// boundary returns and `js/rules.gen.mjs` (`TIME_SOURCES`) maps back to [`TimeSource::as_str`].
    pub const ALL: [TimeSource; 3] = [
        TimeSource::Timestamp,
        TimeSource::CreatedAt,
        TimeSource::Header,
    ];

    /// `"timestamp"`, `"created_at"` or `"header"`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeSource::Timestamp => "timestamp",
            TimeSource::CreatedAt => "created_at",
            TimeSource::Header => "header",
        }
    }

    /// How a message names the time: "the body's `timestamp`", "X-Timestamp (unsigned)"...
    fn label(self) -> &'static str {
        match self {
            TimeSource::Timestamp => "the body's signed `timestamp`",
            TimeSource::CreatedAt => "the body's signed `created_at`",
            TimeSource::Header => "X-Timestamp",
        }
    }
}

/// What looks wrong about a secret, judged from its shape only (never printed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SecretShape {
    /// Starts or ends with whitespace (a newline kept from a `.env` file, a pasted space).
    SurroundingWhitespace,
    /// Starts and ends with the same quote (`"…"` or `'…'`): quotes kept from a `.env` or JSON file.
    Quoted,
    /// Holds a comma: probably several secrets (a rotation list) in one string.
    CommaList,
}

/// A hint on a signature mismatch: secret `index` has `shape`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SecretHint {
    /// Index of the secret in the list.
    pub index: usize,
    /// What looks wrong about it.
    pub shape: SecretShape,
}

impl Piece for SecretHint {
    fn push_to(&self, out: &mut String) {
        let i = self.index;
        match self.shape {
            SecretShape::SurroundingWhitespace => msg_to!(
                out,
                "secret #",
                i,
                " begins or ends with whitespace (a newline kept from a .env file?): \
                 secrets are used byte for byte, so trim it where you load it"
            ),
            SecretShape::Quoted => msg_to!(
                out,
                "secret #",
                i,
                " is wrapped in quotes (kept from a .env or JSON file?): \
                 secrets are used byte for byte, so remove the quotes where you load it"
            ),
            SecretShape::CommaList => msg_to!(
                out,
                "secret #",
                i,
                " contains a comma (several secrets in one string?): \
                 pass each secret as its own list item"
            ),
        }
    }
}

/// Why a webhook delivery was not accepted (or the call could not be made).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum WebhookError {
    /// No secret was given.
    NoSecret,
    /// A secret is empty (often an unset environment variable).
    EmptySecret {
        /// Index of the empty secret in the list.
        index: usize,
    },
    /// The `X-Timestamp` header is absent.
    TimestampMissing,
    /// The `X-Timestamp` header is not a decimal integer of Unix seconds (1 to 15 digits); when
    /// signing, the timestamp to sign could not be sent as one.
    TimestampInvalid,
    /// `X-Timestamp` came more than once (joined as `"a, b"` by Node or a proxy) with values that
    /// differ, or one of which is not an integer.
    TimestampConflict {
        /// How many values the header held.
        count: usize,
    },
    /// The delivery's signed time is older than `now - tolerance`. Reported only once a
    /// signature matched: a stale error means the signature is genuine.
    TimestampStale {
        /// Seconds between the signed time and `now`.
        age: i64,
        /// The tolerance in seconds.
        tolerance: u64,
        /// Which field the time came from.
        source: TimeSource,
    },
    /// The delivery's signed time is later than `now + tolerance` (reported once a signature
    /// matched).
    TimestampFuture {
        /// Seconds the signed time is ahead of `now`.
        ahead: i64,
        /// The tolerance in seconds.
        tolerance: u64,
        /// Which field the time came from.
        source: TimeSource,
    },
    /// The body's signed time (`timestamp`, else `created_at`) differs from `X-Timestamp`. The
    /// header is covered by no signature; binding it to the signed body field stops replays
    /// with a fresh header.
    TimestampMismatch {
        /// The body field the signed time came from.
        source: TimeSource,
        /// The body's value (`None`: beyond 64 bits).
        body: Option<i64>,
        /// `X-Timestamp`.
        header: i64,
    },
    /// The signature matched, but the signed data carries no usable time: the body has no
    /// integer `timestamp` or `created_at`. Its freshness would rest on `X-Timestamp` alone,
    /// which no signature covers, so an old delivery could be replayed with a fresh header.
    /// `allow_unsigned_timestamp` accepts such bodies (replayable).
    TimestampUnsigned {
        /// Why, e.g. "`timestamp` is a string".
        reason: &'static str,
    },
    /// None of `X-Signature-V2`, `X-Signature`, `X-Signature-Simple` is present.
    SignatureMissing,
    /// No signature matches. Deliberately opaque: it never says which byte or method was close;
    /// its message gives the usual causes (the wrong secret, a body that is not the raw bytes),
    /// the same for every mismatch.
    SignatureMismatch {
        /// A hint about the headers (never about the signature values), e.g. that only
        /// `X-Signature-Simple` was present but Simple is not allowed.
        hint: Option<&'static str>,
        /// What looks wrong about a secret's shape (never its value), if anything.
        secret: Option<SecretHint>,
    },
    /// The body is base64 text that decodes to JSON (an API gateway or a Lambda event with
    /// `isBase64Encoded`): the signature covers the decoded bytes.
    BodyBase64,
    /// The body could not be canonicalized.
    Json(JsonError),
}

impl WebhookError {
    /// The stable code reported to JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            WebhookError::NoSecret => "ERR_WEBHOOK_NO_SECRET",
            WebhookError::EmptySecret { .. } => "ERR_WEBHOOK_SECRET_EMPTY",
            WebhookError::TimestampMissing => "ERR_WEBHOOK_TIMESTAMP_MISSING",
            WebhookError::TimestampInvalid => "ERR_WEBHOOK_TIMESTAMP_INVALID",
            WebhookError::TimestampConflict { .. } => "ERR_WEBHOOK_TIMESTAMP_CONFLICT",
            WebhookError::TimestampStale { .. } => "ERR_WEBHOOK_TIMESTAMP_STALE",
            WebhookError::TimestampFuture { .. } => "ERR_WEBHOOK_TIMESTAMP_FUTURE",
            WebhookError::TimestampMismatch { .. } => "ERR_WEBHOOK_TIMESTAMP_MISMATCH",
            WebhookError::TimestampUnsigned { .. } => "ERR_WEBHOOK_TIMESTAMP_UNSIGNED",
            WebhookError::SignatureMissing => "ERR_WEBHOOK_SIGNATURE_MISSING",
            WebhookError::SignatureMismatch { .. } => "ERR_WEBHOOK_SIGNATURE_MISMATCH",
            WebhookError::BodyBase64 => "ERR_WEBHOOK_BODY_BASE64",
            WebhookError::Json(inner) => inner.code(),
        }
    }

    /// The JavaScript error class.
    pub fn class(&self) -> ErrorClass {
        match self {
            WebhookError::NoSecret | WebhookError::EmptySecret { .. } => ErrorClass::RangeError,
            WebhookError::TimestampMissing
            | WebhookError::TimestampInvalid
            | WebhookError::TimestampConflict { .. }
            | WebhookError::TimestampStale { .. }
            | WebhookError::TimestampFuture { .. }
            | WebhookError::TimestampMismatch { .. }
            | WebhookError::TimestampUnsigned { .. }
            | WebhookError::SignatureMissing
            | WebhookError::SignatureMismatch { .. }
            | WebhookError::BodyBase64 => ErrorClass::Error,
            WebhookError::Json(inner) => inner.class(),
        }
    }
}

impl Piece for WebhookError {
    fn push_to(&self, out: &mut String) {
        match self {
            WebhookError::NoSecret => out.push_str("no webhook secret given"),
            WebhookError::EmptySecret { index } => {
                msg_to!(
                    out,
                    "webhook secret #",
                    index,
                    " is empty (is the environment variable set?)"
                )
            }
            WebhookError::TimestampMissing => out.push_str("missing X-Timestamp header"),
            WebhookError::TimestampInvalid => {
                out.push_str("X-Timestamp header is not an integer number of Unix seconds")
            }
            WebhookError::TimestampConflict { count } => msg_to!(
                out,
                "X-Timestamp came more than once (",
                count,
                " values, joined with commas by the \
                 runtime or a proxy) and the values differ: send it once"
            ),
            WebhookError::TimestampStale {
                age,
                tolerance,
                source,
            } => {
                msg_to!(
                    out,
                    "signature matches, but the delivery is stale: ",
                    source.label(),
                    " is ",
                    age,
                    " s old, beyond the \
                     ",
                    tolerance,
                    " s tolerance"
                );
                // More than 3,000 years: `now` was given in milliseconds, not seconds.
                out.push_str(if *age > 100_000_000_000 {
                    " (`now` looks like milliseconds: it takes Unix seconds)"
                } else {
                    " (a retry, a replay, or a capture verified later?)"
                })
            }
            WebhookError::TimestampFuture {
                ahead,
                tolerance,
                source,
            } => msg_to!(
                out,
                "signature matches, but ",
                source.label(),
                " is ",
                ahead,
                " s in the future, beyond the ",
                tolerance,
                " s \
                 tolerance (is this machine's clock right, and is `now` in the right unit?)"
            ),
            WebhookError::TimestampMismatch {
                source,
                body,
                header,
            } => {
                msg_to!(
                    out,
                    "X-Timestamp ",
                    header,
                    " differs from ",
                    source.label()
                );
                match body {
                    Some(b) => msg_to!(out, " ", b),
                    None => out.push_str(" (beyond 64 bits)"),
                }
                out.push_str(": the header is covered by no signature, so it must agree with the signed body")
            }
            WebhookError::TimestampUnsigned { reason } => msg_to!(
                out,
                "the signed body carries no time (",
                reason,
                "): X-Timestamp alone is covered by no \
                 signature, so an old delivery could be replayed with a fresh header; \
                 allow_unsigned_timestamp (JS: allowUnsignedTimestamp) accepts such bodies, \
                 replayable"
            ),
            WebhookError::SignatureMissing => out.push_str(
                "no signature header (X-Signature-V2, X-Signature or X-Signature-Simple)",
            ),
            WebhookError::SignatureMismatch { hint, secret } => {
                out.push_str("signature mismatch");
                match (hint, secret) {
                    (None, None) => {}
                    (Some(h), None) => msg_to!(out, " (", h, ")"),
                    (None, Some(s)) => msg_to!(out, " (", s, ")"),
                    (Some(h), Some(s)) => msg_to!(out, " (", h, "; ", s, ")"),
                }
                // The same words for every mismatch without a hint (nothing about how close any
                // tag came): the two usual causes and their fixes.
                if hint.is_none() && secret.is_none() {
                    out.push_str(
                        ": check that the secret is this webhook's (Didit Console) and that the \
                         body is the raw request bytes, read before any JSON parsing",
                    );
                }
            }
            WebhookError::BodyBase64 => out.push_str(
                "body is base64 text that decodes to JSON, not the JSON itself (an API gateway or \
                 Lambda event with isBase64Encoded?): decode it and verify the decoded bytes \
                 (in JS, verifyLambdaEvent(event, secret) and lambdaWebhook do this)",
            ),
            WebhookError::Json(inner) => inner.push_to(out),
        }
    }
}

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
impl std::error::Error for WebhookError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WebhookError::Json(inner) => Some(inner),
            _ => None,
        }
    }
}

impl From<JsonError> for WebhookError {
    fn from(e: JsonError) -> Self {
        WebhookError::Json(e)
    }
}
