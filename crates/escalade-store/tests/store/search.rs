//! Full-text search on both backends: inflected Russian and French words, Chinese phrases,
//! prefixes, the reader's reach (own tickets, internal notes, internal articles), filters,
//! ranking, paging, replacement and removal.

use chrono::{TimeZone, Utc};
use escalade_core::authz::Visibility;
use escalade_core::ids::{TicketId, UserId};
use escalade_core::people::Language;
use escalade_core::search::{SearchQuery, index_text};
use escalade_core::ticket::{NewTicket, PriorityMatrix, Ticket};
use escalade_store::directory::{self, NewUser};
use escalade_store::search::{self, DocType, Document, Reach, Search};
use escalade_store::{Store, tickets};

use crate::support::backends;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn user(login: &str) -> NewUser {
    NewUser {
        login: login.into(),
        display_name: login.into(),
        email: None,
        kind: "requester".into(),
        department: None,
        language: "en".into(),
        time_zone: "UTC".into(),
        vip: false,
        password_hash: None,
    }
}

fn doc(
    doc_type: DocType,
    doc_id: i64,
    ticket: Option<TicketId>,
    lang: Option<Language>,
    internal: bool,
    title: &str,
    body: &str,
) -> Document {
    Document {
        doc_type,
        doc_id,
        ticket_id: ticket,
        parent_id: None,
        lang: lang.map(|l| l.as_str().to_string()),
        internal,
        category_id: None,
        kind: (doc_type == DocType::Article).then(|| "faq".to_string()),
        status: None,
        title: title.into(),
        body: body.into(),
        terms: index_text(&format!("{title}\n{body}"), lang),
        updated_at: now(),
    }
}

/// Two requesters' tickets with their documents, an internal note, and articles.
struct Desk {
    alice: UserId,
    bob: UserId,
    printer_ru: TicketId,
    printer_fr: TicketId,
    network_zh: TicketId,
    bobs: TicketId,
}

async fn desk(s: &Store) -> Desk {
    s.write(|c| {
        Box::pin(async move {
            let alice = directory::create_user(c, &user("alice"), now()).await?;
            let bob = directory::create_user(c, &user("bob"), now()).await?;
            let open = async |c: &mut escalade_store::Conn,
                              who: UserId,
                              subject: &str,
                              body: &str|
                   -> Result<TicketId, escalade_store::StoreError> {
                let t: Ticket = NewTicket {
                    subject: subject.into(),
                    description: body.into(),
                    ..Default::default()
                }
                .into_ticket(who, None, &PriorityMatrix::default(), now());
                let id = tickets::insert(c, &t, false, &[]).await?;
                search::upsert_document(
                    c,
                    &doc(DocType::Ticket, id.0, Some(id), None, false, subject, body),
                )
                .await?;
                Ok(id)
            };
            let printer_ru = open(
                c,
                alice,
                "Не работает принтер",
                "На третьем этаже сломались принтеры, замена принтеров нужна срочно",
            )
            .await?;
            let printer_fr = open(
                c,
                alice,
                "Imprimantes bloquées",
                "Les imprimantes du réseau du deuxième étage sont bloquées",
            )
            .await?;
            let network_zh = open(c, alice, "网络故障", "打印机无法连接网络").await?;
            let bobs = open(
                c,
                bob,
                "Принтер замял бумагу",
                "Принтером невозможно пользоваться",
            )
            .await?;
            // An internal note on Alice's Russian ticket.
            search::upsert_document(
                c,
                &doc(
                    DocType::TicketNote,
                    9001,
                    Some(printer_ru),
                    None,
                    true,
                    "Не работает принтер",
                    "Картридж принтера заменён, ждём поставщика тонера",
                ),
            )
            .await?;
            search::upsert_document(
                c,
                &doc(
                    DocType::Article,
                    1,
                    None,
                    Some(Language::Fr),
                    false,
                    "Débloquer une imprimante",
                    "Éteindre l'imprimante, retirer le papier coincé, rallumer.",
                ),
            )
            .await?;
            search::upsert_document(
                c,
                &doc(
                    DocType::Article,
                    2,
                    None,
                    Some(Language::Fr),
                    true,
                    "Imprimantes : procédure interne",
                    "Réinitialiser le serveur d'impression des imprimantes.",
                ),
            )
            .await?;
            Ok(Desk {
                alice,
                bob,
                printer_ru,
                printer_fr,
                network_zh,
                bobs,
            })
        })
    })
    .await
    .expect("desk")
}

