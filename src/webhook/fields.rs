//! The top-level fields the verifier reads (`timestamp` for the freshness binding; `session_id`,
//! `status` and `webhook_type` for `X-Signature-Simple`), captured by the canonical writer's scan
//! ([`canonical::TopMembers`]), so the body is read once.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use crate::canonical;
pub(crate) use crate::canonical::TopValue;
use crate::error::JsonError;

/// The fields' names, in the order of [`TopFields`]' members.
const NAMES: &[&[u8]] = &[b"timestamp", b"session_id", b"status", b"webhook_type"];

/// The top-level fields of a body (the last occurrence of a key wins, as in Python).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TopFields {
    pub timestamp: Option<TopValue>,
    pub session_id: Option<TopValue>,
    pub status: Option<TopValue>,
    pub webhook_type: Option<TopValue>,
}

/// The canonical form of `body` and its top-level fields, in one scan.
///
/// # Errors
/// The scanner's first error.
pub(crate) fn canonical_with_fields(
    body: &[u8],
    max_depth: usize,
) -> Result<(Cow<'_, [u8]>, TopFields), JsonError> {
    let (canonical, top) = canonical::write(body, max_depth, NAMES)?;
    let fields = TopFields {
        timestamp: top.get(0),
        session_id: top.get(1),
        status: top.get(2),
        webhook_type: top.get(3),
    };
    Ok((canonical, fields))
}
