//! The knowledge base in the flow of work, over HTTP on both databases: helpful votes, views,
//! the most viewed and needs-review lists, links between articles and tickets, drafting an
//! article from a resolved ticket, deflections, each agent's contribution, and article files.

use serde_json::{Value, json};

use crate::knowledge::{create_article, faq, make_move, published};
use crate::support::{TestServer, TestUser, both};

#[tokio::test]
async fn votes_views_most_viewed_and_needs_review() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let a = published(srv, &writer, faq("VPN", "public")).await;
        let b = published(srv, &writer, faq("Printer", "public")).await;
        let draft = create_article(srv, &writer, faq("Draft", "public")).await["id"]
            .as_i64()
            .unwrap();
        let mut readers = Vec::new();
        for i in 0..5 {
            readers.push(srv.requester(&format!("reader{i}")).await);
        }
        // Five votes, four not helpful; one reader changes their mind.
        for (i, r) in readers.iter().enumerate() {
            let v = srv
                .post(
                    &r.token,
                    &format!("/api/v1/kb/articles/{a}/votes"),
                    json!({"helpful": i == 0}),
                )
                .await
                .expect(200);
            assert_eq!(
                v.json["helpful"].as_i64().unwrap() + v.json["not_helpful"].as_i64().unwrap(),
                i as i64 + 1
            );
        }
        let v = srv
            .post(
                &readers[0].token,
                &format!("/api/v1/kb/articles/{a}/votes"),
                json!({"helpful": false}),
            )
            .await
            .expect(200);
        assert_eq!(
            v.json,
            json!({"helpful": 0, "not_helpful": 5}),
            "one vote per person, changeable"
        );
        let v = srv
            .post(
                &readers[0].token,
                &format!("/api/v1/kb/articles/{a}/votes"),
                json!({"helpful": true}),
            )
            .await
            .expect(200);
        assert_eq!(v.json, json!({"helpful": 1, "not_helpful": 4}));
        let mine = srv
            .get(&readers[0].token, &format!("/api/v1/kb/articles/{a}"))
            .await
            .expect(200);
        assert_eq!(mine.json["my_vote"], true);
        srv.post(
            &writer.token,
            &format!("/api/v1/kb/articles/{draft}/votes"),
            json!({"helpful": true}),
        )
        .await
        .error(409, "not_published");
        let r = srv
            .post(
                &readers[0].token,
                &format!("/api/v1/kb/articles/{a}/votes"),
                json!({"helpful": "yes"}),
            )
            .await
            .expect(422);
        assert_eq!(r.field(), "helpful");

        // Views: b is viewed three times, a once; drafts are not counted.
        for _ in 0..3 {
            srv.post(
                &readers[1].token,
                &format!("/api/v1/kb/articles/{b}/views"),
                json!({}),
            )
            .await
            .expect(200);
        }
        let v = srv
            .post(
                &readers[2].token,
                &format!("/api/v1/kb/articles/{a}/views"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(v.json["count"], 1);
        let v = srv
            .post(
                &writer.token,
                &format!("/api/v1/kb/articles/{draft}/views"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(v.json["count"], 0);
        let m = srv
            .get(&readers[3].token, "/api/v1/kb/most-viewed?limit=5")
            .await
            .expect(200);
        let ids: Vec<i64> = m
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, vec![b, a]);
        assert_eq!(m.json[0]["view_count"], 3);

        // Needs review: a is mostly not helpful; with a one-day policy nothing is stale yet.
        let n = srv
            .get(&writer.token, "/api/v1/kb/needs-review")
            .await
            .expect(200);
        assert_eq!(n.json.as_array().unwrap().len(), 1, "{}", n.json);
        assert_eq!(n.json[0]["article"]["id"], a);
        assert_eq!(
            n.json[0]["reasons"],
            json!([{"reason": "mostly_not_helpful", "helpful": 1, "not_helpful": 4}])
        );
        let r = srv
            .get(&writer.token, "/api/v1/kb/needs-review?stale_days=0")
            .await
            .error(422, "out_of_range");
        assert_eq!(r.field(), "stale_days");
        srv.get(&readers[0].token, "/api/v1/kb/needs-review")
            .await
            .error(403, "forbidden");
        // A publisher's review stamp is audited.
        srv.post(
            &srv.admin.token,
            &format!("/api/v1/kb/articles/{a}/reviewed"),
            json!({}),
        )
        .await
        .expect(200);
        srv.post(
            &writer.token,
            &format!("/api/v1/kb/articles/{a}/reviewed"),
            json!({}),
        )
        .await
        .error(403, "forbidden");
        let r = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/kb/articles/{draft}/reviewed"),
                json!({}),
            )
            .await
            .error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "review_only_published");
    })
    .await;
}

