//! The "SLA at risk" queue (`/agent/sla/at-risk`): the tickets the agent may read with a
//! running clock that warned or breached, the most pressing deadline first, paged. Each row
//! shows the ticket's most urgent clock and links to the ticket.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::clocks::{ClockLine, line};
use crate::state::AppState;
use crate::ui::agent::ticket_href;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// Tickets per page.
const PER_PAGE: i64 = 25;

/// One ticket of the queue.
struct Row {
    number: String,
    href: String,
    subject: String,
    priority: &'static str,
    priority_label: String,
    /// The clocks that warned or breached, most urgent first.
    clocks: Vec<ClockLine>,
}

#[derive(Template)]
#[template(path = "sla/at_risk.html")]
struct AtRiskPage {
    c: Chrome,
    rows: Vec<Row>,
    total_text: String,
    position: String,
    prev: Option<String>,
    next: Option<String>,
}

/// `?page=`, kept as text: a mangled number opens the first page rather than an error.
#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

fn href(page: i64) -> String {
    format!("/agent/sla/at-risk?page={page}")
}

/// GET /agent/sla/at-risk
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<PageQuery>,
) -> Response {
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let page = q
        .page
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 100_000);
    let found = match state.app.sla_at_risk(&viewer.caller, page, PER_PAGE).await {
        Ok(f) => f,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let refs: Vec<_> = found.items.iter().collect();
    let mut sla = match state.app.sla_of(&viewer.caller, &refs).await {
        Ok(s) => s,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let rows = found
        .items
        .iter()
        .map(|t| {
            let mut clocks: Vec<_> = sla
                .remove(&t.id)
                .unwrap_or_default()
                .clocks
                .into_iter()
                .filter(|k| k.stopped_at.is_none() && k.view.warned)
                .collect();
            clocks.sort_by_key(|k| k.view.remaining_seconds);
            let number = t.number().to_string();
            Row {
                href: ticket_href(&number),
                number,
                subject: t.subject.clone(),
                priority: t.priority.as_str(),
                priority_label: tr.word("priority", t.priority.as_str()),
                clocks: clocks.iter().map(|k| line(tr, k)).collect(),
            }
        })
        .collect();
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    render(&AtRiskPage {
        c: viewer.chrome(tr.get("sla-at-risk-title")),
        rows,
        total_text: tr.count("tickets-count", "count", found.total),
        position: tr.args(
            "page-of",
            &[("page", page.to_string()), ("pages", pages.to_string())],
        ),
        prev: (page > 1).then(|| href(page - 1)),
        next: (page < pages).then(|| href(page + 1)),
    })
}
