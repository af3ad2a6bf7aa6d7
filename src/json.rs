//! A small owned JSON value for the parts of Didit's payloads the core reads (share-token
//! headers and claims, typed models).
//!
//! It is parsed by the same scanner as the canonical writer, so it accepts exactly what Python's
//! `json.loads` accepts (minus `NaN`/`Infinity` and unpaired surrogate escapes), and it keeps
//! what a general-purpose JSON library loses:
//!
//! * numbers keep their source text, so an integer beyond 2^53 (or beyond 2^64) keeps every digit;
//! * objects keep their members in document order, duplicates included, so a caller can report a
//!   repeated key; lookups return the *last* occurrence, as Python's `dict` does.
//!
//! This is not the canonical writer: [`Value::write_json`] writes compact JSON in document order,
//! for handing values to JavaScript.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use crate::error::JsonError;
use crate::scan::{self, decode_into, Num, Sink, StrTok};

/// Nesting limit for values read by [`parse`] unless a caller asks otherwise. Didit's deepest
/// documented payload nests about 8 levels; 128 leaves room and bounds recursive drops.
pub const DEFAULT_VALUE_MAX_DEPTH: usize = 128;

/// A JSON number, kept as its source text.
#[derive(Clone, PartialEq, Eq)]
pub struct Number {
    raw: Box<str>,
    integer: bool,
}

impl Number {
    /// An integer.
    pub fn from_i64(v: i64) -> Self {
        Number {
            raw: msg!(v).into(),
            integer: true,
        }
    }

    /// The number exactly as written in the input.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// Whether it was written without a fraction or exponent.
    pub fn is_integer(&self) -> bool {
        self.integer
    }

    /// The value as an `i64`, when written as an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        if self.integer {
            crate::scan::parse_i64(self.raw.as_bytes())
        } else {
            None
        }
    }

    /// The value as a double (rounded to nearest, as `JSON.parse` and Python's `float` do).
    pub fn as_f64(&self) -> f64 {
        crate::float::parse(self.raw.as_bytes())
    }

    /// Whether JavaScript's `JSON.parse` would change the value: an integer outside ±(2^53 − 1).
    pub fn is_unsafe_integer(&self) -> bool {
        const MAX_SAFE: i64 = (1 << 53) - 1;
        self.integer
            && self
                .as_i64()
                .map_or(true, |v| !(-MAX_SAFE..=MAX_SAFE).contains(&v))
    }
}

impl core::fmt::Debug for Number {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.raw)
    }
}

/// A JSON value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, as written.
    Number(Number),
    /// A string, escapes decoded.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in document order.
    Object(Object),
}

/// An object's members in document order (duplicates kept).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Object {
    /// `(key, value)` pairs as they appear.
    pub members: Vec<(String, Value)>,
}

impl Object {
    /// The value of the last member named `key` (Python's `dict` semantics).
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.members
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Keys that occur more than once, each reported once, in order of first repetition.
    pub fn duplicate_keys(&self) -> Vec<&str> {
        key_sets(self.members.iter().map(|(k, _)| k.as_str())).1
    }

    /// Distinct keys in order of first appearance.
    pub fn keys(&self) -> Vec<&str> {
        key_sets(self.members.iter().map(|(k, _)| k.as_str())).0
    }
}

/// The distinct keys in order of first appearance, and the repeated ones (each once, in order of
/// first repetition). O(n log n): sorting the keys with their positions brings each key's
/// occurrences together in document order. (A scan of the keys seen so far was quadratic: a
/// share token of 40,000 claims, allowed by a raised `maxTokenBytes`, took 3 s to inspect, and
/// one of 8 KiB 15 ms.)
fn key_sets<'k>(keys: impl Iterator<Item = &'k str>) -> (Vec<&'k str>, Vec<&'k str>) {
    key_sets_of(keys.collect())
}

/// [`key_sets`] after collecting (generic over the key only so that a test can count comparisons;
/// the crate sorts `&str` keys alone, so the sort is compiled once).
#[inline(never)]
fn key_sets_of<K: Ord + Copy>(keys: Vec<K>) -> (Vec<K>, Vec<K>) {
    let mut order: Vec<(K, usize)> = keys.iter().copied().zip(0..).collect();
    // By key, then position: equal keys end up in document order.
    crate::canonical::sort_by(&mut order, |a, b| a < b);
    // Per key position: 1 for a key's first occurrence, 2 for its second, 0 otherwise.
    let mut mark = vec![0u8; keys.len()];
    let mut run = 0u8;
    let mut prev: Option<K> = None;
    for &(k, i) in &order {
        run = if prev == Some(k) {
            run.saturating_add(1)
        } else {
            1
        };
        prev = Some(k);
        if run <= 2 {
            if let Some(m) = mark.get_mut(i) {
                *m = run;
            }
        }
    }
    let (mut distinct, mut repeated) = (Vec::new(), Vec::new());
    for (&k, &m) in keys.iter().zip(&mark) {
        match m {
            1 => distinct.push(k),
            2 => repeated.push(k),
            _ => {}
        }
    }
    (distinct, repeated)
}

