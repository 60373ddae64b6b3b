//! Permission explanations: why a given user can or cannot see or change a given ticket, for
//! administrators and auditors.

use escalade_core::authz::{Decision, Permission, TicketFacts, decide};
use escalade_core::ids::UserId;
use escalade_store::{directory, tickets as ticket_store};
use serde::Serialize;

use crate::App;
use crate::caller::Caller;
use crate::error::AppError;
use crate::tickets::parse_number;

/// The answer to "why can (or can't) this user do that on this ticket".
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// The user asked about.
    pub user_id: i64,
    /// Their login.
    pub login: String,
    /// The ticket asked about.
    pub ticket: Option<String>,
    /// Roles with their scope.
    pub roles: Vec<escalade_core::authz::Grant>,
    /// Group ids.
    pub groups: Vec<i64>,
    /// Whether a security-team member.
    pub security_team: bool,
    /// One decision per permission asked.
    pub decisions: Vec<Decision>,
}

/// The ticket permissions explained when none is named.
const TICKET_PERMISSIONS: &[Permission] = &[
    Permission::TicketRead,
    Permission::TicketReadInternal,
    Permission::TicketReply,
    Permission::TicketNote,
    Permission::TicketUpdate,
    Permission::TicketAssign,
    Permission::TicketEscalate,
    Permission::TicketConfirm,
];

impl App {
    /// Explains decisions for `user` (by id or login) on `ticket` (a number), for one
    /// permission or for every ticket permission. Needs `audit.read` or `admin.users`.
    pub async fn explain(
        &self,
        caller: &Caller,
        user: &str,
        ticket: Option<&str>,
        permission: Option<Permission>,
    ) -> Result<Explanation, AppError> {
        if !caller.has(Permission::AuditRead) {
            caller.require(Permission::AdminUsers)?;
        }
        self.explain_for_operator(user, ticket, permission).await
    }

    /// The same explanation for the server's operator at the command line, who holds the
    /// database itself and needs no permission.
    pub async fn explain_for_operator(
        &self,
        user: &str,
        ticket: Option<&str>,
        permission: Option<Permission>,
    ) -> Result<Explanation, AppError> {
        let mut c = self.store.read().await?;
        let row = match user.parse::<i64>() {
            Ok(id) => directory::user(&mut c, UserId(id)).await?,
            Err(_) => directory::user_by_login(&mut c, user).await?,
        }
        .ok_or(AppError::NotFound("user"))?;
        let subject = Caller::from_row(&mut c, row).await?;
        let facts = match ticket {
            Some(n) => {
                let id = parse_number(n)?.id();
                let t = ticket_store::get(&mut c, id)
                    .await?
                    .ok_or(AppError::NotFound("ticket"))?;
                let watchers = ticket_store::watchers(&mut c, id).await?;
                let security = ticket_store::is_security(&mut c, id).await?;
                Some((
                    t.number().to_string(),
                    TicketFacts {
                        requester: t.requester,
                        department: t.department,
                        group: t.group,
                        assignee: t.assignee,
                        watchers,
                        security,
                    },
                ))
            }
            None => None,
        };
        let perms: Vec<Permission> = match permission {
            Some(p) => vec![p],
            None if facts.is_some() => TICKET_PERMISSIONS.to_vec(),
            None => Permission::ALL.to_vec(),
        };
        let decisions = perms
            .into_iter()
            .map(|p| decide(&subject.actor, p, facts.as_ref().map(|f| &f.1)))
            .collect();
        Ok(Explanation {
            user_id: subject.user.id,
            login: subject.user.login.clone(),
            ticket: facts.map(|f| f.0),
            roles: subject.actor.grants.clone(),
            groups: subject.actor.groups.iter().map(|g| g.0).collect(),
            security_team: subject.actor.security_team,
            decisions,
        })
    }
}
