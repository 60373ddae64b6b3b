//! Automation rule endpoints: event rules and their order, the dry run, and time rules. Thin:
//! the body is the rule's JSON as `docs/RULES.md` describes it; validation (422 naming the
//! JSON path) and permissions (`admin.settings`) are the service layer's.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use escalade_app::rules::dry_run::RuleSource;
use escalade_store::rules::{RuleRow, TimeRuleRow};
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use super::ApiPath;
use super::sla_dto::ItemsOut;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, Authed};
use crate::state::AppState;

fn definition(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn rule_out(r: RuleRow) -> Value {
    json!({
        "id": r.id, "name": r.name, "event": r.event, "position": r.position,
        "active": r.active, "rule": definition(&r.definition),
        "created_at": r.created_at, "updated_at": r.updated_at,
    })
}

fn time_rule_out(r: TimeRuleRow) -> Value {
    json!({
        "id": r.id, "name": r.name, "kind": r.kind, "active": r.active,
        "rule": definition(&r.definition),
        "created_at": r.created_at, "updated_at": r.updated_at,
    })
}

fn created(location: String, body: Value) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(body),
    )
        .into_response()
}

/// The new order of the rules.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleOrderIn {
    /// Every rule's id once, first run first.
    pub ids: Vec<i64>,
}

/// A dry run: a stored rule (`rule_id`) or a rule's JSON (`rule`), and a ticket number.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DryRunIn {
    /// A rule's JSON, not saved.
    #[schema(value_type = Object)]
    pub rule: Option<Value>,
    /// A stored rule.
    pub rule_id: Option<i64>,
    /// The ticket's number, such as `INC-000042`.
    pub ticket: String,
}

/// List the event rules in the order they run.
#[utoipa::path(get, operation_id = "list_rules", path = "/api/v1/rules", tag = "rules",
    responses((status = 200, body = ItemsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(State(s): State<AppState>, Authed(caller): Authed) -> ApiResult<Json<ItemsOut>> {
    let items = s.app.rules(&caller).await?;
    Ok(Json(ItemsOut {
        items: items.into_iter().map(rule_out).collect(),
    }))
}

/// Create an event rule at the end of the order.
#[utoipa::path(post, operation_id = "create_rule", path = "/api/v1/rules", tag = "rules",
    request_body(content = Object, description = "The rule: `{name, event, active, conditions, actions, stop_after}` (docs/RULES.md)"),
    responses((status = 201, body = Object), (status = 422, description = "Refused rule; `field` is the JSON path", body = ErrorBody),
              (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let r = s.app.create_rule(&caller, &body.to_string()).await?;
    let location = format!("/api/v1/rules/{}", r.id);
    Ok(created(location, rule_out(r)))
}

/// Read an event rule.
#[utoipa::path(get, operation_id = "get_rule", path = "/api/v1/rules/{id}", tag = "rules",
    params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(rule_out(s.app.rule(&caller, id).await?)))
}

/// Replace an event rule; its place in the order stays.
#[utoipa::path(put, operation_id = "replace_rule", path = "/api/v1/rules/{id}", tag = "rules",
    params(("id" = i64, Path)), request_body(content = Object, description = "The whole rule"),
    responses((status = 200, body = Object), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn replace(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<Value>> {
    Ok(Json(rule_out(
        s.app.update_rule(&caller, id, &body.to_string()).await?,
    )))
}

/// Delete an event rule; journals keep its name.
#[utoipa::path(delete, operation_id = "delete_rule", path = "/api/v1/rules/{id}", tag = "rules",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.delete_rule(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Put the event rules in a new order: every id once, first run first.
#[utoipa::path(put, operation_id = "order_rules", path = "/api/v1/rules/order", tag = "rules",
    request_body = RuleOrderIn,
    responses((status = 200, body = ItemsOut), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn order(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<RuleOrderIn>,
) -> ApiResult<Json<ItemsOut>> {
    let items = s.app.reorder_rules(&caller, b.ids).await?;
    Ok(Json(ItemsOut {
        items: items.into_iter().map(rule_out).collect(),
    }))
}

/// Try a rule on a ticket: whether it would fire, why, and what it would change. Nothing is
/// written.
#[utoipa::path(post, operation_id = "dry_run_rule", path = "/api/v1/rules/dry-run", tag = "rules",
    request_body = DryRunIn,
    responses((status = 200, body = Object), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn dry_run(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<DryRunIn>,
) -> ApiResult<Json<Value>> {
    let source = match (b.rule, b.rule_id) {
        (Some(rule), None) => RuleSource::Json(rule.to_string()),
        (None, Some(id)) => RuleSource::Stored(id),
        _ => {
            return Err(ApiError::from(escalade_app::AppError::invalid(
                "rule",
                "rule_or_rule_id",
                "give either `rule` (a rule's JSON) or `rule_id`",
            )));
        }
    };
    let report = s.app.dry_run_rule(&caller, source, &b.ticket).await?;
    Ok(Json(serde_json::to_value(report).unwrap_or(Value::Null)))
}

/// List the time rules.
#[utoipa::path(get, operation_id = "list_time_rules", path = "/api/v1/time-rules", tag = "rules",
    responses((status = 200, body = ItemsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_time(
    State(s): State<AppState>,
    Authed(caller): Authed,
) -> ApiResult<Json<ItemsOut>> {
    let items = s.app.time_rules(&caller).await?;
    Ok(Json(ItemsOut {
        items: items.into_iter().map(time_rule_out).collect(),
    }))
}

/// Create a time rule; it applies to tickets that enter its state from now on.
#[utoipa::path(post, operation_id = "create_time_rule", path = "/api/v1/time-rules", tag = "rules",
    request_body(content = Object, description = "`{name, active, kind: {remind_pending | auto_close_resolved | escalate_unassigned: {...}}}`"),
    responses((status = 201, body = Object), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_time(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let r = s.app.create_time_rule(&caller, &body.to_string()).await?;
    let location = format!("/api/v1/time-rules/{}", r.id);
    Ok(created(location, time_rule_out(r)))
}

/// Read a time rule.
#[utoipa::path(get, operation_id = "get_time_rule", path = "/api/v1/time-rules/{id}", tag = "rules",
    params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_time(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(time_rule_out(s.app.time_rule(&caller, id).await?)))
}

/// Replace a time rule; jobs already scheduled ask the new definition when they come up.
#[utoipa::path(put, operation_id = "replace_time_rule", path = "/api/v1/time-rules/{id}", tag = "rules",
    params(("id" = i64, Path)), request_body(content = Object, description = "The whole time rule"),
    responses((status = 200, body = Object), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn replace_time(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<Value>> {
    Ok(Json(time_rule_out(
        s.app
            .update_time_rule(&caller, id, &body.to_string())
            .await?,
    )))
}

/// Delete a time rule.
#[utoipa::path(delete, operation_id = "delete_time_rule", path = "/api/v1/time-rules/{id}", tag = "rules",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete_time(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.delete_time_rule(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
