//! Unix seconds to ISO 8601 (UTC), without a date library and without reading the clock.
#![forbid(unsafe_code)]

use crate::msg::Padded;
#[allow(unused_imports)]
use crate::prelude::*;

/// Days since 1970-01-01 → (year, month, day) in the proleptic Gregorian calendar
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `2025-07-27T15:37:46Z` for years 0000–9999; `None` outside (JavaScript's `Date` and most
/// tools cannot show those in this format either).
pub fn iso8601(unix_seconds: i64) -> Option<String> {
    // Year 0000-01-01 and 9999-12-31T23:59:59.
    if !(-62_167_219_200..=253_402_300_799).contains(&unix_seconds) {
        return None;
    }
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    // Both are non-negative here (year 0 to 9999, seconds of the day).
    let pad = |v: i64, width: usize| Padded(v.unsigned_abs(), width);
    Some(msg!(
        pad(y, 4),
        '-',
        Padded(u64::from(m), 2),
        '-',
        Padded(u64::from(d), 2),
        'T',
        pad(secs / 3600, 2),
        ':',
        pad(secs / 60 % 60, 2),
        ':',
        pad(secs % 60, 2),
        'Z'
    ))
}

#[cfg(test)]
mod tests {
    use super::iso8601;

    #[test]
    fn known_instants() {
        assert_eq!(iso8601(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            iso8601(1_753_630_666).as_deref(),
            Some("2025-07-27T15:37:46Z")
        );
        assert_eq!(
            iso8601(951_782_400).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(iso8601(-1).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert_eq!(
            iso8601(253_402_300_799).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert_eq!(
            iso8601(-62_167_219_200).as_deref(),
            Some("0000-01-01T00:00:00Z")
        );
        assert_eq!(iso8601(253_402_300_800), None);
    }
}
