//! The web UI's frame over HTTP: login and its refusals, sessions, the form token, the
//! language (account setting, Accept-Language, switcher), the account page, error pages.

use crate::support::{ADMIN_PASSWORD, both};

#[tokio::test]
async fn login_opens_a_session_and_logout_ends_it() {
    both(async |srv| {
        let anon = srv.web_get_anon("/account", &[]).await.expect(303);
        assert_eq!(anon.location.as_deref(), Some("/login?next=%2Faccount"));

        let wrong = srv.web_login_attempt("admin", "not-the-password").await;
        assert_eq!(wrong.status, 401);
        assert!(wrong.body.contains("Wrong login or password"));

        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let page = admin.get("/account").await.expect(200);
        assert!(page.body.contains("<h1>My account</h1>"));
        assert!(
            page.body.contains("href=\"/admin\""),
            "admin sees the administration link"
        );

        admin.post("/logout", &[]).await.expect(303);
        let after = admin.get("/account").await.expect(303);
        assert!(after.location.unwrap().starts_with("/login"));
    })
    .await;
}

#[tokio::test]
async fn forms_without_the_token_or_from_another_site_are_refused() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let refused = admin
            .post_raw(
                "/account/preferences",
                &[("language", "fr"), ("time_zone", "Europe/Paris")],
            )
            .await
            .expect(403);
        assert!(refused.body.contains("expired"));
        let wrong = admin
            .post_raw(
                "/account/preferences",
                &[("csrf", "forged"), ("language", "fr"), ("time_zone", "UTC")],
            )
            .await;
        assert_eq!(wrong.status, 403);
        // Nothing changed: the page is still in English.
        let page = admin.get("/account").await.expect(200);
        assert!(page.body.contains("<html lang=\"en\">"));
    })
    .await;
}

#[tokio::test]
async fn language_comes_from_the_account_then_the_browser() {
    both(async |srv| {
        let fr = srv
            .web_get_anon("/login", &[("accept-language", "fr-FR,fr;q=0.9,en;q=0.5")])
            .await
            .expect(200);
        assert!(fr.body.contains("<html lang=\"fr\">"));
        assert!(fr.body.contains("Connexion"));
        let zh = srv
            .web_get_anon("/login", &[("accept-language", "zh-CN")])
            .await
            .expect(200);
        assert!(zh.body.contains("登录"));

        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        admin
            .post("/language", &[("lang", "ru"), ("next", "/account")])
            .await
            .expect(303);
        let ru = admin.get("/account").await.expect(200);
        assert!(ru.body.contains("<html lang=\"ru\">"));
        assert!(ru.body.contains("Моя учётная запись"));
        let bad = admin.post("/language", &[("lang", "xx")]).await;
        assert_eq!(bad.status, 422);

        admin
            .post(
                "/account/preferences",
                &[("language", "zh-CN"), ("time_zone", "Asia/Shanghai")],
            )
            .await
            .expect(303);
        let zh = admin.get("/account?saved=preferences").await.expect(200);
        assert!(zh.body.contains("偏好设置已保存"));
        assert!(
            zh.body
                .contains("<option value=\"Asia/Shanghai\" selected>")
        );
        let bad_zone = admin
            .post(
                "/account/preferences",
                &[("language", "en"), ("time_zone", "Mars/Olympus")],
            )
            .await;
        assert_eq!(bad_zone.status, 422);
    })
    .await;
}

#[tokio::test]
async fn password_change_checks_the_current_one() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let wrong = admin
            .post(
                "/account/password",
                &[
                    ("current_password", "nope"),
                    ("new_password", "a-new-password"),
                    ("confirm_password", "a-new-password"),
                ],
            )
            .await;
        assert_eq!(wrong.status, 422);
        let mismatch = admin
            .post(
                "/account/password",
                &[
                    ("current_password", ADMIN_PASSWORD),
                    ("new_password", "a-new-password"),
                    ("confirm_password", "another-password"),
                ],
            )
            .await;
        assert_eq!(mismatch.status, 422);
        admin
            .post(
                "/account/password",
                &[
                    ("current_password", ADMIN_PASSWORD),
                    ("new_password", "a-new-password"),
                    ("confirm_password", "a-new-password"),
                ],
            )
            .await
            .expect(303);
        assert_eq!(
            srv.web_login_attempt("admin", ADMIN_PASSWORD).await.status,
            401
        );
        srv.web_login("admin", "a-new-password").await;
    })
    .await;
}

#[tokio::test]
async fn unknown_pages_are_html_and_api_paths_stay_json() {
    both(async |srv| {
        let page = srv
            .web_get_anon("/no/such/page", &[("accept-language", "ru")])
            .await
            .expect(404);
        assert!(page.body.contains("Не найдено"));
        assert!(page.body.contains("href=\"/\""), "a way back home");
        let api = srv.web_get_anon("/api/v1/no/such", &[]).await.expect(404);
        assert!(api.body.starts_with("{\"error\""));
        let css = srv.web_get_anon("/assets/app.css", &[]).await.expect(200);
        assert!(css.body.contains(":focus-visible"));
    })
    .await;
}
