//! Outbound mail endpoints (`admin.settings`): the SMTP and sender settings (the password is
//! write-only: answers say `set` or `not set`), a test message, and the outbox with its
//! filters and the retry of one message. Thin: validation and permissions are the service
//! layer's.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use escalade_app::mail::outbox::TestMailOutcome;
use escalade_app::mail::{MailSettingsInput, MailSettingsView};
use escalade_core::ids::TicketNumber;
use escalade_store::mail_outbox::{MailQuery, MailState, MailSummary};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{ApiPath, paging};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed};
use crate::state::AppState;

/// The mail settings as stored (the password only as `set` / `not set`).
#[derive(Debug, Serialize, ToSchema)]
pub struct MailSettingsOut {
    /// SMTP server; empty while mail only waits in the outbox.
    pub smtp_host: String,
    /// SMTP port.
    pub smtp_port: u16,
    /// `tls` (implicit TLS, usually 465), `starttls` (usually 587) or `none`.
    pub smtp_security: String,
    /// SMTP login; empty for none.
    pub smtp_user: String,
    /// `set` or `not set`; the password itself is never returned.
    pub smtp_password: String,
    /// The sender's name.
    pub from_name: String,
    /// The sender's address (`From:`), where replies come back.
    pub from_address: String,
    /// The domain of our Message-IDs.
    pub desk_domain: String,
    /// The desk's web address, for links in mail.
    pub portal_url: String,
    /// What the subject tag holds before the number (`Escalade#` gives
    /// `[Escalade#INC-000123]`); empty for `[INC-000123]`.
    pub subject_tag: String,
    /// Whether an SMTP server is configured.
    pub smtp_configured: bool,
}

impl From<MailSettingsView> for MailSettingsOut {
    fn from(v: MailSettingsView) -> Self {
        Self {
            smtp_host: v.smtp_host,
            smtp_port: v.smtp_port,
            smtp_security: v.smtp_security,
            smtp_user: v.smtp_user,
            smtp_password: v.smtp_password.to_string(),
            from_name: v.from_name,
            from_address: v.from_address,
            desk_domain: v.desk_domain,
            portal_url: v.portal_url,
            subject_tag: v.subject_tag,
            smtp_configured: v.smtp_configured,
        }
    }
}

/// New mail settings: every field but the password; the password is kept when absent and
/// cleared when empty.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailSettingsIn {
    /// SMTP server (host name or IP address); empty to stop sending.
    #[serde(default)]
    pub smtp_host: String,
    /// Port, 1-65535 (587 by default).
    #[serde(default = "default_port")]
    pub smtp_port: i64,
    /// `tls`, `starttls` (default) or `none`.
    #[serde(default = "default_security")]
    pub smtp_security: String,
    /// Login; empty for none.
    #[serde(default)]
    pub smtp_user: String,
    /// Password: absent keeps the stored one, empty clears it.
    pub smtp_password: Option<String>,
    /// The sender's name.
    #[serde(default)]
    pub from_name: String,
    /// The sender's address.
    #[serde(default)]
    pub from_address: String,
    /// The domain of our Message-IDs (the sender's domain when empty).
    #[serde(default)]
    pub desk_domain: String,
    /// The desk's web address (`https://help.example.com`).
    #[serde(default)]
    pub portal_url: String,
    /// The subject tag word.
    #[serde(default)]
    pub subject_tag: String,
}

fn default_port() -> i64 {
    587
}

fn default_security() -> String {
    "starttls".into()
}

/// A test message.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TestMailIn {
    /// Where to send it; your own address when absent.
    pub to: Option<String>,
}

/// What became of a test message.
#[derive(Debug, Serialize, ToSchema)]
pub struct TestMailOut {
    /// Whether the SMTP server accepted it.
    pub sent: bool,
    /// Where it went.
    pub to: String,
    /// What the server or the connection said when it failed.
    pub error: Option<String>,
}

impl From<TestMailOutcome> for TestMailOut {
    fn from(o: TestMailOutcome) -> Self {
        Self {
            sent: o.sent,
            to: o.to,
            error: o.error,
        }
    }
}

/// A message in the outbox (without its bytes).
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxMessageOut {
    /// Id.
    pub id: i64,
    /// `pending`, `sent` or `failed`.
    pub state: String,
    /// The ticket's number, if it is about one.
    pub ticket: Option<String>,
    /// What caused it: `received`, `public_reply`, `status_changed`, `resolved`, `closed`,
    /// `escalated`, `auto_reply`.
    pub event: String,
    /// Envelope recipients.
    pub recipients: Vec<String>,
    /// Subject.
    pub subject: String,
    /// Message-ID, with angle brackets.
    pub message_id: String,
    /// Failed attempts so far.
    pub attempts: i64,
    /// When it is tried (again), while pending.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When retrying stops and it shows as failed.
    pub give_up_at: DateTime<Utc>,
    /// The last failure.
    pub last_error: Option<String>,
    /// Accepted by the SMTP server.
    pub sent_at: Option<DateTime<Utc>>,
    /// Given up.
    pub failed_at: Option<DateTime<Utc>>,
    /// Enqueued.
    pub created_at: DateTime<Utc>,
}

