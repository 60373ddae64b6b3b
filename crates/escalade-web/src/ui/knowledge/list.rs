//! `/kb`: the agents' list of articles with filters (kind, status, category, visibility,
//! language, title text), the count per status, newest change first, and paging. Filters
//! stay in the address, so a filtered list can be bookmarked and shared.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use escalade_app::knowledge::{ArticleItem, ArticlePage, ArticleQuery};
use escalade_app::search::SearchRequest;
use escalade_core::authz::Permission;
use escalade_core::ids::CategoryId;
use escalade_core::knowledge::{ArticleKind, ArticleStatus, ArticleVisibility};
use escalade_core::people::Language;
use serde::Deserialize;

use super::{
    agent_only, article_href, kind_label, language_name, page_error, status_label, visibility_label,
};
use crate::state::AppState;
use crate::ui::admin::{Pager, page_number};
use crate::ui::agent::{Choice, category_tree};
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// Articles per page.
const PER_PAGE: i64 = 25;

/// The filters as they come in the address.
#[derive(Deserialize, Default, Debug, Clone)]
pub struct ListQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    category: String,
    #[serde(default)]
    visibility: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    page: Option<String>,
}

impl ListQuery {
    /// The service's query, or the name of the filter whose value is not understood.
    fn to_query(&self) -> Result<ArticleQuery, &'static str> {
        fn opt(s: &str) -> Option<&str> {
            Some(s.trim()).filter(|s| !s.is_empty())
        }
        Ok(ArticleQuery {
            kind: opt(&self.kind)
                .map(|k| ArticleKind::parse(k, "kind"))
                .transpose()
                .map_err(|_| "kind")?,
            status: opt(&self.status)
                .map(|s| ArticleStatus::parse(s, "status"))
                .transpose()
                .map_err(|_| "status")?,
            category_id: opt(&self.category)
                .map(|c| c.parse::<i64>().map(CategoryId))
                .transpose()
                .map_err(|_| "category")?,
            visibility: opt(&self.visibility)
                .map(|v| ArticleVisibility::parse(v, "visibility"))
                .transpose()
                .map_err(|_| "visibility")?,
            lang: opt(&self.lang)
                .map(Language::parse)
                .transpose()
                .map_err(|_| "lang")?,
            page: page_number(self.page.as_deref()),
            per_page: PER_PAGE,
        })
    }

    /// The filters as address pairs (the page left out).
    fn pairs(&self) -> Vec<(&'static str, &str)> {
        vec![
            ("kind", self.kind.trim()),
            ("status", self.status.trim()),
            ("category", self.category.trim()),
            ("visibility", self.visibility.trim()),
            ("lang", self.lang.trim()),
            ("q", self.q.trim()),
        ]
    }

    fn active(&self) -> bool {
        self.pairs().iter().any(|(_, v)| !v.is_empty())
    }
}

/// One row of the list.
struct Row {
    id: i64,
    href: String,
    title: String,
    lang: &'static str,
    kind: String,
    status: &'static str,
    status_label: String,
    visibility: &'static str,
    visibility_label: String,
    views: i64,
    helpful: i64,
    not_helpful: i64,
    updated: String,
    updated_iso: String,
}

/// A status with its count, linking to the list filtered by it.
struct StatusCount {
    key: &'static str,
    label: String,
    count: i64,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "knowledge/list.html")]
struct ListPage {
    c: Chrome,
    f: ListQuery,
    kinds: Vec<Choice>,
    statuses: Vec<Choice>,
    categories: Vec<Choice>,
    visibilities: Vec<Choice>,
    langs: Vec<Choice>,
    error: Option<String>,
    counts: Vec<StatusCount>,
    rows: Vec<Row>,
    pager: Pager,
    active: bool,
    can_write: bool,
    can_report: bool,
}

fn row(tr: &Tr, item: &ArticleItem) -> Row {
    let f = &item.facts;
    Row {
        id: f.id.0,
        href: article_href(f.id.0),
        title: item.title.clone(),
        lang: item.lang.as_str(),
        kind: kind_label(tr, f.kind),
        status: f.status.as_str(),
        status_label: status_label(tr, f.status),
        visibility: f.visibility.as_str(),
        visibility_label: visibility_label(tr, f.visibility),
        views: f.view_count,
        helpful: f.helpful,
        not_helpful: f.not_helpful,
        updated: tr.datetime(&f.updated_at),
        updated_iso: tr.iso(&f.updated_at),
    }
}

