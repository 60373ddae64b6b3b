//! Composition checked on the bytes a mail client would receive, parsed back with
//! mail-parser: headers, both parts, each language, escaping, threading.

use std::collections::BTreeSet;
use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use escalade_core::people::Language;
use escalade_core::ticket::Status;
use fluent_templates::fluent_bundle::FluentResource;
use mail_parser::{HeaderValue, MessageParser};

use super::*;

fn desk() -> Desk {
    Desk {
        name: "IT Service Desk".into(),
        address: "help@desk.example.org".into(),
        domain: "desk.example.org".into(),
        desk_id: "desk-7f3a".into(),
        portal_url: "https://help.example.org/".into(),
        subject_tag: String::new(),
    }
}

fn ticket() -> TicketRef {
    TicketRef {
        number: "INC-000123".into(),
        title: "Printer jams on floor 3".into(),
    }
}

fn requester(lang: Language) -> Recipient {
    Recipient {
        name: "Anna Durand".into(),
        address: "anna@example.org".into(),
        language: lang,
        audience: Audience::Requester,
    }
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 3, 9, 30, 0).unwrap()
}

fn reply() -> Event {
    Event::PublicReply {
        author: "Lena Agent".into(),
        body: "Please restart the printer.\n\nThen try again & tell us <how> it went.".into(),
    }
}

struct Parsed {
    subject: String,
    message_id: String,
    in_reply_to: Vec<String>,
    references: Vec<String>,
    text: String,
    html: String,
    raw_headers: String,
}

fn ids(v: &HeaderValue<'_>) -> Vec<String> {
    match v {
        HeaderValue::Text(t) => vec![t.to_string()],
        HeaderValue::TextList(l) => l.iter().map(|t| t.to_string()).collect(),
        _ => Vec::new(),
    }
}

fn parse(o: &Outgoing) -> Parsed {
    let m = MessageParser::default().parse(&o.bytes).expect("parses");
    let raw = String::from_utf8_lossy(&o.bytes);
    let end = raw.find("\r\n\r\n").expect("header block");
    Parsed {
        subject: m.subject().unwrap_or_default().to_string(),
        message_id: m.message_id().unwrap_or_default().to_string(),
        in_reply_to: ids(m.in_reply_to()),
        references: ids(m.references()),
        text: m.body_text(0).expect("text part").to_string(),
        html: m.body_html(0).expect("html part").to_string(),
        raw_headers: raw[..end].to_string(),
    }
}

fn compose_one(event: &Event, lang: Language, thread: &Thread) -> Outgoing {
    compose(
        &desk(),
        &ticket(),
        event,
        &requester(lang),
        thread,
        &message_id("INC-000123.abc123", "desk.example.org"),
        now(),
    )
    .expect("composes")
}

#[test]
fn a_reply_carries_threading_tag_and_both_parts() {
    let thread = Thread {
        first: Some("<first@desk.example.org>".into()),
        last: Some("<last@mail.example.org>".into()),
    };
    let o = compose_one(&reply(), Language::En, &thread);
    assert_eq!(o.message_id, "<INC-000123.abc123@desk.example.org>");
    assert_eq!(o.to, "anna@example.org");
    let p = parse(&o);
    assert_eq!(p.subject, "Re: [INC-000123] Printer jams on floor 3");
    assert_eq!(p.message_id, "INC-000123.abc123@desk.example.org");
    assert_eq!(p.in_reply_to, vec!["last@mail.example.org"]);
    assert_eq!(
        p.references,
        vec!["first@desk.example.org", "last@mail.example.org"]
    );
    assert!(p.text.contains("Hello Anna Durand,"), "{}", p.text);
    assert!(p.text.contains("Lena Agent wrote on request INC-000123"));
    assert!(p.text.contains("Then try again & tell us <how> it went."));
    assert!(
        p.text
            .contains("https://help.example.org/portal/tickets/INC-000123")
    );
    // HTML: the person's text is escaped, line breaks kept as paragraphs.
    assert!(
        p.html.contains("tell us &#60;how&#62; it went")
            || p.html.contains("tell us &lt;how&gt; it went"),
        "{}",
        p.html
    );
    assert!(!p.html.contains("<how>"));
    assert!(
        p.html
            .contains("<p style=\"margin:8px 0;\">Please restart the printer.</p>")
    );
    assert!(p.raw_headers.contains("multipart/alternative"));
    assert!(p.raw_headers.contains("X-Escalade-Loop: desk-7f3a"));
    assert!(p.raw_headers.contains("Content-Language: en"));
    // A person's reply is not automatic.
    assert!(
        !p.raw_headers.contains("Auto-Submitted"),
        "{}",
        p.raw_headers
    );
}

#[test]
fn html_has_no_remote_resources() {
    for lang in Language::ALL {
        let o = compose_one(&Event::Resolved, *lang, &Thread::default());
        let html = parse(&o).html;
        for banned in ["<img", "<link", "<script", "src=", "url(", "@import"] {
            assert!(!html.contains(banned), "{banned} in {html}");
        }
    }
}

