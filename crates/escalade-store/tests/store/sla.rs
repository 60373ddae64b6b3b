//! SLA storage on both backends: calendars and policies round-trip, clocks save without undoing
//! a firing, each due warning fires exactly once when two handles (two "nodes") race for it,
//! the at-risk queue, notifications, and durable jobs claimed once.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, TimeZone, Utc};
use escalade_core::authz::Visibility;
use escalade_core::ids::{TicketId, UserId};
use escalade_core::sla::{Clock, ClockKind, default_calendars, default_policies};
use escalade_core::ticket::{NewTicket, PriorityMatrix};
use escalade_store::clocks::{self, Firing, StoredClock};
use escalade_store::directory::{self, NewUser};
use escalade_store::jobs::{self, NewJob};
use escalade_store::notifications::{self, NewNotification};
use escalade_store::{Options, Store, StoreError, sla, tickets};
use serde_json::json;

use crate::support::backends;

fn vis(user: UserId, all: bool) -> Visibility {
    Visibility {
        user,
        all,
        departments: vec![],
        groups: vec![],
        security_team: all,
        none: false,
    }
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap()
}

/// A requester, `n` tickets and a 24x7 response clock of `target` seconds on each.
async fn tickets_with_clocks(s: &Store, n: usize, target: i64) -> (UserId, Vec<TicketId>) {
    s.write(move |c| {
        Box::pin(async move {
            let user = directory::create_user(
                c,
                &NewUser {
                    login: "anna".into(),
                    display_name: "Anna".into(),
                    email: None,
                    kind: "requester".into(),
                    department: None,
                    language: "en".into(),
                    time_zone: "UTC".into(),
                    vip: false,
                    password_hash: None,
                },
                t0(),
            )
            .await?;
            let (always, _) = default_calendars();
            let cal = sla::create_calendar(c, &always, t0()).await?;
            let mut ids = Vec::new();
            for i in 0..n {
                let t = NewTicket {
                    subject: format!("ticket {i}"),
                    ..Default::default()
                }
                .into_ticket(user, None, &PriorityMatrix::default(), t0());
                let id = tickets::insert(c, &t, false, &[]).await?;
                let clock = Clock::start(ClockKind::Response, target, 50, &always, t0());
                clocks::insert(c, &stored(id, cal, clock), t0()).await?;
                ids.push(id);
            }
            Ok((user, ids))
        })
    })
    .await
    .expect("seed tickets and clocks")
}

fn stored(ticket: TicketId, calendar_id: i64, clock: Clock) -> StoredClock {
    StoredClock {
        id: 0,
        ticket,
        level: None,
        group: None,
        policy_id: 1,
        policy_name: "Test".into(),
        calendar_id,
        choice: json!({"matched": ["no conditions"]}),
        clock,
        warned_by: None,
        breached_by: None,
    }
}

