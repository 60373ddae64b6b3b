//! The knowledge base over HTTP on both databases: the article lifecycle with its versions and
//! diff, translations and lists, validation, and the audit of every change. Votes, views,
//! ticket links, drafts from tickets, deflections, contribution and files are in
//! `knowledge_flow`; permissions in `knowledge_permissions`.

use serde_json::{Value, json};

use crate::support::{TestServer, TestUser, both};

/// Creates an article as `who`; asserts 201 and returns it.
pub async fn create_article(srv: &TestServer, who: &TestUser, body: Value) -> Value {
    let r = srv
        .post(&who.token, "/api/v1/kb/articles", body)
        .await
        .expect(201);
    assert!(
        r.header("location")
            .is_some_and(|l| l.ends_with(&format!("/kb/articles/{}", r.json["id"]))),
        "Location names the article"
    );
    r.json
}

/// Makes one lifecycle move; returns the answer.
pub async fn make_move(
    srv: &TestServer,
    who: &TestUser,
    id: i64,
    mv: &str,
    note: Option<&str>,
) -> crate::support::Resp {
    let mut body = json!({"move": mv});
    if let Some(n) = note {
        body["note"] = json!(n);
    }
    srv.post(&who.token, &format!("/api/v1/kb/articles/{id}/moves"), body)
        .await
}

/// A published article: created by `writer`, submitted, approved by the administrator.
pub async fn published(srv: &TestServer, writer: &TestUser, body: Value) -> i64 {
    let a = create_article(srv, writer, body).await;
    let id = a["id"].as_i64().expect("id");
    make_move(srv, writer, id, "submit", None).await.expect(200);
    let r = make_move(srv, &srv.admin, id, "approve", None)
        .await
        .expect(200);
    assert_eq!(r.json["status"], "published");
    id
}

pub fn faq(title: &str, visibility: &str) -> Value {
    json!({
        "title": title,
        "lang": "en",
        "visibility": visibility,
        "content": {"kind": "faq", "question": format!("{title}?"), "answer": "Use the **portal**."}
    })
}