#[test]
fn first_message_of_a_thread_has_no_parent() {
    let p = parse(&compose_one(
        &Event::Received,
        Language::En,
        &Thread::default(),
    ));
    assert!(p.in_reply_to.is_empty());
    assert!(p.references.is_empty());
    assert!(!p.raw_headers.contains("In-Reply-To"));
    assert_eq!(
        p.subject,
        "[INC-000123] Request received: Printer jams on floor 3"
    );
    assert!(p.text.contains("under the number INC-000123"));
    // An acknowledgement answers the requester's message automatically.
    assert!(p.raw_headers.contains("Auto-Submitted: auto-replied"));
}

#[test]
fn thread_with_only_a_root_points_at_it_once() {
    let thread = Thread {
        first: Some("<root@x>".into()),
        last: Some("<root@x>".into()),
    };
    let p = parse(&compose_one(&reply(), Language::En, &thread));
    assert_eq!(p.in_reply_to, vec!["root@x"]);
    assert_eq!(p.references, vec!["root@x"]);
}

#[test]
fn notices_are_auto_generated() {
    for e in [
        Event::Resolved,
        Event::Closed,
        Event::StatusChanged {
            from: Status::New,
            to: Status::Pending,
        },
    ] {
        let p = parse(&compose_one(&e, Language::En, &Thread::default()));
        assert!(
            p.raw_headers.contains("Auto-Submitted: auto-generated"),
            "{e:?}"
        );
        assert!(p.raw_headers.contains("X-Auto-Response-Suppress: All"));
    }
    let auto = Event::AutoReply {
        template: "ack_printer".into(),
        text: "Our hardware team has your request.".into(),
    };
    let p = parse(&compose_one(&auto, Language::En, &Thread::default()));
    assert!(p.raw_headers.contains("Auto-Submitted: auto-replied"));
    assert!(p.text.contains("Our hardware team has your request."));
}

#[test]
fn each_language_speaks_its_own_words() {
    let cases = [
        (Language::En, "Request received", "Hello Anna Durand,"),
        (Language::Fr, "Demande reçue", "Bonjour Anna Durand,"),
        (
            Language::Ru,
            "Заявка получена",
            "Здравствуйте, Anna Durand!",
        ),
        (Language::ZhCn, "已收到您的请求", "Anna Durand，您好："),
    ];
    for (lang, subject, greeting) in cases {
        let o = compose_one(&Event::Received, lang, &Thread::default());
        let p = parse(&o);
        assert!(p.subject.contains(subject), "{lang:?}: {}", p.subject);
        assert!(p.subject.starts_with("[INC-000123] "));
        assert!(p.text.starts_with(greeting), "{lang:?}: {}", p.text);
        assert!(p.html.contains(greeting), "{lang:?}");
        assert!(p.html.contains(&format!("lang=\"{}\"", lang.as_str())));
        // No Fluent isolation marks, no key left untranslated.
        assert!(!p.text.contains('\u{2068}') && !p.text.contains("mail-"));
    }
}

#[test]
fn french_status_change_names_both_statuses() {
    let e = Event::StatusChanged {
        from: Status::InProgress,
        to: Status::Pending,
    };
    let p = parse(&compose_one(&e, Language::Fr, &Thread::default()));
    assert_eq!(
        p.subject,
        "[INC-000123] La demande INC-000123 est maintenant : En attente"
    );
    assert!(
        p.text.contains("« En cours » à « En attente »"),
        "{}",
        p.text
    );
}

#[test]
fn resolution_links_to_confirm_and_reopen() {
    let p = parse(&compose_one(
        &Event::Resolved,
        Language::En,
        &Thread::default(),
    ));
    let page = "https://help.example.org/portal/tickets/INC-000123";
    assert!(
        p.text
            .contains(&format!("Confirm the resolution: {page}#confirm-form"))
    );
    assert!(
        p.text
            .contains(&format!("Reopen the request: {page}#reopen-form"))
    );
    assert!(p.html.contains(&format!("href=\"{page}#confirm-form\"")));
}

#[test]
fn escalation_notice_links_agents_to_the_console() {
    let to = Recipient {
        audience: Audience::Agent,
        language: Language::Ru,
        ..requester(Language::Ru)
    };
    let e = Event::Escalated {
        group: Some("Сеть".into()),
        level: 2,
        summary: "Коммутатор перезагружен, проблема осталась.".into(),
    };
    let o = compose(
        &desk(),
        &ticket(),
        &e,
        &to,
        &Thread::default(),
        "<x@y>",
        now(),
    )
    .expect("composes");
    let p = parse(&o);
    assert!(p.subject.contains("Эскалирована в Сеть"), "{}", p.subject);
    assert!(p.text.contains("(уровень 2)"));
    assert!(p.text.contains("Коммутатор перезагружен"));
    assert!(
        p.text
            .contains("https://help.example.org/agent/tickets/INC-000123")
    );
}