/// Claims and fires due warnings in batches of 7 until none is left; returns the clock ids
/// this node fired.
async fn fire_all(s: Store, node: &'static str, now: DateTime<Utc>) -> Vec<i64> {
    let mut mine = Vec::new();
    loop {
        let fired = s
            .write(move |c| {
                Box::pin(async move {
                    let mut fired = Vec::new();
                    for (id, _) in clocks::claim_due(c, Firing::Warning, now, 7).await? {
                        if clocks::fire_warning(c, id, now, node).await? {
                            fired.push(id);
                        }
                    }
                    Ok(fired)
                })
            })
            .await
            .expect("fire warnings");
        if fired.is_empty() {
            // Another node may hold the last rows for a moment; look once more after it.
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            let left = s
                .write(move |c| {
                    Box::pin(async move {
                        Ok(clocks::claim_due(c, Firing::Warning, now, 1).await?.len())
                    })
                })
                .await
                .expect("look for more");
            if left == 0 {
                return mine;
            }
            continue;
        }
        mine.extend(fired);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_due_warning_fires_once_across_two_nodes() {
    for db in backends().await {
        let (_, ids) = tickets_with_clocks(&db.store, 150, 60).await;
        // A second handle on the same database: another node.
        let other = Store::open(db.store.location(), Options::default())
            .await
            .expect("second node");
        let now = t0() + Duration::seconds(31);
        let (a, b) = tokio::join!(
            tokio::spawn(fire_all(db.store.clone(), "node-a", now)),
            tokio::spawn(fire_all(other, "node-b", now)),
        );
        let (a, b) = (a.unwrap(), b.unwrap());
        let all: BTreeSet<i64> = a.iter().chain(&b).copied().collect();
        assert_eq!(
            a.len() + b.len(),
            all.len(),
            "{}: a warning fired twice",
            db.name
        );
        assert_eq!(all.len(), ids.len(), "{}: every warning fired", db.name);
        let mut c = db.store.read().await.unwrap();
        let by_node = clocks::firings_by_node(&mut c).await.unwrap();
        let total: i64 = by_node.iter().map(|(_, w, _)| w).sum();
        assert_eq!(total, 150, "{}: {by_node:?}", db.name);
        eprintln!("{}: warnings by node {by_node:?}", db.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saving_a_clock_never_undoes_a_firing() {
    for db in backends().await {
        let s = &db.store;
        let (_, ids) = tickets_with_clocks(s, 2, 60).await;
        let now = t0() + Duration::seconds(61);
        let ticket = ids[0];
        s.write(move |c| {
            Box::pin(async move {
                let due = clocks::claim_due(c, Firing::Breach, now, 10).await?;
                assert_eq!(due.len(), 2);
                assert!(clocks::fire_breach(c, due[0].0, now, "n").await?);
                assert!(!clocks::fire_breach(c, due[0].0, now, "n").await?, "once");
                Ok(())
            })
        })
        .await
        .unwrap();
        let mut c = s.read().await.unwrap();
        let mut k = clocks::for_ticket(&mut c, ticket).await.unwrap().remove(0);
        drop(c);
        assert_eq!(k.clock.breached_at, Some(now));
        // A request that read the clock before the breach saves it: the breach stays.
        k.clock.breached_at = None;
        let (always, _) = default_calendars();
        k.clock.stop(&always, now);
        let saved = k.clone();
        s.write(move |c| Box::pin(async move { clocks::save(c, &saved, now).await }))
            .await
            .unwrap();
        let mut c = s.read().await.unwrap();
        let back = clocks::get(&mut c, k.id).await.unwrap().unwrap();
        assert_eq!(back.clock.breached_at, Some(now), "{}", db.name);
        assert_eq!(back.clock.stopped_at, Some(now));
        assert_eq!(back.clock.segments, k.clock.segments);
        assert_eq!(back.choice, k.choice);

        // The at-risk queue shows tickets whose running clock warned or breached.
        let page = clocks::at_risk(&mut c, &vis(UserId(0), true), 1, 25)
            .await
            .unwrap();
        assert_eq!(
            page.total, 0,
            "{}: the breached clock stopped, the other never fired",
            db.name
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendars_policies_and_the_at_risk_queue() {
    for db in backends().await {
        let s = &db.store;
        let (user, ids) = tickets_with_clocks(s, 3, 600).await;
        let now = t0() + Duration::seconds(400);
        s.write(move |c| {
            Box::pin(async move {
                let (_, office) = default_calendars();
                let office_id = sla::create_calendar(c, &office, now).await?;
                for d in default_policies(1, office_id) {
                    sla::create_policy(c, &d, true, now).await?;
                }
                let due = clocks::claim_due(c, Firing::Warning, now, 2).await?;
                for (id, _) in due {
                    clocks::fire_warning(c, id, now, "n").await?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
        // A failed statement aborts a PostgreSQL transaction: the duplicate gets a write of its own.
        let dup = s
            .write(move |c| {
                Box::pin(async move { sla::create_calendar(c, &default_calendars().1, now).await })
            })
            .await;
        assert!(
            matches!(
                dup,
                Err(StoreError::Conflict {
                    code: "name_taken",
                    ..
                })
            ),
            "{dup:?}"
        );
        let mut c = s.read().await.unwrap();
        assert_eq!(sla::config_version(&mut c).await.unwrap(), 0);
        drop(c);
        for _ in 0..2 {
            s.write(move |c| Box::pin(async move { sla::bump_config_version(c, now).await }))
                .await
                .unwrap();
        }
        let mut c = s.read().await.unwrap();
        assert_eq!(sla::config_version(&mut c).await.unwrap(), 2, "{}", db.name);
        let policies = sla::policies(&mut c).await.unwrap();
        assert_eq!(policies.len(), 5);
        assert_eq!(policies[0].policy.definition.name, "Critical");
        assert_eq!(
            policies.iter().map(|p| p.position).collect::<Vec<_>>(),
            vec![1, 2, 3, 4, 5]
        );
        let (users, clocks_on_it) = sla::calendar_users(&mut c, 1).await.unwrap();
        assert_eq!(users, vec!["Critical", "High"]);
        assert!(clocks_on_it);
        let mut reversed: Vec<i64> = policies.iter().rev().map(|p| p.policy.id).collect();
        drop(c);
        let order = reversed.clone();
        s.write(move |c| Box::pin(async move { sla::reorder_policies(c, &order, now).await }))
            .await
            .unwrap();
        let mut c = s.read().await.unwrap();
        let after: Vec<i64> = sla::policies(&mut c)
            .await
            .unwrap()
            .iter()
            .map(|p| p.policy.id)
            .collect();
        assert_eq!(after, reversed);
        reversed.clear();

        let page = clocks::at_risk(&mut c, &vis(UserId(0), true), 1, 25)
            .await
            .unwrap();
        assert_eq!(page.total, 2, "{}: two clocks warned", db.name);
        assert_eq!(
            page.items.iter().map(|t| t.id).collect::<Vec<_>>(),
            vec![ids[0], ids[1]]
        );
        let own = clocks::at_risk(&mut c, &vis(user, false), 1, 25).await;
        assert_eq!(own.unwrap().total, 2, "the requester's own tickets");
        let stranger = clocks::at_risk(&mut c, &vis(UserId(999), false), 1, 25).await;
        assert_eq!(stranger.unwrap().total, 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn notifications_and_jobs() {
    for db in backends().await {
        let s = &db.store;
        let (user, ids) = tickets_with_clocks(s, 1, 60).await;
        let ticket = ids[0];
        let id = s
            .write(move |c| {
                Box::pin(async move {
                    notifications::add(
                        c,
                        &NewNotification {
                            user,
                            ticket: Some(ticket),
                            kind: "sla_warning".into(),
                            body: "75 % of the target used".into(),
                            data: json!({"clock": "response"}),
                            at: t0(),
                        },
                    )
                    .await
                })
            })
            .await
            .unwrap();
        let mut c = s.read().await.unwrap();
        assert_eq!(notifications::unread_count(&mut c, user).await.unwrap(), 1);
        let list = notifications::list(&mut c, user, true, None, 10)
            .await
            .unwrap();
        assert_eq!(list[0].id, id);
        drop(c);
        let read = s
            .write(move |c| {
                Box::pin(async move {
                    let stranger = notifications::mark_read(c, UserId(999), id, t0()).await?;
                    let mine = notifications::mark_read(c, user, id, t0()).await?;
                    Ok((stranger, mine))
                })
            })
            .await
            .unwrap();
        assert_eq!(read, (false, true));

        // A keyed job scheduled twice is one job, moved; it is claimed once and done once.
        let later = t0() + Duration::hours(1);
        let job = s
            .write(move |c| {
                Box::pin(async move {
                    let j = |run_at| NewJob {
                        kind: "reminder".into(),
                        key: Some(format!("reminder:{}", ticket.0)),
                        ticket: Some(ticket),
                        payload: json!({"hours": 4}),
                        run_at,
                    };
                    let a = jobs::schedule(c, &j(t0()), t0()).await?;
                    let b = jobs::schedule(c, &j(later), t0()).await?;
                    assert_eq!(a, b);
                    assert!(
                        jobs::claim_due(c, t0(), 10).await?.is_empty(),
                        "moved later"
                    );
                    let due = jobs::claim_due(c, later, 10).await?;
                    assert_eq!(due.len(), 1);
                    assert!(jobs::complete(c, a, later, "node-a").await?);
                    assert!(!jobs::complete(c, a, later, "node-b").await?, "once");
                    Ok(a)
                })
            })
            .await
            .unwrap();
        let mut c = s.read().await.unwrap();
        let row = jobs::get(&mut c, job).await.unwrap().unwrap();
        assert_eq!(row.done_by.as_deref(), Some("node-a"), "{}", db.name);
    }
}
