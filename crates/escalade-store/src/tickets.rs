//! Ticket rows: insert, fetch, versioned update, watchers, and the filtered, paged list with the
//! reader's visibility turned into SQL.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use escalade_core::authz::Visibility;
use escalade_core::ids::{CategoryId, DepartmentId, GroupId, TicketId, UserId};
use escalade_core::ticket::{
    Channel, Impact, KeyFacts, Nature, Priority, Status, SupportLevel, Ticket, TicketType, Urgency,
};

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, Value, param, push_list};

pub use crate::queues::HandledBy;

#[derive(sqlx::FromRow)]
struct TicketRow {
    id: i64,
    kind: String,
    subject: String,
    description: String,
    requester_id: i64,
    department_id: Option<i64>,
    channel: String,
    category_id: Option<i64>,
    nature: Option<String>,
    service: Option<String>,
    config_items: String,
    impact: String,
    urgency: String,
    priority: String,
    priority_manual: bool,
    level: i64,
    group_id: Option<i64>,
    assignee_id: Option<i64>,
    status: String,
    facts: String,
    custom: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
    version: i64,
}

const COLUMNS: &str = "t.id, t.kind, t.subject, t.description, t.requester_id, t.department_id, t.channel, \
    t.category_id, t.nature, t.service, t.config_items, t.impact, t.urgency, t.priority, t.priority_manual, \
    t.level, t.group_id, t.assignee_id, t.status, t.facts, t.custom, t.created_at, t.updated_at, \
    t.resolved_at, t.closed_at, t.version";

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

impl TicketRow {
    fn into_ticket(self, tags: Vec<String>) -> Result<Ticket, StoreError> {
        Ok(Ticket {
            id: TicketId(self.id),
            kind: TicketType::parse("kind", &self.kind).map_err(corrupt)?,
            subject: self.subject,
            description: self.description,
            requester: UserId(self.requester_id),
            department: self.department_id.map(DepartmentId),
            channel: Channel::parse("channel", &self.channel).map_err(corrupt)?,
            category: self.category_id.map(CategoryId),
            nature: self
                .nature
                .as_deref()
                .map(|n| Nature::parse("nature", n))
                .transpose()
                .map_err(corrupt)?,
            service: self.service,
            config_items: serde_json::from_str(&self.config_items).map_err(corrupt)?,
            impact: Impact::parse("impact", &self.impact).map_err(corrupt)?,
            urgency: Urgency::parse("urgency", &self.urgency).map_err(corrupt)?,
            priority: Priority::parse("priority", &self.priority).map_err(corrupt)?,
            priority_manual: self.priority_manual,
            level: SupportLevel::new(self.level).map_err(corrupt)?,
            group: self.group_id.map(GroupId),
            assignee: self.assignee_id.map(UserId),
            status: Status::parse("status", &self.status).map_err(corrupt)?,
            tags,
            facts: serde_json::from_str::<KeyFacts>(&self.facts).map_err(corrupt)?,
            custom: serde_json::from_str::<BTreeMap<String, String>>(&self.custom)
                .map_err(corrupt)?,
            created_at: self.created_at,
            updated_at: self.updated_at,
            resolved_at: self.resolved_at,
            closed_at: self.closed_at,
            version: self.version,
        })
    }
}

