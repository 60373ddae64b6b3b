//! Applying a rule's actions to the working copy of a ticket.
//!
//! Field actions go through [`Ticket::apply`], the same function the service layer uses for
//! every update, so a rule changes a ticket exactly as an agent's edit would: the priority
//! follows the impact x urgency matrix unless it was set by hand, an assignee given to a new
//! ticket assigns it, tags are normalised, and a closed ticket refuses every change.

use chrono::{DateTime, Utc};

use super::engine::TicketFacts;
use super::{Action, AutoReplySpec};
use crate::error::DomainError;
use crate::ticket::{FieldChange, PriorityMatrix, Ticket, TicketPatch};

/// What one action did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Effect {
    /// Fields changed on the working copy (possibly none, when they already had the value).
    Changed(Vec<FieldChange>),
    /// An internal note to add.
    Note(String),
    /// An automatic reply to send.
    AutoReply(AutoReplySpec),
    /// The run stops here.
    Stop,
}

/// Applies one action to the working copy. On error the working copy is unchanged.
pub(crate) fn apply(
    action: &Action,
    work: &mut TicketFacts,
    matrix: &PriorityMatrix,
    now: DateTime<Utc>,
) -> Result<Effect, DomainError> {
    let mut patch = TicketPatch::default();
    match action {
        Action::SetCategory(c) => patch.category = Some(Some(*c)),
        Action::SetType(k) => patch.kind = Some(*k),
        Action::SetPriority(p) => patch.priority = Some(Some(*p)),
        Action::SetImpact(i) => patch.impact = Some(*i),
        Action::SetUrgency(u) => patch.urgency = Some(*u),
        Action::SetLevel(l) => patch.level = Some(*l),
        Action::SetGroup(g) => patch.group = Some(*g),
        Action::SetAssignee(a) => patch.assignee = Some(*a),
        Action::AddTags(add) => {
            let mut tags = work.ticket.tags.clone();
            tags.extend(add.iter().cloned());
            patch.tags = Some(tags);
        }
        Action::RemoveTags(remove) => {
            let remove: Vec<String> = remove.iter().map(|t| t.trim().to_lowercase()).collect();
            let tags = work
                .ticket
                .tags
                .iter()
                .filter(|t| !remove.contains(t))
                .cloned()
                .collect();
            patch.tags = Some(tags);
        }
        Action::SetSlaPolicy(p) => {
            if work.ticket.status.is_final() {
                return Err(final_ticket(&work.ticket));
            }
            let from = work.sla_policy.map(|p| p.to_string());
            work.sla_policy = Some(*p);
            let to = Some(p.to_string());
            let changes = if from == to {
                Vec::new()
            } else {
                vec![FieldChange {
                    field: "sla_policy".into(),
                    from,
                    to,
                }]
            };
            return Ok(Effect::Changed(changes));
        }
        Action::AddNote(text) => return Ok(Effect::Note(text.trim().to_string())),
        Action::SendAutoReply(spec) => return Ok(Effect::AutoReply(spec.clone())),
        Action::Stop => return Ok(Effect::Stop),
    }
    let (ticket, changes) = work.ticket.apply(&patch, matrix, now)?;
    work.ticket = ticket;
    Ok(Effect::Changed(changes))
}

fn final_ticket(t: &Ticket) -> DomainError {
    let rule = if t.status == crate::ticket::Status::Closed {
        "closed_is_final"
    } else {
        "cancelled_is_final"
    };
    DomainError::Transition {
        rule,
        message: format!("a {} ticket cannot be changed", t.status),
    }
}

/// The patch that turns `before` into `after` for the fields rules set, for the service layer
/// to apply once. The status is left out: it follows the assignee as in [`Ticket::apply`].
pub(crate) fn patch_between(before: &Ticket, after: &Ticket) -> TicketPatch {
    fn diff<T: PartialEq + Clone>(a: &T, b: &T) -> Option<T> {
        (a != b).then(|| b.clone())
    }
    let priority_set_by_rule =
        after.priority_manual && (!before.priority_manual || before.priority != after.priority);
    TicketPatch {
        kind: diff(&before.kind, &after.kind),
        category: diff(&before.category, &after.category),
        impact: diff(&before.impact, &after.impact),
        urgency: diff(&before.urgency, &after.urgency),
        priority: priority_set_by_rule.then_some(Some(after.priority)),
        level: diff(&before.level, &after.level),
        group: diff(&before.group, &after.group),
        assignee: diff(&before.assignee, &after.assignee),
        tags: diff(&before.tags, &after.tags),
        ..TicketPatch::default()
    }
}
