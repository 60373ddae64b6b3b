//! The article editor: `/kb/new` (kind chooser, then the kind's fields, title, language,
//! visibility, category, service), `/kb/{id}/edit` (the original text and the article's
//! facts) and `/kb/{id}/translations/{lang}` (a translation's title and content). A refused
//! value is shown beside its field with everything typed kept; a save made on an old version
//! is refused in words, with links to the current version and to what changed, and the next
//! save replaces it knowingly. Steps are added and removed by submit buttons that show the
//! form again, so it works without script; `/kb/editor.js` does the same in place.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use escalade_app::AppError;
use escalade_app::knowledge::authoring::{ArticleChange, NewArticleInput};
use escalade_core::authz::Permission;
use escalade_core::ids::CategoryId;
use escalade_core::knowledge::{ArticleId, ArticleKind, ArticleVisibility};
use escalade_core::people::Language;
use serde::Deserialize;

use super::editor_form::{EditorForm, Op};
use super::{
    agent_only, article_href, kind_label, language_name, page_error, path_article, refusal,
    visibility_label,
};
use crate::state::AppState;
use crate::ui::admin::render_status;
use crate::ui::agent::{Choice, category_tree};
use crate::ui::form::Posted;
use crate::ui::page::{Chrome, PageError};
use crate::ui::session::Viewer;

/// Which editor this is.
#[derive(Debug, Clone, Copy)]
enum Mode {
    New,
    Edit(ArticleId),
    Translate(ArticleId, Language),
}

/// A refusal shown on the form.
struct FormError {
    field: String,
    status: StatusCode,
    message: String,
    /// For a save on an old version: the version the writer started on, and the current one.
    conflict: Option<(String, i64)>,
}

/// One step row.
struct StepRow {
    index: usize,
    number: usize,
    text: String,
    expected: String,
    text_field: String,
    expected_field: String,
}

/// A kind the chooser offers.
struct KindLink {
    key: &'static str,
    label: String,
    hint: String,
    href: String,
    current: bool,
}

#[derive(Template)]
#[template(path = "knowledge/editor.html")]
struct EditorPage {
    c: Chrome,
    action: String,
    back: String,
    is_new: bool,
    is_translation: bool,
    kind: &'static str,
    kind_label: String,
    kinds: Vec<KindLink>,
    f: EditorForm,
    steps: Vec<StepRow>,
    langs: Vec<Choice>,
    visibilities: Vec<Choice>,
    categories: Vec<Choice>,
    field: String,
    error: Option<String>,
    /// The field had no place on the form: the sentence is shown above it.
    error_on_top: bool,
    conflict_current: Option<String>,
    conflict_diff: Option<String>,
}

/// The fields the template shows a refusal beside; anything else goes above the form.
const PLACED: [&str; 13] = [
    "title",
    "lang",
    "visibility",
    "category",
    "service",
    "note",
    "steps",
    "content.symptom",
    "content.cause",
    "content.workaround",
    "content.question",
    "content.answer",
    "content.body",
];

async fn editor_page(
    state: &AppState,
    viewer: &Viewer,
    mode: Mode,
    f: EditorForm,
    error: Option<FormError>,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let (title, action, back) = match mode {
        Mode::New => (tr.get("kb-new-title"), "/kb/new".to_string(), "/kb".into()),
        Mode::Edit(id) => (
            tr.arg("kb-edit-title", "title", &f.title),
            format!("/kb/{id}/edit"),
            article_href(id.0),
        ),
        Mode::Translate(id, lang) => (
            tr.arg("kb-translate-title", "language", language_name(lang)),
            format!("/kb/{id}/translations/{}", lang.as_str()),
            format!("/kb/{id}?lang={}", lang.as_str()),
        ),
    };
    let kinds = ArticleKind::ALL
        .iter()
        .map(|k| KindLink {
            key: k.as_str(),
            label: kind_label(tr, *k),
            hint: tr.word("kb-kind-hint", k.as_str()),
            href: format!("/kb/new?kind={}", k.as_str()),
            current: *k == f.kind,
        })
        .collect();
    let steps = f
        .steps
        .iter()
        .enumerate()
        .map(|(i, (text, expected))| StepRow {
            index: i,
            number: i + 1,
            text: text.clone(),
            expected: expected.clone(),
            text_field: format!("content.steps[{i}].text"),
            expected_field: format!("content.steps[{i}].expected"),
        })
        .collect::<Vec<_>>();
    let langs = Language::ALL
        .iter()
        .map(|l| Choice::new(l.as_str(), language_name(*l), &f.lang))
        .collect();
    let visibilities = [ArticleVisibility::Internal, ArticleVisibility::Public]
        .iter()
        .map(|v| Choice::new(v.as_str(), visibility_label(tr, *v), &f.visibility))
        .collect();
    let mut categories = vec![Choice::new("", tr.get("kb-no-category"), &f.category)];
    if let Ok(rows) = state.app.categories().await {
        categories.extend(
            category_tree(&rows)
                .into_iter()
                .map(|(id, name)| Choice::new(id.to_string(), name, &f.category)),
        );
    }
    let (field, status, message, conflict) = match error {
        Some(e) => (e.field, e.status, Some(e.message), e.conflict),
        None => (String::new(), StatusCode::OK, None, None),
    };
    // The facts fields are on the form only for a new article (language) or an edit.
    let shown = !matches!(
        (mode, field.as_str()),
        (
            Mode::Translate(..),
            "lang" | "visibility" | "category" | "service"
        ) | (Mode::Edit(_), "lang")
    );
    let placed = shown && PLACED.contains(&field.as_str())
        || steps
            .iter()
            .any(|s| s.text_field == field || s.expected_field == field);
    let article = match mode {
        Mode::Edit(id) | Mode::Translate(id, _) => Some(id.0),
        Mode::New => None,
    };
    let conflict_current = conflict.as_ref().and(article).map(article_href);
    let conflict_diff = match (conflict, article) {
        (Some((mine, current)), Some(id)) => {
            Some(format!("/kb/{id}/diff?from={mine}&to={current}"))
        }
        _ => None,
    };
    let page = EditorPage {
        c: viewer.chrome(title),
        action,
        back,
        is_new: matches!(mode, Mode::New),
        is_translation: matches!(mode, Mode::Translate(..)),
        kind: f.kind.as_str(),
        kind_label: kind_label(tr, f.kind),
        kinds,
        steps,
        langs,
        visibilities,
        categories,
        error_on_top: message.is_some() && !placed,
        error: message,
        field,
        conflict_current,
        conflict_diff,
        f,
    };
    Ok(render_status(&page, status))
}

