//! Ticket history: the life of each planned ticket from creation to its planned status and
//! level, and its journal (field changes, replies, notes, phone calls, escalations with their
//! hand-over summaries, takes, resolution, reopening, closure), produced by the domain's own
//! rules (priority matrix, state machine, escalation, take) with timestamps in the past.

use chrono::{DateTime, Duration, Utc};
use escalade_core::ids::{CategoryId, TicketId, UserId};
use escalade_core::journal::{EntryKind, public_for_field_changes};
use escalade_core::ticket::{
    Channel, EscalationTarget, Impact, NewTicket, Priority, PriorityMatrix, Status, Ticket,
    TicketPatch, TicketType, Urgency, plan_escalation, plan_take,
};
use escalade_store::journal::NewEntry;
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::json;

use super::details::{config_items, custom, facts, level0_agent, nature, tags, watchers};
use super::people::{Agent, Directory, Requester, Staff, Team};
use super::pick;
use super::plan::Plan;
use super::texts::{self, CATEGORIES, CategoryText, Phrases};
use crate::error::AppError;

/// What the generator works with.
pub(super) struct World<'a> {
    pub dir: &'a Directory,
    /// Ids of the categories, in the order of [`CATEGORIES`], and whether each is restricted
    /// to the security team.
    pub categories: &'a [(CategoryId, bool)],
    pub matrix: &'a PriorityMatrix,
    pub now: DateTime<Utc>,
}

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
/// Between two things one person does in a row.
const MOMENT: (i64, i64) = (10, 3 * MINUTE);

/// A generated ticket, ready to insert (journal entries carry ticket id 0 until then).
pub(super) struct Built {
    pub ticket: Ticket,
    pub security: bool,
    pub watchers: Vec<UserId>,
    pub entries: Vec<NewEntry>,
}

/// Who and what a ticket's story is about.
struct Cast<'a> {
    dir: &'a Directory,
    cat: &'static CategoryText,
    phrases: &'static Phrases,
    requester: &'a Requester,
    /// Whether a person (not monitoring) asked: only people write replies.
    human: bool,
    /// The level 0 agent who picks it up.
    first: &'a Agent,
    /// A security incident: handed to the security team.
    security: bool,
    kind: TicketType,
    priority: Priority,
    /// What level 0 corrects while qualifying (impact, urgency, category, priority).
    qualify: TicketPatch,
    /// Taken by phone or at the desk: opened already assigned to the agent.
    assigned_at_once: bool,
}

/// A ticket being written: its current state, the clock, and the journal so far.
struct Story<'a> {
    rng: &'a mut StdRng,
    matrix: &'a PriorityMatrix,
    t: Ticket,
    at: DateTime<Utc>,
    entries: Vec<NewEntry>,
    /// Which of the `ask` phrases was used last, so that the answer fits.
    asked: usize,
}

