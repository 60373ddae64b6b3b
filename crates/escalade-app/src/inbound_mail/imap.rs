//! IMAP polling: connect (TLS, STARTTLS or plain, rustls with ring), log in, select the
//! folder, and take every message above the last UID stored. Messages are fetched by UID
//! with `BODY.PEEK[]`, never chosen by `\Seen`, and nothing is flagged or deleted on the
//! server: a message someone already opened in a mail client is still taken. Each message
//! is stored together with the new last UID (one transaction), then processed. A mailbox
//! that cannot be reached is marked failing with the error and retried with back-off.
//! Certificates are checked against the system's authorities and the operator's extra CA
//! file (`crate::mail::trust`). The background poller keeps the connection of a mailbox
//! whose server offers IDLE and waits there for new mail (`super::idle`).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration as StdDuration;

use async_imap::Client;
use chrono::Duration;
use escalade_core::authz::Permission;
use escalade_store::mailboxes::{self as store, MailboxRow};
use futures_util::TryStreamExt;
use serde::Serialize;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::{self, ClientConfig, RootCertStore, pki_types::ServerName};

use super::Processed;
use crate::error::AppError;
use crate::{App, Caller};

/// How long a node holds a mailbox while polling it; another node may take it after.
pub(super) const LEASE: i64 = 10;
/// The most one connection step (connect, TLS, login, select, fetch) may take.
pub(super) const STEP_TIMEOUT: StdDuration = StdDuration::from_secs(60);
/// Back-off after consecutive failures, in minutes: 1, 2, 5, 10, then every 30.
const BACK_OFF: [i64; 5] = [1, 2, 5, 10, 30];

pub(super) trait ImapStream:
    AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug
{
}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> ImapStream for T {}
pub(super) type Session = async_imap::Session<Box<dyn ImapStream>>;

/// What one poll of a mailbox did.
#[derive(Debug, Clone, Serialize)]
pub struct PollReport {
    /// The mailbox.
    pub mailbox_id: i64,
    /// ok or failing.
    pub state: &'static str,
    /// Messages stored by this poll.
    pub taken: usize,
    /// What processing made of them.
    pub processed: Vec<Processed>,
    /// The failure, when failing.
    pub error: Option<String>,
}

/// What a connection test found.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionTest {
    /// Whether connecting, logging in and selecting the folder all worked.
    pub ok: bool,
    /// Messages in the folder.
    pub messages: Option<u32>,
    /// The precise failure.
    pub error: Option<String>,
}

/// The wait before the next try after `failures` consecutive failures.
pub fn back_off(failures: i64) -> Duration {
    let i = usize::try_from(failures.max(1) - 1).unwrap_or(0);
    Duration::minutes(BACK_OFF[i.min(BACK_OFF.len() - 1)])
}

fn tls_config(ca_file: Option<&Path>) -> Result<Arc<ClientConfig>, String> {
    let mut roots = RootCertStore::empty();
    for cert in rustls_native_certs::load_native_certs().certs {
        let _ = roots.add(cert);
    }
    for cert in crate::mail::trust::extra_authorities(ca_file)? {
        roots
            .add(cert)
            .map_err(|e| format!("mail CA file: a certificate is not usable: {e}"))?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let cfg = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(cfg))
}

pub(super) async fn step<T, E: std::fmt::Display>(
    what: &str,
    f: impl std::future::Future<Output = Result<T, E>>,
) -> Result<T, String> {
    match tokio::time::timeout(STEP_TIMEOUT, f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(format!("{what}: {e}")),
        Err(_) => Err(format!(
            "{what}: no answer within {}s",
            STEP_TIMEOUT.as_secs()
        )),
    }
}

async fn tls(
    tcp: TcpStream,
    host: &str,
    ca_file: Option<&Path>,
) -> Result<Box<dyn ImapStream>, String> {
    let name = ServerName::try_from(host.to_string())
        .map_err(|e| format!("TLS: '{host}' is not a valid server name: {e}"))?;
    let s = step(
        "TLS handshake",
        TlsConnector::from(tls_config(ca_file)?).connect(name, tcp),
    )
    .await?;
    Ok(Box::new(s))
}

