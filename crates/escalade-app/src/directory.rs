//! Directory use cases: users, departments, groups and members, categories. Changes need the
//! matching `admin.*` permission and are written to the audit log in the same transaction.

use escalade_core::authz::{Permission, Scope};
use escalade_core::category::would_cycle;
use escalade_core::ids::{CategoryId, DepartmentId, GroupId, RoleId, UserId};
use escalade_core::people::{Language, UserKind, time_zone};
use escalade_core::ticket::SupportLevel;
use escalade_core::validate;
use escalade_store::directory::{
    self as store, CategoryRow, DepartmentRow, GroupRow, NewUser, UserPatch, UserRow,
};
use escalade_store::{audit, roles};
use serde_json::json;

use crate::App;
use crate::auth::hash_password;
use crate::caller::Caller;
use crate::error::AppError;

/// Input to create a user.
#[derive(Debug, Clone, Default)]
pub struct CreateUser {
    /// Login.
    pub login: String,
    /// Display name; the login when empty.
    pub display_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Requester or agent.
    pub kind: Option<UserKind>,
    /// Department.
    pub department: Option<DepartmentId>,
    /// Language; English when not given.
    pub language: Option<String>,
    /// Time zone; UTC when not given.
    pub time_zone: Option<String>,
    /// VIP.
    pub vip: bool,
    /// Initial password (optional: a user may exist only to be a requester by mail).
    pub password: Option<String>,
    /// Roles by name with their scope; the kind's default role when empty.
    pub roles: Vec<(String, Scope)>,
}

/// Changes to a user.
#[derive(Debug, Clone, Default)]
pub struct ChangeUser {
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail (`Some(None)` clears).
    pub email: Option<Option<String>>,
    /// Kind.
    pub kind: Option<UserKind>,
    /// Department.
    pub department: Option<Option<DepartmentId>>,
    /// Language.
    pub language: Option<String>,
    /// Time zone.
    pub time_zone: Option<String>,
    /// VIP.
    pub vip: Option<bool>,
    /// Enabled.
    pub active: Option<bool>,
    /// New password.
    pub password: Option<String>,
    /// Replace the roles.
    pub roles: Option<Vec<(String, Scope)>>,
}

/// The default role of each kind of user.
pub fn default_role(kind: UserKind) -> &'static str {
    match kind {
        UserKind::Requester => "requester",
        UserKind::Agent => "agent",
    }
}

impl App {
    async fn resolve_roles(
        &self,
        wanted: &[(String, Scope)],
    ) -> Result<Vec<(RoleId, Scope)>, AppError> {
        let mut c = self.store.read().await?;
        let mut out = Vec::new();
        for (name, scope) in wanted {
            let r = roles::by_name(&mut c, name).await?.ok_or_else(|| {
                AppError::invalid(
                    "roles",
                    "unknown_role",
                    format!("there is no role named '{name}'"),
                )
            })?;
            out.push((RoleId(r.id), *scope));
        }
        Ok(out)
    }

