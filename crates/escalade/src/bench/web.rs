//! The HTTP side of the `pages` scenario: logging in through the login form as a browser
//! does (form-encoded POST /login, keeping the session cookie), and fetching pages with that
//! cookie. Redirects are not followed, so a session the server no longer accepts shows as a
//! failed request (303 to the login page) instead of a fast measurement of the login page.

use std::sync::Arc;

use anyhow::{Result, bail};
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use reqwest::{Client, StatusCode, redirect};

use super::api::{client_builder, describe_transport, setup_failure, snippet};

/// The web UI's session cookie.
const SESSION_COOKIE: &str = "escalade_session";

/// A logged-in web session, cheap to clone into every worker task.
#[derive(Clone)]
pub struct WebSession {
    client: Client,
    base: Arc<str>,
    cookie: Arc<str>,
}

/// Logs in through the login form and keeps the session cookie.
pub async fn login(base: &str, login: &str, password: &str, clients: usize) -> Result<WebSession> {
    let client = client_builder(clients)
        .redirect(redirect::Policy::none())
        .build()
        .map_err(|e| anyhow::anyhow!("cannot set up the HTTP client: {e}"))?;
    let response = client
        .post(format!("{base}/login"))
        .form(&[
            ("login", login),
            ("password", password),
            ("next", "/account"),
        ])
        .send()
        .await
        .map_err(|e| setup_failure(base, &e))?;
    let status = response.status();
    let cookie = response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{SESSION_COOKIE}=")))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    match (status, cookie) {
        (StatusCode::SEE_OTHER, Some(cookie)) => Ok(WebSession {
            client,
            base: base.into(),
            cookie: cookie.into(),
        }),
        (StatusCode::UNAUTHORIZED, _) => bail!(
            "the login form refused {login:?} (401): check --login and --password \
             (or ESCALADE_ADMIN_PASSWORD)"
        ),
        (StatusCode::TOO_MANY_REQUESTS, _) => bail!(
            "the login form refused {login:?} for too many failed attempts (429); wait a \
             minute and try again"
        ),
        (status, _) => bail!(
            "POST {base}/login answered {status} without a session cookie; is this an \
             Escalade server with the web UI?"
        ),
    }
}

impl WebSession {
    /// The full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// One unmeasured look at a page before measuring it; the reason when it cannot be
    /// measured, a missing page (404) told apart from a broken one.
    pub async fn probe(&self, path: &str) -> Result<(), String> {
        self.fetch(&self.url(path)).await.map_err(|e| {
            if e.starts_with("404") {
                format!(
                    "GET {path} answered 404 Not Found: this server has no such page (a build \
                     without that part of the web UI?), so it was not measured"
                )
            } else {
                format!("GET {path}: {e}; not measured")
            }
        })
    }

    /// Measured: fetches a page with the session and checks it is an HTML page; reads the
    /// whole body, so the latency includes rendering and transfer.
    pub async fn fetch(&self, url: &str) -> Result<(), String> {
        let response = self
            .client
            .get(url)
            .header(COOKIE, &*self.cookie)
            .send()
            .await
            .map_err(|e| describe_transport(&e))?;
        let status = response.status();
        let location = response
            .headers()
            .get(LOCATION)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let html = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        let body = response.bytes().await.map_err(|e| describe_transport(&e))?;
        match (status, location) {
            (StatusCode::OK, _) if html => Ok(()),
            (StatusCode::OK, _) => Err(format!("200 but not an HTML page: {}", snippet(&body))),
            (status, Some(to)) if status.is_redirection() => Err(format!(
                "{status} to {to} (the server no longer accepts the session?)"
            )),
            (status, _) => Err(format!("{status}: {}", snippet(&body))),
        }
    }
}
