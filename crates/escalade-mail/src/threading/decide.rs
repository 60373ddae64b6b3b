//! The threading decision. The order is the issue's: loops and automatic mail first, then our
//! own Message-IDs in In-Reply-To/References, then the ticket number in the subject (only for
//! the requester, a watcher or an agent), then another system's identifier, and otherwise a
//! new ticket. Every decision carries a `Reason` that agents see, with the evidence.
//!
//! Choices made here (documented in docs/MAIL.md):
//! - A reply to one of our own Message-IDs is appended whoever sends it: only recipients of
//!   our mail know that id. The reason says whether the sender takes part in the ticket, and
//!   only participants' Cc become watchers.
//! - A bounce, auto-reply or read receipt that belongs to a live ticket (by our Message-IDs,
//!   or by the subject number when it comes from a participant's address) is kept on that
//!   ticket as an internal note, never as a reply: it does not reopen, notify or answer.
//!   Any other automatic mail is ignored.
//! - Automatic mail that carries an external identifier (a monitoring alert) is not ignored
//!   when it is merely auto-generated or bulk: it is de-duplicated by that identifier.
//! - A follow-up to a closed or cancelled ticket opens a new ticket linked to it.

use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::ticket::Status;
use serde::{Deserialize, Serialize};

use super::tags::subject_number;
use crate::inbound::{Automatic, AutomaticKind, ExternalId, InboundMessage};

/// The desk's settings that threading depends on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadingConfig {
    /// This desk's id, written in the loop header of every mail it sends.
    pub desk_id: String,
    /// The subject tag before the number, e.g. `Escalade#`; empty for a bare `[INC-000123]`.
    pub tag: String,
    /// More Received headers than this means the message is going round in circles.
    pub max_received: usize,
    /// The desk's own mailbox addresses (lower-cased): never a requester, never a watcher.
    pub desk_addresses: Vec<String>,
}

impl ThreadingConfig {
    /// Real mail crosses a dozen hops at most; MTAs give up between 25 and 100.
    pub const DEFAULT_MAX_RECEIVED: usize = 40;

    pub fn new(desk_id: impl Into<String>) -> Self {
        Self {
            desk_id: desk_id.into(),
            tag: String::new(),
            max_received: Self::DEFAULT_MAX_RECEIVED,
            desk_addresses: Vec::new(),
        }
    }

    fn is_desk_address(&self, address: &str) -> bool {
        self.desk_addresses
            .iter()
            .any(|a| a.eq_ignore_ascii_case(address))
    }
}

/// What threading needs to know about a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts<'a> {
    /// The sender's lower-cased address.
    pub sender: &'a str,
    /// The Cc addresses, lower-cased.
    pub cc: Vec<&'a str>,
    pub automatic: Option<&'a Automatic>,
    pub loop_markers: &'a [String],
    pub received_count: usize,
    pub external_id: Option<&'a ExternalId>,
    /// The ticket number tagged in the subject.
    pub subject_number: Option<TicketNumber>,
}

impl<'a> Facts<'a> {
    pub fn of(message: &'a InboundMessage<'_>, config: &ThreadingConfig) -> Self {
        Self {
            sender: &message.from.address,
            cc: message.cc.iter().map(|m| m.address.as_str()).collect(),
            automatic: message.automatic.as_ref(),
            loop_markers: &message.loop_markers,
            received_count: message.received_count,
            external_id: message.external_id.as_ref(),
            subject_number: subject_number(&message.subject, &config.tag),
        }
    }
}

/// A ticket the caller found in the store, with the people who take part in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTicket {
    pub id: TicketId,
    pub number: TicketNumber,
    pub status: Status,
    /// The requester's address, lower-cased.
    pub requester: String,
    /// Watchers' addresses, lower-cased.
    pub watchers: Vec<String>,
    /// Addresses of the agents working on it (assignee, group members), lower-cased.
    pub agents: Vec<String>,
}

