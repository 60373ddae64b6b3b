//! The browser machinery under the tests: finding Chromium and ChromeDriver (Debian's
//! `chromium` and `chromium-driver` packages, installed by `scripts/test`), starting ONE
//! chromedriver per test process on a free port, and the capabilities of a fresh, isolated
//! headless session.
//!
//! nextest runs every test in a process of its own, so "one per process" is also "one per
//! test" there; starting chromedriver takes a few milliseconds, the browser itself is what
//! costs. Nothing in Rust runs when a test process exits, so chromedriver is started by a
//! small watchdog shell in a process group of its own: when the test process is gone (normal
//! end, panic, or killed by a timeout) the watchdog ends the whole group, chromedriver and
//! any Chromium it left behind included.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use thirtyfour::prelude::*;
use thirtyfour::{ChromeCapabilities, ChromiumLikeCapabilities};

/// The window a session opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// 1280 x 900, a laptop screen.
    Desktop,
    /// A 375 x 800 phone screen. Chromium will not make a window narrower than 500 pixels,
    /// so the phone is emulated (viewport, device pixel ratio, mobile viewport rules).
    Phone,
}

/// The flags of every session (the user data folder is added per session).
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1280,900",
];

/// The programs, from `ESCALADE_CHROMIUM` / `ESCALADE_CHROMEDRIVER` or the `PATH`.
struct Programs {
    chromium: PathBuf,
    chromedriver: PathBuf,
}

fn find_program(env: &str, names: &[&str]) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env)
        && !p.trim().is_empty()
    {
        return Some(PathBuf::from(p.trim())).filter(|p| p.is_file());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)))
        .find(|p| p.is_file())
}

fn programs() -> Result<Programs, String> {
    let chromium = find_program("ESCALADE_CHROMIUM", &["chromium", "chromium-browser"]);
    let chromedriver = find_program("ESCALADE_CHROMEDRIVER", &["chromedriver"]);
    match (chromium, chromedriver) {
        (Some(chromium), Some(chromedriver)) => Ok(Programs {
            chromium,
            chromedriver,
        }),
        (chromium, chromedriver) => Err(format!(
            "the browser tests need Chromium and ChromeDriver, and {} not found on the PATH \
             (or in ESCALADE_CHROMIUM / ESCALADE_CHROMEDRIVER). Run scripts/test, which \
             installs them (Debian packages chromium and chromium-driver), or install them \
             with: apt-get install -y chromium chromium-driver",
            match (chromium.is_none(), chromedriver.is_none()) {
                (true, true) => "chromium and chromedriver were",
                (true, false) => "chromium was",
                _ => "chromedriver was",
            }
        )),
    }
}

/// The running chromedriver of this test process.
pub struct Driver {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    chromium: PathBuf,
}

// The watchdog: $1 chromedriver, $2 port, $3 the test process. It polls rather than waits
// because the test process is not its parent.
const WATCHDOG: &str = r#"
"$1" --port="$2" --silent >/dev/null 2>&1 &
d=$!
while kill -0 "$3" 2>/dev/null && kill -0 "$d" 2>/dev/null; do sleep 0.5; done
trap '' TERM
kill -TERM 0
"#;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port for chromedriver")
}

fn start(programs: Programs) -> Result<Driver, String> {
    let mut last = String::new();
    // A port found free can be taken before chromedriver binds it: try a few.
    for _ in 0..3 {
        let port = free_port();
        let mut child = Command::new("sh")
            .arg("-c")
            .arg(WATCHDOG)
            .arg("escalade-chromedriver-watchdog")
            .arg(&programs.chromedriver)
            .arg(port.to_string())
            .arg(std::process::id().to_string())
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", programs.chromedriver.display()))?;
        let addr = SocketAddr::from(([127, 0, 0, 1], port));
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                return Ok(Driver {
                    url: format!("http://{addr}"),
                    chromium: programs.chromium,
                });
            }
            if let Ok(Some(status)) = child.try_wait() {
                last = format!(
                    "{} on port {port} stopped at once ({status})",
                    programs.chromedriver.display()
                );
                break;
            }
            if Instant::now() > deadline {
                last = format!(
                    "{} did not listen on port {port} within 15 s",
                    programs.chromedriver.display()
                );
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    Err(last)
}

/// This process's chromedriver, started on first use. Panics with what to do when Chromium
/// or ChromeDriver is missing: a missing browser fails the suite, it never skips it.
pub fn driver() -> &'static Driver {
    static DRIVER: OnceLock<Result<Driver, String>> = OnceLock::new();
    match DRIVER.get_or_init(|| programs().and_then(start)) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    }
}

impl Driver {
    /// The capabilities of a new session with its own profile folder.
    pub fn capabilities(&self, window: Window, profile: &Path) -> ChromeCapabilities {
        let mut caps = DesiredCapabilities::chrome();
        caps.set_binary(&self.chromium.to_string_lossy())
            .expect("binary capability");
        for flag in CHROMIUM_FLAGS {
            caps.add_arg(flag).expect("Chromium flag");
        }
        caps.add_arg(&format!("--user-data-dir={}", profile.display()))
            .expect("profile flag");
        // The language of the pages then comes from the server's default or the test's
        // choice, not from the machine's locale.
        caps.add_arg("--lang=en-US").expect("language flag");
        if window == Window::Phone {
            caps.add_experimental_option(
                "mobileEmulation",
                serde_json::json!({
                    "deviceMetrics": {"width": 375, "height": 800, "pixelRatio": 2.0,
                                      "mobile": true, "touch": false}
                }),
            )
            .expect("phone emulation");
        }
        caps
    }
}
