//! The ticket record, the input that creates one, and the patch that changes one. Applying a
//! patch is pure: it returns the new ticket and the list of field changes for the journal.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::priority::{Impact, Priority, PriorityMatrix, Urgency};
use super::status::{MoveContext, Status, check_transition};
use super::vocabulary::{Channel, Nature, SupportLevel, TicketType};
use crate::error::DomainError;
use crate::ids::{CategoryId, DepartmentId, GroupId, TicketId, TicketNumber, UserId};
use crate::validate;

/// Longest subject accepted, in characters.
pub const MAX_SUBJECT: usize = 250;
/// Longest description accepted, in characters.
pub const MAX_DESCRIPTION: usize = 100_000;

/// The facts a level-0 agent collects to qualify a ticket, so that the next level does not have
/// to ask again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFacts {
    /// When the problem started, in the requester's words or as an instant.
    pub started: Option<String>,
    /// How many users are affected.
    pub users_affected: Option<i64>,
    /// Error codes or messages seen.
    pub error_codes: Option<String>,
    /// What the requester already tried.
    pub tried: Option<String>,
}

/// A ticket as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ticket {
    /// Internal id; also the sequence part of the number.
    pub id: TicketId,
    /// Incident, service request, question or complaint.
    pub kind: TicketType,
    /// One line.
    pub subject: String,
    /// The requester's account of the problem.
    pub description: String,
    /// Who asked.
    pub requester: UserId,
    /// The requester's department when the ticket was opened, which department scopes use.
    pub department: Option<DepartmentId>,
    /// How it reached the desk.
    pub channel: Channel,
    /// Node of the category tree.
    pub category: Option<CategoryId>,
    /// For reporting per application.
    pub nature: Option<Nature>,
    /// Affected service or application.
    pub service: Option<String>,
    /// Affected configuration items (free references until the CMDB lands).
    pub config_items: Vec<String>,
    /// How widely it hurts.
    pub impact: Impact,
    /// How soon it is needed.
    pub urgency: Urgency,
    /// Computed from the matrix unless `priority_manual`.
    pub priority: Priority,
    /// Whether someone set the priority by hand, overriding the matrix.
    pub priority_manual: bool,
    /// Support level 0-3 currently responsible.
    pub level: SupportLevel,
    /// Group currently responsible.
    pub group: Option<GroupId>,
    /// Agent currently responsible.
    pub assignee: Option<UserId>,
    /// Where it stands.
    pub status: Status,
    /// Free labels, lower case, sorted, unique.
    pub tags: Vec<String>,
    /// Diagnosis facts.
    pub facts: KeyFacts,
    /// Custom fields per category or service.
    pub custom: BTreeMap<String, String>,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// Last change of any field.
    pub updated_at: DateTime<Utc>,
    /// Last time it became resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// When it was closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// Optimistic-concurrency counter, bumped by every change.
    pub version: i64,
}

impl Ticket {
    /// The human number, e.g. `INC-000123`.
    pub fn number(&self) -> TicketNumber {
        TicketNumber::new(self.kind, self.id)
    }
}

/// A request to open a ticket, already parsed; [`NewTicket::validate`] checks the free text.
#[derive(Debug, Clone, Default)]
pub struct NewTicket {
    /// Type; incident when not given.
    pub kind: Option<TicketType>,
    /// One line, required.
    pub subject: String,
    /// The account of the problem.
    pub description: String,
    /// Who asks; the caller when not given.
    pub requester: Option<UserId>,
    /// How it came in.
    pub channel: Option<Channel>,
    /// Category.
    pub category: Option<CategoryId>,
    /// Nature.
    pub nature: Option<Nature>,
    /// Affected service.
    pub service: Option<String>,
    /// Affected configuration items.
    pub config_items: Vec<String>,
    /// Impact; medium when not given.
    pub impact: Option<Impact>,
    /// Urgency; medium when not given.
    pub urgency: Option<Urgency>,
    /// A priority set by hand instead of the matrix.
    pub priority: Option<Priority>,
    /// Starting level; the hotline when not given.
    pub level: Option<SupportLevel>,
    /// Starting group.
    pub group: Option<GroupId>,
    /// Starting assignee.
    pub assignee: Option<UserId>,
    /// Tags.
    pub tags: Vec<String>,
    /// Diagnosis facts.
    pub facts: KeyFacts,
    /// Custom fields.
    pub custom: BTreeMap<String, String>,
}

