//! Prototype canonical-JSON writer: SIMD structural index -> tape walk with per-object member sort
//! -> one write pass in final order. Measurement code, not production code.
//!
//! Input contract: `buf[..len]` is the body and `buf` has at least `PAD` readable bytes after it
//! (16-byte unaligned copies may read past a span's end, never past `len + PAD`).
#![allow(clippy::missing_safety_doc)]
#![cfg_attr(target_arch = "wasm32", no_std)]

extern crate alloc;
use alloc::vec::Vec;

// As didit-kit's wasm modules: no std, talc allocator, a panic traps.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

pub const PAD: usize = 64;
pub const MAX_DEPTH: usize = 995;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Err {
    Utf8,
    Syntax(u32),
    Escape(u32),
    Depth,
}

// ---------------------------------------------------------------- stage 1: structural index

pub struct Raw {
    pub q: u64,
    pub bs: u64,
    pub op: u64,
    /// bytes <= 0x20 (whitespace candidates and controls)
    pub le: u64,
    /// bytes < 0x20
    pub ctrl: u64,
}

#[cfg(target_arch = "wasm32")]
mod simd {
    use super::Raw;
    use core::arch::wasm32::*;

    #[inline(always)]
    pub unsafe fn classify(p: *const u8) -> Raw {
        let mut r = Raw { q: 0, bs: 0, op: 0, le: 0, ctrl: 0 };
        let cq = u8x16_splat(b'"');
        let cb = u8x16_splat(b'\\');
        let c20 = u8x16_splat(0x20);
        let c7b = u8x16_splat(0x7b);
        let c7d = u8x16_splat(0x7d);
        let ccol = u8x16_splat(b':');
        let ccom = u8x16_splat(b',');
        for k in 0..4 {
            let v = v128_load(p.add(16 * k) as *const v128);
            let q = i8x16_eq(v, cq);
            let b = i8x16_eq(v, cb);
            let l = v128_or(v, c20);
            let op = v128_or(
                v128_or(i8x16_eq(l, c7b), i8x16_eq(l, c7d)),
                v128_or(i8x16_eq(v, ccol), i8x16_eq(v, ccom)),
            );
            let le = u8x16_le(v, c20);
            let ctrl = v128_andnot(le, i8x16_eq(v, c20));
            let s = 16 * k as u32;
            r.q |= (i8x16_bitmask(q) as u64) << s;
            r.bs |= (i8x16_bitmask(b) as u64) << s;
            r.op |= (i8x16_bitmask(op) as u64) << s;
            r.le |= (i8x16_bitmask(le) as u64) << s;
            r.ctrl |= (i8x16_bitmask(ctrl) as u64) << s;
        }
        r
    }

    /// Copies 16 bytes (may overrun both spans; see PAD).
    #[inline(always)]
    pub unsafe fn copy16(dst: *mut u8, src: *const u8) {
        v128_store(dst as *mut v128, v128_load(src as *const v128));
    }

    /// [`classify`] from a block of safe code: each 16 bytes read as a `u128` and made a vector
    /// (the form `src/webhook/fast.rs` uses; LLVM makes it one `v128.load`). The body repeats
    /// `classify`'s on purpose: one helper taking `[v128; 4]` for both was not unrolled at
    /// opt-level "s" and made the index half again slower.
    #[inline(always)]
    pub fn classify_safe(block: &[u8; 64]) -> Raw {
        let mut r = Raw { q: 0, bs: 0, op: 0, le: 0, ctrl: 0 };
        let cq = u8x16_splat(b'"');
        let cb = u8x16_splat(b'\\');
        let c20 = u8x16_splat(0x20);
        let c7b = u8x16_splat(0x7b);
        let c7d = u8x16_splat(0x7d);
        let ccol = u8x16_splat(b':');
        let ccom = u8x16_splat(b',');
        for (k, chunk) in block.chunks_exact(16).enumerate() {
            let mut a = [0u8; 16];
            a.copy_from_slice(chunk);
            let x = u128::from_le_bytes(a);
            let v = u64x2(x as u64, (x >> 64) as u64);
            let q = i8x16_eq(v, cq);
            let b = i8x16_eq(v, cb);
            let l = v128_or(v, c20);
            let op = v128_or(
                v128_or(i8x16_eq(l, c7b), i8x16_eq(l, c7d)),
                v128_or(i8x16_eq(v, ccol), i8x16_eq(v, ccom)),
            );
            let le = u8x16_le(v, c20);
            let ctrl = v128_andnot(le, i8x16_eq(v, c20));
            let s = 16 * k as u32;
            r.q |= (i8x16_bitmask(q) as u64) << s;
            r.bs |= (i8x16_bitmask(b) as u64) << s;
            r.op |= (i8x16_bitmask(op) as u64) << s;
            r.le |= (i8x16_bitmask(le) as u64) << s;
            r.ctrl |= (i8x16_bitmask(ctrl) as u64) << s;
        }
        r
    }
}

