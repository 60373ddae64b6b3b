//! The portal's knowledge base: answers suggested while a requester types a new request
//! (`GET /portal/new/suggestions`, an HTML fragment the script fetches; without script the
//! "Look for an answer first" button of the form), one article (`/portal/kb/{id}`: its text,
//! a helpful / not helpful vote, "This solved my problem" that records a deflection with what
//! was typed instead of opening a ticket, and the way back to the form with the typed text
//! kept), and a search page (`/portal/kb`). Requesters read published public articles only:
//! anything else is "not found", as the service layer decides.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::knowledge::ArticleView;
use escalade_app::search::SearchRequest;
use escalade_app::search::suggestions::ArticleSuggestion;
use escalade_core::knowledge::{ArticleContent, ArticleId};
use escalade_core::search::SnippetPart;
use serde::Deserialize;

use super::agents_to_console;
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// What a requester had typed in the new-request form, carried along while they read.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TypedQuery {
    /// Subject as typed.
    #[serde(default)]
    pub subject: String,
    /// Description as typed.
    #[serde(default)]
    pub description: String,
    /// Set by the page after a recorded deflection (`/portal/kb/{id}?solved=1`).
    #[serde(default)]
    pub solved: Option<String>,
    /// Set after a vote.
    #[serde(default)]
    pub voted: Option<String>,
}

impl TypedQuery {
    /// Whether anything was typed.
    pub fn any(&self) -> bool {
        !self.subject.trim().is_empty() || !self.description.trim().is_empty()
    }

    /// The typed text as one line of query string (`subject=..&description=..`).
    pub fn query_string(&self) -> String {
        serde_urlencoded::to_string([
            ("subject", self.subject.as_str()),
            ("description", cut(&self.description, 1500).as_str()),
        ])
        .unwrap_or_default()
    }

    /// The text a deflection records.
    pub fn typed_text(&self) -> String {
        cut(
            &format!("{}\n{}", self.subject.trim(), self.description.trim()),
            2000,
        )
        .trim()
        .to_string()
    }
}

fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// A suggestion as shown: the link keeps what was typed.
pub struct SuggestionLine {
    /// Article id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Where it leads.
    pub href: String,
    /// The passage, plain and highlighted parts.
    pub snippet: Vec<SnippetPart>,
}

