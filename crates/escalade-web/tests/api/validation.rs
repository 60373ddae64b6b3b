//! Bad input: malformed JSON, unknown fields, wrong types, over-long text, missing content
//! type, unknown enum values and bad query strings all answer 4xx with the error body
//! `{"error": {"code", "message", "field"}}` and change nothing.

use serde_json::json;

use crate::support::{Resp, TestServer, assert_error_shape, both};

/// Content type, body, then the expected status, code and field.
type BodyCase = (
    Option<&'static str>,
    String,
    u16,
    &'static str,
    Option<&'static str>,
);

/// POSTs a raw body with a content type (or none).
async fn raw(srv: &TestServer, path: &str, content_type: Option<&str>, body: &str) -> Resp {
    let mut rb = srv
        .http
        .post(srv.url(path))
        .bearer_auth(&srv.admin.token)
        .body(body.to_string());
    if let Some(ct) = content_type {
        rb = rb.header("content-type", ct);
    }
    srv.send(rb).await
}

/// PATCHes a raw JSON body.
async fn raw_patch(srv: &TestServer, path: &str, body: &str) -> Resp {
    srv.send(
        srv.http
            .patch(srv.url(path))
            .bearer_auth(&srv.admin.token)
            .header("content-type", "application/json")
            .body(body.to_string()),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_ticket_bodies_are_refused_and_store_nothing() {
    async fn case(srv: &TestServer) {
        let json_ct = Some("application/json");
        let long = "x".repeat(251);
        // (content type, body, status, code, field)
        #[rustfmt::skip]
        let cases: Vec<BodyCase> = vec![
            (json_ct, r#"{"subject": "#.into(), 400, "malformed_json", None),
            (json_ct, "not json at all".into(), 400, "malformed_json", None),
            (json_ct, r#"{"subject": "a",}"#.into(), 400, "malformed_json", None),
            (json_ct, "".into(), 400, "malformed_json", None),
            (json_ct, r#"{"subject": "a", "colour": "red"}"#.into(), 422, "invalid_body", Some("colour")),
            (json_ct, r#"{"subject": 42}"#.into(), 422, "invalid_body", Some("subject")),
            (json_ct, r#"{"subject": "a", "tags": "x"}"#.into(), 422, "invalid_body", Some("tags")),
            (json_ct, r#"{"subject": "a", "facts": {"users_affected": "many"}}"#.into(), 422, "invalid_body", Some("facts.users_affected")),
            (json_ct, r#"{"subject": "a", "facts": {"mood": "bad"}}"#.into(), 422, "invalid_body", Some("facts.mood")),
            (json_ct, r#"{"description": "no subject"}"#.into(), 422, "invalid_body", Some("subject")),
            (json_ct, format!(r#"{{"subject": "{long}"}}"#), 422, "too_long", Some("subject")),
            (json_ct, r#"{"subject": "   "}"#.into(), 422, "required", Some("subject")),
            (json_ct, r#"{"subject": "two\nlines"}"#.into(), 422, "control_characters", Some("subject")),
            (json_ct, r#"{"subject": "a", "impact": "enormous"}"#.into(), 422, "invalid_body", Some("impact")),
            (json_ct, r#"{"subject": "a", "impact": 2}"#.into(), 422, "invalid_body", Some("impact")),
            (json_ct, r#"{"subject": "a", "type": "bug"}"#.into(), 422, "invalid_body", Some("type")),
            (json_ct, r#"{"subject": "a", "channel": "pigeon"}"#.into(), 422, "invalid_body", Some("channel")),
            (json_ct, r#"{"subject": "a", "level": 7}"#.into(), 422, "out_of_range", Some("level")),
            (json_ct, r#"{"subject": "a", "category_id": 99999}"#.into(), 422, "unknown", Some("category_id")),
            (json_ct, r#"{"subject": "a", "requester_id": 99999}"#.into(), 422, "unknown", Some("requester")),
            (json_ct, r#"{"subject": "a", "assignee_id": 1, "group_id": 99999}"#.into(), 422, "unknown", Some("group_id")),
            (json_ct, r#"["subject"]"#.into(), 422, "invalid_body", None),
            (None, r#"{"subject": "no content type"}"#.into(), 415, "unsupported_media_type", None),
            (Some("text/plain"), r#"{"subject": "text"}"#.into(), 415, "unsupported_media_type", None),
            (Some("application/x-www-form-urlencoded"), "subject=form".into(), 415, "unsupported_media_type", None),
        ];
        let before = srv.ticket_total().await;
        for (ct, body, status, code, field) in &cases {
            let r = raw(srv, "/api/v1/tickets", *ct, body).await;
            let what = format!("{ct:?} {body:.60}");
            assert_eq!(r.status, *status, "{what}: {}", r.json);
            assert_error_shape(&r);
            assert_eq!(r.code(), *code, "{what}: {}", r.json);
            if let Some(f) = field {
                assert_eq!(r.field(), *f, "{what}: {}", r.json);
            }
        }
        assert_eq!(
            srv.ticket_total().await,
            before,
            "no refused body stored a ticket"
        );
        // The boundary: 250 characters are accepted.
        let t = srv
            .post(
                &srv.admin.token,
                "/api/v1/tickets",
                json!({"subject": "y".repeat(250)}),
            )
            .await
            .expect(201);
        assert_eq!(
            t.json["subject"].as_str().map(|s| s.chars().count()),
            Some(250)
        );
        // Characters, not bytes: 250 umlauts are 500 bytes and fine.
        srv.post(
            &srv.admin.token,
            "/api/v1/tickets",
            json!({"subject": "ü".repeat(250)}),
        )
        .await
        .expect(201);
        assert_eq!(srv.ticket_total().await, before + 2);
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_patches_and_comments_change_nothing() {
    async fn case(srv: &TestServer) {
        let n = srv.open_simple(&srv.admin, "Validation target").await;
        let path = format!("/api/v1/tickets/{n}");
        let before = srv.ticket(&srv.admin, &n).await;
        let journal = srv.journal(&srv.admin, &n).await.len();
        let long = "z".repeat(251);
        #[rustfmt::skip]
        let cases: Vec<(String, u16, &str, Option<&str>)> = vec![
            (r#"{"status": "#.into(), 400, "malformed_json", None),
            ("{}".into(), 422, "empty_patch", Some("body")),
            (r#"{"status": "sleeping"}"#.into(), 422, "invalid_body", Some("status")),
            (r#"{"priority": "urgent"}"#.into(), 422, "invalid_body", Some("priority")),
            (r#"{"urgency": 3}"#.into(), 422, "invalid_body", Some("urgency")),
            (r#"{"level": "two"}"#.into(), 422, "invalid_body", Some("level")),
            (r#"{"level": -1}"#.into(), 422, "out_of_range", Some("level")),
            (r#"{"assignee_id": "bob"}"#.into(), 422, "invalid_body", Some("assignee_id")),
            (r#"{"requester_id": 1}"#.into(), 422, "invalid_body", Some("requester_id")),
            (format!(r#"{{"subject": "{long}"}}"#), 422, "too_long", Some("subject")),
            (r#"{"impact": "high", "assignee_id": 99999}"#.into(), 422, "unknown", Some("assignee_id")),
            (r#"{"impact": "high", "category_id": 99999}"#.into(), 422, "unknown", Some("category_id")),
            (r#"{"impact": "high", "tags": ["two words"]}"#.into(), 422, "malformed_tag", Some("tags")),
        ];
        for (body, status, code, field) in &cases {
            let r = raw_patch(srv, &path, body).await;
            assert_eq!(r.status, *status, "PATCH {body:.60}: {}", r.json);
            assert_error_shape(&r);
            assert_eq!(r.code(), *code, "PATCH {body:.60}: {}", r.json);
            if let Some(f) = field {
                assert_eq!(r.field(), *f, "PATCH {body:.60}");
            }
        }
        // Comments: wrong types, unknown fields and kinds, malformed JSON, no content type.
        let comments = format!("{path}/comments");
        for (body, status, field) in [
            (r#"{"body": 1}"#, 422, Some("body")),
            (r#"{"text": "hi"}"#, 422, Some("text")),
            (r#"{"body": "hi", "kind": "shout"}"#, 422, Some("kind")),
            (r#"{"body": "#, 400, None),
        ] {
            let r = raw(srv, &comments, Some("application/json"), body).await;
            assert_eq!(r.status, status, "comment {body}: {}", r.json);
            assert_error_shape(&r);
            if let Some(f) = field {
                assert_eq!(r.field(), f, "comment {body}");
            }
        }
        let r = raw(srv, &comments, None, r#"{"body": "hi"}"#).await;
        assert_eq!(r.status, 415);
        assert_eq!(
            srv.ticket(&srv.admin, &n).await,
            before,
            "the ticket is unchanged"
        );
        assert_eq!(
            srv.journal(&srv.admin, &n).await.len(),
            journal,
            "nothing journaled"
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_answer_400() {
    async fn case(srv: &TestServer) {
        srv.open_simple(&srv.admin, "One ticket").await;
        for q in [
            "per_page=0",
            "per_page=501",
            "per_page=ten",
            "page=0",
            "page=-3",
            "sort=bogus",
            "sort=subject",
            "status=sleeping",
            "priority=urgent",
            "type=bug",
            "level=9",
            "level=high",
            "category=abc",
            "group=desk",
            "assignee=bob",
            "requester=someone",
            "created_from=yesterday",
            "colour=red",
            "open=maybe",
        ] {
            let r = srv
                .get(&srv.admin.token, &format!("/api/v1/tickets?{q}"))
                .await;
            assert_eq!(r.status, 400, "?{q}: {}", r.json);
            assert_error_shape(&r);
            assert_eq!(r.code(), "invalid_query", "?{q}: {}", r.json);
        }
        for q in ["per_page=0", "sort=bogus"] {
            let r = srv
                .get(&srv.admin.token, &format!("/api/v1/tickets?{q}"))
                .await;
            assert_eq!(
                r.field(),
                q.split('=').next().unwrap(),
                "?{q} names its field"
            );
        }
        assert_eq!(srv.ticket_total().await, 1);
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_has_the_same_shape() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let t = &srv.admin.token;
        let answers = vec![
            srv.get(t, "/api/v1/nothing-here").await,
            srv.get(t, "/api/nothing-at-all").await,
            srv.get(t, "/api/v1/tickets/INC-000042").await,
            srv.get(t, "/api/v1/users/123456").await,
            srv.get(t, "/api/v1/users/abc").await,
            srv.get(t, "/api/v1/attachments/99").await,
            srv.get(&anna.token, "/api/v1/audit").await,
            srv.get("esk_wrong", "/api/v1/tickets").await,
            srv.send(srv.http.get(srv.url("/api/v1/tickets"))).await,
            srv.delete(t, "/api/v1/tokens/999999").await,
            srv.call(reqwest::Method::PUT, t, "/api/v1/tickets", Some(json!({})))
                .await,
            srv.call(
                reqwest::Method::DELETE,
                t,
                "/api/v1/tickets/INC-000001",
                None,
            )
            .await,
        ];
        for r in &answers {
            assert!(r.status >= 400, "{r:?}");
            assert_error_shape(r);
            assert_eq!(
                r.header("content-type"),
                Some("application/json"),
                "errors are JSON: {}",
                r.json
            );
        }
        let statuses: Vec<u16> = answers.iter().map(|r| r.status).collect();
        assert_eq!(
            statuses,
            [404, 404, 404, 404, 404, 404, 403, 401, 401, 404, 405, 405]
        );
    }
    both(case).await;
}
