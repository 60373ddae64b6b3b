//! Files attached to knowledge articles under `/api/v1/kb/articles/{id}/attachments`: upload
//! (the raw file as the body, its name in `?name=`), list, and download (always as a
//! sandboxed download). Thin: the edit rules and the reader's reach are the service layer's.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use escalade_core::knowledge::ArticleId;
use escalade_store::knowledge::engagement::ArticleAttachmentRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiPath, uploaded_file};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiQuery, Authed};
use crate::state::AppState;

/// A file attached to an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleFileOut {
    /// Id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// File name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// SHA-256 of the content.
    pub sha256: String,
    /// Uploader.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Where to download it.
    pub url: String,
}

impl From<ArticleAttachmentRow> for ArticleFileOut {
    fn from(a: ArticleAttachmentRow) -> Self {
        Self {
            url: format!("/api/v1/kb/articles/{}/attachments/{}", a.article_id, a.id),
            id: a.id,
            article_id: a.article_id,
            file_name: a.file_name,
            media_type: a.media_type,
            size: a.size,
            sha256: a.sha256,
            uploaded_by: a.uploaded_by,
            created_at: a.created_at,
        }
    }
}

/// The files of an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleFilesOut {
    /// Files, oldest first.
    pub items: Vec<ArticleFileOut>,
}

/// The uploaded file's name.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleUploadQuery {
    /// File name.
    pub name: String,
}

/// Attach a file to an article (`kb.write`; in review or published `kb.publish`).
#[utoipa::path(post, operation_id = "upload_article_attachment", path = "/api/v1/kb/articles/{id}/attachments", tag = "knowledge",
    params(("id" = i64, Path), ArticleUploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = ArticleFileOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 413, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn upload(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiQuery(q): ApiQuery<ArticleUploadQuery>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<(StatusCode, Json<ArticleFileOut>)> {
    let (body, media_type) = uploaded_file(body, &headers, s.app.config.max_attachment_bytes)?;
    let a = s
        .app
        .attach_to_article(&caller, ArticleId(id), &q.name, &media_type, body.to_vec())
        .await?;
    Ok((StatusCode::CREATED, Json(a.into())))
}

/// The files of an article the caller may read.
#[utoipa::path(get, operation_id = "list_article_attachments", path = "/api/v1/kb/articles/{id}/attachments", tag = "knowledge",
    params(("id" = i64, Path)),
    responses((status = 200, body = ArticleFilesOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ArticleFilesOut>> {
    let items = s.app.article_attachments(&caller, ArticleId(id)).await?;
    Ok(Json(ArticleFilesOut {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Download a file of an article, always as a download.
#[utoipa::path(get, operation_id = "download_article_attachment", path = "/api/v1/kb/articles/{id}/attachments/{attachment_id}", tag = "knowledge",
    params(("id" = i64, Path), ("attachment_id" = i64, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn download(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath((id, attachment)): ApiPath<(i64, i64)>,
) -> ApiResult<Response> {
    let (row, content) = s
        .app
        .article_attachment(&caller, ArticleId(id), attachment)
        .await?;
    Ok(crate::download::bytes_response(
        &row.file_name,
        &row.media_type,
        &row.sha256,
        content,
    ))
}
