//! Getting in and out, and one's own account: the login page (throttled by the service
//! layer), logout, the language switcher present on every page, and the account page for
//! password, language and time zone.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::http::header::SET_COOKIE;
use axum::response::{IntoResponse, Redirect, Response};
use chrono_tz::Tz;
use escalade_app::AppError;
use escalade_core::people::Language;
use serde::Deserialize;

use super::form::{Posted, cross_site};
use super::i18n::{LANGUAGE_COOKIE, Tr};
use super::page::{Chrome, PageError, app_error_text, render};
use super::session::{
    MaybeViewer, SESSION_COOKIE, SESSION_HOURS, Viewer, anonymous_language, cookie, set_cookie,
};
use crate::state::AppState;

/// A local path to go back to; anything else (another site, `//host`) becomes the home page.
pub fn local_path(next: Option<&str>) -> String {
    match next {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.into(),
        _ => "/".into(),
    }
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    login: String,
    next: String,
    error: Option<String>,
}

/// `?next=` on the login page.
#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// GET /login
pub async fn login_page(who: MaybeViewer, Query(q): Query<NextQuery>) -> Response {
    let next = local_path(q.next.as_deref());
    if who.viewer.is_some() {
        return Redirect::to(&next).into_response();
    }
    render(&LoginPage {
        c: Chrome::anonymous(who.tr.get("login-title"), who.tr.clone(), "/login"),
        login: String::new(),
        next,
        error: None,
    })
}

/// The login form.
#[derive(Deserialize)]
pub struct LoginForm {
    login: String,
    password: String,
    next: Option<String>,
}

/// POST /login
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let tr = Tr::new(anonymous_language(&headers), Tz::UTC);
    // There is no session yet to hold a form token: a login posted from another site is
    // refused by its origin instead.
    if cross_site(&headers) {
        return PageError::bad_form_token(&tr).into_response();
    }
    let next = local_path(form.next.as_deref());
    let failed = |e: AppError| {
        let (status, message) = app_error_text(&e, &tr);
        let mut res = render(&LoginPage {
            c: Chrome::anonymous(tr.get("login-title"), tr.clone(), "/login"),
            login: form.login.clone(),
            next: next.clone(),
            error: Some(message),
        });
        *res.status_mut() = status;
        res
    };
    let caller = match state.app.login(form.login.trim(), &form.password).await {
        Ok(c) => c,
        Err(e) => return failed(e),
    };
    match state
        .app
        .create_session(&caller, chrono::Duration::hours(SESSION_HOURS))
        .await
    {
        Ok((secret, _csrf)) => {
            let cookie = set_cookie(&headers, SESSION_COOKIE, &secret, SESSION_HOURS * 3600);
            ([(SET_COOKIE, cookie)], Redirect::to(&next)).into_response()
        }
        Err(e) => failed(e),
    }
}

/// A form with nothing but its token.
#[derive(Deserialize)]
pub struct EmptyForm {}

/// POST /logout
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    posted: Posted<EmptyForm>,
) -> Response {
    if let Some(secret) = cookie(&headers, SESSION_COOKIE)
        && let Err(e) = state.app.end_session(secret).await
    {
        return PageError::from_app(e, &posted.viewer.tr).into_response();
    }
    let clear = set_cookie(&headers, SESSION_COOKIE, "", 0);
    ([(SET_COOKIE, clear)], Redirect::to("/login")).into_response()
}

/// The language switcher.
#[derive(Deserialize)]
pub struct LanguageForm {
    lang: String,
    next: Option<String>,
    csrf: Option<String>,
}

/// POST /language: saves the choice on the account when logged in, and in a cookie always
/// (so that the login page keeps it too).
pub async fn switch_language(
    State(state): State<AppState>,
    who: MaybeViewer,
    headers: HeaderMap,
    Form(form): Form<LanguageForm>,
) -> Response {
    if cross_site(&headers) {
        return PageError::bad_form_token(&who.tr).into_response();
    }
    let Ok(lang) = Language::parse(&form.lang) else {
        return PageError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &who.tr,
            who.tr.get("error-unknown-language"),
        )
        .into_response();
    };
    if let Some(viewer) = &who.viewer {
        if form.csrf.as_deref() != Some(viewer.csrf.as_str()) {
            return PageError::bad_form_token(&who.tr).into_response();
        }
        if let Err(e) = state
            .app
            .change_own_preferences(&viewer.caller, Some(lang.as_str()), None)
            .await
        {
            return PageError::from_app(e, &who.tr).into_response();
        }
    }
    let remember = set_cookie(&headers, LANGUAGE_COOKIE, lang.as_str(), 365 * 24 * 3600);
    let next = local_path(form.next.as_deref());
    ([(SET_COOKIE, remember)], Redirect::to(&next)).into_response()
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    c: Chrome,
    login: String,
    name: String,
    zones: Vec<(&'static str, bool)>,
    error: Option<String>,
}

fn account_page(viewer: &Viewer, flash: Option<String>, error: Option<String>) -> Response {
    render(&AccountPage {
        c: viewer
            .chrome(viewer.tr.get("account-title"))
            .with_flash(flash),
        login: viewer.caller.user.login.clone(),
        name: viewer.caller.user.display_name.clone(),
        zones: chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| (z.name(), z.name() == viewer.caller.user.time_zone))
            .collect(),
        error,
    })
}

/// `?saved=` after a change.
#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// GET /account
pub async fn account(viewer: Viewer, Query(q): Query<SavedQuery>) -> Response {
    let flash = match q.saved.as_deref() {
        Some("password") => Some(viewer.tr.get("account-password-changed")),
        Some("preferences") => Some(viewer.tr.get("account-preferences-saved")),
        _ => None,
    };
    account_page(&viewer, flash, None)
}

/// The password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

/// POST /account/password
pub async fn change_password(
    State(state): State<AppState>,
    posted: Posted<PasswordForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    if form.new_password != form.confirm_password {
        let mut res = account_page(&viewer, None, Some(viewer.tr.get("account-mismatch")));
        *res.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return res;
    }
    match state
        .app
        .change_own_password(&viewer.caller, &form.current_password, &form.new_password)
        .await
    {
        Ok(()) => Redirect::to("/account?saved=password").into_response(),
        Err(e) => {
            let (status, message) = app_error_text(&e, &viewer.tr);
            let mut res = account_page(&viewer, None, Some(message));
            *res.status_mut() = status;
            res
        }
    }
}

/// The preferences form.
#[derive(Deserialize)]
pub struct PreferencesForm {
    language: String,
    time_zone: String,
}

/// POST /account/preferences
pub async fn change_preferences(
    State(state): State<AppState>,
    posted: Posted<PreferencesForm>,
) -> Response {
    let Posted { viewer, form } = posted;
    match state
        .app
        .change_own_preferences(&viewer.caller, Some(&form.language), Some(&form.time_zone))
        .await
    {
        Ok(_) => Redirect::to("/account?saved=preferences").into_response(),
        Err(e) => {
            let (status, message) = app_error_text(&e, &viewer.tr);
            let mut res = account_page(&viewer, None, Some(message));
            *res.status_mut() = status;
            res
        }
    }
}

/// GET /: the agent console for agents, the portal for requesters.
pub async fn home(viewer: Viewer) -> Redirect {
    if viewer.caller.is_agent() {
        Redirect::to("/agent")
    } else {
        Redirect::to("/portal")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path(Some("/agent?x=1")), "/agent?x=1");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        assert_eq!(local_path(None), "/");
    }
}
