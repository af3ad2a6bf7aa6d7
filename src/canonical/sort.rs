//! The canonical writer: renders a scanned body canonically and sorts the objects that need it.
//!
//! It renders every token canonically, in document order, into one buffer (compact, so an array
//! or an already sorted object comes out as one contiguous, final span). For each open object it
//! keeps a table of its members (where each `"key":value` starts and ends, and the decoded key).
//! At the object's close the table is dropped if the keys are strictly increasing; otherwise it
//! is sorted by key (the last of equal keys wins, as in a Python `dict`) and kept as a *fixup*:
//! "emit these spans in this order". A final pass copies the buffer once, emitting each fixup's
//! spans in order. Every byte is rendered once and copied at most once more, so the work is
//! linear apart from the sorts. Memory: the output buffer and its final copy, 28 bytes (on
//! wasm32) per member of each object still open, and 12 per member of an unsorted object; there
//! are no per-value nodes, so arrays of scalars cost nothing beyond their bytes.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use core::cmp::Ordering;

use super::token::{escapes_are_canonical, write_canonical_string, write_number};
use crate::error::JsonError;
use crate::scan::{decode_into, Num, Sink, StrTok};

/// Marks a key stored in `Sorter::keys` (decoded from escapes) rather than in the input (no
/// length comes near it: lengths are bounded by the address space).
const IN_KEYS: usize = 1 << (usize::BITS - 1);

/// A member of an open object.
#[derive(Clone, Copy)]
struct Member {
    /// The decoded key's first 8 bytes as two big-endian words, zero-padded: most comparisons
    /// end here. (Two `u32`s rather than a `u64`: 4-byte alignment keeps a member at 28 bytes
    /// on wasm32.)
    prefix: (u32, u32),
    /// The decoded key: `input[key..key + len]`, or `keys[..]` when `len` has [`IN_KEYS`].
    key: usize,
    len: usize,
    /// `out[start..end]` is `"key":value`.
    start: usize,
    end: usize,
    /// Whether a fixup lies inside (set when the member ends).
    nested: bool,
}

struct Frame {
    object: bool,
    /// No member or item written yet.
    empty: bool,
    /// Where this container's members start in `Sorter::members`, and its keys in `Sorter::keys`.
    members: usize,
    keys: usize,
    /// Offset of the opening bracket in `out`.
    open: usize,
    /// `Sorter::fixups.len()` when the current member started.
    fixups: usize,
}

/// An object whose members must be emitted in another order: `out[start..end]` is the object
/// as written; `order[first..first + len]` are its member spans in key order.
#[derive(Clone, Copy)]
struct Fixup {
    start: usize,
    end: usize,
    first: usize,
    len: usize,
}

#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    /// Whether a fixup lies inside (else the span is copied as it is).
    nested: bool,
}

pub(super) struct Sorter<'a> {
    input: &'a [u8],
    out: Vec<u8>,
    keys: Vec<u8>,
    members: Vec<Member>,
    frames: Vec<Frame>,
    fixups: Vec<Fixup>,
    order: Vec<Span>,
    /// The merge sort's copy of the left run (at most half an object's members).
    scratch: Vec<Member>,
}

impl<'a> Sorter<'a> {
    pub(super) fn new(input: &'a [u8]) -> Self {
        Sorter {
            input,
            out: Vec::with_capacity(input.len()),
            keys: Vec::new(),
            members: Vec::new(),
            frames: Vec::new(),
            fixups: Vec::new(),
            order: Vec::new(),
            scratch: Vec::new(),
        }
    }

