//! Inbound mail as stored: every message the desk receives, kept whole (its raw bytes as a
//! blob) from the moment it arrives, with what processing made of it; the lookups threading
//! needs (tickets by the Message-IDs of mail they received, by another system's identifier);
//! and the quarantine an administrator works through.

use chrono::{DateTime, Utc};
use escalade_core::ids::TicketId;
use sha2::{Digest, Sha256};

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// Where a message came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// `mailgate` (piped by the MTA), `api`, or `imap`.
    pub source: String,
    /// The polled mailbox, for `imap`.
    pub mailbox: Option<i64>,
}

/// What processing decided for a stored message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InboundState {
    /// Stored, waiting to be processed.
    Received,
    /// It opened or changed a ticket.
    Done,
    /// Left alone on purpose (automatic mail, a loop); the decision says why.
    Ignored,
    /// Unreadable, or processing failed; kept for an administrator.
    Quarantined,
}

impl InboundState {
    /// Every state, in the order an administrator looks at them.
    pub const ALL: [InboundState; 4] = [
        InboundState::Quarantined,
        InboundState::Received,
        InboundState::Ignored,
        InboundState::Done,
    ];

    /// Reads the text form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Text form, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            InboundState::Received => "received",
            InboundState::Done => "done",
            InboundState::Ignored => "ignored",
            InboundState::Quarantined => "quarantined",
        }
    }
}

/// A stored message.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct InboundRow {
    /// Id.
    pub id: i64,
    /// Where it came from.
    pub source: String,
    /// The polled mailbox.
    pub mailbox_id: Option<i64>,
    /// The raw message's blob.
    pub sha256: String,
    /// Raw size in bytes.
    pub size: i64,
    /// The sender's address, once read.
    pub sender: Option<String>,
    /// Its Message-ID, once read.
    pub message_id: Option<String>,
    /// Its subject, once read.
    pub subject: Option<String>,
    /// received, done, ignored or quarantined.
    pub state: String,
    /// The threading decision as JSON text, with its reason.
    pub decision: Option<String>,
    /// The ticket it opened or joined.
    pub ticket_id: Option<i64>,
    /// The journal entry it became.
    pub journal_id: Option<i64>,
    /// Why it is quarantined.
    pub error: Option<String>,
    /// Processing attempts.
    pub attempts: i64,
    /// When it arrived.
    pub received_at: DateTime<Utc>,
    /// When processing finished.
    pub processed_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, source, mailbox_id, sha256, size, sender, message_id, subject, state, \
     decision, ticket_id, journal_id, error, attempts, received_at, processed_at";

/// Stores a raw message as received; returns its id. Nothing is read from it yet, so that
/// even a message that cannot be parsed is kept.
pub async fn receive(
    c: &mut Conn,
    arrival: &Arrival,
    raw: &[u8],
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let sha = hex::encode(Sha256::digest(raw));
    c.exec(
        "INSERT INTO blobs (sha256, size, content, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (sha256) DO NOTHING",
        args![sha.as_str(), raw.len() as i64, raw.to_vec(), now],
    )
    .await?;
    c.int(
        "INSERT INTO mail_inbound (source, mailbox_id, sha256, size, state, attempts, received_at) \
         VALUES ($1, $2, $3, $4, 'received', 0, $5) RETURNING id",
        args![
            arrival.source.as_str(),
            arrival.mailbox,
            sha.as_str(),
            raw.len() as i64,
            now
        ],
    )
    .await
}

/// One stored message.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<InboundRow>, StoreError> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM mail_inbound WHERE id = $1"),
        args![id],
    )
    .await
}

/// One stored message with its raw bytes, in one query (what processing starts from).
pub async fn get_with_raw(
    c: &mut Conn,
    id: i64,
) -> Result<Option<(InboundRow, Vec<u8>)>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct WithRaw {
        #[sqlx(flatten)]
        row: InboundRow,
        content: Vec<u8>,
    }
    let found: Option<WithRaw> = c
        .opt(
            &format!(
                "SELECT {}, b.content FROM mail_inbound m JOIN blobs b ON b.sha256 = m.sha256 \
                 WHERE m.id = $1",
                qualified_columns()
            ),
            args![id],
        )
        .await?;
    Ok(found.map(|w| (w.row, w.content)))
}

