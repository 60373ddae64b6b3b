//! The portal's vocabulary for requesters: ticket types, impact and urgency asked as plain
//! questions, each status as a sentence, the category tree as a picker, and the messages of
//! refused forms. Keys are written out literally so that the translation guard sees them.

use std::collections::HashMap;

use axum::http::StatusCode;
use escalade_app::AppError;
use escalade_core::category::DEFAULT_CATEGORIES;
use escalade_core::ticket::{Impact, Status, TicketType, Urgency};
use escalade_store::directory::CategoryRow;

use crate::ui::i18n::Tr;
use crate::ui::page::app_error_text;

/// One choice of a radio group or select: value, label, optional hint, whether chosen.
#[derive(Debug, Clone)]
pub struct Choice {
    /// The submitted value.
    pub value: String,
    /// What the requester reads.
    pub label: String,
    /// A line under the label.
    pub hint: String,
    /// Whether it is the current choice.
    pub selected: bool,
}

/// The ticket types in a requester's words.
pub fn type_choices(tr: &Tr, chosen: TicketType) -> Vec<Choice> {
    TicketType::ALL
        .iter()
        .map(|k| {
            let (label, hint) = match k {
                TicketType::Incident => (
                    tr.get("portal-type-incident"),
                    tr.get("portal-type-incident-hint"),
                ),
                TicketType::ServiceRequest => (
                    tr.get("portal-type-service-request"),
                    tr.get("portal-type-service-request-hint"),
                ),
                TicketType::Question => (
                    tr.get("portal-type-question"),
                    tr.get("portal-type-question-hint"),
                ),
                TicketType::Complaint => (
                    tr.get("portal-type-complaint"),
                    tr.get("portal-type-complaint-hint"),
                ),
            };
            Choice {
                value: k.as_str().into(),
                label,
                hint,
                selected: *k == chosen,
            }
        })
        .collect()
}

/// "How many people are affected?", as impact; the empty value leaves the desk's default.
pub fn impact_choices(tr: &Tr, chosen: Option<Impact>) -> Vec<Choice> {
    let mut out = vec![unsure(tr, chosen.is_none())];
    for i in [Impact::Low, Impact::Medium, Impact::High] {
        let label = match i {
            Impact::Low => tr.get("portal-impact-low"),
            Impact::Medium => tr.get("portal-impact-medium"),
            Impact::High => tr.get("portal-impact-high"),
        };
        out.push(Choice {
            value: i.as_str().into(),
            label,
            hint: String::new(),
            selected: chosen == Some(i),
        });
    }
    out
}

/// "How urgent is it for you?", as urgency; the empty value leaves the desk's default.
pub fn urgency_choices(tr: &Tr, chosen: Option<Urgency>) -> Vec<Choice> {
    let mut out = vec![unsure(tr, chosen.is_none())];
    for u in [Urgency::Low, Urgency::Medium, Urgency::High] {
        let label = match u {
            Urgency::Low => tr.get("portal-urgency-low"),
            Urgency::Medium => tr.get("portal-urgency-medium"),
            Urgency::High => tr.get("portal-urgency-high"),
        };
        out.push(Choice {
            value: u.as_str().into(),
            label,
            hint: String::new(),
            selected: chosen == Some(u),
        });
    }
    out
}

fn unsure(tr: &Tr, selected: bool) -> Choice {
    Choice {
        value: String::new(),
        label: tr.get("portal-not-sure"),
        hint: String::new(),
        selected,
    }
}

/// Where a request stands, in one sentence for its requester.
pub fn state_sentence(tr: &Tr, status: Status) -> String {
    match status {
        Status::New => tr.get("portal-state-new"),
        Status::Assigned => tr.get("portal-state-assigned"),
        Status::InProgress => tr.get("portal-state-in-progress"),
        Status::Pending => tr.get("portal-state-pending"),
        Status::Escalated => tr.get("portal-state-escalated"),
        Status::Resolved => tr.get("portal-state-resolved"),
        Status::Closed => tr.get("portal-state-closed"),
        Status::Cancelled => tr.get("portal-state-cancelled"),
    }
}

/// A category's name for this reader: the ten default categories are translated while they
/// keep their default name; a category an administrator named (or renamed) shows that name.
pub fn category_name(tr: &Tr, c: &CategoryRow) -> String {
    let is_default = DEFAULT_CATEGORIES
        .iter()
        .any(|(key, name, _)| *key == c.key && *name == c.name);
    if is_default {
        tr.try_get(&format!("portal-category-{}", c.key.replace('_', "-")))
            .unwrap_or_else(|| c.name.clone())
    } else {
        c.name.clone()
    }
}

