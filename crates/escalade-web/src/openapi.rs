//! The OpenAPI 3.1 document, generated from the handlers' annotations, and the page that
//! renders it.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse};
use utoipa::openapi::RefOr;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("An API token from POST /api/v1/auth/tokens"))
                    .build(),
            ),
        );
    }
}

/// Gives every response without a description the status's reason phrase, since OpenAPI
/// requires one and most error responses need no more.
struct ResponseDescriptions;

impl Modify for ResponseDescriptions {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for item in doc.paths.paths.values_mut() {
            let ops = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                for (code, response) in op.responses.responses.iter_mut() {
                    if let RefOr::T(r) = response
                        && r.description.is_empty()
                    {
                        r.description = reason(code);
                    }
                }
            }
        }
    }
}

fn reason(code: &str) -> String {
    code.parse::<u16>()
        .ok()
        .and_then(|c| StatusCode::from_u16(c).ok())
        .and_then(|c| c.canonical_reason())
        .unwrap_or("Response")
        .to_string()
}

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "Escalade API", description = "The REST API of the Escalade service desk. Every error is `{\"error\": {\"code\", \"message\", \"field\"}}`."),
    paths(
        api::tokens::login, api::tokens::create, api::tokens::list, api::tokens::revoke,
        api::tickets::create, api::tickets::get, api::tickets::list, api::tickets::patch, api::tickets::comment,
        api::tickets::escalate, api::tickets::take, api::tickets::journal, api::tickets::add_watcher,
        api::tickets::remove_watcher, api::tickets::upload, api::tickets::attachments, api::tickets::download,
        api::users::list, api::users::create, api::users::get, api::users::patch, api::users::me,
        api::users::change_password,
        api::departments::list, api::departments::create, api::departments::patch,
        api::groups::list, api::groups::create, api::groups::get, api::groups::patch,
        api::groups::add_member, api::groups::remove_member,
        api::categories::list, api::categories::create, api::categories::patch,
        api::admin::roles, api::admin::create_role, api::admin::patch_role, api::admin::priority_matrix,
        api::admin::set_priority_matrix, api::admin::audit, api::permissions::explain,
        api::calendars::list, api::calendars::create, api::calendars::get, api::calendars::replace,
        api::calendars::delete, api::sla::list_policies, api::sla::create_policy, api::sla::get_policy,
        api::sla::replace_policy, api::sla::delete_policy, api::sla::order_policies, api::sla::list_olas,
        api::sla::create_ola, api::sla::get_ola, api::sla::replace_ola, api::sla::delete_ola,
        api::sla::at_risk, api::sla::explain, api::sla::get_group_lead, api::sla::set_group_lead,
        api::sla::notifications, api::sla::read_notification,
        api::rules::list, api::rules::create, api::rules::get, api::rules::replace, api::rules::delete,
        api::rules::order, api::rules::dry_run, api::rules::list_time, api::rules::create_time,
        api::rules::get_time, api::rules::replace_time, api::rules::delete_time,
        api::mail_inbound::list, api::mail_inbound::reprocess, api::mail_inbound::raw,
        api::mail::get_settings, api::mail::put_settings, api::mail::test, api::mail::outbox,
        api::mail::message, api::mail::retry,
        api::mailboxes::list, api::mailboxes::create, api::mailboxes::get, api::mailboxes::patch,
        api::mailboxes::delete, api::mailboxes::test, api::mailboxes::poll,
        api::knowledge::list, api::knowledge::create, api::knowledge::get, api::knowledge::patch,
        api::knowledge::translate, api::knowledge::move_article, api::knowledge::reviewed,
        api::knowledge::versions, api::knowledge::diff,
        api::knowledge_engagement::vote, api::knowledge_engagement::view,
        api::knowledge_engagement::deflect, api::knowledge_engagement::sop_text,
        api::knowledge_engagement::link, api::knowledge_engagement::unlink,
        api::knowledge_engagement::article_tickets,
        api::knowledge_engagement::ticket_articles, api::knowledge_engagement::draft_from_ticket,
        api::knowledge_engagement::most_viewed, api::knowledge_engagement::needs_review,
        api::knowledge_engagement::contributions,
        api::knowledge_files::upload, api::knowledge_files::list, api::knowledge_files::download,
        api::search::search,
        api::kb_suggestions::suggest, api::kb_suggestions::ticket,
    ),
    modifiers(&BearerAuth, &ResponseDescriptions),
    tags(
        (name = "auth", description = "API tokens: obtain one with a login and password, list and revoke them"),
        (name = "tickets", description = "Tickets, their journal, watchers and escalations"),
        (name = "attachments", description = "Files attached to tickets"),
        (name = "users", description = "Requesters and agents, their roles, and one's own account"),
        (name = "groups", description = "Support groups at levels 0-3 and their members"),
        (name = "departments", description = "Departments and customer organisations"),
        (name = "categories", description = "The category tree"),
        (name = "admin", description = "Roles and permissions, settings, the audit log, permission explanations"),
        (name = "sla", description = "Business calendars, SLA policies, OLA targets, the at-risk queue, deadline explanations, notifications"),
        (name = "rules", description = "Event rules, their order and dry run; time rules run by the scheduler"),
        (name = "search", description = "Full-text search over tickets, internal notes and knowledge articles, within what the caller may read"),
        (name = "mail", description = "E-mail: inbound messages, the quarantine and originals; SMTP settings, a test message, the outbox and its retries; IMAP mailboxes polled for mail"),
        (name = "knowledge", description = "The knowledge base: articles (SOP, known error, FAQ, how-to), their lifecycle, translations, versions and diffs, votes, views, deflections, links to tickets, and the most viewed, needs-review and contribution lists"),
    )
)]
pub struct ApiDoc;

/// `GET /api/v1/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// `GET /api/v1/docs`: a page that renders the document.
pub async fn page() -> Html<&'static str> {
    Html(include_str!("openapi_page.html"))
}

/// `GET /api/v1/docs.js`: the script that renders the document on that page.
pub async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("openapi_docs.js"),
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn operations_are_unique_and_described() {
        let doc = ApiDoc::openapi();
        let mut ids = HashSet::new();
        for (path, item) in &doc.paths.paths {
            let ops = [&item.get, &item.put, &item.post, &item.delete, &item.patch];
            for op in ops.into_iter().flatten() {
                let id = op.operation_id.clone().unwrap_or_default();
                assert!(
                    ids.insert(id.clone()),
                    "operationId {id} repeated at {path}"
                );
                assert!(
                    op.tags.as_ref().is_some_and(|t| !t.is_empty()),
                    "{path} has no tag"
                );
                for (code, r) in &op.responses.responses {
                    if let RefOr::T(r) = r {
                        assert!(!r.description.is_empty(), "{path} {code} undescribed");
                    }
                }
            }
        }
        assert_eq!(reason("422"), "Unprocessable Entity");
    }
}
