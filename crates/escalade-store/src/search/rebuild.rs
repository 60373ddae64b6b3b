//! Reading tickets and their comments in batches, as the index takes them, for rebuilding it.

use chrono::{DateTime, Utc};

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, Value, push_list};

/// A ticket's text as the index takes it, for rebuilding.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TicketText {
    /// Ticket id.
    pub id: i64,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// Type.
    pub kind: String,
    /// Category.
    pub category_id: Option<i64>,
    /// Status.
    pub status: String,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A comment with text on a ticket, for rebuilding.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentText {
    /// Journal entry id.
    pub id: i64,
    /// Ticket id.
    pub ticket_id: i64,
    /// Whether the requester sees it.
    pub public: bool,
    /// Text.
    pub body: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Journal entry kinds whose text is indexed: the comments.
pub const COMMENT_KINDS: &[&str] = &["public_reply", "internal_note", "phone_call", "email_in"];

/// The tickets after `after` (by id), at most `limit`, with their comments in order: one
/// batch of a rebuild.
pub async fn ticket_batch(
    c: &mut Conn,
    after: i64,
    limit: i64,
) -> Result<(Vec<TicketText>, Vec<CommentText>), StoreError> {
    let tickets: Vec<TicketText> = c
        .all(
            "SELECT id, subject, description, kind, category_id, status, updated_at FROM tickets \
             WHERE id > $1 ORDER BY id LIMIT $2",
            args![after, limit],
        )
        .await?;
    let Some(last) = tickets.last().map(|t| t.id) else {
        return Ok((tickets, Vec::new()));
    };
    let mut a = args![after, last];
    let mut sql = String::from(
        "SELECT id, ticket_id, public, body, created_at FROM journal \
         WHERE ticket_id > $1 AND ticket_id <= $2 AND body <> '' AND kind IN ",
    );
    push_list(
        &mut sql,
        &mut a,
        COMMENT_KINDS.iter().map(|k| Value::from(*k)),
    );
    sql.push_str(" ORDER BY ticket_id, id");
    let comments = c.all(&sql, a).await?;
    Ok((tickets, comments))
}
