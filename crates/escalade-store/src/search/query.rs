//! The search query: the reader's reach turned into SQL, candidates taken from each source
//! (the most recent matches of tickets and of articles, or a narrow reader's own tickets),
//! then reach, filters, ranking, the count and the page in one statement.

use escalade_core::authz::Visibility;
use escalade_core::search::SearchQuery;

use super::{DocType, MATCH_CAP, fts5_match, tsquery_literal};
use crate::error::StoreError;
use crate::sql::{Conn, Value, param, push_list};
use crate::tickets::visibility_clause;

/// Who is searching, as filters: which tickets they may read, on which of them they may read
/// internal notes, and whether they may find internal articles.
#[derive(Debug, Clone)]
pub struct Reach {
    /// The tickets the reader may read (ticket documents).
    pub tickets: Visibility,
    /// The tickets whose internal notes the reader may read; `None`: none.
    pub notes: Option<Visibility>,
    /// Whether internal articles may be found.
    pub internal_articles: bool,
    /// Whether only published articles may be found (readers without `kb.read_internal`).
    pub articles_published_only: bool,
}

/// A search: the analysed query, filters and the page.
#[derive(Debug, Clone)]
pub struct Search {
    /// What to look for.
    pub query: SearchQuery,
    /// Only these document types (all when empty).
    pub doc_types: Vec<DocType>,
    /// Only this kind (ticket type or article kind).
    pub kind: Option<String>,
    /// Only this category.
    pub category_id: Option<i64>,
    /// Only this language.
    pub lang: Option<String>,
    /// Only public (`Some(false)`) or internal (`Some(true)`) documents.
    pub internal: Option<bool>,
    /// Page, from 1.
    pub page: i64,
    /// Hits per page (1-100).
    pub per_page: i64,
}

/// One hit. For ticket documents, category, kind and status are the ticket's current ones.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hit {
    /// Document row id.
    pub id: i64,
    /// Document type (stored name).
    pub doc_type: String,
    /// Id in the owning table.
    pub doc_id: i64,
    /// The ticket, for ticket documents.
    pub ticket_id: Option<i64>,
    /// Grouping id.
    pub parent_id: Option<i64>,
    /// Language.
    pub lang: Option<String>,
    /// `public` or `internal`.
    pub visibility: String,
    /// Category.
    pub category_id: Option<i64>,
    /// Kind.
    pub kind: Option<String>,
    /// Status.
    pub status: Option<String>,
    /// Title (a ticket's current subject).
    pub title: String,
    /// Original text.
    pub body: String,
    /// Relevance, higher is better (bm25 on SQLite, ts_rank on PostgreSQL: not comparable
    /// across backends).
    pub score: f64,
}

/// A page of hits and how many match (at most [`MATCH_CAP`]; `capped` when there are more).
#[derive(Debug, Clone)]
pub struct HitPage {
    /// This page's hits, best first.
    pub hits: Vec<Hit>,
    /// How many match, up to the cap.
    pub total: i64,
    /// Whether more than [`MATCH_CAP`] match.
    pub capped: bool,
}

/// The ` AND ...` conditions for the reach and the filters (documents `d`, tickets `t`).
fn conditions(s: &Search, r: &Reach, a: &mut Vec<Value>) -> String {
    let types: Vec<DocType> = if s.doc_types.is_empty() {
        DocType::ALL.to_vec()
    } else {
        s.doc_types.clone()
    };
    let mut reach = Vec::new();
    for ty in types {
        let kind = param(a, ty.as_str());
        match ty {
            DocType::Ticket => {
                let mut vis = String::from("1 = 1");
                visibility_clause(&r.tickets, &mut vis, a);
                reach.push(format!(
                    "(d.doc_type = {kind} AND t.id IS NOT NULL AND {vis})"
                ));
            }
            DocType::TicketNote => {
                let Some(notes) = &r.notes else { continue };
                let mut vis = String::from("1 = 1");
                visibility_clause(&r.tickets, &mut vis, a);
                visibility_clause(notes, &mut vis, a);
                reach.push(format!(
                    "(d.doc_type = {kind} AND t.id IS NOT NULL AND {vis})"
                ));
            }
            DocType::Article => {
                let vis = if r.internal_articles {
                    String::new()
                } else {
                    " AND d.visibility = 'public'".to_string()
                };
                let vis = if r.articles_published_only {
                    format!("{vis} AND d.status = 'published'")
                } else {
                    vis
                };
                reach.push(format!("(d.doc_type = {kind}{vis})"));
            }
        }
    }
    let mut sql = if reach.is_empty() {
        String::from(" AND 1 = 0")
    } else {
        format!(" AND ({})", reach.join(" OR "))
    };
    if let Some(k) = &s.kind {
        sql.push_str(&format!(
            " AND (CASE WHEN d.ticket_id IS NULL THEN d.kind ELSE t.kind END) = {}",
            param(a, k.as_str())
        ));
    }
    if let Some(cat) = s.category_id {
        sql.push_str(&format!(
            " AND (CASE WHEN d.ticket_id IS NULL THEN d.category_id ELSE t.category_id END) = {}",
            param(a, cat)
        ));
    }
    if let Some(l) = &s.lang {
        sql.push_str(&format!(" AND d.lang = {}", param(a, l.as_str())));
    }
    if let Some(internal) = s.internal {
        let v = if internal { "internal" } else { "public" };
        sql.push_str(&format!(" AND d.visibility = {}", param(a, v)));
    }
    sql
}

