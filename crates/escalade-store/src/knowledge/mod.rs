//! Knowledge articles: the article rows with their status, links to a category and a service,
//! and counters; listing with filters (the needs-review selection among them) and paging in
//! the reader's language. The text of each language and its history are in [`versions`];
//! votes, views, deflections, ticket links, attachments and contribution counts in
//! [`engagement`].

pub mod engagement;
pub mod versions;

use chrono::{DateTime, Utc};
use escalade_core::ids::{CategoryId, TicketId, UserId};
use escalade_core::knowledge::{ArticleId, ArticleStatus, ReviewPolicy};

use crate::args;
use crate::error::StoreError;
use crate::sql::{Conn, Value};

/// An article row (its text is in `kb_translations`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleRow {
    /// Id.
    pub id: i64,
    /// `sop`, `known_error`, `faq`, `how_to`.
    pub kind: String,
    /// Category it belongs to.
    pub category_id: Option<i64>,
    /// Service it concerns (free text until the CMDB).
    pub service: Option<String>,
    /// `public` or `internal`.
    pub visibility: String,
    /// `draft`, `review`, `published`, `archived`.
    pub status: String,
    /// Language it was written in.
    pub original_lang: String,
    /// Who answers for it.
    pub owner_id: i64,
    /// Who created it.
    pub author_id: i64,
    /// Who approved it last.
    pub approved_by: Option<i64>,
    /// When.
    pub approved_at: Option<DateTime<Utc>>,
    /// Last publication.
    pub published_at: Option<DateTime<Utc>>,
    /// Last review (approval or a publisher's "still right").
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The ticket it was drafted from.
    pub source_ticket_id: Option<i64>,
    /// That ticket's type, for its number.
    pub source_ticket_kind: Option<String>,
    /// Views counted.
    pub view_count: i64,
    /// Helpful votes.
    pub helpful: i64,
    /// Not-helpful votes.
    pub not_helpful: i64,
    /// Tickets it spared.
    pub deflections: i64,
    /// Number of the newest version.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "a.id, a.kind, a.category_id, a.service, a.visibility, a.status, a.original_lang, \
     a.owner_id, a.author_id, a.approved_by, a.approved_at, a.published_at, a.reviewed_at, a.source_ticket_id, \
     (SELECT t.kind FROM tickets t WHERE t.id = a.source_ticket_id) AS source_ticket_kind, a.view_count, a.helpful, a.not_helpful, a.deflections, a.version, a.created_at, a.updated_at";

/// An article in a list, with its title in the language shown.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ArticleSummary {
    /// The row.
    #[sqlx(flatten)]
    pub article: ArticleRow,
    /// Title in `lang`.
    pub title: String,
    /// The language of the title: the one asked for when translated, else the original.
    pub lang: String,
}

/// A new article's row.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Kind.
    pub kind: String,
    /// Category.
    pub category: Option<CategoryId>,
    /// Service.
    pub service: Option<String>,
    /// Visibility.
    pub visibility: String,
    /// Original language.
    pub original_lang: String,
    /// Author, also the first owner.
    pub author: UserId,
    /// The ticket it was drafted from.
    pub source_ticket: Option<TicketId>,
}

/// Inserts an article as a draft at version 0 (its first text, saved next, makes version 1).
pub async fn insert(
    c: &mut Conn,
    a: &NewArticle,
    now: DateTime<Utc>,
) -> Result<ArticleId, StoreError> {
    let id = c
        .int(
            "INSERT INTO kb_articles (kind, category_id, service, visibility, status, original_lang, owner_id, \
             author_id, source_ticket_id, version, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'draft', $5, $6, $6, $7, 0, $8, $8) RETURNING id",
            args![
                a.kind.as_str(),
                a.category.map(|c| c.0),
                a.service.clone(),
                a.visibility.as_str(),
                a.original_lang.as_str(),
                a.author.0,
                a.source_ticket.map(|t| t.0),
                now
            ],
        )
        .await?;
    Ok(ArticleId(id))
}

/// One article.
pub async fn get(c: &mut Conn, id: ArticleId) -> Result<Option<ArticleRow>, StoreError> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM kb_articles a WHERE a.id = $1"),
        args![id.0],
    )
    .await
}