#[tokio::test]
async fn article_lifecycle_with_versions_and_diff() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let a = create_article(
            srv,
            &writer,
            json!({
                "title": "Reset a password",
                "lang": "en",
                "visibility": "public",
                "service": "Directory",
                "content": {"kind": "sop", "steps": [
                    {"text": "Open **Settings**", "expected": "The settings page shows"},
                    {"text": "Click Reset", "expected": ""}
                ]}
            }),
        )
        .await;
        let id = a["id"].as_i64().unwrap();
        assert_eq!(a["status"], "draft");
        assert_eq!(a["kind"], "sop");
        assert_eq!(a["version"], 1);
        assert_eq!(a["author_id"], writer.id);
        assert_eq!(a["languages"], json!(["en"]));
        assert_eq!(a["html"]["steps"][0]["text"], "<p>Open <strong>Settings</strong></p>\n");

        // An incomplete draft cannot go to review: the field says which part is missing.
        let r = make_move(srv, &writer, id, "submit", None).await.error(422, "required");
        assert_eq!(r.field(), "content.steps[1].expected");

        // Editing the draft is a version; a stale version number is refused.
        let r = srv
            .patch(&writer.token, &format!("/api/v1/kb/articles/{id}"), json!({
                "version": 1,
                "note": "expected result of step 2",
                "content": {"kind": "sop", "steps": [
                    {"text": "Open **Settings**", "expected": "The settings page shows"},
                    {"text": "Click Reset", "expected": "A mail with a link arrives"}
                ]}
            }))
            .await
            .expect(200);
        assert_eq!(r.json["version"], 2);
        // A change that changes nothing makes no version.
        let r = srv
            .patch(&writer.token, &format!("/api/v1/kb/articles/{id}"), json!({"title": "Reset a password", "visibility": "public"}))
            .await
            .expect(200);
        assert_eq!(r.json["version"], 2);
        srv.patch(&writer.token, &format!("/api/v1/kb/articles/{id}"), json!({"version": 1, "title": "Late"}))
            .await
            .error(409, "stale_version");
        let r = srv
            .patch(&writer.token, &format!("/api/v1/kb/articles/{id}"), json!({"content": {"kind": "faq"}}))
            .await
            .error(422, "kind_mismatch");
        assert_eq!(r.field(), "content.kind");

        // Submit; a second submit names its rule; the writer cannot approve.
        let r = make_move(srv, &writer, id, "submit", None).await.expect(200);
        assert_eq!(r.json["status"], "review");
        let r = make_move(srv, &writer, id, "submit", None).await.error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "submit_only_draft");
        // In review, a writer's edit is refused by rule; sending back needs a reason.
        let r = srv
            .patch(&writer.token, &format!("/api/v1/kb/articles/{id}"), json!({"title": "Mine"}))
            .await
            .error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "review_edited_by_publisher");
        let r = make_move(srv, &srv.admin, id, "send_back", None).await.error(422, "required");
        assert_eq!(r.field(), "note");
        let r = make_move(srv, &srv.admin, id, "send_back", Some("Say which menu")).await.expect(200);
        assert_eq!(r.json["status"], "draft");
        srv.patch(&writer.token, &format!("/api/v1/kb/articles/{id}"), json!({"title": "Reset a password (web)"}))
            .await
            .expect(200);
        make_move(srv, &writer, id, "submit", None).await.expect(200);
        let r = make_move(srv, &srv.admin, id, "approve", None).await.expect(200);
        assert_eq!(r.json["status"], "published");
        assert_eq!(r.json["approved_by"], srv.admin.id);
        assert!(r.json["published_at"].is_string() && r.json["reviewed_at"].is_string());
        let r = make_move(srv, &srv.admin, id, "revive", None).await.error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "revive_only_archived");

        // History: newest first, every edit a row with its author and note.
        let h = srv.get(&writer.token, &format!("/api/v1/kb/articles/{id}/versions")).await.expect(200);
        let items = h.json["items"].as_array().unwrap();
        let numbers: Vec<i64> = items.iter().map(|v| v["number"].as_i64().unwrap()).collect();
        assert_eq!(numbers, vec![3, 2, 1]);
        assert_eq!(items[1]["note"], "expected result of step 2");
        assert_eq!(items[2]["author_id"], writer.id);
        assert_eq!(items[0]["title"], "Reset a password (web)");

        // Diff between version 1 and 3.
        let d = srv.get(&writer.token, &format!("/api/v1/kb/articles/{id}/diff?from=1&to=3")).await.expect(200);
        assert_eq!(d.json["from"], 1);
        assert_eq!(d.json["to"], 3);
        let lines = d.json["lines"].as_array().unwrap();
        let has = |change: &str, text: &str| lines.iter().any(|l| l["change"] == change && l["text"] == text);
        assert!(has("removed", "# Reset a password"), "{}", d.json);
        assert!(has("added", "# Reset a password (web)"), "{}", d.json);
        assert!(has("added", "A mail with a link arrives"), "{}", d.json);
        assert!(has("same", "Open **Settings**"), "{}", d.json);
        // The title and step 2's (empty) expected result were replaced.
        assert_eq!(d.json["added"], 2);
        assert_eq!(d.json["removed"], 2);
        let r = srv.get(&writer.token, &format!("/api/v1/kb/articles/{id}/diff?from=1&to=9")).await.error(422, "unknown_version");
        assert_eq!(r.field(), "to");

        // Archive and revive.
        let r = make_move(srv, &srv.admin, id, "archive", None).await.expect(200);
        assert_eq!(r.json["status"], "archived");
        let r = srv
            .patch(&srv.admin.token, &format!("/api/v1/kb/articles/{id}"), json!({"title": "x"}))
            .await
            .error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "archived_is_read_only");
        let r = make_move(srv, &writer, id, "revive", None).await.expect(200);
        assert_eq!(r.json["status"], "draft");

        // SOP steps as reply text.
        let t = srv.get(&writer.token, &format!("/api/v1/kb/articles/{id}/sop-text")).await.expect(200);
        assert_eq!(
            t.json["text"],
            "Reset a password (web)\n\n1. Open **Settings**\n   Expected result: The settings page shows\n\n2. Click Reset\n   Expected result: A mail with a link arrives\n"
        );

        // Every change is in the audit log.
        let audit = srv.get(&srv.admin.token, "/api/v1/audit?per_page=100").await.expect(200);
        let actions: Vec<&str> = audit.json["items"].as_array().unwrap().iter()
            .filter(|e| e["object_type"] == "kb_article")
            .filter_map(|e| e["action"].as_str())
            .collect();
        for a in ["kb.article.create", "kb.article.edit", "kb.article.submit", "kb.article.send_back",
                  "kb.article.approve", "kb.article.archive", "kb.article.revive"] {
            assert!(actions.contains(&a), "{a} audited: {actions:?}");
        }
    })
    .await;
}

