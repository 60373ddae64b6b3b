//! Fuzzes `inbound::read` and `threading::decide` on what it reads: neither may panic.
#![no_main]

use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::ticket::{Status, TicketType};
use escalade_mail::inbound::read;
use escalade_mail::threading::{Facts, HeaderMatch, KnownTicket, Lookups, ThreadingConfig, decide};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|raw: &[u8]| {
    let Ok(message) = read(raw) else {
        return;
    };
    let _ = message.body.new_text();
    let _ = message.body.quoted_history();
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
});
