//! The mail the `mail` scenario feeds through the pipeline: a realistic mix of new
//! conversations, replies tagged with tickets opened earlier in the run, automatic replies,
//! and multipart messages with a small attachment, in four languages and several charsets
//! (US-ASCII, ISO-8859-1 quoted-printable, UTF-8 in base64 and quoted-printable, RFC 2047
//! subjects). Deterministic for a seed, so that runs compare.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;

/// Distinct senders: with the default per-sender limit (60 an hour) a run of up to 30,000
/// messages never reaches it, so no setting is changed for the run.
pub const SENDERS: usize = 500;

/// What a generated message is meant to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// A new conversation in plain text.
    New,
    /// A new conversation as multipart/mixed with a small attachment.
    WithAttachment,
    /// A reply whose subject carries the tag of a ticket opened earlier.
    Reply,
    /// An out-of-office answer: the desk must ignore it.
    AutoReply,
}

/// A ticket opened by the run, which later messages reply to.
#[derive(Debug, Clone)]
pub struct Opened {
    pub number: String,
    pub sender: usize,
}

/// Subjects and first lines, one per language, with the charset and transfer encoding each
/// is sent in.
struct Text {
    subject: &'static str,
    body: &'static str,
    charset: Charset,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Charset {
    /// ASCII text sent as 7bit.
    Ascii,
    /// ISO-8859-1 in quoted-printable (French mail from older clients).
    Latin1,
    /// UTF-8 in base64 (Russian, Chinese).
    Utf8Base64,
    /// UTF-8 in quoted-printable.
    Utf8Qp,
}

const TEXTS: &[Text] = &[
    Text {
        subject: "Printer on floor 2 prints blank pages",
        body: "Hello,\n\nthe printer next to the kitchen prints blank pages since this morning.\n\
               I already restarted it twice.\n\nThanks",
        charset: Charset::Ascii,
    },
    Text {
        subject: "Mot de passe expiré, impossible de me connecter",
        body: "Bonjour,\n\nmon mot de passe a expiré pendant mes congés et je ne peux plus \
               me connecter à la messagerie. Pouvez-vous le réinitialiser ?\n\nMerci d'avance",
        charset: Charset::Latin1,
    },
    Text {
        subject: "Не работает VPN из дома",
        body: "Здравствуйте!\n\nС утра не могу подключиться к VPN из дома: клиент пишет \
               «ошибка аутентификации».\n\nСпасибо",
        charset: Charset::Utf8Base64,
    },
    Text {
        subject: "打印机无法打印，显示错误代码 E-502",
        body: "您好，\n\n三楼的打印机从今天早上开始无法打印，屏幕显示错误代码 E-502。\n\n谢谢",
        charset: Charset::Utf8Base64,
    },
    Text {
        subject: "Outlook crashes when opening attachments",
        body: "Hi team,\n\nOutlook closes itself whenever I open a PDF attachment. It started \
               after yesterday's update.\n\nRegards",
        charset: Charset::Utf8Qp,
    },
    Text {
        subject: "Demande d'accès au dossier partagé Finance",
        body: "Bonjour,\n\nje rejoins l'équipe Finance lundi ; pourriez-vous me donner accès \
               au dossier partagé ?\n\nCordialement",
        charset: Charset::Utf8Qp,
    },
];

const REPLIES: &[&str] = &[
    "Thanks, it works again.",
    "Merci, c'est réglé de mon côté.",
    "Спасибо, теперь всё работает.",
    "谢谢，问题已经解决了。",
    "It happened again this afternoon, same error.",
];

/// Makes the run's messages; deterministic for a given seed, so runs compare.
pub struct Generator {
    state: u64,
    next: u64,
    /// Part of every Message-ID, so that a second run on the same database is not taken for
    /// the same mail delivered twice.
    run: u64,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        let run = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        Self {
            state: seed | 1,
            next: 0,
            run,
        }
    }