#[tokio::test]
async fn translations_and_lists_in_the_readers_language() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let network = srv.category("network").await;
        let mut body = faq("How do I connect to the VPN", "public");
        body["category_id"] = json!(network);
        let a = create_article(srv, &writer, body).await;
        let id = a["id"].as_i64().unwrap();
        assert_eq!(a["category_id"], network);
        let put = async |lang: &str, title: &str, answer: &str| {
            let body = json!({"title": title, "content": {"kind": "faq", "question": format!("{title}?"), "answer": answer}});
            let path = format!("/api/v1/kb/articles/{id}/translations/{lang}");
            srv.call(reqwest::Method::PUT, &writer.token, &path, Some(body)).await
        };
        let r = put("fr", "Comment me connecter au VPN", "Utilisez le **portail**.").await.expect(200);
        assert_eq!(r.json["lang"], "fr");
        assert_eq!(r.json["title"], "Comment me connecter au VPN");
        put("zh-CN", "如何连接VPN", "使用门户。").await.expect(200);
        put("ru", "Как подключиться к VPN", "Через портал.").await.expect(200);
        // The original language is edited, not translated; an unknown language names the field.
        let r = put("en", "x", "y").await.error(422, "translation_is_original");
        assert_eq!(r.field(), "lang");
        let r = put("de", "x", "y").await.error(422, "unknown_value");
        assert_eq!(r.field(), "lang");
        let r = put("fr", "", "y").await.error(422, "required");
        assert_eq!(r.field(), "title");

        let r = srv.get(&writer.token, &format!("/api/v1/kb/articles/{id}?lang=zh-CN")).await.expect(200);
        assert_eq!(r.json["title"], "如何连接VPN");
        assert_eq!(r.json["original_lang"], "en");
        assert_eq!(r.json["languages"], json!(["en", "fr", "ru", "zh-CN"]));
        assert_eq!(r.json["version"], 4, "each translation is a version");
        // A language without a text falls back to the original.
        let other = create_article(srv, &writer, faq("Printer jams", "internal")).await;
        let r = srv.get(&writer.token, &format!("/api/v1/kb/articles/{}?lang=ru", other["id"])).await.expect(200);
        assert_eq!(r.json["lang"], "en");
        srv.get(&writer.token, &format!("/api/v1/kb/articles/{id}?lang=xx")).await.error(400, "invalid_query");

        // Lists: titles in the language asked for, filters and paging.
        let l = srv.get(&writer.token, "/api/v1/kb/articles?lang=fr").await.expect(200);
        assert_eq!(l.json["total"], 1, "only articles with a French text: {}", l.json);
        assert_eq!(l.json["items"][0]["title"], "Comment me connecter au VPN");
        let l = srv.get(&writer.token, "/api/v1/kb/articles?visibility=internal").await.expect(200);
        assert_eq!(l.json["total"], 1);
        assert_eq!(l.json["items"][0]["title"], "Printer jams");
        let l = srv.get(&writer.token, "/api/v1/kb/articles?kind=faq&status=draft&per_page=1&page=2").await.expect(200);
        assert_eq!(l.json["total"], 2);
        assert_eq!(l.json["items"].as_array().unwrap().len(), 1);
        let l = srv.get(&writer.token, &format!("/api/v1/kb/articles?category_id={network}")).await.expect(200);
        assert_eq!(l.json["total"], 1);
        assert_eq!(l.json["items"][0]["id"], id);
        let r = srv.get(&writer.token, "/api/v1/kb/articles?kind=poem").await.error(400, "invalid_query");
        assert_eq!(r.field(), "kind");
        let r = srv.get(&writer.token, "/api/v1/kb/articles?status=gone").await.error(400, "invalid_query");
        assert_eq!(r.field(), "status");

        // A translated article goes to review only when every language is complete.
        let r = put("fr", "Comment me connecter au VPN", "").await.expect(200);
        assert_eq!(r.json["lang"], "fr");
        let r = make_move(srv, &writer, id, "submit", None).await.error(422, "required");
        assert_eq!(r.field(), "translations.fr.content.answer");
    })
    .await;
}

