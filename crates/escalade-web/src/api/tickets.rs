//! Ticket endpoints: thin handlers that parse, call the service layer and shape the answer.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use escalade_app::tickets::OpenTicket;
use escalade_core::ids::{CategoryId, GroupId, TicketNumber, UserId};
use escalade_core::journal::CommentKind;
use escalade_core::ticket::{
    EscalationTarget, NewTicket, Priority, Status, SupportLevel, TicketPatch, TicketType,
};
use escalade_store::tickets::{Sort, TicketQuery};

use super::dto::*;
use super::{ApiPath, uploaded_file};
use crate::error::{ApiError, ApiResult, ErrorBody};
use crate::extract::{ApiJson, ApiQuery, Authed};
use crate::state::AppState;

fn level(l: Option<i64>) -> Result<Option<SupportLevel>, ApiError> {
    Ok(l.map(SupportLevel::new).transpose()?)
}

/// Open a ticket.
#[utoipa::path(post, operation_id = "create_ticket", path = "/api/v1/tickets", tag = "tickets", request_body = CreateTicketIn,
    responses((status = 201, description = "Created", body = TicketOut),
              (status = 422, description = "Invalid input", body = ErrorBody),
              (status = 403, description = "Not allowed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn create(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiJson(b): ApiJson<CreateTicketIn>,
) -> ApiResult<Response> {
    let req = OpenTicket {
        ticket: NewTicket {
            kind: b.kind,
            subject: b.subject,
            description: b.description,
            requester: b.requester_id.map(UserId),
            channel: b.channel,
            category: b.category_id.map(CategoryId),
            nature: b.nature,
            service: b.service,
            config_items: b.config_items,
            impact: b.impact,
            urgency: b.urgency,
            priority: b.priority,
            level: level(b.level)?,
            group: b.group_id.map(GroupId),
            assignee: b.assignee_id.map(UserId),
            tags: b.tags,
            facts: b.facts.map(Into::into).unwrap_or_default(),
            custom: b.custom,
        },
        watchers: b.watchers.into_iter().map(UserId).collect(),
    };
    let d = s.app.open_ticket(&caller, req).await?;
    let out = super::sla::ticket_out(&s, &caller, d).await?;
    let location = format!("/api/v1/tickets/{}", out.number);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(out),
    )
        .into_response())
}

/// Read a ticket by number.
#[utoipa::path(get, operation_id = "get_ticket", path = "/api/v1/tickets/{number}", tag = "tickets",
    params(("number" = String, Path, description = "Ticket number, e.g. INC-000123")),
    responses((status = 200, body = TicketOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
) -> ApiResult<Json<TicketOut>> {
    let d = s.app.ticket(&caller, &number).await?;
    Ok(Json(super::sla::ticket_out(&s, &caller, d).await?))
}

fn csv<T>(
    v: Option<&str>,
    field: &str,
    parse: impl Fn(&str, &str) -> Result<T, escalade_core::DomainError>,
) -> Result<Vec<T>, ApiError> {
    let mut out = Vec::new();
    for part in v
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        out.push(parse(field, part).map_err(|e| query_error(field, e))?);
    }
    Ok(out)
}

/// A query value that names nothing is a bad query (400), like any other malformed one.
fn query_error(field: &str, e: impl Into<ApiError>) -> ApiError {
    let mut e: ApiError = e.into();
    e.status = StatusCode::BAD_REQUEST;
    e.detail.code = "invalid_query".into();
    e.field(field)
}

fn user_filter(
    v: Option<&str>,
    me: UserId,
    field: &str,
) -> Result<Option<Option<UserId>>, ApiError> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some("me") => Ok(Some(Some(me))),
        Some("none") => Ok(Some(None)),
        Some(x) => x
            .parse::<i64>()
            .map(|id| Some(Some(UserId(id))))
            .map_err(|_| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    "invalid_query",
                    format!("{field} must be a user id, 'me' or 'none'"),
                )
                .field(field)
            }),
    }
}

