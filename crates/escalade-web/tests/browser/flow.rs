//! The whole life of a request, as the people involved live it, in real Chromium: a
//! requester asks for help in the portal (category, description, a file); the hotline routes
//! it to level 1; the level-1 agent finds it in their queue, answers the requester, writes an
//! internal note and escalates it to level 2 with a hand-over summary; the level-2 agent finds
//! it in "Escalated to me", takes it and resolves it; the requester reads the answer (and
//! never the internal words), confirms the resolution and sees the request closed. Another
//! requester who types the request's address, in the portal or in the console, gets "not
//! found". Every step checks what the person sees (messages, timeline, statuses), not only
//! where the browser went.
//!
//! Each person has one browser session for the whole case, reused from step to step.

use serde_json::json;

use crate::browser::ftl;
use crate::driver::Window;
use crate::run::in_browser;
use crate::support::{TestServer, TestUser};

/// Every person's password in these cases.
pub const PASSWORD: &str = "flow-password-2024";

/// A message of the language files with its `{ $name }` placeables filled in (the pages are
/// rendered without Unicode isolation marks, so the texts compare as they are).
pub fn ftl_with(lang: &str, key: &str, args: &[(&str, &str)]) -> String {
    args.iter().fold(ftl(lang, key), |text, (name, value)| {
        text.replace(&format!("{{ ${name} }}"), value)
    })
}

/// The people and places of the flow, made through the administrator's API.
pub struct Desk {
    /// The level-1 group.
    pub level1: i64,
    /// The level-2 group (one of two at level 2).
    pub level2: i64,
    /// Level-1 agent `lena.l1`, in the level-1 group, reaching the tickets of their groups.
    pub l1: TestUser,
    /// The requester `anna`, who asks for help.
    pub anna: TestUser,
}

impl Desk {
    /// A department, a level-1 and a level-2 group (a second level-2 group too, so that the
    /// escalating agent has to name the receiving one), an agent in each (`lena.l1` and
    /// `max.l2`, reaching the tickets of their groups), and two requesters of the department:
    /// `anna` and `boris`.
    pub async fn set_up(srv: &TestServer) -> Desk {
        let department = srv.department("Finance").await;
        let level1 = srv.group("Service desk", 1, false).await;
        let level2 = srv.group("Business applications", 2, false).await;
        srv.group("Infrastructure", 2, false).await;
        let agent = |login: &'static str| {
            srv.user_with(login, "agent", &[("agent", "group")], None, Some(PASSWORD))
        };
        let l1 = agent("lena.l1").await;
        let max = agent("max.l2").await;
        srv.join(level1, &l1).await;
        srv.join(level2, &max).await;
        let requester = |login: &'static str| {
            srv.user_with(
                login,
                "requester",
                &[("requester", "own")],
                Some(department),
                Some(PASSWORD),
            )
        };
        let anna = requester("anna").await;
        requester("boris").await;
        Desk {
            level1,
            level2,
            l1,
            anna,
        }
    }

    /// Anna's ticket with a history, made through the API: opened with key facts, routed to
    /// level 1, answered by Lena (public reply), noted (internal note), and, when `escalate`,
    /// escalated to level 2 with a hand-over summary. Returns its number.
    pub async fn worked_ticket(
        &self,
        srv: &TestServer,
        subject: &str,
        description: &str,
        escalate: bool,
    ) -> String {
        let t = srv
            .open(
                &self.anna,
                json!({
                    "subject": subject,
                    "description": description,
                    "category_id": srv.category("software_failure").await,
                    "impact": "medium",
                    "urgency": "high",
                }),
            )
            .await;
        let number = crate::support::num(&t);
        srv.change(&srv.admin, &number, json!({"group_id": self.level1}))
            .await;
        srv.comment(&self.l1, &number, "public", REPLY)
            .await
            .expect(201);
        srv.comment(&self.l1, &number, "internal", NOTE)
            .await
            .expect(201);
        if escalate {
            srv.post(
                &self.l1.token,
                &format!("/api/v1/tickets/{number}/escalations"),
                json!({"level": 2, "group_id": self.level2, "summary": SUMMARY}),
            )
            .await
            .expect(201);
        }
        number
    }
}

