//! Planning the tickets: when they arrive (more on weekdays and in the requester's working
//! hours), what they are about, in which language and through which channel, and where they end
//! up (old ones mostly closed, recent ones still open), so that every category, type, channel,
//! impact and urgency, level and status occurs.

use chrono::{DateTime, Datelike, Duration, NaiveTime, Utc, Weekday};
use escalade_core::people::Language;
use escalade_core::ticket::{Channel, Impact, Status, TicketType, Urgency};
use rand::Rng;
use rand::rngs::StdRng;

use super::people::{Directory, Team};
use super::texts::{CATEGORIES, Template};
use super::{pick, pick_opt, weighted};

const HOUR: i64 = 3600;

/// One ticket's fate, decided before its story is written.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub(super) created: DateTime<Utc>,
    /// Index in [`Directory::requesters`]; `None` for the monitoring account.
    pub(super) requester: Option<usize>,
    pub(super) category: usize,
    pub(super) template: usize,
    pub(super) channel: Channel,
    pub(super) impact: Impact,
    pub(super) urgency: Urgency,
    /// The support level it ends at.
    pub(super) level: i64,
    /// The status it ends in.
    pub(super) status: Status,
}

impl Plan {
    pub(super) fn template(&self) -> &'static Template {
        &CATEGORIES[self.category].templates[self.template]
    }

    pub(super) fn security(&self) -> bool {
        CATEGORIES[self.category].key == "security"
    }
}

const CHANNELS: &[(Channel, u32)] = &[
    (Channel::Portal, 34),
    (Channel::Email, 30),
    (Channel::Phone, 14),
    (Channel::Chat, 8),
    (Channel::Api, 3),
    (Channel::Monitoring, 6),
    (Channel::Social, 1),
    (Channel::WalkIn, 4),
];
const IMPACTS: &[(Impact, u32)] = &[(Impact::High, 15), (Impact::Medium, 45), (Impact::Low, 40)];
const URGENCIES: &[(Urgency, u32)] = &[
    (Urgency::High, 20),
    (Urgency::Medium, 50),
    (Urgency::Low, 30),
];
const LEVELS: &[(i64, u32)] = &[(0, 50), (1, 28), (2, 15), (3, 7)];
const ERP_LEVELS: &[(i64, u32)] = &[(0, 35), (1, 20), (2, 25), (3, 20)];
/// Arrivals per hour of the requester's local day.
const HOURS: [u32; 24] = [
    1, 1, 1, 1, 1, 1, 2, 5, 12, 16, 15, 13, 8, 10, 14, 13, 11, 7, 3, 2, 1, 1, 1, 1,
];

/// Decides the fate of `n` tickets over the last `days` days, oldest first, making sure that
/// (given enough tickets) every category, type, channel, impact x urgency, level and status
/// occurs.
pub(super) fn plan(
    rng: &mut StdRng,
    dir: &Directory,
    n: usize,
    days: i64,
    now: DateTime<Utc>,
) -> Vec<Plan> {
    let mut plans: Vec<Plan> = (0..n).map(|_| sample(rng, dir, days, now)).collect();
    plans.sort_by_key(|p| p.created);
    cover(rng, &mut plans, dir);
    plans
}

fn sample(rng: &mut StdRng, dir: &Directory, days: i64, now: DateTime<Utc>) -> Plan {
    let channel = weighted(rng, CHANNELS);
    let (requester, category, template) = if channel == Channel::Monitoring {
        let (c, t) = alert_template(rng);
        (None, c, t)
    } else {
        let r = rng.random_range(0..dir.requesters.len());
        let weights: Vec<(usize, u32)> = CATEGORIES
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.weight))
            .collect();
        let c = weighted(rng, &weights);
        (
            Some(r),
            c,
            human_template(rng, c, dir.requesters[r].language),
        )
    };
    let offset = requester.map_or(0, |r| dir.requesters[r].utc_offset);
    let created = arrival(rng, offset, channel == Channel::Monitoring, days, now);
    let age_days = (now - created).num_minutes() as f64 / 1440.0;
    let mut p = Plan {
        created,
        requester,
        category,
        template,
        channel,
        impact: weighted(rng, IMPACTS),
        urgency: weighted(rng, URGENCIES),
        // ERP cases go further up, some as far as the vendor.
        level: if CATEGORIES[category].templates[template]
            .service
            .starts_with("ERP")
        {
            weighted(rng, ERP_LEVELS)
        } else {
            weighted(rng, LEVELS)
        },
        status: status_for_age(rng, age_days),
    };
    normalize(&mut p);
    p
}

