//! Table tests of the SLA domain: the choice and its reasons, the clock arithmetic on a 24x7
//! and an office calendar (pauses, stops, reopen, recomputation), the explanation, validation.

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::ticket::{SupportLevel, TicketType};

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn facts(priority: Priority) -> PolicyFacts {
    PolicyFacts {
        priority,
        kind: TicketType::Incident,
        category_path: vec![],
        service: None,
        department: None,
        vip: false,
    }
}

fn defaults() -> Vec<Policy> {
    default_policies(1, 2)
        .into_iter()
        .enumerate()
        .map(|(i, definition)| Policy {
            id: i as i64 + 1,
            active: true,
            definition,
        })
        .collect()
}

fn policy(id: i64, name: &str, conditions: Conditions) -> Policy {
    Policy {
        id,
        active: true,
        definition: PolicyDefinition {
            name: name.into(),
            conditions,
            calendar_id: 1,
            targets: Targets {
                first_response: Some(BusinessDuration::minutes(30)),
                resolution: Some(BusinessDuration::minutes(240)),
                update_interval: None,
            },
            warn_percent: DEFAULT_WARN_PERCENT,
            on_warning: vec![],
            on_breach: vec![],
        },
    }
}

#[test]
fn defaults_are_valid_and_chosen_by_priority() {
    for mut d in default_policies(1, 2) {
        d.validate().expect("default policies validate");
    }
    let policies = defaults();
    for (p, name) in [
        (Priority::Critical, "Critical"),
        (Priority::Medium, "Medium"),
        (Priority::Informational, "Informational"),
    ] {
        let c = choose_policy(&policies, &facts(p)).expect("a default matches");
        assert_eq!(c.name, name);
        assert_eq!(c.matched, vec![format!("priority is {p}")]);
        assert_eq!(c.skipped.len() as i64, c.policy_id - 1);
    }
    let c = choose_policy(&policies, &facts(Priority::Low)).unwrap();
    assert_eq!(
        c.skipped[0].reason,
        "priority is low, the policy is for critical"
    );
    let critical = &policies[0].definition;
    assert_eq!(critical.targets.first_response.unwrap().as_seconds(), 900);
    assert_eq!(critical.calendar_id, 1, "critical runs 24x7");
    let info = &policies[4].definition;
    assert_eq!(
        info.targets.resolution.unwrap().as_seconds(),
        20 * 8 * 3600,
        "20 business days of 8 hours"
    );
    assert_eq!(info.calendar_id, 2, "informational runs on office hours");
}

#[test]
fn every_condition_must_match_and_the_order_decides() {
    let vip_network = policy(
        10,
        "VIP network",
        Conditions {
            vip: Some(true),
            category_ids: vec![3],
            services: vec!["VPN".into()],
            ..Default::default()
        },
    );
    let finance = policy(
        11,
        "Finance requests",
        Conditions {
            department_ids: vec![7],
            kind: vec![TicketType::ServiceRequest],
            ..Default::default()
        },
    );
    let catch_all = policy(12, "Everything else", Conditions::default());
    let mut inactive = policy(9, "Retired", Conditions::default());
    inactive.active = false;
    let policies = vec![inactive, vip_network, finance, catch_all];

    let mut f = facts(Priority::High);
    f.vip = true;
    f.category_path = vec![31, 3];
    f.service = Some(" vpn ".into());
    let c = choose_policy(&policies, &f).unwrap();
    assert_eq!(c.policy_id, 10);
    assert_eq!(
        c.matched,
        vec![
            "category 31 is under category 3",
            "service is VPN",
            "the requester is a VIP"
        ]
    );
    assert_eq!(c.skipped[0].reason, "the policy is inactive");

    f.vip = false;
    f.department = Some(7);
    f.kind = TicketType::ServiceRequest;
    let c = choose_policy(&policies, &f).unwrap();
    assert_eq!(c.policy_id, 11);
    assert_eq!(c.skipped[1].reason, "the requester is not a VIP");

    f.department = None;
    let c = choose_policy(&policies, &f).unwrap();
    assert_eq!(c.policy_id, 12);
    assert_eq!(
        c.skipped[2].reason,
        "the requester has no department, the policy is for departments 7"
    );
    assert_eq!(c.matched, vec!["no conditions: applies to every ticket"]);

    let none = choose_policy(&policies[..3], &f).unwrap_err();
    assert_eq!(none.skipped.len(), 3);
}

