//! The desk's mail settings, stored in the database (settings key `mail`) so that every node
//! sends with the same ones: the SMTP server and its login, the sender's address, the domain
//! of our Message-IDs, the portal's address for links and the subject tag. The SMTP password
//! is never logged and never returned: readers see only whether one is set.

use escalade_core::authz::Permission;
use escalade_mail::outbound::Desk;
use escalade_store::{Conn, StoreError, audit, settings};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// The settings key.
pub const SETTINGS_KEY: &str = "mail";

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurity {
    /// TLS from the first byte (usually port 465).
    Tls,
    /// Plain connection upgraded with STARTTLS, which must succeed (usually port 587).
    #[default]
    Starttls,
    /// No encryption (a relay on the same host or network only).
    None,
}

impl SmtpSecurity {
    /// Its name.
    pub fn as_str(self) -> &'static str {
        match self {
            SmtpSecurity::Tls => "tls",
            SmtpSecurity::Starttls => "starttls",
            SmtpSecurity::None => "none",
        }
    }

    /// Parses a name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "tls" => Some(SmtpSecurity::Tls),
            "starttls" => Some(SmtpSecurity::Starttls),
            "none" => Some(SmtpSecurity::None),
            _ => None,
        }
    }
}

/// The stored settings. `Debug` leaves the password out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MailSettings {
    /// SMTP server; empty: no sending (mail waits in the outbox).
    pub smtp_host: String,
    /// SMTP port.
    pub smtp_port: u16,
    /// Connection security.
    pub smtp_security: SmtpSecurity,
    /// Login; empty: no authentication.
    pub smtp_user: String,
    /// Password for the login.
    pub smtp_password: Option<String>,
    /// The sender's name ("IT Service Desk").
    pub from_name: String,
    /// The sender's address; replies come back to it.
    pub from_address: String,
    /// The domain of our Message-IDs.
    pub desk_domain: String,
    /// The desk's web address for links (`https://help.example.com`).
    pub portal_url: String,
    /// What the subject tag holds before the number (empty: `[INC-000123]`; `Escalade#`:
    /// `[Escalade#INC-000123]`). The inbound side reads subjects with the same tag.
    pub subject_tag: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        Self {
            smtp_host: String::new(),
            smtp_port: 587,
            smtp_security: SmtpSecurity::Starttls,
            smtp_user: String::new(),
            smtp_password: None,
            from_name: String::new(),
            from_address: String::new(),
            desk_domain: String::new(),
            portal_url: String::new(),
            subject_tag: String::new(),
        }
    }
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_security", &self.smtp_security)
            .field("smtp_user", &self.smtp_user)
            .field("smtp_password", &self.password_state())
            .field("from_address", &self.from_address)
            .field("desk_domain", &self.desk_domain)
            .finish_non_exhaustive()
    }
}

impl MailSettings {
    /// `set` or `not set`: all that is ever shown of the password.
    pub fn password_state(&self) -> &'static str {
        if self.smtp_password.as_deref().is_some_and(|p| !p.is_empty()) {
            "set"
        } else {
            "not set"
        }
    }

    /// Whether an SMTP server is configured (else mail waits in the outbox).
    pub fn smtp_configured(&self) -> bool {
        !self.smtp_host.trim().is_empty()
    }

    /// The domain of Message-IDs: the one set, else the sender's, else `localhost`.
    pub fn domain(&self) -> String {
        let set = self.desk_domain.trim();
        if !set.is_empty() {
            return set.to_ascii_lowercase();
        }
        self.from_address
            .rsplit_once('@')
            .map(|(_, d)| d.trim().to_ascii_lowercase())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| "localhost".into())
    }

    /// The sender's address: the one set, else `escalade@<domain>`.
    pub fn sender(&self) -> String {
        let set = self.from_address.trim();
        if set.is_empty() {
            format!("escalade@{}", self.domain())
        } else {
            set.to_string()
        }
    }

    /// The desk as mail shows it; its loop marker id is its domain.
    pub fn desk(&self) -> Desk {
        let name = self.from_name.trim();
        Desk {
            name: if name.is_empty() {
                "Escalade".into()
            } else {
                name.into()
            },
            address: self.sender(),
            domain: self.domain(),
            desk_id: self.domain(),
            portal_url: self.portal_url.trim().to_string(),
            subject_tag: self.subject_tag.trim().to_string(),
        }
    }
}

/// The settings as readers see them: the password only as `set` / `not set`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailSettingsView {
    /// SMTP server.
    pub smtp_host: String,
    /// Port.
    pub smtp_port: u16,
    /// `tls`, `starttls` or `none`.
    pub smtp_security: String,
    /// Login.
    pub smtp_user: String,
    /// `set` or `not set`.
    pub smtp_password: &'static str,
    /// Sender's name.
    pub from_name: String,
    /// Sender's address.
    pub from_address: String,
    /// Domain of Message-IDs.
    pub desk_domain: String,
    /// Desk's web address.
    pub portal_url: String,
    /// Subject tag word.
    pub subject_tag: String,
    /// Whether sending is configured.
    pub smtp_configured: bool,
}

impl From<&MailSettings> for MailSettingsView {
    fn from(s: &MailSettings) -> Self {
        Self {
            smtp_host: s.smtp_host.clone(),
            smtp_port: s.smtp_port,
            smtp_security: s.smtp_security.as_str().into(),
            smtp_user: s.smtp_user.clone(),
            smtp_password: s.password_state(),
            from_name: s.from_name.clone(),
            from_address: s.from_address.clone(),
            desk_domain: s.desk_domain.clone(),
            portal_url: s.portal_url.clone(),
            subject_tag: s.subject_tag.clone(),
            smtp_configured: s.smtp_configured(),
        }
    }
}

