//! The outbound mail pages over HTTP: the settings form (write-only password, errors beside
//! their field, nothing saved on refusal), the test message's answer, the outbox with its
//! filters and the retry button, every page in the four languages, and the door (404 for
//! non-administrators).

use escalade_app::mail::{MailSender, SenderOptions};
use serde_json::json;

use crate::smtp_sink::{SmtpSink, free_port};
use crate::support::{ADMIN_PASSWORD, both};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_outbox_and_retry_through_the_pages() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let page = admin.get("/admin/mail").await.expect(200);
        assert!(page.body.contains("id=\"mail-not-configured\""));
        assert!(page.body.contains("No password is set."));
        let index = admin.get("/admin").await.expect(200);
        assert!(index.body.contains("href=\"/admin/mail\""));

        // A refused form keeps what was typed, shows the error beside its field, saves nothing.
        let refused = admin
            .post(
                "/admin/mail",
                &[
                    ("smtp_host", "127.0.0.1"),
                    ("smtp_port", "0"),
                    ("smtp_security", "none"),
                    ("from_address", "help@desk.test"),
                    ("smtp_password", "pw-typed"),
                ],
            )
            .await
            .expect(422);
        assert!(
            refused.body.contains("id=\"mail-smtp_port-error\""),
            "{}",
            refused.body
        );
        assert!(
            refused
                .body
                .contains("The port is a number from 1 to 65535.")
        );
        assert!(refused.body.contains("value=\"help@desk.test\""));
        assert!(
            !refused.body.contains("pw-typed"),
            "a password is never echoed"
        );
        let stored = srv
            .get(&srv.admin.token, "/api/v1/settings/mail")
            .await
            .expect(200);
        assert_eq!(stored.json["smtp_host"], "");

        let port = free_port().to_string();
        admin
            .post(
                "/admin/mail",
                &[
                    ("smtp_host", "127.0.0.1"),
                    ("smtp_port", &port),
                    ("smtp_security", "none"),
                    ("from_address", "help@desk.test"),
                    ("desk_domain", "desk.test"),
                    ("smtp_password", "pw-secret"),
                ],
            )
            .await
            .expect(303);
        let page = admin.get("/admin/mail?saved=settings").await.expect(200);
        assert!(page.body.contains("Mail settings saved."));
        assert!(page.body.contains("A password is set"));
        assert!(!page.body.contains("pw-secret"));

        // The server refuses: the test message says so, the outbox keeps the mail pending.
        let test = admin
            .post("/admin/mail/test", &[("to", "ops@example.org")])
            .await
            .expect(200);
        assert!(test.body.contains("data-sent=\"false\""), "{}", test.body);
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/users/{}", srv.admin.id),
            json!({"email": "admin@desk.test"}),
        )
        .await
        .expect(200);
        let n = srv
            .open_simple(&srv.admin.clone(), "Ticket with mail")
            .await;
        // The administrator opened it for themselves: the acknowledgement goes to them.
        let sender = MailSender::new(srv.app.clone(), SenderOptions::default());
        assert_eq!(sender.run_once().await.expect("round").failed, 1);
        let outbox = admin
            .get("/admin/mail/outbox?state=pending")
            .await
            .expect(200);
        assert!(
            outbox.body.contains(&format!(">{n}</a>")),
            "{}",
            outbox.body
        );
        assert!(outbox.body.contains("data-state=\"pending\""));
        assert!(outbox.body.contains("-error\">"), "the error is shown");
        let id = srv
            .get(&srv.admin.token, "/api/v1/mail/outbox")
            .await
            .expect(200)
            .json["items"][0]["id"]
            .as_i64()
            .expect("id");

        // Point at a working server, retry from the page, and it goes.
        let sink = SmtpSink::start();
        let port = sink.port.to_string();
        admin
            .post(
                "/admin/mail",
                &[
                    ("smtp_host", "127.0.0.1"),
                    ("smtp_port", &port),
                    ("smtp_security", "none"),
                    ("from_address", "help@desk.test"),
                    ("desk_domain", "desk.test"),
                ],
            )
            .await
            .expect(303);
        let test = admin
            .post("/admin/mail/test", &[("to", "")])
            .await
            .expect(200);
        assert!(test.body.contains("data-sent=\"true\""), "{}", test.body);
        assert_eq!(sink.received()[0].rcpt, vec!["admin@desk.test"]);
        let back = admin
            .post(&format!("/admin/mail/outbox/{id}/retry"), &[])
            .await
            .expect(303);
        assert_eq!(
            back.location.as_deref(),
            Some("/admin/mail/outbox?saved=retried")
        );
        assert_eq!(sender.run_once().await.expect("round").sent, 1);
        assert_eq!(sink.received().len(), 2);
        let sent = admin.get("/admin/mail/outbox?state=sent").await.expect(200);
        assert!(
            sent.body
                .contains(&format!("id=\"mail-row-{id}\" data-state=\"sent\""))
        );
        assert!(!sent.body.contains(&format!("id=\"mail-retry-{id}\"")));
        // Without the form token, nothing happens.
        admin
            .post_raw(&format!("/admin/mail/outbox/{id}/retry"), &[])
            .await;
        assert_eq!(sink.received().len(), 2);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_pages_in_every_language_and_behind_their_door() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        for (lang, word) in [
            ("en", "Outbound mail"),
            ("fr", "Courrier sortant"),
            ("ru", "Исходящая почта"),
            ("zh-CN", "外发邮件"),
        ] {
            admin
                .post("/language", &[("lang", lang), ("next", "/admin")])
                .await;
            for path in [
                "/admin/mail",
                "/admin/mail/outbox",
                "/admin/mail/outbox?state=failed",
            ] {
                let page = admin.get(path).await.expect(200);
                assert!(
                    page.body.contains(&format!("<html lang=\"{lang}\">")),
                    "{path}"
                );
                assert!(page.body.contains(word), "{path} in {lang}");
            }
        }
        srv.user_with(
            "req",
            "requester",
            &[("requester", "own")],
            None,
            Some("a-good-password-1"),
        )
        .await;
        let req = srv.web_login("req", "a-good-password-1").await;
        req.get("/admin/mail").await.expect(404);
        req.get("/admin/mail/outbox").await.expect(404);
    })
    .await;
}
