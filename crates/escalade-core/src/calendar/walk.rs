//! The walk through a working week: each local day's intervals become real stretches of time
//! (UTC seconds) under the zone's daylight-saving rules, holidays drop out, and the stretches
//! come out in order without overlapping, one day at a time.

use chrono::{DateTime, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use super::holiday::Holiday;
use super::week::{ClockTime, WorkingInterval, WorkingWeek};

/// A stretch of working time in UTC seconds since the epoch, start included, end excluded.
pub(super) type Span = (i64, i64);

/// Which end of an interval a local time is; it decides how a repeated local time resolves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Edge {
    Start,
    End,
}

/// The real instant (UTC seconds) of a local wall-clock time.
///
/// A time the clock skips (spring forward) becomes the first instant after the gap, for a start
/// and an end alike, so an interval inside the gap is empty. A time the clock shows twice (fall
/// back) starts an interval at its first occurrence and ends one at its last, so an interval
/// that holds the repeated hour is an hour longer, and one that holds the skipped hour an hour
/// shorter: working time follows the clock on the wall.
fn resolve(tz: Tz, local: NaiveDateTime, edge: Edge) -> i64 {
    let found = tz.from_local_datetime(&local);
    let instant = match edge {
        Edge::Start => found.earliest(),
        Edge::End => found.latest(),
    };
    match instant {
        Some(t) => t.timestamp(),
        None => first_instant_after_gap(tz, local),
    }
}

/// The instant the clock jumps over `local`, found by bisection on UTC seconds because chrono-tz
/// does not expose the transition itself.
fn first_instant_after_gap(tz: Tz, local: NaiveDateTime) -> i64 {
    let wall = local.and_utc().timestamp();
    let shows_later = |t: i64| {
        DateTime::from_timestamp(t, 0)
            .map(|u| u.with_timezone(&tz).naive_local() > local)
            .unwrap_or(true)
    };
    // Offsets lie within -12h..=+14h, so 16 hours either side brackets the jump.
    let (mut before, mut after) = (wall - 16 * 3600, wall + 16 * 3600);
    while after - before > 1 {
        let mid = before + (after - before) / 2;
        if shows_later(mid) {
            after = mid;
        } else {
            before = mid;
        }
    }
    after
}

/// The local date of an instant in the calendar's zone.
pub(super) fn local_date(tz: Tz, t: i64) -> Option<NaiveDate> {
    DateTime::<Utc>::from_timestamp(t, 0).map(|u| u.with_timezone(&tz).date_naive())
}

/// The wall-clock reading `time` on `date`; `24:00` is the next day's midnight.
fn local_time(date: NaiveDate, time: ClockTime) -> Option<NaiveDateTime> {
    let days = time.minutes() / (24 * 60);
    let minutes = time.minutes() % (24 * 60);
    let day = date.checked_add_days(Days::new(days.into()))?;
    let clock = NaiveTime::from_hms_opt(minutes / 60, minutes % 60, 0)?;
    Some(day.and_time(clock))
}

/// The last date a walk reaches: instants past year 9999 mean nothing to a service desk, and
/// the bound keeps every walk finite.
pub(super) fn last_walk_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The working stretches of a working week from a date on, in order and never overlapping: a
/// stretch that overlaps the one before (a repeated midnight hour, a hand-built calendar's
/// overlapping intervals) is cut to start where the previous one ends.
///
/// Stretches that merely touch (a night shift across midnight) are handed out separately and
/// joined only for display (`Calendar::working_intervals`): joining here would need to look
/// ahead, and a calendar open around the clock on every day would have to be walked to its end.
pub(super) struct Walk<'a> {
    tz: Tz,
    week: &'a WorkingWeek,
    holidays: &'a [Holiday],
    /// The next local date to expand.
    date: NaiveDate,
    /// The last local date to expand, included.
    until: NaiveDate,
    /// How many days in a row without working time the walk accepts before giving up.
    patience: Option<u64>,
    /// Days in a row without working time so far.
    idle_days: u64,
    /// The expanded stretches of the last day, not yet handed out.
    day: Vec<Span>,
    next_in_day: usize,
    /// Where the stretches handed out so far end.
    handed_out_until: Option<i64>,
}