#[cfg(target_arch = "x86_64")]
mod simd {
    use super::Raw;
    use core::arch::x86_64::*;

    #[inline(always)]
    pub unsafe fn classify(p: *const u8) -> Raw {
        let mut r = Raw { q: 0, bs: 0, op: 0, le: 0, ctrl: 0 };
        let cq = _mm_set1_epi8(b'"' as i8);
        let cb = _mm_set1_epi8(b'\\' as i8);
        let c20 = _mm_set1_epi8(0x20);
        let c7b = _mm_set1_epi8(0x7b);
        let c7d = _mm_set1_epi8(0x7d);
        let ccol = _mm_set1_epi8(b':' as i8);
        let ccom = _mm_set1_epi8(b',' as i8);
        for k in 0..4 {
            let v = _mm_loadu_si128(p.add(16 * k) as *const __m128i);
            let q = _mm_cmpeq_epi8(v, cq);
            let b = _mm_cmpeq_epi8(v, cb);
            let l = _mm_or_si128(v, c20);
            let op = _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(l, c7b), _mm_cmpeq_epi8(l, c7d)),
                _mm_or_si128(_mm_cmpeq_epi8(v, ccol), _mm_cmpeq_epi8(v, ccom)),
            );
            let le = _mm_cmpeq_epi8(_mm_min_epu8(v, c20), v);
            let ctrl = _mm_andnot_si128(_mm_cmpeq_epi8(v, c20), le);
            let s = 16 * k as u32;
            r.q |= (_mm_movemask_epi8(q) as u16 as u64) << s;
            r.bs |= (_mm_movemask_epi8(b) as u16 as u64) << s;
            r.op |= (_mm_movemask_epi8(op) as u16 as u64) << s;
            r.le |= (_mm_movemask_epi8(le) as u16 as u64) << s;
            r.ctrl |= (_mm_movemask_epi8(ctrl) as u16 as u64) << s;
        }
        r
    }

    #[inline(always)]
    pub unsafe fn copy16(dst: *mut u8, src: *const u8) {
        _mm_storeu_si128(dst as *mut __m128i, _mm_loadu_si128(src as *const __m128i));
    }
}

const EVEN: u64 = 0x5555_5555_5555_5555;

/// simdjson's branchless escape finder: bits of the characters that follow an odd run of `\`.
#[inline(always)]
fn find_escaped(bs: u64, prev: &mut u64) -> u64 {
    if bs == 0 {
        let e = *prev;
        *prev = 0;
        return e;
    }
    let bs = bs & !*prev;
    let follows = (bs << 1) | *prev;
    let odd_starts = bs & !EVEN & !follows;
    let (seq_even, ovf) = odd_starts.overflowing_add(bs);
    *prev = ovf as u64;
    let invert = seq_even << 1;
    (EVEN ^ invert) & follows
}

/// Prefix XOR by shift-XOR doubling (no carry-less multiply in wasm).
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

#[inline(always)]
unsafe fn flatten(idx: *mut u32, n: usize, base: u32, mut bits: u64) -> usize {
    if bits == 0 {
        return n;
    }
    let cnt = bits.count_ones() as usize;
    let p = idx.add(n);
    for i in 0..4 {
        *p.add(i) = base.wrapping_add(bits.trailing_zeros());
        bits &= bits.wrapping_sub(1);
    }
    if cnt > 4 {
        for i in 4..8 {
            *p.add(i) = base.wrapping_add(bits.trailing_zeros());
            bits &= bits.wrapping_sub(1);
        }
        if cnt > 8 {
            let mut i = 8;
            while bits != 0 {
                *p.add(i) = base.wrapping_add(bits.trailing_zeros());
                bits &= bits.wrapping_sub(1);
                i += 1;
            }
        }
    }
    n + cnt
}

const WS_CTRL: u32 = (1 << b'\t') | (1 << b'\n') | (1 << b'\r');

