//! Threading decisions for inbound mail: whether a message continues a ticket, opens a new
//! one (perhaps linked to another), repeats an external system's alert, or must be left
//! alone, and why. The caller looks things up in the store (tickets by our own Message-IDs,
//! by the number in the subject, by an external identifier); this module only decides.
//!
//! `tags` reads and writes the ticket number in subjects (`[INC-000123]`), for inbound
//! threading and for the outbound mails that carry it.

mod decide;
mod tags;

pub use decide::{
    Decision, EntryKind, Facts, FoundBy, HeaderMatch, KnownTicket, Lookups, LoopSignal, Reason,
    Role, ThreadingConfig, decide,
};
pub use tags::{subject_number, tag_subject};

#[cfg(test)]
mod tests;
