//! A short-lived cache of authenticated callers by token, so that an API request does not
//! reload the user, their roles and their groups every time (the token itself is always
//! checked against the database).
//!
//! Entries live a few seconds. Changes made through this process (changing a user, their
//! groups or a role) drop the entries concerned at once; made on another node of a PostgreSQL
//! cluster, they take effect within the time-to-live.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};

use crate::caller::Caller;

/// How long a cached caller is trusted.
const TTL: Duration = Duration::from_secs(5);
/// Entries kept at most; beyond that the cache starts over.
const CAPACITY: usize = 10_000;

struct Entry {
    caller: Caller,
    token_id: i64,
    expires_at: Option<DateTime<Utc>>,
    cached_at: Instant,
}

/// Callers by token hash.
#[derive(Default)]
pub struct CallerCache {
    entries: Mutex<HashMap<String, Entry>>,
}

impl CallerCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The cached caller for a token hash, if fresh and the token has not expired.
    pub fn get(&self, hash: &str, now: DateTime<Utc>) -> Option<Caller> {
        let map = self.lock();
        let e = map.get(hash)?;
        let fresh = e.cached_at.elapsed() < TTL && e.expires_at.is_none_or(|x| x > now);
        fresh.then(|| e.caller.clone())
    }

    /// Remembers a caller.
    pub fn put(
        &self,
        hash: String,
        token_id: i64,
        expires_at: Option<DateTime<Utc>>,
        caller: Caller,
    ) {
        let mut map = self.lock();
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(
            hash,
            Entry {
                caller,
                token_id,
                expires_at,
                cached_at: Instant::now(),
            },
        );
    }

    /// Drops the entry of one token.
    pub fn forget_token(&self, token_id: i64) {
        self.lock().retain(|_, e| e.token_id != token_id);
    }

    /// Drops the entries of one user.
    pub fn forget_user(&self, user_id: i64) {
        self.lock().retain(|_, e| e.caller.user.id != user_id);
    }

    /// Drops everything (a role changed: anyone may be concerned).
    pub fn clear(&self) {
        self.lock().clear();
    }
}
