//! The canonical writer: structural index, tape, one write in the final order.
//!
//! 1. The index ([`Index`]) finds where every token starts (64 bytes per step), a chunk at a
//!    time as the walk asks for positions.
//! 2. The walk reads the tokens from the index, checks the grammar, and builds a *tape*: one
//!    node per value in document order, and for each object its members sorted by decoded key,
//!    the last of equal keys kept (Python's `dict`). Numbers and strings with escapes are read
//!    with the scanner's own rules ([`scan::number_at`], [`scan::string_at`]); only tokens whose
//!    text is not already canonical are marked to be rendered.
//! 3. The write emits the canonical text once, each object's members in key order.
//!
//! The walk reports the error the scanner ([`crate::scan::scan`]) would: the first in document
//! order, with the same position and wording. Debug builds (the tests and the fuzz targets) run
//! the scanner too and assert the same verdict (`canonical::write`).
//!
//! `--cfg didit_profile_phases` (`node bench/profile.mjs --phases`) keeps the walk's steps apart
//! (`#[inline(never)]`), so that a CPU profile names each; no other build sets it.
//!
//! Memory (wasm32): the index a fixed few KB (built a chunk at a time), a node 12 bytes per
//! value, a member 20 bytes per object member (held while its object is open and again once
//! sorted), and the output. The design and its measurements: `docs/performance.md` ("The tape
//! writer").
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use core::cmp::Ordering;

use super::index::Index;
use super::sort::{copy_span, merge_sort, prefix};
use super::token::{
    plain_decimal_is_repr, write_canonical_string, write_decoded_string, write_number,
};
use super::top::{TopMembers, TopValue};
use crate::error::{JsonError, Position};
use crate::scan::{self, decode_into, expected, Num, StrTok};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// A string without escapes: `input[a..b]`, quotes included, copied.
    Str,
    /// A string with escapes: `input[a..b]`, rewritten with Python's escapes.
    Escaped,
    /// An integer other than `-0`: `input[a..b]`, copied.
    Int,
    /// A literal or a float that is its own `repr`: `input[a..b]`, copied.
    Copy,
    /// `-0`, written `0`.
    NegativeZero,
    /// A float whose text is not its `repr`: `input[a..b]`, parsed and printed.
    Float,
    /// `[`: its items are the nodes from the next one to `b` (each after its predecessor's
    /// descendants).
    Array,
    /// `{`: its members are `members[a..a + b]`, in key order.
    Object,
}

/// A value. (No link to the node after a container's descendants: the write finds it, so a node
/// is 12 bytes on wasm32.)
#[derive(Clone, Copy)]
struct Node {
    tag: Tag,
    a: usize,
    b: usize,
}

/// Marks a key stored decoded in `Tape::keys` rather than in the input.
const IN_KEYS: usize = 1 << (usize::BITS - 1);

#[derive(Clone, Copy)]
struct Member {
    /// The decoded key's first 8 bytes as two big-endian words, zero-padded: most comparisons
    /// end here. (Two `u32`s: 4-byte alignment keeps a member at 20 bytes on wasm32.)
    prefix: (u32, u32),
    /// The decoded key: `input[key..key + len]` (the token less its quotes), or
    /// `keys[key..key + len]` when `len` has [`IN_KEYS`] (the key had escapes).
    key: usize,
    len: usize,
    /// The value's node; increases in document order.
    value: usize,
}

struct Frame {
    object: bool,
    node: usize,
    /// Where this object's members start in `Tape::pending`.
    pending: usize,
}

/// Where members' decoded keys live, for comparing them.
struct Keys<'k> {
    input: &'k [u8],
    keys: &'k [u8],
}

impl Keys<'_> {
    fn of(&self, m: &Member) -> &[u8] {
        let from = if m.len & IN_KEYS != 0 {
            self.keys
        } else {
            self.input
        };
        from.get(m.key..m.key + (m.len & !IN_KEYS)).unwrap_or(&[])
    }

    /// Compares two decoded keys: by their prefixes (one 64-bit compare, inline), and only when
    /// those are equal by their bytes.
    #[inline(always)]
    fn cmp(&self, a: &Member, b: &Member) -> Ordering {
        let word = |m: &Member| u64::from(m.prefix.0) << 32 | u64::from(m.prefix.1);
        match word(a).cmp(&word(b)) {
            Ordering::Equal => self.cmp_bytes(a, b),
            order => order,
        }
    }

    #[inline(never)]
    fn cmp_bytes(&self, a: &Member, b: &Member) -> Ordering {
        self.of(a).cmp(self.of(b))
    }
}

