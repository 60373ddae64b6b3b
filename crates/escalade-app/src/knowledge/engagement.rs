//! What happens around published articles: helpful votes (one per reader, changeable), views,
//! deflections ("this solved my problem", no ticket opened), links to tickets, the most viewed
//! and needs-review lists, each agent's contribution, and an SOP's steps as reply text.

use escalade_core::authz::Permission;
use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::knowledge::{
    ArticleContent, ArticleId, ArticleStatus, ReviewFacts, ReviewPolicy, ReviewReason,
    needs_review, sop_reply_text,
};
use escalade_core::people::Language;
use escalade_core::ticket::TicketType;
use escalade_store::knowledge::engagement::{self as kb_engagement, ContributionRow};
use escalade_store::knowledge::{ArticleFilter, ArticleOrder, ReviewSelection};
use serde_json::json;

use super::{ArticleFacts, ArticleItem, ArticlePage, reads_everything};
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// Largest page of linked tickets or of articles needing review.
const MAX_PER_PAGE: i64 = 500;

/// Longest typed text kept with a deflection, in characters.
const TYPED_MAX: usize = 2000;

/// An article on the needs-review list, with why.
#[derive(Debug, Clone)]
pub struct ReviewItem {
    /// The article.
    pub article: ArticleItem,
    /// Why it needs review.
    pub reasons: Vec<ReviewReason>,
}

/// A page of the needs-review list.
#[derive(Debug, Clone)]
pub struct ReviewPage {
    /// The articles, most not-helpful votes first.
    pub items: Vec<ReviewItem>,
    /// How many need review.
    pub total: i64,
    /// Page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

/// Longest staleness a policy may ask for, in days (a hundred years).
const MAX_STALE_DAYS: i64 = 36_500;

/// Most votes a policy may require.
const MAX_MIN_VOTES: i64 = 1_000_000_000;

/// A needs-review policy's thresholds are in range, or the first one that is not is named.
fn check_policy(p: &ReviewPolicy) -> Result<(), AppError> {
    if !(1..=MAX_STALE_DAYS).contains(&p.stale_days) {
        return Err(AppError::invalid(
            "stale_days",
            "out_of_range",
            format!("between 1 and {MAX_STALE_DAYS} days"),
        ));
    }
    if !(0..=MAX_MIN_VOTES).contains(&p.min_votes) {
        return Err(AppError::invalid(
            "min_votes",
            "out_of_range",
            format!("between 0 and {MAX_MIN_VOTES} votes"),
        ));
    }
    if !(0..=100).contains(&p.not_helpful_percent) {
        return Err(AppError::invalid(
            "not_helpful_percent",
            "out_of_range",
            "between 0 and 100 percent",
        ));
    }
    Ok(())
}

/// A ticket linked to an article, as its reader may see it.
#[derive(Debug, Clone)]
pub struct LinkedTicket {
    /// Number (`INC-000042`).
    pub number: String,
    /// Current subject.
    pub subject: String,
    /// Current status.
    pub status: String,
    /// When the link was made.
    pub linked_at: chrono::DateTime<chrono::Utc>,
}

/// A page of the tickets linked to an article.
#[derive(Debug, Clone)]
pub struct LinkedTicketPage {
    /// The tickets, the most recently linked first.
    pub items: Vec<LinkedTicket>,
    /// How many linked tickets the reader may read.
    pub total: i64,
    /// Page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

fn published(facts: &ArticleFacts, what: &str) -> Result<(), AppError> {
    if facts.status != ArticleStatus::Published {
        return Err(AppError::Conflict {
            code: "not_published",
            message: format!(
                "{what} only a published article; this one is {}",
                facts.status.as_str()
            ),
        });
    }
    Ok(())
}

impl App {
    /// Records the caller's vote on a published article they can read, replacing an earlier
    /// one. Returns `(helpful, not_helpful)`.
    pub async fn vote_article(
        &self,
        caller: &Caller,
        id: ArticleId,
        helpful: bool,
    ) -> Result<(i64, i64), AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        drop(c);
        published(&facts, "readers vote on")?;
        let user = caller.id();
        let now = self.clock.now();
        Ok(self
            .store
            .write(move |c| {
                Box::pin(async move { kb_engagement::vote(c, id, user, helpful, now).await })
            })
            .await?)
    }

