//! Ticket clock rows: inserting and saving clocks with the ticket change that moves them, the
//! scheduler's "due" scans, and the conditional updates that fire a warning or a breach
//! exactly once, and the SLA policy pinned on a ticket.
//!
//! Exactly once: a warning fires by `UPDATE ... SET warned_at = now WHERE id = $1 AND
//! warned_at IS NULL AND ...`, in the same transaction as its actions; only the transaction
//! that changed the row acts. On PostgreSQL the scan also claims its candidates with
//! `FOR UPDATE ... SKIP LOCKED` (the clock and its ticket), so that several nodes share the due
//! work without waiting on one another, and never wait on a ticket that a request is changing.
//! SQLite has one writer, which serialises the same statements.

use chrono::{DateTime, Utc};
use escalade_core::authz::Visibility;
use escalade_core::ids::{GroupId, TicketId};
use escalade_core::sla::{Clock, ClockKind, Outcome, Pin, PinnedBy, Segment};
use escalade_core::ticket::SupportLevel;

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, Value, push_list};
use crate::tickets::{TicketPage, page_of, visibility_clause};

/// A stored clock: the domain clock and what it was measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredClock {
    /// Row id.
    pub id: i64,
    /// The ticket.
    pub ticket: TicketId,
    /// The level measured (OLA clocks).
    pub level: Option<SupportLevel>,
    /// The group measured (OLA clocks).
    pub group: Option<GroupId>,
    /// The SLA policy (or OLA target) id.
    pub policy_id: i64,
    /// Its name when chosen.
    pub policy_name: String,
    /// The calendar the target runs on.
    pub calendar_id: i64,
    /// Why the policy was chosen (the domain's `Choice` as JSON).
    pub choice: serde_json::Value,
    /// The clock.
    pub clock: Clock,
    /// The node that fired its warning.
    pub warned_by: Option<String>,
    /// The node that fired its breach.
    pub breached_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ClockRow {
    id: i64,
    ticket_id: i64,
    kind: String,
    level: Option<i64>,
    group_id: Option<i64>,
    policy_id: i64,
    policy_name: String,
    calendar_id: i64,
    choice: String,
    target_seconds: i64,
    warn_percent: i64,
    started_at: DateTime<Utc>,
    consumed_seconds: i64,
    segments: String,
    due_at: Option<DateTime<Utc>>,
    warn_at: Option<DateTime<Utc>>,
    stopped_at: Option<DateTime<Utc>>,
    outcome: Option<String>,
    warned_at: Option<DateTime<Utc>>,
    warned_by: Option<String>,
    breached_at: Option<DateTime<Utc>>,
    breached_by: Option<String>,
}

const COLUMNS: &str = "id, ticket_id, kind, level, group_id, policy_id, policy_name, calendar_id, choice, \
    target_seconds, warn_percent, started_at, consumed_seconds, segments, due_at, warn_at, stopped_at, \
    outcome, warned_at, warned_by, breached_at, breached_by";

fn corrupt(id: i64, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("clock {id}: {e}"))
}

impl ClockRow {
    fn decode(self) -> Result<StoredClock, StoreError> {
        let id = self.id;
        let segments: Vec<Segment> =
            serde_json::from_str(&self.segments).map_err(|e| corrupt(id, e))?;
        let outcome = match self.outcome.as_deref() {
            None => None,
            Some(o) => Some(Outcome::parse(o).ok_or_else(|| corrupt(id, o))?),
        };
        Ok(StoredClock {
            id,
            ticket: TicketId(self.ticket_id),
            level: self
                .level
                .map(SupportLevel::new)
                .transpose()
                .map_err(|e| corrupt(id, e))?,
            group: self.group_id.map(GroupId),
            policy_id: self.policy_id,
            policy_name: self.policy_name,
            calendar_id: self.calendar_id,
            choice: serde_json::from_str(&self.choice).map_err(|e| corrupt(id, e))?,
            clock: Clock {
                kind: ClockKind::parse(&self.kind).map_err(|e| corrupt(id, e))?,
                target_seconds: self.target_seconds,
                warn_percent: self.warn_percent,
                started_at: self.started_at,
                segments,
                consumed_seconds: self.consumed_seconds,
                due_at: self.due_at,
                warn_at: self.warn_at,
                stopped_at: self.stopped_at,
                outcome,
                warned_at: self.warned_at,
                breached_at: self.breached_at,
            },
            warned_by: self.warned_by,
            breached_by: self.breached_by,
        })
    }
}

