//! The `escalade` binary: the server, the operator's command line and the benchmark, in one.
//! This file owns the command-line grammar; each command lives in its own module.

mod bench;
mod config;
mod mailgate;
mod operate;
mod reindex;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Global;

/// Escalade, an IT service desk: tickets, support levels, escalation, SLAs and more, in one
/// binary on an embedded database or PostgreSQL.
#[derive(Parser, Debug)]
#[command(name = "escalade", version, about)]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the service desk: web API (and UI), on the embedded database unless a PostgreSQL URL
    /// is given. The first start creates the administrator `admin`.
    Serve(serve::ServeArgs),
    /// Apply pending database migrations and exit.
    Migrate,
    /// Manage users.
    #[command(subcommand)]
    User(operate::UserCommand),
    /// Create and revoke API tokens.
    #[command(subcommand)]
    Token(operate::TokenCommand),
    /// Explain why a user can or cannot see or change a ticket.
    Explain(operate::ExplainArgs),
    /// Fill the database with realistic demo data (departments, agents, thousands of tickets).
    Demo(operate::DemoArgs),
    /// Write a consistent copy of the SQLite database while the server runs.
    Backup {
        /// The file to create.
        file: PathBuf,
    },
    /// Replace the SQLite database with a backup (stop the server first).
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Replace an existing database (it is kept beside as escalade.db.before-restore-<time>).
        #[arg(long)]
        force: bool,
    },
    /// Measure a running server over HTTP: creations, reads and list pages.
    Bench(bench::BenchArgs),
    /// Take one e-mail message on standard input (for Postfix or Exim to pipe into): exits 0
    /// once it is stored, 75 when the MTA should retry.
    Mailgate,
    /// Run the SLA scheduler by hand.
    #[command(subcommand)]
    Scheduler(serve::SchedulerCommand),
    /// Rebuild the full-text search index from the tickets (after an upgrade that changed the
    /// text analysis, or to repair it); prints its progress. The server may keep running.
    SearchReindex,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    config::init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    if matches!(cli.command, Command::Mailgate) {
        return runtime.block_on(mailgate::run(&cli.global));
    }
    let result = runtime.block_on(async move {
        match cli.command {
            Command::Serve(args) => serve::run(&cli.global, args).await,
            Command::Migrate => operate::migrate(&cli.global).await,
            Command::User(cmd) => operate::user(&cli.global, cmd).await,
            Command::Token(cmd) => operate::token(&cli.global, cmd).await,
            Command::Explain(args) => operate::explain(&cli.global, args).await,
            Command::Demo(args) => operate::demo(&cli.global, args).await,
            Command::Backup { file } => operate::backup(&cli.global, &file).await,
            Command::Restore { file, force } => operate::restore(&cli.global, &file, force).await,
            Command::Bench(args) => bench::run(&cli.global, args).await,
            Command::Scheduler(cmd) => serve::scheduler(&cli.global, cmd).await,
            Command::SearchReindex => reindex::run(&cli.global).await,
            // Answered above: the MTA reads its own exit codes.
            Command::Mailgate => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
