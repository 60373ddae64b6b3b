//! Moving a ticket's clocks with the ticket, inside the same write transaction as the change:
//!
//! - opened: the policy is chosen (the pinned one, else by conditions) and its first response
//!   and resolution clocks start; the OLA clock of the starting level starts when a target
//!   matches;
//! - pending: every running clock pauses; out of pending: they resume;
//! - first public reply by an agent: the response clock stops (met or breached); the update
//!   interval, when the policy has one, starts again with every such reply;
//! - resolved, closed or cancelled: every clock stops; reopened: the resolution clock and the
//!   level's OLA clock continue where they stopped (the time spent resolved does not count);
//! - priority, type, category or service changed: the policy is chosen again; when it changes,
//!   the running clocks are recomputed as if the new policy had applied from the start, and the
//!   journal says so ("SLA recomputed: policy Medium -> Critical, resolution due A -> B");
//! - a policy pinned or unpinned (a rule's `set_sla_policy`, an agent), or a pinned policy
//!   deleted or made inactive: the policy is chosen again, the same way;
//! - escalated (or moved to another level or group): the previous level's OLA clock stops and
//!   the receiving level's starts.
//!
//! Every function takes the transaction's connection and the configuration snapshot the
//! service read before writing.

use chrono::{DateTime, Utc};
use escalade_core::ids::TicketId;
use escalade_core::journal::EntryKind;
use escalade_core::sla::{
    Choice, Clock, ClockKind, Pin, PolicyDefinition, PolicyFacts, choose_ola, choose_policy_pinned,
};
use escalade_core::ticket::{Status, Ticket};
use escalade_store::clocks::{self, StoredClock};
use escalade_store::journal::{self as journal_store, NewEntry};
use escalade_store::{Conn, StoreError, directory};
use serde_json::json;

use super::SlaConfig;

/// The facts policy conditions look at; the requester's VIP flag is read only when a policy
/// asks for it.
async fn facts(c: &mut Conn, cfg: &SlaConfig, t: &Ticket) -> Result<PolicyFacts, StoreError> {
    let vip = if cfg.needs_vip() {
        directory::user(c, t.requester)
            .await?
            .is_some_and(|u| u.vip)
    } else {
        false
    };
    Ok(PolicyFacts {
        priority: t.priority,
        kind: t.kind,
        category_path: cfg.category_path(t.category.map(|c| c.0)),
        service: t.service.clone(),
        department: t.department.map(|d| d.0),
        vip,
    })
}

fn choice_json(choice: &Choice) -> serde_json::Value {
    serde_json::to_value(choice).unwrap_or_else(|_| json!({}))
}

fn sla_targets(d: &PolicyDefinition) -> [(ClockKind, Option<i64>); 3] {
    [
        (
            ClockKind::Response,
            d.targets.first_response.map(|t| t.as_seconds()),
        ),
        (
            ClockKind::Resolution,
            d.targets.resolution.map(|t| t.as_seconds()),
        ),
        (
            ClockKind::Update,
            d.targets.update_interval.map(|t| t.as_seconds()),
        ),
    ]
}

fn new_clock(
    ticket: &Ticket,
    choice: &Choice,
    calendar_id: i64,
    clock: Clock,
    ola: bool,
) -> StoredClock {
    StoredClock {
        id: 0,
        ticket: ticket.id,
        level: ola.then_some(ticket.level),
        group: if ola { ticket.group } else { None },
        policy_id: choice.policy_id,
        policy_name: choice.name.clone(),
        calendar_id,
        choice: choice_json(choice),
        clock,
        warned_by: None,
        breached_by: None,
    }
}

/// Starts the SLA clocks of a policy (first response and resolution; the update interval
/// starts with the first response).
async fn start_sla_clocks(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    choice: &Choice,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Some(d) = cfg.policy(choice.policy_id) else {
        return Ok(());
    };
    let Some(cal) = cfg.calendar(d.calendar_id) else {
        tracing::warn!(
            policy = d.name,
            "SLA policy names a missing calendar; no clocks"
        );
        return Ok(());
    };
    for (kind, target) in sla_targets(d) {
        let Some(target) = target.filter(|_| kind != ClockKind::Update) else {
            continue;
        };
        let mut clock = Clock::start(kind, target, d.warn_percent, cal, now);
        if t.status == Status::Pending {
            clock.pause(cal, now);
        }
        clocks::insert(c, &new_clock(t, choice, d.calendar_id, clock, false), now).await?;
    }
    Ok(())
}

