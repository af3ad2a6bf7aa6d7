//! The canonical writer: structural index, tape, one write in the final order.
//!
//! 1. The index ([`Index`]) finds where every token starts (64 bytes per step), a chunk at a
//!    time as the walk asks for positions.
//! 2. The walk reads the tokens from the index, checks the grammar, and builds a *tape*: one
//!    node per value in document order (a container's node knows where its descendants end), and
//!    for each object its members sorted by decoded key, the last of equal keys kept (Python's
//!    `dict`). Numbers and strings with escapes are read with the scanner's own rules
//!    ([`scan::number_at`], [`scan::string_at`]); only tokens whose text is not already canonical
//!    are marked to be rendered.
//! 3. The write emits the canonical text once, each object's members in key order.
//!
//! The walk only *decides* whether a body is JSON as Python reads it; it does not say what is
//! wrong. On a rejected body the caller runs the scanner ([`crate::scan::scan`]), whose first
//! error, in document order and with Python's wording, is the one reported. (That the two agree
//! on every body is what `tests/conformance.rs`, `tests/hostile.rs` and the fuzz replays check.)
//!
//! Memory (wasm32): the index a fixed 4 KiB or so (built a chunk at a time), a tape node 16 bytes per value, a member 20 bytes
//! per object member (held while its object is open and again once sorted), and the output.
//! The design and its measurements: `docs/performance.md` ("Any spelling").
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
use crate::scan::{self, decode_into, Num, StrTok};

/// The body is not JSON as Python reads it (the scanner says why).
pub(super) struct Rejected;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    /// A string without escapes: `input[a..b]`, quotes included, copied.
    Str,
    /// A string with escapes: `input[a..b]`, rewritten with Python's escapes.
    Escaped,
    /// A literal, an integer or a float that is its own `repr`: `input[a..b]`, copied.
    Copy,
    /// `-0`, written `0`.
    NegativeZero,
    /// A float whose text is not its `repr`: `input[a..b]`, parsed and printed.
    Float,
    /// `[`: its items are the nodes from here to `next`.
    Array,
    /// `{`: its members are `members[a..a + b]`, in key order; `next` as for arrays.
    Object,
}

