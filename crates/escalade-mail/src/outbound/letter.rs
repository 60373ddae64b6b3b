//! What each event's message says, in the recipient's language: subject, greeting, the
//! paragraphs, the quoted text (a reply, a summary, a rule's answer), links and footer.
//! Layout is `render`'s; headers are `message`'s.

use escalade_core::ticket::Status;

use super::words::Words;
use super::{Audience, Desk, Event, Recipient, TicketRef};

/// A link with its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Link {
    pub label: String,
    pub url: String,
}

/// A message's content before layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Letter {
    /// The BCP 47 tag of its language (`<html lang>`, `Content-Language`).
    pub lang: &'static str,
    /// The subject without the ticket's tag.
    pub subject: String,
    pub greeting: String,
    /// Paragraphs before the quoted text.
    pub intro: Vec<String>,
    /// Text written by a person or a rule, shown as it was written.
    pub quote: Option<String>,
    /// Paragraphs after the quoted text.
    pub outro: Vec<String>,
    pub links: Vec<Link>,
    pub footer: Vec<String>,
    pub signature: String,
}

fn status_word(w: Words, s: Status) -> String {
    w.get(
        &format!("mail-status-{}", s.as_str().replace('_', "-")),
        &[],
    )
}

/// The ticket's page for this reader: the portal for requesters, the console for agents.
fn ticket_url(desk: &Desk, number: &str, audience: Audience) -> Option<String> {
    let base = desk.portal_url.trim().trim_end_matches('/');
    if base.is_empty() {
        return None;
    }
    Some(match audience {
        Audience::Requester => format!("{base}/portal/tickets/{number}"),
        Audience::Agent => format!("{base}/agent/tickets/{number}"),
    })
}

/// Writes the message of `event` for `to`.
pub(super) fn write(desk: &Desk, t: &TicketRef, event: &Event, to: &Recipient) -> Letter {
    let w = Words(to.language);
    let n = t.number.as_str();
    let title = t.title.as_str();
    let num = [("number", n)];
    let with_title = [("title", title), ("number", n)];
    let url = ticket_url(desk, n, to.audience);
    let mut intro = Vec::new();
    let mut outro = Vec::new();
    let mut quote = None;
    let mut links = Vec::new();
    let view = |links: &mut Vec<Link>, key: &str| {
        if let Some(u) = &url {
            links.push(Link {
                label: w.get(key, &[]),
                url: u.clone(),
            });
        }
    };
    let subject = match event {
        Event::Received => {
            intro.push(w.get("mail-received-intro", &num));
            intro.push(w.get("mail-received-keep", &[]));
            view(&mut links, "mail-view-request");
            w.get("mail-received-subject", &with_title)
        }
        Event::PublicReply { author, body } => {
            intro.push(w.get("mail-reply-intro", &[("author", author), ("number", n)]));
            quote = Some(body.clone());
            view(&mut links, "mail-view-request");
            w.get("mail-reply-subject", &with_title)
        }
        Event::StatusChanged { from, to: new } => {
            let (from, new) = (status_word(w, *from), status_word(w, *new));
            intro.push(w.get(
                "mail-status-intro",
                &[("number", n), ("from", &from), ("to", &new)],
            ));
            view(&mut links, "mail-view-request");
            w.get(
                "mail-status-subject",
                &[("number", n), ("status", &new), ("title", title)],
            )
        }
        Event::Resolved => {
            intro.push(w.get("mail-resolved-intro", &num));
            intro.push(w.get("mail-resolved-ask", &[]));
            if let Some(u) = &url {
                // The portal's ticket page holds both forms; the anchors bring the reader
                // straight to the one they chose (a link cannot post a form itself).
                links.push(Link {
                    label: w.get("mail-resolved-confirm", &[]),
                    url: format!("{u}#confirm-form"),
                });
                links.push(Link {
                    label: w.get("mail-resolved-reopen", &[]),
                    url: format!("{u}#reopen-form"),
                });
            }
            w.get("mail-resolved-subject", &with_title)
        }
        Event::Closed => {
            intro.push(w.get("mail-closed-intro", &num));
            outro.push(w.get("mail-closed-more", &[]));
            view(&mut links, "mail-view-request");
            w.get("mail-closed-subject", &with_title)
        }
        Event::Escalated {
            group,
            level,
            summary,
        } => {
            let group = group
                .clone()
                .unwrap_or_else(|| w.get("mail-escalated-no-group", &[]));
            let level = level.to_string();
            intro.push(w.get(
                "mail-escalated-intro",
                &[("number", n), ("group", &group), ("level", &level)],
            ));
            quote = Some(summary.clone());
            view(&mut links, "mail-open-ticket");
            w.get(
                "mail-escalated-subject",
                &[("group", &group), ("title", title), ("number", n)],
            )
        }
        Event::AutoReply { template, text } => {
            let reminder = template == "pending_reminder";
            let (s, i) = if reminder {
                ("mail-reminder-subject", "mail-reminder-intro")
            } else {
                ("mail-auto-subject", "mail-auto-intro")
            };
            intro.push(w.get(i, &num));
            if !text.trim().is_empty() {
                quote = Some(text.clone());
            }
            view(&mut links, "mail-view-request");
            w.get(s, &with_title)
        }
    };
    let mut footer = Vec::new();
    footer.push(match to.audience {
        Audience::Requester => w.get("mail-footer-reply", &num),
        Audience::Agent => w.get("mail-footer-agent", &num),
    });
    if event.auto_submitted().is_some() {
        footer.push(w.get("mail-footer-auto", &[("desk", &desk.name)]));
    }
    Letter {
        lang: to.language.as_str(),
        subject,
        greeting: w.get("mail-greeting", &[("name", &to.name)]),
        intro,
        quote,
        outro,
        links,
        footer,
        signature: w.get("mail-signature", &[("desk", &desk.name)]),
    }
}

/// The SMTP test message.
pub(super) fn test(desk: &Desk, to: &Recipient) -> Letter {
    let w = Words(to.language);
    Letter {
        lang: to.language.as_str(),
        subject: w.get("mail-test-subject", &[]),
        greeting: w.get("mail-greeting", &[("name", &to.name)]),
        intro: vec![w.get("mail-test-body", &[("desk", &desk.name)])],
        quote: None,
        outro: Vec::new(),
        links: Vec::new(),
        footer: vec![w.get("mail-footer-auto", &[("desk", &desk.name)])],
        signature: w.get("mail-signature", &[("desk", &desk.name)]),
    }
}
