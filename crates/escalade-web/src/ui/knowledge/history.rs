//! `/kb/{id}/history`: every version of an article, newest first and paged, each with its
//! author, time, language and note, a link to what it changed, and a form to compare any
//! two; `/kb/{id}/diff?from=&to=`: the line diff, where added and removed lines are marked by
//! colour and also by a sign and a word, for readers who do not tell the colours apart.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use escalade_core::knowledge::LineChange;
use serde::Deserialize;

use super::{agent_only, article_href, page_error, path_article};
use crate::state::AppState;
use crate::ui::admin::{Pager, page_number, page_of};
use crate::ui::agent::Choice;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// Versions per page.
const PER_PAGE: i64 = 25;

struct VersionRow {
    number: i64,
    lang: String,
    author: String,
    at: String,
    at_iso: String,
    note: String,
    title: String,
    diff: Option<String>,
}

#[derive(Template)]
#[template(path = "knowledge/history.html")]
struct HistoryPage {
    c: Chrome,
    id: i64,
    back: String,
    rows: Vec<VersionRow>,
    pager: Pager,
    from: Vec<Choice>,
    to: Vec<Choice>,
}

/// `?page=`.
#[derive(Deserialize, Default)]
pub struct HistoryQuery {
    #[serde(default)]
    page: Option<String>,
}

/// GET /kb/{id}/history
pub async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Query(q): Query<HistoryQuery>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    let versions = state
        .app
        .article_history(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, tr))?;
    let title = versions
        .first()
        .map(|v| v.text.title.clone())
        .unwrap_or_default();
    let newest = versions.first().map_or(1, |v| v.number);
    let total = versions.len() as i64;
    let page = page_number(q.page.as_deref());
    let number = |n: i64| n.to_string();
    let from = versions
        .iter()
        .map(|v| {
            Choice::new(
                number(v.number),
                tr.arg("kb-version-n", "n", v.number),
                &number((newest - 1).max(1)),
            )
        })
        .collect();
    let to = versions
        .iter()
        .map(|v| {
            Choice::new(
                number(v.number),
                tr.arg("kb-version-n", "n", v.number),
                &number(newest),
            )
        })
        .collect();
    let unknown = tr.get("kb-someone");
    let rows = page_of(versions, page, PER_PAGE)
        .into_iter()
        .map(|v| VersionRow {
            number: v.number,
            lang: v.lang,
            author: v.author_name.unwrap_or_else(|| unknown.clone()),
            at: tr.datetime(&v.created_at),
            at_iso: tr.iso(&v.created_at),
            note: v.note,
            title: v.text.title,
            diff: (v.number > 1)
                .then(|| format!("/kb/{id}/diff?from={}&to={}", v.number - 1, v.number)),
        })
        .collect();
    let base = format!("/kb/{id}/history");
    Ok(render(&HistoryPage {
        c: viewer.chrome(tr.arg("kb-history-title", "title", title)),
        id: id.0,
        back: article_href(id.0),
        rows,
        pager: Pager::new(tr, "kb-versions-count", &base, &[], page, PER_PAGE, total),
        from,
        to,
    })
    .into_response())
}

struct Line {
    change: &'static str,
    sign: &'static str,
    word: String,
    text: String,
}

#[derive(Template)]
#[template(path = "knowledge/diff.html")]
struct DiffPage {
    c: Chrome,
    back: String,
    history: String,
    summary: String,
    lines: Vec<Line>,
}

/// `?from=&to=`.
#[derive(Deserialize, Default)]
pub struct DiffQuery {
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

/// GET /kb/{id}/diff
pub async fn diff(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Query(q): Query<DiffQuery>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    let n = |s: Option<String>| s.and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(0);
    let d = state
        .app
        .article_diff(&viewer.caller, id, n(q.from), n(q.to))
        .await
        .map_err(|e| page_error(e, tr))?;
    let lines = d
        .diff
        .lines
        .into_iter()
        .map(|l| {
            let (change, sign, word) = match l.change {
                LineChange::Same => ("same", " ", String::new()),
                LineChange::Added => ("added", "+", tr.get("kb-diff-added")),
                LineChange::Removed => ("removed", "−", tr.get("kb-diff-removed")),
            };
            Line {
                change,
                sign,
                word,
                text: l.text,
            }
        })
        .collect();
    let summary = tr.args(
        "kb-diff-summary",
        &[
            (
                "added",
                tr.count("kb-diff-lines-added", "count", d.diff.added as i64),
            ),
            (
                "removed",
                tr.count("kb-diff-lines-removed", "count", d.diff.removed as i64),
            ),
        ],
    );
    Ok(render(&DiffPage {
        c: viewer.chrome(tr.args(
            "kb-diff-title",
            &[
                ("from", d.from.number.to_string()),
                ("to", d.to.number.to_string()),
            ],
        )),
        back: article_href(id.0),
        history: format!("/kb/{id}/history"),
        summary,
        lines,
    })
    .into_response())
}
