//! What must never leak: another requester's ticket (404 everywhere, never listed), internal
//! journal entries and non-status field changes (never in a requester's journal), and tickets
//! of a security category (only for the security team and the people they concern).

use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{TestServer, TestUser, both, changes, num};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_never_reaches_another_requesters_ticket() {
    async fn case(srv: &TestServer) {
        let finance = srv.department("Finance").await;
        let olga = srv
            .user_with(
                "olga",
                "requester",
                &[("requester", "own")],
                Some(finance),
                None,
            )
            .await;
        let rolf = srv
            .user_with(
                "rolf",
                "requester",
                &[("requester", "own")],
                Some(finance),
                None,
            )
            .await;
        let bob = srv.agent("bob").await;
        let n = srv
            .open_simple(&olga, "Salary slip shows the wrong bank")
            .await;
        let up = srv
            .send(
                srv.http
                    .post(srv.url(&format!("/api/v1/tickets/{n}/attachments?name=slip.txt")))
                    .bearer_auth(&olga.token)
                    .header("content-type", "text/plain")
                    .body("IBAN DE00 1234"),
            )
            .await
            .expect(201);
        let attachment = up.json["id"].as_i64().unwrap();
        srv.change(&bob, &n, json!({"status": "resolved"})).await;
        let before = srv.ticket(&bob, &n).await;
        let journal = srv.journal(&bob, &n).await.len();

        // What a ticket that does not exist answers, to compare with.
        let missing = srv
            .get(&rolf.token, "/api/v1/tickets/INC-999999")
            .await
            .error(404, "not_found");
        let b = format!("/api/v1/tickets/{n}");
        let attempts: Vec<(Method, String, Option<Value>)> = vec![
            (Method::GET, b.clone(), None),
            (Method::PATCH, b.clone(), Some(json!({"status": "closed"}))),
            (Method::PATCH, b.clone(), Some(json!({"impact": "high"}))),
            (
                Method::POST,
                format!("{b}/comments"),
                Some(json!({"body": "Mine too?"})),
            ),
            (
                Method::POST,
                format!("{b}/comments"),
                Some(json!({"body": "x", "kind": "internal"})),
            ),
            (Method::GET, format!("{b}/journal"), None),
            (Method::GET, format!("{b}/attachments"), None),
            (
                Method::GET,
                format!("/api/v1/attachments/{attachment}"),
                None,
            ),
            (
                Method::POST,
                format!("{b}/escalations"),
                Some(json!({"summary": "Escalating someone else's ticket."})),
            ),
            (Method::POST, format!("{b}/take"), Some(json!({}))),
            (
                Method::POST,
                format!("{b}/watchers"),
                Some(json!({"user_id": rolf.id})),
            ),
            (Method::DELETE, format!("{b}/watchers/{}", olga.id), None),
        ];
        for (method, path, body) in attempts {
            let what = format!("{method} {path}");
            let r = srv.call(method, &rolf.token, &path, body).await;
            let r = r.error(404, "not_found");
            if !path.contains("/attachments/") {
                assert_eq!(
                    r.json, missing.json,
                    "{what}: same answer as a missing ticket"
                );
            }
        }
        // An upload is refused the same way.
        srv.send(
            srv.http
                .post(srv.url(&format!("{b}/attachments?name=x.txt")))
                .bearer_auth(&rolf.token)
                .body("x"),
        )
        .await
        .error(404, "not_found");

        // Never listed, whatever the filter.
        for q in [
            "".to_string(),
            format!("requester={}", olga.id),
            "q=salary".into(),
            "status=resolved".into(),
        ] {
            let (items, total) = srv.list_numbers(&rolf, &q).await;
            assert!(
                items.is_empty() && total == 0,
                "?{q} shows {items:?} / {total}"
            );
        }
        assert_eq!(srv.ticket(&bob, &n).await, before, "nothing changed");
        assert_eq!(srv.journal(&bob, &n).await.len(), journal);
        // Olga herself still reaches all of it.
        srv.ticket(&olga, &n).await;
        srv.get(&olga.token, &format!("/api/v1/attachments/{attachment}"))
            .await
            .expect(200);
    }
    both(case).await;
}

