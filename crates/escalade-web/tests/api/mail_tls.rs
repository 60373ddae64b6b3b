//! Mail over TLS against real servers presenting certificates the test made (`test_ca`): the
//! desk trusts the test's authority through its extra-CA setting (`mail_ca_file`), with
//! certificate checks on. IMAP polling over implicit TLS and over STARTTLS turns mail into
//! tickets; a server whose certificate another authority signed marks the mailbox failing
//! with the reason, and nothing is read. The outbox sends over STARTTLS and over implicit TLS
//! (SMTPS); a server whose certificate is not trusted fails the attempt, retried later and
//! visible, and no mail goes out in clear.

use escalade_app::AppConfig;
use escalade_store::mail_inbound::Arrival;
use serde_json::{Value, json};

use crate::imap_server::{ImapServer, LOGIN, PASSWORD};
use crate::mail_imap::poll;
use crate::mail_out::round;
use crate::smtp_sink::SmtpSink;
use crate::support::{TestServer, both_with};
use crate::test_ca::TestCa;

fn message(n: u32, subject: &str) -> Vec<u8> {
    format!(
        "From: Bea Moreau <bea.moreau@example.org>\r\nTo: support@desk.example.com\r\n\
         Subject: {subject}\r\nMessage-ID: <tls-{n}@mail.example.org>\r\n\
         Date: Tue, 1 Dec 2026 09:00:00 +0000\r\n\r\n{subject}: please help.\r\n"
    )
    .into_bytes()
}

fn trusting(ca: &TestCa) -> AppConfig {
    AppConfig {
        mail_ca_file: Some(ca.ca()),
        ..AppConfig::default()
    }
}

async fn mailbox(srv: &TestServer, name: &str, port: u16, security: &str) -> i64 {
    let r = srv
        .post(
            &srv.admin.token,
            "/api/v1/mailboxes",
            json!({"name": name, "host": "127.0.0.1", "port": port, "security": security,
                   "login": LOGIN, "password": PASSWORD}),
        )
        .await
        .expect(201);
    r.json["id"].as_i64().expect("mailbox id")
}

