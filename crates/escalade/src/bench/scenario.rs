//! The benchmark's workloads: filling the database up to a size, the three measured API
//! scenarios (create, read, list) and the web pages, each turned into a [`ScenarioResult`].

use std::pin::Pin;
use std::sync::Arc;

use anyhow::{Result, bail};
use rand::Rng;

use super::api::Api;
use super::load::{self, Outcome, Plan};
use super::report::ScenarioResult;
use super::web::WebSession;
use super::{stats, workload};

/// Creates `missing` tickets, printing progress, and returns their numbers. Stops at the
/// first failure: an unfilled database would make every later figure meaningless.
pub async fn fill(api: &Api, missing: u64, clients: usize) -> Result<Vec<String>> {
    let plan = Plan {
        total: missing,
        concurrency: clients,
        stop_on_error: true,
        progress: Some("fill".to_owned()),
    };
    let outcome = load::run(plan, create_request(api)).await?;
    if let Some(error) = outcome.first_error {
        bail!(
            "filling the database stopped after {} new tickets because the server refused one: \
             {error}",
            outcome.outputs.len()
        );
    }
    Ok(outcome.outputs)
}

/// Measures `POST /api/v1/tickets`; also returns the numbers of the tickets created.
pub async fn create(
    api: &Api,
    count: u64,
    clients: usize,
) -> Result<(ScenarioResult, Vec<String>)> {
    let outcome = load::run(measured(count, clients), create_request(api)).await?;
    Ok(summarise("create", clients, outcome))
}

/// Measures `GET /api/v1/tickets/{number}` over numbers picked at random among `numbers`,
/// so the server cannot answer from a single hot row.
pub async fn read(
    api: &Api,
    numbers: Arc<Vec<String>>,
    count: u64,
    clients: usize,
) -> Result<ScenarioResult> {
    if numbers.is_empty() {
        bail!("the read scenario needs ticket numbers to read, and none are known");
    }
    let api = api.clone();
    let outcome = load::run(measured(count, clients), move |_| {
        let number = &numbers[rand::rng().random_range(0..numbers.len())];
        let url = api.url(&format!("/api/v1/tickets/{number}"));
        let api = api.clone();
        async move { api.fetch(&url).await }
    })
    .await?;
    Ok(summarise("read", clients, outcome).0)
}

/// Measures filtered, sorted and searched list pages, rotating through
/// [`workload::LIST_QUERIES`].
pub async fn list(api: &Api, count: u64, clients: usize) -> Result<ScenarioResult> {
    let api = api.clone();
    let outcome = load::run(measured(count, clients), move |i| {
        let url = api.url(&format!("/api/v1/tickets?{}", workload::list_query(i)));
        let api = api.clone();
        async move { api.fetch_list(&url).await }
    })
    .await?;
    Ok(summarise("list", clients, outcome).0)
}

/// Opens the ticket whose page the pages scenario measures and gives it a journal of
/// [`workload::JOURNAL_ENTRIES`] comments (public replies and internal notes) through the
/// API; returns its number.
pub async fn prepare_ticket_page(api: &Api) -> Result<String> {
    let ticket = workload::new_ticket(&mut rand::rng());
    let number = api
        .create_ticket(&api.url("/api/v1/tickets"), &ticket)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the ticket for the pages scenario: {e}"))?;
    for i in 0..workload::JOURNAL_ENTRIES {
        let (kind, text) = workload::journal_comment(i);
        api.add_comment(&number, kind, &text).await?;
    }
    Ok(number)
}

/// Measures `GET path` as a logged-in browser, under `label`. The page is looked at once
/// first: one that is missing (404) or broken gives a row with that one failed request and
/// the reason, rather than thousands of identical failures.
pub async fn page(
    session: &WebSession,
    label: &'static str,
    path: &str,
    count: u64,
    clients: usize,
) -> Result<ScenarioResult> {
    if let Err(why) = session.probe(path).await {
        return Ok(ScenarioResult {
            scenario: label,
            clients,
            requests: 1,
            errors: 1,
            throughput_per_s: 0.0,
            latency_ms: None,
            first_error: Some(why),
        });
    }
    let session = session.clone();
    let url: Arc<str> = session.url(path).into();
    let outcome = load::run(measured(count, clients), move |_| {
        let session = session.clone();
        let url = Arc::clone(&url);
        async move { session.fetch(&url).await }
    })
    .await?;
    Ok(summarise(label, clients, outcome).0)
}

