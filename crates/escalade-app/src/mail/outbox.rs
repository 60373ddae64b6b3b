//! What administrators see and do with outbound mail (`admin.settings`): the outbox with its
//! filters, retrying a message now, and a test message sent straight through SMTP to check
//! the settings.

use escalade_core::authz::Permission;
use escalade_core::ids::TicketId;
use escalade_core::people::Language;
use escalade_mail::outbound::{self, Audience, Recipient, message_id};
use escalade_store::directory;
use escalade_store::mail_outbox::{self as store, MailQuery, MailSummary};
use serde::Serialize;

use super::RETRY_PERIOD;
use super::settings::load;
use super::smtp;
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// A page of the outbox and how many messages are in each state.
#[derive(Debug, Clone)]
pub struct OutboxPage {
    /// The rows of the page, newest first.
    pub items: Vec<MailSummary>,
    /// Rows matching the filter.
    pub total: i64,
    /// Pending, sent and failed in the whole outbox.
    pub counts: (i64, i64, i64),
}

/// The result of a test message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestMailOutcome {
    /// Whether the SMTP server accepted it.
    pub sent: bool,
    /// Where it went.
    pub to: String,
    /// What went wrong, as the server or the connection said it.
    pub error: Option<String>,
}

impl App {
    /// A page of the outbox.
    pub async fn mail_outbox(
        &self,
        caller: &Caller,
        q: &MailQuery,
    ) -> Result<OutboxPage, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        let (items, total) = store::list(&mut c, q).await?;
        let counts = store::counts(&mut c).await?;
        Ok(OutboxPage {
            items,
            total,
            counts,
        })
    }

    /// One message of the outbox.
    pub async fn mail_message(&self, caller: &Caller, id: i64) -> Result<MailSummary, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        store::summary(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("message"))
    }

    /// Makes a pending or failed message due now, with a fresh retry period. A sent message
    /// is not sent again.
    pub async fn retry_mail(&self, caller: &Caller, id: i64) -> Result<MailSummary, AppError> {
        let m = self.mail_message(caller, id).await?;
        if m.sent_at.is_some() {
            return Err(AppError::Conflict {
                code: "already_sent",
                message: "this message was sent already".into(),
            });
        }
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move { store::retry_now(c, id, now, now + RETRY_PERIOD).await })
            })
            .await?;
        self.mail_message(caller, id).await
    }

    /// Sends a test message straight through SMTP (not through the outbox), to `to` or to
    /// the caller's own address, in the caller's language.
    pub async fn send_test_mail(
        &self,
        caller: &Caller,
        to: Option<&str>,
    ) -> Result<TestMailOutcome, AppError> {
        caller.require(Permission::AdminSettings)?;
        let (settings, me) = {
            let mut c = self.store.read().await?;
            let me = directory::user(&mut c, caller.id())
                .await?
                .ok_or(AppError::NotFound("user"))?;
            (load(&mut c).await?, me)
        };
        if !settings.smtp_configured() {
            return Err(AppError::invalid(
                "smtp_host",
                "smtp_not_configured",
                "no SMTP server is configured yet; save the settings first",
            ));
        }
        let address = to
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .or(me.email.clone())
            .ok_or_else(|| {
                AppError::invalid(
                    "to",
                    "required",
                    "give an address: your account has no e-mail address",
                )
            })?;
        let desk = settings.desk();
        let recipient = Recipient {
            name: me.display_name.clone(),
            address: address.clone(),
            language: Language::parse(&me.language).unwrap_or_default(),
            audience: Audience::Agent,
        };
        let id = message_id(
            &format!("test.{}", uuid::Uuid::new_v4().simple()),
            &desk.domain,
        );
        let m = outbound::test_message(&desk, &recipient, &id, self.clock.now())
            .map_err(|e| AppError::invalid("to", "malformed", e.to_string()))?;
        let result = match smtp::transport(&settings, self.config.mail_ca_file.as_deref()) {
            Ok(t) => {
                smtp::deliver(
                    &t,
                    &settings.sender(),
                    std::slice::from_ref(&m.to),
                    &m.bytes,
                )
                .await
            }
            Err(e) => Err(e),
        };
        Ok(TestMailOutcome {
            sent: result.is_ok(),
            to: address,
            error: result.err().map(|e| e.message),
        })
    }

    /// The ticket a Message-ID we sent belongs to (for the inbound side's threading).
    pub async fn ticket_of_message_id(
        &self,
        message_ids: &[String],
    ) -> Result<Option<TicketId>, AppError> {
        let mut c = self.store.read().await?;
        Ok(store::ticket_by_message_ids(&mut c, message_ids, false).await?)
    }
}
