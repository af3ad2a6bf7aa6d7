//! The inspection as a report: one compact JSON object for Rust callers (`to_json`), and the
//! compact form the wasm boundary hands to JavaScript (`to_compact`).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use super::claims::SessionKind;
use super::{Finding, Inspection, Report, Severity};
use crate::json::{write_json_string, MemberValue};
use alloc::borrow::Cow;

impl Inspection {
    /// The inspection as one compact JSON object: the typed fields (camelCase), the token found
    /// inside a pasted wrapping (`unwrappedToken`), the findings with code, severity, location,
    /// message and import status, then the decoded `header` and `claims` as the token carries
    /// them (the validated JSON text inserted verbatim, or `null`). Times are Unix seconds. For Rust
    /// callers (logs, a CLI of their own): the JavaScript API gets the compact form of `Report::to_compact`,
    /// so this function is not in the WebAssembly module. Written by hand rather than with
    /// `serde_json`: the header and claims are embedded as the validated text they are (serde_json
    /// needs its `raw_value` feature and a `RawValue` per field for that), and the crate needs no
    /// serde dependency for one function.
    pub fn to_json(&self) -> String {
        let extra = self.header_json.as_ref().map_or(0, String::len)
            + self.payload_json.as_ref().map_or(0, String::len)
            + self.unwrapped.as_ref().map_or(0, String::len);
        let mut o = String::with_capacity(360 + 160 * self.findings.len() + extra);
        o.push_str("{\"usable\":");
        o.push_str(if self.is_usable() { "true" } else { "false" });
        o.push_str(",\"importStatus\":");
        write_opt_int(
            self.first_error()
                .and_then(|f| f.code.import_status())
                .map(i64::from),
            &mut o,
        );
        let c = &self.claims;
        o.push_str(",\"sessionId\":");
        write_opt_str(c.session_id.as_deref(), &mut o);
        o.push_str(",\"sessionKind\":");
        write_opt_str(c.session_kind.map(SessionKind::as_str), &mut o);
        o.push_str(",\"sessionKindDefaulted\":");
        o.push_str(if c.session_kind_defaulted {
            "true"
        } else {
            "false"
        });
        o.push_str(",\"fromApplicationId\":");
        write_opt_str(c.from_application_id.as_deref(), &mut o);
        o.push_str(",\"forApplicationId\":");
        write_opt_str(c.for_application_id.as_deref(), &mut o);
        o.push_str(",\"issuedAt\":");
        write_opt_int(c.iat, &mut o);
        o.push_str(",\"expiresAt\":");
        write_opt_int(c.exp, &mut o);
        o.push_str(",\"ttlSeconds\":");
        write_opt_int(self.ttl_seconds, &mut o);
        o.push_str(",\"remainingSeconds\":");
        write_opt_int(self.remaining_seconds, &mut o);
        o.push_str(",\"now\":");
        write_opt_int(Some(self.now), &mut o);
        o.push_str(",\"unwrappedToken\":");
        write_opt_str(self.unwrapped.as_deref(), &mut o);
        o.push_str(",\"findings\":[");
        for (i, f) in self.findings.iter().enumerate() {
            if i > 0 {
                o.push(',');
            }
            o.push_str("{\"code\":\"");
            o.push_str(f.code.code());
            o.push_str("\",\"severity\":\"");
            o.push_str(f.code.severity().as_str());
            o.push_str("\",\"at\":\"");
            o.push_str(f.at);
            o.push_str("\",\"message\":");
            write_json_string(&f.message, &mut o);
            o.push_str(",\"importStatus\":");
            write_opt_int(f.code.import_status().map(i64::from), &mut o);
            o.push('}');
        }
        // Verbatim: the text passed the core's JSON scanner, which accepts a subset of what
        // `JSON.parse` does (no NaN/Infinity, no unpaired surrogate escapes, depth-limited), so
        // the one `JSON.parse` of the report builds the claims too. Measured with
        // bench/tokens.mjs and a CPU profile: escaping them into JSON strings for a lazy parse
        // was the largest single cost of the wasm call, more than V8 spends building them.
        o.push_str("],\"header\":");
        o.push_str(self.header_json.as_deref().unwrap_or("null"));
        o.push_str(",\"claims\":");
        o.push_str(self.payload_json.as_deref().unwrap_or("null"));
        o.push('}');
        o
    }
}

