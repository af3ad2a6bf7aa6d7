//! Canonical JSON exactly as Didit's Python signer writes it.
//!
//! The output is byte-identical to
//! `json.dumps(shorten_floats(json.loads(body)), sort_keys=True, separators=(",", ":"),
//! ensure_ascii=False).encode("utf-8")` (or `ensure_ascii=True` with [`Options::ascii`]) for every
//! body Python accepts, where `shorten_floats` turns whole-valued floats into ints:
//!
//! * keys sorted by code point (= UTF-8 byte order, not UTF-16 as in JavaScript), duplicates keep
//!   the last value;
//! * integers keep every digit (`-0` → `0`); a number with a fraction or exponent is a correctly
//!   rounded double, printed as its exact integer when whole (`1e22` →
//!   `10000000000000000000000`) and as Python's `repr` otherwise (`1e-05`, `2.5e-10`);
//! * strings re-escaped as Python does: `\"` `\\` `\b` `\f` `\n` `\r` `\t`, other U+0000–U+001F as
//!   `\u00XX` (lowercase), everything else raw (or `\uXXXX` for U+007F and above in ASCII mode).
//!
//! How it works (`tape`): a structural index of the body (`index`, 64 bytes per step) is walked
//! into a tape of values with each object's members sorted, and the canonical text is written
//! once, in its final order; numbers and escaped strings are read with the scanner's rules
//! (`src/scan.rs`), and the walk reports the error the scanner would, in document order (debug
//! builds check it against the scanner). The `ensure_ascii=True` form is derived from the result
//! (`ascii`).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

mod ascii;
mod index;
mod sort;
mod tape;
mod token;
mod top;

use alloc::borrow::Cow;

pub(crate) use ascii::to_ascii;
#[cfg(any(feature = "share-token", feature = "models"))] // json's key lists
pub(crate) use sort::sort_by;
pub(crate) use top::{TopMembers, TopValue};

use crate::error::JsonError;
use crate::scan;

/// CPython 3.11's `json.loads` and `json.dumps` accept at most 995 nested arrays/objects when
/// called from a shallow stack (recursion limit 1000); nothing deeper can carry a V2 signature.
pub const DEFAULT_MAX_DEPTH: usize = scan::PYTHON_MAX_DEPTH;
/// Default maximum body size: Didit deliveries are a few kilobytes; this leaves ample room for
/// large KYB registry data while bounding memory per call.
pub const DEFAULT_MAX_BYTES: usize = 16 * 1024 * 1024;
/// The most `max_bytes` can be in the WebAssembly build (`maxBodyBytes` in the npm package), in
/// bytes (32 MiB). Canonicalizing a hostile body takes up to ~12 bytes of memory per body byte (an
/// array of millions of one-digit items, or an object of millions of tiny members out of key order;
/// `bench/soak.mjs --workload=memory`), and wasm32 has 4 GiB: a failed allocation aborts (a trap),
/// so the ceiling keeps a wide margin. The JS layer refuses larger limits and bodies with its own
/// messages before they reach the module (`js/rules.gen.mjs`, generated from this constant).
pub const WASM_MAX_BYTES: usize = 32 * 1024 * 1024;
pub use crate::scan::PYTHON_INT_MAX_DIGITS;

/// Options for [`canonicalize`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Escape every character from U+007F up as `\uXXXX` (astral ones as surrogate pairs), as
    /// Python's `ensure_ascii=True` does. Default `false`.
    pub ascii: bool,
    /// Maximum nesting of arrays and objects. Default [`DEFAULT_MAX_DEPTH`].
    pub max_depth: usize,
    /// Maximum body length in bytes. Default [`DEFAULT_MAX_BYTES`].
    pub max_bytes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            ascii: false,
            max_depth: DEFAULT_MAX_DEPTH,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Returns the canonical form of `body`: borrowed when `body` is already canonical.
///
/// A leading UTF-8 byte order mark is skipped, as `json.loads` does for bytes.
///
/// # Errors
/// [`JsonError::TooLarge`] over `options.max_bytes`, else the scanner's first error (see
/// [`JsonError`]): every body Python's `json.loads` rejects, plus `NaN`/`Infinity`.
pub fn canonicalize<'a>(body: &'a [u8], options: &Options) -> Result<Cow<'a, [u8]>, JsonError> {
    if body.len() > options.max_bytes {
        return Err(JsonError::TooLarge {
            limit: options.max_bytes,
            actual: body.len(),
        });
    }
    let (canonical, _) = write(body, options.max_depth, &[])?;
    Ok(if options.ascii {
        match to_ascii(&canonical) {
            Cow::Borrowed(_) => canonical,
            Cow::Owned(v) => Cow::Owned(v),
        }
    } else {
        canonical
    })
}

