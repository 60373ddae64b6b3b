//! The journal: the immutable history of a ticket. Every interaction and change is one entry
//! with its author and time; entries are only ever appended.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::validate;

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// The ticket was opened.
    Created,
    /// A reply the requester sees.
    PublicReply,
    /// A note for agents only.
    InternalNote,
    /// A phone call with the requester, logged by an agent.
    PhoneCall,
    /// A mail received.
    EmailIn,
    /// A mail sent.
    EmailOut,
    /// One or more fields changed.
    FieldChange,
    /// The ticket changed hands.
    Assignment,
    /// Handed to another level or group, with the hand-over summary.
    Escalation,
    /// The receiving level took an escalated ticket.
    Take,
    /// A file was attached.
    Attachment,
}

impl EntryKind {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Created => "created",
            EntryKind::PublicReply => "public_reply",
            EntryKind::InternalNote => "internal_note",
            EntryKind::PhoneCall => "phone_call",
            EntryKind::EmailIn => "email_in",
            EntryKind::EmailOut => "email_out",
            EntryKind::FieldChange => "field_change",
            EntryKind::Assignment => "assignment",
            EntryKind::Escalation => "escalation",
            EntryKind::Take => "take",
            EntryKind::Attachment => "attachment",
        }
    }

    /// Every kind of entry.
    pub const ALL: &'static [EntryKind] = &[
        EntryKind::Created,
        EntryKind::PublicReply,
        EntryKind::InternalNote,
        EntryKind::PhoneCall,
        EntryKind::EmailIn,
        EntryKind::EmailOut,
        EntryKind::FieldChange,
        EntryKind::Assignment,
        EntryKind::Escalation,
        EntryKind::Take,
        EntryKind::Attachment,
    ];

    /// Parses the text form.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }
}

/// The kinds of comment a person writes on a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommentKind {
    /// Seen by the requester (and mailed to them, once mail lands).
    Public,
    /// Seen by agents only.
    Internal,
    /// The record of a phone call; agents only.
    PhoneCall,
}

impl CommentKind {
    /// The journal entry kind this comment becomes.
    pub fn entry_kind(self) -> EntryKind {
        match self {
            CommentKind::Public => EntryKind::PublicReply,
            CommentKind::Internal => EntryKind::InternalNote,
            CommentKind::PhoneCall => EntryKind::PhoneCall,
        }
    }

    /// Whether the requester sees it.
    pub fn is_public(self) -> bool {
        matches!(self, CommentKind::Public)
    }
}

/// Longest comment body accepted, in characters.
pub const MAX_COMMENT: usize = 100_000;

/// Checks a comment body: not blank, bounded.
pub fn comment_body(body: &str) -> Result<String, DomainError> {
    if body.trim().is_empty() {
        return Err(DomainError::invalid(
            "body",
            "required",
            "the comment is empty",
        ));
    }
    validate::max_chars("body", body, MAX_COMMENT)?;
    Ok(body.trim_end().to_string())
}

/// Whether a requester may see an entry: public entries only. Field changes are public when
/// they include the status, so that a requester follows the state of the request in words;
/// the requester's view of such an entry keeps only the status change.
pub fn public_for_field_changes(fields: &[&str]) -> bool {
    fields.contains(&"status")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_kinds_map_to_entries() {
        assert!(CommentKind::Public.is_public());
        assert!(!CommentKind::Internal.is_public());
        assert!(!CommentKind::PhoneCall.is_public());
        assert_eq!(CommentKind::Internal.entry_kind(), EntryKind::InternalNote);
        for k in ["created", "public_reply", "escalation", "take"] {
            assert_eq!(EntryKind::parse(k).unwrap().as_str(), k);
        }
    }

    #[test]
    fn blank_comments_are_refused() {
        assert!(comment_body(" \n ").is_err());
        assert_eq!(comment_body("Done.\n\n").unwrap(), "Done.");
        assert!(public_for_field_changes(&["priority", "status"]));
        assert!(!public_for_field_changes(&["priority"]));
    }
}