/// Asserts that `who`'s journal of `n` holds public entries only, field changes with the
/// status alone, and none of the `secrets`; returns it.
async fn public_journal(srv: &TestServer, who: &TestUser, n: &str, secrets: &[&str]) -> Vec<Value> {
    let journal = srv.journal(who, n).await;
    for e in &journal {
        assert_eq!(
            e["public"], true,
            "{} sees only public entries: {e}",
            who.login
        );
        assert!(
            ["created", "public_reply", "field_change", "attachment"]
                .contains(&e["kind"].as_str().unwrap()),
            "{} sees no {} entry",
            who.login,
            e["kind"]
        );
        if e["kind"] == "field_change" {
            let c = changes(e);
            assert!(!c.is_empty() && c.iter().all(|c| c.0 == "status"), "{e}");
        }
        let text = e.to_string();
        for s in secrets {
            assert!(!text.contains(s), "{} must not see {s:?}: {e}", who.login);
        }
    }
    journal
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_see_public_entries_and_only_status_changes() {
    async fn case(srv: &TestServer) {
        let finance = srv.department("Finance").await;
        let olga = srv
            .user_with(
                "olga",
                "requester",
                &[("requester", "own")],
                Some(finance),
                None,
            )
            .await;
        let dora = srv
            .user_with(
                "dora",
                "requester",
                &[("requester", "department")],
                Some(finance),
                None,
            )
            .await;
        let bob = srv.agent("bob").await;
        let n = srv.open_simple(&olga, "Cannot open the budget sheet").await;
        srv.comment(&bob, &n, "public", "Which version of the sheet?")
            .await
            .expect(201);
        srv.comment(
            &bob,
            &n,
            "internal",
            "SECRET-NOTE: the file server is failing",
        )
        .await
        .expect(201);
        srv.comment(&bob, &n, "phone_call", "SECRET-CALL: Olga was upset")
            .await
            .expect(201);
        srv.change(
            &bob,
            &n,
            json!({"status": "in_progress", "impact": "high", "priority": "critical"}),
        )
        .await;
        srv.change(&bob, &n, json!({"urgency": "low", "assignee_id": bob.id}))
            .await;
        srv.send(
            srv.http
                .post(srv.url(&format!(
                    "/api/v1/tickets/{n}/attachments?name=secret-log.txt&internal=true"
                )))
                .bearer_auth(&bob.token)
                .body("SECRET-LOG"),
        )
        .await
        .expect(201);
        srv.post(
            &bob.token,
            &format!("/api/v1/tickets/{n}/escalations"),
            json!({"summary": "SECRET-HANDOVER: file server disk is dying"}),
        )
        .await
        .expect(201);
        srv.comment(&olga, &n, "public", "Version 3.")
            .await
            .expect(201);

        let secrets = [
            "SECRET", "critical", "impact", "priority", "urgency", "assignee",
        ];
        let mine = public_journal(srv, &olga, &n, &secrets).await;
        let kinds: Vec<&str> = mine.iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(
            kinds,
            ["created", "public_reply", "field_change", "public_reply"]
        );
        assert_eq!(
            changes(&mine[2]),
            [("status".to_string(), json!("new"), json!("in_progress"))],
            "the status part of a mixed change"
        );
        // A department colleague reading the ticket gets the same filtered view.
        let theirs = public_journal(srv, &dora, &n, &secrets).await;
        assert_eq!(theirs, mine);
        let listed = srv
            .get(&olga.token, &format!("/api/v1/tickets/{n}/attachments"))
            .await
            .expect(200);
        assert_eq!(
            listed.json["items"],
            json!([]),
            "internal files are not listed"
        );

        // The agent sees everything.
        let full = srv.journal(&bob, &n).await;
        let text = Value::Array(full.clone()).to_string();
        for s in [
            "SECRET-NOTE",
            "SECRET-CALL",
            "SECRET-HANDOVER",
            "secret-log.txt",
        ] {
            assert!(text.contains(s), "the agent sees {s}");
        }
        let mixed = full
            .iter()
            .find(|e| changes(e).iter().any(|c| c.0 == "impact"))
            .unwrap();
        assert_eq!(
            changes(mixed).len(),
            3,
            "status, impact and priority: {mixed}"
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_tickets_are_for_the_security_team_only() {
    async fn case(srv: &TestServer) {
        let olga = srv.requester("olga").await;
        let security = srv.category("security").await;
        let network = srv.category("network").await;
        let team = srv.group("Security team", 2, true).await;
        let desk = srv.group("Desk", 0, false).await;
        let sam = srv.agent("sam").await;
        srv.join(team, &sam).await;
        let alex = srv.agent("alex").await;
        let gina = srv
            .user_with("gina", "agent", &[("agent", "group")], None, None)
            .await;
        srv.join(desk, &gina).await;

        let t = srv
            .open(
                &olga,
                json!({"subject": "Phishing mail with my password", "category_id": security}),
            )
            .await;
        assert_eq!(t["security"], true);
        let n = num(&t);
        let hidden = async |who: &TestUser, n: &str| {
            let b = format!("/api/v1/tickets/{n}");
            srv.get(&who.token, &b).await.error(404, "not_found");
            srv.get(&who.token, &format!("{b}/journal"))
                .await
                .error(404, "not_found");
            srv.patch(&who.token, &b, json!({"impact": "high"}))
                .await
                .error(404, "not_found");
            srv.comment(who, n, "internal", "peek")
                .await
                .error(404, "not_found");
            let (items, _) = srv.list_numbers(who, "per_page=500").await;
            assert!(!items.contains(&n.to_string()), "{} lists {n}", who.login);
        };
        let visible = async |who: &TestUser, n: &str| {
            srv.ticket(who, n).await;
            let (items, _) = srv.list_numbers(who, "per_page=500").await;
            assert!(items.contains(&n.to_string()), "{} lists {n}", who.login);
        };
        hidden(&alex, &n).await;
        visible(&sam, &n).await;
        visible(&olga, &n).await;

        // Even in a group the agent works for, the category decides.
        srv.change(&sam, &n, json!({"group_id": desk})).await;
        hidden(&gina, &n).await;
        // The agent it is assigned to sees it.
        srv.change(&sam, &n, json!({"assignee_id": alex.id})).await;
        visible(&alex, &n).await;

        // Moving a ticket into the security category hides it; out again shows it.
        let m = srv
            .open(
                &olga,
                json!({"subject": "VPN certificate expired", "category_id": network}),
            )
            .await;
        assert_eq!(m["security"], false);
        let m = num(&m);
        visible(&alex, &m).await;
        let t = srv.change(&sam, &m, json!({"category_id": security})).await;
        assert_eq!(t["security"], true);
        hidden(&alex, &m).await;
        srv.change(&sam, &m, json!({"category_id": network})).await;
        visible(&alex, &m).await;
    }
    both(case).await;
}
