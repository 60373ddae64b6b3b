//! The corpus: real-shaped messages written for these tests (tests/corpus/*.eml), each read
//! by `inbound::read` and checked field by field; a few also go through `threading::decide`.
//! One binary; the cases are grouped by theme in tests/corpus_cases/.

use std::path::PathBuf;

use escalade_mail::inbound::{InboundMessage, Mailbox};

#[path = "corpus_cases/automatic.rs"]
mod automatic;
#[path = "corpus_cases/broken.rs"]
mod broken;
#[path = "corpus_cases/charsets.rs"]
mod charsets;
#[path = "corpus_cases/decisions.rs"]
mod decisions;
#[path = "corpus_cases/replies.rs"]
mod replies;
#[path = "corpus_cases/signals.rs"]
mod signals;
#[path = "corpus_cases/structure.rs"]
mod structure;

pub(crate) fn corpus(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "corpus", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub(crate) fn mailbox(address: &str, name: Option<&str>) -> Mailbox {
    Mailbox {
        address: address.to_string(),
        name: name.map(str::to_string),
    }
}

pub(crate) fn new_text<'a>(m: &'a InboundMessage<'_>) -> &'a str {
    m.body.new_text()
}
