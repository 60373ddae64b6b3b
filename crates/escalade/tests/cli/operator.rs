//! The operator's command line: version, users and tokens, explanations, backup and restore,
//! migrations that refuse a newer database, clear errors, graceful shutdown.

use std::process::Command;
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{ADMIN_PASSWORD, Server, backends, bin, path_string};

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn version_is_printed() {
    let o = Command::new(bin()).arg("--version").output().unwrap();
    assert!(o.status.success());
    assert!(stdout(&o).starts_with("escalade "), "{}", stdout(&o));
}

#[test]
fn unknown_database_scheme_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(bin())
        .args([
            "--data-dir",
            &path_string(dir.path()),
            "--database-url",
            "mysql://root@localhost/x",
            "migrate",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("'mysql' is not supported"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_tokens_and_explanations_from_the_command_line() {
    for b in backends() {
        let o = b.run(&["migrate"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let o = b
            .command()
            .args([
                "user",
                "create",
                "--login",
                "anna",
                "--name",
                "Anna Petrova",
                "--role",
                "requester:own",
            ])
            .env("ESCALADE_NEW_PASSWORD", "anna-password-1")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("created user anna"));
        let dup = b.run(&["user", "create", "--login", "anna"]);
        assert!(!dup.status.success(), "a taken login must be refused");
        assert!(stderr(&dup).contains("already in use"), "{}", stderr(&dup));

        let o = b.run(&["token", "create", "--user", "anna", "--name", "script"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let token = stdout(&o).trim().to_string();
        assert!(token.starts_with("esk_"));

        let server = Server::start(&b).await;
        let r = server
            .client
            .post(server.url("/api/v1/tickets"))
            .bearer_auth(&token)
            .json(&json!({"subject": "Printer jams", "type": "incident"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
        let number = r.json::<Value>().await.unwrap()["number"]
            .as_str()
            .unwrap()
            .to_string();

        let o = b.run(&[
            "explain",
            "--user",
            "anna",
            "--ticket",
            &number,
            "--permission",
            "ticket.read",
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stdout(&o).contains("ALLOWED"), "{}", stdout(&o));
        assert!(stdout(&o).contains("role 'requester'"), "{}", stdout(&o));
        let o = b.run(&[
            "explain",
            "--user",
            "anna",
            "--ticket",
            &number,
            "--permission",
            "ticket.read_internal",
            "--json",
        ]);
        let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["decisions"][0]["allowed"], false);
        assert_eq!(v["decisions"][0]["rule"], "no_role_grants_permission");

        let list = b.run(&["token", "list"]);
        assert!(stdout(&list).contains("script"));
        assert!(!stdout(&list).contains(&token), "secrets are never listed");
        let id = stdout(&list)
            .lines()
            .find(|l| l.contains("script"))
            .unwrap()
            .split_whitespace()
            .next()
            .unwrap()
            .to_string();
        let o = b.run(&["token", "revoke", &id]);
        assert!(o.status.success(), "{}", stderr(&o));
        let r = server
            .client
            .get(server.url("/api/v1/tickets"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 401, "a revoked token stops working");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_while_serving_and_restore() {
    let b = backends().remove(0);
    let server = Server::start(&b).await;
    let token = server.admin_token().await;
    for i in 0..25 {
        let r = server
            .client
            .post(server.url("/api/v1/tickets"))
            .bearer_auth(&token)
            .json(&json!({"subject": format!("backup {i}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 201);
    }
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("copy.db");
    let o = b.run(&["backup", &path_string(&file)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = b.run(&["backup", &path_string(&file)]);
    assert!(
        !again.status.success(),
        "an existing backup file is never overwritten"
    );

    let target = tempfile::tempdir().unwrap();
    let restore = |extra: &[&str]| {
        let mut c = Command::new(bin());
        c.args([
            "--data-dir",
            &path_string(target.path()),
            "restore",
            &path_string(&file),
        ])
        .args(extra);
        c.output().unwrap()
    };
    let o = restore(&[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("25 tickets"), "{}", stdout(&o));
    let o = restore(&[]);
    assert!(
        !o.status.success(),
        "restoring over a database needs --force"
    );
    let o = restore(&["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let junk = out.path().join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    let o = Command::new(bin())
        .args([
            "--data-dir",
            &path_string(target.path()),
            "restore",
            &path_string(&junk),
            "--force",
        ])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("not a usable Escalade backup"),
        "{}",
        stderr(&o)
    );
}

#[tokio::test]
async fn a_newer_database_is_refused() {
    for b in backends() {
        assert!(b.run(&["migrate"]).status.success());
        let sql = "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
                   VALUES (999999, 'from the future', CURRENT_TIMESTAMP, TRUE, $1, 0)";
        match &b.pg {
            Some(pg) => {
                let pool = sqlx::PgPool::connect(&pg.url).await.unwrap();
                sqlx::query(sql)
                    .bind(vec![0u8])
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
            }
            None => {
                let url = format!("sqlite://{}", b.data_dir().join("escalade.db").display());
                let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
                sqlx::query(sql)
                    .bind(vec![0u8])
                    .execute(&pool)
                    .await
                    .unwrap();
                pool.close().await;
            }
        }
        let o = b.run(&["migrate"]);
        assert!(
            !o.status.success(),
            "{}: a newer schema must be refused",
            b.name
        );
        assert!(
            stderr(&o).contains("upgrade escalade"),
            "{}: {}",
            b.name,
            stderr(&o)
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_gracefully() {
    let b = backends().remove(0);
    let mut server = Server::start(&b).await;
    let ok = Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let mut waited = Duration::ZERO;
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "exit status after SIGTERM: {status}");
            break;
        }
        assert!(
            waited < Duration::from_secs(10),
            "the server did not stop within 10 s of SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
        waited += Duration::from_millis(50);
    }
    let _ = ADMIN_PASSWORD;
}
