//! A person's search words turned into what the index is asked: every word must match (AND),
//! each word in any of its forms (OR). A Chinese/Japanese run asks for all of its character
//! pairs, which behaves like a phrase. The last word also matches as a prefix when it is long
//! enough, so a word still being typed (or cut short) finds its completions.

use serde::Serialize;

use super::analysis::{RunKind, bigrams, fold, lower, runs, word_forms};
use crate::error::DomainError;

/// Longest query accepted, in characters.
pub const MAX_QUERY_CHARS: usize = 200;
/// Most words (groups) a query may ask for.
pub const MAX_QUERY_WORDS: usize = 12;
/// Shortest last word (in characters) also matched as a prefix.
pub const PREFIX_MIN_CHARS: usize = 3;

/// One form a document term may take to match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchTerm {
    /// The term, analysed like the index's.
    pub text: String,
    /// Whether any index term starting with `text` matches.
    pub prefix: bool,
}

/// Terms of which at least one must match: the forms of one query word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermGroup {
    /// The alternatives.
    pub any: Vec<SearchTerm>,
}

/// The pairs of a Chinese/Japanese run that cover each of its characters once (the 1st,
/// 3rd, 5th ... pair, and the last one when the run has an odd length). The index keeps every
/// overlapping pair, so asking for these finds the same documents as asking for all of them
/// nearly always, at half the terms: a pasted sentence stays within [`MAX_QUERY_WORDS`].
fn covering_pairs(pairs: Vec<String>) -> Vec<String> {
    let last = pairs.len() - 1;
    pairs
        .into_iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 0 || *i == last)
        .map(|(_, p)| p)
        .collect()
}

/// An analysed query: every group must match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SearchQuery {
    /// The groups: all required, or any one of them when `any_group` is set.
    pub groups: Vec<TermGroup>,
    /// Whether a document matches with any one group (free text: one group per word) rather
    /// than with every group (a search).
    pub any_group: bool,
}

impl SearchQuery {
    /// Analyses what a person typed. Refuses an empty query, one longer than
    /// [`MAX_QUERY_CHARS`], and one without a letter or digit, naming the field `q`.
    pub fn parse(input: &str) -> Result<Self, DomainError> {
        let input = input.trim();
        if input.is_empty() {
            return Err(DomainError::invalid(
                "q",
                "required",
                "type at least one word to search for",
            ));
        }
        if input.chars().count() > MAX_QUERY_CHARS {
            return Err(DomainError::invalid(
                "q",
                "too_long",
                format!("a search is at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let mut groups: Vec<TermGroup> = Vec::new();
        let all = runs(input);
        let last_index = all.len().saturating_sub(1);
        for (i, run) in all.into_iter().enumerate() {
            match run.kind {
                RunKind::Cjk => {
                    let pairs = bigrams(run.text);
                    if pairs.len() == 1 && run.text.chars().count() == 1 {
                        // A lone character is only ever inside pairs in the index.
                        groups.push(TermGroup {
                            any: vec![SearchTerm {
                                text: pairs[0].clone(),
                                prefix: true,
                            }],
                        });
                    } else {
                        for p in covering_pairs(pairs) {
                            groups.push(TermGroup {
                                any: vec![SearchTerm {
                                    text: p,
                                    prefix: false,
                                }],
                            });
                        }
                    }
                }
                RunKind::Word => {
                    let lowered = lower(run.text);
                    // A lone letter (the `l` of `l'imprimante`) narrows nothing.
                    if last_index > 0
                        && lowered.chars().count() == 1
                        && !lowered.chars().any(char::is_numeric)
                    {
                        continue;
                    }
                    let mut any: Vec<SearchTerm> = word_forms(&lowered)
                        .into_iter()
                        .map(|text| SearchTerm {
                            text,
                            prefix: false,
                        })
                        .collect();
                    if i == last_index && lowered.chars().count() >= PREFIX_MIN_CHARS {
                        let p = fold(&lowered.replace('ё', "е"));
                        // The prefix matches every form that starts with it: those need no
                        // term of their own (the index would test them twice).
                        any.retain(|t| !t.text.starts_with(&p));
                        any.push(SearchTerm {
                            text: p,
                            prefix: true,
                        });
                    }
                    if !any.is_empty() {
                        groups.push(TermGroup { any });
                    }
                }
            }
        }
        // The same group twice (a repeated word) asks nothing more.
        let mut unique: Vec<TermGroup> = Vec::with_capacity(groups.len());
        for g in groups {
            if !unique.contains(&g) {
                unique.push(g);
            }
        }
        if unique.is_empty() {
            return Err(DomainError::invalid(
                "q",
                "no_words",
                "the search has no letters or digits to look for",
            ));
        }
        if unique.len() > MAX_QUERY_WORDS {
            return Err(DomainError::invalid(
                "q",
                "too_many_words",
                format!("a search asks for at most {MAX_QUERY_WORDS} words"),
            ));
        }
        Ok(Self {
            groups: unique,
            any_group: false,
        })
    }

    /// The query with its words as typed only: every prefix term asked as a whole term.
    /// `None` when no term is a prefix. A search asks this first and lets the completions of
    /// the last word in only when it finds little: a complete common word then costs one walk
    /// of its own index list, not a merge of every list that starts like it.
    pub fn exact(&self) -> Option<SearchQuery> {
        if !self.groups.iter().any(|g| g.any.iter().any(|t| t.prefix)) {
            return None;
        }
        let groups = self
            .groups
            .iter()
            .map(|g| {
                let mut any: Vec<SearchTerm> = Vec::with_capacity(g.any.len());
                for t in &g.any {
                    let whole = SearchTerm {
                        text: t.text.clone(),
                        prefix: false,
                    };
                    if !any.contains(&whole) {
                        any.push(whole);
                    }
                }
                TermGroup { any }
            })
            .collect();
        Some(SearchQuery {
            groups,
            any_group: self.any_group,
        })
    }

    /// Whether an index term matches one of the group's terms.
    pub(crate) fn group_matches(group: &TermGroup, term: &str) -> bool {
        group.any.iter().any(|t| {
            if t.prefix {
                term.starts_with(&t.text)
            } else {
                term == t.text
            }
        })
    }
}
