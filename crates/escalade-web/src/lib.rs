//! Escalade's HTTP surface: the REST API under `/api/v1`, the web UI (`ui`), health and
//! metrics. Handlers only extract, call the service layer (`escalade-app`) and shape answers.

pub mod api;
pub mod download;
pub mod error;
pub mod extract;
pub mod openapi;
pub mod ops;
pub mod state;
pub mod ui;

use axum::Router;
use axum::routing::get;
use tower_http::trace::TraceLayer;

pub use state::AppState;

/// The whole application's router.
pub fn router(state: AppState) -> Router {
    let max_attachment = state.app.config.max_attachment_bytes;
    Router::new()
        .nest("/api/v1", api::routes(max_attachment))
        .route("/api/v1/openapi.json", get(openapi::document))
        .route("/api/v1/docs", get(openapi::page))
        .route("/healthz", get(ops::healthz))
        .route("/metrics", get(ops::metrics))
        .merge(ui::routes(max_attachment))
        .fallback(ui::not_found)
        // Every error is JSON, also a method the path does not offer.
        .method_not_allowed_fallback(|| async {
            error::ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "this address does not accept this method",
            )
        })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            ops::measure,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
