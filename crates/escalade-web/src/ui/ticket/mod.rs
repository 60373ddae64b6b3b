//! The agent's ticket page (`/agent/tickets/{number}`) and its forms: reply, internal note or
//! phone call, files, the change form (status, priority, impact, urgency, category, group,
//! assignee), escalation with the hand-over summary, and taking an escalated ticket; the
//! knowledge panel (suggested articles, similar tickets, links, SOP steps into the reply,
//! drafting an article from a resolved ticket) is `knowledge`.
//!
//! Agents only: a requester gets 404 here, as for a ticket out of the agent's reach (the
//! service layer decides). The page reads everything through `App::ticket_page` in a fixed
//! number of queries, so a long journal costs no more queries than a short one. Forms are
//! shown only to those who may use them, and every form posts, then redirects back with a
//! confirmation (`?saved=...`); a refused form re-draws the page with the message beside the
//! field and what was typed.

mod actions;
mod controls;
mod knowledge;
mod mail_view;
mod view;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use escalade_app::tickets::TicketPageData;
use serde::Deserialize;

use self::controls::{Draft, EscalateChoices, UpdateChoices, escalate_choices, update_choices};
use self::view::{EntryItem, Fact, FileView, Names, RequesterCard, When};
use super::page::{Chrome, PageError, render};
use super::session::Viewer;
use crate::state::AppState;

/// The ticket page's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/tickets/{number}", get(page))
        .route("/agent/tickets/{number}/reply", post(actions::reply))
        .route("/agent/tickets/{number}/note", post(actions::note))
        .route("/agent/tickets/{number}/attachments", post(actions::attach))
        .route("/agent/tickets/{number}/update", post(actions::update))
        .route("/agent/tickets/{number}/escalate", post(actions::escalate))
        .route("/agent/tickets/{number}/take", post(actions::take))
        .route("/agent/tickets/{number}/kb/link", post(knowledge::link))
        .route("/agent/tickets/{number}/kb/draft", post(knowledge::draft))
        .route("/mail/{id}/html", get(mail_view::html_view))
        .route("/mail/{id}/cid/{content_id}", get(mail_view::inline_image))
}

#[derive(Template)]
#[template(path = "ticket/page.html")]
struct TicketPage {
    c: Chrome,
    number: String,
    subject: String,
    description: String,
    status: String,
    status_class: &'static str,
    priority: String,
    priority_class: &'static str,
    security: bool,
    fields: Vec<Fact>,
    facts: Vec<Fact>,
    created: When,
    updated: When,
    requester: RequesterCard,
    timeline: Vec<EntryItem>,
    journal_total: i64,
    journal_page: i64,
    journal_pages: i64,
    files: Vec<FileView>,
    may: escalade_app::tickets::TicketAbilities,
    update: Option<UpdateChoices>,
    escalate: Option<EscalateChoices>,
    draft: Draft,
    clocks: Vec<super::sla::ClockLine>,
    kb: knowledge::KbPanel,
}

impl TicketPage {
    /// The address of a timeline page.
    fn journal_href(&self, page: i64) -> String {
        format!("/agent/tickets/{}?jp={page}#timeline", self.number)
    }

    /// "12 entries" for the timeline.
    fn journal_count(&self) -> String {
        self.c
            .t
            .count("ticket-entries-count", "count", self.journal_total)
    }

    /// "Page 2 of 3" for the timeline.
    fn journal_position(&self) -> String {
        self.c.t.args(
            "page-of",
            &[
                ("page", self.journal_page.to_string()),
                ("pages", self.journal_pages.to_string()),
            ],
        )
    }

    /// How many other open tickets the requester has, as far as the reader may see.
    fn other_open_count(&self) -> String {
        let n = self.requester.other_open.len() as i64;
        if self.requester.more_open {
            self.c.t.count("ticket-other-open-more", "count", n)
        } else {
            self.c.t.count("ticket-other-open-count", "count", n)
        }
    }

    /// Whether the note form is set to log a phone call.
    fn phone_call(&self) -> bool {
        self.draft.note_kind == "phone_call"
    }

    /// Whether files go to the requester too.
    fn files_internal(&self) -> bool {
        self.draft.attach_visibility == "internal" || !self.may.reply
    }
}

