//! The on-behalf form's data: the fields exactly as typed (kept as text, so that a refused
//! form comes back with everything the agent wrote), their reading into the service layer's
//! request, and the view the template shows (choices, the priority the matrix gives, the
//! message next to the field it concerns).

use escalade_app::tickets::OpenTicket;
use escalade_app::tickets::on_behalf::OnBehalfChoices;
use escalade_core::ids::{CategoryId, GroupId, UserId};
use escalade_core::ticket::{
    Channel, Impact, KeyFacts, NewTicket, Priority, PriorityMatrix, TicketType, Urgency,
};
use serde::Deserialize;

use super::{Choice, category_tree};
use crate::ui::i18n::Tr;

/// The form's fields as the browser sent them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewTicketForm {
    /// Text narrowing the requester list.
    pub who: String,
    /// The requester's user id.
    pub requester_id: String,
    /// Channel.
    pub channel: String,
    /// Type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Subject.
    pub subject: String,
    /// Description.
    pub description: String,
    /// When it started.
    pub started: String,
    /// How many users are affected.
    pub users_affected: String,
    /// Error codes or messages.
    pub error_codes: String,
    /// What was tried.
    pub tried: String,
    /// Category id.
    pub category_id: String,
    /// Impact.
    pub impact: String,
    /// Urgency.
    pub urgency: String,
    /// Group id.
    pub group_id: String,
    /// Assignee id.
    pub assignee_id: String,
    /// Present when the "find" button sent the form (narrow the requesters, open nothing).
    pub find: Option<String>,
}

/// A field the form could not read, with the sentence for the reader.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The form field.
    pub field: String,
    /// The sentence.
    pub message: String,
}

fn text(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn id(field: &str, s: &str, tr: &Tr) -> Result<Option<i64>, Problem> {
    match s.trim() {
        "" => Ok(None),
        v => v.parse::<i64>().map(Some).map_err(|_| Problem {
            field: field.into(),
            message: tr.get("agent-new-bad-choice"),
        }),
    }
}

/// Reads a vocabulary select: blank gives the default, anything else must be a known word.
fn word<T>(
    field: &str,
    s: &str,
    default: T,
    parse: impl Fn(&str, &str) -> Result<T, escalade_core::DomainError>,
    tr: &Tr,
) -> Result<T, Problem> {
    match s.trim() {
        "" => Ok(default),
        v => parse(field, v).map_err(|_| Problem {
            field: field.into(),
            message: tr.get("agent-new-bad-choice"),
        }),
    }
}

impl NewTicketForm {
    /// The impact chosen (medium when none).
    pub fn impact(&self) -> Impact {
        Impact::parse("impact", self.impact.trim()).unwrap_or(Impact::Medium)
    }

    /// The urgency chosen (medium when none).
    pub fn urgency(&self) -> Urgency {
        Urgency::parse("urgency", self.urgency.trim()).unwrap_or(Urgency::Medium)
    }

    /// The request for the service layer, or the first field that cannot be read. Free text is
    /// checked by the service layer (required subject, lengths).
    pub fn to_request(&self, tr: &Tr) -> Result<OpenTicket, Problem> {
        let requester = id("requester_id", &self.requester_id, tr)?.ok_or_else(|| Problem {
            field: "requester_id".into(),
            message: tr.get("agent-new-requester-required"),
        })?;
        let users_affected = match self.users_affected.trim() {
            "" => None,
            v => Some(
                v.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| Problem {
                        field: "users_affected".into(),
                        message: tr.get("agent-new-users-affected-number"),
                    })?,
            ),
        };
        Ok(OpenTicket {
            ticket: NewTicket {
                kind: Some(word(
                    "type",
                    &self.kind,
                    TicketType::Incident,
                    TicketType::parse,
                    tr,
                )?),
                subject: self.subject.clone(),
                description: self.description.trim_end().to_string(),
                requester: Some(UserId(requester)),
                channel: Some(word(
                    "channel",
                    &self.channel,
                    Channel::Phone,
                    Channel::parse,
                    tr,
                )?),
                category: id("category_id", &self.category_id, tr)?.map(CategoryId),
                impact: Some(word(
                    "impact",
                    &self.impact,
                    Impact::Medium,
                    Impact::parse,
                    tr,
                )?),
                urgency: Some(word(
                    "urgency",
                    &self.urgency,
                    Urgency::Medium,
                    Urgency::parse,
                    tr,
                )?),
                group: id("group_id", &self.group_id, tr)?.map(GroupId),
                assignee: id("assignee_id", &self.assignee_id, tr)?.map(UserId),
                facts: KeyFacts {
                    started: text(&self.started),
                    users_affected,
                    error_codes: text(&self.error_codes),
                    tried: text(&self.tried),
                },
                ..NewTicket::default()
            },
            watchers: Vec::new(),
        })
    }
}

