//! Operational level targets and group leads in the administration. `/admin/sla/olas`: the OLA
//! targets (per support level, or one group at it) with the form that creates or edits one
//! (`admin.settings`). `/admin/sla/leads`: each group's lead, whom SLA warnings and breaches on
//! its tickets notify (`admin.groups`). Both through the service layer's methods.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::authz::Permission;
use escalade_core::ids::{GroupId, UserId};
use escalade_core::sla::OlaDefinition;
use serde_json::json;

use super::sla::{ACTIONS, Check};
use super::{SavedQuery, gate, refusal_text};
use crate::state::AppState;
use crate::ui::agent::Choice;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;
use crate::ui::sla::duration;

/// One OLA target in the list.
struct Row {
    id: i64,
    name: String,
    level: String,
    group: String,
    target: String,
    active: bool,
}

#[derive(Template)]
#[template(path = "admin/sla_olas.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    total_text: String,
}

/// The OLA form as typed.
#[derive(Default)]
struct Draft {
    name: String,
    level: String,
    group_id: String,
    calendar_id: String,
    target: String,
    warn_percent: String,
    active: bool,
    ticked: HashMap<String, bool>,
}

#[derive(Template)]
#[template(path = "admin/sla_ola.html")]
struct FormPage {
    c: Chrome,
    action: String,
    d: Draft,
    levels: Vec<Choice>,
    groups: Vec<Choice>,
    calendars: Vec<Choice>,
    on_warning: Vec<Check>,
    on_breach: Vec<Check>,
    error: Option<String>,
}

impl Draft {
    fn of(def: &OlaDefinition, active: bool) -> Self {
        let mut ticked = HashMap::new();
        for a in &def.on_warning {
            ticked.insert(format!("warn_{}", a.as_str()), true);
        }
        for a in &def.on_breach {
            ticked.insert(format!("breach_{}", a.as_str()), true);
        }
        let m = def.target.as_minutes();
        Draft {
            name: def.name.clone(),
            level: def.level.get().to_string(),
            group_id: def.group_id.map(|g| g.to_string()).unwrap_or_default(),
            calendar_id: def.calendar_id.to_string(),
            target: if m.fract() == 0.0 {
                format!("{}", m as i64)
            } else {
                m.to_string()
            },
            warn_percent: def.warn_percent.to_string(),
            active,
            ticked,
        }
    }

    fn posted(f: &HashMap<String, String>) -> Self {
        let text = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        Draft {
            name: text("name"),
            level: text("level"),
            group_id: text("group_id"),
            calendar_id: text("calendar_id"),
            target: text("target_minutes"),
            warn_percent: text("warn_percent"),
            active: f.contains_key("active"),
            ticked: f
                .keys()
                .filter(|k| k.starts_with("warn_") || k.starts_with("breach_"))
                .map(|k| (k.clone(), true))
                .collect(),
        }
    }

    fn picked(&self, prefix: &str) -> Vec<&'static str> {
        ACTIONS
            .iter()
            .copied()
            .filter(|a| self.ticked.contains_key(&format!("{prefix}{a}")))
            .collect()
    }

    fn definition(&self, tr: &Tr) -> Result<OlaDefinition, String> {
        let target: f64 = self
            .target
            .replace(',', ".")
            .parse()
            .map_err(|_| tr.arg("sla-error-number", "field", tr.get("sla-field-ola-target")))?;
        let int = |s: &str, key: &str| -> Result<Option<i64>, String> {
            if s.is_empty() {
                return Ok(None);
            }
            s.parse()
                .map(Some)
                .map_err(|_| tr.arg("sla-error-invalid", "detail", tr.get(key)))
        };
        let body = json!({
            "name": self.name,
            "level": int(&self.level, "sla-field-level")?.unwrap_or(1),
            "group_id": int(&self.group_id, "sla-field-group")?,
            "calendar_id": int(&self.calendar_id, "sla-explain-calendar")?.unwrap_or(0),
            "target_minutes": target,
            "warn_percent": int(&self.warn_percent, "sla-field-warn-percent")?.unwrap_or(75),
            "on_warning": self.picked("warn_"),
            "on_breach": self.picked("breach_"),
        });
        serde_json::from_value(body)
            .map_err(|e| tr.arg("sla-error-invalid", "detail", e.to_string()))
    }
}

