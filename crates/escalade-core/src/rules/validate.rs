//! Save-time checks and compilation of event rules. A rule is checked once, when it is saved
//! (and again when it is loaded, which is cheap): every refusal is a [`DomainError::Invalid`]
//! whose field is the JSON path of the culprit (`conditions.all[1].subject.regex`,
//! `actions[2].add_tags`), so the admin UI shows the message beside the right input.
//!
//! Compilation turns keywords, regular expressions and time zones into ready matchers, so that
//! evaluating a rule on a ticket event never parses anything.

use chrono_tz::Tz;
use regex::RegexBuilder;

use super::condition::{GroupKind, Node, NodeKind, TextMatcher, TextTarget, TimeWindow};
use super::text::Keyword;
use super::*;
use crate::calendar::ClockTime;
use crate::error::DomainError;
use crate::ids::RuleId;
use crate::journal::MAX_COMMENT;
use crate::validate;

/// A rule that passed validation, with its matchers compiled; what the engine runs.
#[derive(Debug, Clone)]
pub struct CompiledRule {
    id: Option<RuleId>,
    rule: Rule,
    pub(crate) conditions: Node,
}

impl CompiledRule {
    /// Validates and compiles a rule.
    pub fn new(rule: Rule) -> Result<Self, DomainError> {
        validate::required_line("name", &rule.name, MAX_NAME)?;
        let (key, items) = rule.conditions.parts();
        let mut count = 0;
        let conditions = group(
            &rule,
            &format!("conditions.{key}"),
            key,
            items,
            1,
            &mut count,
        )?;
        check_actions(&rule.actions)?;
        Ok(Self {
            id: None,
            rule,
            conditions,
        })
    }

    /// The same rule, known to storage under `id`.
    pub fn with_id(mut self, id: RuleId) -> Self {
        self.id = Some(id);
        self
    }

    /// The stored id, when the rule is stored (a rule being edited has none yet).
    pub fn id(&self) -> Option<RuleId> {
        self.id
    }

    /// The rule as written.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

impl Rule {
    /// Checks the rule as [`CompiledRule::new`] does.
    pub fn validate(&self) -> Result<(), DomainError> {
        CompiledRule::new(self.clone()).map(drop)
    }

