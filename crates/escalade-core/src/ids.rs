//! Identifiers: typed ids so that a user id is never passed where a ticket id belongs, and the
//! human ticket number (`INC-000123`) with its parser.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;
use crate::ticket::TicketType;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// A person: requester or agent.
    UserId
);
id_type!(
    /// A ticket's internal id; its public face is the [`TicketNumber`].
    TicketId
);
id_type!(
    /// An assignment group (a support team at one level).
    GroupId
);
id_type!(
    /// A department or customer organisation.
    DepartmentId
);
id_type!(
    /// A node of the category tree.
    CategoryId
);
id_type!(
    /// A role: a named bundle of permissions.
    RoleId
);
id_type!(
    /// An automation rule: an event rule or a time rule.
    RuleId
);
id_type!(
    /// An SLA policy, which rules may set on a ticket.
    SlaPolicyId
);

/// The human number of a ticket: the type's prefix and a sequence, e.g. `INC-000123`.
///
/// The sequence is shared by all types, so a number is unique on its own; the prefix tells a
/// reader the type at a glance. Numbers may have gaps (a failed creation consumes one) but are
/// never reused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TicketNumber {
    /// The type that gives the prefix.
    pub kind: TicketType,
    /// The sequence, equal to the ticket's internal id.
    pub seq: i64,
}

impl TicketNumber {
    /// The number of the ticket with this id and type.
    pub fn new(kind: TicketType, id: TicketId) -> Self {
        Self { kind, seq: id.0 }
    }

    /// The internal id this number stands for.
    pub fn id(&self) -> TicketId {
        TicketId(self.seq)
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:06}", self.kind.prefix(), self.seq)
    }
}

impl FromStr for TicketNumber {
    type Err = DomainError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            DomainError::invalid(
                "number",
                "malformed_number",
                format!("'{s}' is not a ticket number such as INC-000123"),
            )
        };
        let (prefix, digits) = s.trim().split_once('-').ok_or_else(bad)?;
        let kind = TicketType::from_prefix(&prefix.to_ascii_uppercase()).ok_or_else(bad)?;
        if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let seq: i64 = digits.parse().map_err(|_| bad())?;
        if seq <= 0 {
            return Err(bad());
        }
        Ok(Self { kind, seq })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_with_prefix_and_six_digits() {
        let n = TicketNumber::new(TicketType::Incident, TicketId(123));
        assert_eq!(n.to_string(), "INC-000123");
        let n = TicketNumber::new(TicketType::Complaint, TicketId(1_234_567));
        assert_eq!(n.to_string(), "CMP-1234567");
    }

    #[test]
    fn numbers_parse_back() {
        let n: TicketNumber = "req-000042".parse().unwrap();
        assert_eq!(n.kind, TicketType::ServiceRequest);
        assert_eq!(n.id(), TicketId(42));
        for bad in [
            "",
            "INC",
            "INC-",
            "XYZ-000001",
            "INC-12a",
            "INC-000000",
            "INC--1",
        ] {
            assert!(
                bad.parse::<TicketNumber>().is_err(),
                "{bad} should be refused"
            );
        }
    }
}
