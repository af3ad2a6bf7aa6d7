//! Share tokens: looking inside the HS256 JWT that `POST /v3/session/{id}/share/` mints.
//!
//! **Inspection is advisory.** The token is signed with a key only Didit holds, so nobody else
//! can tell a genuine token from a forged one; Didit verifies it when the partner imports it.
//! What a partner *can* check without the key is whether a token is well formed, whether it has
//! expired (or will before the import lands), whether it is meant for their application, and
//! which kind of session (`user` = KYC, `business` = KYB) it carries. [`inspect_share_token`]
//! does all of that and never fails: it returns what it could read plus a list of [`Finding`]s,
//! each with a stable code, a severity and what Didit's import endpoint would answer.
//!
//! [`encode_hs256`] and [`verify_hs256`] mint and check tokens with a key *you* choose, for tests
//! and local emulators. They cannot verify a real Didit token.
#![forbid(unsafe_code)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::json::{self, write_json_string, Members, Scalar, Top, Value};
use crate::time::iso8601;

/// Shortest TTL Didit's share endpoint accepts (`ttl_in_seconds`).
pub const TTL_MIN_SECONDS: i64 = 60;
/// Longest TTL Didit's share endpoint accepts.
pub const TTL_MAX_SECONDS: i64 = 86_400;
/// TTL when `ttl_in_seconds` is not sent.
pub const TTL_DEFAULT_SECONDS: i64 = 3_600;
/// Default limit on a token's length. A Didit share token is about 360 bytes; 8 KiB is also the
/// header size most HTTP servers accept.
pub const DEFAULT_MAX_TOKEN_BYTES: usize = 8 * 1024;

/// The claims Didit puts in a share token, in the order it writes them.
pub const KNOWN_CLAIMS: [&str; 6] = [
    "session_id",
    "session_kind",
    "from_application_id",
    "for_application_id",
    "iat",
    "exp",
];

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Didit's import endpoint would refuse the token (or the token cannot be read).
    Error,
    /// Unusual, possibly not minted by Didit, but not by itself a reason for Didit to refuse it.
    Warning,
    /// Worth knowing (a defaulted claim, extra claims).
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What an inspection found. Each has a stable code ([`FindingCode::code`]); the strict
/// [`assert_share_token_usable`] reports the same finding as an error coded `ERR_` + code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingCode {
    /// Longer than the configured maximum; not decoded.
    TooLarge,
    /// Leading or trailing whitespace (the rest was inspected without it).
    Whitespace,
    /// Not three dot-separated segments.
    Segments,
    /// A segment is not unpadded base64url in canonical form.
    Base64,
    /// The header or payload is not UTF-8.
    Utf8,
    /// The header or payload is not JSON.
    Json,
    /// The header or payload is JSON but not an object.
    NotObject,
    /// The signature is not 32 bytes (HMAC-SHA256).
    SignatureLength,
    /// The header has no `alg`.
    AlgMissing,
    /// `alg` is `none`: an unsigned token.
    AlgNone,
    /// `alg` is something other than `HS256`.
    AlgUnexpected,
    /// `typ` is present and not `JWT`.
    TypUnexpected,
    /// The header or payload repeats a key (Python keeps the last one).
    DuplicateKey,
    /// A claim Didit always sets is absent.
    ClaimMissing,
    /// A claim has the wrong JSON type (or a time outside any sane range).
    ClaimType,
    /// An id claim is not a UUID.
    ClaimNotUuid,
    /// A time claim has a fraction.
    ClaimNotInteger,
    /// Claims Didit does not document.
    UnknownClaims,
    /// `session_kind` is absent: an older token, which Didit treats as `user`.
    SessionKindDefaulted,
    /// `session_kind` is neither `user` nor `business`: code cannot branch on it safely.
    SessionKindUnknown,
    /// `exp` has passed.
    Expired,
    /// Fewer seconds remain than the caller needs for the import call to land.
    ExpiresSoon,
    /// `iat` is in the future.
    IssuedInFuture,
    /// `nbf` is in the future.
    NotYetValid,
    /// `exp - iat` is outside the 60…86400 s Didit mints.
    TtlOutOfRange,
    /// `for_application_id` is not the caller's application.
    WrongApplication,
}

