//! The explanation of a deadline in the reader's words: each typed step of the domain
//! (`escalade_core::sla::Step`: the policy and why, pinned or chosen, the target, the calendar,
//! what was counted, the pauses, the deadline, the recomputations) and each reason of a policy
//! choice (`Reason`) through a Fluent message, with instants in the reader's time zone and
//! durations, priorities and types in their words. The API keeps the English sentences.

use escalade_core::sla::{PinLapse, PinnedBy, Reason, Step};

use super::duration;
use crate::ui::i18n::Tr;

fn ids(v: &[i64]) -> String {
    v.iter()
        .map(|id| format!("#{id}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn words<T: AsRef<str>>(tr: &Tr, prefix: &str, v: &[T]) -> String {
    v.iter()
        .map(|w| tr.word(prefix, w.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `[("by", "rule"), ("name", ...)]` for messages that say who pinned a policy.
fn by_args(by: &PinnedBy) -> [(&'static str, String); 2] {
    match by {
        PinnedBy::Rule { name, .. } => [("by", "rule".into()), ("name", name.clone())],
        PinnedBy::Person { name, .. } => [("by", "person".into()), ("name", name.clone())],
    }
}

/// "pinned by the rule “Payroll is gold”", for the clocks panel.
pub fn pinned_by(tr: &Tr, by: &PinnedBy) -> String {
    tr.args("sla-pinned-by", &by_args(by))
}

/// One reason of a policy choice, in the reader's words.
pub fn reason(tr: &Tr, r: &Reason) -> String {
    let priority = |p: &escalade_core::ticket::Priority| tr.word("priority", p.as_str());
    let kind = |t: &escalade_core::ticket::TicketType| tr.word("type", t.as_str());
    match r {
        Reason::NoConditions => tr.get("sla-reason-no-conditions"),
        Reason::Inactive => tr.get("sla-reason-inactive"),
        Reason::TargetInactive => tr.get("sla-reason-target-inactive"),
        Reason::PriorityIs { priority: p } => {
            tr.arg("sla-reason-priority-is", "priority", priority(p))
        }
        Reason::PriorityNotIn {
            priority: p,
            wanted,
        } => tr.args(
            "sla-reason-priority-not-in",
            &[
                ("priority", priority(p)),
                (
                    "wanted",
                    wanted.iter().map(priority).collect::<Vec<_>>().join(", "),
                ),
            ],
        ),
        Reason::TypeIs { kind: t } => tr.arg("sla-reason-type-is", "type", kind(t)),
        Reason::TypeNotIn { kind: t, wanted } => tr.args(
            "sla-reason-type-not-in",
            &[
                ("type", kind(t)),
                (
                    "wanted",
                    wanted.iter().map(kind).collect::<Vec<_>>().join(", "),
                ),
            ],
        ),
        Reason::CategoryIs { category } => tr.arg("sla-reason-category-is", "category", category),
        Reason::CategoryUnder { category, ancestor } => tr.args(
            "sla-reason-category-under",
            &[
                ("category", category.to_string()),
                ("ancestor", ancestor.to_string()),
            ],
        ),
        Reason::CategoryNotIn { category, wanted } => tr.args(
            "sla-reason-category-not-in",
            &[("category", category.to_string()), ("wanted", ids(wanted))],
        ),
        Reason::NoCategory { wanted } => tr.arg("sla-reason-no-category", "wanted", ids(wanted)),
        Reason::ServiceIs { service } => tr.arg("sla-reason-service-is", "service", service),
        Reason::ServiceNotIn { service, wanted } => tr.args(
            "sla-reason-service-not-in",
            &[("service", service.clone()), ("wanted", wanted.join(", "))],
        ),
        Reason::NoService { wanted } => {
            tr.arg("sla-reason-no-service", "wanted", wanted.join(", "))
        }
        Reason::DepartmentIs { department } => {
            tr.arg("sla-reason-department-is", "department", department)
        }
        Reason::DepartmentNotIn { department, wanted } => tr.args(
            "sla-reason-department-not-in",
            &[
                ("department", department.to_string()),
                ("wanted", ids(wanted)),
            ],
        ),
        Reason::NoDepartment { wanted } => {
            tr.arg("sla-reason-no-department", "wanted", ids(wanted))
        }
        Reason::Vip => tr.get("sla-reason-vip"),
        Reason::NotVip => tr.get("sla-reason-not-vip"),
        Reason::VipExcluded => tr.get("sla-reason-vip-excluded"),
        Reason::AtLevel { level } => tr.arg("sla-reason-at-level", "level", level),
        Reason::InGroup { group } => tr.arg("sla-reason-in-group", "group", group),
        Reason::EveryGroup => tr.get("sla-reason-every-group"),
        Reason::OtherLevel { wanted, level } => tr.args(
            "sla-reason-other-level",
            &[("wanted", wanted.to_string()), ("level", level.to_string())],
        ),
        Reason::OtherGroup {
            wanted,
            group: Some(g),
        } => tr.args(
            "sla-reason-other-group",
            &[("wanted", wanted.to_string()), ("group", g.to_string())],
        ),
        Reason::OtherGroup {
            wanted,
            group: None,
        } => tr.arg("sla-reason-other-group-none", "wanted", wanted),
    }
}

/// One step of a deadline's computation, in the reader's words and time zone.
pub fn step(tr: &Tr, s: &Step) -> String {
    let at = |d: &chrono::DateTime<chrono::Utc>| tr.datetime(d);
    let due = |d: &Option<chrono::DateTime<chrono::Utc>>| {
        d.as_ref().map_or_else(|| tr.get("sla-step-none"), at)
    };
    match s {
        Step::PolicyChosen {
            policy, reasons, ..
        } => {
            let why: Vec<String> = reasons.iter().map(|r| reason(tr, r)).collect();
            tr.args(
                "sla-step-policy-chosen",
                &[("policy", policy.clone()), ("reasons", why.join("; "))],
            )
        }
        Step::PolicyPinned { policy, pinned_by } => {
            let [by, name] = by_args(pinned_by);
            tr.args(
                "sla-step-policy-pinned",
                &[("policy", policy.clone()), by, name],
            )
        }
        Step::PinLapsed { pin } => {
            let [by, name] = by_args(&pin.by);
            let lapse = match pin.lapse {
                PinLapse::Deleted => "deleted",
                PinLapse::Inactive => "inactive",
            };
            tr.args(
                "sla-step-pin-lapsed",
                &[
                    ("policy", pin.name.clone()),
                    by,
                    name,
                    ("lapse", lapse.into()),
                ],
            )
        }
        Step::Target {
            clock,
            target_seconds,
            warn_percent,
            warn_after_seconds,
        } => tr.args(
            "sla-step-target",
            &[
                ("target", duration(tr, *target_seconds)),
                ("clock", clock.as_str().into()),
                ("percent", warn_percent.to_string()),
                ("warn", duration(tr, *warn_after_seconds)),
            ],
        ),
        Step::Calendar {
            always_open: true, ..
        } => tr.get("sla-step-calendar-always"),
        Step::Calendar { time_zone, .. } => tr.arg("sla-step-calendar-hours", "zone", time_zone),
        Step::Started { at: t } => tr.arg("sla-step-started", "at", at(t)),
        Step::Counted { seconds, intervals } => with_count(
            tr,
            "sla-step-counted",
            *intervals,
            &[("time", duration(tr, *seconds))],
        ),
        Step::Paused { times } => with_count(tr, "sla-step-paused", *times, &[]),
        Step::NotCountedWhileResolved { reopenings } => {
            with_count(tr, "sla-step-reopened", *reopenings, &[])
        }
        Step::Met { at: t } => tr.arg("sla-step-met", "at", at(t)),
        Step::StoppedLate {
            at: t,
            over_seconds,
        } => tr.args(
            "sla-step-stopped-late",
            &[("at", at(t)), ("time", duration(tr, *over_seconds))],
        ),
        Step::PausedNow { left_seconds } => {
            tr.arg("sla-step-paused-now", "time", duration(tr, *left_seconds))
        }
        Step::Due {
            at: t,
            left_seconds,
        } => tr.args(
            "sla-step-due",
            &[("at", at(t)), ("time", duration(tr, *left_seconds))],
        ),
        Step::NoDeadline => tr.get("sla-step-no-deadline"),
        Step::BreachRecorded { at: t } => tr.arg("sla-step-breach-recorded", "at", at(t)),
        Step::Recomputed {
            at: t,
            changed,
            from_policy,
            to_policy,
            due_before,
            due_after,
        } => tr.args(
            "sla-step-recomputed",
            &[
                ("at", at(t)),
                ("changed", words(tr, "sla-changed", changed)),
                ("from", from_policy.clone()),
                ("to", to_policy.clone()),
                ("before", due(due_before)),
                ("after", due(due_after)),
            ],
        ),
    }
}

/// A recomputation of the policy from the journal (`data.sla` of the note) in the reader's
/// words: what caused it, the policies, and each clock's deadline before and after. `None` for
/// other events, and for recomputations after a calendar or policy edit, whose journal text
/// is shown as written.
pub fn recomputed_event(tr: &Tr, data: &serde_json::Value) -> Option<String> {
    if data["event"] != "recomputed" {
        return None;
    }
    let changed: Vec<String> = data["changed"]
        .as_array()?
        .iter()
        .filter_map(|c| c.as_str().map(str::to_string))
        .collect();
    let due = |v: &serde_json::Value| {
        serde_json::from_value::<chrono::DateTime<chrono::Utc>>(v.clone())
            .map_or_else(|_| tr.get("sla-step-none"), |d| tr.datetime(&d))
    };
    let mut text = tr.args(
        "sla-event-recomputed-body",
        &[
            ("changed", words(tr, "sla-changed", &changed)),
            ("from", data["from_policy"]["name"].as_str()?.to_string()),
            ("to", data["to_policy"]["name"].as_str()?.to_string()),
        ],
    );
    for k in data["clocks"].as_array().into_iter().flatten() {
        text.push(' ');
        text.push_str(&tr.args(
            "sla-event-recomputed-clock",
            &[
                (
                    "clock",
                    tr.word("sla-clock", k["kind"].as_str().unwrap_or("resolution")),
                ),
                ("before", due(&k["due_before"])),
                ("after", due(&k["due_after"])),
            ],
        ));
    }
    Some(text)
}

/// A message with a plural count (`$count`, a number so that plural forms apply) and other
/// text arguments.
fn with_count(tr: &Tr, key: &str, count: usize, args: &[(&str, String)]) -> String {
    tr.count_with(key, count as i64, args)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use escalade_core::people::Language;
    use escalade_core::sla::{ClockKind, LapsedPin};
    use escalade_core::ticket::Priority;

    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn every_step_and_reason_reads_in_every_language_and_zone() {
        let by = PinnedBy::Rule {
            rule_id: Some(1),
            name: "VIP".into(),
        };
        let t = at("2026-03-09T13:30:00Z");
        let steps = [
            Step::PolicyChosen {
                policy: "Medium".into(),
                reasons: vec![Reason::PriorityIs {
                    priority: Priority::Medium,
                }],
                passed_over: 2,
            },
            Step::PolicyPinned {
                policy: "Gold".into(),
                pinned_by: by.clone(),
            },
            Step::PinLapsed {
                pin: LapsedPin {
                    policy_id: 3,
                    name: "Gold".into(),
                    by: PinnedBy::Person {
                        user_id: 2,
                        name: "Ada".into(),
                    },
                    lapse: PinLapse::Deleted,
                },
            },
            Step::Target {
                clock: ClockKind::Response,
                target_seconds: 900,
                warn_percent: 75,
                warn_after_seconds: 675,
            },
            Step::Calendar {
                always_open: false,
                time_zone: "Europe/Paris".into(),
            },
            Step::Calendar {
                always_open: true,
                time_zone: "UTC".into(),
            },
            Step::Started { at: t },
            Step::Counted {
                seconds: 5400,
                intervals: 2,
            },
            Step::Paused { times: 3 },
            Step::NotCountedWhileResolved { reopenings: 1 },
            Step::Met { at: t },
            Step::StoppedLate {
                at: t,
                over_seconds: 60,
            },
            Step::PausedNow { left_seconds: 60 },
            Step::Due {
                at: t,
                left_seconds: 60,
            },
            Step::NoDeadline,
            Step::BreachRecorded { at: t },
            Step::Recomputed {
                at: t,
                changed: vec!["priority".into(), "sla_policy".into()],
                from_policy: "Medium".into(),
                to_policy: "Gold".into(),
                due_before: None,
                due_after: Some(t),
            },
        ];
        for lang in Language::ALL {
            let tr = Tr::new(*lang, chrono_tz::Europe::Paris);
            for s in &steps {
                let text = step(&tr, s);
                assert!(
                    !text.is_empty() && !text.contains("sla-") && !text.contains('{'),
                    "{lang:?} {s:?}: {text}"
                );
            }
            // Instants in the reader's zone: 13:30 UTC is 14:30 in Paris in March.
            assert!(step(&tr, &steps[6]).contains("2026-03-09 14:30"));
        }
        let fr = Tr::new(Language::Fr, chrono_tz::Tz::UTC);
        assert_eq!(
            step(&fr, &steps[8]),
            "Mise en pause 3 fois pendant que le ticket était en attente."
        );
        assert_eq!(pinned_by(&fr, &by), "épinglée par la règle « VIP »");
    }
}
