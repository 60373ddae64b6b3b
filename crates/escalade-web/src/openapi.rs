//! The OpenAPI 3.1 document, generated from the handlers' annotations, and the page that
//! renders it.

use axum::Json;
use axum::response::Html;
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

/// The API description.
#[derive(OpenApi)]
#[openapi(
    info(title = "Escalade API", description = "The REST API of the Escalade service desk. Every error is `{\"error\": {\"code\", \"message\", \"field\"}}`."),
    paths(
        api::tokens::login, api::tokens::create, api::tokens::list, api::tokens::revoke,
        api::tickets::create, api::tickets::get, api::tickets::list, api::tickets::patch, api::tickets::comment,
        api::tickets::escalate, api::tickets::take, api::tickets::journal, api::tickets::add_watcher,
        api::tickets::remove_watcher, api::tickets::upload, api::tickets::attachments, api::tickets::download,
    ),
    modifiers(&BearerAuth),
    tags((name = "tickets"), (name = "attachments"), (name = "auth"))
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
