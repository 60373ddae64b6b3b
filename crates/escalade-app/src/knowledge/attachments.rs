//! Files attached to articles (screenshots, scripts, forms): uploaded by writers under the
//! same edit rules as the text, stored once per SHA-256 in the blob store tickets use, and
//! downloaded by whoever may read the article.

use escalade_core::authz::Permission;
use escalade_core::knowledge::{ArticleId, check_edit};
use escalade_store::knowledge::engagement::{self as kb_engagement, ArticleAttachmentRow};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::App;
use crate::attachments::{clean_file_name, clean_media_type};
use crate::caller::Caller;
use crate::error::AppError;

impl App {
    /// Attaches a file to an article (`kb.write`, and `kb.publish` once in review or
    /// published; never to an archived one).
    pub async fn attach_to_article(
        &self,
        caller: &Caller,
        id: ArticleId,
        file_name: &str,
        media_type: &str,
        content: Vec<u8>,
    ) -> Result<ArticleAttachmentRow, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        drop(c);
        caller.require(Permission::KbWrite)?;
        check_edit(facts.status, caller.has(Permission::KbPublish))?;
        let limit = self.config.max_attachment_bytes;
        if content.len() > limit {
            return Err(AppError::TooLarge {
                size: content.len(),
                limit,
            });
        }
        if content.is_empty() {
            return Err(AppError::invalid("body", "empty_file", "the file is empty"));
        }
        let file_name = clean_file_name(file_name)?;
        let media_type = clean_media_type(media_type);
        let sha = hex::encode(Sha256::digest(&content));
        let actor = caller.id();
        let now = self.clock.now();
        let attachment = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let aid = kb_engagement::attach(
                        c, id, &sha, &file_name, &media_type, &content, actor, now,
                    )
                    .await?;
                    escalade_store::audit::record(
                        c,
                        Some(actor),
                        "kb.article.attach",
                        "kb_article",
                        &id.to_string(),
                        &json!({"attachment_id": aid, "file_name": file_name, "size": content.len()}),
                        now,
                    )
                    .await?;
                    kb_engagement::attachment(c, aid)
                        .await?
                        .ok_or(escalade_store::StoreError::NotFound)
                })
            })
            .await?;
        Ok(attachment)
    }

    /// The files of an article the caller may read.
    pub async fn article_attachments(
        &self,
        caller: &Caller,
        id: ArticleId,
    ) -> Result<Vec<ArticleAttachmentRow>, AppError> {
        let mut c = self.store.read().await?;
        self.readable_article(&mut c, caller, id).await?;
        Ok(kb_engagement::attachments(&mut c, id).await?)
    }

    /// One file of an article the caller may read, with its bytes.
    pub async fn article_attachment(
        &self,
        caller: &Caller,
        id: ArticleId,
        attachment: i64,
    ) -> Result<(ArticleAttachmentRow, Vec<u8>), AppError> {
        let mut c = self.store.read().await?;
        self.readable_article(&mut c, caller, id).await?;
        let row = kb_engagement::attachment(&mut c, attachment)
            .await?
            .filter(|a| a.article_id == id.0)
            .ok_or(AppError::NotFound("attachment"))?;
        let content = escalade_store::attachments::content(&mut c, &row.sha256).await?;
        Ok((row, content))
    }
}
