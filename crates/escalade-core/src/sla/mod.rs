//! Service-level agreements: policies chosen by ordered conditions, their targets on a business
//! calendar, the clocks that measure each ticket against them (paused while pending, stopped by
//! the first public reply or the resolution), operational level targets (OLA) per support
//! level, and the explanation of every deadline.
//!
//! Pure: the service layer loads policies, calendars and clocks, calls in here, and stores the
//! result in the same transaction as the ticket change. `docs/SLA.md` is the user's view.
//!
//! | module | owns |
//! |---|---|
//! | `policy` | the policy and OLA target as administrators write them, validation, the defaults |
//! | `choice` | choosing a policy (or OLA target) for a ticket, with the reasons |
//! | `clock` | one clock's arithmetic: start, pause, resume, stop, restart, recompute |
//! | `explain` | how a deadline was computed, for people |

mod choice;
mod clock;
mod explain;
mod policy;

#[cfg(test)]
mod tests;

pub use choice::{
    Choice, LapsedPin, NoChoice, OlaTarget, Pin, PinLapse, PinnedBy, Policy, PolicyFacts, Reason,
    Skipped, choose_ola, choose_policy, choose_policy_pinned,
};
pub use clock::{
    Clock, ClockKind, ClockState, ClockView, Outcome, Segment, SegmentEnd, warn_seconds,
};
pub use explain::{
    ClockExplanation, CountedStretch, Gap, Interval, MAX_LISTED_INTERVALS, Step, explain,
    human_duration,
};
pub use policy::{
    BusinessDuration, Conditions, DEFAULT_WARN_PERCENT, MAX_TARGET_SECONDS, OlaDefinition,
    PolicyDefinition, SlaAction, Targets, default_policies,
};

use chrono::Weekday;

use crate::calendar::{Calendar, ClockTime, WorkingInterval, WorkingWeek};
use crate::ticket::Priority;

/// The calendars a new installation starts with: `24x7` (UTC) and `Business hours`, Monday to
/// Friday 09:00-17:00 UTC.
pub fn default_calendars() -> (Calendar, Calendar) {
    let always = Calendar::always_open(chrono_tz::UTC).named("24x7");
    let nine = ClockTime::from_hm(9, 0).unwrap_or(ClockTime::MIDNIGHT);
    let five = ClockTime::from_hm(17, 0).unwrap_or(ClockTime::END_OF_DAY);
    let day = WorkingInterval {
        start: nine,
        end: five,
    };
    let week = WorkingWeek::same_hours(
        &[
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        &[day],
    );
    let office = Calendar::working_week(chrono_tz::UTC, week, vec![]).named("Business hours");
    (always, office)
}

/// The priority one step more pressing, if any (what the `raise_priority` action does).
pub fn raised(p: Priority) -> Option<Priority> {
    (p != Priority::Critical).then(|| Priority::from_rank(p.rank() - 1))
}
