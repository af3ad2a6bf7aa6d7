//! The top-level fields the verifier reads (`timestamp` for the freshness binding; `session_id`,
//! `status` and `webhook_type` for `X-Signature-Simple`), picked out while the canonical writer
//! scans the body: a tap on that scan, so the body is read once.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use crate::canonical;
use crate::error::JsonError;
use crate::scan::{decode_into, Num, Sink, StrTok};

/// A top-level member of the root object, as offsets into the body (the last occurrence wins,
/// as in Python).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TopValue {
    /// An integer literal: `body[start..end]`.
    Int { start: usize, end: usize },
    /// A string token including its quotes.
    Str(StrTok),
    /// Any other value.
    Other,
}

const NAMES: [&[u8]; 4] = [b"timestamp", b"session_id", b"status", b"webhook_type"];

/// The top-level fields of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TopFields<'a> {
    input: &'a [u8],
    pub timestamp: Option<TopValue>,
    pub session_id: Option<TopValue>,
    pub status: Option<TopValue>,
    pub webhook_type: Option<TopValue>,
    depth: usize,
    /// The `NAMES` index of the top-level key just read, whose value comes next.
    pending: Option<usize>,
}

impl<'a> TopFields<'a> {
    fn new(input: &'a [u8]) -> Self {
        TopFields {
            input,
            timestamp: None,
            session_id: None,
            status: None,
            webhook_type: None,
            depth: 0,
            pending: None,
        }
    }

    fn value(&mut self, v: TopValue) {
        if self.depth != 1 {
            return;
        }
        let slot = match self.pending.take() {
            Some(0) => &mut self.timestamp,
            Some(1) => &mut self.session_id,
            Some(2) => &mut self.status,
            Some(_) => &mut self.webhook_type,
            None => return,
        };
        *slot = Some(v);
    }
}

/// The canonical form of `body` and its top-level fields, in one scan.
///
/// # Errors
/// The scanner's first error.
pub(crate) fn canonical_with_fields(
    body: &[u8],
    max_depth: usize,
) -> Result<(Cow<'_, [u8]>, TopFields<'_>), JsonError> {
    let mut fields = TopFields::new(body);
    let canonical = canonical::write(body, max_depth, &mut fields)?;
    Ok((canonical, fields))
}

impl Sink for TopFields<'_> {
    type Stop = JsonError;

    fn open(&mut self, _object: bool, _at: usize) {
        self.value(TopValue::Other);
        self.depth += 1;
    }

    fn close(&mut self, _object: bool, _at: usize) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn key(&mut self, tok: StrTok) -> Result<(), JsonError> {
        if self.depth == 1 {
            let raw = tok.content(self.input);
            self.pending = if tok.escaped {
                let mut decoded = Vec::new();
                decode_into(raw, &mut decoded);
                NAMES.iter().position(|n| *n == decoded.as_slice())
            } else {
                NAMES.iter().position(|n| *n == raw)
            };
        }
        Ok(())
    }

    fn string(&mut self, tok: StrTok) {
        self.value(TopValue::Str(tok));
    }

    fn number(&mut self, num: Num) {
        self.value(match num {
            Num::Int { start, end } => TopValue::Int { start, end },
            Num::Float { .. } => TopValue::Other,
        });
    }

    fn literal(&mut self, _start: usize, _end: usize) {
        self.value(TopValue::Other);
    }
}
