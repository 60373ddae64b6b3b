//! Who is looking at a page: the session cookie resolved to a caller, the form (CSRF) token
//! that goes with it, and the language and time zone the page is shown in.
//!
//! The cookie is `HttpOnly; SameSite=Lax`, and `Secure` when the request came over TLS (the
//! proxy says so with `X-Forwarded-Proto: https`). The session row keeps only a hash of the
//! cookie value.

use axum::extract::FromRequestParts;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Tz;
use escalade_app::{AppError, Caller};
use escalade_core::authz::Permission;
use escalade_core::people::Language;

use super::i18n::{self, LANGUAGE_COOKIE, Tr};
use super::page::{Chrome, PageError};
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "escalade_session";

/// How long a web session lasts without logging in again.
pub const SESSION_HOURS: i64 = 12;

/// The value of one cookie of the request.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

/// Whether the browser reached us over TLS (directly or through a proxy that says so).
pub fn over_tls(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `Set-Cookie` value with our security attributes.
pub fn set_cookie(headers: &HeaderMap, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if over_tls(headers) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("cookie values are URL-safe")
}

/// The language for someone not logged in: the switcher's cookie, else the browser's wish.
pub fn anonymous_language(headers: &HeaderMap) -> Language {
    cookie(headers, LANGUAGE_COOKIE)
        .and_then(|v| Language::parse(v).ok())
        .or_else(|| {
            headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(i18n::from_accept_language)
        })
        .unwrap_or_default()
}

/// A logged-in person looking at a page.
pub struct Viewer {
    /// Who they are and what they may do.
    pub caller: Caller,
    /// The form token their forms must carry.
    pub csrf: String,
    /// Their words and time zone.
    pub tr: Tr,
    /// The path and query of this page, to come back to after a form.
    pub here: String,
}

impl Viewer {
    /// The frame of every page for this viewer.
    pub fn chrome(&self, title: impl Into<String>) -> Chrome {
        Chrome {
            title: title.into(),
            t: self.tr.clone(),
            user: Some(self.caller.user.display_name.clone()),
            agent: self.caller.is_agent(),
            admin: is_admin(&self.caller),
            csrf: self.csrf.clone(),
            here: self.here.clone(),
            flash: None,
        }
    }

    /// Refuses a page meant for agents (404, as for anything out of reach).
    pub fn require_agent(&self) -> Result<(), PageError> {
        if self.caller.is_agent() {
            Ok(())
        } else {
            Err(PageError::from_app(AppError::NotFound("page"), &self.tr))
        }
    }
}

/// Whether the caller can open any administration page.
pub fn is_admin(caller: &Caller) -> bool {
    [
        Permission::AdminUsers,
        Permission::AdminGroups,
        Permission::AdminDepartments,
        Permission::AdminCategories,
        Permission::AdminRoles,
        Permission::AdminSettings,
        Permission::AuditRead,
    ]
    .into_iter()
    .any(|p| caller.has(p))
}

fn here(parts: &Parts) -> String {
    parts
        .uri
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into())
}

/// Sends the browser to the login page, remembering where it wanted to go.
pub struct ToLogin(pub String);

impl IntoResponse for ToLogin {
    fn into_response(self) -> Response {
        let next = serde_urlencoded::to_string([("next", self.0.as_str())]).unwrap_or_default();
        Redirect::to(&format!("/login?{next}")).into_response()
    }
}

impl FromRequestParts<AppState> for Viewer {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let here = here(parts);
        let Some(secret) = cookie(&parts.headers, SESSION_COOKIE) else {
            return Err(ToLogin(here).into_response());
        };
        match state.app.resolve_session(secret).await {
            Ok((caller, csrf)) => {
                let lang = caller.language();
                let zone: Tz = i18n::zone_or_utc(&caller.user.time_zone);
                Ok(Viewer {
                    caller,
                    csrf,
                    tr: Tr::new(lang, zone),
                    here,
                })
            }
            Err(AppError::Unauthenticated(_)) => Err(ToLogin(here).into_response()),
            Err(e) => {
                let tr = Tr::new(anonymous_language(&parts.headers), Tz::UTC);
                Err(PageError::from_app(e, &tr).into_response())
            }
        }
    }
}

/// Someone who may or may not be logged in (the login page, the language switcher).
pub struct MaybeViewer {
    /// The viewer when a valid session came with the request.
    pub viewer: Option<Viewer>,
    /// The words to use either way.
    pub tr: Tr,
}

impl FromRequestParts<AppState> for MaybeViewer {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if cookie(&parts.headers, SESSION_COOKIE).is_some()
            && let Ok(v) = Viewer::from_request_parts(parts, state).await
        {
            let tr = v.tr.clone();
            return Ok(MaybeViewer {
                viewer: Some(v),
                tr,
            });
        }
        Ok(MaybeViewer {
            viewer: None,
            tr: Tr::new(anonymous_language(&parts.headers), Tz::UTC),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_several_headers() {
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("a=1; escalade_lang=fr"));
        h.append(COOKIE, HeaderValue::from_static("escalade_session=abc"));
        assert_eq!(cookie(&h, "escalade_lang"), Some("fr"));
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "missing"), None);
        assert_eq!(anonymous_language(&h), Language::Fr);
    }

    #[test]
    fn cookies_are_secure_only_behind_tls() {
        let plain = HeaderMap::new();
        let v = set_cookie(&plain, SESSION_COOKIE, "x", 60);
        assert_eq!(
            v.to_str().unwrap(),
            "escalade_session=x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"
        );
        let mut tls = HeaderMap::new();
        tls.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert!(
            set_cookie(&tls, SESSION_COOKIE, "x", 60)
                .to_str()
                .unwrap()
                .ends_with("; Secure")
        );
    }
}
