//! A slow, obviously correct model of Didit's Python signer, written apart from `src/` so that
//! the fuzz targets (and the corpus replay in `tests/fuzz_replay.rs`) can hold the fast
//! canonicalizer to it.
//!
//! It models `json.loads(body)` (C scanner, bytes input restricted to UTF-8 with an optional
//! BOM) followed by `json.dumps(shorten_floats(value), sort_keys=True, separators=(",", ":"),
//! ensure_ascii=...)` and `.encode("utf-8")`, and shares no code with the core:
//!
//! * a recursive-descent parser over `char`s builds a tree; strings are sequences of code
//!   points that may hold lone surrogates, as Python's `str` can;
//! * objects go into a `BTreeMap` keyed by code points: that both sorts by code point and keeps
//!   the last of duplicate keys;
//! * floats are printed by searching precisions 1..=17 for the shortest decimal that parses back
//!   to the same double (Python's `repr`), then laid out by Python's rules; whole floats are
//!   expanded to their exact integer by schoolbook doubling of a decimal digit string.
//!
//! The core stops at the first problem of any kind; Python keeps parsing past values it accepts
//! but cannot sign (NaN, Infinity, a number overflowing to infinity, a lone surrogate). So the
//! model records the first such value and parses on: [`Verdict::python_accepts`] says whether
//! `json.loads` itself would succeed, and [`Verdict::first_problem`] is the error code the core
//! must report. The model is itself checked against CPython's outputs in
//! `tests/vectors/canonical.json` (see `tests/fuzz_replay.rs`).
#![allow(dead_code)]

use std::collections::BTreeMap;

/// CPython's json reaches this depth from a shallow stack (the core's documented policy).
pub const MAX_DEPTH: usize = 995;
/// `sys.get_int_max_str_digits()` default: `int()` of a longer literal raises.
pub const INT_MAX_DIGITS: usize = 4300;

/// A parsed JSON value, as Python holds it after `json.loads` (numbers still as their token).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// An integer literal, exactly as written (Python's `int` keeps every digit).
    Int(String),
    /// A number with a fraction or exponent, as Python's `float()` reads it.
    Float(f64),
    /// Code points; may contain lone surrogates (U+D800–U+DFFF).
    Str(Vec<u32>),
    Array(Vec<Value>),
    /// Sorted by code point; the last of duplicate keys wins.
    Object(BTreeMap<Vec<u32>, Value>),
}

/// What the model says about a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Whether `json.loads` accepts the body at all.
    pub python_accepts: bool,
    /// The code the core must report, or `None` when the body has a canonical form.
    pub first_problem: Option<&'static str>,
    /// The parsed value (only when `python_accepts`).
    pub value: Option<Value>,
}

impl Verdict {
    /// The canonical bytes (`ensure_ascii=False`), when there are any.
    pub fn canonical(&self) -> Option<Vec<u8>> {
        match (&self.first_problem, &self.value) {
            (None, Some(v)) => Some(dumps(v, false).into_bytes()),
            _ => None,
        }
    }

    /// The canonical bytes with `ensure_ascii=True`, when there are any.
    pub fn canonical_ascii(&self) -> Option<Vec<u8>> {
        match (&self.first_problem, &self.value) {
            (None, Some(v)) => Some(dumps(v, true).into_bytes()),
            _ => None,
        }
    }

    /// A top-level member of the root object, when the root is an object.
    pub fn top(&self, key: &str) -> Option<&Value> {
        match &self.value {
            Some(Value::Object(members)) => {
                members.get(&key.chars().map(u32::from).collect::<Vec<u32>>())
            }
            _ => None,
        }
    }
}

/// Runs the model on `body` with the default depth limit.
pub fn verdict(body: &[u8]) -> Verdict {
    verdict_with_depth(body, MAX_DEPTH)
}

