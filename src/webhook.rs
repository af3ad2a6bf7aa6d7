//! Webhook signature verification: `X-Signature-V2`, `X-Signature` (V1) and `X-Signature-Simple`.
//!
//! Checks, in order: `X-Timestamp` present and an integer (a header repeated with identical
//! values counts once); a signature header present; then `X-Signature-V2` over the canonical
//! body (see [`crate::canonical`]), then the same with ASCII escapes, then `X-Signature` over the
//! raw bytes, then — only when allowed — `X-Signature-Simple` over
//! `"{timestamp}:{session_id}:{status}:{webhook_type}"`. Once a signature matches, freshness is
//! judged on the delivery's **signed time**, never on `X-Timestamp` alone (no signature covers
//! that header, so an old delivery could be replayed with a fresh one):
//!
//! - V2 and V1: the body's top-level `timestamp` (an integer; a whole-valued float such as
//!   `1780000000.0` counts as its integer, as Didit's `shorten_floats` makes it), or `created_at`
//!   when `timestamp` is absent or `null` — the order the Didit-aware verifier `didit-sdk`
//!   (`webhooks.py`) uses. Didit's deliveries carry both (API notes §1.4.1, §1.5).
//! - Simple: the time in its message — the body's integer `timestamp`, else `X-Timestamp`
//!   itself (which the message then covers). `created_at` is not covered by Simple.
//!
//! `X-Timestamp` must equal the signed time ([`WebhookError::TimestampMismatch`]). A body
//! without a signed time is refused ([`WebhookError::TimestampUnsigned`]) unless
//! [`VerifyOptions::allow_unsigned_timestamp`] is set, which judges `X-Timestamp` alone and is
//! therefore replayable. [`Verified::time_source`] says which field bound the time. A stale or
//! future error is reported only after a signature matched, so it means the signature is genuine.
//!
//! Tags are compared in constant time ([`subtle::ConstantTimeEq`]); a signature header holding
//! several comma-separated values (repeated by a proxy) has each value tried. A mismatch is
//! opaque, except for hints about the headers and the *shape* of a secret (never its value).
//! The clock is a parameter: this module never reads the time.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

mod fast;
mod fields;

use crate::canonical::{self, DEFAULT_MAX_DEPTH};
use crate::error::{JsonError, WebhookError};
pub use crate::error::{SecretHint, SecretShape, TimeSource};
use fields::{canonical_with_fields, TopFields, TopValue};

/// The four headers a delivery carries, lower-case, in the order of [`WebhookHeaders`]' fields
/// (the wasm boundary takes them in this order; `js/rules.gen.mjs` lists them as `WEBHOOK_HEADERS`).
pub const HEADER_NAMES: [&str; 4] = [
    "x-timestamp",
    "x-signature-v2",
    "x-signature",
    "x-signature-simple",
];

/// At most this many secrets get their fast-path tags computed ahead across the wasm boundary
/// (`src/wasm.rs` holds them in a fixed array; `js/webhook.mjs` computes none for more). A handler
/// rotating its secret has two.
#[cfg_attr(not(any(test, target_arch = "wasm32")), allow(dead_code))]
pub(crate) const MAX_FAST_TAGS: usize = 4;

/// Didit's documented freshness window, in seconds.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// Which signature matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Method {
    /// `X-Signature-V2` over the canonical body with raw Unicode (`ensure_ascii=False`).
    V2,
    /// `X-Signature-V2` over the canonical body with `\uXXXX` escapes (`ensure_ascii=True`).
    V2Ascii,
    /// `X-Signature` over the raw body bytes.
    V1,
    /// `X-Signature-Simple`: authenticates only timestamp, session id, status and event type.
    Simple,
}

impl Method {
    /// Every method, in declaration order: `method as u8` is the index here, which the wasm
    /// boundary returns and `js/rules.gen.mjs` (`METHODS`) maps back to [`Method::as_str`].
    pub const ALL: [Method; 4] = [Method::V2, Method::V2Ascii, Method::V1, Method::Simple];

    /// `"v2"`, `"v2-ascii"`, `"v1"` or `"simple"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::V2 => "v2",
            Method::V2Ascii => "v2-ascii",
            Method::V1 => "v1",
            Method::Simple => "simple",
        }
    }
}

/// The header values a delivery carries (absent headers are `None`). A header that came more
/// than once is its values joined with `", "`, as RFC 9110 §5.3 combines them and as Node
/// delivers them (`"1780000000, 1780000000"`); [`CollectedHeaders`] does the joining.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookHeaders<'a> {
    /// `X-Timestamp`: Unix seconds.
    pub timestamp: Option<&'a str>,
    /// `X-Signature-V2`: hex HMAC of the canonical body.
    pub signature_v2: Option<&'a str>,
    /// `X-Signature`: hex HMAC of the raw body.
    pub signature_v1: Option<&'a str>,
    /// `X-Signature-Simple`: hex HMAC of `"{timestamp}:{session_id}:{status}:{webhook_type}"`.
    pub signature_simple: Option<&'a str>,
}

/// The four headers picked out of `(name, value)` pairs (names in any case), a repeated name's
/// values joined with `", "` so that none is dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollectedHeaders {
    values: [Option<String>; 4],
}

