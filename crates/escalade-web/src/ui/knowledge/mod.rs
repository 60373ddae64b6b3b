//! The knowledge base in the agent console (`/kb`): the list with its filters (`list`), one
//! article with its lifecycle buttons, files and linked tickets (`article`, `linked`), the
//! editor for new articles, edits and translations (`editor`, its form in `editor_form`),
//! the history and the diff
//! between two versions (`history`), and the reports: most viewed, needs review, each
//! person's contribution (`reports`). This file owns what they share: the routes, the words
//! of the knowledge vocabulary, and the wording of refusals.
//!
//! Every page is for agents; anyone else gets the same 404 as for a page that does not exist.
//! The service layer decides the rest: an article the viewer may not read is that same 404,
//! and every change is checked there again.

mod article;
mod editor;
mod editor_form;
mod history;
mod linked;
mod list;
mod reports;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use escalade_app::AppError;
use escalade_core::knowledge::{ArticleKind, ArticleStatus, ArticleVisibility};
use escalade_core::people::Language;

use super::i18n::Tr;
use super::page::PageError;
use super::session::Viewer;
use crate::state::AppState;

/// The knowledge pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/kb", get(list::page))
        .route("/kb/reports", get(reports::page))
        .route("/kb/editor.js", get(editor::script))
        .route("/kb/new", get(editor::new_form).post(editor::create))
        .route("/kb/{id}", get(article::page))
        .route("/kb/{id}/moves", post(article::make_move))
        .route("/kb/{id}/reviewed", post(article::reviewed))
        .route("/kb/{id}/vote", post(article::vote))
        .route("/kb/{id}/files", post(article::upload))
        .route("/kb/{id}/files/{file}", get(article::download))
        .route("/kb/{id}/edit", get(editor::edit_form).post(editor::update))
        .route(
            "/kb/{id}/translations/{lang}",
            get(editor::translation_form).post(editor::translate),
        )
        .route("/kb/{id}/history", get(history::history))
        .route("/kb/{id}/diff", get(history::diff))
}

/// The address of an article's page.
pub fn article_href(id: i64) -> String {
    format!("/kb/{id}")
}

/// A kind in the reader's words.
pub fn kind_label(tr: &Tr, kind: ArticleKind) -> String {
    tr.word("kb-kind", kind.as_str())
}

/// A status in the reader's words.
pub fn status_label(tr: &Tr, status: ArticleStatus) -> String {
    tr.word("kb-status", status.as_str())
}

/// A visibility in the reader's words.
pub fn visibility_label(tr: &Tr, v: ArticleVisibility) -> String {
    tr.word("kb-visibility", v.as_str())
}

/// A language by its own name.
pub fn language_name(lang: Language) -> &'static str {
    super::page::native_name(lang)
}

/// Opens a knowledge page: agents only, everyone else the usual 404.
fn agent_only(viewer: &Viewer) -> Result<(), PageError> {
    viewer.require_agent()
}

/// An article id from the path; anything else is a page that does not exist.
fn path_article(raw: &str, tr: &Tr) -> Result<escalade_core::knowledge::ArticleId, PageError> {
    super::admin::path_id(raw, tr).map(escalade_core::knowledge::ArticleId)
}

/// The status and sentence for a refusal: the knowledge pages' own wording of a code
/// (`kb-error-<code>`) when there is one, else the console's shared wording.
pub fn refusal(e: &AppError, tr: &Tr) -> (StatusCode, String) {
    let own = |code: &str| tr.try_get(&format!("kb-error-{}", code.replace('_', "-")));
    let (status, shared) = super::agent::refusal(e, tr);
    let code = match e {
        AppError::Invalid(f) => Some(f.code),
        AppError::Transition { rule, .. } => Some(*rule),
        AppError::Conflict { code, .. } => Some(*code),
        _ => None,
    };
    (status, code.and_then(own).unwrap_or(shared))
}

/// The error page for a service error on a knowledge page.
fn page_error(e: AppError, tr: &Tr) -> PageError {
    match e {
        AppError::NotFound(_) => PageError::not_found(tr),
        e => {
            let (status, message) = refusal(&e, tr);
            if status.is_server_error() {
                PageError::from_app(e, tr)
            } else {
                PageError::new(status, tr, message)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono_tz::Tz;
    use escalade_core::knowledge::ArticleMove;

    use super::*;

    #[test]
    fn every_word_of_the_knowledge_vocabulary_is_translated() {
        for lang in Language::ALL {
            let tr = Tr::new(*lang, Tz::UTC);
            let mut keys: Vec<String> = Vec::new();
            keys.extend(
                ArticleKind::ALL
                    .iter()
                    .map(|k| format!("kb-kind-{}", k.as_str().replace('_', "-"))),
            );
            keys.extend(
                ArticleStatus::ALL
                    .iter()
                    .map(|s| format!("kb-status-{}", s.as_str())),
            );
            keys.extend(
                ArticleMove::ALL
                    .iter()
                    .map(|m| format!("kb-move-{}", m.as_str().replace('_', "-"))),
            );
            keys.push("kb-visibility-public".into());
            keys.push("kb-visibility-internal".into());
            for k in keys {
                assert!(tr.try_get(&k).is_some(), "{k} missing in {}", lang.as_str());
            }
        }
    }
}
