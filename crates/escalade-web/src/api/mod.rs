//! The REST API under `/api/v1`: one file per resource, all thin over the service layer.

pub mod admin;
pub mod calendars;
pub mod categories;
pub mod departments;
pub mod dto;
pub mod groups;
pub mod kb_suggestions;
pub mod knowledge;
pub mod knowledge_dto;
pub mod knowledge_engagement;
pub mod knowledge_files;
pub mod mail;
pub mod mail_inbound;
pub mod mailboxes;
pub mod permissions;
pub mod rules;
pub mod search;
pub mod sla;
pub mod sla_dto;
pub mod tickets;
pub mod tokens;
pub mod users;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRequestParts};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::routing::{delete, get, post};
use serde::de::DeserializeOwned;

use crate::error::ApiError;
use crate::state::AppState;

/// The `/api/v1` routes.
pub fn routes(max_attachment: usize) -> Router<AppState> {
    Router::new()
        .route("/docs.js", get(crate::openapi::script))
        .route("/auth/tokens", post(tokens::login))
        .route("/tokens", get(tokens::list).post(tokens::create))
        .route("/tokens/{id}", delete(tokens::revoke))
        .route("/tickets", get(tickets::list).post(tickets::create))
        .route("/tickets/{number}", get(tickets::get).patch(tickets::patch))
        .route("/tickets/{number}/comments", post(tickets::comment))
        .route("/tickets/{number}/escalations", post(tickets::escalate))
        .route("/tickets/{number}/take", post(tickets::take))
        .route("/tickets/{number}/journal", get(tickets::journal))
        .route("/tickets/{number}/watchers", post(tickets::add_watcher))
        .route(
            "/tickets/{number}/watchers/{user_id}",
            delete(tickets::remove_watcher),
        )
        .route(
            "/tickets/{number}/attachments",
            get(tickets::attachments)
                .post(tickets::upload)
                .layer(DefaultBodyLimit::max(max_attachment + 1024)),
        )
        .route("/attachments/{id}", get(tickets::download))
        .route("/search", get(search::search))
        .route("/mail/inbound", get(mail_inbound::list))
        .route("/mail/inbound/{id}/raw", get(mail_inbound::raw))
        .route(
            "/mail/inbound/{id}/reprocess",
            post(mail_inbound::reprocess),
        )
        .route("/users", get(users::list).post(users::create))
        .route("/users/me", get(users::me))
        .route("/users/me/password", post(users::change_password))
        .route("/users/{id}", get(users::get).patch(users::patch))
        .route(
            "/departments",
            get(departments::list).post(departments::create),
        )
        .route(
            "/departments/{id}",
            axum::routing::patch(departments::patch),
        )
        .route("/groups", get(groups::list).post(groups::create))
        .route("/groups/{id}", get(groups::get).patch(groups::patch))
        .route("/groups/{id}/members", post(groups::add_member))
        .route(
            "/groups/{id}/members/{user_id}",
            delete(groups::remove_member),
        )
        .route(
            "/categories",
            get(categories::list).post(categories::create),
        )
        .route("/categories/{id}", axum::routing::patch(categories::patch))
        .route("/roles", get(admin::roles).post(admin::create_role))
        .route("/roles/{id}", axum::routing::patch(admin::patch_role))
        .route(
            "/settings/priority-matrix",
            get(admin::priority_matrix).put(admin::set_priority_matrix),
        )
        .route("/audit", get(admin::audit))
        .route("/permissions/explain", get(permissions::explain))
        .merge(sla_routes())
        .merge(rules_routes())
        .merge(mail_routes())
        .merge(knowledge_routes(max_attachment))
}

/// The outbound mail routes: settings, test message, outbox.
fn mail_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/settings/mail",
            get(mail::get_settings).put(mail::put_settings),
        )
        .route("/mail/test", post(mail::test))
        .route("/mail/outbox", get(mail::outbox))
        .route("/mail/outbox/{id}", get(mail::message))
        .route("/mail/outbox/{id}/retry", post(mail::retry))
        .route("/mailboxes", get(mailboxes::list).post(mailboxes::create))
        .route(
            "/mailboxes/{id}",
            get(mailboxes::get)
                .patch(mailboxes::patch)
                .delete(mailboxes::delete),
        )
        .route("/mailboxes/{id}/test", post(mailboxes::test))
        .route("/mailboxes/{id}/poll", post(mailboxes::poll))
}

