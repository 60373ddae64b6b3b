//! Automation rules in the administration (`admin.settings`): the event rules in their order
//! with their event and state, moved up or down and switched on or off in place; a rule
//! written as JSON in a text area (the example of `docs/RULES.md` prefilled for a new one); the
//! dry run of a rule on a ticket; deleting a rule after a confirmation; and the list of time
//! rules (their form is `time_rules`). A refused rule is shown again as typed, with the JSON
//! path and the reason. The service checks everything and keeps the audit log.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_app::rules::dry_run::{DryRunReport, RuleSource};
use escalade_core::authz::Permission;
use serde::Deserialize;

use super::{SavedQuery, flash, gate, page_error, path_id, render_status};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, app_error_text};
use crate::ui::session::Viewer;

/// The rule a new rule's text area starts with (the example of `docs/RULES.md`, without ids
/// that may not exist here).
const EXAMPLE: &str = r#"{
  "name": "Printers go to the hardware team",
  "event": "created",
  "active": true,
  "conditions": {
    "all": [
      { "category": { "set": false } },
      { "text": { "keywords": ["printer", "imprimante", "принтер", "打印机"] } }
    ]
  },
  "actions": [
    { "add_tags": ["printer"] },
    { "add_note": "Routed by the printer rule." }
  ],
  "stop_after": false
}"#;

/// One line of the rules list.
pub struct RuleLine {
    id: i64,
    name: String,
    event: String,
    active: bool,
}

/// One line of the time rules list.
pub struct TimeLine {
    id: i64,
    name: String,
    kind: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/rules.html")]
struct ListPage {
    c: Chrome,
    total: String,
    rules: Vec<RuleLine>,
    time_rules: Vec<TimeLine>,
}

#[derive(Template)]
#[template(path = "admin/rules_edit.html")]
struct EditPage {
    c: Chrome,
    /// Where the form posts.
    action: String,
    text: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/rules_dry_run.html")]
struct DryRunPage {
    c: Chrome,
    rules: Vec<RuleLine>,
    rule_id: String,
    text: String,
    ticket: String,
    error: Option<String>,
    report: Option<ReportView>,
}

/// The dry run's answer in the reader's words.
pub struct ReportView {
    verdict: String,
    reasons: Vec<String>,
    changes: Vec<String>,
    notes: Vec<String>,
    replies: Vec<String>,
}

/// A refused rule's message: the path and the reason, or the shared wording.
fn refusal(e: &AppError, tr: &Tr) -> (StatusCode, String) {
    match e {
        AppError::Invalid(f) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.args(
                "rules-refused",
                &[("path", f.field.clone()), ("message", f.message.clone())],
            ),
        ),
        _ => app_error_text(e, tr),
    }
}

/// A service error that ends the page rather than shows beside the form.
fn ends_page(e: &AppError) -> bool {
    !matches!(e, AppError::Invalid(_) | AppError::Conflict { .. })
}

fn line(r: escalade_store::rules::RuleRow, tr: &Tr) -> RuleLine {
    RuleLine {
        id: r.id,
        name: r.name,
        event: tr.word("rules-event", &r.event),
        active: r.active,
    }
}

/// GET /admin/rules
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let tr = &viewer.tr;
    let app = &state.app;
    let rules = app
        .rules(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let time_rules = app
        .time_rules(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let line_flash = q
        .saved
        .as_deref()
        .and_then(|s| tr.try_get(&format!("rules-saved-{s}")))
        .or_else(|| flash(tr, q.saved.as_deref()));
    Ok(render_status(
        &ListPage {
            c: viewer.chrome(tr.get("rules-title")).with_flash(line_flash),
            total: tr.count("rules-count", "count", rules.len() as i64),
            rules: rules.into_iter().map(|r| line(r, tr)).collect(),
            time_rules: time_rules
                .into_iter()
                .map(|r| TimeLine {
                    id: r.id,
                    name: r.name,
                    kind: tr.word("rules-kind", &r.kind),
                    active: r.active,
                })
                .collect(),
        },
        StatusCode::OK,
    ))
}

fn edit_page(
    viewer: &Viewer,
    action: String,
    text: String,
    error: Option<(StatusCode, String)>,
) -> Response {
    let tr = &viewer.tr;
    let title = "rules-edit-title";
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.0);
    render_status(
        &EditPage {
            c: viewer.chrome(tr.get(title)),
            action,
            text,
            error: error.map(|e| e.1),
        },
        status,
    )
}

/// The text area of the rule forms.
#[derive(Deserialize)]
pub struct RuleForm {
    /// The rule's JSON.
    #[serde(default)]
    pub definition: String,
}

fn pretty(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| json.to_string())
}

/// GET /admin/rules/new
pub async fn new_form(viewer: Viewer) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    Ok(edit_page(
        &viewer,
        "/admin/rules".into(),
        EXAMPLE.into(),
        None,
    ))
}

/// POST /admin/rules
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<RuleForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    match state
        .app
        .create_rule(&viewer.caller, &form.definition)
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/rules?saved=rule").into_response()),
        Err(e) if ends_page(&e) => Err(page_error(e, &viewer.tr)),
        Err(e) => {
            let err = refusal(&e, &viewer.tr);
            Ok(edit_page(
                &viewer,
                "/admin/rules".into(),
                form.definition,
                Some(err),
            ))
        }
    }
}

/// GET /admin/rules/{id}
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let r = state
        .app
        .rule(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    Ok(edit_page(
        &viewer,
        format!("/admin/rules/{id}"),
        pretty(&r.definition),
        None,
    ))
}

