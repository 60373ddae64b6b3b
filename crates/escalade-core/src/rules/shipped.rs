//! The rules every installation starts with: classify a new ticket into one of the ten default
//! categories from keywords in its subject or description, in English, French, Russian and
//! Simplified Chinese, when nobody gave it a category.
//!
//! One rule per category, all on `created`, each with the condition "no category yet": the
//! first rule that matches sets the category, and the later ones then see a category and stay
//! quiet. The order therefore settles tickets that mention two subjects, from the most specific
//! or urgent to the most general:
//!
//! 1. security ("phishing mail asking for my password" is a security matter), which also raises
//!    the urgency to high (the priority follows the matrix) and tags the ticket `security`;
//! 2. data recovery ("error while restoring a backup" is about the lost data);
//! 3. user support (passwords, locked accounts, logging in);
//! 4. service request (asking for access or an account: "demande d'accès au VPN");
//! 5. network; 6. performance ("slow VPN" is a network matter, "slow laptop" a performance one);
//! 7. hardware failure; 8. software failure ("printer error" is hardware);
//! 9. consulting, the most general.
//!
//! "Other" has no rule: it is what an agent picks when nothing fits. Keyword matching (Russian
//! case endings, French accents, Chinese without spaces) is described in `text`.

use super::{Action, Condition, ConditionGroup, Rule, RuleEvent, TextTest, ValueTest};
use crate::ids::CategoryId;
use crate::ticket::Urgency;

/// The keywords of one shipped classification rule, by language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classification {
    /// The category key (`user_support`), as in `category::DEFAULT_CATEGORIES`.
    pub category: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// English keywords.
    pub en: &'static [&'static str],
    /// French keywords.
    pub fr: &'static [&'static str],
    /// Russian keywords (stems match case endings; `*` marks an explicit prefix).
    pub ru: &'static [&'static str],
    /// Simplified Chinese keywords (matched anywhere in the text).
    pub zh: &'static [&'static str],
}

impl Classification {
    /// Every keyword, in the order English, French, Russian, Chinese.
    pub fn keywords(&self) -> impl Iterator<Item = &'static str> + '_ {
        [self.en, self.fr, self.ru, self.zh]
            .into_iter()
            .flatten()
            .copied()
    }

    /// Every keyword once (`virus` and `vpn` are the same word in several languages).
    fn distinct_keywords(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for k in self.keywords() {
            if !out.iter().any(|o| o == k) {
                out.push(k.to_string());
            }
        }
        out
    }
}

