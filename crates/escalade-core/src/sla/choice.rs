//! Choosing the policy of a ticket: the policy pinned on the ticket (by a rule's
//! `set_sla_policy` or by an agent) while it exists and is active, else the first active
//! policy, in the administrators' order, whose conditions all match. The choice keeps its
//! reasons as typed [`Reason`]s (which conditions matched, why each earlier policy was passed
//! over, who pinned it, why a pin no longer holds), so that a deadline can say why it is what
//! it is in the reader's language; each reason also reads as an English sentence.

use std::fmt;

use chrono::{DateTime, Utc};
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

/// One reason of a choice: a condition that matched, or why a policy (or OLA target) was
/// passed over. Serialised with its `kind` and typed arguments, so that readers can put it in
/// their own words; `Display` is the English sentence the API has always given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The policy has no condition.
    NoConditions,
    /// The policy is inactive.
    Inactive,
    /// The OLA target is inactive.
    TargetInactive,
    /// The ticket's priority is one the policy is for.
    PriorityIs { priority: Priority },
    /// The ticket's priority is not one the policy is for.
    PriorityNotIn {
        priority: Priority,
        wanted: Vec<Priority>,
    },
    /// The ticket's type is one the policy is for.
    TypeIs {
        #[serde(rename = "type")]
        kind: TicketType,
    },
    /// The ticket's type is not one the policy is for.
    TypeNotIn {
        #[serde(rename = "type")]
        kind: TicketType,
        wanted: Vec<TicketType>,
    },
    /// The ticket's category is one the policy is for.
    CategoryIs { category: i64 },
    /// The ticket's category is below one the policy is for.
    CategoryUnder { category: i64, ancestor: i64 },
    /// The ticket's category is neither one of nor under the policy's.
    CategoryNotIn { category: i64, wanted: Vec<i64> },
    /// The ticket has no category; the policy wants one.
    NoCategory { wanted: Vec<i64> },
    /// The affected service is one the policy is for.
    ServiceIs { service: String },
    /// The affected service is not one the policy is for.
    ServiceNotIn {
        service: String,
        wanted: Vec<String>,
    },
    /// The ticket names no service; the policy wants one.
    NoService { wanted: Vec<String> },
    /// The requester's department is one the policy is for.
    DepartmentIs { department: i64 },
    /// The requester's department is not one the policy is for.
    DepartmentNotIn { department: i64, wanted: Vec<i64> },
    /// The requester has no department; the policy wants one.
    NoDepartment { wanted: Vec<i64> },
    /// The requester is a VIP, as the policy wants.
    Vip,
    /// The requester is not a VIP, as the policy wants (or, passed over, against its wish).
    NotVip,
    /// The requester is a VIP; the policy excludes VIPs.
    VipExcluded,
    /// OLA: the ticket is at the target's level.
    AtLevel { level: i64 },
    /// OLA: the ticket is in the target's group.
    InGroup { group: i64 },
    /// OLA: the target is for every group of the level.
    EveryGroup,
    /// OLA: the target is for another level.
    OtherLevel { wanted: i64, level: i64 },
    /// OLA: the target is for another group.
    OtherGroup { wanted: i64, group: Option<i64> },
}

