//! `Browser`: one headless Chromium session pointed at a test server, with the few verbs a
//! person uses (go to, type, click, choose, read) written so that tests read like the flow
//! they check. Elements are found by `id` for typing and clicking (pages give their key
//! elements stable ids) and by CSS selector for reading. Every verb waits for its element
//! (up to [`WAIT`]) and panics with a sentence saying what was expected, so a failing test
//! names the step; the runner then saves a screenshot and the page source.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;
use thirtyfour::components::SelectElement;
use thirtyfour::prelude::*;

use crate::driver::{Window, driver};
use crate::support::TestServer;

/// How long a verb waits for its element or its page.
pub const WAIT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(40);

/// A session and its profile folder, which must outlive the browser using it.
pub struct Session {
    /// The thirtyfour session.
    pub driver: WebDriver,
    _profile: tempfile::TempDir,
}

/// The sessions opened for one case, so that the runner can photograph and close all of
/// them whatever happens.
pub type Sessions = Arc<Mutex<Vec<Session>>>;

/// A browser session. Dropped sessions are closed by the runner, not here (closing needs
/// `.await`).
pub struct Browser {
    driver: WebDriver,
    base: String,
    window: Window,
    sessions: Sessions,
}

/// What has keyboard focus.
#[derive(Debug)]
pub struct Focused {
    /// Lower-case tag name.
    pub tag: String,
    /// The `id`, or empty.
    pub id: String,
    /// The `class` attribute, or empty.
    pub class: String,
    /// The `href` attribute, or empty.
    pub href: String,
    /// The computed `outline-style` (`none` when focus is invisible).
    pub outline_style: String,
    /// The computed `outline-width`.
    pub outline_width: String,
}

impl Browser {
    /// Opens a new session with a fresh profile on this server's address.
    pub async fn open(srv: &TestServer, window: Window, sessions: Sessions) -> Browser {
        Browser::start(srv.base.clone(), window, sessions).await
    }

    /// A new session on a server started outside the harness (the docs' screenshots use a
    /// server filled with the demo data).
    pub async fn at(base: &str, window: Window, sessions: Sessions) -> Browser {
        Browser::start(base.to_string(), window, sessions).await
    }

    /// Another person's browser in the same case (its own profile, so its own cookies), e.g.
    /// the requester beside the agent.
    pub async fn another(&self, window: Window) -> Browser {
        Browser::start(self.base.clone(), window, Arc::clone(&self.sessions)).await
    }

