//! Automation rule rows: event rules in their order, time rules, the outbox of automatic
//! replies, and the version number that tells every node its compiled copy of the rules is
//! stale. Definitions are stored as the JSON administrators write; the service layer validates
//! and compiles them (`escalade_core::rules`).

use chrono::{DateTime, Utc};

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// A stored event rule.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct RuleRow {
    /// Id.
    pub id: i64,
    /// Name (as in the definition).
    pub name: String,
    /// Event (as in the definition).
    pub event: String,
    /// Place in the order: rules run from the lowest position up.
    pub position: i64,
    /// Whether it runs (as in the definition).
    pub active: bool,
    /// The rule's JSON.
    pub definition: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A stored time rule.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct TimeRuleRow {
    /// Id.
    pub id: i64,
    /// Name (as in the definition).
    pub name: String,
    /// `remind_pending`, `auto_close_resolved` or `escalate_unassigned`.
    pub kind: String,
    /// Whether it runs (as in the definition).
    pub active: bool,
    /// The time rule's JSON.
    pub definition: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// What the list columns of a rule repeat from its definition.
#[derive(Debug, Clone)]
pub struct RuleFields<'a> {
    /// Name.
    pub name: &'a str,
    /// Event or kind.
    pub event: &'a str,
    /// Active.
    pub active: bool,
    /// The JSON.
    pub definition: &'a str,
}

const RULE_COLUMNS: &str = "id, name, event, position, active, definition, created_at, updated_at";
const TIME_COLUMNS: &str = "id, name, kind, active, definition, created_at, updated_at";

/// Every event rule in its order.
pub async fn rules(c: &mut Conn) -> Result<Vec<RuleRow>, StoreError> {
    c.all(
        &format!("SELECT {RULE_COLUMNS} FROM rules ORDER BY position, id"),
        args![],
    )
    .await
}

/// One event rule.
pub async fn rule(c: &mut Conn, id: i64) -> Result<Option<RuleRow>, StoreError> {
    c.opt(
        &format!("SELECT {RULE_COLUMNS} FROM rules WHERE id = $1"),
        args![id],
    )
    .await
}

/// Adds an event rule at the end of the order.
pub async fn create_rule(
    c: &mut Conn,
    r: &RuleFields<'_>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let position = c
        .int("SELECT COALESCE(MAX(position), 0) + 1 FROM rules", args![])
        .await?;
    c.int(
        "INSERT INTO rules (name, event, position, active, definition, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        args![r.name, r.event, position, r.active, r.definition, now],
    )
    .await
}

/// Replaces an event rule's definition (its place in the order stays).
pub async fn update_rule(
    c: &mut Conn,
    id: i64,
    r: &RuleFields<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE rules SET name = $1, event = $2, active = $3, definition = $4, updated_at = $5 \
             WHERE id = $6",
            args![r.name, r.event, r.active, r.definition, now, id],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes an event rule (the journal keeps its name and id as history).
pub async fn delete_rule(c: &mut Conn, id: i64) -> Result<(), StoreError> {
    if c.exec("DELETE FROM rules WHERE id = $1", args![id]).await? == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Puts the rules in this order (positions 1, 2, ...); the caller checked that `ids` lists
/// every rule once.
pub async fn reorder_rules(
    c: &mut Conn,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for (i, id) in ids.iter().enumerate() {
        c.exec(
            "UPDATE rules SET position = $1, updated_at = $2 WHERE id = $3",
            args![i as i64 + 1, now, *id],
        )
        .await?;
    }
    Ok(())
}

/// Every time rule.
pub async fn time_rules(c: &mut Conn) -> Result<Vec<TimeRuleRow>, StoreError> {
    c.all(
        &format!("SELECT {TIME_COLUMNS} FROM time_rules ORDER BY id"),
        args![],
    )
    .await
}

/// One time rule.
pub async fn time_rule(c: &mut Conn, id: i64) -> Result<Option<TimeRuleRow>, StoreError> {
    c.opt(
        &format!("SELECT {TIME_COLUMNS} FROM time_rules WHERE id = $1"),
        args![id],
    )
    .await
}

/// Adds a time rule.
pub async fn create_time_rule(
    c: &mut Conn,
    r: &RuleFields<'_>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.int(
        "INSERT INTO time_rules (name, kind, active, definition, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
        args![r.name, r.event, r.active, r.definition, now],
    )
    .await
}

/// Replaces a time rule's definition.
pub async fn update_time_rule(
    c: &mut Conn,
    id: i64,
    r: &RuleFields<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE time_rules SET name = $1, kind = $2, active = $3, definition = $4, updated_at = $5 \
             WHERE id = $6",
            args![r.name, r.event, r.active, r.definition, now, id],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes a time rule; its pending jobs find no rule and do nothing.
pub async fn delete_time_rule(c: &mut Conn, id: i64) -> Result<(), StoreError> {
    if c.exec("DELETE FROM time_rules WHERE id = $1", args![id])
        .await?
        == 0
    {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// An automatic reply or reminder for the mail layer to send.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct ReplyRow {
    /// Id.
    pub id: i64,
    /// The ticket.
    pub ticket_id: i64,
    /// The event rule that produced it.
    pub rule_id: Option<i64>,
    /// The time rule that produced it.
    pub time_rule_id: Option<i64>,
    /// Template key.
    pub template: String,
    /// Text.
    pub body: String,
    /// Written.
    pub created_at: DateTime<Utc>,
    /// Sent, once the mail layer has sent it.
    pub sent_at: Option<DateTime<Utc>>,
}

/// Queues an automatic reply in the outbox.
pub async fn queue_reply(
    c: &mut Conn,
    ticket: i64,
    rule: Option<i64>,
    time_rule: Option<i64>,
    template: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.int(
        "INSERT INTO rule_replies (ticket_id, rule_id, time_rule_id, template, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        args![ticket, rule, time_rule, template, body, now],
    )
    .await
}

/// The automatic replies of a ticket, oldest first.
pub async fn replies(c: &mut Conn, ticket: i64) -> Result<Vec<ReplyRow>, StoreError> {
    c.all(
        "SELECT id, ticket_id, rule_id, time_rule_id, template, body, created_at, sent_at \
         FROM rule_replies WHERE ticket_id = $1 ORDER BY id",
        args![ticket],
    )
    .await
}

/// The settings key whose value changes with every change of the rules.
const RULES_VERSION: &str = "rules_version";

/// Marks the rules changed (in the transaction that changes them).
pub async fn bump_version(c: &mut Conn, now: DateTime<Utc>) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO settings (key, value, updated_at) VALUES ($1, '1', $2) ON CONFLICT (key) DO UPDATE \
         SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT), updated_at = excluded.updated_at",
        args![RULES_VERSION, now],
    )
    .await?;
    Ok(())
}

