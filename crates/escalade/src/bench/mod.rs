//! `escalade bench`: drives a running Escalade server over real HTTP and reports throughput
//! and latency per scenario (a table on stdout, optionally JSON), plus the server's memory.
//! The figures feed docs/PERFORMANCE.md; they are never used as timed tests.
//!
//! This module owns the command-line options and the order of the run; the submodules own
//! the HTTP calls (`api`, and `web` for the pages as a logged-in browser sees them), the
//! worker pool (`load`), the request content (`workload`), the scenarios (`scenario`), the
//! statistics (`stats`), /proc parsing (`rss`), the output (`report`), and the rules
//! engine and the inbound mail pipeline measured in this process (`rules`, `mail`).

mod api;
mod load;
mod mail;
mod mail_generator;
mod report;
mod rss;
mod rules;
mod scenario;
mod search;
mod stats;
mod web;
mod workload;

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use chrono::SecondsFormat;

use self::api::Api;
use self::report::Report;
use crate::config::Global;

/// Measure the throughput and latency of a running Escalade server over HTTP.
#[derive(clap::Args, Debug, Clone)]
pub struct BenchArgs {
    /// Base URL of the running server (plain HTTP).
    #[arg(
        long,
        env = "ESCALADE_BENCH_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub url: String,

    /// User to log in as when --password is given.
    #[arg(long, default_value = "admin")]
    pub login: String,

    /// Password of --login; the bench exchanges it for an API token first.
    #[arg(long, env = "ESCALADE_ADMIN_PASSWORD", hide_env_values = true)]
    pub password: Option<Secret>,

    /// API token to use instead of logging in.
    #[arg(long, env = "ESCALADE_TOKEN", hide_env_values = true)]
    pub token: Option<Secret>,

    /// Before measuring, create tickets (at the highest --concurrency) until the database
    /// holds at least N.
    #[arg(long, value_name = "N")]
    pub fill: Option<u64>,

    /// Requests of the create scenario (POST /api/v1/tickets).
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub creates: u64,

    /// Requests of the read scenario (GET /api/v1/tickets/{number}).
    #[arg(long, value_name = "N", default_value_t = 5000)]
    pub reads: u64,

    /// Requests of the list scenario (filtered GET /api/v1/tickets).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    pub lists: u64,

    /// Requests of each page of the pages scenario (GET of the queue page, and of the page
    /// of one ticket with a 50-comment journal).
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub pages: u64,

    /// Evaluations of the rules scenario (200 active rules plus the shipped ones, evaluated
    /// in this process on new tickets: the rules engine's cost per ticket creation).
    #[arg(long, value_name = "N", default_value_t = 20000)]
    pub evaluations: u64,

    /// Messages of the mail scenario (generated mail stored and processed in this process
    /// on the database of --data-dir or --database-url, --concurrency at a time: the inbound
    /// mail pipeline's cost per message). Use a fresh database: the run opens tickets.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub messages: u64,

    /// Searches of each kind in the search scenario (one word and two words, as an agent and
    /// as a requester), in this process on the database of --data-dir or --database-url,
    /// after loading it up to --search-tickets and --search-articles.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub searches: u64,

    /// Tickets the search scenario loads the database up to (straight through the store).
    #[arg(long, value_name = "N", default_value_t = 100_000)]
    pub search_tickets: u64,

    /// Article-like documents the search scenario loads the database up to.
    #[arg(long, value_name = "N", default_value_t = 5_000)]
    pub search_articles: u64,

    /// Requests in flight at once; a list such as 1,16 runs the scenarios once per value.
    #[arg(
        long,
        value_name = "C[,C...]",
        value_delimiter = ',',
        default_value = "16",
        value_parser = parse_clients
    )]
    pub concurrency: Vec<usize>,

    /// Scenarios to run; they always run in the order create, read, list, pages, so that
    /// reads can use the tickets just created.
    ///
    /// create: POST /api/v1/tickets. read: GET /api/v1/tickets/{number}. list: filtered,
    /// sorted and searched GET /api/v1/tickets. pages (not run unless asked for): the web UI
    /// as an agent's browser loads it; logs in through the login form (POST /login with
    /// --login and --password; a token is not enough), opens one ticket and gives it 50
    /// comments through the API, then measures GET /agent/queues/all?status=new&sort=updated
    /// ("queue page") and GET /agent/tickets/{number} ("ticket page"), --pages requests
    /// each. A page the server lacks (404) is reported as a failed row, not measured.
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        default_values = ["create", "read", "list"]
    )]
    pub scenarios: Vec<Scenario>,

    /// Process id of the server, to report its peak and current RSS (Linux /proc).
    #[arg(long, value_name = "PID")]
    pub server_pid: Option<u32>,

    /// Also write the results as JSON to PATH; `-` writes the JSON to stdout and moves the
    /// table to stderr.
    #[arg(long, value_name = "PATH")]
    pub json: Option<PathBuf>,
}