impl Story<'_> {
    fn wait(&mut self, (min, max): (i64, i64)) {
        let s = if max > min {
            self.rng.random_range(min..=max)
        } else {
            min
        };
        self.at += Duration::seconds(s);
    }

    fn push(
        &mut self,
        kind: EntryKind,
        author: Option<UserId>,
        public: bool,
        body: String,
        data: serde_json::Value,
    ) {
        self.t.updated_at = self.at;
        self.entries.push(NewEntry {
            ticket: TicketId(0),
            kind,
            author,
            public,
            body,
            data,
            at: self.at,
        });
    }

    fn comment(&mut self, kind: EntryKind, author: UserId, body: String) {
        let public = kind == EntryKind::PublicReply;
        self.push(kind, Some(author), public, body, json!({}));
    }

    fn note(&mut self, author: UserId, table: &[&str]) {
        let body = pick(self.rng, table).to_string();
        self.comment(EntryKind::InternalNote, author, body);
    }

    /// An agent's public reply in the ticket's language, one of `table`.
    fn reply(&mut self, agent: &Agent, c: &Cast<'_>, table: &[&str], team: &str) {
        let phrase = *pick::<&str>(self.rng, table);
        self.say(agent, c, phrase, team);
    }

    /// An agent's public reply.
    fn say(&mut self, agent: &Agent, c: &Cast<'_>, phrase: &str, team: &str) {
        let text = texts::fill(phrase, &c.requester.greeting, &agent.greeting, team);
        self.comment(EntryKind::PublicReply, agent.id, text);
    }

    /// The requester's public reply.
    fn answer(&mut self, c: &Cast<'_>, table: &[&str]) {
        let text = pick(self.rng, table).to_string();
        self.comment(EntryKind::PublicReply, c.requester.id, text);
    }

    /// Applies a patch as the ticket service does and journals the changed fields.
    fn change(
        &mut self,
        author: Option<UserId>,
        patch: &TicketPatch,
        reason: Option<&str>,
    ) -> Result<(), AppError> {
        let (t, changes) = self.t.apply(patch, self.matrix, self.at)?;
        if changes.is_empty() {
            return Ok(());
        }
        let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
        let public = public_for_field_changes(&fields);
        let mut data = json!({ "changes": changes });
        if let Some(r) = reason {
            data["reason"] = json!(r);
        }
        self.t = t;
        self.push(EntryKind::FieldChange, author, public, String::new(), data);
        Ok(())
    }

    fn status(&mut self, author: Option<UserId>, status: Status) -> Result<(), AppError> {
        let patch = TicketPatch {
            status: Some(status),
            ..Default::default()
        };
        self.change(author, &patch, None)
    }

    /// Hands the ticket to another group with a summary, as the escalation service does.
    fn escalate(&mut self, author: UserId, to: &Staff, summary: &str) -> Result<(), AppError> {
        let target = EscalationTarget {
            level: Some(to.level),
            group: Some(to.id),
        };
        let from_status = self.t.status;
        let (t, record) = plan_escalation(&self.t, target, summary, self.at)?;
        let data = json!({
            "from_level": record.from_level, "to_level": record.to_level,
            "from_group": record.from_group, "to_group": record.to_group,
            "from_assignee": record.from_assignee,
            "from_status": from_status.as_str(),
        });
        self.t = t;
        self.push(
            EntryKind::Escalation,
            Some(author),
            false,
            record.summary,
            data,
        );
        Ok(())
    }

    /// An agent of the receiving group takes the escalated ticket.
    fn take(&mut self, agent: UserId) -> Result<(), AppError> {
        let t = plan_take(&self.t, agent, self.at)?;
        let data = json!({ "level": t.level, "group": t.group, "assignee": agent.0 });
        self.t = t;
        self.push(EntryKind::Take, Some(agent), false, String::new(), data);
        Ok(())
    }

    /// Waits for the requester (or a third party).
    fn pend(&mut self, agent: &Agent, c: &Cast<'_>) -> Result<(), AppError> {
        self.wait((10 * MINUTE, 4 * HOUR));
        if c.human {
            // Details of a fault, a remote session, or an approval, as fits the request.
            self.asked = match c.kind {
                TicketType::Incident => self.rng.random_range(0..2),
                TicketType::ServiceRequest if self.rng.random_bool(0.7) => 2,
                _ => 1,
            };
            let question = c.phrases.ask.get(self.asked).copied().unwrap_or_default();
            self.say(agent, c, question, "");
        } else {
            self.note(agent.id, texts::WAIT_NOTES);
        }
        self.wait(MOMENT);
        self.status(Some(agent.id), Status::Pending)
    }

    /// The requester answers what was asked.
    fn answer_question(&mut self, c: &Cast<'_>) {
        let text = c.phrases.info.get(self.asked).copied().unwrap_or_default();
        self.comment(EntryKind::PublicReply, c.requester.id, text.to_string());
    }

    /// Works on it, notes the fix, tells the requester, resolves.
    fn resolve(&mut self, agent: &Agent, c: &Cast<'_>, level: i64) -> Result<(), AppError> {
        self.wait(work_time(level, c.priority));
        if !c.human || self.rng.random_bool(0.6) {
            self.note(agent.id, c.cat.fixes);
            self.wait(MOMENT);
        }
        if c.human {
            self.reply(agent, c, c.phrases.resolved, "");
            self.wait(MOMENT);
        }
        self.status(Some(agent.id), Status::Resolved)
    }

    fn cancel(&mut self, agent: &Agent, c: &Cast<'_>) -> Result<(), AppError> {
        self.note(agent.id, texts::CANCEL_NOTES);
        self.wait(MOMENT);
        if c.human {
            self.reply(agent, c, c.phrases.cancelled, "");
            self.wait(MOMENT);
        }
        self.status(Some(agent.id), Status::Cancelled)
    }
}