#[test]
fn ola_targets_prefer_the_group_over_the_level() {
    let ola = |id: i64, level: i64, group: Option<i64>| OlaTarget {
        id,
        active: true,
        definition: OlaDefinition {
            name: format!("ola {id}"),
            level: SupportLevel::new(level).unwrap(),
            group_id: group,
            calendar_id: 1,
            target: BusinessDuration::minutes(60),
            warn_percent: 75,
            on_warning: vec![],
            on_breach: vec![],
        },
    };
    let targets = vec![ola(1, 2, None), ola(2, 2, Some(5)), ola(3, 1, None)];
    let l2 = SupportLevel::new(2).unwrap();
    assert_eq!(choose_ola(&targets, l2, Some(5)).unwrap().policy_id, 2);
    let c = choose_ola(&targets, l2, Some(6)).unwrap();
    assert_eq!(c.policy_id, 1);
    assert_eq!(
        c.skipped[0].reason,
        "it is for group 5, the ticket is in group 6"
    );
    assert!(choose_ola(&targets, SupportLevel::new(3).unwrap(), None).is_err());
}

#[test]
fn a_24x7_clock_pauses_and_stops() {
    let cal = default_calendars().0;
    let t0 = utc("2026-03-02T10:00:00Z");
    let mut c = Clock::start(ClockKind::Resolution, 4 * 3600, 75, &cal, t0);
    assert_eq!(c.due_at, Some(utc("2026-03-02T14:00:00Z")));
    assert_eq!(c.warn_at, Some(utc("2026-03-02T13:00:00Z")));
    assert!(!c.warning_due(utc("2026-03-02T12:59:59Z")));
    assert!(c.warning_due(utc("2026-03-02T13:00:00Z")));

    // Pending for 90 minutes after one hour of work.
    assert!(c.pause(&cal, t0 + Duration::hours(1)));
    assert_eq!(c.consumed_seconds, 3600);
    assert_eq!(
        (c.due_at, c.warn_at),
        (None, None),
        "nothing fires while paused"
    );
    let v = c.view(&cal, t0 + Duration::hours(2));
    assert_eq!(v.state, ClockState::Paused);
    assert!(v.paused);
    assert_eq!(v.remaining_seconds, 3 * 3600);
    assert!(
        !c.pause(&cal, t0 + Duration::hours(2)),
        "pausing twice is a no-op"
    );

    assert!(c.resume(&cal, utc("2026-03-02T12:30:00Z")));
    assert_eq!(
        c.due_at,
        Some(utc("2026-03-02T15:30:00Z")),
        "shifted by the pause"
    );
    assert_eq!(c.warn_at, Some(utc("2026-03-02T14:30:00Z")));

    assert_eq!(
        c.stop(&cal, utc("2026-03-02T15:30:00Z")),
        Some(Outcome::Met),
        "stopped exactly at the deadline is met"
    );
    assert_eq!(
        c.view(&cal, utc("2026-03-03T00:00:00Z")).state,
        ClockState::Met
    );
    assert_eq!(c.stop(&cal, utc("2026-03-02T16:00:00Z")), None);
}

#[test]
fn a_late_stop_is_a_breach_and_a_fired_breach_sticks() {
    let cal = default_calendars().0;
    let t0 = utc("2026-03-02T10:00:00Z");
    let mut c = Clock::start(ClockKind::Response, 900, 75, &cal, t0);
    assert!(
        !c.breach_due(utc("2026-03-02T10:15:00Z")),
        "due is not past due"
    );
    assert!(c.breach_due(utc("2026-03-02T10:15:01Z")));
    let v = c.view(&cal, utc("2026-03-02T10:20:00Z"));
    assert_eq!(
        (v.state, v.breached, v.warned),
        (ClockState::Breached, true, true)
    );
    assert_eq!(v.remaining_seconds, -300);
    assert_eq!(
        c.stop(&cal, utc("2026-03-02T10:16:00Z")),
        Some(Outcome::Breached)
    );

    let mut d = Clock::start(ClockKind::Response, 900, 75, &cal, t0);
    d.breached_at = Some(utc("2026-03-02T10:15:00.5Z"));
    assert_eq!(
        d.stop(&cal, utc("2026-03-02T10:15:00.7Z")),
        Some(Outcome::Breached),
        "the second counts as met, but the breach already fired"
    );
}

