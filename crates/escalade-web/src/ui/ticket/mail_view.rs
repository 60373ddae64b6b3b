//! How an entry that came by e-mail shows on the agent's ticket page: who sent it, why it
//! landed on this ticket (the threading reason in words), how much quoted history was folded,
//! its attachments and inline images, and a link to the original message.

use escalade_app::tickets::{EntryView, TicketPageData};
use serde_json::Value;

use crate::ui::i18n::Tr;

/// The mail facts of one entry.
pub struct MailNote {
    /// Sentences: sender, reason, folded history.
    pub lines: Vec<String>,
    /// The stored message, for `/mail/{id}/raw`.
    pub raw: i64,
    /// Its files: attachment id and name.
    pub files: Vec<(i64, String)>,
}

/// The mail facts of `e`, when it came by e-mail.
pub fn mail_note(tr: &Tr, e: &EntryView, page: &TicketPageData) -> Option<MailNote> {
    let m = e.data.get("mail")?;
    let raw = m["inbound_id"].as_i64()?;
    let mut lines = Vec::new();
    if let Some(from) = m["from"].as_str() {
        lines.push(tr.arg("mail-from", "address", from));
    }
    lines.push(reason(tr, m));
    if let Some(n) = m["history_chars"].as_u64().filter(|n| *n > 0) {
        lines.push(tr.count("mail-history-folded", "count", n as i64));
    }
    if let Some(l) = m["linked_to"].as_str() {
        lines.push(tr.arg("mail-linked-to", "number", l));
    }
    let files = page
        .attachments
        .iter()
        .filter(|a| a.journal_id == Some(e.id))
        .map(|a| (a.id, a.file_name.clone()))
        .collect();
    Some(MailNote { lines, raw, files })
}

/// Why the message landed here, in the viewer's language; an unknown reason keeps its code.
fn reason(tr: &Tr, m: &Value) -> String {
    let kind = m["reason"].as_str().unwrap_or("unknown");
    let t = &m["threading"];
    let number = t["number"].as_str().unwrap_or_default().to_string();
    let key = format!("mail-reason-{}", kind.replace('_', "-"));
    match tr.try_get(&key) {
        Some(_) => tr.args(&key, &[("number", number)]),
        None => tr.arg("mail-reason-other", "code", kind),
    }
}
