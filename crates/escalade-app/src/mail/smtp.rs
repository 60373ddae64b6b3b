//! Talking to the SMTP server with lettre: a transport built from the stored settings (TLS,
//! STARTTLS or none; optional login) and the delivery of one stored message as it is.

use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::settings::{MailSettings, SmtpSecurity};

/// Why a delivery failed.
#[derive(Debug, Clone)]
pub(crate) struct SendError {
    /// What the server or the connection said.
    pub message: String,
    /// The server refused for good (5xx): retrying will not help.
    pub permanent: bool,
}

impl SendError {
    fn temporary(message: String) -> Self {
        Self {
            message,
            permanent: false,
        }
    }
}

/// A transport for the stored settings.
pub(crate) fn transport(s: &MailSettings) -> Result<AsyncSmtpTransport<Tokio1Executor>, SendError> {
    let host = s.smtp_host.trim();
    let builder = match s.smtp_security {
        SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host),
        SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host),
        SmtpSecurity::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
            host,
        )),
    }
    .map_err(|e| SendError::temporary(format!("SMTP server {host}: {e}")))?;
    let mut builder = builder
        .port(s.smtp_port)
        .timeout(Some(Duration::from_secs(30)));
    if !s.smtp_user.trim().is_empty() {
        builder = builder.credentials(Credentials::new(
            s.smtp_user.trim().to_string(),
            s.smtp_password.clone().unwrap_or_default(),
        ));
    }
    Ok(builder.build())
}

/// Delivers a stored message to its recipients, from the desk's current sender address.
pub(crate) async fn deliver(
    t: &AsyncSmtpTransport<Tokio1Executor>,
    from: &str,
    recipients: &[String],
    raw: &[u8],
) -> Result<(), SendError> {
    let from: Address = from
        .parse()
        .map_err(|e| SendError::temporary(format!("sender address '{from}': {e}")))?;
    let to = recipients
        .iter()
        .map(|r| {
            r.parse::<Address>().map_err(|e| SendError {
                message: format!("recipient address '{r}': {e}"),
                permanent: true,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let envelope = Envelope::new(Some(from), to).map_err(|e| SendError {
        message: format!("envelope: {e}"),
        permanent: true,
    })?;
    t.send_raw(&envelope, raw).await.map(|_| ()).map_err(|e| {
        let permanent = e.is_permanent();
        let mut message = e.to_string();
        if let Some(source) = std::error::Error::source(&e) {
            message.push_str(&format!(": {source}"));
        }
        SendError { message, permanent }
    })
}
