//! Suggestions over HTTP on both databases: `GET /kb/suggestions` offers published articles
//! a requester may read for what they type (never internal or unpublished ones), and
//! `GET /tickets/{number}/suggestions` gives an agent matching articles and similar tickets,
//! resolved ones first, never the ticket itself, and 404 for a ticket out of reach.

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
