//! The ticket page's forms as the template draws them: the choices of each select (only the
//! status moves the state machine allows), what the reader typed when a form was refused, and
//! the refusal's message placed beside the field it concerns.

use axum::http::StatusCode;
use escalade_app::AppError;
use escalade_app::tickets::TicketPageData;
use escalade_core::ticket::{Impact, Priority, Status, Ticket, Urgency};
use serde::Deserialize;

use super::super::i18n::Tr;
use super::super::page::app_error_text;
use super::view::Names;

/// One choice of a select.
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// The words shown.
    pub label: String,
    /// Whether it is the current choice.
    pub selected: bool,
}

fn choice(value: impl Into<String>, label: String, current: &str) -> Choice {
    let value = value.into();
    Choice {
        selected: value == current,
        value,
        label,
    }
}

/// The fields of the change form, as posted. Each field comes with its value when the page was
/// drawn (`was_*`), so that only what the agent changed is sent: a field someone else changed
/// meanwhile is not set back.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct UpdateForm {
    /// New status.
    pub status: Option<String>,
    /// `auto` (from the matrix) or a priority.
    pub priority: Option<String>,
    /// Impact.
    pub impact: Option<String>,
    /// Urgency.
    pub urgency: Option<String>,
    /// Category id, or empty for none.
    pub category: Option<String>,
    /// Group id, or empty for none.
    pub group: Option<String>,
    /// Assignee id, or empty for nobody.
    pub assignee: Option<String>,
    /// Status when the page was drawn.
    pub was_status: Option<String>,
    /// Priority when the page was drawn.
    pub was_priority: Option<String>,
    /// Impact when the page was drawn.
    pub was_impact: Option<String>,
    /// Urgency when the page was drawn.
    pub was_urgency: Option<String>,
    /// Category when the page was drawn.
    pub was_category: Option<String>,
    /// Group when the page was drawn.
    pub was_group: Option<String>,
    /// Assignee when the page was drawn.
    pub was_assignee: Option<String>,
}

/// The current values of the change form's fields, as the form sends them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current {
    /// Status.
    pub status: String,
    /// `auto` or the manual priority.
    pub priority: String,
    /// Impact.
    pub impact: String,
    /// Urgency.
    pub urgency: String,
    /// Category id or empty.
    pub category: String,
    /// Group id or empty.
    pub group: String,
    /// Assignee id or empty.
    pub assignee: String,
}

fn id_text(id: Option<i64>) -> String {
    id.map(|i| i.to_string()).unwrap_or_default()
}

impl Current {
    /// The values of a ticket.
    pub fn of(t: &Ticket) -> Self {
        Self {
            status: t.status.as_str().into(),
            priority: if t.priority_manual {
                t.priority.as_str().into()
            } else {
                "auto".into()
            },
            impact: t.impact.as_str().into(),
            urgency: t.urgency.as_str().into(),
            category: id_text(t.category.map(|c| c.0)),
            group: id_text(t.group.map(|g| g.0)),
            assignee: id_text(t.assignee.map(|a| a.0)),
        }
    }
}

/// A refused form: which one, the message, and the field it concerns when known.
pub struct Refusal {
    /// `reply`, `note`, `attach`, `update`, `escalate` or `take`.
    pub form: &'static str,
    /// The reader's sentence.
    pub message: String,
    /// The field, as the form names it, when the refusal concerns one.
    pub field: Option<&'static str>,
    /// The stable code of the refusal: the rule a refused status move breaks
    /// (`close_only_resolved`), or the error code (`group_required`, `forbidden`).
    pub code: String,
}

/// What the reader typed into the page's forms, kept when one is refused.
#[derive(Default)]
pub struct Draft {
    /// The refusal, if a form was refused.
    pub refusal: Option<Refusal>,
    /// The reply being written.
    pub reply: String,
    /// The note being written.
    pub note: String,
    /// `internal` or `phone_call`.
    pub note_kind: String,
    /// The change form as posted.
    pub update: Option<UpdateForm>,
    /// The escalation's target level (empty for the next one).
    pub escalate_level: String,
    /// The escalation's target group (empty for the level's own).
    pub escalate_group: String,
    /// The hand-over summary.
    pub escalate_summary: String,
    /// The visibility chosen for files.
    pub attach_visibility: String,
}

