//! `/kb`: the agents' list of articles with filters (kind, status, category, visibility,
//! language, words), the count per status, newest change first (words: best match first),
//! and paging through the store or the full-text search, one page at a time. Filters
//! stay in the address, so a filtered list can be bookmarked and shared.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use escalade_app::AppError;
use escalade_app::knowledge::{ArticleItem, ArticlePage, ArticleQuery};
use escalade_app::search::{SearchHit, SearchRequest};
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
/// Search results asked for at a time when the list must keep only one status itself.
const SEARCH_PAGE: i64 = escalade_app::search::MAX_PER_PAGE;
/// How far the search reaches: its first matches, no further.
const SEARCH_REACH: i64 = escalade_store::search::MATCH_CAP;

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
            ..Default::default()
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

/// A status with its count (none when the words went through the search, which does not
/// count by status), linking to the list filtered by it.
struct StatusCount {
    key: &'static str,
    label: String,
    count: Option<i64>,
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

/// How the words were matched: what the page shows and whether status counts can be given.
enum TextMatch {
    /// The full-text search found these (best first).
    Search(ArticlePage),
    /// The search found nothing or could not use the text: titles containing it.
    Titles(ArticlePage),
}

/// The search request for the list's words and other filters, one page of article documents.
fn search_request(q: &ArticleQuery, text: &str, page: i64, per_page: i64) -> SearchRequest {
    SearchRequest {
        q: text.to_string(),
        doc_type: Some("article".to_string()),
        kind: q.kind.map(|k| k.as_str().to_string()),
        category_id: q.category_id.map(|c| c.0),
        lang: q.lang.map(|l| l.as_str().to_string()),
        visibility: q.visibility.map(|v| v.as_str().to_string()),
        page: Some(page),
        per_page: Some(per_page),
    }
}

/// The articles of `hits` (a translation's document names its article), in order, each once.
fn article_ids<'a>(hits: impl IntoIterator<Item = &'a SearchHit>) -> Vec<i64> {
    let mut ids = Vec::new();
    for id in hits.into_iter().filter_map(|h| h.parent_id) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The articles `ids` under the list's filters, in the order of `ids` (one page: the store
/// loads only these).
async fn load_in_order(
    state: &AppState,
    viewer: &Viewer,
    q: &ArticleQuery,
    ids: Vec<i64>,
) -> Result<Vec<ArticleItem>, AppError> {
    let per_page = (ids.len() as i64).max(1);
    let found = state
        .app
        .articles(
            &viewer.caller,
            &ArticleQuery {
                ids: Some(ids.clone()),
                page: 1,
                per_page,
                ..q.clone()
            },
        )
        .await?;
    let mut items = found.items;
    items.sort_by_key(|a| ids.iter().position(|id| *id == a.facts.id.0));
    Ok(items)
}

/// One page of the articles whose words match `text` under the list's other filters. The
/// full-text search (inflected words, accents, Chinese; best first) is asked for that page
/// only. It does not filter on status, so with a status the list looks through the
/// search's own reach (its first [`SEARCH_REACH`] matches, by pages of 100, ids only) and
/// keeps that status. When the search finds nothing, or cannot use the text (punctuation,
/// a lone digit), the articles whose title contains the text, paged by the database.
async fn text_page(
    state: &AppState,
    viewer: &Viewer,
    q: &ArticleQuery,
    text: &str,
) -> Result<TextMatch, AppError> {
    let caller = &viewer.caller;
    let searched = match q.status {
        None => match state
            .app
            .search(caller, &search_request(q, text, q.page, q.per_page))
            .await
        {
            Ok(found) if found.total > 0 => {
                let items = load_in_order(state, viewer, q, article_ids(&found.items)).await?;
                Some(ArticlePage {
                    items,
                    total: found.total,
                    page: q.page,
                    per_page: q.per_page,
                })
            }
            Ok(_) => None,
            Err(AppError::Invalid(e)) if e.field == "q" => None,
            // A page past the search's reach shows nothing.
            Err(AppError::Invalid(_)) => Some(ArticlePage {
                items: Vec::new(),
                total: 0,
                page: q.page,
                per_page: q.per_page,
            }),
            Err(e) => return Err(e),
        },
        Some(status) => {
            let mut ids = Vec::new();
            let mut any = false;
            let mut page = 1;
            loop {
                let found = match state
                    .app
                    .search(caller, &search_request(q, text, page, SEARCH_PAGE))
                    .await
                {
                    Ok(found) => found,
                    Err(AppError::Invalid(_)) => break,
                    Err(e) => return Err(e),
                };
                any |= found.total > 0;
                let kept = found
                    .items
                    .iter()
                    .filter(|h| h.status.as_deref() == Some(status.as_str()));
                for id in article_ids(kept) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                if (found.items.len() as i64) < SEARCH_PAGE || page * SEARCH_PAGE >= SEARCH_REACH {
                    break;
                }
                page += 1;
            }
            if any {
                let total = ids.len() as i64;
                let shown = crate::ui::admin::page_of(ids, q.page, q.per_page);
                let items = load_in_order(state, viewer, q, shown).await?;
                Some(ArticlePage {
                    items,
                    total,
                    page: q.page,
                    per_page: q.per_page,
                })
            } else {
                None
            }
        }
    };
    if let Some(page) = searched {
        return Ok(TextMatch::Search(page));
    }
    let by_title = ArticleQuery {
        title_contains: Some(text.to_string()),
        ..q.clone()
    };
    Ok(TextMatch::Titles(
        state.app.articles(caller, &by_title).await?,
    ))
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
    // The words go through the full-text search (one page of it), else through titles; the
    // store pages either way, so no list loads every match.
    let (page, by_title) = if text.is_empty() {
        (state.app.articles(&viewer.caller, &query).await, None)
    } else {
        match text_page(&state, &viewer, &query, text).await {
            Ok(TextMatch::Search(p)) => (Ok(p), None),
            Ok(TextMatch::Titles(p)) => (Ok(p), Some(text.to_string())),
            Err(e) => (Err(e), None),
        }
    };
    let page = page.map_err(|e| page_error(e, tr))?;
    let searched = !text.is_empty() && by_title.is_none();
    // The count of each status under the other filters, where the database can count it:
    // the search does not count by status, so its matches show no counts.
    let mut counts = Vec::new();
    for s in ArticleStatus::ALL {
        let count = if searched {
            None
        } else {
            let q = ArticleQuery {
                status: Some(*s),
                title_contains: by_title.clone(),
                page: 1,
                per_page: 1,
                ..query.clone()
            };
            Some(
                state
                    .app
                    .articles(&viewer.caller, &q)
                    .await
                    .map_err(|e| page_error(e, tr))?
                    .total,
            )
        };
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
