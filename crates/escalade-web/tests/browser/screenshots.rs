//! The screenshots of `docs/` (see `docs/UI.md`), taken in the same headless Chromium as the
//! tests, on a server filled with the demo data (`App::fill_demo`, 2,000 tickets), at
//! 1280 x 900 and on a 375-pixel phone; the knowledge base's pictures of the portal and the
//! ticket page come from `screenshots_kb`, on the same server. Only when asked, so that test
//! runs never rewrite the documentation:
//!
//! ```sh
//! ESCALADE_SCREENSHOTS=docs/screenshots cargo test -p escalade-web --test browser screenshots
//! ```
//!
//! A relative folder is taken from the workspace root. Without the variable the test only
//! says it did nothing.

use std::path::{Path, PathBuf};
use std::time::Instant;

use escalade_app::demo::{DEMO_PASSWORD, DemoOptions};
use escalade_app::{App, AppConfig};
use escalade_store::{Location, Options, Store};
use escalade_web::AppState;
use serde_json::{Value, json};

use crate::browser::{Browser, Sessions};
use crate::driver::Window;
use crate::run::close_all;
use crate::support::ADMIN_PASSWORD;

/// Where to write, from `ESCALADE_SCREENSHOTS`.
fn target() -> Option<PathBuf> {
    let dir = std::env::var("ESCALADE_SCREENSHOTS").ok()?;
    let dir = PathBuf::from(dir.trim());
    Some(if dir.is_absolute() {
        dir
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(dir)
    })
}

/// A server on a fresh SQLite folder with the demo data; returns its address, the folder and
/// the server task.
async fn demo_server() -> (String, tempfile::TempDir, tokio::task::JoinHandle<()>) {
    let dir = tempfile::tempdir().expect("a data folder");
    let store = Store::open(
        &Location::DataDir(dir.path().to_path_buf()),
        Options::default(),
    )
    .await
    .expect("open the database");
    let app = App::new(store, AppConfig::default());
    app.bootstrap(Some(ADMIN_PASSWORD))
        .await
        .expect("first start");
    let opts = DemoOptions {
        tickets: 2000,
        ..DemoOptions::default()
    };
    app.fill_demo(&opts, &mut |_, _| {})
        .await
        .expect("demo data");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    let router = escalade_web::router(AppState::new(app));
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    (base, dir, server)
}

/// The API as one person, to choose what to photograph and to set the scene.
pub(crate) struct Api {
    base: String,
    http: reqwest::Client,
    token: String,
}

impl Api {
    pub(crate) async fn login(base: &str, login: &str, password: &str) -> Api {
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("HTTP client");
        let r: Value = http
            .post(format!("{base}/api/v1/auth/tokens"))
            .json(&json!({"login": login, "password": password, "name": "screenshots"}))
            .send()
            .await
            .expect("log in")
            .json()
            .await
            .expect("a token");
        Api {
            base: base.to_string(),
            http,
            token: r["token"].as_str().expect("token").to_string(),
        }
    }

    pub(crate) async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> Value {
        let mut rb = self
            .http
            .request(method.clone(), format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            rb = rb.json(&body);
        }
        let r = rb
            .send()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = r.status();
        let v: Value = r
            .json()
            .await
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert!(status.is_success(), "{method} {path}: {status} {v}");
        v
    }

    pub(crate) async fn get(&self, path: &str) -> Value {
        self.call(reqwest::Method::GET, path, None).await
    }

    /// One of the requester's open requests, answered and resolved by its assignee through the
    /// API, so that the portal shows "Is your problem solved?". Returns its number.
    async fn resolve_one_of(&self, base: &str, requester: &str) -> String {
        let users = self.get(&format!("/api/v1/users?q={requester}")).await;
        let id = users["items"][0]["id"].as_i64().expect("the requester");
        let open = self
            .get(&format!(
                "/api/v1/tickets?requester={id}&status=assigned,in_progress,pending"
            ))
            .await;
        let t = open["items"]
            .as_array()
            .and_then(|items| items.iter().find(|t| !t["assignee_id"].is_null()))
            .expect("an open request with an assignee");
        let number = t["number"].as_str().expect("number").to_string();
        let assignee = self
            .get(&format!("/api/v1/users/{}", t["assignee_id"]))
            .await;
        let agent = Api::login(
            base,
            assignee["login"].as_str().expect("login"),
            DEMO_PASSWORD,
        )
        .await;
        agent
            .call(
                reqwest::Method::POST,
                &format!("/api/v1/tickets/{number}/comments"),
                Some(
                    json!({"kind": "public", "body": "We found the cause: the export template \
                    had lost its column mapping after the update. It is repaired; could you \
                    try the export again?"}),
                ),
            )
            .await;
        agent
            .call(
                reqwest::Method::PATCH,
                &format!("/api/v1/tickets/{number}"),
                Some(json!({"status": "resolved"})),
            )
            .await;
        number
    }

