//! The agent console: the home page with the agent's own counts, the queues (tabs, filters,
//! sortable columns, paging, live refresh) and the form that opens a ticket on behalf of a
//! caller. The ticket page itself (`/agent/tickets/{number}`) lives elsewhere; these pages only
//! link to it. Every page is for agents only: anyone else gets the same 404 as for a page that
//! does not exist.

mod filters;
mod home;
mod new_form;
mod new_ticket;
mod queues;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use escalade_app::AppError;
use escalade_app::tickets::queues::Queue;

use super::i18n::Tr;
use super::page::app_error_text;
use crate::state::AppState;

/// The agent console's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent", get(home::home))
        .route("/agent/queues/{queue}", get(queues::page))
        .route("/agent/queues/{queue}/stamp", get(queues::stamp))
        .route("/agent/queues/{queue}/rows", get(queues::rows))
        .route("/agent/new", get(new_ticket::form).post(new_ticket::submit))
}

/// The address of a ticket's page in the console.
pub fn ticket_href(number: &str) -> String {
    format!("/agent/tickets/{number}")
}

/// A queue's name in the reader's language.
pub fn queue_label(tr: &Tr, queue: Queue) -> String {
    match queue {
        Queue::Mine => tr.get("agent-queue-mine"),
        Queue::MyGroups => tr.get("agent-queue-groups"),
        Queue::Unassigned => tr.get("agent-queue-unassigned"),
        Queue::Level(l) => tr.arg("agent-queue-level", "level", l.get()),
        Queue::Escalated => tr.get("agent-queue-escalated"),
        Queue::All => tr.get("agent-queue-all"),
    }
}

/// The status and sentence for a refusal on these pages. A missing permission names the
/// permission in the reader's language (the service layer's own sentence is English).
pub fn refusal(e: &AppError, tr: &Tr) -> (StatusCode, String) {
    match e {
        AppError::Forbidden { permission, .. } => (
            StatusCode::FORBIDDEN,
            tr.arg("agent-forbidden", "permission", permission),
        ),
        other => app_error_text(other, tr),
    }
}

/// A choice of a `<select>`: value, text, whether it is the current one.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The submitted value.
    pub value: String,
    /// What the reader sees.
    pub label: String,
    /// Whether it is selected.
    pub selected: bool,
}

impl Choice {
    /// A choice selected when `value == current`.
    pub fn new(value: impl Into<String>, label: impl Into<String>, current: &str) -> Choice {
        let value = value.into();
        let selected = value == current;
        Choice {
            value,
            label: label.into(),
            selected,
        }
    }
}

/// The category tree in reading order, each name indented by its depth (non-breaking spaces,
/// which a `<select>` keeps). A category whose parent is not listed starts a branch.
pub fn category_tree(rows: &[escalade_store::directory::CategoryRow]) -> Vec<(i64, String)> {
    use std::collections::HashMap;
    let ids: std::collections::HashSet<i64> = rows.iter().map(|r| r.id).collect();
    let mut children: HashMap<Option<i64>, Vec<&escalade_store::directory::CategoryRow>> =
        HashMap::new();
    for r in rows {
        let parent = r.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(r);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let mut out = Vec::new();
    // Depth-first without recursion; a parent loop in bad data cannot run forever because each
    // id is emitted once.
    let mut stack: Vec<(usize, &escalade_store::directory::CategoryRow)> = children
        .get(&None)
        .map(|l| l.iter().rev().map(|r| (0, *r)).collect())
        .unwrap_or_default();
    let mut seen = std::collections::HashSet::new();
    while let Some((depth, r)) = stack.pop() {
        if !seen.insert(r.id) {
            continue;
        }
        out.push((
            r.id,
            format!("{}{}", "\u{a0}\u{a0}\u{a0}".repeat(depth), r.name),
        ));
        if let Some(kids) = children.get(&Some(r.id)) {
            stack.extend(kids.iter().rev().map(|k| (depth + 1, *k)));
        }
    }
    out
}
