//! The full-text index: `search_documents` rows (one per searchable document) and the query
//! over them, with the reader's reach turned into SQL. This module and the `0011_search`
//! migrations are the only places with backend-specific search SQL: FTS5 tables
//! (`search_fts`, `search_fts_articles`) on SQLite, whose candidates are ranked from their
//! stored terms, and a `tsvector` column with GIN indexes (ranked by `ts_rank`) on
//! PostgreSQL. Both hold exactly the terms escalade-core's `search` analysis
//! produced, written and queried without any database-side parsing, so both backends match
//! the same documents.
//!
//! Writes are meant to run inside the owning write's transaction (the ticket's, the
//! article's), so that the index is never behind the data.

use chrono::{DateTime, Utc};
use escalade_core::ids::TicketId;
use escalade_core::search::{SearchQuery, SearchTerm};

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, param};

mod candidates;
mod query;
mod rebuild;
mod recency;

pub use query::{Hit, HitPage, Reach, Search, search};
pub use rebuild::{COMMENT_KINDS, CommentText, TicketText, ticket_batch};

/// Most matches counted for a total, and ranked for paging: a very common word over a large
/// desk stops there (the total reads "1000 or more").
pub const MATCH_CAP: i64 = 1000;

/// What a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocType {
    /// A ticket: subject, description and public replies. Visible as the ticket is.
    Ticket,
    /// An internal note (or another comment the requester does not see) on a ticket.
    TicketNote,
    /// A knowledge article translation.
    Article,
}

impl DocType {
    /// Every type.
    pub const ALL: &'static [DocType] = &[DocType::Ticket, DocType::TicketNote, DocType::Article];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DocType::Ticket => "ticket",
            DocType::TicketNote => "ticket_note",
            DocType::Article => "article",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.as_str() == s)
    }
}

/// A document to index. `terms` is the analysed text (`escalade_core::search::index_text` of
/// the title and the body).
#[derive(Debug, Clone)]
pub struct Document {
    /// What it is.
    pub doc_type: DocType,
    /// Its id in the owning table (ticket id, journal entry id, article translation id).
    pub doc_id: i64,
    /// The ticket it belongs to (ticket documents): its visibility is the ticket's.
    pub ticket_id: Option<TicketId>,
    /// A grouping id (the article of a translation).
    pub parent_id: Option<i64>,
    /// Language tag, when known.
    pub lang: Option<String>,
    /// Whether only agents may find it (internal notes, internal articles).
    pub internal: bool,
    /// Category.
    pub category_id: Option<i64>,
    /// Kind (ticket type, article kind).
    pub kind: Option<String>,
    /// Status (ticket status, article status).
    pub status: Option<String>,
    /// Title shown in results.
    pub title: String,
    /// Original text, for snippets.
    pub body: String,
    /// The analysed text, terms separated by spaces.
    pub terms: String,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl DocType {
    /// The SQLite FTS5 table holding this type's terms: articles have their own, so that
    /// tickets and articles give candidates separately (see [`search`]).
    fn fts_table(self) -> &'static str {
        match self {
            DocType::Article => "search_fts_articles",
            DocType::Ticket | DocType::TicketNote => "search_fts",
        }
    }
}

/// The PostgreSQL `tsvector` literal of analysed terms, with positions so that `ts_rank`
/// counts repeated terms. Terms are letters and digits only, so they need no quoting beyond
/// the single quotes; positions stop at PostgreSQL's limits (16383, 256 per term).
fn tsvector_literal(terms: &str) -> String {
    let mut positions: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, t) in terms.split_whitespace().enumerate() {
        let list = positions.entry(t).or_default();
        if list.len() < 256 {
            list.push((i + 1).min(16383));
        }
    }
    let mut out = String::with_capacity(terms.len() * 2);
    for (t, ps) in positions {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push('\'');
        out.push_str(&t.replace('\'', "''").replace('\\', "\\\\"));
        out.push_str("':");
        let mut last = 0;
        let mut first = true;
        for p in ps {
            // Clamped positions repeat; a tsvector keeps each once.
            if p == last {
                continue;
            }
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str(&p.to_string());
            last = p;
        }
    }
    out
}

/// Quotes one term for a query language (FTS5 strings, tsquery lexemes).
fn quoted(term: &str, quote: char) -> String {
    let q = quote.to_string();
    format!("{quote}{}{quote}", term.replace(quote, &format!("{q}{q}")))
}

