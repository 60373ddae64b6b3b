//! Which certificate authorities the mail clients (IMAP polling, SMTP sending) trust: the
//! system's, plus the PEM file an operator names with `--mail-ca-file` /
//! `ESCALADE_MAIL_CA_FILE` (a company CA that signs the internal mail servers). There is no
//! switch to accept invalid certificates: a server whose certificate no trusted authority
//! signed is an error, shown on the mailbox or the outbox message, and nothing is sent or
//! read in clear instead.

use std::path::Path;

use tokio_rustls::rustls::pki_types::CertificateDer;
use tokio_rustls::rustls::pki_types::pem::PemObject;

/// The extra CA certificates of `file` (read at each connection, so a renewed file is taken
/// without a restart); none without a file. The error names the file and what is wrong.
pub(crate) fn extra_authorities(
    file: Option<&Path>,
) -> Result<Vec<CertificateDer<'static>>, String> {
    let Some(file) = file else {
        return Ok(Vec::new());
    };
    let pem = std::fs::read(file)
        .map_err(|e| format!("mail CA file {}: cannot be read: {e}", file.display()))?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("mail CA file {}: not PEM certificates: {e}", file.display()))?;
    if certs.is_empty() {
        return Err(format!(
            "mail CA file {}: holds no certificate",
            file.display()
        ));
    }
    Ok(certs)
}

/// The PEM bytes of the extra CA file, checked, for lettre's own TLS set-up.
pub(crate) fn extra_authorities_pem(file: Option<&Path>) -> Result<Option<Vec<u8>>, String> {
    extra_authorities(file)?;
    Ok(match file {
        Some(f) => Some(
            std::fs::read(f)
                .map_err(|e| format!("mail CA file {}: cannot be read: {e}", f.display()))?,
        ),
        None => None,
    })
}