    /// Validates and compiles the rule.
    pub fn compile(self) -> Result<CompiledRule, DomainError> {
        CompiledRule::new(self)
    }
}

fn group(
    rule: &Rule,
    path: &str,
    key: &str,
    items: &[Condition],
    depth: usize,
    count: &mut usize,
) -> Result<Node, DomainError> {
    if depth > 1 && items.is_empty() {
        return Err(DomainError::invalid(
            path,
            "empty_group",
            format!("the '{key}' group has no conditions; add some or remove the group"),
        ));
    }
    let kind = match key {
        "any" => GroupKind::Any,
        "none" => GroupKind::NoneOf,
        _ => GroupKind::All,
    };
    let mut nodes = Vec::with_capacity(items.len());
    for (i, c) in items.iter().enumerate() {
        *count += 1;
        let here = format!("{path}[{i}]");
        if *count > MAX_CONDITIONS {
            return Err(DomainError::invalid(
                here,
                "too_many",
                format!("a rule holds at most {MAX_CONDITIONS} conditions"),
            ));
        }
        nodes.push(condition(rule, &here, c, depth, count)?);
    }
    Ok(Node {
        path: path.to_string(),
        kind: NodeKind::Group(kind, nodes),
    })
}

fn condition(
    rule: &Rule,
    path: &str,
    c: &Condition,
    depth: usize,
    count: &mut usize,
) -> Result<Node, DomainError> {
    let inner = format!("{path}.{}", c.key());
    let kind = match c {
        Condition::All(items) | Condition::Any(items) | Condition::NoneOf(items) => {
            if depth >= MAX_DEPTH {
                return Err(DomainError::invalid(
                    inner,
                    "too_deep",
                    format!("condition groups nest at most {MAX_DEPTH} levels deep"),
                ));
            }
            return group(rule, &inner, c.key(), items, depth + 1, count);
        }
        Condition::Subject(t) => NodeKind::Text(TextTarget::Subject, text(rule, &inner, t)?),
        Condition::Description(t) => {
            NodeKind::Text(TextTarget::Description, text(rule, &inner, t)?)
        }
        Condition::Text(t) => NodeKind::Text(TextTarget::Either, text(rule, &inner, t)?),
        Condition::Time(t) => NodeKind::Time(time(&inner, t)?),
        Condition::Status(v) => field(rule, c, &inner, v, Kind::Required, ids_ok)?,
        Condition::Priority(v) => field(rule, c, &inner, v, Kind::Required, ids_ok)?,
        Condition::Impact(v) => field(rule, c, &inner, v, Kind::Required, ids_ok)?,
        Condition::Urgency(v) => field(rule, c, &inner, v, Kind::Required, ids_ok)?,
        Condition::Type(v) => field(rule, c, &inner, v, Kind::Required, ids_ok)?,
        Condition::Channel(v) => field(rule, c, &inner, v, Kind::Required, ids_ok)?,
        Condition::Level(v) => field(rule, c, &inner, v, Kind::Required, ids_ok)?,
        Condition::Category(v) => field(rule, c, &inner, v, Kind::Category, |c| c.0 > 0)?,
        Condition::Group(v) => field(rule, c, &inner, v, Kind::Optional, |g| g.0 > 0)?,
        Condition::Assignee(v) => field(rule, c, &inner, v, Kind::Optional, |u| u.0 > 0)?,
        Condition::RequesterDepartment(v) => {
            field(rule, c, &inner, v, Kind::Requester, |d| d.0 > 0)?
        }
        Condition::Tags(t) => {
            let (key, list) = match t {
                TagTest::ContainsAny(l) => ("contains_any", l),
                TagTest::ContainsAll(l) => ("contains_all", l),
                TagTest::ContainsNone(l) => ("contains_none", l),
            };
            tag_list(&format!("{inner}.{key}"), list)?;
            NodeKind::Field(c.clone())
        }
        Condition::RequesterVip(_) => NodeKind::Field(c.clone()),
    };
    Ok(Node {
        path: path.to_string(),
        kind,
    })
}

/// Which value tests a field accepts.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Always has a value (status, priority, ...): no `set`.
    Required,
    /// May be empty (group, assignee): `set` allowed.
    Optional,
    /// May be empty and is a tree: `set` and `under` allowed.
    Category,
    /// A fact about the requester, not a ticket field: no change tests.
    Requester,
}

fn ids_ok<T>(_: &T) -> bool {
    true
}

/// Checks a value test; the condition is then matched as written.
fn field<T>(
    rule: &Rule,
    c: &Condition,
    path: &str,
    v: &ValueTest<T>,
    kind: Kind,
    valid: impl Fn(&T) -> bool,
) -> Result<NodeKind, DomainError> {
    let field_name = path.rsplit('.').next().unwrap_or(path);
    let op = format!("{path}.{}", v.key());
    let refuse = |code, message: String| Err(DomainError::invalid(op.clone(), code, message));
    match v {
        ValueTest::Set(_) if kind == Kind::Required => {
            return refuse(
                "not_applicable",
                format!(
                    "{field_name} always has a value; 'set' applies to fields that may be empty"
                ),
            );
        }
        ValueTest::Under(_) | ValueTest::NotUnder(_) if kind != Kind::Category => {
            return refuse(
                "not_applicable",
                format!("'{}' applies to the category tree only", v.key()),
            );
        }
        _ if v.is_change_test() && kind == Kind::Requester => {
            return refuse(
                "not_applicable",
                format!("{field_name} is not a ticket field, so an update cannot change it"),
            );
        }
        _ if v.is_change_test() && rule.event != RuleEvent::Updated => {
            return refuse(
                "needs_updated_event",
                format!(
                    "'{}' compares the ticket before and after an update; it needs a rule on \
                     the 'updated' event, and this one runs on '{}'",
                    v.key(),
                    rule.event
                ),
            );
        }
        _ => {}
    }
    let values: Vec<&T> = match v {
        ValueTest::Is(x) | ValueTest::Not(x) => vec![x],
        ValueTest::In(l)
        | ValueTest::NotIn(l)
        | ValueTest::Under(l)
        | ValueTest::NotUnder(l)
        | ValueTest::ChangedTo(l)
        | ValueTest::ChangedFrom(l) => {
            if l.is_empty() {
                return refuse(
                    "empty_list",
                    format!("'{}' needs at least one value", v.key()),
                );
            }
            l.iter().collect()
        }
        ValueTest::Set(_) | ValueTest::Changed(_) => Vec::new(),
    };
    if let Some(i) = values.iter().position(|x| !valid(x)) {
        return Err(DomainError::invalid(
            op,
            "invalid_id",
            format!(
                "value {} of '{}' is not an id (ids are positive numbers)",
                i + 1,
                v.key()
            ),
        ));
    }
    Ok(NodeKind::Field(c.clone()))
}

