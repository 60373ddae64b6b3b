//! The mail outbox on both backends: enqueue with the thread's Message-IDs, claims with a
//! lease, success and failure with retry and give-up, the admin's retry, lists and filters,
//! looking a ticket up by a Message-ID we sent, and two nodes claiming each message once.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use escalade_core::ids::TicketId;
use escalade_core::ticket::{NewTicket, PriorityMatrix};
use escalade_store::directory::{self, NewUser};
use escalade_store::mail_outbox::{self as outbox, Direction, MailQuery, MailState, NewMail};
use escalade_store::{Options, Store, tickets};

use crate::support::backends;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
}

async fn two_tickets(s: &Store) -> (TicketId, TicketId) {
    s.write(|c| {
        Box::pin(async move {
            let user = directory::create_user(
                c,
                &NewUser {
                    login: "anna".into(),
                    display_name: "Anna".into(),
                    email: Some("anna@example.org".into()),
                    kind: "requester".into(),
                    department: None,
                    language: "fr".into(),
                    time_zone: "UTC".into(),
                    vip: false,
                    password_hash: None,
                },
                t0(),
            )
            .await?;
            let mut ids = Vec::new();
            for i in 0..2 {
                let t = NewTicket {
                    subject: format!("ticket {i}"),
                    ..Default::default()
                }
                .into_ticket(user, None, &PriorityMatrix::default(), t0());
                ids.push(tickets::insert(c, &t, false, &[]).await?);
            }
            Ok((ids[0], ids[1]))
        })
    })
    .await
    .expect("seed")
}

fn mail(ticket: TicketId, n: usize) -> NewMail {
    NewMail {
        ticket: Some(ticket),
        event: "public_reply".into(),
        recipients: vec!["anna@example.org".into()],
        subject: format!("[INC] message {n}"),
        message_id: format!("<m{n}.{}@desk.example.org>", ticket.0),
        raw: format!("Subject: message {n}\r\n\r\nbody {n}\r\n").into_bytes(),
        give_up_at: t0() + Duration::days(2),
    }
}

async fn enqueue(s: &Store, m: NewMail, at: DateTime<Utc>) -> i64 {
    s.write(move |c| Box::pin(async move { outbox::enqueue(c, &m, at).await }))
        .await
        .expect("enqueue")
}

