//! `inbound::read` (and `decide` on what it reads) never panics: on arbitrary bytes, on
//! arbitrary header-shaped text, and on corpus messages with bytes flipped, inserted,
//! deleted or cut. This is the CI guard; the cargo-fuzz target explores further.

use std::path::PathBuf;

use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::ticket::{Status, TicketType};
use escalade_mail::inbound::read;
use escalade_mail::threading::{Facts, HeaderMatch, KnownTicket, Lookups, ThreadingConfig, decide};
use proptest::prelude::*;

fn corpus() -> Vec<Vec<u8>> {
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "corpus"]
        .iter()
        .collect();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Cut(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop_oneof![
        Just(b"\r\n".to_vec()),
        Just(b"\n--".to_vec()),
        Just(b"=?UTF-8?B?".to_vec()),
        Just(b"?=".to_vec()),
        Just(b"=\n".to_vec()),
        Just(b"Content-Type: multipart/mixed; boundary=\"\"\n".to_vec()),
        Just(b"Content-Transfer-Encoding: base64\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"<>".to_vec()),
        Just(b"[INC-".to_vec()),
        Just(vec![0xff, 0xfe, 0x00]),
        proptest::collection::vec(any::<u8>(), 1..16),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), interesting).prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 1usize..64).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Cut),
    ]
}

fn apply(mut raw: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = raw.len().max(1);
        match m {
            Mutation::Flip(at, b) => {
                if !raw.is_empty() {
                    let at = at % len;
                    raw[at] = *b;
                }
            }
            Mutation::Insert(at, bytes) => {
                let at = at % (raw.len() + 1);
                raw.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(raw.len());
                if at < end {
                    raw.drain(at..end);
                }
            }
            Mutation::Cut(at) => raw.truncate(at % len),
        }
    }
    raw
}

/// Reads, then decides against look-ups that match everything, so every branch can run.
fn read_and_decide(raw: &[u8]) {
    let Ok(message) = read(raw) else {
        return;
    };
    let _ = message.body.new_text();
    let _ = message.body.quoted_history();
    let _ = message.thread_ids().count();
    let config = ThreadingConfig::new("desk-1");
    let known = KnownTicket {
        id: TicketId(1),
        number: TicketNumber::new(TicketType::Incident, TicketId(1)),
        status: Status::Resolved,
        requester: message.from.address.clone(),
        watchers: vec![],
        agents: vec![],
    };
    let found = Lookups {
        by_headers: message.thread_ids().next().map(|id| HeaderMatch {
            message_id: id.to_string(),
            ticket: known.clone(),
        }),
        by_subject: Some(known.clone()),
        by_external_id: Some(known),
        sender_is_agent: false,
    };
    let facts = Facts::of(&message, &config);
    let _ = decide(&facts, &found, &config);
    let _ = decide(&facts, &Lookups::default(), &config);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(raw in proptest::collection::vec(any::<u8>(), 0..4096)) {
        read_and_decide(&raw);
    }

    #[test]
    fn header_shaped_text(
        headers in proptest::collection::vec(("[A-Za-z-]{1,20}", "[ -~]{0,80}"), 0..12),
        body in "(?s).{0,400}",
    ) {
        let mut raw = String::from("From: a@example.org\n");
        for (name, value) in headers {
            raw.push_str(&format!("{name}: {value}\n"));
        }
        raw.push('\n');
        raw.push_str(&body);
        read_and_decide(raw.as_bytes());
    }

    #[test]
    fn mutated_corpus_messages(
        pick in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 1..8),
    ) {
        let messages = corpus();
        let raw = messages[pick.index(messages.len())].clone();
        read_and_decide(&apply(raw, &mutations));
    }
}
