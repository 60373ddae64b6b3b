//! Ticket use cases: open, read, list, change, comment, escalate, take, watch. Each checks the
//! caller's permission on the ticket first; a ticket outside the caller's reach is reported as
//! not found, so its existence does not leak.

mod conversation;
mod escalation;
pub mod on_behalf;
pub mod queues;
mod requester;
mod ticket_page;
mod update;

pub use ticket_page::{
    JOURNAL_PAGE, OTHER_OPEN_SHOWN, TicketAbilities, TicketPageData, status_moves,
};

use chrono::{DateTime, Utc};
use escalade_core::authz::{Permission, TicketFacts};
use escalade_core::ids::{CategoryId, GroupId, TicketId, TicketNumber, UserId};
use escalade_core::journal::{CommentKind, EntryKind, comment_body, public_for_field_changes};
use escalade_core::people::UserKind;
use escalade_core::rules::{ChangeOrigin, Happening};
use escalade_core::ticket::{
    EscalationTarget, FieldChange, NewTicket, PriorityMatrix, Status, SupportLevel, Ticket,
    TicketPatch, plan_escalation, plan_take,
};
use escalade_store::journal::{self as journal_store, NewEntry};
use escalade_store::tickets::{self as ticket_store, TicketPage, TicketQuery};
use escalade_store::{Conn, StoreError, directory, settings};
use serde::Serialize;
use serde_json::json;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// A ticket with what the reader needs around it.
#[derive(Debug, Clone)]
pub struct TicketDetail {
    /// The ticket.
    pub ticket: Ticket,
    /// Its watchers.
    pub watchers: Vec<UserId>,
    /// Whether it is restricted to the security team.
    pub security: bool,
}

/// A request to open a ticket.
#[derive(Debug, Clone, Default)]
pub struct OpenTicket {
    /// The ticket's fields.
    pub ticket: NewTicket,
    /// People to keep informed.
    pub watchers: Vec<UserId>,
}

/// A journal entry as the reader may see it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// Id, increasing.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Author id.
    pub author_id: Option<i64>,
    /// Author name.
    pub author_name: Option<String>,
    /// Seen by the requester.
    pub public: bool,
    /// Text.
    pub body: String,
    /// Details (field changes, escalation).
    pub data: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}

const WRITE_RETRIES: usize = 5;

fn facts(t: &Ticket, watchers: &[UserId], security: bool) -> TicketFacts {
    TicketFacts {
        requester: t.requester,
        department: t.department,
        group: t.group,
        assignee: t.assignee,
        watchers: watchers.to_vec(),
        security,
    }
}

fn changes_json(changes: &[FieldChange]) -> serde_json::Value {
    json!({ "changes": changes })
}

/// Parses a ticket number; anything malformed is simply "not found" for a path parameter.
pub fn parse_number(number: &str) -> Result<TicketNumber, AppError> {
    number
        .parse::<TicketNumber>()
        .map_err(|_| AppError::NotFound("ticket"))
}

impl App {
    pub(crate) async fn matrix(&self, c: &mut Conn) -> Result<PriorityMatrix, AppError> {
        Ok(settings::get(c, settings::PRIORITY_MATRIX)
            .await?
            .unwrap_or_default())
    }

    /// Loads a ticket the caller may read; otherwise not found.
    pub(crate) async fn visible(
        &self,
        c: &mut Conn,
        caller: &Caller,
        id: TicketId,
    ) -> Result<(TicketDetail, TicketFacts), AppError> {
        let (d, f) = self.ticket_as_system(c, id).await?;
        if !caller.decide(Permission::TicketRead, &f).allowed {
            return Err(AppError::NotFound("ticket"));
        }
        Ok((d, f))
    }

    /// A ticket with its permission facts, for the desk's own channels (inbound mail), whose
    /// decisions were made before any person's reach is asked.
    pub(crate) async fn ticket_as_system(
        &self,
        c: &mut Conn,
        id: TicketId,
    ) -> Result<(TicketDetail, TicketFacts), AppError> {
        let ticket = ticket_store::get(c, id)
            .await?
            .ok_or(AppError::NotFound("ticket"))?;
        let watchers = ticket_store::watchers(c, id).await?;
        let security = ticket_store::is_security(c, id).await?;
        let f = facts(&ticket, &watchers, security);
        Ok((
            TicketDetail {
                ticket,
                watchers,
                security,
            },
            f,
        ))
    }

