//! SLA policies in the administration (`/admin/sla/policies`): the list in the order policies
//! are tried, with move up / move down, and the form that creates or edits one (conditions on
//! priority, type, VIP and service; calendar; targets in minutes; warning threshold; actions on
//! warning and on breach). Everything goes through the service layer's policy methods, which
//! check `admin.settings`; category and department conditions, which the form does not show,
//! are kept as they were. The calendars live next door (`calendars.rs`).

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::authz::Permission;
use escalade_core::sla::{Conditions, PolicyDefinition};
use serde_json::{Value, json};

use super::{SavedQuery, flash, gate, refusal_text};
use crate::state::AppState;
use crate::ui::agent::Choice;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

/// The actions a warning or breach may run.
pub const ACTIONS: [&str; 3] = ["notify", "escalate_next_level", "raise_priority"];
const PRIORITIES: [&str; 5] = ["critical", "high", "medium", "low", "informational"];
const TYPES: [&str; 4] = ["incident", "service_request", "question", "complaint"];

/// One policy in the list.
struct PolicyRow {
    id: i64,
    name: String,
    active: bool,
    calendar: String,
    targets: String,
    first: bool,
    last: bool,
}

#[derive(Template)]
#[template(path = "admin/sla_policies.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<PolicyRow>,
    total_text: String,
}

/// A checkbox: field name, label, checked.
pub struct Check {
    /// Field name.
    pub name: String,
    /// What the reader sees.
    pub label: String,
    /// Whether it is ticked.
    pub checked: bool,
}

/// The policy form as typed.
#[derive(Default, Clone)]
struct Draft {
    name: String,
    active: bool,
    calendar_id: String,
    first_response: String,
    resolution: String,
    update_interval: String,
    warn_percent: String,
    vip: String,
    services: String,
    ticked: HashMap<String, bool>,
    /// The conditions the form does not show, kept from the stored policy.
    kept: Conditions,
}

#[derive(Template)]
#[template(path = "admin/sla_policy.html")]
struct FormPage {
    c: Chrome,
    action: String,
    d: Draft,
    calendars: Vec<Choice>,
    vip: Vec<Choice>,
    priorities: Vec<Check>,
    types: Vec<Check>,
    on_warning: Vec<Check>,
    on_breach: Vec<Check>,
    error: Option<String>,
}

fn minutes_text(v: &Value) -> String {
    match v.as_f64() {
        Some(m) if m.fract() == 0.0 => format!("{}", m as i64),
        Some(m) => m.to_string(),
        None => String::new(),
    }
}

impl Draft {
    fn of(definition: &PolicyDefinition, active: bool) -> Self {
        let v = serde_json::to_value(definition).unwrap_or(Value::Null);
        let mut ticked = HashMap::new();
        for p in &definition.conditions.priority {
            ticked.insert(format!("priority_{}", p.as_str()), true);
        }
        for t in &definition.conditions.kind {
            ticked.insert(format!("type_{}", t.as_str()), true);
        }
        for a in &definition.on_warning {
            ticked.insert(format!("warn_{}", a.as_str()), true);
        }
        for a in &definition.on_breach {
            ticked.insert(format!("breach_{}", a.as_str()), true);
        }
        Self {
            name: definition.name.clone(),
            active,
            calendar_id: definition.calendar_id.to_string(),
            first_response: minutes_text(&v["targets"]["first_response_minutes"]),
            resolution: minutes_text(&v["targets"]["resolution_minutes"]),
            update_interval: minutes_text(&v["targets"]["update_interval_minutes"]),
            warn_percent: definition.warn_percent.to_string(),
            vip: match definition.conditions.vip {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => String::new(),
            },
            services: definition.conditions.services.join(", "),
            ticked,
            kept: Conditions {
                category_ids: definition.conditions.category_ids.clone(),
                department_ids: definition.conditions.department_ids.clone(),
                ..Conditions::default()
            },
        }
    }

    fn posted(f: &HashMap<String, String>, kept: Conditions) -> Self {
        let text = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        Self {
            name: text("name"),
            active: f.contains_key("active"),
            calendar_id: text("calendar_id"),
            first_response: text("first_response_minutes"),
            resolution: text("resolution_minutes"),
            update_interval: text("update_interval_minutes"),
            warn_percent: text("warn_percent"),
            vip: text("vip"),
            services: text("services"),
            ticked: f
                .keys()
                .filter(|k| {
                    ["priority_", "type_", "warn_", "breach_"]
                        .iter()
                        .any(|p| k.starts_with(p))
                })
                .map(|k| (k.clone(), true))
                .collect(),
            kept,
        }
    }

