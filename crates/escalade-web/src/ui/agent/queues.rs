//! Queue pages: `/agent/queues/{queue}` with its tabs, filter form, sortable table and pager;
//! `/stamp` (a short text that changes when a ticket of the queue changes) and `/rows` (the
//! table part alone) for `assets/app.js` to refresh the page in place without losing the
//! filters. The service layer decides what each queue holds and what the reader may see.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use escalade_app::Caller;
use escalade_app::tickets::queues::{Queue, QueuePage};
use escalade_core::people::UserKind;
use escalade_core::ticket::{Priority, Status, SupportLevel, TicketType};

use super::filters::{
    AssigneeFilter, Column, FilterError, Filters, GroupFilter, PER_PAGE_CHOICES, SortKey,
    StatusFilter, href,
};
use super::{Choice, category_tree, queue_label, refusal, ticket_href};
use crate::state::AppState;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::{MaybeViewer, Viewer};

/// How often an open queue page asks whether something changed, in seconds.
const REFRESH_SECONDS: u32 = 15;

/// A tab of the queue bar.
struct Tab {
    key: String,
    label: String,
    current: bool,
}

/// The filter form, with each select's choices and which fields the queue leaves to the reader.
struct FilterForm {
    action: String,
    status: Vec<Choice>,
    show_status: bool,
    priority: Vec<Choice>,
    category: Vec<Choice>,
    group: Vec<Choice>,
    assignee: Vec<Choice>,
    show_assignee: bool,
    level: Vec<Choice>,
    show_level: bool,
    kind: Vec<Choice>,
    text: String,
    per_page: Vec<Choice>,
    sort: String,
    active: usize,
}

/// A column heading: its link sorts by it (or reverses the order when it is the current one).
struct Head {
    id: &'static str,
    label: String,
    href: String,
    aria_sort: Option<&'static str>,
    arrow: &'static str,
    optional: bool,
}

/// One table row.
struct Row {
    number: String,
    href: String,
    subject: String,
    status: &'static str,
    status_label: String,
    priority: &'static str,
    priority_label: String,
    requester: String,
    group: String,
    assignee: String,
    updated: String,
    updated_iso: String,
}

/// The part of the page that live refresh replaces: total, table, pager.
pub struct Results {
    t: Tr,
    summary: String,
    heads: Vec<Head>,
    rows: Vec<Row>,
    prev: Option<String>,
    next: Option<String>,
    clear: Option<String>,
}

#[derive(Template)]
#[template(path = "agent/queue.html")]
struct QueuePageTemplate {
    c: Chrome,
    key: String,
    title: String,
    tabs: Vec<Tab>,
    form: FilterForm,
    error: Option<String>,
    stamp_url: String,
    rows_url: String,
    stamp: String,
    refresh_seconds: u32,
    r: Option<Results>,
}

#[derive(Template)]
#[template(path = "agent/queue.html", block = "rows")]
struct RowsTemplate {
    r: Option<Results>,
}

/// The sentence for a parameter that was not understood.
fn filter_message(tr: &Tr, e: &FilterError) -> String {
    let field = match e.field {
        "status" => tr.get("agent-filter-status"),
        "priority" => tr.get("agent-filter-priority"),
        "category" => tr.get("agent-filter-category"),
        "group" => tr.get("agent-filter-group"),
        "assignee" => tr.get("agent-filter-assignee"),
        "level" => tr.get("agent-filter-level"),
        "type" => tr.get("agent-filter-type"),
        "q" => tr.get("agent-filter-text"),
        "sort" => tr.get("agent-filter-sort"),
        "page" => tr.get("agent-filter-page"),
        "per_page" => tr.get("agent-filter-per-page"),
        _ => tr.get("agent-filter-query"),
    };
    tr.args(
        "agent-filter-invalid",
        &[("field", field), ("value", e.value.clone())],
    )
}

