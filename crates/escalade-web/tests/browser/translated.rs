//! The agent console in the desk's other languages, in a real browser: an agent switches to
//! French with the frame's language select and works their home page and a queue in French,
//! then switches to Russian on a ticket page, whose headings, forms, timeline labels and
//! vocabulary come back in Russian. Expected words are read from the language files.

use crate::browser::{Browser, ftl};
use crate::flow::{Desk, NOTE, PASSWORD, REPLY};
use crate::run::in_browser;

/// Chooses a language in the page frame's select and waits for the page to come back in it.
async fn switch_to(b: &Browser, lang: &str) {
    let before = b.path().await;
    b.select("lang-select", lang).await;
    assert_eq!(b.lang().await, lang, "<html lang> after choosing {lang}");
    assert_eq!(b.path().await, before, "the same page comes back");
}

/// The text of the element matching `css` is the message `key` of `lang`.
async fn shows(b: &Browser, css: &str, lang: &str, key: &str) {
    assert_eq!(b.text_of(css).await, ftl(lang, key), "{css} in {lang}");
}

#[tokio::test]
async fn an_agent_works_in_french_then_russian() {
    in_browser(async |srv, b| {
        let desk = Desk::set_up(srv).await;
        let number = desk
            .worked_ticket(srv, "Le rapport mensuel ne s'exporte plus", "", false)
            .await;

        b.login("lena.l1", PASSWORD).await;
        b.wait_for_path("/agent").await;
        shows(b, "#agent-home-title", "en", "agent-home-title").await;

        // ---- The home page in French ----
        switch_to(b, "fr").await;
        shows(b, "#agent-home-title", "fr", "agent-home-title").await;
        for (card, key) in [
            ("mine", "agent-card-mine"),
            ("unassigned", "agent-card-unassigned"),
            ("escalated", "agent-card-escalated"),
        ] {
            let text = b.text_of(&format!("#card-{card}")).await;
            assert!(text.ends_with(&ftl("fr", key)), "card {card}: {text}");
        }
        assert_eq!(b.text_of("#count-unassigned").await, "1");
        shows(b, "#home-queue-escalated", "fr", "agent-queue-escalated").await;
        shows(
            b,
            "nav.nav a[href='/agent/queues/mine']",
            "fr",
            "nav-queues",
        )
        .await;
        shows(b, "form[action='/logout'] button", "fr", "nav-logout").await;
        b.assert_absent(&ftl("en", "agent-home-title")).await;

        // ---- A queue in French ----
        b.submit("card-unassigned").await;
        assert_eq!(b.lang().await, "fr", "the choice holds on the next page");
        shows(b, "#queue-title", "fr", "agent-queue-unassigned").await;
        shows(b, "#tab-all", "fr", "agent-queue-all").await;
        shows(b, "label[for='filter-status']", "fr", "agent-filter-status").await;
        shows(b, "label[for='filter-text']", "fr", "agent-filter-text").await;
        shows(b, "#filter-apply", "fr", "action-filter").await;
        shows(b, "#col-subject a", "fr", "agent-col-subject").await;
        shows(b, "#col-priority a", "fr", "agent-col-priority").await;
        let row = b.text_of(&format!("#row-{number}")).await;
        assert!(
            row.contains(&ftl("fr", "priority-high")),
            "the priority in French: {row}"
        );
        b.assert_absent(&ftl("en", "agent-col-subject")).await;

        // ---- The ticket page in Russian ----
        b.submit_css(&format!("#row-{number} td:nth-child(2) a"))
            .await;
        assert_eq!(b.path().await, format!("/agent/tickets/{number}"));
        assert_eq!(b.lang().await, "fr");
        shows(b, "#reply-title", "fr", "ticket-reply-title").await;
        switch_to(b, "ru").await;
        for (css, key) in [
            ("#description-title", "ticket-description"),
            ("#reply-title", "ticket-reply-title"),
            ("#note-title", "ticket-note-title"),
            ("#update-title", "ticket-update-title"),
            ("#update-submit", "ticket-update-submit"),
            ("#escalate-title", "ticket-escalate-title"),
            ("label[for='escalate-summary']", "ticket-escalate-summary"),
            ("#requester-card h2", "ticket-requester-title"),
        ] {
            shows(b, css, "ru", key).await;
        }
        assert!(
            b.text_of("#journal-title")
                .await
                .starts_with(&ftl("ru", "ticket-journal"))
        );
        assert!(
            b.text_of("#ticket-priority")
                .await
                .ends_with(&ftl("ru", "priority-high"))
        );
        let reply = b.text_of("#timeline li.entry-public_reply").await;
        assert!(reply.contains(&ftl("ru", "entry-public-reply")), "{reply}");
        assert!(reply.contains(&ftl("ru", "ticket-public")), "{reply}");
        assert!(reply.contains(REPLY), "what people wrote stays as written");
        let note = b.text_of("#timeline li.entry-internal_note").await;
        assert!(note.contains(&ftl("ru", "entry-internal-note")), "{note}");
        assert!(note.contains(&ftl("ru", "ticket-internal")), "{note}");
        assert!(note.contains(NOTE));
        b.assert_absent(&ftl("en", "ticket-reply-title")).await;
        b.assert_absent(&ftl("fr", "ticket-reply-title")).await;

        // A form's confirmation comes back in Russian too.
        b.fill("reply-body", "Проверяем экспорт.").await;
        b.submit("reply-submit").await;
        assert_eq!(b.text_of(".flash").await, ftl("ru", "ticket-saved-reply"));
    })
    .await;
}
