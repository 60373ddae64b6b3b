//! Inbound mail as people meet it: the agent's ticket page says who sent a message and why it
//! landed there (in the agent's language) and links the original, which only those who read
//! the ticket's internal side may download; administrators list the quarantine over the API
//! and put a message back in line once its cause is gone.

use escalade_app::inbound_mail::{InboundSettings, SETTINGS_KEY};
use escalade_store::mail_inbound::Arrival;
use serde_json::json;

use crate::support::{TestServer, both};
use crate::ui_ticket::{PASSWORD, path};

const FIRST: &[u8] = include_bytes!("../../../escalade-mail/tests/corpus/utf8_plain.eml");
const NO_SENDER: &[u8] =
    include_bytes!("../../../escalade-mail/tests/corpus/unreadable_no_sender.eml");

/// Stores and processes one message as the mail gateway does; returns its id and ticket.
async fn deliver(srv: &TestServer, raw: &[u8]) -> (i64, Option<String>, String) {
    let arrival = Arrival {
        source: "mailgate".into(),
        mailbox: None,
    };
    let id = srv
        .app
        .receive_mail(arrival, raw.to_vec())
        .await
        .expect("stored");
    let p = srv.app.process_mail(id).await.expect("processed");
    (id, p.ticket, p.state.to_string())
}