pub const SUBJECT: &str = "ERP export to Excel fails with E4711";
pub const DESCRIPTION: &str = "Since this morning the monthly export stops with error E4711.";
const FILE_NAME: &str = "export-error.txt";
const FILE_TEXT: &str = "E4711: export aborted at row 1200";
pub const REPLY: &str = "Thank you, Anna: we are looking at the export now.";
pub const NOTE: &str = "Internal: same error as last month, patch 7.2 suspected.";
pub const SUMMARY: &str =
    "Export fails since patch 7.2; log in /var/log/erp/export.log; restarting did not help.";

#[tokio::test]
async fn a_request_goes_from_the_portal_through_two_levels_and_back_closed() {
    in_browser(async |srv, anna| {
        let desk = Desk::set_up(srv).await;
        let software = srv.category("software_failure").await;
        // The other three people's browsers start together: starting Chromium is most of a
        // session's cost.
        let (lena, max, boris) = tokio::join!(
            anna.another(Window::Desktop),
            anna.another(Window::Desktop),
            anna.another(Window::Desktop)
        );

        // ---- Anna asks for help in the portal ----
        anna.login("anna", PASSWORD).await;
        anna.wait_for_path("/portal").await;
        anna.submit("portal-new-request").await;
        assert_eq!(anna.path().await, "/portal/new");
        anna.click("new-type-incident").await;
        anna.select("new-category", &software.to_string()).await;
        anna.fill("new-subject", SUBJECT).await;
        anna.fill("new-description", DESCRIPTION).await;
        anna.select("new-impact", "medium").await;
        anna.select("new-urgency", "high").await;
        let dir = tempfile::tempdir().expect("a folder for the file to send");
        let file = dir.path().join(FILE_NAME);
        std::fs::write(&file, FILE_TEXT).expect("write the file to send");
        anna.by_id("new-files")
            .await
            .send_keys(file.to_string_lossy())
            .await
            .expect("choose the file");
        anna.submit("new-submit").await;

        let number = anna.text_of("#ticket-number").await;
        assert!(number.starts_with("INC-"), "an incident number: {number}");
        assert_eq!(
            anna.path().await,
            format!("/portal/tickets/{number}?saved=created")
        );
        assert_eq!(
            anna.text_of(".flash").await,
            ftl_with("en", "portal-flash-created", &[("number", &number)])
        );
        assert!(anna.text_of("#ticket-subject").await.ends_with(SUBJECT));
        assert_eq!(
            anna.text_of("#ticket-status").await,
            ftl("en", "status-new")
        );
        anna.assert_text(&ftl("en", "portal-state-new")).await;
        assert_eq!(
            anna.text_of("#ticket-category").await,
            ftl("en", "portal-category-software-failure")
        );
        assert_eq!(anna.text_of("#ticket-description").await, DESCRIPTION);
        assert!(anna.text_of("#ticket-files").await.contains(FILE_NAME));
        // Medium impact, high urgency: the default matrix says high.
        assert_eq!(
            anna.text_of("#ticket-priority").await,
            ftl("en", "priority-high")
        );

        // ---- Lena (level 1) cannot see it before it reaches her group ----
        lena.login("lena.l1", PASSWORD).await;
        lena.wait_for_path("/agent").await;
        assert_eq!(lena.text_of("#count-unassigned").await, "0");
        lena.assert_absent(SUBJECT).await;

        // The hotline routes it to level 1 (its ticket page is tested on its own).
        srv.change(&srv.admin, &number, json!({"group_id": desk.level1}))
            .await;

        // ---- Lena finds it in her queue by its subject ----
        lena.goto("/agent").await;
        assert_eq!(lena.text_of("#count-unassigned").await, "1");
        lena.submit("card-unassigned").await;
        assert_eq!(lena.path().await, "/agent/queues/unassigned");
        assert_eq!(
            lena.text_of("#queue-title").await,
            ftl("en", "agent-queue-unassigned")
        );
        lena.fill("filter-text", "export to excel").await;
        lena.submit("filter-apply").await;
        let row = format!("#row-{number}");
        assert!(lena.text_of(&row).await.contains(SUBJECT));
        assert!(
            lena.text_of("#queue-summary").await.contains('1'),
            "one ticket matches"
        );
        lena.submit_css(&format!("{row} td:nth-child(2) a")).await;
        assert_eq!(lena.path().await, format!("/agent/tickets/{number}"));
        assert_eq!(lena.text_of("#ticket-subject").await, SUBJECT);
        assert!(
            lena.text_of("#ticket-status")
                .await
                .ends_with(&ftl("en", "status-new"))
        );
        assert_eq!(lena.text_of("#description .body").await, DESCRIPTION);
        assert!(lena.text_of("#files").await.contains(FILE_NAME));
        assert!(lena.text_of("#requester-name").await.contains("anna"));

        // A public reply.
        lena.fill("reply-body", REPLY).await;
        lena.submit("reply-submit").await;
        assert_eq!(
            lena.text_of(".flash").await,
            ftl("en", "ticket-saved-reply")
        );
        let reply = lena.text_of("#timeline li.entry-public_reply").await;
        assert!(reply.contains(REPLY), "the reply in the timeline: {reply}");
        assert!(reply.contains(&ftl("en", "ticket-public")));

        // An internal note, shown as internal.
        lena.click("note-kind-internal").await;
        lena.fill("note-body", NOTE).await;
        lena.submit("note-submit").await;
        assert_eq!(lena.text_of(".flash").await, ftl("en", "ticket-saved-note"));
        let note = lena
            .text_of("#timeline li.entry-internal_note.entry-internal")
            .await;
        assert!(note.contains(NOTE), "the note in the timeline: {note}");
        assert!(note.contains(&ftl("en", "ticket-internal")));
        // And it looks different from the reply: its own background and edge.
        let look = |css: &str| {
            format!(
                "const s = getComputedStyle(document.querySelector('#timeline li.{css}')); \
                 return [s.backgroundColor, s.borderLeftColor];"
            )
        };
        let (note_look, reply_look) = (
            lena.eval(&look("entry-internal_note")).await,
            lena.eval(&look("entry-public_reply")).await,
        );
        assert_ne!(
            note_look[0], reply_look[0],
            "backgrounds {note_look} {reply_look}"
        );
        assert_ne!(
            note_look[1], reply_look[1],
            "edges {note_look} {reply_look}"
        );

        // Escalated to level 2 with the hand-over summary. Two groups work at level 2: Lena
        // names the receiving one.
        lena.select("escalate-level", "2").await;
        lena.select("escalate-group", &desk.level2.to_string())
            .await;
        lena.fill("escalate-summary", SUMMARY).await;
        lena.submit("escalate-submit").await;
        // Lena reaches only her groups' tickets: the ticket has left her reach, so she is
        // back on her desk with the confirmation, not on a "not found" page.
        lena.wait_for_path("/agent").await;
        assert_eq!(
            lena.text_of(".flash").await,
            ftl_with("en", "agent-saved-handed-over", &[("number", &number)])
        );
        assert_eq!(lena.text_of("#count-unassigned").await, "0");
        lena.assert_absent(SUBJECT).await;

        // ---- Max (level 2) sees it in "Escalated to me", takes it and resolves it ----
        max.login("max.l2", PASSWORD).await;
        max.wait_for_path("/agent").await;
        assert_eq!(max.text_of("#count-escalated").await, "1");
        max.submit("card-escalated").await;
        assert_eq!(max.path().await, "/agent/queues/escalated");
        assert!(max.text_of(&row).await.contains(SUBJECT));
        assert!(
            max.text_of(&row)
                .await
                .contains(&ftl("en", "status-escalated"))
        );
        max.submit_css(&format!("{row} td:nth-child(2) a")).await;
        assert_eq!(max.path().await, format!("/agent/tickets/{number}"));
        // The hand-over and everything before it are there for him.
        let escalation = max.text_of("#timeline li.entry-escalation").await;
        assert!(escalation.contains(SUMMARY), "{escalation}");
        assert!(escalation.contains(&ftl("en", "ticket-handover-summary")));
        assert!(escalation.contains("Service desk → Business applications"));
        assert!(max.text_of("#timeline").await.contains(NOTE));

        max.submit("take-submit").await;
        assert_eq!(max.text_of(".flash").await, ftl("en", "ticket-saved-taken"));
        assert!(
            max.text_of("#ticket-status")
                .await
                .ends_with(&ftl("en", "status-assigned"))
        );
        assert!(!max.has("#take-form").await, "nothing left to take");
        assert!(
            max.text_of("#timeline li.entry-take")
                .await
                .contains("max.l2")
        );

        max.select("update-status", "resolved").await;
        max.submit("update-submit").await;
        assert_eq!(
            max.text_of(".flash").await,
            ftl("en", "ticket-saved-update")
        );
        assert!(
            max.text_of("#ticket-status")
                .await
                .ends_with(&ftl("en", "status-resolved"))
        );
        let change = max
            .text_of("#timeline li.entry-field_change:last-child")
            .await;
        assert!(
            change.contains(&format!(
                "{} → {}",
                ftl("en", "status-assigned"),
                ftl("en", "status-resolved")
            )),
            "the status change in the timeline: {change}"
        );

        // ---- Anna reads the answer, never the internal words, and confirms ----
        anna.goto("/portal").await;
        let mine = format!("#ticket-{number}");
        assert!(
            anna.text_of(&mine)
                .await
                .contains(&ftl("en", "status-resolved"))
        );
        anna.submit_css(&format!("{mine} td:nth-child(2) a")).await;
        assert_eq!(anna.path().await, format!("/portal/tickets/{number}"));
        assert_eq!(
            anna.text_of("#ticket-status").await,
            ftl("en", "status-resolved")
        );
        anna.assert_text(&ftl("en", "portal-state-resolved")).await;
        assert!(anna.text_of("#conversation").await.contains(REPLY));
        anna.assert_absent(NOTE).await;
        anna.assert_absent(SUMMARY).await;
        anna.assert_absent("patch 7.2").await;
        assert_eq!(
            anna.text_of("#decision-title").await,
            ftl("en", "portal-decision-title")
        );
        anna.submit("confirm-submit").await;
        assert_eq!(
            anna.text_of(".flash").await,
            ftl("en", "portal-flash-confirmed")
        );
        assert_eq!(
            anna.text_of("#ticket-status").await,
            ftl("en", "status-closed")
        );
        anna.assert_text(&ftl("en", "portal-state-closed")).await;
        assert!(!anna.has("#decision").await, "nothing left to decide");
        assert!(
            !anna.has("#reply-form").await,
            "a closed request takes no reply"
        );
        anna.wait_for("#ticket-finished").await;
        anna.assert_absent(NOTE).await;

        // ---- Boris, of the same department, types Anna's addresses ----
        boris.login("boris", PASSWORD).await;
        boris.wait_for_path("/portal").await;
        boris.wait_for("#portal-empty").await;
        for path in [
            format!("/portal/tickets/{number}"),
            format!("/agent/tickets/{number}"),
        ] {
            boris.goto(&path).await;
            assert_eq!(
                boris.text_of("h1").await,
                ftl("en", "error-not-found"),
                "{path}"
            );
            boris.assert_text(&ftl("en", "error-not-found-text")).await;
            boris.assert_absent(SUBJECT).await;
            boris.assert_absent(REPLY).await;
        }
    })
    .await;
}