impl Draft {
    /// The message of a refusal of this form, shown at its top when it concerns no field the
    /// form shows a message beside.
    pub fn error(&self, form: &str) -> Option<&str> {
        self.refusal
            .as_ref()
            .filter(|r| r.form == form && !r.field.is_some_and(|f| placed(form, f)))
            .map(|r| r.message.as_str())
    }

    /// The stable code of this form's refusal (empty when it was not refused), for the
    /// `data-code` attribute that scripts and tests read.
    pub fn code(&self, form: &str) -> &str {
        self.refusal
            .as_ref()
            .filter(|r| r.form == form)
            .map_or("", |r| r.code.as_str())
    }

    /// The message of any refusal of this form (forms with a single field).
    pub fn message(&self, form: &str) -> Option<&str> {
        self.refusal
            .as_ref()
            .filter(|r| r.form == form)
            .map(|r| r.message.as_str())
    }

    /// The message of a refusal of this field of this form, shown beside the field.
    pub fn field_error(&self, form: &str, field: &str) -> Option<&str> {
        self.refusal
            .as_ref()
            .filter(|r| r.form == form && r.field == Some(field))
            .map(|r| r.message.as_str())
    }
}

/// Whether the form shows a refusal beside this field (otherwise at the form's top).
fn placed(form: &str, field: &str) -> bool {
    matches!(
        (form, field),
        (
            "update",
            "status" | "category" | "group" | "assignee" | "level"
        ) | ("escalate", "level" | "group" | "summary")
    )
}

/// The status and sentence for a refused form. A refused status move or a field error is
/// explained by this page's own words when it has them (`ticket-error-<field>-<code>`, then
/// `ticket-error-<code>`), else by the shared ones; the field is named for the form.
pub fn refusal(form: &'static str, e: &AppError, tr: &Tr) -> (StatusCode, Refusal) {
    let key = |s: &str| s.replace('_', "-");
    let own = |code: &str, field: Option<&str>| {
        field
            .and_then(|f| tr.try_get(&format!("ticket-error-{}-{}", key(f), key(code))))
            .or_else(|| tr.try_get(&format!("ticket-error-{}", key(code))))
    };
    let (status, shared) = app_error_text(e, tr);
    let (message, field) = match e {
        AppError::Transition { rule, .. } => (own(rule, None), Some("status")),
        AppError::Invalid(f) => (own(f.code, Some(&f.field)), form_field(&f.field)),
        AppError::Conflict { code, .. } => (own(code, None), None),
        AppError::Forbidden { .. } => (Some(tr.get("ticket-error-forbidden")), None),
        _ => (None, None),
    };
    // A refused move in the change form concerns the status select; elsewhere (a comment on a
    // closed ticket) it concerns the whole form.
    let field = match (form, e) {
        ("update", _) => field,
        (_, AppError::Transition { .. }) => None,
        _ => field,
    };
    let code = match e {
        AppError::Transition { rule, .. } => (*rule).to_string(),
        AppError::Invalid(f) => f.code.to_string(),
        AppError::Conflict { code, .. } => (*code).to_string(),
        AppError::Forbidden { .. } => "forbidden".into(),
        AppError::TooLarge { .. } => "too_large".into(),
        _ => "error".into(),
    };
    (
        status,
        Refusal {
            form,
            message: message.unwrap_or(shared),
            field,
            code,
        },
    )
}

/// The form's name for a field the service layer names as the API does.
fn form_field(api: &str) -> Option<&'static str> {
    Some(match api {
        "status" => "status",
        "priority" => "priority",
        "impact" => "impact",
        "urgency" => "urgency",
        "category_id" => "category",
        "group_id" => "group",
        "assignee_id" => "assignee",
        "level" => "level",
        "summary" => "summary",
        "body" => "body",
        _ => return None,
    })
}

/// The change form's selects.
pub struct UpdateChoices {
    /// Status: the current one, then the allowed moves.
    pub status: Vec<Choice>,
    /// Priority: from the matrix, or one set by hand.
    pub priority: Vec<Choice>,
    /// Impact.
    pub impact: Vec<Choice>,
    /// Urgency.
    pub urgency: Vec<Choice>,
    /// Active categories as paths (and the current one even if retired).
    pub category: Vec<Choice>,
    /// Groups with their level.
    pub group: Vec<Choice>,
    /// Active agents.
    pub assignee: Vec<Choice>,
    /// The values when the page was drawn.
    pub was: Current,
    /// `{impact: {urgency: priority}}` for the live priority.
    pub matrix_json: String,
    /// `{priority: words}` for the live priority.
    pub labels_json: String,
    /// What the matrix gives for the current impact and urgency, in words.
    pub matrix_priority: String,
    /// Its CSS word.
    pub matrix_priority_class: &'static str,
}

