//! Time rules on the scheduler: when a ticket *enters* the state a time rule watches (pending,
//! resolved, open without assignee), the write that moved it schedules one durable job, due
//! when the rule says (`TimeRule::due_at`). When the job comes up, the rule is asked again
//! (`TimeRule::check`) on the ticket as it is then, since it may have moved on; only a rule
//! still due acts. Jobs are claimed by one node and completed in the transaction of their
//! effects (the scheduler's guarantee), so each acts once even with several nodes.
//!
//! A job's key names the rule, the ticket and the instant the ticket entered the state
//! (`time_rule:3:42:1733050000000`): scheduling again for the same entry is idempotent, and a
//! new entry into the state cancels the jobs of earlier entries, so a ticket resolved, reopened
//! and resolved again is closed N days after the *last* resolution.
//!
//! The same write records when the ticket entered pending or resolved
//! (`ticket_state_entries`): a job acts only while the ticket is in the very period it was
//! scheduled for, so a job left from an earlier stay (its cancellation raced with it, or the
//! rule was off when the ticket came back) does nothing. A pending period gets its reminder
//! `after_hours` after it began, once (with `repeat`, once per further `after_hours`); each
//! reminder of a period is a numbered row of `time_rule_reminders`, claimed before it is sent,
//! so a step is never sent twice.
//!
//! The changes a time rule makes (closing, escalating) run the `updated` event rules, as a
//! change by the scheduler (`flow::after_scheduler_change`).

use chrono::{DateTime, Utc};
use escalade_core::ids::TicketId;
use escalade_core::journal::EntryKind;
use escalade_core::rules::{TimeAction, TimeFacts, TimeRule, TimeRuleKind};
use escalade_core::ticket::{EscalationTarget, Status, Ticket, plan_escalation};
use escalade_store::jobs::{self, JobRow, NewJob};
use escalade_store::journal::{self as journal_store, NewEntry};
use escalade_store::notifications::{self, NewNotification};
use escalade_store::rules as store;
use escalade_store::tickets as ticket_store;
use escalade_store::{BoxFuture, Conn, StoreError, args};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::App;
use crate::sla::scheduler::JobHandler;

/// The kind of the scheduler's jobs for time rules.
pub const JOB_KIND: &str = "time_rule";

/// What a time rule's job carries.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Payload {
    rule: i64,
    since: DateTime<Utc>,
    #[serde(default)]
    last_reminder: Option<DateTime<Utc>>,
}

/// The states whose periods are recorded (`ticket_state_entries`), with their status.
const WATCHED: [(&str, Status); 2] = [("pending", Status::Pending), ("resolved", Status::Resolved)];

fn entered(rule: &TimeRule, old: Option<&Ticket>, new: &Ticket) -> bool {
    match &rule.kind {
        TimeRuleKind::RemindPending(_) => {
            new.status == Status::Pending && old.is_none_or(|o| o.status != Status::Pending)
        }
        TimeRuleKind::AutoCloseResolved(_) => {
            new.status == Status::Resolved && old.is_none_or(|o| o.status != Status::Resolved)
        }
        TimeRuleKind::EscalateUnassigned(e) => {
            // A ticket already in the rule's group is where the rule would send it.
            new.status.is_open()
                && new.assignee.is_none()
                && e.to_group.is_none_or(|g| new.group != Some(g))
                && old.is_none_or(|o| {
                    o.assignee.is_some()
                        || !o.status.is_open()
                        || o.level != new.level
                        || o.group != new.group
                })
        }
    }
}

/// Schedules the jobs of the time rules whose state the ticket entered with this change
/// (`old` is `None` for a new ticket), in the change's transaction. `running` is the job
/// being run, when a time rule's own action made the change.
pub async fn schedule(
    c: &mut Conn,
    rules: &[(i64, TimeRule)],
    old: Option<&Ticket>,
    new: &Ticket,
    now: DateTime<Utc>,
    running: Option<i64>,
) -> Result<(), StoreError> {
    // Recorded whatever the rules say now: a rule switched on later must still tell a job of
    // an earlier period from the present one.
    for (state, status) in WATCHED {
        if new.status == status && old.is_none_or(|o| o.status != status) {
            store::enter_state(c, new.id.0, state, now).await?;
        }
    }
    for (id, rule) in rules {
        if !rule.active || !entered(rule, old, new) {
            continue;
        }
        let facts = TimeFacts::of(new, now, Some(now), None);
        let Some(due) = rule.due_at(&facts) else {
            continue;
        };
        let payload = Payload {
            rule: *id,
            since: now,
            last_reminder: None,
        };
        cancel_earlier(c, *id, new.id, running).await?;
        put(c, *id, new.id, &payload, due, now, "").await?;
    }
    Ok(())
}

