//! Time rules through the scheduler: a ticket entering a watched state gets one durable job;
//! a scheduler round run "later" (the service layer with a clock moved forward) acts once:
//! auto-close after resolution, the pending reminder (outbox, note, notification), escalation
//! of an unassigned ticket; a ticket that moved on is left alone.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use escalade_app::sla::scheduler::{Round, Scheduler, SchedulerOptions};
use escalade_app::{App, Clock};
use reqwest::Method;
use serde_json::{Value, json};

use crate::support::{TestServer, both};

struct Later(DateTime<Utc>);

impl Clock for Later {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

impl TestServer {
    /// Runs one scheduler round as if it were `ahead` from now.
    pub async fn round_later(&self, ahead: Duration) -> Round {
        let app = App {
            clock: Arc::new(Later(Utc::now() + ahead)),
            ..self.app.clone()
        };
        Scheduler::new(
            app,
            SchedulerOptions {
                node: "later".into(),
                ..SchedulerOptions::default()
            },
        )
        .run_once()
        .await
        .expect("scheduler round")
    }

    /// Sets the time rules: deactivates the defaults and adds `rule`.
    pub async fn only_time_rule(&self, rule: Value) -> Value {
        let list = self
            .get(&self.admin.token, "/api/v1/time-rules")
            .await
            .expect(200);
        for r in list.json["items"].as_array().expect("time rules") {
            let mut def = r["rule"].clone();
            def["active"] = json!(false);
            self.call(
                Method::PUT,
                &self.admin.token,
                &format!("/api/v1/time-rules/{}", r["id"]),
                Some(def),
            )
            .await
            .expect(200);
        }
        self.post(&self.admin.token, "/api/v1/time-rules", rule)
            .await
            .expect(201)
            .json
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_close_after_resolution_fires_once() {
    both(async |srv| {
        // The default "close a week after resolution" is seeded active.
        let list = srv
            .get(&srv.admin.token, "/api/v1/time-rules")
            .await
            .expect(200);
        let items = list.json["items"].as_array().expect("time rules").clone();
        assert_eq!(items.len(), 3);
        assert!(
            items
                .iter()
                .any(|r| r["kind"] == "auto_close_resolved" && r["active"] == true)
        );

        let anna = srv.requester("anna").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Hello").await;
        let m = srv.open_simple(&anna, "Hello again").await;
        for t in [&n, &m] {
            srv.change(&admin, t, json!({"status": "resolved"})).await;
        }
        // Reopened and resolved again: the week counts from the last resolution.
        srv.change(&admin, &m, json!({"status": "in_progress"}))
            .await;
        srv.change(&admin, &m, json!({"status": "resolved"})).await;

        let early = srv.round_later(Duration::days(6)).await;
        assert_eq!(early.jobs, 0, "not due yet: {early:?}");
        assert_eq!(srv.ticket(&admin, &n).await["status"], "resolved");

        let round = srv
            .round_later(Duration::days(7) + Duration::minutes(1))
            .await;
        assert_eq!(round.jobs, 2, "{round:?}");
        for t in [&n, &m] {
            assert_eq!(srv.ticket(&admin, t).await["status"], "closed");
            let journal = srv.journal(&admin, t).await;
            let closes: Vec<&Value> = journal
                .iter()
                .filter(|e| e["data"]["reason"] == "time_rule")
                .collect();
            assert_eq!(closes.len(), 1, "{journal:?}");
            assert_eq!(
                closes[0]["data"]["time_rule"]["name"],
                "Close a week after resolution"
            );
        }
        let again = srv.round_later(Duration::days(30)).await;
        assert_eq!(again.jobs, 0, "fires once");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminder_after_pending_and_a_ticket_that_moved_on() {
    both(async |srv| {
        srv.only_time_rule(json!({"name": "Nudge", "kind": {"remind_pending": {
            "after_hours": 2, "template": "pending_reminder", "text": "Still there?"}}}))
            .await;
        let anna = srv.requester("anna").await;
        let lena = srv.agent("lena").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Hello").await;
        let m = srv.open_simple(&anna, "Hello again").await;
        for t in [&n, &m] {
            srv.change(&admin, t, json!({"assignee_id": lena.id})).await;
            srv.change(&admin, t, json!({"status": "pending"})).await;
        }
        // m is answered before the reminder is due.
        srv.change(&admin, &m, json!({"status": "in_progress"}))
            .await;

        let round = srv.round_later(Duration::hours(3)).await;
        assert_eq!(round.jobs, 2, "{round:?}");
        let notes = |j: Vec<Value>| {
            j.into_iter()
                .filter(|e| e["data"]["action"] == "remind")
                .count()
        };
        assert_eq!(notes(srv.journal(&admin, &n).await), 1);
        assert_eq!(
            notes(srv.journal(&admin, &m).await),
            0,
            "moved on: no reminder"
        );
        let inbox = srv
            .get(&lena.token, "/api/v1/notifications")
            .await
            .expect(200);
        assert!(
            inbox.json["items"]
                .as_array()
                .expect("notifications")
                .iter()
                .any(|x| x["kind"] == "time_rule_reminder"),
            "{}",
            inbox.json
        );
        let mut c = srv.app.store.read().await.expect("read");
        let id: i64 = n[4..].parse().expect("number");
        let outbox = escalade_store::rules::replies(&mut c, id)
            .await
            .expect("outbox");
        assert_eq!(outbox.len(), 1);
        assert_eq!(outbox[0].template, "pending_reminder");
        drop(c);
        assert_eq!(
            srv.round_later(Duration::hours(10)).await.jobs,
            0,
            "no repeat"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unassigned_tickets_escalate_with_a_summary() {
    both(async |srv| {
        let l2 = srv.group("Second line", 2, false).await;
        srv.only_time_rule(
            json!({"name": "Nobody took it", "kind": {"escalate_unassigned": {
            "after_minutes": 30, "to_group": l2}}}),
        )
        .await;
        let anna = srv.requester("anna").await;
        let lena = srv.agent("lena").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Hello").await;
        let taken = srv.open_simple(&anna, "Hello again").await;
        srv.change(&admin, &taken, json!({"assignee_id": lena.id}))
            .await;

        assert_eq!(srv.round_later(Duration::minutes(10)).await.jobs, 0);
        // Two jobs come up; the ticket taken meanwhile is no longer due and stays.
        let round = srv.round_later(Duration::minutes(31)).await;
        assert_eq!(round.jobs, 2, "{round:?}");
        let t = srv.ticket(&admin, &n).await;
        assert_eq!(t["group_id"], l2, "{t}");
        assert_eq!(t["level"], 2);
        let journal = srv.journal(&admin, &n).await;
        let esc: Vec<&Value> = journal
            .iter()
            .filter(|e| e["kind"] == "escalation")
            .collect();
        assert_eq!(esc.len(), 1, "{journal:?}");
        assert!(
            esc[0]["body"]
                .as_str()
                .unwrap_or("")
                .contains("Nobody took it")
        );
        assert_eq!(
            srv.ticket(&admin, &taken).await["level"],
            0,
            "assigned: left alone"
        );
        assert_eq!(
            srv.round_later(Duration::hours(5)).await.jobs,
            0,
            "acts once"
        );
        // A time rule naming a missing group is refused.
        srv.post(
            &admin.token,
            "/api/v1/time-rules",
            json!({"name": "x", "kind": {
            "escalate_unassigned": {"after_minutes": 5, "to_group": 9999}}}),
        )
        .await
        .error(422, "unknown_reference");
    })
    .await;
}

/// The reminders of a ticket: the internal notes of the reminder, and the outbox rows.
async fn reminders(srv: &TestServer, number: &str) -> (usize, usize) {
    let admin = srv.admin.clone();
    let notes = srv
        .journal(&admin, number)
        .await
        .into_iter()
        .filter(|e| e["data"]["action"] == "remind")
        .count();
    let mut c = srv.app.store.read().await.expect("read");
    let id: i64 = number[4..].parse().expect("number");
    let outbox = escalade_store::rules::replies(&mut c, id)
        .await
        .expect("outbox")
        .into_iter()
        .filter(|r| r.time_rule_id.is_some())
        .count();
    (notes, outbox)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_reminder_per_pending_period_and_old_periods_do_nothing() {
    both(async |srv| {
        let rule = srv
            .only_time_rule(json!({"name": "Nudge", "kind": {"remind_pending": {
            "after_hours": 2, "template": "pending_reminder", "text": "Still there?"}}}))
            .await;
        let anna = srv.requester("anna").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Hello").await;
        let m = srv.open_simple(&anna, "Hello again").await;
        let lena = srv.agent("lena").await;
        for t in [&n, &m] {
            srv.change(&admin, t, json!({"assignee_id": lena.id})).await;
            srv.change(&admin, t, json!({"status": "pending"})).await;
        }
        // n leaves pending and comes back: its period starts again.
        srv.change(&admin, &n, json!({"status": "in_progress"}))
            .await;
        srv.change(&admin, &n, json!({"status": "pending"})).await;
        // m comes back to pending while the rule is off: the job of m's first period is still
        // stored (nothing cancelled it) but belongs to a period that is over.
        let path = format!("/api/v1/time-rules/{}", rule["id"]);
        let mut def = rule["rule"].clone();
        def["active"] = json!(false);
        srv.call(Method::PUT, &admin.token, &path, Some(def.clone()))
            .await
            .expect(200);
        srv.change(&admin, &m, json!({"status": "in_progress"}))
            .await;
        srv.change(&admin, &m, json!({"status": "pending"})).await;
        def["active"] = json!(true);
        srv.call(Method::PUT, &admin.token, &path, Some(def))
            .await
            .expect(200);

        assert_eq!(srv.round_later(Duration::hours(1)).await.jobs, 0);
        srv.round_later(Duration::hours(3)).await;
        assert_eq!(reminders(srv, &n).await, (1, 1), "one per period");
        assert_eq!(
            reminders(srv, &m).await,
            (0, 0),
            "a job of an earlier period does nothing"
        );
        assert_eq!(srv.round_later(Duration::hours(20)).await.jobs, 0);
        assert_eq!(reminders(srv, &n).await, (1, 1), "no repeat");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeating_reminder_sends_each_step_once() {
    both(async |srv| {
        srv.only_time_rule(json!({"name": "Nudge", "kind": {"remind_pending": {
            "after_hours": 2, "repeat": true, "template": "pending_reminder",
            "text": "Still there?"}}}))
            .await;
        let anna = srv.requester("anna").await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&anna, "Hello").await;
        let lena = srv.agent("lena").await;
        srv.change(&admin, &n, json!({"assignee_id": lena.id}))
            .await;
        srv.change(&admin, &n, json!({"status": "pending"})).await;
        srv.round_later(Duration::hours(3)).await;
        assert_eq!(reminders(srv, &n).await, (1, 1));
        // The next is due two hours after the first reminder, not before.
        srv.round_later(Duration::hours(4)).await;
        assert_eq!(reminders(srv, &n).await, (1, 1));
        srv.round_later(Duration::hours(5) + Duration::minutes(30))
            .await;
        assert_eq!(reminders(srv, &n).await, (2, 2));
        srv.round_later(Duration::hours(5) + Duration::minutes(40))
            .await;
        assert_eq!(reminders(srv, &n).await, (2, 2), "each step once");
        // Answered: no more reminders.
        srv.change(&admin, &n, json!({"status": "in_progress"}))
            .await;
        srv.round_later(Duration::hours(30)).await;
        assert_eq!(reminders(srv, &n).await, (2, 2));
    })
    .await;
}
