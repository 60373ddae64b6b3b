-- Event rules, time rules and the automatic replies they produce (SQLite). Keep in step with
-- migrations/postgres/0004_rules.sql: same tables, same columns; a test compares them.
-- The shipped rules are data (they name category ids), so they are seeded at bootstrap, not
-- here. Time rules' due work is stored in scheduled_jobs (kind 'time_rule', one key per rule
-- and ticket), so no table of its own.

-- Event rules, run in `position` order per event; `definition` is the rule's JSON
-- (docs/RULES.md). `name`, `event` and `active` repeat what the JSON says, for listing.
CREATE TABLE rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    event TEXT NOT NULL,
    position INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX rules_position ON rules(position, id);

-- Time rules; `kind` is remind_pending, auto_close_resolved or escalate_unassigned.
CREATE TABLE time_rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    active BOOLEAN NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Automatic replies and reminders waiting for the mail layer (an outbox): written in the
-- transaction of the rule that produced them; `sent_at` is set by whoever sends them.
CREATE TABLE rule_replies (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    rule_id INTEGER,
    time_rule_id INTEGER,
    template TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX rule_replies_ticket ON rule_replies(ticket_id, id);
CREATE INDEX rule_replies_unsent ON rule_replies(id) WHERE sent_at IS NULL;