impl Report<'_> {
    /// The same report in the form the wasm boundary hands to JavaScript (`js/share-token.mjs`):
    /// `numbers` replaced by `usable`, `importStatus`, `sessionKindDefaulted`, `issuedAt`,
    /// `expiresAt`, `ttlSeconds`, `remainingSeconds`, `now`; the lengths of `sessionId`,
    /// `sessionKind`, `fromApplicationId`, `forApplicationId`, `unwrappedToken`, the header text and
    /// the claims text (an id that is a member of the claims: [`FROM_CLAIMS`], and no text); the
    /// number of findings, then per finding the lengths of its code,
    /// severity, location and message and its import status (`true`/`false` as 1/0, absent as
    /// NaN): `16 + 5 * findings` numbers, then the claims' parts when they come as parts
    /// ([`FROM_PARTS`]). `text` replaced by all those strings one after the other, unescaped. Lengths are in UTF-16 code units, so JavaScript cuts them out with
    /// `substring`. Nothing is escaped or parsed (measured with `bench/tokens.mjs`: parsing a JSON
    /// report was a quarter of the call; then `JSON.parse` of the numbers as a JSON array, 0.4 µs,
    /// the largest step left in JS). Both buffers are the caller's, reused from call to call (the
    /// wasm boundary keeps them; no allocation once they have grown). Times and differences of
    /// times are well inside 2^53, so exact as `f64`.
    pub(crate) fn to_compact(
        &self,
        findings: &[Finding],
        numbers: &mut Vec<f64>,
        text: &mut String,
    ) {
        let c = &self.claims;
        // The ids are string members of the claims, which the text carries whole (the JS layer
        // parses them): read from there, not repeated ([`FROM_CLAIMS`]).
        fn from_claims(id: Option<&str>, claims: bool) -> Result<Option<&str>, f64> {
            match id {
                Some(_) if claims => Err(FROM_CLAIMS),
                _ => Ok(id),
            }
        }
        let claims = self.payload_json.is_some();
        let ids = [
            from_claims(c.session_id.as_deref(), claims),
            from_claims(c.from_application_id.as_deref(), claims),
            from_claims(c.for_application_id.as_deref(), claims),
        ];
        let parts = self.filed_claims.as_ref().and_then(ClaimParts::of);
        let strings: [Option<&str>; 7] = [
            ids[0].unwrap_or(None),
            c.session_kind.map(SessionKind::as_str),
            ids[1].unwrap_or(None),
            ids[2].unwrap_or(None),
            self.unwrapped,
            self.header_json,
            self.payload_json.filter(|_| parts.is_none()),
        ];
        let first_error = findings
            .iter()
            .find(|f| f.code.severity() == Severity::Error);
        let opt = |n: Option<i64>| n.map_or(f64::NAN, |n| n as f64);
        let len = |s: Option<&str>| opt(s.map(utf16_len));
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        numbers.clear();
        numbers.extend([
            flag(first_error.is_none()),
            opt(first_error
                .and_then(|f| f.code.import_status())
                .map(i64::from)),
            flag(c.session_kind_defaulted),
            opt(c.iat),
            opt(c.exp),
            opt(self.ttl_seconds),
            opt(self.remaining_seconds),
            self.now as f64,
            ids[0].map_or_else(|n| n, len),
            len(strings[1]),
            ids[1].map_or_else(|n| n, len),
            ids[2].map_or_else(|n| n, len),
            len(strings[4]),
            len(strings[5]),
            if parts.is_some() {
                FROM_PARTS
            } else {
                len(strings[6])
            },
            findings.len() as f64,
        ]);
        for f in findings {
            numbers.extend([
                len(Some(f.code.code())),
                len(Some(f.code.severity().as_str())),
                len(Some(f.at)),
                len(Some(&f.message)),
                opt(f.code.import_status().map(i64::from)),
            ]);
        }
        text.clear();
        for s in strings.into_iter().flatten() {
            text.push_str(s);
        }
        if let Some(parts) = &parts {
            numbers.push(parts.len as f64);
            for &(_, slot) in parts.order.get(..parts.len).unwrap_or_default() {
                let value = parts.values.get(slot).and_then(Option::as_ref);
                let (kind, x) = match value {
                    Some(MemberValue::String(v)) => {
                        text.push_str(v);
                        (PART_STRING, len(Some(v)))
                    }
                    Some(MemberValue::Number { raw, .. }) => {
                        (PART_NUMBER, crate::float::parse(raw.as_bytes()))
                    }
                    _ => (PART_STRING, 0.0), // (ClaimParts::of admits no other)
                };
                numbers.extend([slot as f64, kind, x]);
            }
        }
        for f in findings {
            text.push_str(f.code.code());
            text.push_str(f.code.severity().as_str());
            text.push_str(f.at);
            text.push_str(&f.message);
        }
    }
}

