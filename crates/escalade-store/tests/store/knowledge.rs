//! The knowledge base's storage on both backends: the migration's grants for existing
//! installations' built-in roles (idempotent, custom roles untouched), and versions guarded
//! by the article's version counter.

use chrono::{TimeZone, Utc};
use escalade_core::authz::Permission;
use escalade_core::ids::UserId;
use escalade_store::directory::{self, NewUser};
use escalade_store::knowledge::versions::{self, TextSave};
use escalade_store::knowledge::{self as kb, NewArticle};
use escalade_store::{Conn, StoreError, roles};

use crate::support::backends;

/// The part of `0012_knowledge.sql` that grants the knowledge permissions to built-in roles
/// of databases created before it.
fn grant_statements(postgres: bool) -> Vec<String> {
    let file = if postgres {
        include_str!("../../migrations/postgres/0012_knowledge.sql")
    } else {
        include_str!("../../migrations/sqlite/0012_knowledge.sql")
    };
    let (_, grants) = file
        .split_once("-- Existing installations")
        .expect("the grants section");
    let grants = &grants[grants.find("UPDATE").expect("the grants")..];
    grants
        .split(';')
        .map(|s| {
            s.lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|s| !s.trim().is_empty())
        .collect()
}

async fn perms(c: &mut Conn, name: &str) -> (Vec<Permission>, String) {
    let r = roles::by_name(c, name).await.unwrap().expect("role");
    (r.permission_list(), r.permissions)
}

#[tokio::test]
async fn existing_built_in_roles_get_the_knowledge_permissions() {
    use Permission::*;
    for db in backends().await {
        let s = &db.store;
        let postgres = s.is_postgres();
        s.write(move |c| {
            Box::pin(async move {
                // Roles as a database made before the knowledge base holds them.
                roles::create(c, "requester", "r", &[TicketCreate, TicketRead], true).await?;
                roles::create(c, "agent", "a", &[TicketRead, TicketReply], true).await?;
                roles::create(c, "team_lead", "l", &[TicketRead, ReportView], true).await?;
                roles::create(c, "auditor", "u", &[TicketRead, AuditRead], true).await?;
                roles::create(c, "administrator", "x", &[AdminRoles], true).await?;
                // A custom role named like nothing built in stays as it is.
                roles::create(c, "night_shift", "n", &[TicketRead], false).await?;
                for _ in 0..2 {
                    for stmt in grant_statements(postgres) {
                        c.exec(&stmt, vec![]).await?;
                    }
                }
                Ok(())
            })
        })
        .await
        .unwrap();
        let mut c = s.read().await.unwrap();
        let (agent, text) = perms(&mut c, "agent").await;
        assert!(
            agent.contains(&KbReadInternal)
                && agent.contains(&KbWrite)
                && !agent.contains(&KbPublish),
            "{}: {text}",
            db.name
        );
        assert_eq!(
            text.matches("kb.write").count(),
            1,
            "applied twice, granted once: {text}"
        );
        assert!(
            agent.contains(&TicketReply),
            "existing permissions kept: {text}"
        );
        for lead in ["team_lead", "administrator"] {
            let (p, text) = perms(&mut c, lead).await;
            assert!(
                [KbReadInternal, KbWrite, KbPublish]
                    .iter()
                    .all(|k| p.contains(k)),
                "{lead}: {text}"
            );
            assert_eq!(text.matches("kb.publish").count(), 1, "{text}");
        }
        let (auditor, text) = perms(&mut c, "auditor").await;
        assert!(
            auditor.contains(&KbReadInternal) && !auditor.contains(&KbWrite),
            "{text}"
        );
        let (requester, text) = perms(&mut c, "requester").await;
        assert!(!text.contains("kb."), "{requester:?}");
        let (_, night) = perms(&mut c, "night_shift").await;
        assert_eq!(night, "ticket.read");
    }
}

#[tokio::test]
async fn every_save_is_a_version_guarded_by_the_counter() {
    for db in backends().await {
        let s = &db.store;
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
        let outcome = s
            .write(move |c| {
                Box::pin(async move {
                    let user = directory::create_user(
                        c,
                        &NewUser {
                            login: "wanda".into(),
                            display_name: "Wanda".into(),
                            email: None,
                            kind: "agent".into(),
                            department: None,
                            language: "en".into(),
                            time_zone: "UTC".into(),
                            vip: false,
                            password_hash: None,
                        },
                        now,
                    )
                    .await?;
                    let id = kb::insert(
                        c,
                        &NewArticle {
                            kind: "how_to".into(),
                            category: None,
                            service: None,
                            visibility: "internal".into(),
                            original_lang: "en".into(),
                            author: UserId(user.0),
                            source_ticket: None,
                        },
                        now,
                    )
                    .await?;
                    let save = |lang: &str, title: &str| TextSave {
                        lang: lang.into(),
                        title: title.into(),
                        content: r#"{"kind":"how_to","body":"b"}"#.into(),
                        author: UserId(user.0),
                        note: String::new(),
                    };
                    let v1 = versions::save(c, id, Some(0), &save("en", "One"), now).await?;
                    let v2 = versions::save(c, id, Some(1), &save("fr", "Un"), now).await?;
                    let stale = versions::save(c, id, Some(1), &save("en", "Late"), now).await;
                    let v3 = versions::save(c, id, None, &save("en", "Three"), now).await?;
                    Ok((id, v1, v2, stale.err(), v3))
                })
            })
            .await
            .unwrap();
        let (id, v1, v2, stale, v3) = outcome;
        assert_eq!((v1, v2, v3), (1, 2, 3), "{}", db.name);
        assert!(
            matches!(
                stale,
                Some(StoreError::Conflict {
                    code: "stale_version",
                    ..
                })
            ),
            "{stale:?}"
        );
        let mut c = s.read().await.unwrap();
        let history = versions::history(&mut c, id).await.unwrap();
        let seen: Vec<(i64, &str, &str)> = history
            .iter()
            .map(|v| (v.number, v.lang.as_str(), v.title.as_str()))
            .collect();
        assert_eq!(
            seen,
            vec![(3, "en", "Three"), (2, "fr", "Un"), (1, "en", "One")]
        );
        let texts = versions::translations(&mut c, id).await.unwrap();
        let titles: Vec<&str> = texts.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(titles, vec!["Three", "Un"]);
        assert_eq!(kb::get(&mut c, id).await.unwrap().unwrap().version, 3);
    }
}

/// One article's facts for the needs-review agreement test.
struct Case {
    status: &'static str,
    helpful: i64,
    not_helpful: i64,
    reviewed_days_ago: Option<i64>,
    published_days_ago: Option<i64>,
    /// Seconds added to the review instant (just inside or outside a day boundary).
    nudge: i64,
}

#[tokio::test]
async fn the_needs_review_sql_agrees_with_the_domain_decision() {
    use chrono::{DateTime, Duration};
    use escalade_core::knowledge::{ArticleStatus, ReviewFacts, ReviewPolicy, needs_review};
    use escalade_store::knowledge::{ArticleFilter, ArticleOrder, ReviewSelection};

    let now = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    let case = |status, helpful, not_helpful, reviewed, published, nudge| Case {
        status,
        helpful,
        not_helpful,
        reviewed_days_ago: reviewed,
        published_days_ago: published,
        nudge,
    };
    let cases = vec![
        case("published", 0, 0, Some(1), Some(1), 0),
        case("published", 1, 4, Some(1), Some(1), 0),
        case("published", 2, 2, Some(1), Some(1), 0),
        case("published", 2, 3, Some(1), Some(1), 0),
        case("published", 0, 4, Some(1), Some(1), 0),
        case("published", 0, 5, Some(1), Some(1), 0),
        case("published", 1, 1, Some(1), Some(1), 0),
        case("published", 10, 11, Some(1), Some(1), 0),
        case("published", 0, 0, Some(180), Some(400), 0),
        case("published", 0, 0, Some(180), Some(400), 1),
        case("published", 0, 0, Some(180), Some(400), -1),
        case("published", 0, 0, Some(179), Some(400), 0),
        case("published", 0, 0, Some(30), Some(30), 0),
        case("published", 0, 0, Some(7), Some(7), -1),
        case("published", 0, 0, None, Some(200), 0),
        case("published", 0, 0, None, Some(10), 0),
        case("published", 0, 0, None, None, 0),
        case("published", 3, 9, Some(365), Some(365), 0),
        case("published", 0, 0, Some(-2), Some(1), 0),
        case("draft", 0, 9, Some(400), Some(400), 0),
        case("review", 0, 0, None, None, 0),
        case("archived", 1, 9, Some(500), Some(500), 0),
    ];
    let policies = [
        ReviewPolicy::default(),
        ReviewPolicy {
            min_votes: 1,
            not_helpful_percent: 50,
            stale_days: 7,
        },
        ReviewPolicy {
            min_votes: 0,
            not_helpful_percent: 0,
            stale_days: 30,
        },
        ReviewPolicy {
            min_votes: 20,
            not_helpful_percent: 40,
            stale_days: 1,
        },
        ReviewPolicy {
            min_votes: 2,
            not_helpful_percent: 100,
            stale_days: 36_500,
        },
    ];
    /// Status, helpful, not helpful, reviewed at, published at.
    type Stored = (
        &'static str,
        i64,
        i64,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
    );
    let at = |days: Option<i64>, nudge: i64| -> Option<DateTime<Utc>> {
        days.map(|d| now - Duration::days(d) + Duration::seconds(nudge))
    };
    for db in backends().await {
        let s = &db.store;
        let facts: Vec<(i64, ReviewFacts)> = s
            .write({
                let cases: Vec<Stored> =
                    cases
                        .iter()
                        .map(|k| {
                            (
                                k.status,
                                k.helpful,
                                k.not_helpful,
                                at(k.reviewed_days_ago, k.nudge),
                                at(k.published_days_ago, 0),
                            )
                        })
                        .collect();
                move |c| {
                    Box::pin(async move {
                        let user = directory::create_user(
                            c,
                            &NewUser {
                                login: "wanda".into(),
                                display_name: "Wanda".into(),
                                email: None,
                                kind: "agent".into(),
                                department: None,
                                language: "en".into(),
                                time_zone: "UTC".into(),
                                vip: false,
                                password_hash: None,
                            },
                            now,
                        )
                        .await?;
                        let mut out = Vec::new();
                        for (i, (status, helpful, not_helpful, reviewed, published)) in
                            cases.into_iter().enumerate()
                        {
                            let id = kb::insert(
                                c,
                                &NewArticle {
                                    kind: "how_to".into(),
                                    category: None,
                                    service: None,
                                    visibility: "public".into(),
                                    original_lang: "en".into(),
                                    author: UserId(user.0),
                                    source_ticket: None,
                                },
                                now,
                            )
                            .await?;
                            let text = TextSave {
                                lang: "en".into(),
                                title: format!("Article {i}"),
                                content: r#"{"kind":"how_to","body":"b"}"#.into(),
                                author: UserId(user.0),
                                note: String::new(),
                            };
                            versions::save(c, id, Some(0), &text, now).await?;
                            c.exec(
                                "UPDATE kb_articles SET status = $1, helpful = $2, not_helpful = $3, \
                                 reviewed_at = $4, published_at = $5 WHERE id = $6",
                                vec![
                                    status.into(),
                                    helpful.into(),
                                    not_helpful.into(),
                                    reviewed.into(),
                                    published.into(),
                                    id.0.into(),
                                ],
                            )
                            .await?;
                            out.push((
                                id.0,
                                ReviewFacts {
                                    status: ArticleStatus::parse(status, "status").unwrap(),
                                    helpful,
                                    not_helpful,
                                    reviewed_at: reviewed.or(published),
                                },
                            ));
                        }
                        Ok(out)
                    })
                }
            })
            .await
            .unwrap();
        let mut c = s.read().await.unwrap();
        for policy in &policies {
            let mut expected: Vec<(i64, i64)> = facts
                .iter()
                .filter(|(_, f)| !needs_review(f, policy, now).is_empty())
                .map(|(id, f)| (f.not_helpful, *id))
                .collect();
            // Most not-helpful votes first, then by id: the list's order.
            expected.sort_by_key(|(n, id)| (-n, *id));
            let expected: Vec<i64> = expected.into_iter().map(|(_, id)| id).collect();
            let filter = ArticleFilter {
                needs_review: Some(ReviewSelection::new(policy, now)),
                order: ArticleOrder::MostNotHelpful,
                ..Default::default()
            };
            let (rows, total) = kb::list(&mut c, &filter, "en", 1, 500).await.unwrap();
            let got: Vec<i64> = rows.iter().map(|r| r.article.id).collect();
            assert_eq!(got, expected, "{}: {policy:?}", db.name);
            assert_eq!(total, expected.len() as i64, "{}: {policy:?}", db.name);
            assert!(!expected.is_empty(), "each policy selects something");
            // Paged: the second page of two continues the first.
            let (page2, total2) = kb::list(&mut c, &filter, "en", 2, 2).await.unwrap();
            assert_eq!(total2, total);
            let got2: Vec<i64> = page2.iter().map(|r| r.article.id).collect();
            assert_eq!(
                got2,
                expected.iter().skip(2).take(2).copied().collect::<Vec<_>>()
            );
        }
    }
}
