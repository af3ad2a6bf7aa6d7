//! Python's number output, written by us: `float.__repr__` for non-whole doubles and the exact
//! integer of a whole double (what `int(x)` prints after `shorten_floats`).
#![forbid(unsafe_code)]

use core::fmt::Write as _;

/// A small fixed buffer for `core::fmt` output: no allocation per number.
struct StackBuf {
    buf: [u8; 40],
    len: usize,
}

impl core::fmt::Write for StackBuf {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        let end = self.len + s.len();
        let dst = self.buf.get_mut(self.len..end).ok_or(core::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Appends `repr(x)` for a finite, non-whole double: shortest round-trip digits; exponent form
/// when the decimal exponent is < -4 or >= 16, with a sign and at least two exponent digits.
pub(crate) fn write_repr(x: f64, out: &mut Vec<u8>) {
    // `{:e}` prints the shortest digits that round-trip (the same digits Python's repr picks),
    // as `d[.ddd]e<exp>`; only the layout is Python's own.
    let mut sb = StackBuf {
        buf: [0; 40],
        len: 0,
    };
    if write!(sb, "{x:e}").is_err() {
        // Unreachable: a double's `{:e}` form is at most 24 bytes.
        out.extend_from_slice(b"0");
        return;
    }
    let s = sb.buf.get(..sb.len).unwrap_or(&[]);
    let (negative, s) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, s),
    };
    let e_pos = s.iter().position(|&b| b == b'e').unwrap_or(s.len());
    let (mantissa, exp_part) = s.split_at(e_pos);
    let exp: i32 = exp_part
        .get(1..)
        .and_then(|e| core::str::from_utf8(e).ok())
        .and_then(|e| e.parse().ok())
        .unwrap_or(0);
    let mut digits = [0u8; 20];
    let mut n = 0;
    for &b in mantissa.iter().filter(|b| b.is_ascii_digit()) {
        if let Some(slot) = digits.get_mut(n) {
            *slot = b;
            n += 1;
        }
    }
    let digits = digits.get_mut(..n).unwrap_or(&mut []);
    round_tie_to_even(x, exp, digits);
    let digits = &*digits;
    if negative {
        out.push(b'-');
    }
    if !(-4..16).contains(&exp) {
        let (first, rest) = digits.split_first().unwrap_or((&b'0', &[]));
        out.push(*first);
        if !rest.is_empty() {
            out.push(b'.');
            out.extend_from_slice(rest);
        }
        out.push(b'e');
        out.push(if exp < 0 { b'-' } else { b'+' });
        let a = exp.unsigned_abs();
        if a < 10 {
            out.push(b'0');
        }
        let mut tmp = StackBuf {
            buf: [0; 40],
            len: 0,
        };
        let _ = write!(tmp, "{a}");
        out.extend_from_slice(tmp.buf.get(..tmp.len).unwrap_or(&[]));
    } else if exp < 0 {
        out.extend_from_slice(b"0.");
        for _ in 0..(-exp - 1) {
            out.push(b'0');
        }
        out.extend_from_slice(digits);
    } else {
        let point = (exp + 1) as usize;
        if point >= digits.len() {
            out.extend_from_slice(digits);
            for _ in digits.len()..point {
                out.push(b'0');
            }
            out.extend_from_slice(b".0");
        } else {
            let (int_part, frac) = digits.split_at(point);
            out.extend_from_slice(int_part);
            out.push(b'.');
            out.extend_from_slice(frac);
        }
    }
}

/// Breaks an exact tie between the two shortest candidates as Python does.
///
/// When `x` lies exactly halfway between two shortest round-trip decimals (e.g.
/// `1125899906842624.25` between `…624.2` and `…624.3`), Rust's `{:e}` takes the upper one and
/// Python's `repr` (David Gay's dtoa) the one whose last digit is even. `digits` (ASCII, the
/// first at decimal exponent `exp`) is rewritten in that case only. A tie needs the exact
/// decimal expansion of `x` to be one digit longer than the shortest form and to end in 5; with
/// at most 17 shortest digits that expansion has at most 18, so `x = m * 2^-k` with `k <= 26`.
fn round_tie_to_even(x: f64, exp: i32, digits: &mut [u8]) {
    let bits = x.abs().to_bits();
    let biased = (bits >> 52) as i32;
    if biased == 0 {
        return; // subnormal: hundreds of exact digits, never a tie
    }
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let zeros = m.trailing_zeros();
    let (m, e) = (m >> zeros, biased - 1075 + zeros as i32);
    if !(-26..0).contains(&e) {
        return;
    }
    // x = m * 5^k / 10^k exactly: `exact` holds all its significant digits.
    let exact = u128::from(m) * 5u128.pow(e.unsigned_abs());
    let p = digits.len();
    if exact % 10 != 5 || exact.checked_ilog10() != Some(p as u32) {
        return;
    }
    let current = digits
        .iter()
        .fold(0u128, |acc, &d| acc * 10 + u128::from(d.wrapping_sub(b'0')));
    if current % 2 == 0 {
        return;
    }
    let below = exact / 10;
    let even = if current == below { below + 1 } else { below };
    if even.checked_ilog10() != Some(p as u32 - 1) {
        return;
    }
    // The even neighbour is as close to x, but must still read back as x (it may not when x
    // is a power of two, whose rounding interval is narrower below).
    let mut sb = StackBuf {
        buf: [0; 40],
        len: 0,
    };
    let shift = exp - (p as i32 - 1);
    if write!(sb, "{even}e{shift}").is_err() {
        return;
    }
    let reads_back = core::str::from_utf8(sb.buf.get(..sb.len).unwrap_or(&[]))
        .ok()
        .and_then(|t| t.parse::<f64>().ok())
        == Some(x.abs());
    if reads_back {
        let mut v = even;
        for d in digits.iter_mut().rev() {
            *d = b'0' + (v % 10) as u8;
            v /= 10;
        }
    }
}