/// How long before someone picks a ticket up, by priority (seconds).
fn response_time(p: Priority) -> (i64, i64) {
    match p {
        Priority::Critical => (2 * MINUTE, 15 * MINUTE),
        Priority::High => (10 * MINUTE, HOUR),
        Priority::Medium => (30 * MINUTE, 4 * HOUR),
        Priority::Low => (HOUR, 8 * HOUR),
        Priority::Informational => (2 * HOUR, DAY),
    }
}

/// How long the work to a solution takes, by level and priority (seconds).
fn work_time(level: i64, p: Priority) -> (i64, i64) {
    let (lo, hi) = match level {
        0 => (30 * MINUTE, 6 * HOUR),
        1 => (2 * HOUR, DAY),
        2 => (4 * HOUR, 3 * DAY),
        _ => (DAY, 7 * DAY),
    };
    let f = match p {
        Priority::Critical => 4,
        Priority::High => 2,
        _ => 1,
    };
    (lo / f, hi / f)
}

/// Writes the whole life of a planned ticket.
pub(super) fn build(rng: &mut StdRng, plan: &Plan, w: &World<'_>) -> Result<Built, AppError> {
    let dir = w.dir;
    let cat = &CATEGORIES[plan.category];
    let tpl = plan.template();
    let requester = match plan.requester {
        Some(i) => &dir.requesters[i],
        None => &dir.monitoring,
    };
    let human = plan.requester.is_some();
    let by_agent = matches!(plan.channel, Channel::Phone | Channel::WalkIn);
    let desk = dir.staff(Team::ServiceDesk);
    let first = level0_agent(rng, desk, tpl.lang);
    let priority = w.matrix.priority(plan.impact, plan.urgency);

    // What the requester entered; level 0 corrects it while qualifying.
    let (mut impact, mut urgency) = (plan.impact, plan.urgency);
    let (category_id, security) = w.categories[plan.category];
    let mut category = Some(category_id);
    if human && !by_agent {
        if rng.random_bool(0.2) {
            urgency = *pick(rng, Urgency::ALL);
        }
        if rng.random_bool(0.1) {
            impact = *pick(rng, Impact::ALL);
        }
        if rng.random_bool(0.12) {
            category = None;
        }
    }
    let mut qualify = TicketPatch {
        impact: (impact != plan.impact).then_some(plan.impact),
        urgency: (urgency != plan.urgency).then_some(plan.urgency),
        category: category.is_none().then_some(Some(category_id)),
        ..Default::default()
    };
    if requester.vip && priority.rank() > 1 && rng.random_bool(0.3) {
        qualify.priority = Some(Some(Priority::from_rank(priority.rank() - 1)));
    }
    let assigned_at_once = by_agent && plan.status != Status::New;
    let mut new = NewTicket {
        kind: Some(tpl.kind),
        subject: tpl.subject.into(),
        description: tpl.body.into(),
        requester: Some(requester.id),
        channel: Some(plan.channel),
        category,
        nature: nature(rng, cat),
        service: (!tpl.service.is_empty()).then(|| tpl.service.to_string()),
        config_items: config_items(rng, cat),
        impact: Some(impact),
        urgency: Some(urgency),
        priority: None,
        level: None,
        group: assigned_at_once.then_some(desk.id),
        assignee: assigned_at_once.then_some(first.id),
        tags: tags(rng, tpl, requester, priority),
        facts: facts(rng, cat, tpl, plan.impact),
        custom: custom(rng, cat, requester),
    };
    new.validate()?;
    let ticket = new.into_ticket(requester.id, requester.department, w.matrix, plan.created);
    let watchers = watchers(rng, dir, requester);
    let creator = if by_agent { first.id } else { requester.id };
    let c = Cast {
        dir,
        cat,
        phrases: texts::phrases(tpl.lang),
        requester,
        human,
        first,
        security: plan.security(),
        kind: tpl.kind,
        priority,
        qualify,
        assigned_at_once,
    };
    let mut s = Story {
        rng,
        matrix: w.matrix,
        t: ticket,
        at: plan.created,
        entries: Vec::new(),
        asked: 0,
    };
    let on_behalf = (creator != requester.id).then_some(requester.id.0);
    s.push(
        EntryKind::Created,
        Some(creator),
        true,
        String::new(),
        json!({ "channel": plan.channel.as_str(), "on_behalf": on_behalf }),
    );
    play(&mut s, &c, plan)?;
    finish(&mut s, &c, w.now);
    Ok(Built {
        ticket: s.t,
        security,
        watchers,
        entries: s.entries,
    })
}

