//! Settings stored as JSON under a key (the priority matrix, and more as features land).

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// Key of the impact x urgency matrix.
pub const PRIORITY_MATRIX: &str = "priority_matrix";

/// Reads a setting; `None` when never set.
pub async fn get<T: DeserializeOwned>(c: &mut Conn, key: &str) -> Result<Option<T>, StoreError> {
    let row: Option<(String,)> = c
        .opt("SELECT value FROM settings WHERE key = $1", args![key])
        .await?;
    row.map(|r| {
        serde_json::from_str(&r.0).map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))
    })
    .transpose()
}

/// Reads two settings in one query (a hot path reads its settings together); `None` for
/// one never set.
pub async fn get_pair<A: DeserializeOwned, B: DeserializeOwned>(
    c: &mut Conn,
    first: &str,
    second: &str,
) -> Result<(Option<A>, Option<B>), StoreError> {
    let rows: Vec<(String, String)> = c
        .all(
            "SELECT key, value FROM settings WHERE key IN ($1, $2)",
            args![first, second],
        )
        .await?;
    let a = decode(first, rows.iter().find(|(k, _)| k == first))?;
    let b = decode(second, rows.iter().find(|(k, _)| k == second))?;
    Ok((a, b))
}

fn decode<T: DeserializeOwned>(
    key: &str,
    row: Option<&(String, String)>,
) -> Result<Option<T>, StoreError> {
    row.map(|(_, v)| {
        serde_json::from_str(v).map_err(|e| StoreError::Corrupt(format!("setting {key}: {e}")))
    })
    .transpose()
}

/// Writes a setting.
pub async fn put<T: Serialize>(
    c: &mut Conn,
    key: &str,
    value: &T,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    c.exec(
        "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        args![key, json, now],
    )
    .await?;
    Ok(())
}
