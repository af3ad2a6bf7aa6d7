//! Python's number output, written by us: `float.__repr__` for non-whole doubles and the exact
//! integer of a whole double (what `int(x)` prints after `shorten_floats`).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

mod parse;
pub(crate) use parse::parse;

/// Appends the decimal digits of `v`, zero-padded to at least `min_digits` (at most 20), without
/// `core::fmt` (whose integer formatting the WebAssembly modules need not carry).
pub(crate) fn push_decimal(out: &mut Vec<u8>, mut v: u64, min_digits: usize) {
    let mut buf = [b'0'; 20];
    let mut start = buf.len();
    while v > 0 || buf.len() - start < min_digits.max(1) {
        let Some(i) = start.checked_sub(1) else {
            break;
        };
        start = i;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (v % 10) as u8;
        }
        v /= 10;
    }
    out.extend_from_slice(buf.get(start..).unwrap_or(&[]));
}

/// The shortest digits that round-trip `|x|` (the same digits Python's repr picks: shortest, then
/// closest) and the decimal exponent of the first one, e.g. 0.00125 -> ("125", -3).
///
/// Ryu instead of core's `{:e}`: the same digits, for about a quarter of the WebAssembly code
/// (core's float formatting links Grisu, Dragon4 and their tables, ~20 KB).
fn shortest_digits(x: f64, digits: &mut [u8; 20]) -> (usize, i32) {
    let mut buf = ryu::Buffer::new();
    // Ryu writes "12.34", "0.001234", "1234.0", "1e30", "1.234e-7": a mantissa and an optional exponent.
    let s = buf.format_finite(x.abs()).as_bytes();
    let e_pos = s.iter().position(|&b| b == b'e').unwrap_or(s.len());
    let (mantissa, exp_part) = s.split_at(e_pos);
    // Ryu's exponent: `e`, an optional `-`, at most three digits.
    let exp_digits = exp_part.get(1..).unwrap_or(&[]);
    let (exp_negative, exp_digits) = match exp_digits.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, exp_digits),
    };
    let magnitude = exp_digits
        .iter()
        .fold(0i32, |n, &d| n * 10 + i32::from(d.wrapping_sub(b'0')));
    let sci_exp = if exp_negative { -magnitude } else { magnitude };
    let int_len = mantissa
        .iter()
        .position(|&b| b == b'.')
        .unwrap_or(mantissa.len());
    let mut n = 0;
    let mut leading_zeros = 0;
    for &b in mantissa.iter().filter(|b| b.is_ascii_digit()) {
        if n == 0 && b == b'0' {
            leading_zeros += 1;
        } else if let Some(slot) = digits.get_mut(n) {
            *slot = b;
            n += 1;
        }
    }
    while n > 1 && digits.get(n - 1) == Some(&b'0') {
        n -= 1;
    }
    (n, int_len as i32 - 1 - leading_zeros + sci_exp)
}

/// Appends `repr(x)` for a finite, non-whole double: shortest round-trip digits; exponent form
/// when the decimal exponent is < -4 or >= 16, with a sign and at least two exponent digits.
pub(crate) fn write_repr(x: f64, out: &mut Vec<u8>) {
    let negative = x.is_sign_negative();
    let mut digits = [0u8; 20];
    let (n, exp) = shortest_digits(x, &mut digits);
    let digits = digits.get(..n).unwrap_or(&[]);
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
        push_decimal(out, u64::from(exp.unsigned_abs()), 2);
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

/// Appends the exact decimal integer of a finite, whole double (`int(x)` in Python), e.g.
/// `1e22` → `10000000000000000000000`; `-0.0` → `0`.
pub(crate) fn write_whole(x: f64, out: &mut Vec<u8>) {
    if x.abs() < 9.0e18 {
        // Exact: |x| < 2^63 and whole.
        let v = x as i64;
        if v < 0 {
            out.push(b'-');
        }
        push_decimal(out, v.unsigned_abs(), 1);
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
    let mut iter = limbs.iter().rev();
    if let Some(&top) = iter.next() {
        push_decimal(out, top, 1);
    }
    for &limb in iter {
        push_decimal(out, limb, 9);
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

    // The literals are exact doubles, each halfway between two shortest candidates.
    #[allow(clippy::excessive_precision)]
    #[test]
    fn repr_ties_round_half_to_even() {
        // As CPython's repr does; core's `{:e}`, used before Ryu, printed 573161864884280.3 and
        // 81057001285330.63 here, and Python-signed V2 signatures over such floats failed.
        assert_eq!(repr(573161864884280.25), "573161864884280.2");
        assert_eq!(repr(-1303274887901099.25), "-1303274887901099.2");
        assert_eq!(repr(81057001285330.625), "81057001285330.62");
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
    fn decimal_digits() {
        let dec = |v: u64, min: usize| {
            let mut out = Vec::new();
            push_decimal(&mut out, v, min);
            String::from_utf8(out).unwrap()
        };
        assert_eq!(dec(0, 1), "0");
        assert_eq!(dec(0, 0), "0");
        assert_eq!(dec(7, 2), "07");
        assert_eq!(dec(324, 2), "324");
        assert_eq!(dec(12, 9), "000000012");
        assert_eq!(dec(u64::MAX, 1), "18446744073709551615");
    }

    #[test]
    fn whole_is_exact() {
        assert_eq!(whole(-0.0), "0");
        assert_eq!(whole(92.0), "92");
        assert_eq!(whole(-92.0), "-92");
        assert_eq!(whole(-8.9e18), "-8900000000000000000");
        assert_eq!(whole(1e19), "10000000000000000000");
        assert_eq!(whole(1e22), "10000000000000000000000");
        assert_eq!(whole(-1e21), "-1000000000000000000000");
        assert_eq!(whole(9223372036854775808.0), "9223372036854775808");
        assert_eq!(
            whole(f64::MAX),
            "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368"
        );
    }
}
