//! Time rules, run by the scheduler rather than by ticket events: remind the requester after N
//! hours pending, close N days after resolution, escalate a ticket nobody took after N minutes.
//!
//! Each rule answers two pure questions about a ticket: *when* it becomes due
//! ([`TimeRule::due_at`], so the scheduler can store the due work and sleep until then) and
//! *whether it is due now, and what to do* ([`TimeRule::check`], which the scheduler asks again
//! when the work comes up, since the ticket may have moved meanwhile). Durations are real
//! elapsed time, not business time: "closed 7 days after resolution" means 7 x 24 hours.
//!
//! A due instant is derived from the ticket's state (when it entered its status, when it lost
//! its assignee, the last reminder), so it is stable: the scheduler keys due work by
//! (rule, ticket, instant) and runs each once. Once done, the state that made it due has changed
//! (a reminder was sent, the ticket is closed or escalated), so the rule is not due again for
//! the same reason.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::json::from_json_shape;
use super::validate::auto_reply;
use super::{AutoReplySpec, MAX_NAME, yes};
use crate::error::DomainError;
use crate::ids::{GroupId, UserId};
use crate::ticket::{EscalationTarget, Status, SupportLevel, Ticket, TicketPatch};
use crate::validate;

/// The longest wait a reminder accepts: a year, in hours.
pub const MAX_HOURS: u32 = 24 * 366;
/// The longest wait before auto-closing: ten years, in days.
pub const MAX_DAYS: u32 = 3_660;
/// The longest wait before escalating: a year, in minutes.
pub const MAX_MINUTES: u32 = 60 * 24 * 366;

/// A time rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeRule {
    /// What administrators call it; shown in the journal when it acts.
    pub name: String,
    /// An inactive rule is kept but never due.
    #[serde(default = "yes")]
    pub active: bool,
    /// What it watches for and does.
    pub kind: TimeRuleKind,
}

/// What a time rule watches for: `{"remind_pending": {...}}`, `{"auto_close_resolved": {...}}`
/// or `{"escalate_unassigned": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeRuleKind {
    /// Remind the requester of a ticket waiting for them.
    RemindPending(RemindPending),
    /// Close a resolved ticket the requester did not reopen.
    AutoCloseResolved(AutoClose),
    /// Escalate an open ticket that nobody took.
    EscalateUnassigned(EscalateUnassigned),
}

/// Remind the requester after `after_hours` in `pending`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemindPending {
    /// Hours in pending before the reminder.
    pub after_hours: u32,
    /// Whether to remind again every `after_hours` while the ticket stays pending.
    #[serde(default)]
    pub repeat: bool,
    /// The reminder's template key.
    pub template: String,
    /// The reminder's text.
    pub text: String,
}

/// Close a ticket `after_days` after it was resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoClose {
    /// Days (of 24 hours) in resolved before closing.
    pub after_days: u32,
}

/// Escalate an open ticket without assignee after `after_minutes`.
///
/// The target works like a manual escalation: `to_level` (the next level when absent) and
/// optionally `to_group`. With no fixed level the rule climbs one level each time the ticket
/// again waits unassigned that long, up to level 3; with a fixed level or group it acts once,
/// since the ticket is then already there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EscalateUnassigned {
    /// Minutes without assignee before escalating.
    pub after_minutes: u32,
    /// The receiving level; the next one when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_level: Option<SupportLevel>,
    /// The receiving group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_group: Option<GroupId>,
}

/// What the scheduler knows about a ticket, from the ticket and its journal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeFacts {
    /// The current status.
    pub status: Status,
    /// When the ticket entered its current status.
    pub status_since: DateTime<Utc>,
    /// The current assignee.
    pub assignee: Option<UserId>,
    /// Since when it has had no assignee (its creation, or the last unassignment or
    /// escalation); `None` while assigned.
    pub unassigned_since: Option<DateTime<Utc>>,
    /// The current support level.
    pub level: SupportLevel,
    /// The current group.
    pub group: Option<GroupId>,
    /// When a reminder was last sent, if ever.
    pub last_reminder_at: Option<DateTime<Utc>>,
}

impl TimeFacts {
    /// The facts of a ticket, with what its journal says: when it entered its status, since
    /// when it has had no assignee (ignored while it has one), when a reminder was last sent.
    pub fn of(
        ticket: &Ticket,
        status_since: DateTime<Utc>,
        unassigned_since: Option<DateTime<Utc>>,
        last_reminder_at: Option<DateTime<Utc>>,
    ) -> Self {
        Self {
            status: ticket.status,
            status_since,
            assignee: ticket.assignee,
            unassigned_since: unassigned_since.filter(|_| ticket.assignee.is_none()),
            level: ticket.level,
            group: ticket.group,
            last_reminder_at,
        }
    }
}

/// What a due time rule does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeAction {
    /// Send the requester this reminder (and record the time as `last_reminder_at`).
    Remind(AutoReplySpec),
    /// Close the ticket: apply [`TimeAction::patch`].
    Close,
    /// Escalate with `plan_escalation(ticket, target, summary, now)`.
    Escalate {
        /// Where to.
        target: EscalationTarget,
        /// The hand-over summary the journal records.
        summary: String,
    },
}

