//! Schema migrations, embedded per backend, and the guard that refuses a database written by a
//! newer Escalade.

use sqlx::migrate::Migrator;

use crate::error::StoreError;

static SQLITE: Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("./migrations/postgres");

fn latest(m: &Migrator) -> i64 {
    m.iter().map(|m| m.version).max().unwrap_or(0)
}

/// The highest migration this binary knows.
pub fn binary_version() -> i64 {
    latest(&SQLITE).max(latest(&POSTGRES))
}

fn guard(database: Option<i64>, m: &Migrator) -> Result<(), StoreError> {
    let binary = latest(m);
    match database {
        Some(v) if v > binary => Err(StoreError::TooNew {
            database: v,
            binary,
        }),
        _ => Ok(()),
    }
}

async fn sqlite_version(pool: &sqlx::SqlitePool) -> Result<Option<i64>, StoreError> {
    let exists: Option<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(pool)
    .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let v: (Option<i64>,) =
        sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await?;
    Ok(v.0)
}

async fn postgres_version(pool: &sqlx::PgPool) -> Result<Option<i64>, StoreError> {
    let exists: (Option<String>,) = sqlx::query_as("SELECT to_regclass('_sqlx_migrations')::text")
        .fetch_one(pool)
        .await?;
    if exists.0.is_none() {
        return Ok(None);
    }
    let v: (Option<i64>,) =
        sqlx::query_as("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
            .fetch_one(pool)
            .await?;
    Ok(v.0)
}

/// Refuses a too-new SQLite database, then applies pending migrations.
pub async fn run_sqlite(pool: &sqlx::SqlitePool) -> Result<(), StoreError> {
    check_sqlite(pool).await?;
    SQLITE.run(pool).await?;
    Ok(())
}

/// Refuses a too-new SQLite database.
pub async fn check_sqlite(pool: &sqlx::SqlitePool) -> Result<(), StoreError> {
    guard(sqlite_version(pool).await?, &SQLITE)
}

/// Refuses a too-new PostgreSQL database, then applies pending migrations (sqlx holds an
/// advisory lock, so several nodes starting together migrate once).
pub async fn run_postgres(pool: &sqlx::PgPool) -> Result<(), StoreError> {
    check_postgres(pool).await?;
    POSTGRES.run(pool).await?;
    Ok(())
}

/// Refuses a too-new PostgreSQL database.
pub async fn check_postgres(pool: &sqlx::PgPool) -> Result<(), StoreError> {
    guard(postgres_version(pool).await?, &POSTGRES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_trees_hold_the_same_migrations() {
        let names = |m: &Migrator| {
            m.iter()
                .map(|m| (m.version, m.description.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&SQLITE), names(&POSTGRES));
        assert!(binary_version() >= 1);
    }

    #[test]
    fn newer_database_is_refused() {
        assert!(guard(Some(binary_version() + 1), &SQLITE).is_err());
        assert!(guard(Some(binary_version()), &SQLITE).is_ok());
        assert!(guard(None, &SQLITE).is_ok());
    }
}
