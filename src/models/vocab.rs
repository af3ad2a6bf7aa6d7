//! Documented vocabularies: session and feature statuses, entity statuses, AML hit review
//! statuses, KYB party KYC statuses, webhook types and session kinds.
//!
//! Didit spells statuses two ways: Title Case (`"In Review"`, `"Kyc Expired"` with a single
//! capital K) in KYC payloads and the statuses page, UPPER_SNAKE_CASE (`"IN_REVIEW"`) on the KYB
//! pages and in the import docs' prose; entity statuses are documented upper case (`"ACTIVE"`).
//! A [`Status`] accepts both spellings, exposes the canonical one and the raw string, and keeps
//! a string it does not know (flagged, never an error), so a new Didit status does not break a
//! deployed integration.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use core::fmt;

use super::schema::Vocab;

/// Session statuses (KYC and KYB). Canonical: Title Case.
pub(crate) const SESSION_STATUS: Vocab = Vocab {
    name: "session status",
    values: &[
        "Not Started",
        "In Progress",
        "Approved",
        "Declined",
        "In Review",
        "Awaiting User",
        "Resubmitted",
        "Expired",
        "Abandoned",
        "Kyc Expired",
    ],
    respell: true,
    deferred: false,
};

/// Feature (check) statuses: `id_verifications[].status`, `registry_checks[].status`…
pub(crate) const FEATURE_STATUS: Vocab = Vocab {
    name: "feature status",
    values: &[
        "Approved",
        "Declined",
        "In Review",
        "Not Finished",
        "Not Started",
        "Expired",
        "Resub Requested",
        "Awaiting User",
    ],
    respell: true,
    deferred: false,
};

/// User and business entity statuses. Canonical: upper case, as documented.
pub(crate) const ENTITY_STATUS: Vocab = Vocab {
    name: "entity status",
    values: &["ACTIVE", "FLAGGED", "BLOCKED"],
    respell: true,
    deferred: false,
};

/// Review statuses of AML hits.
pub(crate) const AML_HIT_REVIEW_STATUS: Vocab = Vocab {
    name: "AML hit review status",
    values: &[
        "Unreviewed",
        "Confirmed Match",
        "False Positive",
        "Inconclusive",
    ],
    respell: true,
    deferred: false,
};

/// The B2C-safe KYC status of a KYB party (beneficial owner, officer).
pub(crate) const PARTY_KYC_STATUS: Vocab = Vocab {
    name: "party KYC status",
    values: &["Approved", "Declined", "Pending"],
    respell: true,
    deferred: false,
};

/// `webhook_type` values.
pub(crate) const WEBHOOK_TYPE: Vocab = Vocab {
    name: "webhook type",
    values: &[
        "status.updated",
        "data.updated",
        "user.status.updated",
        "user.data.updated",
        "business.status.updated",
        "business.data.updated",
        "activity.created",
        "transaction.created",
        "transaction.status.updated",
        "travel_rule.status.updated",
    ],
    respell: false,
    deferred: false,
};

/// `session_kind` values.
pub(crate) const SESSION_KIND: Vocab = Vocab {
    name: "session kind",
    values: &["user", "business"],
    respell: false,
    deferred: false,
};

/// Marker for the envelope's `status` and `previous_status`: a session status on session
/// events, an entity status on `user.*` / `business.*` events, free text otherwise. Resolved
/// once `webhook_type` (the last key in Didit's sorted bodies) is known.
pub(crate) const ENVELOPE_STATUS: Vocab = Vocab {
    name: "envelope status",
    values: &[],
    respell: false,
    deferred: true,
};

/// Which vocabulary the envelope's `status` belongs to, by `webhook_type` (the webhooks page):
/// a session status on session events, an entity status on `user.*` and `business.*` events; on
/// an event type this version does not know that carries a `session_id` (the docs' own
/// `session.status.updated` spelling, say), most likely a session status, unless its prefix says
/// otherwise; free text on the rest.
pub(crate) struct EnvelopeRule {
    /// Event types whose status is a session status.
    pub session_types: &'static [&'static str],
    /// Prefixes of event types whose status is an entity status.
    pub entity_prefixes: &'static [&'static str],
    /// Prefixes of unknown event types whose status is not a session status.
    pub other_prefixes: &'static [&'static str],
}

pub(crate) const ENVELOPE_RULE: EnvelopeRule = EnvelopeRule {
    session_types: &["status.updated", "data.updated"],
    entity_prefixes: &["user.", "business."],
    other_prefixes: &["transaction."],
};

