//! Choosing the policy of a ticket: the first active policy, in the administrators' order,
//! whose conditions all match. The choice keeps its reasons (which conditions matched, and why
//! each earlier policy was passed over), so that a deadline can say why it is what it is.

use serde::{Deserialize, Serialize};

use super::policy::{OlaDefinition, PolicyDefinition};
use crate::ticket::{Priority, SupportLevel, TicketType};

/// What policy conditions look at on a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyFacts {
    /// The ticket's priority.
    pub priority: Priority,
    /// The ticket's type.
    pub kind: TicketType,
    /// The ticket's category followed by its ancestors up to the root; empty without one.
    pub category_path: Vec<i64>,
    /// The affected service.
    pub service: Option<String>,
    /// The ticket's department.
    pub department: Option<i64>,
    /// Whether the requester is a VIP.
    pub vip: bool,
}

/// A stored policy as the choice sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Its id.
    pub id: i64,
    /// Whether it takes part in choices.
    pub active: bool,
    /// What it says.
    pub definition: PolicyDefinition,
}

/// A policy passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// Its id.
    pub policy_id: i64,
    /// Its name.
    pub name: String,
    /// Why it did not apply ("priority is high, the policy is for critical").
    pub reason: String,
}

/// The policy (or OLA target) chosen for a ticket and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The chosen policy's id.
    pub policy_id: i64,
    /// Its name when chosen.
    pub name: String,
    /// The conditions that matched, as sentences; "no conditions: applies to every ticket"
    /// when it has none.
    pub matched: Vec<String>,
    /// Earlier policies in the order that were passed over.
    pub skipped: Vec<Skipped>,
}

/// No policy applies; every policy is listed with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoChoice {
    /// Every policy passed over.
    pub skipped: Vec<Skipped>,
}

fn list<T: std::fmt::Display>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks every condition of a policy: the sentences of those that matched, or the first that
/// did not, as a sentence.
fn evaluate(d: &PolicyDefinition, f: &PolicyFacts) -> Result<Vec<String>, String> {
    let c = &d.conditions;
    let mut matched = Vec::new();
    if !c.priority.is_empty() {
        if !c.priority.contains(&f.priority) {
            return Err(format!(
                "priority is {}, the policy is for {}",
                f.priority,
                list(&c.priority)
            ));
        }
        matched.push(format!("priority is {}", f.priority));
    }
    if !c.kind.is_empty() {
        if !c.kind.contains(&f.kind) {
            return Err(format!(
                "type is {}, the policy is for {}",
                f.kind,
                list(&c.kind)
            ));
        }
        matched.push(format!("type is {}", f.kind));
    }
    if !c.category_ids.is_empty() {
        match f
            .category_path
            .iter()
            .position(|id| c.category_ids.contains(id))
        {
            Some(0) => matched.push(format!("category is {}", f.category_path[0])),
            Some(i) => matched.push(format!(
                "category {} is under category {}",
                f.category_path[0], f.category_path[i]
            )),
            None => {
                return Err(match f.category_path.first() {
                    Some(cat) => format!(
                        "category {cat} is not one of (or under) categories {}",
                        list(&c.category_ids)
                    ),
                    None => format!(
                        "the ticket has no category, the policy is for categories {}",
                        list(&c.category_ids)
                    ),
                });
            }
        }
    }
    if !c.services.is_empty() {
        let service = f.service.as_deref().map(str::trim).unwrap_or("");
        match c.services.iter().find(|s| s.eq_ignore_ascii_case(service)) {
            Some(s) => matched.push(format!("service is {s}")),
            None if service.is_empty() => {
                return Err(format!(
                    "the ticket names no service, the policy is for {}",
                    c.services.join(", ")
                ));
            }
            None => {
                return Err(format!(
                    "service is {service}, the policy is for {}",
                    c.services.join(", ")
                ));
            }
        }
    }
    if !c.department_ids.is_empty() {
        match f.department {
            Some(d) if c.department_ids.contains(&d) => {
                matched.push(format!("the requester's department is {d}"))
            }
            Some(d) => {
                return Err(format!(
                    "the requester's department is {d}, the policy is for departments {}",
                    list(&c.department_ids)
                ));
            }
            None => {
                return Err(format!(
                    "the requester has no department, the policy is for departments {}",
                    list(&c.department_ids)
                ));
            }
        }
    }
    match (c.vip, f.vip) {
        (Some(true), true) => matched.push("the requester is a VIP".into()),
        (Some(true), false) => return Err("the requester is not a VIP".into()),
        (Some(false), false) => matched.push("the requester is not a VIP".into()),
        (Some(false), true) => {
            return Err("the requester is a VIP, the policy excludes VIPs".into());
        }
        (None, _) => {}
    }
    if matched.is_empty() {
        matched.push("no conditions: applies to every ticket".into());
    }
    Ok(matched)
}

