//! The journal table: entries are appended, never updated or deleted.

use chrono::{DateTime, Utc};
use escalade_core::ids::{TicketId, UserId};
use escalade_core::journal::EntryKind;

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewEntry {
    /// The ticket.
    pub ticket: TicketId,
    /// What it records.
    pub kind: EntryKind,
    /// Who; `None` for the system.
    pub author: Option<UserId>,
    /// Whether the requester may see it.
    pub public: bool,
    /// Text (reply, note, summary).
    pub body: String,
    /// Structured details (field changes, escalation targets) as JSON.
    pub data: serde_json::Value,
    /// When.
    pub at: DateTime<Utc>,
}

/// A stored entry.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Entry {
    /// Id, increasing with time.
    pub id: i64,
    /// The ticket.
    pub ticket_id: i64,
    /// Kind as text.
    pub kind: String,
    /// Author.
    pub author_id: Option<i64>,
    /// Author's display name.
    pub author_name: Option<String>,
    /// Whether the requester may see it.
    pub public: bool,
    /// Text.
    pub body: String,
    /// JSON details as text.
    pub data: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Appends one entry; returns its id.
pub async fn append(c: &mut Conn, e: &NewEntry) -> Result<i64, StoreError> {
    c.int(
        "INSERT INTO journal (ticket_id, kind, author_id, public, body, data, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        args![
            e.ticket.0,
            e.kind.as_str(),
            e.author.map(|a| a.0),
            e.public,
            e.body.as_str(),
            e.data.to_string(),
            e.at
        ],
    )
    .await
}

/// The entries of a ticket, oldest first; internal ones only when `include_internal`.
pub async fn list(
    c: &mut Conn,
    ticket: TicketId,
    include_internal: bool,
    after_id: i64,
    limit: i64,
) -> Result<Vec<Entry>, StoreError> {
    let filter = if include_internal {
        ""
    } else {
        " AND j.public = TRUE"
    };
    c.all(
        &format!(
            "SELECT j.id, j.ticket_id, j.kind, j.author_id, u.display_name AS author_name, j.public, j.body, j.data, \
             j.created_at FROM journal j LEFT JOIN users u ON u.id = j.author_id \
             WHERE j.ticket_id = $1 AND j.id > $2{filter} ORDER BY j.id LIMIT $3"
        ),
        args![ticket.0, after_id, limit.clamp(1, 1000)],
    )
    .await
}

/// One page of a ticket's entries, oldest first, by position: for a timeline that pages
/// through a long journal and opens on its last page.
pub async fn page(
    c: &mut Conn,
    ticket: TicketId,
    include_internal: bool,
    offset: i64,
    limit: i64,
) -> Result<Vec<Entry>, StoreError> {
    let filter = if include_internal {
        ""
    } else {
        " AND j.public = TRUE"
    };
    c.all(
        &format!(
            "SELECT j.id, j.ticket_id, j.kind, j.author_id, u.display_name AS author_name, j.public, j.body, j.data, \
             j.created_at FROM journal j LEFT JOIN users u ON u.id = j.author_id \
             WHERE j.ticket_id = $1{filter} ORDER BY j.id LIMIT $2 OFFSET $3"
        ),
        args![ticket.0, limit.clamp(1, 1000), offset.max(0)],
    )
    .await
}

/// How many entries a ticket has (visible to the reader).
pub async fn count(
    c: &mut Conn,
    ticket: TicketId,
    include_internal: bool,
) -> Result<i64, StoreError> {
    let filter = if include_internal {
        ""
    } else {
        " AND public = TRUE"
    };
    c.int(
        &format!("SELECT COUNT(*) FROM journal WHERE ticket_id = $1{filter}"),
        args![ticket.0],
    )
    .await
}