    /// A ticket whose journal has a public reply, an internal note and an escalation with its
    /// summary, key facts, and a description short enough to leave room for the rest.
    async fn rich_ticket(&self, query: &str) -> String {
        let list = self
            .get(&format!("/api/v1/tickets?{query}&per_page=200"))
            .await;
        for t in list["items"].as_array().expect("tickets") {
            let facts = &t["facts"];
            if facts["error_codes"].is_null() || facts["tried"].is_null() {
                continue;
            }
            if t["description"].as_str().unwrap_or("").len() > 400 {
                continue;
            }
            let number = t["number"].as_str().expect("number");
            let journal = self.get(&format!("/api/v1/tickets/{number}/journal")).await;
            let kinds: Vec<&str> = journal["items"]
                .as_array()
                .expect("journal")
                .iter()
                .filter_map(|e| e["kind"].as_str())
                .collect();
            let has = |k: &str| kinds.contains(&k);
            if has("public_reply")
                && has("internal_note")
                && has("escalation")
                && (6..=14).contains(&kinds.len())
            {
                return number.to_string();
            }
        }
        panic!("no ticket with a rich journal among {query}")
    }
}

/// A desktop session whose page area is exactly 1280 x 900 (the window's own size includes
/// what a headless window keeps for its frame).
pub(crate) async fn desktop(base: &str, sessions: &Sessions) -> Browser {
    let b = Browser::at(base, Window::Desktop, sessions.clone()).await;
    b.webdriver()
        .cdp()
        .send_raw(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
        )
        .await
        .expect("a 1280 x 900 page area");
    b
}

/// Opens a page, waits for it, scrolls to `at` if given, and saves it as `name`.
async fn shoot(b: &Browser, dir: &Path, name: &str, path: &str, ready: &str, at: Option<&str>) {
    b.goto(path).await;
    b.wait_for(ready).await;
    picture(b, dir, name, at).await;
}

/// Saves what the window shows (scrolled to `at`, if given) as `name`.
pub(crate) async fn picture(b: &Browser, dir: &Path, name: &str, at: Option<&str>) {
    match at {
        Some(css) => {
            let css = serde_json::to_string(css).expect("selector");
            b.eval(&format!(
                "document.querySelector({css}).scrollIntoView({{block: 'start'}}); \
                 window.scrollBy(0, -12); return null;"
            ))
            .await;
        }
        None => {
            b.eval("window.scrollTo(0, 0); return null;").await;
        }
    }
    // No caret blinking in the pictures, and no focus ring left by the last click.
    b.eval("if (document.activeElement) document.activeElement.blur(); return null;")
        .await;
    let file = dir.join(name);
    b.screenshot(&file).await;
    eprintln!("screenshot: {}", file.display());
}