/// Starts the OLA clock of the ticket's current level and group, when a target matches.
async fn start_ola(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let Ok(choice) = choose_ola(&cfg.olas, t.level, t.group.map(|g| g.0)) else {
        return Ok(());
    };
    let Some(d) = cfg.ola(choice.policy_id) else {
        return Ok(());
    };
    let Some(cal) = cfg.calendar(d.calendar_id) else {
        return Ok(());
    };
    let mut clock = Clock::start(
        ClockKind::Ola,
        d.target.as_seconds(),
        d.warn_percent,
        cal,
        now,
    );
    if t.status == Status::Pending {
        clock.pause(cal, now);
    }
    clocks::insert(c, &new_clock(t, &choice, d.calendar_id, clock, true), now).await?;
    Ok(())
}

/// A ticket was opened: choose its policy and start its clocks.
pub async fn on_open(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let f = facts(c, cfg, t).await?;
    let pin = clocks::pin_of(c, t.id).await?;
    if let Ok(choice) = choose_policy_pinned(&cfg.policies, &f, pin.as_ref()) {
        start_sla_clocks(c, cfg, t, &choice, now).await?;
    }
    start_ola(c, cfg, t, now).await
}

/// Why the policy is chosen again.
#[derive(Debug, Clone, Copy)]
enum Cause<'a> {
    /// The fields policy conditions look at changed.
    Fields(&'a [&'a str]),
    /// The pin changed (set, replaced, removed), or its policy was deleted or made inactive.
    Pin,
}

/// The ticket's pin changed, or the pinned policy was deleted or made inactive: chooses the
/// policy again and recomputes the running clocks on it, journaled. Run in the transaction
/// that changed the pin (or the policy), with a configuration read after that change.
pub async fn on_pin(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if !t.status.is_open() {
        return Ok(());
    }
    let mut list = clocks::for_ticket(c, t.id).await?;
    let mut dirty = vec![false; list.len()];
    recompute_policy(c, cfg, t, Cause::Pin, &mut list, &mut dirty, now).await?;
    for (k, d) in list.iter().zip(&dirty) {
        if *d {
            clocks::save(c, k, now).await?;
        }
    }
    Ok(())
}

/// Pins `pin` on a ticket (replacing an earlier pin) and moves its clocks.
pub async fn pin(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    pin: &Pin,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    clocks::set_pin(c, t.id, pin).await?;
    on_pin(c, cfg, t, now).await
}

/// Removes a ticket's pin and moves its clocks; whether there was one.
pub async fn unpin(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    if !clocks::clear_pin(c, t.id).await? {
        return Ok(false);
    }
    on_pin(c, cfg, t, now).await?;
    Ok(true)
}

/// The latest clock of a kind.
fn latest(clocks: &[StoredClock], kind: ClockKind) -> Option<usize> {
    clocks.iter().rposition(|k| k.clock.kind == kind)
}

/// Applies `f` to every clock with its calendar; returns whether anything changed, marking
/// the changed clocks dirty.
fn each(
    cfg: &SlaConfig,
    list: &mut [StoredClock],
    dirty: &mut [bool],
    mut f: impl FnMut(&mut Clock, &escalade_core::calendar::Calendar) -> bool,
) {
    for (i, k) in list.iter_mut().enumerate() {
        if let Some(cal) = cfg.calendar(k.calendar_id)
            && f(&mut k.clock, cal)
        {
            dirty[i] = true;
        }
    }
}

fn due_text(due: Option<DateTime<Utc>>) -> String {
    due.map_or("none (paused or stopped)".into(), |d| {
        d.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    })
}

/// Appends a system note (no human author) about the SLA to the journal.
pub(crate) async fn system_note(
    c: &mut Conn,
    ticket: TicketId,
    body: String,
    data: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    journal_store::append(
        c,
        &NewEntry {
            ticket,
            kind: EntryKind::InternalNote,
            author: None,
            public: false,
            body,
            data: json!({ "sla": data }),
            at: now,
        },
    )
    .await
}

