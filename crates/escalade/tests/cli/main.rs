//! End-to-end tests of the `escalade` binary as an operator runs it: real processes, real
//! sockets, real signals. One test binary for the crate (see the modules).

mod durability;
mod mailgate;
mod operator;
mod sla_scheduler;
mod support;
