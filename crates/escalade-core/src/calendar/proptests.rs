//! Property tests on random calendars (random intervals and holidays in zones with and without
//! daylight saving, half-hour changes and midnight changes) at random instants of 2025-2028,
//! biased towards the daylight-saving changes: adding and counting agree, results are working
//! time, counting is additive and bounded, stretches add up, and away from any change the
//! calendar reads like the wall clock.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Offset, Timelike, Utc};
use chrono_tz::{America, Asia, Australia, Europe, Tz};
use proptest::prelude::*;

use super::*;

const ZONES: [Tz; 9] = [
    Europe::Paris,
    Europe::Moscow,
    America::New_York,
    Asia::Shanghai,
    Australia::Sydney,
    Australia::Lord_Howe,
    Asia::Kathmandu,
    America::Havana,
    Tz::UTC,
];

/// Changes of the zones above, to aim instants at.
const TRANSITIONS: [&str; 8] = [
    "2026-03-29T01:00:00Z", // Paris spring forward
    "2026-10-25T01:00:00Z", // Paris fall back
    "2026-03-08T07:00:00Z", // New York spring forward
    "2026-11-01T06:00:00Z", // New York fall back
    "2026-04-04T16:00:00Z", // Sydney fall back
    "2026-10-03T16:00:00Z", // Sydney spring forward
    "2026-03-08T05:00:00Z", // Havana spring forward at midnight
    "2026-11-01T05:00:00Z", // Havana fall back to midnight
];

fn clock_point() -> impl Strategy<Value = u32> {
    prop_oneof![
        3 => 0u32..=1440,
        1 => prop::sample::select(vec![0u32, 60, 120, 150, 180, 1440]),
    ]
}

/// 0 to 3 sorted, disjoint intervals, or the whole day (so that weeks open around the clock,
/// whose stretches touch day after day, come up too).
fn day() -> impl Strategy<Value = Vec<WorkingInterval>> {
    prop_oneof![
        4 => intervals_of_a_day(),
        1 => Just(vec![WorkingInterval::WHOLE_DAY]),
    ]
}

fn intervals_of_a_day() -> impl Strategy<Value = Vec<WorkingInterval>> {
    prop::collection::vec(clock_point(), 0..=6).prop_map(|mut points| {
        points.sort_unstable();
        points.dedup();
        points
            .chunks_exact(2)
            .filter_map(|p| {
                Some(WorkingInterval::new(
                    ClockTime::from_minutes(p[0])?,
                    ClockTime::from_minutes(p[1])?,
                ))
            })
            .collect()
    })
}

fn holiday() -> impl Strategy<Value = Holiday> {
    (0u64..2_200, 0u64..20, any::<bool>()).prop_map(|(offset, len, yearly)| {
        let base = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or(NaiveDate::MIN);
        let first = base + chrono::Days::new(offset);
        Holiday::range("Holiday", first, first + chrono::Days::new(len), yearly)
    })
}

fn calendar() -> impl Strategy<Value = Calendar> {
    let week = prop::collection::vec(day(), 7).prop_map(|days| {
        let mut week = WorkingWeek::default();
        for (weekday, intervals) in week::WEEKDAYS.into_iter().zip(days) {
            *week.day_mut(weekday) = intervals;
        }
        if week.is_empty() {
            week.monday = vec![WorkingInterval::new(
                ClockTime::from_hm(9, 0).unwrap_or(ClockTime::MIDNIGHT),
                ClockTime::from_hm(17, 0).unwrap_or(ClockTime::END_OF_DAY),
            )];
        }
        week
    });
    let working = (
        prop::sample::select(ZONES.to_vec()),
        week,
        prop::collection::vec(holiday(), 0..5),
    )
        .prop_map(|(tz, week, holidays)| Calendar::working_week(tz, week, holidays));
    prop_oneof![
        9 => working,
        1 => prop::sample::select(ZONES.to_vec()).prop_map(Calendar::always_open),
    ]
}

fn at(t: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(t, 0).unwrap_or_default()
}

/// An instant of 2025-2028, a third of the time within a few days of a transition.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let transitions: Vec<i64> = TRANSITIONS
        .iter()
        .filter_map(|s| s.parse::<DateTime<Utc>>().ok())
        .map(|t| t.timestamp())
        .collect();
    prop_oneof![
        2 => (1_735_689_600i64..1_861_920_000).prop_map(at),
        1 => (prop::sample::select(transitions), -300_000i64..300_000)
            .prop_map(|(t, d)| at(t + d)),
    ]
}

fn sorted3() -> impl Strategy<Value = [DateTime<Utc>; 3]> {
    (instant(), instant(), instant()).prop_map(|(a, b, c)| {
        let mut v = [a, b, c];
        v.sort();
        v
    })
}

