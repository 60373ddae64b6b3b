//! Outbound mail in the administration (`admin.settings`): the SMTP and sender settings (the
//! password is write-only: the page says whether one is set, a blank field keeps it), a test
//! message with the server's answer, and the outbox with its pending / failed / sent filters,
//! paging and a retry button. Every change goes through the same service calls as the API.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_app::mail::outbox::TestMailOutcome;
use escalade_app::mail::{MailSettingsInput, MailSettingsView};
use escalade_core::authz::Permission;
use escalade_store::mail_outbox::{MailQuery, MailState, MailSummary};
use serde::Deserialize;

use super::{
    Choice, Fields, Outcome, Pager, choices, gate, outcome, page_error, page_number, path_id,
    render_status,
};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::PageError;
use crate::ui::session::Viewer;

const PER_PAGE: i64 = 25;

/// One input of the settings form.
pub struct Field {
    name: &'static str,
    label: String,
    kind: &'static str,
    value: String,
    hint: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/mail.html")]
struct SettingsPage {
    c: crate::ui::page::Chrome,
    fields: Vec<Field>,
    security: Vec<Choice>,
    security_error: Option<String>,
    password_state: String,
    error: Option<String>,
    configured: bool,
    test_result: Option<(bool, String)>,
    test_to: String,
    counts: (i64, i64, i64),
}

/// What the form shows: the stored settings, or what was typed when refused.
#[derive(Default)]
struct Shown {
    values: Vec<(&'static str, String)>,
    security: String,
    password_state: &'static str,
    configured: bool,
}

impl Shown {
    fn stored(v: &MailSettingsView) -> Self {
        Shown {
            values: vec![
                ("smtp_host", v.smtp_host.clone()),
                ("smtp_port", v.smtp_port.to_string()),
                ("smtp_user", v.smtp_user.clone()),
                ("from_name", v.from_name.clone()),
                ("from_address", v.from_address.clone()),
                ("desk_domain", v.desk_domain.clone()),
                ("portal_url", v.portal_url.clone()),
                ("subject_tag", v.subject_tag.clone()),
            ],
            security: v.smtp_security.clone(),
            password_state: v.smtp_password,
            configured: v.smtp_configured,
        }
    }

