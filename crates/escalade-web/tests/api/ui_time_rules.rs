//! Time rules, deleting rules and deleting OLA targets in the administration over HTTP: a time
//! rule created, edited and deleted through its form (refused values shown beside their field
//! with the form as typed, nothing saved), deleting an event rule and an OLA target after a
//! confirmation page, form tokens, the audit log, and the pages out of reach of agents.

use serde_json::Value;

use crate::support::{ADMIN_PASSWORD, TestServer, both};

const PW: &str = "a-good-password-1";

impl TestServer {
    /// The time rules as the API lists them.
    async fn time_rule_items(&self) -> Vec<Value> {
        self.get(&self.admin.token, "/api/v1/time-rules")
            .await
            .expect(200)
            .json["items"]
            .as_array()
            .expect("time rules")
            .clone()
    }

    /// Whether the audit log holds an entry of this action.
    async fn audited(&self, action: &str) -> bool {
        self.get(&self.admin.token, "/api/v1/audit?per_page=100")
            .await
            .expect(200)
            .json["items"]
            .as_array()
            .expect("audit")
            .iter()
            .any(|e| e["action"] == action)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn time_rules_are_created_edited_and_deleted_from_the_form() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let l2 = srv.group("Second line", 2, false).await;
        let list = admin.get("/admin/rules").await.expect(200);
        assert!(list.body.contains("id=\"time-rules-new\""));
        let new = admin.get("/admin/time-rules/new").await.expect(200);
        assert!(new.body.contains("id=\"time-rule-form\""));
        assert!(new.body.contains("Second line (2)"), "groups offered");
        assert_eq!(srv.time_rule_items().await.len(), 3);

        // Refused: not a number, then out of range; the form comes back as typed, nothing saved.
        let l2_text = l2.to_string();
        let escalate = |minutes: &'static str| {
            vec![
                ("name", "Hand to second line"),
                ("kind", "escalate_unassigned"),
                ("active", "on"),
                ("after_minutes", minutes),
                ("to_level", ""),
                ("to_group", l2_text.as_str()),
                ("after_hours", "48"),
                ("template", "pending_reminder"),
                ("text", ""),
                ("after_days", "7"),
            ]
        };
        for bad in ["soon", "0", "99999999"] {
            let page = admin.post("/admin/time-rules", &escalate(bad)).await;
            assert_eq!(page.status, 422, "{bad}: {}", page.body);
            assert!(page.body.contains("id=\"time-rule-error\""));
            assert!(
                page.body.contains("data-field=\"after_minutes\""),
                "{}",
                page.body
            );
            assert!(page.body.contains("whole number from 1 to 527040"));
            assert!(
                page.body.contains("Hand to second line"),
                "the name is kept"
            );
            assert!(
                page.body.contains(&format!("value=\"{bad}\"")),
                "the value is kept"
            );
        }
        let empty_name = admin
            .post(
                "/admin/time-rules",
                &[
                    ("name", " "),
                    ("kind", "auto_close_resolved"),
                    ("after_days", "3"),
                ],
            )
            .await;
        assert_eq!(empty_name.status, 422);
        assert!(
            empty_name.body.contains("data-field=\"name\""),
            "{}",
            empty_name.body
        );
        let no_text = admin
            .post(
                "/admin/time-rules",
                &[
                    ("name", "Nudge"),
                    ("kind", "remind_pending"),
                    ("after_hours", "4"),
                    ("template", "pending_reminder"),
                    ("text", ""),
                ],
            )
            .await;
        assert_eq!(no_text.status, 422);
        assert!(
            no_text.body.contains("data-field=\"text\""),
            "{}",
            no_text.body
        );
        assert_eq!(srv.time_rule_items().await.len(), 3, "nothing saved");

        // Created.
        let saved = admin.post("/admin/time-rules", &escalate("45")).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let list = admin.get("/admin/rules?saved=time-rule").await.expect(200);
        assert!(list.body.contains("Hand to second line"));
        let items = srv.time_rule_items().await;
        let created = items
            .iter()
            .find(|r| r["name"] == "Hand to second line")
            .expect("created");
        assert_eq!(created["active"], true);
        assert_eq!(
            created["rule"]["kind"]["escalate_unassigned"]["after_minutes"],
            45
        );
        assert_eq!(
            created["rule"]["kind"]["escalate_unassigned"]["to_group"],
            l2
        );
        let id = created["id"].as_i64().expect("id");
        assert!(srv.audited("time_rule.create").await);

        // Edited: the form shows what is stored; switched into a repeating reminder, inactive.
        let path = format!("/admin/time-rules/{id}");
        let form = admin.get(&path).await.expect(200);
        assert!(form.body.contains("value=\"45\""));
        assert!(form.body.contains("id=\"time-rule-delete\""));
        let edited = admin
            .post(
                &path,
                &[
                    ("name", "Nudge twice a day"),
                    ("kind", "remind_pending"),
                    ("after_hours", "12"),
                    ("repeat", "on"),
                    ("template", "pending_reminder"),
                    ("text", "We are waiting for your answer."),
                ],
            )
            .await;
        assert_eq!(edited.status, 303, "{}", edited.body);
        let r = srv
            .get(&srv.admin.token, &format!("/api/v1/time-rules/{id}"))
            .await
            .expect(200)
            .json;
        assert_eq!(r["name"], "Nudge twice a day");
        assert_eq!(r["active"], false, "unticked: inactive");
        assert_eq!(r["rule"]["kind"]["remind_pending"]["after_hours"], 12);
        assert_eq!(r["rule"]["kind"]["remind_pending"]["repeat"], true);
        assert!(srv.audited("time_rule.update").await);

