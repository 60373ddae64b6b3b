//! `updated` event rules on every kind of change, not only a field edit: a manual escalation,
//! taking an escalated ticket, and a change the scheduler makes (a time rule's escalation). The
//! rules' own changes never run rules again, so a rule whose change matches its own conditions
//! fires once per change, and each firing has its journal entry.

use chrono::Duration;
use serde_json::{Value, json};

use crate::support::{TestServer, both};

/// A rule that fires on any move of level, assignee or priority and itself changes the
/// priority: if rules' changes ran rules, it would fire again on its own change.
fn self_triggering_rule() -> Value {
    json!({
        "name": "Bump on any move",
        "event": "updated",
        "conditions": {"any": [
            {"level": {"changed": true}},
            {"assignee": {"changed": true}},
            {"priority": {"changed": true}}
        ]},
        "actions": [{"set_priority": "critical"}, {"add_note": "Bumped"}]
    })
}

/// How often the self-triggering rule fired on a ticket: its journal entries and its notes.
async fn bumps(srv: &TestServer, number: &str) -> (usize, usize) {
    let fired = srv
        .rule_entries(number)
        .await
        .iter()
        .filter(|e| e["data"]["rule"]["name"] == "Bump on any move")
        .count();
    let admin = srv.admin.clone();
    let notes = srv
        .journal(&admin, number)
        .await
        .iter()
        .filter(|e| e["body"] == "Bumped" && e["kind"] == "internal_note")
        .count();
    (fired, notes)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updated_rules_run_on_escalate_and_take_once() {
    both(async |srv| {
        let l1 = srv.group("Service desk", 1, false).await;
        let l2 = srv.group("Second line", 2, false).await;
        let lena = srv.agent("lena").await;
        let otto = srv.agent("otto").await;
        srv.join(l1, &lena).await;
        srv.join(l2, &otto).await;
        srv.rule(self_triggering_rule()).await;
        srv.rule(json!({
            "name": "Escalations are tagged",
            "event": "updated",
            "conditions": {"all": [{"status": {"changed_to": ["escalated"]}}]},
            "actions": [{"add_tags": ["escalated"]}]
        }))
        .await;
        srv.rule(json!({
            "name": "Taken tickets are tagged",
            "event": "updated",
            "conditions": {"all": [{"status": {"changed_from": ["escalated"]}}]},
            "actions": [{"add_tags": ["taken"]}]
        }))
        .await;
        let anna = srv.requester("anna").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Export fails").await;
        srv.change(&admin, &n, json!({"group_id": l1, "assignee_id": lena.id}))
            .await;
        let (fired, _) = bumps(srv, &n).await;
        assert_eq!(fired, 1, "the assignment itself is an update");

        let r = srv
            .post(
                &lena.token,
                &format!("/api/v1/tickets/{n}/escalations"),
                json!({"summary": "Export fails with E4711 since the patch; restarted twice.",
                       "group_id": l2}),
            )
            .await
            .expect(201);
        let t = &r.json;
        assert_eq!(t["status"], "escalated", "{t}");
        assert_eq!(t["level"], 2);
        assert_eq!(
            t["priority"], "critical",
            "the rules' change is answered: {t}"
        );
        assert!(
            t["tags"]
                .as_array()
                .expect("tags")
                .contains(&json!("escalated"))
        );
        assert_eq!(bumps(srv, &n).await, (2, 2), "once for the escalation");
        // The escalation and the rules' change are one version step.
        let stored = srv.ticket(&admin, &n).await;
        assert_eq!(stored["version"], t["version"]);
        assert_eq!(stored["priority"], "critical");

        let t = srv
            .post(&otto.token, &format!("/api/v1/tickets/{n}/take"), json!({}))
            .await
            .expect(200)
            .json;
        assert_eq!(t["assignee_id"], otto.id, "{t}");
        let tags = t["tags"].as_array().expect("tags").clone();
        assert!(tags.contains(&json!("taken")), "{t}");
        assert_eq!(bumps(srv, &n).await, (3, 3), "once for the take");
        let stored = srv.ticket(&admin, &n).await;
        assert!(
            stored["tags"]
                .as_array()
                .expect("tags")
                .contains(&json!("taken"))
        );
        // Every firing is journaled with the rule and what it changed.
        let entries = srv.rule_entries(&n).await;
        let take_entry = entries
            .iter()
            .find(|e| e["data"]["rule"]["name"] == "Taken tickets are tagged")
            .expect("the take's rule entry");
        assert_eq!(take_entry["author_id"], Value::Null);
        assert_eq!(take_entry["public"], false);
        assert!(
            take_entry["data"]["changes"]
                .as_array()
                .expect("changes")
                .iter()
                .any(|c| c["field"] == "tags")
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updated_rules_run_once_on_a_scheduler_change() {
    both(async |srv| {
        let l2 = srv.group("Second line", 2, false).await;
        srv.fast_policy(
            "Escalating",
            json!({"resolution_minutes": 60}),
            json!({"on_breach": ["escalate_next_level"]}),
        )
        .await;
        srv.only_time_rule(
            json!({"name": "Nobody took it", "kind": {"escalate_unassigned": {
            "after_minutes": 30, "to_group": l2}}}),
        )
        .await;
        srv.rule(self_triggering_rule()).await;
        srv.rule(json!({
            "name": "Scheduler escalations are tagged",
            "event": "updated",
            "conditions": {"all": [{"status": {"changed_to": ["escalated"]}}]},
            "actions": [{"add_tags": ["auto"]}]
        }))
        .await;
        let anna = srv.requester("anna").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Nobody looks at this").await;
        assert_eq!(bumps(srv, &n).await, (0, 0));

        let round = srv.round_later(Duration::minutes(31)).await;
        assert_eq!(round.jobs, 1, "{round:?}");
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["status"], "escalated", "{t}");
        assert_eq!(t["group_id"], l2);
        assert_eq!(t["priority"], "critical", "{t}");
        assert_eq!(t["tags"], json!(["auto"]), "{t}");
        assert_eq!(bumps(srv, &n).await, (1, 1), "fired once, no loop");
        let journal = srv.journal(&admin, &n).await;
        let esc = journal
            .iter()
            .position(|e| e["kind"] == "escalation")
            .expect("escalation entry");
        let fired = journal
            .iter()
            .position(|e| e["data"]["rule"]["name"] == "Scheduler escalations are tagged")
            .expect("rule entry");
        assert!(
            esc < fired,
            "the rule's entry follows the change it answers"
        );

        // The SLA breach an hour in escalates again (an SLA action): the rules run once more.
        let round = srv.round_later(Duration::minutes(90)).await;
        assert_eq!(round.breaches, 1, "{round:?}");
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["level"], 3, "{t}");
        let journal = srv.journal(&admin, &n).await;
        let sla_esc = journal
            .iter()
            .position(|e| e["kind"] == "escalation" && e["data"]["reason"] == "sla")
            .expect("the SLA escalation");
        let last_bump = journal
            .iter()
            .rposition(|e| e["data"]["rule"]["name"] == "Bump on any move")
            .expect("rule entry");
        assert!(sla_esc < last_bump, "{journal:?}");
        assert_eq!(bumps(srv, &n).await, (2, 2), "once per scheduler change");

        // Nothing more is due, and the rules' changes started nothing.
        srv.round_later(Duration::hours(5)).await;
        assert_eq!(bumps(srv, &n).await, (2, 2));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updated_rules_run_on_auto_close() {
    both(async |srv| {
        srv.only_time_rule(json!({"name": "Close after a day", "kind": {
            "auto_close_resolved": {"after_days": 1}}}))
            .await;
        srv.rule(json!({
            "name": "Closed by the scheduler",
            "event": "updated",
            "conditions": {"all": [{"status": {"changed_to": ["closed"]}}]},
            "actions": [{"add_note": "Closed without an answer"}]
        }))
        .await;
        let anna = srv.requester("anna").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Fixed itself").await;
        srv.change(&admin, &n, json!({"status": "resolved"})).await;
        srv.round_later(Duration::days(1) + Duration::minutes(1))
            .await;
        assert_eq!(srv.ticket(&admin, &n).await["status"], "closed");
        let notes = srv
            .journal(&admin, &n)
            .await
            .into_iter()
            .filter(|e| e["body"] == "Closed without an answer")
            .count();
        assert_eq!(notes, 1);
    })
    .await;
}
