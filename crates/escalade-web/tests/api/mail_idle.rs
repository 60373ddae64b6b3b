//! IMAP IDLE against a real Dovecot: the background poller, with a polling interval of an
//! hour, takes a mailbox's mail at its first round, then keeps the connection waiting in
//! IDLE, holding the mailbox's lease; a message delivered while it waits becomes a ticket
//! without waiting for the interval. At shutdown the mailbox is given up, due at once. A
//! server that does not offer IDLE is polled and left, until the next interval.

use std::time::Duration;

use escalade_app::inbound_mail::imap::run_poller;
use escalade_store::mailboxes;
use serde_json::json;

use crate::imap_server::{ImapServer, PASSWORD};
use crate::mail_imap::add_mailbox;
use crate::support::{ADMIN_PASSWORD, TestServer, both};

fn message(n: u32, subject: &str) -> Vec<u8> {
    format!(
        "From: Bea Moreau <bea.moreau@example.org>\r\nTo: support@desk.example.com\r\n\
         Subject: {subject}\r\nMessage-ID: <idle-{n}@mail.example.org>\r\n\r\n{subject}.\r\n"
    )
    .into_bytes()
}

/// Tickets opened by mail so far.
async fn done(srv: &TestServer) -> i64 {
    srv.get(&srv.admin.token, "/api/v1/mail/inbound?state=done")
        .await
        .expect(200)
        .json["total"]
        .as_i64()
        .unwrap_or(0)
}

async fn row(srv: &TestServer, id: i64) -> mailboxes::MailboxRow {
    let mut c = srv.app.store.read().await.expect("read");
    mailboxes::get(&mut c, id)
        .await
        .expect("mailbox")
        .expect("exists")
}

/// Waits until `cond` holds; the guard only stops a test that would otherwise hang.
async fn until<F: AsyncFn() -> bool>(what: &str, cond: F) {
    for _ in 0..1200 {
        if cond().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("still not the case after two minutes: {what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_arriving_while_the_poller_idles_becomes_a_ticket_at_once() {
    both(async |srv: &TestServer| {
        let imap = ImapServer::start().await;
        let id = add_mailbox(srv, &imap, PASSWORD, None).await;
        imap.deliver(&message(1, "Keyboard missing keys"));

        let (stop, stopped) = tokio::sync::watch::channel(false);
        let poller = tokio::spawn(run_poller(
            srv.app.clone(),
            Duration::from_secs(3600),
            stopped,
        ));
        until("the first round took the waiting message", async || {
            done(srv).await == 1
        })
        .await;
        // Polled, ok, and still held by this node: it waits in IDLE.
        until("the mailbox is held while idling", async || {
            row(srv, id).await.leased_until.is_some()
        })
        .await;
        let m = row(srv, id).await;
        assert_eq!(m.state, "ok");
        assert!(m.next_poll_at > srv.app.clock.now() + chrono::Duration::minutes(30));
        // Administrators see it held, and connected on the list.
        let api = srv
            .get(&srv.admin.token, &format!("/api/v1/mailboxes/{id}"))
            .await
            .expect(200);
        assert!(api.json["held_until"].is_string(), "{}", api.json);
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let list = admin.get("/admin/mailboxes").await.expect(200);
        assert!(
            list.body
                .contains(&format!("id=\"mailbox-{id}-connected\"")),
            "{}",
            list.body
        );

        // Not due for an hour: only IDLE can bring this one in.
        imap.deliver(&message(2, "Second screen stays black"));
        until(
            "the message delivered while idling became a ticket",
            async || done(srv).await == 2,
        )
        .await;
        let list = srv
            .get(&srv.admin.token, "/api/v1/mail/inbound?state=done")
            .await
            .expect(200);
        assert_eq!(
            list.json["items"][0]["subject"],
            "Second screen stays black"
        );
        assert!(list.json["items"][0]["ticket_id"].is_i64(), "{}", list.json);
        assert_eq!(row(srv, id).await.last_uid, 2);
        // "Poll now" is refused while another task holds the mailbox.
        let busy = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mailboxes/{id}/poll"),
                json!({}),
            )
            .await;
        assert_eq!(busy.status, 409, "{}", busy.json);

        // Shutdown: the mailbox is given up, due at once for the next node or start.
        stop.send(true).expect("stop");
        poller.await.expect("the poller stops");
        let m = row(srv, id).await;
        assert_eq!(m.leased_until, None);
        assert!(m.next_poll_at <= srv.app.clock.now());
        let list = admin.get("/admin/mailboxes").await.expect(200);
        assert!(
            !list
                .body
                .contains(&format!("id=\"mailbox-{id}-connected\""))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_idle_is_polled_and_left_until_the_next_interval() {
    both(async |srv: &TestServer| {
        let imap = ImapServer::start_without_idle().await;
        let id = add_mailbox(srv, &imap, PASSWORD, None).await;
        imap.deliver(&message(1, "Mouse double-clicks"));
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let poller = tokio::spawn(run_poller(
            srv.app.clone(),
            Duration::from_secs(3600),
            stopped,
        ));
        until("the first round took the waiting message", async || {
            done(srv).await == 1
        })
        .await;
        // Polled and released: nobody holds it, it is due again in an hour.
        until("the mailbox is released after its poll", async || {
            let m = row(srv, id).await;
            m.state == "ok" && m.leased_until.is_none()
        })
        .await;
        let m = row(srv, id).await;
        assert!(m.next_poll_at > srv.app.clock.now() + chrono::Duration::minutes(30));
        stop.send(true).expect("stop");
        poller.await.expect("the poller stops");
    })
    .await;
}
