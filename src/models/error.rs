//! Why a payload could not be read as a model.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use crate::error::{ErrorClass, JsonError};

use super::validate::Issue;

/// Why a body is not a valid instance of its model.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModelError {
    /// The body is not JSON (or exceeds a limit).
    Json(JsonError),
    /// The body is JSON but does not match the model.
    Invalid {
        /// The model (`"session"`, `"webhook event"`, `"import response"`).
        model: &'static str,
        /// The mismatches (at most [`super::validate::MAX_ISSUES`]), each with its path.
        issues: Vec<Issue>,
        /// How many more there were.
        more: usize,
    },
}

impl ModelError {
    /// The stable code: the JSON error's, or `ERR_MODEL_INVALID` (each issue has its own code).
    pub fn code(&self) -> &'static str {
        match self {
            ModelError::Json(e) => e.code(),
            ModelError::Invalid { .. } => "ERR_MODEL_INVALID",
        }
    }

    /// The JavaScript error class.
    pub fn class(&self) -> ErrorClass {
        match self {
            ModelError::Json(e) => e.class(),
            ModelError::Invalid { .. } => ErrorClass::Error,
        }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::Json(e) => e.fmt(f),
            ModelError::Invalid {
                model,
                issues,
                more,
            } => {
                write!(f, "not a valid {model}: ")?;
                let total = issues.len() + more;
                match issues.first() {
                    Some(first) => first.fmt(f)?,
                    None => f.write_str("mismatch")?,
                }
                if total > 1 {
                    write!(f, " (and {} more)", total - 1)?;
                }
                Ok(())
            }
        }
    }
}

#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
impl std::error::Error for ModelError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ModelError::Json(e) => Some(e),
            ModelError::Invalid { .. } => None,
        }
    }
}

impl From<JsonError> for ModelError {
    fn from(e: JsonError) -> Self {
        ModelError::Json(e)
    }
}
