//! A fresh database per backend for a test, dropped afterwards.

use escalade_app::{App, AppConfig};
use escalade_store::{Location, Options, Store};

/// A store with its own database, cleaned up on drop.
pub struct TestDb {
    pub store: Store,
    pub name: &'static str,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(
            &Location::DataDir(dir.path().to_path_buf()),
            Options::default(),
        )
        .await
        .expect("open sqlite");
        TestDb {
            store,
            name: "sqlite",
            _dir: Some(dir),
            pg: None,
        }
    }

    /// Makes a database `escalade_test_<uuid>` next to the one `admin_url` names.
    pub async fn postgres(admin_url: &str) -> TestDb {
        let name = format!("escalade_test_{}", uuid::Uuid::new_v4().simple());
        let admin = sqlx::PgPool::connect(admin_url)
            .await
            .expect("connect to ESCALADE_TEST_PG");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\"")))
            .execute(&admin)
            .await
            .expect("create database");
        admin.close().await;
        let base = admin_url
            .rsplit_once('/')
            .map(|(b, _)| b)
            .unwrap_or(admin_url);
        let url = format!("{base}/{name}");
        let store = Store::open(&Location::Postgres(url), Options::default())
            .await
            .expect("open postgres");
        TestDb {
            store,
            name: "postgres",
            _dir: None,
            pg: Some((admin_url.to_string(), name)),
        }
    }

    /// The service layer over this database.
    pub fn app(&self) -> App {
        App::new(self.store.clone(), AppConfig::default())
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin_url, name)) = self.pg.take() {
            // Dropping needs a runtime of its own: the test's runtime may be shutting down.
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
                    }
                });
            })
            .join();
        }
    }
}

/// The PostgreSQL database of this run, or `None` (and a note) without `ESCALADE_TEST_PG`.
pub async fn postgres() -> Option<TestDb> {
    match std::env::var("ESCALADE_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(TestDb::postgres(url.trim()).await),
        _ => {
            eprintln!("skipped: ESCALADE_TEST_PG not set");
            None
        }
    }
}
