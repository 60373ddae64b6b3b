//! The scheduler's durable jobs: a due job runs once through the handler of its kind and is
//! marked done in the same transaction; a failing handler's effects roll back and the job is
//! tried again later; a kind nobody handles waits for a node that does.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{DateTime, Utc};
use escalade_app::App;
use escalade_app::sla::scheduler::{JobHandler, Scheduler, SchedulerOptions};
use escalade_store::jobs::{self, JobRow, NewJob};
use escalade_store::{BoxFuture, Conn, StoreError, args};
use serde_json::json;

use crate::support::{TestDb, postgres};

/// Writes a setting (an effect that must commit or roll back with the job) and counts runs;
/// fails when the payload says so.
struct Recorder(AtomicUsize);

impl JobHandler for Recorder {
    fn run<'a>(
        &'a self,
        _app: &'a App,
        c: &'a mut Conn,
        job: &'a JobRow,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, Result<(), StoreError>> {
        Box::pin(async move {
            self.0.fetch_add(1, Ordering::SeqCst);
            c.exec(
                "INSERT INTO settings (key, value, updated_at) VALUES ($1, 'true', $2)",
                args![format!("job-{}", job.id), now],
            )
            .await?;
            if job.payload.contains("fail") {
                return Err(StoreError::Corrupt("the handler failed on purpose".into()));
            }
            Ok(())
        })
    }
}

async fn schedule(app: &App, kind: &str, key: &str, payload: serde_json::Value) -> i64 {
    let now = app.clock.now();
    let (kind, key) = (kind.to_string(), key.to_string());
    app.store
        .write(move |c| {
            Box::pin(async move {
                let job = NewJob {
                    kind,
                    key: Some(key),
                    ticket: None,
                    payload,
                    run_at: now,
                };
                jobs::schedule(c, &job, now).await
            })
        })
        .await
        .expect("schedule")
}

async fn case(db: TestDb) {
    let app = db.app();
    let recorder = Arc::new(Recorder(AtomicUsize::new(0)));
    let scheduler = Scheduler::new(
        app.clone(),
        SchedulerOptions {
            node: "node-a".into(),
            ..SchedulerOptions::default()
        },
    )
    .handle("reminder", recorder.clone());
    let ok = schedule(&app, "reminder", "reminder:1", json!({})).await;
    let bad = schedule(&app, "reminder", "reminder:2", json!({"fail": true})).await;
    let unknown = schedule(&app, "auto_close", "auto_close:1", json!({})).await;

    let round = scheduler.run_once().await.expect("round");
    assert_eq!((round.jobs, round.failed), (1, 2), "{}: {round:?}", db.name);
    let again = scheduler.run_once().await.expect("round");
    assert_eq!(
        (again.jobs, again.failed),
        (0, 0),
        "{}: nothing due",
        db.name
    );
    assert_eq!(
        recorder.0.load(Ordering::SeqCst),
        2,
        "each due job ran once"
    );

    let mut c = app.store.read().await.unwrap();
    let done = jobs::get(&mut c, ok).await.unwrap().unwrap();
    assert_eq!(done.done_by.as_deref(), Some("node-a"), "{}", db.name);
    let failed = jobs::get(&mut c, bad).await.unwrap().unwrap();
    assert_eq!(failed.done_at, None);
    assert_eq!(failed.attempts, 1);
    assert!(failed.run_at > app.clock.now(), "tried again later");
    assert!(failed.last_error.unwrap().contains("on purpose"));
    let waiting = jobs::get(&mut c, unknown).await.unwrap().unwrap();
    assert!(waiting.last_error.unwrap().contains("no handler"));
    let effects: Vec<(String,)> = c
        .all(
            "SELECT key FROM settings WHERE key LIKE 'job-%' ORDER BY key",
            args![],
        )
        .await
        .unwrap();
    assert_eq!(
        effects,
        vec![(format!("job-{ok}"),)],
        "{}: the failed job's effect rolled back",
        db.name
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn durable_jobs_run_once_and_failures_roll_back() {
    case(TestDb::sqlite().await).await;
    if let Some(db) = postgres().await {
        case(db).await;
    }
}
