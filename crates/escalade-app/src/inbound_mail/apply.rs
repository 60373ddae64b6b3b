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
use escalade_store::mail_inbound::Outcome;
use escalade_store::{directory, tickets as ticket_store};

use super::{InboundSettings, MailFile, MailReceipt, Processed};
use crate::App;
use crate::caller::Caller;
use crate::directory::CreateUser;
use crate::error::AppError;
use crate::tickets::OpenTicket;

impl App {
    /// Carries out `decision` for the stored message `id`.
    pub(super) async fn apply_decision(
        &self,
        id: i64,
        message: &InboundMessage<'_>,
        decision: &Decision,
        outcome: Outcome,
        cfg: &InboundSettings,
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
                return self.ignore(id, outcome, reason.kind()).await;
            }
            Decision::Open { watchers, .. } | Decision::OpenLinked { watchers, .. } => {
                let linked_to = match decision {
                    Decision::OpenLinked { linked_to, .. } => self.number_of(*linked_to).await?,
                    _ => None,
                };
                let requester = self
                    .person(&message.from.address, message.from.name.as_deref())
                    .await?;
                let watchers = self.people(watchers).await?;
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
                let author = self
                    .person(&message.from.address, message.from.name.as_deref())
                    .await?;
                let watchers = self.people(new_watchers).await?;
                let kind = match entry {
                    EntryKind::Email => CommentKind::Public,
                    EntryKind::InternalNote => CommentKind::Internal,
                };
                let number = self
                    .number_of(*ticket)
                    .await?
                    .ok_or(AppError::NotFound("ticket"))?;
                let body = comment_text(message, None);
                self.comment_with(&author, &number, kind, &body, Some(receipt(watchers, None)))
                    .await?;
                (number, *ticket)
            }
            Decision::Duplicate { ticket, .. } => {
                let author = self
                    .person(&message.from.address, message.from.name.as_deref())
                    .await?;
                let number = self
                    .number_of(*ticket)
                    .await?
                    .ok_or(AppError::NotFound("ticket"))?;
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

    async fn number_of(&self, id: TicketId) -> Result<Option<String>, AppError> {
        let mut c = self.store.read().await?;
        Ok(ticket_store::get(&mut c, id)
            .await?
            .map(|t| t.number().to_string()))
    }

    /// The people behind addresses (Cc that become watchers).
    async fn people(&self, addresses: &[String]) -> Result<Vec<UserId>, AppError> {
        let mut out = Vec::with_capacity(addresses.len());
        for a in addresses {
            out.push(self.person(a, None).await?.id());
        }
        Ok(out)
    }

    /// The user with this address, created as a requester when there is none. A disabled
    /// user's mail is refused (and so quarantined for an administrator to look at).
    async fn person(&self, address: &str, name: Option<&str>) -> Result<Caller, AppError> {
        let existing = {
            let mut c = self.store.read().await?;
            directory::user_by_email(&mut c, address).await?
        };
        let row = match existing {
            Some(u) => u,
            None => {
                self.may_create_requester_from_mail().await?;
                let login = self.free_login(address).await?;
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
                match created {
                    Ok(u) => u,
                    // Another message from the same new sender created them meanwhile.
                    Err(AppError::Conflict { .. }) => {
                        let mut c = self.store.read().await?;
                        directory::user_by_email(&mut c, address)
                            .await?
                            .ok_or(AppError::NotFound("user"))?
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        let mut c = self.store.read().await?;
        Caller::load(&mut c, UserId(row.id)).await
    }

    /// A login for a new person from mail: the address itself, or with a number when taken
    /// (or when the address does not make a valid login).
    async fn free_login(&self, address: &str) -> Result<String, AppError> {
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
        let mut c = self.store.read().await?;
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
