//! The arithmetic of one SLA (or OLA) clock on top of a business calendar: starting, pausing
//! while the ticket is pending, resuming, stopping, restarting after a reopen, and recomputing
//! when the policy changes.
//!
//! A clock keeps the stretches of real time during which it ran. The business time it consumed
//! is what its calendar counts inside those stretches, so the deadline of a running clock is
//! `add_business_seconds(running_since, target - consumed)`, and a recomputation on another
//! calendar or target replays the same stretches as if the new policy had applied from the
//! start, pauses included.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::error::DomainError;

/// What a clock measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockKind {
    /// Until the first public reply by an agent.
    Response,
    /// Until the ticket is resolved.
    Resolution,
    /// Until the next public update by an agent (one clock per interval).
    Update,
    /// Until the support level that received the ticket resolves it or hands it on.
    Ola,
}

impl ClockKind {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockKind::Response => "response",
            ClockKind::Resolution => "resolution",
            ClockKind::Update => "update",
            ClockKind::Ola => "ola",
        }
    }

    /// Parses the text form.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "response" => Ok(ClockKind::Response),
            "resolution" => Ok(ClockKind::Resolution),
            "update" => Ok(ClockKind::Update),
            "ola" => Ok(ClockKind::Ola),
            _ => Err(DomainError::invalid(
                "kind",
                "unknown_value",
                format!("'{s}' is not one of: response, resolution, update, ola"),
            )),
        }
    }

    /// How a person calls the target ("first response", "resolution").
    pub fn label(self) -> &'static str {
        match self {
            ClockKind::Response => "first response",
            ClockKind::Resolution => "resolution",
            ClockKind::Update => "update interval",
            ClockKind::Ola => "operational level",
        }
    }
}

/// How a stopped clock ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Within the target.
    Met,
    /// Past the target.
    Breached,
}

impl Outcome {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Met => "met",
            Outcome::Breached => "breached",
        }
    }

    /// Parses the text form.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "met" => Some(Outcome::Met),
            "breached" => Some(Outcome::Breached),
            _ => None,
        }
    }
}

/// Why a clock stopped counting at the end of a stretch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentEnd {
    /// Paused: the ticket became pending.
    Paused,
    /// Stopped: the reply was given, the ticket resolved or handed on.
    Stopped,
}

/// A stretch of real time during which the clock ran; `to` is open while it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Started (or resumed).
    pub from: DateTime<Utc>,
    /// Paused or stopped; `None` while running.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<DateTime<Utc>>,
    /// Why it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<SegmentEnd>,
}

impl Segment {
    fn open(from: DateTime<Utc>) -> Self {
        Segment {
            from,
            to: None,
            ended: None,
        }
    }
}

/// Where a clock stands, as people read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Counting, within the target.
    Running,
    /// Not counting: the ticket is pending.
    Paused,
    /// Stopped within the target.
    Met,
    /// Past the target (still running, or stopped late).
    Breached,
}

impl ClockState {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            ClockState::Running => "running",
            ClockState::Paused => "paused",
            ClockState::Met => "met",
            ClockState::Breached => "breached",
        }
    }
}

/// One clock. The instants the scheduler looks at (`due_at`, `warn_at`) are kept up to date by
/// every operation; they are `None` while the clock is paused, because then nothing can fire,
/// and keep their last value once it stopped (nothing fires for a stopped clock either).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    /// What it measures.
    pub kind: ClockKind,
    /// The target, in business seconds.
    pub target_seconds: i64,
    /// The share of the target after which it warns.
    pub warn_percent: i64,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The stretches it ran.
    pub segments: Vec<Segment>,
    /// Business seconds consumed in the closed stretches.
    pub consumed_seconds: i64,
    /// When the target runs out, while running.
    pub due_at: Option<DateTime<Utc>>,
    /// When the warning threshold is reached, while running.
    pub warn_at: Option<DateTime<Utc>>,
    /// When it stopped.
    pub stopped_at: Option<DateTime<Utc>>,
    /// How it ended.
    pub outcome: Option<Outcome>,
    /// When its warning fired.
    pub warned_at: Option<DateTime<Utc>>,
    /// When its breach fired.
    pub breached_at: Option<DateTime<Utc>>,
}