/// The queue named in the address, for an agent; anything else is the usual 404.
fn queue_for(viewer: &Viewer, key: &str) -> Result<Queue, PageError> {
    viewer.require_agent()?;
    Queue::parse(key).ok_or_else(|| PageError::not_found(&viewer.tr))
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

fn heads(tr: &Tr, base: &str, f: &Filters) -> Vec<Head> {
    Column::ALL
        .into_iter()
        .map(|col| {
            let current = f.sort.column == col;
            let descending = if current {
                !f.sort.descending
            } else {
                col.first_descending()
            };
            let next = f.sorted(SortKey {
                column: col,
                descending,
            });
            let (id, label, optional) = match col {
                Column::Number => ("col-number", tr.get("agent-col-number"), false),
                Column::Subject => ("col-subject", tr.get("agent-col-subject"), false),
                Column::Status => ("col-status", tr.get("agent-col-status"), true),
                Column::Priority => ("col-priority", tr.get("agent-col-priority"), false),
                Column::Requester => ("col-requester", tr.get("agent-col-requester"), true),
                Column::Group => ("col-group", tr.get("agent-col-group"), true),
                Column::Assignee => ("col-assignee", tr.get("agent-col-assignee"), true),
                Column::Updated => ("col-updated", tr.get("agent-col-updated"), true),
            };
            Head {
                id,
                label,
                href: href(base, &next.all_pairs()),
                aria_sort: current.then_some(if f.sort.descending {
                    "descending"
                } else {
                    "ascending"
                }),
                arrow: match (current, f.sort.descending) {
                    (false, _) => "",
                    (true, true) => "▼",
                    (true, false) => "▲",
                },
                optional,
            }
        })
        .collect()
}

/// The results part for one page of a queue.
fn results(tr: &Tr, key: &str, f: &Filters, page: QueuePage) -> Results {
    let base = format!("/agent/queues/{key}");
    let shown = f.on_page(page.page);
    let pages = ((page.total + page.per_page - 1) / page.per_page).max(1);
    let summary = format!(
        "{} · {}",
        tr.count("tickets-count", "count", page.total),
        tr.args(
            "page-of",
            &[
                ("page", page.page.to_string()),
                ("pages", pages.to_string())
            ]
        )
    );
    let nobody = tr.get("agent-nobody");
    let rows = page
        .items
        .into_iter()
        .map(|item| {
            let t = &item.ticket;
            let number = t.number().to_string();
            Row {
                href: ticket_href(&number),
                number,
                subject: t.subject.clone(),
                status: t.status.as_str(),
                status_label: tr.word("status", t.status.as_str()),
                priority: t.priority.as_str(),
                priority_label: tr.word("priority", t.priority.as_str()),
                requester: item.requester,
                group: item.group.unwrap_or_else(|| nobody.clone()),
                assignee: item.assignee.unwrap_or_else(|| nobody.clone()),
                updated: tr.datetime(&t.updated_at),
                updated_iso: tr.iso(&t.updated_at),
            }
        })
        .collect();
    Results {
        t: tr.clone(),
        summary,
        heads: heads(tr, &base, &shown),
        rows,
        prev: (page.page > 1).then(|| href(&base, &f.on_page(page.page - 1).all_pairs())),
        next: (page.page < pages).then(|| href(&base, &f.on_page(page.page + 1).all_pairs())),
        clear: (f.active() > 0).then_some(base),
    }
}

/// The filter form's choices; what cannot be loaded (agents, for a reader who may not list
/// users) simply offers fewer choices.
async fn filter_form(
    state: &AppState,
    caller: &Caller,
    tr: &Tr,
    queue: Queue,
    key: &str,
    f: &Filters,
) -> FilterForm {
    let status_now = match f.status {
        StatusFilter::Open => String::new(),
        StatusFilter::Any => "any".into(),
        StatusFilter::One(s) => s.as_str().into(),
    };
    let mut status = vec![
        Choice::new("", tr.get("agent-filter-open"), &status_now),
        Choice::new("any", tr.get("agent-filter-any-status"), &status_now),
    ];
    status.extend(
        Status::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), tr.word("status", s.as_str()), &status_now)),
    );
    let any = tr.get("agent-filter-any");
    let priority_now = f.priority.map(|p| p.as_str()).unwrap_or("");
    let mut priority = vec![Choice::new("", any.clone(), priority_now)];
    priority.extend(
        Priority::ALL
            .iter()
            .map(|p| Choice::new(p.as_str(), tr.word("priority", p.as_str()), priority_now)),
    );
    let category_now = f.category.map(|c| c.0.to_string()).unwrap_or_default();
    let mut category = vec![Choice::new("", any.clone(), &category_now)];
    if let Ok(rows) = state.app.categories().await {
        category.extend(
            category_tree(&rows)
                .into_iter()
                .map(|(id, name)| Choice::new(id.to_string(), name, &category_now)),
        );
    }
    let group_now = match f.group {
        GroupFilter::Any => String::new(),
        GroupFilter::Nobody => "none".into(),
        GroupFilter::One(g) => g.0.to_string(),
    };
    let mut group = vec![
        Choice::new("", any.clone(), &group_now),
        Choice::new("none", tr.get("agent-filter-no-group"), &group_now),
    ];
    if let Ok(groups) = state.app.list_groups(caller).await {
        group.extend(groups.into_iter().map(|g| {
            let label = format!("{} ({})", g.name, tr.arg("level-name", "level", g.level));
            Choice::new(g.id.to_string(), label, &group_now)
        }));
    }
    let assignee_now = match f.assignee {
        AssigneeFilter::Any => String::new(),
        AssigneeFilter::Me => "me".into(),
        AssigneeFilter::Nobody => "none".into(),
        AssigneeFilter::One(u) => u.0.to_string(),
    };
    let mut assignee = vec![
        Choice::new("", any.clone(), &assignee_now),
        Choice::new("me", tr.get("agent-filter-me"), &assignee_now),
        Choice::new("none", tr.get("agent-nobody"), &assignee_now),
    ];
    if let Ok((agents, _)) = state
        .app
        .users(caller, Some(UserKind::Agent), None, 1, 500)
        .await
    {
        assignee.extend(
            agents
                .into_iter()
                .filter(|u| u.active && u.id != caller.user.id)
                .map(|u| Choice::new(u.id.to_string(), u.display_name, &assignee_now)),
        );
    }
    let level_now = f.level.map(|l| l.get().to_string()).unwrap_or_default();
    let mut level = vec![Choice::new("", any.clone(), &level_now)];
    let mut l = Some(SupportLevel::HOTLINE);
    while let Some(lv) = l {
        level.push(Choice::new(
            lv.get().to_string(),
            tr.arg("level-name", "level", lv.get()),
            &level_now,
        ));
        l = lv.next();
    }
    let kind_now = f.kind.map(|k| k.as_str()).unwrap_or("");
    let mut kind = vec![Choice::new("", any, kind_now)];
    kind.extend(
        TicketType::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), tr.word("type", k.as_str()), kind_now)),
    );
    let per_page_now = f.per_page.to_string();
    FilterForm {
        action: format!("/agent/queues/{key}"),
        status,
        show_status: !queue.fixes_status(),
        priority,
        category,
        group,
        assignee,
        show_assignee: !queue.fixes_assignee(),
        level,
        show_level: !queue.fixes_level(),
        kind,
        text: f.text.clone(),
        per_page: PER_PAGE_CHOICES
            .iter()
            .map(|n| Choice::new(n.to_string(), n.to_string(), &per_page_now))
            .collect(),
        sort: if f.sort == SortKey::default() {
            String::new()
        } else {
            f.sort.param()
        },
        active: f.active(),
    }
}

