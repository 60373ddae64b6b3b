//! Nothing answered is lost: tickets answered 201 survive a SIGKILL of the server in the middle
//! of concurrent creations, and numbers stay unique under concurrency.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{Server, backends};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_during_creations_loses_no_answered_ticket() {
    for b in backends() {
        let mut server = Server::start(&b).await;
        let token = server.admin_token().await;
        let answered: Arc<Mutex<Vec<String>>> = Arc::default();
        let mut tasks = Vec::new();
        for w in 0..16 {
            let client = server.client.clone();
            let url = server.url("/api/v1/tickets");
            let token = token.clone();
            let answered = answered.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0.. {
                    let r = client
                        .post(&url)
                        .bearer_auth(&token)
                        .json(
                            &json!({"subject": format!("durability {w}-{i}"), "type": "incident"}),
                        )
                        .send()
                        .await;
                    let Ok(r) = r else { break };
                    if r.status() != 201 {
                        break;
                    }
                    let Ok(v) = r.json::<Value>().await else {
                        break;
                    };
                    answered
                        .lock()
                        .unwrap()
                        .push(v["number"].as_str().unwrap().to_string());
                }
            }));
        }
        // Let creations run until a good number is answered (however slow this machine
        // is today), then kill the process without warning while the rest are in flight.
        let started = std::time::Instant::now();
        while answered.lock().unwrap().len() < 60 {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "{}: creations stalled at {} answered",
                b.name,
                answered.lock().unwrap().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        server.kill();
        for t in tasks {
            let _ = t.await;
        }
        let numbers = answered.lock().unwrap().clone();
        assert!(
            numbers.len() > 50,
            "{}: only {} creations were answered before the kill",
            b.name,
            numbers.len()
        );
        let unique: HashSet<_> = numbers.iter().collect();
        assert_eq!(
            unique.len(),
            numbers.len(),
            "{}: duplicate ticket numbers",
            b.name
        );

        let server = Server::start(&b).await;
        let token = server.admin_token().await;
        for n in &numbers {
            let r = server
                .client
                .get(server.url(&format!("/api/v1/tickets/{n}")))
                .bearer_auth(&token)
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                200,
                "{}: ticket {n} was answered 201 but is gone after SIGKILL",
                b.name
            );
        }
        eprintln!(
            "{}: {} tickets answered before SIGKILL, all present after restart",
            b.name,
            numbers.len()
        );
    }
}