/// The canonical (`ensure_ascii=False`) form of `body`, borrowed when `body` is already
/// canonical, and the values of the root object's members named `names` (see [`TopMembers`]).
/// No size check.
///
/// The writer ([`tape`]) reports the scanner's first error itself (the scanner's functions read
/// its numbers and escaped strings; the wording of the others is shared, `scan::expected`).
///
/// # Errors
/// The scanner's first error.
pub(crate) fn write<'a>(
    body: &'a [u8],
    max_depth: usize,
    names: &'static [&'static [u8]],
) -> Result<(Cow<'a, [u8]>, TopMembers), JsonError> {
    if let Some(offset) = crate::scan::utf8_error(body) {
        return Err(JsonError::InvalidUtf8 { offset });
    }
    // `json.loads` skips a byte order mark in bytes.
    let offset = if body.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut tape = tape::Tape::default();
    let read = tape.read(body, offset, max_depth);
    // The walk reports the scanner's errors itself; a debug build (the tests) checks each verdict
    // against the scanner's.
    #[cfg(debug_assertions)]
    debug_assert_eq!(read.as_ref().err(), scan_error(body, max_depth).as_ref());
    read?;
    let mut out = Vec::with_capacity(body.len());
    tape.write(body, &mut out);
    let top = tape.top(body, names);
    // One compare keeps the promise that canonical input comes back as itself, uncopied.
    let canonical = if out == body {
        Cow::Borrowed(body)
    } else {
        Cow::Owned(out)
    };
    Ok((canonical, top))
}