/// The knowledge base routes: articles, their lifecycle, translations, history, votes,
/// views, deflections, ticket links and lists.
fn knowledge_routes(max_attachment: usize) -> Router<AppState> {
    use axum::routing::put;
    use knowledge_engagement as ke;
    Router::new()
        .route("/kb/articles", get(knowledge::list).post(knowledge::create))
        .route(
            "/kb/articles/{id}",
            get(knowledge::get).patch(knowledge::patch),
        )
        .route(
            "/kb/articles/{id}/translations/{lang}",
            put(knowledge::translate),
        )
        .route("/kb/articles/{id}/moves", post(knowledge::move_article))
        .route("/kb/articles/{id}/reviewed", post(knowledge::reviewed))
        .route("/kb/articles/{id}/versions", get(knowledge::versions))
        .route("/kb/articles/{id}/diff", get(knowledge::diff))
        .route("/kb/articles/{id}/votes", post(ke::vote))
        .route("/kb/articles/{id}/views", post(ke::view))
        .route("/kb/articles/{id}/deflections", post(ke::deflect))
        .route("/kb/articles/{id}/sop-text", get(ke::sop_text))
        .route("/kb/articles/{id}/tickets", get(ke::article_tickets))
        .route(
            "/kb/articles/{id}/tickets/{number}",
            put(ke::link).delete(ke::unlink),
        )
        .route("/kb/tickets/{number}/articles", get(ke::ticket_articles))
        .route("/kb/tickets/{number}/draft", post(ke::draft_from_ticket))
        .route("/kb/most-viewed", get(ke::most_viewed))
        .route("/kb/needs-review", get(ke::needs_review))
        .route("/kb/contributions", get(ke::contributions))
        .route("/kb/suggestions", get(kb_suggestions::suggest))
        .route("/tickets/{number}/suggestions", get(kb_suggestions::ticket))
        .route(
            "/kb/articles/{id}/attachments",
            get(knowledge_files::list)
                .post(knowledge_files::upload)
                .layer(DefaultBodyLimit::max(max_attachment + 1024)),
        )
        .route(
            "/kb/articles/{id}/attachments/{attachment_id}",
            get(knowledge_files::download),
        )
}

/// The automation rule routes: event rules, their order, the dry run, time rules.
fn rules_routes() -> Router<AppState> {
    use axum::routing::put;
    Router::new()
        .route("/rules", get(rules::list).post(rules::create))
        .route("/rules/order", put(rules::order))
        .route("/rules/dry-run", post(rules::dry_run))
        .route(
            "/rules/{id}",
            get(rules::get).put(rules::replace).delete(rules::delete),
        )
        .route(
            "/time-rules",
            get(rules::list_time).post(rules::create_time),
        )
        .route(
            "/time-rules/{id}",
            get(rules::get_time)
                .put(rules::replace_time)
                .delete(rules::delete_time),
        )
}

/// The SLA routes: calendars, policies, OLA targets, the at-risk queue, explanations, group
/// leads and notifications.
fn sla_routes() -> Router<AppState> {
    use axum::routing::put;
    Router::new()
        .route("/calendars", get(calendars::list).post(calendars::create))
        .route(
            "/calendars/{id}",
            get(calendars::get)
                .put(calendars::replace)
                .delete(calendars::delete),
        )
        .route(
            "/sla/policies",
            get(sla::list_policies).post(sla::create_policy),
        )
        .route("/sla/policies/order", put(sla::order_policies))
        .route(
            "/sla/policies/{id}",
            get(sla::get_policy)
                .put(sla::replace_policy)
                .delete(sla::delete_policy),
        )
        .route("/sla/olas", get(sla::list_olas).post(sla::create_ola))
        .route(
            "/sla/olas/{id}",
            get(sla::get_ola)
                .put(sla::replace_ola)
                .delete(sla::delete_ola),
        )
        .route("/sla/at-risk", get(sla::at_risk))
        .route("/tickets/{number}/sla/explain", get(sla::explain))
        .route(
            "/groups/{id}/lead",
            get(sla::get_group_lead).put(sla::set_group_lead),
        )
        .route("/notifications", get(sla::notifications))
        .route("/notifications/{id}/read", post(sla::read_notification))
}

/// A path parameter whose rejection is our JSON error: an id that is not a number names
/// nothing, so it answers 404 like an id that does not exist.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(v)| ApiPath(v))
            .map_err(|e| {
                ApiError::new(
                    StatusCode::NOT_FOUND,
                    "not_found",
                    format!("nothing at this address: {}", e.body_text()),
                )
            })
    }
}

/// Checks the paging of a list: `page` from 1, `per_page` 1-500 (25 by default).
pub fn paging(page: Option<i64>, per_page: Option<i64>) -> Result<(i64, i64), ApiError> {
    let per_page = per_page.unwrap_or(25);
    if !(1..=500).contains(&per_page) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            "per_page must be between 1 and 500",
        )
        .field("per_page"));
    }
    let page = page.unwrap_or(1);
    if page < 1 {
        return Err(
            ApiError::new(StatusCode::BAD_REQUEST, "invalid_query", "page starts at 1")
                .field("page"),
        );
    }
    Ok((page, per_page))
}

/// The raw file of an upload and its media type (`application/octet-stream` when unsaid). A
/// body beyond the route's limit is refused while it is read: that answer is JSON too.
pub(crate) fn uploaded_file(
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
    headers: &axum::http::HeaderMap,
    limit: usize,
) -> Result<(axum::body::Bytes, String), ApiError> {
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the file is larger than the limit of {limit} bytes"),
            )
        } else {
            ApiError::new(e.status(), "invalid_body", e.body_text())
        }
    })?;
    let media_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/octet-stream")
        .to_string();
    Ok((body, media_type))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_and_bounds() {
        assert_eq!(paging(None, None).ok(), Some((1, 25)));
        assert_eq!(paging(Some(3), Some(500)).ok(), Some((3, 500)));
        let e = paging(Some(0), None).err().map(|e| e.detail.field);
        assert_eq!(e, Some(Some("page".into())));
        let e = paging(None, Some(501)).err().map(|e| e.detail.field);
        assert_eq!(e, Some(Some("per_page".into())));
    }
}
