//! Time rules in the administration (`admin.settings`): the form that creates or edits one
//! (its kind, the wait in hours, days or minutes, the reminder's template and text, where an
//! escalation goes, active or not) and deleting one after a confirmation. The form is turned
//! into the time rule's JSON and checked by the service, which records the change in the audit
//! log; a refused value is shown beside its field, the form as typed.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::authz::Permission;
use escalade_core::rules::{TimeRule, TimeRuleKind};
use serde::Deserialize;
use serde_json::{Value, json};

use super::confirm::confirm_page;
use super::{gate, page_error, path_id, refusal_text, render_status};
use crate::state::AppState;
use crate::ui::agent::Choice;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError};
use crate::ui::session::Viewer;

/// The kinds, in the order the form offers them.
const KINDS: [&str; 3] = [
    "remind_pending",
    "auto_close_resolved",
    "escalate_unassigned",
];

/// The time rule form as posted (and as shown again when refused).
#[derive(Deserialize, Default, Clone)]
pub struct TimeRuleForm {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// `on` when ticked.
    #[serde(default)]
    pub active: Option<String>,
    /// One of [`KINDS`].
    #[serde(default)]
    pub kind: String,
    /// Hours in pending before the reminder.
    #[serde(default)]
    pub after_hours: String,
    /// `on` to remind again every `after_hours`.
    #[serde(default)]
    pub repeat: Option<String>,
    /// The reminder's template key.
    #[serde(default)]
    pub template: String,
    /// The reminder's text.
    #[serde(default)]
    pub text: String,
    /// Days in resolved before closing.
    #[serde(default)]
    pub after_days: String,
    /// Minutes without assignee before escalating.
    #[serde(default)]
    pub after_minutes: String,
    /// The receiving level, empty for the next one.
    #[serde(default)]
    pub to_level: String,
    /// The receiving group, empty for the level's only group.
    #[serde(default)]
    pub to_group: String,
}

impl TimeRuleForm {
    /// A new rule's form: a reminder after two days, active.
    fn fresh() -> Self {
        Self {
            active: Some("on".into()),
            kind: "remind_pending".into(),
            after_hours: "48".into(),
            template: "pending_reminder".into(),
            after_days: "7".into(),
            after_minutes: "30".into(),
            ..Self::default()
        }
    }

    fn of(rule: &TimeRule) -> Self {
        let mut f = Self {
            name: rule.name.clone(),
            active: rule.active.then(|| "on".into()),
            ..Self::fresh()
        };
        match &rule.kind {
            TimeRuleKind::RemindPending(r) => {
                f.kind = "remind_pending".into();
                f.after_hours = r.after_hours.to_string();
                f.repeat = r.repeat.then(|| "on".into());
                f.template = r.template.clone();
                f.text = r.text.clone();
            }
            TimeRuleKind::AutoCloseResolved(c) => {
                f.kind = "auto_close_resolved".into();
                f.after_days = c.after_days.to_string();
            }
            TimeRuleKind::EscalateUnassigned(e) => {
                f.kind = "escalate_unassigned".into();
                f.after_minutes = e.after_minutes.to_string();
                f.to_level = e.to_level.map(|l| l.get().to_string()).unwrap_or_default();
                f.to_group = e.to_group.map(|g| g.0.to_string()).unwrap_or_default();
            }
        }
        f
    }

    /// The time rule's JSON, or the form field whose value is not a number.
    fn definition(&self) -> Result<Value, &'static str> {
        let number = |field: &'static str, v: &str| v.trim().parse::<u32>().map_err(|_| field);
        let kind = match self.kind.as_str() {
            "remind_pending" => json!({"remind_pending": {
                "after_hours": number("after_hours", &self.after_hours)?,
                "repeat": self.repeat.is_some(),
                "template": self.template.trim(),
                "text": self.text,
            }}),
            "auto_close_resolved" => json!({"auto_close_resolved": {
                "after_days": number("after_days", &self.after_days)?,
            }}),
            "escalate_unassigned" => {
                let mut e = json!({"after_minutes": number("after_minutes", &self.after_minutes)?});
                if !self.to_level.trim().is_empty() {
                    e["to_level"] = json!(number("to_level", &self.to_level)?);
                }
                if !self.to_group.trim().is_empty() {
                    e["to_group"] = json!(number("to_group", &self.to_group)?);
                }
                json!({ "escalate_unassigned": e })
            }
            _ => return Err("kind"),
        };
        Ok(json!({"name": self.name, "active": self.active.is_some(), "kind": kind}))
    }
}

/// The form field a refused JSON path belongs to.
fn field_of(path: &str) -> &'static str {
    let last = path.rsplit('.').next().unwrap_or(path);
    match last {
        "name" => "name",
        "after_hours" => "after_hours",
        "after_days" => "after_days",
        "after_minutes" => "after_minutes",
        "template" => "template",
        "text" => "text",
        "to_level" => "to_level",
        "to_group" => "to_group",
        _ => "kind",
    }
}

