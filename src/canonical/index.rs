//! The structural index: where a body's tokens start, found 64 bytes per step.
//!
//! One pass classifies each 64-byte block into bit masks (quotes, backslashes, the structural
//! bytes `{}[]:,`, bytes up to U+0020, control bytes), resolves escaped quotes and the inside of
//! strings with bit arithmetic (simdjson's method: Langdale and Lemire, "Parsing Gigabytes of JSON
//! per Second", 2019), and records, in document order, the offset of every structural byte outside
//! strings, of both quotes of every string, and of the first byte of every other run of bytes
//! outside strings that is not whitespace (a number, a literal, or garbage the walk rejects).
//! The walk ([`super::tape`]) then reads tokens from the index instead of the bytes.
//!
//! In WebAssembly a block is four 16-byte SIMD compares per class (`simd128`, enabled for the
//! index alone with `#[target_feature]`, as `webhook::fast` does for its backslash scan); natively
//! eight 64-bit words with byte-wise compares in integer arithmetic (SWAR). Both produce the same
//! masks, so the walk cannot tell them apart; the JS suite runs the wasm one
//! (`tests/js/tape.test.mjs` at every offset around the blocks and chunks).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

/// One 64-byte block's bytes by class, bit `i` for byte `i`.
#[derive(Clone, Copy, Default)]
struct Classes {
    quote: u64,
    backslash: u64,
    /// `{` `}` `[` `]` `:` `,`
    structural: u64,
    /// Bytes up to U+0020: whitespace, and controls.
    low: u64,
    /// Bytes below U+0020: controls, and the whitespace `\t` `\n` `\r`.
    control: u64,
}

/// The index of one input, built a chunk at a time as the walk reads it, so that its memory stays
/// small and constant (a whole index took 4 bytes per token on wasm32, twice the body's size for
/// an array of one-digit items).
pub(super) struct Index<'a> {
    /// The JSON text: the body after its byte order mark, if any.
    input: &'a [u8],
    /// Where `input` starts in the body: every position reported is an offset into the body.
    offset: usize,
    /// The current chunk's positions (body offsets, increasing), and the next to read.
    at: Vec<usize>,
    read: usize,
    /// The next 64-byte block to classify.
    block: usize,
    /// State carried from block to block: an odd run of backslashes at the end, whether the end
    /// is inside a string, whether it is inside a scalar.
    carry_escape: u64,
    inside: u64,
    scalar: u64,
    /// The first control byte inside a string, and the first control byte outside strings that
    /// is not whitespace (`usize::MAX` while none was found), as body offsets. The walk checks
    /// them against the positions it reads, so that it reports the first error in document order.
    pub(super) control_inside: usize,
    pub(super) control_outside: usize,
    /// The indexed blocks that hold a backslash, in order: the block's number and its backslash
    /// mask (bit `i`: input byte `64 * block + i`); and the first entry whose block the walk has
    /// not passed. Strings are checked in document order, so a string's check is one compare
    /// unless its own blocks hold a backslash. (Before, one backslash early in a body sent every
    /// later string to a byte search: ≈ 8 % of `verifyWebhook` on a re-serialised 37 KB
    /// delivery with a `\n` in its first string.) At most 16 bytes per 64 body bytes.
    backslash_blocks: Vec<(usize, u64)>,
    backslash_next: usize,
}

/// Blocks indexed per chunk (1 KiB of input).
const CHUNK_BLOCKS: usize = 16;

impl<'a> Index<'a> {
    /// The index of `body[offset..]` (`offset` skips a byte order mark).
    pub(super) fn new(body: &'a [u8], offset: usize) -> Self {
        Index {
            input: body.get(offset..).unwrap_or(&[]),
            offset,
            at: Vec::with_capacity(CHUNK_BLOCKS * 64),
            read: 0,
            block: 0,
            carry_escape: 0,
            inside: 0,
            scalar: 0,
            control_inside: usize::MAX,
            control_outside: usize::MAX,
            backslash_blocks: Vec::new(),
            backslash_next: 0,
        }
    }

