//! The category tree and the ten categories every installation starts with.

use serde::{Deserialize, Serialize};

use crate::ids::CategoryId;

/// A node of the category tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Id.
    pub id: CategoryId,
    /// Parent node; `None` for a root.
    pub parent: Option<CategoryId>,
    /// Stable key for rules and translations (`hardware_failure`).
    pub key: String,
    /// Name shown to people.
    pub name: String,
    /// Whether tickets of this category are restricted to the security team.
    pub security: bool,
}

/// The ten default categories: key, English name, whether restricted to the security team.
pub const DEFAULT_CATEGORIES: [(&str, &str, bool); 10] = [
    ("hardware_failure", "Hardware failure", false),
    ("software_failure", "Software failure", false),
    ("network", "Network", false),
    ("security", "Security", true),
    ("user_support", "User support", false),
    ("service_request", "Service request", false),
    ("data_recovery", "Data recovery", false),
    (
        "performance_optimisation",
        "Performance optimisation",
        false,
    ),
    ("consulting", "Consulting", false),
    ("other", "Other", false),
];

/// Whether making `parent` the parent of `node` would create a cycle, given a lookup of each
/// node's parent.
pub fn would_cycle(
    node: CategoryId,
    parent: Option<CategoryId>,
    parent_of: impl Fn(CategoryId) -> Option<CategoryId>,
) -> bool {
    let mut cur = parent;
    let mut steps = 0;
    while let Some(p) = cur {
        if p == node || steps > 10_000 {
            return true;
        }
        cur = parent_of(p);
        steps += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_defaults_one_restricted() {
        assert_eq!(DEFAULT_CATEGORIES.len(), 10);
        assert_eq!(DEFAULT_CATEGORIES.iter().filter(|c| c.2).count(), 1);
    }

    #[test]
    fn cycles_are_detected() {
        // 1 <- 2 <- 3
        let parent_of = |c: CategoryId| match c.0 {
            2 => Some(CategoryId(1)),
            3 => Some(CategoryId(2)),
            _ => None,
        };
        assert!(would_cycle(CategoryId(1), Some(CategoryId(3)), parent_of));
        assert!(!would_cycle(CategoryId(3), Some(CategoryId(1)), parent_of));
        assert!(would_cycle(CategoryId(4), Some(CategoryId(4)), parent_of));
    }
}
