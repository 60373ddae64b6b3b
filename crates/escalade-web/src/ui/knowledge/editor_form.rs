//! The article editor's form as posted and as shown again: its fields, the SOP's step rows
//! (repeated `step_text` / `step_expected` fields, so the form needs no script), which button
//! was pressed (save, add a step, remove step n), and the content it stands for.

use escalade_app::knowledge::ArticleView;
use escalade_core::knowledge::{ArticleContent, ArticleKind, ArticleText, STEPS_MAX, SopStep};

/// Empty step rows a new SOP starts with.
const FRESH_STEPS: usize = 3;

/// What the button pressed asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// Save the article.
    Save,
    /// Show the form again with one more empty step.
    AddStep,
    /// Show the form again without this step (from 0).
    RemoveStep(usize),
}

/// The editor's fields.
#[derive(Debug, Clone)]
pub struct EditorForm {
    /// The article's kind (fixed once created).
    pub kind: ArticleKind,
    /// Title.
    pub title: String,
    /// Original language (new articles only).
    pub lang: String,
    /// `public` or `internal`.
    pub visibility: String,
    /// Category id, or empty.
    pub category: String,
    /// Service, free text.
    pub service: String,
    /// The version's note.
    pub note: String,
    /// The version the edit was made on (empty for a new article).
    pub version: String,
    /// An SOP's steps: what to do and what should be seen.
    pub steps: Vec<(String, String)>,
    /// Known error: symptom.
    pub symptom: String,
    /// Known error: cause.
    pub cause: String,
    /// Known error: workaround.
    pub workaround: String,
    /// FAQ: question.
    pub question: String,
    /// FAQ: answer.
    pub answer: String,
    /// How-to: body.
    pub body: String,
}

impl EditorForm {
    /// An empty form of a kind.
    pub fn fresh(kind: ArticleKind, lang: &str) -> Self {
        Self {
            kind,
            title: String::new(),
            lang: lang.to_string(),
            visibility: "internal".into(),
            category: String::new(),
            service: String::new(),
            note: String::new(),
            version: String::new(),
            steps: vec![(String::new(), String::new()); FRESH_STEPS],
            symptom: String::new(),
            cause: String::new(),
            workaround: String::new(),
            question: String::new(),
            answer: String::new(),
            body: String::new(),
        }
    }

    /// The form filled from an article as read (its text in the language shown), with one
    /// empty step row to add to.
    pub fn of_view(view: &ArticleView) -> Self {
        let f = &view.facts;
        let mut form = Self::fresh(f.kind, view.lang.as_str());
        form.title = view.title.clone();
        form.visibility = f.visibility.as_str().into();
        form.category = f.category_id.map(|c| c.0.to_string()).unwrap_or_default();
        form.service = f.service.clone().unwrap_or_default();
        form.version = f.version.to_string();
        form.set_content(&view.content);
        form
    }

    /// Replaces the content fields with `content` (plus an empty step row for an SOP).
    pub fn set_content(&mut self, content: &ArticleContent) {
        match content {
            ArticleContent::Sop { steps } => {
                self.steps = steps
                    .iter()
                    .map(|s| (s.text.clone(), s.expected.clone()))
                    .collect();
                self.steps.push((String::new(), String::new()));
            }
            ArticleContent::KnownError {
                symptom,
                cause,
                workaround,
            } => {
                self.symptom = symptom.clone();
                self.cause = cause.clone();
                self.workaround = workaround.clone();
            }
            ArticleContent::Faq { question, answer } => {
                self.question = question.clone();
                self.answer = answer.clone();
            }
            ArticleContent::HowTo { body } => self.body = body.clone(),
        }
    }

    /// Reads the posted pairs. `kind` is the stored article's for an edit, else the posted one
    /// (an SOP when missing or unknown).
    pub fn from_pairs(pairs: &[(String, String)], kind: Option<ArticleKind>) -> (Self, Op) {
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let all = |name: &str| -> Vec<String> {
            pairs
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let kind = kind.unwrap_or_else(|| {
            ArticleKind::parse(&get("kind"), "kind").unwrap_or(ArticleKind::Sop)
        });
        let texts = all("step_text");
        let expected = all("step_expected");
        let rows = texts.len().max(expected.len());
        let steps = (0..rows)
            .map(|i| {
                (
                    texts.get(i).cloned().unwrap_or_default(),
                    expected.get(i).cloned().unwrap_or_default(),
                )
            })
            .collect();
        let op = match get("op").as_str() {
            "add-step" => Op::AddStep,
            other => match other
                .strip_prefix("remove-")
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(n) => Op::RemoveStep(n),
                None => Op::Save,
            },
        };
        (
            Self {
                kind,
                title: get("title"),
                lang: get("lang"),
                visibility: get("visibility"),
                category: get("category"),
                service: get("service"),
                note: get("note"),
                version: get("version"),
                steps,
                symptom: get("symptom"),
                cause: get("cause"),
                workaround: get("workaround"),
                question: get("question"),
                answer: get("answer"),
                body: get("body"),
            },
            op,
        )
    }

