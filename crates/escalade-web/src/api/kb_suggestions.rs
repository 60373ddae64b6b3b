//! Suggestions in the flow of work: `GET /api/v1/kb/suggestions?q=` (published articles that
//! may answer what a requester is typing, for deflection) and
//! `GET /api/v1/tickets/{number}/suggestions` (articles and similar past tickets for an
//! agent's ticket). Both only return what the caller may read.

use axum::Json;
use axum::extract::State;
use escalade_app::search::suggestions::{ArticleSuggestion, TicketSuggestion, TicketSuggestions};
use escalade_core::search::SnippetPart;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiPath;
use super::search::SnippetPartOut;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiQuery, Authed};
use crate::state::AppState;

/// What the requester typed.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SuggestionQuery {
    /// Free text (subject and description as typed); its first 2000 characters count.
    #[serde(default)]
    pub q: String,
}

/// An article suggested.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleSuggestionOut {
    /// The article's id.
    pub article_id: i64,
    /// Its title in the language that matched.
    pub title: String,
    /// That language.
    pub lang: Option<String>,
    /// `sop`, `known_error`, `faq`, `how_to`.
    pub kind: Option<String>,
    /// `public` or `internal`.
    pub visibility: String,
    /// The best passage.
    pub snippet: Vec<SnippetPartOut>,
}

/// A similar ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketSuggestionOut {
    /// Number (`INC-000042`).
    pub number: String,
    /// Current subject.
    pub subject: String,
    /// Current status.
    pub status: String,
    /// The best passage.
    pub snippet: Vec<SnippetPartOut>,
}

/// Suggestions for a ticket.
#[derive(Debug, Serialize, ToSchema)]
pub struct TicketSuggestionsOut {
    /// Published articles matching the ticket, best first.
    pub articles: Vec<ArticleSuggestionOut>,
    /// Similar tickets the caller may read, resolved and closed ones first.
    pub tickets: Vec<TicketSuggestionOut>,
}

fn parts(p: Vec<SnippetPart>) -> Vec<SnippetPartOut> {
    p.into_iter()
        .map(|p| SnippetPartOut {
            text: p.text,
            highlighted: p.highlighted,
        })
        .collect()
}

impl From<ArticleSuggestion> for ArticleSuggestionOut {
    fn from(a: ArticleSuggestion) -> Self {
        Self {
            article_id: a.article_id,
            title: a.title,
            lang: a.lang,
            kind: a.kind,
            visibility: a.visibility,
            snippet: parts(a.snippet),
        }
    }
}

impl From<TicketSuggestion> for TicketSuggestionOut {
    fn from(t: TicketSuggestion) -> Self {
        Self {
            number: t.number,
            subject: t.subject,
            status: t.status,
            snippet: parts(t.snippet),
        }
    }
}

impl From<TicketSuggestions> for TicketSuggestionsOut {
    fn from(s: TicketSuggestions) -> Self {
        Self {
            articles: s.articles.into_iter().map(Into::into).collect(),
            tickets: s.tickets.into_iter().map(Into::into).collect(),
        }
    }
}

/// Published articles the caller may read that may answer `q` (at most 5, best first): what
/// the portal shows while a requester types a new ticket. Text without a usable word
/// suggests nothing.
#[utoipa::path(get, operation_id = "suggest_articles", path = "/api/v1/kb/suggestions", tag = "knowledge",
    params(SuggestionQuery),
    responses((status = 200, body = Vec<ArticleSuggestionOut>), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn suggest(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<SuggestionQuery>,
) -> ApiResult<Json<Vec<ArticleSuggestionOut>>> {
    let found = s.app.suggest_articles(&caller, &q.q).await?;
    Ok(Json(found.into_iter().map(Into::into).collect()))
}

/// For a ticket the caller may read: published articles matching its subject and
/// description, and similar tickets the caller may read (resolved and closed first, never the
/// ticket itself).
#[utoipa::path(get, operation_id = "ticket_suggestions", path = "/api/v1/tickets/{number}/suggestions", tag = "knowledge",
    params(("number" = String, Path)),
    responses((status = 200, body = TicketSuggestionsOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn ticket(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<TicketSuggestionsOut>> {
    Ok(Json(
        s.app.ticket_suggestions(&caller, &number).await?.into(),
    ))
}
