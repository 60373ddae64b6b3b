//! Storage errors, with database constraint failures turned into answers a caller can act on.

/// What went wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such row.
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken, or the row changed since it was read.
    #[error("{message}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// A sentence.
        message: String,
    },
    /// A referenced row does not exist.
    #[error("a referenced record does not exist")]
    MissingReference,
    /// The database was written by a newer Escalade.
    #[error(
        "the database schema is at version {database}, but this escalade binary only knows up to {binary}; \
         upgrade escalade (or restore a backup made with this version)"
    )]
    TooNew {
        /// Version found in the database.
        database: i64,
        /// Highest version this binary knows.
        binary: i64,
    },
    /// The background writer has stopped (the server is shutting down).
    #[error("the database writer has stopped")]
    WriterGone,
    /// The transaction holding this write could not be started or committed; nothing of it
    /// was stored.
    #[error("the write was not committed: {0}")]
    CommitFailed(String),
    /// A stored value could not be read back (a bug or a hand-edited database).
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// Configuration problem.
    #[error("{0}")]
    Config(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// Migration failure.
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => StoreError::Conflict {
                code: "already_exists",
                message: "a record with the same unique value already exists".into(),
            },
            sqlx::Error::Database(db) if db.is_foreign_key_violation() => {
                StoreError::MissingReference
            }
            _ => StoreError::Database(e),
        }
    }
}

impl StoreError {
    /// Whether the failure is transient (busy database, lost connection), so a retry may work.
    pub fn is_transient(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Io(_))
            | StoreError::Database(sqlx::Error::PoolTimedOut)
            | StoreError::Database(sqlx::Error::PoolClosed)
            | StoreError::WriterGone => true,
            StoreError::Database(sqlx::Error::Database(db)) => {
                let msg = db.message();
                msg.contains("database is locked") || msg.contains("busy")
            }
            _ => false,
        }
    }
}
