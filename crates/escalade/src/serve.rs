//! `escalade serve`: open the database, seed it on first start, and answer HTTP until SIGTERM
//! or Ctrl-C, finishing the requests in flight.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use escalade_app::demo::DemoOptions;
use escalade_app::mail::{MailSender, SenderOptions};
use escalade_app::sla::scheduler::{Scheduler, SchedulerOptions};
use escalade_web::{AppState, router};

use crate::config::Global;

/// Options of `serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "ESCALADE_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Password of the administrator created on first start (a one-time password is generated
    /// and printed otherwise).
    #[arg(long, env = "ESCALADE_ADMIN_PASSWORD", hide_env_values = true)]
    pub admin_password: Option<String>,
    /// On an empty database, fill in realistic demo data first.
    #[arg(long)]
    pub demo: bool,
    /// Milliseconds between two rounds of the scheduler (SLA warnings and breaches, timed jobs).
    #[arg(long, env = "ESCALADE_SCHEDULER_INTERVAL_MS", default_value_t = 5000)]
    pub scheduler_interval_ms: u64,
    /// Clocks or jobs the scheduler claims per transaction.
    #[arg(long, env = "ESCALADE_SCHEDULER_BATCH", default_value_t = 100)]
    pub scheduler_batch: i64,
    /// This node's name in what its scheduler fires (host name and process id by default).
    #[arg(long, env = "ESCALADE_NODE_NAME")]
    pub node_name: Option<String>,
    /// Do not run the scheduler on this node (another node of the cluster does).
    #[arg(long, env = "ESCALADE_NO_SCHEDULER")]
    pub no_scheduler: bool,
    /// Milliseconds between two rounds of the mail sender (the outbox through SMTP).
    #[arg(long, env = "ESCALADE_MAIL_INTERVAL_MS", default_value_t = 5000)]
    pub mail_interval_ms: u64,
    /// Do not send mail from this node (another node of the cluster does; mail waits in the
    /// outbox until one does).
    #[arg(long, env = "ESCALADE_NO_MAIL_SENDER")]
    pub no_mail_sender: bool,
    /// Seconds between two rounds of IMAP polling (each mailbox that works is polled again
    /// after this long; a failing one backs off).
    #[arg(long, env = "ESCALADE_IMAP_INTERVAL_SECS", default_value_t = 60)]
    pub imap_interval_secs: u64,
    /// Do not poll IMAP mailboxes from this node.
    #[arg(long, env = "ESCALADE_NO_IMAP")]
    pub no_imap: bool,
}

/// Runs the server.
pub async fn run(global: &Global, args: ServeArgs) -> Result<()> {
    let app = global.open().await?;
    tracing::info!(database = %app.store.location().describe(), "database ready");
    let boot = app
        .bootstrap(args.admin_password.as_deref())
        .await
        .context("first-start set-up failed")?;
    if boot.admin_created {
        match &boot.admin_password {
            Some(p) => eprintln!(
                "\nCreated the administrator.\n  login:    admin\n  password: {p}\nThis password is shown only once; change it after logging in.\n"
            ),
            None => eprintln!(
                "\nCreated the administrator 'admin' with the password from ESCALADE_ADMIN_PASSWORD.\n"
            ),
        }
    }
    if args.demo {
        let opts = DemoOptions::default();
        match app
            .fill_demo(&opts, &mut |done, total| {
                tracing::info!("demo data: {done}/{total} tickets")
            })
            .await
        {
            Ok(r) => eprintln!(
                "Demo data loaded: {} tickets, {} agents, {} requesters.\n{}",
                r.tickets,
                r.agents,
                r.requesters,
                escalade_app::demo::LOGIN_HINT
            ),
            Err(escalade_app::AppError::Conflict {
                code: "demo_already_loaded",
                ..
            }) => {
                tracing::info!("demo data already present");
            }
            Err(e) => return Err(e).context("loading demo data failed"),
        }
    }
    // An index built by an older analysis (or none, on a database from before search) is
    // rebuilt in the background; searching works meanwhile on what is indexed.
    app.rebuild_search_index_if_outdated();
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    let addr = listener.local_addr()?;
    let (stop_scheduler, scheduler) = start_scheduler(&app, &args);
    let mail_worker = tokio::spawn(escalade_app::inbound_mail::run_worker(
        app.clone(),
        std::time::Duration::from_secs(5),
        stop_scheduler.subscribe(),
    ));
    let (stop_mail, mail_sender) = start_mail_sender(&app, &args);
    let imap_poller = (!args.no_imap).then(|| {
        tokio::spawn(escalade_app::inbound_mail::imap::run_poller(
            app.clone(),
            std::time::Duration::from_secs(args.imap_interval_secs.max(1)),
            stop_mail.subscribe(),
        ))
    });
    eprintln!("Escalade is listening on http://{addr}  (API: http://{addr}/api/v1/docs)");
    let served = axum::serve(listener, router(AppState::new(app)))
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error");
    // The scheduler finishes its round (a round is one transaction per batch) and stops.
    let _ = stop_scheduler.send(true);
    if let Some(task) = scheduler {
        let _ = task.await;
    }
    let _ = mail_worker.await;
    // The sender finishes the message it is sending; unsent mail stays in the outbox.
    let _ = stop_mail.send(true);
    if let Some(task) = mail_sender {
        let _ = task.await;
    }
    // A poll in progress finishes its mailbox; the rest waits for the next start.
    if let Some(task) = imap_poller {
        let _ = task.await;
    }
    served?;
    tracing::info!("stopped");
    Ok(())
}

