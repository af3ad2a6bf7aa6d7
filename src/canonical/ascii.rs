//! The `ensure_ascii=True` form of a canonical output.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use super::token::push_u_escape;

/// The `ensure_ascii=True` form of a canonical (`ensure_ascii=False`) output: every character from
/// U+007F up becomes `\uXXXX`, astral characters a surrogate pair, all hex lowercase. Outside
/// strings a canonical output is pure ASCII, so this needs no parsing. Borrowed when `canonical`
/// has no byte from 0x7F up. `canonical` must be valid UTF-8.
pub(crate) fn to_ascii(canonical: &[u8]) -> Cow<'_, [u8]> {
    let Some(first) = canonical.iter().position(|&b| b >= 0x7f) else {
        return Cow::Borrowed(canonical);
    };
    let (head, rest) = canonical.split_at(first);
    let mut out = Vec::with_capacity(canonical.len() + canonical.len() / 4);
    out.extend_from_slice(head);
    // Valid UTF-8 from every caller (a canonical output, or JSON that parsed); were it not, the
    // rest would be left out. Not `from_utf8_lossy`: 0.5 KB gzip of WebAssembly for a case that
    // cannot occur.
    for ch in core::str::from_utf8(rest).unwrap_or("").chars() {
        let cp = ch as u32;
        if cp < 0x7f {
            out.push(cp as u8);
        } else if cp <= 0xffff {
            push_u_escape(&mut out, cp);
        } else {
            let v = cp - 0x1_0000;
            push_u_escape(&mut out, 0xd800 | (v >> 10));
            push_u_escape(&mut out, 0xdc00 | (v & 0x3ff));
        }
    }
    Cow::Owned(out)
}