impl CollectedHeaders {
    /// Collects the pairs, e.g. from `http::HeaderMap::iter()` or a captured request.
    pub fn from_pairs<'p, I: IntoIterator<Item = (&'p str, &'p str)>>(pairs: I) -> Self {
        let mut c = CollectedHeaders::default();
        for (name, value) in pairs {
            let slot = HEADER_NAMES
                .iter()
                .position(|n| name.eq_ignore_ascii_case(n))
                .and_then(|i| c.values.get_mut(i));
            match slot {
                Some(Some(joined)) => {
                    joined.push_str(", ");
                    joined.push_str(value);
                }
                Some(empty) => *empty = Some(value.to_owned()),
                None => {}
            }
        }
        c
    }

    /// The collected values as [`WebhookHeaders`].
    pub fn headers(&self) -> WebhookHeaders<'_> {
        let [timestamp, signature_v2, signature_v1, signature_simple] = &self.values;
        WebhookHeaders {
            timestamp: timestamp.as_deref(),
            signature_v2: signature_v2.as_deref(),
            signature_v1: signature_v1.as_deref(),
            signature_simple: signature_simple.as_deref(),
        }
    }
}

/// Default maximum size of a delivery, 1 MiB. A webhook endpoint is a public URL, and a body is
/// canonicalized before its signature is known to be wrong; sorting a hostile body costs up to
/// ~20 MiB of memory and ~10-30 ms of CPU per MiB (`bench/hostile-cost.mjs`, docs/load.md), so the limit bounds
/// what one unauthenticated request costs. Didit's deliveries are a few KB (the largest observed,
/// a full KYC decision, 3.7 KB; AML hit lists and KYB registry data make tens of KB); 1 MiB is
/// what the Python community SDK's integrations accept (Express's raw-body parser: 100 KB).
/// [`canonical::canonicalize`] keeps its larger default ([`canonical::DEFAULT_MAX_BYTES`]): it is
/// a development tool, not on a request path.
pub const DEFAULT_MAX_BODY_BYTES: usize = 1024 * 1024;

/// The most values one signature header may hold (a header repeated by proxies); beyond this the
/// header is not tried, so that a hostile header cannot multiply the comparisons.
pub const MAX_SIGNATURE_VALUES: usize = 16;

/// Options for [`verify_webhook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Accepted distance between `X-Timestamp` and `now`, both directions. Default 300 s.
    pub tolerance_seconds: u64,
    /// Accept `X-Signature-Simple`, which does not authenticate the decision, metadata or
    /// vendor data. Default `false`.
    pub allow_simple: bool,
    /// Accept a body with no signed time (no integer `timestamp` or `created_at`), judging
    /// freshness on `X-Timestamp` alone. **Replayable**: no signature covers that header, so an
    /// old delivery of such a body verifies again with a fresh one. Default `false`.
    pub allow_unsigned_timestamp: bool,
    /// Maximum JSON nesting. Default [`DEFAULT_MAX_DEPTH`].
    pub max_depth: usize,
    /// Maximum body size in bytes. Default [`DEFAULT_MAX_BODY_BYTES`] (1 MiB).
    pub max_bytes: usize,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
            allow_simple: false,
            allow_unsigned_timestamp: false,
            max_depth: DEFAULT_MAX_DEPTH,
            max_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// An accepted delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verified {
    /// The signature that matched.
    pub method: Method,
    /// Index of the secret that matched (secret rotation).
    pub secret_index: usize,
    /// The delivery's signed time, Unix seconds (equal to `X-Timestamp`).
    pub timestamp: i64,
    /// Which field bound the time: the body's `timestamp` or `created_at`, or the header (signed
    /// only by Simple; otherwise accepted only with `allow_unsigned_timestamp`).
    pub time_source: TimeSource,
}

/// An HMAC-SHA256 implementation. [`RustCryptoHmac`] is the portable one; the JavaScript
/// binding can plug in the runtime's native one where it is synchronous (Node's `crypto`).
pub trait HmacSha256 {
    /// `HMAC-SHA256(key, message)`.
    fn hmac_sha256(&mut self, key: &[u8], message: &[u8]) -> [u8; 32];
}

/// HMAC-SHA256 from the RustCrypto `hmac` and `sha2` crates.
#[derive(Debug, Clone, Copy, Default)]
pub struct RustCryptoHmac;

impl HmacSha256 for RustCryptoHmac {
    fn hmac_sha256(&mut self, key: &[u8], message: &[u8]) -> [u8; 32] {
        // HMAC accepts keys of every length, so `new_from_slice` cannot fail.
        match Hmac::<Sha256>::new_from_slice(key) {
            Ok(mut mac) => {
                mac.update(message);
                mac.finalize().into_bytes().into()
            }
            Err(_) => [0; 32],
        }
    }
}

/// Verifies a delivery with the portable HMAC. `now_unix_seconds` is the caller's clock.
///
/// # Errors
/// Set-up errors, before any signature is tried: [`WebhookError::NoSecret`] (an empty list),
/// [`WebhookError::EmptySecret`] (an empty secret, usually an unset environment variable).
///
/// Header errors: [`WebhookError::TimestampMissing`] / [`WebhookError::TimestampInvalid`] /
/// [`WebhookError::TimestampConflict`] (`X-Timestamp` absent, not 1-15 decimal digits, or repeated
/// with different values); [`WebhookError::SignatureMissing`] (no signature header at all).
///
/// Body errors: [`WebhookError::Json`] when the body cannot be canonicalized (over
/// `options.max_bytes`, not UTF-8, not JSON Python accepts, deeper than `options.max_depth`);
/// [`WebhookError::BodyBase64`] when it is base64 of a JSON body (decode it first).
///
/// Verdicts: [`WebhookError::SignatureMismatch`] when no signature matches any secret (opaque:
/// at most a hint about the headers or a secret's shape). Once a signature matched:
/// [`WebhookError::TimestampMismatch`] (the body's signed time differs from `X-Timestamp`),
/// [`WebhookError::TimestampUnsigned`] (the body carries no signed time and
/// `options.allow_unsigned_timestamp` is off), [`WebhookError::TimestampStale`] /
/// [`WebhookError::TimestampFuture`] (the signed time is outside `options.tolerance_seconds` of
/// `now_unix_seconds`). These last four mean the signature itself is genuine.
pub fn verify_webhook<S: AsRef<[u8]>>(
    body: &[u8],
    headers: &WebhookHeaders<'_>,
    secrets: &[S],
    now_unix_seconds: i64,
    options: &VerifyOptions,
) -> Result<Verified, WebhookError> {
    verify_webhook_with(
        body,
        headers,
        secrets,
        now_unix_seconds,
        options,
        &mut RustCryptoHmac,
    )
}

