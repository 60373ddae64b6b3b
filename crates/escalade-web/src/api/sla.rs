//! SLA endpoints: policies and their order, OLA targets, the "SLA at risk" queue, the
//! explanation of a ticket's deadlines, and the group lead whom SLA notifications reach. Thin:
//! permissions are checked in the service layer.

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use escalade_core::ids::{GroupId, UserId};
use escalade_core::sla::{OlaDefinition, PolicyDefinition};
use serde_json::Value;

use super::dto::{TicketOut, TicketPageOut};
use super::sla_dto::*;
use super::{ApiPath, paging};
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed};
use crate::state::AppState;

fn created(location: String, body: Value) -> Response {
    (
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(body),
    )
        .into_response()
}

/// List SLA policies in the order they are tried.
#[utoipa::path(get, operation_id = "list_sla_policies", path = "/api/v1/sla/policies", tag = "sla",
    responses((status = 200, body = ItemsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_policies(
    State(s): State<AppState>,
    Authed(caller): Authed,
) -> ApiResult<Json<ItemsOut>> {
    let items = s.app.sla_policies(&caller).await?;
    Ok(Json(ItemsOut {
        items: items.into_iter().map(policy_out).collect(),
    }))
}

/// Create an SLA policy at the end of the order.
#[utoipa::path(post, operation_id = "create_sla_policy", path = "/api/v1/sla/policies", tag = "sla",
    request_body(content = Object, description = "`{name, conditions, calendar_id, targets: {first_response_minutes, resolution_minutes, update_interval_minutes}, warn_percent, on_warning, on_breach, active}`"),
    responses((status = 201, body = Object), (status = 422, description = "Invalid policy, with the field", body = ErrorBody),
              (status = 409, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_policy(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let (d, active) = definition_in::<PolicyDefinition>(body)?;
    let p = s.app.create_sla_policy(&caller, d, active).await?;
    let location = format!("/api/v1/sla/policies/{}", p.policy.id);
    Ok(created(location, policy_out(p)))
}

/// Read an SLA policy.
#[utoipa::path(get, operation_id = "get_sla_policy", path = "/api/v1/sla/policies/{id}", tag = "sla",
    params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_policy(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(policy_out(s.app.sla_policy(&caller, id).await?)))
}

/// Replace an SLA policy; the clocks still running on it take its new targets (journaled).
#[utoipa::path(put, operation_id = "replace_sla_policy", path = "/api/v1/sla/policies/{id}", tag = "sla",
    params(("id" = i64, Path)), request_body(content = Object, description = "The whole policy"),
    responses((status = 200, body = Object), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn replace_policy(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<Value>> {
    let (d, active) = definition_in::<PolicyDefinition>(body)?;
    Ok(Json(policy_out(
        s.app.update_sla_policy(&caller, id, d, active).await?,
    )))
}

/// Delete an SLA policy; the clocks it measured stay as history.
#[utoipa::path(delete, operation_id = "delete_sla_policy", path = "/api/v1/sla/policies/{id}", tag = "sla",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete_policy(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.delete_sla_policy(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Put the policies in a new order: every id once, first tried first.
#[utoipa::path(put, operation_id = "order_sla_policies", path = "/api/v1/sla/policies/order", tag = "sla",
    request_body = PolicyOrderIn,
    responses((status = 200, body = ItemsOut), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn order_policies(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<PolicyOrderIn>,
) -> ApiResult<Json<ItemsOut>> {
    let items = s.app.reorder_sla_policies(&caller, b.ids).await?;
    Ok(Json(ItemsOut {
        items: items.into_iter().map(policy_out).collect(),
    }))
}

/// List OLA targets.
#[utoipa::path(get, operation_id = "list_ola_targets", path = "/api/v1/sla/olas", tag = "sla",
    responses((status = 200, body = ItemsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_olas(
    State(s): State<AppState>,
    Authed(caller): Authed,
) -> ApiResult<Json<ItemsOut>> {
    let items = s.app.ola_targets(&caller).await?;
    Ok(Json(ItemsOut {
        items: items.into_iter().map(ola_out).collect(),
    }))
}

/// Create an OLA target: `{name, level, group_id, calendar_id, target_minutes, warn_percent, on_warning, on_breach, active}`.
#[utoipa::path(post, operation_id = "create_ola_target", path = "/api/v1/sla/olas", tag = "sla",
    request_body(content = Object, description = "An OLA target"),
    responses((status = 201, body = Object), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create_ola(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Response> {
    let (d, active) = definition_in::<OlaDefinition>(body)?;
    let o = s.app.create_ola_target(&caller, d, active).await?;
    let location = format!("/api/v1/sla/olas/{}", o.target.id);
    Ok(created(location, ola_out(o)))
}

/// Read an OLA target.
#[utoipa::path(get, operation_id = "get_ola_target", path = "/api/v1/sla/olas/{id}", tag = "sla",
    params(("id" = i64, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_ola(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<Value>> {
    Ok(Json(ola_out(s.app.ola_target(&caller, id).await?)))
}

/// Replace an OLA target.
#[utoipa::path(put, operation_id = "replace_ola_target", path = "/api/v1/sla/olas/{id}", tag = "sla",
    params(("id" = i64, Path)), request_body(content = Object, description = "The whole target"),
    responses((status = 200, body = Object), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn replace_ola(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<Value>,
) -> ApiResult<Json<Value>> {
    let (d, active) = definition_in::<OlaDefinition>(body)?;
    Ok(Json(ola_out(
        s.app.update_ola_target(&caller, id, d, active).await?,
    )))
}

/// Delete an OLA target.
#[utoipa::path(delete, operation_id = "delete_ola_target", path = "/api/v1/sla/olas/{id}", tag = "sla",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Deleted"), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete_ola(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.delete_ola_target(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The "SLA at risk" queue: tickets the caller may read whose running clock warned or
/// breached, the most pressing deadline first.
#[utoipa::path(get, operation_id = "sla_at_risk", path = "/api/v1/sla/at-risk", tag = "sla", params(AtRiskQuery),
    responses((status = 200, body = TicketPageOut), (status = 400, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn at_risk(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<AtRiskQuery>,
) -> ApiResult<Json<TicketPageOut>> {
    let (page, per_page) = paging(q.page, q.per_page)?;
    let found = s.app.sla_at_risk(&caller, page, per_page).await?;
    let refs: Vec<_> = found.items.iter().collect();
    let mut sla = s.app.sla_of(&caller, &refs).await?;
    let items = found
        .items
        .into_iter()
        .map(|t| {
            let clocks = sla.remove(&t.id).unwrap_or_default();
            let mut out = TicketOut::from(escalade_app::tickets::TicketDetail {
                ticket: t,
                watchers: vec![],
                security: false,
            });
            out.sla = Some(clocks.into());
            out
        })
        .collect();
    Ok(Json(TicketPageOut {
        items,
        total: found.total,
        page,
        per_page,
    }))
}

/// How each deadline of a ticket was computed: the policy chosen and why (conditions matched,
/// earlier policies passed over), the calendar, the working intervals counted, the pauses, and
/// (for agents) the journal's recomputations, warnings and breaches.
#[utoipa::path(get, operation_id = "explain_ticket_sla", path = "/api/v1/tickets/{number}/sla/explain", tag = "sla",
    params(("number" = String, Path)),
    responses((status = 200, body = Object), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn explain(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(number): ApiPath<String>,
) -> ApiResult<Json<Value>> {
    let e = s.app.explain_sla(&caller, &number).await?;
    Ok(Json(serde_json::to_value(e).unwrap_or(Value::Null)))
}

/// The lead of a group, whom SLA warnings and breaches on its tickets notify.
#[utoipa::path(get, operation_id = "get_group_lead", path = "/api/v1/groups/{id}/lead", tag = "groups",
    params(("id" = i64, Path)),
    responses((status = 200, body = GroupLeadIo), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_group_lead(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<GroupLeadIo>> {
    let lead = s.app.group_lead(&caller, GroupId(id)).await?;
    Ok(Json(GroupLeadIo {
        user_id: lead.map(|u| u.0),
    }))
}

/// Set (or clear with `null`) the lead of a group (`admin.groups`).
#[utoipa::path(put, operation_id = "set_group_lead", path = "/api/v1/groups/{id}/lead", tag = "groups",
    params(("id" = i64, Path)), request_body = GroupLeadIo,
    responses((status = 200, body = GroupLeadIo), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_group_lead(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<GroupLeadIo>,
) -> ApiResult<Json<GroupLeadIo>> {
    let lead = s
        .app
        .set_group_lead(&caller, GroupId(id), b.user_id.map(UserId))
        .await?;
    Ok(Json(GroupLeadIo {
        user_id: lead.map(|u| u.0),
    }))
}

/// One's notifications (SLA warnings and breaches on tickets one handles or leads), newest first.
#[utoipa::path(get, operation_id = "list_notifications", path = "/api/v1/notifications", tag = "sla",
    params(NotificationsQuery),
    responses((status = 200, body = NotificationsOut)),
    security(("bearer" = [])))]
pub async fn notifications(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<NotificationsQuery>,
) -> ApiResult<Json<NotificationsOut>> {
    let (rows, unread) = s
        .app
        .notifications(
            &caller,
            q.unread.unwrap_or(false),
            q.before,
            q.limit.unwrap_or(50),
        )
        .await?;
    let items = rows
        .into_iter()
        .map(|n| NotificationOut {
            id: n.id,
            kind: n.kind,
            ticket_id: n.ticket_id,
            body: n.body,
            data: serde_json::from_str(&n.data).unwrap_or(Value::Null),
            created_at: n.created_at,
            read_at: n.read_at,
        })
        .collect();
    Ok(Json(NotificationsOut { items, unread }))
}

/// Mark one of one's notifications read.
#[utoipa::path(post, operation_id = "read_notification", path = "/api/v1/notifications/{id}/read", tag = "sla",
    params(("id" = i64, Path)),
    responses((status = 204, description = "Read"), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn read_notification(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.mark_notification_read(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A ticket answer with its SLA clocks.
pub(crate) async fn ticket_out(
    s: &AppState,
    caller: &escalade_app::Caller,
    d: escalade_app::tickets::TicketDetail,
) -> ApiResult<TicketOut> {
    let mut sla = s.app.sla_of(caller, &[&d.ticket]).await?;
    let clocks = sla.remove(&d.ticket.id).unwrap_or_default();
    let mut out = TicketOut::from(d);
    out.sla = Some(clocks.into());
    Ok(out)
}