    fn ticked(&self, name: &str) -> bool {
        self.ticked.get(name).copied().unwrap_or(false)
    }

    fn picked(&self, prefix: &str, words: &[&str]) -> Vec<String> {
        words
            .iter()
            .filter(|w| self.ticked(&format!("{prefix}{w}")))
            .map(|w| w.to_string())
            .collect()
    }

    /// The policy as the API's JSON, for the same parsing and validation; a number that is
    /// not one is refused here, naming its field.
    fn definition(&self, tr: &Tr) -> Result<(PolicyDefinition, bool), String> {
        let number = |label: &str, s: &str| -> Result<Value, String> {
            if s.is_empty() {
                return Ok(Value::Null);
            }
            s.replace(',', ".")
                .parse::<f64>()
                .map(|n| json!(n))
                .map_err(|_| tr.arg("sla-error-number", "field", tr.get(label)))
        };
        let mut targets = serde_json::Map::new();
        for (key, label, value) in [
            (
                "first_response_minutes",
                "sla-field-first-response",
                &self.first_response,
            ),
            (
                "resolution_minutes",
                "sla-field-resolution",
                &self.resolution,
            ),
            (
                "update_interval_minutes",
                "sla-field-update-interval",
                &self.update_interval,
            ),
        ] {
            let n = number(label, value)?;
            if !n.is_null() {
                targets.insert(key.into(), n);
            }
        }
        let mut conditions = serde_json::to_value(&self.kept).unwrap_or(json!({}));
        conditions["priority"] = json!(self.picked("priority_", &PRIORITIES));
        conditions["type"] = json!(self.picked("type_", &TYPES));
        conditions["services"] = json!(
            self.services
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        );
        match self.vip.as_str() {
            "yes" => conditions["vip"] = json!(true),
            "no" => conditions["vip"] = json!(false),
            _ => {}
        }
        let calendar_id = self
            .calendar_id
            .parse::<i64>()
            .map_err(|_| tr.get("sla-error-calendar"))?;
        let warn = number("sla-field-warn-percent", &self.warn_percent)?;
        let body = json!({
            "name": self.name,
            "conditions": conditions,
            "calendar_id": calendar_id,
            "targets": targets,
            "warn_percent": if warn.is_null() { json!(75) } else { json!(warn.as_f64().unwrap_or(75.0) as i64) },
            "on_warning": self.picked("warn_", &ACTIONS),
            "on_breach": self.picked("breach_", &ACTIONS),
        });
        serde_json::from_value::<PolicyDefinition>(body)
            .map(|d| (d, self.active))
            .map_err(|e| tr.arg("sla-error-invalid", "detail", e.to_string()))
    }
}

fn checks(tr: &Tr, d: &Draft, prefix: &str, vocab: &str, words: &[&str]) -> Vec<Check> {
    words
        .iter()
        .map(|w| {
            let name = format!("{prefix}{w}");
            Check {
                checked: d.ticked(&name),
                label: tr.word(vocab, w),
                name,
            }
        })
        .collect()
}

async fn draw_form(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    d: Draft,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = &viewer.tr;
    let calendars = match state.app.calendars(&viewer.caller).await {
        Ok(c) => c,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let page = FormPage {
        c: viewer.chrome(match id {
            Some(_) => tr.arg("sla-policy-edit-title", "name", &d.name),
            None => tr.get("sla-policy-new-title"),
        }),
        action: match id {
            Some(id) => format!("/admin/sla/policies/{id}"),
            None => "/admin/sla/policies".into(),
        },
        calendars: calendars
            .iter()
            .map(|c| {
                Choice::new(
                    c.id.to_string(),
                    c.calendar.name.clone().unwrap_or_default(),
                    &d.calendar_id,
                )
            })
            .collect(),
        vip: vec![
            Choice::new("", tr.get("sla-vip-any"), &d.vip),
            Choice::new("yes", tr.get("sla-vip-yes"), &d.vip),
            Choice::new("no", tr.get("sla-vip-no"), &d.vip),
        ],
        priorities: checks(tr, &d, "priority_", "priority", &PRIORITIES),
        types: checks(tr, &d, "type_", "type", &TYPES),
        on_warning: checks(tr, &d, "warn_", "sla-action", &ACTIONS),
        on_breach: checks(tr, &d, "breach_", "sla-action", &ACTIONS),
        d,
        error,
    };
    let mut res = render(&page);
    *res.status_mut() = status;
    res
}

/// GET /admin/sla/policies
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let (policies, calendars) = match (
        state.app.sla_policies(&viewer.caller).await,
        state.app.calendars(&viewer.caller).await,
    ) {
        (Ok(p), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return PageError::from_app(e, tr).into_response(),
    };
    let names: HashMap<i64, String> = calendars
        .into_iter()
        .map(|c| (c.id, c.calendar.name.unwrap_or_default()))
        .collect();
    let n = policies.len();
    let rows = policies
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let d = &p.policy.definition;
            let t = &d.targets;
            let part = |key: &str, v: Option<escalade_core::sla::BusinessDuration>| {
                v.map(|v| {
                    format!(
                        "{}: {}",
                        tr.get(key),
                        super::super::sla::duration(tr, v.as_seconds())
                    )
                })
            };
            PolicyRow {
                id: p.policy.id,
                name: d.name.clone(),
                active: p.policy.active,
                calendar: names.get(&d.calendar_id).cloned().unwrap_or_default(),
                targets: [
                    part("sla-field-first-response", t.first_response),
                    part("sla-field-resolution", t.resolution),
                    part("sla-field-update-interval", t.update_interval),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
                first: i == 0,
                last: i + 1 == n,
            }
        })
        .collect();
    render(&ListPage {
        c: viewer.chrome(tr.get("sla-policies-title")).with_flash(
            flash(tr, q.saved.as_deref()).or_else(|| {
                q.saved
                    .as_deref()
                    .and_then(|s| tr.try_get(&format!("sla-saved-{s}")))
            }),
        ),
        total_text: tr.count("sla-policies-count", "count", n as i64),
        rows,
    })
}

