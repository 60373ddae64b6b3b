//! Where a search's candidates come from: each source's most recent matches (the walk), and
//! a narrow reader's own matching tickets. Candidates are `(id, rank)` pairs, lower rank
//! better; the query statement then applies reach, filters and the page to them alone.
//!
//! On SQLite the walk asks FTS5 for row ids only and ranks the rows it returns from their
//! stored terms (escalade-core's `rank_together`): FTS5's own bm25 first counts every document
//! holding each word, a walk of the word's whole index list (20-50 ms for a common word at a
//! million documents), where the walk for ids stops after the first few hundred. On
//! PostgreSQL the walk is `recency`'s.

use escalade_core::authz::Visibility;
use escalade_core::search::SearchQuery;

use super::{DocType, MATCH_CAP, fts5_match, tsquery_literal};
use crate::error::StoreError;
use crate::sql::{Conn, Value, param, push_list};

/// A search's candidates: `(document id, rank)`, lower rank better.
pub(super) type Candidates = Vec<(i64, f64)>;

/// A source of candidates walked newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// Tickets and their notes.
    Tickets,
    /// Knowledge articles.
    Articles,
}

/// The `k` most recent documents of `source` matching `query` (all of them when fewer
/// match: `k` rows say that more may).
pub(super) async fn walk(
    c: &mut Conn,
    query: &SearchQuery,
    source: Source,
    k: i64,
) -> Result<Candidates, StoreError> {
    if c.is_postgres() {
        return super::recency::walk(c, query, source, k).await;
    }
    let fts = match source {
        Source::Articles => DocType::Article.fts_table(),
        Source::Tickets => DocType::Ticket.fts_table(),
    };
    let mut a = Vec::new();
    let q = param(&mut a, fts5_match(query));
    let kp = param(&mut a, k);
    // FTS5 walks its lists by rowid, newest first, and stops at the limit.
    let found: Vec<(i64, String)> = c
        .all(
            &format!(
                "SELECT d.id, d.terms FROM (SELECT rowid AS id FROM {fts} WHERE {fts} \
                 MATCH {q} ORDER BY rowid DESC LIMIT {kp}) w \
                 CROSS JOIN search_documents d WHERE d.id = w.id"
            ),
            a,
        )
        .await?;
    let terms: Vec<&str> = found.iter().map(|(_, terms)| terms.as_str()).collect();
    let scores = query.rank_together(&terms);
    Ok(found
        .iter()
        .zip(scores)
        // The index matched the row: the terms can only disagree on tokenisation, and then
        // the match stands, ranked last.
        .map(|((id, _), score)| (*id, -score.unwrap_or(0.0)))
        .collect())
}

/// The reader's tickets when their reach is narrow (their own, assigned and watched tickets,
/// no department or group): few enough to test each of their documents against the match
/// instead of walking every match. `None` for a wide reach.
pub(super) fn narrow_tickets(v: &Visibility, a: &mut Vec<Value>) -> Option<String> {
    if v.none || v.all || !v.departments.is_empty() || !v.groups.is_empty() {
        return None;
    }
    let me = param(a, v.user.0);
    Some(format!(
        "SELECT o.id FROM tickets o WHERE o.requester_id = {me} \
         UNION SELECT o.id FROM tickets o WHERE o.assignee_id = {me} \
         UNION SELECT w.ticket_id FROM ticket_watchers w WHERE w.user_id = {me}"
    ))
}

/// The reader's own matching ticket documents as `(id, rank)`, for a narrow reach, best
/// first, at most `MATCH_CAP + 1` of them.
///
/// On SQLite they are read from the stored terms of the reader's documents (a few hundred or
/// thousand rows found by ticket) and matched with the query's own rules: FTS5 can only test
/// a given document by reading the word's whole list again, and walking a common word's list
/// to keep the reader's documents grows with the desk. On PostgreSQL each of those documents'
/// vectors is tested by `@@` and ranked by `ts_rank`.
pub(super) async fn own_matches(
    c: &mut Conn,
    query: &SearchQuery,
    reader: &Visibility,
    types: &[DocType],
) -> Result<Candidates, StoreError> {
    let mut a = Vec::new();
    let Some(narrow) = narrow_tickets(reader, &mut a) else {
        return Ok(Vec::new());
    };
    let mut sql = String::new();
    let mut type_list = String::new();
    push_list(
        &mut type_list,
        &mut a,
        types.iter().map(|t| Value::from(t.as_str())),
    );
    let mut scored: Vec<(i64, f64)> = if c.is_postgres() {
        let q = param(&mut a, tsquery_literal(query));
        // `ts_match_vq` (`@@` as a function) keeps the planner on the reader's tickets: offered
        // the GIN index, it took a common Chinese phrase for a rare one and read every match.
        sql.push_str(&format!(
            "SELECT n.id, CAST(ts_rank(n.tsv, CAST({q} AS tsquery)) AS DOUBLE PRECISION) \
             FROM search_documents n WHERE n.ticket_id IN ({narrow}) AND n.doc_type IN {type_list} \
             AND ts_match_vq(n.tsv, CAST({q} AS tsquery))"
        ));
        c.all(&sql, a).await?
    } else {
        // `+` keeps SQLite on the reader's tickets: offered the type, it walked every
        // document of that type by the (doc_type, doc_id) key instead (2.5 s at a million).
        sql.push_str(&format!(
            "SELECT n.id, n.terms FROM search_documents n WHERE n.ticket_id IN ({narrow}) \
             AND +n.doc_type IN {type_list}"
        ));
        // A first cut in SQL: every group's terms (any group's, for free text) must occur
        // somewhere in the text (as a substring, so never stricter than the match below).
        let groups: Vec<String> = query
            .groups
            .iter()
            .map(|g| {
                let any: Vec<String> = g
                    .any
                    .iter()
                    .map(|t| format!("instr(n.terms, {}) > 0", param(&mut a, t.text.as_str())))
                    .collect();
                format!("({})", any.join(" OR "))
            })
            .collect();
        let join = if query.any_group { " OR " } else { " AND " };
        sql.push_str(&format!(" AND ({})", groups.join(join)));
        let rows: Vec<(i64, String)> = c.all(&sql, a).await?;
        let terms: Vec<&str> = rows.iter().map(|(_, terms)| terms.as_str()).collect();
        let scores = query.rank_together(&terms);
        rows.iter()
            .zip(scores)
            .filter_map(|((id, _), score)| score.map(|s| (*id, s)))
            .collect()
    };
    scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(y.0.cmp(&x.0)));
    scored.truncate(MATCH_CAP as usize + 1);
    Ok(scored.into_iter().map(|(id, score)| (id, -score)).collect())
}