        // Deleted after the confirmation page; a post without the token deletes nothing.
        let ask = admin.get(&format!("{path}/delete")).await.expect(200);
        assert!(ask.body.contains("id=\"delete-question\""));
        assert!(ask.body.contains("Nudge twice a day"));
        let forged = admin.post_raw(&format!("{path}/delete"), &[]).await;
        assert_eq!(forged.status, 403);
        assert_eq!(srv.time_rule_items().await.len(), 4);
        let gone = admin.post(&format!("{path}/delete"), &[]).await;
        assert_eq!(gone.status, 303);
        let list = admin
            .get("/admin/rules?saved=time-rule-deleted")
            .await
            .expect(200);
        assert!(list.body.contains("The time rule was deleted."));
        assert_eq!(srv.time_rule_items().await.len(), 3);
        assert!(srv.audited("time_rule.delete").await);
        assert_eq!(admin.get(&path).await.status, 404);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn event_rules_and_ola_targets_are_deleted_after_a_confirmation() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let rules = srv.get(&srv.admin.token, "/api/v1/rules").await.json["items"].clone();
        let id = rules[0]["id"].as_i64().expect("a shipped rule");
        let list = admin.get("/admin/rules").await.expect(200);
        assert!(list.body.contains(&format!("id=\"rule-delete-{id}\"")));
        let ask = admin
            .get(&format!("/admin/rules/{id}/delete"))
            .await
            .expect(200);
        assert!(ask.body.contains("id=\"delete-confirm\""));
        assert!(ask.body.contains("id=\"delete-cancel\""));
        // Asking deletes nothing.
        assert_eq!(srv.rule_count().await, 9);
        let gone = admin.post(&format!("/admin/rules/{id}/delete"), &[]).await;
        assert_eq!(gone.status, 303);
        let list = admin
            .get("/admin/rules?saved=rule-deleted")
            .await
            .expect(200);
        assert!(list.body.contains("The rule was deleted."));
        assert_eq!(srv.rule_count().await, 8);
        assert!(srv.audited("rule.delete").await);
        // Deleting it again: not found.
        assert_eq!(
            admin
                .post(&format!("/admin/rules/{id}/delete"), &[])
                .await
                .status,
            404
        );

        let ola = srv
            .post(
                &srv.admin.token,
                "/api/v1/sla/olas",
                serde_json::json!({"name": "Level 1 in four hours", "level": 1,
                    "calendar_id": srv.calendar_id("24x7").await, "target_minutes": 240}),
            )
            .await
            .expect(201)
            .json;
        let ola_id = ola["id"].as_i64().expect("ola id");
        let list = admin.get("/admin/sla/olas").await.expect(200);
        assert!(list.body.contains(&format!("id=\"ola-{ola_id}-delete\"")));
        let ask = admin
            .get(&format!("/admin/sla/olas/{ola_id}/delete"))
            .await
            .expect(200);
        assert!(ask.body.contains("Level 1 in four hours"));
        let forged = admin
            .post_raw(
                &format!("/admin/sla/olas/{ola_id}/delete"),
                &[("csrf", "forged")],
            )
            .await;
        assert_eq!(forged.status, 403);
        srv.get(&srv.admin.token, &format!("/api/v1/sla/olas/{ola_id}"))
            .await
            .expect(200);
        let gone = admin
            .post(&format!("/admin/sla/olas/{ola_id}/delete"), &[])
            .await;
        assert_eq!(gone.status, 303);
        let list = admin
            .get("/admin/sla/olas?saved=sla-ola-deleted")
            .await
            .expect(200);
        assert!(list.body.contains("The OLA target was deleted."));
        srv.get(&srv.admin.token, &format!("/api/v1/sla/olas/{ola_id}"))
            .await
            .expect(404);
        assert!(srv.audited("ola_target.delete").await);

        // Agents reach none of it.
        srv.user_with("lena", "agent", &[("agent", "all")], None, Some(PW))
            .await;
        let lena = srv.web_login("lena", PW).await;
        let other = rules[1]["id"].as_i64().expect("rule");
        for path in [
            format!("/admin/rules/{other}/delete"),
            "/admin/time-rules/new".to_string(),
            "/admin/time-rules/1/delete".to_string(),
        ] {
            assert_eq!(lena.get(&path).await.status, 404, "{path}");
        }
        assert_eq!(
            lena.post(&format!("/admin/rules/{other}/delete"), &[])
                .await
                .status,
            404
        );
        assert_eq!(srv.rule_count().await, 8);
    })
    .await;
}
