//! The role x endpoint permission matrix: for each kind of user (requesters at own and
//! department scope, agents at group and all scope, team lead, auditor, administrator), what
//! each endpoint answers, and that a refusal changes nothing. Also the permission explanation.

use serde_json::json;

use crate::support::{TestServer, TestUser, both, num};

/// What an endpoint answers: a status, or for the list whether the ticket is in it.
#[derive(Debug, Clone, Copy)]
struct Row {
    who: &'static str,
    get: u16,
    journal: u16,
    listed: bool,
    public: u16,
    internal: u16,
    patch: u16,
    escalate: u16,
    users: u16,
    user_create: u16,
    group_create: u16,
    roles: u16,
    audit: u16,
    explain: u16,
}

#[rustfmt::skip]
const MATRIX: &[Row] = &[
    //   who                              get  jrnl  listed public int  patch esc users ucreate gcreate roles audit explain
    Row { who: "requester_own",        get: 200, journal: 200, listed: true,  public: 201, internal: 403, patch: 403, escalate: 403, users: 403, user_create: 403, group_create: 403, roles: 403, audit: 403, explain: 403 },
    Row { who: "requester_other",      get: 404, journal: 404, listed: false, public: 404, internal: 404, patch: 404, escalate: 404, users: 403, user_create: 403, group_create: 403, roles: 403, audit: 403, explain: 403 },
    Row { who: "requester_department", get: 200, journal: 200, listed: true,  public: 201, internal: 403, patch: 403, escalate: 403, users: 403, user_create: 403, group_create: 403, roles: 403, audit: 403, explain: 403 },
    Row { who: "requester_other_dept", get: 404, journal: 404, listed: false, public: 404, internal: 404, patch: 404, escalate: 404, users: 403, user_create: 403, group_create: 403, roles: 403, audit: 403, explain: 403 },
    Row { who: "agent_group",          get: 200, journal: 200, listed: true,  public: 201, internal: 201, patch: 200, escalate: 201, users: 200, user_create: 403, group_create: 403, roles: 200, audit: 403, explain: 403 },
    Row { who: "agent_other_group",    get: 404, journal: 404, listed: false, public: 404, internal: 404, patch: 404, escalate: 404, users: 200, user_create: 403, group_create: 403, roles: 200, audit: 403, explain: 403 },
    Row { who: "agent_all",            get: 200, journal: 200, listed: true,  public: 201, internal: 201, patch: 200, escalate: 201, users: 200, user_create: 403, group_create: 403, roles: 200, audit: 403, explain: 403 },
    Row { who: "team_lead",            get: 200, journal: 200, listed: true,  public: 201, internal: 201, patch: 200, escalate: 201, users: 200, user_create: 403, group_create: 403, roles: 200, audit: 403, explain: 403 },
    Row { who: "auditor",              get: 200, journal: 200, listed: true,  public: 403, internal: 403, patch: 403, escalate: 403, users: 403, user_create: 403, group_create: 403, roles: 200, audit: 200, explain: 200 },
    Row { who: "administrator",        get: 200, journal: 200, listed: true,  public: 201, internal: 201, patch: 200, escalate: 201, users: 200, user_create: 201, group_create: 201, roles: 200, audit: 200, explain: 200 },
];

