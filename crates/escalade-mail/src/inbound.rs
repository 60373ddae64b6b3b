//! Reading one inbound RFC 5322 message into what the desk needs: who wrote it and to whom,
//! the thread identifiers, the decoded subject, the text body split into the new part and the
//! folded quoted history, the sanitised HTML body, attachments and inline images, and the
//! signals that decide what may happen with it (automatic mail, our own loop marker, an
//! external system's identifier).
//!
//! `read` parses once with mail-parser and moves the decoded parts out of its result, so an
//! attachment that needed no transfer decoding still points into the caller's raw bytes. It
//! never panics; a message it cannot use is `Unreadable` with the reason, and the caller keeps
//! the raw bytes in quarantine. Storage, size limits and rate limits belong to the caller.

mod automatic;
mod external;
mod html;
mod parts;
mod people;
mod quoting;
mod reported;

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use mail_parser::MessageParser;
use serde::{Deserialize, Serialize};

pub use automatic::{Automatic, AutomaticKind};
pub use external::ExternalId;
pub use html::sanitise_html;
pub use people::Mailbox;
pub use quoting::history_start;

/// The header the desk writes on every message it sends, with the desk's id as its value.
/// A message that arrives carrying our own id has been sent by us and has come back.
pub const LOOP_HEADER: &str = "X-Escalade-Loop";

/// At most this many References are kept (the most recent ones): a thread's ticket is found
/// through its latest messages, and an endless header must not become endless look-ups.
pub const MAX_REFERENCES: usize = 100;

/// One inbound message as the desk reads it. Borrows from the raw bytes where no decoding was
/// needed; [`InboundMessage::into_owned`] detaches it.
#[derive(Debug, Clone)]
pub struct InboundMessage<'raw> {
    /// Message-ID without angle brackets.
    pub message_id: Option<String>,
    /// In-Reply-To ids without angle brackets.
    pub in_reply_to: Vec<String>,
    /// References ids without angle brackets, oldest first (at most [`MAX_REFERENCES`]).
    pub references: Vec<String>,
    /// The author (From, or Sender when From has no address); the address is lower-cased.
    pub from: Mailbox,
    pub reply_to: Vec<Mailbox>,
    pub to: Vec<Mailbox>,
    pub cc: Vec<Mailbox>,
    /// The Date header in UTC, when it is a valid date.
    pub date: Option<DateTime<Utc>>,
    /// The subject with RFC 2047 words decoded; empty when absent.
    pub subject: String,
    /// The text body with its quoted history located.
    pub body: TextBody<'raw>,
    /// The HTML body, sanitised (no scripts, handlers, remote images); `None` for text mail.
    pub html: Option<String>,
    /// Attachments and inline images, including those of forwarded messages.
    pub attachments: Vec<Attachment<'raw>>,
    /// Messages forwarded as attachments (message/rfc822), with their text.
    pub forwarded: Vec<Forwarded>,
    /// Size of the raw message in bytes.
    pub raw_size: usize,
    /// Why this is automatic mail (auto-reply, bounce, list...), if it is.
    pub automatic: Option<Automatic>,
    /// Values of every [`LOOP_HEADER`] (desk ids that already sent this message).
    pub loop_markers: Vec<String>,
    /// How many Received headers the message carries (hops travelled).
    pub received_count: usize,
    /// The identifier another ticketing or monitoring system gave this message's subject.
    pub external_id: Option<ExternalId>,
    /// For a bounce or read receipt: the Message-ID of the message it reports on (often one
    /// of ours), taken from the returned message or its headers.
    pub reported_message_id: Option<String>,
}

/// The text of a message and where its quoted history starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextBody<'raw> {
    /// The whole text as received (converted from HTML when the message had no text part).
    pub text: Cow<'raw, str>,
    /// Byte offset in `text` where the quoted history begins.
    pub history_at: Option<usize>,
    /// Whether `text` was converted from the HTML body.
    pub from_html: bool,
}

impl TextBody<'_> {
    /// What the sender wrote this time: the text before the quoted history.
    pub fn new_text(&self) -> &str {
        let end = self.history_at.unwrap_or(self.text.len());
        self.text[..end].trim_end()
    }

    /// The quoted history (earlier messages), kept for the agent to unfold.
    pub fn quoted_history(&self) -> Option<&str> {
        self.history_at.map(|at| &self.text[at..])
    }

    fn into_owned(self) -> TextBody<'static> {
        TextBody {
            text: Cow::Owned(self.text.into_owned()),
            history_at: self.history_at,
            from_html: self.from_html,
        }
    }
}

/// A file carried by the message: an attachment or an inline image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment<'raw> {
    /// The file name the sender gave, decoded (RFC 2047/2231); `None` when none was given.
    pub file_name: Option<String>,
    /// Lower-cased media type, e.g. `image/png`.
    pub media_type: String,
    /// Content-ID without angle brackets: what `cid:` links in the HTML body point at.
    pub content_id: Option<String>,
    /// Shown inside the body rather than listed as a file.
    pub inline: bool,
    /// Came from a forwarded message (message/rfc822) rather than the message itself.
    pub forwarded: bool,
    /// The decoded content.
    pub bytes: Cow<'raw, [u8]>,
}

/// A message forwarded as an attachment: who wrote it, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Forwarded {
    pub from: Option<Mailbox>,
    pub subject: String,
    pub date: Option<DateTime<Utc>>,
    pub message_id: Option<String>,
    pub text: String,
}

