//! What people see of inbound mail: the original message behind a journal entry (for those
//! who may read the ticket's internal side), and the messages an administrator looks after
//! (quarantined, ignored, waiting), which they can put back in line.

use escalade_core::authz::Permission;
use escalade_core::ids::TicketId;
use escalade_store::mail_inbound::{self as store, InboundRow, InboundState};

use super::Processed;
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// A stored message with its raw bytes, for download.
#[derive(Debug, Clone)]
pub struct RawMessage {
    /// The stored message.
    pub row: InboundRow,
    /// The message exactly as received.
    pub raw: Vec<u8>,
}

/// One page of stored messages in a state.
#[derive(Debug, Clone)]
pub struct InboundPage {
    /// The messages, newest first.
    pub items: Vec<InboundRow>,
    /// How many are in that state.
    pub total: i64,
}

impl App {
    /// The original of a stored message. On a ticket: for those who may read the ticket's
    /// internal entries (the raw mail holds the quoted history and every header). Not on a
    /// ticket (quarantined, ignored): for administrators (`admin.settings`). Anyone else is
    /// told it does not exist.
    pub async fn inbound_raw(&self, caller: &Caller, id: i64) -> Result<RawMessage, AppError> {
        let mut c = self.store.read().await?;
        let row = store::get(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("message"))?;
        let allowed = match row.ticket_id {
            Some(t) => match self.visible(&mut c, caller, TicketId(t)).await {
                Ok((d, _)) => self.can_read_internal(caller, &d),
                Err(AppError::NotFound(_)) => false,
                Err(e) => return Err(e),
            },
            None => caller.has(Permission::AdminSettings),
        };
        if !allowed {
            return Err(AppError::NotFound("message"));
        }
        let raw = store::raw(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("message"))?;
        Ok(RawMessage { row, raw })
    }

    /// The number of a ticket a message became, for those who may read it.
    pub async fn ticket_number_of(
        &self,
        caller: &Caller,
        id: TicketId,
    ) -> Result<String, AppError> {
        let mut c = self.store.read().await?;
        let (d, _) = self.visible(&mut c, caller, id).await?;
        Ok(d.ticket.number().to_string())
    }

    /// How many stored messages are in each state (`admin.settings`).
    pub async fn inbound_counts(&self, caller: &Caller) -> Result<Vec<(String, i64)>, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        Ok(store::counts(&mut c).await?)
    }

    /// Stored messages in one state, newest first (`admin.settings`).
    pub async fn inbound_in_state(
        &self,
        caller: &Caller,
        state: InboundState,
        page: i64,
        per_page: i64,
    ) -> Result<InboundPage, AppError> {
        caller.require(Permission::AdminSettings)?;
        let per_page = per_page.clamp(1, 200);
        let offset = (page.max(1) - 1) * per_page;
        let mut c = self.store.read().await?;
        let (items, total) = store::in_state(&mut c, state, offset, per_page).await?;
        Ok(InboundPage { items, total })
    }

    /// Puts a quarantined message back in line and processes it (`admin.settings`).
    pub async fn reprocess_mail(&self, caller: &Caller, id: i64) -> Result<Processed, AppError> {
        caller.require(Permission::AdminSettings)?;
        let requeued = self
            .store
            .write(move |c| Box::pin(async move { store::requeue(c, id).await }))
            .await?;
        if !requeued {
            return Err(AppError::invalid(
                "id",
                "not_quarantined",
                format!("inbound message {id} is not in quarantine"),
            ));
        }
        self.process_mail(id).await
    }
}