/// New settings. The password: absent keeps the stored one, empty clears it.
#[derive(Debug, Clone, Default)]
pub struct MailSettingsInput {
    /// SMTP server (empty: no sending).
    pub smtp_host: String,
    /// Port.
    pub smtp_port: i64,
    /// `tls`, `starttls` or `none`.
    pub smtp_security: String,
    /// Login.
    pub smtp_user: String,
    /// Password: `None` keeps it, `Some("")` clears it.
    pub smtp_password: Option<String>,
    /// Sender's name.
    pub from_name: String,
    /// Sender's address.
    pub from_address: String,
    /// Domain of Message-IDs.
    pub desk_domain: String,
    /// Desk's web address.
    pub portal_url: String,
    /// Subject tag word.
    pub subject_tag: String,
}

fn invalid(field: &str, code: &'static str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, code, message)
}

fn is_hostish(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'))
}

/// Checks new settings against the stored ones (for the password); the first problem wins.
pub fn validate(input: MailSettingsInput, old: &MailSettings) -> Result<MailSettings, AppError> {
    let host = input.smtp_host.trim().to_string();
    if !host.is_empty() && !is_hostish(&host) {
        return Err(invalid(
            "smtp_host",
            "malformed",
            "the SMTP server is a host name or an IP address, without spaces or a scheme",
        ));
    }
    let port = u16::try_from(input.smtp_port)
        .ok()
        .filter(|p| *p > 0)
        .ok_or_else(|| invalid("smtp_port", "out_of_range", "the port is 1 to 65535"))?;
    let security = SmtpSecurity::parse(input.smtp_security.trim()).ok_or_else(|| {
        invalid(
            "smtp_security",
            "unknown_value",
            "the security is tls, starttls or none",
        )
    })?;
    let user = input.smtp_user.trim().to_string();
    if user.len() > 320 || user.chars().any(char::is_control) {
        return Err(invalid("smtp_user", "malformed", "the login is too long"));
    }
    let password = match input.smtp_password {
        None => old.smtp_password.clone(),
        Some(p) if p.is_empty() => None,
        Some(p) if p.len() > 1024 || p.contains(['\r', '\n']) => {
            return Err(invalid(
                "smtp_password",
                "malformed",
                "the password is one line of at most 1024 characters",
            ));
        }
        Some(p) => Some(p),
    };
    let from_name = input.from_name.trim().to_string();
    if from_name.chars().count() > 100 || from_name.chars().any(char::is_control) {
        return Err(invalid(
            "from_name",
            "malformed",
            "the sender's name is one line of at most 100 characters",
        ));
    }
    let from_address = input.from_address.trim().to_string();
    if !from_address.is_empty() && from_address.parse::<lettre::Address>().is_err() {
        return Err(invalid(
            "from_address",
            "malformed",
            format!("'{from_address}' is not an e-mail address"),
        ));
    }
    let domain = input.desk_domain.trim().to_ascii_lowercase();
    if !domain.is_empty()
        && (!domain.contains('.') && domain != "localhost"
            || !domain
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
    {
        return Err(invalid(
            "desk_domain",
            "malformed",
            "the desk's domain is a domain name such as help.example.com",
        ));
    }
    let portal = input.portal_url.trim().trim_end_matches('/').to_string();
    if !portal.is_empty()
        && (!(portal.starts_with("https://") || portal.starts_with("http://"))
            || portal
                .chars()
                .any(|c| c.is_whitespace() || c == '"' || c == '<'))
    {
        return Err(invalid(
            "portal_url",
            "malformed",
            "the desk's web address starts with https:// (or http://)",
        ));
    }
    let tag = input.subject_tag.trim().to_string();
    if tag.chars().count() > 30
        || !tag
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_' | '#' | ':'))
    {
        return Err(invalid(
            "subject_tag",
            "malformed",
            "the subject tag is at most 30 letters, digits, spaces, '#', ':', '-' or '_'",
        ));
    }
    Ok(MailSettings {
        smtp_host: host,
        smtp_port: port,
        smtp_security: security,
        smtp_user: user,
        smtp_password: password,
        from_name,
        from_address,
        desk_domain: domain,
        portal_url: portal,
        subject_tag: tag,
    })
}

/// The stored settings (defaults when never saved), on any connection.
pub async fn load(c: &mut Conn) -> Result<MailSettings, StoreError> {
    Ok(settings::get(c, SETTINGS_KEY).await?.unwrap_or_default())
}

impl App {
    /// The mail settings as an administrator sees them (`admin.settings`).
    pub async fn mail_settings(&self, caller: &Caller) -> Result<MailSettingsView, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        Ok(MailSettingsView::from(&load(&mut c).await?))
    }

    /// Replaces the mail settings (`admin.settings`). The audit log records the change
    /// without the password.
    pub async fn set_mail_settings(
        &self,
        caller: &Caller,
        input: MailSettingsInput,
    ) -> Result<MailSettingsView, AppError> {
        caller.require(Permission::AdminSettings)?;
        let old = {
            let mut c = self.store.read().await?;
            load(&mut c).await?
        };
        let password_changed = input.smtp_password.is_some();
        let new = validate(input, &old)?;
        let view = MailSettingsView::from(&new);
        let now = self.clock.now();
        let actor = caller.id();
        let details = json!({"settings": view, "password_changed": password_changed});
        self.store
            .write(move |c| {
                Box::pin(async move {
                    settings::put(c, SETTINGS_KEY, &new, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "settings.mail",
                        "settings",
                        SETTINGS_KEY,
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(view)
    }
}
