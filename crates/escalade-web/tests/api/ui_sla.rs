//! The SLA in the web UI over HTTP: the clocks panel of the ticket page (due, left, breached
//! after a scheduler round), the explain page (policy and why, calendar, working intervals,
//! journal events), the "SLA at risk" queue (only at-risk tickets, only those in reach), the
//! notifications page (list, mark read, form token), the SLA administration (calendars and
//! policies through forms, refused input kept, form token, non-administrators 404), and
//! requesters kept out of all of it.

use std::time::Duration;

use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestServer, TestUser, both, num};
use crate::web::Page;

mod admin;
mod translated;

const PASSWORD: &str = "sla-password-for-tests";

/// The ids of the at-risk queue's rows, in order.
fn risk_rows(page: &Page) -> Vec<String> {
    page.body
        .split("<tr id=\"risk-")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The `<li>` of one clock on the ticket page.
fn clock_item<'a>(page: &'a Page, kind: &str) -> &'a str {
    let start = page
        .body
        .find(&format!("id=\"sla-clock-{kind}\""))
        .unwrap_or_else(|| panic!("no {kind} clock on {}", page.body));
    let rest = &page.body[start..];
    &rest[..rest.find("</li>").unwrap_or(rest.len())]
}

struct Desk {
    lina: TestUser,
    /// Network (Lina's group), assigned to her.
    mine: String,
    /// Servers, out of Lina's reach.
    elsewhere: String,
    /// Network, resolved before its clocks could warn.
    done: String,
}

