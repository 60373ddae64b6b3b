//! Snippets: the window of a document's text that best shows why it matched, cut into plain
//! and highlighted parts. The parts are text, never HTML, so whoever shows them escapes the
//! text and marks the highlighted parts its own way. A window starts and ends between words,
//! never inside one.

use serde::Serialize;
use unicode_segmentation::UnicodeSegmentation;

use super::analysis::{RunKind, fold, is_cjk, lower, runs, word_terms};
use super::query::SearchQuery;

/// Length of a snippet, in characters, about.
pub const SNIPPET_CHARS: usize = 200;
/// How much text is shown before the first highlighted word, in characters.
const LEAD_CHARS: usize = 40;
/// Most matches looked at when choosing the window (a long text can match thousands of times).
const MAX_HITS: usize = 256;

/// A piece of a snippet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SnippetPart {
    /// The text, to be escaped by whoever shows it.
    pub text: String,
    /// Whether it matched the search.
    pub highlighted: bool,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    start: usize,
    end: usize,
    group: usize,
}

fn matching_group(q: &SearchQuery, terms: &[String]) -> Option<usize> {
    q.groups.iter().position(|g| {
        terms
            .iter()
            .any(|t| SearchQuery::group_matches(g, t.as_str()))
    })
}

fn hits(text: &str, q: &SearchQuery) -> Vec<Hit> {
    let mut out = Vec::new();
    for run in runs(text) {
        if out.len() >= MAX_HITS {
            break;
        }
        match run.kind {
            RunKind::Word => {
                let lowered = lower(run.text);
                let mut terms = Vec::with_capacity(3);
                word_terms(&lowered, None, &mut terms);
                terms.push(fold(&lowered.replace('ё', "е")));
                if let Some(group) = matching_group(q, &terms) {
                    out.push(Hit {
                        start: run.start,
                        end: run.start + run.text.len(),
                        group,
                    });
                }
            }
            RunKind::Cjk => {
                let chars: Vec<(usize, char)> = run.text.char_indices().collect();
                let width = if chars.len() == 1 { 1 } else { 2 };
                for w in chars.windows(width) {
                    let (first, _) = w[0];
                    let (last, c) = w[w.len() - 1];
                    let gram = &run.text[first..last + c.len_utf8()];
                    if let Some(group) = matching_group(q, &[gram.to_string()]) {
                        out.push(Hit {
                            start: run.start + first,
                            end: run.start + last + c.len_utf8(),
                            group,
                        });
                    }
                }
            }
        }
    }
    out
}

/// The byte offset `n` characters before `at` (or 0).
fn back(text: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    text[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
fn forward(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

/// The byte offsets where a window may start or end: the Unicode word boundaries, and between
/// any two characters of Chinese or Japanese (written without spaces between words).
fn cut_points(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    for (at, word) in text.split_word_bound_indices() {
        out.push(at);
        if word.chars().any(is_cjk) {
            out.extend(word.char_indices().skip(1).map(|(i, _)| at + i));
        }
    }
    out.push(text.len());
    out
}

/// Whether `c` belongs to the words before it rather than after it: a window does not start
/// with it (nor with white space).
fn trails(c: char) -> bool {
    c.is_whitespace() || ",.;:!?)]}…、。，；：！？）".contains(c)
}

/// The start of a window moved forward to the next cut point, past white space and closing
/// punctuation, but never past `hit` (the start of the match the window is for).
fn align_start(text: &str, cuts: &[usize], start: usize, hit: usize) -> usize {
    let at = cuts[cuts.partition_point(|&c| c < start)].min(hit);
    text[at..hit]
        .char_indices()
        .find(|(_, c)| !trails(*c))
        .map_or(hit, |(i, _)| at + i)
}

/// The end of a window moved back to the previous cut point and before white space. A window
/// holding no cut point after `start` (one word longer than the window) keeps its end: that
/// word is cut, the only way to show it within [`SNIPPET_CHARS`].
fn align_end(text: &str, cuts: &[usize], start: usize, end: usize) -> usize {
    let at = cuts[..cuts.partition_point(|&c| c <= end)]
        .last()
        .copied()
        .filter(|&c| c > start)
        .unwrap_or(end);
    start + text[start..at].trim_end().len()
}

/// One space for every run of white space, so a snippet reads as one line.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

fn push(parts: &mut Vec<SnippetPart>, text: &str, highlighted: bool) {
    let text = squeeze(text);
    if text.is_empty() {
        return;
    }
    match parts.last_mut() {
        Some(last) if last.highlighted == highlighted => last.text.push_str(&text),
        _ => parts.push(SnippetPart { text, highlighted }),
    }
}

/// The best window of about [`SNIPPET_CHARS`] characters of `text` for `q`: the one showing the
/// most different query words, then the most matches; the start of the text when nothing
/// matches. A cut text is marked with `…` at the cut.
pub fn snippet(text: &str, q: &SearchQuery) -> Vec<SnippetPart> {
    let found = hits(text, q);
    let cuts = cut_points(text);
    let mut best: Option<(usize, usize, usize)> = None; // (score, window start, window end)
    for (i, h) in found.iter().enumerate() {
        let start = align_start(text, &cuts, back(text, h.start, LEAD_CHARS), h.start);
        let end = align_end(text, &cuts, start, forward(text, start, SNIPPET_CHARS));
        let mut groups: Vec<usize> = Vec::new();
        let mut count = 0;
        for later in found[i..].iter().take_while(|l| l.end <= end) {
            count += 1;
            if !groups.contains(&later.group) {
                groups.push(later.group);
            }
        }
        let score = groups.len() * 1000 + count;
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, start, end));
        }
    }
    let (start, end) = match best {
        Some((_, s, e)) => (s, e),
        None => (
            0,
            align_end(text, &cuts, 0, forward(text, 0, SNIPPET_CHARS)),
        ),
    };
    let mut parts = Vec::new();
    if !text[..start].trim().is_empty() {
        push(&mut parts, "…", false);
    }
    let mut at = start;
    for h in found.iter().filter(|h| h.start >= start && h.end <= end) {
        if h.end <= at {
            continue;
        }
        let from = h.start.max(at);
        push(&mut parts, &text[at..from], false);
        push(&mut parts, &text[from..h.end], true);
        at = h.end;
    }
    push(&mut parts, &text[at..end], false);
    if !text[end..].trim().is_empty() {
        push(&mut parts, "…", false);
    }
    parts
}
