//! Trying a rule on an existing ticket: what it would change, without writing anything. The
//! rule may be a stored one (by id) or a text being edited (checked like a save, so a rule that
//! could not be saved cannot be tried either).

use escalade_core::ids::{CategoryId, RuleId};
use escalade_core::rules::{
    AutoReply, CompiledRule, Note, Refusal, RuleContext, RuleReport, TicketFacts, dry_run,
};
use escalade_core::ticket::FieldChange;
use escalade_store::directory;
use serde::Serialize;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::tickets::parse_number;

/// Which rule to try.
#[derive(Debug, Clone)]
pub enum RuleSource {
    /// A stored rule.
    Stored(i64),
    /// A rule's JSON, not saved.
    Json(String),
}

/// What a rule would do to a ticket.
#[derive(Debug, Clone, Serialize)]
pub struct DryRunReport {
    /// The ticket's number.
    pub ticket: String,
    /// Whether the rule fired, and why (or why not).
    pub report: RuleReport,
    /// The fields it would change, first value to last.
    pub changes: Vec<FieldChange>,
    /// The internal notes it would add.
    pub notes: Vec<Note>,
    /// The automatic replies it would queue.
    pub auto_replies: Vec<AutoReply>,
    /// The actions the ticket would refuse.
    pub refused: Vec<Refusal>,
}

impl App {
    /// Tries a rule on a ticket as if its event happened now (`admin.settings`, and the ticket
    /// must be readable by the caller). Nothing is written.
    pub async fn dry_run_rule(
        &self,
        caller: &Caller,
        source: RuleSource,
        number: &str,
    ) -> Result<DryRunReport, AppError> {
        caller.require(escalade_core::authz::Permission::AdminSettings)?;
        let compiled = match source {
            RuleSource::Stored(id) => {
                let row = self.rule(caller, id).await?;
                CompiledRule::new(escalade_core::rules::Rule::from_json(&row.definition)?)?
                    .with_id(RuleId(id))
            }
            RuleSource::Json(text) => CompiledRule::new(self.check_rule(&text).await?)?,
        };
        let id = parse_number(number)?.id();
        let cfg = self.rules_config().await?;
        let now = self.clock.now();
        let mut c = self.store.read().await?;
        let (d, _) = self.visible(&mut c, caller, id).await?;
        let vip = directory::user(&mut c, d.ticket.requester)
            .await?
            .is_some_and(|u| u.vip);
        let matrix = self.matrix(&mut c).await?;
        let parents = |id: CategoryId| {
            cfg.category_parents
                .get(&id.0)
                .copied()
                .flatten()
                .map(CategoryId)
        };
        let ctx = RuleContext::new(&matrix).with_category_parents(&parents);
        let facts = TicketFacts::new(d.ticket.clone()).vip(vip);
        let outcome = dry_run(&compiled, &facts, None, now, &ctx);
        let report = outcome
            .report
            .into_iter()
            .next()
            .ok_or(AppError::NotFound("rule"))?;
        let refused = outcome.fired.into_iter().flat_map(|f| f.refused).collect();
        Ok(DryRunReport {
            ticket: escalade_core::ids::TicketNumber::new(d.ticket.kind, d.ticket.id).to_string(),
            report,
            changes: outcome.changes,
            notes: outcome.notes,
            auto_replies: outcome.auto_replies,
            refused,
        })
    }
}
