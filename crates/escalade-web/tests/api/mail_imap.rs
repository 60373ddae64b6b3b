//! IMAP polling against a real Dovecot: a message in the mailbox becomes a ticket in the
//! mailbox's group, also one already read in a mail client; polling again takes nothing
//! twice; a wrong password marks the mailbox failing, visibly, until it is fixed; the
//! password never comes back from the API.

use serde_json::{Value, json};

use crate::imap_server::{ImapServer, LOGIN, PASSWORD};
use crate::support::{ADMIN_PASSWORD, TestServer, both};

fn message(n: u32, subject: &str) -> Vec<u8> {
    format!(
        "From: Bea Moreau <bea.moreau@example.org>\r\nTo: support@desk.example.com\r\n\
         Subject: {subject}\r\nMessage-ID: <imap-{n}@mail.example.org>\r\n\
         Date: Tue, 1 Dec 2026 09:00:00 +0000\r\n\r\n{subject}: please help.\r\n"
    )
    .into_bytes()
}

pub(crate) async fn add_mailbox(
    srv: &TestServer,
    imap: &ImapServer,
    password: &str,
    group: Option<i64>,
) -> i64 {
    let r = srv
        .post(
            &srv.admin.token,
            "/api/v1/mailboxes",
            json!({"name": "Support inbox", "host": "127.0.0.1", "port": imap.port,
                   "security": "none", "login": LOGIN, "password": password,
                   "group_id": group}),
        )
        .await
        .expect(201);
    assert_eq!(r.json["password"], "set");
    assert_eq!(r.json["state"], "new");
    assert!(!String::from_utf8_lossy(&r.bytes).contains(password));
    r.json["id"].as_i64().expect("mailbox id")
}

