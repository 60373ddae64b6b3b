//! What an inbound message adds to the ticket write it causes: its attachments, the external
//! identifier it carries, its new watchers, and the mark that it was processed. All of it
//! is written in the ticket's transaction, so a message changes a ticket exactly once, even
//! when the process is killed half way or two nodes pick the same message.

use chrono::{DateTime, Utc};
use escalade_core::ids::{TicketId, UserId};
use escalade_store::attachments::{self, NewAttachment};
use escalade_store::mail_inbound::{self as store, InboundState, Outcome};
use escalade_store::mail_outbox::{self as outbox, Direction};
use escalade_store::{Conn, StoreError, tickets as ticket_store};
use serde_json::json;
use sha2::{Digest, Sha256};

/// One attachment or inline image of an inbound message.
#[derive(Debug, Clone)]
pub struct MailFile {
    /// File name (a name is made up for unnamed inline images).
    pub file_name: String,
    /// Media type.
    pub media_type: String,
    /// Content-ID of an inline image, without angle brackets.
    pub content_id: Option<String>,
    /// Shown in the body rather than listed.
    pub inline: bool,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// An inbound message ready to be written with its ticket change.
#[derive(Debug, Clone)]
pub struct MailReceipt {
    /// The stored message.
    pub inbound_id: i64,
    /// What was read and decided, recorded on the stored message.
    pub outcome: Outcome,
    /// The threading reason's kind, shown on the journal entry.
    pub reason_kind: &'static str,
    /// The ticket this one was opened because of (a stranger's mail naming it).
    pub linked_to: Option<String>,
    /// Attachments and inline images.
    pub files: Vec<MailFile>,
    /// Another system's identifier to remember for the ticket.
    pub external_id: Option<(String, String)>,
    /// People to add as watchers (Cc of a participant).
    pub watchers: Vec<UserId>,
    /// Characters of quoted history folded away from the entry's text.
    pub history_chars: usize,
    /// Whether a new ticket's requester is told its number (not for automatic mail).
    pub acknowledge: bool,
}

impl MailReceipt {
    /// The `mail` object of the journal entry: where the text came from and why it landed
    /// here, for agents (the raw message is downloadable by its id).
    pub fn entry_data(&self) -> serde_json::Value {
        let mut data = json!({
            "inbound_id": self.inbound_id,
            "from": self.outcome.sender,
            "message_id": self.outcome.message_id,
            "threading": self.outcome.decision.as_ref().map(|d| d["reason"].clone()),
            "reason": self.reason_kind,
        });
        if self.history_chars > 0 {
            data["history_chars"] = json!(self.history_chars);
        }
        if let Some(l) = &self.linked_to {
            data["linked_to"] = json!(l);
        }
        data
    }

    /// Writes what the message brings to `ticket` (its journal entry is `entry`) and marks
    /// the message done. A message someone else finished meanwhile rolls the write back.
    pub async fn record(
        &self,
        c: &mut Conn,
        ticket: TicketId,
        entry: i64,
        public: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        for f in &self.files {
            let a = NewAttachment {
                ticket,
                journal_id: Some(entry),
                sha256: hex::encode(Sha256::digest(&f.bytes)),
                file_name: f.file_name.clone(),
                media_type: f.media_type.clone(),
                public,
                uploaded_by: None,
            };
            attachments::insert(c, &a, &f.bytes, now).await?;
        }
        if let Some((source, id)) = &self.external_id {
            store::remember_external_id(c, source, id, ticket, now).await?;
        }
        for w in &self.watchers {
            ticket_store::add_watcher(c, ticket, *w).await?;
        }
        // In the ticket's mail thread, so that the desk's next mail answers this one.
        if let Some(id) = &self.outcome.message_id {
            outbox::record_message_id(c, id, ticket, Direction::In, now).await?;
        }
        let outcome = Outcome {
            ticket: Some(ticket),
            journal_id: Some(entry),
            ..self.outcome.clone()
        };
        if store::finish(c, self.inbound_id, InboundState::Done, &outcome, now).await? {
            Ok(())
        } else {
            Err(StoreError::Conflict {
                code: "mail_already_processed",
                message: format!(
                    "inbound message {} was processed meanwhile",
                    self.inbound_id
                ),
            })
        }
    }
}