    fn value(&self, name: &str) -> String {
        self.values
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }
}

/// The settings page, with an error beside its field (`field`, sentence) when refused.
async fn settings_page(
    state: &AppState,
    viewer: &Viewer,
    shown: Shown,
    error: Option<(StatusCode, String, String)>,
    test: Option<&TestMailOutcome>,
    flash_line: Option<String>,
) -> Result<Response, PageError> {
    let tr: &Tr = &viewer.tr;
    let counts = state
        .app
        .mail_outbox(
            &viewer.caller,
            &MailQuery {
                page: 1,
                per_page: 1,
                ..MailQuery::default()
            },
        )
        .await
        .map_err(|e| page_error(e, tr))?
        .counts;
    let error_of = |name: &str| {
        error
            .as_ref()
            .filter(|(_, f, _)| f == name)
            .map(|(_, _, m)| m.clone())
    };
    let field = |name: &'static str, kind: &'static str, hint: bool| Field {
        name,
        label: tr.get(&format!("mailout-field-{}", name.replace('_', "-"))),
        kind,
        value: shown.value(name),
        hint: hint.then(|| tr.get(&format!("mailout-hint-{}", name.replace('_', "-")))),
        error: error_of(name),
    };
    let fields = vec![
        field("smtp_host", "text", true),
        field("smtp_port", "number", false),
        field("smtp_user", "text", true),
        field("from_name", "text", false),
        field("from_address", "email", true),
        field("desk_domain", "text", true),
        field("portal_url", "url", true),
        field("subject_tag", "text", true),
    ];
    let known = [
        "smtp_host",
        "smtp_port",
        "smtp_user",
        "from_name",
        "from_address",
        "desk_domain",
        "portal_url",
        "subject_tag",
        "smtp_security",
        "smtp_password",
    ];
    // A refusal about no field of the form (or about the test) is shown above it.
    let general = error
        .as_ref()
        .filter(|(_, f, _)| !known.contains(&f.as_str()))
        .map(|(_, _, m)| m.clone());
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    let page = SettingsPage {
        c: viewer
            .chrome(tr.get("mailout-title"))
            .with_flash(flash_line),
        security: choices(
            ["starttls", "tls", "none"]
                .into_iter()
                .map(|s| (s.to_string(), tr.get(&format!("mailout-security-{s}")))),
            &shown.security,
        ),
        security_error: error_of("smtp_security").or_else(|| error_of("smtp_password")),
        password_state: tr.get(if shown.password_state == "set" {
            "mailout-password-set"
        } else {
            "mailout-password-not-set"
        }),
        fields,
        error: general,
        configured: shown.configured,
        test_result: test.map(|t| match &t.error {
            None => (true, tr.arg("mailout-test-sent", "to", &t.to)),
            Some(e) => (
                false,
                tr.args(
                    "mailout-test-failed",
                    &[("to", t.to.clone()), ("error", e.clone())],
                ),
            ),
        }),
        test_to: test.map(|t| t.to.clone()).unwrap_or_default(),
        counts,
    };
    Ok(render_status(&page, status))
}

/// `?saved=` on the mail pages.
#[derive(Deserialize, Default)]
pub struct MailQueryString {
    saved: Option<String>,
    state: Option<String>,
    page: Option<String>,
}

fn saved_line(tr: &Tr, saved: Option<&str>) -> Option<String> {
    match saved? {
        "settings" => Some(tr.get("mailout-saved-settings")),
        "retried" => Some(tr.get("mailout-saved-retried")),
        _ => None,
    }
}

/// GET /admin/mail
pub async fn settings(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<MailQueryString>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let v = state
        .app
        .mail_settings(&viewer.caller)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let line = saved_line(&viewer.tr, q.saved.as_deref());
    settings_page(&state, &viewer, Shown::stored(&v), None, None, line).await
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

/// POST /admin/mail
pub async fn save(
    State(state): State<AppState>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let f = Fields(form);
    let password = f.get("smtp_password");
    let input = MailSettingsInput {
        smtp_host: f.get("smtp_host").into(),
        smtp_port: f.get("smtp_port").trim().parse().unwrap_or(0),
        smtp_security: f.get("smtp_security").into(),
        smtp_user: f.get("smtp_user").into(),
        // A blank field keeps the stored password; the box clears it.
        smtp_password: if f.ticked("smtp_password_clear") {
            Some(String::new())
        } else if password.is_empty() {
            None
        } else {
            Some(password.to_string())
        },
        from_name: f.get("from_name").into(),
        from_address: f.get("from_address").into(),
        desk_domain: f.get("desk_domain").into(),
        portal_url: f.get("portal_url").into(),
        subject_tag: f.get("subject_tag").into(),
    };
    match state.app.set_mail_settings(&viewer.caller, input).await {
        Ok(_) => Ok(Redirect::to("/admin/mail?saved=settings").into_response()),
        Err(e) => {
            let error = refused(e, &viewer.tr)?;
            let stored = state
                .app
                .mail_settings(&viewer.caller)
                .await
                .map_err(|e| page_error(e, &viewer.tr))?;
            // What was typed, never the password.
            let names = [
                "smtp_host",
                "smtp_port",
                "smtp_user",
                "from_name",
                "from_address",
                "desk_domain",
                "portal_url",
                "subject_tag",
            ];
            let shown = Shown {
                values: names.iter().map(|n| (*n, f.get(n).to_string())).collect(),
                security: f.get("smtp_security").to_string(),
                password_state: stored.smtp_password,
                configured: stored.smtp_configured,
            };
            settings_page(&state, &viewer, shown, Some(error), None, None).await
        }
    }
}

/// POST /admin/mail/test
pub async fn send_test(
    State(state): State<AppState>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let to = Fields(form).get("to").trim().to_string();
    let result = state
        .app
        .send_test_mail(
            &viewer.caller,
            Some(&to).filter(|t| !t.is_empty()).map(|t| t.as_str()),
        )
        .await;
    let stored = state
        .app
        .mail_settings(&viewer.caller)
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    match result {
        Ok(outcome) => {
            settings_page(
                &state,
                &viewer,
                Shown::stored(&stored),
                None,
                Some(&outcome),
                None,
            )
            .await
        }
        Err(e) => {
            let (status, _, message) = refused(e, &viewer.tr)?;
            let error = Some((status, "test".to_string(), message));
            settings_page(&state, &viewer, Shown::stored(&stored), error, None, None).await
        }
    }
}

/// One row of the outbox table.
pub struct Row {
    id: i64,
    state: &'static str,
    state_word: String,
    ticket: Option<String>,
    event: String,
    recipients: String,
    subject: String,
    attempts: i64,
    when: String,
    error: Option<String>,
    retry: bool,
}

/// A filter tab.
pub struct Tab {
    href: String,
    label: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "admin/mail_outbox.html")]
struct OutboxPage {
    c: crate::ui::page::Chrome,
    tabs: Vec<Tab>,
    rows: Vec<Row>,
    pager: Pager,
    configured: bool,
}

fn row(tr: &Tr, m: MailSummary) -> Row {
    let state = m.state();
    let when = match state {
        MailState::Sent => m
            .sent_at
            .map(|t| tr.arg("mailout-when-sent", "at", tr.datetime(&t))),
        MailState::Failed => m
            .failed_at
            .map(|t| tr.arg("mailout-when-failed", "at", tr.datetime(&t))),
        MailState::Pending => {
            Some(tr.arg("mailout-when-next", "at", tr.datetime(&m.next_attempt_at)))
        }
    }
    .unwrap_or_default();
    Row {
        id: m.id,
        state: state.as_str(),
        state_word: tr.get(&format!("mailout-state-{}", state.as_str())),
        ticket: m.ticket_number().map(|n| n.to_string()),
        event: tr.get(&format!("mailout-event-{}", m.event.replace('_', "-"))),
        recipients: m.recipient_list().join(", "),
        subject: m.subject.clone(),
        attempts: m.attempts,
        when,
        error: m.last_error.clone(),
        retry: state != MailState::Sent,
    }
}

/// GET /admin/mail/outbox
pub async fn outbox(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<MailQueryString>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let tr = &viewer.tr;
    let filter = q.state.as_deref().and_then(MailState::parse);
    let page = page_number(q.page.as_deref());
    let p = state
        .app
        .mail_outbox(
            &viewer.caller,
            &MailQuery {
                state: filter,
                ticket: None,
                page,
                per_page: PER_PAGE,
            },
        )
        .await
        .map_err(|e| page_error(e, tr))?;
    let configured = state
        .app
        .mail_settings(&viewer.caller)
        .await
        .map_err(|e| page_error(e, tr))?
        .smtp_configured;
    let (pending, sent, failed) = p.counts;
    let tab = |value: Option<MailState>, n: i64| {
        let key = value.map(|s| s.as_str()).unwrap_or("all");
        Tab {
            href: match value {
                Some(s) => format!("/admin/mail/outbox?state={}", s.as_str()),
                None => "/admin/mail/outbox".into(),
            },
            label: tr.count(&format!("mailout-tab-{key}"), "count", n),
            current: value == filter,
        }
    };
    let state_param = filter.map(|s| s.as_str()).unwrap_or("");
    let page_view = OutboxPage {
        c: viewer
            .chrome(tr.get("mailout-outbox-title"))
            .with_flash(saved_line(tr, q.saved.as_deref())),
        tabs: vec![
            tab(None, pending + sent + failed),
            tab(Some(MailState::Pending), pending),
            tab(Some(MailState::Failed), failed),
            tab(Some(MailState::Sent), sent),
        ],
        rows: p.items.into_iter().map(|m| row(tr, m)).collect(),
        pager: Pager::new(
            tr,
            "mailout-total",
            "/admin/mail/outbox",
            &[("state", state_param)],
            page,
            PER_PAGE,
            p.total,
        ),
        configured,
    };
    Ok(render_status(&page_view, StatusCode::OK))
}

/// POST /admin/mail/outbox/{id}/retry
pub async fn retry(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, .. } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let id = path_id(&raw, &viewer.tr)?;
    match state.app.retry_mail(&viewer.caller, id).await {
        Ok(_) => Ok(Redirect::to("/admin/mail/outbox?saved=retried").into_response()),
        Err(e) => Err(page_error(e, &viewer.tr)),
    }
}
