//! The demo's people: departments, support groups per level, named agents (a team lead and
//! about four per level, following the sun across time zones), and about 120 requesters with
//! English, French, Russian and Chinese names; then writing them, their roles and their group
//! memberships to the store.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use escalade_core::authz::Scope;
use escalade_core::ids::{DepartmentId, GroupId, RoleId, UserId};
use escalade_core::people::{Language, UserKind};
use escalade_core::ticket::SupportLevel;
use escalade_store::directory::{self, NewUser};
use escalade_store::{Conn, StoreError, audit, roles};
use rand::rngs::StdRng;

use super::names::{name, zones};
use super::weighted;

/// The departments requesters belong to; the last one is the IT department of the agents.
pub(super) const DEPARTMENTS: [&str; 9] = [
    "Finance",
    "Sales",
    "Human Resources",
    "Engineering",
    "Logistics",
    "Legal",
    "Marketing",
    "Facilities",
    "IT Services",
];
const FINANCE: usize = 0;
const SALES: usize = 1;
const ENGINEERING: usize = 3;
const LOGISTICS: usize = 4;
const MARKETING: usize = 6;
const IT: usize = 8;

/// The support groups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Team {
    ServiceDesk,
    Desktop,
    Network,
    Applications,
    Infrastructure,
    VendorErp,
    Security,
}

impl Team {
    /// Every team, in the order of [`Directory::staff`].
    pub const ALL: [Team; 7] = [
        Team::ServiceDesk,
        Team::Desktop,
        Team::Network,
        Team::Applications,
        Team::Infrastructure,
        Team::VendorErp,
        Team::Security,
    ];

