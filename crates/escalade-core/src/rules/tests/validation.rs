//! Save-time refusals: each names the JSON path of the culprit and a stable code, whether the
//! JSON has the wrong shape or a meaningless content.

use serde_json::{Value, json};

use super::*;

/// A valid rule with one part replaced.
fn with(key: &str, value: Value) -> Value {
    let mut r = json!({
        "name": "Printers",
        "event": "created",
        "conditions": {"all": [{"subject": {"keywords": ["printer"]}}]},
        "actions": [{"set_category": 1}],
    });
    r[key] = value;
    r
}

fn cond(c: Value) -> Value {
    with(
        "conditions",
        json!({"all": [{"priority": {"is": "low"}}, c]}),
    )
}

#[test]
fn the_base_rule_is_valid_and_round_trips() {
    let r = Rule::from_json(&with("stop_after", json!(false)).to_string()).unwrap();
    assert!(r.active, "active by default");
    assert_eq!(Rule::from_json(&r.to_json()).unwrap(), r);
    let stored: Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(
        stored["conditions"]["all"][0]["subject"]["keywords"][0],
        "printer"
    );
    assert_eq!(stored["actions"][0]["set_category"], 1);
}

#[test]
fn shape_errors_name_their_path() {
    let cases: &[(Value, &str, &str)] = &[
        (with("colour", json!("red")), "colour", "unknown_field"),
        (with("event", json!("deleted")), "event", "unknown_value"),
        (
            json!({"name": "x", "event": "created"}),
            "actions",
            "required",
        ),
        (
            cond(json!({"colour": {"is": "red"}})),
            "conditions.all[1]",
            "unknown_value",
        ),
        (
            cond(json!({"priority": {"is": "urgent"}})),
            "conditions.all[1].priority.is",
            "unknown_value",
        ),
        (
            cond(json!({"priority": {"equals": "high"}})),
            "conditions.all[1].priority",
            "unknown_value",
        ),
        (
            cond(json!({"level": {"is": 4}})),
            "conditions.all[1].level.is",
            "invalid_value",
        ),
        (
            cond(json!({"category": {"is": "printers"}})),
            "conditions.all[1].category.is",
            "wrong_type",
        ),
        (
            cond(json!({"requester_vip": "yes"})),
            "conditions.all[1].requester_vip",
            "wrong_type",
        ),
        (
            cond(json!({"subject": {"keywords": "printer"}})),
            "conditions.all[1].subject.keywords",
            "wrong_type",
        ),
        (
            cond(json!({"time": {"zone": "UTC", "from": "25:00"}})),
            "conditions.all[1].time.from",
            "invalid_value",
        ),
        (
            cond(json!({"time": {"zone": "UTC", "from": "8h"}})),
            "conditions.all[1].time.from",
            "invalid_value",
        ),
        (
            cond(json!({"time": {"zone": "UTC", "days": ["lundi"]}})),
            "conditions.all[1].time.days",
            "invalid_value",
        ),
        (
            cond(json!({"time": {"zone": "UTC", "hours": 3}})),
            "conditions.all[1].time.hours",
            "unknown_field",
        ),
        (
            with("actions", json!([{"set_colour": "red"}])),
            "actions[0]",
            "unknown_value",
        ),
        (
            with("actions", json!([{"set_priority": "urgent"}])),
            "actions[0].set_priority",
            "unknown_value",
        ),
        (
            with("actions", json!([{"send_auto_reply": {"template": "x"}}])),
            "actions[0].send_auto_reply.text",
            "required",
        ),
        (
            with("actions", json!([{"add_tags": "vip"}])),
            "actions[0].add_tags",
            "wrong_type",
        ),
    ];
    for (rule, path, code) in cases {
        assert_eq!(refusal(rule.clone()), (path.to_string(), *code), "{rule}");
    }
    let msg = refusal_message(cond(json!({"priority": {"is": "urgent"}})));
    assert!(msg.contains("urgent") && msg.contains("critical"), "{msg}");
    assert!(
        !msg.contains("line 1"),
        "no JSON positions in a message for people: {msg}"
    );
    let msg = refusal_message(cond(json!({"time": {"zone": "UTC", "from": "25:00"}})));
    assert!(msg.contains("between 00:00 and 24:00"), "{msg}");
    assert!(matches!(
        Rule::from_json("{\"name\": "),
        Err(DomainError::Invalid(ref e)) if e.code == "malformed_json"
    ));
}

