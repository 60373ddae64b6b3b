//! The explain page (`/agent/tickets/{number}/sla`): how each deadline of a ticket was
//! computed, so a team lead can answer "why is this ticket breached?". The policy chosen and
//! why (conditions matched, earlier policies passed over), the calendar (name, zone, working
//! week), and for each clock its target, start, pauses, the working intervals counted, the due
//! and warning instants, the outcome; then the journal's recomputations, warnings and breaches.
//! Everything comes from `App::explain_sla`, the same answer as the API's.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use escalade_app::sla::reading::ExplainedClock;
use escalade_core::calendar::Schedule;
use escalade_core::sla::{Reason, SegmentEnd};
use serde_json::Value;

use super::{Instant, clock_name, duration, left_or_overdue};
use crate::state::AppState;
use crate::ui::agent::ticket_href;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// A calendar as the page describes it.
struct CalendarView {
    name: String,
    zone: String,
    /// "Always open" or one line per working weekday ("Monday: 09:00-17:00").
    week: Vec<String>,
    holidays: usize,
}

/// A policy passed over.
struct SkippedView {
    name: String,
    reason: String,
}

/// A stretch the clock ran.
struct StretchView {
    from: Instant,
    to: Instant,
    running: bool,
    counted: String,
    intervals: Vec<(Instant, Instant)>,
    /// "and 3 more intervals" when the list was cut.
    more: Option<String>,
}

/// A stretch that did not count.
struct GapView {
    reason: String,
    from: Instant,
    to: Option<Instant>,
}

/// One clock explained.
struct ClockView {
    id: i64,
    name: String,
    state: &'static str,
    state_label: String,
    policy: String,
    policy_kind: String,
    matched: Vec<String>,
    skipped: Vec<SkippedView>,
    calendar: Option<CalendarView>,
    target: String,
    warn: String,
    started: Instant,
    counted: Vec<StretchView>,
    gaps: Vec<GapView>,
    elapsed: String,
    left: String,
    due: Option<Instant>,
    warn_at: Option<Instant>,
    warned_at: Option<Instant>,
    breached_at: Option<Instant>,
    stopped_at: Option<Instant>,
    outcome: Option<String>,
    /// How the deadline was computed, step by step, in the reader's words.
    steps: Vec<String>,
}

/// A journal event (recomputation, warning, breach, action).
struct EventView {
    at: Instant,
    kind: String,
    body: String,
}

#[derive(Template)]
#[template(path = "sla/explain.html")]
struct ExplainPage {
    c: Chrome,
    number: String,
    href: String,
    now: Instant,
    clocks: Vec<ClockView>,
    events: Vec<EventView>,
}

fn calendar_view(tr: &Tr, cal: &escalade_core::calendar::Calendar) -> CalendarView {
    let (week, holidays) = match &cal.schedule {
        Schedule::AlwaysOpen {} => (vec![tr.get("sla-calendar-always-open")], 0),
        Schedule::WorkingWeek { week, holidays } => {
            let days = serde_json::to_value(week).unwrap_or(Value::Null);
            let lines = super::WEEKDAYS
                .iter()
                .filter_map(|day| {
                    let hours: Vec<&str> = days[*day]
                        .as_array()?
                        .iter()
                        .filter_map(Value::as_str)
                        .collect();
                    (!hours.is_empty())
                        .then(|| format!("{}: {}", tr.word("sla-day", day), hours.join(", ")))
                })
                .collect();
            (lines, holidays.len())
        }
    };
    CalendarView {
        name: cal.name.clone().unwrap_or_default(),
        zone: cal.time_zone.name().to_string(),
        week,
        holidays,
    }
}