fn tag_list(path: &str, list: &[String]) -> Result<Vec<String>, DomainError> {
    if list.is_empty() {
        return Err(DomainError::invalid(
            path,
            "empty_list",
            "list at least one tag",
        ));
    }
    let tags = validate::tags(list).map_err(|e| match e {
        DomainError::Invalid(f) => DomainError::invalid(path, f.code, f.message),
        other => other,
    })?;
    if tags.is_empty() {
        return Err(DomainError::invalid(
            path,
            "empty_list",
            "list at least one tag",
        ));
    }
    Ok(tags)
}

fn text(rule: &Rule, path: &str, t: &TextTest) -> Result<TextMatcher, DomainError> {
    match t {
        TextTest::Keywords(list) => {
            let path = format!("{path}.keywords");
            if list.is_empty() {
                return Err(DomainError::invalid(
                    path,
                    "empty_list",
                    "list at least one keyword",
                ));
            }
            if list.len() > MAX_KEYWORDS {
                return Err(DomainError::invalid(
                    path,
                    "too_many",
                    format!("a condition lists at most {MAX_KEYWORDS} keywords"),
                ));
            }
            let mut keywords = Vec::with_capacity(list.len());
            for (i, k) in list.iter().enumerate() {
                let here = format!("{path}[{i}]");
                validate::max_chars(&here, k, MAX_KEYWORD)?;
                let kw = Keyword::parse(k).map_err(|e| {
                    DomainError::invalid(here, e.code, format!("the keyword {}", e.message))
                })?;
                keywords.push(kw);
            }
            Ok(TextMatcher::Keywords(keywords))
        }
        TextTest::Regex(pattern) => {
            let path = format!("{path}.regex");
            if pattern.trim().is_empty() {
                return Err(DomainError::invalid(
                    path,
                    "required",
                    "the regular expression is empty",
                ));
            }
            validate::max_chars(&path, pattern, MAX_REGEX)?;
            let re = RegexBuilder::new(pattern)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(4 * REGEX_SIZE_LIMIT)
                .build()
                .map_err(|e| {
                    DomainError::invalid(
                        path.clone(),
                        "bad_regex",
                        format!(
                            "the regular expression of rule '{}' at {path} does not compile: {e}",
                            rule.name.trim()
                        ),
                    )
                })?;
            // A pattern that matches empty text matches every ticket: surely not what was meant.
            if re.is_match("") {
                return Err(DomainError::invalid(
                    path,
                    "matches_everything",
                    format!(
                        "the regular expression /{pattern}/ matches empty text, so it would match \
                         every ticket"
                    ),
                ));
            }
            Ok(TextMatcher::Regex(re))
        }
    }
}