/// A measured workload.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scenario {
    Create,
    Read,
    List,
    /// The queue page and the ticket page of the web UI.
    Pages,
    /// The rules engine on its own, in this process: no server needed.
    Rules,
    /// The inbound mail pipeline, in this process on the database of --data-dir or
    /// --database-url: no server needed.
    Mail,
    /// Full-text search on a bulk-loaded desk, in this process on the database of
    /// --data-dir or --database-url: no server needed.
    Search,
}

impl Scenario {
    /// Measured in this process rather than against a running server.
    fn in_process(self) -> bool {
        matches!(self, Scenario::Rules | Scenario::Mail | Scenario::Search)
    }

    fn name(self) -> &'static str {
        match self {
            Scenario::Create => "create",
            Scenario::Read => "read",
            Scenario::List => "list",
            Scenario::Pages => "pages",
            Scenario::Rules => "rules",
            Scenario::Mail => "mail",
            Scenario::Search => "search",
        }
    }
}

/// A credential taken from the command line or the environment, kept out of `Debug`
/// output so that logging the arguments cannot leak it.
#[derive(Clone)]
pub struct Secret(String);

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

fn parse_clients(value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(clients) if clients > 0 => Ok(clients),
        _ => Err(format!("{value:?} is not a positive number of clients")),
    }
}

impl BenchArgs {
    fn count(&self, scenario: Scenario) -> u64 {
        match scenario {
            Scenario::Create => self.creates,
            Scenario::Read => self.reads,
            Scenario::List => self.lists,
            Scenario::Pages => self.pages,
            Scenario::Rules => self.evaluations,
            Scenario::Mail => self.messages,
            Scenario::Search => self.searches,
        }
    }

    fn planned(&self) -> Vec<Scenario> {
        let mut scenarios = self.scenarios.clone();
        scenarios.sort_unstable();
        scenarios.dedup();
        scenarios.retain(|&s| self.count(s) > 0);
        scenarios
    }
}

