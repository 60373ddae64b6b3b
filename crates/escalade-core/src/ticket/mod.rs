//! The ticket: its vocabulary (type, channel, nature, support level), its fields, and the rules
//! that govern changing them.

mod escalation;
mod model;
mod priority;
mod status;
mod vocabulary;

pub use escalation::{Escalation, EscalationTarget, plan_escalation, plan_take};
pub use model::{
    FieldChange, KeyFacts, MAX_DESCRIPTION, MAX_SUBJECT, NewTicket, Ticket, TicketPatch,
};
pub use priority::{Impact, Priority, PriorityMatrix, Urgency};
pub use status::{MoveContext, Status, check_transition};
pub use vocabulary::{Channel, Nature, SupportLevel, TicketType};