#[tokio::test]
async fn screenshots_for_the_docs() {
    let Some(dir) = target() else {
        eprintln!("screenshots not taken: set ESCALADE_SCREENSHOTS=docs/screenshots to take them");
        return;
    };
    std::fs::create_dir_all(&dir).expect("the screenshots folder");
    let dir = dir.canonicalize().expect("the screenshots folder");
    let started = Instant::now();
    let (base, _data, server) = demo_server().await;
    eprintln!(
        "demo data loaded in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let api = Api::login(&base, "admin", ADMIN_PASSWORD).await;
    let sessions = Sessions::default();
    let outcome = tokio::spawn({
        let sessions = sessions.clone();
        async move { take_all(&base, &api, &dir, sessions).await }
    })
    .await;
    close_all(&sessions).await;
    server.abort();
    if let Err(e) = outcome {
        std::panic::resume_unwind(e.into_panic());
    }
}

async fn take_all(base: &str, api: &Api, dir: &Path, sessions: Sessions) {
    let escalated = api.rich_ticket("status=assigned,in_progress&level=2").await;
    let resolved = api.resolve_one_of(base, "alice.johnson").await;

    // ---- The agent console, in English ----
    let oliver = desktop(base, &sessions).await;
    oliver.login("oliver.grant", DEMO_PASSWORD).await;
    shoot(
        &oliver,
        dir,
        "agent-home.png",
        "/agent",
        "#home-cards",
        None,
    )
    .await;
    shoot(
        &oliver,
        dir,
        "agent-queue.png",
        "/agent/queues/all",
        "#queue-table",
        None,
    )
    .await;
    let ticket = format!("/agent/tickets/{escalated}");
    shoot(&oliver, dir, "agent-ticket.png", &ticket, "#timeline", None).await;
    shoot(
        &oliver,
        dir,
        "agent-ticket-journal.png",
        &ticket,
        "#timeline",
        Some("#journal"),
    )
    .await;

    // The new-ticket form for a caller, filled in as during the call.
    oliver.goto("/agent/new?who=olga").await;
    oliver.wait_for("#new-ticket-form").await;
    let olga = oliver
        .eval(
            "const o = [...document.querySelectorAll('#new-requester option')]\
             .find(o => o.textContent.includes('Смирнова')); return o ? o.value : '';",
        )
        .await;
    if let Some(id) = olga.as_str().filter(|v| !v.is_empty()) {
        oliver.select("new-requester", id).await;
    }
    oliver
        .fill(
            "new-subject",
            "Label printer in the Hamburg warehouse prints blank labels",
        )
        .await;
    oliver
        .fill(
            "new-description",
            "Since this morning every shipping label comes out blank. The printer queue shows \
             the jobs as printed.",
        )
        .await;
    oliver.fill("new-started", "Today 07:30, first shift").await;
    oliver.fill("new-users-affected", "12").await;
    oliver
        .fill("new-error-codes", "Printer panel: E-204 ribbon sensor")
        .await;
    oliver
        .fill(
            "new-tried",
            "Restarted the printer, changed the ribbon, printed a test page (blank too).",
        )
        .await;
    let hardware = oliver
        .eval(
            "const o = [...document.querySelectorAll('#new-category option')]\
             .find(o => o.textContent.trim() === 'Hardware failure'); return o ? o.value : '';",
        )
        .await;
    if let Some(id) = hardware.as_str().filter(|v| !v.is_empty()) {
        oliver.select("new-category", id).await;
    }
    oliver.select("new-impact", "medium").await;
    oliver.select("new-urgency", "high").await;
    picture(&oliver, dir, "agent-new.png", Some("#new-ticket-form")).await;

    // ---- The portal ----
    let alice = desktop(base, &sessions).await;
    alice.login("alice.johnson", DEMO_PASSWORD).await;
    shoot(
        &alice,
        dir,
        "portal-list.png",
        "/portal",
        "#portal-tickets",
        None,
    )
    .await;
    alice.goto("/portal/new").await;
    alice.wait_for("#new-request-form").await;
    alice.click("new-type-incident").await;
    alice
        .fill(
            "new-subject",
            "Outlook asks for my password every few minutes",
        )
        .await;
    alice
        .fill(
            "new-description",
            "Since yesterday's update Outlook keeps asking for my password, even after I type \
             it correctly. Teams works.",
        )
        .await;
    alice.select("new-urgency", "medium").await;
    picture(&alice, dir, "portal-new.png", None).await;
    let request = format!("/portal/tickets/{resolved}");
    shoot(
        &alice,
        dir,
        "portal-ticket.png",
        &request,
        "#decision",
        None,
    )
    .await;

    // ---- Administration ----
    let admin = desktop(base, &sessions).await;
    admin.login("admin", ADMIN_PASSWORD).await;
    shoot(
        &admin,
        dir,
        "admin-users.png",
        "/admin/users",
        "#users-table",
        None,
    )
    .await;
    shoot(
        &admin,
        dir,
        "admin-matrix.png",
        "/admin/matrix",
        "#matrix-table",
        None,
    )
    .await;

    // ---- Another language: a Russian-speaking agent's queue ----
    let anastasia = desktop(base, &sessions).await;
    anastasia.login("anastasia.volkova", DEMO_PASSWORD).await;
    shoot(
        &anastasia,
        dir,
        "agent-queue-ru.png",
        "/agent/queues/groups",
        "#queue-table",
        None,
    )
    .await;

    // ---- A phone ----
    let phone = Browser::at(base, Window::Phone, sessions.clone()).await;
    phone.login("oliver.grant", DEMO_PASSWORD).await;
    shoot(
        &phone,
        dir,
        "agent-ticket-phone.png",
        &ticket,
        "#timeline",
        None,
    )
    .await;
    let alice_phone = Browser::at(base, Window::Phone, sessions.clone()).await;
    alice_phone.login("alice.johnson", DEMO_PASSWORD).await;
    shoot(
        &alice_phone,
        dir,
        "portal-ticket-phone.png",
        &request,
        "#decision",
        None,
    )
    .await;

    // ---- The knowledge base in the flow of work (writes articles, so it comes last) ----
    crate::screenshots_kb::take_all(base, api, dir, &sessions).await;
}
