//! The explanation of a deadline in the reader's language and time zone: a Russian reader in
//! Moscow sees each step (the policy pinned by a rule, the target, the start, the deadline) in
//! Russian with Moscow times, and the clocks panel says who pinned the policy.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::support::{ADMIN_PASSWORD, TestServer, both, num};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_explanation_reads_in_russian_with_moscow_times() {
    async fn case(srv: &TestServer) {
        let gold = srv
            .post(
                &srv.admin.token,
                "/api/v1/sla/policies",
                json!({
                    "name": "Gold", "conditions": {"vip": true},
                    "calendar_id": srv.calendar_id("24x7").await,
                    "targets": {"first_response_minutes": 10, "resolution_minutes": 120},
                }),
            )
            .await
            .expect(201)
            .json;
        srv.rule(json!({
            "name": "Payroll is gold", "event": "created",
            "conditions": {"all": [{"text": {"keywords": ["payroll"]}}]},
            "actions": [{"set_sla_policy": gold["id"]}],
        }))
        .await;
        let anna = srv.requester("anna").await;
        let pinned = srv
            .open(&anna, json!({"subject": "Payroll export broken"}))
            .await;
        let plain = srv.open(&anna, json!({"subject": "Printer jam"})).await;
        let res = pinned["sla"]["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == "resolution")
            .unwrap()
            .clone();
        let response = pinned["sla"]["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == "response")
            .unwrap()
            .clone();
        let moscow = |v: &serde_json::Value| {
            v.as_str()
                .unwrap()
                .parse::<DateTime<Utc>>()
                .unwrap()
                .with_timezone(&chrono_tz::Europe::Moscow)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };

        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        admin
            .post(
                "/account/preferences",
                &[("language", "ru"), ("time_zone", "Europe/Moscow")],
            )
            .await;
        let x = admin
            .get(&format!("/agent/tickets/{}/sla", num(&pinned)))
            .await
            .expect(200);
        assert!(x.body.contains("<html lang=\"ru\">"), "{}", x.body);
        for needle in [
            "Как рассчитан срок".to_string(),
            "Политика Gold закреплена за заявкой правилом «Payroll is gold»; её условия не проверяются.".into(),
            "Цель: 2 часа рабочего времени на решение; предупреждение на 75 % (1 час 30 минут).".into(),
            "Считается каждый час (24x7).".into(),
            format!("Запущены {}.", moscow(&res["started_at"])),
            format!("Срок {}: начало текущего отрезка плюс оставшиеся 2 часа.", moscow(&res["due_at"])),
            "после изменения закреплённой политики: политика Medium → Gold".into(),
            // The journal's recomputation, in the events list.
            "Пересчёт после изменения закреплённой политики: политика Medium → Gold.".into(),
            format!(" → {}. Решение: срок ", moscow(&response["due_at"])),
            format!(" → {}.</p>", moscow(&res["due_at"])),
        ] {
            assert!(x.body.contains(&needle), "{needle} missing: {}", x.body);
        }
        for english in ["pinned by", "Target:", "Started ", "Due 20"] {
            assert!(
                !x.body.contains(english),
                "{english} left in English: {}",
                x.body
            );
        }

        // Chosen by conditions: the matched condition and the policies passed over, in Russian.
        let x = admin
            .get(&format!("/agent/tickets/{}/sla", num(&plain)))
            .await
            .expect(200);
        for needle in [
            "Политика Medium выбрана по её условиям: приоритет — Средний.",
            "приоритет — Средний, а политика для Критический",
        ] {
            assert!(x.body.contains(needle), "{needle} missing: {}", x.body);
        }

        // The clocks panel says who pinned the policy.
        let page = admin
            .get(&format!("/agent/tickets/{}", num(&pinned)))
            .await
            .expect(200);
        assert!(
            page.body
                .contains("Политика: Gold, закреплена правилом «Payroll is gold»"),
            "{}",
            page.body
        );
    }
    both(case).await;
}
