//! Integration tests of the service layer, run on SQLite and, when `ESCALADE_TEST_PG` holds a
//! PostgreSQL URL, on PostgreSQL too (each run makes and drops its own database).

mod demo;
mod scheduler;
mod support;
