//! Managing the SLA configuration: business calendars, SLA policies and their order, OLA
//! targets, and the group leads that SLA notifications reach. Reading needs to be an agent
//! (`ticket.read_internal`) or an administrator; changing needs `admin.settings` (group leads:
//! `admin.groups`). Every change is audited, refused input changes nothing, and a change of a
//! calendar or policy recomputes the clocks still running on it (journaled per ticket).

use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::calendar::Calendar;
use escalade_core::ids::{GroupId, UserId};
use escalade_core::people::UserKind;
use escalade_core::sla::{OlaDefinition, PolicyDefinition, default_calendars, default_policies};
use escalade_store::clocks::{self, StoredClock};
use escalade_store::sla::{self as store, StoredCalendar, StoredOla, StoredPolicy};
use escalade_store::{Conn, StoreError, audit, directory};
use serde_json::json;

use super::SlaConfig;
use super::ticket_clocks::system_note;
use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

fn due_text(d: Option<DateTime<Utc>>) -> String {
    d.map_or("none".into(), |d| {
        d.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    })
}

/// Saves recomputed clocks and tells each ticket's journal what moved and why.
async fn save_recomputed(
    c: &mut Conn,
    moved: Vec<(StoredClock, Option<DateTime<Utc>>)>,
    why: &str,
    now: DateTime<Utc>,
) -> Result<usize, StoreError> {
    let n = moved.len();
    for (k, before) in moved {
        clocks::save(c, &k, now).await?;
        if before != k.clock.due_at {
            let body = format!(
                "SLA recomputed: {why}. {} due {} -> {}.",
                k.clock.kind.label(),
                due_text(before),
                due_text(k.clock.due_at)
            );
            let data = json!({
                "event": "recomputed", "reason": why,
                "clocks": [{"kind": k.clock.kind.as_str(), "due_before": before, "due_after": k.clock.due_at}],
            });
            system_note(c, k.ticket, body, data, now).await?;
        }
    }
    Ok(n)
}

