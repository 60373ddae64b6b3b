//! In-app notifications: rows addressed to one user (an SLA warning on a ticket they handle,
//! and more kinds as features land), listed newest first and marked read.

use chrono::{DateTime, Utc};
use escalade_core::ids::{TicketId, UserId};

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// A notification to add.
#[derive(Debug, Clone)]
pub struct NewNotification {
    /// Addressee.
    pub user: UserId,
    /// The ticket it concerns.
    pub ticket: Option<TicketId>,
    /// Stable kind (`sla_warning`, `sla_breach`).
    pub kind: String,
    /// A sentence for the addressee.
    pub body: String,
    /// Details as JSON.
    pub data: serde_json::Value,
    /// When.
    pub at: DateTime<Utc>,
}

/// A stored notification.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NotificationRow {
    /// Id, increasing with time.
    pub id: i64,
    /// Addressee.
    pub user_id: i64,
    /// The ticket.
    pub ticket_id: Option<i64>,
    /// Kind.
    pub kind: String,
    /// Text.
    pub body: String,
    /// JSON details as text.
    pub data: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When the addressee read it.
    pub read_at: Option<DateTime<Utc>>,
}

/// Adds one notification; returns its id.
pub async fn add(c: &mut Conn, n: &NewNotification) -> Result<i64, StoreError> {
    c.int(
        "INSERT INTO notifications (user_id, ticket_id, kind, body, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        args![
            n.user.0,
            n.ticket.map(|t| t.0),
            n.kind.as_str(),
            n.body.as_str(),
            n.data.to_string(),
            n.at
        ],
    )
    .await
}

/// A user's notifications, newest first, below `before_id` when given.
pub async fn list(
    c: &mut Conn,
    user: UserId,
    unread_only: bool,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Vec<NotificationRow>, StoreError> {
    let unread = if unread_only {
        " AND read_at IS NULL"
    } else {
        ""
    };
    c.all(
        &format!(
            "SELECT id, user_id, ticket_id, kind, body, data, created_at, read_at FROM notifications \
             WHERE user_id = $1 AND id < $2{unread} ORDER BY id DESC LIMIT $3"
        ),
        args![user.0, before_id.unwrap_or(i64::MAX), limit.clamp(1, 500)],
    )
    .await
}

/// How many unread notifications a user has.
pub async fn unread_count(c: &mut Conn, user: UserId) -> Result<i64, StoreError> {
    c.int(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        args![user.0],
    )
    .await
}

/// Marks a user's notification read (again is fine); `false` when it is not theirs.
pub async fn mark_read(
    c: &mut Conn,
    user: UserId,
    id: i64,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE notifications SET read_at = COALESCE(read_at, $1) WHERE id = $2 AND user_id = $3",
        args![now, id, user.0],
    )
    .await?
        == 1)
}
