//! `/kb/{id}`: one article as agents read it, its content shaped by its kind (an SOP's
//! numbered steps with their expected results, a known error's symptom, cause and
//! workaround, a question and its answer, a how-to's body), its facts (status with who
//! approved and when, visibility, category, languages, files, counters), and the forms of
//! the lifecycle moves the viewer may make. A published article shown here counts a view.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::knowledge::ArticleView;
use escalade_app::{AppError, Caller};
use escalade_core::authz::Permission;
use escalade_core::ids::UserId;
use escalade_core::knowledge::{
    ArticleContent, ArticleId, ArticleMove, ArticleStatus, ReviewFacts, ReviewPolicy, check_edit,
    needs_review, plan_move,
};
use escalade_core::people::Language;
use serde::Deserialize;

use super::linked::{LinkedTickets, linked_tickets};
use super::{
    agent_only, kind_label, language_name, page_error, path_article, refusal, status_label,
    visibility_label,
};
use crate::state::AppState;
use crate::ui::admin::{page_number, render_status};
use crate::ui::form::{Posted, PostedFiles};
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError};
use crate::ui::session::Viewer;

/// `?lang=` to read a translation, `?done=` after a change.
#[derive(Deserialize, Default)]
pub struct ArticleQuery {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    done: Option<String>,
    #[serde(default)]
    tickets_page: Option<String>,
}

/// One titled part of the content, rendered (sanitised by the service's Markdown renderer).
struct Part {
    key: &'static str,
    heading: String,
    html: String,
}

/// One step of an SOP, rendered.
struct Step {
    text: String,
    expected: String,
}

/// A lifecycle move the viewer may make now.
struct MoveButton {
    key: &'static str,
    id: String,
    label: String,
    needs_note: bool,
}

/// A language of the article: read it, or (for writers) translate into it.
struct LangLink {
    tag: &'static str,
    name: &'static str,
    href: String,
    current: bool,
    original: bool,
}

/// A file of the article.
struct FileLink {
    name: String,
    href: String,
    size: String,
}

#[derive(Template)]
#[template(path = "knowledge/article.html")]
struct ArticlePage {
    c: Chrome,
    id: i64,
    title: String,
    lang: &'static str,
    kind: String,
    status: &'static str,
    status_label: String,
    visibility: &'static str,
    visibility_label: String,
    category: String,
    service: String,
    author: String,
    owner: String,
    approved: Option<String>,
    published: Option<String>,
    reviewed: Option<String>,
    source_ticket: Option<String>,
    updated: String,
    version: i64,
    views: i64,
    votes_text: String,
    deflections: i64,
    steps: Vec<Step>,
    parts: Vec<Part>,
    languages: Vec<LangLink>,
    translate: Vec<LangLink>,
    files: Vec<FileLink>,
    moves: Vec<MoveButton>,
    can_edit: bool,
    can_review_stamp: bool,
    can_history: bool,
    edit_href: String,
    error: Option<String>,
    note: String,
    /// Why the article needs review, for those who may mark it reviewed.
    review_reasons: Vec<String>,
    /// Whether the reader may vote (published articles), and their vote.
    can_vote: bool,
    my_vote: &'static str,
    /// The linked tickets the viewer may read, paged.
    linked: LinkedTickets,
}

/// A person's name for the facts; their number when the viewer may not look people up.
async fn name_of(state: &AppState, caller: &Caller, tr: &Tr, id: i64) -> String {
    match state.app.user(caller, UserId(id)).await {
        Ok(u) => u.display_name,
        Err(_) => tr.arg("kb-person", "id", id),
    }
}

fn size_text(tr: &Tr, bytes: i64) -> String {
    if bytes < 1024 {
        tr.arg("kb-size-bytes", "n", bytes)
    } else if bytes < 1024 * 1024 {
        tr.arg("kb-size-kib", "n", bytes / 1024)
    } else {
        tr.arg("kb-size-mib", "n", bytes / (1024 * 1024))
    }
}