impl FindingCode {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            FindingCode::TooLarge => "SHARE_TOKEN_TOO_LARGE",
            FindingCode::Whitespace => "SHARE_TOKEN_WHITESPACE",
            FindingCode::Segments => "SHARE_TOKEN_SEGMENTS",
            FindingCode::Base64 => "SHARE_TOKEN_BASE64",
            FindingCode::Utf8 => "SHARE_TOKEN_UTF8",
            FindingCode::Json => "SHARE_TOKEN_JSON",
            FindingCode::NotObject => "SHARE_TOKEN_NOT_OBJECT",
            FindingCode::SignatureLength => "SHARE_TOKEN_SIGNATURE_LENGTH",
            FindingCode::AlgMissing => "SHARE_TOKEN_ALG_MISSING",
            FindingCode::AlgNone => "SHARE_TOKEN_ALG_NONE",
            FindingCode::AlgUnexpected => "SHARE_TOKEN_ALG_UNEXPECTED",
            FindingCode::TypUnexpected => "SHARE_TOKEN_TYP_UNEXPECTED",
            FindingCode::DuplicateKey => "SHARE_TOKEN_DUPLICATE_KEY",
            FindingCode::ClaimMissing => "SHARE_TOKEN_CLAIM_MISSING",
            FindingCode::ClaimType => "SHARE_TOKEN_CLAIM_TYPE",
            FindingCode::ClaimNotUuid => "SHARE_TOKEN_CLAIM_NOT_UUID",
            FindingCode::ClaimNotInteger => "SHARE_TOKEN_CLAIM_NOT_INTEGER",
            FindingCode::UnknownClaims => "SHARE_TOKEN_UNKNOWN_CLAIMS",
            FindingCode::SessionKindDefaulted => "SHARE_TOKEN_SESSION_KIND_DEFAULTED",
            FindingCode::SessionKindUnknown => "SHARE_TOKEN_SESSION_KIND_UNKNOWN",
            FindingCode::Expired => "SHARE_TOKEN_EXPIRED",
            FindingCode::ExpiresSoon => "SHARE_TOKEN_EXPIRES_SOON",
            FindingCode::IssuedInFuture => "SHARE_TOKEN_ISSUED_IN_FUTURE",
            FindingCode::NotYetValid => "SHARE_TOKEN_NOT_YET_VALID",
            FindingCode::TtlOutOfRange => "SHARE_TOKEN_TTL_OUT_OF_RANGE",
            FindingCode::WrongApplication => "SHARE_TOKEN_WRONG_APPLICATION",
        }
    }

    /// How serious it is.
    pub fn severity(self) -> Severity {
        match self {
            FindingCode::TooLarge
            | FindingCode::Whitespace
            | FindingCode::Segments
            | FindingCode::Base64
            | FindingCode::Utf8
            | FindingCode::Json
            | FindingCode::NotObject
            | FindingCode::SignatureLength
            | FindingCode::AlgMissing
            | FindingCode::AlgNone
            | FindingCode::AlgUnexpected
            | FindingCode::ClaimMissing
            | FindingCode::ClaimType
            | FindingCode::Expired
            | FindingCode::ExpiresSoon
            | FindingCode::IssuedInFuture
            | FindingCode::NotYetValid
            | FindingCode::WrongApplication
            | FindingCode::SessionKindUnknown => Severity::Error,
            FindingCode::TypUnexpected
            | FindingCode::DuplicateKey
            | FindingCode::ClaimNotUuid
            | FindingCode::ClaimNotInteger
            | FindingCode::TtlOutOfRange => Severity::Warning,
            FindingCode::UnknownClaims | FindingCode::SessionKindDefaulted => Severity::Info,
        }
    }

    /// The HTTP status Didit's import endpoint documents for this problem: 401 "Share token
    /// invalid or expired", 403 "Token not intended for your application". `None` where the
    /// finding alone would not make Didit refuse the token, or the docs say nothing.
    pub fn import_status(self) -> Option<u16> {
        match self.severity() {
            Severity::Error if self == FindingCode::WrongApplication => Some(403),
            // What Didit does with a kind it does not document is not documented either.
            Severity::Error if self == FindingCode::SessionKindUnknown => None,
            Severity::Error => Some(401),
            Severity::Warning | Severity::Info => None,
        }
    }
}

/// What Didit's import endpoint answers for a status, in its documentation's words plus what to do.
pub fn import_answer(status: u16) -> &'static str {
    match status {
        401 => "401 Unauthorized: \"Share token invalid or expired.\" Ask the sharing party for a new token.",
        403 => "403 Forbidden: \"Token not intended for your application, or session has already been imported.\"",
        _ => "",
    }
}

/// One thing an inspection found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Which finding.
    pub code: FindingCode,
    /// Where: `token`, `header`, `payload`, `signature`, or a claim as `payload.exp`.
    pub at: &'static str,
    /// A sentence for people. Never contains the token itself.
    pub message: String,
}

impl Finding {
    fn new(code: FindingCode, at: &'static str, message: impl Into<String>) -> Self {
        Finding {
            code,
            at,
            message: message.into(),
        }
    }
}

/// The kind of session a token carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionKind {
    /// A KYC (user verification) session.
    User,
    /// A KYB (business verification) session.
    Business,
}

impl SessionKind {
    /// `"user"` or `"business"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionKind::User => "user",
            SessionKind::Business => "business",
        }
    }
}

/// The claims, typed. `None` where a claim is absent or has the wrong type (a finding says which).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShareClaims {
    /// UUID of the source session, in the sharing application.
    pub session_id: Option<String>,
    /// The effective kind: the claim, or `User` when it is absent (as Didit's import does);
    /// `None` when the claim holds an unknown value.
    pub session_kind: Option<SessionKind>,
    /// Whether `session_kind` was absent and defaulted to `User`.
    pub session_kind_defaulted: bool,
    /// The claim's string as written, when it is a string.
    pub session_kind_raw: Option<String>,
    /// UUID of the sharing application.
    pub from_application_id: Option<String>,
    /// UUID of the application that may import it.
    pub for_application_id: Option<String>,
    /// Issued at, Unix seconds.
    pub iat: Option<i64>,
    /// Expires at, Unix seconds.
    pub exp: Option<i64>,
    /// Not before, Unix seconds (Didit does not set it).
    pub nbf: Option<i64>,
}

/// Options for [`inspect_share_token`]. `now` is required: the core never reads the clock.
#[derive(Debug, Clone, Copy)]
pub struct InspectOptions<'a> {
    /// The current time, Unix seconds.
    pub now: i64,
    /// Your application's UUID, to check `for_application_id` against.
    pub application_id: Option<&'a str>,
    /// Leeway for clock skew when judging `exp`, `iat` and `nbf`.
    pub clock_tolerance_seconds: u64,
    /// Flag a token with fewer seconds left than this (the time your import call needs to land).
    pub min_remaining_seconds: u64,
    /// Tokens longer than this are not decoded.
    pub max_token_bytes: usize,
}