/// What a reader of a ticket sees of a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ClockView {
    /// Where it stands.
    pub state: ClockState,
    /// When the target runs out, while running.
    pub due_at: Option<DateTime<Utc>>,
    /// Business seconds consumed so far.
    pub elapsed_seconds: i64,
    /// Business seconds left; negative once past the target.
    pub remaining_seconds: i64,
    /// Whether the warning threshold was crossed.
    pub warned: bool,
    /// Whether the target was missed.
    pub breached: bool,
    /// Whether it is paused (the ticket is pending).
    pub paused: bool,
}

/// The seconds into a target at which its warning fires: the threshold share, rounded up to a
/// whole second so that a warning never comes early.
pub fn warn_seconds(target_seconds: i64, warn_percent: i64) -> i64 {
    let product = target_seconds.saturating_mul(warn_percent.clamp(0, 100));
    (product + 99) / 100
}

impl Clock {
    /// A clock started at `now`.
    pub fn start(
        kind: ClockKind,
        target_seconds: i64,
        warn_percent: i64,
        calendar: &Calendar,
        now: DateTime<Utc>,
    ) -> Clock {
        let mut c = Clock {
            kind,
            target_seconds,
            warn_percent,
            started_at: now,
            segments: vec![Segment::open(now)],
            consumed_seconds: 0,
            due_at: None,
            warn_at: None,
            stopped_at: None,
            outcome: None,
            warned_at: None,
            breached_at: None,
        };
        c.schedule(calendar);
        c
    }

    /// Since when it runs, if it runs.
    pub fn running_since(&self) -> Option<DateTime<Utc>> {
        match self.segments.last() {
            Some(Segment { from, to: None, .. }) if self.stopped_at.is_none() => Some(*from),
            _ => None,
        }
    }

    /// Whether it stopped.
    pub fn is_stopped(&self) -> bool {
        self.stopped_at.is_some()
    }

    /// Whether it is paused (neither running nor stopped).
    pub fn is_paused(&self) -> bool {
        !self.is_stopped() && self.running_since().is_none()
    }

    /// Business seconds consumed up to `now`.
    pub fn elapsed_seconds(&self, calendar: &Calendar, now: DateTime<Utc>) -> i64 {
        self.consumed_seconds
            + self
                .running_since()
                .map_or(0, |from| calendar.business_seconds_between(from, now))
    }

    /// Recomputes `due_at` and `warn_at` from the running stretch.
    fn schedule(&mut self, calendar: &Calendar) {
        let Some(from) = self.running_since() else {
            self.due_at = None;
            self.warn_at = None;
            return;
        };
        let left = (self.target_seconds - self.consumed_seconds).max(0);
        self.due_at = calendar.add_business_seconds(from, left);
        let warn_left =
            (warn_seconds(self.target_seconds, self.warn_percent) - self.consumed_seconds).max(0);
        self.warn_at = calendar.add_business_seconds(from, warn_left);
    }

    /// Closes the running stretch at `now`, adding its business time to the consumed time.
    fn close_segment(&mut self, calendar: &Calendar, now: DateTime<Utc>, why: SegmentEnd) {
        if let Some(from) = self.running_since() {
            let now = now.max(from);
            self.consumed_seconds += calendar.business_seconds_between(from, now);
            if let Some(last) = self.segments.last_mut() {
                last.to = Some(now);
                last.ended = Some(why);
            }
        }
    }

    /// Pauses a running clock (the ticket became pending). Anything else is left alone.
    pub fn pause(&mut self, calendar: &Calendar, now: DateTime<Utc>) -> bool {
        if self.running_since().is_none() {
            return false;
        }
        self.close_segment(calendar, now, SegmentEnd::Paused);
        self.schedule(calendar);
        true
    }

