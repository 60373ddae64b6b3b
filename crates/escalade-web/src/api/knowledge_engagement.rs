//! Around the articles, under `/api/v1/kb`: helpful votes, views, deflections ("this solved my
//! problem"), links between articles and tickets, drafting an article from a resolved ticket,
//! an SOP's steps as reply text, and the most viewed, needs-review and contribution lists.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderName, StatusCode};
use chrono::{DateTime, Utc};
use escalade_app::knowledge::engagement::{LinkedTicketPage, ReviewItem};
use escalade_core::knowledge::{ArticleId, ArticleKind, ReviewPolicy, ReviewReason};
use escalade_store::knowledge::engagement::ContributionRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::knowledge_dto::*;
use super::{ApiPath, paging};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed};
use crate::state::AppState;

/// A vote.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VoteIn {
    /// Whether the article helped.
    pub helpful: bool,
}

/// The article's votes after this one.
#[derive(Debug, Serialize, ToSchema)]
pub struct VotesOut {
    /// Helpful votes.
    pub helpful: i64,
    /// Not-helpful votes.
    pub not_helpful: i64,
}

/// A count after the change.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountOut {
    /// The new count.
    pub count: i64,
}

/// "This solved my problem".
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeflectionIn {
    /// What the requester had typed for the new ticket (up to 2000 characters).
    #[serde(default)]
    pub typed_text: String,
}

/// Drafting an article from a resolved ticket.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftFromTicketIn {
    /// Kind of article (`known_error` by default).
    #[serde(default)]
    pub kind: Option<String>,
    /// Language it is written in (the caller's by default).
    #[serde(default)]
    pub lang: Option<String>,
}

/// Whether a link changed anything.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkOut {
    /// True when the link was made (or removed) now, false when it already was.
    pub changed: bool,
}

/// An SOP's steps as text for a reply.
#[derive(Debug, Serialize, ToSchema)]
pub struct SopTextOut {
    /// Plain text: the title, then numbered steps with their expected results.
    pub text: String,
}

/// Which page.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page, from 1.
    pub page: Option<i64>,
    /// Page size, 1-500 (25).
    pub per_page: Option<i64>,
}

/// A ticket linked to an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkedTicketOut {
    /// Number (`INC-000042`).
    pub number: String,
    /// Current subject.
    pub subject: String,
    /// Current status.
    pub status: String,
    /// When the link was made.
    pub linked_at: DateTime<Utc>,
}

/// A page of the tickets linked to an article that the caller may read.
#[derive(Debug, Serialize, ToSchema)]
pub struct LinkedTicketPageOut {
    /// The tickets, the most recently linked first.
    pub items: Vec<LinkedTicketOut>,
    /// How many linked tickets the caller may read.
    pub total: i64,
    /// Page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

impl From<LinkedTicketPage> for LinkedTicketPageOut {
    fn from(p: LinkedTicketPage) -> Self {
        Self {
            items: p
                .items
                .into_iter()
                .map(|t| LinkedTicketOut {
                    number: t.number,
                    subject: t.subject,
                    status: t.status,
                    linked_at: t.linked_at,
                })
                .collect(),
            total: p.total,
            page: p.page,
            per_page: p.per_page,
        }
    }
}

/// How many.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MostViewedQuery {
    /// Language of the titles.
    pub lang: Option<String>,
    /// How many, 1-100 (10).
    pub limit: Option<i64>,
}

/// The needs-review policy (defaults: 5 votes, 50 %, 180 days).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NeedsReviewQuery {
    /// Language of the titles.
    pub lang: Option<String>,
    /// Days without review after which an article is stale.
    pub stale_days: Option<i64>,
    /// Votes needed before the not-helpful share counts.
    pub min_votes: Option<i64>,
    /// Share of not-helpful votes, in percent, above which an article needs review.
    pub not_helpful_percent: Option<i64>,
    /// Page, from 1.
    pub page: Option<i64>,
    /// Page size, 1-500 (100).
    pub per_page: Option<i64>,
}

/// An article that needs review.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReviewItemOut {
    /// The article.
    pub article: ArticleItemOut,
    /// Why: `{"reason": "mostly_not_helpful", "helpful", "not_helpful"}` or
    /// `{"reason": "stale", "days"}`.
    #[schema(value_type = Vec<Object>)]
    pub reasons: Vec<ReviewReason>,
}

impl From<ReviewItem> for ReviewItemOut {
    fn from(r: ReviewItem) -> Self {
        Self {
            article: r.article.into(),
            reasons: r.reasons,
        }
    }
}

/// Since when.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ContributionQuery {
    /// Count only from this instant (RFC 3339).
    pub since: Option<DateTime<Utc>>,
}

