//! Property tests: keywords are found whatever the case, accents and surrounding text; the
//! outcome's patch gives the service layer the engine's ticket; the shipped rules reach a fixed
//! point after one run; time rules are due exactly from their instant on.

use chrono::Duration;
use proptest::prelude::*;
use serde_json::json;

use super::*;
use crate::ticket::Status;

/// Keywords of every kind, with text that contains them in another form.
const SPELLINGS: [(&str, &str); 10] = [
    ("mot de passe", "MOT-DE-PASSE"),
    ("réseau", "Reseaux"),
    ("imprimante", "IMPRIMANTES"),
    ("пароль", "Паролем"),
    ("сеть", "СЕТИ"),
    ("ошибка", "ошибкой"),
    ("密码", "密码"),
    ("打印机", "打印机"),
    ("printer", "Printers"),
    ("crash*", "CRASHING"),
];

fn filler() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(vec![
            "the", "une", "в", "的", "1С", "!", ",", "  ", "\n", "и", "de",
        ]),
        0..8,
    )
    .prop_map(|w| w.join(" "))
}

proptest! {
    #[test]
    fn keywords_are_found_in_any_surrounding_text(
        i in 0..SPELLINGS.len(),
        before in filler(),
        after in filler(),
    ) {
        let (keyword, spelled) = SPELLINGS[i];
        let text = format!("{before} {spelled} {after}");
        prop_assert!(find_keyword(keyword, &text).is_some(), "{keyword} in {text:?}");
        // Any keyword is found in its own written form.
        prop_assert!(find_keyword(keyword.trim_end_matches('*'), &text.to_uppercase()).is_some()
            || keyword.ends_with('*'));
    }

    #[test]
    fn the_patch_gives_the_service_layer_the_engines_ticket(
        actions in prop::collection::vec(
            prop::sample::select(vec![
                json!({"set_category": 3}), json!({"set_type": "question"}),
                json!({"set_priority": "low"}), json!({"set_impact": "high"}),
                json!({"set_impact": "low"}), json!({"set_urgency": "high"}),
                json!({"set_level": 2}), json!({"set_group": 4}), json!({"set_group": null}),
                json!({"set_assignee": 9}), json!({"add_tags": ["a", "b"]}),
                json!({"remove_tags": ["a"]}), json!({"set_sla_policy": 2}),
                json!({"add_note": "n"}),
            ]),
            1..8,
        ),
        manual in any::<bool>(),
    ) {
        let mut f = facts("x");
        if manual {
            f.ticket.priority_manual = true;
        }
        let r = rule(json!({"name": "r", "event": "created", "actions": actions}));
        let out = run(&[r], &f);
        let expected = if out.patch.is_empty() {
            f.ticket.clone()
        } else {
            f.ticket.apply(&out.patch, &MATRIX, now()).unwrap().0
        };
        prop_assert_eq!(&out.ticket, &expected);
        // Each field ends with the value the last action gave it.
        let last = |key: &str| actions.iter().rev().find_map(|a| a.get(key).cloned());
        if let Some(level) = last("set_level") {
            prop_assert_eq!(out.ticket.level.get(), level.as_i64().unwrap());
        }
        if let Some(g) = last("set_group") {
            prop_assert_eq!(out.ticket.group.map(|g| g.0), g.as_i64());
        }
        if let Some(c) = last("set_category") {
            prop_assert_eq!(out.ticket.category.map(|c| c.0), c.as_i64());
        }
    }

    #[test]
    fn shipped_rules_change_nothing_the_second_time(
        subject in prop::sample::select(vec![
            "Mot de passe oublié", "Printer jams", "Нет доступа к сети", "电脑中病毒了",
            "Fichiers supprimés par erreur", "Hello", "Компьютер работает медленно",
        ]),
    ) {
        let rules: Vec<CompiledRule> = classification_rules(|k| {
            crate::category::DEFAULT_CATEGORIES
                .iter()
                .position(|c| c.0 == k)
                .map(|i| crate::ids::CategoryId(i as i64 + 1))
        })
        .into_iter()
        .map(|r| r.compile().unwrap())
        .collect();
        let first = run(&rules, &facts(subject));
        prop_assert!(first.fired.len() <= 1);
        let again = run(&rules, &TicketFacts::new(first.ticket.clone()));
        prop_assert!(again.is_empty());
    }

    #[test]
    fn time_rules_are_due_from_their_instant_on(
        hours in 1u32..500,
        since_min in 0i64..1_000_000,
        offset in -10_000i64..10_000,
    ) {
        let rule = TimeRule {
            name: "r".into(),
            active: true,
            kind: TimeRuleKind::AutoCloseResolved(AutoClose { after_days: hours }),
        };
        let since = utc("2026-01-01T00:00:00Z") + Duration::minutes(since_min);
        let f = TimeFacts {
            status: Status::Resolved,
            status_since: since,
            assignee: None,
            unassigned_since: None,
            level: crate::ticket::SupportLevel::HOTLINE,
            group: None,
            last_reminder_at: None,
        };
        let due = rule.due_at(&f).unwrap();
        prop_assert_eq!(due - since, Duration::days(i64::from(hours)));
        let at = due + Duration::minutes(offset);
        prop_assert_eq!(rule.check(&f, at).is_some(), at >= due);
    }
}
