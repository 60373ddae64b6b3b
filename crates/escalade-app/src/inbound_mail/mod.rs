//! The inbound mail pipeline shared by the mail gateway (`escalade mailgate`, a message on
//! standard input from the MTA) and IMAP polling (`imap`, mailboxes administered in
//! `mailboxes`): a message is first stored whole
//! ([`App::receive_mail`], durable before the MTA is answered), then processed
//! ([`App::process_mail`]): read with `escalade_mail::inbound`, looked up (`lookups`),
//! decided with `escalade_mail::threading`, and applied as one ticket write that also marks
//! the message done (`receipt`). A message that cannot be read or applied is quarantined,
//! never dropped; an administrator can put it back in line.

mod apply;
mod flood;
pub mod html_view;
mod idle;
pub mod imap;
mod lookups;
pub mod mailboxes;
mod reading;
mod receipt;

pub use reading::{InboundPage, RawMessage};
pub use receipt::{MailFile, MailReceipt};

use chrono::Duration;
use escalade_mail::inbound;
use escalade_mail::threading::{Facts, ThreadingConfig, decide};
use escalade_store::mail_inbound::{self as store, Arrival, InboundRow, InboundState, Outcome};
use escalade_store::settings;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::App;
use crate::error::AppError;
use lookups::thread_lookups;

/// The settings key of [`InboundSettings`].
pub const SETTINGS_KEY: &str = "mail.inbound";

/// How the desk reads mail; stored in the settings table, defaults below. The desk's id (in
/// the loop header), its sender address and the subject tag are the outbound settings'
/// (`crate::mail::MailSettings`), so both directions agree on them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InboundSettings {
    /// The desk's other addresses (aliases the MTA delivers here): mail from them is a loop.
    pub desk_addresses: Vec<String>,
    /// Largest message taken, in bytes; a larger one is quarantined.
    pub max_message_bytes: usize,
    /// Messages one sender may turn into tickets or replies per hour; more are quarantined.
    pub per_sender_per_hour: i64,
    /// New requester accounts mail may create per hour; mail past it is quarantined.
    pub new_requesters_per_hour: i64,
    /// The group that receives tickets opened by mail.
    pub group_id: Option<i64>,
    /// Their category, until rules classify them.
    pub category_id: Option<i64>,
}

impl Default for InboundSettings {
    fn default() -> Self {
        Self {
            desk_addresses: Vec::new(),
            max_message_bytes: 35 * 1024 * 1024,
            per_sender_per_hour: 60,
            new_requesters_per_hour: 1000,
            group_id: None,
            category_id: None,
        }
    }
}

impl InboundSettings {
    /// What threading needs: this desk's id, tag and addresses (its sender's among them).
    fn threading(&self, desk: &escalade_mail::outbound::Desk) -> ThreadingConfig {
        let mut cfg = ThreadingConfig::new(desk.desk_id.clone());
        cfg.tag = desk.subject_tag.clone();
        cfg.desk_addresses = self.desk_addresses.clone();
        if !desk.address.trim().is_empty() {
            cfg.desk_addresses.push(desk.address.trim().to_lowercase());
        }
        cfg
    }
}

/// What processing made of a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Processed {
    /// The stored message.
    pub inbound_id: i64,
    /// done, ignored or quarantined.
    pub state: &'static str,
    /// The ticket it opened or joined, by number (when known here).
    pub ticket: Option<String>,
    /// The ticket's id.
    pub ticket_id: Option<i64>,
    /// The decision's reason (`new_conversation`, `subject_number`, ...), or the error.
    pub reason: String,
}

impl App {
    /// The inbound mail settings in force, with the desk as the outbound settings name it.
    pub async fn inbound_settings(
        &self,
    ) -> Result<(InboundSettings, escalade_mail::outbound::Desk), AppError> {
        let mut c = self.store.read().await?;
        inbound_settings_on(&mut c).await
    }

    /// Stores a raw message exactly as received and returns its id. When this returns, the
    /// message is durably committed: a mail gateway may tell the MTA it was delivered.
    pub async fn receive_mail(&self, arrival: Arrival, raw: Vec<u8>) -> Result<i64, AppError> {
        if raw.is_empty() {
            return Err(AppError::invalid(
                "message",
                "empty",
                "the message is empty: nothing was stored",
            ));
        }
        let now = self.clock.now();
        Ok(self
            .store
            .write(move |c| Box::pin(async move { store::receive(c, &arrival, &raw, now).await }))
            .await?)
    }

