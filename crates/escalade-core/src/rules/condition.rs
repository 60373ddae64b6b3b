//! Matching a compiled rule's conditions against the facts of a ticket, and saying why: every
//! leaf test returns whether it held and a sentence about the ticket, so a dry run can show
//! which condition decided.

use std::cell::OnceCell;
use std::fmt::Display;

use chrono::{DateTime, Datelike, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use regex::Regex;
use serde::{Deserialize, Serialize};

use super::engine::TicketFacts;
use super::text::{Keyword, PreparedText};
use super::{Condition, TagTest, ValueTest, weekday_name};
use crate::calendar::ClockTime;
use crate::ids::CategoryId;
use crate::ticket::Ticket;

/// One condition's verdict on a ticket, for the dry run and the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// The condition's path in the rule (`conditions.all[1].any[0]`).
    pub path: String,
    /// Whether the condition held.
    pub held: bool,
    /// What the ticket showed, in words (`priority is low, not one of high, critical`).
    pub detail: String,
}

/// A compiled condition tree: groups and leaves, each with its path in the rule.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) path: String,
    pub(crate) kind: NodeKind,
}

#[derive(Debug, Clone)]
pub(crate) enum NodeKind {
    Group(GroupKind, Vec<Node>),
    /// A test on a field's value, used as written.
    Field(Condition),
    Text(TextTarget, TextMatcher),
    Time(TimeWindow),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKind {
    All,
    Any,
    NoneOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextTarget {
    Subject,
    Description,
    Either,
}

#[derive(Debug, Clone)]
pub(crate) enum TextMatcher {
    Keywords(Vec<Keyword>),
    Regex(Regex),
}

#[derive(Debug, Clone)]
pub(crate) struct TimeWindow {
    pub(crate) zone: Tz,
    pub(crate) days: Option<Vec<Weekday>>,
    pub(crate) from: ClockTime,
    pub(crate) to: ClockTime,
}

/// Everything a condition may look at during one evaluation.
pub(crate) struct Scene<'a> {
    /// The working copy, with earlier rules' changes.
    pub(crate) facts: &'a TicketFacts,
    /// The ticket before the update, for `updated` events.
    pub(crate) before: Option<&'a Ticket>,
    pub(crate) texts: &'a Texts,
    pub(crate) now: DateTime<Utc>,
    pub(crate) parent_of: &'a dyn Fn(CategoryId) -> Option<CategoryId>,
    /// Whether to write the reasons down. Every rule runs on every ticket event, and most do
    /// not match: their sentences are only wanted by a dry run, so they are not even formatted
    /// otherwise.
    pub(crate) explain: bool,
}

/// Formats an explanation only when someone will read it.
macro_rules! say {
    ($explain:expr, $($arg:tt)*) => {
        if $explain { format!($($arg)*) } else { String::new() }
    };
}

/// The subject and description prepared for keywords at most once per evaluation: rules do not
/// change them, so every rule can share the work.
#[derive(Default)]
pub(crate) struct Texts {
    subject: OnceCell<PreparedText>,
    description: OnceCell<PreparedText>,
}

impl Texts {
    fn subject(&self, t: &Ticket) -> &PreparedText {
        self.subject.get_or_init(|| PreparedText::new(&t.subject))
    }
    fn description(&self, t: &Ticket) -> &PreparedText {
        self.description
            .get_or_init(|| PreparedText::new(&t.description))
    }
}

impl Node {
    /// Whether the node holds, and the reasons that decided it. Evaluation stops as soon as
    /// the answer is known, so the reasons are the ones that decided: the failing condition of
    /// an `all`, the matching one of an `any`.
    pub(crate) fn eval(&self, scene: &Scene<'_>) -> (bool, Vec<Reason>) {
        let (held, detail) = match &self.kind {
            NodeKind::Group(kind, nodes) => return eval_group(*kind, nodes, scene),
            NodeKind::Field(c) => field(c, scene),
            NodeKind::Text(target, m) => text(*target, m, scene),
            NodeKind::Time(w) => time(w, scene.now, scene.explain),
        };
        if !scene.explain {
            return (held, Vec::new());
        }
        let reason = Reason {
            path: self.path.clone(),
            held,
            detail,
        };
        (held, vec![reason])
    }
}

fn eval_group(kind: GroupKind, nodes: &[Node], scene: &Scene<'_>) -> (bool, Vec<Reason>) {
    let mut reasons = Vec::new();
    for node in nodes {
        let (held, why) = node.eval(scene);
        match (kind, held) {
            (GroupKind::All, false) | (GroupKind::Any, true) | (GroupKind::NoneOf, true) => {
                return (kind != GroupKind::NoneOf && held, why);
            }
            _ => reasons.extend(why),
        }
    }
    // All held (all), none held (any: false; none: true).
    (kind != GroupKind::Any || nodes.is_empty(), reasons)
}

fn field(c: &Condition, s: &Scene<'_>) -> (bool, String) {
    match c {
        Condition::Status(v) => on_ticket("status", v, s, |t| Some(t.status), None),
        Condition::Priority(v) => on_ticket("priority", v, s, |t| Some(t.priority), None),
        Condition::Impact(v) => on_ticket("impact", v, s, |t| Some(t.impact), None),
        Condition::Urgency(v) => on_ticket("urgency", v, s, |t| Some(t.urgency), None),
        Condition::Type(v) => on_ticket("type", v, s, |t| Some(t.kind), None),
        Condition::Channel(v) => on_ticket("channel", v, s, |t| Some(t.channel), None),
        Condition::Level(v) => on_ticket("level", v, s, |t| Some(t.level), None),
        Condition::Category(v) => {
            let under = |c: CategoryId, roots: &[CategoryId]| is_under(c, roots, s.parent_of);
            on_ticket("category", v, s, |t| t.category, Some(&under))
        }
        Condition::Group(v) => on_ticket("group", v, s, |t| t.group, None),
        Condition::Assignee(v) => on_ticket("assignee", v, s, |t| t.assignee, None),
        Condition::RequesterDepartment(v) => value(
            "requester_department",
            v,
            s.facts.requester_department,
            None,
            None,
            s.explain,
        ),
        Condition::RequesterVip(want) => {
            let vip = s.facts.requester_vip;
            let detail = if vip {
                "the requester is a VIP"
            } else {
                "the requester is not a VIP"
            };
            (vip == *want, say!(s.explain, "{detail}"))
        }
        Condition::Tags(test) => tags(test, &s.facts.ticket.tags, s.explain),
        // Compiled into other node kinds.
        Condition::Subject(_)
        | Condition::Description(_)
        | Condition::Text(_)
        | Condition::Time(_)
        | Condition::All(_)
        | Condition::Any(_)
        | Condition::NoneOf(_) => (false, "not a field test".into()),
    }
}

type Under<'a, T> = Option<&'a dyn Fn(T, &[T]) -> bool>;

/// Runs a value test on a field of the ticket, read before and after the update.
fn on_ticket<T: Copy + PartialEq + Display>(
    name: &str,
    test: &ValueTest<T>,
    s: &Scene<'_>,
    get: impl Fn(&Ticket) -> Option<T>,
    under: Under<'_, T>,
) -> (bool, String) {
    value(
        name,
        test,
        get(&s.facts.ticket),
        s.before.map(&get),
        under,
        s.explain,
    )
}

/// Runs a value test. `before` is `None` when there is no earlier state (not an update), and
/// `Some(previous value)` otherwise.
fn value<T: Copy + PartialEq + Display>(
    name: &str,
    test: &ValueTest<T>,
    now: Option<T>,
    before: Option<Option<T>>,
    under: Under<'_, T>,
    explain: bool,
) -> (bool, String) {
    let shown = if explain { show(now) } else { String::new() };
    let is_in = |list: &[T]| now.is_some_and(|v| list.contains(&v));
    let in_subtree = |list: &[T]| match (now, under) {
        (Some(v), Some(under)) => under(v, list),
        _ => false,
    };
    match test {
        ValueTest::Is(x) => {
            let held = now == Some(*x);
            let detail = if held {
                say!(explain, "{name} is {x}")
            } else {
                say!(explain, "{name} is {shown}, not {x}")
            };
            (held, detail)
        }
        ValueTest::In(list) => {
            let held = is_in(list);
            let neg = if held { "" } else { "not " };
            (
                held,
                say!(
                    explain,
                    "{name} is {shown}, {neg}one of {}",
                    show_list(list)
                ),
            )
        }
        ValueTest::Not(x) => {
            let held = now != Some(*x);
            let detail = if held {
                say!(explain, "{name} is {shown}, not {x}")
            } else {
                say!(explain, "{name} is {x}")
            };
            (held, detail)
        }
        ValueTest::NotIn(list) => {
            let held = !is_in(list);
            let neg = if held { "none" } else { "one" };
            (
                held,
                say!(explain, "{name} is {shown}, {neg} of {}", show_list(list)),
            )
        }
        ValueTest::Set(want) => {
            let detail = match now {
                Some(v) => say!(explain, "{name} is set ({v})"),
                None => say!(explain, "{name} is empty"),
            };
            (now.is_some() == *want, detail)
        }
        ValueTest::Under(list) | ValueTest::NotUnder(list) => {
            let inside = in_subtree(list);
            let held = inside == matches!(test, ValueTest::Under(_));
            let neg = if inside { "" } else { "not " };
            (
                held,
                say!(explain, "{name} {shown} is {neg}under {}", show_list(list)),
            )
        }
        ValueTest::Changed(_) | ValueTest::ChangedTo(_) | ValueTest::ChangedFrom(_) => {
            let Some(was) = before else {
                return (
                    matches!(test, ValueTest::Changed(false)),
                    say!(explain, "not an update, so {name} did not change"),
                );
            };
            let changed = was != now;
            let detail = if changed {
                say!(explain, "{name} changed from {} to {shown}", show(was))
            } else {
                say!(explain, "{name} did not change ({shown})")
            };
            let held = match test {
                ValueTest::Changed(want) => changed == *want,
                ValueTest::ChangedTo(list) => changed && is_in(list),
                ValueTest::ChangedFrom(list) => changed && was.is_some_and(|w| list.contains(&w)),
                _ => false,
            };
            (held, detail)
        }
    }
}

fn show<T: Display>(v: Option<T>) -> String {
    v.map_or_else(|| "empty".to_string(), |v| v.to_string())
}

fn show_list<T: Display>(list: &[T]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `node` is one of `roots` or below one of them. Bounded like `category::would_cycle`
/// so that a corrupt tree cannot hang a ticket event.
fn is_under(
    node: CategoryId,
    roots: &[CategoryId],
    parent_of: &dyn Fn(CategoryId) -> Option<CategoryId>,
) -> bool {
    let mut cur = Some(node);
    let mut steps = 0;
    while let Some(c) = cur {
        if roots.contains(&c) {
            return true;
        }
        steps += 1;
        if steps > 10_000 {
            return false;
        }
        cur = parent_of(c);
    }
    false
}

fn tags(test: &TagTest, have: &[String], explain: bool) -> (bool, String) {
    let has = |t: &String| have.iter().any(|h| h == &t.trim().to_lowercase());
    let shown = if !explain {
        String::new()
    } else if have.is_empty() {
        "no tags".to_string()
    } else {
        format!("tags {}", have.join(", "))
    };
    let (held, what) = match test {
        TagTest::ContainsAny(list) => (list.iter().any(has), ("any", list)),
        TagTest::ContainsAll(list) => (list.iter().all(has), ("all", list)),
        TagTest::ContainsNone(list) => (!list.iter().any(has), ("none", list)),
    };
    let verdict = if held { "matches" } else { "does not match" };
    (
        held,
        say!(
            explain,
            "the ticket has {shown}, which {verdict} {} of {}",
            what.0,
            what.1.join(", ")
        ),
    )
}

fn text(target: TextTarget, m: &TextMatcher, s: &Scene<'_>) -> (bool, String) {
    let t = &s.facts.ticket;
    let explain = s.explain;
    let places: &[(&str, TextTarget)] = match target {
        TextTarget::Subject => &[("subject", TextTarget::Subject)],
        TextTarget::Description => &[("description", TextTarget::Description)],
        TextTarget::Either => &[
            ("subject", TextTarget::Subject),
            ("description", TextTarget::Description),
        ],
    };
    for &(name, place) in places {
        let found = match m {
            TextMatcher::Keywords(keywords) => {
                let prepared = if place == TextTarget::Subject {
                    s.texts.subject(t)
                } else {
                    s.texts.description(t)
                };
                keywords.iter().find_map(|k| k.find(prepared)).map(|f| {
                    if !explain {
                        String::new()
                    } else if f.found == super::text::fold(&f.keyword) {
                        format!("{name} contains '{}'", f.keyword)
                    } else {
                        format!("{name} contains '{}' (as '{}')", f.keyword, f.found)
                    }
                })
            }
            TextMatcher::Regex(re) => {
                let raw = if place == TextTarget::Subject {
                    &t.subject
                } else {
                    &t.description
                };
                re.find(raw).map(|hit| {
                    if !explain {
                        return String::new();
                    }
                    let snippet: String = hit.as_str().chars().take(80).collect();
                    format!("{name} matches /{}/ at '{snippet}'", re.as_str())
                })
            }
        };
        if let Some(detail) = found {
            return (true, detail);
        }
    }
    if !explain {
        return (false, String::new());
    }
    let where_ = match target {
        TextTarget::Subject => "the subject",
        TextTarget::Description => "the description",
        TextTarget::Either => "neither the subject nor the description",
    };
    let detail = match (m, target) {
        (TextMatcher::Keywords(k), TextTarget::Either) if k.len() == 1 => {
            format!("{where_} contains '{}'", k[0].written())
        }
        (TextMatcher::Keywords(k), TextTarget::Either) => {
            format!("{where_} contains any of the {} keywords", k.len())
        }
        (TextMatcher::Keywords(k), _) if k.len() == 1 => {
            format!("{where_} does not contain '{}'", k[0].written())
        }
        (TextMatcher::Keywords(k), _) => {
            format!("{where_} contains none of the {} keywords", k.len())
        }
        (TextMatcher::Regex(re), TextTarget::Either) => {
            format!("{where_} matches /{}/", re.as_str())
        }
        (TextMatcher::Regex(re), _) => format!("{where_} does not match /{}/", re.as_str()),
    };
    (false, detail)
}

fn time(w: &TimeWindow, now: DateTime<Utc>, explain: bool) -> (bool, String) {
    let local = now.with_timezone(&w.zone);
    let day = local.weekday();
    let minute = local.hour() * 60 + local.minute();
    let (from, to) = (w.from.minutes(), w.to.minutes());
    let in_window = if from < to {
        (from..to).contains(&minute)
    } else {
        minute >= from || minute < to
    };
    let day_ok = w.days.as_ref().is_none_or(|d| d.contains(&day));
    let held = day_ok && in_window;
    if !explain {
        return (held, String::new());
    }
    let clock = format!(
        "{} {:02}:{:02} in {}",
        weekday_name(day),
        minute / 60,
        minute % 60,
        w.zone.name()
    );
    let detail = if !day_ok {
        let days: Vec<&str> = w.days.iter().flatten().map(|&d| weekday_name(d)).collect();
        format!("{clock} is not on {}", days.join(", "))
    } else if in_window {
        format!("{clock} is within {}-{}", w.from, w.to)
    } else {
        format!("{clock} is outside {}-{}", w.from, w.to)
    };
    (held, detail)
}
