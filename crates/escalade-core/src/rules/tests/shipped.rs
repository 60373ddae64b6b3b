//! The shipped classification in English, French, Russian and Simplified Chinese, on the kind
//! of subjects requesters write, Russian case endings included.

use super::*;
use crate::category::DEFAULT_CATEGORIES;
use crate::ids::CategoryId;
use crate::ticket::{Priority, Urgency};

fn category_id(key: &str) -> Option<CategoryId> {
    DEFAULT_CATEGORIES
        .iter()
        .position(|c| c.0 == key)
        .map(|i| CategoryId(i as i64 + 1))
}

fn key_of(id: CategoryId) -> &'static str {
    DEFAULT_CATEGORIES[id.0 as usize - 1].0
}

fn shipped() -> Vec<CompiledRule> {
    classification_rules(category_id)
        .into_iter()
        .map(|r| r.compile().expect("shipped rules are valid"))
        .collect()
}

/// The category the shipped rules give a new ticket, if any.
fn classify(rules: &[CompiledRule], subject: &str, description: &str) -> Option<&'static str> {
    let out = run(rules, &TicketFacts::new(ticket(subject, description)));
    out.ticket.category.map(key_of)
}

#[test]
fn every_category_in_every_language() {
    let rules = shipped();
    let cases: &[(&str, &[&str])] = &[
        (
            "security",
            &[
                "Suspicious email asking me to confirm my bank details",
                "Phishing attempt reported by accounting",
                "I think my PC has a virus",
                "Tentative d'hameçonnage reçue ce matin",
                "Mon compte a été piraté",
                "Courriel suspect avec une pièce jointe",
                "Пришло фишинговое письмо",
                "На компьютере вирусы",
                "Подозрительное письмо от «банка»",
                "Взломали почту",
                "收到钓鱼邮件",
                "电脑中病毒了",
                "可疑链接，请检查",
            ],
        ),
        (
            "data_recovery",
            &[
                "Please restore a file from yesterday's backup",
                "Accidentally deleted the Q3 folder",
                "Need to recover an old version of the contract",
                "Restaurer un fichier supprimé sur le partage",
                "Récupération de données après formatage",
                "Fichiers supprimés par erreur",
                "Нужно восстановить файл",
                "Прошу восстановление удаленной папки",
                "Случайно удалил файл отчёта",
                "请帮忙恢复误删的文件",
                "备份还原失败",
                "数据丢失",
            ],
        ),
        (
            "user_support",
            &[
                "Forgot my password",
                "Account locked after three attempts",
                "Cannot log in to the intranet",
                "Mot de passe oublié",
                "Compte bloqué depuis ce matin",
                "Réinitialiser mon mot de passe",
                "Забыл пароль",
                "Сброс пароля для почты",
                "Проблема с паролем в 1С",
                "Не могу войти в систему",
                "忘记密码",
                "邮箱无法登录",
                "账号被锁了",
            ],
        ),
        (
            "service_request",
            &[
                "Access request for the finance share",
                "New account for an intern starting Monday",
                "Please install Visio on my PC",
                "Demande d'accès au dossier RH",
                "Création de compte pour un nouvel arrivant",
                "Besoin d'accès à SAP",
                "Запрос доступа к общей папке",
                "Нужен доступ к CRM",
                "Создать учетную запись для нового сотрудника",
                "申请共享盘访问权限",
                "新员工开通邮箱",
                "申请VPN账号",
            ],
        ),
        (
            "network",
            &[
                "VPN disconnects every 10 minutes",
                "No internet on the 2nd floor",
                "Wi-Fi in meeting room B is down",
                "Problème de réseau au bureau de Lyon",
                "Le VPN ne se connecte pas",
                "Pas de connexion internet depuis ce matin",
                "Нет доступа к сети",
                "Проблемы с сетью в филиале",
                "Не работает интернет",
                "Сетевой диск недоступен",
                "网络断了",
                "会议室无线连不上",
                "上不了网",
            ],
        ),
        (
            "performance_optimisation",
            &[
                "My computer is very slow",
                "Excel takes forever to open",
                "Application freezes several times a day",
                "Ordinateur très lent",
                "Lenteurs sur l'application de paie",
                "Le poste rame et est lent au démarrage",
                "Компьютер работает медленно",
                "Очень медленный доступ к 1С",
                "Тормозит ноутбук",
                "电脑运行很慢",
                "系统卡顿",
                "打开文件特别慢",
            ],
        ),
        (
            "hardware_failure",
            &[
                "Printer on floor 3 jams",
                "Laptop screen is cracked",
                "Keyboard keys not working",
                "L'imprimante du 2e étage ne marche pas",
                "Écran noir au démarrage",
                "Souris sans fil cassée",
                "Не печатает принтер",
                "Проблема с принтером в бухгалтерии",
                "Сломалась клавиатура",
                "Не работает мышь",
                "打印机卡纸",
                "显示器不亮",
                "键盘坏了",
            ],
        ),
        (
            "software_failure",
            &[
                "Outlook crashes when opening attachments",
                "Error 0x80070005 in the accounting app",
                "Teams not responding",
                "Erreur lors de l'enregistrement dans Word",
                "Plantage d'Excel à l'ouverture",
                "Le logiciel de paie ne démarre pas",
                "Ошибка при запуске 1С",
                "Постоянные ошибки в Outlook",
                "Выдаёт ошибку при сохранении",
                "Вылетает Word",
                "Excel崩溃",
                "软件报错无法保存",
                "系统闪退",
            ],
        ),
        (
            "consulting",
            &[
                "Advice on sharing large files with a customer",
                "How do I set up an out-of-office reply?",
                "Which tool do you recommend for diagrams?",
                "Conseil pour organiser mes dossiers partagés",
                "Comment faire un publipostage ?",
                "Консультация по Excel",
                "Посоветуйте, как лучше хранить документы",
                "Нужна консультации по работе с CRM",
                "咨询一下共享日历的使用",
                "如何设置邮件签名",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (expected, subjects) in cases {
        for subject in *subjects {
            let got = classify(&rules, subject, "");
            if got != Some(*expected) {
                failures.push(format!("{subject:?}: expected {expected}, got {got:?}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "misclassified:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_description_counts_too_and_order_settles_two_subjects() {
    let rules = shipped();
    let cases = [
        (
            "Help",
            "Mon imprimante affiche une erreur",
            Some("hardware_failure"),
        ),
        (
            "Question",
            "Someone sent me a phishing mail asking for my password",
            Some("security"),
        ),
        ("VPN", "Mot de passe du VPN expiré", Some("user_support")),
        (
            "Backup",
            "Error while restoring the backup",
            Some("data_recovery"),
        ),
        ("Доступ", "Нужен доступ к VPN", Some("service_request")),
        ("Slow VPN", "", Some("network")),
        ("Hello", "Could you call me back?", None),
        ("", "", None),
    ];
    for (subject, description, expected) in cases {
        let subject = if subject.is_empty() { "-" } else { subject };
        assert_eq!(
            classify(&rules, subject, description),
            expected,
            "{subject} / {description}"
        );
    }
}

#[test]
fn a_ticket_with_a_category_is_left_alone() {
    let rules = shipped();
    let mut f = TicketFacts::new(ticket("Printer jams", ""));
    f.ticket.category = category_id("other");
    let out = run(&rules, &f);
    assert!(out.is_empty());
    assert!(
        out.report
            .iter()
            .all(|r| matches!(r.verdict, Verdict::NoMatch { .. }))
    );
}

#[test]
fn security_raises_the_urgency_and_tags() {
    let out = run(&shipped(), &TicketFacts::new(ticket("Phishing mail", "")));
    assert_eq!(out.ticket.category, category_id("security"));
    assert_eq!(out.ticket.urgency, Urgency::High);
    assert_eq!(
        out.ticket.priority,
        Priority::High,
        "medium impact x high urgency"
    );
    assert_eq!(out.ticket.tags, ["security"]);
    assert_eq!(
        out.fired.len(),
        1,
        "later classification rules see the category and stay quiet"
    );
}

#[test]
fn shipped_rules_follow_the_installation() {
    // A category removed by the administrator gets no rule.
    let rules = classification_rules(|k| (k != "consulting").then(|| category_id(k)).flatten());
    assert_eq!(rules.len(), 8);
    assert!(rules.iter().all(|r| r.validate().is_ok()));
    assert_eq!(CLASSIFICATION.len(), 9);
    for c in CLASSIFICATION {
        assert!(
            category_id(c.category).is_some(),
            "{} is a default category",
            c.category
        );
        for list in [c.en, c.fr, c.ru, c.zh] {
            assert!(
                !list.is_empty(),
                "{}: every language has keywords",
                c.category
            );
        }
    }
}

#[test]
fn every_shipped_keyword_matches_itself_and_is_documented() {
    let doc = include_str!("../../../../../docs/RULES.md");
    for c in CLASSIFICATION {
        for k in c.keywords() {
            let plain = k.replace('*', "");
            assert!(
                find_keyword(k, &plain).is_some(),
                "{}: '{k}' does not match '{plain}'",
                c.category
            );
            assert!(
                doc.contains(k),
                "docs/RULES.md lists '{k}' ({})",
                c.category
            );
        }
    }
}
