//! Forms posted by the browser: every state-changing request must come from our own pages
//! (same origin) and carry the session's form token in its `csrf` field; otherwise it is
//! refused with 403 before anything is read or changed.
//!
//! `Posted<T>` is for ordinary forms, `PostedFiles` for forms with file inputs.

use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::header::{HOST, ORIGIN};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::page::PageError;
use super::session::Viewer;
use crate::state::AppState;

/// The name of the hidden field that carries the form token.
pub const CSRF_FIELD: &str = "csrf";

/// Constant-time comparison, so that the token cannot be guessed byte by byte from timings.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && !b.is_empty()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Whether the request says it came from another site. Browsers send `Sec-Fetch-Site` and
/// `Origin` on form posts; scripts and old browsers may send neither, and then the token alone
/// decides.
pub fn cross_site(headers: &HeaderMap) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return true;
    }
    let origin = headers.get(ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    match (origin, host) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            !origin_host.eq_ignore_ascii_case(host)
        }
        _ => false,
    }
}

/// A form posted by a logged-in viewer, with its token checked and its fields parsed.
pub struct Posted<T> {
    /// Who posted it.
    pub viewer: Viewer,
    /// The fields.
    pub form: T,
}

impl<T: DeserializeOwned> FromRequest<AppState> for Posted<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        if cross_site(&parts.headers) {
            return Err(PageError::bad_form_token(&viewer.tr).into_response());
        }
        let bytes = axum::body::to_bytes(body, 1024 * 1024).await.map_err(|_| {
            PageError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                &viewer.tr,
                viewer.tr.get("error-form-too-large"),
            )
            .into_response()
        })?;
        let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
            .map_err(|_| PageError::bad_form_token(&viewer.tr).into_response())?;
        let token = pairs
            .iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if !same_token(token, &viewer.csrf) {
            return Err(PageError::bad_form_token(&viewer.tr).into_response());
        }
        let form = serde_urlencoded::from_bytes::<T>(&bytes).map_err(|e| {
            PageError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                &viewer.tr,
                viewer.tr.arg("error-form-invalid", "detail", e),
            )
            .into_response()
        })?;
        Ok(Posted { viewer, form })
    }
}

/// One uploaded file.
pub struct Upload {
    /// The name the browser gave.
    pub file_name: String,
    /// The media type the browser gave.
    pub media_type: String,
    /// The content.
    pub bytes: bytes::Bytes,
}

/// A multipart form (with file inputs) posted by a logged-in viewer, token checked.
pub struct PostedFiles {
    /// Who posted it.
    pub viewer: Viewer,
    /// The text fields, in order.
    pub fields: Vec<(String, String)>,
    /// The non-empty files.
    pub files: Vec<Upload>,
}

impl PostedFiles {
    /// The first value of a text field.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl FromRequest<AppState> for PostedFiles {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let viewer = Viewer::from_request_parts(&mut parts, state).await?;
        if cross_site(&parts.headers) {
            return Err(PageError::bad_form_token(&viewer.tr).into_response());
        }
        let tr = viewer.tr.clone();
        let limit = state.app.config.max_attachment_bytes;
        let refuse = |status: StatusCode, message: String| {
            PageError::new(status, &tr, message).into_response()
        };
        let req = Request::from_parts(parts, body);
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|_| PageError::bad_form_token(&tr).into_response())?;
        let mut fields = Vec::new();
        let mut files = Vec::new();
        loop {
            let next = multipart.next_field().await.map_err(|_| {
                refuse(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    tr.arg("error-too-large", "limit", limit / (1024 * 1024)),
                )
            })?;
            let Some(field) = next else { break };
            let name = field.name().unwrap_or("").to_string();
            if let Some(file_name) = field.file_name().map(str::to_string) {
                let media_type = field
                    .content_type()
                    .unwrap_or("application/octet-stream")
                    .to_string();
                let bytes = field.bytes().await.map_err(|_| {
                    refuse(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        tr.arg("error-too-large", "limit", limit / (1024 * 1024)),
                    )
                })?;
                if !file_name.is_empty() && !bytes.is_empty() {
                    files.push(Upload {
                        file_name,
                        media_type,
                        bytes,
                    });
                }
            } else {
                let text = field.text().await.map_err(|_| {
                    refuse(
                        StatusCode::BAD_REQUEST,
                        tr.arg("error-form-invalid", "detail", &name),
                    )
                })?;
                fields.push((name, text));
            }
        }
        let token = fields
            .iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v.as_str())
            .unwrap_or("");
        if !same_token(token, &viewer.csrf) {
            return Err(PageError::bad_form_token(&viewer.tr).into_response());
        }
        Ok(PostedFiles {
            viewer,
            fields,
            files,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn tokens_compare_exactly() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("ab", "abc"));
        assert!(!same_token("", ""));
    }

    #[test]
    fn foreign_origins_are_cross_site() {
        let mut h = HeaderMap::new();
        h.insert(HOST, HeaderValue::from_static("desk.example:8080"));
        assert!(!cross_site(&h));
        h.insert(ORIGIN, HeaderValue::from_static("http://desk.example:8080"));
        assert!(!cross_site(&h));
        h.insert(ORIGIN, HeaderValue::from_static("https://evil.example"));
        assert!(cross_site(&h));
        h.insert(ORIGIN, HeaderValue::from_static("null"));
        assert!(cross_site(&h));
        let mut f = HeaderMap::new();
        f.insert("sec-fetch-site", HeaderValue::from_static("cross-site"));
        assert!(cross_site(&f));
    }
}
