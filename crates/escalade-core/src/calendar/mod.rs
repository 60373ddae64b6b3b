//! Business calendars: when a support team works (24x7, or working hours per weekday with
//! holidays, in an IANA time zone), their validation, and the business-time arithmetic that SLA
//! deadlines are computed with.
//!
//! The model and its rules live here; `arithmetic` adds and counts business time, `walk` turns
//! local working hours into real UTC stretches day by day. The user-facing description, with the
//! JSON shape and the daylight-saving rule, is `docs/CALENDARS.md`.

mod arithmetic;
mod holiday;
mod walk;
mod week;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::DomainError;
use crate::validate;

pub use arithmetic::SEARCH_HORIZON_DAYS;
pub use holiday::Holiday;
pub use week::{ClockTime, ParseClockError, WorkingInterval, WorkingWeek};

/// The longest calendar name.
pub const MAX_NAME: usize = 200;
/// The most holidays one calendar holds (decades of one-off public holidays fit).
pub const MAX_HOLIDAYS: usize = 2_000;
/// The most intervals one weekday holds.
pub const MAX_INTERVALS_PER_DAY: usize = 48;

/// A business calendar: the time zone its hours are written in and when work happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// What administrators call it ("Paris office", "Night shift").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The zone whose wall clock the working hours and holidays are read on; its IANA name in
    /// JSON (`Europe/Paris`).
    #[serde(with = "time_zone_name")]
    pub time_zone: Tz,
    /// When work happens.
    pub schedule: Schedule,
}

/// When work happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Schedule {
    /// Always open: every real minute is a business minute, holidays included. A struct variant
    /// with no fields, so that serde refuses a stray `week` or `holidays` beside `"kind": "24x7"`
    /// instead of dropping it silently.
    #[serde(rename = "24x7")]
    AlwaysOpen {},
    /// Working hours per weekday, minus holidays.
    WorkingWeek {
        /// The intervals of each weekday.
        week: WorkingWeek,
        /// Days off that override the week.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        holidays: Vec<Holiday>,
    },
}

impl Calendar {
    /// A 24x7 calendar. The zone matters only for showing its instants.
    pub fn always_open(time_zone: Tz) -> Self {
        Calendar {
            name: None,
            time_zone,
            schedule: Schedule::AlwaysOpen {},
        }
    }

    /// A calendar of working hours and holidays (not validated: call [`Calendar::validate`]).
    pub fn working_week(time_zone: Tz, week: WorkingWeek, holidays: Vec<Holiday>) -> Self {
        Calendar {
            name: None,
            time_zone,
            schedule: Schedule::WorkingWeek { week, holidays },
        }
    }

    /// The same calendar with a name.
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Whether every minute is working time.
    pub fn is_always_open(&self) -> bool {
        matches!(self.schedule, Schedule::AlwaysOpen {})
    }

    /// The holiday that makes `date` (in the calendar's zone) a day off, if any.
    pub fn holiday_on(&self, date: chrono::NaiveDate) -> Option<&Holiday> {
        match &self.schedule {
            Schedule::AlwaysOpen {} => None,
            Schedule::WorkingWeek { holidays, .. } => holidays.iter().find(|h| h.covers(date)),
        }
    }

    /// Checks the calendar and names the first thing wrong with it, by the path of the JSON
    /// field (`schedule.week.monday[1]`, `schedule.holidays[0].last`).
    ///
    /// The arithmetic never panics or loops on a calendar that fails here (overlaps are merged,
    /// empty intervals ignored), but its answers would not be what the administrator meant.
    pub fn validate(&self) -> Result<(), DomainError> {
        if let Some(name) = &self.name {
            validate::required_line("name", name, MAX_NAME)?;
        }
        let Schedule::WorkingWeek { week, holidays } = &self.schedule else {
            return Ok(());
        };
        for day in week::WEEKDAYS {
            validate_day(week::weekday_field(day), week.day(day))?;
        }
        if week.is_empty() {
            return Err(DomainError::invalid(
                "schedule.week",
                "no_working_time",
                "the working week has no working hours; give at least one day an interval, \
                 or use a 24x7 calendar",
            ));
        }
        if holidays.len() > MAX_HOLIDAYS {
            return Err(DomainError::invalid(
                "schedule.holidays",
                "too_many",
                format!("a calendar holds at most {MAX_HOLIDAYS} holidays"),
            ));
        }
        for (i, h) in holidays.iter().enumerate() {
            validate_holiday(i, h)?;
        }
        Ok(())
    }
}

fn validate_day(day: &str, intervals: &[WorkingInterval]) -> Result<(), DomainError> {
    let field = |i: usize| format!("schedule.week.{day}[{i}]");
    if intervals.len() > MAX_INTERVALS_PER_DAY {
        return Err(DomainError::invalid(
            format!("schedule.week.{day}"),
            "too_many",
            format!("a day holds at most {MAX_INTERVALS_PER_DAY} intervals"),
        ));
    }
    for (i, iv) in intervals.iter().enumerate() {
        if iv.start >= iv.end {
            return Err(DomainError::invalid(
                field(i),
                "empty_interval",
                format!("{day} {iv}: the start must come before the end"),
            ));
        }
        let Some(prev) = i.checked_sub(1).map(|p| intervals[p]) else {
            continue;
        };
        if iv.start < prev.start {
            return Err(DomainError::invalid(
                field(i),
                "unsorted_intervals",
                format!("{day} {iv} comes before {prev}; list a day's intervals in order"),
            ));
        }
        if iv.start < prev.end {
            return Err(DomainError::invalid(
                field(i),
                "overlapping_intervals",
                format!("{day} {iv} overlaps {prev}"),
            ));
        }
    }
    Ok(())
}

fn validate_holiday(i: usize, h: &Holiday) -> Result<(), DomainError> {
    let field = |name: &str| format!("schedule.holidays[{i}].{name}");
    validate::required_line(&field("name"), &h.name, MAX_NAME)?;
    let what = h.name.trim();
    if h.first > h.last {
        return Err(DomainError::invalid(
            field("last"),
            "holiday_reversed",
            format!(
                "holiday '{what}' ends on {} before it starts on {}",
                h.last, h.first
            ),
        ));
    }
    if h.yearly_spans_too_many_years() {
        return Err(DomainError::invalid(
            field("last"),
            "holiday_too_long",
            format!(
                "yearly holiday '{what}' runs from {} to {}; a yearly range may only run into \
                 the next year (e.g. 2026-12-24 to 2027-01-02)",
                h.first, h.last
            ),
        ));
    }
    if h.yearly_covers_whole_year() {
        return Err(DomainError::invalid(
            field("last"),
            "holiday_covers_whole_year",
            format!("yearly holiday '{what}' would leave no working day in any year"),
        ));
    }
    Ok(())
}

/// Serde for `chrono_tz::Tz` as its IANA name, so stored JSON and the API read `Europe/Paris`.
mod time_zone_name {
    use super::*;

    pub fn serialize<S: Serializer>(tz: &Tz, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(tz.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Tz, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.trim().parse::<Tz>().map_err(|_| {
            serde::de::Error::custom(format!(
                "'{s}' is not an IANA time zone such as Europe/Paris"
            ))
        })
    }
}