/// In the compact report, in place of an id's length: the id is the string member of that name in
/// the claims, which the JS layer reads from the claims it parses (`session_id`,
/// `from_application_id`, `for_application_id`; Python and `JSON.parse` both keep the last of a
/// repeated name, and decode escapes alike). Saves a third of the report's text.
pub(crate) const FROM_CLAIMS: f64 = -1.0;

/// In the compact report, in place of the claims text's length: the claims come as parts, after
/// the findings' numbers (their count, then per member in the payload's order the index of its
/// name in `claims::NAMES`, [`PART_STRING`] and the string's length (the string itself in the
/// text where the claims text would be) or [`PART_NUMBER`] and the number). The JS layer builds
/// the claims object from them instead of `JSON.parse` of the text, which was a sixth of an
/// inspection: the same keys in the same order, the same values (see [`ClaimParts::of`]).
pub(crate) const FROM_PARTS: f64 = -2.0;
/// A claim part that is a string.
pub(crate) const PART_STRING: f64 = 0.0;
/// A claim part that is a number.
pub(crate) const PART_NUMBER: f64 = 1.0;

/// The filed claims in the payload's order, when every one is what `JSON.parse` reads to exactly
/// the value the core has: a string without escapes (the text between its quotes) or an integer
/// of at most 15 digits (exact as an `f64`). Each was filed once and they were the payload's only
/// members (`Report::filed_claims`), so the object has these keys, in this order, and no other.
struct ClaimParts<'r, 't> {
    values: &'r [Option<MemberValue<'t>>; 8],
    /// (offset in the payload text, index in `claims::NAMES`), sorted; the first `len` are used.
    order: [(usize, usize); 8],
    len: usize,
}

impl<'r, 't> ClaimParts<'r, 't> {
    fn of(values: &'r [Option<MemberValue<'t>>; 8]) -> Option<Self> {
        let mut parts = ClaimParts {
            values,
            order: [(0, 0); 8],
            len: 0,
        };
        for (slot, value) in values.iter().enumerate() {
            let at = match value {
                None => continue,
                Some(MemberValue::String(Cow::Borrowed(s))) => s.as_ptr() as usize,
                Some(MemberValue::Number { raw, integer: true }) if raw.len() <= 15 => {
                    raw.as_ptr() as usize
                }
                Some(_) => return None,
            };
            // Insertion by offset: at most eight members.
            let mut i = parts.len;
            if let Some(cur) = parts.order.get_mut(i) {
                *cur = (at, slot);
            }
            while i > 0
                && i < parts.order.len()
                && parts.order.get(i - 1).is_some_and(|&(o, _)| o > at)
            {
                parts.order.swap(i - 1, i);
                i -= 1;
            }
            parts.len += 1;
        }
        Some(parts)
    }
}

