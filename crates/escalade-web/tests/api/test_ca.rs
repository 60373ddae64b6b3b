//! Certificates made by the test with the system's `openssl` (installed by scripts/test): a
//! certificate authority of its own and a server certificate it signs for 127.0.0.1 and
//! localhost. The mail servers of the tests present the server certificate; the desk trusts
//! the authority through its extra-CA setting (`AppConfig::mail_ca_file`), never by turning
//! verification off. Two authorities make "trusted" and "not trusted".

use std::path::{Path, PathBuf};
use std::process::Command;

/// An authority and one server certificate it signed, as PEM files in a temporary folder.
pub struct TestCa {
    dir: tempfile::TempDir,
}

fn openssl(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl (apt-get install openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl TestCa {
    /// Makes the authority (`ca.pem`) and the server's certificate and key.
    pub fn new(name: &str) -> TestCa {
        let dir = tempfile::tempdir().expect("certificate folder");
        let d = dir.path();
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        let subject = format!("/CN={name} test CA");
        let mut ca = vec![
            "req", "-x509", "-days", "2", "-keyout", "ca.key", "-out", "ca.pem",
        ];
        ca.extend(ec);
        ca.extend([
            "-subj",
            &subject,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ]);
        openssl(d, &ca);
        let mut csr = vec!["req", "-keyout", "server.key", "-out", "server.csr"];
        csr.extend(ec);
        csr.extend(["-subj", "/CN=localhost"]);
        openssl(d, &csr);
        std::fs::write(
            d.join("server.ext"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n\
             keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n",
        )
        .expect("extensions");
        openssl(
            d,
            &[
                "x509",
                "-req",
                "-in",
                "server.csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-days",
                "2",
                "-out",
                "server.pem",
                "-extfile",
                "server.ext",
            ],
        );
        // Servers that drop privileges (Dovecot's processes) read these too.
        use std::os::unix::fs::PermissionsExt;
        for (f, mode) in [
            (".", 0o755),
            ("ca.pem", 0o644),
            ("server.pem", 0o644),
            ("server.key", 0o644),
        ] {
            std::fs::set_permissions(d.join(f), std::fs::Permissions::from_mode(mode))
                .expect("chmod");
        }
        TestCa { dir }
    }

    /// The authority's certificate (what the desk is told to trust).
    pub fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// The server's certificate.
    pub fn cert(&self) -> PathBuf {
        self.dir.path().join("server.pem")
    }

    /// The server's private key.
    pub fn key(&self) -> PathBuf {
        self.dir.path().join("server.key")
    }
}
