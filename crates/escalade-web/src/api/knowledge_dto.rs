//! The knowledge base API's shapes: articles in and out, lists, versions and diffs, and the
//! query filters, with the small parsers that turn query words into the domain's types.

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use escalade_app::knowledge::history::{ArticleVersion, VersionDiff};
use escalade_app::knowledge::{ArticleItem, ArticlePage, ArticleView};
use escalade_core::knowledge::{ArticleContent, ArticleDiff};
use escalade_core::people::Language;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::extract::nullable;

/// A query value that names nothing is a bad query (400) naming its field.
pub fn query_error(field: &str, e: impl Into<ApiError>) -> ApiError {
    let mut e: ApiError = e.into();
    e.status = StatusCode::BAD_REQUEST;
    e.detail.code = "invalid_query".into();
    e.field(field)
}

/// A language tag from a query or path (`en`, `fr`, `ru`, `zh-CN`).
pub fn query_lang(v: Option<&str>) -> Result<Option<Language>, ApiError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => Language::parse(s)
            .map(Some)
            .map_err(|e| query_error("lang", e)),
    }
}

/// A language tag from a body field, as a 422 naming the field.
pub fn body_lang(v: Option<&str>, field: &str) -> Result<Option<Language>, ApiError> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => Language::parse(s).map(Some).map_err(|e| {
            let e: ApiError = e.into();
            e.field(field)
        }),
    }
}

/// An article as the caller sees it, in one language.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleOut {
    /// Id.
    pub id: i64,
    /// `sop`, `known_error`, `faq` or `how_to`.
    pub kind: String,
    /// `draft`, `review`, `published` or `archived`.
    pub status: String,
    /// `public` (portal) or `internal` (agents).
    pub visibility: String,
    /// Category.
    pub category_id: Option<i64>,
    /// Service concerned (free text).
    pub service: Option<String>,
    /// The language it was written in.
    pub original_lang: String,
    /// The language shown: the one asked for when translated, else the original.
    pub lang: String,
    /// Every language it has a text in, the original first.
    pub languages: Vec<String>,
    /// Title in `lang`.
    pub title: String,
    /// Content in `lang`, tagged by `kind`; every part Markdown.
    #[schema(value_type = Object)]
    pub content: ArticleContent,
    /// The same content with every part rendered as sanitised HTML.
    #[schema(value_type = Object)]
    pub html: ArticleContent,
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
    /// Last review.
    pub reviewed_at: Option<DateTime<Utc>>,
    /// The ticket it was drafted from (`INC-000123`).
    pub source_ticket: Option<String>,
    /// Views.
    pub view_count: i64,
    /// Helpful votes.
    pub helpful: i64,
    /// Not-helpful votes.
    pub not_helpful: i64,
    /// Tickets it spared ("this solved my problem").
    pub deflections: i64,
    /// The caller's own vote.
    pub my_vote: Option<bool>,
    /// Newest version number; send it back with a change to guard against overwriting.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl From<ArticleView> for ArticleOut {
    fn from(v: ArticleView) -> Self {
        let f = v.facts;
        Self {
            id: f.id.0,
            kind: f.kind.as_str().into(),
            status: f.status.as_str().into(),
            visibility: f.visibility.as_str().into(),
            category_id: f.category_id.map(|c| c.0),
            service: f.service,
            original_lang: f.original_lang.as_str().into(),
            lang: v.lang.as_str().into(),
            languages: v.languages.iter().map(|l| l.as_str().to_string()).collect(),
            title: v.title,
            content: v.content,
            html: v.html,
            owner_id: f.owner_id,
            author_id: f.author_id,
            approved_by: f.approved_by,
            approved_at: f.approved_at,
            published_at: f.published_at,
            reviewed_at: f.reviewed_at,
            source_ticket: f.source_ticket,
            view_count: f.view_count,
            helpful: f.helpful,
            not_helpful: f.not_helpful,
            deflections: f.deflections,
            my_vote: v.my_vote,
            version: f.version,
            created_at: f.created_at,
            updated_at: f.updated_at,
        }
    }
}

/// An article in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticleItemOut {
    /// Id.
    pub id: i64,
    /// Kind.
    pub kind: String,
    /// Status.
    pub status: String,
    /// Visibility.
    pub visibility: String,
    /// Category.
    pub category_id: Option<i64>,
    /// Title in `lang`.
    pub title: String,
    /// The title's language.
    pub lang: String,
    /// Views.
    pub view_count: i64,
    /// Helpful votes.
    pub helpful: i64,
    /// Not-helpful votes.
    pub not_helpful: i64,
    /// Deflections.
    pub deflections: i64,
    /// Newest version.
    pub version: i64,
    /// The ticket it was drafted from.
    pub source_ticket: Option<String>,
    /// Last publication.
    pub published_at: Option<DateTime<Utc>>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl From<ArticleItem> for ArticleItemOut {
    fn from(a: ArticleItem) -> Self {
        let f = a.facts;
        Self {
            id: f.id.0,
            kind: f.kind.as_str().into(),
            status: f.status.as_str().into(),
            visibility: f.visibility.as_str().into(),
            category_id: f.category_id.map(|c| c.0),
            title: a.title,
            lang: a.lang.as_str().into(),
            view_count: f.view_count,
            helpful: f.helpful,
            not_helpful: f.not_helpful,
            deflections: f.deflections,
            version: f.version,
            source_ticket: f.source_ticket,
            published_at: f.published_at,
            updated_at: f.updated_at,
        }
    }
}

