//! How a deadline was computed, in terms a team lead can follow: the target and threshold, the
//! stretches the clock ran with the working intervals its calendar counted inside each, the
//! pauses, and the resulting elapsed time, deadline and state, summed up in one sentence.
//!
//! The same computation is also given as typed [`Step`]s (a kind and its arguments: the policy
//! and why, the target, the calendar, what was counted, the pauses, the deadline), so that the
//! web UI says it in the reader's language and time zone; the sentence is the English for the
//! API.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::choice::{Choice, LapsedPin, PinnedBy, Reason};
use super::clock::{Clock, ClockKind, ClockState, Outcome, SegmentEnd, warn_seconds};
use crate::calendar::Calendar;

/// The most working intervals one explanation lists; a clock that ran for months on an office
/// calendar would otherwise list hundreds of days.
pub const MAX_LISTED_INTERVALS: usize = 400;

/// A working interval the calendar counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    /// Start, included.
    pub from: DateTime<Utc>,
    /// End, excluded.
    pub to: DateTime<Utc>,
}

/// One stretch of real time during which the clock ran, with what counted inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountedStretch {
    /// Started or resumed.
    pub from: DateTime<Utc>,
    /// Paused or stopped; "now" while it runs.
    pub to: DateTime<Utc>,
    /// Whether it still runs.
    pub running: bool,
    /// Business seconds counted in it.
    pub business_seconds: i64,
    /// The working intervals inside it (at most [`MAX_LISTED_INTERVALS`] over the whole
    /// explanation).
    pub working_intervals: Vec<Interval>,
    /// How many working intervals were left out of the list to keep it short.
    pub intervals_not_listed: usize,
}

/// A span of real time during which the clock did not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Gap {
    /// `paused` (the ticket was pending) or `stopped` (resolved, then reopened).
    pub reason: SegmentEnd,
    /// From.
    pub from: DateTime<Utc>,
    /// Until; `None` while it lasts.
    pub to: Option<DateTime<Utc>>,
}

/// How one clock's deadline was computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClockExplanation {
    /// What it measures.
    pub kind: ClockKind,
    /// The target in business seconds.
    pub target_seconds: i64,
    /// The warning threshold, in percent of the target.
    pub warn_percent: i64,
    /// The threshold in business seconds.
    pub warn_after_seconds: i64,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The stretches it ran and what counted in them.
    pub counted: Vec<CountedStretch>,
    /// The spans it did not count.
    pub not_counted: Vec<Gap>,
    /// Business seconds consumed up to now.
    pub elapsed_seconds: i64,
    /// Business seconds left (negative past the target).
    pub remaining_seconds: i64,
    /// The deadline, while it runs.
    pub due_at: Option<DateTime<Utc>>,
    /// The warning instant, while it runs.
    pub warn_at: Option<DateTime<Utc>>,
    /// When the warning fired.
    pub warned_at: Option<DateTime<Utc>>,
    /// When the breach fired.
    pub breached_at: Option<DateTime<Utc>>,
    /// When it stopped.
    pub stopped_at: Option<DateTime<Utc>>,
    /// How it ended.
    pub outcome: Option<Outcome>,
    /// Where it stands.
    pub state: ClockState,
    /// The computation in one sentence (English).
    pub summary: String,
    /// The computation, step by step, typed.
    pub steps: Vec<Step>,
}

