//! Impact, urgency and the matrix that turns them into a priority.

use serde::{Deserialize, Serialize};

use super::vocabulary::vocabulary;
use crate::error::DomainError;

vocabulary!(
    /// How widely the problem hurts the business.
    Impact {
        /// Many users, a whole service or a critical process.
        High => "high",
        /// A group of users or a part of a service.
        Medium => "medium",
        /// One user, with a way around it.
        Low => "low",
    }
);

vocabulary!(
    /// How soon the business needs it fixed.
    Urgency {
        /// Work has stopped.
        High => "high",
        /// Work is slowed down.
        Medium => "medium",
        /// It can wait.
        Low => "low",
    }
);

vocabulary!(
    /// The ticket's priority, from most to least pressing.
    Priority {
        /// Act now.
        Critical => "critical",
        /// Act today.
        High => "high",
        /// Normal handling.
        Medium => "medium",
        /// When time allows.
        Low => "low",
        /// For the record.
        Informational => "informational",
    }
);

impl Priority {
    /// 1 for critical down to 5 for informational, for sorting.
    pub fn rank(self) -> i64 {
        match self {
            Priority::Critical => 1,
            Priority::High => 2,
            Priority::Medium => 3,
            Priority::Low => 4,
            Priority::Informational => 5,
        }
    }

    /// The priority of a rank; ranks outside 1..=5 are clamped.
    pub fn from_rank(rank: i64) -> Self {
        match rank {
            i64::MIN..=1 => Priority::Critical,
            2 => Priority::High,
            3 => Priority::Medium,
            4 => Priority::Low,
            _ => Priority::Informational,
        }
    }
}

/// The impact x urgency matrix: `cells[impact][urgency]`, rows and columns in the order high,
/// medium, low. Administrators may edit it; the default is the usual ITIL diagonal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityMatrix {
    /// Rows by impact (high, medium, low), columns by urgency (high, medium, low).
    pub cells: [[Priority; 3]; 3],
}

impl Default for PriorityMatrix {
    fn default() -> Self {
        use Priority::*;
        Self {
            cells: [
                [Critical, High, Medium],
                [High, Medium, Low],
                [Medium, Low, Informational],
            ],
        }
    }
}

fn index3(i: Impact) -> usize {
    match i {
        Impact::High => 0,
        Impact::Medium => 1,
        Impact::Low => 2,
    }
}

fn index3u(u: Urgency) -> usize {
    match u {
        Urgency::High => 0,
        Urgency::Medium => 1,
        Urgency::Low => 2,
    }
}

impl PriorityMatrix {
    /// The priority the matrix gives for this impact and urgency.
    pub fn priority(&self, impact: Impact, urgency: Urgency) -> Priority {
        self.cells[index3(impact)][index3u(urgency)]
    }

    /// Refuses a matrix in which more impact or more urgency could lower the priority, since
    /// such a matrix would route the worst outages last.
    pub fn validate(&self) -> Result<(), DomainError> {
        for row in 0..3 {
            for col in 0..3 {
                let here = self.cells[row][col].rank();
                if row > 0 && self.cells[row - 1][col].rank() > here {
                    return Err(DomainError::invalid(
                        "cells",
                        "not_monotonic",
                        "a higher impact must never give a lower priority",
                    ));
                }
                if col > 0 && self.cells[row][col - 1].rank() > here {
                    return Err(DomainError::invalid(
                        "cells",
                        "not_monotonic",
                        "a higher urgency must never give a lower priority",
                    ));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matrix_covers_all_five_priorities() {
        let m = PriorityMatrix::default();
        assert_eq!(m.priority(Impact::High, Urgency::High), Priority::Critical);
        assert_eq!(m.priority(Impact::High, Urgency::Medium), Priority::High);
        assert_eq!(m.priority(Impact::Medium, Urgency::High), Priority::High);
        assert_eq!(m.priority(Impact::High, Urgency::Low), Priority::Medium);
        assert_eq!(
            m.priority(Impact::Medium, Urgency::Medium),
            Priority::Medium
        );
        assert_eq!(m.priority(Impact::Low, Urgency::High), Priority::Medium);
        assert_eq!(m.priority(Impact::Medium, Urgency::Low), Priority::Low);
        assert_eq!(m.priority(Impact::Low, Urgency::Medium), Priority::Low);
        assert_eq!(
            m.priority(Impact::Low, Urgency::Low),
            Priority::Informational
        );
        assert!(m.validate().is_ok());
    }

    #[test]
    fn inverted_matrix_is_refused() {
        let mut m = PriorityMatrix::default();
        m.cells[0][0] = Priority::Low;
        assert!(m.validate().is_err());
    }

    #[test]
    fn ranks_round_trip() {
        for p in Priority::ALL {
            assert_eq!(Priority::from_rank(p.rank()), *p);
        }
    }
}