/// The reasons of a stored choice in the reader's words: the typed ones when stored, else the
/// English sentences of an older choice.
fn reasons(tr: &Tr, typed: &Value, english: &Value) -> Vec<String> {
    let typed: Vec<Reason> = serde_json::from_value(typed.clone()).unwrap_or_default();
    if !typed.is_empty() {
        return typed.iter().map(|r| super::steps::reason(tr, r)).collect();
    }
    english
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn clock_view(tr: &Tr, k: &ExplainedClock, calendars: &HashMap<i64, CalendarView>) -> ClockView {
    let e = &k.explanation;
    let why = &k.policy["why"];
    let at = |d: &Option<chrono::DateTime<chrono::Utc>>| d.as_ref().map(|d| Instant::of(tr, d));
    let state = match e.state.as_str() {
        "running" | "paused" if e.warned_at.is_some() => "warned",
        s => s,
    };
    ClockView {
        id: k.id,
        name: clock_name(tr, e.kind.as_str(), k.level),
        state,
        state_label: tr.word("sla-state", state),
        policy: k.policy["name"].as_str().unwrap_or_default().to_string(),
        policy_kind: tr.word(
            "sla-policy-kind",
            k.policy["kind"].as_str().unwrap_or("sla_policy"),
        ),
        matched: reasons(tr, &why["reasons"], &why["matched"]),
        skipped: why["skipped"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| SkippedView {
                name: s["name"].as_str().unwrap_or_default().to_string(),
                reason: serde_json::from_value::<Reason>(s["why"].clone())
                    .map(|r| super::steps::reason(tr, &r))
                    .unwrap_or_else(|_| s["reason"].as_str().unwrap_or_default().to_string()),
            })
            .collect(),
        calendar: k.calendar["id"]
            .as_i64()
            .and_then(|id| calendars.get(&id))
            .map(|c| CalendarView {
                name: c.name.clone(),
                zone: c.zone.clone(),
                week: c.week.clone(),
                holidays: c.holidays,
            }),
        target: duration(tr, e.target_seconds),
        warn: tr.args(
            "sla-warn-after",
            &[
                ("percent", e.warn_percent.to_string()),
                ("time", duration(tr, e.warn_after_seconds)),
            ],
        ),
        started: Instant::of(tr, &e.started_at),
        counted: e
            .counted
            .iter()
            .map(|s| StretchView {
                from: Instant::of(tr, &s.from),
                to: Instant::of(tr, &s.to),
                running: s.running,
                counted: duration(tr, s.business_seconds),
                intervals: s
                    .working_intervals
                    .iter()
                    .map(|i| (Instant::of(tr, &i.from), Instant::of(tr, &i.to)))
                    .collect(),
                more: (s.intervals_not_listed > 0).then(|| {
                    tr.count(
                        "sla-explain-not-listed",
                        "count",
                        s.intervals_not_listed as i64,
                    )
                }),
            })
            .collect(),
        gaps: e
            .not_counted
            .iter()
            .map(|g| GapView {
                reason: match g.reason {
                    SegmentEnd::Paused => tr.get("sla-gap-paused"),
                    SegmentEnd::Stopped => tr.get("sla-gap-stopped"),
                },
                from: Instant::of(tr, &g.from),
                to: at(&g.to),
            })
            .collect(),
        elapsed: duration(tr, e.elapsed_seconds),
        left: left_or_overdue(
            tr,
            e.remaining_seconds,
            e.state == escalade_core::sla::ClockState::Breached,
        ),
        due: at(&e.due_at),
        warn_at: at(&e.warn_at),
        warned_at: at(&e.warned_at),
        breached_at: at(&e.breached_at),
        stopped_at: at(&e.stopped_at),
        outcome: e.outcome.map(|o| tr.word("sla-state", o.as_str())),
        steps: e.steps.iter().map(|s| super::steps::step(tr, s)).collect(),
    }
}

/// GET /agent/tickets/{number}/sla
pub async fn page(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(number): Path<String>,
) -> Response {
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let x = match state.app.explain_sla(&viewer.caller, &number).await {
        Ok(x) => x,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    // Each calendar once, for its working week; one the reader may not read stays unnamed.
    let mut calendars = HashMap::new();
    for k in &x.clocks {
        let Some(id) = k.calendar["id"].as_i64() else {
            continue;
        };
        if calendars.contains_key(&id) {
            continue;
        }
        if let Ok(c) = state.app.calendar(&viewer.caller, id).await {
            calendars.insert(id, calendar_view(tr, &c.calendar));
        }
    }
    // Newest clocks first: the current deadlines matter most, history follows.
    let clocks = x
        .clocks
        .iter()
        .rev()
        .map(|k| clock_view(tr, k, &calendars))
        .collect();
    let events = x
        .events
        .iter()
        .map(|ev| EventView {
            at: ev["at"]
                .as_str()
                .and_then(|s| s.parse().ok())
                .map(|d| Instant::of(tr, &d))
                .unwrap_or(Instant {
                    text: String::new(),
                    iso: String::new(),
                }),
            kind: tr.word(
                "sla-event",
                ev["data"]["event"].as_str().unwrap_or("action"),
            ),
            body: super::steps::recomputed_event(tr, &ev["data"])
                .unwrap_or_else(|| ev["body"].as_str().unwrap_or_default().to_string()),
        })
        .collect();
    render(&ExplainPage {
        c: viewer.chrome(tr.arg("sla-explain-title", "number", &x.ticket)),
        href: ticket_href(&x.ticket),
        number: x.ticket,
        now: Instant::of(tr, &x.now),
        clocks,
        events,
    })
}
