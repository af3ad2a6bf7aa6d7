//! Tokens as people paste them. A share token copied from a request, a log, a terminal or an
//! e-mail often arrives wrapped: `Bearer <token>`, a whole `Authorization:` header line, quotes, a
//! URL or query string (`?token=…`), the import request's JSON body, or broken over lines. Each
//! layer is recognised, named in a finding (with what to send instead) and peeled off, so the
//! token inside is still inspected; the verdict stays strict, since Didit's import would be sent
//! the wrapped string.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use alloc::borrow::Cow;

use super::finding::{Finding, FindingCode};
use crate::json::{self, MemberValue, Top};

/// Query and JSON member names that carry a token.
const TOKEN_NAMES: [&str; 7] = [
    "share_token",
    "sharetoken",
    "token",
    "jwt",
    "access_token",
    "id_token",
    "t",
];

/// At most this many layers are peeled (a paste is never deeper; this bounds the work).
const MAX_LAYERS: usize = 6;

/// Peels the wrapping off `input`: surrounding whitespace ([`FindingCode::Whitespace`]) and each
/// recognised layer ([`FindingCode::Wrapped`], outermost first). Returns the token inside.
/// `bare`: `input` is made of token characters only ([`super::segment::survey`]; `=` is not one:
/// `token=eyJ…` is a query string), the common case, which has nothing to peel.
pub(super) fn unwrap<'t>(input: &'t str, bare: bool, findings: &mut Vec<Finding>) -> Cow<'t, str> {
    if bare {
        return Cow::Borrowed(input);
    }
    let mut current: Cow<'t, str> = Cow::Borrowed(input);
    // Whitespace around the whole paste is its own finding; inside a layer (`Bearer  eyJ…`) it
    // goes with that layer.
    let padded = trim(input).len() != input.len();
    let mut layers: Vec<Finding> = Vec::new();
    for _ in 0..=MAX_LAYERS {
        let t = trim(&current);
        if t.len() != current.len() {
            current = match current {
                Cow::Borrowed(b) => Cow::Borrowed(trim(b)),
                Cow::Owned(o) => Cow::Owned(trim(&o).to_owned()),
            };
        }
        if layers.len() == MAX_LAYERS {
            break;
        }
        let Some((inner, finding)) = peel(&current) else {
            break;
        };
        layers.push(finding);
        current = match (current, inner) {
            (Cow::Borrowed(b), Inner::Slice(r)) => Cow::Borrowed(b.get(r).unwrap_or("")),
            (Cow::Owned(o), Inner::Slice(r)) => Cow::Owned(o.get(r).unwrap_or("").to_owned()),
            (_, Inner::Owned(s)) => Cow::Owned(s),
        };
    }
    // The wrapping first: it is what makes the import fail for certain.
    findings.extend(layers);
    if padded {
        findings.push(Finding::new(
            FindingCode::Whitespace,
            "token",
            "token has leading or trailing whitespace; send it without (inspected without it)",
        ));
    }
    current
}

fn trim(s: &str) -> &str {
    crate::webhook::trim_ascii_by(s, |c| c.is_ascii_whitespace())
}

enum Inner {
    /// A byte range of the current text.
    Slice(core::ops::Range<usize>),
    /// Text rebuilt from it (lines joined, percent-decoded, JSON-unescaped).
    Owned(String),
}

fn wrapped(what: &str, instead: &str) -> Finding {
    Finding::new(
        FindingCode::Wrapped,
        "token",
        msg!(
            "token is wrapped in ",
            what,
            "; ",
            instead,
            " (the token inside was inspected)"
        ),
    )
}

/// One layer, or `None` when `s` is not recognisably wrapped.
fn peel(s: &str) -> Option<(Inner, Finding)> {
    let lower_starts = |p: &str| {
        s.get(..p.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(p))
    };
    if lower_starts("authorization:") {
        let at = "authorization:".len();
        return Some((
            Inner::Slice(at..s.len()),
            wrapped(
                "an `Authorization:` header line",
                "send only the token, as the `share_token` string of the import request",
            ),
        ));
    }
    for scheme in ["bearer", "jwt", "token"] {
        if lower_starts(scheme)
            && s.as_bytes()
                .get(scheme.len())
                .is_some_and(|b| b.is_ascii_whitespace())
        {
            let what = match scheme {
                "bearer" => "a `Bearer ` prefix",
                "jwt" => "a `JWT ` prefix",
                _ => "a `Token ` prefix",
            };
            return Some((
                Inner::Slice(scheme.len()..s.len()),
                wrapped(
                    what,
                    "send the token without it (that prefix belongs to an Authorization header, not to `share_token`)",
                ),
            ));
        }
    }
    let b = s.as_bytes();
    if b.len() >= 2 {
        let (first, last) = (b.first().copied(), b.last().copied());
        if first == last && matches!(first, Some(b'"' | b'\'' | b'`')) {
            return Some((
                Inner::Slice(1..s.len() - 1),
                wrapped(
                    "quotes",
                    "the quotes became part of the string: send the token without them (was it JSON-encoded twice?)",
                ),
            ));
        }
    }
    if b.first() == Some(&b'{') && b.last() == Some(&b'}') {
        if let Some((name, token)) = json_member(s) {
            return Some((
                Inner::Owned(token),
                wrapped(
                    &msg!("a JSON object (member `", name, "`)"),
                    "send only the member's string value as the token",
                ),
            ));
        }
    }
    if let Some((url, name, token)) = query_value(s) {
        let what = if url {
            msg!("a URL (query parameter `", name, "`)")
        } else {
            msg!("a query string (`", name, "=`)")
        };
        return Some((
            Inner::Owned(token),
            wrapped(&what, "send only the parameter's value"),
        ));
    }
    if let Some((joined, lines)) = joined_lines(s) {
        return Some((
            Inner::Owned(joined),
            if lines {
                wrapped(
                    "line breaks (a terminal or e-mail wrapped it)",
                    "join the lines into one unbroken string",
                )
            } else {
                wrapped(
                    "spaces inside it",
                    "remove the spaces: a token is one unbroken string",
                )
            },
        ));
    }
    surrounding_text(s).map(|r| {
        (
            Inner::Slice(r),
            wrapped(
                "surrounding text",
                "send only the token itself (header.payload.signature, starting `eyJ`)",
            ),
        )
    })
}

