//! Waiting in IMAP IDLE (RFC 2177): after a poll, the poller keeps the connection of a
//! mailbox whose server offers IDLE and waits there, so that mail is taken as soon as the
//! server announces it instead of at the next round. The node keeps its claim on the mailbox
//! while it waits: every few minutes it leaves IDLE, renews the lease (a lease that ran out
//! means another node may hold the mailbox now, so it stops), checks that the mailbox's
//! settings did not change, takes anything new, and waits again, which also re-issues IDLE
//! well within the 29 minutes after which servers may drop an idle client. At shutdown the
//! mailbox is given up, due at once for whichever node polls next. A connection that fails
//! marks the mailbox failing, as a failed poll does, and the poller's back-off takes over.

use std::time::Duration as StdDuration;

use chrono::Duration;
use escalade_store::mailboxes::{self as store, MailboxRow};
use tokio::sync::watch;

use super::imap::{Kept, LEASE, STEP_TIMEOUT, Session, step};
use crate::App;

/// How long one IDLE lasts before the node renews its lease and issues it again (well within
/// the lease and the 29 minutes RFC 2177 allows).
const IDLE_SPELL: StdDuration = StdDuration::from_secs(4 * 60);

/// Why waiting in IDLE ended.
enum Wake {
    /// The server announced something, or the spell ended: look for new mail.
    Look,
    /// The server is stopping.
    Stop,
}

impl App {
    /// Waits in IDLE on a kept mailbox until `stop`, taking new mail as it is announced.
    pub(super) async fn idle(self, kept: Kept, every: Duration, mut stop: watch::Receiver<bool>) {
        let Kept {
            mailbox: claimed,
            mut session,
        } = kept;
        tracing::info!(mailbox = %claimed.name, "IMAP mailbox waiting in IDLE");
        loop {
            let (wake, back) = match wait(session, &mut stop).await {
                Ok(v) => v,
                Err(e) => return self.idle_failed(&claimed, &e).await,
            };
            session = back;
            // What the server announced is kept aside by the library; the fetch below asks
            // for everything above the last UID anyway, so it is only cleared.
            while session.unsolicited_responses.try_recv().is_ok() {}
            if matches!(wake, Wake::Stop) {
                return self.give_up(&claimed, session, "the server stops").await;
            }
            // Still ours, and unchanged? Renew the lease first, then re-read the settings.
            let now = self.clock.now();
            let until = now + Duration::minutes(LEASE);
            let id = claimed.id;
            let renewed = self
                .store
                .write(move |c| {
                    Box::pin(async move { store::renew_lease(c, id, now, until).await })
                })
                .await;
            let current = match renewed {
                Ok(true) => self.current(id).await,
                Ok(false) => {
                    tracing::warn!(mailbox = %claimed.name, "IMAP lease ran out while idling; leaving the mailbox to the next poll");
                    let _ = tokio::time::timeout(STEP_TIMEOUT, session.logout()).await;
                    return;
                }
                Err(e) => {
                    tracing::warn!(mailbox = %claimed.name, error = %e, "IMAP lease could not be renewed");
                    None
                }
            };
            let Some(m) = current.filter(|m| m.active && m.updated_at == claimed.updated_at) else {
                return self
                    .give_up(&claimed, session, "its settings changed")
                    .await;
            };
            let (ids, back) = match self.take_new(&m, session, None).await {
                Ok(v) => v,
                Err(e) => return self.idle_failed(&claimed, &e).await,
            };
            session = back;
            let now = self.clock.now();
            let (next, held) = (now + every, now + Duration::minutes(LEASE));
            if let Err(e) = self
                .store
                .write(move |c| {
                    Box::pin(async move { store::poll_ok_holding(c, id, now, next, held).await })
                })
                .await
            {
                tracing::warn!(mailbox = %m.name, error = %e, "recording an IMAP poll failed");
            }
            if !ids.is_empty() {
                tracing::info!(mailbox = %m.name, messages = ids.len(), "IMAP mail taken (IDLE)");
            }
            for inbound in ids {
                // A storage failure leaves the message waiting for the mail worker.
                if let Err(e) = self.process_mail(inbound).await {
                    tracing::warn!(inbound_id = inbound, error = %e, "inbound mail left waiting");
                }
            }
        }
    }

    async fn current(&self, id: i64) -> Option<MailboxRow> {
        let mut c = self.store.read().await.ok()?;
        store::get(&mut c, id).await.ok().flatten()
    }

    /// Leaves IDLE for good: logs out and makes the mailbox due at once for the next poll.
    async fn give_up(&self, m: &MailboxRow, mut session: Session, why: &str) {
        let _ = tokio::time::timeout(STEP_TIMEOUT, session.logout()).await;
        let (id, now) = (m.id, self.clock.now());
        let released = self
            .store
            .write(move |c| Box::pin(async move { store::release_due(c, id, now).await }))
            .await;
        match released {
            Ok(()) => tracing::info!(mailbox = %m.name, reason = why, "IMAP mailbox left IDLE"),
            Err(e) => tracing::warn!(mailbox = %m.name, error = %e, "IMAP mailbox not released"),
        }
    }

    async fn idle_failed(&self, m: &MailboxRow, error: &str) {
        if let Err(e) = self.record_failure(m, &format!("IDLE: {error}")).await {
            tracing::warn!(mailbox = %m.name, error = %e, "recording an IMAP failure failed");
        }
    }
}

/// One spell of IDLE: until the server says something, the spell ends, or `stop`; the session
/// is back out of IDLE (DONE answered) in every case.
async fn wait(
    session: Session,
    stop: &mut watch::Receiver<bool>,
) -> Result<(Wake, Session), String> {
    let mut handle = session.idle();
    step("IDLE", handle.init()).await?;
    let wake = {
        let (answer, interrupt) = handle.wait_with_timeout(IDLE_SPELL);
        tokio::pin!(answer);
        let mut wake = Wake::Look;
        let mut answered = false;
        // The library's own timeout starts again at every keep-alive the server sends, so the
        // spell is ended here too.
        tokio::select! {
            r = &mut answer => {
                r.map_err(|e| format!("IDLE: {e}"))?;
                answered = true;
            }
            _ = tokio::time::sleep(IDLE_SPELL) => {}
            _ = stopped(stop) => wake = Wake::Stop,
        }
        if !answered {
            // Dropping the interrupt ends the wait at once, the stream left in order.
            drop(interrupt);
            step("IDLE", answer).await?;
        }
        wake
    };
    let session = step("DONE", handle.done()).await?;
    Ok((wake, session))
}

/// Resolves when the server is stopping (the stop flag set, or its sender gone).
async fn stopped(stop: &mut watch::Receiver<bool>) {
    loop {
        if *stop.borrow() {
            return;
        }
        if stop.changed().await.is_err() {
            return;
        }
    }
}
