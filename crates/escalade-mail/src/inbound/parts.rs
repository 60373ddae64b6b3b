//! Taking the bodies and files out of mail-parser's message: the text body (converted from
//! HTML when there is no text part), the sanitised HTML body, attachments and inline images,
//! and messages forwarded as attachments with their own text and files.
//!
//! Parts are moved out rather than copied: a part that needed no transfer decoding still
//! borrows the raw message, and a decoded one is the only copy made.

use std::borrow::Cow;

use mail_parser::decoders::html::html_to_text;
use mail_parser::{Message, MessagePart, MimeHeaders, PartType};

use super::html::sanitise_html;
use super::people;
use super::quoting::history_start;
use super::{Attachment, Forwarded, TextBody};

pub(super) struct Content<'raw> {
    pub body: TextBody<'raw>,
    pub html: Option<String>,
    pub attachments: Vec<Attachment<'raw>>,
    pub forwarded: Vec<Forwarded>,
}

pub(super) fn take<'raw>(message: &mut Message<'raw>) -> Content<'raw> {
    let html = html_body(message);
    let (text, from_html) = text_body(message);
    let history_at = history_start(&text);
    let mut content = Content {
        body: TextBody {
            text,
            history_at,
            from_html,
        },
        html,
        attachments: Vec::new(),
        forwarded: Vec::new(),
    };
    take_files(message, false, &mut content);
    if content.body.text.trim().is_empty() && content.html.is_none() {
        rescue_body(&mut content);
    }
    content
}

/// A body part that mail-parser could not decode (bad transfer encoding, unknown charset) is
/// filed as an unnamed text attachment; the agent should still read it as the body.
fn rescue_body(content: &mut Content<'_>) {
    let Some(index) = content
        .attachments
        .iter()
        .position(|a| !a.forwarded && a.file_name.is_none() && a.media_type == "text/plain")
    else {
        return;
    };
    let part = content.attachments.remove(index);
    let text = match part.bytes {
        Cow::Borrowed(bytes) => String::from_utf8_lossy(bytes),
        Cow::Owned(bytes) => Cow::Owned(
            String::from_utf8(bytes)
                .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        ),
    };
    content.body.history_at = history_start(&text);
    content.body.text = text;
}

/// The HTML parts the message shows as its body, joined and sanitised once.
fn html_body(message: &Message<'_>) -> Option<String> {
    let pieces: Vec<&str> = message
        .html_body
        .iter()
        .filter_map(
            |&id| match message.parts.get(id as usize).map(|p| &p.body) {
                Some(PartType::Html(html)) => Some(html.as_ref()),
                _ => None,
            },
        )
        .collect();
    match pieces.as_slice() {
        [] => None,
        [one] => Some(sanitise_html(one)),
        many => Some(sanitise_html(&many.concat())),
    }
}

/// The text parts the message shows as its body; HTML parts stand in (converted) where a
/// message has no text alternative.
fn text_body<'raw>(message: &mut Message<'raw>) -> (Cow<'raw, str>, bool) {
    let mut pieces: Vec<Cow<'raw, str>> = Vec::new();
    let mut from_html = false;
    for index in 0..message.text_body.len() {
        let id = message.text_body[index] as usize;
        let Some(part) = message.parts.get_mut(id) else {
            continue;
        };
        match &mut part.body {
            PartType::Text(text) => pieces.push(std::mem::take(text)),
            PartType::Html(html) => {
                pieces.push(Cow::Owned(html_to_text(html)));
                from_html = true;
            }
            _ => {}
        }
    }
    let text = match pieces.len() {
        0 => Cow::Borrowed(""),
        1 => pieces.pop().unwrap_or_default(),
        _ => Cow::Owned(pieces.join("\n")),
    };
    (text, from_html)
}

fn take_files<'raw>(message: &mut Message<'raw>, forwarded: bool, into: &mut Content<'raw>) {
    for index in 0..message.attachments.len() {
        let id = message.attachments[index] as usize;
        let Some(part) = message.parts.get_mut(id) else {
            continue;
        };
        let meta = Meta::of(part);
        let bytes = match std::mem::take(&mut part.body) {
            PartType::Binary(bytes) | PartType::InlineBinary(bytes) => bytes,
            PartType::Text(text) | PartType::Html(text) => match text {
                Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
                Cow::Owned(s) => Cow::Owned(s.into_bytes()),
            },
            PartType::Message(mut nested) => {
                take_forwarded(&mut nested, into);
                continue;
            }
            PartType::Multipart(_) => continue,
        };
        into.attachments.push(Attachment {
            file_name: meta.file_name,
            inline: meta.inline,
            media_type: meta.media_type,
            content_id: meta.content_id,
            forwarded,
            bytes,
        });
    }
}

/// A forwarded message keeps its author, subject and text; its files join the list.
fn take_forwarded<'raw>(nested: &mut Message<'raw>, into: &mut Content<'raw>) {
    let (text, _) = text_body(nested);
    into.forwarded.push(Forwarded {
        from: people::first(nested.from()),
        subject: nested.subject().unwrap_or_default().trim().to_string(),
        date: nested.date().and_then(people::utc),
        message_id: nested.message_id().and_then(people::normalise_id),
        text: text.into_owned(),
    });
    take_files(nested, true, into);
}

struct Meta {
    file_name: Option<String>,
    media_type: String,
    content_id: Option<String>,
    inline: bool,
}

impl Meta {
    fn of(part: &MessagePart<'_>) -> Self {
        let content_id = part.content_id().and_then(people::normalise_id);
        let media_type = match part.content_type() {
            Some(ct) => match ct.c_subtype.as_deref() {
                Some(sub) => format!("{}/{}", ct.c_type, sub).to_ascii_lowercase(),
                None => ct.c_type.to_ascii_lowercase(),
            },
            None => match part.body {
                PartType::Text(_) => "text/plain".to_string(),
                PartType::Html(_) => "text/html".to_string(),
                _ => "application/octet-stream".to_string(),
            },
        };
        let disposition = part
            .content_disposition()
            .map(|d| d.c_type.to_ascii_lowercase());
        let inline = match disposition.as_deref() {
            Some("attachment") => false,
            Some("inline") => true,
            _ => content_id.is_some() || matches!(part.body, PartType::InlineBinary(_)),
        };
        let file_name = part
            .attachment_name()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        Meta {
            file_name,
            media_type,
            content_id,
            inline,
        }
    }
}