/// A refused field's sentence: this form's own wording for the field, else the shared one.
fn field_error(field: &str, e: Option<&AppError>, tr: &Tr) -> (StatusCode, String) {
    match tr.try_get(&format!("time-rule-error-{}", field.replace('_', "-"))) {
        Some(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
        None => match e {
            Some(e) => refusal_text(e, tr),
            None => (StatusCode::UNPROCESSABLE_ENTITY, tr.get("error-refused")),
        },
    }
}

#[derive(Template)]
#[template(path = "admin/time_rule.html")]
struct FormPage {
    c: Chrome,
    action: String,
    f: TimeRuleForm,
    kinds: Vec<Choice>,
    levels: Vec<Choice>,
    groups: Vec<Choice>,
    /// The field at fault, if any.
    bad: String,
    error: Option<String>,
    /// The delete link, for a stored rule.
    delete: Option<String>,
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    f: TimeRuleForm,
    error: Option<(&'static str, StatusCode, String)>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let groups = state.app.groups().await.map_err(|e| page_error(e, tr))?;
    let choice = |value: String, label: String, selected: bool| Choice {
        value,
        label,
        selected,
    };
    let kinds = KINDS
        .iter()
        .map(|k| choice(k.to_string(), tr.word("rules-kind", k), f.kind == *k))
        .collect();
    let mut levels = vec![choice(
        String::new(),
        tr.get("time-rule-next-level"),
        f.to_level.trim().is_empty(),
    )];
    levels.extend((0..=3).map(|l| {
        choice(
            l.to_string(),
            tr.arg("time-rule-level", "level", l),
            f.to_level.trim() == l.to_string(),
        )
    }));
    let mut group_choices = vec![choice(
        String::new(),
        tr.get("time-rule-no-group"),
        f.to_group.trim().is_empty(),
    )];
    group_choices.extend(groups.into_iter().map(|g| {
        choice(
            g.id.to_string(),
            format!("{} ({})", g.name, g.level),
            f.to_group.trim() == g.id.to_string(),
        )
    }));
    let title = if id.is_some() {
        "rules-time-edit-title"
    } else {
        "time-rule-new-title"
    };
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.1);
    Ok(render_status(
        &FormPage {
            c: viewer.chrome(tr.get(title)),
            action: id.map_or("/admin/time-rules".into(), |id| {
                format!("/admin/time-rules/{id}")
            }),
            f,
            kinds,
            levels,
            groups: group_choices,
            bad: error.as_ref().map(|e| e.0.to_string()).unwrap_or_default(),
            error: error.map(|e| e.2),
            delete: id.map(|id| format!("/admin/time-rules/{id}/delete")),
        },
        status,
    ))
}

/// Saves the form: creates when `id` is `None`. Shows the form again when refused.
async fn save(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    f: TimeRuleForm,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let def = match f.definition() {
        Ok(d) => d.to_string(),
        Err(field) => {
            let (status, msg) = field_error(field, None, tr);
            return form_page(state, viewer, id, f, Some((field, status, msg))).await;
        }
    };
    let result = match id {
        Some(id) => state.app.update_time_rule(&viewer.caller, id, &def).await,
        None => state.app.create_time_rule(&viewer.caller, &def).await,
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/rules?saved=time-rule").into_response()),
        Err(AppError::Invalid(fe)) => {
            let field = field_of(&fe.field);
            let e = AppError::Invalid(fe);
            let (status, msg) = field_error(field, Some(&e), tr);
            form_page(state, viewer, id, f, Some((field, status, msg))).await
        }
        Err(e) => Err(page_error(e, tr)),
    }
}

/// GET /admin/time-rules/new
pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    form_page(&state, &viewer, None, TimeRuleForm::fresh(), None).await
}

/// POST /admin/time-rules
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<TimeRuleForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    save(&state, &viewer, None, form).await
}

/// GET /admin/time-rules/{id}
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let row = state
        .app
        .time_rule(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let form = TimeRule::from_json(&row.definition)
        .map(|r| TimeRuleForm::of(&r))
        .unwrap_or_else(|_| TimeRuleForm::fresh());
    form_page(&state, &viewer, Some(id), form, None).await
}

/// POST /admin/time-rules/{id}
pub async fn update(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<TimeRuleForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    save(&state, &viewer, Some(id), form).await
}

/// GET /admin/time-rules/{id}/delete: asks before deleting.
pub async fn confirm_delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let row = state
        .app
        .time_rule(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let question = viewer.tr.arg("time-rule-delete-question", "name", row.name);
    Ok(confirm_page(
        &viewer,
        &question,
        format!("/admin/time-rules/{id}/delete"),
        format!("/admin/time-rules/{id}"),
    ))
}

/// POST /admin/time-rules/{id}/delete
pub async fn delete(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<super::confirm::Confirmed>,
) -> Result<Response, PageError> {
    let viewer = posted.viewer;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    state
        .app
        .delete_time_rule(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    Ok(Redirect::to("/admin/rules?saved=time-rule-deleted").into_response())
}
