-- Outbound mail (SQLite). Keep in step with migrations/postgres/0007_mail_outbox.sql: same
-- tables, same columns; a test compares them.

-- The durable outbox: one row per composed message (one recipient each), written in the
-- transaction of the ticket event that caused it, sent by the mail sender with retries.
-- State: sent (sent_at), failed for good (failed_at, after give_up_at passed), else pending.
-- A claim moves next_attempt_at forward (a lease), so that a node that dies while sending
-- leaves the message to be tried again, never lost.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER REFERENCES tickets(id),
    event TEXT NOT NULL,
    recipients TEXT NOT NULL,
    subject TEXT NOT NULL,
    message_id TEXT NOT NULL,
    raw BLOB NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    give_up_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT,
    failed_at TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX mail_outbox_message ON mail_outbox(message_id);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_ticket ON mail_outbox(ticket_id, id);

-- Message-IDs of each ticket's mail thread, without angle brackets: the ones we sent
-- (direction 'out') and, for the inbound side, the ones we received ('in'). Replies are
-- matched to their ticket through In-Reply-To/References looked up here; the first and the
-- last row of a ticket give the threading headers of the next message.
CREATE TABLE mail_message_ids (
    id INTEGER PRIMARY KEY,
    message_id TEXT NOT NULL,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    direction TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX mail_message_ids_message ON mail_message_ids(message_id);
CREATE INDEX mail_message_ids_ticket ON mail_message_ids(ticket_id, id);

-- Automatic replies queued by rules before the mail layer existed are not sent late.
UPDATE rule_replies SET sent_at = created_at WHERE sent_at IS NULL;
