//! Writing articles: create, edit (every edit a version), translate, the lifecycle moves, a
//! publisher's review stamp, and drafting an article from a resolved ticket. Each change is
//! audited in the same transaction.

use escalade_core::authz::Permission;
use escalade_core::ids::{CategoryId, TicketId, UserId};
use escalade_core::journal::EntryKind;
use escalade_core::knowledge::{
    ArticleContent, ArticleId, ArticleKind, ArticleMove, ArticleStatus, ArticleText,
    ArticleVisibility, SopStep, check_edit, check_translation, plan_move,
};
use escalade_core::people::Language;
use escalade_core::ticket::Status;
use escalade_store::knowledge::engagement as kb_engagement;
use escalade_store::knowledge::versions::{self as kb_versions, TextSave};
use escalade_store::knowledge::{self as kb_store, ArticleMeta, NewArticle};
use escalade_store::{Conn, audit, directory, journal as journal_store};
use serde_json::json;

use super::{ArticleFacts, ArticleView, parse_content};
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// Longest version note or send-back reason, in characters.
const NOTE_MAX: usize = 1000;
/// Longest service name, in characters.
const SERVICE_MAX: usize = 200;

/// A new article.
#[derive(Debug, Clone)]
pub struct NewArticleInput {
    /// Title and content (the content's kind is the article's).
    pub text: ArticleText,
    /// Original language (the caller's when absent).
    pub lang: Option<Language>,
    /// Public or internal (internal when absent).
    pub visibility: Option<ArticleVisibility>,
    /// Category.
    pub category_id: Option<CategoryId>,
    /// Service (free text).
    pub service: Option<String>,
    /// Note for the first version.
    pub note: Option<String>,
}

/// A change to an article: any of its text in one language, and its category, service,
/// visibility and owner. Absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ArticleChange {
    /// Which language's text (the original when absent).
    pub lang: Option<Language>,
    /// New title.
    pub title: Option<String>,
    /// New content.
    pub content: Option<ArticleContent>,
    /// New visibility.
    pub visibility: Option<ArticleVisibility>,
    /// New category (`Some(None)` removes it).
    pub category_id: Option<Option<CategoryId>>,
    /// New service (`Some(None)` removes it).
    pub service: Option<Option<String>>,
    /// New owner (an active agent).
    pub owner_id: Option<UserId>,
    /// The version the change was made on; refused when someone saved since.
    pub version: Option<i64>,
    /// What changed and why.
    pub note: Option<String>,
}

fn note(n: Option<String>, field: &str) -> Result<String, AppError> {
    let n = n.unwrap_or_default().trim().to_string();
    if n.chars().count() > NOTE_MAX {
        return Err(AppError::invalid(
            field,
            "too_long",
            format!("at most {NOTE_MAX} characters"),
        ));
    }
    Ok(n)
}

fn service(s: Option<String>) -> Result<Option<String>, AppError> {
    let s = s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    if s.as_ref().is_some_and(|s| s.chars().count() > SERVICE_MAX) {
        return Err(AppError::invalid(
            "service",
            "too_long",
            format!("at most {SERVICE_MAX} characters"),
        ));
    }
    Ok(s)
}

fn content_json(c: &ArticleContent) -> Result<String, AppError> {
    serde_json::to_string(c).map_err(|e| AppError::Internal(e.to_string()))
}

impl App {
    async fn check_category(&self, c: &mut Conn, id: Option<CategoryId>) -> Result<(), AppError> {
        if let Some(id) = id {
            let cat = directory::category(c, id).await?.ok_or_else(|| {
                AppError::invalid(
                    "category_id",
                    "unknown",
                    format!("there is no category {id}"),
                )
            })?;
            if !cat.active {
                return Err(AppError::invalid(
                    "category_id",
                    "inactive",
                    format!("the category '{}' is no longer in use", cat.name),
                ));
            }
        }
        Ok(())
    }

    /// Creates a draft article (`kb.write`) with its first version.
    pub async fn create_article(
        &self,
        caller: &Caller,
        input: NewArticleInput,
    ) -> Result<ArticleView, AppError> {
        caller.require(Permission::KbWrite)?;
        let id = self.insert_article(caller, input, None).await?;
        self.article(caller, id, None).await
    }

