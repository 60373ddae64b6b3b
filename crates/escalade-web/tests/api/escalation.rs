//! Functional escalation through the API: the hand-over summary is required, an escalation
//! moves the ticket up a level (or to another group) with status `escalated` and a journal
//! entry, and only the receiving group takes it.

use serde_json::{Value, json};

use crate::support::{TestServer, both, of_kind};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escalation_needs_a_summary_and_the_receiving_group_takes_it() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let l1 = srv.group("Service desk", 1, false).await;
        let l2 = srv.group("Applications", 2, false).await;
        let l2b = srv.group("Infrastructure", 2, false).await;
        let lena = srv
            .user_with("lena", "agent", &[("agent", "group")], None, None)
            .await;
        let max = srv
            .user_with("max", "agent", &[("agent", "group")], None, None)
            .await;
        let otto = srv
            .user_with("otto", "agent", &[("agent", "group")], None, None)
            .await;
        srv.join(l1, &lena).await;
        srv.join(l2, &max).await;
        srv.join(l2b, &otto).await;

        let n = srv.open_simple(&anna, "ERP export fails with E4711").await;
        let admin = srv.admin.clone();
        srv.change(
            &admin,
            &n,
            json!({"group_id": l1, "level": 1, "assignee_id": lena.id}),
        )
        .await;
        // Lena keeps an eye on it after handing it over.
        srv.post(
            &lena.token,
            &format!("/api/v1/tickets/{n}/watchers"),
            json!({"user_id": lena.id}),
        )
        .await
        .expect(200);

        let path = format!("/api/v1/tickets/{n}/escalations");
        let before = srv.ticket(&admin, &n).await;
        for body in [
            json!({"group_id": l2}),
            json!({"summary": "", "group_id": l2}),
            json!({"summary": "   ", "group_id": l2}),
            json!({"summary": "see log", "group_id": l2}),
        ] {
            let r = srv.post(&lena.token, &path, body.clone()).await.expect(422);
            assert_eq!(r.field(), "summary", "{body} -> {}", r.json);
        }
        assert_eq!(
            srv.ticket(&admin, &n).await,
            before,
            "refused escalations change nothing"
        );

        let summary = "Export fails since the 9:00 patch; log in /var/log/erp/export.log; \
                       restarted the job twice, same error E4711.";
        let r = srv
            .post(
                &lena.token,
                &path,
                json!({"summary": summary, "group_id": l2}),
            )
            .await
            .expect(201);
        let t = &r.json;
        assert_eq!(t["status"], "escalated");
        assert_eq!(t["level"], 2, "one level up");
        assert_eq!(t["group_id"], l2);
        assert_eq!(t["assignee_id"], Value::Null, "waiting to be taken");
        assert_eq!(t["version"], before["version"].as_i64().unwrap() + 1);

        let journal = srv.journal(&admin, &n).await;
        let esc = of_kind(&journal, "escalation");
        assert_eq!(esc.len(), 1, "{journal:?}");
        assert_eq!(
            esc[0]["body"], summary,
            "the hand-over summary is journaled"
        );
        assert_eq!(esc[0]["author_id"], lena.id);
        assert_eq!(esc[0]["public"], false);
        assert_eq!(esc[0]["data"]["from_level"], 1);
        assert_eq!(esc[0]["data"]["to_level"], 2);
        assert_eq!(esc[0]["data"]["from_group"], l1);
        assert_eq!(esc[0]["data"]["to_group"], l2);
        assert_eq!(esc[0]["data"]["from_assignee"], lena.id);

        let take = format!("/api/v1/tickets/{n}/take");
        // Lena still sees it (she watches it) but is not in the receiving group.
        srv.post(&lena.token, &take, json!({}))
            .await
            .error(403, "forbidden");
        // Otto is at the right level but in another group: he does not even see it.
        srv.post(&otto.token, &take, json!({}))
            .await
            .error(404, "not_found");
        // The requester takes nothing.
        srv.post(&anna.token, &take, json!({}))
            .await
            .error(403, "forbidden");
        assert_eq!(srv.ticket(&admin, &n).await["status"], "escalated");

        let t = srv
            .post(&max.token, &take, json!({}))
            .await
            .expect(200)
            .json;
        assert_eq!(t["status"], "assigned");
        assert_eq!(t["assignee_id"], max.id);
        assert_eq!(t["group_id"], l2);
        assert_eq!(t["level"], 2);
        let journal = srv.journal(&max, &n).await;
        let took = of_kind(&journal, "take");
        assert_eq!(took.len(), 1);
        assert_eq!(took[0]["author_id"], max.id);
        // Only an escalated ticket is taken.
        let r = srv
            .post(&max.token, &take, json!({}))
            .await
            .error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "take_only_escalated");
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn escalation_targets_follow_the_levels() {
    async fn case(srv: &TestServer) {
        let dept = srv.department("Finance").await;
        let anna = srv
            .user_with(
                "anna",
                "requester",
                &[("requester", "own")],
                Some(dept),
                None,
            )
            .await;
        let bob = srv.agent("bob").await;
        let l2 = srv.group("Applications", 2, false).await;
        let l3 = srv.group("Vendor", 3, false).await;
        let l1 = srv.group("Desk", 1, false).await;
        // Two agents who see Finance's tickets, one in a level-1 group, one at level 2.
        let lou = srv
            .user_with("lou", "agent", &[("agent", "department")], Some(dept), None)
            .await;
        let lars = srv
            .user_with(
                "lars",
                "agent",
                &[("agent", "department")],
                Some(dept),
                None,
            )
            .await;
        srv.join(l1, &lou).await;
        srv.join(l2, &lars).await;
        let summary = "Checked cabling and drivers; the fault persists after reboot.";

        // Without a target: the next level, in that level's only group; a member of that
        // group takes it, a member of a group at another level may not.
        let n = srv.open_simple(&anna, "Docking station dead").await;
        let path = format!("/api/v1/tickets/{n}/escalations");
        let t = srv
            .post(&bob.token, &path, json!({"summary": summary}))
            .await
            .expect(201)
            .json;
        assert_eq!(
            (
                t["level"].clone(),
                t["group_id"].clone(),
                t["status"].clone()
            ),
            (json!(1), json!(l1), json!("escalated"))
        );
        let take = format!("/api/v1/tickets/{n}/take");
        srv.post(&lars.token, &take, json!({}))
            .await
            .error(403, "forbidden");
        let t = srv
            .post(&lou.token, &take, json!({}))
            .await
            .expect(200)
            .json;
        assert_eq!(t["assignee_id"], lou.id);

        // With several groups at the next level, the receiving group must be named.
        srv.group("Field Service", 2, false).await;
        let m = srv.open_simple(&anna, "Scanner offline").await;
        let to_l2 = json!({"summary": summary, "level": 2});
        let r = srv
            .post(
                &bob.token,
                &format!("/api/v1/tickets/{m}/escalations"),
                to_l2,
            )
            .await
            .error(422, "group_required");
        assert_eq!(r.json["error"]["field"], "group_id");

        // A level and a group that do not match.
        let r = srv
            .post(
                &bob.token,
                &path,
                json!({"summary": summary, "level": 3, "group_id": l2}),
            )
            .await
            .error(422, "level_mismatch");
        assert_eq!(r.field(), "group_id");
        // Down is not an escalation.
        let r = srv
            .post(&bob.token, &path, json!({"summary": summary, "level": 0}))
            .await
            .error(422, "escalation_goes_up");
        assert_eq!(r.field(), "level");
        // An unknown group.
        let r = srv
            .post(
                &bob.token,
                &path,
                json!({"summary": summary, "group_id": 999_999}),
            )
            .await
            .expect(422);
        assert_eq!(r.field(), "group_id");
        // Up to the top; then there is no higher level.
        srv.post(
            &bob.token,
            &path,
            json!({"summary": summary, "group_id": l3}),
        )
        .await
        .expect(201);
        let r = srv
            .post(&bob.token, &path, json!({"summary": summary}))
            .await
            .error(422, "no_higher_level");
        assert_eq!(r.field(), "level");

        // A resolved ticket is not escalated; a requester escalates nothing.
        let m = srv.open_simple(&anna, "Solved already").await;
        srv.change(&bob, &m, json!({"status": "resolved"})).await;
        let r = srv
            .post(
                &bob.token,
                &format!("/api/v1/tickets/{m}/escalations"),
                json!({"summary": summary}),
            )
            .await
            .error(409, "invalid_transition");
        assert_eq!(r.json["error"]["rule"], "resolved_closes_or_reopens");
        let o = srv.open_simple(&anna, "Please escalate me").await;
        srv.post(
            &anna.token,
            &format!("/api/v1/tickets/{o}/escalations"),
            json!({"summary": summary}),
        )
        .await
        .error(403, "forbidden");
        assert_eq!(srv.ticket(&bob, &o).await["status"], "new");
    }
    both(case).await;
}
