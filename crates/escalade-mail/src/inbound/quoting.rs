//! Finding where the quoted history of a reply begins, so that the desk shows what the
//! sender wrote this time and keeps the earlier messages folded, never lost.
//!
//! The history starts at the earliest of:
//! - an attribution line such as Gmail's `On Tue, 3 Mar 2026 at 10:02, Ann <ann@x.org> wrote:`
//!   (also wrapped over two lines), `Le ... a écrit :`, `Am ... schrieb ...:`,
//!   `El ... escribió:`, `... пишет:` / `... написал(а):`, `... 写道：`; it must carry a
//!   digit or an `@` (a date or an address), which prose ending in "wrote:" rarely does;
//! - an Outlook separator (`-----Original Message-----` and its French, Russian, German,
//!   Spanish and Chinese wordings);
//! - an Outlook header block: a `From:` line (`De :`, `От:`, `发件人：`, `Von:`...) followed
//!   within four lines by a `Sent:`/`Date:` line (`Envoyé :`, `Отправлено:`, `发送时间：`...),
//!   together with an underscore rule just above it; a block under a "Forwarded message"
//!   banner is the content of a forward, not history, and is left alone;
//! - a trailing block of `>`-quoted lines (only blank lines may follow). Quoted lines
//!   interleaved with answers are part of the new text: folding them would hide what the
//!   answers answer.

const ATTRIBUTION_ENDINGS: &[&str] = &[
    "wrote:",
    "a écrit :",
    "a écrit:",
    "a écrit\u{a0}:",
    "schrieb:",
    "escribió:",
    "пишет:",
    "написал:",
    "написала:",
    "написал(а):",
    "写道：",
    "写道:",
    "寫道：",
];

const ATTRIBUTION_STARTS: &[&str] = &["On ", "Le ", "Am ", "El ", "在"];

const SEPARATORS: &[&str] = &[
    "original message",
    "message d'origine",
    "message d’origine",
    "исходное сообщение",
    "ursprüngliche nachricht",
    "mensaje original",
    "原始邮件",
    "原始郵件",
];

const FORWARD_BANNERS: &[&str] = &[
    "forwarded message",
    "begin forwarded message",
    "message transféré",
    "début du message réexpédié",
    "пересылаемое сообщение",
    "переадресованное сообщение",
    "转发的邮件",
    "轉寄的郵件",
    "weitergeleitete nachricht",
];

const FROM_LABELS: &[&str] = &[
    "from:",
    "de :",
    "de:",
    "von:",
    "от:",
    "от кого:",
    "发件人:",
    "发件人：",
    "寄件者:",
    "寄件者：",
];

const SENT_LABELS: &[&str] = &[
    "sent:",
    "date:",
    "envoyé :",
    "envoyé:",
    "date :",
    "gesendet:",
    "datum:",
    "enviado:",
    "fecha:",
    "отправлено:",
    "дата:",
    "发送时间:",
    "发送时间：",
    "时间:",
    "时间：",
    "日期:",
    "日期：",
    "寄件日期:",
    "寄件日期：",
];

/// Byte offset in `text` where the quoted history begins, if there is one.
pub fn history_start(text: &str) -> Option<usize> {
    let lines = lines_with_offsets(text);
    let marker = (0..lines.len()).find_map(|i| marker_at(&lines, i));
    let trailing = trailing_quote_block(&lines);
    match (marker, trailing) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Each line without its end-of-line characters, with the byte offset where it starts.
fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        out.push((start, line.trim_end_matches(['\n', '\r'])));
        start += line.len();
    }
    out
}

fn marker_at(lines: &[(usize, &str)], i: usize) -> Option<usize> {
    let (offset, line) = lines[i];
    let trimmed = line.trim();
    if trimmed.starts_with('>') || trimmed.is_empty() {
        return None;
    }
    if is_attribution(trimmed) {
        return Some(offset);
    }
    if ATTRIBUTION_STARTS.iter().any(|s| trimmed.starts_with(s))
        && let Some(&(_, next)) = lines.get(i + 1)
    {
        let next = next.trim();
        if !next.is_empty()
            && !next.starts_with('>')
            && is_attribution(&format!("{trimmed} {next}"))
        {
            return Some(offset);
        }
    }
    if is_separator(trimmed) {
        return Some(offset);
    }
    if is_header_block(lines, i) && !follows_forward_banner(lines, i) {
        // Outlook draws a rule of underscores above the block; it belongs to the history.
        return Some(match previous_non_blank(lines, i) {
            Some(j) if is_rule(lines[j].1.trim()) => lines[j].0,
            _ => offset,
        });
    }
    None
}

