//! What readers and agents do with articles beyond writing them: helpful votes (one per person,
//! changeable), views, deflections ("this solved my problem"), links to tickets, attached
//! files, and each person's contribution.

use chrono::{DateTime, Utc};
use escalade_core::authz::Visibility;
use escalade_core::ids::{TicketId, UserId};
use escalade_core::knowledge::ArticleId;

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, Value, param};

/// Records or replaces a person's vote, then recounts the article's votes. Returns
/// `(helpful, not_helpful)`.
pub async fn vote(
    c: &mut Conn,
    article: ArticleId,
    user: UserId,
    helpful: bool,
    now: DateTime<Utc>,
) -> Result<(i64, i64), StoreError> {
    c.exec(
        "INSERT INTO kb_votes (article_id, user_id, helpful, voted_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (article_id, user_id) DO UPDATE SET helpful = excluded.helpful, voted_at = excluded.voted_at",
        args![article.0, user.0, helpful, now],
    )
    .await?;
    // Recounted rather than incremented: a changed vote moves from one counter to the other.
    c.exec(
        "UPDATE kb_articles SET \
         helpful = (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = $1 AND v.helpful = TRUE), \
         not_helpful = (SELECT COUNT(*) FROM kb_votes v WHERE v.article_id = $1 AND v.helpful = FALSE) \
         WHERE id = $1",
        args![article.0],
    )
    .await?;
    let row: (i64, i64) = c
        .one(
            "SELECT helpful, not_helpful FROM kb_articles WHERE id = $1",
            args![article.0],
        )
        .await?;
    Ok(row)
}

/// A person's vote on an article, if any.
pub async fn vote_of(
    c: &mut Conn,
    article: ArticleId,
    user: UserId,
) -> Result<Option<bool>, StoreError> {
    let row: Option<(bool,)> = c
        .opt(
            "SELECT helpful FROM kb_votes WHERE article_id = $1 AND user_id = $2",
            args![article.0, user.0],
        )
        .await?;
    Ok(row.map(|r| r.0))
}

/// Counts one view; returns the new count.
pub async fn count_view(c: &mut Conn, article: ArticleId) -> Result<i64, StoreError> {
    c.exec(
        "UPDATE kb_articles SET view_count = view_count + 1 WHERE id = $1",
        args![article.0],
    )
    .await?;
    c.int(
        "SELECT view_count FROM kb_articles WHERE id = $1",
        args![article.0],
    )
    .await
}

/// Records a deflection; returns the article's deflection count.
pub async fn deflect(
    c: &mut Conn,
    article: ArticleId,
    user: UserId,
    typed_text: &str,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.exec(
        "INSERT INTO kb_deflections (article_id, user_id, typed_text, created_at) VALUES ($1, $2, $3, $4)",
        args![article.0, user.0, typed_text, now],
    )
    .await?;
    c.exec(
        "UPDATE kb_articles SET deflections = deflections + 1 WHERE id = $1",
        args![article.0],
    )
    .await?;
    c.int(
        "SELECT deflections FROM kb_articles WHERE id = $1",
        args![article.0],
    )
    .await
}

/// Links an article and a ticket; returns whether the link is new.
pub async fn link_ticket(
    c: &mut Conn,
    article: ArticleId,
    ticket: TicketId,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "INSERT INTO kb_ticket_links (article_id, ticket_id, linked_by, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (article_id, ticket_id) DO NOTHING",
        args![article.0, ticket.0, by.0, now],
    )
    .await?
        > 0)
}

/// Removes a link; returns whether there was one.
pub async fn unlink_ticket(
    c: &mut Conn,
    article: ArticleId,
    ticket: TicketId,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "DELETE FROM kb_ticket_links WHERE article_id = $1 AND ticket_id = $2",
        args![article.0, ticket.0],
    )
    .await?
        > 0)
}

/// The articles linked to a ticket, by id.
pub async fn articles_of_ticket(c: &mut Conn, ticket: TicketId) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = c
        .all(
            "SELECT article_id FROM kb_ticket_links WHERE ticket_id = $1 ORDER BY created_at, article_id",
            args![ticket.0],
        )
        .await?;
    Ok(rows.into_iter().map(|r| r.0).collect())
}

/// A ticket linked to an article, as the article's list of tickets shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LinkedTicketRow {
    /// Ticket id.
    pub id: i64,
    /// Its type, for its number.
    pub kind: String,
    /// Current subject.
    pub subject: String,
    /// Current status.
    pub status: String,
    /// When the link was made.
    pub linked_at: DateTime<Utc>,
}