/// Structural positions: `{}[]:,` outside strings, every unescaped quote (opening and closing),
/// and the first byte of every other run of non-whitespace bytes outside strings (scalars).
/// Also: per-block backslash masks (to tell whether a string has escapes). Rejects raw control
/// characters in strings, non-whitespace controls outside strings, and an unterminated string.
#[inline(never)]
pub fn build_index(input: &[u8], idx: &mut Vec<u32>, bsm: &mut Vec<u64>) -> Result<(), Err> {
    let len = input.len();
    idx.clear();
    idx.reserve(len + 72);
    let nblocks = len.div_ceil(64);
    bsm.clear();
    bsm.reserve(nblocks + 1);
    let mut n = 0usize;
    let mut prev_esc = 0u64;
    let mut prev_in = 0u64;
    let mut prev_scalar = 0u64;
    let mut err = 0u64;
    let mut tail = [b' '; 64];
    unsafe {
        let ip = idx.as_mut_ptr();
        let bp = bsm.as_mut_ptr();
        for blk in 0..nblocks {
            let base = blk * 64;
            let ptr = if base + 64 <= len {
                input.as_ptr().add(base)
            } else {
                tail[..len - base].copy_from_slice(&input[base..]);
                tail.as_ptr()
            };
            let r = simd::classify(ptr);
            *bp.add(blk) = r.bs;
            let esc = find_escaped(r.bs, &mut prev_esc);
            let q = r.q & !esc;
            let inside = prefix_xor(q) ^ prev_in;
            prev_in = ((inside as i64) >> 63) as u64;
            let scalar = !(r.le | r.op | q | inside);
            let starts = scalar & !((scalar << 1) | prev_scalar);
            prev_scalar = scalar >> 63;
            let st = (r.op & !inside) | q | starts;
            err |= r.ctrl & inside;
            let mut out_ctrl = r.ctrl & !inside;
            while out_ctrl != 0 {
                let b = *ptr.add(out_ctrl.trailing_zeros() as usize);
                err |= ((WS_CTRL >> b) & 1 ^ 1) as u64;
                out_ctrl &= out_ctrl - 1;
            }
            n = flatten(ip, n, base as u32, st);
        }
        idx.set_len(n);
        bsm.set_len(nblocks);
    }
    if err != 0 || prev_in != 0 {
        return Err(Err::Syntax(0));
    }
    Ok(())
}

/// [`build_index`] in safe code (feature `safe-index`, wasm only): blocks read through
/// [`simd::classify_safe`], positions pushed into the vector instead of written through a pointer.
#[cfg(all(feature = "safe-index", target_arch = "wasm32"))]
#[inline(never)]
pub fn build_index_safe(input: &[u8], idx: &mut Vec<u32>, bsm: &mut Vec<u64>) -> Result<(), Err> {
    let len = input.len();
    idx.clear();
    idx.reserve(len + 72);
    bsm.clear();
    bsm.reserve(len.div_ceil(64) + 1);
    let mut prev_esc = 0u64;
    let mut prev_in = 0u64;
    let mut prev_scalar = 0u64;
    let mut err = 0u64;
    let mut base = 0usize;
    let full = input.chunks_exact(64);
    let rest = full.remainder();
    let mut last = [b' '; 64];
    last[..rest.len()].copy_from_slice(rest);
    let tail = if rest.is_empty() { None } else { Some(&last) };
    // Full blocks are read in place; only the last, partial one is copied (padded with spaces).
    for block in full.map(|c| <&[u8; 64]>::try_from(c).unwrap_or(&[b' '; 64])).chain(tail) {
        let r = simd::classify_safe(block);
        bsm.push(r.bs);
        let esc = find_escaped(r.bs, &mut prev_esc);
        let q = r.q & !esc;
        let inside = prefix_xor(q) ^ prev_in;
        prev_in = ((inside as i64) >> 63) as u64;
        let scalar = !(r.le | r.op | q | inside);
        let starts = scalar & !((scalar << 1) | prev_scalar);
        prev_scalar = scalar >> 63;
        let mut st = (r.op & !inside) | q | starts;
        err |= r.ctrl & inside;
        let mut out_ctrl = r.ctrl & !inside;
        while out_ctrl != 0 {
            let b = block[out_ctrl.trailing_zeros() as usize];
            err |= ((WS_CTRL >> b) & 1 ^ 1) as u64;
            out_ctrl &= out_ctrl - 1;
        }
        while st != 0 {
            idx.push(base as u32 + st.trailing_zeros());
            st &= st - 1;
        }
        base += 64;
    }
    if err != 0 || prev_in != 0 {
        return Err(Err::Syntax(0));
    }
    Ok(())
}

