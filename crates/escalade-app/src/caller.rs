//! The caller: who is asking, with their roles, groups and department loaded once per request
//! so that every permission decision is made on the same facts.

use escalade_core::authz::{Actor, Decision, Permission, TicketFacts, decide};
use escalade_core::ids::{DepartmentId, GroupId, UserId};
use escalade_core::people::{Language, UserKind};
use escalade_store::directory::{self, UserRow};
use escalade_store::{Conn, roles};

use crate::error::AppError;

/// An authenticated person and what they may do.
#[derive(Debug, Clone)]
pub struct Caller {
    /// Their user record.
    pub user: UserRow,
    /// Roles, scopes, groups, as the permission model sees them.
    pub actor: Actor,
}

impl Caller {
    /// Loads the caller with this user id; a disabled or unknown user cannot act.
    pub async fn load(c: &mut Conn, id: UserId) -> Result<Caller, AppError> {
        let user = directory::user(c, id)
            .await?
            .ok_or_else(|| AppError::Unauthenticated("unknown user".into()))?;
        if !user.active {
            return Err(AppError::Unauthenticated("this account is disabled".into()));
        }
        Self::from_row(c, user).await
    }

    /// Loads the permission facts of a user row (active or not: explanations need both).
    pub async fn from_row(c: &mut Conn, user: UserRow) -> Result<Caller, AppError> {
        let id = UserId(user.id);
        let grants = roles::grants_of(c, id).await?;
        let groups = directory::groups_of(c, id).await?;
        let actor = Actor {
            user: id,
            department: user.department_id.map(DepartmentId),
            security_team: groups.iter().any(|g| g.security_team),
            groups: groups.iter().map(|g| GroupId(g.id)).collect(),
            active: user.active,
            grants,
        };
        Ok(Caller { user, actor })
    }

    /// The caller's id.
    pub fn id(&self) -> UserId {
        UserId(self.user.id)
    }

    /// Whether they are an agent.
    pub fn is_agent(&self) -> bool {
        self.user.kind == UserKind::Agent.as_str()
    }

    /// Their language.
    pub fn language(&self) -> Language {
        Language::parse(&self.user.language).unwrap_or_default()
    }

    /// Whether they hold a permission at any scope.
    pub fn has(&self, p: Permission) -> bool {
        self.actor.has(p)
    }

    /// Requires a permission that does not concern one ticket.
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        if self.has(p) {
            Ok(())
        } else {
            Err(AppError::forbidden(
                p.as_str(),
                format!("this needs the permission {}", p.as_str()),
            ))
        }
    }

    /// The decision for a permission on a ticket.
    pub fn decide(&self, p: Permission, t: &TicketFacts) -> Decision {
        decide(&self.actor, p, Some(t))
    }
}
