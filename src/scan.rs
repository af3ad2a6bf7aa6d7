//! The JSON scanner: one pass over UTF-8 bytes, reporting tokens to a [`Sink`].
//!
//! It accepts exactly what Python's `json.loads` accepts from bytes (a leading byte order mark
//! included), minus `NaN`/`Infinity` and unpaired surrogate escapes, which Didit's signer cannot
//! emit. It knows nothing about webhooks, tokens or models: the canonical writer, the value
//! builder ([`crate::json`]) and the model validator are sinks. The nesting is tracked on an
//! explicit stack (no recursion), so the depth limit is a policy, never a stack overflow.
//!
//! The single entry point is [`scan`]: it checks UTF-8, skips the byte order mark and drives the
//! sink; a sink stops the scan early by returning its own `Stop` from [`Sink::key`].
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::error::{JsonError, Position};

/// CPython 3.11's `json.loads` and `json.dumps` accept at most 995 nested arrays/objects when
/// called from a shallow stack (recursion limit 1000); nothing deeper can carry a V2 signature.
pub const PYTHON_MAX_DEPTH: usize = 995;
/// CPython's default `sys.get_int_max_str_digits()`: longer integer literals make `json.loads` raise.
pub const PYTHON_INT_MAX_DIGITS: usize = 4300;

/// A string token: `start` is the opening quote, `end` is one past the closing quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StrTok {
    pub start: usize,
    pub end: usize,
    /// Whether the string contains at least one backslash escape.
    pub escaped: bool,
}

impl StrTok {
    /// The bytes between the quotes.
    pub(crate) fn content<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        input
            .get(self.start + 1..self.end.saturating_sub(1))
            .unwrap_or(&[])
    }
}

/// A number token and its value class.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Num {
    /// No fraction and no exponent: `input[start..end]`, at most [`PYTHON_INT_MAX_DIGITS`] digits.
    Int { start: usize, end: usize },
    /// A fraction or an exponent: `input[start..end]`, finite, and its correctly rounded value when
    /// the scanner had to compute it (see [`Num::float_value`]).
    Float {
        start: usize,
        end: usize,
        value: Option<f64>,
    },
}

/// Integer digits below which a decimal without an exponent is surely finite (`f64::MAX` has 309),
/// so the scanner need not parse it to know it is in range.
const SURELY_FINITE_DIGITS: usize = 300;

impl Num {
    /// A float's correctly rounded value: the scanner's, or parsed now from `input` (the scanner
    /// skips the parse for a decimal without exponent that is surely finite, which the canonical
    /// writer mostly copies as it stands). `None` for an integer.
    pub(crate) fn float_value(self, input: &[u8]) -> Option<f64> {
        match self {
            Num::Int { .. } => None,
            Num::Float { value: Some(v), .. } => Some(v),
            Num::Float { start, end, .. } => {
                Some(crate::float::parse(input.get(start..end).unwrap_or(&[])))
            }
        }
    }
}

/// What the scanner reports, in document order. Punctuation and literals are passed by position
/// so that a writer can keep spans of the input uncopied.
///
/// (The scanner's loop, [`scan`], serves `json` and `models`, and in debug builds checks the
/// canonical writer's verdicts; a release build of the verification-only module uses only its
/// readers, [`number_at`] and [`string_at`], hence the `allow(dead_code)` there.)
#[cfg_attr(
    not(any(debug_assertions, feature = "share-token", feature = "models")),
    allow(dead_code)
)]
pub(crate) trait Sink {
    /// What ends a scan early: the sink's own reason, or a [`JsonError`] from the scanner.
    type Stop: From<JsonError>;
    /// `{` (`object`) or `[` at `at`.
    fn open(&mut self, object: bool, at: usize);
    /// The matching `}` or `]` at `at`.
    fn close(&mut self, object: bool, at: usize);
    /// A `,` or `:` at `at`.
    fn punct(&mut self, _at: usize) {}
    /// An object key (its `:` follows as [`Sink::punct`]). The only event that may stop the scan.
    fn key(&mut self, tok: StrTok) -> Result<(), Self::Stop>;
    /// A string value.
    fn string(&mut self, tok: StrTok);
    /// A number value.
    fn number(&mut self, num: Num);
    /// `true`, `false` or `null` at `input[start..end]`.
    fn literal(&mut self, start: usize, end: usize);
}

