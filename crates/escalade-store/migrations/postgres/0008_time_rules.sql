-- When a ticket last entered each state that time rules watch (PostgreSQL). Keep in step with
-- migrations/sqlite/0008_time_rules.sql: same tables, same columns; a test compares them.
-- A time rule's job carries the instant the ticket entered the state (its "period"); when the
-- job comes up it acts only while the ticket is still in that same period, so a job left from
-- an earlier stay in pending (or in resolved) does nothing. `state` is 'pending' or 'resolved'.
CREATE TABLE ticket_state_entries (
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    state TEXT NOT NULL,
    entered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (ticket_id, state)
);

-- The reminders a remind_pending rule sent, numbered per pending period (`period_ms`: when the
-- period began, in milliseconds since 1970): one row per reminder step, so that a step is sent
-- once even if two jobs of one period come up.
CREATE TABLE time_rule_reminders (
    time_rule_id BIGINT NOT NULL,
    ticket_id BIGINT NOT NULL REFERENCES tickets(id),
    period_ms BIGINT NOT NULL,
    step BIGINT NOT NULL,
    sent_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (time_rule_id, ticket_id, period_ms, step)
);
