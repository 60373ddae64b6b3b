//! The knowledge base's domain: article kinds and their structured content, validation, the
//! article lifecycle (draft -> review -> published -> archived) with who may make each move,
//! translations, visibility, line diffs between versions, the "needs review" decision, and an
//! SOP's steps as reply text. Pure: storage and permissions-in-context live in the app crate.

mod content;
mod diff;
mod lifecycle;
mod review;

pub use content::{
    ArticleContent, ArticleText, PART_MAX, STEPS_MAX, SopStep, TITLE_MAX, sop_reply_text,
};
pub use diff::{ArticleDiff, DiffLine, LineChange, line_diff};
pub use lifecycle::{ArticleMove, ArticleStatus, check_edit, plan_move};
pub use review::{ReviewFacts, ReviewPolicy, ReviewReason, needs_review};

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::people::Language;

/// A knowledge article's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub i64);

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// What shape an article's content has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// Standard operating procedure: numbered steps, each with its expected result.
    Sop,
    /// A known error: symptom, cause, workaround.
    KnownError,
    /// A question and its answer.
    Faq,
    /// A free how-to body.
    HowTo,
}

impl ArticleKind {
    /// Every kind.
    pub const ALL: &'static [ArticleKind] = &[
        ArticleKind::Sop,
        ArticleKind::KnownError,
        ArticleKind::Faq,
        ArticleKind::HowTo,
    ];

    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleKind::Sop => "sop",
            ArticleKind::KnownError => "known_error",
            ArticleKind::Faq => "faq",
            ArticleKind::HowTo => "how_to",
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
                    format!("'{s}' is not one of: sop, known_error, faq, how_to"),
                )
            })
    }
}

/// Who may read a published article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleVisibility {
    /// Everyone, including requesters on the portal.
    Public,
    /// Agents only (`kb.read_internal`).
    Internal,
}

impl ArticleVisibility {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleVisibility::Public => "public",
            ArticleVisibility::Internal => "internal",
        }
    }

    /// Parses the text form; `field` names the input for the error.
    pub fn parse(s: &str, field: &str) -> Result<Self, DomainError> {
        match s {
            "public" => Ok(ArticleVisibility::Public),
            "internal" => Ok(ArticleVisibility::Internal),
            _ => Err(DomainError::invalid(
                field,
                "unknown_value",
                format!("'{s}' is not one of: public, internal"),
            )),
        }
    }
}

/// Refuses a translation into the article's own original language: that text is the
/// original, changed by an edit.
pub fn check_translation(original: Language, lang: Language) -> Result<(), DomainError> {
    if original == lang {
        return Err(DomainError::invalid(
            "lang",
            "translation_is_original",
            format!(
                "{} is the article's original language; edit the article instead of translating it",
                lang.as_str()
            ),
        ));
    }
    Ok(())
}

/// Whether a reader without `kb.read_internal` may see an article: published and public only.
pub fn readable_by_requesters(status: ArticleStatus, visibility: ArticleVisibility) -> bool {
    status == ArticleStatus::Published && visibility == ArticleVisibility::Public
}

#[cfg(test)]
mod tests;
