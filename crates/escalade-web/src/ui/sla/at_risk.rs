//! The "SLA at risk" queue (`/agent/sla/at-risk`): the tickets the agent may read with a
//! running clock that warned or breached, the most pressing deadline first, paged. Each row
//! shows the ticket's warned and breached clocks and links to the ticket. The table refreshes
//! itself (`assets/app.js` live refresh) when a ticket enters or leaves it or a clock changes
//! state.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use escalade_app::AppError;
use serde::Deserialize;

use super::clocks::{ClockLine, line};
use crate::state::AppState;
use crate::ui::agent::ticket_href;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::{MaybeViewer, Viewer};

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

/// What the page and its live-refresh fragment show.
struct Listing {
    rows: Vec<Row>,
    total_text: String,
    position: String,
    prev: Option<String>,
    next: Option<String>,
    /// Changes when a ticket enters or leaves the page or a clock changes state.
    stamp: String,
    page: i64,
}

#[derive(Template)]
#[template(path = "sla/at_risk.html")]
struct AtRiskPage {
    c: Chrome,
    l: Listing,
}

/// The table and pager alone, for live refresh.
#[derive(Template)]
#[template(path = "sla/at_risk.html", block = "rows")]
struct AtRiskRows {
    c: Chrome,
    l: Listing,
}

/// `?page=`, kept as text: a mangled number opens the first page rather than an error.
#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

fn href(page: i64) -> String {
    format!("/agent/sla/at-risk?page={page}")
}

fn page_of(q: &PageQuery) -> i64 {
    q.page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 100_000)
}

async fn load(state: &AppState, viewer: &Viewer, page: i64) -> Result<Listing, AppError> {
    let tr = &viewer.tr;
    let found = state
        .app
        .sla_at_risk(&viewer.caller, page, PER_PAGE)
        .await?;
    let refs: Vec<_> = found.items.iter().collect();
    let mut sla = state.app.sla_of(&viewer.caller, &refs).await?;
    let mut stamp = found.total.to_string();
    let rows: Vec<Row> = found
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
            let lines: Vec<ClockLine> = clocks.iter().map(|k| line(tr, k)).collect();
            stamp.push_str(&format!(" {number}"));
            for l in &lines {
                stamp.push_str(&format!(":{}{}", l.kind, l.state));
            }
            Row {
                href: ticket_href(&number),
                number,
                subject: t.subject.clone(),
                priority: t.priority.as_str(),
                priority_label: tr.word("priority", t.priority.as_str()),
                clocks: lines,
            }
        })
        .collect();
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    Ok(Listing {
        rows,
        total_text: tr.count("tickets-count", "count", found.total),
        position: tr.args(
            "page-of",
            &[("page", page.to_string()), ("pages", pages.to_string())],
        ),
        prev: (page > 1).then(|| href(page - 1)),
        next: (page < pages).then(|| href(page + 1)),
        stamp,
        page,
    })
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
    match load(&state, &viewer, page_of(&q)).await {
        Ok(l) => render(&AtRiskPage {
            c: viewer.chrome(viewer.tr.get("sla-at-risk-title")),
            l,
        }),
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}

fn plain(status: StatusCode, text: String) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response()
}

/// GET /agent/sla/at-risk/stamp and /agent/sla/at-risk/rows: the change stamp and the table
/// alone, read by the page's script. An ended session answers 401 rather than the login page,
/// so that the login form never lands inside the table.
async fn live(state: &AppState, who: MaybeViewer, q: &PageQuery, fragment: bool) -> Response {
    let Some(viewer) = who.viewer else {
        return plain(StatusCode::UNAUTHORIZED, who.tr.get("agent-session-ended"));
    };
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    match load(state, &viewer, page_of(q)).await {
        Ok(l) if fragment => render(&AtRiskRows {
            c: viewer.chrome(String::new()),
            l,
        }),
        Ok(l) => plain(StatusCode::OK, l.stamp),
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}

/// GET /agent/sla/at-risk/stamp
pub async fn stamp(
    State(state): State<AppState>,
    who: MaybeViewer,
    Query(q): Query<PageQuery>,
) -> Response {
    live(&state, who, &q, false).await
}

/// GET /agent/sla/at-risk/rows
pub async fn rows(
    State(state): State<AppState>,
    who: MaybeViewer,
    Query(q): Query<PageQuery>,
) -> Response {
    live(&state, who, &q, true).await
}
