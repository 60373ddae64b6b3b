//! Helpers of the SLA cases: the default calendars, fast policies put first in the order, the
//! scheduler's round run on demand, and readers of a ticket's clocks.

use chrono::{DateTime, Utc};
use escalade_app::sla::scheduler::{Round, Scheduler, SchedulerOptions};
use serde_json::{Value, json};

use crate::support::{TestServer, TestUser};

impl TestServer {
    /// The id of a calendar by name (`24x7`, `Business hours` are seeded).
    pub async fn calendar_id(&self, name: &str) -> i64 {
        let r = self
            .get(&self.admin.token, "/api/v1/calendars")
            .await
            .expect(200);
        r.json["items"]
            .as_array()
            .expect("calendars")
            .iter()
            .find(|c| c["name"] == name)
            .and_then(|c| c["id"].as_i64())
            .unwrap_or_else(|| panic!("no calendar {name} in {}", r.json))
    }

    /// Creates a policy from `body` and moves it to the front of the order; returns it.
    pub async fn first_policy(&self, body: Value) -> Value {
        let p = self
            .post(&self.admin.token, "/api/v1/sla/policies", body)
            .await
            .expect(201)
            .json;
        let list = self
            .get(&self.admin.token, "/api/v1/sla/policies")
            .await
            .expect(200);
        let mut ids = vec![p["id"].clone()];
        ids.extend(
            list.json["items"]
                .as_array()
                .expect("policies")
                .iter()
                .map(|q| q["id"].clone())
                .filter(|id| *id != p["id"]),
        );
        self.call(
            reqwest::Method::PUT,
            &self.admin.token,
            "/api/v1/sla/policies/order",
            Some(json!({ "ids": ids })),
        )
        .await
        .expect(200);
        p
    }

    /// A 24x7 policy for every ticket, first in the order, with targets in minutes.
    pub async fn fast_policy(&self, name: &str, targets: Value, extra: Value) -> Value {
        let mut body = json!({
            "name": name,
            "calendar_id": self.calendar_id("24x7").await,
            "targets": targets,
        });
        if let (Some(b), Some(e)) = (body.as_object_mut(), extra.as_object()) {
            b.extend(e.clone());
        }
        self.first_policy(body).await
    }

    /// Runs one scheduler round now, as a node of this name.
    pub async fn scheduler_round(&self, node: &str) -> Round {
        Scheduler::new(
            self.app.clone(),
            SchedulerOptions {
                node: node.into(),
                ..SchedulerOptions::default()
            },
        )
        .run_once()
        .await
        .expect("scheduler round")
    }

    /// The clocks of a ticket as this user reads them.
    pub async fn clocks(&self, who: &TestUser, number: &str) -> Vec<Value> {
        self.ticket(who, number).await["sla"]["clocks"]
            .as_array()
            .expect("sla.clocks")
            .clone()
    }
}

/// The clock of a kind among a ticket's clocks.
#[track_caller]
pub fn clock<'a>(clocks: &'a [Value], kind: &str) -> &'a Value {
    clocks
        .iter()
        .find(|k| k["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} clock in {clocks:?}"))
}

/// An instant in JSON.
#[track_caller]
pub fn instant(v: &Value) -> DateTime<Utc> {
    v.as_str()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an instant: {v}"))
}

/// An instant in JSON to the second: business time is counted in whole seconds, so a clock
/// started at 10:00:00.4 with 15 minutes is due at 10:15:00.
#[track_caller]
pub fn second(v: &Value) -> DateTime<Utc> {
    use chrono::SubsecRound;
    instant(v).trunc_subsecs(0)
}

/// The journal's SLA notes of one event (`warning`, `breach`, `recomputed`, ...).
pub fn sla_notes<'a>(journal: &'a [Value], event: &str) -> Vec<&'a Value> {
    journal
        .iter()
        .filter(|e| e["data"]["sla"]["event"] == event)
        .collect()
}
