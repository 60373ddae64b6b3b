//! Daylight-saving changes: an interval holding a skipped hour is shorter, one holding a repeated
//! hour longer; zones without changes keep their UTC hours all year.

use chrono::Weekday;
use chrono_tz::{America, Asia, Europe};

use super::*;

#[test]
fn paris_spring_forward_whole_sunday() {
    let cal = sundays(Europe::Paris, &["00:00-24:00"]);
    // 2026-03-29: 02:00 CET becomes 03:00 CEST, so the day is 23 hours.
    assert_stretches(
        &cal,
        "2026-03-28T00:00:00Z",
        "2026-03-31T00:00:00Z",
        &[("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z")],
        23 * 60,
    );
    assert_add(&cal, "2026-03-28T12:00:00Z", 120, "2026-03-29T01:00:00Z");
    assert_add(&cal, "2026-03-28T12:00:00Z", 121, "2026-03-29T01:01:00Z");
    assert_add(
        &cal,
        "2026-03-28T12:00:00Z",
        23 * 60,
        "2026-03-29T22:00:00Z",
    );
    assert_add(
        &cal,
        "2026-03-28T12:00:00Z",
        23 * 60 + 1,
        "2026-04-04T22:01:00Z",
    );
}

#[test]
fn paris_fall_back_whole_sunday() {
    let cal = sundays(Europe::Paris, &["00:00-24:00"]);
    // 2026-10-25: 03:00 CEST becomes 02:00 CET, so the day is 25 hours.
    assert_stretches(
        &cal,
        "2026-10-24T00:00:00Z",
        "2026-10-27T00:00:00Z",
        &[("2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z")],
        25 * 60,
    );
    assert_add(&cal, "2026-10-24T12:00:00Z", 180, "2026-10-25T01:00:00Z");
    assert_add(
        &cal,
        "2026-10-24T12:00:00Z",
        25 * 60,
        "2026-10-25T23:00:00Z",
    );
}

#[test]
fn paris_interval_holding_the_transition() {
    let cal = sundays(Europe::Paris, &["01:00-04:00"]);
    // A plain Sunday: 3 hours.
    assert_stretches(
        &cal,
        "2026-03-21T12:00:00Z",
        "2026-03-22T12:00:00Z",
        &[("2026-03-22T00:00:00Z", "2026-03-22T03:00:00Z")],
        180,
    );
    // Spring forward: 01:00 CET to 04:00 CEST is 2 real hours.
    assert_stretches(
        &cal,
        "2026-03-28T12:00:00Z",
        "2026-03-29T12:00:00Z",
        &[("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z")],
        120,
    );
    assert_add(&cal, "2026-03-28T12:00:00Z", 61, "2026-03-29T01:01:00Z");
    // Fall back: 01:00 CEST to 04:00 CET is 4 real hours.
    assert_stretches(
        &cal,
        "2026-10-24T12:00:00Z",
        "2026-10-25T12:00:00Z",
        &[("2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z")],
        240,
    );
    assert_add(&cal, "2026-10-24T12:00:00Z", 150, "2026-10-25T01:30:00Z");
}

#[test]
fn paris_interval_edges_in_the_gap_or_the_repeated_hour() {
    // Starting in the skipped hour: work starts when the clock jumps to 03:00 CEST.
    let cal = sundays(Europe::Paris, &["02:30-04:00"]);
    assert_stretches(
        &cal,
        "2026-03-28T12:00:00Z",
        "2026-03-29T12:00:00Z",
        &[("2026-03-29T01:00:00Z", "2026-03-29T02:00:00Z")],
        60,
    );
    // Starting in the repeated hour: from its first occurrence (02:30 CEST).
    assert_stretches(
        &cal,
        "2026-10-24T12:00:00Z",
        "2026-10-25T12:00:00Z",
        &[("2026-10-25T00:30:00Z", "2026-10-25T03:00:00Z")],
        150,
    );
    // Ending in the repeated hour: at its last occurrence (02:30 CET).
    let cal = sundays(Europe::Paris, &["01:00-02:30"]);
    assert_stretches(
        &cal,
        "2026-10-24T12:00:00Z",
        "2026-10-25T12:00:00Z",
        &[("2026-10-24T23:00:00Z", "2026-10-25T01:30:00Z")],
        150,
    );
    // An interval that lies wholly in the skipped hour has no working time that day.
    let cal = sundays(Europe::Paris, &["02:00-03:00"]);
    assert_stretches(&cal, "2026-03-28T12:00:00Z", "2026-03-29T12:00:00Z", &[], 0);
    assert_add(&cal, "2026-03-28T12:00:00Z", 1, "2026-04-05T00:01:00Z");
    // Daytime hours do not hold the night-time change: still 10 hours.
    let cal = sundays(Europe::Paris, &["08:00-18:00"]);
    assert_eq!(
        cal.business_minutes_between(utc("2026-10-24T12:00:00Z"), utc("2026-10-26T00:00:00Z")),
        600
    );
}

