//! The `rules` scenario: what the rules engine costs a ticket creation. It runs in this
//! process, on the domain crate alone (no server, no database): 200 active `created` rules of
//! realistic shapes (keywords in four languages, regular expressions, field tests, time windows,
//! nested groups) plus the shipped classification rules, evaluated against varied new tickets.
//! The latency of one evaluation is what the service layer adds to every creation.

use std::time::Instant;

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use escalade_core::ids::{CategoryId, UserId};
use escalade_core::rules::{
    CompiledRule, Event, Rule, RuleContext, TicketFacts, classification_rules, evaluate,
};
use escalade_core::ticket::{NewTicket, PriorityMatrix};
use serde_json::{Value, json};

use super::report::ScenarioResult;
use super::stats;

/// Active rules besides the shipped ones, as the issue's aim states.
pub const RULES: usize = 200;

const WORDS: &[&str] = &[
    "printer",
    "imprimante",
    "принтер",
    "打印机",
    "vpn",
    "réseau",
    "сеть",
    "网络",
    "password",
    "mot de passe",
    "пароль",
    "密码",
    "outlook",
    "teams",
    "sap",
    "badge",
    "licence",
    "écran",
    "монитор",
    "显示器",
];

const SUBJECTS: &[&str] = &[
    "Printer on floor 2 prints blank pages",
    "Mot de passe expiré, impossible de me connecter",
    "Не работает VPN из дома",
    "打印机无法打印，显示错误代码 E-502",
    "Outlook crashes when opening attachments",
    "Demande d'accès au dossier partagé Finance",
    "Медленно работает SAP после обновления",
    "Teams calls: others cannot hear me",
    "Need a new laptop for the new hire",
    "网络很慢，视频会议经常断线",
];

/// The `i`-th generated rule: shapes rotate so that every kind of condition is exercised.
fn generated(i: usize) -> Value {
    let word = WORDS[i % WORDS.len()];
    let other = WORDS[(i * 7 + 3) % WORDS.len()];
    let condition = match i % 6 {
        0 => json!({"all": [
            {"text": {"keywords": [word, other]}},
            {"priority": {"in": ["high", "critical"]}}
        ]}),
        1 => json!({"any": [
            {"subject": {"regex": format!(r"\b(err(or)?|code)[- ]?{}\d{{2,4}}\b", i % 10)}},
            {"description": {"keywords": [word]}}
        ]}),
        2 => json!({"all": [
            {"channel": {"in": ["email", "portal", "phone"]}},
            {"type": {"is": "incident"}},
            {"subject": {"keywords": [word]}}
        ]}),
        3 => json!({"all": [
            {"time": {"zone": "Europe/Paris", "days": ["monday", "tuesday", "wednesday", "thursday", "friday"], "from": "08:00", "to": "18:00"}},
            {"text": {"keywords": [other]}}
        ]}),
        4 => json!({"all": [
            {"requester_vip": true},
            {"any": [{"impact": {"is": "high"}}, {"urgency": {"is": "high"}}]}
        ]}),
        _ => json!({"none": [
            {"category": {"set": true}},
            {"text": {"regex": format!("(?i)serveur|server|сервер|服务器{i}")}}
        ]}),
    };
    json!({
        "name": format!("bench rule {i}"),
        "event": "created",
        "conditions": condition,
        "actions": [{"add_tags": [format!("r{i}")]}],
    })
}

fn compile(v: &Value) -> Result<CompiledRule> {
    let text = v.to_string();
    Rule::from_json(&text)
        .map_err(|e| anyhow::anyhow!("{e:?}"))
        .with_context(|| format!("the generated rule {text} is refused"))?
        .compile()
        .map_err(|e| anyhow::anyhow!("{e:?}"))
}

/// Evaluates the created-event rules `count` times on rotating tickets and reports the
/// latency of one evaluation.
pub fn run(count: u64) -> Result<ScenarioResult> {
    let matrix = PriorityMatrix::default();
    let mut rules = Vec::with_capacity(RULES + 10);
    for rule in classification_rules(|key| Some(CategoryId(key.len() as i64))) {
        rules.push(rule.compile().map_err(|e| anyhow::anyhow!("{e:?}"))?);
    }
    for i in 0..RULES {
        rules.push(compile(&generated(i))?);
    }
    let now: DateTime<Utc> = Utc::now();
    let facts: Vec<TicketFacts> = SUBJECTS
        .iter()
        .enumerate()
        .map(|(i, subject)| {
            let mut n = NewTicket {
                subject: subject.to_string(),
                description: format!(
                    "{subject}. Started this morning after the update; error code E-{i}502; \
                     already restarted twice. Users affected: {}.",
                    i + 1
                ),
                ..Default::default()
            };
            n.validate().map_err(|e| anyhow::anyhow!("{e:?}"))?;
            Ok(TicketFacts::new(n.into_ticket(UserId(7), None, &matrix, now)).vip(i % 3 == 0))
        })
        .collect::<Result<_>>()?;
    let ctx = RuleContext::new(&matrix);
    let mut samples = Vec::with_capacity(count as usize);
    let mut fired = 0usize;
    let started = Instant::now();
    for i in 0..count as usize {
        let f = &facts[i % facts.len()];
        let t = Instant::now();
        let outcome = evaluate(&rules, Event::Created, f, now, &ctx);
        samples.push(t.elapsed().as_secs_f64() * 1000.0);
        fired += outcome.fired.len();
    }
    let elapsed = started.elapsed();
    eprintln!(
        "rules: {} rules ({} shipped), {} evaluations, {:.1} rules fired per ticket",
        rules.len(),
        rules.len() - RULES,
        count,
        fired as f64 / count.max(1) as f64
    );
    Ok(ScenarioResult {
        scenario: "rules (in-process)",
        clients: 1,
        requests: count,
        errors: 0,
        throughput_per_s: stats::throughput(count, elapsed),
        latency_ms: stats::summarize(samples),
        first_error: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_generated_rule_is_valid_and_some_fire() {
        for i in 0..RULES {
            compile(&generated(i)).unwrap();
        }
        let r = run(50).unwrap();
        assert_eq!(r.requests, 50);
        assert!(r.latency_ms.is_some());
    }
}
