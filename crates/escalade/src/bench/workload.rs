//! What `escalade bench` sends: realistic, varied new tickets (so indexes, full-text search
//! and the priority matrix see a believable spread of data) and the rotation of filtered
//! list queries that the list scenario pages through.

use rand::Rng;
use serde::Serialize;

/// The body of `POST /api/v1/tickets`.
#[derive(Debug, Clone, Serialize)]
pub struct NewTicket {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub subject: String,
    pub description: String,
    pub impact: &'static str,
    pub urgency: &'static str,
    pub channel: &'static str,
}

/// Query strings of the list scenario, used in turn. Each one exercises a different index
/// or code path: status, priority and level filters, deep paging, text search and sorting.
pub const LIST_QUERIES: &[&str] = &[
    "status=new&per_page=25",
    "priority=high&per_page=25",
    "type=incident&page=3&per_page=25",
    "q=printer&per_page=25",
    "level=1&per_page=25",
    "sort=-created_at&per_page=50",
    "type=service_request&status=new&per_page=25",
    "q=vpn&sort=-created_at&per_page=25",
];

/// The queue page of the pages scenario: every ticket, filtered and sorted as an agent does.
pub const QUEUE_PAGE: &str = "/agent/queues/all?status=new&sort=updated";

/// Comments on the ticket whose page the pages scenario measures.
pub const JOURNAL_ENTRIES: usize = 50;

const JOURNAL_REPLIES: &[&str] = &[
    "Thank you for the details. Could you restart the machine and tell us whether the \
     problem comes back? If it does, a photo of the error message helps.",
    "We have reproduced the problem on a test workstation and are looking into it with the \
     application team. Next update by the end of the day.",
    "The fix has been rolled out to your machine. Please try again and confirm that it works \
     so that we can close this request.",
];
const JOURNAL_NOTES: &[&str] = &[
    "Checked the event log: the same error appears on three machines of this floor since the \
     last update. Probably the driver package.",
    "Called the requester, no answer; left a voicemail. Will try again after lunch.",
];

/// The `i`-th comment of that journal as (kind, text): every third is an internal note.
pub fn journal_comment(i: usize) -> (&'static str, String) {
    if i % 3 == 2 {
        let text = JOURNAL_NOTES[i % JOURNAL_NOTES.len()];
        ("internal", format!("{text} (note {})", i + 1))
    } else {
        let text = JOURNAL_REPLIES[i % JOURNAL_REPLIES.len()];
        ("public", format!("{text} (reply {})", i + 1))
    }
}

/// The list query for the `i`-th request of a run.
pub fn list_query(i: u64) -> &'static str {
    LIST_QUERIES[(i % LIST_QUERIES.len() as u64) as usize]
}

// Roughly the mix of a corporate desk: mostly incidents, then requests, few complaints.
const KINDS: &[(&str, u32)] = &[
    ("incident", 55),
    ("service_request", 25),
    ("question", 12),
    ("complaint", 8),
];

const LEVELS: &[(&str, u32)] = &[("low", 50), ("medium", 35), ("high", 15)];

const INCIDENT_SUBJECTS: &[&str] = &[
    "Printer on floor {floor} jams on every print job",
    "Printer {printer} shows as offline for the whole team",
    "VPN drops every few minutes when working from home",
    "Cannot sign in to {app}: account locked",
    "{app} crashes when opening attachments",
    "Laptop does not boot after last night's update",
    "Wi-Fi in meeting room {room} keeps disconnecting",
    "Shared drive {drive}: is not reachable",
    "{app} has been very slow since this morning",
    "Blue screen with error {code} on my workstation",
    "Clicked a link in a suspicious e-mail about {app}",
    "Docking station does not detect the second monitor",
    "Colour printer {printer} prints blank pages",
];

const REQUEST_SUBJECTS: &[&str] = &[
    "New laptop for {name}, starting next Monday",
    "Access to the {app} reporting module",
    "Please install {app} on my workstation",
    "Replace the toner in printer {printer}",
    "Mailbox for the new {team} team",
    "Restore a deleted folder on drive {drive}:",
    "Second monitor for desk {room}",
    "VPN access for external consultant {name}",
];

const QUESTION_SUBJECTS: &[&str] = &[
    "How do I add the printer on floor {floor} to my Mac?",
    "How can I share my calendar in {app}?",
    "Where can I download the VPN client for Linux?",
    "Is there a guide for two-factor authentication?",
    "Can I use {app} on my phone?",
];

const COMPLAINT_SUBJECTS: &[&str] = &[
    "My ticket about printer {printer} was closed without a fix",
    "Waited three days for an answer about {app}",
    "The hotline hung up during my call",
    "Third {app} outage this month",
];

const APPS: &[&str] = &[
    "Outlook",
    "Teams",
    "SAP",
    "Salesforce",
    "the HR portal",
    "Excel",
    "the intranet",
    "Jira",
    "the expense tool",
];
const NAMES: &[&str] = &[
    "Amélie Durand",
    "Jonas Weber",
    "Priya Natarajan",
    "Lucas Martin",
    "Chiara Rossi",
    "Kenji Sato",
    "Fatou Diallo",
    "Olivia Brown",
];
const TEAMS: &[&str] = &["payroll", "logistics", "legal", "marketing", "data science"];
const ERRORS: &[&str] = &[
    "0x80070005 access denied",
    "The server could not be reached (timeout)",
    "Error 503 Service Unavailable",
    "Invalid credentials",
    "PAGE_FAULT_IN_NONPAGED_AREA",
    "Paper jam in tray 2",
];
const STARTED: &[&str] = &[
    "this morning around 9",
    "yesterday afternoon",
    "after the update on Monday",
    "right after I moved desks",
    "about an hour ago",
];
const TRIED: &[&str] = &[
    "restarting the computer",
    "logging out and back in",
    "unplugging and replugging the cable",
    "clearing the browser cache",
    "asking a colleague, who has the same problem",
];

