//! IMAP mailboxes as stored: their connection settings (the password kept here, never shown
//! back), where polling stands (UIDVALIDITY, the last UID stored), their health (new, ok,
//! failing with the error and the back-off), and the claim that keeps two nodes from polling
//! one mailbox at once (a lease column, taken with `FOR UPDATE SKIP LOCKED` on PostgreSQL).

use chrono::{DateTime, Duration, Utc};

use crate::args;
use crate::error::StoreError;
use crate::mail_inbound::{self, Arrival};
use crate::sql::Conn;

/// A stored mailbox.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailboxRow {
    /// Id.
    pub id: i64,
    /// Unique name shown to administrators.
    pub name: String,
    /// IMAP server.
    pub host: String,
    /// Its port.
    pub port: i64,
    /// tls, starttls or none.
    pub security: String,
    /// Login.
    pub login: String,
    /// The password (never shown back).
    pub secret: Option<String>,
    /// The folder polled.
    pub folder: String,
    /// Group of the tickets it opens.
    pub group_id: Option<i64>,
    /// Category of the tickets it opens.
    pub category_id: Option<i64>,
    /// Polled at all.
    pub active: bool,
    /// The folder's UIDVALIDITY when `last_uid` was recorded.
    pub uid_validity: Option<i64>,
    /// Highest UID stored.
    pub last_uid: i64,
    /// new, ok or failing.
    pub state: String,
    /// The last failure.
    pub last_error: Option<String>,
    /// Consecutive failures.
    pub failures: i64,
    /// When the current run of failures began.
    pub failing_since: Option<DateTime<Utc>>,
    /// When it is next due.
    pub next_poll_at: DateTime<Utc>,
    /// A node is polling it until then.
    pub leased_until: Option<DateTime<Utc>>,
    /// The last successful poll.
    pub last_ok_at: Option<DateTime<Utc>>,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

const COLUMNS: &str = "id, name, host, port, security, login, secret, folder, group_id, \
     category_id, active, uid_validity, last_uid, state, last_error, failures, failing_since, \
     next_poll_at, leased_until, last_ok_at, created_at, updated_at";

/// A mailbox's settings, as an administrator writes them.
#[derive(Debug, Clone)]
pub struct MailboxFields {
    /// Unique name.
    pub name: String,
    /// Server.
    pub host: String,
    /// Port.
    pub port: i64,
    /// tls, starttls or none.
    pub security: String,
    /// Login.
    pub login: String,
    /// Password.
    pub secret: Option<String>,
    /// Folder.
    pub folder: String,
    /// Default group.
    pub group_id: Option<i64>,
    /// Default category.
    pub category_id: Option<i64>,
    /// Polled.
    pub active: bool,
}

/// All mailboxes by name.
pub async fn list(c: &mut Conn) -> Result<Vec<MailboxRow>, StoreError> {
    c.all(
        &format!("SELECT {COLUMNS} FROM mailboxes ORDER BY name, id"),
        args![],
    )
    .await
}

/// One mailbox.
pub async fn get(c: &mut Conn, id: i64) -> Result<Option<MailboxRow>, StoreError> {
    c.opt(
        &format!("SELECT {COLUMNS} FROM mailboxes WHERE id = $1"),
        args![id],
    )
    .await
}

/// Adds a mailbox, due at once; returns its id.
pub async fn create(
    c: &mut Conn,
    f: &MailboxFields,
    now: DateTime<Utc>,
) -> Result<i64, StoreError> {
    c.int(
        "INSERT INTO mailboxes (name, host, port, security, login, secret, folder, group_id, \
         category_id, active, last_uid, state, failures, next_poll_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 'new', 0, $11, $11, $11) RETURNING id",
        args![
            f.name.as_str(),
            f.host.as_str(),
            f.port,
            f.security.as_str(),
            f.login.as_str(),
            f.secret.clone(),
            f.folder.as_str(),
            f.group_id,
            f.category_id,
            f.active,
            now
        ],
    )
    .await
}