impl InspectOptions<'_> {
    /// Defaults at the given time: no application check, no tolerance, 8 KiB limit.
    pub fn at(now: i64) -> Self {
        InspectOptions {
            now,
            application_id: None,
            clock_tolerance_seconds: 0,
            min_remaining_seconds: 0,
            max_token_bytes: DEFAULT_MAX_TOKEN_BYTES,
        }
    }
}

/// Everything an inspection could read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inspection {
    /// The decoded header as text, when it is JSON ([`Inspection::header`] parses it).
    pub header_json: Option<String>,
    /// The decoded payload (the claims as sent) as text, when it is JSON.
    pub payload_json: Option<String>,
    /// The header's `alg`, when it is a string.
    pub alg: Option<String>,
    /// The header's `typ`, when it is a string.
    pub typ: Option<String>,
    /// The typed claims.
    pub claims: ShareClaims,
    /// Length of the decoded signature, when it decodes.
    pub signature_bytes: Option<usize>,
    /// `exp - iat`.
    pub ttl_seconds: Option<i64>,
    /// `exp - now` (negative once expired).
    pub remaining_seconds: Option<i64>,
    /// The time the inspection judged against.
    pub now: i64,
    /// What was found, in the order the checks ran.
    pub findings: Vec<Finding>,
}

impl Inspection {
    /// The decoded header as a JSON value.
    pub fn header(&self) -> Option<Value> {
        self.header_json
            .as_deref()
            .and_then(|t| json::parse(t.as_bytes(), json::DEFAULT_VALUE_MAX_DEPTH).ok())
    }

    /// The decoded payload (the claims as sent) as a JSON value; numbers keep every digit.
    pub fn payload(&self) -> Option<Value> {
        self.payload_json
            .as_deref()
            .and_then(|t| json::parse(t.as_bytes(), json::DEFAULT_VALUE_MAX_DEPTH).ok())
    }

    /// The first finding of severity error: what Didit's import would refuse the token for.
    pub fn first_error(&self) -> Option<&Finding> {
        self.findings
            .iter()
            .find(|f| f.code.severity() == Severity::Error)
    }

    /// Whether no finding is an error.
    pub fn is_usable(&self) -> bool {
        self.first_error().is_none()
    }

    /// The inspection as one compact JSON object: the typed fields (camelCase) and the findings
    /// with code, severity, location, message and import status. The decoded header and payload
    /// are not repeated (see [`Inspection::header_json`]); times are Unix seconds. The JavaScript
    /// API builds its result from this, adding ISO times and the decoded claims on access.
    pub fn to_json(&self) -> String {
        let mut o = String::with_capacity(320 + 160 * self.findings.len());
        o.push_str("{\"usable\":");
        o.push_str(if self.is_usable() { "true" } else { "false" });
        o.push_str(",\"importStatus\":");
        write_opt_int(
            self.first_error()
                .and_then(|f| f.code.import_status())
                .map(i64::from),
            &mut o,
        );
        let c = &self.claims;
        o.push_str(",\"sessionId\":");
        write_opt_str(c.session_id.as_deref(), &mut o);
        o.push_str(",\"sessionKind\":");
        write_opt_str(c.session_kind.map(SessionKind::as_str), &mut o);
        o.push_str(",\"sessionKindDefaulted\":");
        o.push_str(if c.session_kind_defaulted {
            "true"
        } else {
            "false"
        });
        o.push_str(",\"fromApplicationId\":");
        write_opt_str(c.from_application_id.as_deref(), &mut o);
        o.push_str(",\"forApplicationId\":");
        write_opt_str(c.for_application_id.as_deref(), &mut o);
        o.push_str(",\"issuedAt\":");
        write_opt_int(c.iat, &mut o);
        o.push_str(",\"expiresAt\":");
        write_opt_int(c.exp, &mut o);
        o.push_str(",\"ttlSeconds\":");
        write_opt_int(self.ttl_seconds, &mut o);
        o.push_str(",\"remainingSeconds\":");
        write_opt_int(self.remaining_seconds, &mut o);
        o.push_str(",\"now\":");
        write_opt_int(Some(self.now), &mut o);
        o.push_str(",\"findings\":[");
        for (i, f) in self.findings.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str("{\"code\":\"");
            o.push_str(f.code.code());
            o.push_str("\",\"severity\":\"");
            o.push_str(f.code.severity().as_str());
            o.push_str("\",\"at\":\"");
            o.push_str(f.at);
            o.push_str("\",\"message\":");
            write_json_string(&f.message, &mut o);
            o.push_str(",\"importStatus\":");
            write_opt_int(f.code.import_status().map(i64::from), &mut o);
            o.push('}');
        }
        o.push_str("]}");
        o
    }
}

fn write_opt_str(v: Option<&str>, out: &mut String) {
    match v {
        Some(s) => write_json_string(s, out),
        None => out.push_str("null"),
    }
}