#[test]
fn no_portal_address_means_no_links() {
    let d = Desk {
        portal_url: String::new(),
        ..desk()
    };
    let o = compose(
        &d,
        &ticket(),
        &Event::Resolved,
        &requester(Language::En),
        &Thread::default(),
        "<x@y>",
        now(),
    )
    .expect("composes");
    assert!(!parse(&o).text.contains("http"));
}

#[test]
fn bad_addresses_are_refused() {
    let mut to = requester(Language::En);
    to.address = "not an address".into();
    let err = compose(
        &desk(),
        &ticket(),
        &Event::Closed,
        &to,
        &Thread::default(),
        "<x@y>",
        now(),
    )
    .unwrap_err();
    assert!(matches!(err, ComposeError::Address { field: "to", .. }));
}

#[test]
fn subject_tags_do_not_stack() {
    assert_eq!(tag_subject("Hello", "INC-000001", ""), "[INC-000001] Hello");
    assert_eq!(
        tag_subject("Re: [INC-000001] Hello", "INC-000001", ""),
        "Re: [INC-000001] Hello"
    );
    assert_eq!(
        tag_subject("RE: Fwd: Hello", "INC-000001", ""),
        "RE: Fwd: [INC-000001] Hello"
    );
    assert_eq!(
        tag_subject("回复：打印机", "INC-000001", ""),
        "回复： [INC-000001] 打印机"
    );
    assert_eq!(
        tag_subject("Ответ: принтер", "INC-000001", ""),
        "Ответ: [INC-000001] принтер"
    );
    assert_eq!(
        tag_subject("Hello", "REQ-000002", "Escalade#"),
        "[Escalade#REQ-000002] Hello"
    );
}

#[test]
fn message_ids_are_clean() {
    assert_eq!(
        message_id("a b<c>", " Desk.Example.ORG "),
        "<abc@desk.example.org>"
    );
    assert_eq!(message_id("x", ""), "<x@localhost>");
}

#[test]
fn a_subject_tag_word_is_used() {
    let d = Desk {
        subject_tag: "Helpdesk#".into(),
        ..desk()
    };
    let o = compose(
        &d,
        &ticket(),
        &Event::Closed,
        &requester(Language::En),
        &Thread::default(),
        "<x@y>",
        now(),
    )
    .expect("composes");
    assert!(
        parse(&o)
            .subject
            .starts_with("[Helpdesk#INC-000123] Closed:")
    );
}

#[test]
fn test_message_has_no_thread() {
    let o = test_message(&desk(), &requester(Language::ZhCn), "<t@desk>", now()).expect("ok");
    let p = parse(&o);
    assert_eq!(p.subject, "Escalade 测试邮件");
    assert!(p.text.contains("SMTP"));
}

// ---- the coverage guard: every language has every key, and every key used exists ----

fn keys_of(lang: &str) -> BTreeSet<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang)
        .join("mail.ftl");
    let text = std::fs::read_to_string(&path).expect("locale file");
    if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
        panic!("{} does not parse: {errors:?}", path.display());
    }
    let mut keys = BTreeSet::new();
    for line in text.lines() {
        let Some((id, _)) = line.split_once('=') else {
            continue;
        };
        let id = id.trim_end();
        if id.starts_with(|c: char| c.is_ascii_alphabetic())
            && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            assert!(keys.insert(id.to_string()), "{id} twice in {lang}");
        }
    }
    keys
}

#[test]
fn every_language_has_every_key() {
    let english = keys_of("en");
    for lang in Language::ALL {
        let other = keys_of(lang.as_str());
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, not in English {extra:?}",
            lang.as_str()
        );
        for key in KEYS {
            assert!(other.contains(*key), "{key} missing in {}", lang.as_str());
        }
    }
}

#[test]
fn every_key_used_in_the_code_is_listed() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/outbound");
    let mut used = BTreeSet::new();
    for entry in std::fs::read_dir(dir).expect("src") {
        let path = entry.expect("entry").path();
        if path.ends_with("tests.rs") || path.ends_with("words.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("source");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("\"mail-") {
            rest = &rest[at + 1..];
            let end = rest.find('"').expect("closing quote");
            let key = &rest[..end];
            // `format!("mail-status-{}", ...)` builds the status words, checked below.
            if !key.ends_with('-') && !key.contains('{') {
                used.insert(key.to_string());
            }
        }
    }
    assert!(used.len() > 20, "the scan found too little: {used:?}");
    for key in &used {
        assert!(KEYS.contains(&key.as_str()), "{key} used but not in KEYS");
    }
    for s in Status::ALL {
        let key = format!("mail-status-{}", s.as_str().replace('_', "-"));
        assert!(KEYS.contains(&key.as_str()), "{key} not in KEYS");
    }
}
