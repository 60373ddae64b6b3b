//! The SLA policy and the OLA target as administrators write them: conditions, the calendar the
//! targets run on, the targets themselves, the warning threshold and the actions that a warning
//! or a breach runs. Validation names the field at fault, as in the API.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::DomainError;
use crate::ticket::{Priority, SupportLevel, TicketType};
use crate::validate;

/// The share of a target after which a clock warns, when a policy does not say.
pub const DEFAULT_WARN_PERCENT: i64 = 75;
/// The longest target: a year of business time is already meaningless as a promise.
pub const MAX_TARGET_SECONDS: i64 = 366 * 24 * 3600;
/// The longest policy name.
pub const MAX_NAME: usize = 200;
/// The most values one condition lists.
pub const MAX_CONDITION_VALUES: usize = 200;

/// What a warning or a breach does besides being recorded in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaAction {
    /// An in-app notification to the assignee and the lead of the ticket's group.
    Notify,
    /// Hand the ticket to the next support level, with an automatic hand-over summary.
    EscalateNextLevel,
    /// Raise the priority one step (low to medium, ..., high to critical).
    RaisePriority,
}

impl SlaAction {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            SlaAction::Notify => "notify",
            SlaAction::EscalateNextLevel => "escalate_next_level",
            SlaAction::RaisePriority => "raise_priority",
        }
    }
}

/// Which tickets a policy is for. Every condition given must match; a condition left out (or
/// empty) matches every ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// Any of these priorities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priority: Vec<Priority>,
    /// Any of these ticket types.
    #[serde(rename = "type", default, skip_serializing_if = "Vec::is_empty")]
    pub kind: Vec<TicketType>,
    /// Any of these categories, or a category below one of them in the tree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub category_ids: Vec<i64>,
    /// Any of these affected services (compared without regard to case).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    /// A requester of one of these departments (the ticket's department).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub department_ids: Vec<i64>,
    /// `true`: VIP requesters only; `false`: everyone but VIPs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vip: Option<bool>,
}

impl Conditions {
    /// Whether no condition is set (the policy matches every ticket).
    pub fn is_empty(&self) -> bool {
        self.priority.is_empty()
            && self.kind.is_empty()
            && self.category_ids.is_empty()
            && self.services.is_empty()
            && self.department_ids.is_empty()
            && self.vip.is_none()
    }

    fn validate(&mut self) -> Result<(), DomainError> {
        let bounded = |field: &str, n: usize| {
            if n > MAX_CONDITION_VALUES {
                Err(DomainError::invalid(
                    format!("conditions.{field}"),
                    "too_many",
                    format!("a condition lists at most {MAX_CONDITION_VALUES} values"),
                ))
            } else {
                Ok(())
            }
        };
        bounded("priority", self.priority.len())?;
        bounded("type", self.kind.len())?;
        bounded("category_ids", self.category_ids.len())?;
        bounded("services", self.services.len())?;
        bounded("department_ids", self.department_ids.len())?;
        for (i, s) in self.services.iter_mut().enumerate() {
            *s = validate::required_line(&format!("conditions.services[{i}]"), s, 200)?;
        }
        Ok(())
    }
}

/// A duration of business time, exchanged in JSON as minutes. Fractions are accepted when they
/// are whole seconds (`0.5` is 30 seconds), which makes short trial policies possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct BusinessDuration {
    seconds: i64,
}

impl BusinessDuration {
    /// A duration of whole minutes.
    pub const fn minutes(minutes: i64) -> Self {
        Self {
            seconds: minutes * 60,
        }
    }

    /// A duration of seconds.
    pub const fn seconds(seconds: i64) -> Self {
        Self { seconds }
    }

    /// The duration in seconds.
    pub const fn as_seconds(self) -> i64 {
        self.seconds
    }

    /// The duration in minutes, fractional when it is not whole.
    pub fn as_minutes(self) -> f64 {
        self.seconds as f64 / 60.0
    }
}

impl Serialize for BusinessDuration {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.seconds % 60 == 0 {
            s.serialize_i64(self.seconds / 60)
        } else {
            s.serialize_f64(self.as_minutes())
        }
    }
}

