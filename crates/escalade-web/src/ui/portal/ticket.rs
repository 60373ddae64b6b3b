//! GET /portal/tickets/{number}: one request as its requester sees it: where it stands in a
//! sentence, its facts, the conversation, the public files, and the forms that apply to its
//! state (reply and add files while it is worked on; confirm or reopen once resolved; nothing
//! once closed).
//!
//! The conversation is the service layer's journal for this reader, which for a requester holds
//! public entries only. The page filters once more by kind, so that an internal note, an
//! escalation hand-over or a change of hands could never show here even if an entry were ever
//! stored public by mistake.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::tickets::{EntryView, TicketDetail};
use escalade_core::journal::EntryKind;
use serde::Deserialize;

use super::agents_to_console;
use super::words::{category_paths, state_sentence};
use crate::state::AppState;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// The most journal entries read per call to the service layer.
const JOURNAL_BATCH: i64 = 1000;

/// A form on the page that was refused, to show again with its message and what was typed.
pub enum Problem {
    /// The reply form.
    Reply { message: String, text: String },
    /// Confirm or reopen.
    Decision { message: String, reason: String },
    /// The upload form.
    Upload { message: String },
}

/// One entry of the conversation, ready to show.
pub struct EntryRow {
    id: i64,
    kind: String,
    headline: String,
    body: String,
    when: String,
    when_iso: String,
    file: Option<(i64, String)>,
}

/// One public attachment.
pub struct FileRow {
    id: i64,
    name: String,
    size: String,
    when: String,
    when_iso: String,
}

#[derive(Template)]
#[template(path = "portal/ticket.html")]
struct TicketPage {
    c: Chrome,
    number: String,
    subject: String,
    description: String,
    status: String,
    status_word: String,
    state: String,
    priority: String,
    priority_word: String,
    kind_word: String,
    category: String,
    created: String,
    created_iso: String,
    updated: String,
    updated_iso: String,
    entries: Vec<EntryRow>,
    description_in_timeline: bool,
    files: Vec<FileRow>,
    can_reply: bool,
    can_decide: bool,
    can_upload: bool,
    finished: bool,
    limit_text: String,
    reply_error: Option<String>,
    reply_text: String,
    decision_error: Option<String>,
    reason_text: String,
    upload_error: Option<String>,
}

/// `?saved=` (and the files a new request could not keep).
#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
    unattached: Option<String>,
}

/// The agent console's page for a ticket, for an agent who followed a portal link.
pub fn console_path(number: &str) -> String {
    match escalade_app::tickets::parse_number(number) {
        Ok(n) => format!("/agent/tickets/{n}"),
        Err(_) => "/agent".into(),
    }
}