#[inline(always)]
fn has_backslash(bsm: &[u64], from: usize, to: usize) -> bool {
    // bits in [from, to)
    if from >= to {
        return false;
    }
    let (fb, tb) = (from >> 6, (to - 1) >> 6);
    let lo = !0u64 << (from & 63);
    let hi = !0u64 >> (63 - ((to - 1) & 63));
    if fb == tb {
        return bsm[fb] & lo & hi != 0;
    }
    if bsm[fb] & lo != 0 || bsm[tb] & hi != 0 {
        return true;
    }
    bsm[fb + 1..tb].iter().any(|&w| w != 0)
}

// ---------------------------------------------------------------- stage 2: tape + sorted members

const T_STR: u32 = 0; // a..b: raw token with quotes
const T_SCALAR: u32 = 1; // a..b: number or literal
const T_DSTR: u32 = 2; // a..b: decoded string content in `dec`
const T_ARR: u32 = 3; // next: tape index after last descendant
const T_OBJ: u32 = 4; // a, b: sorted members mem[a..a+b]; next as for arrays

#[derive(Clone, Copy, Default)]
pub struct Node {
    tag: u32,
    a: u32,
    b: u32,
    next: u32,
}

/// Key stored decoded in `dec` (the key had escapes).
const IN_DEC: u32 = 1 << 31;

#[derive(Clone, Copy)]
pub struct Member {
    /// First 8 bytes of the decoded key, big-endian, zero padded.
    prefix: u64,
    /// Decoded key: input[key..key+len] or dec[key..key+len] when len has IN_DEC.
    key: u32,
    len: u32,
    /// Tape index of the value (increases in document order: the tie-break for "last wins").
    val: u32,
}

struct Frame {
    obj: bool,
    node: u32,
    pending: u32,
}

#[derive(Default)]
pub struct Ctx {
    pub idx: Vec<u32>,
    pub bsm: Vec<u64>,
    pub tape: Vec<Node>,
    pub mem: Vec<Member>,
    pending: Vec<Member>,
    scratch: Vec<Member>,
    stack: Vec<Frame>,
    pub dec: Vec<u8>,
    pub out: Vec<u8>,
    any_bs: bool,
}

#[inline(always)]
fn key_bytes<'a>(input: &'a [u8], dec: &'a [u8], m: &Member) -> &'a [u8] {
    let l = (m.len & !IN_DEC) as usize;
    let k = m.key as usize;
    if m.len & IN_DEC != 0 {
        unsafe { dec.get_unchecked(k..k + l) }
    } else {
        unsafe { input.get_unchecked(k..k + l) }
    }
}

#[inline(always)]
fn key_cmp(input: &[u8], dec: &[u8], a: &Member, b: &Member) -> core::cmp::Ordering {
    if a.prefix != b.prefix {
        return a.prefix.cmp(&b.prefix);
    }
    key_cmp_slow(input, dec, a, b)
}

#[inline(never)]
fn key_cmp_slow(input: &[u8], dec: &[u8], a: &Member, b: &Member) -> core::cmp::Ordering {
    let (ka, kb) = (key_bytes(input, dec, a), key_bytes(input, dec, b));
    ka.cmp(kb)
}

/// First 8 bytes of the key at `input[k..k+len]`, big-endian, zero padded: one unaligned load
/// (the input has PAD readable bytes after its end).
#[inline(always)]
fn prefix_at(input: &[u8], k: usize, len: usize) -> u64 {
    let v = u64::from_be(unsafe { core::ptr::read_unaligned(input.as_ptr().add(k) as *const u64) });
    if len >= 8 { v } else { v & !(u64::MAX >> (len * 8)) }
}

#[inline(always)]
fn prefix_of(k: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = k.len().min(8);
    b[..n].copy_from_slice(&k[..n]);
    u64::from_be_bytes(b)
}

static HEXV: [u8; 256] = {
    let mut t = [0xffu8; 256];
    let mut i = 0;
    while i < 10 {
        t[b'0' as usize + i] = i as u8;
        i += 1;
    }
    let mut i = 0;
    while i < 6 {
        t[b'a' as usize + i] = 10 + i as u8;
        t[b'A' as usize + i] = 10 + i as u8;
        i += 1;
    }
    t
};

fn hex4(s: &[u8], at: usize) -> Option<u32> {
    let d = s.get(at..at + 4)?;
    let mut v = 0u32;
    for &c in d {
        let h = HEXV[c as usize];
        if h == 0xff {
            return None;
        }
        v = v << 4 | h as u32;
    }
    Some(v)
}

