//! Which ticket events send mail to whom, composed and enqueued inside the event's own
//! transaction (so an event that commits always has its mail, and one that rolls back never
//! does). The ticket services call [`notify`] once per event; this file owns the recipients:
//!
//! - opened: the requester, who learns the number (also when they opened it themselves);
//! - public reply, status change, resolution, closure: the requester and the watchers;
//! - escalation: the receiving group's members, or its lead when it has no members (and the
//!   requester and watchers hear of the status change);
//! - internal notes and phone-call records: nobody.
//!
//! Never the author of the change, never a disabled user or one without an address. A
//! recipient whose address the mail library refuses is skipped with a warning rather than
//! refusing the person's change.

use chrono::{DateTime, Utc};
use escalade_core::ids::{GroupId, UserId};
use escalade_core::journal::CommentKind;
use escalade_core::people::{Language, UserKind};
use escalade_core::ticket::{Status, Ticket};
use escalade_mail::outbound::{
    self, Audience, Event, Outgoing, Recipient, Thread, TicketRef, message_id,
};
use escalade_store::directory::{self, UserRow};
use escalade_store::mail_outbox::{self as outbox, NewMail};
use escalade_store::{Conn, StoreError, tickets as ticket_store};

use super::RETRY_PERIOD;
use super::settings::{MailSettings, load};

/// A ticket event, as far as mail is concerned.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Notice<'a> {
    /// A ticket was opened.
    Opened(&'a Ticket),
    /// A comment was added; `after` is the ticket as the comment left it (a requester's reply
    /// reopens a resolved ticket).
    Comment {
        before: &'a Ticket,
        after: &'a Ticket,
        kind: CommentKind,
        body: &'a str,
    },
    /// Fields changed (only a status move mails anyone).
    Changed {
        before: &'a Ticket,
        after: &'a Ticket,
    },
    /// The ticket was escalated with a hand-over summary.
    Escalated {
        before: &'a Ticket,
        after: &'a Ticket,
        summary: &'a str,
    },
}

/// The mail of a status move, if it deserves one.
fn status_event(before: &Ticket, after: &Ticket) -> Option<Event> {
    if before.status == after.status {
        return None;
    }
    Some(match after.status {
        Status::Resolved => Event::Resolved,
        Status::Closed => Event::Closed,
        to => Event::StatusChanged {
            from: before.status,
            to,
        },
    })
}

/// Composes and enqueues the mail of one ticket event, in the event's transaction.
pub(crate) async fn notify(
    c: &mut Conn,
    author: UserId,
    notice: Notice<'_>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let settings = load(c).await?;
    let mut batch = Batch::new(&settings, author, notice_ticket(&notice));
    match notice {
        Notice::Opened(t) => {
            // The acknowledgement goes to the requester even when they opened the ticket.
            batch
                .send(c, &Event::Received, &[t.requester], true, now)
                .await?;
        }
        Notice::Comment {
            before,
            after,
            kind,
            body,
        } => {
            if kind == CommentKind::Public {
                let name = directory::user(c, author)
                    .await?
                    .map(|u| u.display_name)
                    .unwrap_or_default();
                let event = Event::PublicReply {
                    author: name,
                    body: body.to_string(),
                };
                let people = batch.requester_and_watchers(c).await?;
                batch.send(c, &event, &people, false, now).await?;
            }
            if let Some(e) = status_event(before, after) {
                let people = batch.requester_and_watchers(c).await?;
                batch.send(c, &e, &people, false, now).await?;
            }
        }
        Notice::Changed { before, after } => {
            if let Some(e) = status_event(before, after) {
                let people = batch.requester_and_watchers(c).await?;
                batch.send(c, &e, &people, false, now).await?;
            }
        }
        Notice::Escalated {
            before,
            after,
            summary,
        } => {
            if let Some(g) = after.group {
                let group = directory::group(c, g).await?;
                let event = Event::Escalated {
                    group: group.map(|g| g.name),
                    level: u8::try_from(after.level.get()).unwrap_or_default(),
                    summary: summary.to_string(),
                };
                let people = receiving(c, g).await?;
                batch.send(c, &event, &people, false, now).await?;
            }
            if let Some(e) = status_event(before, after) {
                let people = batch.requester_and_watchers(c).await?;
                batch.send(c, &e, &people, false, now).await?;
            }
        }
    }
    Ok(())
}

