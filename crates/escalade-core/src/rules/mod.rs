//! Automation rules: event rules that qualify and route a ticket when it is created, updated or
//! answered by its requester, and time rules that the scheduler runs (remind, auto-close,
//! escalate). Pure: rules are data, matching and applying them are functions.
//!
//! This file owns the model, exactly as it is stored (JSON) and sent over the API, with its
//! field names. The other modules own one step each:
//!
//! | module | owns |
//! |---|---|
//! | `validate` | save-time checks and compilation ([`CompiledRule`]) |
//! | `json` | [`Rule::from_json`]: the JSON form, shape errors named by their path |
//! | `references` | the stored objects a rule names, checked by the service layer |
//! | `text` | keyword matching: Unicode folding, words, Cyrillic stems, CJK substrings |
//! | `condition` | matching a compiled rule's conditions against a ticket, with the reasons |
//! | `action` | applying actions to the working copy of a ticket |
//! | `engine` | [`evaluate`]: ordered evaluation, stop, the outcome and the dry-run report; the no-loop decision [`rules_to_run`] |
//! | `shipped` | the default classification rules in four languages |
//! | `time_rules` | time rules: the model and when each is due |
//!
//! The user-facing description, with the JSON shape and every validation error, is
//! `docs/RULES.md`.

mod action;
mod condition;
mod engine;
mod json;
mod references;
mod shipped;
mod text;
mod time_rules;
mod validate;

#[cfg(test)]
mod tests;

use chrono::Weekday;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::ClockTime;
use crate::ids::{CategoryId, DepartmentId, GroupId, SlaPolicyId, UserId};
use crate::ticket::{Channel, Impact, Priority, Status, SupportLevel, TicketType, Urgency};

pub use condition::Reason;
pub use engine::{
    AutoReply, ChangeOrigin, Event, Fired, Happening, Note, Outcome, Refusal, RuleContext, RuleRef,
    RuleReport, TicketFacts, Verdict, dry_run, evaluate, rules_to_run,
};
pub use references::{Reference, References};
pub use shipped::{CLASSIFICATION, Classification, classification_rules};
pub use text::{Keyword, KeywordError, KeywordMatch, PreparedText, find_keyword, fold};
pub use time_rules::{
    AutoClose, EscalateUnassigned, MAX_DAYS, MAX_HOURS, MAX_MINUTES, RemindPending, TimeAction,
    TimeFacts, TimeRule, TimeRuleKind,
};
pub use validate::CompiledRule;

/// The longest rule name.
pub const MAX_NAME: usize = 200;
/// The most actions one rule holds.
pub const MAX_ACTIONS: usize = 50;
/// The most conditions one rule holds, counted at every nesting level.
pub const MAX_CONDITIONS: usize = 200;
/// How deep condition groups nest: the rule's own group, and groups inside it, and one more.
pub const MAX_DEPTH: usize = 3;
/// The most keywords one condition lists (the shipped lists hold about forty).
pub const MAX_KEYWORDS: usize = 500;
/// The longest keyword, in characters.
pub const MAX_KEYWORD: usize = 100;
/// The longest regular expression, in characters.
pub const MAX_REGEX: usize = 1_000;
/// The most memory a compiled regular expression may take, so that a saved rule cannot make
/// every ticket event slow.
pub const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// The longest internal note or auto-reply text.
pub const MAX_TEXT: usize = 20_000;

/// The ticket event an event rule runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleEvent {
    /// A ticket was opened (portal, mail, phone, API, monitoring...).
    Created,
    /// A person or the scheduler changed a ticket's fields; never a change made by rules.
    Updated,
    /// The requester answered (a reply on the portal or a mail threaded onto the ticket).
    ReplyReceived,
}

impl RuleEvent {
    /// The text form.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleEvent::Created => "created",
            RuleEvent::Updated => "updated",
            RuleEvent::ReplyReceived => "reply_received",
        }
    }
}

impl std::fmt::Display for RuleEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

fn yes() -> bool {
    true
}

