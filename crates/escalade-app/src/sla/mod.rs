//! SLA use cases: the configuration administrators manage (calendars, policies, OLA targets),
//! the clocks that move with every ticket change, the firing of warnings and breaches with
//! their actions, the scheduler that fires them, and what readers see (clocks, explanations,
//! the at-risk queue, notifications).
//!
//! | module | owns |
//! |---|---|
//! | `configuration` | calendars, group leads, the seeded defaults: CRUD with `admin.settings` and audit |
//! | `policies` | SLA policies and their order, OLA targets |
//! | `ticket_clocks` | starting, pausing, stopping and recomputing clocks inside a ticket's write |
//! | `firing` | firing a due warning or breach exactly once and running its actions |
//! | `scheduler` | the background loop, durable jobs and their handlers |
//! | `reading` | clocks in the ticket answer, explanations, the at-risk queue, notifications |
//!
//! The clock arithmetic itself is the domain's (`escalade_core::sla`).

pub mod configuration;
pub mod firing;
pub mod policies;
pub mod reading;
pub mod scheduler;
pub mod ticket_clocks;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use escalade_core::calendar::Calendar;
use escalade_core::sla::{OlaDefinition, OlaTarget, Policy, PolicyDefinition};
use escalade_store::{Conn, StoreError, directory, sla as sla_store};

use crate::App;
use crate::error::AppError;

/// How long a node keeps its copy of the SLA configuration at most. Changes of calendars,
/// policies and OLA targets apply at once on every node (each use compares the configuration's
/// version number in the database); the category tree behind category conditions is read
/// again after this delay.
const CONFIG_TTL: Duration = Duration::from_secs(30);

/// A snapshot of everything clocks are computed from: policies in order, OLA targets,
/// calendars, and the category tree (for conditions on a category and its sub-categories).
#[derive(Debug, Clone, Default)]
pub struct SlaConfig {
    /// Policies in the order they are tried.
    pub policies: Vec<Policy>,
    /// OLA targets.
    pub olas: Vec<OlaTarget>,
    /// Calendars by id.
    pub calendars: HashMap<i64, Calendar>,
    /// Each category's parent.
    pub category_parents: HashMap<i64, Option<i64>>,
}

impl SlaConfig {
    /// Loads the configuration.
    pub async fn load(c: &mut Conn) -> Result<SlaConfig, StoreError> {
        let policies = sla_store::policies(c)
            .await?
            .into_iter()
            .map(|p| p.policy)
            .collect();
        let olas = sla_store::olas(c)
            .await?
            .into_iter()
            .map(|o| o.target)
            .collect();
        let calendars = sla_store::calendars(c)
            .await?
            .into_iter()
            .map(|k| (k.id, k.calendar))
            .collect();
        let category_parents = directory::categories(c)
            .await?
            .into_iter()
            .map(|k| (k.id, k.parent_id))
            .collect();
        Ok(SlaConfig {
            policies,
            olas,
            calendars,
            category_parents,
        })
    }

    /// A calendar by id.
    pub fn calendar(&self, id: i64) -> Option<&Calendar> {
        self.calendars.get(&id)
    }

    /// A policy's definition by id.
    pub fn policy(&self, id: i64) -> Option<&PolicyDefinition> {
        self.policies
            .iter()
            .find(|p| p.id == id)
            .map(|p| &p.definition)
    }

    /// An OLA target's definition by id.
    pub fn ola(&self, id: i64) -> Option<&OlaDefinition> {
        self.olas.iter().find(|o| o.id == id).map(|o| &o.definition)
    }

    /// Whether some active policy looks at the requester's VIP flag (which then has to be read).
    pub fn needs_vip(&self) -> bool {
        self.policies
            .iter()
            .any(|p| p.active && p.definition.conditions.vip.is_some())
    }

    /// A category followed by its ancestors (a cycle, which the tree forbids, ends the walk).
    pub fn category_path(&self, category: Option<i64>) -> Vec<i64> {
        let mut path = Vec::new();
        let mut next = category;
        while let Some(id) = next {
            if path.contains(&id) {
                break;
            }
            path.push(id);
            next = self.category_parents.get(&id).copied().flatten();
        }
        path
    }
}

/// This node's copy of the SLA configuration, with the version it was read at.
#[derive(Default)]
pub struct SlaCache {
    current: Mutex<Option<(Instant, i64, Arc<SlaConfig>)>>,
}

impl SlaCache {
    fn get(&self, version: i64) -> Option<Arc<SlaConfig>> {
        let guard = self.current.lock().ok()?;
        match &*guard {
            Some((at, v, cfg)) if *v == version && at.elapsed() < CONFIG_TTL => Some(cfg.clone()),
            _ => None,
        }
    }

    fn put(&self, version: i64, cfg: Arc<SlaConfig>) {
        if let Ok(mut guard) = self.current.lock() {
            *guard = Some((Instant::now(), version, cfg));
        }
    }

    /// Forgets the copy, after a change of the configuration.
    pub fn clear(&self) {
        if let Ok(mut guard) = self.current.lock() {
            *guard = None;
        }
    }
}

impl App {
    /// The SLA configuration in force: this node's copy while the database's version number
    /// is the one it was read at, else freshly read.
    pub async fn sla_config(&self) -> Result<Arc<SlaConfig>, AppError> {
        let mut c = self.store.read().await?;
        self.sla_config_on(&mut c).await
    }

    /// The SLA configuration in force, read on a connection the caller already holds (a
    /// ticket write reads it with its other reads, on one pool checkout).
    pub(crate) async fn sla_config_on(&self, c: &mut Conn) -> Result<Arc<SlaConfig>, AppError> {
        let version = sla_store::config_version(c).await?;
        if let Some(cfg) = self.sla.get(version) {
            return Ok(cfg);
        }
        let cfg = Arc::new(SlaConfig::load(c).await?);
        self.sla.put(version, cfg.clone());
        Ok(cfg)
    }
}
