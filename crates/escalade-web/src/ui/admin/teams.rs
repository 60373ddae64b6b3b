//! The organisation of the desk: departments (`admin.departments`: list, create, rename) and
//! support groups (`admin.groups`: list with their level, create, edit name, level and the
//! security-team flag, add and remove member agents).

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::authz::Permission;
use escalade_core::ids::{DepartmentId, GroupId, UserId};
use serde::Deserialize;

use super::{
    Choice, Outcome, Pager, SavedQuery, choices, flash, gate, outcome, page_error, page_number,
    page_of, path_id, render_status,
};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError};
use crate::ui::session::Viewer;

const PER_PAGE: i64 = 50;

/// A refusal to show beside one form of a page: which form, what was typed, the sentence.
#[derive(Default)]
struct Refusal {
    /// `None` for the create form, else the id of the row or member form.
    target: Option<i64>,
    typed: String,
    status: Option<StatusCode>,
    message: Option<String>,
}

impl Refusal {
    fn new(target: Option<i64>, typed: &str, status: StatusCode, message: String) -> Self {
        Self {
            target,
            typed: typed.to_string(),
            status: Some(status),
            message: Some(message),
        }
    }

    fn status(&self) -> StatusCode {
        self.status.unwrap_or(StatusCode::OK)
    }
}

/// A department in the list with its rename form.
pub struct DepartmentLine {
    id: i64,
    name: String,
    typed: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/departments.html")]
struct DepartmentsPage {
    c: Chrome,
    page: i64,
    departments: Vec<DepartmentLine>,
    pager: Pager,
    new_name: String,
    error: Option<String>,
}

async fn departments_page(
    state: &AppState,
    viewer: &Viewer,
    page: i64,
    refusal: Refusal,
    flash_line: Option<String>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let all = state
        .app
        .list_departments(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let total = all.len() as i64;
    let status = refusal.status();
    let departments = page_of(all, page, PER_PAGE)
        .into_iter()
        .map(|d| {
            let mine = refusal.target == Some(d.id);
            DepartmentLine {
                typed: if mine {
                    refusal.typed.clone()
                } else {
                    d.name.clone()
                },
                error: if mine { refusal.message.clone() } else { None },
                id: d.id,
                name: d.name,
            }
        })
        .collect();
    let creating = refusal.target.is_none();
    let pager = Pager::new(
        tr,
        "admin-departments-total",
        "/admin/departments",
        &[],
        page,
        PER_PAGE,
        total,
    );
    Ok(render_status(
        &DepartmentsPage {
            c: viewer
                .chrome(tr.get("admin-departments-title"))
                .with_flash(flash_line),
            page,
            departments,
            pager,
            new_name: if creating {
                refusal.typed.clone()
            } else {
                String::new()
            },
            error: if creating { refusal.message } else { None },
        },
        status,
    ))
}

/// GET /admin/departments
pub async fn departments(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminDepartments)?;
    let line = flash(&viewer.tr, q.saved.as_deref());
    let page = page_number(q.page.as_deref());
    departments_page(&state, &viewer, page, Refusal::default(), line).await
}

/// A form with a name (and the list page to come back to).
#[derive(Deserialize)]
pub struct NameForm {
    name: String,
    page: Option<String>,
}

/// POST /admin/departments
pub async fn create_department(
    State(state): State<AppState>,
    posted: Posted<NameForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminDepartments)?;
    match state
        .app
        .create_department(&viewer.caller, &form.name)
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/departments?saved=department-created").into_response()),
        Err(e) => {
            let page = page_number(form.page.as_deref());
            let refusal = refused(e, &viewer.tr, None, &form.name)?;
            departments_page(&state, &viewer, page, refusal, None).await
        }
    }
}

/// POST /admin/departments/{id}: rename.
pub async fn rename_department(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<NameForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminDepartments)?;
    let id = path_id(&id, &viewer.tr)?;
    let page = page_number(form.page.as_deref());
    match state
        .app
        .rename_department(&viewer.caller, DepartmentId(id), &form.name)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!(
            "/admin/departments?page={page}&saved=department-renamed"
        ))
        .into_response()),
        Err(e) => {
            let refusal = refused(e, &viewer.tr, Some(id), &form.name)?;
            departments_page(&state, &viewer, page, refusal, None).await
        }
    }
}

