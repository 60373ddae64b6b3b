//! The permission model: permissions name operations, roles bundle them, and each role a user
//! holds comes with a data scope (own, department, group, all). Every decision carries its
//! explanation (which role, which scope, which rule decided) so that an administrator can ask
//! why a given user can or cannot see or change a given ticket.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::ids::{DepartmentId, GroupId, UserId};

/// Declares the permission vocabulary with its text names.
macro_rules! permissions {
    ($($(#[$doc:meta])* $variant:ident => $text:literal),+ $(,)?) => {
        /// An operation a role may grant.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum Permission {
            $($(#[$doc])* #[serde(rename = $text)] $variant),+
        }

        impl Permission {
            /// Every permission.
            pub const ALL: &'static [Permission] = &[$(Permission::$variant),+];

            /// Dotted text name, e.g. `ticket.read`.
            pub fn as_str(self) -> &'static str {
                match self { $(Permission::$variant => $text),+ }
            }

            /// Parses the dotted name.
            pub fn parse(s: &str) -> Result<Self, DomainError> {
                match s {
                    $($text => Ok(Permission::$variant),)+
                    _ => Err(DomainError::invalid("permissions", "unknown_permission", format!("'{s}' is not a permission"))),
                }
            }
        }
    };
}

permissions! {
    /// Open a ticket for oneself.
    TicketCreate => "ticket.create",
    /// Open a ticket on behalf of another requester (phone, walk-in).
    TicketCreateForOthers => "ticket.create_for_others",
    /// Read tickets within scope.
    TicketRead => "ticket.read",
    /// Read internal notes and escalation summaries.
    TicketReadInternal => "ticket.read_internal",
    /// Add a public reply.
    TicketReply => "ticket.reply",
    /// Add an internal note or log a phone call.
    TicketNote => "ticket.note",
    /// Change status, priority, category and other fields.
    TicketUpdate => "ticket.update",
    /// Change group, assignee or level.
    TicketAssign => "ticket.assign",
    /// Escalate to another level or group, and take escalated tickets.
    TicketEscalate => "ticket.escalate",
    /// Confirm or reopen one's own resolved ticket.
    TicketConfirm => "ticket.confirm",
    /// Manage users and their roles.
    AdminUsers => "admin.users",
    /// Manage groups and memberships.
    AdminGroups => "admin.groups",
    /// Manage departments.
    AdminDepartments => "admin.departments",
    /// Manage the category tree.
    AdminCategories => "admin.categories",
    /// Manage roles and their permissions.
    AdminRoles => "admin.roles",
    /// Manage settings such as the priority matrix.
    AdminSettings => "admin.settings",
    /// Read the audit trail and permission explanations.
    AuditRead => "audit.read",
    /// View reports and KPIs.
    ReportView => "report.view",
    /// Read internal knowledge articles, and articles not (or no longer) published.
    KbReadInternal => "kb.read_internal",
    /// Create and edit draft articles and translations, submit them for review, revive.
    KbWrite => "kb.write",
    /// Approve and publish articles, send them back, archive, and edit published ones.
    KbPublish => "kb.publish",
}

/// How far a role's permissions reach over tickets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Tickets the user requested, watches or is assigned.
    Own,
    /// Plus tickets of the user's department.
    Department,
    /// Plus tickets of the user's groups.
    Group,
    /// Every ticket.
    All,
}

impl Scope {
    /// Text form.
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Own => "own",
            Scope::Department => "department",
            Scope::Group => "group",
            Scope::All => "all",
        }
    }

    /// Parses the text form.
    pub fn parse(s: &str) -> Result<Self, DomainError> {
        match s {
            "own" => Ok(Scope::Own),
            "department" => Ok(Scope::Department),
            "group" => Ok(Scope::Group),
            "all" => Ok(Scope::All),
            _ => Err(DomainError::invalid(
                "scope",
                "unknown_value",
                format!("'{s}' is not one of: own, department, group, all"),
            )),
        }
    }
}

/// One role held by a user, with the scope it was granted at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    /// The role's name, for explanations.
    pub role: String,
    /// What the role allows.
    pub permissions: Vec<Permission>,
    /// How far it reaches.
    pub scope: Scope,
}

