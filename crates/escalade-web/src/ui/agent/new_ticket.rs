//! `/agent/new`: a ticket opened on behalf of a caller (phone, walk-in, e-mail...) with the
//! level-0 qualification facts. The requester list is narrowed on the server (the `who`
//! parameter of a GET, or the form's "find" button, which posts everything typed so far and
//! comes back with it), so the page works without script. A refused form comes back with
//! every value and the message beside the field.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_core::ids::UserId;

use super::new_form::{NewTicketForm, NewTicketView, form_field};
use super::{refusal, ticket_href};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::page::{Chrome, PageError, render};
use crate::ui::session::Viewer;

#[derive(Template)]
#[template(path = "agent/new.html")]
struct NewTicketPage {
    c: Chrome,
    v: NewTicketView,
}

/// Renders the form for `values`, or the refusal page when the viewer may not use it.
async fn show(
    state: &AppState,
    viewer: &Viewer,
    values: NewTicketForm,
    problem: Option<(StatusCode, Option<String>, String)>,
) -> Response {
    let tr = &viewer.tr;
    let chosen = values.requester_id.trim().parse::<i64>().ok().map(UserId);
    let who = Some(values.who.as_str()).filter(|w| !w.trim().is_empty());
    let choices = match state
        .app
        .on_behalf_choices(&viewer.caller, who, chosen)
        .await
    {
        Ok(c) => c,
        Err(e) => {
            let (status, message) = refusal(&e, tr);
            return PageError::new(status, tr, message).into_response();
        }
    };
    let mut v = NewTicketView::new(tr, values, choices);
    let mut status = StatusCode::OK;
    if let Some((s, field, message)) = problem {
        status = s;
        v = v.refused(tr, field, message);
    }
    let mut res = render(&NewTicketPage {
        c: viewer.chrome(tr.get("agent-new-title")),
        v,
    });
    *res.status_mut() = status;
    res
}

/// GET /agent/new (`?who=` narrows the requesters; any field may be given to prefill).
pub async fn form(
    State(state): State<AppState>,
    viewer: Viewer,
    RawQuery(raw): RawQuery,
) -> Response {
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    let values: NewTicketForm =
        serde_urlencoded::from_str(raw.as_deref().unwrap_or("")).unwrap_or_default();
    show(&state, &viewer, values, None).await
}

/// POST /agent/new
pub async fn submit(State(state): State<AppState>, posted: Posted<NewTicketForm>) -> Response {
    let Posted { viewer, form } = posted;
    if let Err(e) = viewer.require_agent() {
        return e.into_response();
    }
    if form.find.is_some() {
        return show(&state, &viewer, form, None).await;
    }
    let tr = &viewer.tr;
    let req = match form.to_request(tr) {
        Ok(r) => r,
        Err(p) => {
            let problem = (StatusCode::UNPROCESSABLE_ENTITY, Some(p.field), p.message);
            return show(&state, &viewer, form, Some(problem)).await;
        }
    };
    match state.app.open_on_behalf(&viewer.caller, req).await {
        Ok(d) => Redirect::to(&ticket_href(&d.ticket.number().to_string())).into_response(),
        Err(e) => {
            let field = match &e {
                AppError::Invalid(f) => Some(form_field(&f.field)),
                _ => None,
            };
            let (status, message) = refusal(&e, tr);
            show(&state, &viewer, form, Some((status, field, message))).await
        }
    }
}