impl Value {
    /// The JSON type name used in messages: `null`, `boolean`, `number`, `string`, `array`, `object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// Writes compact JSON in document order (duplicates kept, numbers as written, non-ASCII raw).
    pub fn write_json(&self, out: &mut String) {
        // Explicit stack: the depth of a parsed value is bounded, but writing never recurses.
        enum Step<'v> {
            Value(&'v Value),
            Raw(&'static str),
            Key(&'v str),
        }
        let mut stack = vec![Step::Value(self)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Raw(s) => out.push_str(s),
                Step::Key(k) => {
                    write_json_string(k, out);
                    out.push(':');
                }
                Step::Value(v) => match v {
                    Value::Null => out.push_str("null"),
                    Value::Bool(true) => out.push_str("true"),
                    Value::Bool(false) => out.push_str("false"),
                    Value::Number(n) => out.push_str(n.as_str()),
                    Value::String(s) => write_json_string(s, out),
                    Value::Array(items) => {
                        out.push('[');
                        stack.push(Step::Raw("]"));
                        for (i, item) in items.iter().enumerate().rev() {
                            stack.push(Step::Value(item));
                            if i > 0 {
                                stack.push(Step::Raw(","));
                            }
                        }
                    }
                    Value::Object(o) => {
                        out.push('{');
                        stack.push(Step::Raw("}"));
                        for (i, (k, item)) in o.members.iter().enumerate().rev() {
                            stack.push(Step::Value(item));
                            stack.push(Step::Key(k));
                            if i > 0 {
                                stack.push(Step::Raw(","));
                            }
                        }
                    }
                },
            }
        }
    }
}

/// Writes `s` as a JSON string literal: `"` and `\` and control characters escaped, the rest raw.
pub fn write_json_string(s: &str, out: &mut String) {
    out.push('"');
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut run_start = 0;
    for (i, b) in s.bytes().enumerate() {
        let esc: Option<&str> = match b {
            b'"' => Some("\\\""),
            b'\\' => Some("\\\\"),
            b'\n' => Some("\\n"),
            b'\r' => Some("\\r"),
            b'\t' => Some("\\t"),
            0..=0x1f => None,
            _ => continue,
        };
        out.push_str(s.get(run_start..i).unwrap_or(""));
        match esc {
            Some(e) => out.push_str(e),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(char::from(*HEX.get(usize::from(b >> 4)).unwrap_or(&b'0')));
                out.push(char::from(*HEX.get(usize::from(b & 15)).unwrap_or(&b'0')));
            }
        }
        run_start = i + 1;
    }
    out.push_str(s.get(run_start..).unwrap_or(""));
    out.push('"');
}

/// Parses `input` (UTF-8 JSON text, one value) into a [`Value`]. A leading byte-order mark is
/// accepted, as Python's `json.loads` accepts one in bytes.
///
/// # Errors
/// The scanner's first error, each variant of [`JsonError`] but `TooLarge` (there is no size
/// limit here; callers bound the input): [`JsonError::InvalidUtf8`], [`JsonError::Syntax`] and
/// the other grammar errors for text Python's `json.loads` rejects, [`JsonError::NanOrInfinity`]
/// and [`JsonError::LoneSurrogate`] for what Didit's signer cannot emit, and
/// [`JsonError::TooDeep`] beyond `max_depth` nested arrays and objects.
pub fn parse(input: &[u8], max_depth: usize) -> Result<Value, JsonError> {
    let mut builder = Builder {
        input,
        frames: Vec::new(),
        root: None,
        scratch: Vec::new(),
    };
    scan::scan(input, max_depth, &mut builder)?;
    Ok(builder.root.unwrap_or(Value::Null))
}

enum Frame {
    Array(Vec<Value>),
    Object(Vec<(String, Value)>, String),
}

struct Builder<'a> {
    input: &'a [u8],
    frames: Vec<Frame>,
    root: Option<Value>,
    scratch: Vec<u8>,
}

