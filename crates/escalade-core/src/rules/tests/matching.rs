//! Every condition on a ticket, held or not, with the sentence that explains it.

use serde_json::{Value, json};

use super::*;
use crate::ids::{CategoryId, DepartmentId, GroupId, UserId};
use crate::ticket::{Channel, Impact, Priority, Status, SupportLevel, TicketType, Urgency};

/// Whether the condition holds on the facts, and its explanation.
#[track_caller]
fn check(condition: Value, facts: &TicketFacts) -> (bool, String) {
    check_at(condition, facts, now())
}

#[track_caller]
fn check_at(condition: Value, facts: &TicketFacts, at: DateTime<Utc>) -> (bool, String) {
    let r = when(json!({ "all": [condition] }));
    let out = evaluate(std::slice::from_ref(&r), Event::Created, facts, at, &ctx());
    let (held, reasons) = match &out.report[0].verdict {
        Verdict::Fired { reasons } => (true, reasons),
        Verdict::NoMatch { reasons } => (false, reasons),
        other => panic!("unexpected verdict {other:?}"),
    };
    assert_eq!(reasons.len(), 1, "one leaf, one reason");
    assert_eq!(reasons[0].path, "conditions.all[0]");
    assert_eq!(reasons[0].held, held);
    (held, reasons[0].detail.clone())
}

/// A qualified ticket: an incident by phone, category 4, group 2, assigned to user 3, high
/// impact, tags `laptop` and `vip`, requester of department 5, a VIP.
fn qualified() -> TicketFacts {
    let mut t = ticket(
        "Laptop screen flickers",
        "Since the update the screen flickers every few seconds. Error 0x80070005.",
    );
    t.kind = TicketType::Incident;
    t.channel = Channel::Phone;
    t.category = Some(CategoryId(4));
    t.group = Some(GroupId(2));
    t.assignee = Some(UserId(3));
    t.status = Status::Assigned;
    t.impact = Impact::High;
    t.urgency = Urgency::Medium;
    t.priority = Priority::High;
    t.level = SupportLevel::new(1).unwrap();
    t.tags = vec!["laptop".into(), "vip".into()];
    TicketFacts {
        ticket: t,
        requester_department: Some(DepartmentId(5)),
        requester_vip: true,
        sla_policy: None,
    }
}

#[test]
fn field_tests_hold_or_not_with_their_reason() {
    let f = qualified();
    let cases: &[(Value, bool, &str)] = &[
        (
            json!({"priority": {"is": "high"}}),
            true,
            "priority is high",
        ),
        (
            json!({"priority": {"is": "low"}}),
            false,
            "priority is high, not low",
        ),
        (
            json!({"priority": {"in": ["critical", "high"]}}),
            true,
            "priority is high, one of critical, high",
        ),
        (
            json!({"priority": {"in": ["low"]}}),
            false,
            "priority is high, not one of low",
        ),
        (
            json!({"priority": {"not": "low"}}),
            true,
            "priority is high, not low",
        ),
        (
            json!({"priority": {"not": "high"}}),
            false,
            "priority is high",
        ),
        (
            json!({"priority": {"not_in": ["low", "medium"]}}),
            true,
            "priority is high, none of low, medium",
        ),
        (
            json!({"priority": {"not_in": ["high"]}}),
            false,
            "priority is high, one of high",
        ),
        (
            json!({"status": {"is": "assigned"}}),
            true,
            "status is assigned",
        ),
        (
            json!({"impact": {"in": ["high"]}}),
            true,
            "impact is high, one of high",
        ),
        (
            json!({"urgency": {"is": "high"}}),
            false,
            "urgency is medium, not high",
        ),
        (
            json!({"type": {"is": "incident"}}),
            true,
            "type is incident",
        ),
        (
            json!({"channel": {"in": ["email", "portal"]}}),
            false,
            "channel is phone, not one of email, portal",
        ),
        (
            json!({"level": {"in": [1, 2]}}),
            true,
            "level is 1, one of 1, 2",
        ),
        (json!({"category": {"is": 4}}), true, "category is 4"),
        (
            json!({"category": {"set": false}}),
            false,
            "category is set (4)",
        ),
        (json!({"group": {"is": 2}}), true, "group is 2"),
        (
            json!({"assignee": {"set": true}}),
            true,
            "assignee is set (3)",
        ),
        (
            json!({"assignee": {"not": 9}}),
            true,
            "assignee is 3, not 9",
        ),
        (
            json!({"requester_department": {"in": [5, 6]}}),
            true,
            "requester_department is 5, one of 5, 6",
        ),
        (
            json!({"requester_vip": true}),
            true,
            "the requester is a VIP",
        ),
        (
            json!({"requester_vip": false}),
            false,
            "the requester is a VIP",
        ),
        (
            json!({"tags": {"contains_any": ["VIP", "urgent"]}}),
            true,
            "the ticket has tags laptop, vip, which matches any of VIP, urgent",
        ),
        (
            json!({"tags": {"contains_all": ["vip", "urgent"]}}),
            false,
            "the ticket has tags laptop, vip, which does not match all of vip, urgent",
        ),
        (
            json!({"tags": {"contains_none": ["printer"]}}),
            true,
            "the ticket has tags laptop, vip, which matches none of printer",
        ),
    ];
    for (cond, held, detail) in cases {
        assert_eq!(
            check(cond.clone(), &f),
            (*held, detail.to_string()),
            "{cond}"
        );
    }
}