#[test]
fn an_office_clock_skips_nights_and_week_ends() {
    let cal = default_calendars().1;
    // Friday 16:00: one office hour left that day, three more on Monday.
    let fri = utc("2026-03-06T16:00:00Z");
    let mut c = Clock::start(ClockKind::Resolution, 4 * 3600, 75, &cal, fri);
    assert_eq!(c.due_at, Some(utc("2026-03-09T12:00:00Z")));
    assert_eq!(c.warn_at, Some(utc("2026-03-09T11:00:00Z")));
    // Pending from Friday 16:30 to Monday 10:00: 30 minutes counted.
    c.pause(&cal, utc("2026-03-06T16:30:00Z"));
    c.resume(&cal, utc("2026-03-09T10:00:00Z"));
    assert_eq!(c.consumed_seconds, 1800);
    assert_eq!(c.due_at, Some(utc("2026-03-09T13:30:00Z")));

    let e = explain(&c, &cal, utc("2026-03-09T11:00:00Z"));
    assert_eq!(e.counted.len(), 2);
    assert_eq!(e.counted[0].business_seconds, 1800);
    assert_eq!(e.counted[1].business_seconds, 3600);
    assert!(e.counted[1].running);
    assert_eq!(
        e.counted[1].working_intervals,
        vec![Interval {
            from: utc("2026-03-09T10:00:00Z"),
            to: utc("2026-03-09T11:00:00Z")
        }]
    );
    assert_eq!(e.not_counted.len(), 1);
    assert_eq!(e.not_counted[0].reason, SegmentEnd::Paused);
    assert_eq!(e.elapsed_seconds, 5400);
    assert_eq!(e.remaining_seconds, 4 * 3600 - 5400);
    assert!(e.summary.contains("paused 1 time"), "{}", e.summary);
    assert!(
        e.summary.contains("Due 2026-03-09 13:30:00 UTC"),
        "{}",
        e.summary
    );
    // The same computation, typed, for readers in other languages.
    assert_eq!(
        e.steps,
        vec![
            Step::Target {
                clock: ClockKind::Resolution,
                target_seconds: 4 * 3600,
                warn_percent: 75,
                warn_after_seconds: 3 * 3600,
            },
            Step::Calendar {
                always_open: false,
                time_zone: "UTC".into(),
            },
            Step::Started { at: fri },
            Step::Counted {
                seconds: 5400,
                intervals: 2,
            },
            Step::Paused { times: 1 },
            Step::Due {
                at: utc("2026-03-09T13:30:00Z"),
                left_seconds: 4 * 3600 - 1800,
            },
        ]
    );
    let json = serde_json::to_value(&e.steps[4]).unwrap();
    assert_eq!(json, serde_json::json!({"step": "paused", "times": 1}));
    assert_eq!(e.steps[4].to_string(), "Paused 1 time while pending.");
}

#[test]
fn recomputing_replays_the_stretches_on_the_new_policy() {
    let (always, office) = default_calendars();
    // Opened Monday 08:00 as medium on the office calendar (8 h target).
    let t0 = utc("2026-03-02T08:00:00Z");
    let mut c = Clock::start(ClockKind::Resolution, 8 * 3600, 75, &office, t0);
    assert_eq!(c.due_at, Some(utc("2026-03-02T17:00:00Z")));
    c.pause(&office, utc("2026-03-02T10:00:00Z"));
    c.resume(&office, utc("2026-03-02T11:00:00Z"));
    // Raised to critical at 12:00: 4 h on 24x7, as if it had applied from the start.
    assert!(c.recompute(4 * 3600, 75, &always));
    assert_eq!(c.consumed_seconds, 2 * 3600, "08:00-10:00 counts on 24x7");
    assert_eq!(c.due_at, Some(utc("2026-03-02T13:00:00Z")));
    assert_eq!(c.warn_at, Some(utc("2026-03-02T12:00:00Z")));
    assert!(c.warning_due(utc("2026-03-02T12:00:00Z")));

    c.stop(&always, utc("2026-03-02T12:30:00Z"));
    assert!(
        !c.recompute(60, 75, &always),
        "a stopped clock keeps its history"
    );
}

