//! People and identifiers from the header block: mailboxes with lower-cased addresses,
//! Message-IDs without angle brackets, dates in UTC.

use chrono::{DateTime, Utc};
use mail_parser::{Addr, Address, HeaderValue};
use serde::{Deserialize, Serialize};

/// A person's mail address with the display name they gave.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Mailbox {
    /// Lower-cased, so that it compares with the directory's addresses.
    pub address: String,
    /// The decoded display name, when one was given and differs from the address.
    pub name: Option<String>,
}

impl Mailbox {
    /// The part after the `@` (empty when there is none).
    pub fn domain(&self) -> &str {
        self.address.rsplit_once('@').map_or("", |(_, d)| d)
    }
}

fn mailbox(addr: &Addr<'_>) -> Option<Mailbox> {
    let address = addr.address()?.trim().trim_matches(['<', '>']);
    if address.is_empty() || address.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    let address = address.to_lowercase();
    let name = addr
        .name()
        .map(|n| n.trim().trim_matches('"').trim())
        .filter(|n| !n.is_empty() && !n.eq_ignore_ascii_case(&address))
        .map(str::to_string);
    Some(Mailbox { address, name })
}

/// The first usable mailbox of an address header.
pub(super) fn first(header: Option<&Address<'_>>) -> Option<Mailbox> {
    header?.iter().find_map(mailbox)
}

/// Every usable mailbox of an address header, each address once.
pub(super) fn all(header: Option<&Address<'_>>) -> Vec<Mailbox> {
    let mut out: Vec<Mailbox> = Vec::new();
    for m in header
        .into_iter()
        .flat_map(|h| h.iter())
        .filter_map(mailbox)
    {
        if !out.iter().any(|o| o.address == m.address) {
            out.push(m);
        }
    }
    out
}

/// A Message-ID as the desk stores it: no angle brackets, no whitespace.
pub(super) fn normalise_id(id: &str) -> Option<String> {
    let id: String = id
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    (!id.is_empty()).then_some(id)
}

/// The ids of In-Reply-To or References, normalised, in header order. A Message-ID always
/// has an `@`; words without one are a broken client's prose and would only cost look-ups.
pub(super) fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    let ids: Vec<String> = match value {
        HeaderValue::Text(id) => id.split_whitespace().filter_map(normalise_id).collect(),
        HeaderValue::TextList(ids) => ids.iter().filter_map(|id| normalise_id(id)).collect(),
        _ => Vec::new(),
    };
    ids.into_iter().filter(|id| id.contains('@')).collect()
}

pub(super) fn utc(date: &mail_parser::DateTime) -> Option<DateTime<Utc>> {
    if !date.is_valid() {
        return None;
    }
    DateTime::<Utc>::from_timestamp(date.to_timestamp(), 0)
}