impl<'de> Deserialize<'de> for BusinessDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let minutes = f64::deserialize(d)?;
        let seconds = minutes * 60.0;
        let whole = seconds.round();
        if !seconds.is_finite() || (seconds - whole).abs() > 1e-6 || whole.abs() > 1e15 {
            return Err(serde::de::Error::custom(format!(
                "{minutes} minutes is not a whole number of seconds; give minutes such as 240 or 0.5"
            )));
        }
        Ok(Self {
            seconds: whole as i64,
        })
    }
}

/// How long each promise may take, in business time on the policy's calendar. A target left
/// out has no clock.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    /// Until the first public reply by an agent.
    #[serde(
        rename = "first_response_minutes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub first_response: Option<BusinessDuration>,
    /// Until the ticket is resolved.
    #[serde(
        rename = "resolution_minutes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub resolution: Option<BusinessDuration>,
    /// Between two public updates by an agent, once the first response is given.
    #[serde(
        rename = "update_interval_minutes",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub update_interval: Option<BusinessDuration>,
}

fn check_target(field: &str, t: Option<BusinessDuration>) -> Result<(), DomainError> {
    let Some(t) = t else { return Ok(()) };
    if t.as_seconds() <= 0 || t.as_seconds() > MAX_TARGET_SECONDS {
        return Err(DomainError::invalid(
            format!("targets.{field}"),
            "out_of_range",
            format!(
                "a target is more than 0 and at most {} minutes, not {}",
                MAX_TARGET_SECONDS / 60,
                t.as_minutes()
            ),
        ));
    }
    Ok(())
}

impl Targets {
    fn validate(&self) -> Result<(), DomainError> {
        check_target("first_response_minutes", self.first_response)?;
        check_target("resolution_minutes", self.resolution)?;
        check_target("update_interval_minutes", self.update_interval)?;
        if self.first_response.is_none() && self.resolution.is_none() {
            return Err(DomainError::invalid(
                "targets",
                "required",
                "give at least a first response or a resolution target",
            ));
        }
        Ok(())
    }
}

fn default_warn_percent() -> i64 {
    DEFAULT_WARN_PERCENT
}

fn validate_common(
    name: &mut String,
    calendar_id: i64,
    warn_percent: i64,
    on_warning: &mut Vec<SlaAction>,
    on_breach: &mut Vec<SlaAction>,
) -> Result<(), DomainError> {
    *name = validate::required_line("name", name, MAX_NAME)?;
    if calendar_id <= 0 {
        return Err(DomainError::invalid(
            "calendar_id",
            "unknown",
            format!("there is no calendar {calendar_id}"),
        ));
    }
    if !(1..=100).contains(&warn_percent) {
        return Err(DomainError::invalid(
            "warn_percent",
            "out_of_range",
            format!("the warning threshold is a percentage from 1 to 100, not {warn_percent}"),
        ));
    }
    for list in [on_warning, on_breach] {
        let mut seen = Vec::new();
        list.retain(|a| {
            let new = !seen.contains(a);
            seen.push(*a);
            new
        });
    }
    Ok(())
}

/// An SLA policy: which tickets it is for, the calendar and targets, the warning threshold and
/// the actions. Its place in the order and whether it is active are kept beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyDefinition {
    /// What administrators call it ("Critical incidents").
    pub name: String,
    /// Which tickets it is for; all must match.
    #[serde(default)]
    pub conditions: Conditions,
    /// The business calendar its targets run on.
    pub calendar_id: i64,
    /// The targets.
    pub targets: Targets,
    /// The share of a target after which its clock warns, 1-100.
    #[serde(default = "default_warn_percent")]
    pub warn_percent: i64,
    /// What a warning does.
    #[serde(default)]
    pub on_warning: Vec<SlaAction>,
    /// What a breach does.
    #[serde(default)]
    pub on_breach: Vec<SlaAction>,
}

