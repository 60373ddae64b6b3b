//! The web UI, rendered on the server: the agent console (`/agent`), the requesters'
//! self-service portal (`/portal`) and the administration (`/admin`), plus login, account and
//! the embedded assets. Pages call the same service layer as the API, so they check the same
//! permissions; forms work without script, and `assets/app.js` only makes them nicer.

pub mod account;
pub mod admin;
pub mod agent;
pub mod assets;
pub mod files;
pub mod form;
pub mod i18n;
pub mod knowledge;
pub mod page;
pub mod portal;
pub mod session;
pub mod sla;
pub mod ticket;

#[cfg(test)]
mod i18n_coverage;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono_tz::Tz;

use crate::state::AppState;

/// The UI's routes.
pub fn routes(max_attachment: usize) -> Router<AppState> {
    Router::new()
        .route("/", get(account::home))
        .route("/login", get(account::login_page).post(account::login))
        .route("/logout", post(account::logout))
        .route("/language", post(account::switch_language))
        .route("/account", get(account::account))
        .route("/account/password", post(account::change_password))
        .route("/account/preferences", post(account::change_preferences))
        .route("/assets/{name}", get(assets::asset))
        .route("/files/{id}", get(files::download))
        .route("/mail/{id}/raw", get(files::raw_mail))
        .merge(portal::routes())
        .merge(admin::routes())
        .merge(ticket::routes())
        .merge(agent::routes())
        .merge(sla::routes())
        .merge(knowledge::routes())
        // Forms with files carry at most a few attachments of the configured size.
        .layer(DefaultBodyLimit::max(
            max_attachment.saturating_mul(4) + (1 << 20),
        ))
}

/// The answer for an address that does not exist: a page for people, JSON under `/api`.
pub async fn not_found(headers: axum::http::HeaderMap, uri: axum::http::Uri) -> Response {
    if uri.path().starts_with("/api/") {
        return crate::error::ApiError::not_found("page").into_response();
    }
    let tr = i18n::Tr::new(session::anonymous_language(&headers), Tz::UTC);
    page::PageError::not_found(&tr).into_response()
}
