//! Outbound mail end to end: tickets changed over HTTP, the outbox delivered by the mail
//! sender through a real SMTP server (aiosmtpd, see `smtp_sink`), and the messages read back
//! from what the server received: recipients, language, subject tag, threading headers. Also
//! the settings' API (write-only password, validation, permissions), the test message, and a
//! failing server whose mail waits, visible, until it is retried.

use escalade_app::mail::{MailRound, MailSender, SenderOptions};
use mail_parser::{HeaderValue, MessageParser};
use serde_json::{Value, json};

use crate::smtp_sink::{Received, SmtpSink, free_port};
use crate::support::{TestServer, TestUser, both, num};

/// Someone with an address and a language.
async fn person(
    srv: &TestServer,
    login: &str,
    kind: &str,
    role: &str,
    email: &str,
    language: &str,
) -> TestUser {
    let r = srv
        .post(
            &srv.admin.token,
            "/api/v1/users",
            json!({"login": login, "display_name": format!("{login} Test"), "kind": kind,
                   "email": email, "language": language,
                   "roles": [{"role": role, "scope": if kind == "agent" { "all" } else { "own" }}]}),
        )
        .await
        .expect(201);
    let id = r.json["id"].as_i64().expect("id");
    let t = srv
        .post(
            &srv.admin.token,
            "/api/v1/tokens",
            json!({"name": "tests", "user_id": id}),
        )
        .await
        .expect(201);
    TestUser {
        id,
        login: login.into(),
        token: t.json["token"].as_str().expect("token").into(),
    }
}

pub(crate) async fn configure(srv: &TestServer, port: u16) -> Value {
    srv.call(
        reqwest::Method::PUT,
        &srv.admin.token,
        "/api/v1/settings/mail",
        Some(json!({
            "smtp_host": "127.0.0.1", "smtp_port": port, "smtp_security": "none",
            "from_name": "Service Desk", "from_address": "help@desk.test",
            "desk_domain": "desk.test", "portal_url": "https://help.desk.test/",
        })),
    )
    .await
    .expect(200)
    .json
}

/// One round of the mail sender, as `serve` runs it every few seconds.
pub(crate) async fn round(srv: &TestServer) -> MailRound {
    MailSender::new(srv.app.clone(), SenderOptions::default())
        .run_once()
        .await
        .expect("mail round")
}

pub(crate) struct Mail {
    pub(crate) rcpt: Vec<String>,
    pub(crate) subject: String,
    pub(crate) message_id: String,
    pub(crate) in_reply_to: Vec<String>,
    pub(crate) references: Vec<String>,
    pub(crate) text: String,
    pub(crate) html: String,
    pub(crate) headers: String,
}

