//! The language switcher in the page frame, used as a person does: choosing a language in
//! the select sends it at once (script) and the same page comes back translated, before and
//! after logging in. Expected words are read from the language files themselves.

use crate::browser::{Browser, ftl};
use crate::run::in_browser;
use crate::support::ADMIN_PASSWORD;

/// Switches with the frame's select and checks the page came back in `lang`.
async fn switch_to(b: &Browser, lang: &str) {
    let before = b.path().await;
    b.select("lang-select", lang).await;
    assert_eq!(b.lang().await, lang, "<html lang> after choosing {lang}");
    assert_eq!(b.path().await, before, "the same page comes back");
    assert_eq!(
        b.attr(&format!("#lang-select option[value='{lang}']"), "selected")
            .await
            .as_deref(),
        Some("true"),
        "{lang} is the chosen language in the switcher"
    );
}

#[tokio::test]
async fn the_login_page_switches_to_french_and_russian() {
    in_browser(async |_srv, b| {
        b.goto("/login").await;
        assert_eq!(b.lang().await, "en");
        assert_eq!(b.text_of("h1").await, ftl("en", "login-title"));

        for lang in ["fr", "ru"] {
            switch_to(b, lang).await;
            assert_eq!(b.text_of("h1").await, ftl(lang, "login-title"));
            assert_eq!(
                b.text_of("label[for='login']").await,
                ftl(lang, "login-login")
            );
            assert_eq!(
                b.text_of("label[for='password']").await,
                ftl(lang, "login-password")
            );
            assert_eq!(b.text_of("#login-submit").await, ftl(lang, "login-submit"));
        }

        // The refusal is in the chosen language too.
        b.fill("login", "admin").await;
        b.fill("password", "not-the-password").await;
        b.submit("login-submit").await;
        assert_eq!(b.text_of("#login-error").await, ftl("ru", "login-failed"));
    })
    .await;
}

#[tokio::test]
async fn after_login_the_switcher_translates_and_remembers() {
    in_browser(async |_srv, b| {
        b.login_to("admin", ADMIN_PASSWORD, "/account").await;
        assert_eq!(b.text_of("h1").await, ftl("en", "account-title"));

        switch_to(b, "fr").await;
        assert_eq!(b.text_of("h1").await, ftl("fr", "account-title"));
        assert_eq!(
            b.text_of("label[for='pref-zone']").await,
            ftl("fr", "account-time-zone")
        );
        assert_eq!(
            b.text_of("form[action='/logout'] button").await,
            ftl("fr", "nav-logout")
        );

        switch_to(b, "ru").await;
        assert_eq!(b.text_of("h1").await, ftl("ru", "account-title"));
        assert_eq!(
            b.text_of("label[for='current_password']").await,
            ftl("ru", "account-current-password")
        );
        b.assert_absent(&ftl("fr", "account-title")).await;

        // Saved on the account: the account form shows it, and it holds on the next page.
        assert_eq!(b.value_of("pref-language").await, "ru");
        b.goto("/no/such/page").await;
        assert_eq!(b.lang().await, "ru");
        assert_eq!(b.text_of("h1").await, ftl("ru", "error-not-found"));
    })
    .await;
}
