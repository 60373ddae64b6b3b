//! Applying a threading decision: the people a message names are found among the users or
//! created as requesters, and the message becomes a new ticket, an e-mail entry on its
//! ticket, or an internal note, through the same use cases as the API and the web UI (rules,
//! SLA clocks, reopening all apply), each written with the message's receipt.

use escalade_core::authz::Scope;
use escalade_core::ids::{CategoryId, GroupId, TicketId, UserId};
use escalade_core::journal::{CommentKind, MAX_COMMENT};
use escalade_core::people::UserKind;
use escalade_core::ticket::{Channel, MAX_SUBJECT, NewTicket};
use escalade_mail::inbound::InboundMessage;
use escalade_mail::threading::{Decision, EntryKind, Reason};
use escalade_store::directory::UserRow;
use escalade_store::mail_inbound::Outcome;
use escalade_store::{Conn, directory, tickets as ticket_store};

use super::{InboundSettings, Known, MailFile, MailReceipt, Processed};
use crate::App;
use crate::caller::Caller;
use crate::directory::CreateUser;
use crate::error::AppError;
use crate::tickets::OpenTicket;

impl App {
    /// Carries out `decision` for the stored message `id`. `c` is the look-ups' connection:
    /// the people and the ticket number are read on it, and it is given back before the
    /// write.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn apply_decision(
        &self,
        mut c: Conn,
        id: i64,
        message: &InboundMessage<'_>,
        decision: &Decision,
        outcome: Outcome,
        cfg: &InboundSettings,
        known: Known<'_>,
    ) -> Result<Processed, AppError> {
        let reason = decision.reason();
        let acknowledge = match decision {
            Decision::Open { acknowledge, .. } | Decision::OpenLinked { acknowledge, .. } => {
                *acknowledge
            }
            _ => false,
        };
        let receipt = |watchers: Vec<UserId>, linked_to: Option<String>| MailReceipt {
            acknowledge,
            inbound_id: id,
            outcome: outcome.clone(),
            reason_kind: reason.kind(),
            linked_to,
            files: files_of(message),
            external_id: match reason {
                Reason::NewExternalId { external_id } => Some((
                    format!("{}|{}", external_id.sender_domain, external_id.source),
                    external_id.value.clone(),
                )),
                _ => None,
            },
            watchers,
            history_chars: message.body.quoted_history().map_or(0, str::len),
        };
        let (ticket, ticket_id) = match decision {
            Decision::Ignore { reason } => {
                drop(c);
                return self.ignore(id, outcome, reason.kind()).await;
            }
            Decision::Open { watchers, .. } | Decision::OpenLinked { watchers, .. } => {
                let linked_to = match decision {
                    Decision::OpenLinked { linked_to, .. } => {
                        number_of(&mut c, &known, *linked_to).await?
                    }
                    _ => None,
                };
                let (requester, c) = self.sender(c, message, known.sender).await?;
                let (watchers, c) = self.people(c, watchers).await?;
                drop(c);
                let subject = match message.subject.trim() {
                    "" => "(no subject)".to_string(),
                    s => s.chars().take(MAX_SUBJECT).collect(),
                };
                let req = OpenTicket {
                    ticket: NewTicket {
                        subject,
                        description: text_of(message),
                        channel: Some(Channel::Email),
                        group: cfg.group_id.map(GroupId),
                        category: cfg.category_id.map(CategoryId),
                        ..NewTicket::default()
                    },
                    watchers: Vec::new(),
                };
                let opened = self
                    .open_ticket_with(&requester, req, Some(receipt(watchers, linked_to)))
                    .await?;
                (opened.ticket.number().to_string(), opened.ticket.id)
            }
            Decision::AppendTo {
                ticket,
                entry,
                new_watchers,
                ..
            } => {
                let number = number_of(&mut c, &known, *ticket)
                    .await?
                    .ok_or(AppError::NotFound("ticket"))?;
                let (author, c) = self.sender(c, message, known.sender).await?;
                let (watchers, c) = self.people(c, new_watchers).await?;
                drop(c);
                let kind = match entry {
                    EntryKind::Email => CommentKind::Public,
                    EntryKind::InternalNote => CommentKind::Internal,
                };
                let body = comment_text(message, None);
                self.comment_with(&author, &number, kind, &body, Some(receipt(watchers, None)))
                    .await?;
                (number, *ticket)
            }
            Decision::Duplicate { ticket, .. } => {
                let number = number_of(&mut c, &known, *ticket)
                    .await?
                    .ok_or(AppError::NotFound("ticket"))?;
                let (author, c) = self.sender(c, message, known.sender).await?;
                drop(c);
                let body = comment_text(message, Some(&message.subject));
                self.comment_with(
                    &author,
                    &number,
                    CommentKind::Internal,
                    &body,
                    Some(receipt(Vec::new(), None)),
                )
                .await?;
                (number, *ticket)
            }
        };
        Ok(Processed {
            inbound_id: id,
            state: "done",
            ticket: Some(ticket),
            ticket_id: Some(ticket_id.0),
            reason: reason.kind().to_string(),
        })
    }

    /// The sender as the caller of the change: the user the look-ups found, else created.
    async fn sender(
        &self,
        c: Conn,
        message: &InboundMessage<'_>,
        found: Option<UserRow>,
    ) -> Result<(Caller, Conn), AppError> {
        let address = &message.from.address;
        self.person(c, address, message.from.name.as_deref(), found)
            .await
    }

    /// The people behind addresses (Cc that become watchers).
    async fn people(
        &self,
        mut c: Conn,
        addresses: &[String],
    ) -> Result<(Vec<UserId>, Conn), AppError> {
        let mut out = Vec::with_capacity(addresses.len());
        for a in addresses {
            let found = directory::user_by_email(&mut c, a).await?;
            let (person, back) = self.person(c, a, None, found).await?;
            c = back;
            out.push(person.id());
        }
        Ok((out, c))
    }

    /// The user with this address (`found`, when already looked up), created as a requester
    /// when there is none. A disabled user's mail is refused (and so quarantined for an
    /// administrator to look at). The connection is given back while the user is written
    /// (the writer may need a connection of the same pool), and a live one returned.
    async fn person(
        &self,
        c: Conn,
        address: &str,
        name: Option<&str>,
        found: Option<UserRow>,
    ) -> Result<(Caller, Conn), AppError> {
        let (row, mut c) = match found {
            Some(u) => (u, c),
            None => {
                self.may_create_requester_from_mail().await?;
                let login = free_login(c, address).await?;
                let created = self
                    .create_user(
                        None,
                        CreateUser {
                            login,
                            display_name: name
                                .map(str::trim)
                                .filter(|n| !n.is_empty())
                                .unwrap_or(address)
                                .chars()
                                .take(200)
                                .collect(),
                            email: Some(address.to_string()),
                            kind: Some(UserKind::Requester),
                            roles: vec![("requester".into(), Scope::Own)],
                            ..CreateUser::default()
                        },
                    )
                    .await;
                let mut c = self.store.read().await?;
                match created {
                    Ok(u) => (u, c),
                    // Another message from the same new sender created them meanwhile.
                    Err(AppError::Conflict { .. }) => {
                        let u = directory::user_by_email(&mut c, address)
                            .await?
                            .ok_or(AppError::NotFound("user"))?;
                        (u, c)
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        // As `Caller::load`: a disabled user cannot act.
        if !row.active {
            return Err(AppError::Unauthenticated("this account is disabled".into()));
        }
        let caller = Caller::from_row(&mut c, row).await?;
        Ok((caller, c))
    }
}

/// A ticket's number: from the look-ups when threading looked at that ticket, else read.
async fn number_of(
    c: &mut Conn,
    known: &Known<'_>,
    id: TicketId,
) -> Result<Option<String>, AppError> {
    let l = known.lookups;
    let seen = [
        l.by_headers.as_ref().map(|h| &h.ticket),
        l.by_subject.as_ref(),
        l.by_external_id.as_ref(),
    ];
    if let Some(t) = seen.into_iter().flatten().find(|t| t.id == id) {
        return Ok(Some(t.number.to_string()));
    }
    Ok(ticket_store::get(c, id)
        .await?
        .map(|t| t.number().to_string()))
}

/// A login for a new person from mail: the address itself, or with a number when taken
/// (or when the address does not make a valid login). Takes the connection and lets it go:
/// the user is written next.
async fn free_login(mut c: Conn, address: &str) -> Result<String, AppError> {
    let base: String = address
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
        .take(58)
        .collect();
    let base = if base.chars().count() < 2 {
        "mail-user".to_string()
    } else {
        base
    };
    for n in 1..1000 {
        let login = if n == 1 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        if directory::user_by_login(&mut c, &login).await?.is_none() {
            return Ok(login);
        }
    }
    Err(AppError::Conflict {
        code: "login_taken",
        message: format!("no free login for {address}"),
    })
}

/// The text a new ticket describes: the new part of the message (quoted history is kept in
/// the raw message, which agents can download), cut to what a description holds.
fn text_of(message: &InboundMessage<'_>) -> String {
    let text = message.body.new_text().trim();
    cut(text, escalade_core::ticket::MAX_DESCRIPTION)
}

/// The text of a comment: never empty (a message may be all attachments), never longer than
/// a comment holds; `heading` first for repeated alerts.
fn comment_text(message: &InboundMessage<'_>, heading: Option<&str>) -> String {
    let text = message.body.new_text().trim();
    let text = match heading {
        Some(h) => format!("{h}\n\n{text}"),
        None => text.to_string(),
    };
    if text.trim().is_empty() {
        "(the message has no text; see its attachments)".to_string()
    } else {
        cut(&text, MAX_COMMENT)
    }
}

fn cut(text: &str, max: usize) -> String {
    const NOTE: &str = "\n\n[… cut here; the whole message can be downloaded]";
    if text.chars().count() <= max {
        return text.to_string();
    }
    let keep = max - NOTE.chars().count();
    let mut out: String = text.chars().take(keep).collect();
    out.push_str(NOTE);
    out
}

/// Attachments and inline images, with names made safe (unnamed parts get one).
fn files_of(message: &InboundMessage<'_>) -> Vec<MailFile> {
    message
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let media_type = crate::attachments::clean_media_type(&a.media_type);
            let fallback = format!(
                "{}-{}.{}",
                if a.inline { "image" } else { "attachment" },
                i + 1,
                media_type.rsplit('/').next().unwrap_or("bin")
            );
            let file_name = a
                .file_name
                .as_deref()
                .and_then(|n| crate::attachments::clean_file_name(n).ok())
                .unwrap_or(fallback);
            MailFile {
                file_name,
                media_type,
                content_id: a.content_id.clone(),
                inline: a.inline,
                bytes: a.bytes.to_vec(),
            }
        })
        .collect()
}
