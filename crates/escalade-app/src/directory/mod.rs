//! Directory use cases: users and their roles here; departments, groups and members in
//! `teams`; the category tree in `categories`. Changes need the matching `admin.*` permission
//! and are written to the audit log in the same transaction.

use escalade_core::authz::{Grant, Permission, Scope};
use escalade_core::category::would_cycle;
use escalade_core::ids::{CategoryId, DepartmentId, GroupId, RoleId, UserId};
use escalade_core::people::{Language, UserKind, time_zone};
use escalade_core::ticket::SupportLevel;
use escalade_core::validate;
use escalade_store::directory::{
    self as store, CategoryRow, DepartmentRow, GroupRow, NewUser, UserPatch, UserRow,
};
mod categories;
mod own_account;
mod teams;

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

/// Refuses a grant that gives more than the caller holds (see `Actor::beyond_own`).
fn may_hand_out(caller: &Caller, grant: &Grant) -> Result<(), AppError> {
    match caller.actor.beyond_own(grant) {
        None => Ok(()),
        Some(p) => Err(AppError::forbidden(
            p.as_str(),
            format!(
                "the role '{}' at scope {} includes {}, which you do not hold at that scope; \
                 nobody can grant more than they have",
                grant.role,
                grant.scope.as_str(),
                p.as_str()
            ),
        )),
    }
}

/// The default role of each kind of user.
pub fn default_role(kind: UserKind) -> &'static str {
    match kind {
        UserKind::Requester => "requester",
        UserKind::Agent => "agent",
    }
}

impl App {
    /// The roles named in `wanted`; with a `granter`, each must be within what they hold.
    async fn resolve_roles(
        &self,
        granter: Option<&Caller>,
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
            if let Some(caller) = granter {
                may_hand_out(
                    caller,
                    &Grant {
                        role: r.name.clone(),
                        permissions: r.permission_list(),
                        scope: *scope,
                    },
                )?;
            }
            out.push((RoleId(r.id), *scope));
        }
        Ok(out)
    }

    /// Refuses a change to a user who holds more than the caller: otherwise someone with
    /// `admin.users` could reset an administrator's password and sign in as them.
    async fn require_not_above(&self, caller: &Caller, id: UserId) -> Result<(), AppError> {
        let mut c = self.store.read().await?;
        for g in roles::grants_of(&mut c, id).await? {
            if let Some(p) = caller.actor.beyond_own(&g) {
                return Err(AppError::forbidden(
                    p.as_str(),
                    format!(
                        "this user's role '{}' includes {} at a scope you do not hold, so only \
                         someone who holds it may change this user",
                        g.role,
                        p.as_str()
                    ),
                ));
            }
        }
        Ok(())
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
        let grants = self.resolve_roles(caller, &wanted).await?;
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
            drop(c);
            self.require_not_above(caller, id).await?;
            let mut c = self.store.read().await?;
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
            Some(r) => Some(self.resolve_roles(Some(caller), r).await?),
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
        self.callers.forget_user(id.0);
        let mut c = self.store.read().await?;
        store::user(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("user"))
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
}