    async fn start(base: String, window: Window, sessions: Sessions) -> Browser {
        let d = driver();
        let profile = tempfile::Builder::new()
            .prefix("escalade-chromium-")
            .tempdir()
            .expect("a temporary Chromium profile folder");
        let driver = WebDriver::new(d.url.clone(), d.capabilities(window, profile.path()))
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "chromedriver at {} could not open a Chromium session: {e}",
                    d.url
                )
            });
        // Registered before anything can fail, so that the runner closes it.
        sessions
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(Session {
                driver: driver.clone(),
                _profile: profile,
            });
        driver
            .set_page_load_timeout(Duration::from_secs(30))
            .await
            .expect("page load timeout");
        Browser {
            driver,
            base,
            window,
            sessions,
        }
    }

    /// The thirtyfour session, for anything the verbs do not cover.
    pub fn webdriver(&self) -> &WebDriver {
        &self.driver
    }

    /// The window this session was opened with.
    pub fn window(&self) -> Window {
        self.window
    }

    // ---- navigation ----

    /// Opens a path of the test server (`/login`, `/agent/queues/all?status=new`).
    pub async fn goto(&self, path: &str) {
        self.driver
            .goto(format!("{}{path}", self.base))
            .await
            .unwrap_or_else(|e| panic!("open {path}: {e}"));
    }

    /// The current path and query (`/account?saved=preferences`).
    pub async fn path(&self) -> String {
        let url = self.driver.current_url().await.expect("current URL");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_string(),
        }
    }

    /// Waits until the path (without the query) is `expected`.
    pub async fn wait_for_path(&self, expected: &str) {
        let start = Instant::now();
        loop {
            let now = self.path().await;
            if now.split('?').next() == Some(expected) {
                return;
            }
            if start.elapsed() > WAIT {
                panic!("expected to be on {expected}, but the browser is on {now}");
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// Marks the current document, so that [`Browser::wait_for_new_page`] can tell when
    /// another one has replaced it.
    pub async fn mark_page(&self) {
        self.eval("window.__escaladeOldPage = true; return null;")
            .await;
    }

    /// Waits until the marked document has been replaced by a fully loaded new one.
    pub async fn wait_for_new_page(&self) {
        let start = Instant::now();
        loop {
            let state = self
                .driver
                .execute(
                    "return window.__escaladeOldPage ? 'old' : document.readyState;",
                    vec![],
                )
                .await
                .map(|r| r.json().as_str().unwrap_or("").to_string())
                // The script may land between two documents; try again.
                .unwrap_or_default();
            if state == "complete" {
                return;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "no new page loaded within {WAIT:?} (still on {})",
                    self.path().await
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    // ---- finding ----

    /// Waits for the first element matching a CSS selector and returns it.
    pub async fn wait_for(&self, css: &str) -> WebElement {
        match self
            .driver
            .query(By::Css(css))
            .wait(WAIT, POLL)
            .first()
            .await
        {
            Ok(el) => el,
            Err(e) => panic!("no element {css} on {}: {e}", self.location().await),
        }
    }

    /// The element with this id (waited for).
    pub async fn by_id(&self, id: &str) -> WebElement {
        match self.driver.query(By::Id(id)).wait(WAIT, POLL).first().await {
            Ok(el) => el,
            Err(e) => panic!("no element #{id} on {}: {e}", self.location().await),
        }
    }

    /// Whether an element matches the selector now (no waiting).
    pub async fn has(&self, css: &str) -> bool {
        !self
            .driver
            .find_all(By::Css(css))
            .await
            .unwrap_or_default()
            .is_empty()
    }

    // ---- acting ----

    /// Types into the field with this id, replacing what it held.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.by_id(id).await;
        field
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear #{id}: {e}"));
        field
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into #{id}: {e}"));
    }

    /// Clicks the element with this id. ChromeDriver waits for a navigation the click starts;
    /// when the click must load another page, use [`Browser::submit`], which checks it did.
    pub async fn click(&self, id: &str) {
        let el = self.by_id(id).await;
        el.scroll_into_view().await.ok();
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click #{id}: {e}"));
    }

    /// Clicks the first element matching a CSS selector (for elements without an id, such
    /// as the buttons of the page frame).
    pub async fn click_css(&self, css: &str) {
        let el = self.wait_for(css).await;
        el.scroll_into_view().await.ok();
        el.click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Clicks a button or link (by id) that loads another page, and waits for that page.
    pub async fn submit(&self, id: &str) {
        self.mark_page().await;
        self.click(id).await;
        self.wait_for_new_page().await;
    }

    /// [`Browser::submit`] for an element found by CSS selector.
    pub async fn submit_css(&self, css: &str) {
        self.mark_page().await;
        self.click_css(css).await;
        self.wait_for_new_page().await;
    }

    /// Chooses the option with this value in the select with this id. A select marked
    /// `data-autosubmit` sends its form when changed: then this waits for the next page.
    pub async fn select(&self, id: &str, value: &str) {
        let el = self.by_id(id).await;
        let autosubmit = el.attr("data-autosubmit").await.ok().flatten().is_some();
        if autosubmit {
            self.mark_page().await;
        }
        SelectElement::new(&el)
            .await
            .unwrap_or_else(|e| panic!("#{id} is not a select: {e}"))
            .select_by_value(value)
            .await
            .unwrap_or_else(|e| panic!("choose {value:?} in #{id}: {e}"));
        if autosubmit {
            self.wait_for_new_page().await;
        }
    }

    /// Presses a key on whatever has focus (e.g. `Key::Tab`, `Key::Enter`).
    pub async fn press(&self, key: Key) {
        self.driver
            .action_chain()
            .send_keys(key)
            .perform()
            .await
            .unwrap_or_else(|e| panic!("press a key: {e}"));
    }

    /// Runs JavaScript in the page and returns its result.
    pub async fn eval(&self, script: &str) -> Value {
        self.driver
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
            .json()
            .clone()
    }

    /// Runs the pages loaded from now on with fast timers: every `setInterval` of theirs fires
    /// at least every `ms` milliseconds, so that a test need not wait for a queue's 15-second
    /// refresh. Each page also counts the requests its script makes, in
    /// `window.__escaladeFetches`.
    pub async fn fast_timers(&self, ms: u32) {
        let source = format!(
            "(function () {{ var every = window.setInterval; \
             window.setInterval = function (fn, t) {{ return every(fn, Math.min(t || 0, {ms})); }}; \
             var get = window.fetch; window.__escaladeFetches = 0; \
             window.fetch = function () {{ window.__escaladeFetches += 1; \
             return get.apply(this, arguments); }}; }})();"
        );
        self.driver
            .cdp()
            .send_raw(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": source }),
            )
            .await
            .unwrap_or_else(|e| panic!("install the fast timers: {e}"));
    }

    // ---- reading ----

    /// The visible text of the first element matching a CSS selector (waited for).
    pub async fn text_of(&self, css: &str) -> String {
        self.wait_for(css)
            .await
            .text()
            .await
            .unwrap_or_else(|e| panic!("read {css}: {e}"))
    }

    /// Waits until the first element matching the selector shows this text.
    pub async fn wait_for_text(&self, css: &str, text: &str) {
        let start = Instant::now();
        loop {
            let shown = match self.driver.find(By::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if shown.contains(text) {
                return;
            }
            if start.elapsed() > WAIT {
                panic!(
                    "{css} on {} shows {shown:?}, not {text:?}",
                    self.location().await
                );
            }
            tokio::time::sleep(POLL).await;
        }
    }

    /// The value of an attribute of the first element matching a selector.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.wait_for(css)
            .await
            .attr(name)
            .await
            .unwrap_or_else(|e| panic!("read {name} of {css}: {e}"))
    }

    /// The value of the form field with this id.
    pub async fn value_of(&self, id: &str) -> String {
        self.by_id(id)
            .await
            .value()
            .await
            .unwrap_or_else(|e| panic!("read the value of #{id}: {e}"))
            .unwrap_or_default()
    }

    /// The page's visible text.
    pub async fn page_text(&self) -> String {
        self.text_of("body").await
    }

    /// The `lang` of the page.
    pub async fn lang(&self) -> String {
        self.attr("html", "lang").await.unwrap_or_default()
    }

    /// Asserts that the page shows this text.
    pub async fn assert_text(&self, text: &str) {
        let shown = self.page_text().await;
        assert!(
            shown.contains(text),
            "{} does not show {text:?}; it shows:\n{shown}",
            self.location().await
        );
    }

    /// Asserts that this text is nowhere in the document, hidden parts included (e.g. an
    /// internal note on the requester's page).
    pub async fn assert_absent(&self, text: &str) {
        let all = self
            .eval("return document.documentElement.textContent;")
            .await;
        let all = all.as_str().unwrap_or("");
        assert!(
            !all.contains(text),
            "{} contains {text:?}, which it must not",
            self.location().await
        );
    }

    /// What has keyboard focus, with its computed outline.
    pub async fn focused(&self) -> Focused {
        let v = self
            .eval(
                "const e = document.activeElement; const s = getComputedStyle(e); \
                 return [e.tagName.toLowerCase(), e.id || '', e.getAttribute('class') || '', \
                 e.getAttribute('href') || '', s.outlineStyle, s.outlineWidth];",
            )
            .await;
        let at = |i: usize| v[i].as_str().unwrap_or("").to_string();
        Focused {
            tag: at(0),
            id: at(1),
            class: at(2),
            href: at(3),
            outline_style: at(4),
            outline_width: at(5),
        }
    }

    /// `(scrollWidth, clientWidth)` of the document: the page scrolls sideways when the
    /// first is larger.
    pub async fn widths(&self) -> (i64, i64) {
        let v = self
            .eval(
                "return [document.documentElement.scrollWidth, \
                 document.documentElement.clientWidth];",
            )
            .await;
        (v[0].as_i64().unwrap_or(-1), v[1].as_i64().unwrap_or(-1))
    }

    /// Asserts that the page does not scroll sideways.
    pub async fn assert_no_horizontal_scroll(&self) {
        let (scroll, client) = self.widths().await;
        assert!(
            scroll <= client,
            "{} scrolls sideways: content {scroll} px wide in a {client} px window",
            self.location().await
        );
    }

    /// Saves what the window shows as a PNG file.
    pub async fn screenshot(&self, file: &std::path::Path) {
        let png = match self.driver.screenshot_as_png().await {
            Ok(png) => png,
            Err(e) => panic!("screenshot of {}: {e}", self.location().await),
        };
        std::fs::write(file, png).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
    }

    /// Where the browser is, for messages.
    async fn location(&self) -> String {
        match self.driver.current_url().await {
            Ok(u) => u.to_string(),
            Err(_) => "(unknown page)".into(),
        }
    }

    // ---- people ----

    /// Logs in through the login form and waits to be let in; panics with the page's error
    /// when refused. Lands where the server sends a fresh login (`/`, then the agent
    /// console or the portal).
    pub async fn login(&self, login: &str, password: &str) {
        self.login_to(login, password, "/").await;
    }

    /// Logs in and lands on `next`.
    pub async fn login_to(&self, login: &str, password: &str, next: &str) {
        let next_q = percent_encode(next);
        self.goto(&format!("/login?next={next_q}")).await;
        self.fill("login", login).await;
        self.fill("password", password).await;
        self.submit("login-submit").await;
        if self.path().await.starts_with("/login") {
            let why = if self.has("#login-error").await {
                self.text_of("#login-error").await
            } else {
                "no error shown".into()
            };
            panic!("{login} could not log in: {why}");
        }
    }

    /// Logs out with the button in the page frame.
    pub async fn logout(&self) {
        self.submit_css("form[action='/logout'] button").await;
        self.wait_for_path("/login").await;
    }
}

/// Percent-encodes a query value.
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The text of a plain one-line message in the language files (`locales/<lang>/*.ftl`), so
/// that tests check the translations as written rather than copies of them.
pub fn ftl(lang: &str, key: &str) -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang);
    let files = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for file in files.flatten() {
        let text = std::fs::read_to_string(file.path()).unwrap_or_default();
        for line in text.lines() {
            if let Some((k, v)) = line.split_once(" = ")
                && k.trim() == key
            {
                return v.trim().to_string();
            }
        }
    }
    panic!("no message {key} in {}", dir.display())
}
