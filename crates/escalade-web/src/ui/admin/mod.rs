//! The administration under `/admin`: users (`users`), departments and support groups
//! (`teams`), roles and their permissions (`roles`), the category tree (`categories`), the
//! impact x urgency matrix (`settings`) and the audit log (`audit`). This file owns what they
//! share: the routes, the door of every page (which permission it needs), the index of
//! sections, paging and the wording of refusals.
//!
//! Who gets which refusal: someone who holds no administration permission at all gets the
//! same 404 as for any page out of reach, so that the administration does not announce itself
//! to requesters and agents. An administrator who lacks the one permission a page needs gets a
//! 403 naming that permission, because they know the page exists (the index shows them which
//! sections are theirs) and need to know what to ask for. The service layer checks the same
//! permissions again on every change.

pub mod audit;
pub mod calendars;
pub mod categories;
pub mod confirm;
pub mod mail;
pub mod mail_inbound;
pub mod mailboxes;
pub mod roles;
pub mod rules;
pub mod settings;
pub mod sla;
pub mod sla_olas;
pub mod teams;
pub mod time_rules;
mod user_form;
pub mod users;

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use escalade_app::AppError;
use escalade_core::authz::{Permission, Scope};
use serde::Deserialize;

use super::i18n::Tr;
use super::page::{Chrome, PageError, app_error_text, render};
use super::session::{Viewer, is_admin};
use crate::state::AppState;

/// The administration's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin", get(index))
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/new", get(users::new_form))
        .route("/admin/users/{id}", get(users::edit).post(users::update))
        .route("/admin/users/{id}/active", post(users::set_active))
        .route("/admin/users/{id}/password", post(users::reset_password))
        .route(
            "/admin/departments",
            get(teams::departments).post(teams::create_department),
        )
        .route("/admin/departments/{id}", post(teams::rename_department))
        .route(
            "/admin/groups",
            get(teams::groups).post(teams::create_group),
        )
        .route(
            "/admin/groups/{id}",
            get(teams::group).post(teams::update_group),
        )
        .route("/admin/groups/{id}/members", post(teams::add_member))
        .route(
            "/admin/groups/{id}/members/{user}/remove",
            post(teams::remove_member),
        )
        .route("/admin/roles", get(roles::list).post(roles::create))
        .route("/admin/roles/new", get(roles::new_form))
        .route("/admin/roles/{id}", get(roles::edit).post(roles::update))
        .route(
            "/admin/categories",
            get(categories::tree).post(categories::create),
        )
        .route(
            "/admin/categories/{id}",
            get(categories::edit).post(categories::update),
        )
        .route(
            "/admin/matrix",
            get(settings::matrix).post(settings::save_matrix),
        )
        .route("/admin/audit", get(audit::log))
        .route("/admin/sla/policies", get(sla::list).post(sla::create))
        .route("/admin/sla/policies/new", get(sla::new_form))
        .route("/admin/sla/policies/{id}", get(sla::edit).post(sla::update))
        .route("/admin/sla/policies/{id}/move", post(sla::move_policy))
        .route(
            "/admin/sla/olas",
            get(sla_olas::list).post(sla_olas::create),
        )
        .route("/admin/sla/olas/new", get(sla_olas::new_form))
        .route(
            "/admin/sla/olas/{id}",
            get(sla_olas::edit).post(sla_olas::update),
        )
        .route("/admin/sla/leads", get(sla_olas::leads))
        .route("/admin/sla/leads/{group}", post(sla_olas::set_lead))
        .route(
            "/admin/sla/calendars",
            get(calendars::list).post(calendars::create),
        )
        .route("/admin/sla/calendars/new", get(calendars::new_form))
        .route(
            "/admin/sla/calendars/{id}",
            get(calendars::edit).post(calendars::update),
        )
        .route("/admin/rules", get(rules::list).post(rules::create))
        .route("/admin/rules/new", get(rules::new_form))
        .route(
            "/admin/rules/dry-run",
            get(rules::dry_run_form).post(rules::dry_run),
        )
        .route("/admin/rules/{id}", get(rules::edit).post(rules::update))
        .route("/admin/rules/{id}/active", post(rules::set_active))
        .route("/admin/rules/{id}/move", post(rules::move_rule))
        .route(
            "/admin/rules/{id}/delete",
            get(rules::confirm_delete).post(rules::delete),
        )
        .route("/admin/time-rules", axum::routing::post(time_rules::create))
        .route("/admin/time-rules/new", get(time_rules::new_form))
        .route(
            "/admin/time-rules/{id}",
            get(time_rules::edit).post(time_rules::update),
        )
        .route(
            "/admin/time-rules/{id}/delete",
            get(time_rules::confirm_delete).post(time_rules::delete),
        )
        .route(
            "/admin/sla/olas/{id}/delete",
            get(sla_olas::confirm_delete).post(sla_olas::delete),
        )
        .route("/admin/mail", get(mail::settings).post(mail::save))
        .route("/admin/mail/test", post(mail::send_test))
        .route("/admin/mail/outbox", get(mail::outbox))
        .route("/admin/mail/outbox/{id}/retry", post(mail::retry))
        .route("/admin/mail/inbound", get(mail_inbound::list))
        .route("/admin/mail/inbound/ticket/{id}", get(mail_inbound::ticket))
        .route(
            "/admin/mail/inbound/{id}/reprocess",
            post(mail_inbound::reprocess),
        )
        .route("/admin/mailboxes", get(mailboxes::list))
        .route(
            "/admin/mailboxes/new",
            get(mailboxes::new).post(mailboxes::create),
        )
        .route(
            "/admin/mailboxes/{id}",
            get(mailboxes::edit).post(mailboxes::update),
        )
        .route("/admin/mailboxes/{id}/test", post(mailboxes::test))
        .route(
            "/admin/mailboxes/{id}/delete",
            get(mailboxes::confirm_delete).post(mailboxes::delete),
        )
}