fn write_opt_int(v: Option<i64>, out: &mut String) {
    let Some(n) = v else {
        out.push_str("null");
        return;
    };
    // Decimal digits without core::fmt (slow in wasm, and this is the hot path of inspection).
    if n < 0 {
        out.push('-');
    }
    let mut m = n.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (m % 10) as u8;
        }
        m /= 10;
        if m == 0 || i == 0 {
            break;
        }
    }
    out.push_str(core::str::from_utf8(buf.get(i..).unwrap_or(&[])).unwrap_or("0"));
}

/// Whether `s` is a UUID in the 8-4-4-4-12 hex form (either case), as Didit writes ids.
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Strict base64url as JWTs use it (RFC 7515): no padding, no other alphabet, canonical last
/// symbol. Anything else cannot be a segment Didit wrote, so its signature cannot match.
fn decode_segment(seg: &str) -> Result<Vec<u8>, String> {
    URL_SAFE_NO_PAD
        .decode(seg)
        .map_err(|e| describe_base64_error(&e))
}

fn describe_base64_error(e: &base64::DecodeError) -> String {
    match *e {
        base64::DecodeError::InvalidByte(at, b) => {
            if b == b'=' {
                format!("has `=` padding at character {at}; JWT segments are unpadded")
            } else if b == b'+' || b == b'/' {
                format!(
                    "has `{}` at character {at}: standard base64, not base64url (`-` and `_`)",
                    char::from(b)
                )
            } else if b.is_ascii_graphic() {
                format!(
                    "has `{}` at character {at}, outside the base64url alphabet",
                    char::from(b)
                )
            } else {
                format!("has byte 0x{b:02x} at character {at}, outside the base64url alphabet")
            }
        }
        base64::DecodeError::InvalidLength(len) => {
            format!("has an impossible base64url length ({len} characters)")
        }
        base64::DecodeError::InvalidLastSymbol(at, _) => format!(
            "ends in a non-canonical symbol at character {at} (its unused bits are not zero)"
        ),
        base64::DecodeError::InvalidPadding => {
            "has `=` padding; JWT segments are unpadded base64url".to_owned()
        }
    }
}

/// The forgiving reading used after a strict failure has been reported, so that a pasted token
/// with padding, standard-base64 characters or line breaks still shows its contents.
fn decode_segment_leniently(seg: &str) -> Option<Vec<u8>> {
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const LENIENT: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::URL_SAFE,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(DecodePaddingMode::Indifferent)
            .with_decode_allow_trailing_bits(true),
    );
    let cleaned: String = seg
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| match c {
            '+' => '-',
            '/' => '_',
            c => c,
        })
        .collect();
    LENIENT.decode(cleaned.trim_end_matches('=')).ok()
}

/// Decodes a header or payload segment to text, recording findings.
fn decode_text(seg: &str, at: &'static str, findings: &mut Vec<Finding>) -> Option<String> {
    let bytes = match decode_segment(seg) {
        Ok(b) => b,
        Err(why) => {
            findings.push(Finding::new(FindingCode::Base64, at, format!("{at} {why}")));
            decode_segment_leniently(seg)?
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // json.loads accepts a leading byte-order mark in bytes; JSON.parse would not.
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Some(text)
        }
        Err(e) => {
            findings.push(Finding::new(
                FindingCode::Utf8,
                at,
                format!(
                    "{at} is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
            ));
            None
        }
    }
}

/// Reads decoded header or payload text: whether it is JSON, and its members when an object.
fn read_top<'t>(
    text: &'t str,
    at: &'static str,
    findings: &mut Vec<Finding>,
) -> (bool, Option<Members<'t>>) {
    match json::parse_top(text.as_bytes(), json::DEFAULT_VALUE_MAX_DEPTH) {
        Ok(Top::Object(members)) => {
            let dups = members.duplicate_keys();
            if !dups.is_empty() {
                findings.push(Finding::new(
                    FindingCode::DuplicateKey,
                    at,
                    format!(
                        "{at} repeats {}; Python (and so Didit) keeps the last value",
                        quoted_list(&dups)
                    ),
                ));
            }
            (true, Some(members))
        }
        Ok(Top::Other(kind)) => {
            findings.push(Finding::new(
                FindingCode::NotObject,
                at,
                format!("{at} is a JSON {kind}, not an object"),
            ));
            (true, None)
        }
        Err(e) => {
            findings.push(Finding::new(
                FindingCode::Json,
                at,
                if text.is_empty() {
                    format!("{at} is empty")
                } else {
                    format!("{at} is not JSON: {e}")
                },
            ));
            (false, None)
        }
    }
}

fn quoted_list(names: &[&str]) -> String {
    let mut s = String::new();
    for (i, n) in names.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        s.push('`');
        // Names come from the token: keep them short and printable in messages.
        s.extend(
            n.chars()
                .take(64)
                .map(|c| if c.is_control() { '?' } else { c }),
        );
        s.push('`');
    }
    s
}

const CLAIM_AT: [(&str, &str); 7] = [
    ("session_id", "payload.session_id"),
    ("session_kind", "payload.session_kind"),
    ("from_application_id", "payload.from_application_id"),
    ("for_application_id", "payload.for_application_id"),
    ("iat", "payload.iat"),
    ("exp", "payload.exp"),
    ("nbf", "payload.nbf"),
];

fn claim_at(name: &str) -> &'static str {
    CLAIM_AT
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("payload", |(_, at)| at)
}

/// Largest time claim accepted (year 9999); beyond it a claim is treated as mistyped.
const MAX_TIME: f64 = 253_402_300_799.0;

