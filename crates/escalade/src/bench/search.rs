//! The `search` scenario: full-text search latency on a large desk, in this process on the
//! database of --data-dir or --database-url. It first bulk-loads generated tickets (English,
//! French, Russian and Chinese text) and article-like documents straight through the store
//! (not through the service layer: fast, and the index rows are the same), up to
//! --search-tickets and --search-articles, then runs one-word and two-word searches one at a
//! time as an agent who reads everything and as a requester who reads only their own
//! tickets: the store's query (ranking, reach, count, page of 20) plus the snippets of the
//! page, which is what `GET /api/v1/search` costs beyond HTTP.

use std::time::Instant;

use anyhow::{Context, Result};
use chrono::Utc;
use escalade_core::authz::Visibility;
use escalade_core::ids::{TicketId, UserId};
use escalade_core::people::Language;
use escalade_core::search::{SearchQuery, index_text, snippet};
use escalade_core::ticket::{NewTicket, PriorityMatrix, Ticket, TicketType};
use escalade_store::directory::{self, NewUser};
use escalade_store::search::{self as search_store, DocType, Document, Reach, Search};
use escalade_store::sql::param;
use escalade_store::{Conn, StoreError, Value};

use super::report::ScenarioResult;
use super::stats;

/// Tickets written per transaction while loading.
const LOAD_BATCH: usize = 1000;
/// One ticket in this many belongs to the measured requester.
const REQUESTER_SHARE: u64 = 1000;

const EN: &[&str] = &[
    "printer",
    "network",
    "password",
    "laptop",
    "email",
    "outlook",
    "vpn",
    "screen",
    "keyboard",
    "mouse",
    "access",
    "account",
    "server",
    "slow",
    "error",
    "crash",
    "update",
    "install",
    "license",
    "teams",
    "meeting",
    "camera",
    "badge",
    "phone",
    "backup",
    "restore",
    "disk",
    "full",
    "share",
    "folder",
    "permission",
    "wifi",
    "connection",
    "timeout",
    "login",
    "blocked",
    "expired",
    "reset",
    "request",
    "broken",
];
const FR: &[&str] = &[
    "imprimante",
    "réseau",
    "mot",
    "passe",
    "ordinateur",
    "courriel",
    "messagerie",
    "écran",
    "clavier",
    "souris",
    "accès",
    "compte",
    "serveur",
    "lent",
    "erreur",
    "plantage",
    "mise",
    "jour",
    "installation",
    "licence",
    "réunion",
    "caméra",
    "badge",
    "téléphone",
    "sauvegarde",
    "restauration",
    "disque",
    "plein",
    "partage",
    "dossier",
    "droits",
    "connexion",
    "bloqué",
    "expiré",
    "réinitialiser",
    "demande",
    "cassé",
    "imprimantes",
    "bloquées",
    "connectée",
];
const RU: &[&str] = &[
    "принтер",
    "принтера",
    "сеть",
    "сети",
    "пароль",
    "пароля",
    "ноутбук",
    "почта",
    "почты",
    "экран",
    "клавиатура",
    "мышь",
    "доступ",
    "доступа",
    "учётная",
    "запись",
    "сервер",
    "медленно",
    "ошибка",
    "ошибки",
    "сбой",
    "обновление",
    "установка",
    "лицензия",
    "совещание",
    "камера",
    "пропуск",
    "телефон",
    "резервная",
    "копия",
    "диск",
    "заполнен",
    "папка",
    "права",
    "подключение",
    "подключения",
    "заблокирован",
    "истёк",
    "сброс",
    "заявка",
];
const ZH: &[&str] = &[
    "打印机",
    "网络",
    "密码",
    "笔记本",
    "邮件",
    "屏幕",
    "键盘",
    "鼠标",
    "访问",
    "账户",
    "服务器",
    "很慢",
    "错误",
    "崩溃",
    "更新",
    "安装",
    "许可证",
    "会议",
    "摄像头",
    "电话",
    "备份",
    "恢复",
    "磁盘",
    "已满",
    "共享",
    "文件夹",
    "权限",
    "无线",
    "连接",
    "超时",
    "登录",
    "无法",
    "过期",
    "重置",
    "申请",
    "损坏",
    "显示",
    "打印",
    "系统",
    "故障",
];