/// One section of the administration and the permission that opens it.
pub struct Section {
    /// Stable id for the index card (`admin-section-users`, ...).
    pub key: &'static str,
    /// Where it lives.
    pub href: &'static str,
    /// What it needs.
    pub permission: Permission,
}

/// Every section, in the order the index shows them.
pub const SECTIONS: [Section; 8] = [
    Section {
        key: "users",
        href: "/admin/users",
        permission: Permission::AdminUsers,
    },
    Section {
        key: "departments",
        href: "/admin/departments",
        permission: Permission::AdminDepartments,
    },
    Section {
        key: "groups",
        href: "/admin/groups",
        permission: Permission::AdminGroups,
    },
    Section {
        key: "roles",
        href: "/admin/roles",
        permission: Permission::AdminRoles,
    },
    Section {
        key: "categories",
        href: "/admin/categories",
        permission: Permission::AdminCategories,
    },
    Section {
        key: "matrix",
        href: "/admin/matrix",
        permission: Permission::AdminSettings,
    },
    Section {
        key: "rules",
        href: "/admin/rules",
        permission: Permission::AdminSettings,
    },
    Section {
        key: "audit",
        href: "/admin/audit",
        permission: Permission::AuditRead,
    },
];

/// Opens a page that needs `p`: 404 for people who are not administrators at all, 403 naming
/// the permission for administrators without it (see the module comment).
pub fn gate(viewer: &Viewer, p: Permission) -> Result<(), PageError> {
    if !is_admin(&viewer.caller) {
        return Err(PageError::not_found(&viewer.tr));
    }
    if !viewer.caller.has(p) {
        return Err(PageError::new(
            StatusCode::FORBIDDEN,
            &viewer.tr,
            missing_permission(&viewer.tr, p),
        ));
    }
    Ok(())
}

fn missing_permission(tr: &Tr, p: Permission) -> String {
    tr.args(
        "admin-missing-permission",
        &[
            ("permission", perm_label(tr, p)),
            ("code", p.as_str().to_string()),
        ],
    )
}