    /// Processes every message waiting, oldest first, up to `limit`; returns what became of
    /// each, in that order. Used by the background worker (and after an outage, a whole
    /// burst waits). The messages of one conversation (linked by sender, Message-IDs or
    /// subject) are processed one after another in arrival order, so that a reply finds the
    /// ticket its parent opened; different conversations are processed side by side, so
    /// that their writes share durable commits (the writer's group commit) instead of
    /// paying one each.
    pub async fn process_waiting_mail(&self, limit: i64) -> Result<Vec<Processed>, AppError> {
        let waiting = {
            let mut c = self.store.read().await?;
            store::waiting_heads(&mut c, limit, HEAD_BYTES).await?
        };
        let chains = conversations(&waiting);
        let mut done: Vec<(usize, Processed)> = Vec::with_capacity(waiting.len());
        let mut runs = futures_util::stream::iter(chains.into_iter().map(|chain| {
            let waiting = &waiting;
            async move {
                let mut out = Vec::with_capacity(chain.len());
                for i in chain {
                    out.push((i, self.process_mail(waiting[i].0).await?));
                }
                Ok::<_, AppError>(out)
            }
        }))
        .buffer_unordered(BURST_CONVERSATIONS);
        let mut failure = None;
        while let Some(r) = runs.next().await {
            match r {
                Ok(out) => done.extend(out),
                Err(e) => failure = failure.or(Some(e)),
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        done.sort_by_key(|(i, _)| *i);
        Ok(done.into_iter().map(|(_, p)| p).collect())
    }

    /// Processes one stored message. Errors of the message itself (unreadable, refused by
    /// validation) quarantine it and are reported in the result; only storage failures are
    /// errors, and leave the message waiting for the next try.
    pub async fn process_mail(&self, id: i64) -> Result<Processed, AppError> {
        // Everything the decision weighs is read on one connection, given back before any
        // write (on PostgreSQL the writer takes its connection from the same pool).
        let mut c = self.store.read().await?;
        let (row, raw) = store::get_with_raw(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("inbound message"))?;
        if row.state != InboundState::Received.as_str() {
            return Ok(already(&row));
        }
        let (mut cfg, desk) = inbound_settings_on(&mut c).await?;
        // A message from a polled mailbox opens tickets in that mailbox's group and category.
        if let Some(mailbox) = row.mailbox_id
            && let Some(m) = escalade_store::mailboxes::get(&mut c, mailbox).await?
        {
            cfg.group_id = m.group_id.or(cfg.group_id);
            cfg.category_id = m.category_id.or(cfg.category_id);
        }
        if raw.len() > cfg.max_message_bytes {
            drop(c);
            let why = format!(
                "the message is {} bytes, more than the {} this desk takes",
                raw.len(),
                cfg.max_message_bytes
            );
            return self.quarantine(id, Outcome::default(), why).await;
        }
        let message = match inbound::read(&raw) {
            Ok(m) => m,
            Err(e) => {
                drop(c);
                let why = format!("unreadable ({}): {e}", e.code());
                return self.quarantine(id, Outcome::default(), why).await;
            }
        };
        let mut outcome = Outcome {
            sender: Some(message.from.address.clone()),
            message_id: message.message_id.clone(),
            subject: Some(message.subject.clone()),
            ..Outcome::default()
        };
        let now = self.clock.now();
        let (first, recent) = store::sender_history(
            &mut c,
            message.message_id.as_deref(),
            &message.from.address,
            id,
            now - Duration::hours(1),
        )
        .await?;
        if let Some(first) = first {
            outcome.decision = Some(json!({
                "decision": "ignore",
                "reason": {"kind": "delivered_twice", "first_inbound_id": first},
            }));
            drop(c);
            return self.ignore(id, outcome, "delivered_twice").await;
        }
        if recent >= cfg.per_sender_per_hour {
            let why = format!(
                "{} sent {recent} messages in the last hour, more than the {} allowed; \
                 re-process it if it is genuine",
                message.from.address, cfg.per_sender_per_hour
            );
            drop(c);
            return self.quarantine(id, outcome, why).await;
        }
        let threading = cfg.threading(&desk);
        let (found, sender) = thread_lookups(&mut c, &message, &threading).await?;
        let decision = decide(&Facts::of(&message, &threading), &found, &threading);
        outcome.decision = Some(serde_json::to_value(&decision).unwrap_or_default());
        let known = Known {
            sender,
            lookups: &found,
        };
        match self
            .apply_decision(c, id, &message, &decision, outcome.clone(), &cfg, known)
            .await
        {
            Ok(p) => Ok(p),
            // The database is away: the message stays waiting for the next try.
            Err(e @ AppError::Unavailable(_)) => Err(e),
            Err(AppError::Conflict {
                code: "mail_already_processed",
                ..
            }) => {
                let mut c = self.store.read().await?;
                let row = store::get(&mut c, id)
                    .await?
                    .ok_or(AppError::NotFound("inbound message"))?;
                Ok(already(&row))
            }
            Err(e) => {
                let why = format!("could not be applied: {e}");
                self.quarantine(id, outcome, why).await
            }
        }
    }

    async fn quarantine(
        &self,
        id: i64,
        mut outcome: Outcome,
        why: String,
    ) -> Result<Processed, AppError> {
        tracing::warn!(inbound_id = id, reason = %why, "inbound mail quarantined");
        outcome.error = Some(why.clone());
        self.finish(id, InboundState::Quarantined, outcome).await?;
        Ok(Processed {
            inbound_id: id,
            state: InboundState::Quarantined.as_str(),
            ticket: None,
            ticket_id: None,
            reason: why,
        })
    }

    async fn ignore(&self, id: i64, outcome: Outcome, reason: &str) -> Result<Processed, AppError> {
        self.finish(id, InboundState::Ignored, outcome).await?;
        Ok(Processed {
            inbound_id: id,
            state: InboundState::Ignored.as_str(),
            ticket: None,
            ticket_id: None,
            reason: reason.to_string(),
        })
    }

    async fn finish(&self, id: i64, state: InboundState, outcome: Outcome) -> Result<(), AppError> {
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move { store::finish(c, id, state, &outcome, now).await })
            })
            .await?;
        Ok(())
    }
}