/// GET /admin/sla/policies/new
pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let d = Draft {
        active: true,
        warn_percent: "75".into(),
        ticked: HashMap::from([("warn_notify".into(), true), ("breach_notify".into(), true)]),
        ..Draft::default()
    };
    draw_form(&state, &viewer, None, d, None, StatusCode::OK).await
}

/// GET /admin/sla/policies/{id}
pub async fn edit(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    match state.app.sla_policy(&viewer.caller, id).await {
        Ok(p) => {
            let d = Draft::of(&p.policy.definition, p.policy.active);
            draw_form(&state, &viewer, Some(id), d, None, StatusCode::OK).await
        }
        Err(e) => PageError::from_app(e, &viewer.tr).into_response(),
    }
}

async fn save(
    state: &AppState,
    viewer: Viewer,
    id: Option<i64>,
    f: HashMap<String, String>,
) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let kept = match id {
        Some(id) => match state.app.sla_policy(&viewer.caller, id).await {
            Ok(p) => Draft::of(&p.policy.definition, p.policy.active).kept,
            Err(e) => return PageError::from_app(e, &viewer.tr).into_response(),
        },
        None => Conditions::default(),
    };
    let d = Draft::posted(&f, kept);
    let (definition, active) = match d.definition(&viewer.tr) {
        Ok(x) => x,
        Err(m) => {
            return draw_form(
                state,
                &viewer,
                id,
                d,
                Some(m),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let done: Result<(), AppError> = match id {
        Some(id) => state
            .app
            .update_sla_policy(&viewer.caller, id, definition, active)
            .await
            .map(|_| ()),
        None => state
            .app
            .create_sla_policy(&viewer.caller, definition, active)
            .await
            .map(|_| ()),
    };
    match done {
        Ok(()) => Redirect::to("/admin/sla/policies?saved=sla-policy").into_response(),
        Err(e) => {
            let (status, m) = refusal_text(&e, &viewer.tr);
            if status == StatusCode::NOT_FOUND {
                return PageError::from_app(e, &viewer.tr).into_response();
            }
            draw_form(state, &viewer, id, d, Some(m), status).await
        }
    }
}

/// POST /admin/sla/policies
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    save(&state, posted.viewer, None, posted.form).await
}

/// POST /admin/sla/policies/{id}
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    save(&state, posted.viewer, Some(id), posted.form).await
}

/// POST /admin/sla/policies/{id}/move with `direction=up|down`: one step in the order.
pub async fn move_policy(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    let viewer = posted.viewer;
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let mut ids: Vec<i64> = match state.app.sla_policies(&viewer.caller).await {
        Ok(p) => p.iter().map(|p| p.policy.id).collect(),
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let Some(at) = ids.iter().position(|p| *p == id) else {
        return PageError::not_found(tr).into_response();
    };
    match posted.form.get("direction").map(String::as_str) {
        Some("up") if at > 0 => ids.swap(at, at - 1),
        Some("down") if at + 1 < ids.len() => ids.swap(at, at + 1),
        _ => {}
    }
    match state.app.reorder_sla_policies(&viewer.caller, ids).await {
        Ok(_) => Redirect::to("/admin/sla/policies?saved=sla-order").into_response(),
        Err(e) => PageError::from_app(e, tr).into_response(),
    }
}