#[tokio::test]
async fn validation_names_the_field_and_changes_nothing() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let cases = [
            (json!({"title": "", "content": {"kind": "how_to", "body": "x"}}), 422, "title"),
            (json!({"title": "T", "content": {"kind": "how_to", "body": "x"}, "visibility": "secret"}), 422, "visibility"),
            (json!({"title": "T", "content": {"kind": "how_to", "body": "x"}, "lang": "de"}), 422, "lang"),
            (json!({"title": "T", "content": {"kind": "how_to", "body": "x"}, "category_id": 999999}), 422, "category_id"),
            (json!({"title": "T", "content": {"kind": "how_to", "body": "x"}, "colour": "red"}), 422, "colour"),
            // Content is tagged by kind, so serde names the content and the unknown field.
            (json!({"title": "T", "content": {"kind": "sop", "steps": [{"text": "a", "colour": "red"}]}}), 422, "content"),
            (json!({"title": "T", "content": {"kind": "how_to", "body": "x".repeat(50_001)}}), 422, "content.body"),
        ];
        for (body, status, field) in cases {
            let r = srv.post(&writer.token, "/api/v1/kb/articles", body.clone()).await.expect(status);
            crate::support::assert_error_shape(&r);
            assert!(r.field().starts_with(field) || r.field() == field, "{body}: field {} not {field}", r.field());
        }
        let l = srv.get(&writer.token, "/api/v1/kb/articles").await.expect(200);
        assert_eq!(l.json["total"], 0, "nothing was created");
        srv.get(&writer.token, "/api/v1/kb/articles/999999").await.error(404, "not_found");
        srv.get(&writer.token, "/api/v1/kb/articles/abc").await.error(404, "not_found");
        let a = create_article(srv, &writer, faq("Q", "internal")).await;
        let r = srv.post(&writer.token, &format!("/api/v1/kb/articles/{}/moves", a["id"]), json!({"move": "publish"})).await.error(422, "unknown_value");
        assert_eq!(r.field(), "move");
        let r = srv.patch(&writer.token, &format!("/api/v1/kb/articles/{}", a["id"]), json!({"owner_id": srv.requester("rita").await.id})).await.error(422, "not_an_agent");
        assert_eq!(r.field(), "owner_id");
        let r = srv.get(&writer.token, &format!("/api/v1/kb/articles/{}/sop-text", a["id"])).await.error(409, "not_an_sop");
        assert!(r.json["error"]["message"].as_str().unwrap().contains("faq"));
    })
    .await;
}
