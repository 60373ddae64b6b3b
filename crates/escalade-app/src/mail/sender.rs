//! The sender: a background task (started by `serve`, like the SLA scheduler) that turns the
//! rules' automatic replies into outbox mail and delivers due outbox rows through SMTP.
//!
//! Each round claims a batch in a short write transaction (on PostgreSQL with `SKIP LOCKED`,
//! so several nodes share the outbox), talks SMTP outside any transaction, and records each
//! result in another: success, a retry after [`super::retry_delay`], or failure for good when
//! the server refused permanently or [`super::RETRY_PERIOD`] is over. A claim is a lease: a
//! node that dies mid-round leaves its rows due again when the lease ends.

use std::time::Duration;

use chrono::{DateTime, Utc};
use escalade_core::ids::TicketId;
use escalade_mail::outbound::Event;
use escalade_store::mail_outbox::{self as outbox, ClaimedMail};
use escalade_store::tickets as ticket_store;
use tokio::sync::watch;

use super::notify::Batch;
use super::retry_delay;
use super::settings::{MailSettings, load};
use super::smtp::{self, SendError};
use crate::App;
use crate::error::AppError;

/// How the sender runs.
#[derive(Debug, Clone)]
pub struct SenderOptions {
    /// Time between rounds.
    pub interval: Duration,
    /// Messages claimed per transaction.
    pub batch: i64,
    /// How long a claim keeps other nodes off a message.
    pub lease: chrono::Duration,
}

impl Default for SenderOptions {
    fn default() -> Self {
        Self {
            interval: Duration::from_secs(5),
            batch: 50,
            lease: chrono::Duration::minutes(10),
        }
    }
}

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MailRound {
    /// Automatic replies of the rules turned into outbox mail.
    pub replies_queued: usize,
    /// Messages the SMTP server accepted.
    pub sent: usize,
    /// Attempts that failed (retried later or given up).
    pub failed: usize,
    /// No SMTP server is configured: the outbox waits.
    pub waiting_for_settings: bool,
}

/// Delivers the outbox.
#[derive(Clone)]
pub struct MailSender {
    app: App,
    options: SenderOptions,
}

enum Outcome {
    Sent,
    Retry(String, DateTime<Utc>),
    GiveUp(String),
}

impl MailSender {
    /// A sender over the service layer.
    pub fn new(app: App, options: SenderOptions) -> Self {
        Self { app, options }
    }

    /// One round: the rules' replies into the outbox, then everything due, batch by batch.
    pub async fn run_once(&self) -> Result<MailRound, AppError> {
        let mut round = MailRound {
            replies_queued: self.queue_rule_replies().await?,
            ..MailRound::default()
        };
        let settings = {
            let mut c = self.app.store.read().await?;
            load(&mut c).await?
        };
        if !settings.smtp_configured() {
            round.waiting_for_settings = true;
            return Ok(round);
        }
        // One transport per round: its pool reuses the connection across the batch.
        let transport = smtp::transport(&settings, self.app.config.mail_ca_file.as_deref());
        loop {
            let now = self.app.clock.now();
            let lease = now + self.options.lease;
            let limit = self.options.batch;
            let due = self
                .app
                .store
                .write(move |c| {
                    Box::pin(async move { outbox::claim_due(c, now, lease, limit).await })
                })
                .await?;
            let mut results = Vec::with_capacity(due.len());
            for m in &due {
                let result = match &transport {
                    Ok(t) => {
                        let to = recipients(m);
                        smtp::deliver(t, &settings.sender(), &to, &m.raw).await
                    }
                    Err(e) => Err(e.clone()),
                };
                let now = self.app.clock.now();
                results.push((m.id, outcome(m, result, now)));
            }
            for (_, o) in &results {
                match o {
                    Outcome::Sent => round.sent += 1,
                    _ => round.failed += 1,
                }
            }
            let all_failed =
                !results.is_empty() && results.iter().all(|(_, o)| !matches!(o, Outcome::Sent));
            self.record(results).await?;
            // A short batch means nothing more is due; a batch that failed whole would
            // only fail again now.
            if (due.len() as i64) < self.options.batch || all_failed {
                break;
            }
        }
        Ok(round)
    }

    async fn record(&self, results: Vec<(i64, Outcome)>) -> Result<(), AppError> {
        if results.is_empty() {
            return Ok(());
        }
        let now = self.app.clock.now();
        self.app
            .store
            .write(move |c| {
                Box::pin(async move {
                    for (id, o) in &results {
                        match o {
                            Outcome::Sent => outbox::mark_sent(c, *id, now).await?,
                            Outcome::Retry(e, at) => {
                                outbox::mark_attempt_failed(c, *id, e, Some(*at), now).await?
                            }
                            Outcome::GiveUp(e) => {
                                outbox::mark_attempt_failed(c, *id, e, None, now).await?
                            }
                        }
                    }
                    Ok(())
                })
            })
            .await?;
        Ok(())
    }

    /// Turns the rules' pending automatic replies into mail to each ticket's requester.
    async fn queue_rule_replies(&self) -> Result<usize, AppError> {
        let limit = self.options.batch;
        let mut total = 0;
        loop {
            let now = self.app.clock.now();
            let (claimed, queued) = self
                .app
                .store
                .write(move |c| {
                    Box::pin(async move {
                        let replies = outbox::claim_rule_replies(c, limit).await?;
                        let settings: MailSettings = load(c).await?;
                        let mut queued = 0;
                        for r in &replies {
                            if let Some(t) = ticket_store::get(c, TicketId(r.ticket_id)).await? {
                                let mut batch = Batch::new(&settings, None, &t);
                                let event = Event::AutoReply {
                                    template: r.template.clone(),
                                    text: r.body.clone(),
                                };
                                queued += batch.send(c, &event, &[t.requester], true, now).await?;
                            }
                            outbox::mark_reply_queued(c, r.id, now).await?;
                        }
                        Ok((replies.len(), queued))
                    })
                })
                .await?;
            total += queued;
            if (claimed as i64) < limit {
                return Ok(total);
            }
        }
    }

    /// Runs rounds until `stop` turns true: one at once, then one every interval. A failed
    /// round is logged and the next one tries again.
    pub async fn run(self, mut stop: watch::Receiver<bool>) {
        tracing::info!(
            interval_ms = self.options.interval.as_millis() as u64,
            "mail sender started"
        );
        loop {
            match self.run_once().await {
                Ok(r) if r.sent + r.failed + r.replies_queued > 0 => tracing::info!(
                    sent = r.sent,
                    failed = r.failed,
                    replies_queued = r.replies_queued,
                    "mail round"
                ),
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "mail round failed"),
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
        tracing::info!("mail sender stopped");
    }
}

fn recipients(m: &ClaimedMail) -> Vec<String> {
    m.recipients
        .split(',')
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect()
}

fn outcome(m: &ClaimedMail, result: Result<(), SendError>, now: DateTime<Utc>) -> Outcome {
    match result {
        Ok(()) => Outcome::Sent,
        Err(e) if e.permanent || now >= m.give_up_at => Outcome::GiveUp(e.message),
        Err(e) => Outcome::Retry(e.message, now + retry_delay(m.attempts + 1)),
    }
}
