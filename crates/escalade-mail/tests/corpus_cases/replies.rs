//! Reply shapes of Gmail, Outlook, Thunderbird and Apple Mail in four languages: new text and folded history.

use escalade_mail::inbound::read;

use crate::{corpus, mailbox, new_text};

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