/// The fields policy conditions look at that changed between `before` and `after`.
fn policy_fields_changed(before: &Ticket, after: &Ticket) -> Vec<&'static str> {
    let mut changed = Vec::new();
    if before.priority != after.priority {
        changed.push("priority");
    }
    if before.kind != after.kind {
        changed.push("type");
    }
    if before.category != after.category {
        changed.push("category");
    }
    if before.service != after.service {
        changed.push("service");
    }
    changed
}

/// A ticket changed (fields, status, level or group): moves its clocks.
pub async fn on_change(
    c: &mut Conn,
    cfg: &SlaConfig,
    before: &Ticket,
    after: &Ticket,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut list = clocks::for_ticket(c, after.id).await?;
    let mut dirty = vec![false; list.len()];
    let (was, is) = (before.status, after.status);
    if is == Status::Pending && was != Status::Pending {
        each(cfg, &mut list, &mut dirty, |k, cal| k.pause(cal, now));
    }
    if was == Status::Pending && is.is_open() && is != Status::Pending {
        each(cfg, &mut list, &mut dirty, |k, cal| k.resume(cal, now));
    }
    if !is.is_open() && was.is_open() {
        each(cfg, &mut list, &mut dirty, |k, cal| {
            k.stop(cal, now).is_some()
        });
    }
    if was == Status::Resolved && is.is_open() {
        // Reopened: the resolution clock and the level's OLA clock continue.
        for kind in [ClockKind::Resolution, ClockKind::Ola] {
            if let Some(i) = latest(&list, kind)
                && let Some(cal) = cfg.calendar(list[i].calendar_id)
                && (kind != ClockKind::Ola
                    || (list[i].level == Some(after.level) && list[i].group == after.group))
                && list[i].clock.restart(cal, now)
            {
                dirty[i] = true;
            }
        }
    }
    let changed = policy_fields_changed(before, after);
    if !changed.is_empty() && after.status.is_open() {
        let cause = Cause::Fields(&changed);
        recompute_policy(c, cfg, after, cause, &mut list, &mut dirty, now).await?;
    }
    for (k, d) in list.iter().zip(&dirty) {
        if *d {
            clocks::save(c, k, now).await?;
        }
    }
    if (before.level, before.group) != (after.level, after.group) {
        // Handed to another level or group: the previous level's clock stops, the receiving
        // level's starts.
        for k in list.iter_mut().filter(|k| k.clock.kind == ClockKind::Ola) {
            if let Some(cal) = cfg.calendar(k.calendar_id)
                && k.clock.stop(cal, now).is_some()
            {
                clocks::save(c, k, now).await?;
            }
        }
        if after.status.is_open() {
            start_ola(c, cfg, after, now).await?;
        }
    }
    Ok(())
}