/// Runs the model on `body` with nesting limited to `max_depth`.
pub fn verdict_with_depth(body: &[u8], max_depth: usize) -> Verdict {
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(_) => return rejected("ERR_JSON_INVALID_UTF8"),
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        depth: 0,
        max_depth,
        unsignable: None,
    };
    let parsed = p.document();
    match parsed {
        Ok(value) => Verdict {
            python_accepts: true,
            first_problem: p.unsignable,
            value: Some(value),
        },
        Err(code) => Verdict {
            python_accepts: false,
            // The core stops at the first problem, whichever kind it is.
            first_problem: Some(p.unsignable.unwrap_or(code)),
            value: None,
        },
    }
}

fn rejected(code: &'static str) -> Verdict {
    Verdict {
        python_accepts: false,
        first_problem: Some(code),
        value: None,
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
    max_depth: usize,
    /// The first value Python accepts but cannot sign.
    unsignable: Option<&'static str>,
}

type Parse<T> = Result<T, &'static str>;

const SYNTAX: &str = "ERR_JSON_SYNTAX";

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&self, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.pos + i) == Some(&c))
    }

    fn unsignable(&mut self, code: &'static str) {
        if self.unsignable.is_none() {
            self.unsignable = Some(code);
        }
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
    }

    fn document(&mut self) -> Parse<Value> {
        self.ws();
        let v = self.value()?;
        self.ws();
        if self.pos != self.chars.len() {
            return Err(SYNTAX);
        }
        Ok(v)
    }

    fn value(&mut self) -> Parse<Value> {
        match self.peek() {
            Some('{') => self.container(true),
            Some('[') => self.container(false),
            Some('"') => Ok(Value::Str(self.string()?)),
            Some('-' | '0'..='9') => self.number(),
            Some(_) => {
                for (word, v) in [
                    ("true", Value::Bool(true)),
                    ("false", Value::Bool(false)),
                    ("null", Value::Null),
                ] {
                    if self.starts_with(word) {
                        self.pos += word.len();
                        return Ok(v);
                    }
                }
                for word in ["NaN", "Infinity"] {
                    if self.starts_with(word) {
                        self.pos += word.len();
                        self.unsignable("ERR_JSON_NAN_OR_INFINITY");
                        return Ok(Value::Null);
                    }
                }
                Err(SYNTAX)
            }
            None => Err(SYNTAX),
        }
    }

    fn container(&mut self, object: bool) -> Parse<Value> {
        if self.depth >= self.max_depth {
            return Err("ERR_JSON_TOO_DEEP");
        }
        self.depth += 1;
        self.pos += 1;
        let close = if object { '}' } else { ']' };
        let mut items = Vec::new();
        let mut members = BTreeMap::new();
        self.ws();
        if self.peek() == Some(close) {
            self.pos += 1;
        } else {
            loop {
                self.ws();
                if object {
                    if self.peek() != Some('"') {
                        return Err(SYNTAX);
                    }
                    let key = self.string()?;
                    self.ws();
                    if self.peek() != Some(':') {
                        return Err(SYNTAX);
                    }
                    self.pos += 1;
                    self.ws();
                    let v = self.value()?;
                    members.insert(key, v);
                } else {
                    items.push(self.value()?);
                }
                self.ws();
                match self.peek() {
                    Some(',') => self.pos += 1,
                    Some(c) if c == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(SYNTAX),
                }
            }
        }
        self.depth -= 1;
        Ok(if object {
            Value::Object(members)
        } else {
            Value::Array(items)
        })
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let mut v = 0;
        for i in at..at + 4 {
            v = v * 16 + self.chars.get(i)?.to_digit(16)?;
        }
        Some(v)
    }

    fn string(&mut self) -> Parse<Vec<u32>> {
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek().ok_or(SYNTAX)?;
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => {
                    let e = self.chars.get(self.pos + 1).copied().ok_or(SYNTAX)?;
                    let simple = match e {
                        '"' => Some('"'),
                        '\\' => Some('\\'),
                        '/' => Some('/'),
                        'b' => Some('\u{8}'),
                        'f' => Some('\u{c}'),
                        'n' => Some('\n'),
                        'r' => Some('\r'),
                        't' => Some('\t'),
                        _ => None,
                    };
                    if let Some(s) = simple {
                        out.push(u32::from(s));
                        self.pos += 2;
                        continue;
                    }
                    if e != 'u' {
                        return Err("ERR_JSON_INVALID_ESCAPE");
                    }
                    let cu = self.hex4(self.pos + 2).ok_or("ERR_JSON_INVALID_ESCAPE")?;
                    self.pos += 6;
                    if (0xd800..0xdc00).contains(&cu)
                        && self.peek() == Some('\\')
                        && self.chars.get(self.pos + 1) == Some(&'u')
                    {
                        let low = self.hex4(self.pos + 2).ok_or("ERR_JSON_INVALID_ESCAPE")?;
                        if (0xdc00..0xe000).contains(&low) {
                            self.pos += 6;
                            out.push(0x10000 + ((cu - 0xd800) << 10) + (low - 0xdc00));
                            continue;
                        }
                    }
                    if (0xd800..0xe000).contains(&cu) {
                        self.unsignable("ERR_JSON_LONE_SURROGATE");
                    }
                    out.push(cu);
                }
                c if u32::from(c) < 0x20 => return Err("ERR_JSON_CONTROL_CHARACTER"),
                c => {
                    out.push(u32::from(c));
                    self.pos += 1;
                }
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some('0'..='9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Parse<Value> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
            if self.starts_with("Infinity") {
                self.pos += "Infinity".len();
                self.unsignable("ERR_JSON_NAN_OR_INFINITY");
                return Ok(Value::Null);
            }
        }
        let int_digits = match self.peek() {
            Some('0') => {
                self.pos += 1;
                1
            }
            Some('1'..='9') => self.digits(),
            _ => return Err(SYNTAX),
        };
        let mut float = false;
        if self.peek() == Some('.') && matches!(self.chars.get(self.pos + 1), Some('0'..='9')) {
            self.pos += 1;
            self.digits();
            float = true;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                self.pos = save;
            } else {
                float = true;
            }
        }
        let token: String = self.chars[start..self.pos].iter().collect();
        if !float {
            if int_digits > INT_MAX_DIGITS {
                return Err("ERR_JSON_NUMBER_TOO_LONG");
            }
            return Ok(Value::Int(token));
        }
        let x: f64 = token.parse().map_err(|_| SYNTAX)?;
        if x.is_infinite() {
            self.unsignable("ERR_JSON_NUMBER_OUT_OF_RANGE");
            return Ok(Value::Null);
        }
        Ok(Value::Float(x))
    }
}

