//! The values of named top-level members, picked out while the canonical writer scans a body, so
//! that a caller who needs a few of them (the webhook verifier: `timestamp`, `session_id`,
//! `status`, `webhook_type`) reads the body once.
//!
//! The writer always carries this capture, with no names when nothing is wanted
//! ([`super::canonicalize`]): one concrete sink beside the writer compiles the scanner and the
//! writer once per WebAssembly module and calls the capture directly. As a trait object it cost
//! an indirect call per token (the sorting path 2–6 % slower); as a type parameter, a second copy
//! of the scanner and writer in the full module (+0.8 KB gzip).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::error::JsonError;
use crate::scan::{decode_into, Num, Sink, StrTok};

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

/// The values of the root object's members named `names` (decoded keys compared; the last
/// occurrence wins, as in a Python `dict`). Nothing is captured when the root is not an object.
pub(crate) struct TopMembers<'a> {
    input: &'a [u8],
    names: &'static [&'static [u8]],
    values: [Option<TopValue>; MAX_NAMES],
    depth: usize,
    /// The `names` index of the top-level key just read, whose value comes next.
    pending: Option<usize>,
}

impl<'a> TopMembers<'a> {
    /// A capture of the members named `names` (the first [`MAX_NAMES`] of them).
    pub(crate) fn new(input: &'a [u8], names: &'static [&'static [u8]]) -> Self {
        TopMembers {
            input,
            names,
            values: [None; MAX_NAMES],
            depth: 0,
            pending: None,
        }
    }

    /// The value of the member named `names[i]`, if the root object has one.
    pub(crate) fn get(&self, i: usize) -> Option<TopValue> {
        self.values.get(i).copied().flatten()
    }

    #[inline(always)]
    fn value(&mut self, v: TopValue) {
        if self.depth != 1 {
            return;
        }
        if let Some(slot) = self.pending.take().and_then(|i| self.values.get_mut(i)) {
            *slot = Some(v);
        }
    }
}

impl Sink for TopMembers<'_> {
    type Stop = JsonError;

    #[inline(always)]
    fn open(&mut self, _object: bool, _at: usize) {
        self.value(TopValue::Other);
        self.depth += 1;
    }

    #[inline(always)]
    fn close(&mut self, _object: bool, _at: usize) {
        self.depth = self.depth.saturating_sub(1);
    }

    #[inline(always)]
    fn key(&mut self, tok: StrTok) -> Result<(), JsonError> {
        if self.depth == 1 {
            self.pending = self.name_index(tok);
        }
        Ok(())
    }

    #[inline(always)]
    fn string(&mut self, tok: StrTok) {
        self.value(TopValue::Str(tok));
    }

    #[inline(always)]
    fn number(&mut self, num: Num) {
        self.value(match num {
            Num::Int { start, end } => TopValue::Int { start, end },
            Num::Float { .. } => TopValue::Other,
        });
    }

    #[inline(always)]
    fn literal(&mut self, _start: usize, _end: usize) {
        self.value(TopValue::Other);
    }
}

impl TopMembers<'_> {
    /// Which of `names` the key is (compared decoded).
    fn name_index(&self, tok: StrTok) -> Option<usize> {
        let raw = tok.content(self.input);
        if tok.escaped {
            let mut decoded = Vec::new();
            decode_into(raw, &mut decoded);
            self.names.iter().position(|n| *n == decoded.as_slice())
        } else {
            self.names.iter().position(|n| *n == raw)
        }
    }
}
