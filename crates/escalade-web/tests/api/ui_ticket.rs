//! The agent's ticket page over HTTP: what it shows (fields, requester card, timeline with
//! replies and internal notes told apart, files), its forms end to end (reply, note, phone
//! call, files, change form, escalation, take), and its refusals: a refused status move names
//! its rule and changes nothing, an escalation needs its summary, a ticket out of scope and
//! the whole page for requesters are 404, forms without the form token are 403.

use serde_json::{Value, json};

use crate::support::{TestServer, TestUser, both, num, of_kind};
use crate::web::{Page, WebUser};

const PASSWORD: &str = "agent-password-1";

/// An agent with this role and scope who can log in to the web UI.
async fn agent(srv: &TestServer, login: &str, role: &str, scope: &str) -> (TestUser, WebUser) {
    let u = srv
        .user_with(login, "agent", &[(role, scope)], None, Some(PASSWORD))
        .await;
    let web = srv.web_login(login, PASSWORD).await;
    (u, web)
}

fn path(n: &str) -> String {
    format!("/agent/tickets/{n}")
}

/// The element with this id, from its opening tag to its matching closing tag: enough to
/// check what one panel, list or entry says.
fn element<'a>(page: &'a Page, id: &str) -> &'a str {
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
fn saved(page: &Page, n: &str, what: &str) -> String {
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
async fn forms_work_end_to_end_through_escalation_and_take() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let l1 = srv.group("Service desk", 1, false).await;
        let apps = srv.group("Applications", 2, false).await;
        srv.group("Infrastructure", 2, false).await;
        let (lena, web) = agent(srv, "lena", "agent", "group").await;
        let (max, max_web) = agent(srv, "max", "agent", "group").await;
        srv.join(l1, &lena).await;
        srv.join(apps, &max).await;
        let n = srv.open_simple(&anna, "ERP export fails with E4711").await;
        srv.change(&srv.admin, &n, json!({"group_id": l1})).await;

        // A phone call is logged as such, internal.
        let call = web
            .post(
                &format!("{}/note", path(&n)),
                &[
                    ("body", "Called Anna: error since 9:00."),
                    ("kind", "phone_call"),
                ],
            )
            .await
            .expect(303);
        saved(&call, &n, "call");
        let journal = srv.journal(&lena, &n).await;
        let calls = of_kind(&journal, "phone_call");
        assert_eq!(calls.len(), 1);
        assert_eq!(calls[0]["public"], false);

        // The change form: only what changed is sent.
        let page = web.get(&path(&n)).await.expect(200);
        assert!(page.body.contains("id=\"update-form\""));
        let before = srv.ticket(&lena, &n).await;
        let lena_id = lena.id.to_string();
        web.post(
            &format!("{}/update", path(&n)),
            &[
                ("status", "in_progress"),
                ("was_status", "new"),
                ("impact", "high"),
                ("was_impact", "medium"),
                ("urgency", "high"),
                ("was_urgency", "medium"),
                ("priority", "auto"),
                ("was_priority", "auto"),
                ("category", ""),
                ("was_category", ""),
                ("assignee", &lena_id),
                ("was_assignee", ""),
            ],
        )
        .await
        .expect(303);
        let t = srv.ticket(&lena, &n).await;
        assert_eq!(t["status"], "in_progress");
        assert_eq!(t["priority"], "critical", "high x high from the matrix");
        assert_eq!(t["assignee_id"], lena.id);
        assert_eq!(t["group_id"], l1, "the group was not touched");
        assert_eq!(t["version"], before["version"].as_i64().unwrap() + 1);
        let changes = of_kind(&srv.journal(&lena, &n).await, "field_change").len();

        // The same form again changes nothing and says so.
        let again = web
            .post(
                &format!("{}/update", path(&n)),
                &[("status", "in_progress"), ("was_status", "in_progress")],
            )
            .await
            .expect(422);
        assert!(again.body.contains("Nothing was changed."));
        assert_eq!(
            of_kind(&srv.journal(&lena, &n).await, "field_change").len(),
            changes
        );

        // Escalation to level 2, where two groups work: the group must be named.
        let summary = "Export fails since the 9:00 patch; log in /var/log/erp; restarted twice.";
        let refused = web
            .post(
                &format!("{}/escalate", path(&n)),
                &[("level", "2"), ("group", ""), ("summary", summary)],
            )
            .await
            .expect(422);
        let err = element(&refused, "escalate-group-error");
        assert!(err.contains("Several groups work at this level"), "{err}");
        assert!(err.contains("data-code=\"group_required\""));
        assert!(refused.body.contains(summary), "the summary typed is kept");
        assert_eq!(srv.ticket(&lena, &n).await["status"], "in_progress");

        let apps_id = apps.to_string();
        let done = web
            .post(
                &format!("{}/escalate", path(&n)),
                &[("level", ""), ("group", &apps_id), ("summary", summary)],
            )
            .await
            .expect(303);
        saved(&done, &n, "escalated");
        let t = srv.ticket(&srv.admin, &n).await;
        assert_eq!(t["status"], "escalated");
        assert_eq!(t["level"], 2);
        assert_eq!(t["group_id"], apps);

        // The receiving agent sees the hand-over in the timeline and takes the ticket.
        let page = max_web.get(&path(&n)).await.expect(200);
        assert!(
            page.body
                .contains("class=\"entry-escalation entry-internal\"")
        );
        assert!(page.body.contains(summary));
        assert!(page.body.contains("Level: Level 1 → Level 2"));
        assert!(page.body.contains("Group: Service desk → Applications"));
        assert!(page.body.contains("id=\"take-form\""));
        // Lena handed it over: no longer assignee nor in the receiving group, she does not see
        // it any more, and cannot take it.
        web.get(&path(&n)).await.expect(404);
        web.post(&format!("{}/take", path(&n)), &[])
            .await
            .expect(404);

        let took = max_web
            .post(&format!("{}/take", path(&n)), &[])
            .await
            .expect(303);
        saved(&took, &n, "taken");
        let t = srv.ticket(&max, &n).await;
        assert_eq!(t["status"], "assigned");
        assert_eq!(t["assignee_id"], max.id);
        let page = max_web
            .get(&format!("{}?saved=taken", path(&n)))
            .await
            .expect(200);
        assert!(page.body.contains("You have taken the ticket"));
        assert!(
            !page.body.contains("id=\"take-form\""),
            "nothing left to take"
        );
        assert!(page.body.contains("class=\"entry-take entry-internal\""));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_status_move_names_its_rule_and_changes_nothing() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let (lena, web) = agent(srv, "lena", "agent", "all").await;
        let n = srv.open_simple(&anna, "Printer on floor 3 jams").await;

        // The select offers only the moves the state machine allows from New.
        let page = web.get(&path(&n)).await.expect(200);
        let select = element(&page, "update-status");
        assert!(select.contains("value=\"resolved\""));
        assert!(!select.contains("value=\"closed\""), "{select}");
        assert!(
            !select.contains("value=\"escalated\""),
            "escalation has its own form"
        );

        let before = srv.ticket(&lena, &n).await;
        let journal_before = srv.journal(&lena, &n).await.len();
        let refused = web
            .post(
                &format!("{}/update", path(&n)),
                &[
                    ("status", "closed"),
                    ("was_status", "new"),
                    ("impact", "high"),
                    ("was_impact", "medium"),
                ],
            )
            .await
            .expect(409);
        let err = element(&refused, "update-status-error");
        assert!(
            err.contains("Only a resolved ticket can be closed"),
            "{err}"
        );
        assert!(
            err.contains("data-code=\"close_only_resolved\""),
            "the rule, for scripts"
        );
        assert!(
            refused.body.contains("<option value=\"closed\" selected>"),
            "the choice is kept"
        );
        assert!(
            refused.body.contains("<option value=\"high\" selected>"),
            "the impact typed is kept"
        );
        assert_eq!(srv.ticket(&lena, &n).await, before, "nothing changed");
        assert_eq!(srv.journal(&lena, &n).await.len(), journal_before);

        // Assigned without an assignee breaks another rule, in the reader's language.
        web.post("/language", &[("lang", "ru"), ("next", "/")])
            .await
            .expect(303);
        let refused = web
            .post(
                &format!("{}/update", path(&n)),
                &[("status", "assigned"), ("was_status", "new")],
            )
            .await
            .expect(409);
        assert!(element(&refused, "update-status-error").contains("только с исполнителем"));
        assert_eq!(srv.ticket(&lena, &n).await, before);

        // An empty hand-over summary is refused too, beside the summary, and nothing changes.
        web.post("/language", &[("lang", "en"), ("next", "/")])
            .await
            .expect(303);
        let refused = web
            .post(
                &format!("{}/escalate", path(&n)),
                &[("level", ""), ("group", ""), ("summary", "  ")],
            )
            .await
            .expect(422);
        assert!(element(&refused, "escalate-summary-error").contains("hand-over summary"));
        let short = web
            .post(&format!("{}/escalate", path(&n)), &[("summary", "see log")])
            .await
            .expect(422);
        assert!(
            short.body.contains("see log"),
            "the short summary is kept to be completed"
        );
        assert_eq!(srv.ticket(&lena, &n).await, before);
        assert_eq!(srv.journal(&lena, &n).await.len(), journal_before);

        // A reply on a closed ticket is refused with the rule, and the text is kept.
        srv.change(&lena, &n, json!({"status": "resolved"})).await;
        srv.change(&lena, &n, json!({"status": "closed"})).await;
        let closed = web.get(&path(&n)).await.expect(200);
        assert!(
            !closed.body.contains("id=\"reply-form\""),
            "no forms on a closed ticket"
        );
        assert!(!closed.body.contains("id=\"update-form\""));
        let refused = web
            .post(
                &format!("{}/reply", path(&n)),
                &[("body", "One more thing")],
            )
            .await
            .expect(409);
        assert!(element(&refused, "reply-error").contains("A closed ticket cannot change"));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_reach_is_404_without_permission_403_and_forms_need_their_token() {
    both(async |srv| {
        let anna = srv
            .user_with(
                "anna",
                "requester",
                &[("requester", "own")],
                None,
                Some(PASSWORD),
            )
            .await;
        let l1 = srv.group("Service desk", 1, false).await;
        let other = srv.group("Field service", 1, false).await;
        let (lena, web) = agent(srv, "lena", "agent", "group").await;
        srv.join(l1, &lena).await;
        let (_, auditor) = agent(srv, "aude", "auditor", "all").await;
        let mine = srv.open_simple(&anna, "Mine: in the service desk").await;
        let theirs = srv.open_simple(&anna, "Theirs: in field service").await;
        srv.change(&srv.admin, &mine, json!({"group_id": l1})).await;
        srv.change(&srv.admin, &theirs, json!({"group_id": other}))
            .await;

        let theirs_before = srv.journal(&srv.admin, &theirs).await.len();

        // A level-1 agent scoped to their group: another group's ticket does not exist.
        web.get(&path(&mine)).await.expect(200);
        let hidden = web.get(&path(&theirs)).await.expect(404);
        assert!(!hidden.body.contains("Theirs"));
        web.post(&format!("{}/reply", path(&theirs)), &[("body", "hello")])
            .await
            .expect(404);
        web.post(
            &format!("{}/update", path(&theirs)),
            &[("status", "resolved")],
        )
        .await
        .expect(404);
        web.get("/agent/tickets/INC-999999").await.expect(404);
        web.get("/agent/tickets/not-a-number").await.expect(404);
        assert_eq!(srv.journal(&srv.admin, &theirs).await.len(), theirs_before);

        // The requester has no agent page, not even for their own ticket.
        let anna_web = srv.web_login("anna", PASSWORD).await;
        anna_web.get(&path(&mine)).await.expect(404);
        anna_web
            .post(&format!("{}/reply", path(&mine)), &[("body", "hi")])
            .await
            .expect(404);

        // The auditor reads everything but is offered no form, and is refused if they post.
        let page = auditor.get(&path(&mine)).await.expect(200);
        for form in [
            "reply-form",
            "note-form",
            "update-form",
            "escalate-form",
            "attach-form",
        ] {
            assert!(
                !page.body.contains(&format!("id=\"{form}\"")),
                "{form} offered"
            );
        }
        let refused = auditor
            .post(
                &format!("{}/reply", path(&mine)),
                &[("body", "Just reading")],
            )
            .await
            .expect(403);
        assert!(element(&refused, "reply-error").contains("You may not do this"));
        assert!(
            refused.body.contains("Just reading"),
            "what was typed is kept"
        );

        // Without the form token, or with a forged one, nothing is posted.
        let before = srv.journal(&srv.admin, &mine).await.len();
        web.post_raw(&format!("{}/reply", path(&mine)), &[("body", "no token")])
            .await
            .expect(403);
        web.post_raw(
            &format!("{}/note", path(&mine)),
            &[("csrf", "forged"), ("body", "x")],
        )
        .await
        .expect(403);
        web.post_raw(
            &format!("{}/update", path(&mine)),
            &[("status", "resolved")],
        )
        .await
        .expect(403);
        web.post_raw(
            &format!("{}/escalate", path(&mine)),
            &[("summary", "long enough summary")],
        )
        .await
        .expect(403);
        web.post_raw(&format!("{}/take", path(&mine)), &[])
            .await
            .expect(403);
        assert_eq!(srv.journal(&srv.admin, &mine).await.len(), before);
        assert_eq!(srv.ticket(&srv.admin, &mine).await["status"], "new");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_are_uploaded_listed_and_downloaded() {
    both(async |srv| {
        let anna = srv.requester("anna").await;
        let (lena, web) = agent(srv, "lena", "agent", "all").await;
        let n = srv.open_simple(&anna, "Screen flickers").await;

        let up = web
            .post_multipart(
                &format!("{}/attachments", path(&n)),
                &[("visibility", "public")],
                &[(
                    "file",
                    "screen.txt",
                    "text/plain",
                    b"flicker at 60 Hz".to_vec(),
                )],
            )
            .await
            .expect(303);
        assert_eq!(saved(&up, &n, "attached"), "attachments");
        web.post_multipart(
            &format!("{}/attachments", path(&n)),
            &[("visibility", "internal")],
            &[(
                "file",
                "driver.log",
                "text/plain",
                b"driver 1.2 crashed".to_vec(),
            )],
        )
        .await
        .expect(303);

        let listed: Vec<Value> = srv
            .get(&lena.token, &format!("/api/v1/tickets/{n}/attachments"))
            .await
            .expect(200)
            .json["items"]
            .as_array()
            .unwrap()
            .clone();
        assert_eq!(listed.len(), 2);
        let public = listed
            .iter()
            .find(|a| a["file_name"] == "screen.txt")
            .expect("public file");
        let internal = listed
            .iter()
            .find(|a| a["file_name"] == "driver.log")
            .expect("internal file");
        assert_eq!(public["public"], true);
        assert_eq!(internal["public"], false);

        let page = web.get(&path(&n)).await.expect(200);
        let files = element(&page, "attachments");
        let pid = public["id"].as_i64().unwrap();
        let iid = internal["id"].as_i64().unwrap();
        assert!(files.contains(&format!("href=\"/files/{pid}\"")) && files.contains("screen.txt"));
        assert!(files.contains(&format!("href=\"/files/{iid}\"")) && files.contains("driver.log"));
        assert!(
            page.body.contains("class=\"entry-attachment\""),
            "public file in the timeline"
        );
        assert!(
            page.body
                .contains("class=\"entry-attachment entry-internal\"")
        );

        let got = web.get(&format!("/files/{pid}")).await.expect(200);
        assert_eq!(got.body, "flicker at 60 Hz");
        let got = web.get(&format!("/files/{iid}")).await.expect(200);
        assert_eq!(got.body, "driver 1.2 crashed");

        // A form without a file is refused beside the upload form.
        let none = web
            .post_multipart(
                &format!("{}/attachments", path(&n)),
                &[("visibility", "public")],
                &[],
            )
            .await
            .expect(422);
        assert!(element(&none, "attach-error").contains("Choose a file"));
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
