-- The knowledge base (SQLite). Keep in step with migrations/postgres/0012_knowledge.sql: same
-- tables, same columns; a test compares them.

-- An article. Its text lives in kb_translations, one row per language, the original language's
-- row included. `version` is the number of the newest kb_versions row (every edit and every
-- translation is one). Counters (views, votes, deflections) live on the row so lists sort on
-- them without counting; votes are recounted from kb_votes on each vote. `category_id` and the
-- free `service` text are the article's links to the category tree and to a service (until
-- the CMDB exists). `source_ticket_id` is the ticket an article was drafted from.
CREATE TABLE kb_articles (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    category_id INTEGER REFERENCES categories(id),
    service TEXT,
    visibility TEXT NOT NULL,
    status TEXT NOT NULL,
    original_lang TEXT NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    approved_by INTEGER REFERENCES users(id),
    approved_at TEXT,
    published_at TEXT,
    reviewed_at TEXT,
    source_ticket_id INTEGER REFERENCES tickets(id),
    view_count INTEGER NOT NULL DEFAULT 0,
    helpful INTEGER NOT NULL DEFAULT 0,
    not_helpful INTEGER NOT NULL DEFAULT 0,
    deflections INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX kb_articles_status ON kb_articles(status, visibility, id);
CREATE INDEX kb_articles_category ON kb_articles(category_id);
CREATE INDEX kb_articles_views ON kb_articles(view_count);
CREATE INDEX kb_articles_author ON kb_articles(author_id);
CREATE INDEX kb_articles_source ON kb_articles(source_ticket_id) WHERE source_ticket_id IS NOT NULL;

-- The text of an article in one language: title and content (JSON, tagged by kind, every part
-- Markdown).
CREATE TABLE kb_translations (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    updated_by INTEGER REFERENCES users(id),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (article_id, lang)
);

-- Every edit of every language, numbered per article; never changed.
CREATE TABLE kb_versions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,
    lang TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    author_id INTEGER REFERENCES users(id),
    note TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (article_id, number)
);

-- Files attached to an article; the content is the shared blob store's (one copy per SHA-256).
CREATE TABLE kb_attachments (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL REFERENCES blobs(sha256),
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL
);
CREATE INDEX kb_attachments_article ON kb_attachments(article_id, id);

-- Articles linked to tickets (the article that solved it, or that it became).
CREATE TABLE kb_ticket_links (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    linked_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (article_id, ticket_id)
);
CREATE INDEX kb_ticket_links_ticket ON kb_ticket_links(ticket_id);

-- One vote per reader per article; changing one's mind replaces it.
CREATE TABLE kb_votes (
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    helpful BOOLEAN NOT NULL,
    voted_at TEXT NOT NULL,
    PRIMARY KEY (article_id, user_id)
);

-- "This solved my problem": an article shown while a ticket was being typed, and no ticket
-- opened. `typed_text` is what the requester had typed, for tuning suggestions.
CREATE TABLE kb_deflections (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users(id),
    typed_text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX kb_deflections_article ON kb_deflections(article_id, id);

-- Existing installations: the built-in roles get the knowledge permissions that new ones are
-- created with (agents write, leads and administrators publish, auditors read).
UPDATE roles SET permissions = permissions || ',kb.read_internal,kb.write'
    WHERE builtin = TRUE AND name = 'agent' AND permissions NOT LIKE '%kb.write%';
UPDATE roles SET permissions = permissions || ',kb.publish,kb.read_internal,kb.write'
    WHERE builtin = TRUE AND name IN ('team_lead', 'administrator') AND permissions NOT LIKE '%kb.publish%';
UPDATE roles SET permissions = permissions || ',kb.read_internal'
    WHERE builtin = TRUE AND name = 'auditor' AND permissions NOT LIKE '%kb.read_internal%';
