//! The closed vocabularies of a ticket: type, channel, nature and support level.

use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// Declares a closed vocabulary stored and exchanged as snake_case text.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable text form used in storage and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the text form; `field` names the input for the error message.
            pub fn parse(field: &str, s: &str) -> Result<Self, DomainError> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(DomainError::invalid(
                        field.to_string(),
                        "unknown_value",
                        format!(
                            "'{}' is not one of: {}",
                            s,
                            [$($text),+].join(", ")
                        ),
                    )),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// What kind of help the requester needs; it gives the number prefix.
    TicketType {
        /// Something that worked is broken.
        Incident => "incident",
        /// A request for something new (access, equipment, information).
        ServiceRequest => "service_request",
        /// A question or consultation.
        Question => "question",
        /// A complaint about the service.
        Complaint => "complaint",
    }
);

impl TicketType {
    /// The prefix of this type's ticket numbers.
    pub fn prefix(self) -> &'static str {
        match self {
            TicketType::Incident => "INC",
            TicketType::ServiceRequest => "REQ",
            TicketType::Question => "QST",
            TicketType::Complaint => "CMP",
        }
    }

    /// The type whose numbers carry this prefix.
    pub fn from_prefix(prefix: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|t| t.prefix() == prefix)
    }
}

vocabulary!(
    /// How the ticket reached the service desk.
    Channel {
        /// The self-service portal.
        Portal => "portal",
        /// An e-mail.
        Email => "email",
        /// A phone call taken by an agent.
        Phone => "phone",
        /// Live chat.
        Chat => "chat",
        /// The REST API.
        Api => "api",
        /// A monitoring alert.
        Monitoring => "monitoring",
        /// Social media.
        Social => "social",
        /// Someone walked up to the desk.
        WalkIn => "walk_in",
    }
);

vocabulary!(
    /// The nature of the request, for reporting per application.
    Nature {
        /// A technical fault or need.
        Technical => "technical",
        /// A question of how the application is meant to work.
        Functional => "functional",
        /// Driven by regulation or compliance.
        Regulatory => "regulatory",
    }
);

/// A support level: 0 is the hotline, 1 to 3 the technical lines (3 may be a vendor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct SupportLevel(u8);

impl SupportLevel {
    /// The highest level.
    pub const MAX: SupportLevel = SupportLevel(3);
    /// The hotline, where every ticket starts unless told otherwise.
    pub const HOTLINE: SupportLevel = SupportLevel(0);

    /// A level from a number, refused outside 0..=3.
    pub fn new(level: i64) -> Result<Self, DomainError> {
        if (0..=3).contains(&level) {
            Ok(Self(level as u8))
        } else {
            Err(DomainError::invalid(
                "level",
                "out_of_range",
                format!("support level must be between 0 and 3, not {level}"),
            ))
        }
    }

    /// The number of this level.
    pub fn get(self) -> i64 {
        i64::from(self.0)
    }

    /// The level above, if any.
    pub fn next(self) -> Option<Self> {
        (self.0 < 3).then(|| Self(self.0 + 1))
    }
}

impl TryFrom<i64> for SupportLevel {
    type Error = DomainError;
    fn try_from(v: i64) -> Result<Self, Self::Error> {
        Self::new(v)
    }
}

impl From<SupportLevel> for i64 {
    fn from(l: SupportLevel) -> i64 {
        l.get()
    }
}

impl std::fmt::Display for SupportLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}
