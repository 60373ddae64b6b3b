//! What a rule names in storage (categories, groups, users, departments, SLA policies), so that
//! the service layer can refuse, at save time, a rule that names something that does not exist.

use serde::{Deserialize, Serialize};

use super::*;
use crate::error::DomainError;

impl Rule {
    /// Every stored object the rule names, with the path that names it, so that the service
    /// layer can refuse a rule that names a category, group, user, department or SLA policy
    /// that does not exist (see [`References::check`]).
    pub fn references(&self) -> References {
        let mut refs = References::default();
        let (key, items) = self.conditions.parts();
        collect_condition_refs(&format!("conditions.{key}"), items, &mut refs);
        for (i, a) in self.actions.iter().enumerate() {
            let path = format!("actions[{i}].{}", a.key());
            let r = match a {
                Action::SetCategory(c) => Reference::Category(*c),
                Action::SetGroup(Some(g)) => Reference::Group(*g),
                Action::SetAssignee(Some(u)) => Reference::User(*u),
                Action::SetSlaPolicy(p) => Reference::SlaPolicy(*p),
                _ => continue,
            };
            refs.0.push((path, r));
        }
        refs
    }
}

/// What a rule names, each with the path that names it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct References(pub Vec<(String, Reference)>);

/// A stored object a rule names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum Reference {
    /// A category.
    Category(CategoryId),
    /// A group.
    Group(GroupId),
    /// A user (an assignee).
    User(UserId),
    /// A department.
    Department(DepartmentId),
    /// An SLA policy.
    SlaPolicy(SlaPolicyId),
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reference::Category(id) => write!(f, "category {id}"),
            Reference::Group(id) => write!(f, "group {id}"),
            Reference::User(id) => write!(f, "user {id}"),
            Reference::Department(id) => write!(f, "department {id}"),
            Reference::SlaPolicy(id) => write!(f, "SLA policy {id}"),
        }
    }
}

impl References {
    /// Refuses the first reference that `exists` does not know, naming its path.
    pub fn check(&self, exists: impl Fn(Reference) -> bool) -> Result<(), DomainError> {
        match self.0.iter().find(|(_, r)| !exists(*r)) {
            Some((path, r)) => Err(DomainError::invalid(
                path.clone(),
                "unknown_reference",
                format!("{r} does not exist"),
            )),
            None => Ok(()),
        }
    }
}

fn collect_condition_refs(path: &str, items: &[Condition], refs: &mut References) {
    for (i, c) in items.iter().enumerate() {
        let here = format!("{path}[{i}].{}", c.key());
        match c {
            Condition::Category(v) => push_ids(&here, v, Reference::Category, refs),
            Condition::Group(v) => push_ids(&here, v, Reference::Group, refs),
            Condition::Assignee(v) => push_ids(&here, v, Reference::User, refs),
            Condition::RequesterDepartment(v) => push_ids(&here, v, Reference::Department, refs),
            Condition::All(inner) | Condition::Any(inner) | Condition::NoneOf(inner) => {
                collect_condition_refs(&here, inner, refs);
            }
            _ => {}
        }
    }
}

fn push_ids<T: Copy>(
    path: &str,
    v: &ValueTest<T>,
    make: fn(T) -> Reference,
    refs: &mut References,
) {
    let path = format!("{path}.{}", v.key());
    let ids: Vec<T> = match v {
        ValueTest::Is(x) | ValueTest::Not(x) => vec![*x],
        ValueTest::In(l)
        | ValueTest::NotIn(l)
        | ValueTest::Under(l)
        | ValueTest::NotUnder(l)
        | ValueTest::ChangedTo(l)
        | ValueTest::ChangedFrom(l) => l.clone(),
        ValueTest::Set(_) | ValueTest::Changed(_) => Vec::new(),
    };
    refs.0
        .extend(ids.into_iter().map(|id| (path.clone(), make(id))));
}