/// The first active policy in `policies` (already in the administrators' order) whose
/// conditions all match, with the reasons; or every policy with the reason it did not apply.
pub fn choose_policy(policies: &[Policy], facts: &PolicyFacts) -> Result<Choice, NoChoice> {
    let mut skipped = Vec::new();
    for p in policies {
        if !p.active {
            skipped.push(Skipped {
                policy_id: p.id,
                name: p.definition.name.clone(),
                reason: "the policy is inactive".into(),
            });
            continue;
        }
        match evaluate(&p.definition, facts) {
            Ok(matched) => {
                return Ok(Choice {
                    policy_id: p.id,
                    name: p.definition.name.clone(),
                    matched,
                    skipped,
                });
            }
            Err(reason) => skipped.push(Skipped {
                policy_id: p.id,
                name: p.definition.name.clone(),
                reason,
            }),
        }
    }
    Err(NoChoice { skipped })
}

/// A stored OLA target as the choice sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OlaTarget {
    /// Its id.
    pub id: i64,
    /// Whether it takes part in choices.
    pub active: bool,
    /// What it says.
    pub definition: OlaDefinition,
}

/// The OLA target for a ticket arriving at `level` in `group`: a target for that very group
/// wins over one for the whole level; among equals the first in the order.
pub fn choose_ola(
    targets: &[OlaTarget],
    level: SupportLevel,
    group: Option<i64>,
) -> Result<Choice, NoChoice> {
    let mut skipped = Vec::new();
    let mut for_level: Option<&OlaTarget> = None;
    for t in targets {
        let d = &t.definition;
        let reason = if !t.active {
            Some("the target is inactive".to_string())
        } else if d.level != level {
            Some(format!(
                "it is for level {}, the ticket is at level {level}",
                d.level
            ))
        } else {
            match (d.group_id, group) {
                (Some(g), Some(tg)) if g == tg => {
                    return Ok(Choice {
                        policy_id: t.id,
                        name: d.name.clone(),
                        matched: vec![
                            format!("the ticket is at level {level}"),
                            format!("the ticket is in group {g}"),
                        ],
                        skipped,
                    });
                }
                (Some(g), _) => Some(format!(
                    "it is for group {g}, the ticket is in {}",
                    group.map_or("no group".to_string(), |g| format!("group {g}"))
                )),
                (None, _) => {
                    for_level.get_or_insert(t);
                    None
                }
            }
        };
        if let Some(reason) = reason {
            skipped.push(Skipped {
                policy_id: t.id,
                name: d.name.clone(),
                reason,
            });
        }
    }
    match for_level {
        Some(t) => Ok(Choice {
            policy_id: t.id,
            name: t.definition.name.clone(),
            matched: vec![
                format!("the ticket is at level {level}"),
                "the target applies to every group of the level".into(),
            ],
            skipped,
        }),
        None => Err(NoChoice { skipped }),
    }
}
