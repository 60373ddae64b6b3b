//! The PostgreSQL walk: a source's most recent matches without reading every match.
//!
//! The newest documents are first tested one by one (a common word is found among the first
//! few hundred); a word rarer than that among them is then asked of the GIN index, restricted
//! by the recency lexemes of migration 0014 (`~N` for ids `N << 12` to `(N + 1) << 12`) to
//! the newest ids that should hold enough matches, so that the table rows read stay in the
//! thousands even for a word in 1 % of a million documents. The planner is never left to
//! choose between the two: it estimates a phrase's character pairs as independent, takes a
//! common phrase for a rare one, and then reads tens of thousands of rows for 201.

use escalade_core::search::SearchQuery;

use super::candidates::{Candidates, Source};
use super::tsquery_literal;
use crate::error::StoreError;
use crate::sql::{Conn, param};

/// Newest tickets (with notes) tested one by one before the GIN index is asked.
const TICKET_WINDOW: i64 = 5_000;
/// Newest articles tested one by one: fewer, since each article's vector is long (read from
/// TOAST, 5-9 us a row where a ticket's takes 1).
const ARTICLE_WINDOW: i64 = 1_000;
/// Ids per recency lexeme, as a shift (migration 0014: `~` followed by `id >> 12`).
const BUCKET_SHIFT: u32 = 12;
/// Rows one question to the GIN index is expected to read at most.
const INDEX_ROWS: f64 = 1_000.0;

/// The `k` most recent documents of `source` matching `query`, ranked by `ts_rank`.
pub(super) async fn walk(
    c: &mut Conn,
    query: &SearchQuery,
    source: Source,
    k: i64,
) -> Result<Candidates, StoreError> {
    // The conditions match the partial indexes of migrations 0013 and 0014, which give each
    // source its own walk by id and GIN index.
    let (which, window_rows) = match source {
        Source::Articles => ("doc_type = 'article'", ARTICLE_WINDOW),
        Source::Tickets => ("doc_type <> 'article'", TICKET_WINDOW),
    };
    let words = tsquery_literal(query);
    let mut a = Vec::new();
    let q = param(&mut a, words.as_str());
    let window = param(&mut a, window_rows);
    let kp = param(&mut a, k);
    // `ts_match_vq` is `@@` as a function: the planner cannot hand it to the GIN index, so
    // this is always the walk of the newest ids.
    let mut rows: Vec<(i64, f64)> = c
        .all(
            &format!(
                "SELECT id, -CAST(ts_rank(tsv, CAST({q} AS tsquery)) AS DOUBLE PRECISION) \
                 FROM search_documents WHERE {which} AND id > (SELECT COALESCE(MAX(id), 0) - \
                 {window} FROM search_documents WHERE {which}) \
                 AND ts_match_vq(tsv, CAST({q} AS tsquery)) ORDER BY id DESC LIMIT {kp}"
            ),
            a,
        )
        .await?;
    if (rows.len() as i64) < k {
        let newest: Option<i64> = c
            .one::<(Option<i64>,)>(
                &format!("SELECT MAX(id) FROM search_documents WHERE {which}"),
                Vec::new(),
            )
            .await?
            .0;
        let newest = newest.unwrap_or(0);
        let mut below = newest - window_rows;
        while below > 0 && (rows.len() as i64) < k {
            // Matches per id so far, counting at least one: a word absent from the newest is
            // still looked for, in one question when the rate says few are left.
            let rate = rows.len().max(1) as f64 / (newest - below) as f64;
            let need = k - rows.len() as i64;
            let (recent, next) = if rate * below as f64 <= INDEX_ROWS {
                (String::new(), 0)
            } else {
                let per_bucket = rate * (1i64 << BUCKET_SHIFT) as f64;
                let most = (INDEX_ROWS / per_bucket).floor().max(1.0);
                let buckets = (need as f64 * 1.5 / per_bucket).ceil().clamp(1.0, most) as i64;
                let high = below >> BUCKET_SHIFT;
                let low = (high - buckets + 1).max(0);
                let lexemes: Vec<String> = (low..=high).map(|b| format!("'~{b}'")).collect();
                (
                    format!(" & ({})", lexemes.join(" | ")),
                    (low << BUCKET_SHIFT) - 1,
                )
            };
            let mut a = Vec::new();
            // Ranked by the words alone: the recency lexeme would add to every row's rank.
            let w = param(&mut a, words.as_str());
            let q = param(&mut a, format!("({words}){recent}"));
            let top = param(&mut a, below);
            let n = param(&mut a, need);
            // `OFFSET 0` keeps the limit out of the subquery: the planner cannot turn it
            // into a walk by id, and the index hands over only the lexemes' rows. Only the
            // rows kept are ranked.
            let more: Vec<(i64, f64)> = c
                .all(
                    &format!(
                        "SELECT id, -CAST(ts_rank(tsv, CAST({w} AS tsquery)) AS DOUBLE PRECISION) \
                         FROM (SELECT id, tsv FROM (SELECT id, tsv FROM search_documents \
                         WHERE {which} AND id <= {top} AND tsv @@ CAST({q} AS tsquery) \
                         OFFSET 0) x ORDER BY id DESC LIMIT {n}) y"
                    ),
                    a,
                )
                .await?;
            rows.extend(more);
            below = next;
        }
    }
    Ok(rows)
}