    /// Resumes a paused clock (the ticket is no longer pending). Anything else is left alone.
    pub fn resume(&mut self, calendar: &Calendar, now: DateTime<Utc>) -> bool {
        if !self.is_paused() {
            return false;
        }
        self.segments.push(Segment::open(now));
        self.schedule(calendar);
        true
    }

    /// Stops the clock at `now` and settles its outcome: met when it consumed no more than the
    /// target, breached otherwise (or when its breach already fired). A stopped clock is left
    /// alone.
    pub fn stop(&mut self, calendar: &Calendar, now: DateTime<Utc>) -> Option<Outcome> {
        if self.is_stopped() {
            return None;
        }
        self.close_segment(calendar, now, SegmentEnd::Stopped);
        self.stopped_at = Some(now);
        let outcome = if self.breached_at.is_some() || self.consumed_seconds > self.target_seconds {
            Outcome::Breached
        } else {
            Outcome::Met
        };
        self.outcome = Some(outcome);
        // The deadline stays as it was, so that a stopped clock still says what it was due.
        Some(outcome)
    }

    /// Restarts a stopped clock where it stopped (the ticket was reopened): the time it spent
    /// stopped does not count, and a warning or breach that already fired stays fired.
    pub fn restart(&mut self, calendar: &Calendar, now: DateTime<Utc>) -> bool {
        if !self.is_stopped() {
            return false;
        }
        self.stopped_at = None;
        self.outcome = None;
        self.segments.push(Segment::open(now));
        self.schedule(calendar);
        true
    }

    /// Applies a new target, threshold and calendar as if they had applied from the start:
    /// the same stretches are counted again on the new calendar. A stopped clock keeps its
    /// history and is left alone.
    pub fn recompute(
        &mut self,
        target_seconds: i64,
        warn_percent: i64,
        calendar: &Calendar,
    ) -> bool {
        if self.is_stopped() {
            return false;
        }
        self.target_seconds = target_seconds;
        self.warn_percent = warn_percent;
        self.consumed_seconds = self
            .segments
            .iter()
            .filter_map(|s| s.to.map(|to| calendar.business_seconds_between(s.from, to)))
            .sum();
        self.schedule(calendar);
        true
    }

    /// Whether the warning is due at `now` and has not fired.
    pub fn warning_due(&self, now: DateTime<Utc>) -> bool {
        !self.is_stopped() && self.warned_at.is_none() && self.warn_at.is_some_and(|w| w <= now)
    }

    /// Whether the breach is due at `now` (strictly past the deadline) and has not fired.
    pub fn breach_due(&self, now: DateTime<Utc>) -> bool {
        !self.is_stopped() && self.breached_at.is_none() && self.due_at.is_some_and(|d| d < now)
    }

    /// The clock as a reader sees it at `now`.
    pub fn view(&self, calendar: &Calendar, now: DateTime<Utc>) -> ClockView {
        let elapsed = self.elapsed_seconds(calendar, now);
        let remaining = self.target_seconds - elapsed;
        let breached = match self.outcome {
            Some(o) => o == Outcome::Breached,
            None => self.breached_at.is_some() || self.due_at.is_some_and(|d| d < now),
        } || (self.is_paused() && remaining < 0);
        let state = match (self.outcome, breached) {
            (Some(Outcome::Met), _) => ClockState::Met,
            (_, true) => ClockState::Breached,
            _ if self.is_paused() => ClockState::Paused,
            _ => ClockState::Running,
        };
        let warned = self.warned_at.is_some()
            || breached
            || (!self.is_stopped()
                && elapsed >= warn_seconds(self.target_seconds, self.warn_percent));
        ClockView {
            state,
            due_at: self.due_at,
            elapsed_seconds: elapsed,
            remaining_seconds: remaining,
            warned,
            breached,
            paused: self.is_paused(),
        }
    }
}