fn json(v: &impl serde::Serialize) -> String {
    // Serialising plain maps and vectors of strings cannot fail.
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// Inserts a new ticket with its tags and watchers; returns its id (which is its number).
/// `security` marks a ticket restricted to the security team.
pub async fn insert(
    c: &mut Conn,
    t: &Ticket,
    security: bool,
    watchers: &[UserId],
) -> Result<TicketId, StoreError> {
    let id = c
        .int(
            "INSERT INTO tickets (kind, subject, description, requester_id, department_id, channel, category_id, \
             nature, service, config_items, impact, urgency, priority, priority_rank, priority_manual, level, \
             group_id, assignee_id, status, security, facts, custom, created_at, updated_at, resolved_at, \
             closed_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, \
             $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27) RETURNING id",
            args![
                t.kind.as_str(),
                t.subject.as_str(),
                t.description.as_str(),
                t.requester.0,
                t.department.map(|d| d.0),
                t.channel.as_str(),
                t.category.map(|c| c.0),
                t.nature.map(|n| n.as_str()),
                t.service.clone(),
                json(&t.config_items),
                t.impact.as_str(),
                t.urgency.as_str(),
                t.priority.as_str(),
                t.priority.rank(),
                t.priority_manual,
                t.level.get(),
                t.group.map(|g| g.0),
                t.assignee.map(|a| a.0),
                t.status.as_str(),
                security,
                json(&t.facts),
                json(&t.custom),
                t.created_at,
                t.updated_at,
                t.resolved_at,
                t.closed_at,
                t.version
            ],
        )
        .await?;
    for tag in &t.tags {
        c.exec(
            "INSERT INTO ticket_tags (ticket_id, tag) VALUES ($1, $2)",
            args![id, tag.as_str()],
        )
        .await?;
    }
    for w in watchers {
        c.exec(
            "INSERT INTO ticket_watchers (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            args![id, w.0],
        )
        .await?;
    }
    Ok(TicketId(id))
}

/// Fetches one ticket with its tags.
pub async fn get(c: &mut Conn, id: TicketId) -> Result<Option<Ticket>, StoreError> {
    let row: Option<TicketRow> = c
        .opt(
            &format!("SELECT {COLUMNS} FROM tickets t WHERE t.id = $1"),
            args![id.0],
        )
        .await?;
    match row {
        None => Ok(None),
        Some(r) => {
            let tags: Vec<(String,)> = c
                .all(
                    "SELECT tag FROM ticket_tags WHERE ticket_id = $1 ORDER BY tag",
                    args![id.0],
                )
                .await?;
            r.into_ticket(tags.into_iter().map(|t| t.0).collect())
                .map(Some)
        }
    }
}

/// Whether the ticket is restricted to the security team.
pub async fn is_security(c: &mut Conn, id: TicketId) -> Result<bool, StoreError> {
    let row: Option<(bool,)> = c
        .opt("SELECT security FROM tickets WHERE id = $1", args![id.0])
        .await?;
    row.map(|r| r.0).ok_or(StoreError::NotFound)
}

/// The watchers of a ticket.
pub async fn watchers(c: &mut Conn, id: TicketId) -> Result<Vec<UserId>, StoreError> {
    let rows: Vec<(i64,)> = c
        .all(
            "SELECT user_id FROM ticket_watchers WHERE ticket_id = $1 ORDER BY user_id",
            args![id.0],
        )
        .await?;
    Ok(rows.into_iter().map(|r| UserId(r.0)).collect())
}

/// Adds a watcher; adding one twice is not an error.
pub async fn add_watcher(c: &mut Conn, id: TicketId, user: UserId) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO ticket_watchers (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        args![id.0, user.0],
    )
    .await?;
    Ok(())
}

/// Removes a watcher.
pub async fn remove_watcher(c: &mut Conn, id: TicketId, user: UserId) -> Result<bool, StoreError> {
    Ok(c.exec(
        "DELETE FROM ticket_watchers WHERE ticket_id = $1 AND user_id = $2",
        args![id.0, user.0],
    )
    .await?
        > 0)
}

