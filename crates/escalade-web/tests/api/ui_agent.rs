//! The agent console over HTTP: the home page's own counts, each queue listing exactly its
//! tickets, filters, sorting and paging, the live-refresh stamp and rows fragment, and the
//! new-ticket-on-behalf form with its refusals. A requester sees none of it.

use serde_json::{Value, json};

use crate::support::{TestServer, TestUser, both, num};
use crate::web::{Page, WebUser};

mod new_ticket;

const PASSWORD: &str = "desk-password-for-tests";

/// A small desk: Lina works at level 1 in "Network" (roles scoped to her groups); "Servers"
/// is a level-2 group she is not in. Tickets are named for where they should show up.
struct Desk {
    lina: TestUser,
    rita: TestUser,
    network: i64,
    servers: i64,
    /// Network, assigned to Lina.
    mine: String,
    /// Network, nobody assigned.
    unassigned: String,
    /// Servers, nobody assigned: out of Lina's reach.
    other_group: String,
    /// Network, assigned to Lina, resolved.
    resolved: String,
    /// Escalated from the hotline to Network.
    escalated: String,
    /// Escalated from Network to Servers.
    escalated_away: String,
    /// Servers (level 2), assigned to Lina.
    mine_elsewhere: String,
}

async fn open_as_admin(srv: &TestServer, body: Value) -> String {
    num(&srv.open(&srv.admin, body).await)
}

async fn escalate(srv: &TestServer, number: &str, group: i64) {
    srv.post(
        &srv.admin.token,
        &format!("/api/v1/tickets/{number}/escalations"),
        json!({"summary": "Checked the link and the switch port; needs the next level.", "group_id": group}),
    )
    .await
    .expect(201);
}

async fn desk(srv: &TestServer) -> Desk {
    let hotline = srv.group("Hotline", 0, false).await;
    let network = srv.group("Network", 1, false).await;
    let servers = srv.group("Servers", 2, false).await;
    let lina = srv
        .user_with("lina", "agent", &[("agent", "group")], None, Some(PASSWORD))
        .await;
    srv.join(network, &lina).await;
    let rita = srv
        .user_with(
            "rita",
            "requester",
            &[("requester", "own")],
            None,
            Some(PASSWORD),
        )
        .await;
    let t = |subject: &str, group: i64, level: i64, assignee: Option<i64>| {
        let mut b =
            json!({"subject": subject, "requester_id": rita.id, "group_id": group, "level": level});
        if let Some(a) = assignee {
            b["assignee_id"] = json!(a);
        }
        b
    };
    let mine = open_as_admin(srv, t("Switch port flapping", network, 1, Some(lina.id))).await;
    let unassigned = open_as_admin(srv, t("Wifi drops on floor 3", network, 1, None)).await;
    let other_group = open_as_admin(srv, t("Disk full on db01", servers, 2, None)).await;
    let resolved = open_as_admin(srv, t("VPN profile missing", network, 1, Some(lina.id))).await;
    srv.change(&srv.admin, &resolved, json!({"status": "resolved"}))
        .await;
    let escalated = open_as_admin(srv, t("No network in room 12", hotline, 0, None)).await;
    escalate(srv, &escalated, network).await;
    let escalated_away = open_as_admin(srv, t("Core router alarms", network, 1, None)).await;
    escalate(srv, &escalated_away, servers).await;
    let mine_elsewhere = open_as_admin(srv, t("Backup job slow", servers, 2, Some(lina.id))).await;
    Desk {
        lina,
        rita,
        network,
        servers,
        mine,
        unassigned,
        other_group,
        resolved,
        escalated,
        escalated_away,
        mine_elsewhere,
    }
}

