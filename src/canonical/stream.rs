//! The streaming writer: the fast path for bodies whose objects are already in key order.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use super::token::{
    escapes_are_canonical, plain_decimal_is_repr, write_canonical_string, write_number,
};
use crate::error::JsonError;
use crate::scan::{decode_into, Num, Sink, StrTok};

/// Why the streaming writer stopped.
pub(super) enum Stop {
    Json(JsonError),
    /// An object's keys are not strictly increasing: the sorting writer must take over.
    NeedsSort,
}

impl From<JsonError> for Stop {
    fn from(e: JsonError) -> Self {
        Stop::Json(e)
    }
}

/// The streaming writer: writes canonical tokens, leaves canonical spans of the input uncopied,
/// and stops with [`Stop::NeedsSort`] at the first object whose keys are not strictly increasing.
pub(super) struct Stream<'a> {
    input: &'a [u8],
    out: Vec<u8>,
    /// `input[run_start..run_end]` is canonical output not yet copied to `out`.
    run_start: usize,
    run_end: usize,
    /// Per open container: the previous key of an object, if any.
    frames: Vec<Option<KeyRef>>,
    /// Decoded keys that had escapes (stack discipline, like `frames`).
    keybuf: Vec<u8>,
    tmp: Vec<u8>,
}

#[derive(Clone, Copy)]
enum KeyRef {
    Input(usize, usize),
    Buf(usize, usize),
}

impl<'a> Stream<'a> {
    pub(super) fn new(input: &'a [u8]) -> Self {
        Stream {
            input,
            out: Vec::new(),
            run_start: 0,
            run_end: 0,
            frames: Vec::new(),
            keybuf: Vec::new(),
            tmp: Vec::new(),
        }
    }

    #[inline(always)]
    fn verbatim(&mut self, start: usize, end: usize) {
        if start != self.run_end {
            self.flush();
            self.run_start = start;
        }
        self.run_end = end;
    }

    fn flush(&mut self) {
        if self.run_end > self.run_start {
            self.out
                .extend_from_slice(self.input.get(self.run_start..self.run_end).unwrap_or(&[]));
        }
        self.run_start = self.run_end;
    }

    /// Replaces `input[start..end]` by `self.tmp`.
    fn rewrite(&mut self, end: usize) {
        self.flush();
        self.out.extend_from_slice(&self.tmp);
        self.run_start = end;
        self.run_end = end;
    }

    fn key_bytes(&self, k: KeyRef) -> &[u8] {
        match k {
            KeyRef::Input(s, e) => self.input.get(s..e).unwrap_or(&[]),
            KeyRef::Buf(s, e) => self.keybuf.get(s..e).unwrap_or(&[]),
        }
    }

    pub(super) fn finish(mut self) -> Cow<'a, [u8]> {
        if self.out.is_empty() {
            return Cow::Borrowed(self.input.get(self.run_start..self.run_end).unwrap_or(&[]));
        }
        self.flush();
        Cow::Owned(self.out)
    }

    fn write_string_tok(&mut self, tok: StrTok) {
        let raw = tok.content(self.input);
        if !tok.escaped || escapes_are_canonical(raw) {
            self.verbatim(tok.start, tok.end);
        } else {
            self.tmp.clear();
            let mut tmp = core::mem::take(&mut self.tmp);
            write_canonical_string(raw, &mut tmp);
            self.tmp = tmp;
            self.rewrite(tok.end);
        }
    }
}

impl Sink for Stream<'_> {
    type Stop = Stop;

    fn open(&mut self, _object: bool, pos: usize) {
        self.frames.push(None);
        self.verbatim(pos, pos + 1);
    }

    fn close(&mut self, _object: bool, pos: usize) {
        if let Some(Some(KeyRef::Buf(s, _))) = self.frames.pop() {
            self.keybuf.truncate(s);
        }
        self.verbatim(pos, pos + 1);
    }

    fn punct(&mut self, pos: usize) {
        self.verbatim(pos, pos + 1);
    }

    fn key(&mut self, tok: StrTok) -> Result<(), Stop> {
        let new = if tok.escaped {
            let s = self.keybuf.len();
            decode_into(tok.content(self.input), &mut self.keybuf);
            KeyRef::Buf(s, self.keybuf.len())
        } else {
            KeyRef::Input(tok.start + 1, tok.end - 1)
        };
        let prev = self.frames.last().copied().flatten();
        if let Some(prev) = prev {
            if self.key_bytes(new) <= self.key_bytes(prev) {
                return Err(Stop::NeedsSort);
            }
        }
        // Keep the new key; drop the previous one's decoded bytes if it had any.
        let new = match (prev, new) {
            (Some(KeyRef::Buf(ps, _)), KeyRef::Buf(s, e)) => {
                self.keybuf.copy_within(s..e, ps);
                self.keybuf.truncate(ps + (e - s));
                KeyRef::Buf(ps, ps + (e - s))
            }
            (Some(KeyRef::Buf(ps, _)), KeyRef::Input(..)) => {
                self.keybuf.truncate(ps);
                new
            }
            _ => new,
        };
        if let Some(frame) = self.frames.last_mut() {
            *frame = Some(new);
        }
        self.write_string_tok(tok);
        Ok(())
    }

    fn string(&mut self, tok: StrTok) {
        self.write_string_tok(tok);
    }

    fn number(&mut self, num: Num) {
        let (start, end) = match num {
            Num::Int { start, end } | Num::Float { start, end, .. } => (start, end),
        };
        let text = self.input.get(start..end).unwrap_or(&[]);
        let verbatim = match num {
            Num::Int { .. } => text != b"-0",
            Num::Float { .. } => plain_decimal_is_repr(text),
        };
        if verbatim {
            self.verbatim(start, end);
            return;
        }
        self.tmp.clear();
        let mut tmp = core::mem::take(&mut self.tmp);
        write_number(self.input, num, &mut tmp);
        self.tmp = tmp;
        if text == self.tmp.as_slice() {
            self.verbatim(start, end);
        } else {
            self.rewrite(end);
        }
    }

    fn literal(&mut self, start: usize, end: usize) {
        self.verbatim(start, end);
    }
}
