//! The ticket page's refusals: a refused status move names its rule and changes nothing, an
//! escalation needs its summary, a ticket out of scope and the whole page for requesters are
//! 404, a missing permission is 403 with the form kept, forms without their token are 403.

use serde_json::json;

use super::{PASSWORD, agent, element, path};
use crate::support::both;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_status_move_names_its_rule_and_changes_nothing() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let (lena, web) = agent(srv, "lena", "agent", "all").await;
        let n = srv.open_simple(&anna, "Printer on floor 3 jams").await;

        // The select offers only the moves the state machine allows from New.
        let page = web.get(&path(&n)).await.expect(200);
        let select = element(&page, "update-status");
        assert!(select.contains("value=\"resolved\""));
        assert!(!select.contains("value=\"closed\""), "{select}");
        assert!(
            !select.contains("value=\"escalated\""),
            "escalation has its own form"
        );

        let before = srv.ticket(&lena, &n).await;
        let journal_before = srv.journal(&lena, &n).await.len();
        let refused = web
            .post(
                &format!("{}/update", path(&n)),
                &[
                    ("status", "closed"),
                    ("was_status", "new"),
                    ("impact", "high"),
                    ("was_impact", "medium"),
                ],
            )
            .await
            .expect(409);
        let err = element(&refused, "update-status-error");
        assert!(
            err.contains("Only a resolved ticket can be closed"),
            "{err}"
        );
        assert!(
            err.contains("data-code=\"close_only_resolved\""),
            "the rule, for scripts"
        );
        assert!(
            refused.body.contains("<option value=\"closed\" selected>"),
            "the choice is kept"
        );
        assert!(
            refused.body.contains("<option value=\"high\" selected>"),
            "the impact typed is kept"
        );
        assert_eq!(srv.ticket(&lena, &n).await, before, "nothing changed");
        assert_eq!(srv.journal(&lena, &n).await.len(), journal_before);

        // Assigned without an assignee breaks another rule, in the reader's language.
        web.post("/language", &[("lang", "ru"), ("next", "/")])
            .await
            .expect(303);
        let refused = web
            .post(
                &format!("{}/update", path(&n)),
                &[("status", "assigned"), ("was_status", "new")],
            )
            .await
            .expect(409);
        assert!(element(&refused, "update-status-error").contains("только с исполнителем"));
        assert_eq!(srv.ticket(&lena, &n).await, before);

        // An empty hand-over summary is refused too, beside the summary, and nothing changes.
        web.post("/language", &[("lang", "en"), ("next", "/")])
            .await
            .expect(303);
        let refused = web
            .post(
                &format!("{}/escalate", path(&n)),
                &[("level", ""), ("group", ""), ("summary", "  ")],
            )
            .await
            .expect(422);
        assert!(element(&refused, "escalate-summary-error").contains("hand-over summary"));
        let short = web
            .post(&format!("{}/escalate", path(&n)), &[("summary", "see log")])
            .await
            .expect(422);
        assert!(
            short.body.contains("see log"),
            "the short summary is kept to be completed"
        );
        assert_eq!(srv.ticket(&lena, &n).await, before);
        assert_eq!(srv.journal(&lena, &n).await.len(), journal_before);

        // A reply on a closed ticket is refused with the rule, and the text is kept.
        srv.change(&lena, &n, json!({"status": "resolved"})).await;
        srv.change(&lena, &n, json!({"status": "closed"})).await;
        let closed = web.get(&path(&n)).await.expect(200);
        assert!(
            !closed.body.contains("id=\"reply-form\""),
            "no forms on a closed ticket"
        );
        assert!(!closed.body.contains("id=\"update-form\""));
        let refused = web
            .post(
                &format!("{}/reply", path(&n)),
                &[("body", "One more thing")],
            )
            .await
            .expect(409);
        assert!(element(&refused, "reply-error").contains("A closed ticket cannot change"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_reach_is_404_without_permission_403_and_forms_need_their_token() {
    both(async |srv| {
        let anna = srv
            .user_with(
                "anna",
                "requester",
                &[("requester", "own")],
                None,
                Some(PASSWORD),
            )
            .await;
        let l1 = srv.group("Service desk", 1, false).await;
        let other = srv.group("Field service", 1, false).await;
        let (lena, web) = agent(srv, "lena", "agent", "group").await;
        srv.join(l1, &lena).await;
        let (_, auditor) = agent(srv, "aude", "auditor", "all").await;
        let mine = srv.open_simple(&anna, "Mine: in the service desk").await;
        let theirs = srv.open_simple(&anna, "Theirs: in field service").await;
        srv.change(&srv.admin, &mine, json!({"group_id": l1})).await;
        srv.change(&srv.admin, &theirs, json!({"group_id": other}))
            .await;

        let theirs_before = srv.journal(&srv.admin, &theirs).await.len();

        // A level-1 agent scoped to their group: another group's ticket does not exist.
        web.get(&path(&mine)).await.expect(200);
        let hidden = web.get(&path(&theirs)).await.expect(404);
        assert!(!hidden.body.contains("Theirs"));
        web.post(&format!("{}/reply", path(&theirs)), &[("body", "hello")])
            .await
            .expect(404);
        web.post(
            &format!("{}/update", path(&theirs)),
            &[("status", "resolved")],
        )
        .await
        .expect(404);
        web.get("/agent/tickets/INC-999999").await.expect(404);
        web.get("/agent/tickets/not-a-number").await.expect(404);
        assert_eq!(srv.journal(&srv.admin, &theirs).await.len(), theirs_before);

        // The requester has no agent page, not even for their own ticket.
        let anna_web = srv.web_login("anna", PASSWORD).await;
        anna_web.get(&path(&mine)).await.expect(404);
        anna_web
            .post(&format!("{}/reply", path(&mine)), &[("body", "hi")])
            .await
            .expect(404);

        // The auditor reads everything but is offered no form, and is refused if they post.
        let page = auditor.get(&path(&mine)).await.expect(200);
        for form in [
            "reply-form",
            "note-form",
            "update-form",
            "escalate-form",
            "attach-form",
        ] {
            assert!(
                !page.body.contains(&format!("id=\"{form}\"")),
                "{form} offered"
            );
        }
        let refused = auditor
            .post(
                &format!("{}/reply", path(&mine)),
                &[("body", "Just reading")],
            )
            .await
            .expect(403);
        assert!(element(&refused, "reply-error").contains("You may not do this"));
        assert!(
            refused.body.contains("Just reading"),
            "what was typed is kept"
        );

        // Without the form token, or with a forged one, nothing is posted.
        let before = srv.journal(&srv.admin, &mine).await.len();
        web.post_raw(&format!("{}/reply", path(&mine)), &[("body", "no token")])
            .await
            .expect(403);
        web.post_raw(
            &format!("{}/note", path(&mine)),
            &[("csrf", "forged"), ("body", "x")],
        )
        .await
        .expect(403);
        web.post_raw(
            &format!("{}/update", path(&mine)),
            &[("status", "resolved")],
        )
        .await
        .expect(403);
        web.post_raw(
            &format!("{}/escalate", path(&mine)),
            &[("summary", "long enough summary")],
        )
        .await
        .expect(403);
        web.post_raw(&format!("{}/take", path(&mine)), &[])
            .await
            .expect(403);
        assert_eq!(srv.journal(&srv.admin, &mine).await.len(), before);
        assert_eq!(srv.ticket(&srv.admin, &mine).await["status"], "new");
    })
    .await;
}
