//! Judging the typed claims against the caller's clock and application: expiry, the time the
//! import needs, `iat`/`nbf` in the future, the lifetime Didit mints, and the audience.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use super::claims::ClaimsRef;
use super::finding::{human_duration, Finding, FindingCode};
use super::{InspectOptions, IAT_LEAD_ALLOWANCE_SECONDS, TTL_MAX_SECONDS, TTL_MIN_SECONDS};
use crate::time::iso8601;

/// What the time checks worked out.
#[derive(Debug, Default)]
pub(super) struct Times {
    /// `exp - now`.
    pub remaining: Option<i64>,
    /// `exp - iat`.
    pub ttl: Option<i64>,
}

/// `exp`, `iat`, `nbf` against `options.now`, and the lifetime `exp - iat`.
pub(super) fn judge_times(
    c: &ClaimsRef<'_>,
    options: &InspectOptions<'_>,
    findings: &mut Vec<Finding>,
) -> Times {
    let mut out = Times::default();
    let now = options.now;
    let tol = i64::try_from(options.clock_tolerance_seconds).unwrap_or(i64::MAX);
    if let Some(exp) = c.exp {
        let remaining = exp.saturating_sub(now);
        out.remaining = Some(remaining);
        // PyJWT's rule (Didit's server is Python): expired once exp <= now - leeway.
        if exp <= now.saturating_sub(tol) {
            findings.push(Finding::new(
                FindingCode::Expired,
                "payload.exp",
                msg!(
                    "expired ",
                    human_duration(remaining.saturating_neg()),
                    " ago",
                    iso8601(exp).map_or(String::new(), |t| msg!(" (at ", t, ")"))
                ),
            ));
        } else {
            let need = i64::try_from(options.min_remaining_seconds).unwrap_or(i64::MAX);
            if need > 0 && remaining < need {
                findings.push(Finding::new(
                    FindingCode::ExpiresSoon,
                    "payload.exp",
                    msg!(
                        "expires in ",
                        human_duration(remaining),
                        ", less than the ",
                        human_duration(need),
                        " needed for the import call to land"
                    ),
                ));
            }
        }
    }
    if let Some(iat) = c.iat {
        // Didit stamped iat with the clock that will judge it: a lead measures our skew.
        if iat > now.saturating_add(tol.max(IAT_LEAD_ALLOWANCE_SECONDS)) {
            findings.push(Finding::new(
                FindingCode::IssuedInFuture,
                "payload.iat",
                msg!("issued ", human_duration(iat.saturating_sub(now)), " ahead of this machine's clock: this clock looks behind Didit's (check its time sync). Didit judges iat with its own clock, so this alone does not make the import fail"),
            ));
        }
    }
    if let Some(nbf) = c.nbf {
        if nbf > now.saturating_add(tol) {
            findings.push(Finding::new(
                FindingCode::NotYetValid,
                "payload.nbf",
                msg!(
                    "not valid for another ",
                    human_duration(nbf.saturating_sub(now))
                ),
            ));
        }
    }
    if let (Some(iat), Some(exp)) = (c.iat, c.exp) {
        let ttl = exp.saturating_sub(iat);
        out.ttl = Some(ttl);
        if !(TTL_MIN_SECONDS..=TTL_MAX_SECONDS).contains(&ttl) {
            findings.push(Finding::new(
                FindingCode::TtlOutOfRange,
                "payload.exp",
                msg!(
                    "lifetime exp - iat is ",
                    ttl,
                    " s; Didit mints ",
                    TTL_MIN_SECONDS,
                    "…",
                    TTL_MAX_SECONDS,
                    " s, so this token was not minted as documented"
                ),
            ));
        }
    }
    out
}

/// `for_application_id` against the caller's application (skipped without one).
pub(super) fn judge_audience(c: &ClaimsRef<'_>, mine: Option<&str>, findings: &mut Vec<Finding>) {
    let (Some(mine), Some(target)) = (mine, c.for_application_id.as_deref()) else {
        return;
    };
    // Byte-equal first (a word at a time): the case-insensitive compare goes a byte at a time.
    if mine == target || mine.eq_ignore_ascii_case(target) {
        return;
    }
    let own = c
        .from_application_id
        .as_deref()
        .is_some_and(|from| from.eq_ignore_ascii_case(mine));
    findings.push(Finding::new(
        FindingCode::WrongApplication,
        "payload.for_application_id",
        if own {
            msg!(
                "token is for application ",
                target,
                "; your application minted it (it is for the partner to import)"
            )
        } else {
            msg!(
                "token is for application ",
                target,
                ", not yours (",
                mine,
                ")"
            )
        },
    ));
}