    /// A number below `below` (0 when `below` is 0).
    pub fn roll(&mut self, below: usize) -> usize {
        // xorshift64*: enough spread for choosing shapes and senders.
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        (self.state.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % below.max(1)
    }

    /// The shape of the next message: about 55 % new plain conversations, 15 % with an
    /// attachment, 25 % replies (once tickets exist), 5 % automatic replies.
    pub fn shape(&mut self, tickets_known: bool) -> Shape {
        match self.roll(100) {
            0..55 => Shape::New,
            55..70 => Shape::WithAttachment,
            70..95 if tickets_known => Shape::Reply,
            70..95 => Shape::New,
            _ => Shape::AutoReply,
        }
    }

    /// The next message of `shape` (a reply answers `to`, which must then be given), and
    /// the sender number it comes from.
    pub fn message(&mut self, shape: Shape, to: Option<&Opened>) -> (usize, Vec<u8>) {
        self.next += 1;
        let n = self.next;
        let text = &TEXTS[self.roll(TEXTS.len())];
        let sender = match (shape, to) {
            (Shape::Reply | Shape::AutoReply, Some(t)) => t.sender,
            _ => self.roll(SENDERS),
        };
        let from = format!("User {sender} <user{sender}@example.org>");
        let head = format!(
            "Return-Path: <user{sender}@example.org>\r\n\
             Received: from mx.example.org by desk.example.com; Tue, 1 Dec 2026 10:00:00 +0000\r\n\
             From: {from}\r\nTo: Service Desk <desk@example.com>\r\n\
             Date: Tue, 1 Dec 2026 10:00:00 +0000\r\n\
             Message-ID: <bench-{n}-{run}@example.org>\r\nMIME-Version: 1.0\r\n",
            run = self.run,
        );
        let mut out = head.into_bytes();
        match shape {
            Shape::New => {
                out.extend(format!("Subject: {}\r\n", encoded_subject(text)).into_bytes());
                out.extend(text_part(text.body, text.charset));
            }
            Shape::WithAttachment => {
                let boundary = format!("=_bench_{n}");
                out.extend(
                    format!(
                        "Subject: {}\r\nContent-Type: multipart/mixed; boundary=\"{boundary}\"\r\n\
                         \r\nThis is a multi-part message in MIME format.\r\n--{boundary}\r\n",
                        encoded_subject(text)
                    )
                    .into_bytes(),
                );
                out.extend(text_part(text.body, text.charset));
                let log: Vec<u8> = (0..2048u32)
                    .map(|i| b"0123456789abcdef\n"[(i % 17) as usize])
                    .collect();
                out.extend(
                    format!(
                        "\r\n--{boundary}\r\nContent-Type: text/plain; name=\"error-{n}.log\"\r\n\
                         Content-Disposition: attachment; filename=\"error-{n}.log\"\r\n\
                         Content-Transfer-Encoding: base64\r\n\r\n{}\r\n--{boundary}--\r\n",
                        wrapped_base64(&log)
                    )
                    .into_bytes(),
                );
            }
            Shape::Reply => {
                let number = to.map(|t| t.number.as_str()).unwrap_or("INC-000001");
                let body = REPLIES[self.roll(REPLIES.len())];
                let subject = format!("Re: [{number}] {}", text.subject);
                out.extend(
                    format!("Subject: =?UTF-8?B?{}?=\r\n", BASE64.encode(subject)).into_bytes(),
                );
                let quoted = format!(
                    "{body}\n\nOn Tue, 1 Dec 2026 at 09:00, Service Desk wrote:\n> Your request \
                     {number} was received.\n> We will answer shortly."
                );
                out.extend(text_part(&quoted, Charset::Utf8Base64));
            }
            Shape::AutoReply => {
                out.extend(
                    b"Subject: Automatic reply: out of office\r\nAuto-Submitted: auto-replied\r\n"
                        .iter()
                        .copied(),
                );
                out.extend(text_part(
                    "I am out of the office until Monday with limited access to mail.",
                    Charset::Ascii,
                ));
            }
        }
        (sender, out)
    }
}

fn encoded_subject(text: &Text) -> String {
    match text.charset {
        Charset::Ascii => text.subject.to_string(),
        Charset::Latin1 => format!("=?ISO-8859-1?Q?{}?=", q_word(&latin1(text.subject))),
        Charset::Utf8Base64 | Charset::Utf8Qp => {
            format!("=?UTF-8?B?{}?=", BASE64.encode(text.subject))
        }
    }
}

/// The headers and body of one text/plain part in `charset`.
fn text_part(body: &str, charset: Charset) -> Vec<u8> {
    let body = body.replace('\n', "\r\n");
    let (name, encoding, content) = match charset {
        Charset::Ascii => ("us-ascii", "7bit", body),
        Charset::Latin1 => (
            "iso-8859-1",
            "quoted-printable",
            quoted_printable(&latin1(&body)),
        ),
        Charset::Utf8Qp => (
            "utf-8",
            "quoted-printable",
            quoted_printable(body.as_bytes()),
        ),
        Charset::Utf8Base64 => ("utf-8", "base64", wrapped_base64(body.as_bytes())),
    };
    format!(
        "Content-Type: text/plain; charset={name}\r\nContent-Transfer-Encoding: {encoding}\r\n\
         \r\n{content}\r\n"
    )
    .into_bytes()
}

/// `text` in ISO-8859-1; the generator's French texts only use Latin-1 letters.
fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut line = 0;
    for &b in bytes {
        let piece = match b {
            b'\r' | b'\n' => {
                out.push(b as char);
                line = 0;
                continue;
            }
            b'=' => "=3D".to_string(),
            0x20..=0x7e => (b as char).to_string(),
            _ => format!("={b:02X}"),
        };
        if line + piece.len() > 72 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

/// An RFC 2047 Q-encoded word's text.
fn q_word(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            b' ' => "_".to_string(),
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b',' => (b as char).to_string(),
            _ => format!("={b:02X}"),
        })
        .collect()
}

