//! The rules pages of the administration over HTTP: the list in order with the shipped rules,
//! creating a rule from the JSON form, a refused rule shown again as typed with its path and
//! nothing saved, switching and moving a rule, the dry run page (which changes nothing), time
//! rules, form tokens, and the pages out of reach of people who are not administrators.

use crate::support::{ADMIN_PASSWORD, both};

const PW: &str = "a-good-password-1";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_pages_create_refuse_switch_and_try() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let index = admin.get("/admin").await.expect(200);
        assert!(index.body.contains("id=\"admin-section-rules\""));
        let list = admin.get("/admin/rules").await.expect(200);
        assert!(list.body.contains("id=\"rules-table\""));
        assert!(list.body.contains("id=\"time-rules-table\""));
        assert_eq!(list.body.matches("id=\"rule-edit-").count(), 9, "shipped rules");
        let new = admin.get("/admin/rules/new").await.expect(200);
        assert!(new.body.contains("Printers go to the hardware team"), "example prefilled");
        assert!(new.body.contains("docs/RULES.md"));

        // Refused: the path and the message, the text kept, nothing saved.
        let bad = r#"{"name": "Marker rule 4242", "event": "created",
            "conditions": {"all": [{"subject": {"regex": "(open"}}]}, "actions": [{"add_tags": ["x"]}]}"#;
        let page = admin.post("/admin/rules", &[("definition", bad)]).await;
        assert_eq!(page.status, 422, "{}", page.body);
        assert!(page.body.contains("id=\"rule-error\""));
        assert!(page.body.contains("conditions.all[0].subject.regex"), "{}", page.body);
        assert!(page.body.contains("Marker rule 4242"), "the text is kept");
        let count = |body: &str| body.matches("id=\"rule-edit-").count();
        assert_eq!(count(&admin.get("/admin/rules").await.body), 9);

        // Saved.
        let good = r#"{"name": "Marker rule 4242", "event": "created",
            "conditions": {"all": [{"subject": {"keywords": ["marker"]}}]}, "actions": [{"set_priority": "high"}]}"#;
        let saved = admin.post("/admin/rules", &[("definition", good)]).await;
        assert_eq!(saved.status, 303, "{}", saved.body);
        let list = admin.get("/admin/rules?saved=rule").await.expect(200);
        assert_eq!(count(&list.body), 10);
        let id = srv.get(&srv.admin.token, "/api/v1/rules").await.json["items"]
            .as_array()
            .expect("rules")
            .iter()
            .find(|r| r["name"] == "Marker rule 4242")
            .and_then(|r| r["id"].as_i64())
            .expect("saved rule");
        // Switched off, moved up.
        let off = admin.post(&format!("/admin/rules/{id}/active"), &[("active", "off")]).await;
        assert_eq!(off.status, 303);
        let r = srv.get(&srv.admin.token, &format!("/api/v1/rules/{id}")).await.expect(200);
        assert_eq!(r.json["active"], false);
        admin.post(&format!("/admin/rules/{id}/move"), &[("step", "up")]).await;
        let items = srv.get(&srv.admin.token, "/api/v1/rules").await.json["items"].clone();
        assert_eq!(items[8]["id"], id, "one place up");

        // Dry run: the report, and the ticket unchanged.
        let anna = srv.requester("anna").await;
        let n = srv.open_simple(&anna, "Marker on my desk").await;
        let form = admin.get("/admin/rules/dry-run").await.expect(200);
        assert!(form.body.contains("id=\"dry-run-form\""));
        let id_text = id.to_string();
        let report = admin
            .post("/admin/rules/dry-run", &[("rule_id", id_text.as_str()), ("ticket", n.as_str()), ("definition", "")])
            .await
            .expect(200);
        assert!(report.body.contains("id=\"dry-run-report\""), "{}", report.body);
        assert!(report.body.contains("priority: medium → high"), "{}", report.body);
        assert_eq!(srv.ticket(&srv.admin, &n).await["priority"], "medium");
        let missing = admin
            .post("/admin/rules/dry-run", &[("rule_id", id_text.as_str()), ("ticket", "INC-999999")])
            .await;
        assert_eq!(missing.status, 404);
        assert!(missing.body.contains("id=\"dry-run-error\""));

        // Time rules: edit one through its form; a refused duration keeps what was typed.
        let t = srv.get(&srv.admin.token, "/api/v1/time-rules").await.json["items"][1].clone();
        let path = format!("/admin/time-rules/{}", t["id"]);
        let form = admin.get(&path).await.expect(200);
        assert!(form.body.contains("id=\"time-rule-form\""));
        let close = |name: &'static str, days: &'static str| {
            vec![("name", name), ("kind", "auto_close_resolved"), ("active", "on"), ("after_days", days)]
        };
        let refused = admin.post(&path, &close("Close", "0")).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("data-field=\"after_days\""), "{}", refused.body);
        let ok = admin.post(&path, &close("Close after 3 days", "3")).await;
        assert_eq!(ok.status, 303);
        assert_eq!(
            srv.get(&srv.admin.token, &format!("/api/v1/time-rules/{}", t["id"])).await.json["name"],
            "Close after 3 days"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_pages_need_a_token_and_an_administrator() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let good = r#"{"name": "Forged", "event": "created", "actions": [{"add_tags": ["x"]}]}"#;
        let none = admin
            .post_raw("/admin/rules", &[("definition", good)])
            .await;
        assert_eq!(none.status, 403);
        let forged = admin
            .post_raw("/admin/rules", &[("csrf", "forged"), ("definition", good)])
            .await;
        assert_eq!(forged.status, 403);
        assert_eq!(
            srv.get(&srv.admin.token, "/api/v1/rules").await.json["items"]
                .as_array()
                .expect("rules")
                .len(),
            9,
            "nothing saved"
        );
        srv.user_with("lena", "agent", &[("agent", "all")], None, Some(PW))
            .await;
        srv.user_with("anna", "requester", &[("requester", "own")], None, Some(PW))
            .await;
        for login in ["lena", "anna"] {
            let who = srv.web_login(login, PW).await;
            for path in [
                "/admin/rules",
                "/admin/rules/new",
                "/admin/rules/dry-run",
                "/admin/rules/1",
            ] {
                assert_eq!(who.get(path).await.status, 404, "{login} {path}");
            }
            let post = who.post("/admin/rules", &[("definition", good)]).await;
            assert_eq!(post.status, 404, "{login}");
        }
    })
    .await;
}
