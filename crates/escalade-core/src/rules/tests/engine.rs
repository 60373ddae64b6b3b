//! The run: order, later rules seeing earlier changes, stop, skipped rules, the dry-run report,
//! and the no-loop decision.

use serde_json::{Value, json};

use super::*;
use crate::ids::{CategoryId, GroupId, RuleId};
use crate::ticket::{Priority, Status};

fn named(name: &str, event: &str, conditions: Value, actions: Value) -> Value {
    json!({"name": name, "event": event, "conditions": conditions, "actions": actions})
}

fn verdicts(out: &Outcome) -> Vec<(String, &'static str)> {
    out.report
        .iter()
        .map(|r| {
            let v = match r.verdict {
                Verdict::Inactive => "inactive",
                Verdict::OtherEvent { .. } => "other_event",
                Verdict::NotReached { .. } => "not_reached",
                Verdict::NoMatch { .. } => "no_match",
                Verdict::Fired { .. } => "fired",
            };
            (r.rule.name.clone(), v)
        })
        .collect()
}

fn v(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
    list.iter().map(|&(n, v)| (n.to_string(), v)).collect()
}

#[test]
fn later_rules_see_earlier_changes_in_order() {
    let rules = [
        rule(named(
            "classify",
            "created",
            json!({"all": [{"subject": {"keywords": ["vpn"]}}]}),
            json!([{"set_category": 3}]),
        )),
        rule(named(
            "route network",
            "created",
            json!({"all": [{"category": {"is": 3}}]}),
            json!([{"set_group": 7}, {"set_impact": "high"}]),
        )),
        rule(named(
            "escalate high",
            "created",
            json!({"all": [{"priority": {"in": ["high", "critical"]}}]}),
            json!([{"add_tags": ["hot"]}]),
        )),
        rule(named(
            "first-time only",
            "created",
            json!({"all": [{"category": {"set": false}}]}),
            json!([{"add_tags": ["unsorted"]}]),
        )),
    ];
    let out = run(&rules, &facts("VPN drops every hour"));
    assert_eq!(
        verdicts(&out),
        v(&[
            ("classify", "fired"),
            ("route network", "fired"),
            ("escalate high", "fired"),
            ("first-time only", "no_match")
        ])
    );
    assert_eq!(out.ticket.category, Some(CategoryId(3)));
    assert_eq!(out.ticket.group, Some(GroupId(7)));
    assert_eq!(out.ticket.priority, Priority::High);
    assert_eq!(out.ticket.tags, ["hot"]);
    let per_rule: Vec<Vec<&str>> = out
        .fired
        .iter()
        .map(|f| f.changes.iter().map(|c| c.field.as_str()).collect())
        .collect();
    assert_eq!(
        per_rule,
        [
            vec!["category"],
            vec!["group", "impact", "priority"],
            vec!["tags"]
        ]
    );
    assert!(out.stopped_by.is_none());

    // The same rules in another order: routing runs before the category exists.
    let reordered = [
        rules[1].clone(),
        rules[0].clone(),
        rules[2].clone(),
        rules[3].clone(),
    ];
    let out = run(&reordered, &facts("VPN drops every hour"));
    assert_eq!(
        verdicts(&out),
        v(&[
            ("route network", "no_match"),
            ("classify", "fired"),
            ("escalate high", "no_match"),
            ("first-time only", "no_match")
        ])
    );
}

#[test]
fn stop_ends_the_run() {
    let tag = |name: &str, t: &str| {
        named(
            name,
            "created",
            json!({"all": []}),
            json!([{"add_tags": [t]}]),
        )
    };
    let mut stopper = tag("vip first", "vip");
    stopper["conditions"] = json!({"all": [{"requester_vip": true}]});
    stopper["stop_after"] = json!(true);
    let rules = [rule(tag("a", "a")), rule(stopper), rule(tag("b", "b"))];

    let out = run(&rules, &facts("x").vip(true));
    assert_eq!(
        verdicts(&out),
        v(&[("a", "fired"), ("vip first", "fired"), ("b", "not_reached")])
    );
    assert_eq!(out.ticket.tags, ["a", "vip"]);
    assert_eq!(
        out.stopped_by.as_ref().map(|r| r.name.as_str()),
        Some("vip first")
    );
    assert!(out.fired[1].stopped);
    let Verdict::NotReached { stopped_by } = &out.report[2].verdict else {
        panic!()
    };
    assert_eq!(stopped_by.position, 1);

    // Not a VIP: the stopping rule does not fire, so nothing stops.
    let out = run(&rules, &facts("x"));
    assert_eq!(
        verdicts(&out),
        v(&[("a", "fired"), ("vip first", "no_match"), ("b", "fired")])
    );

    // A stop action ends the rule's own actions too (it must be last) and the run.
    let rules = [
        rule(named(
            "stops",
            "created",
            json!({"all": []}),
            json!([{"add_tags": ["x"]}, "stop"]),
        )),
        rule(tag("after", "after")),
    ];
    let out = run(&rules, &facts("x"));
    assert_eq!(
        verdicts(&out),
        v(&[("stops", "fired"), ("after", "not_reached")])
    );
    assert_eq!(out.ticket.tags, ["x"]);
}

