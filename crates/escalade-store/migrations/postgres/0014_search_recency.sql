-- Recency buckets in the full-text index (PostgreSQL). Keep in step with
-- migrations/sqlite/0014_search_recency.sql (nothing to do there).
--
-- A search takes the most recent matches of each source. Common words are found by walking
-- the newest documents one by one; a word rare among them must come from the GIN index, which
-- hands over every match of the desk in no order, each read from the table before the newest
-- can be picked (a word in 1 % of a million documents: 10,000 rows read for 201 kept). So each
-- document's vector also holds the lexeme `~N`, N being its id divided by 4,096: asking
-- for `words & (~243 | ~242)` makes the index itself keep the matches of the newest ids, and only
-- those rows are read. No analysed term starts with `~`, so no search matches it by accident.
CREATE FUNCTION search_documents_recency() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- On an upsert the insert's bucket came from an id the row did not keep: the update puts
    -- the row's own back.
    NEW.tsv := ts_delete(
        NEW.tsv,
        ARRAY(SELECT l FROM unnest(tsvector_to_array(NEW.tsv)) l WHERE l LIKE '~%')
    ) || array_to_tsvector(ARRAY['~' || (NEW.id >> 12)]);
    RETURN NEW;
END
$$;

CREATE TRIGGER search_documents_recency BEFORE INSERT OR UPDATE OF tsv ON search_documents
    FOR EACH ROW EXECUTE FUNCTION search_documents_recency();

-- The tickets' own GIN index replaces the one over every document: asked for the recent
-- buckets, the one over everything also handed over the articles of those ids (every long
-- article holds the common words), each read and thrown away. Articles have theirs (0013).
DROP INDEX search_documents_tsv;

UPDATE search_documents SET tsv = tsv;

CREATE INDEX search_documents_ticket_tsv ON search_documents USING GIN (tsv) WHERE doc_type <> 'article';
