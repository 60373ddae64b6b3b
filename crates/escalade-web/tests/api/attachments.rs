//! Attachments: upload as a raw body with `?name=`, list, download the same bytes as a
//! download with the SHA-256, the size limit (the test server allows 1024 bytes), and internal
//! attachments hidden from the requester.

use escalade_app::AppConfig;
use serde_json::json;

use crate::support::{Resp, TestServer, TestUser, both_with, of_kind};

/// The test servers' attachment limit.
const LIMIT: usize = 1024;

fn small() -> AppConfig {
    AppConfig {
        max_attachment_bytes: LIMIT,
        ..AppConfig::default()
    }
}

/// SHA-256 test vectors (FIPS 180-2), so that no hashing crate is needed.
const ABC: (&str, &str) = (
    "abc",
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
);
const TWO_BLOCKS: (&str, &str) = (
    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
);

async fn upload(
    srv: &TestServer,
    who: &TestUser,
    n: &str,
    query: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> Resp {
    let mut rb = srv
        .http
        .post(srv.url(&format!("/api/v1/tickets/{n}/attachments?{query}")))
        .bearer_auth(&who.token)
        .body(body);
    if let Some(ct) = content_type {
        rb = rb.header("content-type", ct);
    }
    srv.send(rb).await
}

async fn listed(srv: &TestServer, who: &TestUser, n: &str) -> Vec<serde_json::Value> {
    srv.get(&who.token, &format!("/api/v1/tickets/{n}/attachments"))
        .await
        .expect(200)
        .json["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_go_up_and_come_back_byte_for_byte() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let n = srv.open_simple(&anna, "Scanner output is garbled").await;

        let r = upload(
            srv,
            &anna,
            &n,
            "name=notes.txt",
            Some("text/plain; charset=utf-8"),
            ABC.0.into(),
        )
        .await
        .expect(201);
        let a = r.json.clone();
        assert_eq!(a["file_name"], "notes.txt");
        assert_eq!(a["media_type"], "text/plain");
        assert_eq!(a["size"], 3);
        assert_eq!(a["sha256"], ABC.1);
        assert_eq!(a["public"], true);
        assert_eq!(a["ticket"], n.as_str());
        assert_eq!(a["uploaded_by"], anna.id);

        let binary: Vec<u8> = (0..=255u8).collect();
        let b = upload(
            srv,
            &anna,
            &n,
            "name=..%2F..%2Fetc%2Fscan.bin",
            None,
            binary.clone(),
        )
        .await
        .expect(201)
        .json;
        assert_eq!(
            b["file_name"], "scan.bin",
            "only the last path component is kept"
        );
        assert_eq!(b["media_type"], "application/octet-stream");
        assert_eq!(b["size"], 256);
        let c = upload(
            srv,
            &bob,
            &n,
            "name=Bericht%20M%C3%A4rz.txt",
            Some("text/plain"),
            TWO_BLOCKS.0.into(),
        )
        .await
        .expect(201)
        .json;
        assert_eq!(c["file_name"], "Bericht März.txt");
        assert_eq!(c["sha256"], TWO_BLOCKS.1);
        // Exactly the limit is fine; the same content twice is two attachments of one file.
        let full = upload(srv, &bob, &n, "name=full.bin", None, vec![7u8; LIMIT])
            .await
            .expect(201)
            .json;
        assert_eq!(full["size"], LIMIT as i64);
        let again = upload(srv, &bob, &n, "name=again.txt", None, ABC.0.into())
            .await
            .expect(201)
            .json;
        assert_eq!(again["sha256"], ABC.1);
        assert_ne!(again["id"], a["id"]);

        let items = listed(srv, &anna, &n).await;
        let names: Vec<&str> = items
            .iter()
            .map(|i| i["file_name"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 5, "{names:?}");
        for want in [
            "notes.txt",
            "scan.bin",
            "Bericht März.txt",
            "full.bin",
            "again.txt",
        ] {
            assert!(names.contains(&want), "{want} in {names:?}");
        }

        for (meta, bytes) in [
            (&a, ABC.0.as_bytes().to_vec()),
            (&b, binary),
            (&c, TWO_BLOCKS.0.as_bytes().to_vec()),
            (&again, ABC.0.as_bytes().to_vec()),
        ] {
            let r = srv
                .get(&anna.token, &format!("/api/v1/attachments/{}", meta["id"]))
                .await
                .expect(200);
            assert_eq!(
                r.bytes, bytes,
                "{} comes back byte for byte",
                meta["file_name"]
            );
            let disposition = r.header("content-disposition").unwrap();
            assert!(disposition.starts_with("attachment;"), "{disposition}");
            assert_eq!(
                r.header("etag"),
                Some(format!("\"{}\"", meta["sha256"].as_str().unwrap()).as_str())
            );
            assert_eq!(r.header("content-type"), meta["media_type"].as_str());
            assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        }
        let r = srv
            .get(&anna.token, &format!("/api/v1/attachments/{}", c["id"]))
            .await;
        let disposition = r.header("content-disposition").unwrap();
        assert!(
            disposition.contains("filename*=UTF-8''Bericht%20M%C3%A4rz.txt"),
            "{disposition}"
        );
        let r = srv
            .get(&anna.token, &format!("/api/v1/attachments/{}", a["id"]))
            .await;
        assert!(
            r.header("content-disposition")
                .unwrap()
                .contains("filename=\"notes.txt\"")
        );

        let journal = srv.journal(&anna, &n).await;
        assert_eq!(
            of_kind(&journal, "attachment").len(),
            5,
            "each upload is journaled"
        );
    }
    both_with(small(), case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_uploads_store_nothing() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let n = srv.open_simple(&anna, "Big logs").await;
        let journal = srv.journal(&bob, &n).await.len();

        let r = upload(srv, &anna, &n, "name=big.log", None, vec![b'x'; LIMIT + 1])
            .await
            .error(413, "too_large");
        assert!(
            r.json["error"]["message"]
                .as_str()
                .unwrap()
                .contains(&LIMIT.to_string())
        );
        // Beyond the route's body limit: refused before it is read, still with the JSON
        // error. The server closes that connection, so this one goes on a connection of its own.
        let lone = reqwest::Client::builder()
            .no_proxy()
            .pool_max_idle_per_host(0)
            .build()
            .unwrap();
        let r = srv
            .send(
                lone.post(srv.url(&format!("/api/v1/tickets/{n}/attachments?name=huge.log")))
                    .bearer_auth(&anna.token)
                    .body(vec![b'x'; 4 * LIMIT]),
            )
            .await;
        r.error(413, "too_large");
        let r = upload(srv, &anna, &n, "name=empty.txt", None, vec![])
            .await
            .error(422, "empty_file");
        assert_eq!(r.field(), "body");
        upload(srv, &anna, &n, "", None, b"no name".to_vec())
            .await
            .error(400, "invalid_query");
        let r = upload(srv, &anna, &n, "name=..", None, b"dots".to_vec())
            .await
            .expect(422);
        assert_eq!(r.field(), "name");
        upload(srv, &anna, "INC-999999", "name=a.txt", None, b"a".to_vec())
            .await
            .error(404, "not_found");

        assert!(listed(srv, &bob, &n).await.is_empty(), "nothing stored");
        assert_eq!(
            srv.journal(&bob, &n).await.len(),
            journal,
            "nothing journaled"
        );

        // A closed ticket takes no more files.
        srv.change(&bob, &n, json!({"status": "resolved"})).await;
        srv.change(&bob, &n, json!({"status": "closed"})).await;
        upload(srv, &bob, &n, "name=late.txt", None, b"late".to_vec())
            .await
            .error(409, "invalid_transition");
        assert!(listed(srv, &bob, &n).await.is_empty());
    }
    both_with(small(), case).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_attachments_are_invisible_to_the_requester() {
    async fn case(srv: &TestServer) {
        let anna = srv.requester("anna").await;
        let bob = srv.agent("bob").await;
        let n = srv.open_simple(&anna, "Printer driver").await;
        let public = upload(
            srv,
            &bob,
            &n,
            "name=howto.txt",
            None,
            b"Install v2".to_vec(),
        )
        .await
        .expect(201)
        .json;
        let internal = upload(
            srv,
            &bob,
            &n,
            "name=dump.txt&internal=true",
            None,
            b"memory dump".to_vec(),
        )
        .await
        .expect(201)
        .json;
        assert_eq!(internal["public"], false);

        let hers = listed(srv, &anna, &n).await;
        assert_eq!(hers.len(), 1);
        assert_eq!(hers[0]["id"], public["id"]);
        srv.get(
            &anna.token,
            &format!("/api/v1/attachments/{}", internal["id"]),
        )
        .await
        .error(404, "not_found");
        srv.get(
            &anna.token,
            &format!("/api/v1/attachments/{}", public["id"]),
        )
        .await
        .expect(200);
        let r = srv
            .get(
                &bob.token,
                &format!("/api/v1/attachments/{}", internal["id"]),
            )
            .await
            .expect(200);
        assert_eq!(r.bytes, b"memory dump");
        assert_eq!(listed(srv, &bob, &n).await.len(), 2);
        // A requester cannot make one.
        upload(
            srv,
            &anna,
            &n,
            "name=mine.txt&internal=true",
            None,
            b"x".to_vec(),
        )
        .await
        .error(403, "forbidden");
        srv.get(&bob.token, "/api/v1/attachments/999999")
            .await
            .error(404, "not_found");
        let journal = srv.journal(&anna, &n).await;
        assert_eq!(
            of_kind(&journal, "attachment").len(),
            1,
            "only the public upload"
        );
    }
    both_with(small(), case).await;
}
