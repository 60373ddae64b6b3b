//! The engine: runs event rules in order on a working copy of a ticket and returns what the
//! service layer must apply, with a report of every rule (fired, or why not) for the dry run
//! and the journal.
//!
//! # How the service layer calls it (and why rules cannot loop)
//!
//! 1. Something happens to a ticket: it is opened, a person (or the scheduler) changes its
//!    fields, or the requester replies. The service asks [`rules_to_run`] which rule event that
//!    is, giving who caused it ([`ChangeOrigin`]). A change made by rules gives `None`.
//! 2. If there is an event, it loads the active rules of that event in their order, builds the
//!    [`TicketFacts`] (the ticket as stored after the happening, the requester's department and
//!    VIP flag, the SLA policy) and calls [`evaluate`] **once**.
//! 3. It applies the [`Outcome`] once, in the same transaction as the happening: the patch
//!    through `Ticket::apply`, the SLA policy, the notes and auto-replies, and one journal entry
//!    per [`Fired`] rule. That stored change has origin [`ChangeOrigin::Rules`], so step 1
//!    gives no event for it: a rule's changes never trigger rules again.
//!
//! Within one run every rule is tried at most once, in order; a later rule sees the changes of
//! earlier ones, and `stop_after` or a `stop` action ends the run.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::action::{self, Effect, patch_between};
use super::condition::{Reason, Scene, Texts};
use super::validate::CompiledRule;
use super::{AutoReplySpec, RuleEvent};
use crate::ids::{CategoryId, DepartmentId, RuleId, SlaPolicyId};
use crate::ticket::{FieldChange, PriorityMatrix, Ticket, TicketPatch};

/// What rules may look at: the ticket, and the facts about its requester that are not fields of
/// the ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFacts {
    /// The ticket as stored after the event (a new ticket has id 0 until storage numbers it).
    pub ticket: Ticket,
    /// The requester's department; the ticket's department when built with [`TicketFacts::new`].
    pub requester_department: Option<DepartmentId>,
    /// Whether the requester is a VIP.
    pub requester_vip: bool,
    /// The ticket's SLA policy, which rules may set.
    pub sla_policy: Option<SlaPolicyId>,
}

impl TicketFacts {
    /// The facts of a ticket whose requester is not a VIP and which has no SLA policy yet.
    pub fn new(ticket: Ticket) -> Self {
        Self {
            requester_department: ticket.department,
            requester_vip: false,
            sla_policy: None,
            ticket,
        }
    }

    /// The same facts with the requester's VIP flag.
    pub fn vip(mut self, vip: bool) -> Self {
        self.requester_vip = vip;
        self
    }

    /// The same facts with the ticket's current SLA policy.
    pub fn sla_policy(mut self, policy: Option<SlaPolicyId>) -> Self {
        self.sla_policy = policy;
        self
    }
}

/// A ticket event, as rules see it.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    /// The ticket was opened.
    Created,
    /// Fields changed; `before` is the ticket before the change, for `changed` conditions.
    Updated {
        /// The ticket before the update.
        before: &'a Ticket,
    },
    /// The requester replied.
    ReplyReceived,
}

impl Event<'_> {
    /// The rule event this is.
    pub fn kind(&self) -> RuleEvent {
        match self {
            Event::Created => RuleEvent::Created,
            Event::Updated { .. } => RuleEvent::Updated,
            Event::ReplyReceived => RuleEvent::ReplyReceived,
        }
    }

    fn before(&self) -> Option<&Ticket> {
        match self {
            Event::Updated { before } => Some(before),
            _ => None,
        }
    }
}

/// What the engine needs from the installation besides the rules.
#[derive(Clone, Copy)]
pub struct RuleContext<'a> {
    /// The impact x urgency matrix, for actions that change impact or urgency.
    pub matrix: &'a PriorityMatrix,
    /// Each category's parent, for `under` conditions.
    pub category_parent: &'a dyn Fn(CategoryId) -> Option<CategoryId>,
    /// Whether the report explains every rule (matched or not, and why) or only the rules
    /// that fired. A dry run always explains.
    pub explain_all: bool,
}

