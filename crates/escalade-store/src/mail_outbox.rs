//! Outbound mail rows: the durable outbox (`mail_outbox`), the Message-IDs of each ticket's
//! mail thread (`mail_message_ids`), and draining the rules' automatic replies
//! (`rule_replies`) into the outbox.
//!
//! A message is enqueued in the transaction of the ticket event that caused it, so an event
//! that commits always has its mail and a rolled-back one never does. Senders claim due rows
//! like the scheduler claims clocks (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so that
//! several nodes share the work), and the claim pushes `next_attempt_at` forward as a lease:
//! SMTP runs outside any transaction, and a node that dies mid-send leaves the row to be
//! claimed again once the lease is over (at least once, never lost).
//!
//! For the inbound side: [`ticket_by_message_ids`] finds the ticket of a reply from its
//! `In-Reply-To` and `References`; [`record_message_id`] keeps a received message's id in the
//! ticket's thread, so that our next message answers it.

use chrono::{DateTime, Utc};
use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::ticket::TicketType;

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, Value, param, push_list};

/// A message to enqueue.
#[derive(Debug, Clone)]
pub struct NewMail {
    /// The ticket it is about (none for a message about no ticket).
    pub ticket: Option<TicketId>,
    /// The event that caused it (`public_reply`, `resolved`, ...).
    pub event: String,
    /// Envelope recipients.
    pub recipients: Vec<String>,
    /// Subject as sent (for the admin's list).
    pub subject: String,
    /// Its Message-ID, with or without angle brackets.
    pub message_id: String,
    /// The whole RFC 5322 message.
    pub raw: Vec<u8>,
    /// When to stop retrying and show it as failed.
    pub give_up_at: DateTime<Utc>,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailState {
    /// Waiting to be sent (or to be tried again).
    Pending,
    /// Accepted by the SMTP server.
    Sent,
    /// Given up after its last attempt; an administrator may retry it.
    Failed,
}

impl MailState {
    /// Its name in the API.
    pub fn as_str(self) -> &'static str {
        match self {
            MailState::Pending => "pending",
            MailState::Sent => "sent",
            MailState::Failed => "failed",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "pending" => Some(MailState::Pending),
            "sent" => Some(MailState::Sent),
            "failed" => Some(MailState::Failed),
            _ => None,
        }
    }

    fn condition(self) -> &'static str {
        match self {
            MailState::Pending => "sent_at IS NULL AND failed_at IS NULL",
            MailState::Sent => "sent_at IS NOT NULL",
            MailState::Failed => "failed_at IS NOT NULL",
        }
    }
}

/// An outbox row without its bytes (for lists).
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct MailSummary {
    /// Id.
    pub id: i64,
    /// The ticket.
    pub ticket_id: Option<i64>,
    /// The event.
    pub event: String,
    /// Envelope recipients, comma-separated.
    pub recipients: String,
    /// Subject.
    pub subject: String,
    /// Message-ID, with angle brackets.
    pub message_id: String,
    /// Failed attempts so far.
    pub attempts: i64,
    /// When it is tried (again).
    pub next_attempt_at: DateTime<Utc>,
    /// When retrying stops.
    pub give_up_at: DateTime<Utc>,
    /// The last failure, as the SMTP server or the connection said it.
    pub last_error: Option<String>,
    /// Sent.
    pub sent_at: Option<DateTime<Utc>>,
    /// Given up.
    pub failed_at: Option<DateTime<Utc>>,
    /// Enqueued.
    pub created_at: DateTime<Utc>,
    /// The ticket's type (`incident`, ...), for its number.
    pub ticket_kind: Option<String>,
}

impl MailSummary {
    /// The ticket's number (`INC-000042`), if the message is about a ticket.
    pub fn ticket_number(&self) -> Option<TicketNumber> {
        let kind = TicketType::parse("kind", self.ticket_kind.as_deref()?).ok()?;
        Some(TicketNumber::new(kind, TicketId(self.ticket_id?)))
    }

    /// Where it stands.
    pub fn state(&self) -> MailState {
        if self.sent_at.is_some() {
            MailState::Sent
        } else if self.failed_at.is_some() {
            MailState::Failed
        } else {
            MailState::Pending
        }
    }

