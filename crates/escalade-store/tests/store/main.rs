//! Store conformance suite: the same tests on SQLite and, when `ESCALADE_TEST_PG` is set, on
//! PostgreSQL (each run makes and drops its own database).

mod conformance;
mod knowledge;
mod mail;
mod search;
mod search_recency;
mod sla;
mod support;