impl KnownTicket {
    fn role_of(&self, address: &str, sender_is_agent: bool) -> Option<Role> {
        if self.requester.eq_ignore_ascii_case(address) {
            Some(Role::Requester)
        } else if self
            .watchers
            .iter()
            .any(|w| w.eq_ignore_ascii_case(address))
        {
            Some(Role::Watcher)
        } else if sender_is_agent || self.agents.iter().any(|a| a.eq_ignore_ascii_case(address)) {
            Some(Role::Agent)
        } else {
            None
        }
    }
}

/// The ticket found through one of our own Message-IDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeaderMatch {
    /// Our Message-ID that the message refers to.
    pub message_id: String,
    pub ticket: KnownTicket,
}

/// What the caller found in the store for this message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lookups {
    /// The ticket of the first of `InboundMessage::thread_ids()` that is one of ours.
    pub by_headers: Option<HeaderMatch>,
    /// The ticket whose number is tagged in the subject.
    pub by_subject: Option<KnownTicket>,
    /// The latest ticket opened for the same `ExternalId::key()`.
    pub by_external_id: Option<KnownTicket>,
    /// The sender is an agent of the desk (whatever ticket this is).
    pub sender_is_agent: bool,
}

/// How the sender takes part in the ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Requester,
    Watcher,
    Agent,
}

/// How an appended message is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// An e-mail-in journal entry, as the sender wrote it.
    Email,
    /// An internal note for agents (automatic mail): no reopening, no notification.
    InternalNote,
}

/// How a ticket was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FoundBy {
    Headers,
    Subject,
    ExternalId,
}

/// Evidence that a message is going round in circles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LoopSignal {
    /// It carries our own loop header: we sent it.
    OwnMarker { desk_id: String },
    /// It crossed more mail servers than any real message does.
    TooManyHops { received: usize, limit: usize },
    /// It comes from one of the desk's own addresses.
    FromDeskAddress { address: String },
}

/// Why a decision was made, shown to agents (the kind names the message, the fields fill it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// A mail loop was broken.
    MailLoop { signal: LoopSignal },
    /// Automatic mail opens no ticket and gets no answer.
    AutomaticMail { automatic: Automatic },
    /// Automatic mail about a live ticket, kept on it as a note.
    AutomaticOnThread {
        automatic: Automatic,
        number: String,
        found_by: FoundBy,
    },
    /// It answers one of our mails about this ticket.
    RepliedToDeskMessage {
        number: String,
        message_id: String,
        /// `None`: the sender does not take part in the ticket (a forwarded notification).
        sender_role: Option<Role>,
    },
    /// The subject names this ticket and the sender takes part in it.
    SubjectNumber { number: String, sender_role: Role },
    /// The subject names a ticket the sender does not take part in.
    SubjectNumberFromStranger { number: String, sender: String },
    /// The ticket it continues is closed or cancelled.
    FollowUpToFinalTicket {
        number: String,
        status: Status,
        found_by: FoundBy,
    },
    /// The subject names a ticket number that does not exist.
    SubjectNumberNotFound { number: String },
    /// Another system's identifier matches a live ticket.
    SameExternalId {
        number: String,
        external_id: ExternalId,
    },
    /// A recovery notice for a problem the desk has no ticket for.
    RecoveryWithoutTicket { external_id: ExternalId },
    /// The first mail about another system's identifier.
    NewExternalId { external_id: ExternalId },
    /// Nothing links it to a ticket.
    NewConversation,
}

impl Reason {
    /// The stable name of the reason, for storage and message keys.
    pub fn kind(&self) -> &'static str {
        match self {
            Reason::MailLoop { .. } => "mail_loop",
            Reason::AutomaticMail { .. } => "automatic_mail",
            Reason::AutomaticOnThread { .. } => "automatic_on_thread",
            Reason::RepliedToDeskMessage { .. } => "replied_to_desk_message",
            Reason::SubjectNumber { .. } => "subject_number",
            Reason::SubjectNumberFromStranger { .. } => "subject_number_from_stranger",
            Reason::FollowUpToFinalTicket { .. } => "follow_up_to_final_ticket",
            Reason::SubjectNumberNotFound { .. } => "subject_number_not_found",
            Reason::SameExternalId { .. } => "same_external_id",
            Reason::RecoveryWithoutTicket { .. } => "recovery_without_ticket",
            Reason::NewExternalId { .. } => "new_external_id",
            Reason::NewConversation => "new_conversation",
        }
    }
}

