-- Inbound mail (SQLite). Keep in step with migrations/postgres/0009_mail_inbound.sql: same
-- tables, same columns; a test compares them.

-- Every message that reaches the desk, stored before anything else happens to it (the mail
-- gateway answers the MTA only after this row and its raw bytes are committed), then
-- processed: `state` is received (waiting), done (it made or changed a ticket), ignored
-- (automatic mail, a loop), or quarantined (unreadable or failing; an administrator can
-- re-process it). The raw message is a blob, kept for download and re-processing.
CREATE TABLE mail_inbound (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    mailbox_id INTEGER,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    size INTEGER NOT NULL,
    sender TEXT,
    message_id TEXT,
    subject TEXT,
    state TEXT NOT NULL,
    decision TEXT,
    ticket_id INTEGER REFERENCES tickets(id),
    journal_id INTEGER REFERENCES journal(id),
    error TEXT,
    attempts INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    processed_at TEXT
);
CREATE INDEX mail_inbound_waiting ON mail_inbound(id) WHERE state = 'received';
CREATE INDEX mail_inbound_state ON mail_inbound(state, id);
CREATE INDEX mail_inbound_sender ON mail_inbound(sender, received_at);
CREATE INDEX mail_inbound_message_id ON mail_inbound(message_id);
CREATE INDEX mail_inbound_ticket ON mail_inbound(ticket_id, id);

-- Another system's identifier for a ticket (a monitoring alert, a partner's ticket number),
-- so that its repeated mails land on one ticket.
CREATE TABLE ticket_external_ids (
    source TEXT NOT NULL,
    external_id TEXT NOT NULL,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (source, external_id)
);
