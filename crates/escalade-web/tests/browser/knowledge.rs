//! The knowledge base in a real browser: an agent writes an SOP with two steps through the
//! editor (a step row added by the page's script, without reloading), saves and submits it;
//! a team lead, in a second browser, approves it, and both see it published with its steps
//! and expected results. On a 375-pixel phone, no knowledge page scrolls sideways.
//!
//! With `ESCALADE_SCREENSHOTS=docs/screenshots` the case also saves the pictures of
//! docs/KNOWLEDGE.md (the editor, the article, the list).

use std::path::{Path, PathBuf};

use crate::browser::{Browser, ftl};
use crate::driver::Window;
use crate::run::in_browser;

const PW: &str = "a-good-password-1";

/// Where to save pictures, when asked (a relative folder is taken from the workspace root).
fn pictures() -> Option<PathBuf> {
    let dir = std::env::var("ESCALADE_SCREENSHOTS").ok()?;
    let dir = PathBuf::from(dir.trim());
    let dir = if dir.is_absolute() {
        dir
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(dir)
    };
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir)
}

async fn picture(b: &Browser, name: &str) {
    if let Some(dir) = pictures() {
        b.eval("window.scrollTo(0, 0); if (document.activeElement) document.activeElement.blur(); return null;")
            .await;
        b.screenshot(&dir.join(name)).await;
    }
}

/// For the documentation's pictures only: a change to the published SOP (for the diff) and
/// articles of the other kinds (for the list).
async fn more_for_pictures(srv: &crate::support::TestServer, article: &str) {
    use serde_json::json;
    let id = article.trim_start_matches("/kb/");
    srv.patch(
        &srv.admin.token,
        &format!("/api/v1/kb/articles/{id}"),
        json!({"content": {"kind": "sop", "steps": [
            {"text": "Open **Services** on the print server", "expected": "The list of services shows"},
            {"text": "Restart *Print Spooler*", "expected": "Its status is Running within 30 seconds"},
            {"text": "Print a test page", "expected": "The page comes out"}]},
            "note": "a test page proves it"}),
    )
    .await
    .expect(200);
    for body in [
        json!({"title": "Outlook asks for the password again and again", "lang": "en",
               "visibility": "public", "content": {"kind": "known_error",
               "symptom": "A password prompt every few minutes", "cause": "A stale token",
               "workaround": "Remove the account from Credential Manager"}}),
        json!({"title": "Comment se connecter au VPN ?", "lang": "fr", "visibility": "public",
               "content": {"kind": "faq", "question": "Comment ?", "answer": "Avec le client."}}),
        json!({"title": "Set up a new laptop", "lang": "en", "visibility": "internal",
               "content": {"kind": "how_to", "body": "## Before\n\nCheck the asset tag."}}),
    ] {
        srv.post(&srv.admin.token, "/api/v1/kb/articles", body)
            .await
            .expect(201);
    }
}

