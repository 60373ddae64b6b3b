//! Business calendars in the administration (`/admin/sla/calendars`): the list, and the form
//! that creates or edits one: name, time zone, "always open" (24x7), the working hours of each
//! weekday (`09:00-12:00, 13:00-17:00`) and the holidays as JSON (the shape of
//! docs/CALENDARS.md). Saved through the service layer (`admin.settings`), which validates the
//! calendar and recomputes the clocks running on it.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::authz::Permission;
use escalade_core::calendar::{Calendar, Schedule};
use serde_json::{Value, json};

use super::{SavedQuery, gate, refusal_text};
use crate::state::AppState;
use crate::ui::agent::Choice;
use crate::ui::form::Posted;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;
use crate::ui::sla::WEEKDAYS;

/// One calendar in the list.
struct Row {
    id: i64,
    name: String,
    zone: String,
    schedule: String,
}

#[derive(Template)]
#[template(path = "admin/calendars.html")]
struct ListPage {
    c: Chrome,
    rows: Vec<Row>,
    total_text: String,
}

/// One weekday's line of the form.
struct Day {
    key: &'static str,
    label: String,
    hours: String,
}

/// The form as typed.
#[derive(Default)]
struct Draft {
    name: String,
    zone: String,
    always_open: bool,
    hours: HashMap<String, String>,
    holidays: String,
}

#[derive(Template)]
#[template(path = "admin/calendars_form.html")]
struct FormPage {
    c: Chrome,
    action: String,
    d: Draft,
    days: Vec<Day>,
    zones: Vec<Choice>,
    error: Option<String>,
}

impl Draft {
    fn of(cal: &Calendar) -> Self {
        let mut d = Draft {
            name: cal.name.clone().unwrap_or_default(),
            zone: cal.time_zone.name().to_string(),
            always_open: cal.is_always_open(),
            ..Draft::default()
        };
        if let Schedule::WorkingWeek { week, holidays } = &cal.schedule {
            let days = serde_json::to_value(week).unwrap_or(Value::Null);
            for day in WEEKDAYS {
                let hours: Vec<&str> = days[day]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                d.hours.insert(day.to_string(), hours.join(", "));
            }
            if !holidays.is_empty() {
                d.holidays = serde_json::to_string_pretty(holidays).unwrap_or_default();
            }
        }
        d
    }

    fn posted(f: &HashMap<String, String>) -> Self {
        let text = |k: &str| f.get(k).map(|s| s.trim().to_string()).unwrap_or_default();
        Draft {
            name: text("name"),
            zone: text("time_zone"),
            always_open: f.contains_key("always_open"),
            hours: WEEKDAYS
                .iter()
                .map(|d| (d.to_string(), text(&format!("hours_{d}"))))
                .collect(),
            holidays: text("holidays"),
        }
    }

