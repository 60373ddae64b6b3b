//! Line diffs between two versions of an article, on their plain text (title and parts under
//! headings), so a reviewer sees what changed in which part.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What happened to one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineChange {
    /// In both.
    Same,
    /// Only in the newer text.
    Added,
    /// Only in the older text.
    Removed,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    /// Same, added or removed.
    pub change: LineChange,
    /// The line, without its line break.
    pub text: String,
}

/// A diff with its counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleDiff {
    /// Every line of both texts, in reading order.
    pub lines: Vec<DiffLine>,
    /// Lines added.
    pub added: usize,
    /// Lines removed.
    pub removed: usize,
}

/// The line diff from `old` to `new`.
pub fn line_diff(old: &str, new: &str) -> ArticleDiff {
    let diff = TextDiff::from_lines(old, new);
    let mut out = ArticleDiff {
        lines: Vec::new(),
        added: 0,
        removed: 0,
    };
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => LineChange::Same,
            ChangeTag::Insert => {
                out.added += 1;
                LineChange::Added
            }
            ChangeTag::Delete => {
                out.removed += 1;
                LineChange::Removed
            }
        };
        out.lines.push(DiffLine {
            change: kind,
            text: change.value().trim_end_matches(['\n', '\r']).to_string(),
        });
    }
    out
}