/// The ticket numbers of the table rows on a page, in order.
fn rows(page: &Page) -> Vec<String> {
    page.body
        .split("<tr id=\"row-")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The number on a home-page card.
fn card(page: &Page, id: &str) -> i64 {
    let marker = format!("id=\"count-{id}\">");
    let at = page.body.find(&marker).expect("the card") + marker.len();
    page.body[at..]
        .split('<')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .expect("a count")
}

/// The value of an attribute on the element with this id.
fn attr(page: &Page, id: &str, name: &str) -> String {
    let at = page
        .body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let tag_end = page.body[at..].find('>').expect("tag end") + at;
    let tag = &page.body[at..tag_end];
    let marker = format!("{name}=\"");
    let start = tag
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} on #{id}"))
        + marker.len();
    tag[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The HTML of the first row of the table.
fn first_row(page: &Page) -> &str {
    let body = &page.body[page.body.find("<tbody>").expect("a table")..];
    body.split("<tr").nth(1).expect("a row")
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

async fn list(web: &WebUser, path: &str) -> Vec<String> {
    sorted(rows(&web.get(path).await.expect(200)))
}

#[tokio::test]
async fn home_counts_are_the_agents_own_and_link_to_their_queues() {
    both(async |srv| {
        let d = desk(srv).await;
        let lina = srv.web_login("lina", PASSWORD).await;
        let home = lina.get("/agent").await.expect(200);
        assert_eq!(
            card(&home, "mine"),
            2,
            "assigned to her and open, in and out of her groups"
        );
        assert_eq!(
            card(&home, "unassigned"),
            2,
            "her group's unassigned, escalated one included"
        );
        assert_eq!(
            card(&home, "escalated"),
            1,
            "only what was escalated to her group"
        );
        for queue in ["mine", "unassigned", "escalated"] {
            assert!(home.body.contains(&format!(
                "id=\"card-{queue}\" href=\"/agent/queues/{queue}\""
            )));
        }
        assert!(home.body.contains("Network"), "her groups are named");

        // The administrator is in no group: only what is assigned to them counts.
        let admin = srv.web_login("admin", crate::support::ADMIN_PASSWORD).await;
        let home = admin.get("/agent").await.expect(200);
        assert_eq!(card(&home, "mine"), 0);
        assert_eq!(card(&home, "unassigned"), 0);
        assert!(home.body.contains("id=\"home-no-groups\""));
        let _ = (d.network, d.servers);
    })
    .await;
}

#[tokio::test]
async fn each_queue_lists_its_tickets_and_no_others() {
    both(async |srv| {
        let d = desk(srv).await;
        let lina = srv.web_login("lina", PASSWORD).await;
        let expect = |v: &[&String]| sorted(v.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            list(&lina, "/agent/queues/mine").await,
            expect(&[&d.mine, &d.mine_elsewhere])
        );
        assert_eq!(
            list(&lina, "/agent/queues/groups").await,
            expect(&[&d.mine, &d.unassigned, &d.escalated])
        );
        assert_eq!(
            list(&lina, "/agent/queues/unassigned").await,
            expect(&[&d.unassigned, &d.escalated])
        );
        assert_eq!(
            list(&lina, "/agent/queues/level-1").await,
            expect(&[&d.mine, &d.unassigned, &d.escalated])
        );
        assert_eq!(
            list(&lina, "/agent/queues/level-2").await,
            expect(&[&d.mine_elsewhere]),
            "a level queue shows only what she may read"
        );
        assert_eq!(
            list(&lina, "/agent/queues/escalated").await,
            expect(&[&d.escalated])
        );
        assert_eq!(
            list(&lina, "/agent/queues/all").await,
            expect(&[&d.mine, &d.unassigned, &d.escalated, &d.mine_elsewhere])
        );
        assert_eq!(
            list(&lina, "/agent/queues/all?status=any").await,
            expect(&[
                &d.mine,
                &d.unassigned,
                &d.escalated,
                &d.mine_elsewhere,
                &d.resolved
            ]),
            "any status brings the resolved one back"
        );
        let all_of_admin = list(
            &srv.web_login("admin", crate::support::ADMIN_PASSWORD).await,
            "/agent/queues/all",
        )
        .await;
        assert!(all_of_admin.contains(&d.other_group) && all_of_admin.contains(&d.escalated_away));

        let page = lina.get("/agent/queues/mine").await.expect(200);
        assert!(
            page.body
                .contains(&format!("href=\"/agent/tickets/{}\"", d.mine))
        );
        assert!(
            page.body
                .contains("id=\"tab-mine\" href=\"/agent/queues/mine\" aria-current=\"page\"")
        );
        assert!(page.body.contains("2 tickets"));
        lina.get("/agent/queues/level-4").await.expect(404);
        lina.get("/agent/queues/nothing").await.expect(404);
    })
    .await;
}

#[tokio::test]
async fn requesters_get_not_found_on_every_agent_page() {
    both(async |srv| {
        let _d = desk(srv).await;
        let rita = srv.web_login("rita", PASSWORD).await;
        for path in [
            "/agent",
            "/agent/queues/mine",
            "/agent/queues/all",
            "/agent/queues/all/stamp",
            "/agent/queues/all/rows",
            "/agent/new",
        ] {
            let p = rita.get(path).await.expect(404);
            assert!(!p.body.contains("queue-table"), "{path}");
        }
        // Without a session the pages send to the login form, the script's addresses say 401
        // (so that the login form never lands inside a table).
        let anon = srv
            .web_get_anon("/agent/queues/mine", &[])
            .await
            .expect(303);
        assert!(anon.location.unwrap().starts_with("/login"));
        srv.web_get_anon("/agent/queues/mine/stamp", &[])
            .await
            .expect(401);
        srv.web_get_anon("/agent/queues/mine/rows", &[])
            .await
            .expect(401);

        let before = srv.ticket_total().await;
        rita.post("/agent/new", &[("requester_id", "1"), ("subject", "Mine")])
            .await
            .expect(404);
        assert_eq!(srv.ticket_total().await, before);
    })
    .await;
}

#[tokio::test]
async fn filters_sorting_and_paging_keep_each_other() {
    both(async |srv| {
        let rita = srv.requester("rita").await;
        for i in 1..=30 {
            let (impact, urgency) = if i % 10 == 0 {
                ("high", "high")
            } else {
                ("low", "low")
            };
            srv.open(
                &srv.admin,
                json!({"subject": format!("Printer {i:02} jams"), "requester_id": rita.id,
                       "impact": impact, "urgency": urgency}),
            )
            .await;
        }
        open_as_admin(
            srv,
            json!({"subject": "Mouse broken", "requester_id": rita.id}),
        )
        .await;
        let admin = srv.web_login("admin", crate::support::ADMIN_PASSWORD).await;

        let p1 = admin.get("/agent/queues/all?q=printer").await.expect(200);
        assert_eq!(rows(&p1).len(), 25);
        assert!(p1.body.contains("30 tickets") && p1.body.contains("Page 1 of 2"));
        let next = attr(&p1, "page-next", "href");
        assert!(
            next.contains("q=printer") && next.contains("page=2"),
            "{next}"
        );
        let p2 = admin.get(&next).await.expect(200);
        assert_eq!(rows(&p2).len(), 5, "{next}");
        assert!(p2.body.contains("Page 2 of 2") && !p2.body.contains("id=\"page-next\""));
        assert!(attr(&p2, "page-prev", "href").contains("q=printer"));
        let fifty = admin
            .get("/agent/queues/all?q=printer&per_page=50")
            .await
            .expect(200);
        assert_eq!(rows(&fifty).len(), 30);
        let past = admin
            .get("/agent/queues/all?q=printer&page=9")
            .await
            .expect(200);
        assert!(
            past.body.contains("Page 2 of 2"),
            "past the end shows the last page"
        );

        let critical = admin
            .get("/agent/queues/all?q=printer&priority=critical")
            .await
            .expect(200);
        assert_eq!(rows(&critical).len(), 3);
        assert!(
            critical
                .body
                .contains("<option value=\"critical\" selected>")
        );

        // Sorting: by subject both ways, the current column marked for assistive technology,
        // and the column links keep the filters.
        let asc = admin
            .get("/agent/queues/all?q=printer&sort=subject")
            .await
            .expect(200);
        assert_eq!(attr(&asc, "col-subject", "aria-sort"), "ascending");
        assert!(first_row(&asc).contains("Printer 01 jams"));
        let toggle = asc.body.split("id=\"col-subject\"").nth(1).unwrap();
        let toggle_href = toggle
            .split("href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .replace("&#38;", "&");
        assert!(
            toggle_href.contains("sort=-subject") && toggle_href.contains("q=printer"),
            "{toggle_href}"
        );
        let desc = admin
            .get("/agent/queues/all?q=printer&sort=-subject")
            .await
            .expect(200);
        assert_eq!(attr(&desc, "col-subject", "aria-sort"), "descending");
        let top = &desc.body[desc.body.find("<tbody>").unwrap()..];
        assert!(top.find("Printer 30 jams").unwrap() < top.find("Printer 29 jams").unwrap());
        let by_priority = admin.get("/agent/queues/all?q=printer").await.expect(200);
        assert_eq!(
            attr(&by_priority, "col-priority", "aria-sort"),
            "descending",
            "most pressing first by default"
        );
        assert!(first_row(&by_priority).contains("priority-critical"));
        let oldest = admin.get("/agent/queues/all?sort=number").await.expect(200);
        assert!(first_row(&oldest).contains("Printer 01 jams"));
        let newest = admin
            .get("/agent/queues/all?sort=-number")
            .await
            .expect(200);
        assert!(first_row(&newest).contains("Mouse broken"));
        for col in ["requester", "group", "assignee", "status", "updated"] {
            for s in [col.to_string(), format!("-{col}")] {
                admin
                    .get(&format!("/agent/queues/all?sort={s}"))
                    .await
                    .expect(200);
            }
        }

        // By group name both ways, tickets without a group last either way (both databases).
        let alpha = srv.group("Alpha desk", 1, false).await;
        let zeta = srv.group("Zeta desk", 1, false).await;
        let in_alpha = open_as_admin(
            srv,
            json!({"subject": "In alpha", "requester_id": rita.id, "group_id": alpha}),
        )
        .await;
        let in_zeta = open_as_admin(
            srv,
            json!({"subject": "In zeta", "requester_id": rita.id, "group_id": zeta}),
        )
        .await;
        let by_group = rows(&admin.get("/agent/queues/all?sort=group").await.expect(200));
        assert_eq!(by_group[..2], [in_alpha.clone(), in_zeta.clone()]);
        let by_group = rows(&admin.get("/agent/queues/all?sort=-group").await.expect(200));
        assert_eq!(by_group[..2], [in_zeta, in_alpha]);

        // A bad value is named, not a server error.
        for (query, says) in [
            ("status=sleeping", "sleeping"),
            ("priority=urgent", "urgent"),
            ("per_page=7", "Per page"),
            ("sort=colour", "colour"),
            ("group=abc", "Group"),
        ] {
            let bad = admin
                .get(&format!("/agent/queues/all?{query}"))
                .await
                .expect(400);
            assert!(bad.body.contains("id=\"filter-error\""), "{query}");
            assert!(
                !bad.body.contains("data-refresh-url"),
                "a page in error does not refresh"
            );
            assert!(bad.body.contains(says), "{query}: {}", bad.body);
        }
        admin
            .get("/agent/queues/all/rows?level=9")
            .await
            .expect(400);
        admin
            .get("/agent/queues/all/stamp?type=bug")
            .await
            .expect(400);
    })
    .await;
}

#[tokio::test]
async fn the_stamp_moves_when_a_ticket_of_the_queue_changes_and_rows_come_alone() {
    both(async |srv| {
        let d = desk(srv).await;
        let lina = srv.web_login("lina", PASSWORD).await;
        let page = lina
            .get("/agent/queues/unassigned?priority=medium&sort=-updated")
            .await
            .expect(200);
        let stamp_url = attr(&page, "queue-results", "data-refresh-url");
        let rows_url = attr(&page, "queue-results", "data-refresh-fragment");
        assert_eq!(stamp_url, "/agent/queues/unassigned/stamp?priority=medium");
        assert!(
            rows_url.starts_with("/agent/queues/unassigned/rows?")
                && rows_url.contains("priority=medium")
                && rows_url.contains("sort=-updated"),
            "the fragment keeps the filters and the order: {rows_url}"
        );
        let stamp = lina.get(&stamp_url).await.expect(200).body;
        assert_eq!(
            attr(&page, "queue-results", "data-refresh-stamp"),
            stamp,
            "the page starts from the current stamp"
        );

        // A change out of the queue (another group) may move the stamp too: it follows the
        // latest change anywhere, which one index step reads, rather than reading every row of
        // the queue. What matters is that no change to the queue is ever missed.
        srv.change(&srv.admin, &d.other_group, json!({"impact": "high"}))
            .await;
        let stamp = lina.get(&stamp_url).await.expect(200).body;

        // A change to a ticket of the queue moves it.
        srv.comment(
            &srv.admin,
            &d.unassigned,
            "internal",
            "Checked the access point logs.",
        )
        .await
        .expect(201);
        let after_note = lina.get(&stamp_url).await.expect(200).body;
        assert_ne!(after_note, stamp, "a note counts as a change");

        // Taking the ticket out of the queue moves it too, and the fragment no longer lists it.
        let fragment = lina.get(&rows_url).await.expect(200);
        assert!(!fragment.body.contains("<html"), "only the table part");
        assert!(rows(&fragment).contains(&d.unassigned));
        srv.change(&srv.admin, &d.unassigned, json!({"assignee_id": d.lina.id}))
            .await;
        assert_ne!(lina.get(&stamp_url).await.expect(200).body, after_note);
        let fragment = lina.get(&rows_url).await.expect(200);
        assert!(!rows(&fragment).contains(&d.unassigned));
        assert!(rows(&fragment).contains(&d.escalated));
        assert!(fragment.body.contains("id=\"queue-summary\""));
        assert!(fragment.body.contains("aria-sort=\"descending\""));
    })
    .await;
}