impl<'a> Walk<'a> {
    /// A walk over `from..=until` (local dates). With `patience`, it ends after that many days in
    /// a row without working time, so a calendar closed for good cannot hold it forever.
    fn new(
        tz: Tz,
        week: &'a WorkingWeek,
        holidays: &'a [Holiday],
        from: NaiveDate,
        until: NaiveDate,
        patience: Option<u64>,
    ) -> Self {
        Walk {
            tz,
            week,
            holidays,
            date: from,
            until: until.min(last_walk_date()),
            patience,
            idle_days: 0,
            day: Vec::with_capacity(4),
            next_in_day: 0,
            handed_out_until: None,
        }
    }

    /// The walk that finds every stretch touching the instant `t` or after it: it starts a day
    /// early because a stretch of the previous local day can end after local midnight.
    pub(super) fn from_instant(
        tz: Tz,
        week: &'a WorkingWeek,
        holidays: &'a [Holiday],
        t: i64,
        until: Option<i64>,
        patience: Option<u64>,
    ) -> Option<Self> {
        let from = local_date(tz, t)?.pred_opt()?;
        // A day after the last instant's date too: when the clock falls back at midnight, the
        // next day starts before the last instant of this one.
        let until = match until {
            Some(u) => local_date(tz, u).and_then(|d| d.succ_opt())?,
            None => last_walk_date(),
        };
        Some(Self::new(tz, week, holidays, from, until, patience))
    }

    /// The last day off of the holidays that cover `date`, if any.
    fn holiday_run_end(&self, date: NaiveDate) -> Option<NaiveDate> {
        self.holidays
            .iter()
            .filter_map(|h| h.covered_until(date))
            .max()
    }

    /// Expands the next working day into `self.day`; false when the walk is over.
    fn expand_next_day(&mut self) -> bool {
        loop {
            if self.date > self.until || self.patience.is_some_and(|p| self.idle_days > p) {
                return false;
            }
            let date = self.date;
            if let Some(run_end) = self.holiday_run_end(date) {
                // Holidays of a run may overlap or follow one another; the loop finds the rest.
                let skipped = (run_end - date).num_days().max(0) as u64 + 1;
                self.idle_days += skipped;
                match run_end.succ_opt() {
                    Some(next) => self.date = next,
                    None => return false,
                }
                continue;
            }
            match date.succ_opt() {
                Some(next) => self.date = next,
                // Only the last date chrono knows has no successor: the walk ends after it.
                None => self.until = NaiveDate::MIN,
            }
            self.day.clear();
            self.next_in_day = 0;
            for iv in self.week.day(chrono::Datelike::weekday(&date)) {
                if let Some(span) = self.span_of(date, iv) {
                    self.day.push(span);
                }
            }
            if self.day.is_empty() {
                self.idle_days += 1;
                continue;
            }
            // Validated intervals come sorted; a hand-built calendar may not.
            self.day.sort_unstable();
            self.idle_days = 0;
            return true;
        }
    }

    /// The real stretch of one local interval on one date; `None` when it is empty (inside a
    /// skipped hour, or not increasing).
    fn span_of(&self, date: NaiveDate, iv: &WorkingInterval) -> Option<Span> {
        let start = resolve(self.tz, local_time(date, iv.start)?, Edge::Start);
        let end = resolve(self.tz, local_time(date, iv.end)?, Edge::End);
        (start < end).then_some((start, end))
    }
}

impl Iterator for Walk<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        loop {
            if self.next_in_day == self.day.len() && !self.expand_next_day() {
                return None;
            }
            let (start, end) = self.day[self.next_in_day];
            self.next_in_day += 1;
            let start = self.handed_out_until.map_or(start, |c| start.max(c));
            if start < end {
                self.handed_out_until = Some(end);
                return Some((start, end));
            }
        }
    }
}