fn segments_json(clock: &Clock) -> String {
    // A list of plain structs with instants cannot fail to serialise.
    serde_json::to_string(&clock.segments).unwrap_or_else(|_| "[]".into())
}

/// Inserts a new clock (its id in `stored` is ignored); returns the id.
pub async fn insert(
    c: &mut Conn,
    stored: &StoredClock,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let k = &stored.clock;
    c.int(
        "INSERT INTO ticket_clocks (ticket_id, kind, level, group_id, policy_id, policy_name, calendar_id, choice, \
         target_seconds, warn_percent, started_at, running_since, consumed_seconds, segments, due_at, warn_at, \
         stopped_at, outcome, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
        args![
            stored.ticket.0,
            k.kind.as_str(),
            stored.level.map(|l| l.get()),
            stored.group.map(|g| g.0),
            stored.policy_id,
            stored.policy_name.as_str(),
            stored.calendar_id,
            stored.choice.to_string(),
            k.target_seconds,
            k.warn_percent,
            k.started_at,
            k.running_since(),
            k.consumed_seconds,
            segments_json(k),
            k.due_at,
            k.warn_at,
            k.stopped_at,
            k.outcome.map(|o| o.as_str()),
            now
        ],
    )
    .await
}

/// Saves what a ticket change did to a clock: its state, and the policy, calendar and target
/// it is measured against. The fired markers (`warned_at`, `breached_at`) are written only by
/// [`fire_warning`] and [`fire_breach`], never here, so that a request cannot undo a firing.
pub async fn save(
    c: &mut Conn,
    stored: &StoredClock,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let k = &stored.clock;
    c.exec(
        "UPDATE ticket_clocks SET policy_id = $1, policy_name = $2, calendar_id = $3, choice = $4, \
         target_seconds = $5, warn_percent = $6, running_since = $7, consumed_seconds = $8, segments = $9, \
         due_at = $10, warn_at = $11, stopped_at = $12, outcome = $13, updated_at = $14 WHERE id = $15",
        args![
            stored.policy_id,
            stored.policy_name.as_str(),
            stored.calendar_id,
            stored.choice.to_string(),
            k.target_seconds,
            k.warn_percent,
            k.running_since(),
            k.consumed_seconds,
            segments_json(k),
            k.due_at,
            k.warn_at,
            k.stopped_at,
            k.outcome.map(|o| o.as_str()),
            now,
            stored.id
        ],
    )
    .await?;
    Ok(())
}

/// The clocks of a ticket, oldest first.
pub async fn for_ticket(c: &mut Conn, ticket: TicketId) -> Result<Vec<StoredClock>, StoreError> {
    c.all::<ClockRow>(
        &format!("SELECT {COLUMNS} FROM ticket_clocks WHERE ticket_id = $1 ORDER BY id"),
        args![ticket.0],
    )
    .await?
    .into_iter()
    .map(ClockRow::decode)
    .collect()
}

/// The clocks of several tickets (for a page of a list), oldest first.
pub async fn for_tickets(
    c: &mut Conn,
    tickets: &[TicketId],
) -> Result<Vec<StoredClock>, StoreError> {
    if tickets.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = format!("SELECT {COLUMNS} FROM ticket_clocks WHERE ticket_id IN ");
    let mut a = Vec::new();
    push_list(&mut sql, &mut a, tickets.iter().map(|t| Value::from(t.0)));
    sql.push_str(" ORDER BY id");
    c.all::<ClockRow>(&sql, a)
        .await?
        .into_iter()
        .map(ClockRow::decode)
        .collect()
}

/// One clock.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<StoredClock>, StoreError> {
    c.opt::<ClockRow>(
        &format!("SELECT {COLUMNS} FROM ticket_clocks WHERE id = $1"),
        args![id],
    )
    .await?
    .map(ClockRow::decode)
    .transpose()
}

/// What the scheduler fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Firing {
    /// The warning threshold passed.
    Warning,
    /// The deadline passed.
    Breach,
}