/// Scans `input` (one JSON value, UTF-8, optionally after a byte order mark) into `sink`.
///
/// # Errors
/// [`JsonError::InvalidUtf8`] first (Python decodes the whole body before parsing), then the
/// first grammar, depth, number or escape error in document order, or the sink's own stop.
#[cfg_attr(
    not(any(debug_assertions, feature = "share-token", feature = "models")),
    allow(dead_code)
)]
pub(crate) fn scan<S: Sink>(input: &[u8], max_depth: usize, sink: &mut S) -> Result<(), S::Stop> {
    if let Some(offset) = utf8_error(input) {
        return Err(JsonError::InvalidUtf8 { offset }.into());
    }
    scan_valid(input, max_depth, sink)
}

/// Where `input` stops being UTF-8 (`Utf8Error::valid_up_to`: the first byte of the first bad
/// sequence), or `None` when all of it is. In WebAssembly `utf8_error_by_blocks`; natively
/// core's check, which is faster there.
pub(crate) fn utf8_error(input: &[u8]) -> Option<usize> {
    #[cfg(target_arch = "wasm32")]
    return utf8_error_by_blocks(input);
    #[cfg(not(target_arch = "wasm32"))]
    core::str::from_utf8(input).err().map(|e| e.valid_up_to())
}

/// [`utf8_error`] a 64-byte block at a time: blocks of ASCII are passed with one SIMD test
/// (`is_ascii_block`; core's check goes 8 bytes per step in WebAssembly, and most of a delivery
/// is ASCII), any other block, extended to the next ASCII byte so that no character is cut, and
/// the last partial block are checked by `core::str::from_utf8`. Each check starts after ASCII,
/// so on a character's first byte, and ends before ASCII or at the end, so after its last.
#[cfg(any(target_arch = "wasm32", test))]
fn utf8_error_by_blocks(input: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        let end = match input.get(i..i + 64).map(<&[u8; 64]>::try_from) {
            Some(Ok(block)) if is_ascii_block(block) => {
                i += 64;
                continue;
            }
            Some(_) => input
                .get(i + 64..)
                .and_then(|rest| rest.iter().position(u8::is_ascii))
                .map_or(input.len(), |n| i + 64 + n),
            None => input.len(),
        };
        if let Err(e) = core::str::from_utf8(input.get(i..end).unwrap_or(&[])) {
            return Some(i + e.valid_up_to());
        }
        if end == input.len() {
            return None;
        }
        i = end;
    }
}

/// Whether the 64 bytes of `block` are ASCII: the sign bits of its four vectors OR'ed.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn is_ascii_block(block: &[u8; 64]) -> bool {
    use core::arch::wasm32::{u64x2, u8x16_bitmask, v128, v128_or};
    // (LLVM makes one `v128.load` of each 16 bytes: their length is known)
    let load = |b: &[u8]| -> v128 {
        let x = <[u8; 16]>::try_from(b).map_or(0, u128::from_le_bytes);
        u64x2(x as u64, (x >> 64) as u64)
    };
    let (a, rest) = block.split_at(16);
    let (b, rest) = rest.split_at(16);
    let (c, d) = rest.split_at(16);
    u8x16_bitmask(v128_or(
        v128_or(load(a), load(b)),
        v128_or(load(c), load(d)),
    )) == 0
}

/// `is_ascii_block` for the native unit test of `utf8_error_by_blocks`.
#[cfg(all(test, not(target_arch = "wasm32")))]
fn is_ascii_block(block: &[u8; 64]) -> bool {
    block.is_ascii()
}

