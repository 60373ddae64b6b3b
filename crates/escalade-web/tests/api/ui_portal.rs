//! The self-service portal over a real socket: a requester submits a request with a category
//! and files, lists and pages their own requests, reads one with its public conversation only,
//! replies, adds files, confirms or reopens a resolved request. Another requester's request is
//! not found, and so are its files; internal notes, hand-overs and internal files never show;
//! forms without the token change nothing; refused forms keep what was typed.

use escalade_app::AppConfig;
use serde_json::json;

use crate::support::{TestServer, TestUser, both, of_kind};
use crate::web::WebUser;

mod submit;

const PASSWORD: &str = "portal-password-1";

/// The attachment limit of the servers that test it.
const LIMIT: usize = 1024;

fn small() -> AppConfig {
    AppConfig {
        max_attachment_bytes: LIMIT,
        ..AppConfig::default()
    }
}

/// A requester (role requester at this scope) with an API token and a logged-in browser.
async fn requester(
    srv: &TestServer,
    login: &str,
    scope: &str,
    dept: Option<i64>,
) -> (TestUser, WebUser) {
    let user = srv
        .user_with(
            login,
            "requester",
            &[("requester", scope)],
            dept,
            Some(PASSWORD),
        )
        .await;
    let web = srv.web_login(login, PASSWORD).await;
    (user, web)
}

/// The id of a category created through the API.
async fn new_category(srv: &TestServer, parent: Option<i64>, key: &str, name: &str) -> i64 {
    srv.post(
        &srv.admin.token,
        "/api/v1/categories",
        json!({"parent_id": parent, "key": key, "name": name}),
    )
    .await
    .expect(201)
    .json["id"]
        .as_i64()
        .unwrap()
}