/// An event rule: when `event` happens and the `conditions` hold, run the `actions` in order.
///
/// Rules run in the order the administrator gives them; a later rule sees what earlier rules
/// changed. `stop_after` (or a `stop` action) ends the run for this event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// What administrators call it; shown in the journal when it fires.
    pub name: String,
    /// The event it runs on.
    pub event: RuleEvent,
    /// An inactive rule is kept but never runs (a dry run still tries it).
    #[serde(default = "yes")]
    pub active: bool,
    /// When it applies; no conditions means every ticket of the event.
    #[serde(default)]
    pub conditions: ConditionGroup,
    /// What it does, in order.
    pub actions: Vec<Action>,
    /// Whether no further rule runs on this event once this one fired.
    #[serde(default)]
    pub stop_after: bool,
}

/// A group of conditions: all of them, any of them, or none of them must hold.
///
/// JSON: `{"all": [...]}`, `{"any": [...]}` or `{"none": [...]}`. An empty group at the top of
/// a rule holds for every ticket; a nested group may not be empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionGroup {
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// No condition holds.
    #[serde(rename = "none")]
    NoneOf(Vec<Condition>),
}

impl Default for ConditionGroup {
    fn default() -> Self {
        ConditionGroup::All(Vec::new())
    }
}

impl ConditionGroup {
    /// The JSON key of the group (`all`, `any`, `none`) and its conditions.
    pub fn parts(&self) -> (&'static str, &[Condition]) {
        match self {
            ConditionGroup::All(c) => ("all", c),
            ConditionGroup::Any(c) => ("any", c),
            ConditionGroup::NoneOf(c) => ("none", c),
        }
    }
}

/// One test on the ticket, keyed by the fact it looks at: `{"priority": {"in": ["high"]}}`.
///
/// The keys are the field names of the ticket API, plus `requester_department`,
/// `requester_vip`, `text` (subject or description), `time`, and the nested groups `all`,
/// `any`, `none`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// The ticket's status.
    Status(ValueTest<Status>),
    /// The ticket's priority.
    Priority(ValueTest<Priority>),
    /// The ticket's impact.
    Impact(ValueTest<Impact>),
    /// The ticket's urgency.
    Urgency(ValueTest<Urgency>),
    /// The ticket's type.
    Type(ValueTest<TicketType>),
    /// How the ticket came in.
    Channel(ValueTest<Channel>),
    /// The support level, 0 to 3.
    Level(ValueTest<SupportLevel>),
    /// The category; `under` also matches the descendants of the listed categories.
    Category(ValueTest<CategoryId>),
    /// The responsible group.
    Group(ValueTest<GroupId>),
    /// The responsible agent.
    Assignee(ValueTest<UserId>),
    /// The ticket's tags.
    Tags(TagTest),
    /// The requester's department.
    RequesterDepartment(ValueTest<DepartmentId>),
    /// Whether the requester is a VIP.
    RequesterVip(bool),
    /// Keywords or a pattern in the subject.
    Subject(TextTest),
    /// Keywords or a pattern in the description.
    Description(TextTest),
    /// Keywords or a pattern in the subject or the description.
    Text(TextTest),
    /// The time of day and the weekday, on the wall clock of a time zone.
    Time(TimeTest),
    /// A nested group: every condition holds.
    All(Vec<Condition>),
    /// A nested group: at least one condition holds.
    Any(Vec<Condition>),
    /// A nested group: no condition holds.
    #[serde(rename = "none")]
    NoneOf(Vec<Condition>),
}