/// The moves the viewer may make on an article in this status (the service checks again).
fn moves_for(tr: &Tr, caller: &Caller, status: ArticleStatus) -> Vec<MoveButton> {
    ArticleMove::ALL
        .iter()
        .filter(|m| plan_move(status, **m).is_ok() && caller.has(m.permission()))
        .map(|m| {
            let key = m.as_str();
            MoveButton {
                key,
                id: format!("kb-move-{}", key.replace('_', "-")),
                label: tr.word("kb-move", key),
                needs_note: *m == ArticleMove::SendBack,
            }
        })
        .collect()
}

fn content_parts(tr: &Tr, html: &ArticleContent) -> (Vec<Step>, Vec<Part>) {
    let part = |key: &'static str, html: &str| Part {
        key,
        heading: tr.get(&format!("kb-part-{key}")),
        html: html.to_string(),
    };
    match html {
        ArticleContent::Sop { steps } => (
            steps
                .iter()
                .map(|s| Step {
                    text: s.text.clone(),
                    expected: s.expected.clone(),
                })
                .collect(),
            Vec::new(),
        ),
        ArticleContent::KnownError {
            symptom,
            cause,
            workaround,
        } => (
            Vec::new(),
            vec![
                part("symptom", symptom),
                part("cause", cause),
                part("workaround", workaround),
            ],
        ),
        ArticleContent::Faq { question, answer } => (
            Vec::new(),
            vec![part("question", question), part("answer", answer)],
        ),
        ArticleContent::HowTo { body } => (Vec::new(), vec![part("body", body)]),
    }
}