/// Writes every mutable field of `t` if the stored version is still `expected_version`;
/// otherwise someone else changed the ticket meanwhile and the caller must re-read and retry.
pub async fn update(
    c: &mut Conn,
    t: &Ticket,
    security: bool,
    expected_version: i64,
) -> Result<(), StoreError> {
    let n = c
        .exec(
            "UPDATE tickets SET kind = $1, subject = $2, category_id = $3, nature = $4, service = $5, impact = $6, \
             urgency = $7, priority = $8, priority_rank = $9, priority_manual = $10, level = $11, group_id = $12, \
             assignee_id = $13, status = $14, security = $15, updated_at = $16, resolved_at = $17, closed_at = $18, \
             version = $19 WHERE id = $20 AND version = $21",
            args![
                t.kind.as_str(),
                t.subject.as_str(),
                t.category.map(|c| c.0),
                t.nature.map(|n| n.as_str()),
                t.service.clone(),
                t.impact.as_str(),
                t.urgency.as_str(),
                t.priority.as_str(),
                t.priority.rank(),
                t.priority_manual,
                t.level.get(),
                t.group.map(|g| g.0),
                t.assignee.map(|a| a.0),
                t.status.as_str(),
                security,
                t.updated_at,
                t.resolved_at,
                t.closed_at,
                t.version,
                t.id.0,
                expected_version
            ],
        )
        .await?;
    if n == 0 {
        return Err(StoreError::Conflict {
            code: "version_conflict",
            message: "the ticket was changed by someone else meanwhile".into(),
        });
    }
    c.exec(
        "DELETE FROM ticket_tags WHERE ticket_id = $1",
        args![t.id.0],
    )
    .await?;
    for tag in &t.tags {
        c.exec(
            "INSERT INTO ticket_tags (ticket_id, tag) VALUES ($1, $2)",
            args![t.id.0, tag.as_str()],
        )
        .await?;
    }
    Ok(())
}

/// Sort orders of the ticket list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest first (the default).
    #[default]
    NewestFirst,
    /// Oldest first.
    OldestFirst,
    /// Most recently updated first.
    UpdatedDesc,
    /// Least recently updated first.
    UpdatedAsc,
    /// Most pressing first, then newest.
    PriorityDesc,
    /// Least pressing first.
    PriorityAsc,
    /// Subject A to Z (case-insensitive), then newest.
    SubjectAsc,
    /// Subject Z to A.
    SubjectDesc,
    /// Status in workflow order (new first, cancelled last), then newest.
    StatusAsc,
    /// Status in reverse workflow order.
    StatusDesc,
    /// Requester's name A to Z, then newest.
    RequesterAsc,
    /// Requester's name Z to A.
    RequesterDesc,
    /// Group's name A to Z, tickets without a group last.
    GroupAsc,
    /// Group's name Z to A, tickets without a group last.
    GroupDesc,
    /// Assignee's name A to Z, unassigned tickets last.
    AssigneeAsc,
    /// Assignee's name Z to A, unassigned tickets last.
    AssigneeDesc,
}

impl Sort {
    /// Parses `created_at`, `-created_at`, `updated_at`, `-updated_at`, `priority`, `-priority`
    /// (`-` for descending; for priority "descending" means most pressing first).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "-created_at" | "-number" | "-id" => Sort::NewestFirst,
            "created_at" | "number" | "id" => Sort::OldestFirst,
            "-updated_at" => Sort::UpdatedDesc,
            "updated_at" => Sort::UpdatedAsc,
            "-priority" => Sort::PriorityDesc,
            "priority" => Sort::PriorityAsc,
            _ => return None,
        })
    }

    fn order_by(self) -> &'static str {
        match self {
            Sort::NewestFirst => "t.id DESC",
            Sort::OldestFirst => "t.id ASC",
            Sort::UpdatedDesc => "t.updated_at DESC, t.id DESC",
            Sort::UpdatedAsc => "t.updated_at ASC, t.id ASC",
            Sort::PriorityDesc => "t.priority_rank ASC, t.id DESC",
            Sort::PriorityAsc => "t.priority_rank DESC, t.id DESC",
            // The orders by name read the name per row: meant for one page of a filtered
            // queue, where the top-N sort stays small. NULLS LAST makes both databases agree.
            Sort::SubjectAsc => "LOWER(t.subject) ASC, t.id DESC",
            Sort::SubjectDesc => "LOWER(t.subject) DESC, t.id DESC",
            Sort::StatusAsc => STATUS_ORDER_ASC,
            Sort::StatusDesc => STATUS_ORDER_DESC,
            Sort::RequesterAsc => {
                "(SELECT u.display_name FROM users u WHERE u.id = t.requester_id) ASC NULLS LAST, t.id DESC"
            }
            Sort::RequesterDesc => {
                "(SELECT u.display_name FROM users u WHERE u.id = t.requester_id) DESC NULLS LAST, t.id DESC"
            }
            Sort::GroupAsc => {
                "(SELECT g.name FROM support_groups g WHERE g.id = t.group_id) ASC NULLS LAST, t.id DESC"
            }
            Sort::GroupDesc => {
                "(SELECT g.name FROM support_groups g WHERE g.id = t.group_id) DESC NULLS LAST, t.id DESC"
            }
            Sort::AssigneeAsc => {
                "(SELECT u.display_name FROM users u WHERE u.id = t.assignee_id) ASC NULLS LAST, t.id DESC"
            }
            Sort::AssigneeDesc => {
                "(SELECT u.display_name FROM users u WHERE u.id = t.assignee_id) DESC NULLS LAST, t.id DESC"
            }
        }
    }
}

