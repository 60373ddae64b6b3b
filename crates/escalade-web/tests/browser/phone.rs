//! The working pages on a 375-pixel phone screen, in a real (emulated) phone browser: the
//! portal's new-request form and a request's page, and the agent's home, queues, ticket page
//! and new-ticket form never scroll sideways, even with the long unbroken words real tickets
//! carry (paths, addresses, log lines).

use crate::browser::Browser;
use crate::driver::Window;
use crate::flow::{Desk, PASSWORD};
use crate::run::on_phone;

/// What people paste into tickets: no space for the browser to break a line at.
const LONG_SUBJECT: &str =
    "Export fails: \\\\fileserver01\\finance\\reports\\2024\\quarterly\\Q3-final-version-2.xlsx";
const LONG_DESCRIPTION: &str = "The export stops at https://erp.example.com/finance/exports/\
     monthly?period=2024-09&format=xlsx&include=all-cost-centres-and-subsidiaries with \
     ERR_EXPORT_ROW_LIMIT_EXCEEDED_AT_ROW_1048576_IN_SHEET_COST_CENTRES.";

/// Opens `path` and checks the page fits the phone, naming the page when it does not.
async fn fits(b: &Browser, path: &str, ready: &str) {
    b.goto(path).await;
    b.wait_for(ready).await;
    assert_eq!(b.widths().await.1, 375, "the phone is 375 px wide");
    b.assert_no_horizontal_scroll().await;
}

#[tokio::test]
async fn the_working_pages_fit_a_phone() {
    on_phone(async |srv, anna| {
        let desk = Desk::set_up(srv).await;
        let number = desk
            .worked_ticket(srv, LONG_SUBJECT, LONG_DESCRIPTION, true)
            .await;
        let max = anna.another(Window::Phone).await;

        // ---- The requester ----
        anna.login("anna", PASSWORD).await;
        fits(anna, "/portal/new", "#new-request-form").await;
        // A refused form, with its messages, is no wider.
        anna.fill("new-subject", " ").await;
        anna.fill("new-description", LONG_DESCRIPTION).await;
        anna.submit("new-submit").await;
        anna.wait_for("#new-error").await;
        anna.assert_no_horizontal_scroll().await;
        fits(anna, "/portal", "#portal-tickets").await;
        fits(anna, &format!("/portal/tickets/{number}"), "#conversation").await;

        // ---- The level-2 agent who received the escalation ----
        max.login("max.l2", PASSWORD).await;
        fits(&max, "/agent", "#home-cards").await;
        fits(&max, "/agent/queues/escalated", &format!("#row-{number}")).await;
        fits(
            &max,
            "/agent/queues/all?status=any",
            &format!("#row-{number}"),
        )
        .await;
        fits(&max, &format!("/agent/tickets/{number}"), "#timeline").await;
        // Every part of the ticket page is there, one column under the other.
        for id in [
            "#timeline li.entry-escalation",
            "#reply-form",
            "#note-form",
            "#take-form",
        ] {
            max.wait_for(id).await;
        }
        max.submit("take-submit").await;
        max.wait_for("#update-form").await;
        max.assert_no_horizontal_scroll().await;
        fits(&max, "/agent/new", "#new-ticket-form").await;
    })
    .await;
}
