//! The text of an article per language (`kb_translations`) and its history (`kb_versions`):
//! every save of any language is one numbered version, written together with the current text
//! and the article's version counter, which guards against two editors overwriting each other.

use chrono::{DateTime, Utc};
use escalade_core::ids::UserId;
use escalade_core::knowledge::ArticleId;

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// The current text of one language.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TranslationRow {
    /// Article.
    pub article_id: i64,
    /// Language tag.
    pub lang: String,
    /// Title.
    pub title: String,
    /// Content JSON.
    pub content: String,
    /// Last editor.
    pub updated_by: Option<i64>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// One version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct VersionRow {
    /// Article.
    pub article_id: i64,
    /// Number, from 1, per article.
    pub number: i64,
    /// Language edited.
    pub lang: String,
    /// Title then.
    pub title: String,
    /// Content JSON then.
    pub content: String,
    /// Editor.
    pub author_id: Option<i64>,
    /// Editor's name.
    pub author_name: Option<String>,
    /// The editor's note.
    pub note: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A text to save.
#[derive(Debug, Clone)]
pub struct TextSave {
    /// Language.
    pub lang: String,
    /// Title.
    pub title: String,
    /// Content JSON.
    pub content: String,
    /// Editor.
    pub author: UserId,
    /// What changed and why.
    pub note: String,
}

/// Saves the text of one language as the next version. With `expected_version`, refuses
/// (conflict `stale_version`) when someone saved since that version was read. Returns the new
/// version number.
pub async fn save(
    c: &mut Conn,
    article: ArticleId,
    expected_version: Option<i64>,
    t: &TextSave,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    let n = match expected_version {
        Some(v) => {
            c.exec(
                "UPDATE kb_articles SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3",
                args![now, article.0, v],
            )
            .await?
        }
        None => {
            c.exec(
                "UPDATE kb_articles SET version = version + 1, updated_at = $1 WHERE id = $2",
                args![now, article.0],
            )
            .await?
        }
    };
    if n == 0 {
        return Err(StoreError::Conflict {
            code: "stale_version",
            message:
                "the article was changed since you read it; reload it and apply your change again"
                    .into(),
        });
    }
    let number = c
        .int(
            "SELECT version FROM kb_articles WHERE id = $1",
            args![article.0],
        )
        .await?;
    c.exec(
        "INSERT INTO kb_translations (article_id, lang, title, content, updated_by, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (article_id, lang) DO UPDATE SET \
         title = excluded.title, content = excluded.content, updated_by = excluded.updated_by, \
         updated_at = excluded.updated_at",
        args![
            article.0,
            t.lang.as_str(),
            t.title.as_str(),
            t.content.as_str(),
            t.author.0,
            now
        ],
    )
    .await?;
    c.exec(
        "INSERT INTO kb_versions (article_id, number, lang, title, content, author_id, note, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        args![
            article.0,
            number,
            t.lang.as_str(),
            t.title.as_str(),
            t.content.as_str(),
            t.author.0,
            t.note.as_str(),
            now
        ],
    )
    .await?;
    Ok(number)
}

/// Every language's current text, the original's included.
pub async fn translations(
    c: &mut Conn,
    article: ArticleId,
) -> Result<Vec<TranslationRow>, StoreError> {
    c.all(
        "SELECT article_id, lang, title, content, updated_by, updated_at FROM kb_translations \
         WHERE article_id = $1 ORDER BY lang",
        args![article.0],
    )
    .await
}

/// One language's current text.
pub async fn translation(
    c: &mut Conn,
    article: ArticleId,
    lang: &str,
) -> Result<Option<TranslationRow>, StoreError> {
    c.opt(
        "SELECT article_id, lang, title, content, updated_by, updated_at FROM kb_translations \
         WHERE article_id = $1 AND lang = $2",
        args![article.0, lang],
    )
    .await
}

const VERSION_COLUMNS: &str = "v.article_id, v.number, v.lang, v.title, v.content, v.author_id, \
     u.display_name AS author_name, v.note, v.created_at";

/// The history, newest first.
pub async fn history(c: &mut Conn, article: ArticleId) -> Result<Vec<VersionRow>, StoreError> {
    c.all(
        &format!(
            "SELECT {VERSION_COLUMNS} FROM kb_versions v LEFT JOIN users u ON u.id = v.author_id \
             WHERE v.article_id = $1 ORDER BY v.number DESC"
        ),
        args![article.0],
    )
    .await
}

/// One version.
pub async fn version(
    c: &mut Conn,
    article: ArticleId,
    number: i64,
) -> Result<Option<VersionRow>, StoreError> {
    c.opt(
        &format!(
            "SELECT {VERSION_COLUMNS} FROM kb_versions v LEFT JOIN users u ON u.id = v.author_id \
             WHERE v.article_id = $1 AND v.number = $2"
        ),
        args![article.0, number],
    )
    .await
}