/// Statuses in workflow order, as `Status::ALL` lists them.
const STATUS_ORDER_ASC: &str = "CASE t.status WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 \
    WHEN 'in_progress' THEN 2 WHEN 'pending' THEN 3 WHEN 'escalated' THEN 4 WHEN 'resolved' THEN 5 \
    WHEN 'closed' THEN 6 ELSE 7 END ASC, t.id DESC";
const STATUS_ORDER_DESC: &str = "CASE t.status WHEN 'new' THEN 0 WHEN 'assigned' THEN 1 \
    WHEN 'in_progress' THEN 2 WHEN 'pending' THEN 3 WHEN 'escalated' THEN 4 WHEN 'resolved' THEN 5 \
    WHEN 'closed' THEN 6 ELSE 7 END DESC, t.id DESC";

/// Filters of the ticket list; empty vectors and `None` mean "any".
#[derive(Debug, Clone, Default)]
pub struct TicketQuery {
    /// Any of these statuses.
    pub status: Vec<Status>,
    /// Any of these priorities.
    pub priority: Vec<Priority>,
    /// Any of these types.
    pub kind: Vec<TicketType>,
    /// Category.
    pub category: Option<CategoryId>,
    /// Group; `Some(None)` means no group.
    pub group: Option<Option<GroupId>>,
    /// Assignee; `Some(None)` means unassigned.
    pub assignee: Option<Option<UserId>>,
    /// Requester.
    pub requester: Option<UserId>,
    /// Support level.
    pub level: Option<SupportLevel>,
    /// Opened at or after.
    pub created_from: Option<DateTime<Utc>>,
    /// Opened before.
    pub created_to: Option<DateTime<Utc>>,
    /// Text contained in the subject, case-insensitive.
    pub text: Option<String>,
    /// Only open tickets (not resolved, closed or cancelled).
    pub open_only: bool,
    /// Handled by one of these groups (the agent console's group queues).
    pub handled_by: Option<HandledBy>,
    /// Order.
    pub sort: Sort,
    /// Page number from 1.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

/// A page of tickets and the total matching the filter.
#[derive(Debug, Clone)]
pub struct TicketPage {
    /// The tickets on this page.
    pub items: Vec<Ticket>,
    /// How many match in all.
    pub total: i64,
}

/// Appends the SQL that admits only the tickets `v` may see (the table is aliased `t`).
pub(crate) fn visibility_clause(v: &Visibility, sql: &mut String, a: &mut Vec<Value>) {
    if v.none {
        sql.push_str(" AND 1 = 0");
        return;
    }
    if v.all && v.security_team {
        return;
    }
    if v.all {
        // Everything but other people's security tickets, phrased as an exclusion computed
        // once over the few security tickets (partial index), so that counting and paging run
        // on the filter's index without reading every ticket row.
        let me = param(a, v.user.0);
        sql.push_str(&format!(
            " AND t.id NOT IN (SELECT s.id FROM tickets s WHERE s.security = TRUE \
             AND s.requester_id <> {me} AND (s.assignee_id IS NULL OR s.assignee_id <> {me}) \
             AND NOT EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = s.id AND w.user_id = {me}))"
        ));
        return;
    }
    // The wide conditions come first: most rows are decided by them, and both databases stop
    // evaluating an OR at the first true term, so the per-row watcher lookup rarely runs.
    let mut terms = Vec::new();
    let mut wider = Vec::new();
    if !v.departments.is_empty() {
        let mut s = String::from("t.department_id IN ");
        push_list(&mut s, a, v.departments.iter().map(|d| Value::from(d.0)));
        wider.push(s);
    }
    if !v.groups.is_empty() {
        let mut s = String::from("t.group_id IN ");
        push_list(&mut s, a, v.groups.iter().map(|g| Value::from(g.0)));
        wider.push(s);
    }
    if !wider.is_empty() {
        let joined = wider.join(" OR ");
        terms.push(if v.security_team {
            format!("({joined})")
        } else {
            format!("(t.security = FALSE AND ({joined}))")
        });
    }
    let me = param(a, v.user.0);
    terms.push(format!("t.requester_id = {me}"));
    terms.push(format!("t.assignee_id = {me}"));
    terms.push(format!(
        "EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = t.id AND w.user_id = {me})"
    ));
    sql.push_str(&format!(" AND ({})", terms.join(" OR ")));
}

fn filter_clause(q: &TicketQuery, sql: &mut String, a: &mut Vec<Value>) {
    if !q.status.is_empty() {
        sql.push_str(" AND t.status IN ");
        push_list(sql, a, q.status.iter().map(|s| Value::from(s.as_str())));
    }
    if q.open_only {
        sql.push_str(" AND t.status NOT IN ('resolved', 'closed', 'cancelled')");
    }
    if !q.priority.is_empty() {
        sql.push_str(" AND t.priority_rank IN ");
        push_list(sql, a, q.priority.iter().map(|p| Value::from(p.rank())));
    }
    if !q.kind.is_empty() {
        sql.push_str(" AND t.kind IN ");
        push_list(sql, a, q.kind.iter().map(|k| Value::from(k.as_str())));
    }
    if let Some(c) = q.category {
        sql.push_str(&format!(" AND t.category_id = {}", param(a, c.0)));
    }
    match q.group {
        Some(Some(g)) => sql.push_str(&format!(" AND t.group_id = {}", param(a, g.0))),
        Some(None) => sql.push_str(" AND t.group_id IS NULL"),
        None => {}
    }
    match q.assignee {
        Some(Some(u)) => sql.push_str(&format!(" AND t.assignee_id = {}", param(a, u.0))),
        Some(None) => sql.push_str(" AND t.assignee_id IS NULL"),
        None => {}
    }
    if let Some(r) = q.requester {
        sql.push_str(&format!(" AND t.requester_id = {}", param(a, r.0)));
    }
    if let Some(l) = q.level {
        sql.push_str(&format!(" AND t.level = {}", param(a, l.get())));
    }
    if let Some(f) = q.created_from {
        sql.push_str(&format!(" AND t.created_at >= {}", param(a, f)));
    }
    if let Some(to) = q.created_to {
        sql.push_str(&format!(" AND t.created_at < {}", param(a, to)));
    }
    if let Some(h) = &q.handled_by {
        crate::queues::handled_by_clause(h, sql, a);
    }
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = text
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        sql.push_str(&format!(
            " AND LOWER(t.subject) LIKE {} ESCAPE '\\'",
            param(a, format!("%{escaped}%"))
        ));
    }
}

