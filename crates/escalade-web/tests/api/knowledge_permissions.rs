//! Who may do what with knowledge articles: requesters read published public articles only
//! (anything else is 404 by direct id, and absent from lists), never edit; agents write but do
//! not publish; team leads publish; existing databases get the new permissions on their
//! built-in roles.

use serde_json::json;

use crate::knowledge::{create_article, faq, make_move, published};
use crate::support::{TestServer, both};

#[tokio::test]
async fn requesters_never_get_internal_or_unpublished_articles() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let requester = srv.requester("rita").await;
        let public = published(srv, &writer, faq("Public answer", "public")).await;
        let internal = published(srv, &writer, faq("Internal runbook", "internal")).await;
        let draft = create_article(srv, &writer, faq("Public draft", "public")).await["id"]
            .as_i64()
            .unwrap();
        let review = create_article(srv, &writer, faq("Public in review", "public")).await["id"]
            .as_i64()
            .unwrap();
        make_move(srv, &writer, review, "submit", None)
            .await
            .expect(200);
        let archived = published(srv, &writer, faq("Public archived", "public")).await;
        make_move(srv, &srv.admin, archived, "archive", None)
            .await
            .expect(200);

        let r = srv
            .get(&requester.token, &format!("/api/v1/kb/articles/{public}"))
            .await
            .expect(200);
        assert_eq!(r.json["title"], "Public answer");
        for id in [internal, draft, review, archived, 999_999] {
            // The same answer as for an article that does not exist: no existence leak.
            let r = srv
                .get(&requester.token, &format!("/api/v1/kb/articles/{id}"))
                .await
                .error(404, "not_found");
            assert_eq!(r.json["error"]["message"], "article not found");
            for path in ["views", "votes", "deflections"] {
                let body = if path == "votes" {
                    json!({"helpful": true})
                } else {
                    json!({})
                };
                srv.post(
                    &requester.token,
                    &format!("/api/v1/kb/articles/{id}/{path}"),
                    body,
                )
                .await
                .error(404, "not_found");
            }
            srv.get(
                &requester.token,
                &format!("/api/v1/kb/articles/{id}/sop-text"),
            )
            .await
            .error(404, "not_found");
            srv.get(
                &requester.token,
                &format!("/api/v1/kb/articles/{id}/versions"),
            )
            .await
            .error(404, "not_found");
            srv.patch(
                &requester.token,
                &format!("/api/v1/kb/articles/{id}"),
                json!({"title": "x"}),
            )
            .await
            .error(404, "not_found");
            make_move(srv, &requester, id, "approve", None)
                .await
                .error(404, "not_found");
        }
        // Lists: whatever the requester asks for, only published public articles come back.
        for q in [
            "",
            "?status=draft",
            "?visibility=internal",
            "?status=archived",
            "?status=review",
        ] {
            let l = srv
                .get(&requester.token, &format!("/api/v1/kb/articles{q}"))
                .await
                .expect(200);
            let ids: Vec<i64> = l.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["id"].as_i64().unwrap())
                .collect();
            let expected = if q.is_empty() { vec![public] } else { vec![] };
            assert_eq!(ids, expected, "list{q}: {}", l.json);
        }
        srv.post(
            &requester.token,
            &format!("/api/v1/kb/articles/{public}/views"),
            json!({}),
        )
        .await
        .expect(200);
        srv.post(
            &writer.token,
            &format!("/api/v1/kb/articles/{internal}/views"),
            json!({}),
        )
        .await
        .expect(200);
        let m = srv
            .get(&requester.token, "/api/v1/kb/most-viewed")
            .await
            .expect(200);
        let ids: Vec<i64> = m
            .json
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_i64().unwrap())
            .collect();
        assert_eq!(
            ids,
            vec![public],
            "most viewed holds no internal article for requesters"
        );
        // The agent sees everything.
        for id in [internal, draft, review, archived] {
            srv.get(&writer.token, &format!("/api/v1/kb/articles/{id}"))
                .await
                .expect(200);
        }
        let l = srv
            .get(&writer.token, "/api/v1/kb/articles")
            .await
            .expect(200);
        assert_eq!(l.json["total"], 5);
    })
    .await;
}