/// One person's knowledge contribution.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContributionOut {
    /// The person.
    pub user_id: i64,
    /// Their name.
    pub display_name: String,
    /// Articles they created.
    pub authored: i64,
    /// Of those, published at least once.
    pub published: i64,
    /// Of those, drafted from a ticket.
    pub from_tickets: i64,
    /// Articles they approved.
    pub approved: i64,
    /// Versions they saved.
    pub edits: i64,
}

impl From<ContributionRow> for ContributionOut {
    fn from(r: ContributionRow) -> Self {
        Self {
            user_id: r.user_id,
            display_name: r.display_name,
            authored: r.authored,
            published: r.published,
            from_tickets: r.from_tickets,
            approved: r.approved,
            edits: r.edits,
        }
    }
}

/// Vote helpful or not helpful on a published article; a second vote replaces the first.
#[utoipa::path(post, operation_id = "vote_article", path = "/api/v1/kb/articles/{id}/votes", tag = "knowledge",
    params(("id" = i64, Path)), request_body = VoteIn,
    responses((status = 200, body = VotesOut), (status = 404, body = ErrorBody),
              (status = 409, description = "Not published", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn vote(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<VoteIn>,
) -> ApiResult<Json<VotesOut>> {
    let (helpful, not_helpful) = s
        .app
        .vote_article(&caller, ArticleId(id), b.helpful)
        .await?;
    Ok(Json(VotesOut {
        helpful,
        not_helpful,
    }))
}

/// Count a view of a published article (the portal and the agent console call this when they
/// show one).
#[utoipa::path(post, operation_id = "count_article_view", path = "/api/v1/kb/articles/{id}/views", tag = "knowledge",
    params(("id" = i64, Path)),
    responses((status = 200, body = CountOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn view(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<CountOut>> {
    let count = s.app.count_article_view(&caller, ArticleId(id)).await?;
    Ok(Json(CountOut { count }))
}

/// "This solved my problem": counted on the article, and no ticket is opened.
#[utoipa::path(post, operation_id = "record_deflection", path = "/api/v1/kb/articles/{id}/deflections", tag = "knowledge",
    params(("id" = i64, Path)), request_body = DeflectionIn,
    responses((status = 201, body = CountOut), (status = 404, body = ErrorBody),
              (status = 409, description = "Not published", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn deflect(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<DeflectionIn>,
) -> ApiResult<(StatusCode, Json<CountOut>)> {
    let count = s
        .app
        .record_deflection(&caller, ArticleId(id), &b.typed_text)
        .await?;
    Ok((StatusCode::CREATED, Json(CountOut { count })))
}

/// An SOP's steps as plain text to insert into a reply.
#[utoipa::path(get, operation_id = "article_sop_text", path = "/api/v1/kb/articles/{id}/sop-text", tag = "knowledge",
    params(("id" = i64, Path), LangQuery),
    responses((status = 200, body = SopTextOut), (status = 404, body = ErrorBody),
              (status = 409, description = "Not an SOP", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn sop_text(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> ApiResult<Json<SopTextOut>> {
    let lang = query_lang(q.lang.as_deref())?;
    let text = s.app.sop_reply(&caller, ArticleId(id), lang).await?;
    Ok(Json(SopTextOut { text }))
}

/// Link an article to a ticket (the caller reads both and may add notes to the ticket).
#[utoipa::path(put, operation_id = "link_article_ticket", path = "/api/v1/kb/articles/{id}/tickets/{number}", tag = "knowledge",
    params(("id" = i64, Path), ("number" = String, Path)),
    responses((status = 200, body = LinkOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn link(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath((id, number)): ApiPath<(i64, String)>,
) -> ApiResult<Json<LinkOut>> {
    let changed = s
        .app
        .link_article(&caller, ArticleId(id), &number, true)
        .await?;
    Ok(Json(LinkOut { changed }))
}

/// Remove the link between an article and a ticket.
#[utoipa::path(delete, operation_id = "unlink_article_ticket", path = "/api/v1/kb/articles/{id}/tickets/{number}", tag = "knowledge",
    params(("id" = i64, Path), ("number" = String, Path)),
    responses((status = 200, body = LinkOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn unlink(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath((id, number)): ApiPath<(i64, String)>,
) -> ApiResult<Json<LinkOut>> {
    let changed = s
        .app
        .link_article(&caller, ArticleId(id), &number, false)
        .await?;
    Ok(Json(LinkOut { changed }))
}

/// The tickets linked to an article, as far as the caller may read them (a ticket they may
/// not read is neither listed nor counted; an article they may not read is 404).
#[utoipa::path(get, operation_id = "article_tickets", path = "/api/v1/kb/articles/{id}/tickets", tag = "knowledge",
    params(("id" = i64, Path), PageQuery),
    responses((status = 200, body = LinkedTicketPageOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn article_tickets(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<PageQuery>,
) -> ApiResult<Json<LinkedTicketPageOut>> {
    let (page, per_page) = paging(q.page, q.per_page)?;
    Ok(Json(
        s.app
            .article_tickets(&caller, ArticleId(id), page, per_page)
            .await?
            .into(),
    ))
}

/// The articles linked to a ticket, as far as the caller may read them.
#[utoipa::path(get, operation_id = "ticket_articles", path = "/api/v1/kb/tickets/{number}/articles", tag = "knowledge",
    params(("number" = String, Path), LangQuery),
    responses((status = 200, body = ArticlePageOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn ticket_articles(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(number): ApiPath<String>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> ApiResult<Json<ArticlePageOut>> {
    let lang = query_lang(q.lang.as_deref())?;
    Ok(Json(
        s.app.ticket_articles(&caller, &number, lang).await?.into(),
    ))
}

/// Draft an article from a resolved or closed ticket (`kb.write`): title from the subject,
/// content from the description and the resolution; linked to the ticket.
#[utoipa::path(post, operation_id = "draft_article_from_ticket", path = "/api/v1/kb/tickets/{number}/draft", tag = "knowledge",
    params(("number" = String, Path)), request_body = DraftFromTicketIn,
    responses((status = 201, body = ArticleOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "The ticket is not resolved", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn draft_from_ticket(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(number): ApiPath<String>,
    ApiJson(b): ApiJson<DraftFromTicketIn>,
) -> ApiResult<(StatusCode, Json<ArticleOut>)> {
    let kind = b
        .kind
        .as_deref()
        .map(|k| ArticleKind::parse(k.trim(), "kind"))
        .transpose()?;
    let lang = body_lang(b.lang.as_deref(), "lang")?;
    let a = s
        .app
        .draft_from_ticket(&caller, &number, kind, lang)
        .await?;
    Ok((StatusCode::CREATED, Json(a.into())))
}

/// The most viewed published articles the caller may read.
#[utoipa::path(get, operation_id = "most_viewed_articles", path = "/api/v1/kb/most-viewed", tag = "knowledge",
    params(MostViewedQuery),
    responses((status = 200, body = Vec<ArticleItemOut>), (status = 400, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn most_viewed(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<MostViewedQuery>,
) -> ApiResult<Json<Vec<ArticleItemOut>>> {
    let lang = query_lang(q.lang.as_deref())?;
    let items = s
        .app
        .most_viewed_articles(&caller, lang, q.limit.unwrap_or(10))
        .await?;
    Ok(Json(items.into_iter().map(Into::into).collect()))
}

/// Published articles that need review: mostly not helpful, or stale (`kb.read_internal`),
/// most not-helpful votes first, one page (100 by default); the total is in `X-Total-Count`.
#[utoipa::path(get, operation_id = "articles_needing_review", path = "/api/v1/kb/needs-review", tag = "knowledge",
    params(NeedsReviewQuery),
    responses((status = 200, body = Vec<ReviewItemOut>,
               headers(("X-Total-Count" = i64, description = "How many articles need review in all"))),
              (status = 400, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn needs_review(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<NeedsReviewQuery>,
) -> ApiResult<([(HeaderName, String); 1], Json<Vec<ReviewItemOut>>)> {
    let lang = query_lang(q.lang.as_deref())?;
    let (page, per_page) = paging(q.page, Some(q.per_page.unwrap_or(100)))?;
    let d = ReviewPolicy::default();
    let policy = ReviewPolicy {
        min_votes: q.min_votes.unwrap_or(d.min_votes),
        not_helpful_percent: q.not_helpful_percent.unwrap_or(d.not_helpful_percent),
        stale_days: q.stale_days.unwrap_or(d.stale_days),
    };
    let found = s
        .app
        .articles_needing_review(&caller, policy, lang, page, per_page)
        .await?;
    Ok((
        [(
            HeaderName::from_static("x-total-count"),
            found.total.to_string(),
        )],
        Json(found.items.into_iter().map(Into::into).collect()),
    ))
}

/// Each person's knowledge contribution: articles authored, published, drafted from tickets,
/// approved, versions saved (`report.view` or `kb.publish`).
#[utoipa::path(get, operation_id = "knowledge_contributions", path = "/api/v1/kb/contributions", tag = "knowledge",
    params(ContributionQuery),
    responses((status = 200, body = Vec<ContributionOut>), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn contributions(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<ContributionQuery>,
) -> ApiResult<Json<Vec<ContributionOut>>> {
    let rows = s.app.knowledge_contributions(&caller, q.since).await?;
    Ok(Json(rows.into_iter().map(Into::into).collect()))
}