fn wrapped_base64(bytes: &[u8]) -> String {
    let text = BASE64.encode(bytes);
    text.as_bytes()
        .chunks(76)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use escalade_mail::inbound::{self, AutomaticKind};
    use escalade_mail::threading::subject_number;

    fn opened() -> Opened {
        Opened {
            number: "INC-000042".into(),
            sender: 17,
        }
    }

    #[test]
    fn new_conversations_read_back_in_every_language() {
        let mut g = Generator::new(1);
        let mut subjects = std::collections::BTreeSet::new();
        for _ in 0..60 {
            let (sender, raw) = g.message(Shape::New, None);
            let m = inbound::read(&raw).expect("readable");
            assert_eq!(m.from.address, format!("user{sender}@example.org"));
            assert!(m.automatic.is_none(), "{:?}", m.automatic);
            assert!(m.attachments.is_empty());
            assert!(
                TEXTS.iter().any(|t| t.subject == m.subject),
                "{}",
                m.subject
            );
            let first_line = m.body.new_text().lines().next().unwrap_or_default();
            assert!(
                TEXTS.iter().any(|t| t.body.starts_with(first_line)),
                "{first_line:?} was decoded wrongly"
            );
            subjects.insert(m.subject);
        }
        assert_eq!(subjects.len(), TEXTS.len(), "every language is generated");
    }

    #[test]
    fn latin1_and_utf8_bodies_decode_to_the_same_text() {
        let mut g = Generator::new(7);
        let mut french = 0;
        for _ in 0..60 {
            let (_, raw) = g.message(Shape::New, None);
            let m = inbound::read(&raw).unwrap();
            if m.subject.starts_with("Mot de passe") {
                assert!(String::from_utf8_lossy(&raw).contains("iso-8859-1"));
                assert!(m.body.text.contains("expiré pendant mes congés"));
                french += 1;
            }
        }
        assert!(french > 0);
    }

    #[test]
    fn attachments_arrive_whole() {
        let mut g = Generator::new(2);
        let (_, raw) = g.message(Shape::WithAttachment, None);
        let m = inbound::read(&raw).unwrap();
        assert_eq!(m.attachments.len(), 1);
        let a = &m.attachments[0];
        assert!(a.file_name.as_deref().unwrap().starts_with("error-"));
        assert_eq!(a.bytes.len(), 2048);
        assert!(!m.body.new_text().is_empty());
    }

    #[test]
    fn replies_name_their_ticket_and_come_from_its_requester() {
        let mut g = Generator::new(3);
        let (sender, raw) = g.message(Shape::Reply, Some(&opened()));
        assert_eq!(sender, 17);
        let m = inbound::read(&raw).unwrap();
        assert_eq!(m.from.address, "user17@example.org");
        let number = subject_number(&m.subject, "").expect("tagged");
        assert_eq!(number.to_string(), "INC-000042");
        assert!(m.body.quoted_history().is_some(), "the quote is history");
        assert!(m.automatic.is_none());
    }

    #[test]
    fn automatic_replies_are_recognised() {
        let mut g = Generator::new(4);
        let (_, raw) = g.message(Shape::AutoReply, Some(&opened()));
        let m = inbound::read(&raw).unwrap();
        assert_eq!(m.automatic.unwrap().kind, AutomaticKind::AutoReply);
    }

    #[test]
    fn the_mix_has_every_shape_and_many_senders() {
        let mut g = Generator::new(5);
        let mut shapes = std::collections::HashMap::new();
        let mut senders = std::collections::HashSet::new();
        for _ in 0..2000 {
            let shape = g.shape(true);
            *shapes.entry(shape).or_insert(0) += 1;
            let (sender, _) = g.message(shape, Some(&opened()));
            senders.insert(sender);
        }
        for shape in [
            Shape::New,
            Shape::WithAttachment,
            Shape::Reply,
            Shape::AutoReply,
        ] {
            assert!(shapes.get(&shape).copied().unwrap_or(0) > 40, "{shapes:?}");
        }
        assert!(senders.len() > SENDERS / 2, "{} senders", senders.len());
        assert!((0..200).all(|_| g.shape(false) != Shape::Reply));
    }
}
