//! Users and roles through their pages: a user created through the form logs in with what
//! was chosen, disabling or a password reset ends their sessions (but nobody disables
//! themselves), and editing a role changes what its holders can do.

use serde_json::json;

use super::{PW, id_in};
use crate::support::{ADMIN_PASSWORD, both};

#[tokio::test]
async fn a_user_created_through_the_form_logs_in_with_their_roles() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let dept = srv.department("Finance").await.to_string();
        let agent_role = srv.role_id("agent").await;
        let role = format!("role-{agent_role}");
        let scope = format!("scope-{agent_role}");
        let form = admin.get("/admin/users/new").await.expect(200);
        assert!(form.body.contains("id=\"user-form\""));
        assert!(
            form.body
                .contains(&format!("<label for=\"{role}\">agent</label>"))
        );
        let fields = |login: &'static str, password: &'static str| {
            vec![
                ("login", login),
                ("display_name", "Nadia Benali"),
                ("email", "nadia@example.com"),
                ("kind", "agent"),
                ("department_id", dept.as_str()),
                ("language", "fr"),
                ("time_zone", "Europe/Paris"),
                ("vip", "on"),
                ("password", password),
                (role.as_str(), "on"),
                (scope.as_str(), "group"),
            ]
        };
        let short = admin.post("/admin/users", &fields("nadia", "short")).await;
        assert_eq!(short.status, 422);
        assert!(short.body.contains("at least 10 characters"));
        assert!(
            short.body.contains("value=\"Nadia Benali\""),
            "typed values stay"
        );
        assert!(
            short
                .body
                .contains("<option value=\"Europe/Paris\" selected>")
        );
        let bad = admin.post("/admin/users", &fields("n", PW)).await;
        assert_eq!(bad.status, 422);
        assert!(bad.body.contains("A login is 2 to 64"));

        let created = admin
            .post("/admin/users", &fields("nadia", PW))
            .await
            .expect(303);
        let id = id_in(&created, "/admin/users/");
        let page = admin
            .get(created.location.as_deref().unwrap())
            .await
            .expect(200);
        assert!(page.body.contains("The user has been created."));
        assert!(page.body.contains(&format!(
            "id=\"{role}\" name=\"{role}\" type=\"checkbox\" value=\"on\" checked"
        )));
        let u = srv.api_user(id).await;
        assert_eq!(u["kind"], "agent");
        assert_eq!(u["language"], "fr");
        assert_eq!(u["time_zone"], "Europe/Paris");
        assert_eq!(u["vip"], true);
        assert_eq!(u["department_id"].to_string(), dept);
        assert_eq!(u["roles"], json!([{"role": "agent", "scope": "group"}]));

        let again = admin.post("/admin/users", &fields("nadia", PW)).await;
        assert_eq!(again.status, 422);
        assert!(again.body.contains("already in use"));

        let nadia = srv.web_login("nadia", PW).await;
        let home = nadia.get("/").await.expect(303);
        assert_eq!(home.location.as_deref(), Some("/agent"));
        let account = nadia.get("/account").await.expect(200);
        assert!(account.body.contains("<html lang=\"fr\">"));

        // Editing: everything but the login; no role ticked leaves none.
        admin
            .post(
                &format!("/admin/users/{id}"),
                &[
                    ("display_name", "Nadia B."),
                    ("email", ""),
                    ("kind", "requester"),
                    ("department_id", ""),
                    ("language", "ru"),
                    ("time_zone", "Europe/Moscow"),
                    (role.as_str(), "on"),
                    (scope.as_str(), "own"),
                ],
            )
            .await
            .expect(303);
        let u = srv.api_user(id).await;
        assert_eq!(u["display_name"], "Nadia B.");
        assert_eq!(u["email"], serde_json::Value::Null);
        assert_eq!(u["kind"], "requester");
        assert_eq!(u["vip"], false);
        assert_eq!(u["roles"], json!([{"role": "agent", "scope": "own"}]));
        let bad_zone = admin
            .post(
                &format!("/admin/users/{id}"),
                &[
                    ("display_name", "Nadia"),
                    ("kind", "agent"),
                    ("language", "en"),
                    ("time_zone", "Mars/Olympus"),
                ],
            )
            .await;
        assert_eq!(bad_zone.status, 422);
        assert!(bad_zone.body.contains("not a time zone"));
    })
    .await;
}
#[tokio::test]
async fn disabling_a_user_ends_their_session_but_not_ones_own() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let (id, bob) = srv.web_user("bob", "agent", &[("agent", "all")]).await;
        let path = format!("/admin/users/{id}/active");

        let unconfirmed = admin.post(&path, &[("active", "false")]).await;
        assert_eq!(unconfirmed.status, 422);
        assert!(unconfirmed.body.contains("Tick the confirmation box"));
        bob.get("/account").await.expect(200);

        let done = admin
            .post(&path, &[("active", "false"), ("confirm", "yes")])
            .await
            .expect(303);
        let page = admin
            .get(done.location.as_deref().unwrap())
            .await
            .expect(200);
        assert!(page.body.contains("id=\"user-disabled-badge\""));
        let ended = bob.get("/account").await.expect(303);
        assert!(ended.location.unwrap().starts_with("/login"));
        assert_eq!(srv.web_login_attempt("bob", PW).await.status, 401);

        let own = admin
            .post(
                &format!("/admin/users/{}/active", srv.admin.id),
                &[("active", "false"), ("confirm", "yes")],
            )
            .await;
        assert_eq!(own.status, 422);
        assert!(own.body.contains("You cannot disable your own account."));
        admin.get("/admin").await.expect(200);

        admin.post(&path, &[("active", "true")]).await.expect(303);
        let bob = srv.web_login("bob", PW).await;

        // A password reset also ends the sessions; the new one works.
        let reset = format!("/admin/users/{id}/password");
        let mismatch = admin
            .post(
                &reset,
                &[
                    ("password", "another-password-2"),
                    ("confirm_password", "different-pass-3"),
                ],
            )
            .await;
        assert_eq!(mismatch.status, 422);
        admin
            .post(
                &reset,
                &[
                    ("password", "another-password-2"),
                    ("confirm_password", "another-password-2"),
                ],
            )
            .await
            .expect(303);
        assert_eq!(bob.get("/account").await.status, 303);
        srv.web_login("bob", "another-password-2").await;
    })
    .await;
}
#[tokio::test]
async fn editing_a_role_changes_what_its_holders_can_do() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let created = admin
            .post(
                "/admin/roles",
                &[
                    ("name", "desk_organiser"),
                    ("description", "Keeps the departments"),
                    ("perm", "admin.departments"),
                ],
            )
            .await
            .expect(303);
        let role = id_in(&created, "/admin/roles/");
        let (_, carol) = srv
            .web_user("carol", "agent", &[("agent", "all"), ("desk_organiser", "all")])
            .await;
        carol.get("/admin/departments").await.expect(200);
        carol
            .post("/admin/departments", &[("name", "Logistics")])
            .await
            .expect(303);

        let page = admin.get(&format!("/admin/roles/{role}")).await.expect(200);
        assert!(page.body.contains("id=\"perm-admin-departments\" name=\"perm\" type=\"checkbox\" value=\"admin.departments\" checked"));
        assert!(page.body.contains("Create and rename departments."));
        admin
            .post(
                &format!("/admin/roles/{role}"),
                &[("description", "Reads the audit log"), ("perm", "audit.read")],
            )
            .await
            .expect(303);
        let refused = carol.get("/admin/departments").await.expect(403);
        assert!(refused.body.contains("“Manage departments” (admin.departments)"));
        carol.get("/admin/audit").await.expect(200);

        admin
            .post(&format!("/admin/roles/{role}"), &[("description", "Nothing")])
            .await
            .expect(303);
        carol.get("/admin").await.expect(404);

        // The administrator role keeps admin.roles; the refusal is shown and nothing changes.
        let admin_role = srv.role_id("administrator").await;
        let lockout = admin
            .post(
                &format!("/admin/roles/{admin_role}"),
                &[("description", "Everything"), ("perm", "admin.users")],
            )
            .await;
        assert_eq!(lockout.status, 422);
        assert!(lockout.body.contains("must keep “Manage roles”"));
        let perms = srv.role_permissions("administrator").await;
        assert!(perms.as_array().unwrap().contains(&json!("admin.roles")));
        let unknown = admin
            .post("/admin/roles", &[("name", "odd"), ("perm", "ticket.fly")])
            .await;
        assert_eq!(unknown.status, 422);
        assert!(unknown.body.contains("This permission does not exist."));
    })
    .await;
}