/// The length of `s` in UTF-16 code units (what JavaScript's `length` counts).
fn utf16_len(s: &str) -> i64 {
    let n = if s.is_ascii() {
        s.len()
    } else {
        s.chars().map(char::len_utf16).sum()
    };
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn write_opt_str(v: Option<&str>, out: &mut String) {
    match v {
        Some(s) => write_json_string(s, out),
        None => out.push_str("null"),
    }
}

fn write_opt_int(v: Option<i64>, out: &mut String) {
    let Some(n) = v else {
        out.push_str("null");
        return;
    };
    // Decimal digits without core::fmt (slow in wasm, and this is the hot path of inspection).
    if n < 0 {
        out.push('-');
    }
    let mut m = n.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (m % 10) as u8;
        }
        m /= 10;
        if m == 0 || i == 0 {
            break;
        }
    }
    out.push_str(core::str::from_utf8(buf.get(i..).unwrap_or(&[])).unwrap_or("0"));
}

#[cfg(test)]
mod tests {
    use crate::token::{encode_hs256, inspect_into, inspect_share_token, Buffers, InspectOptions};

    /// Reads the compact report as `js/share-token.mjs` does (lengths in UTF-16 code units) and
    /// compares it with the JSON report.
    /// Returns whether the claims came as parts.
    fn agree(token: &str, options: &InspectOptions<'_>) -> bool {
        let i = inspect_share_token(token, options);
        let mut buffers = Buffers::default();
        let mut findings = Vec::new();
        let r = inspect_into(token, options, &mut buffers, &mut findings);
        assert_eq!(findings, i.findings, "{token}");
        // Buffers left over from a larger report, as the wasm boundary reuses them.
        let mut n = vec![f64::NAN; 99];
        let mut compact = String::from("left over from an earlier call");
        r.to_compact(&findings, &mut n, &mut compact);
        let parts = if n[14] == super::FROM_PARTS {
            1 + 3 * n[16 + 5 * i.findings.len()] as usize
        } else {
            0
        };
        assert_eq!(n.len(), 16 + 5 * i.findings.len() + parts, "{token}");
        let as_parts = parts > 0;
        let json: serde_json::Value = serde_json::from_str(&i.to_json()).unwrap_or_default();
        let units: Vec<u16> = compact.encode_utf16().collect();
        let mut at = 0;
        let mut next = |len: f64| {
            (!len.is_nan()).then(|| {
                let s = String::from_utf16_lossy(&units[at..at + len as usize]);
                at += len as usize;
                serde_json::Value::String(s)
            })
        };
        let number = |x: f64| {
            if x.is_nan() {
                serde_json::Value::Null
            } else {
                serde_json::Value::from(x as i64)
            }
        };
        let null = serde_json::Value::Null;
        // In the text's order; an id marked FROM_CLAIMS is read from the claims afterwards.
        let mut strings: Vec<(&str, Option<serde_json::Value>)> = Vec::new();
        for (key, k) in [
            ("sessionId", 8),
            ("sessionKind", 9),
            ("fromApplicationId", 10),
            ("forApplicationId", 11),
            ("unwrappedToken", 12),
        ] {
            let value = (n[k] != super::FROM_CLAIMS).then(|| next(n[k]).unwrap_or(null.clone()));
            strings.push((key, value));
        }
        let mut parsed = Vec::new();
        for (key, k) in [("header", 13), ("claims", 14)] {
            let value = if n[k] == super::FROM_PARTS {
                // The claims as parts, after the findings' numbers (their order is checked by the
                // JS suites: serde_json's maps here are sorted).
                let at = 16 + 5 * n[15] as usize;
                let mut claims = serde_json::Map::new();
                for p in 0..n[at] as usize {
                    let [slot, kind, x] = [n[at + 1 + 3 * p], n[at + 2 + 3 * p], n[at + 3 + 3 * p]];
                    let name = crate::token::claims::NAMES[slot as usize].to_owned();
                    let value = if kind == super::PART_STRING {
                        next(x).unwrap_or(null.clone())
                    } else {
                        assert_eq!(kind, super::PART_NUMBER);
                        serde_json::Value::from(x as i64)
                    };
                    assert!(claims.insert(name, value).is_none(), "a name twice {token}");
                }
                serde_json::Value::Object(claims)
            } else {
                next(n[k]).map_or(null.clone(), |t| {
                    serde_json::from_str(t.as_str().unwrap_or("")).unwrap_or_default()
                })
            };
            assert_eq!(value, json[key], "{key} {token}");
            parsed.push(value);
        }
        for (key, value) in strings {
            let value = value.unwrap_or_else(|| {
                let name = match key {
                    "sessionId" => "session_id",
                    "fromApplicationId" => "from_application_id",
                    _ => "for_application_id",
                };
                assert!(
                    parsed[1][name].is_string(),
                    "{key} marked as a claim {token}"
                );
                parsed[1][name].clone()
            });
            assert_eq!(value, json[key], "{key} {token}");
        }
        for (key, k) in [("usable", 0), ("sessionKindDefaulted", 2)] {
            assert_eq!(
                serde_json::Value::Bool(n[k] == 1.0),
                json[key],
                "{key} {token}"
            );
        }
        for (key, k) in [
            ("importStatus", 1),
            ("issuedAt", 3),
            ("expiresAt", 4),
            ("ttlSeconds", 5),
            ("remainingSeconds", 6),
            ("now", 7),
        ] {
            assert_eq!(number(n[k]), json[key], "{key} {token}");
        }
        let findings = json["findings"].as_array().cloned().unwrap_or_default();
        assert_eq!(n[15], findings.len() as f64, "{token}");
        for (i, f) in findings.iter().enumerate() {
            let k = 16 + 5 * i;
            for (key, d) in [("code", 0), ("severity", 1), ("at", 2), ("message", 3)] {
                assert_eq!(
                    next(n[k + d]).unwrap_or(null.clone()),
                    f[key],
                    "{key} {token}"
                );
            }
            assert_eq!(number(n[k + 4]), f["importStatus"], "{token}");
        }
        assert_eq!(at, units.len(), "{token}");
        as_parts
    }

