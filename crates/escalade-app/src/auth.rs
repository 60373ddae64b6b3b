//! Authentication: Argon2id passwords, API tokens and web sessions (secrets stored only as
//! SHA-256 hashes), and throttling of repeated failed logins.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::ids::UserId;
use escalade_core::validate;
use escalade_store::{directory, tokens};
use rand::RngCore;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// Prefix of every API token, so that secret scanners and people recognise one.
pub const TOKEN_PREFIX: &str = "esk_";

/// Hashes a password with Argon2id and a fresh salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    validate::password(password)?;
    let mut salt_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes)
        .map_err(|e| AppError::Internal(format!("salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("password hashing failed: {e}")))
}

/// Checks a password against a stored hash.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash to verify against when the login is unknown, so that the answer takes as long as for
/// a known login and does not reveal which logins exist.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy-password-never-used").unwrap_or_default())
}

fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a secret, hex-encoded: what is stored instead of the secret.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Counts failed logins per login name and refuses further attempts for a while after too many.
#[derive(Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

const MAX_FAILURES: u32 = 5;
const LOCKOUT: Duration = Duration::from_secs(60);

impl Throttle {
    fn check(&self, login: &str) -> Result<(), AppError> {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((n, since)) = map.get(&login.to_lowercase())
            && *n >= MAX_FAILURES
            && since.elapsed() < LOCKOUT
        {
            return Err(AppError::Throttled(
                (LOCKOUT - since.elapsed()).as_secs().max(1),
            ));
        }
        Ok(())
    }

    fn fail(&self, login: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let e = map
            .entry(login.to_lowercase())
            .or_insert((0, Instant::now()));
        if e.1.elapsed() >= LOCKOUT {
            *e = (0, Instant::now());
        }
        e.0 += 1;
        e.1 = Instant::now();
    }

    fn succeed(&self, login: &str) {
        self.failures
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&login.to_lowercase());
    }
}

/// A newly made token: the secret is shown once and never again.
#[derive(Debug, Clone, Serialize)]
pub struct NewToken {
    /// Token id (for revocation).
    pub id: i64,
    /// The secret to send as `Authorization: Bearer ...`.
    pub token: String,
    /// Owner.
    pub user_id: i64,
    /// Label.
    pub name: String,
    /// Expiry.
    pub expires_at: Option<DateTime<Utc>>,
}

impl App {
    /// Checks a login and password; throttled after repeated failures.
    pub async fn login(&self, login: &str, password: &str) -> Result<Caller, AppError> {
        self.throttle.check(login)?;
        let mut c = self.store.read().await?;
        let user = directory::user_by_login(&mut c, login).await?;
        let ok = match user.as_ref().and_then(|u| u.password_hash.as_deref()) {
            Some(hash) => verify_password(password, hash),
            None => {
                verify_password(password, decoy_hash());
                false
            }
        };
        let user = match user {
            Some(u) if ok && u.active => u,
            _ => {
                self.throttle.fail(login);
                return Err(AppError::Unauthenticated("wrong login or password".into()));
            }
        };
        self.throttle.succeed(login);
        Caller::from_row(&mut c, user).await
    }

