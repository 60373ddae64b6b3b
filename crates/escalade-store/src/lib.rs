//! Escalade's persistence: one query layer over SQLite (the embedded default) and PostgreSQL.
//!
//! SQL is written once with `$n` placeholders and run through [`sql::Conn`], the only place that
//! dispatches on the backend. Backend-specific SQL lives only in the two migration trees (and
//! the full-text search module). Reads go straight to a connection pool; writes go through the
//! group-commit [`writer`], which answers only after the transaction is durably committed.
//!
//! This crate knows rows and queries, not permissions: the service layer (`escalade-app`)
//! decides who may do what and calls in here.

pub mod admin_views;
pub mod attachments;
pub mod audit;
pub mod clocks;
pub mod directory;
pub mod error;
pub mod jobs;
pub mod journal;
pub mod knowledge;
pub mod mail_inbound;
pub mod mail_outbox;
pub mod mailboxes;
pub mod migrate;
pub mod notifications;
pub mod queues;
pub mod roles;
pub mod rules;
pub mod search;
pub mod settings;
pub mod sla;
pub mod sql;
pub mod tickets;
pub mod tokens;
mod writer;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use tokio::sync::mpsc;

pub use error::StoreError;
pub use sql::{BoxFuture, Conn, Value};

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite database file `escalade.db` in this folder (created if missing).
    DataDir(PathBuf),
    /// A PostgreSQL URL (`postgres://...`).
    Postgres(String),
}

impl Location {
    /// Chooses the backend: a database URL wins over the data folder. An unknown URL scheme is
    /// an error that says what is understood.
    pub fn choose(database_url: Option<&str>, data_dir: &Path) -> Result<Self, StoreError> {
        match database_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Ok(Location::DataDir(data_dir.to_path_buf())),
            Some(u) if u.starts_with("postgres://") || u.starts_with("postgresql://") => {
                Ok(Location::Postgres(u.to_string()))
            }
            Some(u) => {
                let scheme = u.split("://").next().unwrap_or(u);
                Err(StoreError::Config(format!(
                    "database URL scheme '{scheme}' is not supported: use postgres://user@host/db, \
                     or leave the URL out to use the embedded SQLite database in the data folder"
                )))
            }
        }
    }

    /// A description safe to log (no password).
    pub fn describe(&self) -> String {
        match self {
            Location::DataDir(d) => format!("SQLite at {}", d.join(DB_FILE).display()),
            Location::Postgres(u) => format!("PostgreSQL at {}", redact_url(u)),
        }
    }
}

/// Name of the SQLite file inside the data folder.
pub const DB_FILE: &str = "escalade.db";

/// Replaces the password of a URL with `***`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Tunables for opening the store.
#[derive(Debug, Clone)]
pub struct Options {
    /// Run pending migrations on open.
    pub migrate: bool,
    /// Read connections (SQLite) or total connections (PostgreSQL).
    pub pool_size: u32,
    /// Most writes committed together.
    pub max_batch: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            migrate: true,
            pool_size: 8,
            max_batch: 256,
        }
    }
}

struct Inner {
    read: ReadPool,
    queue: mpsc::Sender<writer::Job>,
    location: Location,
}

#[derive(Clone)]
enum ReadPool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// The database handle shared by the whole process. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