const HIT_COLUMNS: &str = "d.id, d.doc_type, d.doc_id, d.ticket_id, d.parent_id, d.lang, d.visibility, \
    CASE WHEN d.ticket_id IS NULL THEN d.category_id ELSE t.category_id END AS category_id, \
    CASE WHEN d.ticket_id IS NULL THEN d.kind ELSE t.kind END AS kind, \
    CASE WHEN d.ticket_id IS NULL THEN d.status ELSE t.status END AS status, \
    CASE WHEN t.id IS NULL THEN d.title ELSE t.subject END AS title, d.body";

/// Matches taken from each source by the first pass: the most recent ones, then ranked. A
/// search whose matches all fit is ranked and counted exactly; a broader one is ranked among
/// its most recent matches (a desk's recent tickets are the ones people look for) and its
/// count reads "N or more", without scoring every document that holds a common word. Ten
/// pages of 20, and one more to tell that more match: the walk for a word in 3 % of the
/// documents (the costliest case, where the index and the walk by id cost the same) then
/// reads about 7,000 rows, not 33,000.
const FIRST_CANDIDATES: i64 = 201;
/// How much wider each next pass is, when the reader's reach or the filters left the page
/// short.
const WIDEN: i64 = 8;
/// The widest pass: past it, the page holds what was found and the total reads "or more".
const MAX_CANDIDATES: i64 = 64_064;

