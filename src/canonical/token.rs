//! Canonical spellings of single tokens (strings and numbers).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::float;
use crate::scan::{for_each_piece, push_utf8, Num, Piece};

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `\uXXXX` (lowercase hex) for the UTF-16 code unit `cu`.
pub(super) fn push_u_escape(out: &mut Vec<u8>, cu: u32) {
    out.extend_from_slice(b"\\u");
    for shift in [12u32, 8, 4, 0] {
        out.push(
            HEX.get(((cu >> shift) & 0xf) as usize)
                .copied()
                .unwrap_or(b'0'),
        );
    }
}

/// Writes a validated string content in canonical form (quotes included).
pub(super) fn write_canonical_string(raw: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    for_each_piece(raw, |piece| match piece {
        // Raw bytes of a valid string never need escaping: `"`, `\` and controls are escaped in
        // valid JSON.
        Piece::Raw(bytes) => out.extend_from_slice(bytes),
        Piece::Char(cp) => push_canonical_char(out, cp),
    });
    out.push(b'"');
}

/// Writes a decoded string (a key decoded from its escapes to be sorted) in canonical form, quotes
/// included: the bytes that need an escape get Python's, all others are copied.
pub(super) fn write_decoded_string(decoded: &[u8], out: &mut Vec<u8>) {
    out.push(b'"');
    for &b in decoded {
        if b < 0x80 {
            push_canonical_char(out, u32::from(b));
        } else {
            out.push(b);
        }
    }
    out.push(b'"');
}

fn push_canonical_char(out: &mut Vec<u8>, cp: u32) {
    match cp {
        0x22 => out.extend_from_slice(b"\\\""),
        0x5c => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        0x0c => out.extend_from_slice(b"\\f"),
        0x0a => out.extend_from_slice(b"\\n"),
        0x0d => out.extend_from_slice(b"\\r"),
        0x09 => out.extend_from_slice(b"\\t"),
        0..=0x1f => push_u_escape(out, cp),
        _ => push_utf8(out, cp),
    }
}

/// Whether a float token is certainly its own `repr`, decided from the text alone: plain
/// decimal notation (`-?int.frac`, no exponent), the fraction ending in a non-zero digit, at most
/// 15 significant digits, and no more than three zeros between the point and the first
/// significant digit of a number below 1. Any decimal with at most 15 significant digits
/// survives the trip to a double and back (DBL_DIG), so no shorter string names the same double
/// and `repr` prints exactly these digits, in fixed notation (exponent in -4..16), and the value
/// is not whole. Typical scores (`97.99`, `0.8123`) take this path; others are parsed and printed.
pub(super) fn plain_decimal_is_repr(token: &[u8]) -> bool {
    let t = token.strip_prefix(b"-").unwrap_or(token);
    let Some(point) = t.iter().position(|&b| b == b'.') else {
        return false;
    };
    let (int_part, frac) = (
        t.get(..point).unwrap_or(&[]),
        t.get(point + 1..).unwrap_or(&[]),
    );
    if frac.is_empty() || !frac.iter().all(u8::is_ascii_digit) || frac.last() == Some(&b'0') {
        return false;
    }
    let significant = if int_part == b"0" {
        let zeros = frac.iter().take_while(|&&b| b == b'0').count();
        if zeros > 3 {
            return false;
        }
        frac.len() - zeros
    } else {
        int_part.len() + frac.len()
    };
    significant <= 15
}

/// Renders a number canonically into `out`.
pub(super) fn write_number(input: &[u8], num: Num, out: &mut Vec<u8>) {
    match num {
        Num::Int { start, end } => {
            let text = input.get(start..end).unwrap_or(b"0");
            out.extend_from_slice(if text == b"-0" { b"0" } else { text });
        }
        Num::Float { start, end, .. } => {
            let text = input.get(start..end).unwrap_or(&[]);
            if plain_decimal_is_repr(text) {
                out.extend_from_slice(text);
                return;
            }
            let value = num.float_value(input).unwrap_or(0.0);
            if value.fract() == 0.0 {
                float::write_whole(value, out);
            } else {
                float::write_repr(value, out);
            }
        }
    }
}
