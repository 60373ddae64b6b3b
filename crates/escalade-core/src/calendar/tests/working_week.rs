//! Office weeks, night shifts, holidays and their runs, 24x7, the search horizon.

use chrono::{Duration, Weekday};
use chrono_tz::{America, Asia, Europe};

use super::*;

#[test]
fn office_hours_roll_over_week_ends() {
    let cal = paris_office();
    // Friday 16:30 CET + 1 h: 30 min on Friday, 30 min from Monday's opening.
    assert_add(&cal, "2026-03-06T15:30:00Z", 60, "2026-03-09T08:30:00Z");
    // Work that ends at closing time is done then, not at the next opening.
    assert_add(&cal, "2026-03-09T15:00:00Z", 60, "2026-03-09T16:00:00Z");
    assert_add(&cal, "2026-03-09T06:00:00Z", 30, "2026-03-09T08:30:00Z");
    assert_add(&cal, "2026-03-07T12:00:00Z", 1, "2026-03-09T08:01:00Z");
    // Over the spring-forward week end: Monday opens at 09:00 CEST, an hour earlier in UTC.
    assert_add(&cal, "2026-03-27T15:00:00Z", 120, "2026-03-30T08:00:00Z");
    // Seconds are kept exactly.
    assert_add(&cal, "2026-03-06T15:59:30Z", 1, "2026-03-09T08:00:30Z");
    // Twenty business days from a Monday opening end at the fourth Friday's closing.
    assert_add(
        &cal,
        "2026-03-02T08:00:00Z",
        20 * 8 * 60,
        "2026-03-27T16:00:00Z",
    );
}

#[test]
fn adding_nothing_or_less_than_nothing() {
    let cal = paris_office();
    let saturday = utc("2026-03-07T12:34:56.789Z");
    assert_eq!(cal.add_business_minutes(saturday, 0), Some(saturday));
    assert_eq!(cal.add_business_minutes(saturday, -5), None);
    assert_eq!(
        cal.add_business_minutes(saturday, i64::MAX),
        None,
        "overflow"
    );
    assert_eq!(cal.business_minutes_between(saturday, saturday), 0);
    assert_eq!(
        cal.business_minutes_between(utc("2026-03-10T00:00:00Z"), utc("2026-03-09T00:00:00Z")),
        0,
        "backwards"
    );
    // A fraction of a second is dropped before counting.
    let t = utc("2026-03-09T10:00:00.900Z");
    assert_eq!(
        cal.add_business_seconds(t, 1),
        Some(utc("2026-03-09T10:00:01Z"))
    );
    // Part of a minute does not count as a minute.
    let (a, b) = (utc("2026-03-09T10:00:00Z"), utc("2026-03-09T10:01:59Z"));
    assert_eq!(cal.business_minutes_between(a, b), 1);
    assert_eq!(cal.business_seconds_between(a, b), 119);
}

#[test]
fn is_working_and_next_working_instant() {
    let cal = paris_office();
    assert!(cal.is_working(utc("2026-03-09T08:00:00Z")), "09:00 opens");
    assert!(cal.is_working(utc("2026-03-09T15:59:59Z")));
    assert!(
        !cal.is_working(utc("2026-03-09T16:00:00Z")),
        "17:00 is closed"
    );
    assert!(!cal.is_working(utc("2026-03-07T10:00:00Z")), "Saturday");
    let at = utc("2026-03-09T10:11:12.5Z");
    assert_eq!(cal.next_working_instant(at), Some(at), "already working");
    assert_eq!(
        cal.next_working_instant(utc("2026-03-06T16:00:00Z")),
        Some(utc("2026-03-09T08:00:00Z"))
    );
}

fn year_end_closure() -> Holiday {
    Holiday::range(
        "Year-end closure",
        date("2026-12-24"),
        date("2027-01-01"),
        true,
    )
}

#[test]
fn yearly_holiday_run_over_the_year_end() {
    let cal = office(Europe::Paris, &["09:00-17:00"], vec![year_end_closure()]);
    // Wednesday Dec 23 16:00: one hour that day, Dec 24 - Jan 1 closed, Jan 2-3 a week end.
    assert_add(&cal, "2026-12-23T15:00:00Z", 120, "2027-01-04T09:00:00Z");
    // The same closure recurs in the years before the ones written.
    assert_add(&cal, "2025-12-23T15:00:00Z", 120, "2026-01-02T09:00:00Z");
    assert_eq!(
        cal.holiday_on(date("2031-12-31")).map(|h| h.name.as_str()),
        Some("Year-end closure")
    );
    assert_eq!(cal.holiday_on(date("2031-12-23")), None);
    assert_eq!(cal.holiday_on(date("2032-01-02")), None);
    assert_eq!(
        cal.business_minutes_between(utc("2026-12-24T00:00:00Z"), utc("2027-01-02T00:00:00Z")),
        0
    );
}

