//! The knowledge panel of the agent's ticket page over a real socket on both databases:
//! suggested articles and similar tickets (resolved first), linking an article with one click
//! (and not without the form token), an SOP's steps in the reply box, and turning a resolved
//! ticket's solution into a draft article.

use serde_json::json;

use crate::knowledge::published;
use crate::support::{TestServer, both, num};
use crate::ui_ticket::{agent, element, path};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_links_sop_steps_and_a_draft_from_the_ticket() {
    both(async |srv: &TestServer| {
        let (kim, web) = agent(srv, "kim", "agent", "all").await;
        let rita = srv.requester("rita").await;
        let sop = published(
            srv,
            &kim,
            json!({"title": "Unlock a locked account", "lang": "en", "visibility": "internal",
                   "content": {"kind": "sop", "steps": [
                       {"text": "Open the directory console", "expected": "The user list shows"},
                       {"text": "Unlock the account", "expected": "The lock icon disappears"}]}}),
        )
        .await;
        let old = num(&srv
            .open(&rita, json!({"subject": "Account locked", "description": "My account is locked after the holidays."}))
            .await);
        srv.change(&srv.admin, &old, json!({"status": "resolved"})).await;
        let open_one = num(&srv
            .open(&rita, json!({"subject": "Account locked again", "description": "Locked account."}))
            .await);
        let n = num(&srv
            .open(&rita, json!({"subject": "My account is locked", "description": "Cannot log in, the account is locked."}))
            .await);

        let page = web.get(&path(&n)).await.expect(200);
        let panel = element(&page, "kb-panel");
        assert!(panel.contains(&format!("id=\"kb-suggested-{sop}\"")), "{panel}");
        assert!(panel.contains("Unlock a locked account"));
        let similar = element(&page, "kb-similar");
        let (a, b) = (
            similar.find(&format!("kb-similar-{old}")).expect("resolved one"),
            similar.find(&format!("kb-similar-{open_one}")).expect("open one"),
        );
        assert!(a < b, "resolved first: {similar}");
        assert!(!similar.contains(&format!("kb-similar-{n}\"")), "never itself");
        assert!(page.body.contains("id=\"kb-linked-empty\""));
        assert!(!page.body.contains("id=\"kb-draft-form\""), "not resolved yet");

        // Insert the SOP's steps: the link (without script) fills the reply box.
        let insert = element(&page, &format!("kb-insert-{sop}"));
        assert!(insert.contains("data-insert-text=\"Unlock a locked account"), "{insert}");
        let filled = web.get(&format!("{}?sop={sop}", path(&n))).await.expect(200);
        let reply = element(&filled, "reply-body");
        assert!(reply.contains("Open the directory console"), "{reply}");
        assert!(reply.contains("The lock icon disappears"), "{reply}");

        // Link with one click; not without the form token.
        web.post_raw(
            &format!("{}/kb/link", path(&n)),
            &[("article_id", &sop.to_string())],
        )
        .await
        .expect(403);
        let linked = web
            .post(&format!("{}/kb/link", path(&n)), &[("article_id", &sop.to_string())])
            .await
            .expect(303);
        assert_eq!(
            linked.location.as_deref(),
            Some(format!("{}?saved=linked#kb-panel", path(&n)).as_str())
        );
        let page = web.get(&format!("{}?saved=linked", path(&n))).await.expect(200);
        assert!(page.body.contains("The article is linked to the ticket."));
        assert!(element(&page, "kb-linked").contains("Unlock a locked account"));
        assert!(page.body.contains(&format!("id=\"kb-linked-mark-{sop}\"")));
        let api = srv
            .get(&kim.token, &format!("/api/v1/kb/tickets/{n}/articles"))
            .await
            .expect(200);
        assert_eq!(api.json["items"][0]["id"], sop);

        // Resolved: the solution becomes a draft article, and the browser goes to its page.
        srv.comment(&kim, &n, "public", "Unlocked in the directory console.")
            .await
            .expect(201);
        srv.change(&srv.admin, &n, json!({"status": "resolved"})).await;
        let page = web.get(&path(&n)).await.expect(200);
        assert!(page.body.contains("id=\"kb-draft-form\""));
        let drafted = web
            .post(&format!("{}/kb/draft", path(&n)), &[])
            .await
            .expect(303);
        let to = drafted.location.expect("location");
        let id: i64 = to
            .strip_prefix("/kb/")
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| panic!("to the article's page: {to}"));
        // The console's article page (ui::knowledge) opens on the new draft.
        web.get(&to).await.expect(200);
        let a = srv
            .get(&kim.token, &format!("/api/v1/kb/articles/{id}"))
            .await
            .expect(200);
        assert_eq!(a.json["status"], "draft");
        assert_eq!(a.json["source_ticket"], n);
        assert_eq!(a.json["title"], "My account is locked");

        // A requester never reaches these forms.
        let rweb = {
            srv.user_with("rosa", "requester", &[("requester", "own")], None, Some(crate::ui_ticket::PASSWORD))
                .await;
            srv.web_login("rosa", crate::ui_ticket::PASSWORD).await
        };
        rweb.post(&format!("{}/kb/link", path(&n)), &[("article_id", &sop.to_string())])
            .await
            .expect(404);
    })
    .await;
}
