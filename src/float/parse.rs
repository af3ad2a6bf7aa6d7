//! Decimal text to the nearest double (ties to even), as Python's `float()` and `JSON.parse` do,
//! for JSON number tokens. Written for size: core's `str::parse::<f64>` links a 10 KB table of
//! powers of five; this keeps 25 of them and computes the rest.
//!
//! Three steps, each used only when the one before cannot decide:
//! 1. Clinger's fast path: at most 19 significant digits forming an integer `w <= 2^53` and a
//!    decimal exponent in -22..=22, where `w` and `10^|q|` are exact doubles and one IEEE
//!    multiplication or division rounds correctly.
//! 2. A 128-bit lower bound `A·2^E` of the value (`A` in [2^127, 2^128)), from the first 19
//!    digits times a computed power of five (a tabled `5^(27k)` times an exact `5^r`, `r < 27`).
//!    Three truncations make `A` at most 6 units too small (8 is used), plus less than 2^70 units
//!    when digits were dropped; unless the value may lie on the other side of the halfway point
//!    between two doubles, that decides the rounding.
//! 3. Otherwise, an exact comparison of the decimal (its first 800 significant digits, plus
//!    whether any non-zero digit follows) with that halfway point, in big-integer arithmetic of
//!    multiplications and shifts only: a halfway point has at most 767 significant digits, so
//!    the digits past the 800th can only break a tie.
//!
//! Every step is linear in the token's length: digits are read once, and step 3 reads at most 800.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use core::cmp::Ordering;

/// `5^(27k)` for k = -13..=11 as `(hi, lo, s)`: `5^(27k) ≈ (hi·2^64 + lo)·2^s`, the mantissa in
/// [2^127, 2^128) and rounded down (`floor(5^n / 2^s)`, or `floor(2^-s / 5^-n)` for n < 0).
/// Generated with Python's integers; `tests::table_is_exact` checks each entry.
const POW5_27: [(u64, u64, i16); 25] = [
    (0x8049a4ac0c5811ae, 0x205b896d777d6278, -942), // 5^-351
    (0xcf42894a5dce35ea, 0x52064cac828675b9, -880), // 5^-324
    (0xa76c582338ed2621, 0xaf2af2b80af6f24e, -817), // 5^-297
    (0x873e4f75e2224e68, 0x5a7744a6e804a291, -754), // 5^-270
    (0xda7f5bf590966848, 0xaf39a475506a899e, -692), // 5^-243
    (0xb080392cc4349dec, 0xbd8d794d96aacfb3, -629), // 5^-216
    (0x8e938662882af53e, 0x547eb47b7282ee9c, -566), // 5^-189
    (0xe65829b3046b0afa, 0x0cb4a5a3112a5112, -504), // 5^-162
    (0xba121a4650e4ddeb, 0x92f34d62616ce413, -441), // 5^-135
    (0x964e858c91ba2655, 0x3a6a07f8d510f86f, -378), // 5^-108
    (0xf2d56790ab41c2a2, 0xfae27299423fb9c3, -316), // 5^-81
    (0xc428d05aa4751e4c, 0xaa97e14c3c26b886, -253), // 5^-54
    (0x9e74d1b791e07e48, 0x775ea264cf55347d, -190), // 5^-27
    (0x8000000000000000, 0x0000000000000000, -127), // 5^0
    (0xcecb8f27f4200f3a, 0x0000000000000000, -65),  // 5^27
    (0xa70c3c40a64e6c51, 0x999090b65f67d924, -2),   // 5^54
    (0x86f0ac99b4e8dafd, 0x69a028bb3ded71a3, 61),   // 5^81
    (0xda01ee641a708de9, 0xe80e6f4820cc9495, 123),  // 5^108
    (0xb01ae745b101e9e4, 0x5ec05dcff72e7f8f, 186),  // 5^135
    (0x8e41ade9fbebc27d, 0x14588f13be847307, 249),  // 5^162
    (0xe5d3ef282a242e81, 0x8f1668c8a86da5fa, 311),  // 5^189
    (0xb9a74a0637ce2ee1, 0x6d953e2bd7173692, 374),  // 5^216
    (0x95f83d0a1fb69cd9, 0x4abdaf101564f98e, 437),  // 5^243
    (0xf24a01a73cf2dccf, 0xbc633b39673c8cec, 499),  // 5^270
    (0xc3b8358109e84f07, 0x0a862f80ec4700c8, 562),  // 5^297
];