/// A template of a category in the requester's language (most of the time; otherwise in
/// English, as people in international companies often write).
fn human_template(rng: &mut StdRng, category: usize, lang: Language) -> usize {
    let templates = CATEGORIES[category].templates;
    let want = if lang != Language::En && rng.random_bool(0.85) {
        lang
    } else {
        Language::En
    };
    let mut options: Vec<usize> = (0..templates.len())
        .filter(|&i| !templates[i].alert && templates[i].lang == want)
        .collect();
    if options.is_empty() {
        options = (0..templates.len())
            .filter(|&i| !templates[i].alert)
            .collect();
    }
    *pick(rng, &options)
}

/// A monitoring alert: its category and template.
fn alert_template(rng: &mut StdRng) -> (usize, usize) {
    let alerts: Vec<(usize, usize)> = CATEGORIES
        .iter()
        .enumerate()
        .flat_map(|(c, cat)| {
            cat.templates
                .iter()
                .enumerate()
                .filter(|(_, t)| t.alert)
                .map(move |(t, _)| (c, t))
        })
        .collect();
    *pick(rng, &alerts)
}

/// When a ticket arrives: a day in the window (weekends rarely), an hour of the requester's
/// working day (any hour for monitoring), at least ten minutes ago.
fn arrival(
    rng: &mut StdRng,
    utc_offset: i64,
    any_hour: bool,
    days: i64,
    now: DateTime<Utc>,
) -> DateTime<Utc> {
    let earliest = now - Duration::days(days);
    let latest = now - Duration::minutes(10);
    let today = (now + Duration::hours(utc_offset)).date_naive();
    for _ in 0..50 {
        let date = today - Duration::days(rng.random_range(0..days));
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        if weekend && !any_hour && !rng.random_bool(0.12) {
            continue;
        }
        let hour = if any_hour {
            rng.random_range(0..24)
        } else {
            let hours: Vec<(i64, u32)> = (0..24).zip(HOURS).collect();
            weighted(rng, &hours)
        };
        let local = date.and_time(NaiveTime::MIN)
            + Duration::hours(hour)
            + Duration::seconds(rng.random_range(0..HOUR));
        let at = local.and_utc() - Duration::hours(utc_offset);
        if at > earliest && at < latest {
            return at;
        }
    }
    latest - Duration::minutes(rng.random_range(0..600))
}

/// Old tickets are mostly closed; recent ones still being worked on.
fn status_for_age(rng: &mut StdRng, age_days: f64) -> Status {
    use Status::*;
    let table: &[(Status, u32)] = if age_days < 2.0 {
        &[
            (New, 20),
            (Assigned, 14),
            (InProgress, 20),
            (Pending, 10),
            (Escalated, 10),
            (Resolved, 18),
            (Closed, 3),
            (Cancelled, 5),
        ]
    } else if age_days < 10.0 {
        &[
            (New, 3),
            (Assigned, 5),
            (InProgress, 12),
            (Pending, 10),
            (Escalated, 8),
            (Resolved, 12),
            (Closed, 45),
            (Cancelled, 5),
        ]
    } else if age_days < 30.0 {
        &[
            (New, 1),
            (Assigned, 2),
            (InProgress, 4),
            (Pending, 5),
            (Escalated, 3),
            (Resolved, 1),
            (Closed, 78),
            (Cancelled, 6),
        ]
    } else {
        &[
            (Assigned, 1),
            (InProgress, 1),
            (Pending, 2),
            (Escalated, 1),
            (Closed, 89),
            (Cancelled, 6),
        ]
    };
    weighted(rng, table)
}

/// Makes a plan possible: security tickets go to the security team, new tickets stay at level
/// 0, only ERP tickets reach the vendor at level 3, escalated tickets wait above level 0.
fn normalize(p: &mut Plan) {
    if p.security() {
        p.level = Team::Security.spec().1;
        if p.status == Status::New {
            p.status = Status::Escalated;
        }
    }
    if p.status == Status::New {
        p.level = 0;
    }
    if p.level == 3 && !p.template().service.starts_with("ERP") {
        p.level = 2;
    }
    if p.status == Status::Escalated && p.level == 0 {
        p.level = 1;
    }
}

