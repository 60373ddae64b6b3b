//! Escalade's web UI tested in a real headless Chromium driven through ChromeDriver: real
//! clicks, real typing, the real CSS and script. Every case runs on a fresh server backed by
//! SQLite and, when `ESCALADE_TEST_PG` holds a PostgreSQL URL, again on a throwaway
//! PostgreSQL database; each gets its own browser session with a fresh profile.
//!
//! Run with `cargo test -p escalade-web --test browser` (Chromium and ChromeDriver come from
//! Debian's `chromium` and `chromium-driver` packages; `scripts/test` installs them). A
//! failing case leaves a screenshot and the page source in `target/browser-failures/`.
//!
//! The server side of the harness is the API suite's own (`tests/api/support.rs`,
//! `fixtures.rs`, `web.rs`), so cases can prepare data through the API or the HTTP form
//! client before the browser takes over. The browser side: `driver` (ChromeDriver and
//! Chromium), `browser` (the verbs), `run` (backends, failure pictures, clean-up).

// The API harness is shared, not copied; this suite uses only part of it.
#[allow(dead_code, unused_imports)]
#[path = "../api/fixtures.rs"]
mod fixtures;
#[allow(dead_code, unused_imports)]
#[path = "../api/support.rs"]
mod support;
#[allow(dead_code)]
#[path = "../api/web.rs"]
mod web;

// The harness offers verbs for the flows still to come; not all are used yet.
#[allow(dead_code)]
mod browser;
#[allow(dead_code)]
mod driver;
#[allow(dead_code)]
mod run;

mod account;
mod flow;
mod frame;
mod knowledge;
mod language;
mod phone;
mod refresh;
mod screenshots;
mod screenshots_kb;
mod time_rules;
mod translated;
