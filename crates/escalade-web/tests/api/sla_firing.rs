//! Warnings and breaches through the scheduler: each fires once per clock and runs the
//! policy's actions (notify the assignee and the group lead, raise the priority, escalate to
//! the next level); the at-risk queue; OLA clocks per support level on escalation.

use std::time::Duration;

use serde_json::{Value, json};

use crate::sla_support::{clock, sla_notes};
use crate::support::{TestServer, both};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn warnings_and_breaches_fire_once_with_their_actions() {
    async fn case(srv: &TestServer) {
        // Warns after 1 s (1 % of 1 minute or of 3 seconds, rounded up), breaches after 3 s.
        srv.fast_policy(
            "Trial",
            json!({"first_response_minutes": 1, "resolution_minutes": 0.05}),
            json!({"warn_percent": 1, "on_warning": ["notify"], "on_breach": ["notify", "raise_priority"]}),
        )
        .await;
        let desk = srv.group("Service desk", 1, false).await;
        let lena = srv.agent("lena").await;
        let lead = srv.agent("lead").await;
        srv.call(
            reqwest::Method::PUT,
            &srv.admin.token,
            &format!("/api/v1/groups/{desk}/lead"),
            Some(json!({"user_id": lead.id})),
        )
        .await
        .expect(200);
        let anna = srv.requester("anna").await;
        let bob = srv.requester("bob").await;
        let n = srv.open_simple(&anna, "Shared drive is read-only").await;
        srv.change(
            &srv.admin,
            &n,
            json!({"group_id": desk, "assignee_id": lena.id}),
        )
        .await;
        assert_eq!(srv.ticket(&srv.admin, &n).await["priority"], "medium");

        tokio::time::sleep(Duration::from_millis(3600)).await;
        let round = srv.scheduler_round("node-test").await;
        assert_eq!((round.warnings, round.breaches), (2, 1), "{round:?}");
        let again = srv.scheduler_round("node-test").await;
        assert_eq!((again.warnings, again.breaches), (0, 0), "fired once");

        let admin = srv.admin.clone();
        let journal = srv.journal(&admin, &n).await;
        assert_eq!(sla_notes(&journal, "warning").len(), 2, "{journal:?}");
        let breaches = sla_notes(&journal, "breach");
        assert_eq!(breaches.len(), 1);
        let breach = &breaches[0]["data"]["sla"];
        assert_eq!(breach["clock"], "resolution");
        assert_eq!(breach["node"], "node-test");
        assert_eq!(breach["notified"], json!([lena.id, lead.id]));
        let raised: Vec<&Value> = journal
            .iter()
            .filter(|e| e["kind"] == "field_change" && e["author_id"].is_null())
            .collect();
        assert_eq!(raised.len(), 1, "{journal:?}");
        assert_eq!(raised[0]["data"]["changes"][0]["to"], "high");
        assert_eq!(raised[0]["data"]["reason"], "sla");
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["priority"], "high");
        let clocks = t["sla"]["clocks"].as_array().unwrap();
        assert_eq!(clock(clocks, "resolution")["state"], "breached");
        assert_eq!(clock(clocks, "resolution")["breached"], true);
        assert_eq!(clock(clocks, "response")["warned"], true);

        for who in [&lena, &lead] {
            let r = srv
                .get(&who.token, "/api/v1/notifications")
                .await
                .expect(200);
            let kinds: Vec<&str> = r.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|n| n["kind"].as_str().unwrap())
                .collect();
            assert_eq!(
                kinds,
                ["sla_breach", "sla_warning", "sla_warning"],
                "{}",
                who.login
            );
            assert_eq!(r.json["unread"], 3);
        }
        let first = srv.get(&lena.token, "/api/v1/notifications").await.json["items"][0]["id"]
            .as_i64()
            .unwrap();
        srv.post(
            &lead.token,
            &format!("/api/v1/notifications/{first}/read"),
            json!({}),
        )
        .await
        .error(404, "not_found");
        srv.post(
            &lena.token,
            &format!("/api/v1/notifications/{first}/read"),
            json!({}),
        )
        .await
        .expect(204);
        let r = srv
            .get(&lena.token, "/api/v1/notifications?unread=true")
            .await;
        assert_eq!(r.expect(200).json["unread"], 2);

        // The at-risk queue: the agents see the ticket, its requester too, nobody else.
        let r = srv
            .get(&admin.token, "/api/v1/sla/at-risk")
            .await
            .expect(200);
        assert_eq!(r.json["total"], 1);
        assert_eq!(r.json["items"][0]["number"], n.as_str());
        assert!(r.json["items"][0]["sla"]["clocks"].is_array());
        let r = srv
            .get(&anna.token, "/api/v1/sla/at-risk")
            .await
            .expect(200);
        assert_eq!(r.json["total"], 1);
        let r = srv.get(&bob.token, "/api/v1/sla/at-risk").await.expect(200);
        assert_eq!(r.json["total"], 0);

        // Answered and resolved: off the queue.
        srv.comment(&lena, &n, "public", "Remounted read-write.")
            .await
            .expect(201);
        srv.change(&lena, &n, json!({"status": "resolved"})).await;
        let r = srv
            .get(&admin.token, "/api/v1/sla/at-risk")
            .await
            .expect(200);
        assert_eq!(r.json["total"], 0);
        let clocks = srv.clocks(&admin, &n).await;
        assert_eq!(clock(&clocks, "resolution")["state"], "breached");
        assert_eq!(clock(&clocks, "response")["state"], "met");
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escalation_starts_the_receiving_levels_ola_clock() {
    async fn case(srv: &TestServer) {
        let admin = srv.admin.clone();
        let l1 = srv.group("Service desk", 1, false).await;
        let l2 = srv.group("Applications", 2, false).await;
        let cal = srv.calendar_id("24x7").await;
        for (name, level, group, minutes) in [
            ("Level 1", 1, Value::Null, 30),
            ("Applications", 2, json!(l2), 120),
        ] {
            srv.post(
                &admin.token,
                "/api/v1/sla/olas",
                json!({"name": name, "level": level, "group_id": group, "calendar_id": cal, "target_minutes": minutes}),
            )
            .await
            .expect(201);
        }
        let anna = srv.requester("anna").await;
        let n = srv.open_simple(&anna, "ERP export fails").await;
        assert!(
            srv.clocks(&admin, &n)
                .await
                .iter()
                .all(|k| k["kind"] != "ola"),
            "no OLA target for level 0"
        );
        srv.change(&admin, &n, json!({"group_id": l1})).await;
        let k = srv.clocks(&admin, &n).await;
        let ola = clock(&k, "ola");
        assert_eq!(
            (ola["level"].clone(), ola["group_id"].clone()),
            (json!(1), json!(l1))
        );
        assert_eq!(ola["policy_name"], "Level 1");
        assert_eq!(ola["target_minutes"], 30.0);

        srv.post(
            &admin.token,
            &format!("/api/v1/tickets/{n}/escalations"),
            json!({"summary": "Export fails with E4711 since the patch.", "group_id": l2}),
        )
        .await
        .expect(201);
        let k = srv.clocks(&admin, &n).await;
        let ola = clock(&k, "ola");
        assert_eq!(ola["level"], 2);
        assert_eq!(ola["policy_name"], "Applications");
        assert_eq!(ola["state"], "running");
        let e = srv
            .get(&admin.token, &format!("/api/v1/tickets/{n}/sla/explain"))
            .await
            .expect(200)
            .json;
        let olas: Vec<&Value> = e["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "ola")
            .collect();
        assert_eq!(olas.len(), 2, "each level measured on its own");
        assert_eq!(olas[0]["outcome"], "met");
        assert_eq!(olas[0]["level"], 1);
        assert_eq!(olas[1]["state"], "running");
        assert!(
            srv.clocks(&anna, &n)
                .await
                .iter()
                .all(|k| k["kind"] != "ola"),
            "OLA clocks are internal"
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_breach_escalates_to_the_next_level() {
    async fn case(srv: &TestServer) {
        srv.fast_policy(
            "Escalating",
            json!({"resolution_minutes": 0.05}),
            json!({"on_breach": ["escalate_next_level"]}),
        )
        .await;
        let l0 = srv.group("Hotline", 0, false).await;
        let l1 = srv.group("Service desk", 1, false).await;
        let anna = srv.requester("anna").await;
        let n = srv.open_simple(&anna, "Badge reader dead").await;
        let admin = srv.admin.clone();
        srv.change(&admin, &n, json!({"group_id": l0})).await;
        tokio::time::sleep(Duration::from_millis(3300)).await;
        let round = srv.scheduler_round("node-test").await;
        assert_eq!(round.breaches, 1, "{round:?}");
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["status"], "escalated");
        assert_eq!(t["level"], 1);
        assert_eq!(t["group_id"], l1);
        let journal = srv.journal(&admin, &n).await;
        let esc: Vec<&Value> = journal
            .iter()
            .filter(|e| e["kind"] == "escalation")
            .collect();
        assert_eq!(esc.len(), 1);
        assert_eq!(esc[0]["author_id"], Value::Null);
        let summary = esc[0]["body"].as_str().unwrap();
        assert!(
            summary.starts_with("Automatic escalation: SLA resolution target breached"),
            "{summary}"
        );

        // At the top level there is nowhere to go: the journal says why.
        let m = srv.open_simple(&anna, "Another dead reader").await;
        srv.change(&admin, &m, json!({"level": 3})).await;
        tokio::time::sleep(Duration::from_millis(3300)).await;
        srv.scheduler_round("node-test").await;
        let journal = srv.journal(&admin, &m).await;
        let refused = sla_notes(&journal, "action");
        assert_eq!(refused.len(), 1, "{journal:?}");
        assert_eq!(refused[0]["data"]["sla"]["result"], "not_possible");
        assert_eq!(srv.ticket(&admin, &m).await["level"], 3);
    }
    both(case).await;
}