/// The form field a service-layer error names (`facts.tried` is the field `tried`).
pub fn form_field(service_field: &str) -> String {
    match service_field {
        "requester" => "requester_id".into(),
        "kind" => "type".into(),
        "level" => "group_id".into(),
        f => f.strip_prefix("facts.").unwrap_or(f).to_string(),
    }
}

/// A field's label, for the message at the top of the form.
pub fn field_label(tr: &Tr, field: &str) -> String {
    match field {
        "requester_id" => tr.get("agent-new-requester"),
        "channel" => tr.get("agent-new-channel"),
        "type" => tr.get("agent-filter-type"),
        "subject" => tr.get("agent-new-subject"),
        "description" => tr.get("agent-new-description"),
        "started" => tr.get("agent-new-started"),
        "users_affected" => tr.get("agent-new-users-affected"),
        "error_codes" => tr.get("agent-new-error-codes"),
        "tried" => tr.get("agent-new-tried"),
        "category_id" => tr.get("agent-filter-category"),
        "impact" => tr.get("agent-new-impact"),
        "urgency" => tr.get("agent-new-urgency"),
        "group_id" => tr.get("agent-filter-group"),
        "assignee_id" => tr.get("agent-filter-assignee"),
        _ => tr.get("agent-new-form"),
    }
}