fn from_ann(n: u32) -> Vec<u8> {
    format!(
        "From: Ann Lee <ann.lee@example.org>\r\nTo: support@desk.example.com\r\nSubject: \
         Scanner {n} is offline\r\nMessage-ID: <scanner-{n}@mail.example.org>\r\n\r\nThe scanner \
         number {n} does not answer.\r\n"
    )
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_see_why_a_message_landed_and_may_fetch_the_original() {
    async fn case(srv: &TestServer) {
        let (id, number, state) = deliver(srv, FIRST).await;
        assert_eq!(state, "done");
        let number = number.expect("a ticket");
        let agent = srv
            .user_with("agnes", "agent", &[("agent", "all")], None, Some(PASSWORD))
            .await;
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/users/{}", agent.id),
            json!({"language": "fr"}),
        )
        .await
        .expect(200);
        let web = srv.web_login("agnes", PASSWORD).await;
        let page = web.get(&path(&number)).await.expect(200);
        assert!(
            page.body.contains("Reçu par e-mail de ann.lee@example.org"),
            "{}",
            page.body
        );
        assert!(
            page.body
                .contains("Pourquoi ici : une nouvelle conversation, donc un nouveau ticket."),
            "{}",
            page.body
        );
        let link = format!("/mail/{id}/raw");
        assert!(page.body.contains(&link), "{}", page.body);
        let raw = web.get(&link).await.expect(200);
        assert!(
            raw.body
                .contains("Message-ID: <CAF=new-1@mail.example.org>")
        );

        // Over the API too; the requester herself (no internal side) and a stranger get 404.
        let r = srv
            .get(&agent.token, &format!("/api/v1/mail/inbound/{id}/raw"))
            .await;
        assert_eq!(r.status, 200);
        let ann = srv
            .get(&srv.admin.token, "/api/v1/users?q=ann.lee")
            .await
            .expect(200);
        let ann_id = ann.json["items"][0]["id"]
            .as_i64()
            .expect("Ann was created");
        let ann_token = srv
            .post(
                &srv.admin.token,
                "/api/v1/tokens",
                json!({"user_id": ann_id, "name": "ann"}),
            )
            .await
            .expect(201);
        let ann_token = ann_token.json["token"].as_str().expect("token").to_string();
        let r = srv
            .get(&ann_token, &format!("/api/v1/mail/inbound/{id}/raw"))
            .await;
        assert_eq!(r.status, 404, "{}", r.json);
        let r = srv.get(&ann_token, "/api/v1/mail/inbound/999999/raw").await;
        assert_eq!(r.status, 404);
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quarantine_is_listed_and_worked_through() {
    async fn case(srv: &TestServer) {
        // One message a sender per hour; the second waits in quarantine.
        let now = srv.app.clock.now();
        let limited = InboundSettings {
            per_sender_per_hour: 1,
            ..InboundSettings::default()
        };
        srv.app
            .store
            .write(move |c| {
                Box::pin(async move {
                    escalade_store::settings::put(c, SETTINGS_KEY, &limited, now).await
                })
            })
            .await
            .expect("settings");
        let (_, first, state) = deliver(srv, &from_ann(1)).await;
        assert_eq!(state, "done");
        assert!(first.is_some());
        let (held, _, state) = deliver(srv, &from_ann(2)).await;
        assert_eq!(state, "quarantined");
        let (unreadable, _, state) = deliver(srv, NO_SENDER).await;
        assert_eq!(state, "quarantined");

        let list = srv
            .get(&srv.admin.token, "/api/v1/mail/inbound?state=quarantined")
            .await
            .expect(200);
        assert_eq!(list.json["total"], 2, "{}", list.json);
        let items = list.json["items"].as_array().expect("items");
        assert_eq!(items[0]["id"], unreadable);
        assert!(
            items[0]["error"]
                .as_str()
                .unwrap_or_default()
                .contains("no_sender")
        );
        assert_eq!(items[1]["id"], held);
        assert_eq!(items[1]["sender"], "ann.lee@example.org");
        assert!(
            items[1]["error"]
                .as_str()
                .unwrap_or_default()
                .contains("in the last hour"),
            "{}",
            items[1]
        );
        let bad = srv
            .get(&srv.admin.token, "/api/v1/mail/inbound?state=lost")
            .await;
        assert_eq!(bad.status, 422);
        let agent = srv.agent("alf").await;
        let refused = srv.get(&agent.token, "/api/v1/mail/inbound").await;
        assert_eq!(refused.status, 403);
        let refused = srv
            .post(
                &agent.token,
                &format!("/api/v1/mail/inbound/{held}/reprocess"),
                json!({}),
            )
            .await;
        assert_eq!(refused.status, 403);

        // The cause gone (a higher limit), the held message goes through; the unreadable
        // one stays where it is, with its reason.
        let now = srv.app.clock.now();
        srv.app
            .store
            .write(move |c| {
                Box::pin(async move {
                    escalade_store::settings::put(c, SETTINGS_KEY, &InboundSettings::default(), now)
                        .await
                })
            })
            .await
            .expect("settings");
        let r = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mail/inbound/{held}/reprocess"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(r.json["state"], "done", "{}", r.json);
        assert!(
            r.json["ticket"]
                .as_str()
                .is_some_and(|t| t.starts_with("INC-"))
        );
        let r = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mail/inbound/{unreadable}/reprocess"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(r.json["state"], "quarantined");
        let again = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mail/inbound/{held}/reprocess"),
                json!({}),
            )
            .await;
        assert_eq!(
            again.status, 422,
            "only quarantined messages go back in line"
        );
        let list = srv
            .get(&srv.admin.token, "/api/v1/mail/inbound?state=quarantined")
            .await
            .expect(200);
        assert_eq!(list.json["total"], 1);
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quarantine_page_shows_why_and_processes_again() {
    async fn case(srv: &TestServer) {
        let (unreadable, _, _) = deliver(srv, NO_SENDER).await;
        let (_, number, _) = deliver(srv, FIRST).await;
        let number = number.expect("a ticket");
        let admin = srv.web_login("admin", crate::support::ADMIN_PASSWORD).await;
        let index = admin.get("/admin").await.expect(200);
        assert!(index.body.contains("href=\"/admin/mail/inbound\""));
        let page = admin.get("/admin/mail/inbound").await.expect(200);
        assert!(page.body.contains("Quarantined (1)"), "{}", page.body);
        assert!(page.body.contains("Done (1)"), "{}", page.body);
        let why = crate::ui_ticket::element(&page, &format!("mail-in-{unreadable}-why"));
        assert!(why.contains("no_sender"), "{why}");
        assert!(page.body.contains(&format!("/mail/{unreadable}/raw")));

        // The done tab says why in words and leads to the ticket.
        let done = admin
            .get("/admin/mail/inbound?state=done")
            .await
            .expect(200);
        assert!(
            done.body
                .contains("Why here: a new conversation, so a new ticket."),
            "{}",
            done.body
        );
        let ticket_id: i64 = number[4..].parse().expect("number");
        let to_ticket = admin
            .get(&format!("/admin/mail/inbound/ticket/{ticket_id}"))
            .await;
        assert_eq!(
            to_ticket.location.as_deref(),
            Some(format!("/agent/tickets/{number}").as_str())
        );

        // Processing again without the form token changes nothing; with it, the message is
        // read again (and, still unreadable, stays in quarantine, saying so).
        let forged = admin
            .post_raw(
                &format!("/admin/mail/inbound/{unreadable}/reprocess"),
                &[("csrf", "forged")],
            )
            .await;
        assert_eq!(forged.status, 403);
        let again = admin
            .post(&format!("/admin/mail/inbound/{unreadable}/reprocess"), &[])
            .await;
        assert_eq!(again.status, 303, "{}", again.body);
        let back = admin
            .get(again.location.as_deref().expect("a redirect"))
            .await
            .expect(200);
        assert!(back.body.contains("quarantined again"), "{}", back.body);

        // The administration does not exist for agents; their own ticket page still shows
        // the message's facts.
        srv.user_with("agathe", "agent", &[("agent", "all")], None, Some(PASSWORD))
            .await;
        let web = srv.web_login("agathe", PASSWORD).await;
        assert_eq!(web.get("/admin/mail/inbound").await.status, 404);
        let refused = web
            .post(&format!("/admin/mail/inbound/{unreadable}/reprocess"), &[])
            .await;
        assert_eq!(refused.status, 404);
    }
    both(case).await;
}

/// A burst waiting together (the worker after an outage): a colleague's answer to Ann's
/// message, stored in the same burst, still lands on the ticket Ann's message opens (its
/// conversation is processed in arrival order), while an unrelated message opens its own.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_burst_keeps_each_conversation_in_order() {
    async fn case(srv: &TestServer) {
        let store = |raw: Vec<u8>| async move {
            let arrival = Arrival {
                source: "mailgate".into(),
                mailbox: None,
            };
            srv.app.receive_mail(arrival, raw).await.expect("stored")
        };
        let first = store(from_ann(7)).await;
        let answer = store(
            b"From: Bob Stone <bob.stone@example.org>\r\nTo: support@desk.example.com\r\n\
              Subject: Re: Scanner 7 is offline\r\nMessage-ID: <bob-1@mail.example.org>\r\n\
              In-Reply-To: <scanner-7@mail.example.org>\r\n\r\nSame here on floor 3.\r\n"
                .to_vec(),
        )
        .await;
        let other = store(
            b"From: Carl Dunn <carl.dunn@example.org>\r\nTo: support@desk.example.com\r\n\
              Subject: Badge does not open the door\r\nMessage-ID: <carl-1@mail.example.org>\r\n\
              \r\nMy badge stopped working.\r\n"
                .to_vec(),
        )
        .await;
        let done = srv.app.process_waiting_mail(100).await.expect("processed");
        let ids: Vec<i64> = done.iter().map(|p| p.inbound_id).collect();
        assert_eq!(ids, vec![first, answer, other], "results in arrival order");
        assert!(done.iter().all(|p| p.state == "done"), "{done:?}");
        assert_eq!(done[0].reason, "new_conversation");
        assert_eq!(done[1].ticket_id, done[0].ticket_id, "{done:?}");
        assert_ne!(done[2].ticket_id, done[0].ticket_id);
        assert!(
            srv.app
                .process_waiting_mail(100)
                .await
                .expect("again")
                .is_empty()
        );
    }
    both(case).await;
}