impl NewTicket {
    /// Checks the free-text fields and normalises tags.
    pub fn validate(&mut self) -> Result<(), DomainError> {
        self.subject = validate::required_line("subject", &self.subject, MAX_SUBJECT)?;
        validate::max_chars("description", &self.description, MAX_DESCRIPTION)?;
        if let Some(s) = &self.service {
            validate::max_chars("service", s, 200)?;
        }
        for ci in &self.config_items {
            validate::max_chars("config_items", ci, 200)?;
        }
        self.tags = validate::tags(&self.tags)?;
        validate::facts(&self.facts)?;
        validate::custom_fields(&self.custom)?;
        Ok(())
    }

    /// The ticket this request opens, before storage gives it an id (0 until then).
    pub fn into_ticket(
        self,
        requester: UserId,
        department: Option<DepartmentId>,
        matrix: &PriorityMatrix,
        now: DateTime<Utc>,
    ) -> Ticket {
        let impact = self.impact.unwrap_or(Impact::Medium);
        let urgency = self.urgency.unwrap_or(Urgency::Medium);
        let status = if self.assignee.is_some() {
            Status::Assigned
        } else {
            Status::New
        };
        Ticket {
            id: TicketId(0),
            kind: self.kind.unwrap_or(TicketType::Incident),
            subject: self.subject,
            description: self.description,
            requester,
            department,
            channel: self.channel.unwrap_or(Channel::Api),
            category: self.category,
            nature: self.nature,
            service: self.service,
            config_items: self.config_items,
            impact,
            urgency,
            priority: self
                .priority
                .unwrap_or_else(|| matrix.priority(impact, urgency)),
            priority_manual: self.priority.is_some(),
            level: self.level.unwrap_or(SupportLevel::HOTLINE),
            group: self.group,
            assignee: self.assignee,
            status,
            tags: self.tags,
            facts: self.facts,
            custom: self.custom,
            created_at: now,
            updated_at: now,
            resolved_at: None,
            closed_at: None,
            version: 1,
        }
    }
}

/// A change to a ticket's fields. `None` leaves a field alone; for clearable fields the inner
/// `Option` is the new value (`Some(None)` clears it).
#[derive(Debug, Clone, Default)]
pub struct TicketPatch {
    /// New status.
    pub status: Option<Status>,
    /// New priority set by hand; `Some(None)` returns to the matrix.
    pub priority: Option<Option<Priority>>,
    /// New impact.
    pub impact: Option<Impact>,
    /// New urgency.
    pub urgency: Option<Urgency>,
    /// New category.
    pub category: Option<Option<CategoryId>>,
    /// New group.
    pub group: Option<Option<GroupId>>,
    /// New assignee.
    pub assignee: Option<Option<UserId>>,
    /// New level.
    pub level: Option<SupportLevel>,
    /// New type (the number keeps its prefix history in the journal).
    pub kind: Option<TicketType>,
    /// New subject.
    pub subject: Option<String>,
    /// New nature.
    pub nature: Option<Option<Nature>>,
    /// New service.
    pub service: Option<Option<String>>,
    /// New tags (replace the set).
    pub tags: Option<Vec<String>>,
}

impl TicketPatch {
    /// Whether the patch asks for nothing.
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.priority.is_none()
            && self.impact.is_none()
            && self.urgency.is_none()
            && self.category.is_none()
            && self.group.is_none()
            && self.assignee.is_none()
            && self.level.is_none()
            && self.kind.is_none()
            && self.subject.is_none()
            && self.nature.is_none()
            && self.service.is_none()
            && self.tags.is_none()
    }

    /// Whether the patch touches who is responsible (needs the assign permission).
    pub fn touches_assignment(&self) -> bool {
        self.group.is_some() || self.assignee.is_some() || self.level.is_some()
    }
}

/// One field that changed, for the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    /// Field name as in the API.
    pub field: String,
    /// Old value as text (`null` when absent).
    pub from: Option<String>,
    /// New value as text.
    pub to: Option<String>,
}

fn opt_text<T: ToString>(v: &Option<T>) -> Option<String> {
    v.as_ref().map(ToString::to_string)
}