/// Where an article's category, service, visibility and owner go.
#[derive(Debug, Clone)]
pub struct ArticleMeta {
    /// Category.
    pub category: Option<CategoryId>,
    /// Service.
    pub service: Option<String>,
    /// Visibility.
    pub visibility: String,
    /// Owner.
    pub owner: UserId,
}

/// Replaces an article's category, service, visibility and owner.
pub async fn set_meta(
    c: &mut Conn,
    id: ArticleId,
    m: &ArticleMeta,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "UPDATE kb_articles SET category_id = $1, service = $2, visibility = $3, owner_id = $4, updated_at = $5 \
         WHERE id = $6",
        args![
            m.category.map(|c| c.0),
            m.service.clone(),
            m.visibility.as_str(),
            m.owner.0,
            now,
            id.0
        ],
    )
    .await?;
    Ok(())
}

/// Moves an article from `from` to `to`, only if it is still in `from` (else a conflict: it
/// moved meanwhile). Approval stamps the approver, publication and review times; a publisher's
/// review stamp is [`mark_reviewed`].
pub async fn set_status(
    c: &mut Conn,
    id: ArticleId,
    from: ArticleStatus,
    to: ArticleStatus,
    by: UserId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let n = if to == ArticleStatus::Published {
        c.exec(
            "UPDATE kb_articles SET status = $1, approved_by = $2, approved_at = $3, published_at = $3, \
             reviewed_at = $3, updated_at = $3 WHERE id = $4 AND status = $5",
            args![to.as_str(), by.0, now, id.0, from.as_str()],
        )
        .await?
    } else {
        c.exec(
            "UPDATE kb_articles SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
            args![to.as_str(), now, id.0, from.as_str()],
        )
        .await?
    };
    if n == 0 {
        return Err(StoreError::Conflict {
            code: "status_changed",
            message: "the article's status changed meanwhile; reload it".into(),
        });
    }
    Ok(())
}

/// Stamps a publisher's review ("still right"), which restarts the staleness clock.
pub async fn mark_reviewed(
    c: &mut Conn,
    id: ArticleId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "UPDATE kb_articles SET reviewed_at = $1 WHERE id = $2",
        args![now, id.0],
    )
    .await?;
    Ok(())
}

/// How a list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ArticleOrder {
    /// Most recently changed first.
    #[default]
    Recent,
    /// Most viewed first.
    MostViewed,
    /// Most not-helpful votes first (the needs-review list).
    MostNotHelpful,
}

/// The needs-review decision as a filter: published articles that, with at least `min_votes`
/// votes, more than `not_helpful_percent` % found not helpful, or whose last review (else
/// publication) is at or before `stale_before` (or missing). This is the SQL form of
/// `escalade_core::knowledge::needs_review`, which stays the definition (and explains each
/// article's reasons); a test checks that both agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewSelection {
    /// Votes needed before the share counts (at least 1).
    pub min_votes: i64,
    /// Share of not-helpful votes, in percent, above which an article needs review.
    pub not_helpful_percent: i64,
    /// Reviewed at or before this instant: stale.
    pub stale_before: DateTime<Utc>,
}

impl ReviewSelection {
    /// The selection of `policy` at `now`. `needs_review` counts whole days since the review
    /// (`num_days() >= stale_days`), which is "reviewed at or before now minus that many days".
    pub fn new(policy: &ReviewPolicy, now: DateTime<Utc>) -> Self {
        let stale_before = chrono::TimeDelta::try_days(policy.stale_days)
            .and_then(|d| now.checked_sub_signed(d))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        Self {
            min_votes: policy.min_votes.max(1),
            not_helpful_percent: policy.not_helpful_percent,
            stale_before,
        }
    }
}

/// Filters of an article list.
#[derive(Debug, Clone, Default)]
pub struct ArticleFilter {
    /// Kind.
    pub kind: Option<String>,
    /// Category.
    pub category: Option<CategoryId>,
    /// Status.
    pub status: Option<String>,
    /// Visibility.
    pub visibility: Option<String>,
    /// Only articles that have a text in this language.
    pub available_in: Option<String>,
    /// Only published public articles (what requesters may read).
    pub requester_view: bool,
    /// Only these articles (e.g. those linked to a ticket).
    pub ids: Option<Vec<i64>>,
    /// Only published articles that need review.
    pub needs_review: Option<ReviewSelection>,
    /// Only articles with a title (in any of their languages) containing this text, ignoring
    /// case.
    pub title_contains: Option<String>,
    /// Order.
    pub order: ArticleOrder,
}

