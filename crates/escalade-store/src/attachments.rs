//! Attachments: file metadata per ticket, content stored once per SHA-256 in the database, so
//! that every node of a PostgreSQL cluster sees it and a backup holds it.

use chrono::{DateTime, Utc};
use escalade_core::ids::{TicketId, UserId};

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// An attachment's metadata.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRow {
    /// Id.
    pub id: i64,
    /// Ticket.
    pub ticket_id: i64,
    /// Journal entry it came with.
    pub journal_id: Option<i64>,
    /// Content address.
    pub sha256: String,
    /// Original file name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// Whether the requester may see it.
    pub public: bool,
    /// Uploader.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, ticket_id, journal_id, sha256, file_name, media_type, size, public, uploaded_by, created_at";

/// Metadata of a new attachment.
#[derive(Debug, Clone)]
pub struct NewAttachment {
    /// Ticket.
    pub ticket: TicketId,
    /// Journal entry.
    pub journal_id: Option<i64>,
    /// Content address.
    pub sha256: String,
    /// File name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Whether the requester may see it.
    pub public: bool,
    /// Uploader.
    pub uploaded_by: Option<UserId>,
}

/// Stores content under its hash (once) and the attachment row; returns the row id.
pub async fn insert(
    c: &mut Conn,
    a: &NewAttachment,
    content: &[u8],
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.exec(
        "INSERT INTO blobs (sha256, size, content, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
        args![a.sha256.as_str(), content.len() as i64, content.to_vec(), now],
    )
    .await?;
    c.int(
        "INSERT INTO attachments (ticket_id, journal_id, sha256, file_name, media_type, size, public, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        args![
            a.ticket.0,
            a.journal_id,
            a.sha256.as_str(),
            a.file_name.as_str(),
            a.media_type.as_str(),
            content.len() as i64,
            a.public,
            a.uploaded_by.map(|u| u.0),
            now
        ],
    )
    .await
}

/// The attachments of a ticket; internal ones only when asked.
pub async fn of_ticket(
    c: &mut Conn,
    ticket: TicketId,
    include_internal: bool,
) -> Result<Vec<AttachmentRow>, StoreError> {
    let filter = if include_internal {
        ""
    } else {
        " AND public = TRUE"
    };
    c.all(
        &format!("SELECT {COLUMNS} FROM attachments WHERE ticket_id = $1{filter} ORDER BY id"),
        args![ticket.0],
    )
    .await
}

/// One attachment's metadata.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<AttachmentRow>, StoreError> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM attachments WHERE id = $1"),
        args![id],
    )
    .await
}

/// The content with this hash.
pub async fn content(c: &mut Conn, sha256: &str) -> Result<Vec<u8>, StoreError> {
    let row: (Vec<u8>,) = c
        .one("SELECT content FROM blobs WHERE sha256 = $1", args![sha256])
        .await?;
    Ok(row.0)
}