fn time_claim(
    claims: &Members<'_>,
    name: &'static str,
    findings: &mut Vec<Finding>,
) -> Option<i64> {
    let at = claim_at(name);
    match claims.get(name)? {
        Scalar::Number { raw, .. } => {
            let v: f64 = raw.parse().unwrap_or(f64::INFINITY);
            if !v.is_finite() || v.abs() > MAX_TIME {
                findings.push(Finding::new(
                    FindingCode::ClaimType,
                    at,
                    format!("`{name}` is {}, not a Unix time in seconds", truncate(raw)),
                ));
                return None;
            }
            if v.fract() != 0.0 {
                findings.push(Finding::new(
                    FindingCode::ClaimNotInteger,
                    at,
                    format!(
                        "`{name}` has a fraction ({}); Didit writes whole seconds",
                        truncate(raw)
                    ),
                ));
            }
            // Truncation toward zero, as Python's int() (and so PyJWT) reads it.
            Some(v.trunc() as i64)
        }
        other => {
            findings.push(Finding::new(
                FindingCode::ClaimType,
                at,
                format!(
                    "`{name}` is a {}, expected an integer of Unix seconds",
                    other.type_name()
                ),
            ));
            None
        }
    }
}

/// A value from the token, shortened and with control characters replaced, for a message.
fn truncate(s: &str) -> String {
    let printable = |t: &str| -> String {
        t.chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect()
    };
    if s.len() <= 40 {
        printable(s)
    } else {
        let cut = (0..=40).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        format!(
            "{}… ({} bytes)",
            printable(s.get(..cut).unwrap_or("")),
            s.len()
        )
    }
}

fn string_claim(
    claims: &Members<'_>,
    name: &'static str,
    uuid: bool,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let at = claim_at(name);
    match claims.get(name)? {
        Scalar::String(s) => {
            if uuid && !is_uuid(s) {
                findings.push(Finding::new(
                    FindingCode::ClaimNotUuid,
                    at,
                    format!("`{name}` is not a UUID"),
                ));
            }
            Some(s.to_string())
        }
        other => {
            findings.push(Finding::new(
                FindingCode::ClaimType,
                at,
                format!("`{name}` is a {}, expected a string", other.type_name()),
            ));
            None
        }
    }
}

