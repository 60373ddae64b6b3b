//! Functional escalation: handing a ticket to the next support level or another group with a
//! hand-over summary, and the receiving side taking it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::model::Ticket;
use super::status::{MoveContext, Status, check_transition};
use super::vocabulary::SupportLevel;
use crate::error::DomainError;
use crate::ids::{GroupId, UserId};
use crate::validate;

/// Where an escalation sends the ticket. The group, when given, must belong to `level`; the
/// caller checks that against storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EscalationTarget {
    /// The receiving level; the next one when not given.
    pub level: Option<SupportLevel>,
    /// The receiving group.
    pub group: Option<GroupId>,
}

/// What an escalation did, for the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    /// Level before.
    pub from_level: SupportLevel,
    /// Level after.
    pub to_level: SupportLevel,
    /// Group before.
    pub from_group: Option<GroupId>,
    /// Group after.
    pub to_group: Option<GroupId>,
    /// Who had it before.
    pub from_assignee: Option<UserId>,
    /// What is known, what was done, logs: required.
    pub summary: String,
}

/// Shortest hand-over summary accepted: a word is not a hand-over.
pub const MIN_SUMMARY: usize = 10;

/// Plans an escalation: checks the summary, the target and the state machine, and returns the
/// escalated ticket (unassigned, status `escalated`) with the record for the journal.
pub fn plan_escalation(
    ticket: &Ticket,
    target: EscalationTarget,
    summary: &str,
    now: DateTime<Utc>,
) -> Result<(Ticket, Escalation), DomainError> {
    let summary = summary.trim();
    if summary.chars().count() < MIN_SUMMARY {
        return Err(DomainError::invalid(
            "summary",
            "required",
            format!(
                "a hand-over summary of at least {MIN_SUMMARY} characters is required: what is known, what was done"
            ),
        ));
    }
    validate::max_chars("summary", summary, 50_000)?;
    let to_level = match target.level {
        Some(l) => l,
        None => ticket
            .level
            .next()
            .or(target.group.map(|_| ticket.level))
            .ok_or_else(|| {
                DomainError::invalid(
                    "level",
                    "no_higher_level",
                    "the ticket is already at level 3; escalate to another group instead",
                )
            })?,
    };
    if to_level < ticket.level {
        return Err(DomainError::invalid(
            "level",
            "escalation_goes_up",
            format!(
                "an escalation goes up or sideways, not from level {} down to {to_level}",
                ticket.level
            ),
        ));
    }
    if to_level == ticket.level && (target.group.is_none() || target.group == ticket.group) {
        return Err(DomainError::invalid(
            "group",
            "same_target",
            "an escalation at the same level must name another group",
        ));
    }
    // A ticket already waiting at a higher level may be sent further before anyone takes it.
    if ticket.status != Status::Escalated {
        check_transition(
            ticket.status,
            Status::Escalated,
            MoveContext {
                has_assignee: false,
                via_escalation: true,
            },
        )?;
    }
    let mut t = ticket.clone();
    let record = Escalation {
        from_level: ticket.level,
        to_level,
        from_group: ticket.group,
        to_group: target.group,
        from_assignee: ticket.assignee,
        summary: summary.to_string(),
    };
    t.level = to_level;
    t.group = target.group;
    t.assignee = None;
    t.status = Status::Escalated;
    t.updated_at = now;
    t.version += 1;
    Ok((t, record))
}

/// An agent of the receiving level takes an escalated ticket: it becomes theirs, assigned.
pub fn plan_take(
    ticket: &Ticket,
    agent: UserId,
    now: DateTime<Utc>,
) -> Result<Ticket, DomainError> {
    if ticket.status != Status::Escalated {
        return Err(DomainError::Transition {
            rule: "take_only_escalated",
            message: format!(
                "only an escalated ticket is taken; this one is {}",
                ticket.status
            ),
        });
    }
    let mut t = ticket.clone();
    t.assignee = Some(agent);
    t.status = Status::Assigned;
    t.updated_at = now;
    t.version += 1;
    Ok(t)
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::ticket::{NewTicket, PriorityMatrix};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()
    }

    fn ticket() -> Ticket {
        let n = NewTicket {
            subject: "VPN drops every hour".into(),
            assignee: Some(UserId(2)),
            ..Default::default()
        };
        n.into_ticket(UserId(7), None, &PriorityMatrix::default(), now())
    }

    const SUMMARY: &str = "Reproduced on two laptops; logs attached; client reinstalled.";

    #[test]
    fn escalates_to_next_level_and_unassigns() {
        let t = ticket();
        let (e, rec) = plan_escalation(
            &t,
            EscalationTarget {
                level: None,
                group: Some(GroupId(5)),
            },
            SUMMARY,
            now(),
        )
        .unwrap();
        assert_eq!(e.status, Status::Escalated);
        assert_eq!(e.level, SupportLevel::new(1).unwrap());
        assert_eq!(e.group, Some(GroupId(5)));
        assert_eq!(e.assignee, None);
        assert_eq!(rec.from_assignee, Some(UserId(2)));
        assert_eq!(rec.summary, SUMMARY);
    }

    #[test]
    fn summary_is_required() {
        let t = ticket();
        let err = plan_escalation(
            &t,
            EscalationTarget {
                level: None,
                group: None,
            },
            "  help ",
            now(),
        )
        .unwrap_err();
        assert!(matches!(err, DomainError::Invalid(ref f) if f.field == "summary"));
    }

    #[test]
    fn cannot_escalate_down_or_past_three_or_to_same_place() {
        let mut t = ticket();
        t.level = SupportLevel::new(2).unwrap();
        let down = EscalationTarget {
            level: Some(SupportLevel::new(1).unwrap()),
            group: None,
        };
        assert!(plan_escalation(&t, down, SUMMARY, now()).is_err());
        t.level = SupportLevel::MAX;
        assert!(
            plan_escalation(
                &t,
                EscalationTarget {
                    level: None,
                    group: None
                },
                SUMMARY,
                now()
            )
            .is_err()
        );
        t.group = Some(GroupId(1));
        let same = EscalationTarget {
            level: None,
            group: Some(GroupId(1)),
        };
        assert!(plan_escalation(&t, same, SUMMARY, now()).is_err());
        let sideways = EscalationTarget {
            level: None,
            group: Some(GroupId(9)),
        };
        assert!(plan_escalation(&t, sideways, SUMMARY, now()).is_ok());
    }

    #[test]
    fn resolved_ticket_cannot_be_escalated_and_take_needs_escalated() {
        let mut t = ticket();
        t.status = Status::Resolved;
        assert!(
            plan_escalation(
                &t,
                EscalationTarget {
                    level: None,
                    group: None
                },
                SUMMARY,
                now()
            )
            .is_err()
        );
        assert!(plan_take(&t, UserId(4), now()).is_err());
        t.status = Status::InProgress;
        let (e, _) = plan_escalation(
            &t,
            EscalationTarget {
                level: None,
                group: None,
            },
            SUMMARY,
            now(),
        )
        .unwrap();
        let taken = plan_take(&e, UserId(4), now()).unwrap();
        assert_eq!(taken.status, Status::Assigned);
        assert_eq!(taken.assignee, Some(UserId(4)));
    }
}
