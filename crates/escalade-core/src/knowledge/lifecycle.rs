//! The article lifecycle: draft -> review -> published -> archived, with review -> draft when a
//! publisher sends it back and archived -> draft to revive it. Every refused move names its
//! rule, and each move says which permission it needs.

use serde::{Deserialize, Serialize};

use crate::authz::Permission;
use crate::error::DomainError;

/// Where an article stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleStatus {
    /// Being written; only agents see it.
    Draft,
    /// Waiting for a publisher.
    Review,
    /// Live: readers (requesters too, when public) see it.
    Published,
    /// Withdrawn; kept for history.
    Archived,
}

impl ArticleStatus {
    /// Every status.
    pub const ALL: &'static [ArticleStatus] = &[
        ArticleStatus::Draft,
        ArticleStatus::Review,
        ArticleStatus::Published,
        ArticleStatus::Archived,
    ];

    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Review => "review",
            ArticleStatus::Published => "published",
            ArticleStatus::Archived => "archived",
        }
    }

    /// Parses the text form; `field` names the input for the error.
    pub fn parse(s: &str, field: &str) -> Result<Self, DomainError> {
        Self::ALL
            .iter()
            .copied()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                DomainError::invalid(
                    field,
                    "unknown_value",
                    format!("'{s}' is not one of: draft, review, published, archived"),
                )
            })
    }
}

/// A move of the lifecycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleMove {
    /// Draft -> review.
    Submit,
    /// Review -> published.
    Approve,
    /// Review -> draft, with the publisher's reason.
    SendBack,
    /// Published -> archived.
    Archive,
    /// Archived -> draft.
    Revive,
}

impl ArticleMove {
    /// Every move.
    pub const ALL: &'static [ArticleMove] = &[
        ArticleMove::Submit,
        ArticleMove::Approve,
        ArticleMove::SendBack,
        ArticleMove::Archive,
        ArticleMove::Revive,
    ];

    /// Text form (also the last segment of its API path, with `_` as `-`).
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleMove::Submit => "submit",
            ArticleMove::Approve => "approve",
            ArticleMove::SendBack => "send_back",
            ArticleMove::Archive => "archive",
            ArticleMove::Revive => "revive",
        }
    }

    /// Who may make it: writers submit and revive (a revived article is only a draft again,
    /// so nothing reaches readers without a publisher); publishers approve, send back and
    /// archive.
    pub fn permission(self) -> Permission {
        match self {
            ArticleMove::Submit | ArticleMove::Revive => Permission::KbWrite,
            ArticleMove::Approve | ArticleMove::SendBack | ArticleMove::Archive => {
                Permission::KbPublish
            }
        }
    }
}

/// The status a move leads to from `from`, or the rule it breaks.
pub fn plan_move(from: ArticleStatus, mv: ArticleMove) -> Result<ArticleStatus, DomainError> {
    use ArticleMove as M;
    use ArticleStatus as S;
    let (needed, to, rule, what) = match mv {
        M::Submit => (S::Draft, S::Review, "submit_only_draft", "only a draft"),
        M::Approve => (
            S::Review,
            S::Published,
            "approve_only_review",
            "only an article in review",
        ),
        M::SendBack => (
            S::Review,
            S::Draft,
            "send_back_only_review",
            "only an article in review",
        ),
        M::Archive => (
            S::Published,
            S::Archived,
            "archive_only_published",
            "only a published article",
        ),
        M::Revive => (
            S::Archived,
            S::Draft,
            "revive_only_archived",
            "only an archived article",
        ),
    };
    if from != needed {
        return Err(DomainError::Transition {
            rule,
            message: format!("{what} can be {}; this one is {}", past(mv), from.as_str()),
        });
    }
    Ok(to)
}

fn past(mv: ArticleMove) -> &'static str {
    match mv {
        ArticleMove::Submit => "submitted for review",
        ArticleMove::Approve => "approved",
        ArticleMove::SendBack => "sent back",
        ArticleMove::Archive => "archived",
        ArticleMove::Revive => "revived",
    }
}

/// Whether the text of an article in `status` may be changed (an edit or a translation) by
/// someone who holds `kb.write`, and `kb.publish` when `can_publish`. Drafts are the
/// writers'; an article in review or published changes only by a publisher's hand (writers
/// see their change go through review by asking a publisher to send it back); archived
/// articles are read-only until revived.
pub fn check_edit(status: ArticleStatus, can_publish: bool) -> Result<(), DomainError> {
    let refused = |rule, message: &str| {
        Err(DomainError::Transition {
            rule,
            message: message.to_string(),
        })
    };
    match status {
        ArticleStatus::Draft => Ok(()),
        ArticleStatus::Review | ArticleStatus::Published if can_publish => Ok(()),
        ArticleStatus::Review => refused(
            "review_edited_by_publisher",
            "an article in review is changed only by a publisher (kb.publish), or sent back to draft first",
        ),
        ArticleStatus::Published => refused(
            "published_edited_by_publisher",
            "a published article is changed only by a publisher (kb.publish)",
        ),
        ArticleStatus::Archived => refused(
            "archived_is_read_only",
            "an archived article is read-only; revive it to draft first",
        ),
    }
}
