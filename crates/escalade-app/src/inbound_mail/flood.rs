//! Flood protection beyond one sender: a cap on the requester accounts that mail may create
//! in an hour (`mail.inbound` `new_requesters_per_hour`). A flood of forged senders (a spam
//! run, a misconfigured system mailing from random addresses) would otherwise fill the
//! directory with accounts; mail past the cap is quarantined with the reason, never dropped,
//! and an administrator re-processes what is genuine.

use chrono::Duration;
use escalade_store::directory;

use crate::App;
use crate::error::AppError;

impl App {
    /// Refuses (and so quarantines the message) when mail already created the hour's share
    /// of new requester accounts.
    pub(super) async fn may_create_requester_from_mail(&self) -> Result<(), AppError> {
        let (cfg, _) = self.inbound_settings().await?;
        let since = self.clock.now() - Duration::hours(1);
        let created = {
            let mut c = self.store.read().await?;
            directory::requesters_created_by_mail_since(&mut c, since).await?
        };
        if created >= cfg.new_requesters_per_hour {
            return Err(AppError::Conflict {
                code: "mail_new_requesters_cap",
                message: format!(
                    "mail created {created} requester accounts in the last hour, the most \
                     allowed (mail.inbound new_requesters_per_hour = {}); re-process the \
                     message if it is genuine",
                    cfg.new_requesters_per_hour
                ),
            });
        }
        Ok(())
    }
}
