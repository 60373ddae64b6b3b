//! The ticket page's forms end to end: notes and phone calls, the change form sending only
//! what changed, escalation with the hand-over form (and its group choice), taking the
//! escalated ticket, and files up and down.

use serde_json::{Value, json};

use super::{agent, element, path, saved};
use crate::support::{both, of_kind};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forms_work_end_to_end_through_escalation_and_take() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let l1 = srv.group("Service desk", 1, false).await;
        let apps = srv.group("Applications", 2, false).await;
        srv.group("Infrastructure", 2, false).await;
        let (lena, web) = agent(srv, "lena", "agent", "group").await;
        let (max, max_web) = agent(srv, "max", "agent", "group").await;
        srv.join(l1, &lena).await;
        srv.join(apps, &max).await;
        let n = srv.open_simple(&anna, "ERP export fails with E4711").await;
        srv.change(&srv.admin, &n, json!({"group_id": l1})).await;

        // A phone call is logged as such, internal.
        let call = web
            .post(
                &format!("{}/note", path(&n)),
                &[
                    ("body", "Called Anna: error since 9:00."),
                    ("kind", "phone_call"),
                ],
            )
            .await
            .expect(303);
        saved(&call, &n, "call");
        let journal = srv.journal(&lena, &n).await;
        let calls = of_kind(&journal, "phone_call");
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0]["public"], false);

        // The change form: only what changed is sent.
        let page = web.get(&path(&n)).await.expect(200);
        assert!(page.body.contains("id=\"update-form\""));
        let before = srv.ticket(&lena, &n).await;
        let lena_id = lena.id.to_string();
        web.post(
            &format!("{}/update", path(&n)),
            &[
                ("status", "in_progress"),
                ("was_status", "new"),
                ("impact", "high"),
                ("was_impact", "medium"),
                ("urgency", "high"),
                ("was_urgency", "medium"),
                ("priority", "auto"),
                ("was_priority", "auto"),
                ("category", ""),
                ("was_category", ""),
                ("assignee", &lena_id),
                ("was_assignee", ""),
            ],
        )
        .await
        .expect(303);
        let t = srv.ticket(&lena, &n).await;
        assert_eq!(t["status"], "in_progress");
        assert_eq!(t["priority"], "critical", "high x high from the matrix");
        assert_eq!(t["assignee_id"], lena.id);
        assert_eq!(t["group_id"], l1, "the group was not touched");
        assert_eq!(t["version"], before["version"].as_i64().unwrap() + 1);
        let changes = of_kind(&srv.journal(&lena, &n).await, "field_change").len();

        // The same form again changes nothing and says so.
        let again = web
            .post(
                &format!("{}/update", path(&n)),
                &[("status", "in_progress"), ("was_status", "in_progress")],
            )
            .await
            .expect(422);
        assert!(again.body.contains("Nothing was changed."));
        assert_eq!(
            of_kind(&srv.journal(&lena, &n).await, "field_change").len(),
            changes
        );

        // Escalation to level 2, where two groups work: the group must be named.
        let summary = "Export fails since the 9:00 patch; log in /var/log/erp; restarted twice.";
        let refused = web
            .post(
                &format!("{}/escalate", path(&n)),
                &[("level", "2"), ("group", ""), ("summary", summary)],
            )
            .await
            .expect(422);
        let err = element(&refused, "escalate-group-error");
        assert!(err.contains("Several groups work at this level"), "{err}");
        assert!(err.contains("data-code=\"group_required\""));
        assert!(refused.body.contains(summary), "the summary typed is kept");
        assert_eq!(srv.ticket(&lena, &n).await["status"], "in_progress");

        let apps_id = apps.to_string();
        let done = web
            .post(
                &format!("{}/escalate", path(&n)),
                &[("level", ""), ("group", &apps_id), ("summary", summary)],
            )
            .await
            .expect(303);
        // Lena reaches only her groups' tickets, and this one has left them: she goes back to
        // her desk, which confirms the hand-over, rather than to a "not found" page.
        let desk = format!("/agent?handed_over={n}");
        assert_eq!(done.location.as_deref(), Some(desk.as_str()));
        let home = web.get(&desk).await.expect(200);
        assert!(
            home.body.contains(&format!(
                "{n} has been handed over to another group and has left your queues."
            )),
            "{}",
            home.body
        );
        // Only a ticket number is repeated from the address.
        let odd = web
            .get("/agent?handed_over=%3Cb%3Eyou%20won")
            .await
            .expect(200);
        assert!(!odd.body.contains("handed over"), "{}", odd.body);
        let t = srv.ticket(&srv.admin, &n).await;
        assert_eq!(t["status"], "escalated");
        assert_eq!(t["level"], 2);
        assert_eq!(t["group_id"], apps);

        // The receiving agent sees the hand-over in the timeline and takes the ticket.
        let page = max_web.get(&path(&n)).await.expect(200);
        assert!(
            page.body
                .contains("class=\"entry-escalation entry-internal\"")
        );
        assert!(page.body.contains(summary));
        assert!(page.body.contains("Level: Level 1 → Level 2"));
        assert!(page.body.contains("Group: Service desk → Applications"));
        assert!(page.body.contains("id=\"take-form\""));
        // Lena handed it over: no longer assignee nor in the receiving group, she does not see
        // it any more, and cannot take it.
        web.get(&path(&n)).await.expect(404);
        web.post(&format!("{}/take", path(&n)), &[])
            .await
            .expect(404);

        let took = max_web
            .post(&format!("{}/take", path(&n)), &[])
            .await
            .expect(303);
        saved(&took, &n, "taken");
        let t = srv.ticket(&max, &n).await;
        assert_eq!(t["status"], "assigned");
        assert_eq!(t["assignee_id"], max.id);
        let page = max_web
            .get(&format!("{}?saved=taken", path(&n)))
            .await
            .expect(200);
        assert!(page.body.contains("You have taken the ticket"));
        assert!(
            !page.body.contains("id=\"take-form\""),
            "nothing left to take"
        );
        assert!(page.body.contains("class=\"entry-take entry-internal\""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_uploaded_listed_and_downloaded() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let (lena, web) = agent(srv, "lena", "agent", "all").await;
        let n = srv.open_simple(&anna, "Screen flickers").await;

        let up = web
            .post_multipart(
                &format!("{}/attachments", path(&n)),
                &[("visibility", "public")],
                &[(
                    "file",
                    "screen.txt",
                    "text/plain",
                    b"flicker at 60 Hz".to_vec(),
                )],
            )
            .await
            .expect(303);
        assert_eq!(saved(&up, &n, "attached"), "attachments");
        web.post_multipart(
            &format!("{}/attachments", path(&n)),
            &[("visibility", "internal")],
            &[(
                "file",
                "driver.log",
                "text/plain",
                b"driver 1.2 crashed".to_vec(),
            )],
        )
        .await
        .expect(303);

        let listed: Vec<Value> = srv
            .get(&lena.token, &format!("/api/v1/tickets/{n}/attachments"))
            .await
            .expect(200)
            .json["items"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(listed.len(), 2);
        let public = listed
            .iter()
            .find(|a| a["file_name"] == "screen.txt")
            .expect("public file");
        let internal = listed
            .iter()
            .find(|a| a["file_name"] == "driver.log")
            .expect("internal file");
        assert_eq!(public["public"], true);
        assert_eq!(internal["public"], false);

        let page = web.get(&path(&n)).await.expect(200);
        let files = element(&page, "attachments");
        let pid = public["id"].as_i64().unwrap();
        let iid = internal["id"].as_i64().unwrap();
        assert!(files.contains(&format!("href=\"/files/{pid}\"")) && files.contains("screen.txt"));
        assert!(files.contains(&format!("href=\"/files/{iid}\"")) && files.contains("driver.log"));
        assert!(
            page.body.contains("class=\"entry-attachment\""),
            "public file in the timeline"
        );
        assert!(
            page.body
                .contains("class=\"entry-attachment entry-internal\"")
        );

        let got = web.get(&format!("/files/{pid}")).await.expect(200);
        assert_eq!(got.body, "flicker at 60 Hz");
        let got = web.get(&format!("/files/{iid}")).await.expect(200);
        assert_eq!(got.body, "driver 1.2 crashed");

        // A form without a file is refused beside the upload form.
        let none = web
            .post_multipart(
                &format!("{}/attachments", path(&n)),
                &[("visibility", "public")],
                &[],
            )
            .await
            .expect(422);
        assert!(element(&none, "attach-error").contains("Choose a file"));
    })
    .await;
}
