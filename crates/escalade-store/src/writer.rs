//! Group commit: every write goes through a queue to writer tasks that run the writes waiting
//! at that moment in one transaction and commit them together. A caller is answered only after
//! its transaction is durably committed, yet one fsync serves a whole batch, so concurrent
//! creations are not capped at one per fsync. Each job runs inside its own savepoint, so one
//! failing job is rolled back alone and the others still commit.

use std::sync::Arc;

use tokio::sync::{Mutex, mpsc, oneshot};

use crate::error::StoreError;
use crate::sql::{BoxFuture, Conn};

/// What a job reports back to the writer once it ran: whether it succeeded (else its
/// savepoint is rolled back) and how to hand the caller its result after the commit.
pub(crate) struct Completion {
    ok: bool,
    deliver: Box<dyn FnOnce(Option<String>) + Send>,
}

/// One write, type-erased so that different writes share a batch.
pub(crate) type Job = Box<dyn for<'t> FnOnce(&'t mut Conn) -> BoxFuture<'t, Completion> + Send>;

fn erase<F>(f: F) -> Job
where
    F: for<'t> FnOnce(&'t mut Conn) -> BoxFuture<'t, Completion> + Send + 'static,
{
    Box::new(f)
}

/// Wraps a typed write into a job and the receiver of its result.
pub(crate) fn job<T, F>(f: F) -> (Job, oneshot::Receiver<Result<T, StoreError>>)
where
    T: Send + 'static,
    F: for<'t> FnOnce(&'t mut Conn) -> BoxFuture<'t, Result<T, StoreError>> + Send + 'static,
{
    let (tx, rx) = oneshot::channel();
    let job = erase(move |conn| {
        Box::pin(async move {
            let result = f(conn).await;
            Completion {
                ok: result.is_ok(),
                deliver: Box::new(move |commit_failure| {
                    let outcome = match commit_failure {
                        Some(message) => Err(StoreError::CommitFailed(message)),
                        None => result,
                    };
                    // The caller may have gone away (client disconnected); the write stands.
                    let _ = tx.send(outcome);
                }),
            }
        })
    });
    (job, rx)
}

/// Where writer tasks get a connection and how they open a write transaction.
#[derive(Clone)]
pub(crate) enum WriteTarget {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl WriteTarget {
    async fn acquire(&self) -> Result<Conn, StoreError> {
        Ok(match self {
            WriteTarget::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            WriteTarget::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    fn begin(&self) -> &'static str {
        match self {
            // Take the write lock up front so that another process cannot make us fail later
            // in the transaction with SQLITE_BUSY.
            WriteTarget::Sqlite(_) => "BEGIN IMMEDIATE",
            WriteTarget::Postgres(_) => "BEGIN",
        }
    }
}

/// Starts `writers` writer tasks draining one queue; returns the queue's sender.
pub(crate) fn start(target: WriteTarget, writers: usize, max_batch: usize) -> mpsc::Sender<Job> {
    let (tx, rx) = mpsc::channel::<Job>(16_384);
    let rx = Arc::new(Mutex::new(rx));
    for _ in 0..writers.max(1) {
        let rx = rx.clone();
        let target = target.clone();
        tokio::spawn(async move {
            loop {
                let mut batch = Vec::new();
                {
                    let mut rx = rx.lock().await;
                    match rx.recv().await {
                        Some(j) => batch.push(j),
                        None => return,
                    }
                    while batch.len() < max_batch {
                        match rx.try_recv() {
                            Ok(j) => batch.push(j),
                            Err(_) => break,
                        }
                    }
                }
                run_batch(&target, batch).await;
            }
        });
    }
    tx
}

async fn run_batch(target: &WriteTarget, batch: Vec<Job>) {
    let mut conn = match target.acquire().await {
        Ok(c) => c,
        Err(e) => return fail_all(batch, &e.to_string()),
    };
    let single = batch.len() == 1;
    // Transaction control is sent together with the savepoint that follows it (`BEGIN` with
    // the first job's savepoint, the end of one job's savepoint with the next one's, the last
    // with `COMMIT`): each statement is a round trip to the database (a thread hop on
    // SQLite), and the writer is the one path every write takes.
    let begin = if single {
        target.begin().to_string()
    } else {
        format!("{}; SAVEPOINT job", target.begin())
    };
    if let Err(e) = conn.raw(&begin).await {
        let _ = conn.raw("ROLLBACK").await;
        return fail_all(batch, &e.to_string());
    }
    let mut completions: Vec<Completion> = Vec::with_capacity(batch.len());
    for (i, job) in batch.into_iter().enumerate() {
        if i > 0 {
            // End the previous job's savepoint and open this one's, in one round trip.
            let end = end_savepoint(completions.last().is_some_and(|c| c.ok));
            if let Err(e) = conn.raw(&format!("{end}; SAVEPOINT job")).await {
                // The transaction is unusable; everything in it fails together.
                let _ = conn.raw("ROLLBACK").await;
                let message = e.to_string();
                for c in completions {
                    deliver(c, Some(message.clone()));
                }
                return;
            }
        }
        let completion = job(&mut conn).await;
        completions.push(completion);
    }
    let finish = if single {
        if completions.first().is_some_and(|c| c.ok) {
            "COMMIT".to_string()
        } else {
            "ROLLBACK".to_string()
        }
    } else {
        format!(
            "{}; COMMIT",
            end_savepoint(completions.last().is_some_and(|c| c.ok))
        )
    };
    let committed = conn.raw(&finish).await;
    let failure = match committed {
        // A single job that failed was rolled back: it reports its own error below.
        Ok(()) => None,
        Err(e) => {
            tracing::error!(error = %e, "write batch failed to commit");
            let _ = conn.raw("ROLLBACK").await;
            Some(e.to_string())
        }
    };
    for c in completions {
        // A job that failed on its own reports its own error, not the batch's.
        let f = if c.ok { failure.clone() } else { None };
        deliver(c, f);
    }
}

/// Ends the current job's savepoint: kept when the job succeeded, else undone (the other
/// jobs of the batch still commit).
fn end_savepoint(ok: bool) -> &'static str {
    if ok {
        "RELEASE SAVEPOINT job"
    } else {
        "ROLLBACK TO SAVEPOINT job; RELEASE SAVEPOINT job"
    }
}

fn deliver(c: Completion, failure: Option<String>) {
    (c.deliver)(failure);
}

fn fail_all(batch: Vec<Job>, message: &str) {
    tracing::error!(error = %message, "cannot start a write transaction");
    // The jobs never ran; dropping them drops their result senders, which the callers see as
    // a failed write.
    drop(batch);
}
