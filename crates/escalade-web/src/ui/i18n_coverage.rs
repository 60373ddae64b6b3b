//! The translation guard: every language has exactly the keys English has, every file parses,
//! and every key that a template or handler asks for exists. Adding a string in one language
//! only, or mistyping a key, fails this test.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use escalade_core::journal::EntryKind;
use escalade_core::people::Language;
use escalade_core::ticket::{Channel, Impact, Priority, Status, TicketType, Urgency};
use fluent_templates::fluent_bundle::FluentResource;

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// The message ids of one language, after checking that each file parses.
fn keys_of(lang: &str) -> BTreeSet<String> {
    let mut files = Vec::new();
    files_under(&crate_dir().join("locales").join(lang), "ftl", &mut files);
    assert!(!files.is_empty(), "no .ftl files for {lang}");
    let mut keys = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        if let Err((_, errors)) = FluentResource::try_new(text.clone()) {
            panic!("{} does not parse: {errors:?}", file.display());
        }
        for line in text.lines() {
            let Some((id, _)) = line.split_once('=') else {
                continue;
            };
            let id = id.trim_end();
            let is_message = id.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if is_message {
                assert!(
                    keys.insert(id.to_string()),
                    "{id} is defined twice in {lang}"
                );
            }
        }
    }
    keys
}

/// Keys written literally in calls on a translator named `t` or `tr`, such as `t.get("key")`
/// or `viewer.tr.arg("key", ...)`. (Translators are always named so, which keeps this scan
/// simple and exact.)
fn keys_used_in(text: &str, out: &mut BTreeSet<String>) {
    let calls = ["get", "arg", "count", "args"].into_iter().flat_map(|m| {
        [
            format!(" t.{m}(\""),
            format!("(t.{m}(\""),
            format!(".t.{m}(\""),
            format!("tr.{m}(\""),
        ]
    });
    for call in calls {
        let call = call.as_str();
        let mut rest = text;
        while let Some(at) = rest.find(call) {
            rest = &rest[at + call.len()..];
            if let Some(end) = rest.find('"') {
                let key = &rest[..end];
                if !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    && key.contains('-')
                {
                    out.insert(key.to_string());
                }
            }
        }
    }
}

#[test]
fn every_language_has_every_key() {
    let english = keys_of("en");
    for lang in Language::ALL.iter().filter(|l| **l != Language::En) {
        let other = keys_of(lang.as_str());
        let missing: Vec<_> = english.difference(&other).collect();
        let extra: Vec<_> = other.difference(&english).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}: missing {missing:?}, not in English {extra:?}",
            lang.as_str()
        );
    }
}

#[test]
fn every_key_used_exists() {
    let english = keys_of("en");
    let mut sources = Vec::new();
    files_under(&crate_dir().join("templates"), "html", &mut sources);
    files_under(&crate_dir().join("src/ui"), "rs", &mut sources);
    let mut used = BTreeSet::new();
    for file in sources {
        if file.ends_with("i18n_coverage.rs") {
            continue;
        }
        keys_used_in(&std::fs::read_to_string(&file).unwrap(), &mut used);
    }
    assert!(used.len() > 20, "the key scan found too little: {used:?}");
    let unknown: Vec<_> = used.difference(&english).collect();
    assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
}

#[test]
fn every_word_of_the_ticket_model_is_translated() {
    let english = keys_of("en");
    let key = |prefix: &str, word: &str| format!("{prefix}-{}", word.replace('_', "-"));
    let mut wanted: Vec<String> = Vec::new();
    wanted.extend(Status::ALL.iter().map(|s| key("status", s.as_str())));
    wanted.extend(Priority::ALL.iter().map(|s| key("priority", s.as_str())));
    wanted.extend(Impact::ALL.iter().map(|s| key("impact", s.as_str())));
    wanted.extend(Urgency::ALL.iter().map(|s| key("urgency", s.as_str())));
    wanted.extend(TicketType::ALL.iter().map(|s| key("type", s.as_str())));
    wanted.extend(Channel::ALL.iter().map(|s| key("channel", s.as_str())));
    wanted.extend(EntryKind::ALL.iter().map(|s| key("entry", s.as_str())));
    let missing: Vec<_> = wanted.iter().filter(|k| !english.contains(*k)).collect();
    assert!(missing.is_empty(), "untranslated words: {missing:?}");
}
