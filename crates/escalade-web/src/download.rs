//! How an attachment leaves the server, for the API and the web UI alike: always as a
//! download (never rendered in our origin), sandboxed, with its name kept in UTF-8.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use escalade_app::attachments::Download;

/// The answer that carries a downloaded attachment.
pub fn file_response(d: Download) -> Response {
    let tag = d.meta.sha256.clone();
    bytes_response(&d.meta.file_name, &d.meta.media_type, &tag, d.content)
}

/// Any stored bytes as a sandboxed download named `file_name` (an attachment, an original
/// e-mail message).
pub fn bytes_response(file_name: &str, media_type: &str, tag: &str, content: Vec<u8>) -> Response {
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_ ".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = file_name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    (
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "sandbox; default-src 'none'".to_string(),
            ),
            (header::ETAG, format!("\"{tag}\"")),
        ],
        content,
    )
        .into_response()
}