/// Appends the exact decimal integer of a finite, whole double (`int(x)` in Python), e.g.
/// `1e22` → `10000000000000000000000`; `-0.0` → `0`.
pub(crate) fn write_whole(x: f64, out: &mut Vec<u8>) {
    if x.abs() < 9.0e18 {
        // Exact: |x| < 2^63 and whole.
        let mut tmp = StackBuf {
            buf: [0; 40],
            len: 0,
        };
        let _ = write!(tmp, "{}", x as i64);
        out.extend_from_slice(tmp.buf.get(..tmp.len).unwrap_or(&[]));
        return;
    }
    // |x| >= 2^62: x = m * 2^e exactly with a 53-bit m and e >= 10.
    let bits = x.to_bits();
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let e = ((bits >> 52) & 0x7ff) as i32 - 1075;
    // Base-10^9 limbs, least significant first; at most 309 digits = 35 limbs.
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![m % BASE, (m / BASE) % BASE, m / (BASE * BASE)];
    let mut remaining = e.max(0) as u32;
    while remaining > 0 {
        let k = remaining.min(32);
        remaining -= k;
        let mut carry = 0u64;
        for limb in limbs.iter_mut() {
            let v = (*limb << k) + carry; // < 2^30 * 2^32 + 2^33: fits in u64
            *limb = v % BASE;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    while limbs.len() > 1 && limbs.last() == Some(&0) {
        limbs.pop();
    }
    if x < 0.0 {
        out.push(b'-');
    }
    let mut tmp = StackBuf {
        buf: [0; 40],
        len: 0,
    };
    let mut iter = limbs.iter().rev();
    if let Some(top) = iter.next() {
        let _ = write!(tmp, "{top}");
    }
    out.extend_from_slice(tmp.buf.get(..tmp.len).unwrap_or(&[]));
    for limb in iter {
        tmp.len = 0;
        let _ = write!(tmp, "{limb:09}");
        out.extend_from_slice(tmp.buf.get(..tmp.len).unwrap_or(&[]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repr(x: f64) -> String {
        let mut v = Vec::new();
        write_repr(x, &mut v);
        String::from_utf8(v).unwrap()
    }
    fn whole(x: f64) -> String {
        let mut v = Vec::new();
        write_whole(x, &mut v);
        String::from_utf8(v).unwrap()
    }

    #[test]
    fn repr_layout() {
        assert_eq!(repr(1e-5), "1e-05");
        assert_eq!(repr(2.5e-10), "2.5e-10");
        assert_eq!(repr(0.0001), "0.0001");
        assert_eq!(repr(0.00012345), "0.00012345");
        assert_eq!(repr(-1.5e-7), "-1.5e-07");
        assert_eq!(repr(5e-324), "5e-324");
        assert_eq!(repr(0.1), "0.1");
        assert_eq!(repr(97.99), "97.99");
        assert_eq!(repr(123456789012345.6), "123456789012345.6");
        assert_eq!(repr(1.0000000000000002), "1.0000000000000002");
        assert_eq!(repr(0.7034920634920635), "0.7034920634920635");
        // Whole values never reach repr in canonical output, but the layout is still Python's.
        assert_eq!(repr(1e16), "1e+16");
        assert_eq!(repr(1.5e300), "1.5e+300");
        assert_eq!(repr(1e15), "1000000000000000.0");
    }

    #[test]
    // The literals are the exact values of the doubles (the halfway points themselves).
    #[allow(clippy::excessive_precision)]
    fn ties_go_to_the_even_digit_as_in_python() {
        // Found by the canonicalize fuzz target; expected strings are CPython 3.11's repr.
        assert_eq!(repr(1234567895869047.25), "1234567895869047.2");
        assert_eq!(repr(1125899906842624.25), "1125899906842624.2");
        assert_eq!(repr(1125899906842624.75), "1125899906842624.8");
        assert_eq!(repr(1125899906842625.25), "1125899906842625.2");
        assert_eq!(repr(-1125899906842625.25), "-1125899906842625.2");
        assert_eq!(repr(562949953421312.125), "562949953421312.1");
        assert_eq!(repr(2251799813685248.5), "2251799813685248.5");
    }

    #[test]
    fn whole_is_exact() {
        assert_eq!(whole(-0.0), "0");
        assert_eq!(whole(92.0), "92");
        assert_eq!(whole(1e22), "10000000000000000000000");
        assert_eq!(whole(-1e21), "-1000000000000000000000");
        assert_eq!(whole(9223372036854775808.0), "9223372036854775808");
        assert_eq!(
            whole(f64::MAX),
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"
        );
    }
}