impl Builder<'_> {
    fn text(&mut self, tok: StrTok) -> String {
        let raw = tok.content(self.input);
        if tok.escaped {
            self.scratch.clear();
            decode_into(raw, &mut self.scratch);
            String::from_utf8_lossy(&self.scratch).into_owned()
        } else {
            // The whole input was checked to be UTF-8 and a string token never splits a character.
            String::from_utf8_lossy(raw).into_owned()
        }
    }

    fn push(&mut self, value: Value) {
        match self.frames.last_mut() {
            Some(Frame::Array(items)) => items.push(value),
            Some(Frame::Object(members, key)) => members.push((core::mem::take(key), value)),
            None => self.root = Some(value),
        }
    }
}

impl Sink for Builder<'_> {
    type Stop = JsonError;

    fn open(&mut self, object: bool, _pos: usize) {
        self.frames.push(if object {
            Frame::Object(Vec::new(), String::new())
        } else {
            Frame::Array(Vec::new())
        });
    }

    fn close(&mut self, _object: bool, _pos: usize) {
        let value = match self.frames.pop() {
            Some(Frame::Array(items)) => Value::Array(items),
            Some(Frame::Object(members, _)) => Value::Object(Object { members }),
            None => return,
        };
        self.push(value);
    }

    fn key(&mut self, tok: StrTok) -> Result<(), JsonError> {
        let key = self.text(tok);
        if let Some(Frame::Object(_, pending)) = self.frames.last_mut() {
            *pending = key;
        }
        Ok(())
    }

    fn string(&mut self, tok: StrTok) {
        let s = self.text(tok);
        self.push(Value::String(s));
    }

    fn number(&mut self, num: Num) {
        let (start, end, integer) = match num {
            Num::Int { start, end } => (start, end, true),
            Num::Float { start, end, .. } => (start, end, false),
        };
        let raw = self
            .input
            .get(start..end)
            .and_then(|t| core::str::from_utf8(t).ok())
            .unwrap_or("0");
        self.push(Value::Number(Number {
            raw: raw.into(),
            integer,
        }));
    }

    fn literal(&mut self, start: usize, _end: usize) {
        let value = match self.input.get(start) {
            Some(b't') => Value::Bool(true),
            Some(b'f') => Value::Bool(false),
            _ => Value::Null,
        };
        self.push(value);
    }
}

/// A top-level member's value, read without building a tree: scalars are borrowed from the input
/// when they need no decoding; arrays and objects are only named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberValue<'a> {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number as written; `integer` when it has no fraction or exponent.
    Number {
        /// The source text.
        raw: &'a str,
        /// Written without fraction or exponent.
        integer: bool,
    },
    /// A string, escapes decoded.
    String(Cow<'a, str>),
    /// An array (contents validated, not kept).
    Array,
    /// An object (contents validated, not kept).
    Object,
}

/// The former name of [`MemberValue`], kept so that existing code compiles.
#[deprecated(
    note = "renamed `MemberValue`: it names arrays and objects too, so it is not a scalar"
)]
pub type Scalar<'a> = MemberValue<'a>;

impl MemberValue<'_> {
    /// The JSON type name: `null`, `boolean`, `number`, `string`, `array`, `object`.
    pub fn type_name(&self) -> &'static str {
        match self {
            MemberValue::Null => "null",
            MemberValue::Bool(_) => "boolean",
            MemberValue::Number { .. } => "number",
            MemberValue::String(_) => "string",
            MemberValue::Array => "array",
            MemberValue::Object => "object",
        }
    }
}

/// The members of a top-level object, in document order, duplicates kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Members<'a> {
    /// `(key, value)` pairs as they appear.
    pub list: Vec<(Cow<'a, str>, MemberValue<'a>)>,
}

impl<'a> Members<'a> {
    /// The value of the last member named `key` (Python's `dict` semantics).
    pub fn get(&self, key: &str) -> Option<&MemberValue<'a>> {
        self.list
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
    }

    /// Keys that occur more than once, each reported once.
    pub fn duplicate_keys(&self) -> Vec<&str> {
        // A repeated key is rare: a small object (Didit's claims) is checked without allocating.
        let list = &self.list;
        if list.len() <= 16
            && !list
                .iter()
                .enumerate()
                .any(|(i, (k, _))| list.iter().take(i).any(|(p, _)| p == k))
        {
            return Vec::new();
        }
        key_sets(self.list.iter().map(|(k, _)| k.as_ref())).1
    }

    /// Distinct keys in order of first appearance.
    pub fn keys(&self) -> Vec<&str> {
        key_sets(self.list.iter().map(|(k, _)| k.as_ref())).0
    }
}

