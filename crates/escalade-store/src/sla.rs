//! SLA configuration rows: business calendars, SLA policies in their order, OLA targets. The
//! definitions are stored as the JSON administrators write and read back into domain types.

use chrono::{DateTime, Utc};
use escalade_core::calendar::Calendar;
use escalade_core::sla::{OlaDefinition, OlaTarget, Policy, PolicyDefinition};

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

fn corrupt(what: &str, id: i64, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("{what} {id}: {e}"))
}

fn json(v: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn name_taken(e: StoreError, what: &str, name: &str) -> StoreError {
    match e {
        StoreError::Conflict {
            code: "already_exists",
            ..
        } => StoreError::Conflict {
            code: "name_taken",
            message: format!("a {what} named '{name}' exists already"),
        },
        e => e,
    }
}

#[derive(sqlx::FromRow)]
struct CalendarRow {
    id: i64,
    definition: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A stored calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredCalendar {
    /// Id.
    pub id: i64,
    /// The calendar (its name is unique).
    pub calendar: Calendar,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl CalendarRow {
    fn decode(self) -> Result<StoredCalendar, StoreError> {
        Ok(StoredCalendar {
            id: self.id,
            calendar: serde_json::from_str(&self.definition)
                .map_err(|e| corrupt("calendar", self.id, e))?,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

fn calendar_name(cal: &Calendar) -> String {
    cal.name.clone().unwrap_or_default()
}

/// Stores a new calendar; its name must be unique.
pub async fn create_calendar(
    c: &mut Conn,
    cal: &Calendar,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let name = calendar_name(cal);
    c.int(
        "INSERT INTO calendars (name, definition, created_at, updated_at) VALUES ($1, $2, $3, $3) RETURNING id",
        args![name.as_str(), json(cal)?, now],
    )
    .await
    .map_err(|e| name_taken(e, "calendar", &name))
}

/// Replaces a calendar.
pub async fn update_calendar(
    c: &mut Conn,
    id: i64,
    cal: &Calendar,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let name = calendar_name(cal);
    let n = c
        .exec(
            "UPDATE calendars SET name = $1, definition = $2, updated_at = $3 WHERE id = $4",
            args![name.as_str(), json(cal)?, now, id],
        )
        .await
        .map_err(|e| name_taken(e, "calendar", &name))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// What still uses a calendar: the names of the policies and OLA targets on it, and whether
/// clocks (running or past) were measured on it.
pub async fn calendar_users(c: &mut Conn, id: i64) -> Result<(Vec<String>, bool), StoreError> {
    let names: Vec<(String,)> = c
        .all(
            "SELECT name FROM sla_policies WHERE calendar_id = $1 \
             UNION ALL SELECT name FROM ola_targets WHERE calendar_id = $1 ORDER BY 1",
            args![id],
        )
        .await?;
    let clocks = c
        .opt::<(i64,)>(
            "SELECT id FROM ticket_clocks WHERE calendar_id = $1 LIMIT 1",
            args![id],
        )
        .await?
        .is_some();
    Ok((names.into_iter().map(|n| n.0).collect(), clocks))
}

/// Deletes a calendar; the caller checked that nothing uses it.
pub async fn delete_calendar(c: &mut Conn, id: i64) -> Result<(), StoreError> {
    if c.exec("DELETE FROM calendars WHERE id = $1", args![id])
        .await?
        == 0
    {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// One calendar.
pub async fn calendar(c: &mut Conn, id: i64) -> Result<Option<StoredCalendar>, StoreError> {
    c.opt::<CalendarRow>(
        "SELECT id, definition, created_at, updated_at FROM calendars WHERE id = $1",
        args![id],
    )
    .await?
    .map(CalendarRow::decode)
    .transpose()
}

/// Every calendar, by name.
pub async fn calendars(c: &mut Conn) -> Result<Vec<StoredCalendar>, StoreError> {
    c.all::<CalendarRow>(
        "SELECT id, definition, created_at, updated_at FROM calendars ORDER BY name, id",
        args![],
    )
    .await?
    .into_iter()
    .map(CalendarRow::decode)
    .collect()
}

#[derive(sqlx::FromRow)]
struct PolicyRow {
    id: i64,
    position: i64,
    active: bool,
    definition: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A stored SLA policy with its place in the order.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredPolicy {
    /// The policy as the choice sees it.
    pub policy: Policy,
    /// Its place: policies are tried from the lowest position up.
    pub position: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl PolicyRow {
    fn decode(self) -> Result<StoredPolicy, StoreError> {
        Ok(StoredPolicy {
            policy: Policy {
                id: self.id,
                active: self.active,
                definition: serde_json::from_str(&self.definition)
                    .map_err(|e| corrupt("SLA policy", self.id, e))?,
            },
            position: self.position,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

const POLICY_COLUMNS: &str = "id, position, active, definition, created_at, updated_at";

/// Stores a new policy at the end of the order.
pub async fn create_policy(
    c: &mut Conn,
    d: &PolicyDefinition,
    active: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let position = c
        .int(
            "SELECT COALESCE(MAX(position), 0) + 1 FROM sla_policies",
            args![],
        )
        .await?;
    c.int(
        "INSERT INTO sla_policies (name, position, active, calendar_id, definition, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
        args![d.name.as_str(), position, active, d.calendar_id, json(d)?, now],
    )
    .await
    .map_err(|e| name_taken(e, "policy", &d.name))
}

/// Replaces a policy's definition and active flag.
pub async fn update_policy(
    c: &mut Conn,
    id: i64,
    d: &PolicyDefinition,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE sla_policies SET name = $1, active = $2, calendar_id = $3, definition = $4, updated_at = $5 \
             WHERE id = $6",
            args![d.name.as_str(), active, d.calendar_id, json(d)?, now, id],
        )
        .await
        .map_err(|e| name_taken(e, "policy", &d.name))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes a policy. Clocks it measured keep its name and id as history.
pub async fn delete_policy(c: &mut Conn, id: i64) -> Result<(), StoreError> {
    if c.exec("DELETE FROM sla_policies WHERE id = $1", args![id])
        .await?
        == 0
    {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Puts the policies in this order (positions 1, 2, ...); the caller checked that `ids` lists
/// every policy once.
pub async fn reorder_policies(
    c: &mut Conn,
    ids: &[i64],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for (i, id) in ids.iter().enumerate() {
        c.exec(
            "UPDATE sla_policies SET position = $1, updated_at = $2 WHERE id = $3",
            args![i as i64 + 1, now, *id],
        )
        .await?;
    }
    Ok(())
}

/// One policy.
pub async fn policy(c: &mut Conn, id: i64) -> Result<Option<StoredPolicy>, StoreError> {
    c.opt::<PolicyRow>(
        &format!("SELECT {POLICY_COLUMNS} FROM sla_policies WHERE id = $1"),
        args![id],
    )
    .await?
    .map(PolicyRow::decode)
    .transpose()
}

/// Every policy in the order they are tried.
pub async fn policies(c: &mut Conn) -> Result<Vec<StoredPolicy>, StoreError> {
    c.all::<PolicyRow>(
        &format!("SELECT {POLICY_COLUMNS} FROM sla_policies ORDER BY position, id"),
        args![],
    )
    .await?
    .into_iter()
    .map(PolicyRow::decode)
    .collect()
}

#[derive(sqlx::FromRow)]
struct OlaRow {
    id: i64,
    active: bool,
    definition: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A stored OLA target.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredOla {
    /// The target as the choice sees it.
    pub target: OlaTarget,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl OlaRow {
    fn decode(self) -> Result<StoredOla, StoreError> {
        Ok(StoredOla {
            target: OlaTarget {
                id: self.id,
                active: self.active,
                definition: serde_json::from_str(&self.definition)
                    .map_err(|e| corrupt("OLA target", self.id, e))?,
            },
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// Stores a new OLA target.
pub async fn create_ola(
    c: &mut Conn,
    d: &OlaDefinition,
    active: bool,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.int(
        "INSERT INTO ola_targets (name, active, level, group_id, calendar_id, definition, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        args![d.name.as_str(), active, d.level.get(), d.group_id, d.calendar_id, json(d)?, now],
    )
    .await
    .map_err(|e| name_taken(e, "OLA target", &d.name))
}

/// Replaces an OLA target.
pub async fn update_ola(
    c: &mut Conn,
    id: i64,
    d: &OlaDefinition,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE ola_targets SET name = $1, active = $2, level = $3, group_id = $4, calendar_id = $5, \
             definition = $6, updated_at = $7 WHERE id = $8",
            args![d.name.as_str(), active, d.level.get(), d.group_id, d.calendar_id, json(d)?, now, id],
        )
        .await
        .map_err(|e| name_taken(e, "OLA target", &d.name))?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Deletes an OLA target; its clocks stay as history.
pub async fn delete_ola(c: &mut Conn, id: i64) -> Result<(), StoreError> {
    if c.exec("DELETE FROM ola_targets WHERE id = $1", args![id])
        .await?
        == 0
    {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// One OLA target.
pub async fn ola(c: &mut Conn, id: i64) -> Result<Option<StoredOla>, StoreError> {
    c.opt::<OlaRow>(
        "SELECT id, active, definition, created_at, updated_at FROM ola_targets WHERE id = $1",
        args![id],
    )
    .await?
    .map(OlaRow::decode)
    .transpose()
}

/// Every OLA target, by level then id.
pub async fn olas(c: &mut Conn) -> Result<Vec<StoredOla>, StoreError> {
    c.all::<OlaRow>(
        "SELECT id, active, definition, created_at, updated_at FROM ola_targets ORDER BY level, id",
        args![],
    )
    .await?
    .into_iter()
    .map(OlaRow::decode)
    .collect()
}

/// Marks the one-time seeding of the default calendars and policies as done; `true` for the
/// caller that marked it (and must seed), `false` when it was done before (or by another node
/// at the same moment), so that defaults an administrator deleted do not come back.
pub async fn claim_default_seeding(c: &mut Conn, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let n = c
        .exec(
            "INSERT INTO settings (key, value, updated_at) VALUES ('sla_defaults_seeded', 'true', $1) \
             ON CONFLICT (key) DO NOTHING",
            args![now],
        )
        .await?;
    Ok(n == 1)
}

/// The lead of a group, notified when an SLA warns or breaches on the group's tickets.
pub async fn group_lead(c: &mut Conn, group: i64) -> Result<Option<i64>, StoreError> {
    let row: Option<(Option<i64>,)> = c
        .opt(
            "SELECT lead_id FROM support_groups WHERE id = $1",
            args![group],
        )
        .await?;
    row.map(|r| r.0).ok_or(StoreError::NotFound)
}

/// Sets (or clears) the lead of a group.
pub async fn set_group_lead(c: &mut Conn, group: i64, lead: Option<i64>) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE support_groups SET lead_id = $1 WHERE id = $2",
            args![lead, group],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// The settings key whose value changes with every change of the SLA configuration, so that
/// each node knows at once when its copy is stale.
const CONFIG_VERSION: &str = "sla_config_version";

/// Marks the SLA configuration changed (in the transaction that changes it): one atomic
/// increment, so that concurrent changes on several nodes each get a version of their own.
pub async fn bump_config_version(c: &mut Conn, now: DateTime<Utc>) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO settings (key, value, updated_at) VALUES ($1, '1', $2) ON CONFLICT (key) DO UPDATE \
         SET value = CAST(CAST(settings.value AS BIGINT) + 1 AS TEXT), updated_at = excluded.updated_at",
        args![CONFIG_VERSION, now],
    )
    .await?;
    Ok(())
}

/// The current version of the SLA configuration (0 before the first change).
pub async fn config_version(c: &mut Conn) -> Result<i64, StoreError> {
    Ok(crate::settings::get::<i64>(c, CONFIG_VERSION)
        .await?
        .unwrap_or(0))
}
