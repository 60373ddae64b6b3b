//! A real SMTP server for the mail tests: Debian's aiosmtpd (`python3-aiosmtpd`, installed by
//! scripts/test) on a free port of 127.0.0.1, writing each message it accepts to a folder as
//! `NNNN.eml`, with the envelope's recipients in a first `X-Sink-Rcpt:` line. The file is
//! complete before the server answers 250, so a test that has seen the send succeed can read
//! it at once. Started with a certificate, it offers STARTTLS and refuses mail before it
//! (`start_starttls`), or speaks TLS from the first byte (`start_tls`), and records whether
//! each message came over TLS. The server stops when the sink is dropped.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use crate::test_ca::TestCa;

const SERVER: &str = r#"
import os, ssl, sys
from aiosmtpd.controller import Controller

class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = os.path.join(self.folder, "%04d.eml" % self.count)
        with open(name + ".part", "wb") as f:
            f.write(("X-Sink-Rcpt: " + ",".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(("X-Sink-TLS: " + ("yes" if session.ssl or server.transport.get_extra_info("ssl_object") else "no") + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".part", name)
        return "250 OK stored"

tls = {}
if len(sys.argv) > 5:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(sys.argv[3], sys.argv[4])
    if sys.argv[5] == "tls":
        tls = {"ssl_context": context}
    else:
        tls = {"tls_context": context, "require_starttls": True}
controller = Controller(Sink(sys.argv[2]), hostname="127.0.0.1", port=int(sys.argv[1]), **tls)
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
"#;

/// A message the sink received.
#[derive(Debug, Clone)]
pub struct Received {
    /// Envelope recipients.
    pub rcpt: Vec<String>,
    /// Whether it came over TLS (after STARTTLS).
    pub tls: bool,
    /// The message as received (without the sink's first line).
    pub raw: Vec<u8>,
}

/// A running SMTP sink.
pub struct SmtpSink {
    /// Its port on 127.0.0.1.
    pub port: u16,
    folder: tempfile::TempDir,
    child: Child,
}

/// A port nobody listens on (for a server that refuses connections).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    l.local_addr().expect("local address").port()
}

impl SmtpSink {
    /// Starts the sink; panics with the reason when aiosmtpd is missing.
    pub fn start() -> SmtpSink {
        Self::launch(None)
    }

    /// Starts a sink that presents `ca`'s server certificate and takes mail only after
    /// STARTTLS.
    pub fn start_starttls(ca: &TestCa) -> SmtpSink {
        Self::launch(Some((ca, "starttls")))
    }

    /// Starts a sink that speaks TLS from the first byte (SMTPS) with `ca`'s certificate.
    pub fn start_tls(ca: &TestCa) -> SmtpSink {
        Self::launch(Some((ca, "tls")))
    }

    fn launch(ca: Option<(&TestCa, &str)>) -> SmtpSink {
        let folder = tempfile::tempdir().expect("sink folder");
        // The system's Python: Debian's python3-aiosmtpd is installed for it.
        let python = ["/usr/bin/python3", "python3"]
            .into_iter()
            .find(|p| !p.starts_with('/') || std::path::Path::new(p).exists())
            .expect("a python3");
        let port = free_port();
        let mut child = Command::new(python)
            .arg("-c")
            .arg(SERVER)
            .arg(port.to_string())
            .arg(folder.path())
            .args(
                ca.map(|(ca, mode)| [ca.cert(), ca.key(), mode.into()])
                    .into_iter()
                    .flatten(),
            )
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP sink (python3)");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("sink stdout"))
            .read_line(&mut line)
            .expect("read the sink's first line");
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP sink did not start: is python3-aiosmtpd installed (scripts/test installs it)?"
        );
        SmtpSink {
            port,
            folder,
            child,
        }
    }

    /// Every message received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .expect("sink folder")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "eml"))
            .collect();
        names.sort();
        names
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("read a message");
                let line = |from: usize| {
                    from + bytes[from..]
                        .windows(2)
                        .position(|w| w == b"\r\n")
                        .expect("the sink's lines")
                };
                let end = line(0);
                let first = String::from_utf8_lossy(&bytes[..end]).to_string();
                let tls_end = line(end + 2);
                let tls = &bytes[end + 2..tls_end] == b"X-Sink-TLS: yes";
                let rcpt = first
                    .trim_start_matches("X-Sink-Rcpt: ")
                    .split(',')
                    .map(str::to_string)
                    .collect();
                Received {
                    rcpt,
                    tls,
                    raw: bytes[tls_end + 2..].to_vec(),
                }
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        // Closing its standard input stops it cleanly; kill in case it hangs.
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
