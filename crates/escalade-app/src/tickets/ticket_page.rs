//! Everything the agent's ticket page shows, read on one connection in a fixed, small number of
//! queries whatever the length of the journal: the ticket, one page of its journal, its
//! attachments, the names of every person, group and category it mentions (each table read
//! once, never once per entry), the requester with their other open tickets, and what the
//! reader may do. The permission checks are the same as the single operations': a ticket the
//! caller may not read is not found, internal entries and files need `ticket.read_internal`,
//! and the other open tickets are filtered by the caller's visibility.

use std::collections::{BTreeSet, HashMap};

use escalade_core::authz::Scope;
use escalade_core::ticket::{MoveContext, check_transition};
use escalade_store::attachments::{self as attachment_store, AttachmentRow};
use escalade_store::directory::{CategoryRow, DepartmentRow, GroupRow, UserRow};
use escalade_store::tickets::Sort;

use super::conversation::view;
use super::*;

/// Journal entries per page of the timeline.
pub const JOURNAL_PAGE: i64 = 100;

/// How many of the requester's other open tickets the page lists.
pub const OTHER_OPEN_SHOWN: usize = 10;

/// Most agents offered in the assignee choice.
const AGENTS_SHOWN: i64 = 500;

/// What the reader may do on this ticket, decided like the operations themselves decide, so
/// that the page offers only the forms that would be accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TicketAbilities {
    /// Sees internal notes, escalation summaries and internal files.
    pub read_internal: bool,
    /// May add a public reply (and public files).
    pub reply: bool,
    /// May add an internal note or log a phone call (and internal files).
    pub note: bool,
    /// May change status, priority, impact, urgency and category.
    pub update: bool,
    /// May change group and assignee.
    pub assign: bool,
    /// May escalate (the ticket is still open).
    pub escalate: bool,
    /// May take the ticket: it is escalated and the reader is of the receiving side.
    pub take: bool,
}

/// The agent's ticket page, read at once.
#[derive(Debug, Clone)]
pub struct TicketPageData {
    /// The ticket with its watchers.
    pub detail: TicketDetail,
    /// What the reader may do.
    pub may: TicketAbilities,
    /// The status moves the state machine allows from the current status (assuming the
    /// form may also set an assignee); empty for a final status.
    pub status_moves: Vec<Status>,
    /// One page of the journal, oldest first.
    pub journal: Vec<EntryView>,
    /// Entries visible to the reader in all.
    pub journal_total: i64,
    /// The page shown, from 1.
    pub journal_page: i64,
    /// Number of pages.
    pub journal_pages: i64,
    /// The files the reader may see.
    pub attachments: Vec<AttachmentRow>,
    /// The requester.
    pub requester: Option<UserRow>,
    /// Display names of everyone the page names (requester, assignee, watchers, people in
    /// field changes and escalations), by user id.
    pub people: HashMap<i64, String>,
    /// Every group, by level then name.
    pub groups: Vec<GroupRow>,
    /// The whole category tree.
    pub categories: Vec<CategoryRow>,
    /// Every department.
    pub departments: Vec<DepartmentRow>,
    /// Active agents by name, offered as assignees (empty unless the reader may assign).
    pub agents: Vec<UserRow>,
    /// The requester's other open tickets that the reader may see, newest first.
    pub other_open: Vec<Ticket>,
    /// Whether more such tickets exist than are listed.
    pub more_open: bool,
    /// The impact x urgency matrix, to show the priority it gives while editing.
    pub matrix: PriorityMatrix,
}

/// The status moves allowed from the ticket's status, in display order. An agent may set an
/// assignee in the same form, so `assigned` is offered; the state machine still refuses it
/// when the ticket ends up without one.
pub fn status_moves(t: &Ticket) -> Vec<Status> {
    let ctx = MoveContext {
        has_assignee: true,
        via_escalation: false,
    };
    Status::ALL
        .iter()
        .copied()
        .filter(|to| check_transition(t.status, *to, ctx).is_ok())
        .collect()
}

/// User ids named in an entry's details, as the service layer writes them.
fn people_in(e: &EntryView, out: &mut BTreeSet<i64>) {
    let id = |v: &serde_json::Value| -> Option<i64> {
        v.as_i64()
            .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
    };
    match e.kind.as_str() {
        "field_change" => {
            for c in e.data["changes"].as_array().into_iter().flatten() {
                if matches!(c["field"].as_str(), Some("assignee" | "watchers")) {
                    out.extend(id(&c["from"]));
                    out.extend(id(&c["to"]));
                }
            }
        }
        "escalation" => out.extend(id(&e.data["from_assignee"])),
        "take" => out.extend(id(&e.data["assignee"])),
        "created" => out.extend(id(&e.data["on_behalf"])),
        _ => {}
    }
}

