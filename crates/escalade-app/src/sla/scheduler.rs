//! The background scheduler: fires due SLA warnings and breaches and runs due durable jobs.
//!
//! Its work is stored, not held in memory: a clock's `warn_at`/`due_at` and a job's `run_at`
//! are rows, so a restart loses nothing, and the first round after a start handles everything
//! that came due while the server was down. Each round claims a batch at a time (on PostgreSQL
//! with `FOR UPDATE SKIP LOCKED`), so several nodes on one database share the due work and
//! each warning, breach or job happens once. Rounds run every `interval` until shutdown.
//!
//! Durable jobs are the hook for time-based rules and reminders: a feature registers a
//! [`JobHandler`] for its kind with [`Scheduler::handle`] and schedules rows with
//! `escalade_store::jobs::schedule` in the transaction that decides them.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use escalade_store::clocks::Firing;
use escalade_store::jobs::{self, JobRow};
use escalade_store::{BoxFuture, Conn, StoreError};
use tokio::sync::watch;

use super::firing::{BatchOutcome, fire_batch};
use crate::App;
use crate::error::AppError;

/// Runs one kind of durable job, inside the transaction that marks it done.
pub trait JobHandler: Send + Sync {
    /// Does the job. An error rolls its effects back and the job is tried again later.
    fn run<'a>(
        &'a self,
        app: &'a App,
        c: &'a mut Conn,
        job: &'a JobRow,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), StoreError>>;
}

/// How the scheduler runs.
#[derive(Debug, Clone)]
pub struct SchedulerOptions {
    /// This node's name, recorded on what it fires (`warned_by`, `breached_by`, `done_by`).
    pub node: String,
    /// Time between rounds.
    pub interval: Duration,
    /// Clocks or jobs claimed per transaction.
    pub batch: i64,
}

impl Default for SchedulerOptions {
    fn default() -> Self {
        Self {
            node: node_name(),
            interval: Duration::from_secs(5),
            batch: 100,
        }
    }
}

/// A name for this process: the host name and the process id.
pub fn node_name() -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .filter(|h| !h.trim().is_empty())
        .or_else(|| {
            std::fs::read_to_string("/etc/hostname")
                .ok()
                .map(|h| h.trim().to_string())
        })
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "node".into());
    format!("{host}:{}", std::process::id())
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Warnings fired by this node.
    pub warnings: usize,
    /// Breaches fired by this node.
    pub breaches: usize,
    /// Jobs done by this node.
    pub jobs: usize,
    /// Clocks or jobs that failed and wait for the next round.
    pub failed: usize,
}

/// Fires SLA warnings and breaches and runs durable jobs, on a schedule.
#[derive(Clone)]
pub struct Scheduler {
    app: App,
    options: SchedulerOptions,
    handlers: HashMap<String, Arc<dyn JobHandler>>,
}

/// A job kind without a handler is tried again after this long (a newer node may know it).
const UNKNOWN_KIND_RETRY: chrono::Duration = chrono::Duration::minutes(10);

impl Scheduler {
    /// A scheduler over the service layer.
    pub fn new(app: App, options: SchedulerOptions) -> Self {
        // Time rules' jobs are always handled: every node that runs a scheduler runs them.
        let mut handlers: HashMap<String, Arc<dyn JobHandler>> = HashMap::new();
        handlers.insert(
            crate::rules::time_jobs::JOB_KIND.to_string(),
            Arc::new(crate::rules::time_jobs::TimeRuleJobs),
        );
        Self {
            app,
            options,
            handlers,
        }
    }

    /// Registers the handler of a kind of durable job.
    pub fn handle(mut self, kind: &str, handler: Arc<dyn JobHandler>) -> Self {
        self.handlers.insert(kind.to_string(), handler);
        self
    }

    /// This node's name.
    pub fn node(&self) -> &str {
        &self.options.node
    }

