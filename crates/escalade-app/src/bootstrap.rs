//! First start: the built-in roles, the ten default categories, and the administrator account.
//! Every step is idempotent, so running it on every start is safe.

use escalade_core::authz::{Permission, Scope};
use escalade_core::category::DEFAULT_CATEGORIES;
use escalade_core::ids::UserId;
use escalade_core::people::UserKind;
use escalade_store::{directory, roles};

use crate::App;
use crate::directory::CreateUser;
use crate::error::AppError;

/// The roles every installation starts with: name, description, permissions.
pub fn builtin_roles() -> Vec<(&'static str, &'static str, Vec<Permission>)> {
    use Permission::*;
    let agent = vec![
        TicketCreate,
        TicketCreateForOthers,
        TicketRead,
        TicketReadInternal,
        TicketReply,
        TicketNote,
        TicketUpdate,
        TicketAssign,
        TicketEscalate,
        KbReadInternal,
        KbWrite,
    ];
    let mut lead = agent.clone();
    lead.push(ReportView);
    lead.push(KbPublish);
    vec![
        (
            "requester",
            "Employees and customers: open and follow their own tickets",
            vec![TicketCreate, TicketRead, TicketReply, TicketConfirm],
        ),
        ("agent", "Service desk agents at any level", agent),
        ("team_lead", "Watches queues, SLA risk and KPIs", lead),
        (
            "auditor",
            "Reads tickets and the audit trail, changes nothing",
            vec![
                TicketRead,
                TicketReadInternal,
                AuditRead,
                ReportView,
                KbReadInternal,
            ],
        ),
        ("administrator", "Everything", Permission::ALL.to_vec()),
    ]
}

/// What the first start did.
#[derive(Debug, Clone, Default)]
pub struct Bootstrap {
    /// The administrator's one-time password, when the account was created just now with a
    /// generated password.
    pub admin_password: Option<String>,
    /// Whether the administrator was created now.
    pub admin_created: bool,
}

fn generated_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

impl App {
    /// Seeds roles and categories, and creates the administrator `admin` on an empty user table
    /// (with `admin_password`, or a generated one-time password returned to the caller).
    pub async fn bootstrap(&self, admin_password: Option<&str>) -> Result<Bootstrap, AppError> {
        self.store
            .write(move |c| {
                Box::pin(async move {
                    for (name, description, perms) in builtin_roles() {
                        if roles::by_name(c, name).await?.is_none() {
                            roles::create(c, name, description, &perms, true).await?;
                        }
                    }
                    if directory::categories(c).await?.is_empty() {
                        for (key, name, security) in DEFAULT_CATEGORIES {
                            directory::create_category(c, None, key, name, security).await?;
                        }
                    }
                    Ok(())
                })
            })
            .await?;
        self.seed_sla_defaults().await?;
        self.seed_rules().await?;
        let empty = {
            let mut c = self.store.read().await?;
            directory::count_users(&mut c).await? == 0
        };
        if !empty {
            return Ok(Bootstrap::default());
        }
        let (password, generated) = match admin_password {
            Some(p) => (p.to_string(), false),
            None => (generated_password(), true),
        };
        let created = self
            .create_user(
                None,
                CreateUser {
                    login: "admin".into(),
                    display_name: "Administrator".into(),
                    kind: Some(UserKind::Agent),
                    password: Some(password.clone()),
                    roles: vec![
                        ("administrator".into(), Scope::All),
                        ("agent".into(), Scope::All),
                    ],
                    ..Default::default()
                },
            )
            .await;
        match created {
            Ok(_) => Ok(Bootstrap {
                admin_password: generated.then_some(password),
                admin_created: true,
            }),
            // Another node created it at the same moment.
            Err(AppError::Conflict { .. }) => Ok(Bootstrap::default()),
            Err(e) => Err(e),
        }
    }

    /// The administrator's id, if the account exists.
    pub async fn admin_id(&self) -> Result<Option<UserId>, AppError> {
        let mut c = self.store.read().await?;
        Ok(directory::user_by_login(&mut c, "admin")
            .await?
            .map(|u| UserId(u.id)))
    }
}