/// GET /portal/tickets/{number}
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Response {
    if let Some(to) = agents_to_console(&viewer, &console_path(&number)) {
        return to;
    }
    let tr = &viewer.tr;
    let detail = match state.app.ticket(&viewer.caller, &number).await {
        Ok(d) => d,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    // One address per request: `inc-1` or a wrong prefix lands on the canonical number.
    let canonical = detail.ticket.number().to_string();
    if canonical != number {
        return Redirect::to(&super::ticket_path(&canonical, None)).into_response();
    }
    let flash = match q.saved.as_deref() {
        Some("created") => Some(match q.unattached.as_deref() {
            Some(files) if !files.is_empty() => tr.args(
                "portal-flash-created-partial",
                &[("number", canonical.clone()), ("files", files.to_string())],
            ),
            _ => tr.arg("portal-flash-created", "number", &canonical),
        }),
        Some("replied") => Some(tr.get("portal-flash-replied")),
        Some("confirmed") => Some(tr.get("portal-flash-confirmed")),
        Some("reopened") => Some(tr.get("portal-flash-reopened")),
        Some("attached") => Some(tr.get("portal-flash-attached")),
        _ => None,
    };
    show(&state, &viewer, detail, flash, None, StatusCode::OK).await
}

/// Renders the page of a ticket already loaded for this viewer, with a refused form if any.
pub async fn show(
    state: &AppState,
    viewer: &Viewer,
    detail: TicketDetail,
    flash: Option<String>,
    problem: Option<Problem>,
    status: StatusCode,
) -> Response {
    let tr = &viewer.tr;
    let t = &detail.ticket;
    let number = t.number().to_string();
    let journal = match whole_journal(state, viewer, &number).await {
        Ok(j) => j,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let attachments = match state.app.attachments(&viewer.caller, &number).await {
        Ok(a) => a,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let categories = match state.app.categories().await {
        Ok(c) => category_paths(tr, &c),
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    // Only public files, whatever the reader's permissions (defence in depth, as for entries).
    let attachments: Vec<_> = attachments.into_iter().filter(|a| a.public).collect();
    let file_of_entry: HashMap<i64, (i64, String)> = attachments
        .iter()
        .filter_map(|a| a.journal_id.map(|j| (j, (a.id, a.file_name.clone()))))
        .collect();
    let me = viewer.caller.id().0;
    let mut entries: Vec<EntryRow> = journal
        .iter()
        .filter_map(|e| entry_row(tr, e, me, &file_of_entry))
        .collect();
    // The description is what the requester said when opening: it reads as the first message.
    let opening = entries.iter_mut().find(|e| e.kind == "created");
    let description_in_timeline = opening.is_some();
    if let Some(e) = opening {
        e.body = t.description.clone();
    }
    let files = attachments
        .iter()
        .map(|a| FileRow {
            id: a.id,
            name: a.file_name.clone(),
            size: size_text(tr, a.size),
            when: tr.datetime(&a.created_at),
            when_iso: tr.iso(&a.created_at),
        })
        .collect();
    let can_decide = state.app.may_decide_resolution(&viewer.caller, &detail);
    let finished = t.status.is_final();
    let (mut reply_error, mut reply_text) = (None, String::new());
    let (mut decision_error, mut reason_text) = (None, String::new());
    let mut upload_error = None;
    match problem {
        Some(Problem::Reply { message, text }) => (reply_error, reply_text) = (Some(message), text),
        Some(Problem::Decision { message, reason }) => {
            (decision_error, reason_text) = (Some(message), reason)
        }
        Some(Problem::Upload { message }) => upload_error = Some(message),
        None => {}
    }
    let limit_mib = state.app.config.max_attachment_bytes.div_ceil(1024 * 1024);
    let mut res = render(&TicketPage {
        c: viewer
            .chrome(format!("{number} · {}", t.subject))
            .with_flash(flash),
        number,
        subject: t.subject.clone(),
        description: t.description.clone(),
        status: t.status.as_str().into(),
        status_word: tr.word("status", t.status.as_str()),
        state: state_sentence(tr, t.status),
        priority: t.priority.as_str().into(),
        priority_word: tr.word("priority", t.priority.as_str()),
        kind_word: tr.word("type", t.kind.as_str()),
        category: t
            .category
            .and_then(|c| categories.get(&c.0).cloned())
            .unwrap_or_else(|| tr.get("portal-no-category")),
        created: tr.datetime(&t.created_at),
        created_iso: tr.iso(&t.created_at),
        updated: tr.datetime(&t.updated_at),
        updated_iso: tr.iso(&t.updated_at),
        entries,
        description_in_timeline,
        files,
        // A resolved request of one's own is answered by confirming or reopening (a reason is
        // a reply); a colleague following it may still write.
        can_reply: !finished && !can_decide,
        can_decide,
        can_upload: !finished,
        finished,
        limit_text: tr.arg("portal-files-limit", "limit", limit_mib),
        reply_error,
        reply_text,
        decision_error,
        reason_text,
        upload_error,
    });
    *res.status_mut() = status;
    res
}

/// The whole journal as this viewer may see it, read in batches.
async fn whole_journal(
    state: &AppState,
    viewer: &Viewer,
    number: &str,
) -> Result<Vec<EntryView>, escalade_app::AppError> {
    let mut all: Vec<EntryView> = Vec::new();
    loop {
        let after = all.last().map(|e| e.id).unwrap_or(0);
        let batch = state
            .app
            .journal(&viewer.caller, number, after, JOURNAL_BATCH)
            .await?;
        let done = (batch.len() as i64) < JOURNAL_BATCH;
        all.extend(batch);
        if done {
            return Ok(all);
        }
    }
}

/// The kinds of entry a requester is ever shown.
fn shown_to_requesters(kind: EntryKind) -> bool {
    matches!(
        kind,
        EntryKind::Created
            | EntryKind::PublicReply
            | EntryKind::EmailIn
            | EntryKind::EmailOut
            | EntryKind::FieldChange
            | EntryKind::Attachment
    )
}

fn entry_row(
    tr: &Tr,
    e: &EntryView,
    me: i64,
    file_of_entry: &HashMap<i64, (i64, String)>,
) -> Option<EntryRow> {
    let kind = EntryKind::parse(&e.kind)?;
    if !e.public || !shown_to_requesters(kind) {
        return None;
    }
    let who = match (e.author_id, &e.author_name) {
        (Some(id), _) if id == me => tr.get("portal-you"),
        (_, Some(name)) => name.clone(),
        _ => tr.get("portal-someone"),
    };
    let mut body = e.body.clone();
    let mut file = None;
    let headline = match kind {
        EntryKind::Created => tr.arg("portal-entry-created", "name", &who),
        EntryKind::PublicReply => tr.arg("portal-entry-reply", "name", &who),
        EntryKind::EmailIn => tr.arg("portal-entry-email-in", "name", &who),
        EntryKind::EmailOut => tr.arg("portal-entry-email-out", "name", &who),
        EntryKind::FieldChange => {
            // Only the status is ever shown; an entry without a status change says nothing.
            let change = e.data["changes"]
                .as_array()?
                .iter()
                .find(|c| c["field"] == "status")?;
            let word = |v: &serde_json::Value| {
                v.as_str().map(|s| tr.word("status", s)).unwrap_or_default()
            };
            match e.data["reason"].as_str() {
                Some("requester_confirmed") => tr.arg("portal-entry-confirmed", "name", &who),
                Some("requester_reopened") => tr.arg("portal-entry-reopened", "name", &who),
                _ => tr.args(
                    "portal-entry-status",
                    &[
                        ("name", who.clone()),
                        ("from", word(&change["from"])),
                        ("to", word(&change["to"])),
                    ],
                ),
            }
        }
        EntryKind::Attachment => {
            file = file_of_entry.get(&e.id).cloned();
            // A file this reader may not download is not announced either.
            file.as_ref()?;
            let name = std::mem::take(&mut body);
            tr.args(
                "portal-entry-attachment",
                &[("name", who.clone()), ("file", name)],
            )
        }
        _ => return None,
    };
    Some(EntryRow {
        id: e.id,
        kind: e.kind.clone(),
        headline,
        body,
        when: tr.datetime(&e.created_at),
        when_iso: tr.iso(&e.created_at),
        file,
    })
}

/// A file size in words (`12 KB`).
fn size_text(tr: &Tr, bytes: i64) -> String {
    if bytes < 1024 {
        tr.arg("portal-size-bytes", "n", bytes)
    } else if bytes < 1024 * 1024 {
        tr.arg("portal-size-kb", "n", (bytes + 1023) / 1024)
    } else {
        tr.arg(
            "portal-size-mb",
            "n",
            format!("{:.1}", bytes as f64 / 1048576.0),
        )
    }
}
