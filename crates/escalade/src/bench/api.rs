//! The HTTP side of `escalade bench`: one pooled reqwest client, logging in, the set-up
//! calls (which fail with actionable `anyhow` errors) and the measured calls (which report
//! failures as short strings, because a failed request is a statistic, not a crash).

use std::error::Error as StdError;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use reqwest::{Client, Response, StatusCode};
use serde::Deserialize;
use serde::de::IgnoredAny;

use super::workload::NewTicket;

const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// A logged-in connection to one server, cheap to clone into every worker task.
#[derive(Clone)]
pub struct Api {
    client: Client,
    base: Arc<str>,
    token: Arc<str>,
}

#[derive(Deserialize)]
struct TokenAnswer {
    token: String,
}

#[derive(Deserialize)]
struct Created {
    number: String,
}

#[derive(Deserialize)]
struct NumberedItem {
    number: String,
}

// Deserialising the items as `IgnoredAny` checks the page shape without paying for a
// full `serde_json::Value` tree on every measured request.
#[derive(Deserialize)]
struct ListShape {
    #[allow(dead_code)]
    items: Vec<IgnoredAny>,
    total: u64,
    #[allow(dead_code)]
    page: u64,
    #[allow(dead_code)]
    per_page: u64,
}

#[derive(Deserialize)]
struct NumberedPage {
    items: Vec<NumberedItem>,
}

/// Builds the shared client. The pool keeps one idle keep-alive connection per worker so
/// the measurements do not include TCP handshakes after the first request of each worker.
pub fn build_client(max_concurrency: usize) -> Result<Client> {
    client_builder(max_concurrency)
        .build()
        .context("cannot set up the HTTP client")
}

/// The settings every bench client shares (the web pages' client adds its own).
pub fn client_builder(max_concurrency: usize) -> reqwest::ClientBuilder {
    Client::builder()
        .pool_max_idle_per_host(max_concurrency)
        .timeout(REQUEST_TIMEOUT)
        .connect_timeout(Duration::from_secs(5))
        .tcp_nodelay(true)
        // A proxy between the bench and the server would be measured too.
        .no_proxy()
        .user_agent(concat!("escalade-bench/", env!("CARGO_PKG_VERSION")))
}

/// Checks and normalises the server URL (no trailing slash).
pub fn normalise_base_url(url: &str) -> Result<String> {
    let trimmed = url.trim().trim_end_matches('/');
    if trimmed.starts_with("https://") {
        bail!(
            "--url {url}: the benchmark speaks plain HTTP only; point it at the server's own \
             http:// listener rather than at a TLS proxy"
        );
    }
    if !trimmed.starts_with("http://") || trimmed.len() <= "http://".len() {
        bail!("--url {url}: expected an address like http://127.0.0.1:8080");
    }
    Ok(trimmed.to_owned())
}

/// Exchanges a login and password for an API token.
pub async fn obtain_token(
    client: &Client,
    base: &str,
    login: &str,
    password: &str,
) -> Result<String> {
    let url = format!("{base}/api/v1/auth/tokens");
    let body = serde_json::json!({ "login": login, "password": password, "name": "bench" });
    let response = client
        .post(&url)
        .json(&body)
        .send()
        .await
        .map_err(|e| setup_failure(base, &e))?;
    let status = response.status();
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        bail!(
            "the server refused the login {login:?} ({status}): check --login and --password \
             (or ESCALADE_ADMIN_PASSWORD)"
        );
    }
    let answer: TokenAnswer = read_json(response, &url).await?;
    Ok(answer.token)
}