/// Inspects a share token. Never fails: problems are [`Finding`]s.
pub fn inspect_share_token(token: &str, options: &InspectOptions<'_>) -> Inspection {
    let mut out = Inspection {
        now: options.now,
        ..Inspection::default()
    };
    let findings = &mut out.findings;
    if token.len() > options.max_token_bytes {
        findings.push(Finding::new(
            FindingCode::TooLarge,
            "token",
            format!(
                "token is {} bytes, more than the limit of {} (a Didit share token is about 360); not decoded",
                token.len(),
                options.max_token_bytes
            ),
        ));
        return out;
    }
    let trimmed = token.trim_matches(|c: char| c.is_ascii_whitespace());
    if trimmed.len() != token.len() {
        findings.push(Finding::new(
            FindingCode::Whitespace,
            "token",
            "token has leading or trailing whitespace; send it without (inspected without it)",
        ));
    }
    let segments: Vec<&str> = trimmed.split('.').collect();
    if segments.len() != 3 {
        let why = match segments.len() {
            1 if trimmed.is_empty() => "token is empty".to_owned(),
            1 => "token has no `.`: a JWT is header.payload.signature".to_owned(),
            2 => {
                "token has 2 segments: the signature is missing (a JWT is header.payload.signature)"
                    .to_owned()
            }
            5 => "token has 5 segments: that is an encrypted JWT (JWE), not a Didit share token"
                .to_owned(),
            n => format!("token has {n} segments, a JWT has 3 (header.payload.signature)"),
        };
        findings.push(Finding::new(FindingCode::Segments, "token", why));
        // Still read what can be read: a truncated paste often keeps header and payload.
        if segments.len() < 2 || trimmed.is_empty() {
            return out;
        }
    }
    let seg = |i: usize| segments.get(i).copied().unwrap_or("");

    let header_text = decode_text(seg(0), "header", findings);
    let (header_ok, header_obj) = match header_text.as_deref() {
        Some(t) => read_top(t, "header", findings),
        None => (false, None),
    };
    if let Some(h) = &header_obj {
        match h.get("alg") {
            None => findings.push(Finding::new(
                FindingCode::AlgMissing,
                "header",
                "header has no `alg`; Didit signs share tokens with HS256",
            )),
            Some(Scalar::String(alg)) => {
                if alg.eq_ignore_ascii_case("none") {
                    findings.push(Finding::new(
                        FindingCode::AlgNone,
                        "header",
                        "`alg` is `none`: an unsigned token, which no verifier should accept",
                    ));
                } else if alg != "HS256" {
                    findings.push(Finding::new(
                        FindingCode::AlgUnexpected,
                        "header",
                        format!(
                            "`alg` is `{}`; Didit signs share tokens with HS256",
                            truncate(alg)
                        ),
                    ));
                }
                out.alg = Some(alg.to_string());
            }
            Some(other) => findings.push(Finding::new(
                FindingCode::AlgUnexpected,
                "header",
                format!(
                    "`alg` is a {}, expected the string HS256",
                    other.type_name()
                ),
            )),
        }
        match h.get("typ") {
            None => {}
            Some(Scalar::String(t)) => {
                if !t.eq_ignore_ascii_case("JWT") {
                    findings.push(Finding::new(
                        FindingCode::TypUnexpected,
                        "header",
                        format!(
                            "`typ` is `{}`; Didit writes JWT or leaves it out",
                            truncate(t)
                        ),
                    ));
                }
                out.typ = Some(t.to_string());
            }
            Some(other) => findings.push(Finding::new(
                FindingCode::TypUnexpected,
                "header",
                format!("`typ` is a {}, expected the string JWT", other.type_name()),
            )),
        }
    }

    let payload_text = decode_text(seg(1), "payload", findings);
    let (payload_ok, claims) = match payload_text.as_deref() {
        Some(t) => read_top(t, "payload", findings),
        None => (false, None),
    };

    if segments.len() == 3 {
        let sig = seg(2);
        let alg_none = out
            .alg
            .as_deref()
            .is_some_and(|a| a.eq_ignore_ascii_case("none"));
        // Decoded on the stack: only the length matters (an oversized one is still reported).
        let mut stack = [0u8; 64];
        let decoded = if sig.len() <= 84 {
            URL_SAFE_NO_PAD
                .decode_slice(sig, &mut stack)
                .map_err(|e| match e {
                    base64::DecodeSliceError::DecodeError(e) => e,
                    base64::DecodeSliceError::OutputSliceTooSmall => {
                        base64::DecodeError::InvalidLength(sig.len())
                    }
                })
        } else {
            URL_SAFE_NO_PAD.decode(sig).map(|v| v.len())
        };
        match decoded.map_err(|e| describe_base64_error(&e)) {
            Ok(len) => {
                out.signature_bytes = Some(len);
                if len != 32 && !(alg_none && len == 0) {
                    findings.push(Finding::new(
                        FindingCode::SignatureLength,
                        "signature",
                        if len == 0 {
                            "signature is empty; an HS256 signature is 32 bytes".to_owned()
                        } else {
                            format!("signature is {len} bytes; an HS256 signature is 32 bytes")
                        },
                    ));
                }
            }
            Err(why) => findings.push(Finding::new(
                FindingCode::Base64,
                "signature",
                format!("signature {why}"),
            )),
        }
    }

    if let Some(claims) = claims {
        let c = &mut out.claims;
        for name in ["session_id", "from_application_id", "for_application_id"] {
            if claims.get(name).is_none() {
                findings.push(Finding::new(
                    FindingCode::ClaimMissing,
                    claim_at(name),
                    format!("claim `{name}` is missing; Didit always sets it"),
                ));
            }
        }
        c.session_id = string_claim(&claims, "session_id", true, findings);
        match claims.get("session_kind") {
            None => {
                c.session_kind = Some(SessionKind::User);
                c.session_kind_defaulted = true;
                findings.push(Finding::new(
                    FindingCode::SessionKindDefaulted,
                    "payload.session_kind",
                    "no `session_kind`: an older token; Didit imports it as a `user` (KYC) session",
                ));
            }
            Some(Scalar::String(kind)) => {
                c.session_kind_raw = Some(kind.to_string());
                c.session_kind = match kind.as_ref() {
                    "user" => Some(SessionKind::User),
                    "business" => Some(SessionKind::Business),
                    _ => {
                        findings.push(Finding::new(
                            FindingCode::SessionKindUnknown,
                            "payload.session_kind",
                            format!(
                                "`session_kind` is `{}`; Didit documents `user` and `business`",
                                truncate(kind)
                            ),
                        ));
                        None
                    }
                };
            }
            Some(other) => findings.push(Finding::new(
                FindingCode::ClaimType,
                "payload.session_kind",
                format!(
                    "`session_kind` is a {}, expected the string `user` or `business`",
                    other.type_name()
                ),
            )),
        }
        c.from_application_id = string_claim(&claims, "from_application_id", true, findings);
        c.for_application_id = string_claim(&claims, "for_application_id", true, findings);
        for name in ["iat", "exp"] {
            if claims.get(name).is_none() {
                findings.push(Finding::new(
                    FindingCode::ClaimMissing,
                    claim_at(name),
                    format!("claim `{name}` is missing; Didit always sets it"),
                ));
            }
        }
        c.iat = time_claim(&claims, "iat", findings);
        c.exp = time_claim(&claims, "exp", findings);
        c.nbf = time_claim(&claims, "nbf", findings);

        let unknown: Vec<&str> = claims
            .keys()
            .into_iter()
            .filter(|k| !KNOWN_CLAIMS.contains(k))
            .collect();
        if !unknown.is_empty() {
            findings.push(Finding::new(
                FindingCode::UnknownClaims,
                "payload",
                format!(
                    "claims Didit does not document: {}",
                    quoted_list(unknown.get(..8).unwrap_or(&unknown))
                ),
            ));
        }

        let now = options.now;
        let tol = i64::try_from(options.clock_tolerance_seconds).unwrap_or(i64::MAX);
        if let Some(exp) = c.exp {
            let remaining = exp.saturating_sub(now);
            out.remaining_seconds = Some(remaining);
            // PyJWT's rule (Didit's server is Python): expired once exp <= now - leeway.
            if exp <= now.saturating_sub(tol) {
                findings.push(Finding::new(
                    FindingCode::Expired,
                    "payload.exp",
                    format!(
                        "expired {} ago{}",
                        human_duration(remaining.saturating_neg()),
                        iso8601(exp).map_or(String::new(), |t| format!(" (at {t})"))
                    ),
                ));
            } else {
                let need = i64::try_from(options.min_remaining_seconds).unwrap_or(i64::MAX);
                if need > 0 && remaining < need {
                    findings.push(Finding::new(
                        FindingCode::ExpiresSoon,
                        "payload.exp",
                        format!(
                            "expires in {}, less than the {} needed for the import call to land",
                            human_duration(remaining),
                            human_duration(need)
                        ),
                    ));
                }
            }
        }
        if let Some(iat) = c.iat {
            if iat > now.saturating_add(tol) {
                findings.push(Finding::new(
                    FindingCode::IssuedInFuture,
                    "payload.iat",
                    format!(
                        "issued {} in the future (is a clock wrong?)",
                        human_duration(iat.saturating_sub(now))
                    ),
                ));
            }
        }
        if let Some(nbf) = c.nbf {
            if nbf > now.saturating_add(tol) {
                findings.push(Finding::new(
                    FindingCode::NotYetValid,
                    "payload.nbf",
                    format!("not valid for another {}", human_duration(nbf - now)),
                ));
            }
        }
        if let (Some(iat), Some(exp)) = (c.iat, c.exp) {
            let ttl = exp.saturating_sub(iat);
            out.ttl_seconds = Some(ttl);
            if !(TTL_MIN_SECONDS..=TTL_MAX_SECONDS).contains(&ttl) {
                findings.push(Finding::new(
                FindingCode::TtlOutOfRange,
                "payload.exp",
                format!(
                    "lifetime exp - iat is {ttl} s; Didit mints {TTL_MIN_SECONDS}…{TTL_MAX_SECONDS} s, so this token was not minted as documented"
                ),
            ));
            }
        }
        if let (Some(mine), Some(target)) =
            (options.application_id, c.for_application_id.as_deref())
        {
            if !mine.eq_ignore_ascii_case(target) {
                let own = c
                    .from_application_id
                    .as_deref()
                    .is_some_and(|from| from.eq_ignore_ascii_case(mine));
                findings.push(Finding::new(
                FindingCode::WrongApplication,
                "payload.for_application_id",
                if own {
                    format!("token is for application {target}; your application minted it (it is for the partner to import)")
                } else {
                    format!("token is for application {target}, not yours ({mine})")
                },
            ));
            }
        }
    }
    out.header_json = header_text.filter(|_| header_ok);
    out.payload_json = payload_text.filter(|_| payload_ok);
    out
}