// Boxed because a closure cannot name its own `async` block type in a return position.
type CreateFuture = Pin<Box<dyn Future<Output = Result<String, String>> + Send>>;

fn create_request(api: &Api) -> impl Fn(u64) -> CreateFuture + Send + Sync + 'static {
    let api = api.clone();
    let url: Arc<str> = api.url("/api/v1/tickets").into();
    move |_| {
        // Generated before the clock starts: the bench's own work is not server latency.
        let ticket = workload::new_ticket(&mut rand::rng());
        let api = api.clone();
        let url = Arc::clone(&url);
        Box::pin(async move { api.create_ticket(&url, &ticket).await })
    }
}

fn measured(total: u64, concurrency: usize) -> Plan {
    Plan {
        total,
        concurrency,
        stop_on_error: false,
        progress: None,
    }
}

fn summarise<T>(
    scenario: &'static str,
    clients: usize,
    outcome: Outcome<T>,
) -> (ScenarioResult, Vec<T>) {
    let succeeded = outcome.attempted - outcome.errors;
    let result = ScenarioResult {
        scenario,
        clients,
        requests: outcome.attempted,
        errors: outcome.errors,
        throughput_per_s: stats::throughput(succeeded, outcome.elapsed),
        latency_ms: stats::summarize(outcome.latencies_ms),
        first_error: outcome.first_error,
    };
    (result, outcome.outputs)
}

#[cfg(test)]
mod tests {
    //! The pages scenario's plumbing against a real server in this process: the form login,
    //! the prepared journal, a measured page, and the row a missing page gives.

    use escalade_app::{App, AppConfig};
    use escalade_store::{Location, Options, Store};

    use super::*;
    use crate::bench::{api, web};

    const PASSWORD: &str = "bench-test-password";

    async fn server() -> (String, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("data folder");
        let store = Store::open(&Location::DataDir(dir.path().into()), Options::default())
            .await
            .expect("open the database");
        let app = App::new(store, AppConfig::default());
        app.bootstrap(Some(PASSWORD)).await.expect("bootstrap");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        let router = escalade_web::router(escalade_web::AppState::new(app));
        tokio::spawn(async move { axum::serve(listener, router).await });
        (base, dir)
    }

    #[tokio::test]
    async fn pages_log_in_prepare_a_journal_and_measure_or_report() {
        let (base, _dir) = server().await;
        let wrong = web::login(&base, "admin", "not-it", 2).await;
        assert!(
            wrong.is_err_and(|e| e.to_string().contains("refused")),
            "a wrong password is reported"
        );
        let session = web::login(&base, "admin", PASSWORD, 2)
            .await
            .expect("form login");

        let client = api::build_client(2).expect("client");
        let token = api::obtain_token(&client, &base, "admin", PASSWORD)
            .await
            .expect("token");
        let api = Api::new(client.clone(), base.clone(), token.clone());
        let number = prepare_ticket_page(&api).await.expect("prepared");
        let journal: serde_json::Value = client
            .get(format!("{base}/api/v1/tickets/{number}/journal"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("journal")
            .json()
            .await
            .expect("JSON");
        let comments = journal["items"]
            .as_array()
            .expect("items")
            .iter()
            // Rules that classify the random subject add authorless notes of their own.
            .filter(|e| e["kind"] == "public_reply" || e["kind"] == "internal_note")
            .filter(|e| e["author_id"].is_number())
            .count();
        assert_eq!(comments, workload::JOURNAL_ENTRIES, "{journal}");

        // A page that exists is measured with the session: no errors, every request timed.
        let measured = page(&session, "account page", "/account", 20, 4)
            .await
            .expect("measured");
        assert_eq!((measured.requests, measured.errors), (20, 0));
        assert!(measured.latency_ms.is_some_and(|l| l.p50 > 0.0));

        // A page the server lacks is one failed request with the reason, not a crash.
        let missing = page(&session, "queue page", "/agent/no-such-page", 20, 4)
            .await
            .expect("reported");
        assert_eq!((missing.requests, missing.errors), (1, 1));
        assert!(missing.latency_ms.is_none());
        let why = missing.first_error.expect("a reason");
        assert!(
            why.contains("404") && why.contains("/agent/no-such-page"),
            "{why}"
        );
    }
}
