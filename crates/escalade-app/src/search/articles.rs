//! Keeping the search index in step with the knowledge base: every translation of an article
//! is one `article` document (parent = the article), re-written inside the article's own write
//! transaction on each create, edit, translation and lifecycle move, so its status, visibility,
//! kind and category in the index are always the article's. The reader's reach then filters
//! on them in SQL (published public articles only without `kb.read_internal`).

use chrono::{DateTime, Utc};
use escalade_core::knowledge::{ArticleContent, ArticleId};
use escalade_core::people::Language;
use escalade_core::search::index_text;
use escalade_store::knowledge::{self as kb_store, versions as kb_versions};
use escalade_store::search::{self as search_store, DocType, Document};
use escalade_store::{Conn, StoreError};

use crate::knowledge::markdown;

/// The document id of an article's translation: unique per (article, language) without a
/// translation id of its own (`kb_translations` is keyed by both).
pub fn article_doc_id(article: ArticleId, lang: Language) -> i64 {
    let at = Language::ALL.iter().position(|l| *l == lang).unwrap_or(0) as i64;
    article.0 * 8 + at
}

/// The searchable text of an article's content: its parts, one paragraph each (no headings,
/// so the words of the layout do not match every article), as plain text without their
/// Markdown markup: both the terms and the stored body (what snippets are cut from) come from
/// it, so a snippet reads `Connect`, not `**Connect**`.
pub fn article_plain_text(content: &ArticleContent) -> String {
    content
        .parts()
        .into_iter()
        .map(|(_, text)| markdown::plain_text(text))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Re-indexes every translation of an article as it now is (or removes its documents when
/// it no longer exists). Runs inside the article's write.
pub(crate) async fn article_changed(
    c: &mut Conn,
    id: ArticleId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(row) = kb_store::get(c, id).await? else {
        for lang in Language::ALL {
            search_store::remove_document(c, DocType::Article, article_doc_id(id, *lang)).await?;
        }
        return Ok(());
    };
    for t in kb_versions::translations(c, id).await? {
        let Ok(lang) = Language::parse(&t.lang) else {
            continue;
        };
        // A content that does not parse is indexed by its title alone rather than failing
        // the author's save.
        let body = serde_json::from_str::<ArticleContent>(&t.content)
            .map(|content| article_plain_text(&content))
            .unwrap_or_default();
        let doc = Document {
            doc_type: DocType::Article,
            doc_id: article_doc_id(id, lang),
            ticket_id: None,
            parent_id: Some(id.0),
            lang: Some(lang.as_str().to_string()),
            internal: row.visibility != "public",
            category_id: row.category_id,
            kind: Some(row.kind.clone()),
            status: Some(row.status.clone()),
            terms: index_text(&format!("{}\n{}", t.title, body), Some(lang)),
            title: t.title,
            body,
            updated_at: now,
        };
        search_store::upsert_document(c, &doc).await?;
    }
    Ok(())
}
