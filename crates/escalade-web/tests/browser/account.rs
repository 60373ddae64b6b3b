//! Getting in, in a real browser: the login form leads to the page asked for, wrong
//! passwords are refused and then throttled, and a form stripped of its token is refused
//! without changing anything.

use crate::run::in_browser;
use crate::support::ADMIN_PASSWORD;

#[tokio::test]
async fn logging_in_through_the_form_lands_on_the_page_asked_for() {
    in_browser(async |_srv, b| {
        b.goto("/account").await;
        // Not logged in: sent to the login form, which remembers where to go.
        b.wait_for_path("/login").await;
        assert_eq!(b.path().await, "/login?next=%2Faccount");
        assert_eq!(b.text_of("h1").await, "Log in");

        b.fill("login", "admin").await;
        b.fill("password", ADMIN_PASSWORD).await;
        b.submit("login-submit").await;

        assert_eq!(b.path().await, "/account");
        assert_eq!(b.text_of("h1").await, "My account");
        assert_eq!(b.text_of(".top .who").await, "Administrator");
        assert!(b.has("form[action='/logout']").await, "a logout button");
        b.assert_absent("Wrong login or password").await;
    })
    .await;
}

#[tokio::test]
async fn wrong_passwords_are_refused_then_throttled() {
    in_browser(async |_srv, b| {
        b.goto("/login").await;
        for attempt in 1..=5 {
            if attempt == 1 {
                b.fill("login", "admin").await;
            }
            b.fill("password", &format!("wrong-{attempt}")).await;
            b.submit("login-submit").await;
            assert_eq!(
                b.text_of("#login-error").await,
                "Wrong login or password.",
                "attempt {attempt}"
            );
            // The login typed is kept; the password is not.
            assert_eq!(b.value_of("login").await, "admin");
            assert_eq!(b.value_of("password").await, "");
        }
        // The sixth try is refused before the password is even looked at.
        b.fill("password", ADMIN_PASSWORD).await;
        b.submit("login-submit").await;
        let error = b.text_of("#login-error").await;
        assert!(
            error.starts_with("Too many failed attempts; try again in"),
            "throttle message, got {error:?}"
        );
        assert!(b.path().await.starts_with("/login"));
    })
    .await;
}

#[tokio::test]
async fn a_form_without_its_token_is_refused_and_changes_nothing() {
    in_browser(async |_srv, b| {
        b.login_to("admin", ADMIN_PASSWORD, "/account").await;
        let zone_before = b.value_of("pref-zone").await;
        b.select("pref-language", "fr").await;
        b.select("pref-zone", "Europe/Paris").await;
        // What a forged or stale form looks like: no token.
        let removed = b
            .eval(
                "const f = document.querySelector(\"form[action='/account/preferences']\"); \
                 const t = f.querySelector(\"input[name='csrf']\"); t.remove(); \
                 return f.querySelector(\"input[name='csrf']\") === null;",
            )
            .await;
        assert_eq!(removed, serde_json::json!(true));
        b.submit_css("form[action='/account/preferences'] button[type='submit']")
            .await;

        assert_eq!(b.text_of("h1").await, "Not allowed");
        b.assert_text("This form has expired or did not come from this site")
            .await;

        // Nothing changed: still English, still the old time zone.
        b.goto("/account").await;
        assert_eq!(b.lang().await, "en");
        assert_eq!(b.text_of("h1").await, "My account");
        assert_eq!(b.value_of("pref-zone").await, zone_before);
        assert_ne!(zone_before, "Europe/Paris");

        // The same form with its token goes through.
        b.select("pref-zone", "Europe/Paris").await;
        b.submit_css("form[action='/account/preferences'] button[type='submit']")
            .await;
        assert_eq!(b.path().await, "/account?saved=preferences");
        assert_eq!(b.value_of("pref-zone").await, "Europe/Paris");
    })
    .await;
}
