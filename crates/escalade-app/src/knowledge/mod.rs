//! Knowledge base use cases. Every method takes the [`Caller`] and checks the `kb.*`
//! permissions here: requesters (no `kb.read_internal`) read published public articles only,
//! and anything else is "not found" for them, so no article's existence leaks. Writers
//! (`kb.write`) create and edit drafts and translations and submit them; publishers
//! (`kb.publish`) approve, send back, archive and edit what is in review or published. Every
//! change is audited. Authoring is in [`authoring`], reading in this file, history and diffs
//! in [`history`], votes, views, deflections, ticket links and lists in [`engagement`].

pub mod attachments;
pub mod authoring;
pub mod engagement;
pub mod history;
pub mod markdown;

use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::ids::{CategoryId, TicketId, TicketNumber};
use escalade_core::knowledge::{
    ArticleContent, ArticleId, ArticleKind, ArticleStatus, ArticleText, ArticleVisibility,
    readable_by_requesters,
};
use escalade_core::people::Language;
use escalade_core::ticket::TicketType;
use escalade_store::Conn;
use escalade_store::knowledge::{self as kb_store, ArticleFilter, ArticleRow, ArticleSummary};
use escalade_store::knowledge::{engagement as kb_engagement, versions as kb_versions};

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// An article's facts, typed.
#[derive(Debug, Clone)]
pub struct ArticleFacts {
    /// Id.
    pub id: ArticleId,
    /// Kind.
    pub kind: ArticleKind,
    /// Status.
    pub status: ArticleStatus,
    /// Visibility.
    pub visibility: ArticleVisibility,
    /// Category.
    pub category_id: Option<CategoryId>,
    /// Service.
    pub service: Option<String>,
    /// Original language.
    pub original_lang: Language,
    /// Owner.
    pub owner_id: i64,
    /// Author.
    pub author_id: i64,
    /// Last approver.
    pub approved_by: Option<i64>,
    /// Last approval.
    pub approved_at: Option<DateTime<Utc>>,
    /// Last publication.
    pub published_at: Option<DateTime<Utc>>,
    /// Last review.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The ticket it was drafted from, by number.
    pub source_ticket: Option<String>,
    /// Views.
    pub view_count: i64,
    /// Helpful votes.
    pub helpful: i64,
    /// Not-helpful votes.
    pub not_helpful: i64,
    /// Deflections.
    pub deflections: i64,
    /// Newest version number.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl ArticleFacts {
    /// Reads a stored row; an unknown word in it is a corrupt row, not the reader's fault.
    pub fn from_row(r: &ArticleRow) -> Result<Self, AppError> {
        let corrupt =
            |e: escalade_core::DomainError| AppError::Internal(format!("article {}: {e}", r.id));
        Ok(Self {
            id: ArticleId(r.id),
            kind: ArticleKind::parse(&r.kind, "kind").map_err(corrupt)?,
            status: ArticleStatus::parse(&r.status, "status").map_err(corrupt)?,
            visibility: ArticleVisibility::parse(&r.visibility, "visibility").map_err(corrupt)?,
            category_id: r.category_id.map(CategoryId),
            service: r.service.clone(),
            original_lang: Language::parse(&r.original_lang).map_err(corrupt)?,
            owner_id: r.owner_id,
            author_id: r.author_id,
            approved_by: r.approved_by,
            approved_at: r.approved_at,
            published_at: r.published_at,
            reviewed_at: r.reviewed_at,
            source_ticket: match (r.source_ticket_id, &r.source_ticket_kind) {
                (Some(id), Some(kind)) => Some(
                    TicketNumber::new(
                        TicketType::parse("kind", kind).map_err(corrupt)?,
                        TicketId(id),
                    )
                    .to_string(),
                ),
                _ => None,
            },
            view_count: r.view_count,
            helpful: r.helpful,
            not_helpful: r.not_helpful,
            deflections: r.deflections,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// An article as one reader sees it: its facts and its text in the language shown.
#[derive(Debug, Clone)]
pub struct ArticleView {
    /// Facts.
    pub facts: ArticleFacts,
    /// The language shown: the one asked for when translated, else the original.
    pub lang: Language,
    /// Title in `lang`.
    pub title: String,
    /// Content in `lang`, Markdown parts.
    pub content: ArticleContent,
    /// The same content with each part rendered as sanitised HTML.
    pub html: ArticleContent,
    /// Every language the article has a text in, the original first.
    pub languages: Vec<Language>,
    /// The reader's own vote.
    pub my_vote: Option<bool>,
}

/// A line of an article list.
#[derive(Debug, Clone)]
pub struct ArticleItem {
    /// Facts.
    pub facts: ArticleFacts,
    /// Title in `lang`.
    pub title: String,
    /// The title's language.
    pub lang: Language,
}

impl ArticleItem {
    fn from_summary(s: &ArticleSummary) -> Result<Self, AppError> {
        Ok(Self {
            facts: ArticleFacts::from_row(&s.article)?,
            title: s.title.clone(),
            lang: Language::parse(&s.lang).unwrap_or_default(),
        })
    }
}

/// A page of articles.
#[derive(Debug, Clone)]
pub struct ArticlePage {
    /// The articles.
    pub items: Vec<ArticleItem>,
    /// How many match.
    pub total: i64,
    /// Page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

/// What a list asks for.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuery {
    /// Kind.
    pub kind: Option<ArticleKind>,
    /// Category.
    pub category_id: Option<CategoryId>,
    /// Status.
    pub status: Option<ArticleStatus>,
    /// Visibility.
    pub visibility: Option<ArticleVisibility>,
    /// Only articles with a text in this language (titles shown in it).
    pub lang: Option<Language>,
    /// Only articles whose title (in any language) contains this text, ignoring case.
    pub title_contains: Option<String>,
    /// Only these articles (e.g. one page of search results).
    pub ids: Option<Vec<i64>>,
    /// Page, from 1.
    pub page: i64,
    /// Page size, 1-500.
    pub per_page: i64,
}

/// Parses stored content JSON.
pub(crate) fn parse_content(json: &str, article: i64) -> Result<ArticleContent, AppError> {
    serde_json::from_str(json).map_err(|e| {
        AppError::Internal(format!("article {article}: stored content unreadable: {e}"))
    })
}

/// Whether the caller reads every article (drafts and internal ones): agents who read
/// internal articles, and anyone who writes or publishes them.
pub fn reads_everything(caller: &Caller) -> bool {
    caller.has(Permission::KbReadInternal)
        || caller.has(Permission::KbWrite)
        || caller.has(Permission::KbPublish)
}

impl App {
    /// Loads an article the caller may read; otherwise not found (whether it exists or not).
    pub(crate) async fn readable_article(
        &self,
        c: &mut Conn,
        caller: &Caller,
        id: ArticleId,
    ) -> Result<ArticleFacts, AppError> {
        let row = kb_store::get(c, id)
            .await?
            .ok_or(AppError::NotFound("article"))?;
        let facts = ArticleFacts::from_row(&row)?;
        if !reads_everything(caller) && !readable_by_requesters(facts.status, facts.visibility) {
            return Err(AppError::NotFound("article"));
        }
        Ok(facts)
    }

    /// The text of an article in `lang` when it has one, else in its original language.
    pub(crate) async fn article_text(
        &self,
        c: &mut Conn,
        facts: &ArticleFacts,
        lang: Option<Language>,
    ) -> Result<(Language, ArticleText), AppError> {
        let wanted = lang.unwrap_or(facts.original_lang);
        let row = match kb_versions::translation(c, facts.id, wanted.as_str()).await? {
            Some(r) => r,
            None => kb_versions::translation(c, facts.id, facts.original_lang.as_str())
                .await?
                .ok_or_else(|| AppError::Internal(format!("article {} has no text", facts.id)))?,
        };
        let shown = Language::parse(&row.lang).unwrap_or(facts.original_lang);
        Ok((
            shown,
            ArticleText {
                title: row.title,
                content: parse_content(&row.content, facts.id.0)?,
            },
        ))
    }

    /// One article in the language asked for (else the original). Requesters get published
    /// public articles only; anything else is not found.
    pub async fn article(
        &self,
        caller: &Caller,
        id: ArticleId,
        lang: Option<Language>,
    ) -> Result<ArticleView, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        self.article_view(&mut c, caller, facts, lang).await
    }

    pub(crate) async fn article_view(
        &self,
        c: &mut Conn,
        caller: &Caller,
        facts: ArticleFacts,
        lang: Option<Language>,
    ) -> Result<ArticleView, AppError> {
        let (shown, text) = self.article_text(c, &facts, lang).await?;
        let mut languages: Vec<Language> = kb_versions::translations(c, facts.id)
            .await?
            .iter()
            .filter_map(|t| Language::parse(&t.lang).ok())
            .filter(|l| *l != facts.original_lang)
            .collect();
        languages.insert(0, facts.original_lang);
        let my_vote = kb_engagement::vote_of(c, facts.id, caller.id()).await?;
        Ok(ArticleView {
            html: text.content.map_parts(markdown::render),
            lang: shown,
            title: text.title,
            content: text.content,
            languages,
            my_vote,
            facts,
        })
    }

    /// Articles matching the query, newest change first, titles in the language asked for
    /// (else the original). Requesters see published public articles only, whatever they ask.
    pub async fn articles(
        &self,
        caller: &Caller,
        q: &ArticleQuery,
    ) -> Result<ArticlePage, AppError> {
        let filter = ArticleFilter {
            kind: q.kind.map(|k| k.as_str().to_string()),
            category: q.category_id,
            status: q.status.map(|s| s.as_str().to_string()),
            visibility: q.visibility.map(|v| v.as_str().to_string()),
            available_in: q.lang.map(|l| l.as_str().to_string()),
            requester_view: !reads_everything(caller),
            title_contains: q.title_contains.clone(),
            ids: q.ids.clone(),
            ..Default::default()
        };
        let lang = q.lang.unwrap_or_else(|| caller.language());
        self.article_page(&filter, lang, q.page, q.per_page).await
    }

    pub(crate) async fn article_page(
        &self,
        filter: &ArticleFilter,
        lang: Language,
        page: i64,
        per_page: i64,
    ) -> Result<ArticlePage, AppError> {
        let page = page.max(1);
        let per_page = per_page.clamp(1, 500);
        let mut c = self.store.read().await?;
        let (rows, total) = kb_store::list(&mut c, filter, lang.as_str(), page, per_page).await?;
        Ok(ArticlePage {
            items: rows
                .iter()
                .map(ArticleItem::from_summary)
                .collect::<Result<_, _>>()?,
            total,
            page,
            per_page,
        })
    }
}
