//! Import responses and Didit API errors.
//!
//! `POST /v3/session/import-shared/` answers 201 with either a compact body (`session_id`,
//! `session_number`, `session_url`, `status`, `workflow_id`, …) or a full decision (older
//! reference example); both are read as a [`Session`]. Its documented errors are 401 (token
//! invalid or expired), 403 (not for this application, or already imported) and 404 (original
//! session gone, or `workflow_id` unknown); their body shape is not documented (Django REST
//! Framework's `{"detail": "…"}` elsewhere in the API), so it is read leniently.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use crate::json::{self, Value};

use super::error::ModelError;
use super::field::model;
use super::session::Session;
use super::validate::ParseOptions;
use super::Parsed;

type Json = Value;

model! {
    /// An error body (Django REST Framework style).
    ApiErrorBody {
        /// What went wrong (usually a string).
        detail: Json,
    }
}

/// What an HTTP error status from Didit's import endpoint means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400: not in the import page's table; a third-party digest of Didit's OpenAPI file says 400
    /// for an invalid, expired or wrong-target token.
    BadRequest,
    /// 401: "Share token invalid or expired."
    TokenInvalid,
    /// 403: "Token not intended for your application, or session has already been imported."
    /// (Elsewhere in the API, 403 also means a missing or revoked `x-api-key`.)
    Forbidden,
    /// 404: "Original session no longer exists." or "`workflow_id` not found in your application."
    NotFound,
    /// Another 4xx.
    OtherClientError,
    /// 5xx.
    ServerError,
    /// Not a 2xx, 4xx or 5xx.
    UnexpectedStatus,
}

impl ApiErrorKind {
    /// The kind of an HTTP status (which must not be 2xx).
    pub fn of_status(status: u16) -> Self {
        match status {
            400 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::TokenInvalid,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            402 | 405..=499 => ApiErrorKind::OtherClientError,
            500..=599 => ApiErrorKind::ServerError,
            _ => ApiErrorKind::UnexpectedStatus,
        }
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            ApiErrorKind::BadRequest => "ERR_IMPORT_BAD_REQUEST",
            ApiErrorKind::TokenInvalid => "ERR_IMPORT_TOKEN_INVALID",
            ApiErrorKind::Forbidden => "ERR_IMPORT_FORBIDDEN",
            ApiErrorKind::NotFound => "ERR_IMPORT_NOT_FOUND",
            ApiErrorKind::OtherClientError => "ERR_DIDIT_CLIENT_ERROR",
            ApiErrorKind::ServerError => "ERR_DIDIT_SERVER_ERROR",
            ApiErrorKind::UnexpectedStatus => "ERR_DIDIT_UNEXPECTED_STATUS",
        }
    }

    /// Didit's documented meaning, and what to do.
    pub fn meaning(self) -> &'static str {
        match self {
            ApiErrorKind::BadRequest => {
                "request rejected: an invalid, expired or wrong-target share token, or a missing field"
            }
            ApiErrorKind::TokenInvalid => "share token invalid or expired: request a new one",
            ApiErrorKind::Forbidden => {
                "not intended for your application, or already imported (a session imports once per application; check also that your x-api-key has write:sessions)"
            }
            ApiErrorKind::NotFound => "original session gone, or workflow_id unknown",
            ApiErrorKind::OtherClientError => "Didit rejected the request",
            ApiErrorKind::ServerError => "Didit could not answer: retry later",
            ApiErrorKind::UnexpectedStatus => "not a status the import endpoint answers with",
        }
    }
}

/// An error answer from Didit.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// What it means.
    pub kind: ApiErrorKind,
    /// Didit's `detail` (or `error` / `message`) string, when the body has one.
    pub detail: Option<String>,
    /// The body, when it is JSON.
    pub body: Option<Value>,
}

/// Longest `detail` quoted in a message, in characters.
pub(crate) const MAX_DETAIL_IN_MESSAGE: usize = 200;

impl ApiError {
    /// Reads an error answer (any body: JSON or not).
    pub fn from_response(status: u16, body: &[u8]) -> Self {
        let body = json::parse(body, json::DEFAULT_VALUE_MAX_DEPTH).ok();
        let detail = body.as_ref().and_then(|b| {
            let o = b.as_object()?;
            ["detail", "error", "message"]
                .iter()
                .find_map(|k| o.get(k).and_then(Value::as_str))
                .map(str::to_owned)
        });
        ApiError {
            status,
            kind: ApiErrorKind::of_status(status),
            detail,
            body,
        }
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "import failed with HTTP {}: {}",
            self.status,
            self.kind.meaning()
        )?;
        if let Some(d) = &self.detail {
            let cut: String = d.chars().take(MAX_DETAIL_IN_MESSAGE).collect();
            let ellipsis = if cut.len() < d.len() { "…" } else { "" };
            write!(f, " (Didit: \"{cut}{ellipsis}\")")?;
        }
        Ok(())
    }
}

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
impl std::error::Error for ApiError {}

/// Why an import response was not a session.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ImportError {
    /// Didit answered with an error status.
    Api(ApiError),
    /// A 2xx body that is not JSON or not an import response.
    Model(ModelError),
}

impl ImportError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Api(e) => e.code(),
            ImportError::Model(e) => e.code(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Api(e) => e.fmt(f),
            ImportError::Model(e) => e.fmt(f),
        }
    }
}

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Api(e) => Some(e),
            ImportError::Model(e) => Some(e),
        }
    }
}

/// Reads the answer of `POST /v3/session/import-shared/`: with a 2xx `status` (or none), the
/// created session (tolerant of type drift, as [`super::parse_session`]); with an error status,
/// an [`ApiError`] carrying Didit's documented meaning.
///
/// # Errors
///
/// [`ImportError::Api`] for an error status; [`ImportError::Model`] for a 2xx body that is not a
/// session.
pub fn parse_import_response(
    body: &[u8],
    status: Option<u16>,
) -> Result<Parsed<Session>, ImportError> {
    parse_import_response_with(body, status, ParseOptions::default())
}

/// [`parse_import_response`] with options ([`ParseOptions::STRICT`]: any wrong type is an
/// error).
///
/// # Errors
///
/// As [`parse_import_response`].
pub fn parse_import_response_with(
    body: &[u8],
    status: Option<u16>,
    options: ParseOptions,
) -> Result<Parsed<Session>, ImportError> {
    match status {
        Some(s) if !(200..=299).contains(&s) => {
            Err(ImportError::Api(ApiError::from_response(s, body)))
        }
        _ => super::parse_session_as(body, super::validate::Root::ImportResponse, options)
            .map_err(ImportError::Model),
    }
}