/// Decodes a string's content (between the quotes) into `out`. Rejects bad escapes and unpaired
/// surrogates (as didit-kit does).
#[cold]
fn decode(raw: &[u8], out: &mut Vec<u8>) -> Result<(), ()> {
    let mut i = 0;
    while i < raw.len() {
        let c = raw[i];
        if c != b'\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let e = *raw.get(i + 1).ok_or(())?;
        i += 2;
        let ch = match e {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 8,
            b'f' => 12,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => {
                let mut cp = hex4(raw, i).ok_or(())?;
                i += 4;
                if (0xd800..0xdc00).contains(&cp) {
                    if raw.get(i) != Some(&b'\\') || raw.get(i + 1) != Some(&b'u') {
                        return Err(());
                    }
                    let lo = hex4(raw, i + 2).ok_or(())?;
                    if !(0xdc00..0xe000).contains(&lo) {
                        return Err(());
                    }
                    i += 6;
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                } else if (0xdc00..0xe000).contains(&cp) {
                    return Err(());
                }
                let ch = char::from_u32(cp).ok_or(())?;
                let mut b = [0u8; 4];
                out.extend_from_slice(ch.encode_utf8(&mut b).as_bytes());
                continue;
            }
            _ => return Err(()),
        };
        out.push(ch);
    }
    Ok(())
}

/// 1: byte that may end a scalar token (whitespace, structural, quote); plus EOF.
static DELIM: [bool; 256] = {
    let mut t = [false; 256];
    let d = b" \t\n\r,:{}[]\"";
    let mut i = 0;
    while i < d.len() {
        t[d[i] as usize] = true;
        i += 1;
    }
    t
};

/// Validates a number or literal starting at `p`; returns its end.
#[inline(always)]
fn scalar_end(input: &[u8], p: usize) -> Option<usize> {
    let at = |i: usize| -> u8 { if i < input.len() { input[i] } else { b' ' } };
    let c = input[p];
    let end = match c {
        b't' => {
            if input.get(p..p + 4)? != b"true" {
                return None;
            }
            p + 4
        }
        b'f' => {
            if input.get(p..p + 5)? != b"false" {
                return None;
            }
            p + 5
        }
        b'n' => {
            if input.get(p..p + 4)? != b"null" {
                return None;
            }
            p + 4
        }
        _ => {
            let mut i = p;
            if at(i) == b'-' {
                i += 1;
            }
            match at(i) {
                b'0' => i += 1,
                b'1'..=b'9' => {
                    i += 1;
                    while at(i).is_ascii_digit() {
                        i += 1;
                    }
                }
                _ => return None,
            }
            if at(i) == b'.' {
                i += 1;
                if !at(i).is_ascii_digit() {
                    return None;
                }
                while at(i).is_ascii_digit() {
                    i += 1;
                }
            }
            if at(i) | 0x20 == b'e' {
                i += 1;
                if at(i) == b'+' || at(i) == b'-' {
                    i += 1;
                }
                if !at(i).is_ascii_digit() {
                    return None;
                }
                while at(i).is_ascii_digit() {
                    i += 1;
                }
            }
            i
        }
    };
    if end < input.len() && !DELIM[input[end] as usize] {
        return None;
    }
    Some(end)
}

fn sort_members(input: &[u8], dec: &[u8], list: &mut [Member], scratch: &mut Vec<Member>) {
    // Unstable order among equal keys is made stable by the tie-break on `val`.
    let less = |a: &Member, b: &Member| match key_cmp(input, dec, a, b) {
        core::cmp::Ordering::Equal => a.val < b.val,
        o => o == core::cmp::Ordering::Less,
    };
    const RUN: usize = 16;
    for run in list.chunks_mut(RUN) {
        for i in 1..run.len() {
            let x = run[i];
            let mut j = i;
            while j > 0 && less(&x, &run[j - 1]) {
                run[j] = run[j - 1];
                j -= 1;
            }
            run[j] = x;
        }
    }
    // Bottom-up merges of sorted runs (only for objects of more than RUN members).
    let n = list.len();
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo + width < n {
            let mid = lo + width;
            let hi = (lo + 2 * width).min(n);
            scratch.clear();
            scratch.extend_from_slice(&list[lo..mid]);
            let (mut a, mut b, mut k) = (0, mid, lo);
            while a < scratch.len() && b < hi {
                if less(&list[b], &scratch[a]) {
                    list[k] = list[b];
                    b += 1;
                } else {
                    list[k] = scratch[a];
                    a += 1;
                }
                k += 1;
            }
            while a < scratch.len() {
                list[k] = scratch[a];
                a += 1;
                k += 1;
            }
            lo = hi;
        }
        width *= 2;
    }
}