/// Shapes an outbox row for the API.
pub fn message_out(m: MailSummary) -> OutboxMessageOut {
    let state = m.state();
    let number = m.ticket_number().map(|n| n.to_string());
    OutboxMessageOut {
        id: m.id,
        state: state.as_str().into(),
        ticket: number,
        event: m.event.clone(),
        recipients: m.recipient_list(),
        subject: m.subject,
        message_id: m.message_id,
        attempts: m.attempts,
        next_attempt_at: (state == MailState::Pending).then_some(m.next_attempt_at),
        give_up_at: m.give_up_at,
        last_error: m.last_error,
        sent_at: m.sent_at,
        failed_at: m.failed_at,
        created_at: m.created_at,
    }
}

/// Counts per state.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxCountsOut {
    /// Waiting to be sent or retried.
    pub pending: i64,
    /// Sent.
    pub sent: i64,
    /// Given up.
    pub failed: i64,
}

/// A page of the outbox.
#[derive(Debug, Serialize, ToSchema)]
pub struct OutboxPageOut {
    /// Messages, newest first.
    pub items: Vec<OutboxMessageOut>,
    /// Messages matching the filter.
    pub total: i64,
    /// This page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
    /// The whole outbox by state.
    pub counts: OutboxCountsOut,
}

/// Filters and paging of the outbox.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutboxQuery {
    /// `pending`, `sent` or `failed`.
    pub state: Option<String>,
    /// A ticket's number.
    pub ticket: Option<String>,
    /// Page from 1.
    pub page: Option<i64>,
    /// Page size, 1-500, default 25.
    pub per_page: Option<i64>,
}

/// Read the mail settings (`admin.settings`).
#[utoipa::path(get, operation_id = "get_mail_settings", path = "/api/v1/settings/mail", tag = "mail",
    responses((status = 200, body = MailSettingsOut), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_settings(
    State(s): State<AppState>,
    Authed(caller): Authed,
) -> ApiResult<Json<MailSettingsOut>> {
    Ok(Json(s.app.mail_settings(&caller).await?.into()))
}

/// Replace the mail settings (`admin.settings`).
#[utoipa::path(put, operation_id = "put_mail_settings", path = "/api/v1/settings/mail", tag = "mail",
    request_body = MailSettingsIn,
    responses((status = 200, body = MailSettingsOut), (status = 403, body = ErrorBody),
              (status = 422, description = "Invalid setting, named in `field`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn put_settings(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<MailSettingsIn>,
) -> ApiResult<Json<MailSettingsOut>> {
    let input = MailSettingsInput {
        smtp_host: b.smtp_host,
        smtp_port: b.smtp_port,
        smtp_security: b.smtp_security,
        smtp_user: b.smtp_user,
        smtp_password: b.smtp_password,
        from_name: b.from_name,
        from_address: b.from_address,
        desk_domain: b.desk_domain,
        portal_url: b.portal_url,
        subject_tag: b.subject_tag,
    };
    Ok(Json(s.app.set_mail_settings(&caller, input).await?.into()))
}

/// Send a test message straight through SMTP (`admin.settings`); the answer says whether the
/// server accepted it and, if not, what it said.
#[utoipa::path(post, operation_id = "send_test_mail", path = "/api/v1/mail/test", tag = "mail",
    request_body = TestMailIn,
    responses((status = 200, body = TestMailOut), (status = 403, body = ErrorBody),
              (status = 422, description = "No SMTP server configured, or no address", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn test(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<TestMailIn>,
) -> ApiResult<Json<TestMailOut>> {
    Ok(Json(
        s.app.send_test_mail(&caller, b.to.as_deref()).await?.into(),
    ))
}

/// List the outbox, newest first, with filters (`admin.settings`).
#[utoipa::path(get, operation_id = "list_outbox", path = "/api/v1/mail/outbox", tag = "mail",
    params(OutboxQuery),
    responses((status = 200, body = OutboxPageOut), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn outbox(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<OutboxQuery>,
) -> ApiResult<Json<OutboxPageOut>> {
    let (page, per_page) = paging(q.page, q.per_page)?;
    let state = q
        .state
        .as_deref()
        .map(|v| {
            MailState::parse(v).ok_or_else(|| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_query",
                    "state is pending, sent or failed",
                )
                .field("state")
            })
        })
        .transpose()?;
    let ticket = q
        .ticket
        .as_deref()
        .map(|n| {
            n.parse::<TicketNumber>().map(|n| n.id()).map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_query",
                    "ticket is a ticket number such as INC-000042",
                )
                .field("ticket")
            })
        })
        .transpose()?;
    let p = s
        .app
        .mail_outbox(
            &caller,
            &MailQuery {
                state,
                ticket,
                page,
                per_page,
            },
        )
        .await?;
    Ok(Json(OutboxPageOut {
        items: p.items.into_iter().map(message_out).collect(),
        total: p.total,
        page,
        per_page,
        counts: OutboxCountsOut {
            pending: p.counts.0,
            sent: p.counts.1,
            failed: p.counts.2,
        },
    }))
}

/// Read one message of the outbox (`admin.settings`).
#[utoipa::path(get, operation_id = "get_outbox_message", path = "/api/v1/mail/outbox/{id}", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 200, body = OutboxMessageOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn message(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OutboxMessageOut>> {
    let m = s.app.mail_message(&caller, id).await?;
    Ok(Json(message_out(m)))
}

/// Try a pending or failed message again now, with a fresh retry period (`admin.settings`).
#[utoipa::path(post, operation_id = "retry_outbox_message", path = "/api/v1/mail/outbox/{id}/retry", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 200, body = OutboxMessageOut), (status = 404, body = ErrorBody),
              (status = 409, description = "Sent already", body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn retry(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<OutboxMessageOut>> {
    let m = s.app.retry_mail(&caller, id).await?;
    Ok(Json(message_out(m)))
}
