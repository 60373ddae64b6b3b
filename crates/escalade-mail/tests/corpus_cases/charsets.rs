//! Charsets and transfer encodings: each charset in bodies and RFC 2047 headers.

use chrono::{TimeZone, Utc};
use escalade_mail::inbound::read;

use crate::{corpus, mailbox, new_text};

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