/// Chooses the policy again (after a change of the fields conditions look at, or of the pin);
/// when another policy applies, or a pin decides it now or no longer, recomputes the running
/// SLA clocks on it and journals the recomputation.
async fn recompute_policy(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    cause: Cause<'_>,
    list: &mut [StoredClock],
    dirty: &mut [bool],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let f = facts(c, cfg, t).await?;
    let pin = clocks::pin_of(c, t.id).await?;
    let Ok(choice) = choose_policy_pinned(&cfg.policies, &f, pin.as_ref()) else {
        // No policy applies any more: the clocks keep the policy they started with.
        return Ok(());
    };
    let current = [
        ClockKind::Resolution,
        ClockKind::Response,
        ClockKind::Update,
    ]
    .into_iter()
    .find_map(|kind| latest(list, kind))
    .map(|i| {
        (
            list[i].policy_id,
            list[i].policy_name.clone(),
            list[i].choice.clone(),
        )
    });
    let Some((current_id, current_name, current_choice)) = current else {
        // Opened before any policy applied: the clocks start now.
        return start_sla_clocks(c, cfg, t, &choice, now).await;
    };
    // The same policy for the same reason (pinned or not): nothing moves. A pin that now
    // decides the policy the conditions had chosen still says so on the clocks.
    let new_choice = choice_json(&choice);
    let same_pin = ["pinned", "pin_lapsed"]
        .iter()
        .all(|key| current_choice.get(key) == new_choice.get(key));
    if current_id == choice.policy_id && same_pin {
        return Ok(());
    }
    let Some(d) = cfg.policy(choice.policy_id) else {
        return Ok(());
    };
    let Some(cal) = cfg.calendar(d.calendar_id) else {
        return Ok(());
    };
    let mut moved = Vec::new();
    for (kind, target) in sla_targets(d) {
        let (Some(target), Some(i)) = (target, latest(list, kind)) else {
            continue;
        };
        let k = &mut list[i];
        let due_before = k.clock.due_at;
        if !k.clock.recompute(target, d.warn_percent, cal) {
            continue;
        }
        k.policy_id = choice.policy_id;
        k.policy_name = choice.name.clone();
        k.calendar_id = d.calendar_id;
        k.choice = choice_json(&choice);
        dirty[i] = true;
        moved.push((kind, due_before, k.clock.due_at));
    }
    let lines: Vec<String> = moved
        .iter()
        .map(|(kind, from, to)| {
            format!(
                "{} due {} -> {}",
                kind.label(),
                due_text(*from),
                due_text(*to)
            )
        })
        .collect();
    let why = match (&choice.pinned, &choice.pin_lapsed) {
        (Some(by), _) => format!("pinned by {by}"),
        (None, Some(lapsed)) => format!("{lapsed}; {}", choice.matched.join("; ")),
        (None, None) => choice.matched.join("; "),
    };
    let changed: Vec<&str> = match cause {
        Cause::Fields(fields) => fields.to_vec(),
        Cause::Pin => vec!["sla_policy"],
    };
    let after = match cause {
        Cause::Fields(fields) => format!("after a change of {}", fields.join(", ")),
        Cause::Pin if choice.pinned.is_some() => "after the policy was pinned".to_string(),
        Cause::Pin => "after the pin was removed or lapsed".to_string(),
    };
    let body = format!(
        "SLA recomputed {after}: policy {current_name} -> {} ({}). {}.",
        choice.name,
        why,
        if lines.is_empty() {
            "No running clock to move".to_string()
        } else {
            lines.join("; ")
        }
    );
    let data = json!({
        "event": "recomputed",
        "changed": changed,
        "from_policy": {"id": current_id, "name": current_name},
        "to_policy": {
            "id": choice.policy_id, "name": choice.name, "matched": choice.matched,
            "pinned": choice.pinned, "pin_lapsed": choice.pin_lapsed,
        },
        "clocks": moved.iter().map(|(kind, from, to)| json!({"kind": kind.as_str(), "due_before": from, "due_after": to})).collect::<Vec<_>>(),
    });
    system_note(c, t.id, body, data, now).await?;
    Ok(())
}

/// An agent gave a public reply: the response clock stops, and the update interval starts
/// again.
pub async fn on_agent_public_reply(
    c: &mut Conn,
    cfg: &SlaConfig,
    t: &Ticket,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut list = clocks::for_ticket(c, t.id).await?;
    for kind in [ClockKind::Response, ClockKind::Update] {
        if let Some(i) = latest(&list, kind)
            && let Some(cal) = cfg.calendar(list[i].calendar_id)
            && list[i].clock.stop(cal, now).is_some()
        {
            clocks::save(c, &list[i], now).await?;
        }
    }
    if !t.status.is_open() {
        return Ok(());
    }
    // The next update is due within the interval of the ticket's policy.
    let Some(i) = latest(&list, ClockKind::Resolution).or(latest(&list, ClockKind::Response))
    else {
        return Ok(());
    };
    let base = &mut list[i];
    let Some(d) = cfg.policy(base.policy_id) else {
        return Ok(());
    };
    let (Some(interval), Some(cal)) = (d.targets.update_interval, cfg.calendar(d.calendar_id))
    else {
        return Ok(());
    };
    let mut clock = Clock::start(
        ClockKind::Update,
        interval.as_seconds(),
        d.warn_percent,
        cal,
        now,
    );
    if t.status == Status::Pending {
        clock.pause(cal, now);
    }
    let update = StoredClock {
        id: 0,
        clock,
        level: None,
        group: None,
        warned_by: None,
        breached_by: None,
        ..base.clone()
    };
    clocks::insert(c, &update, now).await?;
    Ok(())
}
