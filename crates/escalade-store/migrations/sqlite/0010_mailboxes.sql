-- IMAP mailboxes (SQLite). Keep in step with migrations/postgres/0010_mailboxes.sql: same
-- tables, same columns; a test compares them.

-- A mailbox the desk polls over IMAP. `secret` is the login's password, never shown back.
-- Messages are taken by UID: `last_uid` is the highest UID already stored (advanced in the
-- same transaction as the stored message), valid while the folder's `uid_validity` is the
-- same. `state` is new (never polled), ok, or failing (with `last_error`, the number of
-- consecutive `failures`, and `next_poll_at` pushed back). `leased_until` keeps two nodes
-- from polling one mailbox at once.
CREATE TABLE mailboxes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    port INTEGER NOT NULL,
    security TEXT NOT NULL,
    login TEXT NOT NULL,
    secret TEXT,
    folder TEXT NOT NULL DEFAULT 'INBOX',
    group_id INTEGER REFERENCES support_groups(id),
    category_id INTEGER REFERENCES categories(id),
    active BOOLEAN NOT NULL DEFAULT TRUE,
    uid_validity INTEGER,
    last_uid INTEGER NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'new',
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    failing_since TEXT,
    next_poll_at TEXT NOT NULL,
    leased_until TEXT,
    last_ok_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX mailboxes_due ON mailboxes(next_poll_at) WHERE active;
CREATE INDEX mail_inbound_mailbox ON mail_inbound(mailbox_id, id);