#[test]
fn new_york_daylight_saving() {
    let cal = sundays(America::New_York, &["00:00-24:00"]);
    // 2026-03-08: 02:00 EST becomes 03:00 EDT.
    assert_stretches(
        &cal,
        "2026-03-07T00:00:00Z",
        "2026-03-10T00:00:00Z",
        &[("2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")],
        23 * 60,
    );
    // 2026-11-01: 02:00 EDT becomes 01:00 EST.
    assert_stretches(
        &cal,
        "2026-10-31T00:00:00Z",
        "2026-11-03T00:00:00Z",
        &[("2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z")],
        25 * 60,
    );
    let cal = sundays(America::New_York, &["01:00-03:00"]);
    assert_stretches(
        &cal,
        "2026-03-07T00:00:00Z",
        "2026-03-09T00:00:00Z",
        &[("2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z")],
        60,
    );
    assert_stretches(
        &cal,
        "2026-10-31T00:00:00Z",
        "2026-11-02T00:00:00Z",
        &[("2026-11-01T05:00:00Z", "2026-11-01T08:00:00Z")],
        180,
    );
    // An office keeps its wall-clock hours on both sides of each change.
    let cal = office(America::New_York, &["09:00-17:00"], vec![]);
    assert_add(&cal, "2026-03-06T21:00:00Z", 120, "2026-03-09T14:00:00Z");
    assert_add(&cal, "2026-10-30T20:00:00Z", 120, "2026-11-02T15:00:00Z");
}

#[test]
fn havana_changes_at_midnight() {
    // Cuba moves its clocks at midnight: on 2026-03-08 00:00 CST becomes 01:00 CDT, on
    // 2026-11-01 01:00 CDT becomes 00:00 CST, so Sunday's midnight is skipped or repeated.
    let cal = office_on(America::Havana, &[Weekday::Sat], &["22:00-24:00"]);
    // A Saturday that ends at a repeated midnight ends at its last occurrence.
    assert_stretches(
        &cal,
        "2026-10-31T12:00:00Z",
        "2026-11-01T12:00:00Z",
        &[("2026-11-01T02:00:00Z", "2026-11-01T05:00:00Z")],
        180,
    );
    assert!(
        cal.is_working(utc("2026-11-01T04:30:00Z")),
        "Sunday 00:30 CDT, still Saturday's"
    );
    let mut week = WorkingWeek::same_hours(&[Weekday::Sat], &intervals(&["22:00-24:00"]));
    week.sunday = intervals(&["00:00-02:00"]);
    let cal = Calendar::working_week(America::Havana, week, vec![]);
    // Saturday night and Sunday morning join into one stretch, whatever midnight does.
    assert_stretches(
        &cal,
        "2026-03-07T12:00:00Z",
        "2026-03-08T12:00:00Z",
        &[("2026-03-08T03:00:00Z", "2026-03-08T06:00:00Z")],
        180,
    );
    assert_stretches(
        &cal,
        "2026-10-31T12:00:00Z",
        "2026-11-01T12:00:00Z",
        &[("2026-11-01T02:00:00Z", "2026-11-01T07:00:00Z")],
        300,
    );
}

#[test]
fn moscow_has_no_daylight_saving() {
    let cal = office(Europe::Moscow, &["09:00-18:00"], vec![]);
    // The Paris change week end changes nothing in Moscow (UTC+3).
    assert_add(&cal, "2026-03-27T14:00:00Z", 120, "2026-03-30T07:00:00Z");
    assert_eq!(
        cal.next_working_instant(utc("2026-01-10T12:00:00Z")),
        Some(utc("2026-01-12T06:00:00Z"))
    );
    assert_eq!(
        cal.next_working_instant(utc("2026-07-11T12:00:00Z")),
        Some(utc("2026-07-13T06:00:00Z"))
    );
    assert_eq!(
        cal.business_minutes_between(utc("2026-10-26T00:00:00Z"), utc("2026-10-31T00:00:00Z")),
        5 * 9 * 60
    );
    let cal = sundays(Europe::Moscow, &["00:00-24:00"]);
    assert_stretches(
        &cal,
        "2026-10-24T00:00:00Z",
        "2026-10-27T00:00:00Z",
        &[("2026-10-24T21:00:00Z", "2026-10-25T21:00:00Z")],
        24 * 60,
    );
}

#[test]
fn shanghai_office_with_a_lunch_break() {
    let cal = office(Asia::Shanghai, &["09:00-12:00", "13:00-18:00"], vec![]);
    // Monday 11:30 + 1 h: 30 min before lunch, 30 min after.
    assert_add(&cal, "2026-06-01T03:30:00Z", 60, "2026-06-01T05:30:00Z");
    assert_add(&cal, "2026-06-05T09:30:00Z", 60, "2026-06-08T01:30:00Z");
    assert_stretches(
        &cal,
        "2026-06-01T00:00:00Z",
        "2026-06-01T12:00:00Z",
        &[
            ("2026-06-01T01:00:00Z", "2026-06-01T04:00:00Z"),
            ("2026-06-01T05:00:00Z", "2026-06-01T10:00:00Z"),
        ],
        8 * 60,
    );
    // UTC+8 all year: the same UTC opening in March and November.
    assert_eq!(
        cal.next_working_instant(utc("2026-03-08T12:00:00Z")),
        Some(utc("2026-03-09T01:00:00Z"))
    );
    assert_eq!(
        cal.next_working_instant(utc("2026-11-01T12:00:00Z")),
        Some(utc("2026-11-02T01:00:00Z"))
    );
}
