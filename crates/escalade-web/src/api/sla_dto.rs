//! SLA DTOs: the `sla` part of a ticket answer, and the JSON of calendars, policies and OLA
//! targets. Calendars, policies and OLA targets are exchanged as the JSON administrators write
//! (docs/CALENDARS.md, docs/SLA.md) with `id`, `active`, `position` and times beside.

use chrono::{DateTime, Utc};
use escalade_app::sla::reading::{ClockSummary, TicketSla};
use escalade_store::sla::{StoredCalendar, StoredOla, StoredPolicy};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::extract::parse_json;

/// One clock of a ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClockOut {
    /// Clock id.
    pub id: i64,
    /// `response`, `resolution`, `update` or `ola`.
    pub kind: String,
    /// `running`, `paused`, `met` or `breached`.
    pub state: String,
    /// When the target runs out (while running; the last deadline once stopped).
    pub due_at: Option<DateTime<Utc>>,
    /// Whole business minutes left; negative once past the target.
    pub remaining_minutes: i64,
    /// Whole business minutes consumed.
    pub elapsed_minutes: i64,
    /// The target in business minutes (fractions when set in seconds).
    pub target_minutes: f64,
    /// Whether the warning threshold was crossed.
    pub warned: bool,
    /// Whether the target was missed.
    pub breached: bool,
    /// Whether it is paused (the ticket is pending).
    pub paused: bool,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Stopped (first response given, ticket resolved, level handed on).
    pub stopped_at: Option<DateTime<Utc>>,
    /// The SLA policy or OLA target.
    pub policy_id: i64,
    /// Its name.
    pub policy_name: String,
    /// The calendar.
    pub calendar_id: i64,
    /// The level measured (OLA clocks).
    pub level: Option<i64>,
    /// The group measured (OLA clocks).
    pub group_id: Option<i64>,
    /// Whether the policy is pinned on the ticket (by a rule or a person) rather than chosen
    /// by conditions; the explanation says by whom.
    pub pinned: bool,
}

/// Minutes left, counting a started minute as a whole one (4 h less a second is still 240
/// minutes, so the figure does not move the moment a clock starts); past the target, the
/// minutes over it, counted the same way and negative.
fn whole_minutes_left(seconds: i64) -> i64 {
    if seconds > 0 {
        (seconds + 59) / 60
    } else {
        -((-seconds + 59) / 60)
    }
}

impl From<ClockSummary> for ClockOut {
    fn from(k: ClockSummary) -> Self {
        ClockOut {
            id: k.id,
            kind: k.kind.as_str().to_string(),
            state: k.view.state.as_str().to_string(),
            due_at: k.view.due_at,
            remaining_minutes: whole_minutes_left(k.view.remaining_seconds),
            elapsed_minutes: k.view.elapsed_seconds / 60,
            target_minutes: k.target_seconds as f64 / 60.0,
            warned: k.view.warned,
            breached: k.view.breached,
            paused: k.view.paused,
            started_at: k.started_at,
            stopped_at: k.stopped_at,
            policy_id: k.policy_id,
            policy_name: k.policy_name,
            calendar_id: k.calendar_id,
            level: k.level,
            group_id: k.group_id,
            pinned: k.pinned_by.is_some(),
        }
    }
}

/// The policy a ticket's SLA clocks measure.
#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyRef {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A ticket's SLA: its policy and the latest clock of each kind (OLA clocks for agents only).
/// `GET /tickets/{number}/sla/explain` tells how each deadline was computed.
#[derive(Debug, Default, Serialize, ToSchema)]
pub struct SlaOut {
    /// The SLA policy; `null` when none applies.
    pub policy: Option<PolicyRef>,
    /// The clocks.
    pub clocks: Vec<ClockOut>,
}

impl From<TicketSla> for SlaOut {
    fn from(s: TicketSla) -> Self {
        SlaOut {
            policy: s.policy.map(|(id, name)| PolicyRef { id, name }),
            clocks: s.clocks.into_iter().map(Into::into).collect(),
        }
    }
}

/// Merges `extra` into the JSON object of `v`.
fn with(mut v: Value, extra: Value) -> Value {
    if let (Some(obj), Value::Object(extra)) = (v.as_object_mut(), extra) {
        obj.extend(extra);
    }
    v
}

/// A calendar as the API shows it: its JSON with `id` and times.
pub fn calendar_out(k: StoredCalendar) -> Value {
    with(
        serde_json::to_value(&k.calendar).unwrap_or(Value::Null),
        json!({"id": k.id, "created_at": k.created_at, "updated_at": k.updated_at}),
    )
}

/// A policy as the API shows it: its JSON with `id`, `position`, `active` and times.
pub fn policy_out(p: StoredPolicy) -> Value {
    with(
        serde_json::to_value(&p.policy.definition).unwrap_or(Value::Null),
        json!({
            "id": p.policy.id, "position": p.position, "active": p.policy.active,
            "created_at": p.created_at, "updated_at": p.updated_at,
        }),
    )
}

/// An OLA target as the API shows it.
pub fn ola_out(o: StoredOla) -> Value {
    with(
        serde_json::to_value(&o.target.definition).unwrap_or(Value::Null),
        json!({
            "id": o.target.id, "active": o.target.active,
            "created_at": o.created_at, "updated_at": o.updated_at,
        }),
    )
}

/// Reads a policy or OLA target body: the definition's fields plus an optional `active`
/// (true by default). Unknown fields and wrong types are refused naming the field.
pub fn definition_in<T: serde::de::DeserializeOwned>(
    mut body: Value,
) -> Result<(T, bool), ApiError> {
    let active = match body.as_object_mut().and_then(|o| o.remove("active")) {
        None | Some(Value::Null) => true,
        Some(Value::Bool(b)) => b,
        Some(_) => {
            return Err(ApiError::new(
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                "active must be true or false",
            )
            .field("active"));
        }
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    Ok((parse_json(&bytes)?, active))
}

/// A list of calendars, policies or OLA targets.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemsOut {
    /// The items.
    #[schema(value_type = Vec<Object>)]
    pub items: Vec<Value>,
}

/// The order in which policies are tried.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyOrderIn {
    /// Every policy id once, first tried first.
    pub ids: Vec<i64>,
}

/// Paging of the at-risk queue.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AtRiskQuery {
    /// Page from 1.
    pub page: Option<i64>,
    /// Page size, 1-500, default 25.
    pub per_page: Option<i64>,
}

/// The lead of a group.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupLeadIo {
    /// An active agent, or `null` for none.
    pub user_id: Option<i64>,
}

/// A notification.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationOut {
    /// Id, increasing with time.
    pub id: i64,
    /// `sla_warning`, `sla_breach`, ...
    pub kind: String,
    /// The ticket concerned.
    pub ticket_id: Option<i64>,
    /// A sentence.
    pub body: String,
    /// Details.
    #[schema(value_type = Object)]
    pub data: Value,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When read.
    pub read_at: Option<DateTime<Utc>>,
}

/// One's notifications, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsOut {
    /// Notifications.
    pub items: Vec<NotificationOut>,
    /// How many are unread in all.
    pub unread: i64,
}

/// Paging of notifications.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationsQuery {
    /// Only unread ones.
    pub unread: Option<bool>,
    /// Older than this id.
    pub before: Option<i64>,
    /// At most this many (default 50, max 500).
    pub limit: Option<i64>,
}