impl Store {
    /// Opens (and by default migrates) the database. Must run inside a tokio runtime: it starts
    /// the writer tasks.
    pub async fn open(location: &Location, options: Options) -> Result<Self, StoreError> {
        let (read, target, writers) = match location {
            Location::DataDir(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    StoreError::Config(format!(
                        "cannot create the data folder {}: {e}",
                        dir.display()
                    ))
                })?;
                let base = SqliteConnectOptions::new()
                    .filename(dir.join(DB_FILE))
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    // FULL in WAL mode: a commit is on disk before it returns, so an answered
                    // write survives a crash or power cut.
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(10))
                    .foreign_keys(true)
                    .pragma("temp_store", "memory")
                    .pragma("cache_size", "-16000");
                let write = SqlitePoolOptions::new()
                    .max_connections(1)
                    .min_connections(1)
                    .connect_with(base.clone())
                    .await?;
                if options.migrate {
                    migrate::run_sqlite(&write).await?;
                } else {
                    migrate::check_sqlite(&write).await?;
                }
                let read = SqlitePoolOptions::new()
                    .max_connections(options.pool_size.max(1))
                    // A read-only connection to a local file cannot go stale: testing it on
                    // every checkout is a round trip to its worker thread for nothing.
                    .test_before_acquire(false)
                    // The writer's 16 MB page cache each: a requester's search reads the
                    // terms of every one of their tickets' documents (a thousand pages for a
                    // thousand tickets), which 4 MB read again from the file every time.
                    .connect_with(base.read_only(true))
                    .await?;
                (
                    ReadPool::Sqlite(read),
                    writer::WriteTarget::Sqlite(write),
                    1,
                )
            }
            Location::Postgres(url) => {
                let opts = PgConnectOptions::from_str(url)
                    .map_err(|e| {
                        StoreError::Config(format!(
                            "invalid PostgreSQL URL {}: {e}",
                            redact_url(url)
                        ))
                    })?
                    .options([("synchronous_commit", "on")]);
                let pool = PgPoolOptions::new()
                    .max_connections(options.pool_size.max(2))
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(opts)
                    .await?;
                if options.migrate {
                    migrate::run_postgres(&pool).await?;
                } else {
                    migrate::check_postgres(&pool).await?;
                }
                (
                    ReadPool::Postgres(pool.clone()),
                    writer::WriteTarget::Postgres(pool),
                    2,
                )
            }
        };
        let queue = writer::start(target, writers, options.max_batch);
        Ok(Self {
            inner: Arc::new(Inner {
                read,
                queue,
                location: location.clone(),
            }),
        })
    }

    /// Where the data lives.
    pub fn location(&self) -> &Location {
        &self.inner.location
    }

    /// Whether the backend is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self.inner.location, Location::Postgres(_))
    }

    /// A connection for reading.
    pub async fn read(&self) -> Result<Conn, StoreError> {
        Ok(match &self.inner.read {
            ReadPool::Sqlite(p) => Conn::Sqlite(p.acquire().await?),
            ReadPool::Postgres(p) => Conn::Postgres(p.acquire().await?),
        })
    }

    /// Runs `f` in a write transaction, committed together with other writes waiting at the
    /// same moment. Returns once the commit is durable. If `f` fails, its changes are rolled
    /// back and nothing else is affected.
    pub async fn write<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: for<'t> FnOnce(&'t mut Conn) -> BoxFuture<'t, Result<T, StoreError>> + Send + 'static,
    {
        let (job, rx) = writer::job(f);
        self.inner
            .queue
            .send(job)
            .await
            .map_err(|_| StoreError::WriterGone)?;
        rx.await
            .map_err(|_| StoreError::CommitFailed("the write transaction could not start".into()))?
    }

    /// Whether the database answers.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut c = self.read().await?;
        // BIGINT on both backends: a plain 1 is an INT4 on PostgreSQL, which does not decode
        // as the i64 that `int` reads.
        c.int("SELECT CAST(1 AS BIGINT)", vec![]).await.map(|_| ())
    }

    /// Makes a consistent copy of an SQLite database into `dest` while the server runs.
    pub async fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if self.is_postgres() {
            return Err(StoreError::Config(
                "backups of a PostgreSQL database are made with pg_dump, e.g. `pg_dump -Fc -f escalade.dump <database>`; \
                 restore with pg_restore"
                    .into(),
            ));
        }
        if dest.exists() {
            return Err(StoreError::Config(format!(
                "{} already exists; choose a new file name",
                dest.display()
            )));
        }
        let dest = dest
            .to_str()
            .ok_or_else(|| StoreError::Config("the backup path must be valid UTF-8".into()))?
            .to_string();
        // VACUUM INTO reads one consistent snapshot and writes a compact copy; it cannot run in
        // a transaction, so it goes on a read connection rather than through the writer.
        let mut c = self.read().await?;
        c.exec("VACUUM INTO $1", args![dest]).await?;
        Ok(())
    }
}
