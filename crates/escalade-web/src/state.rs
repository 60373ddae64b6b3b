//! What every handler can reach: the service layer and the metrics registry.

use std::sync::Arc;

use escalade_app::App;

use crate::ops::Metrics;

/// Shared state of the HTTP server. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    /// The service layer.
    pub app: App,
    /// Request counters and latencies.
    pub metrics: Arc<Metrics>,
}

impl AppState {
    /// State over a service layer.
    pub fn new(app: App) -> Self {
        Self {
            app,
            metrics: Arc::new(Metrics::default()),
        }
    }
}
