//! Full-text search, the pure part: text analysis used identically when a document is indexed
//! and when a query is asked (so both databases hold the same terms and match them the same
//! way), the analysed query, and snippets with highlighted parts. The store turns the terms and
//! the query into SQLite FTS5 or PostgreSQL tsvector SQL; see `docs/SEARCH.md`.

mod analysis;
mod query;
mod snippet;

pub use analysis::{MAX_WORD_CHARS, fold, index_terms, index_text};
pub use query::{
    MAX_QUERY_CHARS, MAX_QUERY_WORDS, PREFIX_MIN_CHARS, SearchQuery, SearchTerm, TermGroup,
};
pub use snippet::{SNIPPET_CHARS, SnippetPart, snippet};

/// The version of the analysis. Bump it whenever a change here would index a text differently:
/// a server whose stored index is older rebuilds it at start.
pub const ANALYSIS_VERSION: i64 = 1;

#[cfg(test)]
mod tests;
