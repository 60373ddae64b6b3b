//! Business calendar endpoints: the calendars SLA targets run on (docs/CALENDARS.md). Agents
//! and administrators read them; changes need `admin.settings`.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use escalade_core::calendar::Calendar;
use serde_json::Value;

use super::ApiPath;
use super::sla_dto::{ItemsOut, calendar_out};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, Authed};
use crate::state::AppState;

/// List calendars.
#[utoipa::path(get, operation_id = "list_calendars", path = "/api/v1/calendars", tag = "sla",
    responses((status = 200, body = ItemsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(State(s): State<AppState>, Authed(caller): Authed) -> ApiResult<Json<ItemsOut>> {
    let items = s.app.calendars(&caller).await?;
    Ok(Json(ItemsOut {
        items: items.into_iter().map(calendar_out).collect(),
    }))
}

/// Create a calendar: `{"name", "time_zone", "schedule": {"kind": "24x7" | "working_week", ...}}`.
#[utoipa::path(post, operation_id = "create_calendar", path = "/api/v1/calendars", tag = "sla",
    request_body(content = Object, description = "A calendar as in docs/CALENDARS.md; `name` is required"),
    responses((status = 201, body = Object), (status = 422, description = "Invalid calendar, with the field", body = ErrorBody),
              (status = 409, description = "name_taken", body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(cal): ApiJson<Calendar>,
) -> ApiResult<Response> {
    let k = s.app.create_calendar(&caller, cal).await?;
    let location = format!("/api/v1/calendars/{}", k.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(calendar_out(k)),
    )
        .into_response())
}

/// Read a calendar.
#[utoipa::path(get, operation_id = "get_calendar", path = "/api/v1/calendars/{id}", tag = "sla",
    params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(calendar_out(s.app.calendar(&caller, id).await?)))
}

/// Replace a calendar; the clocks still running on it are recomputed (and journaled).
#[utoipa::path(put, operation_id = "replace_calendar", path = "/api/v1/calendars/{id}", tag = "sla",
    params(("id" = i64, Path)), request_body(content = Object, description = "The whole calendar"),
    responses((status = 200, body = Object), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn replace(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(cal): ApiJson<Calendar>,
) -> ApiResult<Json<Value>> {
    Ok(Json(calendar_out(
        s.app.update_calendar(&caller, id, cal).await?,
    )))
}

/// Delete a calendar that nothing uses (409 `calendar_in_use` otherwise).
#[utoipa::path(delete, operation_id = "delete_calendar", path = "/api/v1/calendars/{id}", tag = "sla",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 409, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.delete_calendar(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