/// A token-carrying member of a JSON object: `(name, value)`.
fn json_member(s: &str) -> Option<(String, String)> {
    let Ok(Top::Object(members)) = json::parse_top_str(s, 8) else {
        return None;
    };
    let named = members.list.iter().find_map(|(k, v)| match v {
        MemberValue::String(v) if TOKEN_NAMES.contains(&k.to_ascii_lowercase().as_str()) => {
            Some((k.to_string(), v.to_string()))
        }
        _ => None,
    });
    named.or_else(|| {
        members.list.iter().find_map(|(k, v)| match v {
            MemberValue::String(v) if v.starts_with("eyJ") && v.contains('.') => {
                Some((k.to_string(), v.to_string()))
            }
            _ => None,
        })
    })
}

/// A token in a URL's query (or fragment) or in a bare query string: `(is_url, name, value)`.
fn query_value(s: &str) -> Option<(bool, String, String)> {
    // Bytes, not `str::contains("://")`: core's substring search costs the wasm module ~4 KB.
    let url = s.as_bytes().windows(3).any(|w| w == b"://");
    let query = if url {
        s.get(s.find(['?', '#'])? + 1..)?
    } else if let Some(rest) = s.strip_prefix(['?', '#', '&']) {
        rest
    } else {
        s
    };
    let mut fallback = None;
    for pair in query.split(['&', ';', '#', '?']) {
        let Some((k, v)) = pair.split_once('=') else {
            continue;
        };
        let key_ok = !k.is_empty()
            && k.bytes().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.' | b'[' | b']')
            });
        if !key_ok || v.is_empty() {
            continue;
        }
        let value = percent_decode(v);
        if TOKEN_NAMES.contains(&k.to_ascii_lowercase().as_str()) {
            return Some((url, k.to_owned(), value));
        }
        if fallback.is_none() && value.starts_with("eyJ") && value.contains('.') {
            fallback = Some((url, k.to_owned(), value));
        }
    }
    fallback
}

fn percent_decode(v: &str) -> String {
    if !v.contains(['%', '+']) {
        return v.to_owned();
    }
    let b = v.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|h| (*h as char).to_digit(16));
        match (c, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The token with whitespace inside removed, when what is left is made of token characters:
/// `(joined, had line breaks)`.
fn joined_lines(s: &str) -> Option<(String, bool)> {
    // Only a token broken where it starts: `see eyJ…` is text around a token, not a wrap.
    if !s.starts_with("eyJ") || !s.bytes().any(|c| c.is_ascii_whitespace()) {
        return None;
    }
    let token_char =
        |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b'=' | b'+' | b'/');
    let mut joined = String::with_capacity(s.len());
    for c in s.bytes() {
        if c.is_ascii_whitespace() || c == b'\\' {
            continue;
        }
        if !token_char(c) {
            return None;
        }
        joined.push(char::from(c));
    }
    joined
        .contains('.')
        .then(|| (joined, s.contains(['\n', '\r'])))
}

/// The byte range of the one token-shaped run (`eyJ…`, two dots) set off by separators inside
/// other text.
fn surrounding_text(s: &str) -> Option<core::ops::Range<usize>> {
    let b = s.as_bytes();
    let token_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.');
    let before_ok = |c: u8| c.is_ascii_whitespace() || b"\"'`:=,;(){}[]<>|".contains(&c);
    let after_ok = |c: u8| c.is_ascii_whitespace() || b"\"'`,;(){}[]<>|&#".contains(&c);
    let mut found = None;
    let mut i = 0;
    while i < b.len() {
        if !token_char(b.get(i).copied().unwrap_or(0)) {
            i += 1;
            continue;
        }
        let start = i;
        while b.get(i).copied().is_some_and(token_char) {
            i += 1;
        }
        let run = s.get(start..i).unwrap_or("");
        let shaped =
            run.starts_with("eyJ") && run.bytes().fold(0, |n, b| n + usize::from(b == b'.')) == 2;
        let fenced = (start == 0 || b.get(start - 1).copied().is_some_and(before_ok))
            && (i == b.len() || b.get(i).copied().is_some_and(after_ok));
        if shaped && fenced {
            if found.is_some() {
                return None; // two tokens: do not guess
            }
            found = Some(start..i);
        }
    }
    found.filter(|r| r.len() < s.len())
}
