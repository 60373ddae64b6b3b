use chrono::{Duration, TimeZone, Utc};

use super::*;
use crate::authz::Permission;
use crate::error::DomainError;
use crate::people::Language;

fn field(e: DomainError) -> String {
    match e {
        DomainError::Invalid(f) => f.field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

fn rule(e: DomainError) -> &'static str {
    match e {
        DomainError::Transition { rule, .. } => rule,
        other => panic!("expected a refused move, got {other:?}"),
    }
}

fn sop(steps: &[(&str, &str)]) -> ArticleText {
    ArticleText {
        title: "Reset a password".into(),
        content: ArticleContent::Sop {
            steps: steps
                .iter()
                .map(|(t, e)| SopStep {
                    text: t.to_string(),
                    expected: e.to_string(),
                })
                .collect(),
        },
    }
}

#[test]
fn every_allowed_move_and_its_permission() {
    use ArticleMove as M;
    use ArticleStatus as S;
    let allowed = [
        (S::Draft, M::Submit, S::Review, Permission::KbWrite),
        (S::Review, M::Approve, S::Published, Permission::KbPublish),
        (S::Review, M::SendBack, S::Draft, Permission::KbPublish),
        (S::Published, M::Archive, S::Archived, Permission::KbPublish),
        (S::Archived, M::Revive, S::Draft, Permission::KbWrite),
    ];
    for (from, mv, to, perm) in allowed {
        assert_eq!(plan_move(from, mv), Ok(to), "{from:?} {mv:?}");
        assert_eq!(mv.permission(), perm);
    }
    // Every other pair is refused, naming its rule.
    for from in ArticleStatus::ALL {
        for mv in ArticleMove::ALL {
            if allowed.iter().any(|(f, m, _, _)| f == from && m == mv) {
                continue;
            }
            let r = rule(plan_move(*from, *mv).unwrap_err());
            assert!(
                r.ends_with(match mv {
                    M::Submit => "only_draft",
                    M::Approve | M::SendBack => "only_review",
                    M::Archive => "only_published",
                    M::Revive => "only_archived",
                }),
                "{from:?} {mv:?}: {r}"
            );
        }
    }
    assert_eq!(
        rule(plan_move(S::Draft, M::Approve).unwrap_err()),
        "approve_only_review"
    );
    assert_eq!(
        rule(plan_move(S::Published, M::Revive).unwrap_err()),
        "revive_only_archived"
    );
}

#[test]
fn who_may_edit_in_which_status() {
    assert!(check_edit(ArticleStatus::Draft, false).is_ok());
    assert_eq!(
        rule(check_edit(ArticleStatus::Review, false).unwrap_err()),
        "review_edited_by_publisher"
    );
    assert!(check_edit(ArticleStatus::Review, true).is_ok());
    assert_eq!(
        rule(check_edit(ArticleStatus::Published, false).unwrap_err()),
        "published_edited_by_publisher"
    );
    assert!(check_edit(ArticleStatus::Published, true).is_ok());
    assert_eq!(
        rule(check_edit(ArticleStatus::Archived, true).unwrap_err()),
        "archived_is_read_only"
    );
}

#[test]
fn validation_names_the_field() {
    let mut t = sop(&[("Open the portal", "The login page shows")]);
    t.title = "  ".into();
    assert_eq!(field(t.validate(ArticleKind::Sop).unwrap_err()), "title");
    let mut t = sop(&[]);
    t.title = "x".repeat(201);
    assert_eq!(field(t.validate(ArticleKind::Sop).unwrap_err()), "title");
    let t = sop(&[("a", "b")]);
    assert_eq!(
        field(t.validate(ArticleKind::Faq).unwrap_err()),
        "content.kind"
    );
    let t = sop(&[("a", "b"), (&"y".repeat(50_001), "c")]);
    assert_eq!(
        field(t.validate(ArticleKind::Sop).unwrap_err()),
        "content.steps[1].text"
    );
    let many: Vec<(&str, &str)> = (0..101).map(|_| ("a", "b")).collect();
    assert_eq!(
        field(sop(&many).validate(ArticleKind::Sop).unwrap_err()),
        "content.steps"
    );
    // A draft may be incomplete; review needs every part.
    let t = sop(&[("  Open the portal  ", "")])
        .validate(ArticleKind::Sop)
        .unwrap();
    assert_eq!(
        t.content,
        ArticleContent::Sop {
            steps: vec![SopStep {
                text: "Open the portal".into(),
                expected: String::new()
            }]
        }
    );
    assert_eq!(
        field(t.check_complete().unwrap_err()),
        "content.steps[0].expected"
    );
    assert_eq!(
        field(sop(&[]).check_complete().unwrap_err()),
        "content.steps"
    );
    let ke = ArticleText {
        title: "VPN drops".into(),
        content: ArticleContent::KnownError {
            symptom: "drops".into(),
            cause: String::new(),
            workaround: "reconnect".into(),
        },
    };
    assert_eq!(field(ke.check_complete().unwrap_err()), "content.cause");
    assert!(sop(&[("a", "b")]).check_complete().is_ok());
}

#[test]
fn content_json_is_tagged_by_kind_and_strict() {
    let c: ArticleContent =
        serde_json::from_str(r#"{"kind":"faq","question":"Q?","answer":"A."}"#).unwrap();
    assert_eq!(c.kind(), ArticleKind::Faq);
    assert!(
        serde_json::from_str::<ArticleContent>(r#"{"kind":"faq","question":"Q?","colour":"red"}"#)
            .is_err()
    );
    assert!(serde_json::from_str::<ArticleContent>(r#"{"kind":"poem"}"#).is_err());
    let back = serde_json::to_value(&c).unwrap();
    assert_eq!(back["kind"], "faq");
}

#[test]
fn diff_counts_added_and_removed_lines() {
    let old = sop(&[("Open the portal", "Login page")]).to_plain();
    let new = sop(&[
        ("Open the portal", "The login page"),
        ("Click Reset", "A mail arrives"),
    ])
    .to_plain();
    let d = line_diff(&old, &new);
    assert_eq!(d.removed, 1);
    assert_eq!(d.added, 7, "{:#?}", d.lines);
    assert!(
        d.lines
            .iter()
            .any(|l| l.change == LineChange::Removed && l.text == "Login page")
    );
    assert!(
        d.lines
            .iter()
            .any(|l| l.change == LineChange::Added && l.text == "Click Reset")
    );
    assert!(
        d.lines
            .iter()
            .any(|l| l.change == LineChange::Same && l.text == "# Reset a password")
    );
    assert_eq!(line_diff(&old, &old).added, 0);
}

#[test]
fn needs_review_when_mostly_not_helpful_or_stale() {
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let p = ReviewPolicy::default();
    let fresh = ReviewFacts {
        status: ArticleStatus::Published,
        helpful: 1,
        not_helpful: 3,
        reviewed_at: Some(now - Duration::days(10)),
    };
    // Four votes: too few to judge.
    assert!(needs_review(&fresh, &p, now).is_empty());
    let bad = ReviewFacts {
        not_helpful: 4,
        ..fresh
    };
    assert_eq!(
        needs_review(&bad, &p, now),
        vec![ReviewReason::MostlyNotHelpful {
            helpful: 1,
            not_helpful: 4
        }]
    );
    // Exactly half is not "mostly".
    let even = ReviewFacts {
        helpful: 3,
        not_helpful: 3,
        ..fresh
    };
    assert!(needs_review(&even, &p, now).is_empty());
    let old = ReviewFacts {
        reviewed_at: Some(now - Duration::days(180)),
        ..fresh
    };
    assert_eq!(
        needs_review(&old, &p, now),
        vec![ReviewReason::Stale { days: 180 }]
    );
    let young = ReviewFacts {
        reviewed_at: Some(now - Duration::days(179)),
        ..fresh
    };
    assert!(needs_review(&young, &p, now).is_empty());
    // Drafts and archived articles are not on the list.
    let draft = ReviewFacts {
        status: ArticleStatus::Draft,
        ..bad
    };
    assert!(needs_review(&draft, &p, now).is_empty());
    let both = ReviewFacts {
        reviewed_at: None,
        ..bad
    };
    assert_eq!(needs_review(&both, &p, now).len(), 2);
}

#[test]
fn sop_steps_as_reply_text() {
    let steps = [
        SopStep {
            text: "Open **Settings**\nthen Accounts".into(),
            expected: "The account list shows".into(),
        },
        SopStep {
            text: "Click Reset".into(),
            expected: String::new(),
        },
    ];
    assert_eq!(
        sop_reply_text(" Reset a password ", &steps),
        "Reset a password\n\n1. Open **Settings**\n   then Accounts\n   Expected result: The account list shows\n\n2. Click Reset\n"
    );
}

#[test]
fn translations_visibility_and_kinds() {
    assert_eq!(
        field(check_translation(Language::Fr, Language::Fr).unwrap_err()),
        "lang"
    );
    assert!(check_translation(Language::En, Language::ZhCn).is_ok());
    assert!(readable_by_requesters(
        ArticleStatus::Published,
        ArticleVisibility::Public
    ));
    assert!(!readable_by_requesters(
        ArticleStatus::Published,
        ArticleVisibility::Internal
    ));
    assert!(!readable_by_requesters(
        ArticleStatus::Review,
        ArticleVisibility::Public
    ));
    for k in ArticleKind::ALL {
        assert_eq!(ArticleKind::parse(k.as_str(), "kind"), Ok(*k));
        assert_eq!(ArticleContent::empty(*k).kind(), *k);
    }
    assert_eq!(
        field(ArticleKind::parse("poem", "kind").unwrap_err()),
        "kind"
    );
    assert_eq!(
        field(ArticleVisibility::parse("secret", "visibility").unwrap_err()),
        "visibility"
    );
    assert_eq!(
        field(ArticleStatus::parse("gone", "status").unwrap_err()),
        "status"
    );
}
