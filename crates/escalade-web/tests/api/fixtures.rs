//! Fixtures on top of the harness: people, departments, groups and categories made through
//! the administrator's API, tickets opened, read and changed, and small readers of the JSON.

use serde_json::{Value, json};

use crate::support::{Resp, TestServer, TestUser};

impl TestServer {
    /// Creates a user through the API as the administrator, with roles as `(role, scope)`, and
    /// gives them an API token (made through the API by the administrator for them).
    pub async fn user_with(
        &self,
        login: &str,
        kind: &str,
        roles: &[(&str, &str)],
        department: Option<i64>,
        password: Option<&str>,
    ) -> TestUser {
        let roles: Vec<Value> = roles
            .iter()
            .map(|(r, s)| json!({"role": r, "scope": s}))
            .collect();
        let mut body = json!({
            "login": login,
            "display_name": format!("{login} (test)"),
            "kind": kind,
            "roles": roles,
        });
        if let Some(d) = department {
            body["department_id"] = json!(d);
        }
        if let Some(p) = password {
            body["password"] = json!(p);
        }
        let r = self
            .post(&self.admin.token, "/api/v1/users", body)
            .await
            .expect(201);
        let id = r.json["id"].as_i64().expect("user id");
        let t = self
            .post(
                &self.admin.token,
                "/api/v1/tokens",
                json!({"name": "tests", "user_id": id}),
            )
            .await
            .expect(201);
        TestUser {
            id,
            login: login.to_string(),
            token: t.json["token"].as_str().expect("token").to_string(),
        }
    }

    /// A requester with the requester role at scope own.
    pub async fn requester(&self, login: &str) -> TestUser {
        self.user_with(login, "requester", &[("requester", "own")], None, None)
            .await
    }

    /// An agent with the agent role at scope all.
    pub async fn agent(&self, login: &str) -> TestUser {
        self.user_with(login, "agent", &[("agent", "all")], None, None)
            .await
    }

    /// Creates a department through the API; returns its id.
    pub async fn department(&self, name: &str) -> i64 {
        let r = self
            .post(
                &self.admin.token,
                "/api/v1/departments",
                json!({"name": name}),
            )
            .await
            .expect(201);
        r.json["id"].as_i64().expect("department id")
    }

    /// Creates a group through the API; returns its id.
    pub async fn group(&self, name: &str, level: i64, security_team: bool) -> i64 {
        let r = self
            .post(
                &self.admin.token,
                "/api/v1/groups",
                json!({"name": name, "level": level, "security_team": security_team}),
            )
            .await
            .expect(201);
        r.json["id"].as_i64().expect("group id")
    }

    /// Adds a member to a group through the API.
    pub async fn join(&self, group: i64, user: &TestUser) {
        let r = self
            .post(
                &self.admin.token,
                &format!("/api/v1/groups/{group}/members"),
                json!({"user_id": user.id}),
            )
            .await
            .expect(200);
        assert!(
            r.json["members"]
                .as_array()
                .is_some_and(|m| m.contains(&json!(user.id))),
            "{} joined group {group}: {}",
            user.login,
            r.json
        );
    }

    /// The id of a category by its key, from the API.
    pub async fn category(&self, key: &str) -> i64 {
        let r = self
            .get(&self.admin.token, "/api/v1/categories")
            .await
            .expect(200);
        r.json["items"]
            .as_array()
            .expect("categories")
            .iter()
            .find(|c| c["key"] == key)
            .and_then(|c| c["id"].as_i64())
            .unwrap_or_else(|| panic!("no category {key} in {}", r.json))
    }

    /// Opens a ticket; asserts 201 and returns it.
    pub async fn open(&self, who: &TestUser, body: Value) -> Value {
        self.post(&who.token, "/api/v1/tickets", body)
            .await
            .expect(201)
            .json
    }

    /// Opens a ticket with only a subject; returns its number.
    pub async fn open_simple(&self, who: &TestUser, subject: &str) -> String {
        num(&self.open(who, json!({"subject": subject})).await)
    }

    /// Reads a ticket; asserts 200.
    pub async fn ticket(&self, who: &TestUser, number: &str) -> Value {
        self.get(&who.token, &format!("/api/v1/tickets/{number}"))
            .await
            .expect(200)
            .json
    }

    /// Changes a ticket; asserts 200 and returns it.
    pub async fn change(&self, who: &TestUser, number: &str, body: Value) -> Value {
        self.patch(&who.token, &format!("/api/v1/tickets/{number}"), body)
            .await
            .expect(200)
            .json
    }

    /// The journal as this user sees it; asserts 200.
    pub async fn journal(&self, who: &TestUser, number: &str) -> Vec<Value> {
        let r = self
            .get(&who.token, &format!("/api/v1/tickets/{number}/journal"))
            .await
            .expect(200);
        r.json["items"].as_array().expect("journal items").clone()
    }

    /// Adds a comment; returns the answer.
    pub async fn comment(&self, who: &TestUser, number: &str, kind: &str, body: &str) -> Resp {
        self.post(
            &who.token,
            &format!("/api/v1/tickets/{number}/comments"),
            json!({"kind": kind, "body": body}),
        )
        .await
    }

    /// How many tickets exist (as the administrator sees them).
    pub async fn ticket_total(&self) -> i64 {
        self.get(&self.admin.token, "/api/v1/tickets?per_page=1")
            .await
            .expect(200)
            .json["total"]
            .as_i64()
            .expect("total")
    }

    /// The numbers on one list page for this user and query string.
    pub async fn list_numbers(&self, who: &TestUser, query: &str) -> (Vec<String>, i64) {
        let r = self
            .get(&who.token, &format!("/api/v1/tickets?{query}"))
            .await
            .expect(200);
        let numbers = r.json["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(num)
            .collect();
        (numbers, r.json["total"].as_i64().expect("total"))
    }
}

/// The number of a ticket in JSON.
pub fn num(t: &Value) -> String {
    t["number"]
        .as_str()
        .unwrap_or_else(|| panic!("no number in {t}"))
        .to_string()
}

/// The `changes` of a field-change journal entry as `(field, from, to)`.
pub fn changes(entry: &Value) -> Vec<(String, Value, Value)> {
    entry["data"]["changes"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| {
                    (
                        c["field"].as_str().unwrap_or("").to_string(),
                        c["from"].clone(),
                        c["to"].clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Entries of one kind.
pub fn of_kind<'a>(journal: &'a [Value], kind: &str) -> Vec<&'a Value> {
    journal.iter().filter(|e| e["kind"] == kind).collect()
}
