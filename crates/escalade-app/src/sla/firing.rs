//! Firing a due warning or breach exactly once, and running what the policy says it does.
//!
//! A batch claims due clocks (on PostgreSQL with `SKIP LOCKED`, so that nodes share the work),
//! and each clock fires inside a savepoint of its own: the conditional update that marks it
//! fired, the journal entry, and the actions (notify the assignee and the group lead, escalate
//! to the next level, raise the priority) commit together or not at all. A clock whose actions
//! fail for a database reason is rolled back alone and tried again on the next round.
//!
//! This is also where the rules engine will hear of SLA events: [`fire_one`] is the single
//! place a warning or breach happens.

use chrono::{DateTime, Utc};
use escalade_core::ids::{TicketId, UserId};
use escalade_core::journal::EntryKind;
use escalade_core::sla::{ClockKind, SlaAction, human_duration, raised, warn_seconds};
use escalade_core::ticket::{EscalationTarget, FieldChange, Ticket, plan_escalation};
use escalade_store::clocks::{self, Firing, StoredClock};
use escalade_store::journal::{self as journal_store, NewEntry};
use escalade_store::notifications::{self, NewNotification};
use escalade_store::tickets as ticket_store;
use escalade_store::{Conn, StoreError, sla as sla_store};
use serde_json::json;

use super::SlaConfig;
use super::ticket_clocks::{on_change, system_note};
use crate::App;

/// What one round of a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Clocks claimed as due.
    pub claimed: usize,
    /// Warnings or breaches this node fired.
    pub fired: usize,
    /// Clocks that failed and were left for the next round.
    pub failed: usize,
}

/// Claims up to `limit` clocks whose `firing` is due at `now` and fires each.
pub async fn fire_batch(
    app: &App,
    c: &mut Conn,
    cfg: &SlaConfig,
    firing: Firing,
    now: DateTime<Utc>,
    node: &str,
    limit: i64,
) -> Result<BatchOutcome, StoreError> {
    let due = clocks::claim_due(c, firing, now, limit).await?;
    let mut out = BatchOutcome {
        claimed: due.len(),
        ..Default::default()
    };
    for (id, _ticket) in due {
        c.raw("SAVEPOINT sla_fire").await?;
        match fire_one(app, c, cfg, id, firing, now, node).await {
            Ok(fired) => {
                c.raw("RELEASE SAVEPOINT sla_fire").await?;
                out.fired += usize::from(fired);
            }
            Err(e) => {
                tracing::warn!(clock = id, error = %e, "SLA firing failed; retried on the next round");
                c.raw("ROLLBACK TO SAVEPOINT sla_fire; RELEASE SAVEPOINT sla_fire")
                    .await?;
                out.failed += 1;
            }
        }
    }
    Ok(out)
}

fn at(t: Option<DateTime<Utc>>) -> String {
    t.map_or("-".into(), |t| {
        t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    })
}

