//! `escalade mailgate`: one message on standard input, as Postfix or Exim pipe it. The exit
//! code is the MTA's contract: 0 only once the message is durably stored; 75 (EX_TEMPFAIL)
//! when it could not be stored now, so the MTA keeps it and tries again; 65 (EX_DATAERR)
//! for input that is not a message at all. Processing (ticket or reply) follows at once; if
//! it cannot finish, the stored message waits for the server's mail worker.

use std::io::Read;
use std::process::ExitCode;

use escalade_store::mail_inbound::Arrival;

use crate::config::Global;

/// The MTA's "try again later".
pub const EX_TEMPFAIL: u8 = 75;
/// The MTA's "this is not valid input".
pub const EX_DATAERR: u8 = 65;

/// Reads standard input, stores it, processes it, and says what became of it on stderr.
pub async fn run(global: &Global) -> ExitCode {
    let mut raw = Vec::new();
    if let Err(e) = std::io::stdin().lock().read_to_end(&mut raw) {
        eprintln!("mailgate: cannot read the message from standard input: {e}");
        return ExitCode::from(EX_TEMPFAIL);
    }
    if raw.iter().all(u8::is_ascii_whitespace) {
        eprintln!("mailgate: standard input holds no message; nothing was stored");
        return ExitCode::from(EX_DATAERR);
    }
    let app = match global.open().await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("mailgate: the database is not available ({e:#}); the MTA will retry");
            return ExitCode::from(EX_TEMPFAIL);
        }
    };
    let arrival = Arrival {
        source: "mailgate".into(),
        mailbox: None,
    };
    let id = match app.receive_mail(arrival, raw).await {
        Ok(id) => id,
        Err(e) => {
            eprintln!("mailgate: the message could not be stored ({e}); the MTA will retry");
            return ExitCode::from(EX_TEMPFAIL);
        }
    };
    // A desk never started has no roles yet: the message waits for the server, whose first
    // start sets the desk up and whose mail worker then processes it.
    let set_up = match app.store.read().await {
        Ok(mut c) => escalade_store::directory::count_users(&mut c)
            .await
            .is_ok_and(|n| n > 0),
        Err(_) => false,
    };
    if !set_up {
        eprintln!(
            "mailgate: message {id} stored; the desk is not set up yet, so the server will \
             process it when it starts"
        );
        return ExitCode::SUCCESS;
    }
    match app.process_mail(id).await {
        Ok(p) => eprintln!(
            "mailgate: message {id} stored; {}{}: {}",
            p.state,
            p.ticket.map(|t| format!(" ({t})")).unwrap_or_default(),
            p.reason
        ),
        Err(e) => eprintln!(
            "mailgate: message {id} stored; processing will be retried by the server ({e})"
        ),
    }
    ExitCode::SUCCESS
}