    /// Group name, support level, security team flag.
    pub fn spec(self) -> (&'static str, i64, bool) {
        match self {
            Team::ServiceDesk => ("Service Desk", 0, false),
            Team::Desktop => ("Desktop Support", 1, false),
            Team::Network => ("Network Operations", 1, false),
            Team::Applications => ("Applications", 2, false),
            Team::Infrastructure => ("Infrastructure", 2, false),
            Team::VendorErp => ("Vendor - ERP", 3, false),
            Team::Security => ("Security Team", 2, true),
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The team that handles a category at a support level.
    pub fn for_category(key: &str, level: i64) -> Team {
        match (level, key) {
            (_, "security") => Team::Security,
            (0, _) => Team::ServiceDesk,
            (1, "network" | "performance_optimisation") => Team::Network,
            (1, _) => Team::Desktop,
            (2, "network" | "hardware_failure" | "performance_optimisation" | "other") => {
                Team::Infrastructure
            }
            (2, _) => Team::Applications,
            _ => Team::VendorErp,
        }
    }
}

/// A person to create.
pub(super) struct Person {
    login: String,
    display_name: String,
    /// How replies address them (first name; the full name in Chinese).
    greeting: String,
    kind: UserKind,
    department: Option<usize>,
    language: Language,
    time_zone: &'static str,
    /// Approximate offset from UTC in hours (ignoring daylight saving), for working hours.
    utc_offset: i64,
    vip: bool,
    password: bool,
    role: (&'static str, Scope),
    teams: &'static [Team],
    /// Whether tickets are assigned to them (the team lead dispatches instead).
    works: bool,
    monitoring: bool,
}

impl Person {
    /// Login (checked before writing).
    pub fn login(&self) -> &str {
        &self.login
    }

    /// IANA time zone (checked before writing).
    pub fn time_zone(&self) -> &str {
        self.time_zone
    }
}

/// An agent as the history generator needs them.
pub(super) struct Agent {
    pub id: UserId,
    pub greeting: String,
    pub language: Language,
}

/// A support group and the agents who take its tickets.
pub(super) struct Staff {
    pub id: GroupId,
    pub name: &'static str,
    pub level: SupportLevel,
    pub agents: Vec<Agent>,
}

/// A requester as the history generator needs them.
pub(super) struct Requester {
    pub id: UserId,
    pub department: Option<DepartmentId>,
    pub department_index: Option<usize>,
    pub greeting: String,
    pub utc_offset: i64,
    pub vip: bool,
    pub language: Language,
}

/// Everyone, with their ids, once written.
pub(super) struct Directory {
    pub departments: Vec<DepartmentId>,
    /// People who open tickets.
    pub requesters: Vec<Requester>,
    /// The monitoring system's account, requester of alert tickets.
    pub monitoring: Requester,
    /// Indexed like [`Team::ALL`].
    pub staff: Vec<Staff>,
    pub lead: Agent,
    pub agents: usize,
}

impl Directory {
    /// The group of a team.
    pub fn staff(&self, team: Team) -> &Staff {
        &self.staff[team.index()]
    }

    /// The requesters of a department.
    pub fn colleagues(&self, department: usize) -> impl Iterator<Item = &Requester> {
        self.requesters
            .iter()
            .filter(move |r| r.department_index == Some(department))
    }
}

#[allow(clippy::too_many_arguments)]
fn agent(
    display_name: &str,
    login: &str,
    greeting: &str,
    language: Language,
    time_zone: &'static str,
    teams: &'static [Team],
    vendor: bool,
) -> Person {
    Person {
        login: login.into(),
        display_name: display_name.into(),
        greeting: greeting.into(),
        kind: UserKind::Agent,
        department: (!vendor).then_some(IT),
        language,
        time_zone,
        utc_offset: 0,
        vip: false,
        password: true,
        role: ("agent", Scope::All),
        teams,
        works: true,
        monitoring: false,
    }
}

/// The desk: a team lead and agents at every level, spread over time zones.
#[rustfmt::skip]
fn agents() -> Vec<Person> {
    use Language::{En, Fr, Ru, ZhCn};
    use Team::*;
    let mut lead = agent(
        "Margaret Osei",
        "margaret.osei",
        "Margaret",
        En,
        "Europe/London",
        &[ServiceDesk],
        false,
    );
    lead.role = ("team_lead", Scope::All);
    lead.works = false;
    vec![
        lead,
        agent("Emma Clarke", "emma.clarke", "Emma", En, "Europe/London", &[ServiceDesk], false),
        agent("Julien Moreau", "julien.moreau", "Julien", Fr, "Europe/Paris", &[ServiceDesk], false),
        agent("Анастасия Волкова", "anastasia.volkova", "Анастасия", Ru, "Europe/Moscow", &[ServiceDesk], false),
        agent("李娜", "na.li", "李娜", ZhCn, "Asia/Shanghai", &[ServiceDesk], false),
        agent("Oliver Grant", "oliver.grant", "Oliver", En, "Europe/London", &[Desktop], false),
        agent("Camille Lefèvre", "camille.lefevre", "Camille", Fr, "Europe/Paris", &[Desktop], false),
        agent("Дмитрий Соколов", "dmitry.sokolov", "Дмитрий", Ru, "Europe/Moscow", &[Network], false),
        agent("Raj Patel", "raj.patel", "Raj", En, "America/New_York", &[Network], false),
        agent("Sophie Laurent", "sophie.laurent", "Sophie", Fr, "Europe/Paris", &[Applications], false),
        agent("陈杰", "jie.chen", "陈杰", ZhCn, "Asia/Shanghai", &[Applications], false),
        agent("Marcus Webb", "marcus.webb", "Marcus", En, "America/Chicago", &[Infrastructure], false),
        agent("Игорь Петров", "igor.petrov", "Игорь", Ru, "Europe/Moscow", &[Infrastructure, Security], false),
        agent("Hannah Keller", "hannah.keller", "Hannah", En, "Europe/Berlin", &[VendorErp], true),
        agent("Luca Romano", "luca.romano", "Luca", En, "Europe/Rome", &[VendorErp], true),
        agent("Priya Nair", "priya.nair", "Priya", En, "Asia/Kolkata", &[VendorErp], true),
        agent("周敏", "min.zhou", "周敏", ZhCn, "Asia/Shanghai", &[VendorErp], true),
        agent("Nadia Benali", "nadia.benali", "Nadia", Fr, "Europe/Paris", &[Security], false),
        agent("Алексей Орлов", "aleksey.orlov", "Алексей", Ru, "Europe/Moscow", &[Security], false),
    ]
}

#[allow(clippy::too_many_arguments)]
fn requester(
    display_name: &str,
    login: &str,
    greeting: &str,
    language: Language,
    (time_zone, utc_offset): (&'static str, i64),
    department: usize,
    vip: bool,
    password: bool,
) -> Person {
    Person {
        login: login.into(),
        display_name: display_name.into(),
        greeting: greeting.into(),
        kind: UserKind::Requester,
        department: Some(department),
        language,
        time_zone,
        utc_offset,
        vip,
        password,
        role: ("requester", Scope::Own),
        teams: &[],
        works: false,
        monitoring: false,
    }
}

/// The requesters with a password: the Finance manager and one per language.
#[rustfmt::skip]
fn named_requesters() -> Vec<Person> {
    use Language::{En, Fr, Ru, ZhCn};
    let mut manager = requester("Robert Hayes", "robert.hayes", "Robert", En, ("Europe/London", 0), FINANCE, true, true);
    manager.role = ("requester", Scope::Department);
    vec![
        manager,
        requester("Alice Johnson", "alice.johnson", "Alice", En, ("America/New_York", -5), SALES, false, true),
        requester("Pierre Martin", "pierre.martin", "Pierre", Fr, ("Europe/Paris", 1), MARKETING, false, true),
        requester("Ольга Смирнова", "olga.smirnova", "Ольга", Ru, ("Europe/Moscow", 3), LOGISTICS, false, true),
        requester("王芳", "fang.wang", "王芳", ZhCn, ("Asia/Shanghai", 8), ENGINEERING, false, true),
    ]
}

/// Requesters in all; the named ones and the monitoring account included.
const REQUESTERS: usize = 120;

/// Everyone the demo creates. Agents and the five named requesters (one of them the Finance
/// manager, who sees the whole department's tickets) get the demo password; the other
/// requesters have none, like people who only ever write to the desk by mail.
pub(super) fn cast(rng: &mut StdRng) -> Vec<Person> {
    use Language::{En, Fr, Ru, ZhCn};
    let mut people = agents();
    people.extend(named_requesters());
    let mut monitoring = requester(
        "Monitoring (Alertmanager)",
        "monitoring",
        "",
        En,
        ("UTC", 0),
        IT,
        false,
        false,
    );
    monitoring.department = None;
    monitoring.monitoring = true;
    people.push(monitoring);

    let mut taken: HashSet<String> = people.iter().map(|p| p.login.clone()).collect();
    let named = people
        .iter()
        .filter(|p| p.kind == UserKind::Requester)
        .count();
    let department_weights: [(usize, u32); 8] = [
        (0, 12),
        (1, 20),
        (2, 8),
        (3, 22),
        (4, 14),
        (5, 5),
        (6, 11),
        (7, 8),
    ];
    for i in 0..REQUESTERS.saturating_sub(named) {
        let lang = weighted(rng, &[(En, 45), (Fr, 25), (Ru, 18), (ZhCn, 12)]);
        let (display, greeting, stem) = name(rng, lang);
        let mut login = stem.clone();
        let mut n = 2;
        while !taken.insert(login.clone()) {
            login = format!("{stem}{n}");
            n += 1;
        }
        let zone = weighted(rng, zones(lang));
        let department = weighted(rng, &department_weights);
        // Every fifteenth is a VIP (executives and key account managers).
        let vip = i % 15 == 7;
        people.push(requester(
            &display, &login, &greeting, lang, zone, department, vip, false,
        ));
    }
    people
}

/// How many of the cast are agents.
pub(super) fn agent_count(cast: &[Person]) -> usize {
    cast.iter().filter(|p| p.kind == UserKind::Agent).count()
}

fn bootstrap_required() -> StoreError {
    StoreError::Conflict {
        code: "bootstrap_required",
        message: "the built-in roles or default categories are missing; run the first-start \
                  set-up (start the server once) before loading demo data"
            .into(),
    }
}

/// Fails when a department of the demo exists already.
pub(super) async fn ensure_not_loaded(c: &mut Conn) -> Result<(), StoreError> {
    if let Some(d) = directory::departments(c)
        .await?
        .into_iter()
        .find(|d| DEPARTMENTS.contains(&d.name.as_str()))
    {
        return Err(StoreError::Conflict {
            code: "demo_already_loaded",
            message: format!(
                "demo data is already loaded (a department named '{}' exists); load it into an \
                 empty database",
                d.name
            ),
        });
    }
    Ok(())
}

async fn role_id(c: &mut Conn, name: &str) -> Result<RoleId, StoreError> {
    roles::by_name(c, name)
        .await?
        .map(|r| RoleId(r.id))
        .ok_or_else(bootstrap_required)
}

/// Writes the departments, groups, people, roles and memberships in one transaction, and
/// records the load in the audit log.
pub(super) async fn insert(
    c: &mut Conn,
    cast: &[Person],
    password_hash: &str,
    details: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<Directory, StoreError> {
    ensure_not_loaded(c).await?;
    let mut departments = Vec::new();
    for name in DEPARTMENTS {
        departments.push(directory::create_department(c, name, now).await?);
    }
    let existing = directory::groups(c).await?;
    let mut staff = Vec::new();
    for team in Team::ALL {
        let (name, level, security_team) = team.spec();
        let id = match existing.iter().find(|g| g.name == name) {
            Some(g) if g.level == level && g.security_team == security_team => GroupId(g.id),
            Some(_) => {
                return Err(StoreError::Conflict {
                    code: "name_taken",
                    message: format!(
                        "a group named '{name}' exists with another level; rename it before \
                         loading demo data"
                    ),
                });
            }
            None => directory::create_group(c, name, level, security_team, now).await?,
        };
        let level = SupportLevel::new(level).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        staff.push(Staff {
            id,
            name,
            level,
            agents: Vec::new(),
        });
    }
    let mut role_ids = Vec::new();
    for name in ["requester", "agent", "team_lead"] {
        role_ids.push((name, role_id(c, name).await?));
    }

    let mut requesters = Vec::new();
    let mut monitoring = None;
    let mut lead = None;
    for p in cast {
        let new = NewUser {
            login: p.login.clone(),
            display_name: p.display_name.clone(),
            email: Some(if p.monitoring {
                "alerts@example.com".to_string()
            } else {
                format!("{}@example.com", p.login)
            }),
            kind: p.kind.as_str().into(),
            department: p.department.map(|d| departments[d]),
            language: p.language.as_str().into(),
            time_zone: p.time_zone.into(),
            vip: p.vip,
            password_hash: p.password.then(|| password_hash.to_string()),
        };
        let id = directory::create_user(c, &new, now).await?;
        let role = role_ids
            .iter()
            .find(|(n, _)| *n == p.role.0)
            .map(|r| r.1)
            .ok_or_else(bootstrap_required)?;
        roles::grant(c, id, role, p.role.1).await?;
        for team in p.teams {
            let s = &mut staff[team.index()];
            directory::add_member(c, s.id, id).await?;
            if p.works {
                s.agents.push(Agent {
                    id,
                    greeting: p.greeting.clone(),
                    language: p.language,
                });
            }
        }
        if p.kind == UserKind::Agent && !p.works {
            lead = Some(Agent {
                id,
                greeting: p.greeting.clone(),
                language: p.language,
            });
        }
        if p.kind == UserKind::Requester {
            let r = Requester {
                id,
                department: new.department,
                department_index: p.department,
                greeting: p.greeting.clone(),
                utc_offset: p.utc_offset,
                vip: p.vip,
                language: p.language,
            };
            if p.monitoring {
                monitoring = Some(r);
            } else {
                requesters.push(r);
            }
        }
    }
    audit::record(c, None, "demo.load", "demo", "demo", details, now).await?;
    let missing = |what: &str| StoreError::Corrupt(format!("the demo cast has no {what}"));
    Ok(Directory {
        departments,
        requesters,
        monitoring: monitoring.ok_or_else(|| missing("monitoring account"))?,
        staff,
        lead: lead.ok_or_else(|| missing("team lead"))?,
        agents: agent_count(cast),
    })
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn cast_is_valid_and_complete() {
        let mut rng = StdRng::seed_from_u64(1);
        let cast = cast(&mut rng);
        let logins: HashSet<&str> = cast.iter().map(|p| p.login.as_str()).collect();
        assert_eq!(logins.len(), cast.len(), "logins are unique");
        for p in &cast {
            escalade_core::validate::login(&p.login).expect("login");
            escalade_core::people::time_zone(p.time_zone).expect("time zone");
        }
        assert_eq!(
            cast.iter()
                .filter(|p| p.kind == UserKind::Requester)
                .count(),
            REQUESTERS
        );
        for team in Team::ALL {
            let workers = cast
                .iter()
                .filter(|p| p.works && p.teams.contains(&team))
                .count();
            assert!(workers >= 2, "{team:?} has {workers} agents");
        }
        for level in 0..=3 {
            assert!(
                cast.iter()
                    .any(|p| p.teams.iter().any(|t| t.spec().1 == level))
            );
        }
        for lang in Language::ALL {
            assert!(
                cast.iter()
                    .any(|p| p.language == *lang && p.kind == UserKind::Requester)
            );
        }
        assert!(cast.iter().filter(|p| p.vip).count() >= 5);
    }
}
