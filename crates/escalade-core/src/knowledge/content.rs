//! An article's text in one language: its title and its structured content, whose every part
//! is Markdown. Validation comes in two strengths: `validate` (shape and sizes, for any save,
//! drafts included) and `check_complete` (every required part filled, before review).

use serde::{Deserialize, Serialize};

use super::ArticleKind;
use crate::error::DomainError;

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest Markdown part, in characters.
pub const PART_MAX: usize = 50_000;
/// Most steps in an SOP.
pub const STEPS_MAX: usize = 100;

/// One step of an SOP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SopStep {
    /// What to do (Markdown).
    pub text: String,
    /// What should be seen when it worked (Markdown).
    #[serde(default)]
    pub expected: String,
}

/// The structured content of an article; its `kind` tag must match the article's kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ArticleContent {
    /// Numbered steps.
    Sop {
        /// In order.
        steps: Vec<SopStep>,
    },
    /// A known error.
    KnownError {
        /// What the user sees.
        #[serde(default)]
        symptom: String,
        /// Why it happens.
        #[serde(default)]
        cause: String,
        /// How to get going again.
        #[serde(default)]
        workaround: String,
    },
    /// A question and its answer.
    Faq {
        /// The question.
        #[serde(default)]
        question: String,
        /// The answer.
        #[serde(default)]
        answer: String,
    },
    /// Free text.
    HowTo {
        /// The body.
        #[serde(default)]
        body: String,
    },
}

/// An article's title and content in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleText {
    /// One line.
    pub title: String,
    /// The parts.
    pub content: ArticleContent,
}

impl ArticleContent {
    /// The kind this content is for.
    pub fn kind(&self) -> ArticleKind {
        match self {
            ArticleContent::Sop { .. } => ArticleKind::Sop,
            ArticleContent::KnownError { .. } => ArticleKind::KnownError,
            ArticleContent::Faq { .. } => ArticleKind::Faq,
            ArticleContent::HowTo { .. } => ArticleKind::HowTo,
        }
    }

    /// Every Markdown part with the field that holds it (`content.steps[0].expected`, ...).
    pub fn parts(&self) -> Vec<(String, &str)> {
        match self {
            ArticleContent::Sop { steps } => steps
                .iter()
                .enumerate()
                .flat_map(|(i, s)| {
                    [
                        (format!("content.steps[{i}].text"), s.text.as_str()),
                        (format!("content.steps[{i}].expected"), s.expected.as_str()),
                    ]
                })
                .collect(),
            ArticleContent::KnownError {
                symptom,
                cause,
                workaround,
            } => vec![
                ("content.symptom".into(), symptom.as_str()),
                ("content.cause".into(), cause.as_str()),
                ("content.workaround".into(), workaround.as_str()),
            ],
            ArticleContent::Faq { question, answer } => vec![
                ("content.question".into(), question.as_str()),
                ("content.answer".into(), answer.as_str()),
            ],
            ArticleContent::HowTo { body } => vec![("content.body".into(), body.as_str())],
        }
    }

    /// The same content with every part passed through `f` (e.g. Markdown rendered as HTML).
    pub fn map_parts(&self, f: impl Fn(&str) -> String) -> ArticleContent {
        match self {
            ArticleContent::Sop { steps } => ArticleContent::Sop {
                steps: steps
                    .iter()
                    .map(|s| SopStep {
                        text: f(&s.text),
                        expected: f(&s.expected),
                    })
                    .collect(),
            },
            ArticleContent::KnownError {
                symptom,
                cause,
                workaround,
            } => ArticleContent::KnownError {
                symptom: f(symptom),
                cause: f(cause),
                workaround: f(workaround),
            },
            ArticleContent::Faq { question, answer } => ArticleContent::Faq {
                question: f(question),
                answer: f(answer),
            },
            ArticleContent::HowTo { body } => ArticleContent::HowTo { body: f(body) },
        }
    }

    /// An empty content of a kind, to start a draft from.
    pub fn empty(kind: ArticleKind) -> Self {
        match kind {
            ArticleKind::Sop => ArticleContent::Sop { steps: Vec::new() },
            ArticleKind::KnownError => ArticleContent::KnownError {
                symptom: String::new(),
                cause: String::new(),
                workaround: String::new(),
            },
            ArticleKind::Faq => ArticleContent::Faq {
                question: String::new(),
                answer: String::new(),
            },
            ArticleKind::HowTo => ArticleContent::HowTo {
                body: String::new(),
            },
        }
    }