/// Which vocabulary the envelope's `status` belongs to, given `webhook_type` ([`ENVELOPE_RULE`]).
pub(crate) fn envelope_status_vocab(
    webhook_type: &str,
    known: bool,
    has_session_id: bool,
) -> Option<&'static Vocab> {
    let r = &ENVELOPE_RULE;
    let prefixed = |list: &[&str]| list.iter().any(|p| webhook_type.starts_with(p));
    if r.session_types.contains(&webhook_type) {
        Some(&SESSION_STATUS)
    } else if prefixed(r.entity_prefixes) {
        Some(&ENTITY_STATUS)
    } else if !known && has_session_id && !prefixed(r.other_prefixes) {
        Some(&SESSION_STATUS)
    } else {
        None
    }
}

/// A vocabulary as a Rust enum.
pub trait Family: Copy + Eq + fmt::Debug + 'static {
    /// Variants in vocabulary order.
    const ALL: &'static [Self];
    /// The vocabulary.
    #[doc(hidden)]
    const VOCAB: &'static Vocab;
    /// The TypeScript type name.
    #[doc(hidden)]
    const TS_NAME: &'static str;
    /// The canonical spelling.
    fn as_str(self) -> &'static str {
        let i = Self::ALL.iter().position(|v| *v == self).unwrap_or(0);
        Self::VOCAB.values.get(i).copied().unwrap_or("")
    }
}

