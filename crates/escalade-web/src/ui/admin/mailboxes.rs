//! IMAP mailboxes in the administration (`admin.settings`): the list with each mailbox's
//! health (ok, or failing with the last error and since when), the form to add or change one
//! (the password is write-only: the page says whether one is set, a blank field keeps it),
//! a test-connection button and deletion after confirmation. Every change goes through the
//! same service calls as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_app::inbound_mail::mailboxes::{MailboxInput, MailboxView};
use escalade_core::authz::Permission;
use serde::Deserialize;

use super::{Choice, Fields, Outcome, choices, gate, outcome, page_error, path_id, render_status};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::PageError;
use crate::ui::session::Viewer;

/// One mailbox in the list.
pub struct Row {
    id: i64,
    name: String,
    server: String,
    folder: String,
    state: String,
    state_word: String,
    error: Option<String>,
    last_ok: String,
    active: bool,
    connected: bool,
}

#[derive(Template)]
#[template(path = "admin/mailboxes.html")]
struct ListPage {
    c: crate::ui::page::Chrome,
    rows: Vec<Row>,
    test_result: Option<(bool, String)>,
}

/// One input of the form.
pub struct Field {
    name: &'static str,
    label: String,
    kind: &'static str,
    value: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/mailbox.html")]
struct FormPage {
    c: crate::ui::page::Chrome,
    action: String,
    fields: Vec<Field>,
    security: Vec<Choice>,
    groups: Vec<Choice>,
    categories: Vec<Choice>,
    active: bool,
    password_state: String,
    error: Option<String>,
    field_error: Option<String>,
}

/// `?saved=` on the list.
#[derive(Deserialize, Default)]
pub struct ListQuery {
    saved: Option<String>,
}

fn row(tr: &Tr, m: &MailboxView, now: chrono::DateTime<chrono::Utc>) -> Row {
    let error = (m.state == "failing").then(|| {
        tr.args(
            "mailboxes-failing-since",
            &[
                ("error", m.last_error.clone().unwrap_or_default()),
                (
                    "since",
                    m.failing_since.map(|t| tr.datetime(&t)).unwrap_or_default(),
                ),
            ],
        )
    });
    Row {
        id: m.id,
        name: m.name.clone(),
        server: format!("{}:{} ({})", m.host, m.port, m.security),
        folder: m.folder.clone(),
        state: m.state.clone(),
        state_word: tr.get(&format!("mailboxes-state-{}", m.state)),
        error,
        last_ok: m
            .last_ok_at
            .map(|t| tr.datetime(&t))
            .unwrap_or_else(|| tr.get("mailboxes-never")),
        active: m.active,
        // Held by a node right now: being polled, or waiting in IDLE for new mail.
        connected: m.state == "ok" && m.held_until.is_some_and(|t| t > now),
    }
}

async fn list_page(
    state: &AppState,
    viewer: &Viewer,
    flash: Option<String>,
    test_result: Option<(bool, String)>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let all = state
        .app
        .mailboxes(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?;
    let page = ListPage {
        c: viewer.chrome(tr.get("mailboxes-title")).with_flash(flash),
        rows: {
            let now = state.app.clock.now();
            all.iter().map(|m| row(tr, m, now)).collect()
        },
        test_result,
    };
    Ok(render_status(&page, StatusCode::OK))
}

/// GET /admin/mailboxes
pub async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let flash = match q.saved.as_deref() {
        Some("saved") => Some(viewer.tr.get("mailboxes-saved")),
        Some("deleted") => Some(viewer.tr.get("mailboxes-deleted")),
        _ => None,
    };
    list_page(&state, &viewer, flash, None).await
}

/// What the form shows: a stored mailbox, or what was typed when refused.
struct Shown {
    values: Vec<(&'static str, String)>,
    security: String,
    group: String,
    category: String,
    active: bool,
    password_set: bool,
}

const TEXT_FIELDS: [(&str, &str); 5] = [
    ("name", "text"),
    ("host", "text"),
    ("port", "number"),
    ("login", "text"),
    ("folder", "text"),
];

impl Shown {
    fn of(m: Option<&MailboxView>) -> Shown {
        match m {
            Some(m) => Shown {
                values: vec![
                    ("name", m.name.clone()),
                    ("host", m.host.clone()),
                    ("port", m.port.to_string()),
                    ("login", m.login.clone()),
                    ("folder", m.folder.clone()),
                ],
                security: m.security.clone(),
                group: m.group_id.map(|g| g.to_string()).unwrap_or_default(),
                category: m.category_id.map(|k| k.to_string()).unwrap_or_default(),
                active: m.active,
                password_set: m.password == "set",
            },
            None => Shown {
                values: vec![("port", "993".into()), ("folder", "INBOX".into())],
                security: "tls".into(),
                group: String::new(),
                category: String::new(),
                active: true,
                password_set: false,
            },
        }
    }
}

async fn form_page(
    state: &AppState,
    viewer: &Viewer,
    id: Option<i64>,
    shown: Shown,
    error: Option<(StatusCode, String, String)>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let groups = state.app.groups().await.map_err(|e| page_error(e, tr))?;
    let categories = state
        .app
        .categories()
        .await
        .map_err(|e| page_error(e, tr))?;
    let error_of = |name: &str| {
        error
            .as_ref()
            .filter(|(_, f, _)| f == name)
            .map(|(_, _, m)| m.clone())
    };
    let fields = TEXT_FIELDS
        .iter()
        .map(|(name, kind)| Field {
            name,
            label: tr.get(&format!("mailboxes-field-{name}")),
            kind,
            value: shown
                .values
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default(),
            error: error_of(name),
        })
        .collect();
    let group_choices = choices(
        std::iter::once((String::new(), tr.get("mailboxes-no-group")))
            .chain(groups.iter().map(|g| (g.id.to_string(), g.name.clone()))),
        &shown.group,
    );
    // Retired categories are not offered, except the one the mailbox has now.
    let category_choices = choices(
        std::iter::once((String::new(), tr.get("mailboxes-no-category"))).chain(
            categories
                .iter()
                .filter(|k| k.active || k.id.to_string() == shown.category)
                .map(|k| (k.id.to_string(), category_label(&categories, k))),
        ),
        &shown.category,
    );
    let known = ["name", "host", "port", "login", "folder"];
    let others = ["security", "password", "group_id", "category_id"];
    let field_error = others.iter().find_map(|f| error_of(f));
    let general = error
        .as_ref()
        .filter(|(_, f, _)| !known.contains(&f.as_str()) && !others.contains(&f.as_str()))
        .map(|(_, _, m)| m.clone());
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    let title = tr.get(if id.is_some() {
        "mailboxes-edit-title"
    } else {
        "mailboxes-new-title"
    });
    let page = FormPage {
        c: viewer.chrome(title),
        action: match id {
            Some(id) => format!("/admin/mailboxes/{id}"),
            None => "/admin/mailboxes/new".into(),
        },
        fields,
        security: choices(
            ["tls", "starttls", "none"]
                .into_iter()
                .map(|s| (s.to_string(), tr.get(&format!("mailboxes-security-{s}")))),
            &shown.security,
        ),
        groups: group_choices,
        categories: category_choices,
        active: shown.active,
        password_state: tr.get(if shown.password_set {
            "mailboxes-password-set"
        } else {
            "mailboxes-password-not-set"
        }),
        error: general,
        field_error,
    };
    Ok(render_status(&page, status))
}

/// A category as "Parent / Child", so that two children of the same name stay apart.
fn category_label(
    all: &[escalade_store::directory::CategoryRow],
    k: &escalade_store::directory::CategoryRow,
) -> String {
    match k.parent_id.and_then(|p| all.iter().find(|c| c.id == p)) {
        Some(parent) => format!("{} / {}", parent.name, k.name),
        None => k.name.clone(),
    }
}

/// GET /admin/mailboxes/new
pub async fn new(State(state): State<AppState>, viewer: Viewer) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    form_page(&state, &viewer, None, Shown::of(None), None).await
}

/// GET /admin/mailboxes/{id}
pub async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let m = state
        .app
        .mailbox(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    form_page(&state, &viewer, Some(id), Shown::of(Some(&m)), None).await
}

fn refused(e: AppError, tr: &Tr) -> Result<(StatusCode, String, String), PageError> {
    let field = match &e {
        AppError::Invalid(f) => f.field.clone(),
        _ => String::new(),
    };
    match outcome(e, tr) {
        Outcome::Refused(status, message) => Ok((status, field, message)),
        Outcome::Page(p) => Err(p),
    }
}

fn input_of(f: &Fields) -> MailboxInput {
    let password = f.get("password");
    MailboxInput {
        name: f.get("name").into(),
        host: f.get("host").into(),
        // An unreadable port is refused by validation as out of range.
        port: Some(f.get("port").trim().parse().unwrap_or(0)),
        security: Some(f.get("security").into()),
        login: f.get("login").into(),
        // A blank field keeps the stored password.
        password: (!password.is_empty()).then(|| password.to_string()),
        folder: Some(f.get("folder").into()),
        group_id: f.get("group_id").trim().parse().ok(),
        // Something that is no category id is refused by the service, naming the field.
        category_id: match f.get("category_id").trim() {
            "" => None,
            k => Some(k.parse().unwrap_or(0)),
        },
        active: Some(f.ticked("active")),
    }
}

async fn save(
    state: AppState,
    viewer: Viewer,
    id: Option<i64>,
    form: Vec<(String, String)>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let f = Fields(form);
    let input = input_of(&f);
    let result = match id {
        None => state.app.create_mailbox(&viewer.caller, input).await,
        Some(id) => state.app.update_mailbox(&viewer.caller, id, input).await,
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/mailboxes?saved=saved").into_response()),
        Err(e) => {
            let error = refused(e, &viewer.tr)?;
            let password_set = match id {
                Some(id) => state
                    .app
                    .mailbox(&viewer.caller, id)
                    .await
                    .map(|m| m.password == "set")
                    .unwrap_or(false),
                None => false,
            };
            let shown = Shown {
                values: TEXT_FIELDS
                    .iter()
                    .map(|(n, _)| (*n, f.get(n).to_string()))
                    .collect(),
                security: f.get("security").to_string(),
                group: f.get("group_id").to_string(),
                category: f.get("category_id").to_string(),
                active: f.ticked("active"),
                password_set,
            };
            form_page(&state, &viewer, id, shown, Some(error)).await
        }
    }
}

/// POST /admin/mailboxes/new
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    save(state, viewer, None, form).await
}

