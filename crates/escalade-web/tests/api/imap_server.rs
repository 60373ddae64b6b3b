//! A real IMAP server for the polling tests: Debian's Dovecot (`dovecot-imapd`, installed by
//! scripts/test) started as a child with a configuration of its own in a temporary folder:
//! plain login against a passwd file, Maildir storage, 127.0.0.1 on a free port; without TLS,
//! or (`start_tls`) with a certificate made by the test (`test_ca`): STARTTLS on the IMAP port
//! and implicit TLS on an IMAPS port of its own. It offers IDLE, as Dovecot always does.
//! Messages are delivered the Maildir way (written to `tmp/`, renamed into `new/`, or into
//! `cur/` with the `S` flag for one already read). Run as root, Dovecot refuses to run its
//! login processes as root, so they run as its own `dovenull`/`dovecot` users, which then own
//! the mail folder; as any other user everything runs as that user. The server stops when
//! this is dropped.

use std::os::unix::fs::chown;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::smtp_sink::free_port;
use crate::test_ca::TestCa;

/// The mailbox's login and password.
pub const LOGIN: &str = "helpdesk";
/// Its password.
pub const PASSWORD: &str = "imap-secret-1";

/// A running Dovecot with one user.
pub struct ImapServer {
    child: Child,
    /// Its port on 127.0.0.1 (plain, STARTTLS offered when started with TLS).
    pub port: u16,
    /// Its implicit-TLS (IMAPS) port, when started with TLS.
    pub tls_port: Option<u16>,
    dir: tempfile::TempDir,
    owner: Option<(u32, u32)>,
    count: AtomicU32,
}

