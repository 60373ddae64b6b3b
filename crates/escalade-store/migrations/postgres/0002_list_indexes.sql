-- Indexes for queue pages. A page counts its matches and reads one page, newest first. The
-- single-column indexes of 0001 serve one filter in id order; these serve status combined
-- with one other filter, so that both the count and the page run on one index instead of
-- reading every matching ticket row.
CREATE INDEX tickets_status_group ON tickets(status, group_id, id);
CREATE INDEX tickets_status_assignee ON tickets(status, assignee_id, id);
CREATE INDEX tickets_status_level ON tickets(status, level, id);
CREATE INDEX tickets_status_kind ON tickets(status, kind, id);
CREATE INDEX tickets_status_priority ON tickets(status, priority_rank, id);
CREATE INDEX tickets_status_category ON tickets(status, category_id, id);

-- Security-restricted tickets are few; readers outside the security team exclude them through
-- this partial index instead of checking every row.
CREATE INDEX tickets_security ON tickets(id) WHERE security = TRUE;