#[test]
fn inactive_rules_and_other_events_are_skipped_and_reported() {
    let mut off = named(
        "off",
        "created",
        json!({"all": []}),
        json!([{"add_tags": ["off"]}]),
    );
    off["active"] = json!(false);
    let rules = [
        rule(off),
        rule(named(
            "on reply",
            "reply_received",
            json!({"all": []}),
            json!([{"set_priority": "high"}]),
        )),
        rule(named(
            "on create",
            "created",
            json!({"all": []}),
            json!([{"add_tags": ["new"]}]),
        )),
    ];
    let out = run(&rules, &facts("x"));
    assert_eq!(
        verdicts(&out),
        v(&[
            ("off", "inactive"),
            ("on reply", "other_event"),
            ("on create", "fired")
        ])
    );
    let out = evaluate(&rules, Event::ReplyReceived, &facts("x"), now(), &ctx());
    assert_eq!(
        verdicts(&out),
        v(&[
            ("off", "inactive"),
            ("on reply", "fired"),
            ("on create", "other_event")
        ])
    );
    assert_eq!(out.ticket.priority, Priority::High);
}

#[test]
fn nothing_fires_nothing_to_store() {
    let rules = [rule(named(
        "never",
        "created",
        json!({"all": [{"requester_vip": true}]}),
        json!([{"add_tags": ["vip"]}]),
    ))];
    let out = run(&rules, &facts("x"));
    assert!(out.is_empty() && out.patch.is_empty() && out.changes.is_empty());
    assert_eq!(out.ticket, facts("x").ticket);
}

#[test]
fn ids_and_positions_identify_rules_in_reports() {
    let r = rule(named(
        "tagged",
        "created",
        json!({"all": []}),
        json!([{"add_tags": ["t"]}]),
    ))
    .with_id(RuleId(42));
    let out = run(&[r], &facts("x"));
    assert_eq!(
        out.fired[0].rule,
        RuleRef {
            id: Some(RuleId(42)),
            name: "tagged".into(),
            position: 0
        }
    );
    let journal = serde_json::to_value(&out.fired[0]).unwrap();
    assert_eq!(journal["rule"]["id"], 42);
    assert_eq!(journal["changes"][0]["field"], "tags");
    let report = serde_json::to_value(&out.report[0]).unwrap();
    assert_eq!(report["verdict"]["verdict"], "fired");
}

#[test]
fn dry_run_tries_one_rule_even_inactive_and_explains() {
    let mut draft = named(
        "Critical VPN outages",
        "created",
        json!({"all": [{"text": {"keywords": ["vpn"]}}, {"impact": {"is": "high"}}]}),
        json!([{"set_priority": "critical"}, {"add_note": "Major incident?"}]),
    );
    draft["active"] = json!(false);
    let draft = rule(draft);
    let mut f = facts("VPN down for the whole floor");
    let out = dry_run(&draft, &f, None, now(), &ctx());
    let Verdict::NoMatch { reasons } = &out.report[0].verdict else {
        panic!("{:?}", out.report)
    };
    assert_eq!(reasons.len(), 1);
    assert_eq!(reasons[0].path, "conditions.all[1]");
    assert_eq!(reasons[0].detail, "impact is medium, not high");

    f.ticket.impact = crate::ticket::Impact::High;
    let out = dry_run(&draft, &f, None, now(), &ctx());
    let Verdict::Fired { reasons } = &out.report[0].verdict else {
        panic!()
    };
    let details: Vec<&str> = reasons.iter().map(|r| r.detail.as_str()).collect();
    assert_eq!(details, ["subject contains 'vpn'", "impact is high"]);
    assert_eq!(out.changes.len(), 1);
    assert_eq!(out.changes[0].to.as_deref(), Some("critical"));
    assert_eq!(out.notes[0].text, "Major incident?");
    assert_eq!(
        (f.ticket.priority, f.ticket.priority_manual),
        (Priority::Medium, false),
        "a dry run changes nothing it was given"
    );
}

