-- Full-text search (SQLite). Keep in step with migrations/postgres/0011_search.sql: same
-- tables, same columns, except the full-text index itself (here the FTS5 table `search_fts`,
-- there the `tsv` column), which the schema comparison leaves out.

-- One row per searchable document: a ticket (its subject, description and public replies),
-- an internal note ('ticket_note', its own document so that only readers of internal notes
-- match it), and later a knowledge article translation ('article'). `doc_id` is the id in the
-- owning table (ticket id, journal entry id, article translation id); `ticket_id` the ticket a
-- ticket document belongs to (its visibility is the ticket's); `parent_id` another grouping
-- (the article of a translation). `terms` is the analysed text (escalade-core's
-- `search::index_text`) that the full-text index holds; `body` the original text, for snippets.
CREATE TABLE search_documents (
    id INTEGER PRIMARY KEY,
    doc_type TEXT NOT NULL,
    doc_id INTEGER NOT NULL,
    ticket_id INTEGER,
    parent_id INTEGER,
    lang TEXT,
    visibility TEXT NOT NULL,
    category_id INTEGER,
    kind TEXT,
    status TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    terms TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (doc_type, doc_id)
);
CREATE INDEX search_documents_ticket ON search_documents (ticket_id);

-- The full-text index over `terms`, keyed by search_documents.id. Contentless: the text is
-- not stored twice; `contentless_delete` lets a document be replaced or removed. The terms
-- are already lowercased, folded and stemmed, so the tokenizer only splits on the spaces.
CREATE VIRTUAL TABLE search_fts USING fts5(
    terms,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 0'
);