#[tokio::test]
async fn an_agent_writes_an_sop_and_a_lead_publishes_it() {
    in_browser(async |srv, b| {
        srv.user_with("wanda", "agent", &[("agent", "all")], None, Some(PW))
            .await;
        srv.user_with("lena", "agent", &[("team_lead", "all")], None, Some(PW))
            .await;
        b.login_to("wanda", PW, "/agent").await;
        b.submit("nav-knowledge").await;
        assert_eq!(b.path().await, "/kb");
        b.submit("kb-new").await;
        assert_eq!(b.path().await, "/kb/new");
        b.fill("kb-title-input", "Restart the print spooler").await;
        b.fill("kb-step-1-text", "Open **Services** on the print server")
            .await;
        b.fill("kb-step-1-expected", "The list of services shows")
            .await;
        // The script adds a row in place: no new page, the typed text stays.
        b.click("kb-add-step").await;
        b.wait_for("#kb-step-4-text").await;
        assert_eq!(
            b.value_of("kb-step-1-text").await,
            "Open **Services** on the print server"
        );
        b.fill("kb-step-2-text", "Restart *Print Spooler*").await;
        b.fill("kb-step-2-expected", "Its status is Running").await;
        b.select("kb-visibility-input", "public").await;
        picture(b, "kb-editor.png").await;
        b.submit("kb-save").await;
        assert!(
            b.path().await.ends_with("?done=created"),
            "{}",
            b.path().await
        );
        b.assert_text(&ftl("en", "kb-done-created")).await;
        assert_eq!(b.text_of("#kb-status").await, ftl("en", "kb-status-draft"));
        assert_eq!(
            b.text_of("#kb-step-2 .kb-step-text").await,
            "Restart Print Spooler"
        );
        assert!(
            b.has("#kb-step-2 .kb-step-text em").await,
            "Markdown rendered"
        );
        assert!(!b.has("#kb-step-3").await, "blank rows left out");
        let article = b.path().await;
        let article = article.split('?').next().unwrap().to_string();
        b.submit("kb-move-submit").await;
        b.assert_text(&ftl("en", "kb-done-submit")).await;
        assert_eq!(b.text_of("#kb-status").await, ftl("en", "kb-status-review"));
        assert!(!b.has("#kb-move-approve").await, "writers do not approve");

        let lead = b.another(Window::Desktop).await;
        lead.login_to("lena", PW, &article).await;
        assert_eq!(lead.path().await, article);
        lead.submit("kb-move-approve").await;
        lead.assert_text(&ftl("en", "kb-done-approve")).await;
        assert_eq!(
            lead.text_of("#kb-status").await,
            ftl("en", "kb-status-published")
        );
        assert!(
            lead.text_of("#kb-approved")
                .await
                .starts_with("approved by lena (test) on "),
        );
        picture(&lead, "kb-article.png").await;

        b.goto(&article).await;
        assert_eq!(
            b.text_of("#kb-status").await,
            ftl("en", "kb-status-published")
        );
        b.goto("/kb?status=published").await;
        b.assert_text("Restart the print spooler").await;
        if pictures().is_some() {
            more_for_pictures(srv, &article).await;
            b.goto(&format!("{article}/diff?from=1&to=2")).await;
            b.wait_for("#kb-diff").await;
            picture(b, "kb-diff.png").await;
            b.goto("/kb").await;
            picture(b, "kb-list.png").await;
        }
    })
    .await;
}

/// A step as people write them: a path and a log line with nowhere to break.
const LONG_STEP: &str = "Delete \\\\printserver01\\spool\\PRINTERS\\FP00000-stuck-job-00042.SPL \
     and check ERR_SPOOLER_SERVICE_RESTART_REQUIRED_AFTER_QUEUE_CORRUPTION_0x800706B9";

/// Opens `path` and checks the page fits the phone.
async fn fits(b: &Browser, path: &str, ready: &str) {
    b.goto(path).await;
    b.wait_for(ready).await;
    assert_eq!(b.widths().await.1, 375, "the phone is 375 px wide");
    b.assert_no_horizontal_scroll().await;
}

#[tokio::test]
async fn the_knowledge_pages_fit_a_phone() {
    crate::run::on_phone(async |srv, b| {
        srv.user_with("lena", "agent", &[("team_lead", "all")], None, Some(PW))
            .await;
        let body = serde_json::json!({
            "title": "Clear the stuck job from \\\\printserver01\\spool\\PRINTERS",
            "lang": "en",
            "visibility": "internal",
            "content": {"kind": "sop", "steps": [
                {"text": LONG_STEP, "expected": "The queue is empty"}]}
        });
        let r = srv
            .post(&srv.admin.token, "/api/v1/kb/articles", body)
            .await
            .expect(201);
        let id = r.json["id"].as_i64().expect("id");
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/kb/articles/{id}"),
            serde_json::json!({"content": {"kind": "sop", "steps": [
                {"text": LONG_STEP, "expected": "The queue is empty again"}]}}),
        )
        .await
        .expect(200);
        b.login("lena", PW).await;
        fits(b, "/kb", "#kb-table").await;
        fits(b, &format!("/kb/{id}"), "#kb-steps").await;
        fits(b, &format!("/kb/{id}/edit"), "#kb-editor").await;
        fits(b, "/kb/new", "#kb-kinds").await;
        fits(b, &format!("/kb/{id}/history"), "#kb-versions").await;
        fits(b, &format!("/kb/{id}/diff?from=1&to=2"), "#kb-diff").await;
        fits(b, "/kb/reports", "#kb-reports-title").await;
    })
    .await;
}
