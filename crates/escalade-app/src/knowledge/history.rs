//! An article's history: every version (edits and translations, numbered per article) and the
//! line diff between any two. Versions hold drafts' text, so only those who read every
//! article (`kb.read_internal`, writers, publishers) see them.

use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::knowledge::{ArticleDiff, ArticleId, ArticleText, line_diff};
use escalade_store::knowledge::versions::{self as kb_versions, VersionRow};

use super::{parse_content, reads_everything};
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// One version.
#[derive(Debug, Clone)]
pub struct ArticleVersion {
    /// Number, from 1.
    pub number: i64,
    /// Language edited.
    pub lang: String,
    /// The text then.
    pub text: ArticleText,
    /// Editor.
    pub author_id: Option<i64>,
    /// Editor's name.
    pub author_name: Option<String>,
    /// The editor's note.
    pub note: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

fn version(r: VersionRow) -> Result<ArticleVersion, AppError> {
    Ok(ArticleVersion {
        number: r.number,
        text: ArticleText {
            title: r.title,
            content: parse_content(&r.content, r.article_id)?,
        },
        lang: r.lang,
        author_id: r.author_id,
        author_name: r.author_name,
        note: r.note,
        created_at: r.created_at,
    })
}

/// The diff between two versions.
#[derive(Debug, Clone)]
pub struct VersionDiff {
    /// Older version.
    pub from: ArticleVersion,
    /// Newer version.
    pub to: ArticleVersion,
    /// Line by line.
    pub diff: ArticleDiff,
}

impl App {
    fn require_history(&self, caller: &Caller) -> Result<(), AppError> {
        if reads_everything(caller) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                Permission::KbReadInternal.as_str(),
                "an article's history is for the desk's agents",
            ))
        }
    }

    /// Every version of an article, newest first.
    pub async fn article_history(
        &self,
        caller: &Caller,
        id: ArticleId,
    ) -> Result<Vec<ArticleVersion>, AppError> {
        let mut c = self.store.read().await?;
        self.readable_article(&mut c, caller, id).await?;
        self.require_history(caller)?;
        kb_versions::history(&mut c, id)
            .await?
            .into_iter()
            .map(version)
            .collect()
    }

    /// The line diff from version `from` to version `to` (any two, any languages).
    pub async fn article_diff(
        &self,
        caller: &Caller,
        id: ArticleId,
        from: i64,
        to: i64,
    ) -> Result<VersionDiff, AppError> {
        let mut c = self.store.read().await?;
        self.readable_article(&mut c, caller, id).await?;
        self.require_history(caller)?;
        let load =
            async |c: &mut escalade_store::Conn, n: i64, field: &str| match kb_versions::version(
                c, id, n,
            )
            .await?
            {
                Some(r) => version(r),
                None => Err(AppError::invalid(
                    field,
                    "unknown_version",
                    format!("the article has no version {n}"),
                )),
            };
        let old = load(&mut c, from, "from").await?;
        let new = load(&mut c, to, "to").await?;
        let diff = line_diff(&old.text.to_plain(), &new.text.to_plain());
        Ok(VersionDiff {
            from: old,
            to: new,
            diff,
        })
    }
}
