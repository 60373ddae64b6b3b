//! PostgreSQL's walk for the most recent matches of a word rare among the newest documents:
//! the recency lexemes of migration 0014, kept right through inserts and upserts, and the
//! candidates taken bucket by bucket from the GIN index are exactly the newest matches.

use chrono::{TimeZone, Utc};
use escalade_core::ids::UserId;
use escalade_core::search::{SearchQuery, index_text};
use escalade_store::search::{self, DocType, Document, Search};

use crate::search::everything;
use crate::support::backends;

/// Documents with the given ids, each saying `word`, written straight into the table (the
/// ids place them in the recency buckets the test wants).
fn rows(ids: impl Iterator<Item = i64>, word: &str) -> String {
    let values: Vec<String> = ids
        .map(|id| {
            format!(
                "({id}, 'article', {id}, 'public', 'faq', 'Doc', '{word}', '{word}', \
                 TIMESTAMPTZ '2026-12-01 09:00:00+00', CAST('''{word}'':1' AS tsvector))"
            )
        })
        .collect();
    format!(
        "INSERT INTO search_documents (id, doc_type, doc_id, visibility, kind, title, body, \
         terms, updated_at, tsv) VALUES {}",
        values.join(", ")
    )
}

/// The stored vector of document row `id`, as text.
async fn lexemes(s: &escalade_store::Store, id: i64) -> String {
    let mut c = s.read().await.unwrap();
    let row: (String,) = c
        .one(
            &format!("SELECT CAST(tsv AS TEXT) FROM search_documents WHERE id = {id}"),
            vec![],
        )
        .await
        .unwrap();
    row.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_newest_matches_of_a_word_rare_among_the_newest_documents() {
    for db in backends().await {
        if db.name != "postgres" {
            continue;
        }
        let s = &db.store;
        // Rare word "zircon": 51 documents in bucket 3, 30 in bucket 4, 150 among the newest
        // ten thousand; "basalt" fills the newest ids.
        let rare: Vec<i64> = (200_000..200_051)
            .chain(270_000..270_030)
            .chain((0..150).map(|i| 290_200 + i * 60))
            .collect();
        let filler: Vec<i64> = (280_000..300_100).filter(|i| !rare.contains(i)).collect();
        let statements = vec![
            rows(rare.iter().copied(), "zircon"),
            rows(filler.iter().copied(), "basalt"),
        ];
        s.write(|c| {
            Box::pin(async move {
                for sql in &statements {
                    c.raw(sql).await?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
        assert_eq!(
            lexemes(s, 270_005).await,
            "'zircon':1 '~65'",
            "the row's bucket is its id >> 12"
        );

        let mut q = Search {
            query: SearchQuery::parse("zircon").unwrap(),
            doc_types: vec![DocType::Article],
            kind: None,
            category_id: None,
            lang: None,
            internal: None,
            page: 1,
            per_page: 100,
        };
        let mut found = Vec::new();
        let mut c = s.read().await.unwrap();
        for page in 1..=3 {
            q.page = page;
            let p = search::search(&mut c, &q, &everything(UserId(1)))
                .await
                .unwrap();
            // The first pass takes the 201 newest; the third page needs more and widens to
            // every match.
            let expected = if page < 3 { (201, true) } else { (231, false) };
            assert_eq!((p.total, p.capped), expected, "page {page}");
            found.extend(p.hits.into_iter().map(|h| h.id));
        }
        let mut newest = rare.clone();
        newest.sort_unstable_by(|a, b| b.cmp(a));
        assert_eq!(found, newest, "newest first (equal ranks), none missing");
        drop(c);

        // An upsert keeps the row's own bucket, not the one of the id the insert drew.
        s.write(|c| {
            Box::pin(async move {
                search::upsert_document(
                    c,
                    &Document {
                        doc_type: DocType::Article,
                        doc_id: 270_005,
                        ticket_id: None,
                        parent_id: None,
                        lang: None,
                        internal: false,
                        category_id: None,
                        kind: Some("faq".into()),
                        status: None,
                        title: "Doc".into(),
                        body: "zircon again".into(),
                        terms: index_text("zircon again", None),
                        updated_at: Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap(),
                    },
                )
                .await
            })
        })
        .await
        .unwrap();
        let after = lexemes(s, 270_005).await;
        assert!(after.ends_with("'~65'"), "{after}");
        assert_eq!(after.matches('~').count(), 1, "{after}");
    }
}
