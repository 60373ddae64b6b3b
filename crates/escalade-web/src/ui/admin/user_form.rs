//! The user form shared by "new user" and "edit user": what was typed (or stored), the options
//! of its selects, and its translation into the service's `CreateUser` and `ChangeUser`. Roles
//! are one checkbox per role (`role-<id>`) with a scope select beside it (`scope-<id>`).

use escalade_app::AppError;
use escalade_app::directory::{ChangeUser, CreateUser};
use escalade_core::authz::{Grant, Scope};
use escalade_core::ids::DepartmentId;
use escalade_core::people::{Language, UserKind};
use escalade_store::directory::UserRow;
use escalade_store::roles::RoleRow;

use super::roles::role_description;
use super::{Choice, Fields, choices, page_error, scope_choices};
use crate::state::AppState;
use crate::ui::page::{PageError, native_name};
use crate::ui::session::Viewer;

/// The user form's values as text, exactly as typed or as stored.
#[derive(Debug, Clone)]
pub struct UserDraft {
    login: String,
    display_name: String,
    email: String,
    kind: String,
    department: String,
    language: String,
    time_zone: String,
    vip: bool,
    password: String,
    /// Ticked roles by name, with the scope chosen for each.
    grants: Vec<(String, String)>,
}

impl UserDraft {
    /// An empty form: a requester speaking English in UTC.
    pub fn blank() -> Self {
        Self {
            login: String::new(),
            display_name: String::new(),
            email: String::new(),
            kind: UserKind::Requester.as_str().into(),
            department: String::new(),
            language: Language::En.as_str().into(),
            time_zone: "UTC".into(),
            vip: false,
            password: String::new(),
            grants: Vec::new(),
        }
    }

    /// A stored user and their roles.
    pub fn of_user(u: &UserRow, grants: &[Grant]) -> Self {
        Self {
            login: u.login.clone(),
            display_name: u.display_name.clone(),
            email: u.email.clone().unwrap_or_default(),
            kind: u.kind.clone(),
            department: u.department_id.map(|d| d.to_string()).unwrap_or_default(),
            language: u.language.clone(),
            time_zone: u.time_zone.clone(),
            vip: u.vip,
            password: String::new(),
            grants: grants
                .iter()
                .map(|g| (g.role.clone(), g.scope.as_str().to_string()))
                .collect(),
        }
    }

    /// What the browser posted; role checkboxes name roles by id.
    pub fn from_fields(f: &Fields, roles: &[RoleRow]) -> Self {
        Self {
            login: f.get("login").to_string(),
            display_name: f.get("display_name").to_string(),
            email: f.get("email").to_string(),
            kind: f.get("kind").to_string(),
            department: f.get("department_id").to_string(),
            language: f.get("language").to_string(),
            time_zone: f.get("time_zone").to_string(),
            vip: f.ticked("vip"),
            password: f.get("password").to_string(),
            grants: roles
                .iter()
                .filter(|r| f.ticked(&format!("role-{}", r.id)))
                .map(|r| {
                    (
                        r.name.clone(),
                        f.get(&format!("scope-{}", r.id)).to_string(),
                    )
                })
                .collect(),
        }
    }

    fn kind(&self) -> Result<UserKind, AppError> {
        Ok(UserKind::parse(&self.kind)?)
    }

    fn department(&self) -> Result<Option<DepartmentId>, AppError> {
        let d = self.department.trim();
        if d.is_empty() {
            return Ok(None);
        }
        d.parse::<i64>()
            .map(|d| Some(DepartmentId(d)))
            .map_err(|_| {
                AppError::invalid("department_id", "unknown", "there is no such department")
            })
    }

    fn roles(&self) -> Result<Vec<(String, Scope)>, AppError> {
        self.grants
            .iter()
            .map(|(role, scope)| Ok((role.clone(), Scope::parse(scope)?)))
            .collect()
    }