/// The suggestions for what was typed, as lines linking to the portal's article page.
pub async fn suggestion_lines(
    state: &AppState,
    viewer: &Viewer,
    typed: &TypedQuery,
) -> Vec<SuggestionLine> {
    if !typed.any() {
        return Vec::new();
    }
    let text = format!("{}\n{}", typed.subject, typed.description);
    let found: Vec<ArticleSuggestion> = state
        .app
        .suggest_articles(&viewer.caller, &text)
        .await
        .unwrap_or_else(|e| {
            tracing::warn!(error = %e, "article suggestions failed");
            Vec::new()
        });
    let q = typed.query_string();
    found
        .into_iter()
        .map(|a| SuggestionLine {
            id: a.article_id,
            href: format!("/portal/kb/{}?{q}", a.article_id),
            title: a.title,
            snippet: a.snippet,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "portal/kb_suggestions.html")]
struct SuggestionsFragment {
    t: crate::ui::i18n::Tr,
    suggestions: Vec<SuggestionLine>,
}

/// GET /portal/new/suggestions?subject=&description= — the fragment the new-request form
/// shows while the requester types.
pub async fn suggestions(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(typed): Query<TypedQuery>,
) -> Response {
    let suggestions = suggestion_lines(&state, &viewer, &typed).await;
    render(&SuggestionsFragment {
        t: viewer.tr.clone(),
        suggestions,
    })
}

/// One part of an article as shown: a heading (may be empty) and sanitised HTML.
pub struct Section {
    /// Heading, translated.
    pub heading: String,
    /// Rendered, sanitised Markdown.
    pub html: String,
}

fn sections(tr: &crate::ui::i18n::Tr, html: &ArticleContent) -> Vec<Section> {
    let s = |key: &str, html: &str| Section {
        heading: if key.is_empty() {
            String::new()
        } else {
            tr.get(key)
        },
        html: html.to_string(),
    };
    match html {
        ArticleContent::Sop { steps } => steps
            .iter()
            .enumerate()
            .map(|(i, st)| Section {
                heading: tr.arg("portal-kb-step", "n", i + 1),
                html: if st.expected.trim().is_empty() {
                    st.text.clone()
                } else {
                    format!(
                        "{}<p class=\"hint\">{}</p>{}",
                        st.text,
                        tr.get("portal-kb-expected"),
                        st.expected
                    )
                },
            })
            .collect(),
        ArticleContent::KnownError {
            symptom,
            cause,
            workaround,
        } => vec![
            s("portal-kb-symptom", symptom),
            s("portal-kb-cause", cause),
            s("portal-kb-workaround", workaround),
        ],
        ArticleContent::Faq { question, answer } => vec![
            s("portal-kb-question", question),
            s("portal-kb-answer", answer),
        ],
        ArticleContent::HowTo { body } => vec![s("", body)],
    }
}

#[derive(Template)]
#[template(path = "portal/kb_article.html")]
struct ArticlePage {
    c: Chrome,
    id: i64,
    title: String,
    sections: Vec<Section>,
    my_vote: Option<bool>,
    typed: TypedQuery,
    typed_query: String,
    solved: bool,
    voted: bool,
}

/// GET /portal/kb/{id}
pub async fn article(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Query(typed): Query<TypedQuery>,
) -> Response {
    if let Some(to) = agents_to_console(&viewer, &format!("/kb/{id}")) {
        return to;
    }
    let tr = &viewer.tr;
    let lang = Some(tr.language());
    let view: ArticleView = match state.app.article(&viewer.caller, ArticleId(id), lang).await {
        Ok(v) => v,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    if typed.solved.is_none()
        && typed.voted.is_none()
        && let Err(e) = state
            .app
            .count_article_view(&viewer.caller, ArticleId(id))
            .await
    {
        tracing::warn!(error = %e, article = id, "view not counted");
    }
    render(&ArticlePage {
        c: viewer.chrome(view.title.clone()),
        id,
        sections: sections(tr, &view.html),
        title: view.title,
        my_vote: view.my_vote,
        typed_query: typed.query_string(),
        solved: typed.solved.is_some(),
        voted: typed.voted.is_some(),
        typed,
    })
}

/// The vote form.
#[derive(Debug, Deserialize)]
pub struct VoteForm {
    /// `yes` or `no`.
    pub helpful: String,
    /// Typed text carried along.
    #[serde(default)]
    pub subject: String,
    /// Typed text carried along.
    #[serde(default)]
    pub description: String,
}

/// POST /portal/kb/{id}/vote
pub async fn vote(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<VoteForm>,
) -> Response {
    let viewer = &posted.viewer;
    let helpful = posted.form.helpful == "yes";
    if let Err(e) = state
        .app
        .vote_article(&viewer.caller, ArticleId(id), helpful)
        .await
    {
        return PageError::from_app(e, &viewer.tr).into_response();
    }
    let typed = TypedQuery {
        subject: posted.form.subject.clone(),
        description: posted.form.description.clone(),
        ..TypedQuery::default()
    };
    Redirect::to(&format!("/portal/kb/{id}?voted=1&{}", typed.query_string())).into_response()
}

/// The "this solved my problem" form.
#[derive(Debug, Deserialize)]
pub struct SolvedForm {
    /// Typed subject.
    #[serde(default)]
    pub subject: String,
    /// Typed description.
    #[serde(default)]
    pub description: String,
}

/// POST /portal/kb/{id}/solved — records the deflection with what was typed; no ticket.
pub async fn solved(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<SolvedForm>,
) -> Response {
    let viewer = &posted.viewer;
    let typed = TypedQuery {
        subject: posted.form.subject.clone(),
        description: posted.form.description.clone(),
        ..TypedQuery::default()
    };
    if let Err(e) = state
        .app
        .record_deflection(&viewer.caller, ArticleId(id), &typed.typed_text())
        .await
    {
        return PageError::from_app(e, &viewer.tr).into_response();
    }
    Redirect::to(&format!("/portal/kb/{id}?solved=1")).into_response()
}

/// The search page's query.
#[derive(Debug, Default, Deserialize)]
pub struct KbSearchQuery {
    /// Words.
    #[serde(default)]
    pub q: String,
}

/// A line of the search page.
pub struct KbLine {
    /// Article id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Passage (empty in the plain list).
    pub snippet: Vec<SnippetPart>,
}

#[derive(Template)]
#[template(path = "portal/kb_list.html")]
struct KbListPage {
    c: Chrome,
    q: String,
    lines: Vec<KbLine>,
    error: Option<String>,
}

/// GET /portal/kb?q= — search the published public articles (in the reader's language when
/// a translation matched), or the most viewed ones without words.
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<KbSearchQuery>,
) -> Response {
    if let Some(to) = agents_to_console(&viewer, "/kb") {
        return to;
    }
    let tr = &viewer.tr;
    let mine = tr.language();
    let mut lines: Vec<KbLine> = Vec::new();
    let mut error = None;
    if q.q.trim().is_empty() {
        match state
            .app
            .most_viewed_articles(&viewer.caller, Some(mine), 20)
            .await
        {
            Ok(items) => {
                lines = items
                    .into_iter()
                    .map(|a| KbLine {
                        id: a.facts.id.0,
                        title: a.title,
                        snippet: Vec::new(),
                    })
                    .collect()
            }
            Err(e) => return PageError::from_app(e, tr).into_response(),
        }
    } else {
        let req = SearchRequest {
            q: q.q.clone(),
            doc_type: Some("article".into()),
            per_page: Some(50),
            ..SearchRequest::default()
        };
        match state.app.search(&viewer.caller, &req).await {
            Ok(found) => {
                for h in found.items {
                    let Some(id) = h.parent_id else { continue };
                    let line = KbLine {
                        id,
                        title: h.title,
                        snippet: h.snippet,
                    };
                    match lines.iter().position(|l| l.id == id) {
                        Some(at) if h.lang.as_deref() == Some(mine.as_str()) => lines[at] = line,
                        Some(_) => {}
                        None => lines.push(line),
                    }
                }
            }
            Err(e) => error = Some(crate::ui::page::app_error_text(&e, tr).1),
        }
    }
    render(&KbListPage {
        c: viewer.chrome(tr.get("portal-kb-title")),
        q: q.q,
        lines,
        error,
    })
}
