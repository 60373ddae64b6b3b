//! IMAP mailbox endpoints (`admin.settings`): list, add, change, remove, test the connection,
//! poll now. The password is write-only: answers say `set` or `not set`. Thin: validation,
//! permissions and polling are the service layer's.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use escalade_app::inbound_mail::imap::{ConnectionTest, PollReport};
use escalade_app::inbound_mail::mailboxes::{MailboxInput, MailboxView};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::ApiPath;
use crate::error::{ApiResult, ErrorBody};
use crate::extract::{ApiJson, Authed, nullable};
use crate::state::AppState;

/// A polled mailbox (the password only as `set` / `not set`).
#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxOut {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// IMAP server.
    pub host: String,
    /// Port.
    pub port: i64,
    /// `tls` (implicit TLS, usually 993), `starttls` (usually 143) or `none`.
    pub security: String,
    /// Login.
    pub login: String,
    /// `set` or `not set`; the password itself is never returned.
    pub password: String,
    /// Folder polled.
    pub folder: String,
    /// Group of the tickets it opens (else the inbound mail settings').
    pub group_id: Option<i64>,
    /// Category of the tickets it opens.
    pub category_id: Option<i64>,
    /// Whether it is polled.
    pub active: bool,
    /// `new` (never polled), `ok` or `failing`.
    pub state: String,
    /// The last failure, while failing.
    pub last_error: Option<String>,
    /// Consecutive failures.
    pub failures: i64,
    /// Failing since.
    pub failing_since: Option<DateTime<Utc>>,
    /// Highest UID taken from the folder.
    pub last_uid: i64,
    /// The folder's UIDVALIDITY.
    pub uid_validity: Option<i64>,
    /// Next poll.
    pub next_poll_at: DateTime<Utc>,
    /// Last successful poll.
    pub last_ok_at: Option<DateTime<Utc>>,
    /// While a node polls the mailbox or waits in IDLE on it for new mail: until when its
    /// claim runs (renewed every few minutes while it waits); `null` otherwise.
    pub held_until: Option<DateTime<Utc>>,
}

impl From<MailboxView> for MailboxOut {
    fn from(v: MailboxView) -> Self {
        Self {
            id: v.id,
            name: v.name,
            host: v.host,
            port: v.port,
            security: v.security,
            login: v.login,
            password: v.password.to_string(),
            folder: v.folder,
            group_id: v.group_id,
            category_id: v.category_id,
            active: v.active,
            state: v.state,
            last_error: v.last_error,
            failures: v.failures,
            failing_since: v.failing_since,
            last_uid: v.last_uid,
            uid_validity: v.uid_validity,
            next_poll_at: v.next_poll_at,
            last_ok_at: v.last_ok_at,
            held_until: v.held_until,
        }
    }
}

/// A new mailbox.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailboxIn {
    /// Unique name, 1 to 100 characters.
    pub name: String,
    /// IMAP server (host name or IP address).
    pub host: String,
    /// Port (993 with `tls`, 143 otherwise, when absent).
    #[serde(default)]
    pub port: Option<i64>,
    /// `tls` (default), `starttls` or `none`.
    #[serde(default)]
    pub security: Option<String>,
    /// Login.
    pub login: String,
    /// Password (write-only).
    #[serde(default)]
    pub password: Option<String>,
    /// Folder (INBOX by default).
    #[serde(default)]
    pub folder: Option<String>,
    /// Group of the tickets it opens.
    #[serde(default)]
    pub group_id: Option<i64>,
    /// Category of the tickets it opens.
    #[serde(default)]
    pub category_id: Option<i64>,
    /// Polled (true by default).
    #[serde(default)]
    pub active: Option<bool>,
}

/// Changing a mailbox: give only the fields to change. The password is kept when absent and
/// removed when empty. Another server, login or folder starts the UIDs afresh.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PatchMailboxIn {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Server.
    #[serde(default)]
    pub host: Option<String>,
    /// Port.
    #[serde(default)]
    pub port: Option<i64>,
    /// `tls`, `starttls` or `none`.
    #[serde(default)]
    pub security: Option<String>,
    /// Login.
    #[serde(default)]
    pub login: Option<String>,
    /// Password (write-only).
    #[serde(default)]
    pub password: Option<String>,
    /// Folder.
    #[serde(default)]
    pub folder: Option<String>,
    /// Default group; `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub group_id: Option<Option<i64>>,
    /// Default category; `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub category_id: Option<Option<i64>>,
    /// Polled.
    #[serde(default)]
    pub active: Option<bool>,
}

/// What a connection test found.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxTestOut {
    /// Connecting, logging in and selecting the folder all worked.
    pub ok: bool,
    /// Messages in the folder.
    pub messages: Option<u32>,
    /// The precise failure, naming its step (connect, TLS, login, select).
    pub error: Option<String>,
}

