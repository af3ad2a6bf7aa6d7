//! The fast path's byte helpers: they read a body that may be exactly what Didit's signer
//! produced (compact, keys sorted, possibly `ensure_ascii=True`) without parsing it.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::scan::{decode_into, hex4, push_utf8, HI, LO};

/// Offset of the first `\\uXXXX` escape of a code >= 0x7F (the mark of an `ensure_ascii=True`
/// spelling). Outside strings valid JSON has no backslashes, so no string tracking is needed;
/// backslashes are found 8 bytes at a time.
pub(super) fn first_non_ascii_escape(body: &[u8]) -> Option<usize> {
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

/// Whether the first bytes of `body` already prove it is not canonical: whitespace or a byte
/// from 0x80 up outside a string (a canonical body is compact, and outside strings pure ASCII),
/// as in any pretty-printed or re-serialised body (`{"a": 1}`, `{\n  "a"`) or one with a byte
/// order mark. Reads at most `PREFIX` bytes, so an already canonical body costs almost nothing.
pub(super) fn surely_not_canonical(body: &[u8]) -> bool {
    const PREFIX: usize = 256;
    let head = body.get(..PREFIX).unwrap_or(body);
    let mut i = 0;
    while let Some(&b) = head.get(i) {
        i += 1;
        if b == b'"' {
            // Inside a string only its closing quote matters (a backslash skips the next byte);
            // strings are most of a body, so they are crossed 8 bytes at a time.
            loop {
                let Some(rel) = find_quote_or_backslash(head.get(i..).unwrap_or(&[])) else {
                    return false;
                };
                let at = i + rel;
                if head.get(at) == Some(&b'"') {
                    i = at + 1;
                    break;
                }
                i = at + 2;
            }
        } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') || b >= 0x80 {
            return true;
        }
    }
    false
}

