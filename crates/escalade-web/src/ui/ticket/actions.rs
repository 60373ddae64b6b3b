//! The ticket page's form handlers. Each checks that the viewer is an agent, turns the form
//! into one service-layer call (which checks the permission on the ticket), and answers with a
//! redirect back to the page on success or the page re-drawn with the refusal and what was
//! typed. A ticket out of reach is 404 whatever the form.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::ids::{CategoryId, GroupId, UserId};
use escalade_core::journal::CommentKind;
use escalade_core::ticket::{
    EscalationTarget, Impact, Priority, Status, SupportLevel, TicketPatch, Urgency,
};
use serde::Deserialize;

use super::super::account::EmptyForm;
use super::super::form::{Posted, PostedFiles};
use super::super::page::PageError;
use super::super::session::Viewer;
use super::controls::{Current, Draft, UpdateForm, refusal};
use super::redraw;
use crate::state::AppState;

/// A path parameter that may be a ticket number; anything else cannot name a ticket, and must
/// not reach a redirect's `Location`.
fn plausible(number: &str) -> bool {
    !number.is_empty()
        && number.len() <= 32
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Agents only, and only plausible numbers: otherwise the same 404 as a ticket out of reach.
/// Returns the refusal, if any.
pub(super) fn refuse(viewer: &Viewer, number: &str) -> Option<Response> {
    if let Err(e) = viewer.require_agent() {
        return Some(e.into_response());
    }
    (!plausible(number)).then(|| PageError::not_found(&viewer.tr).into_response())
}

/// Back to the page with a confirmation, at the anchor of what changed.
pub(super) fn back(number: &str, saved: &str, anchor: &str) -> Response {
    Redirect::to(&format!("/agent/tickets/{number}?saved={saved}#{anchor}")).into_response()
}

/// [`back`], unless the change took the ticket out of the viewer's reach: an agent who reaches
/// only their groups' tickets loses sight of one they escalate or move to another group, and
/// the page would answer "not found". Then to their desk, which confirms the hand-over.
async fn back_or_desk(
    state: &AppState,
    viewer: &Viewer,
    number: &str,
    saved: &str,
    anchor: &str,
) -> Response {
    match state.app.ticket(&viewer.caller, number).await {
        Err(AppError::NotFound(_)) => {
            Redirect::to(&format!("/agent?handed_over={number}")).into_response()
        }
        _ => back(number, saved, anchor),
    }
}

/// The page again with the refusal beside the form (a ticket out of reach stays a 404).
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    number: &str,
    form: &'static str,
    e: AppError,
    mut draft: Draft,
) -> Response {
    if matches!(e, AppError::NotFound(_)) {
        return PageError::from_app(e, &viewer.tr).into_response();
    }
    let (status, why) = refusal(form, &e, &viewer.tr);
    draft.refusal = Some(why);
    redraw(state, viewer, number, status, draft).await
}

/// A reply or a note.
#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
    /// For notes: `internal` (default) or `phone_call`.
    kind: Option<String>,
}

/// POST /agent/tickets/{number}/reply
pub async fn reply(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<CommentForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if let Some(r) = refuse(&viewer, &number) {
        return r;
    }
    match state
        .app
        .comment(&viewer.caller, &number, CommentKind::Public, &form.body)
        .await
    {
        Ok(entry) => back(&number, "reply", &format!("entry-{}", entry.id)),
        Err(e) => {
            let draft = Draft {
                reply: form.body,
                ..Draft::default()
            };
            refused(&state, &viewer, &number, "reply", e, draft).await
        }
    }
}

/// POST /agent/tickets/{number}/note: an internal note or the record of a phone call.
pub async fn note(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<CommentForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if let Some(r) = refuse(&viewer, &number) {
        return r;
    }
    let (kind, saved) = match form.kind.as_deref() {
        Some("phone_call") => (CommentKind::PhoneCall, "call"),
        _ => (CommentKind::Internal, "note"),
    };
    match state
        .app
        .comment(&viewer.caller, &number, kind, &form.body)
        .await
    {
        Ok(entry) => back(&number, saved, &format!("entry-{}", entry.id)),
        Err(e) => {
            let draft = Draft {
                note: form.body,
                note_kind: form.kind.unwrap_or_default(),
                ..Draft::default()
            };
            refused(&state, &viewer, &number, "note", e, draft).await
        }
    }
}

/// POST /agent/tickets/{number}/attachments (multipart): one or more files, public or
/// internal.
pub async fn attach(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: PostedFiles,
) -> Response {
    if let Some(r) = refuse(&posted.viewer, &number) {
        return r;
    }
    let visibility = posted.field("visibility").unwrap_or("public").to_string();
    let public = visibility != "internal";
    let draft = || Draft {
        attach_visibility: visibility.clone(),
        ..Draft::default()
    };
    let viewer = &posted.viewer;
    if posted.files.is_empty() {
        let e = AppError::invalid("file", "no_file", "choose a file to attach");
        return refused(&state, viewer, &number, "attach", e, draft()).await;
    }
    for file in &posted.files {
        if let Err(e) = state
            .app
            .attach(
                &viewer.caller,
                &number,
                &file.file_name,
                &file.media_type,
                public,
                file.bytes.to_vec(),
            )
            .await
        {
            return refused(&state, viewer, &number, "attach", e, draft()).await;
        }
    }
    back(&number, "attached", "attachments")
}

/// The value of a field when the agent changed it: compared with its value when the page was
/// drawn, or with the ticket's current value when the form did not say.
fn changed(new: &Option<String>, was: &Option<String>, current: &str) -> Option<String> {
    let new = new.as_deref()?.trim();
    let base = was.as_deref().unwrap_or(current).trim();
    (new != base).then(|| new.to_string())
}

