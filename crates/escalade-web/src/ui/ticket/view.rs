//! What the ticket page shows, already in the reader's words: the fields, the requester card,
//! the journal as timeline entries and the files. Ids of people, groups and categories are
//! turned into names from the lookups the service layer read once for the whole page.

use std::collections::HashMap;

use escalade_app::tickets::{EntryView, TicketPageData};
use escalade_core::people::Language;
use escalade_core::ticket::Ticket;
use escalade_store::attachments::AttachmentRow;
use serde_json::Value;

use super::super::i18n::Tr;
use super::super::page::native_name;

/// Names of everything the page refers to by id.
pub struct Names<'a> {
    people: &'a HashMap<i64, String>,
    groups: HashMap<i64, (&'a str, i64)>,
    categories: HashMap<i64, (Option<i64>, &'a str)>,
    departments: HashMap<i64, &'a str>,
}

impl<'a> Names<'a> {
    /// The lookups of one page.
    pub fn of(d: &'a TicketPageData) -> Self {
        Self {
            people: &d.people,
            groups: d
                .groups
                .iter()
                .map(|g| (g.id, (g.name.as_str(), g.level)))
                .collect(),
            categories: d
                .categories
                .iter()
                .map(|c| (c.id, (c.parent_id, c.name.as_str())))
                .collect(),
            departments: d
                .departments
                .iter()
                .map(|x| (x.id, x.name.as_str()))
                .collect(),
        }
    }

    /// A person's display name, or their id when unknown.
    pub fn person(&self, id: i64) -> String {
        self.people
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// A group's name.
    pub fn group(&self, id: i64) -> String {
        self.groups
            .get(&id)
            .map(|g| g.0.to_string())
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// A department's name.
    pub fn department(&self, id: i64) -> String {
        self.departments
            .get(&id)
            .map(|d| d.to_string())
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// A category with its parents, e.g. `Software failure › ERP`.
    pub fn category_path(&self, id: i64) -> String {
        let mut parts = Vec::new();
        let mut at = Some(id);
        // The tree is shallow; the bound only guards against a corrupt cycle.
        while let Some(i) = at
            && parts.len() < 12
        {
            match self.categories.get(&i) {
                Some((parent, name)) => {
                    parts.push(name.to_string());
                    at = *parent;
                }
                None => {
                    parts.push(format!("#{i}"));
                    at = None;
                }
            }
        }
        parts.reverse();
        parts.join(" › ")
    }
}

/// One labelled value in a list of facts.
pub struct Fact {
    /// The label.
    pub label: String,
    /// The value.
    pub value: String,
    /// A stable id for tests and scripts.
    pub id: &'static str,
}

fn fact(id: &'static str, label: String, value: String) -> Fact {
    Fact { label, value, id }
}

/// A date for `<time>`: shown in the reader's zone, with the instant for machines.
pub struct When {
    /// As shown.
    pub text: String,
    /// RFC 3339.
    pub iso: String,
}

fn when(tr: &Tr, at: &chrono::DateTime<chrono::Utc>) -> When {
    When {
        text: tr.datetime(at),
        iso: tr.iso(at),
    }
}

/// The ticket's fields as the side panel lists them.
pub fn fields(tr: &Tr, t: &Ticket, n: &Names, watchers: &[String]) -> Vec<Fact> {
    let none = || tr.get("ticket-none");
    let mut out = vec![
        fact(
            "field-type",
            tr.get("ticket-field-type"),
            tr.word("type", t.kind.as_str()),
        ),
        fact(
            "field-channel",
            tr.get("ticket-field-channel"),
            tr.word("channel", t.channel.as_str()),
        ),
        fact(
            "field-category",
            tr.get("ticket-field-category"),
            t.category
                .map(|c| n.category_path(c.0))
                .unwrap_or_else(none),
        ),
        fact(
            "field-impact",
            tr.get("ticket-field-impact"),
            tr.word("impact", t.impact.as_str()),
        ),
        fact(
            "field-urgency",
            tr.get("ticket-field-urgency"),
            tr.word("urgency", t.urgency.as_str()),
        ),
        fact(
            "field-priority",
            tr.get("ticket-field-priority"),
            if t.priority_manual {
                tr.arg(
                    "ticket-priority-manual",
                    "priority",
                    tr.word("priority", t.priority.as_str()),
                )
            } else {
                tr.arg(
                    "ticket-priority-matrix",
                    "priority",
                    tr.word("priority", t.priority.as_str()),
                )
            },
        ),
        fact(
            "field-level",
            tr.get("ticket-field-level"),
            tr.arg("level-name", "level", t.level.get()),
        ),
        fact(
            "field-group",
            tr.get("ticket-field-group"),
            t.group.map(|g| n.group(g.0)).unwrap_or_else(none),
        ),
        fact(
            "field-assignee",
            tr.get("ticket-field-assignee"),
            t.assignee
                .map(|a| n.person(a.0))
                .unwrap_or_else(|| tr.get("ticket-unassigned")),
        ),
        fact(
            "field-requester",
            tr.get("ticket-field-requester"),
            n.person(t.requester.0),
        ),
        fact(
            "field-department",
            tr.get("ticket-field-department"),
            t.department.map(|d| n.department(d.0)).unwrap_or_else(none),
        ),
        fact(
            "field-service",
            tr.get("ticket-field-service"),
            t.service.clone().unwrap_or_else(none),
        ),
    ];
    if let Some(nature) = t.nature {
        out.push(fact(
            "field-nature",
            tr.get("ticket-field-nature"),
            tr.word("ticket-nature", nature.as_str()),
        ));
    }
    if !t.config_items.is_empty() {
        out.push(fact(
            "field-config-items",
            tr.get("ticket-field-config-items"),
            t.config_items.join(", "),
        ));
    }
    out.push(fact(
        "field-tags",
        tr.get("ticket-field-tags"),
        if t.tags.is_empty() {
            none()
        } else {
            t.tags.join(", ")
        },
    ));
    out.push(fact(
        "field-watchers",
        tr.get("ticket-field-watchers"),
        if watchers.is_empty() {
            none()
        } else {
            watchers.join(", ")
        },
    ));
    for (k, v) in &t.custom {
        out.push(fact("field-custom", k.clone(), v.clone()));
    }
    out
}

/// The key facts a level-0 agent collected, those that were given.
pub fn key_facts(tr: &Tr, t: &Ticket) -> Vec<Fact> {
    let f = &t.facts;
    let mut out = Vec::new();
    if let Some(s) = &f.started {
        out.push(fact(
            "fact-started",
            tr.get("ticket-fact-started"),
            s.clone(),
        ));
    }
    if let Some(u) = f.users_affected {
        out.push(fact(
            "fact-users-affected",
            tr.get("ticket-fact-users-affected"),
            u.to_string(),
        ));
    }
    if let Some(e) = &f.error_codes {
        out.push(fact(
            "fact-error-codes",
            tr.get("ticket-fact-error-codes"),
            e.clone(),
        ));
    }
    if let Some(x) = &f.tried {
        out.push(fact("fact-tried", tr.get("ticket-fact-tried"), x.clone()));
    }
    out
}

/// A ticket in a short list (the requester's other open tickets).
pub struct TicketLink {
    /// Its number.
    pub number: String,
    /// Its subject.
    pub subject: String,
    /// Status as text.
    pub status: String,
    /// Status as a CSS word.
    pub status_class: &'static str,
    /// Priority as text.
    pub priority: String,
    /// Priority as a CSS word.
    pub priority_class: &'static str,
}

impl TicketLink {
    /// The short form of a ticket.
    pub fn of(tr: &Tr, t: &Ticket) -> Self {
        Self {
            number: t.number().to_string(),
            subject: t.subject.clone(),
            status: tr.word("status", t.status.as_str()),
            status_class: t.status.as_str(),
            priority: tr.word("priority", t.priority.as_str()),
            priority_class: t.priority.as_str(),
        }
    }
}

/// The requester card.
pub struct RequesterCard {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// A VIP (served first by SLA policies).
    pub vip: bool,
    /// Their language, in itself.
    pub language: String,
    /// Their other open tickets.
    pub other_open: Vec<TicketLink>,
    /// Whether there are more than listed.
    pub more_open: bool,
}

/// The requester card of a page.
pub fn requester_card(tr: &Tr, d: &TicketPageData, n: &Names) -> RequesterCard {
    let u = d.requester.as_ref();
    RequesterCard {
        name: n.person(d.detail.ticket.requester.0),
        email: u.and_then(|u| u.email.clone()),
        department: u.and_then(|u| u.department_id).map(|id| n.department(id)),
        vip: u.is_some_and(|u| u.vip),
        language: u
            .and_then(|u| Language::parse(&u.language).ok())
            .map(|l| native_name(l).to_string())
            .unwrap_or_default(),
        other_open: d.other_open.iter().map(|t| TicketLink::of(tr, t)).collect(),
        more_open: d.more_open,
    }
}

/// One file in the list.
pub struct FileView {
    /// Attachment id, for `/files/{id}`.
    pub id: i64,
    /// File name.
    pub name: String,
    /// Size in words (`12 KiB`).
    pub size: String,
    /// Media type.
    pub media_type: String,
    /// Whether the requester sees it.
    pub public: bool,
    /// Who uploaded it.
    pub by: String,
    /// When.
    pub at: When,
}

/// A size in bytes for people.
pub fn human_size(bytes: i64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.0} KiB", (b / KIB).ceil())
    } else {
        format!("{:.1} MiB", b / (KIB * KIB))
    }
}

/// The files of a page.
pub fn files(tr: &Tr, rows: &[AttachmentRow], n: &Names) -> Vec<FileView> {
    rows.iter()
        .map(|a| FileView {
            id: a.id,
            name: a.file_name.clone(),
            size: human_size(a.size),
            media_type: a.media_type.clone(),
            public: a.public,
            by: a
                .uploaded_by
                .map(|u| n.person(u))
                .unwrap_or_else(|| tr.get("ticket-system")),
            at: when(tr, &a.created_at),
        })
        .collect()
}

/// One entry of the timeline.
pub struct EntryItem {
    /// Journal id (anchor `entry-<id>`).
    pub id: i64,
    /// Kind as stored, for the CSS class `entry-<kind>`.
    pub kind: String,
    /// Kind in words.
    pub label: String,
    /// Author.
    pub author: String,
    /// When.
    pub at: When,
    /// Whether the requester sees it.
    pub public: bool,
    /// Lines describing what happened (field changes, escalation targets, ...).
    pub lines: Vec<String>,
    /// Free text (reply, note, hand-over summary).
    pub body: String,
    /// A file attached by this entry: id and name.
    pub file: Option<(i64, String)>,
    /// What an entry that came by e-mail says about the message.
    pub mail: Option<super::mail_view::MailNote>,
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

fn id_of(v: &Value) -> Option<i64> {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
}

/// A changed field's value in words.
fn field_value(tr: &Tr, n: &Names, field: &str, v: &Value) -> String {
    let Some(raw) = text(v) else {
        return tr.get("ticket-none");
    };
    match field {
        "status" | "priority" | "impact" | "urgency" => tr.word(field, &raw),
        "type" => tr.word("type", &raw),
        "nature" => tr.word("ticket-nature", &raw),
        "level" => tr.arg("level-name", "level", raw),
        "category" => id_of(v).map(|i| n.category_path(i)).unwrap_or(raw),
        "group" => id_of(v).map(|i| n.group(i)).unwrap_or(raw),
        "assignee" | "watchers" => id_of(v).map(|i| n.person(i)).unwrap_or(raw),
        _ => raw,
    }
}

/// The name of a changed field; fields without a translation keep their API name.
fn field_label(tr: &Tr, field: &str) -> String {
    tr.try_get(&format!("ticket-field-{}", field.replace('_', "-")))
        .unwrap_or_else(|| field.to_string())
}

fn level_text(tr: &Tr, v: &Value) -> String {
    match v.as_i64() {
        Some(l) => tr.arg("level-name", "level", l),
        None => tr.get("ticket-none"),
    }
}

fn group_text(tr: &Tr, n: &Names, v: &Value) -> String {
    id_of(v)
        .map(|g| n.group(g))
        .unwrap_or_else(|| tr.get("ticket-none"))
}

/// What an entry's details say, line by line.
fn entry_lines(tr: &Tr, n: &Names, e: &EntryView) -> Vec<String> {
    let d = &e.data;
    let mut lines = Vec::new();
    match e.kind.as_str() {
        "created" => {
            if let Some(ch) = d["channel"].as_str() {
                lines.push(tr.arg("ticket-opened-via", "channel", tr.word("channel", ch)));
            }
            if let Some(r) = id_of(&d["on_behalf"]) {
                lines.push(tr.arg("ticket-on-behalf", "name", n.person(r)));
            }
        }
        "field_change" => {
            for c in d["changes"].as_array().into_iter().flatten() {
                let field = c["field"].as_str().unwrap_or("");
                lines.push(tr.args(
                    "ticket-change",
                    &[
                        ("field", field_label(tr, field)),
                        ("from", field_value(tr, n, field, &c["from"])),
                        ("to", field_value(tr, n, field, &c["to"])),
                    ],
                ));
            }
            if d["reason"].as_str() == Some("requester_replied") {
                lines.push(tr.get("ticket-reopened-by-reply"));
            }
        }
        "escalation" => {
            lines.push(tr.args(
                "ticket-escalation-levels",
                &[
                    ("from", level_text(tr, &d["from_level"])),
                    ("to", level_text(tr, &d["to_level"])),
                ],
            ));
            lines.push(tr.args(
                "ticket-escalation-groups",
                &[
                    ("from", group_text(tr, n, &d["from_group"])),
                    ("to", group_text(tr, n, &d["to_group"])),
                ],
            ));
            if let Some(a) = id_of(&d["from_assignee"]) {
                lines.push(tr.arg("ticket-escalation-from-assignee", "name", n.person(a)));
            }
        }
        "take" => {
            lines.push(
                tr.args(
                    "ticket-taken-by",
                    &[
                        (
                            "name",
                            id_of(&d["assignee"])
                                .map(|a| n.person(a))
                                .unwrap_or_default(),
                        ),
                        ("level", level_text(tr, &d["level"])),
                        ("group", group_text(tr, n, &d["group"])),
                    ],
                ),
            );
        }
        "attachment" => {
            if let Some(size) = d["size"].as_i64() {
                lines.push(human_size(size));
            }
        }
        _ => {}
    }
    lines
}

/// The timeline of a page. Attachment entries link to their file.
pub fn timeline(tr: &Tr, d: &TicketPageData, n: &Names) -> Vec<EntryItem> {
    let file_of: HashMap<i64, i64> = d
        .attachments
        .iter()
        .filter_map(|a| a.journal_id.map(|j| (j, a.id)))
        .collect();
    d.journal
        .iter()
        .map(|e| EntryItem {
            id: e.id,
            kind: e.kind.clone(),
            label: tr.word("entry", &e.kind),
            author: e
                .author_name
                .clone()
                .unwrap_or_else(|| tr.get("ticket-system")),
            at: when(tr, &e.created_at),
            public: e.public,
            lines: entry_lines(tr, n, e),
            mail: super::mail_view::mail_note(tr, e, d),
            file: if e.kind == "attachment" {
                file_of.get(&e.id).map(|f| (*f, e.body.clone()))
            } else {
                None
            },
            body: if e.kind == "attachment" {
                String::new()
            } else {
                e.body.clone()
            },
        })
        .collect()
}

/// Created and updated times of the ticket.
pub fn times(tr: &Tr, t: &Ticket) -> (When, When) {
    (when(tr, &t.created_at), when(tr, &t.updated_at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(12), "12 B");
        assert_eq!(human_size(1500), "2 KiB");
        assert_eq!(human_size(3 * 1024 * 1024), "3.0 MiB");
    }
}
