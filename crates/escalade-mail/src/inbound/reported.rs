//! Which message a bounce or read receipt reports on. Delivery status notifications rarely
//! carry In-Reply-To; they return the original message (message/rfc822) or its headers
//! (text/rfc822-headers), and read receipts name it in `Original-Message-ID`. That id is
//! usually one of ours, which is how a bounce finds its ticket.

use super::people::normalise_id;
use super::{Attachment, Forwarded};

const REPORT_TYPES: &[&str] = &[
    "text/rfc822-headers",
    "message/rfc822-headers",
    "message/disposition-notification",
    "message/delivery-status",
];

pub(super) fn message_id(
    forwarded: &[Forwarded],
    attachments: &[Attachment<'_>],
) -> Option<String> {
    if let Some(id) = forwarded.iter().find_map(|f| f.message_id.clone()) {
        return Some(id);
    }
    attachments
        .iter()
        .filter(|a| REPORT_TYPES.contains(&a.media_type.as_str()))
        .find_map(|a| id_in_headers(&String::from_utf8_lossy(&a.bytes)))
}

fn id_in_headers(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (name, value) = line.split_once(':')?;
        let name = name.trim();
        let named = name.eq_ignore_ascii_case("Message-ID")
            || name.eq_ignore_ascii_case("Original-Message-ID");
        if named { normalise_id(value) } else { None }
    })
}
