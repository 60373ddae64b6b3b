//! Malformed and unreadable messages.

use escalade_mail::inbound::{Unreadable, read};

use crate::{corpus, mailbox};

#[test]
fn malformed_mime_is_read_best_effort() {
    let raw = corpus("malformed_mime.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.from, mailbox("broken@example.org", Some("Broken Client")));
    assert_eq!(m.date, None);
    assert!(
        m.in_reply_to.is_empty(),
        "words without @ are not Message-IDs"
    );
    assert!(m.subject.ends_with("still readable"));
    // The undecodable body is shown as it came rather than lost.
    assert_eq!(m.body.text, "VGhlIHNlcnZlciBpcyBkb3duLg=====!!!");
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].file_name.as_deref(), Some("cut.bin"));
}

#[test]
fn unreadable_messages_say_why() {
    assert_eq!(
        read(&corpus("unreadable_no_sender.eml")).unwrap_err(),
        Unreadable::NoSender
    );
    assert_eq!(read(b"").unwrap_err(), Unreadable::Empty);
    assert_eq!(read(b" \r\n\t").unwrap_err(), Unreadable::Empty);
    assert_eq!(
        read(b"\x00\x01 not a message").unwrap_err().code(),
        "no_sender"
    );
}

#[test]
fn owned_messages_outlive_the_raw_bytes() {
    let owned = {
        let raw = corpus("mixed_attachments.eml");
        read(&raw).unwrap().into_owned()
    };
    assert_eq!(
        owned.attachments[0].file_name.as_deref(),
        Some("Überweisung März.pdf")
    );
    assert_eq!(
        owned.body.new_text(),
        "Please find the form and the log attached."
    );
}
