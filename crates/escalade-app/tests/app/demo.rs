//! Demo data: what `escalade demo` loads is complete (every status, category, type, channel,
//! level, priority), consistent (journals follow the state machine, times increase and are in
//! the past, resolution and closure times agree with the status), respects the security rule,
//! gives the demo accounts something to see, and is loaded only once.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, Duration, SubsecRound, Utc};
use escalade_app::demo::{DEMO_PASSWORD, DemoOptions, DemoReport};
use escalade_app::{App, AppConfig, AppError, Clock};
use escalade_core::authz::Visibility;
use escalade_core::category::DEFAULT_CATEGORIES;
use escalade_core::ids::UserId;
use escalade_core::ticket::{
    Channel, Impact, MoveContext, Priority, PriorityMatrix, Status, SupportLevel, Ticket,
    TicketType, Urgency, check_transition,
};
use escalade_store::tickets::{self, TicketQuery};
use escalade_store::{Store, args, directory, journal};

use crate::support::{TestDb, postgres};

const TICKETS: usize = 300;

fn options() -> DemoOptions {
    DemoOptions {
        tickets: TICKETS,
        days: 180,
        seed: 7,
    }
}

struct FixedClock(DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Every ticket, oldest first.
async fn all_tickets(store: &Store) -> Vec<Ticket> {
    let mut c = store.read().await.expect("read");
    let everything = Visibility {
        user: UserId(0),
        all: true,
        departments: Vec::new(),
        groups: Vec::new(),
        security_team: true,
        none: false,
    };
    let q = TicketQuery {
        per_page: 500,
        page: 1,
        sort: tickets::Sort::OldestFirst,
        ..Default::default()
    };
    let page = tickets::list(&mut c, &q, &everything).await.expect("list");
    assert_eq!(
        page.total as usize,
        page.items.len(),
        "one page holds them all"
    );
    page.items
}

async fn count(store: &Store, sql: &str) -> i64 {
    let mut c = store.read().await.expect("read");
    c.int(sql, args![]).await.expect(sql)
}

fn text(v: &serde_json::Value) -> Option<&str> {
    v.as_str()
}

/// An id as journal data holds it: a number (escalations) or its text (field changes).
fn id(v: &serde_json::Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// Replays a ticket's journal: statuses follow the state machine, times increase and lie in
/// the past, escalations carry a hand-over summary; returns the number of escalations.
fn check_journal(t: &Ticket, entries: &[journal::Entry], now: DateTime<Utc>) -> usize {
    let n = t.number();
    assert!(!entries.is_empty(), "{n} has a journal");
    assert_eq!(entries[0].kind, "created", "{n} starts with its creation");
    assert_eq!(entries[0].created_at, t.created_at, "{n} created at");
    let mut status: Option<Status> = None;
    let mut escalations = 0;
    let mut last_group: Option<serde_json::Value> = None;
    for (i, e) in entries.iter().enumerate() {
        assert!(e.created_at <= now, "{n} entry {} is in the future", e.id);
        if i > 0 {
            assert!(
                e.created_at >= entries[i - 1].created_at,
                "{n}: entry {} is older than the one before",
                e.id
            );
        }
        let data: serde_json::Value = serde_json::from_str(&e.data).expect("journal data");
        let moved = |from: Status, to: Status, via_escalation: bool| {
            let ctx = MoveContext {
                has_assignee: true,
                via_escalation,
            };
            check_transition(from, to, ctx)
                .unwrap_or_else(|err| panic!("{n}: {from} -> {to} is refused: {err}"));
        };
        match e.kind.as_str() {
            "field_change" => {
                let changes = data["changes"].as_array().expect("changes");
                assert!(!changes.is_empty(), "{n}: empty field change");
                for ch in changes {
                    if ch["field"] == "status" {
                        let from = Status::parse("from", text(&ch["from"]).expect("from"))
                            .expect("status");
                        let to = Status::parse("to", text(&ch["to"]).expect("to")).expect("s");
                        if let Some(cur) = status {
                            assert_eq!(cur, from, "{n}: status change starts where it was");
                        }
                        moved(from, to, false);
                        status = Some(to);
                    }
                    if ch["field"] == "group" {
                        last_group = Some(ch["to"].clone());
                    }
                }
                assert_eq!(
                    e.public,
                    changes.iter().any(|c| c["field"] == "status"),
                    "{n}: a field change is public when it moves the status"
                );
            }
            "escalation" => {
                escalations += 1;
                assert!(!e.public, "{n}: hand-overs are internal");
                assert!(
                    e.body.trim().chars().count() >= 10,
                    "{n}: hand-over summary {:?}",
                    e.body
                );
                let from = Status::parse("from", text(&data["from_status"]).expect("from"))
                    .expect("status");
                if let Some(cur) = status {
                    assert_eq!(cur, from, "{n}: escalation starts where it was");
                }
                if from != Status::Escalated {
                    moved(from, Status::Escalated, true);
                }
                assert!(data["to_level"].as_i64() >= data["from_level"].as_i64());
                status = Some(Status::Escalated);
                last_group = Some(data["to_group"].clone());
            }
            "take" => {
                assert_eq!(status, Some(Status::Escalated), "{n}: take needs escalated");
                assert_eq!(
                    data["assignee"].as_i64(),
                    e.author_id,
                    "{n}: takes for oneself"
                );
                status = Some(Status::Assigned);
            }
            "public_reply" => assert!(e.public && !e.body.is_empty(), "{n}: reply"),
            "internal_note" | "phone_call" => {
                assert!(!e.public && !e.body.is_empty(), "{n}: note")
            }
            "created" => assert_eq!(i, 0, "{n}: created once, first"),
            other => panic!("{n}: unexpected entry kind {other}"),
        }
    }
    let initial = if t.assignee.is_some() && status.is_none() {
        Status::Assigned
    } else {
        Status::New
    };
    assert_eq!(
        status.unwrap_or(initial),
        t.status,
        "{n}: journal ends in its status"
    );
    let last = entries.last().map(|e| e.created_at);
    assert_eq!(
        last,
        Some(t.updated_at),
        "{n}: updated_at is the last entry's time"
    );
    if let Some(g) = last_group {
        let group = t.group.map(|g| g.0);
        assert_eq!(id(&g), group, "{n}: group is the last one it was given");
    }
    escalations
}

/// Loads the demo on a fresh database and checks everything the screens rely on.
async fn loads_complete_consistent_data(db: &TestDb) {
    let app = db.app();
    app.bootstrap(Some("admin-password-1"))
        .await
        .expect("bootstrap");
    let mut calls = Vec::new();
    let started = Instant::now();
    let report = app
        .fill_demo(&options(), &mut |done, total| calls.push((done, total)))
        .await
        .expect("demo data");
    eprintln!(
        "{}: {TICKETS} demo tickets loaded in {:?}",
        db.name,
        started.elapsed()
    );
    let now = Utc::now();
    let store = &db.store;

    // Counts, per table and in the report.
    assert_eq!(report.tickets, TICKETS);
    assert_eq!(report.departments, 9);
    assert_eq!(report.groups, 7);
    assert!(
        report.agents >= 17,
        "about four agents per level and a lead"
    );
    assert!(
        (110..=130).contains(&report.requesters),
        "about 120 requesters"
    );
    assert_eq!(calls.first(), Some(&(0, TICKETS)));
    assert_eq!(calls.last(), Some(&(TICKETS, TICKETS)));
    assert!(calls.windows(2).all(|w| w[0].0 < w[1].0), "{calls:?}");
    let count_of = |table: &str| format!("SELECT COUNT(*) FROM {table}");
    assert_eq!(count(store, &count_of("tickets")).await, TICKETS as i64);
    assert_eq!(count(store, &count_of("departments")).await, 9);
    assert_eq!(count(store, &count_of("support_groups")).await, 7);
    assert_eq!(
        count(store, &count_of("users")).await as usize,
        1 + report.agents + report.requesters,
        "the administrator and the demo's people"
    );
    assert_eq!(
        count(store, &count_of("journal")).await as usize,
        report.journal_entries
    );
    assert!(
        report.journal_entries > 4 * TICKETS,
        "journals tell a story"
    );
    assert_eq!(
        count(
            store,
            "SELECT COUNT(*) FROM users u WHERE NOT EXISTS \
             (SELECT 1 FROM user_roles r WHERE r.user_id = u.id)"
        )
        .await,
        0,
        "everyone holds a role"
    );
    assert_eq!(
        count(
            store,
            "SELECT COUNT(*) FROM users WHERE kind = 'agent' AND NOT EXISTS \
             (SELECT 1 FROM group_members m WHERE m.user_id = users.id) AND login <> 'admin'"
        )
        .await,
        0,
        "every agent is in a group"
    );
    assert_eq!(
        count(
            store,
            "SELECT COUNT(DISTINCT language) FROM users WHERE kind = 'requester'"
        )
        .await,
        4
    );
    assert!(count(store, "SELECT COUNT(*) FROM users WHERE vip = TRUE").await >= 5);
    assert_eq!(
        count(
            store,
            "SELECT COUNT(*) FROM user_roles WHERE scope = 'department'"
        )
        .await,
        1,
        "one department manager"
    );

    // Every value of every dimension occurs.
    let all = all_tickets(store).await;
    assert_eq!(all.len(), TICKETS);
    let categories = {
        let mut c = store.read().await.expect("read");
        directory::categories(&mut c).await.expect("categories")
    };
    let used: BTreeSet<i64> = all.iter().filter_map(|t| t.category.map(|c| c.0)).collect();
    for (key, _, _) in DEFAULT_CATEGORIES {
        let id = categories
            .iter()
            .find(|c| c.key == key)
            .expect("category")
            .id;
        assert!(used.contains(&id), "no ticket in category {key}");
    }
    for s in Status::ALL {
        assert!(all.iter().any(|t| t.status == *s), "no {s} ticket");
    }
    for k in TicketType::ALL {
        assert!(all.iter().any(|t| t.kind == *k), "no {k} ticket");
    }
    for ch in Channel::ALL {
        assert!(all.iter().any(|t| t.channel == *ch), "no ticket by {ch}");
    }
    for p in Priority::ALL {
        assert!(all.iter().any(|t| t.priority == *p), "no {p} ticket");
    }
    for l in 0..=3 {
        let l = SupportLevel::new(l).expect("level");
        assert!(all.iter().any(|t| t.level == l), "no ticket at level {l}");
    }
    for i in Impact::ALL {
        for u in Urgency::ALL {
            assert!(
                all.iter().any(|t| t.impact == *i && t.urgency == *u),
                "no ticket with impact {i} and urgency {u}"
            );
        }
    }
    assert!(all.iter().any(|t| !t.tags.is_empty()));
    assert!(all.iter().any(|t| t.facts.started.is_some()));
    assert!(all.iter().any(|t| t.priority_manual));
    let scripts = |f: fn(char) -> bool| all.iter().any(|t| t.subject.chars().any(f));
    assert!(
        scripts(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
        "Russian"
    );
    assert!(
        scripts(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
        "Chinese"
    );
    assert!(scripts(|c| "éèàçô".contains(c)), "French");
    let old = all
        .iter()
        .filter(|t| now - t.created_at > Duration::days(30));
    let (old_n, old_closed) = old.fold((0, 0), |(n, c), t| {
        (n + 1, c + usize::from(t.status == Status::Closed))
    });
    assert!(
        old_closed * 10 >= old_n * 7,
        "old tickets are mostly closed"
    );

    // Each ticket is consistent with its journal, its times and its status.
    let matrix = PriorityMatrix::default();
    let security_group = {
        let mut c = store.read().await.expect("read");
        directory::groups(&mut c)
            .await
            .expect("groups")
            .into_iter()
            .find(|g| g.security_team)
            .expect("security team")
    };
    assert_eq!(security_group.name, "Security Team");
    let security_category = categories
        .iter()
        .find(|c| c.security)
        .expect("security category")
        .id;
    let mut security_tickets = 0;
    let mut c = store.read().await.expect("read");
    for t in &all {
        let n = t.number();
        assert!(
            t.created_at > now - Duration::days(181),
            "{n} is in the window"
        );
        assert!(
            t.created_at <= t.updated_at && t.updated_at <= now,
            "{n} times"
        );
        match t.status {
            Status::Closed => {
                let (r, cl) = (
                    t.resolved_at.expect("resolved"),
                    t.closed_at.expect("closed"),
                );
                assert!(r <= cl && cl <= t.updated_at, "{n}: resolved before closed");
            }
            Status::Resolved => {
                assert!(t.resolved_at.is_some() && t.closed_at.is_none(), "{n}")
            }
            _ => assert!(t.resolved_at.is_none() && t.closed_at.is_none(), "{n}"),
        }
        match t.status {
            Status::New => assert!(t.assignee.is_none() && t.level.get() == 0, "{n}"),
            Status::Escalated => assert!(t.assignee.is_none() && t.group.is_some(), "{n}"),
            Status::Assigned | Status::InProgress | Status::Pending => {
                assert!(t.assignee.is_some() && t.group.is_some(), "{n}")
            }
            _ => {}
        }
        if !t.priority_manual {
            assert_eq!(t.priority, matrix.priority(t.impact, t.urgency), "{n}");
        }
        let security = tickets::is_security(&mut c, t.id).await.expect("security");
        assert_eq!(
            security,
            t.category.map(|c| c.0) == Some(security_category),
            "{n}"
        );
        if security {
            security_tickets += 1;
            assert_eq!(
                t.group.map(|g| g.0),
                Some(security_group.id),
                "{n} is the team's"
            );
        }
        let entries = journal::list(&mut c, t.id, true, 0, 1000)
            .await
            .expect("journal");
        let escalations = check_journal(t, &entries, now);
        if t.level.get() > 0 || t.status == Status::Escalated {
            assert!(
                escalations > 0,
                "{n} reached level {} by escalation",
                t.level
            );
        }
    }
    drop(c);
    assert!(security_tickets > 0, "some security tickets");

    // The demo accounts have something to see.
    let emma = app
        .login("emma.clarke", DEMO_PASSWORD)
        .await
        .expect("agent");
    let q = TicketQuery {
        per_page: 10,
        page: 1,
        ..Default::default()
    };
    let seen = app.tickets(&emma, &q).await.expect("list").total;
    assert_eq!(
        seen,
        (TICKETS - security_tickets) as i64,
        "agents see all but security"
    );
    let nadia = app
        .login("nadia.benali", DEMO_PASSWORD)
        .await
        .expect("security");
    assert_eq!(
        app.tickets(&nadia, &q).await.expect("list").total,
        TICKETS as i64
    );
    let robert = app
        .login("robert.hayes", DEMO_PASSWORD)
        .await
        .expect("manager");
    let q500 = TicketQuery {
        per_page: 500,
        page: 1,
        ..Default::default()
    };
    let his = app.tickets(&robert, &q500).await.expect("list");
    let finance = robert.user.department_id.expect("department");
    assert!(his.total > 0);
    assert!(his.items.iter().any(|t| t.requester != robert.id()));
    assert!(
        his.items
            .iter()
            .all(|t| t.department.map(|d| d.0) == Some(finance))
    );
    let mine = TicketQuery {
        requester: Some(UserId(robert.user.id)),
        ..q500.clone()
    };
    let own = app.tickets(&robert, &mine).await.expect("own").total;
    assert!(
        his.total > own,
        "the department scope shows more than his own"
    );

    // A second run is refused and changes nothing.
    let again = app.fill_demo(&options(), &mut |_, _| {}).await;
    assert!(
        matches!(
            again,
            Err(AppError::Conflict {
                code: "demo_already_loaded",
                ..
            })
        ),
        "{again:?}"
    );
    assert_eq!(count(store, &count_of("tickets")).await, TICKETS as i64);
    assert_eq!(count(store, &count_of("departments")).await, 9);
}

#[tokio::test]
async fn demo_data_on_sqlite() {
    loads_complete_consistent_data(&TestDb::sqlite().await).await;
}

#[tokio::test]
async fn demo_data_on_postgres() {
    if let Some(db) = postgres().await {
        loads_complete_consistent_data(&db).await;
    }
}

#[tokio::test]
async fn demo_needs_the_first_start_setup() {
    let db = TestDb::sqlite().await;
    let err = db.app().fill_demo(&options(), &mut |_, _| {}).await;
    assert!(
        matches!(
            err,
            Err(AppError::Conflict {
                code: "bootstrap_required",
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(
        count(&db.store, "SELECT COUNT(*) FROM departments").await,
        0
    );
}

/// The same seed and the same "now" give the same data.
#[tokio::test]
async fn demo_is_deterministic() {
    let now = Utc::now().trunc_subsecs(6);
    let mut runs = Vec::new();
    for _ in 0..2 {
        let db = TestDb::sqlite().await;
        let app = App {
            clock: Arc::new(FixedClock(now)),
            ..App::new(db.store.clone(), AppConfig::default())
        };
        app.bootstrap(Some("admin-password-1"))
            .await
            .expect("bootstrap");
        let opts = DemoOptions {
            tickets: 120,
            ..options()
        };
        let report: DemoReport = app.fill_demo(&opts, &mut |_, _| {}).await.expect("demo");
        let tickets: Vec<_> = all_tickets(&db.store)
            .await
            .into_iter()
            .map(|t| {
                (
                    t.subject,
                    t.status,
                    t.created_at,
                    t.updated_at,
                    t.assignee,
                    t.tags,
                )
            })
            .collect();
        runs.push((report, tickets));
    }
    assert_eq!(runs[0], runs[1]);
}
