//! Full-text search, the pure part: text analysis used identically when a document is indexed
//! and when a query is asked (so both databases hold the same terms and match them the same
//! way), the analysed query, snippets with highlighted parts, and the stop words free text
//! leaves out when it becomes a query. The store turns the terms and
//! the query into SQLite FTS5 or PostgreSQL tsvector SQL; see `docs/SEARCH.md`.

mod analysis;
mod query;
mod ranking;
mod snippet;
mod stop_words;

pub use analysis::{MAX_WORD_CHARS, fold, index_terms, index_text};
pub use query::{
    MAX_QUERY_CHARS, MAX_QUERY_WORDS, PREFIX_MIN_CHARS, SearchQuery, SearchTerm, TermGroup,
};
pub use snippet::{SNIPPET_CHARS, SnippetPart, snippet};
pub use stop_words::{is_stop_word, is_stop_word_prefix, stop_words};

/// The version of the analysis. Bump it whenever a change here, or in the text a document is
/// indexed with, would index a text differently: a server whose stored index is older rebuilds
/// it at start. 2: articles are indexed (and their snippets cut) from their plain text, not
/// their Markdown source.
pub const ANALYSIS_VERSION: i64 = 2;

#[cfg(test)]
mod tests;
