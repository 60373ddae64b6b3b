//! The identifier another system gave a message: a monitoring alert's or a foreign ticketing
//! system's own id, so that its repeated mails about one problem land on one ticket.
//!
//! Where it is looked for, first match wins:
//! 1. a header `X-<anything>-<Kind>-ID` or `X-<Kind>-ID` where Kind is Alert, Ticket,
//!    Incident, Event, Problem or External (`X-Alert-ID`, `X-Zabbix-Event-ID`,
//!    `X-Escalade-External-ID`, ...): the source is the header name;
//! 2. the subject: `Problem ID: 123`-style markers (`Problem`, `Event`, `Alert`,
//!    `Incident` followed by `ID` and `:` or `#`), a `Ticket#2024...` number (OTRS-style), or a
//!    Nagios notification `** PROBLEM Service Alert: host/service is CRITICAL **` (the source
//!    is `nagios`, the value the host or host/service);
//! 3. the body line `Original problem ID: 123` of Zabbix's default message (only that exact
//!    wording: a person writing "Event ID: 4625" about Windows must not be de-duplicated).
//!
//! The key is scoped by the sender's domain and the source, so two systems that both number
//! from 1 never collide. A subject that announces a recovery (`RECOVERY`, `Resolved`, `OK:`)
//! is flagged, so that a recovery never opens a ticket of its own.

use mail_parser::Message;
use serde::{Deserialize, Serialize};

/// Another system's identifier for the problem a message is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalId {
    /// Where it was found, lower-cased: a header name (`x-alert-id`), `subject:problem-id`,
    /// `subject:ticket#`, `nagios`, or `body:original-problem-id`.
    pub source: String,
    /// The identifier itself, as the other system wrote it.
    pub value: String,
    /// The sender's domain, which scopes the identifier.
    pub sender_domain: String,
    /// The subject announces that the problem is over.
    pub recovery: bool,
}

impl ExternalId {
    /// The de-duplication key the store indexes: `domain|source|value`.
    pub fn key(&self) -> String {
        format!("{}|{}|{}", self.sender_domain, self.source, self.value)
    }
}

/// An identifier found before the sender and subject are known to this module.
#[derive(Debug)]
pub(super) struct Found {
    source: String,
    value: String,
}

impl Found {
    pub(super) fn with_sender(self, sender: &str, subject: &str) -> ExternalId {
        ExternalId {
            source: self.source,
            value: self.value,
            sender_domain: sender.rsplit_once('@').map_or("", |(_, d)| d).to_string(),
            recovery: announces_recovery(subject),
        }
    }
}

const KINDS: &[&str] = &[
    "alert", "ticket", "incident", "event", "problem", "external",
];

/// Identifiers are keys, not prose: a bounded, printable token.
fn clean_value(value: &str) -> Option<String> {
    let value = value
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim();
    let ok = !value.is_empty()
        && value.len() <= 200
        && !value.chars().any(|c| c.is_control() || c.is_whitespace());
    ok.then(|| value.to_string())
}

pub(super) fn from_headers(message: &Message<'_>) -> Option<Found> {
    message.headers().iter().find_map(|h| {
        let name = h.name().to_ascii_lowercase();
        let rest = name.strip_prefix("x-")?.strip_suffix("-id")?;
        let kind = rest.rsplit('-').next()?;
        if !KINDS.contains(&kind) {
            return None;
        }
        let value = clean_value(h.value().as_text()?)?;
        Some(Found {
            source: name,
            value,
        })
    })
}

pub(super) fn from_subject(subject: &str) -> Option<Found> {
    id_marker(subject)
        .or_else(|| foreign_ticket(subject))
        .or_else(|| nagios(subject))
}

/// `Problem ID: 123`, `Event ID #42`, `alert id: abc-1` anywhere in the subject.
fn id_marker(subject: &str) -> Option<Found> {
    let lower = subject.to_ascii_lowercase();
    for kind in ["problem", "event", "alert", "incident"] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(kind) {
            let start = from + at;
            from = start + kind.len();
            let after = lower[from..].trim_start();
            let Some(after) = after.strip_prefix("id") else {
                continue;
            };
            let after = after.trim_start();
            let Some(after) = after.strip_prefix([':', '#']) else {
                continue;
            };
            // The same offset in the original text: the lower-casing was ASCII-only.
            let offset = subject.len() - after.len();
            let token = token(&subject[offset..]);
            if let Some(value) = clean_value(token) {
                return Some(Found {
                    source: format!("subject:{kind}-id"),
                    value,
                });
            }
        }
    }
    None
}

/// `Ticket#2024010110000011` (OTRS/Znuny and others).
fn foreign_ticket(subject: &str) -> Option<Found> {
    let lower = subject.to_ascii_lowercase();
    let at = lower.find("ticket#")?;
    let digits: String = subject[at + "ticket#".len()..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then(|| Found {
        source: "subject:ticket#".to_string(),
        value: digits,
    })
}

/// `** PROBLEM Service Alert: web1/HTTP is CRITICAL **`, `** RECOVERY Host Alert: web1 is UP **`.
fn nagios(subject: &str) -> Option<Found> {
    let rest = subject.trim().strip_prefix("**")?.trim_start();
    let (_state, rest) = rest.split_once(' ')?;
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("Service Alert:")
        .or_else(|| rest.strip_prefix("Host Alert:"))?;
    let subject_of_alert = rest.trim_start().split(" is ").next()?.trim();
    let value = clean_value(subject_of_alert)?;
    Some(Found {
        source: "nagios".to_string(),
        value,
    })
}

/// Zabbix's default problem and recovery messages end with `Original problem ID: <id>`.
pub(super) fn from_body(text: &str) -> Option<Found> {
    text.lines().take(200).find_map(|line| {
        let value = line.trim().strip_prefix("Original problem ID:")?;
        Some(Found {
            source: "body:original-problem-id".to_string(),
            value: clean_value(token(value))?,
        })
    })
}

fn token(text: &str) -> &str {
    let text = text.trim_start();
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ')' | ']'))
        .unwrap_or(text.len());
    &text[..end]
}

fn announces_recovery(subject: &str) -> bool {
    let lower = subject.trim().to_ascii_lowercase();
    let lower = lower.trim_start_matches(['*', ' ']);
    lower.starts_with("recovery")
        || lower.starts_with("resolved")
        || lower.starts_with("ok:")
        || lower.starts_with("[ok]")
        || lower.starts_with("[resolved]")
}