#[test]
fn a_reopened_clock_continues_where_it_stopped() {
    let cal = default_calendars().0;
    let t0 = utc("2026-03-02T10:00:00Z");
    let mut c = Clock::start(ClockKind::Resolution, 3600, 75, &cal, t0);
    c.stop(&cal, utc("2026-03-02T10:20:00Z"));
    assert!(
        !c.resume(&cal, utc("2026-03-02T11:00:00Z")),
        "resume is for paused clocks"
    );
    assert!(c.restart(&cal, utc("2026-03-02T12:00:00Z")));
    assert_eq!(c.outcome, None);
    assert_eq!(c.due_at, Some(utc("2026-03-02T12:40:00Z")));
    let e = explain(&c, &cal, utc("2026-03-02T12:10:00Z"));
    assert_eq!(e.not_counted[0].reason, SegmentEnd::Stopped);
    assert!(e.summary.contains("reopening"), "{}", e.summary);
}

#[test]
fn warning_thresholds_round_up_to_the_second() {
    assert_eq!(
        warn_seconds(60, 1),
        1,
        "a 1-minute target at 1 % warns after 1 s"
    );
    assert_eq!(warn_seconds(4 * 3600, 75), 3 * 3600);
    assert_eq!(warn_seconds(100, 100), 100);
    let cal = default_calendars().0;
    let t0 = utc("2026-03-02T10:00:00Z");
    let c = Clock::start(ClockKind::Response, 60, 1, &cal, t0);
    assert_eq!(c.warn_at, Some(t0 + Duration::seconds(1)));
}