/// A JSON text read only at its top level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Top<'a> {
    /// An object and its members.
    Object(Members<'a>),
    /// Any other value, by JSON type name.
    Other(&'static str),
}

/// Validates `input` as one JSON value (as [`parse`] does) and returns its top-level members
/// without building a tree. This is what share-token inspection uses: a few allocations instead of
/// one per value.
///
/// # Errors
/// As [`parse`]: the first [`JsonError`] in the whole text (not only its top level).
pub fn parse_top(input: &[u8], max_depth: usize) -> Result<Top<'_>, JsonError> {
    match core::str::from_utf8(input) {
        Ok(text) => parse_top_str(text, max_depth),
        Err(e) => Err(JsonError::InvalidUtf8 {
            offset: e.valid_up_to(),
        }),
    }
}

/// [`parse_top`] over text already known to be UTF-8: neither the scan nor the members borrowed
/// from it validate it again.
///
/// # Errors
/// As [`parse_top`], without [`JsonError::InvalidUtf8`].
pub(crate) fn parse_top_str(text: &str, max_depth: usize) -> Result<Top<'_>, JsonError> {
    let mut sink = TopSink::new(text, &[], true, &mut []);
    match scan_top(text, max_depth, &mut sink) {
        Err(TopStop::Json(e)) => return Err(e),
        // Only a sink that files without listing stops for a name (this one lists).
        Ok(()) | Err(TopStop::Unfiled) => {}
    }
    Ok(if sink.top == "object" {
        Top::Object(Members { list: sink.members })
    } else {
        Top::Other(sink.top)
    })
}

/// What [`parse_top_filed`] read.
#[cfg(feature = "share-token")]
pub(crate) enum Filed<'a> {
    /// An object; its members, when listed.
    Object(Option<Members<'a>>),
    /// Not listing: an object with a member of another name, or a repeated one (the scan stopped
    /// at that member).
    Unfiled,
    /// Any other value, by JSON type name.
    Other(&'static str),
}

/// [`parse_top_str`] for a caller that reads the members named in `names`: their values are filed
/// into `named` (at the position of their name; the last of a repeated name, as Python's `dict`
/// keeps it) during the scan. With `list`, the members are listed too, the values filed left out
/// of the list (as `null`); without, no list is built and the scan stops ([`Filed::Unfiled`]) at
/// the first member of another name or a repeated one.
///
/// # Errors
/// As [`parse_top_str`], for the text up to where the scan stopped.
#[cfg(feature = "share-token")]
pub(crate) fn parse_top_filed<'a>(
    text: &'a str,
    max_depth: usize,
    names: &'static [&'static str],
    list: bool,
    named: &mut [Option<MemberValue<'a>>],
) -> Result<Filed<'a>, JsonError> {
    let mut sink = TopSink::new(text, names, list, named);
    match scan_top(text, max_depth, &mut sink) {
        Err(TopStop::Json(e)) => Err(e),
        Err(TopStop::Unfiled) => Ok(Filed::Unfiled),
        Ok(()) if sink.top == "object" => Ok(Filed::Object(
            list.then_some(Members { list: sink.members }),
        )),
        Ok(()) => Ok(Filed::Other(sink.top)),
    }
}

/// The scan behind [`parse_top_str`] and `parse_top_filed`: one sink type and one call site, so
/// that the scanner is compiled (and inlined) once for both.
#[inline(never)]
fn scan_top<'a>(
    text: &'a str,
    max_depth: usize,
    sink: &mut TopSink<'a, '_>,
) -> Result<(), TopStop> {
    scan::scan_str(text, max_depth, sink)
}

/// Why a [`TopSink`]'s scan ended early.
enum TopStop {
    Json(JsonError),
    /// A sink filing without listing met a member it does not file (see `parse_top_filed`).
    Unfiled,
}

impl From<JsonError> for TopStop {
    fn from(e: JsonError) -> Self {
        TopStop::Json(e)
    }
}

struct TopSink<'a, 'n> {
    text: &'a str,
    depth: usize,
    top: &'static str,
    key: Cow<'a, str>,
    /// The members, when `list`.
    members: Vec<(Cow<'a, str>, MemberValue<'a>)>,
    list: bool,
    /// The names filed, their values, and the current member's place among them.
    names: &'static [&'static str],
    filed: &'n mut [Option<MemberValue<'a>>],
    slot: Option<usize>,
}

