//! Messages built by concatenation instead of `core::fmt`: `msg!("body is ", n, " bytes")` is
//! `format!("body is {n} bytes")` without the formatting machinery, which the WebAssembly modules
//! then do not carry at all (about 2.5 KB gzip in each). Every message of the crate (errors,
//! share-token findings, the JS boundary's) is built with it; the `Display` impls write the same
//! text, so it is written once.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

/// A part of a message: text, or an integer written in decimal.
pub(crate) trait Piece {
    /// Appends this part to `out`.
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

/// Appends the decimal digits of `v` (what `{v}` writes for an unsigned integer).
pub(crate) fn push_u64(out: &mut String, v: u64) {
    push_padded(out, v, 1);
}

/// Appends the decimal digits of `v`, zero-padded to at least `min_digits` (at most 20): what
/// `{v:0N}` writes.
fn push_padded(out: &mut String, mut v: u64, min_digits: usize) {
    let mut buf = [0u8; 20];
    let mut len = 0;
    loop {
        if let Some(slot) = buf.get_mut(len) {
            *slot = b'0' + (v % 10) as u8;
        }
        len += 1;
        v /= 10;
        if (v == 0 && len >= min_digits) || len == buf.len() {
            break;
        }
    }
    for &b in buf.get(..len).unwrap_or(&[]).iter().rev() {
        out.push(char::from(b));
    }
}

macro_rules! unsigned_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_u64(out, *self as u64);
            }
        }
    )*};
}
unsigned_piece!(u16, u32, u64, usize);

macro_rules! signed_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                if *self < 0 {
                    out.push('-');
                }
                push_u64(out, (*self as i64).unsigned_abs());
            }
        }
    )*};
}
signed_piece!(i32, i64);

/// A non-negative integer zero-padded to a width (`Padded(v, 4)` writes what `{v:04}` does).
#[cfg_attr(
    not(any(feature = "share-token", feature = "models")),
    allow(dead_code)
)]
pub(crate) struct Padded(pub u64, pub usize);

impl Piece for Padded {
    fn push_to(&self, out: &mut String) {
        push_padded(out, self.0, self.1);
    }
}

/// A byte as two lowercase hex digits (what `{b:02x}` writes).
#[cfg_attr(not(feature = "share-token"), allow(dead_code))]
pub(crate) struct Hex2(pub u8);

impl Piece for Hex2 {
    fn push_to(&self, out: &mut String) {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for nibble in [self.0 >> 4, self.0 & 15] {
            out.push(char::from(
                DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0'),
            ));
        }
    }
}

/// `msg!(a, b, ...)`: a `String` of the pieces one after the other (`&str`, `String`, `char`,
/// integers in decimal, and the crate's types that implement [`Piece`]).
macro_rules! msg {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = $crate::prelude::String::new();
        $( $crate::msg::Piece::push_to(&$piece, &mut out); )+
        out
    }};
}

/// `msg_to!(out, a, b, ...)`: appends the pieces to the `String` `out`.
macro_rules! msg_to {
    ($out:expr, $($piece:expr),+ $(,)?) => {{
        let out: &mut $crate::prelude::String = $out;
        $( $crate::msg::Piece::push_to(&$piece, out); )+
    }};
}

/// `Display` for a type that implements [`Piece`]: the same text (for native users and tests).
macro_rules! display_via_piece {
    ($($t:ty),*) => {$(
        impl core::fmt::Display for $t {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                let mut out = $crate::prelude::String::new();
                $crate::msg::Piece::push_to(self, &mut out);
                f.write_str(&out)
            }
        }
    )*};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_as_format_writes_them() {
        for v in [
            0u64,
            1,
            9,
            10,
            99,
            100,
            12_345,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            assert_eq!(msg!(v), format!("{v}"));
        }
        for v in [0i64, -1, 7, -10, i64::MIN, i64::MAX] {
            assert_eq!(msg!(v), format!("{v}"));
        }
        for v in [0u64, 5, 42, 999, 12_345] {
            assert_eq!(
                msg!(Padded(v, 2), ' ', Padded(v, 4)),
                format!("{v:02} {v:04}")
            );
        }
        assert_eq!(
            msg!(usize::MAX, ' ', 7u16, ' ', -3i32),
            format!("{} 7 -3", usize::MAX)
        );
    }

    #[test]
    fn hex_as_format_writes_it() {
        for b in 0..=255u8 {
            assert_eq!(msg!(Hex2(b)), format!("{b:02x}"));
        }
    }

    #[test]
    fn pieces_concatenate_and_append() {
        let name = String::from("exp");
        let mut out = msg!("`", name, "` is ", 3u32, &"x");
        msg_to!(&mut out, " and ", 'y');
        assert_eq!(out, "`exp` is 3x and y");
    }
}
