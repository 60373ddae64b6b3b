//! The knowledge base pages of the agent console over HTTP, as a browser without script uses
//! them, on both databases: the list's filters, counts and paging; what requesters get (404,
//! no navigation link); form tokens. The editor is in `ui_knowledge_editor`, the lifecycle
//! buttons, history and reports in `ui_knowledge_flow`.

use serde_json::{Value, json};

use crate::knowledge::{create_article, faq, published};
use crate::support::{TestServer, TestUser, both};
use crate::web::WebUser;

/// The password of the people these tests log in as.
pub const PW: &str = "a-good-password-1";

/// An agent (writes, does not publish) who can log in through the form.
pub async fn writer(srv: &TestServer, login: &str) -> (TestUser, WebUser) {
    let u = srv
        .user_with(login, "agent", &[("agent", "all")], None, Some(PW))
        .await;
    let w = srv.web_login(login, PW).await;
    (u, w)
}

/// A team lead (publishes) who can log in through the form.
pub async fn lead(srv: &TestServer, login: &str) -> (TestUser, WebUser) {
    let u = srv
        .user_with(login, "agent", &[("team_lead", "all")], None, Some(PW))
        .await;
    let w = srv.web_login(login, PW).await;
    (u, w)
}

/// An article as the API reads it.
pub async fn api_article(srv: &TestServer, id: i64) -> Value {
    srv.get(&srv.admin.token, &format!("/api/v1/kb/articles/{id}"))
        .await
        .expect(200)
        .json
}

