//! Demo data: a realistic service desk, so that every screen and report has something true to
//! show. [`App::fill_demo`] creates departments, support groups at every level (and a security
//! team), agents and about 120 multilingual requesters with their roles, then months of
//! tickets with consistent journals. `escalade demo` and `escalade serve --demo` call it.
//!
//! The history is produced by the domain's own rules (priority matrix, status state machine,
//! escalation and take), only with past timestamps; that is why it is written straight
//! through the store, in batches of one transaction each, rather than through the ticket
//! services, which stamp "now". The same seed gives the same data for the same "now".
//!
//! Who can log in with the password `demo-password`: every agent, for example the team lead
//! `margaret.osei`, `emma.clarke` (level 0), `oliver.grant` (level 1), `sophie.laurent`
//! (level 2), `hannah.keller` (level 3, the ERP vendor) and `nadia.benali` (security team);
//! and the requesters `robert.hayes` (Finance manager: sees his department's tickets),
//! `alice.johnson`, `pierre.martin`, `olga.smirnova` and `fang.wang`.
//!
//! - `people`: departments, groups, agents, requesters, roles and memberships.
//! - `names`: the name pools of the four languages.
//! - `texts`: ticket templates per category and the phrases of the conversation.
//! - `plan`: when tickets arrive, what they are about, and where they end up.
//! - `details`: the fields of a new ticket (nature, items, tags, facts, watchers).
//! - `history`: the life of each ticket and its journal.

mod details;
mod history;
mod names;
mod people;
mod plan;
mod texts;

use escalade_core::ids::CategoryId;
use escalade_store::journal as journal_store;
use escalade_store::{Conn, StoreError, directory, roles, tickets as ticket_store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use crate::App;
use crate::auth::hash_password;
use crate::error::AppError;

/// The password of every demo account that has one.
pub const DEMO_PASSWORD: &str = "demo-password";

/// What to tell a person who just loaded the demo: who can log in, with which password.
pub const LOGIN_HINT: &str = "Demo logins (password demo-password): agents margaret.osei (team lead), \
     emma.clarke (level 0), oliver.grant (level 1), sophie.laurent (level 2), hannah.keller (level 3), \
     nadia.benali (security team); requesters robert.hayes (Finance manager), alice.johnson, \
     pierre.martin, olga.smirnova, fang.wang. Other demo requesters have no password.";

/// Tickets written per transaction.
const BATCH: usize = 200;

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoOptions {
    /// Tickets to create (3,000 by default).
    pub tickets: usize,
    /// Spread over this many past days (180 by default).
    pub days: i64,
    /// Random seed: the same seed gives the same data.
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            tickets: 3000,
            days: 180,
            seed: 42,
        }
    }
}

/// What was created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoReport {
    /// Departments.
    pub departments: usize,
    /// Agents, the team lead included.
    pub agents: usize,
    /// Requesters, the monitoring account included.
    pub requesters: usize,
    /// Support groups.
    pub groups: usize,
    /// Tickets.
    pub tickets: usize,
    /// Journal entries of those tickets.
    pub journal_entries: usize,
}

/// A random element of a static table, which must not be empty (the tables are checked by
/// the tests).
fn pick<'a, T>(rng: &mut StdRng, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// A random element of a table that may be empty.
fn pick_opt<'a, T>(rng: &mut StdRng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        Some(pick(rng, items))
    }
}

/// A value chosen with the given relative weights (a non-empty table).
fn weighted<T: Copy>(rng: &mut StdRng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|i| i.1).sum();
    let mut x = rng.random_range(0..total.max(1));
    for &(v, w) in items {
        if x < w {
            return v;
        }
        x -= w;
    }
    items[items.len() - 1].0
}

fn check_options(opts: &DemoOptions) -> Result<(), AppError> {
    if !(1..=3650).contains(&opts.days) {
        return Err(AppError::invalid(
            "days",
            "out_of_range",
            format!("days must be between 1 and 3650, not {}", opts.days),
        ));
    }
    if opts.tickets > 1_000_000 {
        return Err(AppError::invalid(
            "tickets",
            "out_of_range",
            format!("at most 1,000,000 demo tickets, not {}", opts.tickets),
        ));
    }
    Ok(())
}