    /// The calendar as the API's JSON, parsed the same way; a weekday or the holidays that do
    /// not parse are refused here with the reason.
    fn calendar(&self, tr: &crate::ui::i18n::Tr) -> Result<Calendar, String> {
        let schedule = if self.always_open {
            json!({"kind": "24x7"})
        } else {
            let mut week = serde_json::Map::new();
            for day in WEEKDAYS {
                let hours: Vec<&str> = self
                    .hours
                    .get(day)
                    .map(String::as_str)
                    .unwrap_or("")
                    .split([',', ';'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect();
                if !hours.is_empty() {
                    week.insert(day.to_string(), json!(hours));
                }
            }
            let holidays: Value = if self.holidays.is_empty() {
                json!([])
            } else {
                serde_json::from_str(&self.holidays)
                    .map_err(|e| tr.arg("sla-error-holidays", "detail", e.to_string()))?
            };
            json!({"kind": "working_week", "week": week, "holidays": holidays})
        };
        serde_json::from_value::<Calendar>(json!({
            "name": self.name,
            "time_zone": self.zone,
            "schedule": schedule,
        }))
        .map_err(|e| tr.arg("sla-error-invalid", "detail", e.to_string()))
    }
}

fn draw(
    viewer: &Viewer,
    id: Option<i64>,
    d: Draft,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let tr = &viewer.tr;
    let current = if d.zone.is_empty() {
        "UTC"
    } else {
        d.zone.as_str()
    };
    let page = FormPage {
        c: viewer.chrome(match id {
            Some(_) => tr.arg("sla-calendar-edit-title", "name", &d.name),
            None => tr.get("sla-calendar-new-title"),
        }),
        action: match id {
            Some(id) => format!("/admin/sla/calendars/{id}"),
            None => "/admin/sla/calendars".into(),
        },
        days: WEEKDAYS
            .iter()
            .map(|k| Day {
                key: k,
                label: tr.word("sla-day", k),
                hours: d.hours.get(*k).cloned().unwrap_or_default(),
            })
            .collect(),
        zones: chrono_tz::TZ_VARIANTS
            .iter()
            .map(|z| Choice::new(z.name(), z.name(), current))
            .collect(),
        d,
        error,
    };
    let mut res = render(&page);
    *res.status_mut() = status;
    res
}

/// GET /admin/sla/calendars
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let tr = &viewer.tr;
    let items = match state.app.calendars(&viewer.caller).await {
        Ok(c) => c,
        Err(e) => return PageError::from_app(e, tr).into_response(),
    };
    let rows: Vec<Row> = items
        .into_iter()
        .map(|c| Row {
            id: c.id,
            schedule: if c.calendar.is_always_open() {
                tr.get("sla-calendar-always-open")
            } else {
                tr.get("sla-calendar-working-week")
            },
            name: c.calendar.name.unwrap_or_default(),
            zone: c.calendar.time_zone.name().to_string(),
        })
        .collect();
    let flash = q
        .saved
        .as_deref()
        .filter(|s| *s == "sla-calendar")
        .map(|_| tr.get("sla-saved-sla-calendar"));
    render(&ListPage {
        c: viewer
            .chrome(tr.get("sla-calendars-title"))
            .with_flash(flash),
        total_text: tr.count("sla-calendars-count", "count", rows.len() as i64),
        rows,
    })
}

/// GET /admin/sla/calendars/new
pub async fn new_form(viewer: Viewer) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    let d = Draft {
        zone: "UTC".into(),
        hours: ["monday", "tuesday", "wednesday", "thursday", "friday"]
            .iter()
            .map(|d| (d.to_string(), "09:00-17:00".to_string()))
            .collect(),
        ..Draft::default()
    };
    draw(&viewer, None, d, None, StatusCode::OK)
}

/// GET /admin/sla/calendars/{id}
pub async fn edit(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> Response {
    if let Err(e) = gate(&viewer, Permission::AdminSettings) {
        return e.into_response();
    }
    match state.app.calendar(&viewer.caller, id).await {
        Ok(c) => draw(
            &viewer,
            Some(id),
            Draft::of(&c.calendar),
            None,
            StatusCode::OK,
        ),
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
    let cal = match d.calendar(&viewer.tr) {
        Ok(c) => c,
        Err(m) => return draw(&viewer, id, d, Some(m), StatusCode::UNPROCESSABLE_ENTITY),
    };
    let done: Result<(), AppError> = match id {
        Some(id) => state
            .app
            .update_calendar(&viewer.caller, id, cal)
            .await
            .map(|_| ()),
        None => state
            .app
            .create_calendar(&viewer.caller, cal)
            .await
            .map(|_| ()),
    };
    match done {
        Ok(()) => Redirect::to("/admin/sla/calendars?saved=sla-calendar").into_response(),
        Err(AppError::NotFound(_)) => PageError::not_found(&viewer.tr).into_response(),
        Err(e) => {
            let (status, m) = refusal_text(&e, &viewer.tr);
            draw(&viewer, id, d, Some(m), status)
        }
    }
}

/// POST /admin/sla/calendars
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    save(&state, posted.viewer, None, posted.form).await
}

/// POST /admin/sla/calendars/{id}
pub async fn update(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    posted: Posted<HashMap<String, String>>,
) -> Response {
    save(&state, posted.viewer, Some(id), posted.form).await
}
