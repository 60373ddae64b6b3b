//! Administering the IMAP mailboxes the desk polls (`admin.settings`): validation with
//! field errors, the audit log, and the view that never carries the password.

use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::ids::CategoryId;
use escalade_store::audit;
use escalade_store::mailboxes::{self as store, MailboxFields, MailboxRow};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::error::AppError;
use crate::{App, Caller};

/// A mailbox as administrators see it: everything but the password, which is "set" or
/// "not set".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailboxView {
    /// Id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// IMAP server.
    pub host: String,
    /// Port.
    pub port: i64,
    /// tls, starttls or none.
    pub security: String,
    /// Login.
    pub login: String,
    /// "set" or "not set".
    pub password: &'static str,
    /// Folder polled.
    pub folder: String,
    /// Group of the tickets it opens.
    pub group_id: Option<i64>,
    /// Category of the tickets it opens.
    pub category_id: Option<i64>,
    /// Polled at all.
    pub active: bool,
    /// new, ok or failing.
    pub state: String,
    /// The last failure, while failing.
    pub last_error: Option<String>,
    /// Consecutive failures.
    pub failures: i64,
    /// Failing since.
    pub failing_since: Option<DateTime<Utc>>,
    /// Highest UID taken.
    pub last_uid: i64,
    /// The folder's UIDVALIDITY.
    pub uid_validity: Option<i64>,
    /// Next poll.
    pub next_poll_at: DateTime<Utc>,
    /// Last successful poll.
    pub last_ok_at: Option<DateTime<Utc>>,
    /// While a node polls the mailbox or waits in IDLE on it: until when its claim runs
    /// (renewed every few minutes while it waits).
    pub held_until: Option<DateTime<Utc>>,
}

impl From<&MailboxRow> for MailboxView {
    fn from(r: &MailboxRow) -> Self {
        Self {
            id: r.id,
            name: r.name.clone(),
            host: r.host.clone(),
            port: r.port,
            security: r.security.clone(),
            login: r.login.clone(),
            password: if r.secret.as_deref().is_some_and(|s| !s.is_empty()) {
                "set"
            } else {
                "not set"
            },
            folder: r.folder.clone(),
            group_id: r.group_id,
            category_id: r.category_id,
            active: r.active,
            state: r.state.clone(),
            last_error: r.last_error.clone(),
            failures: r.failures,
            failing_since: r.failing_since,
            last_uid: r.last_uid,
            uid_validity: r.uid_validity,
            next_poll_at: r.next_poll_at,
            last_ok_at: r.last_ok_at,
            held_until: r.leased_until,
        }
    }
}

/// A mailbox as written by an administrator. On change, `password` absent keeps the stored
/// one and an empty one removes it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct MailboxInput {
    /// Unique name.
    pub name: String,
    /// IMAP server.
    pub host: String,
    /// Port (993 for tls, 143 otherwise when absent).
    pub port: Option<i64>,
    /// tls (default), starttls or none.
    pub security: Option<String>,
    /// Login.
    pub login: String,
    /// Password (write-only).
    pub password: Option<String>,
    /// Folder (INBOX when empty).
    pub folder: Option<String>,
    /// Group of the tickets it opens.
    pub group_id: Option<i64>,
    /// Category of the tickets it opens.
    pub category_id: Option<i64>,
    /// Polled (default true).
    pub active: Option<bool>,
}

fn invalid(field: &str, code: &'static str, message: impl Into<String>) -> AppError {
    AppError::invalid(field, code, message)
}

/// Checks a mailbox's settings against the stored ones (for the password).
fn validate(input: MailboxInput, old: Option<&MailboxRow>) -> Result<MailboxFields, AppError> {
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(invalid(
            "name",
            "malformed",
            "the name is one line of 1 to 100 characters",
        ));
    }
    let host = input.host.trim().to_string();
    if host.is_empty()
        || host.len() > 253
        || !host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'))
    {
        return Err(invalid(
            "host",
            "malformed",
            "the IMAP server is a host name or an IP address, without spaces or a scheme",
        ));
    }
    let security = input
        .security
        .as_deref()
        .map(str::trim)
        .unwrap_or("tls")
        .to_string();
    if !matches!(security.as_str(), "tls" | "starttls" | "none") {
        return Err(invalid(
            "security",
            "unknown_value",
            "the security is tls, starttls or none",
        ));
    }
    let port = input
        .port
        .unwrap_or(if security == "tls" { 993 } else { 143 });
    if !(1..=65535).contains(&port) {
        return Err(invalid("port", "out_of_range", "the port is 1 to 65535"));
    }
    let login = input.login.trim().to_string();
    if login.is_empty() || login.len() > 320 || login.chars().any(char::is_control) {
        return Err(invalid(
            "login",
            "malformed",
            "the login is one line of 1 to 320 characters",
        ));
    }
    let secret = match input.password {
        None => old.and_then(|o| o.secret.clone()),
        Some(p) if p.is_empty() => None,
        Some(p) if p.len() > 1024 || p.chars().any(char::is_control) => {
            return Err(invalid(
                "password",
                "malformed",
                "the password is one line of at most 1024 characters",
            ));
        }
        Some(p) => Some(p),
    };
    let folder = match input.folder.as_deref().map(str::trim) {
        None | Some("") => "INBOX".to_string(),
        Some(f) => f.to_string(),
    };
    if folder.len() > 200 || folder.chars().any(|c| c.is_control() || c == '"') {
        return Err(invalid(
            "folder",
            "malformed",
            "the folder is a folder name such as INBOX or INBOX/Support",
        ));
    }
    Ok(MailboxFields {
        name,
        host,
        port,
        security,
        login,
        secret,
        folder,
        group_id: input.group_id,
        category_id: input.category_id,
        active: input.active.unwrap_or(true),
    })
}

