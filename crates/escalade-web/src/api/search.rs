//! Full-text search (docs/SEARCH.md): one endpoint over tickets, internal notes and knowledge
//! articles, each hit only when the caller may read it.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use escalade_app::search::{SearchHit, SearchRequest, SearchResults};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiQuery, Authed};
use crate::state::AppState;

/// What to search for.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchQueryIn {
    /// The words (1 to 200 characters). Inflected forms match (Russian, French, English);
    /// accents are optional; Chinese needs no spaces; the last word also matches as a prefix.
    pub q: String,
    /// `ticket`, `ticket_note` (internal notes) or `article`.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub doc_type: Option<String>,
    /// Ticket type (`incident`, ...) or article kind (`sop`, `known_error`, `faq`, `how_to`).
    pub kind: Option<String>,
    /// Category id.
    pub category_id: Option<i64>,
    /// Language: `en`, `fr`, `ru` or `zh-CN` (articles; tickets have no language).
    pub lang: Option<String>,
    /// `public` or `internal`.
    pub visibility: Option<String>,
    /// Page, from 1.
    pub page: Option<i64>,
    /// Per page, 1 to 100 (20).
    pub per_page: Option<i64>,
}

/// A part of a snippet: escape `text`, and mark it when `highlighted`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SnippetPartOut {
    /// Plain text (not HTML).
    pub text: String,
    /// Whether it matched the search.
    pub highlighted: bool,
}

/// The ticket a hit belongs to.
#[derive(Debug, Serialize, ToSchema)]
pub struct HitTicketOut {
    /// Number, e.g. `INC-000042`.
    pub number: String,
    /// Current status.
    pub status: String,
    /// Current subject.
    pub subject: String,
}

/// One hit.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchHitOut {
    /// `ticket`, `ticket_note` or `article`.
    #[serde(rename = "type")]
    pub doc_type: String,
    /// Id of the document in its own table (ticket id, journal entry id, article translation id).
    pub id: i64,
    /// The article of a translation.
    pub parent_id: Option<i64>,
    /// For ticket hits: the ticket.
    pub ticket: Option<HitTicketOut>,
    /// Title.
    pub title: String,
    /// Language, when known.
    pub lang: Option<String>,
    /// `public` or `internal`.
    pub visibility: String,
    /// Category id.
    pub category_id: Option<i64>,
    /// Ticket type or article kind.
    pub kind: Option<String>,
    /// Ticket or article status.
    pub status: Option<String>,
    /// Relevance, higher is better (comparable within one answer only).
    pub score: f64,
    /// The best passage of the text, in parts.
    pub snippet: Vec<SnippetPartOut>,
}

impl From<SearchHit> for SearchHitOut {
    fn from(h: SearchHit) -> Self {
        Self {
            doc_type: h.doc_type,
            id: h.doc_id,
            parent_id: h.parent_id,
            ticket: h.ticket.map(|t| HitTicketOut {
                number: t.number,
                status: t.status,
                subject: t.subject,
            }),
            title: h.title,
            lang: h.lang,
            visibility: h.visibility,
            category_id: h.category_id,
            kind: h.kind,
            status: h.status,
            score: h.score,
            snippet: h
                .snippet
                .into_iter()
                .map(|p| SnippetPartOut {
                    text: p.text,
                    highlighted: p.highlighted,
                })
                .collect(),
        }
    }
}

/// A page of hits.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchPageOut {
    /// Best first.
    pub items: Vec<SearchHitOut>,
    /// How many match (counting stops at 1000).
    pub total: i64,
    /// Whether more than `total` match.
    pub total_capped: bool,
    /// This page.
    pub page: i64,
    /// Per page.
    pub per_page: i64,
}

impl From<SearchResults> for SearchPageOut {
    fn from(r: SearchResults) -> Self {
        Self {
            items: r.items.into_iter().map(SearchHitOut::from).collect(),
            total: r.total,
            total_capped: r.total_capped,
            page: r.page,
            per_page: r.per_page,
        }
    }
}

/// Search tickets, internal notes and articles the caller may read. A requester finds their
/// own tickets' public text and public articles; internal notes need `ticket.read_internal`.
#[utoipa::path(get, operation_id = "search", path = "/api/v1/search", tag = "search",
    params(SearchQueryIn),
    responses((status = 200, body = SearchPageOut), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn search(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<SearchQueryIn>,
) -> ApiResult<Json<SearchPageOut>> {
    let req = SearchRequest {
        q: q.q,
        doc_type: q.doc_type,
        kind: q.kind,
        category_id: q.category_id,
        lang: q.lang,
        visibility: q.visibility,
        page: q.page,
        per_page: q.per_page,
    };
    let found = s.app.search(&caller, &req).await.map_err(|e| {
        // A bad search word or filter is a bad query string: 400, naming the parameter.
        let mut e = ApiError::from(e);
        if e.status == StatusCode::UNPROCESSABLE_ENTITY {
            e.status = StatusCode::BAD_REQUEST;
        }
        e
    })?;
    Ok(Json(found.into()))
}
