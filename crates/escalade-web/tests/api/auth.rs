//! Authentication: logging in for a token (401 with `WWW-Authenticate: Bearer` on failure,
//! 429 after repeated failures), Bearer tokens that stop working when revoked or when their
//! user is disabled, and token lists that never show a secret.

use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestServer, both};

const PASSWORD: &str = "correct horse battery staple";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_answer_401_and_the_sixth_in_a_row_429() {
    async fn case(srv: &TestServer) {
        let pat = srv
            .user_with(
                "pat",
                "requester",
                &[("requester", "own")],
                None,
                Some(PASSWORD),
            )
            .await;
        let login = async |login: &str, password: &str| {
            srv.post_anon(
                "/api/v1/auth/tokens",
                json!({"login": login, "password": password}),
            )
            .await
        };
        let wrong = login("pat", "not the password")
            .await
            .error(401, "unauthenticated");
        assert_eq!(wrong.header("www-authenticate"), Some("Bearer"));
        // An unknown login answers exactly like a wrong password.
        let unknown = login("nobody", "not the password")
            .await
            .error(401, "unauthenticated");
        assert_eq!(unknown.json, wrong.json);
        assert_eq!(unknown.header("www-authenticate"), Some("Bearer"));

        let ok = login("pat", PASSWORD).await.expect(201);
        let token = ok.json["token"].as_str().unwrap().to_string();
        assert!(token.starts_with("esk_"), "{token}");
        assert_eq!(ok.json["user_id"], pat.id);
        let me = srv.get(&token, "/api/v1/users/me").await.expect(200);
        assert_eq!(me.json["login"], "pat");

        // The success reset the count: five more failures are plain 401s, the sixth is 429,
        // and then even the right password waits.
        for _ in 1..=5 {
            login("pat", "still wrong")
                .await
                .error(401, "unauthenticated");
        }
        let r = login("pat", "still wrong").await.error(429, "throttled");
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("seconds")
        );
        login("pat", PASSWORD).await.error(429, "throttled");
        login("PAT", PASSWORD).await.error(429, "throttled");
        // Other accounts are not affected.
        login("admin", ADMIN_PASSWORD).await.expect(201);
        // Nor are the tokens pat already has.
        srv.get(&token, "/api/v1/tickets").await.expect(200);
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_without_a_working_token_answer_401() {
    async fn case(srv: &TestServer) {
        let url = srv.url("/api/v1/tickets");
        let bare = srv
            .send(srv.http.get(&url))
            .await
            .error(401, "unauthenticated");
        assert_eq!(bare.header("www-authenticate"), Some("Bearer"));
        for header in [
            "Bearer garbage",
            "Bearer esk_garbage",
            "Bearer ",
            "Basic YWRtaW46YWRtaW4=",
            "esk_no_scheme",
        ] {
            let r = srv
                .send(srv.http.get(&url).header("authorization", header))
                .await
                .error(401, "unauthenticated");
            assert_eq!(r.header("www-authenticate"), Some("Bearer"), "{header}");
        }
        // A real token with one character changed.
        let mut bent = srv.admin.token.clone();
        let last = bent.pop().unwrap();
        bent.push(if last == 'A' { 'B' } else { 'A' });
        srv.get(&bent, "/api/v1/tickets")
            .await
            .error(401, "unauthenticated");
        srv.get(&srv.admin.token, "/api/v1/tickets")
            .await
            .expect(200);
        // The open endpoints need no token.
        srv.send(srv.http.get(srv.url("/healthz")))
            .await
            .expect(200);
        srv.send(srv.http.get(srv.url("/api/v1/openapi.json")))
            .await
            .expect(200);
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_created_listed_without_secret_and_revoked() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.requester("bob").await;
        let r = srv
            .post(
                &anna.token,
                "/api/v1/tokens",
                json!({"name": "backup script"}),
            )
            .await
            .expect(201);
        let script = r.json["token"].as_str().unwrap().to_string();
        let script_id = r.json["id"].as_i64().unwrap();
        assert_eq!(r.json["user_id"], anna.id);
        assert_eq!(r.json["name"], "backup script");
        let me = srv.get(&script, "/api/v1/users/me").await.expect(200);
        assert_eq!(me.json["id"], anna.id, "the token acts as its owner");
        srv.open_simple(&anna, "Made through the new token").await;

        let list = srv.get(&anna.token, "/api/v1/tokens").await.expect(200);
        let items = list.json["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "her two tokens: {}", list.json);
        let text = String::from_utf8_lossy(&list.bytes).to_string();
        for secret in [&script, &anna.token] {
            assert!(
                !text.contains(secret.as_str()),
                "a listed token shows no secret"
            );
        }
        for item in items {
            assert!(item.get("token").is_none(), "{item}");
            assert_eq!(item["user_id"], anna.id);
            let prefix = item["prefix"].as_str().unwrap();
            assert!(prefix.len() >= 6 && prefix.len() < 20, "{prefix}");
        }
        let listed = items.iter().find(|i| i["id"] == script_id).unwrap();
        assert!(script.starts_with(listed["prefix"].as_str().unwrap()));
        assert_eq!(listed["revoked_at"], serde_json::Value::Null);

        // Tokens for others and everyone's list need admin.users.
        srv.post(
            &anna.token,
            "/api/v1/tokens",
            json!({"name": "as admin", "user_id": srv.admin.id}),
        )
        .await
        .error(403, "forbidden");
        srv.get(&anna.token, "/api/v1/tokens?all=true")
            .await
            .error(403, "forbidden");
        let all = srv
            .get(&srv.admin.token, "/api/v1/tokens?all=true")
            .await
            .expect(200);
        assert!(
            all.json["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["id"] == script_id)
        );
        let r = srv
            .post(
                &anna.token,
                "/api/v1/tokens",
                json!({"name": "old", "expires_at": "2001-01-01T00:00:00Z"}),
            )
            .await
            .expect(422);
        assert_eq!(r.field(), "expires_at");

        // Someone else's token looks missing; one's own is revoked once.
        let path = format!("/api/v1/tokens/{script_id}");
        srv.delete(&bob.token, &path).await.error(404, "not_found");
        srv.get(&script, "/api/v1/tickets").await.expect(200);
        srv.delete(&anna.token, &path).await.expect(204);
        srv.get(&script, "/api/v1/tickets")
            .await
            .error(401, "unauthenticated");
        srv.delete(&anna.token, &path)
            .await
            .error(409, "already_revoked");
        srv.get(&anna.token, "/api/v1/tickets").await.expect(200);
        let list = srv.get(&anna.token, "/api/v1/tokens").await.expect(200);
        let revoked = list.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == script_id)
            .cloned();
        assert!(revoked.is_some_and(|r| r["revoked_at"].is_string()));

        // A disabled user's tokens stop working.
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/users/{}", bob.id),
            json!({"active": false}),
        )
        .await
        .expect(200);
        srv.get(&bob.token, "/api/v1/tickets")
            .await
            .error(401, "unauthenticated");
    }
    both(case).await;
}