#[test]
fn updated_rules_see_the_update() {
    let rules = [rule(named(
        "critical goes to level 2",
        "updated",
        json!({"all": [{"priority": {"changed_to": ["critical"]}}, {"level": {"in": [0, 1]}}]}),
        json!([{"set_level": 2}, {"add_note": "Raised to critical: level 2 takes it."}]),
    ))];
    let before = facts("x").ticket;
    let mut after = facts("x");
    after.ticket.priority = Priority::Critical;
    after.ticket.priority_manual = true;
    let out = evaluate(
        &rules,
        Event::Updated { before: &before },
        &after,
        now(),
        &ctx(),
    );
    assert_eq!(out.ticket.level.get(), 2);
    // The same ticket updated again (a note, say) without a priority change: nothing.
    let out = evaluate(
        &rules,
        Event::Updated {
            before: &after.ticket,
        },
        &after,
        now(),
        &ctx(),
    );
    assert!(out.is_empty());
}

#[test]
fn rules_never_run_on_changes_made_by_rules() {
    use ChangeOrigin::*;
    use Happening::*;
    let cases = [
        (Opened, Person, Some(RuleEvent::Created)),
        (Opened, Rules, None),
        (Opened, Scheduler, None),
        (FieldsChanged, Person, Some(RuleEvent::Updated)),
        (FieldsChanged, Scheduler, Some(RuleEvent::Updated)),
        (FieldsChanged, Rules, None),
        (RequesterReplied, Person, Some(RuleEvent::ReplyReceived)),
        (RequesterReplied, Rules, None),
        (RequesterReplied, Scheduler, None),
        (AgentCommented, Person, None),
        (AgentCommented, Rules, None),
        (AgentCommented, Scheduler, None),
    ];
    for (happening, origin, event) in cases {
        assert_eq!(
            rules_to_run(happening, origin),
            event,
            "{happening:?} by {origin:?}"
        );
    }
}

/// The service-layer loop the engine documents, simulated: a rule that would re-trigger itself
/// on every update (it changes the priority whenever the priority changed) runs once.
#[test]
fn a_self_triggering_rule_runs_once_per_event() {
    let ping_pong = [rule(named(
        "flip",
        "updated",
        json!({"all": [{"priority": {"changed": true}}]}),
        json!([{"set_urgency": "low"}, {"set_impact": "low"}]),
    ))];
    let before = facts("x").ticket;
    let mut stored = facts("x");
    stored.ticket.priority = Priority::High;
    stored.ticket.priority_manual = true;
    // A person raised the priority: that is an `updated` event.
    let mut runs = 0;
    let mut pending = vec![(Happening::FieldsChanged, ChangeOrigin::Person, before)];
    while let Some((happening, origin, before)) = pending.pop() {
        let Some(event) = rules_to_run(happening, origin) else {
            continue;
        };
        assert_eq!(event, RuleEvent::Updated);
        runs += 1;
        let out = evaluate(
            &ping_pong,
            Event::Updated { before: &before },
            &stored,
            now(),
            &ctx(),
        );
        if !out.changes.is_empty() {
            let previous = stored.ticket.clone();
            stored.ticket = out.ticket;
            // The rules' change is stored as made by rules.
            pending.push((Happening::FieldsChanged, ChangeOrigin::Rules, previous));
        }
        assert!(runs < 10, "rules looped");
    }
    assert_eq!(runs, 1);
    assert_eq!(stored.ticket.status, Status::New);
}

#[test]
fn compiled_rules_can_be_shared_between_requests() {
    fn shared<T: Send + Sync + Clone>() {}
    shared::<CompiledRule>();
    shared::<TimeRule>();
}

#[test]
fn a_quiet_run_changes_the_same_and_reports_only_what_fired() {
    let rules = [
        rule(named(
            "classify",
            "created",
            json!({"all": [{"text": {"keywords": ["imprimante"]}}]}),
            json!([{"set_category": 3}, {"add_note": "printer"}]),
        )),
        rule(named(
            "never",
            "created",
            json!({"all": [{"subject": {"regex": "zzz\\d+"}}]}),
            json!([{"add_tags": ["never"]}]),
        )),
        rule(named(
            "hot",
            "created",
            json!({"any": [{"category": {"is": 3}}, {"requester_vip": true}]}),
            json!([{"add_tags": ["hot"]}]),
        )),
    ];
    let f = facts("L'imprimante du 2e étage ne marche plus");
    let loud = evaluate(&rules, Event::Created, &f, now(), &ctx());
    let quiet_ctx = RuleContext::new(&MATRIX);
    let quiet = evaluate(&rules, Event::Created, &f, now(), &quiet_ctx);
    assert_eq!(quiet.changes, loud.changes);
    assert_eq!(quiet.notes, loud.notes);
    assert_eq!(quiet.fired, loud.fired, "fired rules keep their reasons");
    assert_eq!(
        verdicts(&loud),
        v(&[
            ("classify", "fired"),
            ("never", "no_match"),
            ("hot", "fired")
        ])
    );
    assert_eq!(
        verdicts(&quiet),
        v(&[("classify", "fired"), ("hot", "fired")])
    );
    assert!(!quiet.fired[0].reasons.is_empty());
    assert!(quiet.fired[0].reasons[0].detail.contains("imprimante"));
}