/// Starts the scheduler, whose first round handles what came due while the server was down.
fn start_scheduler(
    app: &escalade_app::App,
    args: &ServeArgs,
) -> (
    tokio::sync::watch::Sender<bool>,
    Option<tokio::task::JoinHandle<()>>,
) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    if args.no_scheduler {
        tracing::info!("scheduler disabled on this node");
        return (stop, None);
    }
    let mut options = SchedulerOptions {
        interval: std::time::Duration::from_millis(args.scheduler_interval_ms.max(10)),
        batch: args.scheduler_batch.clamp(1, 10_000),
        ..SchedulerOptions::default()
    };
    if let Some(name) = args.node_name.as_deref().filter(|n| !n.trim().is_empty()) {
        options.node = name.trim().to_string();
    }
    let scheduler = Scheduler::new(app.clone(), options);
    (stop, Some(tokio::spawn(scheduler.run(stopped))))
}

/// Starts the mail sender, which delivers the outbox through the SMTP server in the settings.
fn start_mail_sender(
    app: &escalade_app::App,
    args: &ServeArgs,
) -> (
    tokio::sync::watch::Sender<bool>,
    Option<tokio::task::JoinHandle<()>>,
) {
    let (stop, stopped) = tokio::sync::watch::channel(false);
    if args.no_mail_sender {
        tracing::info!("mail sender disabled on this node");
        return (stop, None);
    }
    let options = SenderOptions {
        interval: std::time::Duration::from_millis(args.mail_interval_ms.max(10)),
        ..SenderOptions::default()
    };
    let sender = MailSender::new(app.clone(), options);
    (stop, Some(tokio::spawn(sender.run(stopped))))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// `escalade scheduler ...`.
#[derive(clap::Subcommand, Debug)]
pub enum SchedulerCommand {
    /// Fire every SLA warning and breach and run every job due now, once, and exit (safe beside
    /// running servers: each is claimed and fires once).
    RunOnce {
        /// The name recorded on what this run fires.
        #[arg(long, default_value = "cli")]
        node_name: String,
    },
}

/// Runs a scheduler command.
pub async fn scheduler(global: &Global, cmd: SchedulerCommand) -> Result<()> {
    let SchedulerCommand::RunOnce { node_name } = cmd;
    let app = global.open().await?;
    let started = std::time::Instant::now();
    let round = Scheduler::new(
        app,
        SchedulerOptions {
            node: node_name,
            ..SchedulerOptions::default()
        },
    )
    .run_once()
    .await
    .context("the scheduler round failed")?;
    println!(
        "warnings fired: {}, breaches fired: {}, jobs done: {}, failed (retried later): {}, \
         in {} ms",
        round.warnings,
        round.breaches,
        round.jobs,
        round.failed,
        started.elapsed().as_millis()
    );
    Ok(())
}