/// The change form's choices, showing the draft's values when the form was refused.
pub fn update_choices(tr: &Tr, d: &TicketPageData, n: &Names, draft: &Draft) -> UpdateChoices {
    let t = &d.detail.ticket;
    let was = Current::of(t);
    let typed = draft.update.clone().unwrap_or_default();
    let pick = |v: &Option<String>, dflt: &str| v.clone().unwrap_or_else(|| dflt.to_string());
    let status_now = pick(&typed.status, &was.status);
    let mut status = vec![choice(
        was.status.clone(),
        tr.word("status", &was.status),
        &status_now,
    )];
    status.extend(
        d.status_moves
            .iter()
            .map(|s| choice(s.as_str(), tr.word("status", s.as_str()), &status_now)),
    );
    // A value typed elsewhere (a stale page, a script) stays visible after a refusal.
    if !status.iter().any(|c| c.selected)
        && let Ok(s) = Status::parse("status", &status_now)
    {
        status.push(choice(
            s.as_str(),
            tr.word("status", s.as_str()),
            &status_now,
        ));
    }
    let priority_now = pick(&typed.priority, &was.priority);
    let mut priority = vec![choice(
        "auto",
        tr.get("ticket-priority-auto"),
        &priority_now,
    )];
    priority.extend(
        Priority::ALL
            .iter()
            .map(|p| choice(p.as_str(), tr.word("priority", p.as_str()), &priority_now)),
    );
    let impact_now = pick(&typed.impact, &was.impact);
    let impact = Impact::ALL
        .iter()
        .map(|i| choice(i.as_str(), tr.word("impact", i.as_str()), &impact_now))
        .collect();
    let urgency_now = pick(&typed.urgency, &was.urgency);
    let urgency = Urgency::ALL
        .iter()
        .map(|u| choice(u.as_str(), tr.word("urgency", u.as_str()), &urgency_now))
        .collect();
    let category_now = pick(&typed.category, &was.category);
    let mut category = vec![choice("", tr.get("ticket-none"), &category_now)];
    let mut paths: Vec<Choice> = d
        .categories
        .iter()
        .filter(|c| c.active || Some(c.id) == t.category.map(|x| x.0))
        .map(|c| choice(c.id.to_string(), n.category_path(c.id), &category_now))
        .collect();
    paths.sort_by_cached_key(|c| c.label.to_lowercase());
    category.extend(paths);
    let group_now = pick(&typed.group, &was.group);
    let mut group = vec![choice("", tr.get("ticket-none"), &group_now)];
    group.extend(d.groups.iter().map(|g| {
        choice(
            g.id.to_string(),
            tr.args(
                "ticket-group-with-level",
                &[("name", g.name.clone()), ("level", g.level.to_string())],
            ),
            &group_now,
        )
    }));
    let assignee_now = pick(&typed.assignee, &was.assignee);
    let mut assignee = vec![choice("", tr.get("ticket-unassigned"), &assignee_now)];
    assignee.extend(
        d.agents
            .iter()
            .map(|u| choice(u.id.to_string(), u.display_name.clone(), &assignee_now)),
    );
    // The current assignee stays choosable even when no longer an active agent.
    if let Some(a) = t.assignee
        && !d.agents.iter().any(|u| u.id == a.0)
    {
        assignee.push(choice(a.0.to_string(), n.person(a.0), &assignee_now));
    }
    let mut matrix = serde_json::Map::new();
    for i in Impact::ALL {
        let row: serde_json::Map<String, serde_json::Value> = Urgency::ALL
            .iter()
            .map(|u| {
                (
                    u.as_str().to_string(),
                    d.matrix.priority(*i, *u).as_str().into(),
                )
            })
            .collect();
        matrix.insert(i.as_str().into(), row.into());
    }
    let labels: serde_json::Map<String, serde_json::Value> = Priority::ALL
        .iter()
        .map(|p| {
            (
                p.as_str().to_string(),
                tr.word("priority", p.as_str()).into(),
            )
        })
        .collect();
    let from_matrix = d.matrix.priority(t.impact, t.urgency);
    UpdateChoices {
        status,
        priority,
        impact,
        urgency,
        category,
        group,
        assignee,
        was,
        matrix_json: serde_json::Value::from(matrix).to_string(),
        labels_json: serde_json::Value::from(labels).to_string(),
        matrix_priority: tr.word("priority", from_matrix.as_str()),
        matrix_priority_class: from_matrix.as_str(),
    }
}

