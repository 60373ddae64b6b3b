//! `/kb/reports`: the most viewed published articles, those that need review with why (mostly
//! not helpful, or not reviewed for too long), and, for those allowed (`kb.publish` or
//! `report.view`), each person's contribution. The two long lists are paged separately.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use escalade_app::knowledge::ArticleItem;
use escalade_core::authz::Permission;
use escalade_core::knowledge::{ReviewPolicy, ReviewReason};
use serde::Deserialize;

use super::{agent_only, article_href, kind_label, page_error};
use crate::state::AppState;
use crate::ui::admin::{Pager, page_number, page_of};
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// Lines per list page.
const PER_PAGE: i64 = 20;
/// Entries of the most viewed list.
const TOP: i64 = 10;

struct ArticleLine {
    id: i64,
    href: String,
    title: String,
    kind: String,
    views: i64,
    votes: String,
    why: Vec<String>,
}

struct PersonLine {
    name: String,
    authored: i64,
    published: i64,
    from_tickets: i64,
    approved: i64,
    edits: i64,
}

#[derive(Template)]
#[template(path = "knowledge/reports.html")]
struct ReportsPage {
    c: Chrome,
    viewed: Vec<ArticleLine>,
    review: Vec<ArticleLine>,
    review_pager: Pager,
    people: Option<Vec<PersonLine>>,
    people_pager: Pager,
}

/// `?review_page=&people_page=`.
#[derive(Deserialize, Default)]
pub struct ReportsQuery {
    #[serde(default)]
    review_page: Option<String>,
    #[serde(default)]
    people_page: Option<String>,
}

/// A pager whose page number travels in `param`, keeping the other list's page.
fn pager(tr: &Tr, key: &str, param: &str, page: i64, total: i64, keep: (&str, i64)) -> Pager {
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let link = |p: i64| format!("/kb/reports?{}={}&{param}={p}#{param}", keep.0, keep.1);
    Pager {
        total_text: tr.count(key, "count", total),
        position: tr.args(
            "page-of",
            &[("page", page.to_string()), ("pages", pages.to_string())],
        ),
        prev: (page > 1).then(|| link((page - 1).min(pages))),
        next: (page < pages).then(|| link(page + 1)),
    }
}

fn line(tr: &Tr, a: &ArticleItem, why: Vec<String>) -> ArticleLine {
    let f = &a.facts;
    ArticleLine {
        id: f.id.0,
        href: article_href(f.id.0),
        title: a.title.clone(),
        kind: kind_label(tr, f.kind),
        views: f.view_count,
        votes: tr.args(
            "kb-votes-text",
            &[
                ("helpful", f.helpful.to_string()),
                ("not_helpful", f.not_helpful.to_string()),
            ],
        ),
        why,
    }
}

pub(super) fn reason_text(tr: &Tr, r: &ReviewReason) -> String {
    match r {
        ReviewReason::MostlyNotHelpful {
            helpful,
            not_helpful,
        } => tr.args(
            "kb-why-not-helpful",
            &[
                ("helpful", helpful.to_string()),
                ("not_helpful", not_helpful.to_string()),
            ],
        ),
        ReviewReason::Stale { days } => tr.count("kb-why-stale", "days", *days),
    }
}

/// GET /kb/reports
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ReportsQuery>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let caller = &viewer.caller;
    let lang = Some(tr.language());
    let viewed = state
        .app
        .most_viewed_articles(caller, lang, TOP)
        .await
        .map_err(|e| page_error(e, tr))?
        .iter()
        .map(|a| line(tr, a, Vec::new()))
        .collect();
    let review_page = page_number(q.review_page.as_deref());
    let people_page = page_number(q.people_page.as_deref());
    // The service pages the list in SQL; past the last page, the last one.
    let load = |page: i64| {
        state
            .app
            .articles_needing_review(caller, ReviewPolicy::default(), lang, page, PER_PAGE)
    };
    let mut found = load(review_page).await.map_err(|e| page_error(e, tr))?;
    let last = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    if review_page > last {
        found = load(last).await.map_err(|e| page_error(e, tr))?;
    }
    let review_page = found.page;
    let review_total = found.total;
    let review = found
        .items
        .iter()
        .map(|r| {
            line(
                tr,
                &r.article,
                r.reasons.iter().map(|x| reason_text(tr, x)).collect(),
            )
        })
        .collect();
    let allowed = caller.has(Permission::KbPublish) || caller.has(Permission::ReportView);
    let (people, people_total) = if allowed {
        let rows = state
            .app
            .knowledge_contributions(caller, None)
            .await
            .map_err(|e| page_error(e, tr))?;
        let total = rows.len() as i64;
        let lines = page_of(rows, people_page, PER_PAGE)
            .into_iter()
            .map(|r| PersonLine {
                name: r.display_name,
                authored: r.authored,
                published: r.published,
                from_tickets: r.from_tickets,
                approved: r.approved,
                edits: r.edits,
            })
            .collect();
        (Some(lines), total)
    } else {
        (None, 0)
    };
    Ok(render(&ReportsPage {
        c: viewer.chrome(tr.get("kb-reports-title")),
        viewed,
        review,
        review_pager: pager(
            tr,
            "kb-articles-count",
            "review_page",
            review_page,
            review_total,
            ("people_page", people_page),
        ),
        people,
        people_pager: pager(
            tr,
            "kb-people-count",
            "people_page",
            people_page,
            people_total,
            ("review_page", review_page),
        ),
    })
    .into_response())
}