/// [`scan`] over text already known to be UTF-8 (no second validation pass).
///
/// # Errors
/// As [`scan`], without [`JsonError::InvalidUtf8`].
#[cfg(any(feature = "share-token", feature = "models"))] // for `json`, which only they compile
pub(crate) fn scan_str<S: Sink>(
    input: &str,
    max_depth: usize,
    sink: &mut S,
) -> Result<(), S::Stop> {
    scan_valid(input.as_bytes(), max_depth, sink)
}

#[cfg_attr(
    not(any(debug_assertions, feature = "share-token", feature = "models")),
    allow(dead_code)
)]
fn scan_valid<S: Sink>(input: &[u8], max_depth: usize, sink: &mut S) -> Result<(), S::Stop> {
    let start = if input.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    Scanner {
        input,
        pos: start,
        max_depth,
        stack: Vec::new(),
    }
    .run(sink)
}

/// What a [`JsonError::Syntax`] says was expected, shared with the canonical writer's walk
/// (`canonical/tape.rs`), which reports the scanner's errors itself.
pub(crate) mod expected {
    /// Where a value must start.
    pub(crate) const VALUE: &str = "value";
    /// After the root value.
    pub(crate) const END: &str = "end of input";
    /// After a member's value.
    pub(crate) const MEMBER_END: &str = "`,` or `}`";
    /// After an item.
    pub(crate) const ITEM_END: &str = "`,` or `]`";
    /// Where a member's key must start.
    pub(crate) const KEY: &str = "string key";
    /// After a key.
    pub(crate) const COLON: &str = "`:`";
}

/// The number token at `input[at]`, as the scanner reads it (its end is `Num`'s `end`). For the
/// canonical writer's walk, which finds tokens by the structural index and reads each with the
/// scanner's own rules.
///
/// # Errors
/// As the scanner's for a number there.
pub(crate) fn number_at(input: &[u8], at: usize) -> Result<Num, JsonError> {
    Scanner::at(input, at).number()
}

/// The string token whose opening quote is `input[at]`, escapes and surrogate pairs checked by the
/// scanner's rules.
///
/// # Errors
/// As the scanner's for a string there.
pub(crate) fn string_at(input: &[u8], at: usize) -> Result<StrTok, JsonError> {
    Scanner::at(input, at).string()
}

#[cfg_attr(
    not(any(debug_assertions, feature = "share-token", feature = "models")),
    allow(dead_code)
)]
struct Scanner<'a> {
    input: &'a [u8],
    pos: usize,
    max_depth: usize,
    /// One entry per open container: `true` for an object.
    stack: Vec<bool>,
}

pub(crate) const LO: u64 = 0x0101_0101_0101_0101;
pub(crate) const HI: u64 = 0x8080_8080_8080_8080;

/// Flags (high bit of each byte) the bytes of a little-endian word that are `"`, `\\` or a control
/// character. Borrows can flag extra bytes only above a real hit, so the lowest flag is exact:
/// string scanning skips 8 ordinary bytes at a time and jumps straight to the first special one.
#[inline(always)]
fn special_in_word(v: u64) -> u64 {
    let q = v ^ (LO * u64::from(b'"'));
    let b = v ^ (LO * u64::from(b'\\'));
    ((q.wrapping_sub(LO) & !q) | (b.wrapping_sub(LO) & !b) | (v.wrapping_sub(LO * 0x20) & !v)) & HI
}

fn hex_val(b: u8) -> Option<u32> {
    match b {
        b'0'..=b'9' => Some(u32::from(b - b'0')),
        b'a'..=b'f' => Some(u32::from(b - b'a' + 10)),
        b'A'..=b'F' => Some(u32::from(b - b'A' + 10)),
        _ => None,
    }
}

/// Reads the four hex digits at `input[at..at + 4]`.
pub(crate) fn hex4(input: &[u8], at: usize) -> Option<u32> {
    let d = input.get(at..at + 4)?;
    d.iter()
        .try_fold(0u32, |acc, &b| Some(acc << 4 | hex_val(b)?))
}