/// The shipped classification, in rule order.
pub const CLASSIFICATION: [Classification; 9] = [
    Classification {
        category: "security",
        name: "Classify: security",
        en: &[
            "virus",
            "malware",
            "ransomware",
            "phishing",
            "trojan",
            "hacked",
            "hacker*",
            "suspicious email",
            "suspicious e-mail",
            "suspicious link",
            "security breach",
            "data breach",
            "compromised",
            "spyware",
        ],
        fr: &[
            "virus",
            "logiciel malveillant",
            "rançongiciel",
            "hameçonnage",
            "phishing",
            "piraté",
            "piratage",
            "pirate",
            "courriel suspect",
            "mail suspect",
            "lien suspect",
            "cheval de troie",
        ],
        ru: &[
            "вирус",
            "вредонос*",
            "фишинг*",
            "взлом*",
            "троян*",
            "подозрительное письмо",
            "подозрительная ссылка",
            "шифровальщик",
            "утечка данных",
        ],
        zh: &[
            "病毒",
            "钓鱼",
            "恶意软件",
            "勒索",
            "木马",
            "黑客",
            "被盗",
            "可疑邮件",
            "可疑链接",
            "数据泄露",
            "入侵",
        ],
    },
    Classification {
        category: "data_recovery",
        name: "Classify: data recovery",
        en: &[
            "backup",
            "restore",
            "restoring",
            "recover",
            "recovery",
            "deleted file",
            "file deleted",
            "lost file",
            "lost data",
            "data loss",
            "accidentally deleted",
            "deleted by mistake",
            "previous version",
        ],
        fr: &[
            "sauvegarde",
            "restaurer",
            "restauration",
            "récupérer",
            "récupération",
            "fichier supprimé",
            "fichier effacé",
            "fichier perdu",
            "données perdues",
            "perte de données",
            "supprimé par erreur",
            "version précédente",
        ],
        ru: &[
            "восстанов*",
            "резервн* копи*",
            "бэкап",
            "удален файл",
            "удалил файл",
            "файл удален",
            "потерял файл",
            "потеря данных",
            "пропал файл",
        ],
        zh: &[
            "恢复",
            "备份",
            "误删",
            "删除的文件",
            "文件丢失",
            "数据丢失",
            "找回",
            "还原",
        ],
    },
    Classification {
        category: "user_support",
        name: "Classify: user support",
        en: &[
            "password",
            "forgot password",
            "reset password",
            "password reset",
            "locked out",
            "account locked",
            "account is locked",
            "cannot log in",
            "can't log in",
            "unable to log in",
            "login",
            "log in",
            "sign in",
            "two-factor",
            "2fa",
            "mfa",
        ],
        fr: &[
            "mot de passe",
            "mdp",
            "compte bloqué",
            "compte verrouillé",
            "identifiant",
            "impossible de me connecter",
            "double authentification",
        ],
        ru: &[
            "пароль",
            "логин",
            "учетная запись заблокирована",
            "учетку заблокировали",
            "не могу войти",
            "не получается войти",
            "вход в систему",
            "двухфакторн* аутентификаци*",
        ],
        zh: &[
            "密码",
            "账号锁定",
            "账户锁定",
            "账号被锁",
            "无法登录",
            "登录",
            "登陆",
            "验证码",
        ],
    },
    Classification {
        category: "service_request",
        name: "Classify: service request",
        en: &[
            "new account",
            "new user",
            "access request",
            "request access",
            "need access",
            "grant access",
            "access rights",
            "permission to",
            "onboarding",
            "new employee",
            "install software",
            "software installation",
            "please install",
        ],
        fr: &[
            "demande d'accès",
            "besoin d'accès",
            "droits d'accès",
            "nouveau compte",
            "création de compte",
            "créer un compte",
            "nouvel arrivant",
            "nouvel utilisateur",
            "installer le logiciel",
            "installation de logiciel",
        ],
        ru: &[
            "запрос доступа",
            "запрос на доступ",
            "нужен доступ",
            "предоставить доступ",
            "предоставление доступа",
            "выдать доступ",
            "права доступа",
            "открыть доступ",
            "новая учетная запись",
            "создать учетную запись",
            "новый сотрудник",
            "установить программу",
        ],
        zh: &["申请", "开通", "权限", "新员工", "新账号", "安装软件"],
    },
    Classification {
        category: "network",
        name: "Classify: network",
        en: &[
            "network",
            "vpn",
            "wifi",
            "wi-fi",
            "wireless",
            "internet",
            "ethernet",
            "no connection",
            "connection lost",
            "disconnected",
            "dns",
            "proxy",
            "router",
        ],
        fr: &[
            "réseau",
            "vpn",
            "wifi",
            "wi-fi",
            "internet",
            "pas de connexion",
            "perte de connexion",
            "connexion internet",
            "déconnecté",
            "déconnexion",
            "routeur",
        ],
        ru: &[
            "сеть",
            "сетев*",
            "интернет",
            "vpn",
            "впн",
            "wifi",
            "wi-fi",
            "вайфай",
            "нет подключения",
            "нет соединения",
            "роутер",
            "маршрутизатор",
        ],
        zh: &[
            "网络",
            "网速",
            "断网",
            "上不了网",
            "无线",
            "连不上",
            "vpn",
            "wifi",
            "路由器",
        ],
    },
    Classification {
        category: "performance_optimisation",
        name: "Classify: performance",
        en: &[
            "slow",
            "slowly",
            "very slow",
            "sluggish",
            "performance",
            "takes forever",
            "lagging",
            "freezes",
            "freezing",
        ],
        fr: &[
            "lent",
            "lente",
            "lenteur",
            "lentement",
            "ralenti",
            "ralentissement",
            "performance",
            "très long",
        ],
        ru: &[
            "медленно",
            "тормоз*",
            "зависает",
            "долго грузится",
            "производительность",
        ],
        zh: &["慢", "卡顿", "很卡", "卡死", "运行缓慢", "性能"],
    },
    Classification {
        category: "hardware_failure",
        name: "Classify: hardware failure",
        en: &[
            "printer",
            "scanner",
            "monitor",
            "screen",
            "keyboard",
            "mouse",
            "laptop",
            "hard drive",
            "hard disk",
            "battery",
            "docking station",
            "projector",
            "headset",
            "paper jam",
        ],
        fr: &[
            "imprimante",
            "scanner",
            "écran",
            "clavier",
            "souris",
            "ordinateur portable",
            "disque dur",
            "batterie",
            "station d'accueil",
            "projecteur",
            "casque",
            "bourrage papier",
        ],
        ru: &[
            "принтер",
            "сканер",
            "монитор",
            "экран",
            "клавиатура",
            "мышь",
            "ноутбук",
            "жесткий диск",
            "батарея",
            "аккумулятор",
            "проектор",
            "гарнитура",
        ],
        zh: &[
            "打印机",
            "扫描仪",
            "显示器",
            "屏幕",
            "键盘",
            "鼠标",
            "笔记本",
            "硬盘",
            "电池",
            "投影仪",
            "耳机",
            "卡纸",
        ],
    },
    Classification {
        category: "software_failure",
        name: "Classify: software failure",
        en: &[
            "crash*",
            "error",
            "error message",
            "bug",
            "not responding",
            "won't start",
            "doesn't open",
            "does not open",
            "exception",
            "stopped working",
        ],
        fr: &[
            "plantage",
            "plante",
            "planté",
            "erreur",
            "bogue",
            "bug",
            "ne répond pas",
            "ne démarre pas",
            "ne s'ouvre pas",
            "ne fonctionne plus",
        ],
        ru: &[
            "ошибка",
            "ошибок",
            "сбой",
            "вылетает",
            "падает",
            "не запускается",
            "не отвечает",
            "не открывается",
            "перестал работать",
        ],
        zh: &[
            "崩溃",
            "错误",
            "报错",
            "闪退",
            "无响应",
            "打不开",
            "无法启动",
            "异常",
            "故障",
        ],
    },
    Classification {
        category: "consulting",
        name: "Classify: consulting",
        en: &[
            "advice",
            "how do i",
            "how to",
            "best way",
            "recommend*",
            "question about",
            "consultation",
        ],
        fr: &[
            "conseil",
            "comment faire",
            "comment puis-je",
            "recommand*",
            "meilleure façon",
            "question sur",
            "consultation",
        ],
        ru: &[
            "консультация",
            "совет",
            "посоветуйте",
            "подскажите",
            "как настроить",
            "вопрос по",
        ],
        zh: &["咨询", "建议", "如何", "怎么", "请教"],
    },
];

/// The shipped classification rules, with the ids of this installation's categories.
/// `category_id` looks a category up by key; a category that no longer exists gets no rule.
pub fn classification_rules(category_id: impl Fn(&str) -> Option<CategoryId>) -> Vec<Rule> {
    CLASSIFICATION
        .iter()
        .filter_map(|c| {
            let id = category_id(c.category)?;
            let mut actions = vec![Action::SetCategory(id)];
            if c.category == "security" {
                actions.push(Action::SetUrgency(Urgency::High));
                actions.push(Action::AddTags(vec!["security".into()]));
            }
            Some(Rule {
                name: c.name.to_string(),
                event: RuleEvent::Created,
                active: true,
                conditions: ConditionGroup::All(vec![
                    Condition::Category(ValueTest::Set(false)),
                    Condition::Text(TextTest::Keywords(c.distinct_keywords())),
                ]),
                actions,
                stop_after: false,
            })
        })
        .collect()
}