/// A service refusal as a form error; `None` when it ends the page instead.
fn form_error(
    e: AppError,
    f: &EditorForm,
    tr: &crate::ui::i18n::Tr,
) -> Result<FormError, PageError> {
    match &e {
        AppError::Invalid(fe) => {
            let field = f.field_of(&fe.field);
            let (status, message) = refusal(&e, tr);
            Ok(FormError {
                field,
                status,
                message,
                conflict: None,
            })
        }
        AppError::Transition { .. } | AppError::Conflict { .. } | AppError::TooLarge { .. } => {
            let (status, message) = refusal(&e, tr);
            Ok(FormError {
                field: String::new(),
                status,
                message,
                conflict: None,
            })
        }
        _ => Err(page_error(e, tr)),
    }
}

/// Reads the facts fields; a value that is not understood names its field.
fn facts_of(
    f: &EditorForm,
    tr: &crate::ui::i18n::Tr,
) -> Result<(Option<ArticleVisibility>, Option<CategoryId>), FormError> {
    let bad = |field: &str, key: &str| FormError {
        field: field.into(),
        status: StatusCode::UNPROCESSABLE_ENTITY,
        message: tr.get(key),
        conflict: None,
    };
    let visibility = match f.visibility.trim() {
        "" => None,
        v => Some(
            ArticleVisibility::parse(v, "visibility")
                .map_err(|_| bad("visibility", "kb-error-choose"))?,
        ),
    };
    let category = match f.category.trim() {
        "" => None,
        c => Some(CategoryId(
            c.parse::<i64>()
                .map_err(|_| bad("category", "kb-error-choose"))?,
        )),
    };
    Ok((visibility, category))
}

fn optional(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// `?kind=` on the new-article page.
#[derive(Deserialize, Default)]
pub struct NewQuery {
    #[serde(default)]
    kind: Option<String>,
}

/// GET /kb/new
pub async fn new_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<NewQuery>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    viewer
        .caller
        .require(Permission::KbWrite)
        .map_err(|e| page_error(e, &viewer.tr))?;
    let kind = q
        .kind
        .and_then(|k| ArticleKind::parse(&k, "kind").ok())
        .unwrap_or(ArticleKind::Sop);
    let f = EditorForm::fresh(kind, viewer.caller.language().as_str());
    editor_page(&state, &viewer, Mode::New, f, None).await
}

/// POST /kb/new
pub async fn create(
    State(state): State<AppState>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let (mut f, op) = EditorForm::from_pairs(&form, None);
    if op != Op::Save {
        f.apply(op);
        return editor_page(&state, &viewer, Mode::New, f, None).await;
    }
    let lang = match Language::parse(f.lang.trim()) {
        Ok(l) => l,
        Err(_) => {
            let e = FormError {
                field: "lang".into(),
                status: StatusCode::UNPROCESSABLE_ENTITY,
                message: tr.get("kb-error-choose"),
                conflict: None,
            };
            return editor_page(&state, &viewer, Mode::New, f, Some(e)).await;
        }
    };
    let (visibility, category_id) = match facts_of(&f, tr) {
        Ok(x) => x,
        Err(e) => return editor_page(&state, &viewer, Mode::New, f, Some(e)).await,
    };
    let input = NewArticleInput {
        text: f.text(),
        lang: Some(lang),
        visibility,
        category_id,
        service: optional(&f.service),
        note: optional(&f.note),
    };
    match state.app.create_article(&viewer.caller, input).await {
        Ok(v) => Ok(Redirect::to(&format!("/kb/{}?done=created", v.facts.id)).into_response()),
        Err(e) => {
            let e = form_error(e, &f, tr)?;
            editor_page(&state, &viewer, Mode::New, f, Some(e)).await
        }
    }
}

