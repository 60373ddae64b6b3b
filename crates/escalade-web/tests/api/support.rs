//! The harness: a real Escalade server on a fresh database per test and backend (SQLite in a
//! temporary folder, and PostgreSQL in a throwaway database when `ESCALADE_TEST_PG` is set),
//! listening on 127.0.0.1 with a random port, and helpers that talk to it over HTTP.

use std::io::Write as _;
use std::sync::Once;

use escalade_app::{App, AppConfig};
use escalade_store::{Location, Options, Store};
use escalade_web::AppState;
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use tokio::task::JoinHandle;

pub use crate::fixtures::{changes, num, of_kind};

/// The administrator's password on every test server.
pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";

/// A backend to run a case on.
#[derive(Debug, Clone)]
pub enum Backend {
    /// Embedded SQLite in a temporary data folder.
    Sqlite,
    /// A throwaway database on this PostgreSQL server (the admin URL).
    Postgres(String),
}

/// The backends of this run: SQLite always, PostgreSQL when `ESCALADE_TEST_PG` is set.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend::Sqlite];
    match std::env::var("ESCALADE_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => out.push(Backend::Postgres(url.trim().to_string())),
        _ => {
            static SKIPPED: Once = Once::new();
            // Straight to the file descriptor, past the test harness's capture, so that the
            // skip is visible in every run.
            SKIPPED.call_once(|| {
                let _ = writeln!(
                    std::io::stderr(),
                    "PostgreSQL tests skipped: ESCALADE_TEST_PG not set"
                );
            });
        }
    }
    out
}

/// Runs a case on every backend, each on a fresh server with the default settings.
pub async fn both(case: impl AsyncFn(&TestServer)) {
    both_with(AppConfig::default(), case).await
}

/// Runs a case on every backend with these settings.
pub async fn both_with(config: AppConfig, case: impl AsyncFn(&TestServer)) {
    for backend in backends() {
        let srv = TestServer::start(&backend, config.clone()).await;
        eprintln!("--- case on {}", srv.backend);
        case(&srv).await;
    }
}

/// A database of its own; a PostgreSQL one is dropped when this is dropped, also when the test
/// fails.
struct TestDb {
    location: Location,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    async fn create(backend: &Backend) -> TestDb {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary data folder");
                TestDb {
                    location: Location::DataDir(dir.path().to_path_buf()),
                    _dir: Some(dir),
                    pg: None,
                }
            }
            Backend::Postgres(admin_url) => {
                let name = format!("escalade_test_{}", uuid::Uuid::new_v4().simple());
                let admin = sqlx::PgPool::connect(admin_url)
                    .await
                    .expect("connect to ESCALADE_TEST_PG");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
                    .execute(&admin)
                    .await
                    .expect("create the test database");
                admin.close().await;
                let base = admin_url
                    .split('?')
                    .next()
                    .and_then(|u| u.rsplit_once('/'))
                    .map(|(b, _)| b)
                    .unwrap_or(admin_url);
                TestDb {
                    location: Location::Postgres(format!("{base}/{name}")),
                    _dir: None,
                    pg: Some((admin_url.clone(), name)),
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.pg.take() else {
            return;
        };
        // A runtime of its own: the test's runtime may be unwinding or shutting down.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                if let Ok(pool) = sqlx::PgPool::connect(&admin_url).await {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                        "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                    )))
                    .execute(&pool)
                    .await;
                    pool.close().await;
                }
            });
        })
        .join();
    }
}

/// Someone who can call the API.
#[derive(Debug, Clone)]
pub struct TestUser {
    /// User id.
    pub id: i64,
    /// Login.
    pub login: String,
    /// API token.
    pub token: String,
}

/// An answer: status, headers and body (parsed as JSON when it is JSON, else `Null`).
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
    pub json: Value,
}