#[test]
fn one_off_holidays_chain_into_a_run() {
    let holidays = vec![
        Holiday::day("Ascension", date("2026-05-14"), false),
        Holiday::day("Bridge day", date("2026-05-15"), false),
    ];
    let cal = office(Europe::Paris, &["09:00-17:00"], holidays);
    // Wednesday 16:00 CEST: Thursday and Friday off, then the week end.
    assert_add(&cal, "2026-05-13T14:00:00Z", 120, "2026-05-18T08:00:00Z");
    // Not yearly: the next year's May 14 is a working day.
    assert!(cal.is_working(utc("2027-05-14T08:00:00Z")));
}

/// Mon-Fri nights, 22:00 to 06:00 the next morning, in Shanghai (UTC+8).
fn night_shift() -> Calendar {
    let mut week = WorkingWeek::same_hours(&WORKDAYS, &intervals(&["22:00-24:00"]));
    for day in [
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
    ] {
        week.day_mut(day).insert(0, "00:00-06:00".parse().unwrap());
    }
    let cal = Calendar::working_week(Asia::Shanghai, week, vec![]);
    cal.validate().unwrap();
    cal
}

#[test]
fn night_shift_spans_midnight() {
    let cal = night_shift();
    // Friday 23:00: 1 h to midnight, 6 h to Saturday 06:00, then Monday night.
    assert_add(&cal, "2026-05-08T15:00:00Z", 8 * 60, "2026-05-11T15:00:00Z");
    // Tuesday 05:00: 1 h to 06:00, then from Tuesday 22:00.
    assert_add(&cal, "2026-05-11T21:00:00Z", 120, "2026-05-12T15:00:00Z");
    // Friday 22:00 to Saturday 06:00 is one stretch, not two that touch at midnight.
    assert_stretches(
        &cal,
        "2026-05-08T12:00:00Z",
        "2026-05-09T12:00:00Z",
        &[("2026-05-08T14:00:00Z", "2026-05-08T22:00:00Z")],
        8 * 60,
    );
    assert!(
        cal.is_working(utc("2026-05-08T16:00:00Z")),
        "Saturday 00:00 local"
    );
}

#[test]
fn weeks_open_around_the_clock() {
    // Open all day every day except on holidays: stretches touch day after day, and adding must
    // not walk to the end of time to find where one stops.
    let every_day = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    let cal = office_on(Europe::Paris, &every_day, &["00:00-24:00"]);
    assert_add(
        &cal,
        "2026-03-28T12:00:00Z",
        24 * 60,
        "2026-03-29T12:00:00Z",
    );
    assert_stretches(
        &cal,
        "2026-03-27T12:00:00Z",
        "2026-03-30T12:00:00Z",
        &[("2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z")],
        3 * 24 * 60,
    );
    // 24x5: Monday 00:00 to Friday 24:00 in New York.
    let cal = office(America::New_York, &["00:00-24:00"], vec![]);
    // Friday 23:30 EST + 1 h: half an hour on Friday, half an hour from Monday 00:00 EDT.
    assert_add(&cal, "2026-03-07T04:30:00Z", 60, "2026-03-09T04:30:00Z");
    assert_stretches(
        &cal,
        "2026-03-01T00:00:00Z",
        "2026-03-10T00:00:00Z",
        &[
            ("2026-03-02T05:00:00Z", "2026-03-07T05:00:00Z"),
            ("2026-03-09T04:00:00Z", "2026-03-10T00:00:00Z"),
        ],
        5 * 24 * 60 + 20 * 60,
    );
}

#[test]
fn always_open_counts_real_minutes() {
    let cal = Calendar::always_open(Europe::Paris);
    cal.validate().unwrap();
    let t = utc("2026-03-28T12:00:00Z");
    assert_add(
        &cal,
        "2026-03-28T12:00:00Z",
        24 * 60,
        "2026-03-29T12:00:00Z",
    );
    assert_eq!(cal.add_business_minutes(t, 0), Some(t));
    assert!(cal.is_working(utc("2026-12-25T03:00:00Z")));
    assert_eq!(cal.next_working_instant(t), Some(t));
    let end = t + Duration::days(3);
    assert_eq!(cal.working_intervals(t, end), vec![(t, end)]);
    assert_eq!(cal.business_minutes_between(t, end), 3 * 24 * 60);
}