fn no_parent(_: CategoryId) -> Option<CategoryId> {
    None
}

impl<'a> RuleContext<'a> {
    /// A context with a flat category tree.
    pub fn new(matrix: &'a PriorityMatrix) -> Self {
        Self {
            matrix,
            category_parent: &no_parent,
            explain_all: false,
        }
    }

    /// The same context, reporting every rule with its reasons: rules that did not match, were
    /// inactive, were for another event or were not reached. Without it, the report lists only
    /// the rules that fired, which is what the journal needs, and evaluation skips writing
    /// sentences nobody will read.
    pub fn explaining(mut self) -> Self {
        self.explain_all = true;
        self
    }

    /// The same context with the category tree's parent lookup.
    pub fn with_category_parents(
        mut self,
        parent_of: &'a dyn Fn(CategoryId) -> Option<CategoryId>,
    ) -> Self {
        self.category_parent = parent_of;
        self
    }
}

/// Which rule, for reports and the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRef {
    /// The stored id; `None` for a rule being edited.
    pub id: Option<RuleId>,
    /// Its name.
    pub name: String,
    /// Its place in the list given to the engine, from 0.
    pub position: usize,
}

/// An internal note a rule adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The rule that adds it (the journal shows it as the author).
    pub rule: RuleRef,
    /// The note.
    pub text: String,
}

/// An automatic reply a rule sends; the mail layer renders and sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AutoReply {
    /// The rule that sends it.
    pub rule: RuleRef,
    /// Template key.
    pub template: String,
    /// The message.
    pub text: String,
}

/// An action a rule could not apply (the ticket is closed, too many tags...); the rest of the
/// rule still ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// The action's path in the rule (`actions[1]`).
    pub action: String,
    /// Why, from the domain.
    pub message: String,
}

/// A rule that fired and what it did: one journal entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fired {
    /// Which rule.
    pub rule: RuleRef,
    /// The conditions that made it fire.
    pub reasons: Vec<Reason>,
    /// The fields it changed, in order (`sla_policy` included).
    pub changes: Vec<FieldChange>,
    /// The notes it adds.
    pub notes: Vec<String>,
    /// The automatic replies it sends.
    pub auto_replies: Vec<AutoReplySpec>,
    /// Actions it could not apply.
    pub refused: Vec<Refusal>,
    /// Whether it ended the run.
    pub stopped: bool,
}

/// What became of one rule in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    /// The rule is inactive.
    Inactive,
    /// The rule runs on another event.
    OtherEvent {
        /// The rule's event.
        event: RuleEvent,
    },
    /// An earlier rule stopped the run.
    NotReached {
        /// The rule that stopped it.
        stopped_by: RuleRef,
    },
    /// The conditions did not hold; the reasons say which one failed.
    NoMatch {
        /// The deciding conditions.
        reasons: Vec<Reason>,
    },
    /// The conditions held and the actions ran (see [`Outcome::fired`]).
    Fired {
        /// The deciding conditions.
        reasons: Vec<Reason>,
    },
}

/// One rule's line in the dry-run report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleReport {
    /// Which rule.
    pub rule: RuleRef,
    /// What became of it.
    pub verdict: Verdict,
}

/// The result of one run, to apply once.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// The field changes for `Ticket::apply`, relative to the facts given.
    pub patch: TicketPatch,
    /// The SLA policy to set, when rules changed it.
    pub sla_policy: Option<SlaPolicyId>,
    /// The ticket after the patch (what a dry run shows; what storage will hold).
    pub ticket: Ticket,
    /// Every field that differs at the end, first value to last (`sla_policy` included).
    pub changes: Vec<FieldChange>,
    /// Internal notes to add, in order.
    pub notes: Vec<Note>,
    /// Automatic replies to send, in order.
    pub auto_replies: Vec<AutoReply>,
    /// The rules that fired, in order: the journal records each.
    pub fired: Vec<Fired>,
    /// The rules that fired with their reasons; with [`RuleContext::explaining`] (and in a dry
    /// run) every rule given, fired or not and why.
    pub report: Vec<RuleReport>,
    /// The rule that stopped the run, if any.
    pub stopped_by: Option<RuleRef>,
}

