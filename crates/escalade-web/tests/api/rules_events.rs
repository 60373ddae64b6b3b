//! Event rules over the API: the shipped rules classify new tickets in four languages, custom
//! rules route on created, updated and reply_received without looping, stop ends a run, bad
//! rules are refused at save time with the JSON path and nothing saved, the dry run changes
//! nothing, and only administrators manage rules.

use reqwest::Method;
use serde_json::{Value, json};

use crate::fixtures::num;
use crate::support::{TestServer, TestUser, both};

impl TestServer {
    /// Creates an event rule; asserts 201 and returns it.
    pub async fn rule(&self, body: Value) -> Value {
        self.post(&self.admin.token, "/api/v1/rules", body)
            .await
            .expect(201)
            .json
    }

    /// The journal entries written by rules (internal notes whose data names a rule).
    pub async fn rule_entries(&self, number: &str) -> Vec<Value> {
        let admin: TestUser = self.admin.clone();
        self.journal(&admin, number)
            .await
            .into_iter()
            .filter(|e| e["data"]["rule"].is_object() && e["data"]["changes"].is_array())
            .collect()
    }

    /// How many event rules are stored.
    pub async fn rule_count(&self) -> usize {
        self.get(&self.admin.token, "/api/v1/rules")
            .await
            .expect(200)
            .json["items"]
            .as_array()
            .expect("rules")
            .len()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shipped_rules_classify_in_four_languages_and_the_journal_says_so() {
    both(async |srv| {
        assert_eq!(srv.rule_count().await, 9, "nine shipped rules");
        let anna = srv.requester("anna").await;
        for (subject, key) in [
            ("Mon imprimante ne marche plus", "hardware_failure"),
            ("Забыл пароль от почты", "user_support"),
            ("我的VPN连不上", "network"),
        ] {
            let t = srv.open(&anna, json!({"subject": subject})).await;
            let category = srv.category(key).await;
            assert_eq!(t["category_id"], category, "{subject}: {t}");
            let entries = srv.rule_entries(&num(&t)).await;
            assert_eq!(
                entries.len(),
                1,
                "one rule fired for {subject}: {entries:?}"
            );
            assert_eq!(entries[0]["public"], false);
            assert!(
                entries[0]["data"]["changes"]
                    .as_array()
                    .expect("changes")
                    .iter()
                    .any(|c| c["field"] == "category")
            );
        }
        // The security rule, first in the order, also raises the urgency and tags the ticket
        // (which then only the security team reads).
        let t = srv
            .open(
                &anna,
                json!({"subject": "Phishing mail asking for my password"}),
            )
            .await;
        assert_eq!(t["category_id"], srv.category("security").await, "{t}");
        assert_eq!(t["urgency"], "high", "{t}");
        assert!(
            t["tags"]
                .as_array()
                .expect("tags")
                .contains(&json!("security"))
        );
        // Nothing matches: no category, no rule entry.
        let t = srv.open(&anna, json!({"subject": "Hello"})).await;
        assert_eq!(t["category_id"], Value::Null);
        assert!(srv.rule_entries(&num(&t)).await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn custom_rules_route_on_created_and_updated_without_looping() {
    both(async |srv| {
        let desk = srv.group("Hardware team", 2, false).await;
        srv.rule(json!({
            "name": "Printers to hardware",
            "event": "created",
            "conditions": {"all": [{"subject": {"keywords": ["toner"]}}]},
            "actions": [{"set_group": desk}, {"set_priority": "high"}, {"add_note": "Routed by rule"}]
        }))
        .await;
        // On updated: whenever the priority changed, raise it one more time (would loop forever
        // if a rule's change ran rules again).
        srv.rule(json!({
            "name": "Critical when priority changes",
            "event": "updated",
            "conditions": {"all": [{"priority": {"changed": true}}]},
            "actions": [{"set_priority": "critical"}, {"add_tags": ["watched"]}]
        }))
        .await;
        let anna = srv.requester("anna").await;
        let t = srv.open(&anna, json!({"subject": "Out of toner on floor 2"})).await;
        assert_eq!(t["group_id"], desk, "{t}");
        assert_eq!(t["level"], 2, "the level follows the group");
        assert_eq!(t["priority"], "high");
        let n = num(&t);
        let admin = srv.admin.clone();
        let notes: Vec<Value> = srv
            .journal(&admin, &n)
            .await
            .into_iter()
            .filter(|e| e["body"] == "Routed by rule")
            .collect();
        assert_eq!(notes.len(), 1, "the note is an internal entry");
        assert_eq!(notes[0]["kind"], "internal_note");

        let t = srv.change(&admin, &n, json!({"priority": "low"})).await;
        assert_eq!(t["priority"], "critical", "{t}");
        let fired: Vec<Value> = srv
            .rule_entries(&n)
            .await
            .into_iter()
            .filter(|e| e["data"]["rule"]["name"] == "Critical when priority changes")
            .collect();
        assert_eq!(fired.len(), 1, "fired once, no loop: {fired:?}");
        // A change that does not touch the priority does not fire it.
        srv.change(&admin, &n, json!({"impact": "high"})).await;
        assert_eq!(
            srv.rule_entries(&n)
                .await
                .iter()
                .filter(|e| e["data"]["rule"]["name"] == "Critical when priority changes")
                .count(),
            1
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reply_received_and_stop() {
    both(async |srv| {
        srv.rule(json!({
            "name": "Requester answered",
            "event": "reply_received",
            "actions": [{"add_tags": ["answered"]}, "stop"]
        }))
        .await;
        srv.rule(json!({
            "name": "Never reached",
            "event": "reply_received",
            "actions": [{"add_tags": ["late"]}]
        }))
        .await;
        let anna = srv.requester("anna").await;
        let n = srv.open_simple(&anna, "Hello there").await;
        // An agent's reply runs no reply_received rule.
        let admin = srv.admin.clone();
        srv.comment(&admin, &n, "public", "What happened?")
            .await
            .expect(201);
        assert_eq!(srv.ticket(&admin, &n).await["tags"], json!([]));
        srv.comment(&anna, &n, "public", "It broke again")
            .await
            .expect(201);
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(
            t["tags"],
            json!(["answered"]),
            "stop keeps the later rule out: {t}"
        );
        let entries = srv.rule_entries(&n).await;
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0]["data"]["stopped"], true);
        // The requester does not see the rule's internal entry.
        assert!(
            srv.journal(&anna, &n)
                .await
                .iter()
                .all(|e| e["data"]["rule"].is_null())
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_rules_are_refused_with_their_path_and_nothing_is_saved() {
    both(async |srv| {
        let before = srv.rule_count().await;
        let cases = [
            (
                json!({"name": "Bad regex", "event": "created",
                       "conditions": {"all": [{"subject": {"regex": "(unclosed"}}]},
                       "actions": [{"add_tags": ["x"]}]}),
                "bad_regex",
                "conditions.all[0].subject.regex",
            ),
            (
                json!({"name": "Typo", "event": "created",
                       "conditions": {"all": [{"colour": {"is": "red"}}]},
                       "actions": [{"add_tags": ["x"]}]}),
                "unknown_value",
                "conditions.all[0]",
            ),
            (
                json!({"name": "Missing group", "event": "created",
                       "actions": [{"set_group": 9999}]}),
                "unknown_reference",
                "actions[0].set_group",
            ),
        ];
        for (body, code, field) in cases {
            let r = srv
                .post(&srv.admin.token, "/api/v1/rules", body)
                .await
                .error(422, code);
            assert_eq!(r.field(), field, "{}", r.json);
        }
        assert_eq!(srv.rule_count().await, before, "nothing saved");
        // An update refused leaves the rule as it was.
        let id = srv
            .rule(json!({"name": "Ok", "event": "created", "actions": [{"add_tags": ["ok"]}]}))
            .await["id"]
            .clone();
        srv.call(
            Method::PUT,
            &srv.admin.token,
            &format!("/api/v1/rules/{id}"),
            Some(json!({"name": "Ok", "event": "created", "actions": [{"add_tags": ["a b"]}]})),
        )
        .await
        .error(422, "malformed_tag");
        let r = srv
            .get(&srv.admin.token, &format!("/api/v1/rules/{id}"))
            .await
            .expect(200);
        assert_eq!(r.json["rule"]["actions"], json!([{"add_tags": ["ok"]}]));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dry_run_reports_without_changing_anything() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let n = srv.open_simple(&anna, "Hello").await;
        let admin = srv.admin.clone();
        let journal_before = srv.journal(&admin, &n).await.len();
        let rule = json!({"name": "Try me", "event": "created",
            "conditions": {"all": [{"subject": {"keywords": ["hello"]}}]},
            "actions": [{"set_priority": "critical"}]});
        let r = srv
            .post(
                &admin.token,
                "/api/v1/rules/dry-run",
                json!({"rule": rule, "ticket": n}),
            )
            .await
            .expect(200);
        assert_eq!(
            r.json["report"]["verdict"]["verdict"], "fired",
            "{}",
            r.json
        );
        assert_eq!(r.json["changes"][0]["field"], "priority");
        assert_eq!(r.json["changes"][0]["to"], "critical");
        // A stored rule that does not match says why.
        let stored = srv
            .rule(json!({"name": "Never", "event": "created",
            "conditions": {"all": [{"subject": {"keywords": ["printer"]}}]},
            "actions": [{"set_priority": "low"}]}))
            .await;
        let r = srv
            .post(
                &admin.token,
                "/api/v1/rules/dry-run",
                json!({"rule_id": stored["id"], "ticket": n}),
            )
            .await
            .expect(200);
        assert_eq!(
            r.json["report"]["verdict"]["verdict"], "no_match",
            "{}",
            r.json
        );
        assert!(r.json["report"]["verdict"]["reasons"][0]["path"].is_string());
        // Nothing changed.
        assert_eq!(srv.ticket(&admin, &n).await["priority"], "medium");
        assert_eq!(srv.journal(&admin, &n).await.len(), journal_before);
        // A broken rule is refused like a save.
        srv.post(
            &admin.token,
            "/api/v1/rules/dry-run",
            json!({"rule": {"name": "x", "event": "created", "actions": []}, "ticket": n}),
        )
        .await
        .error(422, "no_actions");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_manage_rules() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let lena = srv.agent("lena").await;
        let n = srv.open_simple(&anna, "Hello").await;
        let body = json!({"name": "Sneaky", "event": "created", "actions": [{"add_tags": ["x"]}]});
        for who in [&anna, &lena] {
            srv.get(&who.token, "/api/v1/rules").await.expect(403);
            srv.post(&who.token, "/api/v1/rules", body.clone())
                .await
                .expect(403);
            srv.get(&who.token, "/api/v1/time-rules").await.expect(403);
            srv.post(
                &who.token,
                "/api/v1/rules/dry-run",
                json!({"rule": body, "ticket": n}),
            )
            .await
            .expect(403);
        }
        assert_eq!(srv.rule_count().await, 9);
        // Reordering: every id once, else refused.
        let ids: Vec<Value> = srv
            .get(&srv.admin.token, "/api/v1/rules")
            .await
            .expect(200)
            .json["items"]
            .as_array()
            .expect("rules")
            .iter()
            .map(|r| r["id"].clone())
            .rev()
            .collect();
        let r = srv
            .call(
                Method::PUT,
                &srv.admin.token,
                "/api/v1/rules/order",
                Some(json!({"ids": ids})),
            )
            .await
            .expect(200);
        assert_eq!(r.json["items"][0]["id"], ids[0]);
        srv.call(
            Method::PUT,
            &srv.admin.token,
            "/api/v1/rules/order",
            Some(json!({"ids": [ids[0]]})),
        )
        .await
        .error(422, "not_every_rule");
    })
    .await;
}