impl Condition {
    /// The JSON key of the condition (`priority`, `text`, `any`...), for paths and messages.
    pub fn key(&self) -> &'static str {
        match self {
            Condition::Status(_) => "status",
            Condition::Priority(_) => "priority",
            Condition::Impact(_) => "impact",
            Condition::Urgency(_) => "urgency",
            Condition::Type(_) => "type",
            Condition::Channel(_) => "channel",
            Condition::Level(_) => "level",
            Condition::Category(_) => "category",
            Condition::Group(_) => "group",
            Condition::Assignee(_) => "assignee",
            Condition::Tags(_) => "tags",
            Condition::RequesterDepartment(_) => "requester_department",
            Condition::RequesterVip(_) => "requester_vip",
            Condition::Subject(_) => "subject",
            Condition::Description(_) => "description",
            Condition::Text(_) => "text",
            Condition::Time(_) => "time",
            Condition::All(_) => "all",
            Condition::Any(_) => "any",
            Condition::NoneOf(_) => "none",
        }
    }
}

/// A test on one field's value: `{"is": "high"}`, `{"in": ["high", "critical"]}`, ...
///
/// `set` applies to fields that may be empty (category, group, assignee,
/// requester_department); `under` and `not_under` to the category; the `changed` family to
/// rules of the `updated` event, where it compares the field before and after the update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueTest<T> {
    /// The field equals this value.
    Is(T),
    /// The field equals one of these values.
    In(Vec<T>),
    /// The field does not equal this value (an empty field is not equal).
    Not(T),
    /// The field equals none of these values (an empty field equals none).
    NotIn(Vec<T>),
    /// `true`: the field has a value; `false`: it is empty.
    Set(bool),
    /// The category is one of these or below one of them in the tree.
    Under(Vec<T>),
    /// The category is neither one of these nor below one of them.
    NotUnder(Vec<T>),
    /// `true`: the update changed the field; `false`: it did not.
    Changed(bool),
    /// The update changed the field to one of these values.
    ChangedTo(Vec<T>),
    /// The update changed the field from one of these values.
    ChangedFrom(Vec<T>),
}

impl<T> ValueTest<T> {
    /// The JSON key of the test.
    pub fn key(&self) -> &'static str {
        match self {
            ValueTest::Is(_) => "is",
            ValueTest::In(_) => "in",
            ValueTest::Not(_) => "not",
            ValueTest::NotIn(_) => "not_in",
            ValueTest::Set(_) => "set",
            ValueTest::Under(_) => "under",
            ValueTest::NotUnder(_) => "not_under",
            ValueTest::Changed(_) => "changed",
            ValueTest::ChangedTo(_) => "changed_to",
            ValueTest::ChangedFrom(_) => "changed_from",
        }
    }

    /// Whether the test compares the ticket before and after an update.
    pub fn is_change_test(&self) -> bool {
        matches!(
            self,
            ValueTest::Changed(_) | ValueTest::ChangedTo(_) | ValueTest::ChangedFrom(_)
        )
    }
}

/// A test on the ticket's tags (tags are lower case; the listed tags are compared lower case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TagTest {
    /// The ticket has at least one of these tags.
    ContainsAny(Vec<String>),
    /// The ticket has every one of these tags.
    ContainsAll(Vec<String>),
    /// The ticket has none of these tags.
    ContainsNone(Vec<String>),
}

/// A test on free text: `{"keywords": [...]}` or `{"regex": "..."}`.
///
/// Keywords are matched case- and accent-insensitively by words (see `docs/RULES.md`); a
/// regular expression is case-insensitive unless it turns that off with `(?-i)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextTest {
    /// At least one of these keywords or phrases appears.
    Keywords(Vec<String>),
    /// The text matches this regular expression (the `regex` crate's syntax).
    Regex(String),
}

/// A test on the wall clock of a time zone, at the moment the rule runs.
///
/// `days` and the `from`-`to` window are tested independently on the local clock; a window
/// whose `from` is after its `to` runs past midnight (`"from": "18:00", "to": "08:00"` is the
/// night).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimeTest {
    /// An IANA time zone name, such as `Europe/Paris`.
    pub zone: String,
    /// The weekdays that match (`monday`...`sunday`); every day when absent.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "weekday_names"
    )]
    pub days: Option<Vec<Weekday>>,
    /// The start of the window (included); midnight when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ClockTime>,
    /// The end of the window (excluded); `24:00` when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<ClockTime>,
}

