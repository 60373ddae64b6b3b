//! The formatted (HTML) body of an inbound message, shown only when an agent asks for it: the
//! ticket page lists e-mail entries without their HTML or images, so a message with a huge
//! body or dozens of inline images never slows it. The HTML is the sanitised one
//! (`escalade_mail::inbound`, no scripts, no remote content), read again from the stored
//! original; its inline images (`cid:`) come from that message's own parts, and only raster
//! image types (an SVG may carry script). Who may see it: whoever may download the original
//! (`App::inbound_raw`): readers of the ticket's internal side; anyone else is told it does
//! not exist.

use escalade_mail::inbound;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// Image types shown inline; anything else is not served as an inline image.
const INLINE_TYPES: [&str; 5] = [
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/bmp",
];

/// One inline image the HTML body may show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineImage {
    /// Its Content-ID, what `cid:` links name.
    pub content_id: String,
    /// Its media type.
    pub media_type: String,
}

/// What the formatted view of a message shows.
#[derive(Debug, Clone)]
pub struct MailHtml {
    /// The stored message.
    pub inbound_id: i64,
    /// Its subject.
    pub subject: String,
    /// The ticket it landed on.
    pub ticket_id: Option<i64>,
    /// The sanitised HTML body; `None` for a text-only message.
    pub html: Option<String>,
    /// Its inline images.
    pub images: Vec<InlineImage>,
}

fn shown_inline(media_type: &str) -> bool {
    INLINE_TYPES.contains(&media_type)
}

impl App {
    /// The sanitised HTML body of a stored message, with the inline images it may show.
    pub async fn inbound_html(&self, caller: &Caller, id: i64) -> Result<MailHtml, AppError> {
        let m = self.inbound_raw(caller, id).await?;
        let read = inbound::read(&m.raw).ok();
        Ok(MailHtml {
            inbound_id: id,
            subject: read
                .as_ref()
                .map(|r| r.subject.clone())
                .or(m.row.subject.clone())
                .unwrap_or_default(),
            ticket_id: m.row.ticket_id,
            html: read.as_ref().and_then(|r| r.html.clone()),
            images: read
                .iter()
                .flat_map(|r| &r.attachments)
                .filter(|a| !a.forwarded && shown_inline(&a.media_type))
                .filter_map(|a| {
                    Some(InlineImage {
                        content_id: a.content_id.clone()?,
                        media_type: a.media_type.clone(),
                    })
                })
                .collect(),
        })
    }

    /// One inline image of a stored message, by Content-ID: its media type and bytes.
    pub async fn inbound_inline_image(
        &self,
        caller: &Caller,
        id: i64,
        content_id: &str,
    ) -> Result<(String, Vec<u8>), AppError> {
        let m = self.inbound_raw(caller, id).await?;
        let read = inbound::read(&m.raw).map_err(|_| AppError::NotFound("image"))?;
        read.attachments
            .iter()
            .find(|a| {
                !a.forwarded
                    && shown_inline(&a.media_type)
                    && a.content_id.as_deref() == Some(content_id)
            })
            .map(|a| (a.media_type.clone(), a.bytes.to_vec()))
            .ok_or(AppError::NotFound("image"))
    }
}