/// The ticket's path from creation to its planned status and level.
fn play(s: &mut Story<'_>, c: &Cast<'_>, plan: &Plan) -> Result<(), AppError> {
    use Status::*;
    let goal = plan.status;
    if goal == New {
        return Ok(());
    }
    let desk = c.dir.staff(Team::ServiceDesk);
    if goal == Cancelled && plan.level == 0 && !c.security && s.rng.random_bool(0.5) {
        s.wait(response_time(c.priority));
        return s.cancel(c.first, c);
    }
    let mut agent = c.first;
    if !c.assigned_at_once {
        s.wait(response_time(c.priority));
        let dispatcher = if s.rng.random_bool(0.2) {
            c.dir.lead.id
        } else {
            agent.id
        };
        let patch = TicketPatch {
            group: Some(Some(desk.id)),
            assignee: Some(Some(agent.id)),
            ..c.qualify.clone()
        };
        s.change(Some(dispatcher), &patch, None)?;
    }
    if goal == Assigned && plan.level == 0 {
        return Ok(());
    }
    s.wait((5 * MINUTE, 2 * HOUR));
    if c.human && s.rng.random_bool(0.7) {
        s.reply(agent, c, c.phrases.ack, "");
    }
    s.status(Some(agent.id), InProgress)?;
    if plan.channel == Channel::Phone && s.rng.random_bool(0.3) {
        s.wait((30 * MINUTE, 4 * HOUR));
        let call = *pick::<&str>(s.rng, texts::CALL_NOTES);
        let body = texts::fill(call, &c.requester.greeting, "", "");
        s.comment(EntryKind::PhoneCall, agent.id, body);
    }
    if plan.level == 0 {
        match goal {
            InProgress => return Ok(()),
            Pending => return s.pend(agent, c),
            _ => {}
        }
    }
    if c.human && !c.security && s.rng.random_bool(0.2) {
        s.pend(agent, c)?;
        s.wait((2 * HOUR, 3 * DAY));
        s.answer_question(c);
        s.wait((10 * MINUTE, 4 * HOUR));
        s.status(Some(agent.id), InProgress)?;
    }

    let hops: Vec<Team> = if c.security {
        vec![Team::Security]
    } else {
        (1..=plan.level)
            .map(|l| Team::for_category(c.cat.key, l))
            .collect()
    };
    for (i, team) in hops.iter().enumerate() {
        let last = i + 1 == hops.len();
        let staff = c.dir.staff(*team);
        s.wait((30 * MINUTE, DAY));
        if s.rng.random_bool(0.4) {
            s.note(agent.id, texts::WORK_NOTES);
            s.wait((5 * MINUTE, HOUR));
        }
        let from = s.t.level;
        let summary = texts::handover(s.rng, c.cat, &s.t, *team);
        s.escalate(agent.id, staff, &summary)?;
        if c.human && s.rng.random_bool(0.6) {
            s.wait(MOMENT);
            s.reply(agent, c, c.phrases.escalated, staff.name);
        }
        if last && goal == Escalated {
            return Ok(());
        }
        let (lo, hi) = response_time(c.priority);
        s.wait((lo, 2 * hi));
        agent = pick(s.rng, &staff.agents);
        s.take(agent.id)?;
        if last && goal == Assigned {
            return Ok(());
        }
        if s.rng.random_bool(0.5) {
            s.wait(MOMENT);
            let note = pick(s.rng, texts::TAKE_NOTES).replace("{from}", &from.to_string());
            s.comment(EntryKind::InternalNote, agent.id, note);
        }
        s.wait((5 * MINUTE, 4 * HOUR));
        s.status(Some(agent.id), InProgress)?;
    }

    match goal {
        InProgress => {
            if s.rng.random_bool(0.5) {
                s.wait((30 * MINUTE, 4 * HOUR));
                s.note(agent.id, texts::WORK_NOTES);
            }
            return Ok(());
        }
        Pending => return s.pend(agent, c),
        Cancelled => {
            s.wait((30 * MINUTE, DAY));
            return s.cancel(agent, c);
        }
        _ => {}
    }
    s.resolve(agent, c, plan.level)?;
    if c.human && c.kind == TicketType::Incident && s.rng.random_bool(0.1) {
        // The requester answers that it is broken again, which reopens the ticket.
        s.wait((HOUR, 2 * DAY));
        s.answer(c, c.phrases.reopen);
        s.wait(MOMENT);
        let reopen = TicketPatch {
            status: Some(Assigned),
            ..Default::default()
        };
        s.change(Some(c.requester.id), &reopen, Some("requester_replied"))?;
        s.wait((10 * MINUTE, 4 * HOUR));
        s.note(agent.id, texts::WORK_NOTES);
        s.status(Some(agent.id), InProgress)?;
        s.resolve(agent, c, plan.level)?;
    }
    if goal == Resolved {
        return Ok(());
    }
    if c.human && s.rng.random_bool(0.45) {
        // The requester confirms the solution.
        s.wait((30 * MINUTE, 2 * DAY));
        s.status(Some(c.requester.id), Closed)
    } else {
        s.wait((3 * DAY, 7 * DAY));
        let close = TicketPatch {
            status: Some(Closed),
            ..Default::default()
        };
        s.change(None, &close, Some("auto_close"))
    }
}

