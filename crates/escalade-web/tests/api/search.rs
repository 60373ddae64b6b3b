//! `GET /api/v1/search` on both backends: inflected Russian and French words and Chinese
//! phrases found in tickets, replies and notes indexed as they are written; requesters reach
//! only their own tickets' public text; paging, filters, a renamed subject, the rebuild of an
//! index lost or outdated, and bad queries refused with 400 naming the parameter.

use serde_json::{Value, json};

use crate::support::{TestServer, TestUser, both, num};

fn enc(s: &str) -> String {
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

async fn search(srv: &TestServer, who: &TestUser, query: &str) -> Value {
    srv.get(&who.token, &format!("/api/v1/search?{query}"))
        .await
        .expect(200)
        .json
}

/// `(type, ticket number)` of each hit, in order.
async fn hits(srv: &TestServer, who: &TestUser, q: &str) -> Vec<(String, String)> {
    let r = search(srv, who, &format!("q={}", enc(q))).await;
    r["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|h| {
            (
                h["type"].as_str().expect("type").to_string(),
                h["ticket"]["number"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn highlighted(hit: &Value) -> Vec<String> {
    hit["snippet"]
        .as_array()
        .expect("snippet")
        .iter()
        .filter(|p| p["highlighted"] == true)
        .map(|p| p["text"].as_str().expect("text").to_string())
        .collect()
}

struct Desk {
    rita: TestUser,
    ravi: TestUser,
    agent: TestUser,
    printer_ru: String,
    printer_fr: String,
    network_zh: String,
    ravis: String,
}

async fn desk(srv: &TestServer) -> Desk {
    let rita = srv.requester("rita").await;
    let ravi = srv.requester("ravi").await;
    let agent = srv.agent("alma").await;
    let printer_ru = num(&srv
        .open(
            &rita,
            json!({"subject": "Не работает принтер", "description": "На третьем этаже сломались все принтеры."}),
        )
        .await);
    let printer_fr = num(&srv
        .open(
            &rita,
            json!({"subject": "Imprimantes bloquées", "description": "Plus rien ne sort des imprimantes du deuxième étage."}),
        )
        .await);
    let network_zh = num(&srv
        .open(
            &rita,
            json!({"subject": "网络故障", "description": "打印机无法连接网络"}),
        )
        .await);
    let ravis = num(&srv
        .open(
            &ravi,
            json!({"subject": "Принтер замял бумагу", "description": "Принтером невозможно пользоваться."}),
        )
        .await);
    srv.comment(
        &agent,
        &printer_fr,
        "public",
        "Le réseau de l'étage est coupé, nous relançons le commutateur.",
    )
    .await
    .expect(201);
    srv.comment(
        &agent,
        &printer_ru,
        "internal",
        "Картридж принтера заменён, ждём поставщика тонера.",
    )
    .await
    .expect(201);
    Desk {
        rita,
        ravi,
        agent,
        printer_ru,
        printer_fr,
        network_zh,
        ravis,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agents_find_inflected_words_replies_notes_and_chinese() {
    both(async |srv: &TestServer| {
        let d = desk(srv).await;
        for q in ["принтеров", "принтера", "Принтеры"] {
            let mut found = hits(srv, &d.agent, q).await;
            found.sort();
            assert_eq!(
                found,
                vec![
                    ("ticket".to_string(), d.printer_ru.clone()),
                    ("ticket".to_string(), d.ravis.clone()),
                    ("ticket_note".to_string(), d.printer_ru.clone()),
                ],
                "{} {q}",
                srv.backend
            );
        }
        // A French word found in a public reply, without its accent.
        assert_eq!(
            hits(srv, &d.agent, "reseau").await,
            vec![("ticket".to_string(), d.printer_fr.clone())]
        );
        assert_eq!(
            hits(srv, &d.agent, "imprimante").await,
            vec![("ticket".to_string(), d.printer_fr.clone())]
        );
        // The note, with the ticket it belongs to and the matched words highlighted.
        let r = search(srv, &d.agent, &format!("q={}", enc("картриджи"))).await;
        assert_eq!(r["total"], 1, "{r}");
        let hit = &r["items"][0];
        assert_eq!(hit["type"], "ticket_note");
        assert_eq!(hit["visibility"], "internal");
        assert_eq!(hit["ticket"]["number"], d.printer_ru.as_str());
        assert_eq!(hit["ticket"]["subject"], "Не работает принтер");
        assert_eq!(highlighted(hit), vec!["Картридж"]);
        // Chinese without spaces.
        for q in ["打印机", "网络", "连接网络"] {
            assert_eq!(
                hits(srv, &d.agent, q).await,
                vec![("ticket".to_string(), d.network_zh.clone())],
                "{} {q}",
                srv.backend
            );
        }
        let r = search(srv, &d.agent, &format!("q={}", enc("网络"))).await;
        assert_eq!(highlighted(&r["items"][0]), vec!["网络"], "{r}");
        assert!(r["items"][0]["score"].as_f64().expect("score") > 0.0);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_find_only_their_own_public_text() {
    both(async |srv: &TestServer| {
        let d = desk(srv).await;
        // Ravi's ticket also says "принтер": Rita never finds it, nor the internal note.
        assert_eq!(
            hits(srv, &d.rita, "принтеры").await,
            vec![("ticket".to_string(), d.printer_ru.clone())],
            "{}",
            srv.backend
        );
        assert_eq!(
            hits(srv, &d.ravi, "принтеры").await,
            vec![("ticket".to_string(), d.ravis.clone())]
        );
        assert!(hits(srv, &d.rita, "картридж").await.is_empty());
        assert!(hits(srv, &d.rita, "тонера").await.is_empty());
        let r = search(srv, &d.rita, "q=toner&type=ticket_note").await;
        assert_eq!(r["total"], 0);
        let r = search(
            srv,
            &d.rita,
            &format!("q={}&visibility=internal", enc("принтер")),
        )
        .await;
        assert_eq!(r["total"], 0, "{r}");
        // The public reply on her own ticket she does find.
        assert_eq!(
            hits(srv, &d.rita, "commutateur").await,
            vec![("ticket".to_string(), d.printer_fr.clone())]
        );
        assert!(hits(srv, &d.ravi, "commutateur").await.is_empty());
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_filters_renames_and_rebuild() {
    both(async |srv: &TestServer| {
        let r1 = srv.requester("rita").await;
        let agent = srv.agent("alma").await;
        let network = srv.category("network").await;
        let mut numbers = Vec::new();
        for i in 0..5 {
            let mut body = json!({"subject": format!("Clavier {i} en panne"), "description": "Touches bloquées"});
            if i == 4 {
                body["type"] = json!("service_request");
                body["category_id"] = json!(network);
            }
            numbers.push(num(&srv.open(&r1, body).await));
        }
        let mut seen = Vec::new();
        for page in 1..=3 {
            let r = search(srv, &agent, &format!("q=claviers&per_page=2&page={page}")).await;
            assert_eq!(r["total"], 5, "{r}");
            assert_eq!(r["total_capped"], false);
            assert_eq!(r["page"], page);
            let items = r["items"].as_array().expect("items");
            assert_eq!(items.len(), if page < 3 { 2 } else { 1 });
            seen.extend(items.iter().map(|h| h["ticket"]["number"].as_str().unwrap().to_string()));
        }
        seen.sort();
        let mut all = numbers.clone();
        all.sort();
        assert_eq!(seen, all, "{}: each hit on one page", srv.backend);
        let r = search(srv, &agent, "q=clavier&kind=service_request").await;
        assert_eq!(r["total"], 1);
        assert_eq!(r["items"][0]["ticket"]["number"], numbers[4].as_str());
        let r = search(srv, &agent, &format!("q=clavier&category_id={network}")).await;
        assert_eq!(r["total"], 1);
        let r = search(srv, &agent, "q=clavier&type=article").await;
        assert_eq!(r["total"], 0);
        // A prefix of the last word.
        let r = search(srv, &agent, "q=clav").await;
        assert_eq!(r["total"], 5);

        // A new subject is searchable at once, the old one no longer.
        srv.change(&agent, &numbers[0], json!({"subject": "Souris sans fil perdue"}))
            .await;
        let r = search(srv, &agent, "q=souris").await;
        assert_eq!(r["total"], 1);
        assert_eq!(r["items"][0]["title"], "Souris sans fil perdue");
        assert_eq!(search(srv, &agent, "q=clavier").await["total"], 4);

        // An index lost (a database from before search) comes back whole with a rebuild.
        assert!(srv.app.search_index_outdated().await.unwrap());
        let ids: Vec<i64> = numbers
            .iter()
            .map(|n| n.rsplit('-').next().unwrap().parse().unwrap())
            .collect();
        srv.app
            .store
            .write(|c| {
                Box::pin(async move {
                    for id in ids {
                        escalade_store::search::remove_document(
                            c,
                            escalade_store::search::DocType::Ticket,
                            id,
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .await
            .unwrap();
        assert_eq!(search(srv, &agent, "q=clavier").await["total"], 0);
        let mut reports = Vec::new();
        let done = srv
            .app
            .rebuild_search_index(|p| reports.push(p))
            .await
            .unwrap();
        assert_eq!((done.done, done.total), (5, 5));
        assert_eq!(reports.last().map(|p| p.done), Some(5));
        assert!(!srv.app.search_index_outdated().await.unwrap());
        assert_eq!(search(srv, &agent, "q=clavier").await["total"], 4);
        assert_eq!(search(srv, &agent, "q=souris").await["total"], 1);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_queries_are_refused_naming_the_parameter() {
    both(async |srv: &TestServer| {
        let agent = srv.agent("alma").await;
        let long = "a".repeat(201);
        for (query, field) in [
            ("q=", "q"),
            ("q=%20%20", "q"),
            ("q=%3F%21", "q"),
            (&format!("q={long}") as &str, "q"),
            ("q=printer&type=bogus", "type"),
            ("q=printer&kind=bogus", "kind"),
            ("q=printer&lang=xx", "lang"),
            ("q=printer&visibility=secret", "visibility"),
            ("q=printer&per_page=0", "per_page"),
            ("q=printer&per_page=101", "per_page"),
            ("q=printer&page=0", "page"),
            ("q=printer&page=1000", "page"),
        ] {
            let r = srv
                .get(&agent.token, &format!("/api/v1/search?{query}"))
                .await
                .expect(400);
            assert_eq!(r.field(), field, "{query}: {}", r.json);
        }
        // A missing `q`, a wrong type or an unknown parameter: the query string is malformed.
        for query in ["", "type=ticket", "q=x&page=two", "q=x&sort=score"] {
            srv.get(&agent.token, &format!("/api/v1/search?{query}"))
                .await
                .error(400, "invalid_query");
        }
        srv.get("", "/api/v1/search?q=printer").await.expect(401);
    })
    .await;
}
