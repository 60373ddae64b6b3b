//! The needs-review list over HTTP on both databases: selected and paged by the store, most
//! not-helpful votes first, the total in `X-Total-Count`, the policy's thresholds as query
//! parameters, out-of-range values named; the reports page pages it through the service.

use serde_json::json;

use crate::knowledge::{faq, published};
use crate::support::{TestServer, both};
use crate::ui_knowledge::PW;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_needs_review_list_is_paged_with_its_total() {
    both(async |srv: &TestServer| {
        let writer = srv
            .user_with("wanda", "agent", &[("agent", "all")], None, Some(PW))
            .await;
        let mut readers = Vec::new();
        for i in 0..5 {
            readers.push(srv.requester(&format!("reader{i}")).await);
        }
        // Three mostly unhelpful articles (5, 4 and 3 of 5 votes not helpful), one fine.
        let mut bad = Vec::new();
        for n in [3, 5, 4] {
            let id = published(srv, &writer, faq(&format!("Unhelpful {n}"), "public")).await;
            for (i, r) in readers.iter().enumerate() {
                srv.post(
                    &r.token,
                    &format!("/api/v1/kb/articles/{id}/votes"),
                    json!({"helpful": i >= n}),
                )
                .await
                .expect(200);
            }
            bad.push((n, id));
        }
        let fine = published(srv, &writer, faq("Fine", "public")).await;
        for r in &readers {
            srv.post(
                &r.token,
                &format!("/api/v1/kb/articles/{fine}/votes"),
                json!({"helpful": true}),
            )
            .await
            .expect(200);
        }
        bad.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        let order: Vec<i64> = bad.iter().map(|(_, id)| *id).collect();

        let ids = |r: &crate::support::Resp| -> Vec<i64> {
            r.json
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["article"]["id"].as_i64().unwrap())
                .collect()
        };
        let all = srv
            .get(&writer.token, "/api/v1/kb/needs-review")
            .await
            .expect(200);
        assert_eq!(ids(&all), order, "most not-helpful votes first");
        assert_eq!(all.header("x-total-count"), Some("3"));
        assert_eq!(
            all.json[0]["reasons"],
            json!([{"reason": "mostly_not_helpful", "helpful": 0, "not_helpful": 5}])
        );
        let p1 = srv
            .get(&writer.token, "/api/v1/kb/needs-review?per_page=2")
            .await
            .expect(200);
        assert_eq!(ids(&p1), order[..2].to_vec());
        assert_eq!(p1.header("x-total-count"), Some("3"));
        let p2 = srv
            .get(&writer.token, "/api/v1/kb/needs-review?per_page=2&page=2")
            .await
            .expect(200);
        assert_eq!(ids(&p2), order[2..].to_vec());
        // The thresholds are parameters: above 70 %, only the 5 and 4 of 5.
        let strict = srv
            .get(
                &writer.token,
                "/api/v1/kb/needs-review?not_helpful_percent=70",
            )
            .await
            .expect(200);
        assert_eq!(ids(&strict), order[..2].to_vec());
        assert_eq!(strict.header("x-total-count"), Some("2"));
        let few = srv
            .get(&writer.token, "/api/v1/kb/needs-review?min_votes=6")
            .await
            .expect(200);
        assert_eq!(ids(&few), Vec::<i64>::new());
        assert_eq!(few.header("x-total-count"), Some("0"));
        // Out of range: named, nothing listed.
        for (query, field) in [
            ("min_votes=-1", "min_votes"),
            ("not_helpful_percent=101", "not_helpful_percent"),
            ("stale_days=36501", "stale_days"),
        ] {
            let r = srv
                .get(&writer.token, &format!("/api/v1/kb/needs-review?{query}"))
                .await
                .error(422, "out_of_range");
            assert_eq!(r.field(), field, "{query}");
        }
        let r = srv
            .get(&writer.token, "/api/v1/kb/needs-review?per_page=501")
            .await
            .error(400, "invalid_query");
        assert_eq!(r.field(), "per_page");

        // The reports page lists them in the same order.
        let web = srv.web_login("wanda", PW).await;
        let page = web.get("/kb/reports").await.expect(200);
        let review: Vec<i64> = page
            .body
            .split("id=\"kb-review-")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect();
        assert_eq!(review, order);
        assert!(page.body.contains("3 articles"), "{}", page.body);
    })
    .await;
}
