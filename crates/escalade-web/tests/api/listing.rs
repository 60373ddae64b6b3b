//! The ticket list: every filter (status, priority, category, group, assignee with `me` and
//! `none`, requester, level, type, created range, text in the subject), paging with a total,
//! and the sort orders.

use std::collections::BTreeSet;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use serde_json::json;

use crate::support::{TestServer, TestUser, both, num};

/// Five tickets of different shapes, with a moment `mark` between the second and the third.
struct Fixture {
    a: String,
    b: String,
    c: String,
    d: String,
    e: String,
    mark: String,
    r1: TestUser,
    r2: TestUser,
    a1: TestUser,
    g1: i64,
    g2: i64,
    hardware: i64,
}

async fn fixture(srv: &TestServer) -> Fixture {
    let r1 = srv.requester("rita").await;
    let r2 = srv.requester("ravi").await;
    let a1 = srv.agent("alma").await;
    let a2 = srv.agent("arno").await;
    let g1 = srv.group("Desk", 1, false).await;
    let g2 = srv.group("Workplace", 0, false).await;
    let hardware = srv.category("hardware_failure").await;
    let network = srv.category("network").await;
    let a = srv
        .open(
            &r1,
            json!({"subject": "Printer jam on floor 3", "category_id": hardware, "impact": "high", "urgency": "high"}),
        )
        .await;
    let a = num(&a);
    srv.change(
        &a1,
        &a,
        json!({"group_id": g1, "assignee_id": a1.id, "level": 1}),
    )
    .await;
    let b = srv
        .open(
            &r2,
            json!({"type": "service_request", "subject": "New notebook for Dana", "impact": "low", "urgency": "low"}),
        )
        .await;
    let b = num(&b);
    srv.change(&a1, &b, json!({"group_id": g2})).await;
    tokio::time::sleep(Duration::from_millis(30)).await;
    let mark = Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true);
    tokio::time::sleep(Duration::from_millis(30)).await;
    let c = num(&srv
        .open(
            &r1,
            json!({"type": "question", "subject": "VPN password reset", "category_id": network}),
        )
        .await);
    srv.change(&a2, &c, json!({"assignee_id": a2.id, "level": 2}))
        .await;
    srv.change(&a2, &c, json!({"status": "in_progress"})).await;
    let d = num(
        &srv.open(
            &a1,
            json!({"type": "complaint", "subject": "Slow answers from the desk", "requester_id": r2.id, "urgency": "high"}),
        )
        .await,
    );
    srv.change(&a1, &d, json!({"status": "resolved"})).await;
    let e = srv.open_simple(&r1, "Disk 100% full on build server").await;
    Fixture {
        a,
        b,
        c,
        d,
        e,
        mark,
        r1,
        r2,
        a1,
        g1,
        g2,
        hardware,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_filters_by_every_field() {
    async fn case(srv: &TestServer) {
        let f = fixture(srv).await;
        let admin = &srv.admin;
        let check = async |who: &TestUser, query: &str, want: &[&String]| {
            let (got, total) = srv
                .list_numbers(who, &format!("{query}&per_page=100"))
                .await;
            let got: BTreeSet<String> = got.into_iter().collect();
            let want: BTreeSet<String> = want.iter().map(|s| s.to_string()).collect();
            assert_eq!(got, want, "GET /tickets?{query} as {}", who.login);
            assert_eq!(total, want.len() as i64, "total of ?{query}");
        };
        check(admin, "", &[&f.a, &f.b, &f.c, &f.d, &f.e]).await;
        check(admin, "status=new", &[&f.b, &f.e]).await;
        check(admin, "status=new,assigned", &[&f.a, &f.b, &f.e]).await;
        check(admin, "status=resolved", &[&f.d]).await;
        check(admin, "open=true", &[&f.a, &f.b, &f.c, &f.e]).await;
        check(admin, "priority=critical", &[&f.a]).await;
        check(admin, "priority=critical,high", &[&f.a, &f.d]).await;
        check(admin, "priority=informational", &[&f.b]).await;
        check(admin, &format!("category={}", f.hardware), &[&f.a]).await;
        check(admin, &format!("group={}", f.g1), &[&f.a]).await;
        check(admin, &format!("group={}", f.g2), &[&f.b]).await;
        check(admin, "group=none", &[&f.c, &f.d, &f.e]).await;
        check(admin, &format!("assignee={}", f.a1.id), &[&f.a]).await;
        check(&f.a1, "assignee=me", &[&f.a]).await;
        check(admin, "assignee=me", &[]).await;
        check(admin, "assignee=none", &[&f.b, &f.d, &f.e]).await;
        check(
            admin,
            &format!("requester={}", f.r1.id),
            &[&f.a, &f.c, &f.e],
        )
        .await;
        check(&f.r2, "requester=me", &[&f.b, &f.d]).await;
        check(admin, "level=1", &[&f.a]).await;
        check(admin, "level=2", &[&f.c]).await;
        check(admin, "level=0", &[&f.b, &f.d, &f.e]).await;
        check(admin, "type=service_request", &[&f.b]).await;
        check(admin, "type=question,complaint", &[&f.c, &f.d]).await;
        check(admin, "type=incident", &[&f.a, &f.e]).await;
        check(
            admin,
            &format!("created_from={}", f.mark),
            &[&f.c, &f.d, &f.e],
        )
        .await;
        check(admin, &format!("created_to={}", f.mark), &[&f.a, &f.b]).await;
        check(admin, "q=PRINTER", &[&f.a]).await;
        check(admin, "q=notebook%20for", &[&f.b]).await;
        // LIKE wildcards are searched as text.
        check(admin, "q=%25", &[&f.e]).await;
        check(admin, "q=_", &[]).await;
        check(admin, "q=nothing-like-this", &[]).await;
        check(
            admin,
            &format!("status=new&requester={}&type=incident", f.r1.id),
            &[&f.e],
        )
        .await;
        // A requester's filters work within their own tickets only.
        check(&f.r1, "status=new,assigned", &[&f.a, &f.e]).await;
        check(&f.r1, "", &[&f.a, &f.c, &f.e]).await;
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_pages_with_a_total_and_sorts() {
    async fn case(srv: &TestServer) {
        let f = fixture(srv).await;
        let admin = &srv.admin;
        // Default: newest first, 25 per page.
        let r = srv.get(&admin.token, "/api/v1/tickets").await.expect(200);
        assert_eq!(r.json["page"], 1);
        assert_eq!(r.json["per_page"], 25);
        assert_eq!(r.json["total"], 5);
        let all: Vec<String> = r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(num)
            .collect();
        assert_eq!(all, [&f.e, &f.d, &f.c, &f.b, &f.a].map(String::clone));

        let mut paged = Vec::new();
        for page in 1..=4 {
            let r = srv
                .get(
                    &admin.token,
                    &format!("/api/v1/tickets?per_page=2&page={page}"),
                )
                .await
                .expect(200);
            assert_eq!(r.json["total"], 5, "the total does not depend on the page");
            assert_eq!(r.json["page"], page);
            let items = r.json["items"].as_array().unwrap();
            assert_eq!(items.len(), [2, 2, 1, 0][page as usize - 1], "page {page}");
            paged.extend(items.iter().map(num));
        }
        assert_eq!(paged, all, "pages cover every ticket once, in order");

        let order = async |sort: &str| srv.list_numbers(admin, &format!("sort={sort}")).await.0;
        assert_eq!(
            order("created_at").await,
            [&f.a, &f.b, &f.c, &f.d, &f.e].map(String::clone)
        );
        assert_eq!(order("-created_at").await, all);
        assert_eq!(
            order("-priority").await,
            [&f.a, &f.d, &f.e, &f.c, &f.b].map(String::clone),
            "critical, high, medium (newest first), informational"
        );
        assert_eq!(
            order("priority").await,
            [&f.b, &f.e, &f.c, &f.d, &f.a].map(String::clone)
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
        srv.change(
            &f.a1,
            &f.b,
            json!({"subject": "New notebook for Dana (urgent)"}),
        )
        .await;
        let by_update = order("-updated_at").await;
        assert_eq!(by_update[0], f.b, "the ticket changed last comes first");
        let by_update_asc = order("updated_at").await;
        assert_eq!(by_update_asc.last(), Some(&f.b));
        // Filters and paging combine.
        let (page2, total) = srv
            .list_numbers(
                admin,
                "status=new,assigned&sort=created_at&per_page=1&page=2",
            )
            .await;
        assert_eq!((page2, total), (vec![f.b.clone()], 3));
    }
    both(case).await;
}