/// The ` WHERE ...` clause (over `tickets t`) and its parameters for the tickets matching `q`
/// that `v` admits; the list, counts and change stamps all filter through it.
pub(crate) fn where_clause(q: &TicketQuery, v: &Visibility) -> (String, Vec<Value>) {
    let mut where_ = String::from(" WHERE 1 = 1");
    let mut a = Vec::new();
    visibility_clause(v, &mut where_, &mut a);
    filter_clause(q, &mut where_, &mut a);
    (where_, a)
}

/// Lists the tickets matching `q` that `v` admits, one page at a time, with the total.
pub async fn list(c: &mut Conn, q: &TicketQuery, v: &Visibility) -> Result<TicketPage, StoreError> {
    let (where_, a) = where_clause(q, v);
    let total = c
        .int(
            &format!("SELECT COUNT(*) FROM tickets t{where_}"),
            a.clone(),
        )
        .await?;
    let per_page = q.per_page.clamp(1, 500);
    let offset = (q.page.max(1) - 1).saturating_mul(per_page);
    let items = page_of(c, &where_, a, q.sort.order_by(), per_page, offset).await?;
    Ok(TicketPage { items, total })
}

/// One page of the tickets matching `where_` (with its arguments `a`), in `order_by`, with
/// their tags: the query behind every ticket list.
pub(crate) async fn page_of(
    c: &mut Conn,
    where_: &str,
    mut a: Vec<Value>,
    order_by: &str,
    per_page: i64,
    offset: i64,
) -> Result<Vec<Ticket>, StoreError> {
    let limit = param(&mut a, per_page);
    let off = param(&mut a, offset);
    let rows: Vec<TicketRow> = c
        .all(
            &format!(
                "SELECT {COLUMNS} FROM tickets t{where_} ORDER BY {order_by} LIMIT {limit} OFFSET {off}"
            ),
            a,
        )
        .await?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    if !rows.is_empty() {
        let mut sql = String::from("SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN ");
        let mut ta = Vec::new();
        push_list(&mut sql, &mut ta, rows.iter().map(|r| Value::from(r.id)));
        sql.push_str(" ORDER BY tag");
        let pairs: Vec<(i64, String)> = c.all(&sql, ta).await?;
        for (id, tag) in pairs {
            tags.entry(id).or_default().push(tag);
        }
    }
    rows.into_iter()
        .map(|r| {
            let t = tags.remove(&r.id).unwrap_or_default();
            r.into_ticket(t)
        })
        .collect()
}