    /// The service's input to create this user; no role ticked means the kind's default role.
    pub fn to_create(&self) -> Result<CreateUser, AppError> {
        Ok(CreateUser {
            login: self.login.clone(),
            display_name: self.display_name.clone(),
            email: Some(self.email.clone()),
            kind: Some(self.kind()?),
            department: self.department()?,
            language: Some(self.language.clone()),
            time_zone: Some(self.time_zone.clone()),
            vip: self.vip,
            password: Some(self.password.clone()).filter(|p| !p.is_empty()),
            roles: self.roles()?,
        })
    }

    /// The service's input to change a user to these values (roles replaced as a whole).
    pub fn to_change(&self) -> Result<ChangeUser, AppError> {
        let email = self.email.trim();
        Ok(ChangeUser {
            display_name: Some(self.display_name.clone()),
            email: Some(Some(email.to_string()).filter(|e| !e.is_empty())),
            kind: Some(self.kind()?),
            department: Some(self.department()?),
            language: Some(self.language.clone()),
            time_zone: Some(self.time_zone.clone()),
            vip: Some(self.vip),
            active: None,
            password: None,
            roles: Some(self.roles()?),
        })
    }
}

/// One role of the form: its checkbox and its scope.
pub struct RoleChoice {
    /// Role id (field names `role-<id>`, `scope-<id>`).
    pub id: i64,
    /// Name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Whether the user holds it.
    pub checked: bool,
    /// Scope options.
    pub scopes: Vec<Choice>,
}

/// Everything the form's template shows.
pub struct UserForm {
    /// Login (read-only when editing).
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// E-mail.
    pub email: String,
    /// VIP.
    pub vip: bool,
    /// Requester or agent.
    pub kinds: Vec<Choice>,
    /// Departments, with "none" first.
    pub departments: Vec<Choice>,
    /// The four languages.
    pub languages: Vec<Choice>,
    /// Every IANA zone.
    pub zones: Vec<Choice>,
    /// Every role with the user's scope.
    pub roles: Vec<RoleChoice>,
}

impl UserForm {
    /// The form for these values, with the current departments and roles.
    pub async fn load(
        state: &AppState,
        viewer: &Viewer,
        d: &UserDraft,
    ) -> Result<UserForm, PageError> {
        let tr = &viewer.tr;
        let roles = state
            .app
            .list_roles(&viewer.caller)
            .await
            .map_err(|e| page_error(e, tr))?;
        let departments = state
            .app
            .list_departments(&viewer.caller)
            .await
            .map_err(|e| page_error(e, tr))?;
        let mut dept = vec![(String::new(), tr.get("admin-none"))];
        dept.extend(departments.into_iter().map(|x| (x.id.to_string(), x.name)));
        Ok(UserForm {
            login: d.login.clone(),
            display_name: d.display_name.clone(),
            email: d.email.clone(),
            vip: d.vip,
            kinds: choices(
                [UserKind::Requester, UserKind::Agent]
                    .into_iter()
                    .map(|k| (k.as_str().to_string(), tr.word("admin-kind", k.as_str()))),
                &d.kind,
            ),
            departments: choices(dept, &d.department),
            languages: choices(
                Language::ALL
                    .iter()
                    .map(|l| (l.as_str().to_string(), native_name(*l).to_string())),
                &d.language,
            ),
            zones: choices(
                chrono_tz::TZ_VARIANTS
                    .iter()
                    .map(|z| (z.name().to_string(), z.name().to_string())),
                &d.time_zone,
            ),
            roles: roles
                .iter()
                .map(|r| {
                    let held = d.grants.iter().find(|(name, _)| *name == r.name);
                    // An unticked role offers the scope it would most often be given.
                    let default = if r.name == "requester" { "own" } else { "all" };
                    RoleChoice {
                        id: r.id,
                        name: r.name.clone(),
                        description: role_description(tr, r),
                        checked: held.is_some(),
                        scopes: scope_choices(tr, held.map(|h| h.1.as_str()).unwrap_or(default)),
                    }
                })
                .collect(),
        })
    }
}