/// Adds a requester's nudge to some forgotten open tickets, then moves the story's times
/// closer to its start if it would otherwise end after `now`.
fn finish(s: &mut Story<'_>, c: &Cast<'_>, now: DateTime<Utc>) {
    let limit = now - Duration::minutes(1);
    let Some(last) = s.entries.last().map(|e| e.at) else {
        return;
    };
    if c.human
        && s.t.status.is_open()
        && last < limit - Duration::days(3)
        && s.rng.random_bool(0.35)
    {
        let span = (limit - last).num_seconds();
        s.at = last + Duration::seconds(s.rng.random_range(0..span));
        s.answer(c, c.phrases.nudge);
    }
    let last = s.at.max(last);
    if last <= limit {
        return;
    }
    let start = s.t.created_at;
    let span = i128::from((last - start).num_milliseconds().max(1));
    let room = i128::from((limit - start).num_milliseconds().max(0));
    // Monotonic, so the order of the entries is kept.
    let squeeze = |at: DateTime<Utc>| {
        let ms = i128::from((at - start).num_milliseconds()) * room / span;
        start + Duration::milliseconds(i64::try_from(ms).unwrap_or(0))
    };
    for e in &mut s.entries {
        e.at = squeeze(e.at);
    }
    s.t.updated_at = squeeze(s.t.updated_at);
    s.t.resolved_at = s.t.resolved_at.map(squeeze);
    s.t.closed_at = s.t.closed_at.map(squeeze);
}
