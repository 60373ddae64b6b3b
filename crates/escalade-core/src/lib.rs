//! Escalade's pure domain: the ticket model, its status state machine, the impact x urgency
//! priority matrix, escalation between support levels, the permission model, business
//! calendars, the automation rules, and the knowledge base's articles.
//!
//! Nothing here does I/O, touches a database or awaits. Every function takes data and returns a
//! decision, so the rules of the service desk can be tested in microseconds and reused by the
//! API, the web UI, the mail gateway and the scheduler alike.

pub mod authz;
pub mod calendar;
pub mod category;
pub mod error;
pub mod ids;
pub mod journal;
pub mod knowledge;
pub mod people;
pub mod rules;
pub mod search;
pub mod sla;
pub mod ticket;
pub mod validate;

pub use error::{DomainError, FieldError};
