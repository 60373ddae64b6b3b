//! The new-ticket-on-behalf form over HTTP: the facts and the matrix priority stored, the
//! requester search, and every refusal (validation, form token, missing permission) changing
//! nothing and keeping what was typed.

use serde_json::json;

use super::{PASSWORD, card, desk, list};
use crate::support::both;
use crate::web::Page;

/// The fields of a complete on-behalf form for this requester.
fn on_behalf(requester: &str, group: &str) -> Vec<(&'static str, String)> {
    vec![
        ("requester_id", requester.to_string()),
        ("channel", "phone".into()),
        ("type", "incident".into()),
        ("subject", "Cannot print payslips".into()),
        (
            "description",
            "The payroll printer shows an error since this morning.".into(),
        ),
        ("started", "today around 8:30".into()),
        ("users_affected", "12".into()),
        ("error_codes", "E-204 paper path".into()),
        ("tried", "Switched it off and on; another tray.".into()),
        ("impact", "high".into()),
        ("urgency", "medium".into()),
        ("group_id", group.to_string()),
    ]
}

/// The options of the requester select.
fn requester_choices(page: &Page) -> &str {
    let at = page
        .body
        .find("id=\"new-requester\"")
        .expect("the requester select");
    let end = page.body[at..].find("</select>").expect("its end") + at;
    &page.body[at..end]
}

fn fields<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn a_ticket_opened_for_a_caller_keeps_the_facts_and_the_matrix_priority() {
    both(async |srv| {
        let d = desk(srv).await;
        // A stricter matrix than the default: high impact x medium urgency is critical here.
        let stricter = json!({"cells": [
            ["critical", "critical", "high"],
            ["critical", "high", "medium"],
            ["high", "medium", "low"],
        ]});
        srv.call(
            reqwest::Method::PUT,
            &srv.admin.token,
            "/api/v1/settings/priority-matrix",
            Some(stricter),
        )
        .await
        .expect(200);
        let lina = srv.web_login("lina", PASSWORD).await;

        let form = lina.get("/agent/new?who=rita").await.expect(200);
        assert!(requester_choices(&form).contains("rita (test)"));
        assert!(
            form.body.contains("data-matrix=\""),
            "the live priority has the matrix"
        );
        assert!(
            form.body
                .contains("&#34;high&#34;:{&#34;high&#34;:&#34;critical&#34;")
        );
        let none = lina
            .get("/agent/new?who=nobody-by-that-name")
            .await
            .expect(200);
        assert!(
            !requester_choices(&none).contains("rita (test)"),
            "the search narrows"
        );

        let before = srv.ticket_total().await;
        let values = on_behalf(&d.rita.id.to_string(), &d.network.to_string());
        let done = lina.post("/agent/new", &fields(&values)).await.expect(303);
        let location = done.location.expect("where the ticket is");
        let number = location
            .strip_prefix("/agent/tickets/")
            .expect("the ticket page")
            .to_string();
        assert_eq!(srv.ticket_total().await, before + 1);
        let t = srv.ticket(&srv.admin, &number).await;
        assert_eq!(t["requester_id"], d.rita.id);
        assert_eq!(t["channel"], "phone");
        assert_eq!(t["priority"], "critical", "from the matrix in force");
        assert_eq!(t["priority_manual"], false);
        assert_eq!(t["group_id"], d.network);
        assert_eq!(t["level"], 1, "starts at the group's level");
        assert_eq!(t["facts"]["started"], "today around 8:30");
        assert_eq!(t["facts"]["users_affected"], 12);
        assert_eq!(t["facts"]["error_codes"], "E-204 paper path");
        assert_eq!(t["facts"]["tried"], "Switched it off and on; another tray.");
        let journal = srv.journal(&srv.admin, &number).await;
        assert_eq!(journal[0]["data"]["on_behalf"], d.rita.id);
        // It shows up in her group's unassigned queue.
        let lina_home = lina.get("/agent").await.expect(200);
        assert_eq!(card(&lina_home, "unassigned"), 3);
        let _ = &d.servers;
    })
    .await;
}

