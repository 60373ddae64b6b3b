//! User endpoints: the directory of requesters and agents (list, create, read, change with
//! their roles), and the caller's own account (`/users/me`, changing one's password).

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use escalade_app::App;
use escalade_app::directory::{ChangeUser, CreateUser};
use escalade_core::authz::{Grant, Scope};
use escalade_core::ids::{DepartmentId, UserId};
use escalade_core::people::UserKind;
use escalade_store::directory::UserRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiPath, paging};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed, nullable};
use crate::state::AppState;

/// A role held by a user, with the data scope it reaches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleGrant {
    /// Role name, e.g. `agent`.
    pub role: String,
    /// `own`, `department`, `group` or `all`.
    #[schema(value_type = String)]
    pub scope: Scope,
}

impl From<Grant> for RoleGrant {
    fn from(g: Grant) -> Self {
        RoleGrant {
            role: g.role,
            scope: g.scope,
        }
    }
}

fn grants(v: Vec<RoleGrant>) -> Vec<(String, Scope)> {
    v.into_iter().map(|g| (g.role, g.scope)).collect()
}

/// A user. Never carries the password or its hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    /// Id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Name shown to others.
    pub display_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// `requester` or `agent`.
    pub kind: String,
    /// Department or customer organisation.
    pub department_id: Option<i64>,
    /// `en`, `fr`, `ru` or `zh-CN`.
    pub language: String,
    /// IANA time zone, e.g. `Europe/Paris`.
    pub time_zone: String,
    /// VIP.
    pub vip: bool,
    /// Enabled; a disabled user cannot sign in.
    pub active: bool,
    /// Whether the user can sign in with a password.
    pub has_password: bool,
    /// Roles with their scope.
    pub roles: Vec<RoleGrant>,
    /// Ids of the groups the user belongs to.
    pub group_ids: Vec<i64>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

impl UserOut {
    /// A user row with its roles and group ids.
    pub fn new(u: UserRow, roles: Vec<Grant>, group_ids: Vec<i64>) -> Self {
        UserOut {
            id: u.id,
            login: u.login,
            display_name: u.display_name,
            email: u.email,
            kind: u.kind,
            department_id: u.department_id,
            language: u.language,
            time_zone: u.time_zone,
            vip: u.vip,
            active: u.active,
            has_password: u.password_hash.is_some(),
            roles: roles.into_iter().map(Into::into).collect(),
            group_ids,
            created_at: u.created_at,
        }
    }

    async fn load(app: &App, u: UserRow) -> ApiResult<Self> {
        let id = UserId(u.id);
        let roles = app.user_roles(id).await?;
        let groups = app.user_groups(id).await?;
        Ok(UserOut::new(
            u,
            roles,
            groups.iter().map(|g| g.id).collect(),
        ))
    }
}

/// A page of users.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserPageOut {
    /// Users on this page, by id.
    pub items: Vec<UserOut>,
    /// How many match in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

/// Filters of the user list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserListQuery {
    /// `requester` or `agent`.
    pub kind: Option<String>,
    /// Text in the login, display name or e-mail.
    pub q: Option<String>,
    /// Page from 1.
    pub page: Option<i64>,
    /// Page size, 1-500, default 25.
    pub per_page: Option<i64>,
}

/// Creating a user. Only `login` is required.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateUserIn {
    /// Unique login.
    pub login: String,
    /// Name shown to others; the login when not given.
    #[serde(default)]
    pub display_name: Option<String>,
    /// E-mail, unique.
    #[serde(default)]
    pub email: Option<String>,
    /// `requester` (default) or `agent`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub kind: Option<UserKind>,
    /// Department.
    #[serde(default)]
    pub department_id: Option<i64>,
    /// `en` (default), `fr`, `ru` or `zh-CN`.
    #[serde(default)]
    pub language: Option<String>,
    /// IANA time zone; `UTC` by default.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// VIP.
    #[serde(default)]
    pub vip: bool,
    /// Password (at least 10 characters); without one the user cannot sign in.
    #[serde(default)]
    pub password: Option<String>,
    /// Roles with their scope; the kind's default role (`requester` at `own`, `agent` at
    /// `all`) when empty.
    #[serde(default)]
    pub roles: Vec<RoleGrant>,
}

