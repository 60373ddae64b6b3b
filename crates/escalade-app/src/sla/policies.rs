//! Managing SLA policies (and their order) and OLA targets: `admin.settings` to change,
//! agents and administrators to read. A policy's edit moves the deadlines of the clocks still
//! running on it (journaled per ticket); an OLA target's edit applies to clocks started after.
//! Deleting a pinned policy, or making it inactive (or active again), chooses the policy of the
//! open tickets pinned to it again.

use escalade_core::authz::Permission;
use escalade_core::ids::GroupId;
use escalade_core::sla::{ClockKind, OlaDefinition, PolicyDefinition};
use escalade_store::clocks;
use escalade_store::sla::{self as store, StoredOla, StoredPolicy};
use escalade_store::{Conn, StoreError, audit, directory};
use serde_json::json;

use super::SlaConfig;
use super::configuration::save_recomputed;
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// Chooses the policy again for the open tickets pinned to `policy_id`, after the policy was
/// deleted or changed (a pin no longer holds on a deleted or inactive policy, and holds again
/// on one made active), with the configuration as the transaction left it.
async fn rechoose_pinned(
    c: &mut Conn,
    policy_id: i64,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), StoreError> {
    let pinned = clocks::pinned_to(c, policy_id).await?;
    if pinned.is_empty() {
        return Ok(());
    }
    let cfg = SlaConfig::load(c).await?;
    for id in pinned {
        if let Some(t) = escalade_store::tickets::get(c, id).await? {
            super::ticket_clocks::on_pin(c, &cfg, &t, now).await?;
        }
    }
    Ok(())
}

impl App {
    /// Every policy in the order they are tried.
    pub async fn sla_policies(&self, caller: &Caller) -> Result<Vec<StoredPolicy>, AppError> {
        self.require_sla_reader(caller)?;
        let mut c = self.store.read().await?;
        Ok(store::policies(&mut c).await?)
    }

    /// One policy.
    pub async fn sla_policy(&self, caller: &Caller, id: i64) -> Result<StoredPolicy, AppError> {
        self.require_sla_reader(caller)?;
        let mut c = self.store.read().await?;
        store::policy(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("SLA policy"))
    }

    /// Checks what a policy refers to: its calendar, categories and departments exist.
    async fn check_policy_refs(&self, d: &PolicyDefinition) -> Result<(), AppError> {
        let mut c = self.store.read().await?;
        self.check_calendar_ref(&mut c, d.calendar_id).await?;
        for (i, id) in d.conditions.category_ids.iter().enumerate() {
            if directory::category(&mut c, escalade_core::ids::CategoryId(*id))
                .await?
                .is_none()
            {
                return Err(AppError::invalid(
                    &format!("conditions.category_ids[{i}]"),
                    "unknown",
                    format!("there is no category {id}"),
                ));
            }
        }
        for (i, id) in d.conditions.department_ids.iter().enumerate() {
            if directory::department(&mut c, escalade_core::ids::DepartmentId(*id))
                .await?
                .is_none()
            {
                return Err(AppError::invalid(
                    &format!("conditions.department_ids[{i}]"),
                    "unknown",
                    format!("there is no department {id}"),
                ));
            }
        }
        Ok(())
    }

    async fn check_calendar_ref(&self, c: &mut Conn, id: i64) -> Result<(), AppError> {
        if store::calendar(c, id).await?.is_none() {
            return Err(AppError::invalid(
                "calendar_id",
                "unknown",
                format!("there is no calendar {id}"),
            ));
        }
        Ok(())
    }

