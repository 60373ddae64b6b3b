//! The working week: wall-clock times of day, working intervals, and the intervals of each
//! weekday, with their readable serde form (`"08:30"`, `"08:30-12:00"`).

use std::fmt;
use std::str::FromStr;

use chrono::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A local wall-clock time of day, to the minute, from `00:00` to `24:00` inclusive.
///
/// `24:00` exists so that an interval can run to the end of its day; it means the next day's
/// midnight. The value is checked on construction, so a `ClockTime` is always in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    /// `00:00`.
    pub const MIDNIGHT: ClockTime = ClockTime(0);
    /// `24:00`, the end of the day.
    pub const END_OF_DAY: ClockTime = ClockTime(24 * 60);

    /// A time from hours and minutes; `None` outside `00:00..=24:00`.
    pub const fn from_hm(hour: u32, minute: u32) -> Option<Self> {
        if minute < 60 && (hour < 24 || (hour == 24 && minute == 0)) {
            Some(ClockTime((hour * 60 + minute) as u16))
        } else {
            None
        }
    }

    /// A time from minutes since midnight; `None` above 1440.
    pub const fn from_minutes(minutes: u32) -> Option<Self> {
        if minutes <= 24 * 60 {
            Some(ClockTime(minutes as u16))
        } else {
            None
        }
    }

    /// Minutes since midnight, `0..=1440`.
    pub const fn minutes(self) -> u32 {
        self.0 as u32
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Why a time of day or an interval did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{input}' is not {expected}")]
pub struct ParseClockError {
    input: String,
    expected: &'static str,
}

impl FromStr for ClockTime {
    type Err = ParseClockError;

    /// Parses `H:MM` or `HH:MM`, `00:00` to `24:00`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ParseClockError {
            input: s.to_string(),
            expected: "a time of day between 00:00 and 24:00 such as 08:30",
        };
        let (h, m) = s.trim().split_once(':').ok_or_else(err)?;
        let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
            len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(h, 1..=2) || !digits(m, 2..=2) {
            return Err(err());
        }
        let (h, m) = (h.parse().map_err(|_| err())?, m.parse().map_err(|_| err())?);
        ClockTime::from_hm(h, m).ok_or_else(err)
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A stretch of working time within one day, in local wall-clock time: from `start` (included)
/// to `end` (excluded). Written `"08:30-12:00"`.
///
/// The fields are plain so that a form can build one field by field; `Calendar::validate`
/// refuses an interval whose start is not before its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WorkingInterval {
    /// When work starts.
    pub start: ClockTime,
    /// When work stops; `24:00` runs to the end of the day.
    pub end: ClockTime,
}

impl WorkingInterval {
    /// An interval from `start` to `end`.
    pub const fn new(start: ClockTime, end: ClockTime) -> Self {
        Self { start, end }
    }

    /// The whole day, `00:00-24:00`.
    pub const WHOLE_DAY: WorkingInterval =
        WorkingInterval::new(ClockTime::MIDNIGHT, ClockTime::END_OF_DAY);
}

impl fmt::Display for WorkingInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

impl FromStr for WorkingInterval {
    type Err = ParseClockError;

    /// Parses `HH:MM-HH:MM`; the order of the two times is checked by validation, not here.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (start, end) = s.split_once('-').ok_or_else(|| ParseClockError {
            input: s.to_string(),
            expected: "an interval such as 08:30-12:00",
        })?;
        Ok(Self::new(start.parse()?, end.parse()?))
    }
}

impl Serialize for WorkingInterval {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for WorkingInterval {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The working intervals of each weekday, in local time. A day with no interval is a day off.
///
/// An interval never crosses midnight: a night shift is written as `22:00-24:00` on one day and
/// `00:00-06:00` on the next, and the arithmetic joins the two into one stretch of work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkingWeek {
    /// Monday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub monday: Vec<WorkingInterval>,
    /// Tuesday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tuesday: Vec<WorkingInterval>,
    /// Wednesday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wednesday: Vec<WorkingInterval>,
    /// Thursday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thursday: Vec<WorkingInterval>,
    /// Friday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub friday: Vec<WorkingInterval>,
    /// Saturday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub saturday: Vec<WorkingInterval>,
    /// Sunday.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sunday: Vec<WorkingInterval>,
}

impl WorkingWeek {
    /// The same intervals on each of `days`, none on the others: the usual office week.
    pub fn same_hours(days: &[Weekday], intervals: &[WorkingInterval]) -> Self {
        let mut week = WorkingWeek::default();
        for &day in days {
            *week.day_mut(day) = intervals.to_vec();
        }
        week
    }

    /// The intervals of one weekday.
    pub fn day(&self, weekday: Weekday) -> &[WorkingInterval] {
        match weekday {
            Weekday::Mon => &self.monday,
            Weekday::Tue => &self.tuesday,
            Weekday::Wed => &self.wednesday,
            Weekday::Thu => &self.thursday,
            Weekday::Fri => &self.friday,
            Weekday::Sat => &self.saturday,
            Weekday::Sun => &self.sunday,
        }
    }

    /// The intervals of one weekday, to change them.
    pub fn day_mut(&mut self, weekday: Weekday) -> &mut Vec<WorkingInterval> {
        match weekday {
            Weekday::Mon => &mut self.monday,
            Weekday::Tue => &mut self.tuesday,
            Weekday::Wed => &mut self.wednesday,
            Weekday::Thu => &mut self.thursday,
            Weekday::Fri => &mut self.friday,
            Weekday::Sat => &mut self.saturday,
            Weekday::Sun => &mut self.sunday,
        }
    }

    /// Whether no weekday has any interval.
    pub fn is_empty(&self) -> bool {
        WEEKDAYS.iter().all(|&d| self.day(d).is_empty())
    }
}

/// Monday to Sunday, in the order the API and the documentation list them.
pub(super) const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The serde field name of a weekday, for error messages that point at the JSON.
pub(super) fn weekday_field(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "monday",
        Weekday::Tue => "tuesday",
        Weekday::Wed => "wednesday",
        Weekday::Thu => "thursday",
        Weekday::Fri => "friday",
        Weekday::Sat => "saturday",
        Weekday::Sun => "sunday",
    }
}