/// `json.dumps(shorten_floats(v), sort_keys=True, separators=(",", ":"), ensure_ascii=ascii)`.
pub fn dumps(v: &Value, ascii: bool) -> String {
    let mut out = String::new();
    write_value(v, ascii, &mut out);
    out
}

fn write_value(v: &Value, ascii: bool, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Int(token) => out.push_str(&python_int(token)),
        Value::Float(x) if x.fract() == 0.0 => out.push_str(&whole_float(*x)),
        Value::Float(x) => out.push_str(&float_repr(*x)),
        Value::Str(s) => write_string(s, ascii, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, ascii, out);
            }
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (k, item)) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, ascii, out);
                out.push(':');
                write_value(item, ascii, out);
            }
            out.push('}');
        }
    }
}

/// `str(int(token))`.
pub fn python_int(token: &str) -> String {
    if token == "-0" {
        "0".to_string()
    } else {
        token.to_string()
    }
}

fn write_string(s: &[u32], ascii: bool, out: &mut String) {
    out.push('"');
    for &cp in s {
        match cp {
            0x22 => out.push_str("\\\""),
            0x5c => out.push_str("\\\\"),
            0x0a => out.push_str("\\n"),
            0x0d => out.push_str("\\r"),
            0x09 => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            c if c < 0x20 => out.push_str(&format!("\\u{c:04x}")),
            c if ascii && c > 0x7e => {
                if c > 0xffff {
                    let v = c - 0x10000;
                    out.push_str(&format!(
                        "\\u{:04x}\\u{:04x}",
                        0xd800 + (v >> 10),
                        0xdc00 + (v & 0x3ff)
                    ));
                } else {
                    out.push_str(&format!("\\u{c:04x}"));
                }
            }
            // Lone surrogates never get here: such a body has no canonical form.
            c => out.push(char::from_u32(c).unwrap_or('\u{FFFD}')),
        }
    }
    out.push('"');
}

