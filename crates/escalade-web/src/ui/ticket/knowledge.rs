//! The knowledge panel of the agent's ticket page: suggested articles and similar tickets
//! (`App::ticket_suggestions`), the articles linked to the ticket, a one-click "Link" per
//! article (POST with the form token), "Insert steps into reply" for SOPs (with script it fills
//! the reply box at once; without, a link reloads the page with the reply box pre-filled), and
//! on a resolved or closed ticket "Turn the solution into an article", which drafts the article
//! from the ticket and goes to its page.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use escalade_core::authz::Permission;
use escalade_core::knowledge::ArticleId;
use escalade_core::search::SnippetPart;
use escalade_core::ticket::Status;
use serde::Deserialize;

use super::super::form::Posted;
use super::super::page::PageError;
use super::super::session::Viewer;
use crate::state::AppState;

/// A suggested article as the panel shows it.
#[derive(Debug, Clone)]
pub struct ArticleLine {
    /// Article id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Kind, in words.
    pub kind: String,
    /// The passage that matched.
    pub snippet: Vec<SnippetPart>,
    /// Already linked to this ticket.
    pub linked: bool,
    /// An SOP's steps as reply text (SOPs only).
    pub sop_text: Option<String>,
}

/// A similar ticket as the panel shows it.
#[derive(Debug, Clone)]
pub struct TicketLine {
    /// Number.
    pub number: String,
    /// Subject.
    pub subject: String,
    /// Status, in words.
    pub status: String,
    /// Status, as stored (for its colour).
    pub status_class: String,
}

/// A linked article.
#[derive(Debug, Clone)]
pub struct LinkedLine {
    /// Article id.
    pub id: i64,
    /// Title.
    pub title: String,
}

/// Everything the panel shows.
#[derive(Debug, Clone, Default)]
pub struct KbPanel {
    /// Suggested articles.
    pub articles: Vec<ArticleLine>,
    /// Similar tickets.
    pub tickets: Vec<TicketLine>,
    /// Articles linked to the ticket.
    pub linked: Vec<LinkedLine>,
    /// Whether the viewer may draft an article from this ticket (resolved or closed, `kb.write`).
    pub may_draft: bool,
    /// Whether the viewer may link articles (the service layer decides again).
    pub may_link: bool,
}

/// Reads the panel; a failure leaves it empty rather than breaking the ticket page.
pub async fn panel(state: &AppState, viewer: &Viewer, number: &str, status: Status) -> KbPanel {
    let tr = &viewer.tr;
    let caller = &viewer.caller;
    let lang = Some(tr.language());
    let linked: Vec<LinkedLine> = match state.app.ticket_articles(caller, number, lang).await {
        Ok(p) => p
            .items
            .into_iter()
            .map(|a| LinkedLine {
                id: a.facts.id.0,
                title: a.title,
            })
            .collect(),
        Err(e) => {
            tracing::warn!(error = %e, ticket = number, "linked articles not read");
            Vec::new()
        }
    };
    let found = state
        .app
        .ticket_suggestions(caller, number)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, ticket = number, "suggestions not read");
            Default::default()
        });
    let mut articles = Vec::new();
    for a in found.articles {
        let kind = a.kind.clone().unwrap_or_default();
        let sop_text = if kind == "sop" {
            state
                .app
                .sop_reply(caller, ArticleId(a.article_id), lang)
                .await
                .ok()
        } else {
            None
        };
        articles.push(ArticleLine {
            id: a.article_id,
            linked: linked.iter().any(|l| l.id == a.article_id),
            kind: tr
                .try_get(&format!("ticket-kb-kind-{kind}"))
                .unwrap_or(kind),
            title: a.title,
            snippet: a.snippet,
            sop_text,
        });
    }
    let tickets = found
        .tickets
        .into_iter()
        .map(|t| TicketLine {
            status: tr.word("status", &t.status),
            status_class: t.status,
            number: t.number,
            subject: t.subject,
        })
        .collect();
    KbPanel {
        articles,
        tickets,
        linked,
        may_draft: matches!(status, Status::Resolved | Status::Closed)
            && caller.has(Permission::KbWrite),
        may_link: caller.has(Permission::TicketNote),
    }
}

/// The link form.
#[derive(Deserialize)]
pub struct LinkForm {
    article_id: i64,
}

/// POST /agent/tickets/{number}/kb/link
pub async fn link(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<LinkForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if let Some(r) = super::actions::refuse(&viewer, &number) {
        return r;
    }
    match state
        .app
        .link_article(&viewer.caller, ArticleId(form.article_id), &number, true)
        .await
    {
        Ok(_) => super::actions::back(&number, "linked", "kb-panel"),
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}

/// POST /agent/tickets/{number}/kb/draft: the draft article from this resolved ticket, then
/// its page.
pub async fn draft(
    State(state): State<AppState>,
    Path(number): Path<String>,
    posted: Posted<super::super::account::EmptyForm>,
) -> Response {
    let viewer = posted.viewer;
    if let Some(r) = super::actions::refuse(&viewer, &number) {
        return r;
    }
    match state
        .app
        .draft_from_ticket(&viewer.caller, &number, None, None)
        .await
    {
        Ok(a) => Redirect::to(&format!("/kb/{}", a.facts.id.0)).into_response(),
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}