/// Small deterministic generator (the same desk on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// An index in `0..n`, skewed towards the start (a few words are very common).
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() % 10_000) as f64 / 10_000.0;
        ((u * u) * n as f64) as usize % n
    }
}

fn words(lang: Language) -> &'static [&'static str] {
    match lang {
        Language::En => EN,
        Language::Fr => FR,
        Language::Ru => RU,
        Language::ZhCn => ZH,
    }
}

/// A sentence of `n` words of `lang` (Chinese without spaces), with an occasional error code.
fn sentence(g: &mut Lcg, lang: Language, n: usize) -> String {
    let vocabulary = words(lang);
    let sep = if lang == Language::ZhCn { "" } else { " " };
    let mut out: Vec<String> = (0..n)
        .map(|_| vocabulary[g.skewed(vocabulary.len())].to_string())
        .collect();
    if g.next().is_multiple_of(8) {
        out.push(format!(" E{:05} ", g.next() % 100_000));
    }
    out.join(sep)
}

fn language(i: u64) -> Language {
    match i % 10 {
        0..=3 => Language::En,
        4..=6 => Language::Fr,
        7 | 8 => Language::Ru,
        _ => Language::ZhCn,
    }
}

/// Inserts new tickets (no tags, no watchers) with multi-row statements; their ids in order.
async fn insert_tickets(c: &mut Conn, tickets: &[Ticket]) -> Result<Vec<i64>, StoreError> {
    let mut out = Vec::with_capacity(tickets.len());
    // As many rows a statement as the store's bulk document insert (27 parameters each).
    for chunk in tickets.chunks(search_store::bulk_rows(c)) {
        let mut a: Vec<Value> = Vec::with_capacity(chunk.len() * 27);
        let mut rows = Vec::with_capacity(chunk.len());
        for t in chunk {
            let values: Vec<Value> = vec![
                t.kind.as_str().into(),
                t.subject.as_str().into(),
                t.description.as_str().into(),
                t.requester.0.into(),
                t.department.map(|d| d.0).into(),
                t.channel.as_str().into(),
                t.category.map(|c| c.0).into(),
                t.nature.map(|n| n.as_str()).into(),
                t.service.clone().into(),
                to_json(&t.config_items).into(),
                t.impact.as_str().into(),
                t.urgency.as_str().into(),
                t.priority.as_str().into(),
                t.priority.rank().into(),
                t.priority_manual.into(),
                t.level.get().into(),
                t.group.map(|g| g.0).into(),
                t.assignee.map(|a| a.0).into(),
                t.status.as_str().into(),
                false.into(),
                to_json(&t.facts).into(),
                to_json(&t.custom).into(),
                t.created_at.into(),
                t.updated_at.into(),
                t.resolved_at.into(),
                t.closed_at.into(),
                t.version.into(),
            ];
            let placeholders: Vec<String> = values.into_iter().map(|v| param(&mut a, v)).collect();
            rows.push(format!("({})", placeholders.join(", ")));
        }
        let mut ids: Vec<(i64,)> = c
            .all(
                &format!(
                    "INSERT INTO tickets (kind, subject, description, requester_id, department_id, \
                     channel, category_id, nature, service, config_items, impact, urgency, priority, \
                     priority_rank, priority_manual, level, group_id, assignee_id, status, security, \
                     facts, custom, created_at, updated_at, resolved_at, closed_at, version) \
                     VALUES {} RETURNING id",
                    rows.join(", ")
                ),
                a,
            )
            .await?;
        // Ids are given in the order of the rows; RETURNING need not keep it.
        ids.sort_unstable();
        out.extend(ids.into_iter().map(|(id,)| id));
    }
    Ok(out)
}

fn to_json(v: &impl serde::Serialize) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}