/// One step of how a deadline was computed: its kind (`step`) and typed arguments. Durations
/// are business seconds, instants UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// The policy (or OLA target) was chosen by its conditions.
    PolicyChosen {
        /// Its name.
        policy: String,
        /// The conditions that matched.
        reasons: Vec<Reason>,
        /// How many earlier policies were passed over.
        passed_over: usize,
    },
    /// The policy was pinned on the ticket, by a rule or a person.
    PolicyPinned {
        /// Its name.
        policy: String,
        /// Who pinned it.
        pinned_by: PinnedBy,
    },
    /// A pinned policy no longer holds; the policy was chosen by conditions instead.
    PinLapsed {
        /// The pin.
        pin: LapsedPin,
    },
    /// The target and the warning threshold.
    Target {
        /// What the clock measures.
        clock: ClockKind,
        /// The target.
        target_seconds: i64,
        /// The threshold, in percent.
        warn_percent: i64,
        /// The threshold.
        warn_after_seconds: i64,
    },
    /// The calendar the target counts on.
    Calendar {
        /// Every hour counts.
        always_open: bool,
        /// Its time zone.
        time_zone: String,
    },
    /// When the clock started.
    Started {
        /// The instant.
        at: DateTime<Utc>,
    },
    /// The business time counted so far, in how many working intervals.
    Counted {
        /// Business seconds.
        seconds: i64,
        /// Working intervals.
        intervals: usize,
    },
    /// The clock paused while the ticket was pending.
    Paused {
        /// How many times.
        times: usize,
    },
    /// Time resolved before a reopening did not count.
    NotCountedWhileResolved {
        /// How many reopenings.
        reopenings: usize,
    },
    /// Stopped within the target.
    Met {
        /// When.
        at: DateTime<Utc>,
    },
    /// Stopped after the target.
    StoppedLate {
        /// When.
        at: DateTime<Utc>,
        /// By how much the target was missed.
        over_seconds: i64,
    },
    /// Paused now: the deadline is set again when the ticket is no longer pending.
    PausedNow {
        /// Business time left.
        left_seconds: i64,
    },
    /// The deadline: the running stretch's start plus the time left.
    Due {
        /// The deadline.
        at: DateTime<Utc>,
        /// Business time left at the start of the running stretch.
        left_seconds: i64,
    },
    /// The calendar has no working time ahead.
    NoDeadline,
    /// When the breach was recorded.
    BreachRecorded {
        /// The instant.
        at: DateTime<Utc>,
    },
    /// The clock was recomputed on another policy (from the journal).
    Recomputed {
        /// When.
        at: DateTime<Utc>,
        /// What caused it: the fields changed (`priority`, ...), or `pin`.
        changed: Vec<String>,
        /// The previous policy.
        from_policy: String,
        /// The new policy.
        to_policy: String,
        /// The deadline before.
        due_before: Option<DateTime<Utc>>,
        /// The deadline after.
        due_after: Option<DateTime<Utc>>,
    },
}

impl Step {
    /// The steps that say which policy applies and why, from a stored choice.
    pub fn of_choice(choice: &Choice) -> Vec<Step> {
        let mut steps = Vec::new();
        if let Some(pin) = &choice.pin_lapsed {
            steps.push(Step::PinLapsed { pin: pin.clone() });
        }
        match &choice.pinned {
            Some(by) => steps.push(Step::PolicyPinned {
                policy: choice.name.clone(),
                pinned_by: by.clone(),
            }),
            None => steps.push(Step::PolicyChosen {
                policy: choice.name.clone(),
                reasons: choice.reasons.clone(),
                passed_over: choice.skipped.len(),
            }),
        }
        steps
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// Each step as an English sentence (the API's language).
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let due = |d: &Option<DateTime<Utc>>| d.map_or("none".to_string(), instant);
        match self {
            Step::PolicyChosen {
                policy, reasons, ..
            } => {
                let why: Vec<String> = reasons.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "Policy {policy} chosen by its conditions ({}).",
                    why.join("; ")
                )
            }
            Step::PolicyPinned { policy, pinned_by } => {
                write!(f, "Policy {policy} pinned by {pinned_by}.")
            }
            Step::PinLapsed { pin } => {
                let mut s = pin.to_string();
                if let Some(first) = s.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                write!(f, "{s}.")
            }
            Step::Target {
                clock,
                target_seconds,
                warn_percent,
                warn_after_seconds,
            } => write!(
                f,
                "Target: {} of business time for {}; warning at {warn_percent} % ({}).",
                human_duration(*target_seconds),
                clock.label(),
                human_duration(*warn_after_seconds)
            ),
            Step::Calendar {
                always_open: true, ..
            } => write!(f, "Every hour counts (24x7)."),
            Step::Calendar { time_zone, .. } => {
                write!(f, "Working hours of the calendar in {time_zone}.")
            }
            Step::Started { at } => write!(f, "Started {}.", instant(*at)),
            Step::Counted { seconds, intervals } => write!(
                f,
                "Counted {} in {}.",
                human_duration(*seconds),
                plural(*intervals, "working interval")
            ),
            Step::Paused { times } => {
                write!(f, "Paused {} while pending.", plural(*times, "time"))
            }
            Step::NotCountedWhileResolved { reopenings } => write!(
                f,
                "Not counted while resolved before {}.",
                plural(*reopenings, "reopening")
            ),
            Step::Met { at } => write!(f, "Stopped {} within the target: met.", instant(*at)),
            Step::StoppedLate { at, over_seconds } => write!(
                f,
                "Stopped {} after the target: breached by {}.",
                instant(*at),
                human_duration(*over_seconds)
            ),
            Step::PausedNow { left_seconds } => write!(
                f,
                "Paused with {} left; the deadline is set again when the ticket is no longer pending.",
                human_duration(*left_seconds)
            ),
            Step::Due { at, left_seconds } => write!(
                f,
                "Due {} = the running stretch's start plus the {} left.",
                instant(*at),
                human_duration(*left_seconds)
            ),
            Step::NoDeadline => write!(f, "The calendar has no working time ahead: no deadline."),
            Step::BreachRecorded { at } => write!(f, "Breach recorded {}.", instant(*at)),
            Step::Recomputed {
                at,
                changed,
                from_policy,
                to_policy,
                due_before,
                due_after,
            } => write!(
                f,
                "Recomputed {} after a change of {}: policy {from_policy} -> {to_policy}, due {} -> {}.",
                instant(*at),
                changed.join(", "),
                due(due_before),
                due(due_after)
            ),
        }
    }
}

