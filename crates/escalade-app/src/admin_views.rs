//! Reads the administration pages need that the directory and admin services do not offer:
//! the audit log searched by action and object with its actors' names (`audit.read`), and a
//! group's roster with the agents who could join it (`admin.groups`). Someone who may manage
//! groups needs to see who is in them without also holding `admin.users`.

use escalade_core::authz::Permission;
use escalade_core::ids::GroupId;
use escalade_store::admin_views::{self as views, AuditFilter, AuditView};
use escalade_store::directory::{self as store, GroupRow, UserRow};

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;

/// How many agents a group's "add a member" list offers at most.
pub const AGENT_CHOICES: i64 = 1000;

impl App {
    /// The audit log filtered, newest first, paged, with who made each change (`audit.read`).
    pub async fn audit_search(
        &self,
        caller: &Caller,
        filter: &AuditFilter,
        page: i64,
        per_page: i64,
    ) -> Result<(Vec<AuditView>, i64), AppError> {
        caller.require(Permission::AuditRead)?;
        let mut c = self.store.read().await?;
        Ok(views::audit(&mut c, filter, page, per_page).await?)
    }

    /// The actions and kinds of object found in the audit log, for its filters (`audit.read`).
    pub async fn audit_vocabulary(
        &self,
        caller: &Caller,
    ) -> Result<(Vec<String>, Vec<String>), AppError> {
        caller.require(Permission::AuditRead)?;
        let mut c = self.store.read().await?;
        Ok(views::audit_vocabulary(&mut c).await?)
    }

    /// A group with its members as people (`admin.groups`).
    pub async fn group_roster(
        &self,
        caller: &Caller,
        id: GroupId,
    ) -> Result<(GroupRow, Vec<UserRow>), AppError> {
        caller.require(Permission::AdminGroups)?;
        let mut c = self.store.read().await?;
        let g = store::group(&mut c, id)
            .await?
            .ok_or(AppError::NotFound("group"))?;
        let members = views::group_members(&mut c, id).await?;
        Ok((g, members))
    }

    /// Enabled agents who may be added to groups (`admin.groups`), at most [`AGENT_CHOICES`].
    pub async fn agents_to_join(&self, caller: &Caller) -> Result<Vec<UserRow>, AppError> {
        caller.require(Permission::AdminGroups)?;
        let mut c = self.store.read().await?;
        Ok(views::active_agents(&mut c, AGENT_CHOICES).await?)
    }
}
