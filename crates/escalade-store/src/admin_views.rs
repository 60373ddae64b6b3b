//! Read-only views the administration pages need beyond the plain tables: the audit log
//! filtered and joined with its actors' names, the values its filters can take, and a group's
//! members as people rather than ids.

use chrono::{DateTime, Utc};
use escalade_core::ids::GroupId;

use crate::args;
use crate::directory::UserRow;
use crate::error::StoreError;
use crate::sql::{Conn, param};

/// What to keep of the audit log; empty fields keep everything.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Exact action, e.g. `user.update`.
    pub action: Option<String>,
    /// Exact kind of object, e.g. `user`.
    pub object_type: Option<String>,
    /// Exact object id (with `object_type`, one object's history).
    pub object_id: Option<String>,
}

/// An audit record with the name of who made it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditView {
    /// Id.
    pub id: i64,
    /// Who; none for the command line and the first start.
    pub actor_id: Option<i64>,
    /// Their login, if they still exist.
    pub actor_login: Option<String>,
    /// Their display name.
    pub actor_name: Option<String>,
    /// What.
    pub action: String,
    /// Kind of object.
    pub object_type: String,
    /// Which object.
    pub object_id: String,
    /// JSON details.
    pub details: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

fn keep(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// The filtered audit log, newest first, paged; with the total.
pub async fn audit(
    c: &mut Conn,
    f: &AuditFilter,
    page: i64,
    per_page: i64,
) -> Result<(Vec<AuditView>, i64), StoreError> {
    let mut w = String::from(" WHERE 1 = 1");
    let mut a = Vec::new();
    if let Some(v) = keep(&f.action) {
        w.push_str(&format!(" AND l.action = {}", param(&mut a, v)));
    }
    if let Some(v) = keep(&f.object_type) {
        w.push_str(&format!(" AND l.object_type = {}", param(&mut a, v)));
    }
    if let Some(v) = keep(&f.object_id) {
        w.push_str(&format!(" AND l.object_id = {}", param(&mut a, v)));
    }
    let total = c
        .int(&format!("SELECT COUNT(*) FROM audit_log l{w}"), a.clone())
        .await?;
    let per_page = per_page.clamp(1, 500);
    let l = param(&mut a, per_page);
    let o = param(&mut a, (page.max(1) - 1) * per_page);
    let rows = c
        .all(
            &format!(
                "SELECT l.id, l.actor_id, u.login AS actor_login, u.display_name AS actor_name, \
                 l.action, l.object_type, l.object_id, l.details, l.created_at \
                 FROM audit_log l LEFT JOIN users u ON u.id = l.actor_id{w} \
                 ORDER BY l.id DESC LIMIT {l} OFFSET {o}"
            ),
            a,
        )
        .await?;
    Ok((rows, total))
}

/// The actions and the kinds of object present in the log, sorted: what the filters offer.
pub async fn audit_vocabulary(c: &mut Conn) -> Result<(Vec<String>, Vec<String>), StoreError> {
    let actions: Vec<(String,)> = c
        .all(
            "SELECT DISTINCT action FROM audit_log ORDER BY action",
            args![],
        )
        .await?;
    let objects: Vec<(String,)> = c
        .all(
            "SELECT DISTINCT object_type FROM audit_log ORDER BY object_type",
            args![],
        )
        .await?;
    Ok((
        actions.into_iter().map(|r| r.0).collect(),
        objects.into_iter().map(|r| r.0).collect(),
    ))
}

/// The members of a group as users, by display name.
pub async fn group_members(c: &mut Conn, group: GroupId) -> Result<Vec<UserRow>, StoreError> {
    c.all(
        "SELECT u.id, u.login, u.display_name, u.email, u.kind, u.department_id, u.language, \
         u.time_zone, u.vip, u.active, u.password_hash, u.created_at \
         FROM users u JOIN group_members m ON m.user_id = u.id \
         WHERE m.group_id = $1 ORDER BY u.display_name, u.id",
        args![group.0],
    )
    .await
}

/// Enabled agents by display name, at most `limit`: the people who can join a group.
pub async fn active_agents(c: &mut Conn, limit: i64) -> Result<Vec<UserRow>, StoreError> {
    c.all(
        "SELECT id, login, display_name, email, kind, department_id, language, time_zone, vip, \
         active, password_hash, created_at FROM users WHERE kind = 'agent' AND active = TRUE \
         ORDER BY display_name, id LIMIT $1",
        args![limit.clamp(1, 5000)],
    )
    .await
}
