//! The category tree (`admin.categories`): shown indented, a category created under any
//! parent, and each one renamed, moved (the service refuses a parent that would make a
//! cycle), restricted to the security team, or deactivated (kept for old tickets, no longer
//! offered for new ones).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::authz::Permission;
use escalade_core::ids::CategoryId;
use escalade_store::directory::CategoryRow;
use serde::Deserialize;

use super::{
    Choice, Outcome, SavedQuery, choices, flash, gate, outcome, page_error, path_id, render_status,
};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError};
use crate::ui::session::Viewer;

/// The tree in reading order: each category after its parent, siblings by name, with its depth.
/// A category whose parent is missing is shown as a root, and a cycle (which the service
/// prevents) cannot loop.
pub fn tree_order(all: &[CategoryRow]) -> Vec<(&CategoryRow, usize)> {
    let mut out = Vec::with_capacity(all.len());
    let mut seen = std::collections::HashSet::new();
    let is_root = |c: &CategoryRow| c.parent_id.is_none_or(|p| !all.iter().any(|x| x.id == p));
    let mut stack: Vec<(&CategoryRow, usize)> = Vec::new();
    // Reversed, because the stack pops the last pushed first.
    fn sorted(mut v: Vec<&CategoryRow>) -> Vec<&CategoryRow> {
        v.sort_by_key(|c| std::cmp::Reverse(c.name.to_lowercase()));
        v
    }
    stack.extend(
        sorted(all.iter().filter(|c| is_root(c)).collect())
            .into_iter()
            .map(|c| (c, 0)),
    );
    while let Some((c, depth)) = stack.pop() {
        if !seen.insert(c.id) {
            continue;
        }
        out.push((c, depth));
        let children = sorted(all.iter().filter(|x| x.parent_id == Some(c.id)).collect());
        stack.extend(children.into_iter().map(|x| (x, depth + 1)));
    }
    // Anything unreachable from a root (only a corrupt cycle) is still listed.
    for c in all {
        if !seen.contains(&c.id) {
            out.push((c, 0));
        }
    }
    out
}

/// The parent options: "top level" then the tree, indented.
fn parent_choices(tr: &Tr, all: &[CategoryRow], current: &str) -> Vec<Choice> {
    let mut items = vec![(String::new(), tr.get("admin-category-top"))];
    items.extend(tree_order(all).into_iter().map(|(c, depth)| {
        (
            c.id.to_string(),
            format!("{}{}", "— ".repeat(depth), c.name),
        )
    }));
    choices(items, current)
}

fn parent_of(raw: &str) -> Result<Option<CategoryId>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<i64>()
        .map(|p| Some(CategoryId(p)))
        .map_err(|_| AppError::invalid("parent_id", "unknown", "there is no such category"))
}

/// A category in the tree.
pub struct CategoryLine {
    id: i64,
    key: String,
    name: String,
    depth: usize,
    security: bool,
    active: bool,
}

/// The "new category" form, as typed.
#[derive(Deserialize, Default)]
pub struct NewCategoryForm {
    key: String,
    name: String,
    parent_id: String,
    security: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/categories.html")]
struct CategoriesPage {
    c: Chrome,
    total: String,
    rows: Vec<CategoryLine>,
    key: String,
    name: String,
    security: bool,
    parents: Vec<Choice>,
    error: Option<String>,
}

async fn tree_page(
    state: &AppState,
    viewer: &Viewer,
    typed: NewCategoryForm,
    error: Option<(StatusCode, String)>,
    flash_line: Option<String>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let all = state
        .app
        .categories()
        .await
        .map_err(|e| page_error(e, tr))?;
    let rows = tree_order(&all)
        .into_iter()
        .map(|(c, depth)| CategoryLine {
            id: c.id,
            key: c.key.clone(),
            name: c.name.clone(),
            depth,
            security: c.security,
            active: c.active,
        })
        .collect();
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    Ok(render_status(
        &CategoriesPage {
            c: viewer
                .chrome(tr.get("admin-categories-title"))
                .with_flash(flash_line),
            total: tr.count("admin-categories-total", "count", all.len() as i64),
            rows,
            parents: parent_choices(tr, &all, &typed.parent_id),
            key: typed.key,
            name: typed.name,
            security: typed.security.is_some(),
            error: error.map(|e| e.1),
        },
        status,
    ))
}

/// GET /admin/categories
pub async fn tree(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminCategories)?;
    let line = flash(&viewer.tr, q.saved.as_deref());
    tree_page(&state, &viewer, NewCategoryForm::default(), None, line).await
}