/// [`COLUMNS`] qualified with the `m` alias, for queries that join the blob.
fn qualified_columns() -> String {
    COLUMNS
        .split(", ")
        .map(|col| format!("m.{col}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The raw bytes of a stored message.
pub async fn raw(c: &mut Conn, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
    let row: Option<(Vec<u8>,)> = c
        .opt(
            "SELECT b.content FROM mail_inbound m JOIN blobs b ON b.sha256 = m.sha256 WHERE m.id = $1",
            args![id],
        )
        .await?;
    Ok(row.map(|(b,)| b))
}

/// Up to `limit` messages waiting to be processed, oldest first.
pub async fn waiting(c: &mut Conn, limit: i64) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = c
        .all(
            "SELECT id FROM mail_inbound WHERE state = 'received' ORDER BY id LIMIT $1",
            args![limit],
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Up to `limit` messages waiting to be processed, oldest first, each with the first `head`
/// bytes of its raw message (enough to read its headers without loading whole messages).
pub async fn waiting_heads(
    c: &mut Conn,
    limit: i64,
    head: i64,
) -> Result<Vec<(i64, Vec<u8>)>, StoreError> {
    // The length is written into the statement (a number, not text from outside) because
    // PostgreSQL's substr takes an integer where a parameter would be a bigint.
    c.all(
        &format!(
            "SELECT m.id, substr(b.content, 1, {head}) FROM mail_inbound m \
             JOIN blobs b ON b.sha256 = m.sha256 WHERE m.state = 'received' ORDER BY m.id LIMIT $1"
        ),
        args![limit],
    )
    .await
}

/// What was read from a message, recorded with its outcome.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The sender's address.
    pub sender: Option<String>,
    /// Its Message-ID.
    pub message_id: Option<String>,
    /// Its subject (cut to 500 characters).
    pub subject: Option<String>,
    /// The threading decision as JSON.
    pub decision: Option<serde_json::Value>,
    /// The ticket it opened or joined.
    pub ticket: Option<TicketId>,
    /// The journal entry it became.
    pub journal_id: Option<i64>,
    /// Why it was quarantined.
    pub error: Option<String>,
}

/// Records how a message was processed. Only a message still waiting (or quarantined, when
/// re-processed) changes, so a message is applied once: `false` when someone else finished it.
pub async fn finish(
    c: &mut Conn,
    id: i64,
    state: InboundState,
    o: &Outcome,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let subject: Option<String> = o.subject.as_deref().map(|s| s.chars().take(500).collect());
    Ok(c.exec(
        "UPDATE mail_inbound SET state = $1, sender = $2, message_id = $3, subject = $4, \
         decision = $5, ticket_id = $6, journal_id = $7, error = $8, attempts = attempts + 1, \
         processed_at = $9 WHERE id = $10 AND state IN ('received', 'quarantined')",
        args![
            state.as_str(),
            o.sender.clone(),
            o.message_id.clone(),
            subject,
            o.decision.as_ref().map(|d| d.to_string()),
            o.ticket.map(|t| t.0),
            o.journal_id,
            o.error.clone(),
            now,
            id
        ],
    )
    .await?
        == 1)
}

/// Puts a quarantined message back in line to be processed again.
pub async fn requeue(c: &mut Conn, id: i64) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE mail_inbound SET state = 'received', error = NULL WHERE id = $1 AND state = 'quarantined'",
        args![id],
    )
    .await?
        == 1)
}

