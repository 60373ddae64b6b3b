-- Recency buckets in the full-text index (SQLite). Keep in step with
-- migrations/postgres/0014_search_recency.sql.
--
-- Nothing to do here: FTS5 walks each word's list by row id, newest first, and stops at the
-- candidates it needs, whatever the word's frequency; PostgreSQL's GIN index cannot, hence
-- the recency lexemes there.
SELECT 1;
