//! Webhook signature verification: `X-Signature-V2`, `X-Signature` (V1) and `X-Signature-Simple`.
//!
//! Checks, in order: `X-Timestamp` present and an integer; within the tolerance of `now` (both
//! directions); equal to the body's top-level integer `timestamp` when there is one; then
//! `X-Signature-V2` over the canonical body (see [`crate::canonical`]), then the same with
//! ASCII escapes, then `X-Signature` over the raw bytes, then — only when allowed —
//! `X-Signature-Simple` over `"{timestamp}:{session_id}:{status}:{webhook_type}"`.
//!
//! Tags are compared in constant time ([`subtle::ConstantTimeEq`]). A mismatch is opaque.
//! The clock is a parameter: this module never reads the time.
#![forbid(unsafe_code)]

use std::borrow::Cow;

use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

mod fast;
mod fields;

use crate::canonical::{self, DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH};
use crate::error::WebhookError;
use fields::{canonical_with_fields, TopFields, TopValue};

/// Didit's documented freshness window, in seconds.
pub const DEFAULT_TOLERANCE_SECONDS: u64 = 300;

/// Which signature matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// The header values a delivery carries (absent headers are `None`).
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

impl<'a> WebhookHeaders<'a> {
    /// Picks the four headers out of `(name, value)` pairs, ignoring the case of names.
    pub fn from_pairs<I: IntoIterator<Item = (&'a str, &'a str)>>(pairs: I) -> Self {
        let mut h = WebhookHeaders::default();
        for (name, value) in pairs {
            let slot = if name.eq_ignore_ascii_case("x-timestamp") {
                &mut h.timestamp
            } else if name.eq_ignore_ascii_case("x-signature-v2") {
                &mut h.signature_v2
            } else if name.eq_ignore_ascii_case("x-signature") {
                &mut h.signature_v1
            } else if name.eq_ignore_ascii_case("x-signature-simple") {
                &mut h.signature_simple
            } else {
                continue;
            };
            *slot = Some(value);
        }
        h
    }
}