fn optional_id(field: &str, v: &str) -> Result<Option<i64>, AppError> {
    if v.is_empty() {
        return Ok(None);
    }
    v.parse::<i64>()
        .map(Some)
        .map_err(|_| AppError::invalid(field, "unknown", format!("'{v}' is not a valid choice")))
}

/// The patch of what the agent changed in the change form.
fn patch_of(form: &UpdateForm, now: &Current) -> Result<TicketPatch, AppError> {
    let mut p = TicketPatch::default();
    if let Some(s) = changed(&form.status, &form.was_status, &now.status) {
        p.status = Some(Status::parse("status", &s)?);
    }
    if let Some(v) = changed(&form.priority, &form.was_priority, &now.priority) {
        p.priority = Some(match v.as_str() {
            "auto" => None,
            other => Some(Priority::parse("priority", other)?),
        });
    }
    if let Some(v) = changed(&form.impact, &form.was_impact, &now.impact) {
        p.impact = Some(Impact::parse("impact", &v)?);
    }
    if let Some(v) = changed(&form.urgency, &form.was_urgency, &now.urgency) {
        p.urgency = Some(Urgency::parse("urgency", &v)?);
    }
    if let Some(v) = changed(&form.category, &form.was_category, &now.category) {
        p.category = Some(optional_id("category_id", &v)?.map(CategoryId));
    }
    if let Some(v) = changed(&form.group, &form.was_group, &now.group) {
        p.group = Some(optional_id("group_id", &v)?.map(GroupId));
    }
    if let Some(v) = changed(&form.assignee, &form.was_assignee, &now.assignee) {
        p.assignee = Some(optional_id("assignee_id", &v)?.map(UserId));
    }
    Ok(p)
}

/// POST /agent/tickets/{number}/update: the change form; only the fields that changed are
/// sent, and a refused status move says which rule it breaks.
pub async fn update(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<UpdateForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if let Some(r) = refuse(&viewer, &number) {
        return r;
    }
    let draft = || Draft {
        update: Some(form.clone()),
        ..Draft::default()
    };
    // The current values fill in for `was_*` fields a hand-made form may leave out.
    let now = match state.app.ticket(&viewer.caller, &number).await {
        Ok(d) => Current::of(&d.ticket),
        Err(e) => return PageError::from_app(e, &viewer.tr).into_response(),
    };
    let result = match patch_of(&form, &now) {
        Ok(patch) => {
            state
                .app
                .update_ticket(&viewer.caller, &number, patch)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => back_or_desk(&state, &viewer, &number, "update", "timeline-end").await,
        Err(e) => refused(&state, &viewer, &number, "update", e, draft()).await,
    }
}

/// The hand-over form.
#[derive(Deserialize)]
pub struct EscalateForm {
    /// Target level; empty for the next one.
    level: Option<String>,
    /// Target group; empty for the level's own.
    group: Option<String>,
    /// What is known, what was done.
    #[serde(default)]
    summary: String,
}

fn target_of(form: &EscalateForm) -> Result<EscalationTarget, AppError> {
    let level = match form.level.as_deref().map(str::trim).unwrap_or("") {
        "" => None,
        l => Some(SupportLevel::new(l.parse::<i64>().map_err(|_| {
            AppError::invalid("level", "unknown_value", format!("'{l}' is not a level"))
        })?)?),
    };
    let group = optional_id(
        "group_id",
        form.group.as_deref().map(str::trim).unwrap_or(""),
    )?;
    Ok(EscalationTarget {
        level,
        group: group.map(GroupId),
    })
}

/// POST /agent/tickets/{number}/escalate: to another level or group, with the hand-over
/// summary.
pub async fn escalate(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<EscalateForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if let Some(r) = refuse(&viewer, &number) {
        return r;
    }
    let result = match target_of(&form) {
        Ok(target) => {
            state
                .app
                .escalate(&viewer.caller, &number, target, &form.summary)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => back_or_desk(&state, &viewer, &number, "escalated", "timeline-end").await,
        Err(e) => {
            let draft = Draft {
                escalate_level: form.level.unwrap_or_default(),
                escalate_group: form.group.unwrap_or_default(),
                escalate_summary: form.summary,
                ..Draft::default()
            };
            refused(&state, &viewer, &number, "escalate", e, draft).await
        }
    }
}

/// POST /agent/tickets/{number}/take: the receiving side takes an escalated ticket.
pub async fn take(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<EmptyForm>,
) -> Response {
    let viewer = posted.viewer;
    if let Some(r) = refuse(&viewer, &number) {
        return r;
    }
    match state.app.take(&viewer.caller, &number).await {
        Ok(_) => back(&number, "taken", "timeline-end"),
        Err(e) => refused(&state, &viewer, &number, "take", e, Draft::default()).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plausible_numbers_reach_a_redirect() {
        assert!(plausible("INC-000123"));
        assert!(!plausible("INC-1?x=<script>"));
        assert!(!plausible(""));
        assert!(!plausible("INC-1\r\nSet-Cookie: x"));
    }

    #[test]
    fn only_changed_fields_are_sent() {
        let was = Some("new".to_string());
        assert_eq!(changed(&Some("new".into()), &was, "assigned"), None);
        assert_eq!(
            changed(&Some("resolved".into()), &was, "assigned"),
            Some("resolved".into())
        );
        // Without the drawn value, the current one is the reference.
        assert_eq!(changed(&Some("new".into()), &None, "new"), None);
        assert_eq!(changed(&None, &was, "new"), None);
    }
}