/// The reader's tickets when their reach is narrow (their own, assigned and watched tickets,
/// no department or group): few enough to test each of their documents against the match
/// instead of walking every match. `None` for a wide reach.
fn narrow_tickets(v: &Visibility, a: &mut Vec<Value>) -> Option<String> {
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

/// The walk of one source: its `k` most recent matches as `(id, rank)` rows, lower rank
/// better. Tickets (with their notes) and articles are walked separately, so that neither
/// crowds the other out of the candidates.
fn walk(pg: bool, q: &str, k: &str, articles: bool) -> String {
    if pg {
        let q = format!("CAST({q} AS tsquery)");
        // The conditions match the partial indexes of migration 0013, which give each source
        // its own walk by id.
        let which = if articles {
            "doc_type = 'article'"
        } else {
            "doc_type <> 'article'"
        };
        format!(
            "SELECT w.id, -CAST(ts_rank(w.tsv, {q}) AS DOUBLE PRECISION) AS rank FROM \
             (SELECT id, tsv FROM search_documents WHERE {which} AND tsv @@ {q} \
             ORDER BY id DESC LIMIT {k}) w"
        )
    } else {
        // FTS5 walks its document lists by rowid, newest first, and stops at the limit; bm25
        // (`rank`) is computed only for the rows it returns.
        let fts = if articles {
            DocType::Article.fts_table()
        } else {
            DocType::Ticket.fts_table()
        };
        format!(
            "SELECT rowid AS id, rank FROM {fts} WHERE {fts} MATCH {q} \
             ORDER BY rowid DESC LIMIT {k}"
        )
    }
}

/// The ticket document types a search asks for and the reader may match (notes only with a
/// reach over notes).
fn ticket_types(s: &Search, r: &Reach) -> Vec<DocType> {
    let asked = |t: DocType| s.doc_types.is_empty() || s.doc_types.contains(&t);
    let mut types = Vec::new();
    if asked(DocType::Ticket) {
        types.push(DocType::Ticket);
    }
    if asked(DocType::TicketNote) && r.notes.is_some() {
        types.push(DocType::TicketNote);
    }
    types
}

/// The reader's own matching ticket documents as `(id, rank)`, for a narrow reach, best
/// first, at most `MATCH_CAP + 1` of them.
///
/// On SQLite they are read from the stored terms of the reader's documents (a few hundred or
/// thousand rows found by ticket) and matched with the query's own rules: FTS5 can only test
/// a given document by reading the word's whole list again, and walking a common word's list
/// to keep the reader's documents grows with the desk. On PostgreSQL each of those documents'
/// vectors is tested by `@@` and ranked by `ts_rank`.
async fn own_matches(
    c: &mut Conn,
    query: &SearchQuery,
    reader: &Visibility,
    types: &[DocType],
) -> Result<Vec<(i64, f64)>, StoreError> {
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
        sql.push_str(&format!(
            "SELECT n.id, CAST(ts_rank(n.tsv, CAST({q} AS tsquery)) AS DOUBLE PRECISION) \
             FROM search_documents n WHERE n.ticket_id IN ({narrow}) AND n.doc_type IN {type_list} \
             AND n.tsv @@ CAST({q} AS tsquery)"
        ));
        c.all(&sql, a).await?
    } else {
        // `+` keeps SQLite on the reader's tickets: offered the type, it walked every
        // document of that type by the (doc_type, doc_id) key instead (2.5 s at a million).
        sql.push_str(&format!(
            "SELECT n.id, n.terms FROM search_documents n WHERE n.ticket_id IN ({narrow}) \
             AND +n.doc_type IN {type_list}"
        ));
        // A first cut in SQL: every group's terms must occur somewhere in the text (as a
        // substring, so never stricter than the match below).
        for g in &query.groups {
            let any: Vec<String> = g
                .any
                .iter()
                .map(|t| format!("instr(n.terms, {}) > 0", param(&mut a, t.text.as_str())))
                .collect();
            sql.push_str(&format!(" AND ({})", any.join(" OR ")));
        }
        let rows: Vec<(i64, String)> = c.all(&sql, a).await?;
        rows.into_iter()
            .filter_map(|(id, terms)| query.score_terms(&terms).map(|s| (id, s)))
            .collect()
    };
    scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(y.0.cmp(&x.0)));
    scored.truncate(MATCH_CAP as usize + 1);
    Ok(scored.into_iter().map(|(id, score)| (id, -score)).collect())
}

/// One row of a pass: a hit with the pass's counts.
#[derive(Debug, sqlx::FromRow)]
struct PassRow {
    #[sqlx(flatten)]
    hit: Hit,
    /// Candidates within the reader's reach and the filters.
    matched: i64,
    /// Rows of the fullest walk (its limit reached: more may match).
    widest: i64,
}

