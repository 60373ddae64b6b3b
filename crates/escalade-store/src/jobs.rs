//! The scheduler's durable jobs: work due at a given time that is not an SLA clock (a
//! time-based rule, a reminder, an auto-close). Stored, so that a restart loses nothing, and
//! claimed like the clocks: on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so that each due job
//! runs on one node, and completed in the same transaction as its effects.

use chrono::{DateTime, Utc};
use escalade_core::ids::TicketId;

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// A job to schedule.
#[derive(Debug, Clone)]
pub struct NewJob {
    /// What runs it: the handler registered under this kind.
    pub kind: String,
    /// A unique key that makes scheduling idempotent (`auto_close:INC-000042`): scheduling a
    /// key again moves the pending job instead of adding one.
    pub key: Option<String>,
    /// The ticket it concerns.
    pub ticket: Option<TicketId>,
    /// Its parameters as JSON.
    pub payload: serde_json::Value,
    /// When it is due.
    pub run_at: DateTime<Utc>,
}

/// A stored job.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRow {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Unique key.
    pub job_key: Option<String>,
    /// The ticket.
    pub ticket_id: Option<i64>,
    /// Parameters as JSON text.
    pub payload: String,
    /// Due.
    pub run_at: DateTime<Utc>,
    /// Failed attempts so far.
    pub attempts: i64,
    /// The last failure.
    pub last_error: Option<String>,
    /// Done.
    pub done_at: Option<DateTime<Utc>>,
    /// The node that did it.
    pub done_by: Option<String>,
}

const COLUMNS: &str =
    "id, kind, job_key, ticket_id, payload, run_at, attempts, last_error, done_at, done_by";

/// Schedules a job; with a key that is pending already, moves that job instead. Returns its id.
pub async fn schedule(c: &mut Conn, j: &NewJob, now: DateTime<Utc>) -> Result<i64, StoreError> {
    if let Some(key) = &j.key {
        let existing: Option<(i64,)> = c
            .opt(
                "SELECT id FROM scheduled_jobs WHERE job_key = $1",
                args![key.as_str()],
            )
            .await?;
        if let Some((id,)) = existing {
            c.exec(
                "UPDATE scheduled_jobs SET kind = $1, ticket_id = $2, payload = $3, run_at = $4, attempts = 0, \
                 last_error = NULL, done_at = NULL, done_by = NULL WHERE id = $5",
                args![j.kind.as_str(), j.ticket.map(|t| t.0), j.payload.to_string(), j.run_at, id],
            )
            .await?;
            return Ok(id);
        }
    }
    c.int(
        "INSERT INTO scheduled_jobs (kind, job_key, ticket_id, payload, run_at, attempts, created_at) \
         VALUES ($1, $2, $3, $4, $5, 0, $6) RETURNING id",
        args![
            j.kind.as_str(),
            j.key.clone(),
            j.ticket.map(|t| t.0),
            j.payload.to_string(),
            j.run_at,
            now
        ],
    )
    .await
}

/// Cancels a pending job by key; `true` when one was pending.
pub async fn cancel(c: &mut Conn, key: &str) -> Result<bool, StoreError> {
    Ok(c.exec(
        "DELETE FROM scheduled_jobs WHERE job_key = $1 AND done_at IS NULL",
        args![key],
    )
    .await?
        > 0)
}

/// Claims up to `limit` jobs due at `now`, earliest first; on PostgreSQL they stay locked by
/// this transaction and jobs locked by other nodes are skipped.
pub async fn claim_due(
    c: &mut Conn,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<JobRow>, StoreError> {
    let lock = if c.is_postgres() {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    c.all(
        &format!(
            "SELECT {COLUMNS} FROM scheduled_jobs WHERE done_at IS NULL AND run_at <= $1 \
             ORDER BY run_at, id LIMIT $2{lock}"
        ),
        args![now, limit],
    )
    .await
}

/// Marks a claimed job done; `false` if it was done (or rescheduled into the future) meanwhile.
pub async fn complete(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    node: &str,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE scheduled_jobs SET done_at = $1, done_by = $2 WHERE id = $3 AND done_at IS NULL AND run_at <= $1",
        args![now, node, id],
    )
    .await?
        == 1)
}

/// Records a failed attempt and when to try again.
pub async fn retry_later(
    c: &mut Conn,
    id: i64,
    error: &str,
    run_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "UPDATE scheduled_jobs SET attempts = attempts + 1, last_error = $1, run_at = $2 WHERE id = $3",
        args![error, run_at, id],
    )
    .await?;
    Ok(())
}

/// One job.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<JobRow>, StoreError> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM scheduled_jobs WHERE id = $1"),
        args![id],
    )
    .await
}
