//! Validation that names the field at fault, and the text forms of times and intervals.

use chrono_tz::Europe;
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::{Error as ValueError, StrDeserializer};

use super::*;

fn invalid_code(cal: &Calendar) -> (String, &'static str) {
    match cal.validate() {
        Err(DomainError::Invalid(e)) => (e.field, e.code),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[test]
fn validation_names_what_is_wrong() {
    let with_monday = |hours: &[&str]| {
        let week = WorkingWeek {
            monday: intervals(hours),
            ..WorkingWeek::default()
        };
        Calendar::working_week(Europe::Paris, week, vec![])
    };
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &["12:00-08:00"],
            "schedule.week.monday[0]",
            "empty_interval",
        ),
        (
            &["08:00-08:00"],
            "schedule.week.monday[0]",
            "empty_interval",
        ),
        (
            &["13:00-17:00", "08:00-12:00"],
            "schedule.week.monday[1]",
            "unsorted_intervals",
        ),
        (
            &["08:00-12:00", "11:00-17:00"],
            "schedule.week.monday[1]",
            "overlapping_intervals",
        ),
    ];
    for &(hours, field, code) in cases {
        assert_eq!(
            invalid_code(&with_monday(hours)),
            (field.to_string(), code),
            "{hours:?}"
        );
    }
    assert!(
        with_monday(&["08:00-12:00", "12:00-24:00"])
            .validate()
            .is_ok(),
        "touching is fine"
    );
    let empty = Calendar::working_week(Europe::Paris, WorkingWeek::default(), vec![]);
    assert_eq!(
        invalid_code(&empty),
        ("schedule.week".into(), "no_working_time")
    );
    let too_many = with_monday(&vec!["08:00-08:01"; MAX_INTERVALS_PER_DAY + 1]);
    assert_eq!(invalid_code(&too_many).1, "too_many");

    let with_holiday = |h: Holiday| {
        let week = WorkingWeek::same_hours(&WORKDAYS, &intervals(&["09:00-17:00"]));
        Calendar::working_week(
            Europe::Paris,
            week,
            vec![Holiday::day("Ok", date("2026-01-01"), true), h],
        )
    };
    let holiday_cases = [
        (
            Holiday::range("Back", date("2026-05-02"), date("2026-05-01"), false),
            "last",
            "holiday_reversed",
        ),
        (
            Holiday::day(" ", date("2026-05-01"), false),
            "name",
            "required",
        ),
        (
            Holiday::range("Long", date("2026-12-24"), date("2028-01-02"), true),
            "last",
            "holiday_too_long",
        ),
        (
            Holiday::range("All", date("2026-07-02"), date("2027-07-01"), true),
            "last",
            "holiday_covers_whole_year",
        ),
        (
            Holiday::range("All", date("2026-01-01"), date("2026-12-31"), true),
            "last",
            "holiday_covers_whole_year",
        ),
    ];
    for (h, field, code) in holiday_cases {
        let want = (format!("schedule.holidays[1].{field}"), code);
        assert_eq!(invalid_code(&with_holiday(h.clone())), want, "{h:?}");
    }
    // A one-off range may be long; a yearly one may leave just Feb 29 open.
    assert!(
        with_holiday(Holiday::range(
            "Works",
            date("2026-01-01"),
            date("2027-06-30"),
            false
        ))
        .validate()
        .is_ok()
    );
    assert!(
        with_holiday(Holiday::range(
            "Most",
            date("2026-03-01"),
            date("2027-02-28"),
            true
        ))
        .validate()
        .is_ok()
    );
    let unnamed = Calendar::always_open(Europe::Paris).named("  ");
    assert_eq!(invalid_code(&unnamed), ("name".into(), "required"));
}

fn from_str<T: for<'de> Deserialize<'de>>(s: &str) -> Result<T, String> {
    let d: StrDeserializer<'_, ValueError> = s.into_deserializer();
    T::deserialize(d).map_err(|e| e.to_string())
}

#[test]
fn times_and_intervals_read_and_write_as_text() {
    for (text, minutes) in [
        ("00:00", 0),
        ("8:30", 510),
        ("08:30", 510),
        ("23:59", 1439),
        ("24:00", 1440),
    ] {
        assert_eq!(
            from_str::<ClockTime>(text).map(ClockTime::minutes),
            Ok(minutes),
            "{text}"
        );
    }
    for bad in [
        "24:01", "25:00", "12:60", "8", "08:3", "0830", "ab:cd", "-1:00", "+8:00", "",
    ] {
        let err = from_str::<ClockTime>(bad).unwrap_err();
        assert!(err.contains("time of day"), "{bad}: {err}");
    }
    let iv: WorkingInterval = from_str("8:30 - 12:00").unwrap();
    assert_eq!(iv.to_string(), "08:30-12:00");
    assert_eq!(
        from_str::<WorkingInterval>("22:00-24:00")
            .unwrap()
            .to_string(),
        "22:00-24:00"
    );
    assert!(
        from_str::<WorkingInterval>("08:30")
            .unwrap_err()
            .contains("08:30-12:00")
    );
    assert!(from_str::<WorkingInterval>("08:30-25:00").is_err());
    assert_eq!(ClockTime::from_hm(24, 0), Some(ClockTime::END_OF_DAY));
    assert_eq!(ClockTime::from_hm(24, 1), None);
    assert_eq!(ClockTime::from_minutes(1441), None);
}