fn list<T: fmt::Display>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NoConditions => write!(f, "no conditions: applies to every ticket"),
            Reason::Inactive => write!(f, "the policy is inactive"),
            Reason::TargetInactive => write!(f, "the target is inactive"),
            Reason::PriorityIs { priority } => write!(f, "priority is {priority}"),
            Reason::PriorityNotIn { priority, wanted } => {
                write!(
                    f,
                    "priority is {priority}, the policy is for {}",
                    list(wanted)
                )
            }
            Reason::TypeIs { kind } => write!(f, "type is {kind}"),
            Reason::TypeNotIn { kind, wanted } => {
                write!(f, "type is {kind}, the policy is for {}", list(wanted))
            }
            Reason::CategoryIs { category } => write!(f, "category is {category}"),
            Reason::CategoryUnder { category, ancestor } => {
                write!(f, "category {category} is under category {ancestor}")
            }
            Reason::CategoryNotIn { category, wanted } => write!(
                f,
                "category {category} is not one of (or under) categories {}",
                list(wanted)
            ),
            Reason::NoCategory { wanted } => write!(
                f,
                "the ticket has no category, the policy is for categories {}",
                list(wanted)
            ),
            Reason::ServiceIs { service } => write!(f, "service is {service}"),
            Reason::ServiceNotIn { service, wanted } => {
                write!(
                    f,
                    "service is {service}, the policy is for {}",
                    list(wanted)
                )
            }
            Reason::NoService { wanted } => write!(
                f,
                "the ticket names no service, the policy is for {}",
                list(wanted)
            ),
            Reason::DepartmentIs { department } => {
                write!(f, "the requester's department is {department}")
            }
            Reason::DepartmentNotIn { department, wanted } => write!(
                f,
                "the requester's department is {department}, the policy is for departments {}",
                list(wanted)
            ),
            Reason::NoDepartment { wanted } => write!(
                f,
                "the requester has no department, the policy is for departments {}",
                list(wanted)
            ),
            Reason::Vip => write!(f, "the requester is a VIP"),
            Reason::NotVip => write!(f, "the requester is not a VIP"),
            Reason::VipExcluded => write!(f, "the requester is a VIP, the policy excludes VIPs"),
            Reason::AtLevel { level } => write!(f, "the ticket is at level {level}"),
            Reason::InGroup { group } => write!(f, "the ticket is in group {group}"),
            Reason::EveryGroup => write!(f, "the target applies to every group of the level"),
            Reason::OtherLevel { wanted, level } => {
                write!(
                    f,
                    "it is for level {wanted}, the ticket is at level {level}"
                )
            }
            Reason::OtherGroup { wanted, group } => match group {
                Some(g) => write!(f, "it is for group {wanted}, the ticket is in group {g}"),
                None => write!(f, "it is for group {wanted}, the ticket is in no group"),
            },
        }
    }
}

/// Who pinned a ticket's SLA policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum PinnedBy {
    /// A rule's `set_sla_policy` action.
    Rule {
        /// The rule's id (none for a rule tried before it was saved).
        rule_id: Option<i64>,
        /// Its name.
        name: String,
    },
    /// A person (an agent who may manage SLA settings).
    Person {
        /// Their id.
        user_id: i64,
        /// Their name.
        name: String,
    },
}

impl fmt::Display for PinnedBy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PinnedBy::Rule { name, .. } => write!(f, "rule '{name}'"),
            PinnedBy::Person { name, .. } => write!(f, "{name}"),
        }
    }
}

/// The SLA policy pinned on a ticket: the engine uses it instead of choosing by conditions,
/// while it exists and is active.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pin {
    /// The pinned policy.
    pub policy_id: i64,
    /// Its name when pinned (kept when the policy is deleted).
    pub policy_name: String,
    /// Who pinned it.
    #[serde(rename = "pinned_by")]
    pub by: PinnedBy,
    /// When.
    pub at: DateTime<Utc>,
}

/// Why a pin no longer decides the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PinLapse {
    /// The pinned policy was deleted.
    Deleted,
    /// The pinned policy was made inactive.
    Inactive,
}

/// A pin that no longer holds, kept in the choice made instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LapsedPin {
    /// The pinned policy.
    pub policy_id: i64,
    /// Its name when pinned.
    pub name: String,
    /// Who pinned it.
    #[serde(rename = "pinned_by")]
    pub by: PinnedBy,
    /// Why it no longer holds.
    pub lapse: PinLapse,
}

impl fmt::Display for LapsedPin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.lapse {
            PinLapse::Deleted => "was deleted",
            PinLapse::Inactive => "is inactive",
        };
        write!(
            f,
            "policy {} pinned by {} {why}: chosen by conditions instead",
            self.name, self.by
        )
    }
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
    /// Why it did not apply, in English ("priority is high, the policy is for critical").
    pub reason: String,
    /// The same, typed (absent from choices stored before reasons were typed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Reason>,
}

