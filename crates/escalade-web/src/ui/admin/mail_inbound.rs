//! Inbound mail in the administration (`admin.settings`): the stored messages by state
//! (quarantined first, then waiting, ignored and done) with why each is there, the original
//! to download, the ticket it became, and for a quarantined message a button that puts it
//! back in line once its cause is gone. The same service calls as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_core::authz::Permission;
use escalade_core::ids::TicketId;
use escalade_store::mail_inbound::{InboundRow, InboundState};
use serde::Deserialize;

use super::{Pager, gate, page_error, page_number, path_id, render_status};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::PageError;
use crate::ui::session::Viewer;

const PER_PAGE: i64 = 25;

/// `?state=&page=&saved=&ticket=` on the page.
#[derive(Deserialize, Default)]
pub struct InboundQueryString {
    state: Option<String>,
    page: Option<String>,
    saved: Option<String>,
    ticket: Option<String>,
}

/// One stored message.
pub struct Row {
    id: i64,
    received: String,
    sender: String,
    subject: String,
    why: String,
    ticket: Option<i64>,
    reprocess: bool,
}

/// A state tab.
pub struct Tab {
    href: String,
    label: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "admin/mail_inbound.html")]
struct InboundPage {
    c: crate::ui::page::Chrome,
    tabs: Vec<Tab>,
    rows: Vec<Row>,
    pager: Pager,
}

/// Why a message is where it is: the quarantine's reason, or the threading reason in words.
fn why(tr: &Tr, r: &InboundRow) -> String {
    if let Some(e) = &r.error {
        return e.clone();
    }
    let decision: serde_json::Value = r
        .decision
        .as_deref()
        .and_then(|d| serde_json::from_str(d).ok())
        .unwrap_or_default();
    match decision["reason"]["kind"].as_str() {
        Some(kind) => {
            let key = format!("mail-reason-{}", kind.replace('_', "-"));
            let number = decision["reason"]["number"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            match tr.try_get(&key) {
                Some(_) => tr.args(&key, &[("number", number)]),
                None => tr.arg("mail-reason-other", "code", kind),
            }
        }
        None => tr.get("mailin-waiting"),
    }
}

fn row(tr: &Tr, r: InboundRow) -> Row {
    Row {
        id: r.id,
        received: tr.datetime(&r.received_at),
        sender: r.sender.clone().unwrap_or_default(),
        subject: r.subject.clone().unwrap_or_default(),
        why: why(tr, &r),
        ticket: r.ticket_id,
        reprocess: r.state == InboundState::Quarantined.as_str(),
    }
}

fn flash(tr: &Tr, q: &InboundQueryString) -> Option<String> {
    let state = q.saved.as_deref()?;
    let key = format!("mailin-reprocessed-{state}");
    tr.try_get(&key)?;
    Some(tr.arg(&key, "ticket", q.ticket.clone().unwrap_or_default()))
}

/// GET /admin/mail/inbound
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<InboundQueryString>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let tr = &viewer.tr;
    let current = q
        .state
        .as_deref()
        .and_then(InboundState::parse)
        .unwrap_or(InboundState::Quarantined);
    let page = page_number(q.page.as_deref());
    let app = &state.app;
    let counts = app
        .inbound_counts(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let p = app
        .inbound_in_state(&viewer.caller, current, page, PER_PAGE)
        .await
        .map_err(|e| page_error(e, tr))?;
    let count_of = |s: InboundState| {
        counts
            .iter()
            .find(|(k, _)| k == s.as_str())
            .map_or(0, |(_, n)| *n)
    };
    let tabs = InboundState::ALL
        .into_iter()
        .map(|s| Tab {
            href: format!("/admin/mail/inbound?state={}", s.as_str()),
            label: tr.count(&format!("mailin-tab-{}", s.as_str()), "count", count_of(s)),
            current: s == current,
        })
        .collect();
    let view = InboundPage {
        c: viewer
            .chrome(tr.get("mailin-title"))
            .with_flash(flash(tr, &q)),
        tabs,
        rows: p.items.into_iter().map(|r| row(tr, r)).collect(),
        pager: Pager::new(
            tr,
            "mailin-total",
            "/admin/mail/inbound",
            &[("state", current.as_str())],
            page,
            PER_PAGE,
            p.total,
        ),
    };
    Ok(render_status(&view, StatusCode::OK))
}

/// GET /admin/mail/inbound/ticket/{id}: the ticket a message became, by its number.
pub async fn ticket(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let number = state
        .app
        .ticket_number_of(&viewer.caller, TicketId(id))
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    Ok(Redirect::to(&format!("/agent/tickets/{number}")).into_response())
}

/// POST /admin/mail/inbound/{id}/reprocess
pub async fn reprocess(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, .. } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let p = state
        .app
        .reprocess_mail(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let ticket = p.ticket.unwrap_or_default();
    Ok(Redirect::to(&format!(
        "/admin/mail/inbound?saved={}&ticket={ticket}",
        p.state
    ))
    .into_response())
}
