//! Request extractors: the authenticated caller from a Bearer token, and JSON bodies and query
//! strings whose every rejection (malformed, unknown field, wrong type) is our JSON error.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use escalade_app::Caller;
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// The caller, authenticated by `Authorization: Bearer <token>`.
pub struct Authed(pub Caller);

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "send an API token as 'Authorization: Bearer <token>'",
                )
            })?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .map(str::trim)
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "unauthenticated",
                    "the Authorization header must be 'Bearer <token>'",
                )
            })?;
        Ok(Authed(state.app.authenticate_token(token).await?))
    }
}

/// A JSON body. Refuses a missing content type (415), malformed JSON (400), and unknown fields
/// or wrong types (422, naming the field).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let json_type = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                ct.split(';').next().is_some_and(|m| {
                    m.trim().eq_ignore_ascii_case("application/json") || m.trim().ends_with("+json")
                })
            });
        if !json_type {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "send the body as JSON with 'Content-Type: application/json'",
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "too_large", e.body_text())
            })?;
        parse_json(&bytes).map(ApiJson)
    }
}

/// Parses JSON, turning serde's complaint into an error that names the field.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        // serde_json reports some type errors (a number where a name is expected) as syntax
        // errors; the body is malformed only if it is not JSON at all.
        let malformed = matches!(
            inner.classify(),
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof
        ) && serde_json::from_slice::<serde::de::IgnoredAny>(bytes).is_err();
        if malformed {
            return ApiError::new(
                StatusCode::BAD_REQUEST,
                "malformed_json",
                format!("the body is not valid JSON: {inner}"),
            );
        }
        let msg = inner.to_string();
        let field = unknown_field(&msg)
            .map(|f| {
                if path == "." {
                    f.clone()
                } else if path == f || path.ends_with(&format!(".{f}")) {
                    // The path already ends at the unknown key.
                    path.clone()
                } else {
                    format!("{path}.{f}")
                }
            })
            .unwrap_or(path);
        let err = ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid_body", msg);
        if field == "." || field.is_empty() {
            err
        } else {
            err.field(field)
        }
    })
}

/// The key named by serde's "unknown field" or "missing field" complaint.
fn unknown_field(msg: &str) -> Option<String> {
    let rest = msg
        .strip_prefix("unknown field `")
        .or_else(|| msg.strip_prefix("missing field `"))?;
    Some(rest.split('`').next()?.to_string())
}

/// A query string with our error on rejection.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let q = parts.uri.query().unwrap_or("");
        let de = serde_urlencoded_deserializer(q);
        de.map(ApiQuery)
    }
}

fn serde_urlencoded_deserializer<T: DeserializeOwned>(q: &str) -> Result<T, ApiError> {
    axum::extract::Query::<T>::try_from_uri(&format!("/?{q}").parse().map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            "the query string is malformed",
        )
    })?)
    .map(|axum::extract::Query(v)| v)
    .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", e.body_text()))
}

/// Deserialises a field that may be absent (leave alone), null (clear) or a value (set).
pub fn nullable<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    <Option<T> as serde::Deserialize>::deserialize(d).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        subject: String,
        #[serde(default)]
        nested: Option<Inner>,
        #[serde(default)]
        kind: Option<Kind>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        count: i64,
    }

    #[test]
    fn json_errors_name_the_field() {
        let e = parse_json::<Body>(b"{").unwrap_err();
        assert_eq!(e.status, StatusCode::BAD_REQUEST);
        let e = parse_json::<Body>(br#"{"subject": 3}"#).unwrap_err();
        assert_eq!(e.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(e.detail.field.as_deref(), Some("subject"));
        let e = parse_json::<Body>(br#"{"subject": "a", "colour": 1}"#).unwrap_err();
        assert_eq!(e.detail.field.as_deref(), Some("colour"));
        let e = parse_json::<Body>(br#"{"subject": "a", "nested": {"count": "x"}}"#).unwrap_err();
        assert_eq!(e.detail.field.as_deref(), Some("nested.count"));
        let e = parse_json::<Body>(br#"{"subject": "a", "kind": 3}"#).unwrap_err();
        assert_eq!(
            e.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "valid JSON, wrong type"
        );
        assert_eq!(e.detail.field.as_deref(), Some("kind"));
        let e = parse_json::<Body>(br#"{}"#).unwrap_err();
        assert_eq!(e.detail.field.as_deref(), Some("subject"));
        let e = parse_json::<Body>(br#"{"subject": "a", "nested": {}}"#).unwrap_err();
        assert_eq!(e.detail.field.as_deref(), Some("nested.count"));
    }
}