impl App {
    /// Reads everything the agent's ticket page shows. `journal_page` is the timeline page
    /// from 1; `None` opens the last one, where the newest entries are.
    pub async fn ticket_page(
        &self,
        caller: &Caller,
        number: &str,
        journal_page: Option<i64>,
    ) -> Result<TicketPageData, AppError> {
        let id = parse_number(number)?.id();
        let mut c = self.store.read().await?;
        let (detail, f) = self.visible(&mut c, caller, id).await?;
        let t = &detail.ticket;
        let allowed = |p: Permission| caller.decide(p, &f).allowed;
        let groups = directory::groups(&mut c).await?;
        let open = !t.status.is_final();
        let mut may = TicketAbilities {
            read_internal: allowed(Permission::TicketReadInternal),
            reply: open && allowed(Permission::TicketReply),
            note: open && allowed(Permission::TicketNote),
            update: open && allowed(Permission::TicketUpdate),
            assign: open && allowed(Permission::TicketAssign),
            escalate: open && t.status != Status::Resolved && allowed(Permission::TicketEscalate),
            take: false,
        };
        if t.status == Status::Escalated && allowed(Permission::TicketEscalate) {
            // The same rule as `take`: the receiving group (or a group of the receiving level
            // when the ticket has none), or someone who may assign any ticket.
            let lead = caller.actor.widest_scope(Permission::TicketAssign) == Some(Scope::All);
            let receiving = match t.group {
                Some(g) => caller.actor.groups.contains(&g),
                None => groups.iter().any(|g| {
                    g.level == t.level.get() && caller.actor.groups.contains(&GroupId(g.id))
                }),
            };
            may.take = lead || receiving;
        }

        let journal_total = journal_store::count(&mut c, id, may.read_internal).await?;
        let journal_pages = ((journal_total + JOURNAL_PAGE - 1) / JOURNAL_PAGE).max(1);
        let page = journal_page
            .unwrap_or(journal_pages)
            .clamp(1, journal_pages);
        let journal: Vec<EntryView> = journal_store::page(
            &mut c,
            id,
            may.read_internal,
            (page - 1) * JOURNAL_PAGE,
            JOURNAL_PAGE,
        )
        .await?
        .into_iter()
        .map(|e| view(e, may.read_internal))
        .collect();
        let attachments = attachment_store::of_ticket(&mut c, id, may.read_internal).await?;

        let mut named: BTreeSet<i64> = BTreeSet::new();
        named.insert(t.requester.0);
        named.extend(t.assignee.map(|a| a.0));
        named.extend(detail.watchers.iter().map(|w| w.0));
        for e in &journal {
            people_in(e, &mut named);
        }
        let ids: Vec<UserId> = named.into_iter().map(UserId).collect();
        let users = directory::users_by_ids(&mut c, &ids).await?;
        let requester = users.iter().find(|u| u.id == t.requester.0).cloned();
        let people = users.into_iter().map(|u| (u.id, u.display_name)).collect();

        let categories = directory::categories(&mut c).await?;
        let departments = directory::departments(&mut c).await?;
        let agents = if may.assign {
            let (mut rows, _) = directory::users(
                &mut c,
                Some(UserKind::Agent.as_str()),
                None,
                1,
                AGENTS_SHOWN,
            )
            .await?;
            rows.retain(|u| u.active);
            rows.sort_by_cached_key(|u| u.display_name.to_lowercase());
            rows
        } else {
            Vec::new()
        };

        // Newest first on the requester's index, without counting a long history: one more
        // row than shown (and one for this ticket) says whether there are more.
        let q = TicketQuery {
            requester: Some(t.requester),
            open_only: true,
            sort: Sort::NewestFirst,
            page: 1,
            per_page: OTHER_OPEN_SHOWN as i64 + 2,
            ..Default::default()
        };
        let visibility = caller.actor.ticket_visibility();
        let mut other_open =
            ticket_store::list_first(&mut c, &q, &visibility, OTHER_OPEN_SHOWN as i64 + 2).await?;
        other_open.retain(|o| o.id != t.id);
        let more_open = other_open.len() > OTHER_OPEN_SHOWN;
        other_open.truncate(OTHER_OPEN_SHOWN);

        let matrix = self.matrix(&mut c).await?;
        let status_moves = if may.update {
            status_moves(t)
        } else {
            Vec::new()
        };
        Ok(TicketPageData {
            detail,
            may,
            status_moves,
            journal,
            journal_total,
            journal_page: page,
            journal_pages,
            attachments,
            requester,
            people,
            groups,
            categories,
            departments,
            agents,
            other_open,
            more_open,
            matrix,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ticket(status: Status) -> Ticket {
        let now = Utc.with_ymd_and_hms(2026, 11, 22, 9, 0, 0).unwrap();
        let mut t = NewTicket {
            subject: "Printer jams".into(),
            ..Default::default()
        }
        .into_ticket(UserId(1), None, &PriorityMatrix::default(), now);
        t.status = status;
        t
    }

    #[test]
    fn status_moves_follow_the_state_machine() {
        assert_eq!(
            status_moves(&ticket(Status::InProgress)),
            [
                Status::Assigned,
                Status::Pending,
                Status::Resolved,
                Status::Cancelled
            ]
        );
        assert_eq!(
            status_moves(&ticket(Status::Resolved)),
            [Status::Assigned, Status::InProgress, Status::Closed]
        );
        assert!(status_moves(&ticket(Status::Closed)).is_empty());
        assert!(
            !status_moves(&ticket(Status::New)).contains(&Status::Escalated),
            "escalation has its own form"
        );
    }

    #[test]
    fn people_are_found_in_entry_details() {
        let entry = |kind: &str, data: serde_json::Value| EntryView {
            id: 1,
            kind: kind.into(),
            author_id: None,
            author_name: None,
            public: false,
            body: String::new(),
            data,
            created_at: Utc::now(),
        };
        let mut out = BTreeSet::new();
        people_in(
            &entry(
                "field_change",
                json!({"changes": [{"field": "assignee", "from": null, "to": "7"},
                                   {"field": "status", "from": "new", "to": "assigned"}]}),
            ),
            &mut out,
        );
        people_in(&entry("escalation", json!({"from_assignee": 9})), &mut out);
        people_in(&entry("take", json!({"assignee": 4})), &mut out);
        assert_eq!(out.into_iter().collect::<Vec<_>>(), [4, 7, 9]);
    }
}