/// Changing a user: give only the fields to change; `null` clears a clearable field.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchUserIn {
    /// Display name.
    #[serde(default)]
    pub display_name: Option<String>,
    /// E-mail; `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    /// `requester` or `agent`.
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub kind: Option<UserKind>,
    /// Department; `null` clears it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub department_id: Option<Option<i64>>,
    /// Language.
    #[serde(default)]
    pub language: Option<String>,
    /// Time zone.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// VIP.
    #[serde(default)]
    pub vip: Option<bool>,
    /// Enabled; disabling ends the user's web sessions.
    #[serde(default)]
    pub active: Option<bool>,
    /// New password; ends the user's web sessions.
    #[serde(default)]
    pub password: Option<String>,
    /// Roles with their scope; replaces the whole set.
    #[serde(default)]
    pub roles: Option<Vec<RoleGrant>>,
}

/// Changing one's own password.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordIn {
    /// The password in use now.
    pub current_password: String,
    /// The new one, at least 10 characters.
    pub new_password: String,
}

/// List users, filtered and paged (`admin.users`, or agents who assign tickets or open them
/// for others).
#[utoipa::path(get, operation_id = "list_users", path = "/api/v1/users", tag = "users", params(UserListQuery),
    responses((status = 200, body = UserPageOut), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<UserListQuery>,
) -> ApiResult<Json<UserPageOut>> {
    let (page, per_page) = paging(q.page, q.per_page)?;
    let kind = match q.kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(k) => Some(UserKind::parse(k)?),
    };
    let (rows, total) = s
        .app
        .users(&caller, kind, q.q.as_deref(), page, per_page)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for row in rows {
        items.push(UserOut::load(&s.app, row).await?);
    }
    Ok(Json(UserPageOut {
        items,
        total,
        page,
        per_page,
    }))
}

/// Create a user (`admin.users`).
#[utoipa::path(post, operation_id = "create_user", path = "/api/v1/users", tag = "users", request_body = CreateUserIn,
    responses((status = 201, description = "Created", body = UserOut),
              (status = 403, body = ErrorBody), (status = 409, description = "Login or e-mail taken", body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<CreateUserIn>,
) -> ApiResult<Response> {
    let req = CreateUser {
        login: b.login,
        display_name: b.display_name.unwrap_or_default(),
        email: b.email,
        kind: b.kind,
        department: b.department_id.map(DepartmentId),
        language: b.language,
        time_zone: b.time_zone,
        vip: b.vip,
        password: b.password,
        roles: grants(b.roles),
    };
    let row = s.app.create_user(Some(&caller), req).await?;
    let out = UserOut::load(&s.app, row).await?;
    let location = format!("/api/v1/users/{}", out.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(out),
    )
        .into_response())
}

/// Read a user: oneself, or anyone for those who may list users.
#[utoipa::path(get, operation_id = "get_user", path = "/api/v1/users/{id}", tag = "users",
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = UserOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<UserOut>> {
    let row = s.app.user(&caller, UserId(id)).await?;
    Ok(Json(UserOut::load(&s.app, row).await?))
}

/// Change a user, their roles or their password (`admin.users`).
#[utoipa::path(patch, operation_id = "patch_user", path = "/api/v1/users/{id}", tag = "users", request_body = PatchUserIn,
    params(("id" = i64, Path, description = "User id")),
    responses((status = 200, body = UserOut), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<PatchUserIn>,
) -> ApiResult<Json<UserOut>> {
    let ch = ChangeUser {
        display_name: b.display_name,
        email: b.email,
        kind: b.kind,
        department: b.department_id.map(|d| d.map(DepartmentId)),
        language: b.language,
        time_zone: b.time_zone,
        vip: b.vip,
        active: b.active,
        password: b.password,
        roles: b.roles.map(grants),
    };
    let row = s.app.change_user(&caller, UserId(id), ch).await?;
    Ok(Json(UserOut::load(&s.app, row).await?))
}

/// The caller's own account.
#[utoipa::path(get, operation_id = "get_me", path = "/api/v1/users/me", tag = "users",
    responses((status = 200, body = UserOut), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn me(Authed(caller): Authed) -> ApiResult<Json<UserOut>> {
    let groups = caller.actor.groups.iter().map(|g| g.0).collect();
    Ok(Json(UserOut::new(caller.user, caller.actor.grants, groups)))
}

/// Change one's own password, giving the current one.
#[utoipa::path(post, operation_id = "change_own_password", path = "/api/v1/users/me/password", tag = "users", request_body = PasswordIn,
    responses((status = 204, description = "Changed"),
              (status = 422, description = "Wrong current password, or a new one that is too short", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn change_password(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<PasswordIn>,
) -> ApiResult<StatusCode> {
    s.app
        .change_own_password(&caller, &b.current_password, &b.new_password)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