/// One step of a rule, keyed by what it does: `{"set_priority": "high"}`, `"stop"`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Sets the category.
    SetCategory(CategoryId),
    /// Sets the type.
    SetType(TicketType),
    /// Sets the priority by hand: the matrix no longer decides it.
    SetPriority(Priority),
    /// Sets the impact; the priority follows the matrix unless it was set by hand.
    SetImpact(Impact),
    /// Sets the urgency; the priority follows the matrix unless it was set by hand.
    SetUrgency(Urgency),
    /// Sets the support level.
    SetLevel(SupportLevel),
    /// Sets the group; `null` clears it.
    SetGroup(Option<GroupId>),
    /// Sets the assignee (a new ticket becomes assigned); `null` clears it.
    SetAssignee(Option<UserId>),
    /// Adds tags.
    AddTags(Vec<String>),
    /// Removes tags.
    RemoveTags(Vec<String>),
    /// Sets the SLA policy.
    SetSlaPolicy(SlaPolicyId),
    /// Adds an internal note, for agents only.
    AddNote(String),
    /// Sends the requester an automatic reply.
    SendAutoReply(AutoReplySpec),
    /// Stops the run: no further action or rule runs on this event. JSON: `"stop"`.
    Stop,
}

impl Action {
    /// The JSON key of the action.
    pub fn key(&self) -> &'static str {
        match self {
            Action::SetCategory(_) => "set_category",
            Action::SetType(_) => "set_type",
            Action::SetPriority(_) => "set_priority",
            Action::SetImpact(_) => "set_impact",
            Action::SetUrgency(_) => "set_urgency",
            Action::SetLevel(_) => "set_level",
            Action::SetGroup(_) => "set_group",
            Action::SetAssignee(_) => "set_assignee",
            Action::AddTags(_) => "add_tags",
            Action::RemoveTags(_) => "remove_tags",
            Action::SetSlaPolicy(_) => "set_sla_policy",
            Action::AddNote(_) => "add_note",
            Action::SendAutoReply(_) => "send_auto_reply",
            Action::Stop => "stop",
        }
    }
}

/// An automatic reply: the template the mail layer renders in the requester's language, and
/// the text it carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutoReplySpec {
    /// Template key: letters, digits, `_`, `.` and `-` (`ack_password_reset`).
    pub template: String,
    /// The message.
    pub text: String,
}

/// Serde for weekdays as lower-case English names (`monday`), as in calendars.
mod weekday_names {
    use super::*;

    pub(super) const NAMES: [(Weekday, &str); 7] = [
        (Weekday::Mon, "monday"),
        (Weekday::Tue, "tuesday"),
        (Weekday::Wed, "wednesday"),
        (Weekday::Thu, "thursday"),
        (Weekday::Fri, "friday"),
        (Weekday::Sat, "saturday"),
        (Weekday::Sun, "sunday"),
    ];

    pub(crate) fn name(day: Weekday) -> &'static str {
        NAMES.iter().find(|(d, _)| *d == day).map_or("", |(_, n)| n)
    }

    pub fn serialize<S: Serializer>(days: &Option<Vec<Weekday>>, s: S) -> Result<S::Ok, S::Error> {
        let names: Option<Vec<&str>> = days.as_ref().map(|d| d.iter().map(|&d| name(d)).collect());
        names.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Weekday>>, D::Error> {
        let names: Option<Vec<String>> = Option::deserialize(d)?;
        names
            .map(|names| {
                names
                    .iter()
                    .map(|n| {
                        NAMES
                            .iter()
                            .find(|(_, name)| *name == n.trim().to_lowercase())
                            .map(|(d, _)| *d)
                            .ok_or_else(|| {
                                serde::de::Error::custom(format!(
                                    "'{n}' is not a weekday: monday, tuesday, wednesday, \
                                     thursday, friday, saturday, sunday"
                                ))
                            })
                    })
                    .collect()
            })
            .transpose()
    }
}

pub(crate) use weekday_names::name as weekday_name;