    /// The envelope recipients.
    pub fn recipient_list(&self) -> Vec<String> {
        self.recipients
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// A claimed row: what the sender needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedMail {
    /// Id.
    pub id: i64,
    /// Envelope recipients, comma-separated.
    pub recipients: String,
    /// The whole message.
    pub raw: Vec<u8>,
    /// Failed attempts before this one.
    pub attempts: i64,
    /// When retrying stops.
    pub give_up_at: DateTime<Utc>,
}

const SUMMARY: &str = "id, ticket_id, event, recipients, subject, message_id, attempts, \
     next_attempt_at, give_up_at, last_error, sent_at, failed_at, created_at, \
     (SELECT kind FROM tickets WHERE tickets.id = mail_outbox.ticket_id) AS ticket_kind";

/// A Message-ID as stored in `mail_message_ids`: without angle brackets and spaces.
pub fn bare_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// Enqueues a message (due now) and records its Message-ID in the ticket's thread. Returns
/// its id.
pub async fn enqueue(c: &mut Conn, m: &NewMail, now: DateTime<Utc>) -> Result<i64, StoreError> {
    let bracketed = format!("<{}>", bare_id(&m.message_id));
    let id = c
        .int(
            "INSERT INTO mail_outbox (ticket_id, event, recipients, subject, message_id, raw, attempts, \
             next_attempt_at, give_up_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $7) \
             RETURNING id",
            args![
                m.ticket.map(|t| t.0),
                m.event.as_str(),
                m.recipients.join(", "),
                m.subject.as_str(),
                bracketed,
                m.raw.clone(),
                now,
                m.give_up_at
            ],
        )
        .await?;
    if let Some(ticket) = m.ticket {
        record_message_id(c, &m.message_id, ticket, Direction::Out, now).await?;
    }
    Ok(id)
}

/// Claims up to `limit` due messages and leases them until `lease_until`; on PostgreSQL the
/// rows other nodes are claiming at this moment are skipped.
pub async fn claim_due(
    c: &mut Conn,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<ClaimedMail>, StoreError> {
    let lock = if c.is_postgres() {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let due: Vec<ClaimedMail> = c
        .all(
            &format!(
                "SELECT id, recipients, raw, attempts, give_up_at FROM mail_outbox \
                 WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
                 ORDER BY next_attempt_at, id LIMIT $2{lock}"
            ),
            args![now, limit],
        )
        .await?;
    if due.is_empty() {
        return Ok(due);
    }
    let mut args = vec![Value::from(lease_until)];
    let mut sql = String::from("UPDATE mail_outbox SET next_attempt_at = $1 WHERE id IN ");
    push_list(&mut sql, &mut args, due.iter().map(|m| Value::from(m.id)));
    c.exec(&sql, args).await?;
    Ok(due)
}

/// Records that the SMTP server accepted a message.
pub async fn mark_sent(c: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    c.exec(
        "UPDATE mail_outbox SET sent_at = $1, last_error = NULL WHERE id = $2 AND sent_at IS NULL",
        args![now, id],
    )
    .await?;
    Ok(())
}

/// Records a failed attempt: tried again at `retry_at`, or, with `None`, given up (failed).
pub async fn mark_attempt_failed(
    c: &mut Conn,
    id: i64,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    // Errors are kept short: a server's multi-line answer is enough to diagnose.
    let error: String = error.chars().take(2000).collect();
    match retry_at {
        Some(at) => {
            c.exec(
                "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 \
                 WHERE id = $3 AND sent_at IS NULL",
                args![error, at, id],
            )
            .await?
        }
        None => {
            c.exec(
                "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1, failed_at = $2 \
                 WHERE id = $3 AND sent_at IS NULL",
                args![error, now, id],
            )
            .await?
        }
    };
    Ok(())
}

/// Makes a pending or failed message due now, with a new retry period until `give_up_at`.
/// `false` when there is no such message or it was sent.
pub async fn retry_now(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    give_up_at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE mail_outbox SET failed_at = NULL, next_attempt_at = $1, give_up_at = $2 \
         WHERE id = $3 AND sent_at IS NULL",
        args![now, give_up_at, id],
    )
    .await?
        == 1)
}

/// One message without its bytes.
pub async fn summary(c: &mut Conn, id: i64) -> Result<Option<MailSummary>, StoreError> {
    c.opt(
        &format!("SELECT {SUMMARY} FROM mail_outbox WHERE id = $1"),
        args![id],
    )
    .await
}

/// One message's bytes.
pub async fn raw(c: &mut Conn, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
    let row: Option<(Vec<u8>,)> = c
        .opt("SELECT raw FROM mail_outbox WHERE id = $1", args![id])
        .await?;
    Ok(row.map(|r| r.0))
}

/// What a list of the outbox shows.
#[derive(Debug, Clone, Default)]
pub struct MailQuery {
    /// Only messages in this state.
    pub state: Option<MailState>,
    /// Only messages about this ticket.
    pub ticket: Option<TicketId>,
    /// Page, from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

/// A page of the outbox, newest first, and how many rows match.
pub async fn list(c: &mut Conn, q: &MailQuery) -> Result<(Vec<MailSummary>, i64), StoreError> {
    let mut args = Vec::new();
    let mut filter = String::from(" WHERE 1 = 1");
    if let Some(s) = q.state {
        filter.push_str(&format!(" AND {}", s.condition()));
    }
    if let Some(t) = q.ticket {
        let p = param(&mut args, t.0);
        filter.push_str(&format!(" AND ticket_id = {p}"));
    }
    let total = c
        .int(
            &format!("SELECT COUNT(*) FROM mail_outbox{filter}"),
            args.clone(),
        )
        .await?;
    let per_page = q.per_page.max(1);
    let limit = param(&mut args, per_page);
    let offset = param(&mut args, (q.page.max(1) - 1) * per_page);
    let rows = c
        .all(
            &format!(
                "SELECT {SUMMARY} FROM mail_outbox{filter} ORDER BY id DESC LIMIT {limit} OFFSET {offset}"
            ),
            args,
        )
        .await?;
    Ok((rows, total))
}

/// How many messages are pending, sent and failed.
pub async fn counts(c: &mut Conn) -> Result<(i64, i64, i64), StoreError> {
    let mut out = [0i64; 3];
    for (i, s) in [MailState::Pending, MailState::Sent, MailState::Failed]
        .into_iter()
        .enumerate()
    {
        out[i] = c
            .int(
                &format!("SELECT COUNT(*) FROM mail_outbox WHERE {}", s.condition()),
                vec![],
            )
            .await?;
    }
    Ok((out[0], out[1], out[2]))
}

/// Whether a Message-ID was sent by us or received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// A message we sent.
    Out,
    /// A message we received.
    In,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Direction::Out => "out",
            Direction::In => "in",
        }
    }
}

