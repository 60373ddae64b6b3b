//! Keyword matching in free text, in every script the desk meets: English and French (accents
//! optional), Russian (case endings), Chinese (no spaces between words).
//!
//! Both the text and the keyword are *folded* first: lower case (Unicode), Latin accents and
//! ligatures removed (`é` -> `e`, `œ` -> `oe`, decomposed accents too), `ё` -> `е`, full-width
//! ASCII to ASCII. Then:
//!
//! - a keyword that contains a Chinese, Japanese or Korean character is looked for as a plain
//!   substring, since those scripts do not put spaces between words;
//! - any other keyword is a sequence of words, matched against consecutive words of the text
//!   (words are runs of letters and digits; everything else separates them, so `mot de passe`
//!   matches `Mot-de-passe` and `demande d'accès` matches `Demande d'acces`). Each keyword word
//!   matches a text word:
//!   - ending in `*`: any word that starts with it (`crash*`: crashes, crashed, crashing);
//!   - Cyrillic, four letters or more: its stem, the word without its final vowels and soft
//!     sign (`пароль` -> `парол`), followed by at most four more letters, which covers the case
//!     endings (`пароля`, `паролем`, `паролями`);
//!   - Latin, three letters or more: the word itself or with a plural ending `s`, `es` or `x`
//!     (`printer`: printers; `réseau`: réseaux);
//!   - otherwise (short words, digits, other scripts): the word itself.
//!
//! Word boundaries therefore hold for alphabetic scripts (`vpn` does not match `vpnclient`), and
//! a Chinese character next to a Latin word is a boundary (`我的VPN连不上` contains `vpn`).

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// Text folded and cut into words once, then searched for many keywords.
///
/// A description may hold 100,000 characters and the shipped rules hundreds of keywords, so the
/// text is indexed once: its words sorted (a keyword's first word is found by binary search on
/// its prefix) and the places of each CJK character (a Chinese keyword is only compared where
/// its first character occurs). A search then costs about the number of places that start like
/// the keyword, not the length of the text.
#[derive(Debug, Clone)]
pub struct PreparedText {
    folded: String,
    words: Vec<Range<usize>>,
    /// Indices into `words`, sorted by the word's text.
    sorted: Vec<usize>,
    /// Byte offsets in `folded` of each CJK character.
    cjk: HashMap<char, Vec<usize>>,
    /// The beginnings of the words (their first two bytes, and their first four), hashed into
    /// bit sets: most keywords start like no word of the text, and this answers that without
    /// searching the sorted words.
    heads: Heads,
}

/// Size of each of [`Heads`]' bit sets in 64-bit words (1,024 bits: a few percent of false
/// positives for a description of a hundred distinct words).
const HEAD_WORDS: usize = 16;

/// Which word beginnings occur in a text. A word that starts with a prefix of two or three
/// bytes has the prefix's first two bytes; one that starts with a longer prefix has its first
/// four bytes (two Cyrillic letters, or one CJK character and a byte).
#[derive(Debug, Clone)]
struct Heads {
    two: [u64; HEAD_WORDS],
    four: [u64; HEAD_WORDS],
}

impl Heads {
    fn bit(bytes: &[u8]) -> usize {
        bytes.iter().fold(0usize, |h, &b| {
            h.wrapping_mul(31).wrapping_add(usize::from(b))
        }) % (HEAD_WORDS * 64)
    }

    fn set(set: &mut [u64; HEAD_WORDS], bytes: &[u8]) {
        let bit = Self::bit(bytes);
        set[bit / 64] |= 1 << (bit % 64);
    }

    fn has(set: &[u64; HEAD_WORDS], bytes: &[u8]) -> bool {
        let bit = Self::bit(bytes);
        set[bit / 64] & (1 << (bit % 64)) != 0
    }

    fn add(&mut self, word: &str) {
        let b = word.as_bytes();
        if b.len() >= 2 {
            Self::set(&mut self.two, &b[..2]);
        }
        if b.len() >= 4 {
            Self::set(&mut self.four, &b[..4]);
        }
    }

    /// False only when no word can start with `prefix`.
    fn may_start(&self, prefix: &str) -> bool {
        let b = prefix.as_bytes();
        match b.len() {
            0 | 1 => true,
            2 | 3 => Self::has(&self.two, &b[..2]),
            _ => Self::has(&self.four, &b[..4]),
        }
    }
}

