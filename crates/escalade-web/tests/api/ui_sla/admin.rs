//! The SLA administration through its forms: a calendar created with its working week and
//! holidays, a policy on it, the order changed; refused input re-drawn with what was typed;
//! the form token; people who are not administrators get 404 and change nothing.

use serde_json::Value;

use super::PASSWORD;
use crate::support::{ADMIN_PASSWORD, TestServer, both};

async fn calendars(srv: &TestServer) -> Vec<Value> {
    srv.get(&srv.admin.token, "/api/v1/calendars")
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

async fn policies(srv: &TestServer) -> Vec<Value> {
    srv.get(&srv.admin.token, "/api/v1/sla/policies")
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

const WEEK: [(&str, &str); 5] = [
    ("hours_monday", "08:30-12:00, 13:30-17:30"),
    ("hours_tuesday", "08:30-12:00, 13:30-17:30"),
    ("hours_wednesday", "08:30-12:00"),
    ("hours_thursday", "08:30-12:00, 13:30-17:30"),
    ("hours_friday", "08:30-12:00, 13:30-16:00"),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calendars_and_policies_are_managed_through_forms() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let form = admin.get("/admin/sla/calendars/new").await.expect(200);
        assert!(form.body.contains("id=\"sla-calendar-form\""));
        assert!(form.body.contains("id=\"calendar-hours-monday\""));
        let before = calendars(srv).await.len();

        // Refused: a weekday that is not hours, the holidays not JSON; what was typed stays.
        let mut fields = vec![
            ("name", "Paris office"),
            ("time_zone", "Europe/Paris"),
            ("holidays", ""),
        ];
        fields.extend(WEEK);
        let mut bad = fields.clone();
        bad[3] = ("hours_monday", "9 to 5");
        let r = admin.post("/admin/sla/calendars", &bad).await.expect(422);
        assert!(r.body.contains("id=\"sla-calendar-error\""), "{}", r.body);
        assert!(r.body.contains("value=\"9 to 5\""));
        assert!(r.body.contains("value=\"Paris office\""));
        assert!(r.body.contains("<option value=\"Europe/Paris\" selected>"));
        let mut bad = fields.clone();
        bad[2] = ("holidays", "[{\"name\": \"Christmas\"");
        let r = admin.post("/admin/sla/calendars", &bad).await.expect(422);
        assert!(r.body.contains("not valid JSON"), "{}", r.body);
        // Without the form token: refused, nothing made.
        admin
            .post_raw("/admin/sla/calendars", &fields)
            .await
            .expect(403);
        assert_eq!(calendars(srv).await.len(), before);

        let mut good = fields.clone();
        good[2] = (
            "holidays",
            "[{\"name\": \"Christmas\", \"first\": \"2026-12-25\", \"yearly\": true}]",
        );
        let r = admin.post("/admin/sla/calendars", &good).await.expect(303);
        assert_eq!(
            r.location.as_deref(),
            Some("/admin/sla/calendars?saved=sla-calendar")
        );
        let list = admin
            .get("/admin/sla/calendars?saved=sla-calendar")
            .await
            .expect(200);
        assert!(list.body.contains("Paris office"));
        assert!(list.body.contains("The calendar was saved."));
        let paris = srv.calendar_id("Paris office").await;
        let cal = srv
            .get(&srv.admin.token, &format!("/api/v1/calendars/{paris}"))
            .await
            .expect(200)
            .json;
        assert_eq!(cal["time_zone"], "Europe/Paris");
        assert_eq!(
            cal["schedule"]["week"]["monday"],
            serde_json::json!(["08:30-12:00", "13:30-17:30"])
        );
        assert!(cal["schedule"]["week"]["saturday"].is_null());
        assert_eq!(cal["schedule"]["holidays"][0]["name"], "Christmas");
        let edit = admin
            .get(&format!("/admin/sla/calendars/{paris}"))
            .await
            .expect(200);
        assert!(edit.body.contains("value=\"08:30-12:00\""), "{}", edit.body);

        // A policy on it, through the form.
        let n = policies(srv).await.len();
        let paris_id = paris.to_string();
        let mut policy = vec![
            ("name", "Paris VIP"),
            ("calendar_id", paris_id.as_str()),
            ("first_response_minutes", "30"),
            ("resolution_minutes", "480"),
            ("update_interval_minutes", ""),
            ("warn_percent", "80"),
            ("vip", "yes"),
            ("services", ""),
            ("priority_critical", "on"),
            ("warn_notify", "on"),
            ("breach_notify", "on"),
            ("breach_raise_priority", "on"),
            ("active", "on"),
        ];
        let mut bad = policy.clone();
        bad[3] = ("resolution_minutes", "eight hours");
        let r = admin.post("/admin/sla/policies", &bad).await.expect(422);
        assert!(r.body.contains("id=\"sla-policy-error\""));
        assert!(r.body.contains("value=\"eight hours\""));
        assert!(r.body.contains("value=\"Paris VIP\""));
        let mut bad = policy.clone();
        bad[3] = ("resolution_minutes", "-5");
        let r = admin.post("/admin/sla/policies", &bad).await.expect(422);
        assert!(r.body.contains("value=\"-5\""), "{}", r.body);
        assert!(r.body.contains(
            "id=\"policy-breach_raise_priority\" name=\"breach_raise_priority\" checked"
        ));
        admin
            .post_raw("/admin/sla/policies", &policy)
            .await
            .expect(403);
        assert_eq!(policies(srv).await.len(), n);

        let r = admin.post("/admin/sla/policies", &policy).await.expect(303);
        assert_eq!(
            r.location.as_deref(),
            Some("/admin/sla/policies?saved=sla-policy")
        );
        let all = policies(srv).await;
        let p = all.last().expect("the new policy goes last").clone();
        assert_eq!(p["name"], "Paris VIP");
        assert_eq!(p["calendar_id"], paris);
        assert_eq!(p["conditions"]["vip"], true);
        assert_eq!(p["conditions"]["priority"], serde_json::json!(["critical"]));
        assert_eq!(p["targets"]["resolution_minutes"], 480.0);
        assert_eq!(p["warn_percent"], 80);
        assert_eq!(
            p["on_breach"],
            serde_json::json!(["notify", "raise_priority"])
        );
        let id = p["id"].as_i64().unwrap();

        // Move it up one place.
        let list = admin.get("/admin/sla/policies").await.expect(200);
        assert!(list.body.contains(&format!("id=\"policy-{id}-up\"")));
        assert!(!list.body.contains(&format!("id=\"policy-{id}-down\"")));
        admin
            .post(
                &format!("/admin/sla/policies/{id}/move"),
                &[("direction", "up")],
            )
            .await
            .expect(303);
        let order: Vec<i64> = policies(srv)
            .await
            .iter()
            .filter_map(|p| p["id"].as_i64())
            .collect();
        assert_eq!(order[order.len() - 2], id, "{order:?}");

        // Edit: the form shows it as saved; a change of name is kept.
        let edit = admin
            .get(&format!("/admin/sla/policies/{id}"))
            .await
            .expect(200);
        assert!(edit.body.contains("value=\"480\""));
        assert!(edit.body.contains("<option value=\"yes\" selected>"));
        policy[0] = ("name", "Paris VIP gold");
        admin
            .post(&format!("/admin/sla/policies/{id}"), &policy)
            .await
            .expect(303);
        let p = srv
            .get(&srv.admin.token, &format!("/api/v1/sla/policies/{id}"))
            .await
            .expect(200)
            .json;
        assert_eq!(p["name"], "Paris VIP gold");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_administrators_reach_the_sla_settings() {
    both(async |srv| {
        srv.user_with("lina", "agent", &[("agent", "all")], None, Some(PASSWORD))
            .await;
        let lina = srv.web_login("lina", PASSWORD).await;
        let before = calendars(srv).await.len();
        for path in [
            "/admin/sla/policies",
            "/admin/sla/policies/new",
            "/admin/sla/calendars",
            "/admin/sla/calendars/new",
        ] {
            lina.get(path).await.expect(404);
        }
        lina.post(
            "/admin/sla/calendars",
            &[
                ("name", "Shadow"),
                ("time_zone", "UTC"),
                ("always_open", "on"),
            ],
        )
        .await
        .expect(404);
        assert_eq!(calendars(srv).await.len(), before);
        // She still reads the SLA pages of the console.
        lina.get("/agent/sla/at-risk").await.expect(200);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ola_targets_and_group_leads_are_set_through_forms() {
    both(async |srv| {
        let desk = srv.group("Service desk", 1, false).await;
        let apps = srv.group("Applications", 2, false).await;
        let lead = srv.agent("lead").await;
        let cal = srv.calendar_id("24x7").await.to_string();
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        admin.get("/admin/sla/olas/new").await.expect(200);

        // A group at another level is refused, what was typed stays.
        let (apps_s, desk_s) = (apps.to_string(), desk.to_string());
        let mut ola = vec![
            ("name", "Level 2 applications"),
            ("level", "2"),
            ("group_id", desk_s.as_str()),
            ("calendar_id", cal.as_str()),
            ("target_minutes", "120"),
            ("warn_percent", "75"),
            ("breach_notify", "on"),
            ("active", "on"),
        ];
        let r = admin.post("/admin/sla/olas", &ola).await.expect(422);
        assert!(r.body.contains("id=\"sla-ola-error\""), "{}", r.body);
        assert!(r.body.contains("value=\"Level 2 applications\""));
        admin.post_raw("/admin/sla/olas", &ola).await.expect(403);
        ola[2] = ("group_id", apps_s.as_str());
        admin.post("/admin/sla/olas", &ola).await.expect(303);
        let items = srv
            .get(&srv.admin.token, "/api/v1/sla/olas")
            .await
            .expect(200)
            .json["items"]
            .clone();
        assert_eq!(items.as_array().map(Vec::len), Some(1), "{items}");
        assert_eq!(items[0]["group_id"], apps);
        assert_eq!(items[0]["target_minutes"], 120.0);
        let list = admin.get("/admin/sla/olas?saved=sla-ola").await.expect(200);
        assert!(list.body.contains("Level 2 applications"));
        assert!(list.body.contains("2 h"));

        // The lead of the service desk.
        let page = admin.get("/admin/sla/leads").await.expect(200);
        assert!(page.body.contains(&format!("id=\"lead-{desk}-form\"")));
        let lead_id = lead.id.to_string();
        admin
            .post_raw(
                &format!("/admin/sla/leads/{desk}"),
                &[("user_id", lead_id.as_str())],
            )
            .await
            .expect(403);
        admin
            .post(
                &format!("/admin/sla/leads/{desk}"),
                &[("user_id", lead_id.as_str())],
            )
            .await
            .expect(303);
        let r = srv
            .get(&srv.admin.token, &format!("/api/v1/groups/{desk}/lead"))
            .await
            .expect(200);
        assert_eq!(r.json["user_id"], lead.id);
        let page = admin
            .get("/admin/sla/leads?saved=sla-lead")
            .await
            .expect(200);
        assert!(
            page.body
                .contains(&format!("<option value=\"{}\" selected>", lead.id))
        );

        // Not for agents.
        srv.user_with("lina", "agent", &[("agent", "all")], None, Some(PASSWORD))
            .await;
        let lina = srv.web_login("lina", PASSWORD).await;
        lina.get("/admin/sla/olas").await.expect(404);
        lina.get("/admin/sla/leads").await.expect(404);
        lina.post(&format!("/admin/sla/leads/{desk}"), &[("user_id", "")])
            .await
            .expect(404);
    })
    .await;
}