impl Ctx {
    #[cold]
    fn close_object_slow(&mut self, input: &[u8], first: usize) {
        let list = &mut self.pending[first..];
        sort_members(input, &self.dec, list, &mut self.scratch);
    }

    /// Walks the index, checks the grammar, builds the tape and the sorted member lists.
    #[inline(never)]
    pub fn walk(&mut self, input: &[u8]) -> Result<(), Err> {
        let idx = core::mem::take(&mut self.idx);
        let r = self.walk_inner(input, &idx);
        self.idx = idx;
        r
    }

    fn walk_inner(&mut self, input: &[u8], idx: &[u32]) -> Result<(), Err> {
        self.tape.clear();
        self.mem.clear();
        self.pending.clear();
        self.stack.clear();
        self.dec.clear();
        self.tape.reserve(self.idx.len() / 2 + 4);
        let n = idx.len();
        let mut i = 0usize;
        let syntax = |i: usize| Err::Syntax(i as u32);
        macro_rules! next {
            () => {{
                if i >= n {
                    return Err(syntax(input.len()));
                }
                let p = idx[i] as usize;
                i += 1;
                p
            }};
        }
        // Parse one value starting at index entry; loop structured as state machine.
        'value: loop {
            let p = next!();
            let c = input[p];
            match c {
                b'{' | b'[' => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(Err::Depth);
                    }
                    let obj = c == b'{';
                    let node = self.tape.len() as u32;
                    self.tape.push(Node { tag: if obj { T_OBJ } else { T_ARR }, a: 0, b: 0, next: 0 });
                    self.stack.push(Frame { obj, node, pending: self.pending.len() as u32 });
                    // empty container?
                    if i < n {
                        let q = idx[i] as usize;
                        let d = input[q];
                        if d == if obj { b'}' } else { b']' } {
                            i += 1;
                            // fall to close handling below
                            self.close(input)?;
                        } else if obj {
                            self.key(input, idx, &mut i, syntax)?;
                            continue 'value;
                        } else {
                            continue 'value;
                        }
                    } else {
                        return Err(syntax(input.len()));
                    }
                }
                b'"' => {
                    let e = next!();
                    self.string(input, p, e)?;
                }
                b'}' | b']' | b',' | b':' => return Err(syntax(p)),
                _ => {
                    let e = scalar_end(input, p).ok_or(syntax(p))?;
                    self.tape.push(Node { tag: T_SCALAR, a: p as u32, b: e as u32, next: 0 });
                }
            }
            // after a value
            loop {
                let Some(top) = self.stack.last() else {
                    if i != n {
                        return Err(syntax(idx[i] as usize));
                    }
                    return Ok(());
                };
                let obj = top.obj;
                let p = next!();
                match input[p] {
                    b',' => {
                        if obj {
                            self.key(input, idx, &mut i, syntax)?;
                        }
                        continue 'value;
                    }
                    b'}' if obj => self.close(input)?,
                    b']' if !obj => self.close(input)?,
                    _ => return Err(syntax(p)),
                }
            }
        }
    }

    #[inline(always)]
    fn string(&mut self, input: &[u8], p: usize, e: usize) -> Result<(), Err> {
        if self.any_bs && has_backslash(&self.bsm, p + 1, e) {
            let start = self.dec.len();
            decode(&input[p + 1..e], &mut self.dec).map_err(|_| Err::Escape(p as u32))?;
            self.tape.push(Node { tag: T_DSTR, a: start as u32, b: self.dec.len() as u32, next: 0 });
        } else {
            self.tape.push(Node { tag: T_STR, a: p as u32, b: e as u32 + 1, next: 0 });
        }
        Ok(())
    }

    /// Reads `"key" :` from the index and pushes a pending member.
    #[inline(always)]
    fn key(
        &mut self,
        input: &[u8],
        idx: &[u32],
        i: &mut usize,
        syntax: impl Fn(usize) -> Err,
    ) -> Result<(), Err> {
        if *i + 3 > idx.len() {
            return Err(syntax(input.len()));
        }
        let p = idx[*i] as usize;
        let e = idx[*i + 1] as usize;
        let c = idx[*i + 2] as usize;
        *i += 3;
        if input[p] != b'"' {
            return Err(syntax(p));
        }
        if input[c] != b':' {
            return Err(syntax(c));
        }
        let (key, len, prefix) = if self.any_bs && has_backslash(&self.bsm, p + 1, e) {
            let start = self.dec.len();
            decode(&input[p + 1..e], &mut self.dec).map_err(|_| Err::Escape(p as u32))?;
            let k = &self.dec[start..];
            (start as u32, k.len() as u32 | IN_DEC, prefix_of(k))
        } else {
            ((p + 1) as u32, (e - p - 1) as u32, prefix_at(input, p + 1, e - p - 1))
        };
        let val = self.tape.len() as u32;
        self.pending.push(Member { prefix, key, len, val });
        Ok(())
    }

    #[inline(always)]
    fn close(&mut self, input: &[u8]) -> Result<(), Err> {
        let f = self.stack.pop().unwrap();
        let next = self.tape.len() as u32;
        let node = &mut self.tape[f.node as usize];
        node.next = next;
        if !f.obj {
            return Ok(());
        }
        let first = f.pending as usize;
        let list = &self.pending[first..];
        let mut sorted = true;
        for w in list.windows(2) {
            if key_cmp(input, &self.dec, &w[0], &w[1]) != core::cmp::Ordering::Less {
                sorted = false;
                break;
            }
        }
        if !sorted {
            self.close_object_slow(input, first);
        }
        let start = self.mem.len();
        let list = &self.pending[first..];
        if sorted {
            self.mem.extend_from_slice(list);
        } else {
            for k in 0..list.len() {
                if k + 1 < list.len()
                    && key_cmp(input, &self.dec, &list[k], &list[k + 1]) == core::cmp::Ordering::Equal
                {
                    continue; // last of equal keys wins
                }
                self.mem.push(list[k]);
            }
        }
        let node = &mut self.tape[f.node as usize];
        node.a = start as u32;
        node.b = (self.mem.len() - start) as u32;
        self.pending.truncate(first);
        Ok(())
    }

    // ------------------------------------------------------------ stage 3: write

    #[inline(never)]
    pub fn write(&mut self, input: &[u8]) {
        let mut out = core::mem::take(&mut self.out);
        out.clear();
        out.reserve(input.len() + PAD);
        unsafe {
            let base = out.as_mut_ptr();
            let end = self.write_value(input, 0, base);
            out.set_len(end.offset_from(base) as usize);
        }
        self.out = out;
    }

    #[inline(always)]
    unsafe fn put(dst: *mut u8, src: *const u8, len: usize) -> *mut u8 {
        if len <= 16 {
            simd::copy16(dst, src);
        } else {
            core::ptr::copy_nonoverlapping(src, dst, len);
        }
        dst.add(len)
    }

    unsafe fn write_value(&self, input: &[u8], t: usize, mut d: *mut u8) -> *mut u8 {
        let node = *self.tape.get_unchecked(t);
        match node.tag {
            T_STR | T_SCALAR => {
                Self::put(d, input.as_ptr().add(node.a as usize), (node.b - node.a) as usize)
            }
            T_DSTR => write_escaped(&self.dec[node.a as usize..node.b as usize], d),
            T_ARR => {
                *d = b'[';
                d = d.add(1);
                let mut c = t + 1;
                let end = node.next as usize;
                let mut first = true;
                while c < end {
                    if !first {
                        *d = b',';
                        d = d.add(1);
                    }
                    first = false;
                    d = self.write_value(input, c, d);
                    let cn = self.tape.get_unchecked(c);
                    c = if cn.tag >= T_ARR { cn.next as usize } else { c + 1 };
                }
                *d = b']';
                d.add(1)
            }
            _ => {
                *d = b'{';
                d = d.add(1);
                let ms = self.mem.get_unchecked(node.a as usize..(node.a + node.b) as usize);
                let mut first = true;
                for m in ms {
                    if !first {
                        *d = b',';
                        d = d.add(1);
                    }
                    first = false;
                    if m.len & IN_DEC == 0 {
                        d = Self::put(d, input.as_ptr().add(m.key as usize - 1), m.len as usize + 2);
                    } else {
                        d = write_escaped(key_bytes(input, &self.dec, m), d);
                    }
                    *d = b':';
                    d = d.add(1);
                    d = self.write_value(input, m.val as usize, d);
                }
                *d = b'}';
                d.add(1)
            }
        }
    }

    pub fn index(&mut self, input: &[u8]) -> Result<(), Err> {
        #[cfg(all(feature = "safe-index", target_arch = "wasm32"))]
        build_index_safe(input, &mut self.idx, &mut self.bsm)?;
        #[cfg(not(all(feature = "safe-index", target_arch = "wasm32")))]
        build_index(input, &mut self.idx, &mut self.bsm)?;
        self.any_bs = self.bsm.iter().any(|&w| w != 0);
        Ok(())
    }

    /// Full canonicalization: UTF-8 check, index, walk, write. Result in `self.out`.
    pub fn canon(&mut self, body: &[u8]) -> Result<(), Err> {
        if core::str::from_utf8(body).is_err() {
            return Err(Err::Utf8);
        }
        let input = if body.starts_with(b"\xEF\xBB\xBF") { &body[3..] } else { body };
        self.index(input)?;
        self.walk(input)?;
        self.write(input);
        Ok(())
    }
}

