//! The page frame in a real browser: it fits a 375-pixel phone without sideways scrolling,
//! the keyboard reaches the skip link first and focus is always visible, and an unknown
//! address shows the error page with a way home.

use thirtyfour::prelude::Key;

use crate::run::{in_browser, on_phone};
use crate::support::ADMIN_PASSWORD;

#[tokio::test]
async fn login_and_account_pages_fit_a_phone() {
    on_phone(async |_srv, b| {
        b.goto("/login").await;
        assert_eq!(b.widths().await.1, 375, "the phone is 375 px wide");
        b.assert_no_horizontal_scroll().await;

        // An error makes the page no wider.
        b.fill("login", "admin").await;
        b.fill("password", "not-the-password").await;
        b.submit("login-submit").await;
        b.wait_for("#login-error").await;
        b.assert_no_horizontal_scroll().await;

        b.login_to("admin", ADMIN_PASSWORD, "/account").await;
        b.wait_for("#pref-zone").await;
        b.assert_no_horizontal_scroll().await;
        // The two panels stack, and the password field is usable, not cut off.
        let right = b
            .eval(
                "const r = document.getElementById('new_password').getBoundingClientRect(); \
                 return r.right;",
            )
            .await;
        assert!(
            right.as_f64().unwrap_or(f64::MAX) <= 375.0,
            "the password field ends inside the screen: {right}"
        );
    })
    .await;
}

#[tokio::test]
async fn the_keyboard_reaches_the_skip_link_first_and_focus_shows() {
    in_browser(async |_srv, b| {
        b.login_to("admin", ADMIN_PASSWORD, "/account").await;
        // Start from the document, as after a page load with no autofocus.
        b.eval("document.activeElement.blur(); return null;").await;

        b.press(Key::Tab).await;
        let first = b.focused().await;
        assert_eq!(
            (
                first.tag.as_str(),
                first.class.as_str(),
                first.href.as_str()
            ),
            ("a", "skip", "#main"),
            "the first Tab lands on the skip link: {first:?}"
        );
        assert_ne!(first.outline_style, "none", "focus is visible: {first:?}");
        assert_ne!(first.outline_width, "0px", "focus is visible: {first:?}");
        // The skip link, hidden until focused, is now on screen.
        let left = b
            .eval("return document.activeElement.getBoundingClientRect().left;")
            .await;
        assert!(
            left.as_f64().unwrap_or(-1.0) >= 0.0,
            "skip link shown: {left}"
        );

        // Following it puts the reader in the content.
        b.press(Key::Enter).await;
        assert_eq!(b.focused().await.id, "main");

        // Every further stop also shows where focus is.
        for step in 1..=6 {
            b.press(Key::Tab).await;
            let f = b.focused().await;
            assert_ne!(
                f.outline_style, "none",
                "Tab stop {step} has a visible focus: {f:?}"
            );
        }
    })
    .await;
}

#[tokio::test]
async fn an_unknown_address_shows_not_found_with_a_way_home() {
    in_browser(async |_srv, b| {
        b.goto("/no/such/page").await;
        assert_eq!(b.text_of("h1").await, "Not found");
        b.assert_text("This page does not exist, or you may not see it.")
            .await;
        b.submit_css("main a.button[href='/']").await;
        // Home for someone not logged in is the login form.
        b.wait_for_path("/login").await;
        assert_eq!(b.text_of("h1").await, "Log in");
    })
    .await;
}
