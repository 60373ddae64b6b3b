//! The ticket number in a subject: `[INC-000123]`, or with the desk's configured tag,
//! `[Escalade#INC-000123]`. With a tag configured only tagged numbers count, so that another
//! service desk's `[INC-000123]` in a subject never threads onto ours.

use escalade_core::ids::TicketNumber;

/// Reply and forward prefixes that mail clients put before a subject, kept in front of the tag.
const REPLY_PREFIXES: &[&str] = &[
    "re:",
    "fw:",
    "fwd:",
    "aw:",
    "wg:",
    "tr:",
    "réf:",
    "ref:",
    "rv:",
    "sv:",
    "ответ:",
    "отв:",
    "пересл:",
    "回复:",
    "回复：",
    "答复:",
    "答复：",
    "转发:",
    "转发：",
];

/// The first ticket number tagged in the subject, if any.
pub fn subject_number(subject: &str, tag: &str) -> Option<TicketNumber> {
    let mut rest = subject;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after.find(']')?;
        if let Some(number) = tagged_number(&after[..close], tag) {
            return Some(number);
        }
        rest = &after[close + 1..];
    }
    None
}

fn tagged_number(inside: &str, tag: &str) -> Option<TicketNumber> {
    let inside = inside.trim();
    let tag = tag.trim();
    let number = if tag.is_empty() {
        inside
    } else {
        let head = inside.get(..tag.len())?;
        if !head.eq_ignore_ascii_case(tag) && head != tag {
            return None;
        }
        &inside[tag.len()..]
    };
    number.trim().parse().ok()
}

/// The subject with the ticket's tag, `[<tag><number>]`, placed after any `Re:`/`Fwd:`
/// prefixes; unchanged when it already carries this number.
pub fn tag_subject(subject: &str, number: TicketNumber, tag: &str) -> String {
    let subject = subject.trim();
    if subject_number(subject, tag) == Some(number) {
        return subject.to_string();
    }
    let label = format!("[{}{}]", tag.trim(), number);
    let mut body = subject;
    loop {
        let lower = body.to_lowercase();
        let Some(prefix) = REPLY_PREFIXES.iter().find(|p| lower.starts_with(*p)) else {
            break;
        };
        // Lower-casing may change byte lengths outside ASCII; count characters instead.
        let chars = prefix.chars().count();
        let cut = body
            .char_indices()
            .nth(chars)
            .map_or(body.len(), |(i, _)| i);
        body = body[cut..].trim_start();
    }
    let prefixes = subject[..subject.len() - body.len()].trim_end();
    match (prefixes.is_empty(), body.is_empty()) {
        (true, true) => label,
        (true, false) => format!("{label} {body}"),
        (false, true) => format!("{prefixes} {label}"),
        (false, false) => format!("{prefixes} {label} {body}"),
    }
}

#[cfg(test)]
mod tests {
    use escalade_core::ids::TicketId;
    use escalade_core::ticket::TicketType;

    use super::*;

    fn inc(n: i64) -> TicketNumber {
        TicketNumber::new(TicketType::Incident, TicketId(n))
    }

    #[test]
    fn bare_number_in_brackets() {
        assert_eq!(
            subject_number("Re: [INC-000123] Printer", ""),
            Some(inc(123))
        );
        assert_eq!(subject_number("[req-42] VPN", "").map(|n| n.seq), Some(42));
        assert_eq!(
            subject_number("Printer [broken] [INC-000007]", ""),
            Some(inc(7))
        );
        assert_eq!(subject_number("INC-000123 without brackets", ""), None);
        assert_eq!(subject_number("[XYZ-000123]", ""), None);
        assert_eq!(subject_number("unclosed [INC-000123", ""), None);
    }

    #[test]
    fn configured_tag_is_required() {
        let tag = "Escalade#";
        assert_eq!(
            subject_number("Re: [Escalade#INC-000123] x", tag),
            Some(inc(123))
        );
        assert_eq!(
            subject_number("Re: [escalade#INC-000123] x", tag),
            Some(inc(123))
        );
        assert_eq!(subject_number("Re: [INC-000123] other desk", tag), None);
        assert_eq!(subject_number("[Other#INC-000123]", tag), None);
    }

    #[test]
    fn tagging_keeps_reply_prefixes_and_is_idempotent() {
        assert_eq!(tag_subject("Printer", inc(5), ""), "[INC-000005] Printer");
        assert_eq!(
            tag_subject("Re: Fwd: Printer", inc(5), "Escalade#"),
            "Re: Fwd: [Escalade#INC-000005] Printer"
        );
        assert_eq!(
            tag_subject("Ответ: принтер", inc(5), ""),
            "Ответ: [INC-000005] принтер"
        );
        let tagged = tag_subject("Printer", inc(5), "Escalade#");
        assert_eq!(tag_subject(&tagged, inc(5), "Escalade#"), tagged);
        assert_eq!(tag_subject("", inc(5), ""), "[INC-000005]");
        assert_eq!(tag_subject("Re:", inc(5), ""), "Re: [INC-000005]");
    }
}