/// POST /admin/mailboxes/{id}
pub async fn update(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    let id = path_id(&raw, &viewer.tr)?;
    save(state, viewer, Some(id), form).await
}

/// POST /admin/mailboxes/{id}/test: the list, with what the test found.
pub async fn test(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<super::confirm::Confirmed>,
) -> Result<Response, PageError> {
    let viewer = posted.viewer;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let tr = &viewer.tr;
    let m = state
        .app
        .mailbox(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, tr))?;
    let t = state
        .app
        .test_mailbox(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, tr))?;
    let line = if t.ok {
        tr.args(
            "mailboxes-test-ok",
            &[
                ("name", m.name.clone()),
                ("count", t.messages.unwrap_or(0).to_string()),
            ],
        )
    } else {
        tr.args(
            "mailboxes-test-failed",
            &[
                ("name", m.name.clone()),
                ("error", t.error.unwrap_or_default()),
            ],
        )
    };
    list_page(&state, &viewer, None, Some((t.ok, line))).await
}

/// GET /admin/mailboxes/{id}/delete: asks before deleting.
pub async fn confirm_delete(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    let m = state
        .app
        .mailbox(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let question = viewer.tr.arg("mailboxes-delete-question", "name", m.name);
    Ok(super::confirm::confirm_page(
        &viewer,
        &question,
        format!("/admin/mailboxes/{id}/delete"),
        "/admin/mailboxes".into(),
    ))
}

/// POST /admin/mailboxes/{id}/delete
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
        .delete_mailbox(&viewer.caller, id)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    Ok(Redirect::to("/admin/mailboxes?saved=deleted").into_response())
}
