//! GET /portal: the requests the viewer may follow (their own, or their department's when a
//! role gives that scope), newest first, filtered by open / resolved / all, paged with the
//! total, with the one obvious way to ask for something new.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use escalade_core::ticket::Status;
use escalade_store::tickets::{Sort, TicketQuery};
use serde::Deserialize;

use super::agents_to_console;
use super::words::{category_paths, state_sentence};
use crate::state::AppState;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// Requests per page.
pub const PER_PAGE: i64 = 20;

/// Which requests the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Everything.
    All,
    /// Still being worked on.
    Open,
    /// Resolved, closed or cancelled.
    Done,
}

impl Show {
    fn parse(s: Option<&str>) -> Show {
        match s {
            Some("open") => Show::Open,
            Some("resolved") => Show::Done,
            _ => Show::All,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Open => "open",
            Show::Done => "resolved",
        }
    }
}

/// `?status=&page=`.
#[derive(Deserialize)]
pub struct ListQuery {
    status: Option<String>,
    page: Option<String>,
}

/// One row of the list.
pub struct Row {
    number: String,
    subject: String,
    status: String,
    status_word: String,
    state: String,
    category: String,
    updated: String,
    updated_iso: String,
    created: String,
    created_iso: String,
    mine: bool,
}

/// A filter tab.
pub struct Tab {
    id: &'static str,
    href: String,
    label: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "portal/list.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    tabs: Vec<Tab>,
    show: &'static str,
    total_text: String,
    total: i64,
    page_text: String,
    prev: Option<String>,
    next: Option<String>,
}

fn href(show: Show, page: i64) -> String {
    if page > 1 {
        format!("/portal?status={}&page={page}", show.as_str())
    } else {
        format!("/portal?status={}", show.as_str())
    }
}

/// GET /portal
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Response {
    if let Some(to) = agents_to_console(&viewer, "/agent") {
        return to;
    }
    let tr = &viewer.tr;
    let show = Show::parse(q.status.as_deref());
    let mut page = q
        .page
        .as_deref()
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 1_000_000);
    let mut query = TicketQuery {
        sort: Sort::NewestFirst,
        per_page: PER_PAGE,
        page,
        ..TicketQuery::default()
    };
    match show {
        Show::All => {}
        Show::Open => query.open_only = true,
        Show::Done => query.status = vec![Status::Resolved, Status::Closed, Status::Cancelled],
    }
    let mut found = match state.app.tickets(&viewer.caller, &query).await {
        Ok(p) => p,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    // A page past the end (an old bookmark) shows the last page rather than nothing.
    if page > pages {
        page = pages;
        query.page = page;
        found = match state.app.tickets(&viewer.caller, &query).await {
            Ok(p) => p,
            Err(e) => return PageError::from_app(e, tr).into_response(),
        };
    }
    let categories = match state.app.categories().await {
        Ok(c) => category_paths(tr, &c),
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let me = viewer.caller.id();
    let rows = found
        .items
        .iter()
        .map(|t| Row {
            number: t.number().to_string(),
            subject: t.subject.clone(),
            status: t.status.as_str().to_string(),
            status_word: tr.word("status", t.status.as_str()),
            state: state_sentence(tr, t.status),
            category: t
                .category
                .and_then(|c| categories.get(&c.0).cloned())
                .unwrap_or_default(),
            updated: tr.datetime(&t.updated_at),
            updated_iso: tr.iso(&t.updated_at),
            created: tr.datetime(&t.created_at),
            created_iso: tr.iso(&t.created_at),
            mine: t.requester == me,
        })
        .collect();
    let tabs = [
        (Show::All, "portal-filter-all", tr.get("portal-filter-all")),
        (
            Show::Open,
            "portal-filter-open",
            tr.get("portal-filter-open"),
        ),
        (
            Show::Done,
            "portal-filter-resolved",
            tr.get("portal-filter-resolved"),
        ),
    ]
    .into_iter()
    .map(|(s, id, label)| Tab {
        id,
        href: href(s, 1),
        label,
        current: s == show,
    })
    .collect();
    render(&ListPage {
        c: viewer.chrome(tr.get("portal-list-title")),
        rows,
        tabs,
        show: show.as_str(),
        total_text: tr.count("portal-list-count", "count", found.total),
        total: found.total,
        page_text: tr.args(
            "page-of",
            &[("page", page.to_string()), ("pages", pages.to_string())],
        ),
        prev: (page > 1).then(|| href(show, page - 1)),
        next: (page < pages).then(|| href(show, page + 1)),
    })
}