/// One page of the tickets linked to an article that `v` admits (the ticket list's own
/// visibility clause, so a ticket the reader may not read is neither shown nor counted), the
/// most recently linked first, with the total.
pub async fn linked_tickets(
    c: &mut Conn,
    article: ArticleId,
    v: &Visibility,
    page: i64,
    per_page: i64,
) -> Result<(Vec<LinkedTicketRow>, i64), StoreError> {
    let mut a: Vec<Value> = Vec::new();
    let mut where_ = format!(" WHERE l.article_id = {}", param(&mut a, article.0));
    crate::tickets::visibility_clause(v, &mut where_, &mut a);
    let from = "FROM kb_ticket_links l JOIN tickets t ON t.id = l.ticket_id";
    let total = c
        .int(&format!("SELECT COUNT(*) {from}{where_}"), a.clone())
        .await?;
    let per_page = per_page.clamp(1, 500);
    let offset = (page.max(1) - 1).saturating_mul(per_page);
    let limit = param(&mut a, per_page);
    let off = param(&mut a, offset);
    let rows = c
        .all(
            &format!(
                "SELECT t.id, t.kind, t.subject, t.status, l.created_at AS linked_at {from}{where_} \
                 ORDER BY l.created_at DESC, t.id DESC LIMIT {limit} OFFSET {off}"
            ),
            a,
        )
        .await?;
    Ok((rows, total))
}

/// A file attached to an article.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleAttachmentRow {
    /// Id.
    pub id: i64,
    /// Article.
    pub article_id: i64,
    /// Content address in the blob store.
    pub sha256: String,
    /// File name.
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Bytes.
    pub size: i64,
    /// Uploader.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
}

const ATTACHMENT_COLUMNS: &str =
    "id, article_id, sha256, file_name, media_type, size, uploaded_by, created_at";

/// Stores a file's content once under its hash (shared with ticket attachments) and attaches
/// it to the article; returns the attachment's id.
#[allow(clippy::too_many_arguments)]
pub async fn attach(
    c: &mut Conn,
    article: ArticleId,
    sha256: &str,
    file_name: &str,
    media_type: &str,
    content: &[u8],
    by: UserId,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.exec(
        "INSERT INTO blobs (sha256, size, content, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING",
        args![sha256, content.len() as i64, content.to_vec(), now],
    )
    .await?;
    c.int(
        "INSERT INTO kb_attachments (article_id, sha256, file_name, media_type, size, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        args![
            article.0,
            sha256,
            file_name,
            media_type,
            content.len() as i64,
            by.0,
            now
        ],
    )
    .await
}

/// An article's files.
pub async fn attachments(
    c: &mut Conn,
    article: ArticleId,
) -> Result<Vec<ArticleAttachmentRow>, StoreError> {
    c.all(
        &format!(
            "SELECT {ATTACHMENT_COLUMNS} FROM kb_attachments WHERE article_id = $1 ORDER BY id"
        ),
        args![article.0],
    )
    .await
}

/// One attached file.
pub async fn attachment(c: &mut Conn, id: i64) -> Result<Option<ArticleAttachmentRow>, StoreError> {
    c.opt(
        &format!("SELECT {ATTACHMENT_COLUMNS} FROM kb_attachments WHERE id = $1"),
        args![id],
    )
    .await
}

/// One person's contribution to the knowledge base.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContributionRow {
    /// The person.
    pub user_id: i64,
    /// Their name.
    pub display_name: String,
    /// Articles they created.
    pub authored: i64,
    /// Of those, articles that reached publication.
    pub published: i64,
    /// Of those, articles drafted from a ticket.
    pub from_tickets: i64,
    /// Articles they approved.
    pub approved: i64,
    /// Versions they saved (edits and translations).
    pub edits: i64,
}

/// Everyone who wrote, edited or approved an article, with their counts; most authored first.
/// With `since`, counts only articles created and versions saved from then on.
pub async fn contributions(
    c: &mut Conn,
    since: Option<DateTime<Utc>>,
) -> Result<Vec<ContributionRow>, StoreError> {
    // A very old instant stands for "no lower bound", so one statement serves both.
    let since = since.unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    c.all(
        "SELECT u.id AS user_id, u.display_name, \
         (SELECT COUNT(*) FROM kb_articles a WHERE a.author_id = u.id AND a.created_at >= $1) AS authored, \
         (SELECT COUNT(*) FROM kb_articles a WHERE a.author_id = u.id AND a.created_at >= $1 AND a.published_at IS NOT NULL) AS published, \
         (SELECT COUNT(*) FROM kb_articles a WHERE a.author_id = u.id AND a.created_at >= $1 AND a.source_ticket_id IS NOT NULL) AS from_tickets, \
         (SELECT COUNT(*) FROM kb_articles a WHERE a.approved_by = u.id AND a.approved_at >= $1) AS approved, \
         (SELECT COUNT(*) FROM kb_versions v WHERE v.author_id = u.id AND v.created_at >= $1) AS edits \
         FROM users u WHERE EXISTS (SELECT 1 FROM kb_versions v WHERE v.author_id = u.id) \
         OR EXISTS (SELECT 1 FROM kb_articles a WHERE a.approved_by = u.id) \
         ORDER BY authored DESC, edits DESC, u.id",
        args![since],
    )
    .await
}