/// Writes decoded string bytes with Python's escaping (quotes included). Output is never longer
/// than the source token it was decoded from, so the PAD slack covers it.
#[cold]
unsafe fn write_escaped(s: &[u8], mut d: *mut u8) -> *mut u8 {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut w = |b: u8| {
        *d = b;
        d = d.add(1);
    };
    w(b'"');
    for &c in s {
        match c {
            b'"' => { w(b'\\'); w(b'"') }
            b'\\' => { w(b'\\'); w(b'\\') }
            b'\n' => { w(b'\\'); w(b'n') }
            b'\r' => { w(b'\\'); w(b'r') }
            b'\t' => { w(b'\\'); w(b't') }
            8 => { w(b'\\'); w(b'b') }
            12 => { w(b'\\'); w(b'f') }
            0..=0x1f => {
                for x in [b'\\', b'u', b'0', b'0', HEX[(c >> 4) as usize], HEX[(c & 15) as usize]] {
                    w(x);
                }
            }
            _ => w(c),
        }
    }
    w(b'"');
    d
}

// ---------------------------------------------------------------- wasm exports

#[cfg(target_arch = "wasm32")]
mod exports {
    use super::*;
    static mut INBUF: Vec<u8> = Vec::new();
    static mut CTX: Option<Ctx> = None;
    static mut LEN: usize = 0;

