//! API tokens and web sessions. Only a SHA-256 of each secret is stored, so a copy of the
//! database does not hand out working credentials.

use chrono::{DateTime, Utc};
use escalade_core::ids::UserId;

use crate::args;
use crate::error::StoreError;
use crate::sql::Conn;

/// A token row (never the secret itself).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    /// Id.
    pub id: i64,
    /// Owner.
    pub user_id: i64,
    /// Label given at creation.
    pub name: String,
    /// First characters of the secret, to recognise it in a list.
    pub prefix: String,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last used (updated at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
    /// Revocation.
    pub revoked_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "id, user_id, name, prefix, created_at, last_used_at, expires_at, revoked_at";

/// Stores a new token by its hash.
pub async fn create(
    c: &mut Conn,
    user: UserId,
    name: &str,
    hash: &str,
    prefix: &str,
    expires_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.int(
        "INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        args![user.0, name, hash, prefix, now, expires_at],
    )
    .await
}

/// The live token with this hash.
pub async fn by_hash(c: &mut Conn, hash: &str) -> Result<Option<TokenRow>, StoreError> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL"),
        args![hash],
    )
    .await
}

/// One token by id.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<TokenRow>, StoreError> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM api_tokens WHERE id = $1"),
        args![id],
    )
    .await
}

/// A user's tokens, newest first.
pub async fn of_user(c: &mut Conn, user: UserId) -> Result<Vec<TokenRow>, StoreError> {
    c.all(
        &format!("SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"),
        args![user.0],
    )
    .await
}

/// Every token, newest first.
pub async fn all(c: &mut Conn) -> Result<Vec<TokenRow>, StoreError> {
    c.all(
        &format!("SELECT {COLUMNS} FROM api_tokens ORDER BY id DESC"),
        args![],
    )
    .await
}

/// Revokes a token; false when it was already revoked or does not exist.
pub async fn revoke(c: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        args![now, id],
    )
    .await?
        > 0)
}

/// Notes a use of the token.
pub async fn touch(c: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    c.exec(
        "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
        args![now, id],
    )
    .await?;
    Ok(())
}

/// A web session row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    /// Owner.
    pub user_id: i64,
    /// The form token bound to this session.
    pub csrf_token: String,
    /// Expiry.
    pub expires_at: DateTime<Utc>,
}

/// Stores a session by the hash of its cookie value.
pub async fn create_session(
    c: &mut Conn,
    id_hash: &str,
    user: UserId,
    csrf: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
        args![id_hash, user.0, csrf, now, expires_at],
    )
    .await?;
    Ok(())
}

/// The unexpired session with this hash.
pub async fn session(
    c: &mut Conn,
    id_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionRow>, StoreError> {
    c.opt("SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = $1 AND expires_at > $2", args![id_hash, now]).await
}

/// Ends a session.
pub async fn delete_session(c: &mut Conn, id_hash: &str) -> Result<(), StoreError> {
    c.exec("DELETE FROM sessions WHERE id_hash = $1", args![id_hash])
        .await?;
    Ok(())
}

/// Ends every session of a user (password change, account disabled).
pub async fn delete_sessions_of(c: &mut Conn, user: UserId) -> Result<(), StoreError> {
    c.exec("DELETE FROM sessions WHERE user_id = $1", args![user.0])
        .await?;
    Ok(())
}
