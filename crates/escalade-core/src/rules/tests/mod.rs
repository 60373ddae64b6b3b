//! Table tests for the rules engine and the helpers they share: `text` (keyword matching in four
//! languages), `matching` (every condition and its explanation), `actions`, `validation` (every
//! refusal names its path), `engine` (order, stop, dry run, no loops), `shipped` (the default
//! classification in English, French, Russian and Chinese), `time_rules`, and `proptests`.

mod actions;
mod engine;
mod matching;
mod proptests;
mod shipped;
mod text;
mod time_rules;
mod validation;

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};

use super::*;
use crate::error::DomainError;
use crate::ids::UserId;
use crate::ticket::{NewTicket, PriorityMatrix, Ticket};

static MATRIX: LazyLock<PriorityMatrix> = LazyLock::new(PriorityMatrix::default);

fn utc(s: &str) -> DateTime<Utc> {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A Tuesday morning in Paris.
fn now() -> DateTime<Utc> {
    utc("2026-11-24T09:30:00Z")
}

fn ctx() -> RuleContext<'static> {
    RuleContext::new(&MATRIX).explaining()
}

/// A new ticket, as the service layer builds it before the `created` rules run.
fn ticket(subject: &str, description: &str) -> Ticket {
    let mut n = NewTicket {
        subject: subject.into(),
        description: description.into(),
        ..Default::default()
    };
    n.validate().expect("a valid ticket");
    n.into_ticket(UserId(7), None, &MATRIX, now())
}

fn facts(subject: &str) -> TicketFacts {
    TicketFacts::new(ticket(subject, ""))
}

/// Reads, validates and compiles a rule written as JSON.
#[track_caller]
fn rule(v: Value) -> CompiledRule {
    let text = v.to_string();
    Rule::from_json(&text)
        .unwrap_or_else(|e| panic!("{text}: {e:?}"))
        .compile()
        .expect("compiles")
}

/// A `created` rule with these conditions (`{"all": [...]}`) that tags the ticket `hit`.
#[track_caller]
fn when(conditions: Value) -> CompiledRule {
    rule(json!({
        "name": "test",
        "event": "created",
        "conditions": conditions,
        "actions": [{"add_tags": ["hit"]}],
    }))
}

/// The field error a rule's JSON is refused with: (path, code).
#[track_caller]
fn refusal(v: Value) -> (String, &'static str) {
    match Rule::from_json(&v.to_string()) {
        Err(DomainError::Invalid(e)) => (e.field, e.code),
        other => panic!("expected a field error for {v}, got {other:?}"),
    }
}

/// The message of the refusal.
#[track_caller]
fn refusal_message(v: Value) -> String {
    match Rule::from_json(&v.to_string()) {
        Err(DomainError::Invalid(e)) => e.message,
        other => panic!("expected a field error for {v}, got {other:?}"),
    }
}

/// Runs `created` rules on the facts.
fn run(rules: &[CompiledRule], facts: &TicketFacts) -> Outcome {
    evaluate(rules, Event::Created, facts, now(), &ctx())
}
