//! The REST API under `/api/v1`: one file per resource, all thin over the service layer.

pub mod dto;
pub mod tickets;
pub mod tokens;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, post};

use crate::state::AppState;

/// The `/api/v1` routes.
pub fn routes(max_attachment: usize) -> Router<AppState> {
    Router::new()
        .route("/auth/tokens", post(tokens::login))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", delete(tokens::revoke))
        .route("/tickets", get(tickets::list).post(tickets::create))
        .route("/tickets/{number}", get(tickets::get).patch(tickets::patch))
        .route("/tickets/{number}/comments", post(tickets::comment))
        .route("/tickets/{number}/escalations", post(tickets::escalate))
        .route("/tickets/{number}/take", post(tickets::take))
        .route("/tickets/{number}/journal", get(tickets::journal))
        .route("/tickets/{number}/watchers", post(tickets::add_watcher))
        .route(
            "/tickets/{number}/watchers/{user_id}",
            delete(tickets::remove_watcher),
        )
        .route(
            "/tickets/{number}/attachments",
            get(tickets::attachments)
                .post(tickets::upload)
                .layer(DefaultBodyLimit::max(max_attachment + 1024)),
        )
        .route("/attachments/{id}", get(tickets::download))
}
