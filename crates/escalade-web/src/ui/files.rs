//! Attachments downloaded from the web UI with the session, under the same visibility rules as
//! the API: a file on a ticket the viewer may not see, or an internal file shown to a
//! requester, is not found.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

use super::page::PageError;
use super::session::Viewer;
use crate::state::AppState;

/// GET /files/{id}
pub async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return PageError::not_found(&viewer.tr).into_response();
    };
    match state.app.download(&viewer.caller, id).await {
        Ok(d) => crate::download::file_response(d),
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}
