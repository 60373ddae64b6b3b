//! The domain's error vocabulary: what can go wrong when a rule of the service desk is applied.

use std::fmt;

/// One rejected input, named by the field it concerns so that forms and API clients can show the
/// message beside the right field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field the message concerns (`subject`, `impact`, ...).
    pub field: String,
    /// A stable snake_case code (`required`, `too_long`, `unknown_value`, ...).
    pub code: &'static str,
    /// A sentence for a person.
    pub message: String,
}

impl FieldError {
    /// Builds a field error.
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Why the domain refused an operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The input breaks a validation rule.
    #[error("{0}")]
    Invalid(FieldError),
    /// A status move the state machine does not allow; `rule` names the rule it breaks.
    #[error("{message}")]
    Transition {
        /// Stable name of the broken rule, e.g. `closed_is_final`.
        rule: &'static str,
        /// A sentence for a person.
        message: String,
    },
    /// The operation conflicts with the ticket's current state (not a status move).
    #[error("{message}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// A sentence for a person.
        message: String,
    },
}

impl DomainError {
    /// Shorthand for a field validation error.
    pub fn invalid(
        field: impl Into<String>,
        code: &'static str,
        message: impl Into<String>,
    ) -> Self {
        Self::Invalid(FieldError::new(field, code, message))
    }

    /// Shorthand for a conflict.
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        Self::Conflict {
            code,
            message: message.into(),
        }
    }
}
