//! The benchmark's workloads against the ticket API: filling the database up to a size, and
//! the three measured scenarios (create, read, list), each turned into a [`ScenarioResult`].

use std::pin::Pin;
use std::sync::Arc;

use anyhow::{Result, bail};
use rand::Rng;

use super::api::Api;
use super::load::{self, Outcome, Plan};
use super::report::ScenarioResult;
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
