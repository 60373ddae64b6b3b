//! The time source, injected so that tests can fix the time.

use chrono::{DateTime, SubsecRound, Utc};

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    /// The current instant, to the microsecond (what both databases store).
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now().trunc_subsecs(6)
    }
}