impl Ticket {
    /// Applies a patch: validates it against the state machine and returns the changed ticket
    /// with the list of changed fields. Fields that end up equal to their old value are not
    /// reported. `now` stamps resolution and closure times.
    pub fn apply(
        &self,
        patch: &TicketPatch,
        matrix: &PriorityMatrix,
        now: DateTime<Utc>,
    ) -> Result<(Ticket, Vec<FieldChange>), DomainError> {
        if self.status.is_final() {
            let rule = if self.status == Status::Closed {
                "closed_is_final"
            } else {
                "cancelled_is_final"
            };
            return Err(DomainError::Transition {
                rule,
                message: format!("a {} ticket cannot be changed", self.status),
            });
        }
        let mut t = self.clone();
        let mut changes = Vec::new();
        let mut record = |field: &str, from: Option<String>, to: Option<String>| {
            if from != to {
                changes.push(FieldChange {
                    field: field.to_string(),
                    from,
                    to,
                });
            }
        };

        if let Some(s) = &patch.subject {
            let s = validate::required_line("subject", s, MAX_SUBJECT)?;
            record("subject", Some(t.subject.clone()), Some(s.clone()));
            t.subject = s;
        }
        if let Some(k) = patch.kind {
            record("type", Some(t.kind.to_string()), Some(k.to_string()));
            t.kind = k;
        }
        if let Some(c) = patch.category {
            record("category", opt_text(&t.category), opt_text(&c));
            t.category = c;
        }
        if let Some(n) = patch.nature {
            record("nature", opt_text(&t.nature), opt_text(&n));
            t.nature = n;
        }
        if let Some(s) = &patch.service {
            if let Some(s) = s {
                validate::max_chars("service", s, 200)?;
            }
            record("service", t.service.clone(), s.clone());
            t.service = s.clone();
        }
        if let Some(tags) = &patch.tags {
            let tags = validate::tags(tags)?;
            record("tags", Some(t.tags.join(",")), Some(tags.join(",")));
            t.tags = tags;
        }
        if let Some(i) = patch.impact {
            record("impact", Some(t.impact.to_string()), Some(i.to_string()));
            t.impact = i;
        }
        if let Some(u) = patch.urgency {
            record("urgency", Some(t.urgency.to_string()), Some(u.to_string()));
            t.urgency = u;
        }
        let old_priority = t.priority;
        match patch.priority {
            Some(Some(p)) => {
                t.priority = p;
                t.priority_manual = true;
            }
            Some(None) => t.priority_manual = false,
            None => {}
        }
        if !t.priority_manual {
            t.priority = matrix.priority(t.impact, t.urgency);
        }
        record(
            "priority",
            Some(old_priority.to_string()),
            Some(t.priority.to_string()),
        );
        if let Some(l) = patch.level {
            record("level", Some(t.level.to_string()), Some(l.to_string()));
            t.level = l;
        }
        if let Some(g) = patch.group {
            record("group", opt_text(&t.group), opt_text(&g));
            t.group = g;
        }
        if let Some(a) = patch.assignee {
            record("assignee", opt_text(&t.assignee), opt_text(&a));
            t.assignee = a;
        }

        // An assignee given to a new ticket assigns it, without asking for the status too.
        let target = match patch.status {
            Some(s) => Some(s),
            None if t.status == Status::New && t.assignee.is_some() && patch.assignee.is_some() => {
                Some(Status::Assigned)
            }
            None => None,
        };
        if let Some(to) = target {
            let ctx = MoveContext {
                has_assignee: t.assignee.is_some(),
                via_escalation: false,
            };
            check_transition(t.status, to, ctx)?;
            record("status", Some(t.status.to_string()), Some(to.to_string()));
            t.status = to;
            match to {
                Status::Resolved => t.resolved_at = Some(now),
                Status::Closed => t.closed_at = Some(now),
                Status::InProgress | Status::Assigned if self.status == Status::Resolved => {
                    t.resolved_at = None;
                }
                _ => {}
            }
        }
        if !changes.is_empty() {
            t.updated_at = now;
            t.version += 1;
        }
        Ok((t, changes))
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()
    }

    fn ticket() -> Ticket {
        let mut n = NewTicket {
            subject: "  Printer on floor 3 jams ".into(),
            ..Default::default()
        };
        n.validate().unwrap();
        n.into_ticket(UserId(7), None, &PriorityMatrix::default(), now())
    }