async fn claim(s: &Store, now: DateTime<Utc>, limit: i64) -> Vec<i64> {
    s.write(move |c| {
        Box::pin(async move {
            let rows = outbox::claim_due(c, now, now + Duration::minutes(5), limit).await?;
            Ok(rows.into_iter().map(|r| r.id).collect())
        })
    })
    .await
    .expect("claim")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outbox_rows_go_from_pending_to_sent_or_failed() {
    for db in backends().await {
        let s = &db.store;
        let (a, b) = two_tickets(s).await;
        let first = enqueue(s, mail(a, 1), t0()).await;
        let second = enqueue(s, mail(a, 2), t0() + Duration::seconds(1)).await;
        let other = enqueue(s, mail(b, 3), t0() + Duration::seconds(2)).await;

        // The thread: first and last Message-IDs of the ticket, with brackets.
        let mut c = s.read().await.unwrap();
        let (f, l) = outbox::thread(&mut c, a).await.unwrap();
        assert_eq!(f.as_deref(), Some("<m1.1@desk.example.org>"), "{}", db.name);
        assert_eq!(l.as_deref(), Some("<m2.1@desk.example.org>"));
        // Inbound lookups, with or without brackets; the direct parent (last) decides.
        let found = outbox::ticket_by_message_ids(
            &mut c,
            &["<unknown@x>".into(), format!("m3.{}@desk.example.org", b.0)],
            false,
        )
        .await
        .unwrap();
        assert_eq!(found, Some(b));
        assert_eq!(
            outbox::ticket_by_message_ids(&mut c, &["<nobody@x>".into()], true)
                .await
                .unwrap(),
            None
        );
        drop(c);

        // Claimed once: the lease keeps a second claim from taking them again.
        let got = claim(s, t0() + Duration::seconds(5), 10).await;
        assert_eq!(got, vec![first, second, other], "{}", db.name);
        assert!(claim(s, t0() + Duration::seconds(6), 10).await.is_empty());

        let now = t0() + Duration::seconds(7);
        s.write(move |c| {
            Box::pin(async move {
                outbox::mark_sent(c, first, now).await?;
                outbox::mark_attempt_failed(
                    c,
                    second,
                    "421 try later",
                    Some(now + Duration::minutes(1)),
                    now,
                )
                .await?;
                outbox::mark_attempt_failed(c, other, "550 no such user", None, now).await
            })
        })
        .await
        .unwrap();
        let mut c = s.read().await.unwrap();
        let p = outbox::summary(&mut c, second).await.unwrap().unwrap();
        assert_eq!(p.state(), MailState::Pending);
        assert_eq!(p.attempts, 1);
        assert_eq!(p.last_error.as_deref(), Some("421 try later"));
        assert_eq!(p.next_attempt_at, now + Duration::minutes(1));
        let f = outbox::summary(&mut c, other).await.unwrap().unwrap();
        assert_eq!(f.state(), MailState::Failed);
        assert_eq!(
            outbox::summary(&mut c, first)
                .await
                .unwrap()
                .unwrap()
                .state(),
            MailState::Sent
        );
        assert_eq!(outbox::counts(&mut c).await.unwrap(), (1, 1, 1));
        assert_eq!(
            outbox::raw(&mut c, first).await.unwrap().unwrap(),
            b"Subject: message 1\r\n\r\nbody 1\r\n"
        );

        // Lists: filters and paging, newest first.
        let q = |state, page, per_page| MailQuery {
            state,
            ticket: None,
            page,
            per_page,
        };
        let (rows, total) = outbox::list(&mut c, &q(None, 1, 2)).await.unwrap();
        assert_eq!(total, 3);
        assert_eq!(
            rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![other, second]
        );
        let (rows, _) = outbox::list(&mut c, &q(None, 2, 2)).await.unwrap();
        assert_eq!(rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![first]);
        for (state, id) in [
            (MailState::Pending, second),
            (MailState::Sent, first),
            (MailState::Failed, other),
        ] {
            let (rows, total) = outbox::list(&mut c, &q(Some(state), 1, 10)).await.unwrap();
            assert_eq!((total, rows[0].id), (1, id), "{state:?}");
        }
        let (rows, total) = outbox::list(
            &mut c,
            &MailQuery {
                ticket: Some(b),
                ..q(None, 1, 10)
            },
        )
        .await
        .unwrap();
        assert_eq!((total, rows[0].id), (1, other));
        drop(c);

        // Not due yet; then due; the failed one comes back only through a retry.
        assert!(claim(s, now + Duration::seconds(30), 10).await.is_empty());
        assert_eq!(claim(s, now + Duration::minutes(2), 10).await, vec![second]);
        let later = now + Duration::hours(1);
        let (retried, sent) = s
            .write(move |c| {
                Box::pin(async move {
                    Ok((
                        outbox::retry_now(c, other, later, later + Duration::days(2)).await?,
                        outbox::retry_now(c, first, later, later + Duration::days(2)).await?,
                    ))
                })
            })
            .await
            .unwrap();
        assert!(retried, "a failed message can be retried");
        assert!(!sent, "a sent message is not sent again");
        // `second` was claimed and never settled (its node died): its lease is over, it is due
        // again, before the retried one.
        assert_eq!(claim(s, later, 10).await, vec![second, other]);
        let mut c = s.read().await.unwrap();
        assert_eq!(outbox::counts(&mut c).await.unwrap(), (2, 1, 0));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_id_names_one_ticket() {
    for db in backends().await {
        let s = &db.store;
        let (a, b) = two_tickets(s).await;
        let (first, again, received) = s
            .write(move |c| {
                Box::pin(async move {
                    Ok((
                        outbox::record_message_id(c, "<x@y>", a, Direction::Out, t0()).await?,
                        outbox::record_message_id(c, "x@y", b, Direction::Out, t0()).await?,
                        outbox::record_message_id(c, "<in@mail>", b, Direction::In, t0()).await?,
                    ))
                })
            })
            .await
            .unwrap();
        assert!(first && !again && received, "{}", db.name);
        let mut c = s.read().await.unwrap();
        let by = |ids: &[&str]| ids.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            outbox::ticket_by_message_ids(&mut c, &by(&["<x@y>"]), false)
                .await
                .unwrap(),
            Some(a)
        );
        // A received id counts only when asked for.
        assert_eq!(
            outbox::ticket_by_message_ids(&mut c, &by(&["<in@mail>"]), false)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            outbox::ticket_by_message_ids(&mut c, &by(&["<in@mail>"]), true)
                .await
                .unwrap(),
            Some(b)
        );
        // The received message is the last of b's thread: our next mail answers it.
        let (_, last) = outbox::thread(&mut c, b).await.unwrap();
        assert_eq!(last.as_deref(), Some("<in@mail>"));
    }
}

async fn claim_all(s: Store, now: DateTime<Utc>) -> Vec<i64> {
    let mut mine = Vec::new();
    loop {
        let got = claim(&s, now, 7).await;
        if got.is_empty() {
            return mine;
        }
        let ids = got.clone();
        s.write(move |c| {
            Box::pin(async move {
                for id in ids {
                    outbox::mark_sent(c, id, now).await?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
        mine.extend(got);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_nodes_claim_each_message_once() {
    for db in backends().await {
        let (a, _) = two_tickets(&db.store).await;
        for n in 0..120 {
            enqueue(&db.store, mail(a, n), t0()).await;
        }
        let other = Store::open(db.store.location(), Options::default())
            .await
            .expect("second node");
        let now = t0() + Duration::seconds(1);
        let (x, y) = tokio::join!(
            tokio::spawn(claim_all(db.store.clone(), now)),
            tokio::spawn(claim_all(other, now)),
        );
        let (x, y) = (x.unwrap(), y.unwrap());
        let all: BTreeSet<i64> = x.iter().chain(&y).copied().collect();
        assert_eq!(x.len() + y.len(), all.len(), "{}: claimed twice", db.name);
        assert_eq!(all.len(), 120, "{}", db.name);
    }
}
