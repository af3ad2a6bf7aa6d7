//! Canonical JSON exactly as Didit's Python signer writes it.
//!
//! The output is byte-identical to
//! `json.dumps(shorten_floats(json.loads(body)), sort_keys=True, separators=(",", ":"),
//! ensure_ascii=False).encode("utf-8")` (or `ensure_ascii=True` with [`Options::ascii`]) for every
//! body Python accepts, where `shorten_floats` turns whole-valued floats into ints:
//!
//! * keys sorted by code point (= UTF-8 byte order, not UTF-16 as in JavaScript), duplicates keep
//!   the last value;
//! * integers keep every digit (`-0` → `0`); a number with a fraction or exponent is a correctly
//!   rounded double, printed as its exact integer when whole (`1e22` →
//!   `10000000000000000000000`) and as Python's `repr` otherwise (`1e-05`, `2.5e-10`);
//! * strings re-escaped as Python does: `\"` `\\` `\b` `\f` `\n` `\r` `\t`, other U+0000–U+001F as
//!   `\u00XX` (lowercase), everything else raw (or `\uXXXX` for U+007F and above in ASCII mode).
//!
//! How it works: one pass parses the bytes with an explicit stack (no recursion, so the depth
//! limit is a policy, never a stack overflow) and streams canonical tokens out. Spans that are
//! already canonical are not copied at all, so a body that is already canonical (Didit sends
//! compact, sorted JSON) comes back borrowed. Only when an object's keys are out of order or
//! repeated does a second pass build a flat member table, sort it, and write it out; no
//! `serde_json::Value` tree is ever built.
#![forbid(unsafe_code)]

use std::borrow::Cow;

use crate::error::{JsonError, Position};
use crate::float;

/// CPython 3.11's `json.loads` and `json.dumps` accept at most 995 nested arrays/objects when
/// called from a shallow stack (recursion limit 1000); nothing deeper can carry a V2 signature.
pub const DEFAULT_MAX_DEPTH: usize = 995;
/// Default maximum body size: Didit deliveries are a few kilobytes; this leaves ample room for
/// large KYB registry data while bounding memory per call.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;
/// CPython's default `sys.get_int_max_str_digits()`: longer integer literals make `json.loads` raise.
pub const PYTHON_INT_MAX_DIGITS: usize = 4300;

/// Options for [`canonicalize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Escape every character from U+007F up as `\uXXXX` (astral ones as surrogate pairs), as
    /// Python's `ensure_ascii=True` does. Default `false`.
    pub ascii: bool,
    /// Maximum nesting of arrays and objects. Default [`DEFAULT_MAX_DEPTH`].
    pub max_depth: usize,
    /// Maximum body length in bytes. Default [`DEFAULT_MAX_BYTES`].
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ascii: false,
            max_depth: DEFAULT_MAX_DEPTH,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Returns the canonical form of `body`: borrowed when `body` is already canonical.
///
/// A leading UTF-8 byte order mark is skipped, as `json.loads` does for bytes.
pub fn canonicalize<'a>(body: &'a [u8], options: &Options) -> Result<Cow<'a, [u8]>, JsonError> {
    let parsed = parse(body, options.max_depth, options.max_bytes)?;
    Ok(if options.ascii {
        match to_ascii(&parsed.canonical) {
            Cow::Borrowed(_) => parsed.canonical,
            Cow::Owned(v) => Cow::Owned(v),
        }
    } else {
        parsed.canonical
    })
}

/// The `ensure_ascii=True` form of a canonical (`ensure_ascii=False`) output: every character from
/// U+007F up becomes `\uXXXX`, astral characters a surrogate pair, all hex lowercase. Outside
/// strings a canonical output is pure ASCII, so this needs no parsing.
pub(crate) fn to_ascii(canonical: &[u8]) -> Cow<'_, [u8]> {
    let Some(first) = canonical.iter().position(|&b| b >= 0x7f) else {
        return Cow::Borrowed(canonical);
    };
    let (head, rest) = canonical.split_at(first);
    let mut out = Vec::with_capacity(canonical.len() + canonical.len() / 4);
    out.extend_from_slice(head);
    for ch in String::from_utf8_lossy(rest).chars() {
        let cp = ch as u32;
        if cp < 0x7f {
            out.push(cp as u8);
        } else if cp <= 0xffff {
            push_u_escape(&mut out, cp);
        } else {
            let v = cp - 0x1_0000;
            push_u_escape(&mut out, 0xd800 | (v >> 10));
            push_u_escape(&mut out, 0xdc00 | (v & 0x3ff));
        }
    }
    Cow::Owned(out)
}

fn push_u_escape(out: &mut Vec<u8>, cu: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.extend_from_slice(b"\\u");
    for shift in [12u32, 8, 4, 0] {
        out.push(
            HEX.get(((cu >> shift) & 0xf) as usize)
                .copied()
                .unwrap_or(b'0'),
        );
    }
}