/// One new ticket with plausible, varied content.
pub fn new_ticket(rng: &mut impl Rng) -> NewTicket {
    let kind = weighted(rng, KINDS);
    let subjects = match kind {
        "incident" => INCIDENT_SUBJECTS,
        "service_request" => REQUEST_SUBJECTS,
        "question" => QUESTION_SUBJECTS,
        _ => COMPLAINT_SUBJECTS,
    };
    let template = pick(rng, subjects);
    let subject = fill_placeholders(rng, template);
    let description = describe(rng, kind, &subject);
    NewTicket {
        kind,
        subject,
        description,
        impact: weighted(rng, LEVELS),
        urgency: weighted(rng, LEVELS),
        channel: "api",
    }
}

/// A description carrying the facts diagnosis needs (when, how many users, error, what was
/// tried), with parts left out at random as real requesters do.
fn describe(rng: &mut impl Rng, kind: &str, subject: &str) -> String {
    let mut text = subject.to_owned();
    if !text.ends_with(['?', ':']) {
        text.push('.');
    }
    if kind == "incident" || kind == "complaint" {
        text.push_str(&format!(" It started {}.", pick(rng, STARTED)));
        if rng.random_bool(0.6) {
            let users = [1, 1, 2, 5, 12, 40, 250][rng.random_range(0..7)];
            text.push_str(&format!(" {users} user(s) affected."));
        }
        if rng.random_bool(0.5) {
            text.push_str(&format!(" The message says: \"{}\".", pick(rng, ERRORS)));
        }
        if rng.random_bool(0.5) {
            text.push_str(&format!(" I already tried {}.", pick(rng, TRIED)));
        }
    } else if rng.random_bool(0.5) {
        text.push_str(" My manager has approved this.");
    }
    text.push_str(&format!(" Thanks, {}", pick(rng, NAMES)));
    text
}

fn fill_placeholders(rng: &mut impl Rng, template: &str) -> String {
    let mut text = template.to_owned();
    let replacements: [(&str, String); 8] = [
        ("{floor}", rng.random_range(1..=8).to_string()),
        (
            "{printer}",
            format!(
                "PRN-{}F-{:02}",
                rng.random_range(1..=8),
                rng.random_range(1..=12)
            ),
        ),
        ("{app}", pick(rng, APPS).to_string()),
        (
            "{room}",
            format!(
                "{}.{:02}",
                rng.random_range(1..=8),
                rng.random_range(1..=30)
            ),
        ),
        (
            "{drive}",
            ["G", "H", "S", "T"][rng.random_range(0..4)].to_owned(),
        ),
        (
            "{code}",
            format!("0x{:08X}", rng.random_range(0x0000_0050u32..0x0000_0200)),
        ),
        ("{name}", pick(rng, NAMES).to_string()),
        ("{team}", pick(rng, TEAMS).to_string()),
    ];
    for (placeholder, value) in replacements {
        if text.contains(placeholder) {
            text = text.replace(placeholder, &value);
        }
    }
    text
}

/// A uniformly chosen element; the tables above are never empty.
fn pick<T: Copy>(rng: &mut impl Rng, items: &[T]) -> T {
    items[rng.random_range(0..items.len())]
}

fn weighted(rng: &mut impl Rng, items: &[(&'static str, u32)]) -> &'static str {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut roll = rng.random_range(0..total);
    for &(item, weight) in items {
        if roll < weight {
            return item;
        }
        roll -= weight;
    }
    items[items.len() - 1].0
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn tickets_are_valid_and_varied() {
        let mut rng = StdRng::seed_from_u64(7);
        let tickets: Vec<NewTicket> = (0..500).map(|_| new_ticket(&mut rng)).collect();
        for t in &tickets {
            assert!(["incident", "service_request", "question", "complaint"].contains(&t.kind));
            assert!(["low", "medium", "high"].contains(&t.impact));
            assert!(["low", "medium", "high"].contains(&t.urgency));
            assert!(
                !t.subject.contains('{'),
                "unfilled placeholder in {:?}",
                t.subject
            );
            assert!(t.description.len() > t.subject.len());
        }
        for kind in ["incident", "service_request", "question", "complaint"] {
            assert!(
                tickets.iter().any(|t| t.kind == kind),
                "no {kind} in 500 tickets"
            );
        }
        // The list scenario searches for "printer": it must find something.
        assert!(
            tickets
                .iter()
                .any(|t| t.subject.to_lowercase().contains("printer"))
        );
    }

    #[test]
    fn body_uses_the_api_field_names() {
        let mut rng = StdRng::seed_from_u64(1);
        let json = serde_json::to_value(new_ticket(&mut rng)).expect("serialisable");
        for key in [
            "type",
            "subject",
            "description",
            "impact",
            "urgency",
            "channel",
        ] {
            assert!(json.get(key).is_some(), "missing {key}");
        }
        assert_eq!(json["channel"], "api");
    }

    #[test]
    fn the_measured_journal_mixes_replies_and_notes() {
        let kinds: Vec<&str> = (0..JOURNAL_ENTRIES).map(|i| journal_comment(i).0).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "internal").count(), 16);
        assert!(kinds.iter().all(|k| ["public", "internal"].contains(k)));
        assert_ne!(journal_comment(0).1, journal_comment(3).1);
    }

    #[test]
    fn list_queries_rotate() {
        assert_eq!(list_query(0), LIST_QUERIES[0]);
        assert_eq!(list_query(LIST_QUERIES.len() as u64 + 3), LIST_QUERIES[3]);
    }
}
