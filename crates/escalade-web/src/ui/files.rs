//! Attachments (and the originals of inbound mail) downloaded from the web UI with the
//! session, under the same visibility rules as the API: a file on a ticket the viewer may not
//! see, or an internal file shown to a requester, is not found.

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

/// GET /mail/{id}/raw: the original of an inbound message, for those who may read the
/// internal side of its ticket (administrators for messages on no ticket).
pub async fn raw_mail(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return PageError::not_found(&viewer.tr).into_response();
    };
    match state.app.inbound_raw(&viewer.caller, id).await {
        Ok(m) => crate::download::bytes_response(
            &format!("message-{id}.eml"),
            "message/rfc822",
            &m.row.sha256,
            m.raw,
        ),
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}