#[test]
fn meaning_errors_name_their_path() {
    let cases: &[(Value, &str, &str)] = &[
        (with("name", json!("  ")), "name", "required"),
        (with("name", json!("x".repeat(201))), "name", "too_long"),
        (with("actions", json!([])), "actions", "no_actions"),
        (
            with("actions", json!(vec![json!({"set_level": 1}); 51])),
            "actions",
            "too_many",
        ),
        (
            with("actions", json!(["stop", {"set_level": 1}])),
            "actions[1]",
            "unreachable_action",
        ),
        (
            with("actions", json!([{"set_category": 0}])),
            "actions[0].set_category",
            "invalid_id",
        ),
        (
            with("actions", json!([{"set_assignee": -3}])),
            "actions[0].set_assignee",
            "invalid_id",
        ),
        (
            with("actions", json!([{"add_tags": []}])),
            "actions[0].add_tags",
            "empty_list",
        ),
        (
            with("actions", json!([{"add_tags": ["two words"]}])),
            "actions[0].add_tags",
            "malformed_tag",
        ),
        (
            with("actions", json!([{"remove_tags": [" "]}])),
            "actions[0].remove_tags",
            "empty_list",
        ),
        (
            with("actions", json!([{"add_note": " \n"}])),
            "actions[0].add_note",
            "required",
        ),
        (
            with(
                "actions",
                json!([{"send_auto_reply": {"template": "a b", "text": "x"}}]),
            ),
            "actions[0].send_auto_reply.template",
            "malformed_template",
        ),
        (
            with(
                "actions",
                json!([{"send_auto_reply": {"template": "ack", "text": ""}}]),
            ),
            "actions[0].send_auto_reply.text",
            "required",
        ),
        (
            cond(json!({"priority": {"in": []}})),
            "conditions.all[1].priority.in",
            "empty_list",
        ),
        (
            cond(json!({"priority": {"set": true}})),
            "conditions.all[1].priority.set",
            "not_applicable",
        ),
        (
            cond(json!({"group": {"under": [1]}})),
            "conditions.all[1].group.under",
            "not_applicable",
        ),
        (
            cond(json!({"priority": {"changed": true}})),
            "conditions.all[1].priority.changed",
            "needs_updated_event",
        ),
        (
            cond(json!({"category": {"in": [1, 0]}})),
            "conditions.all[1].category.in",
            "invalid_id",
        ),
        (
            cond(json!({"tags": {"contains_any": []}})),
            "conditions.all[1].tags.contains_any",
            "empty_list",
        ),
        (
            cond(json!({"subject": {"keywords": []}})),
            "conditions.all[1].subject.keywords",
            "empty_list",
        ),
        (
            cond(json!({"text": {"keywords": ["printer", " "]}})),
            "conditions.all[1].text.keywords[1]",
            "empty_keyword",
        ),
        (
            cond(json!({"text": {"keywords": ["crash*", "*"]}})),
            "conditions.all[1].text.keywords[1]",
            "misplaced_wildcard",
        ),
        (
            cond(json!({"text": {"keywords": ["x".repeat(101)]}})),
            "conditions.all[1].text.keywords[0]",
            "too_long",
        ),
        (
            cond(json!({"subject": {"regex": "(unclosed"}})),
            "conditions.all[1].subject.regex",
            "bad_regex",
        ),
        (
            cond(json!({"subject": {"regex": ""}})),
            "conditions.all[1].subject.regex",
            "required",
        ),
        (
            cond(json!({"subject": {"regex": "x*"}})),
            "conditions.all[1].subject.regex",
            "matches_everything",
        ),
        (
            cond(json!({"subject": {"regex": "\\w{1000}{1000}"}})),
            "conditions.all[1].subject.regex",
            "bad_regex",
        ),
        (
            cond(json!({"time": {"zone": "Europe/Lutece", "from": "08:00"}})),
            "conditions.all[1].time.zone",
            "unknown_zone",
        ),
        (
            cond(json!({"time": {"zone": "UTC"}})),
            "conditions.all[1].time",
            "no_time_limit",
        ),
        (
            cond(json!({"time": {"zone": "UTC", "days": []}})),
            "conditions.all[1].time.days",
            "empty_list",
        ),
        (
            cond(json!({"time": {"zone": "UTC", "from": "08:00", "to": "08:00"}})),
            "conditions.all[1].time.to",
            "empty_time_range",
        ),
        (
            cond(json!({"time": {"zone": "UTC", "from": "24:00"}})),
            "conditions.all[1].time.to",
            "empty_time_range",
        ),
        (
            cond(json!({"any": []})),
            "conditions.all[1].any",
            "empty_group",
        ),
        (
            cond(json!({"any": [{"all": [{"none": [{"requester_vip": true}]}]}]})),
            "conditions.all[1].any[0].all[0].none",
            "too_deep",
        ),
    ];
    for (rule, path, code) in cases {
        assert_eq!(refusal(rule.clone()), (path.to_string(), *code), "{rule}");
    }
    // Two levels of nesting are fine.
    let nested =
        cond(json!({"any": [{"all": [{"requester_vip": true}, {"channel": {"is": "email"}}]}]}));
    assert!(Rule::from_json(&nested.to_string()).is_ok());
    let many = cond(json!({"all": vec![json!({"requester_vip": true}); MAX_CONDITIONS]}));
    assert_eq!(refusal(many).1, "too_many");
}

