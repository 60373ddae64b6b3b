//! The status state machine. Every move is checked here, and a refused move names the rule it
//! breaks so that the agent (or the API client) knows what to do instead.

use serde::{Deserialize, Serialize};

use super::vocabulary::vocabulary;
use crate::error::DomainError;

vocabulary!(
    /// Where a ticket stands in its life.
    Status {
        /// Registered, nobody has taken it yet.
        New => "new",
        /// Someone is responsible for it.
        Assigned => "assigned",
        /// Being worked on.
        InProgress => "in_progress",
        /// Waiting for the requester or a third party; the SLA clock is paused.
        Pending => "pending",
        /// Handed over to a higher support level or another group, waiting to be taken.
        Escalated => "escalated",
        /// A solution was given; the requester can confirm or reopen.
        Resolved => "resolved",
        /// Final.
        Closed => "closed",
        /// A duplicate or a mistake; final.
        Cancelled => "cancelled",
    }
);

impl Status {
    /// Whether work on the ticket is still expected.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Resolved | Status::Closed | Status::Cancelled)
    }

    /// Whether no move out of this status exists.
    pub fn is_final(self) -> bool {
        matches!(self, Status::Closed | Status::Cancelled)
    }
}

/// What the caller knows about the ticket when it asks for a move; the rules depend on it.
#[derive(Debug, Clone, Copy, Default)]
pub struct MoveContext {
    /// Whether the ticket has (or will have, after this change) an assignee.
    pub has_assignee: bool,
    /// Whether this move is made by the escalation operation, which carries a hand-over summary.
    pub via_escalation: bool,
}

/// Checks one status move. `Ok` when allowed; otherwise the error names the rule.
pub fn check_transition(from: Status, to: Status, ctx: MoveContext) -> Result<(), DomainError> {
    use Status::*;
    let refuse =
        |rule: &'static str, message: String| Err(DomainError::Transition { rule, message });
    if from == to {
        return refuse("no_change", format!("the ticket is already {from}"));
    }
    if from == Closed {
        return refuse(
            "closed_is_final",
            "a closed ticket cannot change status; open a new ticket and link it".into(),
        );
    }
    if from == Cancelled {
        return refuse(
            "cancelled_is_final",
            "a cancelled ticket cannot change status".into(),
        );
    }
    if to == Escalated && !ctx.via_escalation {
        return refuse(
            "escalation_needs_handover",
            "a ticket is escalated through the escalation operation, which needs a hand-over summary".into(),
        );
    }
    if to == New {
        return refuse("new_is_initial", "a ticket cannot go back to new".into());
    }
    if to == Assigned && !ctx.has_assignee {
        return refuse(
            "assigned_needs_assignee",
            "a ticket can only be assigned when it has an assignee".into(),
        );
    }
    if to == Closed && from != Resolved {
        return refuse(
            "close_only_resolved",
            format!("only a resolved ticket can be closed; this one is {from}, resolve it first"),
        );
    }
    if from == Resolved && !matches!(to, Closed | InProgress | Assigned) {
        return refuse(
            "resolved_closes_or_reopens",
            format!(
                "a resolved ticket is either closed or reopened (in_progress or assigned), not {to}"
            ),
        );
    }
    if to == Pending && !matches!(from, Assigned | InProgress) {
        return refuse(
            "pending_needs_work_started",
            format!(
                "only a ticket being worked on (assigned or in_progress) can wait; this one is {from}"
            ),
        );
    }
    if from == Escalated && to == Pending {
        return refuse(
            "take_before_waiting",
            "take the escalated ticket before putting it on hold".into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    fn ctx() -> MoveContext {
        MoveContext {
            has_assignee: true,
            via_escalation: false,
        }
    }

    fn rule(from: Status, to: Status, ctx: MoveContext) -> Option<&'static str> {
        match check_transition(from, to, ctx) {
            Ok(()) => None,
            Err(DomainError::Transition { rule, .. }) => Some(rule),
            Err(e) => panic!("unexpected error {e:?}"),
        }
    }

    /// The full table: every (from, to) pair and whether the machine allows it for an assigned
    /// ticket moved outside the escalation operation.
    #[test]
    fn every_move_allowed_or_refused() {
        let allowed: &[(Status, &[Status])] = &[
            (New, &[Assigned, InProgress, Resolved, Cancelled]),
            (Assigned, &[InProgress, Pending, Resolved, Cancelled]),
            (InProgress, &[Assigned, Pending, Resolved, Cancelled]),
            (Pending, &[Assigned, InProgress, Resolved, Cancelled]),
            (Escalated, &[Assigned, InProgress, Resolved, Cancelled]),
            (Resolved, &[Assigned, InProgress, Closed]),
            (Closed, &[]),
            (Cancelled, &[]),
        ];
        for (from, tos) in allowed {
            for to in Status::ALL {
                let got = rule(*from, *to, ctx());
                assert_eq!(got.is_none(), tos.contains(to), "{from} -> {to}: {got:?}");
            }
        }
    }

    #[test]
    fn refusals_name_their_rule() {
        assert_eq!(rule(Closed, InProgress, ctx()), Some("closed_is_final"));
        assert_eq!(rule(Cancelled, New, ctx()), Some("cancelled_is_final"));
        assert_eq!(
            rule(New, Escalated, ctx()),
            Some("escalation_needs_handover")
        );
        assert_eq!(rule(InProgress, New, ctx()), Some("new_is_initial"));
        assert_eq!(rule(InProgress, Closed, ctx()), Some("close_only_resolved"));
        assert_eq!(
            rule(Resolved, Pending, ctx()),
            Some("resolved_closes_or_reopens")
        );
        assert_eq!(
            rule(New, Pending, ctx()),
            Some("pending_needs_work_started")
        );
        assert_eq!(rule(Pending, Pending, ctx()), Some("no_change"));
        let unassigned = MoveContext {
            has_assignee: false,
            via_escalation: false,
        };
        assert_eq!(
            rule(New, Assigned, unassigned),
            Some("assigned_needs_assignee")
        );
    }

    #[test]
    fn escalation_operation_may_escalate_open_tickets() {
        let esc = MoveContext {
            has_assignee: false,
            via_escalation: true,
        };
        for from in [New, Assigned, InProgress, Pending] {
            assert!(check_transition(from, Escalated, esc).is_ok(), "{from}");
        }
        assert!(check_transition(Resolved, Escalated, esc).is_err());
        assert!(check_transition(Closed, Escalated, esc).is_err());
    }
}