#[derive(Default)]
pub(super) struct Tape {
    nodes: Vec<Node>,
    /// The members of closed objects, each object's sorted and deduplicated, contiguous.
    members: Vec<Member>,
    /// The members of the objects still open.
    pending: Vec<Member>,
    /// The merge sort's copy of a run.
    scratch: Vec<Member>,
    /// Keys decoded from escapes.
    keys: Vec<u8>,
    stack: Vec<Frame>,
}

/// The byte at `at`, or a space past the end (never a token).
#[inline(always)]
fn byte(input: &[u8], at: usize) -> u8 {
    input.get(at).copied().unwrap_or(b' ')
}

/// Whether a number or literal may end before `b`: whitespace, punctuation or a quote. (What
/// follows is the walk's to check; `1x` and `truex` are not two tokens.)
#[inline(always)]
fn ends_scalar(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\n' | b'\r' | b',' | b':' | b'[' | b']' | b'{' | b'}' | b'"'
    )
}

impl Tape {
    /// Indexes and walks `body[offset..]` (UTF-8 already checked; `offset` skips a byte order
    /// mark) into the tape. Every position in the tape is an offset into `body`.
    ///
    /// # Errors
    /// The scanner's first error, in document order, with its position and wording: the walk
    /// reports what [`crate::scan`] would (a debug build checks that it does, in
    /// `canonical::write`).
    #[cfg_attr(didit_profile_phases, inline(never))]
    pub(super) fn read(
        &mut self,
        body: &[u8],
        offset: usize,
        max_depth: usize,
    ) -> Result<(), JsonError> {
        let mut index = Index::new(body, offset);
        let index = &mut index;
        // About one value per 8 bytes of a delivery: one growth at most.
        self.nodes.reserve(body.len() / 8 + 1);
        let syntax = |expected: &'static str, at: usize| syntax(body, expected, at);
        // Whether a member's key comes before the next value.
        let mut key = false;
        'value: loop {
            if key {
                self.key(body, index)?;
            }
            let p = step(body, index).map_err(|at| syntax(expected::VALUE, at))?;
            match byte(body, p) {
                c @ (b'{' | b'[') => {
                    if self.stack.len() >= max_depth {
                        return Err(JsonError::TooDeep {
                            limit: max_depth,
                            at: Position::at(body, p),
                        });
                    }
                    let object = c == b'{';
                    self.stack.push(Frame {
                        object,
                        node: self.nodes.len(),
                        pending: self.pending.len(),
                    });
                    self.nodes.push(Node {
                        tag: if object { Tag::Object } else { Tag::Array },
                        a: 0,
                        b: 0,
                    });
                    let close = if object { b'}' } else { b']' };
                    let empty = index.peek().filter(|&q| byte(body, q) == close);
                    match empty {
                        Some(q) if q < index.control_outside => {
                            index.next();
                            self.close(body);
                        }
                        _ => {
                            key = object;
                            continue 'value;
                        }
                    }
                }
                b'"' => {
                    let (end, escaped) = string(body, index, p)?;
                    self.nodes.push(Node {
                        tag: if escaped { Tag::Escaped } else { Tag::Str },
                        a: p,
                        b: end,
                    });
                }
                _ => {
                    let (tag, end) = scalar(body, p)?;
                    self.nodes.push(Node { tag, a: p, b: end });
                    // `1x`, `truex`: the scanner reads the token, then stops at what follows.
                    if end < body.len() && !ends_scalar(byte(body, end)) {
                        let object = self.stack.last().map(|f| f.object);
                        return Err(syntax(after_value(object), end));
                    }
                }
            }
            // After a value: `,` and the next member or item, a closing bracket, or the end.
            loop {
                let Some(object) = self.stack.last().map(|f| f.object) else {
                    // Nothing but whitespace may follow the root value.
                    return match step(body, index) {
                        Err(at) if at == body.len() => Ok(()),
                        Err(at) | Ok(at) => Err(syntax(after_value(None), at)),
                    };
                };
                let expected = || after_value(Some(object));
                let p = step(body, index).map_err(|at| syntax(expected(), at))?;
                match byte(body, p) {
                    b',' => {
                        key = object;
                        continue 'value;
                    }
                    b'}' if object => self.close(body),
                    b']' if !object => self.close(body),
                    _ => return Err(syntax(expected(), p)),
                }
            }
        }
    }

    /// Reads `"key"` and `:` from the index (whitespace between them is not in it) and records
    /// a pending member whose value is the next node.
    #[cfg_attr(not(didit_profile_phases), inline(always))]
    #[cfg_attr(didit_profile_phases, inline(never))]
    fn key(&mut self, body: &[u8], index: &mut Index) -> Result<(), JsonError> {
        let syntax = |expected: &'static str, at: usize| syntax(body, expected, at);
        let open = step(body, index).map_err(|at| syntax(expected::KEY, at))?;
        if byte(body, open) != b'"' {
            return Err(syntax(expected::KEY, open));
        }
        let (end, escaped) = string(body, index, open)?;
        let colon = step(body, index).map_err(|at| syntax(expected::COLON, at))?;
        if byte(body, colon) != b':' {
            return Err(syntax(expected::COLON, colon));
        }
        let raw = body.get(open + 1..end - 1).unwrap_or(&[]);
        let (key, len, prefix) = if escaped {
            let start = self.keys.len();
            decode_into(raw, &mut self.keys);
            let decoded = self.keys.get(start..).unwrap_or(&[]);
            (start, decoded.len() | IN_KEYS, prefix(decoded))
        } else {
            (open + 1, raw.len(), prefix(raw))
        };
        self.pending.push(Member {
            prefix,
            key,
            len,
            value: self.nodes.len(),
        });
        Ok(())
    }

    /// Closes the innermost container; an object's members are moved to `members` in key order.
    fn close(&mut self, input: &[u8]) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (start, end) = (self.members.len(), self.nodes.len());
        if frame.object {
            let keys = Keys {
                input,
                keys: &self.keys,
            };
            let list = self.pending.get_mut(frame.pending..).unwrap_or(&mut []);
            let sorted = list
                .windows(2)
                .all(|w| matches!(w, [a, b] if keys.cmp(a, b) == Ordering::Less));
            if !sorted {
                // Stable, so equal keys stay in document order.
                merge_sort(list, &mut self.scratch, |a, b| {
                    keys.cmp(a, b) == Ordering::Less
                });
            }
            // Equal keys are adjacent and in document order: keep the last one. (Reserved
            // first: a huge object would otherwise grow the buffer by doubling, past its need.)
            self.members.reserve(list.len());
            let mut iter = list.iter().peekable();
            while let Some(m) = iter.next() {
                if iter
                    .peek()
                    .is_some_and(|n| keys.cmp(n, m) == Ordering::Equal)
                {
                    continue;
                }
                self.members.push(*m);
            }
            self.pending.truncate(frame.pending);
        }
        if let Some(node) = self.nodes.get_mut(frame.node) {
            if frame.object {
                node.a = start;
                node.b = self.members.len() - start;
            } else {
                node.b = end;
            }
        }
    }

    /// Writes the canonical text of the tape read from `input` (an explicit stack: no recursion).
    #[cfg_attr(didit_profile_phases, inline(never))]
    pub(super) fn write(&self, input: &[u8], out: &mut Vec<u8>) {
        /// An open container: an object's members still to write are `members[next..end]`;
        /// an array's items end at node `end`, and its next item is at `far`, one past the last
        /// node written inside it (its items' descendants come in order).
        struct Open {
            object: bool,
            next: usize,
            end: usize,
            far: usize,
            first: bool,
        }
        let mut open: Vec<Open> = Vec::new();
        let mut t = 0;
        loop {
            let Some(&node) = self.nodes.get(t) else {
                return;
            };
            // A token copied as it stands, or `None` when written otherwise.
            let copy = match node.tag {
                Tag::Str | Tag::Int | Tag::Copy => Some((node.a, node.b)),
                Tag::Escaped => {
                    // Rewritten even when its escapes are already Python's (the same text comes
                    // out): strings with escapes are rare off the wire format, and telling that
                    // case apart cost 0.25 KB gzip of the verify module.
                    let raw = input.get(node.a + 1..node.b - 1).unwrap_or(&[]);
                    write_canonical_string(raw, out);
                    None
                }
                Tag::NegativeZero => {
                    out.push(b'0');
                    None
                }
                Tag::Float => {
                    let num = Num::Float {
                        start: node.a,
                        end: node.b,
                        value: None,
                    };
                    write_number(input, num, out);
                    None
                }
                Tag::Array | Tag::Object => {
                    let object = node.tag == Tag::Object;
                    out.push(if object { b'{' } else { b'[' });
                    open.push(Open {
                        object,
                        next: node.a,
                        end: if object { node.a + node.b } else { node.b },
                        far: t + 1,
                        first: true,
                    });
                    None
                }
            };
            if let Some((a, b)) = copy {
                copy_span(out, input, a, b);
            }
            if !matches!(node.tag, Tag::Array | Tag::Object) {
                if let Some(c) = open.last_mut() {
                    c.far = c.far.max(t + 1);
                }
            }
            // The next value to write: the innermost open container's next item or member.
            loop {
                let Some(c) = open.last_mut() else {
                    return;
                };
                if (if c.object { c.next } else { c.far }) == c.end {
                    out.push(if c.object { b'}' } else { b']' });
                    let far = c.far;
                    open.pop();
                    if let Some(parent) = open.last_mut() {
                        parent.far = parent.far.max(far);
                    }
                    continue;
                }
                if !c.first {
                    out.push(b',');
                }
                c.first = false;
                if !c.object {
                    t = c.far;
                    break;
                }
                let Some(m) = self.members.get(c.next) else {
                    return;
                };
                c.next += 1;
                let len = m.len & !IN_KEYS;
                if m.len & IN_KEYS != 0 {
                    write_decoded_string(self.keys.get(m.key..m.key + len).unwrap_or(&[]), out);
                } else {
                    copy_span(out, input, m.key - 1, m.key + len + 1);
                }
                out.push(b':');
                t = m.value;
                break;
            }
        }
    }

    /// The values of the root object's members named `names`.
    #[cfg_attr(didit_profile_phases, inline(never))]
    pub(super) fn top(&self, input: &[u8], names: &'static [&'static [u8]]) -> TopMembers {
        let mut top = TopMembers::default();
        let Some(root) = self.nodes.first().filter(|n| n.tag == Tag::Object) else {
            return top;
        };
        let keys = Keys {
            input,
            keys: &self.keys,
        };
        for m in self.members.get(root.a..root.a + root.b).unwrap_or(&[]) {
            let Some(i) = names.iter().position(|n| *n == keys.of(m)) else {
                continue;
            };
            let Some(v) = self.nodes.get(m.value) else {
                continue;
            };
            let (start, end) = (v.a, v.b);
            let value = match v.tag {
                Tag::Str | Tag::Escaped => TopValue::Str(StrTok {
                    start,
                    end,
                    escaped: v.tag == Tag::Escaped,
                }),
                Tag::Int | Tag::NegativeZero => TopValue::Int { start, end },
                _ => TopValue::Other,
            };
            top.set(i, value);
        }
        top
    }
}

