//! The details of a new ticket: who picks it up at level 0, its nature, configuration items,
//! tags, key facts, custom fields and watchers.

use std::collections::BTreeMap;

use escalade_core::ids::UserId;
use escalade_core::people::Language;
use escalade_core::ticket::{Impact, KeyFacts, Nature, Priority, TicketType};
use rand::Rng;
use rand::rngs::StdRng;

use super::people::{Agent, Directory, Requester, Staff};
use super::texts::{self, CategoryText, Template};
use super::{pick, pick_opt, weighted};

/// A level 0 agent, usually one who speaks the ticket's language.
pub(super) fn level0_agent<'a>(rng: &mut StdRng, desk: &'a Staff, lang: Language) -> &'a Agent {
    let speakers: Vec<&Agent> = desk.agents.iter().filter(|a| a.language == lang).collect();
    match pick_opt(rng, &speakers) {
        Some(a) if rng.random_bool(0.8) => a,
        _ => pick(rng, &desk.agents),
    }
}

pub(super) fn nature(rng: &mut StdRng, cat: &CategoryText) -> Option<Nature> {
    use Nature::*;
    if rng.random_bool(0.1) {
        return None;
    }
    Some(match cat.key {
        "security" => weighted(rng, &[(Technical, 70), (Regulatory, 30)]),
        "software_failure" | "user_support" | "consulting" => {
            weighted(rng, &[(Technical, 45), (Functional, 50), (Regulatory, 5)])
        }
        _ => weighted(rng, &[(Technical, 85), (Functional, 10), (Regulatory, 5)]),
    })
}

pub(super) fn config_items(rng: &mut StdRng, cat: &CategoryText) -> Vec<String> {
    match pick_opt(rng, cat.items) {
        Some(prefix) if rng.random_bool(0.5) => {
            vec![format!("{prefix}{:03}", rng.random_range(1..400))]
        }
        _ => Vec::new(),
    }
}

pub(super) fn tags(
    rng: &mut StdRng,
    tpl: &Template,
    requester: &Requester,
    p: Priority,
) -> Vec<String> {
    let mut tags: Vec<String> = tpl.tags.iter().map(|t| t.to_string()).collect();
    if requester.vip {
        tags.push("vip".into());
    }
    if p == Priority::Critical && tpl.kind == TicketType::Incident && rng.random_bool(0.5) {
        tags.push("major-incident".into());
    }
    tags
}

/// The facts level 0 collects on some incidents.
pub(super) fn facts(
    rng: &mut StdRng,
    cat: &CategoryText,
    tpl: &Template,
    impact: Impact,
) -> KeyFacts {
    if tpl.kind != TicketType::Incident || !rng.random_bool(0.55) {
        return KeyFacts::default();
    }
    if tpl.alert {
        return KeyFacts {
            started: Some("when the alert fired".into()),
            ..Default::default()
        };
    }
    KeyFacts {
        started: Some(pick(rng, texts::STARTED).to_string()),
        users_affected: Some(match impact {
            Impact::High => rng.random_range(20..=300),
            Impact::Medium => rng.random_range(3..=20),
            Impact::Low => 1,
        }),
        error_codes: pick_opt(rng, cat.errors).map(|e| e.to_string()),
        tried: pick_opt(rng, cat.tried).map(|t| t.to_string()),
    }
}

pub(super) fn custom(
    rng: &mut StdRng,
    cat: &CategoryText,
    requester: &Requester,
) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    match cat.key {
        "hardware_failure" if rng.random_bool(0.6) => {
            m.insert(
                "asset_tag".into(),
                format!("AT-{:05}", rng.random_range(1..30_000)),
            );
        }
        "service_request" if rng.random_bool(0.6) => {
            if let Some(d) = requester.department_index {
                m.insert("cost_centre".into(), format!("CC-{}", 4100 + 100 * d));
            }
        }
        _ => {}
    }
    m
}

/// VIPs' tickets are often watched by the team lead; a few by a colleague.
pub(super) fn watchers(rng: &mut StdRng, dir: &Directory, requester: &Requester) -> Vec<UserId> {
    let mut w = Vec::new();
    if requester.vip && rng.random_bool(0.5) {
        w.push(dir.lead.id);
    }
    if let Some(d) = requester.department_index
        && rng.random_bool(0.08)
    {
        let colleagues: Vec<UserId> = dir
            .colleagues(d)
            .map(|r| r.id)
            .filter(|id| *id != requester.id)
            .collect();
        if let Some(id) = pick_opt(rng, &colleagues) {
            w.push(*id);
        }
    }
    w.sort();
    w.dedup();
    w
}
