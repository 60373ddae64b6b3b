//! The administration pages over HTTP. Here: each section behind its permission (404 for
//! people who are not administrators, 403 naming the permission for administrators without
//! it), every page in the four languages, form tokens, the audit log with who and when, and
//! paging. Users and roles are in `people`, the matrix, categories, departments and groups in
//! `organisation`.

use crate::support::{ADMIN_PASSWORD, TestServer, both};
use crate::web::{Page, WebUser};

mod organisation;
mod people;

const PW: &str = "a-good-password-1";

/// The id at the end of a redirect such as `/admin/users/7?saved=user-created`.
fn id_in(page: &Page, prefix: &str) -> i64 {
    let loc = page.location.as_deref().expect("a redirect");
    let rest = loc
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{loc} starts with {prefix}"));
    rest.split(['?', '/'])
        .next()
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("an id in {loc}"))
}

fn count(body: &str, needle: &str) -> usize {
    body.matches(needle).count()
}

impl TestServer {
    async fn role_id(&self, name: &str) -> i64 {
        let r = self
            .get(&self.admin.token, "/api/v1/roles")
            .await
            .expect(200);
        r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == name)
            .and_then(|x| x["id"].as_i64())
            .unwrap_or_else(|| panic!("no role {name}"))
    }

    async fn role_permissions(&self, name: &str) -> serde_json::Value {
        let r = self
            .get(&self.admin.token, "/api/v1/roles")
            .await
            .expect(200);
        r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == name)
            .map(|x| x["permissions"].clone())
            .unwrap()
    }

    async fn audit_total(&self) -> i64 {
        let r = self
            .get(&self.admin.token, "/api/v1/audit?per_page=1")
            .await;
        r.expect(200).json["total"].as_i64().unwrap()
    }

    async fn api_user(&self, id: i64) -> serde_json::Value {
        let r = self
            .get(&self.admin.token, &format!("/api/v1/users/{id}"))
            .await;
        r.expect(200).json
    }

    async fn category_json(&self, id: i64) -> serde_json::Value {
        let r = self
            .get(&self.admin.token, "/api/v1/categories")
            .await
            .expect(200);
        r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .cloned()
            .unwrap()
    }

    /// A person with a password and these roles, logged in on the web.
    async fn web_user(&self, login: &str, kind: &str, roles: &[(&str, &str)]) -> (i64, WebUser) {
        let u = self.user_with(login, kind, roles, None, Some(PW)).await;
        (u.id, self.web_login(login, PW).await)
    }
}

