//! Inbound mail endpoints (docs/MAIL.md): the stored messages an administrator looks after
//! (quarantined, ignored, waiting, done), putting a quarantined one back in line, and the
//! original of any stored message for those allowed to read it.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use chrono::{DateTime, Utc};
use escalade_app::inbound_mail::Processed;
use escalade_store::mail_inbound::{InboundRow, InboundState};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::ApiPath;
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiQuery, Authed};
use crate::state::AppState;

/// Which stored messages to list.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct InboundQuery {
    /// `quarantined` (default), `ignored`, `received` (waiting) or `done`.
    pub state: Option<String>,
    /// Page, from 1.
    pub page: Option<i64>,
    /// Per page, 1 to 200 (50).
    pub per_page: Option<i64>,
}

/// A stored inbound message.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboundOut {
    /// Id.
    pub id: i64,
    /// `mailgate`, `imap` or `api`.
    pub source: String,
    /// Raw size in bytes.
    pub size: i64,
    /// Sender address, once read.
    pub sender: Option<String>,
    /// Subject, once read.
    pub subject: Option<String>,
    /// Message-ID, once read.
    pub message_id: Option<String>,
    /// received, done, ignored or quarantined.
    pub state: String,
    /// The threading decision with its reason.
    #[schema(value_type = Object)]
    pub decision: Option<serde_json::Value>,
    /// The ticket it opened or joined (internal id).
    pub ticket_id: Option<i64>,
    /// Why it is quarantined.
    pub error: Option<String>,
    /// Processing attempts.
    pub attempts: i64,
    /// Arrival.
    pub received_at: DateTime<Utc>,
    /// End of processing.
    pub processed_at: Option<DateTime<Utc>>,
}

impl From<InboundRow> for InboundOut {
    fn from(r: InboundRow) -> Self {
        Self {
            id: r.id,
            source: r.source,
            size: r.size,
            sender: r.sender,
            subject: r.subject,
            message_id: r.message_id,
            state: r.state,
            decision: r.decision.and_then(|d| serde_json::from_str(&d).ok()),
            ticket_id: r.ticket_id,
            error: r.error,
            attempts: r.attempts,
            received_at: r.received_at,
            processed_at: r.processed_at,
        }
    }
}

/// A page of stored messages.
#[derive(Debug, Serialize, ToSchema)]
pub struct InboundPageOut {
    /// Newest first.
    pub items: Vec<InboundOut>,
    /// How many are in that state.
    pub total: i64,
    /// This page.
    pub page: i64,
    /// Per page.
    pub per_page: i64,
}

/// What re-processing made of a message.
#[derive(Debug, Serialize, ToSchema)]
pub struct ProcessedOut {
    /// The stored message.
    pub inbound_id: i64,
    /// done, ignored or quarantined.
    pub state: String,
    /// The ticket's number, when it opened or joined one.
    pub ticket: Option<String>,
    /// The threading reason, or why it is quarantined.
    pub reason: String,
}

impl From<Processed> for ProcessedOut {
    fn from(p: Processed) -> Self {
        Self {
            inbound_id: p.inbound_id,
            state: p.state.to_string(),
            ticket: p.ticket,
            reason: p.reason,
        }
    }
}

fn state_of(s: Option<&str>) -> Result<InboundState, ApiError> {
    let s = s.unwrap_or("quarantined");
    InboundState::parse(s).ok_or_else(|| {
        ApiError::from(escalade_app::AppError::invalid(
            "state",
            "unknown_value",
            format!("'{s}' is not one of: quarantined, ignored, received, done"),
        ))
    })
}

/// List stored inbound messages in one state (`admin.settings`).
#[utoipa::path(get, operation_id = "list_inbound_mail", path = "/api/v1/mail/inbound", tag = "mail",
    params(InboundQuery),
    responses((status = 200, body = InboundPageOut), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<InboundQuery>,
) -> ApiResult<Json<InboundPageOut>> {
    let state = state_of(q.state.as_deref())?;
    let page = q.page.unwrap_or(1).max(1);
    let per_page = q.per_page.unwrap_or(50).clamp(1, 200);
    let p = s
        .app
        .inbound_in_state(&caller, state, page, per_page)
        .await?;
    Ok(Json(InboundPageOut {
        items: p.items.into_iter().map(InboundOut::from).collect(),
        total: p.total,
        page,
        per_page,
    }))
}

/// Put a quarantined message back in line and process it now (`admin.settings`).
#[utoipa::path(post, operation_id = "reprocess_inbound_mail", path = "/api/v1/mail/inbound/{id}/reprocess", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 200, body = ProcessedOut), (status = 422, description = "not_quarantined", body = ErrorBody),
              (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn reprocess(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<ProcessedOut>> {
    Ok(Json(s.app.reprocess_mail(&caller, id).await?.into()))
}

/// Download the original message (`message/rfc822`): on a ticket, for those who read its
/// internal entries; otherwise for administrators. Anyone else gets 404.
#[utoipa::path(get, operation_id = "download_inbound_mail", path = "/api/v1/mail/inbound/{id}/raw", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The message as received", content_type = "message/rfc822"),
              (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn raw(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let m = s.app.inbound_raw(&caller, id).await?;
    Ok(crate::download::bytes_response(
        &format!("message-{id}.eml"),
        "message/rfc822",
        &m.row.sha256,
        m.raw,
    ))
}