impl Skipped {
    fn new(policy_id: i64, name: &str, why: Reason) -> Self {
        Skipped {
            policy_id,
            name: name.to_string(),
            reason: why.to_string(),
            why: Some(why),
        }
    }
}

/// The policy (or OLA target) chosen for a ticket and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// The chosen policy's id.
    pub policy_id: i64,
    /// Its name when chosen.
    pub name: String,
    /// The conditions that matched, as English sentences; "no conditions: applies to every
    /// ticket" when it has none; empty for a pinned policy.
    pub matched: Vec<String>,
    /// The same, typed (absent from choices stored before reasons were typed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<Reason>,
    /// Earlier policies in the order that were passed over.
    pub skipped: Vec<Skipped>,
    /// Who pinned the policy, when it was pinned rather than chosen by conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinned: Option<PinnedBy>,
    /// A pin that no longer holds (its policy deleted or inactive): the policy was chosen by
    /// conditions instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_lapsed: Option<LapsedPin>,
}

impl Choice {
    fn matched(policy_id: i64, name: &str, reasons: Vec<Reason>, skipped: Vec<Skipped>) -> Self {
        Choice {
            policy_id,
            name: name.to_string(),
            matched: reasons.iter().map(ToString::to_string).collect(),
            reasons,
            skipped,
            pinned: None,
            pin_lapsed: None,
        }
    }
}

/// No policy applies; every policy is listed with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoChoice {
    /// Every policy passed over.
    pub skipped: Vec<Skipped>,
    /// A pin that no longer holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin_lapsed: Option<LapsedPin>,
}

/// Checks every condition of a policy: those that matched, or the first that did not.
fn evaluate(d: &PolicyDefinition, f: &PolicyFacts) -> Result<Vec<Reason>, Reason> {
    let c = &d.conditions;
    let mut matched = Vec::new();
    if !c.priority.is_empty() {
        if !c.priority.contains(&f.priority) {
            return Err(Reason::PriorityNotIn {
                priority: f.priority,
                wanted: c.priority.clone(),
            });
        }
        matched.push(Reason::PriorityIs {
            priority: f.priority,
        });
    }
    if !c.kind.is_empty() {
        if !c.kind.contains(&f.kind) {
            return Err(Reason::TypeNotIn {
                kind: f.kind,
                wanted: c.kind.clone(),
            });
        }
        matched.push(Reason::TypeIs { kind: f.kind });
    }
    if !c.category_ids.is_empty() {
        let wanted = || c.category_ids.clone();
        match f
            .category_path
            .iter()
            .position(|id| c.category_ids.contains(id))
        {
            Some(0) => matched.push(Reason::CategoryIs {
                category: f.category_path[0],
            }),
            Some(i) => matched.push(Reason::CategoryUnder {
                category: f.category_path[0],
                ancestor: f.category_path[i],
            }),
            None => {
                return Err(match f.category_path.first() {
                    Some(&category) => Reason::CategoryNotIn {
                        category,
                        wanted: wanted(),
                    },
                    None => Reason::NoCategory { wanted: wanted() },
                });
            }
        }
    }
    if !c.services.is_empty() {
        let service = f.service.as_deref().map(str::trim).unwrap_or("");
        match c.services.iter().find(|s| s.eq_ignore_ascii_case(service)) {
            Some(s) => matched.push(Reason::ServiceIs { service: s.clone() }),
            None if service.is_empty() => {
                return Err(Reason::NoService {
                    wanted: c.services.clone(),
                });
            }
            None => {
                return Err(Reason::ServiceNotIn {
                    service: service.to_string(),
                    wanted: c.services.clone(),
                });
            }
        }
    }
    if !c.department_ids.is_empty() {
        let wanted = c.department_ids.clone();
        match f.department {
            Some(d) if c.department_ids.contains(&d) => {
                matched.push(Reason::DepartmentIs { department: d })
            }
            Some(d) => {
                return Err(Reason::DepartmentNotIn {
                    department: d,
                    wanted,
                });
            }
            None => return Err(Reason::NoDepartment { wanted }),
        }
    }
    match (c.vip, f.vip) {
        (Some(true), true) => matched.push(Reason::Vip),
        (Some(true), false) => return Err(Reason::NotVip),
        (Some(false), false) => matched.push(Reason::NotVip),
        (Some(false), true) => return Err(Reason::VipExcluded),
        (None, _) => {}
    }
    if matched.is_empty() {
        matched.push(Reason::NoConditions);
    }
    Ok(matched)
}