/// Which part of a token [`share_token_part`] returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The JOSE header.
    Header,
    /// The payload (the claims).
    Payload,
}

/// The decoded header or payload of a token as JSON text, read as [`inspect_share_token`] reads
/// it (surrounding whitespace ignored, a forgiving second reading of bad base64), or `None` when
/// it is absent, not UTF-8 or not JSON, or the token is longer than `max_token_bytes`.
pub fn share_token_part(token: &str, part: Part, max_token_bytes: usize) -> Option<String> {
    if token.len() > max_token_bytes {
        return None;
    }
    let trimmed = token.trim_matches(|c: char| c.is_ascii_whitespace());
    // As inspection does: a token without a `.` is not decoded at all.
    if !trimmed.contains('.') {
        return None;
    }
    let mut segments = trimmed.split('.');
    let seg = match part {
        Part::Header => segments.next()?,
        Part::Payload => segments.nth(1)?,
    };
    let mut ignored = Vec::new();
    let text = decode_text(seg, "header", &mut ignored)?;
    json::parse_top(text.as_bytes(), json::DEFAULT_VALUE_MAX_DEPTH).ok()?;
    Some(text)
}

fn human_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    if s < 120 {
        format!("{s} s")
    } else if s < 7200 {
        format!("{} min {} s", s / 60, s % 60)
    } else if s < 172_800 {
        format!("{} h {} min", s / 3600, s / 60 % 60)
    } else {
        format!("{} days", s / 86_400)
    }
}

/// Why a token is not usable, from [`assert_share_token_usable`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenError {
    /// The first error-severity finding.
    pub finding: Finding,
}

impl TokenError {
    /// `ERR_` + the finding's code.
    pub fn code(&self) -> String {
        format!("ERR_{}", self.finding.code.code())
    }
}

impl core::fmt::Display for TokenError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("share token not usable: ")?;
        f.write_str(&self.finding.message)?;
        if let Some(status) = self.finding.code.import_status() {
            write!(f, " (Didit's import would answer {status})")?;
        }
        Ok(())
    }
}

impl std::error::Error for TokenError {}

/// The strict twin of [`inspect_share_token`] for servers: the typed claims, or the first
/// problem. `options.application_id` should be set (the check is skipped without it).
pub fn assert_share_token_usable(
    token: &str,
    options: &InspectOptions<'_>,
) -> Result<ShareClaims, TokenError> {
    let inspection = inspect_share_token(token, options);
    match inspection.first_error() {
        Some(f) => Err(TokenError { finding: f.clone() }),
        None => Ok(inspection.claims),
    }
}

fn mac(key: &[u8], signing_input: &[u8]) -> [u8; 32] {
    // HMAC accepts keys of any length; new_from_slice cannot fail for it.
    let mut m = match <Hmac<Sha256> as Mac>::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => return [0; 32],
    };
    m.update(signing_input);
    m.finalize().into_bytes().into()
}

/// Why a test token could not be minted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MintError {
    /// The payload is not JSON.
    Json(crate::JsonError),
    /// The payload is JSON but not an object.
    NotObject,
    /// The key is empty.
    EmptyKey,
}