    #[test]
    fn new_ticket_defaults() {
        let t = ticket();
        assert_eq!(t.subject, "Printer on floor 3 jams");
        assert_eq!(t.kind, TicketType::Incident);
        assert_eq!(t.status, Status::New);
        assert_eq!(t.priority, Priority::Medium);
        assert_eq!(t.level, SupportLevel::HOTLINE);
        assert!(!t.priority_manual);
    }

    #[test]
    fn empty_subject_is_refused() {
        let mut n = NewTicket {
            subject: "   ".into(),
            ..Default::default()
        };
        let err = n.validate().unwrap_err();
        assert!(
            matches!(err, DomainError::Invalid(ref f) if f.field == "subject" && f.code == "required")
        );
    }

    #[test]
    fn impact_change_recomputes_priority_unless_manual() {
        let t = ticket();
        let patch = TicketPatch {
            impact: Some(Impact::High),
            urgency: Some(Urgency::High),
            ..Default::default()
        };
        let (t2, changes) = t.apply(&patch, &PriorityMatrix::default(), now()).unwrap();
        assert_eq!(t2.priority, Priority::Critical);
        assert!(
            changes
                .iter()
                .any(|c| c.field == "priority" && c.to.as_deref() == Some("critical"))
        );
        assert_eq!(t2.version, t.version + 1);

        let manual = TicketPatch {
            priority: Some(Some(Priority::Low)),
            ..Default::default()
        };
        let (t3, _) = t2
            .apply(&manual, &PriorityMatrix::default(), now())
            .unwrap();
        assert_eq!(t3.priority, Priority::Low);
        let (t4, _) = t3
            .apply(
                &TicketPatch {
                    urgency: Some(Urgency::Medium),
                    ..Default::default()
                },
                &PriorityMatrix::default(),
                now(),
            )
            .unwrap();
        assert_eq!(
            t4.priority,
            Priority::Low,
            "a manual priority survives matrix inputs"
        );
        let (t5, _) = t4
            .apply(
                &TicketPatch {
                    priority: Some(None),
                    ..Default::default()
                },
                &PriorityMatrix::default(),
                now(),
            )
            .unwrap();
        assert_eq!(
            t5.priority,
            Priority::High,
            "back to the matrix: high impact, medium urgency"
        );
    }

    #[test]
    fn assigning_a_new_ticket_moves_it_to_assigned() {
        let t = ticket();
        let patch = TicketPatch {
            assignee: Some(Some(UserId(3))),
            ..Default::default()
        };
        let (t2, changes) = t.apply(&patch, &PriorityMatrix::default(), now()).unwrap();
        assert_eq!(t2.status, Status::Assigned);
        assert_eq!(changes.len(), 2);
    }

    #[test]
    fn refused_move_changes_nothing() {
        let t = ticket();
        let patch = TicketPatch {
            status: Some(Status::Closed),
            impact: Some(Impact::High),
            ..Default::default()
        };
        let err = t
            .apply(&patch, &PriorityMatrix::default(), now())
            .unwrap_err();
        assert!(matches!(
            err,
            DomainError::Transition {
                rule: "close_only_resolved",
                ..
            }
        ));
    }

    #[test]
    fn resolve_then_close_stamps_times_and_final_refuses_all() {
        let t = ticket();
        let m = PriorityMatrix::default();
        let (t, _) = t
            .apply(
                &TicketPatch {
                    status: Some(Status::Resolved),
                    ..Default::default()
                },
                &m,
                now(),
            )
            .unwrap();
        assert_eq!(t.resolved_at, Some(now()));
        let (t, _) = t
            .apply(
                &TicketPatch {
                    status: Some(Status::Closed),
                    ..Default::default()
                },
                &m,
                now(),
            )
            .unwrap();
        assert_eq!(t.closed_at, Some(now()));
        let err = t
            .apply(
                &TicketPatch {
                    subject: Some("x".into()),
                    ..Default::default()
                },
                &m,
                now(),
            )
            .unwrap_err();
        assert!(matches!(
            err,
            DomainError::Transition {
                rule: "closed_is_final",
                ..
            }
        ));
    }

    #[test]
    fn unchanged_fields_are_not_reported() {
        let t = ticket();
        let patch = TicketPatch {
            impact: Some(Impact::Medium),
            ..Default::default()
        };
        let (t2, changes) = t.apply(&patch, &PriorityMatrix::default(), now()).unwrap();
        assert!(changes.is_empty());
        assert_eq!(t2.version, t.version);
    }
}