/// A business duration for people: `4 h`, `2 h 10 min`, `45 min`, `30 s`.
pub fn human_duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    let text = match (h, m, sec) {
        (0, 0, sec) => format!("{sec} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, sec) => format!("{m} min {sec} s"),
        (h, 0, 0) => format!("{h} h"),
        (h, m, _) => format!("{h} h {m} min"),
    };
    format!("{sign}{text}")
}

fn instant(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%d %H:%M:%S UTC").to_string()
}

/// Explains `clock` on `calendar` as of `now`.
pub fn explain(clock: &Clock, calendar: &Calendar, now: DateTime<Utc>) -> ClockExplanation {
    let mut budget = MAX_LISTED_INTERVALS;
    let mut counted = Vec::new();
    let mut not_counted = Vec::new();
    for (i, seg) in clock.segments.iter().enumerate() {
        let to = seg.to.unwrap_or(now).max(seg.from);
        let intervals = calendar.working_intervals(seg.from, to);
        let business_seconds = calendar.business_seconds_between(seg.from, to);
        let listed = intervals.len().min(budget);
        budget -= listed;
        counted.push(CountedStretch {
            from: seg.from,
            to,
            running: seg.to.is_none() && !clock.is_stopped(),
            business_seconds,
            working_intervals: intervals[..listed]
                .iter()
                .map(|&(from, to)| Interval { from, to })
                .collect(),
            intervals_not_listed: intervals.len() - listed,
        });
        if let (Some(end), Some(reason)) = (seg.to, seg.ended) {
            let next = clock.segments.get(i + 1).map(|n| n.from);
            // A stop that was never restarted is the clock's end, not a gap.
            if next.is_some() || reason == SegmentEnd::Paused {
                not_counted.push(Gap {
                    reason,
                    from: end,
                    to: next,
                });
            }
        }
    }
    let view = clock.view(calendar, now);
    let warn_after = warn_seconds(clock.target_seconds, clock.warn_percent);
    let summary = summary(
        clock,
        calendar,
        &counted,
        &not_counted,
        view.elapsed_seconds,
    );
    let steps = steps(
        clock,
        calendar,
        &counted,
        &not_counted,
        view.elapsed_seconds,
    );
    ClockExplanation {
        kind: clock.kind,
        target_seconds: clock.target_seconds,
        warn_percent: clock.warn_percent,
        warn_after_seconds: warn_after,
        started_at: clock.started_at,
        counted,
        not_counted,
        elapsed_seconds: view.elapsed_seconds,
        remaining_seconds: view.remaining_seconds,
        due_at: clock.due_at,
        warn_at: clock.warn_at,
        warned_at: clock.warned_at,
        breached_at: clock.breached_at,
        stopped_at: clock.stopped_at,
        outcome: clock.outcome,
        state: view.state,
        summary,
        steps,
    }
}