/// Draws the page for this viewer, with the forms as the draft left them.
fn draw(
    viewer: &Viewer,
    d: &TicketPageData,
    flash: Option<String>,
    draft: Draft,
    clocks: Vec<super::sla::ClockLine>,
    kb: knowledge::KbPanel,
) -> Response {
    let tr = &viewer.tr;
    let t = &d.detail.ticket;
    let names = Names::of(d);
    let number = t.number().to_string();
    let watchers: Vec<String> = d
        .detail
        .watchers
        .iter()
        .map(|w| names.person(w.0))
        .collect();
    let (created, updated) = view::times(tr, t);
    // A refused form is drawn again even when it is not offered (a stale page, a hand-made
    // post), so that the refusal and what was typed stay in view.
    let update = (d.may.update || d.may.assign || draft.message("update").is_some())
        .then(|| update_choices(tr, d, &names, &draft));
    let escalate = (d.may.escalate || draft.message("escalate").is_some())
        .then(|| escalate_choices(tr, d, &draft));
    let page = TicketPage {
        c: viewer
            .chrome(format!("{number} · {}", t.subject))
            .with_flash(flash),
        subject: t.subject.clone(),
        description: t.description.clone(),
        status: tr.word("status", t.status.as_str()),
        status_class: t.status.as_str(),
        priority: tr.word("priority", t.priority.as_str()),
        priority_class: t.priority.as_str(),
        security: d.detail.security,
        fields: view::fields(tr, t, &names, &watchers),
        facts: view::key_facts(tr, t),
        created,
        updated,
        requester: view::requester_card(tr, d, &names),
        timeline: view::timeline(tr, d, &names),
        journal_total: d.journal_total,
        journal_page: d.journal_page,
        journal_pages: d.journal_pages,
        files: view::files(tr, &d.attachments, &names),
        may: d.may,
        update,
        escalate,
        draft,
        clocks,
        kb,
        number,
    };
    render(&page)
}

/// `?saved=` after a form, `?jp=` for a timeline page.
#[derive(Deserialize)]
pub struct PageQuery {
    saved: Option<String>,
    /// Kept as text: a mangled page number opens the last page rather than an error.
    jp: Option<String>,
    /// An SOP whose steps pre-fill the reply box (the "Insert steps into reply" link).
    sop: Option<String>,
}

/// GET /agent/tickets/{number}
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<String>,
    Query(q): Query<PageQuery>,
) -> Response {
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    let journal_page = q.jp.and_then(|p| p.parse::<i64>().ok());
    let d = match state
        .app
        .ticket_page(&viewer.caller, &number, journal_page)
        .await
    {
        Ok(d) => d,
        Err(e) => return PageError::from_app(e, &viewer.tr).into_response(),
    };
    let tr = &viewer.tr;
    let flash = match q.saved.as_deref() {
        Some("reply") => Some(tr.get("ticket-saved-reply")),
        Some("note") => Some(tr.get("ticket-saved-note")),
        Some("call") => Some(tr.get("ticket-saved-call")),
        Some("update") => Some(tr.get("ticket-saved-update")),
        Some("escalated") => Some(tr.get("ticket-saved-escalated")),
        Some("taken") => Some(tr.get("ticket-saved-taken")),
        Some("attached") => Some(tr.get("ticket-saved-attached")),
        Some("linked") => Some(tr.get("ticket-saved-linked")),
        _ => None,
    };
    let clocks = super::sla::ticket_clocks(&state, &viewer, &d.detail.ticket).await;
    let kb = knowledge::panel(&state, &viewer, &number, d.detail.ticket.status).await;
    let mut draft = Draft::default();
    if let Some(id) = q.sop.and_then(|s| s.parse::<i64>().ok()) {
        // An article the viewer may not read, or not an SOP, leaves the reply box empty.
        if let Ok(text) = state
            .app
            .sop_reply(
                &viewer.caller,
                escalade_core::knowledge::ArticleId(id),
                Some(tr.language()),
            )
            .await
        {
            draft.reply = text;
        }
    }
    draw(&viewer, &d, flash, draft, clocks, kb)
}

/// Re-draws the page after a refused form, with the refusal's status.
async fn redraw(
    state: &AppState,
    viewer: &Viewer,
    number: &str,
    status: StatusCode,
    draft: Draft,
) -> Response {
    match state.app.ticket_page(&viewer.caller, number, None).await {
        Ok(d) => {
            let clocks = super::sla::ticket_clocks(state, viewer, &d.detail.ticket).await;
            let kb = knowledge::panel(state, viewer, number, d.detail.ticket.status).await;
            let mut res = draw(viewer, &d, None, draft, clocks, kb);
            *res.status_mut() = status;
            res
        }
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}