impl Api {
    pub fn new(client: Client, base: String, token: String) -> Self {
        Api {
            client,
            base: base.into(),
            token: token.into(),
        }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.base)
    }

    /// How many tickets the server holds. Also the first authenticated call, so it is where
    /// an unreachable server or a bad token is reported.
    pub async fn ticket_total(&self) -> Result<u64> {
        let url = self.url("/api/v1/tickets?per_page=1");
        let response = self.get(&url).await?;
        let page: ListShape = read_json(response, &url).await?;
        Ok(page.total)
    }

    /// Ticket numbers from the first list page, for reading when nothing was created.
    pub async fn sample_numbers(&self) -> Result<Vec<String>> {
        let url = self.url("/api/v1/tickets?per_page=100");
        let response = self.get(&url).await?;
        let page: NumberedPage = read_json(response, &url).await?;
        Ok(page.items.into_iter().map(|item| item.number).collect())
    }

    async fn get(&self, url: &str) -> Result<Response> {
        let response = self
            .client
            .get(url)
            .bearer_auth(&*self.token)
            .send()
            .await
            .map_err(|e| setup_failure(&self.base, &e))?;
        if response.status() == StatusCode::UNAUTHORIZED {
            bail!(
                "the server refused the API token (401 on {url}): check --token \
                 (or ESCALADE_TOKEN), or log in with --password instead"
            );
        }
        Ok(response)
    }

    /// Set-up: adds a comment of this kind (`public`, `internal`) to a ticket.
    pub async fn add_comment(&self, number: &str, kind: &str, body: &str) -> Result<()> {
        let url = self.url(&format!("/api/v1/tickets/{number}/comments"));
        let response = self
            .client
            .post(&url)
            .bearer_auth(&*self.token)
            .json(&serde_json::json!({ "kind": kind, "body": body }))
            .send()
            .await
            .map_err(|e| setup_failure(&self.base, &e))?;
        let status = response.status();
        if !status.is_success() {
            let body = response.bytes().await.unwrap_or_default();
            bail!("{url} answered {status}: {}", snippet(&body));
        }
        Ok(())
    }

    /// Measured: creates one ticket and returns its number.
    pub async fn create_ticket(&self, url: &str, ticket: &NewTicket) -> Result<String, String> {
        let request = self.client.post(url).bearer_auth(&*self.token).json(ticket);
        expect_success(request.send().await, |body| {
            serde_json::from_slice::<Created>(body)
                .map(|created| created.number)
                .map_err(|e| format!("created, but the answer has no ticket number: {e}"))
        })
        .await
    }

    /// Measured: fetches one page (ticket or list) and checks it is a success.
    pub async fn fetch(&self, url: &str) -> Result<(), String> {
        let request = self.client.get(url).bearer_auth(&*self.token);
        expect_success(request.send().await, |_| Ok(())).await
    }

    /// Measured: fetches a list page and checks it has the documented shape.
    pub async fn fetch_list(&self, url: &str) -> Result<(), String> {
        let request = self.client.get(url).bearer_auth(&*self.token);
        expect_success(request.send().await, |body| {
            serde_json::from_slice::<ListShape>(body)
                .map(drop)
                .map_err(|e| format!("the list page is not {{items, total, page, per_page}}: {e}"))
        })
        .await
    }
}

/// Reads the whole body (the latency includes the transfer), hands a 2xx body to `check`
/// and turns anything else into a one-line description.
async fn expect_success<T>(
    sent: reqwest::Result<Response>,
    check: impl FnOnce(&[u8]) -> Result<T, String>,
) -> Result<T, String> {
    let response = sent.map_err(|e| describe_transport(&e))?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| describe_transport(&e))?;
    if status.is_success() {
        check(&body)
    } else {
        Err(format!("{status}: {}", snippet(&body)))
    }
}

async fn read_json<T: for<'de> Deserialize<'de>>(response: Response, url: &str) -> Result<T> {
    let status = response.status();
    let body = response
        .bytes()
        .await
        .with_context(|| format!("the connection broke while reading the answer of {url}"))?;
    if !status.is_success() {
        bail!("{url} answered {status}: {}", snippet(&body));
    }
    serde_json::from_slice(&body).with_context(|| {
        format!(
            "{url} answered {status} with an unexpected body (is this an Escalade server of \
             the same version?): {}",
            snippet(&body)
        )
    })
}

pub fn setup_failure(base: &str, error: &reqwest::Error) -> anyhow::Error {
    if error.is_connect() {
        anyhow!(
            "cannot reach the server at {base}: is `escalade serve` running? ({})",
            describe_transport(error)
        )
    } else if error.is_timeout() {
        anyhow!(
            "the server at {base} did not answer within {} s",
            REQUEST_TIMEOUT.as_secs()
        )
    } else {
        anyhow!("request to {base} failed: {}", describe_transport(error))
    }
}

/// reqwest's own message is only "error sending request"; the cause is in the source chain.
pub fn describe_transport(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

pub fn snippet(body: &[u8]) -> String {
    const MAX: usize = 200;
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None if text.is_empty() => "(empty body)".to_owned(),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_normalised() {
        assert_eq!(
            normalise_base_url("http://127.0.0.1:8080/").expect("valid"),
            "http://127.0.0.1:8080"
        );
        assert!(normalise_base_url("https://desk.example.com").is_err());
        assert!(normalise_base_url("127.0.0.1:8080").is_err());
        assert!(normalise_base_url("http://").is_err());
    }

    #[test]
    fn long_bodies_are_cut() {
        assert_eq!(snippet(b"  oops \n"), "oops");
        assert_eq!(snippet(b""), "(empty body)");
        let long = "é".repeat(300);
        assert_eq!(snippet(long.as_bytes()).chars().count(), 203);
    }
}
