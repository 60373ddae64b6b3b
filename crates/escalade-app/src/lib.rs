//! Escalade's use cases. Every operation a person or a script can perform is a function here
//! that takes the [`Caller`], checks permissions through the domain's permission model, applies
//! the domain rules and persists through the store. The API, the web UI, the mail gateway and
//! the command line all call these functions, so no entry point can skip a check.

pub mod admin;
pub mod admin_views;
pub mod attachments;
pub mod auth;
pub mod bootstrap;
pub mod caller;
pub mod caller_cache;
pub mod clock;
pub mod demo;
pub mod directory;
pub mod error;
pub mod explain;
pub mod inbound_mail;
pub mod knowledge;
pub mod mail;
pub mod rules;
pub mod search;
pub mod sla;
pub mod tickets;

use std::sync::Arc;

pub use caller::Caller;
pub use clock::Clock;
pub use error::AppError;
use escalade_store::Store;

/// Settings the services need.
#[derive(Debug, Clone)]
pub struct AppConfig {
    /// Largest attachment accepted, in bytes.
    pub max_attachment_bytes: usize,
    /// Extra certificate authorities (a PEM file) the IMAP and SMTP clients trust besides
    /// the system's (`--mail-ca-file`, `ESCALADE_MAIL_CA_FILE`).
    pub mail_ca_file: Option<std::path::PathBuf>,
}

impl Default for AppConfig {
    fn default() -> Self {
        Self {
            max_attachment_bytes: 25 * 1024 * 1024,
            mail_ca_file: None,
        }
    }
}

/// The service layer's handle: storage, clock and settings. Cheap to clone.
#[derive(Clone)]
pub struct App {
    /// Storage.
    pub store: Store,
    /// Time source (fixed in tests).
    pub clock: Arc<dyn Clock>,
    /// Settings.
    pub config: Arc<AppConfig>,
    /// Failed-login counters.
    pub throttle: Arc<auth::Throttle>,
    /// Recently authenticated callers by token.
    pub callers: Arc<caller_cache::CallerCache>,
    /// This node's copy of the SLA configuration.
    pub sla: Arc<sla::SlaCache>,
    /// This node's copy of the automation rules.
    pub rules: Arc<rules::RulesCache>,
}

impl App {
    /// Builds the service layer over an opened store.
    pub fn new(store: Store, config: AppConfig) -> Self {
        Self {
            store,
            clock: Arc::new(clock::SystemClock),
            config: Arc::new(config),
            throttle: Arc::default(),
            callers: Arc::default(),
            sla: Arc::default(),
            rules: Arc::default(),
        }
    }
}