#[test]
fn a_bad_regex_is_refused_with_the_rule_and_the_regex_error() {
    let msg = refusal_message(cond(json!({"subject": {"regex": "(unclosed"}})));
    assert!(msg.contains("rule 'Printers'"), "{msg}");
    assert!(msg.contains("conditions.all[1].subject.regex"), "{msg}");
    assert!(msg.contains("unclosed group"), "{msg}");
    let msg = refusal_message(cond(json!({"subject": {"regex": "\\w{1000}{1000}"}})));
    assert!(
        msg.contains("size limit") || msg.contains("repetition"),
        "{msg}"
    );
}

#[test]
fn change_tests_are_allowed_on_updated_rules_only_and_not_on_requester_facts() {
    let updated = |c: Value| {
        let mut r = cond(c);
        r["event"] = json!("updated");
        r
    };
    assert!(
        Rule::from_json(&updated(json!({"priority": {"changed_to": ["critical"]}})).to_string())
            .is_ok()
    );
    assert_eq!(
        refusal(updated(json!({"requester_department": {"changed": true}}))),
        (
            "conditions.all[1].requester_department.changed".to_string(),
            "not_applicable"
        )
    );
}

#[test]
fn references_are_listed_and_checked_by_the_caller() {
    let r = Rule::from_json(
        &json!({
            "name": "route",
            "event": "created",
            "conditions": {"all": [
                {"category": {"under": [3]}},
                {"any": [{"requester_department": {"in": [5, 6]}}, {"group": {"set": false}}]},
            ]},
            "actions": [{"set_group": 2}, {"set_assignee": 8}, {"set_sla_policy": 1}, {"set_category": 4}],
        })
        .to_string(),
    )
    .unwrap();
    let refs = r.references();
    let listed: Vec<String> = refs.0.iter().map(|(p, r)| format!("{p}: {r}")).collect();
    assert_eq!(
        listed,
        [
            "conditions.all[0].category.under: category 3",
            "conditions.all[1].any[0].requester_department.in: department 5",
            "conditions.all[1].any[0].requester_department.in: department 6",
            "actions[0].set_group: group 2",
            "actions[1].set_assignee: user 8",
            "actions[2].set_sla_policy: SLA policy 1",
            "actions[3].set_category: category 4",
        ]
    );
    assert!(refs.check(|_| true).is_ok());
    let err = refs
        .check(|r| r != Reference::Department(crate::ids::DepartmentId(6)))
        .unwrap_err();
    assert_eq!(
        err,
        DomainError::invalid(
            "conditions.all[1].any[0].requester_department.in",
            "unknown_reference",
            "department 6 does not exist"
        )
    );
}

#[test]
fn the_examples_of_the_user_documentation_are_valid() {
    let doc = include_str!("../../../../../docs/RULES.md");
    let blocks: Vec<&str> = doc
        .split("```json\n")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let event_rule = Rule::from_json(blocks[0]).expect("the event rule example");
    assert_eq!(event_rule.actions.len(), 4);
    let time_rules: Vec<Value> = serde_json::from_str(
        blocks
            .iter()
            .find(|b| b.contains("remind_pending"))
            .expect("the time rule examples"),
    )
    .unwrap();
    assert_eq!(time_rules.len(), 4);
    for t in time_rules {
        TimeRule::from_json(&t.to_string()).unwrap_or_else(|e| panic!("{t}: {e:?}"));
    }
    // Every condition example of the table is valid on an `updated` rule.
    for line in doc
        .lines()
        .filter(|l| l.starts_with("| `") && l.ends_with("}` |"))
    {
        let example = line.rsplit(" | `").next().unwrap().trim_end_matches("` |");
        let mut r =
            cond(serde_json::from_str(example).unwrap_or_else(|e| panic!("{example}: {e}")));
        r["event"] = json!("updated");
        assert!(Rule::from_json(&r.to_string()).is_ok(), "{example}");
    }
}