#[tokio::test]
async fn a_refused_form_comes_back_with_everything_typed() {
    both(async |srv| {
        let d = desk(srv).await;
        let lina = srv.web_login("lina", PASSWORD).await;
        let before = srv.ticket_total().await;
        let rita = d.rita.id.to_string();
        let network = d.network.to_string();

        // No subject: 422, the message beside the subject, every other value kept.
        let mut values = on_behalf(&rita, &network);
        values.retain(|(k, _)| *k != "subject");
        values.push(("subject", "   ".into()));
        let back = lina.post("/agent/new", &fields(&values)).await.expect(422);
        assert!(
            back.body.contains("id=\"new-subject-error\""),
            "{}",
            back.body
        );
        assert!(back.body.contains("id=\"new-error\""));
        for kept in [
            "The payroll printer shows an error since this morning.",
            "value=\"today around 8:30\"",
            "value=\"12\"",
            "E-204 paper path",
            "Switched it off and on; another tray.",
        ] {
            assert!(back.body.contains(kept), "{kept} was lost");
        }
        assert!(
            back.body
                .contains(&format!("<option value=\"{rita}\" selected>"))
        );
        assert!(
            back.body
                .contains(&format!("<option value=\"{network}\" selected>"))
        );
        assert!(back.body.contains("<option value=\"high\" selected>"));

        // A count that is not a number is named too.
        let mut values = on_behalf(&rita, &network);
        values.retain(|(k, _)| *k != "users_affected");
        values.push(("users_affected", "lots".into()));
        let back = lina.post("/agent/new", &fields(&values)).await.expect(422);
        assert!(back.body.contains("id=\"new-users-affected-error\""));
        assert!(back.body.contains("value=\"lots\""));
        assert!(back.body.contains("value=\"Cannot print payslips\""));

        // No requester chosen.
        let mut values = on_behalf("", &network);
        values.retain(|(k, _)| *k != "requester_id");
        let back = lina.post("/agent/new", &fields(&values)).await.expect(422);
        assert!(back.body.contains("id=\"new-requester-error\""));

        // The find button narrows the list and opens nothing, keeping the rest.
        let mut values = on_behalf(&rita, &network);
        values.push(("who", "rit".into()));
        values.push(("find", "1".into()));
        let found = lina.post("/agent/new", &fields(&values)).await.expect(200);
        assert!(found.body.contains("value=\"Cannot print payslips\""));
        assert!(!found.body.contains("id=\"new-error\""));

        // Without the form token nothing is opened.
        let complete = on_behalf(&rita, &network);
        let mut raw = fields(&complete);
        lina.post_raw("/agent/new", &raw).await.expect(403);
        raw.push(("csrf", "forged"));
        lina.post_raw("/agent/new", &raw).await.expect(403);
        assert_eq!(srv.ticket_total().await, before, "nothing was opened");
    })
    .await;
}

#[tokio::test]
async fn an_agent_without_the_permission_cannot_open_for_others() {
    both(async |srv| {
        let d = desk(srv).await;
        srv.user_with("otto", "agent", &[("auditor", "all")], None, Some(PASSWORD))
            .await;
        let otto = srv.web_login("otto", PASSWORD).await;
        let page = otto.get("/agent/new").await.expect(403);
        assert!(page.body.contains("ticket.create_for_others"));
        let before = srv.ticket_total().await;
        let values = on_behalf(&d.rita.id.to_string(), "");
        otto.post("/agent/new", &fields(&values)).await.expect(403);
        assert_eq!(srv.ticket_total().await, before);
        // He may still read the queues his roles let him see.
        let all = list(&otto, "/agent/queues/all").await;
        assert!(all.contains(&d.other_group));
    })
    .await;
}
