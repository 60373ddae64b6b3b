//! Running event rules inside a ticket event: the rules are evaluated in the event's read
//! phase on the ticket as the person left it, and the outcome is written once, in the same
//! transaction as the person's change, as a change made *by rules* (which never runs rules:
//! `rules_to_run` is the no-loop decision).
//!
//! Each rule that fired gives one internal journal entry without author whose `data.rule`
//! names it, with the fields it changed, the conditions that made it fire, the actions the
//! ticket refused and the automatic replies it queued. Automatic replies go to the
//! `rule_replies` outbox for the mail layer. A `set_sla_policy` pins the policy on the ticket
//! (the SLA engine then uses it instead of choosing by conditions) and moves its clocks.
//!
//! Changes the scheduler makes (an SLA action, a time rule) run the `updated` rules the same
//! way, inside the scheduler's transaction, through [`after_scheduler_change`].

use chrono::{DateTime, Utc};
use escalade_core::ids::{CategoryId, TicketId};
use escalade_core::journal::EntryKind;
use escalade_core::rules::{
    ChangeOrigin, Event, Fired, Happening, Outcome, RuleContext, TicketFacts, evaluate,
    rules_to_run,
};
use escalade_core::sla::{Pin, PinnedBy};
use escalade_core::ticket::{SupportLevel, Ticket};
use escalade_store::journal::{self as journal_store, NewEntry};
use escalade_store::rules as store;
use escalade_store::tickets as ticket_store;
use escalade_store::{Conn, StoreError, directory};
use serde_json::json;

use super::RulesConfig;
use crate::App;
use crate::error::AppError;
use crate::sla::SlaConfig;

/// The outcome of a rules run, ready to be written with the event.
#[derive(Debug, Clone)]
pub struct RulesRun {
    /// What the rules decided.
    pub outcome: Outcome,
    /// The ticket as it is to be stored (the outcome's ticket, its level following its group).
    pub ticket: Ticket,
    /// Whether the stored ticket is a security ticket (its category may have changed).
    pub security: bool,
}

impl App {
    /// Evaluates the rules (`cfg`, read by the caller before it took `c`, so that one event
    /// never holds two pooled connections at once) of what happened to `ticket` (as the person's change left it;
    /// `before` is the ticket before an update). `None` when no rule runs for this happening
    /// and origin, or no rule fired. A rule whose change the desk refuses now (it names a
    /// category or group deleted since it was saved) is left out with a warning rather than
    /// refusing the person's change.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn run_event_rules(
        &self,
        c: &mut Conn,
        cfg: &RulesConfig,
        happening: Happening,
        origin: ChangeOrigin,
        before: Option<&Ticket>,
        ticket: &Ticket,
        now: DateTime<Utc>,
    ) -> Result<Option<RulesRun>, AppError> {
        let Some(kind) = rules_to_run(happening, origin) else {
            return Ok(None);
        };
        if !cfg
            .rules
            .iter()
            .any(|r| r.rule().active && r.rule().event == kind)
        {
            return Ok(None);
        }
        let event = match (kind, before) {
            (escalade_core::rules::RuleEvent::Updated, Some(b)) => Event::Updated { before: b },
            (escalade_core::rules::RuleEvent::Updated, None) => Event::Updated { before: ticket },
            (escalade_core::rules::RuleEvent::Created, _) => Event::Created,
            (escalade_core::rules::RuleEvent::ReplyReceived, _) => Event::ReplyReceived,
        };
        let vip = directory::user(c, ticket.requester)
            .await?
            .is_some_and(|u| u.vip);
        // The pinned SLA policy is a fact: pinning the same policy again changes nothing. A
        // ticket being opened is not stored yet (id 0) and has no pin to read.
        let pinned = if ticket.id.0 == 0 {
            None
        } else {
            escalade_store::clocks::pin_of(c, ticket.id)
                .await?
                .map(|p| escalade_core::ids::SlaPolicyId(p.policy_id))
        };
        let facts = TicketFacts::new(ticket.clone()).vip(vip).sla_policy(pinned);
        let matrix = self.matrix(c).await?;
        // Evaluated in a block of its own: the context borrows a closure that is not `Send`,
        // and must be gone before the next await.
        let outcome = {
            let parents = |id: CategoryId| {
                cfg.category_parents
                    .get(&id.0)
                    .copied()
                    .flatten()
                    .map(CategoryId)
            };
            let ctx = RuleContext::new(&matrix).with_category_parents(&parents);
            evaluate(&cfg.rules, event, &facts, now, &ctx)
        };
        if outcome.is_empty() {
            return Ok(None);
        }
        let mut new = outcome.ticket.clone();
        // A group works at one level, as with a person's change of group.
        if new.group != ticket.group
            && let Some(g) = new.group
            && let Some(row) = directory::group(c, g).await?
            && let Ok(level) = SupportLevel::new(row.level)
        {
            new.level = level;
        }
        let refs = self
            .check_refs(
                c,
                new.category,
                new.group.filter(|_| new.group != ticket.group),
                new.assignee.filter(|_| new.assignee != ticket.assignee),
            )
            .await;
        let security = match refs {
            Ok(s) => s,
            Err(e) => {
                tracing::warn!(ticket = ticket.id.0, error = %e, "rules outcome left out");
                return Ok(None);
            }
        };
        // The caller stores the person's change and the rules' as one: one version step.
        new.version = ticket.version;
        Ok(Some(RulesRun {
            outcome,
            ticket: new,
            security,
        }))
    }
}