    #[allow(static_mut_refs)]
    fn ctx() -> &'static mut Ctx {
        unsafe { CTX.get_or_insert_with(Ctx::default) }
    }
    #[allow(static_mut_refs)]
    fn input(len: usize) -> &'static [u8] {
        unsafe { &INBUF[..len] }
    }

    #[no_mangle]
    #[allow(static_mut_refs)]
    pub extern "C" fn alloc(len: usize) -> *mut u8 {
        unsafe {
            if INBUF.len() < len + PAD {
                INBUF.resize(len + PAD, b' ');
            }
            LEN = len;
            INBUF.as_mut_ptr()
        }
    }

    #[cfg(not(feature = "size-baseline"))]
    #[no_mangle]
    pub extern "C" fn canon(_ptr: *const u8, len: usize) -> i32 {
        match ctx().canon(input(len)) {
            Ok(()) => ctx().out.len() as i32,
            Err(_) => -1,
        }
    }

    /// As `canon`, but with all scratch buffers freed first (every call allocates from scratch,
    /// as didit-kit does).
    #[cfg(not(feature = "size-baseline"))]
    #[no_mangle]
    pub extern "C" fn canon_fresh(ptr: *const u8, len: usize) -> i32 {
        unsafe { CTX = None };
        canon(ptr, len)
    }

    #[no_mangle]
    pub extern "C" fn out_ptr() -> *const u8 {
        ctx().out.as_ptr()
    }

    // Phase exports: each runs one phase on the state left by the previous phase.
    #[no_mangle]
    pub extern "C" fn t_utf8(len: usize) -> i32 {
        core::str::from_utf8(input(len)).is_ok() as i32
    }
    #[cfg(not(feature = "size-baseline"))]
    #[no_mangle]
    pub extern "C" fn t_index(len: usize) -> i32 {
        match ctx().index(input(len)) { Ok(()) => ctx().idx.len() as i32, Err(_) => -1 }
    }
    #[cfg(not(feature = "size-baseline"))]
    #[no_mangle]
    pub extern "C" fn t_walk(len: usize) -> i32 {
        match ctx().walk(input(len)) { Ok(()) => ctx().tape.len() as i32, Err(_) => -1 }
    }
    #[cfg(not(feature = "size-baseline"))]
    #[no_mangle]
    pub extern "C" fn t_write(len: usize) -> i32 {
        ctx().write(input(len));
        ctx().out.len() as i32
    }
}