/// Changes a mailbox's settings. A change of server, login or folder starts its UIDs afresh
/// (another folder's UIDs mean nothing here) and makes it due at once.
pub async fn update(
    c: &mut Conn,
    id: i64,
    f: &MailboxFields,
    restart: bool,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let n = c
        .exec(
            "UPDATE mailboxes SET name = $1, host = $2, port = $3, security = $4, login = $5, \
             secret = $6, folder = $7, group_id = $8, category_id = $9, active = $10, \
             updated_at = $11, next_poll_at = $11 WHERE id = $12",
            args![
                f.name.as_str(),
                f.host.as_str(),
                f.port,
                f.security.as_str(),
                f.login.as_str(),
                f.secret.clone(),
                f.folder.as_str(),
                f.group_id,
                f.category_id,
                f.active,
                now,
                id
            ],
        )
        .await?;
    if n == 1 && restart {
        c.exec(
            "UPDATE mailboxes SET uid_validity = NULL, last_uid = 0, state = 'new', \
             last_error = NULL, failures = 0, failing_since = NULL WHERE id = $1",
            args![id],
        )
        .await?;
    }
    Ok(n == 1)
}

/// Removes a mailbox; the messages it brought stay, without it.
pub async fn delete(c: &mut Conn, id: i64) -> Result<bool, StoreError> {
    c.exec(
        "UPDATE mail_inbound SET mailbox_id = NULL WHERE mailbox_id = $1",
        args![id],
    )
    .await?;
    Ok(c.exec("DELETE FROM mailboxes WHERE id = $1", args![id])
        .await?
        == 1)
}

/// Makes a mailbox due now (poll now).
pub async fn make_due(c: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE mailboxes SET next_poll_at = $1 WHERE id = $2",
        args![now, id],
    )
    .await?
        == 1)
}