/// POST /admin/rules/{id}
pub async fn update(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<RuleForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    match state
        .app
        .update_rule(&viewer.caller, id, &form.definition)
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/rules?saved=rule").into_response()),
        Err(e) if ends_page(&e) => Err(page_error(e, &viewer.tr)),
        Err(e) => {
            let err = refusal(&e, &viewer.tr);
            Ok(edit_page(
                &viewer,
                format!("/admin/rules/{id}"),
                form.definition,
                Some(err),
            ))
        }
    }
}

/// The switch and move buttons of a list line.
#[derive(Deserialize)]
pub struct LineForm {
    /// `on` or `off` for the switch.
    #[serde(default)]
    pub active: String,
    /// `up` or `down` for a move.
    #[serde(default)]
    pub step: String,
}

/// POST /admin/rules/{id}/active
pub async fn set_active(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<LineForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    state
        .app
        .set_rule_active(&viewer.caller, id, form.active == "on")
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    Ok(Redirect::to("/admin/rules?saved=rule").into_response())
}

/// POST /admin/rules/{id}/move
pub async fn move_rule(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<LineForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let step = if form.step == "up" { -1 } else { 1 };
    state
        .app
        .move_rule(&viewer.caller, id, step)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    Ok(Redirect::to("/admin/rules?saved=order").into_response())
}

/// GET /admin/rules/{id}/delete: asks before deleting.
pub async fn confirm_delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let r = state
        .app
        .rule(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let question = viewer.tr.arg("rules-delete-question", "name", r.name);
    Ok(super::confirm::confirm_page(
        &viewer,
        &question,
        format!("/admin/rules/{id}/delete"),
        "/admin/rules".into(),
    ))
}

/// POST /admin/rules/{id}/delete
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
        .delete_rule(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    Ok(Redirect::to("/admin/rules?saved=rule-deleted").into_response())
}

/// The dry-run form.
#[derive(Deserialize, Default)]
pub struct DryRunForm {
    /// A stored rule's id, or empty to try `definition`.
    #[serde(default)]
    pub rule_id: String,
    /// A rule's JSON.
    #[serde(default)]
    pub definition: String,
    /// The ticket's number.
    #[serde(default)]
    pub ticket: String,
}

fn report_view(r: &DryRunReport, tr: &Tr) -> ReportView {
    use escalade_core::rules::Verdict;
    let (verdict, reasons) = match &r.report.verdict {
        Verdict::Fired { reasons } => ("fired", reasons.clone()),
        Verdict::NoMatch { reasons } => ("no_match", reasons.clone()),
        Verdict::Inactive => ("inactive", Vec::new()),
        Verdict::OtherEvent { .. } => ("other_event", Vec::new()),
        Verdict::NotReached { .. } => ("not_reached", Vec::new()),
    };
    ReportView {
        verdict: tr.word("rules-verdict", verdict),
        reasons: reasons
            .iter()
            .map(|x| format!("{} — {}", x.path, x.detail))
            .collect(),
        changes: r
            .changes
            .iter()
            .map(|c| {
                format!(
                    "{}: {} → {}",
                    c.field,
                    c.from.as_deref().unwrap_or("–"),
                    c.to.as_deref().unwrap_or("–")
                )
            })
            .collect(),
        notes: r.notes.iter().map(|n| n.text.clone()).collect(),
        replies: r
            .auto_replies
            .iter()
            .map(|a| format!("{}: {}", a.template, a.text))
            .collect(),
    }
}

async fn dry_run_page(
    state: &AppState,
    viewer: &Viewer,
    form: DryRunForm,
    report: Option<ReportView>,
    error: Option<(StatusCode, String)>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let rules = state
        .app
        .rules(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let status = error.as_ref().map_or(StatusCode::OK, |e| e.0);
    let text = if form.definition.is_empty() && form.rule_id.is_empty() {
        EXAMPLE.to_string()
    } else {
        form.definition
    };
    Ok(render_status(
        &DryRunPage {
            c: viewer.chrome(tr.get("rules-dry-run-title")),
            rules: rules.into_iter().map(|r| line(r, tr)).collect(),
            rule_id: form.rule_id,
            text,
            ticket: form.ticket,
            error: error.map(|e| e.1),
            report,
        },
        status,
    ))
}

/// GET /admin/rules/dry-run
pub async fn dry_run_form(
    State(state): State<AppState>,
    viewer: Viewer,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    dry_run_page(&state, &viewer, DryRunForm::default(), None, None).await
}

/// POST /admin/rules/dry-run: shows the report; nothing is written.
pub async fn dry_run(
    State(state): State<AppState>,
    posted: Posted<DryRunForm>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let source = match form.rule_id.trim().parse::<i64>() {
        Ok(id) => RuleSource::Stored(id),
        Err(_) => RuleSource::Json(form.definition.clone()),
    };
    let result = state
        .app
        .dry_run_rule(&viewer.caller, source, form.ticket.trim())
        .await;
    match result {
        Ok(r) => {
            let view = report_view(&r, &viewer.tr);
            dry_run_page(&state, &viewer, form, Some(view), None).await
        }
        Err(AppError::NotFound(_)) => {
            let msg = viewer.tr.get("rules-dry-run-no-ticket");
            dry_run_page(
                &state,
                &viewer,
                form,
                None,
                Some((StatusCode::NOT_FOUND, msg)),
            )
            .await
        }
        Err(e) if ends_page(&e) => Err(page_error(e, &viewer.tr)),
        Err(e) => {
            let err = refusal(&e, &viewer.tr);
            dry_run_page(&state, &viewer, form, None, Some(err)).await
        }
    }
}
