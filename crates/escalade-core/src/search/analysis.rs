//! Text analysis, the same for indexing and for querying, so that SQLite and PostgreSQL index
//! the same terms and a query finds what the index holds.
//!
//! A text is cut on Unicode word boundaries, then into runs of letters and digits. Each run is
//! lowercased and becomes terms:
//! - Cyrillic words: the Russian Snowball stem (`ё` read as `е`);
//! - other alphabetic words (Latin): the document language's Snowball stem (English or French)
//!   when known, both stems otherwise, with diacritics removed after stemming (`réseau` and
//!   `reseau` meet);
//! - words with a digit (error codes, versions): as written, lowercased;
//! - Chinese and Japanese runs (written without spaces): overlapping pairs of characters
//!   (a lone character stays one term).

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::people::Language;

/// Longest word kept, in characters; longer runs (encoded blobs) are cut to this.
pub const MAX_WORD_CHARS: usize = 48;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));
static FRENCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));
static RUSSIAN: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::Russian));

/// The kind of a run of letters and digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RunKind {
    /// Chinese or Japanese characters, indexed as character pairs.
    Cjk,
    /// A word of an alphabet (Latin, Cyrillic, Greek...) or a number.
    Word,
}

/// One run of the text: its byte offset, its text and its kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Run<'a> {
    pub start: usize,
    pub text: &'a str,
    pub kind: RunKind,
}

/// Whether `c` is written without spaces between words (Han, Hiragana, Katakana).
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFF66..=0xFF9D    // half-width Katakana
        | 0x20000..=0x3FFFF) // CJK extensions B and beyond
}

fn is_cyrillic(c: char) -> bool {
    matches!(c as u32, 0x0400..=0x052F)
}

/// The runs of letters and digits of `text`, in order. Consecutive Chinese/Japanese characters
/// form one run whatever the word-boundary rules say (they give one word per ideograph).
pub(crate) fn runs(text: &str) -> Vec<Run<'_>> {
    let mut out: Vec<Run<'_>> = Vec::new();
    for (seg_start, seg) in text.split_word_bound_indices() {
        let mut run_start: Option<(usize, RunKind)> = None;
        for (i, c) in seg.char_indices() {
            let kind = if !c.is_alphanumeric() {
                None
            } else if is_cjk(c) {
                Some(RunKind::Cjk)
            } else {
                Some(RunKind::Word)
            };
            match (run_start, kind) {
                (Some((_, k)), Some(now)) if k == now => {}
                (Some((from, k)), now) => {
                    push_run(&mut out, text, seg_start + from, seg_start + i, k);
                    run_start = now.map(|n| (i, n));
                }
                (None, Some(now)) => run_start = Some((i, now)),
                (None, None) => {}
            }
        }
        if let Some((from, k)) = run_start {
            push_run(&mut out, text, seg_start + from, seg_start + seg.len(), k);
        }
    }
    out
}

fn push_run<'a>(out: &mut Vec<Run<'a>>, text: &'a str, start: usize, end: usize, kind: RunKind) {
    // A CJK run continuing across word segments is merged with the previous one.
    if kind == RunKind::Cjk
        && let Some(last) = out.last_mut()
        && last.kind == RunKind::Cjk
        && last.start + last.text.len() == start
    {
        last.text = &text[last.start..end];
        return;
    }
    out.push(Run {
        start,
        text: &text[start..end],
        kind,
    });
}

/// Lowercases and cuts a word to [`MAX_WORD_CHARS`].
pub(crate) fn lower(word: &str) -> String {
    // Some capitals lowercase to a letter and a combining mark (`İ`): only letters and
    // digits stay, so a term is always one token for both databases.
    word.chars()
        .take(MAX_WORD_CHARS)
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Removes the diacritics of Latin letters (`é` -> `e`, `œ` -> `oe`, `ß` -> `ss`) and leaves
/// every other script alone (`й` stays `й`).
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' => out.push('d'),
            '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
                // Canonical decomposition, keeping the base letter and dropping the marks.
                out.extend(
                    std::iter::once(c)
                        .nfd()
                        .filter(|d| !matches!(*d as u32, 0x0300..=0x036F)),
                );
            }
            _ => out.push(c),
        }
    }
    out
}

fn russian(word: &str) -> String {
    RUSSIAN.stem(&word.replace('ё', "е")).into_owned()
}

fn stem(stemmer: &Stemmer, word: &str) -> String {
    fold(&stemmer.stem(word))
}

/// Which form a word of an alphabet takes in the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// Contains a digit: kept as written.
    Literal,
    /// Cyrillic: Russian stem.
    Cyrillic,
    /// Latin and other alphabets: English/French stems, folded.
    Latin,
}

pub(crate) fn classify(lowered: &str) -> WordClass {
    if lowered.chars().any(|c| c.is_numeric()) {
        WordClass::Literal
    } else if lowered.chars().any(is_cyrillic) {
        WordClass::Cyrillic
    } else {
        WordClass::Latin
    }
}

/// The index terms of one word (already lowercased) in a document of language `lang`.
pub(crate) fn word_terms(lowered: &str, lang: Option<Language>, out: &mut Vec<String>) {
    if lowered.is_empty() {
        return;
    }
    match classify(lowered) {
        WordClass::Literal => out.push(fold(lowered)),
        WordClass::Cyrillic => out.push(russian(lowered)),
        WordClass::Latin => match lang {
            Some(Language::En) => out.push(stem(&ENGLISH, lowered)),
            Some(Language::Fr) => out.push(stem(&FRENCH, lowered)),
            _ => {
                let en = stem(&ENGLISH, lowered);
                let fr = stem(&FRENCH, lowered);
                if fr != en {
                    out.push(fr);
                }
                out.push(en);
            }
        },
    }
}

/// The query forms of one word (already lowercased): any of them may match the index, so a
/// query in English or French, with or without accents, finds a document of either language.
pub(crate) fn word_forms(lowered: &str) -> Vec<String> {
    let mut forms = Vec::new();
    match classify(lowered) {
        WordClass::Literal => forms.push(fold(lowered)),
        WordClass::Cyrillic => forms.push(russian(lowered)),
        WordClass::Latin => {
            let folded = fold(lowered);
            forms.push(stem(&ENGLISH, lowered));
            forms.push(stem(&FRENCH, lowered));
            forms.push(stem(&ENGLISH, &folded));
            forms.push(stem(&FRENCH, &folded));
            forms.push(folded);
        }
    }
    let mut seen = Vec::with_capacity(forms.len());
    for f in forms {
        if !f.is_empty() && !seen.contains(&f) {
            seen.push(f);
        }
    }
    seen
}

/// The overlapping character pairs of a Chinese/Japanese run (the run itself when it is a
/// single character).
pub(crate) fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() == 1 {
        return vec![chars[0].to_string()];
    }
    chars.windows(2).map(|w| w.iter().collect()).collect()
}

/// The index terms of a text in a document of language `lang` (`None` when unknown: both
/// Latin stemmers are applied), in text order, repeated as often as they occur (ranking counts
/// them).
pub fn index_terms(text: &str, lang: Option<Language>) -> Vec<String> {
    let mut out = Vec::new();
    for run in runs(text) {
        match run.kind {
            RunKind::Cjk => out.extend(bigrams(run.text)),
            RunKind::Word => word_terms(&lower(run.text), lang, &mut out),
        }
    }
    out
}

/// [`index_terms`] joined by spaces: the form the store keeps and indexes.
pub fn index_text(text: &str, lang: Option<Language>) -> String {
    index_terms(text, lang).join(" ")
}
