//! Walks every error variant: codes are unique, stable and `ERR_`-prefixed, messages are
//! lower-case and never empty, and the JS class is the one documented.

use std::collections::HashSet;

use didit_kit::error::Position;
use didit_kit::{ErrorClass, JsonError, WebhookError};

fn all_json() -> Vec<JsonError> {
    let at = Position {
        offset: 7,
        line: 1,
        column: 8,
    };
    // Adding a variant without listing it here fails to compile below (exhaustive match).
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
        WebhookError::TimestampStale {
            age: 400,
            tolerance: 300,
        },
        WebhookError::TimestampFuture {
            ahead: 400,
            tolerance: 300,
        },
        WebhookError::TimestampMismatch,
        WebhookError::SignatureMissing,
        WebhookError::SignatureMismatch { hint: None },
        WebhookError::Json(JsonError::InvalidUtf8 { offset: 0 }),
    ];
    for e in &v {
        match e {
            WebhookError::NoSecret
            | WebhookError::EmptySecret { .. }
            | WebhookError::TimestampMissing
            | WebhookError::TimestampInvalid
            | WebhookError::TimestampStale { .. }
            | WebhookError::TimestampFuture { .. }
            | WebhookError::TimestampMismatch
            | WebhookError::SignatureMissing
            | WebhookError::SignatureMismatch { .. }
            | WebhookError::Json(_) => {}
        }
    }
    v
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
    assert_eq!(codes.len(), 19);
}

#[test]
fn classes() {
    assert_eq!(WebhookError::NoSecret.class(), ErrorClass::RangeError);
    assert_eq!(
        WebhookError::SignatureMismatch { hint: None }.class(),
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
        WebhookError::SignatureMismatch { hint: None }.to_string(),
        "signature mismatch"
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
        }
    }
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
        }
    }
}
