//! The rules every installation starts with, seeded once at bootstrap (the shipped rules name
//! category ids, which are data): the nine classification rules of `docs/RULES.md` with this
//! installation's category ids, and three time rules. Only "close a week after resolution" is
//! active: it is what every desk wants, while reminders need the mail layer (not built yet) and
//! escalating unassigned tickets depends on each desk's staffing. Seeding is claimed through a
//! settings row, so rules an administrator deleted do not come back at the next start.

use escalade_core::ids::CategoryId;
use escalade_core::rules::{
    AutoClose, EscalateUnassigned, RemindPending, TimeRule, TimeRuleKind, classification_rules,
};
use escalade_store::directory;
use escalade_store::rules::{self as store, RuleFields};

use crate::App;
use crate::error::AppError;
use crate::rules::management::time_kind;

/// The time rules an installation starts with.
pub fn default_time_rules() -> Vec<TimeRule> {
    vec![
        TimeRule {
            name: "Remind requesters after two days pending".into(),
            active: false,
            kind: TimeRuleKind::RemindPending(RemindPending {
                after_hours: 48,
                repeat: false,
                template: "pending_reminder".into(),
                text: "We are waiting for your answer to go on with your request.".into(),
            }),
        },
        TimeRule {
            name: "Close a week after resolution".into(),
            active: true,
            kind: TimeRuleKind::AutoCloseResolved(AutoClose { after_days: 7 }),
        },
        TimeRule {
            name: "Escalate tickets nobody took in 30 minutes".into(),
            active: false,
            kind: TimeRuleKind::EscalateUnassigned(EscalateUnassigned {
                after_minutes: 30,
                to_level: None,
                to_group: None,
            }),
        },
    ]
}

impl App {
    /// Seeds the shipped rules once per installation.
    pub async fn seed_rules(&self) -> Result<(), AppError> {
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    if !store::claim_seeding(c, now).await? {
                        return Ok(());
                    }
                    let categories = directory::categories(c).await?;
                    let id_of = |key: &str| {
                        categories
                            .iter()
                            .find(|k| k.key == key)
                            .map(|k| CategoryId(k.id))
                    };
                    for rule in classification_rules(id_of) {
                        let definition = rule.to_json();
                        let fields = RuleFields {
                            name: &rule.name,
                            event: rule.event.as_str(),
                            active: rule.active,
                            definition: &definition,
                        };
                        store::create_rule(c, &fields, now).await?;
                    }
                    for rule in default_time_rules() {
                        let definition = serde_json::to_string(&rule).unwrap_or_default();
                        let fields = RuleFields {
                            name: &rule.name,
                            event: time_kind(&rule),
                            active: rule.active,
                            definition: &definition,
                        };
                        store::create_time_rule(c, &fields, now).await?;
                    }
                    store::bump_version(c, now).await
                })
            })
            .await?;
        self.rules.clear();
        Ok(())
    }
}