/// Connects, logs in and selects the folder; the error names the step that failed.
async fn open(
    m: &MailboxRow,
    ca_file: Option<&Path>,
) -> Result<(Session, async_imap::types::Mailbox), String> {
    let addr = format!("{}:{}", m.host, m.port);
    let tcp = step(
        &format!("connect to {addr}"),
        TcpStream::connect((m.host.as_str(), m.port as u16)),
    )
    .await?;
    let stream: Box<dyn ImapStream> = match m.security.as_str() {
        "tls" => tls(tcp, &m.host, ca_file).await?,
        "starttls" => {
            let mut client = Client::new(tcp);
            step("greeting", client.read_response()).await?;
            step(
                "STARTTLS",
                client.run_command_and_check_ok("STARTTLS", None),
            )
            .await?;
            tls(client.into_inner(), &m.host, ca_file).await?
        }
        _ => Box::new(tcp),
    };
    let mut client = Client::new(stream);
    if m.security != "starttls" {
        step("greeting", client.read_response()).await?;
    }
    let secret = m.secret.clone().unwrap_or_default();
    let mut session = match tokio::time::timeout(STEP_TIMEOUT, client.login(&m.login, secret)).await
    {
        Ok(Ok(s)) => s,
        Ok(Err((e, _))) => return Err(format!("login as {}: {e}", m.login)),
        Err(_) => return Err("login: no answer".into()),
    };
    let folder = step(
        &format!("select folder {}", m.folder),
        session.select(&m.folder),
    )
    .await?;
    Ok((session, folder))
}

impl App {
    /// Tests a mailbox's connection (`admin.settings`): connects, logs in, selects the folder
    /// and reports its message count, or the precise error. Nothing is fetched or recorded.
    pub async fn test_mailbox(&self, caller: &Caller, id: i64) -> Result<ConnectionTest, AppError> {
        caller.require(Permission::AdminSettings)?;
        let m = {
            let mut c = self.store.read().await?;
            store::get(&mut c, id)
                .await?
                .ok_or(AppError::NotFound("mailbox"))?
        };
        Ok(match open(&m, self.config.mail_ca_file.as_deref()).await {
            Ok((mut session, folder)) => {
                let _ = tokio::time::timeout(STEP_TIMEOUT, session.logout()).await;
                ConnectionTest {
                    ok: true,
                    messages: Some(folder.exists),
                    error: None,
                }
            }
            Err(e) => ConnectionTest {
                ok: false,
                messages: None,
                error: Some(e),
            },
        })
    }

    /// Polls one mailbox now (`admin.settings`), due or not; a conflict when another node is
    /// polling it at this moment.
    pub async fn poll_mailbox_now(&self, caller: &Caller, id: i64) -> Result<PollReport, AppError> {
        caller.require(Permission::AdminSettings)?;
        let now = self.clock.now();
        let m = {
            let mut c = self.store.read().await?;
            store::get(&mut c, id)
                .await?
                .ok_or(AppError::NotFound("mailbox"))?
        };
        let claimed = self
            .store
            .write(move |c| {
                Box::pin(
                    async move { store::claim_one(c, m.id, now, Duration::minutes(LEASE)).await },
                )
            })
            .await?;
        let Some(m) = claimed else {
            return Err(AppError::Conflict {
                code: "mailbox_busy",
                message: "this mailbox is being polled at this moment; try again shortly".into(),
            });
        };
        self.poll_claimed(m, Duration::seconds(60)).await
    }

    /// Polls every due mailbox once, one after the other; returns what each poll did. Used by
    /// the background poller; `every` is the wait before a mailbox that worked is due again.
    pub async fn poll_due_mailboxes(&self, every: Duration) -> Result<Vec<PollReport>, AppError> {
        Ok(self
            .poll_due(every, false)
            .await?
            .into_iter()
            .map(|(report, _)| report)
            .collect())
    }