#[tokio::test]
async fn the_index_shows_each_administrator_only_their_sections() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let index = admin.get("/admin").await.expect(200);
        for key in [
            "users",
            "departments",
            "groups",
            "roles",
            "categories",
            "matrix",
            "audit",
        ] {
            assert!(index.body.contains(&format!("id=\"admin-section-{key}\"")));
        }

        // Every page renders in every language.
        let (group, category) = (
            srv.group("Hotline", 0, false).await,
            srv.category("network").await,
        );
        let role = srv.role_id("agent").await;
        let pages = [
            "/admin".to_string(),
            "/admin/users".into(),
            "/admin/users/new".into(),
            format!("/admin/users/{}", srv.admin.id),
            "/admin/departments".into(),
            "/admin/groups".into(),
            format!("/admin/groups/{group}"),
            "/admin/roles".into(),
            "/admin/roles/new".into(),
            format!("/admin/roles/{role}"),
            "/admin/categories".into(),
            format!("/admin/categories/{category}"),
            "/admin/matrix".into(),
            "/admin/audit".into(),
        ];
        for (lang, word) in [
            ("fr", "Administration"),
            ("ru", "Администрирование"),
            ("zh-CN", "管理"),
            ("en", "Administration"),
        ] {
            admin
                .post("/language", &[("lang", lang), ("next", "/admin")])
                .await
                .expect(303);
            for path in &pages {
                let page = admin.get(path).await.expect(200);
                assert!(
                    page.body.contains(&format!("<html lang=\"{lang}\">")),
                    "{path} in {lang}"
                );
                assert!(page.body.contains(word), "{path} in {lang}");
            }
        }

        let (_, auditor) = srv.web_user("audrey", "agent", &[("auditor", "all")]).await;
        let index = auditor.get("/admin").await.expect(200);
        assert!(index.body.contains("id=\"admin-section-audit\""));
        assert!(!index.body.contains("id=\"admin-section-users\""));
        auditor.get("/admin/audit").await.expect(200);
        let refused = auditor.get("/admin/users").await.expect(403);
        assert!(refused.body.contains("“Manage users” (admin.users)"));
        let before = srv.audit_total().await;
        let post = auditor
            .post("/admin/departments", &[("name", "Sneaky")])
            .await;
        assert_eq!(post.status, 403);
        assert_eq!(srv.audit_total().await, before, "nothing was changed");
    })
    .await;
}
#[tokio::test]
async fn people_without_administration_get_404_and_their_posts_change_nothing() {
    both(async |srv| {
        let dept = srv.department("Finance").await.to_string();
        let group = srv.group("Hotline", 0, false).await.to_string();
        let cat = srv.category("network").await.to_string();
        let requester_role = srv.role_id("requester").await.to_string();
        let admin_role = srv.role_id("administrator").await;
        let (rita_id, rita) = srv
            .web_user("rita", "requester", &[("requester", "own")])
            .await;
        let (alex_id, alex) = srv.web_user("alex", "agent", &[("agent", "all")]).await;
        let before = srv.audit_total().await;
        let admin_id = srv.admin.id.to_string();
        let grant = format!("role-{admin_role}");
        let scope = format!("scope-{admin_role}");
        let alex_s = alex_id.to_string();
        let rita_s = rita_id.to_string();
        for who in [&rita, &alex] {
            let nav = who.get("/account").await.expect(200);
            assert!(!nav.body.contains("href=\"/admin\""), "no link to it");
            for path in [
                "/admin".to_string(),
                "/admin/users".into(),
                "/admin/users/new".into(),
                format!("/admin/users/{admin_id}"),
                "/admin/departments".into(),
                "/admin/groups".into(),
                format!("/admin/groups/{group}"),
                "/admin/roles".into(),
                "/admin/roles/new".into(),
                format!("/admin/roles/{requester_role}"),
                "/admin/categories".into(),
                format!("/admin/categories/{cat}"),
                "/admin/matrix".into(),
                "/admin/audit".into(),
            ] {
                let page = who.get(&path).await;
                assert_eq!(page.status, 404, "GET {path}");
                assert!(page.body.contains("does not exist, or you may not see it"));
            }
            let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
                (
                    "/admin/users".into(),
                    vec![
                        ("login", "intruder"),
                        ("kind", "agent"),
                        ("password", PW),
                        (grant.as_str(), "on"),
                        (scope.as_str(), "all"),
                    ],
                ),
                (
                    format!("/admin/users/{rita_s}"),
                    vec![("display_name", "Hacked"), ("kind", "agent")],
                ),
                (
                    format!("/admin/users/{admin_id}/active"),
                    vec![("active", "false"), ("confirm", "yes")],
                ),
                (
                    format!("/admin/users/{admin_id}/password"),
                    vec![("password", PW), ("confirm_password", PW)],
                ),
                ("/admin/departments".into(), vec![("name", "Intruders")]),
                (
                    format!("/admin/departments/{dept}"),
                    vec![("name", "Renamed")],
                ),
                (
                    "/admin/groups".into(),
                    vec![("name", "Intruders"), ("level", "0")],
                ),
                (
                    format!("/admin/groups/{group}"),
                    vec![("name", "X"), ("level", "3")],
                ),
                (
                    format!("/admin/groups/{group}/members"),
                    vec![("user_id", alex_s.as_str())],
                ),
                (
                    "/admin/roles".into(),
                    vec![("name", "sneaky"), ("perm", "admin.users")],
                ),
                (
                    format!("/admin/roles/{requester_role}"),
                    vec![("description", "x"), ("perm", "admin.users")],
                ),
                (
                    "/admin/categories".into(),
                    vec![("key", "x"), ("name", "X"), ("parent_id", "")],
                ),
                (
                    format!("/admin/categories/{cat}"),
                    vec![("name", "X"), ("parent_id", "")],
                ),
                ("/admin/matrix".into(), vec![("cell-high-high", "critical")]),
            ];
            for (path, fields) in &posts {
                let page = who.post(path, fields).await;
                assert_eq!(page.status, 404, "POST {path}");
            }
        }
        assert_eq!(srv.audit_total().await, before, "nothing was changed");
        assert_eq!(
            srv.role_permissions("requester")
                .await
                .as_array()
                .unwrap()
                .len(),
            4
        );
        srv.web_login("admin", ADMIN_PASSWORD).await;
    })
    .await;
}
#[tokio::test]
async fn forms_without_the_token_are_refused() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let before = srv.audit_total().await;
        for path in ["/admin/departments", "/admin/groups", "/admin/categories"] {
            let none = admin
                .post_raw(path, &[("name", "No token"), ("level", "1"), ("key", "x")])
                .await;
            assert_eq!(none.status, 403, "{path}");
            assert!(none.body.contains("did not come from this site"));
            let forged = admin
                .post_raw(
                    path,
                    &[("csrf", "forged"), ("name", "Forged"), ("level", "1")],
                )
                .await;
            assert_eq!(forged.status, 403, "{path}");
        }
        let matrix = admin
            .post_raw("/admin/matrix", &[("cell-low-low", "critical")])
            .await;
        assert_eq!(matrix.status, 403);
        assert_eq!(srv.audit_total().await, before);
    })
    .await;
}
#[tokio::test]
async fn the_audit_log_shows_who_changed_what_and_when_in_the_readers_zone() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        admin
            .post(
                "/account/preferences",
                &[("language", "en"), ("time_zone", "Asia/Tokyo")],
            )
            .await
            .expect(303);
        admin
            .post("/admin/departments", &[("name", "Audit me")])
            .await
            .expect(303);
        let (id, _) = srv
            .web_user("erin", "requester", &[("requester", "own")])
            .await;
        admin
            .post(
                &format!("/admin/users/{id}/active"),
                &[("active", "false"), ("confirm", "yes")],
            )
            .await
            .expect(303);

        let r = srv
            .get(&srv.admin.token, "/api/v1/audit?per_page=50")
            .await
            .expect(200);
        let entry = r.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["action"] == "department.create")
            .cloned()
            .unwrap();
        let at: chrono::DateTime<chrono::Utc> =
            entry["created_at"].as_str().unwrap().parse().unwrap();
        let tokyo = at
            .with_timezone(&chrono_tz::Asia::Tokyo)
            .format("%Y-%m-%d %H:%M")
            .to_string();

        let log = admin.get("/admin/audit").await.expect(200);
        let row_at = log
            .body
            .find(&format!("id=\"audit-row-{}\"", entry["id"]))
            .unwrap();
        let row_end = row_at + log.body[row_at..].find("</tr>").unwrap();
        let row = &log.body[row_at..row_end];
        assert!(
            row.contains(&format!(">{tokyo}</time>")),
            "time in Tokyo: {row}"
        );
        assert!(row.contains("Administrator <code>admin</code>"));
        assert!(row.contains("Department created"));
        assert!(row.contains("Audit me"));
        assert!(log.body.contains("User changed"));

        let only = admin
            .get("/admin/audit?action=department.create")
            .await
            .expect(200);
        assert_eq!(count(&only.body, "data-action=\""), 1);
        assert!(only.body.contains("1 change"));
        let of_user = admin
            .get(&format!("/admin/audit?object=user&id={id}"))
            .await
            .expect(200);
        assert!(of_user.body.contains("User created") && of_user.body.contains("User changed"));
        assert!(!of_user.body.contains("data-action=\"department.create\""));
        assert!(
            of_user
                .body
                .contains(&format!("href=\"/admin/users/{id}\""))
        );
    })
    .await;
}
#[tokio::test]
async fn the_user_list_pages_searches_and_filters_by_kind() {
    both(async |srv| {
        for i in 0..27 {
            srv.requester(&format!("req{i:02}")).await;
        }
        srv.agent("zed-agent").await;
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let first = admin.get("/admin/users").await.expect(200);
        assert!(first.body.contains("29 users"));
        assert!(first.body.contains("Page 1 of 2"));
        assert_eq!(count(&first.body, "id=\"user-row-"), 25);
        assert!(first.body.contains("href=\"/admin/users?page=2\""));
        let second = admin.get("/admin/users?page=2").await.expect(200);
        assert_eq!(count(&second.body, "id=\"user-row-"), 4);
        assert!(second.body.contains("id=\"pager-prev\""));
        assert!(!second.body.contains("id=\"pager-next\""));

        let agents = admin.get("/admin/users?kind=agent").await.expect(200);
        assert!(agents.body.contains("2 users"), "admin and zed-agent");
        let search = admin.get("/admin/users?q=REQ0").await.expect(200);
        assert!(search.body.contains("10 users"));
        let paged = admin
            .get("/admin/users?q=req&kind=requester&page=2")
            .await
            .expect(200);
        assert_eq!(count(&paged.body, "id=\"user-row-"), 2);
        assert!(
            paged
                .body
                .contains("href=\"/admin/users?q=req&#38;kind=requester&#38;page=1\"")
        );
        let none = admin.get("/admin/users?q=nobody-at-all").await.expect(200);
        assert!(none.body.contains("id=\"users-empty\""));
    })
    .await;
}