fn id_text(flag: &str, user: Option<&str>) -> String {
    let out = Command::new("id")
        .arg(flag)
        .args(user)
        .output()
        .expect("run id");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn id_of(flag: &str, user: Option<&str>) -> u32 {
    id_text(flag, user)
        .parse()
        .unwrap_or_else(|_| panic!("no user {user:?}: is dovecot-imapd installed?"))
}

impl ImapServer {
    /// Starts Dovecot without TLS and waits until it greets.
    pub async fn start() -> ImapServer {
        Self::launch(None, "").await
    }

    /// Starts Dovecot without TLS, announcing no IDLE after login (a server the poller must
    /// poll at every interval).
    pub async fn start_without_idle() -> ImapServer {
        Self::launch(
            None,
            "imap_capability = IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE LITERAL+ UIDPLUS\n",
        )
        .await
    }

    /// Starts Dovecot presenting `ca`'s server certificate: STARTTLS on `port`, implicit TLS
    /// on `tls_port`.
    pub async fn start_tls(ca: &TestCa) -> ImapServer {
        Self::launch(Some(ca), "").await
    }

    async fn launch(ca: Option<&TestCa>, extra: &str) -> ImapServer {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path();
        let me = id_text("-un", None);
        let is_root = id_of("-u", None) == 0;
        let (internal, login_user, owner) = if is_root {
            let uid = id_of("-u", Some("dovecot"));
            let gid = id_of("-g", Some("dovecot"));
            (
                "dovecot".to_string(),
                "dovenull".to_string(),
                Some((uid, gid)),
            )
        } else {
            (me.clone(), me.clone(), None)
        };
        let (uid, gid) = owner.unwrap_or((id_of("-u", None), id_of("-g", None)));
        let mail = root.join("mail");
        for sub in ["tmp", "new", "cur"] {
            std::fs::create_dir_all(mail.join(LOGIN).join(sub)).expect("maildir");
        }
        if let Some((u, g)) = owner {
            for p in [
                root.to_path_buf(),
                mail.clone(),
                mail.join(LOGIN),
                mail.join(LOGIN).join("tmp"),
                mail.join(LOGIN).join("new"),
                mail.join(LOGIN).join("cur"),
            ] {
                chown(&p, Some(u), Some(g)).expect("chown mail folder");
            }
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        }
        let passwd = root.join("passwd");
        std::fs::write(&passwd, format!("{LOGIN}:{{PLAIN}}{PASSWORD}::::::\n")).expect("passwd");
        let port = free_port();
        let tls_port = ca.map(|_| free_port());
        let ssl = match ca {
            Some(ca) => format!(
                "ssl = yes\nssl_cert = <{}\nssl_key = <{}\n",
                ca.cert().display(),
                ca.key().display()
            ),
            None => "ssl = no\n".to_string(),
        };
        let imaps = match tls_port {
            Some(p) => {
                format!("inet_listener imaps {{\n    address = 127.0.0.1\n    port = {p}\n  }}\n")
            }
            None => "inet_listener imaps {\n    port = 0\n  }\n".to_string(),
        };
        let r = root.display();
        let conf = format!(
            "protocols = imap\nlisten = 127.0.0.1\nbase_dir = {r}/run\nstate_dir = {r}/state\n\
             log_path = {r}/dovecot.log\n{ssl}disable_plaintext_auth = no\n\
             auth_mechanisms = plain login\nauth_failure_delay = 0\nfirst_valid_uid = 0\n\
             default_internal_user = {internal}\ndefault_internal_group = {internal}\n\
             default_login_user = {login_user}\nmail_location = maildir:{r}/mail/%u\n\
             passdb {{\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u {pw}\n}}\n\
             userdb {{\n  driver = static\n  args = uid={uid} gid={gid} home={r}/mail/%u\n}}\n\
             service imap-login {{\n  inet_listener imap {{\n    address = 127.0.0.1\n    port = {port}\n  }}\n\
             {imaps}  chroot =\n}}\n\
             service anvil {{\n  chroot =\n}}\nservice stats {{\n  chroot =\n}}\n{extra}",
            pw = passwd.display(),
        );
        let conf_path = root.join("dovecot.conf");
        std::fs::write(&conf_path, conf).expect("dovecot.conf");
        let child = Command::new("dovecot")
            .arg("-F")
            .arg("-c")
            .arg(&conf_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start dovecot (apt-get install dovecot-imapd)");
        let server = ImapServer {
            child,
            port,
            tls_port,
            dir,
            owner,
            count: AtomicU32::new(0),
        };
        server.wait_ready().await;
        server
    }

    async fn wait_ready(&self) {
        use tokio::io::AsyncReadExt;
        for _ in 0..200 {
            if let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await {
                let mut buf = [0u8; 64];
                if let Ok(n) = s.read(&mut buf).await
                    && buf[..n].starts_with(b"* OK")
                {
                    return;
                }
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let log = std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default();
        panic!("dovecot did not start on port {}:\n{log}", self.port);
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("mail").join(LOGIN)
    }

    fn write(&self, folder: &str, suffix: &str, raw: &[u8]) {
        let n = self.count.fetch_add(1, Ordering::SeqCst);
        let name = format!(
            "{}.M{n}P{}.escalade-test",
            1_700_000_000 + n,
            std::process::id()
        );
        let tmp = self.maildir().join("tmp").join(&name);
        std::fs::write(&tmp, raw).expect("write message");
        if let Some((u, g)) = self.owner {
            chown(&tmp, Some(u), Some(g)).expect("chown message");
        }
        let to: &Path = &self.maildir().join(folder).join(format!("{name}{suffix}"));
        std::fs::rename(&tmp, to).expect("deliver message");
    }

    /// Delivers a new, unread message.
    pub fn deliver(&self, raw: &[u8]) {
        self.write("new", "", raw);
    }

    /// Delivers a message already read (`\Seen`) in a mail client.
    pub fn deliver_seen(&self, raw: &[u8]) {
        self.write("cur", ":2,S", raw);
    }
}

impl Drop for ImapServer {
    fn drop(&mut self) {
        // SIGTERM, so that the master stops its own children too.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}