/// Offset of the first `\\uXXXX` escape of a code >= 0x7F (the mark of an `ensure_ascii=True`
/// spelling). Outside strings valid JSON has no backslashes, so no string tracking is needed;
/// backslashes are found 8 bytes at a time.
pub(crate) fn first_non_ascii_escape(body: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(rel) = find_backslash(body.get(i..)?) {
        let at = i + rel;
        if body.get(at + 1) == Some(&b'u') {
            if hex4(body, at + 2).is_some_and(|cu| cu >= 0x7f) {
                return Some(at);
            }
            i = at + 6;
        } else {
            i = at + 2;
        }
    }
    None
}

/// The first backslash in `hay`, 8 bytes at a time (a plain byte loop is slow in wasm).
fn find_backslash(hay: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(Ok(word)) = hay.get(i..i + 8).map(<[u8; 8]>::try_from) {
        let b = u64::from_le_bytes(word) ^ (LO * u64::from(b'\\'));
        let mask = b.wrapping_sub(LO) & !b & HI;
        if mask != 0 {
            return Some(i + (mask.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay.get(i..)?
        .iter()
        .position(|&b| b == b'\\')
        .map(|p| i + p)
}

/// Turns the `ensure_ascii=True` spelling of a string-escaped body into raw UTF-8: every `\uXXXX`
/// escape of a code >= 0x7F (surrogate pairs combined) is decoded; other escapes are kept as
/// they are. `None` when a surrogate escape is unpaired (Python cannot have signed that).
/// `from` is where to start looking (the bytes before it are copied as they are).
pub(crate) fn unescape_non_ascii(body: &[u8], from: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let (head, mut rest) = body.split_at(from.min(body.len()));
    out.extend_from_slice(head);
    while let Some(i) = find_backslash(rest) {
        let (head, tail) = rest.split_at(i);
        out.extend_from_slice(head);
        if tail.get(1) != Some(&b'u') {
            out.extend_from_slice(tail.get(..2).unwrap_or(tail));
            rest = tail.get(2..).unwrap_or(&[]);
            continue;
        }
        let cu = hex4(tail, 2)?;
        let (cp, used) = match cu {
            0xd800..=0xdbff => {
                let low = if tail.get(6..8) == Some(b"\\u") {
                    hex4(tail, 8)?
                } else {
                    return None;
                };
                if !(0xdc00..=0xdfff).contains(&low) {
                    return None;
                }
                (0x1_0000 + ((cu - 0xd800) << 10) + (low - 0xdc00), 12)
            }
            0xdc00..=0xdfff => return None,
            _ => (cu, 6),
        };
        if cp >= 0x7f {
            push_utf8(&mut out, cp);
        } else {
            out.extend_from_slice(tail.get(..used).unwrap_or(tail));
        }
        rest = tail.get(used..).unwrap_or(&[]);
    }
    out.extend_from_slice(rest);
    Some(out)
}

/// In a canonical body (compact, keys sorted by code point), finds the root object's member
/// `key` by walking members backwards from the end and stopping at the first key that sorts at
/// or below it. Didit's envelope keeps `timestamp` near the end (only `vendor_data`,
/// `webhook_type`, `workflow_*` follow), so this reads a few dozen bytes. Only meaningful for
/// bytes known to be canonical (e.g. authenticated by a V2 signature); total on any input.
/// The member's value is returned as the byte range `start..end` of `c`.
pub(crate) fn sorted_member_range_from_end(c: &[u8], key: &[u8]) -> Option<(usize, usize)> {
    if c.first() != Some(&b'{') || c.last() != Some(&b'}') || c.len() < 2 {
        return None;
    }
    // Members end just before `end` (a `,` or the closing brace).
    let mut end = c.len() - 1;
    loop {
        let vstart = skip_value_back(c, end.checked_sub(1)?)?;
        let colon = vstart.checked_sub(1)?;
        if c.get(colon) != Some(&b':') {
            return None;
        }
        let kclose = colon.checked_sub(1)?;
        if c.get(kclose) != Some(&b'"') {
            return None;
        }
        let kopen = string_start_back(c, kclose)?;
        let raw_key = c.get(kopen + 1..kclose)?;
        let ord = if raw_key.contains(&b'\\') {
            let mut decoded = Vec::new();
            decode_into(raw_key, &mut decoded);
            decoded.as_slice().cmp(key)
        } else {
            raw_key.cmp(key)
        };
        match ord {
            core::cmp::Ordering::Equal => return Some((vstart, end)),
            core::cmp::Ordering::Less => return None,
            core::cmp::Ordering::Greater => {}
        }
        end = kopen.checked_sub(1)?;
        if c.get(end) != Some(&b',') {
            return None;
        }
    }
}

/// The opening quote of the string whose closing quote is at `close`.
fn string_start_back(c: &[u8], close: usize) -> Option<usize> {
    let mut j = close;
    loop {
        let k = c.get(..j)?.iter().rposition(|&b| b == b'"')?;
        let backslashes = c
            .get(..k)?
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            return Some(k);
        }
        j = k;
    }
}

/// The first byte of the compact value whose last byte is at `last`.
fn skip_value_back(c: &[u8], last: usize) -> Option<usize> {
    match c.get(last)? {
        b'"' => string_start_back(c, last),
        b'}' | b']' => {
            let mut depth = 0usize;
            let mut i = last;
            loop {
                match c.get(i)? {
                    b'}' | b']' => depth += 1,
                    b'{' | b'[' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(i);
                        }
                    }
                    b'"' => i = string_start_back(c, i)?,
                    _ => {}
                }
                i = i.checked_sub(1)?;
            }
        }
        _ => {
            let mut i = last;
            while i > 0 && !matches!(c.get(i - 1), Some(b':' | b',' | b'[' | b'{')) {
                i -= 1;
            }
            Some(i)
        }
    }
}

/// A top-level member of the root object, as offsets into the body (webhook verification needs
/// `timestamp`, `session_id`, `status` and `webhook_type`; the last occurrence wins, as in Python).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TopValue {
    /// An integer literal: `body[start..end]`.
    Int { start: usize, end: usize },
    /// A string token including its quotes: `body[start..end]`.
    Str(StrTok),
    /// Any other value.
    Other,
}

