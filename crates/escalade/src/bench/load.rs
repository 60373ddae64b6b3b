//! The load generator of `escalade bench`: C tokio tasks pull request indexes from one shared
//! atomic counter until N requests are done, timing each one; plus the progress line that
//! long runs (such as `--fill`) print to stderr.

use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// How to run one batch of requests.
pub struct Plan {
    /// Number of requests to make.
    pub total: u64,
    /// Number of worker tasks, i.e. of requests in flight at once.
    pub concurrency: usize,
    /// Stop handing out work after the first failure (for set-up work such as filling the
    /// database, where carrying on would only repeat the same error thousands of times).
    pub stop_on_error: bool,
    /// Print progress to stderr under this label.
    pub progress: Option<String>,
}

/// What a batch did. Latencies cover successful requests only, so a burst of fast
/// rejections cannot make the server look quicker than it is.
pub struct Outcome<T> {
    pub outputs: Vec<T>,
    pub latencies_ms: Vec<f64>,
    pub attempted: u64,
    pub errors: u64,
    pub first_error: Option<String>,
    pub elapsed: Duration,
}

struct WorkerResult<T> {
    outputs: Vec<T>,
    latencies_ms: Vec<f64>,
    errors: u64,
    first_error: Option<String>,
}

/// Runs `plan.total` calls of `request(index)` with `plan.concurrency` calls in flight.
///
/// `request` is called before the clock starts and the future it returns is timed, so
/// preparing a request (building its body or URL) is not counted as server latency.
pub async fn run<T, F, Fut>(plan: Plan, request: F) -> Result<Outcome<T>>
where
    T: Send + 'static,
    F: Fn(u64) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<T, String>> + Send + 'static,
{
    let request = Arc::new(request);
    let next = Arc::new(AtomicU64::new(0));
    let done = Arc::new(AtomicU64::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let workers = plan
        .concurrency
        .max(1)
        .min(usize::try_from(plan.total).unwrap_or(usize::MAX));
    let started = Instant::now();

    let reporter = plan.progress.clone().map(|label| {
        let done = Arc::clone(&done);
        tokio::spawn(report_progress(label, plan.total, done, started))
    });

    let mut handles = Vec::with_capacity(workers);
    for _ in 0..workers {
        let request = Arc::clone(&request);
        let next = Arc::clone(&next);
        let done = Arc::clone(&done);
        let stop = Arc::clone(&stop);
        let (total, stop_on_error) = (plan.total, plan.stop_on_error);
        handles.push(tokio::spawn(async move {
            let mut result = WorkerResult {
                outputs: Vec::new(),
                latencies_ms: Vec::new(),
                errors: 0,
                first_error: None,
            };
            while !stop.load(Ordering::Relaxed) {
                let index = next.fetch_add(1, Ordering::Relaxed);
                if index >= total {
                    break;
                }
                let pending = request(index);
                let start = Instant::now();
                let answer = pending.await;
                let latency_ms = start.elapsed().as_secs_f64() * 1000.0;
                match answer {
                    Ok(output) => {
                        result.outputs.push(output);
                        result.latencies_ms.push(latency_ms);
                    }
                    Err(message) => {
                        result.errors += 1;
                        result.first_error.get_or_insert(message);
                        if stop_on_error {
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
                done.fetch_add(1, Ordering::Relaxed);
            }
            result
        }));
    }

    let mut outcome = Outcome {
        outputs: Vec::new(),
        latencies_ms: Vec::with_capacity(usize::try_from(plan.total).unwrap_or(0)),
        attempted: 0,
        errors: 0,
        first_error: None,
        elapsed: Duration::ZERO,
    };
    let mut joined = Vec::with_capacity(handles.len());
    for handle in handles {
        joined.push(handle.await.context("a benchmark worker task crashed")?);
    }
    outcome.elapsed = started.elapsed();
    for result in joined {
        outcome.outputs.extend(result.outputs);
        outcome.latencies_ms.extend(result.latencies_ms);
        outcome.errors += result.errors;
        if outcome.first_error.is_none() {
            outcome.first_error = result.first_error;
        }
    }
    outcome.attempted = done.load(Ordering::Relaxed);

    if let (Some(reporter), Some(label)) = (reporter, plan.progress) {
        reporter.abort();
        eprintln!(
            "{}",
            progress_line(&label, outcome.attempted, plan.total, outcome.elapsed)
        );
    }
    Ok(outcome)
}

/// Prints a line every 5 % of the work, or every few seconds when that is slower, until
/// aborted by [`run`], which prints the final line itself.
async fn report_progress(label: String, total: u64, done: Arc<AtomicU64>, started: Instant) {
    const EVERY: Duration = Duration::from_secs(3);
    let mut ticker = tokio::time::interval(Duration::from_millis(200));
    let mut last_step = 0;
    let mut last_print = started;
    loop {
        ticker.tick().await;
        let now_done = done.load(Ordering::Relaxed);
        if now_done >= total {
            return;
        }
        let step = now_done * 20 / total.max(1);
        if step > last_step || last_print.elapsed() >= EVERY {
            last_step = step;
            last_print = Instant::now();
            eprintln!(
                "{}",
                progress_line(&label, now_done, total, started.elapsed())
            );
        }
    }
}

fn progress_line(label: &str, done: u64, total: u64, elapsed: Duration) -> String {
    let rate = super::stats::throughput(done, elapsed);
    let percent = if total == 0 {
        100.0
    } else {
        done as f64 * 100.0 / total as f64
    };
    let mut line = format!("{label}: {done}/{total} ({percent:.0} %), {rate:.0}/s");
    if done < total && rate > 0.0 {
        let left = (total - done) as f64 / rate;
        line.push_str(&format!(", about {left:.0} s left"));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(total: u64, concurrency: usize, stop_on_error: bool) -> Plan {
        Plan {
            total,
            concurrency,
            stop_on_error,
            progress: None,
        }
    }

    #[tokio::test]
    async fn every_index_is_requested_once() {
        let outcome = run(plan(1000, 8, false), |i| async move { Ok(i) })
            .await
            .expect("runs");
        let mut seen = outcome.outputs;
        seen.sort_unstable();
        assert_eq!(seen, (0..1000).collect::<Vec<_>>());
        assert_eq!(outcome.latencies_ms.len(), 1000);
        assert_eq!((outcome.attempted, outcome.errors), (1000, 0));
    }

    #[tokio::test]
    async fn failures_are_counted_not_timed() {
        let outcome = run(plan(100, 4, false), |i| async move {
            if i % 10 == 0 {
                Err(format!("boom {i}"))
            } else {
                Ok(())
            }
        })
        .await
        .expect("runs");
        assert_eq!(outcome.errors, 10);
        assert_eq!(outcome.latencies_ms.len(), 90);
        assert!(outcome.first_error.is_some_and(|e| e.starts_with("boom")));
    }

    #[tokio::test]
    async fn stop_on_error_stops_early() {
        let outcome = run(plan(10_000, 1, true), |i| async move {
            if i == 5 {
                Err("refused".to_owned())
            } else {
                Ok(())
            }
        })
        .await
        .expect("runs");
        assert_eq!((outcome.attempted, outcome.errors), (6, 1));
    }

    #[test]
    fn progress_line_shows_rate_and_time_left() {
        let line = progress_line("fill", 500, 1000, Duration::from_secs(2));
        assert_eq!(line, "fill: 500/1000 (50 %), 250/s, about 2 s left");
    }
}
