//! The "Linked tickets" section of an article's page: the tickets linked to the article that
//! the viewer may read (the service leaves out, and does not count, the others), the most
//! recently linked first, each a link to the ticket, paged on its own with `tickets_page`.

use escalade_core::knowledge::ArticleId;

use super::page_error;
use crate::state::AppState;
use crate::ui::admin::Pager;
use crate::ui::page::PageError;
use crate::ui::session::Viewer;

/// Tickets per page of the section.
const PER_PAGE: i64 = 10;

/// One linked ticket.
pub(super) struct LinkedRow {
    pub number: String,
    pub subject: String,
    pub status: String,
    pub status_label: String,
    pub linked: String,
    pub linked_iso: String,
}

/// The section: its rows and pager.
pub(super) struct LinkedTickets {
    pub rows: Vec<LinkedRow>,
    pub pager: Pager,
    pub total: i64,
}

/// The linked tickets of article `id` on page `page` (past the last page: the last one),
/// with links that keep the language shown.
pub(super) async fn linked_tickets(
    state: &AppState,
    viewer: &Viewer,
    id: ArticleId,
    lang: &str,
    page: i64,
) -> Result<LinkedTickets, PageError> {
    let tr = &viewer.tr;
    let load = move |page: i64| {
        state
            .app
            .article_tickets(&viewer.caller, id, page, PER_PAGE)
    };
    let mut found = load(page.max(1)).await.map_err(|e| page_error(e, tr))?;
    let pages = ((found.total + PER_PAGE - 1) / PER_PAGE).max(1);
    if found.page > pages {
        found = load(pages).await.map_err(|e| page_error(e, tr))?;
    }
    let page = found.page;
    let link = |p: i64| format!("/kb/{id}?lang={lang}&tickets_page={p}#kb-linked-tickets");
    let pager = Pager {
        total_text: tr.count("kb-tickets-count", "count", found.total),
        position: tr.args(
            "page-of",
            &[("page", page.to_string()), ("pages", pages.to_string())],
        ),
        prev: (page > 1).then(|| link(page - 1)),
        next: (page < pages).then(|| link(page + 1)),
    };
    let rows = found
        .items
        .into_iter()
        .map(|t| LinkedRow {
            status_label: tr.word("status", &t.status),
            linked: tr.datetime(&t.linked_at),
            linked_iso: tr.iso(&t.linked_at),
            number: t.number,
            subject: t.subject,
            status: t.status,
        })
        .collect();
    Ok(LinkedTickets {
        rows,
        pager,
        total: found.total,
    })
}