async fn cancel_earlier(
    c: &mut Conn,
    rule: i64,
    ticket: TicketId,
    running: Option<i64>,
) -> Result<(), StoreError> {
    c.exec(
        "DELETE FROM scheduled_jobs WHERE kind = $1 AND ticket_id = $2 AND job_key LIKE $3 \
         AND done_at IS NULL AND id <> $4",
        args![
            JOB_KIND,
            ticket.0,
            format!("{JOB_KIND}:{rule}:{}:%", ticket.0),
            running.unwrap_or(0)
        ],
    )
    .await?;
    Ok(())
}

async fn put(
    c: &mut Conn,
    rule: i64,
    ticket: TicketId,
    p: &Payload,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
    suffix: &str,
) -> Result<i64, StoreError> {
    let key = format!(
        "{JOB_KIND}:{rule}:{}:{}{suffix}",
        ticket.0,
        p.since.timestamp_millis()
    );
    jobs::schedule(
        c,
        &NewJob {
            kind: JOB_KIND.into(),
            key: Some(key),
            ticket: Some(ticket),
            payload: serde_json::to_value(p).unwrap_or_default(),
            run_at: due,
        },
        now,
    )
    .await
}

/// The scheduler's handler for time rules' jobs.
pub struct TimeRuleJobs;

impl JobHandler for TimeRuleJobs {
    fn run<'a>(
        &'a self,
        app: &'a App,
        c: &'a mut Conn,
        job: &'a JobRow,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(run_job(app, c, job, now))
    }
}

fn app_error(e: crate::AppError) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

