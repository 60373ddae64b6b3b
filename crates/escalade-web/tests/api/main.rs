//! Escalade's HTTP API tested over a real socket. Every case runs on a fresh server backed by
//! SQLite and, when `ESCALADE_TEST_PG` holds a PostgreSQL URL, again on a throwaway PostgreSQL
//! database that is dropped afterwards (also when the case fails).
//!
//! Run with `cargo test -p escalade-web --test api`; add
//! `ESCALADE_TEST_PG=postgres://postgres@127.0.0.1:5432/postgres` for both backends.

mod attachments;
mod auth;
mod escalation;
mod fixtures;
mod imap_server;
mod isolation;
mod kb_search;
mod kb_suggestions;
mod knowledge;
mod knowledge_flow;
mod knowledge_links;
mod knowledge_permissions;
mod knowledge_review;
mod listing;
mod mail_idle;
mod mail_imap;
mod mail_inbound;
mod mail_limits;
mod mail_out;
mod mail_roundtrip;
mod mail_tls;
mod ops;
mod permissions;
mod rules_events;
mod rules_time;
mod rules_updates;
mod search;
mod sla_clocks;
mod sla_firing;
mod sla_pins;
mod sla_policies;
mod sla_support;
mod smtp_sink;
mod support;
mod test_ca;
mod tickets;
mod ui_account;
mod ui_admin;
mod ui_agent;
mod ui_knowledge;
mod ui_knowledge_editor;
mod ui_knowledge_flow;
mod ui_mail;
mod ui_mail_html;
mod ui_mailbox_form;
mod ui_portal;
mod ui_portal_kb;
mod ui_rules;
mod ui_sla;
mod ui_ticket;
mod ui_ticket_kb;
mod ui_time_rules;
mod validation;
mod web;
mod workflow;