impl TimeAction {
    /// The field patch the action makes, for the actions that are a plain field change.
    pub fn patch(&self) -> Option<TicketPatch> {
        match self {
            TimeAction::Close => Some(TicketPatch {
                status: Some(Status::Closed),
                ..TicketPatch::default()
            }),
            TimeAction::Remind(_) | TimeAction::Escalate { .. } => None,
        }
    }
}

impl TimeRule {
    /// Reads a time rule from JSON and validates it; errors name the JSON path.
    pub fn from_json(json: &str) -> Result<TimeRule, DomainError> {
        let rule: TimeRule = from_json_shape(json)?;
        rule.validate()?;
        Ok(rule)
    }

    /// Checks the rule, naming the field at fault (`kind.remind_pending.after_hours`).
    pub fn validate(&self) -> Result<(), DomainError> {
        validate::required_line("name", &self.name, MAX_NAME)?;
        let range = |path: &str, v: u32, max: u32, unit: &str| {
            if (1..=max).contains(&v) {
                Ok(())
            } else {
                Err(DomainError::invalid(
                    path,
                    "out_of_range",
                    format!("give between 1 and {max} {unit}, not {v}"),
                ))
            }
        };
        match &self.kind {
            TimeRuleKind::RemindPending(r) => {
                range(
                    "kind.remind_pending.after_hours",
                    r.after_hours,
                    MAX_HOURS,
                    "hours",
                )?;
                let spec = AutoReplySpec {
                    template: r.template.clone(),
                    text: r.text.clone(),
                };
                auto_reply("kind.remind_pending", &spec)
            }
            TimeRuleKind::AutoCloseResolved(c) => range(
                "kind.auto_close_resolved.after_days",
                c.after_days,
                MAX_DAYS,
                "days",
            ),
            TimeRuleKind::EscalateUnassigned(e) => {
                range(
                    "kind.escalate_unassigned.after_minutes",
                    e.after_minutes,
                    MAX_MINUTES,
                    "minutes",
                )?;
                if e.to_group.is_some_and(|g| g.0 <= 0) {
                    return Err(DomainError::invalid(
                        "kind.escalate_unassigned.to_group",
                        "invalid_id",
                        "ids are positive numbers",
                    ));
                }
                Ok(())
            }
        }
    }

    /// When the rule becomes due for this ticket, or `None` when it does not apply in the
    /// ticket's present state (or is inactive). The instant may be in the past: the work is
    /// overdue and runs at once.
    pub fn due_at(&self, facts: &TimeFacts) -> Option<DateTime<Utc>> {
        if !self.active {
            return None;
        }
        match &self.kind {
            TimeRuleKind::RemindPending(r) => {
                if facts.status != Status::Pending {
                    return None;
                }
                let wait = Duration::hours(i64::from(r.after_hours));
                match facts.last_reminder_at {
                    // Already reminded during this stretch of pending.
                    Some(last) if last >= facts.status_since => {
                        r.repeat.then(|| last.checked_add_signed(wait)).flatten()
                    }
                    _ => facts.status_since.checked_add_signed(wait),
                }
            }
            TimeRuleKind::AutoCloseResolved(c) => {
                if facts.status != Status::Resolved {
                    return None;
                }
                let wait = Duration::days(i64::from(c.after_days));
                facts.status_since.checked_add_signed(wait)
            }
            TimeRuleKind::EscalateUnassigned(e) => {
                if !facts.status.is_open() || facts.assignee.is_some() {
                    return None;
                }
                escalation_target(e, facts)?;
                let since = facts.unassigned_since?;
                since.checked_add_signed(Duration::minutes(i64::from(e.after_minutes)))
            }
        }
    }

    /// What the rule does now, if it is due.
    pub fn check(&self, facts: &TimeFacts, now: DateTime<Utc>) -> Option<TimeAction> {
        if self.due_at(facts)? > now {
            return None;
        }
        Some(match &self.kind {
            TimeRuleKind::RemindPending(r) => TimeAction::Remind(AutoReplySpec {
                template: r.template.clone(),
                text: r.text.clone(),
            }),
            TimeRuleKind::AutoCloseResolved(_) => TimeAction::Close,
            TimeRuleKind::EscalateUnassigned(e) => TimeAction::Escalate {
                target: escalation_target(e, facts)?,
                summary: format!(
                    "Escalated automatically by the time rule '{}': nobody took the ticket in \
                     {} minutes.",
                    self.name.trim(),
                    e.after_minutes
                ),
            },
        })
    }
}

/// Where the escalation goes, or `None` when the ticket is already there (or at the top), with
/// the same rules as a manual escalation (`plan_escalation`).
fn escalation_target(e: &EscalateUnassigned, facts: &TimeFacts) -> Option<EscalationTarget> {
    let level = e
        .to_level
        .or(facts.level.next())
        .or(e.to_group.map(|_| facts.level))?;
    let same_place = level == facts.level && (e.to_group.is_none() || e.to_group == facts.group);
    if level < facts.level || same_place {
        return None;
    }
    Some(EscalationTarget {
        level: Some(level),
        group: e.to_group,
    })
}