#[test]
fn empty_fields() {
    let f = facts("New request");
    let cases: &[(Value, bool, &str)] = &[
        (
            json!({"category": {"set": false}}),
            true,
            "category is empty",
        ),
        (
            json!({"assignee": {"set": true}}),
            false,
            "assignee is empty",
        ),
        (json!({"group": {"is": 2}}), false, "group is empty, not 2"),
        (json!({"group": {"not": 2}}), true, "group is empty, not 2"),
        (
            json!({"group": {"not_in": [2]}}),
            true,
            "group is empty, none of 2",
        ),
        (
            json!({"requester_department": {"in": [5]}}),
            false,
            "requester_department is empty, not one of 5",
        ),
        (
            json!({"tags": {"contains_any": ["vip"]}}),
            false,
            "the ticket has no tags, which does not match any of vip",
        ),
    ];
    for (cond, held, detail) in cases {
        assert_eq!(
            check(cond.clone(), &f),
            (*held, detail.to_string()),
            "{cond}"
        );
    }
}

#[test]
fn category_under_follows_the_tree() {
    // 1 Hardware <- 11 Printers <- 111 Laser printers; 2 Software.
    let parent_of = |c: CategoryId| match c.0 {
        11 => Some(CategoryId(1)),
        111 => Some(CategoryId(11)),
        _ => None,
    };
    let ctx = ctx().with_category_parents(&parent_of);
    let with_category = |c: i64| {
        let mut f = facts("x");
        f.ticket.category = Some(CategoryId(c));
        f
    };
    let under_hardware = when(json!({"all": [{"category": {"under": [1]}}]}));
    let not_under_hardware = when(json!({"all": [{"category": {"not_under": [1]}}]}));
    for (cat, inside) in [(1, true), (11, true), (111, true), (2, false)] {
        let f = with_category(cat);
        let out = evaluate(
            std::slice::from_ref(&under_hardware),
            Event::Created,
            &f,
            now(),
            &ctx,
        );
        assert_eq!(!out.fired.is_empty(), inside, "category {cat} under 1");
        let out = evaluate(
            std::slice::from_ref(&not_under_hardware),
            Event::Created,
            &f,
            now(),
            &ctx,
        );
        assert_eq!(out.fired.is_empty(), inside, "category {cat} not under 1");
    }
    let out = evaluate(
        std::slice::from_ref(&under_hardware),
        Event::Created,
        &with_category(111),
        now(),
        &ctx,
    );
    assert_eq!(out.fired[0].reasons[0].detail, "category 111 is under 1");
    // Without the tree, only the category itself is under itself.
    assert!(!check(json!({"category": {"under": [1]}}), &with_category(11)).0);
    assert!(!check(json!({"category": {"under": [1]}}), &facts("no category")).0);
}