/// [`verify_webhook`] with a chosen HMAC implementation.
///
/// # Errors
/// Exactly those of [`verify_webhook`].
pub fn verify_webhook_with<S: AsRef<[u8]>, M: HmacSha256>(
    body: &[u8],
    headers: &WebhookHeaders<'_>,
    secrets: &[S],
    now_unix_seconds: i64,
    options: &VerifyOptions,
    mac: &mut M,
) -> Result<Verified, WebhookError> {
    verify(body, headers, secrets, now_unix_seconds, options, mac, None)
}

/// The message whose HMAC the fast path compares with `X-Signature-V2` first: the body with its
/// `\uXXXX` escapes of non-ASCII characters decoded when it has any (Didit's raw body is
/// `ensure_ascii=True`, its V2 message raw Unicode), else the body itself (`Cow::Borrowed`).
/// `None` when the body's first bytes show that it cannot be canonical (whitespace between
/// tokens), so verification goes straight to the general path. A pure function of the body.
///
/// For callers whose native HMAC is asynchronous (Web Crypto): compute
/// `HMAC-SHA256(secret, message)` for each secret, in order, then call
/// [`verify_webhook_with_tags`] with the same body. A Didit delivery in its wire format then
/// needs no other HMAC.
#[must_use]
pub fn fast_path_message(body: &[u8]) -> Option<Cow<'_, [u8]>> {
    FastMessage::of(body).map(|f| f.decoded.map_or(Cow::Borrowed(body), Cow::Owned))
}

/// [`verify_webhook_with`], given the tags of [`fast_path_message`]`(body)` under each secret
/// (`fast_tags[i]` = `HMAC-SHA256(secrets[i], message)`), computed ahead by the caller. They
/// are compared with `X-Signature-V2` in constant time, as computed ones are; every other HMAC
/// (when they do not match) is computed with `mac`. Tags that are not one per secret are
/// ignored (every HMAC is then computed). The tags are trusted to be those HMACs: they must come
/// from the caller's own HMAC, never from the request.
///
/// # Errors
/// Exactly those of [`verify_webhook`].
pub fn verify_webhook_with_tags<S: AsRef<[u8]>, M: HmacSha256>(
    body: &[u8],
    headers: &WebhookHeaders<'_>,
    secrets: &[S],
    now_unix_seconds: i64,
    options: &VerifyOptions,
    mac: &mut M,
    fast_tags: &[[u8; 32]],
) -> Result<Verified, WebhookError> {
    let tags = (fast_tags.len() == secrets.len()).then_some(fast_tags);
    verify(body, headers, secrets, now_unix_seconds, options, mac, tags)
}

/// The fast path's view of a body (see [`fast_path_message`]).
pub(crate) struct FastMessage {
    /// The body has an escape of a non-ASCII character: its raw bytes are the ASCII variant.
    escaped: bool,
    /// Those escapes decoded (`None`: no escape, or an unpaired surrogate escape).
    pub(crate) decoded: Option<Vec<u8>>,
}

impl FastMessage {
    pub(crate) fn of(body: &[u8]) -> Option<Self> {
        if fast::surely_not_canonical(body) {
            return None;
        }
        let first_escape = fast::first_non_ascii_escape(body);
        Some(Self {
            escaped: first_escape.is_some(),
            decoded: first_escape.and_then(|from| fast::unescape_non_ascii(body, from)),
        })
    }
}