    /// Trims surrounding blank space from every part (Markdown keeps inner line breaks).
    fn trimmed(mut self) -> Self {
        let t = |s: &mut String| *s = s.trim().to_string();
        match &mut self {
            ArticleContent::Sop { steps } => steps.iter_mut().for_each(|s| {
                t(&mut s.text);
                t(&mut s.expected);
            }),
            ArticleContent::KnownError {
                symptom,
                cause,
                workaround,
            } => {
                t(symptom);
                t(cause);
                t(workaround);
            }
            ArticleContent::Faq { question, answer } => {
                t(question);
                t(answer);
            }
            ArticleContent::HowTo { body } => t(body),
        }
        self
    }
}

impl ArticleText {
    /// Checks the shape any save needs (drafts included): a title of 1 to 200 characters,
    /// content of the article's kind, parts within size, at most 100 steps. Returns the text
    /// trimmed.
    pub fn validate(self, kind: ArticleKind) -> Result<ArticleText, DomainError> {
        let title = self.title.trim().to_string();
        if title.is_empty() {
            return Err(DomainError::invalid(
                "title",
                "required",
                "an article needs a title",
            ));
        }
        if title.chars().count() > TITLE_MAX {
            return Err(DomainError::invalid(
                "title",
                "too_long",
                format!("the title is longer than {TITLE_MAX} characters"),
            ));
        }
        if title.contains(['\n', '\r']) {
            return Err(DomainError::invalid(
                "title",
                "one_line",
                "the title is one line",
            ));
        }
        if self.content.kind() != kind {
            return Err(DomainError::invalid(
                "content.kind",
                "kind_mismatch",
                format!(
                    "the article is of kind {}, so its content must be too (got {})",
                    kind.as_str(),
                    self.content.kind().as_str()
                ),
            ));
        }
        let content = self.content.trimmed();
        if let ArticleContent::Sop { steps } = &content
            && steps.len() > STEPS_MAX
        {
            return Err(DomainError::invalid(
                "content.steps",
                "too_many",
                format!("an SOP has at most {STEPS_MAX} steps"),
            ));
        }
        for (field, part) in content.parts() {
            if part.chars().count() > PART_MAX {
                return Err(DomainError::invalid(
                    field,
                    "too_long",
                    format!("this part is longer than {PART_MAX} characters"),
                ));
            }
        }
        Ok(ArticleText { title, content })
    }

    /// Checks that every required part is filled, as review needs: an SOP has steps, each
    /// with its text and expected result; a known error its symptom, cause and workaround; a
    /// FAQ its question and answer; a how-to its body.
    pub fn check_complete(&self) -> Result<(), DomainError> {
        if let ArticleContent::Sop { steps } = &self.content
            && steps.is_empty()
        {
            return Err(DomainError::invalid(
                "content.steps",
                "required",
                "an SOP needs at least one step",
            ));
        }
        for (field, part) in self.content.parts() {
            if part.trim().is_empty() {
                return Err(DomainError::invalid(
                    field,
                    "required",
                    "this part must be filled before the article goes to review",
                ));
            }
        }
        Ok(())
    }

    /// The text as plain lines (title, then each part under its heading): what versions are
    /// compared on.
    pub fn to_plain(&self) -> String {
        let mut out = format!("# {}\n", self.title);
        let mut section = |heading: &str, body: &str| {
            out.push_str(&format!("\n## {heading}\n{body}\n"));
        };
        match &self.content {
            ArticleContent::Sop { steps } => {
                for (i, s) in steps.iter().enumerate() {
                    section(&format!("Step {}", i + 1), &s.text);
                    section(&format!("Step {} expected result", i + 1), &s.expected);
                }
            }
            ArticleContent::KnownError {
                symptom,
                cause,
                workaround,
            } => {
                section("Symptom", symptom);
                section("Cause", cause);
                section("Workaround", workaround);
            }
            ArticleContent::Faq { question, answer } => {
                section("Question", question);
                section("Answer", answer);
            }
            ArticleContent::HowTo { body } => section("Body", body),
        }
        out
    }
}

/// An SOP's steps as plain text for a reply: the title, then each step numbered with its
/// expected result beneath, continuation lines indented under their number.
pub fn sop_reply_text(title: &str, steps: &[SopStep]) -> String {
    let mut out = format!("{}\n", title.trim());
    for (i, s) in steps.iter().enumerate() {
        let number = format!("{}. ", i + 1);
        let pad = " ".repeat(number.len());
        out.push('\n');
        for (j, line) in s.text.trim().lines().enumerate() {
            out.push_str(if j == 0 { &number } else { &pad });
            out.push_str(line);
            out.push('\n');
        }
        let expected = s.expected.trim();
        if !expected.is_empty() {
            for (j, line) in expected.lines().enumerate() {
                out.push_str(&pad);
                if j == 0 {
                    out.push_str("Expected result: ");
                }
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}
