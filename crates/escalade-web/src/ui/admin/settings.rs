//! The impact x urgency matrix (`admin.settings`): a 3 x 3 grid of priority selects, rows by
//! impact and columns by urgency, saved through the service, which refuses a matrix where more
//! impact or urgency would give a lower priority. New tickets and changes of impact or urgency
//! use it from then on.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use escalade_core::authz::Permission;
use escalade_core::ticket::{Impact, Priority, PriorityMatrix, Urgency};

use super::{
    Choice, Fields, Outcome, SavedQuery, choices, flash, gate, outcome, page_error, render_status,
};
use crate::state::AppState;
use crate::ui::form::Posted;
use crate::ui::i18n::Tr;
use crate::ui::page::{Chrome, PageError};
use crate::ui::session::Viewer;

/// Rows and columns in the matrix's order (high, medium, low).
const LEVELS: [&str; 3] = ["high", "medium", "low"];

/// One cell of the grid: its select's name and options.
pub struct Cell {
    name: String,
    label: String,
    options: Vec<Choice>,
}

/// One row of the grid (one impact).
pub struct Row {
    impact: String,
    cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "admin/matrix.html")]
struct MatrixPage {
    c: Chrome,
    urgencies: Vec<String>,
    rows: Vec<Row>,
    error: Option<String>,
}

/// The select name of a cell: `cell-<impact>-<urgency>`.
fn cell_name(impact: &str, urgency: &str) -> String {
    format!("cell-{impact}-{urgency}")
}

/// The grid showing these priorities (as text, so that a refused form shows what was chosen).
fn matrix_page(
    viewer: &Viewer,
    cells: [[String; 3]; 3],
    error: Option<(StatusCode, String)>,
    flash_line: Option<String>,
) -> Response {
    let tr: &Tr = &viewer.tr;
    let rows = LEVELS
        .iter()
        .zip(cells.iter())
        .map(|(impact, row)| Row {
            impact: tr.word("impact", impact),
            cells: LEVELS
                .iter()
                .zip(row.iter())
                .map(|(urgency, current)| Cell {
                    name: cell_name(impact, urgency),
                    label: tr.args(
                        "admin-matrix-cell",
                        &[
                            ("impact", tr.word("impact", impact)),
                            ("urgency", tr.word("urgency", urgency)),
                        ],
                    ),
                    options: choices(
                        Priority::ALL
                            .iter()
                            .map(|p| (p.as_str().to_string(), tr.word("priority", p.as_str()))),
                        current,
                    ),
                })
                .collect(),
        })
        .collect();
    let status = error.as_ref().map(|e| e.0).unwrap_or(StatusCode::OK);
    render_status(
        &MatrixPage {
            c: viewer
                .chrome(tr.get("admin-matrix-title"))
                .with_flash(flash_line),
            urgencies: LEVELS.iter().map(|u| tr.word("urgency", u)).collect(),
            rows,
            error: error.map(|e| e.1),
        },
        status,
    )
}

fn as_text(m: &PriorityMatrix) -> [[String; 3]; 3] {
    m.cells.map(|row| row.map(|p| p.as_str().to_string()))
}

/// GET /admin/matrix
pub async fn matrix(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<SavedQuery>,
) -> Result<Response, PageError> {
    gate(&viewer, Permission::AdminSettings)?;
    let m = state
        .app
        .priority_matrix()
        .await
        .map_err(|e| page_error(e, &viewer.tr))?;
    let line = flash(&viewer.tr, q.saved.as_deref());
    Ok(matrix_page(&viewer, as_text(&m), None, line))
}

/// POST /admin/matrix
pub async fn save_matrix(
    State(state): State<AppState>,
    posted: Posted<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Posted { viewer, form } = posted;
    gate(&viewer, Permission::AdminSettings)?;
    let f = Fields(form);
    let typed: [[String; 3]; 3] =
        LEVELS.map(|i| LEVELS.map(|u| f.get(&cell_name(i, u)).to_string()));
    let parsed = parse(&typed);
    let result = match parsed {
        Ok(m) => state.app.set_priority_matrix(&viewer.caller, m).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(_) => Ok(Redirect::to("/admin/matrix?saved=matrix").into_response()),
        Err(e) => match outcome(e, &viewer.tr) {
            Outcome::Refused(status, message) => {
                Ok(matrix_page(&viewer, typed, Some((status, message)), None))
            }
            Outcome::Page(p) => Err(p),
        },
    }
}

/// The matrix from the nine selects; a missing or unknown priority is refused.
fn parse(typed: &[[String; 3]; 3]) -> Result<PriorityMatrix, escalade_app::AppError> {
    let mut m = PriorityMatrix::default();
    for (i, row) in typed.iter().enumerate() {
        for (u, cell) in row.iter().enumerate() {
            m.cells[i][u] = Priority::parse("cells", cell)?;
        }
    }
    // The row and column order is the domain's; these keep the two in step.
    debug_assert_eq!(Impact::ALL[0].as_str(), LEVELS[0]);
    debug_assert_eq!(Urgency::ALL[2].as_str(), LEVELS[2]);
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_reads_back_as_the_matrix() {
        let m = PriorityMatrix::default();
        assert_eq!(parse(&as_text(&m)).unwrap(), m);
        let mut bad = as_text(&m);
        bad[1][2] = "urgent".into();
        assert!(parse(&bad).is_err());
        assert_eq!(Impact::ALL.len(), 3);
        assert_eq!(Urgency::ALL.len(), 3);
    }
}