impl<'a> Scanner<'a> {
    /// A scanner positioned at `at`, for one token.
    fn at(input: &'a [u8], at: usize) -> Self {
        Scanner {
            input,
            pos: at,
            max_depth: 0,
            stack: Vec::new(),
        }
    }
}

#[cfg_attr(
    not(any(debug_assertions, feature = "share-token", feature = "models")),
    allow(dead_code)
)]
impl Scanner<'_> {
    fn syntax(&self, expected: &'static str, at: usize) -> JsonError {
        JsonError::Syntax {
            expected,
            at: Position::at(self.input, at),
        }
    }

    /// Skips JSON whitespace; runs of spaces (pretty-printed indentation) 8 bytes at a time.
    #[inline(always)]
    fn skip_ws(&mut self) {
        loop {
            match self.input.get(self.pos) {
                Some(b' ') => {
                    self.pos += 1;
                    while let Some(Ok(word)) = self
                        .input
                        .get(self.pos..self.pos + 8)
                        .map(<[u8; 8]>::try_from)
                    {
                        if u64::from_le_bytes(word) != LO * u64::from(b' ') {
                            break;
                        }
                        self.pos += 8;
                    }
                }
                Some(b'\t' | b'\n' | b'\r') => self.pos += 1,
                _ => return,
            }
        }
    }

    fn run<S: Sink>(mut self, sink: &mut S) -> Result<(), S::Stop> {
        'value: loop {
            self.skip_ws();
            let at = self.pos;
            let Some(&b) = self.input.get(at) else {
                return Err(self.syntax(expected::VALUE, at).into());
            };
            match b {
                b'{' | b'[' => {
                    let object = b == b'{';
                    if self.stack.len() >= self.max_depth {
                        return Err(JsonError::TooDeep {
                            limit: self.max_depth,
                            at: Position::at(self.input, at),
                        }
                        .into());
                    }
                    sink.open(object, at);
                    self.stack.push(object);
                    self.pos += 1;
                    self.skip_ws();
                    let close = if object { b'}' } else { b']' };
                    if self.input.get(self.pos) == Some(&close) {
                        sink.close(object, self.pos);
                        self.stack.pop();
                        self.pos += 1;
                    } else {
                        if object {
                            self.key(sink)?;
                        }
                        continue 'value;
                    }
                }
                b'"' => {
                    let tok = self.string()?;
                    sink.string(tok);
                }
                b'-' | b'0'..=b'9' => {
                    let num = self.number()?;
                    sink.number(num);
                }
                b't' | b'f' | b'n' => {
                    let lit: &[u8] = match b {
                        b't' => b"true",
                        b'f' => b"false",
                        _ => b"null",
                    };
                    if self.input.get(at..at + lit.len()) != Some(lit) {
                        return Err(self.syntax(expected::VALUE, at).into());
                    }
                    self.pos += lit.len();
                    sink.literal(at, self.pos);
                }
                b'N' | b'I' => {
                    let lit: &[u8] = if b == b'N' { b"NaN" } else { b"Infinity" };
                    if self.input.get(at..at + lit.len()) == Some(lit) {
                        return Err(JsonError::NanOrInfinity {
                            at: Position::at(self.input, at),
                        }
                        .into());
                    }
                    return Err(self.syntax(expected::VALUE, at).into());
                }
                _ => return Err(self.syntax(expected::VALUE, at).into()),
            }
            // After a complete value: a separator, a closing bracket, or the end.
            loop {
                self.skip_ws();
                let at = self.pos;
                let Some(&object) = self.stack.last() else {
                    if at != self.input.len() {
                        return Err(self.syntax(expected::END, at).into());
                    }
                    return Ok(());
                };
                match self.input.get(at) {
                    Some(b',') => {
                        sink.punct(at);
                        self.pos += 1;
                        if object {
                            self.skip_ws();
                            self.key(sink)?;
                        }
                        continue 'value;
                    }
                    Some(b'}') if object => {
                        sink.close(true, at);
                        self.stack.pop();
                        self.pos += 1;
                    }
                    Some(b']') if !object => {
                        sink.close(false, at);
                        self.stack.pop();
                        self.pos += 1;
                    }
                    _ => {
                        let expected = if object {
                            expected::MEMBER_END
                        } else {
                            expected::ITEM_END
                        };
                        return Err(self.syntax(expected, at).into());
                    }
                }
            }
        }
    }

    /// Parses `"key"` and `:` (whitespace around the colon allowed).
    fn key<S: Sink>(&mut self, sink: &mut S) -> Result<(), S::Stop> {
        let at = self.pos;
        if self.input.get(at) != Some(&b'"') {
            return Err(self.syntax(expected::KEY, at).into());
        }
        let tok = self.string()?;
        sink.key(tok)?;
        self.skip_ws();
        if self.input.get(self.pos) != Some(&b':') {
            return Err(self.syntax(expected::COLON, self.pos).into());
        }
        sink.punct(self.pos);
        self.pos += 1;
        Ok(())
    }

    /// Scans a string starting at the opening quote; validates escapes and surrogate pairs.
    fn string(&mut self) -> Result<StrTok, JsonError> {
        let start = self.pos;
        let input = self.input;
        let mut i = start + 1;
        let mut escaped = false;
        loop {
            while let Some(Ok(word)) = input.get(i..i + 8).map(<[u8; 8]>::try_from) {
                let mask = special_in_word(u64::from_le_bytes(word));
                if mask != 0 {
                    // False positives only arise above a true hit, so the lowest flagged byte
                    // is the first special one.
                    i += (mask.trailing_zeros() / 8) as usize;
                    break;
                }
                i += 8;
            }
            let Some(&b) = input.get(i) else {
                return Err(self.syntax("closing `\"` of the string that starts here", start));
            };
            match b {
                b'"' => {
                    self.pos = i + 1;
                    return Ok(StrTok {
                        start,
                        end: i + 1,
                        escaped,
                    });
                }
                b'\\' => {
                    escaped = true;
                    i = self.escape(i)?;
                }
                0..=0x1f => {
                    return Err(JsonError::ControlCharacter {
                        at: Position::at(input, i),
                    });
                }
                _ => i += 1,
            }
        }
    }

    /// Validates the escape whose backslash is at `i`; returns the offset after it.
    fn escape(&self, i: usize) -> Result<usize, JsonError> {
        let input = self.input;
        let invalid = |at| JsonError::InvalidEscape {
            at: Position::at(input, at),
        };
        let lone = || JsonError::LoneSurrogate {
            at: Position::at(input, i),
        };
        match input.get(i + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(i + 2),
            Some(b'u') => {
                let cu = hex4(input, i + 2).ok_or_else(|| invalid(i))?;
                match cu {
                    0xd800..=0xdbff => {
                        // Python pairs a high surrogate only with an immediately following
                        // `\uDC00`–`\uDFFF` escape.
                        if input.get(i + 6..i + 8) != Some(b"\\u") {
                            return Err(lone());
                        }
                        let low = hex4(input, i + 8).ok_or_else(|| invalid(i + 6))?;
                        if (0xdc00..=0xdfff).contains(&low) {
                            Ok(i + 12)
                        } else {
                            Err(lone())
                        }
                    }
                    0xdc00..=0xdfff => Err(lone()),
                    _ => Ok(i + 6),
                }
            }
            // The body ends right after the backslash: truncated, like an unterminated string.
            None => Err(self.syntax("escaped character", i + 1)),
            _ => Err(invalid(i)),
        }
    }

    /// Scans a number at `self.pos` (Python's `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`).
    fn number(&mut self) -> Result<Num, JsonError> {
        let input = self.input;
        let start = self.pos;
        let mut i = start;
        let digit = |i: usize| input.get(i).is_some_and(u8::is_ascii_digit);
        if input.get(i) == Some(&b'-') {
            i += 1;
            if input.get(i..i + 8) == Some(b"Infinity") {
                return Err(JsonError::NanOrInfinity {
                    at: Position::at(input, start),
                });
            }
        }
        match input.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while digit(i) {
                    i += 1;
                }
            }
            _ => return Err(self.syntax(expected::VALUE, start)),
        }
        let int_end = i;
        let mut is_float = false;
        let mut exponent = false;
        if input.get(i) == Some(&b'.') && digit(i + 1) {
            i += 1;
            while digit(i) {
                i += 1;
            }
            is_float = true;
        }
        if let Some(b'e' | b'E') = input.get(i) {
            let mut j = i + 1;
            if let Some(b'+' | b'-') = input.get(j) {
                j += 1;
            }
            if digit(j) {
                while digit(j) {
                    j += 1;
                }
                i = j;
                is_float = true;
                exponent = true;
            }
        }
        self.pos = i;
        let int_digits = int_end - start - usize::from(input.get(start) == Some(&b'-'));
        if !is_float {
            if int_digits > PYTHON_INT_MAX_DIGITS {
                return Err(JsonError::NumberTooLong {
                    at: Position::at(input, start),
                    digits: int_digits,
                });
            }
            return Ok(Num::Int { start, end: i });
        }
        if !exponent && int_digits < SURELY_FINITE_DIGITS {
            return Ok(Num::Float {
                start,
                end: i,
                value: None,
            });
        }
        let value = crate::float::parse(input.get(start..i).unwrap_or(&[]));
        if value.is_finite() {
            Ok(Num::Float {
                start,
                end: i,
                value: Some(value),
            })
        } else {
            Err(JsonError::NumberOutOfRange {
                at: Position::at(input, start),
            })
        }
    }
}

