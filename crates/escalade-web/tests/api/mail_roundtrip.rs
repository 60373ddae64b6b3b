//! A conversation by e-mail, end to end over real protocols: a requester's message is
//! delivered to a mailbox on a real IMAP server (Dovecot) and polled into a ticket, the
//! desk's acknowledgement and an agent's reply leave through a real SMTP server (aiosmtpd)
//! answering the requester's message, and the requester's answer to that mail, delivered to
//! the mailbox again and naming no ticket number, lands on the same ticket by its threading
//! headers alone. Automatic mail (here through the mail gateway's pipeline) gets no
//! acknowledgement.

use escalade_store::mail_inbound::Arrival;

use crate::imap_server::{ImapServer, PASSWORD};
use crate::mail_imap::{add_mailbox, poll};
use crate::mail_out::{configure, read, round};
use crate::smtp_sink::SmtpSink;
use crate::support::{TestServer, both};

const FIRST: &[u8] = include_bytes!("../../../escalade-mail/tests/corpus/utf8_plain.eml");
const ALERT: &[u8] =
    include_bytes!("../../../escalade-mail/tests/corpus/monitoring_alert_header.eml");

async fn deliver(srv: &TestServer, raw: &[u8]) -> escalade_app::inbound_mail::Processed {
    let arrival = Arrival {
        source: "mailgate".into(),
        mailbox: None,
    };
    let id = srv
        .app
        .receive_mail(arrival, raw.to_vec())
        .await
        .expect("stored");
    srv.app.process_mail(id).await.expect("processed")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_conversation_by_mail_stays_on_one_ticket() {
    async fn case(srv: &TestServer) {
        let sink = SmtpSink::start();
        configure(srv, sink.port).await;
        let imap = ImapServer::start().await;
        let mailbox = add_mailbox(srv, &imap, PASSWORD, None).await;
        imap.deliver(FIRST);
        let polled = poll(srv, mailbox).await;
        assert_eq!(polled["taken"], 1, "{polled}");
        let number = polled["tickets"][0].as_str().expect("a ticket").to_string();

        // The acknowledgement answers Ann's own message.
        assert_eq!(round(srv).await.sent, 1, "{}", srv.backend);
        let ack = read(&sink.received()[0]);
        assert_eq!(ack.rcpt, vec!["ann.lee@example.org"]);
        assert!(
            ack.subject.starts_with(&format!("[{number}]")),
            "{}",
            ack.subject
        );
        assert_eq!(ack.in_reply_to, vec!["CAF=new-1@mail.example.org"]);

        // An agent answers on the ticket; Ann and the two people she copied hear of it.
        let agent = srv.agent("lena").await;
        srv.comment(
            &agent,
            &number,
            "public",
            "Please try the other paper tray.",
        )
        .await
        .expect(201);
        assert_eq!(round(srv).await.sent, 3);
        let to_ann = sink
            .received()
            .iter()
            .skip(1)
            .map(read)
            .find(|m| m.rcpt == vec!["ann.lee@example.org"])
            .expect("Ann's copy of the reply");
        assert!(to_ann.text.contains("Please try the other paper tray."));
        assert_eq!(
            to_ann.references.first(),
            Some(&"CAF=new-1@mail.example.org".to_string())
        );

        // Ann answers that mail; her client keeps the threading headers but drops the tag.
        let answer = format!(
            "From: Ann Lee <ann.lee@example.org>\r\nTo: help@desk.test\r\nSubject: Re: paper\r\n\
             Message-ID: <ann-answer-1@mail.example.org>\r\nIn-Reply-To: <{id}>\r\n\
             References: <CAF=new-1@mail.example.org> <{id}>\r\n\r\nThe other tray works, \
             thank you!\r\n",
            id = to_ann.message_id
        );
        imap.deliver(answer.as_bytes());
        let polled = poll(srv, mailbox).await;
        assert_eq!(polled["taken"], 1, "{polled}");
        assert_eq!(polled["tickets"][0], number.as_str(), "{polled}");
        let journal = srv
            .get(
                &srv.admin.token,
                &format!("/api/v1/tickets/{number}/journal"),
            )
            .await
            .expect(200);
        let last_mail = journal.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .rev()
            .find(|e| e["kind"] == "email_in")
            .expect("Ann's answer")
            .clone();
        assert_eq!(last_mail["body"], "The other tray works, thank you!");
        assert_eq!(
            last_mail["data"]["mail"]["reason"],
            "replied_to_desk_message"
        );
        // Her answer reaches the agent's side only: she wrote it, and nobody else is told.
        assert_eq!(
            round(srv).await.sent,
            2,
            "the two watchers hear of Ann's answer"
        );
        assert!(
            sink.received()
                .iter()
                .skip(4)
                .all(|m| m.rcpt != vec!["ann.lee@example.org"]),
            "the author gets no copy of her own mail"
        );

        // A monitoring alert opens a ticket but is not acknowledged: no mail goes back.
        let alert = deliver(srv, ALERT).await;
        assert_eq!(alert.state, "done", "{}", alert.reason);
        assert_eq!(alert.reason, "new_external_id");
        assert_eq!(round(srv).await.sent, 0);
    }
    both(case).await;
}