/// The inbound settings and the desk, read together in one query.
async fn inbound_settings_on(
    c: &mut escalade_store::Conn,
) -> Result<(InboundSettings, escalade_mail::outbound::Desk), AppError> {
    let (inbound, mail): (Option<InboundSettings>, Option<crate::mail::MailSettings>) =
        settings::get_pair(c, SETTINGS_KEY, crate::mail::settings::SETTINGS_KEY).await?;
    Ok((inbound.unwrap_or_default(), mail.unwrap_or_default().desk()))
}

/// What the look-ups already found, so that applying the decision does not read it again:
/// the sender's user row and the tickets threading looked at.
pub(super) struct Known<'a> {
    /// The user with the sender's address, if any.
    pub sender: Option<escalade_store::directory::UserRow>,
    /// The threading look-ups (their tickets carry their numbers).
    pub lookups: &'a escalade_mail::threading::Lookups,
}

/// How much of each waiting message is read to tell its conversation (the headers).
const HEAD_BYTES: i64 = 16 * 1024;

/// Conversations of a burst processed side by side.
const BURST_CONVERSATIONS: usize = 16;

/// Splits waiting messages (id and the head of the raw message, oldest first) into
/// conversations: messages sharing the sender, a Message-ID (their own, In-Reply-To or
/// References) or the subject (without `Re:`-style prefixes) are one conversation, listed
/// in arrival order. A head that cannot be read is a conversation of its own (it will be
/// quarantined).
fn conversations(waiting: &[(i64, Vec<u8>)]) -> Vec<Vec<usize>> {
    let mut owner: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    // Union-find over message indexes.
    let mut parent: Vec<usize> = (0..waiting.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, (_, head)) in waiting.iter().enumerate() {
        let Ok(m) = inbound::read(head) else {
            continue;
        };
        let mut keys = vec![format!("from:{}", m.from.address)];
        keys.extend(m.message_id.iter().map(|id| format!("id:{id}")));
        keys.extend(m.thread_ids().map(|id| format!("id:{id}")));
        let subject = conversation_subject(&m.subject);
        if !subject.is_empty() {
            keys.push(format!("subject:{subject}"));
        }
        for k in keys {
            match owner.get(&k) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    // The older message's root stays the root: chains keep arrival order.
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    owner.insert(k, i);
                }
            }
        }
    }
    let mut chains: Vec<Vec<usize>> = Vec::new();
    let mut chain_of: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    for i in 0..waiting.len() {
        let r = root(&mut parent, i);
        match chain_of.get(&r) {
            Some(&c) => chains[c].push(i),
            None => {
                chain_of.insert(r, chains.len());
                chains.push(vec![i]);
            }
        }
    }
    chains
}

/// A subject as a conversation's key: lower-cased, without reply and forward prefixes.
fn conversation_subject(subject: &str) -> String {
    let mut s = subject.trim().to_lowercase();
    loop {
        let before = s.len();
        for prefix in [
            "re:",
            "fwd:",
            "fw:",
            "aw:",
            "tr:",
            "wg:",
            "sv:",
            "ответ:",
            "回复:",
            "答复:",
        ] {
            if let Some(rest) = s.strip_prefix(prefix) {
                s = rest.trim_start().to_string();
            }
        }
        if s.len() == before {
            return s;
        }
    }
}

/// A message processed before (by another node, or an earlier run).
fn already(row: &InboundRow) -> Processed {
    Processed {
        inbound_id: row.id,
        state: match row.state.as_str() {
            "done" => "done",
            "ignored" => "ignored",
            _ => "quarantined",
        },
        ticket: None,
        ticket_id: row.ticket_id,
        reason: row
            .error
            .clone()
            .unwrap_or_else(|| "already processed".into()),
    }
}

/// Processes waiting messages every `interval` until `stop` turns true: those the mail
/// gateway stored while processing failed (the database was away), or that were put back
/// from quarantine. The gateway itself processes what it stores right away.
pub async fn run_worker(
    app: App,
    interval: std::time::Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        match app.process_waiting_mail(100).await {
            Ok(done) if !done.is_empty() => {
                tracing::info!(messages = done.len(), "inbound mail processed")
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "inbound mail round failed"),
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
}
