//! The directory: users, departments, support groups and their members, and the category tree.

use chrono::{DateTime, Utc};
use escalade_core::ids::{CategoryId, DepartmentId, GroupId, UserId};

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, param};

/// A user row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UserRow {
    /// Id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// `requester` or `agent`.
    pub kind: String,
    /// Department.
    pub department_id: Option<i64>,
    /// Language tag.
    pub language: String,
    /// IANA zone.
    pub time_zone: String,
    /// VIP flag.
    pub vip: bool,
    /// Enabled.
    pub active: bool,
    /// Argon2id hash, if the user can log in with a password.
    pub password_hash: Option<String>,
    /// Created.
    pub created_at: DateTime<Utc>,
}

const USER_COLUMNS: &str = "id, login, display_name, email, kind, department_id, language, time_zone, vip, active, password_hash, created_at";

/// A user to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Login.
    pub login: String,
    /// Display name.
    pub display_name: String,
    /// E-mail.
    pub email: Option<String>,
    /// `requester` or `agent`.
    pub kind: String,
    /// Department.
    pub department: Option<DepartmentId>,
    /// Language tag.
    pub language: String,
    /// IANA zone.
    pub time_zone: String,
    /// VIP.
    pub vip: bool,
    /// Password hash.
    pub password_hash: Option<String>,
}

/// Creates a user; a taken login or e-mail is a conflict.
pub async fn create_user(
    c: &mut Conn,
    u: &NewUser,
    now: DateTime<Utc>,
) -> Result<UserId, StoreError> {
    let id = c
        .int(
            "INSERT INTO users (login, display_name, email, kind, department_id, language, time_zone, vip, active, \
             password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE, $9, $10, $10) RETURNING id",
            args![
                u.login.as_str(),
                u.display_name.as_str(),
                u.email.clone(),
                u.kind.as_str(),
                u.department.map(|d| d.0),
                u.language.as_str(),
                u.time_zone.as_str(),
                u.vip,
                u.password_hash.clone(),
                now
            ],
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict { .. } => StoreError::Conflict {
                code: "login_taken",
                message: format!("the login '{}' or its e-mail address is already in use", u.login),
            },
            e => e,
        })?;
    Ok(UserId(id))
}

/// A user by id.
pub async fn user(c: &mut Conn, id: UserId) -> Result<Option<UserRow>, StoreError> {
    c.opt(
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"),
        args![id.0],
    )
    .await
}

/// The users with these ids, in one query (pages that name many people load them at once).
pub async fn users_by_ids(c: &mut Conn, ids: &[UserId]) -> Result<Vec<UserRow>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id IN ");
    let mut a = Vec::new();
    crate::sql::push_list(
        &mut sql,
        &mut a,
        ids.iter().map(|u| crate::sql::Value::from(u.0)),
    );
    c.all(&sql, a).await
}

/// A user by login (case-insensitive).
pub async fn user_by_login(c: &mut Conn, login: &str) -> Result<Option<UserRow>, StoreError> {
    c.opt(
        &format!("SELECT {USER_COLUMNS} FROM users WHERE LOWER(login) = LOWER($1)"),
        args![login],
    )
    .await
}

/// The user with this e-mail address (case-insensitive); with several, the active one
/// created first, so that mail from an address always lands on the same person.
pub async fn user_by_email(c: &mut Conn, email: &str) -> Result<Option<UserRow>, StoreError> {
    c.opt(
        &format!(
            "SELECT {USER_COLUMNS} FROM users WHERE lower(email) = lower($1) \
             ORDER BY active DESC, id LIMIT 1"
        ),
        args![email],
    )
    .await
}

/// Users, filtered by kind and text, paged; with the total.
pub async fn users(
    c: &mut Conn,
    kind: Option<&str>,
    text: Option<&str>,
    page: i64,
    per_page: i64,
) -> Result<(Vec<UserRow>, i64), StoreError> {
    let mut w = String::from(" WHERE 1 = 1");
    let mut a = Vec::new();
    if let Some(k) = kind {
        w.push_str(&format!(" AND kind = {}", param(&mut a, k)));
    }
    if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
        let p = param(&mut a, format!("%{}%", t.to_lowercase()));
        w.push_str(&format!(
            " AND (LOWER(login) LIKE {p} OR LOWER(display_name) LIKE {p} OR LOWER(email) LIKE {p})"
        ));
    }
    let total = c
        .int(&format!("SELECT COUNT(*) FROM users{w}"), a.clone())
        .await?;
    let per_page = per_page.clamp(1, 500);
    let l = param(&mut a, per_page);
    let o = param(&mut a, (page.max(1) - 1) * per_page);
    let rows = c
        .all(
            &format!("SELECT {USER_COLUMNS} FROM users{w} ORDER BY id LIMIT {l} OFFSET {o}"),
            a,
        )
        .await?;
    Ok((rows, total))
}