/// The top-level fields the webhook verifier reads.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TopFields {
    pub timestamp: Option<TopValue>,
    pub session_id: Option<TopValue>,
    pub status: Option<TopValue>,
    pub webhook_type: Option<TopValue>,
}

impl TopFields {
    fn slot(&mut self, field: u8) -> &mut Option<TopValue> {
        match field {
            0 => &mut self.timestamp,
            1 => &mut self.session_id,
            2 => &mut self.status,
            _ => &mut self.webhook_type,
        }
    }
}

const FIELD_NAMES: [&[u8]; 4] = [b"timestamp", b"session_id", b"status", b"webhook_type"];

/// The canonical bytes and the top-level fields of a parsed body.
#[derive(Debug)]
pub(crate) struct Parsed<'a> {
    pub canonical: Cow<'a, [u8]>,
    pub fields: TopFields,
}

/// Parses `body` and returns its canonical (`ensure_ascii=False`) form and top-level fields.
pub(crate) fn parse(
    body: &[u8],
    max_depth: usize,
    max_bytes: usize,
) -> Result<Parsed<'_>, JsonError> {
    if body.len() > max_bytes {
        return Err(JsonError::TooLarge {
            limit: max_bytes,
            actual: body.len(),
        });
    }
    if let Err(e) = core::str::from_utf8(body) {
        // Python decodes the whole body before parsing, so this error comes first.
        return Err(JsonError::InvalidUtf8 {
            offset: e.valid_up_to(),
        });
    }
    let start = if body.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut stream = Stream::new(body);
    match Parser::new(body, start, max_depth).run(&mut stream) {
        Ok(fields) => Ok(Parsed {
            canonical: stream.finish(),
            fields,
        }),
        Err(Stop::Json(e)) => Err(e),
        Err(Stop::NeedsSort) => {
            let mut tree = Tree::new(body);
            let fields = match Parser::new(body, start, max_depth).run(&mut tree) {
                Ok(fields) => fields,
                Err(Stop::Json(e)) => return Err(e),
                // The tree sink never asks to stop; treat it as unreachable but harmless.
                Err(Stop::NeedsSort) => TopFields::default(),
            };
            Ok(Parsed {
                canonical: Cow::Owned(tree.finish()),
                fields,
            })
        }
    }
}

/// Why parsing stopped early.
pub(crate) enum Stop {
    Json(JsonError),
    /// The streaming writer met an object whose keys are not strictly increasing.
    NeedsSort,
}

impl From<JsonError> for Stop {
    fn from(e: JsonError) -> Self {
        Stop::Json(e)
    }
}

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
    Int {
        start: usize,
        end: usize,
    },
    Float {
        start: usize,
        end: usize,
        value: f64,
    },
}

/// What the parser reports to a writer. Punctuation and literals are passed by position so
/// that the streaming writer can keep canonical spans uncopied.
pub(crate) trait Sink {
    fn open(&mut self, object: bool, pos: usize);
    fn close(&mut self, object: bool, pos: usize);
    fn punct(&mut self, pos: usize);
    fn key(&mut self, tok: StrTok) -> Result<(), Stop>;
    fn string(&mut self, tok: StrTok);
    fn number(&mut self, num: Num);
    fn literal(&mut self, start: usize, end: usize);
}

pub(crate) struct Parser<'a> {
    input: &'a [u8],
    pos: usize,
    max_depth: usize,
    /// One entry per open container: `true` for an object.
    stack: Vec<bool>,
    fields: TopFields,
    /// Set by a top-level key that the verifier wants; consumed by the value that follows.
    pending_field: Option<u8>,
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

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
fn hex4(input: &[u8], at: usize) -> Option<u32> {
    let d = input.get(at..at + 4)?;
    d.iter()
        .try_fold(0u32, |acc, &b| Some(acc << 4 | hex_val(b)?))
}

