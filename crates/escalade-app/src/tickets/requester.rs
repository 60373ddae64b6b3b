//! What a requester does with their own resolved ticket: confirm the resolution (the ticket is
//! closed) or reopen it with a reason (the reason becomes a public reply, so that the agent
//! reads why, and the ticket goes back to work).
//!
//! Both need `ticket.confirm` on the ticket and are reserved to the ticket's requester: a
//! colleague who sees the ticket through a department scope may follow it but not decide for
//! its requester. The status move itself is the state machine's (`Ticket::apply`), so a
//! resolved ticket only ever becomes closed, assigned or in progress.

use super::*;

/// What the requester decides about a resolved ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decision {
    Confirm,
    Reopen,
}

impl App {
    /// The requester confirms that their resolved ticket is solved: it is closed.
    pub async fn confirm_resolution(
        &self,
        caller: &Caller,
        number: &str,
    ) -> Result<TicketDetail, AppError> {
        self.requester_decides(caller, number, Decision::Confirm, None)
            .await
    }

    /// The requester reopens their resolved ticket, saying why. The reason is required and is
    /// journaled as a public reply; the ticket goes back to its assignee (assigned) or, without
    /// one, to in progress, as a requester's reply to a resolved ticket does.
    pub async fn reopen_ticket(
        &self,
        caller: &Caller,
        number: &str,
        reason: &str,
    ) -> Result<TicketDetail, AppError> {
        let reason = comment_body(reason).map_err(|e| match AppError::from(e) {
            AppError::Invalid(mut f) => {
                f.field = "reason".into();
                AppError::Invalid(f)
            }
            other => other,
        })?;
        self.requester_decides(caller, number, Decision::Reopen, Some(reason))
            .await
    }

    /// Whether the caller may confirm or reopen this ticket now (for pages that offer the
    /// buttons only when they would work).
    pub fn may_decide_resolution(&self, caller: &Caller, d: &TicketDetail) -> bool {
        d.ticket.status == Status::Resolved
            && d.ticket.requester == caller.id()
            && caller
                .decide(
                    Permission::TicketConfirm,
                    &facts(&d.ticket, &d.watchers, d.security),
                )
                .allowed
    }

    async fn requester_decides(
        &self,
        caller: &Caller,
        number: &str,
        decision: Decision,
        reason: Option<String>,
    ) -> Result<TicketDetail, AppError> {
        let id = parse_number(number)?.id();
        for _ in 0..WRITE_RETRIES {
            let now = self.clock.now();
            let (before, new, changes) = {
                let mut c = self.store.read().await?;
                let (d, f) = self.visible(&mut c, caller, id).await?;
                self.require_on(caller, Permission::TicketConfirm, &f)?;
                if d.ticket.requester != caller.id() {
                    return Err(AppError::forbidden(
                        Permission::TicketConfirm.as_str(),
                        "only the requester of the ticket confirms or reopens it",
                    ));
                }
                if d.ticket.status != Status::Resolved {
                    return Err(AppError::Transition {
                        rule: "confirm_only_resolved",
                        message: format!(
                            "only a resolved ticket can be confirmed or reopened; this one is {}",
                            d.ticket.status
                        ),
                    });
                }
                let to = match decision {
                    Decision::Confirm => Status::Closed,
                    Decision::Reopen if d.ticket.assignee.is_some() => Status::Assigned,
                    Decision::Reopen => Status::InProgress,
                };
                let patch = TicketPatch {
                    status: Some(to),
                    ..TicketPatch::default()
                };
                let matrix = self.matrix(&mut c).await?;
                let (new, changes) = d.ticket.apply(&patch, &matrix, now)?;
                (d, new, changes)
            };
            let author = caller.id();
            let expected = before.ticket.version;
            let security = before.security;
            let stored = new.clone();
            let reason2 = reason.clone();
            let (old, mail_reason) = (before.ticket.clone(), reason.clone());
            let res = self
                .store
                .write(move |c| {
                    Box::pin(async move {
                        ticket_store::update(c, &new, security, expected).await?;
                        if let Some(text) = reason2 {
                            append(
                                c,
                                new.id,
                                EntryKind::PublicReply,
                                Some(author),
                                true,
                                text,
                                json!({}),
                                now,
                            )
                            .await?;
                        }
                        let mut data = changes_json(&changes);
                        data["reason"] = json!(match decision {
                            Decision::Confirm => "requester_confirmed",
                            Decision::Reopen => "requester_reopened",
                        });
                        let entry = append(
                            c,
                            new.id,
                            EntryKind::FieldChange,
                            Some(author),
                            true,
                            String::new(),
                            data,
                            now,
                        )
                        .await?;
                        // A reopening's reason is a public reply: the watchers read it.
                        let notice = match &mail_reason {
                            Some(text) => crate::mail::Notice::Comment {
                                before: &old,
                                after: &new,
                                kind: CommentKind::Public,
                                body: text,
                            },
                            None => crate::mail::Notice::Changed {
                                before: &old,
                                after: &new,
                            },
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
}