    /// The next position, indexing more of the input when the chunk is used up.
    #[inline(always)]
    pub(super) fn next(&mut self) -> Option<usize> {
        let p = self.peek()?;
        self.read += 1;
        Some(p)
    }

    /// The next position, not consumed.
    #[inline(always)]
    pub(super) fn peek(&mut self) -> Option<usize> {
        if self.read == self.at.len() {
            self.refill();
        }
        self.at.get(self.read).copied()
    }

    /// Whether the body's bytes `from..to` (body offsets: a string's content, which lies in
    /// indexed blocks once its closing quote was read) hold a backslash. Calls must come in
    /// document order (`from` never decreasing), as the walk reads strings.
    #[inline(always)]
    pub(super) fn backslash_in(&mut self, from: usize, to: usize) -> bool {
        match self.backslash_blocks.get(self.backslash_next) {
            Some(&(block, _)) if self.offset + 64 * block < to => {
                self.backslash_in_blocks(from, to)
            }
            _ => false,
        }
    }

    fn backslash_in_blocks(&mut self, from: usize, to: usize) -> bool {
        let (Some(from), Some(to)) = (from.checked_sub(self.offset), to.checked_sub(self.offset))
        else {
            return true;
        };
        if from >= to {
            return false;
        }
        let (first, last) = (from / 64, (to - 1) / 64);
        // Blocks before this string's are behind the walk for good.
        while let Some(&(block, _)) = self.backslash_blocks.get(self.backslash_next) {
            if block >= first {
                break;
            }
            self.backslash_next += 1;
        }
        let ahead = self
            .backslash_blocks
            .get(self.backslash_next..)
            .unwrap_or(&[]);
        ahead
            .iter()
            .take_while(|&&(block, _)| block <= last)
            .any(|&(block, mask)| {
                // Bits from `from % 64` up in the first block, up to `(to - 1) % 64` in the last.
                let low = if block == first {
                    u64::MAX << (from % 64)
                } else {
                    u64::MAX
                };
                let high = if block == last {
                    u64::MAX >> (63 - (to - 1) % 64)
                } else {
                    u64::MAX
                };
                mask & low & high != 0
            })
    }

    /// Indexes chunks until one yields a position or the input ends.
    fn refill(&mut self) {
        self.at.clear();
        self.read = 0;
        while self.at.is_empty() && self.block * 64 < self.input.len() {
            #[cfg(target_arch = "wasm32")]
            self.chunk_simd();
            #[cfg(not(target_arch = "wasm32"))]
            self.chunk_with(classify_swar);
        }
    }

    #[cfg(target_arch = "wasm32")]
    #[target_feature(enable = "simd128")]
    fn chunk_simd(&mut self) {
        self.chunk_with(classify_simd);
    }

    /// Indexes the next [`CHUNK_BLOCKS`] blocks (fewer at the end).
    #[inline(always)]
    fn chunk_with(&mut self, classify: impl Fn(&[u8; 64]) -> Classes) {
        let input = self.input;
        let end = (self.block + CHUNK_BLOCKS).min(input.len().div_ceil(64));
        // The last, partial block, padded with spaces: filled in its branch only (filled on
        // every step, it was a 64-byte `memory.fill` per block; 0.97x of `verifyWebhook`'s time
        // without it on 40 KB bodies that need sorting).
        let mut last;
        for k in self.block..end {
            let base = 64 * k;
            let at = self.offset + base;
            // Full blocks are read in place; the last, partial one is copied.
            let block = match input.get(base..base + 64).map(<&[u8; 64]>::try_from) {
                Some(Ok(block)) => block,
                _ => {
                    last = [b' '; 64];
                    let rest = input.get(base..).unwrap_or(&[]);
                    if let Some(head) = last.get_mut(..rest.len()) {
                        head.copy_from_slice(rest);
                    }
                    &last
                }
            };
            let c = classify(block);
            if c.backslash != 0 {
                self.backslash_blocks.push((k, c.backslash));
            }
            let quote = c.quote & !escaped(c.backslash, &mut self.carry_escape);
            // From an opening quote up to (not including) its closing quote.
            let inside = prefix_xor(quote) ^ self.inside;
            self.inside = ((inside as i64) >> 63) as u64;
            let scalar = !(c.low | c.structural | quote | inside);
            let starts = scalar & !((scalar << 1) | self.scalar);
            self.scalar = scalar >> 63;
            let control_inside = c.control & inside;
            if control_inside != 0 && self.control_inside == usize::MAX {
                self.control_inside = at + control_inside.trailing_zeros() as usize;
            }
            let mut outside = c.control & !inside;
            while outside != 0 && self.control_outside == usize::MAX {
                let i = outside.trailing_zeros() as usize;
                let b = block.get(i).copied().unwrap_or(0);
                if (WHITESPACE_CONTROLS >> (b & 31)) & 1 == 0 {
                    self.control_outside = at + i;
                }
                outside &= outside - 1;
            }
            let mut found = (c.structural & !inside) | quote | starts;
            while found != 0 {
                self.at.push(at + found.trailing_zeros() as usize);
                found &= found - 1;
            }
        }
        self.block = end;
    }
}

