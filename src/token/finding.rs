//! The finding catalogue: every code, its severity, and what Didit's import would answer; plus
//! the helpers that keep token text short and printable in messages.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
/// [`assert_share_token_usable`](super::assert_share_token_usable) reports the same finding as an
/// error coded `ERR_` + code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FindingCode {
    /// Longer than the configured maximum; not decoded (the limit is ours, so no import status).
    TooLarge,
    /// Leading or trailing whitespace (the rest was inspected without it). Whether Didit's
    /// import trims it is not documented (PyJWT alone refuses it), so no status is predicted.
    Whitespace,
    /// Wrapped as pasted: a `Bearer ` prefix, an `Authorization:` line, quotes, a URL or query
    /// string, a JSON body, line breaks or other text around it (the token inside was inspected).
    Wrapped,
    /// The token is cut off: the signature is shorter than HS256's 43 characters, or missing.
    Truncated,
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
    /// The signature segment (only) has `=` padding: PyJWT 2.x accepts a single `=` that
    /// completes the last base64 quantum and refuses more; stricter decoders refuse any. Whether
    /// Didit's import accepts it depends on its decoder, so no status is predicted.
    SignaturePadding,
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
    /// A time claim is a string of digits: PyJWT reads it with `int()`, so Didit's import likely
    /// accepts it, but Didit writes numbers.
    ClaimTimeString,
    /// Claims Didit does not document.
    UnknownClaims,
    /// An `aud` claim: PyJWT refuses a token carrying one unless the decoder is given an
    /// audience, and Didit documents none.
    AudiencePresent,
    /// `session_kind` is absent: an older token, which Didit treats as `user`.
    SessionKindDefaulted,
    /// `session_kind` is neither `user` nor `business`: code cannot branch on it safely.
    SessionKindUnknown,
    /// `exp` has passed.
    Expired,
    /// Fewer seconds remain than the caller needs for the import call to land.
    ExpiresSoon,
    /// `iat` is ahead of the caller's clock by more than [`IAT_LEAD_ALLOWANCE_SECONDS`] (and the
    /// clock tolerance): this machine's clock looks behind Didit's. Didit judges `iat` with its
    /// own clock, which stamped it, so this alone does not make the import fail.
    ///
    /// [`IAT_LEAD_ALLOWANCE_SECONDS`]: super::IAT_LEAD_ALLOWANCE_SECONDS
    IssuedInFuture,
    /// `nbf` is in the future.
    NotYetValid,
    /// `exp - iat` is outside the 60…86400 s Didit mints.
    TtlOutOfRange,
    /// `for_application_id` is not the caller's application.
    WrongApplication,
}

