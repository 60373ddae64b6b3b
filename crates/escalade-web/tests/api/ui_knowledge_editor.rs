//! The article editor over HTTP without script, on both databases: an SOP written through
//! the form (rows added and removed with the submit buttons, blank rows left out), a refused
//! form shown again with the error beside its field and everything typed kept, a save on an
//! old version refused in words with links to the current version, and a translation.

use serde_json::json;

use crate::knowledge::{create_article, faq};
use crate::ui_knowledge::{api_article, writer};

/// The fields of an SOP form with these rows.
fn sop_form<'a>(
    title: &'a str,
    rows: &[(&'a str, &'a str)],
    op: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("kind", "sop"),
        ("title", title),
        ("lang", "en"),
        ("visibility", "public"),
        ("category", ""),
        ("service", "Printing"),
        ("note", ""),
        ("version", ""),
    ];
    for (text, expected) in rows {
        f.push(("step_text", text));
        f.push(("step_expected", expected));
    }
    f.push(("op", op));
    f
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_sop_is_written_through_the_form_without_script() {
    crate::support::both(async |srv| {
        let (_, web) = writer(srv, "wanda").await;
        let list = web.get("/kb").await.expect(200);
        assert!(list.body.contains("id=\"kb-new\""));
        let new = web.get("/kb/new").await.expect(200);
        assert!(new.body.contains("id=\"kb-kinds\""), "the kind chooser");
        assert_eq!(new.body.matches("class=\"kb-step-row\"").count(), 3);
        let ke = web.get("/kb/new?kind=known_error").await.expect(200);
        assert!(ke.body.contains("id=\"kb-symptom\"") && ke.body.contains("id=\"kb-workaround\""));
        assert!(!ke.body.contains("kb-step-row"));

        // "Add a step" shows the form again with one more row, nothing saved.
        let rows = [
            ("Open **Print queue**", "The queue shows"),
            ("", ""),
            ("", ""),
        ];
        let p = web
            .post(
                "/kb/new",
                &sop_form("Clear a stuck print job", &rows, "add-step"),
            )
            .await
            .expect(200);
        assert_eq!(p.body.matches("class=\"kb-step-row\"").count(), 4);
        assert!(p.body.contains("Open **Print queue**"), "typed text kept");
        assert!(p.body.contains("value=\"Clear a stuck print job\""));
        // "Remove step 1" takes that row away.
        let rows2 = [
            ("Wrong step", "x"),
            ("Open **Print queue**", "The queue shows"),
        ];
        let p = web
            .post(
                "/kb/new",
                &sop_form("Clear a stuck print job", &rows2, "remove-0"),
            )
            .await
            .expect(200);
        assert!(!p.body.contains("Wrong step"));
        assert_eq!(p.body.matches("class=\"kb-step-row\"").count(), 1);
        assert_eq!(
            srv.get(&srv.admin.token, "/api/v1/kb/articles").await.json["total"],
            0,
            "nothing saved yet"
        );

        // Saved: blank rows are left out.
        let rows3 = [
            ("Open **Print queue**", "The queue shows"),
            ("", ""),
            ("Cancel the stuck job", "The queue is empty"),
        ];
        let p = web
            .post(
                "/kb/new",
                &sop_form("Clear a stuck print job", &rows3, "save"),
            )
            .await
            .expect(303);
        let location = p.location.expect("a redirect");
        assert!(location.ends_with("?done=created"), "{location}");
        let id: i64 = location
            .trim_start_matches("/kb/")
            .split('?')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let a = api_article(srv, id).await;
        assert_eq!(a["title"], "Clear a stuck print job");
        assert_eq!(a["status"], "draft");
        assert_eq!(a["visibility"], "public");
        assert_eq!(a["service"], "Printing");
        assert_eq!(
            a["content"],
            json!({"kind": "sop", "steps": [
                {"text": "Open **Print queue**", "expected": "The queue shows"},
                {"text": "Cancel the stuck job", "expected": "The queue is empty"}
            ]})
        );
        let page = web.get(&location).await.expect(200);
        assert!(page.body.contains("The draft has been saved."));
        assert!(page.body.contains("id=\"kb-step-2\""), "numbered steps");
        assert!(
            page.body.contains("<strong>Print queue</strong>"),
            "Markdown rendered"
        );
        assert!(page.body.contains("Expected result:"));
        assert!(page.body.contains("The queue is empty"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_form_keeps_what_was_typed_with_the_error_beside_the_field() {
    crate::support::both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        // No title: the error is beside the title, the steps as typed.
        let rows = [("Restart <b>spooler</b>", "It restarts")];
        let p = web.post("/kb/new", &sop_form("   ", &rows, "save")).await;
        assert_eq!(p.status, 422, "{}", p.body);
        assert!(p.body.contains("id=\"kb-title-error\""), "{}", p.body);
        assert!(p.body.contains("data-field=\"title\""));
        assert!(
            p.body
                .contains("aria-invalid=\"true\" aria-describedby=\"kb-title-error\"")
        );
        assert!(
            p.body.contains("Restart &#60;b&#62;spooler"),
            "kept, escaped"
        );
        assert!(!p.body.contains("<b>spooler"));
        assert!(p.body.contains("value=\"Printing\""), "the service kept");
        // A step too long: beside that step.
        let long = "x".repeat(50_001);
        let rows = [("Fine", "Fine"), ("", ""), (long.as_str(), "")];
        let p = web.post("/kb/new", &sop_form("Long", &rows, "save")).await;
        assert_eq!(p.status, 422);
        assert!(p.body.contains("id=\"kb-step-3-error\""), "the third row");
        assert!(p.body.contains("This is too long."));
        assert_eq!(
            srv.get(&srv.admin.token, "/api/v1/kb/articles").await.json["total"],
            0
        );

        // Submitting an incomplete SOP names the empty part on the article page.
        let a = create_article(
            srv,
            &wanda,
            json!({"title": "Half done", "lang": "en", "content": {"kind": "sop",
                   "steps": [{"text": "Do it", "expected": ""}]}}),
        )
        .await;
        let id = a["id"].as_i64().unwrap();
        let p = web
            .post(&format!("/kb/{id}/moves"), &[("move", "submit")])
            .await;
        assert_eq!(p.status, 422);
        assert!(p.body.contains("id=\"kb-error\""));
        assert!(p.body.contains("content.steps[0].expected"), "{}", p.body);
        assert_eq!(api_article(srv, id).await["status"], "draft");

        // A save on an old version: refused in words, the text kept, links to the current.
        let edit = web.get(&format!("/kb/{id}/edit")).await.expect(200);
        assert!(edit.body.contains("name=\"version\" value=\"1\""));
        srv.patch(
            &wanda.token,
            &format!("/api/v1/kb/articles/{id}"),
            json!({"title": "Half done (theirs)"}),
        )
        .await
        .expect(200);
        let mut form = vec![
            ("kind", "sop"),
            ("title", "Half done (mine)"),
            ("visibility", "internal"),
            ("category", ""),
            ("service", ""),
            ("note", "my change"),
            ("version", "1"),
            ("step_text", "Do it"),
            ("step_expected", "It is done"),
            ("op", "save"),
        ];
        let p = web.post(&format!("/kb/{id}/edit"), &form).await;
        assert_eq!(p.status, 409, "{}", p.body);
        assert!(p.body.contains("id=\"kb-conflict\""));
        assert!(
            p.body
                .contains("you started from version 1, and version 2 is the current one")
        );
        assert!(p.body.contains(&format!("href=\"/kb/{id}\"")));
        assert!(p.body.contains(&format!("/kb/{id}/diff?from=1&#38;to=2")));
        assert!(p.body.contains("value=\"Half done (mine)\""), "mine kept");
        assert!(
            p.body.contains("name=\"version\" value=\"2\""),
            "next save replaces"
        );
        assert_eq!(api_article(srv, id).await["title"], "Half done (theirs)");
        // Saving again, knowingly, replaces it.
        form[6] = ("version", "2");
        web.post(&format!("/kb/{id}/edit"), &form).await.expect(303);
        let a = api_article(srv, id).await;
        assert_eq!(a["title"], "Half done (mine)");
        assert_eq!(a["version"], 3);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_translation_is_written_and_read_in_its_language() {
    crate::support::both(async |srv| {
        let (wanda, web) = writer(srv, "wanda").await;
        let id = create_article(srv, &wanda, faq("Printer offline", "internal")).await["id"]
            .as_i64()
            .unwrap();
        let page = web.get(&format!("/kb/{id}")).await.expect(200);
        assert!(
            page.body
                .contains(&format!("href=\"/kb/{id}/translations/fr\""))
        );
        let form = web
            .get(&format!("/kb/{id}/translations/fr"))
            .await
            .expect(200);
        assert!(form.body.contains("Translation into Français"));
        assert!(
            form.body.contains("value=\"Printer offline\""),
            "the original to start from"
        );
        assert!(!form.body.contains("id=\"kb-lang\""), "no language select");
        let p = web
            .post(
                &format!("/kb/{id}/translations/fr"),
                &[
                    ("title", "Imprimante hors ligne"),
                    ("question", "Que faire ?"),
                    ("answer", "Redémarrer l’imprimante."),
                    ("version", "1"),
                    ("op", "save"),
                ],
            )
            .await
            .expect(303);
        assert_eq!(
            p.location.as_deref(),
            Some(format!("/kb/{id}?lang=fr&done=translated").as_str())
        );
        let fr = web.get(&format!("/kb/{id}?lang=fr")).await.expect(200);
        assert!(fr.body.contains("Imprimante hors ligne"));
        assert!(fr.body.contains("lang=\"fr\""));
        assert!(fr.body.contains("id=\"kb-lang-fr\""));
        let en = web.get(&format!("/kb/{id}?lang=en")).await.expect(200);
        assert!(en.body.contains("Printer offline"));
        // The original language cannot be "translated".
        let p = web
            .post(
                &format!("/kb/{id}/translations/en"),
                &[
                    ("title", "x"),
                    ("question", "y"),
                    ("answer", "z"),
                    ("op", "save"),
                ],
            )
            .await;
        assert_eq!(p.status, 422);
        assert!(p.body.contains("original language"), "{}", p.body);
    })
    .await;
}
