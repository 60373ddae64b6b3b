//! The tickets linked to an article, on both databases: `GET /api/v1/kb/articles/{id}/tickets`
//! lists and counts only the tickets the reader may read (an agent restricted to one group
//! does not learn of another group's ticket, a requester sees only their own), an article the
//! reader may not read is 404, paging and its bad values; the "Linked tickets" section of the
//! agent's article page with its links and pager.

use reqwest::Method;
use serde_json::{Value, json};

use crate::knowledge::{faq, published};
use crate::support::{TestServer, TestUser, both};
use crate::ui_knowledge::PW;

async fn link(srv: &TestServer, who: &TestUser, article: i64, number: &str) {
    srv.call(
        Method::PUT,
        &who.token,
        &format!("/api/v1/kb/articles/{article}/tickets/{number}"),
        None,
    )
    .await
    .expect(200);
}

/// The numbers listed and the total, for `who` on `query`.
async fn linked(srv: &TestServer, who: &TestUser, article: i64, query: &str) -> (Vec<String>, i64) {
    let r = srv
        .get(
            &who.token,
            &format!("/api/v1/kb/articles/{article}/tickets{query}"),
        )
        .await
        .expect(200);
    let numbers = r.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|t| t["number"].as_str().unwrap().to_string())
        .collect();
    (numbers, r.json["total"].as_i64().unwrap())
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_articles_tickets_are_those_the_reader_may_read() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let desk = srv.group("Desk", 1, false).await;
        let network = srv.group("Network", 2, false).await;
        let gina = srv
            .user_with("gina", "agent", &[("agent", "group")], None, Some(PW))
            .await;
        srv.join(desk, &gina).await;
        let rita = srv.requester("rita").await;
        let sam = srv.requester("sam").await;
        let nobody = srv.requester("nora").await;
        let t_desk = srv.open_simple(&rita, "Printer jams on tray 2").await;
        let t_net = srv.open_simple(&sam, "VPN drops every hour").await;
        srv.change(&srv.admin, &t_desk, json!({"group_id": desk}))
            .await;
        srv.change(&srv.admin, &t_net, json!({"group_id": network}))
            .await;
        let public = published(srv, &writer, faq("Paper jams", "public")).await;
        let internal = published(srv, &writer, faq("Tray sensor reset", "internal")).await;
        for number in [&t_desk, &t_net] {
            link(srv, &writer, public, number).await;
        }
        link(srv, &writer, internal, &t_desk).await;

        // Everyone reads the public article; each sees the linked tickets they may read.
        let (all, total) = linked(srv, &writer, public, "").await;
        assert_eq!(total, 2);
        assert_eq!(sorted(all), sorted(vec![t_desk.clone(), t_net.clone()]));
        assert_eq!(
            linked(srv, &gina, public, "").await,
            (vec![t_desk.clone()], 1),
            "an agent of Desk does not learn of Network's ticket"
        );
        assert_eq!(
            linked(srv, &rita, public, "").await,
            (vec![t_desk.clone()], 1)
        );
        assert_eq!(
            linked(srv, &sam, public, "").await,
            (vec![t_net.clone()], 1)
        );
        assert_eq!(linked(srv, &nobody, public, "").await, (vec![], 0));
        let r = srv
            .get(
                &gina.token,
                &format!("/api/v1/kb/articles/{public}/tickets"),
            )
            .await
            .expect(200);
        assert_eq!(r.json["items"][0]["subject"], "Printer jams on tray 2");
        assert_eq!(r.json["items"][0]["status"], "new");
        assert!(
            !r.json.to_string().contains("VPN"),
            "nothing of the other ticket"
        );

        // An article the reader may not read is the same 404 as one that does not exist.
        srv.get(
            &rita.token,
            &format!("/api/v1/kb/articles/{internal}/tickets"),
        )
        .await
        .error(404, "not_found");
        srv.get(&writer.token, "/api/v1/kb/articles/999999/tickets")
            .await
            .error(404, "not_found");
        assert_eq!(
            linked(srv, &gina, internal, "").await,
            (vec![t_desk.clone()], 1)
        );

        // Paging: the most recently linked first, and bad values named.
        let mut more = Vec::new();
        for i in 0..3 {
            let n = srv.open_simple(&rita, &format!("Jam number {i}")).await;
            link(srv, &writer, public, &n).await;
            more.push(n);
        }
        let (first, total) = linked(srv, &writer, public, "?per_page=2").await;
        assert_eq!(total, 5);
        assert_eq!(first, vec![more[2].clone(), more[1].clone()]);
        let (second, _) = linked(srv, &writer, public, "?per_page=2&page=2").await;
        assert_eq!(second.len(), 2);
        assert_eq!(second[0], more[0]);
        let (third, _) = linked(srv, &writer, public, "?per_page=2&page=3").await;
        assert_eq!(third.len(), 1);
        assert_eq!(linked(srv, &rita, public, "?per_page=2").await.1, 4);
        let r = srv
            .get(
                &writer.token,
                &format!("/api/v1/kb/articles/{public}/tickets?per_page=0"),
            )
            .await
            .error(400, "invalid_query");
        assert_eq!(r.field(), "per_page");
        let r = srv
            .get(
                &writer.token,
                &format!("/api/v1/kb/articles/{public}/tickets?page=0"),
            )
            .await
            .error(400, "invalid_query");
        assert_eq!(r.field(), "page");

        // The call is in the OpenAPI document.
        let doc: Value = srv
            .send(srv.http.get(srv.url("/api/v1/openapi.json")))
            .await
            .expect(200)
            .json;
        assert!(
            doc["paths"]["/api/v1/kb/articles/{id}/tickets"]["get"].is_object(),
            "described"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_article_page_lists_its_linked_tickets_with_paging() {
    both(async |srv: &TestServer| {
        let writer = srv
            .user_with("wanda", "agent", &[("agent", "all")], None, Some(PW))
            .await;
        let desk = srv.group("Desk", 1, false).await;
        let gina = srv
            .user_with("gina", "agent", &[("agent", "group")], None, Some(PW))
            .await;
        srv.join(desk, &gina).await;
        let rita = srv.requester("rita").await;
        let article = published(srv, &writer, faq("Paper jams", "public")).await;
        let mut numbers = Vec::new();
        for i in 0..12 {
            let n = srv.open_simple(&rita, &format!("Jam number {i:02}")).await;
            if i == 0 {
                srv.change(&srv.admin, &n, json!({"group_id": desk})).await;
            }
            link(srv, &writer, article, &n).await;
            numbers.push(n);
        }

        let web = srv.web_login("wanda", PW).await;
        let page = web.get(&format!("/kb/{article}")).await.expect(200);
        assert!(page.body.contains("id=\"kb-linked-tickets\""));
        assert!(page.body.contains("12 tickets"), "{}", page.body);
        assert!(page.body.contains("Page 1 of 2"));
        // The most recently linked first, each a link to its ticket.
        assert!(page.body.contains(&format!(
            "<a href=\"/agent/tickets/{0}\">{0}</a>",
            numbers[11]
        )));
        assert!(page.body.contains("Jam number 11"));
        assert!(!page.body.contains("Jam number 01"), "on page 2");
        let next = format!("/kb/{article}?lang=en&#38;tickets_page=2#kb-linked-tickets");
        assert!(page.body.contains(&next), "the next page: {}", page.body);
        let second = web
            .get(&format!("/kb/{article}?lang=en&tickets_page=2"))
            .await
            .expect(200);
        assert!(second.body.contains("Jam number 01"));
        assert!(second.body.contains("Jam number 00"));
        assert!(!second.body.contains("Jam number 11"));
        assert!(second.body.contains("Page 2 of 2"));

        // An agent of Desk sees the one Desk ticket, and the count says one.
        let gweb = srv.web_login("gina", PW).await;
        let page = gweb.get(&format!("/kb/{article}")).await.expect(200);
        assert!(
            page.body
                .contains(&format!("id=\"kb-linked-{}\"", numbers[0]))
        );
        assert!(page.body.contains("1 ticket<"), "{}", page.body);
        for n in &numbers[1..] {
            assert!(!page.body.contains(n.as_str()), "{n} stays unknown");
        }
    })
    .await;
}
