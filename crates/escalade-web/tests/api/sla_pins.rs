//! Pinned SLA policies through the API: a rule's `set_sla_policy` pins a policy on a new ticket,
//! which then runs on that policy's targets whatever the conditions say; the explanation and
//! the journal say it was pinned and by which rule; a pinned policy made inactive or deleted
//! gives way to the choice by conditions, and the explanation says why.

use reqwest::Method;
use serde_json::{Value, json};

use crate::sla_support::{clock, instant, second, sla_notes};
use crate::support::{TestServer, num};

/// The resolution clock of a ticket's explanation.
async fn explained_resolution(srv: &TestServer, number: &str) -> Value {
    let path = format!("/api/v1/tickets/{number}/sla/explain");
    let e = srv.get(&srv.admin.token, &path).await.expect(200).json;
    e["clocks"]
        .as_array()
        .expect("clocks")
        .iter()
        .rev()
        .find(|c| c["kind"] == "resolution")
        .cloned()
        .unwrap_or_else(|| panic!("no resolution clock in {e}"))
}

/// Replaces a policy with `active` set as given.
async fn set_active(srv: &TestServer, policy: &Value, active: bool) {
    let mut body = json!({
        "name": policy["name"], "conditions": policy["conditions"],
        "calendar_id": policy["calendar_id"], "targets": policy["targets"],
        "active": active,
    });
    body["warn_percent"] = policy["warn_percent"].clone();
    let path = format!("/api/v1/sla/policies/{}", policy["id"]);
    srv.call(Method::PUT, &srv.admin.token, &path, Some(body))
        .await
        .expect(200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_pins_the_policy_of_a_new_ticket_and_the_explanation_names_the_rule() {
    async fn case(srv: &TestServer) {
        // Gold is for VIPs only: its conditions never choose it for Anna.
        let gold = srv
            .post(
                &srv.admin.token,
                "/api/v1/sla/policies",
                json!({
                    "name": "Gold", "conditions": {"vip": true},
                    "calendar_id": srv.calendar_id("24x7").await,
                    "targets": {"first_response_minutes": 10, "resolution_minutes": 120},
                }),
            )
            .await
            .expect(201)
            .json;
        let gold_id = gold["id"].as_i64().unwrap();
        let rule = srv
            .rule(json!({
                "name": "Payroll is gold", "event": "created",
                "conditions": {"all": [{"text": {"keywords": ["payroll"]}}]},
                "actions": [{"set_sla_policy": gold_id}],
            }))
            .await;
        let anna = srv.requester("anna").await;

        // Not matched by the rule: chosen by conditions (the default for medium).
        let plain = srv.open(&anna, json!({"subject": "Printer jam"})).await;
        assert_eq!(plain["sla"]["policy"]["name"], "Medium", "{}", plain["sla"]);

        let t = srv
            .open(&anna, json!({"subject": "Payroll export broken"}))
            .await;
        let n = num(&t);
        assert_eq!(t["priority"], "medium");
        assert_eq!(t["sla"]["policy"]["name"], "Gold", "{}", t["sla"]);
        let clocks = t["sla"]["clocks"].as_array().unwrap();
        let opened = second(&t["created_at"]);
        for (kind, minutes) in [("response", 10), ("resolution", 120)] {
            let k = clock(clocks, kind);
            assert_eq!(k["policy_name"], "Gold");
            assert_eq!(k["target_minutes"], minutes as f64);
            assert_eq!(
                (instant(&k["due_at"]) - opened).num_seconds(),
                minutes * 60,
                "{kind}: Gold's target on 24x7 from the opening"
            );
        }

        let res = explained_resolution(srv, &n).await;
        let by = json!({"by": "rule", "rule_id": rule["id"], "name": "Payroll is gold"});
        assert_eq!(res["policy"]["why"]["pinned"], by, "{res}");
        assert_eq!(res["policy"]["why"]["matched"], json!([]));
        assert_eq!(
            res["steps"][0],
            json!({"step": "policy_pinned", "policy": "Gold", "pinned_by": by})
        );
        assert_eq!(res["steps"][1]["step"], "target");
        assert_eq!(res["steps"][1]["target_seconds"], 7200);
        let summary = res["summary"].as_str().unwrap();
        assert!(
            summary.starts_with("Policy Gold pinned by rule 'Payroll is gold'. Target: 2 h"),
            "{summary}"
        );

        // The rule's journal entry shows the change; the SLA note says the clocks moved.
        let entries = srv.rule_entries(&n).await;
        assert_eq!(entries.len(), 1, "{entries:?}");
        let change = &entries[0]["data"]["changes"][0];
        assert_eq!(change["field"], "sla_policy");
        assert_eq!(change["to"], gold_id.to_string());
        assert_eq!(entries[0]["data"]["refused"], json!([]));
        let body = entries[0]["body"].as_str().unwrap();
        assert!(
            body.contains(&format!("SLA policy: – → {gold_id} (Gold)")),
            "{body}"
        );
        let journal = srv.journal(&srv.admin.clone(), &n).await;
        let notes = sla_notes(&journal, "recomputed");
        assert_eq!(notes.len(), 1, "{journal:?}");
        assert_eq!(notes[0]["data"]["sla"]["changed"], json!(["sla_policy"]));
        assert_eq!(notes[0]["data"]["sla"]["to_policy"]["pinned"], by);
        let text = notes[0]["body"].as_str().unwrap();
        assert!(
            text.starts_with(
                "SLA recomputed after the policy was pinned: policy Medium -> Gold (pinned by rule 'Payroll is gold')"
            ),
            "{text}"
        );

        // A change the conditions look at does not unpin it.
        let admin = srv.admin.clone();
        let t = srv
            .change(&admin, &n, json!({"priority": "critical"}))
            .await;
        assert_eq!(t["sla"]["policy"]["name"], "Gold");

        // Gold made inactive: the conditions choose (critical), and the explanation says why.
        set_active(srv, &gold, false).await;
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["sla"]["policy"]["name"], "Critical", "{}", t["sla"]);
        let res = explained_resolution(srv, &n).await;
        let lapsed = &res["policy"]["why"]["pin_lapsed"];
        assert_eq!(lapsed["lapse"], "inactive", "{res}");
        assert_eq!(lapsed["name"], "Gold");
        assert_eq!(lapsed["pinned_by"], by);
        assert_eq!(res["steps"][0]["step"], "pin_lapsed");
        assert_eq!(res["steps"][1]["step"], "policy_chosen");
        assert_eq!(res["steps"][1]["reasons"][0]["kind"], "priority_is");
        let summary = res["summary"].as_str().unwrap();
        assert!(
            summary.starts_with(
                "Policy Gold pinned by rule 'Payroll is gold' is inactive: chosen by conditions instead."
            ),
            "{summary}"
        );
        let moved = res["steps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["step"] == "recomputed")
            .count();
        assert_eq!(moved, 2, "pinned, then the lapse: {}", res["steps"]);

        // Active again: the pin holds again. Deleted: the conditions choose, and it says so.
        set_active(srv, &gold, true).await;
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["sla"]["policy"]["name"], "Gold");
        srv.delete(&srv.admin.token, &format!("/api/v1/sla/policies/{gold_id}"))
            .await
            .expect(204);
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["sla"]["policy"]["name"], "Critical");
        let res = explained_resolution(srv, &n).await;
        assert_eq!(res["policy"]["why"]["pin_lapsed"]["lapse"], "deleted");
        assert!(
            res["summary"]
                .as_str()
                .unwrap()
                .contains("was deleted: chosen by conditions instead"),
            "{res}"
        );
    }
    crate::support::both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rule_naming_a_deleted_policy_pins_nothing_and_says_so() {
    async fn case(srv: &TestServer) {
        let doomed = srv
            .fast_policy(
                "Doomed",
                json!({"resolution_minutes": 30}),
                json!({"conditions": {"vip": true}}),
            )
            .await;
        let id = doomed["id"].as_i64().unwrap();
        srv.rule(json!({
            "name": "Doomed pin", "event": "created",
            "actions": [{"set_sla_policy": id}],
        }))
        .await;
        srv.delete(&srv.admin.token, &format!("/api/v1/sla/policies/{id}"))
            .await
            .expect(204);
        let anna = srv.requester("anna").await;
        let t = srv.open(&anna, json!({"subject": "Mail quota"})).await;
        assert_eq!(t["sla"]["policy"]["name"], "Medium", "{}", t["sla"]);
        let entries = srv.rule_entries(&num(&t)).await;
        let refused = &entries[0]["data"]["refused"];
        assert_eq!(refused[0]["action"], "set_sla_policy", "{entries:?}");
        assert_eq!(
            refused[0]["message"],
            format!("there is no SLA policy {id}")
        );
        let journal = srv.journal(&srv.admin.clone(), &num(&t)).await;
        assert!(sla_notes(&journal, "recomputed").is_empty());
    }
    crate::support::both(case).await;
}
