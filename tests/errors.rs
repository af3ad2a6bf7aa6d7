//! Walks every error variant: codes are unique, stable and `ERR_`-prefixed, messages are
//! lower-case and never empty, and the JS class is the one documented.

use std::collections::HashSet;

use didit_kit::error::Position;
use didit_kit::webhook::{SecretHint, SecretShape, TimeSource};
use didit_kit::{ErrorClass, JsonError, WebhookError};

fn all_json() -> Vec<JsonError> {
    let at = Position {
        offset: 7,
        line: 1,
        column: 8,
    };
    // Adding a variant without listing it here fails `every_variant_is_listed`.
    let v = vec![
        JsonError::TooLarge {
            limit: 10,
            actual: 11,
        },
        JsonError::InvalidUtf8 { offset: 3 },
        JsonError::Syntax {
            expected: "value",
            at,
        },
        JsonError::ControlCharacter { at },
        JsonError::InvalidEscape { at },
        JsonError::LoneSurrogate { at },
        JsonError::NanOrInfinity { at },
        JsonError::NumberOutOfRange { at },
        JsonError::NumberTooLong { at, digits: 4301 },
        JsonError::TooDeep { limit: 995, at },
    ];
    for e in &v {
        match e {
            JsonError::TooLarge { .. }
            | JsonError::InvalidUtf8 { .. }
            | JsonError::Syntax { .. }
            | JsonError::ControlCharacter { .. }
            | JsonError::InvalidEscape { .. }
            | JsonError::LoneSurrogate { .. }
            | JsonError::NanOrInfinity { .. }
            | JsonError::NumberOutOfRange { .. }
            | JsonError::NumberTooLong { .. }
            | JsonError::TooDeep { .. } => {}
            // `JsonError` is `#[non_exhaustive]`: `every_variant_is_listed` catches a new one.
            _ => unreachable!("{e:?} is not listed here"),
        }
    }
    v
}

fn all_webhook() -> Vec<WebhookError> {
    let v = vec![
        WebhookError::NoSecret,
        WebhookError::EmptySecret { index: 1 },
        WebhookError::TimestampMissing,
        WebhookError::TimestampInvalid,
        WebhookError::TimestampConflict { count: 2 },
        WebhookError::TimestampStale {
            age: 400,
            tolerance: 300,
            source: TimeSource::Timestamp,
        },
        WebhookError::TimestampFuture {
            ahead: 400,
            tolerance: 300,
            source: TimeSource::CreatedAt,
        },
        WebhookError::TimestampMismatch {
            source: TimeSource::CreatedAt,
            body: Some(1779913600),
            header: 1780000000,
        },
        WebhookError::TimestampUnsigned {
            reason: "no `timestamp` and no `created_at`",
        },
        WebhookError::SignatureMissing,
        WebhookError::SignatureMismatch {
            hint: None,
            secret: None,
        },
        WebhookError::BodyBase64,
        WebhookError::Json(JsonError::InvalidUtf8 { offset: 0 }),
    ];
    for e in &v {
        match e {
            WebhookError::NoSecret
            | WebhookError::EmptySecret { .. }
            | WebhookError::TimestampMissing
            | WebhookError::TimestampInvalid
            | WebhookError::TimestampConflict { .. }
            | WebhookError::TimestampStale { .. }
            | WebhookError::TimestampFuture { .. }
            | WebhookError::TimestampMismatch { .. }
            | WebhookError::TimestampUnsigned { .. }
            | WebhookError::SignatureMissing
            | WebhookError::SignatureMismatch { .. }
            | WebhookError::BodyBase64
            | WebhookError::Json(_) => {}
            // `WebhookError` is `#[non_exhaustive]`: `every_variant_is_listed` catches a new one.
            _ => unreachable!("{e:?} is not listed here"),
        }
    }
    v
}

/// The error enums are `#[non_exhaustive]`, so a match here can no longer prove the lists above
/// complete; `code()` in src/error.rs is still exhaustive inside the crate, and names each code
/// once, so the lists are complete when they yield every code it names.
#[test]
fn every_variant_is_listed() {
    let source = include_str!("../src/error.rs");
    // Every `"ERR_…"` literal in the file, without its prefix.
    let named: HashSet<&str> = source
        .split("\"ERR_")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let listed: HashSet<&str> = all_json()
        .iter()
        .map(|e| e.code())
        .chain(all_webhook().iter().map(|e| e.code()))
        .filter_map(|code| code.strip_prefix("ERR_"))
        .collect();
    assert_eq!(
        listed, named,
        "a variant of src/error.rs is missing from these lists"
    );
}

#[test]
fn every_variant_has_a_unique_code_and_a_message() {
    let mut codes = HashSet::new();
    for e in all_json() {
        assert!(e.code().starts_with("ERR_"), "{e:?}");
        assert!(codes.insert(e.code()), "duplicate code {}", e.code());
        let m = e.to_string();
        assert!(!m.is_empty() && !m.starts_with(char::is_uppercase), "{m}");
    }
    for e in all_webhook() {
        assert!(e.code().starts_with("ERR_"), "{e:?}");
        if !matches!(e, WebhookError::Json(_)) {
            assert!(codes.insert(e.code()), "duplicate code {}", e.code());
        }
        let m = e.to_string();
        assert!(!m.is_empty(), "{e:?}");
    }
    assert_eq!(codes.len(), 22);
}