    /// Before a value: the `,` between array items.
    #[inline(always)]
    fn item(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            if !frame.object {
                if !frame.empty {
                    self.out.push(b',');
                }
                frame.empty = false;
            }
        }
    }

    fn copy(&mut self, start: usize, end: usize) {
        copy_span(&mut self.out, self.input, start, end);
    }

    /// Closes an object: keeps its members' order if it is strictly increasing, else records a
    /// fixup with the members sorted and deduplicated.
    fn close_object(&mut self, frame: &Frame) {
        let first = frame.members;
        let end = self.out.len();
        if self.members.len() > first {
            let nested = self.fixups.len() > frame.fixups;
            if let Some(last) = self.members.last_mut() {
                last.end = end;
                last.nested = nested;
            }
        }
        let keys = Keys {
            input: self.input,
            keys: &self.keys,
        };
        let list = self.members.get_mut(first..).unwrap_or(&mut []);
        let sorted = list
            .windows(2)
            .all(|w| matches!(w, [a, b] if keys.cmp(a, b) == Ordering::Less));
        if !sorted {
            // Stable, so equal keys stay in input order (what the deduplication below needs).
            // A merge sort of ours rather than core's `sort_unstable_by` (its pattern-defeating
            // quicksort, small sorts and heapsort fallback): 1.7 KB gzip less WebAssembly, and
            // fewer key comparisons on shuffled members, for the price of a scratch buffer of
            // half the members, kept between objects.
            merge_sort(list, &mut self.scratch, |a, b| {
                keys.cmp(a, b) == Ordering::Less
            });
            let from = self.order.len();
            let mut iter = list.iter().peekable();
            while let Some(m) = iter.next() {
                // Equal keys are adjacent and in input order: keep the last one.
                if iter
                    .peek()
                    .is_some_and(|n| keys.cmp(n, m) == Ordering::Equal)
                {
                    continue;
                }
                self.order.push(Span {
                    start: m.start,
                    end: m.end,
                    nested: m.nested,
                });
            }
            self.fixups.push(Fixup {
                start: frame.open,
                end: end + 1,
                first: from,
                len: self.order.len() - from,
            });
        }
        self.members.truncate(first);
        self.keys.truncate(frame.keys);
    }

    /// The canonical bytes: the buffer itself when no object needed sorting, else one copy of it
    /// with each fixup's members in key order (an explicit stack: no recursion).
    pub(super) fn finish(mut self) -> Vec<u8> {
        if self.fixups.is_empty() {
            return self.out;
        }
        sort_by(&mut self.fixups, |a, b| a.start < b.start);
        let out = &self.out;
        let fixups = &self.fixups;
        let mut result = Vec::with_capacity(out.len());
        enum Step {
            /// Copy `out[cursor..end]`, expanding the fixups that start inside it.
            Range { cursor: usize, end: usize },
            /// Emit the member spans `order[next..last]` of a fixup.
            Members {
                first: usize,
                next: usize,
                last: usize,
            },
        }
        let mut stack = vec![Step::Range {
            cursor: 0,
            end: out.len(),
        }];
        while let Some(step) = stack.last_mut() {
            match step {
                Step::Range { cursor, end } => {
                    let i = fixups.partition_point(|f| f.start < *cursor);
                    match fixups.get(i) {
                        Some(f) if f.start < *end => {
                            copy_span(&mut result, out, *cursor, f.start);
                            *cursor = f.end;
                            result.push(b'{');
                            stack.push(Step::Members {
                                first: f.first,
                                next: f.first,
                                last: f.first + f.len,
                            });
                        }
                        _ => {
                            copy_span(&mut result, out, *cursor, *end);
                            stack.pop();
                        }
                    }
                }
                Step::Members { first, next, last } => {
                    if *next == *last {
                        result.push(b'}');
                        stack.pop();
                        continue;
                    }
                    if *next > *first {
                        result.push(b',');
                    }
                    let span = self.order.get(*next).copied();
                    *next += 1;
                    match span {
                        Some(span) if span.nested => stack.push(Step::Range {
                            cursor: span.start,
                            end: span.end,
                        }),
                        Some(span) => copy_span(&mut result, out, span.start, span.end),
                        None => {}
                    }
                }
            }
        }
        result
    }
}

/// Appends `from[start..end]` to `out`. Most spans are a token or a short member: up to 32
/// bytes are copied as one fixed 32-byte block and the excess cut off again (when `from` has
/// them), which compiles to a few loads and stores, where a slice copy of unknown length is a
/// `memory.copy` in WebAssembly, a call out of the module per token.
#[inline(always)]
fn copy_span(out: &mut Vec<u8>, from: &[u8], start: usize, end: usize) {
    let n = end.saturating_sub(start);
    if n <= 32 {
        if let Some(Ok(block)) = from.get(start..start + 32).map(<[u8; 32]>::try_from) {
            let len = out.len();
            out.extend_from_slice(&block);
            out.truncate(len + n);
            return;
        }
    }
    out.extend_from_slice(from.get(start..end).unwrap_or(&[]));
}

