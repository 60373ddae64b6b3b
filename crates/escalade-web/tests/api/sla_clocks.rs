//! Ticket clocks through the API: the default policy per priority, pauses while pending, the
//! response clock stopped by the first public reply of an agent, resolution and reopening,
//! recomputation on a priority change (journaled), and the explanation of every deadline.

use std::time::Duration;

use serde_json::{Value, json};

use crate::sla_support::{clock, instant, second, sla_notes};
use crate::support::{TestServer, both, num};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn default_policies_are_chosen_by_priority() {
    async fn case(srv: &TestServer) {
        let admin = srv.admin.clone();
        let t = srv
            .open(
                &admin,
                json!({"subject": "Payroll down", "impact": "high", "urgency": "high"}),
            )
            .await;
        assert_eq!(t["priority"], "critical");
        assert_eq!(t["sla"]["policy"]["name"], "Critical", "{}", t["sla"]);
        let clocks = t["sla"]["clocks"].as_array().unwrap();
        let response = clock(clocks, "response");
        assert_eq!(response["target_minutes"], 15.0);
        assert_eq!(response["state"], "running");
        assert_eq!(response["calendar_id"], srv.calendar_id("24x7").await);
        let opened = second(&t["created_at"]);
        let due = instant(&response["due_at"]);
        assert_eq!(
            (due - opened).num_seconds(),
            15 * 60,
            "24x7: due 15 minutes after opening"
        );
        let resolution = clock(clocks, "resolution");
        assert_eq!(resolution["target_minutes"], 240.0);
        assert_eq!(resolution["remaining_minutes"], 240);
        assert_eq!(resolution["warned"], false);

        for (impact, urgency, policy, calendar) in [
            ("medium", "medium", "Medium", "Business hours"),
            ("low", "low", "Informational", "Business hours"),
        ] {
            let t = srv
                .open(
                    &admin,
                    json!({"subject": "Printer", "impact": impact, "urgency": urgency}),
                )
                .await;
            assert_eq!(t["sla"]["policy"]["name"], policy, "{impact}/{urgency}");
            let k = clock(t["sla"]["clocks"].as_array().unwrap(), "resolution");
            assert_eq!(k["calendar_id"], srv.calendar_id(calendar).await);
        }
        // Lists carry the clocks too.
        let list = srv.get(&admin.token, "/api/v1/tickets").await.expect(200);
        for t in list.json["items"].as_array().unwrap() {
            assert_eq!(t["sla"]["clocks"].as_array().map(Vec::len), Some(2), "{t}");
        }
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pending_pauses_and_the_first_agent_reply_stops_the_response_clock() {
    async fn case(srv: &TestServer) {
        srv.fast_policy(
            "Round the clock",
            json!({"first_response_minutes": 60, "resolution_minutes": 120}),
            json!({}),
        )
        .await;
        let anna = srv.requester("anna").await;
        let max = srv.agent("max").await;
        let n = srv.open_simple(&anna, "VPN drops every hour").await;
        srv.change(&max, &n, json!({"assignee_id": max.id})).await;
        srv.change(&max, &n, json!({"status": "in_progress"})).await;
        let before = srv.clocks(&max, &n).await;
        let due_before = instant(&clock(&before, "resolution")["due_at"]);

        // Waiting for the requester: both clocks pause and nothing is due.
        srv.change(&max, &n, json!({"status": "pending"})).await;
        let paused = srv.clocks(&max, &n).await;
        for kind in ["response", "resolution"] {
            let k = clock(&paused, kind);
            assert_eq!(k["state"], "paused", "{k}");
            assert_eq!(k["paused"], true);
            assert_eq!(k["due_at"], Value::Null);
        }
        tokio::time::sleep(Duration::from_millis(2100)).await;
        srv.change(&max, &n, json!({"status": "in_progress"})).await;
        let resumed = srv.clocks(&max, &n).await;
        let k = clock(&resumed, "resolution");
        assert_eq!(k["state"], "running");
        let shift = (instant(&k["due_at"]) - due_before).num_milliseconds();
        assert!(
            (1500..4000).contains(&shift),
            "the deadline moved by the pause ({shift} ms)"
        );

        // The requester's reply and an internal note do not answer the requester.
        srv.comment(&anna, &n, "public", "Still dropping.")
            .await
            .expect(201);
        srv.comment(&max, &n, "internal", "Checking the concentrator.")
            .await
            .expect(201);
        assert_eq!(
            clock(&srv.clocks(&max, &n).await, "response")["state"],
            "running"
        );
        srv.comment(&max, &n, "public", "We are on it.")
            .await
            .expect(201);
        let answered = srv.clocks(&max, &n).await;
        let response = clock(&answered, "response");
        assert_eq!(response["state"], "met", "{response}");
        assert!(response["stopped_at"].is_string());
        assert_eq!(clock(&answered, "resolution")["state"], "running");

        // Resolution stops the resolution clock; the requester's reply reopens and resumes it.
        srv.change(&max, &n, json!({"status": "resolved"})).await;
        assert_eq!(
            clock(&srv.clocks(&max, &n).await, "resolution")["state"],
            "met"
        );
        srv.comment(&anna, &n, "public", "It is back again.")
            .await
            .expect(201);
        let reopened = srv.clocks(&max, &n).await;
        let k = clock(&reopened, "resolution");
        assert_eq!(k["state"], "running", "{k}");
        assert_eq!(k["stopped_at"], Value::Null);
        assert_eq!(
            clock(&reopened, "response")["state"],
            "met",
            "the first response stays given"
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_priority_change_recomputes_and_the_journal_says_so() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Laptop will not boot").await;
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["sla"]["policy"]["name"], "Medium");
        let due_before =
            clock(t["sla"]["clocks"].as_array().unwrap(), "resolution")["due_at"].clone();

        let t = srv
            .change(&admin, &n, json!({"priority": "critical"}))
            .await;
        assert_eq!(t["sla"]["policy"]["name"], "Critical");
        let k = clock(t["sla"]["clocks"].as_array().unwrap(), "resolution");
        assert_eq!(k["target_minutes"], 240.0);
        assert_eq!(k["calendar_id"], srv.calendar_id("24x7").await);
        let opened = second(&t["created_at"]);
        assert_eq!(
            (instant(&k["due_at"]) - opened).num_seconds(),
            4 * 3600,
            "as if critical from the start"
        );

        let journal = srv.journal(&admin, &n).await;
        let notes = sla_notes(&journal, "recomputed");
        assert_eq!(notes.len(), 1, "{journal:?}");
        let note = notes[0];
        assert_eq!(note["author_id"], Value::Null, "written by the system");
        assert_eq!(note["public"], false);
        let body = note["body"].as_str().unwrap();
        assert!(body.contains("policy Medium -> Critical"), "{body}");
        assert!(body.contains("resolution due"), "{body}");
        let moved = &note["data"]["sla"]["clocks"];
        let resolution = moved
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "resolution")
            .expect("the resolution clock moved");
        assert_eq!(resolution["due_before"], due_before);
        assert_eq!(resolution["due_after"], k["due_at"]);
        assert!(
            sla_notes(&srv.journal(&anna, &n).await, "recomputed").is_empty(),
            "the requester does not see SLA notes"
        );

        // The same policy again: nothing to recompute, nothing journaled.
        srv.change(&admin, &n, json!({"tags": ["boot"]})).await;
        assert_eq!(
            sla_notes(&srv.journal(&admin, &n).await, "recomputed").len(),
            1
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_deadline_explains_itself() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.requester("bob").await;
        let admin = srv.admin.clone();
        let t = srv
            .open(
                &anna,
                json!({"subject": "Mail quota", "impact": "low", "urgency": "medium"}),
            )
            .await;
        let n = num(&t);
        assert_eq!(t["priority"], "low");
        srv.change(&admin, &n, json!({"assignee_id": admin.id}))
            .await;
        // Business time counts whole seconds: make each stretch last more than one.
        tokio::time::sleep(Duration::from_millis(1100)).await;
        srv.change(&admin, &n, json!({"status": "pending"})).await;
        tokio::time::sleep(Duration::from_millis(1100)).await;
        srv.change(&admin, &n, json!({"status": "in_progress"}))
            .await;
        srv.change(&admin, &n, json!({"priority": "high"})).await;

        let path = format!("/api/v1/tickets/{n}/sla/explain");
        let e = srv.get(&admin.token, &path).await.expect(200).json;
        assert_eq!(e["ticket"], n.as_str());
        let clocks = e["clocks"].as_array().unwrap();
        let res = clocks
            .iter()
            .find(|c| c["kind"] == "resolution")
            .expect("resolution explained");
        assert_eq!(res["policy"]["name"], "High");
        let why = &res["policy"]["why"];
        assert_eq!(why["matched"], json!(["priority is high"]));
        assert_eq!(why["skipped"][0]["name"], "Critical");
        assert_eq!(
            why["skipped"][0]["reason"],
            "priority is high, the policy is for critical"
        );
        assert_eq!(res["calendar"]["name"], "24x7");
        assert_eq!(res["calendar"]["schedule"], "24x7");
        let counted = res["counted"].as_array().unwrap();
        assert_eq!(counted.len(), 2, "before and after the pause: {res}");
        assert!(
            counted[0]["working_intervals"]
                .as_array()
                .is_some_and(|w| w.len() == 1)
        );
        assert_eq!(counted[1]["running"], true);
        let gaps = res["not_counted"].as_array().unwrap();
        assert_eq!(gaps.len(), 1);
        assert_eq!(gaps[0]["reason"], "paused");
        let summary = res["summary"].as_str().unwrap();
        assert!(summary.contains("paused 1 time"), "{summary}");
        assert!(summary.contains("Target: 8 h"), "{summary}");
        assert_eq!(res["state"], "running");
        let events = e["events"].as_array().unwrap();
        assert!(
            events.iter().any(|ev| ev["data"]["event"] == "recomputed"),
            "the recomputation is listed: {events:?}"
        );

        // The requester reads the explanation of their ticket, without the internal events;
        // another requester cannot tell the ticket exists.
        let own = srv.get(&anna.token, &path).await.expect(200).json;
        assert_eq!(own["events"], json!([]));
        assert!(
            own["clocks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["kind"] != "ola")
        );
        srv.get(&bob.token, &path).await.error(404, "not_found");
        srv.get(&admin.token, "/api/v1/tickets/INC-999999/sla/explain")
            .await
            .error(404, "not_found");
    }
    both(case).await;
}