/// Claims the active mailbox most overdue at `now` that no node holds, for `lease`; `None`
/// when nothing is due. On PostgreSQL the row is locked while claiming and rows locked by
/// other nodes are skipped, so each mailbox is polled by one node at a time.
pub async fn claim_due(
    c: &mut Conn,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Option<MailboxRow>, StoreError> {
    claim(c, None, now, lease).await
}

/// Claims one mailbox, due or not (poll now, test); `None` when another node holds it.
pub async fn claim_one(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Option<MailboxRow>, StoreError> {
    claim(c, Some(id), now, lease).await
}

async fn claim(
    c: &mut Conn,
    id: Option<i64>,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Option<MailboxRow>, StoreError> {
    let lock = if c.is_postgres() {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let row: Option<(i64,)> = match id {
        None => {
            c.opt(
                &format!(
                    "SELECT id FROM mailboxes WHERE active AND next_poll_at <= $1 \
                     AND (leased_until IS NULL OR leased_until < $1) \
                     ORDER BY next_poll_at, id LIMIT 1{lock}"
                ),
                args![now],
            )
            .await?
        }
        Some(id) => {
            c.opt(
                &format!(
                    "SELECT id FROM mailboxes WHERE id = $1 \
                     AND (leased_until IS NULL OR leased_until < $2){lock}"
                ),
                args![id, now],
            )
            .await?
        }
    };
    let Some((id,)) = row else { return Ok(None) };
    c.exec(
        "UPDATE mailboxes SET leased_until = $1 WHERE id = $2",
        args![now + lease, id],
    )
    .await?;
    get(c, id).await
}

/// Records a new UIDVALIDITY: the UIDs counted so far belong to a folder that no longer
/// exists as it was, so counting starts again.
pub async fn reset_uids(c: &mut Conn, id: i64, uid_validity: i64) -> Result<(), StoreError> {
    c.exec(
        "UPDATE mailboxes SET uid_validity = $1, last_uid = 0 WHERE id = $2",
        args![uid_validity, id],
    )
    .await?;
    Ok(())
}

/// Stores one fetched message and advances the mailbox's last UID, in one transaction: a
/// crash leaves either both or neither, so a message is neither lost nor stored twice. A
/// UID at or below `last_uid` (fetched again by a node that lost its lease) stores nothing
/// and returns `None`.
pub async fn take_message(
    c: &mut Conn,
    mailbox: i64,
    uid: i64,
    raw: &[u8],
    now: DateTime<Utc>,
) -> Result<Option<i64>, StoreError> {
    let advanced = c
        .exec(
            "UPDATE mailboxes SET last_uid = $1 WHERE id = $2 AND last_uid < $1",
            args![uid, mailbox],
        )
        .await?;
    if advanced != 1 {
        return Ok(None);
    }
    let arrival = Arrival {
        source: "imap".into(),
        mailbox: Some(mailbox),
    };
    Ok(Some(mail_inbound::receive(c, &arrival, raw, now).await?))
}

/// Records a successful poll: the mailbox is ok, due again at `next`, and released.
pub async fn poll_ok(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    next: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "UPDATE mailboxes SET state = 'ok', last_error = NULL, failures = 0, failing_since = NULL, \
         last_ok_at = $1, next_poll_at = $2, leased_until = NULL WHERE id = $3",
        args![now, next, id],
    )
    .await?;
    Ok(())
}

/// Records a successful poll by a node that keeps the mailbox to wait in IMAP IDLE: ok, due
/// again at `next`, and still held until `held_until`.
pub async fn poll_ok_holding(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    next: DateTime<Utc>,
    held_until: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "UPDATE mailboxes SET state = 'ok', last_error = NULL, failures = 0, failing_since = NULL, \
         last_ok_at = $1, next_poll_at = $2, leased_until = $3 WHERE id = $4",
        args![now, next, held_until, id],
    )
    .await?;
    Ok(())
}

/// Extends the lease of the node that holds the mailbox (waiting in IDLE) to `until`; false
/// when its lease has already run out at `now`, when another node may have taken it.
pub async fn renew_lease(
    c: &mut Conn,
    id: i64,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<bool, StoreError> {
    Ok(c.exec(
        "UPDATE mailboxes SET leased_until = $1 WHERE id = $2 AND leased_until > $3",
        args![until, id, now],
    )
    .await?
        == 1)
}

/// Gives a held mailbox up, due at once (a node that stops waiting in IDLE on it, at
/// shutdown or because its settings changed): the next round, on any node, polls it.
pub async fn release_due(c: &mut Conn, id: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
    c.exec(
        "UPDATE mailboxes SET leased_until = NULL, next_poll_at = $1 WHERE id = $2",
        args![now, id],
    )
    .await?;
    Ok(())
}

/// Records a failed poll: the mailbox is failing with this error, due again at `next`
/// (backed off), and released.
pub async fn poll_failed(
    c: &mut Conn,
    id: i64,
    error: &str,
    now: DateTime<Utc>,
    next: DateTime<Utc>,
) -> Result<(), StoreError> {
    c.exec(
        "UPDATE mailboxes SET state = 'failing', last_error = $1, failures = failures + 1, \
         failing_since = COALESCE(failing_since, $2), next_poll_at = $3, leased_until = NULL \
         WHERE id = $4",
        args![error, now, next, id],
    )
    .await?;
    Ok(())
}

/// Releases a claim without recording anything (a test connection).
pub async fn release(c: &mut Conn, id: i64) -> Result<(), StoreError> {
    c.exec(
        "UPDATE mailboxes SET leased_until = NULL WHERE id = $1",
        args![id],
    )
    .await?;
    Ok(())
}

/// Whether a support group exists (a mailbox's default group is checked before saving).
pub async fn group_exists(c: &mut Conn, id: i64) -> Result<bool, StoreError> {
    Ok(c.int(
        "SELECT COUNT(*) FROM support_groups WHERE id = $1",
        args![id],
    )
    .await?
        > 0)
}

/// Whether a category exists.
pub async fn category_exists(c: &mut Conn, id: i64) -> Result<bool, StoreError> {
    Ok(
        c.int("SELECT COUNT(*) FROM categories WHERE id = $1", args![id])
            .await?
            > 0,
    )
}

/// The mailbox with this name, if any (names are unique).
pub async fn id_by_name(c: &mut Conn, name: &str) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64,)> = c
        .opt("SELECT id FROM mailboxes WHERE name = $1", args![name])
        .await?;
    Ok(row.map(|(id,)| id))
}
