//! The `mail` scenario: what the inbound mail pipeline costs per message, in this process on
//! a real database (no server, no MTA): each message is stored with `App::receive_mail`
//! (durable, as the mail gateway does before answering the MTA) and then processed with
//! `App::process_mail` (read, thread, open a ticket or add a reply). This module owns the
//! run that feeds the generated mail (`mail_generator`) through the pipeline and its
//! figures.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use escalade_app::App;
use escalade_store::mail_inbound::Arrival;

use super::mail_generator::{Generator, Opened, SENDERS, Shape};
use super::report::ScenarioResult;
use super::stats;

/// Opens the database the global options name and seeds it as the server does at start
/// (roles, categories, the administrator), so that a fresh data folder works.
pub async fn open(global: &crate::config::Global) -> Result<App> {
    let app = global.open().await?;
    app.bootstrap(None)
        .await
        .context("cannot prepare the database (roles, categories) for the mail run")?;
    Ok(app)
}

/// Per-message latencies of one run.
struct Samples {
    total: Vec<f64>,
    receive: Vec<f64>,
    process: Vec<f64>,
    errors: u64,
    first_error: Option<String>,
}

/// Feeds `count` generated messages through the pipeline, `clients` at a time (as several
/// MTA deliveries arrive together), and reports the latency of one message (store and
/// process) plus each phase on its own.
pub async fn run(app: App, count: u64, clients: usize) -> Result<Vec<ScenarioResult>> {
    let generator = Arc::new(Mutex::new(Generator::new(0x5eed_2026)));
    let opened: Arc<Mutex<Vec<Opened>>> = Arc::default();
    let next = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let started = Instant::now();
    let mut workers = Vec::with_capacity(clients);
    for _ in 0..clients {
        let (app, generator, opened, next) = (
            app.clone(),
            Arc::clone(&generator),
            Arc::clone(&opened),
            Arc::clone(&next),
        );
        workers.push(tokio::spawn(async move {
            let mut s = Samples {
                total: Vec::new(),
                receive: Vec::new(),
                process: Vec::new(),
                errors: 0,
                first_error: None,
            };
            while next.fetch_add(1, std::sync::atomic::Ordering::Relaxed) < count {
                let (shape, sender, raw) = {
                    let known = opened.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
                    let mut g = generator.lock().map_err(|_| anyhow::anyhow!("poisoned"))?;
                    let shape = g.shape(!known.is_empty());
                    let to = match shape {
                        Shape::Reply | Shape::AutoReply if !known.is_empty() => {
                            let i = g.roll(known.len());
                            Some(known[i].clone())
                        }
                        _ => None,
                    };
                    let (sender, raw) = g.message(shape, to.as_ref());
                    (shape, sender, raw)
                };
                let t0 = Instant::now();
                let arrival = Arrival {
                    source: "bench".into(),
                    mailbox: None,
                };
                let id = app
                    .receive_mail(arrival, raw)
                    .await
                    .context("storing a message")?;
                let t1 = Instant::now();
                let done = app.process_mail(id).await.context("processing a message")?;
                let t2 = Instant::now();
                s.receive.push(ms(t1 - t0));
                s.process.push(ms(t2 - t1));
                s.total.push(ms(t2 - t0));
                let expected = if shape == Shape::AutoReply {
                    "ignored"
                } else {
                    "done"
                };
                if done.state != expected {
                    s.errors += 1;
                    s.first_error.get_or_insert_with(|| {
                        format!("a {shape:?} message was {}: {}", done.state, done.reason)
                    });
                } else if matches!(shape, Shape::New | Shape::WithAttachment)
                    && let Some(number) = done.ticket
                {
                    opened
                        .lock()
                        .map_err(|_| anyhow::anyhow!("poisoned"))?
                        .push(Opened { number, sender });
                }
            }
            anyhow::Ok(s)
        }));
    }
    let mut all = Samples {
        total: Vec::new(),
        receive: Vec::new(),
        process: Vec::new(),
        errors: 0,
        first_error: None,
    };
    for w in workers {
        let s = w.await.context("a mail worker stopped")??;
        all.total.extend(s.total);
        all.receive.extend(s.receive);
        all.process.extend(s.process);
        all.errors += s.errors;
        if all.first_error.is_none() {
            all.first_error = s.first_error;
        }
    }
    let elapsed = started.elapsed();
    let tickets = opened
        .lock()
        .map_err(|_| anyhow::anyhow!("poisoned"))?
        .len();
    eprintln!(
        "mail: {count} messages from {SENDERS} senders, {tickets} tickets opened, \
         {clients} at a time"
    );
    if all.total.len() as u64 != count {
        bail!("only {} of {count} messages went through", all.total.len());
    }
    let row = |scenario: &'static str, samples: Vec<f64>, errors, first_error| ScenarioResult {
        scenario,
        clients,
        requests: count,
        errors,
        throughput_per_s: stats::throughput(count, elapsed),
        latency_ms: stats::summarize(samples),
        first_error,
    };
    Ok(vec![
        row("mail (in-process)", all.total, all.errors, all.first_error),
        row("mail: receive", all.receive, 0, None),
        row("mail: process", all.process, 0, None),
    ])
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole pipeline on a fresh SQLite database: every message ends as intended, and
    /// replies join the tickets opened earlier in the run instead of opening new ones.
    #[tokio::test]
    async fn a_run_opens_tickets_and_threads_replies() {
        let dir = tempfile::tempdir().unwrap();
        let global = crate::config::Global {
            data_dir: dir.path().to_path_buf(),
            database_url: None,
            max_attachment_mb: 25,
            mail_ca_file: None,
        };
        let app = open(&global).await.unwrap();
        let rows = run(app.clone(), 120, 4).await.unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].errors, 0, "{:?}", rows[0].first_error);
        assert_eq!(rows[0].requests, 120);
        use escalade_store::mail_inbound::{InboundState, in_state};
        let mut c = app.store.read().await.unwrap();
        let (done, done_total) = in_state(&mut c, InboundState::Done, 0, 1000).await.unwrap();
        let (_, ignored) = in_state(&mut c, InboundState::Ignored, 0, 1000)
            .await
            .unwrap();
        assert_eq!(done_total + ignored, 120);
        assert!(ignored > 0, "automatic replies are ignored");
        let replies = done
            .iter()
            .filter(|r| r.subject.as_deref().is_some_and(|s| s.starts_with("Re: [")))
            .count();
        assert!(replies > 0);
        let tickets: std::collections::HashSet<_> =
            done.iter().filter_map(|r| r.ticket_id).collect();
        assert_eq!(
            tickets.len(),
            done.len() - replies,
            "replies open no ticket"
        );
    }
}