#[test]
fn text_conditions_say_where_they_matched() {
    let f = TicketFacts::new(ticket(
        "Imprimante du 3e étage",
        "Bonjour, les imprimantes affichent une erreur. Code INC-4412.",
    ));
    let cases: &[(Value, bool, &str)] = &[
        (
            json!({"subject": {"keywords": ["imprimante"]}}),
            true,
            "subject contains 'imprimante'",
        ),
        (
            json!({"description": {"keywords": ["Imprimante"]}}),
            true,
            "description contains 'Imprimante' (as 'imprimantes')",
        ),
        (
            json!({"text": {"keywords": ["printer", "erreur"]}}),
            true,
            "description contains 'erreur'",
        ),
        (
            json!({"subject": {"keywords": ["erreur", "panne"]}}),
            false,
            "the subject contains none of the 2 keywords",
        ),
        (
            json!({"text": {"keywords": ["réseau"]}}),
            false,
            "neither the subject nor the description contains 'réseau'",
        ),
        (
            json!({"description": {"regex": "INC-\\d+"}}),
            true,
            "description matches /INC-\\d+/ at 'INC-4412'",
        ),
        (
            json!({"text": {"regex": "inc-\\d+"}}),
            true,
            "description matches /inc-\\d+/ at 'INC-4412'",
        ),
        (
            json!({"text": {"regex": "(?-i)inc-\\d+"}}),
            false,
            "neither the subject nor the description matches /(?-i)inc-\\d+/",
        ),
        (
            json!({"subject": {"regex": "^Imprimante\\b"}}),
            true,
            "subject matches /^Imprimante\\b/ at 'Imprimante'",
        ),
        (
            json!({"subject": {"regex": "étage$"}}),
            true,
            "subject matches /étage$/ at 'étage'",
        ),
    ];
    for (cond, held, detail) in cases {
        assert_eq!(
            check(cond.clone(), &f),
            (*held, detail.to_string()),
            "{cond}"
        );
    }
}