async fn subject_of(srv: &TestServer, p: &Value) -> String {
    let number = p["tickets"][0].as_str().expect("a ticket");
    let t = srv
        .get(&srv.admin.token, &format!("/api/v1/tickets/{number}"))
        .await
        .expect(200);
    t.json["subject"].as_str().unwrap_or_default().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imap_over_tls_and_starttls_trusts_the_configured_authority_only() {
    let ca = TestCa::new("Desk");
    let stranger = TestCa::new("Stranger");
    both_with(trusting(&ca), async |srv: &TestServer| {
        let imap = ImapServer::start_tls(&ca).await;
        let tls_port = imap.tls_port.expect("an IMAPS port");
        let tls = mailbox(srv, "Over TLS", tls_port, "tls").await;
        imap.deliver(&message(1, "Laptop will not boot"));
        let p = poll(srv, tls).await;
        assert_eq!(p["state"], "ok", "{p}");
        assert_eq!(p["taken"], 1, "{p}");
        assert_eq!(subject_of(srv, &p).await, "Laptop will not boot");

        let starttls = mailbox(srv, "Over STARTTLS", imap.port, "starttls").await;
        let t = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mailboxes/{starttls}/test"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(t.json["ok"], true, "{}", t.json);
        // The second mailbox reads the same folder from its start: the first message is
        // taken again and recognised as delivered twice; the new one opens a ticket.
        imap.deliver(&message(2, "Badge reader at the door is dead"));
        let p = poll(srv, starttls).await;
        assert_eq!(p["state"], "ok", "{p}");
        assert_eq!(p["taken"], 2, "{p}");
        let opened: Vec<&str> = p["tickets"]
            .as_array()
            .expect("tickets")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(opened.len(), 1, "{p}");
        let t = srv
            .get(&srv.admin.token, &format!("/api/v1/tickets/{}", opened[0]))
            .await
            .expect(200);
        assert_eq!(t.json["subject"], "Badge reader at the door is dead");

        // A server whose certificate another authority signed: failing, with the reason.
        let other = ImapServer::start_tls(&stranger).await;
        other.deliver(&message(3, "Should not be read"));
        for (port, security) in [
            (other.tls_port.expect("IMAPS"), "tls"),
            (other.port, "starttls"),
        ] {
            let id = mailbox(srv, &format!("Untrusted {security}"), port, security).await;
            let p = poll(srv, id).await;
            assert_eq!(p["state"], "failing", "{p}");
            assert_eq!(p["taken"], 0);
            let m = srv
                .get(&srv.admin.token, &format!("/api/v1/mailboxes/{id}"))
                .await
                .expect(200);
            let err = m.json["last_error"].as_str().unwrap_or_default();
            assert!(err.contains("TLS handshake"), "{err}");
            assert!(err.to_lowercase().contains("certificate"), "{err}");
        }
    })
    .await;
}

async fn smtp_over(srv: &TestServer, security: &str, port: u16) {
    srv.call(
        reqwest::Method::PUT,
        &srv.admin.token,
        "/api/v1/settings/mail",
        Some(json!({
            "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": security,
            "from_name": "Service Desk", "from_address": "help@desk.test",
            "desk_domain": "desk.test", "portal_url": "https://help.desk.test/",
        })),
    )
    .await
    .expect(200);
}

/// A new conversation by mail: its acknowledgement waits in the outbox.
async fn new_mail(srv: &TestServer, n: u32, subject: &str) {
    let arrival = Arrival {
        source: "mailgate".into(),
        mailbox: None,
    };
    let id = srv
        .app
        .receive_mail(arrival, message(n, subject))
        .await
        .expect("stored");
    let p = srv.app.process_mail(id).await.expect("processed");
    assert_eq!(p.state, "done", "{p:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_sends_over_starttls_and_tls_and_never_in_clear_to_an_untrusted_server() {
    let ca = TestCa::new("Desk");
    let stranger = TestCa::new("Stranger");
    both_with(trusting(&ca), async |srv: &TestServer| {
        let sink = SmtpSink::start_starttls(&ca);
        smtp_over(srv, "starttls", sink.port).await;
        new_mail(srv, 10, "Printer out of toner").await;
        let r = round(srv).await;
        assert_eq!((r.sent, r.failed), (1, 0), "{r:?}");
        let got = sink.received();
        assert_eq!(got.len(), 1);
        assert!(got[0].tls, "the message came over TLS");
        assert_eq!(got[0].rcpt, ["bea.moreau@example.org"]);

        // Another server, whose certificate the desk does not trust: the attempt fails and
        // is retried later, the error says why, and that server receives nothing.
        // Implicit TLS (SMTPS) too.
        let smtps = SmtpSink::start_tls(&ca);
        smtp_over(srv, "tls", smtps.port).await;
        new_mail(srv, 12, "Scanner jams on duplex").await;
        let r = round(srv).await;
        assert_eq!((r.sent, r.failed), (1, 0), "{r:?}");
        let got = smtps.received();
        assert_eq!(got.len(), 1);
        assert!(got[0].tls, "the message came over TLS");

        let untrusted = SmtpSink::start_starttls(&stranger);
        smtp_over(srv, "starttls", untrusted.port).await;
        new_mail(srv, 11, "Projector in room 4 flickers").await;
        let r = round(srv).await;
        assert_eq!((r.sent, r.failed), (0, 1), "{r:?}");
        assert!(untrusted.received().is_empty());
        let pending = srv
            .get(&srv.admin.token, "/api/v1/mail/outbox?state=pending")
            .await
            .expect(200);
        let items = pending.json["items"].as_array().expect("items");
        assert_eq!(items.len(), 1, "{}", pending.json);
        let err = items[0]["last_error"].as_str().unwrap_or_default();
        assert!(err.to_lowercase().contains("certificate"), "{err}");
        assert_eq!(items[0]["attempts"], 1, "{}", items[0]);
        let failed = srv
            .get(&srv.admin.token, "/api/v1/mail/outbox?state=failed")
            .await
            .expect(200);
        assert_eq!(failed.json["items"].as_array().map(Vec::len), Some(0));
    })
    .await;
}
