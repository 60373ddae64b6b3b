//! The agent's home page: their own counts (open tickets assigned to them, their groups'
//! unassigned tickets, tickets escalated to them), each a card that opens its queue, and the
//! list of every queue.

use askama::Template;
use axum::extract::State;
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

/// GET /agent
pub async fn home(State(state): State<AppState>, viewer: Viewer) -> Response {
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
    render(&HomePage {
        c: viewer.chrome(tr.get("agent-home-title")),
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