/// POST /admin/categories
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<NewCategoryForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminCategories)?;
    let result = match parent_of(&form.parent_id) {
        Ok(parent) => {
            state
                .app
                .create_category(
                    &viewer.caller,
                    parent,
                    &form.key,
                    &form.name,
                    form.security.is_some(),
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(c) => Ok(Redirect::to(&format!(
            "/admin/categories/{}?saved=category-created",
            c.id
        ))
        .into_response()),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                tree_page(&state, &viewer, form, Some((status, message)), None).await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

/// The category form, as typed.
#[derive(Deserialize)]
pub struct CategoryForm {
    name: String,
    parent_id: String,
    security: Option<String>,
    active: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/category.html")]
struct CategoryPage {
    c: Chrome,
    id: i64,
    key: String,
    name: String,
    parents: Vec<Choice>,
    security: bool,
    active: bool,
    error: Option<String>,
    can_audit: bool,
}

async fn category_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    typed: Option<CategoryForm>,
    error: Option<(StatusCode, String)>,
    flash_line: Option<String>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let all = state
        .app
        .categories()
        .await
        .map_err(|e| page_error(e, tr))?;
    let cur = all
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| PageError::not_found(tr))?;
    let f = typed.unwrap_or_else(|| CategoryForm {
        name: cur.name.clone(),
        parent_id: cur.parent_id.map(|p| p.to_string()).unwrap_or_default(),
        security: cur.security.then(String::new),
        active: cur.active.then(String::new),
    });
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    Ok(render_status(
        &CategoryPage {
            c: viewer.chrome(cur.name.clone()).with_flash(flash_line),
            id,
            key: cur.key.clone(),
            parents: parent_choices(tr, &all, &f.parent_id),
            name: f.name,
            security: f.security.is_some(),
            active: f.active.is_some(),
            error: error.map(|e| e.1),
            can_audit: viewer.caller.has(Permission::AuditRead),
        },
        status,
    ))
}

/// GET /admin/categories/{id}
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminCategories)?;
    let id = path_id(&id, &viewer.tr)?;
    let line = flash(&viewer.tr, q.saved.as_deref());
    category_page(&state, &viewer, id, None, None, line).await
}

/// POST /admin/categories/{id}: rename, move, restrict, (de)activate.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<CategoryForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminCategories)?;
    let id = path_id(&id, &viewer.tr)?;
    let result = match parent_of(&form.parent_id) {
        Ok(parent) => {
            state
                .app
                .update_category(
                    &viewer.caller,
                    CategoryId(id),
                    Some(parent),
                    Some(&form.name),
                    Some(form.security.is_some()),
                    Some(form.active.is_some()),
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(
            Redirect::to(&format!("/admin/categories/{id}?saved=category-updated")).into_response(),
        ),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                category_page(
                    &state,
                    &viewer,
                    id,
                    Some(form),
                    Some((status, message)),
                    None,
                )
                .await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cat(id: i64, parent: Option<i64>, name: &str) -> CategoryRow {
        CategoryRow {
            id,
            parent_id: parent,
            key: format!("k{id}"),
            name: name.into(),
            security: false,
            active: true,
        }
    }

    #[test]
    fn the_tree_reads_parent_before_children_siblings_by_name() {
        let all = vec![
            cat(1, None, "Network"),
            cat(2, None, "Hardware"),
            cat(3, Some(1), "Wi-Fi"),
            cat(4, Some(1), "VPN"),
            cat(5, Some(4), "Client"),
            cat(6, Some(99), "Orphan"),
        ];
        let order: Vec<(i64, usize)> = tree_order(&all).iter().map(|(c, d)| (c.id, *d)).collect();
        assert_eq!(order, vec![(2, 0), (1, 0), (4, 1), (5, 2), (3, 1), (6, 0)]);
    }

    #[test]
    fn a_cycle_in_stored_data_cannot_loop() {
        let all = vec![cat(1, Some(2), "A"), cat(2, Some(1), "B")];
        assert_eq!(tree_order(&all).len(), 2);
    }
}