impl<'a, 'n> TopSink<'a, 'n> {
    fn new(
        text: &'a str,
        names: &'static [&'static str],
        list: bool,
        filed: &'n mut [Option<MemberValue<'a>>],
    ) -> Self {
        TopSink {
            text,
            depth: 0,
            top: "null",
            key: Cow::Borrowed(""),
            // Room for Didit's six claims and a few more without growing.
            members: Vec::with_capacity(if list { 8 } else { 0 }),
            list,
            names,
            filed,
            slot: None,
        }
    }

    fn text(&self, tok: StrTok) -> Cow<'a, str> {
        if tok.escaped {
            let raw = tok.content(self.text.as_bytes());
            let mut decoded = Vec::with_capacity(raw.len());
            decode_into(raw, &mut decoded);
            Cow::Owned(String::from_utf8_lossy(&decoded).into_owned())
        } else {
            // A string token starts and ends at a quote, so the cut is on character boundaries.
            Cow::Borrowed(
                self.text
                    .get(tok.start + 1..tok.end.saturating_sub(1))
                    .unwrap_or(""),
            )
        }
    }

    fn value(&mut self, value: MemberValue<'a>) {
        match self.depth {
            0 => self.top = value.type_name(),
            1 if self.top == "object" => match self.slot.take().and_then(|i| self.filed.get_mut(i))
            {
                // A filed value is not listed as well: only the keys of a list are read then.
                Some(slot) => {
                    *slot = Some(value);
                    if self.list {
                        let key = core::mem::replace(&mut self.key, Cow::Borrowed(""));
                        self.members.push((key, MemberValue::Null));
                    }
                }
                None if self.list => {
                    let key = core::mem::replace(&mut self.key, Cow::Borrowed(""));
                    self.members.push((key, value));
                }
                None => {}
            },
            _ => {}
        }
    }
}

