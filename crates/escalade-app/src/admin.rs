//! Administration use cases beyond the directory: roles and their permissions, the priority
//! matrix, and reading the audit log.

use escalade_core::authz::{Grant, Permission, Scope};
use escalade_core::ids::RoleId;
use escalade_core::ticket::PriorityMatrix;
use escalade_core::validate;
use escalade_store::audit::{self, AuditRow};
use escalade_store::roles::{self, RoleRow};
use escalade_store::settings;
use serde_json::json;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

impl App {
    /// Every role (no permission check: see [`App::list_roles`]; changing needs `admin.roles`).
    pub async fn roles(&self) -> Result<Vec<RoleRow>, AppError> {
        let mut c = self.store.read().await?;
        Ok(roles::all(&mut c).await?)
    }

    /// Every role, for agents and administrators.
    pub async fn list_roles(&self, caller: &Caller) -> Result<Vec<RoleRow>, AppError> {
        self.require_agent_or_admin(caller)?;
        self.roles().await
    }

    /// Creates a role (`admin.roles`).
    pub async fn create_role(
        &self,
        caller: &Caller,
        name: &str,
        description: &str,
        perms: Vec<Permission>,
    ) -> Result<RoleRow, AppError> {
        caller.require(Permission::AdminRoles)?;
        may_add(caller, name, &perms)?;
        let name = validate::required_line("name", name, 100)?;
        validate::max_chars("description", description, 1000)?;
        let (n2, d2, p2) = (name.clone(), description.to_string(), perms.clone());
        let now = self.clock.now();
        let actor = caller.id();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = roles::create(c, &n2, &d2, &p2, false).await?;
                    let names: Vec<&str> = p2.iter().map(|p| p.as_str()).collect();
                    audit::record(
                        c,
                        Some(actor),
                        "role.create",
                        "role",
                        &id.to_string(),
                        &json!({"name": n2, "permissions": names}),
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        let mut c = self.store.read().await?;
        roles::get(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("role"))
    }

    /// Replaces a role's permissions and description (`admin.roles`). The administrator role
    /// keeps `admin.roles`, so that nobody locks everyone out.
    pub async fn update_role(
        &self,
        caller: &Caller,
        id: RoleId,
        description: Option<&str>,
        perms: Option<Vec<Permission>>,
    ) -> Result<RoleRow, AppError> {
        caller.require(Permission::AdminRoles)?;
        let cur = {
            let mut c = self.store.read().await?;
            roles::get(&mut c, id)
                .await?
                .ok_or(AppError::NotFound("role"))?
        };
        let perms = perms.unwrap_or_else(|| cur.permission_list());
        let held = cur.permission_list();
        let added: Vec<Permission> = perms
            .iter()
            .copied()
            .filter(|p| !held.contains(p))
            .collect();
        may_add(caller, &cur.name, &added)?;
        if cur.name == "administrator" && !perms.contains(&Permission::AdminRoles) {
            return Err(AppError::invalid(
                "permissions",
                "lockout",
                "the administrator role must keep admin.roles",
            ));
        }
        let description = description.map(str::to_string).unwrap_or(cur.description);
        validate::max_chars("description", &description, 1000)?;
        let now = self.clock.now();
        let actor = caller.id();
        let p2 = perms.clone();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    roles::update(c, id, &description, &p2).await?;
                    let names: Vec<&str> = p2.iter().map(|p| p.as_str()).collect();
                    audit::record(
                        c,
                        Some(actor),
                        "role.update",
                        "role",
                        &id.to_string(),
                        &json!({"permissions": names}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.callers.clear();
        let mut c = self.store.read().await?;
        roles::get(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("role"))
    }

    /// The impact x urgency matrix in force.
    pub async fn priority_matrix(&self) -> Result<PriorityMatrix, AppError> {
        let mut c = self.store.read().await?;
        Ok(settings::get(&mut c, settings::PRIORITY_MATRIX)
            .await?
            .unwrap_or_default())
    }

    /// Replaces the matrix (`admin.settings`); tickets keep their priority until their impact
    /// or urgency changes.
    pub async fn set_priority_matrix(
        &self,
        caller: &Caller,
        m: PriorityMatrix,
    ) -> Result<PriorityMatrix, AppError> {
        caller.require(Permission::AdminSettings)?;
        m.validate()?;
        let now = self.clock.now();
        let actor = caller.id();
        let m2 = m.clone();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    settings::put(c, settings::PRIORITY_MATRIX, &m2, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "settings.priority_matrix",
                        "settings",
                        settings::PRIORITY_MATRIX,
                        &json!(m2),
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(m)
    }

    /// The audit log, newest first (`audit.read`).
    pub async fn audit_log(
        &self,
        caller: &Caller,
        page: i64,
        per_page: i64,
    ) -> Result<(Vec<AuditRow>, i64), AppError> {
        caller.require(Permission::AuditRead)?;
        let mut c = self.store.read().await?;
        Ok(audit::list(&mut c, page, per_page).await?)
    }
}

/// Refuses putting into a role a permission the caller does not hold at every scope: a
/// role can be granted at scope `all`, so adding it would let its holders, perhaps the
/// caller, reach further than the caller does.
fn may_add(caller: &Caller, role: &str, perms: &[Permission]) -> Result<(), AppError> {
    let everywhere = Grant {
        role: role.to_string(),
        permissions: perms.to_vec(),
        scope: Scope::All,
    };
    match caller.actor.beyond_own(&everywhere) {
        None => Ok(()),
        Some(p) => Err(AppError::forbidden(
            p.as_str(),
            format!(
                "you cannot add {} to the role '{role}': you do not hold it at scope all, and \
                 nobody can grant more than they have",
                p.as_str()
            ),
        )),
    }
}