/// A page of articles.
#[derive(Debug, Serialize, ToSchema)]
pub struct ArticlePageOut {
    /// Articles.
    pub items: Vec<ArticleItemOut>,
    /// How many match.
    pub total: i64,
    /// Page, from 1.
    pub page: i64,
    /// Page size.
    pub per_page: i64,
}

impl From<ArticlePage> for ArticlePageOut {
    fn from(p: ArticlePage) -> Self {
        Self {
            items: p.items.into_iter().map(Into::into).collect(),
            total: p.total,
            page: p.page,
            per_page: p.per_page,
        }
    }
}

/// Filters of the article list.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ArticleListQuery {
    /// `sop`, `known_error`, `faq` or `how_to`.
    pub kind: Option<String>,
    /// Category id.
    pub category_id: Option<i64>,
    /// `draft`, `review`, `published` or `archived` (requesters always get published).
    pub status: Option<String>,
    /// `public` or `internal` (requesters always get public).
    pub visibility: Option<String>,
    /// Only articles with a text in this language; titles shown in it.
    pub lang: Option<String>,
    /// Page, from 1.
    pub page: Option<i64>,
    /// Page size, 1-500 (25).
    pub per_page: Option<i64>,
}

/// The language to show.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LangQuery {
    /// `en`, `fr`, `ru` or `zh-CN`; the original when the article has no text in it.
    pub lang: Option<String>,
}

/// A new article.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleIn {
    /// One line, 1 to 200 characters.
    pub title: String,
    /// Tagged by kind, e.g. `{"kind": "faq", "question": "...", "answer": "..."}`,
    /// `{"kind": "sop", "steps": [{"text": "...", "expected": "..."}]}`,
    /// `{"kind": "known_error", "symptom", "cause", "workaround"}`, `{"kind": "how_to", "body"}`.
    /// Every part is Markdown; a draft may leave parts empty.
    #[schema(value_type = Object)]
    pub content: ArticleContent,
    /// Original language (the caller's when absent).
    #[serde(default)]
    pub lang: Option<String>,
    /// `internal` (default) or `public`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Category.
    #[serde(default)]
    pub category_id: Option<i64>,
    /// Service concerned.
    #[serde(default)]
    pub service: Option<String>,
    /// Note for the first version.
    #[serde(default)]
    pub note: Option<String>,
}

/// A change to an article; give only what changes. Every change is a version.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticlePatchIn {
    /// Which language's text changes (the original when absent).
    #[serde(default)]
    pub lang: Option<String>,
    /// New title.
    #[serde(default)]
    pub title: Option<String>,
    /// New content, of the article's kind.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub content: Option<ArticleContent>,
    /// `public` or `internal`.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Category; `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<i64>)]
    pub category_id: Option<Option<i64>>,
    /// Service; `null` removes it.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>)]
    pub service: Option<Option<String>>,
    /// Owner (an active agent).
    #[serde(default)]
    pub owner_id: Option<i64>,
    /// The version this change was made on: refused with 409 `stale_version` if someone saved
    /// since.
    #[serde(default)]
    pub version: Option<i64>,
    /// What changed and why.
    #[serde(default)]
    pub note: Option<String>,
}

/// A translation.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TranslationIn {
    /// Title in that language.
    pub title: String,
    /// Content in that language, of the article's kind.
    #[schema(value_type = Object)]
    pub content: ArticleContent,
    /// The version this was made on (see `ArticlePatchIn.version`).
    #[serde(default)]
    pub version: Option<i64>,
    /// Note for the version.
    #[serde(default)]
    pub note: Option<String>,
}

/// A lifecycle move.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveIn {
    /// `submit` (draft -> review, `kb.write`), `approve` (review -> published, `kb.publish`),
    /// `send_back` (review -> draft, `kb.publish`, `note` required), `archive` (published ->
    /// archived, `kb.publish`), `revive` (archived -> draft, `kb.write`).
    #[serde(rename = "move")]
    pub mv: String,
    /// Why; required to send back.
    #[serde(default)]
    pub note: Option<String>,
}

/// One version of an article.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionOut {
    /// Number, from 1.
    pub number: i64,
    /// Language edited.
    pub lang: String,
    /// Title then.
    pub title: String,
    /// Content then.
    #[schema(value_type = Object)]
    pub content: ArticleContent,
    /// Editor.
    pub author_id: Option<i64>,
    /// Editor's name.
    pub author_name: Option<String>,
    /// Note.
    pub note: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

impl From<ArticleVersion> for VersionOut {
    fn from(v: ArticleVersion) -> Self {
        Self {
            number: v.number,
            lang: v.lang,
            title: v.text.title,
            content: v.text.content,
            author_id: v.author_id,
            author_name: v.author_name,
            note: v.note,
            created_at: v.created_at,
        }
    }
}

/// The versions of an article, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct VersionListOut {
    /// Versions.
    pub items: Vec<VersionOut>,
}

/// Which versions to compare.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DiffQuery {
    /// Older version number.
    pub from: i64,
    /// Newer version number.
    pub to: i64,
}

/// A line diff between two versions.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiffOut {
    /// Older version.
    pub from: i64,
    /// Newer version.
    pub to: i64,
    /// Lines added.
    pub added: usize,
    /// Lines removed.
    pub removed: usize,
    /// Every line: `{"change": "same" | "added" | "removed", "text"}`.
    #[schema(value_type = Vec<Object>)]
    pub lines: Vec<escalade_core::knowledge::DiffLine>,
}

impl From<VersionDiff> for DiffOut {
    fn from(d: VersionDiff) -> Self {
        let ArticleDiff {
            lines,
            added,
            removed,
        } = d.diff;
        Self {
            from: d.from.number,
            to: d.to.number,
            added,
            removed,
            lines,
        }
    }
}