/// An optionally signed ASCII decimal as `i64`, exactly as `str::parse::<i64>` reads it (`None` for
/// anything else or an overflow), without linking core's integer parser.
pub(crate) fn parse_i64(text: &[u8]) -> Option<i64> {
    let (negative, digits) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut v: i64 = 0;
    for &b in digits {
        if !b.is_ascii_digit() {
            return None;
        }
        let d = i64::from(b - b'0');
        // Negative values accumulate downwards, so that i64::MIN fits.
        v = v.checked_mul(10)?;
        v = if negative {
            v.checked_sub(d)?
        } else {
            v.checked_add(d)?
        };
    }
    Some(v)
}

/// Decodes the escapes of a validated string content into UTF-8 bytes.
pub(crate) fn decode_into(raw: &[u8], out: &mut Vec<u8>) {
    for_each_piece(raw, |piece| match piece {
        Piece::Raw(bytes) => out.extend_from_slice(bytes),
        Piece::Char(cp) => push_utf8(out, cp),
    });
}

/// A run of a string content: bytes as they are, or one decoded escape.
pub(crate) enum Piece<'a> {
    Raw(&'a [u8]),
    Char(u32),
}

/// Splits a validated string content into raw runs and decoded escapes.
pub(crate) fn for_each_piece(raw: &[u8], mut f: impl FnMut(Piece<'_>)) {
    let mut rest = raw;
    while let Some(i) = rest.iter().position(|&b| b == b'\\') {
        let (head, tail) = rest.split_at(i);
        if !head.is_empty() {
            f(Piece::Raw(head));
        }
        let (cp, used) = match tail.get(1) {
            Some(b'b') => (0x08, 2),
            Some(b'f') => (0x0c, 2),
            Some(b'n') => (0x0a, 2),
            Some(b'r') => (0x0d, 2),
            Some(b't') => (0x09, 2),
            Some(b'u') => {
                let cu = hex4(tail, 2).unwrap_or(0xfffd);
                if (0xd800..0xdc00).contains(&cu) {
                    let low = hex4(tail, 8).unwrap_or(0xdc00);
                    (
                        0x1_0000 + ((cu - 0xd800) << 10) + (low.wrapping_sub(0xdc00) & 0x3ff),
                        12,
                    )
                } else {
                    (cu, 6)
                }
            }
            Some(&c) => (u32::from(c), 2),
            None => (0xfffd, 1),
        };
        f(Piece::Char(cp));
        rest = tail.get(used..).unwrap_or(&[]);
    }
    if !rest.is_empty() {
        f(Piece::Raw(rest));
    }
}

/// Appends the UTF-8 form of `cp` (U+FFFD for a surrogate or an out-of-range value).
pub(crate) fn push_utf8(out: &mut Vec<u8>, cp: u32) {
    // Byte by byte rather than `char::encode_utf8` into a buffer and `extend_from_slice`: in
    // WebAssembly that was a call and a `memory.copy` per character, a sixth of the fast path's
    // time on a wire-format delivery with a hundred escaped accents.
    let cp = if char::from_u32(cp).is_some() {
        cp
    } else {
        0xfffd
    };
    let tail = |shift: u32| 0x80 | ((cp >> shift) & 0x3f) as u8;
    if cp < 0x80 {
        out.push(cp as u8);
        return;
    }
    if cp < 0x800 {
        out.push(0xc0 | (cp >> 6) as u8);
    } else {
        if cp < 0x1_0000 {
            out.push(0xe0 | (cp >> 12) as u8);
        } else {
            out.push(0xf0 | (cp >> 18) as u8);
            out.push(tail(12));
        }
        out.push(tail(6));
    }
    out.push(tail(0));
}

#[cfg(test)]
mod tests {
    use super::parse_i64;

    /// The block-by-block UTF-8 check WebAssembly uses finds what core's check finds, on ASCII
    /// with valid, truncated, overlong and surrogate sequences and stray bytes, at every place
    /// relative to a 64-byte block.
    #[test]
    fn utf8_by_blocks_agrees_with_core() {
        let pieces: &[&[u8]] = &[
            b"a",
            b"{\"k\": 1}",
            b"\xc3\xa9",
            b"\xe6\x97\xa5",
            b"\xf0\x9f\x98\x80",
            b"\xc3",
            b"\xe6\x97",
            b"\xc0\x80",
            b"\xed\xa0\x80",
            b"\xff",
            b"\x80",
            b"\xf4\x90\x80\x80",
            &[b' '; 61],
        ];
        let mut rng = crate::test_rng::TestRng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            let mut doc = Vec::new();
            for _ in 0..rng.below(30) {
                // Mostly valid pieces, so that the first error comes late now and then.
                let i = if rng.below(6) == 0 {
                    rng.below(pieces.len())
                } else {
                    [0, 1, 2, 3, 4, 12][rng.below(6)]
                };
                doc.extend_from_slice(pieces[i]);
            }
            let want = core::str::from_utf8(&doc).err().map(|e| e.valid_up_to());
            assert_eq!(super::utf8_error_by_blocks(&doc), want, "{doc:?}");
            assert_eq!(super::utf8_error(&doc), want);
        }
    }

    #[test]
    fn push_utf8_encodes_as_core_does() {
        // Every code point, surrogates (not characters) included: they become U+FFFD.
        let mut out = Vec::new();
        for cp in 0..=0x11_0000_u32 {
            out.clear();
            super::push_utf8(&mut out, cp);
            let ch = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
            assert_eq!(out, ch.encode_utf8(&mut [0; 4]).as_bytes(), "{cp:#x}");
        }
    }

    #[test]
    fn parse_i64_reads_as_core_does() {
        for s in [
            "0",
            "-0",
            "+0",
            "7",
            "-7",
            "+7",
            "1774970000",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "",
            "-",
            "+",
            "--1",
            "1-",
            " 1",
            "1 ",
            "1.0",
            "1e3",
            "00012",
            "99999999999999999999999",
            "١",
        ] {
            assert_eq!(parse_i64(s.as_bytes()), s.parse::<i64>().ok(), "{s:?}");
        }
    }
}