/// The first `limit` tickets matching `q` that `v` admits, in the query's order, without
/// counting all matches: for small panels (a requester's other open tickets) where a total
/// over a large history would cost more than the rows shown.
///
/// The filter should be narrow (a requester): the security restriction is then checked on
/// the few rows the filter's index yields, instead of the list's exclusion of every security
/// ticket, which is computed over all of them. The two phrasings admit the same tickets:
/// (own or wide) and (not security or own) is own, or wide and not security.
pub async fn list_first(
    c: &mut Conn,
    q: &TicketQuery,
    v: &Visibility,
    limit: i64,
) -> Result<Vec<Ticket>, StoreError> {
    let mut where_ = String::from(" WHERE 1 = 1");
    let mut a = Vec::new();
    let unrestricted = Visibility {
        security_team: true,
        ..v.clone()
    };
    visibility_clause(&unrestricted, &mut where_, &mut a);
    if !v.security_team && !v.none {
        let me = param(&mut a, v.user.0);
        where_.push_str(&format!(
            " AND (t.security = FALSE OR t.requester_id = {me} OR t.assignee_id = {me} \
             OR EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = t.id AND w.user_id = {me}))"
        ));
    }
    filter_clause(q, &mut where_, &mut a);
    let lim = param(&mut a, limit.clamp(1, 500));
    let rows: Vec<TicketRow> = c
        .all(
            &format!(
                "SELECT {COLUMNS} FROM tickets t{where_} ORDER BY {} LIMIT {lim}",
                q.sort.order_by()
            ),
            a,
        )
        .await?;
    let mut tags: HashMap<i64, Vec<String>> = HashMap::new();
    if !rows.is_empty() {
        let mut sql = String::from("SELECT ticket_id, tag FROM ticket_tags WHERE ticket_id IN ");
        let mut ta = Vec::new();
        push_list(&mut sql, &mut ta, rows.iter().map(|r| Value::from(r.id)));
        sql.push_str(" ORDER BY tag");
        for (id, tag) in c.all::<(i64, String)>(&sql, ta).await? {
            tags.entry(id).or_default().push(tag);
        }
    }
    rows.into_iter()
        .map(|r| {
            let t = tags.remove(&r.id).unwrap_or_default();
            r.into_ticket(t)
        })
        .collect()
}

/// Number of tickets per status, for metrics and dashboards.
pub async fn count_by_status(c: &mut Conn) -> Result<Vec<(String, i64)>, StoreError> {
    c.all(
        "SELECT status, COUNT(*) FROM tickets GROUP BY status ORDER BY status",
        args![],
    )
    .await
}

/// Number of tickets in all.
pub async fn count(c: &mut Conn) -> Result<i64, StoreError> {
    c.int("SELECT COUNT(*) FROM tickets", args![]).await
}