#[test]
fn time_of_day_and_weekday_on_a_zone_clock() {
    let f = facts("x");
    // 2026-11-24T09:30Z is Tuesday 10:30 in Paris, 17:30 in Shanghai, 04:30 in New York.
    let office = json!({"time": {"zone": "Europe/Paris", "days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "from": "08:00", "to": "18:00"}});
    assert_eq!(
        check(office.clone(), &f),
        (
            true,
            "tuesday 10:30 in Europe/Paris is within 08:00-18:00".into()
        )
    );
    let weekend = json!({"time": {"zone": "Europe/Paris", "days": ["saturday", "sunday"]}});
    assert_eq!(
        check(weekend, &f),
        (
            false,
            "tuesday 10:30 in Europe/Paris is not on saturday, sunday".into()
        )
    );
    let night = json!({"time": {"zone": "America/New_York", "from": "18:00", "to": "08:00"}});
    assert_eq!(
        check(night.clone(), &f),
        (
            true,
            "tuesday 04:30 in America/New_York is within 18:00-08:00".into()
        )
    );
    let evening = json!({"time": {"zone": "Asia/Shanghai", "from": "17:30"}});
    assert_eq!(
        check(evening, &f),
        (
            true,
            "tuesday 17:30 in Asia/Shanghai is within 17:30-24:00".into()
        )
    );
    let morning = json!({"time": {"zone": "Asia/Shanghai", "to": "17:30"}});
    assert!(!check(morning, &f).0, "the end is excluded");
    // The same rule, an hour later in summer time: Paris is UTC+2 in July.
    assert!(!check_at(office.clone(), &f, utc("2026-07-07T05:59:00Z")).0);
    assert!(check_at(office, &f, utc("2026-07-07T06:00:00Z")).0);
    assert!(
        !check_at(night, &f, utc("2026-11-24T15:00:00Z")).0,
        "10:00 in New York"
    );
}

#[test]
fn change_tests_compare_before_and_after_an_update() {
    let before = qualified().ticket;
    let mut after = qualified();
    after.ticket.priority = Priority::Critical;
    after.ticket.assignee = None;
    let run_updated = |cond: Value, before: Option<&Ticket>| {
        let r = rule(json!({
            "name": "watch",
            "event": "updated",
            "conditions": {"all": [cond]},
            "actions": [{"add_note": "seen"}],
        }));
        let out = match before {
            Some(b) => evaluate(
                std::slice::from_ref(&r),
                Event::Updated { before: b },
                &after,
                now(),
                &ctx(),
            ),
            None => dry_run(&r, &after, None, now(), &ctx()),
        };
        let reasons = match &out.report[0].verdict {
            Verdict::Fired { reasons } | Verdict::NoMatch { reasons } => reasons.clone(),
            other => panic!("{other:?}"),
        };
        (!out.fired.is_empty(), reasons[0].detail.clone())
    };
    let cases: &[(Value, bool, &str)] = &[
        (
            json!({"priority": {"changed": true}}),
            true,
            "priority changed from high to critical",
        ),
        (
            json!({"priority": {"changed_to": ["critical"]}}),
            true,
            "priority changed from high to critical",
        ),
        (
            json!({"priority": {"changed_to": ["high"]}}),
            false,
            "priority changed from high to critical",
        ),
        (
            json!({"priority": {"changed_from": ["high", "medium"]}}),
            true,
            "priority changed from high to critical",
        ),
        (
            json!({"impact": {"changed": true}}),
            false,
            "impact did not change (high)",
        ),
        (
            json!({"impact": {"changed": false}}),
            true,
            "impact did not change (high)",
        ),
        (
            json!({"assignee": {"changed_from": [3]}}),
            true,
            "assignee changed from 3 to empty",
        ),
        (
            json!({"assignee": {"changed_to": [3]}}),
            false,
            "assignee changed from 3 to empty",
        ),
    ];
    for (cond, held, detail) in cases {
        assert_eq!(
            run_updated(cond.clone(), Some(&before)),
            (*held, detail.to_string()),
            "{cond}"
        );
    }
    // A dry run without the earlier state sees nothing changed.
    assert_eq!(
        run_updated(json!({"priority": {"changed": true}}), None),
        (false, "priority did not change (critical)".to_string())
    );
}

#[test]
fn groups_explain_the_deciding_conditions() {
    let f = qualified();
    let reasons = |conditions: Value| {
        let out = run(&[when(conditions)], &f);
        match &out.report[0].verdict {
            Verdict::Fired { reasons } => (true, reasons.clone()),
            Verdict::NoMatch { reasons } => (false, reasons.clone()),
            other => panic!("{other:?}"),
        }
    };
    let paths = |r: &[Reason]| {
        r.iter()
            .map(|r| (r.path.clone(), r.held))
            .collect::<Vec<_>>()
    };

    // all: stops at the first failure, which is the reason.
    let (held, r) = reasons(json!({"all": [
        {"priority": {"is": "high"}},
        {"channel": {"is": "email"}},
        {"requester_vip": true},
    ]}));
    assert!(!held);
    assert_eq!(paths(&r), [("conditions.all[1]".to_string(), false)]);
    assert_eq!(r[0].detail, "channel is phone, not email");

    // all that holds: every condition, in order; nested any: its first match.
    let (held, r) = reasons(json!({"all": [
        {"priority": {"is": "high"}},
        {"any": [{"channel": {"is": "email"}}, {"requester_vip": true}]},
    ]}));
    assert!(held);
    assert_eq!(
        paths(&r),
        [
            ("conditions.all[0]".to_string(), true),
            ("conditions.all[1].any[1]".to_string(), true)
        ]
    );

    // any that fails: every condition failed.
    let (held, r) =
        reasons(json!({"any": [{"channel": {"is": "email"}}, {"requester_vip": false}]}));
    assert!(!held);
    assert_eq!(
        paths(&r),
        [
            ("conditions.any[0]".to_string(), false),
            ("conditions.any[1]".to_string(), false)
        ]
    );

    // none: fails on the first condition that holds.
    let (held, r) =
        reasons(json!({"none": [{"channel": {"is": "email"}}, {"requester_vip": true}]}));
    assert!(!held);
    assert_eq!(paths(&r), [("conditions.none[1]".to_string(), true)]);
    let (held, _) = reasons(json!({"all": [{"none": [{"subject": {"keywords": ["printer"]}}]}]}));
    assert!(held, "nested none: the subject mentions no printer");

    // No conditions: every ticket.
    let (held, r) = reasons(json!({"all": []}));
    assert!(held && r.is_empty());
}
