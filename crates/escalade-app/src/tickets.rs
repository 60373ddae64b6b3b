//! Ticket use cases: open, read, list, change, comment, escalate, take, watch. Each checks the
//! caller's permission on the ticket first; a ticket outside the caller's reach is reported as
//! not found, so its existence does not leak.

use chrono::{DateTime, Utc};
use escalade_core::authz::{Permission, TicketFacts};
use escalade_core::ids::{CategoryId, GroupId, TicketId, TicketNumber, UserId};
use escalade_core::journal::{CommentKind, EntryKind, comment_body, public_for_field_changes};
use escalade_core::people::UserKind;
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
    async fn matrix(&self, c: &mut Conn) -> Result<PriorityMatrix, AppError> {
        Ok(settings::get(c, settings::PRIORITY_MATRIX)
            .await?
            .unwrap_or_default())
    }

    /// Loads a ticket the caller may read; otherwise not found.
    async fn visible(
        &self,
        c: &mut Conn,
        caller: &Caller,
        id: TicketId,
    ) -> Result<(TicketDetail, TicketFacts), AppError> {
        let ticket = ticket_store::get(c, id)
            .await?
            .ok_or(AppError::NotFound("ticket"))?;
        let watchers = ticket_store::watchers(c, id).await?;
        let security = ticket_store::is_security(c, id).await?;
        let f = facts(&ticket, &watchers, security);
        if !caller.decide(Permission::TicketRead, &f).allowed {
            return Err(AppError::NotFound("ticket"));
        }
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
    async fn check_refs(
        &self,
        c: &mut Conn,
        category: Option<CategoryId>,
        group: Option<GroupId>,
        assignee: Option<UserId>,
    ) -> Result<bool, AppError> {
        let mut security = false;
        if let Some(id) = category {
            let cat = directory::category(c, id).await?.ok_or_else(|| {
                AppError::invalid("category", "unknown", format!("there is no category {id}"))
            })?;
            if !cat.active {
                return Err(AppError::invalid(
                    "category",
                    "inactive",
                    format!("the category '{}' is no longer in use", cat.name),
                ));
            }
            security = cat.security;
        }
        if let Some(id) = group {
            directory::group(c, id).await?.ok_or_else(|| {
                AppError::invalid("group", "unknown", format!("there is no group {id}"))
            })?;
        }
        if let Some(id) = assignee {
            let u = directory::user(c, id).await?.ok_or_else(|| {
                AppError::invalid("assignee", "unknown", format!("there is no user {id}"))
            })?;
            if u.kind != UserKind::Agent.as_str() || !u.active {
                return Err(AppError::invalid(
                    "assignee",
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
        mut req: OpenTicket,
    ) -> Result<TicketDetail, AppError> {
        let requester = req.ticket.requester.unwrap_or(caller.id());
        if requester == caller.id() {
            caller.require(Permission::TicketCreate)?;
        } else {
            caller.require(Permission::TicketCreateForOthers)?;
        }
        let n = &req.ticket;
        if (n.group.is_some() || n.assignee.is_some() || n.level.is_some())
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
        let (ticket, security) = {
            let mut c = self.store.read().await?;
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
            (
                req.ticket.into_ticket(requester, dept, &matrix, now),
                security,
            )
        };
        let author = caller.id();
        let watchers = req.watchers.clone();
        let mut stored = ticket.clone();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = ticket_store::insert(c, &ticket, security, &watchers).await?;
                    let data = json!({
                        "channel": ticket.channel.as_str(),
                        "on_behalf": (ticket.requester != author).then_some(ticket.requester.0),
                    });
                    append(
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

    /// Changes fields of a ticket. Status, priority and classification need `ticket.update`;
    /// group, assignee and level need `ticket.assign`. A requester may confirm (close) or
    /// reopen their own resolved ticket with `ticket.confirm`.
    pub async fn update_ticket(
        &self,
        caller: &Caller,
        number: &str,
        patch: TicketPatch,
    ) -> Result<TicketDetail, AppError> {
        if patch.is_empty() {
            return Err(AppError::invalid(
                "body",
                "empty_patch",
                "nothing to change: give at least one field",
            ));
        }
        let id = parse_number(number)?.id();
        for _ in 0..WRITE_RETRIES {
            let now = self.clock.now();
            let (before, new, security, changes) = {
                let mut c = self.store.read().await?;
                let (d, f) = self.visible(&mut c, caller, id).await?;
                self.authorize_patch(caller, &d.ticket, &patch, &f)?;
                let new_category = patch.category.unwrap_or(d.ticket.category);
                let security = if patch.category.is_some() {
                    self.check_refs(&mut c, new_category, None, None).await?
                } else {
                    d.security
                };
                self.check_refs(
                    &mut c,
                    None,
                    patch.group.flatten(),
                    patch.assignee.flatten(),
                )
                .await?;
                let patch = self.level_follows_group(&mut c, &patch).await?;
                let matrix = self.matrix(&mut c).await?;
                let (new, changes) = d.ticket.apply(&patch, &matrix, now)?;
                (d, new, security, changes)
            };
            if changes.is_empty() {
                return Ok(before);
            }
            let author = caller.id();
            let expected = before.ticket.version;
            let stored = new.clone();
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        ticket_store::update(c, &new, security, expected).await?;
                        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
                        let public = public_for_field_changes(&fields);
                        append(
                            c,
                            new.id,
                            EntryKind::FieldChange,
                            Some(author),
                            public,
                            String::new(),
                            changes_json(&changes),
                            now,
                        )
                        .await
                    })
                })
                .await;
            match res {
                Ok(_) => {
                    return Ok(TicketDetail {
                        ticket: stored,
                        watchers: before.watchers,
                        security,
                    });
                }
                Err(StoreError::Conflict {
                    code: "version_conflict",
                    ..
                }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict {
            code: "busy_ticket",
            message: "the ticket is being changed by others; try again".into(),
        })
    }

    /// A group works at one level: moving a ticket to a group moves it to that level, and
    /// naming both a group and another level is refused.
    async fn level_follows_group(
        &self,
        c: &mut Conn,
        patch: &TicketPatch,
    ) -> Result<TicketPatch, AppError> {
        let Some(Some(g)) = patch.group else {
            return Ok(patch.clone());
        };
        let group = directory::group(c, g).await?.ok_or_else(|| {
            AppError::invalid("group_id", "unknown", format!("there is no group {g}"))
        })?;
        let level = SupportLevel::new(group.level)?;
        match patch.level {
            Some(l) if l != level => Err(AppError::invalid(
                "level",
                "level_mismatch",
                format!("the group '{}' works at level {level}, not {l}", group.name),
            )),
            _ => Ok(TicketPatch {
                level: Some(level),
                ..patch.clone()
            }),
        }
    }

    fn authorize_patch(
        &self,
        caller: &Caller,
        t: &Ticket,
        patch: &TicketPatch,
        f: &TicketFacts,
    ) -> Result<(), AppError> {
        let confirm_only = patch
            .status
            .is_some_and(|s| matches!(s, Status::Closed | Status::InProgress))
            && TicketPatch {
                status: None,
                ..patch.clone()
            }
            .is_empty()
            && t.status == Status::Resolved
            && t.requester == caller.id();
        if confirm_only && caller.decide(Permission::TicketConfirm, f).allowed {
            return Ok(());
        }
        let touches_fields = TicketPatch {
            group: None,
            assignee: None,
            level: None,
            ..patch.clone()
        };
        if !touches_fields.is_empty() {
            self.require_on(caller, Permission::TicketUpdate, f)?;
        }
        if patch.touches_assignment() {
            self.require_on(caller, Permission::TicketAssign, f)?;
        }
        Ok(())
    }

    /// Adds a public reply, an internal note or a phone-call record. A requester's reply to
    /// their resolved ticket reopens it.
    pub async fn comment(
        &self,
        caller: &Caller,
        number: &str,
        kind: CommentKind,
        body: &str,
    ) -> Result<EntryView, AppError> {
        let id = parse_number(number)?.id();
        let body = comment_body(body)?;
        for _ in 0..WRITE_RETRIES {
            let now = self.clock.now();
            let (d, reopen) = {
                let mut c = self.store.read().await?;
                let (d, f) = self.visible(&mut c, caller, id).await?;
                if d.ticket.status.is_final() {
                    return Err(AppError::Transition {
                        rule: if d.ticket.status == Status::Closed {
                            "closed_is_final"
                        } else {
                            "cancelled_is_final"
                        },
                        message: format!(
                            "a {} ticket takes no more comments; open a new ticket",
                            d.ticket.status
                        ),
                    });
                }
                let p = if kind.is_public() {
                    Permission::TicketReply
                } else {
                    Permission::TicketNote
                };
                self.require_on(caller, p, &f)?;
                let reopen = kind.is_public()
                    && d.ticket.status == Status::Resolved
                    && d.ticket.requester == caller.id();
                (d, reopen)
            };
            let author = caller.id();
            let body2 = body.clone();
            let ticket = d.ticket.clone();
            let security = d.security;
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        let entry = append(
                            c,
                            ticket.id,
                            kind.entry_kind(),
                            Some(author),
                            kind.is_public(),
                            body2,
                            json!({}),
                            now,
                        )
                        .await?;
                        if reopen {
                            let mut t = ticket.clone();
                            t.status = if t.assignee.is_some() {
                                Status::Assigned
                            } else {
                                Status::InProgress
                            };
                            t.resolved_at = None;
                            t.updated_at = now;
                            t.version += 1;
                            ticket_store::update(c, &t, security, ticket.version).await?;
                            let change = [FieldChange {
                                field: "status".into(),
                                from: Some(Status::Resolved.to_string()),
                                to: Some(t.status.to_string()),
                            }];
                            let mut data = changes_json(&change);
                            data["reason"] = json!("requester_replied");
                            append(
                                c,
                                ticket.id,
                                EntryKind::FieldChange,
                                Some(author),
                                true,
                                String::new(),
                                data,
                                now,
                            )
                            .await?;
                        } else {
                            c.exec(
                                "UPDATE tickets SET updated_at = $1 WHERE id = $2",
                                escalade_store::args![now, ticket.id.0],
                            )
                            .await?;
                        }
                        Ok(entry)
                    })
                })
                .await;
            match res {
                Ok(entry_id) => {
                    let mut c = self.store.read().await?;
                    let entries = journal_store::list(&mut c, id, true, entry_id - 1, 1).await?;
                    return entries
                        .into_iter()
                        .next()
                        .map(|e| view(e, true))
                        .ok_or(AppError::NotFound("journal entry"));
                }
                Err(StoreError::Conflict {
                    code: "version_conflict",
                    ..
                }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict {
            code: "busy_ticket",
            message: "the ticket is being changed by others; try again".into(),
        })
    }

    /// Escalates to another level or group with a hand-over summary. When only a group is
    /// named, the ticket goes to that group's level.
    pub async fn escalate(
        &self,
        caller: &Caller,
        number: &str,
        mut target: EscalationTarget,
        summary: &str,
    ) -> Result<TicketDetail, AppError> {
        let id = parse_number(number)?.id();
        for _ in 0..WRITE_RETRIES {
            let now = self.clock.now();
            let (d, new, record) = {
                let mut c = self.store.read().await?;
                let (d, f) = self.visible(&mut c, caller, id).await?;
                self.require_on(caller, Permission::TicketEscalate, &f)?;
                if let Some(g) = target.group {
                    let group = directory::group(&mut c, g).await?.ok_or_else(|| {
                        AppError::invalid("group", "unknown", format!("there is no group {g}"))
                    })?;
                    let glevel = SupportLevel::new(group.level)?;
                    match target.level {
                        Some(l) if l != glevel => {
                            return Err(AppError::invalid(
                                "group",
                                "level_mismatch",
                                format!(
                                    "the group '{}' works at level {glevel}, not {l}",
                                    group.name
                                ),
                            ));
                        }
                        _ => target.level = Some(glevel),
                    }
                }
                let (new, record) = plan_escalation(&d.ticket, target, summary, now)?;
                (d, new, record)
            };
            let author = caller.id();
            let expected = d.ticket.version;
            let security = d.security;
            let stored = new.clone();
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        ticket_store::update(c, &new, security, expected).await?;
                        let data = json!({
                            "from_level": record.from_level, "to_level": record.to_level,
                            "from_group": record.from_group, "to_group": record.to_group,
                            "from_assignee": record.from_assignee,
                            "from_status": d.ticket.status.as_str(),
                        });
                        append(
                            c,
                            new.id,
                            EntryKind::Escalation,
                            Some(author),
                            false,
                            record.summary,
                            data,
                            now,
                        )
                        .await
                    })
                })
                .await;
            match res {
                Ok(_) => {
                    return Ok(TicketDetail {
                        ticket: stored,
                        watchers: d.watchers,
                        security,
                    });
                }
                Err(StoreError::Conflict {
                    code: "version_conflict",
                    ..
                }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict {
            code: "busy_ticket",
            message: "the ticket is being changed by others; try again".into(),
        })
    }

    /// The receiving level takes an escalated ticket: a member of the ticket's group (or of a
    /// group at its level when it has none), or someone who may assign any ticket.
    pub async fn take(&self, caller: &Caller, number: &str) -> Result<TicketDetail, AppError> {
        let id = parse_number(number)?.id();
        for _ in 0..WRITE_RETRIES {
            let now = self.clock.now();
            let (d, new) = {
                let mut c = self.store.read().await?;
                let (d, f) = self.visible(&mut c, caller, id).await?;
                self.require_on(caller, Permission::TicketEscalate, &f)?;
                let lead = caller.actor.widest_scope(Permission::TicketAssign)
                    == Some(escalade_core::authz::Scope::All);
                let mine = directory::groups_of(&mut c, caller.id()).await?;
                let receiving = match d.ticket.group {
                    Some(g) => mine.iter().any(|m| m.id == g.0),
                    None => mine.iter().any(|m| m.level == d.ticket.level.get()),
                };
                if !receiving && !lead {
                    return Err(AppError::forbidden(
                        "ticket.escalate",
                        "only the receiving group (or level) takes an escalated ticket",
                    ));
                }
                let new = plan_take(&d.ticket, caller.id(), now)?;
                (d, new)
            };
            let author = caller.id();
            let expected = d.ticket.version;
            let security = d.security;
            let stored = new.clone();
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        ticket_store::update(c, &new, security, expected).await?;
                        let data =
                            json!({ "level": new.level, "group": new.group, "assignee": author.0 });
                        append(
                            c,
                            new.id,
                            EntryKind::Take,
                            Some(author),
                            false,
                            String::new(),
                            data,
                            now,
                        )
                        .await
                    })
                })
                .await;
            match res {
                Ok(_) => {
                    return Ok(TicketDetail {
                        ticket: stored,
                        watchers: d.watchers,
                        security,
                    });
                }
                Err(StoreError::Conflict {
                    code: "version_conflict",
                    ..
                }) => continue,
                Err(e) => return Err(e.into()),
            }
        }
        Err(AppError::Conflict {
            code: "busy_ticket",
            message: "the ticket is being changed by others; try again".into(),
        })
    }

    /// The journal as the caller may see it: requesters see public entries only, and of field
    /// changes only the status.
    pub async fn journal(
        &self,
        caller: &Caller,
        number: &str,
        after_id: i64,
        limit: i64,
    ) -> Result<Vec<EntryView>, AppError> {
        let id = parse_number(number)?.id();
        let mut c = self.store.read().await?;
        let (_, f) = self.visible(&mut c, caller, id).await?;
        let internal = caller.decide(Permission::TicketReadInternal, &f).allowed;
        let rows = journal_store::list(&mut c, id, internal, after_id, limit).await?;
        Ok(rows.into_iter().map(|e| view(e, internal)).collect())
    }

    /// Adds or removes a watcher (`ticket.update`, or oneself on a ticket one can read).
    pub async fn set_watcher(
        &self,
        caller: &Caller,
        number: &str,
        user: UserId,
        watch: bool,
    ) -> Result<Vec<UserId>, AppError> {
        let id = parse_number(number)?.id();
        {
            let mut c = self.store.read().await?;
            let (_, f) = self.visible(&mut c, caller, id).await?;
            if user != caller.id() {
                self.require_on(caller, Permission::TicketUpdate, &f)?;
            }
            directory::user(&mut c, user).await?.ok_or_else(|| {
                AppError::invalid("user_id", "unknown", format!("there is no user {user}"))
            })?;
        }
        let author = caller.id();
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    let changed = if watch {
                        ticket_store::add_watcher(c, id, user).await?;
                        true
                    } else {
                        ticket_store::remove_watcher(c, id, user).await?
                    };
                    if changed {
                        let field = FieldChange {
                            field: "watchers".into(),
                            from: (!watch).then(|| user.to_string()),
                            to: watch.then(|| user.to_string()),
                        };
                        append(
                            c,
                            id,
                            EntryKind::FieldChange,
                            Some(author),
                            false,
                            String::new(),
                            changes_json(&[field]),
                            now,
                        )
                        .await?;
                    }
                    Ok(())
                })
            })
            .await?;
        let mut c = self.store.read().await?;
        Ok(ticket_store::watchers(&mut c, id).await?)
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

/// Turns a stored entry into the reader's view; without internal access, field changes keep
/// only the status.
fn view(e: journal_store::Entry, internal: bool) -> EntryView {
    let mut data: serde_json::Value = serde_json::from_str(&e.data).unwrap_or(json!({}));
    if !internal
        && e.kind == EntryKind::FieldChange.as_str()
        && let Some(changes) = data.get_mut("changes").and_then(|c| c.as_array_mut())
    {
        changes.retain(|c| c.get("field").and_then(|f| f.as_str()) == Some("status"));
    }
    EntryView {
        id: e.id,
        kind: e.kind,
        author_id: e.author_id,
        author_name: e.author_name,
        public: e.public,
        body: e.body,
        data,
        created_at: e.created_at,
    }
}