/// The first significant digits kept for an exact comparison (see the module documentation).
const MAX_EXACT_DIGITS: usize = 800;

/// A JSON number token's digits: `int` and `frac` around the point, and the exponent.
struct Digits<'a> {
    int: &'a [u8],
    frac: &'a [u8],
}

impl Digits<'_> {
    fn len(&self) -> usize {
        self.int.len() + self.frac.len()
    }

    /// The i-th digit's value, counting across the point.
    fn get(&self, i: usize) -> u8 {
        let d = match i.checked_sub(self.int.len()) {
            None => self.int.get(i),
            Some(j) => self.frac.get(j),
        };
        d.map_or(0, |d| d.wrapping_sub(b'0'))
    }
}

/// The nearest double to a JSON number token (`-?digits(.digits)?([eE][+-]?digits)?`): ±inf past
/// the largest double, ±0 below half the smallest subnormal.
pub(crate) fn parse(text: &[u8]) -> f64 {
    let (negative, t) = match text.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, text),
    };
    let v = parse_abs(t);
    if negative {
        -v
    } else {
        v
    }
}

fn parse_abs(t: &[u8]) -> f64 {
    let e_pos = t.iter().position(|&b| b | 0x20 == b'e').unwrap_or(t.len());
    let (mantissa, exp_part) = t.split_at(e_pos);
    // The written exponent, saturated far beyond any double (so long exponents stay cheap).
    let mut exp: i64 = 0;
    let mut exp_digits = exp_part.get(1..).unwrap_or(&[]);
    let exp_negative = exp_digits.first() == Some(&b'-');
    if let Some((b'+' | b'-', rest)) = exp_digits.split_first() {
        exp_digits = rest;
    }
    for &b in exp_digits {
        exp = (exp * 10 + i64::from(b.wrapping_sub(b'0'))).min(100_000_000);
    }
    if exp_negative {
        exp = -exp;
    }
    let (int, frac) = match mantissa.iter().position(|&b| b == b'.') {
        Some(p) => (
            mantissa.get(..p).unwrap_or(&[]),
            mantissa.get(p + 1..).unwrap_or(&[]),
        ),
        None => (mantissa, &[][..]),
    };
    let all = Digits { int, frac };
    // Significant digits: all[first..end], no leading or trailing zeros; value = all[first..end]
    // as an integer times 10^q_end.
    let first = (0..all.len()).find(|&i| all.get(i) != 0);
    let Some(first) = first else {
        return 0.0;
    };
    let end = (first..all.len())
        .rev()
        .find(|&i| all.get(i) != 0)
        .map_or(first + 1, |i| i + 1);
    let q_end = exp - frac.len() as i64 + (all.len() - end) as i64;
    let nd = end - first;
    // The decimal exponent of the leading digit decides the far ranges at once.
    let lead = q_end + nd as i64 - 1;
    if lead > 309 {
        return f64::INFINITY;
    }
    if lead < -325 {
        return 0.0;
    }
    let kept = nd.min(19);
    let mut w: u64 = 0;
    for i in first..first + kept {
        w = w * 10 + u64::from(all.get(i));
    }
    let q = q_end + (nd - kept) as i64;
    let truncated = nd > kept;

    if !truncated && w <= 1 << 53 && (-22..=22).contains(&q) {
        let mut p = 1.0;
        for _ in 0..q.unsigned_abs() {
            p *= 10.0; // exact: every power of ten up to 10^22 is a double
        }
        let f = w as f64;
        return if q < 0 { f / p } else { f * p };
    }

    // Step 2: V ≈ A·2^E, A ≤ V/2^E < A + margin.
    let (a, e) = lower_bound(w, q);
    let margin: u128 = if truncated { 1 << 70 } else { 8 };
    if e + 127 >= 1024 {
        return f64::INFINITY;
    }
    // The rounding bit's position in A: 74 for a normal double (53 bits kept), more for a
    // subnormal (whose last bit is 2^-1074).
    let p = (-1075 - e).max(74);
    if p > 128 {
        return 0.0; // V < (2^128 + 2^70)·2^E ≤ 2^-1075·(1 - tiny): below half the smallest subnormal
    }
    let (m, low, half) = if p == 128 {
        (0u64, a, None)
    } else {
        let mask = 1u128.checked_shl(p as u32 + 1).map_or(u128::MAX, |v| v - 1);
        let m = a.checked_shr(p as u32 + 1).unwrap_or(0) as u64;
        (m, a & mask, Some(1u128 << p))
    };
    let up = match half {
        Some(half) if low > half => true,
        Some(half) if low <= half - margin => false,
        None if low <= u128::MAX - margin + 1 => false,
        _ => {
            // Step 3: the halfway point above m is (2m+1)·2^(p+E).
            let ord = compare_exact(&all, first, end, q_end, 2 * m + 1, p + e);
            match ord {
                Ordering::Less => false,
                Ordering::Greater => true,
                Ordering::Equal => m & 1 == 1,
            }
        }
    };
    let mut m = m + u64::from(up);
    let mut ulp_exp = p + 1 + e;
    if m >= 1 << 53 {
        m >>= 1;
        ulp_exp += 1;
    }
    if m < 1 << 52 {
        return f64::from_bits(m); // subnormal (or zero): its last bit is 2^-1074
    }
    let biased = ulp_exp + 1075;
    if biased >= 2047 {
        return f64::INFINITY;
    }
    f64::from_bits(((biased as u64) << 52) | (m - (1 << 52)))
}

