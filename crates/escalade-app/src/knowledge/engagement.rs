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
use escalade_store::knowledge::{ArticleFilter, ArticleOrder};
use serde_json::json;

use super::{ArticleFacts, ArticleItem, ArticlePage, reads_everything};
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

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
        if page < 1 {
            return Err(AppError::invalid(
                "page",
                "out_of_range",
                "the page starts at 1",
            ));
        }
        if !(1..=500).contains(&per_page) {
            return Err(AppError::invalid(
                "per_page",
                "out_of_range",
                "per_page is between 1 and 500",
            ));
        }
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

    /// Published articles that need review (`kb.read_internal`): mostly not helpful, or not
    /// reviewed for the policy's number of days. Most not-helpful votes first.
    pub async fn articles_needing_review(
        &self,
        caller: &Caller,
        policy: ReviewPolicy,
        lang: Option<Language>,
    ) -> Result<Vec<ReviewItem>, AppError> {
        if !reads_everything(caller) {
            caller.require(Permission::KbReadInternal)?;
        }
        if policy.stale_days < 1 {
            return Err(AppError::invalid(
                "stale_days",
                "out_of_range",
                "at least 1 day",
            ));
        }
        let filter = ArticleFilter {
            status: Some(ArticleStatus::Published.as_str().into()),
            ..Default::default()
        };
        let now = self.clock.now();
        let lang = lang.unwrap_or_else(|| caller.language());
        let mut out = Vec::new();
        let mut page = 1;
        loop {
            let p = self.article_page(&filter, lang, page, 500).await?;
            let done = p.items.len() < 500;
            for a in p.items {
                let f = ReviewFacts {
                    status: a.facts.status,
                    helpful: a.facts.helpful,
                    not_helpful: a.facts.not_helpful,
                    reviewed_at: a.facts.reviewed_at.or(a.facts.published_at),
                };
                let reasons = needs_review(&f, &policy, now);
                if !reasons.is_empty() {
                    out.push(ReviewItem {
                        article: a,
                        reasons,
                    });
                }
            }
            if done {
                break;
            }
            page += 1;
        }
        out.sort_by_key(|r| (-r.article.facts.not_helpful, r.article.facts.id));
        Ok(out)
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