    /// Creates a policy at the end of the order (`admin.settings`).
    pub async fn create_sla_policy(
        &self,
        caller: &Caller,
        mut d: PolicyDefinition,
        active: bool,
    ) -> Result<StoredPolicy, AppError> {
        caller.require(Permission::AdminSettings)?;
        d.validate()?;
        self.check_policy_refs(&d).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_policy(c, &d, active, now).await?;
                    store::bump_config_version(c, now).await?;
                    let details = json!({"policy": d, "active": active});
                    audit::record(
                        c,
                        Some(actor),
                        "sla_policy.create",
                        "sla_policy",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        self.sla.clear();
        self.sla_policy(caller, id).await
    }

    /// Replaces a policy (`admin.settings`); the clocks still running on it take its new
    /// targets and calendar.
    pub async fn update_sla_policy(
        &self,
        caller: &Caller,
        id: i64,
        mut d: PolicyDefinition,
        active: bool,
    ) -> Result<StoredPolicy, AppError> {
        caller.require(Permission::AdminSettings)?;
        d.validate()?;
        self.sla_policy(caller, id).await?;
        self.check_policy_refs(&d).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        let cfg = SlaConfig::load(&mut self.store.read().await?).await?;
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_policy(c, id, &d, active, now).await?;
                    store::bump_config_version(c, now).await?;
                    let cal = match cfg.calendar(d.calendar_id) {
                        Some(cal) => cal.clone(),
                        None => {
                            store::calendar(c, d.calendar_id)
                                .await?
                                .ok_or(StoreError::NotFound)?
                                .calendar
                        }
                    };
                    let mut moved = Vec::new();
                    for mut k in clocks::open_of_policy(c, id).await? {
                        let target = match k.clock.kind {
                            ClockKind::Response => d.targets.first_response,
                            ClockKind::Resolution => d.targets.resolution,
                            ClockKind::Update => d.targets.update_interval,
                            ClockKind::Ola => None,
                        };
                        let Some(target) = target else { continue };
                        let before = k.clock.due_at;
                        k.clock.recompute(target.as_seconds(), d.warn_percent, &cal);
                        k.policy_name = d.name.clone();
                        k.calendar_id = d.calendar_id;
                        moved.push((k, before));
                    }
                    let n = save_recomputed(c, moved, &format!("policy '{}' changed", d.name), now)
                        .await?;
                    rechoose_pinned(c, id, now).await?;
                    let details = json!({"policy": d, "active": active, "clocks_recomputed": n});
                    audit::record(
                        c,
                        Some(actor),
                        "sla_policy.update",
                        "sla_policy",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.sla.clear();
        self.sla_policy(caller, id).await
    }

    /// Deletes a policy (`admin.settings`). Tickets it measured keep their clocks as history;
    /// they are not moved to another policy until a change makes the desk choose again.
    pub async fn delete_sla_policy(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        caller.require(Permission::AdminSettings)?;
        let p = self.sla_policy(caller, id).await?;
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::delete_policy(c, id).await?;
                    store::bump_config_version(c, now).await?;
                    rechoose_pinned(c, id, now).await
                })
            })
            .await?;
        self.sla.clear();
        let details = json!({"name": p.policy.definition.name});
        self.audit_sla(caller, "sla_policy.delete", "sla_policy", id, details)
            .await
    }

    /// Puts the policies in this order: `ids` lists every policy once (`admin.settings`).
    pub async fn reorder_sla_policies(
        &self,
        caller: &Caller,
        ids: Vec<i64>,
    ) -> Result<Vec<StoredPolicy>, AppError> {
        caller.require(Permission::AdminSettings)?;
        let current = self.sla_policies(caller).await?;
        let mut want: Vec<i64> = current.iter().map(|p| p.policy.id).collect();
        let mut got = ids.clone();
        want.sort_unstable();
        got.sort_unstable();
        if want != got {
            return Err(AppError::invalid(
                "ids",
                "incomplete_order",
                format!(
                    "list every policy exactly once; the policies are {}",
                    want.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        let now = self.clock.now();
        let order = ids.clone();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::reorder_policies(c, &order, now).await?;
                    store::bump_config_version(c, now).await
                })
            })
            .await?;
        self.sla.clear();
        self.audit_sla(
            caller,
            "sla_policy.reorder",
            "sla_policy",
            0,
            json!({"ids": ids}),
        )
        .await?;
        self.sla_policies(caller).await
    }

    /// Every OLA target.
    pub async fn ola_targets(&self, caller: &Caller) -> Result<Vec<StoredOla>, AppError> {
        self.require_sla_reader(caller)?;
        let mut c = self.store.read().await?;
        Ok(store::olas(&mut c).await?)
    }

    /// One OLA target.
    pub async fn ola_target(&self, caller: &Caller, id: i64) -> Result<StoredOla, AppError> {
        self.require_sla_reader(caller)?;
        let mut c = self.store.read().await?;
        store::ola(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("OLA target"))
    }

    async fn check_ola_refs(&self, d: &OlaDefinition) -> Result<(), AppError> {
        let mut c = self.store.read().await?;
        self.check_calendar_ref(&mut c, d.calendar_id).await?;
        if let Some(g) = d.group_id {
            let group = directory::group(&mut c, GroupId(g)).await?.ok_or_else(|| {
                AppError::invalid("group_id", "unknown", format!("there is no group {g}"))
            })?;
            if group.level != d.level.get() {
                return Err(AppError::invalid(
                    "group_id",
                    "level_mismatch",
                    format!(
                        "the group '{}' works at level {}, not {}",
                        group.name, group.level, d.level
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Creates an OLA target (`admin.settings`).
    pub async fn create_ola_target(
        &self,
        caller: &Caller,
        mut d: OlaDefinition,
        active: bool,
    ) -> Result<StoredOla, AppError> {
        caller.require(Permission::AdminSettings)?;
        d.validate()?;
        self.check_ola_refs(&d).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_ola(c, &d, active, now).await?;
                    store::bump_config_version(c, now).await?;
                    let details = json!({"ola": d, "active": active});
                    audit::record(
                        c,
                        Some(actor),
                        "ola_target.create",
                        "ola_target",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await?;
                    Ok(id)
                })
            })
            .await?;
        self.sla.clear();
        self.ola_target(caller, id).await
    }

    /// Replaces an OLA target (`admin.settings`); clocks already running keep their target.
    pub async fn update_ola_target(
        &self,
        caller: &Caller,
        id: i64,
        mut d: OlaDefinition,
        active: bool,
    ) -> Result<StoredOla, AppError> {
        caller.require(Permission::AdminSettings)?;
        d.validate()?;
        self.ola_target(caller, id).await?;
        self.check_ola_refs(&d).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_ola(c, id, &d, active, now).await?;
                    store::bump_config_version(c, now).await?;
                    let details = json!({"ola": d, "active": active});
                    audit::record(
                        c,
                        Some(actor),
                        "ola_target.update",
                        "ola_target",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.sla.clear();
        self.ola_target(caller, id).await
    }

    /// Deletes an OLA target (`admin.settings`); its clocks stay as history.
    pub async fn delete_ola_target(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        caller.require(Permission::AdminSettings)?;
        self.ola_target(caller, id).await?;
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::delete_ola(c, id).await?;
                    store::bump_config_version(c, now).await
                })
            })
            .await?;
        self.sla.clear();
        self.audit_sla(caller, "ola_target.delete", "ola_target", id, json!({}))
            .await
    }
}