    /// Polls every due mailbox; with `keep`, the connection of a mailbox whose server offers
    /// IDLE is handed back with it, still claimed, for the poller to wait in IDLE.
    pub(super) async fn poll_due(
        &self,
        every: Duration,
        keep: bool,
    ) -> Result<Vec<(PollReport, Option<Kept>)>, AppError> {
        let mut out = Vec::new();
        loop {
            let now = self.clock.now();
            let claimed = self
                .store
                .write(move |c| {
                    Box::pin(
                        async move { store::claim_due(c, now, Duration::minutes(LEASE)).await },
                    )
                })
                .await?;
            let Some(m) = claimed else { break };
            out.push(self.poll_claimed_keeping(m, every, keep).await?);
        }
        Ok(out)
    }

    /// Polls a mailbox this node has claimed, and records how it went.
    async fn poll_claimed(&self, m: MailboxRow, every: Duration) -> Result<PollReport, AppError> {
        Ok(self.poll_claimed_keeping(m, every, false).await?.0)
    }

    /// Polls a claimed mailbox; with `keep` and a server that offers IDLE, the mailbox stays
    /// claimed and its connection comes back with the report.
    async fn poll_claimed_keeping(
        &self,
        m: MailboxRow,
        every: Duration,
        keep: bool,
    ) -> Result<(PollReport, Option<Kept>), AppError> {
        let id = m.id;
        let result = match open(&m, self.config.mail_ca_file.as_deref()).await {
            Ok((session, folder)) => self.take_new(&m, session, Some(&folder)).await,
            Err(e) => Err(e),
        };
        let now = self.clock.now();
        match result {
            Ok((ids, mut session)) => {
                let idle = keep
                    && step("CAPABILITY", session.capabilities())
                        .await
                        .is_ok_and(|c| c.has_str("IDLE"));
                let next = now + every;
                if idle {
                    let held = now + Duration::minutes(LEASE);
                    self.store
                        .write(move |c| {
                            Box::pin(
                                async move { store::poll_ok_holding(c, id, now, next, held).await },
                            )
                        })
                        .await?;
                } else {
                    let _ = tokio::time::timeout(STEP_TIMEOUT, session.logout()).await;
                    self.store
                        .write(move |c| {
                            Box::pin(async move { store::poll_ok(c, id, now, next).await })
                        })
                        .await?;
                }
                let taken = ids.len();
                let mut processed = Vec::with_capacity(ids.len());
                for inbound in ids {
                    match self.process_mail(inbound).await {
                        Ok(p) => processed.push(p),
                        Err(e) => {
                            // The message waits for the mail worker; a kept mailbox is let go
                            // rather than left held by a connection nobody waits on.
                            if idle {
                                let now = self.clock.now();
                                let _ = self
                                    .store
                                    .write(move |c| {
                                        Box::pin(
                                            async move { store::release_due(c, id, now).await },
                                        )
                                    })
                                    .await;
                            }
                            return Err(e);
                        }
                    }
                }
                let report = PollReport {
                    mailbox_id: id,
                    state: "ok",
                    taken,
                    processed,
                    error: None,
                };
                Ok((
                    report,
                    idle.then_some(Kept {
                        mailbox: m,
                        session,
                    }),
                ))
            }
            Err(e) => {
                self.record_failure(&m, &e).await?;
                let report = PollReport {
                    mailbox_id: id,
                    state: "failing",
                    taken: 0,
                    processed: Vec::new(),
                    error: Some(e),
                };
                Ok((report, None))
            }
        }
    }

    /// Marks a mailbox failing with `error`, backed off, and releases it.
    pub(super) async fn record_failure(&self, m: &MailboxRow, error: &str) -> Result<(), AppError> {
        let now = self.clock.now();
        let next = now + back_off(m.failures + 1);
        tracing::warn!(mailbox = %m.name, error = %error, retry_at = %next, "IMAP mailbox failing");
        let (id, err) = (m.id, error.to_string());
        self.store
            .write(move |c| {
                Box::pin(async move { store::poll_failed(c, id, &err, now, next).await })
            })
            .await?;
        Ok(())
    }