    /// Creates a user (`admin.users`, or `None` as caller for the command line's bootstrap).
    pub async fn create_user(
        &self,
        caller: Option<&Caller>,
        u: CreateUser,
    ) -> Result<UserRow, AppError> {
        if let Some(c) = caller {
            c.require(Permission::AdminUsers)?;
        }
        let login = validate::login(&u.login)?;
        let display_name = if u.display_name.trim().is_empty() {
            login.clone()
        } else {
            validate::required_line("display_name", &u.display_name, 200)?
        };
        let email = u
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(validate::email)
            .transpose()?;
        let kind = u.kind.unwrap_or(UserKind::Requester);
        let language = Language::parse(u.language.as_deref().unwrap_or("en"))?
            .as_str()
            .to_string();
        let tz = time_zone(u.time_zone.as_deref().unwrap_or("UTC"))?;
        let password_hash = u.password.as_deref().map(hash_password).transpose()?;
        if let Some(d) = u.department {
            let mut c = self.store.read().await?;
            store::department(&mut c, d).await?.ok_or_else(|| {
                AppError::invalid(
                    "department_id",
                    "unknown",
                    format!("there is no department {d}"),
                )
            })?;
        }
        let wanted = if u.roles.is_empty() {
            vec![(
                default_role(kind).to_string(),
                if kind == UserKind::Agent {
                    Scope::All
                } else {
                    Scope::Own
                },
            )]
        } else {
            u.roles
        };
        let grants = self.resolve_roles(&wanted).await?;
        let new = NewUser {
            login,
            display_name,
            email,
            kind: kind.as_str().into(),
            department: u.department,
            language,
            time_zone: tz,
            vip: u.vip,
            password_hash,
        };
        let now = self.clock.now();
        let actor = caller.map(Caller::id);
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_user(c, &new, now).await?;
                    for (role, scope) in &grants {
                        roles::grant(c, id, *role, *scope).await?;
                    }
                    let roles: Vec<_> = wanted
                        .iter()
                        .map(|(r, s)| json!({"role": r, "scope": s}))
                        .collect();
                    audit::record(
                        c,
                        actor,
                        "user.create",
                        "user",
                        &id.to_string(),
                        &json!({"login": new.login, "kind": new.kind, "roles": roles}),
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        let mut c = self.store.read().await?;
        store::user(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("user"))
    }

    /// Changes a user (`admin.users`). Disabling a user or changing their password ends their
    /// web sessions.
    pub async fn change_user(
        &self,
        caller: &Caller,
        id: UserId,
        ch: ChangeUser,
    ) -> Result<UserRow, AppError> {
        caller.require(Permission::AdminUsers)?;
        {
            let mut c = self.store.read().await?;
            store::user(&mut c, id)
                .await?
                .ok_or(AppError::NotFound("user"))?;
            if let Some(Some(d)) = ch.department {
                store::department(&mut c, d).await?.ok_or_else(|| {
                    AppError::invalid(
                        "department_id",
                        "unknown",
                        format!("there is no department {d}"),
                    )
                })?;
            }
        }
        if id == caller.id() && ch.active == Some(false) {
            return Err(AppError::invalid(
                "active",
                "self_disable",
                "you cannot disable your own account",
            ));
        }
        let patch = UserPatch {
            display_name: ch
                .display_name
                .as_deref()
                .map(|d| validate::required_line("display_name", d, 200))
                .transpose()?,
            email: ch
                .email
                .map(|e| {
                    e.as_deref()
                        .map(str::trim)
                        .filter(|e| !e.is_empty())
                        .map(validate::email)
                        .transpose()
                })
                .transpose()?,
            kind: ch.kind.map(|k| k.as_str().to_string()),
            department: ch.department,
            language: ch
                .language
                .as_deref()
                .map(|l| Language::parse(l).map(|l| l.as_str().to_string()))
                .transpose()?,
            time_zone: ch.time_zone.as_deref().map(time_zone).transpose()?,
            vip: ch.vip,
            active: ch.active,
            password_hash: ch.password.as_deref().map(hash_password).transpose()?,
        };
        let grants = match &ch.roles {
            Some(r) => Some(self.resolve_roles(r).await?),
            None => None,
        };
        let end_sessions = ch.active == Some(false) || ch.password.is_some();
        let details = json!({
            "fields": {
                "display_name": patch.display_name, "email": patch.email, "kind": patch.kind,
                "department": patch.department.map(|d| d.map(|d| d.0)), "language": patch.language,
                "time_zone": patch.time_zone, "vip": patch.vip, "active": patch.active,
                "password_changed": patch.password_hash.is_some(),
            },
            "roles": ch.roles.as_ref().map(|r| r.iter().map(|(n, s)| json!({"role": n, "scope": s})).collect::<Vec<_>>()),
        });
        let now = self.clock.now();
        let actor = caller.id();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_user(c, id, &patch, now).await?;
                    if let Some(grants) = grants {
                        roles::revoke_all(c, id).await?;
                        for (role, scope) in grants {
                            roles::grant(c, id, role, scope).await?;
                        }
                    }
                    if end_sessions {
                        escalade_store::tokens::delete_sessions_of(c, id).await?;
                    }
                    audit::record(
                        c,
                        Some(actor),
                        "user.update",
                        "user",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        let mut c = self.store.read().await?;
        store::user(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("user"))
    }

    /// Changes one's own password, checking the current one.
    pub async fn change_own_password(
        &self,
        caller: &Caller,
        current: &str,
        new: &str,
    ) -> Result<(), AppError> {
        let ok = caller
            .user
            .password_hash
            .as_deref()
            .is_some_and(|h| crate::auth::verify_password(current, h));
        if !ok {
            return Err(AppError::invalid(
                "current_password",
                "wrong_password",
                "the current password is wrong",
            ));
        }
        // The new password's rules are checked under the name the caller gave it.
        let hash = hash_password(new).map_err(|e| match e {
            AppError::Invalid(mut f) => {
                f.field = "new_password".into();
                AppError::Invalid(f)
            }
            e => e,
        })?;
        let id = caller.id();
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_user(
                        c,
                        id,
                        &UserPatch {
                            password_hash: Some(hash),
                            ..Default::default()
                        },
                        now,
                    )
                    .await?;
                    audit::record(
                        c,
                        Some(id),
                        "user.password",
                        "user",
                        &id.to_string(),
                        &json!({}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(())
    }

    /// Lists users (`admin.users`, or agents who open tickets for others and need to find the
    /// caller).
    pub async fn users(
        &self,
        caller: &Caller,
        kind: Option<UserKind>,
        text: Option<&str>,
        page: i64,
        per_page: i64,
    ) -> Result<(Vec<UserRow>, i64), AppError> {
        if !caller.has(Permission::TicketCreateForOthers) && !caller.has(Permission::TicketAssign) {
            caller.require(Permission::AdminUsers)?;
        }
        let mut c = self.store.read().await?;
        Ok(store::users(&mut c, kind.map(UserKind::as_str), text, page, per_page).await?)
    }

    /// One user: oneself, or anyone for those who may list users.
    pub async fn user(&self, caller: &Caller, id: UserId) -> Result<UserRow, AppError> {
        if id != caller.id()
            && !caller.has(Permission::AdminUsers)
            && !caller.has(Permission::TicketAssign)
            && !caller.has(Permission::TicketCreateForOthers)
        {
            return Err(AppError::NotFound("user"));
        }
        let mut c = self.store.read().await?;
        store::user(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("user"))
    }

    /// The roles a user holds.
    pub async fn user_roles(
        &self,
        id: UserId,
    ) -> Result<Vec<escalade_core::authz::Grant>, AppError> {
        let mut c = self.store.read().await?;
        Ok(roles::grants_of(&mut c, id).await?)
    }

    /// The groups a user belongs to.
    pub async fn user_groups(&self, id: UserId) -> Result<Vec<GroupRow>, AppError> {
        let mut c = self.store.read().await?;
        Ok(store::groups_of(&mut c, id).await?)
    }

    /// Refuses requesters: the organisation (departments, groups, roles) is read by agents and
    /// by holders of an `admin.*` permission.
    pub fn require_agent_or_admin(&self, caller: &Caller) -> Result<(), AppError> {
        const ADMIN: &[Permission] = &[
            Permission::AdminUsers,
            Permission::AdminGroups,
            Permission::AdminDepartments,
            Permission::AdminCategories,
            Permission::AdminRoles,
            Permission::AdminSettings,
        ];
        if caller.is_agent() || ADMIN.iter().any(|p| caller.has(*p)) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                "agent_or_admin",
                "only agents and administrators may read departments, groups and roles",
            ))
        }
    }

    /// Every department, for agents and administrators.
    pub async fn list_departments(&self, caller: &Caller) -> Result<Vec<DepartmentRow>, AppError> {
        self.require_agent_or_admin(caller)?;
        self.departments().await
    }

    /// Every group, for agents and administrators.
    pub async fn list_groups(&self, caller: &Caller) -> Result<Vec<GroupRow>, AppError> {
        self.require_agent_or_admin(caller)?;
        self.groups().await
    }

    /// One group with its members, for agents and administrators.
    pub async fn group_for(
        &self,
        caller: &Caller,
        id: GroupId,
    ) -> Result<(GroupRow, Vec<UserId>), AppError> {
        self.require_agent_or_admin(caller)?;
        self.group(id).await
    }

    /// Every department (no permission check: for the command line and internal use).
    pub async fn departments(&self) -> Result<Vec<DepartmentRow>, AppError> {
        let mut c = self.store.read().await?;
        Ok(store::departments(&mut c).await?)
    }

    /// Creates a department (`admin.departments`).
    pub async fn create_department(
        &self,
        caller: &Caller,
        name: &str,
    ) -> Result<DepartmentRow, AppError> {
        caller.require(Permission::AdminDepartments)?;
        let name = validate::required_line("name", name, 200)?;
        let now = self.clock.now();
        let actor = caller.id();
        let n2 = name.clone();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_department(c, &n2, now).await?;
                    let details = json!({"name": n2});
                    audit::record(
                        c,
                        Some(actor),
                        "department.create",
                        "department",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        Ok(DepartmentRow { id: id.0, name })
    }

    /// Renames a department (`admin.departments`).
    pub async fn rename_department(
        &self,
        caller: &Caller,
        id: DepartmentId,
        name: &str,
    ) -> Result<DepartmentRow, AppError> {
        caller.require(Permission::AdminDepartments)?;
        let name = validate::required_line("name", name, 200)?;
        let now = self.clock.now();
        let actor = caller.id();
        let n2 = name.clone();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::rename_department(c, id, &n2).await?;
                    let details = json!({"name": n2});
                    audit::record(
                        c,
                        Some(actor),
                        "department.rename",
                        "department",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await
            .map_err(|e| match e {
                escalade_store::StoreError::NotFound => AppError::NotFound("department"),
                e => e.into(),
            })?;
        Ok(DepartmentRow { id: id.0, name })
    }

    /// Every group (no permission check: see [`App::list_groups`]).
    pub async fn groups(&self) -> Result<Vec<GroupRow>, AppError> {
        let mut c = self.store.read().await?;
        Ok(store::groups(&mut c).await?)
    }

    /// One group with its members (no permission check: see [`App::group_for`]).
    pub async fn group(&self, id: GroupId) -> Result<(GroupRow, Vec<UserId>), AppError> {
        let mut c = self.store.read().await?;
        let g = store::group(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("group"))?;
        let m = store::members(&mut c, id).await?;
        Ok((g, m))
    }

    /// Creates a group (`admin.groups`).
    pub async fn create_group(
        &self,
        caller: Option<&Caller>,
        name: &str,
        level: i64,
        security_team: bool,
    ) -> Result<GroupRow, AppError> {
        if let Some(c) = caller {
            c.require(Permission::AdminGroups)?;
        }
        let name = validate::required_line("name", name, 200)?;
        let level = SupportLevel::new(level)?.get();
        let now = self.clock.now();
        let actor = caller.map(Caller::id);
        let n2 = name.clone();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_group(c, &n2, level, security_team, now).await?;
                    let details =
                        json!({"name": n2, "level": level, "security_team": security_team});
                    audit::record(
                        c,
                        actor,
                        "group.create",
                        "group",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        Ok(GroupRow {
            id: id.0,
            name,
            level,
            security_team,
        })
    }

    /// Changes a group (`admin.groups`).
    pub async fn update_group(
        &self,
        caller: &Caller,
        id: GroupId,
        name: Option<&str>,
        level: Option<i64>,
        security_team: Option<bool>,
    ) -> Result<GroupRow, AppError> {
        caller.require(Permission::AdminGroups)?;
        let (cur, _) = self.group(id).await?;
        let name = match name {
            Some(n) => validate::required_line("name", n, 200)?,
            None => cur.name,
        };
        let level = match level {
            Some(l) => SupportLevel::new(l)?.get(),
            None => cur.level,
        };
        let security_team = security_team.unwrap_or(cur.security_team);
        let now = self.clock.now();
        let actor = caller.id();
        let n2 = name.clone();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_group(c, id, &n2, level, security_team).await?;
                    let details =
                        json!({"name": n2, "level": level, "security_team": security_team});
                    audit::record(
                        c,
                        Some(actor),
                        "group.update",
                        "group",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(GroupRow {
            id: id.0,
            name,
            level,
            security_team,
        })
    }

    /// Adds or removes a group member (`admin.groups`).
    pub async fn set_member(
        &self,
        caller: Option<&Caller>,
        group: GroupId,
        user: UserId,
        member: bool,
    ) -> Result<Vec<UserId>, AppError> {
        if let Some(c) = caller {
            c.require(Permission::AdminGroups)?;
        }
        {
            let mut c = self.store.read().await?;
            store::group(&mut c, group)
                .await?
                .ok_or(AppError::NotFound("group"))?;
            store::user(&mut c, user).await?.ok_or_else(|| {
                AppError::invalid("user_id", "unknown", format!("there is no user {user}"))
            })?;
        }
        let actor = caller.map(Caller::id);
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    if member {
                        store::add_member(c, group, user).await?;
                    } else {
                        store::remove_member(c, group, user).await?;
                    }
                    let action = if member {
                        "group.add_member"
                    } else {
                        "group.remove_member"
                    };
                    audit::record(
                        c,
                        actor,
                        action,
                        "group",
                        &group.to_string(),
                        &json!({"user": user.0}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(self.group(group).await?.1)
    }

    /// The category tree (any signed-in user: the portal's picker needs it).
    pub async fn categories(&self) -> Result<Vec<CategoryRow>, AppError> {
        let mut c = self.store.read().await?;
        Ok(store::categories(&mut c).await?)
    }

    /// Creates a category (`admin.categories`).
    pub async fn create_category(
        &self,
        caller: &Caller,
        parent: Option<CategoryId>,
        key: &str,
        name: &str,
        security: bool,
    ) -> Result<CategoryRow, AppError> {
        caller.require(Permission::AdminCategories)?;
        let key = key.trim().to_lowercase();
        if key.is_empty()
            || key.len() > 64
            || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(AppError::invalid(
                "key",
                "malformed_key",
                "a category key is 1 to 64 letters, digits or _",
            ));
        }
        let name = validate::required_line("name", name, 200)?;
        if let Some(p) = parent {
            let mut c = self.store.read().await?;
            store::category(&mut c, p).await?.ok_or_else(|| {
                AppError::invalid("parent_id", "unknown", format!("there is no category {p}"))
            })?;
        }
        let (k2, n2) = (key.clone(), name.clone());
        let now = self.clock.now();
        let actor = caller.id();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_category(c, parent, &k2, &n2, security).await?;
                    let details = json!({"key": k2, "name": n2, "parent": parent.map(|p| p.0), "security": security});
                    audit::record(c, Some(actor), "category.create", "category", &id.to_string(), &details, now).await?;
                    Ok(id)
                })
            })
            .await?;
        Ok(CategoryRow {
            id: id.0,
            parent_id: parent.map(|p| p.0),
            key,
            name,
            security,
            active: true,
        })
    }

    /// Changes a category (`admin.categories`); a parent that would make a cycle is refused.
    pub async fn update_category(
        &self,
        caller: &Caller,
        id: CategoryId,
        parent: Option<Option<CategoryId>>,
        name: Option<&str>,
        security: Option<bool>,
        active: Option<bool>,
    ) -> Result<CategoryRow, AppError> {
        caller.require(Permission::AdminCategories)?;
        let all = self.categories().await?;
        let cur = all
            .iter()
            .find(|c| c.id == id.0)
            .cloned()
            .ok_or(AppError::NotFound("category"))?;
        let parent = parent.unwrap_or(cur.parent_id.map(CategoryId));
        if let Some(p) = parent {
            if !all.iter().any(|c| c.id == p.0) {
                return Err(AppError::invalid(
                    "parent_id",
                    "unknown",
                    format!("there is no category {p}"),
                ));
            }
            let parent_of = |c: CategoryId| {
                all.iter()
                    .find(|x| x.id == c.0)
                    .and_then(|x| x.parent_id.map(CategoryId))
            };
            if would_cycle(id, Some(p), parent_of) {
                return Err(AppError::invalid(
                    "parent_id",
                    "cycle",
                    "a category cannot be placed under itself or its own sub-category",
                ));
            }
        }
        let name = match name {
            Some(n) => validate::required_line("name", n, 200)?,
            None => cur.name,
        };
        let security = security.unwrap_or(cur.security);
        let active = active.unwrap_or(cur.active);
        let n2 = name.clone();
        let now = self.clock.now();
        let actor = caller.id();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_category(c, id, parent, &n2, security, active).await?;
                    let details = json!({"name": n2, "parent": parent.map(|p| p.0), "security": security, "active": active});
                    audit::record(c, Some(actor), "category.update", "category", &id.to_string(), &details, now).await
                })
            })
            .await?;
        Ok(CategoryRow {
            id: id.0,
            parent_id: parent.map(|p| p.0),
            key: cur.key,
            name,
            security,
            active,
        })
    }
}
