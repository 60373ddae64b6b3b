//! Message structure: alternative, mixed, related with many inline images, forwards, a huge HTML body.

use chrono::{TimeZone, Utc};
use escalade_mail::inbound::read;

use crate::{corpus, mailbox, new_text};

#[test]
fn alternative_prefers_text_and_sanitises_html() {
    let raw = corpus("alternative.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        new_text(&m),
        "The VPN drops every 10 minutes.\nSee https://status.example.org/vpn"
    );
    let html = m.html.as_deref().unwrap();
    assert!(html.contains("<p>The <b>VPN</b> drops every 10 minutes.</p>"));
    for gone in [
        "<script",
        "alert(",
        "onload",
        "onclick",
        "steal",
        "evil",
        "<iframe",
        "<form",
        "<style",
        "track.example.net",
        "javascript:",
        "data:image",
    ] {
        assert!(!html.contains(gone), "{gone} survived in {html}");
    }
    assert!(html.contains(r#"<img src="cid:logo@example.org" alt="logo">"#));
    assert!(html.contains(
        r#"<a href="https://status.example.org/vpn" rel="noopener noreferrer nofollow">status</a>"#
    ));
    assert!(m.attachments.is_empty());
}

#[test]
fn html_only_gmail_reply_is_converted_and_folded() {
    let raw = corpus("html_only_gmail.eml");
    let m = read(&raw).unwrap();
    assert!(m.body.from_html);
    assert_eq!(new_text(&m), "It works again, thank you!\n\nAnn");
    let history = m.body.quoted_history().unwrap();
    assert!(history.starts_with("On Tue, Mar 3, 2026 at 10:02"));
    assert!(history.contains("Please restart the printer."));
    assert!(m.html.as_deref().unwrap().contains("It works again"));
    assert_eq!(m.in_reply_to, ["ticket-123.notify-7@desk.example.com"]);
    assert_eq!(
        m.references,
        [
            "CAF=new-1@mail.example.org",
            "ticket-123.notify-7@desk.example.com"
        ]
    );
}

#[test]
fn mixed_attachments_with_encoded_file_names() {
    let raw = corpus("mixed_attachments.eml");
    let m = read(&raw).unwrap();
    assert_eq!(new_text(&m), "Please find the form and the log attached.");
    let names: Vec<_> = m
        .attachments
        .iter()
        .map(|a| a.file_name.as_deref())
        .collect();
    assert_eq!(
        names,
        [
            Some("Überweisung März.pdf"),
            Some("install.log"),
            Some("отчёт.bin")
        ]
    );
    let pdf = &m.attachments[0];
    assert_eq!(pdf.media_type, "application/pdf");
    assert!(pdf.bytes.starts_with(b"%PDF-1.4") && pdf.bytes.ends_with(b"%%EOF\n"));
    assert!(!pdf.inline && !pdf.forwarded && pdf.content_id.is_none());
    assert_eq!(m.attachments[1].media_type, "text/plain");
    assert_eq!(
        &m.attachments[1].bytes[..],
        b"line 1: ok\nline 2: error 0x80070005\n"
    );
    assert_eq!(&m.attachments[2].bytes[..], &[0u8, 1, 2, 3, 4, 5]);
}

#[test]
fn many_inline_images_keep_their_content_ids() {
    let raw = corpus("related_inline_images.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        new_text(&m),
        "Twelve screenshots of the steps, see the HTML version."
    );
    assert_eq!(m.attachments.len(), 12);
    for (i, image) in m.attachments.iter().enumerate() {
        let n = i + 1;
        assert_eq!(
            image.file_name.as_deref(),
            Some(format!("step{n}.png").as_str())
        );
        assert_eq!(image.media_type, "image/png");
        assert_eq!(
            image.content_id.as_deref(),
            Some(format!("step{n}@example.org").as_str())
        );
        assert!(image.inline);
        assert!(image.bytes.starts_with(b"\x89PNG\r\n"));
    }
    let html = m.html.as_deref().unwrap();
    assert_eq!(html.matches("<img src=\"cid:step").count(), 12);
}

#[test]
fn nested_forward_keeps_text_and_attachments() {
    let raw = corpus("nested_forward.eml");
    let m = read(&raw).unwrap();
    assert_eq!(new_text(&m), "Please take care of the message below.");
    assert_eq!(m.forwarded.len(), 1);
    let fwd = &m.forwarded[0];
    assert_eq!(fwd.from, Some(mailbox("eve@example.org", Some("Eve Ops"))));
    assert_eq!(fwd.subject, "Disk almost full on fileserver");
    assert_eq!(fwd.message_id.as_deref(), Some("inner-1@example.org"));
    assert_eq!(
        fwd.date,
        Some(Utc.with_ymd_and_hms(2026, 3, 4, 22, 0, 0).unwrap())
    );
    assert_eq!(
        fwd.text,
        "The volume /srv is 97% full. Café logs grow fast.\n"
    );
    assert_eq!(m.attachments.len(), 1);
    let csv = &m.attachments[0];
    assert_eq!(csv.file_name.as_deref(), Some("usage.csv"));
    assert_eq!(csv.media_type, "text/csv");
    assert!(csv.forwarded);
    assert_eq!(&csv.bytes[..], b"path,size\n/srv/logs,120G\n");
}

#[test]
fn huge_html_body_is_read_once_and_sanitised() {
    let template = String::from_utf8(corpus("huge_html_template.eml")).unwrap();
    let row = "<tr><td onclick=\"x()\">server-42</td><td><img src=\"https://t.example.net/p.gif\">ok</td></tr>\n";
    let raw = template.replace("ROWS", &row.repeat(20_000));
    assert!(raw.len() > 1_500_000);
    let m = read(raw.as_bytes()).unwrap();
    assert_eq!(m.raw_size, raw.len());
    let html = m.html.as_deref().unwrap();
    assert_eq!(html.matches("<td>server-42</td>").count(), 20_000);
    assert!(
        !html.contains("onclick") && !html.contains("<script") && !html.contains("t.example.net")
    );
    assert!(m.body.from_html);
    assert_eq!(m.body.text.matches("server-42").count(), 20_000);
}
