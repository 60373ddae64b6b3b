//! Administration endpoints beyond the directory: roles and their permissions, the impact x
//! urgency priority matrix, and the audit log. Permission explanations are in `permissions.rs`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::ids::RoleId;
use escalade_core::ticket::{Priority, PriorityMatrix};
use escalade_store::audit::AuditRow;
use escalade_store::roles::RoleRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiPath, paging};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed};
use crate::state::AppState;

/// A role: a named bundle of permissions.
#[derive(Debug, Serialize, ToSchema)]
pub struct RoleOut {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Dotted permission names, e.g. `ticket.read`.
    pub permissions: Vec<String>,
    /// Shipped with Escalade.
    pub builtin: bool,
}

impl From<RoleRow> for RoleOut {
    fn from(r: RoleRow) -> Self {
        RoleOut {
            permissions: names(&r.permission_list()),
            id: r.id,
            name: r.name,
            description: r.description,
            builtin: r.builtin,
        }
    }
}

fn names(perms: &[Permission]) -> Vec<String> {
    perms.iter().map(|p| p.as_str().to_string()).collect()
}

/// Roles.
#[derive(Debug, Serialize, ToSchema)]
pub struct RolesOut {
    /// Roles by name.
    pub items: Vec<RoleOut>,
}

/// Creating a role.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateRoleIn {
    /// Unique name, at most 100 characters.
    pub name: String,
    /// What it is for, at most 1000 characters.
    #[serde(default)]
    pub description: String,
    /// Dotted permission names, e.g. `["ticket.read", "ticket.reply"]`.
    pub permissions: Vec<String>,
}

/// Changing a role: give only the fields to change. The name never changes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchRoleIn {
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Permissions; replaces the whole set.
    #[serde(default)]
    pub permissions: Option<Vec<String>>,
}

/// Parses permission names; an unknown one is a 422 naming `permissions`.
fn parse_permissions(v: &[String]) -> Result<Vec<Permission>, ApiError> {
    v.iter()
        .map(|p| Permission::parse(p.trim()).map_err(ApiError::from))
        .collect()
}

/// The impact x urgency matrix. What `GET` answers can be sent back with `PUT` unchanged.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityMatrixDto {
    /// Rows by impact (high, medium, low), columns by urgency (high, medium, low); each cell
    /// is `critical`, `high`, `medium`, `low` or `informational`. More impact or urgency may
    /// never give a lower priority.
    #[schema(value_type = Vec<Vec<String>>, example = json!([["critical","high","medium"],["high","medium","low"],["medium","low","informational"]]))]
    pub cells: [[Priority; 3]; 3],
}

impl From<PriorityMatrix> for PriorityMatrixDto {
    fn from(m: PriorityMatrix) -> Self {
        PriorityMatrixDto { cells: m.cells }
    }
}

impl From<PriorityMatrixDto> for PriorityMatrix {
    fn from(d: PriorityMatrixDto) -> Self {
        PriorityMatrix { cells: d.cells }
    }
}

/// An audit record: who changed what in the administration, and when.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEntryOut {
    /// Id, increasing with time.
    pub id: i64,
    /// Who; none for the command line.
    pub actor_id: Option<i64>,
    /// What, e.g. `user.create`, `role.update`.
    pub action: String,
    /// Kind of object, e.g. `user`.
    pub object_type: String,
    /// Which object.
    pub object_id: String,
    /// Details of the change.
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl From<AuditRow> for AuditEntryOut {
    fn from(a: AuditRow) -> Self {
        let details = serde_json::from_str(&a.details)
            .unwrap_or_else(|_| serde_json::Value::String(a.details.clone()));
        AuditEntryOut {
            id: a.id,
            actor_id: a.actor_id,
            action: a.action,
            object_type: a.object_type,
            object_id: a.object_id,
            details,
            created_at: a.created_at,
        }
    }
}

/// A page of the audit log.
#[derive(Debug, Serialize, ToSchema)]
pub struct AuditPageOut {
    /// Records on this page, newest first.
    pub items: Vec<AuditEntryOut>,
    /// How many in all.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

/// Paging of the audit log.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// Page from 1.
    pub page: Option<i64>,
    /// Page size, 1-500, default 25.
    pub per_page: Option<i64>,
}