/// Keeps a Message-ID in a ticket's thread. A Message-ID known already keeps its first ticket
/// (an id names one message), and `false` is returned.
pub async fn record_message_id(
    c: &mut Conn,
    message_id: &str,
    ticket: TicketId,
    direction: Direction,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let id = bare_id(message_id);
    if id.is_empty() {
        return Ok(false);
    }
    Ok(c.exec(
        "INSERT INTO mail_message_ids (message_id, ticket_id, direction, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (message_id) DO NOTHING",
        args![id, ticket.0, direction.as_str(), now],
    )
    .await?
        == 1)
}

/// The ticket whose thread holds one of these Message-IDs (with or without brackets), the
/// last one listed first: give `In-Reply-To` after `References` so that the direct parent
/// decides. Only ids we sent count unless `include_received`.
pub async fn ticket_by_message_ids(
    c: &mut Conn,
    ids: &[String],
    include_received: bool,
) -> Result<Option<TicketId>, StoreError> {
    Ok(thread_match(c, ids, include_received)
        .await?
        .map(|(_, t)| t))
}

/// As [`ticket_by_message_ids`], with the Message-ID (without brackets) that matched, which
/// threading shows agents as its evidence.
pub async fn thread_match(
    c: &mut Conn,
    ids: &[String],
    include_received: bool,
) -> Result<Option<(String, TicketId)>, StoreError> {
    for id in ids.iter().rev() {
        let id = bare_id(id);
        if id.is_empty() {
            continue;
        }
        let row: Option<(i64, String)> = c
            .opt(
                "SELECT ticket_id, direction FROM mail_message_ids WHERE message_id = $1",
                args![id.as_str()],
            )
            .await?;
        if let Some((ticket, direction)) = row
            && (include_received || direction == Direction::Out.as_str())
        {
            return Ok(Some((id, TicketId(ticket))));
        }
    }
    Ok(None)
}

/// The first and the last Message-ID of a ticket's thread, with angle brackets.
pub async fn thread(
    c: &mut Conn,
    ticket: TicketId,
) -> Result<(Option<String>, Option<String>), StoreError> {
    // Both ends in one statement: this runs in the writer's transaction for every mail.
    let (first, last): (Option<String>, Option<String>) = c
        .one(
            "SELECT (SELECT message_id FROM mail_message_ids WHERE ticket_id = $1 ORDER BY id LIMIT 1), \
             (SELECT message_id FROM mail_message_ids WHERE ticket_id = $1 ORDER BY id DESC LIMIT 1)",
            args![ticket.0],
        )
        .await?;
    let wrap = |r: Option<String>| r.map(|id| format!("<{id}>"));
    Ok((wrap(first), wrap(last)))
}

/// An automatic reply of the rules, claimed to be turned into mail.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedReply {
    /// Id in `rule_replies`.
    pub id: i64,
    /// The ticket.
    pub ticket_id: i64,
    /// Template key.
    pub template: String,
    /// Text.
    pub body: String,
}

/// Claims up to `limit` automatic replies not yet handed to the outbox (skipping, on
/// PostgreSQL, those another node is handing over). The caller enqueues their mail and calls
/// [`mark_reply_queued`] in the same transaction.
pub async fn claim_rule_replies(c: &mut Conn, limit: i64) -> Result<Vec<ClaimedReply>, StoreError> {
    let lock = if c.is_postgres() {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    c.all(
        &format!(
            "SELECT id, ticket_id, template, body FROM rule_replies WHERE sent_at IS NULL \
             ORDER BY id LIMIT $1{lock}"
        ),
        args![limit],
    )
    .await
}

/// Marks an automatic reply as handed to the outbox (`rule_replies.sent_at`: from then on the
/// outbox row tells whether the SMTP server took it).
pub async fn mark_reply_queued(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "UPDATE rule_replies SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL",
        args![now, id],
    )
    .await?;
    Ok(())
}