    /// Applies an add/remove-step button; rows stay within the service's limit.
    pub fn apply(&mut self, op: Op) {
        match op {
            Op::AddStep if self.steps.len() < STEPS_MAX => {
                self.steps.push((String::new(), String::new()));
            }
            Op::RemoveStep(i) if i < self.steps.len() => {
                self.steps.remove(i);
                if self.steps.is_empty() {
                    self.steps.push((String::new(), String::new()));
                }
            }
            _ => {}
        }
    }

    /// The step rows that are filled, in order (blank rows are only room to write in).
    fn filled_steps(&self) -> Vec<SopStep> {
        self.steps
            .iter()
            .filter(|(t, e)| !t.trim().is_empty() || !e.trim().is_empty())
            .map(|(t, e)| SopStep {
                text: t.clone(),
                expected: e.clone(),
            })
            .collect()
    }

    /// The content the form stands for.
    pub fn content(&self) -> ArticleContent {
        match self.kind {
            ArticleKind::Sop => ArticleContent::Sop {
                steps: self.filled_steps(),
            },
            ArticleKind::KnownError => ArticleContent::KnownError {
                symptom: self.symptom.clone(),
                cause: self.cause.clone(),
                workaround: self.workaround.clone(),
            },
            ArticleKind::Faq => ArticleContent::Faq {
                question: self.question.clone(),
                answer: self.answer.clone(),
            },
            ArticleKind::HowTo => ArticleContent::HowTo {
                body: self.body.clone(),
            },
        }
    }

    /// Title and content.
    pub fn text(&self) -> ArticleText {
        ArticleText {
            title: self.title.clone(),
            content: self.content(),
        }
    }

    /// The form field a refused service field belongs to. Step fields are counted among the
    /// filled rows the service saw, so they are mapped back to the rows on the form.
    pub fn field_of(&self, service_field: &str) -> String {
        let f = service_field
            .split_once(".content.")
            .map(|(_, rest)| format!("content.{rest}"))
            .unwrap_or_else(|| service_field.to_string());
        if let Some(rest) = f.strip_prefix("content.steps[")
            && let Some((n, part)) = rest.split_once("].")
            && let Ok(n) = n.parse::<usize>()
        {
            let row = self
                .steps
                .iter()
                .enumerate()
                .filter(|(_, (t, e))| !t.trim().is_empty() || !e.trim().is_empty())
                .nth(n)
                .map(|(i, _)| i)
                .unwrap_or(n);
            return format!("content.steps[{row}].{part}");
        }
        match f.as_str() {
            "category_id" => "category".into(),
            "content.steps" => "steps".into(),
            _ => f,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn steps_come_in_order_and_blank_rows_are_dropped() {
        let (f, op) = EditorForm::from_pairs(
            &pairs(&[
                ("kind", "sop"),
                ("title", "Reset"),
                ("step_text", "Open"),
                ("step_expected", "Opens"),
                ("step_text", ""),
                ("step_expected", ""),
                ("step_text", "Click"),
                ("step_expected", ""),
            ]),
            None,
        );
        assert_eq!(op, Op::Save);
        assert_eq!(f.steps.len(), 3);
        let ArticleContent::Sop { steps } = f.content() else {
            panic!("an SOP")
        };
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[1].text, "Click");
        // The service's second filled step is the form's third row.
        assert_eq!(
            f.field_of("content.steps[1].expected"),
            "content.steps[2].expected"
        );
        assert_eq!(f.field_of("category_id"), "category");
    }

    #[test]
    fn step_buttons_add_and_remove_rows() {
        let (mut f, op) = EditorForm::from_pairs(
            &pairs(&[
                ("step_text", "a"),
                ("step_expected", "b"),
                ("op", "add-step"),
            ]),
            Some(ArticleKind::Sop),
        );
        assert_eq!(op, Op::AddStep);
        f.apply(op);
        assert_eq!(f.steps.len(), 2);
        f.apply(Op::RemoveStep(0));
        assert_eq!(f.steps, vec![(String::new(), String::new())]);
        f.apply(Op::RemoveStep(0));
        assert_eq!(f.steps.len(), 1, "one row is always left to write in");
    }
}
