//! GET and POST /portal/new: asking for help. The requester picks a category from the tree,
//! says what kind of request it is in plain words, writes a subject and a description, may say
//! how many people are affected and how urgent it is, and may attach files. The ticket comes
//! in through the portal channel.
//!
//! Attachments and the half-created ticket: every file's size is checked against the
//! configured limit *before* the ticket is opened, so a too-large file refuses the whole form
//! (422, everything typed kept) and nothing is created. Files are then attached one by one
//! after the ticket exists; should one still be refused there (a storage failure, a name the
//! service rejects), the ticket is kept and its page says clearly which files are missing, so
//! that the requester adds them from there. Nothing is ever dropped silently.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_app::tickets::OpenTicket;
use escalade_core::ids::CategoryId;
use escalade_core::ticket::{Channel, Impact, MAX_SUBJECT, NewTicket, TicketType, Urgency};

use super::agents_to_console;
use super::words::{
    CategoryOption, Choice, category_options, impact_choices, refusal, refused_field, type_choices,
    urgency_choices,
};
use crate::state::AppState;
use crate::ui::form::{PostedFiles, Upload};
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// What the requester typed, kept when the form is refused.
#[derive(Debug, Clone, Default)]
struct Typed {
    category: Option<i64>,
    kind: Option<TicketType>,
    subject: String,
    description: String,
    impact: Option<Impact>,
    urgency: Option<Urgency>,
}

/// A refused form: the message, the field it concerns, whether files had been chosen.
struct Refused {
    message: String,
    field: String,
    files_lost: bool,
    status: StatusCode,
}

#[derive(Template)]
#[template(path = "portal/new.html")]
struct NewPage {
    c: Chrome,
    categories: Vec<CategoryOption>,
    types: Vec<Choice>,
    impacts: Vec<Choice>,
    urgencies: Vec<Choice>,
    subject: String,
    description: String,
    max_subject: usize,
    limit_text: String,
    error: Option<String>,
    field: String,
    files_lost: bool,
    /// Articles that may answer what was typed (after "Look for an answer first").
    suggestions: Vec<super::kb::SuggestionLine>,
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    typed: &Typed,
    refused: Option<Refused>,
) -> Response {
    form_page_with(state, viewer, typed, refused, Vec::new()).await
}

async fn form_page_with(
    state: &AppState,
    viewer: &Viewer,
    typed: &Typed,
    refused: Option<Refused>,
    suggestions: Vec<super::kb::SuggestionLine>,
) -> Response {
    let tr = &viewer.tr;
    let categories = match state.app.categories().await {
        Ok(rows) => category_options(tr, &rows, typed.category),
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let limit_mib = state.app.config.max_attachment_bytes.div_ceil(1024 * 1024);
    let (error, field, files_lost, status) = match refused {
        Some(r) => (
            Some(r.message).filter(|m| !m.is_empty()),
            r.field,
            r.files_lost,
            r.status,
        ),
        None => (None, String::new(), false, StatusCode::OK),
    };
    let mut res = render(&NewPage {
        c: viewer.chrome(tr.get("portal-new-title")),
        categories,
        types: type_choices(tr, typed.kind.unwrap_or(TicketType::Incident)),
        impacts: impact_choices(tr, typed.impact),
        urgencies: urgency_choices(tr, typed.urgency),
        subject: typed.subject.clone(),
        description: typed.description.clone(),
        max_subject: MAX_SUBJECT,
        limit_text: tr.arg("portal-files-limit", "limit", limit_mib),
        error,
        field,
        files_lost,
        suggestions,
    });
    *res.status_mut() = status;
    res
}

/// GET /portal/new (`?subject=&description=`: the form filled again, on the way back from
/// a suggested article)
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(prefill): Query<super::kb::TypedQuery>,
) -> Response {
    if let Some(to) = agents_to_console(&viewer, "/agent/new") {
        return to;
    }
    let typed = Typed {
        subject: prefill.subject,
        description: prefill.description,
        ..Typed::default()
    };
    form_page(&state, &viewer, &typed, None).await
}