/// A permission's translated name (`perm-ticket-read`).
pub fn perm_label(tr: &Tr, p: Permission) -> String {
    tr.get(&perm_key(p))
}

/// A permission's translated description (`perm-ticket-read-desc`).
pub fn perm_description(tr: &Tr, p: Permission) -> String {
    tr.get(&format!("{}-desc", perm_key(p)))
}

fn perm_key(p: Permission) -> String {
    format!("perm-{}", p.as_str().replace(['.', '_'], "-"))
}

/// A scope's translated name.
pub fn scope_label(tr: &Tr, s: Scope) -> String {
    tr.word("admin-scope", s.as_str())
}

/// The status and sentence for a refusal from the service layer on an administration page:
/// the administration's own wording of a field's code (`admin-error-<field>-<code>`) or of a
/// code (`admin-error-<code>`) when it has one, a
/// missing permission named in the reader's words, and otherwise the shared wording.
pub fn refusal_text(e: &AppError, tr: &Tr) -> (StatusCode, String) {
    let own = |code: &str| tr.try_get(&format!("admin-error-{}", code.replace('_', "-")));
    match e {
        AppError::Invalid(f) => match tr
            .try_get(&format!(
                "admin-error-{}-{}",
                f.field.replace('_', "-"),
                f.code.replace('_', "-")
            ))
            .or_else(|| own(f.code))
        {
            Some(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
            None => app_error_text(e, tr),
        },
        // A form whose value clashes with another record is refused input like any other.
        AppError::Conflict { code, .. } => (
            StatusCode::UNPROCESSABLE_ENTITY,
            own(code).unwrap_or_else(|| app_error_text(e, tr).1),
        ),
        AppError::Forbidden { permission, .. } => match Permission::parse(permission) {
            Ok(p) => (StatusCode::FORBIDDEN, missing_permission(tr, p)),
            Err(_) => app_error_text(e, tr),
        },
        _ => app_error_text(e, tr),
    }
}

/// A service error that ends the page (not found, forbidden, storage trouble), or the message
/// to show beside the form when the input was refused.
pub enum Outcome {
    /// Show the form again with this sentence and status.
    Refused(StatusCode, String),
    /// Answer with an error page.
    Page(PageError),
}

/// Sorts a service error into a form refusal or an error page.
pub fn outcome(e: AppError, tr: &Tr) -> Outcome {
    match e {
        AppError::Invalid(_) | AppError::Conflict { .. } | AppError::Transition { .. } => {
            let (status, message) = refusal_text(&e, tr);
            Outcome::Refused(status, message)
        }
        AppError::Forbidden { .. } => {
            let (status, message) = refusal_text(&e, tr);
            Outcome::Page(PageError::new(status, tr, message))
        }
        e => Outcome::Page(PageError::from_app(e, tr)),
    }
}

/// Renders a page with a status (a refused form is shown again with 422).
pub fn render_status<T: Template>(template: &T, status: StatusCode) -> Response {
    let mut res = render(template);
    if res.status().is_success() {
        *res.status_mut() = status;
    }
    res
}

/// A page error for a service error while loading a page.
pub fn page_error(e: AppError, tr: &Tr) -> PageError {
    match outcome(e, tr) {
        Outcome::Page(p) => p,
        Outcome::Refused(status, message) => PageError::new(status, tr, message),
    }
}

/// A numeric id from the path; anything else is a page that does not exist.
pub fn path_id(raw: &str, tr: &Tr) -> Result<i64, PageError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| PageError::not_found(tr))
}

/// `?saved=<what>` after a change, and `?page=` on lists.
#[derive(Deserialize, Default)]
pub struct SavedQuery {
    /// Which confirmation to show.
    pub saved: Option<String>,
    /// Page of a list.
    pub page: Option<String>,
}

/// The confirmation line for `?saved=<what>` (`admin-saved-<what>`), if it is one of ours.
pub fn flash(tr: &Tr, saved: Option<&str>) -> Option<String> {
    let what = saved?;
    if what.is_empty() || !what.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    tr.try_get(&format!("admin-saved-{what}"))
}