/// The first quote or backslash in `hay`, 8 bytes at a time.
fn find_quote_or_backslash(hay: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(Ok(word)) = hay.get(i..i + 8).map(<[u8; 8]>::try_from) {
        let w = u64::from_le_bytes(word);
        let q = w ^ (LO * u64::from(b'"'));
        let s = w ^ (LO * u64::from(b'\\'));
        // Each term flags its zero bytes exactly up to the first one (borrows only run upwards).
        let mask = ((q.wrapping_sub(LO) & !q) | (s.wrapping_sub(LO) & !s)) & HI;
        if mask != 0 {
            return Some(i + (mask.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay.get(i..)?
        .iter()
        .position(|&b| b == b'"' || b == b'\\')
        .map(|p| i + p)
}

/// The first backslash in `hay`, with WebAssembly SIMD: four 16-byte compares (`i8x16.eq`) per
/// 64-byte step while there is none, then 16-byte steps and `i8x16.bitmask` to place it. The scan
/// runs over the whole of every wire-format body (0.4 µs less than two words per step on a 35 KB
/// delivery; `docs/performance.md`). Native builds use the version below.
#[cfg(target_arch = "wasm32")]
#[target_feature(enable = "simd128")]
fn find_backslash(hay: &[u8]) -> Option<usize> {
    use core::arch::wasm32::{
        u64x2, u8x16_bitmask, u8x16_eq, u8x16_splat, v128, v128_any_true, v128_or,
    };
    let backslash = u8x16_splat(b'\\');
    // (LLVM makes one `v128.load` of the two words)
    let eq = |b: Option<&[u8]>| -> v128 {
        let pair = b
            .and_then(|b| <[u8; 16]>::try_from(b).ok())
            .map_or(0, u128::from_le_bytes);
        u8x16_eq(u64x2(pair as u64, (pair >> 64) as u64), backslash)
    };
    let mut i = 0;
    // 64 bytes per step while there is no backslash (most of a body), then the 16-byte steps find it.
    while let Some(block) = hay.get(i..i + 64) {
        let (a, b) = (eq(block.get(..16)), eq(block.get(16..32)));
        let (c, d) = (eq(block.get(32..48)), eq(block.get(48..)));
        if v128_any_true(v128_or(v128_or(a, b), v128_or(c, d))) {
            break;
        }
        i += 64;
    }
    while let Some(block) = hay.get(i..i + 16) {
        let mask = u8x16_bitmask(eq(Some(block)));
        if mask != 0 {
            return Some(i + mask.trailing_zeros() as usize);
        }
        i += 16;
    }
    hay.get(i..)?
        .iter()
        .position(|&b| b == b'\\')
        .map(|p| i + p)
}

/// The first backslash in `hay`, 16 bytes at a time (a plain byte loop is slow; two words per
/// step halve the loop's overhead on long runs without escapes).
#[cfg(not(target_arch = "wasm32"))]
fn find_backslash(hay: &[u8]) -> Option<usize> {
    let zero_of = |w: u64| {
        let b = w ^ (LO * u64::from(b'\\'));
        b.wrapping_sub(LO) & !b & HI
    };
    let mut i = 0;
    while let Some(Ok(block)) = hay.get(i..i + 16).map(<[u8; 16]>::try_from) {
        let pair = u128::from_le_bytes(block);
        let (lo, hi) = (zero_of(pair as u64), zero_of((pair >> 64) as u64));
        if lo | hi != 0 {
            return Some(if lo != 0 {
                i + (lo.trailing_zeros() / 8) as usize
            } else {
                i + 8 + (hi.trailing_zeros() / 8) as usize
            });
        }
        i += 16;
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
pub(super) fn unescape_non_ascii(body: &[u8], from: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    // `body[..done]` is in `out`; the bytes from there to the next escape that is decoded are
    // copied in one go (escapes kept as they are included), so one copy per decoded character.
    let (mut done, mut i) = (0, from);
    while let Some(rel) = find_backslash(body.get(i..).unwrap_or(&[])) {
        let at = i + rel;
        if body.get(at + 1) != Some(&b'u') {
            i = at + 2;
            continue;
        }
        let cu = hex4(body, at + 2)?;
        let (cp, used) = match cu {
            0..=0x7e => {
                i = at + 6;
                continue;
            }
            0xd800..=0xdbff => {
                let low = if body.get(at + 6..at + 8) == Some(b"\\u") {
                    hex4(body, at + 8)?
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
        out.extend_from_slice(body.get(done..at)?);
        push_utf8(&mut out, cp);
        done = at + used;
        i = done;
    }
    out.extend_from_slice(body.get(done..)?);
    Some(out)
}

/// In a canonical body (compact, keys sorted by code point), finds the root object's member
/// `key` by walking members backwards from the end and stopping at the first key that sorts at
/// or below it. Didit's envelope keeps `timestamp` near the end (only `vendor_data`,
/// `webhook_type`, `workflow_*` follow), so this reads a few dozen bytes. Only meaningful for
/// bytes known to be canonical (e.g. authenticated by a V2 signature); total on any input.
/// The member's value is returned as the byte range `start..end` of `c`.
pub(super) fn sorted_member_range_from_end(c: &[u8], key: &[u8]) -> Option<(usize, usize)> {
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

#[cfg(test)]
mod tests {
    use super::{find_backslash, find_quote_or_backslash, surely_not_canonical};

    /// The byte-at-a-time definition the word-at-a-time version must agree with.
    fn reference(body: &[u8]) -> bool {
        let (mut in_string, mut escaped) = (false, false);
        for &b in body.iter().take(256) {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else if b == b'"' {
                in_string = true;
            } else if matches!(b, b' ' | b'\t' | b'\n' | b'\r') || b >= 0x80 {
                return true;
            }
        }
        false
    }

    #[test]
    fn word_scans_agree_with_byte_scans() {
        // Bodies of a few likely bytes at every length around the 256-byte prefix and the
        // 8-byte words, from a fixed linear congruential sequence.
        const ALPHABET: &[u8] = b"\"\\\\ a:,{}\n\xC3";
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for n in 0..20_000 {
            let len = n % 300;
            let body: Vec<u8> = (0..len)
                .map(|_| {
                    state = state
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    ALPHABET[(state >> 59) as usize % ALPHABET.len()]
                })
                .collect();
            assert_eq!(surely_not_canonical(&body), reference(&body), "{body:?}");
            let at = |f: fn(&u8) -> bool| body.iter().position(f);
            assert_eq!(find_backslash(&body), at(|&b| b == b'\\'), "{body:?}");
            assert_eq!(
                find_quote_or_backslash(&body),
                at(|&b| b == b'"' || b == b'\\'),
                "{body:?}"
            );
        }
    }

    /// A byte-at-a-time definition of `unescape_non_ascii` the span-copying version must agree with.
    fn unescape_reference(body: &[u8]) -> Option<Vec<u8>> {
        let (mut out, mut i) = (Vec::new(), 0);
        while let Some(&b) = body.get(i) {
            if b != b'\\' {
                out.push(b);
                i += 1;
                continue;
            }
            if body.get(i + 1) != Some(&b'u') {
                out.extend_from_slice(body.get(i..i + 2).unwrap_or(&body[i..]));
                i += 2;
                continue;
            }
            let cu = crate::scan::hex4(body, i + 2)?;
            let (cp, used) = if (0xd800..0xdc00).contains(&cu) {
                let low = (body.get(i + 6..i + 8) == Some(b"\\u"))
                    .then(|| crate::scan::hex4(body, i + 8))
                    .flatten()
                    .filter(|low| (0xdc00..0xe000).contains(low))?;
                (0x1_0000 + ((cu - 0xd800) << 10) + (low - 0xdc00), 12)
            } else if (0xdc00..0xe000).contains(&cu) {
                return None;
            } else {
                (cu, 6)
            };
            if cp >= 0x7f {
                let ch = char::from_u32(cp)?;
                out.extend_from_slice(ch.encode_utf8(&mut [0; 4]).as_bytes());
            } else {
                out.extend_from_slice(&body[i..i + used]);
            }
            i += used;
        }
        Some(out)
    }

    #[test]
    fn unescape_agrees_with_byte_loop() {
        const PIECES: &[&[u8]] = &[
            b"a",
            b"bc",
            br"\u00e9",
            br"\u0041",
            br"\u007f",
            br"\u007e",
            br"\ud83d\ude00",
            br"\ud83d",
            br"\ude00",
            br"\\",
            br#"\""#,
            br"\n",
            br"\u12",
            br"\u20ac",
            b"\"",
            b"0123456789abcdef",
        ];
        let mut state = 0x853c_49e6_748f_ea9b_u64;
        for _ in 0..20_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let n = (state >> 58) as usize;
            let mut body = Vec::new();
            for _ in 0..n {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                body.extend_from_slice(PIECES[(state >> 59) as usize % PIECES.len()]);
            }
            let from = super::first_non_ascii_escape(&body).unwrap_or(0);
            let ours = super::unescape_non_ascii(&body, from);
            let expected = unescape_reference(&body);
            // Both fail on the same bodies, except that ours, starting at the first decoded
            // escape, does not read a malformed escape before it (the caller only asks from there).
            if let Some(ours) = &ours {
                if let Some(expected) = &expected {
                    assert_eq!(ours, expected, "{body:?}");
                }
            } else {
                assert!(expected.is_none(), "{body:?}");
            }
        }
    }

    #[test]
    fn not_canonical_only_when_proven() {
        for body in [
            &br#"{"a": 1}"#[..],
            b"{\n  \"a\": 1\n}",
            br#"{"a":1, "b":2}"#,
            b"\xEF\xBB\xBF{}",
            br#" {}"#,
            br#"{"a\\":1,"b" :2}"#,
        ] {
            assert!(surely_not_canonical(body), "{body:?}");
        }
        for body in [
            &br#"{"a":"x y: z, w","b":[1,2]}"#[..],
            br#"{"a":"\" : \\\" ,","b":1}"#,
            b"{\"a\":\"\xC3\xA9 \"}",
            br#"{}"#,
        ] {
            assert!(!surely_not_canonical(body), "{body:?}");
        }
    }
}
