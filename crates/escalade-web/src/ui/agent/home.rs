//! The agent's home page: their own counts (open tickets assigned to them, their groups'
//! unassigned tickets, tickets escalated to them), each a card that opens its queue, and the
//! list of every queue. It also confirms a hand-over that took a ticket out of the agent's
//! reach (`?handed_over=<number>`, from the ticket page's forms).

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use escalade_app::tickets::queues::{Queue, QueueCounts};

use super::queue_label;
use crate::state::AppState;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// One of the agent's groups, as the home page names it.
struct GroupLine {
    name: String,
    level: String,
}

#[derive(Template)]
#[template(path = "agent/home.html")]
struct HomePage {
    c: Chrome,
    counts: QueueCounts,
    groups: Vec<GroupLine>,
    queues: Vec<(String, String)>,
}

/// The confirmation the ticket page's forms may send here.
#[derive(serde::Deserialize)]
pub struct HomeQuery {
    handed_over: Option<String>,
}

/// A ticket number as the flash may repeat it: nothing else is echoed from the address.
fn plausible_number(n: &str) -> bool {
    !n.is_empty() && n.len() <= 32 && n.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// GET /agent
pub async fn home(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<HomeQuery>,
) -> Response {
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let counts = match state.app.queue_counts(&viewer.caller).await {
        Ok(c) => c,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let groups = match state.app.user_groups(viewer.caller.id()).await {
        Ok(g) => g,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let flash = q
        .handed_over
        .filter(|n| plausible_number(n))
        .map(|n| tr.arg("agent-saved-handed-over", "number", n));
    render(&HomePage {
        c: viewer.chrome(tr.get("agent-home-title")).with_flash(flash),
        counts,
        groups: groups
            .into_iter()
            .map(|g| GroupLine {
                name: g.name,
                level: tr.arg("level-name", "level", g.level),
            })
            .collect(),
        queues: Queue::every()
            .into_iter()
            .map(|q| (q.key(), queue_label(tr, q)))
            .collect(),
    })
}
