//! Department endpoints: the departments and customer organisations that requesters belong
//! to, listed for agents and administrators, created and renamed with `admin.departments`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use escalade_core::ids::DepartmentId;
use escalade_store::directory::DepartmentRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiPath;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, Authed};
use crate::state::AppState;

/// A department or customer organisation.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentOut {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
}

impl From<DepartmentRow> for DepartmentOut {
    fn from(d: DepartmentRow) -> Self {
        DepartmentOut {
            id: d.id,
            name: d.name,
        }
    }
}

/// Departments.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentsOut {
    /// Departments by name.
    pub items: Vec<DepartmentOut>,
}

/// A department's name, to create or rename it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentIn {
    /// Unique name, at most 200 characters.
    pub name: String,
}

/// List departments (agents and administrators; requesters get 403).
#[utoipa::path(get, operation_id = "list_departments", path = "/api/v1/departments", tag = "departments",
    responses((status = 200, body = DepartmentsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
) -> ApiResult<Json<DepartmentsOut>> {
    let rows = s.app.list_departments(&caller).await?;
    Ok(Json(DepartmentsOut {
        items: rows.into_iter().map(Into::into).collect(),
    }))
}

/// Create a department (`admin.departments`).
#[utoipa::path(post, operation_id = "create_department", path = "/api/v1/departments", tag = "departments", request_body = DepartmentIn,
    responses((status = 201, description = "Created", body = DepartmentOut), (status = 403, body = ErrorBody),
              (status = 409, description = "Name taken", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<DepartmentIn>,
) -> ApiResult<(StatusCode, Json<DepartmentOut>)> {
    let d = s.app.create_department(&caller, &b.name).await?;
    Ok((StatusCode::CREATED, Json(d.into())))
}

/// Rename a department (`admin.departments`).
#[utoipa::path(patch, operation_id = "rename_department", path = "/api/v1/departments/{id}", tag = "departments", request_body = DepartmentIn,
    params(("id" = i64, Path, description = "Department id")),
    responses((status = 200, body = DepartmentOut), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "Name taken", body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<DepartmentIn>,
) -> ApiResult<Json<DepartmentOut>> {
    let d = s
        .app
        .rename_department(&caller, DepartmentId(id), &b.name)
        .await?;
    Ok(Json(d.into()))
}