/// Reads the typed fields; a value no option of the form offers is refused, naming its field.
fn read_typed(posted: &PostedFiles) -> (Typed, Option<(&'static str, &'static str)>) {
    let text = |name: &str| posted.field(name).unwrap_or("").trim().to_string();
    let mut bad = None;
    let mut typed = Typed {
        subject: posted.field("subject").unwrap_or("").to_string(),
        description: posted.field("description").unwrap_or("").to_string(),
        ..Typed::default()
    };
    let category = text("category_id");
    if !category.is_empty() {
        match category.parse::<i64>() {
            Ok(id) => typed.category = Some(id),
            Err(_) => bad = Some(("category_id", "portal-error-category")),
        }
    }
    let kind = text("kind");
    if !kind.is_empty() {
        match TicketType::parse("kind", &kind) {
            Ok(k) => typed.kind = Some(k),
            Err(_) => bad = Some(("kind", "portal-error-choice")),
        }
    }
    let impact = text("impact");
    if !impact.is_empty() {
        match Impact::parse("impact", &impact) {
            Ok(i) => typed.impact = Some(i),
            Err(_) => bad = Some(("impact", "portal-error-choice")),
        }
    }
    let urgency = text("urgency");
    if !urgency.is_empty() {
        match Urgency::parse("urgency", &urgency) {
            Ok(u) => typed.urgency = Some(u),
            Err(_) => bad = Some(("urgency", "portal-error-choice")),
        }
    }
    (typed, bad)
}

/// The first file over the size limit, if any.
fn too_large(files: &[Upload], limit: usize) -> Option<&Upload> {
    files.iter().find(|f| f.bytes.len() > limit)
}

/// POST /portal/new
pub async fn submit(State(state): State<AppState>, posted: PostedFiles) -> Response {
    if let Some(to) = agents_to_console(&posted.viewer, "/agent/new") {
        return to;
    }
    let viewer = &posted.viewer;
    let tr = &viewer.tr;
    let (typed, bad) = read_typed(&posted);
    let files_lost = !posted.files.is_empty();
    let refuse = |status, message, field: &str| Refused {
        message,
        field: field.to_string(),
        files_lost,
        status,
    };
    if let Some((field, key)) = bad {
        let r = refuse(StatusCode::UNPROCESSABLE_ENTITY, tr.get(key), field);
        return form_page(&state, viewer, &typed, Some(r)).await;
    }
    // "Look for an answer first": the form again, with the articles that may answer it and
    // everything typed kept; nothing is opened.
    if posted.field("look").is_some() {
        let q = super::kb::TypedQuery {
            subject: typed.subject.clone(),
            description: typed.description.clone(),
            ..Default::default()
        };
        let suggestions = super::kb::suggestion_lines(&state, viewer, &q).await;
        let note = files_lost.then(|| Refused {
            message: String::new(),
            field: String::new(),
            files_lost,
            status: StatusCode::OK,
        });
        return form_page_with(&state, viewer, &typed, note, suggestions).await;
    }
    let limit = state.app.config.max_attachment_bytes;
    if let Some(big) = too_large(&posted.files, limit) {
        let message = tr.args(
            "portal-error-file-too-large",
            &[
                ("name", big.file_name.clone()),
                ("limit", limit.div_ceil(1024 * 1024).to_string()),
            ],
        );
        let r = refuse(StatusCode::UNPROCESSABLE_ENTITY, message, "files");
        return form_page(&state, viewer, &typed, Some(r)).await;
    }
    let request = OpenTicket {
        ticket: NewTicket {
            kind: typed.kind,
            subject: typed.subject.clone(),
            description: typed.description.clone(),
            channel: Some(Channel::Portal),
            category: typed.category.map(CategoryId),
            impact: typed.impact,
            urgency: typed.urgency,
            ..NewTicket::default()
        },
        watchers: Vec::new(),
    };
    let opened = match state.app.open_ticket(&viewer.caller, request).await {
        Ok(d) => d,
        Err(e) => {
            let (status, message) = refusal(tr, &e);
            let r = refuse(status, message, &refused_field(&e));
            return form_page(&state, viewer, &typed, Some(r)).await;
        }
    };
    let number = opened.ticket.number().to_string();
    let mut missing = Vec::new();
    for f in &posted.files {
        let attached = state
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
        if let Err(e) = attached {
            log_refused_file(&number, &f.file_name, &e);
            missing.push(f.file_name.clone());
        }
    }
    let saved = if missing.is_empty() {
        "created".to_string()
    } else {
        let names =
            serde_urlencoded::to_string([("unattached", missing.join(", "))]).unwrap_or_default();
        format!("created&{names}")
    };
    Redirect::to(&super::ticket_path(&number, Some(&saved))).into_response()
}

fn log_refused_file(number: &str, file: &str, e: &AppError) {
    tracing::warn!(ticket = number, file, error = %e, "a file sent with a new request was not attached");
}
