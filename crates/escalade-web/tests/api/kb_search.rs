//! Knowledge articles in full-text search on both databases: every translation is indexed in
//! the article's own write (create, edit, translate, lifecycle move), found by inflected French
//! and Russian words, and a requester never finds an internal or unpublished article while an
//! agent finds drafts too.

use serde_json::{Value, json};

use crate::knowledge::{create_article, make_move, published};
use crate::support::{TestServer, TestUser, both};

pub fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The article ids (`parent_id`) of the article hits of a search, in order.
async fn article_hits(srv: &TestServer, who: &TestUser, q: &str) -> Vec<i64> {
    let r = srv
        .get(
            &who.token,
            &format!("/api/v1/search?type=article&q={}", enc(q)),
        )
        .await
        .expect(200);
    r.json["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|h| {
            assert_eq!(h["type"], "article");
            h["parent_id"].as_i64().expect("parent_id")
        })
        .collect()
}

fn known_error(title: &str, lang: &str, visibility: &str, symptom: &str, fix: &str) -> Value {
    json!({
        "title": title,
        "lang": lang,
        "visibility": visibility,
        "content": {"kind": "known_error", "symptom": symptom, "cause": "Unknown yet.", "workaround": fix}
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn translations_are_found_by_inflected_words() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let rita = srv.requester("rita").await;
        let id = published(
            srv,
            &writer,
            known_error(
                "Imprimante bloquée",
                "fr",
                "public",
                "Les imprimantes du deuxième étage ne répondent plus.",
                "Redémarrer le serveur d'impression.",
            ),
        )
        .await;
        // A translation added after publication is indexed too (a publisher's edit).
        srv.call(
            reqwest::Method::PUT,
            &srv.admin.token,
            &format!("/api/v1/kb/articles/{id}/translations/ru"),
            Some(json!({
                "title": "Принтер не печатает",
                "content": {"kind": "known_error", "symptom": "Принтеры на третьем этаже не отвечают.",
                            "cause": "Очередь печати", "workaround": "Перезапустить сервер печати."}
            })),
        )
        .await
        .expect(200);
        // French: the singular finds the plural, without accents.
        assert_eq!(article_hits(srv, &rita, "imprimante etage").await, vec![id]);
        // Russian: another case of the word.
        assert_eq!(article_hits(srv, &rita, "принтера").await, vec![id]);
        assert_eq!(article_hits(srv, &rita, "принтерами").await, vec![id]);
        // An edit of the text is searchable at once; the old words are gone.
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/kb/articles/{id}"),
            json!({"title": "Imprimante muette", "content": {"kind": "known_error",
                   "symptom": "Les imprimantes se taisent.", "cause": "Inconnue.", "workaround": "Débrancher les câbles réseau."}}),
        )
        .await
        .expect(200);
        assert_eq!(article_hits(srv, &rita, "câble").await, vec![id]);
        assert!(article_hits(srv, &rita, "étages").await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_find_only_published_public_articles() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let rita = srv.requester("rita").await;
        let text = |title: &str, vis: &str| {
            known_error(
                title,
                "en",
                vis,
                "The VPN client disconnects every hour.",
                "Renew the certificate.",
            )
        };
        let public = published(srv, &writer, text("VPN public", "public")).await;
        let internal = published(srv, &writer, text("VPN internal", "internal")).await;
        let draft = create_article(srv, &writer, text("VPN draft", "public")).await["id"]
            .as_i64()
            .unwrap();
        let archived = published(srv, &writer, text("VPN archived", "public")).await;
        make_move(srv, &srv.admin, archived, "archive", None)
            .await
            .expect(200);

        assert_eq!(
            article_hits(srv, &rita, "vpn disconnects").await,
            vec![public]
        );
        // Whatever filter she passes.
        let r = srv
            .get(
                &rita.token,
                "/api/v1/search?q=vpn&type=article&visibility=internal",
            )
            .await
            .expect(200);
        assert_eq!(r.json["total"], 0);

        let mut agent_sees = article_hits(srv, &writer, "vpn disconnects").await;
        agent_sees.sort();
        assert_eq!(agent_sees, vec![public, internal, draft, archived]);
        // The status in the index follows the lifecycle.
        let r = srv
            .get(&writer.token, "/api/v1/search?q=vpn+draft&type=article")
            .await
            .expect(200);
        assert_eq!(r.json["items"][0]["status"], "draft");
        make_move(srv, &writer, draft, "submit", None)
            .await
            .expect(200);
        make_move(srv, &srv.admin, draft, "approve", None)
            .await
            .expect(200);
        let mut now_found = article_hits(srv, &rita, "vpn").await;
        now_found.sort();
        assert_eq!(now_found, vec![public, draft]);
        // The rebuild keeps articles.
        srv.app.rebuild_search_index(|_| {}).await.expect("rebuild");
        let mut after = article_hits(srv, &writer, "certificate").await;
        after.sort();
        assert_eq!(after, vec![public, internal, draft, archived]);
    })
    .await;
}
