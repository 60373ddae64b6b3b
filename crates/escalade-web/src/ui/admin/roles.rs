//! Roles (`admin.roles`): the list, creating a role, and editing a role's description and
//! permission set as one checkbox per permission with its meaning. The service protects the
//! administrator role (it keeps `admin.roles`); its refusal is shown beside the form.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_app::bootstrap::builtin_roles;
use escalade_core::authz::Permission;
use escalade_core::ids::RoleId;
use escalade_store::roles::RoleRow;

use super::{
    Fields, Outcome, Pager, SavedQuery, flash, gate, outcome, page_error, page_number, page_of,
    path_id, perm_description, perm_label, render_status,
};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

const PER_PAGE: i64 = 50;

/// A role's description in the reader's words: a built-in role whose description is still the
/// one it shipped with is translated (`admin-role-<name>-desc`); anything an administrator
/// wrote is shown as written.
pub fn role_description(tr: &Tr, r: &RoleRow) -> String {
    let shipped = builtin_roles()
        .into_iter()
        .any(|(name, description, _)| r.builtin && name == r.name && description == r.description);
    if shipped {
        tr.try_get(&format!("admin-role-{}-desc", r.name.replace('_', "-")))
            .unwrap_or_else(|| r.description.clone())
    } else {
        r.description.clone()
    }
}

/// A role in the list.
pub struct RoleLine {
    id: i64,
    name: String,
    description: String,
    builtin: bool,
    count: String,
}

#[derive(Template)]
#[template(path = "admin/roles.html")]
struct RolesPage {
    c: Chrome,
    roles: Vec<RoleLine>,
    pager: Pager,
}

/// GET /admin/roles
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminRoles)?;
    let tr = &viewer.tr;
    let all = state
        .app
        .list_roles(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let total = all.len() as i64;
    let page = page_number(q.page.as_deref());
    let roles = page_of(all, page, PER_PAGE)
        .into_iter()
        .map(|r| RoleLine {
            description: role_description(tr, &r),
            count: tr.count(
                "admin-role-permission-count",
                "count",
                r.permission_list().len() as i64,
            ),
            id: r.id,
            name: r.name,
            builtin: r.builtin,
        })
        .collect();
    let pager = Pager::new(
        tr,
        "admin-roles-total",
        "/admin/roles",
        &[],
        page,
        PER_PAGE,
        total,
    );
    Ok(render(&RolesPage {
        c: viewer
            .chrome(tr.get("admin-roles-title"))
            .with_flash(flash(tr, q.saved.as_deref())),
        roles,
        pager,
    }))
}

/// One permission of the form.
pub struct PermissionChoice {
    code: &'static str,
    /// The code as an id suffix (`ticket-read`), easy to select.
    slug: String,
    label: String,
    description: String,
    checked: bool,
}

#[derive(Template)]
#[template(path = "admin/role.html")]
struct RolePage {
    c: Chrome,
    /// `None` for a new role.
    id: Option<i64>,
    name: String,
    description: String,
    builtin: bool,
    administrator: bool,
    permissions: Vec<PermissionChoice>,
    error: Option<String>,
    can_audit: bool,
}

/// The role form's values, as typed or stored.
struct RoleDraft {
    name: String,
    description: String,
    builtin: bool,
    checked: Vec<String>,
}

impl RoleDraft {
    fn of(r: &RoleRow) -> Self {
        Self {
            name: r.name.clone(),
            description: r.description.clone(),
            builtin: r.builtin,
            checked: r
                .permission_list()
                .iter()
                .map(|p| p.as_str().to_string())
                .collect(),
        }
    }

    fn from_fields(f: &Fields, name: Option<&str>, builtin: bool) -> Self {
        Self {
            name: name.unwrap_or(f.get("name")).to_string(),
            description: f.get("description").to_string(),
            builtin,
            checked: f.all("perm").into_iter().map(str::to_string).collect(),
        }
    }

    /// The permissions ticked; a name that is not a permission is refused, naming it.
    fn permissions(&self) -> Result<Vec<Permission>, AppError> {
        self.checked
            .iter()
            .map(|p| Ok(Permission::parse(p)?))
            .collect()
    }
}

fn role_page(
    viewer: &Viewer,
    id: Option<i64>,
    d: RoleDraft,
    error: Option<(StatusCode, String)>,
    flash_line: Option<String>,
) -> Response {
    let tr = &viewer.tr;
    let title = match id {
        Some(_) => tr.arg("admin-role-edit-title", "name", &d.name),
        None => tr.get("admin-role-new-title"),
    };
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    render_status(
        &RolePage {
            c: viewer.chrome(title).with_flash(flash_line),
            id,
            administrator: d.name == "administrator",
            permissions: Permission::ALL
                .iter()
                .map(|p| PermissionChoice {
                    code: p.as_str(),
                    slug: p.as_str().replace(['.', '_'], "-"),
                    label: perm_label(tr, *p),
                    description: perm_description(tr, *p),
                    checked: d.checked.iter().any(|c| c == p.as_str()),
                })
                .collect(),
            name: d.name,
            description: d.description,
            builtin: d.builtin,
            error: error.map(|e| e.1),
            can_audit: viewer.caller.has(Permission::AuditRead),
        },
        status,
    )
}

/// GET /admin/roles/new
pub async fn new_form(viewer: Viewer) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminRoles)?;
    let d = RoleDraft {
        name: String::new(),
        description: String::new(),
        builtin: false,
        checked: Vec::new(),
    };
    Ok(role_page(&viewer, None, d, None, None))
}

/// POST /admin/roles
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminRoles)?;
    let d = RoleDraft::from_fields(&Fields(form), None, false);
    let result = match d.permissions() {
        Ok(perms) => {
            state
                .app
                .create_role(&viewer.caller, &d.name, &d.description, perms)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(r) => {
            Ok(Redirect::to(&format!("/admin/roles/{}?saved=role-created", r.id)).into_response())
        }
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                Ok(role_page(&viewer, None, d, Some((status, message)), None))
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

async fn stored_role(state: &AppState, viewer: &Viewer, id: i64) -> Result<RoleRow, PageError> {
    state
        .app
        .list_roles(&viewer.caller)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| PageError::not_found(&viewer.tr))
}

/// GET /admin/roles/{id}
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminRoles)?;
    let id = path_id(&id, &viewer.tr)?;
    let r = stored_role(&state, &viewer, id).await?;
    let line = flash(&viewer.tr, q.saved.as_deref());
    Ok(role_page(&viewer, Some(id), RoleDraft::of(&r), None, line))
}

/// POST /admin/roles/{id}: description and the whole permission set (a role's name is its
/// identity in grants and explanations, so it does not change).
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminRoles)?;
    let id = path_id(&id, &viewer.tr)?;
    let r = stored_role(&state, &viewer, id).await?;
    let d = RoleDraft::from_fields(&Fields(form), Some(&r.name), r.builtin);
    let result = match d.permissions() {
        Ok(perms) => {
            state
                .app
                .update_role(
                    &viewer.caller,
                    RoleId(id),
                    Some(&d.description),
                    Some(perms),
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/roles/{id}?saved=role-updated")).into_response()),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => Ok(role_page(
                &viewer,
                Some(id),
                d,
                Some((status, message)),
                None,
            )),
            Outcome::Page(p) => Err(p),
        },
    }
}