/// Sorts `v` by `less` in place, in O(n log n) at worst and without allocating: a descending run
/// is reversed, a nearly sorted one insertion-sorted, the rest heapsorted. Not stable. Ours rather
/// than instances of `slice::sort_unstable_by` (pattern-defeating quicksort with its small sorts
/// and heapsort fallback, ~3.5 KB of WebAssembly per element type) for the fixups, which are few
/// and cheap to compare, and for `json`'s key lists.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    let mut less_at = |v: &[T], i: usize, j: usize| match (v.get(i), v.get(j)) {
        (Some(a), Some(b)) => less(a, b),
        _ => false,
    };
    if (1..n).all(|i| less_at(v, i, i - 1)) {
        v.reverse();
        return;
    }
    // Insertion sort while it stays cheap: nearly sorted input (fixups come in closing order, a
    // parent right after its children) needs few moves; past 8 moves an item, heapsort.
    let mut budget = 8 * n;
    let mut sorted = true;
    'insertion: for i in 1..n {
        let mut j = i;
        while j > 0 && less_at(v, j, j - 1) {
            if budget == 0 {
                sorted = false;
                break 'insertion;
            }
            budget -= 1;
            v.swap(j, j - 1);
            j -= 1;
        }
    }
    if sorted {
        return;
    }
    // Heapsort: a max-heap in v[..end]; `root`'s larger child is `child`.
    let mut sift_down = |v: &mut [T], mut root: usize, end: usize| loop {
        let mut child = 2 * root + 1;
        if child >= end {
            break;
        }
        if child + 1 < end && less_at(v, child, child + 1) {
            child += 1;
        }
        if !less_at(v, root, child) {
            break;
        }
        v.swap(root, child);
        root = child;
    };
    for i in (0..n / 2).rev() {
        sift_down(v, i, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Sorts `v` stably by `less`: runs of 16 items by binary insertion (the fewest comparisons
/// for short runs: most objects are shorter than one run), then bottom-up merges of adjacent runs,
/// each skipped when the runs are already in order, through `scratch` (a copy of the shorter
/// run). A strictly descending `v` is reversed instead.
/// O(n log n) comparisons at worst.
fn merge_sort<T: Copy>(v: &mut [T], scratch: &mut Vec<T>, mut less: impl FnMut(&T, &T) -> bool) {
    const RUN: usize = 16;
    let n = v.len();
    // Strictly descending (keys written in reverse order): reversed, in n - 1 comparisons.
    if (1..n).all(|i| matches!((v.get(i), v.get(i - 1)), (Some(a), Some(b)) if less(a, b))) {
        v.reverse();
        return;
    }
    let mut lo = 0;
    while lo < n {
        let hi = (lo + RUN).min(n);
        for i in lo + 1..hi {
            let Some(&item) = v.get(i) else { break };
            // The first position in v[lo..i] whose item is greater than `item` (after its equals).
            let (mut a, mut b) = (lo, i);
            while a < b {
                let mid = a + (b - a) / 2;
                if v.get(mid).is_some_and(|m| less(&item, m)) {
                    b = mid;
                } else {
                    a = mid + 1;
                }
            }
            // Moved down by swaps rather than `copy_within` plus a store: the same speed in wasm
            // (`bench/ab.mjs`) and 48 B gzip less of the verify module.
            let mut j = i;
            while j > a {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        lo = hi;
    }
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (mid + width).min(n);
            let ordered = match (v.get(mid - 1), v.get(mid)) {
                (Some(a), Some(b)) => !less(b, a),
                _ => true,
            };
            if !ordered && mid - lo <= hi - mid {
                // The left run is the shorter: copied out, merged from the front. `out` stays at
                // or below `j`: each item taken from the right run frees its slot first.
                scratch.clear();
                scratch.extend_from_slice(v.get(lo..mid).unwrap_or(&[]));
                let (mut i, mut j, mut out) = (0, mid, lo);
                while let Some(&a) = scratch.get(i) {
                    let take = match v.get(j) {
                        Some(&b) if j < hi && less(&b, &a) => {
                            j += 1;
                            b
                        }
                        _ => {
                            i += 1;
                            a
                        }
                    };
                    if let Some(slot) = v.get_mut(out) {
                        *slot = take;
                    }
                    out += 1;
                }
            } else if !ordered {
                // The right run is the shorter (the last, partial one): copied out, merged from
                // the back; on equal keys the right run's item goes last (stable).
                scratch.clear();
                scratch.extend_from_slice(v.get(mid..hi).unwrap_or(&[]));
                let (mut i, mut j, mut out) = (scratch.len(), mid, hi);
                while let Some(&b) = i.checked_sub(1).and_then(|k| scratch.get(k)) {
                    out -= 1;
                    let take = match j.checked_sub(1).and_then(|k| v.get(k)) {
                        Some(&a) if j > lo && less(&b, &a) => {
                            j -= 1;
                            a
                        }
                        _ => {
                            i -= 1;
                            b
                        }
                    };
                    if let Some(slot) = v.get_mut(out) {
                        *slot = take;
                    }
                }
            }
            lo = hi;
        }
        width *= 2;
    }
}

/// The first 8 bytes of `key`, as two big-endian words, zero-padded: comparing these compares
/// the keys' first 8 bytes in byte order.
fn prefix(key: &[u8]) -> (u32, u32) {
    let mut b = [0u8; 8];
    for (d, s) in b.iter_mut().zip(key) {
        *d = *s;
    }
    let [a0, a1, a2, a3, b0, b1, b2, b3] = b;
    (
        u32::from_be_bytes([a0, a1, a2, a3]),
        u32::from_be_bytes([b0, b1, b2, b3]),
    )
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

    fn cmp(&self, a: &Member, b: &Member) -> Ordering {
        a.prefix
            .cmp(&b.prefix)
            .then_with(|| self.of(a).cmp(self.of(b)))
    }
}

impl Sink for Sorter<'_> {
    type Stop = JsonError;

    fn open(&mut self, object: bool, _at: usize) {
        self.item();
        self.frames.push(Frame {
            object,
            empty: true,
            members: self.members.len(),
            keys: self.keys.len(),
            open: self.out.len(),
            fixups: self.fixups.len(),
        });
        self.out.push(if object { b'{' } else { b'[' });
    }

    fn close(&mut self, object: bool, _at: usize) {
        if let Some(frame) = self.frames.pop() {
            if object {
                self.close_object(&frame);
            }
        }
        self.out.push(if object { b'}' } else { b']' });
    }

    fn key(&mut self, tok: StrTok) -> Result<(), JsonError> {
        let start = self.out.len();
        let fixups = self.fixups.len();
        if let Some(frame) = self.frames.last_mut() {
            if !frame.empty {
                if let Some(last) = self.members.last_mut() {
                    last.end = start;
                    last.nested = fixups > frame.fixups;
                }
                self.out.push(b',');
            }
            frame.empty = false;
            frame.fixups = fixups;
        }
        let raw = tok.content(self.input);
        let (key, len, pre) = if tok.escaped {
            let s = self.keys.len();
            decode_into(raw, &mut self.keys);
            let decoded = self.keys.get(s..).unwrap_or(&[]);
            (s, decoded.len() | IN_KEYS, prefix(decoded))
        } else {
            (tok.start + 1, raw.len(), prefix(raw))
        };
        self.members.push(Member {
            prefix: pre,
            key,
            len,
            start: self.out.len(),
            end: 0,
            nested: false,
        });
        self.string_token(tok);
        self.out.push(b':');
        Ok(())
    }

    fn string(&mut self, tok: StrTok) {
        self.item();
        self.string_token(tok);
    }

    fn number(&mut self, num: Num) {
        self.item();
        write_number(self.input, num, &mut self.out);
    }

    fn literal(&mut self, start: usize, end: usize) {
        self.item();
        self.copy(start, end);
    }
}

impl Sorter<'_> {
    fn string_token(&mut self, tok: StrTok) {
        let raw = tok.content(self.input);
        if !tok.escaped || escapes_are_canonical(raw) {
            self.copy(tok.start, tok.end);
        } else {
            write_canonical_string(raw, &mut self.out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{merge_sort, sort_by};

    #[test]
    fn sort_by_agrees_with_std() {
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for n in (0..70).chain([200, 1000, 4097]) {
            for shape in 0..5 {
                let mut v: Vec<(u64, usize)> = (0..n)
                    .map(|i| {
                        x ^= x << 13;
                        x ^= x >> 7;
                        x ^= x << 17;
                        let key = match shape {
                            0 => x % 1000,
                            1 => x % 3, // many equal keys
                            2 => i as u64,
                            3 => (n - i) as u64, // descending
                            _ => (i as u64 * 7) % 13,
                        };
                        (key, i)
                    })
                    .collect();
                let mut want = v.clone();
                want.sort();
                // Stable: sorting by the key alone keeps equal keys in index order.
                let mut merged = v.clone();
                let mut scratch = Vec::new();
                merge_sort(&mut merged, &mut scratch, |a, b| a.0 < b.0);
                assert_eq!(merged, want, "merge_sort: n {n} shape {shape}");
                assert!(
                    scratch.len() <= n / 2,
                    "scratch {} for n {n}",
                    scratch.len()
                );
                sort_by(&mut v, |a, b| a < b);
                assert_eq!(v, want, "n {n} shape {shape}");
            }
        }
    }
}
