//! What readers see of the SLA: each ticket's clocks (remaining, paused, breached), the
//! explanation of every deadline, the "SLA at risk" queue, and one's notifications. Reading a
//! ticket's SLA needs to be able to read the ticket; OLA clocks and the journal's SLA events
//! are internal (`ticket.read_internal`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::ids::{TicketId, UserId};
use escalade_core::sla::{
    Choice, ClockExplanation, ClockKind, ClockView, Outcome, PinnedBy, Step, explain,
};
use escalade_core::ticket::Ticket;
use escalade_store::clocks::{self, StoredClock};
use escalade_store::journal as journal_store;
use escalade_store::notifications::{self, NotificationRow};
use escalade_store::tickets::TicketPage;
use serde::Serialize;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::tickets::parse_number;

/// One clock as the ticket answer shows it.
#[derive(Debug, Clone, Serialize)]
pub struct ClockSummary {
    /// Clock id.
    pub id: i64,
    /// `response`, `resolution`, `update` or `ola`.
    pub kind: ClockKind,
    /// The level measured (OLA).
    pub level: Option<i64>,
    /// The group measured (OLA).
    pub group_id: Option<i64>,
    /// The policy (or OLA target).
    pub policy_id: i64,
    /// Its name when chosen.
    pub policy_name: String,
    /// The calendar.
    pub calendar_id: i64,
    /// The target in business seconds.
    pub target_seconds: i64,
    /// Started.
    pub started_at: DateTime<Utc>,
    /// Stopped.
    pub stopped_at: Option<DateTime<Utc>>,
    /// How it ended.
    pub outcome: Option<Outcome>,
    /// When its warning fired.
    pub warned_at: Option<DateTime<Utc>>,
    /// When its breach fired.
    pub breached_at: Option<DateTime<Utc>>,
    /// Where it stands now.
    pub view: ClockView,
    /// Who pinned its policy, when the policy was pinned rather than chosen by conditions.
    pub pinned_by: Option<PinnedBy>,
}

/// A ticket's SLA: the policy its clocks measure and the current clocks (the latest of each
/// kind).
#[derive(Debug, Clone, Default, Serialize)]
pub struct TicketSla {
    /// The SLA policy, when one applies.
    pub policy: Option<(i64, String)>,
    /// The clocks.
    pub clocks: Vec<ClockSummary>,
}

/// How one clock's deadline was computed, with the policy choice and calendar.
#[derive(Debug, Clone, Serialize)]
pub struct ExplainedClock {
    /// Clock id.
    pub id: i64,
    /// The level measured (OLA).
    pub level: Option<i64>,
    /// The group measured (OLA).
    pub group_id: Option<i64>,
    /// The policy (or OLA target) and why it was chosen (conditions matched, earlier policies
    /// passed over and why).
    pub policy: serde_json::Value,
    /// The calendar the target runs on.
    pub calendar: serde_json::Value,
    /// The computation.
    #[serde(flatten)]
    pub explanation: ClockExplanation,
}

/// A ticket's deadlines explained.
#[derive(Debug, Clone, Serialize)]
pub struct SlaExplanation {
    /// The ticket number.
    pub ticket: String,
    /// The instant the explanation was computed at.
    pub now: DateTime<Utc>,
    /// Every clock, oldest first (history included).
    pub clocks: Vec<ExplainedClock>,
    /// The journal's SLA events (warnings, breaches, recomputations, actions), oldest first;
    /// empty for readers without `ticket.read_internal`.
    pub events: Vec<serde_json::Value>,
}

