-- SLA policies and clocks, OLA targets, notifications and the scheduler's durable jobs
-- (SQLite). Keep in step with migrations/postgres/0003_sla.sql: same tables, same columns; a
-- test compares them. Instants are RFC 3339 text in UTC, which sorts like time.

-- The lead of a group is notified when an SLA warns or breaches on one of its tickets.
ALTER TABLE support_groups ADD COLUMN lead_id INTEGER REFERENCES users(id);

-- Business calendars; `definition` is the calendar's JSON (docs/CALENDARS.md).
CREATE TABLE calendars (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- SLA policies, tried in `position` order; `definition` is the policy's JSON.
CREATE TABLE sla_policies (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL,
    active BOOLEAN NOT NULL,
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX sla_policies_position ON sla_policies(position, id);

-- Operational level targets per support level (and optionally group).
CREATE TABLE ola_targets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL,
    level INTEGER NOT NULL,
    group_id INTEGER REFERENCES support_groups(id),
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- One row per clock of a ticket. `policy_id` names an sla_policies row (or an ola_targets row
-- for kind 'ola') without a foreign key, so that a policy can be retired while the clocks it
-- measured stay as history. `due_at` and `warn_at` are NULL while the clock is paused; the
-- scheduler fires a warning or a breach by setting `warned_at` / `breached_at` once.
CREATE TABLE ticket_clocks (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    kind TEXT NOT NULL,
    level INTEGER,
    group_id INTEGER REFERENCES support_groups(id),
    policy_id INTEGER NOT NULL,
    policy_name TEXT NOT NULL,
    calendar_id INTEGER NOT NULL REFERENCES calendars(id),
    choice TEXT NOT NULL,
    target_seconds INTEGER NOT NULL,
    warn_percent INTEGER NOT NULL,
    started_at TEXT NOT NULL,
    running_since TEXT,
    consumed_seconds INTEGER NOT NULL,
    segments TEXT NOT NULL,
    due_at TEXT,
    warn_at TEXT,
    stopped_at TEXT,
    outcome TEXT,
    warned_at TEXT,
    warned_by TEXT,
    breached_at TEXT,
    breached_by TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX ticket_clocks_ticket ON ticket_clocks(ticket_id, id);
-- "Due soon" scans of the scheduler: only clocks that can still fire are indexed.
CREATE INDEX ticket_clocks_warn_due ON ticket_clocks(warn_at)
    WHERE warned_at IS NULL AND stopped_at IS NULL AND warn_at IS NOT NULL;
CREATE INDEX ticket_clocks_breach_due ON ticket_clocks(due_at)
    WHERE breached_at IS NULL AND stopped_at IS NULL AND due_at IS NOT NULL;
-- Recomputing the open clocks of a policy or calendar after an administrator changed it.
CREATE INDEX ticket_clocks_open_policy ON ticket_clocks(policy_id) WHERE stopped_at IS NULL;
CREATE INDEX ticket_clocks_open_calendar ON ticket_clocks(calendar_id) WHERE stopped_at IS NULL;
-- The "SLA at risk" queue: running clocks that warned or breached.
CREATE INDEX ticket_clocks_at_risk ON ticket_clocks(ticket_id)
    WHERE stopped_at IS NULL AND (warned_at IS NOT NULL OR breached_at IS NOT NULL);

-- In-app notifications.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    ticket_id INTEGER REFERENCES tickets(id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    data TEXT NOT NULL,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, id);

-- Work the scheduler must do at a given time that is not an SLA clock (time-based rules,
-- reminders): stored, so that it survives restarts, and claimed by one node at a time.
CREATE TABLE scheduled_jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    job_key TEXT,
    ticket_id INTEGER REFERENCES tickets(id),
    payload TEXT NOT NULL,
    run_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    last_error TEXT,
    done_at TEXT,
    done_by TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX scheduled_jobs_key ON scheduled_jobs(job_key) WHERE job_key IS NOT NULL;
CREATE INDEX scheduled_jobs_due ON scheduled_jobs(run_at) WHERE done_at IS NULL;