/// Loads tickets and articles until the database holds `tickets` and `articles` documents.
async fn load(app: &escalade_app::App, tickets: u64, articles: u64) -> Result<(UserId, UserId)> {
    let (admin, requester, have_tickets, have_articles) = {
        let mut c = app.store.read().await?;
        let admin = directory::user_by_login(&mut c, "admin")
            .await?
            .context("no administrator: the database was not bootstrapped")?;
        let requester = directory::user_by_login(&mut c, "bench.search").await?;
        (
            UserId(admin.id),
            requester.map(|r| UserId(r.id)),
            search_store::count(&mut c, DocType::Ticket).await? as u64,
            search_store::count(&mut c, DocType::Article).await? as u64,
        )
    };
    let requester = match requester {
        Some(r) => r,
        None => {
            app.store
                .write(|c| {
                    Box::pin(async move {
                        directory::create_user(
                            c,
                            &NewUser {
                                login: "bench.search".into(),
                                display_name: "Search benchmark requester".into(),
                                email: None,
                                kind: "requester".into(),
                                department: None,
                                language: "en".into(),
                                time_zone: "UTC".into(),
                                vip: false,
                                password_hash: None,
                            },
                            Utc::now(),
                        )
                        .await
                    })
                })
                .await?
        }
    };
    let started = Instant::now();
    let mut done = have_tickets;
    while done < tickets {
        let from = done;
        let count = (tickets - done).min(LOAD_BATCH as u64);
        app.store
            .write(move |c| {
                Box::pin(async move {
                    let now = Utc::now();
                    let mut g = Lcg(0x5ea7c4 + from);
                    let mut tickets = Vec::with_capacity(count as usize);
                    for i in from..from + count {
                        let lang = language(i);
                        let n = 4 + (g.next() % 4) as usize;
                        let subject = sentence(&mut g, lang, n);
                        let n = 15 + (g.next() % 25) as usize;
                        let description = sentence(&mut g, lang, n);
                        let who = if i.is_multiple_of(REQUESTER_SHARE) {
                            requester
                        } else {
                            admin
                        };
                        let kind = if i.is_multiple_of(5) {
                            TicketType::ServiceRequest
                        } else {
                            TicketType::Incident
                        };
                        tickets.push(
                            NewTicket {
                                subject,
                                description,
                                kind: Some(kind),
                                ..Default::default()
                            }
                            .into_ticket(
                                who,
                                None,
                                &PriorityMatrix::default(),
                                now,
                            ),
                        );
                    }
                    let ids = insert_tickets(c, &tickets).await?;
                    let docs: Vec<Document> = tickets
                        .into_iter()
                        .zip(ids)
                        .map(|(t, id)| Document {
                            doc_type: DocType::Ticket,
                            doc_id: id,
                            ticket_id: Some(TicketId(id)),
                            parent_id: None,
                            lang: None,
                            internal: false,
                            category_id: None,
                            kind: Some(t.kind.as_str().into()),
                            status: Some("new".into()),
                            terms: index_text(&format!("{}\n{}", t.subject, t.description), None),
                            title: t.subject,
                            body: t.description,
                            updated_at: now,
                        })
                        .collect();
                    search_store::insert_documents(c, &docs).await
                })
            })
            .await?;
        done += count;
        if done % 50_000 < LOAD_BATCH as u64 || done == tickets {
            eprintln!(
                "search: loaded {done}/{tickets} tickets ({:.0}/s)",
                (done - have_tickets) as f64 / started.elapsed().as_secs_f64().max(0.001)
            );
        }
    }
    let mut done = have_articles;
    while done < articles {
        let from = done;
        let count = (articles - done).min(LOAD_BATCH as u64);
        app.store
            .write(move |c| {
                Box::pin(async move {
                    let now = Utc::now();
                    let mut g = Lcg(0xa471c1e + from);
                    let mut docs = Vec::with_capacity(count as usize);
                    for i in from..from + count {
                        let lang = language(i);
                        let title = sentence(&mut g, lang, 5);
                        let n = 150 + (g.next() % 150) as usize;
                        let body = sentence(&mut g, lang, n);
                        docs.push(Document {
                            doc_type: DocType::Article,
                            doc_id: i as i64 + 1,
                            ticket_id: None,
                            parent_id: Some(i as i64 / 4 + 1),
                            lang: Some(lang.as_str().into()),
                            internal: i.is_multiple_of(5),
                            category_id: None,
                            kind: Some(
                                ["sop", "known_error", "faq", "how_to"][i as usize % 4].into(),
                            ),
                            status: Some("published".into()),
                            terms: index_text(&format!("{title}\n{body}"), Some(lang)),
                            title,
                            body,
                            updated_at: now,
                        });
                    }
                    search_store::insert_documents(c, &docs).await
                })
            })
            .await?;
        done += count;
    }
    if articles > have_articles {
        eprintln!("search: loaded {articles} articles");
    }
    if tickets > have_tickets || articles > have_articles {
        // Fresh statistics, as a desk that grew over months has: PostgreSQL's planner chooses
        // between its full-text index and a walk by id from the estimated matches.
        app.store
            .write(|c| {
                Box::pin(async move {
                    if c.is_postgres() {
                        c.raw("ANALYZE search_documents; ANALYZE tickets").await?;
                    }
                    Ok(())
                })
            })
            .await?;
    }
    Ok((admin, requester))
}