fn steps(
    clock: &Clock,
    calendar: &Calendar,
    counted: &[CountedStretch],
    gaps: &[Gap],
    elapsed: i64,
) -> Vec<Step> {
    let intervals = counted
        .iter()
        .map(|c| c.working_intervals.len() + c.intervals_not_listed)
        .sum();
    let mut steps = vec![
        Step::Target {
            clock: clock.kind,
            target_seconds: clock.target_seconds,
            warn_percent: clock.warn_percent,
            warn_after_seconds: warn_seconds(clock.target_seconds, clock.warn_percent),
        },
        Step::Calendar {
            always_open: calendar.is_always_open(),
            time_zone: calendar.time_zone.name().to_string(),
        },
        Step::Started {
            at: clock.started_at,
        },
        Step::Counted {
            seconds: elapsed,
            intervals,
        },
    ];
    let pauses = gaps
        .iter()
        .filter(|g| g.reason == SegmentEnd::Paused)
        .count();
    if pauses > 0 {
        steps.push(Step::Paused { times: pauses });
    }
    if gaps.len() > pauses {
        steps.push(Step::NotCountedWhileResolved {
            reopenings: gaps.len() - pauses,
        });
    }
    steps.push(match (clock.stopped_at, clock.outcome) {
        (Some(at), Some(Outcome::Met)) => Step::Met { at },
        (Some(at), _) => Step::StoppedLate {
            at,
            over_seconds: elapsed - clock.target_seconds,
        },
        (None, _) if clock.is_paused() => Step::PausedNow {
            left_seconds: clock.target_seconds - elapsed,
        },
        (None, _) => match clock.due_at {
            Some(at) => Step::Due {
                at,
                left_seconds: (clock.target_seconds - clock.consumed_seconds).max(0),
            },
            None => Step::NoDeadline,
        },
    });
    if let Some(at) = clock.breached_at {
        steps.push(Step::BreachRecorded { at });
    }
    steps
}

fn summary(
    clock: &Clock,
    calendar: &Calendar,
    counted: &[CountedStretch],
    gaps: &[Gap],
    elapsed: i64,
) -> String {
    let calendar_kind = if calendar.is_always_open() {
        "every hour counts (24x7)".to_string()
    } else {
        format!("working hours of the calendar in {}", calendar.time_zone)
    };
    let intervals: usize = counted
        .iter()
        .map(|c| c.working_intervals.len() + c.intervals_not_listed)
        .sum();
    let mut s = format!(
        "Target: {} of business time for {}, {calendar_kind}; warning at {} % ({}). \
         Started {}. Counted {} in {} working interval{}",
        human_duration(clock.target_seconds),
        clock.kind.label(),
        clock.warn_percent,
        human_duration(warn_seconds(clock.target_seconds, clock.warn_percent)),
        instant(clock.started_at),
        human_duration(elapsed),
        intervals,
        if intervals == 1 { "" } else { "s" },
    );
    let pauses = gaps
        .iter()
        .filter(|g| g.reason == SegmentEnd::Paused)
        .count();
    let reopens = gaps.len() - pauses;
    if pauses > 0 {
        s.push_str(&format!(
            "; paused {pauses} time{} while pending",
            if pauses == 1 { "" } else { "s" }
        ));
    }
    if reopens > 0 {
        s.push_str(&format!(
            "; not counted while resolved before {reopens} reopening{}",
            if reopens == 1 { "" } else { "s" }
        ));
    }
    s.push('.');
    match (clock.stopped_at, clock.outcome) {
        (Some(at), Some(Outcome::Met)) => {
            s.push_str(&format!(" Stopped {} within the target: met.", instant(at)));
        }
        (Some(at), _) => s.push_str(&format!(
            " Stopped {} after the target: breached by {}.",
            instant(at),
            human_duration(elapsed - clock.target_seconds)
        )),
        (None, _) if clock.is_paused() => s.push_str(&format!(
            " Paused with {} left; the deadline is set again when the ticket is no longer pending.",
            human_duration(clock.target_seconds - elapsed)
        )),
        (None, _) => match clock.due_at {
            Some(due) => s.push_str(&format!(
                " Due {} = the running stretch's start plus the {} left.",
                instant(due),
                human_duration((clock.target_seconds - clock.consumed_seconds).max(0))
            )),
            None => s.push_str(" The calendar has no working time ahead: no deadline."),
        },
    }
    if let Some(at) = clock.breached_at {
        s.push_str(&format!(" Breach recorded {}.", instant(at)));
    }
    s
}
