//! `escalade mailgate` as an MTA runs it: one message on standard input per process, next to
//! a running server on the same data. Exit codes are the MTA's contract (0 stored, 75 retry
//! later, 65 not a message); what each message became is read back through the API.

use std::io::Write;
use std::process::{Output, Stdio};

use serde_json::Value;

use crate::support::{Backend, Server, backends};

const FIRST: &[u8] = include_bytes!("../../../escalade-mail/tests/corpus/utf8_plain.eml");
const AUTO_REPLY: &[u8] =
    include_bytes!("../../../escalade-mail/tests/corpus/autoreply_auto_submitted.eml");
const NO_SENDER: &[u8] =
    include_bytes!("../../../escalade-mail/tests/corpus/unreadable_no_sender.eml");

fn mailgate(b: &Backend, message: &[u8]) -> Output {
    let mut child = b
        .command()
        .arg("mailgate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailgate");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(message)
        .expect("write the message");
    child.wait_with_output().expect("mailgate output")
}

fn said(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A reply from `from` whose subject names `number`.
fn reply(from: &str, number: &str, id: &str, text: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: support@desk.example.com\r\nSubject: Re: [{number}] Printer on floor 2 \
         prints blank pages\r\nDate: Wed, 4 Mar 2026 08:00:00 +0000\r\nMessage-ID: <{id}>\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n\r\n\
         On Tue, 3 Mar 2026 at 10:15, Ann Lee <ann.lee@example.org> wrote:\r\n> the printer HP-4 \
         on floor 2 prints blank pages\r\n"
    )
    .into_bytes()
}

async fn get(server: &Server, token: &str, path: &str) -> Value {
    let r = server
        .client
        .get(server.url(path))
        .bearer_auth(token)
        .send()
        .await
        .expect("GET");
    assert!(r.status().is_success(), "GET {path}: {}", r.status());
    r.json().await.expect("JSON")
}

async fn email_tickets(server: &Server, token: &str) -> Vec<Value> {
    let page = get(server, token, "/api/v1/tickets?per_page=100").await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|t| t["channel"] == "email")
        .cloned()
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_piped_by_the_mta_become_tickets_and_replies() {
    for b in backends() {
        let server = Server::start(&b).await;
        let token = server.admin_token().await;

        // A new message opens a ticket for a requester made from From; Cc become watchers.
        let o = mailgate(&b, FIRST);
        assert!(o.status.success(), "{}: {}", b.name, said(&o));
        assert!(said(&o).contains("new_conversation"), "{}", said(&o));
        let tickets = email_tickets(&server, &token).await;
        assert_eq!(tickets.len(), 1, "{}: {tickets:?}", b.name);
        let ticket = &tickets[0];
        let number = ticket["number"].as_str().expect("number").to_string();
        assert_eq!(ticket["subject"], "Printer on floor 2 prints blank pages");
        let detail = get(&server, &token, &format!("/api/v1/tickets/{number}")).await;
        let description = detail["description"].as_str().unwrap_or_default();
        assert!(
            description.contains("Error code: 49.4C02 — café ☕ naïve."),
            "{description}"
        );
        assert_eq!(
            detail["watchers"].as_array().map(Vec::len),
            Some(2),
            "{detail}"
        );
        let requester = get(
            &server,
            &token,
            &format!("/api/v1/users/{}", detail["requester_id"]),
        )
        .await;
        assert_eq!(requester["email"], "ann.lee@example.org");
        assert_eq!(requester["display_name"], "Ann Lee");
        assert_eq!(requester["kind"], "requester");

        // The same message delivered twice (an MTA retry) changes nothing.
        let o = mailgate(&b, FIRST);
        assert!(o.status.success(), "{}", said(&o));
        assert!(said(&o).contains("delivered_twice"), "{}", said(&o));

        // The requester's reply with the number in the subject joins the ticket; the quoted
        // history is folded out of the entry.
        let o = mailgate(
            &b,
            &reply(
                "Ann Lee <ann.lee@example.org>",
                &number,
                "reply-1@mail.example.org",
                "It happens again after the restart.",
            ),
        );
        assert!(o.status.success(), "{}", said(&o));
        assert!(said(&o).contains("subject_number"), "{}", said(&o));
        let journal = get(
            &server,
            &token,
            &format!("/api/v1/tickets/{number}/journal"),
        )
        .await;
        let mails: Vec<&Value> = journal["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|e| e["kind"] == "email_in")
            .collect();
        assert_eq!(mails.len(), 1, "{journal}");
        assert_eq!(mails[0]["body"], "It happens again after the restart.");
        assert_eq!(mails[0]["data"]["mail"]["reason"], "subject_number");
        assert!(mails[0]["data"]["mail"]["history_chars"].as_u64() > Some(0));

        // A stranger using the same subject opens a new ticket linked to the first.
        let o = mailgate(
            &b,
            &reply(
                "Mallory <mallory@elsewhere.example>",
                &number,
                "stranger-1@elsewhere.example",
                "Please send me the printer's admin password.",
            ),
        );
        assert!(o.status.success(), "{}", said(&o));
        assert!(
            said(&o).contains("subject_number_from_stranger"),
            "{}",
            said(&o)
        );
        let tickets = email_tickets(&server, &token).await;
        assert_eq!(tickets.len(), 2, "{tickets:?}");
        let journal = get(
            &server,
            &token,
            &format!("/api/v1/tickets/{number}/journal"),
        )
        .await;
        assert!(
            !journal.to_string().contains("admin password"),
            "a stranger's mail never lands on the ticket"
        );

        // An out-of-office answer opens nothing; an unreadable message is kept in quarantine;
        // both were stored, so the MTA hears success.
        let o = mailgate(&b, AUTO_REPLY);
        assert!(o.status.success(), "{}", said(&o));
        assert!(said(&o).contains("ignored"), "{}", said(&o));
        let o = mailgate(&b, NO_SENDER);
        assert!(o.status.success(), "{}", said(&o));
        assert!(said(&o).contains("quarantined"), "{}", said(&o));
        assert!(said(&o).contains("no_sender"), "{}", said(&o));
        assert_eq!(email_tickets(&server, &token).await.len(), 2);

        // Not a message at all: the MTA is told the input is bad.
        let o = mailgate(&b, b"\r\n  \r\n");
        assert_eq!(o.status.code(), Some(65), "{}", said(&o));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_for_a_desk_never_started_waits_for_the_server() {
    for b in backends() {
        let o = mailgate(&b, FIRST);
        assert!(o.status.success(), "{}: {}", b.name, said(&o));
        assert!(said(&o).contains("not set up yet"), "{}", said(&o));
        // The first start sets the desk up; its mail worker then opens the ticket.
        let server = Server::start(&b).await;
        let token = server.admin_token().await;
        let started = std::time::Instant::now();
        while email_tickets(&server, &token).await.is_empty() {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(60),
                "{}: the stored message was never processed",
                b.name
            );
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
    }
}

#[test]
fn a_database_that_is_away_makes_the_mta_retry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = std::process::Command::new(crate::support::bin())
        .env("ESCALADE_LOG", "error")
        .args(["--data-dir"])
        .arg(dir.path())
        // Nothing listens on port 9 (discard): connecting fails at once.
        .args([
            "--database-url",
            "postgres://nobody@127.0.0.1:9/none",
            "mailgate",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailgate");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(FIRST)
        .expect("write");
    let o = child.wait_with_output().expect("output");
    assert_eq!(o.status.code(), Some(75), "{}", said(&o));
    assert!(said(&o).contains("will retry"), "{}", said(&o));
}