/// Every category's name with its path (`Parent › Child`), by id, for showing a ticket's
/// category whatever its state.
pub fn category_paths(tr: &Tr, rows: &[CategoryRow]) -> HashMap<i64, String> {
    let by_id: HashMap<i64, &CategoryRow> = rows.iter().map(|c| (c.id, c)).collect();
    rows.iter()
        .map(|c| {
            let mut names = vec![category_name(tr, c)];
            let mut cur = c.parent_id;
            // Bounded, in case the stored tree were ever corrupt.
            while let Some(p) = cur.and_then(|id| by_id.get(&id)) {
                if names.len() > 32 {
                    break;
                }
                names.push(category_name(tr, p));
                cur = p.parent_id;
            }
            names.reverse();
            (c.id, names.join(" › "))
        })
        .collect()
}

/// One entry of the category picker.
#[derive(Debug, Clone)]
pub struct CategoryOption {
    /// Id as submitted.
    pub id: String,
    /// Name, indented by its depth in the tree.
    pub label: String,
    /// Whether it is the current choice.
    pub selected: bool,
}

/// The category picker: the tree in order, children indented under their parent, active
/// categories only. An inactive category is left out with its place taken by its active
/// children, so that nothing offered would be refused.
pub fn category_options(tr: &Tr, rows: &[CategoryRow], chosen: Option<i64>) -> Vec<CategoryOption> {
    let mut children: HashMap<Option<i64>, Vec<&CategoryRow>> = HashMap::new();
    let ids: std::collections::HashSet<i64> = rows.iter().map(|c| c.id).collect();
    for c in rows {
        // A parent that does not exist makes the category a root rather than hiding it.
        let parent = c.parent_id.filter(|p| ids.contains(p));
        children.entry(parent).or_default().push(c);
    }
    for list in children.values_mut() {
        list.sort_by_key(|c| category_name(tr, c).to_lowercase());
    }
    let mut out = Vec::new();
    // `seen` and the depth bound guard against a cycle in stored data.
    let mut seen = std::collections::HashSet::new();
    walk(tr, &children, None, 0, chosen, &mut out, &mut seen);
    out
}

fn walk(
    tr: &Tr,
    children: &HashMap<Option<i64>, Vec<&CategoryRow>>,
    parent: Option<i64>,
    depth: usize,
    chosen: Option<i64>,
    out: &mut Vec<CategoryOption>,
    seen: &mut std::collections::HashSet<i64>,
) {
    let Some(list) = children.get(&parent) else {
        return;
    };
    for c in list {
        if !seen.insert(c.id) || depth > 32 {
            continue;
        }
        if c.active {
            out.push(CategoryOption {
                id: c.id.to_string(),
                label: format!(
                    "{}{}",
                    "\u{a0}\u{a0}\u{a0}\u{a0}".repeat(depth),
                    category_name(tr, c)
                ),
                selected: chosen == Some(c.id),
            });
            walk(tr, children, Some(c.id), depth + 1, chosen, out, seen);
        } else {
            walk(tr, children, Some(c.id), depth, chosen, out, seen);
        }
    }
}

/// The message for a refused portal action: the service layer's error in the reader's words,
/// with the portal's own wording for the refusals a requester meets.
pub fn refusal(tr: &Tr, e: &AppError) -> (StatusCode, String) {
    match e {
        AppError::Invalid(f) => {
            let own = match (f.field.as_str(), f.code) {
                ("category_id", "inactive") | ("category_id", "unknown") => {
                    Some(tr.get("portal-error-category"))
                }
                ("body", "required") | ("reason", "required") => {
                    Some(tr.get("portal-error-empty-message"))
                }
                ("subject", "required") => Some(tr.get("portal-error-subject-required")),
                ("subject", "control_characters") => Some(tr.get("portal-error-one-line")),
                _ => None,
            };
            match own {
                Some(m) => (StatusCode::UNPROCESSABLE_ENTITY, m),
                None => app_error_text(e, tr),
            }
        }
        AppError::Transition { .. } => (StatusCode::CONFLICT, tr.get("portal-error-state")),
        AppError::Forbidden { .. } => (StatusCode::FORBIDDEN, tr.get("portal-error-forbidden")),
        _ => app_error_text(e, tr),
    }
}

/// The field a refusal concerns, to show its message beside that field.
pub fn refused_field(e: &AppError) -> String {
    match e {
        AppError::Invalid(f) => f.field.clone(),
        _ => String::new(),
    }
}