/// Changes to a user; `None` leaves a field alone.
#[derive(Debug, Clone, Default)]
pub struct UserPatch {
    /// Display name.
    pub display_name: Option<String>,
    /// E-mail.
    pub email: Option<Option<String>>,
    /// Kind.
    pub kind: Option<String>,
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
    /// New password hash.
    pub password_hash: Option<String>,
}

/// Applies a patch to a user.
pub async fn update_user(
    c: &mut Conn,
    id: UserId,
    p: &UserPatch,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut sets = Vec::new();
    let mut a = Vec::new();
    if let Some(v) = &p.display_name {
        sets.push(format!("display_name = {}", param(&mut a, v.as_str())));
    }
    if let Some(v) = &p.email {
        sets.push(format!("email = {}", param(&mut a, v.clone())));
    }
    if let Some(v) = &p.kind {
        sets.push(format!("kind = {}", param(&mut a, v.as_str())));
    }
    if let Some(v) = p.department {
        sets.push(format!("department_id = {}", param(&mut a, v.map(|d| d.0))));
    }
    if let Some(v) = &p.language {
        sets.push(format!("language = {}", param(&mut a, v.as_str())));
    }
    if let Some(v) = &p.time_zone {
        sets.push(format!("time_zone = {}", param(&mut a, v.as_str())));
    }
    if let Some(v) = p.vip {
        sets.push(format!("vip = {}", param(&mut a, v)));
    }
    if let Some(v) = p.active {
        sets.push(format!("active = {}", param(&mut a, v)));
    }
    if let Some(v) = &p.password_hash {
        sets.push(format!("password_hash = {}", param(&mut a, v.as_str())));
    }
    sets.push(format!("updated_at = {}", param(&mut a, now)));
    let id_p = param(&mut a, id.0);
    let n = c
        .exec(
            &format!("UPDATE users SET {} WHERE id = {id_p}", sets.join(", ")),
            a,
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Number of users.
pub async fn count_users(c: &mut Conn) -> Result<i64, StoreError> {
    c.int("SELECT COUNT(*) FROM users", args![]).await
}

/// A department row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DepartmentRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// Creates a department.
pub async fn create_department(
    c: &mut Conn,
    name: &str,
    now: DateTime<Utc>,
) -> Result<DepartmentId, StoreError> {
    let id = c
        .int(
            "INSERT INTO departments (name, created_at) VALUES ($1, $2) RETURNING id",
            args![name, now],
        )
        .await
        .map_err(|e| {
            rename_conflict(
                e,
                "name_taken",
                format!("a department named '{name}' exists already"),
            )
        })?;
    Ok(DepartmentId(id))
}

/// Renames a department.
pub async fn rename_department(
    c: &mut Conn,
    id: DepartmentId,
    name: &str,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE departments SET name = $1 WHERE id = $2",
            args![name, id.0],
        )
        .await
        .map_err(|e| {
            rename_conflict(
                e,
                "name_taken",
                format!("a department named '{name}' exists already"),
            )
        })?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Every department, by name.
pub async fn departments(c: &mut Conn) -> Result<Vec<DepartmentRow>, StoreError> {
    c.all("SELECT id, name FROM departments ORDER BY name", args![])
        .await
}

/// One department.
pub async fn department(
    c: &mut Conn,
    id: DepartmentId,
) -> Result<Option<DepartmentRow>, StoreError> {
    c.opt(
        "SELECT id, name FROM departments WHERE id = $1",
        args![id.0],
    )
    .await
}

/// A support group row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct GroupRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Support level 0-3.
    pub level: i64,
    /// Security team flag.
    pub security_team: bool,
}

/// Creates a group.
pub async fn create_group(
    c: &mut Conn,
    name: &str,
    level: i64,
    security_team: bool,
    now: DateTime<Utc>,
) -> Result<GroupId, StoreError> {
    let id = c
        .int(
            "INSERT INTO support_groups (name, level, security_team, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            args![name, level, security_team, now],
        )
        .await
        .map_err(|e| rename_conflict(e, "name_taken", format!("a group named '{name}' exists already")))?;
    Ok(GroupId(id))
}

/// Updates a group.
pub async fn update_group(
    c: &mut Conn,
    id: GroupId,
    name: &str,
    level: i64,
    security_team: bool,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE support_groups SET name = $1, level = $2, security_team = $3 WHERE id = $4",
            args![name, level, security_team, id.0],
        )
        .await
        .map_err(|e| {
            rename_conflict(
                e,
                "name_taken",
                format!("a group named '{name}' exists already"),
            )
        })?;
    if n == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Every group, by level then name.
pub async fn groups(c: &mut Conn) -> Result<Vec<GroupRow>, StoreError> {
    c.all(
        "SELECT id, name, level, security_team FROM support_groups ORDER BY level, name",
        args![],
    )
    .await
}

/// One group.
pub async fn group(c: &mut Conn, id: GroupId) -> Result<Option<GroupRow>, StoreError> {
    c.opt(
        "SELECT id, name, level, security_team FROM support_groups WHERE id = $1",
        args![id.0],
    )
    .await
}

/// Group ids of a user.
pub async fn groups_of(c: &mut Conn, user: UserId) -> Result<Vec<GroupRow>, StoreError> {
    c.all(
        "SELECT g.id, g.name, g.level, g.security_team FROM support_groups g JOIN group_members m ON m.group_id = g.id \
         WHERE m.user_id = $1 ORDER BY g.level, g.name",
        args![user.0],
    )
    .await
}

/// Members of a group.
pub async fn members(c: &mut Conn, group: GroupId) -> Result<Vec<UserId>, StoreError> {
    let rows: Vec<(i64,)> = c
        .all(
            "SELECT user_id FROM group_members WHERE group_id = $1 ORDER BY user_id",
            args![group.0],
        )
        .await?;
    Ok(rows.into_iter().map(|r| UserId(r.0)).collect())
}

/// Adds a member; twice is fine.
pub async fn add_member(c: &mut Conn, group: GroupId, user: UserId) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO group_members (group_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        args![group.0, user.0],
    )
    .await?;
    Ok(())
}

