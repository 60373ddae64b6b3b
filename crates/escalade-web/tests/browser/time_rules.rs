//! An administrator adds a time rule through its form in a real browser: a refused wait is
//! shown above the form with the field marked and what was typed kept, then the corrected
//! rule is saved and listed.

use crate::run::in_browser;
use crate::support::ADMIN_PASSWORD;

#[tokio::test]
async fn an_administrator_creates_a_time_rule_through_the_form() {
    in_browser(async |srv, b| {
        b.login_to("admin", ADMIN_PASSWORD, "/admin/rules").await;
        b.submit("time-rules-new").await;
        assert_eq!(b.path().await, "/admin/time-rules/new");
        b.fill("time-rule-name", "Close after three days").await;
        b.select("time-rule-kind", "auto_close_resolved").await;
        b.fill("time-rule-after-days", "0").await;
        b.submit("time-rule-submit").await;
        assert_eq!(
            b.text_of("#time-rule-error").await,
            "Give the days as a whole number from 1 to 3660."
        );
        assert_eq!(
            b.attr("#time-rule-after-days", "aria-invalid")
                .await
                .as_deref(),
            Some("true")
        );
        assert_eq!(b.value_of("time-rule-name").await, "Close after three days");
        assert_eq!(b.value_of("time-rule-after-days").await, "0");

        b.fill("time-rule-after-days", "3").await;
        b.submit("time-rule-submit").await;
        assert_eq!(b.path().await, "/admin/rules?saved=time-rule");
        b.assert_text("The time rule has been saved.").await;
        b.assert_text("Close after three days").await;
        let items = srv.get(&srv.admin.token, "/api/v1/time-rules").await.json["items"].clone();
        let saved = items
            .as_array()
            .expect("time rules")
            .iter()
            .find(|r| r["name"] == "Close after three days")
            .expect("saved")
            .clone();
        assert_eq!(
            saved["rule"]["kind"]["auto_close_resolved"]["after_days"],
            3
        );
        assert_eq!(saved["active"], true);
    })
    .await;
}
