//! Ranking documents from their stored terms, where the database's own relevance is not
//! used (SQLite): a BM25 shape, with saturating term frequencies, lengths weighed against the
//! average of the documents ranked together, and each word weighed by how rare it is among
//! them (a word every candidate holds tells them apart less).

use std::collections::HashMap;

use super::query::SearchQuery;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// A ticket's subject and description: the length a lone document is weighed against.
const TYPICAL_TERMS: f64 = 40.0;
/// Query terms past which a document's terms are counted in a map rather than each compared
/// with every query term.
const MANY_ALTERNATIVES: usize = 8;

impl SearchQuery {
    /// How well one document whose analysed text is `terms` (as stored: index terms separated
    /// by spaces) answers the query: `None` when it does not match (a group without a
    /// matching term, or every group without one for free text), else its score against a
    /// ticket's typical length.
    pub fn score_terms(&self, terms: &str) -> Option<f64> {
        let (tf, len) = self.frequencies(terms);
        let weights = vec![1.0; tf.len()];
        self.matches_counts(&tf)
            .then(|| bm25(&tf, &weights, len as f64, TYPICAL_TERMS))
    }

    /// Scores documents ranked together (their stored terms), one per document, `None` for
    /// those that do not match. Lengths are weighed against the average of the matching ones
    /// (as BM25 weighs against its collection: a long article among articles like a short
    /// ticket among tickets), and each group by its rarity among them, `1 + ln(n / df)`: 1
    /// when every document holds it, as in a search whose words are all required, more for
    /// the rarer words of free text.
    pub fn rank_together(&self, docs: &[&str]) -> Vec<Option<f64>> {
        let counted: Vec<(Vec<usize>, usize)> = docs.iter().map(|d| self.frequencies(d)).collect();
        let matching: Vec<bool> = counted
            .iter()
            .map(|(tf, _)| self.matches_counts(tf))
            .collect();
        let n = matching.iter().filter(|m| **m).count();
        if n == 0 {
            return vec![None; docs.len()];
        }
        let total: usize = counted
            .iter()
            .zip(&matching)
            .filter(|(_, m)| **m)
            .map(|((_, len), _)| len)
            .sum();
        let average = total as f64 / n as f64;
        let weights: Vec<f64> = (0..self.groups.len())
            .map(|g| {
                let df = counted
                    .iter()
                    .zip(&matching)
                    .filter(|((tf, _), m)| **m && tf[g] > 0)
                    .count();
                if df == 0 {
                    1.0
                } else {
                    1.0 + (n as f64 / df as f64).ln()
                }
            })
            .collect();
        counted
            .iter()
            .zip(matching)
            .map(|((tf, len), m)| m.then(|| bm25(tf, &weights, *len as f64, average)))
            .collect()
    }

    /// Each group's term frequency in `terms`, and the document's length in terms.
    fn frequencies(&self, terms: &str) -> (Vec<usize>, usize) {
        let alternatives: usize = self.groups.iter().map(|g| g.any.len()).sum();
        if alternatives <= MANY_ALTERNATIVES {
            self.frequencies_by_scan(terms)
        } else {
            self.frequencies_by_map(terms)
        }
    }

    /// A search's few words: one pass, each term compared with each of them.
    fn frequencies_by_scan(&self, terms: &str) -> (Vec<usize>, usize) {
        let mut tf = vec![0; self.groups.len()];
        let mut len = 0;
        for w in terms.split_whitespace() {
            len += 1;
            for (g, group) in self.groups.iter().enumerate() {
                if Self::group_matches(group, w) {
                    tf[g] += 1;
                }
            }
        }
        (tf, len)
    }

    /// Free text's many words: the document's terms counted once, each word looked up.
    fn frequencies_by_map(&self, terms: &str) -> (Vec<usize>, usize) {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        let mut len = 0;
        for w in terms.split_whitespace() {
            *counts.entry(w).or_default() += 1;
            len += 1;
        }
        let tf = self
            .groups
            .iter()
            .map(|group| {
                if group.any.iter().any(|t| t.prefix) {
                    return counts
                        .iter()
                        .filter(|(w, _)| Self::group_matches(group, w))
                        .map(|(_, n)| n)
                        .sum();
                }
                let mut asked: Vec<&str> = Vec::with_capacity(group.any.len());
                for t in &group.any {
                    if !asked.contains(&t.text.as_str()) {
                        asked.push(t.text.as_str());
                    }
                }
                asked.iter().filter_map(|t| counts.get(t)).sum()
            })
            .collect();
        (tf, len)
    }

    /// Whether frequencies per group make a match.
    fn matches_counts(&self, tf: &[usize]) -> bool {
        if self.any_group {
            tf.iter().any(|n| *n > 0)
        } else {
            tf.iter().all(|n| *n > 0)
        }
    }
}

/// The BM25 shape over per-group frequencies and weights.
fn bm25(tf: &[usize], weights: &[f64], len: f64, average: f64) -> f64 {
    let norm = K1 * (1.0 - B + B * len / average.max(1.0));
    tf.iter()
        .zip(weights)
        .filter(|(t, _)| **t > 0)
        .map(|(t, w)| {
            let t = *t as f64;
            w * t * (K1 + 1.0) / (t + norm)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::query::{SearchTerm, TermGroup};
    use super::*;

    proptest! {
        #[test]
        fn both_ways_of_counting_agree(
            doc in proptest::collection::vec("[abc]{1,3}", 0..40),
            groups in proptest::collection::vec(
                proptest::collection::vec(("[abc]{1,3}", any::<bool>()), 1..4),
                1..6,
            ),
            any_group in any::<bool>(),
        ) {
            let q = SearchQuery {
                groups: groups
                    .into_iter()
                    .map(|g| TermGroup {
                        any: g
                            .into_iter()
                            .map(|(text, prefix)| SearchTerm { text, prefix })
                            .collect(),
                    })
                    .collect(),
                any_group,
            };
            let terms = doc.join(" ");
            prop_assert_eq!(q.frequencies_by_scan(&terms), q.frequencies_by_map(&terms));
        }
    }
}