/// GET /kb/{id}/edit: the original text and the facts.
pub async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    let view = state
        .app
        .article(&viewer.caller, id, None)
        .await
        .map_err(|e| page_error(e, tr))?;
    let f = EditorForm::of_view(&view);
    editor_page(&state, &viewer, Mode::Edit(id), f, None).await
}

/// After a refused save: a stale version becomes the conflict box, and the form's version
/// moves to the current one so that saving again replaces it knowingly.
async fn refused_save(
    state: &AppState,
    viewer: &Viewer,
    mode: Mode,
    id: ArticleId,
    mut f: EditorForm,
    e: AppError,
) -> Result<Response, PageError> {
    let tr = &viewer.tr;
    let stale = matches!(&e, AppError::Conflict { code, .. } if *code == "stale_version");
    let mut fe = form_error(e, &f, tr)?;
    if stale {
        let current = state
            .app
            .article(&viewer.caller, id, None)
            .await
            .map_err(|e| page_error(e, tr))?
            .facts
            .version;
        fe.message = tr.args(
            "kb-conflict",
            &[
                ("mine", f.version.trim().to_string()),
                ("current", current.to_string()),
            ],
        );
        fe.conflict = Some((f.version.trim().to_string(), current));
        // The page links the diff from the version the writer started on; the form itself
        // now carries the current one, so saving again replaces it knowingly.
        f.version = current.to_string();
    }
    editor_page(state, viewer, mode, f, Some(fe)).await
}

/// POST /kb/{id}/edit
pub async fn update(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    let view = state
        .app
        .article(&viewer.caller, id, None)
        .await
        .map_err(|e| page_error(e, tr))?;
    let (mut f, op) = EditorForm::from_pairs(&form, Some(view.facts.kind));
    if op != Op::Save {
        f.apply(op);
        return editor_page(&state, &viewer, Mode::Edit(id), f, None).await;
    }
    let (visibility, category_id) = match facts_of(&f, tr) {
        Ok(x) => x,
        Err(e) => return editor_page(&state, &viewer, Mode::Edit(id), f, Some(e)).await,
    };
    let change = ArticleChange {
        lang: None,
        title: Some(f.title.clone()),
        content: Some(f.content()),
        visibility,
        category_id: Some(category_id),
        service: Some(optional(&f.service)),
        owner_id: None,
        version: f.version.trim().parse::<i64>().ok(),
        note: optional(&f.note),
    };
    match state.app.edit_article(&viewer.caller, id, change).await {
        Ok(_) => Ok(Redirect::to(&format!("/kb/{id}?done=saved")).into_response()),
        Err(e) => refused_save(&state, &viewer, Mode::Edit(id), id, f, e).await,
    }
}

fn path_lang(raw: &str, tr: &crate::ui::i18n::Tr) -> Result<Language, PageError> {
    Language::parse(raw).map_err(|_| PageError::not_found(tr))
}

/// GET /kb/{id}/translations/{lang}: the translation when there is one, else the original
/// text to translate over.
pub async fn translation_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((raw, lang)): Path<(String, String)>,
) -> Result<Response, PageError> {
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    let lang = path_lang(&lang, tr)?;
    let view = state
        .app
        .article(&viewer.caller, id, Some(lang))
        .await
        .map_err(|e| page_error(e, tr))?;
    let mut f = EditorForm::of_view(&view);
    f.lang = lang.as_str().into();
    editor_page(&state, &viewer, Mode::Translate(id, lang), f, None).await
}

/// POST /kb/{id}/translations/{lang}
pub async fn translate(
    State(state): State<AppState>,
    Path((raw, lang)): Path<(String, String)>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    agent_only(&viewer)?;
    let tr = &viewer.tr;
    let id = path_article(&raw, tr)?;
    let lang = path_lang(&lang, tr)?;
    let view = state
        .app
        .article(&viewer.caller, id, None)
        .await
        .map_err(|e| page_error(e, tr))?;
    let (mut f, op) = EditorForm::from_pairs(&form, Some(view.facts.kind));
    f.lang = lang.as_str().into();
    let mode = Mode::Translate(id, lang);
    if op != Op::Save {
        f.apply(op);
        return editor_page(&state, &viewer, mode, f, None).await;
    }
    let version = f.version.trim().parse::<i64>().ok();
    match state
        .app
        .translate_article(
            &viewer.caller,
            id,
            lang,
            f.text(),
            version,
            optional(&f.note),
        )
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/kb/{id}?lang={}&done=translated", lang.as_str()))
                .into_response(),
        ),
        Err(e) => refused_save(&state, &viewer, mode, id, f, e).await,
    }
}

/// GET /kb/editor.js: adds and removes step rows in place (the buttons work without it).
pub async fn script() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        include_str!("../../../templates/knowledge/editor.js"),
    )
        .into_response()
}