impl Resp {
    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(self, status: u16) -> Resp {
        assert_eq!(
            self.status,
            status,
            "expected {status}, got {}: {}",
            self.status,
            String::from_utf8_lossy(&self.bytes)
        );
        self
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The error code of an error answer.
    pub fn code(&self) -> &str {
        self.json["error"]["code"].as_str().unwrap_or("")
    }

    /// The field named by an error answer.
    pub fn field(&self) -> &str {
        self.json["error"]["field"].as_str().unwrap_or("")
    }

    /// Asserts an error answer: this status, the body `{"error": {"code", "message", ...}}`
    /// and this code.
    #[track_caller]
    pub fn error(self, status: u16, code: &str) -> Resp {
        let r = self.expect(status);
        assert_error_shape(&r);
        assert_eq!(r.code(), code, "error code in {}", r.json);
        r
    }
}

/// Asserts that a body is exactly `{"error": {...}}` with a non-empty code and message, and
/// nothing but the documented keys.
#[track_caller]
pub fn assert_error_shape(r: &Resp) {
    let obj = r.json.as_object().unwrap_or_else(|| {
        panic!(
            "the {} error body is not a JSON object: {:?}",
            r.status,
            String::from_utf8_lossy(&r.bytes)
        )
    });
    assert_eq!(obj.len(), 1, "only 'error' at the top: {}", r.json);
    let e = obj["error"].as_object().expect("'error' is an object");
    for key in ["code", "message"] {
        let v = e.get(key).and_then(Value::as_str).unwrap_or("");
        assert!(
            !v.is_empty(),
            "error.{key} is a non-empty string: {}",
            r.json
        );
    }
    for key in e.keys() {
        assert!(
            ["code", "message", "field", "rule"].contains(&key.as_str()),
            "unexpected key error.{key}: {}",
            r.json
        );
    }
}

/// A server on its own database, with the administrator logged in.
pub struct TestServer {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// The HTTP client.
    pub http: reqwest::Client,
    /// The administrator `admin`, logged in through the API.
    pub admin: TestUser,
    /// The service layer behind the server (for what has no HTTP door, such as running the
    /// scheduler's round now).
    pub app: App,
    server: JoinHandle<()>,
    // Last: the database goes after the server.
    _db: TestDb,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl TestServer {
    /// Opens a fresh database, bootstraps it, serves it on a random port and logs in as admin.
    pub async fn start(backend: &Backend, config: AppConfig) -> TestServer {
        let db = TestDb::create(backend).await;
        let store = Store::open(&db.location, Options::default())
            .await
            .expect("open the test database");
        let app = App::new(store, config);
        app.bootstrap(Some(ADMIN_PASSWORD))
            .await
            .expect("bootstrap");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a port");
        let addr = listener.local_addr().expect("local address");
        let router = escalade_web::router(AppState::new(app.clone()));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        let http = reqwest::Client::builder()
            .no_proxy()
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .expect("HTTP client");
        let mut srv = TestServer {
            backend: match backend {
                Backend::Sqlite => "sqlite",
                Backend::Postgres(_) => "postgres",
            },
            base: format!("http://{addr}"),
            http,
            admin: TestUser {
                id: 0,
                login: "admin".into(),
                token: String::new(),
            },
            app,
            server,
            _db: db,
        };
        let r = srv
            .post_anon(
                "/api/v1/auth/tokens",
                json!({"login": "admin", "password": ADMIN_PASSWORD, "name": "tests"}),
            )
            .await
            .expect(201);
        srv.admin.id = r.json["user_id"].as_i64().expect("user_id");
        srv.admin.token = r.json["token"].as_str().expect("token").to_string();
        srv
    }

    /// The full URL of a path.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Sends a request and reads the whole answer.
    pub async fn send(&self, rb: reqwest::RequestBuilder) -> Resp {
        let res = rb.send().await.expect("request sent");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("body read").to_vec();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Resp {
            status,
            headers,
            bytes,
            json,
        }
    }

    /// A request with a Bearer token and, optionally, a JSON body.
    pub async fn call(&self, method: Method, token: &str, path: &str, body: Option<Value>) -> Resp {
        let mut rb = self.http.request(method, self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        self.send(rb).await
    }

    /// GET with a token.
    pub async fn get(&self, token: &str, path: &str) -> Resp {
        self.call(Method::GET, token, path, None).await
    }

    /// POST JSON with a token.
    pub async fn post(&self, token: &str, path: &str, body: Value) -> Resp {
        self.call(Method::POST, token, path, Some(body)).await
    }

    /// PATCH JSON with a token.
    pub async fn patch(&self, token: &str, path: &str, body: Value) -> Resp {
        self.call(Method::PATCH, token, path, Some(body)).await
    }

    /// DELETE with a token.
    pub async fn delete(&self, token: &str, path: &str) -> Resp {
        self.call(Method::DELETE, token, path, None).await
    }

    /// POST JSON without credentials.
    pub async fn post_anon(&self, path: &str, body: Value) -> Resp {
        self.send(self.http.post(self.url(path)).json(&body)).await
    }
}