    /// Counts a view of a published article the caller can read; returns the count. Views of
    /// drafts (writers at work) are not counted.
    pub async fn count_article_view(
        &self,
        caller: &Caller,
        id: ArticleId,
    ) -> Result<i64, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        drop(c);
        if facts.status != ArticleStatus::Published {
            return Ok(facts.view_count);
        }
        Ok(self
            .store
            .write(move |c| Box::pin(async move { kb_engagement::count_view(c, id).await }))
            .await?)
    }

    /// "This solved my problem": the caller read a published article while typing a new ticket
    /// and opens none. Counted on the article with what they had typed; returns the count.
    pub async fn record_deflection(
        &self,
        caller: &Caller,
        id: ArticleId,
        typed_text: &str,
    ) -> Result<i64, AppError> {
        let typed = typed_text.trim().to_string();
        if typed.chars().count() > TYPED_MAX {
            return Err(AppError::invalid(
                "typed_text",
                "too_long",
                format!("at most {TYPED_MAX} characters"),
            ));
        }
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        drop(c);
        published(&facts, "a problem is solved by")?;
        let user = caller.id();
        let now = self.clock.now();
        Ok(self
            .store
            .write(move |c| {
                Box::pin(async move { kb_engagement::deflect(c, id, user, &typed, now).await })
            })
            .await?)
    }