#[test]
fn policies_are_validated_field_by_field() {
    let parse = |json: &str| serde_json::from_str::<PolicyDefinition>(json);
    let mut ok = parse(
        r#"{"name": " Gold ", "calendar_id": 1, "conditions": {"vip": true, "services": [" VPN "]},
            "targets": {"first_response_minutes": 0.5, "resolution_minutes": 60},
            "on_breach": ["notify", "notify", "raise_priority"]}"#,
    )
    .unwrap();
    ok.validate().unwrap();
    assert_eq!(ok.name, "Gold");
    assert_eq!(ok.warn_percent, 75);
    assert_eq!(ok.conditions.services, vec!["VPN"]);
    assert_eq!(
        ok.on_breach,
        vec![SlaAction::Notify, SlaAction::RaisePriority]
    );
    assert_eq!(ok.targets.first_response.unwrap().as_seconds(), 30);
    let back = serde_json::to_value(&ok).unwrap();
    assert_eq!(back["targets"]["first_response_minutes"], 0.5);
    assert_eq!(back["targets"]["resolution_minutes"], 60);

    let field = |json: &str| match parse(json).map(|mut p| p.validate()) {
        Ok(Err(crate::DomainError::Invalid(f))) => (f.field, f.code),
        other => panic!("{json}: {other:?}"),
    };
    assert_eq!(
        field(r#"{"name": "x", "calendar_id": 1, "targets": {"resolution_minutes": -5}}"#),
        ("targets.resolution_minutes".into(), "out_of_range")
    );
    assert_eq!(
        field(r#"{"name": "x", "calendar_id": 1, "targets": {}}"#),
        ("targets".into(), "required")
    );
    assert_eq!(
        field(
            r#"{"name": "x", "calendar_id": 1, "warn_percent": 0, "targets": {"resolution_minutes": 5}}"#
        ),
        ("warn_percent".into(), "out_of_range")
    );
    assert_eq!(
        field(r#"{"name": " ", "calendar_id": 1, "targets": {"resolution_minutes": 5}}"#),
        ("name".into(), "required")
    );
    for bad in [
        r#"{"name": "x", "calendar_id": 1, "targets": {"resolution_minutes": 0.001}}"#,
        r#"{"name": "x", "calendar_id": 1, "targets": {"resolution": 5}}"#,
        r#"{"name": "x", "calendar_id": 1, "targets": {"resolution_minutes": 5}, "on_breach": ["shout"]}"#,
        r#"{"name": "x", "calendar_id": 1, "targets": {"resolution_minutes": 5}, "conditions": {"priority": ["urgent"]}}"#,
    ] {
        assert!(parse(bad).is_err(), "{bad} is refused when read");
    }
}

#[test]
fn durations_read_well_and_priorities_rise_one_step() {
    assert_eq!(human_duration(4 * 3600), "4 h");
    assert_eq!(human_duration(2 * 3600 + 600), "2 h 10 min");
    assert_eq!(human_duration(45 * 60), "45 min");
    assert_eq!(human_duration(-30), "-30 s");
    assert_eq!(raised(Priority::Low), Some(Priority::Medium));
    assert_eq!(raised(Priority::High), Some(Priority::Critical));
    assert_eq!(raised(Priority::Critical), None);
}

fn pin(policy_id: i64, name: &str) -> Pin {
    Pin {
        policy_id,
        policy_name: name.into(),
        by: PinnedBy::Rule {
            rule_id: Some(9),
            name: "VIP printers".into(),
        },
        at: utc("2026-03-02T08:00:00Z"),
    }
}

#[test]
fn a_pinned_policy_wins_over_conditions_while_it_exists_and_is_active() {
    let mut policies = defaults();
    let f = facts(Priority::Low);
    // Pinned to Critical although the ticket is low: the pin decides, no condition is checked.
    let c = choose_policy_pinned(&policies, &f, Some(&pin(1, "Critical"))).unwrap();
    assert_eq!((c.policy_id, c.name.as_str()), (1, "Critical"));
    assert!(c.matched.is_empty() && c.reasons.is_empty() && c.skipped.is_empty());
    assert_eq!(
        c.pinned,
        Some(PinnedBy::Rule {
            rule_id: Some(9),
            name: "VIP printers".into()
        })
    );
    assert_eq!(c.pin_lapsed, None);
    let steps = Step::of_choice(&c);
    assert_eq!(
        steps[0].to_string(),
        "Policy Critical pinned by rule 'VIP printers'."
    );

    // Without a pin the conditions decide, as before.
    let c = choose_policy_pinned(&policies, &f, None).unwrap();
    assert_eq!(c.name, "Low");
    assert_eq!(c.pinned, None);

    // The pinned policy made inactive: chosen by conditions, and the lapse is said.
    policies[0].active = false;
    let c = choose_policy_pinned(&policies, &f, Some(&pin(1, "Critical"))).unwrap();
    assert_eq!(c.name, "Low");
    assert_eq!(c.pinned, None);
    let lapsed = c.pin_lapsed.clone().expect("the lapse is kept");
    assert_eq!((lapsed.policy_id, lapsed.lapse), (1, PinLapse::Inactive));
    assert_eq!(
        Step::of_choice(&c)[0].to_string(),
        "Policy Critical pinned by rule 'VIP printers' is inactive: chosen by conditions instead."
    );

    // Deleted: the same, with its name as it was pinned.
    let c = choose_policy_pinned(&policies, &f, Some(&pin(77, "Gold"))).unwrap();
    let lapsed = c.pin_lapsed.expect("the lapse is kept");
    assert_eq!(
        (lapsed.name.as_str(), lapsed.lapse),
        ("Gold", PinLapse::Deleted)
    );
    assert_eq!(c.name, "Low");

    // A lapsed pin with no policy matching either is still reported.
    let none = choose_policy_pinned(&policies[..1], &f, Some(&pin(77, "Gold"))).unwrap_err();
    assert_eq!(none.pin_lapsed.map(|p| p.lapse), Some(PinLapse::Deleted));
}

#[test]
fn reasons_are_typed_and_read_as_the_english_sentences() {
    let policies = defaults();
    let c = choose_policy(&policies, &facts(Priority::Medium)).unwrap();
    assert_eq!(
        c.reasons,
        vec![Reason::PriorityIs {
            priority: Priority::Medium
        }]
    );
    assert_eq!(
        c.skipped[1].why,
        Some(Reason::PriorityNotIn {
            priority: Priority::Medium,
            wanted: vec![Priority::High]
        })
    );
    let json = serde_json::to_value(&c.skipped[1].why).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"kind": "priority_not_in", "priority": "medium", "wanted": ["high"]})
    );
    // A choice stored before reasons were typed still reads.
    let old: Choice = serde_json::from_value(serde_json::json!({
        "policy_id": 3, "name": "Medium", "matched": ["priority is medium"],
        "skipped": [{"policy_id": 1, "name": "Critical", "reason": "priority is medium, the policy is for critical"}]
    }))
    .unwrap();
    assert!(old.reasons.is_empty() && old.skipped[0].why.is_none() && old.pinned.is_none());
    // A pinned choice survives the round trip through its stored JSON.
    let pinned =
        choose_policy_pinned(&policies, &facts(Priority::Low), Some(&pin(2, "High"))).unwrap();
    let back: Choice = serde_json::from_value(serde_json::to_value(&pinned).unwrap()).unwrap();
    assert_eq!(back, pinned);
}
