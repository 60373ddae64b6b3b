//! The agent's ticket page over HTTP. Here: what it shows (fields, key facts, requester card
//! with other open tickets, timeline with replies and internal notes told apart, changes in
//! words, journal pages) and the helpers the other files share; `forms` runs every form end to
//! end, `refusals` checks that refused moves, missing summaries, scope, permissions and form
//! tokens change nothing.

mod forms;
mod refusals;

use serde_json::json;

use crate::support::{TestServer, TestUser, both, num, of_kind};
use crate::web::{Page, WebUser};

pub(super) const PASSWORD: &str = "agent-password-1";

/// An agent with this role and scope who can log in to the web UI.
pub(super) async fn agent(
    srv: &TestServer,
    login: &str,
    role: &str,
    scope: &str,
) -> (TestUser, WebUser) {
    let u = srv
        .user_with(login, "agent", &[(role, scope)], None, Some(PASSWORD))
        .await;
    let web = srv.web_login(login, PASSWORD).await;
    (u, web)
}

pub(super) fn path(n: &str) -> String {
    format!("/agent/tickets/{n}")
}

/// The element with this id, from its opening tag to its matching closing tag: enough to
/// check what one panel, list or entry says.
pub(super) fn element<'a>(page: &'a Page, id: &str) -> &'a str {
    let b = &page.body;
    let at = b
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id} in {b}"));
    let start = b[..at].rfind('<').expect("an opening tag");
    let tag: String = b[start + 1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    let (open, close) = (format!("<{tag}"), format!("</{tag}>"));
    let mut depth = 0;
    let mut i = start;
    while i < b.len() {
        if b[i..].starts_with(&close) {
            depth -= 1;
            if depth == 0 {
                return &b[start..i + close.len()];
            }
            i += close.len();
        } else if b[i..].starts_with(&open) && b[i + open.len()..].starts_with([' ', '>']) {
            depth += 1;
            i += open.len();
        } else {
            i += b[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    &b[start..]
}

/// Asserts a redirect back to the ticket page with this confirmation; returns the anchor.
pub(super) fn saved(page: &Page, n: &str, what: &str) -> String {
    let loc = page
        .location
        .as_deref()
        .unwrap_or_else(|| panic!("no redirect: {page:?}"));
    let prefix = format!("/agent/tickets/{n}?saved={what}#");
    assert!(loc.starts_with(&prefix), "{loc} should start with {prefix}");
    loc[prefix.len()..].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_shows_the_fields_and_tells_replies_from_internal_notes() {
    both(async |srv| {
        let dept = srv.department("Finance").await;
        let anna = srv
            .user_with(
                "anna",
                "requester",
                &[("requester", "own")],
                Some(dept),
                None,
            )
            .await;
        let l1 = srv.group("Service desk", 1, false).await;
        let (lena, web) = agent(srv, "lena", "agent", "all").await;
        srv.join(l1, &lena).await;
        let network = srv.category("network").await;
        let t = srv
            .open(
                &lena,
                json!({
                    "subject": "VPN drops every hour",
                    "description": "Since Monday the VPN disconnects.",
                    "requester_id": anna.id,
                    "channel": "phone",
                    "category_id": network,
                    "impact": "high",
                    "urgency": "medium",
                    "group_id": l1,
                    "assignee_id": lena.id,
                    "tags": ["vpn"],
                    "facts": {"started": "Monday 9:00", "users_affected": 12,
                              "error_codes": "E-809", "tried": "Reinstalled the client"},
                }),
            )
            .await;
        let n = num(&t);

        let reply = web
            .post(
                &format!("{}/reply", path(&n)),
                &[("body", "We are looking into it.")],
            )
            .await
            .expect(303);
        let anchor = saved(&reply, &n, "reply");
        assert!(anchor.starts_with("entry-"), "{anchor}");
        let note = web
            .post(
                &format!("{}/note", path(&n)),
                &[("body", "Router firmware suspected."), ("kind", "internal")],
            )
            .await
            .expect(303);
        saved(&note, &n, "note");

        let page = web
            .get(&format!("{}?saved=reply", path(&n)))
            .await
            .expect(200);
        let b = &page.body;
        assert!(b.contains("Your reply has been sent."), "flash");
        assert!(b.contains(&n) && b.contains("VPN drops every hour"));
        assert!(
            b.contains("id=\"ticket-status\">Status: Assigned<"),
            "status badge"
        );
        assert!(b.contains("priority-high"), "high x medium gives high");
        assert!(b.contains("Since Monday the VPN disconnects."));
        for expected in [
            "Incident",
            "Phone",
            "Network",
            "Service desk",
            "lena (test)",
            "vpn",
        ] {
            assert!(
                element(&page, "fields").contains(expected),
                "{expected} in the fields"
            );
        }
        assert!(element(&page, "fields").contains("Finance"), "department");
        let facts = element(&page, "key-facts");
        for expected in ["Monday 9:00", "12", "E-809", "Reinstalled the client"] {
            assert!(facts.contains(expected), "{expected} in the key facts");
        }
        let card = element(&page, "requester-card");
        assert!(card.contains("anna (test)") && card.contains("Finance"));

        // The reply and the note are both there, and told apart by class and by words.
        let journal = srv.journal(&lena, &n).await;
        let r = of_kind(&journal, "public_reply")[0]["id"].as_i64().unwrap();
        let i = of_kind(&journal, "internal_note")[0]["id"]
            .as_i64()
            .unwrap();
        assert_eq!(
            anchor,
            format!("entry-{r}"),
            "the redirect points at the new reply"
        );
        assert!(b.contains(&format!(
            "<li id=\"entry-{r}\" class=\"entry-public_reply\">"
        )));
        assert!(b.contains(&format!(
            "<li id=\"entry-{i}\" class=\"entry-internal_note entry-internal\">"
        )));
        assert!(element(&page, &format!("entry-{r}")).contains("We are looking into it."));
        let internal = element(&page, &format!("entry-{i}"));
        assert!(internal.contains("Router firmware suspected.") && internal.contains("Internal"));
        assert!(b.contains("id=\"reply-form\"") && b.contains("id=\"note-form\""));

        // A change shows up in the timeline as field: old → new, in words.
        web.post(
            &format!("{}/update", path(&n)),
            &[("status", "in_progress"), ("was_status", "assigned")],
        )
        .await
        .expect(303);
        let page = web.get(&path(&n)).await.expect(200);
        assert!(
            page.body.contains("Status: Assigned → In progress"),
            "{}",
            page.body
        );

        // The same page in French.
        web.post("/language", &[("lang", "fr"), ("next", "/")])
            .await
            .expect(303);
        let fr = web.get(&path(&n)).await.expect(200);
        assert!(fr.body.contains("Statut : Attribué → En cours"));
        assert!(fr.body.contains("Note interne"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_requester_card_lists_their_other_open_tickets_the_agent_may_see() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let bob = srv.requester("bob").await;
        let l1 = srv.group("Service desk", 1, false).await;
        let other = srv.group("Field service", 1, false).await;
        let (lena, web) = agent(srv, "lena", "agent", "group").await;
        srv.join(l1, &lena).await;
        let admin = srv.admin.clone();
        let mut numbers = Vec::new();
        for subject in ["First", "Second", "Third", "Resolved one", "Elsewhere"] {
            let n = srv.open_simple(&anna, subject).await;
            let group = if subject == "Elsewhere" { other } else { l1 };
            srv.change(&admin, &n, json!({"group_id": group})).await;
            numbers.push(n);
        }
        srv.change(&admin, &numbers[3], json!({"status": "resolved"}))
            .await;
        let bobs = srv.open_simple(&bob, "Bob's ticket").await;
        srv.change(&admin, &bobs, json!({"group_id": l1})).await;

        let page = web.get(&path(&numbers[0])).await.expect(200);
        let card = element(&page, "requester-card");
        assert!(card.contains("2 other open tickets."), "{card}");
        for n in &numbers[1..3] {
            assert!(
                card.contains(&format!("href=\"/agent/tickets/{n}\"")),
                "{n} listed"
            );
        }
        assert!(
            !card.contains(&format!("href=\"/agent/tickets/{}\"", numbers[0])),
            "not itself"
        );
        assert!(!card.contains(&numbers[3]), "a resolved ticket is not open");
        assert!(
            !card.contains(&numbers[4]),
            "a ticket out of the agent's reach is not listed"
        );
        assert!(
            !card.contains(&bobs),
            "another requester's ticket is not listed"
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_journal_pages_and_opens_on_its_newest_entries() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let (lena, web) = agent(srv, "lena", "agent", "all").await;
        let n = srv.open_simple(&anna, "Many notes").await;
        for i in 1..=104 {
            srv.comment(&lena, &n, "internal", &format!("note number {i}"))
                .await
                .expect(201);
        }
        let last = web.get(&path(&n)).await.expect(200);
        assert!(last.body.contains("105 entries"));
        assert!(last.body.contains("Page 2 of 2"));
        assert!(
            last.body.contains("note number 104<"),
            "the newest entry is shown"
        );
        assert!(
            !last.body.contains("note number 4<"),
            "old entries are on page 1"
        );
        assert!(last.body.contains("id=\"journal-earlier\""));
        let first = web.get(&format!("{}?jp=1", path(&n))).await.expect(200);
        let mangled = web.get(&format!("{}?jp=x", path(&n))).await.expect(200);
        assert!(
            mangled.body.contains("Page 2 of 2"),
            "a mangled page number opens the last"
        );
        assert!(first.body.contains("Page 1 of 2"));
        assert!(first.body.contains("note number 4<"));
        assert!(!first.body.contains("note number 104<"));
    })
    .await;
}