    /// Takes every message above the last UID over an open session: stores each with the new
    /// last UID, oldest first, and returns the stored ids with the session. `folder` is the
    /// answer to SELECT, whose UIDVALIDITY is checked (a session kept in IDLE has checked it
    /// already). A storage failure stops the round; what was stored stays stored and the
    /// rest is fetched again next time.
    pub(super) async fn take_new(
        &self,
        m: &MailboxRow,
        mut session: Session,
        folder: Option<&async_imap::types::Mailbox>,
    ) -> Result<(Vec<i64>, Session), String> {
        let id = m.id;
        let mut last_uid = m.last_uid;
        if let Some(validity) = folder.and_then(|f| f.uid_validity).map(i64::from)
            && m.uid_validity != Some(validity)
        {
            if m.uid_validity.is_some() {
                tracing::warn!(mailbox = %m.name, old = ?m.uid_validity, new = validity,
                    "IMAP UIDVALIDITY changed: the folder was recreated, taking its messages afresh");
            }
            self.store
                .write(move |c| Box::pin(async move { store::reset_uids(c, id, validity).await }))
                .await
                .map_err(|e| format!("recording UIDVALIDITY: {e}"))?;
            last_uid = 0;
        }
        let mut fetched: Vec<(i64, Vec<u8>)> = Vec::new();
        {
            let query = format!("{}:*", last_uid + 1);
            let stream = step("UID FETCH", session.uid_fetch(&query, "(UID BODY.PEEK[])")).await?;
            let all: Vec<_> = step("UID FETCH", stream.try_collect::<Vec<_>>()).await?;
            for f in all {
                // `n:*` always answers with the highest UID, even when it is below n.
                if let (Some(uid), Some(body)) = (f.uid, f.body())
                    && i64::from(uid) > last_uid
                {
                    fetched.push((i64::from(uid), body.to_vec()));
                }
            }
        }
        fetched.sort_by_key(|(uid, _)| *uid);
        let mut stored = Vec::new();
        for (uid, raw) in fetched {
            if raw.is_empty() {
                continue;
            }
            let now = self.clock.now();
            let got = self
                .store
                .write(move |c| {
                    Box::pin(async move { store::take_message(c, id, uid, &raw, now).await })
                })
                .await
                .map_err(|e| format!("storing message UID {uid}: {e}"))?;
            stored.extend(got);
        }
        Ok((stored, session))
    }
}

/// A polled mailbox whose connection is kept to wait in IDLE, still claimed by this node.
pub(super) struct Kept {
    /// The mailbox as claimed.
    pub mailbox: MailboxRow,
    /// Its logged-in session, folder selected.
    pub session: Session,
}

/// Polls due mailboxes every `interval` until `stop` turns true; a mailbox that worked is due
/// again after `interval`. A mailbox whose server offers IDLE is not left: its connection
/// waits in IDLE (a task of its own, see `super::idle`) and mail is taken as soon as the
/// server announces it. At `stop`, those tasks give their mailboxes up before this returns.
pub async fn run_poller(
    app: App,
    interval: StdDuration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let every = Duration::from_std(interval).unwrap_or(Duration::seconds(60));
    let mut idling = tokio::task::JoinSet::new();
    loop {
        while idling.try_join_next().is_some() {}
        match app.poll_due(every, true).await {
            Ok(done) => {
                let taken: usize = done.iter().map(|(r, _)| r.taken).sum();
                if taken > 0 {
                    tracing::info!(messages = taken, "IMAP mail taken");
                }
                for kept in done.into_iter().filter_map(|(_, k)| k) {
                    idling.spawn(app.clone().idle(kept, every, stop.clone()));
                }
            }
            Err(e) => tracing::warn!(error = %e, "IMAP polling round failed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            changed = stop.changed() => {
                if changed.is_err() || *stop.borrow() {
                    break;
                }
            }
        }
        if *stop.borrow() {
            break;
        }
    }
    // The idling tasks see the same stop and release their mailboxes.
    while idling.join_next().await.is_some() {}
}