/// Runs the `updated` rules on a change the scheduler has just stored in `c`'s transaction (an
/// SLA action, a time rule), as `update_ticket` does for a person's change: the rules see the
/// ticket before and after, their outcome is stored on top as a change made by rules (which
/// runs no rules again), journalled one entry per rule, and the SLA clocks follow it. Then the
/// time rules whose state the ticket entered (from `before` to what is finally stored) are
/// scheduled; `running` is the time rule's job being run, if any. Returns the ticket as stored.
pub(crate) async fn after_scheduler_change(
    app: &App,
    c: &mut Conn,
    sla: &crate::sla::SlaConfig,
    before: &Ticket,
    after: &Ticket,
    now: DateTime<Utc>,
    running: Option<i64>,
) -> Result<Ticket, StoreError> {
    let cfg = app.rules_config_on(c).await?;
    let run = app
        .run_event_rules(
            c,
            &cfg,
            Happening::FieldsChanged,
            ChangeOrigin::Scheduler,
            Some(before),
            after,
            now,
        )
        .await
        .map_err(|e| match e {
            AppError::Conflict { code, message } => StoreError::Conflict { code, message },
            other => StoreError::Corrupt(other.to_string()),
        })?;
    let stored = match run {
        Some(run) => {
            let mut new = run.ticket;
            new.version = after.version + 1;
            new.updated_at = now;
            ticket_store::update(c, &new, run.security, after.version).await?;
            record(c, sla, &new, &run.outcome, now).await?;
            crate::sla::ticket_clocks::on_change(c, sla, after, &new, now).await?;
            new
        }
        None => after.clone(),
    };
    super::time_jobs::schedule(c, &cfg.time_rules, Some(before), &stored, now, running).await?;
    Ok(stored)
}

/// A policy id of a `sla_policy` change with the policy's name, when it still exists.
fn policy_text(sla: &SlaConfig, id: Option<&str>) -> String {
    match id {
        None => "–".into(),
        Some(id) => match id.parse().ok().and_then(|id| sla.policy(id)) {
            Some(d) => format!("{id} ({})", d.name),
            None => id.to_string(),
        },
    }
}

/// What a fired rule's journal entry says, for people.
fn describe(f: &Fired, sla: &SlaConfig) -> String {
    let mut parts: Vec<String> = f
        .changes
        .iter()
        .map(|c| {
            if c.field == "sla_policy" {
                return format!(
                    "SLA policy: {} → {}",
                    policy_text(sla, c.from.as_deref()),
                    policy_text(sla, c.to.as_deref())
                );
            }
            format!(
                "{}: {} → {}",
                c.field,
                c.from.as_deref().unwrap_or("–"),
                c.to.as_deref().unwrap_or("–")
            )
        })
        .collect();
    if !f.notes.is_empty() {
        parts.push(format!("{} note(s)", f.notes.len()));
    }
    if !f.auto_replies.is_empty() {
        parts.push(format!(
            "{} automatic reply(ies) queued",
            f.auto_replies.len()
        ));
    }
    for r in &f.refused {
        parts.push(format!("{} refused: {}", r.action, r.message));
    }
    if f.stopped {
        parts.push("stopped the run".into());
    }
    let what = if parts.is_empty() {
        "nothing to change".to_string()
    } else {
        parts.join("; ")
    };
    format!("Rule '{}' fired: {what}", f.rule.name)
}

/// Writes the journal entries, notes and automatic replies of a rules run, in the event's
/// transaction, and pins the SLA policy a `set_sla_policy` chose (moving the clocks, with the
/// SLA configuration `sla` read before the transaction). The ticket itself (`ticket`, as
/// stored) is stored by the caller.
pub async fn record(
    c: &mut Conn,
    sla: &SlaConfig,
    ticket: &Ticket,
    outcome: &Outcome,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    // The last rule that set the policy pins it; a policy deleted since the rule was saved is
    // refused in that rule's journal entry.
    let pin = outcome.sla_policy.and_then(|p| {
        let by = outcome
            .fired
            .iter()
            .rev()
            .find(|f| f.changes.iter().any(|c| c.field == "sla_policy"))?;
        Some((p.0, by.rule.clone()))
    });
    let missing = pin
        .as_ref()
        .filter(|(id, _)| sla.policy(*id).is_none())
        .cloned();
    for f in &outcome.fired {
        let mut refused = serde_json::to_value(&f.refused).unwrap_or_else(|_| json!([]));
        if let (Some((id, rule)), Some(list)) = (&missing, refused.as_array_mut())
            && *rule == f.rule
        {
            list.push(json!({
                "action": "set_sla_policy",
                "message": format!("there is no SLA policy {id}"),
            }));
        }
        let data = json!({
            "rule": f.rule,
            "changes": f.changes,
            "reasons": f.reasons,
            "refused": refused,
            "auto_replies": f.auto_replies,
            "stopped": f.stopped,
        });
        append(c, ticket.id, describe(f, sla), data, now).await?;
    }
    if let Some((id, rule)) = pin.filter(|_| missing.is_none())
        && let Some(d) = sla.policy(id)
    {
        let pin = Pin {
            policy_id: id,
            policy_name: d.name.clone(),
            by: PinnedBy::Rule {
                rule_id: rule.id.map(|r| r.0),
                name: rule.name,
            },
            at: now,
        };
        crate::sla::ticket_clocks::pin(c, sla, ticket, &pin, now).await?;
    }
    let ticket = ticket.id;
    for n in &outcome.notes {
        append(
            c,
            ticket,
            n.text.clone(),
            json!({"rule": n.rule, "note": true}),
            now,
        )
        .await?;
    }
    for r in &outcome.auto_replies {
        store::queue_reply(
            c,
            ticket.0,
            r.rule.id.map(|id| id.0),
            None,
            &r.template,
            &r.text,
            now,
        )
        .await?;
    }
    Ok(())
}

async fn append(
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