#[tokio::test]
async fn links_between_articles_and_tickets() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let requester = srv.requester("rita").await;
        let stranger = srv.requester("sam").await;
        let number = srv.open_simple(&requester, "VPN drops every hour").await;
        let public = published(srv, &writer, faq("VPN drops", "public")).await;
        let internal = published(srv, &writer, faq("VPN concentrator restart", "internal")).await;
        for id in [public, internal] {
            let r = srv
                .call(
                    reqwest::Method::PUT,
                    &writer.token,
                    &format!("/api/v1/kb/articles/{id}/tickets/{number}"),
                    None,
                )
                .await
                .expect(200);
            assert_eq!(r.json["changed"], true);
        }
        let r = srv
            .call(
                reqwest::Method::PUT,
                &writer.token,
                &format!("/api/v1/kb/articles/{public}/tickets/{number}"),
                None,
            )
            .await
            .expect(200);
        assert_eq!(r.json["changed"], false, "linking twice changes nothing");

        // The agent sees both; the requester only the public one; a stranger not the ticket.
        let l = srv
            .get(
                &writer.token,
                &format!("/api/v1/kb/tickets/{number}/articles"),
            )
            .await
            .expect(200);
        assert_eq!(l.json["total"], 2);
        let l = srv
            .get(
                &requester.token,
                &format!("/api/v1/kb/tickets/{number}/articles"),
            )
            .await
            .expect(200);
        let ids: Vec<i64> = l.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids, vec![public]);
        srv.get(
            &stranger.token,
            &format!("/api/v1/kb/tickets/{number}/articles"),
        )
        .await
        .error(404, "not_found");
        // Requesters cannot link (no ticket.note), and nobody links a ticket they cannot read.
        srv.call(
            reqwest::Method::PUT,
            &requester.token,
            &format!("/api/v1/kb/articles/{public}/tickets/{number}"),
            None,
        )
        .await
        .error(403, "forbidden");
        srv.call(
            reqwest::Method::PUT,
            &stranger.token,
            &format!("/api/v1/kb/articles/{public}/tickets/{number}"),
            None,
        )
        .await
        .error(404, "not_found");
        srv.call(
            reqwest::Method::PUT,
            &writer.token,
            &format!("/api/v1/kb/articles/{public}/tickets/INC-999999"),
            None,
        )
        .await
        .error(404, "not_found");

        let r = srv
            .delete(
                &writer.token,
                &format!("/api/v1/kb/articles/{internal}/tickets/{number}"),
            )
            .await
            .expect(200);
        assert_eq!(r.json["changed"], true);
        let l = srv
            .get(
                &writer.token,
                &format!("/api/v1/kb/tickets/{number}/articles"),
            )
            .await
            .expect(200);
        assert_eq!(l.json["total"], 1);
    })
    .await;
}

