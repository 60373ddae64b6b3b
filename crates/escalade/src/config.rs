//! Settings shared by every command: where the data lives, and logging.

use std::path::PathBuf;

use anyhow::{Context, Result};
use escalade_app::{App, AppConfig};
use escalade_store::{Location, Options, Store};

/// Options every command accepts.
#[derive(clap::Args, Debug, Clone)]
pub struct Global {
    /// Folder of the embedded SQLite database.
    #[arg(
        long,
        global = true,
        env = "ESCALADE_DATA_DIR",
        default_value = "./escalade-data"
    )]
    pub data_dir: PathBuf,
    /// PostgreSQL URL (postgres://user:password@host/db); when given, the data folder is not used.
    #[arg(
        long,
        global = true,
        env = "ESCALADE_DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,
    /// Largest attachment accepted, in MiB.
    #[arg(
        long,
        global = true,
        env = "ESCALADE_MAX_ATTACHMENT_MB",
        default_value_t = 25
    )]
    pub max_attachment_mb: usize,
    /// A PEM file of certificate authorities the IMAP and SMTP clients trust besides the
    /// system's (the CA of internal mail servers).
    #[arg(long, global = true, env = "ESCALADE_MAIL_CA_FILE")]
    pub mail_ca_file: Option<PathBuf>,
}

impl Global {
    /// The database location these options name.
    pub fn location(&self) -> Result<Location> {
        Ok(Location::choose(
            self.database_url.as_deref(),
            &self.data_dir,
        )?)
    }

    /// Opens (and migrates) the database and builds the service layer.
    pub async fn open(&self) -> Result<App> {
        let location = self.location()?;
        let store = Store::open(&location, Options::default())
            .await
            .with_context(|| format!("cannot open {}", location.describe()))?;
        Ok(App::new(
            store,
            AppConfig {
                max_attachment_bytes: self.max_attachment_mb.saturating_mul(1024 * 1024),
                mail_ca_file: self.mail_ca_file.clone(),
            },
        ))
    }
}

/// Logs to standard error; `RUST_LOG` (or `ESCALADE_LOG`) sets the level, `info` by default.
pub fn init_logging() {
    let filter = std::env::var("ESCALADE_LOG")
        .or_else(|_| std::env::var("RUST_LOG"))
        .unwrap_or_else(|_| "info,sqlx=warn,tower_http=warn".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .try_init();
}