/// What to do with an inbound message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum Decision {
    /// Add the message to this ticket.
    AppendTo {
        ticket: TicketId,
        reason: Reason,
        entry: EntryKind,
        /// The requester answered a resolved ticket: move it back to in progress.
        reopen: bool,
        /// Cc addresses to add as watchers (not yet taking part).
        new_watchers: Vec<String>,
    },
    /// Open a new ticket and link it to this one.
    OpenLinked {
        linked_to: TicketId,
        reason: Reason,
        /// Cc addresses to add as watchers of the new ticket.
        watchers: Vec<String>,
        /// Whether the desk may send the sender its "ticket received" mail.
        acknowledge: bool,
    },
    /// Open a new ticket.
    Open {
        reason: Reason,
        watchers: Vec<String>,
        acknowledge: bool,
    },
    /// Another system repeated an alert the desk already has a ticket for: record the
    /// occurrence on that ticket, open nothing.
    Duplicate { ticket: TicketId, reason: Reason },
    /// Store nothing on any ticket (the raw message is still kept by the caller).
    Ignore { reason: Reason },
}

impl Decision {
    pub fn reason(&self) -> &Reason {
        match self {
            Decision::AppendTo { reason, .. }
            | Decision::OpenLinked { reason, .. }
            | Decision::Open { reason, .. }
            | Decision::Duplicate { reason, .. }
            | Decision::Ignore { reason } => reason,
        }
    }
}

/// Decides what an inbound message does, from its facts and what the store holds.
pub fn decide(facts: &Facts<'_>, found: &Lookups, config: &ThreadingConfig) -> Decision {
    if let Some(signal) = loop_signal(facts, config) {
        return Decision::Ignore {
            reason: Reason::MailLoop { signal },
        };
    }
    if let Some(automatic) = facts.automatic {
        let alert = facts.external_id.is_some()
            && matches!(
                automatic.kind,
                AutomaticKind::AutoGenerated | AutomaticKind::Bulk
            );
        if !alert {
            return automatic_mail(automatic, facts, found);
        }
    }
    if let Some(by_headers) = &found.by_headers {
        let ticket = &by_headers.ticket;
        if ticket.status.is_final() {
            return follow_up_to_final(ticket, FoundBy::Headers, facts, config);
        }
        let role = ticket.role_of(facts.sender, found.sender_is_agent);
        return append(
            ticket,
            role,
            Reason::RepliedToDeskMessage {
                number: ticket.number.to_string(),
                message_id: by_headers.message_id.clone(),
                sender_role: role,
            },
            facts,
            config,
        );
    }
    if let (Some(_), Some(ticket)) = (facts.subject_number, &found.by_subject) {
        let number = ticket.number.to_string();
        return match ticket.role_of(facts.sender, found.sender_is_agent) {
            None => Decision::OpenLinked {
                linked_to: ticket.id,
                reason: Reason::SubjectNumberFromStranger {
                    number,
                    sender: facts.sender.to_string(),
                },
                watchers: watchers(facts, config, None),
                acknowledge: facts.automatic.is_none(),
            },
            Some(_) if ticket.status.is_final() => {
                follow_up_to_final(ticket, FoundBy::Subject, facts, config)
            }
            Some(role) => append(
                ticket,
                Some(role),
                Reason::SubjectNumber {
                    number,
                    sender_role: role,
                },
                facts,
                config,
            ),
        };
    }
    if let Some(external_id) = facts.external_id {
        if let Some(ticket) = &found.by_external_id {
            if ticket.status.is_final() {
                return follow_up_to_final(ticket, FoundBy::ExternalId, facts, config);
            }
            return Decision::Duplicate {
                ticket: ticket.id,
                reason: Reason::SameExternalId {
                    number: ticket.number.to_string(),
                    external_id: external_id.clone(),
                },
            };
        }
        if external_id.recovery {
            return Decision::Ignore {
                reason: Reason::RecoveryWithoutTicket {
                    external_id: external_id.clone(),
                },
            };
        }
        return open(
            Reason::NewExternalId {
                external_id: external_id.clone(),
            },
            facts,
            config,
        );
    }
    let reason = match facts.subject_number {
        Some(number) => Reason::SubjectNumberNotFound {
            number: number.to_string(),
        },
        None => Reason::NewConversation,
    };
    open(reason, facts, config)
}

