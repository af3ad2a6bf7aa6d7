//! The inspection as one compact JSON object: what the JavaScript API parses.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use super::claims::SessionKind;
use super::Inspection;
use crate::json::write_json_string;

impl Inspection {
    /// The inspection as one compact JSON object: the typed fields (camelCase), the token found
    /// inside a pasted wrapping (`unwrappedToken`), the findings with code, severity, location,
    /// message and import status, then the decoded `header` and `claims` as the token carries
    /// them (the validated JSON text inserted verbatim, or `null`). Times are Unix seconds. The
    /// JavaScript API builds its result from this with one `JSON.parse` and no second call.
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