/// A 3-second resolution target that warns after a second, behind a VIP policy that is tried
/// first and passed over; Lina at level 1 in "Network".
async fn desk(srv: &TestServer) -> Desk {
    srv.fast_policy(
        "Trial",
        json!({"first_response_minutes": 60, "resolution_minutes": 0.05}),
        json!({"warn_percent": 1, "on_warning": ["notify"], "on_breach": ["notify"]}),
    )
    .await;
    srv.fast_policy(
        "VIP only",
        json!({"first_response_minutes": 10, "resolution_minutes": 60}),
        json!({"conditions": {"vip": true}}),
    )
    .await;
    let network = srv.group("Network", 1, false).await;
    let servers = srv.group("Servers", 2, false).await;
    let lina = srv
        .user_with("lina", "agent", &[("agent", "group")], None, Some(PASSWORD))
        .await;
    srv.join(network, &lina).await;
    let admin = srv.admin.clone();
    let open = |subject: &'static str, group: i64, level: i64, assignee: Option<i64>| {
        let mut b = json!({"subject": subject, "group_id": group, "level": level});
        if let Some(a) = assignee {
            b["assignee_id"] = json!(a);
        }
        b
    };
    let mine = num(&srv
        .open(
            &admin,
            open("Switch port flapping", network, 1, Some(lina.id)),
        )
        .await);
    let elsewhere = num(&srv
        .open(&admin, open("Disk full on db01", servers, 2, None))
        .await);
    let done = num(&srv
        .open(&admin, open("VPN profile missing", network, 1, None))
        .await);
    srv.change(&admin, &done, json!({"status": "resolved"}))
        .await;
    Desk {
        lina,
        mine,
        elsewhere,
        done,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clocks_explain_at_risk_and_notifications() {
    async fn case(srv: &TestServer) {
        let d = desk(srv).await;
        let lina = srv.web_login("lina", PASSWORD).await;
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;

        // Before the deadline: running with time left, a due time and the way to "Why?".
        let page = lina
            .get(&format!("/agent/tickets/{}", d.mine))
            .await
            .expect(200);
        assert!(page.body.contains("id=\"sla-clocks\""), "{}", page.body);
        let response = clock_item(&page, "response");
        assert!(response.contains("data-state=\"running\""), "{response}");
        assert!(response.contains(" left"), "{response}");
        assert!(
            response.contains("id=\"sla-clock-response-due\""),
            "{response}"
        );
        assert!(
            page.body
                .contains(&format!("href=\"/agent/tickets/{}/sla\"", d.mine))
        );
        let empty = lina.get("/agent/sla/at-risk").await.expect(200);
        assert!(empty.body.contains("id=\"sla-at-risk-empty\""));

        tokio::time::sleep(Duration::from_millis(3600)).await;
        srv.scheduler_round("ui-test").await;

        // Breached: red, overdue in words.
        let page = lina
            .get(&format!("/agent/tickets/{}", d.mine))
            .await
            .expect(200);
        let resolution = clock_item(&page, "resolution");
        assert!(
            resolution.contains("data-state=\"breached\""),
            "{resolution}"
        );
        assert!(resolution.contains("overdue by"), "{resolution}");
        assert!(
            resolution.contains("sla-badge sla-breached"),
            "{resolution}"
        );

        // The explanation: the policy, why (the VIP policy passed over), the calendar, the
        // working intervals counted, the breach from the journal.
        let x = lina
            .get(&format!("/agent/tickets/{}/sla", d.mine))
            .await
            .expect(200);
        for needle in [
            "id=\"sla-explain-title\"",
            "class=\"sla-policy-name\">Trial<",
            "<strong>VIP only</strong>",
            "class=\"sla-calendar-name\">24x7<",
            "class=\"sla-intervals\"",
            "class=\"optional sla-working-intervals\"><time",
            "id=\"sla-explain-events\"",
            "Breach",
        ] {
            assert!(x.body.contains(needle), "{needle} missing: {}", x.body);
        }
        assert!(
            !x.body.contains("id=\"sla-explain-events-none\""),
            "the breach is in the journal"
        );

        // At risk: the administrator sees both running tickets, Lina only hers; the resolved
        // one is on nobody's queue.
        let all = admin.get("/agent/sla/at-risk").await.expect(200);
        let rows = risk_rows(&all);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows.contains(&d.mine) && rows.contains(&d.elsewhere));
        assert!(!rows.contains(&d.done));
        let hers = lina.get("/agent/sla/at-risk").await.expect(200);
        assert_eq!(risk_rows(&hers), vec![d.mine.clone()]);
        assert!(hers.body.contains("data-state=\"breached\""));
        // Live refresh: the stamp names the page's tickets; the fragment is the table alone.
        assert!(
            hers.body
                .contains("data-refresh-url=\"/agent/sla/at-risk/stamp?page=1\"")
        );
        let stamp = lina
            .get("/agent/sla/at-risk/stamp?page=1")
            .await
            .expect(200);
        assert!(stamp.body.contains(&d.mine) && !stamp.body.contains(&d.elsewhere));
        let rows = lina.get("/agent/sla/at-risk/rows?page=1").await.expect(200);
        assert!(rows.body.contains(&format!("id=\"risk-{}\"", d.mine)));
        assert!(!rows.body.contains("<html"));
        srv.web_get_anon("/agent/sla/at-risk/stamp", &[])
            .await
            .expect(401);
        let home = lina.get("/agent").await.expect(200);
        assert!(home.body.contains("id=\"card-sla-at-risk\""));

        // Notifications: Lina (the assignee) got the warning and the breach, newest first.
        let n = lina.get("/agent/notifications").await.expect(200);
        let ids: Vec<i64> = n
            .body
            .split("id=\"notification-")
            .skip(1)
            .filter_map(|s| s.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(ids.len(), 2, "{}", n.body);
        assert!(ids[0] > ids[1], "newest first");
        assert!(n.body.contains("2 unread"));
        assert!(
            n.body
                .contains(&format!("href=\"/agent/tickets/{}\"", d.mine))
        );
        let path = format!("/agent/notifications/{}/read", ids[0]);
        lina.post_raw(&path, &[]).await.expect(403);
        let done = lina.post(&path, &[]).await.expect(303);
        assert_eq!(
            done.location.as_deref(),
            Some("/agent/notifications?saved=read")
        );
        let after = lina
            .get("/agent/notifications?saved=read")
            .await
            .expect(200);
        assert!(after.body.contains("1 unread"), "{}", after.body);
        assert!(after.body.contains("Marked as read."));
        // Someone else's notification is not found.
        admin.post(&path, &[]).await.expect(404);
        let _ = d.lina;
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_reach_none_of_the_sla_pages() {
    both(async |srv| {
        let rita = srv
            .user_with(
                "rita",
                "requester",
                &[("requester", "own")],
                None,
                Some(PASSWORD),
            )
            .await;
        let n = srv.open_simple(&rita, "Printer jams").await;
        let web = srv.web_login("rita", PASSWORD).await;
        for path in [
            format!("/agent/tickets/{n}/sla"),
            "/agent/sla/at-risk".to_string(),
            "/agent/sla/at-risk/stamp".to_string(),
            "/agent/sla/at-risk/rows".to_string(),
            "/agent/notifications".to_string(),
            "/admin/sla/policies".to_string(),
            "/admin/sla/calendars".to_string(),
        ] {
            web.get(&path).await.expect(404);
        }
        // Her own ticket still explains itself through the API, without OLA clocks.
        srv.get(&rita.token, &format!("/api/v1/tickets/{n}/sla/explain"))
            .await
            .expect(200);
    })
    .await;
}