/// Claims up to `limit` clocks whose warning (or breach) is due at `now` and has not fired,
/// earliest first. On PostgreSQL the clocks and their tickets stay locked by this transaction
/// and rows locked by others are skipped, so concurrent nodes claim different clocks.
pub async fn claim_due(
    c: &mut Conn,
    firing: Firing,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(i64, TicketId)>, StoreError> {
    let condition = match firing {
        Firing::Warning => "k.warned_at IS NULL AND k.stopped_at IS NULL AND k.warn_at <= $1",
        // A breach is strictly past the deadline: at the deadline itself the target is met.
        Firing::Breach => "k.breached_at IS NULL AND k.stopped_at IS NULL AND k.due_at < $1",
    };
    let order = match firing {
        Firing::Warning => "k.warn_at",
        Firing::Breach => "k.due_at",
    };
    let lock = if c.is_postgres() {
        " FOR UPDATE OF k, t SKIP LOCKED"
    } else {
        ""
    };
    let rows: Vec<(i64, i64)> = c
        .all(
            &format!(
                "SELECT k.id, k.ticket_id FROM ticket_clocks k JOIN tickets t ON t.id = k.ticket_id \
                 WHERE {condition} ORDER BY {order}, k.id LIMIT $2{lock}"
            ),
            args![now, limit],
        )
        .await?;
    Ok(rows.into_iter().map(|(id, t)| (id, TicketId(t))).collect())
}

/// Fires a clock's warning: sets `warned_at` if it is still unfired, running and due. `true`
/// only for the one caller that changed the row, which then runs the warning's actions in the
/// same transaction.
pub async fn fire_warning(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    node: &str,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE ticket_clocks SET warned_at = $1, warned_by = $2 \
         WHERE id = $3 AND warned_at IS NULL AND stopped_at IS NULL AND warn_at <= $1",
        args![now, node, id],
    )
    .await?
        == 1)
}

/// Fires a clock's breach, like [`fire_warning`].
pub async fn fire_breach(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    node: &str,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE ticket_clocks SET breached_at = $1, breached_by = $2 \
         WHERE id = $3 AND breached_at IS NULL AND stopped_at IS NULL AND due_at < $1",
        args![now, node, id],
    )
    .await?
        == 1)
}

/// Locks the ticket row for the rest of the transaction on PostgreSQL (no-op on SQLite, whose
/// single writer already serialises), unless another transaction holds it: `false` then, and
/// the caller leaves the ticket for the next round instead of waiting.
pub async fn try_lock_ticket(c: &mut Conn, ticket: TicketId) -> Result<bool, StoreError> {
    if !c.is_postgres() {
        return Ok(true);
    }
    Ok(c.opt::<(i64,)>(
        "SELECT id FROM tickets WHERE id = $1 FOR UPDATE SKIP LOCKED",
        args![ticket.0],
    )
    .await?
    .is_some())
}

/// How many clocks fired, per node, for metrics and tests: `(node, warnings, breaches)`.
pub async fn firings_by_node(c: &mut Conn) -> Result<Vec<(String, i64, i64)>, StoreError> {
    c.all(
        "SELECT node, CAST(SUM(w) AS BIGINT), CAST(SUM(b) AS BIGINT) FROM ( \
           SELECT warned_by AS node, CAST(1 AS BIGINT) AS w, CAST(0 AS BIGINT) AS b FROM ticket_clocks WHERE warned_by IS NOT NULL \
           UNION ALL \
           SELECT breached_by AS node, CAST(0 AS BIGINT) AS w, CAST(1 AS BIGINT) AS b FROM ticket_clocks WHERE breached_by IS NOT NULL \
         ) f GROUP BY node ORDER BY node",
        args![],
    )
    .await
}

/// The tickets `v` may see with a running clock that warned or breached: the "SLA at risk"
/// queue, the most pressing deadline first (paused clocks last), one page with the total.
pub async fn at_risk(
    c: &mut Conn,
    v: &Visibility,
    page: i64,
    per_page: i64,
) -> Result<TicketPage, StoreError> {
    let mut where_ = String::from(
        " WHERE EXISTS (SELECT 1 FROM ticket_clocks k WHERE k.ticket_id = t.id AND k.stopped_at IS NULL \
         AND (k.warned_at IS NOT NULL OR k.breached_at IS NOT NULL))",
    );
    let mut a = Vec::new();
    visibility_clause(v, &mut where_, &mut a);
    let total = c
        .int(
            &format!("SELECT COUNT(*) FROM tickets t{where_}"),
            a.clone(),
        )
        .await?;
    let per_page = per_page.clamp(1, 500);
    let offset = (page.max(1) - 1).saturating_mul(per_page);
    let earliest = "(SELECT MIN(k.due_at) FROM ticket_clocks k WHERE k.ticket_id = t.id \
                    AND k.stopped_at IS NULL AND k.due_at IS NOT NULL)";
    let order = format!("CASE WHEN {earliest} IS NULL THEN 1 ELSE 0 END, {earliest}, t.id");
    let items = page_of(c, &where_, a, &order, per_page, offset).await?;
    Ok(TicketPage { items, total })
}