/// GET /agent/queues/{queue}
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(key): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let queue = match queue_for(&viewer, &key) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let tr = &viewer.tr;
    let key = queue.key();
    let (filters, error) = match Filters::parse(raw.as_deref()) {
        Ok(f) => (f, None),
        Err(e) => (Filters::default(), Some(filter_message(tr, &e))),
    };
    let mut stamp = String::new();
    let mut r = None;
    let mut shown_page = 1;
    if error.is_none() {
        let me = viewer.caller.id();
        // The latest change is read before the rows: a change in between then shows up as a
        // new stamp on the next poll instead of being missed. The count is the page's own
        // total, so the queue is counted once.
        let latest = match state.app.desk_latest_change(&viewer.caller).await {
            Ok(l) => l,
            Err(e) => return PageError::from_app(e, tr).into_response(),
        };
        match state
            .app
            .queue(&viewer.caller, queue, filters.to_query(me))
            .await
        {
            Ok(p) => {
                shown_page = p.page;
                stamp = escalade_app::tickets::queues::stamp_text(p.total, latest);
                r = Some(results(tr, &key, &filters, p));
            }
            Err(e) => return PageError::from_app(e, tr).into_response(),
        }
    }
    let title = queue_label(tr, queue);
    let template = QueuePageTemplate {
        c: viewer.chrome(title.clone()),
        form: filter_form(&state, &viewer.caller, tr, queue, &key, &filters).await,
        tabs: Queue::every()
            .into_iter()
            .map(|q| Tab {
                key: q.key(),
                label: queue_label(tr, q),
                current: q == queue,
            })
            .collect(),
        stamp_url: href(
            &format!("/agent/queues/{key}/stamp"),
            &filters.filter_pairs(),
        ),
        rows_url: href(
            &format!("/agent/queues/{key}/rows"),
            &filters.on_page(shown_page).all_pairs(),
        ),
        stamp,
        refresh_seconds: REFRESH_SECONDS,
        key,
        title,
        error,
        r,
    };
    let mut res = render(&template);
    if template.error.is_some() {
        *res.status_mut() = StatusCode::BAD_REQUEST;
    }
    res
}