impl App {
    /// Fills the database with demo data (see the [module documentation](self)). Needs the
    /// first-start set-up (roles and the default categories); refused with the conflict
    /// `demo_already_loaded` when the demo's departments exist. Calls `progress(done, total)`
    /// after each batch of tickets. Nothing is printed.
    ///
    /// Each batch is its own transaction: should one fail, the people and the batches before
    /// it stay, and a second run is refused; load the demo into a fresh database.
    pub async fn fill_demo(
        &self,
        opts: &DemoOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<DemoReport, AppError> {
        check_options(opts)?;
        let now = self.clock.now();
        let categories = self.demo_preconditions().await?;
        let matrix = self.priority_matrix().await?;
        let mut rng = StdRng::seed_from_u64(opts.seed);
        let cast = people::cast(&mut rng);
        for p in &cast {
            escalade_core::validate::login(p.login())?;
            escalade_core::people::time_zone(p.time_zone())?;
        }
        // One hash for every demo account: Argon2 per user would take seconds.
        let hash = tokio::task::spawn_blocking(|| hash_password(DEMO_PASSWORD))
            .await
            .map_err(|e| AppError::Internal(format!("password hashing stopped: {e}")))??;
        let details = json!({"tickets": opts.tickets, "days": opts.days, "seed": opts.seed});
        let dir = self
            .store
            .write(move |c| {
                Box::pin(async move { people::insert(c, &cast, &hash, &details, now).await })
            })
            .await?;

        let plans = plan::plan(&mut rng, &dir, opts.tickets, opts.days, now);
        let world = history::World {
            dir: &dir,
            categories: &categories,
            matrix: &matrix,
            now,
        };
        let total = plans.len();
        let mut done = 0;
        let mut journal_entries = 0;
        progress(done, total);
        for chunk in plans.chunks(BATCH) {
            let batch = chunk
                .iter()
                .map(|p| history::build(&mut rng, p, &world))
                .collect::<Result<Vec<_>, _>>()?;
            journal_entries += self
                .store
                .write(move |c| Box::pin(async move { insert_batch(c, batch).await }))
                .await?;
            done += chunk.len();
            progress(done, total);
        }
        Ok(DemoReport {
            departments: dir.departments.len(),
            agents: dir.agents,
            requesters: dir.requesters.len() + 1,
            groups: dir.staff.len(),
            tickets: total,
            journal_entries,
        })
    }

    /// Checks that the first-start set-up ran and the demo is not loaded yet; returns the ids
    /// of the default categories in the order of `texts::CATEGORIES`, with whether each is
    /// restricted to the security team.
    async fn demo_preconditions(&self) -> Result<Vec<(CategoryId, bool)>, AppError> {
        let mut c = self.store.read().await?;
        people::ensure_not_loaded(&mut c).await?;
        let bootstrap = || AppError::Conflict {
            code: "bootstrap_required",
            message: "the built-in roles or default categories are missing; run the \
                      first-start set-up (start the server once) before loading demo data"
                .into(),
        };
        for role in ["requester", "agent", "team_lead"] {
            roles::by_name(&mut c, role).await?.ok_or_else(bootstrap)?;
        }
        let rows = directory::categories(&mut c).await?;
        texts::CATEGORIES
            .iter()
            .map(|t| {
                rows.iter()
                    .find(|r| r.key == t.key)
                    .map(|r| (CategoryId(r.id), r.security))
                    .ok_or_else(bootstrap)
            })
            .collect()
    }
}

/// Writes generated tickets with their watchers, tags and journals; returns the number of
/// journal entries.
async fn insert_batch(c: &mut Conn, batch: Vec<history::Built>) -> Result<usize, StoreError> {
    let mut entries = 0;
    for b in batch {
        let id = ticket_store::insert(c, &b.ticket, b.security, &b.watchers).await?;
        // Indexed for search like a ticket opened and commented through the service.
        let ticket = escalade_core::ticket::Ticket {
            id,
            ..b.ticket.clone()
        };
        crate::search::index::ticket_opened(c, &ticket, ticket.created_at).await?;
        for mut e in b.entries {
            e.ticket = id;
            let entry = journal_store::append(c, &e).await?;
            if !e.body.is_empty()
                && escalade_store::search::COMMENT_KINDS.contains(&e.kind.as_str())
            {
                crate::search::index::ticket_commented(c, &ticket, entry, e.public, &e.body, e.at)
                    .await?;
            }
            entries += 1;
        }
    }
    Ok(entries)
}
