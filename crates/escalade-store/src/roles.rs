//! Roles (named bundles of permissions) and the roles each user holds with their scope.

use escalade_core::authz::{Grant, Permission, Scope};
use escalade_core::ids::{RoleId, UserId};

use crate::args;
use crate::directory::rename_conflict;
use crate::error::StoreError;
use crate::sql::Conn;

/// A role row; permissions are stored as a comma-separated list of dotted names.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RoleRow {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// What it is for.
    pub description: String,
    /// Comma-separated permission names.
    pub permissions: String,
    /// Shipped with Escalade.
    pub builtin: bool,
}

impl RoleRow {
    /// The parsed permissions; unknown names (from a newer version) are skipped.
    pub fn permission_list(&self) -> Vec<Permission> {
        self.permissions
            .split(',')
            .filter_map(|p| Permission::parse(p.trim()).ok())
            .collect()
    }
}

fn join(perms: &[Permission]) -> String {
    let mut names: Vec<&str> = perms.iter().map(|p| p.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names.join(",")
}

/// Creates a role.
pub async fn create(
    c: &mut Conn,
    name: &str,
    description: &str,
    perms: &[Permission],
    builtin: bool,
) -> Result<RoleId, StoreError> {
    let id = c
        .int(
            "INSERT INTO roles (name, description, permissions, builtin) VALUES ($1, $2, $3, $4) RETURNING id",
            args![name, description, join(perms), builtin],
        )
        .await
        .map_err(|e| rename_conflict(e, "name_taken", format!("a role named '{name}' exists already")))?;
    Ok(RoleId(id))
}

/// Replaces a role's description and permissions.
pub async fn update(
    c: &mut Conn,
    id: RoleId,
    description: &str,
    perms: &[Permission],
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE roles SET description = $1, permissions = $2 WHERE id = $3",
            args![description, join(perms), id.0],
        )
        .await?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Every role by name.
pub async fn all(c: &mut Conn) -> Result<Vec<RoleRow>, StoreError> {
    c.all(
        "SELECT id, name, description, permissions, builtin FROM roles ORDER BY name",
        args![],
    )
    .await
}

/// A role by name.
pub async fn by_name(c: &mut Conn, name: &str) -> Result<Option<RoleRow>, StoreError> {
    c.opt(
        "SELECT id, name, description, permissions, builtin FROM roles WHERE name = $1",
        args![name],
    )
    .await
}

/// A role by id.
pub async fn get(c: &mut Conn, id: RoleId) -> Result<Option<RoleRow>, StoreError> {
    c.opt(
        "SELECT id, name, description, permissions, builtin FROM roles WHERE id = $1",
        args![id.0],
    )
    .await
}

/// Gives a user a role at a scope (replacing the scope if they had it).
pub async fn grant(
    c: &mut Conn,
    user: UserId,
    role: RoleId,
    scope: Scope,
) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO user_roles (user_id, role_id, scope) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id, role_id) DO UPDATE SET scope = excluded.scope",
        args![user.0, role.0, scope.as_str()],
    )
    .await?;
    Ok(())
}

/// Takes a role away.
pub async fn revoke(c: &mut Conn, user: UserId, role: RoleId) -> Result<bool, StoreError> {
    Ok(c.exec(
        "DELETE FROM user_roles WHERE user_id = $1 AND role_id = $2",
        args![user.0, role.0],
    )
    .await?
        > 0)
}

/// Removes every role of a user (before setting a new list).
pub async fn revoke_all(c: &mut Conn, user: UserId) -> Result<(), StoreError> {
    c.exec("DELETE FROM user_roles WHERE user_id = $1", args![user.0])
        .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct GrantRow {
    name: String,
    permissions: String,
    scope: String,
}

/// The grants a user holds, ready for permission decisions.
pub async fn grants_of(c: &mut Conn, user: UserId) -> Result<Vec<Grant>, StoreError> {
    let rows: Vec<GrantRow> = c
        .all(
            "SELECT r.name, r.permissions, ur.scope FROM user_roles ur JOIN roles r ON r.id = ur.role_id \
             WHERE ur.user_id = $1 ORDER BY r.name",
            args![user.0],
        )
        .await?;
    rows.into_iter()
        .map(|r| {
            let role = RoleRow {
                id: 0,
                name: r.name.clone(),
                description: String::new(),
                permissions: r.permissions,
                builtin: false,
            };
            Ok(Grant {
                role: r.name,
                permissions: role.permission_list(),
                scope: Scope::parse(&r.scope).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            })
        })
        .collect()
}