    /// Links an article and a ticket: the caller must read both and may add notes to the
    /// ticket (`ticket.note`). Returns whether the link is new.
    pub async fn link_article(
        &self,
        caller: &Caller,
        id: ArticleId,
        number: &str,
        link: bool,
    ) -> Result<bool, AppError> {
        let ticket = crate::tickets::parse_number(number)?.id();
        let mut c = self.store.read().await?;
        self.readable_article(&mut c, caller, id).await?;
        let (_, f) = self.visible(&mut c, caller, ticket).await?;
        drop(c);
        let d = caller.decide(Permission::TicketNote, &f);
        if !d.allowed {
            return Err(AppError::forbidden(
                Permission::TicketNote.as_str(),
                format!(
                    "linking articles to this ticket needs ticket.note: {}",
                    d.reason
                ),
            ));
        }
        let actor = caller.id();
        let now = self.clock.now();
        let number = number.trim().to_ascii_uppercase();
        Ok(self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let changed = if link {
                        kb_engagement::link_ticket(c, id, ticket, actor, now).await?
                    } else {
                        kb_engagement::unlink_ticket(c, id, ticket).await?
                    };
                    if changed {
                        escalade_store::audit::record(
                            c,
                            Some(actor),
                            if link {
                                "kb.article.link_ticket"
                            } else {
                                "kb.article.unlink_ticket"
                            },
                            "kb_article",
                            &id.to_string(),
                            &json!({"ticket": number}),
                            now,
                        )
                        .await?;
                    }
                    Ok(changed)
                })
            })
            .await?)
    }

    /// The articles linked to a ticket the caller can read, as far as the caller may read them.
    pub async fn ticket_articles(
        &self,
        caller: &Caller,
        number: &str,
        lang: Option<Language>,
    ) -> Result<ArticlePage, AppError> {
        let ticket: TicketId = crate::tickets::parse_number(number)?.id();
        let mut c = self.store.read().await?;
        self.visible(&mut c, caller, ticket).await?;
        let ids = kb_engagement::articles_of_ticket(&mut c, ticket).await?;
        drop(c);
        let filter = ArticleFilter {
            ids: Some(ids),
            requester_view: !reads_everything(caller),
            ..Default::default()
        };
        self.article_page(&filter, lang.unwrap_or_else(|| caller.language()), 1, 500)
            .await
    }

    /// The tickets linked to an article the caller may read (else not found), as far as the
    /// caller may read those tickets: the ticket list's visibility is part of the query, so a
    /// ticket they may not read is neither listed nor counted. Page from 1, 1-500 a page.
    pub async fn article_tickets(
        &self,
        caller: &Caller,
        id: ArticleId,
        page: i64,
        per_page: i64,
    ) -> Result<LinkedTicketPage, AppError> {
        AppError::check_page(page, per_page, MAX_PER_PAGE)?;
        let mut c = self.store.read().await?;
        self.readable_article(&mut c, caller, id).await?;
        let v = caller.actor.ticket_visibility();
        let (rows, total) = kb_engagement::linked_tickets(&mut c, id, &v, page, per_page).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                let kind = TicketType::parse("kind", &r.kind)
                    .map_err(|e| AppError::Internal(format!("ticket {}: {e}", r.id)))?;
                Ok(LinkedTicket {
                    number: TicketNumber::new(kind, TicketId(r.id)).to_string(),
                    subject: r.subject,
                    status: r.status,
                    linked_at: r.linked_at,
                })
            })
            .collect::<Result<_, AppError>>()?;
        Ok(LinkedTicketPage {
            items,
            total,
            page,
            per_page,
        })
    }

    /// The most viewed published articles the caller may read.
    pub async fn most_viewed_articles(
        &self,
        caller: &Caller,
        lang: Option<Language>,
        limit: i64,
    ) -> Result<Vec<ArticleItem>, AppError> {
        let filter = ArticleFilter {
            status: Some(ArticleStatus::Published.as_str().into()),
            requester_view: !reads_everything(caller),
            order: ArticleOrder::MostViewed,
            ..Default::default()
        };
        let page = self
            .article_page(
                &filter,
                lang.unwrap_or_else(|| caller.language()),
                1,
                limit.clamp(1, 100),
            )
            .await?;
        Ok(page.items)
    }

    /// One page of the published articles that need review (`kb.read_internal`): mostly not
    /// helpful, or not reviewed for the policy's number of days; most not-helpful votes first,
    /// with the total. The store selects and pages them in SQL with the policy's thresholds;
    /// the domain's `needs_review` (the definition, which a test holds the SQL to) says why
    /// for each article of the page.
    pub async fn articles_needing_review(
        &self,
        caller: &Caller,
        policy: ReviewPolicy,
        lang: Option<Language>,
        page: i64,
        per_page: i64,
    ) -> Result<ReviewPage, AppError> {
        if !reads_everything(caller) {
            caller.require(Permission::KbReadInternal)?;
        }
        check_policy(&policy)?;
        AppError::check_page(page, per_page, MAX_PER_PAGE)?;
        let now = self.clock.now();
        let filter = ArticleFilter {
            needs_review: Some(ReviewSelection::new(&policy, now)),
            order: ArticleOrder::MostNotHelpful,
            ..Default::default()
        };
        let lang = lang.unwrap_or_else(|| caller.language());
        let p = self.article_page(&filter, lang, page, per_page).await?;
        let items = p
            .items
            .into_iter()
            .map(|a| {
                let f = ReviewFacts {
                    status: a.facts.status,
                    helpful: a.facts.helpful,
                    not_helpful: a.facts.not_helpful,
                    reviewed_at: a.facts.reviewed_at.or(a.facts.published_at),
                };
                ReviewItem {
                    reasons: needs_review(&f, &policy, now),
                    article: a,
                }
            })
            .collect();
        Ok(ReviewPage {
            items,
            total: p.total,
            page: p.page,
            per_page: p.per_page,
        })
    }

    /// Each person's contribution to the knowledge base (`report.view` or `kb.publish`).
    pub async fn knowledge_contributions(
        &self,
        caller: &Caller,
        since: Option<chrono::DateTime<chrono::Utc>>,
    ) -> Result<Vec<ContributionRow>, AppError> {
        if !caller.has(Permission::KbPublish) {
            caller.require(Permission::ReportView)?;
        }
        let mut c = self.store.read().await?;
        Ok(kb_engagement::contributions(&mut c, since).await?)
    }

    /// An SOP's steps as plain text, ready to insert into a reply, in the language asked for
    /// (else the original).
    pub async fn sop_reply(
        &self,
        caller: &Caller,
        id: ArticleId,
        lang: Option<Language>,
    ) -> Result<String, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        let (_, text) = self.article_text(&mut c, &facts, lang).await?;
        match &text.content {
            ArticleContent::Sop { steps } => Ok(sop_reply_text(&text.title, steps)),
            _ => Err(AppError::Conflict {
                code: "not_an_sop",
                message: format!(
                    "only an SOP has steps; this article is {}",
                    facts.kind.as_str()
                ),
            }),
        }
    }
}