/// The escalation form's selects.
pub struct EscalateChoices {
    /// Target level: the next one by default, or a level above, or the same for a group.
    pub level: Vec<Choice>,
    /// Target group: the level's own by default, or any other group.
    pub group: Vec<Choice>,
}

/// The escalation form's choices.
pub fn escalate_choices(tr: &Tr, d: &TicketPageData, draft: &Draft) -> EscalateChoices {
    let t = &d.detail.ticket;
    let now = t.level.get();
    let lv = draft.escalate_level.as_str();
    let mut level = vec![choice(
        "",
        match t.level.next() {
            Some(next) => tr.arg("ticket-escalate-next-level", "level", next.get()),
            None => tr.get("ticket-escalate-same-level"),
        },
        lv,
    )];
    level.push(choice(
        now.to_string(),
        tr.args("ticket-escalate-this-level", &[("level", now.to_string())]),
        lv,
    ));
    level.extend(
        ((now + 1)..=3).map(|l| choice(l.to_string(), tr.arg("level-name", "level", l), lv)),
    );
    let gv = draft.escalate_group.as_str();
    let mut group = vec![choice("", tr.get("ticket-escalate-group-auto"), gv)];
    group.extend(
        d.groups
            .iter()
            .filter(|g| g.level >= now && Some(g.id) != t.group.map(|x| x.0))
            .map(|g| {
                choice(
                    g.id.to_string(),
                    tr.args(
                        "ticket-group-with-level",
                        &[("name", g.name.clone()), ("level", g.level.to_string())],
                    ),
                    gv,
                )
            }),
    );
    EscalateChoices { level, group }
}

#[cfg(test)]
mod tests {
    use chrono_tz::Tz;
    use escalade_core::FieldError;
    use escalade_core::people::Language;
    use escalade_core::ticket::Nature;

    use super::*;

    /// Every rule the state machine and escalation name.
    const RULES: &[&str] = &[
        "no_change",
        "closed_is_final",
        "cancelled_is_final",
        "escalation_needs_handover",
        "new_is_initial",
        "assigned_needs_assignee",
        "close_only_resolved",
        "resolved_closes_or_reopens",
        "pending_needs_work_started",
        "take_before_waiting",
        "take_only_escalated",
    ];

    /// Every field a field-change entry may name.
    const FIELDS: &[&str] = &[
        "status", "priority", "impact", "urgency", "category", "group", "assignee", "level",
        "type", "subject", "nature", "service", "tags", "watchers",
    ];

    #[test]
    fn every_rule_field_and_nature_has_words() {
        let tr = Tr::new(Language::En, Tz::UTC);
        for rule in RULES {
            let key = format!("ticket-error-{}", rule.replace('_', "-"));
            assert!(tr.try_get(&key).is_some(), "{key} is missing");
        }
        for field in FIELDS {
            let key = format!("ticket-field-{field}");
            assert!(tr.try_get(&key).is_some(), "{key} is missing");
        }
        for n in Nature::ALL {
            let key = format!("ticket-nature-{}", n.as_str());
            assert!(tr.try_get(&key).is_some(), "{key} is missing");
        }
    }

    #[test]
    fn refusals_are_placed_beside_their_field_and_translated() {
        let tr = Tr::new(Language::Fr, Tz::UTC);
        let e = AppError::Invalid(FieldError::new("group_id", "group_required", "several"));
        let (status, r) = refusal("escalate", &e, &tr);
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(r.field, Some("group"));
        assert!(r.message.contains("Plusieurs groupes"), "{}", r.message);
        let e = AppError::Transition {
            rule: "close_only_resolved",
            message: "only a resolved ticket can be closed".into(),
        };
        let (status, r) = refusal("update", &e, &tr);
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(r.field, Some("status"));
        assert_eq!(r.code, "close_only_resolved");
        let draft = Draft {
            refusal: Some(r),
            ..Draft::default()
        };
        assert!(draft.field_error("update", "status").is_some());
        assert!(draft.error("update").is_none());
        // A refusal the form has no place for goes to its top.
        let e = AppError::Invalid(FieldError::new("impact", "unknown_value", "no"));
        let draft = Draft {
            refusal: Some(refusal("update", &e, &tr).1),
            ..Draft::default()
        };
        assert!(draft.error("update").is_some());
    }
}
