//! Operations endpoints: `/healthz`, Prometheus `/metrics` (requests by route template, tickets
//! by status), the OpenAPI 3.1 document and its page; and 200 concurrent creations that all get
//! distinct numbers.

use std::collections::BTreeSet;

use serde_json::json;

use crate::support::{TestServer, both, num};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn health_and_metrics() {
    async fn case(srv: &TestServer) {
        let r = srv
            .send(srv.http.get(srv.url("/healthz")))
            .await
            .expect(200);
        assert_eq!(r.json["status"], "ok");
        assert_eq!(r.json["database"], "ok");

        let bob = srv.agent("bob").await;
        let a = srv.open_simple(&bob, "One").await;
        srv.open_simple(&bob, "Two").await;
        srv.open_simple(&bob, "Three").await;
        srv.change(&bob, &a, json!({"status": "resolved"})).await;
        srv.get(&bob.token, "/api/v1/tickets/INC-999999")
            .await
            .expect(404);

        let r = srv
            .send(srv.http.get(srv.url("/metrics")))
            .await
            .expect(200);
        assert!(r.header("content-type").unwrap().starts_with("text/plain"));
        let text = String::from_utf8(r.bytes).unwrap();
        for line in [
            "# TYPE escalade_http_requests_total counter",
            "escalade_http_requests_total{method=\"POST\",route=\"/api/v1/tickets\",status=\"201\"} 3",
            "escalade_http_requests_total{method=\"PATCH\",route=\"/api/v1/tickets/{number}\",status=\"200\"} 1",
            "escalade_http_requests_total{method=\"GET\",route=\"/api/v1/tickets/{number}\",status=\"404\"} 1",
            "escalade_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1",
            "# TYPE escalade_http_request_duration_seconds histogram",
            "escalade_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/tickets\",status=\"201\"} 3",
            "escalade_http_request_duration_seconds_bucket{method=\"POST\",route=\"/api/v1/tickets\",status=\"201\",le=\"+Inf\"} 3",
            "# TYPE escalade_tickets gauge",
            "escalade_tickets{status=\"new\"} 2",
            "escalade_tickets{status=\"resolved\"} 1",
        ] {
            assert!(
                text.lines().any(|l| l == line),
                "/metrics has {line:?}:\n{text}"
            );
        }
        assert!(
            !text.contains("INC-0"),
            "routes are templates, not concrete paths"
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_the_api() {
    async fn case(srv: &TestServer) {
        let r = srv
            .send(srv.http.get(srv.url("/api/v1/openapi.json")))
            .await
            .expect(200);
        let doc = &r.json;
        let version = doc["openapi"].as_str().unwrap_or("");
        assert!(version.starts_with("3.1"), "OpenAPI 3.1, got {version:?}");
        let paths = doc["paths"].as_object().expect("paths");
        for (path, method) in [
            ("/api/v1/tickets", "get"),
            ("/api/v1/tickets", "post"),
            ("/api/v1/tickets/{number}", "get"),
            ("/api/v1/tickets/{number}", "patch"),
            ("/api/v1/tickets/{number}/comments", "post"),
            ("/api/v1/tickets/{number}/escalations", "post"),
            ("/api/v1/tickets/{number}/journal", "get"),
            ("/api/v1/tickets/{number}/attachments", "post"),
            ("/api/v1/attachments/{id}", "get"),
            ("/api/v1/auth/tokens", "post"),
            ("/api/v1/tokens", "get"),
            ("/api/v1/users", "post"),
            ("/api/v1/groups", "post"),
            ("/api/v1/departments", "get"),
            ("/api/v1/categories", "get"),
            ("/api/v1/permissions/explain", "get"),
        ] {
            assert!(
                paths.get(path).and_then(|p| p.get(method)).is_some(),
                "{method} {path} is described"
            );
        }
        assert!(doc["components"]["securitySchemes"]["bearer"].is_object());
        assert!(doc["components"]["schemas"]["ErrorBody"].is_object());

        let page = srv
            .send(srv.http.get(srv.url("/api/v1/docs")))
            .await
            .expect(200);
        assert!(
            page.header("content-type")
                .unwrap()
                .starts_with("text/html")
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_hundred_concurrent_creations_get_distinct_numbers() {
    async fn case(srv: &TestServer) {
        const N: usize = 200;
        let anna = srv.requester("anna").await;
        let types = [
            ("incident", "INC-"),
            ("service_request", "REQ-"),
            ("question", "QST-"),
            ("complaint", "CMP-"),
        ];
        let mut tasks = Vec::with_capacity(N);
        for i in 0..N {
            let http = srv.http.clone();
            let url = srv.url("/api/v1/tickets");
            let token = anna.token.clone();
            let kind = types[i % types.len()].0;
            tasks.push(tokio::spawn(async move {
                let res = http
                    .post(url)
                    .bearer_auth(token)
                    .json(&json!({"type": kind, "subject": format!("Concurrent {i}")}))
                    .send()
                    .await
                    .expect("sent");
                let status = res.status().as_u16();
                let body: serde_json::Value = res.json().await.expect("JSON");
                (i, status, body)
            }));
        }
        let mut numbers = BTreeSet::new();
        let mut created = Vec::new();
        for t in tasks {
            let (i, status, body) = t.await.expect("task");
            assert_eq!(status, 201, "creation {i}: {body}");
            let n = num(&body);
            assert!(n.starts_with(types[i % types.len()].1), "{n} for {i}");
            assert!(numbers.insert(n.clone()), "{n} given twice");
            created.push((i, n));
        }
        assert_eq!(numbers.len(), N);
        let seqs: BTreeSet<&str> = numbers.iter().map(|n| &n[4..]).collect();
        assert_eq!(seqs.len(), N, "the sequence is shared by all types");
        for (i, n) in &created {
            let t = srv.ticket(&anna, n).await;
            assert_eq!(t["subject"], format!("Concurrent {i}"));
        }
        assert_eq!(srv.ticket_total().await, N as i64);
    }
    both(case).await;
}
