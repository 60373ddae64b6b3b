//! The SLA in the agent console: the clocks panel of the ticket page, the page that explains
//! how each deadline of a ticket was computed (`/agent/tickets/{number}/sla`), the "SLA at
//! risk" queue (`/agent/sla/at-risk`) and one's SLA notifications (`/agent/notifications`);
//! `steps` puts the domain's typed explanation steps and choice reasons in the reader's words.
//!
//! Agents only: a requester gets the same 404 as for a page that does not exist. What an agent
//! sees of a ticket is decided by the service layer (`App::sla_of`, `App::explain_sla`,
//! `App::sla_at_risk`), exactly as for the API.

mod at_risk;
mod clocks;
mod explain;
mod notifications;
mod steps;

use axum::Router;
use axum::routing::{get, post};

pub use self::clocks::{ClockLine, ticket_clocks};
use super::i18n::Tr;
use crate::state::AppState;

/// The SLA pages' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/agent/tickets/{number}/sla", get(explain::page))
        .route("/agent/sla/at-risk", get(at_risk::page))
        .route("/agent/sla/at-risk/stamp", get(at_risk::stamp))
        .route("/agent/sla/at-risk/rows", get(at_risk::rows))
        .route("/agent/notifications", get(notifications::page))
        .route(
            "/agent/notifications/{id}/read",
            post(notifications::mark_read),
        )
}

/// The weekdays as calendars name them, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A business duration in words, at most two units: `2 h 15 min`, `40 min`, `less than a
/// minute`. Minutes are rounded up, as the API counts a started minute as whole.
pub fn duration(tr: &Tr, seconds: i64) -> String {
    let seconds = seconds.max(0);
    if seconds < 60 {
        return tr.get("sla-less-than-a-minute");
    }
    let minutes = (seconds + 59) / 60;
    let (h, m) = (minutes / 60, minutes % 60);
    match (h, m) {
        (0, m) => tr.count("sla-minutes", "count", m),
        (h, 0) => tr.count("sla-hours", "count", h),
        (h, m) => format!(
            "{} {}",
            tr.count("sla-hours", "count", h),
            tr.count("sla-minutes", "count", m)
        ),
    }
}

/// "2 h 15 min left" or "overdue by 40 min". A clock already breached reads as overdue even in
/// the first second past its due instant, when the business seconds counted (whole seconds)
/// still equal the target.
pub fn left_or_overdue(tr: &Tr, remaining_seconds: i64, breached: bool) -> String {
    if remaining_seconds >= 0 && !(breached && remaining_seconds == 0) {
        tr.arg("sla-left", "time", duration(tr, remaining_seconds))
    } else {
        tr.arg("sla-overdue", "time", duration(tr, -remaining_seconds))
    }
}

/// A clock's name: "First response", "Resolution", "Update", "OLA (Level 2)".
pub fn clock_name(tr: &Tr, kind: &str, level: Option<i64>) -> String {
    let name = tr.word("sla-clock", kind);
    match level {
        Some(l) if kind == "ola" => format!("{name} ({})", tr.arg("level-name", "level", l)),
        _ => name,
    }
}

/// An instant as a page shows it: text in the reader's zone and RFC 3339 for `<time>`.
pub struct Instant {
    /// As shown.
    pub text: String,
    /// RFC 3339.
    pub iso: String,
}

impl Instant {
    /// The instant for this reader.
    pub fn of(tr: &Tr, at: &chrono::DateTime<chrono::Utc>) -> Self {
        Self {
            text: tr.datetime(at),
            iso: tr.iso(at),
        }
    }
}

#[cfg(test)]
mod tests {
    use escalade_core::people::Language;

    use super::*;

    #[test]
    fn every_word_built_at_run_time_exists_in_every_language() {
        for lang in Language::ALL {
            let tr = Tr::new(*lang, chrono_tz::Tz::UTC);
            let mut keys: Vec<String> = Vec::new();
            for (prefix, words) in [
                (
                    "sla-clock",
                    &["response", "resolution", "update", "ola"][..],
                ),
                (
                    "sla-state",
                    &["running", "paused", "met", "breached", "warned"][..],
                ),
                ("sla-policy-kind", &["sla_policy", "ola_target"][..]),
                (
                    "sla-event",
                    &["warning", "breach", "recomputed", "action"][..],
                ),
                ("sla-notification", &["warning", "breach", "other"][..]),
                ("sla-day", &WEEKDAYS[..]),
            ] {
                keys.extend(
                    words
                        .iter()
                        .map(|w| format!("{prefix}-{}", w.replace('_', "-"))),
                );
            }
            for k in keys {
                assert!(tr.try_get(&k).is_some(), "{k} missing in {lang:?}");
            }
        }
    }

    #[test]
    fn durations_read_naturally() {
        let tr = Tr::new(Language::En, chrono_tz::Tz::UTC);
        assert_eq!(
            left_or_overdue(&tr, 2 * 3600 + 15 * 60, false),
            "2 h 15 min left"
        );
        assert_eq!(left_or_overdue(&tr, -40 * 60, true), "overdue by 40 min");
        assert_eq!(left_or_overdue(&tr, 30, false), "less than a minute left");
        assert_eq!(
            left_or_overdue(&tr, 0, true),
            "overdue by less than a minute"
        );
        assert_eq!(duration(&tr, 4 * 3600), "4 h");
        let ru = Tr::new(Language::Ru, chrono_tz::Tz::UTC);
        assert_eq!(duration(&ru, 2 * 3600 + 60), "2 часа 1 минута");
        assert_eq!(duration(&ru, 5 * 60), "5 минут");
    }
}