fn loop_signal(facts: &Facts<'_>, config: &ThreadingConfig) -> Option<LoopSignal> {
    if facts.loop_markers.contains(&config.desk_id) {
        return Some(LoopSignal::OwnMarker {
            desk_id: config.desk_id.clone(),
        });
    }
    if facts.received_count > config.max_received {
        return Some(LoopSignal::TooManyHops {
            received: facts.received_count,
            limit: config.max_received,
        });
    }
    config
        .is_desk_address(facts.sender)
        .then(|| LoopSignal::FromDeskAddress {
            address: facts.sender.to_string(),
        })
}

/// Bounces, auto-replies and read receipts about a live ticket become notes on it; all other
/// automatic mail, and those about nothing we know, are ignored.
fn automatic_mail(automatic: &Automatic, facts: &Facts<'_>, found: &Lookups) -> Decision {
    let about_a_ticket = matches!(
        automatic.kind,
        AutomaticKind::Bounce | AutomaticKind::AutoReply | AutomaticKind::ReadReceipt
    );
    let thread = found
        .by_headers
        .as_ref()
        .map(|m| (&m.ticket, FoundBy::Headers))
        .or_else(|| {
            let ticket = found.by_subject.as_ref().filter(|t| {
                facts.subject_number.is_some()
                    && t.role_of(facts.sender, found.sender_is_agent).is_some()
            })?;
            Some((ticket, FoundBy::Subject))
        });
    match thread {
        Some((ticket, found_by)) if about_a_ticket && !ticket.status.is_final() => {
            Decision::AppendTo {
                ticket: ticket.id,
                reason: Reason::AutomaticOnThread {
                    automatic: automatic.clone(),
                    number: ticket.number.to_string(),
                    found_by,
                },
                entry: EntryKind::InternalNote,
                reopen: false,
                new_watchers: Vec::new(),
            }
        }
        _ => Decision::Ignore {
            reason: Reason::AutomaticMail {
                automatic: automatic.clone(),
            },
        },
    }
}

fn append(
    ticket: &KnownTicket,
    role: Option<Role>,
    reason: Reason,
    facts: &Facts<'_>,
    config: &ThreadingConfig,
) -> Decision {
    Decision::AppendTo {
        ticket: ticket.id,
        reason,
        entry: EntryKind::Email,
        reopen: role == Some(Role::Requester) && ticket.status == Status::Resolved,
        new_watchers: if role.is_some() {
            watchers(facts, config, Some(ticket))
        } else {
            Vec::new()
        },
    }
}

fn follow_up_to_final(
    ticket: &KnownTicket,
    found_by: FoundBy,
    facts: &Facts<'_>,
    config: &ThreadingConfig,
) -> Decision {
    Decision::OpenLinked {
        linked_to: ticket.id,
        reason: Reason::FollowUpToFinalTicket {
            number: ticket.number.to_string(),
            status: ticket.status,
            found_by,
        },
        watchers: watchers(facts, config, None),
        acknowledge: facts.automatic.is_none(),
    }
}

fn open(reason: Reason, facts: &Facts<'_>, config: &ThreadingConfig) -> Decision {
    Decision::Open {
        reason,
        watchers: watchers(facts, config, None),
        acknowledge: facts.automatic.is_none(),
    }
}

/// Cc addresses that become watchers: not the sender, not the desk, not already taking part.
fn watchers(
    facts: &Facts<'_>,
    config: &ThreadingConfig,
    ticket: Option<&KnownTicket>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &address in &facts.cc {
        let taken = address.eq_ignore_ascii_case(facts.sender)
            || config.is_desk_address(address)
            || ticket.is_some_and(|t| t.role_of(address, false).is_some())
            || out.iter().any(|o| o.eq_ignore_ascii_case(address));
        if !taken {
            out.push(address.to_ascii_lowercase());
        }
    }
    out
}