/// The `i`-th query of `words` words: mixed languages, common and rare words.
fn query(g: &mut Lcg, words_in_query: usize) -> String {
    let lang = language(g.next());
    let vocabulary = words(lang);
    let sep = if lang == Language::ZhCn { "" } else { " " };
    (0..words_in_query)
        .map(|_| vocabulary[(g.next() as usize) % vocabulary.len()])
        .collect::<Vec<_>>()
        .join(sep)
}

async fn measure(
    app: &escalade_app::App,
    name: &'static str,
    reach: &Reach,
    words_in_query: usize,
    count: u64,
) -> Result<ScenarioResult> {
    let mut g = Lcg(0x9e37 + words_in_query as u64);
    let mut samples = Vec::with_capacity(count as usize);
    let mut errors = 0;
    let mut first_error = None;
    let started = Instant::now();
    for _ in 0..count {
        let q = query(&mut g, words_in_query);
        let t = Instant::now();
        let res: Result<usize> = async {
            let search = Search {
                query: SearchQuery::parse(&q)?,
                doc_types: vec![],
                kind: None,
                category_id: None,
                lang: None,
                internal: None,
                page: 1,
                per_page: 20,
            };
            let mut c = app.store.read().await?;
            let page = search_store::search(&mut c, &search, reach).await?;
            let parts: usize = page
                .hits
                .iter()
                .map(|h| snippet(&h.body, &search.query).len())
                .sum();
            Ok(parts)
        }
        .await;
        match res {
            Ok(_) => samples.push(t.elapsed().as_secs_f64() * 1000.0),
            Err(e) => {
                errors += 1;
                first_error.get_or_insert_with(|| format!("{q}: {e}"));
            }
        }
    }
    let elapsed = started.elapsed();
    Ok(ScenarioResult {
        scenario: name,
        clients: 1,
        requests: count,
        errors,
        throughput_per_s: stats::throughput(count - errors, elapsed),
        latency_ms: stats::summarize(samples),
        first_error,
    })
}

/// Loads the desk (if smaller than asked), then measures `count` searches of each kind.
pub async fn run(
    app: escalade_app::App,
    tickets: u64,
    articles: u64,
    count: u64,
) -> Result<Vec<ScenarioResult>> {
    let (admin, requester) = load(&app, tickets, articles).await?;
    let agent = Reach {
        tickets: Visibility {
            user: admin,
            all: true,
            departments: vec![],
            groups: vec![],
            security_team: true,
            none: false,
        },
        notes: None,
        internal_articles: true,
        articles_published_only: false,
    };
    let own = Reach {
        tickets: Visibility {
            user: requester,
            all: false,
            departments: vec![],
            groups: vec![],
            security_team: false,
            none: false,
        },
        notes: None,
        internal_articles: false,
        articles_published_only: true,
    };
    Ok(vec![
        measure(&app, "search 1 word (agent)", &agent, 1, count).await?,
        measure(&app, "search 2 words (agent)", &agent, 2, count).await?,
        measure(&app, "search 1 word (requester)", &own, 1, count).await?,
        measure(&app, "search 2 words (requester)", &own, 2, count).await?,
    ])
}
