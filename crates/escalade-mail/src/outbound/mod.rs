//! Composing the desk's outbound messages: a notification for one recipient, in their
//! language, as the RFC 5322 bytes that go into the outbox and later to SMTP unchanged.
//!
//! What a message says per event lives in `letter` (Fluent text from `locales/<lang>/mail.ftl`);
//! how it is laid out as plain text and HTML in `render`; the headers that make replies
//! thread and keep auto-responders quiet in `message`. Nothing here reads a clock, a random
//! source or a database: the caller passes the Message-ID's unique part, the time and the
//! ticket's thread, so that composing is repeatable and tested without a server.

mod letter;
mod message;
mod render;
mod words;

#[cfg(test)]
mod tests;

use chrono::{DateTime, Utc};
use escalade_core::people::Language;
use escalade_core::ticket::Status;

pub use message::{LOOP_HEADER, message_id, tag_subject};
pub use words::{KEYS, translate};

/// Who the desk is, as its mail shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desk {
    /// The name shown as the sender and in signatures ("IT Service Desk").
    pub name: String,
    /// The sender's address (`From:`), where replies come back.
    pub address: String,
    /// The domain of our Message-IDs.
    pub domain: String,
    /// This desk's id in the loop marker header ([`LOOP_HEADER`]).
    pub desk_id: String,
    /// The web address of the desk (`https://help.example.com`), for links; empty for none.
    pub portal_url: String,
    /// What comes before the number in the subject tag (`[INC-000123]` when empty,
    /// `[Escalade#INC-000123]` with `Escalade#`).
    pub subject_tag: String,
}

/// Whether a recipient reads the ticket as its requester (or a watcher) or as an agent:
/// it decides which page the links open and how replies are explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The requester or a watcher: links to the portal.
    Requester,
    /// A member of a support group: links to the agent's ticket page.
    Agent,
}

/// One recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Display name.
    pub name: String,
    /// Address.
    pub address: String,
    /// The language they read.
    pub language: Language,
    /// How they see the ticket.
    pub audience: Audience,
}

/// The ticket a message is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketRef {
    /// Its number (`INC-000123`).
    pub number: String,
    /// Its subject.
    pub title: String,
}

/// The ticket's mail thread so far: Message-IDs (with angle brackets) of its first message
/// and of the last one we sent or received. Both empty for a ticket without mail yet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thread {
    /// The first message of the ticket's thread.
    pub first: Option<String>,
    /// The last message sent or received on the ticket.
    pub last: Option<String>,
}

/// What happened, as far as a notification needs to say it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The ticket was opened: the requester learns its number.
    Received,
    /// Someone wrote a public reply.
    PublicReply {
        /// Who wrote it.
        author: String,
        /// What they wrote.
        body: String,
    },
    /// The status moved (other than to resolved or closed, which have mails of their own).
    StatusChanged {
        /// Before.
        from: Status,
        /// After.
        to: Status,
    },
    /// The ticket was resolved: the requester is asked to confirm or reopen.
    Resolved,
    /// The ticket was closed.
    Closed,
    /// The ticket was escalated: the receiving group's notice.
    Escalated {
        /// The receiving group's name, if any.
        group: Option<String>,
        /// The receiving level.
        level: u8,
        /// The hand-over summary.
        summary: String,
    },
    /// An automatic reply of the rules engine (`rule_replies`).
    AutoReply {
        /// The rule's template key (`pending_reminder` has a wording of its own).
        template: String,
        /// The rule's text.
        text: String,
    },
}

impl Event {
    /// A stable name for the outbox and the admin's list.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::Received => "received",
            Event::PublicReply { .. } => "public_reply",
            Event::StatusChanged { .. } => "status_changed",
            Event::Resolved => "resolved",
            Event::Closed => "closed",
            Event::Escalated { .. } => "escalated",
            Event::AutoReply { .. } => "auto_reply",
        }
    }

    /// The `Auto-Submitted` value (RFC 3834): an acknowledgement or a rule's answer replies
    /// to the requester's message automatically; notices of changes are generated; a person's
    /// reply is not automatic and carries none.
    pub fn auto_submitted(&self) -> Option<&'static str> {
        match self {
            Event::PublicReply { .. } => None,
            Event::Received | Event::AutoReply { .. } => Some("auto-replied"),
            _ => Some("auto-generated"),
        }
    }
}

/// A composed message, ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    /// Its Message-ID, with angle brackets.
    pub message_id: String,
    /// The recipient's address (the SMTP envelope's only recipient).
    pub to: String,
    /// The subject as sent (with the ticket's tag).
    pub subject: String,
    /// The whole message, RFC 5322.
    pub bytes: Vec<u8>,
}

/// Why a message could not be composed.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ComposeError {
    /// An address that is not one.
    #[error("'{address}' is not a valid e-mail address for the {field}")]
    Address {
        /// `from` or `to`.
        field: &'static str,
        /// What was given.
        address: String,
    },
    /// The mail library refused the message.
    #[error("the message could not be built: {0}")]
    Build(String),
}

/// Composes the notification of `event` on `ticket` for one recipient, in their language,
/// threaded under `thread`, with the Message-ID `message_id` (see [`message_id`]).
pub fn compose(
    desk: &Desk,
    ticket: &TicketRef,
    event: &Event,
    to: &Recipient,
    thread: &Thread,
    message_id: &str,
    now: DateTime<Utc>,
) -> Result<Outgoing, ComposeError> {
    let letter = letter::write(desk, ticket, event, to);
    let subject = tag_subject(&letter.subject, &ticket.number, &desk.subject_tag);
    message::assemble(
        desk,
        &message::Parts {
            to,
            subject: &subject,
            letter: &letter,
            thread,
            message_id,
            auto_submitted: event.auto_submitted(),
            now,
        },
    )
}

/// A test message for checking the SMTP settings: no ticket, no thread.
pub fn test_message(
    desk: &Desk,
    to: &Recipient,
    message_id: &str,
    now: DateTime<Utc>,
) -> Result<Outgoing, ComposeError> {
    let letter = letter::test(desk, to);
    message::assemble(
        desk,
        &message::Parts {
            to,
            subject: &letter.subject.clone(),
            letter: &letter,
            thread: &Thread::default(),
            message_id,
            auto_submitted: Some("auto-generated"),
            now,
        },
    )
}
