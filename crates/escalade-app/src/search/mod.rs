//! Full-text search over tickets and knowledge articles: the query a person types, their
//! reach turned into the store's filters (a requester finds only their own tickets' public
//! text and published public articles; internal notes only with `ticket.read_internal`; other
//! articles only with the knowledge base's internal permissions), results with snippets.
//! Keeping the index in step with tickets is `index`, with articles `articles`; rebuilding it,
//! `rebuild`; suggestions from free text, `suggestions`. See `docs/SEARCH.md`.

pub mod articles;
pub(crate) mod index;
mod rebuild;
pub mod suggestions;

pub use rebuild::{INDEX_VERSION_KEY, RebuildProgress};

use escalade_core::authz::Permission;
use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::people::Language;
use escalade_core::search::{SearchQuery, SnippetPart, snippet};
use escalade_core::ticket::TicketType;
use escalade_store::search::{self as search_store, DocType, MATCH_CAP, Reach, Search};
use serde::Serialize;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// Largest page of results.
pub const MAX_PER_PAGE: i64 = 100;

/// Article kinds a search may filter on (the knowledge base's kinds).
pub const ARTICLE_KINDS: &[&str] = &["sop", "known_error", "faq", "how_to"];

/// What a person asks for, as typed (checked by [`App::search`]).
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    /// The words.
    pub q: String,
    /// Document type: `ticket`, `ticket_note` or `article` (all when `None`).
    pub doc_type: Option<String>,
    /// Ticket type or article kind.
    pub kind: Option<String>,
    /// Category.
    pub category_id: Option<i64>,
    /// Language tag.
    pub lang: Option<String>,
    /// `public` or `internal`.
    pub visibility: Option<String>,
    /// Page, from 1 (default 1).
    pub page: Option<i64>,
    /// Results per page, 1-100 (default 20).
    pub per_page: Option<i64>,
}

/// The ticket a result belongs to, as the reader may see it.
#[derive(Debug, Clone, Serialize)]
pub struct TicketRef {
    /// Number (`INC-000042`).
    pub number: String,
    /// Current status.
    pub status: String,
    /// Current subject.
    pub subject: String,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct SearchHit {
    /// `ticket`, `ticket_note` or `article`.
    pub doc_type: String,
    /// Id in the owning table (ticket id, journal entry id, article translation id).
    pub doc_id: i64,
    /// Grouping id (the article of a translation).
    pub parent_id: Option<i64>,
    /// The ticket, for ticket documents.
    pub ticket: Option<TicketRef>,
    /// Title.
    pub title: String,
    /// Language.
    pub lang: Option<String>,
    /// `public` or `internal`.
    pub visibility: String,
    /// Category.
    pub category_id: Option<i64>,
    /// Ticket type or article kind.
    pub kind: Option<String>,
    /// Status (ticket or article).
    pub status: Option<String>,
    /// Relevance on this backend, higher is better.
    pub score: f64,
    /// The best passage, as plain and highlighted parts.
    pub snippet: Vec<SnippetPart>,
}

/// A page of results.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The results, best first.
    pub items: Vec<SearchHit>,
    /// How many match (at most the cap).
    pub total: i64,
    /// Whether more than `total` match (the count stops at the cap).
    pub total_capped: bool,
    /// This page.
    pub page: i64,
    /// Results per page.
    pub per_page: i64,
}

fn parse_doc_type(s: Option<&str>) -> Result<Vec<DocType>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(Vec::new()),
        Some(s) => DocType::parse(s).map(|t| vec![t]).ok_or_else(|| {
            AppError::invalid(
                "type",
                "unknown_value",
                format!("'{s}' is not one of: ticket, ticket_note, article"),
            )
        }),
    }
}

fn parse_kind(s: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if let Ok(t) = TicketType::parse("kind", s) {
        return Ok(Some(t.as_str().to_string()));
    }
    if ARTICLE_KINDS.contains(&s) {
        return Ok(Some(s.to_string()));
    }
    Err(AppError::invalid(
        "kind",
        "unknown_value",
        format!(
            "'{s}' is neither a ticket type nor an article kind ({})",
            ARTICLE_KINDS.join(", ")
        ),
    ))
}

fn parse_visibility(s: Option<&str>) -> Result<Option<bool>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some("public") => Ok(Some(false)),
        Some("internal") => Ok(Some(true)),
        Some(s) => Err(AppError::invalid(
            "visibility",
            "unknown_value",
            format!("'{s}' is not one of: public, internal"),
        )),
    }
}

impl App {
    /// Searches what the caller may read. Requesters find their own tickets' public text
    /// (and public articles); internal notes need `ticket.read_internal` on the ticket;
    /// internal articles are for agents. Bad input names its field and searches nothing.
    pub async fn search(
        &self,
        caller: &Caller,
        req: &SearchRequest,
    ) -> Result<SearchResults, AppError> {
        let query = SearchQuery::parse(&req.q)?;
        let doc_types = parse_doc_type(req.doc_type.as_deref())?;
        let kind = parse_kind(req.kind.as_deref())?;
        let lang = req
            .lang
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                Language::parse(l)
                    .map(|l| l.as_str().to_string())
                    .map_err(|_| {
                        AppError::invalid(
                            "lang",
                            "unknown_value",
                            format!("'{l}' is not one of: en, fr, ru, zh-CN"),
                        )
                    })
            })
            .transpose()?;
        let internal = parse_visibility(req.visibility.as_deref())?;
        let page = req.page.unwrap_or(1);
        let per_page = req.per_page.unwrap_or(20);
        AppError::check_page(page, per_page, MAX_PER_PAGE)?;
        if page.saturating_sub(1).saturating_mul(per_page) >= MATCH_CAP {
            return Err(AppError::invalid(
                "page",
                "out_of_range",
                format!("results go as far as the first {MATCH_CAP}; refine the search"),
            ));
        }
        let actor = &caller.actor;
        let reach = Reach {
            tickets: actor.ticket_visibility(),
            notes: caller
                .has(Permission::TicketReadInternal)
                .then(|| actor.visibility_for(Permission::TicketReadInternal)),
            // Articles follow the knowledge base's permissions: without them, published
            // public articles only.
            internal_articles: crate::knowledge::reads_everything(caller),
            articles_published_only: !crate::knowledge::reads_everything(caller),
        };
        let search = Search {
            query: query.clone(),
            doc_types,
            kind,
            category_id: req.category_id,
            lang,
            internal,
            page,
            per_page,
        };
        let found = {
            let mut c = self.store.read().await?;
            search_store::search(&mut c, &search, &reach).await?
        };
        let items = found
            .hits
            .into_iter()
            .map(|h| {
                let ticket = h.ticket_id.and_then(|id| {
                    let kind = TicketType::parse("kind", h.kind.as_deref()?).ok()?;
                    Some(TicketRef {
                        number: TicketNumber::new(kind, TicketId(id)).to_string(),
                        status: h.status.clone().unwrap_or_default(),
                        subject: h.title.clone(),
                    })
                });
                SearchHit {
                    snippet: snippet(&h.body, &query),
                    doc_type: h.doc_type,
                    doc_id: h.doc_id,
                    parent_id: h.parent_id,
                    ticket,
                    title: h.title,
                    lang: h.lang,
                    visibility: h.visibility,
                    category_id: h.category_id,
                    kind: h.kind,
                    status: h.status,
                    score: h.score,
                }
            })
            .collect();
        Ok(SearchResults {
            items,
            total: found.total,
            total_capped: found.capped,
            page,
            per_page,
        })
    }
}
