//! Users (`admin.users`): the list with search, kind filter and paging; creating a user with
//! their roles and scopes; editing everything but the login; disabling and enabling (which
//! ends their sessions, by the service); resetting the password. The form's fields and their
//! translation into service inputs are in `user_form`.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::directory::ChangeUser;
use escalade_core::authz::Permission;
use escalade_core::ids::UserId;
use escalade_core::people::UserKind;
use escalade_store::directory::GroupRow;
use serde::Deserialize;

use super::user_form::{UserDraft, UserForm};
use super::{
    Choice, Fields, Outcome, Pager, SavedQuery, choices, flash, gate, outcome, page_error,
    page_number, path_id, render_status,
};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

const PER_PAGE: i64 = 25;

/// `?q=&kind=&page=` on the list.
#[derive(Deserialize, Default)]
pub struct UsersQuery {
    q: Option<String>,
    kind: Option<String>,
    page: Option<String>,
}

/// One line of the list.
pub struct UserLine {
    id: i64,
    login: String,
    name: String,
    email: String,
    kind: String,
    department: String,
    active: bool,
    vip: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    c: Chrome,
    q: String,
    kinds: Vec<Choice>,
    users: Vec<UserLine>,
    pager: Pager,
}

/// GET /admin/users
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<UsersQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminUsers)?;
    let tr = &viewer.tr;
    let text = q.q.unwrap_or_default();
    let kind_raw = q.kind.unwrap_or_default();
    let kind = UserKind::parse(&kind_raw).ok();
    let page = page_number(q.page.as_deref());
    let (rows, total) = state
        .app
        .users(&viewer.caller, kind, Some(&text), page, PER_PAGE)
        .await
        .map_err(|e| page_error(e, tr))?;
    let departments = state
        .app
        .list_departments(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let users = rows
        .into_iter()
        .map(|u| UserLine {
            department: u
                .department_id
                .and_then(|d| departments.iter().find(|x| x.id == d))
                .map(|d| d.name.clone())
                .unwrap_or_default(),
            kind: tr.word("admin-kind", &u.kind),
            id: u.id,
            login: u.login,
            name: u.display_name,
            email: u.email.unwrap_or_default(),
            active: u.active,
            vip: u.vip,
        })
        .collect();
    let kind_value = kind.map(UserKind::as_str).unwrap_or("");
    let pager = Pager::new(
        tr,
        "admin-users-total",
        "/admin/users",
        &[("q", text.as_str()), ("kind", kind_value)],
        page,
        PER_PAGE,
        total,
    );
    let mut kinds = vec![(String::new(), tr.get("admin-kind-any"))];
    kinds.extend(
        [UserKind::Requester, UserKind::Agent]
            .into_iter()
            .map(|k| (k.as_str().to_string(), tr.word("admin-kind", k.as_str()))),
    );
    Ok(render(&UsersPage {
        c: viewer.chrome(tr.get("admin-users-title")),
        q: text,
        kinds: choices(kinds, kind_value),
        users,
        pager,
    }))
}

#[derive(Template)]
#[template(path = "admin/user_new.html")]
struct NewUserPage {
    c: Chrome,
    f: UserForm,
    error: Option<String>,
}

async fn new_page(
    state: &AppState,
    viewer: &Viewer,
    draft: &UserDraft,
    error: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let f = UserForm::load(state, viewer, draft).await?;
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    Ok(render_status(
        &NewUserPage {
            c: viewer.chrome(viewer.tr.get("admin-user-new-title")),
            f,
            error: error.map(|e| e.1),
        },
        status,
    ))
}

/// GET /admin/users/new
pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminUsers)?;
    new_page(&state, &viewer, &UserDraft::blank(), None).await
}