pub(crate) fn everything(user: UserId) -> Reach {
    let all = Visibility {
        user,
        all: true,
        departments: vec![],
        groups: vec![],
        security_team: true,
        none: false,
    };
    Reach {
        tickets: all.clone(),
        notes: Some(all),
        internal_articles: true,
        articles_published_only: false,
    }
}

fn own(user: UserId) -> Reach {
    Reach {
        tickets: Visibility {
            user,
            all: false,
            departments: vec![],
            groups: vec![],
            security_team: false,
            none: false,
        },
        notes: None,
        internal_articles: false,
        articles_published_only: false,
    }
}

fn ask(q: &str) -> Search {
    Search {
        query: SearchQuery::parse(q).expect("query"),
        doc_types: vec![],
        kind: None,
        category_id: None,
        lang: None,
        internal: None,
        page: 1,
        per_page: 20,
    }
}

async fn found(s: &Store, search: &Search, reach: &Reach) -> Vec<(String, i64)> {
    let mut c = s.read().await.expect("read");
    let page = search::search(&mut c, search, reach).await.expect("search");
    page.hits
        .into_iter()
        .map(|h| (h.doc_type, h.doc_id))
        .collect()
}

fn ids(v: &[(String, i64)], ty: &str) -> Vec<i64> {
    let mut out: Vec<i64> = v.iter().filter(|h| h.0 == ty).map(|h| h.1).collect();
    out.sort();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inflected_russian_and_french_and_chinese_phrases_are_found() {
    for db in backends().await {
        let s = &db.store;
        let d = desk(s).await;
        let agent = everything(d.alice);
        for q in ["принтер", "принтера", "принтеры", "принтеров", "ПРИНТЕРОМ"]
        {
            let hits = found(s, &ask(q), &agent).await;
            assert_eq!(
                ids(&hits, "ticket"),
                vec![d.printer_ru.0, d.bobs.0],
                "{} {q}",
                db.name
            );
            assert_eq!(ids(&hits, "ticket_note"), vec![9001], "{} {q}", db.name);
        }
        for q in ["imprimante", "imprimantes", "IMPRIMANTE"] {
            let hits = found(s, &ask(q), &agent).await;
            assert_eq!(
                ids(&hits, "ticket"),
                vec![d.printer_fr.0],
                "{} {q}",
                db.name
            );
            assert_eq!(ids(&hits, "article"), vec![1, 2], "{} {q}", db.name);
        }
        // Accents optional, both words required.
        let hits = found(s, &ask("reseau bloquee"), &agent).await;
        assert_eq!(
            hits,
            vec![("ticket".to_string(), d.printer_fr.0)],
            "{}",
            db.name
        );
        assert!(found(s, &ask("reseau принтер"), &agent).await.is_empty());
        // Chinese: a word inside a sentence without spaces.
        for q in ["打印机", "网络", "连接网络", "网络故障"] {
            let hits = found(s, &ask(q), &agent).await;
            assert_eq!(
                ids(&hits, "ticket"),
                vec![d.network_zh.0],
                "{} {q}",
                db.name
            );
        }
        assert!(
            found(s, &ask("打网"), &agent).await.is_empty(),
            "{}",
            db.name
        );
        // The last word as a prefix (a word being typed).
        let hits = found(s, &ask("imprim"), &agent).await;
        assert_eq!(ids(&hits, "ticket"), vec![d.printer_fr.0], "{}", db.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_reaches_only_their_own_public_text() {
    for db in backends().await {
        let s = &db.store;
        let d = desk(s).await;
        let hits = found(s, &ask("принтеры"), &own(d.alice)).await;
        assert_eq!(
            hits,
            vec![("ticket".to_string(), d.printer_ru.0)],
            "{}: not Bob's ticket, not the note",
            db.name
        );
        let hits = found(s, &ask("принтеры"), &own(d.bob)).await;
        assert_eq!(hits, vec![("ticket".to_string(), d.bobs.0)], "{}", db.name);
        // The note's own words find nothing for her.
        assert!(found(s, &ask("картридж"), &own(d.alice)).await.is_empty());
        // Public articles only.
        let hits = found(s, &ask("imprimantes"), &own(d.bob)).await;
        assert_eq!(hits, vec![("article".to_string(), 1)], "{}", db.name);
        // A reader with no ticket permission at all finds no ticket.
        let mut none = own(d.alice);
        none.tickets.none = true;
        assert!(found(s, &ask("принтер"), &none).await.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_ranking_paging_replacement_and_removal() {
    for db in backends().await {
        let s = &db.store;
        let d = desk(s).await;
        let agent = everything(d.alice);
        let mut q = ask("imprimante");
        q.doc_types = vec![DocType::Article];
        q.internal = Some(false);
        assert_eq!(
            found(s, &q, &agent).await,
            vec![("article".to_string(), 1)],
            "{}",
            db.name
        );
        let mut q = ask("imprimante");
        q.lang = Some("fr".into());
        q.kind = Some("faq".into());
        assert_eq!(found(s, &q, &agent).await.len(), 2, "{}", db.name);
        let mut q = ask("imprimante");
        q.kind = Some("incident".into());
        assert_eq!(
            found(s, &q, &agent).await,
            vec![("ticket".to_string(), d.printer_fr.0)],
            "{}: a ticket's kind is its type",
            db.name
        );

        // Ranking: a document saying the word three times beats one saying it once.
        s.write(|c| {
            Box::pin(async move {
                for (id, body) in [
                    (10, "clavier"),
                    (11, "clavier clavier clavier et souris"),
                    (12, "clavier cassé"),
                ] {
                    search::upsert_document(
                        c,
                        &doc(DocType::Article, id, None, None, false, "Aide", body),
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .await
        .unwrap();
        let hits = found(s, &ask("claviers"), &agent).await;
        assert_eq!(hits.len(), 3, "{}", db.name);
        assert_eq!(hits[0], ("article".to_string(), 11), "{}", db.name);

        // Paging: 2 per page over 3 hits, the total on every page.
        let mut q = ask("clavier");
        q.per_page = 2;
        let mut c = s.read().await.unwrap();
        let p1 = search::search(&mut c, &q, &agent).await.unwrap();
        q.page = 2;
        let p2 = search::search(&mut c, &q, &agent).await.unwrap();
        drop(c);
        assert_eq!((p1.total, p1.capped, p1.hits.len()), (3, false, 2));
        assert_eq!((p2.total, p2.hits.len()), (3, 1));
        let mut all: Vec<i64> = p1.hits.iter().chain(&p2.hits).map(|h| h.doc_id).collect();
        all.sort();
        assert_eq!(all, vec![10, 11, 12], "{}", db.name);

        // Replacing a document changes what finds it; removing it removes it.
        s.write(|c| {
            Box::pin(async move {
                search::upsert_document(
                    c,
                    &doc(
                        DocType::Article,
                        12,
                        None,
                        None,
                        false,
                        "Aide",
                        "souris perdue",
                    ),
                )
                .await?;
                assert!(search::remove_document(c, DocType::Article, 10).await?);
                assert!(!search::remove_document(c, DocType::Article, 10).await?);
                Ok(())
            })
        })
        .await
        .unwrap();
        assert_eq!(
            found(s, &ask("clavier"), &agent).await,
            vec![("article".to_string(), 11)],
            "{}",
            db.name
        );
        let mut c = s.read().await.unwrap();
        assert_eq!(search::count(&mut c, DocType::Article).await.unwrap(), 4);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completions_of_the_last_word_come_in_when_the_word_finds_little() {
    for db in backends().await {
        let s = &db.store;
        let d = desk(s).await;
        let agent = everything(d.alice);
        // One article about the network, and a few about the net.
        s.write(|c| {
            Box::pin(async move {
                let mut docs = vec![doc(
                    DocType::Article,
                    100,
                    None,
                    Some(Language::En),
                    false,
                    "Network",
                    "The network is down",
                )];
                for i in 0..5 {
                    docs.push(doc(
                        DocType::Article,
                        200 + i,
                        None,
                        Some(Language::En),
                        false,
                        "Net",
                        "The net is down again",
                    ));
                }
                search::insert_documents(c, &docs).await
            })
        })
        .await
        .unwrap();
        // Few documents say "net": its completions (network) are found too.
        let hits = found(s, &ask("net"), &agent).await;
        assert_eq!(ids(&hits, "article"), vec![100, 200, 201, 202, 203, 204]);
        // A word being typed finds what it begins.
        let hits = found(s, &ask("netw"), &agent).await;
        assert_eq!(ids(&hits, "article"), vec![100], "{}", db.name);

        // When the word as typed is common, it is answered alone, the total "or more".
        s.write(|c| {
            Box::pin(async move {
                let docs: Vec<Document> = (0..250)
                    .map(|i| {
                        doc(
                            DocType::Article,
                            1000 + i,
                            None,
                            Some(Language::En),
                            false,
                            "Net",
                            "Net down",
                        )
                    })
                    .collect();
                search::insert_documents(c, &docs).await
            })
        })
        .await
        .unwrap();
        let mut c = s.read().await.unwrap();
        let page = search::search(&mut c, &ask("net"), &agent).await.unwrap();
        assert!(page.capped, "{}", db.name);
        assert_eq!(page.hits.len(), 20, "{}", db.name);
        assert!(
            page.hits.iter().all(|h| h.title == "Net"),
            "{}: only the word itself",
            db.name
        );
        let page = search::search(&mut c, &ask("netwo"), &agent).await.unwrap();
        assert_eq!(
            page.hits.iter().map(|h| h.doc_id).collect::<Vec<_>>(),
            vec![100],
            "{}",
            db.name
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_article_about_the_word_ranks_above_a_ticket_that_mentions_it() {
    for db in backends().await {
        let s = &db.store;
        let d = desk(s).await;
        s.write(move |c| {
            Box::pin(async move {
                let t: Ticket = NewTicket {
                    subject: "VPN down".into(),
                    description: "Since this morning".into(),
                    ..Default::default()
                }
                .into_ticket(d.alice, None, &PriorityMatrix::default(), now());
                let id = tickets::insert(c, &t, false, &[]).await?;
                let ticket = doc(
                    DocType::Ticket,
                    id.0,
                    Some(id),
                    None,
                    false,
                    "VPN down",
                    "Since this morning",
                );
                search::upsert_document(c, &ticket).await?;
                let filler = "the client connects through the office gateway ".repeat(20);
                let body =
                    format!("{filler} Install the VPN client, open the VPN profile, test the VPN.");
                let article = doc(DocType::Article, 50, None, None, false, "VPN setup", &body);
                search::upsert_document(c, &article).await?;
                Ok(())
            })
        })
        .await
        .unwrap();
        let hits = found(s, &ask("vpn"), &everything(d.alice)).await;
        assert_eq!(hits.len(), 2, "{}", db.name);
        assert_eq!(hits[0], ("article".to_string(), 50), "{}", db.name);
    }
}