    /// Requires a permission on a ticket the caller can read (so a refusal may say so).
    fn require_on(&self, caller: &Caller, p: Permission, f: &TicketFacts) -> Result<(), AppError> {
        let d = caller.decide(p, f);
        if d.allowed {
            Ok(())
        } else {
            Err(AppError::forbidden(
                p.as_str(),
                format!("you may not do this on this ticket: {}", d.reason),
            ))
        }
    }

    /// Checks that referenced records exist and fit: the category is active, the group exists,
    /// the assignee is an active agent. Returns whether the category is a security one.
    pub(crate) async fn check_refs(
        &self,
        c: &mut Conn,
        category: Option<CategoryId>,
        group: Option<GroupId>,
        assignee: Option<UserId>,
    ) -> Result<bool, AppError> {
        let mut security = false;
        if let Some(id) = category {
            let cat = directory::category(c, id).await?.ok_or_else(|| {
                AppError::invalid(
                    "category_id",
                    "unknown",
                    format!("there is no category {id}"),
                )
            })?;
            if !cat.active {
                return Err(AppError::invalid(
                    "category_id",
                    "inactive",
                    format!("the category '{}' is no longer in use", cat.name),
                ));
            }
            security = cat.security;
        }
        if let Some(id) = group {
            directory::group(c, id).await?.ok_or_else(|| {
                AppError::invalid("group_id", "unknown", format!("there is no group {id}"))
            })?;
        }
        if let Some(id) = assignee {
            let u = directory::user(c, id).await?.ok_or_else(|| {
                AppError::invalid("assignee_id", "unknown", format!("there is no user {id}"))
            })?;
            if u.kind != UserKind::Agent.as_str() || !u.active {
                return Err(AppError::invalid(
                    "assignee_id",
                    "not_an_agent",
                    format!("'{}' is not an active agent", u.login),
                ));
            }
        }
        Ok(security)
    }

    /// Opens a ticket. A requester opens for themselves; opening for someone else, or setting
    /// who handles it, needs the agent permissions.
    pub async fn open_ticket(
        &self,
        caller: &Caller,
        req: OpenTicket,
    ) -> Result<TicketDetail, AppError> {
        self.open_ticket_with(caller, req, None).await
    }

