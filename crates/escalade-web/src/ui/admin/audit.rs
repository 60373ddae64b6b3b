//! The audit log (`audit.read`): every administrative change with who made it and when (in the
//! reader's time zone), filtered by action and by object, newest first, paged. Auditors read
//! it without being able to change anything.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use escalade_core::authz::Permission;
use escalade_store::admin_views::{AuditFilter, AuditView};
use serde::Deserialize;

use super::{Choice, Pager, choices, gate, page_error, page_number};
use crate::state::AppState;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

const PER_PAGE: i64 = 50;

/// `?action=&object=&id=&page=`.
#[derive(Deserialize, Default)]
pub struct AuditQuery {
    action: Option<String>,
    object: Option<String>,
    id: Option<String>,
    page: Option<String>,
}

/// One change as the log shows it.
pub struct AuditLine {
    id: i64,
    when: String,
    when_iso: String,
    who: String,
    who_login: Option<String>,
    action: String,
    action_code: String,
    object: String,
    object_href: Option<String>,
    details: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    c: Chrome,
    actions: Vec<Choice>,
    objects: Vec<Choice>,
    object_id: String,
    lines: Vec<AuditLine>,
    pager: Pager,
}

/// An action in the reader's words (`admin-action-user-update`), else its code.
fn action_label(tr: &Tr, action: &str) -> String {
    tr.try_get(&format!("admin-action-{}", action.replace(['.', '_'], "-")))
        .unwrap_or_else(|| action.to_string())
}

/// A kind of object in the reader's words (`admin-object-user`), else its code.
fn object_label(tr: &Tr, object: &str) -> String {
    tr.try_get(&format!("admin-object-{}", object.replace('_', "-")))
        .unwrap_or_else(|| object.to_string())
}

/// Where the object of a change is administered, when the viewer may go there.
fn object_href(viewer: &Viewer, kind: &str, id: &str) -> Option<String> {
    let may = |p: Permission| viewer.caller.has(p);
    let numeric = id.parse::<i64>().is_ok();
    match kind {
        "user" if numeric && may(Permission::AdminUsers) => Some(format!("/admin/users/{id}")),
        "group" if numeric && may(Permission::AdminGroups) => Some(format!("/admin/groups/{id}")),
        "role" if numeric && may(Permission::AdminRoles) => Some(format!("/admin/roles/{id}")),
        "category" if numeric && may(Permission::AdminCategories) => {
            Some(format!("/admin/categories/{id}"))
        }
        "department" if may(Permission::AdminDepartments) => Some("/admin/departments".into()),
        "settings" if may(Permission::AdminSettings) => Some("/admin/matrix".into()),
        _ => None,
    }
}

fn line(viewer: &Viewer, a: AuditView) -> AuditLine {
    let tr = &viewer.tr;
    let who = match (&a.actor_name, a.actor_id) {
        (Some(name), _) => name.clone(),
        (None, Some(id)) => format!("#{id}"),
        (None, None) => tr.get("admin-audit-system"),
    };
    AuditLine {
        when: tr.datetime(&a.created_at),
        when_iso: tr.iso(&a.created_at),
        who,
        who_login: a.actor_login,
        action: action_label(tr, &a.action),
        object: format!("{} {}", object_label(tr, &a.object_type), a.object_id),
        object_href: object_href(viewer, &a.object_type, &a.object_id),
        // Stored as JSON text; shown as stored, which is already compact.
        details: a.details,
        action_code: a.action,
        id: a.id,
    }
}

/// GET /admin/audit
pub async fn log(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<AuditQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AuditRead)?;
    let tr = &viewer.tr;
    let action = q.action.unwrap_or_default();
    let object = q.object.unwrap_or_default();
    let object_id = q.id.unwrap_or_default();
    let page = page_number(q.page.as_deref());
    let filter = AuditFilter {
        action: Some(action.clone()),
        object_type: Some(object.clone()),
        object_id: Some(object_id.clone()),
    };
    let (rows, total) = state
        .app
        .audit_search(&viewer.caller, &filter, page, PER_PAGE)
        .await
        .map_err(|e| page_error(e, tr))?;
    let (known_actions, known_objects) = state
        .app
        .audit_vocabulary(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let any = || (String::new(), tr.get("admin-audit-any"));
    let actions = choices(
        std::iter::once(any()).chain(
            known_actions
                .iter()
                .map(|a| (a.clone(), action_label(tr, a))),
        ),
        &action,
    );
    let objects = choices(
        std::iter::once(any()).chain(
            known_objects
                .iter()
                .map(|o| (o.clone(), object_label(tr, o))),
        ),
        &object,
    );
    let pager = Pager::new(
        tr,
        "admin-audit-total",
        "/admin/audit",
        &[
            ("action", action.as_str()),
            ("object", object.as_str()),
            ("id", object_id.as_str()),
        ],
        page,
        PER_PAGE,
        total,
    );
    Ok(render(&AuditPage {
        c: viewer.chrome(tr.get("admin-audit-title")),
        actions,
        objects,
        object_id,
        lines: rows.into_iter().map(|a| line(&viewer, a)).collect(),
        pager,
    }))
}