impl App {
    fn require_sla_reader(&self, caller: &Caller) -> Result<(), AppError> {
        if caller.has(Permission::AdminSettings) || caller.has(Permission::TicketReadInternal) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                Permission::AdminSettings.as_str(),
                "only agents and administrators read SLA calendars and policies",
            ))
        }
    }

    async fn audit_sla(
        &self,
        caller: &Caller,
        action: &'static str,
        object: &'static str,
        id: i64,
        details: serde_json::Value,
    ) -> Result<(), AppError> {
        let (actor, now) = (caller.id(), self.clock.now());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    audit::record(
                        c,
                        Some(actor),
                        action,
                        object,
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(())
    }

    /// Every calendar.
    pub async fn calendars(&self, caller: &Caller) -> Result<Vec<StoredCalendar>, AppError> {
        self.require_sla_reader(caller)?;
        let mut c = self.store.read().await?;
        Ok(store::calendars(&mut c).await?)
    }

    /// One calendar.
    pub async fn calendar(&self, caller: &Caller, id: i64) -> Result<StoredCalendar, AppError> {
        self.require_sla_reader(caller)?;
        let mut c = self.store.read().await?;
        store::calendar(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("calendar"))
    }

    fn check_calendar(cal: &Calendar) -> Result<(), AppError> {
        if cal.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(AppError::invalid(
                "name",
                "required",
                "a calendar needs a name",
            ));
        }
        cal.validate()?;
        Ok(())
    }

    /// Creates a calendar (`admin.settings`).
    pub async fn create_calendar(
        &self,
        caller: &Caller,
        mut cal: Calendar,
    ) -> Result<StoredCalendar, AppError> {
        caller.require(Permission::AdminSettings)?;
        Self::check_calendar(&cal)?;
        cal.name = cal.name.map(|n| n.trim().to_string());
        let (now, actor) = (self.clock.now(), caller.id());
        let id = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    let id = store::create_calendar(c, &cal, now).await?;
                    let details = json!({"calendar": cal});
                    audit::record(
                        c,
                        Some(actor),
                        "calendar.create",
                        "calendar",
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
        self.calendar(caller, id).await
    }

    /// Replaces a calendar (`admin.settings`); the clocks still running on it are recomputed.
    pub async fn update_calendar(
        &self,
        caller: &Caller,
        id: i64,
        mut cal: Calendar,
    ) -> Result<StoredCalendar, AppError> {
        caller.require(Permission::AdminSettings)?;
        Self::check_calendar(&cal)?;
        cal.name = cal.name.map(|n| n.trim().to_string());
        self.calendar(caller, id).await?;
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::update_calendar(c, id, &cal, now).await?;
                    let mut moved = Vec::new();
                    for mut k in clocks::open_on_calendar(c, id).await? {
                        let before = k.clock.due_at;
                        let (target, warn) = (k.clock.target_seconds, k.clock.warn_percent);
                        k.clock.recompute(target, warn, &cal);
                        moved.push((k, before));
                    }
                    let why = format!(
                        "calendar '{}' changed",
                        cal.name.clone().unwrap_or_default()
                    );
                    let n = save_recomputed(c, moved, &why, now).await?;
                    let details = json!({"calendar": cal, "clocks_recomputed": n});
                    audit::record(
                        c,
                        Some(actor),
                        "calendar.update",
                        "calendar",
                        &id.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        self.sla.clear();
        self.calendar(caller, id).await
    }

    /// Deletes a calendar that no policy, OLA target or clock uses (`admin.settings`).
    pub async fn delete_calendar(&self, caller: &Caller, id: i64) -> Result<(), AppError> {
        caller.require(Permission::AdminSettings)?;
        let cal = self.calendar(caller, id).await?;
        let (users, clocks_on_it) = {
            let mut c = self.store.read().await?;
            store::calendar_users(&mut c, id).await?
        };
        if !users.is_empty() || clocks_on_it {
            let what = if users.is_empty() {
                "ticket clocks were measured on it (their explanations need it)".to_string()
            } else {
                format!("it is used by {}", users.join(", "))
            };
            return Err(AppError::Conflict {
                code: "calendar_in_use",
                message: format!(
                    "the calendar '{}' cannot be deleted: {what}",
                    cal.calendar.name.unwrap_or_default()
                ),
            });
        }
        self.store
            .write(move |c| Box::pin(async move { store::delete_calendar(c, id).await }))
            .await?;
        self.sla.clear();
        self.audit_sla(caller, "calendar.delete", "calendar", id, json!({}))
            .await
    }

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
                            escalade_core::sla::ClockKind::Response => d.targets.first_response,
                            escalade_core::sla::ClockKind::Resolution => d.targets.resolution,
                            escalade_core::sla::ClockKind::Update => d.targets.update_interval,
                            escalade_core::sla::ClockKind::Ola => None,
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
        self.store
            .write(move |c| Box::pin(async move { store::delete_policy(c, id).await }))
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
            .write(move |c| Box::pin(async move { store::reorder_policies(c, &order, now).await }))
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
        self.store
            .write(move |c| Box::pin(async move { store::delete_ola(c, id).await }))
            .await?;
        self.sla.clear();
        self.audit_sla(caller, "ola_target.delete", "ola_target", id, json!({}))
            .await
    }

    /// Sets (or clears, with `None`) the lead of a group: an active agent (`admin.groups`).
    pub async fn set_group_lead(
        &self,
        caller: &Caller,
        group: GroupId,
        lead: Option<UserId>,
    ) -> Result<Option<UserId>, AppError> {
        caller.require(Permission::AdminGroups)?;
        {
            let mut c = self.store.read().await?;
            directory::group(&mut c, group)
                .await?
                .ok_or(AppError::NotFound("group"))?;
            if let Some(u) = lead {
                let user = directory::user(&mut c, u).await?.ok_or_else(|| {
                    AppError::invalid("user_id", "unknown", format!("there is no user {u}"))
                })?;
                if user.kind != UserKind::Agent.as_str() || !user.active {
                    return Err(AppError::invalid(
                        "user_id",
                        "not_an_agent",
                        format!("'{}' is not an active agent", user.login),
                    ));
                }
            }
        }
        let (now, actor) = (self.clock.now(), caller.id());
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::set_group_lead(c, group.0, lead.map(|u| u.0)).await?;
                    let details = json!({"lead_id": lead.map(|u| u.0)});
                    audit::record(
                        c,
                        Some(actor),
                        "group.set_lead",
                        "group",
                        &group.to_string(),
                        &details,
                        now,
                    )
                    .await
                })
            })
            .await?;
        Ok(lead)
    }

    /// The lead of a group (agents and administrators).
    pub async fn group_lead(
        &self,
        caller: &Caller,
        group: GroupId,
    ) -> Result<Option<UserId>, AppError> {
        self.require_sla_reader(caller)?;
        let mut c = self.store.read().await?;
        match store::group_lead(&mut c, group.0).await {
            Ok(lead) => Ok(lead.map(UserId)),
            Err(StoreError::NotFound) => Err(AppError::NotFound("group")),
            Err(e) => Err(e.into()),
        }
    }

    /// Seeds the default calendars (24x7, and business hours Monday-Friday 09:00-17:00 UTC)
    /// and one policy per priority, once per database: defaults an administrator deleted later
    /// do not come back.
    pub async fn seed_sla_defaults(&self) -> Result<bool, AppError> {
        let now = self.clock.now();
        let seeded = self
            .store
            .write(move |c| {
                Box::pin(async move {
                    if !store::claim_default_seeding(c, now).await? {
                        return Ok(false);
                    }
                    let (always, office) = default_calendars();
                    let always_id = store::create_calendar(c, &always, now).await?;
                    let office_id = store::create_calendar(c, &office, now).await?;
                    for d in default_policies(always_id, office_id) {
                        store::create_policy(c, &d, true, now).await?;
                    }
                    Ok(true)
                })
            })
            .await?;
        self.sla.clear();
        Ok(seeded)
    }
}