/// A page number from the query (1 when absent or malformed).
pub fn page_number(raw: Option<&str>) -> i64 {
    raw.and_then(|p| p.trim().parse::<i64>().ok())
        .filter(|p| *p >= 1)
        .unwrap_or(1)
}

/// The paging line under a list: the total, where we are, and links to the neighbours.
#[derive(Debug, Clone)]
pub struct Pager {
    /// The total in words (`42 users`).
    pub total_text: String,
    /// `Page 2 of 5`.
    pub position: String,
    /// The previous page's address.
    pub prev: Option<String>,
    /// The next page's address.
    pub next: Option<String>,
}

impl Pager {
    /// The pager of page `page` over `total` items, linking to `base` with `params` kept.
    pub fn new(
        tr: &Tr,
        total_key: &str,
        base: &str,
        params: &[(&str, &str)],
        page: i64,
        per_page: i64,
        total: i64,
    ) -> Self {
        let pages = ((total + per_page - 1) / per_page).max(1);
        let link = |p: i64| {
            let mut pairs: Vec<(&str, String)> = params
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| (*k, v.to_string()))
                .collect();
            pairs.push(("page", p.to_string()));
            format!(
                "{base}?{}",
                serde_urlencoded::to_string(&pairs).unwrap_or_default()
            )
        };
        Pager {
            total_text: tr.count(total_key, "count", total),
            position: tr.args(
                "page-of",
                &[("page", page.to_string()), ("pages", pages.to_string())],
            ),
            prev: (page > 1).then(|| link((page - 1).min(pages))),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

/// One page of a list held in memory (departments, groups, roles: short lists that the
/// service returns whole).
pub fn page_of<T>(items: Vec<T>, page: i64, per_page: i64) -> Vec<T> {
    let skip = usize::try_from((page - 1).max(0) * per_page).unwrap_or(usize::MAX);
    let take = usize::try_from(per_page).unwrap_or(0);
    items.into_iter().skip(skip).take(take).collect()
}

/// The fields of a posted form as pairs, for forms whose field names depend on data (one
/// checkbox per role or permission).
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Whether a checkbox was ticked (present with any value).
    pub fn ticked(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// Every value of a repeated field.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// One option of a select.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The value posted.
    pub value: String,
    /// What the reader sees.
    pub label: String,
    /// Whether it is the current one.
    pub selected: bool,
}

/// Options from `(value, label)` pairs, marking the one equal to `current`.
pub fn choices(items: impl IntoIterator<Item = (String, String)>, current: &str) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(value, label)| Choice {
            selected: value == current,
            value,
            label,
        })
        .collect()
}

/// The four scopes as options, in the reader's words.
pub fn scope_choices(tr: &Tr, current: &str) -> Vec<Choice> {
    choices(
        [Scope::Own, Scope::Department, Scope::Group, Scope::All]
            .into_iter()
            .map(|s| (s.as_str().to_string(), scope_label(tr, s))),
        current,
    )
}