const EVEN: u64 = 0x5555_5555_5555_5555;

/// The bytes that follow an odd run of backslashes (the escaped ones), carrying a run across
/// blocks in `carry` (simdjson's branchless method).
#[inline(always)]
fn escaped(backslash: u64, carry: &mut u64) -> u64 {
    if backslash == 0 {
        return core::mem::take(carry);
    }
    let backslash = backslash & !*carry;
    let follows = (backslash << 1) | *carry;
    let odd_starts = backslash & !EVEN & !follows;
    let (sum, overflow) = odd_starts.overflowing_add(backslash);
    *carry = u64::from(overflow);
    (EVEN ^ (sum << 1)) & follows
}

/// Bit `i` set when an odd number of bits at or below `i` are set in `x` (a prefix XOR, by
/// doubling: WebAssembly has no carry-less multiply).
#[inline(always)]
fn prefix_xor(mut x: u64) -> u64 {
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    x
}

/// `\t`, `\n`, `\r`: the control bytes JSON allows as whitespace.
const WHITESPACE_CONTROLS: u32 = (1 << b'\t') | (1 << b'\n') | (1 << b'\r');

/// [`Classes`] of a block with WebAssembly SIMD: four 16-byte loads, a compare per class and
/// `i8x16.bitmask`. (Each 16 bytes are read as a `u128` and made a vector, which LLVM turns into
/// one `v128.load`, so no `unsafe`.) The four are written out, not looped over: at opt-level "s"
/// LLVM kept the loop, with shifts by a variable amount (unrolled, `verifyWebhook` took 0.96-0.97x
/// the time on 40 KB bodies that need sorting; `bench/ab.mjs`).
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn classify_simd(block: &[u8; 64]) -> Classes {
    let (a, rest) = block.split_at(16);
    let (b, rest) = rest.split_at(16);
    let (c, d) = rest.split_at(16);
    // (Called one by one: a closure or `array::map` would not inherit the SIMD feature.)
    let (a, b, c, d) = (classify16(a), classify16(b), classify16(c), classify16(d));
    let join = |f: fn(&[u16; 5]) -> u16| {
        u64::from(f(&a)) | u64::from(f(&b)) << 16 | u64::from(f(&c)) << 32 | u64::from(f(&d)) << 48
    };
    Classes {
        quote: join(|m| m[0]),
        backslash: join(|m| m[1]),
        structural: join(|m| m[2]),
        low: join(|m| m[3]),
        control: join(|m| m[4]),
    }
}

/// The five class masks of 16 bytes: quote, backslash, structural, low, control.
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn classify16(chunk: &[u8]) -> [u16; 5] {
    use core::arch::wasm32::{
        i8x16_bitmask, i8x16_eq, u64x2, u8x16_le, u8x16_splat, v128_andnot, v128_or,
    };
    let x = <[u8; 16]>::try_from(chunk).map_or(0, u128::from_le_bytes);
    let v = u64x2(x as u64, (x >> 64) as u64);
    let space = u8x16_splat(0x20);
    // `[` `]` are `{` `}` with bit 5 clear.
    let folded = v128_or(v, space);
    let structural = v128_or(
        v128_or(
            i8x16_eq(folded, u8x16_splat(b'{')),
            i8x16_eq(folded, u8x16_splat(b'}')),
        ),
        v128_or(
            i8x16_eq(v, u8x16_splat(b':')),
            i8x16_eq(v, u8x16_splat(b',')),
        ),
    );
    let low = u8x16_le(v, space);
    [
        i8x16_bitmask(i8x16_eq(v, u8x16_splat(b'"'))),
        i8x16_bitmask(i8x16_eq(v, u8x16_splat(b'\\'))),
        i8x16_bitmask(structural),
        i8x16_bitmask(low),
        i8x16_bitmask(v128_andnot(low, i8x16_eq(v, space))),
    ]
}