fn verify<S: AsRef<[u8]>, M: HmacSha256>(
    body: &[u8],
    headers: &WebhookHeaders<'_>,
    secrets: &[S],
    now_unix_seconds: i64,
    options: &VerifyOptions,
    mac: &mut M,
    fast_tags: Option<&[[u8; 32]]>,
) -> Result<Verified, WebhookError> {
    check_secrets(secrets)?;
    if body.len() > options.max_bytes {
        return Err(JsonError::TooLarge {
            limit: options.max_bytes,
            actual: body.len(),
        }
        .into());
    }
    let header_ts = parse_timestamp(headers.timestamp.ok_or(WebhookError::TimestampMissing)?)?;

    if headers.signature_v2.is_none()
        && headers.signature_v1.is_none()
        && headers.signature_simple.is_none()
    {
        return Err(WebhookError::SignatureMissing);
    }
    fn tags(s: &Option<Signatures>) -> &[[u8; 32]] {
        s.as_ref().map_or(&[], |s| &s.tags)
    }
    // X-Signature and X-Signature-Simple are parsed only when the fast path did not match.
    let v2 = headers.signature_v2.map(parse_signatures);
    let v2_tags = tags(&v2);
    // A body whose first bytes show whitespace between tokens (pretty-printed, re-serialised)
    // cannot be canonical, so it goes straight to the general path without a wasted HMAC.
    let fast = if v2_tags.is_empty() {
        None
    } else {
        FastMessage::of(body)
    };

    // One HMAC of the raw bytes per secret, computed at most once: it is the V1 tag, and also
    // the V2 tag whenever the raw body is already canonical. The caller's tags are these when the
    // fast path's message is the raw body.
    let mut raw_tags: Vec<Option<[u8; 32]>> = vec![None; secrets.len()];
    if let (Some(FastMessage { decoded: None, .. }), Some(given)) = (&fast, fast_tags) {
        for (slot, tag) in raw_tags.iter_mut().zip(given) {
            *slot = Some(*tag);
        }
    }
    let mut raw_tag = |mac: &mut M, i: usize| -> [u8; 32] {
        match raw_tags.get(i).copied().flatten() {
            Some(tag) => tag,
            None => {
                let tag = mac.hmac_sha256(secrets.get(i).map_or(&[][..], AsRef::as_ref), body);
                if let Some(slot) = raw_tags.get_mut(i) {
                    *slot = Some(tag);
                }
                tag
            }
        }
    };
    let matches = |mac: &mut M, expected: &[[u8; 32]], message: &[u8]| -> Option<usize> {
        secrets
            .iter()
            .position(|secret| any_equal(&mac.hmac_sha256(secret.as_ref(), message), expected))
    };
    // Once a signature matched: bind X-Timestamp to the signed time, then judge freshness.
    let finish = |method, secret_index, signed: SignedTime| {
        let (timestamp, time_source) = bind_time(signed, header_ts, options)?;
        check_freshness(
            timestamp,
            now_unix_seconds,
            options.tolerance_seconds,
            time_source,
        )?;
        Ok(Verified {
            method,
            secret_index,
            timestamp,
            time_source,
        })
    };

    // Fast path. Didit sends compact, key-sorted bodies, so the raw bytes often *are* the
    // canonical form. If the raw bytes (or their non-ASCII escapes decoded) carry the V2 tag, they
    // are byte for byte what Didit's signer produced, hence canonical: the V2 check has passed
    // without parsing, and the key order lets the signed time be read from the end.
    if let Some(fast) = &fast {
        // Escaped non-ASCII: Didit's raw body is `ensure_ascii=True`, while V2 is most likely
        // over raw Unicode, so try the decoded bytes first (this is also the documented order:
        // V2 before its ASCII variant).
        if let Some(unescaped) = &fast.decoded {
            let found = match fast_tags {
                Some(given) => given.iter().position(|tag| any_equal(tag, v2_tags)),
                None => matches(mac, v2_tags, unescaped),
            };
            if let Some(i) = found {
                return finish(Method::V2, i, body_time(unescaped));
            }
        }
        for i in 0..secrets.len() {
            if any_equal(&raw_tag(mac, i), v2_tags) {
                // Escaped non-ASCII means these bytes are the ASCII variant of the canonical form.
                let method = if fast.escaped {
                    Method::V2Ascii
                } else {
                    Method::V2
                };
                return finish(method, i, body_time(body));
            }
        }
    }

    let v1 = headers.signature_v1.map(parse_signatures);
    let simple = headers.signature_simple.map(parse_signatures);
    let (v1_tags, simple_tags) = (tags(&v1), tags(&simple));

    // General path: parse and canonicalize, then check in the documented order.
    let (canonical, fields) =
        canonical_with_fields(body, options.max_depth).map_err(|e| explain_json_error(e, body))?;

    if !v2_tags.is_empty() {
        // When the canonical form is the raw body, the fast path has already compared its tag.
        if *canonical != *body {
            if let Some(i) = matches(mac, v2_tags, &canonical) {
                return finish(Method::V2, i, body_time(&canonical));
            }
        }
        // The ASCII form differs only when the canonical form has a byte from 0x7F up.
        if let Cow::Owned(ascii) = canonical::to_ascii(&canonical) {
            if ascii != body {
                if let Some(i) = matches(mac, v2_tags, &ascii) {
                    return finish(Method::V2Ascii, i, body_time(&canonical));
                }
            }
        }
    }
    if !v1_tags.is_empty() {
        for i in 0..secrets.len() {
            if any_equal(&raw_tag(mac, i), v1_tags) {
                return finish(Method::V1, i, body_time(&canonical));
            }
        }
    }
    if options.allow_simple && !simple_tags.is_empty() {
        let header_text = first_value(headers.timestamp.unwrap_or(""));
        let message = simple_message(body, &fields, header_text);
        if let Some(i) = matches(mac, simple_tags, &message) {
            // The message carries the body's integer `timestamp`, else X-Timestamp itself.
            let signed = match int_field(fields.timestamp, body) {
                Some(t) => Ok((TimeSource::Timestamp, t)),
                None => Ok((TimeSource::Header, Some(header_ts))),
            };
            return finish(Method::Simple, i, signed);
        }
    }
    let too_many = [&v2, &v1, &simple]
        .iter()
        .any(|s| s.as_ref().is_some_and(|s| s.too_many));
    let hint = if v2.is_none() && v1.is_none() && !options.allow_simple {
        Some("only X-Signature-Simple is present, and Simple is not allowed")
    } else if too_many {
        Some("a signature header holds more than 16 comma-separated values, so it was not tried")
    } else {
        None
    };
    Err(WebhookError::SignatureMismatch {
        hint,
        secret: secret_hint(secrets),
    })
}