/// A section card on the index.
pub struct SectionCard {
    /// Stable id suffix.
    pub key: &'static str,
    /// Address.
    pub href: &'static str,
    /// Title.
    pub title: String,
    /// What one does there.
    pub text: String,
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct IndexPage {
    c: Chrome,
    sections: Vec<SectionCard>,
}

/// GET /admin: the sections this viewer may open, and only those.
pub async fn index(viewer: Viewer) -> Result<Response, PageError> {
    if !is_admin(&viewer.caller) {
        return Err(PageError::not_found(&viewer.tr));
    }
    let tr = &viewer.tr;
    let sections = SECTIONS
        .iter()
        .filter(|s| viewer.caller.has(s.permission))
        .map(|s| SectionCard {
            key: s.key,
            href: s.href,
            title: tr.get(&format!("admin-section-{}", s.key)),
            text: tr.get(&format!("admin-section-{}-text", s.key)),
        })
        .collect();
    Ok(render(&IndexPage {
        c: viewer.chrome(tr.get("admin-title")),
        sections,
    })
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Tz;
    use escalade_core::people::Language;

    /// Every permission, scope and section has its words in English (the shared guard then
    /// holds every other language to the same keys).
    #[test]
    fn every_permission_scope_and_section_has_words() {
        let en = Tr::new(Language::En, Tz::UTC);
        let mut missing = Vec::new();
        for p in Permission::ALL {
            for key in [perm_key(*p), format!("{}-desc", perm_key(*p))] {
                if en.try_get(&key).is_none() {
                    missing.push(key);
                }
            }
        }
        for s in [Scope::Own, Scope::Department, Scope::Group, Scope::All] {
            let key = format!("admin-scope-{}", s.as_str());
            if en.try_get(&key).is_none() {
                missing.push(key);
            }
        }
        for s in &SECTIONS {
            for key in [
                format!("admin-section-{}", s.key),
                format!("admin-section-{}-text", s.key),
            ] {
                if en.try_get(&key).is_none() {
                    missing.push(key);
                }
            }
        }
        // Words looked up by a computed key elsewhere in the administration.
        let mut computed: Vec<String> = ["requester", "agent"]
            .iter()
            .map(|k| format!("admin-kind-{k}"))
            .collect();
        computed.extend((0..=3).map(|l| format!("admin-level-{l}")));
        computed.extend(
            escalade_app::bootstrap::builtin_roles()
                .iter()
                .map(|r| format!("admin-role-{}-desc", r.0.replace('_', "-"))),
        );
        computed.extend(
            [
                "user-created",
                "user-updated",
                "user-enabled",
                "user-disabled",
                "password-reset",
                "department-created",
                "department-renamed",
                "group-created",
                "group-updated",
                "member-added",
                "member-removed",
                "role-created",
                "role-updated",
                "category-created",
                "category-updated",
                "matrix",
            ]
            .iter()
            .map(|s| format!("admin-saved-{s}")),
        );
        missing.extend(computed.into_iter().filter(|k| en.try_get(k).is_none()));
        assert!(missing.is_empty(), "untranslated: {missing:?}");
        let fr = Tr::new(Language::Fr, Tz::UTC);
        assert_ne!(
            perm_label(&fr, Permission::TicketRead),
            perm_label(&en, Permission::TicketRead),
            "French has its own words"
        );
    }

    #[test]
    fn pager_keeps_filters_and_stops_at_the_ends() {
        let en = Tr::new(Language::En, Tz::UTC);
        let p = Pager::new(
            &en,
            "admin-users-total",
            "/admin/users",
            &[("q", "an na"), ("kind", "")],
            2,
            10,
            25,
        );
        assert_eq!(p.prev.as_deref(), Some("/admin/users?q=an+na&page=1"));
        assert_eq!(p.next.as_deref(), Some("/admin/users?q=an+na&page=3"));
        assert_eq!(p.position, "Page 2 of 3");
        assert_eq!(p.total_text, "25 users");
        let last = Pager::new(&en, "admin-users-total", "/x", &[], 3, 10, 25);
        assert!(last.next.is_none());
        let empty = Pager::new(&en, "admin-users-total", "/x", &[], 1, 10, 0);
        assert!(empty.prev.is_none() && empty.next.is_none());
        assert_eq!(page_of(vec![1, 2, 3, 4, 5], 2, 2), vec![3, 4]);
        assert_eq!(page_number(Some("x")), 1);
        assert_eq!(page_number(Some("0")), 1);
        assert_eq!(page_number(Some("7")), 7);
    }

    #[test]
    fn only_our_confirmations_are_shown() {
        let en = Tr::new(Language::En, Tz::UTC);
        assert!(flash(&en, Some("user-created")).is_some());
        assert!(flash(&en, Some("../nav-admin")).is_none());
        assert!(flash(&en, Some("nonexistent")).is_none());
        assert!(flash(&en, None).is_none());
    }
}