/// One page of articles matching `f`, with titles in `lang` where translated, and the total.
pub async fn list(
    c: &mut Conn,
    f: &ArticleFilter,
    lang: &str,
    page: i64,
    per_page: i64,
) -> Result<(Vec<ArticleSummary>, i64), StoreError> {
    let mut conds: Vec<String> = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    let mut eq = |conds: &mut Vec<String>, column: &str, v: Value| {
        params.push(v);
        conds.push(format!("{column} = ${}", params.len()));
    };
    if let Some(k) = &f.kind {
        eq(&mut conds, "a.kind", k.clone().into());
    }
    if let Some(cat) = f.category {
        eq(&mut conds, "a.category_id", cat.0.into());
    }
    if let Some(s) = &f.status {
        eq(&mut conds, "a.status", s.clone().into());
    }
    if let Some(v) = &f.visibility {
        eq(&mut conds, "a.visibility", v.clone().into());
    }
    if f.requester_view {
        conds.push("a.status = 'published' AND a.visibility = 'public'".into());
    }
    if let Some(l) = &f.available_in {
        params.push(l.clone().into());
        conds.push(format!(
            "EXISTS (SELECT 1 FROM kb_translations x WHERE x.article_id = a.id AND x.lang = ${})",
            params.len()
        ));
    }
    if let Some(r) = &f.needs_review {
        params.push(r.min_votes.max(1).into());
        let min = params.len();
        params.push(r.not_helpful_percent.into());
        let percent = params.len();
        params.push(r.stale_before.into());
        let before = params.len();
        conds.push(format!(
            "a.status = 'published' AND ((a.helpful + a.not_helpful >= ${min} \
             AND a.not_helpful * 100 > (a.helpful + a.not_helpful) * ${percent}) \
             OR COALESCE(a.reviewed_at, a.published_at) IS NULL \
             OR COALESCE(a.reviewed_at, a.published_at) <= ${before})"
        ));
    }
    if let Some(text) = f
        .title_contains
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let escaped = text
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        params.push(format!("%{escaped}%").into());
        conds.push(format!(
            "EXISTS (SELECT 1 FROM kb_translations x WHERE x.article_id = a.id \
             AND LOWER(x.title) LIKE ${} ESCAPE '\\')",
            params.len()
        ));
    }
    if let Some(ids) = &f.ids {
        if ids.is_empty() {
            return Ok((Vec::new(), 0));
        }
        // Ids are numbers, so listing them inline cannot inject anything.
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        conds.push(format!("a.id IN ({})", list.join(", ")));
    }
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    let total = c
        .int(
            &format!("SELECT COUNT(*) FROM kb_articles a{filter}"),
            params.clone(),
        )
        .await?;
    let per_page = per_page.clamp(1, 500);
    let order = match f.order {
        ArticleOrder::Recent => "a.updated_at DESC, a.id DESC",
        ArticleOrder::MostViewed => "a.view_count DESC, a.id DESC",
        ArticleOrder::MostNotHelpful => "a.not_helpful DESC, a.id",
    };
    let n = params.len();
    params.push(lang.into());
    params.push(per_page.into());
    params.push(((page.max(1) - 1) * per_page).into());
    let rows = c
        .all(
            &format!(
                "SELECT {COLUMNS}, COALESCE(tl.title, t0.title) AS title, COALESCE(tl.lang, t0.lang) AS lang \
                 FROM kb_articles a \
                 JOIN kb_translations t0 ON t0.article_id = a.id AND t0.lang = a.original_lang \
                 LEFT JOIN kb_translations tl ON tl.article_id = a.id AND tl.lang = ${}{filter} \
                 ORDER BY {order} LIMIT ${} OFFSET ${}",
                n + 1,
                n + 2,
                n + 3
            ),
            params,
        )
        .await?;
    Ok((rows, total))
}

/// Article ids after `after`, at most `limit`, in order: one batch of a search index rebuild.
pub async fn ids_after(c: &mut Conn, after: i64, limit: i64) -> Result<Vec<i64>, StoreError> {
    let rows: Vec<(i64,)> = c
        .all(
            "SELECT id FROM kb_articles WHERE id > $1 ORDER BY id LIMIT $2",
            args![after, limit],
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