    /// One round: everything due now, batch after batch, warnings before breaches (so that a
    /// clock that passed both while the server was down warns, then breaches).
    pub async fn run_once(&self) -> Result<Round, AppError> {
        let mut round = Round::default();
        for firing in [Firing::Warning, Firing::Breach] {
            loop {
                let b = self.clock_batch(firing).await?;
                match firing {
                    Firing::Warning => round.warnings += b.fired,
                    Firing::Breach => round.breaches += b.fired,
                }
                round.failed += b.failed;
                // A short batch means nothing more is due (or the rest is claimed elsewhere);
                // a batch where everything failed would only fail again now.
                if (b.claimed as i64) < self.options.batch || b.failed == b.claimed {
                    break;
                }
            }
        }
        loop {
            let (done, claimed, failed) = self.job_batch().await?;
            round.jobs += done;
            round.failed += failed;
            if (claimed as i64) < self.options.batch || failed == claimed {
                break;
            }
        }
        Ok(round)
    }

    async fn clock_batch(&self, firing: Firing) -> Result<BatchOutcome, AppError> {
        let cfg = self.app.sla_config().await?;
        let app = self.app.clone();
        let node = self.options.node.clone();
        let limit = self.options.batch;
        let now = self.app.clock.now();
        Ok(self
            .app
            .store
            .write(move |c| {
                Box::pin(async move { fire_batch(&app, c, &cfg, firing, now, &node, limit).await })
            })
            .await?)
    }

    async fn job_batch(&self) -> Result<(usize, usize, usize), AppError> {
        let app = self.app.clone();
        let node = self.options.node.clone();
        let limit = self.options.batch;
        let handlers = self.handlers.clone();
        let now = self.app.clock.now();
        Ok(self
            .app
            .store
            .write(move |c| {
                Box::pin(async move {
                    let due = jobs::claim_due(c, now, limit).await?;
                    let (mut done, mut failed) = (0, 0);
                    for job in &due {
                        let Some(handler) = handlers.get(&job.kind) else {
                            let error = format!("no handler for jobs of kind '{}'", job.kind);
                            jobs::retry_later(c, job.id, &error, now + UNKNOWN_KIND_RETRY).await?;
                            failed += 1;
                            continue;
                        };
                        c.raw("SAVEPOINT scheduled_job").await?;
                        let result = handler.run(&app, c, job, now).await;
                        match result {
                            Ok(()) => {
                                jobs::complete(c, job.id, now, &node).await?;
                                c.raw("RELEASE SAVEPOINT scheduled_job").await?;
                                done += 1;
                            }
                            Err(e) => {
                                c.raw("ROLLBACK TO SAVEPOINT scheduled_job; RELEASE SAVEPOINT scheduled_job")
                                    .await?;
                                // Back off with the attempts: 1, 2, 4 ... minutes, at most a day.
                                let wait = 1i64 << job.attempts.clamp(0, 10);
                                let retry = now + chrono::Duration::minutes(wait.min(24 * 60));
                                jobs::retry_later(c, job.id, &e.to_string(), retry).await?;
                                failed += 1;
                            }
                        }
                    }
                    Ok((done, due.len(), failed))
                })
            })
            .await?)
    }

    /// Runs rounds until `stop` turns true: one at once (what came due while the server was
    /// down), then one every interval. A failed round is logged and the next one tries again.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        tracing::info!(node = %self.options.node, interval_ms = self.options.interval.as_millis() as u64, "scheduler started");
        loop {
            match self.run_once().await {
                Ok(r) if r != Round::default() => tracing::info!(
                    warnings = r.warnings,
                    breaches = r.breaches,
                    jobs = r.jobs,
                    failed = r.failed,
                    node = %self.options.node,
                    "scheduler round"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "scheduler round failed"),
            }
            tokio::select! {
                _ = tokio::time::sleep(self.options.interval) => {}
                changed = stop.changed() => {
                    if changed.is_err() || *stop.borrow() {
                        break;
                    }
                }
            }
            if *stop.borrow() {
                break;
            }
        }
        tracing::info!(node = %self.options.node, "scheduler stopped");
    }
}
