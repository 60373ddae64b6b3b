//! Keeping the search index in step with tickets: each function runs inside the ticket
//! write's transaction (so the index is never behind the data, and a rolled-back write leaves
//! no trace in it). A ticket is one document (subject, description and public replies); each
//! comment the requester does not see is a `ticket_note` document of its own.

use chrono::{DateTime, Utc};
use escalade_core::ids::TicketId;
use escalade_core::search::index_text;
use escalade_core::ticket::Ticket;
use escalade_store::search::{self as search_store, DocType, Document};
use escalade_store::{Conn, StoreError};

/// Most characters of a ticket's text kept in its document; replies beyond are not indexed
/// (a ticket that long is found by its first hundred thousand characters).
pub const MAX_INDEXED_CHARS: usize = 100_000;

fn ticket_document(t: &Ticket, body: String, now: DateTime<Utc>) -> Document {
    // Tickets have no declared language: Latin words get both the English and French stems.
    let terms = index_text(&format!("{}\n{}", t.subject, body), None);
    Document {
        doc_type: DocType::Ticket,
        doc_id: t.id.0,
        ticket_id: Some(t.id),
        parent_id: None,
        lang: None,
        internal: false,
        category_id: t.category.map(|c| c.0),
        kind: Some(t.kind.as_str().to_string()),
        status: Some(t.status.as_str().to_string()),
        title: t.subject.clone(),
        body,
        terms,
        updated_at: now,
    }
}

/// Appends `more` to `body` unless the document would pass [`MAX_INDEXED_CHARS`].
fn extend(body: &mut String, more: &str) {
    if body.chars().count() + more.chars().count() + 2 > MAX_INDEXED_CHARS {
        return;
    }
    if !body.is_empty() {
        body.push_str("\n\n");
    }
    body.push_str(more);
}

/// A new ticket: its subject and description.
pub(crate) async fn ticket_opened(
    c: &mut Conn,
    t: &Ticket,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut body = String::new();
    extend(&mut body, &t.description);
    search_store::upsert_document(c, &ticket_document(t, body, now)).await?;
    Ok(())
}

/// A comment on a ticket: a public one extends the ticket's document, another becomes a
/// `ticket_note` document (found only by readers of internal notes).
pub(crate) async fn ticket_commented(
    c: &mut Conn,
    t: &Ticket,
    entry_id: i64,
    public: bool,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if public {
        let mut body = match search_store::document(c, DocType::Ticket, t.id.0).await? {
            Some(d) => d.body,
            // Not indexed yet (a ticket from before search): start from the description.
            None => t.description.clone(),
        };
        extend(&mut body, text);
        search_store::upsert_document(c, &ticket_document(t, body, now)).await?;
    } else {
        search_store::upsert_document(c, &note_document(t, entry_id, text, now)).await?;
    }
    Ok(())
}

fn note_document(t: &Ticket, entry_id: i64, text: &str, now: DateTime<Utc>) -> Document {
    let mut body = String::new();
    extend(&mut body, text);
    Document {
        doc_type: DocType::TicketNote,
        doc_id: entry_id,
        ticket_id: Some(t.id),
        parent_id: None,
        lang: None,
        internal: true,
        category_id: t.category.map(|c| c.0),
        kind: Some(t.kind.as_str().to_string()),
        status: Some(t.status.as_str().to_string()),
        title: t.subject.clone(),
        terms: index_text(&body, None),
        body,
        updated_at: now,
    }
}

/// A changed ticket: a new subject is re-indexed (category, type and status are read from
/// the ticket itself when searching, so they need nothing here).
pub(crate) async fn ticket_changed(
    c: &mut Conn,
    before: &Ticket,
    after: &Ticket,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if before.subject == after.subject {
        return Ok(());
    }
    let body = match search_store::document(c, DocType::Ticket, after.id.0).await? {
        Some(d) => d.body,
        None => after.description.clone(),
    };
    search_store::upsert_document(c, &ticket_document(after, body, now)).await?;
    Ok(())
}

/// Indexes one ticket from scratch with its comments (for rebuilding).
pub(crate) fn rebuilt_documents(
    t: &search_store::TicketText,
    comments: &[search_store::CommentText],
    now: DateTime<Utc>,
) -> Vec<Document> {
    let ticket_id = Some(TicketId(t.id));
    let mut body = String::new();
    extend(&mut body, &t.description);
    let mut out = Vec::new();
    for cm in comments {
        if cm.public {
            extend(&mut body, &cm.body);
        } else {
            let mut note = String::new();
            extend(&mut note, &cm.body);
            out.push(Document {
                doc_type: DocType::TicketNote,
                doc_id: cm.id,
                ticket_id,
                parent_id: None,
                lang: None,
                internal: true,
                category_id: t.category_id,
                kind: Some(t.kind.clone()),
                status: Some(t.status.clone()),
                title: t.subject.clone(),
                terms: index_text(&note, None),
                body: note,
                updated_at: now,
            });
        }
    }
    out.push(Document {
        doc_type: DocType::Ticket,
        doc_id: t.id,
        ticket_id,
        parent_id: None,
        lang: None,
        internal: false,
        category_id: t.category_id,
        kind: Some(t.kind.clone()),
        status: Some(t.status.clone()),
        title: t.subject.clone(),
        terms: index_text(&format!("{}\n{}", t.subject, body), None),
        body,
        updated_at: now,
    });
    out
}