/// The clocks that have not stopped and run on a calendar (to recompute after it changed).
pub async fn open_on_calendar(
    c: &mut Conn,
    calendar_id: i64,
) -> Result<Vec<StoredClock>, StoreError> {
    c.all::<ClockRow>(
        &format!(
            "SELECT {COLUMNS} FROM ticket_clocks WHERE calendar_id = $1 AND stopped_at IS NULL ORDER BY id"
        ),
        args![calendar_id],
    )
    .await?
    .into_iter()
    .map(ClockRow::decode)
    .collect()
}

/// The SLA clocks (not OLA) that have not stopped and measure a policy (to recompute after it
/// changed).
pub async fn open_of_policy(c: &mut Conn, policy_id: i64) -> Result<Vec<StoredClock>, StoreError> {
    c.all::<ClockRow>(
        &format!(
            "SELECT {COLUMNS} FROM ticket_clocks WHERE policy_id = $1 AND kind <> 'ola' AND stopped_at IS NULL \
             ORDER BY id"
        ),
        args![policy_id],
    )
    .await?
    .into_iter()
    .map(ClockRow::decode)
    .collect()
}

#[derive(sqlx::FromRow)]
struct PinRow {
    policy_id: i64,
    policy_name: String,
    rule_id: Option<i64>,
    rule_name: Option<String>,
    user_id: Option<i64>,
    user_name: Option<String>,
    pinned_at: DateTime<Utc>,
}

/// The SLA policy pinned on a ticket, if any.
pub async fn pin_of(c: &mut Conn, ticket: TicketId) -> Result<Option<Pin>, StoreError> {
    let row = c
        .opt::<PinRow>(
            "SELECT policy_id, policy_name, rule_id, rule_name, user_id, user_name, pinned_at \
             FROM ticket_sla_pins WHERE ticket_id = $1",
            args![ticket.0],
        )
        .await?;
    Ok(row.map(|r| Pin {
        policy_id: r.policy_id,
        policy_name: r.policy_name,
        by: match r.user_id {
            Some(user_id) => PinnedBy::Person {
                user_id,
                name: r.user_name.unwrap_or_default(),
            },
            None => PinnedBy::Rule {
                rule_id: r.rule_id,
                name: r.rule_name.unwrap_or_default(),
            },
        },
        at: r.pinned_at,
    }))
}

/// Pins a policy on a ticket, replacing an earlier pin.
pub async fn set_pin(c: &mut Conn, ticket: TicketId, pin: &Pin) -> Result<(), StoreError> {
    let (rule_id, rule_name, user_id, user_name) = match &pin.by {
        PinnedBy::Rule { rule_id, name } => (*rule_id, Some(name.as_str()), None, None),
        PinnedBy::Person { user_id, name } => (None, None, Some(*user_id), Some(name.as_str())),
    };
    c.exec(
        "INSERT INTO ticket_sla_pins (ticket_id, policy_id, policy_name, rule_id, rule_name, user_id, user_name, pinned_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (ticket_id) DO UPDATE SET policy_id = excluded.policy_id, policy_name = excluded.policy_name, \
         rule_id = excluded.rule_id, rule_name = excluded.rule_name, user_id = excluded.user_id, \
         user_name = excluded.user_name, pinned_at = excluded.pinned_at",
        args![
            ticket.0,
            pin.policy_id,
            pin.policy_name.as_str(),
            rule_id,
            rule_name,
            user_id,
            user_name,
            pin.at
        ],
    )
    .await?;
    Ok(())
}

/// Removes a ticket's pin; whether there was one.
pub async fn clear_pin(c: &mut Conn, ticket: TicketId) -> Result<bool, StoreError> {
    Ok(c.exec(
        "DELETE FROM ticket_sla_pins WHERE ticket_id = $1",
        args![ticket.0],
    )
    .await?
        > 0)
}

/// The tickets still open whose pin names a policy (to choose again after the policy was
/// deleted, made inactive or active again).
pub async fn pinned_to(c: &mut Conn, policy_id: i64) -> Result<Vec<TicketId>, StoreError> {
    #[derive(sqlx::FromRow)]
    struct Row {
        ticket_id: i64,
    }
    Ok(c.all::<Row>(
        "SELECT p.ticket_id FROM ticket_sla_pins p JOIN tickets t ON t.id = p.ticket_id \
         WHERE p.policy_id = $1 AND t.status NOT IN ('resolved', 'closed', 'cancelled') ORDER BY p.ticket_id",
        args![policy_id],
    )
    .await?
    .into_iter()
    .map(|r| TicketId(r.ticket_id))
    .collect())
}