/// Removes a member.
pub async fn remove_member(c: &mut Conn, group: GroupId, user: UserId) -> Result<bool, StoreError> {
    Ok(c.exec(
        "DELETE FROM group_members WHERE group_id = $1 AND user_id = $2",
        args![group.0, user.0],
    )
    .await?
        > 0)
}

/// A category row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CategoryRow {
    /// Id.
    pub id: i64,
    /// Parent.
    pub parent_id: Option<i64>,
    /// Stable key.
    pub key: String,
    /// Name.
    pub name: String,
    /// Security restricted.
    pub security: bool,
    /// Offered for new tickets.
    pub active: bool,
}

/// Creates a category.
pub async fn create_category(
    c: &mut Conn,
    parent: Option<CategoryId>,
    key: &str,
    name: &str,
    security: bool,
) -> Result<CategoryId, StoreError> {
    let id = c
        .int(
            "INSERT INTO categories (parent_id, key, name, security, active) VALUES ($1, $2, $3, $4, TRUE) RETURNING id",
            args![parent.map(|p| p.0), key, name, security],
        )
        .await
        .map_err(|e| rename_conflict(e, "key_taken", format!("a category with key '{key}' exists already")))?;
    Ok(CategoryId(id))
}

/// Updates a category.
pub async fn update_category(
    c: &mut Conn,
    id: CategoryId,
    parent: Option<CategoryId>,
    name: &str,
    security: bool,
    active: bool,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE categories SET parent_id = $1, name = $2, security = $3, active = $4 WHERE id = $5",
            args![parent.map(|p| p.0), name, security, active, id.0],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    // Tickets carry the restriction themselves so that list queries need no join.
    c.exec(
        "UPDATE tickets SET security = $1 WHERE category_id = $2 AND security <> $1",
        args![security, id.0],
    )
    .await?;
    Ok(())
}

/// The whole tree, parents before children within each level of ids.
pub async fn categories(c: &mut Conn) -> Result<Vec<CategoryRow>, StoreError> {
    c.all(
        "SELECT id, parent_id, key, name, security, active FROM categories ORDER BY id",
        args![],
    )
    .await
}

/// One category.
pub async fn category(c: &mut Conn, id: CategoryId) -> Result<Option<CategoryRow>, StoreError> {
    c.opt(
        "SELECT id, parent_id, key, name, security, active FROM categories WHERE id = $1",
        args![id.0],
    )
    .await
}

/// Turns a uniqueness conflict into a specific message.
pub fn rename_conflict(e: StoreError, code: &'static str, message: String) -> StoreError {
    match e {
        StoreError::Conflict { .. } => StoreError::Conflict { code, message },
        e => e,
    }
}

/// How many requester accounts were created by nobody (by the mail pipeline, which creates
/// the people it does not know) since `since`: the cap on new accounts from mail counts them.
pub async fn requesters_created_by_mail_since(
    c: &mut Conn,
    since: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.int(
        // The audit lookup goes through its (object_type, object_id) index.
        "SELECT COUNT(*) FROM users u WHERE u.kind = 'requester' AND u.created_at >= $1 \
         AND EXISTS (SELECT 1 FROM audit_log a WHERE a.object_type = 'user' \
         AND a.object_id = CAST(u.id AS TEXT) AND a.action = 'user.create' \
         AND a.actor_id IS NULL)",
        args![since],
    )
    .await
}
