//! Managing the SLA configuration: business calendars, the group leads that SLA notifications
//! reach, the one-time seeding of the defaults, and what policy management (`policies`)
//! shares. Reading needs to be an agent (`ticket.read_internal`) or an administrator; changing
//! needs `admin.settings` (group leads: `admin.groups`). Every change is audited, refused input
//! changes nothing, and a change of a calendar or policy recomputes the clocks still running on
//! it (journaled per ticket).

use chrono::{DateTime, Utc};
use escalade_core::authz::Permission;
use escalade_core::calendar::Calendar;
use escalade_core::ids::{GroupId, UserId};
use escalade_core::people::UserKind;
use escalade_core::sla::{default_calendars, default_policies};
use escalade_store::clocks::{self, StoredClock};
use escalade_store::sla::{self as store, StoredCalendar};
use escalade_store::{Conn, StoreError, audit, directory};
use serde_json::json;

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
pub(super) async fn save_recomputed(
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
    pub(super) fn require_sla_reader(&self, caller: &Caller) -> Result<(), AppError> {
        if caller.has(Permission::AdminSettings) || caller.has(Permission::TicketReadInternal) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                Permission::AdminSettings.as_str(),
                "only agents and administrators read SLA calendars and policies",
            ))
        }
    }

    pub(super) async fn audit_sla(
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
                    store::bump_config_version(c, now).await?;
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
                    store::bump_config_version(c, now).await?;
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
        let now = self.clock.now();
        self.store
            .write(move |c| {
                Box::pin(async move {
                    store::delete_calendar(c, id).await?;
                    store::bump_config_version(c, now).await
                })
            })
            .await?;
        self.sla.clear();
        self.audit_sla(caller, "calendar.delete", "calendar", id, json!({}))
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
                    store::bump_config_version(c, now).await?;
                    Ok(true)
                })
            })
            .await?;
        self.sla.clear();
        Ok(seeded)
    }
}
