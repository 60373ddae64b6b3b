//! The runner of a browser case: for every backend (SQLite, and PostgreSQL when
//! `ESCALADE_TEST_PG` is set) a fresh server from the API harness and a fresh browser; when
//! the case panics, a screenshot and the page source of every session it opened are saved
//! under `target/browser-failures/<test>-<backend>.{png,html}` before the panic goes on; and
//! the sessions are closed whatever happened.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::PathBuf;
use std::task::Poll;
use std::time::Instant;

use escalade_app::AppConfig;

use crate::browser::{Browser, Sessions};
use crate::driver::Window;
use crate::support::{TestServer, backends};

/// Runs a case in a desktop-sized browser on every backend.
pub async fn in_browser(case: impl AsyncFn(&TestServer, &Browser)) {
    in_browser_with(Window::Desktop, AppConfig::default(), case).await
}

/// Runs a case in a phone-sized (375 px) browser on every backend.
pub async fn on_phone(case: impl AsyncFn(&TestServer, &Browser)) {
    in_browser_with(Window::Phone, AppConfig::default(), case).await
}

/// Runs a case with this window and these server settings on every backend.
pub async fn in_browser_with(
    window: Window,
    config: AppConfig,
    case: impl AsyncFn(&TestServer, &Browser),
) {
    let test = test_name();
    for backend in backends() {
        let started = Instant::now();
        let srv = TestServer::start(&backend, config.clone()).await;
        let sessions = Sessions::default();
        let served = started.elapsed();
        let opened = std::cell::Cell::new(None);
        let outcome = catch_panic(async {
            let browser = Browser::open(&srv, window, sessions.clone()).await;
            opened.set(Some(started.elapsed() - served));
            case(&srv, &browser).await;
        })
        .await;
        if outcome.is_err() {
            save_failure(&test, srv.backend, &sessions).await;
        }
        let closing = Instant::now();
        close_all(&sessions).await;
        // Where the time goes, for keeping the suite quick.
        eprintln!(
            "--- browser case {test} on {}: {:.1} s (server {:.1} s, browser start {:.1} s, \
             close {:.1} s)",
            srv.backend,
            started.elapsed().as_secs_f64(),
            served.as_secs_f64(),
            opened.get().unwrap_or_default().as_secs_f64(),
            closing.elapsed().as_secs_f64()
        );
        if let Err(panic) = outcome {
            resume_unwind(panic);
        }
    }
}

/// Polls a future, turning a panic inside it into an error (the future is dropped).
async fn catch_panic<T>(fut: impl Future<Output = T>) -> std::thread::Result<T> {
    let mut fut = std::pin::pin!(fut);
    std::future::poll_fn(
        |cx| match catch_unwind(AssertUnwindSafe(|| fut.as_mut().poll(cx))) {
            Ok(Poll::Pending) => Poll::Pending,
            Ok(Poll::Ready(v)) => Poll::Ready(Ok(v)),
            Err(panic) => Poll::Ready(Err(panic)),
        },
    )
    .await
}

/// The running test's name (libtest names each test's thread after it; nextest runs one
/// test per process the same way), made safe for a file name.
fn test_name() -> String {
    let name = std::thread::current()
        .name()
        .filter(|n| *n != "main")
        .unwrap_or("browser-test")
        .replace("::", "-");
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `target/browser-failures`, next to the test binary's own `target/debug/deps` (so it
/// follows `CARGO_TARGET_DIR`).
pub fn failures_dir() -> PathBuf {
    let from_exe = std::env::current_exe().ok().and_then(|exe| {
        let deps = exe.parent()?;
        (deps.file_name()? == "deps").then_some(())?;
        Some(deps.parent()?.parent()?.to_path_buf())
    });
    from_exe
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target"))
        .join("browser-failures")
}

/// Saves a screenshot and the page source of every session; the first is
/// `<test>-<backend>`, further ones get `-2`, `-3`, ...
async fn save_failure(test: &str, backend: &str, sessions: &Sessions) {
    let drivers: Vec<_> = sessions
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .map(|s| s.driver.clone())
        .collect();
    let dir = failures_dir();
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {}: {e}", dir.display());
        return;
    }
    for (i, driver) in drivers.iter().enumerate() {
        let stem = match i {
            0 => format!("{test}-{backend}"),
            n => format!("{test}-{backend}-{}", n + 1),
        };
        let png = dir.join(format!("{stem}.png"));
        match driver.screenshot_as_png().await {
            Ok(bytes) => match std::fs::write(&png, bytes) {
                Ok(()) => eprintln!("failure screenshot: {}", png.display()),
                Err(e) => eprintln!("cannot write {}: {e}", png.display()),
            },
            Err(e) => eprintln!("no screenshot of session {}: {e}", i + 1),
        }
        let html = dir.join(format!("{stem}.html"));
        match driver.source().await {
            Ok(source) => match std::fs::write(&html, source) {
                Ok(()) => eprintln!("failure page source: {}", html.display()),
                Err(e) => eprintln!("cannot write {}: {e}", html.display()),
            },
            Err(e) => eprintln!("no page source of session {}: {e}", i + 1),
        }
    }
}

/// Closes every session of the case, all at once (a case with four people would otherwise
/// wait for each Chromium in turn), and deletes their profile folders.
pub async fn close_all(sessions: &Sessions) {
    let all: Vec<_> = std::mem::take(&mut *sessions.lock().unwrap_or_else(|p| p.into_inner()));
    let closing: Vec<_> = all
        .into_iter()
        .map(|session| {
            tokio::spawn(async move {
                let quit = session.driver.clone().quit().await;
                // The profile folder goes only once its browser has.
                drop(session);
                quit
            })
        })
        .collect();
    for task in closing {
        match task.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("closing a browser session failed: {e}"),
            Err(e) => eprintln!("closing a browser session stopped: {e}"),
        }
    }
}
