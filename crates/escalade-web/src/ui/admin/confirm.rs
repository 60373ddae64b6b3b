//! The confirmation step before deleting something in the administration: a page that names
//! what goes and posts (with the form token) to the delete route, or goes back. Deleting never
//! happens on a plain link.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

use super::render_status;
use crate::ui::page::Chrome;
use crate::ui::session::Viewer;

#[derive(Template)]
#[template(path = "admin/confirm_delete.html")]
struct ConfirmPage {
    c: Chrome,
    question: String,
    action: String,
    back: String,
}

/// The confirmation form's fields: only the token, which `Posted` checks.
#[derive(Deserialize, Default)]
pub struct Confirmed {}

/// Asks `question`; confirming posts to `action`, cancelling goes to `back`.
pub fn confirm_page(viewer: &Viewer, question: &str, action: String, back: String) -> Response {
    render_status(
        &ConfirmPage {
            c: viewer.chrome(viewer.tr.get("admin-delete-title")),
            question: question.to_string(),
            action,
            back,
        },
        StatusCode::OK,
    )
}
