//! The portal's knowledge base over a real socket on both databases: suggestions appear for
//! what a requester types (the fragment the script fetches, and the "Look for an answer
//! first" button without script, everything typed kept), an article read from a suggestion
//! records a deflection with "This solved my problem" and no ticket is opened, votes count,
//! the search page finds published public articles in the reader's language, and an internal
//! or unpublished article is "not found" at `/portal/kb/{id}`.

use serde_json::json;

use crate::kb_search::enc;
use crate::knowledge::{create_article, published};
use crate::support::{TestServer, both};
use crate::web::WebUser;

const PASSWORD: &str = "portal-kb-password-1";

async fn requester(srv: &TestServer, login: &str) -> WebUser {
    srv.user_with(
        login,
        "requester",
        &[("requester", "own")],
        None,
        Some(PASSWORD),
    )
    .await;
    srv.web_login(login, PASSWORD).await
}

fn faq(title: &str, visibility: &str, answer: &str) -> serde_json::Value {
    json!({"title": title, "lang": "en", "visibility": visibility,
           "content": {"kind": "faq", "question": format!("{title}?"), "answer": answer}})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suggestions_while_typing_and_a_deflection_instead_of_a_ticket() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let id = published(
            srv,
            &writer,
            faq(
                "Mailbox full",
                "public",
                "Empty the **deleted items** folder of your mailbox.",
            ),
        )
        .await;
        let internal = published(
            srv,
            &writer,
            faq(
                "Mailbox quota internals",
                "internal",
                "Raise the mailbox quota in the admin centre.",
            ),
        )
        .await;
        let web = requester(srv, "rita").await;

        // The fragment the script asks for while she types.
        let frag = web
            .get(&format!(
                "/portal/new/suggestions?subject={}&description={}",
                enc("My mailbox is full"),
                enc("I cannot send mails")
            ))
            .await
            .expect(200);
        assert!(
            frag.body.contains(&format!("id=\"suggestion-{id}\"")),
            "{}",
            frag.body
        );
        assert!(frag.body.contains("Mailbox full"));
        assert!(
            !frag.body.contains(&format!("suggestion-{internal}")),
            "internal: never"
        );
        assert!(
            frag.body.contains("<mark>"),
            "the matching words are marked"
        );
        let nothing = web
            .get("/portal/new/suggestions?subject=&description=")
            .await
            .expect(200);
        assert!(!nothing.body.contains("suggestion-"));

        // Without script: the form comes back with the suggestions and what she typed.
        let tickets_before = srv.ticket_total().await;
        let page = web
            .post_multipart(
                "/portal/new",
                &[
                    ("kind", "incident"),
                    ("subject", "My mailbox is full"),
                    ("description", "I cannot send mails since Monday"),
                    ("look", "1"),
                ],
                &[],
            )
            .await
            .expect(200);
        assert!(
            page.body.contains(&format!("id=\"suggestion-{id}\"")),
            "{}",
            page.body
        );
        assert!(page.body.contains("value=\"My mailbox is full\""));
        assert!(
            page.body
                .contains("I cannot send mails since Monday</textarea>")
        );
        assert_eq!(
            srv.ticket_total().await,
            tickets_before,
            "looking opens nothing"
        );

        // The suggestion opens the article in the portal, with the typed text carried.
        let href = format!(
            "/portal/kb/{id}?subject={}&description={}",
            enc("My mailbox is full"),
            enc("I cannot send mails since Monday")
        );
        let article = web.get(&href).await.expect(200);
        assert!(article.body.contains("id=\"kb-title\">Mailbox full<"));
        assert!(
            article.body.contains("<strong>deleted items</strong>"),
            "rendered Markdown"
        );
        assert!(article.body.contains("id=\"kb-solved\""));
        assert!(article.body.contains("id=\"kb-back-to-form\""));
        assert!(
            article
                .body
                .contains("/portal/new?subject=My+mailbox+is+full")
        );
        // The way back fills the form again.
        let back = web
            .get("/portal/new?subject=My+mailbox+is+full&description=I+cannot+send")
            .await
            .expect(200);
        assert!(back.body.contains("value=\"My mailbox is full\""));

        // A vote.
        let voted = web
            .post(&format!("/portal/kb/{id}/vote"), &[("helpful", "yes")])
            .await
            .expect(303);
        assert!(
            voted
                .location
                .unwrap()
                .starts_with(&format!("/portal/kb/{id}?voted=1"))
        );
        // "This solved my problem": counted, thanked, and no ticket exists.
        let solved = web
            .post(
                &format!("/portal/kb/{id}/solved"),
                &[
                    ("subject", "My mailbox is full"),
                    ("description", "I cannot send mails"),
                ],
            )
            .await
            .expect(303);
        let to = solved.location.unwrap();
        assert_eq!(to, format!("/portal/kb/{id}?solved=1"));
        let thanks = web.get(&to).await.expect(200);
        assert!(thanks.body.contains("id=\"kb-solved-thanks\""));
        assert!(!thanks.body.contains("id=\"kb-solved\""));
        let a = srv
            .get(&writer.token, &format!("/api/v1/kb/articles/{id}"))
            .await
            .expect(200);
        assert_eq!(a.json["deflections"], 1, "{}", a.json);
        assert_eq!(a.json["helpful"], 1);
        assert_eq!(
            srv.ticket_total().await,
            tickets_before,
            "no ticket was opened"
        );
        // Without the form token nothing is recorded.
        web.post_raw(&format!("/portal/kb/{id}/solved"), &[("subject", "x")])
            .await
            .expect(403);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_read_and_search_published_public_articles_only() {
    both(async |srv: &TestServer| {
        let writer = srv.agent("wanda").await;
        let public = published(srv, &writer, faq("Wifi password", "public", "Ask at the front desk.")).await;
        srv.call(
            reqwest::Method::PUT,
            &srv.admin.token,
            &format!("/api/v1/kb/articles/{public}/translations/fr"),
            Some(json!({"title": "Mot de passe wifi",
                        "content": {"kind": "faq", "question": "Quel est le mot de passe wifi ?", "answer": "Demandez à l'accueil."}})),
        )
        .await
        .expect(200);
        let internal = published(srv, &writer, faq("Wifi controller", "internal", "Reboot the wifi controller.")).await;
        let draft = create_article(srv, &writer, faq("Wifi draft", "public", "Soon.")).await["id"]
            .as_i64()
            .unwrap();
        let web = requester(srv, "rita").await;

        web.get(&format!("/portal/kb/{internal}")).await.expect(404);
        web.get(&format!("/portal/kb/{draft}")).await.expect(404);
        web.get("/portal/kb/999999").await.expect(404);
        web.post(&format!("/portal/kb/{internal}/solved"), &[("subject", "wifi")])
            .await
            .expect(404);

        let found = web.get("/portal/kb?q=wifi").await.expect(200);
        assert!(found.body.contains(&format!("id=\"kb-result-{public}\"")), "{}", found.body);
        assert!(!found.body.contains(&format!("kb-result-{internal}")));
        assert!(!found.body.contains(&format!("kb-result-{draft}")));
        // Without words: the most read published public articles.
        let list = web.get("/portal/kb").await.expect(200);
        assert!(list.body.contains("id=\"kb-search-form\""));
        assert!(!list.body.contains(&format!("kb-result-{internal}")));

        // In French when a French translation exists.
        web.post("/language", &[("lang", "fr"), ("next", "/portal/kb")])
            .await;
        let fr = web.get("/portal/kb?q=wifi").await.expect(200);
        assert!(fr.body.contains("Mot de passe wifi"), "{}", fr.body);
        let page = web.get(&format!("/portal/kb/{public}")).await.expect(200);
        assert!(page.body.contains("Demandez à l&#39;accueil") || page.body.contains("Demandez à l'accueil"), "{}", page.body);
    })
    .await;
}
