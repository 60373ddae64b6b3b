-- Search candidates by source (SQLite). Keep in step with migrations/postgres/0013_search_sources.sql.
--
-- Tickets (and their notes) and knowledge articles are asked for candidates separately, each
-- source giving its most recent matches: otherwise a few thousand long articles, all holding
-- the common words and often the newest rows after an import, crowd the tickets out of the
-- candidates (and make a walk through them slow). On SQLite each source has its own FTS5
-- table, keyed like `search_fts` by search_documents.id; bm25 is computed per table.
CREATE VIRTUAL TABLE search_fts_articles USING fts5(
    terms,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
INSERT INTO search_fts_articles (rowid, terms)
    SELECT id, terms FROM search_documents WHERE doc_type = 'article';
DELETE FROM search_fts WHERE rowid IN (SELECT id FROM search_documents WHERE doc_type = 'article');
