//! The knowledge base's pictures of `docs/` in the flow of work, taken by
//! [`crate::screenshots`] on its demo server once its own pictures are saved: the portal's
//! answers suggested while a requester types a new request (desktop and 375-pixel phone), the
//! article opened from a suggestion with "This solved my problem", and, once the requester has
//! gone back to the form and sent the request after all, the knowledge panel of its agent
//! ticket page with suggested articles and similar tickets.
//!
//! The demo data has no articles, so this writes a few realistic ones through the API (an
//! administrator creates, submits and approves them) before taking the pictures; it does so
//! after the other pictures, which therefore stay as they were.

use std::path::Path;

use escalade_app::demo::DEMO_PASSWORD;
use reqwest::Method;
use serde_json::{Value, json};

use crate::browser::{Browser, Sessions};
use crate::driver::Window;
use crate::screenshots::{Api, desktop, picture};

/// What the requester types: a problem the demo's requesters have (the "VPN disconnects
/// every 10 minutes" tickets), in their words.
const SUBJECT: &str = "VPN keeps disconnecting when I work from home";
const DESCRIPTION: &str = "Since Monday the VPN drops every few minutes and I have to sign \
    in once more. Video calls without the VPN are fine.";

/// The articles: the public ones answer requesters on the portal, the internal SOP is for
/// agents only. Each is `(title, visibility, content)`.
fn articles() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "VPN disconnects every few minutes when working from home",
            "public",
            json!({"kind": "sop", "steps": [
                {"text": "Quit the VPN client completely: right-click its shield next to the \
                          clock and choose **Quit**.",
                 "expected": "The shield disappears from the taskbar."},
                {"text": "Move closer to your home router or plug in a network cable, and \
                          switch off *Battery saver*.",
                 "expected": "The Wi-Fi icon shows full bars, or the cable icon shows."},
                {"text": "Start the VPN client again and sign in with your company account.",
                 "expected": "The client shows **Connected** with a green shield."},
                {"text": "If it still drops within ten minutes, note the time and the message \
                          the client shows, and open a request with them.",
                 "expected": "The service desk can find your session in the VPN logs."}]}),
        ),
        (
            "VPN drops after the laptop wakes from sleep",
            "public",
            json!({"kind": "known_error",
                   "symptom": "After the laptop wakes from sleep the VPN still shows \
                               *Connected*, but nothing opens, and it disconnects a few \
                               minutes later.",
                   "cause": "Power saving switches the Wi-Fi card off during sleep, and the \
                             VPN client does not renew its tunnel when it comes back.",
                   "workaround": "After waking the laptop, choose **Disconnect**, then \
                                  **Connect** in the VPN client once. The client update \
                                  planned for next month renews the tunnel by itself."}),
        ),
        (
            "Can I use the VPN on hotel or train Wi-Fi?",
            "public",
            json!({"kind": "faq",
                   "question": "Does the VPN work on public Wi-Fi, in a hotel or on a train?",
                   "answer": "Yes. Sign in to the Wi-Fi's own page first (open any web site to \
                              see it), then start the VPN. On a train the connection drops in \
                              tunnels: the client reconnects by itself within a minute."}),
        ),
        (
            "Set up an out-of-office reply in Outlook",
            "public",
            json!({"kind": "how_to",
                   "body": "1. In Outlook, open **File > Automatic Replies**.\n\
                            2. Choose *Send automatic replies* and set the dates.\n\
                            3. Write the message for colleagues, then, under **Outside My \
                            Organization**, the one for customers and suppliers."}),
        ),
        (
            "VPN drops: reset the user's tunnel and collect the client log",
            "internal",
            json!({"kind": "sop", "steps": [
                {"text": "Ask for the time of the last drop and the message the client showed.",
                 "expected": "You have a time to search the VPN logs for."},
                {"text": "In the VPN console, open **Users > Sessions**, find the user and \
                          choose *Reset tunnel*.",
                 "expected": "The session disappears from the list."},
                {"text": "Have the user save the client log (*Settings > Diagnostics > Save \
                          log*) and attach it to the ticket.",
                 "expected": "The log is among the ticket's files."},
                {"text": "If it drops only on the user's home Wi-Fi, escalate to Network \
                          (level 2) with the log.",
                 "expected": "The hand-over summary names the router model."}]}),
        ),
    ]
}

/// Creates the articles and publishes them; returns their ids in the order of [`articles`].
async fn publish_articles(admin: &Api) -> Vec<i64> {
    let mut ids = Vec::new();
    for (title, visibility, content) in articles() {
        let a = admin
            .call(
                Method::POST,
                "/api/v1/kb/articles",
                Some(
                    json!({"title": title, "lang": "en", "visibility": visibility,
                            "content": content, "note": "written for the pictures"}),
                ),
            )
            .await;
        let id = a["id"].as_i64().expect("the article's id");
        for mv in ["submit", "approve"] {
            let a = admin
                .call(
                    Method::POST,
                    &format!("/api/v1/kb/articles/{id}/moves"),
                    Some(json!({"move": mv})),
                )
                .await;
            assert_ne!(a["status"], "draft", "{title}: {mv} refused");
        }
        ids.push(id);
    }
    ids
}

