//! Webhook events: the flat v3 envelope (`webhook_type`, integer `timestamp`, KYB fields at the
//! top), for every documented `webhook_type`, and the nested shape of Didit's KYB webhook page
//! (`{"event", "data": {…}}` with an ISO `timestamp`). Both are accepted.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::json::{Object, Value};

use super::field::{model, FieldType, Loose, Timestamp};
use super::schema::{mask, Ty};
use super::session::{Features, Session};
use super::vocab::{
    EntityStatus, SessionKind, SessionStatus, Status, WebhookType, ENVELOPE_STATUS,
};

type Str = String;
type Json = Value;
type Obj = Object;

/// The envelope's `status` / `previous_status`: a session status on session events, an entity
/// status (`ACTIVE`, `FLAGGED`, `BLOCKED`) on `user.*` and `business.*` events, free text on
/// the others. Read it with [`WebhookEvent::session_status`] or [`WebhookEvent::entity_status`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvelopeStatus(pub String);

impl FieldType for EnvelopeStatus {
    const TY: Ty = Ty::vocab(&ENVELOPE_STATUS);
    fn read(v: &Value) -> Option<Self> {
        v.as_str().map(|s| EnvelopeStatus(s.to_owned()))
    }
    fn write(&self) -> Value {
        Value::String(self.0.clone())
    }
    #[cfg(test)]
    fn ts() -> String {
        "string".into()
    }
}

model! {
    /// What to redo on `status: "Resubmitted"` (sent instead of `decision`).
    ResubmitInfo {
        /// Nodes the user must redo.
        nodes_to_resubmit: Vec<Json>,
        /// Why, keyed by node id.
        reasons: Obj,
    }
}

model! {
    /// `data` of the nested KYB webhook shape.
    NestedEventData {
        /// The decision (KYB shape).
        decision: Session,
        /// Features of the workflow.
        features: Features,
        /// The status before this change.
        previous_status: Status<SessionStatus>,
        /// Session id.
        session_id: Str,
        /// `"business"`.
        session_kind: Status<SessionKind>,
        /// The new status.
        status: Status<SessionStatus>,
        /// The integrator's reference.
        vendor_data: Str,
        /// Workflow.
        workflow_id: Str,
    }
}

model! {
    /// A webhook delivery's body. One type for every `webhook_type`: which members are present
    /// depends on it (see [`WebhookEvent::kind`]).
    WebhookEvent {
        /// Your application.
        application_id: Str,
        /// KYB: the business session's id.
        business_session_id: Str,
        /// `user.data.updated` / `business.data.updated`: what changed.
        changed_fields: Loose<{ mask::ARR | mask::OBJ }>,
        /// When the session was created (Unix seconds).
        created_at: Timestamp,
        /// The nested KYB shape's payload.
        data: NestedEventData,
        /// The session's decision, on `Approved`, `Declined`, `In Review` and (partially)
        /// `Abandoned`: the same shape as `GET /v3/session/{id}/decision/`.
        decision: Session,
        /// `sandbox` or `live` (not in the documented sample; optional).
        environment: Str,
        /// The nested KYB shape's event type.
        event: Status<WebhookType>,
        /// Idempotency key.
        event_id: Str,
        /// What the integrator sent at session creation.
        metadata: Json,
        /// The status before this change (status events).
        previous_status: EnvelopeStatus,
        /// On `Resubmitted`: what to redo.
        resubmit_info: ResubmitInfo,
        /// Session id.
        session_id: Str,
        /// `"business"` on KYB events.
        session_kind: Status<SessionKind>,
        /// The new status.
        status: EnvelopeStatus,
        /// Unix seconds; equals `X-Timestamp` (an ISO string in the nested KYB shape).
        timestamp: Timestamp,
        /// KYB: the integrator's business reference.
        vendor_business_id: Str,
        /// The integrator's reference.
        vendor_data: Str,
        /// The event type.
        webhook_type: Status<WebhookType>,
        /// Workflow.
        workflow_id: Str,
        /// Workflow version.
        workflow_version: i64,
    }
}

pub(crate) const EVENT_TY: Ty = <WebhookEvent as FieldType>::TY;

impl WebhookEvent {
    /// The event type: `webhook_type`, or the nested shape's `event`.
    pub fn kind(&self) -> Option<&Status<WebhookType>> {
        self.webhook_type.as_ref().or(self.event.as_ref())
    }

    /// Whether this is a KYB (business session) event.
    pub fn is_business(&self) -> bool {
        let kind = self
            .session_kind
            .as_ref()
            .or_else(|| self.data.as_ref().and_then(|d| d.session_kind.as_ref()));
        kind.is_some_and(|k| *k == SessionKind::Business)
    }

    /// The session status of a session event (`status.updated`, `data.updated`, the nested
    /// shape): `status`, or the nested `data.status`.
    pub fn session_status(&self) -> Option<Status<SessionStatus>> {
        if let Some(d) = &self.data {
            if let Some(s) = &d.status {
                return Some(s.clone());
            }
        }
        match self.kind().and_then(|k| k.value()) {
            Some(WebhookType::StatusUpdated | WebhookType::DataUpdated) | None => self
                .status
                .as_ref()
                .map(|s| Status::<SessionStatus>::parse(&s.0)),
            Some(_) => None,
        }
    }

    /// The entity status of a `user.*` / `business.*` event.
    pub fn entity_status(&self) -> Option<Status<EntityStatus>> {
        let kind = self.kind()?;
        let entity = kind.raw().starts_with("user.") || kind.raw().starts_with("business.");
        if !entity {
            return None;
        }
        self.status
            .as_ref()
            .map(|s| Status::<EntityStatus>::parse(&s.0))
    }

    /// The decision, from the flat or the nested shape.
    pub fn decision(&self) -> Option<&Session> {
        self.decision
            .as_ref()
            .or_else(|| self.data.as_ref().and_then(|d| d.decision.as_ref()))
    }
}

/// Reads a validated event; a decision without its own `session_kind` takes the envelope's.
pub(crate) fn read_event(v: &Value) -> Option<WebhookEvent> {
    let mut event = WebhookEvent::from_value(v)?;
    let o = v.as_object()?;
    if event.is_business() {
        if let Some(d) = o.get("decision") {
            event.decision = Session::read_as(d, true);
        }
        if let (Some(data), Some(Value::Object(nested))) = (event.data.as_mut(), o.get("data")) {
            if let Some(d) = nested.get("decision") {
                data.decision = Session::read_as(d, true);
            }
        }
    }
    Some(event)
}