/// Finds the documents matching `s` that `r` may reach, best first, one page at a time.
///
/// The full-text engine first picks candidates from each source: the most recent matching
/// tickets (with notes), the most recent matching articles, and, for a reader with a narrow
/// reach (own, assigned and watched tickets only), the reader's own matching tickets instead
/// of the ticket walk. Reach and filters are applied to those only, and the page, its rank and
/// the count come from one statement. When the candidates fall short of the page, the next
/// pass takes [`WIDEN`] times more.
pub async fn search(c: &mut Conn, s: &Search, r: &Reach) -> Result<HitPage, StoreError> {
    let per_page = s.per_page.clamp(1, 100);
    let offset = (s.page.max(1) - 1).saturating_mul(per_page);
    let pg = c.is_postgres();
    let tickets = ticket_types(s, r);
    let articles = s.doc_types.is_empty() || s.doc_types.contains(&DocType::Article);
    let narrow = !tickets.is_empty() && {
        let mut probe = Vec::new();
        narrow_tickets(&r.tickets, &mut probe).is_some()
    };
    let own = if narrow {
        own_matches(c, &s.query, &r.tickets, &tickets).await?
    } else {
        Vec::new()
    };
    let own_over = own.len() as i64 > MATCH_CAP;
    let own_rows: Vec<String> = own
        .iter()
        // Numbers this code computed: written as literals, the list needs no parameters.
        .map(|(id, rank)| format!("({id}, {rank:e})"))
        .collect();
    let mut k = FIRST_CANDIDATES;
    loop {
        let mut a = Vec::new();
        let q = if pg {
            param(&mut a, tsquery_literal(&s.query))
        } else {
            param(&mut a, fts5_match(&s.query))
        };
        let kp = param(&mut a, k);
        let mut ctes: Vec<String> = Vec::new();
        let mut sources: Vec<&str> = Vec::new();
        let mut walked: Vec<&str> = Vec::new();
        if !tickets.is_empty() && !narrow {
            ctes.push(format!("wt AS MATERIALIZED ({})", walk(pg, &q, &kp, false)));
            sources.push("wt");
            walked.push("wt");
        }
        if articles {
            ctes.push(format!("wa AS MATERIALIZED ({})", walk(pg, &q, &kp, true)));
            sources.push("wa");
            walked.push("wa");
        }
        if !own_rows.is_empty() {
            ctes.push(format!(
                "wo (id, rank) AS MATERIALIZED (VALUES {})",
                own_rows.join(", ")
            ));
            sources.push("wo");
        }
        if sources.is_empty() {
            return Ok(HitPage {
                hits: Vec::new(),
                total: 0,
                capped: false,
            });
        }
        let all = sources
            .iter()
            .map(|w| format!("SELECT id, rank FROM {w}"))
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let widest = match walked.as_slice() {
            [] => "0".to_string(),
            [one] => format!("(SELECT COUNT(*) FROM {one})"),
            many => format!(
                "{}({})",
                if pg { "GREATEST" } else { "max" },
                many.iter()
                    .map(|w| format!("(SELECT COUNT(*) FROM {w})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        let cond = conditions(s, r, &mut a);
        let with = format!("WITH {}, m AS MATERIALIZED ({all}) ", ctes.join(", "));
        // The match is the outer loop: each candidate finds its document and ticket by key.
        let from = " FROM m CROSS JOIN search_documents d LEFT JOIN tickets t ON t.id = d.ticket_id \
                    WHERE d.id = m.id";
        let counts = format!("{with}SELECT COUNT(*), {widest}{from}{cond}");
        let (matched, widest, hits) = if offset >= MATCH_CAP {
            let (matched, widest): (i64, i64) = c.one(&counts, a).await?;
            (matched, widest, Vec::new())
        } else {
            let lim = param(&mut a, per_page);
            let off = param(&mut a, offset);
            let rows: Vec<PassRow> = c
                .all(
                    &format!(
                        // The page is chosen on ids and scores only; the texts are read for
                        // its rows alone (sorting every candidate with its body cost twice).
                        "{with}, p AS MATERIALIZED (SELECT d.id, -m.rank AS score, \
                         COUNT(*) OVER () AS matched, {widest} AS widest{from}{cond} \
                         ORDER BY score DESC, d.id DESC LIMIT {lim} OFFSET {off}) \
                         SELECT {HIT_COLUMNS}, p.score AS score, p.matched AS matched, \
                         p.widest AS widest FROM p CROSS JOIN search_documents d \
                         LEFT JOIN tickets t ON t.id = d.ticket_id WHERE d.id = p.id \
                         ORDER BY p.score DESC, d.id DESC"
                    ),
                    a.clone(),
                )
                .await?;
            match rows.first() {
                Some(first) => (
                    first.matched,
                    first.widest,
                    rows.into_iter().map(|r| r.hit).collect(),
                ),
                // Past the last hit: the counts come on their own.
                None => {
                    a.truncate(a.len() - 2);
                    let (matched, widest): (i64, i64) = c.one(&counts, a).await?;
                    (matched, widest, Vec::new())
                }
            }
        };
        let truncated = widest >= k;
        if !truncated || matched >= offset + per_page || k >= MAX_CANDIDATES {
            return Ok(HitPage {
                hits,
                total: matched.min(MATCH_CAP),
                capped: matched > MATCH_CAP || truncated || own_over,
            });
        }
        k = (k * WIDEN).min(MAX_CANDIDATES);
    }
}