/// The list query turned into the store's filter.
pub fn ticket_query(q: &TicketListQuery, me: UserId) -> Result<TicketQuery, ApiError> {
    let per_page = q.per_page.unwrap_or(25);
    if !(1..=500).contains(&per_page) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            "per_page must be between 1 and 500",
        )
        .field("per_page"));
    }
    let page = q.page.unwrap_or(1);
    if page < 1 {
        return Err(
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", "page starts at 1")
                .field("page"),
        );
    }
    let sort = match q.sort.as_deref() {
        None | Some("") => Sort::default(),
        Some(s) => Sort::parse(s).ok_or_else(|| {
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", format!("cannot sort by '{s}'; use created_at, updated_at or priority, with - for descending")).field("sort")
        })?,
    };
    let group = match q.group.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("none") => Some(None),
        Some(g) => Some(Some(GroupId(g.parse().map_err(|_| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_query",
                "group must be a group id or 'none'",
            )
            .field("group")
        })?))),
    };
    let requester = user_filter(q.requester.as_deref(), me, "requester")?.flatten();
    Ok(TicketQuery {
        status: csv(q.status.as_deref(), "status", Status::parse)?,
        priority: csv(q.priority.as_deref(), "priority", Priority::parse)?,
        kind: csv(q.kind.as_deref(), "type", TicketType::parse)?,
        category: q.category.map(CategoryId),
        group,
        assignee: user_filter(q.assignee.as_deref(), me, "assignee")?,
        requester,
        level: level(q.level).map_err(|e| query_error("level", e))?,
        created_from: q.created_from,
        created_to: q.created_to,
        text: q.q.clone(),
        open_only: q.open.unwrap_or(false),
        handled_by: None,
        sort,
        page,
        per_page,
    })
}

/// List tickets the caller may see, filtered and paged.
#[utoipa::path(get, operation_id = "list_tickets", path = "/api/v1/tickets", tag = "tickets", params(TicketListQuery),
    responses((status = 200, body = TicketPageOut), (status = 400, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiQuery(q): ApiQuery<TicketListQuery>,
) -> ApiResult<Json<TicketPageOut>> {
    let query = ticket_query(&q, caller.id())?;
    let page = s.app.tickets(&caller, &query).await?;
    let mut sla = s
        .app
        .sla_of(&caller, &page.items.iter().collect::<Vec<_>>())
        .await?;
    let items = page
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
        total: page.total,
        page: query.page,
        per_page: query.per_page,
    }))
}