fn is_attribution(line: &str) -> bool {
    line.chars().count() <= 300
        && ATTRIBUTION_ENDINGS.iter().any(|e| line.ends_with(e))
        && line.chars().any(|c| c.is_ascii_digit() || c == '@')
}

fn is_separator(line: &str) -> bool {
    let core = line.trim_matches(|c: char| c == '-' || c == '–' || c == ' ');
    line.starts_with("--")
        && core.len() < line.len()
        && SEPARATORS.contains(&core.to_lowercase().as_str())
}

fn is_rule(line: &str) -> bool {
    line.len() >= 10 && line.chars().all(|c| c == '_')
}

fn starts_with_label(line: &str, labels: &[&str]) -> bool {
    let lower = line.trim_start_matches(['*', ' ']).to_lowercase();
    labels.iter().any(|l| lower.starts_with(l))
}

fn is_header_block(lines: &[(usize, &str)], i: usize) -> bool {
    starts_with_label(lines[i].1, FROM_LABELS)
        && lines
            .iter()
            .skip(i + 1)
            .take(4)
            .any(|(_, l)| starts_with_label(l, SENT_LABELS))
}

fn previous_non_blank(lines: &[(usize, &str)], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !lines[j].1.trim().is_empty())
}

fn follows_forward_banner(lines: &[(usize, &str)], i: usize) -> bool {
    previous_non_blank(lines, i).is_some_and(|j| {
        let lower = lines[j].1.to_lowercase();
        FORWARD_BANNERS.iter().any(|b| lower.contains(b))
    })
}

/// The start of the `>`-quoted block that ends the text, if the text ends with one.
fn trailing_quote_block(lines: &[(usize, &str)]) -> Option<usize> {
    let mut start = None;
    for &(offset, line) in lines.iter().rev() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        if trimmed.starts_with('>') {
            start = Some(offset);
        } else {
            break;
        }
    }
    start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> (&str, Option<&str>) {
        match history_start(text) {
            Some(at) => (text[..at].trim_end(), Some(&text[at..])),
            None => (text.trim_end(), None),
        }
    }

    #[test]
    fn gmail_attribution_wrapped_over_two_lines() {
        let text = "Thanks, it works.\n\nOn Tue, Mar 3, 2026 at 10:02 AM Ann Lee <\nann@example.org> wrote:\n\n> Try again\n";
        let (new, history) = split(text);
        assert_eq!(new, "Thanks, it works.");
        assert!(history.unwrap().starts_with("On Tue"));
    }

    #[test]
    fn interleaved_answers_stay_in_the_new_text() {
        let text = "> Which printer?\nThe one on floor 2.\n> Since when?\nMonday.\n";
        assert_eq!(split(text), (text.trim_end(), None));
    }

    #[test]
    fn trailing_quote_block_is_history() {
        let text = "Yes.\n\n> Is it fixed?\n> Tell us.\n\n";
        let (new, history) = split(text);
        assert_eq!(new, "Yes.");
        assert_eq!(history, Some("> Is it fixed?\n> Tell us.\n\n"));
    }

    #[test]
    fn prose_ending_in_wrote_is_not_an_attribution() {
        let text = "This is what the installer wrote:\nerror\n";
        assert_eq!(history_start(text), None);
    }

    #[test]
    fn a_forwarded_header_block_is_content() {
        let text = "See below.\n\n---------- Forwarded message ---------\nFrom: Bob <bob@x.org>\nDate: Mon, 2 Mar 2026\nSubject: VPN\n\nVPN is down.\n";
        assert_eq!(history_start(text), None);
    }
}
