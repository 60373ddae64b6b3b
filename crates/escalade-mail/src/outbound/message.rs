//! The headers and MIME structure of an outbound message, assembled with lettre's builder:
//! a fresh Message-ID on the desk's domain, In-Reply-To and References that chain it to the
//! ticket's thread, the ticket's tag in the subject, `Auto-Submitted` (RFC 3834) so that
//! auto-responders stay quiet, our loop marker, and multipart/alternative text + HTML.

use std::time::SystemTime;

use chrono::{DateTime, Utc};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::{Address, Message};

use super::letter::Letter;
use super::{ComposeError, Desk, Outgoing, Recipient, Thread, render};

/// The header that marks mail this desk sent, with the desk's id as its value; inbound mail
/// carrying it with our id is our own coming back, and is not turned into a ticket.
pub const LOOP_HEADER: &str = "X-Escalade-Loop";

/// What `assemble` needs besides the desk.
pub(super) struct Parts<'a> {
    pub to: &'a Recipient,
    pub subject: &'a str,
    pub letter: &'a Letter,
    pub thread: &'a Thread,
    pub message_id: &'a str,
    pub auto_submitted: Option<&'static str>,
    pub now: DateTime<Utc>,
}

/// A Message-ID (with angle brackets) from a unique token and the desk's domain; characters
/// that a Message-ID cannot hold are left out of both.
pub fn message_id(unique: &str, domain: &str) -> String {
    let keep = |c: &char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+');
    let unique: String = unique.chars().filter(keep).collect();
    let domain: String = domain
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(keep)
        .collect();
    let domain = if domain.is_empty() {
        "localhost".to_string()
    } else {
        domain
    };
    format!("<{unique}@{domain}>")
}

/// The subject with the ticket's tag, `[<tag><number>]` (`[INC-000123]`, or
/// `[Escalade#INC-000123]` with the tag `Escalade#`), after any `Re:`/`Fwd:` prefixes. A subject
/// that carries the tag already is left as it is, so that reply chains do not stack tags.
/// The rule is the inbound side's (`threading::tag_subject`), which reads the tag back.
pub fn tag_subject(subject: &str, number: &str, tag: &str) -> String {
    match number.parse() {
        Ok(n) => crate::threading::tag_subject(subject, n, tag),
        // Not one of our numbers: tagged as given, in front.
        Err(_) => format!("[{}{number}] {}", tag.trim(), subject.trim()),
    }
}

fn address(field: &'static str, a: &str) -> Result<Address, ComposeError> {
    a.trim()
        .parse::<Address>()
        .map_err(|_| ComposeError::Address {
            field,
            address: a.to_string(),
        })
}

fn raw(name: &'static str, value: &str) -> HeaderValue {
    HeaderValue::new(HeaderName::new_from_ascii_str(name), value.to_string())
}

/// Builds the message.
pub(super) fn assemble(desk: &Desk, p: &Parts<'_>) -> Result<Outgoing, ComposeError> {
    let from = Mailbox::new(
        Some(desk.name.clone()).filter(|n| !n.trim().is_empty()),
        address("from", &desk.address)?,
    );
    let to = Mailbox::new(
        Some(p.to.name.clone()).filter(|n| !n.trim().is_empty()),
        address("to", &p.to.address)?,
    );
    let mut b = Message::builder()
        .from(from)
        .to(to)
        .subject(p.subject)
        .date(SystemTime::from(p.now))
        .message_id(Some(p.message_id.to_string()))
        .raw_header(raw("Content-Language", p.letter.lang))
        .raw_header(raw(LOOP_HEADER, &desk.desk_id));
    // In-Reply-To names the message answered (the last of the thread); References keeps the
    // thread's root too, so that a client that lost the middle still threads under it.
    let parent = p.thread.last.as_ref().or(p.thread.first.as_ref());
    if let Some(parent) = parent {
        b = b.in_reply_to(parent.clone());
        let mut refs: Vec<&str> = Vec::new();
        for id in [p.thread.first.as_deref(), p.thread.last.as_deref()]
            .into_iter()
            .flatten()
        {
            if !refs.contains(&id) {
                refs.push(id);
            }
        }
        b = b.references(refs.join(" "));
    }
    if let Some(kind) = p.auto_submitted {
        b = b
            .raw_header(raw("Auto-Submitted", kind))
            // Exchange and Outlook honour this one rather than Auto-Submitted.
            .raw_header(raw("X-Auto-Response-Suppress", "All"));
    }
    let html = render::html(p.letter).map_err(|e| ComposeError::Build(e.to_string()))?;
    let message = b
        .multipart(MultiPart::alternative_plain_html(
            render::text(p.letter),
            html,
        ))
        .map_err(|e| ComposeError::Build(e.to_string()))?;
    Ok(Outgoing {
        message_id: p.message_id.to_string(),
        to: p.to.address.trim().to_string(),
        subject: p.subject.to_string(),
        bytes: message.formatted(),
    })
}