fn notice_ticket<'a>(n: &Notice<'a>) -> &'a Ticket {
    match *n {
        Notice::Opened(t) => t,
        Notice::Comment { after, .. }
        | Notice::Changed { after, .. }
        | Notice::Escalated { after, .. } => after,
    }
}

/// The members of the receiving group, or its lead when it has none.
async fn receiving(c: &mut Conn, g: GroupId) -> Result<Vec<UserId>, StoreError> {
    let members = directory::members(c, g).await?;
    if !members.is_empty() {
        return Ok(members);
    }
    Ok(escalade_store::sla::group_lead(c, g.0)
        .await?
        .map(UserId)
        .into_iter()
        .collect())
}

/// The recipient a user row makes, if they can get mail.
fn recipient(u: &UserRow) -> Option<Recipient> {
    let address = u
        .email
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())?;
    if !u.active {
        return None;
    }
    Some(Recipient {
        name: u.display_name.clone(),
        address: address.to_string(),
        language: Language::parse(&u.language).unwrap_or_default(),
        audience: if u.kind == UserKind::Agent.as_str() {
            Audience::Agent
        } else {
            Audience::Requester
        },
    })
}

/// The messages of one event: one thread and one set of settings for all of them.
pub(crate) struct Batch<'s> {
    settings: &'s MailSettings,
    author: Option<UserId>,
    ticket: Ticket,
    reference: TicketRef,
    /// Read when the first message is composed: most events of a desk without mail
    /// addresses compose none.
    thread: Option<Thread>,
}

impl<'s> Batch<'s> {
    pub(crate) fn new(
        settings: &'s MailSettings,
        author: impl Into<Option<UserId>>,
        ticket: &Ticket,
    ) -> Batch<'s> {
        Batch {
            settings,
            author: author.into(),
            reference: TicketRef {
                number: ticket.number().to_string(),
                title: ticket.subject.clone(),
            },
            ticket: ticket.clone(),
            thread: None,
        }
    }

    async fn requester_and_watchers(&self, c: &mut Conn) -> Result<Vec<UserId>, StoreError> {
        let mut people = vec![self.ticket.requester];
        people.extend(ticket_store::watchers(c, self.ticket.id).await?);
        Ok(people)
    }

    /// Enqueues `event` for each of `people` who can get mail (the author only when
    /// `to_author`).
    pub(crate) async fn send(
        &mut self,
        c: &mut Conn,
        event: &Event,
        people: &[UserId],
        to_author: bool,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let mut ids: Vec<UserId> = people
            .iter()
            .copied()
            .filter(|p| to_author || Some(*p) != self.author)
            .collect();
        ids.sort();
        ids.dedup();
        if ids.is_empty() {
            return Ok(0);
        }
        let desk = self.settings.desk();
        let mut sent = 0;
        for u in directory::users_by_ids(c, &ids).await? {
            let Some(to) = recipient(&u) else {
                continue;
            };
            // One thread for the whole event: every message of it answers the same parent.
            if self.thread.is_none() {
                let (first, last) = outbox::thread(c, self.ticket.id).await?;
                self.thread = Some(Thread { first, last });
            }
            let thread = self.thread.clone().unwrap_or_default();
            let unique = format!(
                "{}.{}",
                self.reference.number,
                uuid::Uuid::new_v4().simple()
            );
            let id = message_id(&unique, &desk.domain);
            let composed = outbound::compose(&desk, &self.reference, event, &to, &thread, &id, now);
            match composed {
                Ok(m) => {
                    enqueue(c, Some(&self.ticket), event.kind(), m, now).await?;
                    sent += 1;
                }
                Err(e) => tracing::warn!(
                    ticket = %self.reference.number, user = u.id, error = %e,
                    "notification not composed"
                ),
            }
        }
        Ok(sent)
    }
}

/// Puts a composed message in the outbox.
pub(crate) async fn enqueue(
    c: &mut Conn,
    ticket: Option<&Ticket>,
    event: &str,
    m: Outgoing,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    outbox::enqueue(
        c,
        &NewMail {
            ticket: ticket.map(|t| t.id),
            event: event.to_string(),
            recipients: vec![m.to],
            subject: m.subject,
            message_id: m.message_id,
            raw: m.bytes,
            give_up_at: now + RETRY_PERIOD,
        },
        now,
    )
    .await
}
