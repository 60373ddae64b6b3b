-- A ticket's pinned SLA policy (SQLite). Keep in step with migrations/postgres/0006_sla_pin.sql.
-- Set by a rule's `set_sla_policy` action or by an agent: while the policy exists and is
-- active, the SLA engine uses it instead of choosing one by conditions. `policy_id` has no
-- foreign key and the policy's name is kept, so that a pin outliving its policy still says what
-- was pinned (the engine then falls back to the conditions and the explanation says so).
-- Pinned by a rule (`rule_id`, `rule_name`) or by a person (`user_id`, `user_name`).
CREATE TABLE ticket_sla_pins (
    ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id),
    policy_id INTEGER NOT NULL,
    policy_name TEXT NOT NULL,
    rule_id INTEGER,
    rule_name TEXT,
    user_id INTEGER REFERENCES users(id),
    user_name TEXT,
    pinned_at TEXT NOT NULL
);