impl PolicyDefinition {
    /// Checks and normalises the policy (trimmed names, actions without repeats). That the
    /// calendar and the referenced categories exist is checked by the caller against storage.
    pub fn validate(&mut self) -> Result<(), DomainError> {
        validate_common(
            &mut self.name,
            self.calendar_id,
            self.warn_percent,
            &mut self.on_warning,
            &mut self.on_breach,
        )?;
        self.conditions.validate()?;
        self.targets.validate()
    }
}

/// An operational level target: how long one support level (or one group at it) may keep an
/// escalated ticket before resolving it or handing it on. Its clock starts when the ticket
/// reaches the level, so each level's performance is measured on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OlaDefinition {
    /// What administrators call it ("Level 2 applications").
    pub name: String,
    /// The level it measures.
    pub level: SupportLevel,
    /// Only this group at the level; every group of the level when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<i64>,
    /// The business calendar its target runs on.
    pub calendar_id: i64,
    /// How long the level may keep the ticket.
    #[serde(rename = "target_minutes")]
    pub target: BusinessDuration,
    /// The share of the target after which the clock warns, 1-100.
    #[serde(default = "default_warn_percent")]
    pub warn_percent: i64,
    /// What a warning does.
    #[serde(default)]
    pub on_warning: Vec<SlaAction>,
    /// What a breach does.
    #[serde(default)]
    pub on_breach: Vec<SlaAction>,
}

impl OlaDefinition {
    /// Checks and normalises the target; the caller checks that the calendar and the group
    /// exist and that the group works at the level.
    pub fn validate(&mut self) -> Result<(), DomainError> {
        validate_common(
            &mut self.name,
            self.calendar_id,
            self.warn_percent,
            &mut self.on_warning,
            &mut self.on_breach,
        )?;
        if self.group_id.is_some_and(|g| g <= 0) {
            return Err(DomainError::invalid(
                "group_id",
                "unknown",
                "there is no such group",
            ));
        }
        let t = self.target.as_seconds();
        if t <= 0 || t > MAX_TARGET_SECONDS {
            return Err(DomainError::invalid(
                "target_minutes",
                "out_of_range",
                format!(
                    "a target is more than 0 and at most {} minutes, not {}",
                    MAX_TARGET_SECONDS / 60,
                    self.target.as_minutes()
                ),
            ));
        }
        Ok(())
    }
}

/// The policies a new installation starts with, one per priority, on the two default
/// calendars (`always_open` for 24x7, `office` for Monday-Friday 09:00-17:00). A business day
/// there is 8 hours, so 3 business days are 1,440 minutes.
pub fn default_policies(always_open: i64, office: i64) -> Vec<PolicyDefinition> {
    use SlaAction::*;
    let policy = |name: &str,
                  p: Priority,
                  calendar: i64,
                  response: i64,
                  resolution: i64,
                  update: Option<i64>,
                  on_breach: Vec<SlaAction>| PolicyDefinition {
        name: name.to_string(),
        conditions: Conditions {
            priority: vec![p],
            ..Default::default()
        },
        calendar_id: calendar,
        targets: Targets {
            first_response: Some(BusinessDuration::minutes(response)),
            resolution: Some(BusinessDuration::minutes(resolution)),
            update_interval: update.map(BusinessDuration::minutes),
        },
        warn_percent: DEFAULT_WARN_PERCENT,
        on_warning: vec![Notify],
        on_breach,
    };
    const DAY: i64 = 8 * 60;
    vec![
        policy(
            "Critical",
            Priority::Critical,
            always_open,
            15,
            4 * 60,
            Some(60),
            vec![Notify, EscalateNextLevel],
        ),
        policy(
            "High",
            Priority::High,
            always_open,
            60,
            8 * 60,
            None,
            vec![Notify],
        ),
        policy(
            "Medium",
            Priority::Medium,
            office,
            4 * 60,
            3 * DAY,
            None,
            vec![Notify],
        ),
        policy(
            "Low",
            Priority::Low,
            office,
            DAY,
            10 * DAY,
            None,
            vec![Notify],
        ),
        policy(
            "Informational",
            Priority::Informational,
            office,
            3 * DAY,
            20 * DAY,
            None,
            vec![Notify],
        ),
    ]
}