/// Change status, priority, impact, urgency, category, group, assignee, level and more.
#[utoipa::path(patch, operation_id = "patch_ticket", path = "/api/v1/tickets/{number}", tag = "tickets", request_body = PatchTicketIn,
    params(("number" = String, Path)),
    responses((status = 200, body = TicketOut), (status = 409, description = "Refused status move; `rule` names the rule", body = ErrorBody),
              (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn patch(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
    ApiJson(b): ApiJson<PatchTicketIn>,
) -> ApiResult<Json<TicketOut>> {
    let patch = TicketPatch {
        status: b.status,
        priority: b.priority,
        impact: b.impact,
        urgency: b.urgency,
        category: b.category_id.map(|c| c.map(CategoryId)),
        group: b.group_id.map(|g| g.map(GroupId)),
        assignee: b.assignee_id.map(|a| a.map(UserId)),
        level: level(b.level)?,
        kind: b.kind,
        subject: b.subject,
        nature: b.nature,
        service: b.service,
        tags: b.tags,
    };
    let d = s.app.update_ticket(&caller, &number, patch).await?;
    Ok(Json(super::sla::ticket_out(&s, &caller, d).await?))
}

/// Add a public reply, an internal note or a phone-call record.
#[utoipa::path(post, operation_id = "add_comment", path = "/api/v1/tickets/{number}/comments", tag = "tickets", request_body = CommentIn,
    params(("number" = String, Path)),
    responses((status = 201, body = EntryOut), (status = 404, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn comment(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
    ApiJson(b): ApiJson<CommentIn>,
) -> ApiResult<(StatusCode, Json<EntryOut>)> {
    let e = s
        .app
        .comment(
            &caller,
            &number,
            b.kind.unwrap_or(CommentKind::Public),
            &b.body,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(e.into())))
}

/// Escalate to the next level or another group with a hand-over summary.
#[utoipa::path(post, operation_id = "escalate_ticket", path = "/api/v1/tickets/{number}/escalations", tag = "tickets", request_body = EscalationIn,
    params(("number" = String, Path)),
    responses((status = 201, body = TicketOut), (status = 422, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn escalate(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
    ApiJson(b): ApiJson<EscalationIn>,
) -> ApiResult<(StatusCode, Json<TicketOut>)> {
    let target = EscalationTarget {
        level: level(b.level)?,
        group: b.group_id.map(GroupId),
    };
    let d = s.app.escalate(&caller, &number, target, &b.summary).await?;
    Ok((
        StatusCode::CREATED,
        Json(super::sla::ticket_out(&s, &caller, d).await?),
    ))
}

/// Take an escalated ticket (receiving level).
#[utoipa::path(post, operation_id = "take_ticket", path = "/api/v1/tickets/{number}/take", tag = "tickets",
    params(("number" = String, Path)),
    responses((status = 200, body = TicketOut), (status = 409, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn take(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
) -> ApiResult<Json<TicketOut>> {
    let d = s.app.take(&caller, &number).await?;
    Ok(Json(super::sla::ticket_out(&s, &caller, d).await?))
}

/// The journal, oldest first; requesters see public entries only.
#[utoipa::path(get, operation_id = "get_journal", path = "/api/v1/tickets/{number}/journal", tag = "tickets",
    params(("number" = String, Path), JournalQuery),
    responses((status = 200, body = JournalOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn journal(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
    ApiQuery(q): ApiQuery<JournalQuery>,
) -> ApiResult<Json<JournalOut>> {
    let items = s
        .app
        .journal(
            &caller,
            &number,
            q.after.unwrap_or(0),
            q.limit.unwrap_or(200),
        )
        .await?;
    Ok(Json(JournalOut {
        items: items.into_iter().map(Into::into).collect(),
    }))
}

/// Add a watcher.
#[utoipa::path(post, operation_id = "add_watcher", path = "/api/v1/tickets/{number}/watchers", tag = "tickets", request_body = WatcherIn,
    params(("number" = String, Path)),
    responses((status = 200, body = WatchersOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn add_watcher(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
    ApiJson(b): ApiJson<WatcherIn>,
) -> ApiResult<Json<WatchersOut>> {
    let w = s
        .app
        .set_watcher(&caller, &number, UserId(b.user_id), true)
        .await?;
    Ok(Json(WatchersOut {
        watchers: w.iter().map(|u| u.0).collect(),
    }))
}

/// Remove a watcher.
#[utoipa::path(delete, operation_id = "remove_watcher", path = "/api/v1/tickets/{number}/watchers/{user_id}", tag = "tickets",
    params(("number" = String, Path), ("user_id" = i64, Path)),
    responses((status = 200, body = WatchersOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_watcher(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath((number, user)): ApiPath<(String, i64)>,
) -> ApiResult<Json<WatchersOut>> {
    let w = s
        .app
        .set_watcher(&caller, &number, UserId(user), false)
        .await?;
    Ok(Json(WatchersOut {
        watchers: w.iter().map(|u| u.0).collect(),
    }))
}

/// Upload an attachment: the raw file as the body, its name in `?name=`.
#[utoipa::path(post, operation_id = "upload_attachment", path = "/api/v1/tickets/{number}/attachments", tag = "attachments",
    params(("number" = String, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentOut), (status = 413, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn upload(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
    ApiQuery(q): ApiQuery<UploadQuery>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<(StatusCode, Json<AttachmentOut>)> {
    let (body, media_type) = uploaded_file(body, &headers, s.app.config.max_attachment_bytes)?;
    let a = s
        .app
        .attach(
            &caller,
            &number,
            &q.name,
            &media_type,
            !q.internal.unwrap_or(false),
            body.to_vec(),
        )
        .await?;
    let number = TicketNumber::new(
        s.app.ticket(&caller, &number).await?.ticket.kind,
        escalade_core::ids::TicketId(a.ticket_id),
    );
    Ok((
        StatusCode::CREATED,
        Json(AttachmentOut::new(a, number.to_string())),
    ))
}

/// The attachments of a ticket.
#[utoipa::path(get, operation_id = "list_attachments", path = "/api/v1/tickets/{number}/attachments", tag = "attachments",
    params(("number" = String, Path)),
    responses((status = 200, body = AttachmentsOut), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn attachments(
    State(s): State<AppState>,
    Authed(caller): Authed,
    Path(number): Path<String>,
) -> ApiResult<Json<AttachmentsOut>> {
    let t = s.app.ticket(&caller, &number).await?;
    let n = t.ticket.number().to_string();
    let items = s
        .app
        .attachments(&caller, &number)
        .await?
        .into_iter()
        .map(|a| AttachmentOut::new(a, n.clone()))
        .collect();
    Ok(Json(AttachmentsOut { items }))
}

/// Download an attachment. Always served as a download, never rendered in the API's origin.
#[utoipa::path(get, operation_id = "download_attachment", path = "/api/v1/attachments/{id}", tag = "attachments",
    params(("id" = i64, Path)),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn download(
    State(s): State<AppState>,
    Authed(caller): Authed,
    ApiPath(id): ApiPath<i64>,
) -> ApiResult<Response> {
    let d = s.app.download(&caller, id).await?;
    Ok(crate::download::file_response(d))
}