/// List roles (agents and administrators; requesters get 403).
#[utoipa::path(get, operation_id = "list_roles", path = "/api/v1/roles", tag = "admin",
    responses((status = 200, body = RolesOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn roles(State(s): State<AppState>, Authed(caller): Authed) -> ApiResult<Json<RolesOut>> {
    let rows = s.app.list_roles(&caller).await?;
    Ok(Json(RolesOut {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Create a role (`admin.roles`).
#[utoipa::path(post, operation_id = "create_role", path = "/api/v1/roles", tag = "admin", request_body = CreateRoleIn,
    responses((status = 201, description = "Created", body = RoleOut), (status = 403, body = ErrorBody),
              (status = 409, description = "Name taken", body = ErrorBody),
              (status = 422, description = "Invalid input; an unknown permission names the field `permissions`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_role(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<CreateRoleIn>,
) -> ApiResult<(StatusCode, Json<RoleOut>)> {
    let perms = parse_permissions(&b.permissions)?;
    let r = s
        .app
        .create_role(&caller, &b.name, &b.description, perms)
        .await?;
    Ok((StatusCode::CREATED, Json(r.into())))
}

/// Change a role's description or permissions (`admin.roles`). The administrator role keeps
/// `admin.roles`.
#[utoipa::path(patch, operation_id = "patch_role", path = "/api/v1/roles/{id}", tag = "admin", request_body = PatchRoleIn,
    params(("id" = i64, Path, description = "Role id")),
    responses((status = 200, body = RoleOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch_role(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<PatchRoleIn>,
) -> ApiResult<Json<RoleOut>> {
    let perms = b
        .permissions
        .as_deref()
        .map(parse_permissions)
        .transpose()?;
    let r = s
        .app
        .update_role(&caller, RoleId(id), b.description.as_deref(), perms)
        .await?;
    Ok(Json(r.into()))
}

/// The priority matrix in force (any signed-in user).
#[utoipa::path(get, operation_id = "get_priority_matrix", path = "/api/v1/settings/priority-matrix", tag = "admin",
    responses((status = 200, body = PriorityMatrixDto), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn priority_matrix(
    State(s): State<AppState>,
    Authed(_caller): Authed,
) -> ApiResult<Json<PriorityMatrixDto>> {
    Ok(Json(s.app.priority_matrix().await?.into()))
}

/// Replace the priority matrix (`admin.settings`). Tickets keep their priority until their
/// impact or urgency changes.
#[utoipa::path(put, operation_id = "set_priority_matrix", path = "/api/v1/settings/priority-matrix", tag = "admin", request_body = PriorityMatrixDto,
    responses((status = 200, body = PriorityMatrixDto), (status = 403, body = ErrorBody),
              (status = 422, description = "Not 3 x 3, an unknown priority, or more impact or urgency giving a lower priority", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_priority_matrix(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<PriorityMatrixDto>,
) -> ApiResult<Json<PriorityMatrixDto>> {
    let m = s.app.set_priority_matrix(&caller, b.into()).await?;
    Ok(Json(m.into()))
}

/// The audit log, newest first (`audit.read`).
#[utoipa::path(get, operation_id = "list_audit", path = "/api/v1/audit", tag = "admin", params(AuditQuery),
    responses((status = 200, body = AuditPageOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn audit(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> ApiResult<Json<AuditPageOut>> {
    let (page, per_page) = paging(q.page, q.per_page)?;
    let (rows, total) = s.app.audit_log(&caller, page, per_page).await?;
    Ok(Json(AuditPageOut {
        items: rows.into_iter().map(Into::into).collect(),
        total,
        page,
        per_page,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::parse_json;

    const DEFAULT: &str = r#"{"cells":[["critical","high","medium"],["high","medium","low"],["medium","low","informational"]]}"#;

    #[test]
    fn matrix_body_round_trips() {
        let dto = parse_json::<PriorityMatrixDto>(DEFAULT.as_bytes()).expect("valid body");
        let m = PriorityMatrix::from(dto);
        assert_eq!(m, PriorityMatrix::default());
        let back = serde_json::to_string(&PriorityMatrixDto::from(m)).expect("serialises");
        assert_eq!(back, DEFAULT);
    }

    #[test]
    fn malformed_matrices_name_the_field() {
        let short =
            br#"{"cells":[["critical","high"],["high","medium","low"],["medium","low","low"]]}"#;
        let e = parse_json::<PriorityMatrixDto>(short).expect_err("two columns");
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            e.detail
                .field
                .as_deref()
                .is_some_and(|f| f.starts_with("cells"))
        );
        let unknown = DEFAULT.replace("informational", "whenever");
        let e = parse_json::<PriorityMatrixDto>(unknown.as_bytes()).expect_err("bad priority");
        assert!(
            e.detail
                .field
                .as_deref()
                .is_some_and(|f| f.starts_with("cells"))
        );
        let extra = DEFAULT.replace("{\"cells\"", "{\"rows\":1,\"cells\"");
        let e = parse_json::<PriorityMatrixDto>(extra.as_bytes()).expect_err("unknown field");
        assert_eq!(e.detail.field.as_deref(), Some("rows"));
    }

    #[test]
    fn unknown_permissions_name_the_field() {
        let ok = parse_permissions(&["ticket.read".into(), " audit.read ".into()]);
        assert_eq!(
            ok.ok(),
            Some(vec![Permission::TicketRead, Permission::AuditRead])
        );
        let e =
            parse_permissions(&["ticket.read".into(), "ticket.fly".into()]).expect_err("unknown");
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.detail.field.as_deref(), Some("permissions"));
    }
}