/// What the scanner expects after a value in an object (`Some(true)`), an array, or at the root.
fn after_value(object: Option<bool>) -> &'static str {
    match object {
        None => expected::END,
        Some(true) => expected::MEMBER_END,
        Some(false) => expected::ITEM_END,
    }
}

/// A syntax error at `at` in `body`: `expected` names what should have been there.
#[cold]
fn syntax(body: &[u8], expected: &'static str, at: usize) -> JsonError {
    JsonError::Syntax {
        expected,
        at: Position::at(body, at),
    }
}

/// The next position from the index, or `Err(at)`: where the scanner, skipping whitespace, would
/// stop first without a token (a control byte outside strings that is not whitespace, or the end
/// of the body).
#[inline(always)]
fn step(body: &[u8], index: &mut Index) -> Result<usize, usize> {
    let p = index.next();
    let control = index.control_outside;
    match p {
        Some(p) if p < control => Ok(p),
        _ => Err(control.min(body.len())),
    }
}

/// The string whose opening quote is at `open` (its closing quote is the index's next position):
/// its end (one past the closing quote) and whether it has escapes.
///
/// # Errors
/// The scanner's error for it: a control byte, a bad escape, an unpaired surrogate, no end.
#[cfg_attr(not(didit_profile_phases), inline(always))]
#[cfg_attr(didit_profile_phases, inline(never))]
fn string(body: &[u8], index: &mut Index, open: usize) -> Result<(usize, bool), JsonError> {
    let close = index.next();
    match close {
        Some(close) if close < index.control_inside && !index.backslash_in(open + 1, close) => {
            Ok((close + 1, false))
        }
        // Escapes, a control byte or no closing quote: the scanner's rules decide.
        _ => match scan::string_at(body, open) {
            Ok(tok) if Some(tok.end - 1) == close => Ok((tok.end, true)),
            Ok(_) => Err(disagreement(body, open)),
            Err(e) => Err(e),
        },
    }
}