    /// Opens a ticket; with `mail`, the ticket comes from that inbound message: the
    /// message is marked processed in the same transaction (so it opens one ticket, once),
    /// and the mailbox's routing (an administrator's setting) needs no `ticket.assign`.
    pub(crate) async fn open_ticket_with(
        &self,
        caller: &Caller,
        mut req: OpenTicket,
        mail: Option<crate::inbound_mail::MailReceipt>,
    ) -> Result<TicketDetail, AppError> {
        let requester = req.ticket.requester.unwrap_or(caller.id());
        if requester == caller.id() {
            caller.require(Permission::TicketCreate)?;
        } else {
            caller.require(Permission::TicketCreateForOthers)?;
        }
        let n = &req.ticket;
        if (n.group.is_some() || n.assignee.is_some() || n.level.is_some())
            && mail.is_none()
            && !caller.has(Permission::TicketAssign)
        {
            return Err(AppError::forbidden(
                "ticket.assign",
                "setting the group, assignee or level needs the permission ticket.assign",
            ));
        }
        if n.priority.is_some() && !caller.has(Permission::TicketUpdate) {
            return Err(AppError::forbidden(
                "ticket.update",
                "setting the priority by hand needs the permission ticket.update",
            ));
        }
        req.ticket.validate()?;
        let now = self.clock.now();
        // Every read before the write on one pool checkout (configurations included).
        let (ticket, security, outcome, rules, sla) = {
            let mut c = self.store.read().await?;
            let rules = self.rules_config_on(&mut c).await?;
            let sla = self.sla_config_on(&mut c).await?;
            let req_user = directory::user(&mut c, requester).await?.ok_or_else(|| {
                AppError::invalid(
                    "requester",
                    "unknown",
                    format!("there is no user {requester}"),
                )
            })?;
            if !req_user.active {
                return Err(AppError::invalid(
                    "requester",
                    "inactive",
                    format!("'{}' is disabled", req_user.login),
                ));
            }
            for w in &req.watchers {
                directory::user(&mut c, *w).await?.ok_or_else(|| {
                    AppError::invalid("watchers", "unknown", format!("there is no user {w}"))
                })?;
            }
            let n = &req.ticket;
            let security = self
                .check_refs(&mut c, n.category, n.group, n.assignee)
                .await?;
            let matrix = self.matrix(&mut c).await?;
            let dept = req_user.department_id.map(escalade_core::ids::DepartmentId);
            let ticket = req.ticket.into_ticket(requester, dept, &matrix, now);
            // The `created` rules classify and route the ticket before it is stored, so that
            // its SLA clocks start on the final classification.
            let run = self
                .run_event_rules(
                    &mut c,
                    &rules,
                    Happening::Opened,
                    ChangeOrigin::Person,
                    None,
                    &ticket,
                    now,
                )
                .await?;
            match run {
                Some(run) => (run.ticket, run.security, Some(run.outcome), rules, sla),
                None => (ticket, security, None, rules, sla),
            }
        };
        let author = caller.id();
        let watchers = req.watchers.clone();
        let mut stored = ticket.clone();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = ticket_store::insert(c, &ticket, security, &watchers).await?;
                    let opened = Ticket {
                        id,
                        ..ticket.clone()
                    };
                    crate::sla::ticket_clocks::on_open(c, &sla, &opened, now).await?;
                    crate::search::index::ticket_opened(c, &opened, now).await?;
                    let mut data = json!({
                        "channel": ticket.channel.as_str(),
                        "on_behalf": (ticket.requester != author).then_some(ticket.requester.0),
                    });
                    if let Some(m) = &mail {
                        data["mail"] = m.entry_data();
                    }
                    let created = append(
                        c,
                        id,
                        EntryKind::Created,
                        Some(author),
                        true,
                        String::new(),
                        data,
                        now,
                    )
                    .await?;
                    if let Some(m) = &mail {
                        m.record(c, id, created, true, now).await?;
                    }
                    if let Some(outcome) = &outcome {
                        crate::rules::flow::record(c, &sla, &opened, outcome, now).await?;
                    }
                    crate::rules::time_jobs::schedule(
                        c,
                        &rules.time_rules,
                        None,
                        &opened,
                        now,
                        None,
                    )
                    .await?;
                    // Automatic mail (an alert, a bounce) gets no acknowledgement back.
                    if mail.as_ref().is_none_or(|m| m.acknowledge) {
                        crate::mail::notify(c, author, crate::mail::Notice::Opened(&opened), now)
                            .await?;
                    }
                    Ok(id)
                })
            })
            .await?;
        stored.id = id;
        let mut watchers = req.watchers;
        watchers.sort();
        watchers.dedup();
        Ok(TicketDetail {
            ticket: stored,
            watchers,
            security,
        })
    }

    /// Reads one ticket.
    pub async fn ticket(&self, caller: &Caller, number: &str) -> Result<TicketDetail, AppError> {
        let id = parse_number(number)?.id();
        let mut c = self.store.read().await?;
        Ok(self.visible(&mut c, caller, id).await?.0)
    }

    /// Lists the tickets the caller may read that match the query.
    pub async fn tickets(&self, caller: &Caller, q: &TicketQuery) -> Result<TicketPage, AppError> {
        let v = caller.actor.ticket_visibility();
        let mut c = self.store.read().await?;
        Ok(ticket_store::list(&mut c, q, &v).await?)
    }
}

#[allow(clippy::too_many_arguments)]
async fn append(
    c: &mut Conn,
    ticket: TicketId,
    kind: EntryKind,
    author: Option<UserId>,
    public: bool,
    body: String,
    data: serde_json::Value,
    at: DateTime<Utc>,
) -> Result<i64, StoreError> {
    journal_store::append(
        c,
        &NewEntry {
            ticket,
            kind,
            author,
            public,
            body,
            data,
            at,
        },
    )
    .await
}
