//! The service layer's errors: what the API and UI turn into status codes and messages.

use escalade_core::{DomainError, FieldError};
use escalade_store::StoreError;

/// Why an operation did not happen. Nothing was changed in any case.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No credentials, or credentials that do not work.
    #[error("{0}")]
    Unauthenticated(String),
    /// Too many failed attempts; try again later.
    #[error("too many failed attempts; try again in {0} seconds")]
    Throttled(u64),
    /// The object does not exist, or the caller may not know that it exists.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The caller may see the object but not do this.
    #[error("{message}")]
    Forbidden {
        /// The permission missing.
        permission: String,
        /// A sentence.
        message: String,
    },
    /// Invalid input.
    #[error("{0}")]
    Invalid(FieldError),
    /// A refused status move, naming the rule.
    #[error("{message}")]
    Transition {
        /// The rule.
        rule: &'static str,
        /// A sentence.
        message: String,
    },
    /// Conflicts with the current state or a unique value.
    #[error("{message}")]
    Conflict {
        /// Stable code.
        code: &'static str,
        /// A sentence.
        message: String,
    },
    /// The upload is bigger than allowed.
    #[error("the file is {size} bytes; the limit is {limit} bytes")]
    TooLarge {
        /// Bytes received.
        size: usize,
        /// Limit.
        limit: usize,
    },
    /// Storage is temporarily unavailable (retry may work).
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// A bug or an unexpected failure.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// A validation error on one field.
    pub fn invalid(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        AppError::Invalid(FieldError::new(field, code, message))
    }

    /// Refuses a page before the first or a page size outside `1..=max_per_page`, naming
    /// the field.
    pub fn check_page(page: i64, per_page: i64, max_per_page: i64) -> Result<(), AppError> {
        if page < 1 {
            return Err(AppError::invalid(
                "page",
                "out_of_range",
                "the page starts at 1",
            ));
        }
        if !(1..=max_per_page).contains(&per_page) {
            return Err(AppError::invalid(
                "per_page",
                "out_of_range",
                format!("per_page is between 1 and {max_per_page}"),
            ));
        }
        Ok(())
    }

    /// The caller lacks a permission on an object they can see.
    pub fn forbidden(permission: &str, message: impl Into<String>) -> Self {
        AppError::Forbidden {
            permission: permission.to_string(),
            message: message.into(),
        }
    }
}

impl From<DomainError> for AppError {
    fn from(e: DomainError) -> Self {
        match e {
            DomainError::Invalid(f) => AppError::Invalid(f),
            DomainError::Transition { rule, message } => AppError::Transition { rule, message },
            DomainError::Conflict { code, message } => AppError::Conflict { code, message },
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound("record"),
            StoreError::Conflict { code, message } => AppError::Conflict { code, message },
            StoreError::MissingReference => AppError::invalid(
                "reference",
                "missing_reference",
                "a referenced record does not exist",
            ),
            e if e.is_transient() => AppError::Unavailable(e.to_string()),
            e => AppError::Internal(e.to_string()),
        }
    }
}