/// Runs the benchmark; fails after printing the results if any measured request failed.
pub async fn run(global: &Global, args: BenchArgs) -> Result<()> {
    let started_at = chrono::Utc::now().to_rfc3339_opts(SecondsFormat::Secs, true);
    let base = api::normalise_base_url(&args.url)?;
    let scenarios = args.planned();
    if !scenarios.is_empty() && scenarios.iter().all(|s| s.in_process()) {
        return run_in_process(global, &args, &scenarios, started_at).await;
    }
    let max_clients = args.concurrency.iter().copied().max().unwrap_or(1);
    if let Some(pid) = args.server_pid {
        // Fail now rather than after minutes of load.
        rss::read(pid)?;
    }

    let wants_pages = scenarios.contains(&Scenario::Pages);
    if wants_pages && args.password.is_none() {
        bail!(
            "the pages scenario logs in through the web login form, so it needs --password \
             (or ESCALADE_ADMIN_PASSWORD) for {:?}; an API token is not enough",
            args.login
        );
    }

    let client = api::build_client(max_clients)?;
    let token = match (&args.token, &args.password) {
        (Some(token), _) => token.0.clone(),
        (None, Some(password)) => {
            api::obtain_token(&client, &base, &args.login, &password.0).await?
        }
        (None, None) => bail!(
            "the benchmark needs credentials: give --password (or set ESCALADE_ADMIN_PASSWORD) \
             to log in as {:?}, or give an API token with --token (or ESCALADE_TOKEN)",
            args.login
        ),
    };
    let api = Api::new(client, base.clone(), token);

    let mut tickets = api.ticket_total().await?;
    let mut known: Arc<Vec<String>> = Arc::default();
    if let Some(target) = args.fill {
        if tickets >= target {
            eprintln!("fill: the server already holds {tickets} tickets (at least {target})");
        } else {
            eprintln!(
                "fill: the server holds {tickets} tickets; creating {}",
                target - tickets
            );
            let created = scenario::fill(&api, target - tickets, max_clients).await?;
            tickets += created.len() as u64;
            known = Arc::new(created);
        }
    }
    let creates_numbers = scenarios.contains(&Scenario::Create);
    if scenarios.contains(&Scenario::Read) && !creates_numbers && known.is_empty() {
        known = Arc::new(readable_numbers(&api).await?);
    }

    // The pages scenario's session and ticket, made once for every concurrency.
    let pages = match (&args.password, wants_pages) {
        (Some(password), true) => {
            let session = web::login(&base, &args.login, &password.0, max_clients).await?;
            eprintln!(
                "pages: preparing a ticket with {} comments",
                workload::JOURNAL_ENTRIES
            );
            let number = scenario::prepare_ticket_page(&api).await?;
            tickets += 1;
            Some((session, number))
        }
        _ => None,
    };

    let mut results = Vec::new();
    for &clients in &args.concurrency {
        for &scenario in &scenarios {
            let count = args.count(scenario);
            eprintln!(
                "{}: {count} requests, concurrency {clients}",
                scenario.name()
            );
            let batch = match scenario {
                Scenario::Create => {
                    let (result, numbers) = scenario::create(&api, count, clients).await?;
                    Arc::make_mut(&mut known).extend(numbers);
                    vec![result]
                }
                Scenario::Read => {
                    if known.is_empty() {
                        known = Arc::new(readable_numbers(&api).await?);
                    }
                    vec![scenario::read(&api, Arc::clone(&known), count, clients).await?]
                }
                Scenario::List => vec![scenario::list(&api, count, clients).await?],
                Scenario::Rules => vec![rules::run(count)?],
                Scenario::Mail => mail::run(mail::open(global).await?, count, clients).await?,
                Scenario::Search => {
                    let app = mail::open(global).await?;
                    search::run(app, args.search_tickets, args.search_articles, count).await?
                }
                Scenario::Pages => {
                    let (session, number) = pages
                        .as_ref()
                        .context("the pages scenario was not prepared")?;
                    let ticket_page = format!("/agent/tickets/{number}");
                    vec![
                        scenario::page(session, "queue page", workload::QUEUE_PAGE, count, clients)
                            .await?,
                        scenario::page(session, "ticket page", &ticket_page, count, clients)
                            .await?,
                    ]
                }
            };
            for result in batch {
                if let Some(error) = &result.first_error {
                    eprintln!(
                        "{}: {} of {} requests failed; the first answer was: {error}",
                        result.scenario, result.errors, result.requests
                    );
                }
                results.push(result);
            }
        }
    }

    let report = Report {
        url: base,
        started_at,
        tickets_at_start: tickets,
        server_rss_kib: args.server_pid.map(rss::read).transpose()?,
        results,
    };
    write_report(&report, args.json.as_deref())?;

    let failed: u64 = report.results.iter().map(|r| r.errors).sum();
    if failed > 0 {
        bail!(
            "{failed} measured request(s) failed (see the errors column and the messages \
             above), so these figures are not valid"
        );
    }
    Ok(())
}

/// The scenarios that need no server: `rules`, and `mail` on the database the global options
/// name.
async fn run_in_process(
    global: &Global,
    args: &BenchArgs,
    scenarios: &[Scenario],
    started_at: String,
) -> Result<()> {
    let mut results = Vec::new();
    let mut url = "in-process".to_string();
    for &scenario in scenarios {
        match scenario {
            Scenario::Rules => results.push(rules::run(args.evaluations)?),
            Scenario::Mail => {
                url = format!("in-process, {}", global.location()?.describe());
                let app = mail::open(global).await?;
                for &clients in &args.concurrency {
                    eprintln!("mail: {} messages, concurrency {clients}", args.messages);
                    results.extend(mail::run(app.clone(), args.messages, clients).await?);
                }
            }
            Scenario::Search => {
                url = format!("in-process, {}", global.location()?.describe());
                let app = mail::open(global).await?;
                eprintln!(
                    "search: {} searches of each kind on {} tickets and {} articles",
                    args.searches, args.search_tickets, args.search_articles
                );
                results.extend(
                    search::run(
                        app,
                        args.search_tickets,
                        args.search_articles,
                        args.searches,
                    )
                    .await?,
                );
            }
            _ => {}
        }
    }
    let report = Report {
        url,
        started_at,
        tickets_at_start: 0,
        server_rss_kib: None,
        results,
    };
    write_report(&report, args.json.as_deref())?;
    let failed: u64 = report.results.iter().map(|r| r.errors).sum();
    if failed > 0 {
        bail!("{failed} message(s) did not end as intended (see above): the figures are not valid");
    }
    Ok(())
}