fn ids(v: &HeaderValue<'_>) -> Vec<String> {
    match v {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn read(r: &Received) -> Mail {
    let m = MessageParser::default().parse(&r.raw).expect("a message");
    let raw = String::from_utf8_lossy(&r.raw);
    Mail {
        rcpt: r.rcpt.clone(),
        subject: m.subject().unwrap_or_default().into(),
        message_id: m.message_id().unwrap_or_default().into(),
        in_reply_to: ids(m.in_reply_to()),
        references: ids(m.references()),
        text: m.body_text(0).map(|t| t.to_string()).unwrap_or_default(),
        html: m.body_html(0).map(|t| t.to_string()).unwrap_or_default(),
        headers: raw[..raw.find("\r\n\r\n").expect("headers")].to_string(),
    }
}

async fn outbox(srv: &TestServer, query: &str) -> Value {
    srv.get(&srv.admin.token, &format!("/api/v1/mail/outbox{query}"))
        .await
        .expect(200)
        .json
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_public_reply_reaches_the_requester_in_french_threaded_and_notes_stay_inside() {
    both(async |srv| {
        let sink = SmtpSink::start();
        configure(srv, sink.port).await;
        let marie = person(
            srv,
            "marie",
            "requester",
            "requester",
            "marie@example.org",
            "fr",
        )
        .await;
        let lena = person(srv, "lena", "agent", "agent", "lena@desk.test", "en").await;

        let n = srv.open_simple(&marie, "Imprimante bloquée").await;
        let r = round(srv).await;
        assert_eq!((r.sent, r.failed), (1, 0), "{}: {r:?}", srv.backend);
        let got = sink.received();
        assert_eq!(got.len(), 1);
        let ack = read(&got[0]);
        assert_eq!(ack.rcpt, vec!["marie@example.org"]);
        assert_eq!(
            ack.subject,
            format!("[{n}] Demande reçue : Imprimante bloquée")
        );
        assert!(
            ack.text.contains(&format!("sous le numéro {n}")),
            "{}",
            ack.text
        );
        assert!(ack.headers.contains("Auto-Submitted: auto-replied"));
        assert!(
            ack.in_reply_to.is_empty(),
            "the first message starts the thread"
        );

        // An internal note sends nothing, not even to watchers or the requester.
        srv.comment(&lena, &n, "internal", "Le pilote est ancien.")
            .await
            .expect(201);
        assert_eq!(round(srv).await, MailRound::default());
        assert_eq!(sink.received().len(), 1);
        assert_eq!(outbox(srv, "").await["total"], 1);

        srv.comment(
            &lena,
            &n,
            "public",
            "Redémarrez l'imprimante <s'il vous plaît>.",
        )
        .await
        .expect(201);
        assert_eq!(round(srv).await.sent, 1);
        let got = sink.received();
        assert_eq!(got.len(), 2, "the author (lena) gets no copy");
        let reply = read(&got[1]);
        assert_eq!(reply.rcpt, vec!["marie@example.org"]);
        assert_eq!(reply.subject, format!("[{n}] Re : Imprimante bloquée"));
        assert!(
            reply.message_id.ends_with("@desk.test"),
            "{}",
            reply.message_id
        );
        assert_ne!(reply.message_id, ack.message_id);
        assert_eq!(reply.in_reply_to, vec![ack.message_id.clone()]);
        assert_eq!(reply.references, vec![ack.message_id.clone()]);
        assert!(
            reply
                .text
                .contains(&format!("lena Test a écrit sur la demande {n}")),
            "{}",
            reply.text
        );
        assert!(
            reply
                .text
                .contains("Redémarrez l'imprimante <s'il vous plaît>.")
        );
        assert!(!reply.html.contains("<s'il"), "escaped in HTML");
        assert!(reply.html.contains("lang=\"fr\""));
        assert!(
            reply
                .text
                .contains(&format!("https://help.desk.test/portal/tickets/{n}"))
        );
        assert!(reply.headers.contains("X-Escalade-Loop: desk.test"));
        assert!(
            !reply.headers.contains("Auto-Submitted"),
            "a person wrote it"
        );

        // The outbox shows both as sent, with their Message-IDs; the inbound side finds the
        // ticket from the reply's id.
        let sent = outbox(srv, "?state=sent").await;
        assert_eq!(sent["total"], 2);
        assert_eq!(sent["items"][0]["ticket"], n.as_str());
        assert_eq!(sent["items"][0]["event"], "public_reply");
        assert_eq!(
            sent["items"][0]["message_id"],
            format!("<{}>", reply.message_id)
        );
        assert_eq!(
            sent["counts"],
            json!({"pending": 0, "sent": 2, "failed": 0})
        );
        let found = srv
            .app
            .ticket_of_message_id(&[format!("<{}>", reply.message_id)])
            .await
            .expect("lookup");
        assert_eq!(found.map(|t| t.0), n[4..].parse::<i64>().ok());

        // A second reply answers the last message of the thread and keeps its root.
        srv.comment(&lena, &n, "public", "Est-ce réglé ?")
            .await
            .expect(201);
        round(srv).await;
        let third = read(&sink.received()[2]);
        assert_eq!(third.in_reply_to, vec![reply.message_id.clone()]);
        assert_eq!(
            third.references,
            vec![ack.message_id.clone(), reply.message_id.clone()]
        );

        // The outbox is the administrators'.
        srv.get(&marie.token, "/api/v1/mail/outbox")
            .await
            .expect(403);
        srv.get(&lena.token, "/api/v1/settings/mail")
            .await
            .expect(403);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_server_keeps_mail_pending_with_its_error_until_retried() {
    both(async |srv| {
        // Nobody listens on this port: the connection is refused.
        configure(srv, free_port()).await;
        let anna = person(
            srv,
            "anna",
            "requester",
            "requester",
            "anna@example.org",
            "en",
        )
        .await;
        let n = srv.open_simple(&anna, "VPN down").await;
        let r = round(srv).await;
        assert_eq!((r.sent, r.failed), (0, 1), "{}", srv.backend);
        let pending = outbox(srv, "?state=pending").await;
        assert_eq!(pending["total"], 1, "{pending}");
        let m = &pending["items"][0];
        assert_eq!(m["state"], "pending");
        assert_eq!(m["attempts"], 1);
        assert_eq!(m["ticket"], n.as_str());
        assert!(
            m["last_error"].as_str().is_some_and(|e| !e.is_empty()),
            "the error is visible: {m}"
        );
        assert!(m["next_attempt_at"].is_string());
        // Not due again at once: the back-off waits.
        assert_eq!(round(srv).await, MailRound::default());

        let sink = SmtpSink::start();
        configure(srv, sink.port).await;
        let id = m["id"].as_i64().expect("id");
        let retried = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mail/outbox/{id}/retry"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(retried.json["state"], "pending");
        assert_eq!(round(srv).await.sent, 1);
        let got = sink.received();
        assert_eq!(got.len(), 1);
        let mail = read(&got[0]);
        assert_eq!(mail.subject, format!("[{n}] Request received: VPN down"));
        let after = srv
            .get(&srv.admin.token, &format!("/api/v1/mail/outbox/{id}"))
            .await
            .expect(200);
        assert_eq!(after.json["state"], "sent");
        assert_eq!(after.json["attempts"], 1);
        assert!(after.json["sent_at"].is_string());
        // Sent once: a retry now is refused, and nothing more goes out.
        srv.post(
            &srv.admin.token,
            &format!("/api/v1/mail/outbox/{id}/retry"),
            json!({}),
        )
        .await
        .expect(409);
        srv.post(
            &srv.admin.token,
            "/api/v1/mail/outbox/99999/retry",
            json!({}),
        )
        .await
        .expect(404);
        assert_eq!(round(srv).await, MailRound::default());
        assert_eq!(sink.received().len(), 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_settings_mail_waits_in_the_outbox() {
    both(async |srv| {
        let anna = person(
            srv,
            "anna",
            "requester",
            "requester",
            "anna@example.org",
            "ru",
        )
        .await;
        let nobody = person(srv, "olga", "requester", "requester", "", "ru").await;
        srv.open_simple(&anna, "Принтер").await;
        srv.open_simple(&nobody, "No address").await;
        let r = round(srv).await;
        assert!(r.waiting_for_settings);
        assert_eq!((r.sent, r.failed), (0, 0));
        let page = outbox(srv, "?state=pending").await;
        assert_eq!(
            page["total"], 1,
            "only the requester with an address: {page}"
        );
        assert_eq!(page["items"][0]["recipients"], json!(["anna@example.org"]));
        srv.get(&srv.admin.token, "/api/v1/mail/outbox?state=lost")
            .await
            .expect(400);
        srv.get(&srv.admin.token, "/api/v1/mail/outbox?per_page=0")
            .await
            .expect(400);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_keep_the_password_to_themselves_and_refuse_bad_input() {
    both(async |srv| {
        let put = |body: Value| async move {
            srv.call(
                reqwest::Method::PUT,
                &srv.admin.token,
                "/api/v1/settings/mail",
                Some(body),
            )
            .await
        };
        let before = srv
            .get(&srv.admin.token, "/api/v1/settings/mail")
            .await
            .expect(200);
        assert_eq!(before.json["smtp_password"], "not set");
        assert_eq!(before.json["smtp_configured"], false);
        let saved = put(json!({"smtp_host": "smtp.example.org", "smtp_port": 465,
            "smtp_security": "tls", "smtp_user": "desk", "smtp_password": "s3cret-pw",
            "from_address": "help@example.org"}))
        .await
        .expect(200);
        assert_eq!(saved.json["smtp_password"], "set");
        assert!(!String::from_utf8_lossy(&saved.bytes).contains("s3cret-pw"));
        // Absent keeps it; the audit log does not hold it either.
        let kept = put(json!({"smtp_host": "smtp.example.org", "smtp_port": 465,
            "smtp_security": "tls", "smtp_user": "desk"}))
        .await
        .expect(200);
        assert_eq!(kept.json["smtp_password"], "set");
        let audit = srv.get(&srv.admin.token, "/api/v1/audit").await.expect(200);
        assert!(!String::from_utf8_lossy(&audit.bytes).contains("s3cret-pw"));
        assert!(String::from_utf8_lossy(&audit.bytes).contains("settings.mail"));

        for (body, field) in [
            (json!({"smtp_host": "a b", "smtp_port": 25}), "smtp_host"),
            (json!({"smtp_host": "x", "smtp_port": 0}), "smtp_port"),
            (json!({"smtp_host": "x", "smtp_port": 70000}), "smtp_port"),
            (
                json!({"smtp_host": "x", "smtp_security": "ssl3"}),
                "smtp_security",
            ),
            (json!({"from_address": "not-an-address"}), "from_address"),
            (json!({"portal_url": "ftp://x"}), "portal_url"),
            (json!({"desk_domain": "no spaces allowed"}), "desk_domain"),
            (json!({"subject_tag": "<b>"}), "subject_tag"),
        ] {
            let r = put(body.clone()).await.expect(422);
            assert_eq!(r.json["error"]["field"], field, "{body}");
        }
        put(json!({"smtp_hots": "x"})).await.expect(422);
        let after = srv
            .get(&srv.admin.token, "/api/v1/settings/mail")
            .await
            .expect(200);
        assert_eq!(after.json, kept.json, "refused input changed nothing");
        // Empty clears it.
        let cleared = put(json!({"smtp_host": "smtp.example.org", "smtp_password": ""}))
            .await
            .expect(200);
        assert_eq!(cleared.json["smtp_password"], "not set");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn test_message_says_what_the_server_answered() {
    both(async |srv| {
        srv.post(
            &srv.admin.token,
            "/api/v1/mail/test",
            json!({"to": "x@example.org"}),
        )
        .await
        .expect(422);
        configure(srv, free_port()).await;
        let failed = srv
            .post(
                &srv.admin.token,
                "/api/v1/mail/test",
                json!({"to": "ops@example.org"}),
            )
            .await
            .expect(200);
        assert_eq!(failed.json["sent"], false);
        assert!(failed.json["error"].as_str().is_some_and(|e| !e.is_empty()));
        let sink = SmtpSink::start();
        configure(srv, sink.port).await;
        let ok = srv
            .post(
                &srv.admin.token,
                "/api/v1/mail/test",
                json!({"to": "ops@example.org"}),
            )
            .await
            .expect(200);
        assert_eq!(
            ok.json,
            json!({"sent": true, "to": "ops@example.org", "error": null})
        );
        let got = sink.received();
        assert_eq!(got.len(), 1);
        let m = read(&got[0]);
        assert_eq!(m.rcpt, vec!["ops@example.org"]);
        assert_eq!(m.subject, "Escalade test message");
        // Not through the outbox.
        assert_eq!(outbox(srv, "").await["total"], 0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resolution_escalation_and_rule_replies_go_to_the_right_people() {
    both(async |srv| {
        let sink = SmtpSink::start();
        configure(srv, sink.port).await;
        let marie = person(srv, "marie", "requester", "requester", "marie@example.org", "fr").await;
        let lena = person(srv, "lena", "agent", "agent", "lena@desk.test", "en").await;
        let ivan = person(srv, "ivan", "agent", "agent", "ivan@desk.test", "ru").await;
        let off = person(srv, "off", "agent", "agent", "off@desk.test", "en").await;
        let l2 = srv.group("Réseau", 2, false).await;
        srv.join(l2, &ivan).await;
        srv.join(l2, &off).await;
        srv.patch(&srv.admin.token, &format!("/api/v1/users/{}", off.id), json!({"active": false}))
            .await
            .expect(200);
        srv.post(
            &srv.admin.token,
            "/api/v1/rules",
            json!({"name": "Ack", "event": "created", "active": true,
                   "actions": [{"send_auto_reply": {"template": "ack_network", "text": "L'équipe réseau a votre demande."}}]}),
        )
        .await
        .expect(201);
        let n = num(&srv.open(&marie, json!({"subject": "Wi-Fi"})).await);
        let r = round(srv).await;
        assert_eq!(r.replies_queued, 1, "{r:?}");
        assert_eq!(r.sent, 2, "acknowledgement and the rule's reply: {r:?}");
        let auto = read(&sink.received()[1]);
        assert_eq!(auto.rcpt, vec!["marie@example.org"]);
        assert!(auto.text.contains("L'équipe réseau a votre demande."));
        assert!(auto.headers.contains("Auto-Submitted: auto-replied"));

        srv.post(
            &lena.token,
            &format!("/api/v1/tickets/{n}/escalations"),
            json!({"group_id": l2, "summary": "Borne redémarrée, toujours en panne."}),
        )
        .await
        .expect(201);
        round(srv).await;
        let got = sink.received();
        let new: Vec<Mail> = got[2..].iter().map(read).collect();
        let to_ivan: Vec<&Mail> = new.iter().filter(|m| m.rcpt == ["ivan@desk.test"]).collect();
        assert_eq!(to_ivan.len(), 1, "the active member of the receiving group");
        assert!(to_ivan[0].subject.contains("Эскалирована в Réseau"), "{}", to_ivan[0].subject);
        assert!(to_ivan[0].text.contains("Borne redémarrée"));
        assert!(to_ivan[0].text.contains(&format!("https://help.desk.test/agent/tickets/{n}")));
        assert!(new.iter().all(|m| m.rcpt != ["off@desk.test"]), "disabled users get nothing");
        let to_marie: Vec<&Mail> = new.iter().filter(|m| m.rcpt == ["marie@example.org"]).collect();
        assert_eq!(to_marie.len(), 1, "the requester hears of the status change");
        assert!(to_marie[0].text.contains("« Escaladé »"), "{}", to_marie[0].text);

        srv.post(&ivan.token, &format!("/api/v1/tickets/{n}/take"), json!({}))
            .await
            .expect(200);
        srv.change(&ivan, &n, json!({"status": "resolved"})).await;
        round(srv).await;
        let last = read(sink.received().last().expect("a message"));
        assert_eq!(last.rcpt, vec!["marie@example.org"]);
        assert_eq!(last.subject, format!("[{n}] Résolue : Wi-Fi"));
        let page = format!("https://help.desk.test/portal/tickets/{n}");
        assert!(last.text.contains(&format!("Confirmer la résolution : {page}#confirm-form")) ||
                last.text.contains(&format!("Confirmer la résolution: {page}#confirm-form")), "{}", last.text);
        assert!(last.html.contains(&format!("{page}#reopen-form")));

        // The requester confirms: she is the author, nobody else follows the ticket.
        let before = sink.received().len();
        srv.change(&marie, &n, json!({"status": "closed"})).await;
        round(srv).await;
        assert_eq!(sink.received().len(), before);
    })
    .await;
}
