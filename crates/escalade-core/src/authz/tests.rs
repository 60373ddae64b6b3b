//! Scope and explanation tests for the permission model.

use super::*;

fn grant(role: &str, perms: &[Permission], scope: Scope) -> Grant {
    Grant {
        role: role.into(),
        permissions: perms.to_vec(),
        scope,
    }
}

fn requester(user: i64, dept: i64) -> Actor {
    Actor {
        user: UserId(user),
        department: Some(DepartmentId(dept)),
        groups: vec![],
        security_team: false,
        active: true,
        grants: vec![grant(
            "requester",
            &[
                Permission::TicketCreate,
                Permission::TicketRead,
                Permission::TicketReply,
            ],
            Scope::Own,
        )],
    }
}

fn agent(user: i64, groups: &[i64], scope: Scope) -> Actor {
    Actor {
        user: UserId(user),
        department: Some(DepartmentId(100)),
        groups: groups.iter().map(|g| GroupId(*g)).collect(),
        security_team: false,
        active: true,
        grants: vec![grant(
            "agent",
            &[
                Permission::TicketRead,
                Permission::TicketReadInternal,
                Permission::TicketReply,
                Permission::TicketUpdate,
            ],
            scope,
        )],
    }
}

fn ticket(requester: i64, dept: i64, group: Option<i64>) -> TicketFacts {
    TicketFacts {
        requester: UserId(requester),
        department: Some(DepartmentId(dept)),
        group: group.map(GroupId),
        assignee: None,
        watchers: vec![],
        security: false,
    }
}

#[test]
fn requester_sees_own_not_others() {
    let anna = requester(1, 10);
    let own = decide(&anna, Permission::TicketRead, Some(&ticket(1, 10, None)));
    assert!(own.allowed);
    assert_eq!(own.role.as_deref(), Some("requester"));
    let other = decide(&anna, Permission::TicketRead, Some(&ticket(2, 10, None)));
    assert!(!other.allowed);
    assert_eq!(other.rule, "out_of_scope");
    assert!(
        !decide(
            &anna,
            Permission::TicketReadInternal,
            Some(&ticket(1, 10, None))
        )
        .allowed
    );
}

#[test]
fn department_scope_reaches_colleagues_only() {
    let mut boss = requester(1, 10);
    boss.grants[0].scope = Scope::Department;
    assert!(decide(&boss, Permission::TicketRead, Some(&ticket(2, 10, None))).allowed);
    let d = decide(&boss, Permission::TicketRead, Some(&ticket(3, 11, None)));
    assert!(!d.allowed);
    assert_eq!(d.checks.len(), 1);
    assert_eq!(d.checks[0].in_scope, Some(false));
}

#[test]
fn group_and_all_scopes() {
    let a = agent(5, &[7], Scope::Group);
    assert!(decide(&a, Permission::TicketUpdate, Some(&ticket(1, 10, Some(7)))).allowed);
    assert!(!decide(&a, Permission::TicketUpdate, Some(&ticket(1, 10, Some(8)))).allowed);
    let all = agent(6, &[], Scope::All);
    assert!(
        decide(
            &all,
            Permission::TicketUpdate,
            Some(&ticket(1, 10, Some(8)))
        )
        .allowed
    );
    let mut assigned = ticket(1, 10, Some(8));
    assigned.assignee = Some(UserId(5));
    assert!(
        decide(&a, Permission::TicketUpdate, Some(&assigned)).allowed,
        "own by assignment"
    );
}

#[test]
fn missing_permission_and_disabled_user_name_their_rule() {
    let a = agent(5, &[7], Scope::All);
    let d = decide(&a, Permission::AdminUsers, None);
    assert!(!d.allowed);
    assert_eq!(d.rule, "no_role_grants_permission");
    let mut off = a.clone();
    off.active = false;
    assert_eq!(
        decide(&off, Permission::TicketRead, Some(&ticket(1, 1, None))).rule,
        "user_disabled"
    );
    assert!(off.ticket_visibility().none);
}

#[test]
fn security_tickets_only_for_security_team_and_requester() {
    let mut t = ticket(1, 10, Some(7));
    t.security = true;
    let a = agent(5, &[7], Scope::All);
    let d = decide(&a, Permission::TicketRead, Some(&t));
    assert_eq!(d.rule, "security_team_only");
    let mut sec = a.clone();
    sec.security_team = true;
    assert!(decide(&sec, Permission::TicketRead, Some(&t)).allowed);
    assert!(decide(&requester(1, 10), Permission::TicketRead, Some(&t)).allowed);
}

#[test]
fn visibility_agrees_with_decide() {
    let actors = [
        requester(1, 10),
        {
            let mut b = requester(2, 10);
            b.grants[0].scope = Scope::Department;
            b
        },
        agent(5, &[7], Scope::Group),
        agent(6, &[], Scope::All),
        {
            let mut s = agent(8, &[7], Scope::All);
            s.security_team = true;
            s
        },
    ];
    let mut tickets = Vec::new();
    for req in [1, 2, 3] {
        for dept in [10, 11] {
            for group in [None, Some(7), Some(9)] {
                for security in [false, true] {
                    for assignee in [None, Some(5)] {
                        let mut t = ticket(req, dept, group);
                        t.security = security;
                        t.assignee = assignee.map(UserId);
                        tickets.push(t);
                    }
                }
            }
        }
    }
    for a in &actors {
        let v = a.ticket_visibility();
        for t in &tickets {
            assert_eq!(
                v.admits(t),
                decide(a, Permission::TicketRead, Some(t)).allowed,
                "{a:?} {t:?}"
            );
        }
    }
}

#[test]
fn names_round_trip() {
    for p in Permission::ALL {
        assert_eq!(Permission::parse(p.as_str()).unwrap(), *p);
    }
    assert!(Permission::parse("ticket.fly").is_err());
    for s in ["own", "department", "group", "all"] {
        assert_eq!(Scope::parse(s).unwrap().as_str(), s);
    }
}

#[test]
fn nobody_hands_out_more_than_they_hold() {
    let mut lead = agent(7, &[1], Scope::Group);
    lead.grants
        .push(grant("user manager", &[Permission::AdminUsers], Scope::All));
    let same = grant("agent", &[Permission::TicketRead], Scope::Group);
    assert_eq!(lead.beyond_own(&same), None);
    let narrower = grant("agent", &[Permission::TicketReply], Scope::Own);
    assert_eq!(lead.beyond_own(&narrower), None);
    let wider = grant("agent", &[Permission::TicketRead], Scope::All);
    assert_eq!(lead.beyond_own(&wider), Some(Permission::TicketRead));
    let admin = grant(
        "administrator",
        &[Permission::AdminUsers, Permission::AdminRoles],
        Scope::All,
    );
    assert_eq!(lead.beyond_own(&admin), Some(Permission::AdminRoles));
    lead.active = false;
    assert_eq!(lead.beyond_own(&same), Some(Permission::TicketRead));
}
