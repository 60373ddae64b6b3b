//! The agent console's queues: named, per-caller views of the ticket list (my tickets, my
//! groups, unassigned, per support level, escalated to me, all), their counts for the home page,
//! and a change stamp for live refresh. A queue is only a filter on top of the caller's
//! visibility: it never shows a ticket that [`App::tickets`] would hide.

use std::collections::HashMap;

use escalade_store::directory::GroupRow;
use escalade_store::queues::{self as queue_store, Stamp};
use escalade_store::tickets::HandledBy;

use super::*;

/// A queue of the agent console.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Assigned to the caller.
    Mine,
    /// In one of the caller's groups.
    MyGroups,
    /// In one of the caller's groups, with nobody assigned.
    Unassigned,
    /// At one support level.
    Level(SupportLevel),
    /// Escalated and waiting for the caller's groups: in one of them, or without a group at one
    /// of their levels (the same receiving side that may take it, see [`App::take`]).
    Escalated,
    /// Everything the caller may read.
    All,
}

impl Queue {
    /// Every queue, in the order the console shows them.
    pub fn every() -> Vec<Queue> {
        let mut out = vec![Queue::Mine, Queue::MyGroups, Queue::Unassigned];
        let mut level = Some(SupportLevel::HOTLINE);
        while let Some(l) = level {
            out.push(Queue::Level(l));
            level = l.next();
        }
        out.extend([Queue::Escalated, Queue::All]);
        out
    }

    /// The key in addresses: `mine`, `groups`, `unassigned`, `level-0`..`level-3`,
    /// `escalated`, `all`.
    pub fn key(self) -> String {
        match self {
            Queue::Mine => "mine".into(),
            Queue::MyGroups => "groups".into(),
            Queue::Unassigned => "unassigned".into(),
            Queue::Level(l) => format!("level-{}", l.get()),
            Queue::Escalated => "escalated".into(),
            Queue::All => "all".into(),
        }
    }

    /// The queue with this key.
    pub fn parse(key: &str) -> Option<Queue> {
        Some(match key {
            "mine" => Queue::Mine,
            "groups" => Queue::MyGroups,
            "unassigned" => Queue::Unassigned,
            "escalated" => Queue::Escalated,
            "all" => Queue::All,
            other => {
                let n = other.strip_prefix("level-")?.parse::<i64>().ok()?;
                Queue::Level(SupportLevel::new(n).ok()?)
            }
        })
    }

    /// Whether the queue decides the assignee itself (a reader's assignee filter is ignored).
    pub fn fixes_assignee(self) -> bool {
        matches!(self, Queue::Mine | Queue::Unassigned)
    }

    /// Whether the queue decides the status itself (a reader's status filter is ignored).
    pub fn fixes_status(self) -> bool {
        matches!(self, Queue::Escalated)
    }

    /// Whether the queue decides the level itself (a reader's level filter is ignored).
    pub fn fixes_level(self) -> bool {
        matches!(self, Queue::Level(_))
    }

    /// The store's query for this queue as `caller` sees it, on top of the reader's own
    /// filters, order and paging in `filters`. Where the queue and a filter speak of the same
    /// field, the queue wins (see `fixes_*`). `groups` are the caller's groups.
    pub fn query(self, caller: &Caller, groups: &[GroupRow], filters: TicketQuery) -> TicketQuery {
        let mut q = filters;
        let mine: Vec<GroupId> = groups.iter().map(|g| GroupId(g.id)).collect();
        match self {
            Queue::Mine => q.assignee = Some(Some(caller.id())),
            Queue::MyGroups => {
                q.handled_by = Some(HandledBy {
                    groups: mine,
                    levels_without_group: Vec::new(),
                })
            }
            Queue::Unassigned => {
                q.assignee = Some(None);
                q.handled_by = Some(HandledBy {
                    groups: mine,
                    levels_without_group: Vec::new(),
                });
            }
            Queue::Level(l) => q.level = Some(l),
            Queue::Escalated => {
                q.status = vec![Status::Escalated];
                q.open_only = false;
                let mut levels: Vec<SupportLevel> = groups
                    .iter()
                    .filter_map(|g| SupportLevel::new(g.level).ok())
                    .collect();
                levels.sort();
                levels.dedup();
                q.handled_by = Some(HandledBy {
                    groups: mine,
                    levels_without_group: levels,
                });
            }
            Queue::All => {}
        }
        q
    }
}

/// The statuses of tickets still being worked on, the default status filter of every queue.
/// Listed rather than excluded so that the queue indexes (status first) serve the query.
pub fn open_statuses() -> Vec<Status> {
    Status::ALL
        .iter()
        .copied()
        .filter(|s| s.is_open())
        .collect()
}

/// The counts on the agent's home page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QueueCounts {
    /// Open tickets assigned to the caller.
    pub mine: i64,
    /// Open tickets in the caller's groups that nobody has taken.
    pub unassigned: i64,
    /// Escalated tickets waiting for the caller's groups.
    pub escalated: i64,
}

/// One row of a queue page: the ticket and the names shown beside it.
#[derive(Debug, Clone)]
pub struct QueueItem {
    /// The ticket.
    pub ticket: Ticket,
    /// The requester's display name.
    pub requester: String,
    /// The group's name.
    pub group: Option<String>,
    /// The assignee's display name.
    pub assignee: Option<String>,
}

