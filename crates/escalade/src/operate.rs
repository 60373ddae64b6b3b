//! The operator's commands: migrate, users, tokens, permission explanations, demo data, backup
//! and restore. They act directly on the database, as the person who runs the server.

use std::path::Path;

use anyhow::{Context, Result, bail};
use escalade_app::Caller;
use escalade_app::demo::DemoOptions;
use escalade_app::directory::CreateUser;
use escalade_core::authz::{Permission, Scope};
use escalade_core::ids::UserId;
use escalade_core::people::UserKind;
use escalade_store::{DB_FILE, Location, Options, Store, directory, migrate as schema};

use crate::config::Global;

/// `escalade user ...`
#[derive(clap::Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user.
    Create {
        /// Login.
        #[arg(long)]
        login: String,
        /// Display name.
        #[arg(long, default_value = "")]
        name: String,
        /// E-mail address.
        #[arg(long)]
        email: Option<String>,
        /// requester or agent.
        #[arg(long, default_value = "requester")]
        kind: String,
        /// Roles as role[:scope] (scope own, department, group or all), e.g. agent:all.
        #[arg(long = "role")]
        roles: Vec<String>,
        /// Password (or set ESCALADE_NEW_PASSWORD); without one the user cannot log in yet.
        #[arg(long, env = "ESCALADE_NEW_PASSWORD", hide_env_values = true)]
        password: Option<String>,
        /// Language: en, fr, ru, zh-CN.
        #[arg(long, default_value = "en")]
        language: String,
        /// IANA time zone.
        #[arg(long, default_value = "UTC")]
        time_zone: String,
    },
}

/// `escalade token ...`
#[derive(clap::Subcommand, Debug)]
pub enum TokenCommand {
    /// Create an API token for a user and print it (shown once).
    Create {
        /// The user's login.
        #[arg(long, default_value = "admin")]
        user: String,
        /// A label.
        #[arg(long, default_value = "cli")]
        name: String,
        /// Expire after this many days.
        #[arg(long)]
        expires_days: Option<i64>,
    },
    /// Revoke a token by id.
    Revoke {
        /// Token id.
        id: i64,
    },
    /// List tokens (never their secrets).
    List,
}

/// `escalade explain ...`
#[derive(clap::Args, Debug)]
pub struct ExplainArgs {
    /// The user (login or id).
    #[arg(long)]
    pub user: String,
    /// The ticket number.
    #[arg(long)]
    pub ticket: Option<String>,
    /// One permission, e.g. ticket.read; every ticket permission when left out.
    #[arg(long)]
    pub permission: Option<String>,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

/// `escalade demo ...`
#[derive(clap::Args, Debug)]
pub struct DemoArgs {
    /// Tickets to create.
    #[arg(long, default_value_t = 3000)]
    pub tickets: usize,
    /// Spread over this many past days.
    #[arg(long, default_value_t = 180)]
    pub days: i64,
    /// Random seed, for reproducible data.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
}

/// Applies migrations and reports the schema version.
pub async fn migrate(global: &Global) -> Result<()> {
    let app = global.open().await?;
    eprintln!(
        "{} is at schema version {}",
        app.store.location().describe(),
        schema::binary_version()
    );
    Ok(())
}

async fn caller_by_login(app: &escalade_app::App, login: &str) -> Result<Caller> {
    let mut c = app.store.read().await?;
    let row = directory::user_by_login(&mut c, login)
        .await?
        .with_context(|| format!("there is no user '{login}'"))?;
    Ok(Caller::load(&mut c, UserId(row.id)).await?)
}

/// Runs a user command.
pub async fn user(global: &Global, cmd: UserCommand) -> Result<()> {
    let app = global.open().await?;
    app.bootstrap(None).await.ok();
    match cmd {
        UserCommand::Create {
            login,
            name,
            email,
            kind,
            roles,
            password,
            language,
            time_zone,
        } => {
            let kind = UserKind::parse(&kind)?;
            let roles = roles
                .iter()
                .map(|r| {
                    let (name, scope) = r.split_once(':').unwrap_or((
                        r.as_str(),
                        if kind == UserKind::Agent {
                            "all"
                        } else {
                            "own"
                        },
                    ));
                    Ok((name.to_string(), Scope::parse(scope)?))
                })
                .collect::<Result<Vec<_>>>()?;
            let u = app
                .create_user(
                    None,
                    CreateUser {
                        login,
                        display_name: name,
                        email,
                        kind: Some(kind),
                        language: Some(language),
                        time_zone: Some(time_zone),
                        password,
                        roles,
                        ..Default::default()
                    },
                )
                .await?;
            println!("created user {} (id {})", u.login, u.id);
        }
    }
    Ok(())
}

/// Runs a token command.
pub async fn token(global: &Global, cmd: TokenCommand) -> Result<()> {
    let app = global.open().await?;
    match cmd {
        TokenCommand::Create {
            user,
            name,
            expires_days,
        } => {
            let caller = caller_by_login(&app, &user).await?;
            let expires = expires_days.map(|d| chrono::Utc::now() + chrono::Duration::days(d));
            let t = app.create_token(&caller, None, &name, expires).await?;
            eprintln!("token {} for {} (shown only once):", t.id, user);
            println!("{}", t.token);
        }
        TokenCommand::Revoke { id } => {
            let owner = {
                let mut c = app.store.read().await?;
                escalade_store::tokens::get(&mut c, id)
                    .await?
                    .with_context(|| format!("there is no token {id}"))?
                    .user_id
            };
            let mut c = app.store.read().await?;
            let caller = Caller::load(&mut c, UserId(owner)).await.or_else(|_| {
                bail!("the owner of token {id} is disabled; the token cannot be used anyway")
            })?;
            drop(c);
            app.revoke_token(&caller, id).await?;
            println!("revoked token {id}");
        }
        TokenCommand::List => {
            let mut c = app.store.read().await?;
            let rows = escalade_store::tokens::all(&mut c).await?;
            println!(
                "{:>5}  {:>6}  {:<20}  {:<12}  {:<25}  state",
                "id", "user", "name", "prefix", "created"
            );
            for r in rows {
                let state = if r.revoked_at.is_some() {
                    "revoked"
                } else {
                    "active"
                };
                println!(
                    "{:>5}  {:>6}  {:<20}  {:<12}  {:<25}  {state}",
                    r.id,
                    r.user_id,
                    r.name,
                    r.prefix,
                    r.created_at.to_rfc3339()
                );
            }
        }
    }
    Ok(())
}

/// Explains permission decisions.
pub async fn explain(global: &Global, args: ExplainArgs) -> Result<()> {
    let app = global.open().await?;
    let permission = args
        .permission
        .as_deref()
        .map(Permission::parse)
        .transpose()?;
    let e = app
        .explain_for_operator(&args.user, args.ticket.as_deref(), permission)
        .await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&e)?);
        return Ok(());
    }
    println!(
        "user {} (id {}), groups {:?}, security team: {}",
        e.login, e.user_id, e.groups, e.security_team
    );
    for g in &e.roles {
        println!("  role {} at scope {}", g.role, g.scope.as_str());
    }
    if let Some(t) = &e.ticket {
        println!("ticket {t}");
    }
    for d in &e.decisions {
        println!(
            "{:<26} {:<8} rule {}: {}",
            d.permission.as_str(),
            if d.allowed { "ALLOWED" } else { "denied" },
            d.rule,
            d.reason
        );
        for c in &d.checks {
            println!("    - {}", c.note);
        }
    }
    Ok(())
}