impl<'a> Parser<'a> {
    pub(crate) fn new(input: &'a [u8], start: usize, max_depth: usize) -> Self {
        Parser {
            input,
            pos: start,
            max_depth,
            stack: Vec::new(),
            fields: TopFields::default(),
            pending_field: None,
        }
    }

    fn syntax(&self, expected: &'static str, at: usize) -> Stop {
        Stop::Json(JsonError::Syntax {
            expected,
            at: Position::at(self.input, at),
        })
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.input.get(self.pos) {
            self.pos += 1;
        }
    }

    pub(crate) fn run<S: Sink>(mut self, sink: &mut S) -> Result<TopFields, Stop> {
        'value: loop {
            self.skip_ws();
            let at = self.pos;
            let Some(&b) = self.input.get(at) else {
                return Err(self.syntax("value", at));
            };
            if let Some(field) = self.pending_field.take() {
                *self.fields.slot(field) = Some(match b {
                    b'"' | b'-' | b'0'..=b'9' => self.peek_top_value(at),
                    _ => TopValue::Other,
                });
            }
            match b {
                b'{' | b'[' => {
                    let object = b == b'{';
                    if self.stack.len() >= self.max_depth {
                        return Err(Stop::Json(JsonError::TooDeep {
                            limit: self.max_depth,
                            at: Position::at(self.input, at),
                        }));
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
                        return Err(self.syntax("value", at));
                    }
                    self.pos += lit.len();
                    sink.literal(at, self.pos);
                }
                b'N' | b'I' => {
                    let lit: &[u8] = if b == b'N' { b"NaN" } else { b"Infinity" };
                    if self.input.get(at..at + lit.len()) == Some(lit) {
                        return Err(Stop::Json(JsonError::NanOrInfinity {
                            at: Position::at(self.input, at),
                        }));
                    }
                    return Err(self.syntax("value", at));
                }
                _ => return Err(self.syntax("value", at)),
            }
            // After a complete value: a separator, a closing bracket, or the end.
            loop {
                self.skip_ws();
                let at = self.pos;
                let Some(&object) = self.stack.last() else {
                    if at != self.input.len() {
                        return Err(self.syntax("end of input", at));
                    }
                    return Ok(self.fields);
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
                        return Err(
                            self.syntax(if object { "`,` or `}`" } else { "`,` or `]`" }, at)
                        )
                    }
                }
            }
        }
    }

    /// Parses `"key"` and `:` (whitespace around the colon allowed).
    fn key<S: Sink>(&mut self, sink: &mut S) -> Result<(), Stop> {
        let at = self.pos;
        if self.input.get(at) != Some(&b'"') {
            return Err(self.syntax("string key", at));
        }
        let tok = self.string()?;
        if self.stack.len() == 1 {
            self.pending_field = self.top_field(tok);
        }
        sink.key(tok)?;
        self.skip_ws();
        if self.input.get(self.pos) != Some(&b':') {
            return Err(self.syntax("`:`", self.pos));
        }
        sink.punct(self.pos);
        self.pos += 1;
        Ok(())
    }

    fn top_field(&self, tok: StrTok) -> Option<u8> {
        let raw = tok.content(self.input);
        if tok.escaped {
            let mut decoded = Vec::new();
            decode_into(raw, &mut decoded);
            FIELD_NAMES
                .iter()
                .position(|n| *n == decoded.as_slice())
                .map(|i| i as u8)
        } else {
            FIELD_NAMES.iter().position(|n| *n == raw).map(|i| i as u8)
        }
    }

    /// Classifies a top-level value without consuming it (the main loop parses it next and
    /// reports any error in it).
    fn peek_top_value(&self, at: usize) -> TopValue {
        let mut probe = Parser::new(self.input, at, 0);
        match self.input.get(at) {
            Some(b'"') => probe.string().map_or(TopValue::Other, TopValue::Str),
            _ => match probe.number() {
                Ok(Num::Int { start, end }) => TopValue::Int { start, end },
                _ => TopValue::Other,
            },
        }
    }

    /// Scans a string starting at the opening quote; validates escapes and surrogate pairs.
    fn string(&mut self) -> Result<StrTok, Stop> {
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
                    return Err(Stop::Json(JsonError::ControlCharacter {
                        at: Position::at(input, i),
                    }));
                }
                _ => i += 1,
            }
        }
    }

    /// Validates the escape whose backslash is at `i`; returns the offset after it.
    fn escape(&self, i: usize) -> Result<usize, Stop> {
        let input = self.input;
        let invalid = || {
            Stop::Json(JsonError::InvalidEscape {
                at: Position::at(input, i),
            })
        };
        let lone = || {
            Stop::Json(JsonError::LoneSurrogate {
                at: Position::at(input, i),
            })
        };
        match input.get(i + 1) {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(i + 2),
            Some(b'u') => {
                let cu = hex4(input, i + 2).ok_or_else(invalid)?;
                match cu {
                    0xd800..=0xdbff => {
                        // Python pairs a high surrogate only with an immediately following
                        // `\uDC00`–`\uDFFF` escape.
                        if input.get(i + 6..i + 8) != Some(b"\\u") {
                            return Err(lone());
                        }
                        let low = hex4(input, i + 8).ok_or_else(|| {
                            Stop::Json(JsonError::InvalidEscape {
                                at: Position::at(input, i + 6),
                            })
                        })?;
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
            _ => Err(invalid()),
        }
    }

    /// Scans a number at `self.pos` (Python's `-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?`).
    fn number(&mut self) -> Result<Num, Stop> {
        let input = self.input;
        let start = self.pos;
        let mut i = start;
        let digit = |i: usize| input.get(i).is_some_and(u8::is_ascii_digit);
        if input.get(i) == Some(&b'-') {
            i += 1;
            if input.get(i..i + 8) == Some(b"Infinity") {
                return Err(Stop::Json(JsonError::NanOrInfinity {
                    at: Position::at(input, start),
                }));
            }
        }
        match input.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while digit(i) {
                    i += 1;
                }
            }
            _ => return Err(self.syntax("value", start)),
        }
        let int_end = i;
        let mut is_float = false;
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
            }
        }
        self.pos = i;
        if !is_float {
            let digits = int_end - start - usize::from(input.get(start) == Some(&b'-'));
            if digits > PYTHON_INT_MAX_DIGITS {
                return Err(Stop::Json(JsonError::NumberTooLong {
                    at: Position::at(input, start),
                    digits,
                }));
            }
            return Ok(Num::Int { start, end: i });
        }
        let text = input
            .get(start..i)
            .and_then(|t| core::str::from_utf8(t).ok())
            .unwrap_or("");
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(Num::Float {
                start,
                end: i,
                value,
            }),
            _ => Err(Stop::Json(JsonError::NumberOutOfRange {
                at: Position::at(input, start),
            })),
        }
    }
}

