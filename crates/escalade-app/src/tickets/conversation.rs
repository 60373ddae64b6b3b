//! The conversation on a ticket: comments (public replies, internal notes, phone calls), the
//! journal as each reader may see it, and watchers.

use super::*;

impl App {
    /// Adds a public reply, an internal note or a phone-call record. A requester's reply to
    /// their resolved ticket reopens it.
    pub async fn comment(
        &self,
        caller: &Caller,
        number: &str,
        kind: CommentKind,
        body: &str,
    ) -> Result<EntryView, AppError> {
        self.comment_with(caller, number, kind, body, None).await
    }

    /// Adds a comment; with `mail`, the comment is that inbound message (an `email_in`
    /// entry, or an internal note for automatic mail), written with the message marked
    /// processed in the same transaction. The threading decision has already said the
    /// sender may add to this ticket, so the caller's own reach is not asked.
    pub(crate) async fn comment_with(
        &self,
        caller: &Caller,
        number: &str,
        kind: CommentKind,
        body: &str,
        mail: Option<crate::inbound_mail::MailReceipt>,
    ) -> Result<EntryView, AppError> {
        let id = parse_number(number)?.id();
        let body = comment_body(body)?;
        for _ in 0..WRITE_RETRIES {
            let now = self.clock.now();
            // Every read before the write on one pool checkout (configurations included).
            let (d, reopen, after, run, rules, sla) = {
                let mut c = self.store.read().await?;
                let rules = self.rules_config_on(&mut c).await?;
                let sla = self.sla_config_on(&mut c).await?;
                let (d, f) = match &mail {
                    None => self.visible(&mut c, caller, id).await?,
                    Some(_) => self.ticket_as_system(&mut c, id).await?,
                };
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
                if mail.is_none() {
                    self.require_on(caller, p, &f)?;
                }
                let reopen = kind.is_public()
                    && d.ticket.status == Status::Resolved
                    && d.ticket.requester == caller.id();
                // The ticket as the reply leaves it: a reply to a resolved ticket reopens it.
                let mut after = d.ticket.clone();
                if reopen {
                    after.status = if after.assignee.is_some() {
                        Status::Assigned
                    } else {
                        Status::InProgress
                    };
                    after.resolved_at = None;
                    after.updated_at = now;
                    after.version += 1;
                }
                // The requester's reply runs the `reply_received` rules; an agent's does not.
                let run = if kind.is_public() && d.ticket.requester == caller.id() {
                    self.run_event_rules(
                        &mut c,
                        &rules,
                        Happening::RequesterReplied,
                        ChangeOrigin::Person,
                        None,
                        &after,
                        now,
                    )
                    .await?
                } else {
                    None
                };
                (d, reopen, after, run, rules, sla)
            };
            let author = caller.id();
            let body2 = body.clone();
            let indexed_body = body.clone();
            let mail_body = body.clone();
            let ticket = d.ticket.clone();
            let security = d.security;
            // The first public reply by an agent stops the response clock.
            let agent_reply =
                kind.is_public() && caller.is_agent() && ticket.requester != caller.id();
            let mail = mail.clone();
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        let (entry_kind, data) = match &mail {
                            Some(m) if kind.is_public() => {
                                (EntryKind::EmailIn, json!({"mail": m.entry_data()}))
                            }
                            Some(m) => (kind.entry_kind(), json!({"mail": m.entry_data()})),
                            None => (kind.entry_kind(), json!({})),
                        };
                        let entry = append(
                            c,
                            ticket.id,
                            entry_kind,
                            Some(author),
                            kind.is_public(),
                            body2,
                            data,
                            now,
                        )
                        .await?;
                        if let Some(m) = &mail {
                            m.record(c, ticket.id, entry, kind.is_public(), now).await?;
                        }
                        crate::search::index::ticket_commented(
                            c,
                            &ticket,
                            entry,
                            kind.is_public(),
                            &indexed_body,
                            now,
                        )
                        .await?;
                        let reopened_to = after.status;
                        let (final_ticket, security, outcome) = match run {
                            Some(run) => {
                                let mut t = run.ticket;
                                t.version = ticket.version + 1;
                                t.updated_at = now;
                                (t, run.security, Some(run.outcome))
                            }
                            None => (after, security, None),
                        };
                        if reopen || outcome.is_some() {
                            let t = &final_ticket;
                            ticket_store::update(c, t, security, ticket.version).await?;
                            crate::sla::ticket_clocks::on_change(c, &sla, &ticket, t, now).await?;
                            crate::rules::time_jobs::schedule(
                                c,
                                &rules.time_rules,
                                Some(&ticket),
                                t,
                                now,
                                None,
                            )
                            .await?;
                        } else {
                            c.exec(
                                "UPDATE tickets SET updated_at = $1 WHERE id = $2",
                                escalade_store::args![now, ticket.id.0],
                            )
                            .await?;
                        }
                        if reopen {
                            let change = [FieldChange {
                                field: "status".into(),
                                from: Some(Status::Resolved.to_string()),
                                to: Some(reopened_to.to_string()),
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
                        }
                        if let Some(outcome) = &outcome {
                            crate::rules::flow::record(c, &sla, &final_ticket, outcome, now)
                                .await?;
                        }
                        if agent_reply {
                            crate::sla::ticket_clocks::on_agent_public_reply(c, &sla, &ticket, now)
                                .await?;
                        }
                        let notice = crate::mail::Notice::Comment {
                            before: &ticket,
                            after: &final_ticket,
                            kind,
                            body: &mail_body,
                        };
                        crate::mail::notify(c, author, notice, now).await?;
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

/// Turns a stored entry into the reader's view; without internal access, field changes keep
/// only the status.
pub(super) fn view(e: journal_store::Entry, internal: bool) -> EntryView {
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