/// Loads demo data.
pub async fn demo(global: &Global, args: DemoArgs) -> Result<()> {
    let app = global.open().await?;
    let boot = app.bootstrap(None).await?;
    if let Some(p) = boot.admin_password {
        eprintln!("Created the administrator: login admin, password {p} (shown only once)");
    }
    let opts = DemoOptions {
        tickets: args.tickets,
        days: args.days,
        seed: args.seed,
    };
    let r = app
        .fill_demo(&opts, &mut |done, total| {
            eprint!("\rdemo data: {done}/{total} tickets");
        })
        .await?;
    eprintln!();
    println!(
        "loaded {} departments, {} groups, {} agents, {} requesters, {} tickets, {} journal entries",
        r.departments, r.groups, r.agents, r.requesters, r.tickets, r.journal_entries
    );
    println!("{}", escalade_app::demo::LOGIN_HINT);
    Ok(())
}

/// Writes a consistent copy of the SQLite database.
pub async fn backup(global: &Global, file: &Path) -> Result<()> {
    let location = global.location()?;
    if let Location::Postgres(_) = location {
        bail!(
            "PostgreSQL is backed up with its own tools: pg_dump -Fc -f escalade.dump <database>, restored with pg_restore"
        );
    }
    let store = Store::open(
        &location,
        Options {
            migrate: false,
            ..Options::default()
        },
    )
    .await?;
    store.backup_to(file).await?;
    let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!("backup written to {} ({size} bytes)", file.display());
    Ok(())
}

/// Replaces the SQLite database with a backup, after checking that the backup opens and is
/// not from a newer Escalade.
pub async fn restore(global: &Global, file: &Path, force: bool) -> Result<()> {
    let location = global.location()?;
    let Location::DataDir(dir) = location else {
        bail!("PostgreSQL is restored with its own tools: pg_restore -d <database> escalade.dump");
    };
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    // Check the backup in a scratch folder so that a bad file changes nothing.
    let scratch = tempfile_dir(&dir)?;
    std::fs::copy(file, scratch.join(DB_FILE))
        .with_context(|| format!("cannot read {}", file.display()))?;
    let check = Store::open(
        &Location::DataDir(scratch.clone()),
        Options {
            migrate: false,
            ..Options::default()
        },
    )
    .await;
    let tickets = match check {
        Ok(s) => {
            let mut c = s.read().await?;
            escalade_store::tickets::count(&mut c)
                .await
                .context("the backup does not hold an Escalade database")?
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&scratch);
            return Err(e).context(format!(
                "{} is not a usable Escalade backup",
                file.display()
            ));
        }
    };
    let target = dir.join(DB_FILE);
    if target.exists() {
        if !force {
            let _ = std::fs::remove_dir_all(&scratch);
            bail!(
                "{} exists; stop the server and run again with --force to replace it (the current file is kept beside)",
                target.display()
            );
        }
        let keep = dir.join(format!(
            "{DB_FILE}.before-restore-{}",
            chrono::Utc::now().format("%Y%m%d%H%M%S")
        ));
        std::fs::rename(&target, &keep)
            .with_context(|| format!("cannot move {} aside", target.display()))?;
        for ext in ["-wal", "-shm"] {
            let side = dir.join(format!("{DB_FILE}{ext}"));
            if side.exists() {
                std::fs::rename(&side, dir.join(format!("{}{ext}", keep.display())))?;
            }
        }
        eprintln!("the previous database is kept as {}", keep.display());
    }
    std::fs::copy(file, &target).with_context(|| format!("cannot write {}", target.display()))?;
    let _ = std::fs::remove_dir_all(&scratch);
    println!(
        "restored {} ({tickets} tickets) into {}",
        file.display(),
        target.display()
    );
    Ok(())
}

fn tempfile_dir(dir: &Path) -> Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir)?;
    let p = dir.join(format!(".restore-check-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p)?;
    Ok(p)
}