#[test]
fn classes() {
    assert_eq!(WebhookError::NoSecret.class(), ErrorClass::RangeError);
    assert_eq!(
        WebhookError::SignatureMismatch {
            hint: None,
            secret: None
        }
        .class(),
        ErrorClass::Error
    );
    assert_eq!(
        JsonError::TooLarge {
            limit: 1,
            actual: 2
        }
        .class(),
        ErrorClass::RangeError
    );
    assert_eq!(
        WebhookError::from(JsonError::TooLarge {
            limit: 1,
            actual: 2
        })
        .code(),
        "ERR_BODY_TOO_LARGE"
    );
}

#[test]
fn mismatch_message_is_opaque() {
    assert_eq!(
        WebhookError::SignatureMismatch {
            hint: None,
            secret: None
        }
        .to_string(),
        "signature mismatch: check that the secret is this webhook's (Didit Console) and that the body is the raw request bytes, read before any JSON parsing"
    );
    // A secret hint names the secret's index and shape, never its value.
    for shape in [
        SecretShape::SurroundingWhitespace,
        SecretShape::Quoted,
        SecretShape::CommaList,
    ] {
        let m = WebhookError::SignatureMismatch {
            hint: None,
            secret: Some(SecretHint { index: 1, shape }),
        }
        .to_string();
        assert!(m.starts_with("signature mismatch (secret #1 "), "{m}");
    }
}

#[test]
fn time_errors_name_their_field() {
    let m = WebhookError::TimestampMismatch {
        source: TimeSource::CreatedAt,
        body: Some(1779913600),
        header: 1780000000,
    }
    .to_string();
    assert!(
        m.contains("1779913600") && m.contains("`created_at`") && m.contains("1780000000"),
        "{m}"
    );
    let m = WebhookError::TimestampStale {
        age: 86400,
        tolerance: 300,
        source: TimeSource::Timestamp,
    }
    .to_string();
    assert!(
        m.starts_with("signature matches, but the delivery is stale"),
        "{m}"
    );
    assert!(!m.contains("milliseconds"), "{m}");
    // A `now` in milliseconds makes any delivery thousands of years old: the message says so.
    let m = WebhookError::TimestampStale {
        age: 1_780_000_000_000 - 1_780_000_000,
        tolerance: 300,
        source: TimeSource::Timestamp,
    }
    .to_string();
    assert!(m.contains("`now` looks like milliseconds"), "{m}");
    let m = WebhookError::TimestampUnsigned {
        reason: "no `timestamp` and no `created_at`",
    }
    .to_string();
    assert!(
        m.contains("replayed") && m.contains("allow_unsigned_timestamp"),
        "{m}"
    );
}

#[cfg(feature = "share-token")]
#[test]
fn share_token_findings() {
    use didit_kit::token::{FindingCode as F, Severity};
    let all = [
        F::TooLarge,
        F::Whitespace,
        F::Wrapped,
        F::Truncated,
        F::Segments,
        F::Base64,
        F::Utf8,
        F::Json,
        F::NotObject,
        F::SignatureLength,
        F::SignaturePadding,
        F::AlgMissing,
        F::AlgNone,
        F::AlgUnexpected,
        F::TypUnexpected,
        F::DuplicateKey,
        F::ClaimMissing,
        F::ClaimType,
        F::ClaimNotUuid,
        F::ClaimNotInteger,
        F::ClaimTimeString,
        F::UnknownClaims,
        F::AudiencePresent,
        F::SessionKindDefaulted,
        F::SessionKindUnknown,
        F::Expired,
        F::ExpiresSoon,
        F::IssuedInFuture,
        F::NotYetValid,
        F::TtlOutOfRange,
        F::WrongApplication,
    ];
    for f in all {
        // Adding a variant without listing it here fails to compile.
        match f {
            F::TooLarge
            | F::Whitespace
            | F::Wrapped
            | F::Truncated
            | F::Segments
            | F::Base64
            | F::Utf8
            | F::Json
            | F::NotObject
            | F::SignatureLength
            | F::SignaturePadding
            | F::AlgMissing
            | F::AlgNone
            | F::AlgUnexpected
            | F::TypUnexpected
            | F::DuplicateKey
            | F::ClaimMissing
            | F::ClaimType
            | F::ClaimNotUuid
            | F::ClaimNotInteger
            | F::ClaimTimeString
            | F::UnknownClaims
            | F::AudiencePresent
            | F::SessionKindDefaulted
            | F::SessionKindUnknown
            | F::Expired
            | F::ExpiresSoon
            | F::IssuedInFuture
            | F::NotYetValid
            | F::TtlOutOfRange
            | F::WrongApplication => {}
            _ => unreachable!("{f:?} is not listed here"),
        }
    }
    // `FindingCode` is `#[non_exhaustive]`; its `ALL` is checked complete inside the crate.
    assert_eq!(
        all.iter().map(|f| f.code()).collect::<HashSet<_>>(),
        F::ALL.iter().map(|f| f.code()).collect::<HashSet<_>>(),
        "a finding is missing from this list"
    );
    let codes: HashSet<&str> = all.iter().map(|f| f.code()).collect();
    assert_eq!(codes.len(), all.len(), "codes are unique");
    for f in all {
        assert!(f.code().starts_with("SHARE_TOKEN_"), "{}", f.code());
        // Only refusals carry an import status; 403 is reserved for the application check.
        match f.severity() {
            Severity::Error => assert!(
                f.import_status() == Some(401)
                    || (f == F::WrongApplication && f.import_status() == Some(403))
                    // Where Didit's answer depends on code we cannot see, nothing is predicted.
                    || (matches!(
                        f,
                        F::SessionKindUnknown | F::TooLarge | F::Whitespace | F::SignaturePadding
                    ) && f.import_status().is_none()),
                "{}",
                f.code()
            ),
            Severity::Warning | Severity::Info => assert_eq!(f.import_status(), None),
            _ => unreachable!("a severity this test does not know"),
        }
    }
}