impl MintError {
    /// The stable code reported to JavaScript.
    pub fn code(&self) -> &'static str {
        match self {
            MintError::Json(e) => e.code(),
            MintError::NotObject => "ERR_SHARE_TOKEN_CLAIMS_NOT_OBJECT",
            MintError::EmptyKey => "ERR_SHARE_TOKEN_KEY_EMPTY",
        }
    }
}

impl core::fmt::Display for MintError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            MintError::Json(e) => write!(f, "claims are not JSON: {e}"),
            MintError::NotObject => f.write_str("claims must be a JSON object"),
            MintError::EmptyKey => f.write_str("the signing key is empty"),
        }
    }
}

impl std::error::Error for MintError {}

/// Mints an HS256 JWT over `payload_json` (a JSON object) with a key you choose, the way PyJWT
/// does: header `{"alg":"HS256","typ":"JWT"}`, the payload bytes as given except that every
/// character from U+007F up is `\u`-escaped (PyJWT's `json.dumps` default `ensure_ascii=True`).
/// Given the same compact JSON, the token is byte-identical to `jwt.encode(claims, key)`.
///
/// For tests and local emulators only: a real share token is signed with Didit's key.
pub fn encode_hs256(payload_json: &[u8], key: &[u8]) -> Result<String, MintError> {
    if key.is_empty() {
        return Err(MintError::EmptyKey);
    }
    match json::parse(payload_json, json::DEFAULT_VALUE_MAX_DEPTH).map_err(MintError::Json)? {
        Value::Object(_) => {}
        _ => return Err(MintError::NotObject),
    }
    let payload = crate::canonical::to_ascii(payload_json);
    let mut token = String::from("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."); // {"alg":"HS256","typ":"JWT"}
    URL_SAFE_NO_PAD.encode_string(payload.as_ref(), &mut token);
    let tag = mac(key, token.as_bytes());
    token.push('.');
    URL_SAFE_NO_PAD.encode_string(tag, &mut token);
    Ok(token)
}

/// Whether `token` is an HS256 JWT whose signature `key` produced. Compared in constant time.
/// Any other `alg` (including `none`) or a malformed token is `false`.
///
/// This cannot verify a real Didit share token: Didit's key is private to Didit.
pub fn verify_hs256(token: &str, key: &[u8]) -> bool {
    let mut parts = token.splitn(3, '.');
    let (Some(h), Some(p), Some(s)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    if s.contains('.') || key.is_empty() {
        return false;
    }
    let alg_ok = decode_segment(h)
        .ok()
        .and_then(|b| json::parse(&b, json::DEFAULT_VALUE_MAX_DEPTH).ok())
        .is_some_and(|v| {
            v.as_object()
                .and_then(|o| o.get("alg"))
                .and_then(Value::as_str)
                == Some("HS256")
        });
    let Ok(sig) = decode_segment(s) else {
        return false;
    };
    if !alg_ok || sig.len() != 32 || decode_segment(p).is_err() {
        return false;
    }
    let signing_input_len = h.len() + 1 + p.len();
    let Some(signing_input) = token.as_bytes().get(..signing_input_len) else {
        return false;
    };
    let expected = mac(key, signing_input);
    bool::from(expected.as_slice().ct_eq(&sig))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXNzaW9uX2lkIjoiMjBiYjNjM2ItNjE0Ni00MzlmLTg0YTQtYmQzMGQwMGFjNmEyIiwiZnJvbV9hcHBsaWNhdGlvbl9pZCI6ImRiZDIwZTM0LTQyZTktNGYyYy1iYTkxLWNmMDc2MjAxNmY2NCIsImZvcl9hcHBsaWNhdGlvbl9pZCI6ImE1ZjNiY2EyLTQ2ZTItNDExZS05MGVmLWE1ODA5MDBhNTdlZSIsImlhdCI6MTc1MzYzMDY2NiwiZXhwIjoxNzUzNjM0MjY2fQ.JJ9pNE_hqZsOtbR0XYZIWw4JzidjdEl279iUrsIkhGE";

    fn codes(i: &Inspection) -> Vec<&'static str> {
        i.findings.iter().map(|f| f.code.code()).collect()
    }

    #[test]
    fn documented_token() {
        let mut o = InspectOptions::at(1_753_630_700);
        o.application_id = Some("A5F3BCA2-46E2-411E-90EF-A580900A57EE");
        let i = inspect_share_token(DOC_TOKEN, &o);
        assert_eq!(codes(&i), vec!["SHARE_TOKEN_SESSION_KIND_DEFAULTED"]);
        assert!(i.is_usable());
        assert_eq!(i.claims.session_kind, Some(SessionKind::User));
        assert_eq!(i.ttl_seconds, Some(3600));
        assert_eq!(i.remaining_seconds, Some(3566));
        assert_eq!(i.signature_bytes, Some(32));
        let later = inspect_share_token(DOC_TOKEN, &InspectOptions::at(1_753_634_266));
        assert_eq!(
            later.first_error().map(|f| f.code),
            Some(FindingCode::Expired)
        );
    }

    #[test]
    fn mint_and_verify_round_trip() {
        let t = encode_hs256(br#"{"session_id":"x","n":"\u00e9\u00e9"}"#, b"k").unwrap();
        assert!(verify_hs256(&t, b"k"));
        assert!(!verify_hs256(&t, b"K"));
        assert!(!verify_hs256(DOC_TOKEN, b"k"));
        assert_eq!(encode_hs256(b"[1]", b"k"), Err(MintError::NotObject));
    }
}
