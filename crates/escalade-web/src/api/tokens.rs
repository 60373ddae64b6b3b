//! Authentication and token endpoints: exchange a login and password for a token, list, create
//! and revoke tokens.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use escalade_core::ids::UserId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiPath;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed};
use crate::state::AppState;

/// Login and password, to obtain a token.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginIn {
    /// Login.
    pub login: String,
    /// Password.
    pub password: String,
    /// A label for the token.
    #[serde(default)]
    pub name: Option<String>,
    /// Expiry (RFC 3339); none by default.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// A new token: the secret is shown only now.
#[derive(Debug, Serialize, ToSchema)]
pub struct NewTokenOut {
    /// Token id, for revocation.
    pub id: i64,
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Owner.
    pub user_id: i64,
    /// Label.
    pub name: String,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
}

impl From<escalade_app::auth::NewToken> for NewTokenOut {
    fn from(t: escalade_app::auth::NewToken) -> Self {
        NewTokenOut {
            id: t.id,
            token: t.token,
            user_id: t.user_id,
            name: t.name,
            expires_at: t.expires_at,
        }
    }
}

/// Exchange a login and password for a new API token.
#[utoipa::path(post, operation_id = "login", path = "/api/v1/auth/tokens", tag = "auth", request_body = LoginIn,
    responses((status = 201, body = NewTokenOut), (status = 401, body = ErrorBody), (status = 429, body = ErrorBody)))]
pub async fn login(
    State(s): State<AppState>,
    ApiJson(b): ApiJson<LoginIn>,
) -> ApiResult<(StatusCode, Json<NewTokenOut>)> {
    let caller = s.app.login(&b.login, &b.password).await?;
    let t = s
        .app
        .create_token(
            &caller,
            None,
            b.name.as_deref().unwrap_or("api"),
            b.expires_at,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(t.into())))
}

/// Creating a token while signed in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateTokenIn {
    /// A label.
    pub name: String,
    /// For another user (needs `admin.users`).
    #[serde(default)]
    pub user_id: Option<i64>,
    /// Expiry.
    #[serde(default)]
    pub expires_at: Option<DateTime<Utc>>,
}

/// A token as listed (never its secret).
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    /// Id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// Label.
    pub name: String,
    /// First characters, to recognise it.
    pub prefix: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last used (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Tokens.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokensOut {
    /// Tokens, newest first.
    pub items: Vec<TokenOut>,
}

/// Which tokens to list.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct TokensQuery {
    /// Everyone's (needs `admin.users`).
    pub all: Option<bool>,
}

/// Create a token for oneself, or for another user with `admin.users`.
#[utoipa::path(post, operation_id = "create_token", path = "/api/v1/tokens", tag = "auth", request_body = CreateTokenIn,
    responses((status = 201, body = NewTokenOut), (status = 403, body = ErrorBody)), security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<CreateTokenIn>,
) -> ApiResult<(StatusCode, Json<NewTokenOut>)> {
    let t = s
        .app
        .create_token(&caller, b.user_id.map(UserId), &b.name, b.expires_at)
        .await?;
    Ok((StatusCode::CREATED, Json(t.into())))
}

/// List one's tokens (or everyone's with `?all=true` and `admin.users`).
#[utoipa::path(get, operation_id = "list_tokens", path = "/api/v1/tokens", tag = "auth", params(TokensQuery),
    responses((status = 200, body = TokensOut)), security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<TokensQuery>,
) -> ApiResult<Json<TokensOut>> {
    let rows = s.app.list_tokens(&caller, q.all.unwrap_or(false)).await?;
    let items = rows
        .into_iter()
        .map(|r| TokenOut {
            id: r.id,
            user_id: r.user_id,
            name: r.name,
            prefix: r.prefix,
            created_at: r.created_at,
            last_used_at: r.last_used_at,
            expires_at: r.expires_at,
            revoked_at: r.revoked_at,
        })
        .collect();
    Ok(Json(TokensOut { items }))
}

/// Revoke a token.
#[utoipa::path(delete, operation_id = "revoke_token", path = "/api/v1/tokens/{id}", tag = "auth", params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)), security(("bearer" = [])))]
pub async fn revoke(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.revoke_token(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
