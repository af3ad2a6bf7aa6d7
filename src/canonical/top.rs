//! The values of named top-level members, picked out of the tape the canonical writer builds, so
//! that a caller who needs a few of them (the webhook verifier: `timestamp`, `session_id`,
//! `status`, `webhook_type`) reads the body once.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::scan::StrTok;

/// The most names one capture looks for.
pub(crate) const MAX_NAMES: usize = 4;

/// A top-level member's value, as offsets into the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TopValue {
    /// An integer literal (no fraction, no exponent): `body[start..end]`.
    Int { start: usize, end: usize },
    /// A string token including its quotes.
    Str(StrTok),
    /// Any other value.
    Other,
}

/// The values of the root object's members named by the caller (decoded keys compared; the last
/// occurrence wins, as in a Python `dict`). Empty when the root is not an object.
#[derive(Debug, Default)]
pub(crate) struct TopMembers {
    values: [Option<TopValue>; MAX_NAMES],
}

impl TopMembers {
    /// The value of the member named `names[i]`, if the root object has one.
    pub(crate) fn get(&self, i: usize) -> Option<TopValue> {
        self.values.get(i).copied().flatten()
    }

    /// Records the value of `names[i]` (ignored past [`MAX_NAMES`]).
    pub(super) fn set(&mut self, i: usize, value: TopValue) {
        if let Some(slot) = self.values.get_mut(i) {
            *slot = Some(value);
        }
    }
}