/// A number or a literal at `p`: how to write it, and its end.
///
/// # Errors
/// The scanner's error for a value there.
#[cfg_attr(not(didit_profile_phases), inline(always))]
#[cfg_attr(didit_profile_phases, inline(never))]
fn scalar(body: &[u8], p: usize) -> Result<(Tag, usize), JsonError> {
    let literal = |text: &[u8]| {
        if body.get(p..p + text.len()) == Some(text) {
            Ok((Tag::Copy, p + text.len()))
        } else {
            Err(not_a_value(body, p))
        }
    };
    match byte(body, p) {
        b't' => literal(b"true"),
        b'f' => literal(b"false"),
        b'n' => literal(b"null"),
        b'-' | b'0'..=b'9' => Ok(match scan::number_at(body, p)? {
            Num::Int { end, .. } if body.get(p..end) == Some(b"-0") => (Tag::NegativeZero, end),
            Num::Int { end, .. } => (Tag::Int, end),
            Num::Float { end, .. } => {
                let text = body.get(p..end).unwrap_or(&[]);
                let tag = if plain_decimal_is_repr(text) {
                    Tag::Copy
                } else {
                    Tag::Float
                };
                (tag, end)
            }
        }),
        _ => Err(not_a_value(body, p)),
    }
}

/// The scanner's error where a value cannot start at `p`.
#[cold]
fn not_a_value(body: &[u8], p: usize) -> JsonError {
    let rest = body.get(p..).unwrap_or(&[]);
    if rest.starts_with(b"NaN") || rest.starts_with(b"Infinity") {
        JsonError::NanOrInfinity {
            at: Position::at(body, p),
        }
    } else {
        syntax(body, expected::VALUE, p)
    }
}