/// Fires one clock if it is still due and unfired; `true` when this call fired it.
pub async fn fire_one(
    app: &App,
    c: &mut Conn,
    cfg: &SlaConfig,
    clock_id: i64,
    firing: Firing,
    now: DateTime<Utc>,
    node: &str,
) -> Result<bool, StoreError> {
    let fired = match firing {
        Firing::Warning => clocks::fire_warning(c, clock_id, now, node).await?,
        Firing::Breach => clocks::fire_breach(c, clock_id, now, node).await?,
    };
    if !fired {
        return Ok(false);
    }
    let k = clocks::get(c, clock_id)
        .await?
        .ok_or(StoreError::NotFound)?;
    let t = ticket_store::get(c, k.ticket)
        .await?
        .ok_or(StoreError::NotFound)?;
    let actions = actions_of(cfg, &k, firing);
    let recipients = if actions.contains(&SlaAction::Notify) {
        recipients(c, &t).await?
    } else {
        Vec::new()
    };
    let (event, body) = describe(&k, &t, firing);
    let data = json!({
        "event": event,
        "clock_id": k.id,
        "clock": k.clock.kind.as_str(),
        "level": k.level,
        "group_id": k.group.map(|g| g.0),
        "policy": {"id": k.policy_id, "name": k.policy_name},
        "due_at": k.clock.due_at,
        "warn_at": k.clock.warn_at,
        "node": node,
        "actions": actions.iter().map(|a| a.as_str()).collect::<Vec<_>>(),
        "notified": recipients.iter().map(|u| u.0).collect::<Vec<_>>(),
    });
    system_note(c, t.id, body.clone(), data.clone(), now).await?;
    for user in &recipients {
        notifications::add(
            c,
            &NewNotification {
                user: *user,
                ticket: Some(t.id),
                kind: format!("sla_{event}"),
                body: format!("{}: {body}", t.number()),
                data: data.clone(),
                at: now,
            },
        )
        .await?;
    }
    for action in actions {
        match action {
            SlaAction::Notify => {}
            SlaAction::RaisePriority => raise_priority(app, c, cfg, t.id, &k, now).await?,
            SlaAction::EscalateNextLevel => escalate(app, c, cfg, t.id, &k, firing, now).await?,
        }
    }
    Ok(true)
}

fn actions_of(cfg: &SlaConfig, k: &StoredClock, firing: Firing) -> Vec<SlaAction> {
    let (on_warning, on_breach) = match k.clock.kind {
        ClockKind::Ola => match cfg.ola(k.policy_id) {
            Some(d) => (&d.on_warning, &d.on_breach),
            None => return Vec::new(),
        },
        _ => match cfg.policy(k.policy_id) {
            Some(d) => (&d.on_warning, &d.on_breach),
            None => return Vec::new(),
        },
    };
    match firing {
        Firing::Warning => on_warning.clone(),
        Firing::Breach => on_breach.clone(),
    }
}

/// The assignee and the lead of the ticket's group, once each.
async fn recipients(c: &mut Conn, t: &Ticket) -> Result<Vec<UserId>, StoreError> {
    let mut out: Vec<UserId> = t.assignee.into_iter().collect();
    if let Some(g) = t.group
        && let Some(lead) = sla_store::group_lead(c, g.0).await.unwrap_or(None)
        && !out.contains(&UserId(lead))
    {
        out.push(UserId(lead));
    }
    Ok(out)
}

fn describe(k: &StoredClock, t: &Ticket, firing: Firing) -> (&'static str, String) {
    let what = match k.clock.kind {
        ClockKind::Ola => format!(
            "level {} operational target",
            k.level.map_or("?".into(), |l| l.to_string())
        ),
        kind => format!("{} target", kind.label()),
    };
    let target = human_duration(k.clock.target_seconds);
    match firing {
        Firing::Warning => (
            "warning",
            format!(
                "SLA warning: {} % of the {what} of {target} used ({} of business time); due {} (policy '{}'). '{}'",
                k.clock.warn_percent,
                human_duration(warn_seconds(k.clock.target_seconds, k.clock.warn_percent)),
                at(k.clock.due_at),
                k.policy_name,
                t.subject
            ),
        ),
        Firing::Breach => (
            "breach",
            format!(
                "SLA breached: the {what} of {target} ran out at {} (policy '{}'). '{}'",
                at(k.clock.due_at),
                k.policy_name,
                t.subject
            ),
        ),
    }
}