/// The signed time: its field and value (`None`: beyond 64 bits), or why there is none.
type SignedTime = Result<(TimeSource, Option<i64>), &'static str>;

/// A top-level member of canonical bytes, classified.
enum Member {
    Absent,
    Null,
    Int(Option<i64>),
    Other(&'static str),
}

fn member(c: &[u8], key: &[u8]) -> Member {
    let Some(value) =
        fast::sorted_member_range_from_end(c, key).and_then(|(start, end)| c.get(start..end))
    else {
        return Member::Absent;
    };
    match value.first() {
        Some(b'n') => Member::Null,
        Some(b'"') => Member::Other("a string"),
        Some(b't' | b'f') => Member::Other("a boolean"),
        Some(b'{') => Member::Other("an object"),
        Some(b'[') => Member::Other("an array"),
        // The canonical form writes whole-valued floats as integers (`shorten_floats`), so a
        // number with a fraction or exponent here is not a whole number of seconds.
        _ if value.iter().all(|b| b.is_ascii_digit() || *b == b'-') => {
            Member::Int(parse_int(value))
        }
        _ => Member::Other("a number with a fraction"),
    }
}

/// The signed time of a body in canonical form (compact, keys sorted): `timestamp`, or
/// `created_at` when `timestamp` is absent or `null`.
fn body_time(c: &[u8]) -> SignedTime {
    if c.first() != Some(&b'{') {
        return Err("the body is not a JSON object");
    }
    let ts = member(c, b"timestamp");
    let unusable = |field_is_timestamp: bool, what: &'static str| -> &'static str {
        match (field_is_timestamp, what) {
            (true, "a string") => "`timestamp` is a string; Didit sends an integer",
            (true, "a boolean") => "`timestamp` is a boolean",
            (true, "an object") => "`timestamp` is an object",
            (true, "an array") => "`timestamp` is an array",
            (true, _) => "`timestamp` is not a whole number of seconds",
            (false, "a string") => {
                "`timestamp` is absent or null, and `created_at` is a string; Didit sends an integer"
            }
            (false, _) => {
                "`timestamp` is absent or null, and `created_at` is not a whole number of seconds"
            }
        }
    };
    match ts {
        Member::Int(v) => Ok((TimeSource::Timestamp, v)),
        Member::Other(what) => Err(unusable(true, what)),
        Member::Absent | Member::Null => match member(c, b"created_at") {
            Member::Int(v) => Ok((TimeSource::CreatedAt, v)),
            Member::Other(what) => Err(unusable(false, what)),
            Member::Absent | Member::Null => Err(if matches!(ts, Member::Absent) {
                "no `timestamp` and no `created_at`"
            } else {
                "`timestamp` is null and there is no `created_at`"
            }),
        },
    }
}

/// X-Timestamp against the signed time: the time that bounds freshness, and its source.
fn bind_time(
    signed: SignedTime,
    header: i64,
    options: &VerifyOptions,
) -> Result<(i64, TimeSource), WebhookError> {
    match signed {
        Ok((source, Some(t))) if t == header => Ok((t, source)),
        Ok((source, body)) => Err(WebhookError::TimestampMismatch {
            source,
            body,
            header,
        }),
        Err(_) if options.allow_unsigned_timestamp => Ok((header, TimeSource::Header)),
        Err(reason) => Err(WebhookError::TimestampUnsigned { reason }),
    }
}

/// Whether `tag` equals any of `expected`, each compared in constant time.
fn any_equal(tag: &[u8; 32], expected: &[[u8; 32]]) -> bool {
    expected
        .iter()
        .fold(subtle::Choice::from(0), |acc, e| acc | tag.ct_eq(e))
        .into()
}

/// What looks wrong about the first secret whose shape is suspicious (never its value).
fn secret_hint<S: AsRef<[u8]>>(secrets: &[S]) -> Option<SecretHint> {
    secrets.iter().enumerate().find_map(|(index, s)| {
        let s = s.as_ref();
        let space = |b: Option<&u8>| matches!(b, Some(b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c));
        let shape = if space(s.first()) || space(s.last()) || s.starts_with(b"\xEF\xBB\xBF") {
            SecretShape::SurroundingWhitespace
        } else if s.len() >= 2 && matches!(s.first(), Some(b'"' | b'\'')) && s.first() == s.last() {
            SecretShape::Quoted
        } else if s.contains(&b',') {
            SecretShape::CommaList
        } else {
            return None;
        };
        Some(SecretHint { index, shape })
    })
}

/// A syntax error on a body that is base64 of JSON becomes [`WebhookError::BodyBase64`].
fn explain_json_error(e: JsonError, body: &[u8]) -> WebhookError {
    if matches!(e, JsonError::Syntax { .. }) && is_base64_of_json(body) {
        WebhookError::BodyBase64
    } else {
        e.into()
    }
}

/// Whether `body` is base64 (standard or URL-safe) text whose decoded bytes start, after
/// whitespace, with `{` or `[`.
fn is_base64_of_json(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let end = body
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    let t = body.get(start..end).unwrap_or_default();
    let sextet = |b: u8| match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    };
    let body_ok = t.len() >= 8
        && t.iter()
            .all(|&b| sextet(b).is_some() || b == b'=' || b == b'\n' || b == b'\r');
    if !body_ok {
        return false;
    }
    // The first 8 characters decode to 6 bytes.
    let mut bits = 0u64;
    for &b in t.iter().take(8) {
        bits = bits << 6 | u64::from(sextet(b).unwrap_or(0));
    }
    let decoded = bits.to_be_bytes();
    decoded
        .iter()
        .skip(2)
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{' || b == b'[')
}

/// The four headers of a delivery signed as Didit signs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedHeaders {
    /// `X-Timestamp`.
    pub timestamp: String,
    /// `X-Signature-V2` (canonical, raw Unicode).
    pub signature_v2: String,
    /// `X-Signature` (raw body).
    pub signature_v1: String,
    /// `X-Signature-Simple`.
    pub signature_simple: String,
}

/// Signs `body` as Didit does, for testing one's own handlers.
///
/// The timestamp is `timestamp` if given, else the body's signed time (`timestamp`, or
/// `created_at` when that is absent or null; see the module documentation), else
/// `now_unix_seconds`. A given timestamp that differs from the body's signed time is refused
/// ([`WebhookError::TimestampMismatch`]), and so is one that X-Timestamp cannot carry (negative,
/// more than 15 digits, or a body time beyond `i64`: [`WebhookError::TimestampInvalid`]),
/// because no verifier would accept the result. A body with no signed time is signed (with the
/// given time or `now`), but verifies by V2 or V1 only with `allow_unsigned_timestamp`.
///
/// # Errors
/// [`WebhookError::EmptySecret`] for an empty `secret`; [`WebhookError::Json`] when `body` cannot
/// be canonicalized (not UTF-8, not JSON Python accepts, deeper than
/// [`canonical::DEFAULT_MAX_DEPTH`]); [`WebhookError::TimestampMismatch`] and
/// [`WebhookError::TimestampInvalid`] for a timestamp no verifier would accept, as above.
pub fn sign_webhook(
    body: &[u8],
    secret: &[u8],
    timestamp: Option<i64>,
    now_unix_seconds: i64,
) -> Result<SignedHeaders, WebhookError> {
    sign_webhook_with(
        body,
        secret,
        timestamp,
        now_unix_seconds,
        &mut RustCryptoHmac,
    )
}

/// [`sign_webhook`] with a chosen HMAC implementation.
///
/// # Errors
/// Exactly those of [`sign_webhook`].
pub fn sign_webhook_with<M: HmacSha256>(
    body: &[u8],
    secret: &[u8],
    timestamp: Option<i64>,
    now_unix_seconds: i64,
    mac: &mut M,
) -> Result<SignedHeaders, WebhookError> {
    check_secrets(&[secret])?;
    let (canonical, fields) = canonical_with_fields(body, DEFAULT_MAX_DEPTH)?;
    let ts = match (timestamp, body_time(&canonical)) {
        // A signed time beyond i64 can never equal an X-Timestamp.
        (_, Ok((_, None))) => return Err(WebhookError::TimestampInvalid),
        (Some(t), Ok((source, Some(b)))) if t != b => {
            return Err(WebhookError::TimestampMismatch {
                source,
                body: Some(b),
                header: t,
            })
        }
        (Some(t), _) => t,
        (None, Ok((_, Some(b)))) => b,
        (None, Err(_)) => now_unix_seconds,
    };
    // What `parse_timestamp` accepts; anything else would sign a delivery no verifier accepts.
    if !(0..=MAX_TIMESTAMP).contains(&ts) {
        return Err(WebhookError::TimestampInvalid);
    }
    let ts_text = msg!(ts);
    let simple = simple_message(body, &fields, &ts_text);
    Ok(SignedHeaders {
        signature_v2: hex(&mac.hmac_sha256(secret, &canonical)),
        signature_v1: hex(&mac.hmac_sha256(secret, body)),
        signature_simple: hex(&mac.hmac_sha256(secret, &simple)),
        timestamp: ts_text,
    })
}

fn check_secrets<S: AsRef<[u8]>>(secrets: &[S]) -> Result<(), WebhookError> {
    if secrets.is_empty() {
        return Err(WebhookError::NoSecret);
    }
    match secrets.iter().position(|s| s.as_ref().is_empty()) {
        Some(index) => Err(WebhookError::EmptySecret { index }),
        None => Ok(()),
    }
}

/// The largest X-Timestamp accepted: 15 digits.
const MAX_TIMESTAMP: i64 = 999_999_999_999_999;

/// `X-Timestamp`: 1 to 15 ASCII digits (surrounding spaces and tabs ignored). A header that
/// came more than once (`"a, b"`) is accepted when every value is the same integer.
fn parse_timestamp(value: &str) -> Result<i64, WebhookError> {
    let parse_one = |v: &str| -> Option<i64> {
        if v.is_empty() || v.len() > 15 || !v.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        crate::scan::parse_i64(v.as_bytes())
    };
    if !value.contains(',') {
        return parse_one(trim_ows(value)).ok_or(WebhookError::TimestampInvalid);
    }
    let values: Vec<&str> = comma_values(value)
        .map(trim_ows)
        .filter(|v| !v.is_empty())
        .collect();
    let first = values.first().copied().and_then(parse_one);
    match first {
        Some(t) if values.iter().all(|v| parse_one(v) == Some(t)) => Ok(t),
        _ if values.len() > 1 => Err(WebhookError::TimestampConflict {
            count: values.len(),
        }),
        _ => Err(WebhookError::TimestampInvalid),
    }
}

/// The first value of a header that may have come more than once.
fn first_value(value: &str) -> &str {
    trim_ows(
        comma_values(value)
            .find(|v| !trim_ows(v).is_empty())
            .unwrap_or(""),
    )
}

/// The comma-separated values of a header, as `str::split(',')` gives them. By bytes (no byte of
/// a multi-byte character is a comma): core's `char` searcher is 0.17 KB gzip of WebAssembly.
fn comma_values(value: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(value);
    core::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b',') {
            Some(i) => {
                rest = r.get(i + 1..);
                r.get(..i)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Spaces and tabs around a header value (HTTP's optional whitespace).
fn trim_ows(v: &str) -> &str {
    trim_ascii_by(v, |c| c == b' ' || c == b'\t')
}

/// `v` without the ASCII bytes `trimmed` selects at either end. By bytes, not `trim_matches` (its
/// char decoding from both ends is 0.2 KB gzip of WebAssembly): the same result for an ASCII
/// selection, as no byte of a multi-byte character is ASCII.
pub(crate) fn trim_ascii_by(v: &str, trimmed: impl Fn(u8) -> bool) -> &str {
    let b = v.as_bytes();
    let start = b.iter().position(|&c| !trimmed(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|&c| !trimmed(c))
        .map_or(start, |i| i + 1);
    v.get(start..end).unwrap_or("")
}

fn check_freshness(
    timestamp: i64,
    now: i64,
    tolerance: u64,
    source: TimeSource,
) -> Result<(), WebhookError> {
    let age = i128::from(now) - i128::from(timestamp);
    let tol = i128::from(tolerance);
    let clamp = |v: i128| i64::try_from(v).unwrap_or(i64::MAX);
    if age > tol {
        Err(WebhookError::TimestampStale {
            age: clamp(age),
            tolerance,
            source,
        })
    } else if -age > tol {
        Err(WebhookError::TimestampFuture {
            ahead: clamp(-age),
            tolerance,
            source,
        })
    } else {
        Ok(())
    }
}

/// The value of an integer field: `None` when absent or not an integer, `Some(None)` when it
/// does not fit an `i64`.
fn int_field(field: Option<TopValue>, bytes: &[u8]) -> Option<Option<i64>> {
    match field {
        Some(TopValue::Int { start, end }) => Some(parse_int(bytes.get(start..end).unwrap_or(&[]))),
        _ => None,
    }
}

/// A JSON integer literal as `i64`, or `None` if it does not fit.
fn parse_int(text: &[u8]) -> Option<i64> {
    crate::scan::parse_i64(text)
}

/// The values of a signature header: each comma-separated value of 64 hex digits, decoded
/// (others cannot match and are skipped).
struct Signatures {
    tags: Vec<[u8; 32]>,
    /// More than [`MAX_SIGNATURE_VALUES`] values: none is tried.
    too_many: bool,
}

fn parse_signatures(value: &str) -> Signatures {
    let mut tags = Vec::new();
    for (n, v) in comma_values(value)
        .filter(|v| !trim_ows(v).is_empty())
        .enumerate()
    {
        if n >= MAX_SIGNATURE_VALUES {
            return Signatures {
                tags: Vec::new(),
                too_many: true,
            };
        }
        tags.extend(parse_signature(v));
    }
    Signatures {
        tags,
        too_many: false,
    }
}

/// 64 hex digits (either case, surrounding whitespace ignored) → 32 bytes.
fn parse_signature(value: &str) -> Option<[u8; 32]> {
    let v = trim_ows(value).as_bytes();
    if v.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(v.chunks_exact(2)) {
        let hi = hex_digit(*pair.first()?)?;
        let lo = hex_digit(*pair.get(1)?)?;
        *byte = hi << 4 | lo;
    }
    Some(out)
}

fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn hex(bytes: &[u8; 32]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(64);
    for b in bytes {
        s.push(char::from(
            HEX.get(usize::from(b >> 4)).copied().unwrap_or(b'0'),
        ));
        s.push(char::from(
            HEX.get(usize::from(b & 0xf)).copied().unwrap_or(b'0'),
        ));
    }
    s
}

/// `"{timestamp}:{session_id}:{status}:{webhook_type}"`: the body's integer `timestamp` (else the
/// header's), and the three strings decoded (absent or not a string: empty).
fn simple_message(body: &[u8], fields: &TopFields, header_timestamp: &str) -> Vec<u8> {
    let mut m = Vec::new();
    match fields.timestamp {
        // Python formats the parsed int: `-0` is `0`.
        Some(TopValue::Int { start, end }) => match body.get(start..end).unwrap_or(&[]) {
            b"-0" => m.push(b'0'),
            digits => m.extend_from_slice(digits),
        },
        _ => m.extend_from_slice(header_timestamp.as_bytes()),
    }
    for field in [fields.session_id, fields.status, fields.webhook_type] {
        m.push(b':');
        if let Some(TopValue::Str(tok)) = field {
            crate::scan::decode_into(tok.content(body), &mut m);
        }
    }
    m
}

#[cfg(test)]
mod tests {
    #[test]
    fn comma_values_as_split() {
        for v in [
            "",
            ",",
            ",,",
            "a",
            "a,b",
            ",a,",
            " a , b ,",
            "\u{e9},\u{1F600}",
            "1774970000, 1774970000",
        ] {
            let ours: Vec<&str> = super::comma_values(v).collect();
            let core: Vec<&str> = v.split(',').collect();
            assert_eq!(ours, core, "{v:?}");
        }
    }

    #[test]
    fn trim_ows_as_trim_matches() {
        for v in [
            "",
            " ",
            "\t \t",
            "a",
            " a ",
            "\ta b\t ",
            " \u{a0}x\u{a0} ",
            "\u{e9} ",
            "\r a \n",
            "  \u{1F600}\t",
        ] {
            let want = v.trim_matches(|c: char| c == ' ' || c == '\t');
            assert_eq!(super::trim_ows(v), want, "{v:?}");
        }
    }

    use super::*;

    // The worked example of the API reference notes (§1.4.3): not a Didit-issued vector, but
    // computed independently with Python's json and hmac.
    const SECRET: &[u8] = b"test_secret_43_chars_xxxxxxxxxxxxxxxxxxxxx";
    const BODY: &str = r#"{"webhook_type":"status.updated","session_id":"11111111-2222-3333-4444-555555555555","status":"Approved","timestamp":1774970000,"created_at":1774969994,"vendor_data":"user-1","metadata":{"name":"José Müller 日本"},"decision":{"face_matches":[{"score":92.0,"status":"Approved"}],"liveness_checks":[{"score":89.92}]}}"#;

    fn headers<'a>(
        v2: Option<&'a str>,
        v1: Option<&'a str>,
        simple: Option<&'a str>,
    ) -> WebhookHeaders<'a> {
        WebhookHeaders {
            timestamp: Some("1774970000"),
            signature_v2: v2,
            signature_v1: v1,
            signature_simple: simple,
        }
    }

    #[test]
    fn reference_example() {
        let o = VerifyOptions::default();
        let v2 = "2185520e70cc7f4498993d717069d131eabd9d663215697f4c3576075aee87f1";
        let v2a = "c771ac8b8a6310fb301b869bc9a5cbc4fa194aa4b71ada103af6b497f0f29f80";
        let simple = "1e6f39480319726821169d966492dbc542405e51e5e47e8764cbad34894a87b3";
        let r = verify_webhook(
            BODY.as_bytes(),
            &headers(Some(v2), None, None),
            &[SECRET],
            1774970100,
            &o,
        )
        .unwrap();
        assert_eq!(
            (r.method, r.secret_index, r.timestamp),
            (Method::V2, 0, 1774970000)
        );
        let r = verify_webhook(
            BODY.as_bytes(),
            &headers(Some(v2a), None, None),
            &[SECRET],
            1774970000,
            &o,
        )
        .unwrap();
        assert_eq!(r.method, Method::V2Ascii);
        let upper = v2.to_ascii_uppercase();
        let r = verify_webhook(
            BODY.as_bytes(),
            &headers(Some(&upper), None, None),
            &[b"old".as_slice(), SECRET],
            1774970000,
            &o,
        )
        .unwrap();
        assert_eq!((r.method, r.secret_index), (Method::V2, 1));
        let e = verify_webhook(
            BODY.as_bytes(),
            &headers(None, None, Some(simple)),
            &[SECRET],
            1774970000,
            &o,
        )
        .unwrap_err();
        assert_eq!(e.code(), "ERR_WEBHOOK_SIGNATURE_MISMATCH");
        let o2 = VerifyOptions {
            allow_simple: true,
            ..o
        };
        let r = verify_webhook(
            BODY.as_bytes(),
            &headers(None, None, Some(simple)),
            &[SECRET],
            1774970000,
            &o2,
        )
        .unwrap();
        assert_eq!(r.method, Method::Simple);
        let signed = sign_webhook(BODY.as_bytes(), SECRET, None, 0).unwrap();
        assert_eq!(
            (
                signed.signature_v2.as_str(),
                signed.signature_simple.as_str()
            ),
            (v2, simple)
        );
    }

    #[test]
    fn timestamps() {
        let o = VerifyOptions::default();
        let v2 = "2185520e70cc7f4498993d717069d131eabd9d663215697f4c3576075aee87f1";
        let body = BODY.as_bytes();
        let code = |h: WebhookHeaders<'_>, now| {
            verify_webhook(body, &h, &[SECRET], now, &o)
                .unwrap_err()
                .code()
        };
        assert_eq!(
            code(
                WebhookHeaders {
                    timestamp: None,
                    ..headers(Some(v2), None, None)
                },
                1774970000
            ),
            "ERR_WEBHOOK_TIMESTAMP_MISSING"
        );
        assert_eq!(
            code(
                WebhookHeaders {
                    timestamp: Some("12.5"),
                    ..headers(Some(v2), None, None)
                },
                1774970000
            ),
            "ERR_WEBHOOK_TIMESTAMP_INVALID"
        );
        assert_eq!(
            code(headers(Some(v2), None, None), 1774970301),
            "ERR_WEBHOOK_TIMESTAMP_STALE"
        );
        assert_eq!(
            code(headers(Some(v2), None, None), 1774969699),
            "ERR_WEBHOOK_TIMESTAMP_FUTURE"
        );
        assert!(verify_webhook(
            body,
            &headers(Some(v2), None, None),
            &[SECRET],
            1774970300,
            &o
        )
        .is_ok());
        assert!(verify_webhook(
            body,
            &headers(Some(v2), None, None),
            &[SECRET],
            1774969700,
            &o
        )
        .is_ok());
        let shifted = WebhookHeaders {
            timestamp: Some("1774970001"),
            ..headers(Some(v2), None, None)
        };
        assert_eq!(code(shifted, 1774970000), "ERR_WEBHOOK_TIMESTAMP_MISMATCH");
        assert_eq!(
            code(headers(None, None, None), 1774970000),
            "ERR_WEBHOOK_SIGNATURE_MISSING"
        );
    }
}