#[test]
fn yearly_leap_day_holiday_only_in_leap_years() {
    let leap_day = Holiday::day("Leap day", date("2028-02-29"), true);
    assert!(leap_day.covers(date("2032-02-29")));
    assert!(!leap_day.covers(date("2030-02-28")));
    assert!(!leap_day.covers(date("2030-03-01")));
    let cal = office(Europe::Paris, &["09:00-17:00"], vec![leap_day]);
    // Monday 2028-02-28 16:00 CET: Tuesday Feb 29 is off.
    assert_add(&cal, "2028-02-28T15:00:00Z", 120, "2028-03-01T09:00:00Z");
    // 2030 has no Feb 29 and Feb 28 stays a working day.
    assert_add(&cal, "2030-02-27T15:00:00Z", 120, "2030-02-28T09:00:00Z");
    // A yearly range over the end of February holds Feb 29 only when there is one.
    let range = Holiday::range("Carnival", date("2027-02-28"), date("2027-03-01"), true);
    assert!(range.covers(date("2028-02-29")));
    assert!(range.covers(date("2027-02-28")) && range.covers(date("2027-03-01")));
    assert!(!range.covers(date("2027-03-02")));
}

#[test]
fn holiday_runs_end_on_the_right_day() {
    let closure = year_end_closure();
    assert_eq!(
        closure.covered_until(date("2030-12-25")),
        Some(date("2031-01-01"))
    );
    assert_eq!(
        closure.covered_until(date("2031-01-01")),
        Some(date("2031-01-01"))
    );
    assert_eq!(closure.covered_until(date("2031-01-02")), None);
    let to_leap_day = Holiday::range(
        "Late February",
        date("2028-02-20"),
        date("2028-02-29"),
        true,
    );
    assert_eq!(
        to_leap_day.covered_until(date("2027-02-21")),
        Some(date("2027-02-28"))
    );
    assert_eq!(
        to_leap_day.covered_until(date("2028-02-21")),
        Some(date("2028-02-29"))
    );
}

#[test]
fn long_closures_and_the_search_horizon() {
    // Five years closed: the search goes on to the reopening (2031-01-01, a Wednesday).
    let closed = Holiday::range("Renovation", date("2026-01-01"), date("2030-12-31"), false);
    let cal = office(Europe::Paris, &["09:00-17:00"], vec![closed]);
    assert_add(&cal, "2026-06-01T08:00:00Z", 60, "2031-01-01T09:00:00Z");
    // Fifteen years closed: beyond the horizon, the calendar is closed for good.
    let closed = Holiday::range("Closed", date("2026-01-01"), date("2040-12-31"), false);
    let cal = office(Europe::Paris, &["09:00-17:00"], vec![closed]);
    let t = utc("2026-06-01T08:00:00Z");
    assert_eq!(cal.add_business_minutes(t, 60), None);
    assert_eq!(cal.next_working_instant(t), None);
    // Counting is bounded by its end, so it still finds the reopening.
    let reopened = cal.business_minutes_between(t, utc("2041-01-02T00:00:00Z"));
    assert_eq!(reopened, 8 * 60, "Tuesday 2041-01-01");
    // Past year 9999 there is no answer rather than a walk through millennia.
    let sparse = sundays(Europe::Paris, &["10:00-10:01"]);
    assert_eq!(sparse.add_business_minutes(t, 10_000_000), None);
}

#[test]
fn hand_built_calendars_never_panic() {
    // Unsorted, overlapping and empty intervals: merged or ignored, not trusted.
    let week = WorkingWeek {
        monday: intervals(&["13:00-17:00", "09:00-14:00", "12:00-12:00", "18:00-10:00"]),
        ..WorkingWeek::default()
    };
    let cal = Calendar::working_week(Europe::Paris, week, vec![]);
    assert!(cal.validate().is_err());
    assert_stretches(
        &cal,
        "2026-03-09T00:00:00Z",
        "2026-03-10T00:00:00Z",
        &[("2026-03-09T08:00:00Z", "2026-03-09T16:00:00Z")],
        8 * 60,
    );
    // No working time at all: no answer, quickly.
    let cal = Calendar::working_week(Europe::Paris, WorkingWeek::default(), vec![]);
    let t = utc("2026-03-09T00:00:00Z");
    assert_eq!(cal.add_business_minutes(t, 1), None);
    assert_eq!(cal.next_working_instant(t), None);
    assert!(!cal.is_working(t));
}