impl From<ConnectionTest> for MailboxTestOut {
    fn from(t: ConnectionTest) -> Self {
        Self {
            ok: t.ok,
            messages: t.messages,
            error: t.error,
        }
    }
}

/// What polling now did.
#[derive(Debug, Serialize, ToSchema)]
pub struct MailboxPollOut {
    /// `ok` or `failing`.
    pub state: String,
    /// Messages taken.
    pub taken: usize,
    /// Tickets opened or joined, by number, in the order of the messages (`null` for a
    /// message ignored or quarantined).
    pub tickets: Vec<Option<String>>,
    /// The failure.
    pub error: Option<String>,
}

impl From<PollReport> for MailboxPollOut {
    fn from(r: PollReport) -> Self {
        Self {
            state: r.state.to_string(),
            taken: r.taken,
            tickets: r.processed.iter().map(|p| p.ticket.clone()).collect(),
            error: r.error,
        }
    }
}

/// List the IMAP mailboxes (`admin.settings`).
#[utoipa::path(get, operation_id = "list_mailboxes", path = "/api/v1/mailboxes", tag = "mail",
    responses((status = 200, body = Vec<MailboxOut>), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
) -> ApiResult<Json<Vec<MailboxOut>>> {
    let all = s.app.mailboxes(&caller).await?;
    Ok(Json(all.into_iter().map(Into::into).collect()))
}

/// Add an IMAP mailbox, polled at once (`admin.settings`).
#[utoipa::path(post, operation_id = "create_mailbox", path = "/api/v1/mailboxes", tag = "mail",
    request_body = MailboxIn,
    responses((status = 201, body = MailboxOut), (status = 403, body = ErrorBody),
              (status = 422, description = "Invalid field, named in `field`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<MailboxIn>,
) -> ApiResult<(StatusCode, Json<MailboxOut>)> {
    let input = MailboxInput {
        name: b.name,
        host: b.host,
        port: b.port,
        security: b.security,
        login: b.login,
        password: b.password,
        folder: b.folder,
        group_id: b.group_id,
        category_id: b.category_id,
        active: b.active,
    };
    let m = s.app.create_mailbox(&caller, input).await?;
    Ok((StatusCode::CREATED, Json(m.into())))
}

/// One IMAP mailbox (`admin.settings`).
#[utoipa::path(get, operation_id = "get_mailbox", path = "/api/v1/mailboxes/{id}", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 200, body = MailboxOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<MailboxOut>> {
    Ok(Json(s.app.mailbox(&caller, id).await?.into()))
}

/// Change an IMAP mailbox (`admin.settings`).
#[utoipa::path(patch, operation_id = "patch_mailbox", path = "/api/v1/mailboxes/{id}", tag = "mail",
    params(("id" = i64, Path)), request_body = PatchMailboxIn,
    responses((status = 200, body = MailboxOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, description = "Invalid field, named in `field`", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
    ApiJson(b): ApiJson<PatchMailboxIn>,
) -> ApiResult<Json<MailboxOut>> {
    let old = s.app.mailbox(&caller, id).await?;
    let input = MailboxInput {
        name: b.name.unwrap_or(old.name),
        host: b.host.unwrap_or(old.host),
        port: Some(b.port.unwrap_or(old.port)),
        security: Some(b.security.unwrap_or(old.security)),
        login: b.login.unwrap_or(old.login),
        password: b.password,
        folder: Some(b.folder.unwrap_or(old.folder)),
        group_id: b.group_id.unwrap_or(old.group_id),
        category_id: b.category_id.unwrap_or(old.category_id),
        active: Some(b.active.unwrap_or(old.active)),
    };
    Ok(Json(s.app.update_mailbox(&caller, id, input).await?.into()))
}

/// Remove an IMAP mailbox; the mail it brought stays (`admin.settings`).
#[utoipa::path(delete, operation_id = "delete_mailbox", path = "/api/v1/mailboxes/{id}", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 204), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn delete(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<StatusCode> {
    s.app.delete_mailbox(&caller, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Test the connection: connect, log in, select the folder; nothing is fetched (`admin.settings`).
#[utoipa::path(post, operation_id = "test_mailbox", path = "/api/v1/mailboxes/{id}/test", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 200, body = MailboxTestOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn test(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<MailboxTestOut>> {
    Ok(Json(s.app.test_mailbox(&caller, id).await?.into()))
}

/// Poll the mailbox now and process what it brings (`admin.settings`).
#[utoipa::path(post, operation_id = "poll_mailbox", path = "/api/v1/mailboxes/{id}/poll", tag = "mail",
    params(("id" = i64, Path)),
    responses((status = 200, body = MailboxPollOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 409, description = "Another node is polling it now", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn poll(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Json<MailboxPollOut>> {
    Ok(Json(s.app.poll_mailbox_now(&caller, id).await?.into()))
}