/// Renders the article page for `view` (with a refusal beside the buttons, if any).
async fn render_article(
    state: &AppState,
    viewer: &Viewer,
    view: ArticleView,
    flash: Option<String>,
    error: Option<(StatusCode, String)>,
    note: String,
    tickets_page: i64,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let caller = &viewer.caller;
    let f = &view.facts;
    let id = f.id.0;
    let category = match f.category_id {
        Some(cid) => state
            .app
            .categories()
            .await
            .ok()
            .and_then(|cats| cats.into_iter().find(|c| c.id == cid.0).map(|c| c.name))
            .unwrap_or_default(),
        None => String::new(),
    };
    let files = state
        .app
        .article_attachments(caller, f.id)
        .await
        .map_err(|e| page_error(e, tr))?
        .into_iter()
        .map(|a| FileLink {
            href: format!("/kb/{id}/files/{}", a.id),
            size: size_text(tr, a.size),
            name: a.file_name,
        })
        .collect();
    let can_write = caller.has(Permission::KbWrite);
    let can_edit = can_write && check_edit(f.status, caller.has(Permission::KbPublish)).is_ok();
    let languages = view
        .languages
        .iter()
        .map(|l| LangLink {
            tag: l.as_str(),
            name: language_name(*l),
            href: format!("/kb/{id}?lang={}", l.as_str()),
            current: *l == view.lang,
            original: *l == f.original_lang,
        })
        .collect();
    let translate = if can_edit {
        Language::ALL
            .iter()
            .filter(|l| **l != f.original_lang)
            .map(|l| LangLink {
                tag: l.as_str(),
                name: language_name(*l),
                href: format!("/kb/{id}/translations/{}", l.as_str()),
                current: view.languages.contains(l),
                original: false,
            })
            .collect()
    } else {
        Vec::new()
    };
    let approved = match (f.approved_by, f.approved_at) {
        (Some(who), Some(at)) => Some(tr.args(
            "kb-approved-by",
            &[
                ("name", name_of(state, caller, tr, who).await),
                ("at", tr.datetime(&at)),
            ],
        )),
        _ => None,
    };
    // The same decision as the needs-review report, shown where a publisher can act on it.
    let review_reasons = if caller.has(Permission::KbPublish) {
        let facts = ReviewFacts {
            status: f.status,
            helpful: f.helpful,
            not_helpful: f.not_helpful,
            reviewed_at: f.reviewed_at.or(f.published_at),
        };
        needs_review(&facts, &ReviewPolicy::default(), state.app.clock.now())
            .iter()
            .map(|r| super::reports::reason_text(tr, r))
            .collect()
    } else {
        Vec::new()
    };
    let linked = linked_tickets(state, viewer, f.id, view.lang.as_str(), tickets_page).await?;
    let (steps, parts) = content_parts(tr, &view.html);
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.0);
    let mut c = viewer.chrome(view.title.clone());
    c.flash = flash;
    let page = ArticlePage {
        c,
        id,
        lang: view.lang.as_str(),
        kind: kind_label(tr, f.kind),
        status: f.status.as_str(),
        status_label: status_label(tr, f.status),
        visibility: f.visibility.as_str(),
        visibility_label: visibility_label(tr, f.visibility),
        category,
        service: f.service.clone().unwrap_or_default(),
        author: name_of(state, caller, tr, f.author_id).await,
        owner: name_of(state, caller, tr, f.owner_id).await,
        approved,
        published: f.published_at.map(|at| tr.datetime(&at)),
        reviewed: f.reviewed_at.map(|at| tr.datetime(&at)),
        source_ticket: f.source_ticket.clone(),
        updated: tr.datetime(&f.updated_at),
        version: f.version,
        views: f.view_count,
        votes_text: tr.args(
            "kb-votes-text",
            &[
                ("helpful", f.helpful.to_string()),
                ("not_helpful", f.not_helpful.to_string()),
            ],
        ),
        deflections: f.deflections,
        steps,
        parts,
        languages,
        translate,
        files,
        moves: moves_for(tr, caller, f.status),
        can_edit,
        can_review_stamp: f.status == ArticleStatus::Published && caller.has(Permission::KbPublish),
        can_history: escalade_app::knowledge::reads_everything(caller),
        edit_href: format!("/kb/{id}/edit"),
        error: error.map(|e| e.1),
        note,
        review_reasons,
        can_vote: f.status == ArticleStatus::Published,
        my_vote: match view.my_vote {
            Some(true) => "yes",
            Some(false) => "no",
            None => "",
        },
        linked,
        title: view.title,
    };
    Ok(render_status(&page, status))
}

/// GET /kb/{id}
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Query(q): Query<ArticleQuery>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    // An unknown language is the original's text, as the API does.
    let lang = q.lang.as_deref().and_then(|l| Language::parse(l).ok());
    let mut view = state
        .app
        .article(&viewer.caller, id, lang)
        .await
        .map_err(|e| page_error(e, tr))?;
    if view.facts.status == ArticleStatus::Published
        && let Ok(n) = state.app.count_article_view(&viewer.caller, id).await
    {
        view.facts.view_count = n;
    }
    let flash = q
        .done
        .filter(|d| d.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
        .and_then(|d| tr.try_get(&format!("kb-done-{d}")));
    let tickets_page = page_number(q.tickets_page.as_deref());
    render_article(
        &state,
        &viewer,
        view,
        flash,
        None,
        String::new(),
        tickets_page,
    )
    .await
}

/// The lifecycle form.
#[derive(Deserialize)]
pub struct MoveForm {
    #[serde(rename = "move", default)]
    mv: String,
    #[serde(default)]
    note: String,
}

/// After a refused change: the article again, with the sentence beside the buttons.
async fn refused(
    state: &AppState,
    viewer: &Viewer,
    id: ArticleId,
    e: AppError,
    note: String,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    if matches!(
        e,
        AppError::NotFound(_) | AppError::Internal(_) | AppError::Unavailable(_)
    ) {
        return Err(page_error(e, tr));
    }
    let refusal = match &e {
        // An incomplete article sent to review: name the part, which this page cannot mark.
        AppError::Invalid(f) if f.code == "required" && f.field != "note" => (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.arg("kb-error-incomplete", "part", &f.field),
        ),
        _ => refusal(&e, tr),
    };
    let view = state
        .app
        .article(&viewer.caller, id, None)
        .await
        .map_err(|e| page_error(e, tr))?;
    render_article(state, viewer, view, None, Some(refusal), note, 1).await
}