/// Why a message cannot be read; the caller keeps the raw message in quarantine.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unreadable {
    #[error("the message is empty")]
    Empty,
    #[error("no RFC 5322 header block was found")]
    NoHeaders,
    #[error("no sender address in From or Sender")]
    NoSender,
}

impl Unreadable {
    /// A stable code for storage, logs and translations.
    pub fn code(&self) -> &'static str {
        match self {
            Unreadable::Empty => "empty",
            Unreadable::NoHeaders => "no_headers",
            Unreadable::NoSender => "no_sender",
        }
    }
}

/// Reads one raw RFC 5322 message.
pub fn read(raw: &[u8]) -> Result<InboundMessage<'_>, Unreadable> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(Unreadable::Empty);
    }
    let mut message = MessageParser::default()
        .parse(raw)
        .ok_or(Unreadable::NoHeaders)?;
    if message.parts.is_empty() || message.parts[0].headers.is_empty() {
        return Err(Unreadable::NoHeaders);
    }
    let from = people::first(message.from())
        .or_else(|| people::first(message.sender()))
        .ok_or(Unreadable::NoSender)?;
    let subject = message.subject().unwrap_or_default().trim().to_string();
    let mut references = people::ids(message.references());
    if references.len() > MAX_REFERENCES {
        references.drain(..references.len() - MAX_REFERENCES);
    }
    let head = Head {
        message_id: message.message_id().and_then(people::normalise_id),
        in_reply_to: people::ids(message.in_reply_to()),
        references,
        reply_to: people::all(message.reply_to()),
        to: people::all(message.to()),
        cc: people::all(message.cc()),
        date: message.date().and_then(people::utc),
        automatic: automatic::detect(&message, &from.address, &subject),
        loop_markers: header_texts(&message, LOOP_HEADER),
        received_count: message
            .headers()
            .iter()
            .filter(|h| h.name().eq_ignore_ascii_case("Received"))
            .count(),
        external_from_headers: external::from_headers(&message),
    };
    let content = parts::take(&mut message);
    let external_id = head
        .external_from_headers
        .or_else(|| external::from_subject(&subject))
        .or_else(|| external::from_body(&content.body.text))
        .map(|found| found.with_sender(&from.address, &subject));
    let reported_message_id = match &head.automatic {
        Some(a) if matches!(a.kind, AutomaticKind::Bounce | AutomaticKind::ReadReceipt) => {
            reported::message_id(&content.forwarded, &content.attachments)
        }
        _ => None,
    };
    Ok(InboundMessage {
        message_id: head.message_id,
        in_reply_to: head.in_reply_to,
        references: head.references,
        from,
        reply_to: head.reply_to,
        to: head.to,
        cc: head.cc,
        date: head.date,
        subject,
        body: content.body,
        html: content.html,
        attachments: content.attachments,
        forwarded: content.forwarded,
        raw_size: raw.len(),
        automatic: head.automatic,
        loop_markers: head.loop_markers,
        received_count: head.received_count,
        external_id,
        reported_message_id,
    })
}

/// What is read from the top-level header block before the parts are taken apart.
struct Head {
    message_id: Option<String>,
    in_reply_to: Vec<String>,
    references: Vec<String>,
    reply_to: Vec<Mailbox>,
    to: Vec<Mailbox>,
    cc: Vec<Mailbox>,
    date: Option<DateTime<Utc>>,
    automatic: Option<Automatic>,
    loop_markers: Vec<String>,
    received_count: usize,
    external_from_headers: Option<external::Found>,
}

/// Every value of a header that mail-parser keeps as raw text (the non-IANA `X-` headers).
fn header_texts(message: &mail_parser::Message<'_>, name: &str) -> Vec<String> {
    message
        .headers()
        .iter()
        .filter(|h| h.name().eq_ignore_ascii_case(name))
        .filter_map(|h| h.value().as_text())
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

impl<'raw> InboundMessage<'raw> {
    /// The ids to look up among the desk's own sent Message-IDs, most telling first:
    /// the message a bounce reports on, In-Reply-To, then References from the most recent back.
    pub fn thread_ids(&self) -> impl Iterator<Item = &str> {
        let mut seen: Vec<&str> = Vec::new();
        self.reported_message_id
            .iter()
            .chain(self.in_reply_to.iter())
            .chain(self.references.iter().rev())
            .filter_map(move |id| {
                if seen.contains(&id.as_str()) {
                    None
                } else {
                    seen.push(id);
                    Some(id.as_str())
                }
            })
    }

    /// Whether the message carries the given desk's loop marker.
    pub fn carries_loop_marker(&self, desk_id: &str) -> bool {
        self.loop_markers.iter().any(|m| m == desk_id)
    }

    /// Detaches the message from the raw bytes.
    pub fn into_owned(self) -> InboundMessage<'static> {
        InboundMessage {
            message_id: self.message_id,
            in_reply_to: self.in_reply_to,
            references: self.references,
            from: self.from,
            reply_to: self.reply_to,
            to: self.to,
            cc: self.cc,
            date: self.date,
            subject: self.subject,
            body: self.body.into_owned(),
            html: self.html,
            attachments: self
                .attachments
                .into_iter()
                .map(|a| Attachment {
                    bytes: Cow::Owned(a.bytes.into_owned()),
                    file_name: a.file_name,
                    media_type: a.media_type,
                    content_id: a.content_id,
                    inline: a.inline,
                    forwarded: a.forwarded,
                })
                .collect(),
            forwarded: self.forwarded,
            raw_size: self.raw_size,
            automatic: self.automatic,
            loop_markers: self.loop_markers,
            received_count: self.received_count,
            external_id: self.external_id,
            reported_message_id: self.reported_message_id,
        }
    }
}