macro_rules! family {
    ($(#[$m:meta])* $name:ident = $vocab:ident { $($(#[$vm:meta])* $v:ident),* $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vm])* $v),* }
        impl Family for $name {
            const ALL: &'static [Self] = &[$($name::$v),*];
            const VOCAB: &'static Vocab = &$vocab;
            const TS_NAME: &'static str = stringify!($name);
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

family! {
    /// A session's status (`status` of a decision or session webhook, `new_status` of a review).
    SessionStatus = SESSION_STATUS {
        /// `"Not Started"`: created, link not opened.
        NotStarted,
        /// `"In Progress"`: the user is in the flow.
        InProgress,
        /// `"Approved"`: all checks passed.
        Approved,
        /// `"Declined"`: one or more checks failed.
        Declined,
        /// `"In Review"`: manual review.
        InReview,
        /// `"Awaiting User"`: waiting for parties to complete their verification (KYB).
        AwaitingUser,
        /// `"Resubmitted"`: the user was asked to redo steps.
        Resubmitted,
        /// `"Expired"`: timed out before the user opened the link.
        Expired,
        /// `"Abandoned"`: started but not finished in time.
        Abandoned,
        /// `"Kyc Expired"`: a previously approved session passed its KYC expiration.
        KycExpired,
    }
}

family! {
    /// A feature's status (`id_verifications[].status`, `registry_checks[].status`…).
    FeatureStatus = FEATURE_STATUS {
        /// `"Approved"`.
        Approved,
        /// `"Declined"`.
        Declined,
        /// `"In Review"`.
        InReview,
        /// `"Not Finished"`.
        NotFinished,
        /// `"Not Started"`.
        NotStarted,
        /// `"Expired"`.
        Expired,
        /// `"Resub Requested"` (KYB).
        ResubRequested,
        /// `"Awaiting User"`: KYB key people while parties still have to submit.
        AwaitingUser,
    }
}

family! {
    /// A user or business entity's status (`user.status.updated`, `business.status.updated`).
    EntityStatus = ENTITY_STATUS {
        /// `"ACTIVE"`.
        Active,
        /// `"FLAGGED"`.
        Flagged,
        /// `"BLOCKED"`.
        Blocked,
    }
}

family! {
    /// The review status of an AML hit.
    AmlHitReviewStatus = AML_HIT_REVIEW_STATUS {
        /// `"Unreviewed"`.
        Unreviewed,
        /// `"Confirmed Match"`.
        ConfirmedMatch,
        /// `"False Positive"`.
        FalsePositive,
        /// `"Inconclusive"`.
        Inconclusive,
    }
}

family! {
    /// A KYB party's KYC status (detailed session states fold into `Pending`).
    PartyKycStatus = PARTY_KYC_STATUS {
        /// `"Approved"`.
        Approved,
        /// `"Declined"`.
        Declined,
        /// `"Pending"`.
        Pending,
    }
}

family! {
    /// A documented `webhook_type`.
    WebhookType = WEBHOOK_TYPE {
        /// `status.updated`: a KYC or KYB session changed status.
        StatusUpdated,
        /// `data.updated`: session data edited after creation.
        DataUpdated,
        /// `user.status.updated`.
        UserStatusUpdated,
        /// `user.data.updated`.
        UserDataUpdated,
        /// `business.status.updated`.
        BusinessStatusUpdated,
        /// `business.data.updated`.
        BusinessDataUpdated,
        /// `activity.created`.
        ActivityCreated,
        /// `transaction.created`.
        TransactionCreated,
        /// `transaction.status.updated`.
        TransactionStatusUpdated,
        /// `travel_rule.status.updated` (listed by a third-party digest only).
        TravelRuleStatusUpdated,
    }
}

family! {
    /// `session_kind`.
    SessionKind = SESSION_KIND {
        /// `"user"`: KYC.
        User,
        /// `"business"`: KYB.
        Business,
    }
}

/// A string of a documented vocabulary: the raw string as sent, and the variant it spells
/// (`None` when this version does not know it).
#[derive(Clone, PartialEq, Eq)]
pub struct Status<F: Family> {
    raw: String,
    value: Option<F>,
}

impl<F: Family> Status<F> {
    /// Reads `raw` (either documented spelling).
    pub fn parse(raw: &str) -> Self {
        let value = F::VOCAB
            .lookup(raw.as_bytes())
            .and_then(|i| F::ALL.get(i).copied());
        Status {
            raw: raw.to_owned(),
            value,
        }
    }

    /// The variant, or `None` for a string this version does not know.
    pub fn value(&self) -> Option<F> {
        self.value
    }

    /// Whether the string is a documented value (in either spelling).
    pub fn is_known(&self) -> bool {
        self.value.is_some()
    }

    /// The canonical spelling (`"In Review"` for `"IN_REVIEW"`); the raw string when unknown.
    pub fn canonical(&self) -> &str {
        match self.value {
            Some(v) => v.as_str(),
            None => &self.raw,
        }
    }

    /// The string as sent.
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

impl<F: Family> From<F> for Status<F> {
    fn from(v: F) -> Self {
        Status {
            raw: v.as_str().to_owned(),
            value: Some(v),
        }
    }
}

impl<F: Family> PartialEq<F> for Status<F> {
    fn eq(&self, other: &F) -> bool {
        self.value == Some(*other)
    }
}

impl<F: Family> fmt::Debug for Status<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.value {
            Some(v) if v.as_str() == self.raw => write!(f, "{v:?}"),
            Some(v) => write!(f, "{v:?}({:?})", self.raw),
            None => write!(f, "Unknown({:?})", self.raw),
        }
    }
}

impl<F: Family> fmt::Display for Status<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.canonical())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_spellings_and_unknown() {
        let s = Status::<SessionStatus>::parse("IN_REVIEW");
        assert_eq!(s.value(), Some(SessionStatus::InReview));
        assert_eq!(s.canonical(), "In Review");
        assert_eq!(s.raw(), "IN_REVIEW");
        assert_eq!(s, SessionStatus::InReview);
        assert_eq!(format!("{s:?}"), "InReview(\"IN_REVIEW\")");
        let k = Status::<SessionStatus>::parse("Kyc Expired");
        assert_eq!(k.value(), Some(SessionStatus::KycExpired));
        assert_eq!(
            Status::<SessionStatus>::parse("KYC_EXPIRED").value(),
            Some(SessionStatus::KycExpired)
        );
        let u = Status::<SessionStatus>::parse("On Hold");
        assert!(!u.is_known());
        assert_eq!(u.canonical(), "On Hold");
        assert_eq!(format!("{u:?}"), "Unknown(\"On Hold\")");
        assert_eq!(
            Status::<EntityStatus>::parse("Flagged").canonical(),
            "FLAGGED"
        );
        assert_eq!(
            Status::<FeatureStatus>::parse("RESUB_REQUESTED").value(),
            Some(FeatureStatus::ResubRequested)
        );
        assert_eq!(Status::<WebhookType>::parse("STATUS.UPDATED").value(), None);
    }

    #[test]
    fn enums_match_their_vocabularies() {
        fn check<F: Family>() {
            assert_eq!(F::ALL.len(), F::VOCAB.values.len());
            for (i, v) in F::ALL.iter().enumerate() {
                assert_eq!(Some(&v.as_str()), F::VOCAB.values.get(i));
                assert_eq!(Status::<F>::parse(v.as_str()).value(), Some(*v));
            }
        }
        check::<SessionStatus>();
        check::<FeatureStatus>();
        check::<EntityStatus>();
        check::<AmlHitReviewStatus>();
        check::<PartyKycStatus>();
        check::<WebhookType>();
        check::<SessionKind>();
    }
}