/// An unpinned plan that satisfies `ok`: the most recent one, or a random one.
fn free(
    rng: &mut StdRng,
    plans: &[Plan],
    pinned: &[bool],
    recent: bool,
    ok: impl Fn(&Plan) -> bool,
) -> Option<usize> {
    let options: Vec<usize> = (0..plans.len())
        .filter(|&i| !pinned[i] && ok(&plans[i]))
        .collect();
    if recent {
        options.last().copied()
    } else {
        pick_opt(rng, &options).copied()
    }
}

/// Changes a few plans so that every value of every dimension occurs at least once. A changed
/// plan is pinned, so later changes do not undo it; a few rounds settle the knock-on effects.
fn cover(rng: &mut StdRng, plans: &mut [Plan], dir: &Directory) {
    let mut pinned = vec![false; plans.len()];
    let lang = |p: &Plan| {
        p.requester
            .map_or(Language::En, |r| dir.requesters[r].language)
    };
    let human = |p: &Plan| p.channel != Channel::Monitoring;
    for _ in 0..4 {
        let mut changed = false;
        let mut settle = |p: &mut Plan, pin: &mut bool| {
            normalize(p);
            *pin = true;
            changed = true;
        };
        for c in 0..CATEGORIES.len() {
            if plans.iter().any(|p| p.category == c) {
                continue;
            }
            if let Some(i) = free(rng, plans, &pinned, false, human) {
                let t = human_template(rng, c, lang(&plans[i]));
                plans[i].category = c;
                plans[i].template = t;
                settle(&mut plans[i], &mut pinned[i]);
            }
        }
        for &ch in Channel::ALL {
            if plans.iter().any(|p| p.channel == ch) {
                continue;
            }
            if let Some(i) = free(rng, plans, &pinned, false, human) {
                if ch == Channel::Monitoring {
                    let (c, t) = alert_template(rng);
                    plans[i].requester = None;
                    plans[i].category = c;
                    plans[i].template = t;
                }
                plans[i].channel = ch;
                settle(&mut plans[i], &mut pinned[i]);
            }
        }
        for &k in TicketType::ALL {
            if plans.iter().any(|p| p.template().kind == k) {
                continue;
            }
            if let Some(i) = free(rng, plans, &pinned, false, human) {
                let options: Vec<(usize, usize)> = CATEGORIES
                    .iter()
                    .enumerate()
                    .flat_map(|(c, cat)| cat.templates.iter().enumerate().map(move |t| (c, t)))
                    .filter(|(_, (_, t))| !t.alert && t.kind == k && t.lang == lang(&plans[i]))
                    .map(|(c, (t, _))| (c, t))
                    .collect();
                if let Some(&(c, t)) = pick_opt(rng, &options) {
                    plans[i].category = c;
                    plans[i].template = t;
                    settle(&mut plans[i], &mut pinned[i]);
                }
            }
        }
        for &impact in Impact::ALL {
            for &urgency in Urgency::ALL {
                if plans
                    .iter()
                    .any(|p| p.impact == impact && p.urgency == urgency)
                {
                    continue;
                }
                if let Some(i) = free(rng, plans, &pinned, false, |_| true) {
                    plans[i].impact = impact;
                    plans[i].urgency = urgency;
                    settle(&mut plans[i], &mut pinned[i]);
                }
            }
        }
        for &status in Status::ALL {
            if plans.iter().any(|p| p.status == status) {
                continue;
            }
            let ok = |p: &Plan| status != Status::New || !p.security();
            if let Some(i) = free(rng, plans, &pinned, status.is_open(), ok) {
                plans[i].status = status;
                settle(&mut plans[i], &mut pinned[i]);
            }
        }
        for level in 0..=3 {
            if plans.iter().any(|p| p.level == level) {
                continue;
            }
            let ok = |p: &Plan| match level {
                0 => !p.security() && p.status != Status::Escalated,
                3 => p.template().service.starts_with("ERP") && p.status != Status::New,
                _ => !p.security() && p.status != Status::New,
            };
            if let Some(i) = free(rng, plans, &pinned, false, ok) {
                plans[i].level = level;
                settle(&mut plans[i], &mut pinned[i]);
            }
        }
        if !changed {
            break;
        }
    }
}