/// The scanner's first error for `body`, if any: what the walk must report (debug builds).
#[cfg(debug_assertions)]
fn scan_error(body: &[u8], max_depth: usize) -> Option<JsonError> {
    use crate::scan::{Num, Sink, StrTok};
    /// Reads and keeps nothing.
    struct Check;
    impl Sink for Check {
        type Stop = JsonError;
        fn open(&mut self, _: bool, _: usize) {}
        fn close(&mut self, _: bool, _: usize) {}
        fn key(&mut self, _: StrTok) -> Result<(), JsonError> {
            Ok(())
        }
        fn string(&mut self, _: StrTok) {}
        fn number(&mut self, _: Num) {}
        fn literal(&mut self, _: usize, _: usize) {}
    }
    scan::scan(body, max_depth, &mut Check).err()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        String::from_utf8(
            canonicalize(s.as_bytes(), &Options::default())
                .unwrap()
                .into_owned(),
        )
        .unwrap()
    }
    fn canon_ascii(s: &str) -> String {
        let o = Options {
            ascii: true,
            ..Options::default()
        };
        String::from_utf8(canonicalize(s.as_bytes(), &o).unwrap().into_owned()).unwrap()
    }
    fn err(s: &[u8]) -> &'static str {
        canonicalize(s, &Options::default()).unwrap_err().code()
    }

    #[test]
    fn already_canonical_is_borrowed() {
        let body = br#"{"a":[1,2.5,"x\n"],"b":{"c":null,"d":true}}"#;
        assert!(matches!(
            canonicalize(body, &Options::default()).unwrap(),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn sorts_by_code_point_and_dedups() {
        assert_eq!(canon(r#"{"b":1,"a":2,"b":3}"#), r#"{"a":2,"b":3}"#);
        assert_eq!(canon(r#"{"10":1,"9":2,"a":3}"#), r#"{"10":1,"9":2,"a":3}"#);
        assert_eq!(
            canon("{\"\u{1F600}\":1,\"\u{FF61}\":2}"),
            "{\"\u{FF61}\":2,\"\u{1F600}\":1}"
        );
        assert_eq!(
            canon(r#"{"\u0062":1,"a":{"z":1,"y":[{"d":1,"c":2}]}}"#),
            r#"{"a":{"y":[{"c":2,"d":1}],"z":1},"b":1}"#
        );
    }

    #[test]
    fn numbers() {
        assert_eq!(
            canon("[-0, 1.0, 1E2, 0.10, 1e22, 1e-5, -0.0, 100e-2, 12345678901234567890]"),
            "[0,1,100,0.1,10000000000000000000000,1e-05,0,1,12345678901234567890]"
        );
    }

    #[test]
    fn strings_and_ascii() {
        assert_eq!(
            canon(r#"["\/\u00E9\ud83d\ude00\u0008\u001F\u007f"]"#),
            "[\"/é😀\\b\\u001f\u{7f}\"]"
        );
        assert_eq!(
            canon_ascii("[\"é😀\u{7f}\"]"),
            r#"["\u00e9\ud83d\ude00\u007f"]"#
        );
        assert_eq!(canon("\u{FEFF} [1] "), "[1]");
    }

    #[test]
    fn plain_decimal_fast_path_agrees_with_repr() {
        // Every token the fast path accepts must print as itself through the slow path.
        let mut rng = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut accepted = 0;
        for _ in 0..200_000 {
            let int_digits = (next() % 16) as usize;
            let zeros = (next() % 6) as usize;
            let frac_digits = 1 + (next() % 16) as usize;
            let mut t = String::new();
            if next() % 2 == 0 {
                t.push('-');
            }
            if int_digits == 0 {
                t.push('0');
            } else {
                t.push(char::from(b'1' + (next() % 9) as u8));
                for _ in 1..int_digits {
                    t.push(char::from(b'0' + (next() % 10) as u8));
                }
            }
            t.push('.');
            for _ in 0..zeros {
                t.push('0');
            }
            for _ in 0..frac_digits {
                t.push(char::from(b'0' + (next() % 10) as u8));
            }
            if token::plain_decimal_is_repr(t.as_bytes()) {
                accepted += 1;
                let x: f64 = t.parse().unwrap();
                let mut out = Vec::new();
                crate::float::write_repr(x, &mut out);
                assert_eq!(String::from_utf8(out).unwrap(), t);
            }
        }
        assert!(accepted > 10_000);
    }

    #[test]
    fn errors() {
        assert_eq!(err(b"[1,]"), "ERR_JSON_SYNTAX");
        assert_eq!(err(b"{\"a\" 1}"), "ERR_JSON_SYNTAX");
        assert_eq!(err(b"[NaN]"), "ERR_JSON_NAN_OR_INFINITY");
        assert_eq!(err(b"-Infinity"), "ERR_JSON_NAN_OR_INFINITY");
        assert_eq!(err(b"1e999"), "ERR_JSON_NUMBER_OUT_OF_RANGE");
        assert_eq!(err(b"\"\\ud800\""), "ERR_JSON_LONE_SURROGATE");
        assert_eq!(err(b"\"\\udc00\\ud800\""), "ERR_JSON_LONE_SURROGATE");
        assert_eq!(err(b"\"\x01\""), "ERR_JSON_CONTROL_CHARACTER");
        assert_eq!(err(b"\"\\x\""), "ERR_JSON_INVALID_ESCAPE");
        assert_eq!(err(b"\"\xff\""), "ERR_JSON_INVALID_UTF8");
        assert_eq!(err(b"\"\xed\xa0\x80\""), "ERR_JSON_INVALID_UTF8");
        assert_eq!(err(&b"[".repeat(996)), "ERR_JSON_TOO_DEEP");
        assert_eq!(err("1".repeat(4301).as_bytes()), "ERR_JSON_NUMBER_TOO_LONG");
        assert_eq!(err(b"1 2"), "ERR_JSON_SYNTAX");
        assert_eq!(err(b""), "ERR_JSON_SYNTAX");
    }

    #[test]
    fn depth_limit_is_exact_and_stackless() {
        let ok = format!("{}{}", "[".repeat(995), "]".repeat(995));
        assert!(canonicalize(ok.as_bytes(), &Options::default()).is_ok());
        let deep = Options {
            max_depth: 2_000_000,
            ..Options::default()
        };
        let huge = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        assert!(canonicalize(huge.as_bytes(), &deep).is_ok());
        let huge_obj = format!("{}1{}", "{\"a\":".repeat(1_000_000), "}".repeat(1_000_000));
        assert!(canonicalize(huge_obj.as_bytes(), &deep).is_ok());
    }
}