impl PreparedText {
    /// Folds `text` and finds its words.
    pub fn new(text: &str) -> Self {
        let folded = fold(text);
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in folded.char_indices() {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    words.push(s..i);
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            words.push(s..folded.len());
        }
        let mut sorted: Vec<usize> = (0..words.len()).collect();
        sorted.sort_by_key(|&i| &folded[words[i].clone()]);
        let mut cjk: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, c) in folded.char_indices().filter(|&(_, c)| is_cjk(c)) {
            cjk.entry(c).or_default().push(i);
        }
        let mut heads = Heads {
            two: [0; HEAD_WORDS],
            four: [0; HEAD_WORDS],
        };
        for w in &words {
            heads.add(&folded[w.clone()]);
        }
        Self {
            folded,
            words,
            sorted,
            cjk,
            heads,
        }
    }

    /// The indices of the words that start with `prefix`, in no particular order.
    fn words_starting_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = usize> + 'a {
        // When no word starts like `prefix`, the search ends here.
        let first = if !self.heads.may_start(prefix) {
            self.sorted.len()
        } else {
            self.sorted.partition_point(|&i| self.word(i) < prefix)
        };
        self.sorted[first..]
            .iter()
            .copied()
            .take_while(move |&i| self.word(i).starts_with(prefix))
    }

    /// Where `s` first occurs in the folded text.
    fn find_substring(&self, s: &str) -> Option<usize> {
        let first = s.chars().next()?;
        match self.cjk.get(&first) {
            // Offsets are in text order: the first that fits is the first occurrence.
            Some(offsets) => offsets
                .iter()
                .copied()
                .find(|&at| self.folded[at..].starts_with(s)),
            None if is_cjk(first) => None,
            None => self.folded.find(s),
        }
    }

    /// The folded text.
    pub fn folded(&self) -> &str {
        &self.folded
    }

    fn word(&self, i: usize) -> &str {
        &self.folded[self.words[i].clone()]
    }
}

/// Where a keyword was found: the keyword and the folded words of the text that matched it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeywordMatch {
    /// The keyword as the rule lists it.
    pub keyword: String,
    /// The matched text, folded (`imprimantes`, `паролем`).
    pub found: String,
}