/// `str(int(x))` for a whole double: the exact integer, by doubling a decimal digit string.
pub fn whole_float(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    let bits = x.to_bits();
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1u64 << 52) - 1);
    // x = m * 2^e exactly.
    let (mut m, mut e) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp_bits - 1075)
    };
    // A whole number: the bits below the binary point are zero, so shifting them out is exact.
    while e < 0 {
        m >>= 1;
        e += 1;
    }
    // Little-endian decimal digits of m, then doubled e times.
    let mut digits: Vec<u8> = m.to_string().bytes().rev().map(|b| b - b'0').collect();
    for _ in 0..e {
        let mut carry = 0;
        for d in digits.iter_mut() {
            let v = *d * 2 + carry;
            *d = v % 10;
            carry = v / 10;
        }
        if carry > 0 {
            digits.push(carry);
        }
    }
    let mut s = String::new();
    if x < 0.0 {
        s.push('-');
    }
    s.extend(digits.iter().rev().map(|&d| char::from(b'0' + d)));
    s
}

/// `repr(x)` for a finite, non-whole double.
pub fn float_repr(x: f64) -> String {
    let (digits, exp) = shortest_digits(x.abs());
    // `x = 0.d1d2... * 10^(exp + 1)`, i.e. `d1.d2... * 10^exp`.
    let mut s = String::new();
    if x.is_sign_negative() {
        s.push('-');
    }
    if !(-4..16).contains(&exp) {
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push_str(&format!(
            "e{}{:02}",
            if exp < 0 { '-' } else { '+' },
            exp.abs()
        ));
    } else if exp >= 0 {
        let int_len = exp as usize + 1;
        let mut padded = digits.clone();
        while padded.len() < int_len {
            padded.push('0');
        }
        s.push_str(&padded[..int_len]);
        s.push('.');
        let frac = &padded[int_len..];
        s.push_str(if frac.is_empty() { "0" } else { frac });
    } else {
        s.push_str("0.");
        for _ in 0..(-exp - 1) {
            s.push('0');
        }
        s.push_str(&digits);
    }
    s
}

/// The shortest decimal digits (no trailing zeros) that read back as `x > 0`, and the decimal
/// exponent of the first digit. At each precision the correctly rounded candidate is the
/// nearest; when it does not read back, one of its two neighbours may.
fn shortest_digits(x: f64) -> (String, i32) {
    for p in 1..=17usize {
        let s = format!("{:.*e}", p - 1, x);
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let d: u64 = mantissa.replace('.', "").parse().unwrap_or(0);
        for candidate in [d, d.wrapping_sub(1), d + 1] {
            if candidate == 0 {
                continue;
            }
            let back: f64 = format!("{}e{}", candidate, exp - (p as i32 - 1))
                .parse()
                .unwrap_or(f64::NAN);
            if back == x {
                let text = candidate.to_string();
                // A carry (999 + 1) adds a digit: the first digit's exponent moves up.
                let exp = exp + (text.len() as i32 - p as i32);
                let trimmed = text.trim_end_matches('0');
                return (trimmed.to_string(), exp);
            }
        }
    }
    // Unreachable: 17 significant digits always read back.
    (format!("{x:e}"), 0)
}

/// The `X-Signature-Simple` message as Didit's Python signer builds it:
/// `f"{timestamp}:{session_id}:{status}:{webhook_type}"` from the parsed body, with the
/// header's timestamp when the body has no integer `timestamp`, and empty strings for absent
/// or non-string fields.
pub fn simple_message(v: &Verdict, header_timestamp: &str) -> Vec<u8> {
    let mut m = String::new();
    match v.top("timestamp") {
        Some(Value::Int(token)) => m.push_str(&python_int(token)),
        _ => m.push_str(header_timestamp),
    }
    for field in ["session_id", "status", "webhook_type"] {
        m.push(':');
        if let Some(Value::Str(s)) = v.top(field) {
            m.extend(s.iter().map(|&c| char::from_u32(c).unwrap_or('\u{FFFD}')));
        }
    }
    m.into_bytes()
}