/// Numbers to read when this run creates none: the first page of the ticket list.
async fn readable_numbers(api: &Api) -> Result<Vec<String>> {
    let numbers = api.sample_numbers().await?;
    if numbers.is_empty() {
        bail!(
            "the read scenario has no ticket to read on {}: add --fill N or the create \
             scenario, or check that the create requests succeed",
            api.base()
        );
    }
    Ok(numbers)
}

/// Prints the table (to stderr when the JSON goes to stdout), then writes the JSON.
fn write_report(report: &Report, json: Option<&Path>) -> Result<()> {
    let table = report.to_table();
    let json_to_stdout = json.is_some_and(|path| path == Path::new("-"));
    if json_to_stdout {
        eprint!("{table}");
    } else {
        std::io::stdout()
            .lock()
            .write_all(table.as_bytes())
            .context("cannot write the results to stdout")?;
    }
    let Some(path) = json else {
        return Ok(());
    };
    let text = report
        .to_json()
        .context("cannot encode the results as JSON")?;
    if json_to_stdout {
        std::io::stdout()
            .lock()
            .write_all(text.as_bytes())
            .context("cannot write the JSON results to stdout")?;
    } else {
        std::fs::write(path, text).with_context(|| {
            format!(
                "cannot write the JSON results to {}: does its directory exist and is it \
                 writable?",
                path.display()
            )
        })?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, Parser};

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        bench: BenchArgs,
    }

    fn parse(args: &[&str]) -> BenchArgs {
        let argv = std::iter::once("bench").chain(args.iter().copied());
        Cli::try_parse_from(argv).expect("valid arguments").bench
    }

    #[test]
    fn options_are_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn defaults_run_everything_at_sixteen_clients() {
        let args = parse(&[]);
        assert_eq!(args.concurrency, vec![16]);
        assert_eq!((args.creates, args.reads, args.lists), (2000, 5000, 1000));
        assert_eq!(args.pages, 500);
        assert_eq!(args.login, "admin");
        assert_eq!(
            args.planned(),
            vec![Scenario::Create, Scenario::Read, Scenario::List]
        );
    }

    #[test]
    fn lists_of_clients_and_scenarios() {
        let args = parse(&["--concurrency", "1,16", "--scenarios", "list,read,list"]);
        assert_eq!(args.concurrency, vec![1, 16]);
        assert_eq!(args.planned(), vec![Scenario::Read, Scenario::List]);
        assert!(Cli::try_parse_from(["bench", "--concurrency", "0"]).is_err());
        assert!(Cli::try_parse_from(["bench", "--scenarios", "delete"]).is_err());
    }

    #[test]
    fn pages_run_last_and_only_when_asked() {
        let args = parse(&["--scenarios", "pages,create", "--pages", "20"]);
        assert_eq!(args.planned(), vec![Scenario::Create, Scenario::Pages]);
        assert_eq!(args.count(Scenario::Pages), 20);
        assert!(!parse(&[]).planned().contains(&Scenario::Pages));
        let help = Cli::command().render_long_help().to_string();
        assert!(help.contains("/agent/queues/all") && help.contains("--pages"));
    }

    #[tokio::test]
    async fn pages_need_a_password() {
        let args = parse(&["--scenarios", "pages", "--token", "esk_x"]);
        if args.password.is_some() {
            return; // ESCALADE_ADMIN_PASSWORD is set in this environment
        }
        let global = Global {
            data_dir: std::env::temp_dir().join("escalade-bench-unused"),
            database_url: None,
            max_attachment_mb: 25,
            mail_ca_file: None,
        };
        let err = run(&global, args)
            .await
            .expect_err("refused without a password");
        assert!(err.to_string().contains("needs --password"), "{err}");
    }

    #[test]
    fn mail_runs_in_process_with_its_own_count() {
        let args = parse(&["--scenarios", "mail", "--messages", "30"]);
        assert_eq!(args.planned(), vec![Scenario::Mail]);
        assert_eq!(args.count(Scenario::Mail), 30);
        assert!(Scenario::Mail.in_process() && !Scenario::Create.in_process());
        assert_eq!(parse(&[]).messages, 2000);
    }

    #[test]
    fn zero_requests_skip_a_scenario() {
        let args = parse(&["--creates", "0"]);
        assert_eq!(args.planned(), vec![Scenario::Read, Scenario::List]);
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let args = parse(&["--password", "hunter2", "--token", "tok-123"]);
        let shown = format!("{args:?}");
        assert!(!shown.contains("hunter2") && !shown.contains("tok-123"));
    }
}
