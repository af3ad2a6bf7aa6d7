//! Typed models of Didit's payloads: session decisions (KYC and KYB), webhook events, import
//! responses and API errors.
//!
//! Each payload is first validated in one pass over its bytes against a table-driven schema
//! ([`validate`](mod@validate)). Didit's types drift (v1/v2/v3 payloads), so a wrong JSON type fails the parse
//! only where the model cannot do without the member ([`validate::strict_members`]:
//! `session_id`, `status`, `session_kind`, `webhook_type`…); anywhere else the member is left out
//! of the typed model (it stays in `extra`) and listed in [`Report::dropped`] with its path
//! (`decision.face_matches[0].score: expected number, found string`). [`ParseOptions::STRICT`]
//! makes every wrong type an error. Absent members and `null` are accepted everywhere (Didit
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

#[allow(unused_imports)]
use crate::prelude::*;

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

pub use api::{
    parse_import_response, parse_import_response_with, ApiError, ApiErrorKind, ImportError,
};
pub use error::ModelError;
pub use event::WebhookEvent;
pub use field::{Loose, TextOrNumber, Timestamp};
pub use session::{KybSession, KycSession, Session};
pub use validate::{validate_bytes as validate, Issue, IssueCode, ParseOptions, Report, Root};
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
    /// The validation report (never has issues here; `dropped` lists what a tolerant parse left
    /// out).
    pub report: Report,
}

fn checked(
    body: &[u8],
    root: Root,
    options: ParseOptions,
) -> Result<(json::Value, Report), ModelError> {
    let report = validate_bytes_checked(body, root, options)?;
    let value = json::parse(body, MAX_DEPTH)?;
    Ok((value, report))
}

fn validate_bytes_checked(
    body: &[u8],
    root: Root,
    options: ParseOptions,
) -> Result<Report, ModelError> {
    let report = validate::validate_bytes_with(body, root, MAX_DEPTH, options)?;
    if report.is_ok() {
        Ok(report)
    } else {
        Err(ModelError::Invalid {
            model: root.label(),
            issues: report.issues,
            more: report.more_issues,
        })
    }
}

fn not_an_object(root: Root) -> ModelError {
    ModelError::Invalid {
        model: root.label(),
        issues: vec![Issue {
            path: validate::Path::default(),
            code: IssueCode::Type,
            accepts: schema::mask::OBJ,
            found: "something else",
        }],
        more: 0,
    }
}

pub(crate) fn parse_session_as(
    body: &[u8],
    root: Root,
    options: ParseOptions,
) -> Result<Parsed<Session>, ModelError> {
    let (value, report) = checked(body, root, options)?;
    let model = Session::read_as(&value, false).ok_or_else(|| not_an_object(root))?;
    Ok(Parsed { model, report })
}

/// Reads a session decision (`GET /v3/session/{id}/decision/`): KYB when `session_kind` is
/// `"business"`, else KYC. `session_id` and `status` are required. Tolerant of type drift
/// outside [`validate::strict_members`] (see [`parse_session_with`]).
///
/// # Errors
///
/// [`ModelError::Json`] for a body that is not JSON; [`ModelError::Invalid`] when `session_id`
/// or `status` is missing, a strict member has the wrong type, or the body is not an object.
pub fn parse_session(body: &[u8]) -> Result<Parsed<Session>, ModelError> {
    parse_session_as(body, Root::Session, ParseOptions::default())
}

/// [`parse_session`] with options ([`ParseOptions::STRICT`]: any wrong type is an error).
///
/// # Errors
///
/// As [`parse_session`]; in strict mode also any member of the wrong type.
pub fn parse_session_with(
    body: &[u8],
    options: ParseOptions,
) -> Result<Parsed<Session>, ModelError> {
    parse_session_as(body, Root::Session, options)
}

/// Reads a webhook delivery's body (verify it first: see [`crate::webhook`]). `webhook_type` is
/// required (or, in the nested KYB shape, `event` and `data`); session events also need
/// `session_id`, and `status.updated` needs `status`. Tolerant of type drift outside
/// [`validate::strict_members`].
///
/// # Errors
///
/// As [`parse_session`], with this model's required members.
pub fn parse_webhook_event(body: &[u8]) -> Result<Parsed<WebhookEvent>, ModelError> {
    parse_webhook_event_with(body, ParseOptions::default())
}

/// [`parse_webhook_event`] with options.
///
/// # Errors
///
/// As [`parse_webhook_event`]; in strict mode also any member of the wrong type.
pub fn parse_webhook_event_with(
    body: &[u8],
    options: ParseOptions,
) -> Result<Parsed<WebhookEvent>, ModelError> {
    let (value, report) = checked(body, Root::WebhookEvent, options)?;
    let model = event::read_event(&value).ok_or_else(|| not_an_object(Root::WebhookEvent))?;
    Ok(Parsed { model, report })
}