#[tokio::test]
async fn draft_from_a_resolved_ticket_deflections_and_contribution() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let other = srv.agent("otto").await;
        let requester = srv.requester("rita").await;
        let t = srv.open(&requester, json!({"subject": "Outlook asks for the password again and again", "description": "Since this morning Outlook prompts every minute."})).await;
        let number = crate::support::num(&t);
        // Not resolved yet: refused.
        srv.post(&writer.token, &format!("/api/v1/kb/tickets/{number}/draft"), json!({})).await.error(409, "ticket_not_resolved");
        srv.comment(&writer, &number, "public", "Remove the stored credentials in Credential Manager, then restart Outlook.").await.expect(201);
        srv.comment(&writer, &number, "internal", "internal musings").await.expect(201);
        srv.change(&writer, &number, json!({"status": "resolved"})).await;
        // Requesters may not draft articles.
        srv.post(&requester.token, &format!("/api/v1/kb/tickets/{number}/draft"), json!({})).await.error(403, "forbidden");
        let r = srv.post(&writer.token, &format!("/api/v1/kb/tickets/{number}/draft"), json!({"kind": "poem"})).await.error(422, "unknown_value");
        assert_eq!(r.field(), "kind");

        let d = srv.post(&writer.token, &format!("/api/v1/kb/tickets/{number}/draft"), json!({})).await.expect(201);
        let id = d.json["id"].as_i64().unwrap();
        assert_eq!(d.json["status"], "draft");
        assert_eq!(d.json["visibility"], "internal");
        assert_eq!(d.json["kind"], "known_error");
        assert_eq!(d.json["source_ticket"], number);
        assert_eq!(d.json["title"], "Outlook asks for the password again and again");
        assert_eq!(d.json["content"]["symptom"], "Since this morning Outlook prompts every minute.");
        assert_eq!(d.json["content"]["workaround"], "Remove the stored credentials in Credential Manager, then restart Outlook.");
        assert_eq!(d.json["content"]["cause"], "");
        let linked = srv.get(&writer.token, &format!("/api/v1/kb/tickets/{number}/articles")).await.expect(200);
        assert_eq!(linked.json["items"][0]["id"], id, "the draft is linked to its ticket");
        let faq_draft = srv.post(&other.token, &format!("/api/v1/kb/tickets/{number}/draft"), json!({"kind": "faq", "lang": "fr"})).await.expect(201);
        assert_eq!(faq_draft.json["original_lang"], "fr");
        assert_eq!(faq_draft.json["content"]["answer"], "Remove the stored credentials in Credential Manager, then restart Outlook.");

        // Complete it, make it public and publish it; then a requester's problem is solved by it.
        srv.patch(&writer.token, &format!("/api/v1/kb/articles/{id}"), json!({
            "visibility": "public",
            "content": {"kind": "known_error", "symptom": "Outlook prompts for the password", "cause": "Stale stored credentials", "workaround": "Remove them and restart Outlook"}
        })).await.expect(200);
        make_move(srv, &writer, id, "submit", None).await.expect(200);
        make_move(srv, &srv.admin, id, "approve", None).await.expect(200);
        let before = srv.ticket_total().await;
        let asker = srv.requester("paul").await;
        let r = srv.post(&asker.token, &format!("/api/v1/kb/articles/{id}/deflections"), json!({"typed_text": "outlook password prompt"})).await.expect(201);
        assert_eq!(r.json["count"], 1);
        let r = srv.post(&requester.token, &format!("/api/v1/kb/articles/{id}/deflections"), json!({"typed_text": "outlook"})).await.expect(201);
        assert_eq!(r.json["count"], 2);
        assert_eq!(srv.ticket_total().await, before, "a deflection opens no ticket");
        let a = srv.get(&asker.token, &format!("/api/v1/kb/articles/{id}")).await.expect(200);
        assert_eq!(a.json["deflections"], 2);
        let r = srv.post(&asker.token, &format!("/api/v1/kb/articles/{id}/deflections"), json!({"typed_text": "x".repeat(2001)})).await.error(422, "too_long");
        assert_eq!(r.field(), "typed_text");
        // An unpublished article solves nothing.
        srv.post(&writer.token, &format!("/api/v1/kb/articles/{}/deflections", faq_draft.json["id"]), json!({})).await.error(409, "not_published");

        // Contribution: wanda authored one (published, from a ticket), otto one draft from a
        // ticket; the administrator approved one.
        let c = srv.get(&srv.admin.token, "/api/v1/kb/contributions").await.expect(200);
        let row = |uid: i64| c.json.as_array().unwrap().iter().find(|r| r["user_id"] == uid).cloned().unwrap_or(Value::Null);
        let w = row(writer.id);
        assert_eq!((w["authored"].as_i64(), w["published"].as_i64(), w["from_tickets"].as_i64()), (Some(1), Some(1), Some(1)), "{}", c.json);
        assert_eq!(w["edits"], 2);
        let o = row(other.id);
        assert_eq!((o["authored"].as_i64(), o["published"].as_i64(), o["from_tickets"].as_i64()), (Some(1), Some(0), Some(1)), "{}", c.json);
        assert_eq!(row(srv.admin.id)["approved"], 1);
        let c = srv.get(&srv.admin.token, "/api/v1/kb/contributions?since=2999-01-01T00:00:00Z").await.expect(200);
        assert!(c.json.as_array().unwrap().iter().all(|r| r["authored"] == 0), "{}", c.json);
        // Agents without report.view or kb.publish do not see the league table.
        srv.get(&writer.token, "/api/v1/kb/contributions").await.error(403, "forbidden");
    })
    .await;
}

