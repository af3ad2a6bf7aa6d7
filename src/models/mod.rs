//! Typed models of Didit's payloads: session decisions (KYC and KYB), webhook events, import
//! responses and API errors.
//!
//! Each payload is first validated in one pass over its bytes against a table-driven schema
//! ([`validate`]): wrong JSON types are errors with a path (`decision.face_matches[0].score:
//! expected number, found string`); absent members and `null` are accepted everywhere (Didit
//! sends `null` for features a workflow has not run); members this version does not know are
//! kept. The report also lists statuses written in their other documented spelling (KYB's
//! `"IN_REVIEW"` for `"In Review"`), strings of a documented vocabulary this version does not
//! know (a new status: flagged, never an error), and integers beyond ±(2^53 − 1) in free-form
//! members (which JavaScript would round). The typed structs are then read from the parsed
//! [`Value`](crate::json::Value); numbers keep every digit, and `to_value` writes everything back,
//! unknown members included.
//!
//! ```
//! use didit_kit::models::{parse_session, vocab::SessionStatus, Session};
//!
//! let body = br#"{"session_id":"s-1","session_kind":"business","status":"IN_REVIEW","registry_checks":[]}"#;
//! let parsed = parse_session(body).unwrap();
//! match &parsed.model {
//!     Session::Kyb(kyb) => {
//!         let status = kyb.status.as_ref().unwrap();
//!         assert_eq!(*status, SessionStatus::InReview);
//!         assert_eq!((status.canonical(), status.raw()), ("In Review", "IN_REVIEW"));
//!     }
//!     Session::Kyc(_) => unreachable!(),
//! }
//! ```
#![forbid(unsafe_code)]

pub mod api;
pub mod error;
pub mod event;
pub(crate) mod field;
#[cfg(test)]
mod gen;
pub mod schema;
pub mod session;
pub mod validate;
pub mod vocab;

pub use api::{parse_import_response, ApiError, ApiErrorKind, ImportError};
pub use error::ModelError;
pub use event::WebhookEvent;
pub use field::{Loose, TextOrNumber, Timestamp};
pub use session::{KybSession, KycSession, Session};
pub use validate::{validate_bytes as validate, Issue, IssueCode, Report, Root};
pub use vocab::Status;

use crate::json;

/// Nesting limit (the same as the webhook verifier's: what CPython's `json` parses).
pub const MAX_DEPTH: usize = crate::scan::PYTHON_MAX_DEPTH;

/// A model and what its validation reported (status respellings, unknown vocabulary, big
/// integers).
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<T> {
    /// The model.
    pub model: T,
    /// The validation report (never has issues here).
    pub report: Report,
}

fn model_name(root: Root) -> &'static str {
    match root {
        Root::Session => "session decision",
        Root::WebhookEvent => "webhook event",
        Root::ImportResponse => "import response",
    }
}

fn checked(body: &[u8], root: Root) -> Result<(json::Value, Report), ModelError> {
    let report = validate_bytes_checked(body, root)?;
    let value = json::parse(body, MAX_DEPTH)?;
    Ok((value, report))
}

fn validate_bytes_checked(body: &[u8], root: Root) -> Result<Report, ModelError> {
    let report = validate::validate_bytes(body, root, MAX_DEPTH)?;
    if report.is_ok() {
        Ok(report)
    } else {
        Err(ModelError::Invalid {
            model: model_name(root),
            issues: report.issues,
            more: report.more_issues,
        })
    }
}

fn not_an_object(root: Root) -> ModelError {
    ModelError::Invalid {
        model: model_name(root),
        issues: vec![Issue {
            path: validate::Path::default(),
            code: IssueCode::Type,
            accepts: schema::mask::OBJ,
            found: "something else",
        }],
        more: 0,
    }
}

pub(crate) fn parse_session_as(body: &[u8], root: Root) -> Result<Parsed<Session>, ModelError> {
    let (value, report) = checked(body, root)?;
    let model = Session::read_as(&value, false).ok_or_else(|| not_an_object(root))?;
    Ok(Parsed { model, report })
}

/// Reads a session decision (`GET /v3/session/{id}/decision/`): KYB when `session_kind` is
/// `"business"`, else KYC. `session_id` and `status` are required.
pub fn parse_session(body: &[u8]) -> Result<Parsed<Session>, ModelError> {
    parse_session_as(body, Root::Session)
}

/// Reads a webhook delivery's body (verify it first: see [`crate::webhook`]). `webhook_type` is
/// required (or, in the nested KYB shape, `event` and `data`); session events also need
/// `session_id`, and `status.updated` needs `status`.
pub fn parse_webhook_event(body: &[u8]) -> Result<Parsed<WebhookEvent>, ModelError> {
    let (value, report) = checked(body, Root::WebhookEvent)?;
    let model = event::read_event(&value).ok_or_else(|| not_an_object(Root::WebhookEvent))?;
    Ok(Parsed { model, report })
}