#[cfg(any(test, not(target_arch = "wasm32")))]
use crate::scan::LO;
#[cfg(any(test, not(target_arch = "wasm32")))]
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

#[cfg(any(test, not(target_arch = "wasm32")))]
/// High bit of each byte of `w` equal to `b` (exact: no borrow crosses bytes).
#[inline(always)]
fn bytes_eq(w: u64, b: u8) -> u64 {
    let t = w ^ (LO * u64::from(b));
    !(((t & LOW7) + LOW7) | t | LOW7)
}

#[cfg(any(test, not(target_arch = "wasm32")))]
/// High bit of each byte of `w` below `n` (`n` ≤ 0x80; exact).
#[inline(always)]
fn bytes_below(w: u64, n: u8) -> u64 {
    !(((w & LOW7) + LO * u64::from(0x80 - n)) | w | LOW7)
}

#[cfg(any(test, not(target_arch = "wasm32")))]
/// The high bits of a word's 8 bytes as 8 bits (bit `i` from byte `i`; every product term lands
/// on its own bit, so nothing carries).
#[inline(always)]
fn gather(m: u64) -> u64 {
    ((m >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// [`Classes`] of a block with 64-bit integer arithmetic (native builds).
#[cfg(any(test, not(target_arch = "wasm32")))]
fn classify_swar(block: &[u8; 64]) -> Classes {
    let mut c = Classes::default();
    for (k, chunk) in block.chunks_exact(8).enumerate() {
        let w = <[u8; 8]>::try_from(chunk).map_or(0, u64::from_le_bytes);
        let folded = w | (LO * 0x20);
        let structural =
            bytes_eq(folded, b'{') | bytes_eq(folded, b'}') | bytes_eq(w, b':') | bytes_eq(w, b',');
        let shift = 8 * k as u32;
        c.quote |= gather(bytes_eq(w, b'"')) << shift;
        c.backslash |= gather(bytes_eq(w, b'\\')) << shift;
        c.structural |= gather(structural) << shift;
        c.low |= gather(bytes_below(w, 0x21)) << shift;
        c.control |= gather(bytes_below(w, 0x20)) << shift;
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `backslash_in` against a plain search, for ranges of a body's string contents in document
    /// order (as the walk asks), with backslashes (escaped quotes, runs, `\n`) around the 64-byte
    /// block edges.
    #[test]
    fn backslash_in_agrees_with_a_search() {
        let mut rng = crate::test_rng::TestRng(0x9e37_79b9_7f4a_7c15);
        let mut rand = |n: usize| rng.below(n);
        for round in 0..300 {
            // A BOM now and then: positions are body offsets.
            let mut body: Vec<u8> = if round % 3 == 0 {
                b"\xEF\xBB\xBF".to_vec()
            } else {
                Vec::new()
            };
            let offset = body.len();
            body.push(b'[');
            for _ in 0..(1 + rand(40)) {
                body.push(b'"');
                for _ in 0..rand(150) {
                    match rand(12) {
                        0 => body.extend_from_slice(b"\\\\"),
                        1 => body.extend_from_slice(b"\\\""),
                        2 => body.extend_from_slice(b"\\n"),
                        _ => body.push(b'a' + rand(26) as u8),
                    }
                }
                body.extend_from_slice(b"\",");
            }
            body.extend_from_slice(b"0]");
            let mut index = Index::new(&body, offset);
            let mut quotes = Vec::new();
            while let Some(p) = index.next() {
                if body[p] == b'"' {
                    quotes.push(p);
                }
            }
            for pair in quotes.chunks_exact(2) {
                let (open, close) = (pair[0], pair[1]);
                for from in open + 1..=close {
                    for to in [from, (from + 1).min(close), (from + 63).min(close), close] {
                        let want = body[from..to].contains(&b'\\');
                        assert_eq!(index.backslash_in(from, to), want, "{from}..{to}");
                    }
                }
            }
        }
    }

    /// The classes byte by byte, as the SIMD and SWAR classifiers must compute them.
    fn classify_bytes(block: &[u8; 64]) -> [u64; 5] {
        let mut m = [0u64; 5];
        for (i, &b) in block.iter().enumerate() {
            let bit = 1u64 << i;
            let set = [
                b == b'"',
                b == b'\\',
                matches!(b, b'{' | b'}' | b'[' | b']' | b':' | b','),
                b <= 0x20,
                b < 0x20,
            ];
            for (mask, on) in m.iter_mut().zip(set) {
                if on {
                    *mask |= bit;
                }
            }
        }
        m
    }

    #[test]
    fn swar_classes_match_bytewise_for_every_byte_value() {
        let mut rng = crate::test_rng::TestRng(0x9e37_79b9_7f4a_7c15);
        for round in 0..2000 {
            let mut block = [0u8; 64];
            for (i, b) in block.iter_mut().enumerate() {
                let x = rng.next();
                // Every byte value in the first rounds, then mixes dense in JSON's specials.
                *b = if round < 4 {
                    (round * 64 + i) as u8
                } else {
                    let specials = b"\"\\{}[]:, \t\n\r\x00\x1f\x20\x21\x7f\x80\xff{a0";
                    specials[(x % specials.len() as u64) as usize]
                };
            }
            let c = classify_swar(&block);
            assert_eq!(
                [c.quote, c.backslash, c.structural, c.low, c.control],
                classify_bytes(&block),
                "{block:?}"
            );
        }
    }

    /// Every position of `body`'s index, and whether it ended clean (no misplaced control byte,
    /// no unterminated string).
    fn build(body: &[u8]) -> (Vec<usize>, bool) {
        let mut index = Index::new(body, 0);
        let mut at = Vec::new();
        while let Some(p) = index.next() {
            at.push(p);
        }
        let clean = index.control_inside == usize::MAX
            && index.control_outside == usize::MAX
            && index.inside == 0;
        (at, clean)
    }

    #[test]
    fn index_marks_tokens_and_skips_string_insides() {
        let body = br#" {"a\"b" : [1, tru, "x,{"] , "\\":-2.5e3}"#;
        let (at, clean) = build(body);
        assert!(clean);
        let marks: Vec<u8> = at.iter().map(|&i| body[i]).collect();
        assert_eq!(marks, b"{\"\":[1,t,\"\"],\"\":-}".to_vec());
        // An unterminated string, a raw control inside a string, a control outside one.
        assert!(!build(b"[\"abc]").1);
        assert!(!build(b"[\"a\x01\"]").1);
        assert!(!build(b"[1,\x0c2]").1);
        assert!(build(b"[1,\t\r\n2]").1);
        // Across chunks: a body of many blocks yields every position once, in order.
        let long = format!("[{}1]", "1, ".repeat(3000));
        let (at, clean) = build(long.as_bytes());
        assert!(clean);
        assert_eq!(at.len(), 2 + 2 * 3000 + 1);
        assert!(at.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn escapes_carry_across_blocks() {
        // A run of backslashes ending a block escapes (or not) the next block's first quote.
        for run in 1..6 {
            let mut body = vec![b'"'];
            body.resize(64 - run, b'a');
            body.resize(64, b'\\');
            body.extend_from_slice(b"\"x\"");
            let (at, ok) = build(&body);
            if run % 2 == 1 {
                // The quote at 64 is escaped: one string, closed by the quote at 66.
                assert!(ok, "run {run}");
                assert_eq!(at, vec![0, 66], "run {run}");
            } else {
                // The string ends at 64; `x` and an unterminated string follow.
                assert!(!ok, "run {run}");
            }
        }
    }
}
