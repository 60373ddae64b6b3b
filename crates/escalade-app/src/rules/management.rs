//! Managing event rules (and their order) and time rules: `admin.settings` to read and change.
//! A rule is checked at save time exactly as it will run (`Rule::from_json`, then every
//! category, group, user, department and SLA policy it names must exist); a refusal names the
//! JSON path and nothing is saved. Every change bumps the rules' version row (so each node
//! recompiles at once) and is recorded in the audit log.

use escalade_core::authz::Permission;
use escalade_core::ids::{CategoryId, DepartmentId, GroupId, UserId};
use escalade_core::rules::{Reference, Rule, TimeRule, TimeRuleKind};
use escalade_store::rules::{self as store, RuleFields, RuleRow, TimeRuleRow};
use escalade_store::{Conn, audit, directory, sla as sla_store};
use serde_json::json;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// Where a rule's JSON comes from: the text an administrator wrote, or a value the API
/// received (serialised again, so that errors name the same paths).
pub fn rule_text(v: &serde_json::Value) -> String {
    v.as_str()
        .map(str::to_string)
        .unwrap_or_else(|| v.to_string())
}

impl App {
    /// Every event rule in its order (`admin.settings`).
    pub async fn rules(&self, caller: &Caller) -> Result<Vec<RuleRow>, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        Ok(store::rules(&mut c).await?)
    }

    /// One event rule (`admin.settings`).
    pub async fn rule(&self, caller: &Caller, id: i64) -> Result<RuleRow, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        store::rule(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("rule"))
    }

    /// Validates a rule's JSON and checks what it names; the rule in canonical JSON.
    pub async fn check_rule(&self, json: &str) -> Result<Rule, AppError> {
        let rule = Rule::from_json(json)?;
        let mut c = self.store.read().await?;
        let refs = rule.references();
        let mut missing = None;
        for (path, r) in &refs.0 {
            if !exists(&mut c, *r).await? {
                missing = Some((path.clone(), *r));
                break;
            }
        }
        if let Some((path, r)) = missing {
            return Err(AppError::invalid(
                &path,
                "unknown_reference",
                format!("{r} does not exist"),
            ));
        }
        Ok(rule)
    }

    /// Adds an event rule at the end of the order (`admin.settings`).
    pub async fn create_rule(&self, caller: &Caller, json: &str) -> Result<RuleRow, AppError> {
        caller.require(Permission::AdminSettings)?;
        let rule = self.check_rule(json).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let definition = rule.to_json();
                    let fields = fields(&rule, &definition);
                    let id = store::create_rule(c, &fields, now).await?;
                    store::bump_version(c, now).await?;
                    let details = json!({"rule": rule});
                    audit::record(
                        c,
                        Some(actor),
                        "rule.create",
                        "rule",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        self.rules.clear();
        self.rule(caller, id).await
    }

    /// Replaces an event rule; its place in the order stays (`admin.settings`).
    pub async fn update_rule(
        &self,
        caller: &Caller,
        id: i64,
        json: &str,
    ) -> Result<RuleRow, AppError> {
        caller.require(Permission::AdminSettings)?;
        self.rule(caller, id).await?;
        let rule = self.check_rule(json).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    let definition = rule.to_json();
                    store::update_rule(c, id, &fields(&rule, &definition), now).await?;
                    store::bump_version(c, now).await?;
                    let details = json!({"rule": rule});
                    audit::record(
                        c,
                        Some(actor),
                        "rule.update",
                        "rule",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.rules.clear();
        self.rule(caller, id).await
    }

    /// Turns an event rule on or off without retyping it (`admin.settings`).
    pub async fn set_rule_active(
        &self,
        caller: &Caller,
        id: i64,
        active: bool,
    ) -> Result<RuleRow, AppError> {
        let row = self.rule(caller, id).await?;
        let mut rule = Rule::from_json(&row.definition)?;
        rule.active = active;
        self.update_rule(caller, id, &rule.to_json()).await
    }

    /// Deletes an event rule (`admin.settings`); journals keep its name.
    pub async fn delete_rule(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        caller.require(Permission::AdminSettings)?;
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::delete_rule(c, id).await?;
                    store::bump_version(c, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "rule.delete",
                        "rule",
                        &id.to_string(),
                        &json!({}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.rules.clear();
        Ok(())
    }

    /// Puts the event rules in this order (`admin.settings`): `ids` lists every rule once.
    pub async fn reorder_rules(
        &self,
        caller: &Caller,
        ids: Vec<i64>,
    ) -> Result<Vec<RuleRow>, AppError> {
        let current = self.rules(caller).await?;
        let mut given = ids.clone();
        given.sort_unstable();
        let mut known: Vec<i64> = current.iter().map(|r| r.id).collect();
        known.sort_unstable();
        if given != known {
            return Err(AppError::invalid(
                "ids",
                "not_every_rule",
                "list every rule's id exactly once",
            ));
        }
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::reorder_rules(c, &ids, now).await?;
                    store::bump_version(c, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "rule.reorder",
                        "rule",
                        "",
                        &json!({"ids": ids}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.rules.clear();
        self.rules(caller).await
    }

    /// Moves one rule a place up (`-1`) or down (`1`) in the order (`admin.settings`).
    pub async fn move_rule(
        &self,
        caller: &Caller,
        id: i64,
        step: i64,
    ) -> Result<Vec<RuleRow>, AppError> {
        let mut ids: Vec<i64> = self.rules(caller).await?.iter().map(|r| r.id).collect();
        let at = ids
            .iter()
            .position(|r| *r == id)
            .ok_or(AppError::NotFound("rule"))?;
        let to = at as i64 + step.signum();
        if to < 0 || to >= ids.len() as i64 {
            return self.rules(caller).await;
        }
        ids.swap(at, to as usize);
        self.reorder_rules(caller, ids).await
    }

    /// Every time rule (`admin.settings`).
    pub async fn time_rules(&self, caller: &Caller) -> Result<Vec<TimeRuleRow>, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        Ok(store::time_rules(&mut c).await?)
    }

    /// One time rule (`admin.settings`).
    pub async fn time_rule(&self, caller: &Caller, id: i64) -> Result<TimeRuleRow, AppError> {
        caller.require(Permission::AdminSettings)?;
        let mut c = self.store.read().await?;
        store::time_rule(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("time rule"))
    }

    async fn check_time_rule(&self, json: &str) -> Result<TimeRule, AppError> {
        let rule = TimeRule::from_json(json)?;
        if let TimeRuleKind::EscalateUnassigned(e) = &rule.kind
            && let Some(g) = e.to_group
        {
            let mut c = self.store.read().await?;
            if !exists(&mut c, Reference::Group(g)).await? {
                return Err(AppError::invalid(
                    "kind.escalate_unassigned.to_group",
                    "unknown_reference",
                    format!("group {g} does not exist"),
                ));
            }
        }
        Ok(rule)
    }

    /// Adds a time rule (`admin.settings`). It applies to tickets that enter its state from now.
    pub async fn create_time_rule(
        &self,
        caller: &Caller,
        json: &str,
    ) -> Result<TimeRuleRow, AppError> {
        caller.require(Permission::AdminSettings)?;
        let rule = self.check_time_rule(json).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let definition = serde_json::to_string(&rule).unwrap_or_default();
                    let id =
                        store::create_time_rule(c, &time_fields(&rule, &definition), now).await?;
                    store::bump_version(c, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "time_rule.create",
                        "time_rule",
                        &id.to_string(),
                        &json!({"time_rule": rule}),
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        self.rules.clear();
        self.time_rule(caller, id).await
    }

    /// Replaces a time rule (`admin.settings`). Jobs already scheduled ask the new definition
    /// when they come up.
    pub async fn update_time_rule(
        &self,
        caller: &Caller,
        id: i64,
        json: &str,
    ) -> Result<TimeRuleRow, AppError> {
        caller.require(Permission::AdminSettings)?;
        self.time_rule(caller, id).await?;
        let rule = self.check_time_rule(json).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    let definition = serde_json::to_string(&rule).unwrap_or_default();
                    store::update_time_rule(c, id, &time_fields(&rule, &definition), now).await?;
                    store::bump_version(c, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "time_rule.update",
                        "time_rule",
                        &id.to_string(),
                        &json!({"time_rule": rule}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.rules.clear();
        self.time_rule(caller, id).await
    }

    /// Deletes a time rule (`admin.settings`); its scheduled jobs find no rule and do nothing.
    pub async fn delete_time_rule(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        caller.require(Permission::AdminSettings)?;
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::delete_time_rule(c, id).await?;
                    store::bump_version(c, now).await?;
                    audit::record(
                        c,
                        Some(actor),
                        "time_rule.delete",
                        "time_rule",
                        &id.to_string(),
                        &json!({}),
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.rules.clear();
        Ok(())
    }
}

fn fields<'a>(rule: &'a Rule, definition: &'a str) -> RuleFields<'a> {
    RuleFields {
        name: rule.name.trim(),
        event: rule.event.as_str(),
        active: rule.active,
        definition,
    }
}

/// The kind of a time rule, as its JSON key.
pub fn time_kind(rule: &TimeRule) -> &'static str {
    match rule.kind {
        TimeRuleKind::RemindPending(_) => "remind_pending",
        TimeRuleKind::AutoCloseResolved(_) => "auto_close_resolved",
        TimeRuleKind::EscalateUnassigned(_) => "escalate_unassigned",
    }
}

fn time_fields<'a>(rule: &'a TimeRule, definition: &'a str) -> RuleFields<'a> {
    RuleFields {
        name: rule.name.trim(),
        event: time_kind(rule),
        active: rule.active,
        definition,
    }
}

/// Whether a stored object a rule names exists.
async fn exists(c: &mut Conn, r: Reference) -> Result<bool, AppError> {
    Ok(match r {
        Reference::Category(id) => directory::category(c, CategoryId(id.0)).await?.is_some(),
        Reference::Group(id) => directory::group(c, GroupId(id.0)).await?.is_some(),
        Reference::User(id) => directory::user(c, UserId(id.0))
            .await?
            .is_some_and(|u| u.active && u.kind == "agent"),
        Reference::Department(id) => directory::department(c, DepartmentId(id.0))
            .await?
            .is_some(),
        Reference::SlaPolicy(id) => sla_store::policy(c, id.0).await?.is_some(),
    })
}
