//! Corpus messages read and then decided, end to end.

use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::ticket::{Status, TicketType};
use escalade_mail::inbound::read;
use escalade_mail::threading::{
    Decision, EntryKind, Facts, FoundBy, HeaderMatch, KnownTicket, Lookups, Reason, Role,
    ThreadingConfig, decide,
};

use crate::corpus;

fn inc(n: i64) -> TicketNumber {
    TicketNumber::new(TicketType::Incident, TicketId(n))
}

fn printer_ticket(status: Status) -> KnownTicket {
    KnownTicket {
        id: TicketId(123),
        number: inc(123),
        status,
        requester: "ann@example.org".to_string(),
        watchers: vec![],
        agents: vec!["agent@desk.example.com".to_string()],
    }
}

fn config() -> ThreadingConfig {
    ThreadingConfig {
        desk_addresses: vec!["support@desk.example.com".to_string()],
        ..ThreadingConfig::new("desk-1")
    }
}

#[test]
fn requester_reply_by_headers_reopens_and_adds_cc_watchers() {
    let raw = corpus("gmail_reply_en.eml");
    let m = read(&raw).unwrap();
    let found = Lookups {
        by_headers: Some(HeaderMatch {
            message_id: m.thread_ids().next().unwrap().to_string(),
            ticket: printer_ticket(Status::Resolved),
        }),
        ..Lookups::default()
    };
    let decision = decide(&Facts::of(&m, &config()), &found, &config());
    assert_eq!(
        decision,
        Decision::AppendTo {
            ticket: TicketId(123),
            reason: Reason::RepliedToDeskMessage {
                number: "INC-000123".into(),
                message_id: "ticket-123.notify-7@desk.example.com".into(),
                sender_role: Some(Role::Requester),
            },
            entry: EntryKind::Email,
            reopen: true,
            new_watchers: vec!["bob@example.org".into()],
        }
    );
}

#[test]
fn stranger_with_matching_subject_opens_a_linked_ticket() {
    let raw = corpus("stranger_subject.eml");
    let m = read(&raw).unwrap();
    let facts = Facts::of(&m, &config());
    assert_eq!(facts.subject_number, Some(inc(123)));
    let found = Lookups {
        by_subject: Some(printer_ticket(Status::InProgress)),
        ..Lookups::default()
    };
    let decision = decide(&facts, &found, &config());
    assert_eq!(
        decision,
        Decision::OpenLinked {
            linked_to: TicketId(123),
            reason: Reason::SubjectNumberFromStranger {
                number: "INC-000123".into(),
                sender: "mallory@elsewhere.example".into(),
            },
            watchers: vec![],
            acknowledge: true,
        }
    );
}

#[test]
fn bounce_on_our_thread_becomes_a_note_and_loops_are_ignored() {
    let raw = corpus("dsn_bounce.eml");
    let m = read(&raw).unwrap();
    let found = Lookups {
        by_headers: Some(HeaderMatch {
            message_id: m.reported_message_id.clone().unwrap(),
            ticket: printer_ticket(Status::Pending),
        }),
        ..Lookups::default()
    };
    let decision = decide(&Facts::of(&m, &config()), &found, &config());
    let Decision::AppendTo {
        entry,
        reopen,
        reason,
        ..
    } = &decision
    else {
        panic!("{decision:?}");
    };
    assert_eq!((*entry, *reopen), (EntryKind::InternalNote, false));
    assert!(matches!(
        reason,
        Reason::AutomaticOnThread {
            found_by: FoundBy::Headers,
            ..
        }
    ));

    let raw = corpus("loop_marker.eml");
    let m = read(&raw).unwrap();
    let decision = decide(&Facts::of(&m, &config()), &Lookups::default(), &config());
    assert_eq!(decision.reason().kind(), "mail_loop");
}

#[test]
fn repeated_alert_is_a_duplicate() {
    let raw = corpus("nagios_problem.eml");
    let m = read(&raw).unwrap();
    let found = Lookups {
        by_external_id: Some(printer_ticket(Status::Assigned)),
        ..Lookups::default()
    };
    let decision = decide(&Facts::of(&m, &config()), &found, &config());
    assert!(matches!(
        decision,
        Decision::Duplicate {
            ticket: TicketId(123),
            ..
        }
    ));
    let json = serde_json::to_value(&decision).unwrap();
    assert_eq!(json["decision"], "duplicate");
    assert_eq!(json["reason"]["kind"], "same_external_id");
    assert_eq!(json["reason"]["external_id"]["value"], "web1/HTTP");
}
