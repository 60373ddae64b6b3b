//! Time rules: when each is due, what it does, and what it refuses at save time.

use serde_json::json;

use super::*;
use crate::ids::{GroupId, UserId};
use crate::ticket::{EscalationTarget, Status, SupportLevel};

fn time_rule(v: serde_json::Value) -> TimeRule {
    TimeRule::from_json(&v.to_string()).unwrap_or_else(|e| panic!("{v}: {e:?}"))
}

fn facts(status: Status, since: &str) -> TimeFacts {
    TimeFacts {
        status,
        status_since: utc(since),
        assignee: Some(UserId(3)),
        unassigned_since: None,
        level: SupportLevel::HOTLINE,
        group: Some(GroupId(1)),
        last_reminder_at: None,
    }
}

fn remind(repeat: bool) -> TimeRule {
    time_rule(json!({
        "name": "Remind pending",
        "kind": {"remind_pending": {
            "after_hours": 48, "repeat": repeat,
            "template": "pending_reminder", "text": "We are waiting for your answer."
        }}
    }))
}

#[test]
fn reminders_after_hours_pending() {
    let rule = remind(false);
    let mut f = facts(Status::Pending, "2026-11-20T10:00:00Z");
    assert_eq!(rule.due_at(&f), Some(utc("2026-11-22T10:00:00Z")));
    assert_eq!(rule.check(&f, utc("2026-11-22T09:59:59Z")), None);
    let Some(TimeAction::Remind(spec)) = rule.check(&f, utc("2026-11-22T10:00:00Z")) else {
        panic!("due")
    };
    assert_eq!(spec.template, "pending_reminder");
    // Reminded once in this stretch of pending: not again, unless it repeats.
    f.last_reminder_at = Some(utc("2026-11-22T10:01:00Z"));
    assert_eq!(rule.due_at(&f), None);
    assert_eq!(remind(true).due_at(&f), Some(utc("2026-11-24T10:01:00Z")));
    // A reminder from an earlier stretch does not count.
    f.status_since = utc("2026-11-23T08:00:00Z");
    assert_eq!(rule.due_at(&f), Some(utc("2026-11-25T08:00:00Z")));
    // Not pending: nothing to remind.
    assert_eq!(
        rule.due_at(&facts(Status::InProgress, "2026-11-20T10:00:00Z")),
        None
    );
}

#[test]
fn auto_close_days_after_resolution() {
    let rule =
        time_rule(json!({"name": "Close", "kind": {"auto_close_resolved": {"after_days": 7}}}));
    let f = facts(Status::Resolved, "2026-03-25T10:00:00Z");
    // Real days, across the Paris daylight-saving change of 29 March: 7 x 24 hours.
    assert_eq!(rule.due_at(&f), Some(utc("2026-04-01T10:00:00Z")));
    assert_eq!(
        rule.check(&f, utc("2026-04-01T10:00:00Z")),
        Some(TimeAction::Close)
    );
    let patch = TimeAction::Close.patch().unwrap();
    assert_eq!(patch.status, Some(Status::Closed));
    for status in [Status::Closed, Status::InProgress, Status::Pending] {
        assert_eq!(
            rule.due_at(&facts(status, "2026-03-25T10:00:00Z")),
            None,
            "{status}"
        );
    }
    let mut off = rule.clone();
    off.active = false;
    assert_eq!(off.due_at(&f), None);
}

