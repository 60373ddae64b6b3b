//! E-mail as Escalade reads and writes it, with no I/O: `inbound` turns a raw RFC 5322
//! message into what the desk needs (people, subject, bodies with quoted history folded,
//! attachments, auto-reply and loop signals); `threading` decides, from the message and
//! what the store found for it, whether it continues a ticket or opens one, and says why;
//! `outbound` composes the desk's own messages (notifications in the recipient's language,
//! with the headers that make replies come back to the right ticket).
//!
//! The store, the mail gateway, IMAP polling and SMTP sending live in `escalade-app` and
//! the binary; this crate only knows formats and decisions, so it is fuzzed and tested on
//! a corpus of messages without a server.

pub mod inbound;
pub mod outbound;
pub mod threading;