/// GET /agent/queues/{queue}/stamp: the queue's change stamp as plain text. These two
/// addresses are read by script: an ended session answers 401 rather than the login page, so
/// that the login form never lands inside the table.
pub async fn stamp(
    State(state): State<AppState>,
    who: MaybeViewer,
    Path(key): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(viewer) = who.viewer else {
        return plain(StatusCode::UNAUTHORIZED, who.tr.get("agent-session-ended"));
    };
    let queue = match queue_for(&viewer, &key) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let filters = match Filters::parse(raw.as_deref()) {
        Ok(f) => f,
        Err(e) => return plain(StatusCode::BAD_REQUEST, filter_message(&viewer.tr, &e)),
    };
    match state
        .app
        .queue_stamp(&viewer.caller, queue, filters.to_query(viewer.caller.id()))
        .await
    {
        Ok(s) => plain(StatusCode::OK, s),
        Err(e) => {
            let (status, message) = refusal(&e, &viewer.tr);
            plain(status, message)
        }
    }
}

/// GET /agent/queues/{queue}/rows: the total, table and pager alone, for live refresh.
pub async fn rows(
    State(state): State<AppState>,
    who: MaybeViewer,
    Path(key): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(viewer) = who.viewer else {
        return plain(StatusCode::UNAUTHORIZED, who.tr.get("agent-session-ended"));
    };
    let queue = match queue_for(&viewer, &key) {
        Ok(q) => q,
        Err(e) => return e.into_response(),
    };
    let tr = &viewer.tr;
    let filters = match Filters::parse(raw.as_deref()) {
        Ok(f) => f,
        Err(e) => return plain(StatusCode::BAD_REQUEST, filter_message(tr, &e)),
    };
    let page = match state
        .app
        .queue(&viewer.caller, queue, filters.to_query(viewer.caller.id()))
        .await
    {
        Ok(p) => p,
        Err(e) => {
            let (status, message) = refusal(&e, tr);
            return plain(status, message);
        }
    };
    let fragment = RowsTemplate {
        r: Some(results(tr, &queue.key(), &filters, page)),
    };
    match fragment.render() {
        Ok(body) => ([(header::CACHE_CONTROL, "no-store")], Html(body)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "queue rows failed");
            plain(StatusCode::INTERNAL_SERVER_ERROR, tr.get("error-internal"))
        }
    }
}