/// The current version of the rules (0 before the first change).
pub async fn version(c: &mut Conn) -> Result<i64, StoreError> {
    Ok(crate::settings::get::<i64>(c, RULES_VERSION)
        .await?
        .unwrap_or(0))
}

/// Marks the one-time seeding of the shipped rules as done; `true` for the caller that must
/// seed, so that shipped rules an administrator deleted do not come back.
pub async fn claim_seeding(c: &mut Conn, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let n = c
        .exec(
            "INSERT INTO settings (key, value, updated_at) VALUES ('rules_seeded', 'true', $1) \
             ON CONFLICT (key) DO NOTHING",
            args![now],
        )
        .await?;
    Ok(n == 1)
}

/// Records that a ticket entered a state time rules watch (`pending`, `resolved`) at `at`, in
/// the transaction of the change: the start of the ticket's present period in that state.
pub async fn enter_state(
    c: &mut Conn,
    ticket: i64,
    state: &str,
    at: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO ticket_state_entries (ticket_id, state, entered_at) VALUES ($1, $2, $3) \
         ON CONFLICT (ticket_id, state) DO UPDATE SET entered_at = excluded.entered_at",
        args![ticket, state, at],
    )
    .await?;
    Ok(())
}

/// When the ticket last entered `state`, if it ever did since the table exists.
pub async fn state_entered(
    c: &mut Conn,
    ticket: i64,
    state: &str,
) -> Result<Option<DateTime<Utc>>, StoreError> {
    Ok(c.opt::<(DateTime<Utc>,)>(
        "SELECT entered_at FROM ticket_state_entries WHERE ticket_id = $1 AND state = $2",
        args![ticket, state],
    )
    .await?
    .map(|r| r.0))
}

/// When the reminders of a time rule were sent to a ticket in the pending period that began at
/// `period_ms`, in step order.
pub async fn period_reminders(
    c: &mut Conn,
    time_rule: i64,
    ticket: i64,
    period_ms: i64,
) -> Result<Vec<DateTime<Utc>>, StoreError> {
    Ok(c.all::<(DateTime<Utc>,)>(
        "SELECT sent_at FROM time_rule_reminders \
             WHERE time_rule_id = $1 AND ticket_id = $2 AND period_ms = $3 ORDER BY step",
        args![time_rule, ticket, period_ms],
    )
    .await?
    .into_iter()
    .map(|r| r.0)
    .collect())
}

/// Claims reminder `step` of a pending period; `false` when it was already sent.
pub async fn claim_reminder(
    c: &mut Conn,
    time_rule: i64,
    ticket: i64,
    period_ms: i64,
    step: i64,
    at: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = c
        .exec(
            "INSERT INTO time_rule_reminders (time_rule_id, ticket_id, period_ms, step, sent_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            args![time_rule, ticket, period_ms, step, at],
        )
        .await?;
    Ok(n == 1)
}