/// One row of the matrix table: the impact, then the priority for each urgency.
pub struct MatrixRow {
    /// Impact's name.
    pub impact: String,
    /// `(priority code, priority name)` per urgency, high to low.
    pub cells: Vec<(&'static str, String)>,
}

/// What the template shows.
pub struct NewTicketView {
    /// The fields as typed.
    pub values: NewTicketForm,
    /// Requesters to choose from.
    pub requesters: Vec<Choice>,
    /// Whether the search matched more than are offered.
    pub more_requesters: bool,
    /// Channels.
    pub channels: Vec<Choice>,
    /// Types.
    pub kinds: Vec<Choice>,
    /// Categories, indented by depth.
    pub categories: Vec<Choice>,
    /// Impacts.
    pub impacts: Vec<Choice>,
    /// Urgencies.
    pub urgencies: Vec<Choice>,
    /// Whether group and assignee are offered.
    pub may_assign: bool,
    /// Groups.
    pub groups: Vec<Choice>,
    /// Agents.
    pub agents: Vec<Choice>,
    /// The priority the matrix gives for the impact and urgency shown.
    pub priority: &'static str,
    /// Its name.
    pub priority_label: String,
    /// The matrix for the script, `{"high": {"high": "critical", ...}, ...}`.
    pub matrix_json: String,
    /// Priority names for the script.
    pub labels_json: String,
    /// Urgency names, the matrix table's columns.
    pub urgency_heads: Vec<String>,
    /// The matrix table's rows.
    pub matrix_rows: Vec<MatrixRow>,
    /// The message at the top.
    pub error: Option<String>,
    /// The field it concerns, and the message shown beside it.
    pub field_error: Option<(String, String)>,
}

impl NewTicketView {
    /// The message beside `field`, if the refusal concerns it.
    pub fn err(&self, field: &str) -> Option<&str> {
        self.field_error
            .as_ref()
            .filter(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// The form with these choices; `channel` preselected when the form is fresh.
    pub fn new(tr: &Tr, values: NewTicketForm, choices: OnBehalfChoices) -> NewTicketView {
        let channel_now = if values.channel.trim().is_empty() {
            Channel::Phone.as_str().to_string()
        } else {
            values.channel.clone()
        };
        let channels = Channel::ALL
            .iter()
            .map(|ch| Choice::new(ch.as_str(), tr.word("channel", ch.as_str()), &channel_now))
            .collect();
        let kinds = TicketType::ALL
            .iter()
            .map(|k| Choice::new(k.as_str(), tr.word("type", k.as_str()), &values.kind))
            .collect();
        let mut requesters = vec![Choice::new(
            "",
            tr.get("agent-new-choose"),
            &values.requester_id,
        )];
        requesters.extend(choices.requesters.iter().map(|u| {
            let label = match &u.email {
                Some(e) => format!("{} · {} · {e}", u.display_name, u.login),
                None => format!("{} · {}", u.display_name, u.login),
            };
            Choice::new(u.id.to_string(), label, &values.requester_id)
        }));
        let mut categories = vec![Choice::new(
            "",
            tr.get("agent-new-none"),
            &values.category_id,
        )];
        categories.extend(
            category_tree(&choices.categories)
                .into_iter()
                .map(|(id, name)| Choice::new(id.to_string(), name, &values.category_id)),
        );
        let impact = values.impact();
        let urgency = values.urgency();
        let impacts = Impact::ALL
            .iter()
            .map(|i| Choice::new(i.as_str(), tr.word("impact", i.as_str()), impact.as_str()))
            .collect();
        let urgencies = Urgency::ALL
            .iter()
            .map(|u| Choice::new(u.as_str(), tr.word("urgency", u.as_str()), urgency.as_str()))
            .collect();
        let mut groups = vec![Choice::new("", tr.get("agent-new-none"), &values.group_id)];
        groups.extend(choices.groups.iter().map(|g| {
            let label = format!("{} ({})", g.name, tr.arg("level-name", "level", g.level));
            Choice::new(g.id.to_string(), label, &values.group_id)
        }));
        let mut agents = vec![Choice::new("", tr.get("agent-nobody"), &values.assignee_id)];
        agents.extend(choices.agents.iter().map(|a| {
            Choice::new(
                a.id.to_string(),
                a.display_name.clone(),
                &values.assignee_id,
            )
        }));
        let priority = choices.matrix.priority(impact, urgency);
        NewTicketView {
            requesters,
            more_requesters: choices.more_requesters,
            channels,
            kinds,
            categories,
            impacts,
            urgencies,
            may_assign: choices.may_assign,
            groups,
            agents,
            priority: priority.as_str(),
            priority_label: tr.word("priority", priority.as_str()),
            matrix_json: matrix_json(&choices.matrix),
            labels_json: labels_json(tr),
            urgency_heads: Urgency::ALL
                .iter()
                .map(|u| tr.word("urgency", u.as_str()))
                .collect(),
            matrix_rows: Impact::ALL
                .iter()
                .map(|i| MatrixRow {
                    impact: tr.word("impact", i.as_str()),
                    cells: Urgency::ALL
                        .iter()
                        .map(|u| {
                            let p = choices.matrix.priority(*i, *u);
                            (p.as_str(), tr.word("priority", p.as_str()))
                        })
                        .collect(),
                })
                .collect(),
            values,
            error: None,
            field_error: None,
        }
    }

    /// The same view with a refusal: the message at the top names the field, and the field
    /// carries it too.
    pub fn refused(mut self, tr: &Tr, field: Option<String>, message: String) -> NewTicketView {
        self.error = Some(match &field {
            Some(f) => tr.args(
                "agent-new-problem",
                &[("field", field_label(tr, f)), ("message", message.clone())],
            ),
            None => message.clone(),
        });
        self.field_error = field.map(|f| (f, message));
        self
    }
}

/// The matrix as the script reads it: `{impact: {urgency: priority}}`.
fn matrix_json(m: &PriorityMatrix) -> String {
    let mut rows = serde_json::Map::new();
    for i in Impact::ALL {
        let mut cols = serde_json::Map::new();
        for u in Urgency::ALL {
            cols.insert(u.as_str().into(), m.priority(*i, *u).as_str().into());
        }
        rows.insert(i.as_str().into(), cols.into());
    }
    serde_json::Value::Object(rows).to_string()
}

fn labels_json(tr: &Tr) -> String {
    let map: serde_json::Map<String, serde_json::Value> = Priority::ALL
        .iter()
        .map(|p| {
            (
                p.as_str().to_string(),
                tr.word("priority", p.as_str()).into(),
            )
        })
        .collect();
    serde_json::Value::Object(map).to_string()
}
