//! The frame shared by every page (title, navigation, language switcher, form token) and the
//! HTML answers for errors: a page that goes wrong still speaks the reader's language and
//! offers a way back.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use escalade_app::AppError;
use escalade_core::people::Language;

use super::i18n::Tr;

/// What the frame of every page needs.
#[derive(Clone, Debug)]
pub struct Chrome {
    /// The page title (already translated).
    pub title: String,
    /// The reader's words.
    pub t: Tr,
    /// The logged-in person's name, if any.
    pub user: Option<String>,
    /// Whether the agent console is theirs.
    pub agent: bool,
    /// Whether they see the administration.
    pub admin: bool,
    /// The form token for this session (empty when not logged in).
    pub csrf: String,
    /// This page's path and query, to come back to after switching language.
    pub here: String,
    /// A one-line confirmation or warning shown at the top.
    pub flash: Option<String>,
}

impl Chrome {
    /// The frame for someone not logged in.
    pub fn anonymous(title: impl Into<String>, t: Tr, here: impl Into<String>) -> Self {
        Self {
            title: title.into(),
            t,
            user: None,
            agent: false,
            admin: false,
            csrf: String::new(),
            here: here.into(),
            flash: None,
        }
    }

    /// The languages of the switcher: tag, own name, whether it is the current one.
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        Language::ALL
            .iter()
            .map(|l| (l.as_str(), native_name(*l), *l == self.t.language()))
            .collect()
    }

    /// Adds a confirmation line.
    pub fn with_flash(mut self, flash: Option<String>) -> Self {
        self.flash = flash;
        self
    }
}

/// Each language's name in itself, as a switcher shows it.
pub fn native_name(lang: Language) -> &'static str {
    match lang {
        Language::En => "English",
        Language::Fr => "Français",
        Language::Ru => "Русский",
        Language::ZhCn => "简体中文",
    }
}

/// Renders a template into an HTML answer; a template that fails is an internal error.
pub fn render<T: Template>(template: &T) -> Response {
    match template.render() {
        Ok(body) => Html(body).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    c: Chrome,
    heading: &'a str,
    message: &'a str,
}

/// An error shown as a page: status, heading and sentence in the reader's language.
#[derive(Debug)]
pub struct PageError {
    status: StatusCode,
    heading: String,
    message: String,
    t: Tr,
}

impl PageError {
    /// A page error with this status and sentence.
    pub fn new(status: StatusCode, t: &Tr, message: impl Into<String>) -> Self {
        let heading = match status {
            StatusCode::NOT_FOUND => t.get("error-not-found"),
            StatusCode::FORBIDDEN => t.get("error-forbidden"),
            StatusCode::TOO_MANY_REQUESTS => t.get("error-throttled"),
            s if s.is_server_error() => t.get("error-internal"),
            _ => t.get("error-refused"),
        };
        Self {
            status,
            heading,
            message: message.into(),
            t: t.clone(),
        }
    }

    /// Not found, worded the same whether the thing is missing or out of reach.
    pub fn not_found(t: &Tr) -> Self {
        Self::new(StatusCode::NOT_FOUND, t, t.get("error-not-found-text"))
    }

    /// A form posted without a valid form token.
    pub fn bad_form_token(t: &Tr) -> Self {
        Self::new(StatusCode::FORBIDDEN, t, t.get("error-csrf"))
    }

    /// The page for a service-layer error.
    pub fn from_app(e: AppError, t: &Tr) -> Self {
        let (status, message) = app_error_text(&e, t);
        if let AppError::Internal(m) = &e {
            tracing::error!(error = %m, "internal error on a page");
        }
        Self::new(status, t, message)
    }
}

/// The status and the reader's sentence for a service-layer error. Field errors and refused
/// moves are translated by their code when the language files know it (`error-<code>`), else
/// the service layer's own English sentence is shown.
pub fn app_error_text(e: &AppError, t: &Tr) -> (StatusCode, String) {
    let by_code = |code: &str, fallback: &str| {
        t.try_get(&format!("error-{}", code.replace('_', "-")))
            .unwrap_or_else(|| fallback.to_string())
    };
    match e {
        AppError::Unauthenticated(_) => (StatusCode::UNAUTHORIZED, t.get("login-failed")),
        AppError::Throttled(s) => (
            StatusCode::TOO_MANY_REQUESTS,
            t.arg("error-throttled-text", "seconds", s),
        ),
        AppError::NotFound(_) => (StatusCode::NOT_FOUND, t.get("error-not-found-text")),
        AppError::Forbidden { message, .. } => (StatusCode::FORBIDDEN, message.clone()),
        AppError::Invalid(f) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            by_code(f.code, &f.message),
        ),
        AppError::Transition { rule, message } => (StatusCode::CONFLICT, by_code(rule, message)),
        AppError::Conflict { code, message } => (StatusCode::CONFLICT, by_code(code, message)),
        AppError::TooLarge { limit, .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            t.arg("error-too-large", "limit", limit / (1024 * 1024)),
        ),
        AppError::Unavailable(_) => (StatusCode::SERVICE_UNAVAILABLE, t.get("error-unavailable")),
        AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, t.get("error-internal")),
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            c: Chrome::anonymous(self.heading.clone(), self.t.clone(), "/"),
            heading: &self.heading,
            message: &self.message,
        };
        let mut res = render(&page);
        *res.status_mut() = self.status;
        res
    }
}