/// Decodes the escapes of a validated string content into UTF-8 bytes.
pub(crate) fn decode_into(raw: &[u8], out: &mut Vec<u8>) {
    for_each_piece(raw, |piece| match piece {
        Piece::Raw(bytes) => out.extend_from_slice(bytes),
        Piece::Char(cp) => push_utf8(out, cp),
    });
}

/// Writes a validated string content in canonical form (quotes included).
fn write_canonical_string(raw: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    for_each_piece(raw, |piece| match piece {
        // Raw bytes of a valid string never need escaping: `"`, `\` and controls are escaped in
        // valid JSON.
        Piece::Raw(bytes) => out.extend_from_slice(bytes),
        Piece::Char(cp) => push_canonical_char(out, cp),
    });
    out.push(b'"');
}

/// Writes already-decoded string bytes in canonical form (quotes included).
fn write_decoded_string(decoded: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    let mut rest = decoded;
    while let Some(i) = rest
        .iter()
        .position(|&b| b < 0x20 || b == b'"' || b == b'\\')
    {
        let (head, tail) = rest.split_at(i);
        out.extend_from_slice(head);
        if let Some((&b, tail)) = tail.split_first() {
            push_canonical_char(out, u32::from(b));
            rest = tail;
        } else {
            rest = tail;
        }
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

enum Piece<'a> {
    Raw(&'a [u8]),
    Char(u32),
}

/// Splits a validated string content into raw runs and decoded escapes.
fn for_each_piece(raw: &[u8], mut f: impl FnMut(Piece<'_>)) {
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

fn push_utf8(out: &mut Vec<u8>, cp: u32) {
    let ch = char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER);
    let mut buf = [0u8; 4];
    out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
}

fn push_canonical_char(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0x22 => out.extend_from_slice(b"\\\""),
        0x5c => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        0x0a => out.extend_from_slice(b"\\n"),
        0x0d => out.extend_from_slice(b"\\r"),
        0x09 => out.extend_from_slice(b"\\t"),
        0..=0x1f => push_u_escape(out, cp),
        _ => push_utf8(out, cp),
    }
}

/// Whether an escaped string content is already canonical: only the escapes Python writes.
fn escapes_are_canonical(raw: &[u8]) -> bool {
    let mut rest = raw;
    while let Some(i) = rest.iter().position(|&b| b == b'\\') {
        let tail = rest.get(i..).unwrap_or(&[]);
        let used = match tail.get(1) {
            Some(b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't') => 2,
            Some(b'u') => {
                // Canonical only as lowercase `\u00XX` for a control without a short escape.
                let ok = tail.get(2..4) == Some(b"00")
                    && matches!(tail.get(4), Some(b'0' | b'1'))
                    && matches!(tail.get(5), Some(b'0'..=b'9' | b'a'..=b'f'))
                    && !matches!(tail.get(4..6), Some(b"08" | b"09" | b"0a" | b"0c" | b"0d"));
                if !ok {
                    return false;
                }
                6
            }
            _ => return false,
        };
        rest = tail.get(used..).unwrap_or(&[]);
    }
    true
}

/// Whether a float token is certainly its own `repr`, decided from the text alone: plain
/// decimal notation (`-?int.frac`, no exponent), the fraction ending in a non-zero digit, at most
/// 15 significant digits, and no more than three zeros between the point and the first
/// significant digit of a number below 1. Any decimal with at most 15 significant digits
/// survives the trip to a double and back (DBL_DIG), so no shorter string names the same double
/// and `repr` prints exactly these digits, in fixed notation (exponent in -4..16), and the value
/// is not whole. Typical scores (`97.99`, `0.8123`) take this path; others are parsed and printed.
fn plain_decimal_is_repr(token: &[u8]) -> bool {
    let t = token.strip_prefix(b"-").unwrap_or(token);
    let Some(point) = t.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (int_part, frac) = (
        t.get(..point).unwrap_or(&[]),
        t.get(point + 1..).unwrap_or(&[]),
    );
    if frac.is_empty() || !frac.iter().all(u8::is_ascii_digit) || frac.last() == Some(&b'0') {
        return false;
    }
    let significant = if int_part == b"0" {
        let zeros = frac.iter().take_while(|&&b| b == b'0').count();
        if zeros > 3 {
            return false;
        }
        frac.len() - zeros
    } else {
        int_part.len() + frac.len()
    };
    significant <= 15
}

/// Renders a number canonically into `out`.
fn write_number(input: &[u8], num: Num, out: &mut Vec<u8>) {
    match num {
        Num::Int { start, end } => {
            let text = input.get(start..end).unwrap_or(b"0");
            out.extend_from_slice(if text == b"-0" { b"0" } else { text });
        }
        Num::Float { value, .. } => {
            if value.fract() == 0.0 {
                float::write_whole(value, out);
            } else {
                float::write_repr(value, out);
            }
        }
    }
}

/// The streaming writer: writes canonical tokens, leaves canonical spans of the input uncopied,
/// and stops with [`Stop::NeedsSort`] at the first object whose keys are not strictly increasing.
struct Stream<'a> {
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
    fn new(input: &'a [u8]) -> Self {
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

    fn finish(mut self) -> Cow<'a, [u8]> {
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
            let mut tmp = std::mem::take(&mut self.tmp);
            write_canonical_string(raw, &mut tmp);
            self.tmp = tmp;
            self.rewrite(tok.end);
        }
    }
}

