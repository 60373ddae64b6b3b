//! Business-time arithmetic on a calendar: whether an instant is working time, the next one that
//! is, adding business time to an instant, counting it between two instants, and listing the
//! working stretches in between (what an SLA deadline's explanation shows).
//!
//! Everything counts real elapsed seconds (UTC) that fall inside working time. Instants are
//! taken to the whole second (the fraction is dropped) so that adding and counting agree
//! exactly.

use chrono::{DateTime, Utc};

use super::walk::{Span, Walk};
use super::{Calendar, Schedule};

/// How many days in a row without any working time a search accepts before it concludes that
/// the calendar is closed (about ten years: a long closure written as holidays still passes).
pub const SEARCH_HORIZON_DAYS: u64 = 3_660;

fn instant(t: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(t, 0)
}

impl Calendar {
    /// The working stretches from the one that holds `t` on; `None` for a 24x7 calendar, which
    /// has no stretches, only time.
    fn walk(&self, t: i64, until: Option<i64>, patience: Option<u64>) -> Option<Walk<'_>> {
        match &self.schedule {
            Schedule::AlwaysOpen {} => None,
            Schedule::WorkingWeek { week, holidays } => {
                Walk::from_instant(self.time_zone, week, holidays, t, until, patience)
            }
        }
    }

    /// Calls `visit` with each working stretch inside `from..to` (seconds), clipped to it.
    fn visit_working(&self, from: i64, to: i64, mut visit: impl FnMut(Span)) {
        if to <= from {
            return;
        }
        if self.is_always_open() {
            visit((from, to));
            return;
        }
        // No patience needed: `to` bounds the walk.
        for (start, end) in self.walk(from, Some(to), None).into_iter().flatten() {
            if end <= from {
                continue;
            }
            if start >= to {
                break;
            }
            visit((start.max(from), end.min(to)));
        }
    }

    /// Whether `instant` is working time. A working interval includes its start and excludes
    /// its end: at 17:00 sharp a 09:00-17:00 day is over.
    pub fn is_working(&self, instant: DateTime<Utc>) -> bool {
        let t = instant.timestamp();
        if self.is_always_open() {
            return true;
        }
        for (start, end) in self.walk(t, Some(t), None).into_iter().flatten() {
            if start > t {
                break;
            }
            if t < end {
                return true;
            }
        }
        false
    }

    /// `instant` itself when it is working time, else the start of the next working stretch.
    /// `None` when no working time comes within [`SEARCH_HORIZON_DAYS`].
    pub fn next_working_instant(&self, instant: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let t = instant.timestamp();
        if self.is_always_open() {
            return Some(instant);
        }
        let mut walk = self.walk(t, None, Some(SEARCH_HORIZON_DAYS))?;
        let (start, _) = walk.find(|&(_, end)| end > t)?;
        if start <= t {
            Some(instant)
        } else {
            self::instant(start)
        }
    }

    /// The instant at which the `seconds`-th business second after `start` ends.
    ///
    /// Adding 0 returns `start` unchanged, even outside working time. Adding more returns an
    /// instant inside working time or exactly at the end of a working stretch: work that ends at
    /// 17:00 is done at 17:00, not at the next morning's opening. `None` for a negative amount,
    /// when no working time comes within [`SEARCH_HORIZON_DAYS`], or past year 9999.
    pub fn add_business_seconds(
        &self,
        start: DateTime<Utc>,
        seconds: i64,
    ) -> Option<DateTime<Utc>> {
        if seconds <= 0 {
            return (seconds == 0).then_some(start);
        }
        let t = start.timestamp();
        if self.is_always_open() {
            return instant(t.checked_add(seconds)?);
        }
        let mut left = seconds;
        for (from, end) in self.walk(t, None, Some(SEARCH_HORIZON_DAYS))? {
            if end <= t {
                continue;
            }
            let from = from.max(t);
            if left <= end - from {
                return instant(from + left);
            }
            left -= end - from;
        }
        None
    }

    /// [`Calendar::add_business_seconds`] in minutes: the instant at which the `minutes`-th
    /// business minute after `start` ends.
    pub fn add_business_minutes(
        &self,
        start: DateTime<Utc>,
        minutes: i64,
    ) -> Option<DateTime<Utc>> {
        self.add_business_seconds(start, minutes.checked_mul(60)?)
    }

    /// The business seconds elapsed from `from` to `to`; 0 when `to` is not after `from`.
    pub fn business_seconds_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        let mut total = 0;
        self.visit_working(from.timestamp(), to.timestamp(), |(s, e)| total += e - s);
        total
    }

    /// The whole business minutes elapsed from `from` to `to`, rounded down; 0 when `to` is not
    /// after `from`.
    pub fn business_minutes_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> i64 {
        self.business_seconds_between(from, to) / 60
    }

    /// The working stretches between `from` and `to`, clipped to them, in order, never empty,
    /// never touching one another (a night shift across midnight is one stretch). Their lengths
    /// add up to [`Calendar::business_seconds_between`].
    pub fn working_intervals(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let mut joined: Vec<Span> = Vec::new();
        self.visit_working(from.timestamp(), to.timestamp(), |(s, e)| {
            match joined.last_mut() {
                Some(last) if last.1 == s => last.1 = e,
                _ => joined.push((s, e)),
            }
        });
        joined
            .into_iter()
            .filter_map(|(s, e)| Some((instant(s)?, instant(e)?)))
            .collect()
    }
}
