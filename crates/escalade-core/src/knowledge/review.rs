//! The "needs review" decision: a published article whose readers mostly found it not
//! helpful, or that nobody has reviewed for too long, goes on the publishers' list.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::ArticleStatus;

/// When an article needs review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReviewPolicy {
    /// Votes needed before the share of not-helpful votes counts (few votes say little).
    pub min_votes: i64,
    /// Share of not-helpful votes, in percent, above which the article needs review.
    pub not_helpful_percent: i64,
    /// Days since the last review (or publication) after which an article is stale.
    pub stale_days: i64,
}

impl Default for ReviewPolicy {
    fn default() -> Self {
        Self {
            min_votes: 5,
            not_helpful_percent: 50,
            stale_days: 180,
        }
    }
}

/// What the decision needs to know about an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewFacts {
    /// Its status (only published articles are reviewed this way).
    pub status: ArticleStatus,
    /// Helpful votes.
    pub helpful: i64,
    /// Not-helpful votes.
    pub not_helpful: i64,
    /// Last review, else publication.
    pub reviewed_at: Option<DateTime<Utc>>,
}

/// Why an article needs review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum ReviewReason {
    /// More than the policy's share of votes said not helpful.
    MostlyNotHelpful {
        /// Helpful votes.
        helpful: i64,
        /// Not-helpful votes.
        not_helpful: i64,
    },
    /// Not reviewed for this many days.
    Stale {
        /// Days since the last review.
        days: i64,
    },
}

/// The reasons an article needs review now; empty when it does not.
pub fn needs_review(
    f: &ReviewFacts,
    policy: &ReviewPolicy,
    now: DateTime<Utc>,
) -> Vec<ReviewReason> {
    let mut out = Vec::new();
    if f.status != ArticleStatus::Published {
        return out;
    }
    let votes = f.helpful + f.not_helpful;
    if votes >= policy.min_votes.max(1) && f.not_helpful * 100 > votes * policy.not_helpful_percent
    {
        out.push(ReviewReason::MostlyNotHelpful {
            helpful: f.helpful,
            not_helpful: f.not_helpful,
        });
    }
    match f.reviewed_at {
        Some(at) => {
            let days = (now - at).num_days();
            if days >= policy.stale_days {
                out.push(ReviewReason::Stale { days });
            }
        }
        // Published without a review stamp (an imported article): stale by definition.
        None => out.push(ReviewReason::Stale {
            days: policy.stale_days,
        }),
    }
    out
}
