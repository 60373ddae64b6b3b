//! Support group endpoints: the teams tickets are routed to, each at a support level 0-3, and
//! their members. Agents and administrators read them; changes need `admin.groups`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use escalade_core::ids::{GroupId, UserId};
use escalade_store::directory::GroupRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiPath;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, Authed};
use crate::state::AppState;

/// A support group.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOut {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Support level 0 (hotline) to 3 (specialists or vendor).
    pub level: i64,
    /// Members see tickets of security categories.
    pub security_team: bool,
}

impl From<GroupRow> for GroupOut {
    fn from(g: GroupRow) -> Self {
        GroupOut {
            id: g.id,
            name: g.name,
            level: g.level,
            security_team: g.security_team,
        }
    }
}

/// A support group with its members.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetailOut {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// Support level 0-3.
    pub level: i64,
    /// Members see tickets of security categories.
    pub security_team: bool,
    /// Members' user ids.
    pub members: Vec<i64>,
}

impl GroupDetailOut {
    fn new(g: GroupRow, members: Vec<UserId>) -> Self {
        GroupDetailOut {
            id: g.id,
            name: g.name,
            level: g.level,
            security_team: g.security_team,
            members: members.iter().map(|m| m.0).collect(),
        }
    }
}

/// Groups.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupsOut {
    /// Groups by level, then name.
    pub items: Vec<GroupOut>,
}

/// Creating a group.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateGroupIn {
    /// Unique name, at most 200 characters.
    pub name: String,
    /// Support level 0-3.
    pub level: i64,
    /// Security team (false by default).
    #[serde(default)]
    pub security_team: bool,
}

/// Changing a group: give only the fields to change.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchGroupIn {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Support level 0-3.
    #[serde(default)]
    pub level: Option<i64>,
    /// Security team.
    #[serde(default)]
    pub security_team: Option<bool>,
}

/// A member to add.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberIn {
    /// The user.
    pub user_id: i64,
}

/// List groups (agents and administrators; requesters get 403).
#[utoipa::path(get, operation_id = "list_groups", path = "/api/v1/groups", tag = "groups",
    responses((status = 200, body = GroupsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(State(s): State<AppState>, Authed(caller): Authed) -> ApiResult<Json<GroupsOut>> {
    let rows = s.app.list_groups(&caller).await?;
    Ok(Json(GroupsOut {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Create a group (`admin.groups`).
#[utoipa::path(post, operation_id = "create_group", path = "/api/v1/groups", tag = "groups", request_body = CreateGroupIn,
    responses((status = 201, description = "Created", body = GroupDetailOut), (status = 403, body = ErrorBody),
              (status = 409, description = "Name taken", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<CreateGroupIn>,
) -> ApiResult<Response> {
    let g = s
        .app
        .create_group(Some(&caller), &b.name, b.level, b.security_team)
        .await?;
    let location = format!("/api/v1/groups/{}", g.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(GroupDetailOut::new(g, vec![])),
    )
        .into_response())
}

/// Read a group with its members (agents and administrators).
#[utoipa::path(get, operation_id = "get_group", path = "/api/v1/groups/{id}", tag = "groups",
    params(("id" = i64, Path, description = "Group id")),
    responses((status = 200, body = GroupDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<GroupDetailOut>> {
    let (g, members) = s.app.group_for(&caller, GroupId(id)).await?;
    Ok(Json(GroupDetailOut::new(g, members)))
}

/// Rename a group, change its level or its security flag (`admin.groups`).
#[utoipa::path(patch, operation_id = "patch_group", path = "/api/v1/groups/{id}", tag = "groups", request_body = PatchGroupIn,
    params(("id" = i64, Path, description = "Group id")),
    responses((status = 200, body = GroupDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "Name taken", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<PatchGroupIn>,
) -> ApiResult<Json<GroupDetailOut>> {
    let id = GroupId(id);
    s.app
        .update_group(&caller, id, b.name.as_deref(), b.level, b.security_team)
        .await?;
    let (g, members) = s.app.group_for(&caller, id).await?;
    Ok(Json(GroupDetailOut::new(g, members)))
}

/// Add a member; adding a member twice is harmless (`admin.groups`).
#[utoipa::path(post, operation_id = "add_group_member", path = "/api/v1/groups/{id}/members", tag = "groups", request_body = MemberIn,
    params(("id" = i64, Path, description = "Group id")),
    responses((status = 200, body = GroupDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "Unknown user", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_member(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<MemberIn>,
) -> ApiResult<Json<GroupDetailOut>> {
    set_member(&s, &caller, GroupId(id), UserId(b.user_id), true).await
}

/// Remove a member (`admin.groups`).
#[utoipa::path(delete, operation_id = "remove_group_member", path = "/api/v1/groups/{id}/members/{user_id}", tag = "groups",
    params(("id" = i64, Path, description = "Group id"), ("user_id" = i64, Path, description = "User id")),
    responses((status = 200, body = GroupDetailOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "Unknown user", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_member(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath((id, user)): ApiPath<(i64, i64)>,
) -> ApiResult<Json<GroupDetailOut>> {
    set_member(&s, &caller, GroupId(id), UserId(user), false).await
}

async fn set_member(
    s: &AppState,
    caller: &escalade_app::Caller,
    group: GroupId,
    user: UserId,
    member: bool,
) -> ApiResult<Json<GroupDetailOut>> {
    s.app.set_member(Some(caller), group, user, member).await?;
    let (g, members) = s.app.group_for(caller, group).await?;
    Ok(Json(GroupDetailOut::new(g, members)))
}
