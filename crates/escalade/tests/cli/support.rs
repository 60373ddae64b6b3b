//! Running the real binary: a server process on a free port with its own data, and one-shot
//! commands. PostgreSQL runs get a throwaway database when `ESCALADE_TEST_PG` is set.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const ADMIN_PASSWORD: &str = "admin-password-for-tests";

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_escalade")
}

/// Where a test's data lives: an SQLite folder, or a PostgreSQL database made for the test.
pub struct Backend {
    pub name: &'static str,
    pub dir: tempfile::TempDir,
    pub pg: Option<PgDb>,
}

pub struct PgDb {
    pub admin_url: String,
    pub name: String,
    pub url: String,
}

impl Drop for PgDb {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .arg(&self.admin_url)
            .arg("-qc")
            .arg(format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// The backends to run on: SQLite always, PostgreSQL when `ESCALADE_TEST_PG` is set.
pub fn backends() -> Vec<Backend> {
    let mut out = vec![Backend {
        name: "sqlite",
        dir: tempfile::tempdir().expect("temp dir"),
        pg: None,
    }];
    match std::env::var("ESCALADE_TEST_PG") {
        Ok(url) if !url.is_empty() => {
            let name = format!("escalade_test_{}", uuid::Uuid::new_v4().simple());
            let ok = Command::new("psql")
                .arg(&url)
                .arg("-qc")
                .arg(format!("CREATE DATABASE \"{name}\""))
                .status()
                .expect("psql")
                .success();
            assert!(ok, "cannot create the test database on {url}");
            let base = url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(url.clone());
            out.push(Backend {
                name: "postgres",
                dir: tempfile::tempdir().expect("temp dir"),
                pg: Some(PgDb {
                    admin_url: url,
                    url: format!("{base}/{name}"),
                    name,
                }),
            });
        }
        _ => eprintln!("PostgreSQL tests skipped: ESCALADE_TEST_PG not set"),
    }
    out
}

impl Backend {
    /// A command of the binary on this backend's data.
    pub fn command(&self) -> Command {
        let mut c = Command::new(bin());
        c.env_remove("ESCALADE_DATABASE_URL")
            .env_remove("ESCALADE_ADMIN_PASSWORD")
            .env("ESCALADE_LOG", "warn");
        c.arg("--data-dir").arg(self.dir.path());
        if let Some(pg) = &self.pg {
            c.arg("--database-url").arg(&pg.url);
        }
        c
    }

    /// Runs a one-shot command and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command().args(args).output().expect("run escalade")
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// A running `escalade serve`.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub client: reqwest::Client,
}

impl Server {
    /// Starts the server and waits until it answers `/healthz`.
    pub async fn start(b: &Backend) -> Server {
        let port = free_port();
        let child = b
            .command()
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("ESCALADE_ADMIN_PASSWORD", ADMIN_PASSWORD)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn server");
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        let start = Instant::now();
        loop {
            if let Ok(r) = client.get(format!("{base}/healthz")).send().await
                && r.status().is_success()
            {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "server did not start within 30 s"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Server {
            child,
            base,
            client,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A token for the administrator.
    pub async fn admin_token(&self) -> String {
        let r = self
            .client
            .post(self.url("/api/v1/auth/tokens"))
            .json(&json!({"login": "admin", "password": ADMIN_PASSWORD}))
            .send()
            .await
            .expect("login");
        assert_eq!(r.status(), 201);
        let v: Value = r.json().await.expect("json");
        v["token"].as_str().expect("token").to_string()
    }

    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn path_string(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[allow(dead_code)]
pub fn tmp_file(dir: &Path, name: &str) -> PathBuf {
    dir.join(name)
}
