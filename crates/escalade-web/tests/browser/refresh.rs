//! A queue page's live refresh in a real browser (the page's timers sped up, so that the test
//! need not wait 15 seconds): a ticket opened elsewhere appears in the open queue without a
//! reload, and once the session has ended the page keeps what it shows (no login page or
//! error page swapped into the table) and stops asking.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::browser::{Browser, WAIT};
use crate::flow::PASSWORD;
use crate::run::in_browser;

/// How many requests the page's script has made so far.
async fn fetches(b: &Browser) -> i64 {
    b.eval("return window.__escaladeFetches;")
        .await
        .as_i64()
        .expect("the page counts its requests (fast_timers)")
}

#[tokio::test]
async fn a_queue_refreshes_itself_until_the_session_ends() {
    in_browser(async |srv, b| {
        let anna = srv.requester("anna").await;
        srv.user_with("lena", "agent", &[("agent", "all")], None, Some(PASSWORD))
            .await;
        let first = srv.open_simple(&anna, "Printer on floor 2 jams").await;

        b.fast_timers(200).await;
        b.login_to("lena", PASSWORD, "/agent/queues/all").await;
        b.wait_for(&format!("#row-{first}")).await;
        b.mark_page().await;

        // A new ticket appears by itself: the same document, a new row.
        let second = srv.open_simple(&anna, "VPN drops every hour").await;
        b.wait_for_text(&format!("#row-{second}"), "VPN drops every hour")
            .await;
        assert_eq!(
            b.eval("return window.__escaladeOldPage === true;").await,
            json!(true),
            "the table was refreshed in place, the page was not reloaded"
        );
        assert!(b.text_of("#queue-summary").await.contains('2'));

        // The session ends (logged out from this browser's other tab, as it were).
        let ended = b
            .eval(
                "const token = document.querySelector(\"form[action='/logout'] \
                 input[name='csrf']\").value; \
                 const r = new XMLHttpRequest(); r.open('POST', '/logout', false); \
                 r.setRequestHeader('Content-Type', 'application/x-www-form-urlencoded'); \
                 r.send('csrf=' + encodeURIComponent(token)); return r.status;",
            )
            .await;
        assert_eq!(ended, json!(200), "logged out (the redirect followed)");
        let third = srv.open_simple(&anna, "Screen flickers").await;

        // The next poll answers 401: nothing is swapped in, and the page stops asking.
        let start = Instant::now();
        let mut last = fetches(b).await;
        let mut still_for = Duration::ZERO;
        while still_for < Duration::from_millis(1500) {
            tokio::time::sleep(Duration::from_millis(250)).await;
            let now = fetches(b).await;
            if now == last {
                still_for += Duration::from_millis(250);
            } else {
                still_for = Duration::ZERO;
                last = now;
            }
            assert!(
                start.elapsed() < WAIT,
                "the page kept asking after the session ended ({now} requests)"
            );
        }
        assert!(b.has(&format!("#row-{second}")).await, "the table stays");
        assert!(!b.has(&format!("#row-{third}")).await);
        assert!(
            !b.has("#queue-results #login").await,
            "no login form in the table"
        );
        assert!(
            !b.has("#queue-results header").await,
            "no page in the table"
        );
        assert_eq!(b.path().await, "/agent/queues/all");
    })
    .await;
}