/// A query in a query language: each term written by `term`, a group's terms joined by
/// `or`, the groups by `and` (or by `or` for free text, where any group matches).
fn expression(
    q: &SearchQuery,
    term: impl Fn(&SearchTerm) -> String,
    or: &str,
    and: &str,
) -> String {
    q.groups
        .iter()
        .map(|g| {
            let any: Vec<String> = g.any.iter().map(&term).collect();
            format!("({})", any.join(or))
        })
        .collect::<Vec<_>>()
        .join(if q.any_group { or } else { and })
}

/// The FTS5 MATCH expression of a query: `("a" OR "b"*) AND ("c")`.
fn fts5_match(q: &SearchQuery) -> String {
    let term = |t: &SearchTerm| {
        let s = quoted(&t.text, '"');
        if t.prefix { format!("{s}*") } else { s }
    };
    expression(q, term, " OR ", " AND ")
}

/// The tsquery literal of a query: `('a' | 'b':*) & ('c')`.
fn tsquery_literal(q: &SearchQuery) -> String {
    let term = |t: &SearchTerm| {
        let s = quoted(&t.text.replace('\\', "\\\\"), '\'');
        if t.prefix { format!("{s}:*") } else { s }
    };
    expression(q, term, " | ", " & ")
}

/// Adds or replaces a document (by its type and id); returns its row id.
pub async fn upsert_document(c: &mut Conn, d: &Document) -> Result<i64, StoreError> {
    let pg = c.is_postgres();
    let mut a = args![
        d.doc_type.as_str(),
        d.doc_id,
        d.ticket_id.map(|t| t.0),
        d.parent_id,
        d.lang.clone(),
        if d.internal { "internal" } else { "public" },
        d.category_id,
        d.kind.clone(),
        d.status.clone(),
        d.title.as_str(),
        d.body.as_str(),
        d.terms.as_str(),
        d.updated_at
    ];
    let (tsv_col, tsv_val, tsv_set) = if pg {
        let p = param(&mut a, tsvector_literal(&d.terms));
        (
            ", tsv",
            format!(", CAST({p} AS tsvector)"),
            ", tsv = excluded.tsv",
        )
    } else {
        ("", String::new(), "")
    };
    let id = c
        .int(
            &format!(
                "INSERT INTO search_documents (doc_type, doc_id, ticket_id, parent_id, lang, visibility, \
                 category_id, kind, status, title, body, terms, updated_at{tsv_col}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13{tsv_val}) \
                 ON CONFLICT (doc_type, doc_id) DO UPDATE SET ticket_id = excluded.ticket_id, \
                 parent_id = excluded.parent_id, lang = excluded.lang, visibility = excluded.visibility, \
                 category_id = excluded.category_id, kind = excluded.kind, status = excluded.status, \
                 title = excluded.title, body = excluded.body, terms = excluded.terms, \
                 updated_at = excluded.updated_at{tsv_set} RETURNING id"
            ),
            a,
        )
        .await?;
    if !pg {
        // A contentless FTS5 table takes a replacement as delete + insert of the rowid.
        let fts = d.doc_type.fts_table();
        c.exec(&format!("DELETE FROM {fts} WHERE rowid = $1"), args![id])
            .await?;
        c.exec(
            &format!("INSERT INTO {fts} (rowid, terms) VALUES ($1, $2)"),
            args![id, d.terms.as_str()],
        )
        .await?;
    }
    Ok(id)
}

/// Rows per multi-row statement of [`insert_documents`]. SQLite's binding looks each
/// parameter up by name among all of the statement's (a cost that grows with the square of
/// their number: at 500 rows, 80 % of a bulk load went there), so its statements stay small;
/// PostgreSQL takes up to 65,535 parameters and pays per round trip instead.
pub fn bulk_rows(c: &Conn) -> usize {
    if c.is_postgres() { 500 } else { 40 }
}