/// POST /admin/users
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminUsers)?;
    let roles = state
        .app
        .list_roles(&viewer.caller)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let draft = UserDraft::from_fields(&Fields(form), &roles);
    let result = match draft.to_create() {
        Ok(input) => state.app.create_user(Some(&viewer.caller), input).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(u) => {
            Ok(Redirect::to(&format!("/admin/users/{}?saved=user-created", u.id)).into_response())
        }
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                new_page(&state, &viewer, &draft, Some((status, message))).await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

/// A group the user belongs to, as the edit page lists it.
pub struct GroupLine {
    id: i64,
    name: String,
    level: String,
}

#[derive(Template)]
#[template(path = "admin/user_edit.html")]
struct EditUserPage {
    c: Chrome,
    id: i64,
    login: String,
    active: bool,
    created: String,
    created_iso: String,
    f: UserForm,
    error: Option<String>,
    account_error: Option<String>,
    groups: Vec<GroupLine>,
    can_groups: bool,
    can_audit: bool,
}

/// What the edit page shows besides the stored user: typed values and messages.
#[derive(Default)]
struct EditState {
    draft: Option<UserDraft>,
    error: Option<(StatusCode, String)>,
    account_error: Option<(StatusCode, String)>,
    flash: Option<String>,
}

async fn edit_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    s: EditState,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let user = state
        .app
        .user(&viewer.caller, UserId(id))
        .await
        .map_err(|e| page_error(e, tr))?;
    let draft = match s.draft {
        Some(d) => d,
        None => {
            let grants = state
                .app
                .user_roles(UserId(id))
                .await
                .map_err(|e| page_error(e, tr))?;
            UserDraft::of_user(&user, &grants)
        }
    };
    let f = UserForm::load(state, viewer, &draft).await?;
    let groups: Vec<GroupRow> = state
        .app
        .user_groups(UserId(id))
        .await
        .map_err(|e| page_error(e, tr))?;
    let status = [&s.error, &s.account_error]
        .into_iter()
        .flatten()
        .map(|e| e.0)
        .next()
        .unwrap_or(StatusCode::OK);
    Ok(render_status(
        &EditUserPage {
            c: viewer
                .chrome(tr.arg("admin-user-edit-title", "login", &user.login))
                .with_flash(s.flash),
            id,
            login: user.login.clone(),
            active: user.active,
            created: tr.datetime(&user.created_at),
            created_iso: tr.iso(&user.created_at),
            f,
            error: s.error.map(|e| e.1),
            account_error: s.account_error.map(|e| e.1),
            groups: groups
                .into_iter()
                .map(|g| GroupLine {
                    id: g.id,
                    name: g.name,
                    level: tr.arg("level-name", "level", g.level),
                })
                .collect(),
            can_groups: viewer.caller.has(Permission::AdminGroups),
            can_audit: viewer.caller.has(Permission::AuditRead),
        },
        status,
    ))
}

/// GET /admin/users/{id}
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminUsers)?;
    let id = path_id(&id, &viewer.tr)?;
    let s = EditState {
        flash: flash(&viewer.tr, q.saved.as_deref()),
        ..Default::default()
    };
    edit_page(&state, &viewer, id, s).await
}

/// POST /admin/users/{id}: everything but the login, the account state and the password.
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminUsers)?;
    let id = path_id(&id, &viewer.tr)?;
    let roles = state
        .app
        .list_roles(&viewer.caller)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let draft = UserDraft::from_fields(&Fields(form), &roles);
    let result = match draft.to_change() {
        Ok(ch) => state.app.change_user(&viewer.caller, UserId(id), ch).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/users/{id}?saved=user-updated")).into_response()),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                let s = EditState {
                    draft: Some(draft),
                    error: Some((status, message)),
                    ..Default::default()
                };
                edit_page(&state, &viewer, id, s).await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

/// The enable/disable form.
#[derive(Deserialize)]
pub struct ActiveForm {
    active: String,
    confirm: Option<String>,
}

/// POST /admin/users/{id}/active: disabling needs the confirmation box ticked, so that it
/// cannot happen by a stray click even without script; the service refuses disabling oneself.
pub async fn set_active(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<ActiveForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminUsers)?;
    let id = path_id(&id, &viewer.tr)?;
    let active = form.active == "true";
    if !active && form.confirm.as_deref() != Some("yes") {
        let s = EditState {
            account_error: Some((
                StatusCode::UNPROCESSABLE_ENTITY,
                viewer.tr.get("admin-user-confirm-disable"),
            )),
            ..Default::default()
        };
        return edit_page(&state, &viewer, id, s).await;
    }
    let ch = ChangeUser {
        active: Some(active),
        ..Default::default()
    };
    account_change(
        state,
        viewer,
        id,
        ch,
        if active {
            "user-enabled"
        } else {
            "user-disabled"
        },
    )
    .await
}

/// The password reset form.
#[derive(Deserialize)]
pub struct PasswordForm {
    password: String,
    confirm_password: String,
}

/// POST /admin/users/{id}/password: a new password, which also ends their sessions.
pub async fn reset_password(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<PasswordForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminUsers)?;
    let id = path_id(&id, &viewer.tr)?;
    if form.password != form.confirm_password {
        let s = EditState {
            account_error: Some((
                StatusCode::UNPROCESSABLE_ENTITY,
                viewer.tr.get("account-mismatch"),
            )),
            ..Default::default()
        };
        return edit_page(&state, &viewer, id, s).await;
    }
    let ch = ChangeUser {
        password: Some(form.password),
        ..Default::default()
    };
    account_change(state, viewer, id, ch, "password-reset").await
}

async fn account_change(
    state: AppState,
    viewer: Viewer,
    id: i64,
    ch: ChangeUser,
    saved: &str,
) -> Result<Response, PageError> {
    match state.app.change_user(&viewer.caller, UserId(id), ch).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/users/{id}?saved={saved}")).into_response()),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                let s = EditState {
                    account_error: Some((status, message)),
                    ..Default::default()
                };
                edit_page(&state, &viewer, id, s).await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}