impl FindingCode {
    /// Every finding, grouped as the pipeline meets them (the order of `ShareTokenFindingCode`
    /// in `js/index.d.ts`, generated from this list).
    pub const ALL: [FindingCode; 31] = [
        FindingCode::TooLarge,
        FindingCode::Whitespace,
        FindingCode::Wrapped,
        FindingCode::Truncated,
        FindingCode::Segments,
        FindingCode::Base64,
        FindingCode::Utf8,
        FindingCode::Json,
        FindingCode::NotObject,
        FindingCode::SignatureLength,
        FindingCode::SignaturePadding,
        FindingCode::AudiencePresent,
        FindingCode::AlgMissing,
        FindingCode::AlgNone,
        FindingCode::AlgUnexpected,
        FindingCode::TypUnexpected,
        FindingCode::DuplicateKey,
        FindingCode::ClaimMissing,
        FindingCode::ClaimType,
        FindingCode::ClaimNotUuid,
        FindingCode::ClaimNotInteger,
        FindingCode::ClaimTimeString,
        FindingCode::UnknownClaims,
        FindingCode::SessionKindDefaulted,
        FindingCode::SessionKindUnknown,
        FindingCode::Expired,
        FindingCode::ExpiresSoon,
        FindingCode::IssuedInFuture,
        FindingCode::NotYetValid,
        FindingCode::TtlOutOfRange,
        FindingCode::WrongApplication,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            FindingCode::TooLarge => "SHARE_TOKEN_TOO_LARGE",
            FindingCode::Whitespace => "SHARE_TOKEN_WHITESPACE",
            FindingCode::Wrapped => "SHARE_TOKEN_WRAPPED",
            FindingCode::Truncated => "SHARE_TOKEN_TRUNCATED",
            FindingCode::Segments => "SHARE_TOKEN_SEGMENTS",
            FindingCode::Base64 => "SHARE_TOKEN_BASE64",
            FindingCode::Utf8 => "SHARE_TOKEN_UTF8",
            FindingCode::Json => "SHARE_TOKEN_JSON",
            FindingCode::NotObject => "SHARE_TOKEN_NOT_OBJECT",
            FindingCode::SignatureLength => "SHARE_TOKEN_SIGNATURE_LENGTH",
            FindingCode::SignaturePadding => "SHARE_TOKEN_SIGNATURE_PADDING",
            FindingCode::AlgMissing => "SHARE_TOKEN_ALG_MISSING",
            FindingCode::AlgNone => "SHARE_TOKEN_ALG_NONE",
            FindingCode::AlgUnexpected => "SHARE_TOKEN_ALG_UNEXPECTED",
            FindingCode::TypUnexpected => "SHARE_TOKEN_TYP_UNEXPECTED",
            FindingCode::DuplicateKey => "SHARE_TOKEN_DUPLICATE_KEY",
            FindingCode::ClaimMissing => "SHARE_TOKEN_CLAIM_MISSING",
            FindingCode::ClaimType => "SHARE_TOKEN_CLAIM_TYPE",
            FindingCode::ClaimNotUuid => "SHARE_TOKEN_CLAIM_NOT_UUID",
            FindingCode::ClaimNotInteger => "SHARE_TOKEN_CLAIM_NOT_INTEGER",
            FindingCode::ClaimTimeString => "SHARE_TOKEN_CLAIM_TIME_STRING",
            FindingCode::UnknownClaims => "SHARE_TOKEN_UNKNOWN_CLAIMS",
            FindingCode::AudiencePresent => "SHARE_TOKEN_AUD_PRESENT",
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
            | FindingCode::Wrapped
            | FindingCode::Truncated
            | FindingCode::Segments
            | FindingCode::Base64
            | FindingCode::Utf8
            | FindingCode::Json
            | FindingCode::NotObject
            | FindingCode::SignatureLength
            | FindingCode::SignaturePadding
            | FindingCode::AudiencePresent
            | FindingCode::AlgMissing
            | FindingCode::AlgNone
            | FindingCode::AlgUnexpected
            | FindingCode::ClaimMissing
            | FindingCode::ClaimType
            | FindingCode::Expired
            | FindingCode::ExpiresSoon
            | FindingCode::NotYetValid
            | FindingCode::WrongApplication
            | FindingCode::SessionKindUnknown => Severity::Error,
            FindingCode::TypUnexpected
            | FindingCode::DuplicateKey
            | FindingCode::ClaimNotUuid
            | FindingCode::ClaimNotInteger
            | FindingCode::ClaimTimeString
            | FindingCode::IssuedInFuture
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
            // What Didit does with a kind it does not document is not documented either; whether
            // it trims whitespace or reads a padded signature depends on code we cannot see; the
            // size limit is ours (a token over it was not decoded, so nothing is predicted).
            Severity::Error
                if matches!(
                    self,
                    FindingCode::SessionKindUnknown
                        | FindingCode::TooLarge
                        | FindingCode::Whitespace
                        | FindingCode::SignaturePadding
                ) =>
            {
                None
            }
            Severity::Error => Some(401),
            Severity::Warning | Severity::Info => None,
        }
    }
}

impl FindingCode {
    /// What Didit's import endpoint answers for a token with this finding, and what to do: the
    /// status's answer ([`import_answer`]), except where the fix is not the status's usual one.
    /// `None` when the finding predicts no status ([`FindingCode::import_status`]).
    pub fn import_answer(self) -> Option<&'static str> {
        match self {
            // The token inside is fine; only the wrapping makes Didit answer 401 (found by a
            // first-time user told to ask for a new token when a `Bearer ` prefix was the cause).
            FindingCode::Wrapped => Some(WRAPPED_ANSWER),
            _ => self.import_status().map(import_answer),
        }
    }
}

/// [`FindingCode::Wrapped`]'s answer: Didit's words for 401, then the fix.
pub const WRAPPED_ANSWER: &str =
    "401 Unauthorized: \"Share token invalid or expired.\" Send the token inside the wrapping (unwrappedToken), not the text as pasted; it needs no new token.";

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
    pub(super) fn new(code: FindingCode, at: &'static str, message: impl Into<String>) -> Self {
        Finding {
            code,
            at,
            message: message.into(),
        }
    }
}

pub(super) fn quoted_list(names: &[&str]) -> String {
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

/// A value from the token, shortened and with control characters replaced, for a message.
pub(super) fn truncate(s: &str) -> String {
    let printable = |t: &str| -> String {
        let mut out = String::with_capacity(t.len());
        for c in t.chars() {
            out.push(if c.is_control() { '?' } else { c });
        }
        out
    };
    if s.len() <= 40 {
        printable(s)
    } else {
        let cut = (0..=40).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
        msg!(
            printable(s.get(..cut).unwrap_or("")),
            "… (",
            s.len(),
            " bytes)"
        )
    }
}

pub(super) fn human_duration(seconds: i64) -> String {
    let s = seconds.max(0);
    if s < 120 {
        msg!(s, " s")
    } else if s < 7200 {
        msg!(s / 60, " min ", s % 60, " s")
    } else if s < 172_800 {
        msg!(s / 3600, " h ", s / 60 % 60, " min")
    } else {
        msg!(s / 86_400, " days")
    }
}