impl Sink for Stream<'_> {
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
        match num {
            Num::Int { start, end } => {
                if self.input.get(start..end) == Some(b"-0") {
                    self.tmp.clear();
                    self.tmp.push(b'0');
                    self.rewrite(end);
                } else {
                    self.verbatim(start, end);
                }
            }
            Num::Float { start, end, .. }
                if plain_decimal_is_repr(self.input.get(start..end).unwrap_or(&[])) =>
            {
                self.verbatim(start, end);
            }
            Num::Float { start, end, .. } => {
                self.tmp.clear();
                let mut tmp = std::mem::take(&mut self.tmp);
                write_number(self.input, num, &mut tmp);
                self.tmp = tmp;
                if self.input.get(start..end) == Some(self.tmp.as_slice()) {
                    self.verbatim(start, end);
                } else {
                    self.rewrite(end);
                }
            }
        }
    }

    fn literal(&mut self, start: usize, end: usize) {
        self.verbatim(start, end);
    }
}

/// A value in the sorting writer: a rendered scalar in `scratch`, or a container whose members
/// are `done[start..start + len]`.
#[derive(Clone, Copy)]
enum Node {
    Scalar(u32, u32),
    Object(u32, u32),
    Array(u32, u32),
}

#[derive(Clone, Copy)]
struct Member {
    /// Decoded key in `keys` (empty for array items).
    key: (u32, u32),
    node: Node,
}

struct TreeFrame {
    object: bool,
    pending_start: usize,
    key: (u32, u32),
}

/// The sorting writer: renders scalars as they come, collects each container's members, and at
/// its close sorts them by decoded key (stable, then the last of equal keys wins) into a flat
/// table. Every member is moved once, so the work is linear apart from the sort itself.
struct Tree<'a> {
    input: &'a [u8],
    scratch: Vec<u8>,
    keys: Vec<u8>,
    pending: Vec<Member>,
    done: Vec<Member>,
    frames: Vec<TreeFrame>,
    root: Option<Node>,
}