#[tokio::test]
async fn files_attached_to_articles() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let requester = srv.requester("rita").await;
        let upload = async |who: &TestUser, id: i64, name: &str, bytes: &[u8]| {
            let rb = srv
                .http
                .post(srv.url(&format!("/api/v1/kb/articles/{id}/attachments?name={name}")))
                .bearer_auth(&who.token)
                .header("content-type", "image/png")
                .body(bytes.to_vec());
            srv.send(rb).await
        };
        let public = create_article(srv, &writer, faq("Screenshots", "public")).await["id"]
            .as_i64()
            .unwrap();
        let internal = create_article(srv, &writer, faq("Runbook", "internal")).await["id"]
            .as_i64()
            .unwrap();
        let r = upload(&writer, public, "screen.png", b"\x89PNG fake")
            .await
            .expect(201);
        assert_eq!(r.json["file_name"], "screen.png");
        assert_eq!(r.json["media_type"], "image/png");
        assert_eq!(r.json["size"], 9);
        let url = r.json["url"].as_str().unwrap().to_string();
        upload(&writer, internal, "secret.txt", b"root password hint")
            .await
            .expect(201);
        upload(&writer, public, "empty.png", b"")
            .await
            .error(422, "empty_file");

        // Readers of the published article download it, always as a download.
        make_move(srv, &writer, public, "submit", None)
            .await
            .expect(200);
        make_move(srv, &srv.admin, public, "approve", None)
            .await
            .expect(200);
        let d = srv.get(&requester.token, &url).await.expect(200);
        assert_eq!(d.bytes, b"\x89PNG fake");
        assert!(
            d.header("content-disposition")
                .is_some_and(|v| v.starts_with("attachment"))
        );
        let l = srv
            .get(
                &requester.token,
                &format!("/api/v1/kb/articles/{public}/attachments"),
            )
            .await
            .expect(200);
        assert_eq!(l.json["items"].as_array().unwrap().len(), 1);
        // Requesters reach nothing of an internal article, and upload nowhere.
        srv.get(
            &requester.token,
            &format!("/api/v1/kb/articles/{internal}/attachments"),
        )
        .await
        .error(404, "not_found");
        upload(&requester, public, "mine.png", b"x")
            .await
            .error(403, "forbidden");
        // A file is reached only through its own article.
        let other = srv
            .get(
                &writer.token,
                &format!("/api/v1/kb/articles/{internal}/attachments"),
            )
            .await
            .expect(200);
        let secret = other.json["items"][0]["id"].as_i64().unwrap();
        srv.get(
            &requester.token,
            &format!("/api/v1/kb/articles/{public}/attachments/{secret}"),
        )
        .await
        .error(404, "not_found");
        // A published article takes files only from a publisher.
        let r = upload(&writer, public, "more.png", b"x")
            .await
            .error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "published_edited_by_publisher");
        upload(&srv.admin, public, "more.png", b"x")
            .await
            .expect(201);
    })
    .await;
}
