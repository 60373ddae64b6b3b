//! The mailbox form's category of new tickets over HTTP: offered (retired categories not),
//! saved, shown selected, cleared; something that is no category, or a retired one, is
//! refused beside the form with nothing saved; the API refuses the same with the field named.

use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestServer, both};

fn form<'a>(category: &'a str, name: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", name),
        ("host", "imap.example.org"),
        ("port", "993"),
        ("security", "tls"),
        ("login", "helpdesk"),
        ("password", "pw-1"),
        ("folder", "INBOX"),
        ("group_id", ""),
        ("category_id", category),
        ("active", "on"),
    ]
}

async fn category_of(srv: &TestServer, id: i64) -> serde_json::Value {
    srv.get(&srv.admin.token, &format!("/api/v1/mailboxes/{id}"))
        .await
        .expect(200)
        .json["category_id"]
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mailbox_form_sets_the_category_of_new_tickets_and_refuses_bad_ones() {
    both(async |srv: &TestServer| {
        let hardware = srv.category("hardware_failure").await;
        let network = srv.category("network").await;
        let other = srv.category("other").await;
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/categories/{other}"),
            json!({"active": false}),
        )
        .await
        .expect(200);
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;

        let new = admin.get("/admin/mailboxes/new").await.expect(200);
        assert!(
            new.body.contains("id=\"mailbox-category_id\""),
            "{}",
            new.body
        );
        assert!(
            new.body.contains(&format!("<option value=\"{hardware}\">")),
            "{}",
            new.body
        );
        assert!(
            !new.body.contains(&format!("<option value=\"{other}\"")),
            "{}",
            new.body
        );

        let hw = hardware.to_string();
        admin
            .post("/admin/mailboxes/new", &form(&hw, "Support"))
            .await
            .expect(303);
        let list = srv
            .get(&srv.admin.token, "/api/v1/mailboxes")
            .await
            .expect(200);
        let id = list.json[0]["id"].as_i64().expect("mailbox");
        assert_eq!(category_of(srv, id).await, hardware);
        let edit = admin
            .get(&format!("/admin/mailboxes/{id}"))
            .await
            .expect(200);
        assert!(
            edit.body
                .contains(&format!("<option value=\"{hardware}\" selected>")),
            "{}",
            edit.body
        );

        // Refused, beside the form, nothing saved: no such category, not an id, retired.
        let missing = "999999".to_string();
        let retired = other.to_string();
        for (value, words) in [
            (missing.as_str(), "There is no such category."),
            ("hardware", "There is no such category."),
            (retired.as_str(), "This category is retired"),
        ] {
            let page = admin
                .post(&format!("/admin/mailboxes/{id}"), &form(value, "Support"))
                .await
                .expect(422);
            assert!(
                page.body.contains("id=\"mailbox-field-error\""),
                "{}",
                page.body
            );
            assert!(page.body.contains(words), "{value}: {}", page.body);
            assert_eq!(category_of(srv, id).await, hardware);
        }

        // Changed, then cleared (the inbound mail settings' category applies again).
        let net = network.to_string();
        admin
            .post(&format!("/admin/mailboxes/{id}"), &form(&net, "Support"))
            .await
            .expect(303);
        assert_eq!(category_of(srv, id).await, network);
        admin
            .post(&format!("/admin/mailboxes/{id}"), &form("", "Support"))
            .await
            .expect(303);
        assert_eq!(category_of(srv, id).await, serde_json::Value::Null);

        // The API names the field.
        let r = srv
            .post(
                &srv.admin.token,
                "/api/v1/mailboxes",
                json!({"name": "Other", "host": "imap.example.org", "login": "x",
                       "category_id": other}),
            )
            .await
            .expect(422);
        assert_eq!(r.field(), "category_id");
    })
    .await;
}