    #[test]
    fn compact_report_carries_the_json_report() {
        let claims = r#"{"session_id":"s\u00e9\ud83d\ude00\"","session_kind":"business","from_application_id":"\u65e5","for_application_id":"a5f3bca2-46e2-411e-90ef-a580900a57ee","iat":1753630666,"exp":1753634266,"x":[1,"\n"]}"#;
        let token = encode_hs256(claims.as_bytes(), b"key").unwrap_or_default();
        // Claims the report hands over as parts (no escapes, no other member), in two orders,
        // and ones it cannot (a fraction, 16 digits, an escape, a repeat).
        let plain = [
            r#"{"session_id":"20bb3c3b-6146-439f-84a4-bd30d00ac6a2","from_application_id":"dbd20e34-42e9-4f2c-ba91-cf0762016f64","for_application_id":"a5f3bca2-46e2-411e-90ef-a580900a57ee","iat":1753630666,"exp":1753634266}"#,
            r#"{ "exp" : 1753634266, "session_kind":"business","iat":-5,"session_id":"x"}"#,
            r#"{"exp":1753634266.5,"iat":1753630666}"#,
            r#"{"exp":1753634266000000,"iat":1753630666}"#,
            r#"{"exp":1753634266,"session_id":"\u0041"}"#,
            r#"{"exp":1,"exp":2}"#,
            r#"{}"#,
        ]
        .map(|c| encode_hs256(c.as_bytes(), b"key").unwrap_or_default());
        let mut options = InspectOptions::at(1_753_630_700);
        options.application_id = Some("dbd20e34-42e9-4f2c-ba91-cf0762016f64");
        let as_parts: Vec<bool> = plain.iter().map(|t| agree(t, &options)).collect();
        assert_eq!(as_parts, [true, true, false, false, false, false, true]);
        for t in plain.into_iter().chain([
            token.clone(),
            format!("Bearer \"{token}\""),
            token.replace('.', ". "),
            format!("{token}x\u{e9}"),
            String::from("\u{1F600}.\u{e9}"),
            String::new(),
        ]) {
            agree(&t, &options);
            agree(&t, &InspectOptions::at(0));
        }
    }
}
