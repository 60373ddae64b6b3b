-- Search candidates by source (PostgreSQL). Keep in step with migrations/sqlite/0013_search_sources.sql.
--
-- Tickets (and their notes) and knowledge articles are asked for candidates separately, each
-- source giving its most recent matches: otherwise a few thousand long articles, all holding
-- the common words and often the newest rows after an import, crowd the tickets out of the
-- candidates and make the walk by id read (and de-TOAST) their large vectors first. Each
-- source has its own walk by id (a partial index), and articles their own GIN index, small
-- enough to answer any word from the index alone.
CREATE INDEX search_documents_ticket_walk ON search_documents (id) WHERE doc_type <> 'article';
CREATE INDEX search_documents_article_walk ON search_documents (id) WHERE doc_type = 'article';
CREATE INDEX search_documents_article_tsv ON search_documents USING GIN (tsv) WHERE doc_type = 'article';

-- The planner chooses between a walk by id and the GIN index from how many documents it
-- expects to match, which it reads from the most common terms it sampled. With the default
-- (about 1,000 terms kept) the character pairs of Chinese text, many of them common, were
-- mostly missing and estimated rare: the index was chosen for words in 3 % of a million
-- documents and visited every one of their rows (a second, against 20 ms for the walk).
ALTER TABLE search_documents ALTER COLUMN tsv SET STATISTICS 1000;
