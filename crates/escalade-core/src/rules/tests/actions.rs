//! Every action on the working copy: what it changes, what it emits, and what the ticket
//! refuses.

use serde_json::{Value, json};

use super::*;
use crate::ids::{CategoryId, GroupId, SlaPolicyId, UserId};
use crate::ticket::{Impact, Priority, Status, SupportLevel, TicketType, Urgency};

/// Runs a rule with no conditions and these actions on the facts.
fn act(actions: Value, f: &TicketFacts) -> Outcome {
    let r = rule(json!({"name": "act", "event": "created", "actions": actions}));
    run(&[r], f)
}

fn changes(out: &Outcome) -> Vec<(String, Option<String>, Option<String>)> {
    out.changes
        .iter()
        .map(|c| (c.field.clone(), c.from.clone(), c.to.clone()))
        .collect()
}

fn change(field: &str, from: &str, to: &str) -> (String, Option<String>, Option<String>) {
    let v = |s: &str| (s != "-").then(|| s.to_string());
    (field.to_string(), v(from), v(to))
}

#[test]
fn field_actions_change_the_ticket() {
    let f = facts("Printer jams");
    type Changes<'a> = &'a [(&'a str, &'a str, &'a str)];
    let cases: &[(Value, Changes)] = &[
        (json!([{"set_category": 3}]), &[("category", "-", "3")]),
        (
            json!([{"set_type": "service_request"}]),
            &[("type", "incident", "service_request")],
        ),
        (json!([{"set_level": 2}]), &[("level", "0", "2")]),
        (json!([{"set_group": 4}]), &[("group", "-", "4")]),
        (json!([{"set_group": null}]), &[]),
        (
            json!([{"set_assignee": 9}]),
            &[("assignee", "-", "9"), ("status", "new", "assigned")],
        ),
        (
            json!([{"add_tags": ["Printer", "floor-3"]}]),
            &[("tags", "", "floor-3,printer")],
        ),
        (json!([{"set_sla_policy": 2}]), &[("sla_policy", "-", "2")]),
        // The priority follows the matrix: high impact x medium urgency = high.
        (
            json!([{"set_impact": "high"}]),
            &[("impact", "medium", "high"), ("priority", "medium", "high")],
        ),
        (
            json!([{"set_urgency": "high"}, {"set_impact": "high"}]),
            &[
                ("impact", "medium", "high"),
                ("urgency", "medium", "high"),
                ("priority", "medium", "critical"),
            ],
        ),
        // Set by hand, the priority no longer follows the matrix.
        (
            json!([{"set_priority": "low"}, {"set_impact": "high"}]),
            &[("impact", "medium", "high"), ("priority", "medium", "low")],
        ),
    ];
    for (actions, expected) in cases {
        let out = act(actions.clone(), &f);
        let expected: Vec<_> = expected.iter().map(|&(a, b, c)| change(a, b, c)).collect();
        assert_eq!(changes(&out), expected, "{actions}");
        assert!(out.fired[0].refused.is_empty(), "{actions}");
    }
}

#[test]
fn the_outcome_ticket_and_patch_agree() {
    let f = facts("Printer jams");
    let out = act(
        json!([
            {"set_category": 3}, {"set_type": "question"}, {"set_urgency": "low"},
            {"set_level": 1}, {"set_group": 4}, {"set_assignee": 9}, {"add_tags": ["a", "b"]},
            {"remove_tags": ["A"]}, {"set_sla_policy": 7}
        ]),
        &f,
    );
    let t = &out.ticket;
    assert_eq!(t.category, Some(CategoryId(3)));
    assert_eq!(t.kind, TicketType::Question);
    assert_eq!((t.urgency, t.priority), (Urgency::Low, Priority::Low));
    assert_eq!(t.level, SupportLevel::new(1).unwrap());
    assert_eq!((t.group, t.assignee), (Some(GroupId(4)), Some(UserId(9))));
    assert_eq!(t.status, Status::Assigned);
    assert_eq!(t.tags, ["b"]);
    assert_eq!(out.sla_policy, Some(SlaPolicyId(7)));
    let (applied, _) = f.ticket.apply(&out.patch, &MATRIX, now()).unwrap();
    assert_eq!(
        &applied, t,
        "the service layer gets the same ticket from the patch"
    );
    assert!(
        out.patch.priority.is_none(),
        "the matrix decides: no manual priority"
    );
}

#[test]
fn tags_add_and_remove_case_insensitively() {
    let mut f = facts("x");
    f.ticket.tags = vec!["laptop".into(), "triage".into()];
    let out = act(
        json!([{"remove_tags": ["TRIAGE", "absent"]}, {"add_tags": ["laptop", "Screen"]}]),
        &f,
    );
    assert_eq!(out.ticket.tags, ["laptop", "screen"]);
    assert_eq!(
        changes(&out),
        [change("tags", "laptop,triage", "laptop,screen")]
    );
    let per_action = &out.fired[0].changes;
    assert_eq!(
        per_action.len(),
        2,
        "each action's own change is journaled: {per_action:?}"
    );
}

#[test]
fn notes_and_auto_replies_are_emitted_not_applied() {
    let f = facts("Mot de passe oublié");
    let out = act(
        json!([
            {"add_note": "  Check the account in the directory first. "},
            {"send_auto_reply": {"template": "ack.password", "text": "We are resetting it."}},
        ]),
        &f,
    );
    assert!(out.changes.is_empty() && out.patch.is_empty());
    assert_eq!(out.notes.len(), 1);
    assert_eq!(
        out.notes[0].text,
        "Check the account in the directory first."
    );
    assert_eq!(out.notes[0].rule.name, "act");
    assert_eq!(out.auto_replies.len(), 1);
    assert_eq!(out.auto_replies[0].template, "ack.password");
    assert_eq!(out.fired[0].auto_replies[0].text, "We are resetting it.");
    assert!(
        !out.is_empty(),
        "a rule fired, so the journal has something to record"
    );
}

#[test]
fn a_ticket_that_refuses_a_change_reports_it_and_the_rule_goes_on() {
    let mut f = facts("x");
    f.ticket.tags = (0..30).map(|i| format!("t{i}")).collect();
    let out = act(
        json!([{"add_tags": ["one-too-many"]}, {"set_impact": "low"}]),
        &f,
    );
    let fired = &out.fired[0];
    assert_eq!(fired.refused.len(), 1);
    assert_eq!(fired.refused[0].action, "actions[0]");
    assert!(
        fired.refused[0].message.contains("at most 30"),
        "{}",
        fired.refused[0].message
    );
    assert_eq!(out.ticket.impact, Impact::Low, "the next action still ran");

    let mut closed = facts("x");
    closed.ticket.status = Status::Closed;
    let out = act(
        json!([{"set_priority": "high"}, {"set_sla_policy": 1}, {"add_note": "late"}]),
        &closed,
    );
    let refused: Vec<_> = out.fired[0]
        .refused
        .iter()
        .map(|r| r.action.as_str())
        .collect();
    assert_eq!(refused, ["actions[0]", "actions[1]"]);
    assert!(out.patch.is_empty() && out.sla_policy.is_none());
    assert_eq!(
        out.notes.len(),
        1,
        "a note on a closed ticket is still a note"
    );
}

#[test]
fn setting_a_field_to_its_value_changes_nothing() {
    let mut f = facts("x");
    f.sla_policy = Some(SlaPolicyId(2));
    let out = act(
        json!([{"set_impact": "medium"}, {"set_sla_policy": 2}, {"set_group": null}]),
        &f,
    );
    assert!(out.changes.is_empty() && out.patch.is_empty() && out.sla_policy.is_none());
    assert_eq!(out.fired.len(), 1, "it still fired");
}