/// Adds new documents (none of them indexed yet) with multi-row statements: for bulk loading
/// (the benchmark), where one statement per row would dominate the time.
pub async fn insert_documents(c: &mut Conn, docs: &[Document]) -> Result<(), StoreError> {
    let pg = c.is_postgres();
    for chunk in docs.chunks(bulk_rows(c)) {
        let mut a = Vec::with_capacity(chunk.len() * 14);
        let mut rows = Vec::with_capacity(chunk.len());
        for d in chunk {
            let mut row = vec![
                param(&mut a, d.doc_type.as_str()),
                param(&mut a, d.doc_id),
                param(&mut a, d.ticket_id.map(|t| t.0)),
                param(&mut a, d.parent_id),
                param(&mut a, d.lang.clone()),
                param(&mut a, if d.internal { "internal" } else { "public" }),
                param(&mut a, d.category_id),
                param(&mut a, d.kind.clone()),
                param(&mut a, d.status.clone()),
                param(&mut a, d.title.as_str()),
                param(&mut a, d.body.as_str()),
                param(&mut a, d.terms.as_str()),
                param(&mut a, d.updated_at),
            ];
            if pg {
                let p = param(&mut a, tsvector_literal(&d.terms));
                row.push(format!("CAST({p} AS tsvector)"));
            }
            rows.push(format!("({})", row.join(", ")));
        }
        let mut ids: Vec<(i64,)> = c
            .all(
                &format!(
                    "INSERT INTO search_documents (doc_type, doc_id, ticket_id, parent_id, lang, \
                     visibility, category_id, kind, status, title, body, terms, updated_at{}) \
                     VALUES {} RETURNING id",
                    if pg { ", tsv" } else { "" },
                    rows.join(", ")
                ),
                a,
            )
            .await?;
        // Ids are given in the order of the rows; RETURNING need not keep it.
        ids.sort_unstable();
        if !pg {
            for fts in ["search_fts", "search_fts_articles"] {
                let mut a = Vec::with_capacity(chunk.len() * 2);
                let rows: Vec<String> = ids
                    .iter()
                    .zip(chunk)
                    .filter(|(_, d)| d.doc_type.fts_table() == fts)
                    .map(|((id,), d)| {
                        format!(
                            "({}, {})",
                            param(&mut a, *id),
                            param(&mut a, d.terms.as_str())
                        )
                    })
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                c.exec(
                    &format!(
                        "INSERT INTO {fts} (rowid, terms) VALUES {}",
                        rows.join(", ")
                    ),
                    a,
                )
                .await?;
            }
        }
    }
    Ok(())
}

/// Removes a document; whether it was there.
pub async fn remove_document(
    c: &mut Conn,
    doc_type: DocType,
    doc_id: i64,
) -> Result<bool, StoreError> {
    let row: Option<(i64,)> = c
        .opt(
            "DELETE FROM search_documents WHERE doc_type = $1 AND doc_id = $2 RETURNING id",
            args![doc_type.as_str(), doc_id],
        )
        .await?;
    let Some((id,)) = row else {
        return Ok(false);
    };
    if !c.is_postgres() {
        c.exec(
            &format!("DELETE FROM {} WHERE rowid = $1", doc_type.fts_table()),
            args![id],
        )
        .await?;
    }
    Ok(true)
}

/// A stored document, as indexed.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct StoredDocument {
    /// Row id.
    pub id: i64,
    /// Language tag.
    pub lang: Option<String>,
    /// Title.
    pub title: String,
    /// Original text.
    pub body: String,
}

/// The indexed title and text of a document (to extend it, e.g. with a reply).
pub async fn document(
    c: &mut Conn,
    doc_type: DocType,
    doc_id: i64,
) -> Result<Option<StoredDocument>, StoreError> {
    c.opt(
        "SELECT id, lang, title, body FROM search_documents WHERE doc_type = $1 AND doc_id = $2",
        args![doc_type.as_str(), doc_id],
    )
    .await
}

/// Number of documents of a type.
pub async fn count(c: &mut Conn, doc_type: DocType) -> Result<i64, StoreError> {
    c.int(
        "SELECT COUNT(*) FROM search_documents WHERE doc_type = $1",
        args![doc_type.as_str()],
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_quote_and_position_terms() {
        assert_eq!(tsvector_literal("b a b"), "'a':2 'b':1,3");
        assert_eq!(tsvector_literal(""), "");
        let q = SearchQuery::parse("réseau 网络").expect("query");
        let fts = fts5_match(&q);
        assert!(fts.contains("\"reseau\""), "{fts}");
        assert!(fts.ends_with("(\"网络\")"), "{fts}");
        let ts = tsquery_literal(&q);
        assert!(ts.contains("'reseau'"), "{ts}");
        assert!(ts.ends_with("('网络')"), "{ts}");
    }
}
