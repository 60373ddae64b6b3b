//! Talking to the SMTP server with lettre: a transport built from the stored settings (TLS,
//! STARTTLS or none, certificates checked against the trusted authorities; optional login) and the delivery of one stored message as it is.

use std::path::Path;
use std::time::Duration;

use lettre::address::Envelope;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

use super::settings::{MailSettings, SmtpSecurity};
use super::trust;

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

/// A transport for the stored settings. TLS and STARTTLS verify the server's certificate
/// against the system's authorities and those of `ca_file` (see [`super::trust`]); STARTTLS
/// is required, never skipped: a server that does not offer it, or whose certificate is not
/// trusted, fails the attempt (retried later) and nothing is sent in clear.
pub(crate) fn transport(
    s: &MailSettings,
    ca_file: Option<&Path>,
) -> Result<AsyncSmtpTransport<Tokio1Executor>, SendError> {
    let host = s.smtp_host.trim();
    let tls_parameters = || -> Result<TlsParameters, SendError> {
        let mut b = TlsParameters::builder(host.to_string());
        if let Some(pem) = trust::extra_authorities_pem(ca_file).map_err(SendError::temporary)? {
            let cert = Certificate::from_pem(&pem)
                .map_err(|e| SendError::temporary(format!("mail CA file: {e}")))?;
            b = b.add_root_certificate(cert);
        }
        b.build_rustls()
            .map_err(|e| SendError::temporary(format!("SMTP server {host}: TLS set-up: {e}")))
    };
    let tls = match s.smtp_security {
        SmtpSecurity::Tls => Tls::Wrapper(tls_parameters()?),
        SmtpSecurity::Starttls => Tls::Required(tls_parameters()?),
        SmtpSecurity::None => Tls::None,
    };
    let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
        .tls(tls)
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
