//! Automation rules in the service layer: managing event and time rules (`admin.settings`),
//! this node's compiled copy of them, running event rules inside a ticket's write, the dry
//! run, and the scheduler jobs of time rules. The rules engine itself is pure domain code
//! (`escalade_core::rules`); this module loads, checks references, applies and journals.
//!
//! | module | owns |
//! |---|---|
//! | `management` | CRUD and order of event rules and time rules, with reference checks and audit |
//! | `flow` | evaluating the rules of a ticket event and recording the outcome in the same transaction |
//! | `dry_run` | trying a rule on an existing ticket without writing anything |
//! | `time_jobs` | scheduling time rules' due work and the scheduler handler that runs it |
//! | `seeding` | the shipped classification rules and default time rules, once per installation |

pub mod dry_run;
pub mod flow;
pub mod management;
pub mod seeding;
pub mod time_jobs;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use escalade_core::ids::RuleId;
use escalade_core::rules::{CompiledRule, Rule, TimeRule};
use escalade_store::rules as store;
use escalade_store::{Conn, StoreError};

use crate::App;
use crate::error::AppError;

/// This node's compiled rules, as of one version of the rules in the database.
#[derive(Debug, Clone, Default)]
pub struct RulesConfig {
    /// Event rules in their order (inactive ones included: the engine reports them).
    pub rules: Vec<CompiledRule>,
    /// Time rules with their ids.
    pub time_rules: Vec<(i64, TimeRule)>,
    /// Each category's parent, for `under` conditions.
    pub category_parents: HashMap<i64, Option<i64>>,
}

impl RulesConfig {
    /// Loads and compiles the stored rules. A stored rule that no longer compiles (written by a
    /// newer version, or edited by hand in the database) is left out with a warning rather than
    /// stopping every ticket event.
    pub async fn load(c: &mut Conn) -> Result<RulesConfig, StoreError> {
        let mut rules = Vec::new();
        for row in store::rules(c).await? {
            match Rule::from_json(&row.definition).and_then(CompiledRule::new) {
                Ok(r) => rules.push(r.with_id(RuleId(row.id))),
                Err(e) => tracing::warn!(rule = row.id, error = %e, "stored rule left out"),
            }
        }
        let mut time_rules = Vec::new();
        for row in store::time_rules(c).await? {
            match TimeRule::from_json(&row.definition) {
                Ok(r) => time_rules.push((row.id, r)),
                Err(e) => {
                    tracing::warn!(time_rule = row.id, error = %e, "stored time rule left out")
                }
            }
        }
        let category_parents = escalade_store::directory::categories(c)
            .await?
            .into_iter()
            .map(|k| (k.id, k.parent_id))
            .collect();
        Ok(RulesConfig {
            rules,
            time_rules,
            category_parents,
        })
    }
}

/// This node's copy of the rules with the version it was read at. Every use compares the
/// version row in the database, so a change made on another node applies here at once.
#[derive(Default)]
pub struct RulesCache {
    current: Mutex<Option<(i64, Arc<RulesConfig>)>>,
}

impl RulesCache {
    fn get(&self, version: i64) -> Option<Arc<RulesConfig>> {
        let guard = self.current.lock().ok()?;
        match &*guard {
            Some((v, cfg)) if *v == version => Some(cfg.clone()),
            _ => None,
        }
    }

    fn put(&self, version: i64, cfg: Arc<RulesConfig>) {
        if let Ok(mut guard) = self.current.lock() {
            *guard = Some((version, cfg));
        }
    }

    /// Forgets the copy, after a change of the rules.
    pub fn clear(&self) {
        if let Ok(mut guard) = self.current.lock() {
            *guard = None;
        }
    }
}

impl App {
    /// The rules in force: this node's copy while the version row is unchanged, else read and
    /// compiled again.
    pub async fn rules_config(&self) -> Result<Arc<RulesConfig>, AppError> {
        let mut c = self.store.read().await?;
        Ok(self.rules_config_on(&mut c).await?)
    }

    /// The rules in force, read on a connection the caller already holds (the scheduler, in
    /// the transaction of a job or an SLA firing, so that it never waits for a second one).
    pub(crate) async fn rules_config_on(
        &self,
        c: &mut Conn,
    ) -> Result<Arc<RulesConfig>, StoreError> {
        let version = store::version(c).await?;
        if let Some(cfg) = self.rules.get(version) {
            return Ok(cfg);
        }
        let cfg = Arc::new(RulesConfig::load(c).await?);
        self.rules.put(version, cfg.clone());
        Ok(cfg)
    }
}