#[tokio::test]
async fn requesters_cannot_write_and_agents_cannot_publish() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let requester = srv.requester("rita").await;
        let public = published(srv, &writer, faq("Public answer", "public")).await;
        // A requester may read this article but not change it: 403, and nothing changes.
        srv.patch(
            &requester.token,
            &format!("/api/v1/kb/articles/{public}"),
            json!({"title": "Hacked"}),
        )
        .await
        .error(403, "forbidden");
        let body =
            json!({"title": "Piraté", "content": {"kind": "faq", "question": "?", "answer": "!"}});
        srv.call(
            reqwest::Method::PUT,
            &requester.token,
            &format!("/api/v1/kb/articles/{public}/translations/fr"),
            Some(body),
        )
        .await
        .error(403, "forbidden");
        make_move(srv, &requester, public, "archive", None)
            .await
            .error(403, "forbidden");
        srv.post(
            &requester.token,
            "/api/v1/kb/articles",
            faq("Mine", "public"),
        )
        .await
        .error(403, "forbidden");
        srv.get(
            &requester.token,
            &format!("/api/v1/kb/articles/{public}/versions"),
        )
        .await
        .error(403, "forbidden");
        let r = srv
            .get(&writer.token, &format!("/api/v1/kb/articles/{public}"))
            .await
            .expect(200);
        assert_eq!(
            (
                r.json["title"].as_str(),
                r.json["version"].as_i64(),
                r.json["status"].as_str()
            ),
            (Some("Public answer"), Some(1), Some("published"))
        );

        // An agent without kb.publish writes and submits, but cannot approve, send back,
        // archive, or change a published article.
        let a = create_article(srv, &writer, faq("Needs approval", "public")).await["id"]
            .as_i64()
            .unwrap();
        make_move(srv, &writer, a, "submit", None).await.expect(200);
        let r = make_move(srv, &writer, a, "approve", None)
            .await
            .error(403, "forbidden");
        assert_eq!(r.json["error"]["rule"], "kb.publish");
        make_move(srv, &writer, a, "send_back", Some("no"))
            .await
            .error(403, "forbidden");
        make_move(srv, &writer, public, "archive", None)
            .await
            .error(403, "forbidden");
        let r = srv
            .patch(
                &writer.token,
                &format!("/api/v1/kb/articles/{public}"),
                json!({"visibility": "internal"}),
            )
            .await
            .error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "published_edited_by_publisher");
        let r = srv
            .get(&writer.token, &format!("/api/v1/kb/articles/{a}"))
            .await
            .expect(200);
        assert_eq!(r.json["status"], "review");

        // A team lead publishes; an auditor reads internal articles but writes nothing.
        let lead = srv
            .user_with("lena", "agent", &[("team_lead", "all")], None, None)
            .await;
        // The lead may edit the article in review, but approval checks completeness again.
        let blank =
            json!({"content": {"kind": "faq", "question": "Needs approval?", "answer": " "}});
        srv.patch(&lead.token, &format!("/api/v1/kb/articles/{a}"), blank)
            .await
            .expect(200);
        let r = make_move(srv, &lead, a, "approve", None)
            .await
            .error(422, "required");
        assert_eq!(r.field(), "content.answer");
        let fixed =
            json!({"content": {"kind": "faq", "question": "Needs approval?", "answer": "Yes."}});
        srv.patch(&lead.token, &format!("/api/v1/kb/articles/{a}"), fixed)
            .await
            .expect(200);
        make_move(srv, &lead, a, "approve", None).await.expect(200);
        srv.patch(
            &lead.token,
            &format!("/api/v1/kb/articles/{public}"),
            json!({"note": "typo", "title": "Public answer."}),
        )
        .await
        .expect(200);
        let auditor = srv
            .user_with("audrey", "agent", &[("auditor", "all")], None, None)
            .await;
        let internal = create_article(srv, &writer, faq("Internal draft", "internal")).await["id"]
            .as_i64()
            .unwrap();
        srv.get(&auditor.token, &format!("/api/v1/kb/articles/{internal}"))
            .await
            .expect(200);
        srv.patch(
            &auditor.token,
            &format!("/api/v1/kb/articles/{internal}"),
            json!({"title": "x"}),
        )
        .await
        .error(403, "forbidden");
    })
    .await;
}

#[tokio::test]
async fn built_in_roles_carry_the_knowledge_permissions() {
    both(async |srv: &TestServer| {
        let r = srv.get(&srv.admin.token, "/api/v1/roles").await.expect(200);
        let perms = |name: &str| -> Vec<String> {
            r.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["name"] == name)
                .and_then(|x| x["permissions"].as_array())
                .map(|p| {
                    p.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let has = |role: &str, p: &str| perms(role).iter().any(|x| x == p);
        for p in ["kb.read_internal", "kb.write"] {
            assert!(
                has("agent", p) && has("team_lead", p) && has("administrator", p),
                "{p}: {}",
                r.json
            );
        }
        assert!(!has("agent", "kb.publish"));
        assert!(has("team_lead", "kb.publish") && has("administrator", "kb.publish"));
        assert!(has("auditor", "kb.read_internal") && !has("auditor", "kb.write"));
        assert!(perms("requester").iter().all(|p| !p.starts_with("kb.")));
    })
    .await;
}
