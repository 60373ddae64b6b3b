//! Knowledge articles under `/api/v1/kb/articles`: list, create, read, change, translate, the
//! lifecycle moves, a publisher's review stamp, history and diff. Thin: permissions (requesters
//! get published public articles only, else 404), validation and audit are the service
//! layer's. Votes, views, deflections, ticket links and the lists are in `knowledge_engagement`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use escalade_app::knowledge::ArticleQuery;
use escalade_app::knowledge::authoring::{ArticleChange, NewArticleInput};
use escalade_core::ids::{CategoryId, UserId};
use escalade_core::knowledge::{
    ArticleId, ArticleKind, ArticleMove, ArticleStatus, ArticleText, ArticleVisibility,
};

use super::knowledge_dto::*;
use super::{ApiPath, paging};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed};
use crate::state::AppState;

fn visibility(v: Option<&str>, field: &str) -> Result<Option<ArticleVisibility>, ApiError> {
    v.map(|s| ArticleVisibility::parse(s.trim(), field))
        .transpose()
        .map_err(Into::into)
}

/// List the articles the caller may read, filtered and paged.
#[utoipa::path(get, operation_id = "list_articles", path = "/api/v1/kb/articles", tag = "knowledge",
    params(ArticleListQuery),
    responses((status = 200, body = ArticlePageOut), (status = 400, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<ArticleListQuery>,
) -> ApiResult<Json<ArticlePageOut>> {
    let (page, per_page) = paging(q.page, q.per_page)?;
    let query = ArticleQuery {
        kind: q
            .kind
            .as_deref()
            .map(|k| ArticleKind::parse(k.trim(), "kind"))
            .transpose()
            .map_err(|e| query_error("kind", e))?,
        category_id: q.category_id.map(CategoryId),
        status: q
            .status
            .as_deref()
            .map(|k| ArticleStatus::parse(k.trim(), "status"))
            .transpose()
            .map_err(|e| query_error("status", e))?,
        visibility: visibility(q.visibility.as_deref(), "visibility")
            .map_err(|e| query_error("visibility", e))?,
        lang: query_lang(q.lang.as_deref())?,
        page,
        per_page,
        ..Default::default()
    };
    Ok(Json(s.app.articles(&caller, &query).await?.into()))
}

/// Create a draft article (`kb.write`); its first version.
#[utoipa::path(post, operation_id = "create_article", path = "/api/v1/kb/articles", tag = "knowledge",
    request_body = ArticleIn,
    responses((status = 201, body = ArticleOut), (status = 403, body = ErrorBody),
              (status = 422, description = "Invalid field, named in `field`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<ArticleIn>,
) -> ApiResult<(StatusCode, HeaderMap, Json<ArticleOut>)> {
    let input = NewArticleInput {
        text: ArticleText {
            title: b.title,
            content: b.content,
        },
        lang: body_lang(b.lang.as_deref(), "lang")?,
        visibility: visibility(b.visibility.as_deref(), "visibility")?,
        category_id: b.category_id.map(CategoryId),
        service: b.service,
        note: b.note,
    };
    let a = s.app.create_article(&caller, input).await?;
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/kb/articles/{}", a.facts.id)) {
        headers.insert(header::LOCATION, v);
    }
    Ok((StatusCode::CREATED, headers, Json(a.into())))
}

/// One article in the language asked for (else the original). Requesters get only published
/// public articles; anything else is 404.
#[utoipa::path(get, operation_id = "get_article", path = "/api/v1/kb/articles/{id}", tag = "knowledge",
    params(("id" = i64, Path), LangQuery),
    responses((status = 200, body = ArticleOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<LangQuery>,
) -> ApiResult<Json<ArticleOut>> {
    let lang = query_lang(q.lang.as_deref())?;
    Ok(Json(
        s.app.article(&caller, ArticleId(id), lang).await?.into(),
    ))
}

/// Change an article: its text in one language, category, service, visibility, owner
/// (`kb.write`; in review or published `kb.publish`). Every change is a version.
#[utoipa::path(patch, operation_id = "patch_article", path = "/api/v1/kb/articles/{id}", tag = "knowledge",
    params(("id" = i64, Path)), request_body = ArticlePatchIn,
    responses((status = 200, body = ArticleOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "Refused by the lifecycle (`rule`) or `stale_version`", body = ErrorBody),
              (status = 422, description = "Invalid field, named in `field`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<ArticlePatchIn>,
) -> ApiResult<Json<ArticleOut>> {
    let change = ArticleChange {
        lang: body_lang(b.lang.as_deref(), "lang")?,
        title: b.title,
        content: b.content,
        visibility: visibility(b.visibility.as_deref(), "visibility")?,
        category_id: b.category_id.map(|c| c.map(CategoryId)),
        service: b.service,
        owner_id: b.owner_id.map(UserId),
        version: b.version,
        note: b.note,
    };
    Ok(Json(
        s.app
            .edit_article(&caller, ArticleId(id), change)
            .await?
            .into(),
    ))
}

/// Write or replace the translation into `lang` (`kb.write`; in review or published
/// `kb.publish`); a version.
#[utoipa::path(put, operation_id = "put_article_translation", path = "/api/v1/kb/articles/{id}/translations/{lang}", tag = "knowledge",
    params(("id" = i64, Path), ("lang" = String, Path, description = "`en`, `fr`, `ru` or `zh-CN`, not the original")),
    request_body = TranslationIn,
    responses((status = 200, body = ArticleOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn translate(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath((id, lang)): ApiPath<(i64, String)>,
    ApiJson(b): ApiJson<TranslationIn>,
) -> ApiResult<Json<ArticleOut>> {
    let lang = body_lang(Some(&lang), "lang")?.ok_or_else(|| ApiError::not_found("language"))?;
    let text = ArticleText {
        title: b.title,
        content: b.content,
    };
    Ok(Json(
        s.app
            .translate_article(&caller, ArticleId(id), lang, text, b.version, b.note)
            .await?
            .into(),
    ))
}

/// Move an article through its lifecycle: submit, approve, send_back, archive, revive. A
/// refused move answers 409 naming its `rule`; a missing permission 403.
#[utoipa::path(post, operation_id = "move_article", path = "/api/v1/kb/articles/{id}/moves", tag = "knowledge",
    params(("id" = i64, Path)), request_body = MoveIn,
    responses((status = 200, body = ArticleOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "Refused move; `rule` names the rule", body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn move_article(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<MoveIn>,
) -> ApiResult<Json<ArticleOut>> {
    let mv = ArticleMove::ALL
        .iter()
        .copied()
        .find(|m| m.as_str() == b.mv.trim())
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "unknown_value",
                format!(
                    "'{}' is not one of: submit, approve, send_back, archive, revive",
                    b.mv
                ),
            )
            .field("move")
        })?;
    Ok(Json(
        s.app
            .move_article(&caller, ArticleId(id), mv, b.note)
            .await?
            .into(),
    ))
}

/// A publisher confirms a published article is still right (`kb.publish`).
#[utoipa::path(post, operation_id = "mark_article_reviewed", path = "/api/v1/kb/articles/{id}/reviewed", tag = "knowledge",
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn reviewed(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ArticleOut>> {
    Ok(Json(
        s.app
            .mark_article_reviewed(&caller, ArticleId(id))
            .await?
            .into(),
    ))
}

/// Every version of an article, newest first (agents).
#[utoipa::path(get, operation_id = "list_article_versions", path = "/api/v1/kb/articles/{id}/versions", tag = "knowledge",
    params(("id" = i64, Path)),
    responses((status = 200, body = VersionListOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn versions(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<VersionListOut>> {
    let items = s.app.article_history(&caller, ArticleId(id)).await?;
    Ok(Json(VersionListOut {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// The line diff between two versions (agents).
#[utoipa::path(get, operation_id = "diff_article_versions", path = "/api/v1/kb/articles/{id}/diff", tag = "knowledge",
    params(("id" = i64, Path), DiffQuery),
    responses((status = 200, body = DiffOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, description = "No such version (`from` or `to`)", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn diff(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<DiffQuery>,
) -> ApiResult<Json<DiffOut>> {
    Ok(Json(
        s.app
            .article_diff(&caller, ArticleId(id), q.from, q.to)
            .await?
            .into(),
    ))
}
