//! Name pools for the demo's requesters: English, French, Russian and Chinese given and family
//! names (with the Latin spelling used for logins), and the time zones of each language.

use escalade_core::people::Language;
use rand::Rng;
use rand::rngs::StdRng;

use super::pick;

/// Time zones by language, with their approximate offsets.
pub(super) fn zones(lang: Language) -> &'static [((&'static str, i64), u32)] {
    match lang {
        Language::En => &[
            (("Europe/London", 0), 5),
            (("America/New_York", -5), 3),
            (("America/Chicago", -6), 1),
            (("America/Los_Angeles", -8), 1),
        ],
        Language::Fr => &[
            (("Europe/Paris", 1), 6),
            (("Europe/Brussels", 1), 2),
            (("America/Toronto", -5), 1),
        ],
        Language::Ru => &[
            (("Europe/Moscow", 3), 6),
            (("Asia/Yekaterinburg", 5), 1),
            (("Asia/Novosibirsk", 7), 1),
        ],
        Language::ZhCn => &[(("Asia/Shanghai", 8), 1)],
    }
}

#[rustfmt::skip]
const EN_MEN: &[&str] = &[
    "James", "Oliver", "William", "Thomas", "Daniel", "Michael", "Jack", "Samuel", "David",
    "Benjamin", "Ethan", "Noah",
];

#[rustfmt::skip]
const EN_WOMEN: &[&str] = &[
    "Emily", "Olivia", "Charlotte", "Sophie", "Jessica", "Hannah", "Grace", "Amelia", "Lucy",
    "Chloe", "Megan", "Rachel",
];

#[rustfmt::skip]
const EN_FAMILY: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Taylor", "Davies", "Evans", "Wilson", "Roberts",
    "Walker", "Wright", "Thompson", "Hughes", "Green", "Hall", "Wood", "Harris", "Turner",
];

/// French names with their ASCII spelling for logins.
#[rustfmt::skip]
const FR_MEN: &[(&str, &str)] = &[
    ("Pierre", "pierre"), ("Julien", "julien"), ("Nicolas", "nicolas"), ("Antoine", "antoine"),
    ("Mathieu", "mathieu"), ("Sébastien", "sebastien"), ("François", "francois"), ("Hugo", "hugo"),
    ("Jérôme", "jerome"),
];

#[rustfmt::skip]
const FR_WOMEN: &[(&str, &str)] = &[
    ("Camille", "camille"), ("Léa", "lea"), ("Chloé", "chloe"), ("Manon", "manon"),
    ("Hélène", "helene"), ("Céline", "celine"), ("Isabelle", "isabelle"), ("Amélie", "amelie"),
    ("Émilie", "emilie"),
];

#[rustfmt::skip]
const FR_FAMILY: &[(&str, &str)] = &[
    ("Martin", "martin"), ("Bernard", "bernard"), ("Dubois", "dubois"), ("Robert", "robert"),
    ("Richard", "richard"), ("Petit", "petit"), ("Durand", "durand"), ("Lefèvre", "lefevre"),
    ("Moreau", "moreau"), ("Girard", "girard"), ("Rousseau", "rousseau"), ("Fontaine", "fontaine"),
    ("Chevalier", "chevalier"), ("Mercier", "mercier"),
];

/// Russian names with their transliteration.
#[rustfmt::skip]
const RU_MEN: &[(&str, &str)] = &[
    ("Алексей", "aleksey"), ("Дмитрий", "dmitry"), ("Сергей", "sergey"), ("Андрей", "andrey"),
    ("Иван", "ivan"), ("Михаил", "mikhail"), ("Николай", "nikolay"), ("Павел", "pavel"),
    ("Артём", "artem"),
];

#[rustfmt::skip]
const RU_WOMEN: &[(&str, &str)] = &[
    ("Ольга", "olga"), ("Екатерина", "ekaterina"), ("Анна", "anna"), ("Мария", "maria"),
    ("Наталья", "natalya"), ("Татьяна", "tatyana"), ("Елена", "elena"), ("Юлия", "yulia"),
    ("Ирина", "irina"),
];

/// Masculine forms; the feminine adds "а" / "a".
#[rustfmt::skip]
const RU_FAMILY: &[(&str, &str)] = &[
    ("Иванов", "ivanov"), ("Смирнов", "smirnov"), ("Кузнецов", "kuznetsov"), ("Попов", "popov"),
    ("Васильев", "vasilyev"), ("Петров", "petrov"), ("Соколов", "sokolov"),
    ("Михайлов", "mikhailov"), ("Новиков", "novikov"), ("Фёдоров", "fedorov"),
    ("Морозов", "morozov"), ("Лебедев", "lebedev"), ("Козлов", "kozlov"), ("Егоров", "egorov"),
];

/// Chinese family and given names with their pinyin.
#[rustfmt::skip]
const ZH_FAMILY: &[(&str, &str)] = &[
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"),
    ("黄", "huang"), ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"),
    ("马", "ma"), ("朱", "zhu"), ("胡", "hu"), ("郭", "guo"),
];

#[rustfmt::skip]
const ZH_GIVEN: &[(&str, &str)] = &[
    ("伟", "wei"), ("芳", "fang"), ("敏", "min"), ("静", "jing"), ("磊", "lei"), ("强", "qiang"),
    ("洋", "yang"), ("艳", "yan"), ("勇", "yong"), ("军", "jun"), ("涛", "tao"), ("明", "ming"),
    ("超", "chao"), ("秀英", "xiuying"), ("丽", "li"), ("晨", "chen"), ("浩然", "haoran"),
    ("思远", "siyuan"), ("雪", "xue"), ("婷", "ting"),
];

/// A random name in a language: display name, greeting, login stem.
pub(super) fn name(rng: &mut StdRng, lang: Language) -> (String, String, String) {
    let woman = rng.random_bool(0.5);
    match lang {
        Language::En => {
            let given = *pick(rng, if woman { EN_WOMEN } else { EN_MEN });
            let family = *pick(rng, EN_FAMILY);
            (
                format!("{given} {family}"),
                given.to_string(),
                format!("{}.{}", given.to_lowercase(), family.to_lowercase()),
            )
        }
        Language::Fr => {
            let (given, g) = *pick(rng, if woman { FR_WOMEN } else { FR_MEN });
            let (family, f) = *pick(rng, FR_FAMILY);
            (
                format!("{given} {family}"),
                given.to_string(),
                format!("{g}.{f}"),
            )
        }
        Language::Ru => {
            let (given, g) = *pick(rng, if woman { RU_WOMEN } else { RU_MEN });
            let (family, f) = *pick(rng, RU_FAMILY);
            let (family, f) = if woman {
                (format!("{family}а"), format!("{f}a"))
            } else {
                (family.to_string(), f.to_string())
            };
            (
                format!("{given} {family}"),
                given.to_string(),
                format!("{g}.{f}"),
            )
        }
        Language::ZhCn => {
            let (family, f) = *pick(rng, ZH_FAMILY);
            let (given, g) = *pick(rng, ZH_GIVEN);
            let full = format!("{family}{given}");
            (full.clone(), full, format!("{g}.{f}"))
        }
    }
}
