//! The formatted (HTML) view of an inbound message, over HTTP: the ticket page links it but
//! carries neither the HTML body nor its images; the view is the sanitised HTML (no script,
//! no remote image) under a strict Content-Security-Policy; inline images load only when
//! asked, from the message's own parts. Only readers of the ticket's internal side see it:
//! the requester herself and an agent who may not see the ticket are told it does not exist.

use escalade_store::mail_inbound::Arrival;
use serde_json::json;

use crate::support::{TestServer, both};
use crate::ui_ticket::{PASSWORD, path};

const PNG_BASE64: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

fn html_mail() -> Vec<u8> {
    format!(
        "From: Bea Moreau <bea.moreau@example.org>\r\nTo: support@desk.example.com\r\n\
         Subject: Error on the invoice screen\r\nMessage-ID: <html-1@mail.example.org>\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"rel\"\r\n\r\n\
         --rel\r\nContent-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n\
         --alt\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe invoice screen shows an \
         error, see the picture.\r\n\
         --alt\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>\
         <p>The <b>FormattedOnlyWord</b> invoice screen shows an error:</p>\
         <img src=\"cid:shot@mail.example.org\" alt=\"screenshot\">\
         <img src=\"https://tracker.example.net/pixel.gif\">\
         <script>alert('x')</script></body></html>\r\n\
         --alt--\r\n\
         --rel\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\
         Content-ID: <shot@mail.example.org>\r\nContent-Disposition: inline; filename=\"shot.png\"\r\n\r\n\
         {PNG_BASE64}\r\n--rel--\r\n"
    )
    .into_bytes()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_formatted_message_is_shown_on_demand_to_readers_of_the_internal_side_only() {
    both(async |srv: &TestServer| {
        // Bea has an account (with a password, to try the page herself).
        srv.post(
            &srv.admin.token,
            "/api/v1/users",
            json!({"login": "bea", "display_name": "Bea Moreau", "kind": "requester",
                   "email": "bea.moreau@example.org", "password": PASSWORD,
                   "roles": [{"role": "requester", "scope": "own"}]}),
        )
        .await
        .expect(201);
        let id = srv
            .app
            .receive_mail(
                Arrival {
                    source: "mailgate".into(),
                    mailbox: None,
                },
                html_mail(),
            )
            .await
            .expect("stored");
        let p = srv.app.process_mail(id).await.expect("processed");
        let number = p.ticket.expect("a ticket");
        srv.user_with("agnes", "agent", &[("agent", "all")], None, Some(PASSWORD))
            .await;
        let agent = srv.web_login("agnes", PASSWORD).await;

        // The ticket page links the view, and loads neither the HTML nor its images.
        let page = agent.get(&path(&number)).await.expect(200);
        let view = format!("/mail/{id}/html");
        assert!(
            page.body.contains(&format!("href=\"{view}\"")),
            "{}",
            page.body
        );
        assert!(!page.body.contains("FormattedOnlyWord"));
        assert!(!page.body.contains(&format!("/mail/{id}/cid/")));

        // The view: sanitised, under a strict policy, images not loaded until asked.
        let res = agent.get_response(&view).await;
        assert_eq!(res.status().as_u16(), 200);
        let csp = res
            .headers()
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string();
        assert!(csp.contains("default-src 'none'"), "{csp}");
        assert!(csp.contains("img-src 'self'"), "{csp}");
        assert!(!csp.contains("script-src"), "{csp}");
        assert_eq!(
            res.headers()
                .get("x-content-type-options")
                .and_then(|v| v.to_str().ok()),
            Some("nosniff")
        );
        let body = res.text().await.expect("body");
        assert!(body.contains("<b>FormattedOnlyWord</b>"), "{body}");
        assert!(!body.contains("<script"), "{body}");
        assert!(!body.contains("tracker.example.net"), "{body}");
        assert!(!body.contains(&format!("/mail/{id}/cid/")), "{body}");
        assert!(body.contains("id=\"mail-show-images\""), "{body}");
        assert!(
            body.contains(&format!("href=\"{}\"", path(&number))),
            "{body}"
        );

        let shown = agent.get(&format!("{view}?images=1")).await.expect(200);
        let image = format!("/mail/{id}/cid/shot@mail.example.org");
        assert!(
            shown.body.contains(&format!("src=\"{image}\"")),
            "{}",
            shown.body
        );
        let res = agent.get_response(&image).await;
        assert_eq!(res.status().as_u16(), 200);
        assert_eq!(
            res.headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok()),
            Some("image/png")
        );
        let bytes = res.bytes().await.expect("image");
        assert_eq!(bytes.len(), 70);
        assert!(bytes.starts_with(b"\x89PNG"));
        // Only the message's own parts.
        agent
            .get(&format!("/mail/{id}/cid/other@mail.example.org"))
            .await
            .expect(404);

        // The requester herself, and an agent who may not see the ticket: not found.
        let bea = srv.web_login("bea", PASSWORD).await;
        srv.user_with("otto", "agent", &[("agent", "group")], None, Some(PASSWORD))
            .await;
        let otto = srv.web_login("otto", PASSWORD).await;
        for who in [&bea, &otto] {
            who.get(&view).await.expect(404);
            who.get(&format!("{view}?images=1")).await.expect(404);
            who.get(&image).await.expect(404);
        }
        agent.get("/mail/999999/html").await.expect(404);
    })
    .await;
}
