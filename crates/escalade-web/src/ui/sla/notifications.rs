//! One's SLA notifications (`/agent/notifications`): warnings and breaches on tickets one
//! handles or leads, newest first, each with a button to mark it read.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::Value;

use super::{Instant, clock_name};
use crate::state::AppState;
use crate::ui::agent::ticket_href;
use crate::ui::form::Posted;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// How many notifications the page lists.
const LIMIT: i64 = 100;

/// One notification.
struct Item {
    id: i64,
    kind: &'static str,
    label: String,
    clock: String,
    policy: String,
    number: Option<String>,
    href: Option<String>,
    body: String,
    at: Instant,
    unread: bool,
}

#[derive(Template)]
#[template(path = "sla/notifications.html")]
struct NotificationsPage {
    c: Chrome,
    items: Vec<Item>,
    unread_text: String,
}

/// `?saved=read` after marking one read.
#[derive(Deserialize)]
pub struct PageQuery {
    saved: Option<String>,
}

/// GET /agent/notifications
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<PageQuery>,
) -> Response {
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let (rows, unread) = match state
        .app
        .notifications(&viewer.caller, false, None, LIMIT)
        .await
    {
        Ok(r) => r,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let items = rows
        .into_iter()
        .map(|n| {
            let data: Value = serde_json::from_str(&n.data).unwrap_or(Value::Null);
            // The body starts with the ticket's number ("INC-000042: SLA breached ...").
            let number = n
                .ticket_id
                .and_then(|_| n.body.split_once(": ").map(|(num, _)| num.to_string()));
            let kind = match n.kind.as_str() {
                "sla_warning" => "warning",
                "sla_breach" => "breach",
                _ => "other",
            };
            Item {
                id: n.id,
                kind,
                label: tr.word("sla-notification", kind),
                clock: data["clock"]
                    .as_str()
                    .map(|c| clock_name(tr, c, data["level"].as_i64()))
                    .unwrap_or_default(),
                policy: data["policy"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                href: number.as_deref().map(ticket_href),
                number,
                body: n.body,
                at: Instant::of(tr, &n.created_at),
                unread: n.read_at.is_none(),
            }
        })
        .collect();
    let flash = (q.saved.as_deref() == Some("read")).then(|| tr.get("sla-notification-marked"));
    render(&NotificationsPage {
        c: viewer
            .chrome(tr.get("sla-notifications-title"))
            .with_flash(flash),
        items,
        unread_text: tr.count("sla-unread-count", "count", unread),
    })
}

/// POST /agent/notifications/{id}/read
pub async fn mark_read(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<Empty>,
) -> Response {
    let viewer = posted.viewer;
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    match state.app.mark_notification_read(&viewer.caller, id).await {
        Ok(()) => Redirect::to("/agent/notifications?saved=read").into_response(),
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}

/// A form with nothing but its token.
#[derive(Deserialize)]
pub struct Empty {}
