//! An article's way through its lifecycle on the agent's pages, on both databases: the
//! buttons each person sees (writers submit and revive, leads approve, send back with a
//! reason, archive and mark reviewed), who approved and when, the history with the diff
//! marked by sign and word, the reports (the contribution table only for those allowed),
//! files attached through the form and downloaded, and the pages in the reader's language.

use serde_json::json;

use crate::knowledge::{create_article, faq};
use crate::ui_knowledge::{api_article, lead, writer};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lifecycle_buttons_follow_the_viewers_permissions() {
    crate::support::both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        let (_, boss) = lead(srv, "lena").await;
        let id = create_article(srv, &wanda, faq("Map a network drive", "public")).await["id"]
            .as_i64()
            .unwrap();
        let path = format!("/kb/{id}");
        let moves = format!("/kb/{id}/moves");

        // A draft: the writer may edit and submit; nobody may approve yet.
        let p = web.get(&path).await.expect(200);
        for present in ["id=\"kb-move-submit\"", "id=\"kb-edit\""] {
            assert!(p.body.contains(present), "{present}");
        }
        for absent in [
            "kb-move-approve",
            "kb-move-send-back",
            "kb-move-archive",
            "kb-mark-reviewed",
        ] {
            assert!(!p.body.contains(absent), "{absent}");
        }
        web.post(&moves, &[("move", "submit")]).await.expect(303);

        // In review: the writer has no button left and cannot edit; the lead approves or sends back.
        let p = web.get(&path).await.expect(200);
        assert!(
            !p.body.contains("id=\"kb-vote\""),
            "no votes before publication"
        );
        assert!(p.body.contains("In review"));
        assert!(!p.body.contains("id=\"kb-move-"), "no move for the writer");
        assert!(!p.body.contains("id=\"kb-edit\""));
        let refused = web.post(&moves, &[("move", "approve")]).await;
        assert_eq!(refused.status, 403, "the service refuses too");
        let p = boss.get(&path).await.expect(200);
        for present in [
            "id=\"kb-move-approve\"",
            "id=\"kb-move-send-back\"",
            "id=\"kb-send-back-note\"",
            "id=\"kb-edit\"",
        ] {
            assert!(p.body.contains(present), "{present}");
        }
        // Sending back needs a reason: refused beside the buttons, the article unchanged.
        let p = boss
            .post(&moves, &[("move", "send_back"), ("note", "  ")])
            .await;
        assert_eq!(p.status, 422);
        assert!(p.body.contains("id=\"kb-error\""));
        assert_eq!(api_article(srv, id).await["status"], "review");
        boss.post(
            &moves,
            &[("move", "send_back"), ("note", "Add the drive letter")],
        )
        .await
        .expect(303);
        assert_eq!(api_article(srv, id).await["status"], "draft");
        web.post(&moves, &[("move", "submit")]).await.expect(303);
        let p = boss.post(&moves, &[("move", "approve")]).await.expect(303);
        assert_eq!(
            p.location.as_deref(),
            Some(format!("{path}?done=approve").as_str())
        );

        // Published: who approved and when, views counted, archive and "reviewed" for the lead.
        let p = boss.get(&format!("{path}?done=approve")).await.expect(200);
        assert!(
            p.body
                .contains("The article has been approved and published.")
        );
        assert!(p.body.contains("id=\"kb-approved\""));
        assert!(p.body.contains("approved by lena (test) on "), "{}", p.body);
        assert!(p.body.contains("id=\"kb-move-archive\""));
        assert!(p.body.contains("id=\"kb-mark-reviewed\""));
        let p = web.get(&path).await.expect(200);
        assert!(!p.body.contains("id=\"kb-move-"), "a writer cannot archive");
        assert!(!p.body.contains("kb-mark-reviewed"));
        assert!(
            api_article(srv, id).await["view_count"]
                .as_i64()
                .unwrap_or(0)
                >= 2,
            "views counted"
        );
        // Votes: one per reader, changeable; shown as pressed.
        web.post(&format!("/kb/{id}/vote"), &[("helpful", "no")])
            .await
            .expect(303);
        web.post(&format!("/kb/{id}/vote"), &[("helpful", "yes")])
            .await
            .expect(303);
        let a = api_article(srv, id).await;
        assert_eq!(
            (a["helpful"].as_i64(), a["not_helpful"].as_i64()),
            (Some(1), Some(0))
        );
        let p = web.get(&format!("{path}?done=voted")).await.expect(200);
        assert!(p.body.contains("Thank you: your vote has been counted."));
        assert!(
            p.body
                .contains("id=\"kb-vote-yes\" class=\"\" aria-pressed=\"true\"")
        );
        boss.post(&format!("/kb/{id}/reviewed"), &[])
            .await
            .expect(303);
        assert!(api_article(srv, id).await["reviewed_at"].is_string());
        boss.post(&moves, &[("move", "archive")]).await.expect(303);
        // Archived: the writer revives it; a move that does not apply is refused in words.
        let p = web.get(&path).await.expect(200);
        assert!(p.body.contains("id=\"kb-move-revive\""));
        let p = web.post(&moves, &[("move", "submit")]).await;
        assert_eq!(p.status, 409);
        assert!(p.body.contains("Only a draft can be submitted for review."));
        web.post(&moves, &[("move", "revive")]).await.expect(303);
        assert_eq!(api_article(srv, id).await["status"], "draft");
        let p = web.post(&moves, &[("move", "explode")]).await;
        assert_eq!(p.status, 422);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn history_and_diff_mark_changes_by_sign_and_word() {
    crate::support::both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        let id = create_article(
            srv,
            &wanda,
            json!({"title": "Reset a token", "lang": "en", "content": {"kind": "sop",
                   "steps": [{"text": "Open the portal", "expected": "It opens"}]}}),
        )
        .await["id"]
            .as_i64()
            .unwrap();
        srv.patch(
            &wanda.token,
            &format!("/api/v1/kb/articles/{id}"),
            json!({"content": {"kind": "sop", "steps": [
                {"text": "Open the self-service portal", "expected": "It opens"}]},
                "note": "clearer first step", "version": 1}),
        )
        .await
        .expect(200);
        let h = web.get(&format!("/kb/{id}/history")).await.expect(200);
        assert!(h.body.contains("id=\"kb-version-2\"") && h.body.contains("id=\"kb-version-1\""));
        assert!(h.body.contains("clearer first step"));
        assert!(h.body.contains("wanda (test)"));
        assert!(h.body.contains("2 versions"));
        assert!(
            h.body
                .contains(&format!("href=\"/kb/{id}/diff?from=1&#38;to=2\""))
        );
        let d = web
            .get(&format!("/kb/{id}/diff?from=1&to=2"))
            .await
            .expect(200);
        assert!(
            d.body.contains("1 line added, 1 line removed."),
            "{}",
            d.body
        );
        let added = d.body.split("kb-line-added").nth(1).expect("an added line");
        assert!(added.contains("+</span>"), "the sign");
        assert!(
            added.contains("added: </span>"),
            "the word for screen readers"
        );
        assert!(added.contains("Open the self-service portal"));
        let removed = d
            .body
            .split("kb-line-removed")
            .nth(1)
            .expect("a removed line");
        assert!(removed.contains("−</span>") && removed.contains("removed: </span>"));
        // A version that does not exist is refused, naming it.
        let bad = web.get(&format!("/kb/{id}/diff?from=1&to=9")).await;
        assert_eq!(bad.status, 422);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reports_show_contribution_only_to_those_allowed() {
    crate::support::both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        let (_, boss) = lead(srv, "lena").await;
        let a = crate::knowledge::published(srv, &wanda, faq("Printer offline", "public")).await;
        srv.post(
            &wanda.token,
            &format!("/api/v1/kb/articles/{a}/views"),
            json!({}),
        )
        .await
        .expect(200);
        for voter in ["v1", "v2", "v3", "v4", "v5"] {
            let v = srv.agent(voter).await;
            srv.post(
                &v.token,
                &format!("/api/v1/kb/articles/{a}/votes"),
                json!({"helpful": false}),
            )
            .await
            .expect(200);
        }
        let p = boss.get("/kb/reports").await.expect(200);
        assert!(p.body.contains(&format!("id=\"kb-viewed-{a}\"")));
        assert!(
            p.body.contains(&format!("id=\"kb-review-{a}\"")),
            "needs review"
        );
        assert!(
            p.body
                .contains("mostly not helpful (5 not helpful, 0 helpful)")
        );
        assert!(p.body.contains("id=\"kb-contribution-table\""));
        assert!(p.body.contains("wanda (test)"));
        // The article itself says why, to those who can mark it reviewed.
        let page = boss.get(&format!("/kb/{a}")).await.expect(200);
        assert!(page.body.contains("id=\"kb-needs-review\""));
        assert!(
            page.body
                .contains("mostly not helpful (5 not helpful, 0 helpful)")
        );
        assert!(
            !web.get(&format!("/kb/{a}"))
                .await
                .body
                .contains("kb-needs-review\"")
        );
        let p = web.get("/kb/reports").await.expect(200);
        assert!(p.body.contains(&format!("id=\"kb-review-{a}\"")));
        assert!(
            !p.body.contains("kb-contribution-table"),
            "agents do not see it"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_attached_and_downloaded_and_pages_speak_the_readers_language() {
    crate::support::both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        let id = create_article(srv, &wanda, faq("Printer offline", "internal")).await["id"]
            .as_i64()
            .unwrap();
        let p = web
            .post_multipart(
                &format!("/kb/{id}/files"),
                &[],
                &[("file", "steps.txt", "text/plain", b"1. restart".to_vec())],
            )
            .await
            .expect(303);
        assert_eq!(
            p.location.as_deref(),
            Some(format!("/kb/{id}?done=files").as_str())
        );
        let page = web.get(&format!("/kb/{id}")).await.expect(200);
        let href = page
            .body
            .split(&format!("href=\"/kb/{id}/files/"))
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .expect("a download link");
        assert!(page.body.contains("steps.txt"));
        let res = web.get_response(&format!("/kb/{id}/files/{href}")).await;
        assert_eq!(res.status().as_u16(), 200);
        assert!(
            res.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .starts_with("attachment"),
            "always a download"
        );
        assert_eq!(res.bytes().await.unwrap().as_ref(), b"1. restart");
        // Posting the form without a file says so beside the buttons.
        let p = web
            .post_multipart(&format!("/kb/{id}/files"), &[], &[])
            .await;
        assert_eq!(p.status, 422);
        assert!(p.body.contains("Choose a file first."));

        // In French: the list and the article speak it, dates in the reader's zone.
        web.post(
            "/account/preferences",
            &[("language", "fr"), ("time_zone", "Europe/Paris")],
        )
        .await
        .expect(303);
        let list = web.get("/kb").await.expect(200);
        assert!(list.body.contains("<html lang=\"fr\">"));
        assert!(list.body.contains("Base de connaissances"));
        assert!(list.body.contains("Question et réponse"));
        assert!(list.body.contains("1 article"));
        let page = web.get(&format!("/kb/{id}")).await.expect(200);
        assert!(page.body.contains("Soumettre à la relecture"));
        assert!(page.body.contains("À propos de cet article"));
    })
    .await;
}