impl<'a> Sink for TopSink<'a, '_> {
    type Stop = TopStop;

    fn open(&mut self, object: bool, _pos: usize) {
        self.value(if object {
            MemberValue::Object
        } else {
            MemberValue::Array
        });
        self.depth += 1;
    }

    fn close(&mut self, _object: bool, _pos: usize) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn key(&mut self, tok: StrTok) -> Result<(), TopStop> {
        if self.depth == 1 {
            let key = self.text(tok);
            let i = self.names.iter().position(|n| *n == key);
            // Not listing: another name, or one already filed, stops the scan.
            if !self.list && !matches!(i.and_then(|i| self.filed.get(i)), Some(None)) {
                return Err(TopStop::Unfiled);
            }
            self.slot = i;
            if self.list {
                self.key = key;
            }
        }
        Ok(())
    }

    fn string(&mut self, tok: StrTok) {
        if self.depth <= 1 {
            let s = self.text(tok);
            self.value(MemberValue::String(s));
        }
    }

    fn number(&mut self, num: Num) {
        if self.depth <= 1 {
            let (start, end, integer) = match num {
                Num::Int { start, end } => (start, end, true),
                Num::Float { start, end, .. } => (start, end, false),
            };
            let raw = self.text.get(start..end).unwrap_or("0");
            self.value(MemberValue::Number { raw, integer });
        }
    }

    fn literal(&mut self, start: usize, _end: usize) {
        if self.depth <= 1 {
            let v = match self.text.as_bytes().get(start) {
                Some(b't') => MemberValue::Bool(true),
                Some(b'f') => MemberValue::Bool(false),
                _ => MemberValue::Null,
            };
            self.value(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_sets_as_a_scan_of_the_keys_seen() {
        // The definition: a key is distinct at its first occurrence, repeated at its second.
        fn scan<'k>(keys: &[&'k str]) -> (Vec<&'k str>, Vec<&'k str>) {
            let (mut distinct, mut repeated) = (Vec::new(), Vec::new());
            for &k in keys {
                if !distinct.contains(&k) {
                    distinct.push(k);
                } else if !repeated.contains(&k) {
                    repeated.push(k);
                }
            }
            (distinct, repeated)
        }
        const NAMES: [&str; 7] = ["a", "b", "c", "aa", "", "\u{e9}", "exp"];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for n in 0..2_000 {
            let keys: Vec<&str> = (0..n % 40)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    NAMES[(state >> 59) as usize % NAMES.len()]
                })
                .collect();
            assert_eq!(key_sets(keys.iter().copied()), scan(&keys), "{keys:?}");
        }
    }

    #[test]
    fn key_sets_compare_n_log_n_times() {
        use core::cell::Cell;
        use core::cmp::Ordering;
        #[derive(Clone, Copy)]
        struct Counted<'c>(u32, &'c Cell<u64>);
        impl PartialEq for Counted<'_> {
            fn eq(&self, other: &Self) -> bool {
                self.cmp(other) == Ordering::Equal
            }
        }
        impl Eq for Counted<'_> {}
        impl PartialOrd for Counted<'_> {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for Counted<'_> {
            fn cmp(&self, other: &Self) -> Ordering {
                self.1.set(self.1.get() + 1);
                self.0.cmp(&other.0)
            }
        }
        let n: u32 = 20_000;
        let count = Cell::new(0);
        // Distinct keys in a scrambled order, one repeated: the case a scan of the keys seen so
        // far made quadratic (n²/2 = 2e8 comparisons here).
        let keys: Vec<Counted<'_>> = (0..n)
            .map(|i| Counted((u64::from(i) * 7_919 % u64::from(n)) as u32, &count))
            .chain([Counted(5, &count)])
            .collect();
        let (distinct, repeated) = key_sets_of(keys);
        assert_eq!((distinct.len(), repeated.len()), (n as usize, 1));
        let bound = 4 * u64::from(n) * u64::from(32 - n.leading_zeros());
        assert!(
            count.get() <= bound,
            "{} comparisons for {n} keys (bound {bound})",
            count.get()
        );
    }

    #[test]
    fn keeps_digits_order_and_duplicates() {
        let v = parse(
            br#"{"b":12345678901234567890123,"a":[1.5,"x\u00e9\ud83d\ude00",true,null],"b":2}"#,
            DEFAULT_VALUE_MAX_DEPTH,
        )
        .unwrap();
        let o = v.as_object().unwrap();
        assert_eq!(o.keys(), vec!["b", "a"]);
        assert_eq!(o.duplicate_keys(), vec!["b"]);
        match o.get("b") {
            Some(Value::Number(n)) => assert_eq!(n.as_i64(), Some(2)),
            other => panic!("{other:?}"),
        }
        match o.members.first() {
            Some((_, Value::Number(n))) => {
                assert_eq!(n.as_str(), "12345678901234567890123");
                assert!(n.is_unsafe_integer());
            }
            other => panic!("{other:?}"),
        }
        let mut out = String::new();
        v.write_json(&mut out);
        assert_eq!(
            out,
            "{\"b\":12345678901234567890123,\"a\":[1.5,\"x\u{e9}\u{1f600}\",true,null],\"b\":2}"
        );
    }

    #[test]
    fn top_members_without_a_tree() {
        let input = br#"{"a":"x\u00e9","b":[1,{"c":2}],"n":-1.5e3,"a":"plain","t":true,"z":null}"#;
        let Top::Object(m) = parse_top(input, 8).unwrap() else {
            panic!("not an object")
        };
        assert_eq!(m.keys(), vec!["a", "b", "n", "t", "z"]);
        assert_eq!(m.duplicate_keys(), vec!["a"]);
        assert_eq!(
            m.get("a"),
            Some(&MemberValue::String(Cow::Borrowed("plain")))
        );
        assert!(
            matches!(m.list.first(), Some((_, MemberValue::String(Cow::Owned(s)))) if s == "x\u{e9}")
        );
        assert_eq!(m.get("b"), Some(&MemberValue::Array));
        assert_eq!(
            m.get("n"),
            Some(&MemberValue::Number {
                raw: "-1.5e3",
                integer: false
            })
        );
        assert_eq!(parse_top(b"[1]", 8), Ok(Top::Other("array")));
        assert_eq!(parse_top(b" \"s\" ", 8), Ok(Top::Other("string")));
        assert!(parse_top(b"{\"a\":[}", 8).is_err());
    }

    #[test]
    fn errors_and_limits() {
        assert!(matches!(
            parse(b"[[[1]]]", 2),
            Err(JsonError::TooDeep { .. })
        ));
        assert!(matches!(parse(b"{", 8), Err(JsonError::Syntax { .. })));
        assert!(matches!(
            parse(b"\"\xff\"", 8),
            Err(JsonError::InvalidUtf8 { offset: 1 })
        ));
        let mut out = String::new();
        write_json_string("a\"\\\n\u{1}\u{7f}", &mut out);
        assert_eq!(out, "\"a\\\"\\\\\\n\\u0001\u{7f}\"");
    }
}
