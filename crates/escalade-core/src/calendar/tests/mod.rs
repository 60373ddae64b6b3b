//! Table tests with exact instants, and the helpers they share: `working_week` (week ends,
//! holiday runs over the year end, night shifts, 24x7, the yearly leap day, the search horizon),
//! `daylight_saving` (Paris, New York and Havana changes; Moscow and Shanghai without), `model`
//! (validation and the readable serde forms).

mod daylight_saving;
mod model;
mod working_week;

use chrono::{DateTime, NaiveDate, Utc, Weekday};
use chrono_tz::{Europe, Tz};

use super::*;

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn intervals(list: &[&str]) -> Vec<WorkingInterval> {
    list.iter().map(|s| s.parse().unwrap()).collect()
}

const WORKDAYS: [Weekday; 5] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
];

/// Monday to Friday with the same hours.
fn office(tz: Tz, hours: &[&str], holidays: Vec<Holiday>) -> Calendar {
    let cal = Calendar::working_week(
        tz,
        WorkingWeek::same_hours(&WORKDAYS, &intervals(hours)),
        holidays,
    );
    cal.validate().expect("a valid calendar");
    cal
}

/// Working hours on Sundays only: the day every DST change of these zones falls on.
fn sundays(tz: Tz, hours: &[&str]) -> Calendar {
    office_on(tz, &[Weekday::Sun], hours)
}

fn office_on(tz: Tz, days: &[Weekday], hours: &[&str]) -> Calendar {
    let cal = Calendar::working_week(tz, WorkingWeek::same_hours(days, &intervals(hours)), vec![]);
    cal.validate().expect("a valid calendar");
    cal
}

/// Checks `add(start, minutes) == expected` and that counting gives the minutes back.
#[track_caller]
fn assert_add(cal: &Calendar, start: &str, minutes: i64, expected: &str) {
    let (start, expected) = (utc(start), utc(expected));
    assert_eq!(
        cal.add_business_minutes(start, minutes),
        Some(expected),
        "{start} + {minutes} business minutes"
    );
    assert_eq!(
        cal.business_minutes_between(start, expected),
        minutes,
        "business minutes from {start} to {expected}"
    );
}

/// Checks the working stretches between two instants and that their total is the count.
#[track_caller]
fn assert_stretches(cal: &Calendar, from: &str, to: &str, expected: &[(&str, &str)], total: i64) {
    let got = cal.working_intervals(utc(from), utc(to));
    let want: Vec<_> = expected.iter().map(|&(s, e)| (utc(s), utc(e))).collect();
    assert_eq!(got, want, "stretches from {from} to {to}");
    assert_eq!(cal.business_minutes_between(utc(from), utc(to)), total);
}

fn paris_office() -> Calendar {
    office(Europe::Paris, &["09:00-17:00"], vec![])
}
