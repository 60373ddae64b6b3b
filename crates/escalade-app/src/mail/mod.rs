//! Outbound mail: notifications of ticket events composed in the recipient's language
//! (`escalade_mail::outbound`) and enqueued in the event's transaction (`notify`), the rules'
//! automatic replies drained into the same outbox, a sender that delivers the outbox through
//! SMTP with retries and back-off (`sender`, `smtp`), the settings stored in the database
//! (`settings`), and what administrators see and do with the outbox (`outbox`).
//!
//! Delivery is at least once: a message leaves the outbox only when the SMTP server accepted
//! it; with no SMTP server configured, mail waits in the outbox, visible, and nothing is lost.

pub mod outbox;
pub mod sender;
pub mod settings;
mod smtp;
pub(crate) mod trust;

pub(crate) mod notify;

pub(crate) use notify::Notice;
pub(crate) use notify::notify;
pub use sender::{MailRound, MailSender, SenderOptions};
pub use settings::{MailSettings, MailSettingsInput, MailSettingsView, SmtpSecurity};

/// How long a message is retried before it is shown as failed.
pub const RETRY_PERIOD: chrono::Duration = chrono::Duration::days(2);

/// The wait before the next attempt after `failures` failed attempts: 1, 5, 15 and 60
/// minutes, then every 4 hours until [`RETRY_PERIOD`] has passed.
pub fn retry_delay(failures: i64) -> chrono::Duration {
    match failures {
        ..=1 => chrono::Duration::minutes(1),
        2 => chrono::Duration::minutes(5),
        3 => chrono::Duration::minutes(15),
        4 => chrono::Duration::minutes(60),
        _ => chrono::Duration::hours(4),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_grows_then_stays_at_four_hours() {
        let minutes: Vec<i64> = (1..=7).map(|n| retry_delay(n).num_minutes()).collect();
        assert_eq!(minutes, vec![1, 5, 15, 60, 240, 240, 240]);
    }
}
