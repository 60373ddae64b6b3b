//! The clocks panel of the ticket page: each current clock (first response, resolution,
//! update, OLA per level) with its state, due time in the reader's zone and the business time
//! left or overdue. One service call (`App::sla_of`, one query) so the page stays fast.

use escalade_app::sla::reading::ClockSummary;
use escalade_core::sla::ClockState;
use escalade_core::ticket::Ticket;

use super::{Instant, clock_name, left_or_overdue};
use crate::state::AppState;
use crate::ui::i18n::Tr;
use crate::ui::session::Viewer;

/// One clock as the panel and the queue show it.
pub struct ClockLine {
    /// Clock id (anchor on the explain page).
    pub id: i64,
    /// `response`, `resolution`, `update`, `ola`.
    pub kind: &'static str,
    /// Its name.
    pub name: String,
    /// `running`, `paused`, `met`, `breached` or `warned` (a running or paused clock past its
    /// warning threshold), for the CSS class `sla-<state>`.
    pub state: &'static str,
    /// The state in words.
    pub state_label: String,
    /// When it is due (none while paused).
    pub due: Option<Instant>,
    /// "2 h 15 min left", "overdue by 40 min", or when it stopped.
    pub left: String,
    /// The policy or OLA target measured.
    pub policy: String,
    /// "Policy: Gold, pinned by the rule “Payroll is gold”".
    pub policy_line: String,
}

/// The line of one clock.
pub fn line(tr: &Tr, k: &ClockSummary) -> ClockLine {
    let v = &k.view;
    let stopped = k.stopped_at.is_some();
    let state = match v.state {
        ClockState::Breached => "breached",
        ClockState::Met => "met",
        _ if v.warned && !stopped => "warned",
        ClockState::Paused => "paused",
        ClockState::Running => "running",
    };
    let left = match k.stopped_at {
        Some(at) => tr.arg("sla-stopped-at", "time", tr.datetime(&at)),
        None => {
            let words = left_or_overdue(tr, v.remaining_seconds, v.breached);
            if v.paused {
                tr.arg("sla-paused-with", "time", words)
            } else {
                words
            }
        }
    };
    ClockLine {
        id: k.id,
        kind: k.kind.as_str(),
        name: clock_name(tr, k.kind.as_str(), k.level),
        state,
        state_label: tr.word("sla-state", state),
        due: v.due_at.filter(|_| !stopped).map(|d| Instant::of(tr, &d)),
        left,
        policy: k.policy_name.clone(),
        policy_line: match &k.pinned_by {
            Some(by) => format!(
                "{}, {}",
                tr.arg("sla-explain-policy-line", "policy", &k.policy_name),
                super::steps::pinned_by(tr, by)
            ),
            None => tr.arg("sla-explain-policy-line", "policy", &k.policy_name),
        },
    }
}

/// The clocks of a ticket the viewer already read through the service. A failure leaves the
/// panel empty rather than the whole page broken.
pub async fn ticket_clocks(state: &AppState, viewer: &Viewer, ticket: &Ticket) -> Vec<ClockLine> {
    match state.app.sla_of(&viewer.caller, &[ticket]).await {
        Ok(mut m) => m
            .remove(&ticket.id)
            .map(|s| s.clocks.iter().map(|k| line(&viewer.tr, k)).collect())
            .unwrap_or_default(),
        Err(e) => {
            tracing::warn!(error = %e, "clocks of the ticket page");
            Vec::new()
        }
    }
}
