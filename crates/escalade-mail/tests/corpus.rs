//! The corpus: real-shaped messages written for these tests (tests/corpus/*.eml), each read
//! by `inbound::read` and checked field by field; a few also go through `threading::decide`.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use escalade_core::ids::{TicketId, TicketNumber};
use escalade_core::ticket::{Status, TicketType};
use escalade_mail::inbound::{AutomaticKind, InboundMessage, Mailbox, Unreadable, read};
use escalade_mail::threading::{
    Decision, EntryKind, Facts, FoundBy, HeaderMatch, KnownTicket, Lookups, Reason, Role,
    ThreadingConfig, decide,
};

fn corpus(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "tests", "corpus", name]
        .iter()
        .collect();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn mailbox(address: &str, name: Option<&str>) -> Mailbox {
    Mailbox {
        address: address.to_string(),
        name: name.map(str::to_string),
    }
}

fn new_text<'a>(m: &'a InboundMessage<'_>) -> &'a str {
    m.body.new_text()
}

// ---------- charsets and encodings ----------

#[test]
fn utf8_plain_new_request() {
    let raw = corpus("utf8_plain.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.message_id.as_deref(), Some("CAF=new-1@mail.example.org"));
    assert!(m.in_reply_to.is_empty() && m.references.is_empty());
    assert_eq!(m.from, mailbox("ann.lee@example.org", Some("Ann Lee")));
    assert_eq!(m.reply_to, vec![mailbox("ann.private@example.net", None)]);
    assert_eq!(
        m.to,
        vec![mailbox("support@desk.example.com", Some("IT Support"))]
    );
    assert_eq!(
        m.cc,
        vec![
            mailbox("bob@example.org", Some("Bob Stone")),
            mailbox("carol@example.org", None)
        ]
    );
    assert_eq!(
        m.date,
        Some(Utc.with_ymd_and_hms(2026, 3, 3, 9, 15, 0).unwrap())
    );
    assert_eq!(m.subject, "Printer on floor 2 prints blank pages");
    assert!(new_text(&m).contains("Error code: 49.4C02 — café ☕ naïve."));
    assert!(new_text(&m).ends_with("Ann"));
    assert_eq!(m.body.quoted_history(), None);
    assert!(!m.body.from_html);
    assert_eq!(m.html, None);
    assert!(m.attachments.is_empty());
    assert_eq!(m.raw_size, raw.len());
    assert_eq!(m.received_count, 1);
    assert_eq!(m.automatic, None);
    assert_eq!(m.external_id, None);
    assert!(m.loop_markers.is_empty());
}

#[test]
fn iso_8859_1_quoted_printable_with_q_encoded_headers() {
    let raw = corpus("latin1_qp.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        m.from,
        mailbox("helene.dupre@exemple.fr", Some("Hélène Dupré"))
    );
    assert_eq!(m.subject, "Écran noir après mise à jour");
    assert_eq!(
        new_text(&m),
        "Bonjour,\n\nMon écran reste noir après la mise à jour. J'ai déjà essayé de \
         redémarrer.\nMerci d'avance,\nHélène Dupré"
    );
    assert_eq!(
        m.date,
        Some(Utc.with_ymd_and_hms(2026, 3, 3, 10, 0, 0).unwrap())
    );
}

#[test]
fn windows_1252_euro_and_smart_quotes() {
    let raw = corpus("windows1252.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        new_text(&m),
        "Hi team,\n\nThe invoice shows € 1 200 instead of “€ 120” – please check."
    );
    // An undeclared 8-bit display name is not UTF-8: the address still reads, the name is lossy.
    assert_eq!(m.from.address, "jose@example.es");
    assert!(m.from.name.as_deref().unwrap().starts_with("Jos"));
}

#[test]
fn koi8_r_base64_body_and_b_encoded_headers() {
    let raw = corpus("koi8r_base64.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        m.from,
        mailbox("ivan.petrov@example.ru", Some("Иван Петров"))
    );
    assert_eq!(m.subject, "Не работает VPN");
    assert_eq!(
        new_text(&m),
        "Здравствуйте!\n\nНе работает VPN с утра. Ошибка 809.\n\nС уважением,\nИван Петров"
    );
    assert_eq!(
        m.date,
        Some(Utc.with_ymd_and_hms(2026, 3, 3, 5, 30, 0).unwrap())
    );
}

#[test]
fn gb2312_base64() {
    let raw = corpus("gb2312_base64.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.from, mailbox("wang.fang@example.cn", Some("王芳")));
    assert_eq!(m.subject, "打印机无法连接");
    assert_eq!(
        new_text(&m),
        "您好：\n\n我的电脑无法连接打印机，请帮忙处理。\n\n王芳"
    );
}

#[test]
fn gbk_8bit_with_characters_outside_gb2312() {
    let raw = corpus("gbk_8bit.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.from, mailbox("zhang@example.cn", Some("张堃")));
    assert_eq!(m.subject, "账号被锁定");
    assert_eq!(
        new_text(&m),
        "你好，\n\n张堃的账号被锁定了，朱镕无法登录邮箱。"
    );
}

#[test]
fn iso_2022_jp() {
    let raw = corpus("iso2022jp.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.from, mailbox("tanaka@example.jp", Some("田中太郎")));
    assert_eq!(m.subject, "パスワードのリセット");
    assert_eq!(
        new_text(&m),
        "お世話になっております。\nパスワードをリセットしてください。\n\n田中"
    );
}

#[test]
fn rfc2047_headers_mixed_charsets_and_groups() {
    let raw = corpus("rfc2047_headers.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.from, mailbox("anna.li@example.ru", Some("Анна Ли")));
    // Adjacent encoded words join without the folding space (RFC 2047 section 6.2).
    assert_eq!(m.subject, "Mot de passe oublié / Парольパスワード");
    assert_eq!(m.to, vec![mailbox("francois@example.fr", Some("François"))]);
    assert_eq!(
        m.cc,
        vec![
            mailbox("wang.xiang@example.cn", Some("王翔")),
            mailbox("john.doe@example.com", Some("Doe, John"))
        ]
    );
    assert_eq!(m.message_id.as_deref(), Some("spaced-id@example.ru"));
    assert_eq!(
        m.date,
        Some(Utc.with_ymd_and_hms(2026, 3, 5, 16, 0, 0).unwrap())
    );
}

// ---------- structure: alternative, mixed, related, forwards ----------

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

// ---------- reply shapes ----------

#[test]
fn gmail_reply_english() {
    let raw = corpus("gmail_reply_en.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        new_text(&m),
        "Restarting did not help, the pages are still blank."
    );
    let history = m.body.quoted_history().unwrap();
    assert!(history.starts_with("On Tue, Mar 3, 2026 at 10:02 AM IT Support"));
    assert!(history.ends_with("> IT Support\n"));
    assert_eq!(m.in_reply_to, ["ticket-123.notify-7@desk.example.com"]);
    assert_eq!(
        m.references,
        [
            "CAF=new-1@mail.example.org",
            "ticket-123.notify-7@desk.example.com"
        ]
    );
    assert_eq!(
        m.thread_ids().collect::<Vec<_>>(),
        [
            "ticket-123.notify-7@desk.example.com",
            "CAF=new-1@mail.example.org"
        ]
    );
}

#[test]
fn outlook_reply_english_with_crlf() {
    let raw = corpus("outlook_reply_en.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.from, mailbox("bob.stone@example.org", Some("Stone, Bob")));
    assert_eq!(new_text(&m), "Same here on floor 3.\r\n\r\nBob");
    let history = m.body.quoted_history().unwrap();
    assert!(history.starts_with("________________________________\r\nFrom: IT Support"));
    assert!(history.contains("please restart the printer."));
}

#[test]
fn outlook_reply_french() {
    let raw = corpus("outlook_reply_fr.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        m.subject,
        "RE\u{a0}: [INC-000124] Écran noir après mise à jour"
    );
    assert_eq!(
        new_text(&m),
        "Toujours le même problème ce matin.\n\nHélène"
    );
    assert!(
        m.body
            .quoted_history()
            .unwrap()
            .starts_with("De : IT Support")
    );
}

#[test]
fn outlook_reply_russian_original_message_separator() {
    let raw = corpus("outlook_reply_ru.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.subject, "RE: [INC-000125] Не работает VPN");
    assert_eq!(new_text(&m), "Проблема решена, спасибо.");
    assert!(
        m.body
            .quoted_history()
            .unwrap()
            .starts_with("-----Исходное сообщение-----")
    );
    assert_eq!(m.references, ["ticket-125.notify-2@desk.example.com"]);
}

#[test]
fn outlook_reply_chinese_gbk() {
    let raw = corpus("outlook_reply_zh.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.subject, "回复: [INC-000126] 打印机无法连接");
    assert_eq!(new_text(&m), "问题已解决，谢谢！");
    assert!(
        m.body
            .quoted_history()
            .unwrap()
            .starts_with("发件人: IT Support")
    );
}

#[test]
fn thunderbird_reply_french() {
    let raw = corpus("thunderbird_reply_fr.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.subject, "Re: [INC-000124] Écran noir");
    assert_eq!(new_text(&m), "Oui, après redémarrage l'écran fonctionne.");
    assert_eq!(
        m.body.quoted_history(),
        Some(
            "Le 03/03/2026 à 10:02, IT Support a écrit :\n> Bonjour,\n> pouvez-vous redémarrer ?\n"
        )
    );
}

#[test]
fn apple_mail_reply_with_quoted_attribution() {
    let raw = corpus("apple_mail_reply.eml");
    let m = read(&raw).unwrap();
    assert_eq!(new_text(&m), "Printed fine now.\n\nSent from my iPhone");
    assert!(
        m.body
            .quoted_history()
            .unwrap()
            .starts_with("> On 3 Mar 2026, at 10:02")
    );
}

#[test]
fn gmail_reply_russian_and_chinese() {
    let raw = corpus("gmail_reply_ru.eml");
    let m = read(&raw).unwrap();
    assert_eq!(new_text(&m), "Всё работает, спасибо!");
    assert!(
        m.body
            .quoted_history()
            .unwrap()
            .starts_with("3 марта 2026 г., в 10:02")
    );

    let raw = corpus("gmail_reply_zh.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.subject, "Re: [INC-000126] 打印机");
    assert_eq!(new_text(&m), "好的，明天再试。");
    assert!(
        m.body
            .quoted_history()
            .unwrap()
            .starts_with("在 2026年3月3日 10:02")
    );
}

#[test]
fn inline_answers_are_all_new_text() {
    let raw = corpus("inline_answers.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        new_text(&m),
        "> Which model is it?\nHP LaserJet 4.\n> Since when?\nSince Monday."
    );
    assert_eq!(m.body.quoted_history(), None);
}

// ---------- automatic mail ----------

#[test]
fn automatic_mail_of_each_kind_names_its_signal() {
    let cases = [
        (
            "autoreply_auto_submitted.eml",
            AutomaticKind::AutoReply,
            "Auto-Submitted: auto-replied",
        ),
        (
            "autoreply_outlook.eml",
            AutomaticKind::AutoReply,
            "Subject: automatic reply:",
        ),
        (
            "autoreply_x_autoreply.eml",
            AutomaticKind::AutoReply,
            "X-Autoreply: yes",
        ),
        (
            "autoreply_x_autorespond.eml",
            AutomaticKind::AutoReply,
            "X-Autorespond: Out of office",
        ),
        (
            "precedence_auto_reply.eml",
            AutomaticKind::AutoReply,
            "Precedence: auto_reply",
        ),
        (
            "precedence_bulk.eml",
            AutomaticKind::Bulk,
            "Precedence: bulk",
        ),
        (
            "mailing_list.eml",
            AutomaticKind::MailingList,
            "List-ID: intranet-users.lists.example.org",
        ),
        (
            "dsn_bounce.eml",
            AutomaticKind::Bounce,
            "Content-Type: multipart/report; report-type=delivery-status",
        ),
        (
            "dsn_headers_only.eml",
            AutomaticKind::Bounce,
            "Content-Type: multipart/report; report-type=delivery-status",
        ),
        (
            "read_receipt.eml",
            AutomaticKind::ReadReceipt,
            "Content-Type: multipart/report; report-type=disposition-notification",
        ),
        (
            "monitoring_alert_header.eml",
            AutomaticKind::AutoGenerated,
            "Auto-Submitted: auto-generated",
        ),
    ];
    for (file, kind, signal) in cases {
        let raw = corpus(file);
        let m = read(&raw).unwrap();
        let automatic = m
            .automatic
            .unwrap_or_else(|| panic!("{file} not automatic"));
        assert_eq!(
            (automatic.kind, automatic.signal.as_str()),
            (kind, signal),
            "{file}"
        );
    }
    for human in [
        "utf8_plain.eml",
        "gmail_reply_en.eml",
        "outlook_reply_en.eml",
        "monitoring_zabbix.eml",
    ] {
        assert_eq!(read(&corpus(human)).unwrap().automatic, None, "{human}");
    }
}

#[test]
fn outlook_auto_reply_subject_and_header() {
    let raw = corpus("autoreply_outlook.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.subject, "Automatic reply: [INC-000123] Printer");
    assert_eq!(new_text(&m), "I am out of the office until March 10.");
}

#[test]
fn bounce_reports_on_our_message() {
    let raw = corpus("dsn_bounce.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        m.from,
        mailbox("mailer-daemon@mx.example.org", Some("Mail Delivery System"))
    );
    assert_eq!(
        m.reported_message_id.as_deref(),
        Some("ticket-123.notify-9@desk.example.com")
    );
    assert_eq!(
        m.thread_ids().next(),
        Some("ticket-123.notify-9@desk.example.com")
    );
    assert!(new_text(&m).contains("550 5.1.1 User unknown"));
    assert_eq!(
        m.forwarded[0].subject,
        "[INC-000123] Printer on floor 2 prints blank pages"
    );
    assert_eq!(m.attachments.len(), 1);
    assert_eq!(m.attachments[0].media_type, "message/delivery-status");
    // The returned message carries our loop marker, but it is inside the report, not ours.
    assert!(m.loop_markers.is_empty());

    let raw = corpus("dsn_headers_only.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.from, mailbox("postmaster@example.net", None));
    assert_eq!(
        m.reported_message_id.as_deref(),
        Some("ticket-127.notify-1@desk.example.com")
    );

    let raw = corpus("read_receipt.eml");
    let m = read(&raw).unwrap();
    assert_eq!(
        m.reported_message_id.as_deref(),
        Some("ticket-123.notify-7@desk.example.com")
    );
}

// ---------- external identifiers, loops ----------

#[test]
fn external_identifiers_from_headers_subjects_and_zabbix_bodies() {
    let cases = [
        (
            "monitoring_alert_header.eml",
            "x-alert-id",
            "prom-7f3a9c",
            false,
        ),
        (
            "monitoring_zabbix.eml",
            "body:original-problem-id",
            "4711",
            false,
        ),
        (
            "monitoring_zabbix_resolved.eml",
            "body:original-problem-id",
            "4711",
            true,
        ),
        ("nagios_problem.eml", "nagios", "web1/HTTP", false),
        ("nagios_recovery.eml", "nagios", "web1/HTTP", true),
        (
            "foreign_ticket_otrs.eml",
            "subject:ticket#",
            "2026030510000011",
            false,
        ),
    ];
    for (file, source, value, recovery) in cases {
        let raw = corpus(file);
        let id = read(&raw)
            .unwrap()
            .external_id
            .unwrap_or_else(|| panic!("{file}"));
        assert_eq!(
            (id.source.as_str(), id.value.as_str(), id.recovery),
            (source, value, recovery),
            "{file}"
        );
    }
    let raw = corpus("monitoring_zabbix.eml");
    let id = read(&raw).unwrap().external_id.unwrap();
    assert_eq!(id.sender_domain, "monitoring.example.org");
    assert_eq!(
        id.key(),
        "monitoring.example.org|body:original-problem-id|4711"
    );
    assert_eq!(
        read(&corpus("gmail_reply_en.eml")).unwrap().external_id,
        None
    );
}

#[test]
fn loop_marker_and_hop_count() {
    let raw = corpus("loop_marker.eml");
    let m = read(&raw).unwrap();
    assert_eq!(m.loop_markers, ["desk-1"]);
    assert!(m.carries_loop_marker("desk-1") && !m.carries_loop_marker("desk-2"));
    let raw = corpus("too_many_hops.eml");
    assert_eq!(read(&raw).unwrap().received_count, 46);
}

// ---------- broken mail ----------

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

// ---------- read and decide together ----------

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