#[test]
fn escalate_unassigned_after_minutes() {
    let next = time_rule(
        json!({"name": "Nobody took it", "kind": {"escalate_unassigned": {"after_minutes": 30}}}),
    );
    let mut f = facts(Status::New, "2026-11-24T09:00:00Z");
    assert_eq!(next.due_at(&f), None, "assigned");
    f.assignee = None;
    f.unassigned_since = Some(utc("2026-11-24T09:00:00Z"));
    assert_eq!(next.due_at(&f), Some(utc("2026-11-24T09:30:00Z")));
    let Some(TimeAction::Escalate { target, summary }) =
        next.check(&f, utc("2026-11-24T09:45:00Z"))
    else {
        panic!("due")
    };
    assert_eq!(
        target,
        EscalationTarget {
            level: Some(SupportLevel::new(1).unwrap()),
            group: None
        }
    );
    assert!(
        summary.contains("'Nobody took it'") && summary.contains("30 minutes"),
        "{summary}"
    );
    // The service layer hands both to the manual escalation, which accepts them.
    let t = ticket("Nobody answers", "");
    let (escalated, record) = crate::ticket::plan_escalation(&t, target, &summary, now()).unwrap();
    assert_eq!(
        (escalated.status, record.to_level.get()),
        (Status::Escalated, 1)
    );

    // It climbs one level each time, up to level 3.
    f.level = SupportLevel::MAX;
    assert_eq!(next.due_at(&f), None, "nowhere higher to go");

    // A fixed target acts once: the ticket is then there.
    let to_l1 = time_rule(
        json!({"name": "To level 1", "kind": {"escalate_unassigned": {"after_minutes": 15, "to_level": 1}}}),
    );
    f.level = SupportLevel::HOTLINE;
    assert_eq!(to_l1.due_at(&f), Some(utc("2026-11-24T09:15:00Z")));
    f.level = SupportLevel::new(1).unwrap();
    f.group = None;
    assert_eq!(to_l1.due_at(&f), None, "already at level 1");
    let to_group = time_rule(
        json!({"name": "To dispatch", "kind": {"escalate_unassigned": {"after_minutes": 15, "to_level": 1, "to_group": 9}}}),
    );
    assert!(to_group.due_at(&f).is_some(), "same level, another group");
    f.group = Some(GroupId(9));
    assert_eq!(to_group.due_at(&f), None, "already in that group");

    // Resolved tickets are not escalated.
    f.status = Status::Resolved;
    f.group = None;
    assert_eq!(next.due_at(&f), None);
}

#[test]
fn time_rules_refuse_what_makes_no_sense() {
    let cases = [
        (
            json!({"name": "", "kind": {"auto_close_resolved": {"after_days": 7}}}),
            "name",
            "required",
        ),
        (
            json!({"name": "x", "kind": {"auto_close_resolved": {"after_days": 0}}}),
            "kind.auto_close_resolved.after_days",
            "out_of_range",
        ),
        (
            json!({"name": "x", "kind": {"auto_close_resolved": {"after_days": -1}}}),
            "kind.auto_close_resolved.after_days",
            "invalid_value",
        ),
        (
            json!({"name": "x", "kind": {"auto_close_resolved": {"after_days": 99999}}}),
            "kind.auto_close_resolved.after_days",
            "out_of_range",
        ),
        (
            json!({"name": "x", "kind": {"remind_pending": {"after_hours": 9999999, "template": "t", "text": "x"}}}),
            "kind.remind_pending.after_hours",
            "out_of_range",
        ),
        (
            json!({"name": "x", "kind": {"remind_pending": {"after_hours": 4, "template": "t t", "text": "x"}}}),
            "kind.remind_pending.template",
            "malformed_template",
        ),
        (
            json!({"name": "x", "kind": {"escalate_unassigned": {"after_minutes": 30, "to_group": 0}}}),
            "kind.escalate_unassigned.to_group",
            "invalid_id",
        ),
        (
            json!({"name": "x", "kind": {"escalate_unassigned": {"after_minutes": 30, "to_level": 5}}}),
            "kind.escalate_unassigned.to_level",
            "invalid_value",
        ),
        (
            json!({"name": "x", "kind": {"close_after": {"days": 3}}}),
            "kind",
            "unknown_value",
        ),
        (
            json!({"name": "x", "kind": {"auto_close_resolved": {"after_days": 3, "hours": 2}}}),
            "kind.auto_close_resolved.hours",
            "unknown_field",
        ),
    ];
    for (v, path, code) in cases {
        match TimeRule::from_json(&v.to_string()) {
            Err(DomainError::Invalid(e)) => assert_eq!(
                (e.field.as_str(), e.code),
                (path, code),
                "{v}: {}",
                e.message
            ),
            other => panic!("{v}: {other:?}"),
        }
    }
    let r = remind(true);
    assert_eq!(
        TimeRule::from_json(&serde_json::to_string(&r).unwrap()).unwrap(),
        r
    );
}

#[test]
fn facts_come_from_the_ticket_and_its_journal() {
    let mut t = ticket("x", "");
    t.status = Status::Pending;
    t.assignee = Some(UserId(3));
    let f = TimeFacts::of(
        &t,
        utc("2026-11-20T10:00:00Z"),
        Some(utc("2026-11-19T10:00:00Z")),
        None,
    );
    assert_eq!(f.status, Status::Pending);
    assert_eq!(f.unassigned_since, None, "it has an assignee");
    assert_eq!(remind(false).due_at(&f), Some(utc("2026-11-22T10:00:00Z")));
    t.assignee = None;
    let f = TimeFacts::of(
        &t,
        utc("2026-11-20T10:00:00Z"),
        Some(utc("2026-11-19T10:00:00Z")),
        None,
    );
    assert_eq!(f.unassigned_since, Some(utc("2026-11-19T10:00:00Z")));
}