/// The people of the matrix, all around one department and one group.
struct Cast {
    owner: TestUser,
    desk: i64,
    people: Vec<(&'static str, TestUser)>,
}

async fn cast(srv: &TestServer) -> Cast {
    let finance = srv.department("Finance").await;
    let sales = srv.department("Sales").await;
    let desk = srv.group("Desk", 0, false).await;
    let network = srv.group("Network", 1, false).await;
    let owner = srv
        .user_with(
            "olga",
            "requester",
            &[("requester", "own")],
            Some(finance),
            None,
        )
        .await;
    let u = async |login: &str, kind: &str, role: &str, scope: &str, dept: Option<i64>| {
        srv.user_with(login, kind, &[(role, scope)], dept, None)
            .await
    };
    let agent_group = u("gina", "agent", "agent", "group", None).await;
    srv.join(desk, &agent_group).await;
    let agent_other_group = u("gus", "agent", "agent", "group", None).await;
    srv.join(network, &agent_other_group).await;
    let people = vec![
        ("requester_own", owner.clone()),
        (
            "requester_other",
            u("rolf", "requester", "requester", "own", Some(finance)).await,
        ),
        (
            "requester_department",
            u(
                "dora",
                "requester",
                "requester",
                "department",
                Some(finance),
            )
            .await,
        ),
        (
            "requester_other_dept",
            u("dirk", "requester", "requester", "department", Some(sales)).await,
        ),
        ("agent_group", agent_group),
        ("agent_other_group", agent_other_group),
        ("agent_all", u("alex", "agent", "agent", "all", None).await),
        (
            "team_lead",
            u("tess", "agent", "team_lead", "all", None).await,
        ),
        (
            "auditor",
            u("audrey", "agent", "auditor", "all", None).await,
        ),
        ("administrator", srv.admin.clone()),
    ];
    Cast {
        owner,
        desk,
        people,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_by_endpoint_matrix() {
    async fn case(srv: &TestServer) {
        let c = cast(srv).await;
        let admin = srv.admin.clone();
        assert_eq!(MATRIX.len(), c.people.len());
        for row in MATRIX {
            let who = &c
                .people
                .iter()
                .find(|(name, _)| *name == row.who)
                .unwrap_or_else(|| panic!("no user for {}", row.who))
                .1;
            // A fresh ticket per row: Olga's, in the desk group.
            let t = srv
                .open(
                    &admin,
                    json!({"subject": format!("Ticket for {}", row.who), "requester_id": c.owner.id, "group_id": c.desk}),
                )
                .await;
            let n = num(&t);
            let base = format!("/api/v1/tickets/{n}");
            let journal_before = srv.journal(&admin, &n).await.len();
            let ctx = |what: &str| format!("{} {what}", row.who);

            let check = |r: crate::support::Resp, want: u16, what: &str| {
                assert_eq!(r.status, want, "{}: {}", ctx(what), r.json);
                match want {
                    403 => assert_eq!(r.code(), "forbidden", "{}", ctx(what)),
                    404 => assert_eq!(r.code(), "not_found", "{}", ctx(what)),
                    _ => {}
                }
                if want >= 400 {
                    crate::support::assert_error_shape(&r);
                }
            };
            check(srv.get(&who.token, &base).await, row.get, "GET ticket");
            check(
                srv.get(&who.token, &format!("{base}/journal")).await,
                row.journal,
                "GET journal",
            );
            let (listed, _) = srv.list_numbers(who, "per_page=500").await;
            assert_eq!(listed.contains(&n), row.listed, "{}", ctx("list"));
            let mut writes = 0;
            for (kind, want) in [("public", row.public), ("internal", row.internal)] {
                let r = srv
                    .comment(who, &n, kind, "A comment from the matrix")
                    .await;
                writes += usize::from(r.status == 201);
                check(r, want, &format!("{kind} comment"));
            }
            let r = srv
                .patch(&who.token, &base, json!({"impact": "high"}))
                .await;
            writes += usize::from(r.status == 200);
            check(r, row.patch, "PATCH ticket");
            let r = srv
                .post(
                    &who.token,
                    &format!("{base}/escalations"),
                    json!({"summary": "Matrix hand-over: nothing more is known."}),
                )
                .await;
            writes += usize::from(r.status == 201);
            check(r, row.escalate, "escalate");
            // Counted: entries by people. An allowed PATCH that raises the priority also
            // recomputes the SLA, which the system notes in the journal.
            let by_people = srv
                .journal(&admin, &n)
                .await
                .iter()
                .filter(|e| !e["author_id"].is_null())
                .count();
            assert_eq!(
                by_people,
                journal_before + writes,
                "{}: exactly the allowed writes are journaled",
                row.who
            );

            check(
                srv.get(&who.token, "/api/v1/users").await,
                row.users,
                "GET users",
            );
            let r = srv
                .post(
                    &who.token,
                    "/api/v1/users",
                    json!({"login": format!("made-by-{}", row.who.replace('_', "-")), "kind": "requester"}),
                )
                .await;
            check(r, row.user_create, "POST users");
            let r = srv
                .post(
                    &who.token,
                    "/api/v1/groups",
                    json!({"name": format!("Group by {}", row.who), "level": 1}),
                )
                .await;
            check(r, row.group_create, "POST groups");
            check(
                srv.get(&who.token, "/api/v1/roles").await,
                row.roles,
                "GET roles",
            );
            check(
                srv.get(&who.token, "/api/v1/audit").await,
                row.audit,
                "GET audit",
            );
            let r = srv
                .get(
                    &who.token,
                    &format!("/api/v1/permissions/explain?user=olga&ticket={n}"),
                )
                .await;
            check(r, row.explain, "GET explain");
        }
        // Refused creations left no trace: only the administrator's user and group exist.
        let users = srv
            .get(&admin.token, "/api/v1/users?q=made-by")
            .await
            .expect(200);
        assert_eq!(users.json["total"], 1, "{}", users.json);
        let groups = srv.get(&admin.token, "/api/v1/groups").await.expect(200);
        let made: Vec<_> = groups.json["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|g| g["name"].as_str().unwrap_or("").starts_with("Group by"))
            .collect();
        assert_eq!(made.len(), 1, "{made:?}");
    }
    both(case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn explanations_name_the_role_scope_and_rule() {
    async fn case(srv: &TestServer) {
        let finance = srv.department("Finance").await;
        let olga = srv
            .user_with(
                "olga",
                "requester",
                &[("requester", "own")],
                Some(finance),
                None,
            )
            .await;
        let _rolf = srv
            .user_with(
                "rolf",
                "requester",
                &[("requester", "own")],
                Some(finance),
                None,
            )
            .await;
        let n = srv.open_simple(&olga, "Expense report stuck").await;
        let explain = async |user: &str, perm: &str| {
            let r = srv
                .get(
                    &srv.admin.token,
                    &format!(
                        "/api/v1/permissions/explain?user={user}&ticket={n}&permission={perm}"
                    ),
                )
                .await
                .expect(200);
            assert_eq!(r.json["ticket"], n.as_str());
            assert_eq!(r.json["decisions"].as_array().map(Vec::len), Some(1));
            r.json["decisions"][0].clone()
        };
        let d = explain("olga", "ticket.read").await;
        assert_eq!(d["allowed"], true);
        assert_eq!(d["rule"], "role_grants_permission");
        assert_eq!(d["role"], "requester");
        assert_eq!(d["scope"], "own");
        let d = explain("rolf", "ticket.read").await;
        assert_eq!(d["allowed"], false);
        assert_eq!(d["rule"], "out_of_scope", "{d}");
        let d = explain("olga", "ticket.note").await;
        assert_eq!(d["allowed"], false);
        assert_eq!(d["rule"], "no_role_grants_permission");
        // Unknown users and tickets are 404; an unknown permission names the field.
        srv.get(&srv.admin.token, "/api/v1/permissions/explain?user=nobody")
            .await
            .error(404, "not_found");
        let r = srv
            .get(
                &srv.admin.token,
                &format!("/api/v1/permissions/explain?user=olga&ticket={n}&permission=ticket.fly"),
            )
            .await
            .expect(422);
        assert_eq!(r.field(), "permission");
    }
    both(case).await;
}

/// Someone who manages users or roles cannot give anyone, themselves included, more than
/// they hold, nor take over a more powerful account; each refusal is a 403 that says why
/// and changes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nobody_grants_more_than_they_hold() {
    async fn case(srv: &TestServer) {
        let admin = srv.admin.clone();
        for (name, perms) in [
            ("user manager", json!(["admin.users", "ticket.read"])),
            ("role manager", json!(["admin.roles"])),
        ] {
            srv.post(
                &admin.token,
                "/api/v1/roles",
                json!({"name": name, "permissions": perms}),
            )
            .await
            .expect(201);
        }
        let uma = srv
            .user_with(
                "uma",
                "agent",
                &[("user manager", "all"), ("agent", "group")],
                None,
                None,
            )
            .await;
        let refused = |r: crate::support::Resp, perm: &str| {
            assert_eq!(r.status, 403, "{}", r.json);
            assert_eq!(r.code(), "forbidden");
            let message = r.json["error"]["message"].as_str().unwrap_or_default();
            assert!(message.contains(perm), "{message}");
        };

        // Granting themselves the administrator role, or an agent role wider than theirs.
        let me = format!("/api/v1/users/{}", uma.id);
        let r = srv
            .patch(
                &uma.token,
                &me,
                json!({"roles": [{"role": "administrator", "scope": "all"}]}),
            )
            .await;
        refused(r, "administrator");
        let r = srv
            .post(
                &uma.token,
                "/api/v1/users",
                json!({"login": "wide", "kind": "agent", "roles": [{"role": "agent", "scope": "all"}]}),
            )
            .await;
        refused(r, "scope all");
        // Within what they hold, they manage people as before.
        srv.post(
            &uma.token,
            "/api/v1/users",
            json!({"login": "narrow", "kind": "agent", "roles": [{"role": "agent", "scope": "group"}]}),
        )
        .await
        .expect(201);

        // Resetting the administrator's password or disabling them.
        let theirs = format!("/api/v1/users/{}", admin.id);
        let r = srv
            .patch(&uma.token, &theirs, json!({"password": "taken-over-1234"}))
            .await;
        refused(r, "administrator");
        let r = srv
            .patch(&uma.token, &theirs, json!({"active": false}))
            .await;
        refused(r, "administrator");

        // A role manager cannot put into a role what they lack.
        let rolf = srv
            .user_with("rolf", "agent", &[("role manager", "all")], None, None)
            .await;
        let r = srv
            .post(
                &rolf.token,
                "/api/v1/roles",
                json!({"name": "sneaky", "permissions": ["admin.users"]}),
            )
            .await;
        refused(r, "admin.users");
        let roles = srv.get(&admin.token, "/api/v1/roles").await.expect(200);
        let manager = roles.json["items"]
            .as_array()
            .or(roles.json.as_array())
            .expect("roles")
            .iter()
            .find(|r| r["name"] == "role manager")
            .expect("role manager")
            .clone();
        let r = srv
            .patch(
                &rolf.token,
                &format!("/api/v1/roles/{}", manager["id"]),
                json!({"permissions": ["admin.roles", "admin.users"]}),
            )
            .await;
        refused(r, "admin.users");

        // Nothing changed: Uma's roles, the administrator's account, the roles.
        let uma_now = srv.get(&admin.token, &me).await.expect(200);
        let held: Vec<_> = uma_now.json["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .map(|g| g["role"].as_str().unwrap_or_default().to_string())
            .collect();
        assert!(!held.contains(&"administrator".to_string()), "{held:?}");
        let admin_now = srv.get(&admin.token, &theirs).await.expect(200);
        assert_eq!(admin_now.json["active"], true);
        srv.get(&admin.token, "/api/v1/users/me").await.expect(200);
        let users = srv
            .get(&admin.token, "/api/v1/users?q=wide")
            .await
            .expect(200);
        assert_eq!(users.json["total"], 0, "{}", users.json);
        let roles = srv.get(&admin.token, "/api/v1/roles").await.expect(200);
        assert!(!roles.json.to_string().contains("sneaky"));
    }
    both(case).await;
}
