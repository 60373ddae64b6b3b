//! The status state machine through the API (refused moves answer 409 naming the rule and
//! change nothing), and comments: public replies, internal notes, phone calls, a requester's
//! reply reopening a resolved ticket, and final tickets refusing comments.

use serde_json::{Value, json};

use crate::support::{TestServer, TestUser, both, changes, num, of_kind};

/// Asserts that a PATCH is refused as an illegal move breaking `rule`, and that neither the
/// ticket nor its journal changed.
async fn refused(srv: &TestServer, who: &TestUser, n: &str, body: Value, rule: &str) {
    let before = srv.ticket(who, n).await;
    let journal = srv.journal(who, n).await.len();
    let r = srv
        .patch(&who.token, &format!("/api/v1/tickets/{n}"), body.clone())
        .await
        .error(409, "invalid_transition");
    assert_eq!(
        r.json["error"]["rule"], rule,
        "PATCH {body} on a {} ticket",
        before["status"]
    );
    assert_eq!(r.field(), "status");
    let after = srv.ticket(who, n).await;
    assert_eq!(after, before, "a refused move changes nothing ({body})");
    assert_eq!(
        srv.journal(who, n).await.len(),
        journal,
        "and journals nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn illegal_moves_answer_409_with_the_rule_and_change_nothing() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let n = srv.open_simple(&anna, "Screen flickers").await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "closed"}),
            "close_only_resolved",
        )
        .await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "closed", "impact": "high", "subject": "Changed"}),
            "close_only_resolved",
        )
        .await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "escalated"}),
            "escalation_needs_handover",
        )
        .await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "pending"}),
            "pending_needs_work_started",
        )
        .await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "assigned"}),
            "assigned_needs_assignee",
        )
        .await;
        refused(srv, &bob, &n, json!({"status": "new"}), "no_change").await;

        srv.change(&bob, &n, json!({"status": "in_progress"})).await;
        refused(srv, &bob, &n, json!({"status": "new"}), "new_is_initial").await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "closed"}),
            "close_only_resolved",
        )
        .await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "escalated"}),
            "escalation_needs_handover",
        )
        .await;

        srv.change(&bob, &n, json!({"status": "resolved"})).await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "pending"}),
            "resolved_closes_or_reopens",
        )
        .await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "cancelled"}),
            "resolved_closes_or_reopens",
        )
        .await;

        srv.change(&bob, &n, json!({"status": "closed"})).await;
        refused(
            srv,
            &bob,
            &n,
            json!({"status": "in_progress"}),
            "closed_is_final",
        )
        .await;
        refused(
            srv,
            &bob,
            &n,
            json!({"subject": "Still flickers"}),
            "closed_is_final",
        )
        .await;

        let c = srv.open_simple(&anna, "Duplicate").await;
        srv.change(&bob, &c, json!({"status": "cancelled"})).await;
        refused(
            srv,
            &bob,
            &c,
            json!({"status": "in_progress"}),
            "cancelled_is_final",
        )
        .await;
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_lives_through_its_legal_moves() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let n = srv.open_simple(&anna, "Outlook crashes on start").await;
        let path = [
            "in_progress",
            "pending",
            "in_progress",
            "resolved",
            "in_progress",
            "resolved",
            "closed",
        ];
        let mut version = 1;
        for to in path {
            let t = srv.change(&bob, &n, json!({"status": to})).await;
            assert_eq!(t["status"], to);
            version += 1;
            assert_eq!(t["version"], version, "each move bumps the version");
            match to {
                "resolved" => assert!(t["resolved_at"].is_string(), "resolved_at stamped"),
                "in_progress" => assert_eq!(t["resolved_at"], Value::Null, "reopen clears it"),
                "closed" => {
                    assert!(t["closed_at"].is_string(), "closed_at stamped");
                    assert!(t["resolved_at"].is_string(), "resolved_at kept");
                }
                _ => {}
            }
        }
        let moves: Vec<(Value, Value)> = of_kind(&srv.journal(&bob, &n).await, "field_change")
            .into_iter()
            .flat_map(changes)
            .filter(|c| c.0 == "status")
            .map(|c| (c.1, c.2))
            .collect();
        let mut from = "new";
        let want: Vec<(Value, Value)> = path
            .iter()
            .map(|to| {
                let m = (json!(from), json!(to));
                from = to;
                m
            })
            .collect();
        assert_eq!(moves, want, "the journal records every move in order");
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comments_are_public_replies_internal_notes_or_phone_calls() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let n = srv.open_simple(&anna, "Cannot print").await;

        let cases = [
            ("public", "public_reply", true, "Which printer is it?"),
            (
                "internal",
                "internal_note",
                false,
                "Printer 3 has a known jam.",
            ),
            (
                "phone_call",
                "phone_call",
                false,
                "Called Anna: she uses printer 3.",
            ),
        ];
        let mut ids = Vec::new();
        for (kind, entry, public, body) in cases {
            let r = srv.comment(&bob, &n, kind, body).await.expect(201);
            assert_eq!(r.json["kind"], entry);
            assert_eq!(r.json["public"], public);
            assert_eq!(r.json["body"], body);
            assert_eq!(r.json["author_id"], bob.id);
            assert!(r.json["author_name"].is_string());
            ids.push(r.json["id"].as_i64().unwrap());
        }
        // Without a kind, a comment is a public reply.
        let r = srv
            .post(
                &anna.token,
                &format!("/api/v1/tickets/{n}/comments"),
                json!({"body": "Printer 3, yes."}),
            )
            .await
            .expect(201);
        assert_eq!(r.json["kind"], "public_reply");
        assert_eq!(r.json["author_id"], anna.id);
        ids.push(r.json["id"].as_i64().unwrap());
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "ids increase: {ids:?}");

        // A requester writes public replies only.
        for kind in ["internal", "phone_call"] {
            srv.comment(&anna, &n, kind, "let me in")
                .await
                .error(403, "forbidden");
        }
        let r = srv
            .comment(&bob, &n, "public", "   ")
            .await
            .error(422, "required");
        assert_eq!(r.field(), "body");
        let r = srv.comment(&bob, &n, "whisper", "psst").await.expect(422);
        assert_eq!(r.field(), "kind");
        srv.comment(&bob, "INC-999999", "public", "hello")
            .await
            .error(404, "not_found");

        let journal = srv.journal(&bob, &n).await;
        let kinds: Vec<&str> = journal
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        assert_eq!(
            kinds,
            [
                "created",
                "public_reply",
                "internal_note",
                "phone_call",
                "public_reply"
            ],
            "refused comments leave no trace"
        );
        assert_eq!(journal[2]["body"], "Printer 3 has a known jam.");
        let t = srv.ticket(&bob, &n).await;
        assert_eq!(
            t["status"], "new",
            "a comment alone does not move the ticket"
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_reply_reopens_a_resolved_ticket() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;

        // Assigned before: back to assigned.
        let n = srv.open_simple(&anna, "VPN drops").await;
        srv.change(&bob, &n, json!({"assignee_id": bob.id})).await;
        srv.change(&bob, &n, json!({"status": "resolved"})).await;
        // The agent's own reply does not reopen it.
        srv.comment(&bob, &n, "public", "Fixed the profile.")
            .await
            .expect(201);
        assert_eq!(srv.ticket(&bob, &n).await["status"], "resolved");
        srv.comment(&anna, &n, "public", "It dropped again this morning.")
            .await
            .expect(201);
        let t = srv.ticket(&bob, &n).await;
        assert_eq!(t["status"], "assigned");
        assert_eq!(t["assignee_id"], bob.id);
        assert_eq!(t["resolved_at"], Value::Null);
        let journal = srv.journal(&bob, &n).await;
        let last = journal.last().unwrap();
        assert_eq!(last["kind"], "field_change");
        assert_eq!(last["data"]["reason"], "requester_replied");
        assert_eq!(
            changes(last),
            [("status".to_string(), json!("resolved"), json!("assigned"))]
        );

        // Never assigned: back to in progress.
        let m = srv.open_simple(&anna, "Mouse is slow").await;
        srv.change(&bob, &m, json!({"status": "resolved"})).await;
        srv.comment(&anna, &m, "public", "Still slow.")
            .await
            .expect(201);
        assert_eq!(srv.ticket(&anna, &m).await["status"], "in_progress");

        // A requester confirms their resolved ticket, and may change nothing else.
        srv.change(&bob, &m, json!({"status": "resolved"})).await;
        srv.patch(
            &anna.token,
            &format!("/api/v1/tickets/{m}"),
            json!({"impact": "high"}),
        )
        .await
        .error(403, "forbidden");
        let t = srv.change(&anna, &m, json!({"status": "closed"})).await;
        assert_eq!(t["status"], "closed");
        // Confirming works only on a resolved ticket.
        let o = srv.open_simple(&anna, "Keyboard").await;
        srv.patch(
            &anna.token,
            &format!("/api/v1/tickets/{o}"),
            json!({"status": "closed"}),
        )
        .await
        .error(403, "forbidden");
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn final_tickets_refuse_comments() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let closed = srv.open_simple(&anna, "Done").await;
        srv.change(&bob, &closed, json!({"status": "resolved"}))
            .await;
        srv.change(&bob, &closed, json!({"status": "closed"})).await;
        let cancelled = srv.open_simple(&anna, "Mistake").await;
        srv.change(&bob, &cancelled, json!({"status": "cancelled"}))
            .await;
        for (n, rule) in [
            (&closed, "closed_is_final"),
            (&cancelled, "cancelled_is_final"),
        ] {
            let journal = srv.journal(&bob, n).await.len();
            for (who, kind) in [(&anna, "public"), (&bob, "public"), (&bob, "internal")] {
                let r = srv
                    .comment(who, n, kind, "one more thing")
                    .await
                    .error(409, "invalid_transition");
                assert_eq!(r.json["error"]["rule"], rule);
            }
            assert_eq!(
                srv.journal(&bob, n).await.len(),
                journal,
                "nothing journaled"
            );
            let t = srv.ticket(&bob, n).await;
            assert!(t["status"] == "closed" || t["status"] == "cancelled");
        }
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn watchers_follow_a_ticket_they_could_not_see_otherwise() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let carl = srv.requester("carl").await;
        let bob = srv.agent("bob").await;
        let n = num(&srv
            .open(
                &anna,
                json!({"subject": "Team printer", "watchers": [carl.id]}),
            )
            .await);
        let t = srv.ticket(&anna, &n).await;
        assert_eq!(t["watchers"], json!([carl.id]));
        // A watcher reads, lists and answers the ticket.
        srv.ticket(&carl, &n).await;
        assert!(srv.list_numbers(&carl, "").await.0.contains(&n));
        srv.comment(&carl, &n, "public", "Same problem here.")
            .await
            .expect(201);
        // Only agents add others; a requester may remove themselves.
        let w = format!("/api/v1/tickets/{n}/watchers");
        srv.post(&anna.token, &w, json!({"user_id": bob.id}))
            .await
            .error(403, "forbidden");
        let r = srv
            .delete(&carl.token, &format!("{w}/{}", carl.id))
            .await
            .expect(200);
        assert_eq!(r.json["watchers"], json!([]));
        srv.get(&carl.token, &format!("/api/v1/tickets/{n}"))
            .await
            .error(404, "not_found");
        let r = srv
            .post(&bob.token, &w, json!({"user_id": carl.id}))
            .await
            .expect(200);
        assert_eq!(r.json["watchers"], json!([carl.id]));
        srv.ticket(&carl, &n).await;
        let r = srv
            .post(&bob.token, &w, json!({"user_id": 999_999}))
            .await
            .expect(422);
        assert_eq!(r.field(), "user_id");
    }
    both(case).await;
}
