//! Changing a ticket's fields: who may change what, groups and levels kept consistent,
//! optimistic concurrency with retries.

use super::*;

impl App {
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
            let rules = self.rules_config().await?;
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
                if changes.is_empty() {
                    return Ok(d);
                }
                // The `updated` rules see the person's change; theirs is stored with it, as
                // one version step, and never runs rules again.
                let run = self
                    .run_event_rules(
                        &mut c,
                        &rules,
                        Happening::FieldsChanged,
                        ChangeOrigin::Person,
                        Some(&d.ticket),
                        &new,
                        now,
                    )
                    .await?;
                match run {
                    Some(run) => (d, run.ticket, run.security, (changes, Some(run.outcome))),
                    None => (d, new, security, (changes, None)),
                }
            };
            let (changes, outcome) = changes;
            let author = caller.id();
            let expected = before.ticket.version;
            let stored = new.clone();
            let (sla, old) = (self.sla_config().await?, before.ticket.clone());
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        ticket_store::update(c, &new, security, expected).await?;
                        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
                        let public = public_for_field_changes(&fields);
                        let entry = append(
                            c,
                            new.id,
                            EntryKind::FieldChange,
                            Some(author),
                            public,
                            String::new(),
                            changes_json(&changes),
                            now,
                        )
                        .await?;
                        if let Some(outcome) = &outcome {
                            crate::rules::flow::record(c, &sla, &new, outcome, now).await?;
                        }
                        crate::sla::ticket_clocks::on_change(c, &sla, &old, &new, now).await?;
                        crate::search::index::ticket_changed(c, &old, &new, now).await?;
                        crate::rules::time_jobs::schedule(
                            c,
                            &rules.time_rules,
                            Some(&old),
                            &new,
                            now,
                            None,
                        )
                        .await?;
                        let notice = crate::mail::Notice::Changed {
                            before: &old,
                            after: &new,
                        };
                        crate::mail::notify(c, author, notice, now).await?;
                        Ok(entry)
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
}
