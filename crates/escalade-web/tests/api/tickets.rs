//! Tickets through the API: creation with numbers and prefixes, reading, changing every field
//! with the journal recording it, and the priority matrix with manual priorities. The list is
//! in `listing.rs`.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use crate::support::{TestServer, both, changes, num, of_kind};

fn is_number(n: &str, prefix: &str) -> bool {
    n.len() == prefix.len() + 6
        && n.starts_with(prefix)
        && n.as_bytes()[3] == b'-'
        && n[4..].bytes().all(|b| b.is_ascii_digit())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn creation_answers_201_with_number_location_and_prefix_per_type() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let r = srv
            .post(
                &anna.token,
                "/api/v1/tickets",
                json!({"subject": "  Printer on floor 3 jams  ", "description": "Paper everywhere."}),
            )
            .await
            .expect(201);
        let t = &r.json;
        assert_eq!(
            t["number"], "INC-000001",
            "the first ticket of a fresh database"
        );
        assert_eq!(
            r.header("location"),
            Some("/api/v1/tickets/INC-000001"),
            "Location names the new ticket"
        );
        assert_eq!(t["type"], "incident");
        assert_eq!(t["subject"], "Printer on floor 3 jams", "subject trimmed");
        assert_eq!(t["description"], "Paper everywhere.");
        assert_eq!(t["status"], "new");
        assert_eq!(t["requester_id"], anna.id);
        assert_eq!(t["channel"], "api");
        assert_eq!(
            t["priority"], "medium",
            "medium impact and urgency by default"
        );
        assert_eq!(t["priority_manual"], false);
        assert_eq!(t["level"], 0);
        assert_eq!(t["group_id"], Value::Null);
        assert_eq!(t["assignee_id"], Value::Null);
        assert_eq!(t["version"], 1);

        // The Location can be followed, and gives back the same ticket.
        let got = srv.ticket(&anna, "INC-000001").await;
        for key in [
            "number",
            "subject",
            "description",
            "status",
            "created_at",
            "version",
        ] {
            assert_eq!(got[key], t[key], "{key} read back");
        }

        let mut seen = BTreeSet::from(["INC-000001".to_string()]);
        for (kind, prefix) in [
            ("service_request", "REQ-"),
            ("question", "QST-"),
            ("complaint", "CMP-"),
            ("incident", "INC-"),
        ] {
            let r = srv
                .post(
                    &anna.token,
                    "/api/v1/tickets",
                    json!({"type": kind, "subject": format!("A {kind}")}),
                )
                .await
                .expect(201);
            let n = num(&r.json);
            assert!(is_number(&n, prefix), "{kind} gets {prefix}: {n}");
            assert_eq!(r.json["type"], kind);
            assert_eq!(
                r.header("location"),
                Some(format!("/api/v1/tickets/{n}").as_str())
            );
            assert!(seen.insert(n.clone()), "numbers are unique: {n}");
            assert_eq!(srv.ticket(&anna, &n).await["type"], kind);
        }
        assert_eq!(srv.ticket_total().await, 5);

        srv.get(&anna.token, "/api/v1/tickets/INC-999999")
            .await
            .error(404, "not_found");
        srv.get(&anna.token, "/api/v1/tickets/not-a-number")
            .await
            .error(404, "not_found");
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn patch_changes_each_field_and_the_journal_records_it() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let g1 = srv.group("Service desk", 1, false).await;
        let network = srv.category("network").await;
        let hardware = srv.category("hardware_failure").await;
        let t = srv
            .open(
                &anna,
                json!({"subject": "Wi-Fi drops", "category_id": network}),
            )
            .await;
        let n = num(&t);
        assert_eq!(t["category_id"], network);

        let path = format!("/api/v1/tickets/{n}");
        let t = srv
            .change(
                &bob,
                &n,
                json!({"group_id": g1, "assignee_id": bob.id, "level": 1, "category_id": hardware}),
            )
            .await;
        assert_eq!(t["group_id"], g1);
        assert_eq!(t["assignee_id"], bob.id);
        assert_eq!(t["level"], 1);
        assert_eq!(t["category_id"], hardware);
        assert_eq!(
            t["status"], "assigned",
            "an assignee moves a new ticket to assigned"
        );
        assert_eq!(t["version"], 2);

        let t = srv
            .change(
                &bob,
                &n,
                json!({"status": "in_progress", "impact": "high", "urgency": "high"}),
            )
            .await;
        assert_eq!(t["status"], "in_progress");
        assert_eq!(t["impact"], "high");
        assert_eq!(t["urgency"], "high");
        assert_eq!(t["priority"], "critical");

        let t = srv
            .change(
                &bob,
                &n,
                json!({"priority": "low", "assignee_id": null, "group_id": null}),
            )
            .await;
        assert_eq!(t["priority"], "low");
        assert_eq!(t["priority_manual"], true);
        assert_eq!(t["assignee_id"], Value::Null);
        assert_eq!(t["group_id"], Value::Null);

        // What the API answered is what is stored.
        let stored = srv.get(&bob.token, &path).await.expect(200).json;
        assert_eq!(stored, t, "PATCH answers the stored ticket");

        let journal = srv.journal(&bob, &n).await;
        assert_eq!(journal[0]["kind"], "created");
        let fc = of_kind(&journal, "field_change");
        assert_eq!(fc.len(), 3, "one entry per PATCH: {journal:?}");
        let has = |i: usize, field: &str, from: Value, to: Value| {
            let c = changes(fc[i]);
            assert!(
                c.contains(&(field.to_string(), from.clone(), to.clone())),
                "entry {i} records {field}: {from} -> {to}; got {c:?}"
            );
        };
        has(0, "group", Value::Null, json!(g1.to_string()));
        has(0, "assignee", Value::Null, json!(bob.id.to_string()));
        has(0, "level", json!("0"), json!("1"));
        has(
            0,
            "category",
            json!(network.to_string()),
            json!(hardware.to_string()),
        );
        has(0, "status", json!("new"), json!("assigned"));
        has(1, "status", json!("assigned"), json!("in_progress"));
        has(1, "impact", json!("medium"), json!("high"));
        has(1, "urgency", json!("medium"), json!("high"));
        has(1, "priority", json!("medium"), json!("critical"));
        has(2, "priority", json!("critical"), json!("low"));
        has(2, "assignee", json!(bob.id.to_string()), Value::Null);
        has(2, "group", json!(g1.to_string()), Value::Null);
        for e in &fc {
            assert_eq!(e["author_id"], bob.id, "the journal names the author");
        }

        // A patch that changes nothing records nothing.
        let same = srv.change(&bob, &n, json!({"impact": "high"})).await;
        assert_eq!(same["version"], t["version"]);
        assert_eq!(srv.journal(&bob, &n).await.len(), journal.len());
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn priority_comes_from_the_matrix_unless_set_by_hand() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let expected = [
            ("high", "high", "critical"),
            ("high", "medium", "high"),
            ("high", "low", "medium"),
            ("medium", "high", "high"),
            ("medium", "medium", "medium"),
            ("medium", "low", "low"),
            ("low", "high", "medium"),
            ("low", "medium", "low"),
            ("low", "low", "informational"),
        ];
        for (impact, urgency, priority) in expected {
            let t = srv
                .open(
                    &anna,
                    json!({"subject": "matrix", "impact": impact, "urgency": urgency}),
                )
                .await;
            assert_eq!(t["priority"], priority, "{impact} x {urgency}");
            assert_eq!(t["priority_manual"], false);
        }

        // A requester may not set the priority by hand; an agent may.
        let before = srv.ticket_total().await;
        srv.post(
            &anna.token,
            "/api/v1/tickets",
            json!({"subject": "mine is urgent", "priority": "critical"}),
        )
        .await
        .error(403, "forbidden");
        assert_eq!(
            srv.ticket_total().await,
            before,
            "a refused creation stores nothing"
        );
        let t = srv
            .open(
                &bob,
                json!({"subject": "by hand", "impact": "high", "urgency": "high", "priority": "low"}),
            )
            .await;
        assert_eq!(t["priority"], "low");
        assert_eq!(t["priority_manual"], true);

        // Changing impact or urgency recomputes an automatic priority ...
        let n = srv.open_simple(&anna, "recompute").await;
        let t = srv.change(&bob, &n, json!({"urgency": "high"})).await;
        assert_eq!(t["priority"], "high");
        // ... but not a manual one, until the manual priority is cleared.
        let t = srv
            .change(&bob, &n, json!({"priority": "informational"}))
            .await;
        assert_eq!(
            (t["priority"].clone(), t["priority_manual"].clone()),
            (json!("informational"), json!(true))
        );
        let t = srv.change(&bob, &n, json!({"impact": "high"})).await;
        assert_eq!(t["priority"], "informational", "manual priority survives");
        let t = srv.change(&bob, &n, json!({"priority": null})).await;
        assert_eq!(t["priority"], "critical", "back to the matrix: high x high");
        assert_eq!(t["priority_manual"], false);

        // An administrator may change the matrix; new tickets follow it, nobody else may.
        let path = "/api/v1/settings/priority-matrix";
        let current = srv.get(&anna.token, path).await.expect(200).json;
        assert_eq!(current["cells"][1][1], "medium");
        let stricter = json!({"cells": [
            ["critical", "critical", "high"],
            ["critical", "high", "medium"],
            ["high", "medium", "low"],
        ]});
        srv.call(
            reqwest::Method::PUT,
            &bob.token,
            path,
            Some(stricter.clone()),
        )
        .await
        .error(403, "forbidden");
        let inverted = json!({"cells": [
            ["low", "high", "medium"],
            ["high", "medium", "low"],
            ["medium", "low", "informational"],
        ]});
        srv.call(reqwest::Method::PUT, &srv.admin.token, path, Some(inverted))
            .await
            .error(422, "not_monotonic");
        srv.call(reqwest::Method::PUT, &srv.admin.token, path, Some(stricter))
            .await
            .expect(200);
        let t = srv
            .open(&anna, json!({"subject": "after the change"}))
            .await;
        assert_eq!(
            t["priority"], "high",
            "medium x medium under the new matrix"
        );
    }
    both(case).await;
}