impl Outcome {
    /// Whether no rule fired, so there is nothing to store.
    pub fn is_empty(&self) -> bool {
        self.fired.is_empty()
    }
}

/// Runs the rules in order for `event` on `facts`. Inactive rules and rules of other events are
/// skipped (and reported when the context explains every rule). Nothing is applied: the caller
/// applies the outcome once. Calling it without applying, with an explaining context, is the
/// dry run of the whole rule list.
pub fn evaluate(
    rules: &[CompiledRule],
    event: Event<'_>,
    facts: &TicketFacts,
    now: DateTime<Utc>,
    ctx: &RuleContext<'_>,
) -> Outcome {
    run(rules, event.kind(), event.before(), facts, now, ctx, false)
}

/// Tries one rule on a ticket as if its event had happened now, active or not, for the admin's
/// "test this rule" button. For an `updated` rule, `before` is the ticket before the update
/// (without it, nothing counts as changed).
pub fn dry_run(
    rule: &CompiledRule,
    facts: &TicketFacts,
    before: Option<&Ticket>,
    now: DateTime<Utc>,
    ctx: &RuleContext<'_>,
) -> Outcome {
    let event = rule.rule().event;
    let before = before.or((event == RuleEvent::Updated).then_some(&facts.ticket));
    run(
        std::slice::from_ref(rule),
        event,
        before,
        facts,
        now,
        ctx,
        true,
    )
}

fn run(
    rules: &[CompiledRule],
    event: RuleEvent,
    before: Option<&Ticket>,
    facts: &TicketFacts,
    now: DateTime<Utc>,
    ctx: &RuleContext<'_>,
    ignore_active: bool,
) -> Outcome {
    let texts = Texts::default();
    let mut work = facts.clone();
    let mut report = Vec::new();
    let mut fired = Vec::new();
    let mut stopped_by: Option<RuleRef> = None;
    let explain_all = ignore_active || ctx.explain_all;
    for (position, compiled) in rules.iter().enumerate() {
        let rule = compiled.rule();
        let rref = || RuleRef {
            id: compiled.id(),
            name: rule.name.clone(),
            position,
        };
        let verdict = if let Some(by) = &stopped_by {
            Verdict::NotReached {
                stopped_by: by.clone(),
            }
        } else if !rule.active && !ignore_active {
            Verdict::Inactive
        } else if rule.event != event {
            Verdict::OtherEvent { event: rule.event }
        } else {
            let scene = |explain| Scene {
                facts: &work,
                before,
                texts: &texts,
                now,
                parent_of: ctx.category_parent,
                explain,
            };
            // Decide without words first; only a rule that fired, or a report that wants
            // every rule, is evaluated again to write its reasons down.
            let (held, _) = compiled.conditions.eval(&scene(false));
            if held {
                let (_, reasons) = compiled.conditions.eval(&scene(true));
                let f = fire(compiled, rref(), reasons.clone(), &mut work, now, ctx);
                if f.stopped {
                    stopped_by = Some(rref());
                }
                fired.push(f);
                Verdict::Fired { reasons }
            } else if explain_all {
                let (_, reasons) = compiled.conditions.eval(&scene(true));
                Verdict::NoMatch { reasons }
            } else {
                continue;
            }
        };
        if explain_all || matches!(verdict, Verdict::Fired { .. }) {
            report.push(RuleReport {
                rule: rref(),
                verdict,
            });
        }
    }
    finish(facts, work, fired, report, stopped_by, now, ctx)
}