/// Raises the ticket's priority one step, as a change by the system, and lets the clocks
/// follow (the policy may change with the priority).
async fn raise_priority(
    app: &App,
    c: &mut Conn,
    cfg: &SlaConfig,
    ticket: TicketId,
    k: &StoredClock,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let t = ticket_store::get(c, ticket)
        .await?
        .ok_or(StoreError::NotFound)?;
    let Some(p) = raised(t.priority) else {
        system_note(
            c,
            ticket,
            "SLA action raise_priority: the priority is already critical".into(),
            json!({"event": "action", "action": "raise_priority", "result": "already_critical"}),
            now,
        )
        .await?;
        return Ok(());
    };
    if !t.status.is_open() {
        return Ok(());
    }
    let mut new = t.clone();
    new.priority = p;
    new.priority_manual = true;
    new.updated_at = now;
    new.version += 1;
    let security = ticket_store::is_security(c, ticket).await?;
    ticket_store::update(c, &new, security, t.version).await?;
    let change = FieldChange {
        field: "priority".into(),
        from: Some(t.priority.to_string()),
        to: Some(p.to_string()),
    };
    journal_store::append(
        c,
        &NewEntry {
            ticket,
            kind: EntryKind::FieldChange,
            author: None,
            public: false,
            body: String::new(),
            data: json!({"changes": [change], "reason": "sla", "clock": k.clock.kind.as_str()}),
            at: now,
        },
    )
    .await?;
    on_change(c, cfg, &t, &new, now).await?;
    // The `updated` rules hear of the scheduler's change, as of a person's.
    crate::rules::flow::after_scheduler_change(app, c, cfg, &t, &new, now, None)
        .await
        .map(drop)
}

/// Hands the ticket to the next level with an automatic hand-over summary; when that is not
/// possible (top level, several receiving groups, a ticket not open), says why in the journal.
async fn escalate(
    app: &App,
    c: &mut Conn,
    cfg: &SlaConfig,
    ticket: TicketId,
    k: &StoredClock,
    firing: Firing,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let t = ticket_store::get(c, ticket)
        .await?
        .ok_or(StoreError::NotFound)?;
    let event = match firing {
        Firing::Warning => "warning threshold crossed",
        Firing::Breach => "target breached",
    };
    let summary = format!(
        "Automatic escalation: SLA {} {event} at {} (policy '{}', target {}). \
         See the journal for what was done so far.",
        k.clock.kind.label(),
        at(Some(now)),
        k.policy_name,
        human_duration(k.clock.target_seconds),
    );
    let refused = |reason: String| json!({"event": "action", "action": "escalate_next_level", "result": "not_possible", "reason": reason});
    if !t.status.is_open() {
        return Ok(());
    }
    let group = match app.receiving_group(c, &t, None).await {
        Ok(g) => g,
        Err(e) => {
            let reason = e.to_string();
            let body = format!("SLA action escalate_next_level not possible: {reason}");
            system_note(c, ticket, body, refused(reason), now).await?;
            return Ok(());
        }
    };
    let target = EscalationTarget { level: None, group };
    let (new, record) = match plan_escalation(&t, target, &summary, now) {
        Ok(planned) => planned,
        Err(e) => {
            let reason = e.to_string();
            let body = format!("SLA action escalate_next_level not possible: {reason}");
            system_note(c, ticket, body, refused(reason), now).await?;
            return Ok(());
        }
    };
    let security = ticket_store::is_security(c, ticket).await?;
    ticket_store::update(c, &new, security, t.version).await?;
    journal_store::append(
        c,
        &NewEntry {
            ticket,
            kind: EntryKind::Escalation,
            author: None,
            public: false,
            body: record.summary,
            data: json!({
                "from_level": record.from_level, "to_level": record.to_level,
                "from_group": record.from_group, "to_group": record.to_group,
                "from_assignee": record.from_assignee,
                "from_status": t.status.as_str(),
                "reason": "sla", "clock": k.clock.kind.as_str(),
            }),
            at: now,
        },
    )
    .await?;
    on_change(c, cfg, &t, &new, now).await?;
    // The `updated` rules hear of the scheduler's change, as of a person's.
    crate::rules::flow::after_scheduler_change(app, c, cfg, &t, &new, now, None)
        .await
        .map(drop)
}
