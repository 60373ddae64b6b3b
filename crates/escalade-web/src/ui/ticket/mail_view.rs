//! How an entry that came by e-mail shows on the agent's ticket page: who sent it, why it
//! landed on this ticket (the threading reason in words), how much quoted history was folded,
//! its attachments and inline images, links to the original message and to its formatted
//! (HTML) view. The formatted view is a page of its own (`html_view`), loaded only when the
//! agent asks: the ticket page never carries HTML bodies or images.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use escalade_app::inbound_mail::html_view::InlineImage;
use escalade_app::tickets::{EntryView, TicketPageData};
use escalade_core::ids::TicketId;
use serde::Deserialize;
use serde_json::Value;

use crate::state::AppState;
use crate::ui::i18n::Tr;
use crate::ui::page::{PageError, render};
use crate::ui::session::Viewer;

/// The mail facts of one entry.
pub struct MailNote {
    /// Sentences: sender, reason, folded history.
    pub lines: Vec<String>,
    /// The stored message, for `/mail/{id}/raw`.
    pub raw: i64,
    /// Its files: attachment id and name.
    pub files: Vec<(i64, String)>,
}

/// The mail facts of `e`, when it came by e-mail.
pub fn mail_note(tr: &Tr, e: &EntryView, page: &TicketPageData) -> Option<MailNote> {
    let m = e.data.get("mail")?;
    let raw = m["inbound_id"].as_i64()?;
    let mut lines = Vec::new();
    if let Some(from) = m["from"].as_str() {
        lines.push(tr.arg("mail-from", "address", from));
    }
    lines.push(reason(tr, m));
    if let Some(n) = m["history_chars"].as_u64().filter(|n| *n > 0) {
        lines.push(tr.count("mail-history-folded", "count", n as i64));
    }
    if let Some(l) = m["linked_to"].as_str() {
        lines.push(tr.arg("mail-linked-to", "number", l));
    }
    let files = page
        .attachments
        .iter()
        .filter(|a| a.journal_id == Some(e.id))
        .map(|a| (a.id, a.file_name.clone()))
        .collect();
    Some(MailNote { lines, raw, files })
}

/// Why the message landed here, in the viewer's language; an unknown reason keeps its code.
fn reason(tr: &Tr, m: &Value) -> String {
    let kind = m["reason"].as_str().unwrap_or("unknown");
    let t = &m["threading"];
    let number = t["number"].as_str().unwrap_or_default().to_string();
    let key = format!("mail-reason-{}", kind.replace('_', "-"));
    match tr.try_get(&key) {
        Some(_) => tr.args(&key, &[("number", number)]),
        None => tr.arg("mail-reason-other", "code", kind),
    }
}

/// The formatted view of a message: a page of its own, with no script and a strict policy.
#[derive(Template)]
#[template(path = "ticket/mail_html.html")]
struct MailHtmlPage {
    lang: &'static str,
    t: Tr,
    id: i64,
    subject: String,
    back: Option<String>,
    html: Option<String>,
    images: i64,
    images_shown: bool,
}

/// `?images=1` asks for the inline images.
#[derive(Deserialize, Default)]
pub struct HtmlQuery {
    images: Option<String>,
}

/// What the formatted view may load: its own inline images and the style sheet; no script,
/// no frame, no form, nothing from elsewhere.
const HTML_POLICY: &str = "default-src 'none'; img-src 'self'; style-src 'self'; \
                           base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// GET /mail/{id}/html: the sanitised HTML body of an inbound message, for those who may
/// download its original. Inline images load only with `?images=1`.
pub async fn html_view(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
    Query(q): Query<HtmlQuery>,
) -> Response {
    let tr = &viewer.tr;
    let Ok(id) = raw.parse::<i64>() else {
        return PageError::not_found(tr).into_response();
    };
    let m = match state.app.inbound_html(&viewer.caller, id).await {
        Ok(m) => m,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let back = match m.ticket_id {
        Some(t) => state
            .app
            .ticket_number_of(&viewer.caller, TicketId(t))
            .await
            .ok()
            .map(|n| format!("/agent/tickets/{n}")),
        None => None,
    };
    let images_shown = q.images.as_deref() == Some("1");
    let html = m.html.map(|h| {
        if images_shown {
            with_inline_images(&h, id, &m.images)
        } else {
            h
        }
    });
    let page = MailHtmlPage {
        lang: tr.language().as_str(),
        t: tr.clone(),
        id,
        subject: m.subject,
        back,
        html,
        images: m.images.len() as i64,
        images_shown,
    };
    let mut res = render(&page);
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(HTML_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    res
}

/// GET /mail/{id}/cid/{content_id}: one inline image of a message, under the same rule.
pub async fn inline_image(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((raw, content_id)): Path<(String, String)>,
) -> Response {
    let tr = &viewer.tr;
    let Ok(id) = raw.parse::<i64>() else {
        return PageError::not_found(tr).into_response();
    };
    match state
        .app
        .inbound_inline_image(&viewer.caller, id, &content_id)
        .await
    {
        Ok((media_type, bytes)) => (
            [
                (header::CONTENT_TYPE, media_type),
                (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
                (
                    header::CONTENT_SECURITY_POLICY,
                    "sandbox; default-src 'none'".to_string(),
                ),
                (header::CACHE_CONTROL, "private, max-age=3600".to_string()),
            ],
            bytes,
        )
            .into_response(),
        Err(e) => PageError::from_app(e, tr).into_response(),
    }
}

/// Points the body's `cid:` images that the message carries at `/mail/{id}/cid/...`; any
/// other `cid:` stays as it is and loads nothing.
fn with_inline_images(html: &str, id: i64, images: &[InlineImage]) -> String {
    let mut out = html.to_string();
    for img in images {
        // The sanitiser writes attributes in double quotes, with & and " escaped.
        let attr = img.content_id.replace('&', "&amp;").replace('"', "&quot;");
        let path: String = img
            .content_id
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~@".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        out = out.replace(
            &format!("src=\"cid:{attr}\""),
            &format!("src=\"/mail/{id}/cid/{path}\""),
        );
    }
    out
}