/// The ids of the list's rows on a page, in order.
pub fn row_ids(body: &str) -> Vec<i64> {
    body.split("id=\"kb-row-")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

fn sop(title: &str) -> Value {
    json!({
        "title": title,
        "lang": "en",
        "visibility": "internal",
        "content": {"kind": "sop", "steps": [{"text": "Open the console", "expected": "It opens"}]}
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_filters_counts_and_pages_articles() {
    both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        // 27 drafts (FAQ), one published FAQ, two SOPs in French.
        for i in 0..27 {
            create_article(
                srv,
                &wanda,
                faq(&format!("Printer question {i:02}"), "internal"),
            )
            .await;
        }
        let public = published(srv, &wanda, faq("VPN answer", "public")).await;
        let mut fr = sop("Réinitialiser le mot de passe");
        fr["lang"] = json!("fr");
        let fr_id = create_article(srv, &wanda, fr).await["id"]
            .as_i64()
            .unwrap();
        let sop_id = create_article(srv, &wanda, sop("Restart the print spooler")).await["id"]
            .as_i64()
            .unwrap();

        let page = web.get("/kb").await.expect(200);
        assert!(page.body.contains("id=\"nav-knowledge\""), "the nav link");
        assert!(page.body.contains("30 articles"), "the total");
        assert!(page.body.contains("Page 1 of 2"));
        let first = row_ids(&page.body);
        assert_eq!(first.len(), 25, "25 per page");
        // Newest change first: the last article created leads.
        assert_eq!(first[0], sop_id);
        assert!(page.body.contains("id=\"kb-count-draft\""));
        assert!(
            page.body.contains("Draft <span class=\"count\">29</span>"),
            "the count per status"
        );
        assert!(
            page.body
                .contains("Published <span class=\"count\">1</span>")
        );
        let next = web.get("/kb?page=2").await.expect(200);
        let second = row_ids(&next.body);
        assert_eq!(second.len(), 5);
        assert!(second.iter().all(|id| !first.contains(id)), "no overlap");
        assert!(next.body.contains("id=\"pager-prev\""));

        // Filters: kind, status, visibility, language, title text; they stay in the pager.
        let sops = web.get("/kb?kind=sop").await.expect(200);
        let mut ids = row_ids(&sops.body);
        ids.sort();
        assert_eq!(ids, vec![fr_id, sop_id]);
        assert!(sops.body.contains("<option value=\"sop\" selected>"));
        assert_eq!(
            row_ids(&web.get("/kb?status=published").await.expect(200).body),
            vec![public]
        );
        assert_eq!(
            row_ids(&web.get("/kb?visibility=public").await.expect(200).body),
            vec![public]
        );
        assert_eq!(
            row_ids(&web.get("/kb?lang=fr").await.expect(200).body),
            vec![fr_id]
        );
        let text = web.get("/kb?q=printer+QUESTION+1").await.expect(200);
        assert_eq!(
            row_ids(&text.body).len(),
            10,
            "titles 10 to 19: {}",
            text.body
        );
        assert!(text.body.contains("10 articles"));
        let paged = web.get("/kb?q=printer&kind=faq").await.expect(200);
        assert!(paged.body.contains("27 articles"));
        assert!(
            paged
                .body
                .contains("href=\"/kb?kind=faq&#38;q=printer&#38;page=2\""),
            "the pager keeps the filters: {}",
            paged.body
        );
        let next = web.get("/kb?q=printer&kind=faq&page=2").await.expect(200);
        assert_eq!(row_ids(&next.body).len(), 2);
        // A value that is not understood says so, names the filter, and shows everything.
        let bad = web.get("/kb?kind=novel").await.expect(200);
        assert!(bad.body.contains("id=\"kb-filter-error\""));
        assert!(bad.body.contains("The filter “Kind”"), "{}", bad.body);
        // The text box searches the full text: an inflected word no title contains.
        assert_eq!(
            row_ids(&web.get("/kb?q=passes").await.expect(200).body),
            vec![fr_id],
            "\"passes\" finds \"mot de passe\""
        );
        let empty = web.get("/kb?q=nothing+like+this").await.expect(200);
        assert!(empty.body.contains("id=\"kb-empty\""));
    })
    .await;
}

fn toner(i: usize) -> Value {
    json!({
        "title": format!("Item {i:02}"),
        "lang": "en",
        "visibility": "internal",
        "content": {"kind": "faq", "question": format!("Item {i:02}?"),
                    "answer": format!("Replace the toner cartridge of printer {i:02}.")}
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn words_page_through_the_search_one_page_at_a_time() {
    both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        // 30 articles whose text (not their title) says "toner"; the last two published.
        let mut all = Vec::new();
        for i in 0..30 {
            let id = if i >= 28 {
                published(srv, &wanda, toner(i)).await
            } else {
                create_article(srv, &wanda, toner(i)).await["id"]
                    .as_i64()
                    .unwrap()
            };
            all.push(id);
        }
        let first = web.get("/kb?q=toner").await.expect(200);
        assert!(first.body.contains("30 articles"), "{}", first.body);
        assert!(first.body.contains("Page 1 of 2"));
        let one = row_ids(&first.body);
        assert_eq!(one.len(), 25);
        assert!(
            first.body.contains("href=\"/kb?q=toner&#38;page=2\""),
            "{}",
            first.body
        );
        // Page 2 shows the next articles: the other five, none of the first page.
        let second = web.get("/kb?q=toner&page=2").await.expect(200);
        let two = row_ids(&second.body);
        assert_eq!(two.len(), 5, "{}", second.body);
        assert!(two.iter().all(|id| !one.contains(id)), "no overlap");
        let mut seen: Vec<i64> = one.iter().chain(two.iter()).copied().collect();
        seen.sort();
        assert_eq!(seen, all, "every match once over the two pages");
        assert!(second.body.contains("Page 2 of 2"));
        // The search does not count by status: no counts beside the statuses then.
        assert!(!first.body.contains("<span class=\"count\">"));
        // A status with words: only those, paged.
        let mut published_ids = row_ids(
            &web.get("/kb?q=toner&status=published")
                .await
                .expect(200)
                .body,
        );
        published_ids.sort();
        assert_eq!(published_ids, all[28..].to_vec());
        let drafts = web.get("/kb?q=toner&status=draft&page=2").await.expect(200);
        assert!(drafts.body.contains("28 articles"), "{}", drafts.body);
        assert_eq!(row_ids(&drafts.body).len(), 3);
        // Text the search does not find: titles that contain it, counted by status.
        let titles = web.get("/kb?q=tem+0").await.expect(200);
        let mut ids = row_ids(&titles.body);
        ids.sort();
        assert_eq!(ids, all[..10].to_vec(), "Item 00 to Item 09");
        assert!(
            titles
                .body
                .contains("Draft <span class=\"count\">10</span>"),
            "{}",
            titles.body
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_get_not_found_and_no_knowledge_link() {
    both(async |srv| {
        let (wanda, _) = writer(srv, "wanda").await;
        let internal = published(srv, &wanda, faq("Internal runbook", "internal")).await;
        let public = published(srv, &wanda, faq("Public answer", "public")).await;
        srv.user_with("rita", "requester", &[("requester", "own")], None, Some(PW))
            .await;
        let rita = srv.web_login("rita", PW).await;
        let home = rita.get("/portal").await.expect(200);
        assert!(!home.body.contains("nav-knowledge"), "no Knowledge link");
        assert!(!home.body.contains("href=\"/kb\""));
        for path in [
            format!("/kb/{internal}"),
            format!("/kb/{public}"),
            "/kb/999999".to_string(),
            "/kb".to_string(),
            "/kb/new".to_string(),
            format!("/kb/{internal}/history"),
            format!("/kb/{internal}/edit"),
            "/kb/reports".to_string(),
        ] {
            let p = rita.get(&path).await;
            assert_eq!(p.status, 404, "{path}");
            assert!(!p.body.contains("Internal runbook"), "{path} leaks nothing");
            assert!(p.body.contains("This page does not exist"));
        }
        let p = rita
            .post(&format!("/kb/{internal}/moves"), &[("move", "archive")])
            .await;
        assert_eq!(p.status, 404);
        assert_eq!(srv_status(srv, internal).await, "published");
        // An agent sees the internal article, and an unknown one is the same 404 for them.
        let (_, agent) = writer(srv, "walt").await;
        let page = agent.get(&format!("/kb/{internal}")).await.expect(200);
        assert!(page.body.contains("Internal runbook"));
        assert_eq!(agent.get("/kb/999999").await.status, 404);
        assert_eq!(agent.get("/kb/abc").await.status, 404);
    })
    .await;
}

async fn srv_status(srv: &TestServer, id: i64) -> String {
    api_article(srv, id).await["status"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_without_the_token_are_refused_and_change_nothing() {
    both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        let id = create_article(srv, &wanda, faq("Draft answer", "internal")).await["id"]
            .as_i64()
            .unwrap();
        let p = web
            .post_raw(&format!("/kb/{id}/moves"), &[("move", "submit")])
            .await;
        assert_eq!(p.status, 403);
        assert!(p.body.contains("This form has expired"));
        let p = web
            .post_raw(
                &format!("/kb/{id}/moves"),
                &[("csrf", "not-the-token"), ("move", "submit")],
            )
            .await;
        assert_eq!(p.status, 403);
        let p = web
            .post_raw(
                "/kb/new",
                &[("kind", "faq"), ("title", "Sneaky"), ("lang", "en")],
            )
            .await;
        assert_eq!(p.status, 403);
        let p = web
            .post_raw(&format!("/kb/{id}/edit"), &[("title", "Changed")])
            .await;
        assert_eq!(p.status, 403);
        let a = api_article(srv, id).await;
        assert_eq!(a["status"], "draft");
        assert_eq!(a["title"], "Draft answer");
        assert_eq!(a["version"], 1);
        let list = srv
            .get(&srv.admin.token, "/api/v1/kb/articles")
            .await
            .expect(200);
        assert_eq!(list.json["total"], 1, "nothing created");
    })
    .await;
}
