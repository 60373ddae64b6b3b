//! Flood protection beyond one sender: mail may create only so many requester accounts an
//! hour (`mail.inbound` `new_requesters_per_hour`). Mail from a new sender past the cap is
//! quarantined with the reason, not dropped, and creates nobody; people the desk knows still
//! get through; once the cause is gone, the held message is processed again.

use escalade_app::inbound_mail::{InboundSettings, SETTINGS_KEY};
use escalade_store::mail_inbound::Arrival;
use serde_json::json;

use crate::support::{TestServer, both};

fn from(n: u32, who: &str) -> Vec<u8> {
    format!(
        "From: {who} <{who}@spam-run.example>\r\nTo: support@desk.example.com\r\n\
         Subject: Question {n}\r\nMessage-ID: <flood-{n}@spam-run.example>\r\n\r\nHello {n}.\r\n"
    )
    .into_bytes()
}

async fn deliver(srv: &TestServer, raw: Vec<u8>) -> (i64, String, String) {
    let arrival = Arrival {
        source: "mailgate".into(),
        mailbox: None,
    };
    let id = srv.app.receive_mail(arrival, raw).await.expect("stored");
    let p = srv.app.process_mail(id).await.expect("processed");
    (id, p.state.to_string(), p.reason)
}

async fn set(srv: &TestServer, settings: InboundSettings) {
    let now = srv.app.clock.now();
    srv.app
        .store
        .write(move |c| {
            Box::pin(
                async move { escalade_store::settings::put(c, SETTINGS_KEY, &settings, now).await },
            )
        })
        .await
        .expect("settings");
}

async fn users_named(srv: &TestServer, q: &str) -> i64 {
    srv.get(&srv.admin.token, &format!("/api/v1/users?q={q}"))
        .await
        .expect(200)
        .json["total"]
        .as_i64()
        .unwrap_or(-1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_past_the_hourly_cap_on_new_requesters_waits_in_quarantine() {
    both(async |srv: &TestServer| {
        assert_eq!(InboundSettings::default().new_requesters_per_hour, 1000);
        set(
            srv,
            InboundSettings {
                new_requesters_per_hour: 2,
                ..InboundSettings::default()
            },
        )
        .await;
        assert_eq!(deliver(srv, from(1, "ann")).await.1, "done");
        assert_eq!(deliver(srv, from(2, "bob")).await.1, "done");
        let (held, state, reason) = deliver(srv, from(3, "cyd")).await;
        assert_eq!(state, "quarantined");
        assert!(reason.contains("new_requesters_per_hour = 2"), "{reason}");
        assert_eq!(users_named(srv, "cyd").await, 0, "nobody was created");
        // Someone the desk knows is not held by the cap.
        assert_eq!(deliver(srv, from(4, "ann")).await.1, "done");

        let q = srv
            .get(&srv.admin.token, "/api/v1/mail/inbound?state=quarantined")
            .await
            .expect(200);
        assert_eq!(q.json["total"], 1, "{}", q.json);
        assert_eq!(q.json["items"][0]["id"], held);
        assert_eq!(q.json["items"][0]["sender"], "cyd@spam-run.example");
        assert!(
            q.json["items"][0]["error"]
                .as_str()
                .unwrap_or_default()
                .contains("requester accounts in the last hour"),
            "{}",
            q.json
        );

        // The administrator raises the cap: the held message goes through.
        set(srv, InboundSettings::default()).await;
        let r = srv
            .post(
                &srv.admin.token,
                &format!("/api/v1/mail/inbound/{held}/reprocess"),
                json!({}),
            )
            .await
            .expect(200);
        assert_eq!(r.json["state"], "done", "{}", r.json);
        assert_eq!(users_named(srv, "cyd").await, 1);
    })
    .await;
}
