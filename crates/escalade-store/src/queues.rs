//! What the agent console's queues need besides the ticket list: how many tickets match a
//! filter, a change stamp that moves whenever a matching ticket changes, and the names shown
//! in a page of rows. All filter through the same clause as [`crate::tickets::list`], so a
//! count never disagrees with the list it sits above.

use chrono::{DateTime, Utc};
use escalade_core::authz::Visibility;
use escalade_core::ids::GroupId;
use escalade_core::ticket::SupportLevel;

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, Value, push_list};
use crate::tickets::{TicketQuery, where_clause};

/// How many tickets match `q` among those `v` admits (paging and order are ignored).
pub async fn count(c: &mut Conn, q: &TicketQuery, v: &Visibility) -> Result<i64, StoreError> {
    let (where_, a) = where_clause(q, v);
    c.int(&format!("SELECT COUNT(*) FROM tickets t{where_}"), a)
        .await
}

/// The state of a filtered set of tickets in two numbers: how many match, and the latest
/// change among them. A change to a matching ticket moves the latest change; a ticket leaving
/// the set changes the count, and one entering it was just changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// How many tickets match.
    pub count: i64,
    /// The latest `updated_at` among them.
    pub latest: Option<DateTime<Utc>>,
}

/// The change stamp of the tickets matching `q` among those `v` admits.
pub async fn stamp(c: &mut Conn, q: &TicketQuery, v: &Visibility) -> Result<Stamp, StoreError> {
    let (where_, a) = where_clause(q, v);
    // The count of the queue comes from the filter's index alone; the latest change is taken
    // over all tickets (one step down the `updated_at` index) rather than over the queue,
    // which would read every row of it. A change elsewhere then refreshes the queue once more
    // than needed, but no change to it is ever missed.
    let count = c
        .int(&format!("SELECT COUNT(*) FROM tickets t{where_}"), a)
        .await?;
    let latest = latest_change(c).await?;
    Ok(Stamp { count, latest })
}

/// When any ticket last changed (one step down the `updated_at` index).
pub async fn latest_change(c: &mut Conn) -> Result<Option<DateTime<Utc>>, StoreError> {
    let (latest,): (Option<DateTime<Utc>>,) = c
        .one("SELECT MAX(updated_at) FROM tickets", args![])
        .await?;
    Ok(latest)
}

/// Display names of these users, as `(id, name)` pairs (unknown ids are left out).
pub async fn user_names(c: &mut Conn, ids: &[i64]) -> Result<Vec<(i64, String)>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = String::from("SELECT id, display_name FROM users WHERE id IN ");
    let mut a = Vec::new();
    push_list(&mut sql, &mut a, ids.iter().map(|i| Value::from(*i)));
    c.all(&sql, a).await
}

/// Tickets handled by some groups: those whose group is one of `groups`, and those without a
/// group at one of `levels_without_group` (an escalation to a level before a group is named).
/// Both empty matches nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HandledBy {
    /// The groups.
    pub groups: Vec<GroupId>,
    /// Levels whose ungrouped tickets count too.
    pub levels_without_group: Vec<SupportLevel>,
}

/// Appends the SQL condition of [`HandledBy`] (over `tickets t`).
pub(crate) fn handled_by_clause(h: &HandledBy, sql: &mut String, a: &mut Vec<Value>) {
    let mut terms = Vec::new();
    if !h.groups.is_empty() {
        let mut s = String::from("t.group_id IN ");
        push_list(&mut s, a, h.groups.iter().map(|g| Value::from(g.0)));
        terms.push(s);
    }
    if !h.levels_without_group.is_empty() {
        let mut s = String::from("(t.group_id IS NULL AND t.level IN ");
        push_list(
            &mut s,
            a,
            h.levels_without_group.iter().map(|l| Value::from(l.get())),
        );
        s.push(')');
        terms.push(s);
    }
    if terms.is_empty() {
        sql.push_str(" AND 1 = 0");
    } else {
        sql.push_str(&format!(" AND ({})", terms.join(" OR ")));
    }
}
