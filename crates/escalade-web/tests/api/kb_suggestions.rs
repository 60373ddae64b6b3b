//! Suggestions over HTTP on both databases: `GET /kb/suggestions` offers published articles
//! a requester may read for what they type (never internal or unpublished ones), and
//! `GET /tickets/{number}/suggestions` gives an agent matching articles and similar tickets,
//! resolved ones first, never the ticket itself, and 404 for a ticket out of reach. Function
//! words (`the`, `when`, `from`) suggest nothing and are never highlighted, and an article
//! written in Markdown is found and shown as plain text, in search and in suggestions.

use serde_json::json;

use crate::kb_search::enc;
use crate::knowledge::{create_article, published};
use crate::support::{TestServer, TestUser, both, num};

fn how_to(title: &str, visibility: &str, body: &str) -> serde_json::Value {
    json!({"title": title, "lang": "en", "visibility": visibility,
           "content": {"kind": "how_to", "body": body}})
}

async fn suggested(srv: &TestServer, who: &TestUser, text: &str) -> Vec<i64> {
    srv.get(
        &who.token,
        &format!("/api/v1/kb/suggestions?q={}", enc(text)),
    )
    .await
    .expect(200)
    .json
    .as_array()
    .expect("list")
    .iter()
    .map(|a| a["article_id"].as_i64().expect("article_id"))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deflection_suggestions_follow_what_the_requester_may_read() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let rita = srv.requester("rita").await;
        let public = published(
            srv,
            &writer,
            how_to(
                "Printer jammed",
                "public",
                "Open the printer tray and remove the paper.",
            ),
        )
        .await;
        let internal = published(
            srv,
            &writer,
            how_to(
                "Printer server",
                "internal",
                "Restart the printer spooler service.",
            ),
        )
        .await;
        let draft = create_article(
            srv,
            &writer,
            how_to("Printer draft", "public", "Printers that jam."),
        )
        .await["id"]
            .as_i64()
            .unwrap();
        // A whole sentence as typed: any of its words may match.
        assert_eq!(
            suggested(srv, &rita, "my printer is jammed since this morning").await,
            vec![public]
        );
        let mut agent = suggested(srv, &writer, "printer").await;
        agent.sort();
        assert_eq!(agent, vec![public, internal], "agents: published only");
        assert!(!agent.contains(&draft));
        // Nothing to go on: nothing suggested, no error.
        assert!(suggested(srv, &rita, "").await.is_empty());
        assert!(suggested(srv, &rita, "?? !").await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ticket_suggestions_put_resolved_tickets_first() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let rita = srv.requester("rita").await;
        let article = published(
            srv,
            &writer,
            how_to("Outlook crashes", "internal", "Start Outlook in safe mode and disable add-ins."),
        )
        .await;
        let open_one = num(&srv
            .open(&rita, json!({"subject": "Outlook crashes at start", "description": "Outlook closes itself."}))
            .await);
        let solved = num(&srv
            .open(&rita, json!({"subject": "Outlook crash", "description": "It crashes when opening."}))
            .await);
        srv.change(&srv.admin, &solved, json!({"status": "resolved"})).await;
        let current = num(&srv
            .open(&rita, json!({"subject": "Outlook crashes again", "description": "Crashes every morning."}))
            .await);
        let r = srv
            .get(&writer.token, &format!("/api/v1/tickets/{current}/suggestions"))
            .await
            .expect(200);
        let articles: Vec<i64> = r.json["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["article_id"].as_i64().unwrap())
            .collect();
        assert_eq!(articles, vec![article]);
        let tickets: Vec<&str> = r.json["tickets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["number"].as_str().unwrap())
            .collect();
        assert_eq!(tickets, vec![solved.as_str(), open_one.as_str()]);
        assert_eq!(r.json["tickets"][0]["status"], "resolved");
        // The requester may not read another's ticket: 404 as for one that does not exist.
        let ravi = srv.requester("ravi").await;
        srv.get(&ravi.token, &format!("/api/v1/tickets/{current}/suggestions"))
            .await
            .expect(404);
    })
    .await;
}

/// The text of a hit's snippet, and its highlighted parts.
fn shown(hit: &serde_json::Value) -> (String, Vec<String>) {
    let parts = hit["snippet"].as_array().expect("snippet");
    let text = parts
        .iter()
        .map(|p| p["text"].as_str().expect("text"))
        .collect();
    let marked = parts
        .iter()
        .filter(|p| p["highlighted"] == true)
        .map(|p| p["text"].as_str().expect("text").to_lowercase())
        .collect();
    (text, marked)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn function_words_suggest_nothing() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let rita = srv.requester("rita").await;
        let outlook = published(
            srv,
            &writer,
            how_to(
                "Set up an out-of-office reply in Outlook",
                "public",
                "Open **File** and choose *Automatic replies*, then set the dates and write the \
                 message colleagues get when you are away from the office.",
            ),
        )
        .await;
        let vpn = published(
            srv,
            &writer,
            how_to(
                "VPN disconnects every few minutes",
                "public",
                "If the **VPN** drops when you work from home, restart the client and have \
                 your session reset by the service desk.",
            ),
        )
        .await;
        // The Outlook article shares only `when`, `from`, `the`, `and`, `have` with the draft.
        let draft = "VPN keeps disconnecting when I work from home and I have to sign in again";
        assert_eq!(suggested(srv, &rita, draft).await, vec![vpn]);
        let r = srv
            .get(
                &rita.token,
                &format!("/api/v1/kb/suggestions?q={}", enc(draft)),
            )
            .await
            .expect(200);
        let (text, marked) = shown(&r.json[0]);
        assert!(!marked.is_empty(), "{text}");
        for word in &marked {
            assert!(
                ["vpn", "work", "home"].contains(&word.as_str()),
                "{word} highlighted in {text}"
            );
        }
        assert!(!text.contains("**"), "{text}");
        // Only function words: nothing at all.
        assert!(
            suggested(srv, &rita, "When and where do you have them?")
                .await
                .is_empty()
        );
        // A content word shared with it suggests the Outlook article.
        assert_eq!(
            suggested(srv, &rita, "I need automatic replies while I am away").await,
            vec![outlook]
        );
        // The search box still asks for what was typed, function words included.
        let r = srv
            .get(&rita.token, "/api/v1/search?type=article&q=when%20from")
            .await
            .expect(200);
        assert_eq!(r.json["total"], 2, "{}", r.json);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_articles_are_searched_as_plain_text() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let rita = srv.requester("rita").await;
        let id = published(
            srv,
            &writer,
            how_to(
                "Reconnect the VPN",
                "public",
                "## Reconnect\n\n1. Click **Connect** in the client.\n2. Wait for *Connected* \
                 and a green shield.\n\nSee [the tunnel guide](https://guides.example.org/tunnel).",
            ),
        )
        .await;
        let r = srv
            .get(&rita.token, "/api/v1/search?type=article&q=connect")
            .await
            .expect(200);
        assert_eq!(r.json["items"][0]["parent_id"], id, "{}", r.json);
        let (text, marked) = shown(&r.json["items"][0]);
        for markup in ["**", "*", "##", "](", "1."] {
            assert!(!text.contains(markup), "{markup} in {text}");
        }
        assert!(text.contains("Click Connect in the client."), "{text}");
        assert_eq!(marked, vec!["connect", "connected"], "{text}");
        // A link is indexed by its text, not its address.
        for (q, total) in [("tunnel%20guide", 1), ("example", 0), ("https", 0)] {
            let r = srv
                .get(&rita.token, &format!("/api/v1/search?type=article&q={q}"))
                .await
                .expect(200);
            assert_eq!(r.json["total"], total, "{q}");
        }
        // Suggestions show the same plain text.
        let r = srv
            .get(&rita.token, "/api/v1/kb/suggestions?q=connected%20shield")
            .await
            .expect(200);
        let (text, _) = shown(&r.json[0]);
        assert!(!text.contains('*'), "{text}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_of_markdown_sources_is_rebuilt_as_plain_text() {
    use escalade_app::search::INDEX_VERSION_KEY;
    use escalade_app::search::articles::article_doc_id;
    use escalade_core::knowledge::ArticleId;
    use escalade_core::people::Language;
    use escalade_core::search::index_text;
    use escalade_store::search::{DocType, Document, upsert_document};

    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let source = "Click **Connect** and wait for *Connected*.";
        let id = published(srv, &writer, how_to("Reconnect", "public", source)).await;
        // An index built by version 1: the article's Markdown source as its text.
        let now = chrono::Utc::now();
        srv.app
            .store
            .write(move |c| {
                Box::pin(async move {
                    let doc = Document {
                        doc_type: DocType::Article,
                        doc_id: article_doc_id(ArticleId(id), Language::En),
                        ticket_id: None,
                        parent_id: Some(id),
                        lang: Some("en".into()),
                        internal: false,
                        category_id: None,
                        kind: Some("how_to".into()),
                        status: Some("published".into()),
                        title: "Reconnect".into(),
                        body: source.into(),
                        terms: index_text(source, Some(Language::En)),
                        updated_at: now,
                    };
                    upsert_document(c, &doc).await?;
                    escalade_store::settings::put(c, INDEX_VERSION_KEY, &1_i64, now).await
                })
            })
            .await
            .unwrap();
        let snippet_text = async || {
            let r = srv
                .get(&writer.token, "/api/v1/search?type=article&q=connect")
                .await
                .expect(200);
            assert_eq!(r.json["items"][0]["parent_id"], id, "{}", r.json);
            shown(&r.json["items"][0]).0
        };
        assert!(snippet_text().await.contains("**"));
        assert!(srv.app.search_index_outdated().await.unwrap());
        srv.app.rebuild_search_index(|_| {}).await.unwrap();
        assert!(!srv.app.search_index_outdated().await.unwrap());
        assert_eq!(
            snippet_text().await,
            "Click Connect and wait for Connected."
        );
    })
    .await;
}