/// The ticket that received a message with one of these Message-IDs (the requester's own
/// earlier mail, which their client names in References), newest first.
pub async fn ticket_of_message_ids(
    c: &mut Conn,
    ids: &[String],
) -> Result<Option<(String, TicketId)>, StoreError> {
    for id in ids {
        let row: Option<(i64,)> = c
            .opt(
                "SELECT ticket_id FROM mail_inbound WHERE message_id = $1 AND ticket_id IS NOT NULL \
                 ORDER BY id DESC LIMIT 1",
                args![id.as_str()],
            )
            .await?;
        if let Some((t,)) = row {
            return Ok(Some((id.clone(), TicketId(t))));
        }
    }
    Ok(None)
}

/// Whether a message with this Message-ID from this sender was already taken: MTAs and
/// pollers deliver twice after a timeout, and the second copy must not open a second ticket.
pub async fn already_taken(
    c: &mut Conn,
    message_id: &str,
    sender: &str,
    except: i64,
) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = c
        .opt(
            "SELECT id FROM mail_inbound WHERE message_id = $1 AND sender = $2 AND id <> $3 \
             AND state IN ('done', 'ignored') ORDER BY id LIMIT 1",
            args![message_id, sender, except],
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// [`already_taken`] and [`sent_since`] in one query (both are asked of every message):
/// the first message taken with this Message-ID from this sender (when there is an id), and
/// how many messages the sender sent since `since`.
pub async fn sender_history(
    c: &mut Conn,
    message_id: Option<&str>,
    sender: &str,
    except: i64,
    since: DateTime<Utc>,
) -> Result<(Option<i64>, i64), StoreError> {
    c.one(
        "SELECT (SELECT id FROM mail_inbound WHERE message_id = $1 AND sender = $2 AND id <> $3 \
         AND state IN ('done', 'ignored') ORDER BY id LIMIT 1), \
         (SELECT COUNT(*) FROM mail_inbound WHERE sender = $2 AND received_at >= $4 AND state = 'done')",
        args![message_id, sender, except, since],
    )
    .await
}

/// How many messages this sender sent since `since` (for the per-sender flood limit).
pub async fn sent_since(
    c: &mut Conn,
    sender: &str,
    since: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.int(
        "SELECT COUNT(*) FROM mail_inbound WHERE sender = $1 AND received_at >= $2 AND state = 'done'",
        args![sender, since],
    )
    .await
}

/// The ticket that carries another system's identifier.
pub async fn ticket_of_external_id(
    c: &mut Conn,
    source: &str,
    external_id: &str,
) -> Result<Option<TicketId>, StoreError> {
    let row: Option<(i64,)> = c
        .opt(
            "SELECT ticket_id FROM ticket_external_ids WHERE source = $1 AND external_id = $2",
            args![source, external_id],
        )
        .await?;
    Ok(row.map(|(t,)| TicketId(t)))
}

/// Records another system's identifier for a ticket.
pub async fn remember_external_id(
    c: &mut Conn,
    source: &str,
    external_id: &str,
    ticket: TicketId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO ticket_external_ids (source, external_id, ticket_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (source, external_id) DO NOTHING",
        args![source, external_id, ticket.0, now],
    )
    .await?;
    Ok(())
}

/// Stored messages in one state, newest first, with the total (for the quarantine page).
pub async fn in_state(
    c: &mut Conn,
    state: InboundState,
    offset: i64,
    limit: i64,
) -> Result<(Vec<InboundRow>, i64), StoreError> {
    let total = c
        .int(
            "SELECT COUNT(*) FROM mail_inbound WHERE state = $1",
            args![state.as_str()],
        )
        .await?;
    let rows = c
        .all(
            &format!(
                "SELECT {COLUMNS} FROM mail_inbound WHERE state = $1 ORDER BY id DESC LIMIT $2 OFFSET $3"
            ),
            args![state.as_str(), limit, offset],
        )
        .await?;
    Ok((rows, total))
}

/// How many stored messages are in each state (states with none are left out).
pub async fn counts(c: &mut Conn) -> Result<Vec<(String, i64)>, StoreError> {
    c.all(
        "SELECT state, COUNT(*) FROM mail_inbound GROUP BY state ORDER BY state",
        args![],
    )
    .await
}