/// Options for [`verify_webhook`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifyOptions {
    /// Accepted distance between `X-Timestamp` and `now`, both directions. Default 300 s.
    pub tolerance_seconds: u64,
    /// Accept `X-Signature-Simple`, which does not authenticate the decision, metadata or
    /// vendor data. Default `false`.
    pub allow_simple: bool,
    /// Maximum JSON nesting. Default [`DEFAULT_MAX_DEPTH`].
    pub max_depth: usize,
    /// Maximum body size in bytes. Default [`DEFAULT_MAX_BYTES`].
    pub max_bytes: usize,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions {
            tolerance_seconds: DEFAULT_TOLERANCE_SECONDS,
            allow_simple: false,
            max_depth: DEFAULT_MAX_DEPTH,
            max_bytes: DEFAULT_MAX_BYTES,
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
    /// `X-Timestamp`, Unix seconds.
    pub timestamp: i64,
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
pub fn verify_webhook_with<S: AsRef<[u8]>, M: HmacSha256>(
    body: &[u8],
    headers: &WebhookHeaders<'_>,
    secrets: &[S],
    now_unix_seconds: i64,
    options: &VerifyOptions,
    mac: &mut M,
) -> Result<Verified, WebhookError> {
    check_secrets(secrets)?;
    if body.len() > options.max_bytes {
        return Err(crate::JsonError::TooLarge {
            limit: options.max_bytes,
            actual: body.len(),
        }
        .into());
    }
    let timestamp = parse_timestamp(headers.timestamp.ok_or(WebhookError::TimestampMissing)?)?;
    check_freshness(timestamp, now_unix_seconds, options.tolerance_seconds)?;

    let v2 = headers.signature_v2.map(parse_signature);
    let v1 = headers.signature_v1.map(parse_signature);
    let simple = headers.signature_simple.map(parse_signature);
    if v2.is_none() && v1.is_none() && simple.is_none() {
        return Err(WebhookError::SignatureMissing);
    }

    // One HMAC of the raw bytes per secret, computed at most once: it is the V1 tag, and also
    // the V2 tag whenever the raw body is already canonical.
    let mut raw_tags: Vec<Option<[u8; 32]>> = vec![None; secrets.len()];
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
    let matches = |mac: &mut M, expected: &[u8; 32], message: &[u8]| -> Option<usize> {
        secrets.iter().position(|secret| {
            bool::from(mac.hmac_sha256(secret.as_ref(), message).ct_eq(expected))
        })
    };
    let ok = |method, secret_index| {
        Ok(Verified {
            method,
            secret_index,
            timestamp,
        })
    };

    // Fast path. Didit sends compact, key-sorted bodies, so the raw bytes often *are* the
    // canonical form. If the raw bytes (or their non-ASCII escapes decoded) carry the V2 tag, they
    // are byte for byte what Didit's signer produced, hence canonical: the V2 check has passed
    // without parsing, and the key order lets the timestamp be read from the end. A body whose
    // first bytes show whitespace between tokens (pretty-printed, re-serialised) cannot be
    // canonical, so it goes straight to the general path without a wasted HMAC.
    if let Some(Some(sig)) = v2.filter(|_| !fast::surely_not_canonical(body)) {
        let first_escape = fast::first_non_ascii_escape(body);
        let bind =
            |c: &[u8]| check_binding(fast::sorted_member_from_end(c, b"timestamp"), c, timestamp);
        // Escaped non-ASCII: Didit's raw body is `ensure_ascii=True`, while V2 is most likely
        // over raw Unicode, so try the decoded bytes first (this is also the documented order:
        // V2 before its ASCII variant).
        if let Some(from) = first_escape {
            if let Some(unescaped) = fast::unescape_non_ascii(body, from) {
                if let Some(i) = matches(mac, &sig, &unescaped) {
                    bind(&unescaped)?;
                    return ok(Method::V2, i);
                }
            }
        }
        for i in 0..secrets.len() {
            if bool::from(raw_tag(mac, i).ct_eq(&sig)) {
                bind(body)?;
                // Escaped non-ASCII means these bytes are the ASCII variant of the canonical form.
                let method = if first_escape.is_some() {
                    Method::V2Ascii
                } else {
                    Method::V2
                };
                return ok(method, i);
            }
        }
    }

    // General path: parse and canonicalize, then check in the documented order.
    let (canonical, fields) = canonical_with_fields(body, options.max_depth)?;
    check_binding(fields.timestamp, body, timestamp)?;

    if let Some(Some(sig)) = v2 {
        // When the canonical form is the raw body, the fast path has already compared its tag.
        if *canonical != *body {
            if let Some(i) = matches(mac, &sig, &canonical) {
                return ok(Method::V2, i);
            }
        }
        // The ASCII form differs only when the canonical form has a byte from 0x7F up.
        if let Cow::Owned(ascii) = canonical::to_ascii(&canonical) {
            if ascii != body {
                if let Some(i) = matches(mac, &sig, &ascii) {
                    return ok(Method::V2Ascii, i);
                }
            }
        }
    }
    if let Some(Some(sig)) = v1 {
        for i in 0..secrets.len() {
            if bool::from(raw_tag(mac, i).ct_eq(&sig)) {
                return ok(Method::V1, i);
            }
        }
    }
    if options.allow_simple {
        if let Some(Some(sig)) = simple {
            let message = simple_message(body, &fields, headers.timestamp.unwrap_or("").trim());
            if let Some(i) = matches(mac, &sig, &message) {
                return ok(Method::Simple, i);
            }
        }
    }
    let hint = if v2.is_none() && v1.is_none() && !options.allow_simple {
        Some("only X-Signature-Simple is present, and Simple is not allowed")
    } else {
        None
    };
    Err(WebhookError::SignatureMismatch { hint })
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
/// The timestamp is `timestamp` if given, else the body's top-level integer `timestamp`, else
/// `now_unix_seconds`. A given timestamp that differs from the body's is refused
/// ([`WebhookError::TimestampMismatch`]), and so is one that X-Timestamp cannot carry (negative,
/// more than 15 digits, or a body `timestamp` beyond `i64`: [`WebhookError::TimestampInvalid`]),
/// because no verifier would accept the result.
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
pub fn sign_webhook_with<M: HmacSha256>(
    body: &[u8],
    secret: &[u8],
    timestamp: Option<i64>,
    now_unix_seconds: i64,
    mac: &mut M,
) -> Result<SignedHeaders, WebhookError> {
    check_secrets(&[secret])?;
    let (canonical, fields) = canonical_with_fields(body, DEFAULT_MAX_DEPTH)?;
    let ts = match (timestamp, int_field(fields.timestamp, body)) {
        // An integer `timestamp` beyond i64 can never equal an X-Timestamp.
        (_, Some(None)) => return Err(WebhookError::TimestampInvalid),
        (Some(t), Some(Some(b))) if t != b => return Err(WebhookError::TimestampMismatch),
        (Some(t), _) => t,
        (None, Some(Some(b))) => b,
        (None, None) => now_unix_seconds,
    };
    // What `parse_timestamp` accepts; anything else would sign a delivery no verifier accepts.
    if !(0..=MAX_TIMESTAMP).contains(&ts) {
        return Err(WebhookError::TimestampInvalid);
    }
    let ts_text = ts.to_string();
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

/// `X-Timestamp`: 1 to 15 ASCII digits (surrounding whitespace ignored).
fn parse_timestamp(value: &str) -> Result<i64, WebhookError> {
    let v = value.trim_matches(|c: char| c == ' ' || c == '\t');
    if v.is_empty() || v.len() > 15 || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WebhookError::TimestampInvalid);
    }
    v.parse().map_err(|_| WebhookError::TimestampInvalid)
}

fn check_freshness(timestamp: i64, now: i64, tolerance: u64) -> Result<(), WebhookError> {
    let age = i128::from(now) - i128::from(timestamp);
    let tol = i128::from(tolerance);
    let clamp = |v: i128| i64::try_from(v).unwrap_or(i64::MAX);
    if age > tol {
        Err(WebhookError::TimestampStale {
            age: clamp(age),
            tolerance,
        })
    } else if -age > tol {
        Err(WebhookError::TimestampFuture {
            ahead: clamp(-age),
            tolerance,
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

/// The body's top-level integer `timestamp`, when there is one, must equal `X-Timestamp`.
fn check_binding(
    field: Option<TopValue>,
    bytes: &[u8],
    timestamp: i64,
) -> Result<(), WebhookError> {
    match int_field(field, bytes) {
        Some(body_ts) if body_ts != Some(timestamp) => Err(WebhookError::TimestampMismatch),
        _ => Ok(()),
    }
}

/// A JSON integer literal as `i64`, or `None` if it does not fit.
fn parse_int(text: &[u8]) -> Option<i64> {
    core::str::from_utf8(text).ok()?.parse().ok()
}

/// 64 hex digits (either case, surrounding whitespace ignored) → 32 bytes.
fn parse_signature(value: &str) -> Option<[u8; 32]> {
    let v = value
        .trim_matches(|c: char| c == ' ' || c == '\t')
        .as_bytes();
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
fn simple_message(body: &[u8], fields: &TopFields<'_>, header_timestamp: &str) -> Vec<u8> {
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
