//! Departments, support groups and their members: the organisation of the desk.

use super::*;

impl App {
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
        // Membership of the security team is part of every member's permissions.
        self.callers.clear();
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
        // Membership of the security team is part of every member's permissions.
        self.callers.clear();
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
        self.callers.forget_user(user.0);
        Ok(self.group(group).await?.1)
    }
}