async fn run_job(
    app: &App,
    c: &mut Conn,
    job: &JobRow,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Ok(p) = serde_json::from_str::<Payload>(&job.payload) else {
        return Ok(());
    };
    // A deleted or broken rule, or a vanished ticket: nothing is due any more.
    let Some(row) = store::time_rule(c, p.rule).await? else {
        return Ok(());
    };
    let Ok(rule) = TimeRule::from_json(&row.definition) else {
        return Ok(());
    };
    let Some(ticket_id) = job.ticket_id.map(TicketId) else {
        return Ok(());
    };
    let Some(t) = ticket_store::get(c, ticket_id).await? else {
        return Ok(());
    };
    let Some(period) = present_period(c, &rule, &t, &p).await? else {
        return Ok(());
    };
    let facts = TimeFacts::of(&t, p.since, Some(p.since), period.last_reminder);
    let Some(action) = rule.check(&facts, now) else {
        return Ok(());
    };
    let who = json!({"id": p.rule, "name": rule.name});
    match action {
        TimeAction::Remind(spec) => {
            let step = period.sent + 1;
            let period_ms = p.since.timestamp_millis();
            if !store::claim_reminder(c, p.rule, t.id.0, period_ms, step, now).await? {
                return Ok(());
            }
            store::queue_reply(
                c,
                t.id.0,
                None,
                Some(p.rule),
                &spec.template,
                &spec.text,
                now,
            )
            .await?;
            let body = format!(
                "Time rule '{}': reminder sent to the requester after the ticket waited in pending.",
                rule.name
            );
            note(
                c,
                t.id,
                body.clone(),
                json!({"time_rule": who, "action": "remind", "template": spec.template}),
                now,
            )
            .await?;
            if let Some(user) = t.assignee {
                notifications::add(
                    c,
                    &NewNotification {
                        user,
                        ticket: Some(t.id),
                        kind: "time_rule_reminder".into(),
                        body,
                        data: json!({"time_rule": who}),
                        at: now,
                    },
                )
                .await?;
            }
            let again = TimeFacts::of(&t, p.since, Some(p.since), Some(now));
            if let Some(due) = rule.due_at(&again) {
                let next = Payload {
                    last_reminder: Some(now),
                    ..p.clone()
                };
                let suffix = format!(":r{}", now.timestamp_millis());
                put(c, p.rule, t.id, &next, due, now, &suffix).await?;
            }
            Ok(())
        }
        TimeAction::Close => {
            let patch = action.patch().unwrap_or_default();
            let matrix = app.matrix(c).await.map_err(app_error)?;
            let (new, changes) = match t.apply(&patch, &matrix, now) {
                Ok(applied) => applied,
                Err(e) => {
                    let body = format!("Time rule '{}' could not close the ticket: {e}", rule.name);
                    return note(
                        c,
                        t.id,
                        body,
                        json!({"time_rule": who, "action": "close", "result": "refused"}),
                        now,
                    )
                    .await
                    .map(drop);
                }
            };
            let security = ticket_store::is_security(c, t.id).await?;
            ticket_store::update(c, &new, security, t.version).await?;
            journal_store::append(
                c,
                &NewEntry {
                    ticket: t.id,
                    kind: EntryKind::FieldChange,
                    author: None,
                    public: true,
                    body: String::new(),
                    data: json!({"changes": changes, "reason": "time_rule", "time_rule": who}),
                    at: now,
                },
            )
            .await?;
            let sla = app.sla_config().await.map_err(app_error)?;
            crate::sla::ticket_clocks::on_change(c, &sla, &t, &new, now).await?;
            super::flow::after_scheduler_change(app, c, &sla, &t, &new, now, Some(job.id))
                .await
                .map(drop)
        }
        TimeAction::Escalate {
            mut target,
            summary,
        } => {
            // As with a manual escalation, a named group decides the level it lands at.
            if let Some(g) = target.group {
                match escalade_store::directory::group(c, g).await? {
                    Some(row) => {
                        if let Ok(level) = escalade_core::ticket::SupportLevel::new(row.level) {
                            target.level = Some(level);
                        }
                    }
                    None => {
                        return refused(c, &t, &rule, &who, format!("there is no group {g}"), now)
                            .await;
                    }
                }
            } else {
                match app.receiving_group(c, &t, target.level).await {
                    Ok(g) => target.group = g,
                    Err(e) => return refused(c, &t, &rule, &who, e.to_string(), now).await,
                }
            }
            escalate(app, c, &t, target, &summary, &who, job.id, now).await
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn escalate(
    app: &App,
    c: &mut Conn,
    t: &Ticket,
    target: EscalationTarget,
    summary: &str,
    who: &serde_json::Value,
    running: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let (new, record) = match plan_escalation(t, target, summary, now) {
        Ok(planned) => planned,
        Err(e) => {
            let body = format!("Time rule escalation not possible: {e}");
            return note(
                c,
                t.id,
                body,
                json!({"time_rule": who, "action": "escalate", "result": "refused"}),
                now,
            )
            .await
            .map(drop);
        }
    };
    let security = ticket_store::is_security(c, t.id).await?;
    ticket_store::update(c, &new, security, t.version).await?;
    journal_store::append(
        c,
        &NewEntry {
            ticket: t.id,
            kind: EntryKind::Escalation,
            author: None,
            public: false,
            body: record.summary,
            data: json!({
                "from_level": record.from_level, "to_level": record.to_level,
                "from_group": record.from_group, "to_group": record.to_group,
                "from_assignee": record.from_assignee,
                "from_status": t.status.as_str(),
                "reason": "time_rule", "time_rule": who,
            }),
            at: now,
        },
    )
    .await?;
    let sla = app.sla_config().await.map_err(app_error)?;
    crate::sla::ticket_clocks::on_change(c, &sla, t, &new, now).await?;
    // The `updated` rules hear of it; then, still unassigned at the new level, the ticket is
    // scheduled again, so the rule may climb again from now.
    super::flow::after_scheduler_change(app, c, &sla, t, &new, now, Some(running))
        .await
        .map(drop)
}

/// What a job knows of the period it was scheduled for.
struct Period {
    /// When this rule last reminded in the period.
    last_reminder: Option<DateTime<Utc>>,
    /// How many reminders this rule sent in the period.
    sent: i64,
}

/// For a job of a state's period (pending, resolved), whether that period is the ticket's
/// present one: `None` for a job left from an earlier period, which does nothing. Otherwise
/// the reminders this rule sent in the period (read from `time_rule_reminders`, never from the
/// job, so that two jobs of one period cannot send one step twice). A ticket that entered the
/// state before periods were recorded is trusted to the job.
async fn present_period(
    c: &mut Conn,
    rule: &TimeRule,
    t: &Ticket,
    p: &Payload,
) -> Result<Option<Period>, StoreError> {
    let state = match &rule.kind {
        TimeRuleKind::RemindPending(_) => "pending",
        TimeRuleKind::AutoCloseResolved(_) => "resolved",
        TimeRuleKind::EscalateUnassigned(_) => {
            return Ok(Some(Period {
                last_reminder: None,
                sent: 0,
            }));
        }
    };
    if let Some(entered) = store::state_entered(c, t.id.0, state).await?
        && entered.timestamp_millis() != p.since.timestamp_millis()
    {
        return Ok(None);
    }
    if state != "pending" {
        return Ok(Some(Period {
            last_reminder: None,
            sent: 0,
        }));
    }
    let sent = store::period_reminders(c, p.rule, t.id.0, p.since.timestamp_millis()).await?;
    Ok(Some(Period {
        last_reminder: sent.last().copied(),
        sent: sent.len() as i64,
    }))
}

async fn refused(
    c: &mut Conn,
    t: &Ticket,
    rule: &TimeRule,
    who: &serde_json::Value,
    reason: String,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let body = format!(
        "Time rule '{}': escalation not possible: {reason}",
        rule.name
    );
    note(
        c,
        t.id,
        body,
        json!({"time_rule": who, "action": "escalate", "result": "refused"}),
        now,
    )
    .await
    .map(drop)
}

async fn note(
    c: &mut Conn,
    ticket: TicketId,
    body: String,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    journal_store::append(
        c,
        &NewEntry {
            ticket,
            kind: EntryKind::InternalNote,
            author: None,
            public: false,
            body,
            data,
            at: now,
        },
    )
    .await
}
