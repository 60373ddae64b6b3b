//! Escalation between support levels and groups, with the hand-over summary, and the
//! receiving side taking the ticket.

use super::*;

impl App {
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
            let rules = self.rules_config().await?;
            let (d, new, record, security, outcome) = {
                let mut c = self.store.read().await?;
                let (d, f) = self.visible(&mut c, caller, id).await?;
                self.require_on(caller, Permission::TicketEscalate, &f)?;
                if let Some(g) = target.group {
                    let group = directory::group(&mut c, g).await?.ok_or_else(|| {
                        AppError::invalid("group_id", "unknown", format!("there is no group {g}"))
                    })?;
                    let glevel = SupportLevel::new(group.level)?;
                    match target.level {
                        Some(l) if l != glevel => {
                            return Err(AppError::invalid(
                                "group_id",
                                "level_mismatch",
                                format!(
                                    "the group '{}' works at level {glevel}, not {l}",
                                    group.name
                                ),
                            ));
                        }
                        _ => target.level = Some(glevel),
                    }
                } else {
                    target.group = self
                        .receiving_group(&mut c, &d.ticket, target.level)
                        .await?;
                }
                let (new, record) = plan_escalation(&d.ticket, target, summary, now)?;
                // An escalation is an update: the `updated` rules see it and their change is
                // stored with it, as one version step, and never runs rules again.
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
                    Some(run) => (d, run.ticket, record, run.security, Some(run.outcome)),
                    None => {
                        let security = d.security;
                        (d, new, record, security, None)
                    }
                }
            };
            let author = caller.id();
            let expected = d.ticket.version;
            let stored = new.clone();
            let (sla, old) = (self.sla_config().await?, d.ticket.clone());
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        ticket_store::update(c, &new, security, expected).await?;
                        let data = json!({
                            "from_level": record.from_level, "to_level": record.to_level,
                            "from_group": record.from_group, "to_group": record.to_group,
                            "from_assignee": record.from_assignee,
                            "from_status": old.status.as_str(),
                        });
                        let handover = record.summary.clone();
                        let entry = append(
                            c,
                            new.id,
                            EntryKind::Escalation,
                            Some(author),
                            false,
                            record.summary,
                            data,
                            now,
                        )
                        .await?;
                        if let Some(outcome) = &outcome {
                            crate::rules::flow::record(c, &sla, &new, outcome, now).await?;
                        }
                        crate::sla::ticket_clocks::on_change(c, &sla, &old, &new, now).await?;
                        crate::rules::time_jobs::schedule(
                            c,
                            &rules.time_rules,
                            Some(&old),
                            &new,
                            now,
                            None,
                        )
                        .await?;
                        let notice = crate::mail::Notice::Escalated {
                            before: &old,
                            after: &new,
                            summary: &handover,
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
            let rules = self.rules_config().await?;
            let (d, new, security, outcome) = {
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
                let taken = plan_take(&d.ticket, caller.id(), now)?;
                // Taking is an update too (assignee and status change): the `updated` rules
                // run on it, as for an escalation.
                let run = self
                    .run_event_rules(
                        &mut c,
                        &rules,
                        Happening::FieldsChanged,
                        ChangeOrigin::Person,
                        Some(&d.ticket),
                        &taken,
                        now,
                    )
                    .await?;
                match run {
                    Some(run) => (d, run.ticket, run.security, Some(run.outcome)),
                    None => {
                        let security = d.security;
                        (d, taken, security, None)
                    }
                }
            };
            let author = caller.id();
            let expected = d.ticket.version;
            let stored = new.clone();
            let (sla, old) = (self.sla_config().await?, d.ticket.clone());
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        ticket_store::update(c, &new, security, expected).await?;
                        let data =
                            json!({ "level": old.level, "group": old.group, "assignee": author.0 });
                        let entry = append(
                            c,
                            new.id,
                            EntryKind::Take,
                            Some(author),
                            false,
                            String::new(),
                            data,
                            now,
                        )
                        .await?;
                        if let Some(outcome) = &outcome {
                            crate::rules::flow::record(c, &sla, &new, outcome, now).await?;
                        }
                        // The clocks and time rules follow the taken ticket (and whatever the
                        // rules changed with it).
                        crate::sla::ticket_clocks::on_change(c, &sla, &old, &new, now).await?;
                        crate::rules::time_jobs::schedule(
                            c,
                            &rules.time_rules,
                            Some(&old),
                            &new,
                            now,
                            None,
                        )
                        .await?;
                        Ok(entry)
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

    /// The group an escalation to a level lands in when none is named: the level's only
    /// group. With several, the agent must choose, so that the ticket never waits in no
    /// group's queue; a level without groups keeps the ticket unassigned to any group.
    pub(crate) async fn receiving_group(
        &self,
        c: &mut Conn,
        ticket: &Ticket,
        level: Option<SupportLevel>,
    ) -> Result<Option<GroupId>, AppError> {
        let Some(level) = level.or(ticket.level.next()) else {
            return Ok(None);
        };
        let at_level: Vec<_> = directory::groups(c)
            .await?
            .into_iter()
            .filter(|g| g.level == level.get() && !g.security_team)
            .collect();
        match at_level.as_slice() {
            [] => Ok(None),
            [only] => Ok(Some(GroupId(only.id))),
            several => Err(AppError::invalid(
                "group_id",
                "group_required",
                format!(
                    "several groups work at level {level} ({}); name the receiving group",
                    several
                        .iter()
                        .map(|g| g.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }
}