/// A keyword ready to be searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keyword {
    written: String,
    kind: KeywordKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum KeywordKind {
    /// Looked for as a substring of the folded text.
    Substring(String),
    /// Consecutive words.
    Words(Vec<WordPattern>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum WordPattern {
    Exact(String),
    Plural(String),
    Stem(String),
    Prefix(String),
}

/// Why a keyword cannot be used; the message completes "the keyword ...".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeywordError {
    /// A stable code.
    pub code: &'static str,
    /// A sentence for a person.
    pub message: String,
}

/// Letters of a Cyrillic stem that are case endings when they end the written word.
const CYRILLIC_ENDINGS: &str = "аяоеыиуюьй";
/// The shortest stem kept when endings are stripped.
const MIN_STEM: usize = 3;
/// The most letters a case ending adds to a Cyrillic stem.
const MAX_CYRILLIC_TAIL: usize = 4;

impl Keyword {
    /// Prepares a keyword; refuses one that could never match or would match everything.
    pub fn parse(written: &str) -> Result<Keyword, KeywordError> {
        let err = |code, message: String| Err(KeywordError { code, message });
        let trimmed = written.trim();
        if trimmed.is_empty() {
            return err("empty_keyword", "is empty".into());
        }
        let folded = fold(trimmed);
        if folded.chars().any(is_cjk) {
            if folded.contains('*') {
                return err(
                    "misplaced_wildcard",
                    format!(
                        "'{trimmed}' mixes a '*' with Chinese, Japanese or Korean characters, \
                         which are matched anywhere already"
                    ),
                );
            }
            return Ok(Keyword {
                written: trimmed.to_string(),
                kind: KeywordKind::Substring(folded),
            });
        }
        let mut words = Vec::new();
        for piece in folded.split(|c: char| !is_word_char(c) && c != '*') {
            if piece.is_empty() {
                continue;
            }
            let pattern = match piece.find('*') {
                Some(at) if at + 1 != piece.len() || at == 0 => {
                    return err(
                        "misplaced_wildcard",
                        format!(
                            "'{trimmed}': a '*' may only end a word, as in 'crash*' or 'парол*'"
                        ),
                    );
                }
                Some(at) if piece[..at].chars().count() < 2 => {
                    return err(
                        "wildcard_too_short",
                        format!(
                            "'{trimmed}': give at least two letters before a '*', or it would \
                             match nearly every word"
                        ),
                    );
                }
                Some(at) => WordPattern::Prefix(piece[..at].to_string()),
                None => word_pattern(piece),
            };
            words.push(pattern);
        }
        if words.is_empty() {
            return err(
                "no_words",
                format!("'{trimmed}' has no letters or digits to look for"),
            );
        }
        Ok(Keyword {
            written: trimmed.to_string(),
            kind: KeywordKind::Words(words),
        })
    }

    /// The keyword as written (trimmed).
    pub fn written(&self) -> &str {
        &self.written
    }

    /// The first place the keyword appears in `text`, if any.
    pub fn find(&self, text: &PreparedText) -> Option<KeywordMatch> {
        let found = match &self.kind {
            KeywordKind::Substring(s) => text.find_substring(s).map(|_| s.clone()),
            KeywordKind::Words(patterns) => {
                let n = patterns.len();
                // Candidates are the words that start like the first pattern; the earliest
                // place where the whole sequence fits is the match.
                text.words_starting_with(patterns[0].text())
                    .filter(|&i| {
                        i + n <= text.words.len()
                            && patterns
                                .iter()
                                .enumerate()
                                .all(|(j, p)| p.matches(text.word(i + j)))
                    })
                    .min()
                    .map(|i| {
                        let range = text.words[i].start..text.words[i + n - 1].end;
                        text.folded[range].to_string()
                    })
            }
        }?;
        Some(KeywordMatch {
            keyword: self.written.clone(),
            found,
        })
    }
}

/// Whether `keyword` appears in `text`, by the rules above; `None` also for an unusable keyword.
pub fn find_keyword(keyword: &str, text: &str) -> Option<KeywordMatch> {
    Keyword::parse(keyword).ok()?.find(&PreparedText::new(text))
}

fn word_pattern(word: &str) -> WordPattern {
    let len = word.chars().count();
    if word.chars().all(is_cyrillic) && len > MIN_STEM {
        let stem = word.trim_end_matches(|c| CYRILLIC_ENDINGS.contains(c));
        // Keep at least MIN_STEM letters: "линия" -> "лин", not "л".
        let keep = stem.chars().count().max(MIN_STEM);
        let stem: String = word.chars().take(keep).collect();
        WordPattern::Stem(stem)
    } else if word.chars().all(|c| c.is_ascii_alphabetic()) && len >= 3 {
        WordPattern::Plural(word.to_string())
    } else {
        WordPattern::Exact(word.to_string())
    }
}

impl WordPattern {
    /// What every matching word starts with.
    fn text(&self) -> &str {
        match self {
            WordPattern::Exact(w)
            | WordPattern::Plural(w)
            | WordPattern::Stem(w)
            | WordPattern::Prefix(w) => w,
        }
    }

    fn matches(&self, word: &str) -> bool {
        match self {
            WordPattern::Exact(w) => word == w,
            WordPattern::Plural(w) => word
                .strip_prefix(w.as_str())
                .is_some_and(|tail| matches!(tail, "" | "s" | "es" | "x")),
            WordPattern::Stem(stem) => word
                .strip_prefix(stem.as_str())
                .is_some_and(|tail| tail.chars().count() <= MAX_CYRILLIC_TAIL),
            WordPattern::Prefix(p) => word.starts_with(p.as_str()),
        }
    }
}

/// Folds text for matching: lower case, no Latin accents or ligatures, `ё` as `е`, full-width
/// ASCII as ASCII.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            // Full-width forms of ASCII, common in Chinese input methods.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        };
        for l in c.to_lowercase() {
            match l {
                // Combining accents (decomposed text): dropped like precomposed ones.
                '\u{0300}'..='\u{036F}' => {}
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => out.push('a'),
                'ç' | 'ć' | 'č' => out.push('c'),
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => out.push('e'),
                'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' => out.push('i'),
                'ñ' | 'ń' | 'ň' => out.push('n'),
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => out.push('o'),
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => out.push('u'),
                'ý' | 'ÿ' => out.push('y'),
                'š' | 'ś' => out.push('s'),
                'ž' | 'ź' | 'ż' => out.push('z'),
                'ł' => out.push('l'),
                'ř' => out.push('r'),
                'ť' => out.push('t'),
                'ď' => out.push('d'),
                'æ' => out.push_str("ae"),
                'œ' => out.push_str("oe"),
                'ß' => out.push_str("ss"),
                'ё' => out.push('е'),
                // Typographic apostrophes separate words like the ASCII one.
                '\u{2019}' | '\u{2018}' => out.push('\''),
                _ => out.push(l),
            }
        }
    }
    out
}

/// Chinese, Japanese and Korean characters: written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'   // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}' // Hangul syllables
        | '\u{F900}'..='\u{FAFF}' // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FFFF}' // Extensions B and later
    )
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// A character of a word of an alphabetic script: a letter or a digit that is not CJK.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}
