//! The organisation through its pages: the impact x urgency matrix deciding a new ticket's
//! priority, the category tree (indented, moved, cycles refused with their message),
//! departments and support groups with their members.

use serde_json::json;

use super::id_in;
use crate::support::{ADMIN_PASSWORD, both};

#[tokio::test]
async fn the_matrix_decides_the_priority_of_new_tickets() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let caller = srv.agent("caller").await;
        let open = async |subject: &str| {
            srv.open(
                &caller,
                json!({"subject": subject, "impact": "medium", "urgency": "medium"}),
            )
            .await["priority"]
                .clone()
        };
        assert_eq!(open("before").await, "medium");
        let page = admin.get("/admin/matrix").await.expect(200);
        assert!(page.body.contains("id=\"cell-medium-medium\""));
        let mut cells = vec![
            ("cell-high-high", "critical"),
            ("cell-high-medium", "high"),
            ("cell-high-low", "medium"),
            ("cell-medium-high", "high"),
            ("cell-medium-medium", "high"),
            ("cell-medium-low", "low"),
            ("cell-low-high", "medium"),
            ("cell-low-medium", "low"),
            ("cell-low-low", "informational"),
        ];
        admin.post("/admin/matrix", &cells).await.expect(303);
        assert_eq!(open("after").await, "high");
        let saved = admin.get("/admin/matrix?saved=matrix").await.expect(200);
        assert!(saved.body.contains("The priority matrix has been saved."));

        // More urgency giving less priority is refused and shown as chosen.
        cells[0] = ("cell-high-high", "low");
        let refused = admin.post("/admin/matrix", &cells).await;
        assert_eq!(refused.status, 422);
        assert!(refused.body.contains("must never give a lower priority"));
        assert!(refused.body.contains("<option value=\"low\" selected>"));
        assert_eq!(open("still").await, "high");
    })
    .await;
}
#[tokio::test]
async fn the_category_tree_grows_moves_and_refuses_cycles() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        let tree = admin.get("/admin/categories").await.expect(200);
        assert!(tree.body.contains("10 categories"));
        for name in ["Hardware failure", "Performance optimisation", "Security"] {
            assert!(tree.body.contains(name), "{name}");
        }
        let hardware = srv.category("hardware_failure").await;
        let hw = hardware.to_string();
        let printers = admin
            .post(
                "/admin/categories",
                &[
                    ("parent_id", hw.as_str()),
                    ("key", "printers"),
                    ("name", "Printers"),
                ],
            )
            .await
            .expect(303);
        let printers = id_in(&printers, "/admin/categories/");
        let p = printers.to_string();
        let laser = admin
            .post(
                "/admin/categories",
                &[
                    ("parent_id", p.as_str()),
                    ("key", "laser"),
                    ("name", "Laser printers"),
                ],
            )
            .await
            .expect(303);
        let laser = id_in(&laser, "/admin/categories/");
        let tree = admin.get("/admin/categories").await.expect(200);
        assert!(
            tree.body
                .contains(&format!("id=\"category-row-{laser}\" data-depth=\"2\""))
        );
        let bad_key = admin
            .post(
                "/admin/categories",
                &[("parent_id", ""), ("key", "no spaces"), ("name", "Odd")],
            )
            .await;
        assert_eq!(bad_key.status, 422);
        assert!(bad_key.body.contains("A key is 1 to 64"));
        assert!(bad_key.body.contains("value=\"Odd\""));

        let l = laser.to_string();
        let cycle = admin
            .post(
                &format!("/admin/categories/{hardware}"),
                &[
                    ("name", "Hardware failure"),
                    ("parent_id", l.as_str()),
                    ("active", "on"),
                ],
            )
            .await;
        assert_eq!(cycle.status, 422);
        assert!(
            cycle
                .body
                .contains("cannot be placed under itself or under one of its own sub-categories")
        );
        assert_eq!(
            srv.category_json(hardware).await["parent_id"],
            serde_json::Value::Null
        );

        // Rename, move to the top and deactivate in one go.
        admin
            .post(
                &format!("/admin/categories/{laser}"),
                &[("name", "Laser"), ("parent_id", "")],
            )
            .await
            .expect(303);
        let c = srv.category_json(laser).await;
        assert_eq!(c["name"], "Laser");
        assert_eq!(c["parent_id"], serde_json::Value::Null);
        assert_eq!(c["active"], false);
    })
    .await;
}
#[tokio::test]
async fn departments_and_groups_are_organised_from_their_pages() {
    both(async |srv| {
        let admin = srv.web_login("admin", ADMIN_PASSWORD).await;
        admin
            .post("/admin/departments", &[("name", "Finance")])
            .await
            .expect(303);
        let dup = admin
            .post("/admin/departments", &[("name", "Finance")])
            .await;
        assert_eq!(dup.status, 422);
        assert!(dup.body.contains("This name is already in use."));
        let list = admin.get("/admin/departments").await.expect(200);
        assert!(list.body.contains("1 department"));
        let id = srv.department("Legal").await;
        admin
            .post(
                &format!("/admin/departments/{id}"),
                &[("name", "Legal affairs"), ("page", "1")],
            )
            .await
            .expect(303);
        let list = admin.get("/admin/departments").await.expect(200);
        assert!(list.body.contains(">Legal affairs</td>"));

        let created = admin
            .post(
                "/admin/groups",
                &[
                    ("name", "Network team"),
                    ("level", "2"),
                    ("security_team", "on"),
                ],
            )
            .await
            .expect(303);
        let g = id_in(&created, "/admin/groups/");
        let out_of_range = admin
            .post("/admin/groups", &[("name", "Vendors"), ("level", "7")])
            .await;
        assert_eq!(out_of_range.status, 422);
        assert!(out_of_range.body.contains("0, 1, 2 or 3"));
        let list = admin.get("/admin/groups").await.expect(200);
        assert!(list.body.contains("Level 2 – second line"));

        let dana = srv.agent("dana").await;
        let page = admin.get(&format!("/admin/groups/{g}")).await.expect(200);
        assert!(
            page.body
                .contains(&format!("<option value=\"{}\">", dana.id))
        );
        let d = dana.id.to_string();
        admin
            .post(
                &format!("/admin/groups/{g}/members"),
                &[("user_id", d.as_str())],
            )
            .await
            .expect(303);
        let page = admin.get(&format!("/admin/groups/{g}")).await.expect(200);
        assert!(
            page.body
                .contains(&format!("id=\"member-row-{}\"", dana.id))
        );
        assert!(page.body.contains("dana (test)"));
        assert_eq!(srv.api_user(dana.id).await["group_ids"], json!([g]));
        let user_page = admin
            .get(&format!("/admin/users/{}", dana.id))
            .await
            .expect(200);
        assert!(
            user_page
                .body
                .contains(&format!("href=\"/admin/groups/{g}\">Network team</a>"))
        );
        admin
            .post(
                &format!("/admin/groups/{g}/members/{}/remove", dana.id),
                &[],
            )
            .await
            .expect(303);
        assert_eq!(srv.api_user(dana.id).await["group_ids"], json!([]));
        admin
            .post(
                &format!("/admin/groups/{g}"),
                &[("name", "Network"), ("level", "3")],
            )
            .await
            .expect(303);
        let r = srv
            .get(&srv.admin.token, &format!("/api/v1/groups/{g}"))
            .await
            .expect(200);
        assert_eq!(
            (
                r.json["name"].clone(),
                r.json["level"].clone(),
                r.json["security_team"].clone()
            ),
            (json!("Network"), json!(3), json!(false))
        );
    })
    .await;
}