/// Whether `t`'s zone offset is the same a day and more either side, so no change is near.
fn far_from_any_change(tz: Tz, t: DateTime<Utc>) -> bool {
    let offset = |t: DateTime<Utc>| t.with_timezone(&tz).offset().fix();
    let span = Duration::hours(50);
    offset(t - span) == offset(t) && offset(t) == offset(t + span)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_calendars_are_valid(cal in calendar()) {
        prop_assert!(cal.validate().is_ok(), "{:?}", cal.validate());
    }

    #[test]
    fn adding_then_counting_gives_the_minutes_back(
        cal in calendar(), a in instant(), n in 0i64..50_000
    ) {
        let r = cal.add_business_minutes(a, n).expect("an open calendar has an answer");
        prop_assert_eq!(cal.business_minutes_between(a, r), n);
        prop_assert_eq!(cal.business_seconds_between(a, r), n * 60);
        if n > 0 {
            let last_second = r - Duration::seconds(1);
            prop_assert!(r > a);
            prop_assert!(cal.is_working(last_second), "{} ends outside working time", r);
            // The first instant with that many minutes counted, not a later one.
            prop_assert_eq!(cal.business_seconds_between(a, last_second), n * 60 - 1);
        } else {
            prop_assert_eq!(r, a);
        }
    }

    #[test]
    fn adding_seconds_agrees_with_counting_seconds(
        cal in calendar(), a in instant(), n in 0i64..3_000_000
    ) {
        let r = cal.add_business_seconds(a, n).expect("an open calendar has an answer");
        prop_assert_eq!(cal.business_seconds_between(a, r), n);
        if n > 0 {
            prop_assert!(cal.is_working(r - Duration::seconds(1)));
        }
    }

    #[test]
    fn counting_is_additive(cal in calendar(), [a, b, c] in sorted3()) {
        let whole = cal.business_seconds_between(a, c);
        let parts = cal.business_seconds_between(a, b) + cal.business_seconds_between(b, c);
        prop_assert_eq!(parts, whole);
    }

    #[test]
    fn counting_never_exceeds_the_clock(cal in calendar(), a in instant(), b in instant()) {
        let counted = cal.business_seconds_between(a, b);
        prop_assert!(counted >= 0);
        prop_assert!(counted <= (b - a).num_seconds().max(0));
        if cal.is_always_open() {
            prop_assert_eq!(counted, (b - a).num_seconds().max(0));
        }
    }

    #[test]
    fn stretches_are_ordered_inside_and_add_up(
        cal in calendar(), a in instant(), days in 0i64..40
    ) {
        let b = a + Duration::days(days) + Duration::minutes(days * 37);
        let stretches = cal.working_intervals(a, b);
        let mut total = 0;
        let mut previous_end: Option<DateTime<Utc>> = None;
        for &(s, e) in &stretches {
            prop_assert!(a <= s && s < e && e <= b, "{}..{} outside {}..{}", s, e, a, b);
            if let Some(p) = previous_end {
                prop_assert!(p < s, "stretches touch or overlap at {}", s);
            }
            prop_assert!(cal.is_working(s));
            prop_assert!(cal.is_working(e - Duration::seconds(1)));
            if e < b {
                prop_assert!(!cal.is_working(e), "a stretch stops at {} in working time", e);
            }
            if s > a {
                prop_assert!(!cal.is_working(s - Duration::seconds(1)));
            }
            total += (e - s).num_seconds();
            previous_end = Some(e);
        }
        prop_assert_eq!(total, cal.business_seconds_between(a, b));
    }

    #[test]
    fn is_working_agrees_with_counting(cal in calendar(), t in instant()) {
        let next_second = cal.business_seconds_between(t, t + Duration::seconds(1));
        prop_assert_eq!(cal.is_working(t), next_second == 1);
    }

    #[test]
    fn next_working_instant_is_the_first(cal in calendar(), t in instant()) {
        let r = cal.next_working_instant(t).expect("an open calendar has an answer");
        prop_assert!(r >= t);
        prop_assert!(cal.is_working(r));
        prop_assert_eq!(cal.business_seconds_between(t, r), 0);
        prop_assert_eq!(cal.add_business_seconds(t, 1), Some(r + Duration::seconds(1)));
    }

    #[test]
    fn away_from_changes_working_time_is_the_wall_clock(cal in calendar(), t in instant()) {
        let Schedule::WorkingWeek { week, .. } = &cal.schedule else {
            return Ok(());
        };
        prop_assume!(far_from_any_change(cal.time_zone, t));
        let local = t.with_timezone(&cal.time_zone);
        let second_of_day = local.num_seconds_from_midnight();
        let in_hours = week
            .day(local.weekday())
            .iter()
            .any(|iv| iv.start.minutes() * 60 <= second_of_day && second_of_day < iv.end.minutes() * 60);
        let expected = in_hours && cal.holiday_on(local.date_naive()).is_none();
        prop_assert_eq!(cal.is_working(t), expected, "{} local {}", t, local);
    }
}