/// A refused input becomes a refusal to show; anything else ends the page.
fn refused(e: AppError, tr: &Tr, target: Option<i64>, typed: &str) -> Result<Refusal, PageError> {
    match outcome(e, tr) {
        Outcome::Refused(status, message) => Ok(Refusal::new(target, typed, status, message)),
        Outcome::Page(p) => Err(p),
    }
}

/// The level options 0-3 in the reader's words.
fn level_choices(tr: &Tr, current: &str) -> Vec<Choice> {
    choices(
        (0..=3).map(|l| (l.to_string(), tr.word("admin-level", &l.to_string()))),
        current,
    )
}

/// A group in the list.
pub struct GroupLine {
    id: i64,
    name: String,
    level: String,
    security_team: bool,
}

/// The group form's values as typed or stored.
pub struct GroupDraft {
    name: String,
    levels: Vec<Choice>,
    security_team: bool,
}

/// The group form.
#[derive(Deserialize)]
pub struct GroupForm {
    name: String,
    level: String,
    security_team: Option<String>,
}

impl GroupForm {
    fn level(&self) -> Result<i64, AppError> {
        self.level
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("level", "unknown_value", "a level is 0, 1, 2 or 3"))
    }

    fn draft(&self, tr: &Tr) -> GroupDraft {
        GroupDraft {
            name: self.name.clone(),
            levels: level_choices(tr, self.level.trim()),
            security_team: self.security_team.is_some(),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/groups.html")]
struct GroupsPage {
    c: Chrome,
    groups: Vec<GroupLine>,
    pager: Pager,
    d: GroupDraft,
    error: Option<String>,
}

async fn groups_page(
    state: &AppState,
    viewer: &Viewer,
    page: i64,
    draft: Option<GroupDraft>,
    error: Option<(StatusCode, String)>,
    flash_line: Option<String>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let all = state
        .app
        .list_groups(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let total = all.len() as i64;
    let groups = page_of(all, page, PER_PAGE)
        .into_iter()
        .map(|g| GroupLine {
            id: g.id,
            name: g.name,
            level: tr.word("admin-level", &g.level.to_string()),
            security_team: g.security_team,
        })
        .collect();
    let pager = Pager::new(
        tr,
        "admin-groups-total",
        "/admin/groups",
        &[],
        page,
        PER_PAGE,
        total,
    );
    let d = draft.unwrap_or_else(|| GroupDraft {
        name: String::new(),
        levels: level_choices(tr, "1"),
        security_team: false,
    });
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    Ok(render_status(
        &GroupsPage {
            c: viewer
                .chrome(tr.get("admin-groups-title"))
                .with_flash(flash_line),
            groups,
            pager,
            d,
            error: error.map(|e| e.1),
        },
        status,
    ))
}

/// GET /admin/groups
pub async fn groups(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminGroups)?;
    let line = flash(&viewer.tr, q.saved.as_deref());
    groups_page(
        &state,
        &viewer,
        page_number(q.page.as_deref()),
        None,
        None,
        line,
    )
    .await
}

/// POST /admin/groups
pub async fn create_group(
    State(state): State<AppState>,
    posted: Posted<GroupForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminGroups)?;
    let result = match form.level() {
        Ok(level) => {
            let security = form.security_team.is_some();
            state
                .app
                .create_group(Some(&viewer.caller), &form.name, level, security)
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(g) => Ok(
            Redirect::to(&format!("/admin/groups/{}?saved=group-created", g.id)).into_response(),
        ),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                let d = form.draft(&viewer.tr);
                groups_page(&state, &viewer, 1, Some(d), Some((status, message)), None).await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

/// A member of a group.
pub struct MemberLine {
    id: i64,
    login: String,
    name: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/group.html")]
struct GroupPage {
    c: Chrome,
    id: i64,
    title: String,
    d: GroupDraft,
    error: Option<String>,
    members_heading: String,
    members: Vec<MemberLine>,
    candidates: Vec<Choice>,
    member_error: Option<String>,
    can_users: bool,
    can_audit: bool,
}

/// What the group page shows besides the stored group.
#[derive(Default)]
struct GroupState {
    draft: Option<GroupDraft>,
    error: Option<(StatusCode, String)>,
    member_error: Option<(StatusCode, String)>,
    flash: Option<String>,
}

async fn group_page(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    s: GroupState,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let (g, members) = state
        .app
        .group_roster(&viewer.caller, GroupId(id))
        .await
        .map_err(|e| page_error(e, tr))?;
    let agents = state
        .app
        .agents_to_join(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let candidates = agents
        .into_iter()
        .filter(|a| !members.iter().any(|m| m.id == a.id))
        .map(|a| Choice {
            value: a.id.to_string(),
            label: format!("{} ({})", a.display_name, a.login),
            selected: false,
        })
        .collect();
    let d = s.draft.unwrap_or_else(|| GroupDraft {
        name: g.name.clone(),
        levels: level_choices(tr, &g.level.to_string()),
        security_team: g.security_team,
    });
    let status = [&s.error, &s.member_error]
        .into_iter()
        .flatten()
        .map(|e| e.0)
        .next()
        .unwrap_or(StatusCode::OK);
    Ok(render_status(
        &GroupPage {
            c: viewer.chrome(g.name.clone()).with_flash(s.flash),
            id,
            title: g.name,
            d,
            error: s.error.map(|e| e.1),
            members_heading: tr.count("admin-group-members", "count", members.len() as i64),
            members: members
                .into_iter()
                .map(|m| MemberLine {
                    id: m.id,
                    login: m.login,
                    name: m.display_name,
                    active: m.active,
                })
                .collect(),
            candidates,
            member_error: s.member_error.map(|e| e.1),
            can_users: viewer.caller.has(Permission::AdminUsers),
            can_audit: viewer.caller.has(Permission::AuditRead),
        },
        status,
    ))
}

/// GET /admin/groups/{id}
pub async fn group(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminGroups)?;
    let id = path_id(&id, &viewer.tr)?;
    let s = GroupState {
        flash: flash(&viewer.tr, q.saved.as_deref()),
        ..Default::default()
    };
    group_page(&state, &viewer, id, s).await
}

/// POST /admin/groups/{id}: name, level, security-team flag.
pub async fn update_group(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<GroupForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminGroups)?;
    let id = path_id(&id, &viewer.tr)?;
    let result = match form.level() {
        Ok(level) => {
            let security = form.security_team.is_some();
            state
                .app
                .update_group(
                    &viewer.caller,
                    GroupId(id),
                    Some(&form.name),
                    Some(level),
                    Some(security),
                )
                .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => {
            Ok(Redirect::to(&format!("/admin/groups/{id}?saved=group-updated")).into_response())
        }
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                let s = GroupState {
                    draft: Some(form.draft(&viewer.tr)),
                    error: Some((status, message)),
                    ..Default::default()
                };
                group_page(&state, &viewer, id, s).await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

/// The "add a member" form.
#[derive(Deserialize)]
pub struct MemberForm {
    user_id: String,
}

/// POST /admin/groups/{id}/members
pub async fn add_member(
    State(state): State<AppState>,
    Path(id): Path<String>,
    posted: Posted<MemberForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminGroups)?;
    let id = path_id(&id, &viewer.tr)?;
    let user = form
        .user_id
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::invalid("user_id", "unknown", "choose an agent to add"));
    let result = match user {
        Ok(u) => {
            state
                .app
                .set_member(Some(&viewer.caller), GroupId(id), UserId(u), true)
                .await
        }
        Err(e) => Err(e),
    };
    membership_answer(state, viewer, id, result, "member-added").await
}

/// POST /admin/groups/{id}/members/{user}/remove
pub async fn remove_member(
    State(state): State<AppState>,
    Path((id, user)): Path<(String, String)>,
    posted: Posted<super::super::account::EmptyForm>,
) -> Result<Response, PageError> {
    let viewer = posted.viewer;
    gate(&viewer, Permission::AdminGroups)?;
    let id = path_id(&id, &viewer.tr)?;
    let user = path_id(&user, &viewer.tr)?;
    let result = state
        .app
        .set_member(Some(&viewer.caller), GroupId(id), UserId(user), false)
        .await;
    membership_answer(state, viewer, id, result, "member-removed").await
}

async fn membership_answer<T>(
    state: AppState,
    viewer: Viewer,
    id: i64,
    result: Result<T, AppError>,
    saved: &str,
) -> Result<Response, PageError> {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/admin/groups/{id}?saved={saved}")).into_response()),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                let s = GroupState {
                    member_error: Some((status, message)),
                    ..Default::default()
                };
                group_page(&state, &viewer, id, s).await
            }
            Outcome::Page(p) => Err(p),
        },
    }
}