fn checks(tr: &Tr, d: &Draft, prefix: &str) -> Vec<Check> {
    ACTIONS
        .iter()
        .map(|a| {
            let name = format!("{prefix}{a}");
            Check {
                checked: d.ticked.contains_key(&name),
                label: tr.word("sla-action", a),
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
    let (calendars, groups) = match (
        state.app.calendars(&viewer.caller).await,
        state.app.groups().await,
    ) {
        (Ok(c), Ok(g)) => (c, g),
        (Err(e), _) | (_, Err(e)) => return PageError::from_app(e, tr).into_response(),
    };
    let mut group_choices = vec![Choice::new("", tr.get("sla-ola-every-group"), &d.group_id)];
    group_choices.extend(groups.iter().map(|g| {
        Choice::new(
            g.id.to_string(),
            format!("{} ({})", g.name, tr.arg("level-name", "level", g.level)),
            &d.group_id,
        )
    }));
    let page = FormPage {
        c: viewer.chrome(match id {
            Some(_) => tr.arg("sla-ola-edit-title", "name", &d.name),
            None => tr.get("sla-ola-new-title"),
        }),
        action: match id {
            Some(id) => format!("/admin/sla/olas/{id}"),
            None => "/admin/sla/olas".into(),
        },
        levels: (0..=3)
            .map(|l| Choice::new(l.to_string(), tr.arg("level-name", "level", l), &d.level))
            .collect(),
        groups: group_choices,
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
        on_warning: checks(tr, &d, "warn_"),
        on_breach: checks(tr, &d, "breach_"),
        d,
        error,
    };
    let mut res = render(&page);
    *res.status_mut() = status;
    res
}

/// GET /admin/sla/olas
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let (olas, groups) = match (
        state.app.ola_targets(&viewer.caller).await,
        state.app.groups().await,
    ) {
        (Ok(o), Ok(g)) => (o, g),
        (Err(e), _) | (_, Err(e)) => return PageError::from_app(e, tr).into_response(),
    };
    let names: HashMap<i64, String> = groups.into_iter().map(|g| (g.id, g.name)).collect();
    let rows: Vec<Row> = olas
        .iter()
        .map(|o| {
            let d = &o.target.definition;
            Row {
                id: o.target.id,
                name: d.name.clone(),
                level: tr.arg("level-name", "level", d.level.get()),
                group: d
                    .group_id
                    .map(|g| names.get(&g).cloned().unwrap_or_else(|| format!("#{g}")))
                    .unwrap_or_else(|| tr.get("sla-ola-every-group")),
                target: duration(tr, d.target.as_seconds()),
                active: o.target.active,
            }
        })
        .collect();
    let flash = match q.saved.as_deref() {
        Some("sla-ola") => Some(tr.get("sla-saved-sla-ola")),
        Some("sla-ola-deleted") => Some(tr.get("admin-deleted-ola")),
        _ => None,
    };
    render(&ListPage {
        c: viewer.chrome(tr.get("sla-olas-title")).with_flash(flash),
        total_text: tr.count("sla-olas-count", "count", rows.len() as i64),
        rows,
    })
}

/// GET /admin/sla/olas/new
pub async fn new_form(State(state): State<AppState>, viewer: Viewer) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let d = Draft {
        level: "1".into(),
        warn_percent: "75".into(),
        active: true,
        ticked: HashMap::from([("warn_notify".into(), true), ("breach_notify".into(), true)]),
        ..Draft::default()
    };
    draw_form(&state, &viewer, None, d, None, StatusCode::OK).await
}

/// GET /admin/sla/olas/{id}
pub async fn edit(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    match state.app.ola_target(&viewer.caller, id).await {
        Ok(o) => {
            let d = Draft::of(&o.target.definition, o.target.active);
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
    let d = Draft::posted(&f);
    let def = match d.definition(&viewer.tr) {
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
            .update_ola_target(&viewer.caller, id, def, d.active)
            .await
            .map(|_| ()),
        None => state
            .app
            .create_ola_target(&viewer.caller, def, d.active)
            .await
            .map(|_| ()),
    };
    match done {
        Ok(()) => Redirect::to("/admin/sla/olas?saved=sla-ola").into_response(),
        Err(AppError::NotFound(_)) => PageError::not_found(&viewer.tr).into_response(),
        Err(e) => {
            let (status, m) = refusal_text(&e, &viewer.tr);
            draw_form(state, &viewer, id, d, Some(m), status).await
        }
    }
}

/// POST /admin/sla/olas
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    save(&state, posted.viewer, None, posted.form).await
}

/// POST /admin/sla/olas/{id}
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    save(&state, posted.viewer, Some(id), posted.form).await
}

/// One group and the choice of its lead.
struct LeadRow {
    id: i64,
    name: String,
    level: String,
    agents: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "admin/sla_leads.html")]