fn fire(
    compiled: &CompiledRule,
    rule: RuleRef,
    reasons: Vec<Reason>,
    work: &mut TicketFacts,
    now: DateTime<Utc>,
    ctx: &RuleContext<'_>,
) -> Fired {
    let mut f = Fired {
        rule,
        reasons,
        changes: Vec::new(),
        notes: Vec::new(),
        auto_replies: Vec::new(),
        refused: Vec::new(),
        stopped: compiled.rule().stop_after,
    };
    for (i, a) in compiled.rule().actions.iter().enumerate() {
        match action::apply(a, work, ctx.matrix, now) {
            Ok(Effect::Changed(changes)) => f.changes.extend(changes),
            Ok(Effect::Note(text)) => f.notes.push(text),
            Ok(Effect::AutoReply(spec)) => f.auto_replies.push(spec),
            Ok(Effect::Stop) => {
                f.stopped = true;
                break;
            }
            Err(e) => f.refused.push(Refusal {
                action: format!("actions[{i}]"),
                message: e.to_string(),
            }),
        }
    }
    f
}

fn finish(
    facts: &TicketFacts,
    work: TicketFacts,
    fired: Vec<Fired>,
    report: Vec<RuleReport>,
    stopped_by: Option<RuleRef>,
    now: DateTime<Utc>,
    ctx: &RuleContext<'_>,
) -> Outcome {
    let patch = patch_between(&facts.ticket, &work.ticket);
    // The outcome is what applying the patch once gives, exactly as the service layer will.
    // It cannot fail: each change already passed `Ticket::apply` on the working copy.
    let (ticket, mut changes) = if patch.is_empty() {
        (facts.ticket.clone(), Vec::new())
    } else {
        facts
            .ticket
            .apply(&patch, ctx.matrix, now)
            .unwrap_or_else(|_| (work.ticket.clone(), Vec::new()))
    };
    let sla_policy = (work.sla_policy != facts.sla_policy)
        .then_some(work.sla_policy)
        .flatten();
    if let Some(p) = sla_policy {
        changes.push(FieldChange {
            field: "sla_policy".into(),
            from: facts.sla_policy.map(|p| p.to_string()),
            to: Some(p.to_string()),
        });
    }
    let notes = fired
        .iter()
        .flat_map(|f| {
            f.notes.iter().map(|text| Note {
                rule: f.rule.clone(),
                text: text.clone(),
            })
        })
        .collect();
    let auto_replies = fired
        .iter()
        .flat_map(|f| {
            f.auto_replies.iter().map(|r| AutoReply {
                rule: f.rule.clone(),
                template: r.template.clone(),
                text: r.text.clone(),
            })
        })
        .collect();
    Outcome {
        patch,
        sla_policy,
        ticket,
        changes,
        notes,
        auto_replies,
        fired,
        report,
        stopped_by,
    }
}

/// Who caused a change that the service layer is about to store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOrigin {
    /// A person: an agent, a requester, an API client, the mail gateway, a monitoring alert.
    Person,
    /// The outcome of an event-rule run.
    Rules,
    /// The scheduler: a time rule or an SLA action.
    Scheduler,
}

/// What happened to a ticket, as the service layer sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Happening {
    /// The ticket was opened.
    Opened,
    /// Fields changed (status, priority, assignment, escalation...).
    FieldsChanged,
    /// The requester replied (which may also reopen a resolved ticket: still this happening).
    RequesterReplied,
    /// An agent replied or wrote a note.
    AgentCommented,
}

/// The rule event to run for a happening, or `None`. This is the no-loop rule: a change made by
/// rules never runs rules, so a rule's changes cannot trigger itself or any other rule; a
/// scheduler change (auto-close, escalation) runs the `updated` rules once, and their changes
/// stop there.
pub fn rules_to_run(happening: Happening, origin: ChangeOrigin) -> Option<RuleEvent> {
    match (happening, origin) {
        (_, ChangeOrigin::Rules) => None,
        (Happening::Opened, ChangeOrigin::Person) => Some(RuleEvent::Created),
        (Happening::FieldsChanged, _) => Some(RuleEvent::Updated),
        (Happening::RequesterReplied, ChangeOrigin::Person) => Some(RuleEvent::ReplyReceived),
        // The scheduler neither opens tickets nor writes as the requester; agents' comments are
        // not rule events.
        (Happening::Opened | Happening::RequesterReplied, ChangeOrigin::Scheduler)
        | (Happening::AgentCommented, _) => None,
    }
}