fn idx(n: usize) -> u32 {
    // Bodies are bounded by `max_bytes`, far below 4 GiB, so offsets and counts fit.
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl<'a> Tree<'a> {
    fn new(input: &'a [u8]) -> Self {
        Tree {
            input,
            scratch: Vec::with_capacity(input.len()),
            keys: Vec::new(),
            pending: Vec::new(),
            done: Vec::new(),
            frames: Vec::new(),
            root: None,
        }
    }

    fn push_value(&mut self, node: Node) {
        match self.frames.last() {
            Some(frame) => self.pending.push(Member {
                key: frame.key,
                node,
            }),
            None => self.root = Some(node),
        }
    }

    fn key_of(&self, m: &Member) -> &[u8] {
        self.keys
            .get(m.key.0 as usize..m.key.1 as usize)
            .unwrap_or(&[])
    }

    fn finish(self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(self.scratch.len() + self.keys.len() + 2 * self.done.len());
        let Some(root) = self.root else { return out };
        // Explicit stack of (first member, next member, end, is_object).
        let mut stack: Vec<(usize, usize, usize, bool)> = Vec::new();
        let mut node = Some(root);
        loop {
            if let Some(n) = node.take() {
                match n {
                    Node::Scalar(s, e) => out
                        .extend_from_slice(self.scratch.get(s as usize..e as usize).unwrap_or(&[])),
                    Node::Object(s, l) => {
                        out.push(b'{');
                        stack.push((s as usize, s as usize, (s + l) as usize, true));
                    }
                    Node::Array(s, l) => {
                        out.push(b'[');
                        stack.push((s as usize, s as usize, (s + l) as usize, false));
                    }
                }
            }
            let Some(top) = stack.last_mut() else { break };
            let (first, next, end, object) = *top;
            if next == end {
                out.push(if object { b'}' } else { b']' });
                stack.pop();
                continue;
            }
            top.1 += 1;
            let Some(m) = self.done.get(next) else { break };
            if next > first {
                out.push(b',');
            }
            if object {
                write_decoded_string(self.key_of(m), &mut out);
                out.push(b':');
            }
            node = Some(m.node);
        }
        out
    }
}

impl Sink for Tree<'_> {
    fn open(&mut self, object: bool, _pos: usize) {
        self.frames.push(TreeFrame {
            object,
            pending_start: self.pending.len(),
            key: (0, 0),
        });
    }

    fn close(&mut self, _object: bool, _pos: usize) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let start = idx(self.done.len());
        let begin = frame.pending_start.min(self.pending.len());
        if frame.object {
            let mut members = self.pending.split_off(begin);
            let keys = &self.keys;
            let key = |m: &Member| keys.get(m.key.0 as usize..m.key.1 as usize).unwrap_or(&[]);
            members.sort_by(|a, b| key(a).cmp(key(b)));
            let mut iter = members.iter().peekable();
            while let Some(m) = iter.next() {
                // Equal keys are adjacent and in input order: keep the last one.
                if iter.peek().is_some_and(|n| key(n) == key(m)) {
                    continue;
                }
                self.done.push(*m);
            }
        } else {
            self.done.extend(self.pending.drain(begin..));
        }
        let len = idx(self.done.len()) - start;
        self.push_value(if frame.object {
            Node::Object(start, len)
        } else {
            Node::Array(start, len)
        });
    }

    fn punct(&mut self, _pos: usize) {}

    fn key(&mut self, tok: StrTok) -> Result<(), Stop> {
        let s = idx(self.keys.len());
        decode_into(tok.content(self.input), &mut self.keys);
        let key = (s, idx(self.keys.len()));
        if let Some(frame) = self.frames.last_mut() {
            frame.key = key;
        }
        Ok(())
    }

    fn string(&mut self, tok: StrTok) {
        let s = idx(self.scratch.len());
        let raw = tok.content(self.input);
        if tok.escaped {
            write_canonical_string(raw, &mut self.scratch);
        } else {
            self.scratch
                .extend_from_slice(self.input.get(tok.start..tok.end).unwrap_or(&[]));
        }
        self.push_value(Node::Scalar(s, idx(self.scratch.len())));
    }

    fn number(&mut self, num: Num) {
        let s = idx(self.scratch.len());
        write_number(self.input, num, &mut self.scratch);
        self.push_value(Node::Scalar(s, idx(self.scratch.len())));
    }

    fn literal(&mut self, start: usize, end: usize) {
        let s = idx(self.scratch.len());
        self.scratch
            .extend_from_slice(self.input.get(start..end).unwrap_or(&[]));
        self.push_value(Node::Scalar(s, idx(self.scratch.len())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        String::from_utf8(
            canonicalize(s.as_bytes(), &Options::default())
                .unwrap()
                .into_owned(),
        )
        .unwrap()
    }
    fn canon_ascii(s: &str) -> String {
        let o = Options {
            ascii: true,
            ..Options::default()
        };
        String::from_utf8(canonicalize(s.as_bytes(), &o).unwrap().into_owned()).unwrap()
    }
    fn err(s: &[u8]) -> &'static str {
        canonicalize(s, &Options::default()).unwrap_err().code()
    }

    #[test]
    fn already_canonical_is_borrowed() {
        let body = br#"{"a":[1,2.5,"x\n"],"b":{"c":null,"d":true}}"#;
        assert!(matches!(
            canonicalize(body, &Options::default()).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn sorts_by_code_point_and_dedups() {
        assert_eq!(canon(r#"{"b":1,"a":2,"b":3}"#), r#"{"a":2,"b":3}"#);
        assert_eq!(canon(r#"{"10":1,"9":2,"a":3}"#), r#"{"10":1,"9":2,"a":3}"#);
        assert_eq!(
            canon("{\"\u{1F600}\":1,\"\u{FF61}\":2}"),
            "{\"\u{FF61}\":2,\"\u{1F600}\":1}"
        );
        assert_eq!(
            canon(r#"{"\u0062":1,"a":{"z":1,"y":[{"d":1,"c":2}]}}"#),
            r#"{"a":{"y":[{"c":2,"d":1}],"z":1},"b":1}"#
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(
            canon("[-0, 1.0, 1E2, 0.10, 1e22, 1e-5, -0.0, 100e-2, 12345678901234567890]"),
            "[0,1,100,0.1,10000000000000000000000,1e-05,0,1,12345678901234567890]"
        );
    }

    #[test]
    fn strings_and_ascii() {
        assert_eq!(
            canon(r#"["\/\u00E9\ud83d\ude00\u0008\u001F\u007f"]"#),
            "[\"/é😀\\b\\u001f\u{7f}\"]"
        );
        assert_eq!(
            canon_ascii("[\"é😀\u{7f}\"]"),
            r#"["\u00e9\ud83d\ude00\u007f"]"#
        );
        assert_eq!(canon("\u{FEFF} [1] "), "[1]");
    }

    #[test]
    fn plain_decimal_fast_path_agrees_with_repr() {
        // Every token the fast path accepts must print as itself through the slow path.
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut accepted = 0;
        for _ in 0..200_000 {
            let int_digits = (next() % 16) as usize;
            let zeros = (next() % 6) as usize;
            let frac_digits = 1 + (next() % 16) as usize;
            let mut t = String::new();
            if next() % 2 == 0 {
                t.push('-');
            }
            if int_digits == 0 {
                t.push('0');
            } else {
                t.push(char::from(b'1' + (next() % 9) as u8));
                for _ in 1..int_digits {
                    t.push(char::from(b'0' + (next() % 10) as u8));
                }
            }
            t.push('.');
            for _ in 0..zeros {
                t.push('0');
            }
            for _ in 0..frac_digits {
                t.push(char::from(b'0' + (next() % 10) as u8));
            }
            if plain_decimal_is_repr(t.as_bytes()) {
                accepted += 1;
                let x: f64 = t.parse().unwrap();
                let mut out = Vec::new();
                write_number(
                    t.as_bytes(),
                    Num::Float {
                        start: 0,
                        end: t.len(),
                        value: x,
                    },
                    &mut out,
                );
                assert_eq!(String::from_utf8(out).unwrap(), t);
            }
        }
        assert!(accepted > 10_000);
    }

    #[test]
    fn errors() {
        assert_eq!(err(b"[1,]"), "ERR_JSON_SYNTAX");
        assert_eq!(err(b"{\"a\" 1}"), "ERR_JSON_SYNTAX");
        assert_eq!(err(b"[NaN]"), "ERR_JSON_NAN_OR_INFINITY");
        assert_eq!(err(b"-Infinity"), "ERR_JSON_NAN_OR_INFINITY");
        assert_eq!(err(b"1e999"), "ERR_JSON_NUMBER_OUT_OF_RANGE");
        assert_eq!(err(b"\"\\ud800\""), "ERR_JSON_LONE_SURROGATE");
        assert_eq!(err(b"\"\\udc00\\ud800\""), "ERR_JSON_LONE_SURROGATE");
        assert_eq!(err(b"\"\x01\""), "ERR_JSON_CONTROL_CHARACTER");
        assert_eq!(err(b"\"\\x\""), "ERR_JSON_INVALID_ESCAPE");
        assert_eq!(err(b"\"\xff\""), "ERR_JSON_INVALID_UTF8");
        assert_eq!(err(b"\"\xed\xa0\x80\""), "ERR_JSON_INVALID_UTF8");
        assert_eq!(err(&b"[".repeat(996)), "ERR_JSON_TOO_DEEP");
        assert_eq!(err("1".repeat(4301).as_bytes()), "ERR_JSON_NUMBER_TOO_LONG");
        assert_eq!(err(b"1 2"), "ERR_JSON_SYNTAX");
        assert_eq!(err(b""), "ERR_JSON_SYNTAX");
    }

    #[test]
    fn depth_limit_is_exact_and_stackless() {
        let ok = format!("{}{}", "[".repeat(995), "]".repeat(995));
        assert!(canonicalize(ok.as_bytes(), &Options::default()).is_ok());
        let deep = Options {
            max_depth: 2_000_000,
            ..Options::default()
        };
        let huge = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert!(canonicalize(huge.as_bytes(), &deep).is_ok());
        let huge_obj = format!("{}1{}", "{\"a\":".repeat(1_000_000), "}".repeat(1_000_000));
        assert!(canonicalize(huge_obj.as_bytes(), &deep).is_ok());
    }
}