    /// Makes an API token for `owner`. Anyone may make tokens for themselves; making one for
    /// someone else needs `admin.users`.
    pub async fn create_token(
        &self,
        caller: &Caller,
        owner: Option<UserId>,
        name: &str,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<NewToken, AppError> {
        let owner = owner.unwrap_or(caller.id());
        if owner != caller.id() {
            caller.require(Permission::AdminUsers)?;
        }
        let name = validate::required_line(
            "name",
            if name.trim().is_empty() { "api" } else { name },
            100,
        )?;
        let now = self.clock.now();
        if expires_at.is_some_and(|e| e <= now) {
            return Err(AppError::invalid(
                "expires_at",
                "in_the_past",
                "the expiry must be in the future",
            ));
        }
        {
            let mut c = self.store.read().await?;
            directory::user(&mut c, owner)
                .await?
                .ok_or(AppError::NotFound("user"))?;
        }
        let secret = format!("{TOKEN_PREFIX}{}", random_secret());
        let hash = secret_hash(&secret);
        let prefix: String = secret.chars().take(TOKEN_PREFIX.len() + 6).collect();
        let stored_name = name.clone();
        let actor = caller.id();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id =
                        tokens::create(c, owner, &stored_name, &hash, &prefix, expires_at, now)
                            .await?;
                    escalade_store::audit::record(
                        c,
                        Some(actor),
                        "token.create",
                        "token",
                        &id.to_string(),
                        &serde_json::json!({"owner": owner.0, "name": stored_name}),
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        Ok(NewToken {
            id,
            token: secret,
            user_id: owner.0,
            name,
            expires_at,
        })
    }

    /// Resolves a Bearer token to its caller.
    pub async fn authenticate_token(&self, secret: &str) -> Result<Caller, AppError> {
        let bad =
            || AppError::Unauthenticated("the API token is invalid, expired or revoked".into());
        if !secret.starts_with(TOKEN_PREFIX) {
            return Err(bad());
        }
        let now = self.clock.now();
        let hash = secret_hash(secret);
        let mut c = self.store.read().await?;
        // The token itself is checked on every request, so that a revocation made anywhere
        // (another node, the command line) takes effect at once; only the caller's roles and
        // groups come from the short-lived cache.
        let row = tokens::by_hash(&mut c, &hash).await?.ok_or_else(bad)?;
        if row.expires_at.is_some_and(|e| e <= now) {
            return Err(bad());
        }
        let caller = match self.callers.get(&hash, now) {
            Some(caller) => caller,
            None => {
                let caller = Caller::load(&mut c, UserId(row.user_id)).await?;
                self.callers
                    .put(hash, row.id, row.expires_at, caller.clone());
                caller
            }
        };
        drop(c);
        // Recording every use would put a write on every read; once a minute is enough to
        // tell a live token from a forgotten one.
        if row
            .last_used_at
            .is_none_or(|t| now - t > chrono::Duration::seconds(60))
        {
            let store = self.store.clone();
            tokio::spawn(async move {
                let _ = store
                    .write(move |c| Box::pin(async move { tokens::touch(c, row.id, now).await }))
                    .await;
            });
        }
        Ok(caller)
    }

    /// Lists tokens: one's own, or everyone's with `admin.users`.
    pub async fn list_tokens(
        &self,
        caller: &Caller,
        all: bool,
    ) -> Result<Vec<tokens::TokenRow>, AppError> {
        let mut c = self.store.read().await?;
        if all {
            caller.require(Permission::AdminUsers)?;
            Ok(tokens::all(&mut c).await?)
        } else {
            Ok(tokens::of_user(&mut c, caller.id()).await?)
        }
    }

    /// Revokes a token: one's own, or anyone's with `admin.users`. Someone else's token looks
    /// like a missing one to a caller without that permission.
    pub async fn revoke_token(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        {
            let mut c = self.store.read().await?;
            let row = tokens::get(&mut c, id)
                .await?
                .ok_or(AppError::NotFound("token"))?;
            if row.user_id != caller.user.id && !caller.has(Permission::AdminUsers) {
                return Err(AppError::NotFound("token"));
            }
            if row.revoked_at.is_some() {
                return Err(AppError::Conflict {
                    code: "already_revoked",
                    message: "the token is already revoked".into(),
                });
            }
        }
        let now = self.clock.now();
        let actor = caller.id();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    tokens::revoke(c, id, now).await?;
                    escalade_store::audit::record(
                        c,
                        Some(actor),
                        "token.revoke",
                        "token",
                        &id.to_string(),
                        &serde_json::json!({}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.callers.forget_token(id);
        Ok(())
    }

    /// Opens a web session; returns the cookie value and the form (CSRF) token.
    pub async fn create_session(
        &self,
        caller: &Caller,
        ttl: chrono::Duration,
    ) -> Result<(String, String), AppError> {
        let secret = random_secret();
        let csrf = random_secret();
        let hash = secret_hash(&secret);
        let now = self.clock.now();
        let user = caller.id();
        let csrf2 = csrf.clone();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    tokens::create_session(c, &hash, user, &csrf2, now, now + ttl).await
                })
            })
            .await?;
        Ok((secret, csrf))
    }

    /// Resolves a session cookie to its caller and form token.
    pub async fn resolve_session(&self, secret: &str) -> Result<(Caller, String), AppError> {
        let mut c = self.store.read().await?;
        let row = tokens::session(&mut c, &secret_hash(secret), self.clock.now())
            .await?
            .ok_or_else(|| {
                AppError::Unauthenticated("the session has expired; log in again".into())
            })?;
        let caller = Caller::load(&mut c, UserId(row.user_id)).await?;
        Ok((caller, row.csrf_token))
    }

    /// Ends a session.
    pub async fn end_session(&self, secret: &str) -> Result<(), AppError> {
        let hash = secret_hash(secret);
        self.store
            .write(move |c| Box::pin(async move { tokens::delete_session(c, &hash).await }))
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong horse battery", &h));
        assert!(hash_password("short").is_err());
    }

    #[test]
    fn throttle_locks_after_five_failures() {
        let t = Throttle::default();
        for _ in 0..5 {
            assert!(t.check("Anna").is_ok());
            t.fail("anna");
        }
        assert!(matches!(t.check("ANNA"), Err(AppError::Throttled(_))));
        assert!(t.check("bob").is_ok());
        t.succeed("anna");
        assert!(t.check("anna").is_ok());
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let a = random_secret();
        assert_ne!(a, random_secret());
        assert_eq!(secret_hash("x").len(), 64);
    }
}