    pub(crate) async fn insert_article(
        &self,
        caller: &Caller,
        input: NewArticleInput,
        source_ticket: Option<TicketId>,
    ) -> Result<ArticleId, AppError> {
        let kind = input.text.content.kind();
        let text = input.text.validate(kind)?;
        let service = service(input.service)?;
        let note = note(input.note, "note")?;
        let lang = input.lang.unwrap_or_else(|| caller.language());
        let visibility = input.visibility.unwrap_or(ArticleVisibility::Internal);
        {
            let mut c = self.store.read().await?;
            self.check_category(&mut c, input.category_id).await?;
        }
        let row = NewArticle {
            kind: kind.as_str().into(),
            category: input.category_id,
            service,
            visibility: visibility.as_str().into(),
            original_lang: lang.as_str().into(),
            author: caller.id(),
            source_ticket,
        };
        let save = TextSave {
            lang: lang.as_str().into(),
            title: text.title.clone(),
            content: content_json(&text.content)?,
            author: caller.id(),
            note: if note.is_empty() {
                "created".into()
            } else {
                note
            },
        };
        let actor = caller.id();
        let now = self.clock.now();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = kb_store::insert(c, &row, now).await?;
                    kb_versions::save(c, id, Some(0), &save, now).await?;
                    if let Some(t) = row.source_ticket {
                        kb_engagement::link_ticket(c, id, t, actor, now).await?;
                    }
                    crate::search::articles::article_changed(c, id, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "kb.article.create",
                        "kb_article",
                        &id.to_string(),
                        &json!({"kind": row.kind, "title": save.title, "lang": save.lang,
                                "visibility": row.visibility, "source_ticket_id": row.source_ticket.map(|t| t.0)}),
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        Ok(id)
    }

    /// Changes an article (`kb.write`; in review or published also `kb.publish`): its text in
    /// one language and its category, service, visibility or owner. Every change is a version.
    pub async fn edit_article(
        &self,
        caller: &Caller,
        id: ArticleId,
        change: ArticleChange,
    ) -> Result<ArticleView, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        caller.require(Permission::KbWrite)?;
        check_edit(facts.status, caller.has(Permission::KbPublish))?;
        let lang = change.lang.unwrap_or(facts.original_lang);
        let current = kb_versions::translation(&mut c, id, lang.as_str())
            .await?
            .ok_or_else(|| {
                AppError::invalid(
                    "lang",
                    "no_translation",
                    format!(
                        "the article has no text in {}; translate it first",
                        lang.as_str()
                    ),
                )
            })?;
        let before = ArticleText {
            title: current.title,
            content: parse_content(&current.content, id.0)?,
        };
        let text = ArticleText {
            title: change.title.unwrap_or_else(|| before.title.clone()),
            content: change.content.unwrap_or_else(|| before.content.clone()),
        }
        .validate(facts.kind)?;
        let row = kb_store::get(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("article"))?;
        let category = change.category_id.unwrap_or(facts.category_id);
        self.check_category(&mut c, category).await?;
        let owner = change.owner_id.unwrap_or(UserId(facts.owner_id));
        if owner.0 != facts.owner_id {
            let u = directory::user(&mut c, owner).await?;
            if !u.is_some_and(|u| u.active && u.kind == "agent") {
                return Err(AppError::invalid(
                    "owner_id",
                    "not_an_agent",
                    format!("user {owner} is not an active agent"),
                ));
            }
        }
        let visibility = change.visibility.unwrap_or(facts.visibility);
        // A published article turns public only by a publisher's hand (check_edit ensured
        // it); a draft's visibility is the writer's choice until review.
        let meta = ArticleMeta {
            category,
            service: match change.service {
                Some(s) => service(s)?,
                None => row.service.clone(),
            },
            visibility: visibility.as_str().into(),
            owner,
        };
        drop(c);
        let note = note(change.note, "note")?;
        let mut changed: Vec<&str> = Vec::new();
        if meta.category != facts.category_id {
            changed.push("category");
        }
        if meta.service != facts.service {
            changed.push("service");
        }
        if visibility != facts.visibility {
            changed.push("visibility");
        }
        if owner.0 != facts.owner_id {
            changed.push("owner");
        }
        if text != before {
            changed.push("text");
        } else if changed.is_empty() {
            // Nothing differs: no version, nothing audited; the reader gets the article as it is.
            return self.article(caller, id, Some(lang)).await;
        }
        let save = TextSave {
            lang: lang.as_str().into(),
            title: text.title.clone(),
            content: content_json(&text.content)?,
            author: caller.id(),
            note: if note.is_empty() {
                format!("changed {}", changed.join(", "))
            } else {
                note
            },
        };
        let actor = caller.id();
        let now = self.clock.now();
        let expected = change.version;
        let details = json!({"lang": save.lang, "title": save.title, "changed": changed,
                             "visibility": meta.visibility, "note": save.note});
        self.store
            .write(move |c| {
                Box::pin(async move {
                    let n = kb_versions::save(c, id, expected, &save, now).await?;
                    kb_store::set_meta(c, id, &meta, now).await?;
                    crate::search::articles::article_changed(c, id, now).await?;
                    let mut details = details;
                    details["version"] = json!(n);
                    audit::record(
                        c,
                        Some(actor),
                        "kb.article.edit",
                        "kb_article",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await?;
                    Ok(())
                })
            })
            .await?;
        self.article(caller, id, Some(lang)).await
    }

    /// Writes or replaces the translation of an article into `lang` (`kb.write`; in review or
    /// published also `kb.publish`), as a new version.
    pub async fn translate_article(
        &self,
        caller: &Caller,
        id: ArticleId,
        lang: Language,
        text: ArticleText,
        version: Option<i64>,
        note_text: Option<String>,
    ) -> Result<ArticleView, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        drop(c);
        caller.require(Permission::KbWrite)?;
        check_edit(facts.status, caller.has(Permission::KbPublish))?;
        check_translation(facts.original_lang, lang)?;
        let text = text.validate(facts.kind)?;
        let note = note(note_text, "note")?;
        let save = TextSave {
            lang: lang.as_str().into(),
            title: text.title.clone(),
            content: content_json(&text.content)?,
            author: caller.id(),
            note: if note.is_empty() {
                format!("translated into {}", lang.as_str())
            } else {
                note
            },
        };
        let actor = caller.id();
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    let n = kb_versions::save(c, id, version, &save, now).await?;
                    crate::search::articles::article_changed(c, id, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "kb.article.translate",
                        "kb_article",
                        &id.to_string(),
                        &json!({"lang": save.lang, "title": save.title, "version": n}),
                        now,
                    )
                    .await?;
                    Ok(())
                })
            })
            .await?;
        self.article(caller, id, Some(lang)).await
    }

    /// Moves an article through its lifecycle. Submitting and approving need every part of
    /// every language filled; sending back needs the publisher's reason (`note`).
    pub async fn move_article(
        &self,
        caller: &Caller,
        id: ArticleId,
        mv: ArticleMove,
        note_text: Option<String>,
    ) -> Result<ArticleView, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        caller.require(mv.permission())?;
        let to = plan_move(facts.status, mv)?;
        let note = note(note_text, "note")?;
        if mv == ArticleMove::SendBack && note.is_empty() {
            return Err(AppError::invalid(
                "note",
                "required",
                "say what the writer should change",
            ));
        }
        // A publisher may have edited the article in review, so approval checks again.
        if matches!(mv, ArticleMove::Submit | ArticleMove::Approve) {
            self.check_complete(&mut c, &facts).await?;
        }
        drop(c);
        let from = facts.status;
        let actor = caller.id();
        let now = self.clock.now();
        let action = format!("kb.article.{}", mv.as_str());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    kb_store::set_status(c, id, from, to, actor, now).await?;
                    crate::search::articles::article_changed(c, id, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        &action,
                        "kb_article",
                        &id.to_string(),
                        &json!({"from": from.as_str(), "to": to.as_str(), "note": note}),
                        now,
                    )
                    .await?;
                    Ok(())
                })
            })
            .await?;
        self.article(caller, id, None).await
    }

    /// Every language's text must be complete before review; the field names the language
    /// when it is a translation (`translations.fr.content.cause`).
    async fn check_complete(&self, c: &mut Conn, facts: &ArticleFacts) -> Result<(), AppError> {
        for t in kb_versions::translations(c, facts.id).await? {
            let text = ArticleText {
                title: t.title,
                content: parse_content(&t.content, facts.id.0)?,
            };
            if let Err(escalade_core::DomainError::Invalid(mut f)) = text.check_complete() {
                if t.lang != facts.original_lang.as_str() {
                    f.field = format!("translations.{}.{}", t.lang, f.field);
                }
                return Err(AppError::Invalid(f));
            }
        }
        Ok(())
    }

    /// A publisher confirms a published article is still right (`kb.publish`), which takes it
    /// off the "stale" list.
    pub async fn mark_article_reviewed(
        &self,
        caller: &Caller,
        id: ArticleId,
    ) -> Result<ArticleView, AppError> {
        let mut c = self.store.read().await?;
        let facts = self.readable_article(&mut c, caller, id).await?;
        drop(c);
        caller.require(Permission::KbPublish)?;
        if facts.status != ArticleStatus::Published {
            return Err(AppError::Transition {
                rule: "review_only_published",
                message: format!(
                    "only a published article is marked reviewed; this one is {}",
                    facts.status.as_str()
                ),
            });
        }
        let actor = caller.id();
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    kb_store::mark_reviewed(c, id, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "kb.article.reviewed",
                        "kb_article",
                        &id.to_string(),
                        &json!({}),
                        now,
                    )
                    .await?;
                    Ok(())
                })
            })
            .await?;
        self.article(caller, id, None).await
    }

    /// Drafts an article from a resolved (or closed) ticket the caller can read (`kb.write`):
    /// title from the subject, content from the description and the resolution (the last
    /// public reply of an agent), linked to the ticket, `source_ticket` set.
    pub async fn draft_from_ticket(
        &self,
        caller: &Caller,
        number: &str,
        kind: Option<ArticleKind>,
        lang: Option<Language>,
    ) -> Result<ArticleView, AppError> {
        let ticket_id = crate::tickets::parse_number(number)?.id();
        let mut c = self.store.read().await?;
        let (detail, _) = self.visible(&mut c, caller, ticket_id).await?;
        caller.require(Permission::KbWrite)?;
        let t = detail.ticket;
        if !matches!(t.status, Status::Resolved | Status::Closed) {
            return Err(AppError::Conflict {
                code: "ticket_not_resolved",
                message: format!(
                    "an article is drafted from a resolved or closed ticket; this one is {}",
                    t.status.as_str()
                ),
            });
        }
        let entries = journal_store::list(&mut c, ticket_id, false, 0, 1000).await?;
        drop(c);
        let resolution = entries
            .iter()
            .rev()
            .find(|e| {
                (e.kind == EntryKind::PublicReply.as_str()
                    || e.kind == EntryKind::EmailOut.as_str())
                    && e.author_id.is_some_and(|a| a != t.requester.0)
                    && !e.body.trim().is_empty()
            })
            .map(|e| e.body.trim().to_string())
            .unwrap_or_default();
        let description = t.description.trim().to_string();
        let content = match kind.unwrap_or(ArticleKind::KnownError) {
            ArticleKind::KnownError => ArticleContent::KnownError {
                symptom: description,
                cause: String::new(),
                workaround: resolution,
            },
            ArticleKind::Faq => ArticleContent::Faq {
                question: if description.is_empty() {
                    t.subject.clone()
                } else {
                    description
                },
                answer: resolution,
            },
            ArticleKind::HowTo => ArticleContent::HowTo {
                body: format!("## Problem\n\n{description}\n\n## Solution\n\n{resolution}"),
            },
            ArticleKind::Sop => ArticleContent::Sop {
                steps: resolution
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(|l| SopStep {
                        text: l.to_string(),
                        expected: String::new(),
                    })
                    .take(escalade_core::knowledge::STEPS_MAX)
                    .collect(),
            },
        };
        let title: String = t.subject.chars().take(200).collect();
        let id = self
            .insert_article(
                caller,
                NewArticleInput {
                    text: ArticleText { title, content },
                    lang,
                    visibility: Some(ArticleVisibility::Internal),
                    category_id: t.category,
                    service: t.service.clone(),
                    note: Some(format!("drafted from ticket {}", t.number())),
                },
                Some(ticket_id),
            )
            .await?;
        self.article(caller, id, None).await
    }
}
