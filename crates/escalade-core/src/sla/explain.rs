//! How a deadline was computed, in terms a team lead can follow: the target and threshold, the
//! stretches the clock ran with the working intervals its calendar counted inside each, the
//! pauses, and the resulting elapsed time, deadline and state, summed up in one sentence.

use chrono::{DateTime, Utc};
use serde::Serialize;

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
    /// The computation in one sentence.
    pub summary: String,
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
    }
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