/// The person acting, with everything decisions need to know about them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Who.
    pub user: UserId,
    /// Their department.
    pub department: Option<DepartmentId>,
    /// The groups they belong to.
    pub groups: Vec<GroupId>,
    /// Whether one of their groups is the security team.
    pub security_team: bool,
    /// Whether the account is enabled.
    pub active: bool,
    /// Their roles.
    pub grants: Vec<Grant>,
}

/// What decisions need to know about a ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketFacts {
    /// Who asked.
    pub requester: UserId,
    /// The requester's department.
    pub department: Option<DepartmentId>,
    /// Responsible group.
    pub group: Option<GroupId>,
    /// Responsible agent.
    pub assignee: Option<UserId>,
    /// Watchers.
    pub watchers: Vec<UserId>,
    /// Whether the ticket is in a security category.
    pub security: bool,
}

/// Why one grant did or did not decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GrantCheck {
    /// Role name.
    pub role: String,
    /// Scope it was granted at.
    pub scope: Scope,
    /// Whether the role includes the permission asked for.
    pub has_permission: bool,
    /// Whether the ticket falls within the scope (absent for non-ticket permissions).
    pub in_scope: Option<bool>,
    /// A sentence.
    pub note: String,
}

/// A permission decision with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Allowed or not.
    pub allowed: bool,
    /// The permission asked about.
    pub permission: Permission,
    /// The stable name of the rule that decided.
    pub rule: &'static str,
    /// The role that allowed it, if any.
    pub role: Option<String>,
    /// The scope through which it was allowed.
    pub scope: Option<Scope>,
    /// A sentence for the administrator.
    pub reason: String,
    /// Every role considered, in order.
    pub checks: Vec<GrantCheck>,
}

/// How a ticket relates to the actor, for scope matching and explanations.
fn relation(actor: &Actor, t: &TicketFacts) -> Option<&'static str> {
    if t.requester == actor.user {
        Some("they requested it")
    } else if t.assignee == Some(actor.user) {
        Some("it is assigned to them")
    } else if t.watchers.contains(&actor.user) {
        Some("they watch it")
    } else {
        None
    }
}

fn in_scope(actor: &Actor, scope: Scope, t: &TicketFacts) -> (bool, String) {
    if let Some(why) = relation(actor, t) {
        return (true, format!("the ticket is theirs: {why}"));
    }
    match scope {
        Scope::Own => (
            false,
            "the ticket is not theirs (not requester, assignee or watcher)".into(),
        ),
        Scope::Department => match (actor.department, t.department) {
            (Some(a), Some(b)) if a == b => {
                (true, format!("the ticket belongs to their department {a}"))
            }
            _ => (false, "the ticket is not of their department".into()),
        },
        Scope::Group => match t.group {
            Some(g) if actor.groups.contains(&g) => {
                (true, format!("the ticket is in their group {g}"))
            }
            _ => (false, "the ticket is not in one of their groups".into()),
        },
        Scope::All => (true, "the scope covers all tickets".into()),
    }
}

/// Decides whether `actor` may use `permission`, on `ticket` when the permission concerns one.
pub fn decide(actor: &Actor, permission: Permission, ticket: Option<&TicketFacts>) -> Decision {
    let mut d = Decision {
        allowed: false,
        permission,
        rule: "no_role_grants_permission",
        role: None,
        scope: None,
        reason: String::new(),
        checks: Vec::new(),
    };
    if !actor.active {
        d.rule = "user_disabled";
        d.reason = "the account is disabled".into();
        return d;
    }
    if let Some(t) = ticket
        && t.security
        && !actor.security_team
        && relation(actor, t).is_none()
    {
        d.rule = "security_team_only";
        d.reason = "the ticket is in a security category, visible only to the security team and to the people it concerns".into();
        return d;
    }
    let mut any_permission = false;
    for g in &actor.grants {
        let has = g.permissions.contains(&permission);
        any_permission |= has;
        let (scope_ok, note) = match ticket {
            Some(t) => {
                let (ok, why) = in_scope(actor, g.scope, t);
                (Some(ok), why)
            }
            None => (None, String::new()),
        };
        let note = if !has {
            format!("role '{}' does not include {}", g.role, permission.as_str())
        } else if note.is_empty() {
            format!("role '{}' includes {}", g.role, permission.as_str())
        } else {
            format!(
                "role '{}' includes {} at scope {}: {}",
                g.role,
                permission.as_str(),
                g.scope.as_str(),
                note
            )
        };
        d.checks.push(GrantCheck {
            role: g.role.clone(),
            scope: g.scope,
            has_permission: has,
            in_scope: scope_ok,
            note,
        });
        if has && scope_ok != Some(false) && !d.allowed {
            d.allowed = true;
            d.rule = "role_grants_permission";
            d.role = Some(g.role.clone());
            d.scope = Some(g.scope);
        }
    }
    if d.allowed {
        let role = d.role.clone().unwrap_or_default();
        let scope = d.scope.map(Scope::as_str).unwrap_or("");
        d.reason = match ticket {
            Some(_) => format!("allowed by role '{role}' at scope {scope}"),
            None => format!("allowed by role '{role}'"),
        };
    } else if any_permission {
        d.rule = "out_of_scope";
        d.reason = format!(
            "a role includes {} but the ticket is outside its scope",
            permission.as_str()
        );
    } else {
        d.reason = format!("no role of this user includes {}", permission.as_str());
    }
    d
}