/// The articles that match `text` under the list's other filters: those the full-text search
/// finds (inflected words, accents, Chinese; best first), then those whose title merely
/// contains the text. Text the search cannot use (one letter, say) falls back to titles.
async fn matching_ids(
    state: &AppState,
    viewer: &Viewer,
    q: &ArticleQuery,
    text: &str,
) -> Result<Vec<i64>, escalade_app::AppError> {
    let req = SearchRequest {
        q: text.to_string(),
        doc_type: Some("article".to_string()),
        kind: q.kind.map(|k| k.as_str().to_string()),
        category_id: q.category_id.map(|c| c.0),
        lang: q.lang.map(|l| l.as_str().to_string()),
        visibility: q.visibility.map(|v| v.as_str().to_string()),
        page: Some(1),
        per_page: Some(100),
    };
    let mut ids = Vec::new();
    match state.app.search(&viewer.caller, &req).await {
        Ok(found) => {
            for id in found.items.iter().filter_map(|h| h.parent_id) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Err(escalade_app::AppError::Invalid(_)) => {}
        Err(e) => return Err(e),
    }
    let wanted = text.to_lowercase();
    for a in every_article(state, viewer, q).await? {
        if a.title.to_lowercase().contains(&wanted) && !ids.contains(&a.facts.id.0) {
            ids.push(a.facts.id.0);
        }
    }
    Ok(ids)
}

/// Every article under the list's filters (the knowledge base of one desk is small).
async fn every_article(
    state: &AppState,
    viewer: &Viewer,
    q: &ArticleQuery,
) -> Result<Vec<ArticleItem>, escalade_app::AppError> {
    let mut all = ArticleQuery {
        page: 1,
        per_page: 500,
        ..q.clone()
    };
    let mut out = Vec::new();
    loop {
        let p = state.app.articles(&viewer.caller, &all).await?;
        let done = (p.items.len() as i64) < p.per_page;
        out.extend(p.items);
        if done {
            return Ok(out);
        }
        all.page += 1;
    }
}

/// One page of the matching articles (`ids`, in their order) under the list's filters.
async fn text_matches(
    state: &AppState,
    viewer: &Viewer,
    q: &ArticleQuery,
    ids: &[i64],
) -> Result<ArticlePage, escalade_app::AppError> {
    let mut by_id: std::collections::HashMap<i64, ArticleItem> = every_article(state, viewer, q)
        .await?
        .into_iter()
        .map(|a| (a.facts.id.0, a))
        .collect();
    let matching: Vec<ArticleItem> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    let total = matching.len() as i64;
    let items = crate::ui::admin::page_of(matching, q.page, q.per_page);
    Ok(ArticlePage {
        items,
        total,
        page: q.page,
        per_page: q.per_page,
    })
}

/// GET /kb
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(f): Query<ListQuery>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let (query, error) = match f.to_query() {
        Ok(q) => (q, None),
        Err(field) => (
            ArticleQuery {
                page: 1,
                per_page: PER_PAGE,
                ..Default::default()
            },
            Some(tr.arg(
                "kb-filter-invalid",
                "field",
                tr.get(&format!("kb-filter-{field}")),
            )),
        ),
    };
    let text = if error.is_some() { "" } else { f.q.trim() };
    let ids = if text.is_empty() {
        Vec::new()
    } else {
        matching_ids(&state, &viewer, &query, text)
            .await
            .map_err(|e| page_error(e, tr))?
    };
    let result = if text.is_empty() {
        state.app.articles(&viewer.caller, &query).await
    } else {
        text_matches(&state, &viewer, &query, &ids).await
    };
    let page = result.map_err(|e| page_error(e, tr))?;
    // The count of each status under the other filters.
    let mut counts = Vec::new();
    for s in ArticleStatus::ALL {
        let q = ArticleQuery {
            status: Some(*s),
            page: 1,
            per_page: 1,
            ..query.clone()
        };
        let count = if text.is_empty() {
            state
                .app
                .articles(&viewer.caller, &q)
                .await
                .map(|p| p.total)
        } else {
            text_matches(&state, &viewer, &q, &ids)
                .await
                .map(|p| p.total)
        }
        .map_err(|e| page_error(e, tr))?;
        let mut pairs: Vec<(&str, String)> = f
            .pairs()
            .into_iter()
            .filter(|(k, v)| *k != "status" && !v.is_empty())
            .map(|(k, v)| (k, v.to_string()))
            .collect();
        pairs.push(("status", s.as_str().to_string()));
        counts.push(StatusCount {
            key: s.as_str(),
            label: status_label(tr, *s),
            count,
            href: format!(
                "/kb?{}",
                serde_urlencoded::to_string(&pairs).unwrap_or_default()
            ),
            current: query.status == Some(*s),
        });
    }
    let any = tr.get("kb-filter-any");
    let mut kinds = vec![Choice::new("", any.clone(), f.kind.trim())];
    kinds.extend(
        ArticleKind::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), kind_label(tr, *k), f.kind.trim())),
    );
    let mut statuses = vec![Choice::new("", any.clone(), f.status.trim())];
    statuses.extend(
        ArticleStatus::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), status_label(tr, *s), f.status.trim())),
    );
    let mut categories = vec![Choice::new("", any.clone(), f.category.trim())];
    if let Ok(rows) = state.app.categories().await {
        categories.extend(
            category_tree(&rows)
                .into_iter()
                .map(|(id, name)| Choice::new(id.to_string(), name, f.category.trim())),
        );
    }
    let mut visibilities = vec![Choice::new("", any.clone(), f.visibility.trim())];
    visibilities.extend(
        [ArticleVisibility::Public, ArticleVisibility::Internal]
            .iter()
            .map(|v| Choice::new(v.as_str(), visibility_label(tr, *v), f.visibility.trim())),
    );
    let mut langs = vec![Choice::new("", any, f.lang.trim())];
    langs.extend(
        Language::ALL
            .iter()
            .map(|l| Choice::new(l.as_str(), language_name(*l), f.lang.trim())),
    );
    let pager = Pager::new(
        tr,
        "kb-articles-count",
        "/kb",
        &f.pairs(),
        page.page,
        page.per_page,
        page.total,
    );
    let caller = &viewer.caller;
    Ok(render(&ListPage {
        c: viewer.chrome(tr.get("kb-title")),
        rows: page.items.iter().map(|a| row(tr, a)).collect(),
        active: f.active(),
        kinds,
        statuses,
        categories,
        visibilities,
        langs,
        error,
        counts,
        pager,
        can_write: caller.has(Permission::KbWrite),
        can_report: escalade_app::knowledge::reads_everything(caller),
        f,
    })
    .into_response())
}
