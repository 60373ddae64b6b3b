//! Submitting a request through the portal: category and files, refusals that keep what was
//! typed and create nothing, files refused after the request exists, and forms without the
//! session's token.

use serde_json::json;

use super::{LIMIT, attachment_ids, new_category, requester, small};
use crate::support::{both, both_with};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_is_submitted_with_a_category_and_files() {
    both_with(small(), async |srv| {
        let (anna, web) = requester(srv, "anna", "own", None).await;
        let hardware = srv.category("hardware_failure").await;
        let printers = new_category(srv, Some(hardware), "printers", "Printers").await;
        let fax = new_category(srv, Some(hardware), "old_fax", "Fax machines").await;
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/categories/{fax}"),
            json!({"active": false}),
        )
        .await
        .expect(200);

        let form = web.get("/portal/new").await.expect(200);
        assert!(form.body.contains("id=\"new-request-form\""));
        assert!(form.body.contains("enctype=\"multipart/form-data\""));
        assert!(
            form.body
                .contains(&format!("<option value=\"{printers}\">"))
        );
        assert!(
            form.body.contains("\u{a0}\u{a0}\u{a0}\u{a0}Printers"),
            "a sub-category is indented under its parent"
        );
        assert!(!form.body.contains("Fax machines"), "inactive: not offered");
        assert!(form.body.contains("How many people are affected?"));
        assert!(form.body.contains("each at most 1 MiB"), "{}", form.body);

        let page = web
            .post_multipart(
                "/portal/new",
                &[
                    ("kind", "service_request"),
                    ("category_id", &printers.to_string()),
                    ("subject", "Toner for the 2nd floor printer"),
                    ("description", "The printer says the toner is empty."),
                    ("impact", "medium"),
                    ("urgency", "low"),
                ],
                &[
                    ("files", "photo.txt", "text/plain", b"toner light".to_vec()),
                    ("files", "error.log", "text/plain", b"E-42 toner".to_vec()),
                ],
            )
            .await
            .expect(303);
        let location = page.location.unwrap();
        let n = location
            .strip_prefix("/portal/tickets/")
            .and_then(|l| l.strip_suffix("?saved=created"))
            .unwrap_or_else(|| panic!("redirect to the new request: {location}"))
            .to_string();
        assert!(n.starts_with("REQ-"), "a service request: {n}");

        let t = srv.ticket(&srv.admin, &n).await;
        assert_eq!(t["channel"], "portal");
        assert_eq!(t["category_id"], printers);
        assert_eq!(t["requester_id"], anna.id);
        assert_eq!(t["impact"], "medium");
        assert_eq!(t["urgency"], "low");
        let files = attachment_ids(srv, &srv.admin, &n).await;
        assert_eq!(files.len(), 2);
        assert!(
            files.iter().all(|f| f.2),
            "files from the portal are public"
        );

        let shown = web.get(&location).await.expect(200);
        assert!(
            shown
                .body
                .contains(&format!("Your request {n} has been registered")),
            "{}",
            shown.body
        );
        assert!(shown.body.contains("Hardware failure › Printers"));
        assert!(shown.body.contains("The printer says the toner is empty."));
        for (id, name, _) in &files {
            assert!(shown.body.contains(&format!("href=\"/files/{id}\"")));
            assert!(shown.body.contains(name.as_str()));
        }
        let got = web.get(&format!("/files/{}", files[0].0)).await.expect(200);
        assert_eq!(got.body, "toner light");

        // A file the service refuses after the request exists (here: no usable name) keeps
        // the request, and its page says which file is missing.
        let partial = web
            .post_multipart(
                "/portal/new",
                &[("subject", "Badge reader dead")],
                &[
                    ("files", "ok.txt", "text/plain", b"fine".to_vec()),
                    ("files", "..", "text/plain", b"nameless".to_vec()),
                ],
            )
            .await
            .expect(303);
        let location = partial.location.unwrap();
        assert!(
            location.contains("saved=created&unattached=.."),
            "{location}"
        );
        let shown = web.get(&location).await.expect(200);
        assert!(
            shown.body.contains("could not be attached: ..."),
            "{}",
            shown.body
        );
        let m = location
            .strip_prefix("/portal/tickets/")
            .and_then(|l| l.split('?').next())
            .unwrap();
        let kept = attachment_ids(srv, &anna, m).await;
        assert_eq!(kept.len(), 1, "the good file is kept: {kept:?}");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_requests_keep_what_was_typed_and_create_nothing() {
    both_with(small(), async |srv| {
        let (_anna, web) = requester(srv, "anna", "own", None).await;
        let before = srv.ticket_total().await;
        let hardware = srv.category("hardware_failure").await;
        let fax = new_category(srv, Some(hardware), "old_fax", "Fax machines").await;
        srv.patch(
            &srv.admin.token,
            &format!("/api/v1/categories/{fax}"),
            json!({"active": false}),
        )
        .await
        .expect(200);

        // A file over the limit: checked before the ticket is opened, so nothing is created.
        let big = web
            .post_multipart(
                "/portal/new",
                &[
                    ("subject", "Scanner & <printer> broken"),
                    ("description", "It beeps three times."),
                    ("urgency", "high"),
                ],
                &[(
                    "files",
                    "huge.bin",
                    "application/octet-stream",
                    vec![7u8; LIMIT + 1],
                )],
            )
            .await
            .expect(422);
        assert!(
            big.body.contains("The file “huge.bin” is too large"),
            "{}",
            big.body
        );
        assert!(
            big.body
                .contains("value=\"Scanner &#38; &#60;printer&#62; broken\"")
        );
        assert!(big.body.contains(">It beeps three times.</textarea>"));
        assert!(big.body.contains("<option value=\"high\" selected>"));
        assert!(
            big.body.contains("id=\"new-files-lost\""),
            "files must be chosen again"
        );

        // No subject: the description stays.
        let blank = web
            .post_multipart(
                "/portal/new",
                &[("subject", "  "), ("description", "Only a description")],
                &[],
            )
            .await
            .expect(422);
        assert!(blank.body.contains("Please give your request a subject."));
        assert!(blank.body.contains("id=\"new-subject-error\""));
        assert!(blank.body.contains(">Only a description</textarea>"));
        assert!(
            !blank.body.contains("id=\"new-files-lost\""),
            "no file was chosen"
        );

        // A category no longer offered.
        let gone = web
            .post_multipart(
                "/portal/new",
                &[
                    ("kind", "question"),
                    ("category_id", &fax.to_string()),
                    ("subject", "My typed subject"),
                    ("description", "My typed description"),
                ],
                &[],
            )
            .await
            .expect(422);
        assert!(gone.body.contains("This topic is no longer offered"));
        assert!(gone.body.contains("value=\"My typed subject\""));
        assert!(gone.body.contains(">My typed description</textarea>"));
        assert!(
            gone.body
                .contains("id=\"new-type-question\" name=\"kind\" value=\"question\" checked")
        );

        // A value no option offers.
        let odd = web
            .post_multipart(
                "/portal/new",
                &[("subject", "Odd"), ("impact", "galactic")],
                &[],
            )
            .await
            .expect(422);
        assert!(
            odd.body
                .contains("Please choose one of the options offered.")
        );

        assert_eq!(srv.ticket_total().await, before, "nothing was created");
    })
    .await;
}

#[tokio::test]
async fn forms_without_the_token_change_nothing() {
    both(async |srv| {
        let (anna, mut web) = requester(srv, "anna", "own", None).await;
        let n = srv.open_simple(&anna, "VPN drops").await;
        let before = srv.ticket_total().await;
        let journal = srv.journal(&srv.admin, &n).await.len();

        let real = web.csrf.clone();
        web.csrf = "forged-token".into();
        let forged = web
            .post_multipart("/portal/new", &[("subject", "Forged")], &[])
            .await;
        assert_eq!(forged.status, 403);
        let upload = web
            .post_multipart(
                &format!("/portal/tickets/{n}/attachments"),
                &[],
                &[("files", "a.txt", "text/plain", b"x".to_vec())],
            )
            .await;
        assert_eq!(upload.status, 403);
        web.csrf = real;

        let reply = web
            .post_raw(&format!("/portal/tickets/{n}/reply"), &[("body", "Forged")])
            .await;
        assert_eq!(reply.status, 403);
        assert!(reply.body.contains("expired"));
        let confirm = web
            .post_raw(
                &format!("/portal/tickets/{n}/confirm"),
                &[("csrf", "wrong")],
            )
            .await;
        assert_eq!(confirm.status, 403);

        assert_eq!(srv.ticket_total().await, before);
        assert_eq!(srv.journal(&srv.admin, &n).await.len(), journal);
        assert!(attachment_ids(srv, &srv.admin, &n).await.is_empty());
    })
    .await;
}
