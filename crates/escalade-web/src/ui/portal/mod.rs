//! The self-service portal for requesters under `/portal`: their requests (`list`), a new
//! request with attachments (`new`), and one request with its public conversation, replies,
//! files, and the confirm-or-reopen decision once it is resolved (`ticket`); the knowledge
//! base for requesters: suggestions while typing, articles, deflection, search (`kb`).
//!
//! Pages are built for people who come once a month: plain words, one obvious way to ask for
//! help, the state of a request in a sentence. Agents have their console and are sent there.
//! Everything goes through the service layer, which decides what the viewer may see: a ticket
//! out of reach is "not found", worded exactly as a missing one.

mod actions;
mod kb;
mod list;
mod new;
mod ticket;
mod words;

use axum::Router;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::session::Viewer;
use crate::state::AppState;

/// The portal's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/portal", get(list::page))
        .route("/portal/new", get(new::page).post(new::submit))
        .route("/portal/new/suggestions", get(kb::suggestions))
        .route("/portal/kb", get(kb::list))
        .route("/portal/kb/{id}", get(kb::article))
        .route("/portal/kb/{id}/vote", post(kb::vote))
        .route("/portal/kb/{id}/solved", post(kb::solved))
        .route("/portal/tickets/{number}", get(ticket::page))
        .route("/portal/tickets/{number}/reply", post(actions::reply))
        .route("/portal/tickets/{number}/confirm", post(actions::confirm))
        .route("/portal/tickets/{number}/reopen", post(actions::reopen))
        .route(
            "/portal/tickets/{number}/attachments",
            post(actions::upload),
        )
}

/// Agents work from their console: the portal sends them to its matching page (303), so that
/// a link a requester forwarded still lands somewhere useful.
fn agents_to_console(viewer: &Viewer, console_path: &str) -> Option<Response> {
    viewer
        .caller
        .is_agent()
        .then(|| Redirect::to(console_path).into_response())
}

/// The address of a request's page (by its canonical number, so that nothing typed in the
/// address ends up in a header), optionally with a confirmation to show.
fn ticket_path(number: &str, saved: Option<&str>) -> String {
    let Ok(number) = escalade_app::tickets::parse_number(number) else {
        return "/portal".into();
    };
    match saved {
        Some(s) => format!("/portal/tickets/{number}?saved={s}"),
        None => format!("/portal/tickets/{number}"),
    }
}