fn summary(k: &StoredClock, view: ClockView) -> ClockSummary {
    ClockSummary {
        id: k.id,
        kind: k.clock.kind,
        level: k.level.map(|l| l.get()),
        group_id: k.group.map(|g| g.0),
        policy_id: k.policy_id,
        policy_name: k.policy_name.clone(),
        calendar_id: k.calendar_id,
        target_seconds: k.clock.target_seconds,
        started_at: k.clock.started_at,
        stopped_at: k.clock.stopped_at,
        outcome: k.clock.outcome,
        warned_at: k.clock.warned_at,
        breached_at: k.clock.breached_at,
        view,
        pinned_by: serde_json::from_value(k.choice["pinned"].clone()).ok(),
    }
}

/// A recomputation recorded in the journal (`data.sla.event` = `recomputed`) as a step of the
/// explanation of a clock of `kind` started at `started`, when it moved that clock.
fn recomputation(ev: &serde_json::Value, kind: ClockKind, started: DateTime<Utc>) -> Option<Step> {
    let data = &ev["data"];
    if data["event"] != "recomputed" {
        return None;
    }
    let at: DateTime<Utc> = serde_json::from_value(ev["at"].clone()).ok()?;
    let moved = data["clocks"]
        .as_array()?
        .iter()
        .find(|c| c["kind"] == kind.as_str())?;
    if at < started {
        return None;
    }
    let due = |v: &serde_json::Value| serde_json::from_value(v.clone()).ok();
    Some(Step::Recomputed {
        at,
        changed: data["changed"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect(),
        from_policy: data["from_policy"]["name"].as_str()?.to_string(),
        to_policy: data["to_policy"]["name"].as_str()?.to_string(),
        due_before: due(&moved["due_before"]),
        due_after: due(&moved["due_after"]),
    })
}

impl App {
    /// The SLA of tickets the caller has already read through the service (a ticket answer or
    /// a list page): the latest clock of each kind; OLA clocks only for internal readers.
    pub async fn sla_of(
        &self,
        caller: &Caller,
        tickets: &[&Ticket],
    ) -> Result<HashMap<TicketId, TicketSla>, AppError> {
        let ids: Vec<TicketId> = tickets.iter().map(|t| t.id).collect();
        let rows = {
            let mut c = self.store.read().await?;
            clocks::for_tickets(&mut c, &ids).await?
        };
        let cfg = self.sla_config().await?;
        let internal = caller.has(Permission::TicketReadInternal);
        let now = self.clock.now();
        let mut latest: HashMap<(TicketId, ClockKind), &StoredClock> = HashMap::new();
        for k in &rows {
            if k.clock.kind == ClockKind::Ola && !internal {
                continue;
            }
            latest.insert((k.ticket, k.clock.kind), k);
        }
        let mut out: HashMap<TicketId, TicketSla> =
            ids.iter().map(|id| (*id, TicketSla::default())).collect();
        let mut chosen: Vec<_> = latest.into_values().collect();
        chosen.sort_by_key(|k| k.id);
        for k in chosen {
            let Some(cal) = cfg.calendar(k.calendar_id) else {
                continue;
            };
            let entry = out.entry(k.ticket).or_default();
            if k.clock.kind != ClockKind::Ola {
                entry.policy = Some((k.policy_id, k.policy_name.clone()));
            }
            entry.clocks.push(summary(k, k.clock.view(cal, now)));
        }
        Ok(out)
    }

    /// How every deadline of a ticket was computed (`ticket.read` on it).
    pub async fn explain_sla(
        &self,
        caller: &Caller,
        number: &str,
    ) -> Result<SlaExplanation, AppError> {
        let id = parse_number(number)?.id();
        let mut c = self.store.read().await?;
        let (detail, facts) = self.visible(&mut c, caller, id).await?;
        let internal = caller
            .decide(Permission::TicketReadInternal, &facts)
            .allowed;
        let rows = clocks::for_ticket(&mut c, id).await?;
        let events = if internal {
            journal_store::list(&mut c, id, true, 0, 1000)
                .await?
                .into_iter()
                .filter_map(|e| {
                    let data: serde_json::Value = serde_json::from_str(&e.data).ok()?;
                    let sla = data.get("sla").cloned().or_else(|| {
                        (data.get("reason").and_then(|r| r.as_str()) == Some("sla"))
                            .then(|| data.clone())
                    })?;
                    Some(serde_json::json!({
                        "journal_id": e.id, "at": e.created_at, "kind": e.kind,
                        "body": e.body, "data": sla,
                    }))
                })
                .collect()
        } else {
            Vec::new()
        };
        drop(c);
        let cfg = self.sla_config().await?;
        let now = self.clock.now();
        let mut explained = Vec::new();
        for k in rows {
            if k.clock.kind == ClockKind::Ola && !internal {
                continue;
            }
            let Some(cal) = cfg.calendar(k.calendar_id) else {
                continue;
            };
            let schedule = if cal.is_always_open() {
                "24x7"
            } else {
                "working_week"
            };
            let mut explanation = explain(&k.clock, cal, now);
            // The policy and why come first (pinned, or chosen by conditions), the
            // recomputations the journal recorded for this clock last; the English summary
            // says the first too.
            let choice: Option<Choice> = serde_json::from_value(k.choice.clone()).ok();
            let policy_steps = choice.as_ref().map(Step::of_choice).unwrap_or_default();
            if !policy_steps.is_empty() {
                let said: Vec<String> = policy_steps.iter().map(ToString::to_string).collect();
                explanation.summary = format!("{} {}", said.join(" "), explanation.summary);
            }
            let recomputed = events
                .iter()
                .filter_map(|ev| recomputation(ev, k.clock.kind, k.clock.started_at));
            explanation.steps = policy_steps
                .into_iter()
                .chain(std::mem::take(&mut explanation.steps))
                .chain(recomputed)
                .collect();
            explained.push(ExplainedClock {
                id: k.id,
                level: k.level.map(|l| l.get()),
                group_id: k.group.map(|g| g.0),
                policy: serde_json::json!({
                    "id": k.policy_id,
                    "name": k.policy_name,
                    "kind": if k.clock.kind == ClockKind::Ola { "ola_target" } else { "sla_policy" },
                    "why": k.choice,
                }),
                calendar: serde_json::json!({
                    "id": k.calendar_id,
                    "name": cal.name,
                    "time_zone": cal.time_zone.name(),
                    "schedule": schedule,
                }),
                explanation,
            });
        }
        Ok(SlaExplanation {
            ticket: detail.ticket.number().to_string(),
            now,
            clocks: explained,
            events,
        })
    }

    /// The "SLA at risk" queue: the tickets the caller may read whose running clock warned or
    /// breached, the most pressing deadline first.
    pub async fn sla_at_risk(
        &self,
        caller: &Caller,
        page: i64,
        per_page: i64,
    ) -> Result<TicketPage, AppError> {
        caller.require(Permission::TicketRead)?;
        let v = caller.actor.ticket_visibility();
        let mut c = self.store.read().await?;
        Ok(clocks::at_risk(&mut c, &v, page, per_page).await?)
    }

    /// The caller's notifications, newest first, and how many are unread.
    pub async fn notifications(
        &self,
        caller: &Caller,
        unread_only: bool,
        before_id: Option<i64>,
        limit: i64,
    ) -> Result<(Vec<NotificationRow>, i64), AppError> {
        let mut c = self.store.read().await?;
        let me = caller.id();
        let rows = notifications::list(&mut c, me, unread_only, before_id, limit).await?;
        let unread = notifications::unread_count(&mut c, me).await?;
        Ok((rows, unread))
    }

    /// Marks one of the caller's notifications read; someone else's is not found.
    pub async fn mark_notification_read(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        let (me, now): (UserId, _) = (caller.id(), self.clock.now());
        let found = self
            .store
            .write(move |c| Box::pin(async move { notifications::mark_read(c, me, id, now).await }))
            .await?;
        if found {
            Ok(())
        } else {
            Err(AppError::NotFound("notification"))
        }
    }
}