/// Attachment ids as listed by the API for this user.
async fn attachment_ids(srv: &TestServer, who: &TestUser, n: &str) -> Vec<(i64, String, bool)> {
    srv.get(&who.token, &format!("/api/v1/tickets/{n}/attachments"))
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_i64().unwrap(),
                a["file_name"].as_str().unwrap().to_string(),
                a["public"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn rows(body: &str) -> usize {
    body.matches("<tr id=\"ticket-").count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_list_shows_own_requests_newest_first_filtered_and_paged() {
    both(async |srv| {
        let (carl, carl_web) = requester(srv, "carl", "own", None).await;
        let empty = carl_web.get("/portal").await.expect(200);
        assert!(empty.body.contains("id=\"portal-empty\""));
        assert!(empty.body.contains("You have no requests yet"));
        assert!(empty.body.contains("href=\"/portal/new\""));

        let (anna, web) = requester(srv, "anna", "own", None).await;
        let mut numbers = Vec::new();
        for i in 1..=23 {
            numbers.push(
                srv.open_simple(&anna, &format!("Anna request {i:02}"))
                    .await,
            );
        }
        srv.open_simple(&carl, "Carl's own problem").await;
        let agent = srv.agent("ines").await;
        srv.change(&agent, &numbers[0], json!({"status": "resolved"}))
            .await;

        let first = web.get("/portal").await.expect(200);
        assert!(first.body.contains("23 requests"), "the total");
        assert_eq!(rows(&first.body), 20);
        assert!(first.body.contains("Page 1 of 2"));
        let newest = first.body.find("Anna request 23").expect("newest shown");
        let older = first.body.find("Anna request 22").expect("next shown");
        assert!(newest < older, "newest first");
        assert!(!first.body.contains("Anna request 03"), "on page 2");
        assert!(!first.body.contains("Carl&#39;s own problem") && !first.body.contains("Carl's"));
        assert!(
            first
                .body
                .contains("id=\"portal-next\" href=\"/portal?status=all&#38;page=2\"")
        );

        let second = web.get("/portal?status=all&page=2").await.expect(200);
        assert_eq!(rows(&second.body), 3);
        assert!(second.body.contains("Anna request 01"));
        assert!(second.body.contains("id=\"portal-prev\""));
        assert!(!second.body.contains("id=\"portal-next\""));
        let past = web.get("/portal?page=99").await.expect(200);
        assert!(
            past.body.contains("Page 2 of 2"),
            "past the end: the last page"
        );

        let open = web.get("/portal?status=open").await.expect(200);
        assert!(open.body.contains("22 requests"));
        assert!(open.body.contains(
            "id=\"portal-filter-open\" href=\"/portal?status=open\" aria-current=\"page\""
        ));
        let done = web.get("/portal?status=resolved").await.expect(200);
        assert!(done.body.contains("1 request<"), "{}", done.body);
        assert_eq!(rows(&done.body), 1);
        assert!(
            done.body
                .contains(&format!("href=\"/portal/tickets/{}\"", numbers[0]))
        );

        let carl_list = carl_web.get("/portal").await.expect(200);
        assert_eq!(rows(&carl_list.body), 1);
        assert!(!carl_list.body.contains("Anna request"));
        let carl_open = carl_web.get("/portal?status=resolved").await.expect(200);
        assert!(
            carl_open
                .body
                .contains("None of your requests has been resolved")
        );
    })
    .await;
}

#[tokio::test]
async fn another_requesters_request_and_files_are_not_found() {
    both(async |srv| {
        let (anna, _) = requester(srv, "anna", "own", None).await;
        let (_bob, bob_web) = requester(srv, "bob", "own", None).await;
        let n = srv.open_simple(&anna, "Anna's private matter").await;
        let file = srv
            .send(
                srv.http
                    .post(srv.url(&format!("/api/v1/tickets/{n}/attachments?name=payslip.txt")))
                    .bearer_auth(&anna.token)
                    .body("salary"),
            )
            .await
            .expect(201)
            .json["id"]
            .as_i64()
            .unwrap();

        let theirs = bob_web
            .get(&format!("/portal/tickets/{n}"))
            .await
            .expect(404);
        let missing = bob_web.get("/portal/tickets/INC-999999").await.expect(404);
        assert_eq!(theirs.body, missing.body, "worded exactly as a missing one");
        assert!(!theirs.body.contains("private matter"));
        let garbage = bob_web
            .get("/portal/tickets/not-a-number")
            .await
            .expect(404);
        assert_eq!(garbage.body, missing.body);

        let f = bob_web.get(&format!("/files/{file}")).await.expect(404);
        assert!(!f.body.contains("salary"));

        let journal = srv.journal(&srv.admin, &n).await.len();
        bob_web
            .post(
                &format!("/portal/tickets/{n}/reply"),
                &[("body", "Hi Anna")],
            )
            .await
            .expect(404);
        bob_web
            .post_multipart(
                &format!("/portal/tickets/{n}/attachments"),
                &[],
                &[("files", "x.txt", "text/plain", b"x".to_vec())],
            )
            .await
            .expect(404);
        assert_eq!(srv.journal(&srv.admin, &n).await.len(), journal);
        let list = bob_web.get("/portal").await.expect(200);
        assert!(!list.body.contains(&n));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_notes_hand_overs_and_internal_files_never_reach_the_portal() {
    both(async |srv| {
        let (anna, web) = requester(srv, "anna", "own", None).await;
        let lena = srv.agent("lena").await;
        let l2 = srv.group("Level 2", 2, false).await;
        let n = srv.open_simple(&anna, "Mail is slow").await;

        srv.comment(&lena, &n, "internal", "SECRET NOTE: the requester's mailbox is over quota")
            .await
            .expect(201);
        srv.comment(&lena, &n, "phone_call", "CALL LOG: rang the vendor")
            .await
            .expect(201);
        srv.comment(&lena, &n, "public", "We are looking at your mailbox.")
            .await
            .expect(201);
        let internal_file = srv
            .send(
                srv.http
                    .post(srv.url(&format!(
                        "/api/v1/tickets/{n}/attachments?name=server-trace.log&internal=true"
                    )))
                    .bearer_auth(&lena.token)
                    .body("trace"),
            )
            .await
            .expect(201)
            .json["id"]
            .as_i64()
            .unwrap();
        srv.post(
            &lena.token,
            &format!("/api/v1/tickets/{n}/escalations"),
            json!({"summary": "HANDOVER: quota raised twice, the Exchange store is degraded; logs attached", "group_id": l2}),
        )
        .await
        .expect(201);
        srv.change(&lena, &n, json!({"priority": "high", "tags": ["mailbox-secret-tag"]}))
            .await;

        // The service layer's journal for the requester holds public entries only.
        let seen = srv.journal(&anna, &n).await;
        assert!(seen.iter().all(|e| e["public"] == true), "{seen:?}");
        assert!(of_kind(&seen, "internal_note").is_empty());
        assert!(of_kind(&seen, "escalation").is_empty());

        let page = web.get(&format!("/portal/tickets/{n}")).await.expect(200);
        assert!(page.body.contains("We are looking at your mailbox."));
        for secret in [
            "SECRET NOTE",
            "over quota",
            "CALL LOG",
            "server-trace.log",
            "HANDOVER",
            "Exchange store",
            "mailbox-secret-tag",
            "entry-internal_note",
            "entry-escalation",
            &format!("/files/{internal_file}"),
        ] {
            assert!(!page.body.contains(secret), "{secret} leaked: {}", page.body);
        }
        assert!(page.body.contains("Your request has been passed to a specialist team."));
        web.get(&format!("/files/{internal_file}")).await.expect(404);
    })
    .await;
}

#[tokio::test]
async fn a_reply_is_added_and_an_empty_one_is_refused() {
    both(async |srv| {
        let (anna, web) = requester(srv, "anna", "own", None).await;
        let n = srv.open_simple(&anna, "Screen flickers").await;

        let ok = web
            .post(
                &format!("/portal/tickets/{n}/reply"),
                &[("body", "It also happens after lunch.")],
            )
            .await
            .expect(303);
        assert_eq!(
            ok.location.as_deref(),
            Some(format!("/portal/tickets/{n}?saved=replied").as_str())
        );
        let page = web.get(&ok.location.unwrap()).await.expect(200);
        assert!(page.body.contains("Your reply has been added."));
        assert!(page.body.contains("It also happens after lunch."));
        assert!(page.body.contains("You wrote"));
        let replies = of_kind(&srv.journal(&srv.admin, &n).await, "public_reply").len();
        assert_eq!(replies, 1);

        let empty = web
            .post(&format!("/portal/tickets/{n}/reply"), &[("body", "   ")])
            .await
            .expect(422);
        assert!(empty.body.contains("id=\"reply-error\""));
        assert!(empty.body.contains("Please write something first."));
        assert_eq!(
            of_kind(&srv.journal(&srv.admin, &n).await, "public_reply").len(),
            1
        );

        // A lower-case or wrongly prefixed number lands on the request's own address.
        let id = n.trim_start_matches("INC-").trim_start_matches('0');
        let odd = web
            .get(&format!("/portal/tickets/inc-{id}"))
            .await
            .expect(303);
        assert_eq!(
            odd.location.as_deref(),
            Some(format!("/portal/tickets/{n}").as_str())
        );

        // Files added from the request's page.
        web.post_multipart(
            &format!("/portal/tickets/{n}/attachments"),
            &[],
            &[("files", "screen.txt", "text/plain", b"flicker".to_vec())],
        )
        .await
        .expect(303);
        let files = attachment_ids(srv, &anna, &n).await;
        assert_eq!(files.len(), 1);
        let none = web
            .post_multipart(&format!("/portal/tickets/{n}/attachments"), &[], &[])
            .await
            .expect(422);
        assert!(none.body.contains("Please choose at least one file."));
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resolved_request_is_confirmed_or_reopened_by_its_requester_only() {
    both(async |srv| {
        let sales = srv.department("Sales").await;
        let (anna, web) = requester(srv, "anna", "department", Some(sales)).await;
        let (_dora, dora_web) = requester(srv, "dora", "department", Some(sales)).await;
        let ines = srv.agent("ines").await;
        let n = srv.open_simple(&anna, "Cannot print invoices").await;

        let open = web.get(&format!("/portal/tickets/{n}")).await.expect(200);
        assert!(open.body.contains("id=\"reply-form\""));
        assert!(!open.body.contains("id=\"confirm-form\""));

        srv.change(&ines, &n, json!({"status": "resolved"})).await;
        let resolved = web.get(&format!("/portal/tickets/{n}")).await.expect(200);
        assert!(resolved.body.contains("id=\"confirm-form\""));
        assert!(resolved.body.contains("id=\"reopen-form\""));
        assert!(
            !resolved.body.contains("id=\"reply-form\""),
            "one way to answer"
        );

        // A colleague follows the request through the department scope but does not decide.
        let colleague_list = dora_web.get("/portal").await.expect(200);
        assert!(colleague_list.body.contains(&n));
        assert!(colleague_list.body.contains("Colleague"));
        let colleague = dora_web
            .get(&format!("/portal/tickets/{n}"))
            .await
            .expect(200);
        assert!(!colleague.body.contains("id=\"confirm-form\""));
        let refused = dora_web
            .post(&format!("/portal/tickets/{n}/confirm"), &[])
            .await
            .expect(403);
        assert!(
            refused
                .body
                .contains("You may not do this on this request.")
        );
        assert_eq!(srv.ticket(&ines, &n).await["status"], "resolved");

        // Reopening needs a reason.
        let blank = web
            .post(&format!("/portal/tickets/{n}/reopen"), &[("reason", " ")])
            .await
            .expect(422);
        assert!(blank.body.contains("id=\"decision-error\""));
        assert_eq!(srv.ticket(&ines, &n).await["status"], "resolved");

        web.post(
            &format!("/portal/tickets/{n}/reopen"),
            &[("reason", "Invoices still come out blank.")],
        )
        .await
        .expect(303);
        let t = srv.ticket(&ines, &n).await;
        assert_eq!(t["status"], "in_progress", "reopened (nobody assigned)");
        let journal = srv.journal(&ines, &n).await;
        let replies = of_kind(&journal, "public_reply");
        assert_eq!(
            replies.last().unwrap()["body"],
            "Invoices still come out blank."
        );
        assert_eq!(
            journal.last().unwrap()["data"]["reason"],
            "requester_reopened"
        );
        let page = web
            .get(&format!("/portal/tickets/{n}?saved=reopened"))
            .await
            .expect(200);
        assert!(page.body.contains("Your request has been reopened"));
        assert!(page.body.contains("You reopened the request"));
        assert!(page.body.contains("Invoices still come out blank."));

        // Resolved again, then confirmed: closed for good.
        srv.change(&ines, &n, json!({"status": "resolved"})).await;
        web.post(&format!("/portal/tickets/{n}/confirm"), &[])
            .await
            .expect(303);
        assert_eq!(srv.ticket(&ines, &n).await["status"], "closed");
        let closed = web
            .get(&format!("/portal/tickets/{n}?saved=confirmed"))
            .await
            .expect(200);
        assert!(closed.body.contains("Thank you for confirming"));
        assert!(closed.body.contains("id=\"ticket-finished\""));
        assert!(!closed.body.contains("id=\"reply-form\""));
        assert!(!closed.body.contains("id=\"upload-form\""));
        let again = web
            .post(&format!("/portal/tickets/{n}/confirm"), &[])
            .await
            .expect(409);
        assert!(again.body.contains("This is no longer possible"));

        // Confirming is for resolved requests only.
        let other = srv.open_simple(&anna, "Keyboard sticky").await;
        web.post(&format!("/portal/tickets/{other}/confirm"), &[])
            .await
            .expect(409);
        assert_eq!(srv.ticket(&ines, &other).await["status"], "new");
    })
    .await;
}

#[tokio::test]
async fn agents_are_sent_to_their_console_and_pages_speak_the_readers_language() {
    both(async |srv| {
        srv.user_with("ines", "agent", &[("agent", "all")], None, Some(PASSWORD))
            .await;
        let agent = srv.web_login("ines", PASSWORD).await;
        let to = agent.get("/portal").await.expect(303);
        assert_eq!(to.location.as_deref(), Some("/agent"));
        let to = agent.get("/portal/new").await.expect(303);
        assert_eq!(to.location.as_deref(), Some("/agent/new"));
        let to = agent.get("/portal/tickets/inc-7").await.expect(303);
        assert_eq!(to.location.as_deref(), Some("/agent/tickets/INC-000007"));

        let (anna, web) = requester(srv, "anna", "own", None).await;
        let n = srv.open_simple(&anna, "Souris cassée").await;
        web.post("/language", &[("lang", "fr"), ("next", "/portal")])
            .await
            .expect(303);
        let fr = web.get("/portal").await.expect(200);
        assert!(fr.body.contains("Mes demandes"));
        assert!(fr.body.contains("1 demande<"));
        let page = web.get(&format!("/portal/tickets/{n}")).await.expect(200);
        assert!(page.body.contains("Nous avons bien reçu votre demande"));
        web.post("/language", &[("lang", "ru"), ("next", "/portal")])
            .await
            .expect(303);
        let ru = web.get("/portal/new").await.expect(200);
        assert!(ru.body.contains("Скольких людей это затрагивает?"));
        web.post("/language", &[("lang", "zh-CN"), ("next", "/portal")])
            .await
            .expect(303);
        let zh = web.get("/portal").await.expect(200);
        assert!(zh.body.contains("共 1 个请求"));
    })
    .await;
}