struct LeadsPage {
    c: Chrome,
    rows: Vec<LeadRow>,
    error: Option<String>,
}

async fn leads_page(
    state: &AppState,
    viewer: &Viewer,
    flash: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = &viewer.tr;
    let (groups, agents) = match (
        state.app.groups().await,
        state.app.agents_to_join(&viewer.caller).await,
    ) {
        (Ok(g), Ok(a)) => (g, a),
        (Err(e), _) | (_, Err(e)) => return PageError::from_app(e, tr).into_response(),
    };
    let mut rows = Vec::new();
    for g in groups {
        let lead = match state.app.group_lead(&viewer.caller, GroupId(g.id)).await {
            Ok(l) => l.map(|u| u.0.to_string()).unwrap_or_default(),
            Err(e) => return PageError::from_app(e, tr).into_response(),
        };
        let mut choices = vec![Choice::new("", tr.get("sla-lead-none"), &lead)];
        choices.extend(agents.iter().map(|a| {
            Choice::new(
                a.id.to_string(),
                format!("{} ({})", a.display_name, a.login),
                &lead,
            )
        }));
        rows.push(LeadRow {
            id: g.id,
            name: g.name,
            level: tr.arg("level-name", "level", g.level),
            agents: choices,
        });
    }
    let mut res = render(&LeadsPage {
        c: viewer.chrome(tr.get("sla-leads-title")).with_flash(flash),
        rows,
        error,
    });
    *res.status_mut() = status;
    res
}

/// GET /admin/sla/leads
pub async fn leads(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminGroups) {
        return e.into_response();
    }
    let flash =
        (q.saved.as_deref() == Some("sla-lead")).then(|| viewer.tr.get("sla-saved-sla-lead"));
    leads_page(&state, &viewer, flash, None, StatusCode::OK).await
}

/// POST /admin/sla/leads/{group} with `user_id` (empty for none).
pub async fn set_lead(
    State(state): State<AppState>,
    Path(group): Path<i64>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    let viewer = posted.viewer;
    if let Err(e) = gate(&viewer, Permission::AdminGroups) {
        return e.into_response();
    }
    let lead = posted
        .form
        .get("user_id")
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map(UserId);
    match state
        .app
        .set_group_lead(&viewer.caller, GroupId(group), lead)
        .await
    {
        Ok(_) => Redirect::to("/admin/sla/leads?saved=sla-lead").into_response(),
        Err(AppError::NotFound(_)) => PageError::not_found(&viewer.tr).into_response(),
        Err(e) => {
            let (status, m) = refusal_text(&e, &viewer.tr);
            leads_page(&state, &viewer, None, Some(m), status).await
        }
    }
}

/// GET /admin/sla/olas/{id}/delete: asks before deleting.
pub async fn confirm_delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = super::path_id(&raw, &viewer.tr)?;
    let ola = state
        .app
        .ola_target(&viewer.caller, id)
        .await
        .map_err(|e| super::page_error(e, &viewer.tr))?;
    let question = viewer.tr.arg(
        "admin-delete-ola-question",
        "name",
        ola.target.definition.name,
    );
    Ok(super::confirm::confirm_page(
        &viewer,
        &question,
        format!("/admin/sla/olas/{id}/delete"),
        "/admin/sla/olas".into(),
    ))
}

/// POST /admin/sla/olas/{id}/delete: the service records it in the audit log; the target's
/// clocks stay as history.
pub async fn delete(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<super::confirm::Confirmed>,
) -> Result<Response, PageError> {
    let viewer = posted.viewer;
    gate(&viewer, Permission::AdminSettings)?;
    let id = super::path_id(&raw, &viewer.tr)?;
    state
        .app
        .delete_ola_target(&viewer.caller, id)
        .await
        .map_err(|e| super::page_error(e, &viewer.tr))?;
    Ok(Redirect::to("/admin/sla/olas?saved=sla-ola-deleted").into_response())
}