impl App {
    /// All mailboxes (`admin.settings`).
    pub async fn mailboxes(&self, caller: &Caller) -> Result<Vec<MailboxView>, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        Ok(store::list(&mut c)
            .await?
            .iter()
            .map(MailboxView::from)
            .collect())
    }

    /// One mailbox (`admin.settings`).
    pub async fn mailbox(&self, caller: &Caller, id: i64) -> Result<MailboxView, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        store::get(&mut c, id)
            .await?
            .as_ref()
            .map(MailboxView::from)
            .ok_or(AppError::NotFound("mailbox"))
    }

    async fn check_mailbox_refs(
        &self,
        f: &MailboxFields,
        id: Option<i64>,
        old_category: Option<i64>,
    ) -> Result<(), AppError> {
        let mut c = self.store.read().await?;
        if let Some(other) = store::id_by_name(&mut c, &f.name).await?
            && Some(other) != id
        {
            return Err(invalid(
                "name",
                "taken",
                format!("another mailbox is already named '{}'", f.name),
            ));
        }
        if let Some(g) = f.group_id
            && !store::group_exists(&mut c, g).await?
        {
            return Err(invalid("group_id", "not_found", "no such group"));
        }
        if let Some(k) = f.category_id {
            match escalade_store::directory::category(&mut c, CategoryId(k)).await? {
                None => {
                    return Err(invalid(
                        "category_id",
                        "unknown_category",
                        "no such category",
                    ));
                }
                // A retired category takes no new tickets; one kept unchanged stays allowed.
                Some(row) if !row.active && Some(k) != old_category => {
                    return Err(invalid(
                        "category_id",
                        "retired_category",
                        format!(
                            "the category '{}' is retired: it takes no new tickets",
                            row.name
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Adds a mailbox, polled at once (`admin.settings`; audited without the password).
    pub async fn create_mailbox(
        &self,
        caller: &Caller,
        input: MailboxInput,
    ) -> Result<MailboxView, AppError> {
        caller.require(Permission::AdminSettings)?;
        let fields = validate(input, None)?;
        self.check_mailbox_refs(&fields, None, None).await?;
        let now = self.clock.now();
        let actor = caller.id();
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create(c, &fields, now).await?;
                    let details = json!({"name": fields.name, "host": fields.host,
                        "port": fields.port, "security": fields.security, "login": fields.login,
                        "folder": fields.folder, "group_id": fields.group_id,
                        "category_id": fields.category_id, "active": fields.active});
                    audit::record(
                        c,
                        Some(actor),
                        "mailbox.create",
                        "mailbox",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        self.mailbox(caller, id).await
    }

    /// Changes a mailbox (`admin.settings`). Another server, login or folder starts its UIDs
    /// afresh.
    pub async fn update_mailbox(
        &self,
        caller: &Caller,
        id: i64,
        input: MailboxInput,
    ) -> Result<MailboxView, AppError> {
        caller.require(Permission::AdminSettings)?;
        let old = {
            let mut c = self.store.read().await?;
            store::get(&mut c, id)
                .await?
                .ok_or(AppError::NotFound("mailbox"))?
        };
        let password_changed = input.password.is_some();
        let fields = validate(input, Some(&old))?;
        self.check_mailbox_refs(&fields, Some(id), old.category_id)
            .await?;
        let restart =
            fields.host != old.host || fields.login != old.login || fields.folder != old.folder;
        let now = self.clock.now();
        let actor = caller.id();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update(c, id, &fields, restart, now).await?;
                    let details = json!({"name": fields.name, "host": fields.host,
                        "port": fields.port, "security": fields.security, "login": fields.login,
                        "folder": fields.folder, "group_id": fields.group_id,
                        "category_id": fields.category_id, "active": fields.active,
                        "password_changed": password_changed, "uids_restarted": restart});
                    audit::record(
                        c,
                        Some(actor),
                        "mailbox.update",
                        "mailbox",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.mailbox(caller, id).await
    }

    /// Removes a mailbox (`admin.settings`); the mail it brought stays.
    pub async fn delete_mailbox(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        caller.require(Permission::AdminSettings)?;
        let old = self.mailbox(caller, id).await?;
        let now = self.clock.now();
        let actor = caller.id();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::delete(c, id).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "mailbox.delete",
                        "mailbox",
                        &id.to_string(),
                        &json!({"name": old.name, "host": old.host, "login": old.login}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(())
    }
}