/// The first active policy in `policies` (already in the administrators' order) whose
/// conditions all match, with the reasons; or every policy with the reason it did not apply.
pub fn choose_policy(policies: &[Policy], facts: &PolicyFacts) -> Result<Choice, NoChoice> {
    let mut skipped = Vec::new();
    for p in policies {
        let name = &p.definition.name;
        if !p.active {
            skipped.push(Skipped::new(p.id, name, Reason::Inactive));
            continue;
        }
        match evaluate(&p.definition, facts) {
            Ok(matched) => return Ok(Choice::matched(p.id, name, matched, skipped)),
            Err(reason) => skipped.push(Skipped::new(p.id, name, reason)),
        }
    }
    Err(NoChoice {
        skipped,
        pin_lapsed: None,
    })
}

/// The policy of a ticket that may carry a pin: the pinned policy while it exists and is
/// active (whatever its conditions say), else the choice by conditions, which then names the
/// pin that lapsed and why.
pub fn choose_policy_pinned(
    policies: &[Policy],
    facts: &PolicyFacts,
    pin: Option<&Pin>,
) -> Result<Choice, NoChoice> {
    let Some(pin) = pin else {
        return choose_policy(policies, facts);
    };
    let lapse = match policies.iter().find(|p| p.id == pin.policy_id) {
        Some(p) if p.active => {
            return Ok(Choice {
                policy_id: p.id,
                name: p.definition.name.clone(),
                matched: Vec::new(),
                reasons: Vec::new(),
                skipped: Vec::new(),
                pinned: Some(pin.by.clone()),
                pin_lapsed: None,
            });
        }
        Some(_) => PinLapse::Inactive,
        None => PinLapse::Deleted,
    };
    let lapsed = LapsedPin {
        policy_id: pin.policy_id,
        name: pin.policy_name.clone(),
        by: pin.by.clone(),
        lapse,
    };
    match choose_policy(policies, facts) {
        Ok(mut c) => {
            c.pin_lapsed = Some(lapsed);
            Ok(c)
        }
        Err(mut n) => {
            n.pin_lapsed = Some(lapsed);
            Err(n)
        }
    }
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
    let at_level = Reason::AtLevel { level: level.get() };
    for t in targets {
        let d = &t.definition;
        let reason = if !t.active {
            Some(Reason::TargetInactive)
        } else if d.level != level {
            Some(Reason::OtherLevel {
                wanted: d.level.get(),
                level: level.get(),
            })
        } else {
            match (d.group_id, group) {
                (Some(g), Some(tg)) if g == tg => {
                    let reasons = vec![at_level, Reason::InGroup { group: g }];
                    return Ok(Choice::matched(t.id, &d.name, reasons, skipped));
                }
                (Some(g), _) => Some(Reason::OtherGroup { wanted: g, group }),
                (None, _) => {
                    for_level.get_or_insert(t);
                    None
                }
            }
        };
        if let Some(reason) = reason {
            skipped.push(Skipped::new(t.id, &d.name, reason));
        }
    }
    match for_level {
        Some(t) => Ok(Choice::matched(
            t.id,
            &t.definition.name,
            vec![at_level, Reason::EveryGroup],
            skipped,
        )),
        None => Err(NoChoice {
            skipped,
            pin_lapsed: None,
        }),
    }
}
