//! The audit log: who changed what in the administration, and when. Append-only.

use chrono::{DateTime, Utc};
use escalade_core::ids::UserId;

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// A stored audit record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditRow {
    /// Id.
    pub id: i64,
    /// Who.
    pub actor_id: Option<i64>,
    /// What (`user.create`, `role.grant`, ...).
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

/// Records one administrative change.
pub async fn record(
    c: &mut Conn,
    actor: Option<UserId>,
    action: &str,
    object_type: &str,
    object_id: &str,
    details: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO audit_log (actor_id, action, object_type, object_id, details, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
        args![actor.map(|a| a.0), action, object_type, object_id, details.to_string(), now],
    )
    .await?;
    Ok(())
}

/// The newest records first, paged.
pub async fn list(
    c: &mut Conn,
    page: i64,
    per_page: i64,
) -> Result<(Vec<AuditRow>, i64), StoreError> {
    let total = c.int("SELECT COUNT(*) FROM audit_log", args![]).await?;
    let per_page = per_page.clamp(1, 500);
    let rows = c
        .all(
            "SELECT id, actor_id, action, object_type, object_id, details, created_at FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2",
            args![per_page, (page.max(1) - 1) * per_page],
        )
        .await?;
    Ok((rows, total))
}