impl Actor {
    /// Whether the actor holds the permission at any scope.
    pub fn has(&self, permission: Permission) -> bool {
        self.active
            && self
                .grants
                .iter()
                .any(|g| g.permissions.contains(&permission))
    }

    /// The widest scope at which the actor holds the permission.
    pub fn widest_scope(&self, permission: Permission) -> Option<Scope> {
        if !self.active {
            return None;
        }
        self.grants
            .iter()
            .filter(|g| g.permissions.contains(&permission))
            .map(|g| g.scope)
            .max()
    }

    /// The first permission of `grant` the actor could not hand out: one they do not hold,
    /// or hold only at a narrower scope than the grant's. Managing people and roles must
    /// never let someone give more than they have, or they could give it to themselves.
    pub fn beyond_own(&self, grant: &Grant) -> Option<Permission> {
        grant
            .permissions
            .iter()
            .copied()
            .find(|p| self.widest_scope(*p).is_none_or(|mine| mine < grant.scope))
    }

    /// The set of tickets the actor may read, as a filter the store turns into SQL.
    pub fn ticket_visibility(&self) -> Visibility {
        self.visibility_for(Permission::TicketRead)
    }

    /// The set of tickets on which the actor holds `permission` (e.g. reading internal notes),
    /// as a filter: the same rules as [`decide`] for that permission.
    pub fn visibility_for(&self, permission: Permission) -> Visibility {
        let mut v = Visibility {
            user: self.user,
            all: false,
            departments: Vec::new(),
            groups: Vec::new(),
            security_team: self.security_team,
            none: !self.active,
        };
        for g in self
            .grants
            .iter()
            .filter(|g| g.permissions.contains(&permission))
        {
            match g.scope {
                Scope::Own => {}
                Scope::Department => v.departments.extend(self.department),
                Scope::Group => v.groups.extend(self.groups.iter().copied()),
                Scope::All => v.all = true,
            }
        }
        if !self.has(permission) {
            v.none = true;
        }
        v.departments.sort();
        v.departments.dedup();
        v.groups.sort();
        v.groups.dedup();
        v
    }
}

/// Which tickets an actor may read, in a form a query can use: the same rules as [`decide`]
/// for [`Permission::TicketRead`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visibility {
    /// The actor; their own tickets are always visible when they may read at all.
    pub user: UserId,
    /// Every ticket.
    pub all: bool,
    /// Tickets of these departments.
    pub departments: Vec<DepartmentId>,
    /// Tickets of these groups.
    pub groups: Vec<GroupId>,
    /// Whether security tickets are visible beyond the actor's own.
    pub security_team: bool,
    /// Nothing at all.
    pub none: bool,
}

impl Visibility {
    /// Whether a ticket passes the filter; the store's SQL must agree with this.
    pub fn admits(&self, t: &TicketFacts) -> bool {
        if self.none {
            return false;
        }
        let own = t.requester == self.user
            || t.assignee == Some(self.user)
            || t.watchers.contains(&self.user);
        if own {
            return true;
        }
        if t.security && !self.security_team {
            return false;
        }
        self.all
            || t.department.is_some_and(|d| self.departments.contains(&d))
            || t.group.is_some_and(|g| self.groups.contains(&g))
    }
}

#[cfg(test)]
mod tests;
