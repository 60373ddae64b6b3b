//! The forms of a request's page: reply, add files, and, once resolved, confirm the resolution
//! or reopen with a reason. Each posts, then redirects (303) to the page with a confirmation;
//! a refusal shows the page again with the message beside the form and what was typed (422,
//! or the refusal's own status). A ticket out of reach is "not found", as on the page itself.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::journal::CommentKind;
use serde::Deserialize;

use super::ticket::{Problem, console_path, show};
use super::words::refusal;
use super::{agents_to_console, ticket_path};
use crate::state::AppState;
use crate::ui::account::EmptyForm;
use crate::ui::form::{Posted, PostedFiles};
use crate::ui::page::PageError;
use crate::ui::session::Viewer;

/// Shows the page again with a refused form; a ticket that cannot be read is not found.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    number: &str,
    e: &AppError,
    problem: impl FnOnce(String) -> Problem,
) -> Response {
    let tr = &viewer.tr;
    if matches!(e, AppError::NotFound(_)) {
        return PageError::not_found(tr).into_response();
    }
    let detail = match state.app.ticket(&viewer.caller, number).await {
        Ok(d) => d,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let (status, message) = refusal(tr, e);
    show(state, viewer, detail, None, Some(problem(message)), status).await
}

/// The reply form.
#[derive(Deserialize)]
pub struct ReplyForm {
    body: String,
}

/// POST /portal/tickets/{number}/reply
pub async fn reply(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<ReplyForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if let Some(to) = agents_to_console(&viewer, &console_path(&number)) {
        return to;
    }
    match state
        .app
        .comment(&viewer.caller, &number, CommentKind::Public, &form.body)
        .await
    {
        Ok(_) => Redirect::to(&ticket_path(&number, Some("replied"))).into_response(),
        Err(e) => {
            refused(&state, &viewer, &number, &e, |message| Problem::Reply {
                message,
                text: form.body.clone(),
            })
            .await
        }
    }
}

/// POST /portal/tickets/{number}/confirm
pub async fn confirm(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<EmptyForm>,
) -> Response {
    let viewer = posted.viewer;
    if let Some(to) = agents_to_console(&viewer, &console_path(&number)) {
        return to;
    }
    match state.app.confirm_resolution(&viewer.caller, &number).await {
        Ok(_) => Redirect::to(&ticket_path(&number, Some("confirmed"))).into_response(),
        Err(e) => {
            refused(&state, &viewer, &number, &e, |message| Problem::Decision {
                message,
                reason: String::new(),
            })
            .await
        }
    }
}

/// The reopen form.
#[derive(Deserialize)]
pub struct ReopenForm {
    reason: String,
}

/// POST /portal/tickets/{number}/reopen
pub async fn reopen(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<ReopenForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if let Some(to) = agents_to_console(&viewer, &console_path(&number)) {
        return to;
    }
    match state
        .app
        .reopen_ticket(&viewer.caller, &number, &form.reason)
        .await
    {
        Ok(_) => Redirect::to(&ticket_path(&number, Some("reopened"))).into_response(),
        Err(e) => {
            refused(&state, &viewer, &number, &e, |message| Problem::Decision {
                message,
                reason: form.reason.clone(),
            })
            .await
        }
    }
}

/// POST /portal/tickets/{number}/attachments: one or several public files. Sizes are checked
/// before any file is stored, so a refused form stores nothing.
pub async fn upload(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: PostedFiles,
) -> Response {
    let viewer = &posted.viewer;
    if let Some(to) = agents_to_console(viewer, &console_path(&number)) {
        return to;
    }
    let tr = &viewer.tr;
    let limit = state.app.config.max_attachment_bytes;
    let problem = |message| Problem::Upload { message };
    if posted.files.is_empty() {
        let e = AppError::invalid("files", "required", "choose a file");
        let message = tr.get("portal-error-no-file");
        return refused(&state, viewer, &number, &e, |_| problem(message)).await;
    }
    if let Some(big) = posted.files.iter().find(|f| f.bytes.len() > limit) {
        // Refused as a form error (422), like every refused form, before anything is stored.
        let e = AppError::invalid("files", "too_large", "a file is over the size limit");
        let message = tr.args(
            "portal-error-file-too-large",
            &[
                ("name", big.file_name.clone()),
                ("limit", limit.div_ceil(1024 * 1024).to_string()),
            ],
        );
        return refused(&state, viewer, &number, &e, |_| problem(message)).await;
    }
    let mut stored = Vec::new();
    for f in &posted.files {
        let res = state
            .app
            .attach(
                &viewer.caller,
                &number,
                &f.file_name,
                &f.media_type,
                true,
                f.bytes.to_vec(),
            )
            .await;
        if let Err(e) = res {
            // Say exactly which files were kept before the refusal, so none is lost unseen.
            let prefix = if stored.is_empty() {
                String::new()
            } else {
                tr.arg("portal-files-kept", "files", stored.join(", ")) + " "
            };
            let name = f.file_name.clone();
            return refused(&state, viewer, &number, &e, |m| {
                problem(format!(
                    "{prefix}{}",
                    tr.args("portal-error-file", &[("name", name), ("reason", m)])
                ))
            })
            .await;
        }
        stored.push(f.file_name.clone());
    }
    Redirect::to(&ticket_path(&number, Some("attached"))).into_response()
}
