//! Attachment use cases: upload to a ticket (size-limited, content-addressed) and download
//! with the same visibility rules as the journal.

use escalade_core::authz::Permission;
use escalade_core::journal::EntryKind;
use escalade_core::validate;
use escalade_store::attachments::{self as store, AttachmentRow, NewAttachment};
use escalade_store::journal::{self as journal_store, NewEntry};
use sha2::{Digest, Sha256};

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::tickets::parse_number;

/// A downloaded file.
#[derive(Debug, Clone)]
pub struct Download {
    /// Metadata.
    pub meta: AttachmentRow,
    /// Bytes.
    pub content: Vec<u8>,
}

/// Keeps a file name to its last path component without control characters.
pub(crate) fn clean_file_name(name: &str) -> Result<String, AppError> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    let cleaned: String = base
        .chars()
        .filter(|c| !c.is_control() && *c != '"')
        .collect();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." {
        return Err(AppError::invalid(
            "name",
            "required",
            "the file needs a name",
        ));
    }
    validate::max_chars("name", &cleaned, 255)?;
    Ok(cleaned)
}

pub(crate) fn clean_media_type(mt: &str) -> String {
    let mt = mt
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ok = mt.split_once('/').is_some_and(|(a, b)| {
        !a.is_empty()
            && !b.is_empty()
            && mt.len() <= 100
            && mt
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "/.+-".contains(c))
    });
    if ok {
        mt
    } else {
        "application/octet-stream".into()
    }
}

impl App {
    /// Attaches a file to a ticket. Public attachments need `ticket.reply`, internal ones
    /// `ticket.note`.
    pub async fn attach(
        &self,
        caller: &Caller,
        number: &str,
        file_name: &str,
        media_type: &str,
        public: bool,
        content: Vec<u8>,
    ) -> Result<AttachmentRow, AppError> {
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
        let id = parse_number(number)?.id();
        {
            let mut c = self.store.read().await?;
            let t = self.ticket(caller, number).await?;
            if t.ticket.status.is_final() {
                return Err(AppError::Transition {
                    rule: "closed_is_final",
                    message: "a closed or cancelled ticket takes no more files".into(),
                });
            }
            let f = escalade_core::authz::TicketFacts {
                requester: t.ticket.requester,
                department: t.ticket.department,
                group: t.ticket.group,
                assignee: t.ticket.assignee,
                watchers: t.watchers,
                security: t.security,
            };
            let p = if public {
                Permission::TicketReply
            } else {
                Permission::TicketNote
            };
            let d = caller.decide(p, &f);
            if !d.allowed {
                return Err(AppError::forbidden(
                    p.as_str(),
                    format!("you may not attach files here: {}", d.reason),
                ));
            }
            drop(c.raw("SELECT 1").await);
        }
        let meta = NewAttachment {
            ticket: id,
            journal_id: None,
            sha256: hex::encode(Sha256::digest(&content)),
            file_name,
            media_type: clean_media_type(media_type),
            public,
            uploaded_by: Some(caller.id()),
        };
        let now = self.clock.now();
        let author = caller.id();
        let att_id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let entry = journal_store::append(
                        c,
                        &NewEntry {
                            ticket: id,
                            kind: EntryKind::Attachment,
                            author: Some(author),
                            public,
                            body: meta.file_name.clone(),
                            data: serde_json::json!({"sha256": meta.sha256, "size": content.len(), "media_type": meta.media_type}),
                            at: now,
                        },
                    )
                    .await?;
                    let meta = NewAttachment { journal_id: Some(entry), ..meta };
                    store::insert(c, &meta, &content, now).await
                })
            })
            .await?;
        let mut c = self.store.read().await?;
        store::get(&mut c, att_id)
            .await?
            .ok_or(AppError::NotFound("attachment"))
    }

    /// The attachments of a ticket the caller may see.
    pub async fn attachments(
        &self,
        caller: &Caller,
        number: &str,
    ) -> Result<Vec<AttachmentRow>, AppError> {
        let t = self.ticket(caller, number).await?;
        let internal = self.can_read_internal(caller, &t);
        let mut c = self.store.read().await?;
        Ok(store::of_ticket(&mut c, t.ticket.id, internal).await?)
    }

    /// Downloads one attachment; one the caller may not see is not found.
    pub async fn download(&self, caller: &Caller, attachment: i64) -> Result<Download, AppError> {
        let mut c = self.store.read().await?;
        let meta = store::get(&mut c, attachment)
            .await?
            .ok_or(AppError::NotFound("attachment"))?;
        let number = escalade_core::ids::TicketNumber::new(
            escalade_core::ticket::TicketType::Incident,
            escalade_core::ids::TicketId(meta.ticket_id),
        );
        let t = self
            .ticket(caller, &number.to_string())
            .await
            .map_err(|_| AppError::NotFound("attachment"))?;
        if !meta.public && !self.can_read_internal(caller, &t) {
            return Err(AppError::NotFound("attachment"));
        }
        let content = store::content(&mut c, &meta.sha256).await?;
        Ok(Download { meta, content })
    }

    pub(crate) fn can_read_internal(
        &self,
        caller: &Caller,
        t: &crate::tickets::TicketDetail,
    ) -> bool {
        let f = escalade_core::authz::TicketFacts {
            requester: t.ticket.requester,
            department: t.ticket.department,
            group: t.ticket.group,
            assignee: t.ticket.assignee,
            watchers: t.watchers.clone(),
            security: t.security,
        };
        caller.decide(Permission::TicketReadInternal, &f).allowed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_media_types_are_cleaned() {
        assert_eq!(
            clean_file_name("C:\\Users\\a\\report.pdf").unwrap(),
            "report.pdf"
        );
        assert_eq!(clean_file_name("../../etc/passwd").unwrap(), "passwd");
        assert!(clean_file_name("..").is_err());
        assert_eq!(clean_media_type("text/plain; charset=utf-8"), "text/plain");
        assert_eq!(clean_media_type("<script>"), "application/octet-stream");
    }
}