#[derive(Clone, Copy)]
struct Node {
    tag: Tag,
    a: usize,
    b: usize,
    /// For a container, the node after its last descendant.
    next: usize,
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
    /// Indexes and walks `input` (UTF-8 already checked, no byte order mark) into the tape.
    pub(super) fn read(&mut self, input: &[u8], max_depth: usize) -> Result<(), Rejected> {
        let mut index = Index::new(input);
        // About one value per 8 bytes of a delivery: one growth at most.
        self.nodes.reserve(input.len() / 8 + 1);
        let next = |index: &mut Index| index.next().ok_or(Rejected);
        let index = &mut index;
        // Whether a member's key comes before the next value.
        let mut key = false;
        'value: loop {
            if key {
                self.key(input, index)?;
            }
            let p = next(index)?;
            match byte(input, p) {
                c @ (b'{' | b'[') => {
                    if self.stack.len() >= max_depth {
                        return Err(Rejected);
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
                        next: 0,
                    });
                    let close = if object { b'}' } else { b']' };
                    if index.peek().map(|q| byte(input, q)) == Some(close) {
                        index.next();
                        self.close(input);
                    } else {
                        key = object;
                        continue 'value;
                    }
                }
                b'"' => {
                    let end = next(index)? + 1;
                    let tag = if has_backslash(index, input, p + 1, end) {
                        check_escapes(input, p, end)?;
                        Tag::Escaped
                    } else {
                        Tag::Str
                    };
                    self.nodes.push(Node {
                        tag,
                        a: p,
                        b: end,
                        next: 0,
                    });
                }
                _ => self.scalar(input, p)?,
            }
            // After a value: `,` and the next member or item, a closing bracket, or the end.
            loop {
                let Some(frame) = self.stack.last() else {
                    // The end: nothing but whitespace may follow, and the index ended clean.
                    return if index.next().is_none() && index.clean_end() {
                        Ok(())
                    } else {
                        Err(Rejected)
                    };
                };
                let object = frame.object;
                let p = next(index)?;
                match byte(input, p) {
                    b',' => {
                        key = object;
                        continue 'value;
                    }
                    b'}' if object => self.close(input),
                    b']' if !object => self.close(input),
                    _ => return Err(Rejected),
                }
            }
        }
    }

    /// A number or a literal at `p`.
    #[inline(always)]
    fn scalar(&mut self, input: &[u8], p: usize) -> Result<(), Rejected> {
        let literal = |text: &[u8]| {
            if input.get(p..p + text.len()) == Some(text) {
                Ok((Tag::Copy, p + text.len()))
            } else {
                Err(Rejected)
            }
        };
        let (tag, end) = match byte(input, p) {
            b't' => literal(b"true")?,
            b'f' => literal(b"false")?,
            b'n' => literal(b"null")?,
            b'-' | b'0'..=b'9' => number(input, p)?,
            _ => return Err(Rejected),
        };
        if end < input.len() && !ends_scalar(byte(input, end)) {
            return Err(Rejected);
        }
        self.nodes.push(Node {
            tag,
            a: p,
            b: end,
            next: 0,
        });
        Ok(())
    }

    /// Reads `"key"` and `:` from the index (whitespace between them is not in it) and records
    /// a pending member whose value is the next node.
    #[inline(always)]
    fn key(&mut self, input: &[u8], index: &mut Index) -> Result<(), Rejected> {
        let (Some(open), Some(close), Some(colon)) = (index.next(), index.next(), index.next())
        else {
            return Err(Rejected);
        };
        if byte(input, open) != b'"' || byte(input, colon) != b':' {
            return Err(Rejected);
        }
        let raw = input.get(open + 1..close).unwrap_or(&[]);
        let (key, len, prefix) = if has_backslash(index, input, open + 1, close) {
            check_escapes(input, open, close + 1)?;
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
        let end = self.nodes.len();
        let start = self.members.len();
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
            // Equal keys are adjacent and in document order: keep the last one.
            let mut iter = list.iter().peekable();
            while let Some(m) = iter.next() {
                if iter.peek().is_some_and(|n| {
                    n.prefix == m.prefix && keys.cmp_bytes(n, m) == Ordering::Equal
                }) {
                    continue;
                }
                self.members.push(*m);
            }
            self.pending.truncate(frame.pending);
        }
        if let Some(node) = self.nodes.get_mut(frame.node) {
            node.next = end;
            node.a = start;
            node.b = self.members.len() - start;
        }
    }

    /// The node after `t` and its descendants.
    fn after(&self, t: usize) -> usize {
        match self.nodes.get(t) {
            Some(n) if matches!(n.tag, Tag::Array | Tag::Object) => n.next,
            _ => t + 1,
        }
    }

    /// Writes the canonical text of the tape read from `input` (an explicit stack: no recursion).
    pub(super) fn write(&self, input: &[u8], out: &mut Vec<u8>) {
        /// An open container: its items (`nodes[next..end]`) or members (`members[next..end]`).
        struct Open {
            object: bool,
            next: usize,
            end: usize,
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
                Tag::Str | Tag::Copy => Some((node.a, node.b)),
                Tag::Escaped => {
                    // Rewritten even when its escapes are already Python's (the same text):
                    // strings with escapes are rare off the wire format, and a check for that
                    // case cost more module than it saved time.
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
                Tag::Array => {
                    out.push(b'[');
                    open.push(Open {
                        object: false,
                        next: t + 1,
                        end: node.next,
                        first: true,
                    });
                    None
                }
                Tag::Object => {
                    out.push(b'{');
                    open.push(Open {
                        object: true,
                        next: node.a,
                        end: node.a + node.b,
                        first: true,
                    });
                    None
                }
            };
            if let Some((a, b)) = copy {
                copy_span(out, input, a, b);
            }
            // The next value to write: the innermost open container's next item or member.
            loop {
                let Some(c) = open.last_mut() else {
                    return;
                };
                if c.next == c.end {
                    out.push(if c.object { b'}' } else { b']' });
                    open.pop();
                    continue;
                }
                if !c.first {
                    out.push(b',');
                }
                c.first = false;
                if !c.object {
                    t = c.next;
                    c.next = self.after(t);
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

    /// The values of the root object's members named `names`; offsets are shifted by `offset`
    /// (the byte order mark the input was cut after).
    pub(super) fn top(
        &self,
        input: &[u8],
        offset: usize,
        names: &'static [&'static [u8]],
    ) -> TopMembers {
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
            let (start, end) = (v.a + offset, v.b + offset);
            let value = match v.tag {
                Tag::Str | Tag::Escaped => TopValue::Str(StrTok {
                    start,
                    end,
                    escaped: v.tag == Tag::Escaped,
                }),
                Tag::NegativeZero => TopValue::Int { start, end },
                Tag::Copy if matches!(byte(input, v.a), b'-' | b'0'..=b'9') => {
                    let text = input.get(v.a..v.b).unwrap_or(&[]);
                    if text.iter().any(|&b| matches!(b, b'.' | b'e' | b'E')) {
                        TopValue::Other
                    } else {
                        TopValue::Int { start, end }
                    }
                }
                _ => TopValue::Other,
            };
            top.set(i, value);
        }
        top
    }
}

/// A number at `p`: how to write it, and its end.
#[inline(always)]
fn number(input: &[u8], p: usize) -> Result<(Tag, usize), Rejected> {
    Ok(match scan::number_at(input, p).map_err(|_| Rejected)? {
        Num::Int { end, .. } if input.get(p..end) == Some(b"-0") => (Tag::NegativeZero, end),
        Num::Int { end, .. } => (Tag::Copy, end),
        Num::Float { end, .. } => {
            let text = input.get(p..end).unwrap_or(&[]);
            let tag = if plain_decimal_is_repr(text) {
                Tag::Copy
            } else {
                Tag::Float
            };
            (tag, end)
        }
    })
}

/// Whether `input[from..to]` (a string's content) has a backslash; no scan when the body has none.
#[inline(always)]
fn has_backslash(index: &Index, input: &[u8], from: usize, to: usize) -> bool {
    index.backslash_seen && input.get(from..to).is_some_and(|s| s.contains(&b'\\'))
}

/// Checks the escapes of the string token `input[open..end]` by the scanner's rules.
#[cold]
fn check_escapes(input: &[u8], open: usize, end: usize) -> Result<(), Rejected> {
    match scan::string_at(input, open) {
        Ok(tok) if tok.end == end => Ok(()),
        _ => Err(Rejected),
    }
}