/// The top 128 bits of `x · y` (x in [2^127, 2^128), y ≥ 1), shifted so that the top bit is set,
/// and that shift's exponent: `x·y ≈ r·2^s`, r ≤ x·y/2^s.
fn mul_top(x: u128, y: u64) -> (u128, i64) {
    let lo = (x as u64 as u128) * u128::from(y);
    let hi = (x >> 64) * u128::from(y) + (lo >> 64);
    let low = lo as u64;
    let lz = hi.leading_zeros(); // at most 64: hi ≥ 2^63
    let top = (hi << lz) | (u128::from(low) << lz >> 64);
    (top, 64 - i64::from(lz))
}

/// A lower bound `A·2^E` of `w·10^q` (w ≥ 1, q in -343..=309) with A in [2^127, 2^128) and
/// `w·10^q / 2^E - A < 6`.
fn lower_bound(w: u64, q: i64) -> (u128, i64) {
    let k = q.div_euclid(27);
    let r = q.rem_euclid(27);
    let (hi, lo, s) = POW5_27
        .get((k + 13) as usize)
        .copied()
        .unwrap_or((1 << 63, 0, -127));
    let mut a = (u128::from(hi) << 64) | u128::from(lo);
    let mut e = i64::from(s);
    if r > 0 {
        let (t, shift) = mul_top(a, 5u64.pow(r as u32));
        a = t;
        e += shift;
    }
    let lz = w.leading_zeros();
    let (t, shift) = mul_top(a, w << lz);
    (t, e + shift - i64::from(lz) + q)
}

/// Compares the decimal `all[first..end] · 10^q_end` with `h · 2^g` exactly (`h` odd).
fn compare_exact(
    all: &Digits<'_>,
    first: usize,
    end: usize,
    q_end: i64,
    h: u64,
    g: i64,
) -> Ordering {
    let take = (end - first).min(MAX_EXACT_DIGITS);
    let sticky = end - first > take; // the last significant digit is non-zero
    let mut left = Big::from_u64(0);
    let mut chunk = 0u32;
    let mut scale = 1u32;
    for i in first..first + take {
        chunk = chunk * 10 + u32::from(all.get(i));
        scale *= 10;
        if scale == 1_000_000_000 {
            left.mul_add(scale, chunk);
            chunk = 0;
            scale = 1;
        }
    }
    left.mul_add(scale, chunk);
    let qd = q_end + (end - first - take) as i64;
    let mut right = Big::from_u64(h);
    // left·5^qd·2^qd against right·2^g.
    if qd >= 0 {
        left.mul_pow5(qd as u64);
    } else {
        right.mul_pow5(qd.unsigned_abs());
    }
    let t = qd - g;
    if t >= 0 {
        left.shl(t as u64);
    } else {
        right.shl(t.unsigned_abs());
    }
    match left.cmp(&right) {
        Ordering::Equal if sticky => Ordering::Greater,
        ord => ord,
    }
}

