//! What both backends must do the same: visibility filtering that agrees with the domain's
//! rule, group commit that isolates a failing write, optimistic concurrency, unique numbers,
//! and the same schema.

use std::collections::BTreeSet;

use chrono::{TimeZone, Utc};
use escalade_core::authz::Visibility;
use escalade_core::ids::{DepartmentId, GroupId, UserId};
use escalade_core::ticket::{NewTicket, PriorityMatrix, Status, Ticket};
use escalade_store::directory::{self, NewUser};
use escalade_store::tickets::{self, TicketQuery};
use escalade_store::{StoreError, args};

use crate::support::backends;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap()
}

fn new_user(login: &str, dept: Option<DepartmentId>) -> NewUser {
    NewUser {
        login: login.into(),
        display_name: login.into(),
        email: None,
        kind: "requester".into(),
        department: dept,
        language: "en".into(),
        time_zone: "UTC".into(),
        vip: false,
        password_hash: None,
    }
}

fn ticket(subject: &str, requester: UserId, dept: Option<DepartmentId>) -> Ticket {
    let n = NewTicket {
        subject: subject.into(),
        ..Default::default()
    };
    n.into_ticket(requester, dept, &PriorityMatrix::default(), now())
}

/// Small deterministic generator so the test needs no extra crate.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn visibility_sql_agrees_with_the_domain_rule() {
    for db in backends().await {
        let s = &db.store;
        // Three departments, four users, three groups, 120 tickets of every shape.
        let (depts, users, groups) = s
            .write(|c| {
                Box::pin(async move {
                    let mut depts = Vec::new();
                    for d in ["Finance", "Sales", "Legal"] {
                        depts.push(directory::create_department(c, d, now()).await?);
                    }
                    let mut users = Vec::new();
                    for (i, u) in ["u1", "u2", "u3", "u4"].iter().enumerate() {
                        users.push(
                            directory::create_user(c, &new_user(u, Some(depts[i % 3])), now())
                                .await?,
                        );
                    }
                    let mut groups = Vec::new();
                    for (i, g) in ["L1", "L2", "SEC"].iter().enumerate() {
                        groups.push(
                            directory::create_group(c, g, i as i64, *g == "SEC", now()).await?,
                        );
                    }
                    Ok((depts, users, groups))
                })
            })
            .await
            .unwrap();
        let mut rng = Lcg(7);
        let mut shapes = Vec::new();
        for i in 0..120 {
            let requester = users[rng.next(4) as usize];
            let dept = if rng.next(5) == 0 {
                None
            } else {
                Some(depts[rng.next(3) as usize])
            };
            let mut t = ticket(&format!("ticket {i}"), requester, dept);
            t.group = match rng.next(4) {
                0 => None,
                g => Some(groups[(g - 1) as usize]),
            };
            t.assignee = if rng.next(3) == 0 {
                Some(users[rng.next(4) as usize])
            } else {
                None
            };
            let watcher = if rng.next(4) == 0 {
                vec![users[rng.next(4) as usize]]
            } else {
                vec![]
            };
            let security = rng.next(4) == 0;
            shapes.push((t, watcher, security));
        }
        let stored = shapes.clone();
        let ids = s
            .write(move |c| {
                Box::pin(async move {
                    let mut ids = Vec::new();
                    for (t, w, sec) in &stored {
                        ids.push(tickets::insert(c, t, *sec, w).await?);
                    }
                    Ok(ids)
                })
            })
            .await
            .unwrap();

        let visibilities = [
            Visibility {
                user: users[0],
                all: false,
                departments: vec![],
                groups: vec![],
                security_team: false,
                none: false,
            },
            Visibility {
                user: users[1],
                all: false,
                departments: vec![depts[1]],
                groups: vec![],
                security_team: false,
                none: false,
            },
            Visibility {
                user: users[2],
                all: false,
                departments: vec![],
                groups: vec![groups[0], groups[2]],
                security_team: true,
                none: false,
            },
            Visibility {
                user: users[3],
                all: true,
                departments: vec![],
                groups: vec![],
                security_team: false,
                none: false,
            },
            Visibility {
                user: users[3],
                all: true,
                departments: vec![],
                groups: vec![],
                security_team: true,
                none: false,
            },
            Visibility {
                user: users[0],
                all: true,
                departments: vec![],
                groups: vec![],
                security_team: true,
                none: true,
            },
        ];
        let mut c = s.read().await.unwrap();
        for v in &visibilities {
            let q = TicketQuery {
                per_page: 500,
                page: 1,
                ..Default::default()
            };
            let page = tickets::list(&mut c, &q, v).await.unwrap();
            let got: BTreeSet<i64> = page.items.iter().map(|t| t.id.0).collect();
            let want: BTreeSet<i64> = shapes
                .iter()
                .zip(&ids)
                .filter(|((t, w, sec), _)| {
                    v.admits(&escalade_core::authz::TicketFacts {
                        requester: t.requester,
                        department: t.department,
                        group: t.group,
                        assignee: t.assignee,
                        watchers: w.clone(),
                        security: *sec,
                    })
                })
                .map(|(_, id)| id.0)
                .collect();
            assert_eq!(got, want, "{}: visibility {v:?}", db.name);
            assert_eq!(
                page.total as usize,
                want.len(),
                "{}: total for {v:?}",
                db.name
            );
            // The uncounted list phrases the security rule per row; it must admit the same.
            let first = tickets::list_first(&mut c, &q, v, 500).await.unwrap();
            let got: BTreeSet<i64> = first.iter().map(|t| t.id.0).collect();
            assert_eq!(got, want, "{}: list_first, visibility {v:?}", db.name);
        }
        let _ = GroupId(0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_write_does_not_take_its_batch_down() {
    for db in backends().await {
        let s = db.store.clone();
        let requester = s
            .write(|c| {
                Box::pin(
                    async move { directory::create_user(c, &new_user("anna", None), now()).await },
                )
            })
            .await
            .unwrap();
        // Fire many writes at once so that they share batches; every fifth fails on purpose.
        let mut handles = Vec::new();
        for i in 0..100 {
            let s = s.clone();
            handles.push(tokio::spawn(async move {
                s.write(move |c| {
                    Box::pin(async move {
                        let id = tickets::insert(
                            c,
                            &ticket(&format!("batch {i}"), requester, None),
                            false,
                            &[],
                        )
                        .await?;
                        if i % 5 == 0 {
                            // A duplicate login: a constraint failure inside the job.
                            directory::create_user(c, &new_user("anna", None), now()).await?;
                        }
                        Ok(id)
                    })
                })
                .await
            }));
        }
        let mut ok = BTreeSet::new();
        let mut failed = 0;
        for h in handles {
            match h.await.unwrap() {
                Ok(id) => {
                    ok.insert(id.0);
                }
                Err(StoreError::Conflict { .. }) => failed += 1,
                Err(e) => panic!("{}: unexpected error {e}", db.name),
            }
        }
        assert_eq!(failed, 20, "{}", db.name);
        assert_eq!(ok.len(), 80, "{}: ids must be distinct", db.name);
        let mut c = s.read().await.unwrap();
        assert_eq!(
            tickets::count(&mut c).await.unwrap(),
            80,
            "{}: the failed jobs left nothing behind",
            db.name
        );
        for id in ok {
            assert!(
                tickets::get(&mut c, escalade_core::ids::TicketId(id))
                    .await
                    .unwrap()
                    .is_some()
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_versions_are_refused() {
    for db in backends().await {
        let s = &db.store;
        let t = s
            .write(|c| {
                Box::pin(async move {
                    let u = directory::create_user(c, &new_user("bob", None), now()).await?;
                    let mut t = ticket("version check", u, None);
                    t.id = tickets::insert(c, &t, false, &[]).await?;
                    Ok(t)
                })
            })
            .await
            .unwrap();
        let mut a = t.clone();
        a.status = Status::InProgress;
        a.version += 1;
        let a2 = a.clone();
        s.write(move |c| Box::pin(async move { tickets::update(c, &a2, false, 1).await }))
            .await
            .unwrap();
        let mut b = t.clone();
        b.status = Status::Cancelled;
        b.version += 1;
        let err = s
            .write(move |c| Box::pin(async move { tickets::update(c, &b, false, 1).await }))
            .await
            .unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Conflict {
                    code: "version_conflict",
                    ..
                }
            ),
            "{}: {err}",
            db.name
        );
        let mut c = s.read().await.unwrap();
        let now_stored = tickets::get(&mut c, t.id).await.unwrap().unwrap();
        assert_eq!(now_stored.status, Status::InProgress, "{}", db.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_backends_have_the_same_tables_and_columns() {
    let dbs = backends().await;
    let mut schemas = Vec::new();
    for db in &dbs {
        let mut c = db.store.read().await.unwrap();
        let cols: Vec<(String, String)> = if db.store.is_postgres() {
            c.all(
                "SELECT table_name::text, column_name::text FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name <> '_sqlx_migrations' \
                 AND NOT (table_name = 'search_documents' AND column_name = 'tsv') ORDER BY 1, 2",
                args![],
            )
            .await
            .unwrap()
        } else {
            c.all(
                "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
                 AND m.name NOT LIKE 'search_fts%' ORDER BY 1, 2",
                args![],
            )
            .await
            .unwrap()
        };
        assert!(
            cols.iter()
                .any(|(t, c)| t == "tickets" && c == "priority_rank")
        );
        schemas.push(cols);
    }
    if schemas.len() == 2 {
        assert_eq!(
            schemas[0], schemas[1],
            "the SQLite and PostgreSQL schemas differ"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_and_paging() {
    for db in backends().await {
        let s = &db.store;
        let u = s
            .write(|c| {
                Box::pin(
                    async move { directory::create_user(c, &new_user("carl", None), now()).await },
                )
            })
            .await
            .unwrap();
        s.write(move |c| {
            Box::pin(async move {
                for i in 0..30 {
                    let mut t = ticket(
                        &format!(
                            "{} number {i}",
                            if i % 3 == 0 {
                                "Printer 100% broken"
                            } else {
                                "VPN_down"
                            }
                        ),
                        u,
                        None,
                    );
                    t.created_at = now() + chrono::Duration::minutes(i);
                    tickets::insert(c, &t, false, &[]).await?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
        let v = Visibility {
            user: u,
            all: true,
            departments: vec![],
            groups: vec![],
            security_team: true,
            none: false,
        };
        let mut c = s.read().await.unwrap();
        let q = TicketQuery {
            text: Some("printer".into()),
            page: 1,
            per_page: 4,
            ..Default::default()
        };
        let p = tickets::list(&mut c, &q, &v).await.unwrap();
        assert_eq!(p.total, 10, "{}", db.name);
        assert_eq!(p.items.len(), 4);
        let q = TicketQuery {
            text: Some("100%".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        assert_eq!(
            tickets::list(&mut c, &q, &v).await.unwrap().total,
            10,
            "{}: % is literal",
            db.name
        );
        let q = TicketQuery {
            text: Some("n_down".into()),
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        assert_eq!(
            tickets::list(&mut c, &q, &v).await.unwrap().total,
            20,
            "{}: _ is literal",
            db.name
        );
        let q = TicketQuery {
            created_from: Some(now() + chrono::Duration::minutes(25)),
            page: 1,
            per_page: 50,
            ..Default::default()
        };
        assert_eq!(
            tickets::list(&mut c, &q, &v).await.unwrap().total,
            5,
            "{}: created range",
            db.name
        );
        let q = TicketQuery {
            page: 8,
            per_page: 4,
            ..Default::default()
        };
        let last = tickets::list(&mut c, &q, &v).await.unwrap();
        assert_eq!(last.items.len(), 2, "{}: last page", db.name);
        assert_eq!(last.total, 30);
    }
}