fn time(path: &str, t: &TimeTest) -> Result<TimeWindow, DomainError> {
    let zone: Tz = t.zone.trim().parse().map_err(|_| {
        DomainError::invalid(
            format!("{path}.zone"),
            "unknown_zone",
            format!("'{}' is not an IANA time zone such as Europe/Paris", t.zone),
        )
    })?;
    if t.days.as_ref().is_some_and(Vec::is_empty) {
        return Err(DomainError::invalid(
            format!("{path}.days"),
            "empty_list",
            "list at least one day, or leave 'days' out for every day",
        ));
    }
    if t.days.is_none() && t.from.is_none() && t.to.is_none() {
        return Err(DomainError::invalid(
            path,
            "no_time_limit",
            "give 'days', 'from' or 'to': a time condition without them holds at every moment",
        ));
    }
    let from = t.from.unwrap_or(ClockTime::MIDNIGHT);
    let to = t.to.unwrap_or(ClockTime::END_OF_DAY);
    if from == to || (from == ClockTime::END_OF_DAY && to == ClockTime::MIDNIGHT) {
        return Err(DomainError::invalid(
            format!("{path}.to"),
            "empty_time_range",
            format!(
                "the window {from}-{to} is empty; a window past midnight is written 18:00-08:00"
            ),
        ));
    }
    Ok(TimeWindow {
        zone,
        days: t.days.clone(),
        from,
        to,
    })
}

fn check_actions(actions: &[Action]) -> Result<(), DomainError> {
    if actions.is_empty() {
        return Err(DomainError::invalid(
            "actions",
            "no_actions",
            "a rule needs at least one action",
        ));
    }
    if actions.len() > MAX_ACTIONS {
        return Err(DomainError::invalid(
            "actions",
            "too_many",
            format!("a rule holds at most {MAX_ACTIONS} actions"),
        ));
    }
    for (i, a) in actions.iter().enumerate() {
        let path = format!("actions[{i}].{}", a.key());
        let bad_id = |ok: bool| {
            if ok {
                Ok(())
            } else {
                Err(DomainError::invalid(
                    path.clone(),
                    "invalid_id",
                    "ids are positive numbers",
                ))
            }
        };
        if i > 0 && actions[i - 1] == Action::Stop {
            return Err(DomainError::invalid(
                format!("actions[{i}]"),
                "unreachable_action",
                "this action comes after 'stop' and would never run; 'stop' goes last",
            ));
        }
        match a {
            Action::SetCategory(c) => bad_id(c.0 > 0)?,
            Action::SetGroup(g) => bad_id(g.is_none_or(|g| g.0 > 0))?,
            Action::SetAssignee(u) => bad_id(u.is_none_or(|u| u.0 > 0))?,
            Action::SetSlaPolicy(p) => bad_id(p.0 > 0)?,
            Action::AddTags(t) | Action::RemoveTags(t) => {
                tag_list(&path, t)?;
            }
            Action::AddNote(text) => note_text(&path, text)?,
            Action::SendAutoReply(spec) => auto_reply(&path, spec)?,
            Action::SetType(_)
            | Action::SetPriority(_)
            | Action::SetImpact(_)
            | Action::SetUrgency(_)
            | Action::SetLevel(_)
            | Action::Stop => {}
        }
    }
    Ok(())
}

/// A note or message text: not blank, bounded.
pub(crate) fn note_text(path: &str, text: &str) -> Result<(), DomainError> {
    if text.trim().is_empty() {
        return Err(DomainError::invalid(path, "required", "the text is empty"));
    }
    validate::max_chars(path, text, MAX_TEXT.min(MAX_COMMENT))
}

/// An automatic message: a template key and its text.
pub(crate) fn auto_reply(path: &str, spec: &AutoReplySpec) -> Result<(), DomainError> {
    let key = spec.template.trim();
    let ok = |c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-');
    if key.is_empty() || key.len() > 100 || !key.chars().all(ok) {
        return Err(DomainError::invalid(
            format!("{path}.template"),
            "malformed_template",
            "a template key is 1 to 100 letters, digits, '_', '.' or '-' (ack_password_reset)",
        ));
    }
    note_text(&format!("{path}.text"), &spec.text)
}