/// POST /kb/{id}/moves
pub async fn make_move(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<MoveForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    agent_only(&viewer)?;
    let id = path_article(&raw, &viewer.tr)?;
    let Some(mv) = ArticleMove::ALL
        .iter()
        .copied()
        .find(|m| m.as_str() == form.mv)
    else {
        return Err(PageError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            &viewer.tr,
            viewer.tr.get("kb-error-unknown-move"),
        ));
    };
    let note = Some(form.note.clone()).filter(|n| !n.trim().is_empty());
    match state.app.move_article(&viewer.caller, id, mv, note).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/kb/{id}?done={}", mv.as_str().replace('_', "-")))
                .into_response(),
        ),
        Err(e) => refused(&state, &viewer, id, e, form.note).await,
    }
}

/// POST /kb/{id}/reviewed
pub async fn reviewed(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<crate::ui::admin::confirm::Confirmed>,
) -> Result<Response, PageError> {
    let viewer = posted.viewer;
    agent_only(&viewer)?;
    let id = path_article(&raw, &viewer.tr)?;
    match state.app.mark_article_reviewed(&viewer.caller, id).await {
        Ok(_) => Ok(Redirect::to(&format!("/kb/{id}?done=reviewed")).into_response()),
        Err(e) => refused(&state, &viewer, id, e, String::new()).await,
    }
}

/// POST /kb/{id}/files: attaches the chosen files.
pub async fn upload(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: PostedFiles,
) -> Result<Response, PageError> {
    let viewer = &posted.viewer;
    agent_only(viewer)?;
    let id = path_article(&raw, &viewer.tr)?;
    if posted.files.is_empty() {
        let e = AppError::invalid("files", "no_file", "choose a file first");
        return refused(&state, viewer, id, e, String::new()).await;
    }
    for f in &posted.files {
        if let Err(e) = state
            .app
            .attach_to_article(
                &viewer.caller,
                id,
                &f.file_name,
                &f.media_type,
                f.bytes.to_vec(),
            )
            .await
        {
            return refused(&state, viewer, id, e, String::new()).await;
        }
    }
    Ok(Redirect::to(&format!("/kb/{id}?done=files")).into_response())
}

/// GET /kb/{id}/files/{file}: always a download.
pub async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((raw, file)): Path<(String, String)>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    let file = crate::ui::admin::path_id(&file, tr)?;
    let (row, content) = state
        .app
        .article_attachment(&viewer.caller, id, file)
        .await
        .map_err(|e| page_error(e, tr))?;
    Ok(crate::download::bytes_response(
        &row.file_name,
        &row.media_type,
        &row.sha256,
        content,
    ))
}

/// The vote form.
#[derive(Deserialize)]
pub struct VoteForm {
    #[serde(default)]
    helpful: String,
}

/// POST /kb/{id}/vote: the reader's helpful / not helpful vote (replacing an earlier one).
pub async fn vote(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<VoteForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    agent_only(&viewer)?;
    let id = path_article(&raw, &viewer.tr)?;
    let helpful = match form.helpful.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            let e = AppError::invalid("helpful", "unknown_value", "yes or no");
            return refused(&state, &viewer, id, e, String::new()).await;
        }
    };
    match state.app.vote_article(&viewer.caller, id, helpful).await {
        Ok(_) => Ok(Redirect::to(&format!("/kb/{id}?done=voted")).into_response()),
        Err(e) => refused(&state, &viewer, id, e, String::new()).await,
    }
}