pub(crate) async fn poll(srv: &TestServer, id: i64) -> Value {
    srv.post(
        &srv.admin.token,
        &format!("/api/v1/mailboxes/{id}/poll"),
        json!({}),
    )
    .await
    .expect(200)
    .json
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_in_a_polled_mailbox_becomes_tickets_in_its_group_once_each() {
    async fn case(srv: &TestServer) {
        let imap = ImapServer::start().await;
        let group = srv.group("Mail desk", 1, false).await;
        let id = add_mailbox(srv, &imap, PASSWORD, Some(group)).await;
        imap.deliver(&message(1, "Printer on floor 2 jams"));
        // Read in a mail client before the desk polls: still taken (by UID, not by \Seen).
        imap.deliver_seen(&message(2, "VPN drops every hour"));

        let t = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mailboxes/{id}/test"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(t.json["ok"], true, "{}", t.json);
        assert_eq!(t.json["messages"], 2);

        let p = poll(srv, id).await;
        assert_eq!(p["state"], "ok", "{p}");
        assert_eq!(p["taken"], 2, "{p}");
        let mut subjects = Vec::new();
        for number in p["tickets"].as_array().expect("tickets") {
            let number = number.as_str().expect("a ticket per message");
            let ticket = srv
                .get(&srv.admin.token, &format!("/api/v1/tickets/{number}"))
                .await
                .expect(200);
            assert_eq!(ticket.json["group_id"], group, "{}", ticket.json);
            subjects.push(ticket.json["subject"].as_str().unwrap_or("").to_string());
        }
        subjects.sort();
        assert_eq!(
            subjects,
            ["Printer on floor 2 jams", "VPN drops every hour"]
        );

        // Polling again takes nothing twice; a new message alone is taken.
        let again = poll(srv, id).await;
        assert_eq!(again["taken"], 0, "{again}");
        imap.deliver(&message(3, "Monitor flickers"));
        let third = poll(srv, id).await;
        assert_eq!(third["taken"], 1, "{third}");

        let m = srv
            .get(&srv.admin.token, &format!("/api/v1/mailboxes/{id}"))
            .await
            .expect(200);
        assert_eq!(m.json["state"], "ok");
        assert_eq!(m.json["last_uid"], 3);
        assert!(m.json["uid_validity"].as_i64().is_some());
        assert_eq!(m.json["password"], "set");
        let list = srv
            .get(&srv.admin.token, "/api/v1/mailboxes")
            .await
            .expect(200);
        assert!(!String::from_utf8_lossy(&list.bytes).contains(PASSWORD));
        assert_eq!(list.json.as_array().map(Vec::len), Some(1));

        // The background round finds nothing due: the mailbox was just polled.
        let due = srv
            .app
            .poll_due_mailboxes(chrono::Duration::minutes(1))
            .await
            .expect("round");
        assert!(due.is_empty(), "{due:?}");
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_marks_the_mailbox_failing_until_it_is_fixed() {
    async fn case(srv: &TestServer) {
        let imap = ImapServer::start().await;
        // Bad input: a clear field error, nothing stored.
        let bad = srv
            .post(
                &srv.admin.token,
                "/api/v1/mailboxes",
                json!({"name": "X", "host": "127.0.0.1", "security": "ssl", "login": LOGIN}),
            )
            .await
            .expect(422);
        assert_eq!(bad.field(), "security");
        let empty = srv
            .get(&srv.admin.token, "/api/v1/mailboxes")
            .await
            .expect(200);
        assert_eq!(empty.json.as_array().map(Vec::len), Some(0));

        let id = add_mailbox(srv, &imap, "not-the-password", None).await;
        imap.deliver(&message(7, "Cannot log in to the HR portal"));
        let p = poll(srv, id).await;
        assert_eq!(p["state"], "failing", "{p}");
        assert_eq!(p["taken"], 0);

        let m = srv
            .get(&srv.admin.token, &format!("/api/v1/mailboxes/{id}"))
            .await
            .expect(200);
        assert_eq!(m.json["state"], "failing");
        assert_eq!(m.json["failures"], 1);
        assert!(m.json["failing_since"].is_string());
        let err = m.json["last_error"].as_str().unwrap_or_default();
        assert!(err.contains("login as helpdesk"), "{err}");
        assert!(!String::from_utf8_lossy(&m.bytes).contains("not-the-password"));
        let t = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mailboxes/{id}/test"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(t.json["ok"], false);
        assert!(t.json["error"].as_str().unwrap_or("").contains("login"));

        // The administration shows the failing state with its error, never the password.
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let page = admin.get("/admin/mailboxes").await.expect(200);
        assert!(
            page.body.contains(&format!("id=\"mailbox-{id}-error\"")),
            "{}",
            page.body
        );
        assert!(page.body.contains("login as helpdesk"), "{}", page.body);
        assert!(!page.body.contains("not-the-password"));
        let tested = admin
            .post(&format!("/admin/mailboxes/{id}/test"), &[])
            .await
            .expect(200);
        assert!(tested.body.contains("data-ok=\"false\""), "{}", tested.body);

        // Backed off: the background round leaves it alone for now.
        let due = srv
            .app
            .poll_due_mailboxes(chrono::Duration::minutes(1))
            .await
            .expect("round");
        assert!(due.is_empty(), "{due:?}");

        // Fixed: the password is changed, and the next poll takes the waiting message.
        let fixed = srv
            .patch(
                &srv.admin.token,
                &format!("/api/v1/mailboxes/{id}"),
                json!({"password": PASSWORD}),
            )
            .await
            .expect(200);
        assert!(!String::from_utf8_lossy(&fixed.bytes).contains(PASSWORD));
        let due = srv
            .app
            .poll_due_mailboxes(chrono::Duration::minutes(1))
            .await
            .expect("round");
        assert_eq!(due.len(), 1, "{due:?}");
        assert_eq!(due[0].state, "ok", "{due:?}");
        assert_eq!(due[0].taken, 1);
        let m = srv
            .get(&srv.admin.token, &format!("/api/v1/mailboxes/{id}"))
            .await
            .expect(200);
        assert_eq!(m.json["state"], "ok");
        assert_eq!(m.json["last_error"], Value::Null);
        assert_eq!(m.json["failures"], 0);
        let page = admin.get("/admin/mailboxes").await.expect(200);
        assert!(!page.body.contains(&format!("id=\"mailbox-{id}-error\"")));

        // Deleting asks first; the mail it brought stays.
        let ask = admin
            .get(&format!("/admin/mailboxes/{id}/delete"))
            .await
            .expect(200);
        assert!(ask.body.contains("Support inbox"), "{}", ask.body);
        admin
            .post(&format!("/admin/mailboxes/{id}/delete"), &[])
            .await
            .expect(303);
        srv.get(&srv.admin.token, &format!("/api/v1/mailboxes/{id}"))
            .await
            .expect(404);
    }
    both(case).await;
}