/// The walk and the scanner disagree about a string (a bug: the index pairs quotes by the
/// scanner's escape rule). The body is refused, fail-closed.
#[cold]
fn disagreement(body: &[u8], open: usize) -> JsonError {
    debug_assert!(false, "index and scanner disagree on the string at {open}");
    syntax(body, expected::VALUE, open)
}

#[cfg(test)]
mod tests {
    use crate::canonical::{canonicalize, Options};

    /// Damaged documents: every verdict must be the scanner's (`canonical::write` asserts it in
    /// debug builds), and a document that is read must come out the same on a second pass.
    #[test]
    fn walk_reports_the_scanners_verdict_on_damaged_documents() {
        let base: &[u8] = br#"{"b": [1, -0, 2.50, 1e3, "x\n\u00e9", true, null, {"z": {}, "a": []}], "a\"": "\ud83d\ude00", "a": false}"#;
        let alphabet: &[u8] = b"{}[]:,\"\\ \t\n\r\x00\x0b\x1f01-.eE+tfnulNIa\xc3\xa9u";
        let mut rng = crate::test_rng::TestRng(0x2545_f491_4f6c_dd1d);
        let mut rand = |n: usize| rng.below(n);
        let mut read = 0;
        for round in 0..40_000 {
            let mut doc = base.to_vec();
            // A long body now and then, so that the index crosses chunks.
            if round % 97 == 0 {
                doc = [b"[".as_slice(), &vec![base; 40].join(&b","[..]), b"]"].concat();
            }
            for _ in 0..1 + rand(3) {
                let at = rand(doc.len() + 1);
                match rand(3) {
                    0 => doc.insert(at, alphabet[rand(alphabet.len())]),
                    1 if at < doc.len() => {
                        doc.remove(at);
                    }
                    _ if at < doc.len() => doc[at] = alphabet[rand(alphabet.len())],
                    _ => {}
                }
            }
            let options = Options {
                max_depth: if rand(4) == 0 { 2 + rand(3) } else { 995 },
                ..Options::default()
            };
            if let Ok(out) = canonicalize(&doc, &options) {
                read += 1;
                let again = canonicalize(&out, &options).unwrap();
                assert_eq!(again, out, "{}", String::from_utf8_lossy(&doc));
            }
        }
        // The damage leaves a fair share readable, so both verdicts are exercised.
        assert!(read > 2_000, "{read}");
    }
}