/// One page of a queue.
#[derive(Debug, Clone)]
pub struct QueuePage {
    /// The rows of this page.
    pub items: Vec<QueueItem>,
    /// How many tickets the queue holds with these filters.
    pub total: i64,
    /// The page shown (moved back to the last page when the one asked for is past the end).
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

impl App {
    /// Queues are the agent console's; requesters follow their tickets in the portal.
    fn require_queue_reader(&self, caller: &Caller) -> Result<(), AppError> {
        if caller.is_agent() && caller.has(Permission::TicketRead) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                Permission::TicketRead.as_str(),
                "the queues are for agents who may read tickets",
            ))
        }
    }

    /// The caller's groups with their levels.
    async fn caller_groups(
        &self,
        c: &mut Conn,
        caller: &Caller,
    ) -> Result<Vec<GroupRow>, AppError> {
        Ok(directory::groups_of(c, caller.id()).await?)
    }

    /// The home page's counts: my open tickets, my groups' unassigned open tickets, and the
    /// escalated tickets waiting for my groups. Three index-served counts.
    pub async fn queue_counts(&self, caller: &Caller) -> Result<QueueCounts, AppError> {
        self.require_queue_reader(caller)?;
        let v = caller.actor.ticket_visibility();
        let mut c = self.store.read().await?;
        let groups = self.caller_groups(&mut c, caller).await?;
        let open = TicketQuery {
            status: open_statuses(),
            ..TicketQuery::default()
        };
        let mut count = async |queue: Queue| {
            let q = queue.query(caller, &groups, open.clone());
            queue_store::count(&mut c, &q, &v).await
        };
        Ok(QueueCounts {
            mine: count(Queue::Mine).await?,
            unassigned: count(Queue::Unassigned).await?,
            escalated: count(Queue::Escalated).await?,
        })
    }

    /// One page of a queue with the reader's filters, rows carrying the names to show.
    pub async fn queue(
        &self,
        caller: &Caller,
        queue: Queue,
        filters: TicketQuery,
    ) -> Result<QueuePage, AppError> {
        self.require_queue_reader(caller)?;
        let v = caller.actor.ticket_visibility();
        let mut c = self.store.read().await?;
        let groups = self.caller_groups(&mut c, caller).await?;
        let mut q = queue.query(caller, &groups, filters);
        q.per_page = q.per_page.clamp(1, 500);
        q.page = q.page.max(1);
        let mut page = ticket_store::list(&mut c, &q, &v).await?;
        let last = ((page.total + q.per_page - 1) / q.per_page).max(1);
        if q.page > last {
            // Past the end (tickets left the queue since the link was made): show the last page.
            q.page = last;
            page = ticket_store::list(&mut c, &q, &v).await?;
        }
        let mut ids: Vec<i64> = page
            .items
            .iter()
            .flat_map(|t| std::iter::once(t.requester.0).chain(t.assignee.map(|a| a.0)))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        let names: HashMap<i64, String> = queue_store::user_names(&mut c, &ids)
            .await?
            .into_iter()
            .collect();
        let group_names: HashMap<i64, String> = directory::groups(&mut c)
            .await?
            .into_iter()
            .map(|g| (g.id, g.name))
            .collect();
        let items = page
            .items
            .into_iter()
            .map(|t| QueueItem {
                requester: names.get(&t.requester.0).cloned().unwrap_or_default(),
                group: t.group.and_then(|g| group_names.get(&g.0).cloned()),
                assignee: t.assignee.and_then(|a| names.get(&a.0).cloned()),
                ticket: t,
            })
            .collect();
        Ok(QueuePage {
            items,
            total: page.total,
            page: q.page,
            per_page: q.per_page,
        })
    }

    /// A short text that changes whenever a ticket of the queue (with these filters) changes,
    /// enters or leaves it: what a queue page polls to know when to refresh its rows.
    pub async fn queue_stamp(
        &self,
        caller: &Caller,
        queue: Queue,
        filters: TicketQuery,
    ) -> Result<String, AppError> {
        self.require_queue_reader(caller)?;
        let v = caller.actor.ticket_visibility();
        let mut c = self.store.read().await?;
        let groups = self.caller_groups(&mut c, caller).await?;
        let q = queue.query(caller, &groups, filters);
        let Stamp { count, latest } = queue_store::stamp(&mut c, &q, &v).await?;
        Ok(stamp_text(count, latest))
    }

    /// When any ticket last changed: with a page's total, the stamp of that page
    /// ([`stamp_text`]) without counting the queue a second time.
    pub async fn desk_latest_change(
        &self,
        caller: &Caller,
    ) -> Result<Option<DateTime<Utc>>, AppError> {
        self.require_queue_reader(caller)?;
        let mut c = self.store.read().await?;
        Ok(queue_store::latest_change(&mut c).await?)
    }
}

/// The change stamp of a queue holding `count` tickets when the desk last changed at `latest`.
pub fn stamp_text(count: i64, latest: Option<DateTime<Utc>>) -> String {
    format!(
        "{count}-{}",
        latest.map(|t| t.timestamp_micros()).unwrap_or(0)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_queue_key_reads_back() {
        let all = Queue::every();
        assert_eq!(all.len(), 9);
        for q in all {
            assert_eq!(Queue::parse(&q.key()), Some(q));
        }
        assert_eq!(Queue::parse("level-4"), None);
        assert_eq!(Queue::parse("level-x"), None);
        assert_eq!(Queue::parse("nobody"), None);
    }

    #[test]
    fn open_statuses_leave_out_the_finished() {
        let open = open_statuses();
        assert!(open.contains(&Status::Escalated));
        assert!(!open.contains(&Status::Resolved));
        assert!(!open.contains(&Status::Closed));
        assert!(!open.contains(&Status::Cancelled));
    }
}
