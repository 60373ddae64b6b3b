//! Holidays: single days or ranges of days off, once or every year, and which dates they cover.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days off that override the working week, in the calendar's own time zone.
///
/// A one-off holiday covers the dates `first..=last` as written. A yearly holiday covers the
/// same month-and-day range every year, before and after the years written: its years only say
/// whether the range wraps the year end (`2026-12-24` to `2027-01-02` recurs as Dec 24 - Jan 2).
/// Because dates are compared by month and day, a yearly Feb 29 applies only in leap years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "HolidayInput")]
pub struct Holiday {
    /// What the day is called ("Christmas", "Bastille Day").
    pub name: String,
    /// The first day off.
    pub first: NaiveDate,
    /// The last day off, included; the same as `first` for a single day.
    pub last: NaiveDate,
    /// Whether the holiday recurs every year.
    pub yearly: bool,
}

/// The accepted JSON: `last` may be left out for a single day.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayInput {
    name: String,
    first: NaiveDate,
    #[serde(default)]
    last: Option<NaiveDate>,
    #[serde(default)]
    yearly: bool,
}

impl From<HolidayInput> for Holiday {
    fn from(h: HolidayInput) -> Self {
        Holiday {
            name: h.name,
            first: h.first,
            last: h.last.unwrap_or(h.first),
            yearly: h.yearly,
        }
    }
}

/// A date as one comparable number, `month * 100 + day`, so that yearly ranges compare without
/// building dates that may not exist (Feb 29).
fn month_day(d: NaiveDate) -> u32 {
    d.month() * 100 + d.day()
}

impl Holiday {
    /// A single day off.
    pub fn day(name: impl Into<String>, date: NaiveDate, yearly: bool) -> Self {
        Self::range(name, date, date, yearly)
    }

    /// Days off from `first` to `last`, both included.
    pub fn range(name: impl Into<String>, first: NaiveDate, last: NaiveDate, yearly: bool) -> Self {
        Holiday {
            name: name.into(),
            first,
            last,
            yearly,
        }
    }

    /// Whether a yearly range runs over the year end (Dec 24 - Jan 2).
    fn wraps(&self) -> bool {
        self.last.year() > self.first.year()
    }

    /// Whether `date` is a day off under this holiday.
    pub fn covers(&self, date: NaiveDate) -> bool {
        if !self.yearly {
            return self.first <= date && date <= self.last;
        }
        let (k, a, b) = (month_day(date), month_day(self.first), month_day(self.last));
        if self.wraps() {
            k >= a || k <= b
        } else {
            a <= k && k <= b
        }
    }

    /// The last day off of the occurrence that covers `date`, so that a walk through the calendar
    /// can jump over a whole run of days off at once. `None` when `date` is not covered.
    pub(super) fn covered_until(&self, date: NaiveDate) -> Option<NaiveDate> {
        if !self.covers(date) {
            return None;
        }
        if !self.yearly {
            return Some(self.last);
        }
        let year = if self.wraps() && month_day(date) >= month_day(self.first) {
            date.year() + 1
        } else {
            date.year()
        };
        // A yearly range that ends on Feb 29 ends on Feb 28 in common years.
        NaiveDate::from_ymd_opt(year, self.last.month(), self.last.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
    }

    /// Whether a yearly holiday is written over more than two calendar years, which has no
    /// meaning for a range that recurs every year.
    pub(super) fn yearly_spans_too_many_years(&self) -> bool {
        self.yearly && self.last.year() > self.first.year() + 1
    }

    /// Whether a yearly holiday leaves no day of the year open, which would close the calendar
    /// for good. Checked on a leap year so that Feb 29 counts as a day that may stay open.
    pub(super) fn yearly_covers_whole_year(&self) -> bool {
        let Some(jan1) = NaiveDate::from_ymd_opt(2000, 1, 1) else {
            return false;
        };
        self.yearly && jan1.iter_days().take(366).all(|d| self.covers(d))
    }
}
