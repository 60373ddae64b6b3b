//! The search query: the words asked whole first, then with the last word's completions when
//! that finds little; candidates taken from each source (see `candidates`), then the reader's
//! reach and the filters turned into SQL, with ranking, the count and the page in one
//! statement over the candidates.

use escalade_core::authz::Visibility;
use escalade_core::search::SearchQuery;

use super::candidates::{Source, narrow_tickets, own_matches, walk};
use super::{DocType, MATCH_CAP};
use crate::error::StoreError;
use crate::sql::{Conn, Value, param};
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
    /// Relevance, higher is better (from the stored terms on SQLite, ts_rank on PostgreSQL:
    /// not comparable across backends).
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

/// One row of the page statement: a hit and how many candidates passed reach and filters.
#[derive(Debug, sqlx::FromRow)]
struct PageRow {
    #[sqlx(flatten)]
    hit: Hit,
    /// Candidates within the reader's reach and the filters.
    matched: i64,
}

/// Finds the documents matching `s` that `r` may reach, best first, one page at a time.
///
/// The words are first asked as typed; the completions of the last word are let in only when
/// that finds fewer than [`FIRST_CANDIDATES`] documents (a word still being typed, a rare
/// one), so that a complete common word costs one walk of its own index list.
pub async fn search(c: &mut Conn, s: &Search, r: &Reach) -> Result<HitPage, StoreError> {
    if let Some(exact) = s.query.exact() {
        let (page, found) = search_with(c, s, &exact, r).await?;
        if found >= FIRST_CANDIDATES as usize {
            return Ok(page);
        }
    }
    Ok(search_with(c, s, &s.query, r).await?.0)
}

/// [`search`] for one form of the query; also says how many candidates its first pass found
/// before reach and filters.
///
/// The full-text engine first picks candidates from each source: the most recent matching
/// tickets (with notes), the most recent matching articles, and, for a reader with a narrow
/// reach (own, assigned and watched tickets only), the reader's own matching tickets instead
/// of the ticket walk. Reach and filters are applied to those only, and the page, its rank and
/// the count come from one statement. When the candidates fall short of the page, the next
/// pass takes [`WIDEN`] times more.
async fn search_with(
    c: &mut Conn,
    s: &Search,
    query: &SearchQuery,
    r: &Reach,
) -> Result<(HitPage, usize), StoreError> {
    let per_page = s.per_page.clamp(1, 100);
    let offset = (s.page.max(1) - 1).saturating_mul(per_page);
    let tickets = ticket_types(s, r);
    let articles = s.doc_types.is_empty() || s.doc_types.contains(&DocType::Article);
    let narrow = !tickets.is_empty() && {
        let mut probe = Vec::new();
        narrow_tickets(&r.tickets, &mut probe).is_some()
    };
    let own = if narrow {
        own_matches(c, query, &r.tickets, &tickets).await?
    } else {
        Vec::new()
    };
    let own_over = own.len() as i64 > MATCH_CAP;
    let mut first_found = None;
    let mut k = FIRST_CANDIDATES;
    loop {
        let mut rows = own.clone();
        let mut truncated = false;
        let mut sources = Vec::new();
        if !tickets.is_empty() && !narrow {
            sources.push(Source::Tickets);
        }
        if articles {
            sources.push(Source::Articles);
        }
        for source in sources {
            let found = walk(c, query, source, k).await?;
            // A walk that reached its limit says that more documents match.
            truncated |= found.len() as i64 >= k;
            rows.extend(found);
        }
        let found = *first_found.get_or_insert(rows.len());
        let (matched, hits) = if rows.is_empty() {
            (0, Vec::new())
        } else {
            page_of(c, s, r, &rows, per_page, offset).await?
        };
        if !truncated || matched >= offset + per_page || k >= MAX_CANDIDATES {
            let page = HitPage {
                hits,
                total: matched.min(MATCH_CAP),
                capped: matched > MATCH_CAP || truncated || own_over,
            };
            return Ok((page, found));
        }
        k = (k * WIDEN).min(MAX_CANDIDATES);
    }
}

/// Reach, filters, ranking and one page over the candidates, in one statement: how many
/// candidates pass, and the page's hits.
async fn page_of(
    c: &mut Conn,
    s: &Search,
    r: &Reach,
    candidates: &[(i64, f64)],
    per_page: i64,
    offset: i64,
) -> Result<(i64, Vec<Hit>), StoreError> {
    let values = candidates
        .iter()
        // Numbers this code computed: written as literals, the list needs no parameters.
        .map(|(id, rank)| {
            let rank = if rank.is_finite() { *rank } else { 0.0 };
            format!("({id}, {rank:e})")
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut a = Vec::new();
    let cond = conditions(s, r, &mut a);
    let with = format!("WITH m (id, rank) AS MATERIALIZED (VALUES {values}) ");
    // The candidates are the outer loop: each finds its document and ticket by key.
    let from = " FROM m CROSS JOIN search_documents d LEFT JOIN tickets t ON t.id = d.ticket_id \
                WHERE d.id = m.id";
    let counts = format!("{with}SELECT COUNT(*){from}{cond}");
    if offset >= MATCH_CAP {
        let matched: i64 = c.int(&counts, a).await?;
        return Ok((matched, Vec::new()));
    }
    let lim = param(&mut a, per_page);
    let off = param(&mut a, offset);
    let rows: Vec<PageRow> = c
        .all(
            &format!(
                // The page is chosen on ids and scores only; the texts are read for its rows
                // alone (sorting every candidate with its body cost twice).
                "{with}, p AS MATERIALIZED (SELECT d.id, -CAST(m.rank AS DOUBLE PRECISION) AS score, \
                 COUNT(*) OVER () AS matched{from}{cond} \
                 ORDER BY score DESC, d.id DESC LIMIT {lim} OFFSET {off}) \
                 SELECT {HIT_COLUMNS}, p.score AS score, p.matched AS matched \
                 FROM p CROSS JOIN search_documents d \
                 LEFT JOIN tickets t ON t.id = d.ticket_id WHERE d.id = p.id \
                 ORDER BY p.score DESC, d.id DESC"
            ),
            a.clone(),
        )
        .await?;
    match rows.first() {
        Some(first) => Ok((first.matched, rows.into_iter().map(|r| r.hit).collect())),
        // Past the last hit: the count comes on its own.
        None => {
            a.truncate(a.len() - 2);
            Ok((c.int(&counts, a).await?, Vec::new()))
        }
    }
}