/// A non-negative big integer, 32-bit limbs, least significant first.
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        Big(vec![v as u32, (v >> 32) as u32])
    }

    /// self = self·m + a.
    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in self.0.iter_mut() {
            let t = u64::from(*limb) * u64::from(m) + carry;
            *limb = t as u32;
            carry = t >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow5(&mut self, mut n: u64) {
        while n > 0 {
            let k = n.min(13); // 5^13 < 2^32
            self.mul_add(5u32.pow(k as u32), 0);
            n -= k;
        }
    }

    fn shl(&mut self, bits: u64) {
        let words = (bits / 32) as usize;
        let b = (bits % 32) as u32;
        if b > 0 {
            let mut carry = 0u32;
            for limb in self.0.iter_mut() {
                let v = (*limb << b) | carry;
                carry = *limb >> (32 - b);
                *limb = v;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        if words > 0 {
            // `words` zero limbs in front (not `Vec::splice`, whose machinery the module need not carry).
            let n = self.0.len();
            self.0.resize(n + words, 0);
            self.0.copy_within(..n, words);
            if let Some(low) = self.0.get_mut(..words) {
                low.fill(0);
            }
        }
    }

    fn trimmed(&self) -> &[u32] {
        let n = self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        self.0.get(..n).unwrap_or(&[])
    }

    fn cmp(&self, other: &Big) -> Ordering {
        let (a, b) = (self.trimmed(), other.trimmed());
        a.len()
            .cmp(&b.len())
            .then_with(|| a.iter().rev().cmp(b.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(s: &str) {
        let want: f64 = s.parse().unwrap();
        let got = parse(s.as_bytes());
        assert_eq!(
            got.to_bits(),
            want.to_bits(),
            "{s}: got {got:e}, want {want:e}"
        );
    }

    #[test]
    fn table_is_exact() {
        for (i, &(hi, lo, s)) in POW5_27.iter().enumerate() {
            let n = 27 * (i as i64 - 13);
            let t = (u128::from(hi) << 64) | u128::from(lo);
            let limbs = |v: u128| Big((0..4).map(|j| (v >> (32 * j)) as u32).collect());
            // n >= 0: t·2^s <= 5^n < (t+1)·2^s; n < 0: t·5^-n <= 2^-s < (t+1)·5^-n.
            let (mut lo_b, mut hi_b, mut mid) = (limbs(t), limbs(t + 1), Big::from_u64(1));
            if n >= 0 {
                mid.mul_pow5(n as u64);
                if s >= 0 {
                    lo_b.shl(s as u64);
                    hi_b.shl(s as u64);
                } else {
                    mid.shl((-s) as u64);
                }
            } else {
                lo_b.mul_pow5((-n) as u64);
                hi_b.mul_pow5((-n) as u64);
                mid.shl((-s) as u64);
            }
            assert_ne!(lo_b.cmp(&mid), Ordering::Greater, "5^{n}");
            assert_eq!(mid.cmp(&hi_b), Ordering::Less, "5^{n}");
        }
    }

    #[test]
    fn edges() {
        for s in [
            "0",
            "0.0",
            "-0.0",
            "1",
            "1e0",
            "0.1",
            "0.3",
            "1e22",
            "1e23",
            "9007199254740993",
            "9007199254740992.5",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "2.2250738585072012e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "2.470328229206232720e-324",
            "1e-320",
            "1e-400",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "1e309",
            "1e308",
            "123456789012345678901234567890",
            "0.000001",
            "1e-7",
            "179769313486231580793728971405301e276",
            "7.2057594037927933e16",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
            "3.0540412e5",
            "8.5e-324",
            "5e-324",
            "3e-324",
            "2e-324",
            "1e-324",
            "0.0000000000000000000000000000000000000000001e100000",
            "1e-100000000000",
            "1e100000000000",
            "00000.00000",
            "97.99",
            "0.7034920634920635",
            "573161864884280.25",
            "1234567895869047.25",
            "8.98846567431158e307",
            "4.4501477170144023e-308",
            "2.2250738585072009e-308",
            "1e-323",
            "1.5e-323",
        ] {
            check(s);
        }
        // 1100 digits whose value is a halfway point plus a non-zero 1000th digit.
        let mut long = String::from("1.00000000000000011102230246251565404236316680908203125");
        long.push_str(&"0".repeat(1000));
        check(&long);
        long.push('1');
        check(&long);
        check(&format!("0.{}1", "0".repeat(1000)));
        check(&format!("{}e-1000", "1".repeat(1000)));
    }

    /// The exact decimal of the point halfway between the double with these bits and the next
    /// one up, and spellings just above and below it.
    fn halfway(bits: u64) {
        let f = f64::from_bits(bits);
        if !f64::from_bits(bits + 1).is_finite() {
            return;
        }
        let biased = ((bits >> 52) & 0x7ff) as i64;
        let frac = bits & ((1 << 52) - 1);
        let (m, e) = if biased == 0 {
            (frac, -1074)
        } else {
            (frac | 1 << 52, biased - 1075)
        };
        let _ = f;
        let exp2 = e - 1;
        let mut big = Big::from_u64(2 * m + 1);
        let dexp = if exp2 >= 0 {
            big.shl(exp2 as u64);
            0
        } else {
            big.mul_pow5((-exp2) as u64);
            exp2
        };
        // Decimal digits by repeated division by 10^9.
        let mut chunks = Vec::new();
        while !big.trimmed().is_empty() {
            let mut rem = 0u64;
            for limb in big.0.iter_mut().rev() {
                let cur = (rem << 32) | u64::from(*limb);
                *limb = (cur / 1_000_000_000) as u32;
                rem = cur % 1_000_000_000;
            }
            chunks.push(rem);
        }
        let mut digits = chunks.pop().unwrap().to_string();
        for c in chunks.iter().rev() {
            digits.push_str(&format!("{c:09}"));
        }
        check(&format!("{digits}e{dexp}"));
        check(&format!("{digits}1e{}", dexp - 1));
        let last = digits.pop().unwrap();
        if last != '0' {
            check(&format!(
                "{digits}{}9e{}",
                (last as u8 - 1) as char,
                dexp - 1
            ));
        }
    }

    #[test]
    fn halfway_points() {
        for bits in [
            0u64,
            1,
            2,
            3,
            (1 << 52) - 1,
            1 << 52,
            (1 << 52) + 1,
            0x3ff0_0000_0000_0000,
            0x4340_0000_0000_0000,
            0x7fef_ffff_ffff_fffe,
            0x0010_0000_0000_0001,
        ] {
            halfway(bits);
        }
    }

    #[test]
    fn random_against_core() {
        // Random bit patterns, their shortest and 17-digit spellings, and neighbours.
        let mut rng = crate::test_rng::TestRng(0x9e37_79b9_7f4a_7c15);
        for _ in 0..200_000 {
            let x = rng.next();
            let f = f64::from_bits(x >> 1);
            if !f.is_finite() {
                continue;
            }
            check(&format!("{f:e}"));
            check(&format!("{f:.16e}"));
            check(&format!("{f:.25e}"));
            if x % 8 == 0 {
                halfway(x >> 1);
            }
            let digits = x % 25 + 1;
            let exp = (x >> 40) % 700;
            check(&format!(
                "{}e{}",
                x % 10u64.pow(digits as u32 % 20),
                exp as i64 - 360
            ));
        }
    }
}