/// Fills the new-request form as the requester would and waits for the answers to show.
async fn type_request(b: &Browser, first: i64) {
    b.goto("/portal/new").await;
    b.wait_for("#new-request-form").await;
    b.click("new-type-incident").await;
    b.fill("new-subject", SUBJECT).await;
    b.fill("new-description", DESCRIPTION).await;
    // The script asks 400 ms after the last keystroke; only the newest answer lands. Wait
    // past that, then for the answer to be there.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    b.wait_for(&format!("#kb-suggestions #suggestion-{first}"))
        .await;
}

/// Sets the desktop page area to 1280 pixels wide and `height` high.
async fn page_area(b: &Browser, height: i64) {
    b.webdriver()
        .cdp()
        .send_raw(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )
        .await
        .expect("the page area");
}

/// Like [`picture`], on a page area tall enough (up to 1,800 pixels, at least the usual 900)
/// to show everything from the top of `from` to the bottom of `to`, which a 900-pixel window
/// cuts; the window is 900 pixels high again afterwards.
async fn tall_picture(b: &Browser, dir: &Path, name: &str, from: &str, to: &str) {
    let (from_css, to_css) = (
        serde_json::to_string(from).expect("selector"),
        serde_json::to_string(to).expect("selector"),
    );
    let span = b
        .eval(&format!(
            "const a = document.querySelector({from_css}).getBoundingClientRect();              const z = document.querySelector({to_css}).getBoundingClientRect();              return Math.ceil(z.bottom - a.top);"
        ))
        .await
        .as_i64()
        .expect("the height to show");
    page_area(b, (span + 36).clamp(900, 1800)).await;
    picture(b, dir, name, Some(from)).await;
    page_area(b, 900).await;
}

pub(crate) async fn take_all(base: &str, admin: &Api, dir: &Path, sessions: &Sessions) {
    let ids = publish_articles(admin).await;
    let (vpn_sop, after_sleep, internal_sop) = (ids[0], ids[1], ids[4]);

    // ---- The portal: answers while typing, and the article opened from one ----
    let alice = desktop(base, sessions).await;
    alice.login("alice.johnson", DEMO_PASSWORD).await;
    type_request(&alice, vpn_sop).await;
    assert!(
        !alice.has(&format!("#suggestion-{internal_sop}")).await,
        "an internal article is never suggested to a requester"
    );
    tall_picture(
        &alice,
        dir,
        "portal-deflection.png",
        "label[for=new-subject]",
        "#kb-suggestions",
    )
    .await;
    // The known error is the one whose whole page, buttons included, fits the window.
    alice
        .click_css(&format!("#suggestion-{after_sleep} a"))
        .await;
    alice.wait_for("#kb-solved").await;
    picture(&alice, dir, "portal-kb-article.png", None).await;
    // It did not solve it: back to the form, everything typed kept, and the request is sent.
    alice.submit("kb-back-to-form").await;
    assert_eq!(alice.value_of("new-subject").await, SUBJECT);
    alice.click("new-type-incident").await;
    alice.submit("new-submit").await;
    let number = alice
        .path()
        .await
        .strip_prefix("/portal/tickets/")
        .and_then(|rest| rest.split(['?', '#']).next())
        .expect("the new request's page")
        .to_string();

    // ---- The same on a phone ----
    let phone = Browser::at(base, Window::Phone, sessions.clone()).await;
    phone.login("alice.johnson", DEMO_PASSWORD).await;
    type_request(&phone, vpn_sop).await;
    picture(
        &phone,
        dir,
        "portal-deflection-phone.png",
        Some("label[for=new-files]"),
    )
    .await;

    // ---- The agent's ticket page: the knowledge panel of Alice's new request ----
    let oliver = desktop(base, sessions).await;
    oliver.login("oliver.grant", DEMO_PASSWORD).await;
    oliver.goto(&format!("/agent/tickets/{number}")).await;
    oliver
        .wait_for(&format!("#kb-suggested-{internal_sop}"))
        .await;
    // Linking the requester's answer to the ticket, as an agent does in one click.
    oliver.submit(&format!("kb-link-{vpn_sop}")).await;
    oliver.wait_for(&format!("#kb-linked-{vpn_sop}")).await;
    oliver.wait_for("#kb-similar").await;
    tall_picture(
        &oliver,
        dir,
        "agent-ticket-knowledge.png",
        "#kb-panel",
        "#kb-panel",
    )
    .await;
}
