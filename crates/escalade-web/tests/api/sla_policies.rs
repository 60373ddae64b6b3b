//! Managing calendars, SLA policies and OLA targets through the API: validation that names the
//! field and changes nothing, order, deletion rules, recomputation after an edit, and who may
//! read and change them.

use reqwest::Method;
use serde_json::{Value, json};

use crate::sla_support::{clock, instant, second, sla_notes};
use crate::support::{TestServer, both};

async fn count(srv: &TestServer, path: &str) -> usize {
    srv.get(&srv.admin.token, path).await.expect(200).json["items"]
        .as_array()
        .map_or(0, Vec::len)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendars_and_policies_are_validated_field_by_field() {
    async fn case(srv: &TestServer) {
        let t = srv.admin.token.clone();
        assert_eq!(
            count(srv, "/api/v1/calendars").await,
            2,
            "24x7 and business hours"
        );
        assert_eq!(
            count(srv, "/api/v1/sla/policies").await,
            5,
            "one per priority"
        );

        let office = json!({"name": "Paris office", "time_zone": "Europe/Paris", "schedule": {
            "kind": "working_week",
            "week": {"monday": ["08:30-12:00", "13:30-17:30"], "friday": ["08:30-12:00"]},
            "holidays": [{"name": "Bastille Day", "first": "2026-07-14", "yearly": true}]}});
        let r = srv
            .post(&t, "/api/v1/calendars", office.clone())
            .await
            .expect(201);
        let paris = r.json["id"].as_i64().unwrap();
        assert_eq!(r.json["time_zone"], "Europe/Paris");
        assert_eq!(
            r.header("location"),
            Some(format!("/api/v1/calendars/{paris}").as_str())
        );
        srv.post(&t, "/api/v1/calendars", office.clone())
            .await
            .error(409, "name_taken");

        for (body, status, code, field) in [
            (
                json!({"name": "x", "time_zone": "Mars/Olympus", "schedule": {"kind": "24x7"}}),
                422,
                "invalid_body",
                "time_zone",
            ),
            (
                json!({"name": "x", "time_zone": "UTC", "schedule": {"kind": "working_week", "week": {"monday": ["09:00-12:00", "11:00-13:00"]}}}),
                422,
                "overlapping_intervals",
                "schedule.week.monday[1]",
            ),
            // serde reads a tagged schedule whole, so the path skips `week`.
            (
                json!({"name": "x", "time_zone": "UTC", "schedule": {"kind": "working_week", "week": {"mondy": ["09:00-12:00"]}}}),
                422,
                "invalid_body",
                "schedule.mondy",
            ),
            (
                json!({"time_zone": "UTC", "schedule": {"kind": "24x7"}}),
                422,
                "required",
                "name",
            ),
            (
                json!({"name": "x", "time_zone": "UTC", "schedule": {"kind": "working_week", "week": {}}}),
                422,
                "no_working_time",
                "schedule.week",
            ),
        ] {
            let r = srv
                .post(&t, "/api/v1/calendars", body.clone())
                .await
                .error(status, code);
            assert_eq!(r.field(), field, "{body} -> {}", r.json);
        }
        assert_eq!(
            count(srv, "/api/v1/calendars").await,
            3,
            "refusals created nothing"
        );

        let good = json!({"name": "Gold", "calendar_id": paris, "conditions": {"vip": true},
            "targets": {"first_response_minutes": 30, "resolution_minutes": 240}, "on_breach": ["notify"]});
        for (patch, code, field) in [
            (json!({"calendar_id": 9999}), "unknown", "calendar_id"),
            (
                json!({"targets": {"resolution_minutes": -5}}),
                "out_of_range",
                "targets.resolution_minutes",
            ),
            (json!({"targets": {}}), "required", "targets"),
            (json!({"warn_percent": 150}), "out_of_range", "warn_percent"),
            (
                json!({"on_breach": ["shout"]}),
                "invalid_body",
                "on_breach[0]",
            ),
            (json!({"colour": "gold"}), "invalid_body", "colour"),
            (
                json!({"conditions": {"category_ids": [424242]}}),
                "unknown",
                "conditions.category_ids[0]",
            ),
            (
                json!({"conditions": {"priority": ["urgent"]}}),
                "invalid_body",
                "conditions.priority[0]",
            ),
            (json!({"active": "yes"}), "invalid_body", "active"),
            (json!({"name": "  "}), "required", "name"),
        ] {
            let mut body = good.clone();
            body.as_object_mut()
                .unwrap()
                .extend(patch.as_object().unwrap().clone());
            let r = srv
                .post(&t, "/api/v1/sla/policies", body.clone())
                .await
                .error(422, code);
            assert_eq!(r.field(), field, "{patch} -> {}", r.json);
        }
        assert_eq!(
            count(srv, "/api/v1/sla/policies").await,
            5,
            "refusals created nothing"
        );

        let gold = srv
            .post(&t, "/api/v1/sla/policies", good.clone())
            .await
            .expect(201)
            .json;
        assert_eq!(gold["position"], 6, "new policies go last");
        assert_eq!(gold["active"], true);
        assert_eq!(gold["warn_percent"], 75, "the default threshold");
        srv.post(&t, "/api/v1/sla/policies", good.clone())
            .await
            .error(409, "name_taken");

        // Order: every policy once.
        let ids: Vec<Value> = srv.get(&t, "/api/v1/sla/policies").await.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].clone())
            .collect();
        let order = "/api/v1/sla/policies/order";
        let r = srv
            .call(
                Method::PUT,
                &t,
                order,
                Some(json!({"ids": ids[1..].to_vec()})),
            )
            .await
            .error(422, "incomplete_order");
        assert_eq!(r.field(), "ids");
        let mut reversed = ids.clone();
        reversed.reverse();
        let r = srv
            .call(Method::PUT, &t, order, Some(json!({"ids": reversed})))
            .await
            .expect(200);
        assert_eq!(r.json["items"][0]["name"], "Gold");
        assert_eq!(r.json["items"][0]["position"], 1);

        // A calendar in use stays.
        let r = srv
            .delete(&t, &format!("/api/v1/calendars/{paris}"))
            .await
            .error(409, "calendar_in_use");
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Gold")
        );
        let gold_id = gold["id"].as_i64().unwrap();
        srv.delete(&t, &format!("/api/v1/sla/policies/{gold_id}"))
            .await
            .expect(204);
        srv.delete(&t, &format!("/api/v1/calendars/{paris}"))
            .await
            .expect(204);
        srv.get(&t, &format!("/api/v1/calendars/{paris}"))
            .await
            .error(404, "not_found");
        srv.get(&t, &format!("/api/v1/sla/policies/{gold_id}"))
            .await
            .error(404, "not_found");

        // OLA targets: the group must work at the level.
        let l2 = srv.group("Applications", 2, false).await;
        let cal = srv.calendar_id("24x7").await;
        let r = srv
            .post(&t, "/api/v1/sla/olas", json!({"name": "L3", "level": 3, "group_id": l2, "calendar_id": cal, "target_minutes": 60}))
            .await
            .error(422, "level_mismatch");
        assert_eq!(r.field(), "group_id");
        let r = srv
            .post(
                &t,
                "/api/v1/sla/olas",
                json!({"name": "L9", "level": 9, "calendar_id": cal, "target_minutes": 60}),
            )
            .await
            .error(422, "invalid_body");
        assert_eq!(r.field(), "level");
        assert_eq!(count(srv, "/api/v1/sla/olas").await, 0);
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_policy_or_calendar_moves_the_running_deadlines() {
    async fn case(srv: &TestServer) {
        let t = srv.admin.token.clone();
        let cal = srv.calendar_id("24x7").await;
        let p = srv
            .fast_policy("Edited", json!({"resolution_minutes": 60}), json!({}))
            .await;
        let admin = srv.admin.clone();
        let n = srv.open_simple(&admin, "Wi-Fi slow on floor 2").await;
        let opened = second(&srv.ticket(&admin, &n).await["created_at"]);
        let k = srv.clocks(&admin, &n).await;
        assert_eq!(
            (instant(&clock(&k, "resolution")["due_at"]) - opened).num_minutes(),
            60
        );

        let id = p["id"].as_i64().unwrap();
        let body = json!({"name": "Edited", "calendar_id": cal, "targets": {"resolution_minutes": 90}, "active": true});
        srv.call(
            Method::PUT,
            &t,
            &format!("/api/v1/sla/policies/{id}"),
            Some(body),
        )
        .await
        .expect(200);
        let k = srv.clocks(&admin, &n).await;
        assert_eq!(
            (instant(&clock(&k, "resolution")["due_at"]) - opened).num_minutes(),
            90
        );
        let journal = srv.journal(&admin, &n).await;
        let notes = sla_notes(&journal, "recomputed");
        assert_eq!(notes.len(), 1);
        assert!(
            notes[0]["body"]
                .as_str()
                .unwrap()
                .contains("policy 'Edited' changed")
        );

        // A calendar edit moves the deadlines on it too: 24x7 becomes a week without today.
        let weekday = opened.format("%A").to_string().to_lowercase();
        let other = if weekday == "sunday" {
            "monday"
        } else {
            "sunday"
        };
        let body = json!({"name": "24x7", "time_zone": "UTC", "schedule": {"kind": "working_week", "week": {other: ["00:00-24:00"]}}});
        srv.call(
            Method::PUT,
            &t,
            &format!("/api/v1/calendars/{cal}"),
            Some(body),
        )
        .await
        .expect(200);
        let k = srv.clocks(&admin, &n).await;
        let due = instant(&clock(&k, "resolution")["due_at"]);
        assert!(
            (due - opened).num_hours() >= 24,
            "due on the next working day: {due}"
        );
        assert_eq!(
            sla_notes(&srv.journal(&admin, &n).await, "recomputed").len(),
            2
        );
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_manage_the_sla() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let max = srv.agent("max").await;
        let cal = srv.calendar_id("24x7").await;
        let policy =
            json!({"name": "Mine", "calendar_id": cal, "targets": {"resolution_minutes": 5}});
        let calendar = json!({"name": "Mine", "time_zone": "UTC", "schedule": {"kind": "24x7"}});
        for who in [&anna, &max] {
            let r = srv
                .post(&who.token, "/api/v1/sla/policies", policy.clone())
                .await
                .error(403, "forbidden");
            assert_eq!(r.json["error"]["rule"], "admin.settings");
            srv.post(&who.token, "/api/v1/calendars", calendar.clone())
                .await
                .error(403, "forbidden");
            srv.post(
                &who.token,
                "/api/v1/sla/olas",
                json!({"name": "x", "level": 1, "calendar_id": cal, "target_minutes": 5}),
            )
            .await
            .error(403, "forbidden");
            srv.delete(&who.token, &format!("/api/v1/calendars/{cal}"))
                .await
                .error(403, "forbidden");
            srv.call(
                Method::PUT,
                &who.token,
                "/api/v1/groups/1/lead",
                Some(json!({"user_id": null})),
            )
            .await
            .error(403, "forbidden");
        }
        // Agents read the configuration; requesters do not.
        srv.get(&max.token, "/api/v1/sla/policies")
            .await
            .expect(200);
        srv.get(&max.token, "/api/v1/calendars").await.expect(200);
        srv.get(&anna.token, "/api/v1/sla/policies")
            .await
            .error(403, "forbidden");
        srv.get(&anna.token, "/api/v1/calendars")
            .await
            .error(403, "forbidden");
        assert_eq!(count(srv, "/api/v1/sla/policies").await, 5);
        assert_eq!(count(srv, "/api/v1/calendars").await, 2);

        // A group lead must be an active agent.
        let g = srv.group("Desk", 1, false).await;
        let r = srv
            .call(
                Method::PUT,
                &srv.admin.token,
                &format!("/api/v1/groups/{g}/lead"),
                Some(json!({"user_id": anna.id})),
            )
            .await
            .error(422, "not_an_agent");
        assert_eq!(r.field(), "user_id");
        let r = srv
            .get(&max.token, &format!("/api/v1/groups/{g}/lead"))
            .await
            .expect(200);
        assert_eq!(r.json["user_id"], Value::Null);
        srv.get(&max.token, "/api/v1/groups/424242/lead")
            .await
            .error(404, "not_found");

        // Requesters see the clocks of their own tickets only.
        let bob = srv.requester("bob").await;
        let n = srv.open_simple(&anna, "Screen flickers").await;
        assert!(!srv.clocks(&anna, &n).await.is_empty());
        srv.get(&bob.token, &format!("/api/v1/tickets/{n}"))
            .await
            .error(404, "not_found");
        srv.get(&bob.token, &format!("/api/v1/tickets/{n}/sla/explain"))
            .await
            .error(404, "not_found");
    }
    both(case).await;
}
